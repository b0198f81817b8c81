/* kiosk: the fullscreen touchscreen program a member walks up to (docs/architecture.md).
 *
 *   kiosk [--db PATH] [--window WxH | --fullscreen] [--now "YYYY-MM-DD HH:MM"]
 *         [--http ADDR:PORT | --http off] [--public-url URL] [--replay FILE --snapshot-dir DIR]
 *
 * The phone sign-in server (kiosk/web) listens on 0.0.0.0:8080 unless told otherwise; replays
 * start it only when given --http (tests use 127.0.0.1:0, a free port, logged on stderr).
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "app.h"
#include "core/store/backup.h"
#include "core/base/clock.h"
#include "core/store/db.h"
#include "core/base/log.h"
#include "core/party/token.h"
#include "replay.h"
#include "watchdog.h"
#include "ui/ui.h"
#include "ui/sound.h"
#include "web/web.h"


static void on_signal(int sig)
{
	(void)sig;
	kiosk_quit = 1;
}

/* The board's screen may not be there yet at boot (a monitor switched on late, a display
 * driver still loading), and for a few seconds after one KMSDRM program exits the next is
 * told the display is not available. Fullscreen on a board, the kiosk waits for its screen,
 * saying why in the journal once and in `systemctl status`, rather than failing into
 * systemd's restart loop; a window on a desk fails at once, as a program should. */
static struct ui *open_screen(const struct ui_config *cfg, struct watchdog *wd, char *err,
			      size_t errlen)
{
	int delay_ms = 1000, waited_ms = 0;
	struct ui *ui;

	while (!(ui = ui_open(cfg, err, errlen)) && cfg->fullscreen && !kiosk_quit) {
		char status[256];
		struct timespec ts = { delay_ms / 1000, (delay_ms % 1000) * 1000000L };

		if (waited_ms == 0)
			log_msg(LOG_WARNING, "显示屏还没有准备好（%s），签到机会一直等它，每几秒重试一次", err);
		snprintf(status, sizeof status, "等待显示屏（已等 %d 秒）：%s", waited_ms / 1000, err);
		watchdog_waiting(wd, status, delay_ms);
		nanosleep(&ts, NULL); /* a signal ends the wait early; kiosk_quit then ends the loop */
		waited_ms += delay_ms;
		delay_ms = delay_ms * 2 > 10000 ? 10000 : delay_ms * 2;
	}
	if (ui && waited_ms > 0)
		log_msg(LOG_INFO, "显示屏已就绪（等了 %d 秒）", waited_ms / 1000);
	return ui;
}

struct options {
	const char *db, *now, *replay, *snapshot_dir, *http, *public_url;
	int w, h;
	bool fullscreen;
};

static void usage(FILE *out)
{
	fprintf(out, "用法：kiosk [--db 数据库] [--window 宽x高 | --fullscreen] [--now \"2026-11-27 09:30\"]\n"
		     "            [--http 地址:端口 | --http off] [--public-url 网址]\n"
		     "            [--replay 脚本 --snapshot-dir 目录]\n");
}

static int parse_args(int argc, char **argv, struct options *o)
{
	int i;

	o->db = getenv("KIOSK_DB") ? getenv("KIOSK_DB") : DB_DEFAULT_PATH;
	o->w = 1280;
	o->h = 800;
	for (i = 1; i < argc; i++) {
		const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
		if (strcmp(a, "--fullscreen") == 0) {
			o->fullscreen = true;
			continue;
		}
		if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
			usage(stdout);
			exit(0);
		}
		if (!v) {
			fprintf(stderr, "kiosk: 选项 %s 需要一个值\n", a);
			return -1;
		}
		i++;
		if (strcmp(a, "--db") == 0) {
			o->db = v;
		} else if (strcmp(a, "--now") == 0) {
			o->now = v;
		} else if (strcmp(a, "--replay") == 0) {
			o->replay = v;
		} else if (strcmp(a, "--snapshot-dir") == 0) {
			o->snapshot_dir = v;
		} else if (strcmp(a, "--http") == 0) {
			o->http = v;
		} else if (strcmp(a, "--public-url") == 0) {
			o->public_url = v;
		} else if (strcmp(a, "--window") == 0) {
			if (sscanf(v, "%dx%d", &o->w, &o->h) != 2 || o->w < 320 || o->h < 320 ||
			    o->w > 8192 || o->h > 8192) {
				fprintf(stderr, "kiosk: --window“%s”应写成 1280x800\n", v);
				return -1;
			}
		} else {
			fprintf(stderr, "kiosk: 不认识的选项 %s\n", a);
			usage(stderr);
			return -1;
		}
	}
	return 0;
}

/* Called on the phone server's thread after a sign-in: hand a copy to the screen's loop, which
 * shows the toast and frees it (app.c). SDL_PushEvent is safe from any thread. */
static void on_web_signin(void *ctx, const struct web_signin *s)
{
	struct web_signin *copy = malloc(sizeof *copy);
	SDL_Event ev;

	(void)ctx;
	if (!copy)
		return;
	*copy = *s;
	memset(&ev, 0, sizeof ev);
	ev.type = SDL_USEREVENT;
	ev.user.code = APP_EVENT_WEB_SIGNIN;
	ev.user.data1 = copy;
	if (SDL_PushEvent(&ev) != 1)
		free(copy);
}

/* A staff phone's upload added photos: the screen reloads (every user event refreshes it). */
static void on_web_photo(void *ctx, int64_t meeting_id)
{
	SDL_Event ev;

	(void)ctx;
	(void)meeting_id;
	memset(&ev, 0, sizeof ev);
	ev.type = SDL_USEREVENT;
	ev.user.code = APP_EVENT_WEB_PHOTO;
	SDL_PushEvent(&ev);
}

/* Start the phone server on its own connection to the database; the kiosk runs on without it
 * (saying why on stderr) when it cannot start, since the touch screen still signs members in. */
static struct web *start_web(const struct options *o, struct app *app, const uint8_t *key)
{
	struct web_config cfg = { 0 };
	struct web *w;
	SDL_Event ev;
	char err[512];
	const char *listen = o->http ? o->http : "0.0.0.0:8080";

	if ((o->replay && !o->http) || strcmp(listen, "off") == 0 || !key)
		return NULL;
	cfg.db_path = o->db;
	cfg.listen = listen;
	cfg.public_url = o->public_url;
	cfg.clock = &app->clock;
	cfg.on_signin = on_web_signin;
	cfg.on_photo = on_web_photo;
	w = web_start(&cfg, err, sizeof err);
	if (!w) {
		log_msg(LOG_WARNING, "手机签到服务没有启动：%s", err);
		return NULL;
	}
	snprintf(app->public_url, sizeof app->public_url, "%s", web_public_url(w));
	log_msg(LOG_INFO, "手机签到服务已启动，端口 %d，二维码地址 %s", web_port(w), app->public_url);
	/* The screen loaded before the address was known: a user event makes it load again. */
	memset(&ev, 0, sizeof ev);
	ev.type = SDL_USEREVENT;
	SDL_PushEvent(&ev);
	return w;
}

/* Free the sign-ins the screen did not get to before it stopped. */
static void drop_web_events(void)
{
	SDL_Event ev;

	while (SDL_PeepEvents(&ev, 1, SDL_GETEVENT, SDL_USEREVENT, SDL_USEREVENT) == 1)
		if (ev.user.code == APP_EVENT_WEB_SIGNIN)
			free(ev.user.data1);
}

int main(int argc, char **argv)
{
	struct options o = { 0 };
	struct ui_config cfg = { 0 };
	struct sigaction sa;
	struct replay *replay = NULL;
	struct db *db = NULL;
	struct ui *ui = NULL;
	struct web *web = NULL;
	struct app app;
	uint8_t key[TOKEN_KEY_BYTES];
	bool have_key;
	struct watchdog wd;
	bool ready = false;
	char err[1024], backups[1024], note[2048];
	int restored;
	int64_t start = clock_real_ms();
	time_t fixed;
	int rc = 1;

	if (parse_args(argc, argv, &o) < 0)
		return 2;
	if (o.now) {
		if (clock_parse(o.now, &fixed) < 0) {
			fprintf(stderr, "kiosk: --now“%s”应写成 2026-11-27 09:30\n", o.now);
			return 2;
		}
		start = (int64_t)fixed * 1000;
	}
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	/* We handle signals ourselves; SDL's handler would turn them into SDL_QUIT, which the
	 * locked-down fullscreen kiosk ignores. */
	SDL_SetHint(SDL_HINT_NO_SIGNAL_HANDLERS, "1");
	if (o.replay && !getenv("SDL_VIDEODRIVER"))
		setenv("SDL_VIDEODRIVER", "dummy", 1); /* replays need no display */
	if (o.replay) {
		replay = replay_open(o.replay, o.snapshot_dir, err, sizeof err);
		if (!replay)
			goto fail;
	}
	/* A database the SD card has damaged is set aside and the newest good backup put back;
	 * staff see why on the home screen. */
	backup_dir_for(o.db, backups, sizeof backups);
	restored = backup_restore_if_broken(o.db, backups, (time_t)(start / 1000), note, sizeof note,
					    err, sizeof err);
	if (restored < 0)
		goto fail;
	if (restored)
		log_msg(LOG_WARNING, "%s", note);
	db = db_open(o.db, 0, err, sizeof err);
	if (!db)
		goto fail;
	if (restored && db_setting_set(db, "restore_note", note, err, sizeof err) < 0)
		log_msg(LOG_WARNING, "%s", err);
	/* The QR tokens' key, made now if this database has none, before the phone server (which
	 * reads the same key on its own connection) starts. */
	have_key = token_key_load(db, key, err, sizeof err) == 0;
	if (!have_key)
		log_msg(LOG_WARNING, "%s", err);
	cfg.w = o.w;
	cfg.h = o.h;
	cfg.fullscreen = o.fullscreen;
	cfg.software = replay != NULL;
	watchdog_init(&wd);
	ui = open_screen(&cfg, &wd, err, sizeof err);
	if (!ui)
		goto fail;
	app_init(&app, db, ui, start, replay == NULL, o.fullscreen);
	if (have_key) {
		memcpy(app.token_key, key, sizeof app.token_key);
		app.token_key_loaded = true;
	}
	app.sound = sound_open(getenv("KIOSK_TRACE"));
	web = start_web(&o, &app, have_key ? key : NULL);
	app.web = web;
	app_trace(&app, "ready");
	if (replay) {
		rc = replay_run(replay, &app);
	} else {
		/* systemd's watchdog is pinged from this loop only: a screen stuck in a draw or
		 * an event stops the pings, and systemd restarts the kiosk. */
		while (!app.quit) {
			int timeout = app_timeout_ms(&app);
			if (wd.interval_ms && timeout > wd.interval_ms)
				timeout = (int)wd.interval_ms;
			app_run_once(&app, timeout);
			if (!ready && ui_on_screen(app.ui)) {
				watchdog_ready(&wd, app.community);
				ready = true;
			}
			watchdog_ping(&wd, clock_real_ms(), web_alive(web, clock_real_ms()));
		}
		watchdog_stopping(&wd);
		rc = 0;
	}
	web_stop(web);
	drop_web_events();
	sound_close(app.sound);
	app.sound = NULL;
	app_free(&app);
	goto out;
fail:
	log_msg(LOG_ERR, "%s", err);
out:
	replay_close(replay);
	ui_close(ui);
	db_close(db);
	return rc;
}
