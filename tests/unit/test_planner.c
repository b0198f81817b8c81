/* The quarter planner: what the frequencies of docs/rules.md make of a quarter, settings that change
 * them, and never planning a meeting twice. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "core/base/clock.h"
#include "core/store/db.h"
#include "core/party/meetings.h"
#include "core/party/planner.h"
#include "testdb.h"

struct seen {
	int created, existing, theme_days, committees_jan;
	char first_theme[CLOCK_TEXT];
};

static void count(void *ctx, const struct meeting *m, bool created)
{
	struct seen *s = ctx;
	char start[CLOCK_TEXT];

	clock_format_minutes(m->start, start);
	if (created)
		s->created++;
	else
		s->existing++;
	if (m->kind == MK_THEME_DAY && s->theme_days++ == 0)
		snprintf(s->first_theme, sizeof s->first_theme, "%s", start);
	if (m->kind == MK_COMMITTEE && strncmp(start, "2027-01", 7) == 0)
		s->committees_jan++;
}

static struct testdb *community(void)
{
	struct testdb *t = testdb_new();
	struct member m;
	static const char *const groups[] = { "东苑党小组", "西苑党小组", "北苑党小组" };
	int i;

	/* Two branches; the first has two groups, the second one. */
	for (i = 0; i < 3; i++) {
		member_init(&m);
		snprintf(m.f[MF_NAME], MEMBER_TEXT, "党员%d", i);
		snprintf(m.f[MF_BRANCH], MEMBER_TEXT, "%s", i < 2 ? "第一党支部" : "第二党支部");
		snprintf(m.f[MF_GROUP], MEMBER_TEXT, "%s", groups[i]);
		assert_int_equal(members_save(t->db, &m, "test", t->err, sizeof t->err), 0);
	}
	return t;
}

static void test_quarter_has_three_meetings_and_one_lesson(void **state)
{
	struct testdb *t = community();
	struct plan_result res;
	struct seen s = { 0 };

	(void)state;
	assert_int_equal(planner_plan_quarter(t->db, 2027, 1, false, "test", count, &s, &res, t->err,
					      sizeof t->err), 0);
	/* 2 assemblies + 2x3 committees + 3x3 group meetings + 1 lecture + 3 theme days. */
	assert_int_equal(res.created, 2 + 6 + 9 + 1 + 3);
	assert_int_equal(res.existing, 0);
	assert_int_equal(s.theme_days, 3);
	assert_string_equal(s.first_theme, "2027-01-15 09:00");
	assert_int_equal(s.committees_jan, 2);
	testdb_free(t);
}

static void test_planning_twice_adds_nothing(void **state)
{
	struct testdb *t = community();
	struct plan_result res;

	(void)state;
	assert_int_equal(planner_plan_quarter(t->db, 2027, 1, false, "test", NULL, NULL, &res, t->err,
					      sizeof t->err), 0);
	assert_int_equal(planner_plan_quarter(t->db, 2027, 1, false, "test", NULL, NULL, &res, t->err,
					      sizeof t->err), 0);
	assert_int_equal(res.created, 0);
	assert_int_equal(res.existing, 21);
	testdb_free(t);
}

static void test_a_meeting_staff_moved_is_not_planned_again(void **state)
{
	struct testdb *t = community();
	struct plan_result res;
	struct meeting m;

	(void)state;
	/* The January 支委会 of the first branch, held on the 9th in the afternoon instead. */
	meeting_init(&m);
	m.kind = MK_COMMITTEE;
	snprintf(m.branch, sizeof m.branch, "第一党支部");
	clock_parse("2027-01-09 16:00", &m.start);
	m.end = m.start + 3600;
	assert_int_equal(meetings_add(t->db, &m, "test", t->err, sizeof t->err), 0);
	assert_int_equal(planner_plan_quarter(t->db, 2027, 1, false, "test", NULL, NULL, &res, t->err,
					      sizeof t->err), 0);
	assert_int_equal(res.existing, 1);
	assert_int_equal(res.created, 20);
	testdb_free(t);
}

static void test_dry_run_writes_nothing(void **state)
{
	struct testdb *t = community();
	struct plan_result res;

	(void)state;
	assert_int_equal(planner_plan_quarter(t->db, 2027, 2, true, "test", NULL, NULL, &res, t->err,
					      sizeof t->err), 0);
	assert_int_equal(res.created, 21);
	assert_int_equal(planner_plan_quarter(t->db, 2027, 2, true, "test", NULL, NULL, &res, t->err,
					      sizeof t->err), 0);
	assert_int_equal(res.created, 21);
	testdb_free(t);
}

static void test_settings_change_the_rules(void **state)
{
	struct testdb *t = community();
	struct plan_result res;
	struct seen s = { 0 };

	(void)state;
	assert_int_equal(db_setting_set(t->db, "plan.theme_day", "monthly day=10 at=14:30 scope=branch",
					t->err, sizeof t->err), 0);
	assert_int_equal(db_setting_set(t->db, "plan.group", "off", t->err, sizeof t->err), 0);
	assert_int_equal(planner_plan_quarter(t->db, 2027, 1, true, "test", count, &s, &res, t->err,
					      sizeof t->err), 0);
	assert_int_equal(s.theme_days, 6); /* per branch now */
	assert_string_equal(s.first_theme, "2027-01-10 14:30");
	assert_int_equal(res.created, 2 + 6 + 1 + 6);
	testdb_free(t);
}

static void test_bad_rules_and_quarters_are_explained(void **state)
{
	struct plan_rule r = { "assembly", MK_ASSEMBLY, PLAN_QUARTERLY, 3, 25, 9, 0, 120, PLAN_BRANCH,
			       true, "活动室" };
	char err[256], text[256];
	int year, quarter;

	(void)state;
	assert_int_equal(planner_parse_rule("scope=all", &r, err, sizeof err), -1);
	assert_non_null(strstr(err, "只能按支部"));
	assert_int_equal(planner_parse_rule("weekly", &r, err, sizeof err), -1);
	assert_int_equal(planner_parse_rule("month=2 day=31 at=8:30", &r, err, sizeof err), 0);
	planner_format_rule(&r, text, sizeof text);
	assert_string_equal(text, "quarterly month=2 day=31 at=08:30 minutes=120 scope=branch stagger=yes"
				  " place=活动室");
	assert_int_equal(planner_parse_quarter("2027q3", &year, &quarter, err, sizeof err), 0);
	assert_int_equal(year, 2027);
	assert_int_equal(quarter, 3);
	assert_int_equal(planner_parse_quarter("2027-Q4", &year, &quarter, err, sizeof err), 0);
	assert_int_equal(planner_parse_quarter("2027Q5", &year, &quarter, err, sizeof err), -1);
	assert_int_equal(planner_parse_quarter("2027", &year, &quarter, err, sizeof err), -1);
	assert_non_null(strstr(err, "2027Q1"));
}

static void test_day_beyond_the_month_is_its_last_day(void **state)
{
	struct testdb *t = community();
	struct plan_result res;
	struct seen s = { 0 };

	(void)state;
	assert_int_equal(db_setting_set(t->db, "plan.theme_day", "monthly day=31", t->err,
					sizeof t->err), 0);
	assert_int_equal(planner_plan_quarter(t->db, 2027, 2, true, "test", count, &s, &res, t->err,
					      sizeof t->err), 0);
	assert_string_equal(s.first_theme, "2027-04-30 09:00");
	testdb_free(t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_quarter_has_three_meetings_and_one_lesson),
		cmocka_unit_test(test_planning_twice_adds_nothing),
		cmocka_unit_test(test_a_meeting_staff_moved_is_not_planned_again),
		cmocka_unit_test(test_dry_run_writes_nothing),
		cmocka_unit_test(test_settings_change_the_rules),
		cmocka_unit_test(test_bad_rules_and_quarters_are_explained),
		cmocka_unit_test(test_day_beyond_the_month_is_its_last_day),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
