/* The kiosk's SQLite database: opening it (WAL, foreign keys, synchronous=FULL), bringing its
 * schema up to date from the migrations in db/, and every SQL statement prepared once at open.
 * Each thread that writes (the screen, the phone server) opens its own struct db. */
#ifndef KIOSK_CORE_DB_H
#define KIOSK_CORE_DB_H

#include <sqlite3.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "core/store/db_sql.h"

struct db {
	sqlite3 *sql;
	sqlite3_stmt *stmt[STMT_COUNT];
	char kiosk_id[64];
	char path[512];
};

/* Where the installed kiosk keeps its database (systemd's StateDirectory=kiosk). */
#define DB_DEFAULT_PATH "/var/lib/kiosk/kiosk.db"

enum db_open_flags {
	DB_CREATE = 1 << 0, /* create the file when missing (kioskctl init); else it must exist */
};

/* Open (and migrate) the database at path. NULL with err saying what to do when the file is
 * missing, not a kiosk database, newer than this program, or unreadable. */
struct db *db_open(const char *path, int flags, char *err, size_t errlen);
void db_close(struct db *db);

/* The statement id, reset and with its bindings cleared, ready to bind and step. */
sqlite3_stmt *db_stmt(struct db *db, enum stmt_id id);

/* BEGIN IMMEDIATE: take the write lock now, so a busy database fails here, before any work. */
int db_begin(struct db *db, char *err, size_t errlen);
int db_commit(struct db *db, char *err, size_t errlen);
void db_rollback(struct db *db);

/* For functions that may run alone or inside a caller's transaction: begin one only when none
 * is open (*own says so); db_tx_end commits it when rc is 0, else rolls it back. */
int db_tx_begin(struct db *db, bool *own, char *err, size_t errlen);
int db_tx_end(struct db *db, bool own, int rc, char *err, size_t errlen);

/* Start inserting a record that travels to the office: a fresh UUID into uuid (UUID_LEN bytes),
 * a transaction as db_tx_begin, and statement id with :uuid and this kiosk's :kiosk_id bound.
 * NULL, with err set and nothing begun, when no UUID can be made or the database is busy. */
sqlite3_stmt *db_insert_begin(struct db *db, enum stmt_id id, char *uuid, bool *own, char *err,
			      size_t errlen);

/* Step a statement that returns no rows (or whose rows are not wanted); 0 or -1 with err. */
int db_exec_stmt(struct db *db, sqlite3_stmt *st, char *err, size_t errlen);

/* Fill err with what SQLite said, prefixed by what we were doing. */
void db_error(struct db *db, const char *doing, char *err, size_t errlen);

/* Bind by parameter name (":name"); a name the statement lacks is a programming error. */
void db_bind_text(sqlite3_stmt *st, const char *name, const char *s); /* NULL binds NULL */
void db_bind_int(sqlite3_stmt *st, const char *name, int64_t v);
void db_bind_id(sqlite3_stmt *st, const char *name, int64_t id); /* 0 binds NULL */
void db_bind_time(sqlite3_stmt *st, const char *name, time_t t);  /* as local text */
/* Copy column i as text into out (empty for NULL). */
void db_column_text(sqlite3_stmt *st, int i, char *out, size_t size);

/* Settings (community name, kiosk id ...): 0, or -1 when the key is not set. */
int db_setting_get(struct db *db, const char *key, char *out, size_t size);
int db_setting_set(struct db *db, const char *key, const char *value, char *err, size_t errlen);

/* Record a change staff made (actor: the staff member's name, or "kioskctl"). */
int db_audit(struct db *db, const char *actor, const char *action, const char *entity,
	     const char *detail, char *err, size_t errlen);

/* PRAGMA integrity_check and foreign_key_check; 0 when both are clean, else err says what. */
int db_check(struct db *db, char *err, size_t errlen);

/* Copy the live database to dest with SQLite's online backup API (safe while the kiosk runs). */
int db_backup(struct db *db, const char *dest, char *err, size_t errlen);

/* The schema version this program writes (the newest migration). */
int db_schema_version(void);

#endif
