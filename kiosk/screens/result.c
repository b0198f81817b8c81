/* The result of a sign-in, large enough to read from a metre away: 签到成功 with the name and
 * the time, or 已签到 with the first time when the member had signed in before (nothing new is
 * written). A member who tapped someone else's name can undo it here at once ("点错了"); one who
 * came for the other meeting on at the same time can move to it. Back home by itself after a
 * few seconds. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/party/attendance.h"
#include "core/party/household.h"
#include "core/party/meetings.h"
#include "core/party/members.h"
#include "core/party/milestones.h"
#include "core/party/signout.h"
#include "screens/screens.h"
#include "ui/ui.h"

#define SHOW_MS 6000
#define MAX_ON 4

enum { ACT_DONE = 1, ACT_WRONG, ACT_OTHER, ACT_SIGNOUT, ACT_SAME_HOME };

#define MAX_HOME 2 /* 同户 offered on the card */

struct result {
	struct result_arg r;
	char name[MEMBER_TEXT];
	struct meeting meeting;
	struct meeting others[MAX_ON];
	int nothers;
	int64_t until_ms;
	int years;       /* 政治生日 today: years since joining, else 0 */
	struct home_member home[MAX_HOME]; /* 同户 not signed in yet */
	int nhome;
	bool signed_out; /* 签退 from this card: so says when (早退 is recorded, never said) */
	struct signout so;
};

static int result_enter(struct app *app, const void *arg)
{
	struct result *s = calloc(1, sizeof *s);
	struct member m;
	struct meeting on[MAX_ON + 1];
	int n, i;

	if (!s)
		return -1;
	app->state = s;
	s->r = *(const struct result_arg *)arg;
	if (members_get(app->db, s->r.member_id, &m, app->err, sizeof app->err) < 0 ||
	    meetings_get(app->db, s->r.meeting_id, &s->meeting, app->err, sizeof app->err) < 0)
		return -1;
	snprintf(s->name, sizeof s->name, "%s", m.f[MF_NAME]);
	s->years = milestone_years_today(m.f[MF_JOINED], app_now(app));
	s->nhome = household_to_offer(app->db, s->r.meeting_id, s->r.member_id, s->home, MAX_HOME,
				      app->err, sizeof app->err);
	if (s->nhome < 0)
		s->nhome = 0; /* the offer is a kindness; the sign-in itself stands */
	n = meetings_current(app->db, app_now(app), on, MAX_ON + 1, app->err, sizeof app->err);
	for (i = 0; i < n && i < MAX_ON + 1; i++)
		if (on[i].id != s->r.meeting_id && s->nothers < MAX_ON)
			s->others[s->nothers++] = on[i];
	s->until_ms = app_now_ms(app) + SHOW_MS;
	return 0;
}

static int64_t result_tick(struct app *app, int64_t now_ms)
{
	struct result *s = app->state;

	if (now_ms >= s->until_ms) {
		app_go(app, &home_screen, NULL);
		return 0;
	}
	return s->until_ms;
}

static void result_event(struct app *app, const struct input *in)
{
	struct result *s = app->state;
	struct checkin c;

	if (in->type != IN_TAP)
		return;
	switch (in->action) {
	case ACT_DONE:
		app_go(app, &home_screen, NULL);
		break;
	case ACT_SAME_HOME:
		/* One tap for the other of a home who came along: recorded as 触屏-同户. */
		if (in->arg < 0 || in->arg >= s->nhome)
			break;
		if (attendance_checkin(app->db, s->r.meeting_id, s->home[in->arg].id, METHOD_TOUCH_HOUSEHOLD,
				       app_now(app), &c, app->err, sizeof app->err) < 0) {
			app_toast(app, app->err);
			break;
		}
		{
			struct result_arg r = { s->r.meeting_id, s->home[in->arg].id, c };
			app_go(app, &result_screen, &r);
		}
		break;
	case ACT_SIGNOUT:
		if (attendance_signout(app->db, s->r.meeting_id, s->r.member_id, app_now(app), &s->so,
				       app->err, sizeof app->err) < 0) {
			app_toast(app, app->err);
			break;
		}
		s->signed_out = true;
		s->nothers = 0;
		s->until_ms = app_now_ms(app) + SHOW_MS;
		app_dirty(app);
		break;
	case ACT_WRONG:
		/* Undo only what this screen just wrote: a tap on the wrong name. */
		if (!s->r.checkin.already &&
		    attendance_undo(app->db, s->r.meeting_id, s->r.member_id, app_now(app), "本人更正",
				    app->err, sizeof app->err) < 0) {
			app_toast(app, app->err);
			break;
		}
		app_toast(app, "已撤销，请重新找您的名字");
		app_go(app, &checkin_screen, NULL);
		break;
	case ACT_OTHER:
		if (in->arg < 0 || in->arg >= s->nothers)
			break;
		if (attendance_checkin(app->db, s->others[in->arg].id, s->r.member_id, METHOD_TOUCH,
				       app_now(app), &c, app->err, sizeof app->err) < 0) {
			app_toast(app, app->err);
			break;
		}
		if (!s->r.checkin.already)
			attendance_undo(app->db, s->r.meeting_id, s->r.member_id, app_now(app), "本人更正",
					app->err, sizeof app->err);
		{
			struct result_arg r = { s->others[in->arg].id, s->r.member_id, c };
			app_go(app, &result_screen, &r);
		}
		break;
	}
}

static void result_draw(struct app *app)
{
	struct result *s = app->state;
	struct ui *ui = app->ui;
	SDL_Rect body = rect_inset(chrome_header(app, s->meeting.title, true, 0), ui_gap(ui) * 2);
	SDL_Rect panel, buttons;
	int gap = ui_gap(ui), i, bh = ui_target(ui) * 3 / 2;
	bool already = s->r.checkin.already || s->signed_out;
	bool offer_signout = s->r.checkin.already && s->meeting.signout && !s->signed_out;
	char hhmm[6], line[512], head[64], greeting[96];

	int nhome = s->signed_out ? 0 : s->nhome;

	/* More than one row of buttons: each a tap target tall, so the card keeps its room. */
	if (s->nothers > 0 || nhome > 0)
		bh = ui_target(ui);

	/* Buttons at the bottom: 同户 who came along, 完成, 点错了, and any other meeting on now. */
	buttons = rect_cut_bottom(&body, bh * (1 + (s->nothers > 0) + (nhome > 0)) +
						 gap * ((s->nothers > 0) + (nhome > 0)));
	rect_cut_bottom(&body, gap * 2);
	panel = body;
	clock_format_hhmm(s->r.checkin.at, hhmm);
	if (s->signed_out) {
		clock_format_hhmm(s->so.at, hhmm);
		snprintf(head, sizeof head, "%s", s->so.already ? "已签退" : "签退成功");
		snprintf(line, sizeof line, "%s 签退，谢谢参加", hhmm);
	} else if (already) {
		snprintf(head, sizeof head, "已签到 %s", hhmm);
		snprintf(line, sizeof line, "您 %s 已经签过到了，不用再签", hhmm);
	} else {
		snprintf(head, sizeof head, "签到成功");
		snprintf(line, sizeof line, "%s 签到%s%s", hhmm, s->r.checkin.guest ? "（列席）" : "",
			 s->meeting.signout ? "，散会时请再来签退" : "");
	}
	{
		/* The meeting is named in the card too: with two on at once, which one counts. */
		const struct verdict_line lines[] = {
			{ head, true, TS_HUGE, TS_TITLE },
			{ s->name, true, TS_HUGE, TS_TITLE },
			{ s->meeting.title, true, TS_LARGE, TS_BODY },
			{ line, true, TS_TITLE, TS_BODY },
			{ greeting, true, TS_TITLE, TS_BODY },
		};
		snprintf(greeting, sizeof greeting, "今天是您入党 %d 周年纪念日", s->years);
		chrome_verdict(app, panel, s->signed_out ? s->so.already : already, lines,
			       s->years > 0 && !s->signed_out ? 5 : 4);
	}

	if (nhome > 0) {
		SDL_Rect row = rect_cut_top(&buttons, bh);
		rect_cut_top(&buttons, gap);
		for (i = 0; i < nhome; i++) {
			SDL_Rect r = rect_cut_left(&row, (row.w - gap * (nhome - 1 - i)) / (nhome - i));
			char label[200];
			snprintf(label, sizeof label, "同户的 %s 也来了吗？", s->home[i].name);
			ui_button(ui, r, label, "点这里为其签到", BTN_NORMAL, ACT_SAME_HOME, i);
			rect_cut_left(&row, gap);
		}
	}

	if (s->nothers > 0) {
		/* Another meeting on now: its button above 完成, not below it. */
		SDL_Rect others = rect_cut_top(&buttons, bh);
		rect_cut_top(&buttons, gap);
		for (i = 0; i < s->nothers; i++) {
			SDL_Rect r = rect_cut_left(&others, (others.w - gap * (s->nothers - 1 - i)) / (s->nothers - i));
			char label[MEETING_TEXT + 32];
			snprintf(label, sizeof label, "我参加的是：%s", s->others[i].title);
			ui_button(ui, r, label, NULL, BTN_NORMAL, ACT_OTHER, i);
			rect_cut_left(&others, gap);
		}
	}
	{
		SDL_Rect row = rect_cut_top(&buttons, bh);
		int w = (row.w - gap) / 2;
		if (!already) {
			ui_button(ui, rect_cut_left(&row, w), "点错了", "不是我，撤销", BTN_NORMAL, ACT_WRONG, 0);
			rect_cut_left(&row, gap);
		} else if (offer_signout) {
			ui_button(ui, rect_cut_left(&row, w), "签退", "我要走了", BTN_PRIMARY, ACT_SIGNOUT, 0);
			rect_cut_left(&row, gap);
		}
		ui_button(ui, row, "完成", NULL, offer_signout ? BTN_NORMAL : BTN_PRIMARY, ACT_DONE, 0);
	}
}

const struct screen result_screen = {
	.answers = true,
	.name = "result",
	.enter = result_enter,
	.leave = chrome_free_state,
	.event = result_event,
	.tick = result_tick,
	.draw = result_draw,
};
