/* Quorum arithmetic in integers, so "more than half" and "more than four fifths" are exact at
 * their boundaries (10 voters: 6 needed to vote, 9 to elect; 5 voters: 3 and 5). */
#include "core/party/quorum.h"

void quorum_evaluate(enum vote_mode mode, int voters_expected, int voters_present,
		     struct quorum *q)
{
	q->mode = mode;
	q->voters_expected = voters_expected;
	q->voters_present = voters_present;
	switch (mode) {
	case VOTE_MAJORITY:
		q->needed = voters_expected / 2 + 1;                 /* smallest n with 2n > E */
		break;
	case VOTE_ELECTION:
		q->needed = voters_expected * 4 / 5 + 1;             /* smallest n with 5n > 4E */
		break;
	default:
		q->needed = 0;
		break;
	}
	q->met = mode != VOTE_NONE && voters_expected > 0 && voters_present >= q->needed;
}

const char *quorum_mode_name(enum vote_mode mode)
{
	switch (mode) {
	case VOTE_MAJORITY:
		return "表决";
	case VOTE_ELECTION:
		return "选举";
	default:
		return "";
	}
}
