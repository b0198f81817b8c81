/* 来宾登记. Two kinds of visitor: a member of this community who is not expected at this
 * meeting (found with the finder and signed in; they become 列席 by themselves), and a walk-in
 * guest with no record here, whose name and 单位 staff type.
 *
 * Typing Chinese on a kiosk with no keyboard and no system input method: the screen's pinyin
 * keyboard (pinyin_pad.c, over core/text/ime.c), laid out like the phone and WPS keyboards staff
 * type pinyin on every day: letters, then tap the character among the candidates (common
 * surnames first for a name's first character). The 单位 is usually one of a few, so those used
 * before and the common ones are one tap. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/party/guests.h"
#include "core/text/ime.h"
#include "core/party/meetings.h"
#include "screens/pinyin_pad.h"
#include "screens/screens.h"
#include "screens/staff_mode.h"
#include "ui/ui.h"

enum {
	ACT_MEMBER = 1, /* a visiting member: the finder */
	ACT_WALK_IN,    /* a walk-in guest: the form */
	ACT_FIELD,      /* arg: 0 姓名, 1 单位 */
	ACT_CLEAR,
	ACT_UNIT,       /* arg: index into units */
	ACT_SAVE,
	ACT_CANCEL,
	ACT_PAD,        /* the keyboard's: ACT_PAD .. ACT_PAD + PINYIN_PAD_ACTIONS - 1 */
};

#define MAX_UNITS 6
#define MAX_SHOWN 16
#define MAX_NAME_CHARS 12

static const char *const common_units[] = { "街道党工委", "社区居委会", "共建单位", "兄弟社区" };

struct guest_screen {
	struct staff_target t;
	struct meeting m;
	bool form;
	int field;
	char text[2][GUEST_TEXT];
	struct pinyin_pad pad;
	char units[MAX_UNITS][GUEST_TEXT];
	int nunits;
	struct guest shown[MAX_SHOWN]; /* guests recorded at this meeting so far */
	int nshown, total;
};

static int collect(void *ctx, const struct guest *g)
{
	struct guest_screen *s = ctx;

	if (s->nshown < MAX_SHOWN)
		s->shown[s->nshown++] = *g;
	s->total++;
	return 0;
}

static void load(struct app *app, struct guest_screen *s)
{
	char recent[MAX_UNITS][GUEST_TEXT];
	int n, i, j;

	s->nshown = s->total = 0;
	guests_each(app->db, s->m.id, collect, s, app->err, sizeof app->err);
	/* One-tap units: those used before, then the common ones not among them. */
	n = guests_recent_units(app->db, recent, MAX_UNITS);
	s->nunits = 0;
	for (i = 0; i < n && s->nunits < MAX_UNITS; i++)
		snprintf(s->units[s->nunits++], GUEST_TEXT, "%s", recent[i]);
	for (i = 0; i < 4 && s->nunits < MAX_UNITS; i++) {
		for (j = 0; j < s->nunits && strcmp(s->units[j], common_units[i]) != 0; j++)
			;
		if (j == s->nunits)
			snprintf(s->units[s->nunits++], GUEST_TEXT, "%s", common_units[i]);
	}
	app_dirty(app);
}

static int staff_guest_enter(struct app *app, const void *arg)
{
	struct guest_screen *s = calloc(1, sizeof *s);

	if (!s)
		return -1;
	app->state = s;
	s->t = *(const struct staff_target *)arg;
	s->pad.two_rows = true;
	if (meetings_get(app->db, s->t.meeting_id, &s->m, app->err, sizeof app->err) < 0)
		return -1;
	load(app, s);
	return 0;
}

/* The focused field's limit in characters. */
static int field_max(const struct guest_screen *s)
{
	return MAX_NAME_CHARS * (s->field ? 2 : 1);
}

/* How the candidates are ordered for the field and place being typed. */
static enum ime_context context(const struct guest_screen *s)
{
	if (s->field == 1)
		return IME_TEXT;
	return s->text[0][0] ? IME_NAME_REST : IME_NAME_FIRST;
}

static void save(struct app *app, struct guest_screen *s)
{
	int64_t id;
	char text[512];

	if (pinyin_pad_pending(&s->pad, app->err, sizeof app->err)) {
		app_toast_warn(app, app->err);
		return;
	}
	if (guests_add(app->db, s->m.id, s->text[0], s->text[1], app->staff.name, app_now(app), &id,
		       app->err, sizeof app->err) < 0) {
		app_toast_warn(app, app->err);
		return;
	}
	snprintf(text, sizeof text, "已登记来宾：%s（%s）", s->text[0], s->text[1][0] ? s->text[1] : "未填单位");
	app_toast(app, text);
	memset(s->text, 0, sizeof s->text);
	s->field = 0;
	s->form = false;
	load(app, s);
}

static void staff_guest_event(struct app *app, const struct input *in)
{
	struct guest_screen *s = app->state;
	int action = in->action;
	int64_t arg = in->arg;

	if (in->type == IN_REFRESH) {
		load(app, s);
		return;
	}
	if (s->form) {
		if (pinyin_pad_edit(app, &s->pad, in, ACT_PAD, context(s), s->text[s->field], GUEST_TEXT,
				    field_max(s)))
			return;
		if (in->type == IN_KEY && (in->key == SDLK_RETURN || in->key == SDLK_KP_ENTER)) {
			save(app, s);
			app_dirty(app);
			return;
		}
	}
	if (in->type != IN_TAP)
		return;
	switch (action) {
	case ACT_MEMBER:
		staff_mode_find_visitor(app, s->m.id);
		return;
	case ACT_WALK_IN:
		s->form = true;
		break;
	case ACT_CANCEL:
		s->form = false;
		memset(s->text, 0, sizeof s->text);
		s->pad.typed[0] = '\0';
		break;
	case ACT_FIELD: {
		char out[16];
		if (pinyin_pad_commit(&s->pad, context(s), out, sizeof out))
			pinyin_pad_append(s->text[s->field], GUEST_TEXT, field_max(s), out);
		s->field = arg ? 1 : 0;
		break;
	}
	case ACT_CLEAR:
		s->text[s->field][0] = '\0';
		s->pad.typed[0] = '\0';
		break;
	case ACT_UNIT:
		if (arg >= 0 && arg < s->nunits) {
			snprintf(s->text[1], GUEST_TEXT, "%s", s->units[arg]);
			s->pad.typed[0] = '\0';
		}
		break;
	case ACT_SAVE:
		save(app, s);
		break;
	}
	app_dirty(app);
}

static void draw_choose(struct app *app, struct guest_screen *s, SDL_Rect body)
{
	struct ui *ui = app->ui;
	int gap = ui_gap(ui) * 2, bh = ui_target(ui) * 2, i;
	bool portrait = ui->h > ui->w;
	SDL_Rect row = rect_cut_top(&body, portrait ? bh * 2 + gap : bh), a, b;
	char line[512];

	if (portrait) {
		a = rect_cut_top(&row, bh);
		rect_cut_top(&row, gap);
		b = row;
	} else {
		a = rect_cut_left(&row, (row.w - gap) / 2);
		rect_cut_left(&row, gap);
		b = row;
	}
	ui_button(ui, a, "本社区党员列席", "从名单里找到他，点名字", BTN_PRIMARY, ACT_MEMBER, 0);
	ui_button(ui, b, "外来来宾", "输入姓名和单位", BTN_PRIMARY, ACT_WALK_IN, 0);
	rect_cut_top(&body, gap);
	if (s->total == 0) {
		ui_label(ui, body, "这次会议还没有登记外来来宾。", TS_BODY, UI_MUTED);
		return;
	}
	snprintf(line, sizeof line, "已登记的外来来宾（%d 位）：", s->total);
	rect_cut_top(&body, ui_label(ui, body, line, TS_BODY, UI_BOLD));
	for (i = 0; i < s->nshown; i++) {
		int lh = ui_line_height(ui, ui_text_px(ui, TS_BODY));
		if (body.h < lh)
			break;
		snprintf(line, sizeof line, "%.5s  %s（%s）", strlen(s->shown[i].checked_at) > 11 ?
			 s->shown[i].checked_at + 11 : "", s->shown[i].name,
			 s->shown[i].unit[0] ? s->shown[i].unit : "未填单位");
		ui_label(ui, rect_cut_top(&body, lh), line, TS_BODY, 0);
	}
}

static void draw_form(struct app *app, struct guest_screen *s, SDL_Rect body)
{
	struct ui *ui = app->ui;
	int gap = ui_gap(ui), line_h = ui->short_side / 11, i, act_h, pad_h;
	bool two_rows;
	SDL_Rect r, fields, quick;
	char label[GUEST_TEXT + 32];

	/* Fields (one above the other where a name of 12 characters would not fit beside the
	 * unit), one-tap units (or a hint), the keyboard, and its actions. */
	two_rows = ui->h > ui->w && ui_text_width(ui, "姓名：（请输入）王王王王王王", ui_text_px(ui, TS_SMALL), true) + gap * 2 >
		   (body.w - gap) * 2 / 5;
	fields = rect_cut_top(&body, two_rows ? line_h * 2 + gap : line_h);
	rect_cut_top(&body, gap);
	quick = rect_cut_top(&body, line_h);
	rect_cut_top(&body, gap);
	act_h = ui_target(ui) * 3 / 2;
	pad_h = body.h - act_h - gap;
	if (pad_h > pinyin_pad_max_height(ui, &s->pad))
		pad_h = pinyin_pad_max_height(ui, &s->pad);

	if (two_rows) {
		r = rect_cut_top(&fields, line_h);
		rect_cut_top(&fields, gap);
	} else {
		r = rect_cut_left(&fields, (fields.w - gap) * 2 / 5);
		rect_cut_left(&fields, gap);
	}
	snprintf(label, sizeof label, "姓名：%s", s->text[0][0] ? s->text[0] : "（请输入）");
	ui_button(ui, r, label, NULL, s->field == 0 ? BTN_SELECTED : BTN_NORMAL, ACT_FIELD, 0);
	snprintf(label, sizeof label, "单位：%s", s->text[1][0] ? s->text[1] : "（可不填）");
	ui_button(ui, fields, label, NULL, s->field == 1 ? BTN_SELECTED : BTN_NORMAL, ACT_FIELD, 1);

	if (s->field == 1) {
		int n = s->nunits, w;
		while (n > 1 && (quick.w - gap * (n - 1)) / n < ui->short_side * 22 / 100)
			n--;
		w = (quick.w - gap * (n - 1)) / n;
		for (i = 0; i < n; i++) {
			ui_button(ui, rect_cut_left(&quick, w), s->units[i], NULL, BTN_NORMAL, ACT_UNIT, i);
			rect_cut_left(&quick, gap);
		}
	} else {
		const char *hint = "打拼音再点字，例如“王”打 wang；ü 打 v";
		enum text_size ts = chrome_fit_size(ui, hint, TS_BODY, false, quick.w);
		if (ui_text_width(ui, hint, ui_text_px(ui, ts), false) > quick.w)
			hint = "打拼音再点字；ü 打 v";
		ts = chrome_fit_size(ui, hint, TS_BODY, false, quick.w);
		quick.y += (quick.h - ui_line_height(ui, ui_text_px(ui, ts))) / 2;
		ui_label(ui, quick, hint, ts, UI_MUTED);
	}

	/* The keyboard, and its actions right under it. */
	pinyin_pad_draw(ui, &s->pad, rect_cut_top(&body, pad_h), ACT_PAD, context(s));
	rect_cut_top(&body, gap);
	r = rect_cut_top(&body, act_h);
	{
		int w = (r.w - 2 * gap) / 4;
		ui_button(ui, rect_cut_left(&r, w), "取消", NULL, BTN_NORMAL, ACT_CANCEL, 0);
		rect_cut_left(&r, gap);
		ui_button(ui, rect_cut_left(&r, w), "清空这一栏", NULL, BTN_NORMAL, ACT_CLEAR, 0);
		rect_cut_left(&r, gap);
		ui_button(ui, r, "确定登记", NULL, BTN_PRIMARY, ACT_SAVE, 0);
	}
}

static void staff_guest_draw(struct app *app)
{
	struct guest_screen *s = app->state;
	struct ui *ui = app->ui;
	char title[MEETING_TEXT + 32];
	SDL_Rect body;

	snprintf(title, sizeof title, "来宾登记：%s", s->m.title);
	body = chrome_header(app, title, true, 0);
	if (s->form) {
		draw_form(app, s, rect_inset(body, ui_gap(ui)));
	} else {
		body = rect_inset(body, ui_gap(ui) * 2);
		rect_cut_top(&body, ui_label(ui, body, "列席的人不计入应到。请选择：", TS_BODY,
					     UI_MUTED) + ui_gap(ui));
		draw_choose(app, s, body);
	}
}

const struct screen staff_guest_screen = {
	.name = "staff_guest",
	.enter = staff_guest_enter,
	.leave = chrome_free_state,
	.event = staff_guest_event,
	.draw = staff_guest_draw,
};
