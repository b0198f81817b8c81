/* Planning a quarter's 三会一课 and 主题党日 from the frequencies in docs/rules.md, so staff start
 * from a full schedule and only fill in topics:
 *
 *   支部党员大会  quarterly, per branch        (default: 3rd month, 25th, 09:00, 120 min)
 *   支委会        monthly, per branch          (5th, 14:00, 60 min)
 *   党小组会      monthly, per party group     (20th, 15:00, 60 min, 党员中心户家中)
 *   党课          quarterly, whole community   (2nd month, 28th, 09:00, 90 min)
 *   主题党日      monthly, whole community     (15th, 09:00, 120 min)
 *
 * Each rule can be changed in the setting "plan.<rule>" (see planner_parse_rule). A meeting
 * "already exists", and is not planned again, when one of the same kind for the same branch and
 * party group (or the whole community) starts in the same period: the same month for monthly
 * kinds, the same quarter for quarterly ones, whatever its day, time, title or whether it was
 * cancelled. Staff who moved the month's 支委会 to another day, or called it off, keep their
 * decision; running the planner twice adds nothing. */
#ifndef KIOSK_CORE_PLANNER_H
#define KIOSK_CORE_PLANNER_H

#include <stdbool.h>
#include <stddef.h>

#include "core/party/meetings.h"

struct db;

enum plan_every { PLAN_OFF, PLAN_MONTHLY, PLAN_QUARTERLY };
enum plan_scope { PLAN_COMMUNITY, PLAN_BRANCH, PLAN_GROUP };

struct plan_rule {
	const char *key;      /* "assembly", "committee", "group", "lecture", "theme_day" */
	enum meeting_kind kind;
	enum plan_every every;
	int month;            /* quarterly: month of the quarter, 1-3 */
	int day;              /* 1-31; a later day than the month has means its last */
	int hour, minute;
	int minutes;
	enum plan_scope scope;
	bool stagger;         /* per-branch meetings on successive days (one room to share) */
	char place[MEETING_TEXT];
};

#define PLAN_RULES 5

/* The rules in force: the defaults above, each replaced by its setting when set. -1 with err
 * naming the setting when one cannot be read. */
int planner_rules(struct db *db, struct plan_rule rules[PLAN_RULES], char *err, size_t errlen);

/* Change rule from text such as "monthly day=15 at=09:00 minutes=120 scope=all
 * place=社区党员活动室" or "quarterly month=3 day=25", or "off". Words not given keep their value.
 * scope is all|branch|group (assembly, committee: branch only; group: group only);
 * stagger=yes|no. 0, or -1 with err. */
int planner_parse_rule(const char *text, struct plan_rule *rule, char *err, size_t errlen);

/* The rule as planner_parse_rule reads it. */
void planner_format_rule(const struct plan_rule *rule, char *out, size_t size);

/* "2027Q1" (also "2027q1", "2027-Q1") into year and quarter (1-4). */
int planner_parse_quarter(const char *text, int *year, int *quarter, char *err, size_t errlen);

/* Called with each meeting the quarter should have: created, or already there (then m is the
 * planned one, not the existing one). */
typedef void (*plan_fn)(void *ctx, const struct meeting *m, bool created);

struct plan_result {
	int created;
	int existing;
};

/* Create the quarter's meetings (all in one transaction), or with dry_run only say what would
 * be created. */
int planner_plan_quarter(struct db *db, int year, int quarter, bool dry_run, const char *actor,
			 plan_fn fn, void *ctx, struct plan_result *res, char *err, size_t errlen);

#endif
