/* 回访名单: members who have not taken part for three months or more, or missed three meetings
 * in a row without leave, grouped by 党员中心户 with the head's phone, so each head knows whom
 * to visit or call; those nearing six months (which counts as leaving the Party) marked in red.
 * Paged; a household carried onto the next page repeats its heading. A tap on a member shows
 * why (the meetings missed) and lets staff mark 已联系 with a note. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/party/stats.h"
#include "screens/screens.h"
#include "screens/staff_mode.h"
#include "ui/ui.h"

enum { ACT_FILTER = 1, ACT_PREV, ACT_NEXT, ACT_PICK, ACT_NOTE, ACT_CLOSE };

/* What staff most often have to say after a call; the command line takes any note. */
static const char *const notes[] = { "电话联系上了", "已上门看望", "联系不上，再找" };

struct followup_screen {
	struct followup *f;
	int n, cap;
	int counts[FOLLOW_LEVELS];
	bool urgent_only; /* 将满半年 and over */
	int page;
	int pages; /* as last drawn, for turning pages */
	int picked; /* the member whose details are shown, or -1 */
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

static int staff_followup_enter(struct app *app, const void *arg)
{
	struct followup_screen *s = calloc(1, sizeof *s);

	(void)arg;
	if (!s)
		return -1;
	app->state = s;
	s->picked = -1;
	return stats_followup(app->db, app_now(app), collect, s, app->err, sizeof app->err);
}

/* Mark the picked member 已联系 with note n, and read the list again. */
static void contact(struct app *app, struct followup_screen *s, int n)
{
	int64_t id = s->f[s->picked].member_id;
	int i;

	if (stats_followup_contact(app->db, id, notes[n], app->staff.name, app_now(app), app->err,
				   sizeof app->err) < 0) {
		app_toast(app, app->err);
		return;
	}
	s->n = 0;
	memset(s->counts, 0, sizeof s->counts);
	if (stats_followup(app->db, app_now(app), collect, s, app->err, sizeof app->err) < 0)
		app_toast(app, app->err);
	s->picked = -1;
	for (i = 0; i < s->n; i++)
		if (s->f[i].member_id == id)
			s->picked = i;
}

static void staff_followup_leave(struct app *app)
{
	struct followup_screen *s = app->state;

	if (s)
		free(s->f);
	free(s);
	app->state = NULL;
}

/* The list as pages of lines: a line is a household heading (-1 - the index of a member in
 * it) or a member (the index); a heading is head_h tall, a member member_h, a page page_h. A
 * page that starts inside a household repeats its heading (marked 续), and no page ends on a
 * heading. Returns the lines written; *pages and page_start[] (at most max_pages) say where
 * each page begins. */
struct line {
	int idx;
	bool cont;
};

static int paginate(const struct followup_screen *s, int page_h, int head_h, int member_h,
		    struct line *out, int max, int *page_start, int max_pages, int *pages)
{
	int i, n = 0, used = 0;
	int64_t last = -1;

	*pages = 0;
#define PUT(i_, cont_)                                                         \
	do {                                                                   \
		if (n < max)                                                   \
			out[n] = (struct line){ (i_), (cont_) };               \
		n++;                                                           \
	} while (0)
	for (i = 0; i < s->n; i++) {
		bool new_household;
		if (s->urgent_only && s->f[i].level < FOLLOW_NEAR_6)
			continue;
		new_household = s->f[i].household_id != last;
		last = s->f[i].household_id;
		if (*pages == 0 || used + (new_household ? head_h : 0) + member_h > page_h) {
			if (*pages < max_pages)
				page_start[*pages] = n;
			(*pages)++;
			used = 0;
			if (!new_household) {
				PUT(-1 - i, true);
				used += head_h;
			}
		}
		if (new_household) {
			PUT(-1 - i, false);
			used += head_h;
		}
		PUT(i, false);
		used += member_h;
	}
#undef PUT
	return n;
}

struct layout {
	SDL_Rect list, pager;
	int line_h, member_h, head_h; /* a member's button row; a member; a household heading */
	bool two_lines; /* a member's why under the name and phone (a narrow screen) */
};

/* The list in body (below the tabs): lines a button tall, or two lines for a member where the
 * name, the phone and the start of the why do not fit side by side. */
static struct layout layout(struct app *app, SDL_Rect body, int name_w, int phone_w)
{
	struct ui *ui = app->ui;
	struct layout y;
	int gap = ui_gap(ui), lh = ui_line_height(ui, ui_text_px(ui, TS_BODY));

	y.pager = rect_cut_bottom(&body, ui_target(ui));
	rect_cut_bottom(&body, gap);
	y.two_lines = name_w + phone_w + gap * 4 > body.w * 70 / 100;
	y.line_h = lh + gap > ui_target(ui) ? lh + gap : ui_target(ui); /* a name is a button */
	y.member_h = y.line_h + (y.two_lines ? lh : 0);
	y.head_h = lh + gap; /* a heading is no button: one line of text */
	y.list = body;
	return y;
}

static void staff_followup_event(struct app *app, const struct input *in)
{
	struct followup_screen *s = app->state;

	if (in->type == IN_SWIPE && abs(in->dx) > abs(in->dy)) {
		struct input tap = { .type = IN_TAP, .action = in->dx < 0 ? ACT_NEXT : ACT_PREV };
		staff_followup_event(app, &tap);
		return;
	}
	if (in->type != IN_TAP)
		return;
	if (in->action == ACT_PICK && in->arg >= 0 && in->arg < s->n) {
		s->picked = (int)in->arg;
	} else if (in->action == ACT_CLOSE) {
		s->picked = -1;
	} else if (in->action == ACT_NOTE && s->picked >= 0 && in->arg >= 0 &&
		   in->arg < (int64_t)(sizeof notes / sizeof notes[0])) {
		contact(app, s, (int)in->arg);
	} else if (in->action == ACT_FILTER) {
		s->urgent_only = in->arg != 0;
		s->page = 0;
	} else if (in->action == ACT_PREV || in->action == ACT_NEXT) {
		chrome_turn(&s->page, s->pages, in->action == ACT_NEXT ? 1 : -1);
	}
	app_dirty(app);
}

/* One member in full: why (the meetings missed), whom to call, the last 已联系, and a button
 * for each common note. */
static void draw_picked(struct app *app, SDL_Rect body, const struct followup *f)
{
	struct ui *ui = app->ui;
	int gap = ui_gap(ui), i, w, per_row;
	char text[768], why[640];
	SDL_Rect row;

	snprintf(text, sizeof text, "%s（%s）%s", f->name, f->branch, f->phone[0] ? f->phone : "没有登记电话");
	body.y += ui_label(ui, body, text, TS_LARGE, UI_BOLD) + gap;
	stats_followup_why(f, why, sizeof why);
	body.y += ui_label_ex(ui, body, why, TS_BODY, f->level >= FOLLOW_NEAR_6 ? C_RED : C_TEXT, 0) + gap;
	for (i = 0; i < f->nmissed; i++) {
		snprintf(text, sizeof text, "· %d月%d日 %s《%s》", atoi(f->missed[i].at + 5),
			 atoi(f->missed[i].at + 8), f->missed[i].kind, f->missed[i].title);
		body.y += ui_label(ui, body, text, TS_BODY, UI_MUTED);
	}
	body.y += gap;
	if (f->household_id)
		snprintf(text, sizeof text, "请%s户长 %s 联系：%s", f->household, f->head,
			 f->head_phone[0] ? f->head_phone : "（没有登记电话）");
	else
		snprintf(text, sizeof text, "未编入党员中心户：请支部直接联系。");
	body.y += ui_label(ui, body, text, TS_BODY, UI_BOLD) + gap;
	if (f->contacted_at[0]) {
		snprintf(text, sizeof text, "%s %d月%d日 %s：%s", f->contacted ? "已联系" : "上次联系",
			 atoi(f->contacted_at + 5), atoi(f->contacted_at + 8), f->contacted_by,
			 f->contact_note[0] ? f->contact_note : "（没有写）");
		body.y += ui_label_ex(ui, body, text, TS_BODY, f->contacted ? C_GREEN : C_MUTED, UI_BOLD) + gap;
	}
	/* Four buttons a row, or two where a note would not fit whole (portrait). */
	per_row = ui_text_width(ui, notes[0], ui_text_px(ui, TS_SMALL), true) + gap * 3 >
			  (body.w - gap * 3) / 4 ? 2 : 4;
	w = (body.w - gap * (per_row - 1)) / per_row;
	row = (SDL_Rect){ body.x, body.y + gap, body.w, per_row == 4 ? ui_target(ui) : ui_target(ui) * 3 / 2 };
	for (i = 0; i <= (int)(sizeof notes / sizeof notes[0]); i++) {
		SDL_Rect b = { row.x + (i % per_row) * (w + gap), row.y + (i / per_row) * (row.h + gap), w, row.h };
		if (i < (int)(sizeof notes / sizeof notes[0]))
			ui_button(ui, b, notes[i], "记为已联系", BTN_PRIMARY, ACT_NOTE, i);
		else
			ui_button(ui, b, "返回名单", NULL, BTN_NORMAL, ACT_CLOSE, 0);
	}
}

static void staff_followup_draw(struct app *app)
{
	static const char *const levels[] = { "", "", "将满半年", "已超过半年" };
	struct followup_screen *s = app->state;
	struct ui *ui = app->ui;
	SDL_Rect body = rect_inset(chrome_header(app, "回访名单", true, 0), ui_gap(ui) * 2), tabs;
	struct layout y;
	int gap = ui_gap(ui), lh = ui_line_height(ui, ui_text_px(ui, TS_BODY));
	int max = s->n * 3 + 2, n, pages, i, first, last, *starts, name_w = 0, phone_w = 0, yy;
	struct line *lines = calloc((size_t)max, sizeof *lines);
	char line[512], text[512];

	starts = calloc((size_t)max, sizeof *starts);
	if (!lines || !starts) {
		free(lines);
		free(starts);
		return;
	}
	if (s->picked >= 0 && s->picked < s->n) {
		draw_picked(app, body, &s->f[s->picked]);
		goto out;
	}
	/* The counts must show whole at every size (将满半年 and over are on the second tab). */
	snprintf(line, sizeof line, "需回访 %d 人：三个月没参加 %d，连续三次缺席 %d", s->n,
		 s->n - s->counts[FOLLOW_ABSENCES], s->counts[FOLLOW_ABSENCES]);
	rect_cut_top(&body, ui_label(ui, body, line, TS_BODY, UI_BOLD));
	ui_label(ui, rect_cut_top(&body, lh),
		 "请中心户户长上门或打电话看望，点名字看原因、记已联系；半年不参加会被视为自行脱党。",
		 TS_BODY, UI_MUTED | UI_TAIL);
	rect_cut_top(&body, gap);
	tabs = rect_cut_top(&body, ui_target(ui));
	rect_cut_top(&body, gap);
	{
		int w = ui->short_side * 40 / 100, w2;
		snprintf(text, sizeof text, "全部 %d 人", s->n);
		ui_button(ui, rect_cut_left(&tabs, w), text, NULL, s->urgent_only ? BTN_NORMAL : BTN_SELECTED,
			  ACT_FILTER, 0);
		rect_cut_left(&tabs, gap);
		snprintf(text, sizeof text, "将满半年及以上 %d 人", s->counts[FOLLOW_NEAR_6] + s->counts[FOLLOW_OVER_6]);
		w2 = ui_text_width(ui, text, ui_text_px(ui, TS_BODY), true) + gap * 3;
		ui_button(ui, rect_cut_left(&tabs, w2 > w ? w2 : w), text, NULL,
			  s->urgent_only ? BTN_SELECTED : BTN_NORMAL, ACT_FILTER, 1);
	}
	for (i = 0; i < s->n; i++) {
		int w;
		snprintf(text, sizeof text, "%s（%s）", s->f[i].name, s->f[i].branch);
		w = ui_text_width(ui, text, ui_text_px(ui, TS_BODY), true) + gap * 3;
		name_w = w > name_w ? w : name_w;
		w = ui_text_width(ui, s->f[i].phone[0] ? s->f[i].phone : "没有登记电话",
				  ui_text_px(ui, TS_BODY), false) + gap * 2;
		phone_w = w > phone_w ? w : phone_w;
	}
	y = layout(app, body, name_w, phone_w);
	n = paginate(s, y.list.h, y.head_h, y.member_h, lines, max, starts, max, &pages);
	s->pages = pages;
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
	for (yy = y.list.y, i = first; i < last; i++) {
		SDL_Rect r = { y.list.x, yy, y.list.w, y.line_h };
		if (lines[i].idx < 0) {
			const struct followup *f = &s->f[-1 - lines[i].idx];
			if (!f->household_id)
				snprintf(text, sizeof text, "未编入党员中心户%s", lines[i].cont ? "（续）" : "");
			else
				snprintf(text, sizeof text, "%s%s · 户长 %s %s", f->household,
					 lines[i].cont ? "（续）" : "", f->head,
					 f->head_phone[0] ? f->head_phone : "（没有登记电话）");
			r.h = y.head_h;
			ui_fill(ui, r, C_SELECTED);
			r = rect_inset(r, gap / 2);
			ui_label(ui, r, text, chrome_fit_size(ui, text, TS_BODY, true, r.w), UI_BOLD);
			yy += y.head_h;
		} else {
			const struct followup *f = &s->f[lines[i].idx];
			SDL_Rect a = rect_inset(r, gap / 2), b, c;
			a.x += gap * 2;
			a.w -= gap * 2;
			if (y.two_lines) {
				/* The name on the first line, the phone and the why under it. */
				b = (SDL_Rect){ a.x, r.y + r.h, a.w, lh };
				yy += lh;
				c = a;
				a = rect_cut_left(&b, phone_w);
			} else {
				b = rect_cut_right(&a, a.w - name_w - phone_w - gap);
				c = rect_cut_left(&a, name_w);
				rect_cut_left(&a, gap);
				a.y += (a.h - lh) / 2;
			}
			snprintf(text, sizeof text, "%s（%s）", f->name, f->branch);
			ui_button(ui, (SDL_Rect){ c.x, r.y, (name_w < c.w ? name_w : c.w) - gap, r.h }, text, NULL,
				  BTN_NORMAL, ACT_PICK, lines[i].idx);
			ui_label_ex(ui, a, f->phone[0] ? f->phone : "没有登记电话", TS_BODY,
				    f->phone[0] ? C_TEXT : C_MUTED, 0);
			yy += y.line_h;
			if (f->level == FOLLOW_ABSENCES)
				snprintf(line, sizeof line, "连续 %d 次无故缺席", f->absences);
			else if (f->level == FOLLOW_3_MONTHS)
				snprintf(line, sizeof line, "%d 个月没参加", f->months);
			else
				snprintf(line, sizeof line, "%s", levels[f->level]);
			if (f->by_months && f->absences >= FOLLOW_ABSENCE_RUN)
				snprintf(line + strlen(line), sizeof line - strlen(line), " · 连续缺席 %d 次", f->absences);
			if (f->contacted)
				snprintf(line + strlen(line), sizeof line - strlen(line), " · 已联系");
			if (f->never)
				snprintf(line + strlen(line), sizeof line - strlen(line), " · 从没签到");
			else
				snprintf(line + strlen(line), sizeof line - strlen(line), " · 最后 %d月%d日",
					 atoi(f->since + 5), atoi(f->since + 8));
			if (f->leaves)
				snprintf(line + strlen(line), sizeof line - strlen(line), " · 请假 %d 次", f->leaves);
			/* The why in full is a tap away (draw_picked): the end may be cut here. */
			if (!y.two_lines)
				b.y += (b.h - lh) / 2;
			b.h = lh;
			ui_label_ex(ui, b, line, TS_BODY, f->level >= FOLLOW_NEAR_6 ? C_RED : C_MUTED,
				    (f->level >= FOLLOW_NEAR_6 ? UI_BOLD : 0) | UI_TAIL);
		}
	}
	chrome_pager(app, y.pager, s->page, pages, ACT_PREV, ACT_NEXT);
out:
	free(lines);
	free(starts);
}

const struct screen staff_followup_screen = {
	.name = "staff_followup",
	.enter = staff_followup_enter,
	.leave = staff_followup_leave,
	.event = staff_followup_event,
	.draw = staff_followup_draw,
};
