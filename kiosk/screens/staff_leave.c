/* 请假登记, the last step: the member and the meeting are chosen; the reason is one tap on a
 * large preset (typing needs an input method, and these cover what staff write). The leave is
 * recorded under the staff member's name; the member still counts in 应到. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/party/leave.h"
#include "core/party/meetings.h"
#include "core/party/members.h"
#include "screens/screens.h"
#include "screens/staff_mode.h"
#include "ui/ui.h"

enum { ACT_REASON = 1, ACT_OTHER_MEMBER };

static const char *const reasons[] = { "生病住院", "外出探亲", "照顾家人", "工作冲突", "其他" };
#define NREASONS (int)(sizeof reasons / sizeof reasons[0])

struct leave_screen {
	struct staff_target t;
	struct meeting m;
	char name[MEMBER_TEXT];
	char branch[MEMBER_TEXT];
};

static int staff_leave_enter(struct app *app, const void *arg)
{
	struct leave_screen *s = calloc(1, sizeof *s);
	struct member mb;

	if (!s)
		return -1;
	app->state = s;
	s->t = *(const struct staff_target *)arg;
	if (meetings_get(app->db, s->t.meeting_id, &s->m, app->err, sizeof app->err) < 0 ||
	    members_get(app->db, s->t.member_id, &mb, app->err, sizeof app->err) < 0)
		return -1;
	snprintf(s->name, sizeof s->name, "%s", mb.f[MF_NAME]);
	snprintf(s->branch, sizeof s->branch, "%s", mb.f[MF_BRANCH]);
	return 0;
}

static void staff_leave_event(struct app *app, const struct input *in)
{
	struct leave_screen *s = app->state;
	char text[512];
	int64_t meeting_id = s->t.meeting_id;

	if (in->type != IN_TAP)
		return;
	if (in->action == ACT_OTHER_MEMBER) {
		staff_mode_task_meeting(app, TASK_LEAVE, meeting_id);
		return;
	}
	if (in->action != ACT_REASON || in->arg < 0 || in->arg >= NREASONS)
		return;
	if (leave_add(app->db, meeting_id, s->t.member_id, reasons[in->arg], app->staff.name,
		      app_now(app), app->err, sizeof app->err) < 0) {
		app_toast(app, app->err);
		return;
	}
	snprintf(text, sizeof text, "已为 %s 登记请假：%s", s->name, reasons[in->arg]);
	app_sound(app, SPEECH_LEAVE, s->name);
	/* Back to the names, for the next member on leave from the same meeting. */
	staff_mode_task_meeting(app, TASK_LEAVE, meeting_id);
	app_toast(app, text);
}

static void staff_leave_draw(struct app *app)
{
	struct leave_screen *s = app->state;
	struct ui *ui = app->ui;
	SDL_Rect body = rect_inset(chrome_header(app, "请假登记", true, 0), ui_gap(ui) * 2), grid;
	int gap = ui_gap(ui) * 2, cols = ui->h > ui->w ? 2 : 3, rows, i, w, h;
	char line[512], when[64];

	snprintf(line, sizeof line, "%s（%s）", s->name, s->branch);
	rect_cut_top(&body, ui_label(ui, body, line, TS_TITLE, UI_BOLD));
	staff_mode_when(&s->m, when, sizeof when);
	snprintf(line, sizeof line, "请假会议：%s（%s）", s->m.title, when);
	rect_cut_top(&body, ui_label(ui, body, line, TS_BODY, UI_MUTED) + gap);
	rect_cut_top(&body, ui_label(ui, body, "请点请假原因：", TS_LARGE, UI_BOLD) + gap / 2);
	/* 换一位党员 is not a reason: its own row at the bottom, well apart from the grid. */
	ui_button(ui, rect_cut_bottom(&body, ui_target(ui)), "换一位党员", NULL, BTN_NORMAL,
		  ACT_OTHER_MEMBER, 0);
	rect_cut_bottom(&body, gap * 3);
	grid = body;
	/* More reasons a row when rows would be lower than a tap target (大字 on a short screen). */
	for (;;) {
		rows = (NREASONS + cols - 1) / cols;
		h = (grid.h - gap * (rows - 1)) / rows;
		if (h >= ui_target(ui) || cols >= NREASONS)
			break;
		cols++;
	}
	w = (grid.w - gap * (cols - 1)) / cols;
	if (h > ui_target(ui) * 2)
		h = ui_target(ui) * 2;
	for (i = 0; i < NREASONS; i++) {
		SDL_Rect r = { grid.x + (i % cols) * (w + gap), grid.y + (i / cols) * (h + gap), w, h };
		ui_button(ui, r, reasons[i], NULL, BTN_PRIMARY, ACT_REASON, i);
	}
}

const struct screen staff_leave_screen = {
	.name = "staff_leave",
	.enter = staff_leave_enter,
	.leave = chrome_free_state,
	.event = staff_leave_event,
	.draw = staff_leave_draw,
};
