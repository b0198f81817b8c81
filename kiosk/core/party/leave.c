/* Leave and exclusions, checked before they are written so staff learn at once when a member
 * they name was not expected or is already here. */
#include "core/party/leave.h"

#include <stdio.h>
#include <string.h>

#include "core/party/attendance.h"
#include "core/base/clock.h"
#include "core/store/db.h"
#include "core/party/members.h"

int leave_add(struct db *db, int64_t meeting_id, int64_t member_id, const char *reason,
	      const char *actor, time_t now, char *err, size_t errlen)
{
	struct meeting mt;
	struct member m;
	sqlite3_stmt *st;
	char uuid[UUID_LEN], detail[512], trimmed[256];
	bool own, expected;
	int rc = -1;

	if (meetings_get(db, meeting_id, &mt, err, errlen) < 0 ||
	    members_get(db, member_id, &m, err, errlen) < 0)
		return -1;
	snprintf(trimmed, sizeof trimmed, "%s", reason ? reason : "");
	if (!trimmed[0] || strspn(trimmed, " ") == strlen(trimmed)) {
		snprintf(err, errlen, "请写明请假原因，例如“住院”“外出探亲”");
		return -1;
	}
	if (attendance_is_expected(db, meeting_id, member_id, &expected, err, errlen) < 0)
		return -1;
	if (!expected) {
		snprintf(err, errlen, "%s 不在“%s”的应到名单中，无需请假", m.f[MF_NAME], mt.title);
		return -1;
	}
	st = db_stmt(db, STMT_ATTENDANCE_GET);
	db_bind_id(st, ":meeting_id", meeting_id);
	db_bind_id(st, ":member_id", member_id);
	if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_type(st, 2) == SQLITE_NULL) {
		sqlite3_reset(st);
		snprintf(err, errlen, "%s 已经签到，不能再请假", m.f[MF_NAME]);
		return -1;
	}
	sqlite3_reset(st);
	st = db_insert_begin(db, STMT_LEAVE_INSERT, uuid, &own, err, errlen);
	if (!st)
		return -1;
	db_bind_id(st, ":meeting_id", meeting_id);
	db_bind_id(st, ":member_id", member_id);
	db_bind_text(st, ":reason", trimmed);
	db_bind_text(st, ":actor", actor ? actor : "");
	db_bind_time(st, ":now", now);
	if (db_exec_stmt(db, st, err, errlen) < 0)
		goto out;
	snprintf(detail, sizeof detail, "%s 请假：%s（%s）", m.f[MF_NAME], trimmed, mt.title);
	if (db_audit(db, actor, "请假", m.uuid, detail, err, errlen) < 0)
		goto out;
	rc = 0;
out:
	return db_tx_end(db, own, rc, err, errlen);
}

int leave_exclude(struct db *db, int64_t member_id, const char *reason, const char *approved_by,
		  const char *start_date, const char *end_date, const char *actor, char *err,
		  size_t errlen)
{
	struct member m;
	sqlite3_stmt *st;
	char uuid[UUID_LEN], start[DATE_TEXT], end[DATE_TEXT], why[256], detail[768];
	bool own;
	int rc = -1;

	if (members_get(db, member_id, &m, err, errlen) < 0)
		return -1;
	if (!reason || !*reason) {
		snprintf(err, errlen, "请写明不计入应到的原因，例如“长期患病”“出国半年以上”");
		return -1;
	}
	if (!approved_by || !*approved_by) {
		snprintf(err, errlen, "请写明批准人（--approved-by）");
		return -1;
	}
	if (clock_normalise_date(start_date ? start_date : "", start, why, sizeof why) < 0 ||
	    strlen(start) != 10) {
		snprintf(err, errlen, "开始日期%s", start_date && *start_date ? "请写成 2026-11-01" :
			 "不能为空，请写成 2026-11-01");
		return -1;
	}
	if (clock_normalise_date(end_date ? end_date : "", end, why, sizeof why) < 0 ||
	    (end[0] && strlen(end) != 10) || (end[0] && strcmp(end, start) < 0)) {
		snprintf(err, errlen, "结束日期请写成 2027-05-01，并且不早于开始日期");
		return -1;
	}
	st = db_insert_begin(db, STMT_EXCLUSION_INSERT, uuid, &own, err, errlen);
	if (!st)
		return -1;
	db_bind_id(st, ":member_id", member_id);
	db_bind_text(st, ":reason", reason);
	db_bind_text(st, ":approved_by", approved_by);
	db_bind_text(st, ":start_date", start);
	db_bind_text(st, ":end_date", end[0] ? end : NULL);
	db_bind_time(st, ":now", time(NULL));
	if (db_exec_stmt(db, st, err, errlen) < 0)
		goto out;
	snprintf(detail, sizeof detail, "%s 不计入应到：%s，%s 起，批准人 %s", m.f[MF_NAME], reason,
		 start, approved_by);
	if (db_audit(db, actor, "不计入应到", m.uuid, detail, err, errlen) < 0)
		goto out;
	rc = 0;
out:
	return db_tx_end(db, own, rc, err, errlen);
}
