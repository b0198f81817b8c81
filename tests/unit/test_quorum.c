/* The quorum rules of docs/rules.md at their boundaries. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "core/party/quorum.h"

static void test_vote_needs_more_than_half(void **state)
{
	struct quorum q;

	(void)state;
	quorum_evaluate(VOTE_MAJORITY, 10, 5, &q); /* exactly half: not enough */
	assert_false(q.met);
	assert_int_equal(q.needed, 6);
	quorum_evaluate(VOTE_MAJORITY, 10, 6, &q);
	assert_true(q.met);
	quorum_evaluate(VOTE_MAJORITY, 9, 4, &q);
	assert_false(q.met);
	quorum_evaluate(VOTE_MAJORITY, 9, 5, &q);
	assert_true(q.met);
	assert_int_equal(q.needed, 5);
}

static void test_election_needs_more_than_four_fifths(void **state)
{
	struct quorum q;

	(void)state;
	quorum_evaluate(VOTE_ELECTION, 10, 8, &q); /* exactly 4/5: not enough */
	assert_false(q.met);
	assert_int_equal(q.needed, 9);
	quorum_evaluate(VOTE_ELECTION, 10, 9, &q);
	assert_true(q.met);
	quorum_evaluate(VOTE_ELECTION, 5, 4, &q); /* exactly 4/5 of 5 */
	assert_false(q.met);
	quorum_evaluate(VOTE_ELECTION, 5, 5, &q);
	assert_true(q.met);
	quorum_evaluate(VOTE_ELECTION, 30, 25, &q); /* 25/30 = 83% > 80% */
	assert_true(q.met);
	assert_int_equal(q.needed, 25);
	quorum_evaluate(VOTE_ELECTION, 30, 24, &q); /* 24/30 = 80% exactly */
	assert_false(q.met);
}

static void test_no_vote_never_claims_a_quorum(void **state)
{
	struct quorum q;

	(void)state;
	quorum_evaluate(VOTE_NONE, 10, 10, &q);
	assert_false(q.met);
	quorum_evaluate(VOTE_MAJORITY, 0, 0, &q); /* nobody with voting rights */
	assert_false(q.met);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_vote_needs_more_than_half),
		cmocka_unit_test(test_election_needs_more_than_four_fifths),
		cmocka_unit_test(test_no_vote_never_claims_a_quorum),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
