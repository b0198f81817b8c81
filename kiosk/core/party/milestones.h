/* 政治生日: the anniversary of a member's joining the Party (入党时间), docs/rules.md. On the day
 * the result card greets the member; the home screen lists the month's when no meeting is on.
 * Members with no 入党时间 are left out; one with only the month ("1976-11") is in the month's
 * list but has no day to be greeted on. */
#ifndef KIOSK_CORE_MILESTONES_H
#define KIOSK_CORE_MILESTONES_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

struct db;

/* Years since joined ("YYYY-MM-DD") when now's date is its anniversary, else 0 (also for no
 * date, a month-only date, or less than a year). A 29 February is kept on 28 February in the
 * years without one. */
int milestone_years_today(const char *joined, time_t now);

struct milestone {
	int64_t member_id;
	char name[128];
	int month, day; /* day 0: the roster gives only the month */
	int years;
};

/* Active members whose anniversary falls in now's month, by day (month-only last) then roster
 * order; returns how many were written (at most max), or -1 with err. */
int milestones_month(struct db *db, time_t now, struct milestone *out, int max, char *err,
		     size_t errlen);

#endif
