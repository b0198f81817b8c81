/* The follow-up list's second rule, three 无故缺席 in a row, against a hand-made history with
 * leave in the middle; the 中心户 head to call, the meetings missed, and 已联系. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "core/party/attendance.h"
#include "core/party/leave.h"
#include "core/party/stats.h"
#include "testdb.h"

struct fixture {
	struct testdb *t;
	int64_t head, a, b, c, d;
	int64_t m[7];
	time_t now;
};

static int64_t member(struct testdb *t, const char *name, const char *household)
{
	struct member m;
	static int n;

	member_init(&m);
	snprintf(m.f[MF_NAME], MEMBER_TEXT, "%s", name);
	snprintf(m.f[MF_BRANCH], MEMBER_TEXT, "第一党支部");
	snprintf(m.f[MF_HOUSEHOLD], MEMBER_TEXT, "%s", household);
	snprintf(m.f[MF_PHONE], MEMBER_TEXT, "1380000%04d", ++n);
	if (members_save(t->db, &m, "test", t->err, sizeof t->err) < 0)
		abort();
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

static void leave(struct testdb *t, int64_t meeting_id, int64_t member_id)
{
	struct meeting m;

	assert_int_equal(meetings_get(t->db, meeting_id, &m, t->err, sizeof t->err), 0);
	assert_int_equal(leave_add(t->db, meeting_id, member_id, "外出探亲", "test", m.start - 3600,
				   t->err, sizeof t->err), 0);
}

/* Meetings of 第一党支部 (and the community's 主题党日):
 *   m0 09-01 支部党员大会   head a b c d came
 *   m1 09-15 主题党日       head b c came; a, d missed
 *   m2 10-15 主题党日       a, d on leave; b c came
 *   m3 10-25 支部党员大会   b came; a, c, d missed
 *   m4 11-01 (cancelled)    nobody: a cancelled meeting is no absence
 *   m5 11-15 主题党日       a missed; b missed; c on leave; d signed in, undone by staff
 *   m6 11-27 09:00 on now   nobody yet: not over, so not missed
 * now 11-27 09:30. Nobody has gone three months without coming (the last came 09-01 or later),
 * so only the run rule can list anyone. */
static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof *f);
	struct testdb *t;
	struct meeting mt;
	int i;

	f->t = t = testdb_new();
	clock_parse("2026-11-27 09:30", &f->now);
	f->head = member(t, "户长一", "一号中心户");
	f->a = member(t, "甲党员", "一号中心户");
	f->b = member(t, "乙党员", "一号中心户");
	f->c = member(t, "丙党员", "");
	f->d = member(t, "丁党员", "");
	assert_int_equal(members_set_household_head(t->db, 1, f->head, t->err, sizeof t->err), 0);

	f->m[0] = testdb_meeting(t, MK_ASSEMBLY, "九月党员大会", "第一党支部", "2026-09-01 09:00", 60, VOTE_NONE);
	f->m[1] = testdb_meeting(t, MK_THEME_DAY, "九月主题党日", "", "2026-09-15 09:00", 120, VOTE_NONE);
	f->m[2] = testdb_meeting(t, MK_THEME_DAY, "十月主题党日", "", "2026-10-15 09:00", 120, VOTE_NONE);
	f->m[3] = testdb_meeting(t, MK_ASSEMBLY, "十月党员大会", "第一党支部", "2026-10-25 09:00", 60, VOTE_NONE);
	meeting_init(&mt);
	mt.kind = MK_ASSEMBLY;
	snprintf(mt.title, sizeof mt.title, "取消的会");
	snprintf(mt.branch, sizeof mt.branch, "第一党支部");
	clock_parse("2026-11-01 09:00", &mt.start);
	mt.end = mt.start + 3600;
	assert_int_equal(meetings_add(t->db, &mt, "test", t->err, sizeof t->err), 0);
	f->m[4] = mt.id;
	/* Staff cancel meetings on the office's side; no core call does it here. */
	assert_int_equal(sqlite3_exec(t->db->sql, "UPDATE meetings SET cancelled = 1 WHERE title = '取消的会'",
				      NULL, NULL, NULL), SQLITE_OK);
	f->m[5] = testdb_meeting(t, MK_THEME_DAY, "十一月主题党日", "", "2026-11-15 09:00", 120, VOTE_NONE);
	f->m[6] = testdb_meeting(t, MK_THEME_DAY, "今天的会", "", "2026-11-27 09:00", 120, VOTE_NONE);

	for (i = 0; i <= 5; i++)
		if (i != 4)
			came(t, f->m[i], f->head);
	came(t, f->m[0], f->a);
	came(t, f->m[0], f->b);
	came(t, f->m[0], f->c);
	came(t, f->m[0], f->d);
	came(t, f->m[1], f->b);
	came(t, f->m[1], f->c);
	leave(t, f->m[2], f->a);
	leave(t, f->m[2], f->d);
	came(t, f->m[2], f->b);
	came(t, f->m[2], f->c);
	came(t, f->m[3], f->b);
	leave(t, f->m[5], f->c);
	came(t, f->m[5], f->d);
	assert_int_equal(attendance_undo(t->db, f->m[5], f->d, f->now, "test", t->err, sizeof t->err), 0);
	*state = f;
	return 0;
}

struct got {
	struct followup f[8];
	int n;
};

static int collect(void *ctx, const struct followup *f)
{
	struct got *g = ctx;

	if (g->n < 8)
		g->f[g->n++] = *f;
	return 0;
}

static void list(struct fixture *f, struct got *g)
{
	g->n = 0;
	assert_int_equal(stats_followup(f->t->db, f->now, collect, g, f->t->err, sizeof f->t->err), 0);
}

static void test_three_in_a_row_with_leave_set_aside(void **state)
{
	struct fixture *f = *state;
	struct got g;
	char why[512];

	list(f, &g);
	/* 甲: missed 11-15, 10-25, (leave 10-15 set aside), 09-15: three in a row, in 一号中心户.
	 * 丁: missed 11-15 (the sign-in was undone), 10-25, (leave), 09-15: three, in no 中心户.
	 * 乙 came 10-25 (a run of one); 丙: leave 11-15, missed 10-25, came 10-15 (one). */
	assert_int_equal(g.n, 2);
	assert_string_equal(g.f[0].name, "甲党员");
	assert_false(g.f[0].by_months);
	assert_int_equal(g.f[0].level, FOLLOW_ABSENCES);
	assert_int_equal(g.f[0].absences, 3);
	assert_int_equal(g.f[0].nmissed, 3);
	assert_string_equal(g.f[0].missed[0].at, "2026-11-15 09:00:00");
	assert_string_equal(g.f[0].missed[1].at, "2026-10-25 09:00:00");
	assert_string_equal(g.f[0].missed[2].at, "2026-09-15 09:00:00");
	assert_string_equal(g.f[0].missed[1].kind, "支部党员大会");
	assert_string_equal(g.f[0].missed[2].title, "九月主题党日");
	assert_string_equal(g.f[0].household, "一号中心户");
	assert_string_equal(g.f[0].head, "户长一");
	assert_false(g.f[0].contacted);
	stats_followup_why(&g.f[0], why, sizeof why);
	assert_string_equal(why, "连续 3 次无故缺席：11月15日 主题党日、10月25日 支部党员大会、9月15日 主题党日");

	assert_string_equal(g.f[1].name, "丁党员");
	assert_int_equal(g.f[1].household_id, 0);
	assert_int_equal(g.f[1].absences, 3);
}

static void test_a_meeting_counts_once_it_is_over(void **state)
{
	struct fixture *f = *state;
	struct got g;

	/* Today's meeting, once over, is one more miss: 甲's run is four, listed newest first;
	 * 乙 (came 10-25) has only two. */
	f->now += 3 * 3600;
	list(f, &g);
	assert_int_equal(g.n, 2);
	assert_string_equal(g.f[0].name, "甲党员");
	assert_int_equal(g.f[0].absences, 4);
	assert_string_equal(g.f[0].missed[0].title, "今天的会");
	assert_string_equal(g.f[1].name, "丁党员");
}

static void test_contacted_after_the_newest_miss(void **state)
{
	struct fixture *f = *state;
	struct got g;
	time_t before;

	clock_parse("2026-11-10 10:00", &before);
	assert_int_equal(stats_followup_contact(f->t->db, f->a, "上门看望过", "王主任", before, f->t->err,
						sizeof f->t->err), 0);
	list(f, &g);
	/* A call before the newest meeting missed is old news. */
	assert_false(g.f[0].contacted);
	assert_string_equal(g.f[0].contact_note, "上门看望过");

	assert_int_equal(stats_followup_contact(f->t->db, f->a, "电话联系，腿脚不便，下次去接", "王主任",
						f->now, f->t->err, sizeof f->t->err), 0);
	list(f, &g);
	assert_true(g.f[0].contacted);
	assert_string_equal(g.f[0].contact_note, "电话联系，腿脚不便，下次去接");
	assert_string_equal(g.f[0].contacted_by, "王主任");
	assert_false(g.f[1].contacted);
	assert_int_equal(stats_followup_contact(f->t->db, 9999, "", "王主任", f->now, f->t->err,
						sizeof f->t->err), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_three_in_a_row_with_leave_set_aside, setup, testdb_fixture_teardown),
		cmocka_unit_test_setup_teardown(test_a_meeting_counts_once_it_is_over, setup, testdb_fixture_teardown),
		cmocka_unit_test_setup_teardown(test_contacted_after_the_newest_miss, setup, testdb_fixture_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
