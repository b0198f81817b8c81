/* Who counts at a meeting and what a sign-in does, against a real database file. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "core/party/attendance.h"
#include "core/base/clock.h"
#include "core/party/leave.h"
#include "core/party/meetings.h"
#include "testdb.h"

struct fixture {
	struct testdb *t;
	int64_t meeting;
	int64_t full[6], probationary[2], other_branch;
	time_t start;
};

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof *f);
	int i;

	f->t = testdb_new();
	for (i = 0; i < 6; i++) {
		char name[32];
		snprintf(name, sizeof name, "正式%d", i);
		f->full[i] = testdb_member(f->t, name, "第一党支部", "正式", NULL);
	}
	f->probationary[0] = testdb_member(f->t, "预备甲", "第一党支部", "预备", NULL);
	f->probationary[1] = testdb_member(f->t, "预备乙", "第一党支部", "预备", NULL);
	f->other_branch = testdb_member(f->t, "外支部", "第二党支部", "正式", NULL);
	f->meeting = testdb_meeting(f->t, MK_ASSEMBLY, "党员大会", "第一党支部", "2026-12-01 09:00",
				    120, VOTE_MAJORITY);
	clock_parse("2026-12-01 09:00", &f->start);
	*state = f;
	return 0;
}

static void counts(struct fixture *f, struct meeting_counts *c)
{
	struct meeting m;

	assert_int_equal(meetings_get(f->t->db, f->meeting, &m, f->t->err, sizeof f->t->err), 0);
	assert_int_equal(attendance_counts(f->t->db, &m, c, f->t->err, sizeof f->t->err), 0);
}

static void sign(struct fixture *f, int64_t member, time_t at, struct checkin *c)
{
	assert_int_equal(attendance_checkin(f->t->db, f->meeting, member, METHOD_TOUCH, at, c,
					    f->t->err, sizeof f->t->err), 0);
}

static void test_checkin_twice_keeps_first_time(void **state)
{
	struct fixture *f = *state;
	struct checkin c;
	struct meeting_counts n;

	sign(f, f->full[0], f->start - 60, &c);
	assert_false(c.already);
	assert_int_equal(c.at, f->start - 60);
	sign(f, f->full[0], f->start + 600, &c);
	assert_true(c.already);
	assert_int_equal(c.at, f->start - 60);
	counts(f, &n);
	assert_int_equal(n.present, 1);
}

static void test_expected_is_the_branch_and_leave_still_counts(void **state)
{
	struct fixture *f = *state;
	struct meeting_counts n;

	assert_int_equal(leave_add(f->t->db, f->meeting, f->full[1], "住院", "test", f->start,
				   f->t->err, sizeof f->t->err), 0);
	counts(f, &n);
	assert_int_equal(n.expected, 8); /* 6 正式 + 2 预备, the other branch not */
	assert_int_equal(n.on_leave, 1);
	assert_int_equal(n.absent, 7);
	assert_int_equal(n.expected_voters, 6);
}

static void test_probationary_members_attend_but_do_not_vote(void **state)
{
	struct fixture *f = *state;
	struct checkin c;
	struct meeting_counts n;

	sign(f, f->probationary[0], f->start, &c);
	sign(f, f->probationary[1], f->start, &c);
	sign(f, f->full[0], f->start, &c);
	sign(f, f->full[1], f->start, &c);
	sign(f, f->full[2], f->start, &c);
	counts(f, &n);
	assert_int_equal(n.present, 5);
	assert_int_equal(n.present_probationary, 2);
	assert_int_equal(n.present_full, 3);
	/* 5 of 8 present, but only 3 of 6 voters: exactly half, no quorum. */
	assert_int_equal(n.quorum.voters_present, 3);
	assert_false(n.quorum.met);
	sign(f, f->full[3], f->start, &c);
	counts(f, &n);
	assert_true(n.quorum.met);
}

static void test_member_of_another_branch_attends_as_guest(void **state)
{
	struct fixture *f = *state;
	struct checkin c;
	struct meeting_counts n;

	sign(f, f->other_branch, f->start, &c);
	assert_true(c.guest);
	counts(f, &n);
	assert_int_equal(n.guests, 1);
	assert_int_equal(n.present, 0);
	assert_int_equal(n.expected, 8);
}

static void test_approved_exclusion_leaves_expected(void **state)
{
	struct fixture *f = *state;
	struct meeting_counts n;

	assert_int_equal(leave_exclude(f->t->db, f->full[5], "长期患病", "社区党委", "2026-11-01",
				       NULL, "test", f->t->err, sizeof f->t->err), 0);
	counts(f, &n);
	assert_int_equal(n.expected, 7);
	assert_int_equal(n.expected_voters, 5);
	/* An exclusion that ended before the meeting changes nothing. */
	assert_int_equal(leave_exclude(f->t->db, f->full[4], "出国半年以上", "社区党委", "2026-01-01",
				       "2026-06-30", "test", f->t->err, sizeof f->t->err), 0);
	counts(f, &n);
	assert_int_equal(n.expected, 7);
}

static void test_deactivated_member_still_counts_for_past_meetings(void **state)
{
	struct fixture *f = *state;
	struct meeting_counts n;

	/* Moved away after the meeting: the meeting's 应到 keeps them. */
	assert_int_equal(members_deactivate(f->t->db, f->full[2], f->start + 86400, "test",
					    f->t->err, sizeof f->t->err), 0);
	counts(f, &n);
	assert_int_equal(n.expected, 8);
	/* Moved away before it: not expected. */
	assert_int_equal(members_deactivate(f->t->db, f->full[3], f->start - 86400, "test",
					    f->t->err, sizeof f->t->err), 0);
	counts(f, &n);
	assert_int_equal(n.expected, 7);
}

static void test_leave_refused_after_signing_in(void **state)
{
	struct fixture *f = *state;
	struct checkin c;

	sign(f, f->full[0], f->start, &c);
	assert_int_equal(leave_add(f->t->db, f->meeting, f->full[0], "有事", "test", f->start,
				   f->t->err, sizeof f->t->err), -1);
	assert_non_null(strstr(f->t->err, "已经签到"));
	assert_int_equal(leave_add(f->t->db, f->meeting, f->other_branch, "有事", "test", f->start,
				   f->t->err, sizeof f->t->err), -1);
	assert_non_null(strstr(f->t->err, "应到"));
}

static void test_undo_then_sign_in_again(void **state)
{
	struct fixture *f = *state;
	struct checkin c;
	struct meeting_counts n;

	sign(f, f->full[0], f->start, &c);
	assert_int_equal(attendance_undo(f->t->db, f->meeting, f->full[0], f->start + 60, "test",
					 f->t->err, sizeof f->t->err), 0);
	counts(f, &n);
	assert_int_equal(n.present, 0);
	sign(f, f->full[0], f->start + 120, &c);
	assert_false(c.already);
	assert_int_equal(c.at, f->start + 120);
	counts(f, &n);
	assert_int_equal(n.present, 1);
}

static void test_inactive_member_cannot_sign_in(void **state)
{
	struct fixture *f = *state;
	struct checkin c;

	assert_int_equal(members_deactivate(f->t->db, f->full[0], f->start - 86400, "test",
					    f->t->err, sizeof f->t->err), 0);
	assert_int_equal(attendance_checkin(f->t->db, f->meeting, f->full[0], METHOD_TOUCH,
					    f->start, &c, f->t->err, sizeof f->t->err), -1);
}

static void test_election_on_committee_refused(void **state)
{
	struct fixture *f = *state;
	struct meeting m;

	meeting_init(&m);
	m.kind = MK_COMMITTEE;
	snprintf(m.branch, sizeof m.branch, "第一党支部");
	m.start = f->start;
	m.end = f->start + 3600;
	m.vote = VOTE_ELECTION;
	assert_int_equal(meetings_add(f->t->db, &m, "test", f->t->err, sizeof f->t->err), -1);
	m.vote = VOTE_NONE;
	m.end = m.start;
	assert_int_equal(meetings_add(f->t->db, &m, "test", f->t->err, sizeof f->t->err), -1);
}

static void test_meeting_is_on_from_half_an_hour_before(void **state)
{
	struct fixture *f = *state;
	struct meeting on[4];

	assert_int_equal(meetings_current(f->t->db, f->start - 31 * 60, on, 4, f->t->err,
					  sizeof f->t->err), 0);
	assert_int_equal(meetings_current(f->t->db, f->start - 30 * 60, on, 4, f->t->err,
					  sizeof f->t->err), 1);
	assert_int_equal(on[0].id, f->meeting);
	assert_int_equal(meetings_current(f->t->db, f->start + 7199, on, 4, f->t->err,
					  sizeof f->t->err), 1);
	assert_int_equal(meetings_current(f->t->db, f->start + 7200, on, 4, f->t->err,
					  sizeof f->t->err), 0);
}

/* Damage the schema under the running kiosk the way a bad SD card or a bad migration could: the
 * expected view's table of exclusions is gone, so nobody can say who is expected. */
static void break_expected(struct fixture *f)
{
	assert_int_equal(sqlite3_exec(f->t->db->sql, "DROP TABLE exclusions", NULL, NULL, NULL),
			 SQLITE_OK);
}

static int attendance_rows(struct fixture *f)
{
	sqlite3_stmt *st;
	int n = -1;

	assert_int_equal(sqlite3_prepare_v2(f->t->db->sql, "SELECT count(*) FROM attendance", -1,
					    &st, NULL), SQLITE_OK);
	if (sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return n;
}

static void test_checkin_fails_and_writes_nothing_when_expected_cannot_be_read(void **state)
{
	struct fixture *f = *state;
	struct checkin c;
	bool expected;

	break_expected(f);
	assert_int_equal(attendance_is_expected(f->t->db, f->meeting, f->full[0], &expected,
						f->t->err, sizeof f->t->err), -1);
	assert_int_equal(attendance_checkin(f->t->db, f->meeting, f->full[0], METHOD_TOUCH,
					    f->start, &c, f->t->err, sizeof f->t->err), -1);
	assert_non_null(strstr(f->t->err, "应到名单"));
	assert_int_equal(attendance_rows(f), 0); /* not recorded as 列席, not recorded at all */
}

static void test_leave_says_the_database_failed_not_that_no_leave_is_needed(void **state)
{
	struct fixture *f = *state;

	break_expected(f);
	assert_int_equal(leave_add(f->t->db, f->meeting, f->full[1], "住院", "test", f->start,
				   f->t->err, sizeof f->t->err), -1);
	assert_null(strstr(f->t->err, "无需请假"));
	assert_non_null(strstr(f->t->err, "失败"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_checkin_twice_keeps_first_time, setup, testdb_fixture_teardown),
		cmocka_unit_test_setup_teardown(test_expected_is_the_branch_and_leave_still_counts, setup, testdb_fixture_teardown),
		cmocka_unit_test_setup_teardown(test_probationary_members_attend_but_do_not_vote, setup, testdb_fixture_teardown),
		cmocka_unit_test_setup_teardown(test_member_of_another_branch_attends_as_guest, setup, testdb_fixture_teardown),
		cmocka_unit_test_setup_teardown(test_approved_exclusion_leaves_expected, setup, testdb_fixture_teardown),
		cmocka_unit_test_setup_teardown(test_deactivated_member_still_counts_for_past_meetings, setup, testdb_fixture_teardown),
		cmocka_unit_test_setup_teardown(test_leave_refused_after_signing_in, setup, testdb_fixture_teardown),
		cmocka_unit_test_setup_teardown(test_undo_then_sign_in_again, setup, testdb_fixture_teardown),
		cmocka_unit_test_setup_teardown(test_inactive_member_cannot_sign_in, setup, testdb_fixture_teardown),
		cmocka_unit_test_setup_teardown(test_election_on_committee_refused, setup, testdb_fixture_teardown),
		cmocka_unit_test_setup_teardown(test_meeting_is_on_from_half_an_hour_before, setup, testdb_fixture_teardown),
		cmocka_unit_test_setup_teardown(test_checkin_fails_and_writes_nothing_when_expected_cannot_be_read, setup, testdb_fixture_teardown),
		cmocka_unit_test_setup_teardown(test_leave_says_the_database_failed_not_that_no_leave_is_needed, setup, testdb_fixture_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
