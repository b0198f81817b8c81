/* Meeting records. A record is checked against the meeting as it stands when it is saved: the
 * host and the recorder must be on the roster (an inspection asks who they are, not how a name
 * was typed), and vote counts are accepted only for a meeting marked to vote, only when its
 * quorum is met (quorum.c), and never more than the members present who may vote. A refused
 * record writes nothing. The meeting's own 主持人/记录人/议题 columns are kept equal to the
 * record's, so meetings.csv and the 签到表 say the same as the 纪实. */
#include "core/party/record.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/party/attendance.h"
#include "core/party/meetings.h"
#include "core/party/members.h"
#include "core/store/db.h"

void record_init(struct meeting_record *r, int64_t meeting_id)
{
	memset(r, 0, sizeof *r);
	r->meeting_id = meeting_id;
}

/* Copy s without leading and trailing white space (ASCII and the ideographic space). */
static void trim_copy(const char *s, char *out, size_t size)
{
	size_t n;

	for (;;) {
		if (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n')
			s++;
		else if (strncmp(s, "\xe3\x80\x80", 3) == 0)
			s += 3;
		else
			break;
	}
	snprintf(out, size, "%s", s);
	n = strlen(out);
	for (;;) {
		if (n > 0 && strchr(" \t\r\n", out[n - 1]))
			n--;
		else if (n >= 3 && strncmp(out + n - 3, "\xe3\x80\x80", 3) == 0)
			n -= 3;
		else
			break;
		out[n] = '\0';
	}
}

static int add_item(char items[][RECORD_ITEM], int *n, const char *text, const char *what,
		    char *err, size_t errlen)
{
	char t[RECORD_ITEM];

	if (strlen(text) >= RECORD_ITEM) {
		snprintf(err, errlen, "%s太长了，请分成几条或写短一些", what);
		return -1;
	}
	trim_copy(text, t, sizeof t);
	if (!t[0]) {
		snprintf(err, errlen, "%s不能是空的", what);
		return -1;
	}
	if (strchr(t, '\n') || strchr(t, '\r')) {
		snprintf(err, errlen, "一条%s里不能换行；多条请分开填写", what);
		return -1;
	}
	if (*n == RECORD_MAX_ITEMS) {
		snprintf(err, errlen, "%s最多 %d 条", what, RECORD_MAX_ITEMS);
		return -1;
	}
	snprintf(items[(*n)++], RECORD_ITEM, "%s", t);
	return 0;
}

int record_add_topic(struct meeting_record *r, const char *text, char *err, size_t errlen)
{
	return add_item(r->topics, &r->ntopics, text, "议题", err, errlen);
}

int record_add_decision(struct meeting_record *r, const char *text, char *err, size_t errlen)
{
	return add_item(r->decisions, &r->ndecisions, text, "决议事项", err, errlen);
}

void record_join(char items[][RECORD_ITEM], int n, const char *sep, char *out, size_t size)
{
	size_t len = 0;
	int i;

	out[0] = '\0';
	for (i = 0; i < n && len < size; i++)
		len += (size_t)snprintf(out + len, size - len, "%s%s", i ? sep : "", items[i]);
}

/* Split text at line ends into items. */
static void split_items(const char *text, char items[][RECORD_ITEM], int *n)
{
	*n = 0;
	while (*text && *n < RECORD_MAX_ITEMS) {
		size_t len = strcspn(text, "\n");
		if (len > 0)
			snprintf(items[(*n)++], RECORD_ITEM, "%.*s", (int)len, text);
		text += len;
		if (*text == '\n')
			text++;
	}
}

static bool all_digits(const char *s)
{
	if (!*s)
		return false;
	for (; *s; s++)
		if (!isdigit((unsigned char)*s))
			return false;
	return true;
}

int record_find_member(struct db *db, const char *name, int64_t *id, char *out, size_t size,
		       const char *role, char *err, size_t errlen)
{
	char key[RECORD_NAME];
	sqlite3_stmt *st;
	int rc, found = 0;

	trim_copy(name ? name : "", key, sizeof key);
	if (!key[0]) {
		snprintf(err, errlen, "请填写%s", role);
		return -1;
	}
	if (all_digits(key)) {
		struct member m;
		if (members_get(db, strtoll(key, NULL, 10), &m, err, errlen) < 0)
			return -1;
		if (!m.active) {
			snprintf(err, errlen, "%s %s 已不在党员名单中，请换一位", role, m.f[MF_NAME]);
			return -1;
		}
		*id = m.id;
		snprintf(out, size, "%s", m.f[MF_NAME]);
		return 0;
	}
	st = db_stmt(db, STMT_RECORD_MEMBER_BY_NAME);
	db_bind_text(st, ":name", key);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (found++ == 0) {
			*id = sqlite3_column_int64(st, 0);
			db_column_text(st, 1, out, size);
		}
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		db_error(db, "查找党员", err, errlen);
		return -1;
	}
	if (found == 0) {
		snprintf(err, errlen, "%s“%s”不在党员名单中；请按名单上的姓名填写", role, key);
		return -1;
	}
	if (found > 1) {
		snprintf(err, errlen, "名单上有不止一位党员叫“%s”；请用党员编号指定%s", key, role);
		return -1;
	}
	return 0;
}

/* The member chosen before (by id) still answers to the name and is on the roster: a record
 * saved again keeps its host even when another member has since been given the same name. */
static bool still_named(struct db *db, int64_t id, const char *name)
{
	struct member m;
	char err[256];

	return id > 0 && members_get(db, id, &m, err, sizeof err) == 0 && m.active &&
	       strcmp(m.f[MF_NAME], name) == 0;
}

int record_check(struct db *db, struct meeting_record *r, char *err, size_t errlen)
{
	struct meeting m;
	struct meeting_counts c;
	int total;

	if (meetings_get(db, r->meeting_id, &m, err, errlen) < 0)
		return -1;
	if (m.cancelled) {
		snprintf(err, errlen, "“%s”已取消，不能填写会议纪实", m.title);
		return -1;
	}
	if ((!still_named(db, r->host_id, r->host) &&
	     record_find_member(db, r->host, &r->host_id, r->host, sizeof r->host, "主持人", err,
				errlen) < 0) ||
	    (!still_named(db, r->recorder_id, r->recorder) &&
	     record_find_member(db, r->recorder, &r->recorder_id, r->recorder, sizeof r->recorder,
				"记录人", err, errlen) < 0))
		return -1;
	if (r->ntopics == 0) {
		snprintf(err, errlen, "请至少填写一个议题");
		return -1;
	}
	if (!r->voted)
		return 0;
	if (m.vote == VOTE_NONE) {
		snprintf(err, errlen, "“%s”不是表决或选举的会议，不能填写票数", m.title);
		return -1;
	}
	if (r->votes_for < 0 || r->votes_against < 0 || r->votes_abstain < 0) {
		snprintf(err, errlen, "票数不能是负数");
		return -1;
	}
	if (attendance_counts(db, &m, &c, err, errlen) < 0)
		return -1;
	if (!c.quorum.met) {
		snprintf(err, errlen, "有表决权的党员应到 %d 人，实到 %d 人，不足 %d 人，不能%s；"
			 "请先补齐签到", c.quorum.voters_expected, c.quorum.voters_present,
			 c.quorum.needed, quorum_mode_name(m.vote));
		return -1;
	}
	total = r->votes_for + r->votes_against + r->votes_abstain;
	if (total > c.quorum.voters_present) {
		snprintf(err, errlen, "赞成、反对、弃权共 %d 票，多于到会有表决权的 %d 人；"
			 "预备党员和列席人员不能投票，请核对票数", total, c.quorum.voters_present);
		return -1;
	}
	return 0;
}

int record_save(struct db *db, struct meeting_record *r, const char *actor, time_t now,
		char *err, size_t errlen)
{
	char topics[RECORD_MAX_ITEMS * RECORD_ITEM], decisions[RECORD_MAX_ITEMS * RECORD_ITEM];
	char joined[RECORD_MAX_ITEMS * RECORD_ITEM], detail[RECORD_ITEM + 64], uuid[UUID_LEN];
	struct meeting_record old;
	sqlite3_stmt *st;
	bool own;
	int rc = -1, had;

	if (record_check(db, r, err, errlen) < 0)
		return -1;
	had = record_get(db, r->meeting_id, &old, err, errlen);
	if (had < 0)
		return -1;
	record_join(r->topics, r->ntopics, "\n", topics, sizeof topics);
	record_join(r->decisions, r->ndecisions, "\n", decisions, sizeof decisions);
	st = db_insert_begin(db, STMT_RECORD_UPSERT, uuid, &own, err, errlen);
	if (!st)
		return -1;
	db_bind_id(st, ":meeting_id", r->meeting_id);
	db_bind_id(st, ":host_id", r->host_id);
	db_bind_text(st, ":host", r->host);
	db_bind_id(st, ":recorder_id", r->recorder_id);
	db_bind_text(st, ":recorder", r->recorder);
	db_bind_text(st, ":topics", topics);
	db_bind_text(st, ":content", r->content);
	db_bind_text(st, ":decisions", decisions);
	if (r->voted) {
		db_bind_int(st, ":votes_for", r->votes_for);
		db_bind_int(st, ":votes_against", r->votes_against);
		db_bind_int(st, ":votes_abstain", r->votes_abstain);
	} else {
		db_bind_text(st, ":votes_for", NULL);
		db_bind_text(st, ":votes_against", NULL);
		db_bind_text(st, ":votes_abstain", NULL);
	}
	db_bind_text(st, ":recorded_by", actor);
	db_bind_time(st, ":now", now);
	if (db_exec_stmt(db, st, err, errlen) < 0)
		goto out;
	record_join(r->topics, r->ntopics, "；", joined, MEETING_TEXT * 2);
	st = db_stmt(db, STMT_RECORD_MEETING_SET);
	db_bind_text(st, ":host", r->host);
	db_bind_text(st, ":recorder", r->recorder);
	db_bind_text(st, ":topic", joined);
	db_bind_time(st, ":now", now);
	db_bind_id(st, ":id", r->meeting_id);
	if (db_exec_stmt(db, st, err, errlen) < 0)
		goto out;
	snprintf(detail, sizeof detail, "%s", r->topics[0]);
	if (db_audit(db, actor, had == 0 ? "修改会议纪实" : "填写会议纪实",
		     had == 0 ? old.uuid : uuid, detail, err, errlen) < 0)
		goto out;
	snprintf(r->uuid, sizeof r->uuid, "%s", had == 0 ? old.uuid : uuid);
	snprintf(r->recorded_by, sizeof r->recorded_by, "%s", actor);
	clock_format(now, r->updated_at);
	rc = 0;
out:
	return db_tx_end(db, own, rc, err, errlen);
}

int record_get(struct db *db, int64_t meeting_id, struct meeting_record *r, char *err,
	       size_t errlen)
{
	sqlite3_stmt *st = db_stmt(db, STMT_RECORD_GET);
	char *text = NULL;
	int rc;

	record_init(r, meeting_id);
	db_bind_id(st, ":meeting_id", meeting_id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		db_column_text(st, 0, r->uuid, sizeof r->uuid);
		r->host_id = sqlite3_column_int64(st, 1);
		db_column_text(st, 2, r->host, sizeof r->host);
		r->recorder_id = sqlite3_column_int64(st, 3);
		db_column_text(st, 4, r->recorder, sizeof r->recorder);
		text = strdup((const char *)sqlite3_column_text(st, 5));
		if (text)
			split_items(text, r->topics, &r->ntopics);
		free(text);
		db_column_text(st, 6, r->content, sizeof r->content);
		text = strdup((const char *)sqlite3_column_text(st, 7));
		if (text)
			split_items(text, r->decisions, &r->ndecisions);
		free(text);
		r->voted = sqlite3_column_int(st, 8);
		r->votes_for = sqlite3_column_int(st, 9);
		r->votes_against = sqlite3_column_int(st, 10);
		r->votes_abstain = sqlite3_column_int(st, 11);
		db_column_text(st, 12, r->recorded_by, sizeof r->recorded_by);
		db_column_text(st, 13, r->updated_at, sizeof r->updated_at);
	}
	sqlite3_reset(st);
	if (rc == SQLITE_ROW)
		return 0;
	if (rc == SQLITE_DONE)
		return 1;
	db_error(db, "读取会议纪实", err, errlen);
	return -1;
}

bool record_complete(const struct meeting *m, const struct meeting_record *r)
{
	if (!r->uuid[0] || !r->host[0] || !r->recorder[0] || r->ntopics == 0)
		return false;
	if (!r->content[0] && r->ndecisions == 0)
		return false;
	return m->vote == VOTE_NONE || r->voted;
}

bool record_passed(const struct meeting_counts *c, const struct meeting_record *r)
{
	return r->voted && r->votes_for > c->quorum.voters_expected / 2;
}

void record_quorum_statement(const struct meeting *m, const struct meeting_counts *c, char *out,
			     size_t size)
{
	struct quorum q;
	size_t len;

	if (m->kind == MK_VOLUNTEER) {
		snprintf(out, size, "参加 %d 人", c->present + c->guests);
		return;
	}
	len = (size_t)snprintf(out, size, "应到 %d 人，有表决权 %d 人，实到 %d 人", c->expected,
			       c->expected_voters, c->present);
	if (len < size && c->present_probationary > 0)
		len += (size_t)snprintf(out + len, size - len, "（其中预备党员 %d 人）",
					c->present_probationary);
	if (len < size && c->on_leave > 0)
		len += (size_t)snprintf(out + len, size - len, "，请假 %d 人", c->on_leave);
	if (len >= size)
		return;
	/* An election needs four fifths; any other meeting is valid with more than half. */
	if (m->vote == VOTE_ELECTION) {
		q = c->quorum;
		snprintf(out + len, size - len, "，%s", q.met ? "超过五分之四，会议有效，可以选举"
							      : "未超过五分之四，不能进行选举");
	} else {
		quorum_evaluate(VOTE_MAJORITY, c->expected_voters, c->present_full, &q);
		if (m->vote == VOTE_MAJORITY)
			snprintf(out + len, size - len, "，%s",
				 q.met ? "超过半数，会议有效" : "未超过半数，不能表决");
		else
			snprintf(out + len, size - len, "，%s", q.met ? "超过半数，会议有效" : "未超过半数");
	}
}

void record_votes_text(const struct meeting_counts *c, const struct meeting_record *r,
		       char *out, size_t size)
{
	if (!r->voted) {
		out[0] = '\0';
		return;
	}
	snprintf(out, size, "赞成 %d 票，反对 %d 票，弃权 %d 票，%s", r->votes_for, r->votes_against,
		 r->votes_abstain, record_passed(c, r) ? "通过" : "未通过");
}

int record_paper_checkin(struct db *db, int64_t meeting_id, const int64_t *member_ids, int n,
			 const char *entered_by, time_t now, int *added, int *already, char *err,
			 size_t errlen)
{
	struct meeting m;
	struct checkin in;
	char detail[128];
	bool own;
	int i, rc = -1;

	*added = *already = 0;
	if (!entered_by || !entered_by[0]) {
		snprintf(err, errlen, "请写明由谁补录");
		return -1;
	}
	if (meetings_get(db, meeting_id, &m, err, errlen) < 0)
		return -1;
	if (m.start > now) {
		snprintf(err, errlen, "“%s”还没有开始，不能补录签到", m.title);
		return -1;
	}
	if (db_tx_begin(db, &own, err, errlen) < 0)
		return -1;
	for (i = 0; i < n; i++) {
		sqlite3_stmt *st;
		if (attendance_checkin(db, meeting_id, member_ids[i], METHOD_PAPER, now, &in, err,
				       errlen) < 0)
			goto out;
		if (in.already) {
			(*already)++;
			continue;
		}
		st = db_stmt(db, STMT_ATTENDANCE_PAPER);
		db_bind_time(st, ":checked_at", m.start);
		db_bind_text(st, ":entered_by", entered_by);
		db_bind_id(st, ":meeting_id", meeting_id);
		db_bind_id(st, ":member_id", member_ids[i]);
		if (db_exec_stmt(db, st, err, errlen) < 0)
			goto out;
		(*added)++;
	}
	snprintf(detail, sizeof detail, "%s：补录 %d 人", m.title, *added);
	if (db_audit(db, entered_by, "纸质签到补录", m.uuid, detail, err, errlen) < 0)
		goto out;
	rc = 0;
out:
	if (rc < 0)
		*added = *already = 0;
	return db_tx_end(db, own, rc, err, errlen);
}
