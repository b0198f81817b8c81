/* Wrong guesses at members' phone digits, counted where an attacker cannot wash them out
 * (issue 11). Three limits, each enough on its own to stop a guesser who has the room's Wi-Fi
 * and any number of addresses:
 *   per member   five wrong tries at one member's digits in ten minutes, from anywhere, block
 *                that member's phone sign-in for the rest of the ten minutes; the table is
 *                keyed by member id and sized by the roster, so typed junk never takes a slot
 *   per address  five wrong tries from one address, likewise
 *   in all       at most GUESSES_PER_MINUTE wrong tries a minute from all phones together;
 *                beyond that phones are told to sign in on the screen until the minute is over
 * The four digits have 10,000 values: at five tries per member per ten minutes, and thirty a
 * minute in all, finding any one member's digits takes days, not seconds. The touch screen
 * is never limited: a member in front of it signs in as always. */
#ifndef KIOSK_CORE_GUESSES_H
#define KIOSK_CORE_GUESSES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "web/limiter.h"

struct db;

#define GUESSES_MAX 5                        /* wrong tries per member and per address */
#define GUESSES_WINDOW_MS (10 * 60 * 1000)
#define GUESSES_PER_MINUTE 30                /* wrong tries a minute from all phones */
#define GUESSES_ADDRESSES 1024               /* addresses counted at once */

struct guesses {
	struct limiter by_member, by_addr;
	struct limiter_budget all;
};

enum guess_verdict {
	GUESS_OK,       /* go on */
	GUESS_BLOCKED,  /* this address or this member has had its tries: 429 */
	GUESS_SPENT,    /* the minute's budget is spent: sign in on the screen */
};

/* Ready to count for a roster of this size (members added later still fit: the table has
 * room for twice the roster). -1 with err when out of memory. */
int guesses_init(struct guesses *g, struct db *db, char *err, size_t errlen);
void guesses_free(struct guesses *g);

/* Before looking at a name and digits: may this address try now? */
enum guess_verdict guesses_check(const struct guesses *g, const char *addr, int64_t now_ms);

/* Before signing in a member the name and digits matched: has this member had its tries? */
bool guesses_member_blocked(const struct guesses *g, int64_t member_id, int64_t now_ms);

/* A wrong try from addr for the name key typed (phone_name_key; "" for none). Counts it
 * against the address, the budget, and every active member with that name. Returns the
 * verdict for the answer: GUESS_OK (say "wrong"), or GUESS_BLOCKED when a member of that name
 * had already had its tries, or the try could not be counted. -1 on a database error. */
int guesses_wrong(struct guesses *g, struct db *db, const char *addr, const char *name_key,
		  int64_t now_ms, enum guess_verdict *verdict, char *err, size_t errlen);

#endif
