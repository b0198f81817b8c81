/* Staff PINs, the lockout and the staff-mode session, against a real database file. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "core/party/attendance.h"
#include "core/base/clock.h"
#include "core/party/meetings.h"
#include "core/party/staff.h"
#include "testdb.h"

static int setup(void **state)
{
	*state = testdb_new();
	return 0;
}

static int teardown(void **state)
{
	testdb_free(*state);
	return 0;
}

static void test_pin_must_be_4_to_8_digits_and_not_easy(void **state)
{
	char err[256];

	(void)state;
	assert_int_equal(staff_pin_check("246810", err, sizeof err), 0);
	assert_int_equal(staff_pin_check("3829", err, sizeof err), 0);
	assert_int_equal(staff_pin_check("38291574", err, sizeof err), 0);
	assert_int_equal(staff_pin_check("382", err, sizeof err), -1);
	assert_non_null(strstr(err, "4 到 8 位数字"));
	assert_int_equal(staff_pin_check("382915740", err, sizeof err), -1);
	assert_int_equal(staff_pin_check("38a9", err, sizeof err), -1);
	assert_int_equal(staff_pin_check("0000", err, sizeof err), -1);
	assert_non_null(strstr(err, "太容易"));
	assert_int_equal(staff_pin_check("1234", err, sizeof err), -1);
	assert_int_equal(staff_pin_check("123456", err, sizeof err), -1);
	assert_int_equal(staff_pin_check("7890", err, sizeof err), -1);
	assert_int_equal(staff_pin_check("4321", err, sizeof err), -1);
	assert_int_equal(staff_pin_check("88888888", err, sizeof err), -1);
}

static void test_pin_hash_verifies_and_does_not_contain_the_pin(void **state)
{
	char hash[STAFF_HASH_LEN], again[STAFF_HASH_LEN];

	(void)state;
	assert_int_equal(staff_pin_hash("246810", hash), 0);
	assert_non_null(strstr(hash, "$argon2id$"));
	assert_null(strstr(hash, "246810"));
	assert_true(staff_pin_verify(hash, "246810"));
	assert_false(staff_pin_verify(hash, "246811"));
	assert_false(staff_pin_verify(hash, ""));
	assert_false(staff_pin_verify("", "246810"));
	/* Salted: the same PIN hashes differently each time. */
	assert_int_equal(staff_pin_hash("246810", again), 0);
	assert_string_not_equal(hash, again);
}

static void test_set_pin_stores_a_hash_and_audits(void **state)
{
	struct testdb *t = *state;
	struct staff_member list[4];
	sqlite3_stmt *st;
	char stored[256] = "";

	assert_int_equal(staff_set_pin(t->db, "张敏", "382915", "test", 1000, t->err, sizeof t->err), 0);
	assert_int_equal(staff_list(t->db, list, 4, t->err, sizeof t->err), 1);
	assert_string_equal(list[0].name, "张敏");
	assert_true(list[0].has_pin);
	assert_int_equal(sqlite3_prepare_v2(t->db->sql, "SELECT pin_hash FROM staff", -1, &st, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	db_column_text(st, 0, stored, sizeof stored);
	sqlite3_finalize(st);
	assert_null(strstr(stored, "382915"));
	assert_true(staff_pin_verify(stored, "382915"));
	/* Setting it again replaces it, for the same person. */
	assert_int_equal(staff_set_pin(t->db, "张敏", "902817", "test", 1000, t->err, sizeof t->err), 0);
	assert_int_equal(staff_list(t->db, list, 4, t->err, sizeof t->err), 1);
	assert_int_equal(staff_set_pin(t->db, "张敏", "1111", "test", 1000, t->err, sizeof t->err), -1);
	assert_int_equal(staff_set_pin(t->db, "", "902817", "test", 1000, t->err, sizeof t->err), -1);
	assert_int_equal(sqlite3_prepare_v2(t->db->sql, "SELECT count(*) FROM audit_log WHERE action ="
					    " '设置管理密码' AND detail NOT LIKE '%9028%'", -1, &st, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	assert_int_equal(sqlite3_column_int(st, 0), 2);
	sqlite3_finalize(st);
}

static void test_lockout_after_five_then_doubles(void **state)
{
	struct staff_lock l = { 0 };
	time_t now = 1000000;
	int i;

	(void)state;
	for (i = 0; i < 4; i++) {
		staff_lock_fail(&l, now);
		assert_false(staff_lock_active(&l, now));
	}
	assert_int_equal(staff_lock_tries_left(&l), 1);
	staff_lock_fail(&l, now);
	assert_true(staff_lock_active(&l, now));
	assert_int_equal(l.until - now, 5 * 60);
	assert_true(staff_lock_active(&l, now + 299));
	assert_false(staff_lock_active(&l, now + 300));
	/* Five more wrong after the lock ends: ten minutes, then twenty. */
	now += 300;
	for (i = 0; i < 5; i++)
		staff_lock_fail(&l, now);
	assert_int_equal(l.until - now, 10 * 60);
	now += 600;
	for (i = 0; i < 5; i++)
		staff_lock_fail(&l, now);
	assert_int_equal(l.until - now, 20 * 60);
	/* Never more than a day. */
	for (i = 0; i < 100; i++)
		staff_lock_fail(&l, now);
	assert_int_equal(l.until - now, STAFF_LOCK_MAX_SECONDS);
}

static void test_login_locks_and_the_lock_survives_a_restart(void **state)
{
	struct testdb *t = *state;
	struct staff_member s[1];
	struct staff_lock l;
	char name[STAFF_NAME];
	time_t now = 2000000;
	int i;

	assert_int_equal(staff_set_pin(t->db, "张敏", "382915", "test", now, t->err, sizeof t->err), 0);
	assert_int_equal(staff_list(t->db, s, 1, t->err, sizeof t->err), 1);
	for (i = 0; i < 4; i++)
		assert_int_equal(staff_login(t->db, s[0].id, "000111", now, &l, name, t->err, sizeof t->err),
				 STAFF_WRONG);
	assert_int_equal(staff_lock_tries_left(&l), 1);
	assert_int_equal(staff_login(t->db, s[0].id, "000111", now, &l, name, t->err, sizeof t->err),
			 STAFF_WRONG);
	assert_true(staff_lock_active(&l, now));
	/* Reopen the database: still locked; even the right PIN is not checked. */
	db_close(t->db);
	t->db = db_open(t->path, 0, t->err, sizeof t->err);
	assert_non_null(t->db);
	assert_int_equal(staff_login(t->db, s[0].id, "382915", now + 299, &l, name, t->err, sizeof t->err),
			 STAFF_LOCKED);
	/* After five minutes the right PIN opens and clears the count. */
	assert_int_equal(staff_login(t->db, s[0].id, "382915", now + 300, &l, name, t->err, sizeof t->err),
			 STAFF_OK);
	assert_string_equal(name, "张敏");
	staff_lock_load(t->db, &l);
	assert_int_equal(l.failures, 0);
	assert_int_equal(l.lockouts, 0);
}

static void test_lock_doubles_across_logins(void **state)
{
	struct testdb *t = *state;
	struct staff_member s[1];
	struct staff_lock l;
	char name[STAFF_NAME];
	time_t now = 3000000;
	int i;

	assert_int_equal(staff_set_pin(t->db, "张敏", "382915", "test", now, t->err, sizeof t->err), 0);
	staff_list(t->db, s, 1, t->err, sizeof t->err);
	for (i = 0; i < 5; i++)
		staff_login(t->db, s[0].id, "999000", now, &l, name, t->err, sizeof t->err);
	now = l.until;
	for (i = 0; i < 5; i++)
		staff_login(t->db, s[0].id, "999000", now, &l, name, t->err, sizeof t->err);
	assert_int_equal(l.until - now, 600);
	assert_int_equal(staff_login(t->db, s[0].id, "382915", now + 599, &l, name, t->err,
				     sizeof t->err), STAFF_LOCKED);
	/* Setting the PIN again (kioskctl staff add) lifts the lock. */
	assert_int_equal(staff_set_pin(t->db, "张敏", "382915", "test", now, t->err, sizeof t->err), 0);
	assert_int_equal(staff_login(t->db, s[0].id, "382915", now + 1, &l, name, t->err,
				     sizeof t->err), STAFF_OK);
}

static void test_session_closes_after_two_minutes_untouched(void **state)
{
	struct staff_session s = { 0 };

	(void)state;
	assert_false(staff_session_expired(&s, 0));
	staff_session_open(&s, 1, "张敏", 10000);
	assert_true(s.open);
	assert_false(staff_session_expired(&s, 10000 + STAFF_IDLE_MS - 1));
	staff_session_touch(&s, 60000);
	assert_false(staff_session_expired(&s, 10000 + STAFF_IDLE_MS));
	assert_int_equal(staff_session_deadline(&s), 60000 + STAFF_IDLE_MS);
	assert_true(staff_session_expired(&s, 60000 + STAFF_IDLE_MS));
	staff_session_close(&s);
	assert_false(s.open);
	assert_string_equal(s.name, "");
	assert_int_equal(staff_session_deadline(&s), 0);
}

static void test_door_opens_on_five_taps_within_four_seconds(void **state)
{
	struct staff_session s = { 0 };
	int i;

	(void)state;
	for (i = 0; i < 4; i++)
		assert_false(staff_door_tap(&s, 1000 + i * 500));
	assert_true(staff_door_tap(&s, 3000));
	/* Too slow: the count starts over. */
	for (i = 0; i < 4; i++)
		assert_false(staff_door_tap(&s, 10000 + i * 1200));
	assert_false(staff_door_tap(&s, 10000 + 4 * 1200));
	assert_false(staff_door_tap(&s, 15000));
	assert_false(staff_door_tap(&s, 15100));
	assert_false(staff_door_tap(&s, 15200));
	assert_true(staff_door_tap(&s, 15300));
}

static void test_staff_sign_in_is_method_staff_and_audited(void **state)
{
	struct testdb *t = *state;
	struct meeting m;
	struct checkin c;
	sqlite3_stmt *st;
	int64_t a = testdb_member(t, "甲", "第一党支部", "正式", NULL);
	int64_t b = testdb_member(t, "乙", "第二党支部", "正式", NULL);

	meeting_init(&m);
	m.kind = MK_ASSEMBLY;
	snprintf(m.branch, sizeof m.branch, "第一党支部");
	clock_parse("2026-12-01 09:00", &m.start);
	m.end = m.start + 3600;
	assert_int_equal(meetings_add(t->db, &m, "test", t->err, sizeof t->err), 0);
	assert_int_equal(staff_sign_in(t->db, m.id, a, "张敏", m.start, &c, t->err, sizeof t->err), 0);
	assert_false(c.already);
	assert_false(c.guest);
	assert_int_equal(staff_sign_in(t->db, m.id, a, "张敏", m.start + 60, &c, t->err, sizeof t->err), 0);
	assert_true(c.already);
	assert_int_equal(staff_sign_in(t->db, m.id, b, "张敏", m.start, &c, t->err, sizeof t->err), 0);
	assert_true(c.guest);
	assert_int_equal(sqlite3_prepare_v2(t->db->sql, "SELECT count(*) FROM attendance WHERE method"
					    " = 'staff'", -1, &st, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	assert_int_equal(sqlite3_column_int(st, 0), 2);
	sqlite3_finalize(st);
	assert_int_equal(sqlite3_prepare_v2(t->db->sql, "SELECT count(*) FROM audit_log WHERE action"
					    " = '代签到' AND actor = '张敏'", -1, &st, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	assert_int_equal(sqlite3_column_int(st, 0), 2);
	sqlite3_finalize(st);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_pin_must_be_4_to_8_digits_and_not_easy),
		cmocka_unit_test(test_pin_hash_verifies_and_does_not_contain_the_pin),
		cmocka_unit_test_setup_teardown(test_set_pin_stores_a_hash_and_audits, setup, teardown),
		cmocka_unit_test(test_lockout_after_five_then_doubles),
		cmocka_unit_test_setup_teardown(test_login_locks_and_the_lock_survives_a_restart, setup, teardown),
		cmocka_unit_test_setup_teardown(test_lock_doubles_across_logins, setup, teardown),
		cmocka_unit_test(test_session_closes_after_two_minutes_untouched),
		cmocka_unit_test(test_door_opens_on_five_taps_within_four_seconds),
		cmocka_unit_test_setup_teardown(test_staff_sign_in_is_method_staff_and_audited, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
