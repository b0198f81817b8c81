/* Staff statistics: attendance rates (实到 / 应到 over meetings that have ended) by branch, by
 * category (在职/离退休/流动/下岗失业) and by age band; whether each branch held the 三会一课 its
 * frequencies require in a quarter (docs/rules.md); and the follow-up list, members who have not
 * taken part for three months or more, for the heads of the 党员中心户 to call on. */
#ifndef KIOSK_CORE_STATS_H
#define KIOSK_CORE_STATS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "core/base/clock.h"

struct db;

/* The quarter back quarters before the one now falls in: [from, to) and "2026年第4季度". */
void stats_quarter(time_t now, int back, time_t *from, time_t *to, char *label, size_t size);

enum stats_group { STATS_BY_BRANCH, STATS_BY_CATEGORY, STATS_BY_AGE };

struct stats_rate {
	char label[64];
	int expected; /* 应到人次 */
	int present;  /* 实到人次 */
};

#define STATS_MAX_ROWS 16

/* Rates over the meetings in [from, to) that ended (or staff closed) by now. By branch, every
 * branch in roster order; by category, 在职, 离退休, 流动, 下岗失业 (and 其他 when any); by age,
 * 50岁以下, 50-59岁, 60岁及以上 (and 未登记 when a birth date is missing). Returns rows, or -1. */
int stats_rates(struct db *db, enum stats_group by, time_t from, time_t to, time_t now,
		struct stats_rate *out, int max, char *err, size_t errlen);

/* The 三会一课 and 主题党日, with how often each is due. */
enum duty_kind { DUTY_ASSEMBLY, DUTY_COMMITTEE, DUTY_GROUP, DUTY_THEME_DAY, DUTY_LECTURE, DUTY_KINDS };
const char *stats_duty_name(enum duty_kind k);
/* Months between two of kind k: 3 (quarterly) or 1 (monthly; a 党小组会 for each group). */
int stats_duty_months(enum duty_kind k);

struct duty {
	int required; /* in the whole quarter */
	int due;      /* by now: months (or quarters) already over */
	int held;     /* held so far, counting one per month (per group) for a monthly duty */
};

enum duty_state {
	DUTY_DONE,     /* 已完成 */
	DUTY_ON_TRACK, /* 待开: none missed yet */
	DUTY_BEHIND,   /* 落后: a month already over went without */
	DUTY_MISSED,   /* 未完成: the quarter is over */
};
enum duty_state stats_duty_state(const struct duty *d, bool quarter_over);

struct branch_duties {
	int64_t branch_id;
	char branch[64];
	int groups; /* party groups with members */
	struct duty d[DUTY_KINDS];
};

/* Each branch's duties in the quarter [from, to) as of now; returns branches, or -1. */
int stats_duties(struct db *db, time_t from, time_t to, time_t now, struct branch_duties *out,
		 int max, char *err, size_t errlen);

enum followup_level {
	FOLLOW_ABSENCES, /* under three months, but three 无故缺席 in a row */
	FOLLOW_3_MONTHS, /* three months or more without taking part */
	FOLLOW_NEAR_6,   /* five months or more: nearly the six that count as leaving the Party */
	FOLLOW_OVER_6,   /* six months or more */
	FOLLOW_LEVELS
};

/* The rule most branches use beside the months: 无故缺席 this many meetings in a row. */
#define FOLLOW_ABSENCE_RUN 3
#define FOLLOW_MISSED_MAX 6

struct followup_missed {
	char at[CLOCK_TEXT]; /* the meeting's start */
	char kind[32];
	char title[128];
};

struct followup {
	int64_t member_id;
	char member_uuid[40];
	char name[128];
	char phone[32];
	char branch[64];
	int64_t household_id; /* 0: in no 党员中心户 */
	char household[128];
	char head[128];
	char head_phone[32];
	char since[CLOCK_TEXT]; /* the last sign-in, or when records of them began */
	bool never;             /* no sign-in on record at all */
	int leaves;             /* 请假 in the last three months */
	int months;             /* whole months since */
	enum followup_level level;
	bool by_months;         /* the three-month rule holds */
	int absences;           /* 无故缺席 in a row up to now (leave set aside); listed from 3 */
	int nmissed;            /* the newest of them, newest first */
	struct followup_missed missed[FOLLOW_MISSED_MAX];
	bool contacted;         /* 已联系 since the newest reason to call */
	char contacted_at[CLOCK_TEXT];
	char contact_note[256];
	char contacted_by[64];
};

typedef int (*followup_fn)(void *ctx, const struct followup *f);

/* Active members who need a call, grouped by 党员中心户 (those in none last), longest absent
 * first within each: those who have not signed in to a meeting (志愿服务 aside) for three
 * months or more at now, and those with FOLLOW_ABSENCE_RUN or more 无故缺席 in a row among
 * the meetings that expected them (a meeting on leave neither counts nor breaks the run; one
 * they came to ends it). Members excluded from 应到 with approval are left out: they have
 * leave. */
int stats_followup(struct db *db, time_t now, followup_fn fn, void *ctx, char *err, size_t errlen);

/* Why f is on the list, in words for staff: "5 个月没参加；连续 3 次无故缺席：11月15日 主题党日、…". */
void stats_followup_why(const struct followup *f, char *out, size_t size);

/* Note that someone called on a member (已联系) with what they said; audited. 0 or -1. */
int stats_followup_contact(struct db *db, int64_t member_id, const char *note, const char *actor,
			   time_t now, char *err, size_t errlen);

/* now moved back by months calendar months (the same day and time, or the month's last day). */
time_t stats_months_back(time_t now, int months);

#endif
