/* Opening the database safely for a machine whose power is cut without warning: WAL with
 * synchronous=FULL so an acknowledged sign-in is on disk, foreign keys on, a busy timeout so the
 * screen and the phone server can share the file, and the schema migrated inside a transaction. */
#include "core/store/db.h"

#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/base/clock.h"
#include "core/store/migrations.h"
#include "core/text/numorder.h"
#include "core/base/uuid.h"

#define BUSY_TIMEOUT_MS 5000

void db_error(struct db *db, const char *doing, char *err, size_t errlen)
{
	snprintf(err, errlen, "%s失败：%s", doing, db && db->sql ? sqlite3_errmsg(db->sql) : "数据库未打开");
}

int db_schema_version(void)
{
	return migrations_count ? migrations[migrations_count - 1].version : 0;
}

static int numeral_collate(void *ctx, int alen, const void *a, int blen, const void *b)
{
	(void)ctx;
	return numorder_compare(a, (size_t)alen, b, (size_t)blen);
}

static int exec(struct db *db, const char *sql, const char *doing, char *err, size_t errlen)
{
	char *msg = NULL;

	if (sqlite3_exec(db->sql, sql, NULL, NULL, &msg) != SQLITE_OK) {
		snprintf(err, errlen, "%s失败：%s", doing, msg ? msg : sqlite3_errmsg(db->sql));
		sqlite3_free(msg);
		return -1;
	}
	return 0;
}

static int user_version(struct db *db, int *version, char *err, size_t errlen)
{
	sqlite3_stmt *st;
	int rc;

	if (sqlite3_prepare_v2(db->sql, "PRAGMA user_version", -1, &st, NULL) != SQLITE_OK) {
		/* SQLITE_NOTADB lands here: the file is something else. */
		snprintf(err, errlen, "%s 不是签到机的数据库（%s），请检查文件路径", db->path,
			 sqlite3_errmsg(db->sql));
		return -1;
	}
	rc = sqlite3_step(st);
	*version = rc == SQLITE_ROW ? sqlite3_column_int(st, 0) : -1;
	sqlite3_finalize(st);
	if (*version < 0) {
		snprintf(err, errlen, "%s 不是签到机的数据库，请检查文件路径", db->path);
		return -1;
	}
	return 0;
}

static int migrate(struct db *db, char *err, size_t errlen)
{
	int version, i;
	char sql[64];

	if (user_version(db, &version, err, errlen) < 0)
		return -1;
	if (version > db_schema_version()) {
		snprintf(err, errlen, "数据库 %s 的版本（%d）比本程序（%d）新，请升级签到机程序", db->path,
			 version, db_schema_version());
		return -1;
	}
	for (i = 0; i < migrations_count; i++) {
		if (migrations[i].version <= version)
			continue;
		if (exec(db, "BEGIN IMMEDIATE", "升级数据库", err, errlen) < 0)
			return -1;
		snprintf(sql, sizeof sql, "PRAGMA user_version = %d", migrations[i].version);
		if (exec(db, migrations[i].sql, migrations[i].name, err, errlen) < 0 ||
		    exec(db, sql, "升级数据库", err, errlen) < 0 ||
		    exec(db, "COMMIT", "升级数据库", err, errlen) < 0) {
			sqlite3_exec(db->sql, "ROLLBACK", NULL, NULL, NULL);
			return -1;
		}
	}
	return 0;
}

struct db *db_open(const char *path, int flags, char *err, size_t errlen)
{
	struct db *db;
	int i, oflags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX;

	db = calloc(1, sizeof *db);
	if (!db) {
		snprintf(err, errlen, "内存不足，无法打开数据库");
		return NULL;
	}
	snprintf(db->path, sizeof db->path, "%s", path);
	if (!(flags & DB_CREATE) && access(path, F_OK) != 0) {
		snprintf(err, errlen, "找不到数据库 %s，请先运行 kioskctl init 或检查 --db 路径", path);
		goto err;
	}
	if (flags & DB_CREATE)
		oflags |= SQLITE_OPEN_CREATE;
	if (sqlite3_open_v2(path, &db->sql, oflags, NULL) != SQLITE_OK) {
		snprintf(err, errlen, "无法打开数据库 %s：%s", path,
			 db->sql ? sqlite3_errmsg(db->sql) : "内存不足");
		goto err;
	}
	sqlite3_busy_timeout(db->sql, BUSY_TIMEOUT_MS);
	sqlite3_extended_result_codes(db->sql, 1);
	/* ORDER BY branch COLLATE numeral: 第二 before 第十一 (the office's report). */
	sqlite3_create_collation(db->sql, "numeral", SQLITE_UTF8, NULL, numeral_collate);
	if (exec(db, "PRAGMA journal_mode = WAL", "打开数据库", err, errlen) < 0)
		goto notadb;
	if (exec(db, "PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON;", "打开数据库", err,
		 errlen) < 0)
		goto err;
	if (migrate(db, err, errlen) < 0)
		goto err;
	for (i = 0; i < STMT_COUNT; i++) {
		assert(db_sql[i] != NULL);
		if (sqlite3_prepare_v3(db->sql, db_sql[i], -1, SQLITE_PREPARE_PERSISTENT,
				       &db->stmt[i], NULL) != SQLITE_OK) {
			snprintf(err, errlen, "数据库 %s 的结构不对（%s），请检查文件是否来自本程序", path,
				 sqlite3_errmsg(db->sql));
			goto err;
		}
	}
	if (db_setting_get(db, "kiosk_id", db->kiosk_id, sizeof db->kiosk_id) < 0)
		db->kiosk_id[0] = '\0';
	return db;
notadb:
	snprintf(err, errlen, "%s 不是签到机的数据库，请检查文件路径", path);
err:
	db_close(db);
	return NULL;
}

void db_close(struct db *db)
{
	int i;

	if (!db)
		return;
	for (i = 0; i < STMT_COUNT; i++)
		sqlite3_finalize(db->stmt[i]);
	sqlite3_close(db->sql);
	free(db);
}

sqlite3_stmt *db_stmt(struct db *db, enum stmt_id id)
{
	sqlite3_stmt *st = db->stmt[id];

	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	return st;
}

int db_begin(struct db *db, char *err, size_t errlen)
{
	return exec(db, "BEGIN IMMEDIATE", "开始写入数据库", err, errlen);
}

int db_commit(struct db *db, char *err, size_t errlen)
{
	if (exec(db, "COMMIT", "保存到数据库", err, errlen) < 0) {
		db_rollback(db);
		return -1;
	}
	return 0;
}

void db_rollback(struct db *db)
{
	if (!sqlite3_get_autocommit(db->sql))
		sqlite3_exec(db->sql, "ROLLBACK", NULL, NULL, NULL);
}

int db_tx_begin(struct db *db, bool *own, char *err, size_t errlen)
{
	*own = sqlite3_get_autocommit(db->sql) != 0;
	return *own ? db_begin(db, err, errlen) : 0;
}

sqlite3_stmt *db_insert_begin(struct db *db, enum stmt_id id, char *uuid, bool *own, char *err,
			      size_t errlen)
{
	sqlite3_stmt *st;

	if (uuid_new(uuid) < 0) {
		snprintf(err, errlen, "系统无法生成随机编号");
		return NULL;
	}
	if (db_tx_begin(db, own, err, errlen) < 0)
		return NULL;
	st = db_stmt(db, id);
	db_bind_text(st, ":uuid", uuid);
	db_bind_text(st, ":kiosk_id", db->kiosk_id);
	return st;
}

int db_tx_end(struct db *db, bool own, int rc, char *err, size_t errlen)
{
	if (!own)
		return rc == 0 ? 0 : -1;
	if (rc != 0) {
		db_rollback(db);
		return -1;
	}
	return db_commit(db, err, errlen);
}

int db_exec_stmt(struct db *db, sqlite3_stmt *st, char *err, size_t errlen)
{
	int rc;

	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		;
	sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		db_error(db, "写入数据库", err, errlen);
		return -1;
	}
	return 0;
}

static int param(sqlite3_stmt *st, const char *name)
{
	int i = sqlite3_bind_parameter_index(st, name);

	assert(i > 0 && "statement has no such parameter");
	return i;
}

void db_bind_text(sqlite3_stmt *st, const char *name, const char *s)
{
	if (s)
		sqlite3_bind_text(st, param(st, name), s, -1, SQLITE_TRANSIENT);
	else
		sqlite3_bind_null(st, param(st, name));
}

void db_bind_int(sqlite3_stmt *st, const char *name, int64_t v)
{
	sqlite3_bind_int64(st, param(st, name), v);
}

void db_bind_id(sqlite3_stmt *st, const char *name, int64_t id)
{
	if (id)
		sqlite3_bind_int64(st, param(st, name), id);
	else
		sqlite3_bind_null(st, param(st, name));
}

void db_bind_time(sqlite3_stmt *st, const char *name, time_t t)
{
	char text[CLOCK_TEXT];

	clock_format(t, text);
	db_bind_text(st, name, text);
}

void db_column_text(sqlite3_stmt *st, int i, char *out, size_t size)
{
	const unsigned char *s = sqlite3_column_text(st, i);

	snprintf(out, size, "%s", s ? (const char *)s : "");
}

int db_setting_get(struct db *db, const char *key, char *out, size_t size)
{
	sqlite3_stmt *st = db_stmt(db, STMT_SETTING_GET);
	int found;

	db_bind_text(st, ":key", key);
	found = sqlite3_step(st) == SQLITE_ROW;
	if (found)
		db_column_text(st, 0, out, size);
	sqlite3_reset(st);
	return found ? 0 : -1;
}

int db_setting_set(struct db *db, const char *key, const char *value, char *err, size_t errlen)
{
	sqlite3_stmt *st = db_stmt(db, STMT_SETTING_SET);

	db_bind_text(st, ":key", key);
	db_bind_text(st, ":value", value);
	if (db_exec_stmt(db, st, err, errlen) < 0)
		return -1;
	if (strcmp(key, "kiosk_id") == 0)
		snprintf(db->kiosk_id, sizeof db->kiosk_id, "%s", value);
	return 0;
}

int db_audit(struct db *db, const char *actor, const char *action, const char *entity,
	     const char *detail, char *err, size_t errlen)
{
	sqlite3_stmt *st = db_stmt(db, STMT_AUDIT_INSERT);

	db_bind_time(st, ":at", time(NULL));
	db_bind_text(st, ":actor", actor && *actor ? actor : "kioskctl");
	db_bind_text(st, ":action", action);
	db_bind_text(st, ":entity", entity ? entity : "");
	db_bind_text(st, ":detail", detail ? detail : "");
	return db_exec_stmt(db, st, err, errlen);
}

/* Run a check pragma that prints "ok" (or nothing) when all is well. */
static int check_pragma(struct db *db, const char *sql, const char *what, char *err, size_t errlen)
{
	sqlite3_stmt *st;
	int rc, bad = 0;

	if (sqlite3_prepare_v2(db->sql, sql, -1, &st, NULL) != SQLITE_OK) {
		db_error(db, what, err, errlen);
		return -1;
	}
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *row = (const char *)sqlite3_column_text(st, 0);
		if (row && strcmp(row, "ok") == 0)
			continue;
		if (!bad)
			snprintf(err, errlen, "%s发现问题：%s", what, row ? row : "外键引用不存在的记录");
		bad = 1;
	}
	if (rc != SQLITE_DONE && !bad) {
		db_error(db, what, err, errlen);
		bad = 1;
	}
	sqlite3_finalize(st);
	return bad ? -1 : 0;
}

int db_check(struct db *db, char *err, size_t errlen)
{
	if (check_pragma(db, "PRAGMA integrity_check", "完整性检查", err, errlen) < 0)
		return -1;
	return check_pragma(db, "PRAGMA foreign_key_check", "外键检查", err, errlen);
}

int db_backup(struct db *db, const char *dest, char *err, size_t errlen)
{
	sqlite3 *out = NULL;
	sqlite3_backup *b;
	int rc;

	if (sqlite3_open_v2(dest, &out, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) !=
	    SQLITE_OK) {
		snprintf(err, errlen, "无法创建备份文件 %s：%s", dest,
			 out ? sqlite3_errmsg(out) : "内存不足");
		sqlite3_close(out);
		return -1;
	}
	b = sqlite3_backup_init(out, "main", db->sql, "main");
	if (!b) {
		snprintf(err, errlen, "无法备份到 %s：%s", dest, sqlite3_errmsg(out));
		sqlite3_close(out);
		return -1;
	}
	/* Copy in steps so a running kiosk is never blocked for long. */
	do {
		rc = sqlite3_backup_step(b, 256);
		if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
			sqlite3_sleep(20);
	} while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
	sqlite3_backup_finish(b);
	if (rc != SQLITE_DONE) {
		snprintf(err, errlen, "备份到 %s 没有完成：%s", dest, sqlite3_errstr(rc));
		sqlite3_close(out);
		unlink(dest);
		return -1;
	}
	rc = sqlite3_close(out);
	return rc == SQLITE_OK ? 0 : -1;
}
