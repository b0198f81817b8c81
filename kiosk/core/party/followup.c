/* The follow-up list (回访名单): who needs a call and why. Two rules, either enough: three
 * months or more without taking part (the step before six, which counts as 自行脱党), and three
 * 无故缺席 in a row among the meetings that expected the member (docs/rules.md). Each row
 * names the 党员中心户 head to call, the meetings missed, and whether someone has called (已联系)
 * since the newest reason to. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/base/uuid.h"
#include "core/party/members.h"
#include "core/party/stats.h"
#include "core/store/db.h"

/* Whole calendar months from since to now. */
static int months_between(time_t since, time_t now)
{
	int m = 0;

	while (m < 1200 && stats_months_back(now, m + 1) >= since)
		m++;
	return m;
}

/* The run of 无故缺席 up to now: walk the member's meetings newest first; one they came to ends
 * the run, one on leave is set aside (it is no 无故缺席, and no taking part either). */
static int absence_run(struct db *db, struct followup *f, time_t now, char *err, size_t errlen)
{
	sqlite3_stmt *st = db_stmt(db, STMT_FOLLOWUP_RUN);
	int rc;

	f->absences = 0;
	f->nmissed = 0;
	db_bind_id(st, ":member_id", f->member_id);
	db_bind_time(st, ":now", now);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct followup_missed *m;
		if (sqlite3_column_int(st, 3))
			break;
		if (sqlite3_column_int(st, 4))
			continue;
		f->absences++;
		if (f->nmissed == FOLLOW_MISSED_MAX)
			continue;
		m = &f->missed[f->nmissed++];
		db_column_text(st, 0, m->at, sizeof m->at);
		db_column_text(st, 1, m->kind, sizeof m->kind);
		db_column_text(st, 2, m->title, sizeof m->title);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
		db_error(db, "读取缺席记录", err, errlen);
		return -1;
	}
	return 0;
}

/* The newest 已联系, counted only when made after the newest reason to call: the last time the
 * member took part (three-month rule) or the newest meeting missed (the run). */
static void last_contact(struct db *db, struct followup *f)
{
	sqlite3_stmt *st = db_stmt(db, STMT_FOLLOWUP_CONTACT_LAST);
	const char *after = "";

	if (f->by_months)
		after = f->since;
	if (f->absences >= FOLLOW_ABSENCE_RUN && f->nmissed && strcmp(f->missed[0].at, after) > 0)
		after = f->missed[0].at;
	db_bind_id(st, ":member_id", f->member_id);
	if (sqlite3_step(st) == SQLITE_ROW) {
		db_column_text(st, 0, f->contacted_at, sizeof f->contacted_at);
		db_column_text(st, 1, f->contact_note, sizeof f->contact_note);
		db_column_text(st, 2, f->contacted_by, sizeof f->contacted_by);
		f->contacted = strcmp(f->contacted_at, after) >= 0;
	}
	sqlite3_reset(st);
}

int stats_followup(struct db *db, time_t now, followup_fn fn, void *ctx, char *err, size_t errlen)
{
	sqlite3_stmt *st = db_stmt(db, STMT_FOLLOWUP);
	time_t near6 = stats_months_back(now, 5), over6 = stats_months_back(now, 6), since;
	struct followup f;
	char first[CLOCK_TEXT];
	int rc;

	db_bind_time(st, ":now", now);
	db_bind_time(st, ":cutoff", stats_months_back(now, 3));
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		memset(&f, 0, sizeof f);
		f.member_id = sqlite3_column_int64(st, 0);
		f.by_months = sqlite3_column_int(st, 11) != 0;
		if (absence_run(db, &f, now, err, errlen) < 0) {
			sqlite3_reset(st);
			return -1;
		}
		if (!f.by_months && f.absences < FOLLOW_ABSENCE_RUN)
			continue;
		db_column_text(st, 1, f.name, sizeof f.name);
		db_column_text(st, 12, f.member_uuid, sizeof f.member_uuid);
		db_column_text(st, 2, f.phone, sizeof f.phone);
		db_column_text(st, 3, f.branch, sizeof f.branch);
		f.household_id = sqlite3_column_int64(st, 4);
		db_column_text(st, 5, f.household, sizeof f.household);
		db_column_text(st, 6, f.head, sizeof f.head);
		db_column_text(st, 7, f.head_phone, sizeof f.head_phone);
		db_column_text(st, 8, f.since, sizeof f.since);
		db_column_text(st, 9, first, sizeof first);
		f.leaves = sqlite3_column_int(st, 10);
		if (!f.since[0]) {
			f.never = true;
			snprintf(f.since, sizeof f.since, "%s", first);
		}
		if (clock_parse(f.since, &since) < 0)
			since = now;
		f.months = months_between(since, now);
		if (!f.by_months)
			f.level = FOLLOW_ABSENCES;
		else
			f.level = since <= over6 ? FOLLOW_OVER_6 : since <= near6 ? FOLLOW_NEAR_6 : FOLLOW_3_MONTHS;
		last_contact(db, &f);
		if (fn(ctx, &f))
			break;
	}
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
		db_error(db, "读取回访名单", err, errlen);
		return -1;
	}
	return 0;
}

#define APPEND(...)                                                                   \
	do {                                                                          \
		size_t len_ = strlen(out);                                            \
		if (len_ < size)                                                      \
			snprintf(out + len_, size - len_, __VA_ARGS__);               \
	} while (0)

void stats_followup_why(const struct followup *f, char *out, size_t size)
{
	int i;

	if (!size)
		return;
	out[0] = '\0';
	if (f->by_months) {
		if (f->level == FOLLOW_OVER_6)
			APPEND("已超过半年没参加");
		else if (f->level == FOLLOW_NEAR_6)
			APPEND("%d 个月没参加，将满半年", f->months);
		else
			APPEND("%d 个月没参加", f->months);
		if (f->never)
			APPEND("（从没签到）");
	}
	if (f->absences >= FOLLOW_ABSENCE_RUN) {
		APPEND("%s连续 %d 次无故缺席：", out[0] ? "；" : "", f->absences);
		for (i = 0; i < f->nmissed; i++)
			APPEND("%s%d月%d日 %s", i ? "、" : "", atoi(f->missed[i].at + 5),
			       atoi(f->missed[i].at + 8), f->missed[i].kind);
		if (f->absences > f->nmissed)
			APPEND(" 等");
	}
}

int stats_followup_contact(struct db *db, int64_t member_id, const char *note, const char *actor,
			   time_t now, char *err, size_t errlen)
{
	struct member m;
	sqlite3_stmt *st;
	char uuid[UUID_LEN], detail[512];
	bool own;
	int rc = -1;

	if (members_get(db, member_id, &m, err, errlen) < 0)
		return -1;
	if (!note)
		note = "";
	st = db_insert_begin(db, STMT_FOLLOWUP_CONTACT_INSERT, uuid, &own, err, errlen);
	if (!st)
		return -1;
	db_bind_id(st, ":member_id", member_id);
	db_bind_time(st, ":now", now);
	db_bind_text(st, ":note", note);
	db_bind_text(st, ":staff", actor ? actor : "");
	if (db_exec_stmt(db, st, err, errlen) < 0)
		goto out;
	snprintf(detail, sizeof detail, "%s 已联系%s%s", m.f[MF_NAME], note[0] ? "：" : "", note);
	if (db_audit(db, actor, "回访", m.uuid, detail, err, errlen) < 0)
		goto out;
	rc = 0;
out:
	return db_tx_end(db, own, rc, err, errlen);
}
