/* Sign-ins. The database's UNIQUE (meeting, member) makes a sign-in idempotent however many
 * times a member taps, from however many threads: the insert does nothing the second time and
 * the first time is read back. Each sign-in is its own transaction with synchronous=FULL, so an
 * acknowledged sign-in survives a power cut. */
#include "core/party/attendance.h"

#include <stdio.h>
#include <string.h>

#include "core/store/db.h"
#include "core/party/members.h"
#include "core/party/signout.h"

const char *attendance_method_code(enum checkin_method method)
{
	switch (method) {
	case METHOD_QR:
		return "qr";
	case METHOD_STAFF:
		return "staff";
	case METHOD_PAPER:
		return "paper"; /* a paper sign-in sheet entered afterwards (record.c) */
	case METHOD_TOUCH_HOUSEHOLD:
		return "touch-household";
	case METHOD_QR_HOUSEHOLD:
		return "qr-household";
	default:
		return "touch";
	}
}

const char *attendance_method_label(const char *code)
{
	if (strcmp(code, "touch") == 0)
		return "触屏";
	if (strcmp(code, "qr") == 0)
		return "扫码";
	if (strcmp(code, "staff") == 0)
		return "代签";
	if (strcmp(code, "paper") == 0)
		return "纸质补录";
	if (strcmp(code, "touch-household") == 0)
		return "触屏-同户";
	if (strcmp(code, "qr-household") == 0)
		return "手机-同户";
	return "";
}

const char *attendance_state_name(enum sheet_state s)
{
	static const char *const names[] = { "已签到", "请假", "缺席", "列席" };

	return s <= SHEET_GUEST ? names[s] : "";
}

int attendance_is_expected(struct db *db, int64_t meeting_id, int64_t member_id, bool *expected,
			   char *err, size_t errlen)
{
	sqlite3_stmt *st = db_stmt(db, STMT_EXPECTED_ONE);
	int rc;

	db_bind_id(st, ":meeting_id", meeting_id);
	db_bind_id(st, ":member_id", member_id);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	*expected = rc == SQLITE_ROW;
	if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
		snprintf(err, errlen, "读取应到名单失败（%s），请再试一次；仍不行请找工作人员",
			 sqlite3_errmsg(db->sql));
		return -1;
	}
	return 0;
}

/* Read back a member's sign-in; 0 when there is a live one. */
static int read_checkin(struct db *db, int64_t meeting_id, int64_t member_id, time_t *at, bool *late)
{
	sqlite3_stmt *st = db_stmt(db, STMT_ATTENDANCE_GET);
	char text[CLOCK_TEXT];
	int found = -1;

	db_bind_id(st, ":meeting_id", meeting_id);
	db_bind_id(st, ":member_id", member_id);
	if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_type(st, 2) == SQLITE_NULL) {
		db_column_text(st, 0, text, sizeof text);
		found = clock_parse(text, at);
		*late = sqlite3_column_int(st, 3) != 0;
	}
	sqlite3_reset(st);
	return found;
}

int attendance_checkin(struct db *db, int64_t meeting_id, int64_t member_id,
		       enum checkin_method method, time_t now, struct checkin *out, char *err,
		       size_t errlen)
{
	struct meeting mt;
	struct member m;
	sqlite3_stmt *st;
	char uuid[UUID_LEN];
	bool own, expected;
	int rc = -1;

	memset(out, 0, sizeof *out);
	if (meetings_get(db, meeting_id, &mt, err, errlen) < 0 ||
	    members_get(db, member_id, &m, err, errlen) < 0)
		return -1;
	if (mt.cancelled) {
		snprintf(err, errlen, "“%s”已取消，不能签到", mt.title);
		return -1;
	}
	if (!m.active) {
		snprintf(err, errlen, "%s 已不在本社区的党员名单中，请找工作人员", m.f[MF_NAME]);
		return -1;
	}
	/* Asked before anything is written, so a failure leaves no row behind, even inside a
	 * caller's transaction (the phone server's group commit). */
	if (attendance_is_expected(db, meeting_id, member_id, &expected, err, errlen) < 0)
		return -1;
	st = db_insert_begin(db, STMT_ATTENDANCE_INSERT, uuid, &own, err, errlen);
	if (!st)
		return -1;
	db_bind_id(st, ":meeting_id", meeting_id);
	db_bind_id(st, ":member_id", member_id);
	db_bind_text(st, ":method", attendance_method_code(method));
	db_bind_time(st, ":now", now);
	db_bind_int(st, ":late", attendance_is_late(db, &mt, now));
	if (db_exec_stmt(db, st, err, errlen) < 0)
		goto out;
	out->already = sqlite3_changes(db->sql) == 0;
	if (read_checkin(db, meeting_id, member_id, &out->at, &out->late) < 0) {
		snprintf(err, errlen, "签到没有保存成功，请再试一次");
		goto out;
	}
	out->guest = !expected;
	rc = 0;
out:
	return db_tx_end(db, own, rc, err, errlen);
}

int attendance_undo(struct db *db, int64_t meeting_id, int64_t member_id, time_t now,
		    const char *actor, char *err, size_t errlen)
{
	struct member m;
	sqlite3_stmt *st;
	bool own;
	int rc = -1;

	if (members_get(db, member_id, &m, err, errlen) < 0)
		return -1;
	if (db_tx_begin(db, &own, err, errlen) < 0)
		return -1;
	st = db_stmt(db, STMT_ATTENDANCE_UNDO);
	db_bind_id(st, ":meeting_id", meeting_id);
	db_bind_id(st, ":member_id", member_id);
	db_bind_time(st, ":now", now);
	if (db_exec_stmt(db, st, err, errlen) < 0)
		goto out;
	if (sqlite3_changes(db->sql) == 0) {
		snprintf(err, errlen, "%s 在这次会议还没有签到，无需撤销", m.f[MF_NAME]);
		goto out;
	}
	if (db_audit(db, actor, "撤销签到", m.uuid, m.f[MF_NAME], err, errlen) < 0)
		goto out;
	rc = 0;
out:
	return db_tx_end(db, own, rc, err, errlen);
}

int attendance_counts(struct db *db, const struct meeting *m, struct meeting_counts *c,
		      char *err, size_t errlen)
{
	sqlite3_stmt *st = db_stmt(db, STMT_MEETING_COUNTS);
	int rc;

	memset(c, 0, sizeof *c);
	db_bind_id(st, ":meeting_id", m->id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		c->expected = sqlite3_column_int(st, 0);
		c->expected_voters = sqlite3_column_int(st, 1);
		c->present = sqlite3_column_int(st, 2);
		c->present_full = sqlite3_column_int(st, 3);
		c->present_probationary = sqlite3_column_int(st, 4);
		c->on_leave = sqlite3_column_int(st, 5);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_ROW) {
		db_error(db, "统计签到人数", err, errlen);
		return -1;
	}
	st = db_stmt(db, STMT_MEETING_GUESTS);
	db_bind_id(st, ":meeting_id", m->id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		c->guests = sqlite3_column_int(st, 0);
	sqlite3_reset(st);
	if (rc != SQLITE_ROW) {
		db_error(db, "统计列席人数", err, errlen);
		return -1;
	}
	if (m->kind == MK_VOLUNTEER) {
		/* A volunteer activity expects nobody; everyone who comes takes part. */
		c->present = c->guests;
		c->guests = 0;
	}
	c->absent = c->expected - c->present - c->on_leave;
	/* Only 正式党员 vote: the quorum counts them alone. */
	quorum_evaluate(m->vote, c->expected_voters, c->present_full, &c->quorum);
	return 0;
}

int attendance_each_sheet_row(struct db *db, const struct meeting *m, sheet_fn fn, void *ctx,
			      char *err, size_t errlen)
{
	sqlite3_stmt *st = db_stmt(db, STMT_MEETING_SHEET);
	struct sheet_row r;
	int rc;

	db_bind_id(st, ":meeting_id", m->id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		bool guest;
		memset(&r, 0, sizeof r);
		r.member_id = sqlite3_column_int64(st, 0);
		db_column_text(st, 1, r.name, sizeof r.name);
		db_column_text(st, 2, r.branch, sizeof r.branch);
		db_column_text(st, 3, r.status, sizeof r.status);
		db_column_text(st, 4, r.category, sizeof r.category);
		guest = sqlite3_column_int(st, 5) != 0;
		db_column_text(st, 6, r.checked_at, sizeof r.checked_at);
		db_column_text(st, 7, r.method, sizeof r.method);
		r.late = sqlite3_column_int(st, 9) != 0;
		db_column_text(st, 10, r.left_at, sizeof r.left_at);
		r.early = sqlite3_column_int(st, 11) != 0;
		db_column_text(st, 8, r.reason, sizeof r.reason);
		if (guest)
			r.state = m->kind == MK_VOLUNTEER ? SHEET_PRESENT : SHEET_GUEST;
		else if (r.checked_at[0])
			r.state = SHEET_PRESENT;
		else if (r.reason[0])
			r.state = SHEET_LEAVE;
		else
			r.state = SHEET_ABSENT;
		if (fn(ctx, &r))
			break;
	}
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
		db_error(db, "读取签到表", err, errlen);
		return -1;
	}
	return 0;
}
