/* Households (同户): members who live in one home share a 户 (the roster's 户 column, `members
 * edit --household`). After one signs in on the screen the others are offered with one tap,
 * and a remembered phone may sign in its household (docs/rules.md, docs/http.md). Members at the
 * same address are suggested to staff as a household; nothing is joined without them. */
#ifndef KIOSK_CORE_HOUSEHOLD_H
#define KIOSK_CORE_HOUSEHOLD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct db;

#define HOUSEHOLD_MAX 8

struct home_member {
	int64_t id;
	char name[128];
};

/* The other active members of member_id's household (none when its 户 is empty), in roster
 * order; returns how many (at most max), or -1 with err. */
int household_others(struct db *db, int64_t member_id, struct home_member *out, int max, char *err,
		     size_t errlen);

/* The others of member_id's household not signed in at meeting_id yet: whom the result card
 * offers ("同户的 王秀英 也来了吗？"). Returns how many (at most max), or -1 with err. */
int household_to_offer(struct db *db, int64_t meeting_id, int64_t member_id, struct home_member *out,
		       int max, char *err, size_t errlen);

/* Are a and b two members of one household? (false when either has no 户) */
int household_same(struct db *db, int64_t a, int64_t b, bool *same, char *err, size_t errlen);

/* An address reduced to what identifies a home: spaces and punctuation gone, full-width
 * digits and letters made ASCII, letters upper case, 号楼/栋/幢 and 单元/门 written one way. */
void household_address_key(const char *address, char *out, size_t size);

struct household_suggestion {
	char key[256];     /* the normalised address */
	char address[256]; /* as the first of them has it */
	int n;
	struct home_member members[HOUSEHOLD_MAX];
};

typedef int (*suggestion_fn)(void *ctx, const struct household_suggestion *s);

/* Groups of two or more active members at one normalised address who do not already share a
 * 户: for staff to confirm. */
int household_suggestions(struct db *db, suggestion_fn fn, void *ctx, char *err, size_t errlen);

#endif
