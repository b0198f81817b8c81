/* Which meeting is on now once staff open one early or close one, and which one check-in is
 * for when several are on. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "core/base/clock.h"
#include "core/party/meetings.h"
#include "testdb.h"

struct fixture {
	struct testdb *t;
	int64_t a, b;   /* 09:00-11:00 第一党支部, 09:30-10:30 第二党支部 */
	time_t start;
};

static int64_t add(struct testdb *t, const char *title, const char *branch, const char *start,
		   int minutes)
{
	struct meeting m;

	meeting_init(&m);
	m.kind = MK_ASSEMBLY;
	snprintf(m.title, sizeof m.title, "%s", title);
	snprintf(m.branch, sizeof m.branch, "%s", branch);
	clock_parse(start, &m.start);
	m.end = m.start + minutes * 60;
	assert_int_equal(meetings_add(t->db, &m, "test", t->err, sizeof t->err), 0);
	return m.id;
}

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof *f);

	f->t = testdb_new();
	testdb_member(f->t, "甲", "第一党支部", "正式", NULL);
	testdb_member(f->t, "乙", "第二党支部", "正式", NULL);
	f->a = add(f->t, "一支部大会", "第一党支部", "2026-12-01 09:00", 120);
	f->b = add(f->t, "二支部大会", "第二党支部", "2026-12-01 09:30", 60);
	clock_parse("2026-12-01 09:00", &f->start);
	*state = f;
	return 0;
}

static int on_at(struct fixture *f, time_t t, struct meeting *on)
{
	return meetings_current(f->t->db, t, on, 4, f->t->err, sizeof f->t->err);
}

static void test_opened_early_is_on_from_then_until_its_end(void **state)
{
	struct fixture *f = *state;
	struct meeting on[4];
	time_t early = f->start - 2 * 3600;

	assert_int_equal(on_at(f, early, on), 0);
	assert_int_equal(meetings_open(f->t->db, f->a, early, "张敏", f->t->err, sizeof f->t->err), 0);
	assert_int_equal(on_at(f, early, on), 1);
	assert_int_equal(on[0].id, f->a);
	assert_int_equal(on[0].opened, early);
	assert_int_equal(on_at(f, early - 1, on), 0);
	assert_int_equal(on_at(f, f->start + 3599, on), 2);
	assert_int_equal(on_at(f, f->start + 7199, on), 1);
	assert_int_equal(on[0].id, f->a);
	assert_int_equal(on_at(f, f->start + 7200, on), 0);
	/* Opening one already on, or already over, is refused with a reason. */
	assert_int_equal(meetings_open(f->t->db, f->a, early + 60, "张敏", f->t->err, sizeof f->t->err), -1);
	assert_non_null(strstr(f->t->err, "已经在签到中"));
	assert_int_equal(meetings_open(f->t->db, f->b, f->start + 7200, "张敏", f->t->err,
				       sizeof f->t->err), -1);
	assert_non_null(strstr(f->t->err, "结束时间"));
}

static void test_closed_is_off_from_then(void **state)
{
	struct fixture *f = *state;
	struct meeting on[4];
	time_t t = f->start + 1800;

	assert_int_equal(on_at(f, t, on), 2);
	assert_int_equal(meetings_close(f->t->db, f->a, t, "张敏", f->t->err, sizeof f->t->err), 0);
	assert_int_equal(on_at(f, t, on), 1);
	assert_int_equal(on[0].id, f->b);
	assert_int_equal(on_at(f, t - 1, on), 2);
	/* Closing it again is refused; opening it again puts it back on. */
	assert_int_equal(meetings_close(f->t->db, f->a, t + 60, "张敏", f->t->err, sizeof f->t->err), -1);
	assert_int_equal(meetings_open(f->t->db, f->a, t + 120, "张敏", f->t->err, sizeof f->t->err), 0);
	assert_int_equal(on_at(f, t + 120, on), 2);
	assert_int_equal(on[0].closed, 0);
}

static void test_closing_before_the_start_keeps_it_off(void **state)
{
	struct fixture *f = *state;
	struct meeting on[4];

	/* Opened early by mistake, then closed: off, even once its own time comes. */
	assert_int_equal(meetings_open(f->t->db, f->a, f->start - 3600, "张敏", f->t->err,
				       sizeof f->t->err), 0);
	assert_int_equal(meetings_close(f->t->db, f->a, f->start - 3000, "张敏", f->t->err,
					sizeof f->t->err), 0);
	assert_int_equal(on_at(f, f->start - 3000, on), 0);
	assert_int_equal(on_at(f, f->start + 1800, on), 1);
	assert_int_equal(on[0].id, f->b);
}

static void test_open_and_close_are_audited_and_change_updated_at(void **state)
{
	struct fixture *f = *state;
	sqlite3_stmt *st;

	assert_int_equal(meetings_open(f->t->db, f->a, f->start - 3600, "张敏", f->t->err,
				       sizeof f->t->err), 0);
	assert_int_equal(meetings_close(f->t->db, f->a, f->start, "张敏", f->t->err, sizeof f->t->err), 0);
	assert_int_equal(sqlite3_prepare_v2(f->t->db->sql, "SELECT group_concat(action) FROM"
					    " (SELECT action FROM audit_log WHERE actor = '张敏' ORDER BY id)",
					    -1, &st, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	assert_string_equal((const char *)sqlite3_column_text(st, 0), "开始签到,结束签到");
	sqlite3_finalize(st);
	assert_int_equal(sqlite3_prepare_v2(f->t->db->sql, "SELECT updated_at FROM meetings WHERE id = ?",
					    -1, &st, NULL), SQLITE_OK);
	sqlite3_bind_int64(st, 1, f->a);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	assert_string_equal((const char *)sqlite3_column_text(st, 0), "2026-12-01 09:00:00");
	sqlite3_finalize(st);
}

static void test_checkin_choice_comes_first_while_on(void **state)
{
	struct fixture *f = *state;
	struct meeting on[4];
	time_t t = f->start + 1800;

	assert_int_equal(on_at(f, t, on), 2);
	assert_int_equal(on[0].id, f->a);
	assert_int_equal(meetings_checkin_choice(f->t->db, t), 0);
	assert_int_equal(meetings_set_checkin(f->t->db, f->b, "张敏", f->t->err, sizeof f->t->err), 0);
	assert_int_equal(meetings_checkin_choice(f->t->db, t), f->b);
	assert_int_equal(on_at(f, t, on), 2);
	assert_int_equal(on[0].id, f->b);
	/* Once the chosen meeting is over the choice no longer applies. */
	assert_int_equal(meetings_checkin_choice(f->t->db, f->start + 5400), 0);
	assert_int_equal(meetings_set_checkin(f->t->db, 0, "张敏", f->t->err, sizeof f->t->err), 0);
	assert_int_equal(meetings_checkin_choice(f->t->db, t), 0);
	assert_int_equal(on_at(f, t, on), 2);
	assert_int_equal(on[0].id, f->a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_opened_early_is_on_from_then_until_its_end, setup, testdb_fixture_teardown),
		cmocka_unit_test_setup_teardown(test_closed_is_off_from_then, setup, testdb_fixture_teardown),
		cmocka_unit_test_setup_teardown(test_closing_before_the_start_keeps_it_off, setup, testdb_fixture_teardown),
		cmocka_unit_test_setup_teardown(test_open_and_close_are_audited_and_change_updated_at, setup, testdb_fixture_teardown),
		cmocka_unit_test_setup_teardown(test_checkin_choice_comes_first_while_on, setup, testdb_fixture_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
