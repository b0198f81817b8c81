/* Meetings: 三会一课 (支部党员大会, 支委会, 党小组会, 党课), 主题党日, 志愿服务 and others; which one is
 * on now, what comes next. */
#ifndef KIOSK_CORE_MEETINGS_H
#define KIOSK_CORE_MEETINGS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "core/party/quorum.h"
#include "core/base/uuid.h"

struct db;

enum meeting_kind {
	MK_ASSEMBLY,  /* 支部党员大会 */
	MK_COMMITTEE, /* 支委会 */
	MK_GROUP,     /* 党小组会 */
	MK_LECTURE,   /* 党课 */
	MK_THEME_DAY, /* 主题党日 */
	MK_VOLUNTEER, /* 志愿服务 */
	MK_OTHER,     /* 其他 */
	MK_COUNT
};

/* A meeting is on from this long before its start (members arrive early) until its end. */
#define MEETING_EARLY_SECONDS (30 * 60)

#define MEETING_TEXT 256

struct meeting {
	int64_t id;
	char uuid[UUID_LEN];
	enum meeting_kind kind;
	char title[MEETING_TEXT];
	int64_t branch_id; /* 0: the whole community */
	char branch[MEETING_TEXT];
	int64_t group_id; /* 0: not one group's */
	char group[MEETING_TEXT];
	char place[MEETING_TEXT];
	time_t start, end;
	enum vote_mode vote;
	char host[MEETING_TEXT];     /* 主持人 */
	char recorder[MEETING_TEXT]; /* 记录人 */
	char topic[MEETING_TEXT * 2];
	bool cancelled;
	time_t opened, closed; /* when staff opened it early or closed it; 0: not */
	bool signout;          /* members 签退 as they leave (signout.h) */
};

const char *meeting_kind_name(enum meeting_kind kind);
/* The kind named by its Chinese name; -1 with err listing the kinds when unknown. */
int meeting_kind_parse(const char *name, enum meeting_kind *kind, char *err, size_t errlen);

void meeting_init(struct meeting *m);

/* Add a meeting; branch and group are given by name in m->branch / m->group (a group's branch
 * is its own). Checks times and that names exist. Sets m->id and m->uuid. */
int meetings_add(struct db *db, struct meeting *m, const char *actor, char *err, size_t errlen);

int meetings_get(struct db *db, int64_t id, struct meeting *m, char *err, size_t errlen);

typedef int (*meeting_fn)(void *ctx, const struct meeting *m);

/* Meetings overlapping [from, to), by start time. */
int meetings_each_between(struct db *db, time_t from, time_t to, meeting_fn fn, void *ctx,
			  char *err, size_t errlen);

/* Meetings on now (from MEETING_EARLY_SECONDS before the start, or from when staff opened it,
 * to the end, unless staff closed it); the one staff chose for check-in first. Returns how
 * many, writing at most max into out. -1 on a database error. */
int meetings_current(struct db *db, time_t now, struct meeting *out, int max, char *err,
		     size_t errlen);

/* The next meetings starting after now; returns how many (at most max). */
int meetings_upcoming(struct db *db, time_t now, struct meeting *out, int max, char *err,
		      size_t errlen);

/* Staff open a meeting now, before its time (or again after closing it), or close it now;
 * audited under actor. Opening one that has ended, or closing one not on, is refused. */
int meetings_open(struct db *db, int64_t id, time_t now, const char *actor, char *err,
		  size_t errlen);
int meetings_close(struct db *db, int64_t id, time_t now, const char *actor, char *err,
		   size_t errlen);

/* The meeting check-in is for when several are on (the setting checkin_meeting): set it (0
 * clears it), and read it back: the id when that meeting is on now, else 0. */
int meetings_set_checkin(struct db *db, int64_t id, const char *actor, char *err, size_t errlen);
int64_t meetings_checkin_choice(struct db *db, time_t now);

#endif
