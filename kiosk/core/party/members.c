/* Party members: what a roster may say about a member and how it is checked, and reading and
 * writing members. Rosters come from Excel and WPS, typed by many hands over many years, so the
 * checks accept the ways offices commonly write a value (正式党员, 退休, 1956/3/5, 138-1234-5678)
 * and store one form; anything else is refused with a sentence saying what to write instead. */
#include "core/party/members.h"

#include <stdio.h>
#include <string.h>

#include "core/base/clock.h"
#include "core/store/db.h"
#include "core/text/utf8.h"

const struct member_field_info member_fields[MF_COUNT] = {
	[MF_NAME] = { "姓名", "党员姓名|名字", "name", "name", FT_TEXT, true },
	[MF_GENDER] = { "性别", "", "gender", "gender", FT_CHOICE, false },
	[MF_ETHNICITY] = { "民族", "", "ethnicity", "ethnicity", FT_TEXT, false },
	[MF_BIRTH] = { "出生日期", "出生年月|出生时间|出生年月日|生日", "birth", "birth_date", FT_DATE,
		       false },
	[MF_PHONE] = { "联系电话", "电话|手机|手机号|手机号码|电话号码|联系方式|联系电话号码", "phone",
		       "phone", FT_PHONE, false },
	[MF_ADDRESS] = { "家庭住址", "住址|现住址|家庭地址|居住地址|地址", "address", "address", FT_TEXT,
			 false },
	[MF_EMPLOYER] = { "工作单位", "单位|原工作单位|现工作单位", "employer", "employer", FT_TEXT, false },
	[MF_POSITION] = { "职务", "单位职务|职务职称", "position", "position", FT_TEXT, false },
	[MF_EDUCATION] = { "学历", "文化程度|最高学历", "education", "education", FT_TEXT, false },
	[MF_JOINED] = { "入党时间", "入党日期|入党年月", "joined", "joined_date", FT_DATE, false },
	[MF_FULL] = { "转正时间", "转正日期|转正年月", "full", "full_date", FT_DATE, false },
	[MF_STATUS] = { "党籍状态", "党员身份|党员状态|身份|正式/预备", "status", "status", FT_CHOICE,
			false },
	[MF_CATEGORY] = { "党员类别", "人员类别|党员类型|类别", "category", "category", FT_CHOICE, false },
	[MF_RESIDENCE] = { "居住情况", "是否在辖区居住|是否辖区内居住|居住地", "residence", "residence",
			   FT_CHOICE, false },
	[MF_BRANCH] = { "所属支部", "支部|党支部|所在支部|所在党支部", "branch", NULL, FT_TEXT, true },
	[MF_GROUP] = { "党小组", "所属党小组|所在党小组|小组", "group", NULL, FT_TEXT, false },
	[MF_HOUSEHOLD] = { "中心户", "党员中心户|所属中心户", "center", NULL, FT_TEXT, false },
	[MF_PARTY_ROLE] = { "党内职务", "支委职务|党内职位", "party-role", "party_role", FT_TEXT, false },
	[MF_NOTE] = { "备注", "说明", "note", "note", FT_TEXT, false },
	[MF_HOME] = { "户", "同户|户号|家庭户|住户", "household", "home", FT_TEXT, false },
};

/* The ways offices write each choice, mapped to the one the database keeps. */
struct choice {
	enum member_field field;
	const char *canonical;
	const char *spellings; /* '|'-separated, compared after trimming */
};

static const struct choice choices[] = {
	{ MF_GENDER, "男", "男|男性|M|male" },
	{ MF_GENDER, "女", "女|女性|F|female" },
	{ MF_STATUS, "正式", "正式|正式党员" },
	{ MF_STATUS, "预备", "预备|预备党员" },
	{ MF_CATEGORY, "在职", "在职|在职党员|在岗" },
	{ MF_CATEGORY, "离退休", "离退休|退休|离休|离退休党员|退休党员|离休党员" },
	{ MF_CATEGORY, "流动", "流动|流动党员|外出流动" },
	{ MF_CATEGORY, "下岗失业", "下岗失业|下岗|失业|下岗党员|失业党员|下岗失业党员" },
	{ MF_CATEGORY, "其他", "其他|其它" },
	{ MF_RESIDENCE, "辖区内", "辖区内|是|在辖区|本辖区|辖区内居住|居住在辖区" },
	{ MF_RESIDENCE, "辖区外", "辖区外|否|不在辖区|辖区外居住|外地" },
};

static const char *const choice_hint[MF_COUNT] = {
	[MF_GENDER] = "男 或 女",
	[MF_STATUS] = "正式 或 预备（也可写“正式党员”“预备党员”）",
	[MF_CATEGORY] = "在职、离退休、流动、下岗失业 或 其他",
	[MF_RESIDENCE] = "辖区内 或 辖区外（也可写“是”“否”）",
};

static const char *const field_default[MF_COUNT] = {
	[MF_STATUS] = "正式",
	[MF_CATEGORY] = "其他",
	[MF_RESIDENCE] = "辖区内",
};

/* Does the '|'-separated list hold word exactly? */
static bool list_has(const char *list, const char *word, size_t len)
{
	const char *p = list;

	while (*p) {
		const char *end = strchr(p, '|');
		size_t n = end ? (size_t)(end - p) : strlen(p);
		if (n == len && strncmp(p, word, len) == 0)
			return true;
		if (!end)
			break;
		p = end + 1;
	}
	return false;
}

/* Is the code point white space as Excel users leave it (incl. the ideographic space)? */
static bool is_space(uint32_t cp)
{
	return cp == ' ' || cp == '\t' || cp == '\r' || cp == '\n' || cp == 0xA0 || cp == 0x3000 ||
	       cp == 0xFEFF;
}

/* Copy s without leading and trailing white space into out. */
static void trim(const char *s, char *out, size_t size)
{
	size_t n = strlen(s), start = 0, end = 0, i = 0, len;
	uint32_t cp;

	while (i < n && (len = utf8_decode(s + i, n - i, &cp)) && is_space(cp))
		i += len;
	start = i;
	end = i;
	while (i < n) {
		len = utf8_decode(s + i, n - i, &cp);
		if (!len)
			len = 1, cp = 0;
		i += len;
		if (!is_space(cp))
			end = i;
	}
	n = end - start < size - 1 ? end - start : size - 1;
	memcpy(out, s + start, n);
	out[n] = '\0';
}

int member_field_by_header(const char *name)
{
	char key[128];
	size_t i, j = 0, n = strlen(name);
	uint32_t cp;
	int f;

	/* Ignore white space and required-field stars; "联系电话（手机）" is 联系电话. */
	for (i = 0; i < n && j < sizeof key - 5;) {
		size_t len = utf8_decode(name + i, n - i, &cp);
		if (!len)
			return -1;
		if (cp == '(' || cp == 0xFF08)
			break;
		if (!is_space(cp) && cp != '*' && cp != 0xFF0A) {
			memcpy(key + j, name + i, len);
			j += len;
		}
		i += len;
	}
	key[j] = '\0';
	for (f = 0; f < MF_COUNT; f++)
		if (strcmp(key, member_fields[f].header) == 0 ||
		    list_has(member_fields[f].aliases, key, j))
			return f;
	return -1;
}

static int normalise_phone(const char *in, char *out, size_t size, char *err, size_t errlen)
{
	size_t i = 0, j = 0, n = strlen(in), len;
	uint32_t cp;

	if (strchr(in, 'E') || strchr(in, 'e')) {
		snprintf(err, errlen, "“%.40s”是科学计数法，Excel 把电话号码当成了数字；"
			 "请把该列设为“文本”格式后重新输入号码", in);
		return -1;
	}
	if (strncmp(in, "+86", 3) == 0)
		i = 3;
	for (; i < n; i += len) {
		len = utf8_decode(in + i, n - i, &cp);
		if (!len)
			break;
		if (cp >= 0xFF10 && cp <= 0xFF19) /* full-width digits from a Chinese IME */
			cp = '0' + (cp - 0xFF10);
		if (cp >= '0' && cp <= '9') {
			if (j + 1 >= size)
				break;
			out[j++] = (char)cp;
		} else if (cp != ' ' && cp != '-' && cp != '(' && cp != ')' && cp != 0xFF0D &&
			   cp != 0x3000) {
			if (cp == '/' || cp == 0x3001 || cp == 0xFF0C || cp == ',' || cp == ';' ||
			    cp == 0xFF1B || cp == 0xFF0F)
				snprintf(err, errlen, "“%.40s”里不止一个号码；签到按手机尾号查找，"
					 "请每人只留一个手机号", in);
			else
				snprintf(err, errlen, "“%.40s”不是电话号码，只能有数字、空格和“-”", in);
			return -1;
		}
	}
	out[j] = '\0';
	if (j > 0 && (j < 7 || j > 15)) {
		snprintf(err, errlen, "“%.40s”位数不对，手机号应为 11 位，座机号 7 到 12 位", in);
		return -1;
	}
	return 0;
}

/* Names keep one middle dot, whichever dot the typist found (·, •, ・, ‧, ．). */
static void normalise_name_dots(char *s)
{
	static const char *const dots[] = { "•", "・", "‧", "．", "∙" };
	size_t i;

	for (i = 0; i < sizeof dots / sizeof dots[0]; i++) {
		char *p;
		size_t dl = strlen(dots[i]);
		while ((p = strstr(s, dots[i])) != NULL) {
			/* "·" is 2 bytes in UTF-8; every dot above is 3. */
			memcpy(p, "·", 2);
			memmove(p + 2, p + dl, strlen(p + dl) + 1);
		}
	}
}

int member_field_normalise(enum member_field f, const char *in, char *out, size_t size,
			   char *err, size_t errlen)
{
	char value[MEMBER_TEXT * 2];
	const struct member_field_info *info = &member_fields[f];
	size_t i, n;

	if (strlen(in) >= MEMBER_TEXT) {
		snprintf(err, errlen, "太长（最多 %d 个字节）", MEMBER_TEXT - 1);
		return -1;
	}
	trim(in, value, sizeof value);
	n = strlen(value);
	if (utf8_invalid_at(value, n) != n) {
		snprintf(err, errlen, "含有无法识别的字符");
		return -1;
	}
	for (i = 0; i < n; i++)
		if ((unsigned char)value[i] < 0x20 && (f != MF_ADDRESS && f != MF_NOTE)) {
			snprintf(err, errlen, "不能包含换行或控制字符");
			return -1;
		}
	if (n == 0) {
		if (info->required) {
			snprintf(err, errlen, "不能为空");
			return -1;
		}
		snprintf(out, size, "%s", field_default[f] ? field_default[f] : "");
		return 0;
	}
	switch (info->type) {
	case FT_DATE: {
		char date[DATE_TEXT];
		if (clock_normalise_date(value, date, err, errlen) < 0)
			return -1;
		snprintf(out, size, "%s", date);
		return 0;
	}
	case FT_PHONE:
		return normalise_phone(value, out, size, err, errlen);
	case FT_CHOICE:
		for (i = 0; i < sizeof choices / sizeof choices[0]; i++)
			if (choices[i].field == f && list_has(choices[i].spellings, value, n)) {
				snprintf(out, size, "%s", choices[i].canonical);
				return 0;
			}
		snprintf(err, errlen, "只能填 %s，现在是“%.60s”", choice_hint[f], value);
		return -1;
	case FT_TEXT:
		if (f == MF_NAME)
			normalise_name_dots(value);
		snprintf(out, size, "%s", value);
		return 0;
	}
	return 0;
}

void member_init(struct member *m)
{
	int f;

	memset(m, 0, sizeof *m);
	m->active = true;
	for (f = 0; f < MF_COUNT; f++)
		if (field_default[f])
			snprintf(m->f[f], MEMBER_TEXT, "%s", field_default[f]);
}

static void member_from_row(sqlite3_stmt *st, struct member *m)
{
	int f;

	for (f = 0; f < MF_COUNT; f++)
		db_column_text(st, f, m->f[f], MEMBER_TEXT);
	m->id = sqlite3_column_int64(st, MF_COUNT);
	db_column_text(st, MF_COUNT + 1, m->uuid, sizeof m->uuid);
	m->active = sqlite3_column_int(st, MF_COUNT + 2) != 0;
	m->branch_id = sqlite3_column_int64(st, MF_COUNT + 3);
	m->group_id = sqlite3_column_int64(st, MF_COUNT + 4);
	m->household_id = sqlite3_column_int64(st, MF_COUNT + 5);
}

/* Look a named unit up; create it when asked. */
static int unit_id(struct db *db, enum stmt_id find, enum stmt_id insert, int64_t branch_id,
		   const char *name, bool create, int64_t *id, char *err, size_t errlen)
{
	sqlite3_stmt *st = db_stmt(db, find);
	char uuid[UUID_LEN];
	int rc;

	db_bind_text(st, ":name", name);
	if (branch_id)
		db_bind_id(st, ":branch_id", branch_id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*id = sqlite3_column_int64(st, 0);
		sqlite3_reset(st);
		return 0;
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		db_error(db, "查找支部或小组", err, errlen);
		return -1;
	}
	if (!create) {
		snprintf(err, errlen, "没有名为“%s”的支部、党小组或中心户", name);
		return -1;
	}
	if (uuid_new(uuid) < 0) {
		snprintf(err, errlen, "系统无法生成随机编号");
		return -1;
	}
	st = db_stmt(db, insert);
	db_bind_text(st, ":uuid", uuid);
	db_bind_text(st, ":kiosk_id", db->kiosk_id);
	db_bind_text(st, ":name", name);
	db_bind_time(st, ":now", time(NULL));
	if (branch_id)
		db_bind_id(st, ":branch_id", branch_id);
	if (db_exec_stmt(db, st, err, errlen) < 0)
		return -1;
	*id = sqlite3_last_insert_rowid(db->sql);
	return 0;
}

int members_branch_id(struct db *db, const char *name, bool create, int64_t *id, char *err,
		      size_t errlen)
{
	return unit_id(db, STMT_BRANCH_BY_NAME, STMT_BRANCH_INSERT, 0, name, create, id, err,
		       errlen);
}

/* Resolve the member's branch, group and household names to ids, creating new ones. */
static int resolve_units(struct db *db, struct member *m, char *err, size_t errlen)
{
	if (members_branch_id(db, m->f[MF_BRANCH], true, &m->branch_id, err, errlen) < 0)
		return -1;
	m->group_id = 0;
	if (m->f[MF_GROUP][0] &&
	    unit_id(db, STMT_GROUP_BY_NAME, STMT_GROUP_INSERT, m->branch_id, m->f[MF_GROUP], true,
		    &m->group_id, err, errlen) < 0)
		return -1;
	m->household_id = 0;
	if (m->f[MF_HOUSEHOLD][0] &&
	    unit_id(db, STMT_HOUSEHOLD_BY_NAME, STMT_HOUSEHOLD_INSERT, 0, m->f[MF_HOUSEHOLD], true,
		    &m->household_id, err, errlen) < 0)
		return -1;
	return 0;
}

/* "联系电话：138…→139…；党小组：一组→二组" for the audit log. */
static void describe_changes(const struct member *old, const struct member *m, char *out,
			     size_t size)
{
	size_t used = 0;
	int f;

	out[0] = '\0';
	for (f = 0; f < MF_COUNT && used < size; f++) {
		if (old && strcmp(old->f[f], m->f[f]) == 0)
			continue;
		if (!old && m->f[f][0] == '\0')
			continue;
		used += (size_t)snprintf(out + used, size - used, "%s%s：%s%s%s",
					 used ? "；" : "", member_fields[f].header,
					 old ? old->f[f] : "", old ? "→" : "", m->f[f]);
	}
}

int members_save(struct db *db, struct member *m, const char *actor, char *err, size_t errlen)
{
	struct member old;
	sqlite3_stmt *st;
	char detail[2048], why[256];
	bool own, updating = m->id != 0;
	int f, rc = -1;

	for (f = 0; f < MF_COUNT; f++) {
		char value[MEMBER_TEXT];
		if (member_field_normalise((enum member_field)f, m->f[f], value, sizeof value, why,
					   sizeof why) < 0) {
			snprintf(err, errlen, "“%s”%s", member_fields[f].header, why);
			return -1;
		}
		memcpy(m->f[f], value, sizeof value);
	}
	if (m->id && members_get(db, m->id, &old, err, errlen) < 0)
		return -1;
	if (db_tx_begin(db, &own, err, errlen) < 0)
		return -1;
	if (resolve_units(db, m, err, errlen) < 0)
		goto out;
	if (m->id == 0 && uuid_new(m->uuid) < 0) {
		snprintf(err, errlen, "系统无法生成随机编号");
		goto out;
	}
	st = db_stmt(db, m->id ? STMT_MEMBER_UPDATE : STMT_MEMBER_INSERT);
	for (f = 0; f < MF_COUNT; f++) {
		char param[64];
		if (!member_fields[f].column)
			continue;
		snprintf(param, sizeof param, ":%s", member_fields[f].column);
		db_bind_text(st, param, m->f[f]);
	}
	db_bind_id(st, ":branch_id", m->branch_id);
	db_bind_id(st, ":group_id", m->group_id);
	db_bind_id(st, ":household_id", m->household_id);
	db_bind_time(st, ":now", time(NULL));
	if (m->id) {
		db_bind_id(st, ":id", m->id);
	} else {
		db_bind_text(st, ":uuid", m->uuid);
		db_bind_text(st, ":kiosk_id", db->kiosk_id);
	}
	if (db_exec_stmt(db, st, err, errlen) < 0)
		goto out;
	describe_changes(updating ? &old : NULL, m, detail, sizeof detail);
	if (updating)
		memcpy(m->uuid, old.uuid, sizeof m->uuid);
	else
		m->id = sqlite3_last_insert_rowid(db->sql);
	if (detail[0] && db_audit(db, actor, updating ? "修改党员" : "新增党员", m->uuid, detail,
				  err, errlen) < 0)
		goto out;
	rc = 0;
out:
	if (rc < 0 && !updating)
		m->id = 0;
	return db_tx_end(db, own, rc, err, errlen);
}

int members_get(struct db *db, int64_t id, struct member *m, char *err, size_t errlen)
{
	sqlite3_stmt *st = db_stmt(db, STMT_MEMBER_GET);
	int rc;

	db_bind_id(st, ":id", id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		member_from_row(st, m);
	sqlite3_reset(st);
	if (rc == SQLITE_ROW)
		return 0;
	if (rc == SQLITE_DONE)
		snprintf(err, errlen, "没有编号为 %lld 的党员", (long long)id);
	else
		db_error(db, "读取党员", err, errlen);
	return -1;
}

int members_deactivate(struct db *db, int64_t id, time_t now, const char *actor, char *err,
		       size_t errlen)
{
	struct member m;
	sqlite3_stmt *st;
	bool own;
	int rc = -1;

	if (members_get(db, id, &m, err, errlen) < 0)
		return -1;
	if (!m.active) {
		snprintf(err, errlen, "%s（编号 %lld）已经停用", m.f[MF_NAME], (long long)id);
		return -1;
	}
	if (db_tx_begin(db, &own, err, errlen) < 0)
		return -1;
	st = db_stmt(db, STMT_MEMBER_DEACTIVATE);
	db_bind_id(st, ":id", id);
	db_bind_time(st, ":now", now);
	if (db_exec_stmt(db, st, err, errlen) == 0 &&
	    db_audit(db, actor, "停用党员", m.uuid, m.f[MF_NAME], err, errlen) == 0)
		rc = 0;
	return db_tx_end(db, own, rc, err, errlen);
}

/* Step a member query, handing each row to fn. */
static int each_member(struct db *db, sqlite3_stmt *st, member_fn fn, void *ctx, char *err,
		       size_t errlen)
{
	struct member m;
	int rc;

	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		member_from_row(st, &m);
		if (fn(ctx, &m))
			break;
	}
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
		db_error(db, "读取党员名单", err, errlen);
		return -1;
	}
	return 0;
}

int members_each(struct db *db, bool all, member_fn fn, void *ctx, char *err, size_t errlen)
{
	sqlite3_stmt *st = db_stmt(db, STMT_MEMBER_LIST);

	db_bind_int(st, ":all", all);
	return each_member(db, st, fn, ctx, err, errlen);
}

int members_each_in(struct db *db, enum member_scope scope, int64_t id, member_fn fn, void *ctx,
		    char *err, size_t errlen)
{
	static const enum stmt_id by[] = {
		[SCOPE_BRANCH] = STMT_MEMBER_BY_BRANCH,
		[SCOPE_GROUP] = STMT_MEMBER_BY_GROUP,
		[SCOPE_HOUSEHOLD] = STMT_MEMBER_BY_HOUSEHOLD,
	};
	sqlite3_stmt *st = db_stmt(db, by[scope]);

	db_bind_id(st, ":id", id);
	return each_member(db, st, fn, ctx, err, errlen);
}

int members_each_by_phone_tail(struct db *db, const char *tail, member_fn fn, void *ctx,
			       char *err, size_t errlen)
{
	sqlite3_stmt *st = db_stmt(db, STMT_MEMBER_BY_PHONE_TAIL);

	db_bind_text(st, ":tail", tail);
	return each_member(db, st, fn, ctx, err, errlen);
}

int members_each_unit(struct db *db, enum member_scope scope, unit_fn fn, void *ctx, char *err,
		      size_t errlen)
{
	struct unit u;
	sqlite3_stmt *st;
	int rc;

	switch (scope) {
	case SCOPE_BRANCH:
		st = db_stmt(db, STMT_BRANCH_LIST);
		break;
	case SCOPE_GROUP:
		st = db_stmt(db, STMT_GROUP_LIST);
		break;
	default:
		st = db_stmt(db, STMT_HOUSEHOLD_LIST);
		break;
	}
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		memset(&u, 0, sizeof u);
		u.id = sqlite3_column_int64(st, 0);
		db_column_text(st, 1, u.name, sizeof u.name);
		if (scope == SCOPE_BRANCH) {
			u.members = sqlite3_column_int(st, 2);
		} else if (scope == SCOPE_GROUP) {
			db_column_text(st, 2, u.parent, sizeof u.parent);
			u.members = sqlite3_column_int(st, 3);
		} else {
			db_column_text(st, 2, u.parent, sizeof u.parent);
			db_column_text(st, 3, u.phone, sizeof u.phone);
			u.members = sqlite3_column_int(st, 4);
		}
		if (fn(ctx, &u))
			break;
	}
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
		db_error(db, "读取支部和小组", err, errlen);
		return -1;
	}
	return 0;
}

int members_set_household_head(struct db *db, int64_t household_id, int64_t member_id, char *err,
			       size_t errlen)
{
	sqlite3_stmt *st = db_stmt(db, STMT_HOUSEHOLD_SET_HEAD);

	db_bind_id(st, ":id", household_id);
	db_bind_id(st, ":member_id", member_id);
	return db_exec_stmt(db, st, err, errlen);
}
