/* Failure counters in a fixed table. A linear scan of 1024 slots costs about a microsecond,
 * far less than the database work of the request it guards, and keeps the code obvious. */
#include "core/limiter.h"

#include <sodium.h>
#include <string.h>

void limiter_init(struct limiter *l, int max, int64_t window_ms)
{
	memset(l, 0, sizeof *l);
	if (sodium_init() >= 0)
		crypto_shorthash_keygen(l->key);
	l->max = max;
	l->window_ms = window_ms;
}

static uint64_t hash(const struct limiter *l, const char *key)
{
	unsigned char out[crypto_shorthash_BYTES];
	uint64_t h;

	crypto_shorthash(out, (const unsigned char *)key, strlen(key), l->key);
	memcpy(&h, out, sizeof h);
	return h;
}

static bool live(const struct limiter *l, const struct limiter_slot *s, int64_t now_ms)
{
	return s->first_ms != 0 && now_ms - s->first_ms < l->window_ms;
}

bool limiter_blocked(const struct limiter *l, const char *key, int64_t now_ms)
{
	uint64_t h = hash(l, key);
	int i;

	for (i = 0; i < LIMITER_SLOTS; i++) {
		const struct limiter_slot *s = &l->slot[i];
		if (s->hash == h && live(l, s, now_ms))
			return s->count >= l->max;
	}
	return false;
}

void limiter_fail(struct limiter *l, const char *key, int64_t now_ms)
{
	uint64_t h = hash(l, key);
	struct limiter_slot *s, *reuse = NULL;
	int i;

	for (i = 0; i < LIMITER_SLOTS; i++) {
		s = &l->slot[i];
		if (s->hash == h && live(l, s, now_ms)) {
			s->count++;
			return;
		}
		/* A free or finished slot, else the one whose window began first. */
		if (!live(l, s, now_ms)) {
			if (!reuse || live(l, reuse, now_ms))
				reuse = s;
		} else if (!reuse || (live(l, reuse, now_ms) && s->first_ms < reuse->first_ms)) {
			reuse = s;
		}
	}
	reuse->hash = h;
	reuse->first_ms = now_ms ? now_ms : 1;
	reuse->count = 1;
}
