/* The rules of signing in from a phone, apart from HTTP so unit tests reach them: which meeting
 * a QR token or a page's stamp belongs to (and whether a refused one has expired or was never
 * ours), and who a member is from 姓名 and the last four digits of the phone on record. */
#ifndef KIOSK_CORE_PHONE_H
#define KIOSK_CORE_PHONE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "core/party/meetings.h"
#include "core/party/members.h"
#include "core/party/token.h"

struct db;

/* How far back a refused token is still recognised as one this kiosk made (and so answered
 * "expired", 410, rather than "not ours", 403). Bounds the work a made-up token costs. */
#define PHONE_LOOKBACK_SECONDS (6 * 3600)
/* A page stamp claiming to be older than this is refused as malformed. */
#define PHONE_STAMP_MAX_AGE (24 * 3600)

enum phone_verdict {
	PHONE_OK,      /* valid now */
	PHONE_EXPIRED, /* made by this kiosk, no longer valid: 410 */
	PHONE_FORGED,  /* malformed, or not made by this kiosk for any recent meeting: 403 */
};

/* Is s TOKEN_CHARS base64url characters? */
bool phone_token_well_formed(const char *s);

/* The meeting on now whose QR shows token (this period or the one before). -1 only on a
 * database error; otherwise *verdict says, and out is filled when it is PHONE_OK. */
int phone_token_meeting(struct db *db, const uint8_t key[TOKEN_KEY_BYTES], const char *token,
			time_t now, struct meeting *out, enum phone_verdict *verdict, char *err,
			size_t errlen);

/* The meeting a submitted page belongs to: the page was served at `opened` for the QR token
 * in its address, carries the stamp made for that meeting and time, and is at most
 * TOKEN_FORM_SECONDS old. As phone_token_meeting for the rest. */
int phone_stamp_meeting(struct db *db, const uint8_t key[TOKEN_KEY_BYTES], const char *token,
			int64_t opened, const char *stamp, time_t now, struct meeting *out,
			enum phone_verdict *verdict, char *err, size_t errlen);

enum phone_who {
	PHONE_FOUND,    /* exactly one active member */
	PHONE_NOBODY,   /* no active member has that name and those digits */
	PHONE_SEVERAL,  /* more than one: ask for the branch */
	PHONE_NO_PHONE, /* the name belongs to a member with no phone on record */
};

struct phone_match {
	enum phone_who who;
	int64_t member_id;
	int64_t branch_id;
	char name[MEMBER_TEXT];
};

/* A name as typed, made comparable with the roster's: the roster's own normalisation
 * (member_field_normalise) and then every space dropped ("张 三" is 张三). -1 when it is not a
 * possible name (empty, too long, control characters, invalid UTF-8). */
int phone_name_key(const char *in, char *out, size_t size);

/* Who is signing in: name as typed, tail the four digits, branch_id 0 or the 所属支部 chosen
 * when two members matched. -1 only on a database error. */
int phone_identify(struct db *db, const char *name, const char *tail, int64_t branch_id,
		   struct phone_match *out, char *err, size_t errlen);

#endif
