/* Phone sign-in rules without HTTP: which meeting a token or a page stamp belongs to, expired
 * (410) against never ours (403), who a member is from name and digits, and device cookies. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "core/base/clock.h"
#include "web/devices.h"
#include "core/party/meetings.h"
#include "web/phone.h"
#include "core/party/token.h"
#include "testdb.h"

struct fixture {
	struct testdb *t;
	uint8_t key[TOKEN_KEY_BYTES];
	struct meeting m;
	time_t now;
	int64_t zhang, wang1, wang2, zhao;
};

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof *f);

	f->t = testdb_new();
	assert_int_equal(token_key_load(f->t->db, f->key, f->t->err, sizeof f->t->err), 0);
	f->zhang = testdb_member(f->t, "张三", "第一党支部", NULL, "13800001234");
	f->wang1 = testdb_member(f->t, "王芳", "第一党支部", NULL, "13600008888");
	f->wang2 = testdb_member(f->t, "王芳", "第二党支部", NULL, "13500008888");
	f->zhao = testdb_member(f->t, "赵六", "第二党支部", NULL, NULL);
	testdb_member(f->t, "李四", "第一党支部", NULL, "13900001234");
	meeting_init(&f->m);
	f->m.kind = MK_LECTURE;
	snprintf(f->m.title, sizeof f->m.title, "党课");
	clock_parse("2026-12-01 09:00", &f->m.start);
	f->m.end = f->m.start + 7200;
	assert_int_equal(meetings_add(f->t->db, &f->m, "test", f->t->err, sizeof f->t->err), 0);
	f->now = f->m.start + 600;
	*state = f;
	return 0;
}

static enum phone_verdict verdict_of(struct fixture *f, const char *token, time_t now)
{
	enum phone_verdict v;
	struct meeting m;

	assert_int_equal(phone_token_meeting(f->t->db, f->key, token, now, &m, &v, f->t->err,
					     sizeof f->t->err), 0);
	if (v == PHONE_OK)
		assert_int_equal(m.id, f->m.id);
	return v;
}

static void test_token_of_the_meeting_on_now_is_accepted(void **state)
{
	struct fixture *f = *state;
	char t[TOKEN_LEN];

	token_make(f->key, f->m.uuid, token_period(f->now), t);
	assert_int_equal(verdict_of(f, t, f->now), PHONE_OK);
	token_make(f->key, f->m.uuid, token_period(f->now) - 1, t);
	assert_int_equal(verdict_of(f, t, f->now), PHONE_OK);
}

static void test_old_token_of_this_kiosk_is_expired_not_forged(void **state)
{
	struct fixture *f = *state;
	char t[TOKEN_LEN];

	token_make(f->key, f->m.uuid, token_period(f->now) - 2, t);
	assert_int_equal(verdict_of(f, t, f->now), PHONE_EXPIRED);
	/* A photo of the QR opened at home after the meeting ended. */
	assert_int_equal(verdict_of(f, t, f->m.end + 3600), PHONE_EXPIRED);
	/* Long after, it is no longer recognised at all. */
	assert_int_equal(verdict_of(f, t, f->now + PHONE_LOOKBACK_SECONDS + 7200), PHONE_FORGED);
}

static void test_made_up_or_malformed_token_is_forged(void **state)
{
	struct fixture *f = *state;
	uint8_t other[TOKEN_KEY_BYTES] = { 42 };
	char t[TOKEN_LEN];

	token_make(other, f->m.uuid, token_period(f->now), t); /* another kiosk's */
	assert_int_equal(verdict_of(f, t, f->now), PHONE_FORGED);
	assert_int_equal(verdict_of(f, "AAAAAAAAAAAAAAAA", f->now), PHONE_FORGED);
	assert_int_equal(verdict_of(f, "short", f->now), PHONE_FORGED);
	assert_int_equal(verdict_of(f, "AAAAAAAAAAAAAAA!", f->now), PHONE_FORGED);
	assert_int_equal(verdict_of(f, "AAAAAAAAAAAAAAAAA", f->now), PHONE_FORGED);
}

static enum phone_verdict stamp_verdict(struct fixture *f, const char *token, int64_t opened,
					const char *stamp, time_t now)
{
	enum phone_verdict v;
	struct meeting m;

	assert_int_equal(phone_stamp_meeting(f->t->db, f->key, token, opened, stamp, now, &m, &v,
					     f->t->err, sizeof f->t->err), 0);
	return v;
}

static void test_page_stamp_lasts_two_minutes_after_the_qr_turned(void **state)
{
	struct fixture *f = *state;
	char t[TOKEN_LEN], s[TOKEN_LEN];
	int64_t opened = f->now;

	token_make(f->key, f->m.uuid, token_period(opened), t);
	token_form_stamp(f->key, f->m.uuid, opened, s);
	assert_int_equal(stamp_verdict(f, t, opened, s, f->now + 90), PHONE_OK);
	assert_int_equal(stamp_verdict(f, t, opened, s, f->now + TOKEN_FORM_SECONDS), PHONE_OK);
	assert_int_equal(stamp_verdict(f, t, opened, s, f->now + TOKEN_FORM_SECONDS + 1),
			 PHONE_EXPIRED);
	/* The same stamp claimed for another moment, or with a token from another time. */
	assert_int_equal(stamp_verdict(f, t, opened + 1, s, f->now + 10), PHONE_FORGED);
	token_make(f->key, f->m.uuid, token_period(opened) - 5, t);
	assert_int_equal(stamp_verdict(f, t, opened, s, f->now + 10), PHONE_FORGED);
	/* Absurd times are refused outright. */
	assert_int_equal(stamp_verdict(f, t, 0, s, f->now), PHONE_FORGED);
	assert_int_equal(stamp_verdict(f, t, f->now + 3600, s, f->now), PHONE_FORGED);
}

static struct phone_match who(struct fixture *f, const char *name, const char *tail,
			      int64_t branch)
{
	struct phone_match m;

	assert_int_equal(phone_identify(f->t->db, name, tail, branch, &m, f->t->err,
					sizeof f->t->err), 0);
	return m;
}

static void test_name_and_four_digits_identify_one_member(void **state)
{
	struct fixture *f = *state;
	struct phone_match m = who(f, "张三", "1234", 0);

	assert_int_equal(m.who, PHONE_FOUND);
	assert_int_equal(m.member_id, f->zhang);
	assert_string_equal(m.name, "张三");
	assert_int_equal(who(f, " 张　三 ", "1234", 0).who, PHONE_FOUND); /* spaces, full-width too */
	assert_int_equal(who(f, "张三", "1235", 0).who, PHONE_NOBODY);
	assert_int_equal(who(f, "张", "1234", 0).who, PHONE_NOBODY);
	assert_int_equal(who(f, "张三", "123", 0).who, PHONE_NOBODY);
	assert_int_equal(who(f, "张三", "12345", 0).who, PHONE_NOBODY);
	assert_int_equal(who(f, "张三", "12a4", 0).who, PHONE_NOBODY);
	assert_int_equal(who(f, "", "1234", 0).who, PHONE_NOBODY);
}

static void test_namesakes_with_the_same_digits_need_the_branch(void **state)
{
	struct fixture *f = *state;
	struct member m;
	struct phone_match p = who(f, "王芳", "8888", 0);

	assert_int_equal(p.who, PHONE_SEVERAL);
	assert_int_equal(p.member_id, 0);
	assert_int_equal(members_get(f->t->db, f->wang2, &m, f->t->err, sizeof f->t->err), 0);
	p = who(f, "王芳", "8888", m.branch_id);
	assert_int_equal(p.who, PHONE_FOUND);
	assert_int_equal(p.member_id, f->wang2);
}

static void test_member_without_phone_is_told_so(void **state)
{
	struct fixture *f = *state;

	assert_int_equal(who(f, "赵六", "1234", 0).who, PHONE_NO_PHONE);
	assert_int_equal(who(f, "无此人", "1234", 0).who, PHONE_NOBODY);
}

static void test_device_cookie_is_stored_hashed_and_names_its_member(void **state)
{
	struct fixture *f = *state;
	char cookie[DEVICE_COOKIE_LEN], other[DEVICE_COOKIE_LEN], hash[200];
	int64_t id = 0;
	sqlite3_stmt *st;

	assert_int_equal(devices_add(f->t->db, f->zhang, f->now, cookie, f->t->err, sizeof f->t->err), 0);
	assert_int_equal(strlen(cookie), DEVICE_COOKIE_CHARS);
	assert_int_equal(devices_member(f->t->db, cookie, &id), 0);
	assert_int_equal(id, f->zhang);
	assert_int_equal(devices_add(f->t->db, f->zhang, f->now, other, f->t->err, sizeof f->t->err), 0);
	assert_string_not_equal(cookie, other);
	cookie[0] = cookie[0] == 'A' ? 'B' : 'A';
	assert_int_equal(devices_member(f->t->db, cookie, &id), -1);
	assert_int_equal(devices_member(f->t->db, "", &id), -1);
	/* Nothing in the table is the cookie itself. */
	assert_int_equal(sqlite3_prepare_v2(f->t->db->sql, "SELECT cookie_hash FROM devices", -1, &st, NULL), SQLITE_OK);
	while (sqlite3_step(st) == SQLITE_ROW) {
		snprintf(hash, sizeof hash, "%s", (const char *)sqlite3_column_text(st, 0));
		assert_null(strstr(hash, other));
		assert_int_equal(strlen(hash), 64);
	}
	sqlite3_finalize(st);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_token_of_the_meeting_on_now_is_accepted, setup, testdb_fixture_teardown),
		cmocka_unit_test_setup_teardown(test_old_token_of_this_kiosk_is_expired_not_forged, setup, testdb_fixture_teardown),
		cmocka_unit_test_setup_teardown(test_made_up_or_malformed_token_is_forged, setup, testdb_fixture_teardown),
		cmocka_unit_test_setup_teardown(test_page_stamp_lasts_two_minutes_after_the_qr_turned, setup, testdb_fixture_teardown),
		cmocka_unit_test_setup_teardown(test_name_and_four_digits_identify_one_member, setup, testdb_fixture_teardown),
		cmocka_unit_test_setup_teardown(test_namesakes_with_the_same_digits_need_the_branch, setup, testdb_fixture_teardown),
		cmocka_unit_test_setup_teardown(test_member_without_phone_is_told_so, setup, testdb_fixture_teardown),
		cmocka_unit_test_setup_teardown(test_device_cookie_is_stored_hashed_and_names_its_member, setup, testdb_fixture_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
