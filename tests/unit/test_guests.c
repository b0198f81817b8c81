/* Walk-in guests: recorded with name and 单位, counted as 列席 and never in 应到. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "core/party/attendance.h"
#include "core/base/clock.h"
#include "core/party/guests.h"
#include "core/party/meetings.h"
#include "testdb.h"

struct fixture {
	struct testdb *t;
	struct meeting m;
};

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof *f);

	f->t = testdb_new();
	testdb_member(f->t, "甲", "第一党支部", "正式", NULL);
	meeting_init(&f->m);
	f->m.kind = MK_LECTURE;
	clock_parse("2026-12-01 09:00", &f->m.start);
	f->m.end = f->m.start + 3600;
	assert_int_equal(meetings_add(f->t->db, &f->m, "test", f->t->err, sizeof f->t->err), 0);
	*state = f;
	return 0;
}

static int count(void *ctx, const struct guest *g)
{
	(void)g;
	(*(int *)ctx)++;
	return 0;
}

static void test_guest_is_listed_and_counted_as_lie_xi_not_expected(void **state)
{
	struct fixture *f = *state;
	struct meeting_counts c;
	int64_t id, id2;
	int n = 0;

	assert_int_equal(guests_add(f->t->db, f->m.id, " 王建国 ", "街道党工委", "张敏", f->m.start, &id,
				    f->t->err, sizeof f->t->err), 0);
	assert_true(id > 0);
	assert_int_equal(guests_each(f->t->db, f->m.id, count, &n, f->t->err, sizeof f->t->err), 0);
	assert_int_equal(n, 1);
	assert_int_equal(attendance_counts(f->t->db, &f->m, &c, f->t->err, sizeof f->t->err), 0);
	assert_int_equal(c.expected, 1);
	assert_int_equal(c.guests, 1);
	assert_int_equal(c.present, 0);
	/* The same person twice is refused, saying when; another 单位 is another person. */
	assert_int_equal(guests_add(f->t->db, f->m.id, "王建国", "街道党工委", "张敏", f->m.start + 60,
				    &id2, f->t->err, sizeof f->t->err), -1);
	assert_non_null(strstr(f->t->err, "09:00 已经登记过了"));
	assert_int_equal(guests_add(f->t->db, f->m.id, "王建国", "区委组织部", "张敏", f->m.start + 60,
				    &id2, f->t->err, sizeof f->t->err), 0);
	assert_int_equal(guests_add(f->t->db, f->m.id, "  ", "区委组织部", "张敏", f->m.start + 60,
				    &id2, f->t->err, sizeof f->t->err), -1);
	assert_non_null(strstr(f->t->err, "姓名"));
}

static void test_guest_undo_and_recent_units(void **state)
{
	struct fixture *f = *state;
	struct meeting_counts c;
	char units[4][GUEST_TEXT];
	int64_t a, b;
	int n = 0;

	assert_int_equal(guests_add(f->t->db, f->m.id, "李四", "共建单位", "张敏", f->m.start, &a,
				    f->t->err, sizeof f->t->err), 0);
	assert_int_equal(guests_add(f->t->db, f->m.id, "赵五", "", "张敏", f->m.start, &b,
				    f->t->err, sizeof f->t->err), 0);
	assert_int_equal(guests_undo(f->t->db, a, "张敏", f->m.start + 60, f->t->err, sizeof f->t->err), 0);
	assert_int_equal(guests_undo(f->t->db, a, "张敏", f->m.start + 60, f->t->err, sizeof f->t->err), -1);
	assert_int_equal(guests_each(f->t->db, f->m.id, count, &n, f->t->err, sizeof f->t->err), 0);
	assert_int_equal(n, 1);
	assert_int_equal(attendance_counts(f->t->db, &f->m, &c, f->t->err, sizeof f->t->err), 0);
	assert_int_equal(c.guests, 1);
	/* An undone guest may be recorded again. */
	assert_int_equal(guests_add(f->t->db, f->m.id, "李四", "共建单位", "张敏", f->m.start + 120, &a,
				    f->t->err, sizeof f->t->err), 0);
	assert_int_equal(guests_recent_units(f->t->db, units, 4), 1);
	assert_string_equal(units[0], "共建单位");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_guest_is_listed_and_counted_as_lie_xi_not_expected, setup, testdb_fixture_teardown),
		cmocka_unit_test_setup_teardown(test_guest_undo_and_recent_units, setup, testdb_fixture_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
