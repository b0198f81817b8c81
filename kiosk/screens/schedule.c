/* 活动安排: what is planned, this week (a column per day, or a row per day on a portrait screen)
 * and this month (a list by date), each meeting coloured by its kind, with a key to the colours.
 * A meeting tapped shows its time, place, topic, 主持人 and who is expected (the branch or group
 * and the 应到 count). Earlier and later weeks and months are a tap or a swipe away, so the
 * quarter the planner made can be looked through. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/party/attendance.h"
#include "core/store/db.h"
#include "core/party/meetings.h"
#include "screens/screens.h"
#include "ui/ui.h"

#define MAX_MEETINGS 200
#define DAY 86400

enum view { VIEW_WEEK, VIEW_MONTH, VIEW_DETAIL };

enum { ACT_VIEW = 1, ACT_PREV, ACT_NEXT, ACT_MEETING, ACT_BACK, ACT_PAGE_PREV, ACT_PAGE_NEXT };

/* The kinds' colours: white text on each keeps at least 4.5:1. */
static const SDL_Color kind_colors[MK_COUNT] = {
	[MK_ASSEMBLY] = { 0xB3, 0x18, 0x1E, 0xFF },  /* the party red */
	[MK_COMMITTEE] = { 0x9A, 0x45, 0x00, 0xFF }, /* brown-orange */
	[MK_GROUP] = { 0x17, 0x6B, 0x33, 0xFF },     /* green */
	[MK_LECTURE] = { 0x1F, 0x4E, 0x99, 0xFF },   /* blue */
	[MK_THEME_DAY] = { 0x6B, 0x2C, 0x91, 0xFF }, /* purple */
	[MK_VOLUNTEER] = { 0x00, 0x6A, 0x73, 0xFF }, /* teal */
	[MK_OTHER] = { 0x55, 0x55, 0x55, 0xFF },     /* grey */
};
static const SDL_Color white = { 0xFF, 0xFF, 0xFF, 0xFF };

static const char *const weekdays[] = { "星期日", "星期一", "星期二", "星期三", "星期四", "星期五", "星期六" };
static const char *const short_days[] = { "周日", "周一", "周二", "周三", "周四", "周五", "周六" };

struct schedule {
	enum view view, list_view; /* list_view: where the detail goes back to */
	time_t week;               /* Monday 00:00 of the week shown */
	int year, month;           /* the month shown (month 1-12) */
	struct meeting *list;
	int n;
	int page;                  /* of the month's list */
	int pages;                 /* of the month's list as last drawn, for turning pages */
	struct meeting detail;
	struct meeting_counts counts;
	bool counts_ok;
};

static time_t midnight(time_t t, int add_days)
{
	struct tm tm;

	localtime_r(&t, &tm);
	tm.tm_mday += add_days;
	tm.tm_hour = tm.tm_min = tm.tm_sec = 0;
	tm.tm_isdst = -1;
	return mktime(&tm);
}

static time_t month_start(int year, int month)
{
	struct tm tm;

	memset(&tm, 0, sizeof tm);
	tm.tm_year = year - 1900;
	tm.tm_mon = month - 1;
	tm.tm_mday = 1;
	tm.tm_isdst = -1;
	return mktime(&tm);
}

static int collect(void *ctx, const struct meeting *m)
{
	struct schedule *s = ctx;

	if (s->n == MAX_MEETINGS)
		return 1;
	s->list[s->n++] = *m;
	return 0;
}

static void load(struct app *app)
{
	struct schedule *s = app->state;
	time_t from, to;

	if (s->view == VIEW_WEEK) {
		from = s->week;
		to = midnight(s->week, 7);
	} else {
		from = month_start(s->year, s->month);
		to = month_start(s->year, s->month + 1);
	}
	s->n = 0;
	s->page = 0;
	if (meetings_each_between(app->db, from, to, collect, s, app->err, sizeof app->err) < 0)
		app_toast(app, "读取活动安排失败，请找工作人员");
	app_dirty(app);
}

static void go_now(struct app *app, enum view v)
{
	struct schedule *s = app->state;
	time_t now = app_now(app);
	struct tm tm;

	localtime_r(&now, &tm);
	s->view = v;
	s->week = midnight(now, -((tm.tm_wday + 6) % 7));
	s->year = tm.tm_year + 1900;
	s->month = tm.tm_mon + 1;
	load(app);
}

static int schedule_enter(struct app *app, const void *arg)
{
	struct schedule *s = calloc(1, sizeof *s);

	(void)arg;
	if (!s || !(s->list = calloc(MAX_MEETINGS, sizeof *s->list))) {
		free(s);
		return -1;
	}
	app->state = s;
	go_now(app, VIEW_WEEK);
	return 0;
}

static void schedule_leave(struct app *app)
{
	struct schedule *s = app->state;

	if (s) {
		free(s->list);
		free(s);
	}
	app->state = NULL;
}

/* ---- layout ---- */
/* Where a meeting's name may break: after the body that meets (第一党支部|党员大会, 东苑党小组|
 * 学习会) and before the kind of meeting, so a narrow card never reads "第一党支/部党员大/会". */
static const char *const word_ends[] = { "党支部", "党小组", "社区", "党委", "支部" };
static const char *const word_starts[] = { "党员大会", "支委会", "学习会", "主题党日", "党课",
					   "组织生活会", "民主评议", "志愿服务", "党小组会" };

static int part_width(struct ui *ui, const char *text, size_t from, size_t to, int px, bool bold)
{
	char part[MEETING_TEXT * 2];
	size_t n = to - from < sizeof part - 1 ? to - from : sizeof part - 1;

	memcpy(part, text + from, n);
	part[n] = 0;
	return ui_text_width(ui, part, px, bold);
}

/* text with a line break ("\n") at the last word boundary that fits each line of width; a word
 * longer than a line is left for the drawing to wrap. */
static void break_words(struct ui *ui, const char *text, int px, bool bold, int width, char *out,
			size_t size)
{
	size_t len = strlen(text), at[32], n = 0, start = 0, o = 0, i, k;

	if (ui_text_width(ui, text, px, bold) <= width || len >= MEETING_TEXT * 2) {
		snprintf(out, size, "%s", text);
		return;
	}
	for (i = 1; i < len && n < 31; i++) {
		bool cut = false;
		for (k = 0; k < sizeof word_ends / sizeof *word_ends && !cut; k++) {
			size_t wl = strlen(word_ends[k]);
			cut = i >= wl && memcmp(text + i - wl, word_ends[k], wl) == 0;
		}
		for (k = 0; k < sizeof word_starts / sizeof *word_starts && !cut; k++)
			cut = strncmp(text + i, word_starts[k], strlen(word_starts[k])) == 0;
		if (cut && (n == 0 || at[n - 1] != i))
			at[n++] = i;
	}
	at[n++] = len;
	while (start < len && o + 2 < size) {
		size_t best = 0, take;
		for (k = 0; k < n; k++) {
			if (at[k] <= start)
				continue;
			if (part_width(ui, text, start, at[k], px, bold) > width)
				break;
			best = at[k];
		}
		if (!best) /* the next word alone is wider than a line */
			for (k = 0; k < n && !best; k++)
				best = at[k] > start ? at[k] : 0;
		take = best - start < size - o - 2 ? best - start : size - o - 2;
		memcpy(out + o, text + start, take);
		o += take;
		if (best < len)
			out[o++] = '\n';
		start = best;
	}
	out[o] = 0;
}

/* The width a list card leaves its title beside the kind's badge, in a card card_w wide. */
static int list_title_width(struct ui *ui, const struct meeting *m, int card_w)
{
	int pad = ui_gap(ui), small = ui_text_px(ui, TS_SMALL);

	return card_w - pad - 2 * pad - (ui_text_width(ui, meeting_kind_name(m->kind), small, true) +
					 pad * 2) - pad;
}

/* How many lines the longest title in the list takes on a card card_w wide (1 or more). */
static int list_title_lines(struct ui *ui, const struct schedule *s, int card_w)
{
	int i, most = 1, px = ui_text_px(ui, TS_BODY), lh = ui_line_height(ui, px);
	char lines[MEETING_TEXT * 2 + 8];

	for (i = 0; i < s->n; i++) {
		int w = list_title_width(ui, &s->list[i], card_w), n;
		if (w <= 0)
			continue;
		break_words(ui, s->list[i].title, px, false, w, lines, sizeof lines);
		n = ui_text_height(ui, lines, TS_BODY, false, w) / (lh > 0 ? lh : 1);
		if (n > most)
			most = n;
	}
	return most;
}


/* The month, and in 大字 the week too, as a list of whole cards (date, time, kind, title, who
 * and where): seven columns have no room for text that large ... */
static bool as_list(const struct app *app)
{
	const struct schedule *s = app->state;
	const struct ui *ui = app->ui;
	int gap = ui_gap(ui), column = (ui->w - gap * 4 - gap * 6) / 7 - gap * 2;

	if (s->view == VIEW_MONTH)
		return true;
	if (s->view != VIEW_WEEK)
		return false;
	/* ... and so is a landscape week whose columns cannot hold a five-character word
	 * (第一党支部) whole. */
	return ui->large || (ui->w > ui->h && column < ui_text_px(ui, TS_SMALL) * 5 + gap);
}

struct layout {
	SDL_Rect tabs, nav, range, legend, area, pager;
	int item_h, cols, rows; /* the month's list */
};

static int list_item_height(struct ui *ui)
{
	int pad = ui_gap(ui);

	return 2 * ui_line_height(ui, ui_text_px(ui, TS_BODY)) +
	       ui_line_height(ui, ui_text_px(ui, TS_SMALL)) + 2 * pad;
}

static struct layout layout(struct app *app)
{
	const struct schedule *s = app->state;
	struct ui *ui = app->ui;
	int gap = ui_gap(ui);
	SDL_Rect body = rect_inset(chrome_body(app), gap * 2), row;
	struct layout l;

	memset(&l, 0, sizeof l);
	row = rect_cut_top(&body, ui_target(ui));
	rect_cut_top(&body, gap);
	l.tabs = rect_cut_left(&row, ui_target(ui) * 4);
	rect_cut_left(&row, gap * 2);
	if (row.w < ui_target(ui) * 5 + gap) {
		/* Narrow (portrait in 大字): the way to other weeks gets a row of its own. */
		row = rect_cut_top(&body, ui_target(ui));
		rect_cut_top(&body, gap);
	}
	l.nav = rect_cut_right(&row, ui_target(ui) * 5 + gap);
	l.range = rect_cut_top(&body, ui_line_height(ui, ui_text_px(ui, TS_LARGE)));
	rect_cut_top(&body, gap);
	if (!as_list(app)) {
		l.legend = rect_cut_bottom(&body, ui_line_height(ui, ui_text_px(ui, TS_SMALL)) + gap);
		rect_cut_bottom(&body, gap);
	}
	l.area = body;
	if (as_list(app)) {
		int min_w = ui->short_side * (ui->large ? 80 : 60) / 100;
		l.cols = (l.area.w + gap) / (min_w + gap);
		if (l.cols < 1)
			l.cols = 1;
		if (l.cols > 2)
			l.cols = 2;
		/* As tall as the longest title needs: a title is never cut. */
		l.item_h = list_item_height(ui) +
			   (list_title_lines(ui, s, (l.area.w - gap * (l.cols - 1)) / l.cols) - 1) *
				   ui_line_height(ui, ui_text_px(ui, TS_BODY));
		l.rows = (l.area.h + gap) / (l.item_h + gap);
		if (l.rows < 1)
			l.rows = 1;
		if (s->n > l.cols * l.rows) {
			l.pager = rect_cut_bottom(&l.area, ui_target(ui));
			rect_cut_bottom(&l.area, gap);
			l.rows = (l.area.h + gap) / (l.item_h + gap);
			if (l.rows < 1)
				l.rows = 1;
		}
	}
	return l;
}


/* ---- events ---- */

static void shift(struct app *app, int dir)
{
	struct schedule *s = app->state;

	if (s->view == VIEW_WEEK) {
		s->week = midnight(s->week, 7 * dir);
	} else {
		s->month += dir;
		if (s->month < 1) {
			s->month = 12;
			s->year--;
		} else if (s->month > 12) {
			s->month = 1;
			s->year++;
		}
	}
	load(app);
}

static void show_detail(struct app *app, int index)
{
	struct schedule *s = app->state;

	if (index < 0 || index >= s->n)
		return;
	s->detail = s->list[index];
	s->counts_ok = attendance_counts(app->db, &s->detail, &s->counts, app->err, sizeof app->err) == 0;
	s->list_view = s->view;
	s->view = VIEW_DETAIL;
	app_dirty(app);
}

static void schedule_event(struct app *app, const struct input *in)
{
	struct schedule *s = app->state;

	if (in->type == IN_REFRESH) {
		if (s->view != VIEW_DETAIL)
			load(app);
		return;
	}
	if (in->type == IN_SWIPE && s->view != VIEW_DETAIL && abs(in->dx) > abs(in->dy)) {
		shift(app, in->dx < 0 ? 1 : -1);
		return;
	}
	if (in->type != IN_TAP)
		return;
	switch (in->action) {
	case ACT_VIEW:
		go_now(app, (enum view)in->arg);
		break;
	case ACT_PREV:
	case ACT_NEXT:
		shift(app, in->action == ACT_NEXT ? 1 : -1);
		break;
	case ACT_MEETING:
		show_detail(app, (int)in->arg);
		break;
	case ACT_BACK:
		s->view = s->list_view;
		app_dirty(app);
		break;
	case ACT_PAGE_PREV:
	case ACT_PAGE_NEXT:
		chrome_turn(&s->page, s->pages, in->action == ACT_PAGE_NEXT ? 1 : -1);
		app_dirty(app);
		break;
	}
}

/* ---- drawing ---- */

static const char *scope(const struct meeting *m)
{
	return m->group[0] ? m->group : m->branch[0] ? m->branch : "全体党员";
}

/* A meeting as a card: a stripe of its kind's colour, the time, the title; one button. */
static void meeting_card(struct app *app, SDL_Rect r, const struct meeting *m, int index,
			 bool with_date, bool past)
{
	struct ui *ui = app->ui;
	int pad = ui_gap(ui), px = ui_text_px(ui, with_date ? TS_BODY : TS_SMALL);
	int small = ui_text_px(ui, TS_SMALL), lh = ui_line_height(ui, px);
	bool pressed = ui->pressed >= 0 && ui->pressed == ui->nwidgets;
	SDL_Color kc = kind_colors[m->kind < MK_COUNT ? m->kind : MK_OTHER];
	SDL_Rect in = r, stripe;
	char when[96], start[6], end[6], label[UI_LABEL];
	struct tm tm;

	ui_fill_round(ui, r, pad / 2, pressed ? C_RED : C_BORDER);
	ui_fill_round(ui, rect_inset(r, 2), pad / 2, pressed ? C_SELECTED : C_CARD);
	stripe = with_date ? rect_cut_left(&in, pad) : rect_cut_top(&in, pad * 2 / 3);
	ui_fill_rgb(ui, stripe, kc);
	in = rect_inset(in, pad);
	clock_format_hhmm(m->start, start);
	clock_format_hhmm(m->end, end);
	localtime_r(&m->start, &tm);
	if (with_date) {
		/* The month's list: date and time, kind, title, who and where. */
		/* The date and time whole on the first line; the kind's badge beside the title. */
		int kw = ui_text_width(ui, meeting_kind_name(m->kind), small, true) + pad * 2;
		SDL_Rect line = rect_cut_top(&in, lh);
		SDL_Rect title = rect_cut_top(&in, in.h - ui_line_height(ui, small));
		SDL_Rect badge = rect_cut_right(&title, kw);
		char lines[MEETING_TEXT * 2 + 8];
		snprintf(when, sizeof when, "%d月%d日 %s %s-%s", tm.tm_mon + 1, tm.tm_mday,
			 short_days[tm.tm_wday], start, end);
		rect_cut_right(&title, pad);
		badge.y += (lh - ui_line_height(ui, small)) / 2;
		badge.h = ui_line_height(ui, small);
		ui_fill_round_rgb(ui, badge, pad / 2, kc);
		ui_text_rgb(ui, badge, meeting_kind_name(m->kind), small, true, white, ALIGN_CENTER);
		ui_text_rgb(ui, line, when, px, true, ui_color(ui, past ? C_MUTED : C_TEXT), ALIGN_LEFT);
		break_words(ui, m->title, px, false, title.w, lines, sizeof lines);
		ui_text_rgb(ui, title, lines, px, false, ui_color(ui, C_TEXT), ALIGN_LEFT);
		snprintf(label, sizeof label, "%s · %s", scope(m), m->place);
		ui_text_rgb(ui, in, label, small, false, ui_color(ui, C_MUTED), ALIGN_LEFT);
		snprintf(label, sizeof label, "%s %s %s", when, meeting_kind_name(m->kind), m->title);
	} else {
		/* The time and the kind in words (not only its colour), then the title, each broken
		 * between words. */
		const char *kind = meeting_kind_name(m->kind);
		char lines[MEETING_TEXT * 2 + 8];
		snprintf(when, sizeof when, "%s %s", start, kind);
		if (ui_text_width(ui, when, px, true) <= in.w) {
			ui_text_rgb(ui, rect_cut_top(&in, lh), when, px, true, kc, ALIGN_LEFT);
		} else {
			ui_text_rgb(ui, rect_cut_top(&in, lh), start, px, true, kc, ALIGN_LEFT);
			break_words(ui, kind, px, true, in.w, lines, sizeof lines);
			rect_cut_top(&in, ui_text_rgb(ui, in, lines, px, true, kc, ALIGN_LEFT));
		}
		break_words(ui, m->title, px, false, in.w, lines, sizeof lines);
		ui_text_rgb(ui, in, lines, px, false, ui_color(ui, C_TEXT), ALIGN_LEFT);
		snprintf(label, sizeof label, "%s %s %s", start, kind, m->title);
	}
	ui_widget(ui, r, ROLE_BUTTON, label, ACT_MEETING, index);
}

/* Meetings of the day starting at day, stacked in r; those that do not fit are counted. */
static void day_meetings(struct app *app, SDL_Rect r, time_t day, bool across)
{
	struct schedule *s = app->state;
	struct ui *ui = app->ui;
	int gap = ui_gap(ui), i, n = 0, shown = 0, fit, cell;
	int px = ui_text_px(ui, TS_SMALL), lh = ui_line_height(ui, px);
	/* A card shows the time and kind and two lines of the title, more when there is room. */
	int least = gap * 2 + gap * 2 / 3 + lh * 4, most = least + lh * 2;
	time_t next = midnight(day, 1);

	if (least < ui_target(ui))
		least = ui_target(ui);
	for (i = 0; i < s->n; i++)
		n += s->list[i].start >= day && s->list[i].start < next;
	if (n == 0)
		return;
	if (across)
		fit = (r.w + gap) / (ui->short_side * 30 / 100 + gap);
	else
		fit = (r.h + gap) / (least + gap);
	if (fit < 1)
		fit = 1;
	if (fit > n)
		fit = n;
	if (across) {
		cell = (r.w - gap * (fit - 1)) / fit;
	} else {
		cell = (r.h - gap * (fit - 1)) / fit;
		if (cell > most)
			cell = most;
	}
	for (i = 0; i < s->n && shown < fit; i++) {
		const struct meeting *m = &s->list[i];
		SDL_Rect c;

		if (m->start < day || m->start >= next)
			continue;
		if (shown == fit - 1 && n > fit) {
			/* No room for the rest: a button to the month's list, which has them all. */
			char more[32];
			c = across ? (SDL_Rect){ r.x + shown * (cell + gap), r.y, cell, r.h }
				   : (SDL_Rect){ r.x, r.y + shown * (cell + gap), r.w, ui_target(ui) };
			snprintf(more, sizeof more, "还有 %d 项", n - shown);
			ui_button(ui, c, more, NULL, BTN_NORMAL, ACT_VIEW, VIEW_MONTH);
			return;
		}
		c = across ? (SDL_Rect){ r.x + shown * (cell + gap), r.y, cell, r.h }
			   : (SDL_Rect){ r.x, r.y + shown * (cell + gap), r.w, cell };
		meeting_card(app, c, m, i, false, false);
		shown++;
	}
}

static void draw_week(struct app *app, const struct layout *l)
{
	struct ui *ui = app->ui;
	struct schedule *s = app->state;
	int gap = ui_gap(ui), d, small = ui_text_px(ui, TS_SMALL), body = ui_text_px(ui, TS_BODY);
	bool portrait = ui->h > ui->w;
	time_t today = midnight(app_now(app), 0);

	for (d = 0; d < 7; d++) {
		time_t day = midnight(s->week, d);
		struct tm tm;
		char date[32];
		SDL_Rect cell, head;
		bool is_today = day == today;

		localtime_r(&day, &tm);
		snprintf(date, sizeof date, "%d月%d日", tm.tm_mon + 1, tm.tm_mday);
		if (portrait) {
			int h = (l->area.h - gap * 6) / 7;
			cell = (SDL_Rect){ l->area.x, l->area.y + d * (h + gap), l->area.w, h };
			head = rect_cut_left(&cell, ui->short_side * 22 / 100);
			rect_cut_left(&cell, gap);
		} else {
			int w = (l->area.w - gap * 6) / 7;
			cell = (SDL_Rect){ l->area.x + d * (w + gap), l->area.y, w, l->area.h };
			head = rect_cut_top(&cell, ui_line_height(ui, body) + ui_line_height(ui, small) + gap);
			rect_cut_top(&cell, gap);
		}
		ui_fill_round(ui, head, gap / 2, is_today ? C_RED : C_CARD);
		{
			SDL_Rect t = rect_inset(head, gap / 2);
			int hh = ui_line_height(ui, body) + ui_line_height(ui, small);
			enum color c = is_today ? C_ON_RED : C_TEXT;
			t.y += (t.h - hh) / 2;
			rect_cut_top(&t, ui_label_ex(ui, (SDL_Rect){ t.x, t.y, t.w, ui_line_height(ui, body) },
						     is_today ? "今天" : short_days[tm.tm_wday], TS_BODY, c,
						     UI_BOLD | UI_CENTER));
			ui_label_ex(ui, (SDL_Rect){ t.x, t.y, t.w, ui_line_height(ui, small) },
				    date, TS_SMALL, is_today ? C_ON_RED : C_MUTED, UI_CENTER);
		}
		day_meetings(app, cell, day, portrait);
	}
}

static void draw_month(struct app *app, const struct layout *l)
{
	struct ui *ui = app->ui;
	struct schedule *s = app->state;
	int gap = ui_gap(ui), per = l->cols * l->rows, pages = s->pages = chrome_pages(s->n, per), i, k;
	int page = s->page < pages ? s->page : pages - 1, w = (l->area.w - gap * (l->cols - 1)) / l->cols;
	time_t now = app_now(app);

	if (s->n == 0) {
		ui_label(ui, l->area, s->view == VIEW_WEEK ? "这一周没有安排活动" : "这个月没有安排活动",
			 TS_LARGE, UI_MUTED);
		return;
	}
	for (k = 0, i = page * per; i < s->n && k < per; i++, k++) {
		SDL_Rect r = { l->area.x + (k % l->cols) * (w + gap), l->area.y + (k / l->cols) * (l->item_h + gap),
			       w, l->item_h };
		meeting_card(app, r, &s->list[i], i, true, s->list[i].end < now);
	}
	chrome_pager(app, l->pager, page, pages, ACT_PAGE_PREV, ACT_PAGE_NEXT);
}

/* The key to the colours of the kinds shown. */
static void draw_legend(struct app *app, SDL_Rect r)
{
	struct ui *ui = app->ui;
	struct schedule *s = app->state;
	bool seen[MK_COUNT] = { false };
	int i, px = ui_text_px(ui, TS_SMALL), lh = ui_line_height(ui, px), gap = ui_gap(ui);

	for (i = 0; i < s->n; i++)
		seen[s->list[i].kind < MK_COUNT ? s->list[i].kind : MK_OTHER] = true;
	for (i = 0; i < MK_COUNT; i++) {
		const char *name = meeting_kind_name((enum meeting_kind)i);
		int w = ui_text_width(ui, name, px, false);
		if (!seen[i])
			continue;
		if (lh + gap + w > r.w)
			break;
		ui_fill_round_rgb(ui, (SDL_Rect){ r.x, r.y + lh / 5, lh * 3 / 5, lh * 3 / 5 }, lh / 8,
				  kind_colors[i]);
		rect_cut_left(&r, lh * 3 / 5 + gap / 2);
		ui_label_px(ui, (SDL_Rect){ r.x, r.y, w, lh }, name, px, false, C_TEXT, ALIGN_LEFT);
		rect_cut_left(&r, w + gap * 2);
	}
}

/* Who is expected: the branch or group and how many. */
static void expected_text(const struct schedule *s, char *out, size_t size)
{
	const struct meeting *m = &s->detail;
	int n = s->counts_ok ? s->counts.expected : 0;

	if (m->kind == MK_VOLUNTEER)
		snprintf(out, size, "党员自愿参加，不计应到");
	else if (m->group[0])
		snprintf(out, size, "%s（%s）党员，应到 %d 人", m->group, m->branch, n);
	else if (m->kind == MK_COMMITTEE)
		snprintf(out, size, "%s支委会委员，应到 %d 人", m->branch, n);
	else if (m->branch[0])
		snprintf(out, size, "%s全体党员，应到 %d 人", m->branch, n);
	else
		snprintf(out, size, "全体党员，应到 %d 人", n);
}

static void draw_detail(struct app *app)
{
	struct ui *ui = app->ui;
	struct schedule *s = app->state;
	const struct meeting *m = &s->detail;
	int gap = ui_gap(ui), small = ui_text_px(ui, TS_SMALL);
	SDL_Rect body = rect_inset(chrome_body(app), gap * 2), panel, in, badge;
	char line[MEETING_TEXT * 3], start[6], end[6], who[MEETING_TEXT * 2];
	struct tm tm;
	int kw;
	const char *rows[5][2];
	char when[96];
	static const enum text_size sizes[3][2] = { { TS_TITLE, TS_LARGE }, { TS_LARGE, TS_BODY },
						    { TS_BODY, TS_SMALL } };
	int i, tier;

	ui_button(ui, rect_cut_bottom(&body, ui_target(ui) * 6 / 5), "返回活动安排", NULL, BTN_PRIMARY,
		  ACT_BACK, 0);
	rect_cut_bottom(&body, gap * 2);
	panel = body;
	ui_fill_round(ui, panel, gap, C_CARD);
	ui_fill_rgb(ui, (SDL_Rect){ panel.x, panel.y + gap, gap, panel.h - 2 * gap }, kind_colors[m->kind]);
	in = rect_inset(panel, gap * 2);
	rect_cut_left(&in, gap);
	kw = ui_text_width(ui, meeting_kind_name(m->kind), small, true) + gap * 2;
	badge = rect_cut_top(&in, ui_line_height(ui, small));
	badge.w = kw;
	ui_fill_round_rgb(ui, badge, gap / 2, kind_colors[m->kind]);
	ui_label_px(ui, badge, meeting_kind_name(m->kind), small, true, C_ON_RED, ALIGN_CENTER);
	rect_cut_top(&in, gap);
	localtime_r(&m->start, &tm);
	clock_format_hhmm(m->start, start);
	clock_format_hhmm(m->end, end);
	snprintf(when, sizeof when, "%d月%d日 %s %s-%s", tm.tm_mon + 1, tm.tm_mday, weekdays[tm.tm_wday],
		 start, end);
	expected_text(s, who, sizeof who);
	rows[0][0] = "时间";
	rows[0][1] = when;
	rows[1][0] = "地点";
	rows[1][1] = m->place[0] ? m->place : "待定";
	rows[2][0] = "议题";
	rows[2][1] = m->topic[0] ? m->topic : "待定";
	rows[3][0] = "主持人";
	rows[3][1] = m->host[0] ? m->host : "待定";
	rows[4][0] = "应到";
	rows[4][1] = who;
	/* The largest sizes at which the title and the five lines fit the panel. */
	for (tier = 0; tier < 2; tier++) {
		int h = ui_text_height(ui, m->title, sizes[tier][0], true, in.w) + gap;
		for (i = 0; i < 5; i++) {
			snprintf(line, sizeof line, "%s：%s", rows[i][0], rows[i][1]);
			h += ui_text_height(ui, line, sizes[tier][1], false, in.w) + gap / 2;
		}
		if (h <= in.h)
			break;
	}
	rect_cut_top(&in, ui_label(ui, in, m->title, sizes[tier][0], UI_BOLD) + gap);
	for (i = 0; i < 5; i++) {
		snprintf(line, sizeof line, "%s：%s", rows[i][0], rows[i][1]);
		rect_cut_top(&in, ui_label(ui, in, line, sizes[tier][1], 0) + gap / 2);
	}
}

static void schedule_draw(struct app *app)
{
	struct schedule *s = app->state;
	struct ui *ui = app->ui;
	struct layout l;
	int gap = ui_gap(ui);
	char range[64];
	SDL_Rect tabs, nav;
	bool week;

	chrome_header(app, "活动安排", true, 0);
	if (s->view == VIEW_DETAIL) {
		draw_detail(app);
		return;
	}
	week = s->view == VIEW_WEEK;
	l = layout(app);
	tabs = l.tabs;
	ui_button(ui, rect_cut_left(&tabs, (tabs.w - gap) / 2), "本周", NULL, week ? BTN_SELECTED : BTN_NORMAL,
		  ACT_VIEW, VIEW_WEEK);
	rect_cut_left(&tabs, gap);
	ui_button(ui, tabs, "本月", NULL, week ? BTN_NORMAL : BTN_SELECTED, ACT_VIEW, VIEW_MONTH);
	nav = l.nav;
	ui_button(ui, rect_cut_left(&nav, (nav.w - gap) / 2), week ? "◀ 上一周" : "◀ 上个月", NULL,
		  BTN_NORMAL, ACT_PREV, 0);
	rect_cut_left(&nav, gap);
	ui_button(ui, nav, week ? "下一周 ▶" : "下个月 ▶", NULL, BTN_NORMAL, ACT_NEXT, 0);
	if (week) {
		struct tm a, b;
		time_t last = midnight(s->week, 6);
		localtime_r(&s->week, &a);
		localtime_r(&last, &b);
		snprintf(range, sizeof range, "%d月%d日至%d月%d日", a.tm_mon + 1, a.tm_mday, b.tm_mon + 1,
			 b.tm_mday);
	} else {
		snprintf(range, sizeof range, "%d年%d月", s->year, s->month);
	}
	ui_label(ui, l.range, range, TS_LARGE, UI_BOLD);
	/* The week's columns: the kinds named on the cards, and a key to their colours. */
	if (week && !as_list(app)) {
		draw_week(app, &l);
		draw_legend(app, l.legend);
	} else {
		draw_month(app, &l);
	}
}

const struct screen schedule_screen = {
	.name = "schedule",
	.enter = schedule_enter,
	.leave = schedule_leave,
	.event = schedule_event,
	.draw = schedule_draw,
};
