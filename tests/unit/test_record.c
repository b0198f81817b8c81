/* Meeting records without a database: the quorum statement at its boundaries, when a vote
 * passes, what makes a record complete, and branches in the order people count them. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "core/party/attendance.h"
#include "core/party/meetings.h"
#include "core/party/record.h"
#include "core/text/numorder.h"

static void counts(struct meeting_counts *c, enum vote_mode mode, int expected, int voters,
		   int present_full, int present_prob, int leave)
{
	memset(c, 0, sizeof *c);
	c->expected = expected;
	c->expected_voters = voters;
	c->present_full = present_full;
	c->present_probationary = present_prob;
	c->present = present_full + present_prob;
	c->on_leave = leave;
	quorum_evaluate(mode, voters, present_full, &c->quorum);
}

static void test_statement_reads_as_the_paper_record_does(void **state)
{
	struct meeting m;
	struct meeting_counts c;
	char s[300];

	(void)state;
	meeting_init(&m);
	m.kind = MK_ASSEMBLY;
	m.vote = VOTE_MAJORITY;
	counts(&c, m.vote, 35, 33, 30, 0, 0);
	record_quorum_statement(&m, &c, s, sizeof s);
	assert_string_equal(s, "应到 35 人，有表决权 33 人，实到 30 人，超过半数，会议有效");
	counts(&c, m.vote, 10, 10, 5, 2, 1); /* exactly half of the voters: not valid */
	record_quorum_statement(&m, &c, s, sizeof s);
	assert_string_equal(s, "应到 10 人，有表决权 10 人，实到 7 人（其中预备党员 2 人），请假 1 人，未超过半数，不能表决");
	m.vote = VOTE_ELECTION;
	counts(&c, m.vote, 10, 10, 8, 0, 0); /* exactly four fifths: no election */
	record_quorum_statement(&m, &c, s, sizeof s);
	assert_non_null(strstr(s, "未超过五分之四，不能进行选举"));
	counts(&c, m.vote, 10, 10, 9, 0, 0);
	record_quorum_statement(&m, &c, s, sizeof s);
	assert_non_null(strstr(s, "超过五分之四，会议有效，可以选举"));
}

static void test_vote_passes_with_more_than_half_of_voters_expected(void **state)
{
	struct meeting_record r;
	struct meeting_counts c;

	(void)state;
	record_init(&r, 1);
	r.voted = true;
	counts(&c, VOTE_MAJORITY, 11, 10, 9, 0, 0);
	r.votes_for = 5; /* half of 10 expected voters, though most of those present */
	assert_false(record_passed(&c, &r));
	r.votes_for = 6;
	assert_true(record_passed(&c, &r));
	r.voted = false;
	assert_false(record_passed(&c, &r));
}

static void test_complete_needs_counts_only_when_the_meeting_votes(void **state)
{
	struct meeting m;
	struct meeting_record r;
	char err[256];

	(void)state;
	meeting_init(&m);
	record_init(&r, 1);
	strcpy(r.uuid, "x");
	strcpy(r.host, "甲");
	strcpy(r.recorder, "乙");
	assert_false(record_complete(&m, &r)); /* no topic */
	assert_int_equal(record_add_topic(&r, "　学习 ", err, sizeof err), 0);
	assert_string_equal(r.topics[0], "学习");
	assert_false(record_complete(&m, &r)); /* neither content nor decision */
	assert_int_equal(record_add_decision(&r, "会后走访", err, sizeof err), 0);
	assert_true(record_complete(&m, &r));
	m.vote = VOTE_MAJORITY;
	assert_false(record_complete(&m, &r));
	r.voted = true;
	assert_true(record_complete(&m, &r));
	assert_int_equal(record_add_topic(&r, "一\n二", err, sizeof err), -1);
	assert_int_equal(record_add_topic(&r, "   ", err, sizeof err), -1);
}

static int cmp(const char *a, const char *b)
{
	return numorder_compare(a, strlen(a), b, strlen(b));
}

static void test_branches_sort_as_people_count(void **state)
{
	(void)state;
	assert_true(cmp("第一党支部", "第二党支部") < 0);
	assert_true(cmp("第二党支部", "第三党支部") < 0);
	assert_true(cmp("第三党支部", "第四党支部") < 0);
	assert_true(cmp("第四党支部", "第十党支部") < 0);
	assert_true(cmp("第十党支部", "第十一党支部") < 0);
	assert_true(cmp("第九党支部", "第十一党支部") < 0);
	assert_true(cmp("第十一党支部", "第二十党支部") < 0);
	assert_true(cmp("第二十党支部", "第一百零五党支部") < 0);
	assert_true(cmp("3号楼", "12号楼") < 0);
	assert_int_equal(cmp("第二党支部", "第二党支部"), 0);
	assert_true(cmp("第二党支部", "第二党总支") != 0);
	assert_true(cmp("第一", "第一党支部") < 0);
	assert_true(cmp("东区党支部", "西区党支部") == -cmp("西区党支部", "东区党支部"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_statement_reads_as_the_paper_record_does),
		cmocka_unit_test(test_vote_passes_with_more_than_half_of_voters_expected),
		cmocka_unit_test(test_complete_needs_counts_only_when_the_meeting_votes),
		cmocka_unit_test(test_branches_sort_as_people_count),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
