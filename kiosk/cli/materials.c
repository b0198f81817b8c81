/* kioskctl's commands on the study materials and 学习打卡: importing files and folders (each file
 * taken in on stdout, each refused on stderr with why, a progress line on a terminal), listing,
 * removing and pinning materials, and the study records. */
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "core/party/attendance.h"
#include "core/store/db.h"
#include "core/materials/materials.h"
#include "core/party/study.h"

/* What the import says as it goes: each file taken in on stdout, each refused on stderr, and
 * on a terminal a progress line that overwrites itself. */
struct import_report {
	bool tty;
};

static void import_progress(void *ctx, const struct import_progress *p)
{
	struct import_report *r = ctx;

	if (!r->tty)
		return;
	if (p->pages > 0)
		fprintf(stderr, "\r\033[K正在处理 %d/%d：%s（第 %d/%d 页）", p->files_done + 1, p->files_total,
			p->file ? p->file : "", p->page, p->pages);
	else
		fprintf(stderr, "\r\033[K正在处理 %d/%d：%s", p->files_done + 1 > p->files_total ?
			p->files_total : p->files_done + 1, p->files_total, p->file ? p->file : "");
}

static void import_problem(void *ctx, const char *line)
{
	struct import_report *r = ctx;

	fprintf(stderr, "%s未导入 %s\n", r->tty ? "\r\033[K" : "", line);
}

static void import_done(void *ctx, const struct material *m, bool duplicate)
{
	struct import_report *r = ctx;

	if (r->tty)
		fprintf(stderr, "\r\033[K");
	if (duplicate)
		printf("已有，没有重复导入：%s（编号 %lld）\n", m->title, (long long)m->id);
	else if (m->pages > 0)
		printf("已导入：%s（%s，%d 页，编号 %lld）\n", m->title, material_category_name(m->category),
		       m->pages, (long long)m->id);
	else
		printf("已导入：%s（%s，编号 %lld）\n", m->title, material_category_name(m->category),
		       (long long)m->id);
}

/* The import's options from the command line; 0, or -1 with c->err. */
static int import_options(struct cli *c, const struct cli_args *a, struct import_options *o)
{
	const char *category = cli_value(a, "category"), *width = cli_value(a, "page-width");

	memset(o, 0, sizeof *o);
	if (category && material_category_parse(category, &o->category, c->err, sizeof c->err) < 0)
		return -1;
	o->has_category = category != NULL;
	if (cli_parse_date(c, cli_value(a, "from"), o->show_from, "开始显示日期") < 0 ||
	    cli_parse_date(c, cli_value(a, "until"), o->show_until, "显示截止日期") < 0)
		return -1;
	if (o->show_from[0] && o->show_until[0] && strcmp(o->show_until, o->show_from) < 0) {
		snprintf(c->err, sizeof c->err, "显示截止日期 %s 早于开始显示日期 %s", o->show_until,
			 o->show_from);
		return -1;
	}
	o->page_width = width ? atoi(width) : materials_page_width(c->db);
	if (o->page_width < 200 || o->page_width > 4000) {
		snprintf(c->err, sizeof c->err, "--page-width“%s”应在 200 到 4000 之间", width ? width : "");
		return -1;
	}
	o->actor = c->actor;
	o->now = c->now;
	o->pinned = cli_flag(a, "pin");
	return 0;
}

static int cmd_materials_import(struct cli *c, const struct cli_args *a)
{
	struct import_report report = { isatty(STDERR_FILENO) != 0 };
	struct import_options o;
	struct import_result res;

	if (import_options(c, a, &o) < 0)
		return cli_fail(c);
	/* Folders an earlier import left when the power was cut go first. */
	materials_clean(c->db);
	o.progress = import_progress;
	o.problem = import_problem;
	o.imported = import_done;
	o.ctx = &report;
	if (materials_import(c->db, a->pos, a->npos, &o, &res, c->err, sizeof c->err) < 0)
		return cli_fail(c);
	if (report.tty)
		fprintf(stderr, "\r\033[K");
	printf("共 %d 个文件：新导入 %d 份，已有 %d 份，未导入 %d 份\n", res.found, res.imported,
	       res.duplicates, res.refused);
	if (res.refused)
		fprintf(stderr, "kioskctl: 有 %d 个文件没有导入（原因见上）%s\n", res.refused,
			res.imported || res.duplicates ? "；其余文件已正常导入" : "");
	return res.refused ? 1 : 0;
}

struct material_list {
	struct cli_table t;
	bool all;
	char today[DATE_TEXT];
};

/* Whether and how members see it: 显示中, 置顶, 已过期（…）, … 起显示, 已删除. */
static void material_state(const struct material *m, const char *today, char *out, size_t size)
{
	if (m->removed)
		snprintf(out, size, "已删除");
	else if (m->show_from[0] && strcmp(m->show_from, today) > 0)
		snprintf(out, size, "%s 起显示", m->show_from);
	else if (m->show_until[0] && strcmp(m->show_until, today) < 0)
		snprintf(out, size, "已过期（%s）", m->show_until);
	else if (m->show_until[0])
		snprintf(out, size, "%s显示到 %s", m->pinned ? "置顶，" : "", m->show_until);
	else
		snprintf(out, size, "%s", m->pinned ? "置顶" : "显示中");
}

static int list_material(void *ctx, const struct material *m)
{
	struct material_list *l = ctx;
	char id[32], pages[16] = "", at[CLOCK_TEXT], state[64];
	const char *row[6];

	if (m->removed && !l->all)
		return 0;
	snprintf(id, sizeof id, "%lld", (long long)m->id);
	if (m->pages > 0)
		snprintf(pages, sizeof pages, "%d", m->pages);
	clock_format_minutes(m->imported_at, at);
	material_state(m, l->today, state, sizeof state);
	row[0] = id;
	row[1] = m->title;
	row[2] = material_category_name(m->category);
	row[3] = pages;
	row[4] = at;
	row[5] = state;
	cli_table_add(&l->t, row);
	return 0;
}

static int cmd_materials_list(struct cli *c, const struct cli_args *a)
{
	static const char *const header[] = { "编号", "标题", "类别", "页数", "导入时间", "状态" };
	bool csv = cli_flag(a, "csv");
	struct material_list l = { .all = cli_flag(a, "all") };

	clock_format_date(c->now, l.today);
	cli_table_init(&l.t, 6, header);
	if (materials_each(c->db, true, c->now, list_material, &l, c->err, sizeof c->err) < 0) {
		cli_table_free(&l.t);
		return cli_fail(c);
	}
	if (!csv && l.t.rows == 0) {
		printf("还没有学习资料；用 kioskctl materials import 导入\n");
		cli_table_free(&l.t);
		return 0;
	}
	cli_table_print(&l.t, csv);
	return 0;
}

static int cmd_materials_remove(struct cli *c, const struct cli_args *a)
{
	struct material m;

	if (materials_get(c->db, a->id[0], &m, c->err, sizeof c->err) < 0 ||
	    materials_remove(c->db, a->id[0], c->actor, c->err, sizeof c->err) < 0)
		return cli_fail(c);
	printf("已删除“%s”；已有的学习打卡记录仍然保留\n", m.title);
	return 0;
}

static int cmd_materials_pin(struct cli *c, const struct cli_args *a)
{
	bool off = cli_flag(a, "off");
	struct material m;

	if (materials_get(c->db, a->id[0], &m, c->err, sizeof c->err) < 0 ||
	    materials_set_pinned(c->db, a->id[0], !off, c->actor, c->err, sizeof c->err) < 0)
		return cli_fail(c);
	printf("“%s”%s\n", m.title, off ? "已取消置顶" : "已置顶");
	return 0;
}

static int list_study(void *ctx, const struct study_row *r)
{
	struct cli_table *t = ctx;
	char at[CLOCK_TEXT], minutes[16];
	const char *row[6];

	clock_format_minutes(r->at, at);
	snprintf(minutes, sizeof minutes, "%d", r->minutes);
	row[0] = at;
	row[1] = r->member;
	row[2] = r->branch;
	row[3] = r->material;
	row[4] = minutes;
	row[5] = attendance_method_label(r->method);
	cli_table_add(t, row);
	return 0;
}

static int cmd_study_list(struct cli *c, const struct cli_args *a)
{
	static const char *const header[] = { "时间", "姓名", "所属支部", "学习资料", "分钟", "方式" };
	const char *from_s = cli_value(a, "from"), *to_s = cli_value(a, "to");
	bool csv = cli_flag(a, "csv");
	struct cli_table t;
	time_t from = 86400, to = (time_t)4102444800LL;

	if ((from_s && cli_parse_time(c, from_s, &from, "开始时间") < 0) ||
	    (to_s && cli_parse_time(c, to_s, &to, "结束时间") < 0))
		return cli_fail(c);
	cli_table_init(&t, 6, header);
	if (study_each(c->db, from, to, list_study, &t, c->err, sizeof c->err) < 0) {
		cli_table_free(&t);
		return cli_fail(c);
	}
	if (!csv && t.rows == 0) {
		printf("这段时间没有学习打卡记录\n");
		cli_table_free(&t);
		return 0;
	}
	cli_table_print(&t, csv);
	return 0;
}

const struct cli_command cli_materials_commands[] = {
	{ .name = "materials", .sub = "import", .options = "category= from= until= pin page-width=",
	  .min_args = 1, .max_args = -1, .args_missing = "请给出要导入的文件或文件夹",
	  .db = CLI_DB_OPEN,
	  .usage = "materials import 文件或文件夹... [--category 类别] [--from 日期]"
		   " [--until 日期] [--pin] [--page-width 像素]",
	  .help = "导入学习资料（PDF、图片、文字；文件或文件夹）", .exec = cmd_materials_import },
	{ .name = "materials", .sub = "list", .options = "csv all", .db = CLI_DB_OPEN,
	  .usage = "materials list [--all] [--csv]", .help = "学习资料列表",
	  .exec = cmd_materials_list },
	{ .name = "materials", .sub = "remove", .min_args = 1, .max_args = 1,
	  .args_missing = "请给出一个学习资料编号", .ids = { "学习资料" }, .db = CLI_DB_OPEN,
	  .usage = "materials remove 编号", .help = "删除学习资料（学习记录保留）",
	  .exec = cmd_materials_remove },
	{ .name = "materials", .sub = "pin", .options = "off", .min_args = 1, .max_args = 1,
	  .args_missing = "请给出一个学习资料编号", .ids = { "学习资料" }, .db = CLI_DB_OPEN,
	  .usage = "materials pin 编号 [--off]", .help = "置顶学习资料（--off 取消）",
	  .exec = cmd_materials_pin },
	{ .name = "study", .sub = "list", .options = "from= to= csv", .db = CLI_DB_OPEN,
	  .usage = "study list [--from 时间] [--to 时间] [--csv]", .help = "学习打卡记录",
	  .exec = cmd_study_list },
	{ 0 },
};
