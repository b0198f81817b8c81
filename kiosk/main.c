/* kiosk: the fullscreen touchscreen program a member walks up to (DESIGN.md §6).
 *
 *   kiosk [--db PATH] [--window WxH | --fullscreen] [--now "YYYY-MM-DD HH:MM"]
 *         [--replay FILE --snapshot-dir DIR]
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "core/clock.h"
#include "core/db.h"
#include "replay.h"
#include "ui/ui.h"


static void on_signal(int sig)
{
	(void)sig;
	kiosk_quit = 1;
}

struct options {
	const char *db, *now, *replay, *snapshot_dir;
	int w, h;
	bool fullscreen;
};

static void usage(FILE *out)
{
	fprintf(out, "用法：kiosk [--db 数据库] [--window 宽x高 | --fullscreen] [--now \"2026-11-27 09:30\"]\n"
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

int main(int argc, char **argv)
{
	struct options o = { 0 };
	struct ui_config cfg = { 0 };
	struct sigaction sa;
	struct replay *replay = NULL;
	struct db *db = NULL;
	struct ui *ui = NULL;
	struct app app;
	char err[1024];
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
	db = db_open(o.db, 0, err, sizeof err);
	if (!db)
		goto fail;
	cfg.w = o.w;
	cfg.h = o.h;
	cfg.fullscreen = o.fullscreen;
	cfg.software = replay != NULL;
	ui = ui_open(&cfg, err, sizeof err);
	if (!ui)
		goto fail;
	app_init(&app, db, ui, start, replay == NULL, o.fullscreen);
	if (replay) {
		rc = replay_run(replay, &app);
	} else {
		while (!app.quit)
			app_run_once(&app, app_timeout_ms(&app));
		rc = 0;
	}
	app_free(&app);
	goto out;
fail:
	fprintf(stderr, "kiosk: %s\n", err);
out:
	replay_close(replay);
	ui_close(ui);
	db_close(db);
	return rc;
}
