/* The kiosk's loop: SDL events become taps, swipes and keys for the current screen; timers
 * (the screen's own, returning home after a minute, dimming after ten) run on the kiosk's
 * clock; a frame is drawn only when something changed. An idle kiosk sleeps in
 * SDL_WaitEventTimeout until the next timer is due. */
#include "app.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/store/db.h"
#include "core/store/sound_settings.h"
#include "screens/screens.h"
#include "ui/font.h"
#include "ui/pointer.h"
#include "ui/sound.h"
#include "ui/ui.h"
#include "web/web.h"

volatile sig_atomic_t kiosk_quit;

int app_init(struct app *app, struct db *db, struct ui *ui, int64_t start_ms, bool follows_real,
	     bool fullscreen)
{
	memset(app, 0, sizeof *app);
	if (getenv("KIOSK_TRACE"))
		app->trace = fopen(getenv("KIOSK_TRACE"), "a");
	app->db = db;
	app->ui = ui;
	app->fullscreen = fullscreen;
	clock_init(&app->clock, start_ms, follows_real);
	app->last_input_ms = clock_now_ms(&app->clock);
	if (db_setting_get(db, "community_name", app->community, sizeof app->community) < 0)
		snprintf(app->community, sizeof app->community, "党员活动室");
	app_go(app, &home_screen, NULL);
	return 0;
}

void app_trace(struct app *app, const char *event)
{
	struct timespec ts;

	if (!app->trace)
		return;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	fprintf(app->trace, "%s %.3f\n", event, ts.tv_sec * 1000.0 + ts.tv_nsec / 1e6);
	fflush(app->trace);
}

void app_sound(struct app *app, enum speech_event ev, const char *name)
{
	struct sound_settings set;

	if (!sound_available(app->sound))
		return;
	sound_settings_load(app->db, &set);
	sound_play(app->sound, &set, app_now(app), ev, name);
}

void app_free(struct app *app)
{
	if (app->screen && app->screen->leave)
		app->screen->leave(app);
	app->screen = NULL;
	if (app->trace)
		fclose(app->trace);
	app->trace = NULL;
}

time_t app_now(const struct app *app)
{
	return clock_now(&app->clock);
}

int64_t app_now_ms(const struct app *app)
{
	return clock_now_ms(&app->clock);
}

void app_dirty(struct app *app)
{
	app->dirty = true;
}

void app_tick_soon(struct app *app, int64_t at_ms)
{
	if (app->screen && app->screen->tick && (!app->screen_tick_ms || at_ms < app->screen_tick_ms))
		app->screen_tick_ms = at_ms;
}

void app_go(struct app *app, const struct screen *s, const void *arg)
{
	if (app->screen && app->screen->leave)
		app->screen->leave(app);
	app->state = NULL;
	/* A refusal belongs to the screen it answered, not to the next one; a new answer replaces
	 * any toast. */
	if (app->toast_warn || s->answers)
		app->toast[0] = '\0';
	if (s == &home_screen && app->mode)
		app->mode->end(app, "回到首页");
	app->screen = s;
	app->ui->pressed = -1;
	app->screen_tick_ms = 0;
	if (s->enter && s->enter(app, arg) < 0 && s != &home_screen) {
		/* A screen that cannot load what it shows falls back to home, saying why. */
		app_toast(app, app->err);
		app_go(app, &home_screen, NULL);
		return;
	}
	if (s->tick)
		app->screen_tick_ms = s->tick(app, app_now_ms(app));
	app->dirty = true;
}

void app_toast(struct app *app, const char *text)
{
	app->toast_warn = false;
	snprintf(app->toast, sizeof app->toast, "%s", text);
	app->toast_until_ms = app_now_ms(app) + TOAST_MS;
	app->dirty = true;
}

/* The speaker on the home screen: silent for half an hour, or sound again at once. Staff's
 * mute and quiet hours are theirs to change, in staff mode. */
static void speaker_tapped(struct app *app)
{
	struct sound_settings set;
	char until[CLOCK_TEXT];
	time_t now = app_now(app);
	int rc;

	sound_settings_load(app->db, &set);
	if (set.muted_until > now) {
		rc = sound_settings_set(app->db, "sound_muted_until", "无", app->err, sizeof app->err);
		if (rc == 0)
			app_toast(app, "声音已恢复");
	} else if (set.mute || set.volume == 0 || sound_settings_silent(&set, now)) {
		app_toast(app, "现在是工作人员设的静音或免打扰时段，请找工作人员");
		return;
	} else {
		clock_format_minutes(now + SOUND_MUTE_FOR_S, until);
		rc = sound_settings_set(app->db, "sound_muted_until", until, app->err, sizeof app->err);
		if (rc == 0)
			app_toast(app, "已静音 30 分钟，再点一下恢复声音");
	}
	if (rc < 0)
		app_toast(app, app->err);
	app->dirty = true;
}

void app_toast_warn(struct app *app, const char *text)
{
	app_toast(app, text);
	app->toast_warn = true;
}

static void deliver(struct app *app, const struct input *in)
{
	if (in->type == IN_TAP && in->action == ACT_LARGE) {
		app->ui->large = !app->ui->large;
		app->dirty = true;
		return;
	}
	if (in->type == IN_TAP && in->action == ACT_SPEAKER) {
		speaker_tapped(app);
		return;
	}
	if (in->type == IN_TAP && in->action == ACT_HOME) {
		/* In a mode (staff mode) the header's way back leads to its menu (返回管理). */
		app_go(app, app->mode ? app->mode->back : &home_screen, NULL);
		return;
	}
	if (app->screen->event)
		app->screen->event(app, in);
}

/* Any touch counts as someone at the screen: it wakes a dimmed screen (and does nothing else,
 * so a sleeping kiosk is not operated by accident) and restarts the idle timers. */
static bool touched(struct app *app)
{
	app->last_input_ms = app_now_ms(app);
	if (app->mode)
		app->mode->touched(app, app->last_input_ms);
	if (app->ui->dimmed) {
		app->ui->dimmed = false;
		app->dirty = true;
		return false;
	}
	return true;
}

static void finger_down(struct app *app, int x, int y)
{
	const struct widget *w;

	app->finger_down = true;
	app->dragging = false;
	app->down_x = x;
	app->down_y = y;
	app->wake_touch = !touched(app);
	if (app->wake_touch)
		return;
	w = ui_hit(app->ui, x, y);
	app->ui->pressed = w ? (int)(w - app->ui->widgets) : -1;
	if (w)
		app->dirty = true;
}

static void finger_up(struct app *app, int x, int y)
{
	const struct widget *w;
	struct input in = { 0 };
	int dx = x - app->down_x, dy = y - app->down_y, pressed = app->ui->pressed;
	int slop = ui_target(app->ui) / 2;

	if (!app->finger_down)
		return;
	app->finger_down = false;
	app->ui->pressed = -1;
	if (app->wake_touch)
		return;
	if (pressed >= 0)
		app->dirty = true;
	if (abs(dx) > slop || abs(dy) > slop) {
		in.type = IN_SWIPE;
		in.dx = dx;
		in.dy = dy;
		deliver(app, &in);
		return;
	}
	/* A tap: the finger went down on a widget and came up still on it. */
	w = ui_hit(app->ui, x, y);
	if (!w || pressed < 0 || w != &app->ui->widgets[pressed])
		return;
	in.type = IN_TAP;
	in.action = w->action;
	in.arg = w->arg;
	app_trace(app, "tap");
	deliver(app, &in);
}

/* The finger moves: once it is beyond a tap's slop, the screen follows it (a page dragged moves
 * with the finger, not only when it lifts). */
static void finger_move(struct app *app, int x, int y)
{
	struct input in = { 0 };
	int dx = x - app->down_x, dy = y - app->down_y, slop = ui_target(app->ui) / 2;

	if (!app->finger_down || app->wake_touch)
		return;
	if (!app->dragging && abs(dx) <= slop && abs(dy) <= slop)
		return;
	app->dragging = true;
	app->last_input_ms = app_now_ms(app);
	in.type = IN_DRAG;
	in.dx = dx;
	in.dy = dy;
	deliver(app, &in);
}

/* A phone signed a member in: say so over whatever screen is up. */
static void web_signin_toast(struct app *app, struct web_signin *s)
{
	char text[sizeof app->toast];

	if (!s)
		return;
	app_trace(app, "web");
	/* A phone that had already signed in is told so on the phone; the room hears new ones. */
	if (!s->already && !s->signout)
		app_sound(app, SPEECH_PHONE, s->name);
	if (s->signout)
		snprintf(text, sizeof text, "%s 签退 %s", s->name, s->hhmm);
	else
		snprintf(text, sizeof text, s->already ? "%s 已签到 %s" : "%s 扫码签到成功 %s", s->name,
			 s->hhmm);
	app_toast(app, text);
	free(s);
}

static void handle(struct app *app, const SDL_Event *ev)
{
	struct input in = { 0 };
	struct ui *ui = app->ui;
	int x, y;

	switch (ev->type) {
	case SDL_FINGERDOWN:
		finger_down(app, (int)(ev->tfinger.x * ui->w), (int)(ev->tfinger.y * ui->h));
		break;
	case SDL_FINGERUP:
		finger_up(app, (int)(ev->tfinger.x * ui->w), (int)(ev->tfinger.y * ui->h));
		break;
	case SDL_FINGERMOTION:
		finger_move(app, (int)(ev->tfinger.x * ui->w), (int)(ev->tfinger.y * ui->h));
		break;
	case SDL_MOUSEMOTION:
		if (ev->motion.which == SDL_TOUCH_MOUSEID || !(ev->motion.state & SDL_BUTTON_LMASK))
			break;
		x = ev->motion.x;
		y = ev->motion.y;
		pointer_abs_position(ui, ev->motion.which, &x, &y);
		finger_move(app, x, y);
		break;
	case SDL_MOUSEBUTTONDOWN:
	case SDL_MOUSEBUTTONUP:
		/* A real mouse (a staff laptop, `make run`) or a touch panel that presents itself as
		 * an absolute mouse; touches from touchscreens arrive as fingers above. */
		if (ev->button.which == SDL_TOUCH_MOUSEID || ev->button.button != SDL_BUTTON_LEFT)
			break;
		x = ev->button.x;
		y = ev->button.y;
		pointer_abs_position(ui, ev->button.which, &x, &y);
		if (ev->type == SDL_MOUSEBUTTONDOWN)
			finger_down(app, x, y);
		else
			finger_up(app, x, y);
		break;
	case SDL_KEYDOWN:
		if (!touched(app))
			break;
		if (ev->key.keysym.sym == SDLK_ESCAPE && !app->fullscreen) {
			app->quit = true; /* a window on a desk: Escape closes it; fullscreen is locked */
			break;
		}
		in.type = IN_KEY;
		in.key = ev->key.keysym.sym;
		deliver(app, &in);
		break;
	case SDL_TEXTINPUT:
		if (!touched(app))
			break;
		in.type = IN_TEXT;
		snprintf(in.text, sizeof in.text, "%s", ev->text.text);
		deliver(app, &in);
		break;
	case SDL_QUIT:
		/* In fullscreen nothing a member can do closes the kiosk; systemd stops it by signal. */
		if (!app->fullscreen)
			app->quit = true;
		break;
	case SDL_WINDOWEVENT:
		if (ev->window.event == SDL_WINDOWEVENT_EXPOSED ||
		    ev->window.event == SDL_WINDOWEVENT_SIZE_CHANGED)
			app->dirty = true;
		break;
	case SDL_RENDER_TARGETS_RESET:
	case SDL_RENDER_DEVICE_RESET:
		font_reset_atlas(ui->font);
		app->dirty = true;
		break;
	default:
		if (ev->type >= SDL_USEREVENT) {
			if (ev->type == SDL_USEREVENT && ev->user.code == APP_EVENT_WEB_SIGNIN)
				web_signin_toast(app, ev->user.data1);
			/* A burst of phone sign-ins: reload once, for the last one queued. */
			if (SDL_PeepEvents(NULL, 0, SDL_PEEKEVENT, SDL_USEREVENT, SDL_LASTEVENT) > 0)
				break;
			in.type = IN_REFRESH;
			deliver(app, &in);
		}
		break;
	}
}

static void run_timers(struct app *app)
{
	int64_t now = app_now_ms(app);

	if (app->mode && now >= app->mode->deadline(app)) {
		app->mode->expired(app); /* staff mode: after two minutes, home; the PIN again */
		now = app_now_ms(app);
	} else if (app->screen != &home_screen && !app->mode &&
		   now - app->last_input_ms >= app_idle_home_ms(app)) {
		app_go(app, &home_screen, NULL);
		now = app_now_ms(app);
	}
	if (app->screen->may_dim && !app->ui->dimmed && !app->finger_down &&
	    now - app->last_input_ms >= IDLE_DIM_MS && app->screen->may_dim(app)) {
		app->ui->dimmed = true;
		app->dirty = true;
		if (app->screen->tick)
			app->screen_tick_ms = app->screen->tick(app, now);
	}
	if (app->toast[0] && now >= app->toast_until_ms) {
		app->toast[0] = '\0';
		app->dirty = true;
	}
	if (app->screen_tick_ms && now >= app->screen_tick_ms && app->screen->tick)
		app->screen_tick_ms = app->screen->tick(app, now);
}

int app_timeout_ms(const struct app *app)
{
	int64_t now = app_now_ms(app), next = now + 60 * 1000;

	if (app->screen != &home_screen && !app->mode && app->last_input_ms + app_idle_home_ms(app) < next)
		next = app->last_input_ms + app_idle_home_ms(app);
	if (app->mode && app->mode->deadline(app) < next)
		next = app->mode->deadline(app);
	if (app->screen->may_dim && !app->ui->dimmed && app->last_input_ms + IDLE_DIM_MS < next)
		next = app->last_input_ms + IDLE_DIM_MS;
	if (app->toast[0] && app->toast_until_ms < next)
		next = app->toast_until_ms;
	if (app->screen_tick_ms && app->screen_tick_ms < next)
		next = app->screen_tick_ms;
	if (next <= now)
		return 0;
	return (int)(next - now);
}

static void draw_toast(struct app *app)
{
	struct ui *ui = app->ui;
	int px = ui_text_px(ui, TS_LARGE), pad = ui_gap(ui) * 2;
	int w = ui->w * 8 / 10, h, lh = ui_line_height(ui, px), th;
	SDL_Rect box, text;

	/* As many lines as the message takes (a refusal names who and when), two at least. */
	th = ui_text_height(ui, app->toast, TS_LARGE, true, w - pad * 2);
	if (th > lh * 4)
		th = lh * 4;
	h = (th > lh * 2 ? th : lh * 2) + pad * 2;
	box = (SDL_Rect){ (ui->w - w) / 2, ui->h - h - ui->h / 12, w, h };
	/* A refusal is not a success: amber, not green. */
	ui_fill_round(ui, box, ui->short_side / 60, app->toast_warn ? C_AMBER : C_GREEN);
	text = rect_inset(box, pad);
	text.y += (text.h - th) / 2;
	ui_label_px(ui, text, app->toast, px, true, app->toast_warn ? C_ON_AMBER : C_ON_GREEN,
		    ALIGN_CENTER);
	if (ui->nwidgets > 0) /* over the screen for a moment: the layout check lets it cover */
		ui->widgets[ui->nwidgets - 1].overlay = true;
}

int app_draw(struct app *app, const char *png_path)
{
	int rc = 0;

	ui_frame_begin(app->ui);
	app->ui->screen = app->screen->name;
	app->screen->draw(app);
	if (app->toast[0])
		draw_toast(app);
	if (png_path)
		rc = ui_snapshot(app->ui, png_path, app->err, sizeof app->err);
	app->dirty = ui_frame_end(app->ui);
	app_trace(app, "frame");
	sound_frame_drawn(app->sound); /* the sentence waited for this frame */
	return rc;
}

/* Wait for an event. SDL 2's own wait polls every millisecond on drivers without a native
 * wait (KMSDRM, dummy), which keeps an idle kiosk busy; so poll here, every 2 ms while someone
 * is at the screen and every 20 ms when nobody has touched it for a few seconds. */
static bool wait_event(struct app *app, SDL_Event *ev, int timeout_ms)
{
	int64_t deadline = clock_real_ms() + timeout_ms;

	for (;;) {
		int64_t now = clock_real_ms(), left = deadline - now;
		bool active = app_now_ms(app) - app->last_input_ms < 3000;
		if (SDL_PollEvent(ev))
			return true;
		if (left <= 0 || kiosk_quit)
			return false;
		SDL_Delay((Uint32)(left < (active ? 2 : 20) ? left : (active ? 2 : 20)));
	}
}

void app_run_once(struct app *app, int timeout_ms)
{
	SDL_Event ev;

	if (kiosk_quit)
		app->quit = true;
	if (wait_event(app, &ev, timeout_ms)) {
		handle(app, &ev);
		while (!app->quit && SDL_PollEvent(&ev))
			handle(app, &ev);
	}
	run_timers(app);
	if (app->dirty && !app->quit)
		app_draw(app, NULL);
}

void app_settle(struct app *app)
{
	int guard;

	for (guard = 0; guard < 100 && !app->quit; guard++) {
		app_run_once(app, 0);
		SDL_PumpEvents();
		if (!app->dirty && SDL_PeepEvents(NULL, 0, SDL_PEEKEVENT, SDL_FIRSTEVENT,
						  SDL_LASTEVENT) <= 0)
			break;
	}
}
