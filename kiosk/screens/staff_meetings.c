/* Choosing the meeting a staff task is for: the meetings that task may concern, those on now
 * first, as large rows. For 会议签到 a tapped row shows what can be done with it beside the
 * list: open it early (or again), close it, and, when several are on at once, make it the one
 * check-in is for (else each member goes to their own branch's); and, once it has begun, its
 * record (会议纪实, staff_record.c). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/party/attendance.h"
#include "core/party/meetings.h"
#include "core/party/record.h"
#include "screens/screens.h"
#include "screens/staff_mode.h"
#include "ui/ui.h"

#define MAX_MEETINGS 200
#define MAX_BRANCHES 16

enum { ACT_ROW = 1, ACT_PREV, ACT_NEXT, ACT_OPEN, ACT_CLOSE, ACT_CHOOSE, ACT_AUTO, ACT_RECORD, ACT_PAPER,
       ACT_RANGE, ACT_BRANCH, ACT_PHOTOS };

/* The 签到表's filter (three months of meetings are many pages): by when, and by branch. */
enum range { RANGE_TODAY, RANGE_WEEK, RANGE_MONTH, RANGE_ALL, RANGES };
static const char *const range_names[RANGES] = { "今天", "本周", "本月", "全部" };

static const char *const titles[] = {
	[TASK_MEETINGS] = "会议签到：提前开始、提前结束", [TASK_LEAVE] = "请假登记：选择会议",
	[TASK_SIGN_IN] = "代签到：选择会议", [TASK_UNDO] = "撤销签到：选择会议",
	[TASK_GUEST] = "来宾登记：选择会议", [TASK_SHEET] = "签到表：选择会议",
};

static const char *const empty[] = {
	[TASK_MEETINGS] = "今天和明天没有安排会议。会议请在电脑上用 kioskctl meetings add 添加。",
	[TASK_LEAVE] = "今后一个月没有安排会议，暂时不用请假。",
	[TASK_SIGN_IN] = "现在没有正在签到的会议。要提前开始，请回管理页点“会议签到”。",
	[TASK_UNDO] = "现在没有正在签到的会议，没有可以撤销的签到。",
	[TASK_GUEST] = "现在没有正在签到的会议。要提前开始，请回管理页点“会议签到”。",
	[TASK_SHEET] = "最近三个月没有会议。",
};

struct list {
	enum staff_task task;
	struct meeting *m;
	int n;
	int page;
	int selected; /* index of the row shown beside the list (会议签到), -1: none */
	int on_now;   /* meetings on now */
	int64_t choice;
	struct chrome_grid grid; /* the last frame's, for turning pages */
	struct meeting_record *record; /* the selected meeting's, when has_record */
	bool has_record;
	/* 签到表 only: every meeting of the three months, and the filter over them. */
	struct meeting *all;
	int nall;
	enum range range;
	int branch; /* index into branch_ids, -1: every branch */
	int64_t branch_ids[MAX_BRANCHES];
	char branch_names[MAX_BRANCHES][MEETING_TEXT];
	int nbranches;
};

/* The first moment of the range holding now (0: no limit). */
static time_t range_start(enum range r, time_t now)
{
	struct tm tm;

	if (r == RANGE_ALL)
		return 0;
	localtime_r(&now, &tm);
	tm.tm_hour = tm.tm_min = tm.tm_sec = 0;
	tm.tm_isdst = -1;
	if (r == RANGE_WEEK)
		tm.tm_mday -= (tm.tm_wday + 6) % 7; /* back to Monday */
	else if (r == RANGE_MONTH)
		tm.tm_mday = 1;
	return mktime(&tm);
}

/* Does m pass the filter? pass 0: on now; 1: today's; 2: the rest (the order they show in). */
static bool passes(const struct list *l, const struct meeting *m, time_t now, int pass)
{
	time_t today = range_start(RANGE_TODAY, now);
	bool on = strcmp(staff_mode_state(m, now), "签到中") == 0;
	bool is_today = range_start(RANGE_TODAY, m->start) == today;

	if (m->start < range_start(l->range, now))
		return false;
	if (l->branch >= 0 && m->branch_id != l->branch_ids[l->branch])
		return false;
	return pass == 0 ? on : pass == 1 ? !on && is_today : !on && !is_today;
}

/* 签到表: the meetings that pass the filter, those on now and today's first, then newest first;
 * and the branches there are to choose from. */
static int filter(struct app *app, struct list *l)
{
	time_t now = app_now(app);
	int i, pass, n = 0, k;

	l->nall = staff_mode_meetings(app, l->task, l->all, MAX_MEETINGS);
	l->nbranches = 0;
	for (i = 0; i < l->nall; i++) {
		if (!l->all[i].branch_id)
			continue;
		for (k = 0; k < l->nbranches && l->branch_ids[k] != l->all[i].branch_id; k++)
			;
		if (k == l->nbranches && k < MAX_BRANCHES) {
			l->branch_ids[k] = l->all[i].branch_id;
			snprintf(l->branch_names[k], MEETING_TEXT, "%s", l->all[i].branch);
			l->nbranches++;
		}
	}
	if (l->branch >= l->nbranches)
		l->branch = -1;
	for (pass = 0; pass < 3; pass++)
		for (i = 0; i < l->nall; i++)
			if (passes(l, &l->all[i], now, pass))
				l->m[n++] = l->all[i];
	return n;
}

/* The selected meeting's record, for the panel (read here, not while drawing). */
static void load_record(struct app *app, struct list *l)
{
	l->has_record = l->record && l->selected >= 0 && l->selected < l->n &&
			record_get(app->db, l->m[l->selected].id, l->record, app->err,
				   sizeof app->err) == 0;
}

static void load(struct app *app, struct list *l)
{
	struct meeting on[8];
	time_t now = app_now(app);
	int64_t keep = l->selected >= 0 && l->selected < l->n ? l->m[l->selected].id : 0;
	int i;

	l->n = l->task == TASK_SHEET ? filter(app, l) : staff_mode_meetings(app, l->task, l->m, MAX_MEETINGS);
	l->on_now = meetings_current(app->db, now, on, 8, app->err, sizeof app->err);
	l->choice = meetings_checkin_choice(app->db, now);
	l->selected = -1;
	for (i = 0; i < l->n; i++)
		if (l->m[i].id == keep)
			l->selected = i;
	load_record(app, l);
	app_dirty(app);
}

static int staff_meetings_enter(struct app *app, const void *arg)
{
	const struct staff_target *t = arg;
	struct list *l = calloc(1, sizeof *l);

	if (!l)
		return -1;
	app->state = l;
	l->m = calloc(MAX_MEETINGS, sizeof *l->m);
	l->record = malloc(sizeof *l->record);
	l->task = t ? t->task : TASK_MEETINGS;
	l->branch = -1;
	l->range = RANGE_ALL;
	if (l->task == TASK_SHEET)
		l->all = calloc(MAX_MEETINGS, sizeof *l->all);
	if (!l->m || !l->record || (l->task == TASK_SHEET && !l->all))
		return -1;
	l->selected = -1;
	load(app, l);
	if (t && t->meeting_id)
		for (int i = 0; i < l->n; i++)
			if (l->m[i].id == t->meeting_id)
				l->selected = i;
	load_record(app, l);
	return 0;
}

static void staff_meetings_leave(struct app *app)
{
	struct list *l = app->state;

	if (l) {
		free(l->m);
		free(l->all);
		free(l->record);
	}
	free(l);
	app->state = NULL;
}

/* The layout: the list (and, for 会议签到, the panel beside or under it). */
struct layout {
	SDL_Rect list, panel, filter;
	struct chrome_grid grid;
};

static struct layout layout(struct app *app, const struct list *l)
{
	struct ui *ui = app->ui;
	struct layout y;
	SDL_Rect body = chrome_list_body(app);
	int gap = ui_gap(ui);

	memset(&y, 0, sizeof y);
	if (l->task == TASK_MEETINGS) {
		if (ui->h > ui->w) {
			y.panel = rect_cut_bottom(&body, body.h * 58 / 100);
			rect_cut_bottom(&body, gap * 2);
		} else {
			y.panel = rect_cut_right(&body, body.w * 42 / 100);
			rect_cut_right(&body, gap * 3);
		}
	}
	if (l->task == TASK_SHEET) {
		/* The filter: when (and the branch beside it, or under it in portrait). */
		y.filter = rect_cut_top(&body, ui_target(ui) * (ui->h > ui->w ? 2 : 1) + (ui->h > ui->w ? gap : 0));
		rect_cut_top(&body, gap * 2);
	}
	y.list = body;
	y.grid = chrome_grid(app, body, l->n, body.w, ui_target(ui) * 3 / 2);
	return y;
}

static void act(struct app *app, struct list *l, int action)
{
	const struct meeting *m = l->selected >= 0 ? &l->m[l->selected] : NULL;
	int rc = 0;
	char text[MEETING_TEXT + 64];

	if (!m && action != ACT_AUTO)
		return;
	if (action == ACT_PAPER) {
		staff_mode_paper(app, m->id);
		return;
	}
	if (action == ACT_RECORD || action == ACT_PHOTOS) {
		struct staff_target t = { TASK_MEETINGS, m->id, 0 };
		app_go(app, action == ACT_PHOTOS ? &staff_photos_screen : &staff_record_screen, &t);
		return;
	}
	switch (action) {
	case ACT_OPEN:
		rc = meetings_open(app->db, m->id, app_now(app), app->staff.name, app->err, sizeof app->err);
		snprintf(text, sizeof text, "“%s”已开始签到", m->title);
		break;
	case ACT_CLOSE:
		rc = meetings_close(app->db, m->id, app_now(app), app->staff.name, app->err, sizeof app->err);
		snprintf(text, sizeof text, "“%s”已结束签到", m->title);
		break;
	case ACT_CHOOSE:
		rc = meetings_set_checkin(app->db, m->id, app->staff.name, app->err, sizeof app->err);
		snprintf(text, sizeof text, "签到现在都记到“%s”", m->title);
		break;
	case ACT_AUTO:
		rc = meetings_set_checkin(app->db, 0, app->staff.name, app->err, sizeof app->err);
		snprintf(text, sizeof text, "签到按各人的支部自动分到各自的会议");
		break;
	}
	app_toast(app, rc < 0 ? app->err : text);
	load(app, l);
}

static void staff_meetings_event(struct app *app, const struct input *in)
{
	struct list *l = app->state;

	if (in->type == IN_REFRESH) {
		load(app, l);
		return;
	}
	if (in->type == IN_SWIPE && abs(in->dx) > abs(in->dy)) {
		struct input tap = { .type = IN_TAP, .action = in->dx < 0 ? ACT_NEXT : ACT_PREV };
		staff_meetings_event(app, &tap);
		return;
	}
	if (in->type != IN_TAP)
		return;
	switch (in->action) {
	case ACT_ROW:
		if (in->arg < 0 || in->arg >= l->n)
			break;
		if (l->task == TASK_MEETINGS) {
			l->selected = (int)in->arg;
			load_record(app, l);
			app_dirty(app);
		} else {
			staff_mode_task_meeting(app, l->task, l->m[in->arg].id);
		}
		break;
	case ACT_PREV:
	case ACT_NEXT:
		chrome_turn(&l->page, l->grid.pages, in->action == ACT_NEXT ? 1 : -1);
		app_dirty(app);
		break;
	case ACT_RANGE:
		if (in->arg >= 0 && in->arg < RANGES)
			l->range = (enum range)in->arg;
		l->page = 0;
		load(app, l);
		break;
	case ACT_BRANCH: /* the next branch, then every branch again */
		l->branch = l->branch + 1 < l->nbranches ? l->branch + 1 : -1;
		l->page = 0;
		load(app, l);
		break;
	default:
		act(app, l, in->action);
		break;
	}
}

static void row_text(struct app *app, const struct meeting *m, char *sub, size_t size)
{
	char when[64];
	const char *who = m->group[0] ? m->group : m->branch[0] ? m->branch : "全体党员";

	staff_mode_when(m, when, sizeof when);
	/* A title that names its branch or group ("第一党支部党员大会") needs it no second time:
	 * the state at the end must show whole. */
	if (strstr(m->title, who))
		snprintf(sub, size, "%s · %s", when, staff_mode_state(m, app_now(app)));
	else
		snprintf(sub, size, "%s · %s · %s", when, who, staff_mode_state(m, app_now(app)));
}

/* The 签到表's filter: 今天 本周 本月 全部, and the branch (a tap moves to the next). */
static void draw_filter(struct app *app, struct list *l, SDL_Rect r)
{
	struct ui *ui = app->ui;
	int gap = ui_gap(ui), i, w;
	SDL_Rect branch;

	if (ui->h > ui->w) {
		branch = rect_cut_bottom(&r, ui_target(ui));
		rect_cut_bottom(&r, gap);
	} else {
		branch = rect_cut_right(&r, r.w * 30 / 100);
		rect_cut_right(&r, gap * 2);
	}
	w = (r.w - gap * (RANGES - 1)) / RANGES;
	for (i = 0; i < RANGES; i++) {
		ui_button(ui, rect_cut_left(&r, w), range_names[i], NULL,
			  l->range == (enum range)i ? BTN_SELECTED : BTN_NORMAL, ACT_RANGE, i);
		rect_cut_left(&r, gap);
	}
	ui_button(ui, branch, l->branch >= 0 ? l->branch_names[l->branch] : "全部支部", "点一下换支部",
		  l->branch >= 0 ? BTN_SELECTED : BTN_NORMAL, ACT_BRANCH, 0);
}

/* The meeting's record as it stands, and the way to fill it in. */
static void draw_record(struct app *app, struct list *l, const struct meeting *m, SDL_Rect *r)
{
	struct ui *ui = app->ui;
	int gap = ui_gap(ui) * 2, bh = ui_target(ui) * 3 / 2;
	char line[RECORD_ITEM + 256];
	SDL_Rect row;

	rect_cut_top(r, gap / 2);
	if (l->has_record)
		snprintf(line, sizeof line, "纪实：主持人 %s，记录人 %s；议题：%s%s（%s）", l->record->host,
			 l->record->recorder, l->record->topics[0], l->record->ntopics > 1 ? " 等" : "",
			 record_complete(m, l->record) ? "完整" : "未填完");
	else
		snprintf(line, sizeof line, "还没有会议纪实");
	if (r->h < bh + ui_line_height(ui, ui_text_px(ui, TS_BODY)))
		return;
	row = rect_cut_bottom(r, bh); /* the record, and beside it the photos: half as wide, one line */
	ui_button(ui, rect_cut_right(&row, (row.w - gap / 2) / 2), "会议照片", NULL, BTN_NORMAL,
		  ACT_PHOTOS, 0);
	rect_cut_right(&row, gap / 2);
	ui_button(ui, row, l->has_record ? "修改会议纪实" : "填写会议纪实", NULL, BTN_NORMAL,
		  ACT_RECORD, 0);
	rect_cut_bottom(r, gap / 2);
	/* A summary: the record in full is a tap away (修改会议纪实). */
	ui_label(ui, *r, line, TS_BODY, UI_TAIL);
}

/* Beside the list: the chosen meeting and what can be done with it now. */
static void draw_panel(struct app *app, struct list *l, SDL_Rect r)
{
	struct ui *ui = app->ui;
	const struct meeting *m = l->selected >= 0 ? &l->m[l->selected] : NULL;
	int gap = ui_gap(ui) * 2, bh = ui_target(ui) * 3 / 2;
	time_t now = app_now(app);
	char line[512], when[64];
	bool on, over;

	ui_frame_round(ui, r, gap / 2, 2, C_BORDER);
	r = rect_inset(r, gap);
	if (!m) {
		ui_label(ui, r, ui->h > ui->w ? "请先在上面点一场会议" : "请先在左边点一场会议",
			 TS_LARGE, UI_MUTED);
		return;
	}
	on = strcmp(staff_mode_state(m, now), "签到中") == 0;
	over = m->end <= now;
	rect_cut_top(&r, ui_label(ui, r, m->title, TS_LARGE, UI_BOLD));
	staff_mode_when(m, when, sizeof when);
	snprintf(line, sizeof line, "%s · %s", when, staff_mode_state(m, now));
	rect_cut_top(&r, ui_label(ui, r, line, TS_BODY, UI_MUTED) + gap / 2);
	if (on) {
		ui_button(ui, rect_cut_top(&r, bh), "结束签到", "会议开完了，不再签到", BTN_NORMAL, ACT_CLOSE, 0);
		rect_cut_top(&r, gap / 2);
		if (l->on_now > 1 && l->choice == m->id)
			ui_button(ui, rect_cut_top(&r, bh), "改回按支部自动分配", "现在签到都记到这场", BTN_SELECTED,
				  ACT_AUTO, 0);
		else if (l->on_now > 1)
			ui_button(ui, rect_cut_top(&r, bh), "设为签到会议", "几场同时签到时，都记到这场", BTN_NORMAL,
				  ACT_CHOOSE, 0);
	} else if (!over) {
		ui_button(ui, rect_cut_top(&r, bh), m->closed ? "重新开始签到" : "提前开始签到",
			  "现在就可以签到", BTN_PRIMARY, ACT_OPEN, 0);
	} else {
		ui_button(ui, rect_cut_top(&r, bh), "纸质签到补录", "把签到表上打勾的人录进来", BTN_NORMAL,
			  ACT_PAPER, 0);
		rect_cut_top(&r, gap / 2);
	}
	if (m->start - MEETING_EARLY_SECONDS <= now && !m->cancelled)
		draw_record(app, l, m, &r);
}

static void staff_meetings_draw(struct app *app)
{
	struct list *l = app->state;
	struct ui *ui = app->ui;
	struct layout y;
	SDL_Rect body = rect_inset(chrome_header(app, titles[l->task], true, 0), ui_gap(ui) * 2);
	int i, first;
	char sub[256];
	const char *hint = l->task == TASK_MEETINGS ? "点一场会议，再选要做什么" : "请点要办理的会议";

	y = layout(app, l);
	l->grid = y.grid;
	ui_label(ui, rect_cut_top(&body, ui_line_height(ui, ui_text_px(ui, TS_BODY))), hint,
		 TS_BODY, UI_MUTED);
	if (l->task == TASK_MEETINGS)
		draw_panel(app, l, y.panel);
	if (l->task == TASK_SHEET)
		draw_filter(app, l, y.filter);
	if (l->n == 0) {
		ui_label(ui, y.list, l->task == TASK_SHEET && l->nall ? "没有这样的会议：请换一个时间或支部。" :
			 empty[l->task], TS_LARGE, 0);
		return;
	}
	chrome_turn(&l->page, y.grid.pages, 0);
	first = l->page * y.grid.per_page;
	for (i = 0; i < y.grid.per_page && first + i < l->n; i++) {
		SDL_Rect r = chrome_grid_cell(&y.grid, i);
		const struct meeting *m = &l->m[first + i];
		char label[MEETING_TEXT + 16];
		row_text(app, m, sub, sizeof sub);
		snprintf(label, sizeof label, "%s%s", m->title,
			 l->on_now > 1 && l->choice == m->id ? "（签到会议）" : "");
		ui_button(ui, r, label, sub, first + i == l->selected ? BTN_SELECTED : BTN_NORMAL, ACT_ROW,
			  first + i);
	}
	chrome_pager(app, y.grid.bar, l->page, y.grid.pages, ACT_PREV, ACT_NEXT);
}

const struct screen staff_meetings_screen = {
	.name = "staff_meetings",
	.enter = staff_meetings_enter,
	.leave = staff_meetings_leave,
	.event = staff_meetings_event,
	.draw = staff_meetings_draw,
};
