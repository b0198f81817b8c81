/* 您参加哪一场？ Two meetings on at once, and the kiosk cannot be sure which one a member came
 * for (expected at both, at neither, or at another than the one the finder named): the member
 * taps the meeting, each shown by its title, time and place; only then is the sign-in written. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/party/attendance.h"
#include "core/party/meetings.h"
#include "core/party/members.h"
#include "screens/screens.h"
#include "ui/ui.h"

#define MAX_ON 4

enum { ACT_MEETING = 1, ACT_NOT_ME };

struct which {
	int64_t member_id;
	char name[MEMBER_TEXT];
	struct meeting on[MAX_ON];
	int non;
	int64_t expected; /* the meeting the member is expected at, listed first; 0: none */
};

static int which_enter(struct app *app, const void *arg)
{
	const struct which_arg *a = arg;
	struct which *s = calloc(1, sizeof *s);
	struct member m;
	int i;

	if (!s)
		return -1;
	app->state = s;
	s->member_id = a->member_id;
	s->expected = a->expected;
	if (members_get(app->db, s->member_id, &m, app->err, sizeof app->err) < 0)
		return -1;
	snprintf(s->name, sizeof s->name, "%s", m.f[MF_NAME]);
	s->non = meetings_current(app->db, app_now(app), s->on, MAX_ON, app->err, sizeof app->err);
	if (s->non < 0)
		return -1;
	if (s->non > MAX_ON)
		s->non = MAX_ON;
	/* The one the member is expected at first. */
	for (i = 1; i < s->non; i++)
		if (s->on[i].id == s->expected) {
			struct meeting t = s->on[0];
			s->on[0] = s->on[i];
			s->on[i] = t;
		}
	return 0;
}

static void which_leave(struct app *app)
{
	free(app->state);
	app->state = NULL;
}

static void which_event(struct app *app, const struct input *in)
{
	struct which *s = app->state;
	struct result_arg r = { 0 };

	if (in->type != IN_TAP)
		return;
	if (in->action == ACT_NOT_ME) {
		app_go(app, &checkin_screen, NULL);
		return;
	}
	if (in->action != ACT_MEETING || in->arg < 0 || in->arg >= s->non)
		return;
	r.meeting_id = s->on[in->arg].id;
	r.member_id = s->member_id;
	if (attendance_checkin(app->db, r.meeting_id, r.member_id, METHOD_TOUCH, app_now(app),
			       &r.checkin, app->err, sizeof app->err) < 0) {
		app_toast(app, app->err);
		return;
	}
	app_trace(app, "commit");
	app_go(app, &result_screen, &r);
}

static void which_draw(struct app *app)
{
	struct which *s = app->state;
	struct ui *ui = app->ui;
	SDL_Rect body = rect_inset(chrome_header(app, "签到", true, 0), ui_gap(ui) * 2);
	int gap = ui_gap(ui), i, bh = ui_target(ui) * 2;
	char line[MEMBER_TEXT + 64];

	snprintf(line, sizeof line, "%s，现在有 %d 场会议，您参加哪一场？", s->name, s->non);
	/* In 大字 on a landscape screen the question a size down, so that the meetings, the answers, get
	 * the height (in 大字 the title size takes two lines and leaves them a bare tap target). */
	enum text_size ask = ui->large && ui->w > ui->h ? TS_LARGE : TS_TITLE;
	rect_cut_top(&body, ui_label(ui, body, line, ask, UI_BOLD) + gap * 2);
	/* The meetings as tall as there is room for (大字 on a short screen), never below a tap
	 * target, with 点错了 under them. */
	if (s->non > 0 && (body.h - ui_target(ui) - gap * 2) / s->non - gap * 2 < bh)
		bh = (body.h - ui_target(ui) - gap * 2) / s->non - gap * 2;
	if (bh < ui_target(ui))
		bh = ui_target(ui);
	for (i = 0; i < s->non; i++) {
		const struct meeting *m = &s->on[i];
		char sub[MEETING_TEXT * 2], from[6], to[6];
		clock_format_hhmm(m->start, from);
		clock_format_hhmm(m->end, to);
		snprintf(sub, sizeof sub, "%s-%s%s%s", from, to, m->place[0] ? " · " : "", m->place);
		ui_button(ui, rect_cut_top(&body, bh), m->title, sub, BTN_NORMAL, ACT_MEETING, i);
		rect_cut_top(&body, gap * 2);
	}
	ui_button(ui, rect_cut_bottom(&body, ui_target(ui)), "点错了，这不是我的名字", NULL, BTN_NORMAL,
		  ACT_NOT_ME, 0);
}

const struct screen which_screen = {
	.name = "which",
	.enter = which_enter,
	.leave = which_leave,
	.event = which_event,
	.draw = which_draw,
};
