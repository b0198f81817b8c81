/* 学习打卡 done: the member's name, what they studied and for how long, in large type on green
 * (or amber when they had already recorded this material today, which writes nothing new). Back
 * to the materials, or home by itself after a few seconds. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/materials/materials.h"
#include "core/party/members.h"
#include "core/party/study.h"
#include "screens/screens.h"
#include "ui/ui.h"

#define SHOW_MS 8000

enum { ACT_DONE = 1, ACT_MORE };

struct studied_arg {
	int64_t member_id, material_id;
	struct study_result result;
};

struct studied {
	struct studied_arg a;
	char name[MEMBER_TEXT];
	char title[MATERIAL_TEXT];
	int64_t until_ms;
};

void studied_record(struct app *app, int64_t member_id, const int64_t data[2])
{
	struct studied_arg a = { member_id, data[0], { 0 } };

	if (study_record(app->db, member_id, data[0], (int)data[1], METHOD_TOUCH, app_now(app),
			 &a.result, app->err, sizeof app->err) < 0) {
		app_toast(app, app->err);
		return;
	}
	app_trace(app, "commit");
	app_go(app, &studied_screen, &a);
}

static int studied_enter(struct app *app, const void *arg)
{
	struct studied *s = calloc(1, sizeof *s);
	struct member mem;
	struct material mat;

	if (!s)
		return -1;
	app->state = s;
	s->a = *(const struct studied_arg *)arg;
	if (members_get(app->db, s->a.member_id, &mem, app->err, sizeof app->err) < 0 ||
	    materials_get(app->db, s->a.material_id, &mat, app->err, sizeof app->err) < 0)
		return -1;
	snprintf(s->name, sizeof s->name, "%s", mem.f[MF_NAME]);
	snprintf(s->title, sizeof s->title, "%s", mat.title);
	s->until_ms = app_now_ms(app) + SHOW_MS;
	return 0;
}

static int64_t studied_tick(struct app *app, int64_t now_ms)
{
	struct studied *s = app->state;

	if (now_ms >= s->until_ms) {
		app_go(app, &home_screen, NULL);
		return 0;
	}
	return s->until_ms;
}

static void studied_event(struct app *app, const struct input *in)
{
	if (in->type != IN_TAP)
		return;
	if (in->action == ACT_DONE)
		app_go(app, &home_screen, NULL);
	else if (in->action == ACT_MORE)
		app_go(app, &materials_screen, NULL);
}

static void studied_draw(struct app *app)
{
	struct studied *s = app->state;
	struct ui *ui = app->ui;
	SDL_Rect body = rect_inset(chrome_header(app, "学习打卡", true, 0), ui_gap(ui) * 2);
	int gap = ui_gap(ui), bh = ui_target(ui) * 3 / 2;
	bool already = s->a.result.already;
	char head[64], what[MATERIAL_TEXT + 64], hhmm[6];
	SDL_Rect buttons;

	buttons = rect_cut_bottom(&body, bh);
	rect_cut_bottom(&body, gap * 2);
	clock_format_hhmm(s->a.result.at, hhmm);
	if (already) {
		snprintf(head, sizeof head, "今天已打卡 %s", hhmm);
		snprintf(what, sizeof what, "《%s》今天已经记过了（%d 分钟），不用再记", s->title,
			 s->a.result.minutes);
	} else {
		snprintf(head, sizeof head, "打卡成功");
		snprintf(what, sizeof what, "学习《%s》%d 分钟", s->title, s->a.result.minutes);
	}
	{
		const struct verdict_line lines[] = {
			{ head, true, TS_HUGE, TS_TITLE },
			{ s->name, true, TS_TITLE, TS_LARGE },
			{ what, false, TS_LARGE, TS_BODY },
		};
		chrome_verdict(app, body, already, lines, 3);
	}
	{
		int w = (buttons.w - gap) / 2;
		ui_button(ui, rect_cut_left(&buttons, w), "继续看学习资料", NULL, BTN_NORMAL, ACT_MORE, 0);
		rect_cut_left(&buttons, gap);
		ui_button(ui, buttons, "完成", NULL, BTN_PRIMARY, ACT_DONE, 0);
	}
}

const struct screen studied_screen = {
	.name = "studied",
	.enter = studied_enter,
	.leave = chrome_free_state,
	.event = studied_event,
	.tick = studied_tick,
	.draw = studied_draw,
};
