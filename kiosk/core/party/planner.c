/* The quarter planner: rules to dates, dates to meetings per branch or group, each checked
 * against what is already there (see planner.h for what counts as the same meeting), all
 * written in one transaction so a quarter is planned whole or not at all. */
#include "core/party/planner.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/base/clock.h"
#include "core/store/db.h"
#include "core/party/members.h"

static const struct plan_rule defaults[PLAN_RULES] = {
	{ "assembly", MK_ASSEMBLY, PLAN_QUARTERLY, 3, 25, 9, 0, 120, PLAN_BRANCH, true, "社区党员活动室" },
	{ "committee", MK_COMMITTEE, PLAN_MONTHLY, 1, 5, 14, 0, 60, PLAN_BRANCH, true, "社区党员活动室" },
	{ "group", MK_GROUP, PLAN_MONTHLY, 1, 20, 15, 0, 60, PLAN_GROUP, false, "党员中心户家中" },
	{ "lecture", MK_LECTURE, PLAN_QUARTERLY, 2, 28, 9, 0, 90, PLAN_COMMUNITY, false, "社区党员活动室" },
	{ "theme_day", MK_THEME_DAY, PLAN_MONTHLY, 1, 15, 9, 0, 120, PLAN_COMMUNITY, false,
	  "社区党员活动室" },
};

static const char *const quarter_names[] = { "", "一", "二", "三", "四" };

int planner_parse_rule(const char *text, struct plan_rule *rule, char *err, size_t errlen)
{
	struct plan_rule r = *rule;
	const char *p = text;

	while (*p) {
		char word[MEETING_TEXT + 16], *eq;
		size_t n;
		long v;

		p += strspn(p, " \t");
		n = strcspn(p, " \t");
		if (n == 0)
			break;
		if (n >= sizeof word) {
			snprintf(err, errlen, "规则“%s”太长", text);
			return -1;
		}
		memcpy(word, p, n);
		word[n] = '\0';
		p += n;
		eq = strchr(word, '=');
		if (!eq) {
			if (strcmp(word, "off") == 0)
				r.every = PLAN_OFF;
			else if (strcmp(word, "monthly") == 0)
				r.every = PLAN_MONTHLY;
			else if (strcmp(word, "quarterly") == 0)
				r.every = PLAN_QUARTERLY;
			else
				goto bad;
			continue;
		}
		*eq++ = '\0';
		v = strtol(eq, NULL, 10);
		if (strcmp(word, "month") == 0 && v >= 1 && v <= 3) {
			r.month = (int)v;
		} else if (strcmp(word, "day") == 0 && v >= 1 && v <= 31) {
			r.day = (int)v;
		} else if (strcmp(word, "minutes") == 0 && v >= 15 && v <= 720) {
			r.minutes = (int)v;
		} else if (strcmp(word, "at") == 0) {
			int h, m;
			char tail;
			if (sscanf(eq, "%d:%d%c", &h, &m, &tail) != 2 || h < 0 || h > 23 || m < 0 || m > 59)
				goto bad;
			r.hour = h;
			r.minute = m;
		} else if (strcmp(word, "scope") == 0) {
			if (strcmp(eq, "all") == 0)
				r.scope = PLAN_COMMUNITY;
			else if (strcmp(eq, "branch") == 0)
				r.scope = PLAN_BRANCH;
			else if (strcmp(eq, "group") == 0)
				r.scope = PLAN_GROUP;
			else
				goto bad;
		} else if (strcmp(word, "stagger") == 0 && (strcmp(eq, "yes") == 0 || strcmp(eq, "no") == 0)) {
			r.stagger = strcmp(eq, "yes") == 0;
		} else if (strcmp(word, "place") == 0 && *eq) {
			snprintf(r.place, sizeof r.place, "%s", eq);
		} else {
			goto bad;
		}
	}
	/* Who a kind of meeting is for is not a matter of taste. */
	if ((r.kind == MK_ASSEMBLY || r.kind == MK_COMMITTEE) && r.scope != PLAN_BRANCH) {
		snprintf(err, errlen, "%s只能按支部召开（scope=branch）", meeting_kind_name(r.kind));
		return -1;
	}
	if (r.kind == MK_GROUP && r.scope != PLAN_GROUP) {
		snprintf(err, errlen, "党小组会只能按党小组召开（scope=group）");
		return -1;
	}
	if (r.kind != MK_GROUP && r.scope == PLAN_GROUP) {
		snprintf(err, errlen, "%s不能按党小组召开", meeting_kind_name(r.kind));
		return -1;
	}
	*rule = r;
	return 0;
bad:
	snprintf(err, errlen, "规则“%s”看不懂；应写成如 \"monthly day=15 at=09:00 minutes=120\" 或 "
		 "\"quarterly month=3 day=25\" 或 \"off\"", text);
	return -1;
}

void planner_format_rule(const struct plan_rule *r, char *out, size_t size)
{
	static const char *const scopes[] = { "all", "branch", "group" };
	char month[16] = "";

	if (r->every == PLAN_OFF) {
		snprintf(out, size, "off");
		return;
	}
	if (r->every == PLAN_QUARTERLY)
		snprintf(month, sizeof month, " month=%d", r->month);
	snprintf(out, size, "%s%s day=%d at=%02d:%02d minutes=%d scope=%s stagger=%s place=%s",
		 r->every == PLAN_MONTHLY ? "monthly" : "quarterly", month, r->day, r->hour, r->minute,
		 r->minutes, scopes[r->scope], r->stagger ? "yes" : "no", r->place);
}

int planner_rules(struct db *db, struct plan_rule rules[PLAN_RULES], char *err, size_t errlen)
{
	char key[64], text[512], why[512];
	int i;

	for (i = 0; i < PLAN_RULES; i++) {
		rules[i] = defaults[i];
		snprintf(key, sizeof key, "plan.%s", defaults[i].key);
		if (db_setting_get(db, key, text, sizeof text) < 0)
			continue;
		if (planner_parse_rule(text, &rules[i], why, sizeof why) < 0) {
			snprintf(err, errlen, "设置 %s 不对：%s", key, why);
			return -1;
		}
	}
	return 0;
}

int planner_parse_quarter(const char *text, int *year, int *quarter, char *err, size_t errlen)
{
	int y, q;
	char sep[3] = "", tail;

	if ((sscanf(text, "%4d%1[Qq]%d%c", &y, sep, &q, &tail) == 3 ||
	     sscanf(text, "%4d-%1[Qq]%d%c", &y, sep, &q, &tail) == 3) &&
	    y >= 2000 && y <= 2100 && q >= 1 && q <= 4) {
		*year = y;
		*quarter = q;
		return 0;
	}
	snprintf(err, errlen, "季度“%s”应写成 2027Q1（年份加 Q1 到 Q4）", text);
	return -1;
}

static time_t local_time(int year, int month, int day, int hour, int minute)
{
	struct tm tm;

	memset(&tm, 0, sizeof tm);
	tm.tm_year = year - 1900;
	tm.tm_mon = month - 1;
	tm.tm_mday = day;
	tm.tm_hour = hour;
	tm.tm_min = minute;
	tm.tm_isdst = -1;
	return mktime(&tm);
}

static int days_in_month(int year, int month)
{
	static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;

	return month == 2 && leap ? 29 : days[month - 1];
}

struct unit_list {
	struct unit *u;
	int64_t *branch_ids; /* a group's branch */
	int n, cap;
};

static int collect_unit(void *ctx, const struct unit *u)
{
	struct unit_list *l = ctx;

	if (u->members == 0) /* a branch or group nobody is in any more holds no meetings */
		return 0;
	if (l->n == l->cap) {
		int cap = l->cap ? l->cap * 2 : 16;
		struct unit *p = realloc(l->u, (size_t)cap * sizeof *p);
		int64_t *b;
		if (!p)
			return 1;
		l->u = p;
		b = realloc(l->branch_ids, (size_t)cap * sizeof *b);
		if (!b)
			return 1;
		l->branch_ids = b;
		l->cap = cap;
	}
	l->branch_ids[l->n] = 0;
	l->u[l->n++] = *u;
	return 0;
}

struct planned {
	struct meeting m;
	int64_t branch_id, group_id;
	time_t from, to; /* the period in which one is enough */
};

struct plan_list {
	struct planned *p;
	int n, cap;
	bool nomem;
};

static void add_planned(struct plan_list *l, const struct planned *p)
{
	if (l->n == l->cap) {
		int cap = l->cap ? l->cap * 2 : 64;
		struct planned *q = realloc(l->p, (size_t)cap * sizeof *q);
		if (!q) {
			l->nomem = true;
			return;
		}
		l->p = q;
		l->cap = cap;
	}
	l->p[l->n++] = *p;
}

static int by_start(const void *a, const void *b)
{
	const struct planned *x = a, *y = b;

	if (x->m.start != y->m.start)
		return x->m.start < y->m.start ? -1 : 1;
	return strcmp(x->m.title, y->m.title);
}

static void title_for(const struct plan_rule *r, const char *unit, int month, int quarter,
		      char *out, size_t size)
{
	switch (r->kind) {
	case MK_ASSEMBLY:
		snprintf(out, size, "%s第%s季度党员大会", unit, quarter_names[quarter]);
		break;
	case MK_COMMITTEE:
		snprintf(out, size, "%s%d月支委会", unit, month);
		break;
	case MK_GROUP:
		snprintf(out, size, "%s%d月学习会", unit, month);
		break;
	case MK_LECTURE:
		snprintf(out, size, "%s第%s季度党课", unit, quarter_names[quarter]);
		break;
	default:
		snprintf(out, size, "%s%d月%s", unit, month, meeting_kind_name(r->kind));
		break;
	}
}

/* The meetings one rule asks for in the quarter. */
static void plan_rule(const struct plan_rule *r, int year, int quarter,
		      const struct unit_list *branches, const struct unit_list *groups,
		      struct plan_list *out)
{
	int first = (quarter - 1) * 3 + 1, k, i;

	for (k = 0; k < 3; k++) {
		int month = first + k, count;
		const struct unit_list *units = r->scope == PLAN_GROUP ? groups : branches;

		if (r->every == PLAN_OFF || (r->every == PLAN_QUARTERLY && k + 1 != r->month))
			continue;
		count = r->scope == PLAN_COMMUNITY ? 1 : units->n;
		for (i = 0; i < count; i++) {
			struct planned p;
			int day = r->day + (r->stagger && r->scope == PLAN_BRANCH ? i : 0);

			memset(&p, 0, sizeof p);
			meeting_init(&p.m);
			if (day > days_in_month(year, month))
				day = days_in_month(year, month);
			p.m.kind = r->kind;
			if (r->scope == PLAN_BRANCH) {
				snprintf(p.m.branch, sizeof p.m.branch, "%s", units->u[i].name);
				p.branch_id = units->u[i].id;
			} else if (r->scope == PLAN_GROUP) {
				snprintf(p.m.branch, sizeof p.m.branch, "%s", units->u[i].parent);
				snprintf(p.m.group, sizeof p.m.group, "%s", units->u[i].name);
				p.branch_id = units->branch_ids[i];
				p.group_id = units->u[i].id;
			}
			title_for(r, r->scope == PLAN_COMMUNITY ? "" : units->u[i].name, month, quarter,
				  p.m.title, sizeof p.m.title);
			snprintf(p.m.place, sizeof p.m.place, "%s", r->place);
			p.m.start = local_time(year, month, day, r->hour, r->minute);
			p.m.end = p.m.start + r->minutes * 60;
			if (r->every == PLAN_MONTHLY) {
				p.from = local_time(year, month, 1, 0, 0);
				p.to = local_time(year, month + 1, 1, 0, 0);
			} else {
				p.from = local_time(year, first, 1, 0, 0);
				p.to = local_time(year, first + 3, 1, 0, 0);
			}
			add_planned(out, &p);
		}
	}
}

/* 1 when the period already has such a meeting, 0 when not, -1 on error. */
static int already(struct db *db, const struct planned *p)
{
	sqlite3_stmt *st = db_stmt(db, STMT_MEETING_SAME_PERIOD);
	int rc, n = 0;

	db_bind_text(st, ":kind", meeting_kind_name(p->m.kind));
	db_bind_id(st, ":branch_id", p->branch_id);
	db_bind_id(st, ":group_id", p->group_id);
	db_bind_time(st, ":from", p->from);
	db_bind_time(st, ":to", p->to);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		n = sqlite3_column_int(st, 0);
	sqlite3_reset(st);
	return rc == SQLITE_ROW ? n > 0 : -1;
}

int planner_plan_quarter(struct db *db, int year, int quarter, bool dry_run, const char *actor,
			 plan_fn fn, void *ctx, struct plan_result *res, char *err, size_t errlen)
{
	struct plan_rule rules[PLAN_RULES];
	struct unit_list branches = { 0 }, groups = { 0 };
	struct plan_list list = { 0 };
	int i, rc = -1;
	bool own = false;

	memset(res, 0, sizeof *res);
	if (planner_rules(db, rules, err, errlen) < 0)
		return -1;
	if (members_each_unit(db, SCOPE_BRANCH, collect_unit, &branches, err, errlen) < 0 ||
	    members_each_unit(db, SCOPE_GROUP, collect_unit, &groups, err, errlen) < 0)
		goto out;
	for (i = 0; i < groups.n; i++)
		if (members_branch_id(db, groups.u[i].parent, false, &groups.branch_ids[i], err,
				      errlen) < 0)
			goto out;
	for (i = 0; i < PLAN_RULES; i++)
		plan_rule(&rules[i], year, quarter, &branches, &groups, &list);
	if (list.nomem) {
		snprintf(err, errlen, "内存不足，无法安排");
		goto out;
	}
	qsort(list.p, (size_t)list.n, sizeof *list.p, by_start);
	if (!dry_run && db_tx_begin(db, &own, err, errlen) < 0)
		goto out;
	for (i = 0; i < list.n; i++) {
		struct planned *p = &list.p[i];
		int there = already(db, p);

		if (there < 0) {
			db_error(db, "查找已有会议", err, errlen);
			goto end;
		}
		if (!there && !dry_run && meetings_add(db, &p->m, actor, err, errlen) < 0)
			goto end;
		if (there)
			res->existing++;
		else
			res->created++;
		if (fn)
			fn(ctx, &p->m, !there);
	}
	rc = 0;
end:
	if (!dry_run)
		rc = db_tx_end(db, own, rc, err, errlen);
out:
	free(branches.u);
	free(branches.branch_ids);
	free(groups.u);
	free(groups.branch_ids);
	free(list.p);
	return rc;
}
