/* The phone sign-in server (issue 4, docs/http.md): libmicrohttpd driven from a thread of our
 * own. The pages and the sign-in are web_signin.c; who may ask what, and the log, web_guard.c.
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
 * Hostile clients (issue 11): anyone on the room's Wi-Fi can open connections and send what
 * they like, so
 *   - the loop never sleeps longer than BEAT_MS. MHD takes its listening socket out of the
 *     epoll set while at the connection limit and puts it back only at the start of its next
 *     turn; when the connections that filled the limit all time out in one turn, nothing is
 *     left to wake an unbounded sleep, and the server never accepted again. Each turn also
 *     stamps a heartbeat, which the screen's loop reads (web_alive) and stops pinging
 *     systemd's watchdog when it goes stale, so a wedged server restarts the kiosk;
 *   - one address may hold at most PER_ADDRESS_MAX connections (a phone's browser opens six),
 *     so one machine cannot fill the CONNECTIONS_MAX alone; idle ones close after
 *     CONNECTION_TIMEOUT_S;
 *   - nothing is allocated for a request before our handler has been called for it: MHD calls
 *     the completion callback only for requests it has shown to the handler, and a request it
 *     refuses itself (500 query arguments overflow its memory pool) never is (each one leaked
 *     a struct request until the kiosk hit its MemoryMax). Only a POST to /s/ (or to /p/,
 *     web_photos.c) gets state;
 *   - wrong guesses are limited per member, per address and in all (web/guesses.h), a POST
 *     from another site's page is refused, and the log is rate-limited (web_guard.c).
 */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <ifaddrs.h>
#include <limits.h>
#include <net/if.h>
#include <netinet/in.h>
#include <poll.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "core/base/clock.h"
#include "core/store/db.h"
#include "web/devices.h"
#include "web/form.h"
#include "core/base/syserr.h"
#include "web/web_priv.h"

#define CONNECTIONS_MAX 600
#define PER_ADDRESS_MAX 12
#define CONNECTION_TIMEOUT_S 15
#define BEAT_MS 1000                      /* the longest the loop sleeps */
#define PRUNE_EVERY_MS (24 * 3600 * 1000) /* year-old device rows go once a day */

/* The request state a target that failed form_target_ok leaves (see request_begin): a marker,
 * not an allocation. */
static const char target_bad;
#define TARGET_BAD ((void *)&target_bad)

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
		web_log(w, WEB_LOG_DB, LOG_WARNING, "%s", err);
	for (i = 0; i < w->nbatch; i++) {
		struct request *q = w->batch[i];
		if (ok && w->on_signin)
			w->on_signin(w->ctx, &q->signin);
		if (!ok) {
			memset(q->waiting, 0, offsetof(struct reply, html));
			web_message(w, q->waiting, 503, web_txt.busy, web_txt.busy_text);
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

enum MHD_Result web_send_reply(struct MHD_Connection *c, struct reply *r)
{
	return send_reply(c, r, true);
}

enum MHD_Result web_answer_with(struct web *w, struct MHD_Connection *c, unsigned status,
				const char *title, const char *text, const char *allow)
{
	struct reply *r = malloc(sizeof *r);
	enum MHD_Result ok;

	if (!r)
		return MHD_NO;
	memset(r, 0, offsetof(struct reply, html));
	web_message(w, r, status, title, text);
	r->allow = allow;
	ok = send_reply(c, r, true);
	free(r);
	return ok;
}
/* Answer a request from its headers, with a reply built here (everything but a POST's body). */
static enum MHD_Result answer_now(struct web *w, struct MHD_Connection *c, const char *url,
				  bool healthz)
{
	struct reply *r = malloc(sizeof *r);
	enum MHD_Result ok;

	if (!r)
		return MHD_NO;
	memset(r, 0, offsetof(struct reply, html));
	if (healthz)
		web_healthz(w, r);
	else
		web_sign_in_page(w, c, url + 3, r);
	ok = send_reply(c, r, !healthz);
	free(r);
	return ok;
}

/* The first call for a request, with its headers: answer it, or (a POST to /s/) make its
 * state and take the body in the calls that follow. */
static enum MHD_Result begin(struct web *w, struct MHD_Connection *c, const char *url,
			     const char *method, void **req_cls)
{
	bool get = strcmp(method, "GET") == 0 || strcmp(method, "HEAD") == 0;
	bool post = strcmp(method, "POST") == 0;
	const char *cl;
	struct request *q;

	if (*req_cls == TARGET_BAD) {
		*req_cls = NULL;
		return web_answer_with(w, c, 400, web_txt.bad_request, web_txt.bad_request_text, NULL);
	}
	if (strcmp(url, "/healthz") == 0) {
		if (!get)
			return web_answer_with(w, c, 405, web_txt.method, NULL, "GET, HEAD");
		return answer_now(w, c, url, true);
	}
	if (strncmp(url, "/p/", 3) == 0 && !strchr(url + 3, '/') && url[3] != '\0')
		return web_photos_begin(w, c, url + 3, method, req_cls);
	if (strncmp(url, "/s/", 3) != 0 || strchr(url + 3, '/') || url[3] == '\0')
		return web_answer_with(w, c, 404, web_txt.not_found, web_txt.not_found_text, NULL);
	if (!get && !post)
		return web_answer_with(w, c, 405, web_txt.method, NULL, "GET, HEAD, POST");
	if (get)
		return answer_now(w, c, url, false);
	if (!web_origin_ok(c)) {
		char addr[64];
		web_client_address(c, addr, sizeof addr);
		web_log(w, WEB_LOG_REFUSED, LOG_WARNING, "来自别的网站的提交（%s，Origin: %s）", addr,
			MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Origin"));
		return web_answer_with(w, c, 403, web_txt.other_site, web_txt.other_site_text, NULL);
	}
	cl = MHD_lookup_connection_value(c, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_LENGTH);
	if (cl && (strlen(cl) > 9 || strtoul(cl, NULL, 10) > BODY_MAX))
		return web_answer_with(w, c, 413, web_txt.too_big, web_txt.bad_request_text, NULL);
	q = malloc(sizeof *q);
	if (!q)
		return MHD_NO;
	memset(q, 0, offsetof(struct request, body));
	*req_cls = q; /* freed by request_end, which MHD calls once it has called us */
	return MHD_YES; /* the body comes in the next calls */
}

static enum MHD_Result answer(void *cls, struct MHD_Connection *c, const char *url,
			      const char *method, const char *version, const char *upload,
			      size_t *upload_size, void **req_cls)
{
	struct web *w = cls;
	struct request *q = *req_cls;
	struct reply *r;
	enum MHD_Result ok;

	(void)version;
	if (!q || q == TARGET_BAD)
		return begin(w, c, url, method, req_cls);
	if (q->kind == REQ_PHOTO)
		return web_photos_answer(w, c, q, upload, upload_size);
	if (q->waiting) { /* resumed: the transaction holding its sign-in has committed */
		ok = send_reply(c, q->waiting, true);
		free(q->waiting);
		q->waiting = NULL;
		return ok;
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
		return web_answer_with(w, c, 413, web_txt.too_big, web_txt.bad_request_text, NULL);
	q->body[q->len] = '\0';
	r = malloc(sizeof *r);
	if (!r)
		return MHD_NO;
	memset(r, 0, offsetof(struct reply, html));
	web_sign_in_post(w, c, url + 3, q, r);
	if (w->in_tx && q->signed_in) {
		wait_for_commit(w, c, q, r);
		return MHD_YES;
	}
	ok = send_reply(c, r, true);
	free(r);
	return ok;
}

/* Called with the target as the client sent it, before MHD decodes it: the only place a
 * malformed escape can still be seen. What it returns becomes the request's state; it
 * allocates nothing, since MHD may drop the request without telling request_end. */
static void *request_begin(void *cls, const char *uri, struct MHD_Connection *c)
{
	(void)cls;
	(void)c;
	return form_target_ok(uri) ? NULL : TARGET_BAD;
}

static void request_end(void *cls, struct MHD_Connection *c, void **req_cls,
			enum MHD_RequestTerminationCode toe)
{
	struct web *w = cls;
	struct request *q = *req_cls;

	(void)c;
	(void)toe;
	if (q && q != TARGET_BAD && q->kind == REQ_PHOTO) {
		web_photos_end(w, q);
	} else if (q && q != TARGET_BAD) {
		free(q->waiting);
		free(q);
	}
	*req_cls = NULL;
}

/* Remove year-old device rows now and then (at start, then daily). */
static void prune(struct web *w, int64_t now_ms)
{
	char err[512];

	if (now_ms < w->next_prune_ms)
		return;
	w->next_prune_ms = now_ms + PRUNE_EVERY_MS;
	if (devices_prune(w->db, clock_now(w->clock), err, sizeof err) < 0)
		web_log(w, WEB_LOG_DB, LOG_WARNING, "%s", err);
}

/* One turn of the loop, after its sleep: MHD's work, then the commit of the sign-ins it made.
 * True when connections were resumed (their answers wait to be sent: do not sleep). */
static bool turn(struct web *w, int64_t now_ms)
{
	bool resumed;

	MHD_run(w->daemon);
	web_photos_turn(w);
	resumed = flush(w) > 0;
	prune(w, now_ms);
	log_limit_flush(&w->logs[WEB_LOG_MHD], now_ms);
	return resumed;
}

/* The server's thread: turn MHD's loop, committing each turn's sign-ins together. It sleeps
 * in poll() until a phone sends something, a connection times out, web_stop wakes it, or
 * BEAT_MS pass (see the top of the file: a sleep without end could outlast the listening
 * socket). Connections resumed after a commit are not in MHD's epoll set yet, so the turn
 * after a commit does not sleep. */
static void *serve(void *arg)
{
	struct web *w = arg;
	const union MHD_DaemonInfo *info = MHD_get_daemon_info(w->daemon, MHD_DAEMON_INFO_EPOLL_FD);
	struct pollfd fds[2] = { { info ? info->epoll_fd : -1, POLLIN, 0 }, { w->wake[0], POLLIN, 0 } };
	bool resumed = false;

	while (!atomic_load(&w->stop)) {
		MHD_UNSIGNED_LONG_LONG next;
		int timeout = BEAT_MS;
		int64_t now_ms = clock_real_ms();
		atomic_store(&w->beat_ms, now_ms);
		if (MHD_get_timeout(w->daemon, &next) == MHD_YES && next < (MHD_UNSIGNED_LONG_LONG)timeout)
			timeout = (int)next;
		if (resumed)
			timeout = 0;
		if (poll(fds, 2, timeout) < 0 && errno != EINTR)
			break;
		resumed = turn(w, now_ms);
	}
	flush(w);
	return NULL;
}

int web_add_client(struct web *w, int fd)
{
	struct sockaddr_in sa;

	memset(&sa, 0, sizeof sa);
	sa.sin_family = AF_INET;
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	sa.sin_port = htons(40000);
	return MHD_add_connection(w->daemon, fd, (const struct sockaddr *)&sa, sizeof sa) == MHD_YES
		       ? 0 : -1;
}

void web_turn(struct web *w)
{
	turn(w, clock_real_ms());
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
	w->on_photo = cfg->on_photo;
	w->ctx = cfg->ctx;
	web_log_init(w);
	w->db = db_open(cfg->db_path, 0, err, errlen);
	if (!w->db)
		goto err;
	if (guesses_init(&w->guesses, w->db, err, errlen) < 0)
		goto err;
	w->guesses_ready = true;
	atomic_store(&w->beat_ms, clock_real_ms());
	if (token_key_load(w->db, w->key, err, errlen) < 0)
		goto err;
	if (web_photos_init(w, cfg->db_path) < 0) {
		snprintf(err, errlen, "无法启动照片上传的线程");
		goto err;
	}
	if (db_setting_get(w->db, "community_name", w->community, sizeof w->community) < 0)
		snprintf(w->community, sizeof w->community, "党员活动室");
	w->daemon = MHD_start_daemon(
		MHD_USE_EPOLL | MHD_ALLOW_SUSPEND_RESUME | MHD_USE_ERROR_LOG, 0, NULL, NULL, answer, w,
		MHD_OPTION_EXTERNAL_LOGGER, web_mhd_log, (void *)w,
		MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&sa,
		MHD_OPTION_LISTENING_ADDRESS_REUSE, (unsigned int)1,
		MHD_OPTION_CONNECTION_LIMIT, (unsigned int)CONNECTIONS_MAX,
		MHD_OPTION_PER_IP_CONNECTION_LIMIT, (unsigned int)PER_ADDRESS_MAX,
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
	    (!cfg->manual && pthread_create(&w->thread, NULL, serve, w) != 0)) {
		snprintf(err, errlen, "无法启动手机签到服务的线程");
		goto err;
	}
	w->thread_started = !cfg->manual;
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
			/* it still wakes on the next request, or within BEAT_MS */
			log_msg(LOG_WARNING, "手机签到服务：无法唤醒服务线程：%s", syserr(errno));
		pthread_join(w->thread, NULL);
	} else if (w->daemon) {
		flush(w); /* a manual server's last turn may have left a transaction open */
	}
	if (w->wake[0] >= 0)
		close(w->wake[0]);
	if (w->wake[1] >= 0)
		close(w->wake[1]);
	web_photos_free(w);
	if (w->daemon)
		MHD_stop_daemon(w->daemon);
	if (w->guesses_ready)
		guesses_free(&w->guesses);
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
bool web_alive(const struct web *w, int64_t now_ms)
{
	return !w || !w->thread_started || now_ms - atomic_load(&w->beat_ms) < WEB_STALL_MS;
}
