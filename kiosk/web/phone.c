/* Phone sign-in rules. Tokens are checked against each meeting on now; a refused token is
 * looked for among the tokens of meetings of the last few hours, so a photo of the QR opened
 * at home is told plainly that it expired while a made-up token is told nothing more than that
 * it is not valid. Both get the same page; only the HTTP status differs. */
#include "web/phone.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "core/store/db.h"

#define MAX_ON 16 /* meetings on at once that a token is checked against */

bool phone_token_well_formed(const char *s)
{
	size_t i;

	for (i = 0; i < TOKEN_CHARS; i++) {
		char c = s[i];
		if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
		      c == '-' || c == '_'))
			return false;
	}
	return s[TOKEN_CHARS] == '\0';
}

static bool same(const char *a, const char *b)
{
	return sodium_memcmp(a, b, TOKEN_CHARS) == 0;
}

struct lookback {
	const uint8_t *key;
	const char *token;
	time_t now;
	int meetings;
	bool found;
};

/* Was the token this meeting's in any period from its early window (or the lookback limit)
 * up to its end (or now)? */
static int lookback_meeting(void *ctx, const struct meeting *m)
{
	struct lookback *lb = ctx;
	time_t from = m->start - MEETING_EARLY_SECONDS, to = m->end < lb->now ? m->end : lb->now;
	char t[TOKEN_LEN];
	int64_t p;

	if (from < lb->now - PHONE_LOOKBACK_SECONDS)
		from = lb->now - PHONE_LOOKBACK_SECONDS;
	for (p = token_period(to); p >= token_period(from); p--) {
		token_make(lb->key, m->uuid, p, t);
		if (same(t, lb->token)) {
			lb->found = true;
			return 1;
		}
	}
	return ++lb->meetings >= MAX_ON;
}

int phone_token_meeting(struct db *db, const uint8_t key[TOKEN_KEY_BYTES], const char *token,
			time_t now, struct meeting *out, enum phone_verdict *verdict, char *err,
			size_t errlen)
{
	struct meeting on[MAX_ON];
	struct lookback lb = { key, token, now, 0, false };
	int n, i;

	*verdict = PHONE_FORGED;
	if (!phone_token_well_formed(token))
		return 0;
	n = meetings_current(db, now, on, MAX_ON, err, errlen);
	if (n < 0)
		return -1;
	for (i = 0; i < n && i < MAX_ON; i++) {
		if (token_valid(key, on[i].uuid, token, now)) {
			*out = on[i];
			*verdict = PHONE_OK;
			return 0;
		}
	}
	if (meetings_each_between(db, now - PHONE_LOOKBACK_SECONDS, now + MEETING_EARLY_SECONDS + 1,
				  lookback_meeting, &lb, err, errlen) < 0)
		return -1;
	if (lb.found)
		*verdict = PHONE_EXPIRED;
	return 0;
}

int phone_stamp_meeting(struct db *db, const uint8_t key[TOKEN_KEY_BYTES], const char *token,
			int64_t opened, const char *stamp, time_t now, struct meeting *out,
			enum phone_verdict *verdict, char *err, size_t errlen)
{
	struct meeting on[MAX_ON];
	char want[TOKEN_LEN];
	int n, i;

	*verdict = PHONE_FORGED;
	if (!phone_token_well_formed(token) || !phone_token_well_formed(stamp) ||
	    opened > (int64_t)now + 5 || opened < (int64_t)now - PHONE_STAMP_MAX_AGE)
		return 0;
	/* The page was served for a meeting on when it was opened. */
	n = meetings_current(db, (time_t)opened, on, MAX_ON, err, errlen);
	if (n < 0)
		return -1;
	for (i = 0; i < n && i < MAX_ON; i++) {
		if (!token_valid(key, on[i].uuid, token, (time_t)opened))
			continue;
		token_form_stamp(key, on[i].uuid, opened, want);
		if (!same(want, stamp))
			continue;
		if (token_form_valid(key, on[i].uuid, opened, stamp, now)) {
			*out = on[i];
			*verdict = PHONE_OK;
		} else {
			*verdict = PHONE_EXPIRED;
		}
		return 0;
	}
	return 0;
}

int phone_name_key(const char *in, char *out, size_t size)
{
	char norm[MEMBER_TEXT], why[128];
	size_t i, n = 0;

	if (size == 0 ||
	    member_field_normalise(MF_NAME, in, norm, sizeof norm, why, sizeof why) < 0)
		return -1;
	for (i = 0; norm[i]; i++) {
		if (norm[i] == ' ' || norm[i] == '\t')
			continue;
		if (strncmp(norm + i, "\u3000", 3) == 0) { /* the full-width space */
			i += 2;
			continue;
		}
		if (n + 1 >= size)
			return -1;
		out[n++] = norm[i];
	}
	out[n] = '\0';
	return n ? 0 : -1;
}

struct identify {
	const char *key;
	int64_t branch_id;
	struct phone_match *out;
	int count;
};

static int identify_one(void *ctx, const struct member *m)
{
	struct identify *id = ctx;
	char key[MEMBER_TEXT];

	if (phone_name_key(m->f[MF_NAME], key, sizeof key) < 0 || strcmp(key, id->key) != 0)
		return 0;
	if (id->branch_id && m->branch_id != id->branch_id)
		return 0;
	if (id->count++ == 0) {
		id->out->member_id = m->id;
		id->out->branch_id = m->branch_id;
		snprintf(id->out->name, sizeof id->out->name, "%s", m->f[MF_NAME]);
	}
	return 0;
}

/* Does an active member with this name have no phone on record? */
static int no_phone_on_record(struct db *db, const char *name, bool *yes, char *err,
			      size_t errlen)
{
	sqlite3_stmt *st = db_stmt(db, STMT_MEMBER_FIND_NAME_PHONE);
	int64_t ids[8];
	int n = 0, rc, i;
	struct member m;

	*yes = false;
	db_bind_text(st, ":name", name);
	db_bind_text(st, ":phone", "");
	while ((rc = sqlite3_step(st)) == SQLITE_ROW && n < 8)
		ids[n++] = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
		db_error(db, "查找党员", err, errlen);
		return -1;
	}
	for (i = 0; i < n && !*yes; i++)
		*yes = members_get(db, ids[i], &m, err, errlen) == 0 && m.active;
	return 0;
}

int phone_identify(struct db *db, const char *name, const char *tail, int64_t branch_id,
		   struct phone_match *out, char *err, size_t errlen)
{
	char key[MEMBER_TEXT], norm[MEMBER_TEXT], why[128];
	struct identify id = { key, branch_id, out, 0 };
	bool none;
	int i;

	memset(out, 0, sizeof *out);
	out->who = PHONE_NOBODY;
	if (phone_name_key(name, key, sizeof key) < 0)
		return 0;
	for (i = 0; i < 4; i++)
		if (tail[i] < '0' || tail[i] > '9')
			return 0;
	if (tail[4] != '\0')
		return 0;
	if (members_each_by_phone_tail(db, tail, identify_one, &id, err, errlen) < 0)
		return -1;
	if (id.count == 1) {
		out->who = PHONE_FOUND;
		return 0;
	}
	if (id.count > 1) {
		out->who = PHONE_SEVERAL;
		out->member_id = 0;
		out->name[0] = '\0';
		return 0;
	}
	if (member_field_normalise(MF_NAME, name, norm, sizeof norm, why, sizeof why) < 0)
		return 0;
	if (no_phone_on_record(db, norm, &none, err, errlen) < 0)
		return -1;
	if (none)
		out->who = PHONE_NO_PHONE;
	return 0;
}
