/* The phone sign-in server (issue 4, DESIGN.md §6).
 *
 * Threading: one thread of our own runs libmicrohttpd's event loop (MHD's epoll set), so
 * every request is handled on that thread, which owns its own SQLite connection (db.c opens
 * connections NOMUTEX: one thread each). MHD reads and writes sockets without blocking, so a
 * slow phone does not hold up quick ones, and a handler is short (a few indexed reads). The
 * screen never waits for any of this: the server tells it through on_signin, which posts an
 * SDL event.
 *
 * Group commit: an acknowledged sign-in must be on disk (synchronous=FULL), and the fsync
 * is most of what a sign-in costs. So the sign-ins of one turn of the loop (at most
 * BATCH_MAX) are written in one transaction; their connections are suspended, and answered
 * only once it has committed (or, if it failed, told to try again). A burst of phones then
 * costs a few fsyncs instead of one each. A thread pool would not help: SQLite commits one
 * writer at a time, so workers would queue on its lock (sleeping in its busy handler), each
 * needing a connection of its own. The transaction is held only for one turn's handlers, so a
 * touch sign-in on the screen waits for it at most a few milliseconds.
 *
 * Answers:
 *   200  the page (the form, the branch question, one tap, success, already signed in,
 *        a wrong name or digits, no phone on record)
 *   400  bad percent-encoding or invalid UTF-8 in the address or the form; a form without
 *        its stamp
 *   403  a token or page stamp that is malformed or not this kiosk's for any meeting of the
 *        last hours ("forged"); a phone tied to one member trying to sign in another
 *   404  an unknown path           405  a method other than GET/HEAD (and POST for /s/)
 *   409  a sign-in the database refused (cancelled meeting, member no longer on the roster)
 *   410  a token or page this kiosk made that is no longer valid ("expired")
 *   413  a body over 4 KiB         415  a body that is not a form
 *   429  five wrong tries from one address or for one name within ten minutes
 *   503  the database did not answer (busy for more than its 5 s timeout)
 *
 * A page (its stamp) may be sent again and again within its two minutes: after a typo, or a
 * double tap. Each sending is checked in full, and signing a member in twice writes nothing
 * (attendance is UNIQUE per meeting and member; the second answer is 您已于 09:03 签到).
 * Stamps are not "spent" by a sign-in: they have one-second resolution, so every phone that
 * opens the page in the same second shares one, and spending it would turn the rest of a
 * crowd away (a 300-phone burst showed it). What stops one phone signing in others is the
 * device cookie (one phone, one member) and the guessing limits; someone who knows another
 * member's name and digits could sign them in from a browser without cookies, as anyone
 * can by tapping that member's name on the touch screen.
 */
#include "web/web.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <ifaddrs.h>
#include <limits.h>
#include <microhttpd.h>
#include <poll.h>
#include <pthread.h>
#include <net/if.h>
#include <netinet/in.h>
#include <sodium.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <unistd.h>

#include "core/attendance.h"
#include "core/clock.h"
#include "core/db.h"
#include "core/devices.h"
#include "core/form.h"
#include "core/limiter.h"
#include "core/members.h"
#include "core/phone.h"
#include "core/token.h"
#include "core/syserr.h"
#include "web/page.h"

#define BODY_MAX 4096
#define FAILURES_MAX 5
#define FAILURE_WINDOW_MS (10 * 60 * 1000)
#define COOKIE_NAME "kd"
#define COOKIE_MAX_AGE (400 * 24 * 3600) /* the longest browsers keep a cookie */
#define PAGE_MAX 16384
#define CONNECTIONS_MAX 600
#define CONNECTION_TIMEOUT_S 15
#define BATCH_MAX 32   /* sign-ins per transaction */

/* Everything the phone reads, in one place. */
static const struct {
	const char *expired, *expired_text, *bad_request, *bad_request_text, *not_found,
		*not_found_text, *method, *too_big, *not_form, *busy, *busy_text, *too_many,
		*too_many_text, *need_name, *need_tail, *wrong, *no_phone, *no_phone_text,
		*ambiguous, *ambiguous_text, *one_phone, *one_phone_before, *one_phone_after,
		*refused, *device_gone, *guest, *title, *title_done;
} txt = {
	.expired = "二维码已过期，请扫描屏幕上的最新二维码",
	.expired_text = "二维码每隔半分钟更换一次。请在签到机前重新扫码。",
	.bad_request = "请求无法识别",
	.bad_request_text = "请重新扫描签到机屏幕上的二维码。",
	.not_found = "没有这个页面",
	.not_found_text = "请扫描签到机屏幕上的二维码签到。",
	.method = "不支持这种请求方式",
	.too_big = "提交的内容太长",
	.not_form = "请使用签到页面上的表单提交",
	.busy = "签到机正忙",
	.busy_text = "请稍等几秒再试，或在签到机屏幕上签到。",
	.too_many = "尝试次数太多",
	.too_many_text = "姓名或手机尾号错了 5 次，请 10 分钟后再试，或在签到机屏幕上签到。",
	.need_name = "请填写您的姓名。",
	.need_tail = "请填写手机号码的最后 4 位数字。",
	.wrong = "姓名或手机尾号不对，请核对后再试。",
	.no_phone = "您没有登记手机号",
	.no_phone_text = "请在签到机屏幕上点“签到”，找到自己的名字签到。",
	.ambiguous = "无法确认您的身份",
	.ambiguous_text = "请在签到机屏幕上点“签到”，找到自己的名字签到。",
	.one_phone = "这部手机不能为其他党员签到",
	.one_phone_before = "这部手机已经用于",
	.one_phone_after = "签到。每位党员请用自己的手机扫码，或在签到机屏幕上签到。",
	.refused = "没有签到成功",
	.device_gone = "请填写姓名和手机尾号签到。",
	.guest = "您不在本次会议的应到名单中，已记为列席。",
	.title = "扫码签到",
	.title_done = "签到成功",
};

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
	struct limiter by_addr, by_name;
	pthread_t thread;
	bool thread_started;
	atomic_bool stop;
	int wake[2]; /* a pipe: web_stop writes to it so the sleeping loop notices at once */
	/* The open transaction and the requests waiting for it to commit. */
	bool in_tx;
	struct request *batch[BATCH_MAX];
	int nbatch;
};

/* What a handler answers. */
struct reply {
	unsigned status;
	char cookie[160]; /* a Set-Cookie value, or empty */
	const char *allow; /* for 405 */
	int len;
	char html[PAGE_MAX];
};

/* One request's state, from the moment MHD has its address until it is answered. */
struct request {
	bool target_bad;
	bool started;
	bool too_big;
	/* A sign-in written in the open transaction: its answer, sent once that commits. */
	struct MHD_Connection *conn;
	struct reply *waiting;
	bool signed_in;
	struct web_signin signin;
	size_t len;
	char body[BODY_MAX + 1];
};

static void logf_(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void logf_(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	fprintf(stderr, "kiosk: 手机签到服务：");
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
}

static void mhd_log(void *cls, const char *fmt, va_list ap)
{
	(void)cls;
	fprintf(stderr, "kiosk: 手机签到服务（libmicrohttpd）：");
	vfprintf(stderr, fmt, ap);
}

/* ---- pages ---- */

/* Put a fragment of assets/phone/ inside the page frame. */
static void render(struct web *w, struct reply *r, unsigned status, const char *title,
		   const char *fragment, const struct page_var *vars, int n)
{
	char body[PAGE_MAX];
	const struct page_var frame[] = {
		{ "title", title },
		{ "community", w->community },
		{ "css", page_asset("style.css") },
		{ "body", body },
	};

	r->status = status;
	if (page_render(page_asset(fragment), vars, n, body, sizeof body) < 0 ||
	    (r->len = page_render(page_asset("page.html"), frame, 4, r->html, sizeof r->html)) < 0) {
		/* Only a name so long it cannot fit gets here; say something rather than nothing. */
		r->status = 500;
		r->len = snprintf(r->html, sizeof r->html, "<!DOCTYPE html><meta charset=\"utf-8\">"
				  "<p>页面生成失败，请在签到机屏幕上签到。</p>\n");
	}
}

static void message(struct web *w, struct reply *r, unsigned status, const char *title,
		    const char *text)
{
	const struct page_var vars[] = { { "title", title }, { "text", text } };

	render(w, r, status, title, "message.html", vars, 2);
}

static void form_page(struct web *w, struct reply *r, const struct meeting *m, const char *stamp,
		      int64_t opened, const char *name, const char *error)
{
	char op[24];
	const struct page_var vars[] = {
		{ "meeting", m->title }, { "stamp", stamp }, { "opened", op },
		{ "name", name },        { "error", error },
	};

	snprintf(op, sizeof op, "%lld", (long long)opened);
	render(w, r, 200, txt.title, "form.html", vars, 5);
}

/* ---- helpers ---- */

static void client_address(struct MHD_Connection *c, char *out, size_t size)
{
	const union MHD_ConnectionInfo *ci =
		MHD_get_connection_info(c, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
	const struct sockaddr *sa = ci ? ci->client_addr : NULL;

	snprintf(out, size, "?");
	if (sa && sa->sa_family == AF_INET)
		inet_ntop(AF_INET, &((const struct sockaddr_in *)(const void *)sa)->sin_addr, out,
			  (socklen_t)size);
	else if (sa && sa->sa_family == AF_INET6)
		inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)(const void *)sa)->sin6_addr, out,
			  (socklen_t)size);
}

/* The member this phone's device cookie belongs to, or 0. *had_cookie says one was sent. */
static int64_t device_member(struct web *w, struct MHD_Connection *c, bool *had_cookie)
{
	const char *h = MHD_lookup_connection_value(c, MHD_HEADER_KIND, MHD_HTTP_HEADER_COOKIE);
	char cookie[DEVICE_COOKIE_LEN + 8];
	int64_t id;
	struct member m;
	char err[256];

	*had_cookie = false;
	if (!h || form_cookie(h, COOKIE_NAME, cookie, sizeof cookie) < 0)
		return 0;
	*had_cookie = true;
	if (devices_member(w->db, cookie, &id) < 0 || members_get(w->db, id, &m, err, sizeof err) < 0 ||
	    !m.active)
		return 0;
	return id;
}

static void fresh_stamp(struct web *w, const struct meeting *m, time_t now, char stamp[TOKEN_LEN],
			int64_t *opened)
{
	*opened = (int64_t)now;
	token_form_stamp(w->key, m->uuid, *opened, stamp);
}

/* Digits only, at most 18 of them. */
static bool parse_int(const char *s, int64_t *out)
{
	int64_t v = 0;
	int n = 0;

	if (!s || !*s)
		return false;
	for (; *s; s++, n++) {
		if (*s < '0' || *s > '9' || n >= 18)
			return false;
		v = v * 10 + (*s - '0');
	}
	*out = v;
	return true;
}

/* The four digits as typed, spaces dropped; false unless exactly four ASCII digits. */
static bool parse_tail(const char *in, char out[5])
{
	int n = 0;

	for (; in && *in; in++) {
		if (*in == ' ')
			continue;
		if (*in < '0' || *in > '9' || n == 4)
			return false;
		out[n++] = *in;
	}
	out[n] = '\0';
	return n == 4;
}

/* ---- handlers ---- */

static void healthz(struct web *w, struct reply *r)
{
	struct meeting on[1];
	char err[256];

	if (meetings_current(w->db, clock_now(w->clock), on, 1, err, sizeof err) < 0) {
		r->status = 503;
		r->len = snprintf(r->html, sizeof r->html, "database: %s\n", err);
		return;
	}
	r->status = 200;
	r->len = snprintf(r->html, sizeof r->html, "ok\n");
}

static void token_refused(struct web *w, struct reply *r, enum phone_verdict v)
{
	message(w, r, v == PHONE_EXPIRED ? 410 : 403, txt.expired, txt.expired_text);
}

/* GET /s/TOKEN: the form, or one tap for a phone that signed its member in before. */
static void sign_in_page(struct web *w, struct MHD_Connection *c, const char *token,
			 struct reply *r)
{
	time_t now = clock_now(w->clock);
	enum phone_verdict v;
	struct meeting m;
	struct member who;
	char stamp[TOKEN_LEN], op[24], err[512];
	int64_t opened, member_id;
	bool had_cookie;

	if (phone_token_meeting(w->db, w->key, token, now, &m, &v, err, sizeof err) < 0) {
		logf_("%s", err);
		message(w, r, 503, txt.busy, txt.busy_text);
		return;
	}
	if (v != PHONE_OK) {
		token_refused(w, r, v);
		return;
	}
	fresh_stamp(w, &m, now, stamp, &opened);
	member_id = device_member(w, c, &had_cookie);
	if (member_id && members_get(w->db, member_id, &who, err, sizeof err) == 0) {
		const struct page_var vars[] = {
			{ "meeting", m.title }, { "stamp", stamp }, { "opened", op },
			{ "name", who.f[MF_NAME] },
		};
		snprintf(op, sizeof op, "%lld", (long long)opened);
		render(w, r, 200, txt.title, "tap.html", vars, 4);
		return;
	}
	if (had_cookie) /* a cookie this kiosk no longer knows: let the phone forget it */
		snprintf(r->cookie, sizeof r->cookie, COOKIE_NAME "=; Max-Age=0; Path=/; HttpOnly; "
			 "SameSite=Strict");
	form_page(w, r, &m, stamp, opened, NULL, NULL);
}

/* The second step when two members share a name and the digits: one button per branch. */
static int branch_button(void *ctx, const struct unit *u)
{
	char *out = ctx, id[24];
	size_t len = strlen(out);

	snprintf(id, sizeof id, "%lld", (long long)u->id);
	if (len + strlen(u->name) * 6 + 96 > PAGE_MAX / 2)
		return 1;
	strcat(out, "<button type=\"submit\" class=\"choice\" name=\"branch\" value=\"");
	strcat(out, id);
	strcat(out, "\">");
	len = strlen(out);
	page_escape(u->name, out, &len, PAGE_MAX / 2);
	strcat(out, "</button>\n");
	return 0;
}

static void branch_page(struct web *w, struct reply *r, const struct meeting *m,
			const char *stamp, const char *opened, const char *name, const char *tail)
{
	char buttons[PAGE_MAX / 2] = "", err[256];
	const struct page_var vars[] = {
		{ "meeting", m->title }, { "stamp", stamp }, { "opened", opened },
		{ "name", name },        { "tail", tail },   { "branches", buttons },
	};

	if (members_each_unit(w->db, SCOPE_BRANCH, branch_button, buttons, err, sizeof err) < 0) {
		message(w, r, 503, txt.busy, txt.busy_text);
		return;
	}
	render(w, r, 200, txt.title, "branch.html", vars, 6);
}

/* A wrong try: count it against the address and the name, then show the form again with a
 * fresh stamp when the QR token is still valid (the member is still in front of the kiosk). */
static void wrong_try(struct web *w, struct reply *r, const char *addr, const char *name_key,
		      const char *token, const struct meeting *m, const char *stamp,
		      int64_t opened, const char *name, const char *error, bool count)
{
	time_t now = clock_now(w->clock);
	int64_t now_ms = clock_now_ms(w->clock);
	char fresh[TOKEN_LEN];

	if (count) {
		limiter_fail(&w->by_addr, addr, now_ms);
		if (name_key[0])
			limiter_fail(&w->by_name, name_key, now_ms);
	}
	if (token_valid(w->key, m->uuid, token, now)) {
		fresh_stamp(w, m, now, fresh, &opened);
		stamp = fresh;
	}
	form_page(w, r, m, stamp, opened, name, error);
}

static bool is_form(struct MHD_Connection *c)
{
	const char *ct = MHD_lookup_connection_value(c, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_TYPE);
	const char *want = "application/x-www-form-urlencoded";

	return ct && strncasecmp(ct, want, strlen(want)) == 0 &&
	       (ct[strlen(want)] == '\0' || ct[strlen(want)] == ';' || ct[strlen(want)] == ' ');
}

/* POST /s/TOKEN: identify the member and sign them in. */
static void sign_in_post(struct web *w, struct MHD_Connection *c, const char *token,
			 struct request *q, struct reply *r)
{
	struct form f;
	struct meeting m;
	struct member who;
	struct phone_match match;
	struct checkin ci;
	struct web_signin s;
	enum phone_verdict v;
	const char *stamp, *name, *how;
	char addr[64], name_key[MEMBER_TEXT] = "", tail[5] = "", err[512], hhmm[6], line[512];
	int64_t opened, member_id, tied, branch_id = 0;
	time_t now = clock_now(w->clock);
	bool had_cookie;

	if (!is_form(c)) {
		message(w, r, 415, txt.not_form, txt.bad_request_text);
		return;
	}
	if (form_parse(q->body, q->len, &f) < 0) {
		message(w, r, 400, txt.bad_request, txt.bad_request_text);
		return;
	}
	stamp = form_get(&f, "stamp");
	if (!stamp || !parse_int(form_get(&f, "opened"), &opened)) {
		message(w, r, 400, txt.bad_request, txt.bad_request_text);
		return;
	}
	if (phone_stamp_meeting(w->db, w->key, token, opened, stamp, now, &m, &v, err,
				sizeof err) < 0) {
		logf_("%s", err);
		message(w, r, 503, txt.busy, txt.busy_text);
		return;
	}
	if (v != PHONE_OK) {
		token_refused(w, r, v);
		return;
	}
	client_address(c, addr, sizeof addr);
	name = form_get(&f, "name");
	how = form_get(&f, "how");
	if (name && phone_name_key(name, name_key, sizeof name_key) < 0)
		snprintf(name_key, sizeof name_key, "%s", name);
	if (limiter_blocked(&w->by_addr, addr, clock_now_ms(w->clock)) ||
	    (name_key[0] && limiter_blocked(&w->by_name, name_key, clock_now_ms(w->clock)))) {
		message(w, r, 429, txt.too_many, txt.too_many_text);
		return;
	}
	tied = device_member(w, c, &had_cookie);
	if (how && strcmp(how, "device") == 0) {
		if (!tied) {
			wrong_try(w, r, addr, "", token, &m, stamp, opened, NULL, txt.device_gone, false);
			return;
		}
		member_id = tied;
	} else {
		if (!name || !name_key[0]) {
			wrong_try(w, r, addr, "", token, &m, stamp, opened, name, txt.need_name, false);
			return;
		}
		if (!parse_tail(form_get(&f, "tail"), tail)) {
			wrong_try(w, r, addr, "", token, &m, stamp, opened, name, txt.need_tail, false);
			return;
		}
		if (form_get(&f, "branch") && !parse_int(form_get(&f, "branch"), &branch_id)) {
			message(w, r, 400, txt.bad_request, txt.bad_request_text);
			return;
		}
		if (phone_identify(w->db, name, tail, branch_id, &match, err, sizeof err) < 0) {
			logf_("%s", err);
			message(w, r, 503, txt.busy, txt.busy_text);
			return;
		}
		switch (match.who) {
		case PHONE_NOBODY:
			wrong_try(w, r, addr, name_key, token, &m, stamp, opened, name, txt.wrong, true);
			return;
		case PHONE_NO_PHONE:
			/* Counted like a wrong try: it says a name is on the roster. */
			limiter_fail(&w->by_addr, addr, clock_now_ms(w->clock));
			limiter_fail(&w->by_name, name_key, clock_now_ms(w->clock));
			message(w, r, 200, txt.no_phone, txt.no_phone_text);
			return;
		case PHONE_SEVERAL:
			if (branch_id)
				message(w, r, 200, txt.ambiguous, txt.ambiguous_text);
			else
				branch_page(w, r, &m, stamp, form_get(&f, "opened"), name, tail);
			return;
		case PHONE_FOUND:
			break;
		}
		member_id = match.member_id;
	}
	if (members_get(w->db, member_id, &who, err, sizeof err) < 0) {
		message(w, r, 503, txt.busy, txt.busy_text);
		return;
	}
	/* One phone, one member: a phone that signed someone in never signs in anyone else. */
	if (tied && tied != member_id) {
		struct member owner;
		if (members_get(w->db, tied, &owner, err, sizeof err) < 0)
			owner.f[MF_NAME][0] = '\0';
		snprintf(line, sizeof line, "%s%s%s", txt.one_phone_before, owner.f[MF_NAME],
			 txt.one_phone_after);
		message(w, r, 403, txt.one_phone, line);
		return;
	}
	/* Into the transaction of this turn of the loop (see the top of the file). */
	if (!w->in_tx) {
		if (db_begin(w->db, err, sizeof err) < 0) {
			logf_("%s", err);
			message(w, r, 503, txt.busy, txt.busy_text);
			return;
		}
		w->in_tx = true;
	}
	if (attendance_checkin(w->db, m.id, member_id, METHOD_QR, now, &ci, err, sizeof err) < 0) {
		message(w, r, 409, txt.refused, err);
		return;
	}
	if (!tied) {
		char cookie[DEVICE_COOKIE_LEN];
		if (devices_add(w->db, member_id, now, cookie, err, sizeof err) == 0)
			snprintf(r->cookie, sizeof r->cookie,
				 COOKIE_NAME "=%s; Max-Age=%d; Path=/; HttpOnly; SameSite=Strict",
				 cookie, COOKIE_MAX_AGE);
		else
			logf_("%s", err); /* signed in all the same; only the one tap is lost */
	}
	clock_format_hhmm(ci.at, hhmm);
	memset(&s, 0, sizeof s);
	s.meeting_id = m.id;
	s.member_id = member_id;
	snprintf(s.name, sizeof s.name, "%s", who.f[MF_NAME]);
	snprintf(s.hhmm, sizeof s.hhmm, "%s", hhmm);
	s.already = ci.already;
	q->signin = s; /* told to the screen once committed */
	q->signed_in = true;
	{
		const struct page_var vars[] = {
			{ "name", who.f[MF_NAME] },
			{ "meeting", m.title },
			{ "time", hhmm },
			{ "guest", ci.guest ? txt.guest : NULL },
		};
		render(w, r, 200, txt.title_done, ci.already ? "already.html" : "done.html", vars, 4);
	}
}

/* ---- libmicrohttpd glue ---- */

/* Commit the sign-ins of this turn, tell the screen, and let their answers go (or, when the
 * commit failed, answer that nothing was saved: none of them was acknowledged). */
static int flush(struct web *w)
{
	char err[512];
	bool ok;
	int i, n = w->nbatch;

	if (!w->in_tx)
		return 0;
	ok = db_commit(w->db, err, sizeof err) == 0;
	w->in_tx = false;
	if (!ok)
		logf_("%s", err);
	for (i = 0; i < w->nbatch; i++) {
		struct request *q = w->batch[i];
		if (ok && w->on_signin)
			w->on_signin(w->ctx, &q->signin);
		if (!ok) {
			memset(q->waiting, 0, offsetof(struct reply, html));
			message(w, q->waiting, 503, txt.busy, txt.busy_text);
		}
		MHD_resume_connection(q->conn);
	}
	w->nbatch = 0;
	return n;
}

/* Hold a sign-in's answer until its transaction commits. */
static void wait_for_commit(struct web *w, struct MHD_Connection *c, struct request *q,
			    struct reply *r)
{
	q->conn = c;
	q->waiting = r;
	MHD_suspend_connection(c);
	w->batch[w->nbatch++] = q;
	if (w->nbatch == BATCH_MAX)
		flush(w);
}

static enum MHD_Result send_reply(struct MHD_Connection *c, struct reply *r, bool html)
{
	struct MHD_Response *resp =
		MHD_create_response_from_buffer((size_t)r->len, r->html, MHD_RESPMEM_MUST_COPY);
	enum MHD_Result ok;

	if (!resp)
		return MHD_NO;
	MHD_add_response_header(resp, MHD_HTTP_HEADER_CONTENT_TYPE,
				html ? "text/html; charset=utf-8" : "text/plain; charset=utf-8");
	MHD_add_response_header(resp, MHD_HTTP_HEADER_CACHE_CONTROL, "no-store");
	MHD_add_response_header(resp, "X-Content-Type-Options", "nosniff");
	MHD_add_response_header(resp, "Referrer-Policy", "no-referrer");
	/* No script may run and nothing may load from anywhere: the page needs neither. */
	MHD_add_response_header(resp, "Content-Security-Policy",
				"default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; "
				"frame-ancestors 'none'; base-uri 'none'");
	if (r->cookie[0])
		MHD_add_response_header(resp, MHD_HTTP_HEADER_SET_COOKIE, r->cookie);
	if (r->allow)
		MHD_add_response_header(resp, MHD_HTTP_HEADER_ALLOW, r->allow);
	if (r->status == 503)
		MHD_add_response_header(resp, MHD_HTTP_HEADER_RETRY_AFTER, "5");
	ok = MHD_queue_response(c, r->status, resp);
	MHD_destroy_response(resp);
	return ok;
}

static enum MHD_Result answer_with(struct web *w, struct MHD_Connection *c, unsigned status,
				   const char *title, const char *text, const char *allow)
{
	struct reply *r = malloc(sizeof *r);
	enum MHD_Result ok;

	if (!r)
		return MHD_NO;
	memset(r, 0, offsetof(struct reply, html));
	message(w, r, status, title, text);
	r->allow = allow;
	ok = send_reply(c, r, true);
	free(r);
	return ok;
}

static enum MHD_Result answer(void *cls, struct MHD_Connection *c, const char *url,
			      const char *method, const char *version, const char *upload,
			      size_t *upload_size, void **req_cls)
{
	struct web *w = cls;
	struct request *q = *req_cls;
	bool get = strcmp(method, "GET") == 0 || strcmp(method, "HEAD") == 0;
	bool post = strcmp(method, "POST") == 0;
	struct reply *r;
	enum MHD_Result ok;

	(void)version;
	if (!q)
		return MHD_NO; /* out of memory when the request began: drop the connection */
	if (q->waiting) { /* resumed: the transaction holding its sign-in has committed */
		ok = send_reply(c, q->waiting, true);
		free(q->waiting);
		q->waiting = NULL;
		return ok;
	}
	if (!q->started) {
		const char *cl;
		q->started = true;
		if (q->target_bad)
			return answer_with(w, c, 400, txt.bad_request, txt.bad_request_text, NULL);
		if (strcmp(url, "/healthz") == 0) {
			if (!get)
				return answer_with(w, c, 405, txt.method, NULL, "GET, HEAD");
			r = calloc(1, sizeof *r);
			if (!r)
				return MHD_NO;
			healthz(w, r);
			ok = send_reply(c, r, false);
			free(r);
			return ok;
		}
		if (strncmp(url, "/s/", 3) != 0 || strchr(url + 3, '/') || url[3] == '\0')
			return answer_with(w, c, 404, txt.not_found, txt.not_found_text, NULL);
		if (!get && !post)
			return answer_with(w, c, 405, txt.method, NULL, "GET, HEAD, POST");
		if (get) {
			r = malloc(sizeof *r);
			if (!r)
				return MHD_NO;
			memset(r, 0, offsetof(struct reply, html));
			sign_in_page(w, c, url + 3, r);
			ok = send_reply(c, r, true);
			free(r);
			return ok;
		}
		cl = MHD_lookup_connection_value(c, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_LENGTH);
		if (cl && (strlen(cl) > 9 || strtoul(cl, NULL, 10) > BODY_MAX))
			return answer_with(w, c, 413, txt.too_big, txt.bad_request_text, NULL);
		return MHD_YES; /* the body comes in the next calls */
	}
	if (*upload_size) {
		if (!q->too_big && q->len + *upload_size <= BODY_MAX) {
			memcpy(q->body + q->len, upload, *upload_size);
			q->len += *upload_size;
		} else {
			q->too_big = true; /* a chunked body that grew too long */
		}
		*upload_size = 0;
		return MHD_YES;
	}
	if (q->too_big)
		return answer_with(w, c, 413, txt.too_big, txt.bad_request_text, NULL);
	q->body[q->len] = '\0';
	r = malloc(sizeof *r);
	if (!r)
		return MHD_NO;
	memset(r, 0, offsetof(struct reply, html));
	sign_in_post(w, c, url + 3, q, r);
	if (w->in_tx && q->signed_in) {
		wait_for_commit(w, c, q, r);
		return MHD_YES;
	}
	ok = send_reply(c, r, true);
	free(r);
	return ok;
}

/* Called with the target as the client sent it, before MHD decodes it: the only place a
 * malformed escape can still be seen. What it returns is the request's state. */
static void *request_begin(void *cls, const char *uri, struct MHD_Connection *c)
{
	struct request *q = malloc(sizeof *q);

	(void)cls;
	(void)c;
	if (!q)
		return NULL;
	memset(q, 0, offsetof(struct request, body));
	q->target_bad = !form_target_ok(uri);
	return q;
}

static void request_end(void *cls, struct MHD_Connection *c, void **req_cls,
			enum MHD_RequestTerminationCode toe)
{
	struct request *q = *req_cls;

	(void)cls;
	(void)c;
	(void)toe;
	if (q)
		free(q->waiting);
	free(q);
	*req_cls = NULL;
}

/* The server's thread: turn MHD's loop, committing each turn's sign-ins together. It sleeps
 * in poll() until a phone sends something, a connection times out, or web_stop wakes it: an
 * idle kiosk's server thread does not wake at all. Connections resumed after a commit are not
 * in MHD's epoll set yet, so the turn after a commit does not sleep. */
static void *serve(void *arg)
{
	struct web *w = arg;
	const union MHD_DaemonInfo *info = MHD_get_daemon_info(w->daemon, MHD_DAEMON_INFO_EPOLL_FD);
	struct pollfd fds[2] = { { info ? info->epoll_fd : -1, POLLIN, 0 }, { w->wake[0], POLLIN, 0 } };
	bool resumed = false;

	while (!atomic_load(&w->stop)) {
		MHD_UNSIGNED_LONG_LONG next;
		int timeout = -1;
		if (MHD_get_timeout(w->daemon, &next) == MHD_YES)
			timeout = next > INT_MAX ? INT_MAX : (int)next;
		if (resumed)
			timeout = 0;
		if (poll(fds, 2, timeout) < 0 && errno != EINTR)
			break;
		MHD_run(w->daemon);
		resumed = flush(w) > 0;
	}
	flush(w);
	return NULL;
}

/* ---- start and stop ---- */

static int parse_listen(const char *listen, struct sockaddr_in *sa, char *err, size_t errlen)
{
	char host[64];
	const char *colon = strrchr(listen, ':');
	char *end;
	long port;

	memset(sa, 0, sizeof *sa);
	sa->sin_family = AF_INET;
	if (!colon || (size_t)(colon - listen) >= sizeof host)
		goto bad;
	memcpy(host, listen, (size_t)(colon - listen));
	host[colon - listen] = '\0';
	errno = 0;
	port = strtol(colon + 1, &end, 10);
	if (colon[1] == '\0' || *end || errno || port < 0 || port > 65535)
		goto bad;
	if (host[0] == '\0')
		snprintf(host, sizeof host, "0.0.0.0");
	if (inet_pton(AF_INET, host, &sa->sin_addr) != 1)
		goto bad;
	sa->sin_port = htons((uint16_t)port);
	return 0;
bad:
	snprintf(err, errlen, "--http“%s”应写成 地址:端口，例如 0.0.0.0:8080（端口 0 表示任选一个空闲端口）",
		 listen);
	return -1;
}

/* The address phones reach the kiosk at: the one listened on, or for 0.0.0.0 the first
 * non-loopback IPv4 address that is up (the room's Wi-Fi), else 127.0.0.1. */
static void default_host(const struct sockaddr_in *sa, char *out, size_t size)
{
	struct ifaddrs *ifs, *i;

	snprintf(out, size, "127.0.0.1");
	if (sa->sin_addr.s_addr != htonl(INADDR_ANY)) {
		inet_ntop(AF_INET, &sa->sin_addr, out, (socklen_t)size);
		return;
	}
	if (getifaddrs(&ifs) < 0)
		return;
	for (i = ifs; i; i = i->ifa_next) {
		if (!i->ifa_addr || i->ifa_addr->sa_family != AF_INET || !(i->ifa_flags & IFF_UP) ||
		    (i->ifa_flags & IFF_LOOPBACK))
			continue;
		inet_ntop(AF_INET, &((struct sockaddr_in *)(void *)i->ifa_addr)->sin_addr, out,
			  (socklen_t)size);
		break;
	}
	freeifaddrs(ifs);
}

struct web *web_start(const struct web_config *cfg, char *err, size_t errlen)
{
	struct web *w = calloc(1, sizeof *w);
	struct sockaddr_in sa;
	const union MHD_DaemonInfo *info;
	char host[64];
	size_t n;

	if (!w) {
		snprintf(err, errlen, "内存不足，手机签到服务没有启动");
		return NULL;
	}
	w->wake[0] = w->wake[1] = -1;
	if (parse_listen(cfg->listen, &sa, err, errlen) < 0)
		goto err;
	w->clock = cfg->clock;
	w->on_signin = cfg->on_signin;
	w->ctx = cfg->ctx;
	limiter_init(&w->by_addr, FAILURES_MAX, FAILURE_WINDOW_MS);
	limiter_init(&w->by_name, FAILURES_MAX, FAILURE_WINDOW_MS);
	w->db = db_open(cfg->db_path, 0, err, errlen);
	if (!w->db)
		goto err;
	if (token_key_load(w->db, w->key, err, errlen) < 0)
		goto err;
	if (db_setting_get(w->db, "community_name", w->community, sizeof w->community) < 0)
		snprintf(w->community, sizeof w->community, "党员活动室");
	w->daemon = MHD_start_daemon(
		MHD_USE_EPOLL | MHD_ALLOW_SUSPEND_RESUME | MHD_USE_ERROR_LOG, 0, NULL, NULL, answer, w,
		MHD_OPTION_EXTERNAL_LOGGER, mhd_log, (void *)w,
		MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&sa,
		MHD_OPTION_LISTENING_ADDRESS_REUSE, (unsigned int)1,
		MHD_OPTION_CONNECTION_LIMIT, (unsigned int)CONNECTIONS_MAX,
		MHD_OPTION_CONNECTION_TIMEOUT, (unsigned int)CONNECTION_TIMEOUT_S,
		MHD_OPTION_URI_LOG_CALLBACK, request_begin, (void *)w,
		MHD_OPTION_NOTIFY_COMPLETED, request_end, (void *)w,
		MHD_OPTION_END);
	if (!w->daemon) {
		snprintf(err, errlen, "无法在 %s 上提供手机签到（端口被占用或没有权限？），请换一个 --http 地址",
			 cfg->listen);
		goto err;
	}
	if (pipe2(w->wake, O_CLOEXEC | O_NONBLOCK) < 0 ||
	    pthread_create(&w->thread, NULL, serve, w) != 0) {
		snprintf(err, errlen, "无法启动手机签到服务的线程");
		goto err;
	}
	w->thread_started = true;
	info = MHD_get_daemon_info(w->daemon, MHD_DAEMON_INFO_BIND_PORT);
	w->port = info ? info->port : ntohs(sa.sin_port);
	if (cfg->public_url && *cfg->public_url) {
		snprintf(w->public_url, sizeof w->public_url, "%s", cfg->public_url);
	} else {
		default_host(&sa, host, sizeof host);
		snprintf(w->public_url, sizeof w->public_url, "http://%s:%d", host, w->port);
	}
	n = strlen(w->public_url);
	while (n > 0 && w->public_url[n - 1] == '/')
		w->public_url[--n] = '\0';
	return w;
err:
	web_stop(w);
	return NULL;
}

void web_stop(struct web *w)
{
	if (!w)
		return;
	if (w->thread_started) {
		atomic_store(&w->stop, true);
		if (write(w->wake[1], "x", 1) < 0)
			logf_("无法唤醒服务线程：%s", syserr(errno)); /* it still wakes on the next request */
		pthread_join(w->thread, NULL);
	}
	if (w->wake[0] >= 0)
		close(w->wake[0]);
	if (w->wake[1] >= 0)
		close(w->wake[1]);
	if (w->daemon)
		MHD_stop_daemon(w->daemon);
	db_close(w->db);
	sodium_memzero(w->key, sizeof w->key);
	free(w);
}

const char *web_public_url(const struct web *w)
{
	return w->public_url;
}

int web_port(const struct web *w)
{
	return w->port;
}
