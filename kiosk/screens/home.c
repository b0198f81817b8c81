/* The home screen: the community's name, the date and time, the meeting on now with a large
 * 签到 button and its live 应到/实到/请假 (and, for a meeting that votes, whether the quorum is
 * met), and what comes next. With no meeting on there is no 签到 button: the next meeting and
 * when it starts. After ten idle minutes the screen dims and shows the schedule one item at a
 * time, to spare the panel. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/party/attendance.h"
#include "core/store/db.h"
#include "core/base/log.h"
#include "core/party/meetings.h"
#include "core/party/milestones.h"
#include "core/party/token.h"
#include "screens/screens.h"
#include "screens/staff_mode.h"
#include "screens/home_private.h"
#include "ui/ui.h"


/* Shown while the database does not answer the screen's reads (the details go to the log). */
static const char load_problem[] =
	"暂时读不到会议信息，屏幕上的会议和人数可能不对。请稍后再试；一直这样请告诉社区工作人员。";

/* Escape \ ; , : " in a Wi-Fi QR field, as phones' camera apps expect. */
static void wifi_escape(const char *in, char *out, size_t size)
{
	size_t j = 0;

	for (; *in && j + 2 < size; in++) {
		if (strchr("\\;,:\"", *in))
			out[j++] = '\\';
		out[j++] = *in;
	}
	out[j] = '\0';
}

static void load_wifi(struct app *app, struct home *h)
{
	char ssid[96], pass[96], e_ssid[192], e_pass[192];

	h->wifi[0] = h->ssid[0] = '\0';
	if (db_setting_get(app->db, "wifi_ssid", ssid, sizeof ssid) < 0 || !ssid[0])
		return;
	if (db_setting_get(app->db, "wifi_password", pass, sizeof pass) < 0)
		pass[0] = '\0';
	wifi_escape(ssid, e_ssid, sizeof e_ssid);
	wifi_escape(pass, e_pass, sizeof e_pass);
	snprintf(h->ssid, sizeof h->ssid, "%s", ssid);
	if (pass[0])
		snprintf(h->wifi, sizeof h->wifi, "WIFI:T:WPA;S:%s;P:%s;;", e_ssid, e_pass);
	else
		snprintf(h->wifi, sizeof h->wifi, "WIFI:T:nopass;S:%s;;", e_ssid);
}

/* Read what the screen shows. On a database error the screen still draws what it could read,
 * with a banner saying so; the error itself is logged once, when it first appears. */
static void load(struct app *app)
{
	struct home *h = app->state;
	time_t now = app_now(app);
	bool failed = false;
	int i;

	h->non = meetings_current(app->db, now, h->on, MAX_ON, app->err, sizeof app->err);
	if (h->non < 0) {
		h->non = 0;
		failed = true;
	}
	if (h->non > MAX_ON)
		h->non = MAX_ON;
	for (i = 0; i < h->non; i++)
		if (attendance_counts(app->db, &h->on[i], &h->counts[i], app->err, sizeof app->err) < 0) {
			memset(&h->counts[i], 0, sizeof h->counts[i]);
			failed = true;
		}
	h->nmilestones = h->non ? 0 : milestones_month(app->db, now, h->milestones, MAX_MILESTONES,
						       app->err, sizeof app->err);
	if (h->nmilestones < 0) {
		h->nmilestones = 0;
		failed = true;
	}
	h->nnext = meetings_upcoming(app->db, now, h->next, MAX_NEXT, app->err, sizeof app->err);
	if (h->nnext < 0) {
		h->nnext = 0;
		failed = true;
	}
	if (failed && !h->problem[0])
		log_msg(LOG_WARNING, "首页读取数据库失败：%s", app->err);
	snprintf(h->problem, sizeof h->problem, "%s", failed ? load_problem : "");
	h->url[0] = '\0';
	if (h->non > 0 && app->public_url[0] && app->token_key_loaded) {
		char token[TOKEN_LEN];
		token_make(app->token_key, h->on[0].uuid, token_period(now), token);
		snprintf(h->url, sizeof h->url, "%s/s/%s", app->public_url, token);
	}
	app_dirty(app);
}

static int home_enter(struct app *app, const void *arg)
{
	(void)arg;
	/* What it shows is loaded by the first tick, which app_go runs at once. */
	app->state = calloc(1, sizeof(struct home));
	if (!app->state)
		return -1;
	load_wifi(app, app->state);
	if (db_setting_get(app->db, "restore_note", ((struct home *)app->state)->notice,
			   sizeof ((struct home *)app->state)->notice) < 0)
		((struct home *)app->state)->notice[0] = '\0';
	return 0;
}

static void home_event(struct app *app, const struct input *in)
{
	if (in->type == IN_REFRESH) {
		load(app);
	} else if (in->type == IN_TAP && in->action == ACT_SIGN_IN) {
		app_go(app, &checkin_screen, NULL);
	} else if (in->type == IN_TAP && in->action == ACT_MATERIALS) {
		app_go(app, &materials_screen, NULL);
	} else if (in->type == IN_TAP && in->action == ACT_SCHEDULE) {
		app_go(app, &schedule_screen, NULL);
	} else if (in->type == IN_TAP && in->action == ACT_STAFF_DOOR) {
		/* Five taps on the community's name within a few seconds: the way into staff mode. */
		if (staff_door_tap(&app->staff, app_now_ms(app)))
			app_go(app, &staff_pin_screen, NULL);
	}
}

/* Wake at the next minute (the clock, meetings starting and ending), or for the carousel. */
static int64_t home_tick(struct app *app, int64_t now_ms)
{
	struct home *h = app->state;

	if (app->ui->dimmed) {
		/* The first item when the screen dims, the next one every few seconds after. */
		h->carousel = h->dimmed ? h->carousel + 1 : 0;
		h->dimmed = true;
		load(app);
		return now_ms + CAROUSEL_MS;
	}
	h->dimmed = false;
	load(app);
	/* The next minute for the clock; sooner when the QR code's token turns over. */
	if (h->url[0]) {
		int64_t period_ms = TOKEN_PERIOD_SECONDS * 1000;
		int64_t next = (now_ms / period_ms + 1) * period_ms;
		if (next < (now_ms / 60000 + 1) * 60000)
			return next;
	}
	return (now_ms / 60000 + 1) * 60000;
}

const char *home_scope(const struct meeting *m)
{
	return m->group[0] ? m->group : m->branch[0] ? m->branch : "全体党员";
}

void home_when(struct app *app, time_t t, char *out, size_t size)
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

/* Calendar days from now to t: 0 today, 1 tomorrow. */
static int days_until(struct app *app, time_t t)
{
	struct tm a, b;
	time_t now = app_now(app);

	localtime_r(&now, &a);
	localtime_r(&t, &b);
	a.tm_hour = b.tm_hour = 12; /* noon: a day is a day across daylight saving */
	a.tm_min = b.tm_min = a.tm_sec = b.tm_sec = 0;
	return (int)((mktime(&b) - mktime(&a) + 43200) / 86400);
}

/* "（还有 3 天）", "（还有 2 小时）", "（还有 25 分钟）"; nothing for tomorrow, which says itself. */
static void countdown(struct app *app, time_t t, char *out, size_t size)
{
	long s = (long)(t - app_now(app));
	int days = days_until(app, t);

	if (days >= 2)
		snprintf(out, size, "（还有 %d 天）", days);
	else if (days == 1)
		out[0] = '\0';
	else if (s >= 3600)
		snprintf(out, size, "（还有 %ld 小时）", (s + 1800) / 3600);
	else
		snprintf(out, size, "（还有 %ld 分钟）", s / 60 > 0 ? s / 60 : 1);
}

/* 政治生日 this month (milestones.h): a heading and one paragraph (or, with room for one line
 * only, the paragraph led by the heading): name and day (the years are said on the day, on the
 * result card). Names are never cut: as many as fit are listed, then "等 N 位". */
static void milestones_block(struct ui *ui, SDL_Rect r, const struct home *h)
{
	int lh = ui_line_height(ui, ui_text_px(ui, TS_BODY)), i, shown, one, room;
	bool inline_head = r.h < lh * 2;
	char text[MAX_MILESTONES * 200 + 64];

	if (h->nmilestones == 0 || r.h < lh)
		return;
	if (!inline_head)
		rect_cut_top(&r, ui_label_ex(ui, r, "本月政治生日", TS_BODY, C_RED, UI_BOLD));
	/* Whole lines, as the text is measured (a line measures a little more than lh). */
	one = ui_text_height(ui, "国", TS_BODY, false, r.w);
	room = one * (r.h / one > 1 ? r.h / one : 1);
	for (shown = h->nmilestones; shown >= 1; shown--) {
		size_t len;
		snprintf(text, sizeof text, "%s", inline_head ? "本月政治生日：" : "");
		for (i = 0; i < shown; i++) {
			const struct milestone *m = &h->milestones[i];
			len = strlen(text);
			if (m->day)
				snprintf(text + len, sizeof text - len, "%s%s %d月%d日", i ? "、" : "",
					 m->name, m->month, m->day);
			else
				snprintf(text + len, sizeof text - len, "%s%s", i ? "、" : "", m->name);
		}
		if (shown < h->nmilestones) {
			len = strlen(text);
			snprintf(text + len, sizeof text - len, " 等 %d 位", h->nmilestones);
		}
		if (ui_text_height(ui, text, TS_BODY, false, r.w) <= room)
			break;
	}
	if (shown == 0) /* not even one name with its date: how many, and the heading */
		snprintf(text, sizeof text, "本月政治生日：%d 位同志", h->nmilestones);
	ui_label(ui, r, text, TS_BODY, 0);
}

/* The height the card for the next meeting needs at width w, everything wrapped, nothing cut
 * (the 政治生日 below it take what is left). */
static int next_wanted(struct app *app, const struct home *h, int w)
{
	struct ui *ui = app->ui;
	int pad = ui_gap(ui) * 2, need;
	char line[512], when_s[96], left[64];

	w -= 2 * pad;
	need = 2 * pad + ui_text_height(ui, "现在没有会议", TS_TITLE, true, w) + pad;
	if (h->nnext == 0)
		return need + ui_text_height(ui, "近期没有安排活动", TS_LARGE, false, w) + pad;
	home_when(app, h->next[0].start, when_s, sizeof when_s);
	countdown(app, h->next[0].start, left, sizeof left);
	snprintf(line, sizeof line, "%s 开始%s", when_s, left);
	need += ui_text_height(ui, "下一场", TS_BODY, true, w) +
		ui_text_height(ui, h->next[0].title, TS_TITLE, true, w) +
		ui_text_height(ui, line, TS_LARGE, true, w);
	snprintf(line, sizeof line, "%s · %s · %s", meeting_kind_name(h->next[0].kind), home_scope(&h->next[0]),
		 h->next[0].place);
	return need + ui_text_height(ui, line, TS_BODY, false, w) + pad;
}

static void next_card(struct app *app, SDL_Rect r, const struct home *h)
{
	struct ui *ui = app->ui;
	int pad = ui_gap(ui) * 2;
	SDL_Rect in = rect_inset(r, pad);
	char line[512], w[96], left[64];

	ui_frame_round(ui, r, pad, 2, C_BORDER);
	rect_cut_top(&in, ui_label(ui, in, "现在没有会议", TS_TITLE, UI_BOLD) + pad);
	if (h->nnext == 0) {
		rect_cut_top(&in, ui_label(ui, in, "近期没有安排活动", TS_LARGE, UI_MUTED) + pad);
		milestones_block(ui, in, h);
		return;
	}
	rect_cut_top(&in, ui_label_ex(ui, in, "下一场", TS_BODY, C_RED, UI_BOLD));
	rect_cut_top(&in, ui_label(ui, in, h->next[0].title, TS_TITLE, UI_BOLD));
	home_when(app, h->next[0].start, w, sizeof w);
	countdown(app, h->next[0].start, left, sizeof left);
	snprintf(line, sizeof line, "%s 开始%s", w, left);
	rect_cut_top(&in, ui_label(ui, in, line, TS_LARGE, UI_BOLD));
	snprintf(line, sizeof line, "%s · %s · %s", meeting_kind_name(h->next[0].kind), home_scope(&h->next[0]),
		 h->next[0].place);
	rect_cut_top(&in, ui_label(ui, in, line, TS_BODY, UI_MUTED) + pad);
	milestones_block(ui, in, h);
}

/* The list of what comes next. */
static void upcoming(struct app *app, SDL_Rect r, const struct home *h, int skip)
{
	struct ui *ui = app->ui;
	int gap = ui_gap(ui), i, lh_body = ui_line_height(ui, ui_text_px(ui, TS_BODY));
	int item_h = lh_body * 2 + ui_line_height(ui, ui_text_px(ui, TS_SMALL)) + gap * 3;

	if (r.h < ui_line_height(ui, ui_text_px(ui, TS_LARGE)) + item_h)
		return;
	rect_cut_top(&r, ui_label(ui, r, "接下来的活动", TS_LARGE, UI_BOLD) + gap);
	for (i = skip; i < h->nnext; i++) {
		SDL_Rect item, in;
		char w[96], line[512];
		int line_h, when_h, h_i;

		home_when(app, h->next[i].start, w, sizeof w);
		snprintf(line, sizeof line, "%s · %s", home_scope(&h->next[i]), h->next[i].place);
		/* Each line as tall as its text wrapped to the width: where and when are never cut. */
		when_h = ui_text_height(ui, w, TS_BODY, true, r.w - gap * 3);
		line_h = ui_text_height(ui, line, TS_SMALL, false, r.w - gap * 3);
		h_i = when_h + lh_body + line_h + gap * 3;
		if (r.h < h_i)
			break;
		item = rect_cut_top(&r, h_i);
		in = rect_inset(item, gap * 3 / 2);
		rect_cut_top(&r, gap);
		ui_fill_round(ui, item, gap, C_CARD);
		ui_fill(ui, (SDL_Rect){ item.x, item.y + gap, gap / 2 + 2, item.h - 2 * gap }, C_RED);
		rect_cut_top(&in, ui_label_ex(ui, (SDL_Rect){ in.x, in.y, in.w, when_h }, w,
					      TS_BODY, C_RED, UI_BOLD));
		rect_cut_top(&in, ui_label(ui, (SDL_Rect){ in.x, in.y, in.w, lh_body },
					   h->next[i].title,
					   TS_BODY, UI_BOLD));
		ui_label(ui, in, line, TS_SMALL, UI_MUTED);
	}
}

/* The sign-in address in text, for anyone who must type it, whole (a cut address cannot be
 * typed) whatever the letters of its token: at the small size, or smaller (down to the small
 * size without 大字) so that it takes two lines of width at most. The height it will take is
 * put in *h. */
static int url_px(struct ui *ui, const char *url, int width, int *h)
{
	int px = ui_text_px(ui, TS_SMALL), least = ui->large ? px * 10 / 13 : px, lines;

	while (px > least && ui_text_width(ui, url, px, false) > width * 2 * 9 / 10)
		px--;
	lines = ui_text_width(ui, url, px, false) / (width * 9 / 10) + 1;
	*h = ui_line_height(ui, px) * lines;
	return px;
}

/* The sign-in QR code (and the room's Wi-Fi) in r; returns the height used. The code is at
 * least a third of the screen's short side, with its URL in text for anyone who must type it. */
static int qr_block(struct app *app, SDL_Rect r, const struct home *h)
{
	struct ui *ui = app->ui;
	int gap = ui_gap(ui), top = r.y, min_side = ui->short_side / 3, side;
	int url_h, px = url_px(ui, h->url, r.w, &url_h);
	int cap_h = ui_line_height(ui, ui_text_px(ui, TS_LARGE));
	int wifi_h = h->wifi[0] ? cap_h + min_side * 2 / 3 + gap * 2 : 0;

	/* On one line: "手机扫码签到" where the column is too narrow for "用手机扫码签到" (大字). */
	rect_cut_top(&r, ui_label(ui, r, ui_text_width(ui, "用手机扫码签到", ui_text_px(ui, TS_LARGE), true) <=
					  r.w ? "用手机扫码签到" : "手机扫码签到",
				  TS_LARGE, UI_BOLD | UI_CENTER));
	side = r.h - url_h - wifi_h - gap;
	if (side > r.w)
		side = r.w;
	if (side < min_side)
		side = min_side;
	side = ui_qr(ui, rect_cut_top(&r, side), h->url, "扫码签到二维码");
	rect_cut_top(&r, gap / 2);
	rect_cut_top(&r, ui_label_px(ui, r, h->url, px, false, C_MUTED, ALIGN_CENTER) + gap);
	if (h->wifi[0] && r.h >= cap_h + min_side / 2) {
		char caption[160];
		snprintf(caption, sizeof caption, "先连 Wi-Fi：%s", h->ssid);
		rect_cut_top(&r, ui_label(ui, r, caption, TS_BODY, UI_BOLD | UI_CENTER));
		side = r.h < min_side * 2 / 3 ? r.h : min_side * 2 / 3;
		ui_qr(ui, rect_cut_top(&r, side), h->wifi, "Wi-Fi 二维码");
	}
	return r.y - top;
}

/* 大字 on a portrait screen: the code at the left, its caption and URL beside it, so the card
 * above keeps the height all it says needs. Returns the height used. */
static int qr_beside(struct app *app, SDL_Rect r, const struct home *h)
{
	struct ui *ui = app->ui;
	int gap = ui_gap(ui) * 2, side = ui->short_side * 2 / 5, used;
	SDL_Rect code, text;

	if (side > r.h)
		side = r.h;
	code = rect_cut_left(&r, side);
	rect_cut_left(&r, gap);
	side = ui_qr(ui, (SDL_Rect){ code.x, code.y, side, side }, h->url, "扫码签到二维码");
	text = r;
	{
		/* The address whole: the caption a size down when both do not fit beside the code. */
		static const char caption[] = "用手机扫码签到";
		int url_h, px = url_px(ui, h->url, text.w, &url_h);
		enum text_size size = ui_text_height(ui, caption, TS_LARGE, true, text.w) + gap / 2 +
						      url_h <= text.h ? TS_LARGE : TS_BODY;
		rect_cut_top(&text, ui_label(ui, text, caption, size, UI_BOLD) + gap / 2);
		rect_cut_top(&text, ui_label_px(ui, text, h->url, px, false, C_MUTED, ALIGN_LEFT) + gap);
	}
	if (h->wifi[0] && text.h >= ui->short_side / 5) {
		char caption[160];
		snprintf(caption, sizeof caption, "先连 Wi-Fi：%s", h->ssid);
		rect_cut_top(&text, ui_label(ui, text, caption, TS_BODY, UI_BOLD));
		ui_qr(ui, rect_cut_top(&text, text.h < ui->short_side / 4 ? text.h : ui->short_side / 4),
		      h->wifi, "Wi-Fi 二维码");
	}
	used = text.y - r.y;
	return used > side ? used : side;
}

/* The dimmed screen: what to do, as its largest and brightest text (the screen is dark and
 * the member may not know it is on), then the time, and one coming activity at a time. */
static void draw_dimmed(struct app *app, const struct home *h)
{
	struct ui *ui = app->ui;
	SDL_Rect r = rect_inset((SDL_Rect){ 0, 0, ui->w, ui->h }, ui->short_side / 12);
	char hhmm[6], date[64], line[512], w[96];
	const struct meeting *m;

	clock_format_hhmm(app_now(app), hhmm);
	chrome_date(app_now(app), date, sizeof date);
	rect_cut_top(&r, ui_label(ui, r, "请轻触屏幕", TS_HUGE, UI_BOLD | UI_CENTER));
	rect_cut_top(&r, ui_label(ui, r, "屏幕暗了是为了省电，点一下就亮", TS_LARGE, UI_BOLD | UI_CENTER) +
			       ui_gap(ui) * 4);
	snprintf(line, sizeof line, "%s  %s", date, hhmm);
	rect_cut_top(&r, ui_label(ui, r, line, TS_LARGE, UI_CENTER | UI_MUTED) + ui_gap(ui) * 4);
	if (h->nnext > 0)
		m = &h->next[h->carousel % h->nnext];
	else
		m = NULL;
	if (!m) {
		ui_label(ui, r, app->community, TS_LARGE, UI_CENTER | UI_MUTED);
		return;
	}
	rect_cut_top(&r, ui_label(ui, r, "活动安排", TS_BODY, UI_BOLD | UI_CENTER | UI_MUTED));
	rect_cut_top(&r, ui_label(ui, r, m->title, TS_LARGE, UI_CENTER | UI_MUTED));
	home_when(app, m->start, w, sizeof w);
	snprintf(line, sizeof line, "%s · %s", w, m->place);
	ui_label(ui, r, line, TS_BODY, UI_CENTER | UI_MUTED);
}

/* A line of warning across the top of body, in colours bg and fg; body loses its height. */
static void banner(struct ui *ui, SDL_Rect *body, const char *text, enum color bg, enum color fg)
{
	int gap = ui_gap(ui) * 2;
	SDL_Rect r = { body->x, body->y, body->w,
		       ui_text_height(ui, text, TS_SMALL, true, body->w - gap) + gap };

	ui_fill_round(ui, r, gap / 2, bg);
	ui_label_ex(ui, rect_inset(r, gap / 2), text, TS_SMALL, fg, UI_BOLD);
	rect_cut_top(body, r.h + gap / 2);
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
	body = rect_inset(chrome_header(app, app->community, false, ACT_STAFF_DOOR), gap);
	if (!chrome_header_shows_date(app, app->community, false)) {
		char date[64];
		chrome_date(app_now(app), date, sizeof date);
		rect_cut_top(&body, ui_label(ui, body, date, TS_LARGE, UI_BOLD) + gap / 2);
	}
	/* Until staff have seen it (staff mode clears it): the records since the backup need
	 * entering again. */
	if (h->notice[0])
		banner(ui, &body, h->notice, C_AMBER, C_ON_AMBER);
	if (h->problem[0])
		banner(ui, &body, h->problem, C_RED, C_ON_RED);
	/* The ways to the study materials and the schedule, along the bottom in every layout; in
	 * 大字 on a landscape screen with a meeting on, a little lower than a 大字 tap target, and
	 * with the QR code beside the card only as tall as a normal one, since the meeting card
	 * (its 签到) needs the room. */
	{
		int nav_h = portrait ? ui_target(ui) * 5 / 4 :
			    ui->large && h->non > 0 ? ui->short_side / (h->url[0] ? 11 : 9) : ui_target(ui);
		SDL_Rect nav = rect_cut_bottom(&body, nav_h);
		chrome_speaker(app, &nav);
		int half = (nav.w - gap) / 2;
		rect_cut_bottom(&body, gap);
		ui_button(ui, rect_cut_left(&nav, half), "学习资料", NULL, BTN_NORMAL, ACT_MATERIALS, 0);
		rect_cut_left(&nav, gap);
		ui_button(ui, nav, "活动安排", NULL, BTN_NORMAL, ACT_SCHEDULE, 0);
	}
	if (portrait) {
		/* The card as tall as it likes (大字 needs more), from half the screen up to what
		 * leaves the QR code a third of the short side. */
		int want = h->non ? home_card_wanted(ui, h, body.w) : next_wanted(app, h, body.w);
		int least = body.h * 52 / 100;
		int most = !h->url[0] ? body.h :
			   ui->large ? body.h - ui->short_side * 2 / 5 - gap :
				       body.h - ui->short_side / 3 - 3 * ui_target(ui);
		if (want > most)
			want = most;
		if (want < least)
			want = least;
		main_r = rect_cut_top(&body, want);
		rect_cut_top(&body, gap);
		side = body;
	} else if (ui->large && !h->url[0]) {
		/* 大字 on a landscape screen: the meeting alone, as large as it can be. */
		main_r = body;
		side = (SDL_Rect){ body.x, body.y + body.h, body.w, 0 };
	} else {
		main_r = rect_cut_left(&body, body.w * (ui->large ? 64 : 62) / 100);
		rect_cut_left(&body, gap);
		side = body;
	}
	if (h->non > 0) {
		home_current_card(app, main_r, &h->on[0], &h->counts[0], h->non - 1);
		if (h->url[0] && portrait) {
			/* Portrait: the code on the left of the row below the card, what's next beside it;
			 * in 大字 the code alone, so it stays large enough for a phone to read. */
			if (ui->large) {
				rect_cut_top(&side, qr_beside(app, side, h) + gap);
				upcoming(app, side, h, 0);
			} else {
				SDL_Rect qr = rect_cut_left(&side, ui->short_side * 45 / 100);
				qr_block(app, qr, h);
				rect_cut_left(&side, gap);
				upcoming(app, side, h, 0);
			}
		} else if (h->url[0]) {
			rect_cut_top(&side, qr_block(app, side, h) + gap);
			upcoming(app, side, h, 0);
		} else {
			upcoming(app, side, h, 0);
		}
	} else {
		next_card(app, main_r, h);
		upcoming(app, side, h, 1);
	}
}

/* Dim only with no meeting on: while one is, latecomers must find 签到 without a waking tap. */
static bool home_may_dim(struct app *app)
{
	const struct home *h = app->state;

	return h->non == 0;
}

const struct screen home_screen = {
	.name = "home",
	.enter = home_enter,
	.leave = chrome_free_state,
	.event = home_event,
	.tick = home_tick,
	.draw = home_draw,
	.may_dim = home_may_dim,
};
