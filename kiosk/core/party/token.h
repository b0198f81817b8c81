/* The rotating tokens in the QR code, and the stamp a phone's sign-in page carries. A token is
 * an HMAC (libsodium's HMAC-SHA-256) over the meeting's UUID and a 30-second period of the
 * kiosk's clock, keyed by a secret only this kiosk knows: a photo of the code sent home stops
 * working within a minute, and nobody can make a valid one. */
#ifndef KIOSK_CORE_TOKEN_H
#define KIOSK_CORE_TOKEN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

struct db;

#define TOKEN_KEY_BYTES 32
#define TOKEN_PERIOD_SECONDS 30
#define TOKEN_CHARS 16          /* base64url of 96 bits of the HMAC */
#define TOKEN_LEN (TOKEN_CHARS + 1)
#define TOKEN_FORM_SECONDS 120  /* an opened sign-in page may be submitted for this long */

/* The kiosk's secret key, made (and stored in settings) the first time it is needed. */
int token_key_load(struct db *db, uint8_t key[TOKEN_KEY_BYTES], char *err, size_t errlen);

/* The period now falls in. */
int64_t token_period(time_t now);

/* The token for a meeting in a period. */
void token_make(const uint8_t key[TOKEN_KEY_BYTES], const char *meeting_uuid, int64_t period,
		char out[TOKEN_LEN]);

/* Is token the meeting's token now or in the period before? (Constant-time comparison.) */
bool token_valid(const uint8_t key[TOKEN_KEY_BYTES], const char *meeting_uuid,
		 const char *token, time_t now);

/* The stamp on a sign-in page opened at `opened` for a meeting. */
void token_form_stamp(const uint8_t key[TOKEN_KEY_BYTES], const char *meeting_uuid,
		      int64_t opened, char out[TOKEN_LEN]);

/* Was the stamp made by this kiosk for the meeting, for a page opened at most
 * TOKEN_FORM_SECONDS before now? */
bool token_form_valid(const uint8_t key[TOKEN_KEY_BYTES], const char *meeting_uuid,
		      int64_t opened, const char *stamp, time_t now);

#endif
