/* 请假 and exclusions from 应到: the two ways staff account for a member who will not come. A
 * member on leave still counts in 应到; one excluded with approval (long illness, abroad for
 * over six months, ...) does not, for the dates the approval covers. */
#ifndef KIOSK_CORE_LEAVE_H
#define KIOSK_CORE_LEAVE_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

struct db;

/* Record (or correct the reason of) a member's leave from one meeting. Refused when the member
 * is not expected there or has already signed in. */
int leave_add(struct db *db, int64_t meeting_id, int64_t member_id, const char *reason,
	      const char *actor, time_t now, char *err, size_t errlen);

/* Exclude a member from 应到 from start_date ("YYYY-MM-DD") to end_date (inclusive; empty or
 * NULL: until further notice), with the reason and who approved it. */
int leave_exclude(struct db *db, int64_t member_id, const char *reason, const char *approved_by,
		  const char *start_date, const char *end_date, const char *actor, char *err,
		  size_t errlen);

#endif
