/* The export as a background job (core/base/job.h): export_to() on a thread and a database
 * connection of its own, reporting each file written as progress the screen polls. */
#include "core/exchange/export.h"

#include <stdio.h>
#include <stdlib.h>

#include "core/base/job.h"

struct export_job {
	char dir[PATH_MAX];
	char actor[128];
	struct export_options o;
	struct export_result res;
};

static void on_progress(void *ctx, const char *file, int done, int total)
{
	job_progress(ctx, total > 0 ? (double)done / total : 0, "已完成 %d/%d：%s", done, total, file);
}

static int run_export(struct job *job, struct db *db, void *arg, char *err, size_t errlen)
{
	struct export_job *ej = arg;

	ej->o.progress = on_progress;
	ej->o.ctx = job;
	return export_to(db, ej->dir, &ej->o, &ej->res, err, errlen);
}

struct job *export_job_start(const char *db_path, const char *dir, const struct export_options *o,
			     char *err, size_t errlen)
{
	struct export_job *ej = calloc(1, sizeof *ej);

	if (!ej) {
		snprintf(err, errlen, "内存不足，无法开始导出");
		return NULL;
	}
	snprintf(ej->dir, sizeof ej->dir, "%s", dir);
	snprintf(ej->actor, sizeof ej->actor, "%s", o->actor ? o->actor : "");
	ej->o = *o;
	ej->o.actor = ej->actor;
	return job_start(db_path, run_export, ej, free, err, errlen);
}

const struct export_result *export_job_result(struct job *job)
{
	return &((struct export_job *)job_arg(job))->res;
}
