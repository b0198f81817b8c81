/* 回访名单: members who have not taken part for three months or more, grouped by 党员中心户
 * with the head's phone, so each head knows whom to visit or call; those nearing six months
 * (which counts as leaving the Party) marked in red. Paged; a household carried onto the next
 * page repeats its heading. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/party/stats.h"
#include "screens/screens.h"
#include "screens/staff_mode.h"
#include "ui/ui.h"

enum { ACT_FILTER = 1, ACT_PREV, ACT_NEXT };

struct followup_screen {
	struct followup *f;
	int n, cap;
	int counts[3];
	bool urgent_only; /* 将满半年 and over */
	int page;
	int pages; /* as last drawn, for turning pages */
};

static int collect(void *ctx, const struct followup *f)
{
	struct followup_screen *s = ctx;

	if (s->n == s->cap) {
		int cap = s->cap ? s->cap * 2 : 64;
		struct followup *list = realloc(s->f, (size_t)cap * sizeof *list);
		if (!list)
			return 1;
		s->f = list;
		s->cap = cap;
	}
	s->f[s->n++] = *f;
	s->counts[f->level]++;
	return 0;
}

static int followup_enter(struct app *app, const void *arg)
{
	struct followup_screen *s = calloc(1, sizeof *s);

	(void)arg;
	if (!s)
		return -1;
	app->state = s;
	return stats_followup(app->db, app_now(app), collect, s, app->err, sizeof app->err);
}

static void followup_leave(struct app *app)
{
	struct followup_screen *s = app->state;

	if (s)
		free(s->f);
	free(s);
	app->state = NULL;
}

/* The list as pages of lines: a line is a household heading (-1 - the index of a member in
 * it) or a member (the index). A page that starts inside a household repeats its heading
 * (marked 续), and no page ends on a heading. Returns the lines written; *pages and
 * page_start[] (at most max_pages) say where each page begins. */
struct line {
	int idx;
	bool cont;
};

static int paginate(const struct followup_screen *s, int per_page, struct line *out, int max,
		    int *page_start, int max_pages, int *pages)
{
	int i, n = 0, on_page = 0;
	int64_t last = -1;

	*pages = 0;
#define PUT(i_, cont_)                                                         \
	do {                                                                   \
		if (on_page == 0 && *pages < max_pages)                        \
			page_start[*pages] = n;                                \
		if (on_page == 0)                                              \
			(*pages)++;                                            \
		if (n < max)                                                   \
			out[n] = (struct line){ (i_), (cont_) };               \
		n++;                                                           \
		if (++on_page == per_page)                                     \
			on_page = 0;                                           \
	} while (0)
	for (i = 0; i < s->n; i++) {
		bool new_household;
		if (s->urgent_only && s->f[i].level == FOLLOW_3_MONTHS)
			continue;
		new_household = s->f[i].household_id != last;
		last = s->f[i].household_id;
		if (new_household && on_page == per_page - 1)
			on_page = 0; /* not a heading alone at the foot of a page */
		if (new_household)
			PUT(-1 - i, false);
		else if (on_page == 0)
			PUT(-1 - i, true);
		PUT(i, false);
	}
#undef PUT
	return n;
}

struct layout {
	SDL_Rect list, pager;
	int line_h, per_page;
};

static struct layout layout(struct app *app)
{
	struct ui *ui = app->ui;
	struct layout y;
	SDL_Rect body = rect_inset(chrome_body(app), ui_gap(ui) * 2);
	int gap = ui_gap(ui), lh = ui_line_height(ui, ui_text_px(ui, TS_BODY));

	rect_cut_top(&body, lh * 2 + gap + ui_target(ui) + gap);
	y.pager = rect_cut_bottom(&body, ui_target(ui));
	rect_cut_bottom(&body, gap);
	y.line_h = lh + gap;
	y.per_page = body.h / y.line_h;
	if (y.per_page < 2)
		y.per_page = 2;
	y.list = body;
	return y;
}

static void followup_event(struct app *app, const struct input *in)
{
	struct followup_screen *s = app->state;

	if (in->type == IN_SWIPE && abs(in->dx) > abs(in->dy)) {
		struct input tap = { .type = IN_TAP, .action = in->dx < 0 ? ACT_NEXT : ACT_PREV };
		followup_event(app, &tap);
		return;
	}
	if (in->type != IN_TAP)
		return;
	if (in->action == ACT_FILTER) {
		s->urgent_only = in->arg != 0;
		s->page = 0;
	} else if (in->action == ACT_PREV || in->action == ACT_NEXT) {
		chrome_turn(&s->page, s->pages, in->action == ACT_NEXT ? 1 : -1);
	}
	app_dirty(app);
}

static void followup_draw(struct app *app)
{
	static const char *const levels[] = { "", "将满半年", "已超过半年" };
	struct followup_screen *s = app->state;
	struct ui *ui = app->ui;
	SDL_Rect body = rect_inset(chrome_header(app, "回访名单", true, 0), ui_gap(ui) * 2), tabs;
	struct layout y = layout(app);
	int gap = ui_gap(ui), lh = ui_line_height(ui, ui_text_px(ui, TS_BODY));
	int max = s->n * 3 + 2, n, pages, i, first, last, *starts;
	struct line *lines = calloc((size_t)max, sizeof *lines);
	char line[512], text[512];

	starts = calloc((size_t)max, sizeof *starts);
	if (!lines || !starts) {
		free(lines);
		free(starts);
		return;
	}
	n = paginate(s, y.per_page, lines, max, starts, max, &pages);
	s->pages = pages;
	snprintf(line, sizeof line, "共 %d 人三个月以上没有参加组织生活：其中将满半年 %d 人，已超过半年 %d 人。",
		 s->n, s->counts[FOLLOW_NEAR_6], s->counts[FOLLOW_OVER_6]);
	ui_label(ui, rect_cut_top(&body, lh), line, TS_BODY, UI_BOLD);
	ui_label(ui, rect_cut_top(&body, lh),
		 "请中心户户长上门或打电话看望；半年不参加会被视为自行脱党。",
		 TS_BODY, UI_MUTED);
	rect_cut_top(&body, gap);
	tabs = rect_cut_top(&body, ui_target(ui));
	{
		int w = ui->short_side * 40 / 100;
		snprintf(text, sizeof text, "全部 %d 人", s->n);
		ui_button(ui, rect_cut_left(&tabs, w), text, NULL, s->urgent_only ? BTN_NORMAL : BTN_SELECTED,
			  ACT_FILTER, 0);
		rect_cut_left(&tabs, gap);
		snprintf(text, sizeof text, "将满半年及以上 %d 人", s->counts[FOLLOW_NEAR_6] + s->counts[FOLLOW_OVER_6]);
		ui_button(ui, rect_cut_left(&tabs, w), text, NULL, s->urgent_only ? BTN_SELECTED : BTN_NORMAL,
			  ACT_FILTER, 1);
	}
	if (n == 0) {
		ui_label(ui, y.list,
			 s->n ? "没有将满半年的党员。" : "没有需要回访的党员：三个月内每个人都参加过组织生活。",
			 TS_LARGE, 0);
		goto out;
	}
	if (s->page >= pages)
		s->page = pages - 1;
	first = starts[s->page];
	last = s->page + 1 < pages ? starts[s->page + 1] : n;
	for (i = first; i < last; i++) {
		SDL_Rect r = { y.list.x, y.list.y + (i - first) * y.line_h, y.list.w, y.line_h };
		if (lines[i].idx < 0) {
			const struct followup *f = &s->f[-1 - lines[i].idx];
			if (!f->household_id)
				snprintf(text, sizeof text, "未编入党员中心户%s", lines[i].cont ? "（续）" : "");
			else
				snprintf(text, sizeof text, "%s%s · 户长 %s %s", f->household,
					 lines[i].cont ? "（续）" : "", f->head,
					 f->head_phone[0] ? f->head_phone : "（没有登记电话）");
			ui_fill(ui, r, C_SELECTED);
			ui_label(ui, rect_inset(r, gap / 2), text, TS_BODY, UI_BOLD);
		} else {
			const struct followup *f = &s->f[lines[i].idx];
			SDL_Rect a = rect_inset(r, gap / 2), b, c;
			a.x += gap * 2;
			a.w -= gap * 2;
			b = rect_cut_right(&a, a.w * 42 / 100);
			c = rect_cut_right(&a, a.w * 42 / 100);
			snprintf(text, sizeof text, "%s（%s）", f->name, f->branch);
			ui_label(ui, a, text, TS_BODY, UI_BOLD);
			ui_label_ex(ui, c, f->phone[0] ? f->phone : "没有登记电话", TS_BODY,
				    f->phone[0] ? C_TEXT : C_MUTED, 0);
			if (f->level == FOLLOW_3_MONTHS)
				snprintf(line, sizeof line, "%d 个月没参加", f->months);
			else
				snprintf(line, sizeof line, "%s", levels[f->level]);
			if (f->never)
				snprintf(line + strlen(line), sizeof line - strlen(line), " · 从没签到");
			else
				snprintf(line + strlen(line), sizeof line - strlen(line), " · 最后 %d月%d日",
					 atoi(f->since + 5), atoi(f->since + 8));
			if (f->leaves)
				snprintf(line + strlen(line), sizeof line - strlen(line), " · 请假 %d 次", f->leaves);
			ui_label_ex(ui, b, line, TS_BODY, f->level != FOLLOW_3_MONTHS ? C_RED : C_MUTED,
				    f->level != FOLLOW_3_MONTHS ? UI_BOLD : 0);
		}
	}
	chrome_pager(app, y.pager, s->page, pages, ACT_PREV, ACT_NEXT);
out:
	free(lines);
	free(starts);
}

const struct screen staff_followup_screen = {
	.name = "staff_followup",
	.enter = followup_enter,
	.leave = followup_leave,
	.event = followup_event,
	.draw = followup_draw,
};
