/* Staff (社区党务工作者) and staff mode: PINs hashed with libsodium's crypto_pwhash_str (Argon2id,
 * interactive limits), the lockout after wrong PINs (kept in the database, so a restart does not
 * reset it), the hidden door on the home screen (five taps on the community's name), and the
 * session that closes itself after two minutes untouched. Times are the kiosk's clock, passed in,
 * so replays and tests can move them. A PIN is never stored, logged or kept longer than a call. */
#ifndef KIOSK_CORE_STAFF_H
#define KIOSK_CORE_STAFF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

struct db;

#define STAFF_NAME 96
#define STAFF_PIN_MIN 4
#define STAFF_PIN_MAX 8

#define STAFF_DOOR_TAPS 5            /* taps on the community's name ... */
#define STAFF_DOOR_MS 4000           /* ... within this long open the PIN screen */
#define STAFF_IDLE_MS (2 * 60 * 1000) /* staff mode closes after this long untouched */

#define STAFF_TRIES 5                 /* wrong PINs in a row before entry locks */
#define STAFF_LOCK_SECONDS (5 * 60)   /* the first lock; each later one is twice the one before */
#define STAFF_LOCK_MAX_SECONDS (24 * 3600)

/* Is pin acceptable: 4-8 digits, not one digit repeated (0000) nor a run (1234, 8765, 7890)?
 * 0, or -1 with err saying what to choose instead. */
int staff_pin_check(const char *pin, char *err, size_t errlen);

/* Hash a PIN for storage ("$argon2id$..."); 0, or -1 when the machine is out of memory. */
#define STAFF_HASH_LEN 128
int staff_pin_hash(const char *pin, char out[STAFF_HASH_LEN]);
/* Does pin match a stored hash? */
bool staff_pin_verify(const char *hash, const char *pin);

/* Set (or replace) a staff member's PIN, creating the staff member when new, and lift any
 * lockout (whoever runs this holds the database already). Audited under actor. */
int staff_set_pin(struct db *db, const char *name, const char *pin, const char *actor, time_t now,
		  char *err, size_t errlen);

struct staff_member {
	int64_t id;
	char name[STAFF_NAME];
	bool has_pin;
	char created_at[20];
};
/* Staff members by name into out[0..max); returns how many there are, or -1. */
int staff_list(struct db *db, struct staff_member *out, int max, char *err, size_t errlen);

/* The lockout: wrong PINs in a row, locks so far (for the doubling), and until when entry is
 * locked (0: not locked). */
struct staff_lock {
	int failures;
	int lockouts;
	time_t until;
};

/* One more wrong PIN: every STAFF_TRIES-th in a row locks entry, for 5 minutes the first time
 * and twice as long each time after, at most a day. */
void staff_lock_fail(struct staff_lock *l, time_t now);
bool staff_lock_active(const struct staff_lock *l, time_t now);
/* Wrong PINs left before the next lock. */
int staff_lock_tries_left(const struct staff_lock *l);

int staff_lock_load(struct db *db, struct staff_lock *l);
int staff_lock_save(struct db *db, const struct staff_lock *l, char *err, size_t errlen);

enum staff_verdict { STAFF_OK, STAFF_WRONG, STAFF_LOCKED, STAFF_ERROR };

/* Check a PIN for staff member id. STAFF_LOCKED (not checked, not counted) while locked;
 * STAFF_WRONG updates the lockout (lock says what is left); STAFF_OK clears it and fills name.
 * Each outcome goes to the audit log; the PIN does not. */
enum staff_verdict staff_login(struct db *db, int64_t staff_id, const char *pin, time_t now,
			       struct staff_lock *lock, char name[STAFF_NAME], char *err,
			       size_t errlen);

struct checkin;
/* Sign in a member who cannot use the screen (method 'staff'), audited under actor in the same
 * transaction. As attendance_checkin: a second sign-in changes nothing and says so. */
int staff_sign_in(struct db *db, int64_t meeting_id, int64_t member_id, const char *actor,
		  time_t now, struct checkin *out, char *err, size_t errlen);

/* Staff mode as the screen holds it: who is in, when they last touched the screen, and the
 * taps on the hidden door. */
struct staff_session {
	bool open;
	int64_t staff_id;
	char name[STAFF_NAME];
	int64_t last_ms;
	int door_taps;
	int64_t door_first_ms;
};

void staff_session_open(struct staff_session *s, int64_t staff_id, const char *name, int64_t now_ms);
void staff_session_close(struct staff_session *s);
void staff_session_touch(struct staff_session *s, int64_t now_ms);
/* Has an open session gone untouched for STAFF_IDLE_MS? */
bool staff_session_expired(const struct staff_session *s, int64_t now_ms);
/* When an open session will expire (kiosk clock, ms), or 0 when closed. */
int64_t staff_session_deadline(const struct staff_session *s);
/* A tap on the hidden door; true on the fifth within STAFF_DOOR_MS (and the count starts over). */
bool staff_door_tap(struct staff_session *s, int64_t now_ms);

#endif
