/* Statistics for staff, computed in SQL (db_sql.c) over the `expected` view, so they count
 * exactly as the 签到表 and the export do: 请假 stays in 应到, exclusions with approval do not. */
#include "core/party/stats.h"

#include <stdio.h>
#include <string.h>

#include "core/store/db.h"
#include "core/party/members.h"

static const struct {
	const char *name;
	int months;
} duties[DUTY_KINDS] = {
	[DUTY_ASSEMBLY] = { "支部党员大会", 3 }, [DUTY_COMMITTEE] = { "支委会", 1 },
	[DUTY_GROUP] = { "党小组会", 1 },        [DUTY_THEME_DAY] = { "主题党日", 1 },
	[DUTY_LECTURE] = { "党课", 3 },
};

const char *stats_duty_name(enum duty_kind k)
{
	return k < DUTY_KINDS ? duties[k].name : "";
}

int stats_duty_months(enum duty_kind k)
{
	return k < DUTY_KINDS ? duties[k].months : 3;
}

/* t with its month moved by delta and its day set to mday (1 = the first), at midnight. */
static time_t month_start(time_t t, int delta)
{
	struct tm tm;

	localtime_r(&t, &tm);
	tm.tm_mon += delta;
	tm.tm_mday = 1;
	tm.tm_hour = tm.tm_min = tm.tm_sec = 0;
	tm.tm_isdst = -1;
	return mktime(&tm);
}

void stats_quarter(time_t now, int back, time_t *from, time_t *to, char *label, size_t size)
{
	struct tm tm;
	int q;

	localtime_r(&now, &tm);
	*from = month_start(now, -(tm.tm_mon % 3) - 3 * back);
	*to = month_start(*from, 3);
	localtime_r(from, &tm);
	q = tm.tm_mon / 3 + 1;
	snprintf(label, size, "%d年第%d季度", tm.tm_year + 1900, q);
}

time_t stats_months_back(time_t now, int months)
{
	struct tm tm, check;
	time_t t;
	int want;

	localtime_r(&now, &tm);
	want = ((tm.tm_mon - months) % 12 + 12) % 12;
	tm.tm_mon -= months;
	tm.tm_isdst = -1;
	t = mktime(&tm);
	localtime_r(&t, &check);
	/* 31 August less six months is not 3 March: step back to the month's last day. */
	while (check.tm_mon != want) {
		t -= 86400;
		localtime_r(&t, &check);
	}
	return t;
}

static void add_rate(struct stats_rate *out, int *n, int max, const char *label, int expected,
		     int present)
{
	if (*n >= max)
		return;
	snprintf(out[*n].label, sizeof out[*n].label, "%s", label);
	out[*n].expected = expected;
	out[*n].present = present;
	(*n)++;
}

int stats_rates(struct db *db, enum stats_group by, time_t from, time_t to, time_t now,
		struct stats_rate *out, int max, char *err, size_t errlen)
{
	static const char *const categories[] = { "在职", "离退休", "流动", "下岗失业", "其他" };
	static const char *const bands[] = { "50岁以下", "50-59岁", "60岁及以上", "未登记" };
	static const enum stmt_id stmts[] = {
		[STATS_BY_BRANCH] = STMT_STATS_RATE_BRANCH, [STATS_BY_CATEGORY] = STMT_STATS_RATE_CATEGORY,
		[STATS_BY_AGE] = STMT_STATS_RATE_AGE,
	};
	sqlite3_stmt *st = db_stmt(db, stmts[by]);
	int counts[5][2] = { { 0 } }, n = 0, rc, i;
	char label[64];

	db_bind_time(st, ":from", from);
	db_bind_time(st, ":to", to);
	db_bind_time(st, ":now", now);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		int expected = sqlite3_column_int(st, 1), present = sqlite3_column_int(st, 2);
		if (by == STATS_BY_BRANCH) {
			db_column_text(st, 0, label, sizeof label);
			add_rate(out, &n, max, label, expected, present);
		} else if (by == STATS_BY_CATEGORY) {
			db_column_text(st, 0, label, sizeof label);
			for (i = 0; i < 4 && strcmp(label, categories[i]) != 0; i++)
				;
			counts[i][0] += expected;
			counts[i][1] += present;
		} else {
			i = sqlite3_column_int(st, 0);
			if (i < 0 || i > 3)
				i = 3;
			counts[i][0] += expected;
			counts[i][1] += present;
		}
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		db_error(db, "计算出勤率", err, errlen);
		return -1;
	}
	if (by == STATS_BY_CATEGORY)
		for (i = 0; i < 5; i++)
			if (i < 4 || counts[i][0])
				add_rate(out, &n, max, categories[i], counts[i][0], counts[i][1]);
	if (by == STATS_BY_AGE)
		for (i = 0; i < 4; i++)
			if (i < 3 || counts[i][0])
				add_rate(out, &n, max, bands[i], counts[i][0], counts[i][1]);
	return n;
}

enum duty_state stats_duty_state(const struct duty *d, bool quarter_over)
{
	if (d->held >= d->required)
		return DUTY_DONE;
	if (quarter_over)
		return DUTY_MISSED;
	return d->held < d->due ? DUTY_BEHIND : DUTY_ON_TRACK;
}

struct unit_list {
	struct branch_duties *out;
	int n, max;
};

static int collect_branch(void *ctx, const struct unit *u)
{
	struct unit_list *l = ctx;

	if (l->n < l->max) {
		memset(&l->out[l->n], 0, sizeof l->out[l->n]);
		l->out[l->n].branch_id = u->id;
		snprintf(l->out[l->n].branch, sizeof l->out[l->n].branch, "%s", u->name);
	}
	l->n++;
	return 0;
}

static int count_groups(struct db *db, int64_t branch_id)
{
	sqlite3_stmt *st = db_stmt(db, STMT_GROUP_LIST);
	int n = 0;

	db_bind_id(st, ":branch_id", branch_id);
	while (sqlite3_step(st) == SQLITE_ROW)
		if (sqlite3_column_int(st, 3) > 0)
			n++;
	sqlite3_reset(st);
	return n;
}

int stats_duties(struct db *db, time_t from, time_t to, time_t now, struct branch_duties *out,
		 int max, char *err, size_t errlen)
{
	struct unit_list l = { out, 0, max };
	int months_over, i, k, rc;

	if (members_each_unit(db, SCOPE_BRANCH, collect_branch, &l, err, errlen) < 0)
		return -1;
	if (l.n > max)
		l.n = max;
	/* Whole months of the quarter already over by now. */
	for (months_over = 0; months_over < 3 && month_start(from, months_over + 1) <= now; months_over++)
		;
	for (i = 0; i < l.n; i++) {
		struct branch_duties *b = &out[i];
		sqlite3_stmt *st;
		b->groups = count_groups(db, b->branch_id);
		for (k = 0; k < DUTY_KINDS; k++) {
			int per = k == DUTY_GROUP ? b->groups : 1, months = duties[k].months;
			b->d[k].required = per * (3 / months);
			b->d[k].due = per * (months_over / months);
		}
		st = db_stmt(db, STMT_STATS_HELD);
		db_bind_time(st, ":from", from);
		db_bind_time(st, ":to", to);
		db_bind_time(st, ":now", now);
		db_bind_id(st, ":branch_id", b->branch_id);
		while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
			char kind[64];
			db_column_text(st, 0, kind, sizeof kind);
			for (k = 0; k < DUTY_KINDS && strcmp(kind, duties[k].name) != 0; k++)
				;
			if (k == DUTY_KINDS)
				continue;
			if (k == DUTY_GROUP)
				b->d[k].held = sqlite3_column_int(st, 3);
			else if (duties[k].months == 1)
				b->d[k].held = sqlite3_column_int(st, 2);
			else
				b->d[k].held = sqlite3_column_int(st, 1);
		}
		sqlite3_reset(st);
		if (rc != SQLITE_DONE) {
			db_error(db, "统计三会一课", err, errlen);
			return -1;
		}
	}
	(void)to;
	return l.n;
}
