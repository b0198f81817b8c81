/* The phone sign-in server (docs/http.md): libmicrohttpd on its own thread, serving
 *   GET  /s/TOKEN   the sign-in page for the meeting whose QR token this is
 *   POST /s/TOKEN   signs a member in (姓名 + the last four digits of their phone)
 *   GET  /healthz   200 when the server and its database answer
 *   GET, POST /p/TOKEN  the staff phone's meeting photos (web_photos.c)
 * It never touches SDL: it writes through its own SQLite connection and tells the screen
 * through on_signin, which the kiosk turns into an SDL user event. */
#ifndef KIOSK_WEB_WEB_H
#define KIOSK_WEB_WEB_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct kclock;
struct web;

/* A sign-in made from a phone, for the screen's toast. */
struct web_signin {
	int64_t meeting_id;
	int64_t member_id;
	char name[256];
	char hhmm[6];
	bool already; /* was signed in before: nothing new was written */
	bool signout; /* a 签退, not a sign-in (hhmm is its time) */
};

struct web_config {
	const char *db_path;    /* the server opens its own connection to this database */
	const char *listen;     /* "ADDR:PORT"; port 0 picks a free one */
	const char *public_url; /* what the QR points to; NULL: http://FIRST-NON-LOOPBACK-IPV4:PORT */
	const struct kclock *clock; /* the kiosk's clock: tokens follow it, so replay `wait` expires them */
	/* Called on the server's thread after each successful sign-in. */
	void (*on_signin)(void *ctx, const struct web_signin *s);
	/* Called on the server's thread after a staff phone's upload added photos to a meeting. */
	void (*on_photo)(void *ctx, int64_t meeting_id);
	void *ctx;
	/* No thread of its own: the caller turns the loop with web_turn and brings connections
	 * with web_add_client (the fuzzer, tests/fuzz/fuzz_http.c). */
	bool manual;
};

/* Start serving; NULL with err saying what to do (port in use, no database ...). */
struct web *web_start(const struct web_config *cfg, char *err, size_t errlen);
/* Stop the server and wait for its thread. NULL is ignored. */
void web_stop(struct web *w);

/* "http://192.168.1.10:8080", without a trailing slash. */
const char *web_public_url(const struct web *w);
/* The port actually listened on (useful with port 0). */
int web_port(const struct web *w);

/* With cfg->manual: hand MHD one end of a socket pair as a client from 127.0.0.1 (MHD closes
 * it), and turn the loop once. -1 from web_add_client when MHD refused the socket. */
int web_add_client(struct web *w, int fd);
void web_turn(struct web *w);

/* Meeting photos from the staff phone (web_photos.c, docs/photos.md). Grant uploads to the
 * meeting for the staff member in: url gets the upload page's address, public_url/p/TOKEN, the
 * token random and kept while the same meeting and staff member are granted; granting another
 * meeting, or revoking (staff mode ends), makes the old one fail. NULL w (no server): url "". */
void web_photos_grant(struct web *w, int64_t meeting_id, const char *actor, char *url, size_t size);
void web_photos_revoke(struct web *w);

/* How long the server's loop may go without a turn before it counts as stuck: longer than
 * any handler waits for a busy database (5 s each), far longer than its loop sleeps (1 s). */
#define WEB_STALL_MS (60 * 1000)

/* Is the server's thread still turning its loop (now_ms: clock_real_ms)? The screen's loop
 * asks before pinging systemd's watchdog, so a wedged server restarts the kiosk. True for
 * NULL (no server). */
bool web_alive(const struct web *w, int64_t now_ms);

#endif
