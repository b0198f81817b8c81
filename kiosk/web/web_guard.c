/* Who may ask what, and what the server says about it in the log (issue 11).
 *
 * The log: everything the server logs goes through log.c, at a priority, so the journal shows
 * it as it shows the rest of the kiosk; and each kind of event has its own limit of a few
 * lines a minute, because anyone on the room's Wi-Fi can cause these events at will (12,000
 * malformed requests once wrote 10,000 lines in 3.7 s). What a limit leaves out is counted in
 * one line when its minute is over.
 *
 * Origin: a page on another site could post a form into ours from a member's phone (signing
 * in whoever it names, with the phone's cookie). Browsers name the page a POST comes from in
 * Origin, so a POST whose Origin is another host than the one it was sent to is refused.
 * Older browsers send no Origin, and ours sends "null" (the page says no-referrer): both are
 * let through, since the form's stamp and the guessing limits still apply to them.
 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>

#include "core/base/clock.h"
#include "web/web_priv.h"

void web_log_init(struct web *w)
{
	static const char *const kinds[WEB_LOG_KINDS] = {
		[WEB_LOG_DB] = "手机签到服务：数据库",
		[WEB_LOG_MHD] = "手机签到服务：连接",
		[WEB_LOG_REFUSED] = "手机签到服务：拒绝的请求",
		[WEB_LOG_GUESSES] = "手机签到服务：输错次数",
	};
	int i;

	for (i = 0; i < WEB_LOG_KINDS; i++) {
		memset(&w->logs[i], 0, sizeof w->logs[i]);
		w->logs[i].kind = kinds[i];
	}
}

void web_log(struct web *w, enum web_log kind, int priority, const char *fmt, ...)
{
	char line[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(line, sizeof line, fmt, ap);
	va_end(ap);
	log_limited(&w->logs[kind], clock_real_ms(), priority, "%s：%s", w->logs[kind].kind, line);
}

void web_mhd_log(void *cls, const char *fmt, va_list ap)
{
	struct web *w = cls;
	char line[1024];
	size_t n;

	vsnprintf(line, sizeof line, fmt, ap);
	n = strlen(line);
	while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
		line[--n] = '\0';
	web_log(w, WEB_LOG_MHD, LOG_WARNING, "libmicrohttpd：%s", line);
}

void web_client_address(struct MHD_Connection *c, char *out, size_t size)
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

/* The host and port of an Origin ("http://192.168.1.10:8080" -> "192.168.1.10:8080"), with
 * the scheme's default port made explicit, into out; false when it is not http(s). */
static bool origin_authority(const char *origin, char *out, size_t size)
{
	const char *rest;
	bool https;

	if (strncasecmp(origin, "http://", 7) == 0) {
		rest = origin + 7;
		https = false;
	} else if (strncasecmp(origin, "https://", 8) == 0) {
		rest = origin + 8;
		https = true;
	} else {
		return false;
	}
	if (!*rest || strchr(rest, '/') || strlen(rest) + 5 >= size)
		return false;
	/* A port follows the last colon after any IPv6 bracket. */
	if (strrchr(rest, ':') && strrchr(rest, ':') > (strchr(rest, ']') ? strchr(rest, ']') : rest))
		snprintf(out, size, "%s", rest);
	else
		snprintf(out, size, "%s:%s", rest, https ? "443" : "80");
	return true;
}

/* The Host header the same way; a Host without a port is taken as port 80 (or 443 when the
 * Origin was https: a reverse proxy in front of us). */
static void host_authority(const char *host, bool https, char *out, size_t size)
{
	const char *colon = strrchr(host, ':'), *bracket = strchr(host, ']');

	if (colon && colon > (bracket ? bracket : host))
		snprintf(out, size, "%s", host);
	else
		snprintf(out, size, "%s:%s", host, https ? "443" : "80");
}

bool web_origin_ok(struct MHD_Connection *c)
{
	const char *origin = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Origin");
	const char *host = MHD_lookup_connection_value(c, MHD_HEADER_KIND, MHD_HTTP_HEADER_HOST);
	char o[300], h[300];

	if (!origin || strcmp(origin, "null") == 0)
		return true;
	if (!host || !origin_authority(origin, o, sizeof o))
		return false;
	host_authority(host, strncasecmp(origin, "https:", 6) == 0, h, sizeof h);
	return strcasecmp(o, h) == 0;
}
