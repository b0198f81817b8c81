/* Log lines for the journal. Under systemd (JOURNAL_STREAM set) each line starts with its
 * priority as "<3>", which journald reads, so `journalctl -p warning -u kiosk` finds problems;
 * on a terminal lines read "kiosk: …". Only events are logged, never per frame or per tap, so
 * nothing wears out an SD card. */
#ifndef KIOSK_CORE_LOG_H
#define KIOSK_CORE_LOG_H

#include <syslog.h> /* LOG_ERR, LOG_WARNING, LOG_INFO */

void log_msg(int priority, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#endif
