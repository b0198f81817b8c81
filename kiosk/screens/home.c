/* The home screen: the community's name, the date and time, the meeting on now with a large
 * 签到 button and its live 应到/实到/请假 (and, for a meeting that votes, whether the quorum is
 * met), and what comes next. With no meeting on there is no 签到 button: the next meeting and
 * when it starts. After ten idle minutes the screen dims and shows the schedule one item at a
 * time, to spare the panel. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/attendance.h"
#include "core/meetings.h"
#include "screens/screens.h"
#include "ui/ui.h"

#define MAX_ON 4
#define MAX_NEXT 6
#define CAROUSEL_MS 8000

enum { ACT_SIGN_IN = 1 };

struct home {
	struct meeting on[MAX_ON];
	struct meeting_counts counts[MAX_ON];
	int non;
	struct meeting next[MAX_NEXT];
	int nnext;
	int carousel; /* which item the dimmed screen shows */
};

/* Read what the screen shows. On a database error the screen still draws, saying so. */
static void load(struct app *app)
{
	struct home *h = app->state;
	time_t now = app_now(app);
	int i;

	h->non = meetings_current(app->db, now, h->on, MAX_ON, app->err, sizeof app->err);
	if (h->non < 0)
		h->non = 0;
	if (h->non > MAX_ON)
		h->non = MAX_ON;
	for (i = 0; i < h->non; i++)
		if (attendance_counts(app->db, &h->on[i], &h->counts[i], app->err, sizeof app->err) < 0)
			memset(&h->counts[i], 0, sizeof h->counts[i]);
	h->nnext = meetings_upcoming(app->db, now, h->next, MAX_NEXT, app->err, sizeof app->err);
	if (h->nnext < 0)
		h->nnext = 0;
	app_dirty(app);
}

static int home_enter(struct app *app, const void *arg)
{
	(void)arg;
	/* What it shows is loaded by the first tick, which app_go runs at once. */
	app->state = calloc(1, sizeof(struct home));
	return app->state ? 0 : -1;
}

static void home_leave(struct app *app)
{
	free(app->state);
	app->state = NULL;
}

static void home_event(struct app *app, const struct input *in)
{
	if (in->type == IN_REFRESH) {
		load(app);
	} else if (in->type == IN_TAP && in->action == ACT_SIGN_IN) {
		app_go(app, &checkin_screen, NULL);
	}
}

/* Wake at the next minute (the clock, meetings starting and ending), or for the carousel. */
static int64_t home_tick(struct app *app, int64_t now_ms)
{
	struct home *h = app->state;

	if (app->ui->dimmed) {
		h->carousel++;
		load(app);
		return now_ms + CAROUSEL_MS;
	}
	load(app);
	return (now_ms / 60000 + 1) * 60000;
}

/* "11月29日 星期日 15:00" or "今天 15:00", "明天 15:00". */
static void when(struct app *app, time_t t, char *out, size_t size)
{
	char date[48], hhmm[6], today[48], tomorrow[48];
	time_t now = app_now(app);

	chrome_date(t, date, sizeof date);
	chrome_date(now, today, sizeof today);
	chrome_date(now + 86400, tomorrow, sizeof tomorrow);
	clock_format_hhmm(t, hhmm);
	if (strcmp(date, today) == 0)
		snprintf(out, size, "今天 %s", hhmm);
	else if (strcmp(date, tomorrow) == 0)
		snprintf(out, size, "明天 %s", hhmm);
	else
		snprintf(out, size, "%s %s", date, hhmm);
}

/* "还有 3 天" / "还有 2 小时" / "还有 25 分钟" until t. */
static void countdown(struct app *app, time_t t, char *out, size_t size)
{
	long s = (long)(t - app_now(app));

	if (s >= 2 * 86400)
		snprintf(out, size, "还有 %ld 天", (s + 43200) / 86400);
	else if (s >= 3600)
		snprintf(out, size, "还有 %ld 小时", (s + 1800) / 3600);
	else
		snprintf(out, size, "还有 %ld 分钟", s / 60 > 0 ? s / 60 : 1);
}

static const char *scope(const struct meeting *m)
{
	return m->group[0] ? m->group : m->branch[0] ? m->branch : "全体党员";
}

/* A figure with its caption under it: "35" over "应到". */
static void figure(struct ui *ui, SDL_Rect r, const char *caption, int value, enum color c)
{
	char num[16];
	int px = ui_text_px(ui, TS_TITLE), lh = ui_line_height(ui, px);

	snprintf(num, sizeof num, "%d", value);
	ui_label_px(ui, (SDL_Rect){ r.x, r.y, r.w, lh }, num, px, true, c, ALIGN_CENTER);
	ui_label(ui, (SDL_Rect){ r.x, r.y + lh, r.w, r.h - lh }, caption, TS_BODY, false, C_MUTED,
		 ALIGN_CENTER);
}

static int figures_height(struct ui *ui)
{
	return ui_line_height(ui, ui_text_px(ui, TS_TITLE)) + ui_line_height(ui, ui_text_px(ui, TS_BODY));
}

/* The quorum panel's height at r's width: one line, or two when 大字 needs them. */
static int quorum_height(struct ui *ui, int width, const char *text, const char *verdict)
{
	int px = ui_text_px(ui, TS_BODY), pad = ui_gap(ui), lh = ui_line_height(ui, px);
	int need = ui_text_width(ui, text, px, true) + ui_text_width(ui, verdict, px, true) + pad * 4;

	return (need <= width ? lh : lh * 2) + pad * 2;
}

static void quorum_text(const struct quorum *q, char *text, size_t size, char *verdict,
			size_t vsize)
{
	snprintf(text, size, "%s：需到 %d 人，已到 %d 人", quorum_mode_name(q->mode), q->needed,
		 q->voters_present);
	if (q->met)
		snprintf(verdict, vsize, "可以%s", quorum_mode_name(q->mode));
	else
		snprintf(verdict, vsize, "还差 %d 人", q->needed - q->voters_present);
}

/* The quorum panel: voters present against the threshold, and whether it is met. */
static void quorum_panel(struct ui *ui, SDL_Rect r, const struct meeting_counts *c)
{
	char text[256], verdict[64];
	int pad = ui_gap(ui), px = ui_text_px(ui, TS_BODY), lh = ui_line_height(ui, px);
	const struct quorum *q = &c->quorum;
	SDL_Rect in, right;

	quorum_text(q, text, sizeof text, verdict, sizeof verdict);
	r.h = quorum_height(ui, r.w, text, verdict);
	ui_fill_round(ui, r, pad, q->met ? C_GREEN : C_AMBER);
	in = rect_inset(r, pad);
	in.x += pad;
	in.w -= 2 * pad;
	if (r.h > lh + 2 * pad) {
		/* Two lines: the numbers, then the verdict. */
		ui_label(ui, rect_cut_top(&in, lh), text, TS_BODY, true, q->met ? C_ON_GREEN : C_ON_AMBER,
			 ALIGN_LEFT);
		ui_label(ui, in, verdict, TS_BODY, true, q->met ? C_ON_GREEN : C_ON_AMBER, ALIGN_LEFT);
		return;
	}
	right = rect_cut_right(&in, ui_text_width(ui, verdict, px, true));
	ui_label(ui, in, text, TS_BODY, true, q->met ? C_ON_GREEN : C_ON_AMBER, ALIGN_LEFT);
	ui_label(ui, right, verdict, TS_BODY, true, q->met ? C_ON_GREEN : C_ON_AMBER, ALIGN_RIGHT);
}

/* The card for the meeting on now. */
static void current_card(struct app *app, SDL_Rect r, const struct meeting *m,
			 const struct meeting_counts *c, int others)
{
	struct ui *ui = app->ui;
	int pad = ui_gap(ui) * 2, y, fh = figures_height(ui), third;
	SDL_Rect in = rect_inset(r, pad), row, button;
	char line[512], start[6], end[6];

	ui_frame_round(ui, r, pad, 3, C_RED);
	snprintf(line, sizeof line, "正在进行 · %s · %s", meeting_kind_name(m->kind), scope(m));
	in.y += ui_label(ui, in, line, TS_BODY, true, C_RED, ALIGN_LEFT);
	in.h = r.y + r.h - pad - in.y;
	y = ui_label(ui, in, m->title, TS_TITLE, true, C_TEXT, ALIGN_LEFT);
	rect_cut_top(&in, y);
	clock_format_hhmm(m->start, start);
	clock_format_hhmm(m->end, end);
	snprintf(line, sizeof line, "%s-%s  %s", start, end, m->place);
	rect_cut_top(&in, ui_label(ui, in, line, TS_BODY, false, C_MUTED, ALIGN_LEFT) + pad);
	/* The 签到 button takes the bottom; figures and the quorum go above it. */
	button = rect_cut_bottom(&in, ui_target(ui) * 2);
	rect_cut_bottom(&in, pad);
	if (others > 0) {
		snprintf(line, sizeof line, "另有 %d 场会议同时进行，签到时会按您的支部安排", others);
		rect_cut_bottom(&in, ui_label(ui, rect_cut_bottom(&in, ui_line_height(ui, ui_text_px(ui, TS_SMALL))),
					      line, TS_SMALL, false, C_MUTED, ALIGN_LEFT) + pad / 2);
	}
	if (m->vote != VOTE_NONE) {
		char text[256], verdict[64];
		int qh;
		quorum_text(&c->quorum, text, sizeof text, verdict, sizeof verdict);
		qh = quorum_height(ui, in.w, text, verdict);
		quorum_panel(ui, rect_cut_bottom(&in, qh), c);
		rect_cut_bottom(&in, pad);
	}
	row = rect_cut_top(&in, fh);
	if (m->kind == MK_VOLUNTEER) {
		figure(ui, row, "已到", c->present, C_TEXT);
	} else {
		third = row.w / 3;
		figure(ui, rect_cut_left(&row, third), "应到", c->expected, C_TEXT);
		figure(ui, rect_cut_left(&row, third), "实到", c->present, C_RED);
		figure(ui, row, "请假", c->on_leave, C_TEXT);
	}
	ui_button(ui, button, "签到", "点这里，找到您的名字", BTN_PRIMARY, ACT_SIGN_IN, 0);
}

/* No meeting on: what comes next and when. */
static void next_card(struct app *app, SDL_Rect r, const struct home *h)
{
	struct ui *ui = app->ui;
	int pad = ui_gap(ui) * 2;
	SDL_Rect in = rect_inset(r, pad);
	char line[512], w[96], left[64];

	ui_frame_round(ui, r, pad, 2, C_BORDER);
	rect_cut_top(&in, ui_label(ui, in, "现在没有会议", TS_TITLE, true, C_TEXT, ALIGN_LEFT) + pad);
	if (h->nnext == 0) {
		ui_label(ui, in, "近期没有安排活动", TS_LARGE, false, C_MUTED, ALIGN_LEFT);
		return;
	}
	rect_cut_top(&in, ui_label(ui, in, "下一场", TS_BODY, true, C_RED, ALIGN_LEFT));
	rect_cut_top(&in, ui_label(ui, in, h->next[0].title, TS_TITLE, true, C_TEXT, ALIGN_LEFT));
	when(app, h->next[0].start, w, sizeof w);
	countdown(app, h->next[0].start, left, sizeof left);
	snprintf(line, sizeof line, "%s 开始（%s）", w, left);
	rect_cut_top(&in, ui_label(ui, in, line, TS_LARGE, true, C_TEXT, ALIGN_LEFT));
	snprintf(line, sizeof line, "%s · %s · %s", meeting_kind_name(h->next[0].kind), scope(&h->next[0]),
		 h->next[0].place);
	ui_label(ui, in, line, TS_BODY, false, C_MUTED, ALIGN_LEFT);
}

/* The list of what comes next. */
static void upcoming(struct app *app, SDL_Rect r, const struct home *h, int skip)
{
	struct ui *ui = app->ui;
	int gap = ui_gap(ui), i, lh_body = ui_line_height(ui, ui_text_px(ui, TS_BODY));
	int item_h = lh_body * 2 + ui_line_height(ui, ui_text_px(ui, TS_SMALL)) + gap * 3;

	rect_cut_top(&r, ui_label(ui, r, "接下来的活动", TS_LARGE, true, C_TEXT, ALIGN_LEFT) + gap);
	for (i = skip; i < h->nnext && r.h >= item_h; i++) {
		SDL_Rect item = rect_cut_top(&r, item_h), in = rect_inset(item, gap * 3 / 2);
		char w[96], line[512];

		rect_cut_top(&r, gap);
		ui_fill_round(ui, item, gap, C_CARD);
		ui_fill(ui, (SDL_Rect){ item.x, item.y + gap, gap / 2 + 2, item.h - 2 * gap }, C_RED);
		when(app, h->next[i].start, w, sizeof w);
		rect_cut_top(&in, ui_label(ui, (SDL_Rect){ in.x, in.y, in.w, lh_body }, w, TS_BODY, true,
					   C_RED, ALIGN_LEFT));
		rect_cut_top(&in, ui_label(ui, (SDL_Rect){ in.x, in.y, in.w, lh_body }, h->next[i].title,
					   TS_BODY, true, C_TEXT, ALIGN_LEFT));
		snprintf(line, sizeof line, "%s · %s", scope(&h->next[i]), h->next[i].place);
		ui_label(ui, in, line, TS_SMALL, false, C_MUTED, ALIGN_LEFT);
	}
}

/* The dimmed screen: the time, and one coming activity at a time. */
static void draw_dimmed(struct app *app, const struct home *h)
{
	struct ui *ui = app->ui;
	SDL_Rect r = rect_inset((SDL_Rect){ 0, 0, ui->w, ui->h }, ui->short_side / 12);
	char hhmm[6], date[64], line[512], w[96];
	const struct meeting *m;

	clock_format_hhmm(app_now(app), hhmm);
	chrome_date(app_now(app), date, sizeof date);
	rect_cut_top(&r, ui_label(ui, r, hhmm, TS_HUGE, true, C_TEXT, ALIGN_CENTER));
	rect_cut_top(&r, ui_label(ui, r, date, TS_LARGE, false, C_MUTED, ALIGN_CENTER) + ui_gap(ui) * 4);
	if (h->non > 0)
		m = &h->on[h->carousel % h->non];
	else if (h->nnext > 0)
		m = &h->next[h->carousel % h->nnext];
	else
		m = NULL;
	if (!m) {
		ui_label(ui, r, app->community, TS_TITLE, true, C_TEXT, ALIGN_CENTER);
		return;
	}
	rect_cut_top(&r, ui_label(ui, r, h->non > 0 ? "正在进行" : "活动安排", TS_LARGE, true, C_MUTED,
				  ALIGN_CENTER));
	rect_cut_top(&r, ui_label(ui, r, m->title, TS_TITLE, true, C_TEXT, ALIGN_CENTER));
	when(app, m->start, w, sizeof w);
	snprintf(line, sizeof line, "%s · %s", w, m->place);
	rect_cut_top(&r, ui_label(ui, r, line, TS_LARGE, false, C_TEXT, ALIGN_CENTER));
	ui_label(ui, rect_cut_bottom(&r, ui_line_height(ui, ui_text_px(ui, TS_BODY))),
		 "轻触屏幕开始使用", TS_BODY, false, C_MUTED, ALIGN_CENTER);
}

static void home_draw(struct app *app)
{
	struct home *h = app->state;
	struct ui *ui = app->ui;
	SDL_Rect body, main_r, side;
	int gap = ui_gap(ui) * 2;
	bool portrait = ui->h > ui->w;

	if (ui->dimmed) {
		draw_dimmed(app, h);
		return;
	}
	body = rect_inset(chrome_header(app, app->community, false, 0), gap);
	if (portrait) {
		main_r = rect_cut_top(&body, body.h * 55 / 100);
		rect_cut_top(&body, gap);
		side = body;
	} else {
		main_r = rect_cut_left(&body, body.w * 62 / 100);
		rect_cut_left(&body, gap);
		side = body;
	}
	if (h->non > 0) {
		current_card(app, main_r, &h->on[0], &h->counts[0], h->non - 1);
		upcoming(app, side, h, 0);
	} else {
		next_card(app, main_r, h);
		upcoming(app, side, h, 1);
	}
}

const struct screen home_screen = {
	.name = "home",
	.enter = home_enter,
	.leave = home_leave,
	.event = home_event,
	.tick = home_tick,
	.draw = home_draw,
};
