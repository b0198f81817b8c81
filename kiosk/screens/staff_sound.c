/* 声音设置 in staff mode: volume in steps of ten with a sample to hear, mute, speech on or off,
 * and quiet hours from a few presets (other hours with kioskctl settings sound --quiet). Each
 * change is stored at once, checked and audited under the staff member's name, and the kiosk
 * uses it from the next sound on. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/store/db.h"
#include "core/store/sound_settings.h"
#include "screens/screens.h"
#include "screens/staff_mode.h"
#include "ui/sound.h"
#include "ui/ui.h"

enum { ACT_QUIETER = 1, ACT_LOUDER, ACT_TRY, ACT_MUTE, ACT_SPEECH, ACT_QUIET };

static const char *const QUIET_PRESETS[] = { "无", "21:00-07:00", "22:00-06:00", "20:00-08:00" };
#define NPRESETS (int)(sizeof QUIET_PRESETS / sizeof QUIET_PRESETS[0])

struct sound_screen {
	struct sound_settings set;
	char hours[32];
};

static void reload(struct app *app)
{
	struct sound_screen *s = app->state;

	sound_settings_load(app->db, &s->set);
	sound_settings_format_hours(&s->set, s->hours, sizeof s->hours);
	app_dirty(app);
}

static int staff_sound_enter(struct app *app, const void *arg)
{
	struct sound_screen *s = calloc(1, sizeof *s);

	(void)arg;
	if (!s)
		return -1;
	app->state = s;
	if (!app->staff.open) {
		snprintf(app->err, sizeof app->err, "请先输入工作人员密码");
		return -1;
	}
	reload(app);
	return 0;
}

static void staff_sound_leave(struct app *app)
{
	free(app->state);
	app->state = NULL;
}

/* Store one setting under the staff member's name; say so, or say what went wrong. */
static void change(struct app *app, const char *key, const char *value, const char *said)
{
	char detail[128];

	snprintf(detail, sizeof detail, "%s = %s", key, value);
	if (db_begin(app->db, app->err, sizeof app->err) < 0)
		goto fail;
	if (sound_settings_set(app->db, key, value, app->err, sizeof app->err) < 0 ||
	    db_audit(app->db, app->staff.name, "修改设置", "", detail, app->err, sizeof app->err) < 0) {
		db_rollback(app->db);
		goto fail;
	}
	if (db_commit(app->db, app->err, sizeof app->err) < 0)
		goto fail;
	reload(app);
	app_toast(app, said);
	return;
fail:
	app_toast(app, app->err);
}

static void staff_sound_event(struct app *app, const struct input *in)
{
	struct sound_screen *s = app->state;
	char v[16], said[64];
	int vol;

	if (in->type == IN_REFRESH) {
		reload(app);
		return;
	}
	if (in->type != IN_TAP)
		return;
	switch (in->action) {
	case ACT_QUIETER:
	case ACT_LOUDER:
		vol = s->set.volume + (in->action == ACT_LOUDER ? 10 : -10);
		vol = vol < 0 ? 0 : vol > 100 ? 100 : vol / 10 * 10;
		snprintf(v, sizeof v, "%d", vol);
		snprintf(said, sizeof said, "音量 %d", vol);
		change(app, "sound_volume", v, said);
		app_sound(app, SPEECH_SIGNED_IN, NULL); /* hear the new volume at once */
		break;
	case ACT_TRY:
		if (!sound_available(app->sound))
			app_toast(app, "这台签到机没有声卡，听不到声音");
		else if (sound_settings_silent(&s->set, app_now(app)))
			app_toast(app, "现在静音或在免打扰时段，听不到");
		else
			app_sound(app, SPEECH_SIGNED_IN, app->staff.name);
		break;
	case ACT_MUTE:
		change(app, "sound_mute", s->set.mute ? "关" : "开", s->set.mute ? "已取消静音" : "已静音");
		break;
	case ACT_SPEECH:
		change(app, "sound_speech", s->set.speech ? "关" : "开",
		       s->set.speech ? "语音播报已关，只响提示音" : "语音播报已开");
		break;
	case ACT_QUIET:
		if (in->arg < 0 || in->arg >= NPRESETS)
			break;
		snprintf(said, sizeof said, "免打扰时段：%s", QUIET_PRESETS[in->arg]);
		change(app, "sound_quiet_hours", QUIET_PRESETS[in->arg], said);
		break;
	}
}

/* One row: its name on the left, its controls in what is returned. */
static SDL_Rect row(struct app *app, SDL_Rect *body, const char *name, int h)
{
	struct ui *ui = app->ui;
	int px = ui_text_px(ui, TS_LARGE);
	SDL_Rect r = rect_cut_top(body, h);
	SDL_Rect label = rect_cut_left(&r, ui_text_width(ui, "语音播报", px, true) + ui_gap(ui) * 3);

	rect_cut_top(body, ui_gap(ui) * 2);
	label.y += (label.h - ui_line_height(ui, px)) / 2;
	ui_label(ui, label, name, TS_LARGE, UI_BOLD);
	return r;
}

static void staff_sound_draw(struct app *app)
{
	struct sound_screen *s = app->state;
	struct ui *ui = app->ui;
	SDL_Rect body = rect_inset(chrome_header(app, "声音设置", true, 0), ui_gap(ui) * 2), r, c;
	int gap = ui_gap(ui) * 2, h = ui_target(ui) * 3 / 2, w, i, cols;
	bool portrait = ui->h > ui->w;
	char text[96];

	if (!sound_available(app->sound))
		rect_cut_top(&body, ui_label_ex(ui, body, "这台签到机没有声卡：设置会保存，接上音箱后生效",
						TS_BODY, C_RED, UI_BOLD) + gap);
	r = row(app, &body, "音量", h);
	w = (r.w - gap * 3) / 4;
	ui_button(ui, rect_cut_left(&r, w), "小一点", NULL, BTN_NORMAL, s->set.volume > 0 ? ACT_QUIETER : 0, 0);
	rect_cut_left(&r, gap);
	c = rect_cut_left(&r, w);
	snprintf(text, sizeof text, "%d", s->set.volume);
	c.y += (c.h - ui_line_height(ui, ui_text_px(ui, TS_TITLE))) / 2;
	ui_label(ui, c, text, TS_TITLE, UI_BOLD | UI_CENTER);
	rect_cut_left(&r, gap);
	ui_button(ui, rect_cut_left(&r, w), "大一点", NULL, BTN_NORMAL, s->set.volume < 100 ? ACT_LOUDER : 0, 0);
	rect_cut_left(&r, gap);
	ui_button(ui, r, "试听", NULL, BTN_NORMAL, ACT_TRY, 0);

	r = row(app, &body, "静音", h);
	ui_button(ui, portrait ? r : rect_cut_left(&r, (r.w - gap) / 2), s->set.mute ? "已静音（点此恢复）" : "有声音（点此静音）",
		  NULL, s->set.mute ? BTN_SELECTED : BTN_NORMAL, ACT_MUTE, 0);

	r = row(app, &body, "语音播报", h);
	ui_button(ui, portrait ? r : rect_cut_left(&r, (r.w - gap) / 2), s->set.speech ? "念名字（点此关闭）" : "只响提示音（点此打开）",
		  NULL, s->set.speech ? BTN_SELECTED : BTN_NORMAL, ACT_SPEECH, 0);

	/* Four presets in a row, or two by two on a portrait screen. */
	cols = portrait ? 2 : NPRESETS;
	r = row(app, &body, "免打扰", portrait ? h * 2 + gap : h);
	w = (r.w - gap * (cols - 1)) / cols;
	for (i = 0; i < NPRESETS; i++) {
		bool on = strcmp(s->hours, QUIET_PRESETS[i]) == 0;
		SDL_Rect b = { r.x + (i % cols) * (w + gap), r.y + (i / cols) * (h + gap), w, h };
		ui_button(ui, b, QUIET_PRESETS[i], NULL, on ? BTN_SELECTED : BTN_NORMAL, ACT_QUIET, i);
	}
	snprintf(text, sizeof text, "现在的免打扰时段：%s", s->hours);
	ui_label(ui, body, text, TS_BODY, UI_MUTED);
}

const struct screen staff_sound_screen = {
	.name = "staff_sound",
	.enter = staff_sound_enter,
	.leave = staff_sound_leave,
	.event = staff_sound_event,
	.draw = staff_sound_draw,
};
