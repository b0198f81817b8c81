/* sd_notify from libsystemd: the protocol is a datagram to $NOTIFY_SOCKET, which the library
 * handles (abstract sockets, credentials); when the variable is unset every call is a no-op. */
#include "watchdog.h"

#include <stdio.h>

#include "core/base/log.h"
#include <systemd/sd-daemon.h>

void watchdog_init(struct watchdog *w)
{
	uint64_t usec = 0;

	w->interval_ms = 0;
	w->last_ms = 0;
	w->stalled = false;
	if (sd_watchdog_enabled(0, &usec) > 0 && usec > 0)
		w->interval_ms = (int64_t)(usec / 2000); /* half the timeout, in ms */
}

void watchdog_ready(struct watchdog *w, const char *status)
{
	(void)w;
	sd_notifyf(0, "READY=1\nSTATUS=%s", status);
}

void watchdog_ping(struct watchdog *w, int64_t now_ms, bool alive)
{
	if (!alive && !w->stalled) {
		w->stalled = true;
		log_msg(LOG_ERR, "手机签到服务已停止响应%s", w->interval_ms > 0 ?
			"，不再通知 systemd，kiosk 将由 systemd 重新启动" :
			"（没有 systemd 看门狗：请重新启动 kiosk）");
	}
	if (w->stalled || w->interval_ms <= 0 || now_ms - w->last_ms < w->interval_ms)
		return;
	w->last_ms = now_ms;
	sd_notify(0, "WATCHDOG=1");
}

void watchdog_waiting(struct watchdog *w, const char *status, int next_try_ms)
{
	(void)w;
	/* Start-up is not over until READY=1, so systemd's start timeout, not the watchdog, is
	 * what runs: ask for time until a little after the next try. */
	sd_notifyf(0, "STATUS=%s\nEXTEND_TIMEOUT_USEC=%llu", status,
		   (unsigned long long)(next_try_ms + 30000) * 1000ULL);
}

void watchdog_stopping(struct watchdog *w)
{
	(void)w;
	sd_notify(0, "STOPPING=1");
}
