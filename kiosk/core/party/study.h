/* 学习打卡: a member records having studied a material, and for how long. One record per member,
 * material and day, each with its UUID and the kiosk's id like every record that leaves the
 * kiosk. A record the member undid at once is kept but no longer listed (study_each). */
#ifndef KIOSK_CORE_STUDY_H
#define KIOSK_CORE_STUDY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "core/party/attendance.h"
#include "core/materials/materials.h"
#include "core/party/members.h"

struct db;

#define STUDY_MAX_MINUTES 1440

struct study_result {
	int64_t id;   /* the record, for study_undo */
	bool already; /* recorded before today: at and minutes are the first record's */
	time_t at;
	int minutes;
};

/* Record that member studied material for minutes (1..STUDY_MAX_MINUTES). Idempotent per day:
 * a second record the same day writes nothing and says already. Refuses inactive members and
 * removed materials with a message. */
int study_record(struct db *db, int64_t member_id, int64_t material_id, int minutes,
		 enum checkin_method method, time_t now, struct study_result *out, char *err,
		 size_t errlen);

/* Undo a record just made ("点错了": the member found someone else's name). It is kept, marked
 * undone, and no longer listed or counted; recording the same material that day again brings it
 * back. Undoing one already undone changes nothing. */
int study_undo(struct db *db, int64_t id, time_t now, char *err, size_t errlen);

struct study_row {
	int64_t id;
	char uuid[UUID_LEN];
	char kiosk_id[64];
	time_t at;
	int minutes;
	char method[16]; /* touch/qr/staff */
	int64_t member_id;
	char member_uuid[UUID_LEN];
	char member[MEMBER_TEXT];
	char branch[MEMBER_TEXT];
	int64_t material_id;
	char material_uuid[UUID_LEN];
	char material[MATERIAL_TEXT];
	char category[32];
};

/* Called for each record; return non-zero to stop. */
typedef int (*study_fn)(void *ctx, const struct study_row *r);

/* Every record made in [from, to) and not undone, oldest first (kioskctl study list). */
int study_each(struct db *db, time_t from, time_t to, study_fn fn, void *ctx, char *err,
	       size_t errlen);

#endif
