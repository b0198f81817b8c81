/* Telling systemd the kiosk is up (READY=1) and alive (WATCHDOG=1 from the main loop, so a
 * hung screen stops the pings and systemd restarts it). The phone server runs on a thread of
 * its own, which a hung screen says nothing about: the loop passes whether it is still
 * turning (web_alive), and a server that is not stops the pings too. Does nothing outside
 * systemd. */
#ifndef KIOSK_WATCHDOG_H
#define KIOSK_WATCHDOG_H

#include <stdbool.h>
#include <stdint.h>

struct watchdog {
	int64_t interval_ms; /* how often to ping; 0 when systemd does not watch us */
	int64_t last_ms;
	bool stalled; /* a part of the kiosk stopped answering: no more pings */
};

/* Read the watchdog settings systemd gave (WATCHDOG_USEC); ping at half the timeout. */
void watchdog_init(struct watchdog *w);
/* The first frame is on the screen: READY=1, with a status line for systemctl status. */
void watchdog_ready(struct watchdog *w, const char *status);
/* Called each turn of the main loop; pings when due (monotonic ms), unless alive is false
 * (the phone server's thread has stopped turning): then it says so once and never pings
 * again, and systemd restarts the kiosk when its timeout runs out. */
void watchdog_ping(struct watchdog *w, int64_t now_ms, bool alive);
/* Still starting, waiting for something (the screen): a status line, and more start time
 * from systemd, enough to reach the next try NEXT_TRY_MS from now. */
void watchdog_waiting(struct watchdog *w, const char *status, int next_try_ms);
/* Stopping: STOPPING=1. */
void watchdog_stopping(struct watchdog *w);

#endif
