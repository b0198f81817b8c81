/* Meetings and which one is on now. A meeting belongs to a branch, to one party group in it, or
 * (branch 0) to the whole community; who is expected follows from that (see the `expected` view
 * in db/001_init.sql). */
#include "core/party/meetings.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/base/clock.h"
#include "core/store/db.h"
#include "core/party/members.h"

static const char *const kind_names[MK_COUNT] = {
	[MK_ASSEMBLY] = "支部党员大会", [MK_COMMITTEE] = "支委会", [MK_GROUP] = "党小组会",
	[MK_LECTURE] = "党课",          [MK_THEME_DAY] = "主题党日", [MK_VOLUNTEER] = "志愿服务",
	[MK_OTHER] = "其他",
};

#define MAX_MEETING_SECONDS (24 * 3600)

const char *meeting_kind_name(enum meeting_kind kind)
{
	return kind >= 0 && kind < MK_COUNT ? kind_names[kind] : "其他";
}

int meeting_kind_parse(const char *name, enum meeting_kind *kind, char *err, size_t errlen)
{
	int k;

	for (k = 0; k < MK_COUNT; k++)
		if (strcmp(name, kind_names[k]) == 0) {
			*kind = (enum meeting_kind)k;
			return 0;
		}
	snprintf(err, errlen, "会议类型“%s”不认识，只能是：支部党员大会、支委会、党小组会、党课、主题党日、"
		 "志愿服务、其他", name);
	return -1;
}

void meeting_init(struct meeting *m)
{
	memset(m, 0, sizeof *m);
	m->kind = MK_OTHER;
}

static void meeting_from_row(sqlite3_stmt *st, struct meeting *m)
{
	char text[CLOCK_TEXT], kind[64];
	enum meeting_kind k = MK_OTHER;
	char ignored[8];

	meeting_init(m);
	m->id = sqlite3_column_int64(st, 0);
	db_column_text(st, 1, m->uuid, sizeof m->uuid);
	db_column_text(st, 2, kind, sizeof kind);
	meeting_kind_parse(kind, &k, ignored, sizeof ignored);
	m->kind = k;
	db_column_text(st, 3, m->title, sizeof m->title);
	m->branch_id = sqlite3_column_int64(st, 4);
	db_column_text(st, 5, m->branch, sizeof m->branch);
	m->group_id = sqlite3_column_int64(st, 6);
	db_column_text(st, 7, m->group, sizeof m->group);
	db_column_text(st, 8, m->place, sizeof m->place);
	db_column_text(st, 9, text, sizeof text);
	clock_parse(text, &m->start);
	db_column_text(st, 10, text, sizeof text);
	clock_parse(text, &m->end);
	m->vote = (enum vote_mode)sqlite3_column_int(st, 11);
	db_column_text(st, 12, m->host, sizeof m->host);
	db_column_text(st, 13, m->recorder, sizeof m->recorder);
	db_column_text(st, 14, m->topic, sizeof m->topic);
	m->cancelled = sqlite3_column_int(st, 15) != 0;
	if (sqlite3_column_type(st, 16) != SQLITE_NULL) {
		db_column_text(st, 16, text, sizeof text);
		clock_parse(text, &m->opened);
	}
	if (sqlite3_column_type(st, 17) != SQLITE_NULL) {
		db_column_text(st, 17, text, sizeof text);
		clock_parse(text, &m->closed);
	}
	m->signout = sqlite3_column_int(st, 18) != 0;
}

/* Check what staff gave before anything is written. */
static int validate(const struct meeting *m, char *err, size_t errlen)
{
	if (m->end <= m->start) {
		snprintf(err, errlen, "结束时间必须晚于开始时间");
		return -1;
	}
	if (m->end - m->start > MAX_MEETING_SECONDS) {
		snprintf(err, errlen, "会议超过 24 小时，请检查结束时间");
		return -1;
	}
	if (m->vote != VOTE_NONE && m->kind != MK_ASSEMBLY && m->kind != MK_COMMITTEE) {
		snprintf(err, errlen, "只有支部党员大会和支委会可以表决或选举");
		return -1;
	}
	if (m->vote == VOTE_ELECTION && m->kind != MK_ASSEMBLY) {
		snprintf(err, errlen, "选举只能在支部党员大会上进行");
		return -1;
	}
	if ((m->kind == MK_ASSEMBLY || m->kind == MK_COMMITTEE) && !m->branch[0]) {
		snprintf(err, errlen, "%s必须指定所属支部（--branch）", kind_names[m->kind]);
		return -1;
	}
	if (m->group[0] && !m->branch[0]) {
		snprintf(err, errlen, "指定党小组时请同时指定所属支部（--branch）");
		return -1;
	}
	return 0;
}

int meetings_add(struct db *db, struct meeting *m, const char *actor, char *err, size_t errlen)
{
	sqlite3_stmt *st;
	char detail[1024], start[CLOCK_TEXT];
	bool own;
	int rc = -1;

	if (!m->title[0])
		snprintf(m->title, sizeof m->title, "%s", kind_names[m->kind]);
	if (validate(m, err, errlen) < 0)
		return -1;
	m->branch_id = m->group_id = 0;
	if (m->branch[0] && members_branch_id(db, m->branch, false, &m->branch_id, err, errlen) < 0) {
		snprintf(err, errlen, "没有名为“%s”的支部，请检查名称（kioskctl members list 可查看）",
			 m->branch);
		return -1;
	}
	if (m->group[0]) {
		st = db_stmt(db, STMT_GROUP_BY_NAME);
		db_bind_id(st, ":branch_id", m->branch_id);
		db_bind_text(st, ":name", m->group);
		if (sqlite3_step(st) == SQLITE_ROW)
			m->group_id = sqlite3_column_int64(st, 0);
		sqlite3_reset(st);
		if (!m->group_id) {
			snprintf(err, errlen, "%s没有名为“%s”的党小组", m->branch, m->group);
			return -1;
		}
	}
	if (uuid_new(m->uuid) < 0) {
		snprintf(err, errlen, "系统无法生成随机编号");
		return -1;
	}
	if (db_tx_begin(db, &own, err, errlen) < 0)
		return -1;
	st = db_stmt(db, STMT_MEETING_INSERT);
	db_bind_text(st, ":uuid", m->uuid);
	db_bind_text(st, ":kiosk_id", db->kiosk_id);
	db_bind_text(st, ":kind", kind_names[m->kind]);
	db_bind_text(st, ":title", m->title);
	db_bind_id(st, ":branch_id", m->branch_id);
	db_bind_id(st, ":group_id", m->group_id);
	db_bind_text(st, ":place", m->place);
	db_bind_time(st, ":start_at", m->start);
	db_bind_time(st, ":end_at", m->end);
	db_bind_int(st, ":vote", m->vote);
	db_bind_text(st, ":host", m->host);
	db_bind_text(st, ":recorder", m->recorder);
	db_bind_text(st, ":topic", m->topic);
	db_bind_int(st, ":signout", m->signout);
	db_bind_time(st, ":now", time(NULL));
	if (db_exec_stmt(db, st, err, errlen) < 0)
		goto out;
	m->id = sqlite3_last_insert_rowid(db->sql);
	clock_format_minutes(m->start, start);
	snprintf(detail, sizeof detail, "%s %s %s %s", kind_names[m->kind], m->title, start,
		 m->branch[0] ? m->branch : "全体党员");
	if (db_audit(db, actor, "新增会议", m->uuid, detail, err, errlen) < 0)
		goto out;
	rc = 0;
out:
	if (rc < 0)
		m->id = 0;
	return db_tx_end(db, own, rc, err, errlen);
}

int meetings_get(struct db *db, int64_t id, struct meeting *m, char *err, size_t errlen)
{
	sqlite3_stmt *st = db_stmt(db, STMT_MEETING_GET);
	int rc;

	db_bind_id(st, ":id", id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		meeting_from_row(st, m);
	sqlite3_reset(st);
	if (rc == SQLITE_ROW)
		return 0;
	if (rc == SQLITE_DONE)
		snprintf(err, errlen, "没有编号为 %lld 的会议（kioskctl meetings list 可查看）",
			 (long long)id);
	else
		db_error(db, "读取会议", err, errlen);
	return -1;
}

/* Step a meeting query: to fn when given, else into out[0..max). Returns the rows seen. */
static int each_meeting(struct db *db, sqlite3_stmt *st, meeting_fn fn, void *ctx,
			struct meeting *out, int max, char *err, size_t errlen)
{
	struct meeting m;
	int rc, n = 0;

	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		meeting_from_row(st, &m);
		if (fn) {
			n++;
			if (fn(ctx, &m))
				break;
		} else if (n < max) {
			out[n++] = m;
		} else {
			n++;
		}
	}
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
		db_error(db, "读取会议", err, errlen);
		return -1;
	}
	return n;
}

int meetings_each_between(struct db *db, time_t from, time_t to, meeting_fn fn, void *ctx,
			  char *err, size_t errlen)
{
	sqlite3_stmt *st = db_stmt(db, STMT_MEETING_LIST_RANGE);

	db_bind_time(st, ":from", from);
	db_bind_time(st, ":to", to);
	return each_meeting(db, st, fn, ctx, NULL, 0, err, errlen) < 0 ? -1 : 0;
}

int meetings_current(struct db *db, time_t now, struct meeting *out, int max, char *err,
		     size_t errlen)
{
	sqlite3_stmt *st = db_stmt(db, STMT_MEETING_CURRENT);

	db_bind_time(st, ":now", now);
	db_bind_time(st, ":soon", now + MEETING_EARLY_SECONDS);
	return each_meeting(db, st, NULL, NULL, out, max, err, errlen);
}

int meetings_upcoming(struct db *db, time_t now, struct meeting *out, int max, char *err,
		      size_t errlen)
{
	sqlite3_stmt *st = db_stmt(db, STMT_MEETING_UPCOMING);
	int n;

	db_bind_time(st, ":now", now);
	db_bind_int(st, ":limit", max);
	n = each_meeting(db, st, NULL, NULL, out, max, err, errlen);
	return n > max ? max : n;
}

/* Is m on at now, by the same rule as STMT_MEETING_CURRENT? */
static bool is_on(const struct meeting *m, time_t now)
{
	if (m->cancelled || m->end <= now || (m->closed && m->closed <= now))
		return false;
	return m->start - MEETING_EARLY_SECONDS <= now || (m->opened && m->opened <= now);
}

static int open_or_close(struct db *db, int64_t id, time_t now, bool open, const char *actor,
			 char *err, size_t errlen)
{
	struct meeting m;
	sqlite3_stmt *st;
	char detail[MEETING_TEXT + 64], when[CLOCK_TEXT];
	bool own;
	int rc = -1;

	if (meetings_get(db, id, &m, err, errlen) < 0)
		return -1;
	if (m.cancelled) {
		snprintf(err, errlen, "“%s”已取消，不能%s", m.title, open ? "开始签到" : "结束签到");
		return -1;
	}
	if (open && m.end <= now) {
		snprintf(err, errlen, "“%s”已经过了结束时间，不能再开始签到；如需补签，请用“代签到”", m.title);
		return -1;
	}
	if (open && is_on(&m, now)) {
		snprintf(err, errlen, "“%s”已经在签到中，不用再开始", m.title);
		return -1;
	}
	if (!open && !is_on(&m, now)) {
		snprintf(err, errlen, "“%s”现在不在签到中，不用结束", m.title);
		return -1;
	}
	if (db_tx_begin(db, &own, err, errlen) < 0)
		return -1;
	st = db_stmt(db, open ? STMT_MEETING_OPEN : STMT_MEETING_CLOSE);
	db_bind_id(st, ":id", id);
	db_bind_time(st, ":now", now);
	if (db_exec_stmt(db, st, err, errlen) < 0)
		goto out;
	clock_format_minutes(now, when);
	snprintf(detail, sizeof detail, "%s（%s）", m.title, when);
	if (db_audit(db, actor, open ? "开始签到" : "结束签到", m.uuid, detail, err, errlen) < 0)
		goto out;
	rc = 0;
out:
	return db_tx_end(db, own, rc, err, errlen);
}

int meetings_open(struct db *db, int64_t id, time_t now, const char *actor, char *err,
		  size_t errlen)
{
	return open_or_close(db, id, now, true, actor, err, errlen);
}

int meetings_close(struct db *db, int64_t id, time_t now, const char *actor, char *err,
		   size_t errlen)
{
	return open_or_close(db, id, now, false, actor, err, errlen);
}

int meetings_set_checkin(struct db *db, int64_t id, const char *actor, char *err, size_t errlen)
{
	struct meeting m;
	char value[32];
	bool own;
	int rc = -1;

	meeting_init(&m);
	if (id && meetings_get(db, id, &m, err, errlen) < 0)
		return -1;
	snprintf(value, sizeof value, "%lld", (long long)id);
	if (db_tx_begin(db, &own, err, errlen) < 0)
		return -1;
	if (db_setting_set(db, "checkin_meeting", value, err, errlen) == 0 &&
	    db_audit(db, actor, "选择签到会议", id ? m.uuid : "", id ? m.title : "按支部自动选择", err,
		     errlen) == 0)
		rc = 0;
	return db_tx_end(db, own, rc, err, errlen);
}

int64_t meetings_checkin_choice(struct db *db, time_t now)
{
	struct meeting m;
	char value[32], err[256];
	long long id;

	if (db_setting_get(db, "checkin_meeting", value, sizeof value) < 0)
		return 0;
	id = strtoll(value, NULL, 10);
	if (id <= 0 || meetings_get(db, id, &m, err, sizeof err) < 0 || !is_on(&m, now))
		return 0;
	return id;
}
