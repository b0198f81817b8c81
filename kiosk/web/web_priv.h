/* What the phone server's three files share, and nothing outside kiosk/web includes:
 *   web.c         the server: libmicrohttpd, its loop on our thread, group commit, start/stop
 *   web_signin.c  the pages and the sign-in itself (GET and POST /s/TOKEN, /healthz)
 *   web_guard.c   who may ask what (Origin), the client's address, and the rate-limited log
 *   web_photos.c  the staff phone's meeting photos (GET and POST /p/TOKEN) */
#ifndef KIOSK_WEB_WEB_PRIV_H
#define KIOSK_WEB_WEB_PRIV_H

#include <microhttpd.h>
#include <stdarg.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "web/guesses.h"
#include "core/base/log.h"
#include "core/party/token.h"
#include "web/web.h"

#define BODY_MAX 4096
#define PAGE_MAX 16384
#define BATCH_MAX 32 /* sign-ins per transaction */
#define COOKIE_NAME "kd"
#define COOKIE_MAX_AGE (400 * 24 * 3600) /* the longest browsers keep a cookie */

/* Kinds of event the server logs, each with its own rate limit (log.h). */
enum web_log {
	WEB_LOG_DB,       /* the database failed a request */
	WEB_LOG_MHD,      /* libmicrohttpd's own messages: malformed requests, limits reached */
	WEB_LOG_REFUSED,  /* a request refused for where it came from (Origin) */
	WEB_LOG_GUESSES,  /* a member or an address reached its limit of wrong tries */
	WEB_LOG_KINDS
};

/* Everything the phone reads, in one place (web_signin.c). */
struct web_text {
	const char *expired, *expired_text, *bad_request, *bad_request_text, *not_found,
		*not_found_text, *method, *too_big, *not_form, *busy, *busy_text, *too_many,
		*too_many_text, *spent, *spent_text, *other_site, *other_site_text, *need_name,
		*need_tail, *wrong, *no_phone, *no_phone_text, *ambiguous, *ambiguous_text,
		*one_phone, *one_phone_before, *one_phone_after, *refused, *device_gone, *guest,
		*title, *title_done;
};
extern const struct web_text web_txt;

struct web {
	struct MHD_Daemon *daemon;
	struct db *db;
	const struct kclock *clock;
	uint8_t key[TOKEN_KEY_BYTES];
	char public_url[256];
	char community[128];
	int port;
	void (*on_signin)(void *ctx, const struct web_signin *s);
	void *ctx;
	struct guesses guesses;
	bool guesses_ready;
	struct log_limit logs[WEB_LOG_KINDS];
	pthread_t thread;
	bool thread_started;
	atomic_bool stop;
	/* The server thread's heartbeat: real ms of its last turn, read by web_alive. */
	_Atomic int64_t beat_ms;
	int64_t next_prune_ms; /* when to remove year-old device rows next (real ms) */
	int wake[2]; /* a pipe: web_stop writes to it so the sleeping loop notices at once */
	/* The open transaction and the requests waiting for it to commit. */
	bool in_tx;
	struct request *batch[BATCH_MAX];
	int nbatch;
	/* Meeting photos from the staff phone (web_photos.c). */
	struct web_photos *photos;
	void (*on_photo)(void *ctx, int64_t meeting_id);
};

/* What a handler answers. */
struct reply {
	unsigned status;
	char cookie[160]; /* a Set-Cookie value, or empty */
	const char *allow; /* for 405 */
	const char *section; /* the page head's second half; NULL: 扫码签到 */
	int len;
	char html[PAGE_MAX];
};

/* A POST's state, from its headers until it is answered. Only a POST to /s/ has one (made
 * by the request handler, freed by request_end): every other request is answered from its
 * headers and allocates nothing that could outlive it. */
enum request_kind { REQ_SIGNIN, REQ_PHOTO };

struct request {
	enum request_kind kind; /* first, as in web_photos.c's struct photo_request */
	bool too_big;
	/* A sign-in written in the open transaction: its answer, sent once that commits. */
	struct MHD_Connection *conn;
	struct reply *waiting;
	bool signed_in;
	struct web_signin signin;
	size_t len;
	char body[BODY_MAX + 1];
};

struct page_var;
struct meeting;
struct member;

/* web_signin.c */
void web_message(struct web *w, struct reply *r, unsigned status, const char *title,
		 const char *text);
/* A fragment of assets/phone/ with its slots filled, inside the page frame. */
void web_page(struct web *w, struct reply *r, unsigned status, const char *title,
	      const char *fragment, const struct page_var *vars, int n);

/* web_household.c: the forms offering the household of the phone's member (tied) who are not
 * signed in at m yet, as raw HTML for a page's {{{household}}} slot (empty when none). */
void web_household_buttons(struct web *w, const struct meeting *m, int64_t tied, const char *stamp,
			   const char *opened, char *out, size_t size);

/* web_signout.c: 签退 from the phone that signed its member in, inside the turn's
 * transaction (w->in_tx); the answer waits for the commit like a sign-in's. */
void web_signout(struct web *w, struct request *q, struct reply *r, const struct meeting *m,
		 const struct member *who, time_t now);
void web_healthz(struct web *w, struct reply *r);
/* GET /s/TOKEN: the form, or one tap for a phone that signed its member in before. */
void web_sign_in_page(struct web *w, struct MHD_Connection *c, const char *token,
		      struct reply *r);
/* POST /s/TOKEN with the body in q: identify the member and sign them in (q->signed_in when
 * the answer must wait for the transaction to commit). */
void web_sign_in_post(struct web *w, struct MHD_Connection *c, const char *token,
		      struct request *q, struct reply *r);

/* web.c: send r (html); answer with a message page. */
enum MHD_Result web_send_reply(struct MHD_Connection *c, struct reply *r);
enum MHD_Result web_answer_with(struct web *w, struct MHD_Connection *c, unsigned status,
				const char *title, const char *text, const char *allow);

/* web_photos.c: GET and POST /p/TOKEN, and the worker that decodes the pictures. */
int web_photos_init(struct web *w, const char *db_path);
void web_photos_free(struct web *w);
void web_photos_turn(struct web *w);
enum MHD_Result web_photos_begin(struct web *w, struct MHD_Connection *c, const char *token,
				 const char *method, void **req_cls);
enum MHD_Result web_photos_answer(struct web *w, struct MHD_Connection *c, void *state,
				  const char *upload, size_t *upload_size);
void web_photos_end(struct web *w, void *state);

/* web_guard.c */
void web_log_init(struct web *w);
void web_log(struct web *w, enum web_log kind, int priority, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
/* libmicrohttpd's logger (MHD_OPTION_EXTERNAL_LOGGER), rate-limited like the rest. */
void web_mhd_log(void *cls, const char *fmt, va_list ap);
void web_client_address(struct MHD_Connection *c, char *out, size_t size);
/* May this POST be taken? False when its Origin names a host other than the one it was sent
 * to (a page elsewhere posting into ours). No Origin, or "null", is allowed. */
bool web_origin_ok(struct MHD_Connection *c);

#endif
