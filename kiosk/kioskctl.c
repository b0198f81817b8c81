/* kioskctl: the staff's and the office's tasks without the screen (docs/architecture.md).
 *
 * Every command takes --db PATH (else $KIOSK_DB, else the installed default). Output for people
 * is an aligned table in Chinese; --csv gives UTF-8 CSV with a header row for scripts. `add`
 * commands print the new id alone. Errors are one line on stderr naming what is wrong and what
 * to do; the exit status is 0 on success, 1 on bad input or a failed check, 2 on bad usage. */
#include <assert.h>
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <termios.h>
#include <unistd.h>

#include "core/attendance.h"
#include "core/backup.h"
#include "core/clock.h"
#include "core/csv_write.h"
#include "core/db.h"
#include "core/demo.h"
#include "core/demo_materials.h"
#include "core/export.h"
#include "core/leave.h"
#include "core/materials.h"
#include "core/meetings.h"
#include "core/members.h"
#include "core/merge.h"
#include "core/planner.h"
#include "core/roster.h"
#include "core/study.h"
#include "core/staff.h"
#include "core/utf8.h"
#include "core/syserr.h"

#define MAX_ROSTER_BYTES (16 * 1024 * 1024)
#define ERRLEN 1024

struct ctl {
	const char *db_path;
	struct db *db;
	const char *actor;
	time_t now;
	char err[ERRLEN];
};

/* ---- option parsing: "--name value", "--name=value", flags; the rest positional ---- */

struct opt {
	const char *name;   /* without "--" */
	const char **value; /* for options taking a value */
	bool *flag;         /* for flags */
};

#define MAX_POSITIONAL 16

static int usage_error(const char *usage, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static int usage_error(const char *usage, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "kioskctl: ");
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\n用法：kioskctl %s\n", usage);
	return 2;
}

/* Parse argv[0..argc) against opts; positional arguments go to pos (count in *npos). */
static int parse(int argc, char **argv, const struct opt *opts, const char **pos, int *npos,
		 const char *usage)
{
	int i;

	*npos = 0;
	for (i = 0; i < argc; i++) {
		const char *a = argv[i], *eq;
		const struct opt *o;
		size_t len;

		if (strncmp(a, "--", 2) != 0 || a[2] == '\0') {
			if (*npos == MAX_POSITIONAL)
				return usage_error(usage, "参数太多：%s", a);
			pos[(*npos)++] = a;
			continue;
		}
		a += 2;
		eq = strchr(a, '=');
		len = eq ? (size_t)(eq - a) : strlen(a);
		for (o = opts; o && o->name; o++)
			if (strlen(o->name) == len && strncmp(o->name, a, len) == 0)
				break;
		if (!o || !o->name)
			return usage_error(usage, "不认识的选项 --%s", a);
		if (o->flag) {
			if (eq)
				return usage_error(usage, "选项 --%s 不带值", o->name);
			*o->flag = true;
		} else if (eq) {
			*o->value = eq + 1;
		} else if (i + 1 < argc) {
			*o->value = argv[++i];
		} else {
			return usage_error(usage, "选项 --%s 需要一个值", o->name);
		}
	}
	return 0;
}

static int fail(struct ctl *c)
{
	fprintf(stderr, "kioskctl: %s\n", c->err);
	return 1;
}

static int open_db(struct ctl *c)
{
	c->db = db_open(c->db_path, 0, c->err, sizeof c->err);
	return c->db ? 0 : -1;
}

static int parse_id(const char *s, int64_t *id, const char *what, struct ctl *c)
{
	char *end;
	long long v;

	errno = 0;
	v = s ? strtoll(s, &end, 10) : 0;
	if (!s || errno || *end || v <= 0) {
		snprintf(c->err, sizeof c->err, "%s编号“%s”不对，应是一个正整数（用 list 命令可查看编号）",
			 what, s ? s : "");
		return -1;
	}
	*id = v;
	return 0;
}

static int parse_time(const char *s, time_t *t, const char *what, struct ctl *c)
{
	if (!s || clock_parse(s, t) < 0) {
		snprintf(c->err, sizeof c->err, "%s“%s”格式不对，请写成 2026-11-27 09:30", what,
			 s ? s : "");
		return -1;
	}
	return 0;
}

/* ---- tables for people ---- */

#define TABLE_MAX_COLS 24 /* the CSV roster: 编号 and every member field */

struct table {
	int cols;
	const char *header[TABLE_MAX_COLS];
	char **cells; /* rows * cols strings */
	size_t rows, cap;
};

static void table_init(struct table *t, int cols, const char *const *header)
{
	assert(cols <= TABLE_MAX_COLS);
	memset(t, 0, sizeof *t);
	t->cols = cols;
	memcpy(t->header, header, (size_t)cols * sizeof *header);
}

static void table_add(struct table *t, const char *const *row)
{
	int i;

	if (t->rows == t->cap) {
		size_t cap = t->cap ? t->cap * 2 : 64;
		char **cells = realloc(t->cells, cap * (size_t)t->cols * sizeof *cells);
		if (!cells)
			return;
		t->cells = cells;
		t->cap = cap;
	}
	for (i = 0; i < t->cols; i++)
		t->cells[t->rows * (size_t)t->cols + (size_t)i] = strdup(row[i] ? row[i] : "");
	t->rows++;
}

static void table_free(struct table *t)
{
	size_t i;

	for (i = 0; i < t->rows * (size_t)t->cols; i++)
		free(t->cells[i]);
	free(t->cells);
	t->cells = NULL;
	t->rows = t->cap = 0;
}

static void pad(FILE *out, size_t width, size_t want)
{
	for (; width < want; width++)
		fputc(' ', out);
}

/* Print as aligned columns (CJK characters are two columns wide), or as CSV; then free. */
static void table_print(struct table *t, bool csv)
{
	size_t width[TABLE_MAX_COLS] = { 0 }, r;
	int i;

	if (csv) {
		csv_write_bom(stdout);
		csv_write_row(stdout, t->header, (size_t)t->cols);
		for (r = 0; r < t->rows; r++)
			csv_write_row(stdout, (const char *const *)&t->cells[r * (size_t)t->cols],
				      (size_t)t->cols);
	} else {
		for (i = 0; i < t->cols; i++)
			width[i] = utf8_width(t->header[i]);
		for (r = 0; r < t->rows; r++)
			for (i = 0; i < t->cols; i++) {
				size_t w = utf8_width(t->cells[r * (size_t)t->cols + (size_t)i]);
				if (w > width[i])
					width[i] = w;
			}
		for (i = 0; i < t->cols; i++) {
			fputs(t->header[i], stdout);
			if (i + 1 < t->cols)
				pad(stdout, utf8_width(t->header[i]), width[i] + 2);
		}
		putchar('\n');
		for (r = 0; r < t->rows; r++) {
			for (i = 0; i < t->cols; i++) {
				const char *cell = t->cells[r * (size_t)t->cols + (size_t)i];
				fputs(cell, stdout);
				if (i + 1 < t->cols)
					pad(stdout, utf8_width(cell), width[i] + 2);
			}
			putchar('\n');
		}
	}
	table_free(t);
}

/* ---- init, check, backup ---- */

static int cmd_init(struct ctl *c, int argc, char **argv)
{
	static const char usage[] = "init [--demo] [--name 社区名称] [--kiosk-id 编号]";
	const char *pos[MAX_POSITIONAL], *name = NULL, *kiosk_id = NULL;
	bool demo = false;
	char generated[UUID_LEN + 8], uuid[UUID_LEN];
	const struct opt opts[] = {
		{ "demo", NULL, &demo }, { "name", &name, NULL }, { "kiosk-id", &kiosk_id, NULL }, { 0 }
	};
	struct stat sb;
	int npos, rc;

	if ((rc = parse(argc, argv, opts, pos, &npos, usage)) != 0 || npos)
		return rc ? rc : usage_error(usage, "多余的参数 %s", pos[0]);
	if (stat(c->db_path, &sb) == 0 && sb.st_size > 0) {
		snprintf(c->err, sizeof c->err, "数据库 %s 已经存在；要重新开始，请先把它移走或备份", c->db_path);
		return fail(c);
	}
	c->db = db_open(c->db_path, DB_CREATE, c->err, sizeof c->err);
	if (!c->db)
		return fail(c);
	if (!kiosk_id) {
		if (uuid_new(uuid) < 0) {
			snprintf(c->err, sizeof c->err, "系统无法生成随机编号");
			return fail(c);
		}
		snprintf(generated, sizeof generated, "kiosk-%.8s", uuid);
		kiosk_id = demo ? "demo-01" : generated;
	}
	if (db_setting_set(c->db, "kiosk_id", kiosk_id, c->err, sizeof c->err) < 0 ||
	    db_setting_set(c->db, "community_name", name ? name : demo ? DEMO_COMMUNITY : "本社区",
			   c->err, sizeof c->err) < 0)
		return fail(c);
	if (demo && (demo_populate(c->db, c->now, c->err, sizeof c->err) < 0 ||
		     demo_materials_import(c->db, c->now, c->err, sizeof c->err) < 0))
		return fail(c);
	if (demo && staff_set_pin(c->db, DEMO_STAFF_NAME, DEMO_STAFF_PIN, c->actor, c->now, c->err,
				  sizeof c->err) < 0)
		return fail(c);
	printf("已创建数据库 %s（签到机编号 %s）%s\n", c->db_path, kiosk_id,
	       demo ? "，并填入演示社区：137 名党员，4 个党支部" : "");
	return 0;
}

static int cmd_check(struct ctl *c, int argc, char **argv)
{
	const char *pos[MAX_POSITIONAL];
	int npos, rc;

	if ((rc = parse(argc, argv, NULL, pos, &npos, "check")) != 0)
		return rc;
	if (open_db(c) < 0 || db_check(c->db, c->err, sizeof c->err) < 0)
		return fail(c);
	printf("数据库完好：%s\n", c->db_path);
	return 0;
}

static int cmd_backup(struct ctl *c, int argc, char **argv)
{
	static const char usage[] = "backup --to 文件 | backup --rotate 文件夹 [--keep 14]";
	const char *pos[MAX_POSITIONAL], *to = NULL, *rotate = NULL, *keep_s = "14";
	const struct opt opts[] = { { "to", &to, NULL }, { "rotate", &rotate, NULL },
				    { "keep", &keep_s, NULL }, { 0 } };
	char tmp[1024], made[PATH_MAX + 64];
	struct db *copy;
	int npos, rc, keep;

	if ((rc = parse(argc, argv, opts, pos, &npos, usage)) != 0)
		return rc;
	if (!to == !rotate)
		return usage_error(usage, "请用 --to 指定备份文件，或用 --rotate 指定备份文件夹");
	if (rotate) {
		keep = atoi(keep_s);
		if (open_db(c) < 0 ||
		    backup_rotate(c->db, rotate, keep, c->now, made, sizeof made, c->err, sizeof c->err) < 0)
			return fail(c);
		printf("已备份到 %s（保留最近 %d 份）\n", made, keep);
		return 0;
	}
	if (access(to, F_OK) == 0) {
		snprintf(c->err, sizeof c->err, "备份文件 %s 已存在，请换一个文件名", to);
		return fail(c);
	}
	if (open_db(c) < 0)
		return fail(c);
	/* Copy beside the destination, check the copy, then rename: a backup is whole or absent. */
	snprintf(tmp, sizeof tmp, "%s.part", to);
	unlink(tmp);
	if (db_backup(c->db, tmp, c->err, sizeof c->err) < 0)
		return fail(c);
	copy = db_open(tmp, 0, c->err, sizeof c->err);
	if (!copy || db_check(copy, c->err, sizeof c->err) < 0) {
		db_close(copy);
		unlink(tmp);
		return fail(c);
	}
	db_close(copy);
	if (rename(tmp, to) < 0) {
		snprintf(c->err, sizeof c->err, "无法保存备份 %s：%s", to, syserr(errno));
		unlink(tmp);
		return fail(c);
	}
	printf("已备份到 %s\n", to);
	return 0;
}

static int cmd_restore(struct ctl *c, int argc, char **argv)
{
	static const char usage[] = "restore [--from 备份文件夹]（数据库损坏时用最新的好备份恢复）";
	const char *pos[MAX_POSITIONAL], *from = NULL;
	const struct opt opts[] = { { "from", &from, NULL }, { 0 } };
	char dir[PATH_MAX], note[PATH_MAX + 512];
	int npos, rc;

	if ((rc = parse(argc, argv, opts, pos, &npos, usage)) != 0)
		return rc;
	if (from)
		snprintf(dir, sizeof dir, "%s", from);
	else
		backup_dir_for(c->db_path, dir, sizeof dir);
	rc = backup_restore_if_broken(c->db_path, dir, c->now, note, sizeof note, c->err, sizeof c->err);
	if (rc < 0)
		return fail(c);
	printf("%s\n", rc ? note : "数据库完好，不需要恢复");
	return 0;
}

/* ---- members ---- */

static const char *const member_table_header[] = {
	"编号", "姓名", "性别", "出生日期", "联系电话", "党籍状态", "党员类别", "居住情况", "所属支部", "党小组", "中心户",
};

struct member_list {
	struct table t;
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
	table_add(&l->t, row);
	l->count++;
	return 0;
}

static int members_list_cmd(struct ctl *c, int argc, char **argv)
{
	static const char usage[] = "members list [--all] [--csv]";
	const char *pos[MAX_POSITIONAL];
	bool all = false, csv = false;
	const struct opt opts[] = { { "all", NULL, &all }, { "csv", NULL, &csv }, { 0 } };
	struct member_list l = { .csv = csv };
	int npos, rc, f;

	if ((rc = parse(argc, argv, opts, pos, &npos, usage)) != 0)
		return rc;
	if (open_db(c) < 0)
		return fail(c);
	l.csv = csv;
	if (csv) {
		const char *header[MF_COUNT + 1];
		header[0] = "编号";
		for (f = 0; f < MF_COUNT; f++)
			header[f + 1] = member_fields[f].header;
		table_init(&l.t, MF_COUNT + 1, header);
	} else {
		table_init(&l.t, 11, member_table_header);
	}
	if (members_each(c->db, all, list_member, &l, c->err, sizeof c->err) < 0)
		return fail(c);
	table_print(&l.t, csv);
	if (!csv)
		printf("共 %d 名党员%s\n", l.count, all ? "（含已停用）" : "");
	return 0;
}

/* Options --name, --phone ... from the field table, for add and edit. */
static void member_options(struct opt *opts, const char **values)
{
	int f;

	for (f = 0; f < MF_COUNT; f++) {
		opts[f].name = member_fields[f].option;
		opts[f].value = &values[f];
		opts[f].flag = NULL;
		values[f] = NULL;
	}
	memset(&opts[MF_COUNT], 0, sizeof opts[MF_COUNT]);
}

static int members_add_cmd(struct ctl *c, int argc, char **argv)
{
	static const char usage[] = "members add --name 姓名 --branch 所属支部 [--phone 电话] [--gender 男|女]"
				    " [--birth 日期] [--status 正式|预备] [--category 类别] ...";
	const char *pos[MAX_POSITIONAL], *values[MF_COUNT];
	struct opt opts[MF_COUNT + 1];
	struct member m;
	int npos, rc, f;

	member_options(opts, values);
	if ((rc = parse(argc, argv, opts, pos, &npos, usage)) != 0)
		return rc;
	if (open_db(c) < 0)
		return fail(c);
	member_init(&m);
	for (f = 0; f < MF_COUNT; f++)
		if (values[f])
			snprintf(m.f[f], MEMBER_TEXT, "%s", values[f]);
	if (members_save(c->db, &m, c->actor, c->err, sizeof c->err) < 0)
		return fail(c);
	printf("%lld\n", (long long)m.id);
	return 0;
}

static int members_edit_cmd(struct ctl *c, int argc, char **argv)
{
	static const char usage[] = "members edit 编号 [--phone 电话] [--group 党小组] ...（只改给出的项）";
	const char *pos[MAX_POSITIONAL], *values[MF_COUNT];
	struct opt opts[MF_COUNT + 1];
	struct member m;
	int64_t id;
	int npos, rc, f;

	member_options(opts, values);
	if ((rc = parse(argc, argv, opts, pos, &npos, usage)) != 0)
		return rc;
	if (npos != 1)
		return usage_error(usage, "请给出一个党员编号");
	if (parse_id(pos[0], &id, "党员", c) < 0 || open_db(c) < 0 ||
	    members_get(c->db, id, &m, c->err, sizeof c->err) < 0)
		return fail(c);
	for (f = 0; f < MF_COUNT; f++)
		if (values[f])
			snprintf(m.f[f], MEMBER_TEXT, "%s", values[f]);
	if (members_save(c->db, &m, c->actor, c->err, sizeof c->err) < 0)
		return fail(c);
	printf("已保存 %s（编号 %lld）\n", m.f[MF_NAME], (long long)m.id);
	return 0;
}

static int members_deactivate_cmd(struct ctl *c, int argc, char **argv)
{
	static const char usage[] = "members deactivate 编号";
	const char *pos[MAX_POSITIONAL];
	int64_t id;
	int npos, rc;

	if ((rc = parse(argc, argv, NULL, pos, &npos, usage)) != 0)
		return rc;
	if (npos != 1)
		return usage_error(usage, "请给出一个党员编号");
	if (parse_id(pos[0], &id, "党员", c) < 0 || open_db(c) < 0 ||
	    members_deactivate(c->db, id, c->now, c->actor, c->err, sizeof c->err) < 0)
		return fail(c);
	printf("已停用编号 %lld；以前的会议记录不变\n", (long long)id);
	return 0;
}

static int members_exclude_cmd(struct ctl *c, int argc, char **argv)
{
	static const char usage[] = "members exclude 编号 --reason 原因 --approved-by 批准人 --from 日期 [--to 日期]";
	const char *pos[MAX_POSITIONAL], *reason = NULL, *by = NULL, *from = NULL, *to = NULL;
	const struct opt opts[] = { { "reason", &reason, NULL }, { "approved-by", &by, NULL },
				    { "from", &from, NULL },     { "to", &to, NULL },
				    { 0 } };
	int64_t id;
	int npos, rc;

	if ((rc = parse(argc, argv, opts, pos, &npos, usage)) != 0)
		return rc;
	if (npos != 1)
		return usage_error(usage, "请给出一个党员编号");
	if (parse_id(pos[0], &id, "党员", c) < 0 || open_db(c) < 0 ||
	    leave_exclude(c->db, id, reason, by, from, to, c->actor, c->err, sizeof c->err) < 0)
		return fail(c);
	printf("已记录：编号 %lld 自 %s 起不计入应到\n", (long long)id, from);
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

static int members_import_cmd(struct ctl *c, int argc, char **argv)
{
	static const char usage[] = "members import 名单.xlsx|名单.csv [--dry-run]";
	const char *pos[MAX_POSITIONAL];
	bool dry_run = false;
	const struct opt opts[] = { { "dry-run", NULL, &dry_run }, { 0 } };
	struct roster_result res;
	const char *label;
	char *data;
	size_t n = 0;
	int npos, rc;

	if ((rc = parse(argc, argv, opts, pos, &npos, usage)) != 0)
		return rc;
	if (npos != 1)
		return usage_error(usage, "请给出一个名单文件");
	data = read_file(pos[0], &n, c->err, sizeof c->err);
	if (!data)
		return fail(c);
	if (open_db(c) < 0) {
		free(data);
		return fail(c);
	}
	label = strrchr(pos[0], '/') ? strrchr(pos[0], '/') + 1 : pos[0];
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

/* ---- meetings ---- */

static int meetings_add_cmd(struct ctl *c, int argc, char **argv)
{
	static const char usage[] =
		"meetings add --kind 类型 --title 标题 --start \"2026-12-01 09:00\" --end \"2026-12-01 11:00\""
		" [--branch 支部] [--group 党小组] [--place 地点] [--vote | --election] [--host 主持人]"
		" [--recorder 记录人] [--topic 议题]";
	const char *pos[MAX_POSITIONAL], *kind = NULL, *title = NULL, *start = NULL, *end = NULL,
				       *branch = NULL, *group = NULL, *place = NULL, *host = NULL,
				       *recorder = NULL, *topic = NULL;
	bool vote = false, election = false;
	const struct opt opts[] = {
		{ "kind", &kind, NULL },   { "title", &title, NULL },     { "start", &start, NULL },
		{ "end", &end, NULL },     { "branch", &branch, NULL },   { "group", &group, NULL },
		{ "place", &place, NULL }, { "vote", NULL, &vote },       { "election", NULL, &election },
		{ "host", &host, NULL },   { "recorder", &recorder, NULL }, { "topic", &topic, NULL },
		{ 0 }
	};
	struct meeting m;
	int npos, rc;

	if ((rc = parse(argc, argv, opts, pos, &npos, usage)) != 0)
		return rc;
	if (!kind || !title || !start || !end)
		return usage_error(usage, "--kind、--title、--start 和 --end 都要给出");
	if (vote && election)
		return usage_error(usage, "--vote 和 --election 只能选一个");
	meeting_init(&m);
	if (meeting_kind_parse(kind, &m.kind, c->err, sizeof c->err) < 0 ||
	    parse_time(start, &m.start, "开始时间", c) < 0 || parse_time(end, &m.end, "结束时间", c) < 0)
		return fail(c);
	snprintf(m.title, sizeof m.title, "%s", title);
	snprintf(m.branch, sizeof m.branch, "%s", branch ? branch : "");
	snprintf(m.group, sizeof m.group, "%s", group ? group : "");
	snprintf(m.place, sizeof m.place, "%s", place ? place : "");
	snprintf(m.host, sizeof m.host, "%s", host ? host : "");
	snprintf(m.recorder, sizeof m.recorder, "%s", recorder ? recorder : "");
	snprintf(m.topic, sizeof m.topic, "%s", topic ? topic : "");
	m.vote = election ? VOTE_ELECTION : vote ? VOTE_MAJORITY : VOTE_NONE;
	if (open_db(c) < 0 || meetings_add(c->db, &m, c->actor, c->err, sizeof c->err) < 0)
		return fail(c);
	printf("%lld\n", (long long)m.id);
	return 0;
}

struct meeting_list {
	struct ctl *c;
	struct table t;
	int failed;
};

static int list_meeting(void *ctx, const struct meeting *m)
{
	struct meeting_list *l = ctx;
	struct meeting_counts counts;
	char id[32], start[CLOCK_TEXT], end[CLOCK_TEXT], expected[16], present[16];
	const char *row[9];

	if (attendance_counts(l->c->db, m, &counts, l->c->err, sizeof l->c->err) < 0) {
		l->failed = 1;
		return 1;
	}
	snprintf(id, sizeof id, "%lld", (long long)m->id);
	clock_format_minutes(m->start, start);
	clock_format_minutes(m->end, end);
	if (m->kind == MK_VOLUNTEER)
		snprintf(expected, sizeof expected, "-");
	else
		snprintf(expected, sizeof expected, "%d", counts.expected);
	snprintf(present, sizeof present, "%d", counts.present);
	row[0] = id;
	row[1] = meeting_kind_name(m->kind);
	row[2] = m->title;
	row[3] = m->branch[0] ? m->branch : "全体党员";
	row[4] = start;
	row[5] = end;
	row[6] = m->place;
	row[7] = expected;
	row[8] = present;
	table_add(&l->t, row);
	return 0;
}

static int meetings_list_cmd(struct ctl *c, int argc, char **argv)
{
	static const char usage[] = "meetings list [--from 时间] [--to 时间] [--today] [--csv]";
	static const char *const header[] = { "编号", "类型", "标题", "支部", "开始",
					      "结束", "地点", "应到", "实到" };
	const char *pos[MAX_POSITIONAL], *from_s = NULL, *to_s = NULL;
	bool csv = false, today = false;
	const struct opt opts[] = { { "from", &from_s, NULL }, { "to", &to_s, NULL },
				    { "today", NULL, &today }, { "csv", NULL, &csv },
				    { 0 } };
	struct meeting_list l = { .c = c };
	time_t from = 86400, to = (time_t)4102444800LL; /* 1970-01-02 .. 2100-01-01 */
	int npos, rc;

	if ((rc = parse(argc, argv, opts, pos, &npos, usage)) != 0)
		return rc;
	if ((from_s && parse_time(from_s, &from, "开始时间", c) < 0) ||
	    (to_s && parse_time(to_s, &to, "结束时间", c) < 0))
		return fail(c);
	if (today) {
		struct tm tm;
		localtime_r(&c->now, &tm);
		tm.tm_hour = tm.tm_min = tm.tm_sec = 0;
		tm.tm_isdst = -1;
		from = mktime(&tm);
		to = from + 86400;
	}
	if (open_db(c) < 0)
		return fail(c);
	table_init(&l.t, 9, header);
	if (meetings_each_between(c->db, from, to, list_meeting, &l, c->err, sizeof c->err) < 0 ||
	    l.failed)
		return fail(c);
	if (!csv && l.t.rows == 0) {
		printf("%s没有会议\n", today ? "今天" : "这段时间");
		table_free(&l.t);
		return 0;
	}
	table_print(&l.t, csv);
	return 0;
}

/* ---- leave, sign-in, 签到表 ---- */

static int leave_add_cmd(struct ctl *c, int argc, char **argv)
{
	static const char usage[] = "leave add --meeting 会议编号 --member 党员编号 --reason 原因";
	const char *pos[MAX_POSITIONAL], *meeting = NULL, *member = NULL, *reason = NULL;
	const struct opt opts[] = { { "meeting", &meeting, NULL }, { "member", &member, NULL },
				    { "reason", &reason, NULL }, { 0 } };
	int64_t meeting_id, member_id;
	int npos, rc;

	if ((rc = parse(argc, argv, opts, pos, &npos, usage)) != 0)
		return rc;
	if (!meeting && npos > 0)
		meeting = pos[0];
	if (!member && npos > 1)
		member = pos[1];
	if (!meeting || !member || !reason)
		return usage_error(usage, "请给出会议编号、党员编号和请假原因");
	if (parse_id(meeting, &meeting_id, "会议", c) < 0 || parse_id(member, &member_id, "党员", c) < 0 ||
	    open_db(c) < 0 ||
	    leave_add(c->db, meeting_id, member_id, reason, c->actor, c->now, c->err, sizeof c->err) < 0)
		return fail(c);
	printf("已记录请假\n");
	return 0;
}

static int checkin_cmd(struct ctl *c, int argc, char **argv)
{
	static const char usage[] = "checkin 会议编号 党员编号 [--method staff|touch|qr]";
	const char *pos[MAX_POSITIONAL], *method_s = "staff";
	const struct opt opts[] = { { "method", &method_s, NULL }, { 0 } };
	enum checkin_method method;
	struct checkin in;
	int64_t meeting_id, member_id;
	char hhmm[6];
	int npos, rc;

	if ((rc = parse(argc, argv, opts, pos, &npos, usage)) != 0)
		return rc;
	if (npos != 2)
		return usage_error(usage, "请给出会议编号和党员编号");
	if (strcmp(method_s, "staff") == 0)
		method = METHOD_STAFF;
	else if (strcmp(method_s, "touch") == 0)
		method = METHOD_TOUCH;
	else if (strcmp(method_s, "qr") == 0)
		method = METHOD_QR;
	else
		return usage_error(usage, "签到方式“%s”只能是 staff、touch 或 qr", method_s);
	if (parse_id(pos[0], &meeting_id, "会议", c) < 0 || parse_id(pos[1], &member_id, "党员", c) < 0 ||
	    open_db(c) < 0 ||
	    attendance_checkin(c->db, meeting_id, member_id, method, c->now, &in, c->err,
			       sizeof c->err) < 0)
		return fail(c);
	clock_format_hhmm(in.at, hhmm);
	printf("%s %s%s\n", in.already ? "已签到" : "签到成功", hhmm, in.guest ? "（列席）" : "");
	return 0;
}

struct sheet {
	struct table t;
};

static int sheet_row(void *ctx, const struct sheet_row *r)
{
	struct sheet *s = ctx;
	const char *row[7];
	char hhmm[6] = "";

	if (r->checked_at[0])
		snprintf(hhmm, sizeof hhmm, "%.5s", r->checked_at + 11);
	row[0] = r->name;
	row[1] = r->branch;
	row[2] = r->status;
	row[3] = attendance_state_name(r->state);
	row[4] = hhmm;
	row[5] = attendance_method_label(r->method);
	row[6] = r->reason;
	table_add(&s->t, row);
	return 0;
}

static int attendance_cmd(struct ctl *c, int argc, char **argv)
{
	static const char usage[] = "attendance 会议编号 [--csv]";
	static const char *const header[] = { "姓名", "所属支部", "党籍状态", "状态", "签到时间", "方式", "原因" };
	const char *pos[MAX_POSITIONAL];
	bool csv = false;
	const struct opt opts[] = { { "csv", NULL, &csv }, { 0 } };
	struct meeting m;
	struct meeting_counts n;
	struct sheet s;
	char start[CLOCK_TEXT], end[6];
	int64_t id;
	int npos, rc;

	if ((rc = parse(argc, argv, opts, pos, &npos, usage)) != 0)
		return rc;
	if (npos != 1)
		return usage_error(usage, "请给出一个会议编号");
	if (parse_id(pos[0], &id, "会议", c) < 0 || open_db(c) < 0 ||
	    meetings_get(c->db, id, &m, c->err, sizeof c->err) < 0 ||
	    attendance_counts(c->db, &m, &n, c->err, sizeof c->err) < 0)
		return fail(c);
	table_init(&s.t, 7, header);
	if (attendance_each_sheet_row(c->db, &m, sheet_row, &s, c->err, sizeof c->err) < 0)
		return fail(c);
	if (!csv) {
		clock_format_minutes(m.start, start);
		clock_format_hhmm(m.end, end);
		printf("%s（%s）\n%s-%s  %s  %s\n\n", m.title, meeting_kind_name(m.kind), start, end,
		       m.place, m.branch[0] ? m.branch : "全体党员");
	}
	table_print(&s.t, csv);
	if (!csv) {
		printf("\n应到 %d 人，实到 %d 人（正式 %d，预备 %d），请假 %d 人，缺席 %d 人，列席 %d 人\n",
		       n.expected, n.present, n.present_full, n.present_probationary, n.on_leave,
		       n.absent, n.guests);
		if (m.vote != VOTE_NONE)
			printf("%s：有表决权的党员应到 %d 人，实到 %d 人，需要至少 %d 人，%s\n",
			       quorum_mode_name(m.vote), n.quorum.voters_expected,
			       n.quorum.voters_present, n.quorum.needed,
			       n.quorum.met ? "已达到人数" : "未达到人数");
	}
	return 0;
}

/* ---- export to the office, the office's merge and report ---- */

static void export_progress(void *ctx, const char *file, int done, int total)
{
	(void)ctx;
	fprintf(stderr, "已写好 %s（%d/%d）\n", file, done, total);
}

static int export_cmd(struct ctl *c, int argc, char **argv)
{
	static const char usage[] = "export --to 文件夹 [--new] [--progress]";
	const char *pos[MAX_POSITIONAL], *to = NULL;
	bool only_new = false, show = false;
	const struct opt opts[] = { { "to", &to, NULL }, { "new", NULL, &only_new },
				    { "progress", NULL, &show }, { 0 } };
	struct export_options o = { 0 };
	struct export_result res;
	int npos, rc;

	if ((rc = parse(argc, argv, opts, pos, &npos, usage)) != 0)
		return rc;
	if (!to)
		return usage_error(usage, "请用 --to 指定导出到哪里（U 盘的文件夹）");
	if (open_db(c) < 0)
		return fail(c);
	o.only_new = only_new;
	o.now = c->now;
	o.actor = c->actor;
	o.progress = show ? export_progress : NULL;
	if (export_to(c->db, to, &o, &res, c->err, sizeof c->err) < 0)
		return fail(c);
	printf("%s\n", res.folder);
	fprintf(stderr, "导出完成，可以安全拔出 U 盘：会议 %d 场，签到 %d 条，请假 %d 条，党员 %d 人\n",
		res.meetings, res.attendance, res.leaves, res.members);
	return 0;
}

static int merge_cmd(struct ctl *c, int argc, char **argv)
{
	static const char usage[] = "merge --into 街道数据库 导出文件夹…";
	const char *pos[MAX_POSITIONAL], *into = NULL;
	const struct opt opts[] = { { "into", &into, NULL }, { 0 } };
	struct merge_result res;
	struct db *office;
	int npos, rc;

	if ((rc = parse(argc, argv, opts, pos, &npos, usage)) != 0)
		return rc;
	if (!into || npos == 0)
		return usage_error(usage, "请给出 --into 数据库和至少一个导出文件夹");
	office = db_open(into, DB_CREATE, c->err, sizeof c->err);
	if (!office)
		return fail(c);
	if (!office->kiosk_id[0])
		db_setting_set(office, "kiosk_id", "office", c->err, sizeof c->err);
	rc = merge_exports(office, pos, npos, c->now, &res, c->err, sizeof c->err);
	db_close(office);
	if (rc < 0)
		return fail(c);
	printf("已合并 %d 个导出（其中 %d 个以前合并过，不会重复计算）：会议 %d，签到 %d，请假 %d，党员 %d 条记录\n",
	       res.exports, res.repeated, res.meetings, res.attendance, res.leaves, res.members);
	return 0;
}

static int report_cmd(struct ctl *c, int argc, char **argv)
{
	static const char usage[] = "report --db 街道数据库 --quarter 2026Q4 --out 报表.xlsx";
	const char *pos[MAX_POSITIONAL], *quarter = NULL, *out = NULL;
	const struct opt opts[] = { { "quarter", &quarter, NULL }, { "out", &out, NULL }, { 0 } };
	int npos, rc, year, q;
	char tail;

	if ((rc = parse(argc, argv, opts, pos, &npos, usage)) != 0)
		return rc;
	if (!quarter || !out)
		return usage_error(usage, "请给出 --quarter 和 --out");
	if (sscanf(quarter, "%4dQ%1d%c", &year, &q, &tail) != 2 && sscanf(quarter, "%4dq%1d%c", &year, &q, &tail) != 2)
		return usage_error(usage, "季度“%s”应写成 2026Q4", quarter);
	if (open_db(c) < 0 || merge_report(c->db, year, q, out, c->err, sizeof c->err) < 0)
		return fail(c);
	printf("%s\n", out);
	return 0;
}

/* ---- study materials, 学习打卡, the quarter planner ---- */

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

static int date_option(const char *s, char out[DATE_TEXT], const char *what, struct ctl *c)
{
	char why[256];

	out[0] = '\0';
	if (!s)
		return 0;
	if (clock_normalise_date(s, out, why, sizeof why) < 0 || strlen(out) != 10) {
		snprintf(c->err, sizeof c->err, "%s“%s”不对，请写成 2026-12-31", what, s);
		return -1;
	}
	return 0;
}

static int materials_import_cmd(struct ctl *c, int argc, char **argv)
{
	static const char usage[] = "materials import 文件或文件夹... [--category 类别] [--from 日期]"
				    " [--until 日期] [--pin] [--page-width 像素]";
	const char *pos[MAX_POSITIONAL], *category = NULL, *from = NULL, *until = NULL, *width = NULL;
	bool pin = false;
	const struct opt opts[] = { { "category", &category, NULL }, { "from", &from, NULL },
				    { "until", &until, NULL },       { "pin", NULL, &pin },
				    { "page-width", &width, NULL },  { 0 } };
	struct import_report report = { isatty(STDERR_FILENO) != 0 };
	struct import_options o;
	struct import_result res;
	int npos, rc;

	if ((rc = parse(argc, argv, opts, pos, &npos, usage)) != 0)
		return rc;
	if (npos == 0)
		return usage_error(usage, "请给出要导入的文件或文件夹");
	memset(&o, 0, sizeof o);
	if (category && material_category_parse(category, &o.category, c->err, sizeof c->err) < 0)
		return fail(c);
	o.has_category = category != NULL;
	if (date_option(from, o.show_from, "开始显示日期", c) < 0 ||
	    date_option(until, o.show_until, "显示截止日期", c) < 0)
		return fail(c);
	if (o.show_from[0] && o.show_until[0] && strcmp(o.show_until, o.show_from) < 0) {
		snprintf(c->err, sizeof c->err, "显示截止日期 %s 早于开始显示日期 %s", o.show_until, o.show_from);
		return fail(c);
	}
	if (open_db(c) < 0)
		return fail(c);
	o.page_width = width ? atoi(width) : materials_page_width(c->db);
	if (o.page_width < 200 || o.page_width > 4000) {
		snprintf(c->err, sizeof c->err, "--page-width“%s”应在 200 到 4000 之间", width ? width : "");
		return fail(c);
	}
	/* Folders an earlier import left when the power was cut go first. */
	materials_clean(c->db);
	o.actor = c->actor;
	o.now = c->now;
	o.pinned = pin;
	o.progress = import_progress;
	o.problem = import_problem;
	o.imported = import_done;
	o.ctx = &report;
	if (materials_import(c->db, pos, npos, &o, &res, c->err, sizeof c->err) < 0)
		return fail(c);
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
	struct table t;
	bool all;
	time_t now;
};

static int list_material(void *ctx, const struct material *m)
{
	struct material_list *l = ctx;
	char id[32], pages[16], at[CLOCK_TEXT], state[64];
	const char *row[6];
	char today[DATE_TEXT];

	if (m->removed && !l->all)
		return 0;
	clock_format_date(l->now, today);
	snprintf(id, sizeof id, "%lld", (long long)m->id);
	if (m->pages > 0)
		snprintf(pages, sizeof pages, "%d", m->pages);
	else
		pages[0] = '\0';
	clock_format_minutes(m->imported_at, at);
	if (m->removed)
		snprintf(state, sizeof state, "已删除");
	else if (m->show_from[0] && strcmp(m->show_from, today) > 0)
		snprintf(state, sizeof state, "%s 起显示", m->show_from);
	else if (m->show_until[0] && strcmp(m->show_until, today) < 0)
		snprintf(state, sizeof state, "已过期（%s）", m->show_until);
	else if (m->show_until[0])
		snprintf(state, sizeof state, "%s显示到 %s", m->pinned ? "置顶，" : "", m->show_until);
	else
		snprintf(state, sizeof state, "%s", m->pinned ? "置顶" : "显示中");
	row[0] = id;
	row[1] = m->title;
	row[2] = material_category_name(m->category);
	row[3] = pages;
	row[4] = at;
	row[5] = state;
	table_add(&l->t, row);
	return 0;
}

static int materials_list_cmd(struct ctl *c, int argc, char **argv)
{
	static const char usage[] = "materials list [--all] [--csv]";
	static const char *const header[] = { "编号", "标题", "类别", "页数", "导入时间", "状态" };
	const char *pos[MAX_POSITIONAL];
	bool csv = false, all = false;
	const struct opt opts[] = { { "csv", NULL, &csv }, { "all", NULL, &all }, { 0 } };
	struct material_list l = { .all = false };
	int npos, rc;

	if ((rc = parse(argc, argv, opts, pos, &npos, usage)) != 0)
		return rc;
	if (open_db(c) < 0)
		return fail(c);
	l.all = all;
	l.now = c->now;
	table_init(&l.t, 6, header);
	if (materials_each(c->db, true, c->now, list_material, &l, c->err, sizeof c->err) < 0)
		return fail(c);
	if (!csv && l.t.rows == 0) {
		printf("还没有学习资料；用 kioskctl materials import 导入\n");
		table_free(&l.t);
		return 0;
	}
	table_print(&l.t, csv);
	return 0;
}

static int materials_remove_cmd(struct ctl *c, int argc, char **argv)
{
	static const char usage[] = "materials remove 编号";
	const char *pos[MAX_POSITIONAL];
	struct material m;
	int64_t id;
	int npos, rc;

	if ((rc = parse(argc, argv, NULL, pos, &npos, usage)) != 0)
		return rc;
	if (npos != 1)
		return usage_error(usage, "请给出一个学习资料编号");
	if (parse_id(pos[0], &id, "学习资料", c) < 0 || open_db(c) < 0 ||
	    materials_get(c->db, id, &m, c->err, sizeof c->err) < 0 ||
	    materials_remove(c->db, id, c->actor, c->err, sizeof c->err) < 0)
		return fail(c);
	printf("已删除“%s”；已有的学习打卡记录仍然保留\n", m.title);
	return 0;
}

static int materials_pin_cmd(struct ctl *c, int argc, char **argv)
{
	static const char usage[] = "materials pin 编号 [--off]";
	const char *pos[MAX_POSITIONAL];
	bool off = false;
	const struct opt opts[] = { { "off", NULL, &off }, { 0 } };
	struct material m;
	int64_t id;
	int npos, rc;

	if ((rc = parse(argc, argv, opts, pos, &npos, usage)) != 0)
		return rc;
	if (npos != 1)
		return usage_error(usage, "请给出一个学习资料编号");
	if (parse_id(pos[0], &id, "学习资料", c) < 0 || open_db(c) < 0 ||
	    materials_get(c->db, id, &m, c->err, sizeof c->err) < 0 ||
	    materials_set_pinned(c->db, id, !off, c->actor, c->err, sizeof c->err) < 0)
		return fail(c);
	printf("“%s”%s\n", m.title, off ? "已取消置顶" : "已置顶");
	return 0;
}

struct study_list {
	struct table t;
};

static int list_study(void *ctx, const struct study_row *r)
{
	struct study_list *l = ctx;
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
	table_add(&l->t, row);
	return 0;
}

static int study_list_cmd(struct ctl *c, int argc, char **argv)
{
	static const char usage[] = "study list [--from 时间] [--to 时间] [--csv]";
	static const char *const header[] = { "时间", "姓名", "所属支部", "学习资料", "分钟", "方式" };
	const char *pos[MAX_POSITIONAL], *from_s = NULL, *to_s = NULL;
	bool csv = false;
	const struct opt opts[] = { { "from", &from_s, NULL }, { "to", &to_s, NULL },
				    { "csv", NULL, &csv }, { 0 } };
	struct study_list l;
	time_t from = 86400, to = (time_t)4102444800LL;
	int npos, rc;

	if ((rc = parse(argc, argv, opts, pos, &npos, usage)) != 0)
		return rc;
	if ((from_s && parse_time(from_s, &from, "开始时间", c) < 0) ||
	    (to_s && parse_time(to_s, &to, "结束时间", c) < 0) || open_db(c) < 0)
		return fail(c);
	table_init(&l.t, 6, header);
	if (study_each(c->db, from, to, list_study, &l, c->err, sizeof c->err) < 0)
		return fail(c);
	if (!csv && l.t.rows == 0) {
		printf("这段时间没有学习打卡记录\n");
		table_free(&l.t);
		return 0;
	}
	table_print(&l.t, csv);
	return 0;
}

struct plan_report {
	struct table t;
};

static void planned(void *ctx, const struct meeting *m, bool created)
{
	struct plan_report *r = ctx;
	char start[CLOCK_TEXT], end[6];
	const char *row[6];

	clock_format_minutes(m->start, start);
	clock_format_hhmm(m->end, end);
	row[0] = created ? "新建" : "已有，未重复";
	row[1] = start;
	row[2] = meeting_kind_name(m->kind);
	row[3] = m->title;
	row[4] = m->group[0] ? m->group : m->branch[0] ? m->branch : "全体党员";
	row[5] = m->place;
	table_add(&r->t, row);
	(void)end;
}

static int meetings_plan_cmd(struct ctl *c, int argc, char **argv)
{
	static const char usage[] = "meetings plan --quarter 2027Q1 [--dry-run]";
	static const char *const header[] = { "", "开始", "类型", "标题", "参加", "地点" };
	const char *pos[MAX_POSITIONAL], *quarter_s = NULL;
	bool dry_run = false;
	const struct opt opts[] = { { "quarter", &quarter_s, NULL }, { "dry-run", NULL, &dry_run },
				    { 0 } };
	struct plan_report r;
	struct plan_result res;
	int npos, rc, year, quarter;

	if ((rc = parse(argc, argv, opts, pos, &npos, usage)) != 0)
		return rc;
	if (!quarter_s)
		return usage_error(usage, "请用 --quarter 指定季度，如 2027Q1");
	if (planner_parse_quarter(quarter_s, &year, &quarter, c->err, sizeof c->err) < 0 ||
	    open_db(c) < 0)
		return fail(c);
	table_init(&r.t, 6, header);
	if (planner_plan_quarter(c->db, year, quarter, dry_run, c->actor, planned, &r, &res, c->err,
				 sizeof c->err) < 0) {
		table_free(&r.t);
		return fail(c);
	}
	/* Printed only now: a plan that failed half-way was rolled back and printed nothing. */
	table_print(&r.t, false);
	printf("%d年第%d季度：%s %d 场会议；%d 场已经有了，没有重复%s\n", year, quarter,
	       dry_run ? "将新建" : "新建", res.created, res.existing, dry_run ? "（试运行，没有写入）" : "");
	return 0;
}

/* ---- staff PINs and settings ---- */

/* Read one line (the PIN) from f into out without its newline; 0, or -1 at end of input. */
static int read_line(FILE *f, char *out, size_t size)
{
	size_t n;

	if (!fgets(out, (int)size, f))
		return -1;
	n = strlen(out);
	while (n && (out[n - 1] == '\n' || out[n - 1] == '\r'))
		out[--n] = '\0';
	return 0;
}

/* Ask for the PIN on the terminal with echo off, or read it from stdin (one line, or the same
 * line twice) when stdin is not a terminal. */
static int ask_pin(struct ctl *c, char *pin, size_t size)
{
	char again[64] = "";
	struct termios old, quiet;
	bool tty = isatty(STDIN_FILENO) && tcgetattr(STDIN_FILENO, &old) == 0;
	int rc = -1;

	if (tty) {
		quiet = old;
		quiet.c_lflag &= (tcflag_t)~ECHO;
		tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
		fprintf(stderr, "请输入密码（%d 到 %d 位数字，输入时不显示）：", STAFF_PIN_MIN, STAFF_PIN_MAX);
	}
	if (read_line(stdin, pin, size) < 0) {
		snprintf(c->err, sizeof c->err, "没有读到密码：请在终端里输入，或用 echo 密码 | kioskctl staff add 姓名");
		goto out;
	}
	if (tty)
		fprintf(stderr, "\n请再输入一次：");
	if (read_line(stdin, again, sizeof again) < 0) {
		if (tty) {
			snprintf(c->err, sizeof c->err, "没有读到第二次输入的密码");
			goto out;
		}
		snprintf(again, sizeof again, "%s", pin); /* piped: one line is enough */
	}
	if (strcmp(pin, again) != 0) {
		snprintf(c->err, sizeof c->err, "两次输入的密码不一样，请重新运行 kioskctl staff add");
		goto out;
	}
	rc = 0;
out:
	if (tty) {
		tcsetattr(STDIN_FILENO, TCSAFLUSH, &old);
		fputc('\n', stderr);
	}
	explicit_bzero(again, sizeof again);
	return rc;
}

static int staff_add_cmd(struct ctl *c, int argc, char **argv)
{
	static const char usage[] = "staff add 姓名   （密码从终端输入两次，或从标准输入读一行）";
	const char *pos[MAX_POSITIONAL];
	char pin[64] = "";
	int npos, rc;

	if ((rc = parse(argc, argv, NULL, pos, &npos, usage)) != 0)
		return rc;
	if (npos != 1)
		return usage_error(usage, "请给出一位工作人员的姓名");
	if (ask_pin(c, pin, sizeof pin) < 0 || open_db(c) < 0 ||
	    staff_set_pin(c->db, pos[0], pin, c->actor, c->now, c->err, sizeof c->err) < 0) {
		explicit_bzero(pin, sizeof pin);
		return fail(c);
	}
	explicit_bzero(pin, sizeof pin);
	printf("已为 %s 设置管理密码。在签到机首页连点社区名称 5 次即可进入管理模式\n", pos[0]);
	return 0;
}

/* Ask one question on the terminal (or read the next line of a pipe); empty keeps def. */
static int ask(const char *question, const char *def, char *out, size_t size)
{
	if (isatty(STDIN_FILENO))
		fprintf(stderr, "%s%s%s%s：", question, def && *def ? "（回车 = " : "",
			def && *def ? def : "", def && *def ? "）" : "");
	if (read_line(stdin, out, size) < 0)
		return -1;
	if (!out[0] && def)
		snprintf(out, size, "%s", def);
	return 0;
}

static bool valid_kiosk_id(const char *id)
{
	size_t n = strlen(id), i;

	if (n == 0 || n > 32)
		return false;
	for (i = 0; i < n; i++)
		if (!((id[i] >= 'a' && id[i] <= 'z') || (id[i] >= 'A' && id[i] <= 'Z') ||
		      (id[i] >= '0' && id[i] <= '9') || id[i] == '-' || id[i] == '_'))
			return false;
	return true;
}

/* First-time setup on a new board: the community, this kiosk's id, the first staff member's
 * PIN and the room's Wi-Fi (shown as a QR code on the home screen). Asks on the terminal, or
 * reads the answers line by line from a pipe. */
static int setup_cmd(struct ctl *c, int argc, char **argv)
{
	static const char usage[] = "setup   （逐项提问：社区名称、签到机编号、管理员、密码、Wi-Fi）";
	const char *pos[MAX_POSITIONAL];
	char community[128] = "", kiosk_id[64] = "", staff[64] = "", pin[64] = "", ssid[96] = "",
	     pass[96] = "", current[128] = "";
	int npos, rc;

	if ((rc = parse(argc, argv, NULL, pos, &npos, usage)) != 0)
		return rc;
	c->db = db_open(c->db_path, DB_CREATE, c->err, sizeof c->err);
	if (!c->db)
		return fail(c);
	db_setting_get(c->db, "community_name", current, sizeof current);
	if (ask("社区名称，例如 幸福里社区", current, community, sizeof community) < 0 || !community[0]) {
		snprintf(c->err, sizeof c->err, "没有填社区名称");
		return fail(c);
	}
	if (ask("签到机编号（字母、数字、-，例如 xfl-01；一个社区有几台时各不相同）", c->db->kiosk_id,
		kiosk_id, sizeof kiosk_id) < 0 || !valid_kiosk_id(kiosk_id)) {
		snprintf(c->err, sizeof c->err, "签到机编号“%s”不对：只能用字母、数字、- 和 _，最多 32 个", kiosk_id);
		return fail(c);
	}
	if (ask("第一位管理员的姓名", NULL, staff, sizeof staff) < 0 || !staff[0]) {
		snprintf(c->err, sizeof c->err, "没有填管理员姓名");
		return fail(c);
	}
	if (ask_pin(c, pin, sizeof pin) < 0 || staff_pin_check(pin, c->err, sizeof c->err) < 0) {
		explicit_bzero(pin, sizeof pin);
		return fail(c);
	}
	if (ask("活动室 Wi-Fi 的名称（没有就直接回车）", "", ssid, sizeof ssid) < 0)
		ssid[0] = '\0';
	if (ssid[0] && ask("Wi-Fi 密码（没有密码就直接回车）", "", pass, sizeof pass) < 0)
		pass[0] = '\0';
	if (pass[0] && (strlen(pass) < 8 || strlen(pass) > 63)) {
		snprintf(c->err, sizeof c->err, "Wi-Fi 密码应是 8 到 63 个字符");
		return fail(c);
	}
	if (db_setting_set(c->db, "community_name", community, c->err, sizeof c->err) < 0 ||
	    db_setting_set(c->db, "kiosk_id", kiosk_id, c->err, sizeof c->err) < 0 ||
	    db_setting_set(c->db, "wifi_ssid", ssid, c->err, sizeof c->err) < 0 ||
	    db_setting_set(c->db, "wifi_password", pass, c->err, sizeof c->err) < 0 ||
	    staff_set_pin(c->db, staff, pin, c->actor, c->now, c->err, sizeof c->err) < 0) {
		explicit_bzero(pin, sizeof pin);
		return fail(c);
	}
	explicit_bzero(pin, sizeof pin);
	db_audit(c->db, c->actor, "初次设置", "", community, c->err, sizeof c->err);
	printf("已设置：%s，签到机编号 %s，管理员 %s%s%s\n", community, kiosk_id, staff,
	       ssid[0] ? "，Wi-Fi " : "", ssid);
	printf("下一步：kioskctl members import 名单.xlsx，然后 sudo systemctl enable --now kiosk.service\n");
	return 0;
}

static int staff_list_cmd(struct ctl *c, int argc, char **argv)
{
	static const char usage[] = "staff list [--csv]";
	static const char *const header[] = { "姓名", "密码", "添加时间" };
	const char *pos[MAX_POSITIONAL];
	bool csv = false;
	const struct opt opts[] = { { "csv", NULL, &csv }, { 0 } };
	struct staff_member s[64];
	struct staff_lock lock;
	struct table t;
	int npos, rc, n, i;

	if ((rc = parse(argc, argv, opts, pos, &npos, usage)) != 0)
		return rc;
	if (open_db(c) < 0 || (n = staff_list(c->db, s, 64, c->err, sizeof c->err)) < 0)
		return fail(c);
	table_init(&t, 3, header);
	for (i = 0; i < n && i < 64; i++) {
		const char *row[3] = { s[i].name, s[i].has_pin ? "已设置" : "未设置", s[i].created_at };
		table_add(&t, row);
	}
	table_print(&t, csv);
	staff_lock_load(c->db, &lock);
	if (!csv && staff_lock_active(&lock, c->now)) {
		char until[CLOCK_TEXT];
		clock_format_minutes(lock.until, until);
		printf("\n密码输错太多次，签到机的管理入口锁定到 %s；用 kioskctl staff add 重设密码可立即解锁\n", until);
	}
	return 0;
}

static int settings_cmd(struct ctl *c, int argc, char **argv)
{
	static const char usage[] = "settings get 名称 | settings set 名称 值   （例如 usb_root /media）";
	const char *pos[MAX_POSITIONAL];
	char value[1024];
	int npos, rc;

	if ((rc = parse(argc, argv, NULL, pos, &npos, usage)) != 0)
		return rc;
	if (npos == 2 && strcmp(pos[0], "get") == 0) {
		if (open_db(c) < 0)
			return fail(c);
		if (db_setting_get(c->db, pos[1], value, sizeof value) < 0) {
			snprintf(c->err, sizeof c->err, "没有设置“%s”", pos[1]);
			return fail(c);
		}
		printf("%s\n", value);
		return 0;
	}
	if (npos == 3 && strcmp(pos[0], "set") == 0) {
		if (strncmp(pos[1], "staff_lock", 10) == 0) {
			snprintf(c->err, sizeof c->err, "“%s”不能直接修改；解锁请用 kioskctl staff add 重设密码", pos[1]);
			return fail(c);
		}
		if (open_db(c) < 0 || db_begin(c->db, c->err, sizeof c->err) < 0)
			return fail(c);
		snprintf(value, sizeof value, "%s = %s", pos[1], pos[2]);
		if (db_setting_set(c->db, pos[1], pos[2], c->err, sizeof c->err) < 0 ||
		    db_audit(c->db, c->actor, "修改设置", "", value, c->err, sizeof c->err) < 0) {
			db_rollback(c->db);
			return fail(c);
		}
		if (db_commit(c->db, c->err, sizeof c->err) < 0)
			return fail(c);
		printf("已设置 %s\n", value);
		return 0;
	}
	return usage_error(usage, "请写 get 名称，或 set 名称 值");
}

/* ---- dispatch ---- */

struct command {
	const char *name, *sub;
	int (*run)(struct ctl *c, int argc, char **argv);
	const char *help;
};

static const struct command commands[] = {
	{ "init", NULL, cmd_init, "创建数据库（--demo 填入演示社区）" },
	{ "members", "list", members_list_cmd, "党员名单（--csv 可再导入）" },
	{ "members", "add", members_add_cmd, "新增党员，输出编号" },
	{ "members", "edit", members_edit_cmd, "修改党员信息" },
	{ "members", "deactivate", members_deactivate_cmd, "停用党员（转出、迁走）" },
	{ "members", "import", members_import_cmd, "导入党员名单（Excel/WPS 表格 .xlsx，或 CSV）" },
	{ "members", "exclude", members_exclude_cmd, "经批准不计入应到（长期患病、出国等）" },
	{ "meetings", "add", meetings_add_cmd, "新增会议，输出编号" },
	{ "meetings", "list", meetings_list_cmd, "会议列表" },
	{ "meetings", "plan", meetings_plan_cmd, "按三会一课的频次安排一个季度的会议（--quarter 2027Q1）" },
	{ "materials", "import", materials_import_cmd, "导入学习资料（PDF、图片、文字；文件或文件夹）" },
	{ "materials", "list", materials_list_cmd, "学习资料列表" },
	{ "materials", "remove", materials_remove_cmd, "删除学习资料（学习记录保留）" },
	{ "materials", "pin", materials_pin_cmd, "置顶学习资料（--off 取消）" },
	{ "study", "list", study_list_cmd, "学习打卡记录" },
	{ "leave", "add", leave_add_cmd, "记录请假" },
	{ "checkin", NULL, checkin_cmd, "代为签到" },
	{ "attendance", NULL, attendance_cmd, "会议签到表" },
	{ "check", NULL, cmd_check, "检查数据库是否完好" },
	{ "backup", NULL, cmd_backup, "在线备份数据库（--rotate 文件夹：按日期保留最近几份）" },
	{ "restore", NULL, cmd_restore, "数据库损坏时用最新的好备份恢复" },
	{ "setup", NULL, setup_cmd, "新装签到机时逐项设置（社区、编号、管理员密码、Wi-Fi）" },
	{ "export", NULL, export_cmd, "导出签到记录到 U 盘（--new 只导新的）" },
	{ "merge", NULL, merge_cmd, "街道：合并各签到机的导出" },
	{ "report", NULL, report_cmd, "街道：季度报表" },
	{ "staff", "add", staff_add_cmd, "设置工作人员的管理密码（屏幕上的管理模式）" },
	{ "staff", "list", staff_list_cmd, "工作人员名单" },
	{ "settings", NULL, settings_cmd, "查看或修改设置（如 usb_root：U 盘挂载的文件夹）" },
};

static void help(FILE *out)
{
	size_t i;

	fprintf(out, "用法：kioskctl [--db 数据库] 命令 [参数]\n\n");
	for (i = 0; i < sizeof commands / sizeof commands[0]; i++) {
		char name[64];
		snprintf(name, sizeof name, "%s%s%s", commands[i].name, commands[i].sub ? " " : "",
			 commands[i].sub ? commands[i].sub : "");
		fprintf(out, "  %s", name);
		pad(out, strlen(name), 22);
		fprintf(out, "%s\n", commands[i].help);
	}
	fprintf(out, "\n数据库：--db 路径，或环境变量 KIOSK_DB，默认 %s\n", DB_DEFAULT_PATH);
	fprintf(out, "时间一律写成本地时间 \"2026-11-27 09:30\"\n");
}

int main(int argc, char **argv)
{
	struct ctl c = { 0 };
	char *args[256];
	const char *now_s = NULL;
	int n = 0, i, rc = 2;
	size_t k;

	c.db_path = getenv("KIOSK_DB") ? getenv("KIOSK_DB") : DB_DEFAULT_PATH;
	c.actor = getenv("KIOSK_ACTOR") ? getenv("KIOSK_ACTOR") : "kioskctl";
	c.now = time(NULL);
	/* Options every command takes may stand anywhere. */
	for (i = 1; i < argc && n < (int)(sizeof args / sizeof args[0]); i++) {
		const char **target = NULL;
		const char *a = argv[i];
		if (strcmp(a, "--db") == 0 || strncmp(a, "--db=", 5) == 0)
			target = &c.db_path;
		else if (strcmp(a, "--now") == 0 || strncmp(a, "--now=", 6) == 0)
			target = &now_s;
		else if (strcmp(a, "--actor") == 0 || strncmp(a, "--actor=", 8) == 0)
			target = &c.actor;
		if (!target) {
			args[n++] = argv[i];
		} else if (strchr(a, '=')) {
			*target = strchr(a, '=') + 1;
		} else if (i + 1 < argc) {
			*target = argv[++i];
		} else {
			fprintf(stderr, "kioskctl: 选项 %s 需要一个值\n", a);
			return 2;
		}
	}
	if (n == 0 || strcmp(args[0], "help") == 0 || strcmp(args[0], "--help") == 0 ||
	    strcmp(args[0], "-h") == 0) {
		help(n == 0 ? stderr : stdout);
		return n == 0 ? 2 : 0;
	}
	if (now_s && clock_parse(now_s, &c.now) < 0) {
		fprintf(stderr, "kioskctl: --now“%s”格式不对，请写成 2026-11-27 09:30\n", now_s);
		return 2;
	}
	for (k = 0; k < sizeof commands / sizeof commands[0]; k++) {
		const struct command *cmd = &commands[k];
		if (strcmp(cmd->name, args[0]) != 0)
			continue;
		if (!cmd->sub) {
			rc = cmd->run(&c, n - 1, args + 1);
			goto out;
		}
		if (n > 1 && strcmp(cmd->sub, args[1]) == 0) {
			rc = cmd->run(&c, n - 2, args + 2);
			goto out;
		}
	}
	fprintf(stderr, "kioskctl: 不认识的命令“%s%s%s”\n\n", args[0], n > 1 ? " " : "", n > 1 ? args[1] : "");
	help(stderr);
out:
	db_close(c.db);
	return rc;
}
