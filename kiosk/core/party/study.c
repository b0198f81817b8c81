/* Study records, written like sign-ins: checked first, one INSERT that does nothing when the
 * member already studied this material today, then read back, so a double tap is harmless. */
#include "core/party/study.h"

#include <stdio.h>
#include <string.h>

#include "core/base/clock.h"
#include "core/store/db.h"

static int read_back(struct db *db, int64_t member_id, int64_t material_id, const char *date,
		     struct study_result *out)
{
	sqlite3_stmt *st = db_stmt(db, STMT_STUDY_GET);
	char at[CLOCK_TEXT];
	int rc;

	db_bind_id(st, ":member_id", member_id);
	db_bind_id(st, ":material_id", material_id);
	db_bind_text(st, ":study_date", date);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		db_column_text(st, 0, at, sizeof at);
		clock_parse(at, &out->at);
		out->minutes = sqlite3_column_int(st, 1);
		out->id = sqlite3_column_int64(st, 2);
	}
	sqlite3_reset(st);
	return rc == SQLITE_ROW ? 1 : rc == SQLITE_DONE ? 0 : -1;
}

int study_record(struct db *db, int64_t member_id, int64_t material_id, int minutes,
		 enum checkin_method method, time_t now, struct study_result *out, char *err,
		 size_t errlen)
{
	struct member mem;
	struct material mat;
	char date[DATE_TEXT], uuid[UUID_LEN];
	sqlite3_stmt *st;
	bool own;
	int rc = -1, found;

	memset(out, 0, sizeof *out);
	if (minutes < 1 || minutes > STUDY_MAX_MINUTES) {
		snprintf(err, errlen, "学习时间 %d 分钟不对，应在 1 到 %d 分钟之间", minutes,
			 STUDY_MAX_MINUTES);
		return -1;
	}
	if (members_get(db, member_id, &mem, err, errlen) < 0 ||
	    materials_get(db, material_id, &mat, err, errlen) < 0)
		return -1;
	if (!mem.active) {
		snprintf(err, errlen, "%s 已不在本社区党员名单中，请找工作人员", mem.f[MF_NAME]);
		return -1;
	}
	if (mat.removed) {
		snprintf(err, errlen, "“%s”已经删除，不能打卡", mat.title);
		return -1;
	}
	clock_format_date(now, date);
	st = db_insert_begin(db, STMT_STUDY_INSERT, uuid, &own, err, errlen);
	if (!st)
		return -1;
	db_bind_id(st, ":member_id", member_id);
	db_bind_id(st, ":material_id", material_id);
	db_bind_text(st, ":study_date", date);
	db_bind_time(st, ":now", now);
	db_bind_int(st, ":minutes", minutes);
	db_bind_text(st, ":method", attendance_method_code(method));
	if (db_exec_stmt(db, st, err, errlen) < 0)
		goto out;
	out->already = sqlite3_changes(db->sql) == 0;
	found = read_back(db, member_id, material_id, date, out);
	if (found <= 0) {
		db_error(db, "读取学习记录", err, errlen);
		goto out;
	}
	rc = 0;
out:
	return db_tx_end(db, own, rc, err, errlen);
}

int study_undo(struct db *db, int64_t id, time_t now, char *err, size_t errlen)
{
	sqlite3_stmt *st = db_stmt(db, STMT_STUDY_UNDO);

	db_bind_id(st, ":id", id);
	db_bind_time(st, ":now", now);
	return db_exec_stmt(db, st, err, errlen);
}

int study_each(struct db *db, time_t from, time_t to, study_fn fn, void *ctx, char *err,
	       size_t errlen)
{
	sqlite3_stmt *st = db_stmt(db, STMT_STUDY_LIST);
	struct study_row r;
	char at[CLOCK_TEXT];
	int rc;

	db_bind_time(st, ":from", from);
	db_bind_time(st, ":to", to);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		memset(&r, 0, sizeof r);
		r.id = sqlite3_column_int64(st, 0);
		db_column_text(st, 1, r.uuid, sizeof r.uuid);
		db_column_text(st, 2, r.kiosk_id, sizeof r.kiosk_id);
		db_column_text(st, 3, at, sizeof at);
		clock_parse(at, &r.at);
		r.minutes = sqlite3_column_int(st, 4);
		db_column_text(st, 5, r.method, sizeof r.method);
		r.member_id = sqlite3_column_int64(st, 6);
		db_column_text(st, 7, r.member_uuid, sizeof r.member_uuid);
		db_column_text(st, 8, r.member, sizeof r.member);
		db_column_text(st, 9, r.branch, sizeof r.branch);
		r.material_id = sqlite3_column_int64(st, 10);
		db_column_text(st, 11, r.material_uuid, sizeof r.material_uuid);
		db_column_text(st, 12, r.material, sizeof r.material);
		db_column_text(st, 13, r.category, sizeof r.category);
		if (fn(ctx, &r)) {
			rc = SQLITE_DONE;
			break;
		}
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		db_error(db, "读取学习记录", err, errlen);
		return -1;
	}
	return 0;
}
