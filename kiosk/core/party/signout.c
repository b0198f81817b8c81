/* 迟到 from the setting of the meeting's kind, and 签退 / 早退 (signout.h). */
#include "core/party/signout.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/base/clock.h"
#include "core/party/meetings.h"
#include "core/party/members.h"
#include "core/store/db.h"

int attendance_late_minutes(struct db *db, const struct meeting *m)
{
	char key[64], value[32], *end;
	long v;

	snprintf(key, sizeof key, LATE_SETTING_PREFIX "%s", meeting_kind_name(m->kind));
	if (db_setting_get(db, key, value, sizeof value) < 0 || !value[0])
		return -1;
	v = strtol(value, &end, 10);
	if (*end || v < 0 || v > LATE_MAX_MINUTES)
		return -1;
	return (int)v;
}

bool attendance_is_late(struct db *db, const struct meeting *m, time_t now)
{
	int minutes = attendance_late_minutes(db, m);

	return minutes >= 0 && now > m->start + (time_t)minutes * 60;
}

int attendance_late_setting_check(const char *name, const char *value, char *err, size_t errlen)
{
	enum meeting_kind k;
	char *end;
	long v;

	if (strncmp(name, LATE_SETTING_PREFIX, strlen(LATE_SETTING_PREFIX)) != 0)
		return 0;
	if (meeting_kind_parse(name + strlen(LATE_SETTING_PREFIX), &k, err, errlen) < 0)
		return -1;
	v = strtol(value, &end, 10);
	if (!value[0] || *end || v < 0 || v > LATE_MAX_MINUTES) {
		snprintf(err, errlen, "“%s”应是开始后多少分钟算迟到，0 到 %d 之间的整数", name,
			 LATE_MAX_MINUTES);
		return -1;
	}
	return 0;
}

int attendance_signout(struct db *db, int64_t meeting_id, int64_t member_id, time_t now,
		       struct signout *out, char *err, size_t errlen)
{
	struct meeting mt;
	struct member m;
	sqlite3_stmt *st;
	char text[CLOCK_TEXT];
	bool own, live = false;
	int rc = -1;

	memset(out, 0, sizeof *out);
	if (meetings_get(db, meeting_id, &mt, err, errlen) < 0 ||
	    members_get(db, member_id, &m, err, errlen) < 0)
		return -1;
	if (!mt.signout) {
		snprintf(err, errlen, "“%s”不用签退", mt.title);
		return -1;
	}
	if (db_tx_begin(db, &own, err, errlen) < 0)
		return -1;
	st = db_stmt(db, STMT_ATTENDANCE_SIGNOUT);
	db_bind_id(st, ":meeting_id", meeting_id);
	db_bind_id(st, ":member_id", member_id);
	db_bind_time(st, ":now", now);
	db_bind_int(st, ":early", now < mt.end);
	if (db_exec_stmt(db, st, err, errlen) < 0)
		goto out;
	out->already = sqlite3_changes(db->sql) == 0;
	st = db_stmt(db, STMT_ATTENDANCE_GET);
	db_bind_id(st, ":meeting_id", meeting_id);
	db_bind_id(st, ":member_id", member_id);
	if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_type(st, 2) == SQLITE_NULL &&
	    sqlite3_column_type(st, 4) != SQLITE_NULL) {
		db_column_text(st, 4, text, sizeof text);
		live = clock_parse(text, &out->at) == 0;
		out->early = sqlite3_column_int(st, 5) != 0;
	}
	sqlite3_reset(st);
	if (!live) {
		snprintf(err, errlen, "%s 还没有签到，请先签到", m.f[MF_NAME]);
		goto out;
	}
	rc = 0;
out:
	return db_tx_end(db, own, rc, err, errlen);
}

int meetings_set_signout(struct db *db, int64_t id, bool on, const char *actor, time_t now,
			 char *err, size_t errlen)
{
	struct meeting m;
	sqlite3_stmt *st;
	bool own;
	int rc = -1;

	if (meetings_get(db, id, &m, err, errlen) < 0)
		return -1;
	if (db_tx_begin(db, &own, err, errlen) < 0)
		return -1;
	st = db_stmt(db, STMT_MEETING_SET_SIGNOUT);
	db_bind_id(st, ":id", id);
	db_bind_int(st, ":signout", on);
	db_bind_time(st, ":now", now);
	if (db_exec_stmt(db, st, err, errlen) < 0 ||
	    db_audit(db, actor, on ? "要求签退" : "不用签退", m.uuid, m.title, err, errlen) < 0)
		goto out;
	rc = 0;
out:
	return db_tx_end(db, own, rc, err, errlen);
}
