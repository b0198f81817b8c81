/* Tokens: HMAC-SHA-256 from libsodium, truncated to 96 bits and written in base64url so the QR
 * code stays small (large modules scan from further away). */
#include "core/party/token.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "core/store/db.h"

int token_key_load(struct db *db, uint8_t key[TOKEN_KEY_BYTES], char *err, size_t errlen)
{
	char hex[TOKEN_KEY_BYTES * 2 + 1];
	size_t len;

	if (sodium_init() < 0) {
		snprintf(err, errlen, "加密库初始化失败，无法生成二维码");
		return -1;
	}
	if (db_setting_get(db, "token_key", hex, sizeof hex) == 0 &&
	    sodium_hex2bin(key, TOKEN_KEY_BYTES, hex, strlen(hex), NULL, &len, NULL) == 0 &&
	    len == TOKEN_KEY_BYTES)
		return 0;
	randombytes_buf(key, TOKEN_KEY_BYTES);
	sodium_bin2hex(hex, sizeof hex, key, TOKEN_KEY_BYTES);
	return db_setting_set(db, "token_key", hex, err, errlen);
}

int64_t token_period(time_t now)
{
	return (int64_t)now / TOKEN_PERIOD_SECONDS;
}

/* HMAC over "what|uuid|number", cut to TOKEN_CHARS base64url characters. */
static void mac(const uint8_t key[TOKEN_KEY_BYTES], const char *what, const char *uuid,
		int64_t number, char out[TOKEN_LEN])
{
	unsigned char full[crypto_auth_hmacsha256_BYTES];
	char msg[160], b64[sodium_base64_ENCODED_LEN(12, sodium_base64_VARIANT_URLSAFE_NO_PADDING)];
	int n = snprintf(msg, sizeof msg, "%s|%s|%lld", what, uuid, (long long)number);

	crypto_auth_hmacsha256(full, (const unsigned char *)msg, (unsigned long long)n, key);
	sodium_bin2base64(b64, sizeof b64, full, 12, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	memcpy(out, b64, TOKEN_CHARS);
	out[TOKEN_CHARS] = '\0';
}

void token_make(const uint8_t key[TOKEN_KEY_BYTES], const char *meeting_uuid, int64_t period,
		char out[TOKEN_LEN])
{
	mac(key, "qr", meeting_uuid, period, out);
}

static bool same(const char *a, const char *b)
{
	return strlen(b) == TOKEN_CHARS && sodium_memcmp(a, b, TOKEN_CHARS) == 0;
}

bool token_valid(const uint8_t key[TOKEN_KEY_BYTES], const char *meeting_uuid,
		 const char *token, time_t now)
{
	char want[TOKEN_LEN];
	int64_t p = token_period(now);

	token_make(key, meeting_uuid, p, want);
	if (same(want, token))
		return true;
	token_make(key, meeting_uuid, p - 1, want);
	return same(want, token);
}

void token_form_stamp(const uint8_t key[TOKEN_KEY_BYTES], const char *meeting_uuid,
		      int64_t opened, char out[TOKEN_LEN])
{
	mac(key, "form", meeting_uuid, opened, out);
}

bool token_form_valid(const uint8_t key[TOKEN_KEY_BYTES], const char *meeting_uuid,
		      int64_t opened, const char *stamp, time_t now)
{
	char want[TOKEN_LEN];

	if (opened > (int64_t)now + 5 || (int64_t)now - opened > TOKEN_FORM_SECONDS)
		return false;
	token_form_stamp(key, meeting_uuid, opened, want);
	return same(want, stamp);
}
