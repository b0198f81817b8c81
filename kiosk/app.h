/* The kiosk program's context and its screens. One struct app is passed first to everything;
 * each screen is a file exporting one `const struct screen` whose private state lives in
 * app->state between enter and leave (as tmux's window modes do). Screens change plain state
 * and call app_dirty(); only draw() draws, and only when something changed. */
#ifndef KIOSK_APP_H
#define KIOSK_APP_H

#include <SDL.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <time.h>

#include "core/base/clock.h"
#include "core/party/staff.h"
#include "core/text/speech.h"

struct db;
struct ui;
struct app;
struct sound;
struct web;

/* Set by SIGTERM/SIGINT (systemd stopping the kiosk); the loop checks it. The program's only
 * mutable global. */
extern volatile sig_atomic_t kiosk_quit;

/* Actions every screen shares; a screen's own actions are numbered below ACT_COMMON. */
enum common_action {
	ACT_COMMON = 1000,
	ACT_HOME,  /* 返回首页 */
	ACT_LARGE, /* 大字 on/off */
	ACT_SPEAKER, /* the home screen's speaker: mute for half an hour, or sound again */
};

enum input_type {
	IN_TAP,     /* a widget was tapped: action, arg */
	IN_SWIPE,   /* a finger dragged: dx, dy */
	IN_KEY,     /* a key: key */
	IN_TEXT,    /* text typed: text */
	IN_REFRESH, /* the database changed elsewhere (a phone sign-in): reload what is shown */
	IN_DRAG,    /* a finger moving, beyond a tap's slop: dx, dy so far (IN_SWIPE when it lifts) */
};

struct input {
	enum input_type type;
	int action;
	int64_t arg;
	int dx, dy;
	SDL_Keycode key;
	char text[32];
};

struct screen {
	const char *name;
	/* Allocate app->state and load what the screen shows; arg as app_go() was given it. */
	int (*enter)(struct app *app, const void *arg);
	void (*leave)(struct app *app); /* free app->state */
	void (*event)(struct app *app, const struct input *in);
	/* Called when the clock reaches the time it last asked for; returns the next such time
	 * (kiosk clock, ms), or 0 for none. */
	int64_t (*tick)(struct app *app, int64_t now_ms);
	void (*draw)(struct app *app);
	/* May the screen dim when idle? (NULL: never.) */
	bool (*may_dim)(struct app *app);
	/* How long the screen may stay untouched before the kiosk goes home (0: IDLE_HOME_MS).
	 * Someone reading a page needs longer than a menu. */
	int64_t idle_home_ms;
	/* Is the screen a card that answers the member (签到成功, 打卡成功)? A toast still up from
	 * before ("已撤销，请重新找您的名字") would contradict it, so it goes. */
	bool answers;
};

/* SDL_USEREVENT codes. A phone signed in (kiosk/web): data1 is a malloc'd struct web_signin
 * the loop frees after showing its toast. Every user event also refreshes the screen. */
enum app_event {
	APP_EVENT_WEB_SIGNIN = 1,
	APP_EVENT_WEB_PHOTO, /* a staff phone's upload added photos (no data) */
};

/* A mode over the screens, set while it is open (staff mode, screens/staff_mode.c): the loop
 * asks it where the way back leads and when it times out, instead of knowing it by name. */
struct app_mode {
	/* Where the header's way back (ACT_HOME) leads while the mode is open. */
	const struct screen *back;
	/* Someone touched the screen (kiosk clock, ms): the mode's idle timer starts again. */
	void (*touched)(struct app *app, int64_t now_ms);
	/* When the mode times out; then the loop calls expired() (which ends it, going home) in
	 * place of the usual going home after a minute untouched. */
	int64_t (*deadline)(const struct app *app);
	void (*expired)(struct app *app);
	/* The kiosk goes to the home screen: the mode ends (audited with why), app->mode NULL. */
	void (*end)(struct app *app, const char *why);
};

#define IDLE_HOME_MS (60 * 1000)       /* any screen returns home after a minute untouched */
#define IDLE_DIM_MS (10 * 60 * 1000)   /* the home screen dims after ten, when no meeting is on */
#define TOAST_MS 5000

struct app {
	struct db *db;
	struct ui *ui;
	struct kclock clock;
	const struct screen *screen;
	void *state;
	bool dirty;
	bool fullscreen;
	bool quit;
	int64_t last_input_ms;   /* kiosk clock */
	int64_t screen_tick_ms;  /* when the screen wants its tick; 0: never */
	char community[128];
	/* The phone sign-in: where phones reach the kiosk ("http://192.168.1.10:8080"; empty when
	 * the server is off) and the key the QR tokens are made with. */
	char public_url[256];
	uint8_t token_key[32];
	bool token_key_loaded;
	/* The phone server, for the staff phone's photo uploads (web_photos_grant); NULL when off. */
	struct web *web;
	/* Chimes and speech (ui/sound.c); silent without a sound card. NULL: not opened. */
	struct sound *sound;
	/* KIOSK_TRACE=FILE: timestamps for `make bench` (process start, taps, commits, frames). */
	FILE *trace;
	char toast[256];
	int64_t toast_until_ms;
	bool toast_warn; /* a refusal or a problem (amber), not a success (green) */
	/* The finger: where it went down, and whether that touch only woke the screen. */
	int down_x, down_y;
	bool finger_down, wake_touch;
	bool dragging; /* the finger moved beyond a tap's slop: IN_DRAG while it moves */
	/* Staff mode (screens/staff_*.c): who is in, and the taps on the hidden door; the mode
	 * itself while it is open. */
	struct staff_session staff;
	const struct app_mode *mode;
	char err[512];
};

/* How long the current screen may stay untouched before the kiosk goes home. */
static inline int64_t app_idle_home_ms(const struct app *app)
{
	return app->screen && app->screen->idle_home_ms ? app->screen->idle_home_ms : IDLE_HOME_MS;
}

int app_init(struct app *app, struct db *db, struct ui *ui, int64_t start_ms, bool follows_real,
	     bool fullscreen);
void app_free(struct app *app);

/* Leave the current screen and enter s. */
void app_go(struct app *app, const struct screen *s, const void *arg);
void app_dirty(struct app *app);
/* Ask for the screen's tick at at_ms (kiosk clock) unless it is due sooner: a screen that
 * started background work polls it this way. */
void app_tick_soon(struct app *app, int64_t at_ms);
/* Show a short message over any screen for a few seconds. */
void app_toast(struct app *app, const char *text);
/* The same for a refusal or a problem: amber, and gone when the screen changes. */
void app_toast_warn(struct app *app, const char *text);

time_t app_now(const struct app *app);
int64_t app_now_ms(const struct app *app);

/* One turn of the loop: wait up to timeout_ms for input, handle everything pending, run due
 * timers, redraw if anything changed. */
void app_run_once(struct app *app, int timeout_ms);
/* Turn the loop until nothing is pending and the screen is drawn (replay, tests). */
void app_settle(struct app *app);
/* How long the loop may sleep before a timer is due. */
int app_timeout_ms(const struct app *app);
/* Draw now; with path, also write the frame as PNG before showing it. */
int app_draw(struct app *app, const char *png_path);

/* Sound an outcome (a chime, then its sentence with the member's name), as the sound settings
 * allow at the kiosk's time. Never waits. */
void app_sound(struct app *app, enum speech_event ev, const char *name);

/* Write "EVENT MS" to the trace file when tracing (monotonic ms; see tests/bench). */
void app_trace(struct app *app, const char *event);

#endif
