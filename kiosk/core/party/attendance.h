/* Signing in (签到) and what a meeting's attendance adds up to: 应到, 实到 (正式 and 预备 apart),
 * 请假, 缺席, 列席, the quorum, and the 签到表 row by row. */
#ifndef KIOSK_CORE_ATTENDANCE_H
#define KIOSK_CORE_ATTENDANCE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "core/base/clock.h"
#include "core/party/meetings.h"
#include "core/party/quorum.h"

struct db;

/* The household's two: one member of a home (同户) signing in another, on the screen after their
 * own sign-in, or from the home's remembered phone. METHOD_PAPER: a paper sign-in sheet entered
 * afterwards (record.c). */
enum checkin_method { METHOD_TOUCH, METHOD_QR, METHOD_STAFF, METHOD_PAPER, METHOD_TOUCH_HOUSEHOLD,
		      METHOD_QR_HOUSEHOLD };

/* "touch", "qr", "staff", "paper", "touch-household", "qr-household": as stored and exported. */
const char *attendance_method_code(enum checkin_method method);
/* 触屏, 扫码, 代签, 纸质补录, 触屏-同户, 手机-同户: for people (and exports), from the stored code. */
const char *attendance_method_label(const char *code);

struct checkin {
	bool already; /* signed in before: at is the first time, nothing was written */
	bool guest;   /* not expected at this meeting: 列席 */
	bool late;    /* 迟到 (signout.h): recorded, never said to the member */
	time_t at;
};

/* Sign a member in. Idempotent: a second sign-in returns already=true with the first time and
 * writes nothing. Refuses inactive members and cancelled meetings with a message. */
int attendance_checkin(struct db *db, int64_t meeting_id, int64_t member_id,
		       enum checkin_method method, time_t now, struct checkin *out, char *err,
		       size_t errlen);

/* Undo a wrong sign-in (staff). Kept as undone, so exports carry the correction. */
int attendance_undo(struct db *db, int64_t meeting_id, int64_t member_id, time_t now,
		    const char *actor, char *err, size_t errlen);

/* Was the member expected (应到) at the meeting? 0 with *expected, or -1 with err when the
 * database could not say: never a guess, since a wrong "no" would show the member as 列席. */
int attendance_is_expected(struct db *db, int64_t meeting_id, int64_t member_id, bool *expected,
			   char *err, size_t errlen);

struct meeting_counts {
	int expected;        /* 应到 */
	int expected_voters; /* 正式党员 among 应到 */
	int present;         /* 实到: expected members who signed in */
	int present_full;    /* 实到 正式 */
	int present_probationary; /* 实到 预备 */
	int on_leave;        /* 请假, not signed in; still in 应到 */
	int absent;          /* 缺席 */
	int guests;          /* 列席: signed in, not expected */
	struct quorum quorum;
};

int attendance_counts(struct db *db, const struct meeting *m, struct meeting_counts *c,
		      char *err, size_t errlen);

enum sheet_state { SHEET_PRESENT, SHEET_LEAVE, SHEET_ABSENT, SHEET_GUEST };
/* 已签到, 请假, 缺席, 列席. */
const char *attendance_state_name(enum sheet_state s);

struct sheet_row {
	int64_t member_id;
	char name[256];
	char branch[256];
	char status[16];   /* 正式/预备 */
	char category[32]; /* 在职/离退休/... */
	enum sheet_state state;
	char checked_at[CLOCK_TEXT]; /* empty unless signed in */
	char method[16];             /* touch/qr/staff */
	char reason[256];            /* 请假 reason */
	bool late;                   /* 迟到 */
	char left_at[CLOCK_TEXT];    /* 签退, empty when none */
	bool early;                  /* 早退 */
};

typedef int (*sheet_fn)(void *ctx, const struct sheet_row *row);

/* The 签到表: every expected member, then every 列席 guest. */
int attendance_each_sheet_row(struct db *db, const struct meeting *m, sheet_fn fn, void *ctx,
			      char *err, size_t errlen);

#endif
