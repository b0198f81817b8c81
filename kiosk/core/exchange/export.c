/* The export to the office. Files are built inside a hidden temporary folder on the stick,
 * each committed safely (safefile.c); the manifest is written last; everything is read back
 * from the device and checked against the manifest; only then is the folder renamed to its
 * final name and the export recorded in the database. CSV for the office's merge carries
 * UUIDs and the kiosk id; the .xlsx is laid out for people, as a paper 签到表 is. */
#include "core/exchange/export.h"
#include "core/exchange/export_followup.h"

#include <assert.h>
#include <errno.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include "core/party/attendance.h"
#include "core/base/clock.h"
#include "core/formats/csv_write.h"
#include "core/store/db.h"
#include "core/party/meetings.h"
#include "core/base/safefile.h"
#include "core/base/uuid.h"

#define EXPORT_FILES 7 /* five CSV, the workbook, the manifest */

struct exporter {
	struct db *db;
	const struct export_options *o;
	struct export_result *res;
	char since[CLOCK_TEXT];
	char now_text[CLOCK_TEXT];
	char community[128];
	char uuid[UUID_LEN];
	char tmpdir[PATH_MAX];
	struct meeting *meetings;
	struct meeting_counts *counts;
	int nmeetings, cap;
	json_t *files;
	int done;
	char *err;
	size_t errlen;
};

struct out {
	struct safefile sf;
	const char *name;
	int rows;
};

static void progress(struct exporter *x, const char *file)
{
	x->done++;
	if (x->o->progress)
		x->o->progress(x->o->ctx, file, x->done, EXPORT_FILES);
}

/* Note a committed file in the manifest: its rows, size and SHA-256 (taken as it was written,
 * or read back when another library wrote it). */
static int note_file(struct exporter *x, struct safefile *sf, const char *name, int rows)
{
	char path[PATH_MAX], hex[SAFEFILE_HEX];
	uint64_t bytes;
	json_t *f;

	snprintf(path, sizeof path, "%s/%s", x->tmpdir, name);
	if (safefile_written_digest(sf, hex, &bytes) < 0 &&
	    safefile_digest(path, false, hex, &bytes, x->err, x->errlen) < 0)
		return -1;
	safefile_free(sf);
	f = json_pack("{s:i, s:I, s:s}", "rows", rows, "bytes", (json_int_t)bytes, "sha256", hex);
	if (!f || json_object_set_new(x->files, name, f) < 0) {
		snprintf(x->err, x->errlen, "内存不足，无法写导出清单");
		return -1;
	}
	progress(x, name);
	return 0;
}

static int out_begin(struct exporter *x, struct out *o, const char *name,
		     const char *const *header, size_t n)
{
	o->name = name;
	o->rows = 0;
	if (safefile_create(&o->sf, x->tmpdir, name, true, x->err, x->errlen) < 0)
		return -1;
	csv_write_bom(o->sf.f);
	csv_write_row(o->sf.f, header, n);
	return 0;
}

static void out_row(struct out *o, const char *const *fields, size_t n)
{
	csv_write_row(o->sf.f, fields, n);
	o->rows++;
}

static int out_end(struct exporter *x, struct out *o)
{
	if (safefile_commit(&o->sf, x->err, x->errlen) < 0)
		return -1;
	return note_file(x, &o->sf, o->name, o->rows);
}

#define N(a) (sizeof(a) / sizeof((a)[0]))

static const char *col(sqlite3_stmt *st, int i)
{
	const unsigned char *s = sqlite3_column_text(st, i);

	return s ? (const char *)s : "";
}

/* Map one result row to the file's columns (strings valid until the next step). */
typedef void fill_fn(const struct exporter *x, sqlite3_stmt *st, const char **row);

/* One CSV file of query results: its name and header, and the queries (bound to :since) whose
 * rows fill it, in order. */
struct csv_table {
	const char *name;
	const char *const *header;
	size_t ncols;
	const char *what; /* for errors: "读取签到记录" */
	struct {
		enum stmt_id stmt;
		fill_fn *fill;
	} query[2];
	int nquery;
};

enum { CSV_MAX_COLS = 24 };

/* Write table t: every row of every query, then commit the file; *rows gets the count. */
static int write_table(struct exporter *x, const struct csv_table *t, int *rows)
{
	const char *row[CSV_MAX_COLS];
	struct out o;
	int i, rc = SQLITE_DONE;

	assert(t->ncols <= CSV_MAX_COLS);
	if (out_begin(x, &o, t->name, t->header, t->ncols) < 0)
		return -1;
	for (i = 0; i < t->nquery && rc == SQLITE_DONE; i++) {
		sqlite3_stmt *st = db_stmt(x->db, t->query[i].stmt);
		db_bind_text(st, ":since", x->since);
		while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
			t->query[i].fill(x, st, row);
			out_row(&o, row, t->ncols);
		}
		sqlite3_reset(st);
	}
	if (rc != SQLITE_DONE) {
		db_error(x->db, t->what, x->err, x->errlen);
		safefile_abort(&o.sf);
		return -1;
	}
	*rows = o.rows;
	return out_end(x, &o);
}

static const char *const attendance_header[] = {
	"记录编号", "签到机", "会议编号", "会议", "会议开始", "党员编号", "姓名", "所属支部", "党籍状态",
	"党员类别", "身份", "单位", "签到时间", "方式", "状态", "撤销时间", "更新时间", "迟到", "签退时间",
	"早退",
};

static void fill_attendance(const struct exporter *x, sqlite3_stmt *st, const char **row)
{
	(void)x;
	row[0] = col(st, 0);
	row[1] = col(st, 1);
	row[2] = col(st, 2);
	row[3] = col(st, 3);
	row[4] = col(st, 4);
	row[5] = col(st, 5);
	row[6] = col(st, 6);
	row[7] = col(st, 7);
	row[8] = col(st, 8);
	row[9] = col(st, 9);
	row[10] = col(st, 10);
	row[11] = "";
	row[12] = col(st, 11);
	row[13] = attendance_method_label(col(st, 12));
	row[14] = *col(st, 13) ? "已撤销" : "有效";
	row[15] = col(st, 13);
	row[16] = col(st, 14);
	row[17] = sqlite3_column_int(st, 15) ? "迟到" : "";
	row[18] = col(st, 16);
	row[19] = sqlite3_column_int(st, 17) ? "早退" : "";
}

static void fill_guest(const struct exporter *x, sqlite3_stmt *st, const char **row)
{
	(void)x;
	row[0] = col(st, 0);
	row[1] = col(st, 1);
	row[2] = col(st, 2);
	row[3] = col(st, 3);
	row[4] = col(st, 4);
	row[5] = "";
	row[6] = col(st, 5);
	row[7] = row[8] = row[9] = "";
	row[10] = "来宾";
	row[11] = col(st, 6);
	row[12] = col(st, 7);
	row[13] = "代签";
	row[14] = *col(st, 8) ? "已撤销" : "有效";
	row[15] = col(st, 8);
	row[16] = col(st, 9);
	row[17] = row[18] = row[19] = "";
}

static const struct csv_table attendance_table = {
	"attendance.csv", attendance_header, N(attendance_header), "读取签到记录",
	{ { STMT_EXPORT_ATTENDANCE, fill_attendance }, { STMT_EXPORT_GUESTS, fill_guest } }, 2,
};

static const char *const leaves_header[] = {
	"记录编号", "签到机", "会议编号", "会议", "党员编号", "姓名", "原因", "记录人", "更新时间",
};

static void fill_leave(const struct exporter *x, sqlite3_stmt *st, const char **row)
{
	(void)x;
	int i;

	for (i = 0; i < 9; i++)
		row[i] = col(st, i);
}

static const struct csv_table leaves_table = {
	"leaves.csv", leaves_header, N(leaves_header), "读取请假记录",
	{ { STMT_EXPORT_LEAVES, fill_leave } }, 1,
};

static const char *const members_header[] = {
	"党员编号", "签到机", "社区", "姓名", "性别", "出生日期", "党籍状态", "党员类别", "居住情况",
	"所属支部", "党小组", "中心户", "在册", "更新时间",
};

static void fill_member(const struct exporter *x, sqlite3_stmt *st, const char **row)
{
	int i;

	row[0] = col(st, 0);
	row[1] = col(st, 1);
	row[2] = x->community;
	for (i = 2; i <= 10; i++)
		row[i + 1] = col(st, i);
	row[12] = sqlite3_column_int(st, 11) ? "是" : "否";
	row[13] = col(st, 12);
}

static const struct csv_table members_table = {
	"members.csv", members_header, N(members_header), "读取党员名单",
	{ { STMT_EXPORT_MEMBERS, fill_member } }, 1,
};

static const char *const meetings_header[] = {
	"会议编号", "签到机", "社区", "类型", "标题", "支部", "党小组", "开始", "结束", "地点", "主持人",
	"记录人", "议题", "表决", "应到", "实到", "实到正式", "实到预备", "请假", "缺席", "列席", "状态",
	"更新时间",
};

static int write_meetings(struct exporter *x)
{
	struct out o;
	const char *row[N(meetings_header)];
	char start[CLOCK_TEXT], end[CLOCK_TEXT], num[8][16];
	int i, k;

	if (out_begin(x, &o, "meetings.csv", meetings_header, N(meetings_header)) < 0)
		return -1;
	for (i = 0; i < x->nmeetings; i++) {
		const struct meeting *m = &x->meetings[i];
		const struct meeting_counts *c = &x->counts[i];
		int values[] = { c->expected, c->present, c->present_full, c->present_probationary,
				 c->on_leave, c->absent, c->guests };

		clock_format(m->start, start);
		clock_format(m->end, end);
		for (k = 0; k < 7; k++)
			snprintf(num[k], sizeof num[k], "%d", values[k]);
		row[0] = m->uuid;
		row[1] = x->db->kiosk_id;
		row[2] = x->community;
		row[3] = meeting_kind_name(m->kind);
		row[4] = m->title;
		row[5] = m->branch;
		row[6] = m->group;
		row[7] = start;
		row[8] = end;
		row[9] = m->place;
		row[10] = m->host;
		row[11] = m->recorder;
		row[12] = m->topic;
		row[13] = quorum_mode_name(m->vote);
		for (k = 0; k < 7; k++)
			row[14 + k] = num[k];
		row[21] = m->cancelled ? "已取消" : "正常";
		/* The counts are a snapshot taken now: a later export's snapshot is newer. */
		row[22] = x->now_text;
		out_row(&o, row, N(meetings_header));
	}
	x->res->meetings = o.rows;
	return out_end(x, &o);
}

/* The meetings this export covers, with their counts now. */
static int collect_meetings(struct exporter *x)
{
	sqlite3_stmt *st = db_stmt(x->db, STMT_EXPORT_MEETINGS);
	int rc;

	db_bind_text(st, ":since", x->since);
	db_bind_text(st, ":now", x->now_text);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		int64_t id = sqlite3_column_int64(st, 0);
		if (x->nmeetings == x->cap) {
			int cap = x->cap ? x->cap * 2 : 64;
			struct meeting *m = realloc(x->meetings, (size_t)cap * sizeof *m);
			struct meeting_counts *c = realloc(x->counts, (size_t)cap * sizeof *c);
			if (m)
				x->meetings = m;
			if (c)
				x->counts = c;
			if (!m || !c) {
				sqlite3_reset(st);
				snprintf(x->err, x->errlen, "内存不足，无法导出");
				return -1;
			}
			x->cap = cap;
		}
		x->meetings[x->nmeetings++].id = id;
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		db_error(x->db, "读取会议", x->err, x->errlen);
		return -1;
	}
	for (rc = 0; rc < x->nmeetings; rc++)
		if (meetings_get(x->db, x->meetings[rc].id, &x->meetings[rc], x->err, x->errlen) < 0 ||
		    attendance_counts(x->db, &x->meetings[rc], &x->counts[rc], x->err, x->errlen) < 0)
			return -1;
	return 0;
}

/* ---- the workbook ---- */

struct book {
	lxw_workbook *wb;
	lxw_format *title, *label, *head, *cell, *percent;
	char (*sheet_names)[64];
	int nsheets;
};

/* A sheet name Excel accepts: at most 31 characters, none of []:*?/\, unique. */
static void sheet_name(struct book *b, const struct meeting *m, char *out, size_t size)
{
	char base[160], date[DATE_TEXT], *p;
	int n = 0, i, chars;
	size_t len;

	clock_format_date(m->start, date);
	snprintf(base, sizeof base, "%.5s %s", date + 5, m->title);
	for (p = base; *p; p++)
		if (strchr("[]:*?/\\", *p))
			*p = '_';
	/* Cut to 28 characters (leaving room for "(2)"), counting UTF-8 characters. */
	for (len = 0, chars = 0; base[len] && chars < 28; chars++) {
		len++;
		while (((unsigned char)base[len] & 0xC0) == 0x80)
			len++;
	}
	base[len] = '\0';
	for (;;) {
		if (n == 0)
			snprintf(out, size, "%s", base);
		else
			snprintf(out, size, "%s(%d)", base, n + 1);
		for (i = 0; i < b->nsheets; i++)
			if (strcmp(b->sheet_names[i], out) == 0)
				break;
		if (i == b->nsheets)
			break;
		n++;
	}
	snprintf(b->sheet_names[b->nsheets++], 64, "%s", out);
}

/* Offices print these: A4, one page wide, the table's header row on every page. */
static void print_setup(lxw_worksheet *ws, int header_row)
{
	worksheet_set_paper(ws, 9);
	worksheet_fit_to_pages(ws, 1, 0);
	worksheet_repeat_rows(ws, (lxw_row_t)header_row, (lxw_row_t)header_row);
	worksheet_set_margins(ws, 0.5, 0.5, 0.6, 0.6);
}

struct sheet_ctx {
	struct book *b;
	lxw_worksheet *ws;
	int row;
};

static int sheet_member_row(void *ctx, const struct sheet_row *r)
{
	struct sheet_ctx *s = ctx;
	char hhmm[16] = "", note[300] = "", reason[300] = "";

	if (r->checked_at[0])
		snprintf(hhmm, sizeof hhmm, "%.5s%s", r->checked_at + 11, r->late ? " 迟到" : "");
	if (r->state == SHEET_LEAVE)
		snprintf(reason, sizeof reason, "请假：%s", r->reason);
	else if (r->state == SHEET_ABSENT)
		snprintf(reason, sizeof reason, "缺席");
	if (r->state == SHEET_GUEST)
		snprintf(note, sizeof note, "列席（%s）", r->branch);
	else if (strcmp(r->status, "预备") == 0)
		snprintf(note, sizeof note, "预备党员");
	if (r->left_at[0]) /* 签退, and 早退 when before the end */
		snprintf(note + strlen(note), sizeof note - strlen(note), "%s签退 %.5s%s", note[0] ? "；" : "",
			 r->left_at + 11, r->early ? " 早退" : "");
	worksheet_write_string(s->ws, (lxw_row_t)s->row, 0, r->name, s->b->cell);
	worksheet_write_string(s->ws, (lxw_row_t)s->row, 1, r->category, s->b->cell);
	worksheet_write_string(s->ws, (lxw_row_t)s->row, 2, hhmm, s->b->cell);
	worksheet_write_string(s->ws, (lxw_row_t)s->row, 3, attendance_method_label(r->method), s->b->cell);
	worksheet_write_string(s->ws, (lxw_row_t)s->row, 4, reason, s->b->cell);
	worksheet_write_string(s->ws, (lxw_row_t)s->row, 5, note, s->b->cell);
	s->row++;
	return 0;
}

static int meeting_sheet(struct exporter *x, struct book *b, const struct meeting *m,
			 const struct meeting_counts *c)
{
	static const char *const heads[] = { "姓名", "党员类别", "签到时间", "方式", "请假/缺席原因", "备注" };
	char name[64], title[600], when[64], start[CLOCK_TEXT], end[6], present[64];
	struct sheet_ctx s = { b, NULL, 9 };
	sqlite3_stmt *st;
	int i, rc;

	sheet_name(b, m, name, sizeof name);
	s.ws = workbook_add_worksheet(b->wb, name);
	if (!s.ws) {
		snprintf(x->err, x->errlen, "无法在签到表.xlsx 中加入“%s”", name);
		return -1;
	}
	print_setup(s.ws, 8);
	worksheet_set_column(s.ws, 0, 0, 16, NULL);
	worksheet_set_column(s.ws, 1, 3, 12, NULL);
	worksheet_set_column(s.ws, 4, 5, 26, NULL);
	snprintf(title, sizeof title, "%s 签到表", m->title);
	worksheet_merge_range(s.ws, 0, 0, 0, 5, title, b->title);
	clock_format_minutes(m->start, start);
	clock_format_hhmm(m->end, end);
	snprintf(when, sizeof when, "%s-%s", start, end);
	snprintf(present, sizeof present, "%d（正式 %d，预备 %d）", c->present, c->present_full,
		 c->present_probationary);
	{
		const char *pairs[][4] = {
			{ "会议类型", meeting_kind_name(m->kind), "议题", m->topic },
			{ "时间", when, "地点", m->place },
			{ "主持人", m->host, "记录人", m->recorder },
			{ "所属", m->branch[0] ? m->branch : "全体党员", "表决", quorum_mode_name(m->vote) },
		};
		for (i = 0; i < 4; i++) {
			worksheet_write_string(s.ws, (lxw_row_t)(i + 1), 0, pairs[i][0], b->label);
			worksheet_merge_range(s.ws, (lxw_row_t)(i + 1), 1, (lxw_row_t)(i + 1), 2, pairs[i][1], b->cell);
			worksheet_write_string(s.ws, (lxw_row_t)(i + 1), 3, pairs[i][2], b->label);
			worksheet_merge_range(s.ws, (lxw_row_t)(i + 1), 4, (lxw_row_t)(i + 1), 5, pairs[i][3], b->cell);
		}
	}
	worksheet_write_string(s.ws, 5, 0, "应到", b->label);
	worksheet_write_number(s.ws, 5, 1, c->expected, b->cell);
	worksheet_write_string(s.ws, 5, 2, "实到", b->label);
	worksheet_write_string(s.ws, 5, 3, present, b->cell);
	worksheet_write_string(s.ws, 6, 0, "请假", b->label);
	worksheet_write_number(s.ws, 6, 1, c->on_leave, b->cell);
	worksheet_write_string(s.ws, 6, 2, "缺席", b->label);
	worksheet_write_number(s.ws, 6, 3, c->absent, b->cell);
	worksheet_write_string(s.ws, 6, 4, "列席", b->label);
	worksheet_write_number(s.ws, 6, 5, c->guests, b->cell);
	for (i = 0; i < 6; i++)
		worksheet_write_string(s.ws, 8, (lxw_col_t)i, heads[i], b->head);
	if (attendance_each_sheet_row(x->db, m, sheet_member_row, &s, x->err, x->errlen) < 0)
		return -1;
	/* Walk-in guests: name and 单位. */
	st = db_stmt(x->db, STMT_EXPORT_GUESTS);
	db_bind_text(st, ":since", "");
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		char note[300];
		if (strcmp(col(st, 2), m->uuid) != 0 || *col(st, 8))
			continue;
		snprintf(note, sizeof note, "来宾（%s）", col(st, 6));
		worksheet_write_string(s.ws, (lxw_row_t)s.row, 0, col(st, 5), b->cell);
		worksheet_write_string(s.ws, (lxw_row_t)s.row, 1, "", b->cell);
		worksheet_write_string(s.ws, (lxw_row_t)s.row, 2, col(st, 7) + (strlen(col(st, 7)) > 11 ? 11 : 0), b->cell);
		worksheet_write_string(s.ws, (lxw_row_t)s.row, 3, "代签", b->cell);
		worksheet_write_string(s.ws, (lxw_row_t)s.row, 4, "", b->cell);
		worksheet_write_string(s.ws, (lxw_row_t)s.row, 5, note, b->cell);
		s.row++;
	}
	sqlite3_reset(st);
	return 0;
}

static int summary_sheet(struct exporter *x, struct book *b)
{
	static const char *const heads[] = { "姓名", "所属支部", "党员类别", "党籍状态", "应参加", "实参加",
					     "请假", "出勤率", "最近参加" };
	lxw_worksheet *ws = workbook_add_worksheet(b->wb, "党员出勤汇总");
	sqlite3_stmt *st;
	int row = 1, i, rc;

	if (!ws) {
		snprintf(x->err, x->errlen, "无法在签到表.xlsx 中加入汇总表");
		return -1;
	}
	print_setup(ws, 0);
	worksheet_set_column(ws, 0, 0, 16, NULL);
	worksheet_set_column(ws, 1, 3, 12, NULL);
	worksheet_set_column(ws, 4, 7, 9, NULL);
	worksheet_set_column(ws, 8, 8, 18, NULL);
	for (i = 0; i < 9; i++)
		worksheet_write_string(ws, 0, (lxw_col_t)i, heads[i], b->head);
	st = db_stmt(x->db, STMT_EXPORT_MEMBER_SUMMARY);
	db_bind_text(st, ":now", x->now_text);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		int expected = sqlite3_column_int(st, 4), came = sqlite3_column_int(st, 5);
		for (i = 0; i < 4; i++)
			worksheet_write_string(ws, (lxw_row_t)row, (lxw_col_t)i, col(st, i), b->cell);
		worksheet_write_number(ws, (lxw_row_t)row, 4, expected, b->cell);
		worksheet_write_number(ws, (lxw_row_t)row, 5, came, b->cell);
		worksheet_write_number(ws, (lxw_row_t)row, 6, sqlite3_column_int(st, 6), b->cell);
		if (expected)
			worksheet_write_number(ws, (lxw_row_t)row, 7, (double)came / expected, b->percent);
		else
			worksheet_write_string(ws, (lxw_row_t)row, 7, "", b->cell);
		worksheet_write_string(ws, (lxw_row_t)row, 8, col(st, 7), b->cell);
		row++;
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		db_error(x->db, "统计出勤", x->err, x->errlen);
		return -1;
	}
	return 0;
}

static int write_workbook(struct exporter *x)
{
	struct safefile sf;
	struct book b = { 0 };
	lxw_workbook_options opt = { .constant_memory = LXW_TRUE };
	lxw_error rc;
	int i;

	if (safefile_create(&sf, x->tmpdir, "签到表.xlsx", false, x->err, x->errlen) < 0)
		return -1;
	b.sheet_names = calloc((size_t)x->nmeetings + 2, sizeof *b.sheet_names);
	errno = 0;
	b.wb = workbook_new_opt(sf.tmp, &opt);
	if (!b.wb || !b.sheet_names) {
		safefile_explain(errno ? errno : ENOMEM, "签到表.xlsx", x->err, x->errlen);
		goto fail;
	}
	b.title = workbook_add_format(b.wb);
	format_set_bold(b.title);
	format_set_font_size(b.title, 16);
	format_set_align(b.title, LXW_ALIGN_CENTER);
	b.label = workbook_add_format(b.wb);
	format_set_bold(b.label);
	format_set_border(b.label, LXW_BORDER_THIN);
	b.head = workbook_add_format(b.wb);
	format_set_bold(b.head);
	format_set_border(b.head, LXW_BORDER_THIN);
	format_set_bg_color(b.head, 0xF2DCDB);
	b.cell = workbook_add_format(b.wb);
	format_set_border(b.cell, LXW_BORDER_THIN);
	b.percent = workbook_add_format(b.wb);
	format_set_border(b.percent, LXW_BORDER_THIN);
	format_set_num_format(b.percent, "0%");
	if (summary_sheet(x, &b) < 0)
		goto fail;
	for (i = 0; i < x->nmeetings; i++)
		if (meeting_sheet(x, &b, &x->meetings[i], &x->counts[i]) < 0)
			goto fail;
	errno = 0;
	rc = workbook_close(b.wb);
	b.wb = NULL;
	if (rc != LXW_NO_ERROR) {
		if (errno)
			safefile_explain(errno, "签到表.xlsx", x->err, x->errlen);
		else
			snprintf(x->err, x->errlen, "写签到表.xlsx 失败（%s）；U 盘可能已满或被拔出",
				 lxw_strerror(rc));
		goto fail;
	}
	free(b.sheet_names);
	if (safefile_commit(&sf, x->err, x->errlen) < 0)
		return -1;
	return note_file(x, &sf, "签到表.xlsx", x->nmeetings);
fail:
	if (b.wb)
		workbook_close(b.wb);
	free(b.sheet_names);
	safefile_abort(&sf);
	return -1;
}

/* 回访名单.csv: who needs a call and why, as of the export (export_followup.c). */
static int write_followup(struct exporter *x)
{
	struct out o = { .name = EXPORT_FOLLOWUP_FILE };

	if (safefile_create(&o.sf, x->tmpdir, o.name, true, x->err, x->errlen) < 0)
		return -1;
	if (export_followup_write(x->db, x->o->now, o.sf.f, &o.rows, x->err, x->errlen) < 0) {
		safefile_abort(&o.sf);
		return -1;
	}
	return out_end(x, &o);
}

/* ---- manifest, verification, the whole export ---- */

static int write_manifest(struct exporter *x)
{
	struct safefile sf;
	json_t *m;
	char *text;
	int rc = -1;

	m = json_pack("{s:i, s:s, s:s, s:s, s:s, s:s, s:s, s:O}", "format", EXPORT_FORMAT,
		      "export_uuid", x->uuid, "kiosk_id", x->db->kiosk_id, "community", x->community,
		      "exported_at", x->now_text, "mode", x->o->only_new ? "new" : "all", "since",
		      x->since, "files", x->files);
	text = m ? json_dumps(m, JSON_INDENT(2) | JSON_SORT_KEYS) : NULL;
	json_decref(m);
	if (!text) {
		snprintf(x->err, x->errlen, "内存不足，无法写导出清单");
		return -1;
	}
	if (safefile_create(&sf, x->tmpdir, "manifest.json", true, x->err, x->errlen) == 0) {
		fputs(text, sf.f);
		fputc('\n', sf.f);
		rc = safefile_commit(&sf, x->err, x->errlen);
		safefile_free(&sf);
	}
	free(text);
	if (rc == 0)
		progress(x, "manifest.json");
	return rc;
}

/* Read every file back from the stick and compare with what the manifest says. */
static int verify(struct exporter *x)
{
	const char *name;
	json_t *f;

	json_object_foreach(x->files, name, f) {
		char path[PATH_MAX], hex[SAFEFILE_HEX];
		uint64_t bytes;
		snprintf(path, sizeof path, "%s/%s", x->tmpdir, name);
		if (safefile_digest(path, true, hex, &bytes, x->err, x->errlen) < 0)
			return -1;
		if (strcmp(hex, json_string_value(json_object_get(f, "sha256"))) != 0 ||
		    (json_int_t)bytes != json_integer_value(json_object_get(f, "bytes"))) {
			snprintf(x->err, x->errlen, "从 U 盘读回的 %s 与写入的不一致，U 盘可能有坏块；请换一个 U 盘再导出", name);
			return -1;
		}
	}
	return 0;
}

/* "幸福里社区_签到记录_20261127-0920", made FAT-safe and not yet on the stick. */
static int final_name(struct exporter *x, const char *dir, char *out, size_t size)
{
	char base[256], safe[200], stamp[32];
	struct tm tm;
	struct stat sb;
	int n;

	localtime_r(&x->o->now, &tm);
	strftime(stamp, sizeof stamp, "%Y%m%d-%H%M", &tm);
	snprintf(base, sizeof base, "%s_签到记录_%s%s", x->community, stamp, x->o->only_new ? "_新增" : "");
	safefile_fat_name(base, safe, sizeof safe);
	for (n = 1; n < 100; n++) {
		if (n == 1)
			snprintf(out, size, "%s/%s", dir, safe);
		else
			snprintf(out, size, "%s/%s_%d", dir, safe, n);
		if (stat(out, &sb) != 0)
			return 0;
	}
	snprintf(x->err, x->errlen, "U 盘上同名的导出文件夹太多，请先整理 U 盘");
	return -1;
}

static int record(struct exporter *x)
{
	sqlite3_stmt *st;
	char detail[PATH_MAX + 64];
	int rows = x->res->attendance + x->res->meetings + x->res->leaves + x->res->members;

	if (db_begin(x->db, x->err, x->errlen) < 0)
		return -1;
	st = db_stmt(x->db, STMT_EXPORT_INSERT);
	db_bind_text(st, ":uuid", x->uuid);
	db_bind_text(st, ":kiosk_id", x->db->kiosk_id);
	db_bind_text(st, ":now", x->now_text);
	db_bind_text(st, ":since", x->since);
	db_bind_text(st, ":folder", x->res->folder);
	db_bind_int(st, ":rows", rows);
	snprintf(detail, sizeof detail, "%s（%d 条）", x->res->folder, rows);
	if (db_exec_stmt(x->db, st, x->err, x->errlen) < 0 ||
	    db_audit(x->db, x->o->actor, "导出", x->uuid, detail, x->err, x->errlen) < 0) {
		db_rollback(x->db);
		return -1;
	}
	return db_commit(x->db, x->err, x->errlen);
}

int export_to(struct db *db, const char *dir, const struct export_options *o,
	      struct export_result *res, char *err, size_t errlen)
{
	struct exporter x = { .db = db, .o = o, .res = res, .err = err, .errlen = errlen };
	sqlite3_stmt *st;
	char final[PATH_MAX];
	int rc = -1;

	memset(res, 0, sizeof *res);
	clock_format(o->now, x.now_text);
	if (db_setting_get(db, "community_name", x.community, sizeof x.community) < 0)
		snprintf(x.community, sizeof x.community, "社区");
	if (o->only_new) {
		st = db_stmt(db, STMT_EXPORT_LAST);
		if (sqlite3_step(st) == SQLITE_ROW)
			db_column_text(st, 0, x.since, sizeof x.since);
		sqlite3_reset(st);
	}
	if (uuid_new(x.uuid) < 0) {
		snprintf(err, errlen, "系统无法生成随机编号");
		return -1;
	}
	if (collect_meetings(&x) < 0 || final_name(&x, dir, final, sizeof final) < 0)
		goto out;
	snprintf(x.tmpdir, sizeof x.tmpdir, "%s/.导出中-%.8s", dir, x.uuid);
	if (mkdir(x.tmpdir, 0755) < 0) {
		safefile_explain(errno, "导出", err, errlen);
		x.tmpdir[0] = '\0';
		goto out;
	}
	x.files = json_object();
	if (!x.files || write_table(&x, &attendance_table, &x.res->attendance) < 0 ||
	    write_meetings(&x) < 0 || write_table(&x, &leaves_table, &x.res->leaves) < 0 ||
	    write_table(&x, &members_table, &x.res->members) < 0 || write_workbook(&x) < 0 ||
	    write_followup(&x) < 0 || write_manifest(&x) < 0 ||
	    safefile_sync_dir(x.tmpdir, err, errlen) < 0 || verify(&x) < 0)
		goto out;
	if (rename(x.tmpdir, final) < 0) {
		safefile_explain(errno, "导出文件夹", err, errlen);
		goto out;
	}
	x.tmpdir[0] = '\0';
	snprintf(res->folder, sizeof res->folder, "%s", final);
	if (safefile_sync_dir(dir, err, errlen) < 0)
		goto out;
	/* On the stick and checked. If recording it fails, the next "new" export repeats some
	 * rows, which the office's merge counts once. */
	record(&x);
	err[0] = '\0';
	rc = 0;
out:
	if (x.tmpdir[0])
		safefile_remove_dir(x.tmpdir);
	if (rc < 0 && res->folder[0]) {
		safefile_remove_dir(res->folder);
		res->folder[0] = '\0';
	}
	json_decref(x.files);
	free(x.meetings);
	free(x.counts);
	return rc;
}
