/* 撤销签到: everyone signed in to the meeting (members and walk-in guests), the latest first,
 * since a wrong tap is usually the last one. Tap the name, then 确认撤销: two steps, so a slip
 * of the finger undoes nothing. The record is kept as undone, so exports carry the correction;
 * signing in again (代签到) puts it back. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/party/attendance.h"
#include "core/party/guests.h"
#include "core/party/meetings.h"
#include "screens/screens.h"
#include "screens/staff_mode.h"
#include "ui/ui.h"

enum { ACT_ROW = 1, ACT_CONFIRM, ACT_PREV, ACT_NEXT };

struct entry {
	bool guest;
	int64_t id; /* member id, or guest id */
	char name[256];
	char sub[512];
	char at[CLOCK_TEXT];
};

struct undo {
	struct staff_target t;
	struct meeting m;
	struct entry *e;
	int n, cap;
	int page;
	int selected;
	struct chrome_grid grid; /* the last frame's, for turning pages */
};

static struct entry *grow(struct undo *u)
{
	if (u->n == u->cap) {
		int cap = u->cap ? u->cap * 2 : 64;
		struct entry *e = realloc(u->e, (size_t)cap * sizeof *e);
		if (!e)
			return NULL;
		u->e = e;
		u->cap = cap;
	}
	memset(&u->e[u->n], 0, sizeof u->e[u->n]);
	return &u->e[u->n++];
}

static int add_member(void *ctx, const struct sheet_row *r)
{
	struct undo *u = ctx;
	struct entry *e;

	if (!r->checked_at[0])
		return 0;
	if (!(e = grow(u)))
		return 1;
	e->id = r->member_id;
	snprintf(e->name, sizeof e->name, "%s", r->name);
	snprintf(e->at, sizeof e->at, "%s", r->checked_at);
	/* The meeting's own branch goes without saying; another's is what marks a visitor. */
	if (r->state == SHEET_GUEST || strcmp(r->branch, u->m.branch) != 0)
		snprintf(e->sub, sizeof e->sub, "%.5s %s · %s%s", r->checked_at + 11,
			 attendance_method_label(r->method), r->branch,
			 r->state == SHEET_GUEST ? "（列席）" : "");
	else
		snprintf(e->sub, sizeof e->sub, "%.5s %s", r->checked_at + 11,
			 attendance_method_label(r->method));
	return 0;
}

static int add_guest(void *ctx, const struct guest *g)
{
	struct undo *u = ctx;
	struct entry *e = grow(u);

	if (!e)
		return 1;
	e->guest = true;
	e->id = g->id;
	snprintf(e->name, sizeof e->name, "%s", g->name);
	snprintf(e->at, sizeof e->at, "%s", g->checked_at);
	snprintf(e->sub, sizeof e->sub, "%.5s 来宾 · %s", strlen(g->checked_at) > 11 ? g->checked_at + 11 : "",
		 g->unit[0] ? g->unit : "未填单位");
	return 0;
}

static int latest_first(const void *a, const void *b)
{
	const struct entry *x = a, *y = b;

	return strcmp(y->at, x->at);
}

static int load(struct app *app, struct undo *u)
{
	u->n = 0;
	u->selected = -1;
	if (attendance_each_sheet_row(app->db, &u->m, add_member, u, app->err, sizeof app->err) < 0 ||
	    guests_each(app->db, u->m.id, add_guest, u, app->err, sizeof app->err) < 0)
		return -1;
	qsort(u->e, (size_t)u->n, sizeof *u->e, latest_first);
	app_dirty(app);
	return 0;
}

static int staff_undo_enter(struct app *app, const void *arg)
{
	struct undo *u = calloc(1, sizeof *u);

	if (!u)
		return -1;
	app->state = u;
	u->t = *(const struct staff_target *)arg;
	if (meetings_get(app->db, u->t.meeting_id, &u->m, app->err, sizeof app->err) < 0)
		return -1;
	return load(app, u);
}

static void staff_undo_leave(struct app *app)
{
	struct undo *u = app->state;

	if (u)
		free(u->e);
	free(u);
	app->state = NULL;
}

struct layout {
	SDL_Rect list, confirm;
	struct chrome_grid grid;
};

static struct layout layout(struct app *app, const struct undo *u)
{
	struct ui *ui = app->ui;
	struct layout y;
	SDL_Rect body = chrome_list_body(app);
	int gap = ui_gap(ui), min_w, i;

	memset(&y, 0, sizeof y);
	y.confirm = rect_cut_bottom(&body, ui_target(ui) * 3 / 2);
	rect_cut_bottom(&body, gap * 2);
	y.list = body;
	/* Cells wide enough for every member's line whole (a guest's unit is free text and may be
	 * cut), so fewer columns when a visitor's branch is named. */
	min_w = ui->short_side * (ui->large ? 45 : 34) / 100 - gap;
	for (i = 0; i < u->n; i++) {
		int w = ui_text_width(ui, u->e[i].guest ? "00:00 来宾 · " : u->e[i].sub,
				      ui_text_px(ui, TS_SMALL), false) + gap * 3;
		if (w > min_w)
			min_w = w < body.w ? w : body.w;
	}
	y.grid = chrome_grid(app, body, u->n, min_w, ui_target(ui) * 3 / 2);
	return y;
}

static void staff_undo_event(struct app *app, const struct input *in)
{
	struct undo *u = app->state;
	char text[512];
	int rc;

	if (in->type == IN_REFRESH) {
		load(app, u);
		return;
	}
	if (in->type != IN_TAP)
		return;
	switch (in->action) {
	case ACT_ROW:
		if (in->arg >= 0 && in->arg < u->n)
			u->selected = (int)in->arg;
		break;
	case ACT_CONFIRM:
		if (u->selected < 0)
			break;
		{
			const struct entry *e = &u->e[u->selected];
			if (e->guest)
				rc = guests_undo(app->db, e->id, app->staff.name, app_now(app), app->err,
						 sizeof app->err);
			else
				rc = attendance_undo(app->db, u->m.id, e->id, app_now(app), app->staff.name,
						     app->err, sizeof app->err);
			snprintf(text, sizeof text, "已撤销 %s 的签到", e->name);
		}
		app_toast(app, rc < 0 ? app->err : text);
		load(app, u);
		break;
	case ACT_PREV:
	case ACT_NEXT:
		chrome_turn(&u->page, u->grid.pages, in->action == ACT_NEXT ? 1 : -1);
		break;
	}
	app_dirty(app);
}

static void staff_undo_draw(struct app *app)
{
	struct undo *u = app->state;
	struct ui *ui = app->ui;
	char title[MEETING_TEXT + 32], line[512];
	SDL_Rect body;
	struct layout y;
	int i, first;

	snprintf(title, sizeof title, "撤销签到：%s", u->m.title);
	body = rect_inset(chrome_header(app, title, true, 0), ui_gap(ui) * 2);
	y = layout(app, u);
	u->grid = y.grid;
	snprintf(line, sizeof line, "已签到 %d 人次，最后签到的在前。请点签错的人：", u->n);
	if (ui_text_width(ui, line, ui_text_px(ui, TS_BODY), false) > body.w)
		snprintf(line, sizeof line, "已签到 %d 人次，请点签错的人：", u->n);
	ui_label(ui, rect_cut_top(&body, ui_line_height(ui, ui_text_px(ui, TS_BODY))), line,
		 TS_BODY, UI_MUTED);
	if (u->n == 0) {
		ui_label(ui, y.list, "这次会议还没有人签到，没有可以撤销的。", TS_LARGE, 0);
		return;
	}
	chrome_turn(&u->page, y.grid.pages, 0);
	first = u->page * y.grid.per_page;
	for (i = 0; i < y.grid.per_page && first + i < u->n; i++) {
		const struct entry *e = &u->e[first + i];
		ui_button(ui, chrome_grid_cell(&y.grid, i), e->name, e->sub, first + i == u->selected ? BTN_SELECTED : BTN_NORMAL, ACT_ROW,
			  first + i);
		/* A guest's unit is free text: its end may be cut, the name never. */
		if (e->guest && ui->nwidgets > 0) {
			struct widget *w = &ui->widgets[ui->nwidgets - 1];
			size_t n = strlen(e->name);
			w->tail_cut = w->cut && strncmp(w->shown, e->name, n) == 0 && w->shown[n] == ' ';
		}
	}
	chrome_pager(app, y.grid.bar, u->page, y.grid.pages, ACT_PREV, ACT_NEXT);
	if (u->selected >= 0) {
		snprintf(line, sizeof line, "确认撤销 %s 的签到", u->e[u->selected].name);
		ui_button(ui, y.confirm, line, NULL, BTN_PRIMARY, ACT_CONFIRM, 0);
	} else {
		SDL_Rect r = y.confirm;
		r.y += (r.h - ui_line_height(ui, ui_text_px(ui, TS_BODY))) / 2;
		ui_label(ui, r, "先点名字，再按这里确认撤销", TS_BODY, UI_CENTER | UI_MUTED);
	}
}

const struct screen staff_undo_screen = {
	.name = "staff_undo",
	.enter = staff_undo_enter,
	.leave = staff_undo_leave,
	.event = staff_undo_event,
	.draw = staff_undo_draw,
};
