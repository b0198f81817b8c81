/* Lateness (迟到) and leaving (签退, 早退), docs/rules.md.
 *
 * A sign-in more than late.<kind> minutes (a setting per meeting kind, e.g. late.主题党日 = 10)
 * after the meeting's start is recorded 迟到 when it is made; the member is told "签到成功" all
 * the same. A meeting may ask for 签退 (meetings add --signout, meetings signout ID); a 签退
 * before the meeting's end is 早退. Neither changes 实到. */
#ifndef KIOSK_CORE_SIGNOUT_H
#define KIOSK_CORE_SIGNOUT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

struct db;
struct meeting;

#define LATE_SETTING_PREFIX "late."
#define LATE_MAX_MINUTES 240

/* The grace in minutes for the meeting's kind, or -1 when lateness is not kept for it. */
int attendance_late_minutes(struct db *db, const struct meeting *m);
/* Would a sign-in at now be 迟到? */
bool attendance_is_late(struct db *db, const struct meeting *m, time_t now);

/* For `kioskctl settings set`: 0 unless name is late.<kind> with a value that is not a number
 * of minutes (0 to LATE_MAX_MINUTES) or a kind that does not exist; then -1 with err. */
int attendance_late_setting_check(const char *name, const char *value, char *err, size_t errlen);

struct signout {
	bool already; /* signed out before: at is that time, nothing was written */
	bool early;   /* 早退 */
	time_t at;
};

/* 签退 a member who signed in. Refuses a meeting that does not ask for it, and a member with
 * no sign-in (a sentence saying to sign in first). */
int attendance_signout(struct db *db, int64_t meeting_id, int64_t member_id, time_t now,
		       struct signout *out, char *err, size_t errlen);

/* Does a meeting ask for 签退? Audited. */
int meetings_set_signout(struct db *db, int64_t id, bool on, const char *actor, time_t now,
			 char *err, size_t errlen);

#endif
