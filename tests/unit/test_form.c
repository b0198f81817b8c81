/* What phones send, parsed strictly: form bodies, percent-encoding, request targets, cookies;
 * the failure counters that stop digit guessing are in test_limiter.c. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "web/form.h"

static void test_form_body_decodes_plus_and_escapes(void **state)
{
	struct form f;
	const char *body = "name=%E5%BC%A0+%E4%B8%89&tail=1234&empty=&flag&&stamp=abc";

	(void)state;
	assert_int_equal(form_parse(body, strlen(body), &f), 0);
	assert_string_equal(form_get(&f, "name"), "张 三");
	assert_string_equal(form_get(&f, "tail"), "1234");
	assert_string_equal(form_get(&f, "empty"), "");
	assert_string_equal(form_get(&f, "flag"), "");
	assert_string_equal(form_get(&f, "stamp"), "abc");
	assert_null(form_get(&f, "missing"));
	assert_int_equal(form_parse("", 0, &f), 0);
	assert_int_equal(f.n, 0);
}

static void test_form_first_field_of_a_name_wins(void **state)
{
	struct form f;
	const char *body = "tail=1111&tail=2222";

	(void)state;
	assert_int_equal(form_parse(body, strlen(body), &f), 0);
	assert_string_equal(form_get(&f, "tail"), "1111");
}

static void test_form_bad_encoding_is_refused(void **state)
{
	static const char *const bad[] = {
		"name=%ZZ",         /* not hex */
		"name=%E",          /* cut escape */
		"name=%",           /* bare percent */
		"name=%FF%FE",      /* not UTF-8 */
		"name=%E5%BC",      /* cut UTF-8 sequence */
		"name=%C0%AF",      /* overlong */
		"name=%ED%A0%80",   /* surrogate */
		"name=a%00b",       /* NUL */
		"name=a%0Ab",       /* newline */
		"na%ZZme=x",        /* in a field's name */
	};
	struct form f;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof bad / sizeof bad[0]; i++)
		assert_int_equal(form_parse(bad[i], strlen(bad[i]), &f), -1);
}

static void test_form_limits_are_enforced(void **state)
{
	char body[4096];
	struct form f;
	int i;

	(void)state;
	/* FORM_MAX_FIELDS fields parse; one more does not. */
	body[0] = '\0';
	for (i = 0; i < FORM_MAX_FIELDS; i++)
		strcat(body, i ? "&a=1" : "a=1");
	assert_int_equal(form_parse(body, strlen(body), &f), 0);
	strcat(body, "&a=1");
	assert_int_equal(form_parse(body, strlen(body), &f), -1);
	/* A value that does not fit. */
	memset(body, 'x', sizeof body);
	memcpy(body, "name=", 5);
	assert_int_equal(form_parse(body, 5 + FORM_VALUE_MAX - 1, &f), 0);
	assert_int_equal(form_parse(body, 5 + FORM_VALUE_MAX, &f), -1);
}

static void test_form_body_is_not_read_past_its_length(void **state)
{
	struct form f;
	const char body[] = "tail=12%3";

	(void)state;
	/* Only "tail=12" is the body: the escape after it must not be seen. */
	assert_int_equal(form_parse(body, 7, &f), 0);
	assert_string_equal(form_get(&f, "tail"), "12");
	assert_int_equal(form_parse(body, 8, &f), -1);
}

static void test_request_targets_are_checked(void **state)
{
	char long_target[FORM_TARGET_MAX + 8];

	(void)state;
	assert_true(form_target_ok("/s/AbCd-_0123456789"));
	assert_true(form_target_ok("/s/%E5%BC%A0?x=1"));
	assert_false(form_target_ok("/s/%zz"));
	assert_false(form_target_ok("/s/%C3%28"));
	assert_false(form_target_ok("/s/%00"));
	assert_false(form_target_ok("/s/%"));
	memset(long_target, 'a', sizeof long_target - 1);
	long_target[sizeof long_target - 1] = '\0';
	assert_false(form_target_ok(long_target));
}

static void test_cookie_is_found_among_others(void **state)
{
	char v[64];

	(void)state;
	assert_int_equal(form_cookie("a=1; kd=xyz; b=2", "kd", v, sizeof v), 0);
	assert_string_equal(v, "xyz");
	assert_int_equal(form_cookie("kd=\"quoted\"", "kd", v, sizeof v), 0);
	assert_string_equal(v, "quoted");
	assert_int_equal(form_cookie("xkd=1; kd=2", "kd", v, sizeof v), 0);
	assert_string_equal(v, "2");
	assert_int_equal(form_cookie("kdx=1", "kd", v, sizeof v), -1);
	assert_int_equal(form_cookie("", "kd", v, sizeof v), -1);
	assert_int_equal(form_cookie(";;; ;", "kd", v, sizeof v), -1);
	assert_int_equal(form_cookie("kd=a b", "kd", v, sizeof v), -1);     /* space inside */
	assert_int_equal(form_cookie("kd=\xe5\xbc\xa0", "kd", v, sizeof v), -1); /* not ASCII */
	assert_int_equal(form_cookie("kd=0123456789", "kd", v, 5), -1);     /* too long */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_form_body_decodes_plus_and_escapes),
		cmocka_unit_test(test_form_first_field_of_a_name_wins),
		cmocka_unit_test(test_form_bad_encoding_is_refused),
		cmocka_unit_test(test_form_limits_are_enforced),
		cmocka_unit_test(test_form_body_is_not_read_past_its_length),
		cmocka_unit_test(test_request_targets_are_checked),
		cmocka_unit_test(test_cookie_is_found_among_others),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
