/* kioskctl's commands between the kiosk and the office: the export to a USB stick, and on the
 * office's machine the merge of several kiosks' exports and the quarter's report. */
#include <stdio.h>

#include "cli/cli.h"
#include "core/store/db.h"
#include "core/exchange/export.h"
#include "core/exchange/merge.h"

static void export_progress(void *ctx, const char *file, int done, int total)
{
	(void)ctx;
	fprintf(stderr, "已写好 %s（%d/%d）\n", file, done, total);
}

static int cmd_export(struct cli *c, const struct cli_args *a)
{
	struct export_options o = { 0 };
	struct export_result res;

	o.only_new = cli_flag(a, "new");
	o.now = c->now;
	o.actor = c->actor;
	o.progress = cli_flag(a, "progress") ? export_progress : NULL;
	if (export_to(c->db, cli_value(a, "to"), &o, &res, c->err, sizeof c->err) < 0)
		return cli_fail(c);
	printf("%s\n", res.folder);
	fprintf(stderr, "导出完成，可以安全拔出 U 盘：会议 %d 场，签到 %d 条，请假 %d 条，党员 %d 人，会议纪实 %d 份，照片 %d 张\n",
		res.meetings, res.attendance, res.leaves, res.members, res.records, res.photos);
	if (res.photos_missing)
		fprintf(stderr, "注意：有 %d 张照片的文件在签到机上已损坏或丢失，没有导出\n", res.photos_missing);
	return 0;
}

/* Into the office's database named by --into, made on first use; --db plays no part. */
static int cmd_merge(struct cli *c, const struct cli_args *a)
{
	struct merge_result res;
	struct db *office;
	int rc;

	office = db_open(cli_value(a, "into"), DB_CREATE, c->err, sizeof c->err);
	if (!office)
		return cli_fail(c);
	if (!office->kiosk_id[0])
		db_setting_set(office, "kiosk_id", "office", c->err, sizeof c->err);
	rc = merge_exports(office, a->pos, a->npos, c->now, &res, c->err, sizeof c->err);
	db_close(office);
	if (rc < 0)
		return cli_fail(c);
	printf("已合并 %d 个导出（其中 %d 个以前合并过，不会重复计算）：会议 %d，签到 %d，请假 %d，党员 %d，会议纪实 %d 条记录，照片 %d 条记录（新存照片文件 %d 个）\n",
	       res.exports, res.repeated, res.meetings, res.attendance, res.leaves, res.members,
	       res.records, res.photos, res.photo_files);
	return 0;
}

static int cmd_report(struct cli *c, const struct cli_args *a)
{
	const char *quarter = cli_value(a, "quarter"), *out = cli_value(a, "out");
	int year, q;
	char tail;

	if (sscanf(quarter, "%4dQ%1d%c", &year, &q, &tail) != 2 &&
	    sscanf(quarter, "%4dq%1d%c", &year, &q, &tail) != 2)
		return cli_usage(c, "季度“%s”应写成 2026Q4", quarter);
	if (merge_report(c->db, year, q, out, c->err, sizeof c->err) < 0)
		return cli_fail(c);
	printf("%s\n", out);
	return 0;
}

static const char merge_missing[] = "请给出 --into 数据库和至少一个导出文件夹";

const struct cli_command cli_export_commands[] = {
	{ .name = "export", .options = "to= new progress", .required = "to",
	  .required_missing = "请用 --to 指定导出到哪里（U 盘的文件夹）", .db = CLI_DB_OPEN,
	  .usage = "export --to 文件夹 [--new] [--progress]",
	  .help = "导出签到记录到 U 盘（--new 只导新的）", .exec = cmd_export },
	{ .name = "merge", .options = "into=", .min_args = 1, .max_args = -1,
	  .args_missing = merge_missing, .required = "into", .required_missing = merge_missing,
	  .db = CLI_DB_NONE,
	  .usage = "merge --into 街道数据库 导出文件夹…", .help = "街道：合并各签到机的导出",
	  .exec = cmd_merge },
	{ .name = "report", .options = "quarter= out=", .required = "quarter out",
	  .required_missing = "请给出 --quarter 和 --out", .db = CLI_DB_OPEN,
	  .usage = "report --db 街道数据库 --quarter 2026Q4 --out 报表.xlsx", .help = "街道：季度报表",
	  .exec = cmd_report },
	{ 0 },
};
