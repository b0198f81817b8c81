/* The QR tokens rotate, expire, and cannot be forged; sign-in pages expire after two minutes. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "core/party/token.h"
#include "testdb.h"

static const char *const uuid = "3f2b6c1e-8d4a-4c8e-9a51-0b7f6d2e4c19";

static void test_token_valid_for_this_and_the_previous_period(void **state)
{
	uint8_t key[TOKEN_KEY_BYTES] = { 1, 2, 3 };
	char t[TOKEN_LEN];
	time_t now = 1795000000 - 1795000000 % TOKEN_PERIOD_SECONDS; /* a period's first second */

	(void)state;
	token_make(key, uuid, token_period(now), t);
	assert_int_equal(strlen(t), TOKEN_CHARS);
	assert_true(token_valid(key, uuid, t, now));
	assert_true(token_valid(key, uuid, t, now + TOKEN_PERIOD_SECONDS - 1));
	assert_true(token_valid(key, uuid, t, now + 2 * TOKEN_PERIOD_SECONDS - 1));
	assert_false(token_valid(key, uuid, t, now + 2 * TOKEN_PERIOD_SECONDS));
	assert_false(token_valid(key, uuid, t, now + 3600));
}

static void test_token_rotates_and_differs_by_meeting_and_key(void **state)
{
	uint8_t key[TOKEN_KEY_BYTES] = { 1, 2, 3 }, other[TOKEN_KEY_BYTES] = { 9 };
	char a[TOKEN_LEN], b[TOKEN_LEN], c[TOKEN_LEN], d[TOKEN_LEN];

	(void)state;
	token_make(key, uuid, 100, a);
	token_make(key, uuid, 101, b);
	token_make(key, "another-meeting", 100, c);
	token_make(other, uuid, 100, d);
	assert_string_not_equal(a, b);
	assert_string_not_equal(a, c);
	assert_string_not_equal(a, d);
	assert_false(token_valid(other, uuid, a, 100 * TOKEN_PERIOD_SECONDS));
}

static void test_forged_or_malformed_tokens_are_refused(void **state)
{
	uint8_t key[TOKEN_KEY_BYTES] = { 7 };
	char t[TOKEN_LEN];
	time_t now = 1795000000;

	(void)state;
	token_make(key, uuid, token_period(now), t);
	t[0] = t[0] == 'A' ? 'B' : 'A';
	assert_false(token_valid(key, uuid, t, now));
	assert_false(token_valid(key, uuid, "", now));
	assert_false(token_valid(key, uuid, "short", now));
	assert_false(token_valid(key, uuid, "AAAAAAAAAAAAAAAAAAAAAAAA", now));
}

static void test_page_may_be_submitted_within_two_minutes(void **state)
{
	uint8_t key[TOKEN_KEY_BYTES] = { 5 };
	char s[TOKEN_LEN];
	time_t opened = 1795000000;

	(void)state;
	token_form_stamp(key, uuid, opened, s);
	assert_true(token_form_valid(key, uuid, opened, s, opened + 119));
	assert_true(token_form_valid(key, uuid, opened, s, opened + TOKEN_FORM_SECONDS));
	assert_false(token_form_valid(key, uuid, opened, s, opened + TOKEN_FORM_SECONDS + 1));
	assert_false(token_form_valid(key, uuid, opened + 1, s, opened + 10)); /* time changed */
	assert_false(token_form_valid(key, "another-meeting", opened, s, opened + 10));
}

static void test_key_is_made_once_and_kept(void **state)
{
	struct testdb *t = testdb_new();
	uint8_t a[TOKEN_KEY_BYTES], b[TOKEN_KEY_BYTES], zero[TOKEN_KEY_BYTES] = { 0 };

	(void)state;
	assert_int_equal(token_key_load(t->db, a, t->err, sizeof t->err), 0);
	assert_int_equal(token_key_load(t->db, b, t->err, sizeof t->err), 0);
	assert_memory_equal(a, b, TOKEN_KEY_BYTES);
	assert_memory_not_equal(a, zero, TOKEN_KEY_BYTES);
	testdb_free(t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_token_valid_for_this_and_the_previous_period),
		cmocka_unit_test(test_token_rotates_and_differs_by_meeting_and_key),
		cmocka_unit_test(test_forged_or_malformed_tokens_are_refused),
		cmocka_unit_test(test_page_may_be_submitted_within_two_minutes),
		cmocka_unit_test(test_key_is_made_once_and_kept),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
