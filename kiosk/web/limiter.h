/* Counting failures, to stop anyone guessing a member's phone digits. After `max` failures for
 * one key (a member, an address) inside the window, the key is blocked until the window that
 * began with its first failure ends.
 *
 * Memory is fixed, and nobody can evict a counter: the table is sized when it is made (by the
 * roster for members, by the room for addresses), and when every slot holds a live counter a
 * new key is refused rather than an old one forgotten. A refused key counts as blocked, so a
 * flood of fresh keys can only lock fresh keys out, never unlock one (issue 11: a table that
 * forgot its oldest counter let 1,050 junk names free a blocked one). Keys are 64-bit; strings
 * are turned into keys with SipHash under a random key, so nobody can aim collisions.
 *
 * A budget is the same idea without keys: at most `max` events (wrong guesses from anywhere)
 * per window, after which the caller stops taking guesses until the window ends. */
#ifndef KIOSK_CORE_LIMITER_H
#define KIOSK_CORE_LIMITER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct limiter_slot {
	uint64_t key;
	int64_t first_ms; /* the first failure of this window; 0: the slot is free */
	int count;
};

struct limiter {
	struct limiter_slot *slot;
	int nslots;
	unsigned char hash_key[16];
	int max;
	int64_t window_ms;
};

struct limiter_budget {
	int max;
	int64_t window_ms;
	int64_t start_ms; /* when the current window began; 0: none yet */
	int used;
};

/* Ready to count at most max failures per window_ms for each of up to nslots keys at once.
 * -1 when out of memory. */
int limiter_init(struct limiter *l, int nslots, int max, int64_t window_ms);
void limiter_free(struct limiter *l);

/* The key for a string (an address). */
uint64_t limiter_key(const struct limiter *l, const char *s);

/* Has key used up its failures, or would it find no room to be counted? */
bool limiter_blocked(const struct limiter *l, uint64_t key, int64_t now_ms);

/* Count one failure for key: 0, or -1 when every slot holds a live counter (the key was not
 * counted; treat it as blocked). */
int limiter_fail(struct limiter *l, uint64_t key, int64_t now_ms);

/* Live counters, for tests and the log. */
int limiter_live(const struct limiter *l, int64_t now_ms);

void limiter_budget_init(struct limiter_budget *b, int max, int64_t window_ms);
/* Is this window's budget used up? */
bool limiter_budget_spent(const struct limiter_budget *b, int64_t now_ms);
/* Use one event of the budget. */
void limiter_budget_take(struct limiter_budget *b, int64_t now_ms);

#endif
