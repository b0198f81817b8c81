/* The replay driver (docs/replay.md): a script of taps, typing, waits and checks run against the
 * kiosk's real event loop. Input is pushed as SDL events (fingers, keys, text) and the loop
 * handles them exactly as it would a person's; `wait` moves the kiosk's clock without waiting;
 * `sleep` lets real time pass with the loop serving as usual. The first failing line stops the
 * run with "replay:LINE: reason". */
#include "replay.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "app.h"
#include "ui/ui.h"

#include <SDL_image.h>

#define MAX_LINE 1024

struct replay {
	FILE *file;
	char path[512];
	char dir[512];
	int line;
	int finger_x, finger_y; /* where press and move left the finger held down */
	bool held;
};

struct replay *replay_open(const char *path, const char *dir, char *err, size_t errlen)
{
	struct replay *r = calloc(1, sizeof *r);

	if (!r) {
		snprintf(err, errlen, "out of memory");
		return NULL;
	}
	r->file = fopen(path, "r");
	if (!r->file) {
		snprintf(err, errlen, "cannot read replay script %s: %s", path, strerror(errno));
		free(r);
		return NULL;
	}
	snprintf(r->path, sizeof r->path, "%s", path);
	snprintf(r->dir, sizeof r->dir, "%s", dir && *dir ? dir : ".");
	if (mkdir(r->dir, 0755) < 0 && errno != EEXIST) {
		snprintf(err, errlen, "cannot make snapshot folder %s: %s", r->dir, strerror(errno));
		replay_close(r);
		return NULL;
	}
	return r;
}

void replay_close(struct replay *r)
{
	if (!r)
		return;
	if (r->file)
		fclose(r->file);
	free(r);
}

static void push_finger(struct app *app, Uint32 type, int x, int y)
{
	SDL_Event ev;

	memset(&ev, 0, sizeof ev);
	ev.type = type;
	ev.tfinger.timestamp = SDL_GetTicks();
	ev.tfinger.touchId = 1;
	ev.tfinger.fingerId = 1;
	ev.tfinger.x = (float)x / (float)app->ui->w;
	ev.tfinger.y = (float)y / (float)app->ui->h;
	ev.tfinger.pressure = 1.0f;
	SDL_PushEvent(&ev);
}

static void tap(struct app *app, int x, int y)
{
	push_finger(app, SDL_FINGERDOWN, x, y);
	app_settle(app);
	push_finger(app, SDL_FINGERUP, x, y);
	app_settle(app);
}

static void swipe(struct app *app, int x1, int y1, int x2, int y2, int ms)
{
	int steps = ms / 16 > 1 ? ms / 16 : 1, i;
	SDL_Event ev;

	push_finger(app, SDL_FINGERDOWN, x1, y1);
	app_settle(app);
	for (i = 1; i <= steps; i++) {
		memset(&ev, 0, sizeof ev);
		ev.type = SDL_FINGERMOTION;
		ev.tfinger.touchId = 1;
		ev.tfinger.fingerId = 1;
		ev.tfinger.x = (float)(x1 + (x2 - x1) * i / steps) / (float)app->ui->w;
		ev.tfinger.y = (float)(y1 + (y2 - y1) * i / steps) / (float)app->ui->h;
		SDL_PushEvent(&ev);
	}
	push_finger(app, SDL_FINGERUP, x2, y2);
	app_settle(app);
}

static void type_text(struct app *app, const char *text)
{
	SDL_Event ev;
	const char *p = text;

	/* One event per character, as an on-screen keypad or an IME delivers them. */
	while (*p) {
		size_t len = 1;
		while (p[len] && ((unsigned char)p[len] & 0xC0) == 0x80)
			len++;
		memset(&ev, 0, sizeof ev);
		ev.type = SDL_TEXTINPUT;
		memcpy(ev.text.text, p, len < sizeof ev.text.text ? len : sizeof ev.text.text - 1);
		SDL_PushEvent(&ev);
		app_settle(app);
		p += len;
	}
}

static int key(struct app *app, const char *name, char *err, size_t errlen)
{
	SDL_Keycode k = SDL_GetKeyFromName(name);
	SDL_Event ev;

	if (k == SDLK_UNKNOWN) {
		snprintf(err, errlen, "unknown key \"%s\"", name);
		return -1;
	}
	memset(&ev, 0, sizeof ev);
	ev.type = SDL_KEYDOWN;
	ev.key.state = SDL_PRESSED;
	ev.key.keysym.sym = k;
	ev.key.keysym.scancode = SDL_GetScancodeFromKey(k);
	SDL_PushEvent(&ev);
	ev.type = SDL_KEYUP;
	ev.key.state = SDL_RELEASED;
	SDL_PushEvent(&ev);
	app_settle(app);
	return 0;
}

/* Let ms of real time pass with the loop running normally and the clock following it. */
static void sleep_real(struct app *app, int ms)
{
	int64_t until = clock_real_ms() + ms, last = clock_real_ms();

	while (!app->quit) {
		int64_t now = clock_real_ms();
		int left = (int)(until - now), timeout;
		clock_advance(&app->clock, now - last);
		last = now;
		if (left <= 0)
			break;
		timeout = app_timeout_ms(app);
		app_run_once(app, timeout < left ? timeout : left);
	}
	app_settle(app);
}

static int file_in_dir(const struct replay *r, const char *name, const char *ext, char *out,
		       size_t size, char *err, size_t errlen)
{
	if (!*name || strchr(name, '/')) {
		snprintf(err, errlen, "bad snapshot name \"%s\"", name);
		return -1;
	}
	snprintf(out, size, "%s/%s.%s", r->dir, name, ext);
	return 0;
}

/* ---- the commands (docs/replay.md), one handler each ---- */

struct command;
typedef int (*command_fn)(struct replay *r, struct app *app, const struct command *c, char *arg,
			  char *err, size_t errlen);

struct command {
	const char *verb;
	command_fn run;
	const char *usage; /* its argument, as docs/replay.md writes it; "" for none */
};

/* "tap needs X Y": the usage, from the table. */
static int usage(const struct command *c, char *err, size_t errlen)
{
	snprintf(err, errlen, "%s needs %s", c->verb, c->usage);
	return -1;
}

/* Exactly n whole numbers into v, else the usage. */
static int numbers(const struct command *c, const char *arg, int *v, int n, char *err, size_t errlen)
{
	int i;

	for (i = 0; i < n; i++) {
		char *end;
		long x;
		arg += strspn(arg, " \t");
		x = strtol(arg, &end, 10);
		if (end == arg || x < INT_MIN || x > INT_MAX)
			return usage(c, err, errlen);
		v[i] = (int)x;
		arg = end;
	}
	return arg[strspn(arg, " \t")] ? usage(c, err, errlen) : 0;
}

static int cmd_tap(struct replay *r, struct app *app, const struct command *c, char *arg, char *err,
		   size_t errlen)
{
	int v[2];

	(void)r;
	if (numbers(c, arg, v, 2, err, errlen) < 0)
		return -1;
	tap(app, v[0], v[1]);
	return 0;
}

static int cmd_tap_text(struct replay *r, struct app *app, const struct command *c, char *arg,
			char *err, size_t errlen)
{
	const struct widget *w;

	(void)r;
	if (!*arg)
		return usage(c, err, errlen);
	if (!(w = ui_find(app->ui, arg, err, errlen)))
		return -1;
	if (!w->action) {
		snprintf(err, errlen, "\"%s\" is shown but cannot be tapped", arg);
		return -1;
	}
	tap(app, w->r.x + w->r.w / 2, w->r.y + w->r.h / 2);
	return 0;
}

static int cmd_swipe(struct replay *r, struct app *app, const struct command *c, char *arg,
		     char *err, size_t errlen)
{
	int v[5];

	(void)r;
	if (numbers(c, arg, v, 5, err, errlen) < 0)
		return -1;
	swipe(app, v[0], v[1], v[2], v[3], v[4]);
	return 0;
}

/* press, move, release: a drag a step at a time, so a script sees the screen while the finger
 * is still down (a page follows the finger). move sends motion every 16 px on the way. */
static int cmd_finger(struct replay *r, struct app *app, const struct command *c, char *arg,
		      char *err, size_t errlen)
{
	int v[2], steps, i;
	SDL_Event ev;

	if (numbers(c, arg, v, 2, err, errlen) < 0)
		return -1;
	if (c->verb[0] == 'p') {
		push_finger(app, SDL_FINGERDOWN, v[0], v[1]);
		r->held = true;
	} else if (!r->held) {
		snprintf(err, errlen, "%s needs a finger held down by press", c->verb);
		return -1;
	} else if (c->verb[0] == 'r') {
		push_finger(app, SDL_FINGERUP, v[0], v[1]);
		r->held = false;
	} else {
		steps = (abs(v[0] - r->finger_x) + abs(v[1] - r->finger_y)) / 16;
		if (steps < 1)
			steps = 1;
		for (i = 1; i <= steps; i++) {
			memset(&ev, 0, sizeof ev);
			ev.type = SDL_FINGERMOTION;
			ev.tfinger.touchId = 1;
			ev.tfinger.fingerId = 1;
			ev.tfinger.x = (float)(r->finger_x + (v[0] - r->finger_x) * i / steps) / (float)app->ui->w;
			ev.tfinger.y = (float)(r->finger_y + (v[1] - r->finger_y) * i / steps) / (float)app->ui->h;
			SDL_PushEvent(&ev);
		}
	}
	r->finger_x = v[0];
	r->finger_y = v[1];
	app_settle(app);
	return 0;
}

static int cmd_type(struct replay *r, struct app *app, const struct command *c, char *arg,
		    char *err, size_t errlen)
{
	(void)r, (void)c, (void)err, (void)errlen;
	type_text(app, arg);
	return 0;
}

static int cmd_key(struct replay *r, struct app *app, const struct command *c, char *arg, char *err,
		   size_t errlen)
{
	(void)r;
	return *arg ? key(app, arg, err, errlen) : usage(c, err, errlen);
}

/* wait: the kiosk's clock jumps; sleep: real time passes with the loop running. */
static int cmd_time(struct replay *r, struct app *app, const struct command *c, char *arg,
		    char *err, size_t errlen)
{
	int ms;

	(void)r;
	if (numbers(c, arg, &ms, 1, err, errlen) < 0 || ms < 0)
		return usage(c, err, errlen);
	if (strcmp(c->verb, "wait") == 0) {
		clock_advance(&app->clock, ms);
		app_settle(app);
	} else {
		sleep_real(app, ms);
	}
	return 0;
}

/* expect-text and expect-no-text. */
static int cmd_expect(struct replay *r, struct app *app, const struct command *c, char *arg,
		      char *err, size_t errlen)
{
	bool want = strcmp(c->verb, "expect-text") == 0;

	(void)r;
	if (!*arg)
		return usage(c, err, errlen);
	if (ui_has_text(app->ui, arg) == want)
		return 0;
	snprintf(err, errlen, want ? "expected to see \"%s\" on screen" : "\"%s\" is on screen and should not be",
		 arg);
	return -1;
}

/* snap: the frame as DIR/NAME.png; dump: its widgets as DIR/NAME.txt. */
static int cmd_write(struct replay *r, struct app *app, const struct command *c, char *arg,
		     char *err, size_t errlen)
{
	bool snap = strcmp(c->verb, "snap") == 0;
	char path[1100];

	if (file_in_dir(r, arg, snap ? "png" : "txt", path, sizeof path, err, errlen) < 0)
		return -1;
	if (!snap)
		return ui_dump(app->ui, path, err, errlen);
	if (app_draw(app, path) < 0) {
		snprintf(err, errlen, "%s", app->err);
		return -1;
	}
	return 0;
}

static int snap_small(struct replay *r, struct app *app, const char *name, char *err, size_t errlen);

/* snap-small: the frame at a third of its width, as a phone's camera sees it at 40 cm. */
static int cmd_snap_small(struct replay *r, struct app *app, const struct command *c, char *arg,
			  char *err, size_t errlen)
{
	return *arg ? snap_small(r, app, arg, err, errlen) : usage(c, err, errlen);
}

static const struct command commands[] = {
	{ "tap", cmd_tap, "X Y" },
	{ "tap-text", cmd_tap_text, "TEXT" },
	{ "swipe", cmd_swipe, "X1 Y1 X2 Y2 MS" },
	{ "press", cmd_finger, "X Y" },
	{ "move", cmd_finger, "X Y" },
	{ "release", cmd_finger, "X Y" },
	{ "type", cmd_type, "TEXT" },
	{ "key", cmd_key, "NAME" },
	{ "wait", cmd_time, "MS" },
	{ "sleep", cmd_time, "MS" },
	{ "expect-text", cmd_expect, "TEXT" },
	{ "expect-no-text", cmd_expect, "TEXT" },
	{ "snap", cmd_write, "NAME" },
	{ "snap-small", cmd_snap_small, "NAME" },
	{ "dump", cmd_write, "NAME" },
};

/* Run one script line: its first word looks up the command, the rest is its argument. 0 or -1
 * with err; an unknown word is answered with every command and its usage. */
static int run_line(struct replay *r, struct app *app, char *cmd, char *err, size_t errlen)
{
	char *arg = cmd + strcspn(cmd, " \t");
	size_t i, n;

	if (*arg) {
		*arg++ = '\0';
		arg += strspn(arg, " \t");
	}
	for (i = 0; i < sizeof commands / sizeof commands[0]; i++)
		if (strcmp(cmd, commands[i].verb) == 0)
			return commands[i].run(r, app, &commands[i], arg, err, errlen);
	n = (size_t)snprintf(err, errlen, "unknown command \"%s\"; the commands are:", cmd);
	for (i = 0; i < sizeof commands / sizeof commands[0] && n < errlen; i++)
		n += (size_t)snprintf(err + n, errlen - n, "%s %s%s%s", i ? "," : "", commands[i].verb,
				      commands[i].usage[0] ? " " : "", commands[i].usage);
	return -1;
}

/* "snap-small NAME": the frame scaled to a third of its width, as a phone camera held 40 cm
 * from the screen sees it (what tests give zbarimg to read the QR code from). */
static int snap_small(struct replay *r, struct app *app, const char *name, char *err, size_t errlen)
{
	char path[512];
	SDL_Surface *full, *small = NULL;
	int rc = -1;

	if (file_in_dir(r, name, "png", path, sizeof path, err, errlen) < 0)
		return -1;
	if (app_draw(app, path) < 0) {
		snprintf(err, errlen, "%s", app->err);
		return -1;
	}
	full = IMG_Load(path);
	if (full)
		small = SDL_CreateRGBSurfaceWithFormat(0, full->w / 3, full->h / 3, 32, full->format->format);
	if (!full || !small || SDL_SoftStretchLinear(full, NULL, small, NULL) < 0)
		snprintf(err, errlen, "cannot scale %s: %s", path, SDL_GetError());
	else if (IMG_SavePNG(small, path) < 0)
		snprintf(err, errlen, "cannot write %s: %s", path, IMG_GetError());
	else
		rc = 0;
	SDL_FreeSurface(small);
	SDL_FreeSurface(full);
	return rc;
}

int replay_run(struct replay *r, struct app *app)
{
	char line[MAX_LINE], err[512];

	app_settle(app);
	while (fgets(line, sizeof line, r->file)) {
		char *p = line;
		size_t n;

		r->line++;
		n = strlen(p);
		while (n && (p[n - 1] == '\n' || p[n - 1] == '\r' || p[n - 1] == ' ' || p[n - 1] == '\t'))
			p[--n] = '\0';
		p += strspn(p, " \t");
		if (!*p || *p == '#')
			continue;
		if (app->quit) {
			fprintf(stderr, "replay:%d: the kiosk quit before this line\n", r->line);
			return 1;
		}
		err[0] = '\0';
		if (run_line(r, app, p, err, sizeof err) < 0) {
			fprintf(stderr, "replay:%d: %s\n", r->line, err);
			return 1;
		}
	}
	return 0;
}
