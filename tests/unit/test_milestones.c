/* 政治生日: the day itself, a 29 February in other years, month-only and missing dates, and the
 * month's list. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "core/party/milestones.h"
#include "testdb.h"

static time_t at(const char *text)
{
	time_t t;

	assert_int_equal(clock_parse(text, &t), 0);
	return t;
}

static void test_years_on_the_day_only(void **state)
{
	(void)state;
	assert_int_equal(milestone_years_today("1986-11-27", at("2026-11-27 09:20")), 40);
	assert_int_equal(milestone_years_today("1986-11-27", at("2026-11-27 23:59")), 40);
	assert_int_equal(milestone_years_today("1986-11-27", at("2026-11-26 23:59")), 0);
	assert_int_equal(milestone_years_today("1986-11-27", at("2026-11-28 00:00")), 0);
	assert_int_equal(milestone_years_today("2026-11-27", at("2026-11-27 09:00")), 0); /* joined today */
	assert_int_equal(milestone_years_today("1986-11", at("2026-11-01 09:00")), 0);
	assert_int_equal(milestone_years_today("", at("2026-11-27 09:00")), 0);
	assert_int_equal(milestone_years_today("1988-02-29", at("2027-02-28 09:00")), 39);
	assert_int_equal(milestone_years_today("1988-02-29", at("2028-02-28 09:00")), 0);
	assert_int_equal(milestone_years_today("1988-02-29", at("2028-02-29 09:00")), 40);
}

static void test_the_months_list(void **state)
{
	struct testdb *t = testdb_new();
	struct milestone ms[8];
	struct member m;
	const char *joined[] = { "1980-11-20", "1990-11", "1970-11-03", "2026-11-01", "1975-12-03", "" };
	int i, n;

	(void)state;
	for (i = 0; i < 6; i++) {
		member_init(&m);
		snprintf(m.f[MF_NAME], MEMBER_TEXT, "党员%d", i);
		snprintf(m.f[MF_BRANCH], MEMBER_TEXT, "第一党支部");
		snprintf(m.f[MF_JOINED], MEMBER_TEXT, "%s", joined[i]);
		assert_int_equal(members_save(t->db, &m, "test", t->err, sizeof t->err), 0);
	}
	n = milestones_month(t->db, at("2026-11-27 09:00"), ms, 8, t->err, sizeof t->err);
	/* By day; the month-only date last; this year's joiner and December's left out. */
	assert_int_equal(n, 3);
	assert_string_equal(ms[0].name, "党员2");
	assert_int_equal(ms[0].day, 3);
	assert_int_equal(ms[0].years, 56);
	assert_string_equal(ms[1].name, "党员0");
	assert_string_equal(ms[2].name, "党员1");
	assert_int_equal(ms[2].day, 0);
	assert_int_equal(ms[2].years, 36);
	testdb_free(t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_years_on_the_day_only),
		cmocka_unit_test(test_the_months_list),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
