/* The party's rules on who may decide (docs/rules.md), as pure arithmetic so they can be tested
 * at their boundaries: a vote needs more than half of the members with voting rights present,
 * an election more than four fifths, a 支委会 more than half of the committee. */
#ifndef KIOSK_CORE_QUORUM_H
#define KIOSK_CORE_QUORUM_H

#include <stdbool.h>

enum vote_mode {
	VOTE_NONE = 0,     /* no decision taken: no quorum shown */
	VOTE_MAJORITY = 1, /* 表决: present voters > 1/2 of expected voters */
	VOTE_ELECTION = 2, /* 选举: present voters > 4/5 of expected voters */
};

struct quorum {
	enum vote_mode mode;
	int voters_expected; /* 正式党员 among 应到 */
	int voters_present;  /* 正式党员 among 实到 */
	int needed;          /* the least number of voters present that meets the rule */
	bool met;
};

/* Work out whether a meeting may vote or elect with these numbers. */
void quorum_evaluate(enum vote_mode mode, int voters_expected, int voters_present,
		     struct quorum *q);

const char *quorum_mode_name(enum vote_mode mode); /* "", "表决", "选举" */

#endif
