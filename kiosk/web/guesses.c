/* The three limits of guesses.h over two limiter tables and a budget. Only a wrong try costs a
 * database read (the members a typed name may mean), and wrong tries are what the budget caps,
 * so a flood of them costs the server at most GUESSES_PER_MINUTE reads a minute. */
#include "web/guesses.h"

#include <sqlite3.h>
#include <stdio.h>
#include <string.h>

#include "core/store/db.h"

int guesses_init(struct guesses *g, struct db *db, char *err, size_t errlen)
{
	sqlite3_stmt *st = db_stmt(db, STMT_MEMBER_COUNT);
	int members = 0;

	memset(g, 0, sizeof *g);
	if (sqlite3_step(st) == SQLITE_ROW)
		members = sqlite3_column_int(st, 0);
	sqlite3_reset(st);
	if (limiter_init(&g->by_member, 2 * members + 64, GUESSES_MAX, GUESSES_WINDOW_MS) < 0 ||
	    limiter_init(&g->by_addr, GUESSES_ADDRESSES, GUESSES_MAX, GUESSES_WINDOW_MS) < 0) {
		guesses_free(g);
		snprintf(err, errlen, "内存不足，手机签到服务没有启动");
		return -1;
	}
	limiter_budget_init(&g->all, GUESSES_PER_MINUTE, 60 * 1000);
	return 0;
}

void guesses_free(struct guesses *g)
{
	limiter_free(&g->by_member);
	limiter_free(&g->by_addr);
}

enum guess_verdict guesses_check(const struct guesses *g, const char *addr, int64_t now_ms)
{
	if (limiter_budget_spent(&g->all, now_ms))
		return GUESS_SPENT;
	if (limiter_blocked(&g->by_addr, limiter_key(&g->by_addr, addr), now_ms))
		return GUESS_BLOCKED;
	return GUESS_OK;
}

bool guesses_member_blocked(const struct guesses *g, int64_t member_id, int64_t now_ms)
{
	return limiter_blocked(&g->by_member, (uint64_t)member_id, now_ms);
}

int guesses_wrong(struct guesses *g, struct db *db, const char *addr, const char *name_key,
		  int64_t now_ms, enum guess_verdict *verdict, char *err, size_t errlen)
{
	uint64_t a = limiter_key(&g->by_addr, addr);
	int64_t ids[16];
	int n = 0, i, rc = SQLITE_DONE;
	bool blocked = false;

	if (name_key[0]) {
		sqlite3_stmt *st = db_stmt(db, STMT_MEMBER_IDS_BY_NAME_KEY);
		db_bind_text(st, ":key", name_key);
		while (n < 16 && (rc = sqlite3_step(st)) == SQLITE_ROW)
			ids[n++] = sqlite3_column_int64(st, 0);
		sqlite3_reset(st);
		if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
			db_error(db, "查找党员", err, errlen);
			return -1;
		}
	}
	/* A member already over the limit is answered 429 whatever the digits were, so that the
	 * answer says nothing about them. */
	limiter_budget_take(&g->all, now_ms);
	blocked |= limiter_fail(&g->by_addr, a, now_ms) < 0;
	for (i = 0; i < n; i++) {
		uint64_t m = (uint64_t)ids[i];
		blocked |= limiter_blocked(&g->by_member, m, now_ms);
		blocked |= limiter_fail(&g->by_member, m, now_ms) < 0;
	}
	*verdict = blocked ? GUESS_BLOCKED : GUESS_OK;
	return 0;
}
