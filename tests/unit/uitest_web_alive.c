/* The phone server's liveness (issue 11): its loop turns at least once a second even when no
 * phone is connected (an unbounded sleep once outlasted its listening socket), so its
 * heartbeat stays fresh; a stale heartbeat stops the systemd watchdog's pings for good. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <time.h>
#include <unistd.h>

#include "core/base/clock.h"
#include "core/party/token.h"
#include "testdb.h"
#include "watchdog.h"
#include "web/web.h"

static void test_an_idle_server_keeps_its_heartbeat_fresh(void **state)
{
	struct testdb *t = testdb_new();
	struct web_config cfg = { 0 };
	struct kclock clock;
	struct web *w;
	uint8_t key[TOKEN_KEY_BYTES];
	int64_t now;

	(void)state;
	assert_int_equal(token_key_load(t->db, key, t->err, sizeof t->err), 0);
	clock_init(&clock, clock_real_ms(), true);
	cfg.db_path = t->path;
	cfg.listen = "127.0.0.1:0";
	cfg.clock = &clock;
	w = web_start(&cfg, t->err, sizeof t->err);
	assert_non_null(w);
	usleep(2500 * 1000); /* no connection, nothing to time out: only the beat wakes it */
	now = clock_real_ms();
	assert_true(web_alive(w, now));
	/* The last beat came within the last 1.5 s, long after the server started. */
	assert_true(web_alive(w, now + WEB_STALL_MS - 1500));
	assert_false(web_alive(w, now + WEB_STALL_MS + 1000));
	assert_true(web_alive(NULL, now));               /* no server, nothing to watch */
	web_stop(w);
	testdb_free(t);
}

static void test_a_stuck_server_stops_the_watchdog_pings_for_good(void **state)
{
	struct watchdog wd = { .interval_ms = 1000, .last_ms = 0 };

	(void)state;
	watchdog_ping(&wd, 5000, true);
	assert_int_equal(wd.last_ms, 5000);
	watchdog_ping(&wd, 7000, false);
	assert_true(wd.stalled);
	assert_int_equal(wd.last_ms, 5000);
	watchdog_ping(&wd, 9000, true); /* back again is too late: systemd restarts the kiosk */
	assert_int_equal(wd.last_ms, 5000);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_an_idle_server_keeps_its_heartbeat_fresh),
		cmocka_unit_test(test_a_stuck_server_stops_the_watchdog_pings_for_good),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
