/* Staff PINs, the lockout and the staff-mode session. The lockout is global, not per person: the
 * hidden door is one door, and someone guessing does not say whose PIN they are guessing. It is
 * kept in three settings (staff_lock_failures, staff_lock_count, staff_lock_until) so a restart,
 * or pulling the plug, does not hand out five more tries. */
#include "core/party/staff.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/party/attendance.h"
#include "core/base/clock.h"
#include "core/store/db.h"
#include "core/party/members.h"
#include "core/text/utf8.h"

#define KEY_FAILURES "staff_lock_failures"
#define KEY_LOCKOUTS "staff_lock_count"
#define KEY_UNTIL "staff_lock_until"

int staff_pin_check(const char *pin, char *err, size_t errlen)
{
	size_t n = strlen(pin), i;
	bool same = true, up = true, down = true;

	if (n < STAFF_PIN_MIN || n > STAFF_PIN_MAX || strspn(pin, "0123456789") != n) {
		snprintf(err, errlen, "密码必须是 %d 到 %d 位数字", STAFF_PIN_MIN, STAFF_PIN_MAX);
		return -1;
	}
	for (i = 1; i < n; i++) {
		int d = pin[i] - pin[i - 1];
		same &= d == 0;
		up &= d == 1 || d == -9;   /* 7890 runs on through 0 */
		down &= d == -1 || d == 9; /* 3210, 1098 */
	}
	if (same || up || down) {
		snprintf(err, errlen, "密码“%s”太容易被猜到（同一个数字或连着的数字），请换一个，例如 %s",
			 same ? "0000" : up ? "1234" : "4321", "382915");
		return -1;
	}
	return 0;
}

int staff_pin_hash(const char *pin, char out[STAFF_HASH_LEN])
{
	/* crypto_pwhash_STRBYTES is 128: the buffer is exactly what libsodium writes. */
	_Static_assert(crypto_pwhash_STRBYTES <= STAFF_HASH_LEN, "hash buffer too small");
	if (sodium_init() < 0)
		return -1;
	return crypto_pwhash_str(out, pin, strlen(pin), crypto_pwhash_OPSLIMIT_INTERACTIVE,
				 crypto_pwhash_MEMLIMIT_INTERACTIVE);
}

bool staff_pin_verify(const char *hash, const char *pin)
{
	if (!hash[0] || sodium_init() < 0)
		return false;
	return crypto_pwhash_str_verify(hash, pin, strlen(pin)) == 0;
}

/* ---- the lockout ---- */

void staff_lock_fail(struct staff_lock *l, time_t now)
{
	long seconds;
	int i;

	l->failures++;
	if (l->failures % STAFF_TRIES != 0)
		return;
	l->lockouts++;
	seconds = STAFF_LOCK_SECONDS;
	for (i = 1; i < l->lockouts && seconds < STAFF_LOCK_MAX_SECONDS; i++)
		seconds *= 2;
	if (seconds > STAFF_LOCK_MAX_SECONDS)
		seconds = STAFF_LOCK_MAX_SECONDS;
	l->until = now + seconds;
}

bool staff_lock_active(const struct staff_lock *l, time_t now)
{
	return l->until > now;
}

int staff_lock_tries_left(const struct staff_lock *l)
{
	return STAFF_TRIES - l->failures % STAFF_TRIES;
}

static long long setting_number(struct db *db, const char *key)
{
	char text[32];

	if (db_setting_get(db, key, text, sizeof text) < 0)
		return 0;
	return strtoll(text, NULL, 10);
}

int staff_lock_load(struct db *db, struct staff_lock *l)
{
	memset(l, 0, sizeof *l);
	l->failures = (int)setting_number(db, KEY_FAILURES);
	l->lockouts = (int)setting_number(db, KEY_LOCKOUTS);
	l->until = (time_t)setting_number(db, KEY_UNTIL);
	if (l->failures < 0 || l->lockouts < 0)
		l->failures = l->lockouts = 0;
	return 0;
}

int staff_lock_save(struct db *db, const struct staff_lock *l, char *err, size_t errlen)
{
	char a[32], b[32], c[32];
	bool own;
	int rc = -1;

	snprintf(a, sizeof a, "%d", l->failures);
	snprintf(b, sizeof b, "%d", l->lockouts);
	snprintf(c, sizeof c, "%lld", (long long)l->until);
	if (db_tx_begin(db, &own, err, errlen) < 0)
		return -1;
	if (db_setting_set(db, KEY_FAILURES, a, err, errlen) == 0 &&
	    db_setting_set(db, KEY_LOCKOUTS, b, err, errlen) == 0 &&
	    db_setting_set(db, KEY_UNTIL, c, err, errlen) == 0)
		rc = 0;
	return db_tx_end(db, own, rc, err, errlen);
}

/* ---- staff members ---- */

int staff_set_pin(struct db *db, const char *name, const char *pin, const char *actor, time_t now,
		  char *err, size_t errlen)
{
	struct staff_lock none = { 0 };
	char hash[STAFF_HASH_LEN], trimmed[STAFF_NAME];
	sqlite3_stmt *st;
	size_t len;
	bool own;
	int rc = -1;

	snprintf(trimmed, sizeof trimmed, "%s", name ? name : "");
	len = strlen(trimmed);
	while (len && trimmed[len - 1] == ' ')
		trimmed[--len] = '\0';
	if (!trimmed[0] || utf8_width(trimmed) > 24) {
		snprintf(err, errlen, "请写工作人员的姓名（不超过 12 个汉字），例如 kioskctl staff add 张敏");
		return -1;
	}
	if (staff_pin_check(pin, err, errlen) < 0)
		return -1;
	if (staff_pin_hash(pin, hash) < 0) {
		snprintf(err, errlen, "内存不足，无法保存密码，请关掉其他程序后再试");
		return -1;
	}
	if (db_tx_begin(db, &own, err, errlen) < 0)
		goto out;
	st = db_stmt(db, STMT_STAFF_SET_PIN);
	db_bind_text(st, ":name", trimmed);
	db_bind_text(st, ":pin_hash", hash);
	db_bind_time(st, ":now", now);
	if (db_exec_stmt(db, st, err, errlen) < 0 ||
	    staff_lock_save(db, &none, err, errlen) < 0 ||
	    db_audit(db, actor, "设置管理密码", "", trimmed, err, errlen) < 0) {
		db_tx_end(db, own, -1, err, errlen);
		goto out;
	}
	rc = db_tx_end(db, own, 0, err, errlen);
out:
	sodium_memzero(hash, sizeof hash);
	return rc;
}

int staff_list(struct db *db, struct staff_member *out, int max, char *err, size_t errlen)
{
	sqlite3_stmt *st = db_stmt(db, STMT_STAFF_LIST);
	int n = 0, rc;

	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (n < max) {
			struct staff_member *s = &out[n];
			memset(s, 0, sizeof *s);
			s->id = sqlite3_column_int64(st, 0);
			db_column_text(st, 1, s->name, sizeof s->name);
			s->has_pin = sqlite3_column_int(st, 2) != 0;
			db_column_text(st, 3, s->created_at, sizeof s->created_at);
		}
		n++;
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		db_error(db, "读取工作人员名单", err, errlen);
		return -1;
	}
	return n;
}

/* The stored hash and name of one staff member; 0, or -1 when there is none. */
static int staff_get(struct db *db, int64_t id, char hash[STAFF_HASH_LEN], char name[STAFF_NAME])
{
	sqlite3_stmt *st = db_stmt(db, STMT_STAFF_GET);
	int found = -1;

	db_bind_int(st, ":id", id);
	if (sqlite3_step(st) == SQLITE_ROW) {
		db_column_text(st, 0, name, STAFF_NAME);
		db_column_text(st, 1, hash, STAFF_HASH_LEN);
		found = 0;
	}
	sqlite3_reset(st);
	return found;
}

enum staff_verdict staff_login(struct db *db, int64_t staff_id, const char *pin, time_t now,
			       struct staff_lock *lock, char name[STAFF_NAME], char *err,
			       size_t errlen)
{
	char hash[STAFF_HASH_LEN] = "", who[STAFF_NAME] = "", detail[128];
	enum staff_verdict v;

	staff_lock_load(db, lock);
	if (staff_lock_active(lock, now))
		return STAFF_LOCKED;
	if (staff_get(db, staff_id, hash, who) < 0) {
		snprintf(err, errlen, "没有这位工作人员，请重新选择");
		return STAFF_ERROR;
	}
	if (staff_pin_verify(hash, pin)) {
		memset(lock, 0, sizeof *lock);
		v = STAFF_OK;
		snprintf(name, STAFF_NAME, "%s", who);
	} else {
		staff_lock_fail(lock, now);
		v = STAFF_WRONG;
	}
	sodium_memzero(hash, sizeof hash);
	if (staff_lock_save(db, lock, err, errlen) < 0)
		return STAFF_ERROR;
	if (v == STAFF_OK) {
		db_audit(db, who, "进入管理模式", "", "", err, errlen);
	} else {
		snprintf(detail, sizeof detail, "连续第 %d 次%s", lock->failures,
			 staff_lock_active(lock, now) ? "，已锁定" : "");
		db_audit(db, who, "管理密码错误", "", detail, err, errlen);
	}
	return v;
}

int staff_sign_in(struct db *db, int64_t meeting_id, int64_t member_id, const char *actor,
		  time_t now, struct checkin *out, char *err, size_t errlen)
{
	struct member m;
	char detail[MEMBER_TEXT + 64];
	int rc = -1;

	if (members_get(db, member_id, &m, err, errlen) < 0 || db_begin(db, err, errlen) < 0)
		return -1;
	if (attendance_checkin(db, meeting_id, member_id, METHOD_STAFF, now, out, err, errlen) < 0)
		goto out;
	if (out->already) {
		rc = 0;
		goto out;
	}
	snprintf(detail, sizeof detail, "%s（会议 %lld）%s", m.f[MF_NAME], (long long)meeting_id,
		 out->guest ? "列席" : "");
	if (db_audit(db, actor, "代签到", m.uuid, detail, err, errlen) < 0)
		goto out;
	return db_commit(db, err, errlen);
out:
	if (rc == 0)
		return db_commit(db, err, errlen);
	db_rollback(db);
	return -1;
}

/* ---- the session ---- */

void staff_session_open(struct staff_session *s, int64_t staff_id, const char *name, int64_t now_ms)
{
	memset(s, 0, sizeof *s);
	s->open = true;
	s->staff_id = staff_id;
	snprintf(s->name, sizeof s->name, "%s", name);
	s->last_ms = now_ms;
}

void staff_session_close(struct staff_session *s)
{
	memset(s, 0, sizeof *s);
}

void staff_session_touch(struct staff_session *s, int64_t now_ms)
{
	if (s->open)
		s->last_ms = now_ms;
}

bool staff_session_expired(const struct staff_session *s, int64_t now_ms)
{
	return s->open && now_ms - s->last_ms >= STAFF_IDLE_MS;
}

int64_t staff_session_deadline(const struct staff_session *s)
{
	return s->open ? s->last_ms + STAFF_IDLE_MS : 0;
}

bool staff_door_tap(struct staff_session *s, int64_t now_ms)
{
	if (s->door_taps == 0 || now_ms - s->door_first_ms > STAFF_DOOR_MS) {
		s->door_taps = 0;
		s->door_first_ms = now_ms;
	}
	if (++s->door_taps < STAFF_DOOR_TAPS)
		return false;
	s->door_taps = 0;
	return true;
}
