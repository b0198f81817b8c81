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

enum { ACT_ROW = 1, ACT_PREV, ACT_NEXT, ACT_OPEN, ACT_CLOSE, ACT_CHOOSE, ACT_AUTO, ACT_RECORD, ACT_PAPER, ACT_PHOTOS };

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
};

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

	l->n = staff_mode_meetings(app, l->task, l->m, MAX_MEETINGS);
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
	if (!l->m || !l->record)
		return -1;
	l->task = t ? t->task : TASK_MEETINGS;
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
		free(l->record);
	}
	free(l);
	app->state = NULL;
}

/* The layout: the list (and, for 会议签到, the panel beside or under it). */
struct layout {
	SDL_Rect list, panel;
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
	default:
		act(app, l, in->action);
		break;
	}
}

static void row_text(struct app *app, const struct meeting *m, char *sub, size_t size)
{
	char when[64];

	staff_mode_when(m, when, sizeof when);
	snprintf(sub, size, "%s · %s · %s", when, m->group[0] ? m->group : m->branch[0] ? m->branch : "全体党员",
		 staff_mode_state(m, app_now(app)));
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
	if (l->n == 0) {
		ui_label(ui, y.list, empty[l->task], TS_LARGE, 0);
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
