/* The limits on guessing members' phone digits (issue 11): counters nobody can evict, a budget
 * for all phones together, and failures counted per member whatever spelling of the name was
 * typed. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "web/guesses.h"
#include "web/limiter.h"
#include "testdb.h"

#define T0 1000000

static void test_limiter_blocks_after_five_failures_for_ten_minutes(void **state)
{
	struct limiter l;
	uint64_t a, b;
	int i;

	(void)state;
	assert_int_equal(limiter_init(&l, 16, 5, 600000), 0);
	a = limiter_key(&l, "10.0.0.5");
	b = limiter_key(&l, "10.0.0.6");
	assert_true(a != b);
	for (i = 0; i < 5; i++) {
		assert_false(limiter_blocked(&l, a, T0 + i));
		assert_int_equal(limiter_fail(&l, a, T0 + i), 0);
	}
	assert_true(limiter_blocked(&l, a, T0 + 5));
	assert_false(limiter_blocked(&l, b, T0 + 5));
	assert_true(limiter_blocked(&l, a, T0 + 599999));
	assert_false(limiter_blocked(&l, a, T0 + 600000));
	limiter_free(&l);
}

/* The flood that freed a blocked name (issue 11: 1,050 junk failures against 1024 slots): now
 * the junk is refused and the blocked key stays blocked. */
static void test_a_flood_of_new_keys_never_frees_a_blocked_one(void **state)
{
	struct limiter l;
	int i, refused = 0;

	(void)state;
	assert_int_equal(limiter_init(&l, 1024, 5, 600000), 0);
	for (i = 0; i < 5; i++)
		limiter_fail(&l, 42, T0 + i);
	for (i = 0; i < 3 * 1024; i++)
		refused += limiter_fail(&l, 1000 + (uint64_t)i, T0 + 100 + i) < 0;
	assert_int_equal(refused, 3 * 1024 - 1023);
	assert_true(limiter_blocked(&l, 42, T0 + 100000));
	/* A key that could not be counted is refused, not let through. */
	assert_true(limiter_blocked(&l, 999999, T0 + 100000));
	assert_int_equal(limiter_live(&l, T0 + 100000), 1024);
	/* When the window is over, the room comes back. */
	assert_false(limiter_blocked(&l, 999999, T0 + 600000 + 4000));
	assert_false(limiter_blocked(&l, 42, T0 + 600000 + 4000));
	limiter_free(&l);
}

static void test_budget_is_spent_for_the_rest_of_its_window(void **state)
{
	struct limiter_budget b;
	int i;

	(void)state;
	limiter_budget_init(&b, 30, 60000);
	assert_false(limiter_budget_spent(&b, T0));
	for (i = 0; i < 30; i++) {
		assert_false(limiter_budget_spent(&b, T0 + i));
		limiter_budget_take(&b, T0 + i);
	}
	assert_true(limiter_budget_spent(&b, T0 + 30));
	assert_true(limiter_budget_spent(&b, T0 + 59999));
	assert_false(limiter_budget_spent(&b, T0 + 60000));
}

struct fixture {
	struct testdb *t;
	struct guesses g;
	int64_t zhang, wang1, wang2;
};

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof *f);

	f->t = testdb_new();
	f->zhang = testdb_member(f->t, "张三", "第一党支部", NULL, "13800001234");
	f->wang1 = testdb_member(f->t, "王芳", "第一党支部", NULL, "13600008888");
	f->wang2 = testdb_member(f->t, "王芳", "第二党支部", NULL, "13500008888");
	assert_int_equal(guesses_init(&f->g, f->t->db, f->t->err, sizeof f->t->err), 0);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;

	guesses_free(&f->g);
	return testdb_fixture_teardown(state);
}

static enum guess_verdict wrong(struct fixture *f, const char *addr, const char *key, int64_t t)
{
	enum guess_verdict v;

	assert_int_equal(guesses_wrong(&f->g, f->t->db, addr, key, t, &v, f->t->err,
				       sizeof f->t->err), 0);
	return v;
}

/* Five wrong tries at 张三 from five addresses block 张三 from a sixth, even with the right
 * digits; the member is the key, not the text typed, and other members are untouched. */
static void test_wrong_tries_count_against_the_member_from_any_address(void **state)
{
	struct fixture *f = *state;
	char addr[32];
	int i;

	for (i = 0; i < 5; i++) {
		snprintf(addr, sizeof addr, "10.0.0.%d", i + 1);
		assert_int_equal(guesses_check(&f->g, addr, T0 + i), GUESS_OK);
		assert_int_equal(wrong(f, addr, "张三", T0 + i), GUESS_OK);
	}
	assert_true(guesses_member_blocked(&f->g, f->zhang, T0 + 10));
	assert_false(guesses_member_blocked(&f->g, f->wang1, T0 + 10));
	assert_int_equal(guesses_check(&f->g, "10.0.0.9", T0 + 10), GUESS_OK);
	/* A wrong try at a blocked member says 429, not "wrong": nothing is learnt from it. */
	assert_int_equal(wrong(f, "10.0.0.9", "张三", T0 + 11), GUESS_BLOCKED);
	assert_false(guesses_member_blocked(&f->g, f->zhang, T0 + GUESSES_WINDOW_MS + 1));
}

/* Namesakes share a name: a wrong try with that name counts against each of them. */
static void test_a_name_shared_by_two_members_counts_against_both(void **state)
{
	struct fixture *f = *state;
	int i;

	for (i = 0; i < 5; i++)
		wrong(f, "10.0.1.1", "王芳", T0 + i);
	assert_true(guesses_member_blocked(&f->g, f->wang1, T0 + 10));
	assert_true(guesses_member_blocked(&f->g, f->wang2, T0 + 10));
}

/* Junk names from many addresses take no member's slot and free nobody: the member table
 * holds only members, and a full address table refuses rather than forgets. */
static void test_junk_from_many_addresses_cannot_free_a_blocked_member(void **state)
{
	struct fixture *f = *state;
	char addr[32], junk[32];
	int i;

	for (i = 0; i < 5; i++)
		wrong(f, "10.0.2.1", "张三", T0 + i);
	for (i = 0; i < 3000; i++) {
		snprintf(addr, sizeof addr, "10.%d.%d.%d", 3 + i / 65536, (i / 256) % 256, i % 256);
		snprintf(junk, sizeof junk, "junk%d", i);
		f->g.all.used = 0; /* the budget is tested apart: here only the tables */
		wrong(f, addr, junk, T0 + 10 + i);
	}
	assert_int_equal(limiter_live(&f->g.by_member, T0 + 4000), 1);
	assert_true(guesses_member_blocked(&f->g, f->zhang, T0 + 4000));
	/* The address table is full: a new address is refused, never given a fresh counter. */
	assert_int_equal(guesses_check(&f->g, "192.168.9.9", T0 + 4000), GUESS_BLOCKED);
}

/* All phones together get GUESSES_PER_MINUTE wrong tries a minute; then none until the minute
 * is over. */
static void test_the_budget_stops_guesses_from_every_address(void **state)
{
	struct fixture *f = *state;
	char addr[32];
	int i;

	for (i = 0; i < GUESSES_PER_MINUTE; i++) {
		snprintf(addr, sizeof addr, "10.0.4.%d", i + 1);
		assert_int_equal(guesses_check(&f->g, addr, T0 + i), GUESS_OK);
		wrong(f, addr, "nobody", T0 + i);
	}
	assert_int_equal(guesses_check(&f->g, "10.0.5.1", T0 + 100), GUESS_SPENT);
	assert_int_equal(guesses_check(&f->g, "10.0.5.1", T0 + 60000), GUESS_OK);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_limiter_blocks_after_five_failures_for_ten_minutes),
		cmocka_unit_test(test_a_flood_of_new_keys_never_frees_a_blocked_one),
		cmocka_unit_test(test_budget_is_spent_for_the_rest_of_its_window),
		cmocka_unit_test_setup_teardown(test_wrong_tries_count_against_the_member_from_any_address,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_a_name_shared_by_two_members_counts_against_both,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_junk_from_many_addresses_cannot_free_a_blocked_member,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_the_budget_stops_guesses_from_every_address,
						setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
