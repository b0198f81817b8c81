/* The 签到表 of one meeting, as the office's paper one reads: 姓名, 状态, 签到时间, 方式, 原因,
 * everyone expected first, then 列席 members and walk-in guests (原因 shows a guest's 单位);
 * with the totals on top and tabs to see only those absent, on leave, and so on. Paged. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/party/attendance.h"
#include "core/party/guests.h"
#include "core/party/meetings.h"
#include "screens/screens.h"
#include "screens/staff_mode.h"
#include "ui/ui.h"

enum { ACT_FILTER = 1, ACT_PREV, ACT_NEXT };

enum filter { F_ALL, F_PRESENT, F_LEAVE, F_ABSENT, F_GUEST, F_COUNT };
static const char *const filter_names[F_COUNT] = { "全部", "已签到", "请假", "缺席", "列席和来宾" };

struct row {
	char cells[5][256];
	enum filter kind;
	bool free_text; /* cells[4] is a reason or a unit (else a 列席 member's branch) */
};

struct sheet {
	struct staff_target t;
	struct meeting m;
	struct meeting_counts c;
	struct row *rows;
	int n, cap;
	int shown[F_COUNT];
	enum filter filter;
	int page;
	int pages; /* as last drawn, for turning pages */
	bool running; /* the meeting is on: those not yet here are 未到, not 缺席 */
};

static struct row *grow(struct sheet *s)
{
	if (s->n == s->cap) {
		int cap = s->cap ? s->cap * 2 : 128;
		struct row *r = realloc(s->rows, (size_t)cap * sizeof *r);
		if (!r)
			return NULL;
		s->rows = r;
		s->cap = cap;
	}
	memset(&s->rows[s->n], 0, sizeof s->rows[s->n]);
	return &s->rows[s->n++];
}

static int add_member(void *ctx, const struct sheet_row *r)
{
	static const enum filter kinds[] = {
		[SHEET_PRESENT] = F_PRESENT, [SHEET_LEAVE] = F_LEAVE, [SHEET_ABSENT] = F_ABSENT,
		[SHEET_GUEST] = F_GUEST,
	};
	struct sheet *s = ctx;
	struct row *w = grow(s);

	if (!w)
		return 1;
	snprintf(w->cells[0], sizeof w->cells[0], "%s", r->name);
	snprintf(w->cells[1], sizeof w->cells[1], "%s",
		 r->state == SHEET_ABSENT && s->running ? "未到" : attendance_state_name(r->state));
	snprintf(w->cells[2], sizeof w->cells[2], "%.5s", r->checked_at[0] ? r->checked_at + 11 : "");
	snprintf(w->cells[3], sizeof w->cells[3], "%s", attendance_method_label(r->method));
	snprintf(w->cells[4], sizeof w->cells[4], "%s", r->state == SHEET_GUEST ? r->branch : r->reason);
	w->free_text = r->state != SHEET_GUEST;
	w->kind = kinds[r->state];
	return 0;
}

static int add_guest(void *ctx, const struct guest *g)
{
	struct sheet *s = ctx;
	struct row *w = grow(s);

	if (!w)
		return 1;
	snprintf(w->cells[0], sizeof w->cells[0], "%s", g->name);
	snprintf(w->cells[1], sizeof w->cells[1], "来宾");
	snprintf(w->cells[2], sizeof w->cells[2], "%.5s", strlen(g->checked_at) > 11 ? g->checked_at + 11 : "");
	snprintf(w->cells[3], sizeof w->cells[3], "代签");
	snprintf(w->cells[4], sizeof w->cells[4], "%s", g->unit);
	w->free_text = true;
	w->kind = F_GUEST;
	return 0;
}

static int load(struct app *app, struct sheet *s)
{
	int i;

	s->n = 0;
	if (meetings_get(app->db, s->t.meeting_id, &s->m, app->err, sizeof app->err) < 0)
		return -1;
	s->running = app_now(app) < s->m.end && !s->m.closed;
	if (attendance_counts(app->db, &s->m, &s->c, app->err, sizeof app->err) < 0 ||
	    attendance_each_sheet_row(app->db, &s->m, add_member, s, app->err, sizeof app->err) < 0 ||
	    guests_each(app->db, s->m.id, add_guest, s, app->err, sizeof app->err) < 0)
		return -1;
	memset(s->shown, 0, sizeof s->shown);
	for (i = 0; i < s->n; i++) {
		s->shown[F_ALL]++;
		s->shown[s->rows[i].kind]++;
	}
	app_dirty(app);
	return 0;
}

static int staff_sheet_enter(struct app *app, const void *arg)
{
	struct sheet *s = calloc(1, sizeof *s);

	if (!s)
		return -1;
	app->state = s;
	s->t = *(const struct staff_target *)arg;
	return load(app, s);
}

static void staff_sheet_leave(struct app *app)
{
	struct sheet *s = app->state;

	if (s)
		free(s->rows);
	free(s);
	app->state = NULL;
}

struct layout {
	SDL_Rect summary, tabs, table, pager;
	int row_h, per_page;
	int meta_h, counts_h;
};

/* The two lines over the table: what meeting, and the totals. */
static void summary(struct app *app, const struct sheet *s, char *meta, size_t meta_size,
		    char *counts, size_t counts_size)
{
	char when[64];

	staff_mode_when(&s->m, when, sizeof when);
	snprintf(meta, meta_size, "%s · %s · %s", meeting_kind_name(s->m.kind), when, s->m.place);
	snprintf(counts, counts_size, "应到 %d · 实到 %d（正式 %d，预备 %d）· 请假 %d · %s %d · 列席 %d",
		 s->c.expected, s->c.present, s->c.present_full, s->c.present_probationary,
		 s->c.on_leave, s->running ? "未到" : "缺席", s->c.absent, s->c.guests);
	(void)app;
}

static const char *const heads[5] = { "姓名", "状态", "签到时间", "方式", "原因/单位" };

/* Columns as wide as what they hold (heads, names, times), the rest for 原因/单位 (free text,
 * whose end may be cut). Where that does not fit (大字 in portrait): smaller text, then without
 * 方式 (width 0); the paper's proportions as a last resort. Returns the text size. */
static enum text_size columns(struct ui *ui, const struct sheet *s, int width, int col_w[5])
{
	static const int widths[5] = { 24, 14, 16, 12, 34 };
	int gap = ui_gap(ui), i, j, k, last;
	enum text_size ts = TS_BODY;
	bool drop_method;

	for (k = 0; k < 4; k++) {
		int used = 0;
		ts = k % 2 ? TS_SMALL : TS_BODY;
		drop_method = k >= 2;
		for (i = 0; i < 4; i++) {
			int px = ui_text_px(ui, ts);
			col_w[i] = ui_text_width(ui, heads[i], px, true);
			for (j = 0; j < s->n; j++) {
				int tw = ui_text_width(ui, s->rows[j].cells[i], px, i == 0);
				if (tw > col_w[i])
					col_w[i] = tw;
			}
			col_w[i] += gap * 3;
			if (i == 3 && drop_method)
				col_w[i] = 0;
			used += col_w[i];
		}
		/* The last column at least as wide as its head and any branch it names. */
		last = ui_text_width(ui, heads[4], ui_text_px(ui, ts), true);
		for (j = 0; j < s->n; j++)
			if (!s->rows[j].free_text &&
			    ui_text_width(ui, s->rows[j].cells[4], ui_text_px(ui, ts), false) > last)
				last = ui_text_width(ui, s->rows[j].cells[4], ui_text_px(ui, ts), false);
		if (used + last + gap * 2 <= width)
			return ts;
	}
	for (i = 0; i < 4; i++)
		col_w[i] = i == 3 ? 0 : width * widths[i] / 100;
	return TS_SMALL;
}

static struct layout layout(struct app *app, const struct sheet *s)
{
	struct ui *ui = app->ui;
	struct layout y;
	SDL_Rect body = rect_inset(chrome_body(app), ui_gap(ui) * 2);
	int gap = ui_gap(ui), rows, col_w[5];

	char meta[512], counts[256];

	memset(&y, 0, sizeof y);
	/* Both lines wrapped to the width, never cut; 大字 on a small panel: the counts alone, so
	 * more of the table fits. */
	summary(app, s, meta, sizeof meta, counts, sizeof counts);
	y.meta_h = ui->large && ui->short_side < 1000 ? 0 : ui_text_height(ui, meta, TS_BODY, false, body.w);
	y.counts_h = ui_text_height(ui, counts, TS_BODY, true, body.w);
	y.summary = rect_cut_top(&body, y.meta_h + y.counts_h);
	rect_cut_top(&body, gap);
	/* Portrait: the five tabs in two rows, so 列席和来宾 is never cut. */
	y.tabs = rect_cut_top(&body, ui->h > ui->w ? ui_target(ui) * 2 + gap : ui_target(ui));
	rect_cut_top(&body, gap);
	y.pager = rect_cut_bottom(&body, ui_target(ui));
	/* Rows as tall as the table's text (smaller where the columns need it). */
	y.row_h = ui_line_height(ui, ui_text_px(ui, columns(ui, s, body.w, col_w))) + gap;
	rect_cut_bottom(&body, gap);
	rows = body.h / y.row_h - 1; /* the first row is the column heads */
	y.per_page = rows < 1 ? 1 : rows;
	y.table = body;
	return y;
}

static int visible(const struct sheet *s, int *index, int max)
{
	int i, n = 0;

	for (i = 0; i < s->n; i++)
		if (s->filter == F_ALL || s->rows[i].kind == s->filter) {
			if (n < max)
				index[n] = i;
			n++;
		}
	return n;
}

static void staff_sheet_event(struct app *app, const struct input *in)
{
	struct sheet *s = app->state;

	if (in->type == IN_REFRESH) {
		load(app, s);
		return;
	}
	if (in->type == IN_SWIPE && abs(in->dx) > abs(in->dy)) {
		struct input tap = { .type = IN_TAP, .action = in->dx < 0 ? ACT_NEXT : ACT_PREV };
		staff_sheet_event(app, &tap);
		return;
	}
	if (in->type != IN_TAP)
		return;
	if (in->action == ACT_FILTER && in->arg >= 0 && in->arg < F_COUNT) {
		s->filter = (enum filter)in->arg;
		s->page = 0;
	} else if (in->action == ACT_PREV || in->action == ACT_NEXT) {
		chrome_turn(&s->page, s->pages, in->action == ACT_NEXT ? 1 : -1);
	}
	app_dirty(app);
}

static void staff_sheet_draw(struct app *app)
{
	struct sheet *s = app->state;
	struct ui *ui = app->ui;
	struct layout y;
	char title[MEETING_TEXT + 16], meta[512], counts[256];
	int gap = ui_gap(ui), i, j, n, pages, *index, tab_w, col_w[5];
	enum text_size ts;
	SDL_Rect tabs;

	snprintf(title, sizeof title, "签到表：%s", s->m.title);
	chrome_header(app, title, true, 0);
	y = layout(app, s);
	summary(app, s, meta, sizeof meta, counts, sizeof counts);
	{
		SDL_Rect a = y.summary;
		if (y.meta_h)
			ui_label(ui, rect_cut_top(&a, y.meta_h), meta, TS_BODY, UI_MUTED);
		ui_label(ui, a, counts, TS_BODY, UI_BOLD);
	}
	tabs = y.tabs;
	{
		int per_row = ui->h > ui->w ? 3 : F_COUNT;
		tab_w = (tabs.w - gap * (per_row - 1)) / per_row;
		for (i = 0; i < F_COUNT; i++) {
			char label[64];
			SDL_Rect t = { tabs.x + (i % per_row) * (tab_w + gap),
				       tabs.y + (i / per_row) * (ui_target(ui) + gap), tab_w, ui_target(ui) };
			snprintf(label, sizeof label, "%s %d",
				 i == F_ABSENT && s->running ? "未到" : filter_names[i], s->shown[i]);
			ui_button(ui, t, label, NULL, s->filter == (enum filter)i ? BTN_SELECTED : BTN_NORMAL,
				  ACT_FILTER, i);
		}
	}
	index = calloc((size_t)(s->n ? s->n : 1), sizeof *index);
	if (!index)
		return;
	n = visible(s, index, s->n);
	pages = s->pages = chrome_pages(n, y.per_page);
	if (s->page >= pages)
		s->page = pages - 1;
	ts = columns(ui, s, y.table.w, col_w);
	for (j = 0; j <= y.per_page && (j == 0 || s->page * y.per_page + j - 1 < n); j++) {
		SDL_Rect row = { y.table.x, y.table.y + j * y.row_h, y.table.w, y.row_h }, cell;
		const struct row *r = j ? &s->rows[index[s->page * y.per_page + j - 1]] : NULL;
		int x = row.x;
		ui_fill(ui, row, j == 0 ? C_SELECTED : j % 2 ? C_CARD : C_BG);
		for (i = 0; i < 5; i++) {
			int w = i == 4 ? row.x + row.w - x : col_w[i];
			const char *text = j ? r->cells[i] : heads[i];
			enum color c = C_TEXT;
			if (w == 0)
				continue;
			cell = (SDL_Rect){ x + gap, row.y + gap / 2, w - gap * 2, row.h - gap };
			if (j && i == 1 && (r->kind == F_ABSENT))
				c = C_RED;
			if (text[0])
				ui_label_ex(ui, cell, text, ts, c,
					    (j == 0 || i == 0 ? UI_BOLD : 0) | (j && i == 4 && r->free_text ? UI_TAIL : 0));
			x += w;
		}
	}
	if (n == 0)
		ui_label(ui,
			 (SDL_Rect){ y.table.x, y.table.y + y.row_h + gap, y.table.w, y.row_h * 2 },
			 "这一类没有人", TS_BODY, UI_MUTED);
	free(index);
	chrome_pager(app, y.pager, s->page, pages, ACT_PREV, ACT_NEXT);
}

const struct screen staff_sheet_screen = {
	.name = "staff_sheet",
	.enter = staff_sheet_enter,
	.leave = staff_sheet_leave,
	.event = staff_sheet_event,
	.draw = staff_sheet_draw,
};
