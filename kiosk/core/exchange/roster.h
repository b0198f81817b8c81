/* Importing a roster (党员名单) saved from Excel or WPS as CSV: the whole file is checked first,
 * and either every row is applied in one transaction or, when anything is wrong, nothing is and
 * every problem is reported with its line, column and field. */
#ifndef KIOSK_CORE_ROSTER_H
#define KIOSK_CORE_ROSTER_H

#include <stdbool.h>
#include <stddef.h>

struct db;

struct roster_result {
	int rows;      /* member rows read (blank lines not counted) */
	int added;
	int updated;
	int unchanged;
	char encoding[32];          /* what the file turned out to be: "GBK/GB18030" ... */
	char ignored_columns[512];  /* headers we do not know, '、'-separated, for the summary */
};

/* Called once per problem, with a line such as
 * "名单.csv:第 12 行第 4 列（出生日期）：“1956-13-01”不是有效日期，请写成 1956-03-05". */
typedef void (*roster_problem_fn)(void *ctx, const char *problem);

/* Import the roster in data[0..n) (the raw bytes of the file called label). Returns 0 when the
 * roster was applied (or, with dry_run, would be), -1 when it was refused; then problem() was
 * called for each problem and the database is unchanged. */
int roster_import(struct db *db, const char *label, const char *data, size_t n,
		  const char *actor, bool dry_run, struct roster_result *res,
		  roster_problem_fn problem, void *ctx);

/* The most problems reported for one file; beyond it, one line says how many more there were. */
#define ROSTER_MAX_PROBLEMS 50

#endif
