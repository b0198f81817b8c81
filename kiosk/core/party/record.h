/* The record of a meeting (会议纪实): 主持人 and 记录人 from the roster, one or more 议题, the
 * 主要内容, the 决议事项, and for a vote or election the counts (赞成/反对/弃权) checked against
 * the quorum and the members present who may vote (docs/rules.md). Also the paper fallback: the
 * names ticked on a printed sign-in sheet, entered afterwards as 纸质补录. */
#ifndef KIOSK_CORE_RECORD_H
#define KIOSK_CORE_RECORD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "core/base/clock.h"
#include "core/base/uuid.h"

struct db;
struct meeting;
struct meeting_counts;

#define RECORD_MAX_ITEMS 8     /* topics, and decisions, per meeting */
#define RECORD_ITEM 512        /* bytes of one topic or decision */
#define RECORD_NAME 128
#define RECORD_CONTENT 8192    /* bytes of 主要内容 */

struct meeting_record {
	int64_t meeting_id;
	char uuid[UUID_LEN];               /* empty until saved */
	int64_t host_id, recorder_id;      /* members; 0 when the name is to be looked up */
	char host[RECORD_NAME];            /* 主持人 */
	char recorder[RECORD_NAME];        /* 记录人 */
	int ntopics;
	char topics[RECORD_MAX_ITEMS][RECORD_ITEM];      /* 议题 */
	char content[RECORD_CONTENT];                    /* 主要内容 */
	int ndecisions;
	char decisions[RECORD_MAX_ITEMS][RECORD_ITEM];   /* 决议事项 */
	bool voted;                        /* counts given */
	int votes_for, votes_against, votes_abstain;
	char recorded_by[RECORD_NAME];
	char updated_at[CLOCK_TEXT];
};

void record_init(struct meeting_record *r, int64_t meeting_id);

/* Add a topic or a decision (trimmed; a line break inside is refused). 0 or -1 with err. */
int record_add_topic(struct meeting_record *r, const char *text, char *err, size_t errlen);
int record_add_decision(struct meeting_record *r, const char *text, char *err, size_t errlen);

/* The active member named name (or numbered, when name is all digits) into *id and the
 * roster's spelling into out; -1 with err when nobody or several members have that name. */
int record_find_member(struct db *db, const char *name, int64_t *id, char *out, size_t size,
		       const char *role, char *err, size_t errlen);

/* Check a record against its meeting and its attendance now: host and recorder on the roster,
 * a topic, and counts only for a meeting that votes, whose quorum is met, and no more votes
 * than voters present. 0, or -1 with err saying what to change. Resolves host_id/recorder_id. */
int record_check(struct db *db, struct meeting_record *r, char *err, size_t errlen);

/* Check and save (insert or replace) the record, and set the meeting's 主持人, 记录人 and 议题
 * to match; audited under actor. On -1 the database is unchanged. */
int record_save(struct db *db, struct meeting_record *r, const char *actor, time_t now,
		char *err, size_t errlen);

/* The meeting's record: 0 with *r filled, 1 when it has none (r initialised), -1 on error. */
int record_get(struct db *db, int64_t meeting_id, struct meeting_record *r, char *err,
	       size_t errlen);

/* Complete, as an inspection asks: host, recorder, a topic, content or a decision, and for a
 * meeting that votes, the counts. */
bool record_complete(const struct meeting *m, const struct meeting_record *r);

/* Did the motion pass: more 赞成 than half of the members with voting rights expected? */
bool record_passed(const struct meeting_counts *c, const struct meeting_record *r);

/* "应到 35 人，有表决权 33 人，实到 30 人，超过半数，会议有效" (docs/rules.md, quorum). */
void record_quorum_statement(const struct meeting *m, const struct meeting_counts *c, char *out,
			     size_t size);

/* "赞成 20 票，反对 1 票，弃权 2 票，通过" or "" when no vote was counted. */
void record_votes_text(const struct meeting_counts *c, const struct meeting_record *r,
		       char *out, size_t size);

/* Topics (or decisions) joined by sep into out. */
void record_join(char items[][RECORD_ITEM], int n, const char *sep, char *out, size_t size);

/* Enter the names ticked on a paper sign-in sheet: each member signed in as 纸质补录 with
 * entered_by, at the meeting's start. All or nothing; members already signed in are left as
 * they are and counted in *already. */
int record_paper_checkin(struct db *db, int64_t meeting_id, const int64_t *member_ids, int n,
			 const char *entered_by, time_t now, int *added, int *already, char *err,
			 size_t errlen);

#endif
