/* Counting failed sign-in attempts, to stop anyone guessing a member's phone digits: after
 * LIMITER_MAX failures for one key (an address, a name) inside the window, the key is blocked
 * until the window that began with its first failure ends. Memory is fixed: a table of
 * LIMITER_SLOTS counters keyed by a keyed hash (SipHash, so nobody can aim collisions); when
 * every slot is live, the counter whose window began first is forgotten. */
#ifndef KIOSK_CORE_LIMITER_H
#define KIOSK_CORE_LIMITER_H

#include <stdbool.h>
#include <stdint.h>

#define LIMITER_SLOTS 1024

struct limiter_slot {
	uint64_t hash;
	int64_t first_ms; /* the first failure of this window; 0: the slot is free */
	int count;
};

struct limiter {
	struct limiter_slot slot[LIMITER_SLOTS];
	unsigned char key[16];
	int max;
	int64_t window_ms;
};

/* Ready to count: at most max failures per window_ms for a key. */
void limiter_init(struct limiter *l, int max, int64_t window_ms);

/* Has key used up its failures? */
bool limiter_blocked(const struct limiter *l, const char *key, int64_t now_ms);

/* Count one failure for key. */
void limiter_fail(struct limiter *l, const char *key, int64_t now_ms);

#endif
