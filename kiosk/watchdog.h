/* Telling systemd the kiosk is up (READY=1) and alive (WATCHDOG=1 from the main loop, so a
 * hung screen stops the pings and systemd restarts it). Does nothing outside systemd. */
#ifndef KIOSK_WATCHDOG_H
#define KIOSK_WATCHDOG_H

#include <stdint.h>

struct watchdog {
	int64_t interval_ms; /* how often to ping; 0 when systemd does not watch us */
	int64_t last_ms;
};

/* Read the watchdog settings systemd gave (WATCHDOG_USEC); ping at half the timeout. */
void watchdog_init(struct watchdog *w);
/* The first frame is on the screen: READY=1, with a status line for systemctl status. */
void watchdog_ready(struct watchdog *w, const char *status);
/* Called each turn of the main loop; pings when due (monotonic ms). */
void watchdog_ping(struct watchdog *w, int64_t now_ms);
/* Still starting, waiting for something (the screen): a status line, and more start time
 * from systemd, enough to reach the next try NEXT_TRY_MS from now. */
void watchdog_waiting(struct watchdog *w, const char *status, int next_try_ms);
/* Stopping: STOPPING=1. */
void watchdog_stopping(struct watchdog *w);

#endif
