/* Staff statistics: attendance rates by branch, category and age band, the 三会一课 each
 * branch held in a quarter, and the follow-up list. A small community whose figures are worked
 * out by hand in the comments. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "core/party/attendance.h"
#include "core/base/clock.h"
#include "core/party/leave.h"
#include "core/party/meetings.h"
#include "core/party/members.h"
#include "core/party/stats.h"
#include "testdb.h"

struct fixture {
	struct testdb *t;
	int64_t a1, a2, a3, c1, d1, b1, b2, e1;
	time_t now;
};

static int64_t member(struct testdb *t, const char *name, const char *branch, const char *category,
		      const char *birth, const char *household, const char *group, const char *role,
		      const char *phone)
{
	struct member m;

	member_init(&m);
	snprintf(m.f[MF_NAME], MEMBER_TEXT, "%s", name);
	snprintf(m.f[MF_BRANCH], MEMBER_TEXT, "%s", branch);
	snprintf(m.f[MF_CATEGORY], MEMBER_TEXT, "%s", category);
	snprintf(m.f[MF_BIRTH], MEMBER_TEXT, "%s", birth);
	snprintf(m.f[MF_HOUSEHOLD], MEMBER_TEXT, "%s", household);
	snprintf(m.f[MF_GROUP], MEMBER_TEXT, "%s", group);
	snprintf(m.f[MF_PARTY_ROLE], MEMBER_TEXT, "%s", role);
	snprintf(m.f[MF_PHONE], MEMBER_TEXT, "%s", phone);
	if (members_save(t->db, &m, "test", t->err, sizeof t->err) < 0) {
		fprintf(stderr, "members_save %s: %s\n", name, t->err);
		abort();
	}
	return m.id;
}

static int64_t meeting(struct testdb *t, enum meeting_kind kind, const char *branch, const char *group,
		       const char *start)
{
	struct meeting m;

	meeting_init(&m);
	m.kind = kind;
	snprintf(m.branch, sizeof m.branch, "%s", branch);
	snprintf(m.group, sizeof m.group, "%s", group);
	clock_parse(start, &m.start);
	m.end = m.start + 3600;
	assert_int_equal(meetings_add(t->db, &m, "test", t->err, sizeof t->err), 0);
	return m.id;
}

static void came(struct testdb *t, int64_t meeting_id, int64_t member_id)
{
	struct meeting m;
	struct checkin c;

	assert_int_equal(meetings_get(t->db, meeting_id, &m, t->err, sizeof t->err), 0);
	assert_int_equal(attendance_checkin(t->db, meeting_id, member_id, METHOD_TOUCH, m.start, &c,
					    t->err, sizeof t->err), 0);
}

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof *f);
	struct testdb *t;
	int64_t m_old, m0, m7, m4, m1, m2, m3, m5, g1;
	struct meeting m;

	f->t = t = testdb_new();
	clock_parse("2026-11-27 09:20", &f->now);
	f->a1 = member(t, "甲一", "第一党支部", "在职", "1990-05-01", "一号中心户", "东苑党小组", "",
		       "13800000001");
	f->a2 = member(t, "甲二", "第一党支部", "离退休", "1950-12-01", "", "", "", "");
	f->a3 = member(t, "甲三", "第一党支部", "离退休", "1966-11-28", "", "", "", ""); /* 59 today */
	f->c1 = member(t, "丙一", "第一党支部", "其他", "", "一号中心户", "", "", "13900000003");
	f->d1 = member(t, "丁一", "第一党支部", "其他", "", "", "", "", "");
	f->b1 = member(t, "乙一", "第二党支部", "流动", "1970-03", "", "", "书记", "");
	f->b2 = member(t, "乙二", "第二党支部", "下岗失业", "", "一号中心户", "", "", "13700000002");
	f->e1 = member(t, "戊一", "第二党支部", "其他", "", "", "", "", "");
	assert_int_equal(members_set_household_head(t->db, 1, f->a1, t->err, sizeof t->err), 0);
	assert_int_equal(leave_exclude(t->db, f->d1, "长期患病", "支部书记", "2026-01-01", NULL, "test",
				       t->err, sizeof t->err), 0);

	m_old = meeting(t, MK_THEME_DAY, "", "", "2026-04-01 09:00"); /* nobody came */
	m0 = meeting(t, MK_ASSEMBLY, "第二党支部", "", "2026-06-10 09:00");
	came(t, m0, f->b2);
	m7 = meeting(t, MK_THEME_DAY, "", "", "2026-08-15 09:00");
	came(t, m7, f->e1);
	m4 = meeting(t, MK_ASSEMBLY, "第一党支部", "", "2026-09-01 09:00");
	came(t, m4, f->a3);
	/* The quarter: 2026 Q4. */
	m1 = meeting(t, MK_ASSEMBLY, "第一党支部", "", "2026-10-10 09:00");
	came(t, m1, f->a1);
	came(t, m1, f->a2);
	came(t, m1, f->c1);
	assert_int_equal(attendance_undo(t->db, m1, f->c1, f->now, "test", t->err, sizeof t->err), 0);
	m2 = meeting(t, MK_COMMITTEE, "第二党支部", "", "2026-10-12 14:00");
	came(t, m2, f->b1);
	g1 = meeting(t, MK_GROUP, "第一党支部", "东苑党小组", "2026-10-20 15:00");
	came(t, g1, f->a1);
	m5 = meeting(t, MK_VOLUNTEER, "", "", "2026-10-20 08:00");
	came(t, m5, f->b2);
	m3 = meeting(t, MK_THEME_DAY, "", "", "2026-11-15 09:00");
	came(t, m3, f->a1);
	came(t, m3, f->b1);
	assert_int_equal(leave_add(t->db, m3, f->e1, "外出探亲", "test", f->now - 86400 * 14, t->err,
				   sizeof t->err), 0);
	/* On now: not counted in rates until it is over. */
	meeting_init(&m);
	m.kind = MK_GROUP;
	snprintf(m.branch, sizeof m.branch, "第一党支部");
	snprintf(m.group, sizeof m.group, "东苑党小组");
	m.start = f->now - 600;
	m.end = f->now + 3000;
	assert_int_equal(meetings_add(t->db, &m, "test", t->err, sizeof t->err), 0);
	(void)m_old;
	*state = f;
	return 0;
}

static void expect_rate(const struct stats_rate *r, const char *label, int present, int expected)
{
	assert_string_equal(r->label, label);
	assert_int_equal(r->present, present);
	assert_int_equal(r->expected, expected);
}

static void test_quarter_bounds(void **state)
{
	struct fixture *f = *state;
	time_t from, to;
	char label[32], text[CLOCK_TEXT];

	stats_quarter(f->now, 0, &from, &to, label, sizeof label);
	clock_format(from, text);
	assert_string_equal(text, "2026-10-01 00:00:00");
	clock_format(to, text);
	assert_string_equal(text, "2027-01-01 00:00:00");
	assert_string_equal(label, "2026年第4季度");
	stats_quarter(f->now, 1, &from, &to, label, sizeof label);
	clock_format(from, text);
	assert_string_equal(text, "2026-07-01 00:00:00");
	assert_string_equal(label, "2026年第3季度");
	stats_quarter(f->now, 4, &from, &to, label, sizeof label);
	assert_string_equal(label, "2025年第4季度");
}

/* Attendance rates this quarter (to now), grouped by; returns the number of rows. */
static int rates_this_quarter(struct fixture *f, enum stats_group by, struct stats_rate *r)
{
	time_t from, to;
	char label[32];

	stats_quarter(f->now, 0, &from, &to, label, sizeof label);
	return stats_rates(f->t->db, by, from, to, f->now, r, STATS_MAX_ROWS, f->t->err,
			   sizeof f->t->err);
}

static void test_rates_by_branch_count_leave_and_skip_the_meeting_on_now(void **state)
{
	struct fixture *f = *state;
	struct stats_rate r[STATS_MAX_ROWS];

	/* 一支部: the assembly (甲一 甲二 of 4; 丙一 undone), the group meeting (甲一 of 1), the
	 * theme day (甲一 of 4); 丁一 is excluded. 二支部: the committee (乙一 of 1), the theme day
	 * (乙一 of 3; 戊一 on leave still counts). */
	assert_int_equal(rates_this_quarter(f, STATS_BY_BRANCH, r), 2);
	expect_rate(&r[0], "第一党支部", 4, 9);
	expect_rate(&r[1], "第二党支部", 2, 4);
}

static void test_rates_by_category(void **state)
{
	struct fixture *f = *state;
	struct stats_rate r[STATS_MAX_ROWS];

	assert_int_equal(rates_this_quarter(f, STATS_BY_CATEGORY, r), 5);
	expect_rate(&r[0], "在职", 3, 3);
	expect_rate(&r[1], "离退休", 1, 4);
	expect_rate(&r[2], "流动", 2, 2);
	expect_rate(&r[3], "下岗失业", 0, 1);
	expect_rate(&r[4], "其他", 0, 3);
}

static void test_rates_by_age_band_at_today(void **state)
{
	struct fixture *f = *state;
	struct stats_rate r[STATS_MAX_ROWS];

	/* 甲三 turns 60 tomorrow: still 50-59. 乙一 gave only the month (1970-03). */
	assert_int_equal(rates_this_quarter(f, STATS_BY_AGE, r), 4);
	expect_rate(&r[0], "50岁以下", 3, 3);
	expect_rate(&r[1], "50-59岁", 2, 4);
	expect_rate(&r[2], "60岁及以上", 1, 2);
	expect_rate(&r[3], "未登记", 0, 4);
}

static void test_duties_this_quarter_and_last(void **state)
{
	struct fixture *f = *state;
	struct branch_duties b[8];
	time_t from, to;
	char label[32];

	stats_quarter(f->now, 0, &from, &to, label, sizeof label);
	assert_int_equal(stats_duties(f->t->db, from, to, f->now, b, 8, f->t->err, sizeof f->t->err), 2);
	assert_string_equal(b[0].branch, "第一党支部");
	assert_int_equal(b[0].groups, 1);
	/* October is over, November not: one month due of each monthly duty. */
	assert_int_equal(b[0].d[DUTY_ASSEMBLY].held, 1);
	assert_int_equal(stats_duty_state(&b[0].d[DUTY_ASSEMBLY], false), DUTY_DONE);
	assert_int_equal(b[0].d[DUTY_COMMITTEE].required, 3);
	assert_int_equal(b[0].d[DUTY_COMMITTEE].due, 1);
	assert_int_equal(stats_duty_state(&b[0].d[DUTY_COMMITTEE], false), DUTY_BEHIND);
	/* Two group meetings in the quarter, October's and today's: two months of the three. */
	assert_int_equal(b[0].d[DUTY_GROUP].held, 2);
	assert_int_equal(b[0].d[DUTY_GROUP].required, 3);
	assert_int_equal(stats_duty_state(&b[0].d[DUTY_GROUP], false), DUTY_ON_TRACK);
	/* The community's theme day counts for every branch. */
	assert_int_equal(b[0].d[DUTY_THEME_DAY].held, 1);
	assert_int_equal(b[1].d[DUTY_THEME_DAY].held, 1);
	assert_int_equal(b[0].d[DUTY_LECTURE].held, 0);
	assert_int_equal(stats_duty_state(&b[0].d[DUTY_LECTURE], false), DUTY_ON_TRACK);
	assert_int_equal(b[1].groups, 0);
	assert_int_equal(b[1].d[DUTY_GROUP].required, 0);
	assert_int_equal(stats_duty_state(&b[1].d[DUTY_COMMITTEE], false), DUTY_ON_TRACK);
	assert_int_equal(stats_duty_state(&b[1].d[DUTY_ASSEMBLY], false), DUTY_ON_TRACK);

	stats_quarter(f->now, 1, &from, &to, label, sizeof label);
	assert_int_equal(stats_duties(f->t->db, from, to, f->now, b, 8, f->t->err, sizeof f->t->err), 2);
	assert_int_equal(stats_duty_state(&b[0].d[DUTY_ASSEMBLY], true), DUTY_DONE);
	assert_int_equal(b[0].d[DUTY_COMMITTEE].due, 3);
	assert_int_equal(stats_duty_state(&b[0].d[DUTY_COMMITTEE], true), DUTY_MISSED);
	assert_int_equal(b[0].d[DUTY_THEME_DAY].held, 1);
}

struct got {
	struct followup f[16];
	int n;
};

static int collect(void *ctx, const struct followup *f)
{
	struct got *g = ctx;

	if (g->n < 16)
		g->f[g->n++] = *f;
	return 0;
}

static void test_followup_grouped_by_household_with_levels(void **state)
{
	struct fixture *f = *state;
	struct got g = { .n = 0 };

	assert_int_equal(stats_followup(f->t->db, f->now, collect, &g, f->t->err, sizeof f->t->err), 0);
	/* 丙一 never signed in (the undone one does not count) since April: over six months.
	 * 乙二 last came in June (the volunteer day does not count): nearly six. 戊一 came in
	 * mid-August: three months, and was on leave since. 丁一 is excluded with approval;
	 * everyone else came within three months. */
	assert_int_equal(g.n, 3);
	assert_string_equal(g.f[0].name, "丙一");
	assert_true(g.f[0].never);
	assert_int_equal(g.f[0].level, FOLLOW_OVER_6);
	assert_int_equal(g.f[0].months, 7);
	assert_string_equal(g.f[0].household, "一号中心户");
	assert_string_equal(g.f[0].head, "甲一");
	assert_string_equal(g.f[0].head_phone, "13800000001");
	assert_string_equal(g.f[0].phone, "13900000003");
	assert_string_equal(g.f[1].name, "乙二");
	assert_false(g.f[1].never);
	assert_string_equal(g.f[1].since, "2026-06-10 09:00:00");
	assert_int_equal(g.f[1].level, FOLLOW_NEAR_6);
	assert_int_equal(g.f[1].months, 5);
	assert_string_equal(g.f[2].name, "戊一");
	assert_int_equal(g.f[2].household_id, 0);
	assert_int_equal(g.f[2].level, FOLLOW_3_MONTHS);
	assert_int_equal(g.f[2].months, 3);
	assert_int_equal(g.f[2].leaves, 1);
}

static void test_months_back_keeps_the_month(void **state)
{
	time_t t, back;
	char text[CLOCK_TEXT];

	(void)state;
	clock_parse("2026-08-31 10:00", &t);
	back = stats_months_back(t, 6);
	clock_format(back, text);
	assert_string_equal(text, "2026-02-28 10:00:00");
	clock_parse("2026-03-15 10:00", &t);
	clock_format(stats_months_back(t, 5), text);
	assert_string_equal(text, "2025-10-15 10:00:00");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_quarter_bounds, setup, testdb_fixture_teardown),
		cmocka_unit_test_setup_teardown(test_rates_by_branch_count_leave_and_skip_the_meeting_on_now, setup, testdb_fixture_teardown),
		cmocka_unit_test_setup_teardown(test_rates_by_category, setup, testdb_fixture_teardown),
		cmocka_unit_test_setup_teardown(test_rates_by_age_band_at_today, setup, testdb_fixture_teardown),
		cmocka_unit_test_setup_teardown(test_duties_this_quarter_and_last, setup, testdb_fixture_teardown),
		cmocka_unit_test_setup_teardown(test_followup_grouped_by_household_with_levels, setup, testdb_fixture_teardown),
		cmocka_unit_test(test_months_back_keeps_the_month),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
