/* Phones that signed a member in by QR code: after the first sign-in the phone keeps a random
 * cookie (256 bits from libsodium), and the database keeps only its hash, tied to the member.
 * At the next meeting the cookie names the member, so one tap signs in. */
#ifndef KIOSK_CORE_DEVICES_H
#define KIOSK_CORE_DEVICES_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

struct db;

#define DEVICE_COOKIE_CHARS 43 /* base64url of 32 random bytes */
#define DEVICE_COOKIE_LEN (DEVICE_COOKIE_CHARS + 1)
/* A phone's row is kept a year: one still in use is told to forget its cookie, and its member
 * signs in with name and digits once to get a new one. */
#define DEVICE_KEEP_SECONDS (365 * 24 * 3600)

/* Make a cookie for a phone that just signed member_id in (a new sign-in, not a repeat of one
 * already made: a replayed form must not add rows), and store its hash. */
int devices_add(struct db *db, int64_t member_id, time_t now, char cookie[DEVICE_COOKIE_LEN],
		char *err, size_t errlen);

/* The member a phone's cookie belongs to: 0 with *member_id, or -1 when the cookie is unknown
 * (never issued, or from another kiosk). */
int devices_member(struct db *db, const char *cookie, int64_t *member_id);

/* Remove the rows made more than DEVICE_KEEP_SECONDS before now. */
int devices_prune(struct db *db, time_t now, char *err, size_t errlen);

#endif
