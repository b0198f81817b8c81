/* One line per message on stderr, which systemd hands to the journal. */
#include "core/base/log.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

static void vlog(int priority, const char *fmt, va_list ap)
{
	char line[2048];

	vsnprintf(line, sizeof line, fmt, ap);
	if (getenv("JOURNAL_STREAM"))
		fprintf(stderr, "<%d>%s\n", priority & 7, line);
	else
		fprintf(stderr, "kiosk: %s\n", line);
}

void log_msg(int priority, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vlog(priority, fmt, ap);
	va_end(ap);
}

void log_limit_flush(struct log_limit *l, int64_t now_ms)
{
	if (l->start_ms == 0 || now_ms - l->start_ms < LOG_LIMIT_WINDOW_MS)
		return;
	if (l->suppressed > 0)
		log_msg(LOG_WARNING, "%s：上一分钟另有 %d 条同类消息未记录", l->kind, l->suppressed);
	l->start_ms = 0;
	l->lines = 0;
	l->suppressed = 0;
}

void log_limited(struct log_limit *l, int64_t now_ms, int priority, const char *fmt, ...)
{
	va_list ap;

	log_limit_flush(l, now_ms);
	if (l->start_ms == 0)
		l->start_ms = now_ms ? now_ms : 1;
	if (l->lines >= LOG_LIMIT_LINES) {
		l->suppressed++;
		return;
	}
	l->lines++;
	va_start(ap, fmt);
	vlog(priority, fmt, ap);
	va_end(ap);
}
