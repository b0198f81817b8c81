/* Failure counters in a fixed table (see limiter.h for why nothing is ever evicted). A linear
 * scan costs about a microsecond per thousand slots, far less than the database work of the
 * request it guards, and keeps the code obvious. */
#include "web/limiter.h"

#include <sodium.h>
#include <stdlib.h>
#include <string.h>

int limiter_init(struct limiter *l, int nslots, int max, int64_t window_ms)
{
	memset(l, 0, sizeof *l);
	if (sodium_init() < 0)
		return -1;
	crypto_shorthash_keygen(l->hash_key);
	l->slot = calloc((size_t)(nslots > 0 ? nslots : 1), sizeof *l->slot);
	if (!l->slot)
		return -1;
	l->nslots = nslots > 0 ? nslots : 1;
	l->max = max;
	l->window_ms = window_ms;
	return 0;
}

void limiter_free(struct limiter *l)
{
	free(l->slot);
	l->slot = NULL;
	l->nslots = 0;
}

uint64_t limiter_key(const struct limiter *l, const char *s)
{
	unsigned char out[crypto_shorthash_BYTES];
	uint64_t h;

	crypto_shorthash(out, (const unsigned char *)s, strlen(s), l->hash_key);
	memcpy(&h, out, sizeof h);
	return h;
}

static bool live(const struct limiter *l, const struct limiter_slot *s, int64_t now_ms)
{
	return s->first_ms != 0 && now_ms - s->first_ms < l->window_ms;
}

/* The live slot for key, and (when free is given) a slot it could take. */
static struct limiter_slot *find(const struct limiter *l, uint64_t key, int64_t now_ms,
				 struct limiter_slot **free_slot)
{
	int i;

	if (free_slot)
		*free_slot = NULL;
	for (i = 0; i < l->nslots; i++) {
		struct limiter_slot *s = &l->slot[i];
		if (!live(l, s, now_ms)) {
			if (free_slot && !*free_slot)
				*free_slot = s;
			continue;
		}
		if (s->key == key)
			return s;
	}
	return NULL;
}

bool limiter_blocked(const struct limiter *l, uint64_t key, int64_t now_ms)
{
	struct limiter_slot *room, *s = find(l, key, now_ms, &room);

	if (s)
		return s->count >= l->max;
	return !room; /* no counter, and none could be made: refuse */
}

int limiter_fail(struct limiter *l, uint64_t key, int64_t now_ms)
{
	struct limiter_slot *room, *s = find(l, key, now_ms, &room);

	if (s) {
		s->count++;
		return 0;
	}
	if (!room)
		return -1;
	room->key = key;
	room->first_ms = now_ms ? now_ms : 1;
	room->count = 1;
	return 0;
}

int limiter_live(const struct limiter *l, int64_t now_ms)
{
	int i, n = 0;

	for (i = 0; i < l->nslots; i++)
		n += live(l, &l->slot[i], now_ms);
	return n;
}

void limiter_budget_init(struct limiter_budget *b, int max, int64_t window_ms)
{
	memset(b, 0, sizeof *b);
	b->max = max;
	b->window_ms = window_ms;
}

bool limiter_budget_spent(const struct limiter_budget *b, int64_t now_ms)
{
	return b->start_ms != 0 && now_ms - b->start_ms < b->window_ms && b->used >= b->max;
}

void limiter_budget_take(struct limiter_budget *b, int64_t now_ms)
{
	if (b->start_ms == 0 || now_ms - b->start_ms >= b->window_ms) {
		b->start_ms = now_ms ? now_ms : 1;
		b->used = 0;
	}
	b->used++;
}
