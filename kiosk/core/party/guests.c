/* Walk-in guests. A guest has no member record, so they are kept apart from attendance (which
 * needs one); the 签到表, the counts (列席) and the export read both. */
#include "core/party/guests.h"

#include <stdio.h>
#include <string.h>

#include "core/store/db.h"
#include "core/party/meetings.h"

/* Copy s trimmed of spaces at both ends. */
static void trim(const char *s, char *out, size_t size)
{
	size_t n;

	if (!s)
		s = "";
	s += strspn(s, " ");
	snprintf(out, size, "%s", s);
	n = strlen(out);
	while (n && out[n - 1] == ' ')
		out[--n] = '\0';
}

int guests_add(struct db *db, int64_t meeting_id, const char *name, const char *unit,
	       const char *actor, time_t now, int64_t *id, char *err, size_t errlen)
{
	struct meeting m;
	sqlite3_stmt *st;
	char uuid[UUID_LEN], n[GUEST_TEXT], u[GUEST_TEXT], at[CLOCK_TEXT] = "", detail[512];
	bool own, found;
	int rc = -1;

	*id = 0;
	trim(name, n, sizeof n);
	trim(unit, u, sizeof u);
	if (!n[0]) {
		snprintf(err, errlen, "请先输入来宾的姓名");
		return -1;
	}
	if (meetings_get(db, meeting_id, &m, err, errlen) < 0)
		return -1;
	if (m.cancelled) {
		snprintf(err, errlen, "“%s”已取消，不能登记来宾", m.title);
		return -1;
	}
	st = db_stmt(db, STMT_GUEST_FIND);
	db_bind_id(st, ":meeting_id", meeting_id);
	db_bind_text(st, ":name", n);
	db_bind_text(st, ":unit", u);
	found = sqlite3_step(st) == SQLITE_ROW;
	if (found)
		db_column_text(st, 1, at, sizeof at);
	sqlite3_reset(st);
	if (found) {
		snprintf(err, errlen, "%s（%s）%.5s 已经登记过了，不用再登记", n, u[0] ? u : "未填单位",
			 strlen(at) > 11 ? at + 11 : at);
		return -1;
	}
	st = db_insert_begin(db, STMT_GUEST_INSERT, uuid, &own, err, errlen);
	if (!st)
		return -1;
	db_bind_id(st, ":meeting_id", meeting_id);
	db_bind_text(st, ":name", n);
	db_bind_text(st, ":unit", u);
	db_bind_time(st, ":now", now);
	if (db_exec_stmt(db, st, err, errlen) < 0)
		goto out;
	*id = sqlite3_last_insert_rowid(db->sql);
	snprintf(detail, sizeof detail, "%s（%s）列席“%s”", n, u, m.title);
	if (db_audit(db, actor, "来宾登记", uuid, detail, err, errlen) < 0)
		goto out;
	rc = 0;
out:
	if (rc < 0)
		*id = 0;
	return db_tx_end(db, own, rc, err, errlen);
}

int guests_undo(struct db *db, int64_t guest_id, const char *actor, time_t now, char *err,
		size_t errlen)
{
	sqlite3_stmt *st;
	char detail[64];
	bool own;
	int rc = -1;

	if (db_tx_begin(db, &own, err, errlen) < 0)
		return -1;
	st = db_stmt(db, STMT_GUEST_UNDO);
	db_bind_id(st, ":id", guest_id);
	db_bind_time(st, ":now", now);
	if (db_exec_stmt(db, st, err, errlen) < 0)
		goto out;
	if (sqlite3_changes(db->sql) == 0) {
		snprintf(err, errlen, "这位来宾的登记已经撤销过了");
		goto out;
	}
	snprintf(detail, sizeof detail, "来宾记录 %lld", (long long)guest_id);
	if (db_audit(db, actor, "撤销来宾登记", "", detail, err, errlen) < 0)
		goto out;
	rc = 0;
out:
	return db_tx_end(db, own, rc, err, errlen);
}

int guests_each(struct db *db, int64_t meeting_id, guest_fn fn, void *ctx, char *err,
		size_t errlen)
{
	sqlite3_stmt *st = db_stmt(db, STMT_GUEST_LIST);
	struct guest g;
	int rc;

	db_bind_id(st, ":meeting_id", meeting_id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		memset(&g, 0, sizeof g);
		g.id = sqlite3_column_int64(st, 0);
		db_column_text(st, 1, g.uuid, sizeof g.uuid);
		db_column_text(st, 2, g.name, sizeof g.name);
		db_column_text(st, 3, g.unit, sizeof g.unit);
		db_column_text(st, 4, g.checked_at, sizeof g.checked_at);
		if (fn(ctx, &g))
			break;
	}
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
		db_error(db, "读取来宾", err, errlen);
		return -1;
	}
	return 0;
}

int guests_recent_units(struct db *db, char (*out)[GUEST_TEXT], int max)
{
	sqlite3_stmt *st = db_stmt(db, STMT_GUEST_UNITS);
	int n = 0;

	db_bind_int(st, ":limit", max);
	while (n < max && sqlite3_step(st) == SQLITE_ROW)
		db_column_text(st, 0, out[n++], GUEST_TEXT);
	sqlite3_reset(st);
	return n;
}
