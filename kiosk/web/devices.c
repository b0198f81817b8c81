/* Device cookies. The cookie is a bearer secret, so only BLAKE2b of it is stored: someone who
 * copies the database (a backup on a USB stick) cannot sign members in with it. A fast hash is
 * enough because the cookie is 256 random bits, not a password anyone could guess. */
#include "web/devices.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "core/store/db.h"

static void cookie_hash(const char *cookie, char out[crypto_generichash_BYTES * 2 + 1])
{
	unsigned char h[crypto_generichash_BYTES];

	crypto_generichash(h, sizeof h, (const unsigned char *)cookie, strlen(cookie), NULL, 0);
	sodium_bin2hex(out, crypto_generichash_BYTES * 2 + 1, h, sizeof h);
}

int devices_add(struct db *db, int64_t member_id, time_t now, char cookie[DEVICE_COOKIE_LEN],
		char *err, size_t errlen)
{
	unsigned char raw[32];
	char b64[sodium_base64_ENCODED_LEN(32, sodium_base64_VARIANT_URLSAFE_NO_PADDING)];
	char hash[crypto_generichash_BYTES * 2 + 1];
	sqlite3_stmt *st;

	if (sodium_init() < 0) {
		snprintf(err, errlen, "加密库初始化失败");
		return -1;
	}
	randombytes_buf(raw, sizeof raw);
	sodium_bin2base64(b64, sizeof b64, raw, sizeof raw, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	snprintf(cookie, DEVICE_COOKIE_LEN, "%s", b64);
	cookie_hash(cookie, hash);
	st = db_stmt(db, STMT_DEVICE_INSERT);
	db_bind_text(st, ":cookie_hash", hash);
	db_bind_id(st, ":member_id", member_id);
	db_bind_time(st, ":now", now);
	return db_exec_stmt(db, st, err, errlen);
}

int devices_member(struct db *db, const char *cookie, int64_t *member_id)
{
	char hash[crypto_generichash_BYTES * 2 + 1];
	sqlite3_stmt *st;
	int rc = -1;

	if (strlen(cookie) != DEVICE_COOKIE_CHARS || sodium_init() < 0)
		return -1;
	cookie_hash(cookie, hash);
	st = db_stmt(db, STMT_DEVICE_MEMBER);
	db_bind_text(st, ":cookie_hash", hash);
	if (sqlite3_step(st) == SQLITE_ROW) {
		*member_id = sqlite3_column_int64(st, 0);
		rc = 0;
	}
	sqlite3_reset(st);
	return rc;
}

int devices_prune(struct db *db, time_t now, char *err, size_t errlen)
{
	sqlite3_stmt *st = db_stmt(db, STMT_DEVICE_PRUNE);

	db_bind_time(st, ":before", now - DEVICE_KEEP_SECONDS);
	return db_exec_stmt(db, st, err, errlen);
}
