/* What every screen shares: the red header with the title, the date and time, 大字 and the way
 * home; and signing a member in, which every way of finding oneself ends with. */
#include "screens/screens.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/party/attendance.h"
#include "core/party/meetings.h"
#include "core/party/members.h"
#include "core/store/sound_settings.h"
#include "ui/ui.h"

static const char *const weekdays[] = { "星期日", "星期一", "星期二", "星期三", "星期四", "星期五", "星期六" };

void chrome_date(time_t t, char *out, size_t size)
{
	struct tm tm;

	localtime_r(&t, &tm);
	snprintf(out, size, "%d月%d日 %s", tm.tm_mon + 1, tm.tm_mday, weekdays[tm.tm_wday]);
}

/* Portrait: a title (a meeting's name, often long) that does not fit beside the buttons in
 * large text gets its own band under the bar, room for two lines of large text, so it is never
 * cut to "签到：第一党支部…". chrome_body always leaves room for the band in portrait. */
static bool title_own_line(struct ui *ui, const char *title, bool back)
{
	int gap = ui_gap(ui);
	int room = ui->w - 2 * gap - ui_target(ui) * 3 / 2 - gap - (back ? ui_target(ui) * 5 / 2 + 2 * gap : 0);

	if (ui->h <= ui->w)
		return false;
	return ui_text_width(ui, title, ui_text_px(ui, TS_LARGE), true) + gap * 3 +
	       ui_text_width(ui, "00:00", ui_text_px(ui, TS_LARGE), true) > room;
}

static int title_band(const struct ui *ui)
{
	return 2 * ui_line_height((struct ui *)ui, ui_text_px(ui, TS_LARGE)) + 2 * ui_gap(ui);
}

static int header_height(const struct ui *ui)
{
	return ui_target(ui) + 2 * ui_gap(ui) + (ui->h > ui->w ? title_band(ui) : 0);
}

SDL_Rect chrome_body(const struct app *app)
{
	int h = header_height(app->ui);

	return (SDL_Rect){ 0, h, app->ui->w, app->ui->h - h };
}

SDL_Rect chrome_list_body(const struct app *app)
{
	struct ui *ui = app->ui;
	SDL_Rect body = rect_inset(chrome_body(app), ui_gap(ui) * 2);

	rect_cut_top(&body, ui_line_height(ui, ui_text_px(ui, TS_BODY)) + ui_gap(ui));
	return body;
}

/* The text the header shows at the right: the date and time, or just the time when the bar is
 * too narrow for the date beside the title. */
static void header_clock(struct app *app, const char *title, bool back, char *out, size_t size)
{
	struct ui *ui = app->ui;
	int gap = ui_gap(ui), px_time = ui_text_px(ui, TS_LARGE), title_px = ui_text_px(ui, TS_TITLE);
	int room = ui->w - 2 * gap - ui_target(ui) * 3 / 2 - gap - (back ? ui_target(ui) * 5 / 2 + 2 * gap : 0);
	char date[64], hhmm[6];
	time_t now = app_now(app);

	chrome_date(now, date, sizeof date);
	clock_format_hhmm(now, hhmm);
	if (title_own_line(ui, title, back))
		title = "";
	snprintf(out, size, "%s  %s", date, hhmm);
	if (ui_text_width(ui, out, px_time, true) + ui_text_width(ui, title, title_px, true) + gap * 3 > room) {
		/* The day of the month without the weekday, before the time alone (大字). */
		*strchr(date, ' ') = '\0';
		snprintf(out, size, "%s  %s", date, hhmm);
	}
	if (ui_text_width(ui, out, px_time, true) + ui_text_width(ui, title, title_px, true) + gap * 3 > room)
		snprintf(out, size, "%s", hhmm);
}

bool chrome_header_shows_date(struct app *app, const char *title, bool back)
{
	char when[96];

	header_clock(app, title, back, when, sizeof when);
	return strchr(when, ' ') != NULL;
}

SDL_Rect chrome_header(struct app *app, const char *title, bool back, int title_action)
{
	struct ui *ui = app->ui;
	int gap = ui_gap(ui), h = header_height(ui), px_time = ui_text_px(ui, TS_LARGE);
	SDL_Rect all = { 0, 0, ui->w, ui->h }, bar, row, band = { 0 };
	bool own_line = title_own_line(ui, title, back);
	SDL_Rect large, home, clock_r;
	char when[96];
	int title_px = ui_text_px(ui, TS_TITLE), need;

	if (!own_line && ui->h > ui->w)
		h -= title_band(ui);
	bar = rect_cut_top(&all, h);
	ui_fill(ui, bar, C_RED);
	if (own_line)
		band = rect_inset(rect_cut_bottom(&bar, title_band(ui)), ui_gap(ui));
	row = rect_inset(bar, gap);
	large = rect_cut_right(&row, ui_target(ui) * 3 / 2);
	/* On or off in words, not only as a tint. */
	ui_button(ui, large, "大字", ui->large ? "已开" : "已关", ui->large ? BTN_SELECTED : BTN_NORMAL,
		  ACT_LARGE, 0);
	rect_cut_right(&row, gap);
	if (back) {
		home = rect_cut_left(&row, ui_target(ui) * 5 / 2);
		ui_button(ui, home, app->staff.open ? "返回管理" : "返回首页", NULL, BTN_NORMAL, ACT_HOME, 0);
		rect_cut_left(&row, gap * 2);
	}
	header_clock(app, title, back, when, sizeof when);
	need = ui_text_width(ui, when, px_time, true);
	clock_r = rect_cut_right(&row, need + gap);
	clock_r.y += (clock_r.h - ui_line_height(ui, px_time)) / 2;
	ui_label_px(ui, clock_r, when, px_time, true, C_ON_RED, ALIGN_RIGHT);
	if (own_line) {
		/* One line at title size when it fits, else up to two lines of large text. */
		int lh;
		if (ui_text_width(ui, title, title_px, true) > band.w)
			title_px = ui_text_px(ui, TS_LARGE);
		lh = ui_text_height(ui, title, ui_text_width(ui, title, title_px, true) > band.w ?
					    TS_LARGE : TS_TITLE, true, band.w);
		if (lh < band.h)
			band.y += (band.h - lh) / 2;
		ui_label_px(ui, band, title, title_px, true, C_ON_RED, ALIGN_LEFT);
		if (title_action && ui->nwidgets > 0)
			ui->widgets[ui->nwidgets - 1].action = title_action;
		return all;
	}
	while (title_px > ui_text_px(ui, TS_BODY) && ui_text_width(ui, title, title_px, true) > row.w)
		title_px -= 2;
	row.y += (row.h - ui_line_height(ui, title_px)) / 2;
	row.h = ui_line_height(ui, title_px);
	ui_label_px(ui, row, title, title_px, true, C_ON_RED, ALIGN_LEFT);
	if (title_action && ui->nwidgets > 0) /* the title doubles as a hidden door for staff */
		ui->widgets[ui->nwidgets - 1].action = title_action;
	return all;
}

void chrome_speaker(struct app *app, SDL_Rect *row)
{
	struct ui *ui = app->ui;
	struct sound_settings set;
	time_t now = app_now(app);
	const char *label = "声音";
	SDL_Rect r;

	sound_settings_load(app->db, &set);
	if (set.muted_until > now)
		label = "已静音";
	else if (set.mute || set.volume == 0)
		label = "静音";
	else if (sound_settings_silent(&set, now))
		label = "免打扰";
	r = rect_cut_right(row, ui_target(ui) * 5 / 2);
	rect_cut_right(row, ui_gap(ui) * 2);
	ui_speaker(ui, r, sound_settings_silent(&set, now), label, ACT_SPEAKER);
}

/* Which size line i takes in layout step k: all roomy; the first two (what happened, who)
 * roomy and the rest tight; all tight; all a size smaller than tight (but body text). */
static enum text_size verdict_size(const struct verdict_line *l, int i, int k)
{
	if (k == 3) /* the last resort: one size down from tight, never below body text */
		return l->tight > TS_BODY ? l->tight - 1 : l->tight;
	return k == 0 || (k == 1 && i < 2) ? l->roomy : l->tight;
}

void chrome_verdict(struct app *app, SDL_Rect panel, bool already, const struct verdict_line *lines,
		    int n)
{
	struct ui *ui = app->ui;
	int gap = ui_gap(ui), total = 0, i, k;
	enum color fg = already ? C_ON_AMBER : C_ON_GREEN;
	SDL_Rect in;

	ui_fill_round(ui, panel, gap * 2, already ? C_AMBER : C_GREEN);
	in = rect_inset(panel, gap * 3);
	for (k = 0; k < 4; k++) {
		for (total = 0, i = 0; i < n; i++)
			total += ui_text_height(ui, lines[i].text, verdict_size(&lines[i], i, k),
						lines[i].bold, in.w) + gap;
		if (total <= in.h + gap)
			break;
	}
	if (k == 4)
		k = 3;
	if (total < in.h)
		rect_cut_top(&in, (in.h - total) / 2);
	for (i = 0; i < n; i++)
		rect_cut_top(&in, ui_label_ex(ui, in, lines[i].text, verdict_size(&lines[i], i, k),
					      fg, (lines[i].bold ? UI_BOLD : 0) | UI_CENTER) + gap);
}

void chrome_sign_in(struct app *app, int64_t meeting_id, int64_t member_id)
{
	struct meeting on[8];
	struct result_arg r = { .member_id = member_id, .meeting_id = meeting_id };
	struct member m;
	bool expected = false;
	int n, i;

	/* Two meetings at once: certain only when the member is expected at just one, the one
	 * the finder named (or staff chose the meeting check-in is for); otherwise the member is
	 * asked 您参加哪一场？ before anything is written. A database that cannot say is told, not
	 * guessed at (the member is not signed in). */
	n = meetings_current(app->db, app_now(app), on, 8, app->err, sizeof app->err);
	if (n > 1 && !meetings_checkin_choice(app->db, app_now(app))) {
		struct which_arg w = { member_id, 0 };
		int nexpected = 0;
		for (i = 0; i < n && i < 8; i++) {
			if (attendance_is_expected(app->db, on[i].id, member_id, &expected, app->err,
						   sizeof app->err) < 0) {
				app_toast(app, app->err);
				return;
			}
			if (expected) {
				nexpected++;
				w.expected = on[i].id;
			}
		}
		if (nexpected != 1 || w.expected != meeting_id) {
			if (nexpected != 1)
				w.expected = 0;
			app_go(app, &which_screen, &w);
			return;
		}
	}
	if (attendance_checkin(app->db, r.meeting_id, member_id, METHOD_TOUCH, app_now(app),
			       &r.checkin, app->err, sizeof app->err) < 0) {
		app_sound(app, SPEECH_REFUSED, NULL);
		app_toast(app, app->err);
		return;
	}
	app_trace(app, "commit");
	/* The chime now, the name said after it (off this thread): the frame does not wait. */
	app_sound(app, r.checkin.already ? SPEECH_ALREADY : SPEECH_SIGNED_IN,
		  members_get(app->db, member_id, &m, app->err, sizeof app->err) == 0 ? m.f[MF_NAME] : NULL);
	app_go(app, &result_screen, &r);
}

/* One end of the page bar: a button when there is a page that way; on the first or the last
 * page only its word in grey on the page, with no frame, so it does not look as if it could
 * be tapped (and a tap does nothing). */
static void pager_end(struct ui *ui, SDL_Rect r, const char *text, enum button_style style, int act)
{
	if (act) {
		ui_button(ui, r, text, NULL, style, act, 0);
		return;
	}
	r.y += (r.h - ui_line_height(ui, ui_text_px(ui, TS_BODY))) / 2;
	r.h = ui_line_height(ui, ui_text_px(ui, TS_BODY));
	ui_label(ui, r, text, TS_BODY, UI_CENTER | UI_MUTED);
}

void chrome_pager(struct app *app, SDL_Rect bar, int page, int pages, int act_prev, int act_next)
{
	struct ui *ui = app->ui;
	int w = ui_target(ui) * 5 / 2;
	char text[64];

	if (pages <= 1)
		return;
	pager_end(ui, rect_cut_left(&bar, w), "上一页", BTN_NORMAL, page > 0 ? act_prev : 0);
	pager_end(ui, rect_cut_right(&bar, w), "下一页", BTN_PRIMARY, page + 1 < pages ? act_next : 0);
	snprintf(text, sizeof text, "第 %d 页，共 %d 页", page + 1, pages);
	/* In 大字 on a narrow screen the sentence would end in "…", hiding how many pages there are. */
	if (ui_text_width(ui, text, ui_text_px(ui, TS_BODY), false) > bar.w)
		snprintf(text, sizeof text, "%d/%d 页", page + 1, pages);
	bar.y += (bar.h - ui_line_height(ui, ui_text_px(ui, TS_BODY))) / 2;
	ui_label(ui, bar, text, TS_BODY, UI_CENTER | UI_MUTED);
}

struct chrome_grid chrome_grid(const struct app *app, SDL_Rect area, int count, int min_w, int cell_h)
{
	const struct ui *ui = app->ui;
	struct chrome_grid g;

	memset(&g, 0, sizeof g);
	g.gap = ui_gap(ui);
	g.cell_h = cell_h > 0 ? cell_h : 1;
	g.bar = (SDL_Rect){ area.x, area.y + area.h, area.w, 0 };
	for (;;) {
		chrome_fit_cells(ui, area, min_w > 0 ? min_w : 1, g.cell_h, &g.cols, &g.rows);
		if (count <= g.cols * g.rows || g.bar.h > 0)
			break;
		/* More than a page: the page buttons take the bottom row. */
		g.bar = rect_cut_bottom(&area, ui_target(ui));
		rect_cut_bottom(&area, g.gap);
	}
	g.cells = area;
	g.per_page = g.cols * g.rows;
	g.pages = chrome_pages(count, g.per_page);
	return g;
}

void chrome_fit_cells(const struct ui *ui, SDL_Rect r, int min_w, int h, int *cols, int *rows)
{
	int gap = ui_gap(ui);

	*cols = (r.w + gap) / (min_w + gap);
	*rows = (r.h + gap) / (h + gap);
	if (*cols < 1)
		*cols = 1;
	if (*rows < 1)
		*rows = 1;
}

SDL_Rect chrome_cell(const struct ui *ui, SDL_Rect r, int cols, int h, int i)
{
	int gap = ui_gap(ui), w = (r.w - gap * (cols - 1)) / cols;

	return (SDL_Rect){ r.x + (i % cols) * (w + gap), r.y + (i / cols) * (h + gap), w, h };
}

SDL_Rect chrome_grid_cell(const struct chrome_grid *g, int i)
{
	int w = (g->cells.w - g->gap * (g->cols - 1)) / g->cols;

	return (SDL_Rect){ g->cells.x + (i % g->cols) * (w + g->gap),
			   g->cells.y + (i / g->cols) * (g->cell_h + g->gap), w, g->cell_h };
}

int chrome_pages(int count, int per_page)
{
	if (per_page < 1 || count <= per_page)
		return 1;
	return (count + per_page - 1) / per_page;
}

bool chrome_turn(int *page, int pages, int delta)
{
	int was = *page;

	if (pages < 1)
		return false;
	if (*page >= pages)
		*page = pages - 1;
	if (*page + delta >= 0 && *page + delta < pages)
		*page += delta;
	return *page != was;
}

void chrome_free_state(struct app *app)
{
	free(app->state);
	app->state = NULL;
}

enum text_size chrome_fit_size(struct ui *ui, const char *text, enum text_size from, bool bold,
			       int width)
{
	enum text_size ts = from;

	while (ts > TS_SMALL && ui_text_width(ui, text, ui_text_px(ui, ts), bold) > width)
		ts--;
	return ts;
}
