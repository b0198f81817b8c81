/* Log lines for the journal. Under systemd (JOURNAL_STREAM set) each line starts with its
 * priority as "<3>", which journald reads, so `journalctl -p warning -u kiosk` finds problems;
 * on a terminal lines read "kiosk: …". Only events are logged, never per frame or per tap, so
 * nothing wears out an SD card.
 *
 * Events a stranger can cause at will (a malformed request from the Wi-Fi) go through a
 * log_limit, one per kind of event: at most LOG_LIMIT_LINES lines of a kind a minute, and when
 * the minute is over one line saying how many were left out. */
#ifndef KIOSK_CORE_LOG_H
#define KIOSK_CORE_LOG_H

#include <stdint.h>
#include <syslog.h> /* LOG_ERR, LOG_WARNING, LOG_INFO */

#define LOG_LIMIT_LINES 5
#define LOG_LIMIT_WINDOW_MS (60 * 1000)

struct log_limit {
	const char *kind;  /* names the event in the "left out" line */
	int64_t start_ms;  /* the current window; 0: none yet */
	int lines;         /* written in it */
	int suppressed;    /* left out of it */
};

void log_msg(int priority, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* log_msg, unless this kind has had its lines this minute (now_ms: any monotonic clock). */
void log_limited(struct log_limit *l, int64_t now_ms, int priority, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

/* Say how many lines were left out of a window that has ended (log_limited does this itself
 * when the next line of the kind comes; call it now and then so a flood that stopped is still
 * counted). */
void log_limit_flush(struct log_limit *l, int64_t now_ms);

#endif
