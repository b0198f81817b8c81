/* Walk-in guests (来宾): people who are not members of this community, recorded at a meeting by
 * staff with their name and 单位. They are 列席 — never counted in 应到 — and leave the kiosk in
 * exports like sign-ins do, an undo included. */
#ifndef KIOSK_CORE_GUESTS_H
#define KIOSK_CORE_GUESTS_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "core/base/clock.h"
#include "core/base/uuid.h"

struct db;

#define GUEST_TEXT 128

struct guest {
	int64_t id;
	char uuid[UUID_LEN];
	char name[GUEST_TEXT];
	char unit[GUEST_TEXT];
	char checked_at[CLOCK_TEXT];
};

/* Record a guest at a meeting; *id is the new record's. The same name and 单位 twice at one
 * meeting is refused with a message saying when they were recorded. Audited under actor. */
int guests_add(struct db *db, int64_t meeting_id, const char *name, const char *unit,
	       const char *actor, time_t now, int64_t *id, char *err, size_t errlen);

/* Undo a guest recorded by mistake (kept as undone, so exports carry the correction). */
int guests_undo(struct db *db, int64_t guest_id, const char *actor, time_t now, char *err,
		size_t errlen);

typedef int (*guest_fn)(void *ctx, const struct guest *g);
/* The guests of a meeting, in the order they came; undone ones left out. */
int guests_each(struct db *db, int64_t meeting_id, guest_fn fn, void *ctx, char *err,
		size_t errlen);

/* The 单位 guests came from before, newest first, for one-tap entry; returns how many. */
int guests_recent_units(struct db *db, char (*out)[GUEST_TEXT], int max);

#endif
