/* 学习打卡 done: the member's name, what they studied and for how long, in large type on green
 * (or amber when they had already recorded this material today, which writes nothing new). A
 * member who tapped someone else's name undoes it here at once ("点错了"), as on the sign-in
 * card: same words, same place (left of 完成), while the card is up, and back to finding the
 * name. Back to the materials, or home by itself after a few seconds. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/materials/materials.h"
#include "core/party/members.h"
#include "core/party/study.h"
#include "screens/screens.h"
#include "ui/ui.h"

#define SHOW_MS 6000 /* as the sign-in card (result.c): the time 点错了 is offered */

enum { ACT_DONE = 1, ACT_MORE, ACT_WRONG };

struct studied_arg {
	int64_t member_id, material_id;
	int minutes; /* as the reader measured them, to find the name again after 点错了 */
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
	struct studied_arg a = { member_id, data[0], (int)data[1], { 0 } };

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

/* 点错了: undo what this card just wrote and find the name again, for the same material. */
static void wrong(struct app *app, struct studied *s)
{
	struct checkin_arg f;

	if (!s->a.result.already &&
	    study_undo(app->db, s->a.result.id, app_now(app), app->err, sizeof app->err) < 0) {
		app_toast(app, app->err);
		return;
	}
	memset(&f, 0, sizeof f);
	/* The finder's header is one line in 大字: the material is named again on the card. */
	snprintf(f.title, sizeof f.title, "学习打卡");
	f.chosen = studied_record;
	f.data[0] = s->a.material_id;
	f.data[1] = s->a.minutes;
	app_toast(app, "已撤销，请重新找您的名字");
	app_go(app, &checkin_screen, &f);
}

static void studied_event(struct app *app, const struct input *in)
{
	if (in->type != IN_TAP)
		return;
	if (in->action == ACT_DONE)
		app_go(app, &home_screen, NULL);
	else if (in->action == ACT_MORE)
		app_go(app, &materials_screen, NULL);
	else if (in->action == ACT_WRONG)
		wrong(app, app->state);
}

static void studied_draw(struct app *app)
{
	struct studied *s = app->state;
	struct ui *ui = app->ui;
	SDL_Rect body = rect_inset(chrome_header(app, "学习打卡", true, 0), ui_gap(ui) * 2);
	int gap = ui_gap(ui), bh = ui_target(ui) * 3 / 2;
	bool already = s->a.result.already;
	char head[64], what[MATERIAL_TEXT + 64], note[64] = "", hhmm[6];
	SDL_Rect buttons;

	buttons = rect_cut_bottom(&body, bh);
	rect_cut_bottom(&body, gap * 2);
	clock_format_hhmm(s->a.result.at, hhmm);
	if (already) {
		snprintf(head, sizeof head, "今天已打卡 %s", hhmm);
		/* The title and the note apart: each wraps on its own, nothing cut in 大字. */
		snprintf(what, sizeof what, "《%s》", s->title);
		snprintf(note, sizeof note, "今天已记 %d 分钟，不用再记", s->a.result.minutes);
	} else {
		snprintf(head, sizeof head, "打卡成功");
		snprintf(what, sizeof what, "学习《%s》%d 分钟", s->title, s->a.result.minutes);
	}
	{
		const struct verdict_line lines[] = {
			{ head, true, TS_HUGE, TS_TITLE },
			{ s->name, true, TS_TITLE, TS_LARGE },
			{ what, false, TS_LARGE, TS_BODY },
			{ note, false, TS_LARGE, TS_BODY },
		};
		chrome_verdict(app, body, already, lines, already ? 4 : 3);
	}
	{
		/* As on the sign-in card: 点错了 at the left of the bottom row, 完成 at the right. */
		int n = already ? 2 : 3, w = (buttons.w - gap * (n - 1)) / n;
		if (!already) {
			ui_button(ui, rect_cut_left(&buttons, w), "点错了", "不是我，撤销", BTN_NORMAL,
				  ACT_WRONG, 0);
			rect_cut_left(&buttons, gap);
		}
		ui_button(ui, rect_cut_left(&buttons, w), "继续看学习资料", NULL, BTN_NORMAL, ACT_MORE, 0);
		rect_cut_left(&buttons, gap);
		ui_button(ui, buttons, "完成", NULL, BTN_PRIMARY, ACT_DONE, 0);
	}
}

const struct screen studied_screen = {
	.answers = true,
	.name = "studied",
	.enter = studied_enter,
	.leave = chrome_free_state,
	.event = studied_event,
	.tick = studied_tick,
	.draw = studied_draw,
};
