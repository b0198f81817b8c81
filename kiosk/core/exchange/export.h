/* Exporting attendance for the office: one folder per export, holding 签到表.xlsx (a sheet per
 * meeting laid out as a 签到表, and a summary per member), attendance.csv, meetings.csv,
 * leaves.csv and members.csv (UTF-8 with BOM, a row per record with its UUID and this kiosk's
 * id, undone sign-ins included as such), the records and photos (records.csv, photos.csv, and
 * in 纪实/ each record's PDF and each photo), and manifest.json (counts and SHA-256 of each file).
 * The folder appears under its final name only once every file in it was read back and
 * checked; until then nothing on the stick and nothing in the database says it happened. */
#ifndef KIOSK_CORE_EXPORT_H
#define KIOSK_CORE_EXPORT_H

#include <limits.h>
#include <stdbool.h>
#include <stddef.h>
#include <time.h>

struct db;
struct job;

#define EXPORT_FORMAT 1

struct export_options {
	bool only_new;    /* what changed since the last export, else everything */
	time_t now;       /* the kiosk's clock */
	const char *actor;
	/* Called as each file is done, for a progress bar; may be NULL. */
	void (*progress)(void *ctx, const char *file, int done, int total);
	void *ctx;
};

struct export_result {
	char folder[PATH_MAX]; /* where the export is, when it succeeded */
	int meetings, attendance, leaves, members, records;
	int photos;         /* photo files carried */
	int photos_missing; /* live photos left out: their file on the kiosk was gone or damaged */
};

/* Export into a new folder inside dir (the stick's mount point). 0, or -1 with err saying
 * what happened to the stick and what to do; then the database is unchanged and no file or
 * folder is left under a final name. */
int export_to(struct db *db, const char *dir, const struct export_options *o,
	      struct export_result *res, char *err, size_t errlen);

/* The same as a background job (core/base/job.h) on its own connection to db_path, for the
 * screen to poll: progress "已完成 2/6：签到表.xlsx"; o's callback is the job's own. NULL with
 * err when it cannot start. */
struct job *export_job_start(const char *db_path, const char *dir, const struct export_options *o,
			     char *err, size_t errlen);
/* What was exported, once job_poll says finished with rc 0. */
const struct export_result *export_job_result(struct job *job);

#endif
