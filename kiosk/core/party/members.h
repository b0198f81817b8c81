/* Party members (党员): the roster's fields, checking and normalising what staff type or import,
 * and reading and writing members. One table of fields drives the roster import's headers, the
 * CSV listing, kioskctl's options and the database columns. */
#ifndef KIOSK_CORE_MEMBERS_H
#define KIOSK_CORE_MEMBERS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "core/base/uuid.h"

struct db;

enum member_field {
	MF_NAME,       /* 姓名 (required) */
	MF_GENDER,     /* 性别 */
	MF_ETHNICITY,  /* 民族 */
	MF_BIRTH,      /* 出生日期 */
	MF_PHONE,      /* 联系电话 */
	MF_ADDRESS,    /* 家庭住址 */
	MF_EMPLOYER,   /* 工作单位 */
	MF_POSITION,   /* 职务 */
	MF_EDUCATION,  /* 学历 */
	MF_JOINED,     /* 入党时间 */
	MF_FULL,       /* 转正时间 */
	MF_STATUS,     /* 党籍状态: 正式/预备 */
	MF_CATEGORY,   /* 党员类别: 在职/离退休/流动/下岗失业/其他 */
	MF_RESIDENCE,  /* 居住情况: 辖区内/辖区外 */
	MF_BRANCH,     /* 所属支部 (required) */
	MF_GROUP,      /* 党小组 */
	MF_HOUSEHOLD,  /* 中心户 */
	MF_PARTY_ROLE, /* 党内职务: non-empty puts the member on the 支委会 */
	MF_NOTE,       /* 备注 */
	MF_HOME,       /* 户: members of one home (a couple sharing a phone) share a value */
	MF_COUNT
};

enum field_type { FT_TEXT, FT_DATE, FT_PHONE, FT_CHOICE };

struct member_field_info {
	const char *header;  /* the Chinese column name, as in the roster and `members list --csv` */
	const char *aliases; /* other headers offices use, '|'-separated */
	const char *option;  /* kioskctl option without "--" */
	const char *column;  /* database column and statement parameter (":" + column) */
	enum field_type type;
	bool required;
};

extern const struct member_field_info member_fields[MF_COUNT];

#define MEMBER_TEXT 256

struct member {
	int64_t id; /* 0 until saved */
	char uuid[UUID_LEN];
	bool active;
	int64_t branch_id, group_id, household_id;
	char f[MF_COUNT][MEMBER_TEXT]; /* every field as text, normalised */
};

/* The field whose header or alias is name (spaces ignored), or -1. */
int member_field_by_header(const char *name);

/* Check and normalise one field's value as typed or imported (dates to YYYY-MM-DD, phone to
 * digits, 正式党员 to 正式, 退休 to 离退休 ...). 0, or -1 with err saying what is wrong and what a
 * valid value looks like; err does not name the field, so callers put it where it reads best. */
int member_field_normalise(enum member_field f, const char *in, char *out, size_t size,
			   char *err, size_t errlen);

/* An empty member with the defaults (正式, 其他, 辖区内, active). */
void member_init(struct member *m);

/* Insert (id 0) or update a member, creating its branch, group and household by name when new.
 * Checks required fields. Records the change in the audit log. Call inside db_begin/db_commit
 * when saving several as one. */
int members_save(struct db *db, struct member *m, const char *actor, char *err, size_t errlen);

int members_get(struct db *db, int64_t id, struct member *m, char *err, size_t errlen);

/* Mark a member as no longer active (moved away, transferred out) from now on; past meetings
 * still count them. */
int members_deactivate(struct db *db, int64_t id, time_t now, const char *actor, char *err,
		       size_t errlen);

/* Called for each member; return non-zero to stop. */
typedef int (*member_fn)(void *ctx, const struct member *m);

/* Every member (active only unless all), by branch then roster order. */
int members_each(struct db *db, bool all, member_fn fn, void *ctx, char *err, size_t errlen);

enum member_scope { SCOPE_BRANCH, SCOPE_GROUP, SCOPE_HOUSEHOLD };
/* Active members of one branch, party group or central household. */
int members_each_in(struct db *db, enum member_scope scope, int64_t id, member_fn fn, void *ctx,
		    char *err, size_t errlen);

/* Active members whose phone ends with the 4 digits in tail. */
int members_each_by_phone_tail(struct db *db, const char *tail, member_fn fn, void *ctx,
			       char *err, size_t errlen);

/* Branches, party groups and central households, for pickers and listings. */
struct unit {
	int64_t id;
	char name[MEMBER_TEXT];
	char parent[MEMBER_TEXT]; /* a group's branch; a household's head */
	char phone[32];           /* a household head's phone */
	int members;              /* active members */
};
typedef int (*unit_fn)(void *ctx, const struct unit *u);
int members_each_unit(struct db *db, enum member_scope scope, unit_fn fn, void *ctx, char *err,
		      size_t errlen);

/* Find or create a branch / party group / central household by name; the id in *id. */
int members_branch_id(struct db *db, const char *name, bool create, int64_t *id, char *err,
		      size_t errlen);

/* Make member the head (户长) of a household. */
int members_set_household_head(struct db *db, int64_t household_id, int64_t member_id, char *err,
			       size_t errlen);

#endif
