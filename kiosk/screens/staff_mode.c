/* What staff mode's screens share: leaving it, the meetings each task may be for, how a task
 * goes on once its meeting is chosen (the finder, reused through struct checkin_arg, for the
 * tasks that need a member), the page bar, and the USB scan. */
#include "screens/staff_mode.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/party/attendance.h"
#include "core/store/db.h"
#include "core/party/members.h"
#include "core/party/record.h"
#include "core/party/staff.h"
#include "screens/screens.h"
#include "ui/ui.h"
#include "web/web.h"

#define DAY (24 * 3600)

void staff_mode_close(struct app *app, const char *why)
{
	char err[256];

	if (!app->staff.open)
		return;
	db_audit(app->db, app->staff.name, "退出管理模式", "", why, err, sizeof err);
	staff_session_close(&app->staff);
	web_photos_revoke(app->web); /* the staff phone's upload address dies with the session */
	app->mode = NULL;
}

/* ---- the loop's hooks (struct app_mode) ---- */

static void mode_touched(struct app *app, int64_t now_ms)
{
	staff_session_touch(&app->staff, now_ms);
}

static int64_t mode_deadline(const struct app *app)
{
	return staff_session_deadline(&app->staff);
}

/* Two minutes untouched: staff mode closes, and the next entry needs the PIN. */
static void mode_expired(struct app *app)
{
	staff_mode_close(app, "2 分钟无操作，自动退出");
	app_go(app, &home_screen, NULL);
	app_toast(app, "管理模式已自动退出（2 分钟无操作）");
}

static const struct app_mode staff_app_mode = {
	.back = &staff_menu_screen,
	.touched = mode_touched,
	.deadline = mode_deadline,
	.expired = mode_expired,
	.end = staff_mode_close,
};

void staff_mode_open(struct app *app, int64_t staff_id, const char *name)
{
	staff_session_open(&app->staff, staff_id, name, app_now_ms(app));
	app->mode = &staff_app_mode;
}

/* Midnight at the start of t's day. */
static time_t day_start(time_t t)
{
	struct tm tm;

	localtime_r(&t, &tm);
	tm.tm_hour = tm.tm_min = tm.tm_sec = 0;
	tm.tm_isdst = -1;
	return mktime(&tm);
}

struct gather {
	struct meeting *out;
	int n, max;
	enum staff_task task;
	time_t now;
};

static int gather(void *ctx, const struct meeting *m)
{
	struct gather *g = ctx;
	int i;

	if (g->task == TASK_LEAVE && m->kind == MK_VOLUNTEER) /* expects nobody: no leave */
		return 0;
	if ((g->task == TASK_SHEET || g->task == TASK_SIGN_IN || g->task == TASK_UNDO ||
	     g->task == TASK_GUEST) && m->start - MEETING_EARLY_SECONDS > g->now && !m->opened)
		return 0; /* not begun */
	for (i = 0; i < g->n; i++)
		if (g->out[i].id == m->id)
			return 0;
	if (g->n < g->max)
		g->out[g->n++] = *m;
	return g->n == g->max;
}

static int by_start(const void *a, const void *b)
{
	const struct meeting *x = a, *y = b;

	return x->start < y->start ? -1 : x->start > y->start ? 1 : (x->id > y->id) - (x->id < y->id);
}

int staff_mode_meetings(struct app *app, enum staff_task task, struct meeting *out, int max)
{
	struct gather g = { out, 0, max, task, app_now(app) };
	struct meeting on[8];
	time_t now = app_now(app), today = day_start(now);
	int i, n, j, on_now;

	/* What is on now comes first for every task but the 签到表 (newest first). */
	n = meetings_current(app->db, now, on, 8, app->err, sizeof app->err);
	for (i = 0; task != TASK_SHEET && i < n && i < 8; i++)
		gather(&g, &on[i]);
	on_now = g.n;
	switch (task) {
	case TASK_MEETINGS: /* today and tomorrow: open one early, close one */
		meetings_each_between(app->db, today, day_start(today + DAY * 2 + 3600), gather, &g,
				      app->err, sizeof app->err);
		break;
	case TASK_LEAVE: /* from now on, a month ahead */
		meetings_each_between(app->db, now, now + 31 * DAY, gather, &g, app->err, sizeof app->err);
		break;
	case TASK_SIGN_IN:
	case TASK_UNDO:
	case TASK_GUEST: /* today's, begun */
		meetings_each_between(app->db, today, now + MEETING_EARLY_SECONDS + 1, gather, &g,
				      app->err, sizeof app->err);
		break;
	case TASK_SHEET: /* the last three months, newest first */
		meetings_each_between(app->db, now - 92 * DAY, now + MEETING_EARLY_SECONDS + 1, gather,
				      &g, app->err, sizeof app->err);
		for (i = 0, j = g.n - 1; i < j; i++, j--) {
			struct meeting t = out[i];
			out[i] = out[j];
			out[j] = t;
		}
		return g.n;
	}
	/* Those on now first, the rest by time. */
	if (g.n > on_now)
		qsort(out + on_now, (size_t)(g.n - on_now), sizeof *out, by_start);
	return g.n;
}

void staff_mode_when(const struct meeting *m, char *out, size_t size)
{
	struct tm tm;
	char a[6], b[6];

	localtime_r(&m->start, &tm);
	clock_format_hhmm(m->start, a);
	clock_format_hhmm(m->end, b);
	snprintf(out, size, "%d月%d日 %s-%s", tm.tm_mon + 1, tm.tm_mday, a, b);
}

const char *staff_mode_state(const struct meeting *m, time_t now)
{
	if (m->closed && m->closed <= now)
		return "已结束签到";
	if (m->end <= now)
		return "已结束";
	if (m->start - MEETING_EARLY_SECONDS <= now || (m->opened && m->opened <= now))
		return "签到中";
	return "未开始";
}

/* ---- tasks that go through the finder ---- */

static void say_checkin(struct app *app, int64_t member_id, const struct checkin *c, const char *done)
{
	struct member m;
	char hhmm[6], text[256];

	if (members_get(app->db, member_id, &m, app->err, sizeof app->err) < 0)
		return;
	clock_format_hhmm(c->at, hhmm);
	if (c->already)
		snprintf(text, sizeof text, "%s 已签到 %s，不用再签", m.f[MF_NAME], hhmm);
	else
		snprintf(text, sizeof text, "%s %s %s%s", m.f[MF_NAME], done, hhmm, c->guest ? "（列席）" : "");
	app_toast(app, text);
}

/* 代签到: sign the member in and stay in the finder for the next one. */
static void sign_in_chosen(struct app *app, int64_t member_id, const int64_t data[2])
{
	struct checkin c;

	if (staff_sign_in(app->db, data[0], member_id, app->staff.name, app_now(app), &c, app->err,
			  sizeof app->err) < 0) {
		app_toast(app, app->err);
		return;
	}
	say_checkin(app, member_id, &c, "代签到成功");
}

/* A visiting member of this community (来宾登记): signed in; 列席 when not expected. */
static void visitor_chosen(struct app *app, int64_t member_id, const int64_t data[2])
{
	struct checkin c;
	struct staff_target t = { TASK_GUEST, data[0], 0 };

	if (staff_sign_in(app->db, data[0], member_id, app->staff.name, app_now(app), &c, app->err,
			  sizeof app->err) < 0) {
		app_toast(app, app->err);
		return;
	}
	app_go(app, &staff_guest_screen, &t);
	say_checkin(app, member_id, &c, "已登记");
}

static void leave_chosen(struct app *app, int64_t member_id, const int64_t data[2])
{
	struct staff_target t = { TASK_LEAVE, data[0], member_id };

	app_go(app, &staff_leave_screen, &t);
}

void staff_mode_task_meeting(struct app *app, enum staff_task task, int64_t meeting_id)
{
	struct checkin_arg f = { .data = { meeting_id, 0 } };
	struct staff_target t = { task, meeting_id, 0 };
	struct meeting m;

	if (meetings_get(app->db, meeting_id, &m, app->err, sizeof app->err) < 0) {
		app_toast(app, app->err);
		return;
	}
	switch (task) {
	case TASK_LEAVE:
		snprintf(f.title, sizeof f.title, "请假登记：%s", m.title);
		f.chosen = leave_chosen;
		app_go(app, &checkin_screen, &f);
		break;
	case TASK_SIGN_IN:
		snprintf(f.title, sizeof f.title, "代签到：%s", m.title);
		f.chosen = sign_in_chosen;
		app_go(app, &checkin_screen, &f);
		break;
	case TASK_GUEST:
		app_go(app, &staff_guest_screen, &t);
		break;
	case TASK_UNDO:
		app_go(app, &staff_undo_screen, &t);
		break;
	case TASK_SHEET:
		app_go(app, &staff_sheet_screen, &t);
		break;
	case TASK_MEETINGS:
		app_go(app, &staff_meetings_screen, &t);
		break;
	}
}

void staff_mode_find_visitor(struct app *app, int64_t meeting_id)
{
	struct checkin_arg f = { .data = { meeting_id, 0 }, .chosen = visitor_chosen };

	snprintf(f.title, sizeof f.title, "来宾登记：请点列席的党员");
	app_go(app, &checkin_screen, &f);
}

/* A name ticked on a paper sign-in sheet (纸质补录): signed in at the meeting's start, with
 * the staff member who entered it; the finder stays for the next name. */
static void paper_chosen(struct app *app, int64_t member_id, const int64_t data[2])
{
	struct member m;
	char text[256];
	int added, already;

	if (record_paper_checkin(app->db, data[0], &member_id, 1, app->staff.name, app_now(app),
				 &added, &already, app->err, sizeof app->err) < 0 ||
	    members_get(app->db, member_id, &m, app->err, sizeof app->err) < 0) {
		app_toast(app, app->err);
		return;
	}
	snprintf(text, sizeof text, already ? "%s 此前已签到，不用补录" : "%s 已补录（纸质签到）",
		 m.f[MF_NAME]);
	app_toast(app, text);
}

void staff_mode_paper(struct app *app, int64_t meeting_id)
{
	struct checkin_arg f = { .data = { meeting_id, 0 }, .chosen = paper_chosen };

	snprintf(f.title, sizeof f.title, "纸质签到补录：请点签到表上打勾的人");
	app_go(app, &checkin_screen, &f);
}

void staff_mode_task(struct app *app, enum staff_task task)
{
	struct meeting *list = calloc(2, sizeof *list);
	struct staff_target t = { task, 0, 0 };
	int n;

	if (!list)
		return;
	n = (task == TASK_SIGN_IN || task == TASK_UNDO || task == TASK_GUEST) ?
		    staff_mode_meetings(app, task, list, 2) : 0;
	if (n == 1)
		staff_mode_task_meeting(app, task, list[0].id);
	else
		app_go(app, &staff_meetings_screen, &t);
	free(list);
}

/* ---- USB sticks ---- */

bool staff_mode_usb_scan(struct app *app, struct usb_stick *sticks, int *n)
{
	struct usb_stick now[USB_MAX];
	char root[USB_PATH], accept[8] = "";
	int found;

	if (db_setting_get(app->db, "usb_root", root, sizeof root) < 0 || !root[0])
		snprintf(root, sizeof root, "%s", USB_ROOT_DEFAULT);
	db_setting_get(app->db, "usb_accept_folders", accept, sizeof accept);
	found = usb_find(USB_MOUNTS, root, strcmp(accept, "1") == 0, now, USB_MAX);
	if (found > USB_MAX)
		found = USB_MAX;
	if (usb_same(now, found, sticks, *n))
		return false;
	memcpy(sticks, now, sizeof now);
	*n = found;
	return true;
}
