/* 迟到 by the setting of the meeting's kind, and 签退 / 早退. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "core/party/attendance.h"
#include "core/party/signout.h"
#include "testdb.h"

struct fixture {
	struct testdb *t;
	int64_t a, b, c, theme, lecture;
};

static time_t at(const char *text)
{
	time_t t;

	assert_int_equal(clock_parse(text, &t), 0);
	return t;
}

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof *f);
	struct testdb *t;

	f->t = t = testdb_new();
	f->a = testdb_member(t, "甲党员", "第一党支部", "正式", "13800000001");
	f->b = testdb_member(t, "乙党员", "第一党支部", "正式", "13800000002");
	f->c = testdb_member(t, "丙党员", "第一党支部", "预备", "13800000003");
	f->theme = testdb_meeting(t, MK_THEME_DAY, "主题党日", "", "2026-11-15 09:00", 120, VOTE_NONE);
	f->lecture = testdb_meeting(t, MK_LECTURE, "党课", "", "2026-11-16 09:00", 90, VOTE_NONE);
	assert_int_equal(db_setting_set(t->db, "late.主题党日", "10", t->err, sizeof t->err), 0);
	*state = f;
	return 0;
}

static void test_late_after_the_kinds_minutes(void **state)
{
	struct fixture *f = *state;
	struct checkin c;

	/* 09:10:00 is on time, a second later is late; the 党课 keeps no lateness. */
	assert_int_equal(attendance_checkin(f->t->db, f->theme, f->a, METHOD_TOUCH, at("2026-11-15 09:10:00"),
					    &c, f->t->err, sizeof f->t->err), 0);
	assert_false(c.late);
	assert_int_equal(attendance_checkin(f->t->db, f->theme, f->b, METHOD_QR, at("2026-11-15 09:10:01"),
					    &c, f->t->err, sizeof f->t->err), 0);
	assert_true(c.late);
	/* A second tap says the same, writing nothing. */
	assert_int_equal(attendance_checkin(f->t->db, f->theme, f->b, METHOD_QR, at("2026-11-15 09:30:00"),
					    &c, f->t->err, sizeof f->t->err), 0);
	assert_true(c.already);
	assert_true(c.late);
	assert_int_equal(attendance_checkin(f->t->db, f->lecture, f->a, METHOD_TOUCH, at("2026-11-16 10:00"),
					    &c, f->t->err, sizeof f->t->err), 0);
	assert_false(c.late);
}

static void test_setting_is_checked(void **state)
{
	char err[256];

	(void)state;
	assert_int_equal(attendance_late_setting_check("usb_root", "/media", err, sizeof err), 0);
	assert_int_equal(attendance_late_setting_check("late.主题党日", "15", err, sizeof err), 0);
	assert_int_equal(attendance_late_setting_check("late.主题党日", "十分钟", err, sizeof err), -1);
	assert_non_null(strstr(err, "0 到 240"));
	assert_int_equal(attendance_late_setting_check("late.茶话会", "10", err, sizeof err), -1);
}

static int keep(void *ctx, const struct sheet_row *r)
{
	struct sheet_row *rows = ctx;
	int i = 0;

	while (rows[i].member_id)
		i++;
	rows[i] = *r;
	return 0;
}

static void test_signout_early_and_on_time(void **state)
{
	struct fixture *f = *state;
	struct checkin c;
	struct signout s;
	struct meeting m;
	struct sheet_row rows[8];

	assert_int_equal(attendance_checkin(f->t->db, f->theme, f->a, METHOD_TOUCH, at("2026-11-15 08:55"), &c,
					    f->t->err, sizeof f->t->err), 0);
	assert_int_equal(attendance_checkin(f->t->db, f->theme, f->b, METHOD_TOUCH, at("2026-11-15 09:20"), &c,
					    f->t->err, sizeof f->t->err), 0);
	/* Not asked for: refused. */
	assert_int_equal(attendance_signout(f->t->db, f->theme, f->a, at("2026-11-15 10:30"), &s, f->t->err,
					    sizeof f->t->err), -1);
	assert_non_null(strstr(f->t->err, "不用签退"));
	assert_int_equal(meetings_set_signout(f->t->db, f->theme, true, "test", at("2026-11-15 08:00"), f->t->err,
					      sizeof f->t->err), 0);
	assert_int_equal(meetings_get(f->t->db, f->theme, &m, f->t->err, sizeof f->t->err), 0);
	assert_true(m.signout);
	/* 丙 never signed in. */
	assert_int_equal(attendance_signout(f->t->db, f->theme, f->c, at("2026-11-15 10:30"), &s, f->t->err,
					    sizeof f->t->err), -1);
	assert_non_null(strstr(f->t->err, "请先签到"));
	assert_int_equal(attendance_signout(f->t->db, f->theme, f->a, at("2026-11-15 10:30"), &s, f->t->err,
					    sizeof f->t->err), 0);
	assert_true(s.early);
	assert_false(s.already);
	assert_int_equal(attendance_signout(f->t->db, f->theme, f->a, at("2026-11-15 11:30"), &s, f->t->err,
					    sizeof f->t->err), 0);
	assert_true(s.already);
	assert_true(s.early);
	assert_int_equal(s.at, at("2026-11-15 10:30"));
	assert_int_equal(attendance_signout(f->t->db, f->theme, f->b, at("2026-11-15 11:00"), &s, f->t->err,
					    sizeof f->t->err), 0);
	assert_false(s.early);

	memset(rows, 0, sizeof rows);
	assert_int_equal(attendance_each_sheet_row(f->t->db, &m, keep, rows, f->t->err, sizeof f->t->err), 0);
	assert_string_equal(rows[0].name, "甲党员");
	assert_false(rows[0].late);
	assert_true(rows[0].early);
	assert_string_equal(rows[0].left_at, "2026-11-15 10:30:00");
	assert_true(rows[1].late);
	assert_false(rows[1].early);
	assert_string_equal(rows[1].left_at, "2026-11-15 11:00:00");
	assert_string_equal(rows[2].left_at, "");

	/* Undone and signed in again: a fresh sign-in, neither late nor left. */
	assert_int_equal(attendance_undo(f->t->db, f->theme, f->b, at("2026-11-15 11:05"), "test", f->t->err,
					 sizeof f->t->err), 0);
	assert_int_equal(attendance_checkin(f->t->db, f->theme, f->b, METHOD_STAFF, at("2026-11-15 09:05"), &c,
					    f->t->err, sizeof f->t->err), 0);
	assert_false(c.late);
	memset(rows, 0, sizeof rows);
	assert_int_equal(attendance_each_sheet_row(f->t->db, &m, keep, rows, f->t->err, sizeof f->t->err), 0);
	assert_string_equal(rows[1].left_at, "");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_late_after_the_kinds_minutes, setup, testdb_fixture_teardown),
		cmocka_unit_test(test_setting_is_checked),
		cmocka_unit_test_setup_teardown(test_signout_early_and_on_time, setup, testdb_fixture_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
