/* 政治生日 (milestones.h). */
#include "core/party/milestones.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/store/db.h"

static bool leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

/* "YYYY-MM-DD" or "YYYY-MM" into its parts (day 0 when absent); false when neither. */
static bool parse(const char *s, int *y, int *m, int *d)
{
	char tail;

	*d = 0;
	if (!s || sscanf(s, "%4d-%2d-%2d%c", y, m, d, &tail) == 3)
		return s && *m >= 1 && *m <= 12 && *d >= 1 && *d <= 31;
	*d = 0;
	return sscanf(s, "%4d-%2d%c", y, m, &tail) == 2 && *m >= 1 && *m <= 12;
}

int milestone_years_today(const char *joined, time_t now)
{
	struct tm tm;
	int y, m, d;

	if (!parse(joined, &y, &m, &d) || d == 0)
		return 0;
	localtime_r(&now, &tm);
	if (m == 2 && d == 29 && !leap(tm.tm_year + 1900))
		d = 28;
	if (tm.tm_mon + 1 != m || tm.tm_mday != d || tm.tm_year + 1900 <= y)
		return 0;
	return tm.tm_year + 1900 - y;
}

int milestones_month(struct db *db, time_t now, struct milestone *out, int max, char *err,
		     size_t errlen)
{
	sqlite3_stmt *st = db_stmt(db, STMT_MILESTONES_MONTH);
	struct tm tm;
	char month[4], year[8], joined[32];
	int n = 0, rc;

	localtime_r(&now, &tm);
	snprintf(month, sizeof month, "%02d", tm.tm_mon + 1);
	snprintf(year, sizeof year, "%04d", tm.tm_year + 1900);
	db_bind_text(st, ":month", month);
	db_bind_text(st, ":year", year);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW && n < max) {
		struct milestone *ms = &out[n];
		int y;
		memset(ms, 0, sizeof *ms);
		ms->member_id = sqlite3_column_int64(st, 0);
		db_column_text(st, 1, ms->name, sizeof ms->name);
		db_column_text(st, 2, joined, sizeof joined);
		if (!parse(joined, &y, &ms->month, &ms->day))
			continue;
		ms->years = tm.tm_year + 1900 - y;
		n++;
	}
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
		db_error(db, "读取政治生日", err, errlen);
		return -1;
	}
	return n;
}
