/* kioskctl's commands on the roster: listing (as a table, or as CSV the import takes back),
 * adding and editing with one option per member field, deactivating, excluding from 应到 with
 * approval, and importing a roster workbook or CSV. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli/cli.h"
#include "core/store/db.h"
#include "core/party/leave.h"
#include "core/party/members.h"
#include "core/exchange/roster.h"
#include "core/base/syserr.h"

#define MAX_ROSTER_BYTES (16 * 1024 * 1024)

static const char *const member_table_header[] = {
	"编号", "姓名", "性别", "出生日期", "联系电话", "党籍状态", "党员类别", "居住情况", "所属支部", "党小组", "中心户",
};

struct member_list {
	struct cli_table t;
	bool csv;
	int count;
};

static int list_member(void *ctx, const struct member *m)
{
	struct member_list *l = ctx;
	const char *row[MF_COUNT + 1];
	char id[32];
	int f;

	snprintf(id, sizeof id, "%lld", (long long)m->id);
	row[0] = id;
	if (l->csv) {
		for (f = 0; f < MF_COUNT; f++)
			row[f + 1] = m->f[f];
	} else {
		static const enum member_field shown[] = { MF_NAME, MF_GENDER, MF_BIRTH, MF_PHONE,
							   MF_STATUS, MF_CATEGORY, MF_RESIDENCE,
							   MF_BRANCH, MF_GROUP, MF_HOUSEHOLD };
		for (f = 0; f < (int)(sizeof shown / sizeof shown[0]); f++)
			row[f + 1] = m->f[shown[f]];
	}
	cli_table_add(&l->t, row);
	l->count++;
	return 0;
}

static int cmd_members_list(struct cli *c, const struct cli_args *a)
{
	bool all = cli_flag(a, "all"), csv = cli_flag(a, "csv");
	struct member_list l = { .csv = csv };
	int f;

	if (csv) {
		const char *header[MF_COUNT + 1];
		header[0] = "编号";
		for (f = 0; f < MF_COUNT; f++)
			header[f + 1] = member_fields[f].header;
		cli_table_init(&l.t, MF_COUNT + 1, header);
	} else {
		cli_table_init(&l.t, 11, member_table_header);
	}
	if (members_each(c->db, all, list_member, &l, c->err, sizeof c->err) < 0) {
		cli_table_free(&l.t);
		return cli_fail(c);
	}
	cli_table_print(&l.t, csv);
	if (!csv)
		printf("共 %d 名党员%s\n", l.count, all ? "（含已停用）" : "");
	return 0;
}

/* The fields given as options (--name, --phone ...) into m; the rest stay as they are. */
static void apply_fields(const struct cli_args *a, struct member *m)
{
	int f;

	for (f = 0; f < MF_COUNT; f++) {
		const char *v = cli_value(a, member_fields[f].option);
		if (v)
			snprintf(m->f[f], MEMBER_TEXT, "%s", v);
	}
}

static int cmd_members_add(struct cli *c, const struct cli_args *a)
{
	struct member m;

	member_init(&m);
	apply_fields(a, &m);
	if (members_save(c->db, &m, c->actor, c->err, sizeof c->err) < 0)
		return cli_fail(c);
	printf("%lld\n", (long long)m.id);
	return 0;
}

static int cmd_members_edit(struct cli *c, const struct cli_args *a)
{
	struct member m;

	if (members_get(c->db, a->id[0], &m, c->err, sizeof c->err) < 0)
		return cli_fail(c);
	apply_fields(a, &m);
	if (members_save(c->db, &m, c->actor, c->err, sizeof c->err) < 0)
		return cli_fail(c);
	printf("已保存 %s（编号 %lld）\n", m.f[MF_NAME], (long long)m.id);
	return 0;
}

static int cmd_members_deactivate(struct cli *c, const struct cli_args *a)
{
	if (members_deactivate(c->db, a->id[0], c->now, c->actor, c->err, sizeof c->err) < 0)
		return cli_fail(c);
	printf("已停用编号 %lld；以前的会议记录不变\n", (long long)a->id[0]);
	return 0;
}

static int cmd_members_exclude(struct cli *c, const struct cli_args *a)
{
	const char *from = cli_value(a, "from");

	if (leave_exclude(c->db, a->id[0], cli_value(a, "reason"), cli_value(a, "approved-by"), from,
			  cli_value(a, "to"), c->actor, c->err, sizeof c->err) < 0)
		return cli_fail(c);
	printf("已记录：编号 %lld 自 %s 起不计入应到\n", (long long)a->id[0], from);
	return 0;
}

static void print_problem(void *ctx, const char *problem)
{
	(void)ctx;
	fprintf(stderr, "%s\n", problem);
}

/* Read a whole (bounded) file into memory. */
static char *read_file(const char *path, size_t *n, char *err, size_t errlen)
{
	FILE *f = fopen(path, "rb");
	char *data = NULL;
	struct stat sb;

	if (!f) {
		snprintf(err, errlen, "无法打开 %s：%s", path, syserr(errno));
		return NULL;
	}
	if (fstat(fileno(f), &sb) < 0 || !S_ISREG(sb.st_mode)) {
		snprintf(err, errlen, "%s 不是一个普通文件", path);
		goto out;
	}
	if (sb.st_size > MAX_ROSTER_BYTES) {
		snprintf(err, errlen, "%s 太大（超过 16 MB），不像是党员名单", path);
		goto out;
	}
	data = malloc((size_t)sb.st_size + 1);
	if (!data) {
		snprintf(err, errlen, "内存不足，无法读取 %s", path);
		goto out;
	}
	*n = fread(data, 1, (size_t)sb.st_size, f);
	if (ferror(f)) {
		snprintf(err, errlen, "读取 %s 出错：%s", path, syserr(errno));
		free(data);
		data = NULL;
	}
out:
	fclose(f);
	return data;
}

static int cmd_members_import(struct cli *c, const struct cli_args *a)
{
	bool dry_run = cli_flag(a, "dry-run");
	const char *path = a->pos[0], *label = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
	struct roster_result res;
	char *data;
	size_t n = 0;
	int rc;

	data = read_file(path, &n, c->err, sizeof c->err);
	if (!data)
		return cli_fail(c);
	rc = roster_import(c->db, label, data, n, c->actor, dry_run, &res, print_problem, NULL);
	free(data);
	if (rc < 0) {
		fprintf(stderr, "kioskctl: %s 没有导入，数据库没有任何改动；请改正以上问题后重新导入\n", label);
		return 1;
	}
	printf("%s%s（%s）：共 %d 行，新增 %d 人，更新 %d 人，未变 %d 人\n", dry_run ? "试导入 " : "已导入 ",
	       label, res.encoding, res.rows, res.added, res.updated, res.unchanged);
	if (res.ignored_columns[0])
		printf("以下列不认识，已忽略：%s\n", res.ignored_columns);
	return 0;
}

const struct cli_command cli_members_commands[] = {
	{ .name = "members", .sub = "list", .options = "all csv", .db = CLI_DB_OPEN,
	  .usage = "members list [--all] [--csv]", .help = "党员名单（--csv 可再导入）",
	  .exec = cmd_members_list },
	{ .name = "members", .sub = "add", .member_options = true, .db = CLI_DB_OPEN,
	  .usage = "members add --name 姓名 --branch 所属支部 [--phone 电话] [--gender 男|女]"
		   " [--birth 日期] [--status 正式|预备] [--category 类别] ...",
	  .help = "新增党员，输出编号", .exec = cmd_members_add },
	{ .name = "members", .sub = "edit", .member_options = true, .min_args = 1, .max_args = 1,
	  .args_missing = "请给出一个党员编号", .ids = { "党员" }, .db = CLI_DB_OPEN,
	  .usage = "members edit 编号 [--phone 电话] [--group 党小组] ...（只改给出的项）",
	  .help = "修改党员信息", .exec = cmd_members_edit },
	{ .name = "members", .sub = "deactivate", .min_args = 1, .max_args = 1,
	  .args_missing = "请给出一个党员编号", .ids = { "党员" }, .db = CLI_DB_OPEN,
	  .usage = "members deactivate 编号", .help = "停用党员（转出、迁走）",
	  .exec = cmd_members_deactivate },
	{ .name = "members", .sub = "import", .options = "dry-run", .min_args = 1, .max_args = 1,
	  .args_missing = "请给出一个名单文件", .db = CLI_DB_OPEN,
	  .usage = "members import 名单.xlsx|名单.csv [--dry-run]",
	  .help = "导入党员名单（Excel/WPS 表格 .xlsx，或 CSV）", .exec = cmd_members_import },
	{ .name = "members", .sub = "exclude", .options = "reason= approved-by= from= to=",
	  .min_args = 1, .max_args = 1, .args_missing = "请给出一个党员编号", .ids = { "党员" },
	  .db = CLI_DB_OPEN,
	  .usage = "members exclude 编号 --reason 原因 --approved-by 批准人 --from 日期 [--to 日期]",
	  .help = "经批准不计入应到（长期患病、出国等）", .exec = cmd_members_exclude },
	{ 0 },
};
