/* 签到表.xlsx, laid out for people as a paper 签到表 is: a summary sheet of every member's
 * attendance, then one sheet per meeting (followed by its 纪实 sheet when it has a record), A4,
 * one page wide. Part of the export (export.c). */
#include <stdlib.h>
#include <string.h>
#include <xlsxwriter.h>

#include "core/exchange/export_private.h"
#include "core/exchange/export_record.h"
#include "core/party/attendance.h"
#include "core/store/db.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))

struct book {
	lxw_workbook *wb;
	lxw_format *title, *label, *head, *cell, *percent;
	char (*sheet_names)[64];
	int nsheets;
};

/* A sheet name Excel accepts: at most 31 characters, none of []:*?/\, unique. */
static void sheet_name(struct book *b, time_t start, const char *title, char *out, size_t size)
{
	char base[160], date[DATE_TEXT], *p;
	int n = 0, i, chars;
	size_t len;

	clock_format_date(start, date);
	snprintf(base, sizeof base, "%.5s %s", date + 5, title);
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

/* A meeting's 纪实 sheet is named as its 签到表 sheet is, from another title. */
static void record_sheet_name(void *ctx, const struct meeting *m, const char *title, char *out,
			      size_t size)
{
	sheet_name(ctx, m->start, title, out, size);
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

	sheet_name(b, m->start, m->title, name, sizeof name);
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
		if (strcmp(export_col(st, 2), m->uuid) != 0 || *export_col(st, 8))
			continue;
		snprintf(note, sizeof note, "来宾（%s）", export_col(st, 6));
		worksheet_write_string(s.ws, (lxw_row_t)s.row, 0, export_col(st, 5), b->cell);
		worksheet_write_string(s.ws, (lxw_row_t)s.row, 1, "", b->cell);
		worksheet_write_string(s.ws, (lxw_row_t)s.row, 2, export_col(st, 7) + (strlen(export_col(st, 7)) > 11 ? 11 : 0), b->cell);
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
			worksheet_write_string(ws, (lxw_row_t)row, (lxw_col_t)i, export_col(st, i), b->cell);
		worksheet_write_number(ws, (lxw_row_t)row, 4, expected, b->cell);
		worksheet_write_number(ws, (lxw_row_t)row, 5, came, b->cell);
		worksheet_write_number(ws, (lxw_row_t)row, 6, sqlite3_column_int(st, 6), b->cell);
		if (expected)
			worksheet_write_number(ws, (lxw_row_t)row, 7, (double)came / expected, b->percent);
		else
			worksheet_write_string(ws, (lxw_row_t)row, 7, "", b->cell);
		worksheet_write_string(ws, (lxw_row_t)row, 8, export_col(st, 7), b->cell);
		row++;
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		db_error(x->db, "统计出勤", x->err, x->errlen);
		return -1;
	}
	return 0;
}

int export_write_workbook(struct exporter *x)
{
	struct safefile sf;
	struct book b = { 0 };
	lxw_workbook_options opt = { .constant_memory = LXW_TRUE };
	lxw_error rc;
	int i;

	if (safefile_create(&sf, x->tmpdir, "签到表.xlsx", false, x->err, x->errlen) < 0)
		return -1;
	b.sheet_names = calloc(2 * (size_t)x->nmeetings + 2, sizeof *b.sheet_names);
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
	for (i = 0; i < x->nmeetings; i++) {
		struct record_formats rf = { b.title, b.label, b.head, b.cell };
		if (meeting_sheet(x, &b, &x->meetings[i], &x->counts[i]) < 0 ||
		    export_record_sheet(x->db, b.wb, &rf, &x->meetings[i], &x->counts[i], x->stems[i],
					export_photos_of(&x->photos, i, NULL, 0x7fff), record_sheet_name,
					&b, x->err, x->errlen) < 0)
			goto fail;
	}
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
	return export_note_file(x, &sf, "签到表.xlsx", x->nmeetings);
fail:
	if (b.wb)
		workbook_close(b.wb);
	free(b.sheet_names);
	safefile_abort(&sf);
	return -1;
}
