/* 统计: attendance rates as bar charts (by branch, by category, by age band) and, per branch,
 * whether the 三会一课 due this quarter were held, for this quarter or the one before. The
 * figures come from core/party/stats.c, computed the way the 签到表 and the export count. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/party/stats.h"
#include "screens/screens.h"
#include "screens/staff_mode.h"
#include "ui/ui.h"

enum { ACT_TAB = 1, ACT_QUARTER };
enum tab { TAB_BRANCH, TAB_CATEGORY, TAB_AGE, TAB_DUTIES, TABS };
static const char *const tab_names[TABS] = { "按支部", "按党员类别", "按年龄", "三会一课" };
/* Where a tab is too narrow for its name (portrait in 大字). */
static const char *const tab_short[TABS] = { "按支部", "党员类别", "按年龄", "三会一课" };

#define MAX_BRANCHES 16

struct stats_screen {
	enum tab tab;
	int back; /* 0 this quarter, 1 the one before */
	char quarter[32];
	bool quarter_over;
	struct stats_rate rates[STATS_MAX_ROWS];
	int nrates;
	struct branch_duties duties[MAX_BRANCHES];
	int nduties;
};

static int load(struct app *app, struct stats_screen *s)
{
	static const enum stats_group groups[] = { STATS_BY_BRANCH, STATS_BY_CATEGORY, STATS_BY_AGE };
	time_t from, to, now = app_now(app);

	stats_quarter(now, s->back, &from, &to, s->quarter, sizeof s->quarter);
	s->quarter_over = to <= now;
	s->nrates = s->nduties = 0;
	if (s->tab == TAB_DUTIES)
		s->nduties = stats_duties(app->db, from, to, now, s->duties, MAX_BRANCHES, app->err,
					  sizeof app->err);
	else
		s->nrates = stats_rates(app->db, groups[s->tab], from, to, now, s->rates, STATS_MAX_ROWS,
					app->err, sizeof app->err);
	app_dirty(app);
	if (s->nrates < 0 || s->nduties < 0) {
		s->nrates = s->nduties = 0;
		return -1;
	}
	return 0;
}

static int staff_stats_enter(struct app *app, const void *arg)
{
	struct stats_screen *s = calloc(1, sizeof *s);

	(void)arg;
	if (!s)
		return -1;
	app->state = s;
	return load(app, s);
}

static void staff_stats_event(struct app *app, const struct input *in)
{
	struct stats_screen *s = app->state;

	if (in->type == IN_REFRESH) {
		load(app, s);
		return;
	}
	if (in->type != IN_TAP)
		return;
	if (in->action == ACT_TAB && in->arg >= 0 && in->arg < TABS)
		s->tab = (enum tab)in->arg;
	else if (in->action == ACT_QUARTER)
		s->back = in->arg ? 1 : 0;
	else
		return;
	if (load(app, s) < 0)
		app_toast(app, app->err);
}

/* A row's figures: "59%（64/109 人次）", or that there was no meeting. */
static const char *rate_text(const struct stats_rate *x, char *out, size_t size)
{
	if (x->expected)
		snprintf(out, size, "%d%%（%d/%d 人次）", (int)((double)x->present / x->expected * 100 + 0.5),
			 x->present, x->expected);
	else
		snprintf(out, size, "暂无会议");
	return out;
}

/* One bar a row: the label, the bar, the rate and the counts. */
static void draw_bars(struct app *app, struct stats_screen *s, SDL_Rect r)
{
	struct ui *ui = app->ui;
	int gap = ui_gap(ui), i, lh = ui_line_height(ui, ui_text_px(ui, TS_LARGE));
	int row_h = s->nrates ? (r.h - gap * (s->nrates - 1)) / s->nrates : 0;
	int label_w = ui->short_side * 30 / 100, value_w = 0, label_px = ui_text_px(ui, TS_LARGE);
	enum text_size label_ts = TS_LARGE;
	bool portrait = ui->h > ui->w;
	char text[160], desc[160];

	if (row_h > ui_target(ui) * 2)
		row_h = ui_target(ui) * 2;
	/* The figures column as wide as the widest figures, the label column as wide as the widest
	 * label ("60岁及以上"); where both do not fit at large size, the labels get smaller: never
	 * cut (issue 14). */
	for (i = 0; i < s->nrates; i++) {
		int vw = ui_text_width(ui, rate_text(&s->rates[i], text, sizeof text),
				       ui_text_px(ui, TS_BODY), true);
		if (vw + gap > value_w)
			value_w = vw + gap;
	}
	for (;; label_ts--) {
		int widest = 0;
		label_px = ui_text_px(ui, label_ts);
		for (i = 0; i < s->nrates; i++) {
			int tw = ui_text_width(ui, s->rates[i].label, label_px, true) + gap;
			if (tw > widest)
				widest = tw;
		}
		if ((widest + value_w + (portrait ? 0 : r.w / 3) <= r.w &&
		     (portrait || ui_line_height(ui, label_px) <= row_h)) || label_ts == TS_SMALL) {
			if (widest > label_w || portrait)
				label_w = widest;
			break;
		}
	}
	label_px = ui_text_px(ui, label_ts);
	lh = ui_line_height(ui, label_px);
	if (s->nrates == 0) {
		ui_label(ui, r, "没有数据", TS_LARGE, UI_MUTED);
		return;
	}
	for (i = 0; i < s->nrates; i++) {
		const struct stats_rate *x = &s->rates[i];
		SDL_Rect row = rect_cut_top(&r, row_h), label, value, bar;
		double rate = x->expected ? (double)x->present / x->expected : 0;
		rect_cut_top(&r, gap);
		if (portrait) {
			/* The label and figures over the bar, for the narrow screen. */
			label = rect_cut_top(&row, lh);
			value = rect_cut_right(&label, value_w);
			bar = rect_inset(row, gap / 2);
		} else {
			label = rect_cut_left(&row, label_w);
			value = rect_cut_right(&row, value_w);
			bar = rect_inset(row, gap);
			label.y += (label.h - lh) / 2;
			value.y += (value.h - ui_line_height(ui, ui_text_px(ui, TS_BODY))) / 2;
		}
		ui_label(ui, label, x->label, label_ts, UI_BOLD);
		rate_text(x, text, sizeof text);
		if (x->expected) {
			snprintf(desc, sizeof desc, "%s 出勤率 %d%%", x->label, (int)(rate * 100 + 0.5));
		} else {
			snprintf(desc, sizeof desc, "%s 暂无会议", x->label);
		}
		ui_label(ui, value, text, TS_BODY, UI_BOLD | UI_RIGHT);
		if (bar.h > ui->short_side / 12)
			bar = (SDL_Rect){ bar.x, bar.y + (bar.h - ui->short_side / 12) / 2, bar.w, ui->short_side / 12 };
		ui_bar(ui, bar, rate, C_RED, desc);
	}
}

static const char *state_name(enum duty_state st)
{
	static const char *const names[] = { "已完成", "还有时间", "落后", "未完成" };

	return names[st];
}

/* The same in at most three characters, for cells of one line (大字 on a short screen). */
static const char *state_short(enum duty_state st)
{
	static const char *const names[] = { "已完成", "未到期", "落后", "未完成" };

	return names[st];
}

/* The 三会一课 grid: a row per branch, a column per kind; each cell says held / required and
 * how it stands, in green, amber or red (one line when the rows are short). */
static void draw_duties(struct app *app, struct stats_screen *s, SDL_Rect r)
{
	static const char *const heads[DUTY_KINDS] = { "党员大会", "支委会", "党小组会", "主题党日", "党课" };
	static const char *const legend = "要求：党员大会、党课每季 1 次；支委会、主题党日每月 1 次；党小组会每组每月 1 次";
	struct ui *ui = app->ui;
	int gap = ui_gap(ui), cols = DUTY_KINDS + 1, col_w = (r.w - gap * (cols - 1)) / cols, i, k;
	/* Narrow columns (portrait): smaller text, heads and names on two lines, never cut. */
	bool narrow = ui_text_width(ui, "还有时间", ui_text_px(ui, TS_BODY), false) > col_w - gap / 2 ||
		      ui_text_width(ui, "第一党支部", ui_text_px(ui, TS_BODY), true) > col_w;
	enum text_size ts = narrow ? TS_SMALL : TS_BODY;
	int lh = ui_line_height(ui, ui_text_px(ui, ts));
	int legend_h = ui_text_height(ui, legend, TS_SMALL, false, r.w), row_h;
	SDL_Rect head = rect_cut_top(&r, lh * (narrow ? 2 : 1)), foot = rect_cut_bottom(&r, legend_h);
	bool two_lines;

	rect_cut_top(&r, gap);
	rect_cut_bottom(&r, gap);
	row_h = s->nduties ? (r.h + gap) / s->nduties - gap : 0;
	if (row_h > lh * 3 + gap)
		row_h = lh * 3 + gap;
	two_lines = row_h >= lh * 2;
	if (!two_lines && !narrow) {
		/* Short rows: "1/3 还有时间" would not fit one line; two lines of smaller text. */
		ts = TS_SMALL;
		lh = ui_line_height(ui, ui_text_px(ui, ts));
	}
	/* Two lines at least (one line cuts "1/3 还有时间" in these columns), three when the
	 * state wraps in a narrow cell; the legend gives way when the rows need its room. */
	{
		int need = lh + ui_text_height(ui, "还有时间", ts, false, col_w - gap / 2) + gap / 2;
		two_lines = true;
		if (row_h < need && (need + gap) * s->nduties <= r.h + foot.h + gap) {
			row_h = need;
			r.h += foot.h + gap;
			foot.h = 0;
		} else if (row_h < need) {
			two_lines = row_h >= lh * 2; /* 大字 on a short screen: still cut (issue 14) */
		}
	}
	for (k = 0; k < DUTY_KINDS; k++) {
		SDL_Rect c = { head.x + (k + 1) * (col_w + gap), head.y, col_w, head.h };
		ui_label(ui, c, heads[k], ts, UI_BOLD | UI_CENTER);
	}
	for (i = 0; i < s->nduties; i++) {
		const struct branch_duties *b = &s->duties[i];
		SDL_Rect row = rect_cut_top(&r, row_h), name = rect_cut_left(&row, col_w);
		rect_cut_top(&r, gap);
		if (!narrow) {
			name.y += (name.h - lh) / 2;
			name.h = lh;
		}
		ui_label(ui, name, b->branch, ts, UI_BOLD);
		for (k = 0; k < DUTY_KINDS; k++) {
			const struct duty *d = &b->d[k];
			enum duty_state st = stats_duty_state(d, s->quarter_over);
			SDL_Rect c = { row.x + gap + k * (col_w + gap), row.y, col_w, row.h }, in;
			enum color bg = st == DUTY_DONE ? C_GREEN : st == DUTY_ON_TRACK ? C_AMBER : C_RED;
			enum color fg = st == DUTY_DONE ? C_ON_GREEN : st == DUTY_ON_TRACK ? C_ON_AMBER : C_ON_RED;
			char count[64], text[128];
			ui_fill_round(ui, c, gap / 2, bg);
			if (d->required == 0)
				snprintf(count, sizeof count, "无小组");
			else
				snprintf(count, sizeof count, "%d/%d 次", d->held < d->required ? d->held : d->required,
					 d->required);
			in = rect_inset(c, gap / 4);
			if (two_lines) {
				/* The count, then how it stands, wrapped in a narrow cell (还有/时间). */
				const char *state = d->required ? state_name(st) : "";
				int sh = ui_text_height(ui, state, ts, false, in.w);
				if (sh > in.h - lh)
					sh = in.h - lh;
				in.y += (in.h - lh - sh) / 2;
				in.h = lh;
				ui_label_ex(ui, in, count, ts, fg, UI_BOLD | UI_CENTER);
				in.y += lh;
				in.h = sh;
				ui_label_ex(ui, in, state, ts, fg, UI_CENTER);
			} else {
				in.y += (in.h - lh) / 2;
				in.h = lh;
				snprintf(text, sizeof text, "%d/%d %s", d->held < d->required ? d->held : d->required,
					 d->required, d->required ? state_short(st) : "无小组");
				ui_label_ex(ui, in, text, ts, fg, UI_BOLD | UI_CENTER);
			}
		}
	}
	if (foot.h > 0)
		ui_label(ui, foot, legend, TS_SMALL, UI_MUTED);
}

static void staff_stats_draw(struct app *app)
{
	struct stats_screen *s = app->state;
	struct ui *ui = app->ui;
	SDL_Rect body = rect_inset(chrome_header(app, "统计", true, 0), ui_gap(ui) * 2), tabs, q;
	int gap = ui_gap(ui), i, w;
	char line[256];

	tabs = rect_cut_top(&body, ui_target(ui));
	rect_cut_top(&body, gap);
	q = rect_cut_right(&tabs, ui->h > ui->w ? 0 : ui->short_side * 40 / 100);
	if (ui->h > ui->w) {
		q = rect_cut_top(&body, ui_target(ui));
		rect_cut_top(&body, gap);
	}
	w = (tabs.w - gap * TABS) / TABS;
	for (i = 0; i < TABS; i++) {
		const char *name = ui_text_width(ui, tab_names[i], ui_text_px(ui, TS_SMALL), true) >
					   w - 2 * gap ? tab_short[i] : tab_names[i];
		ui_button(ui, rect_cut_left(&tabs, w), name, NULL,
			  s->tab == (enum tab)i ? BTN_SELECTED : BTN_NORMAL, ACT_TAB, i);
		rect_cut_left(&tabs, gap);
	}
	w = (q.w - gap) / 2;
	ui_button(ui, rect_cut_left(&q, w), "本季度", NULL, s->back == 0 ? BTN_SELECTED : BTN_NORMAL, ACT_QUARTER, 0);
	rect_cut_left(&q, gap);
	ui_button(ui, q, "上季度", NULL, s->back == 1 ? BTN_SELECTED : BTN_NORMAL, ACT_QUARTER, 1);
	if (s->tab == TAB_DUTIES)
		snprintf(line, sizeof line, "%s三会一课召开情况%s", s->quarter, s->quarter_over ? "" : "（到今天为止）");
	else
		snprintf(line, sizeof line, "%s出勤率（实到÷应到，已结束的会议）", s->quarter);
	rect_cut_top(&body, ui_label(ui, body, line, TS_BODY, UI_BOLD) + gap);
	if (s->tab == TAB_DUTIES)
		draw_duties(app, s, body);
	else
		draw_bars(app, s, body);
}

const struct screen staff_stats_screen = {
	.name = "staff_stats",
	.enter = staff_stats_enter,
	.leave = chrome_free_state,
	.event = staff_stats_event,
	.draw = staff_stats_draw,
};
