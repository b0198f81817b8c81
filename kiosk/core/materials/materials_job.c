/* The materials import as a background job (core/base/job.h): its own thread and database
 * connection, so the screen can draw a progress bar and stay responsive while files are
 * checked, copied and rendered. The import's callbacks report to the job, which the screen
 * polls. */
#include "core/materials/materials.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/base/job.h"

struct import_job {
	char **paths;
	int npaths;
	char actor[128]; /* a copy: the caller's may change while the job runs */
	struct import_options o;
	struct import_result res;
};

static void free_import(void *arg)
{
	struct import_job *ij = arg;
	int i;

	if (!ij)
		return;
	for (i = 0; i < ij->npaths; i++)
		free(ij->paths[i]);
	free(ij->paths);
	free(ij);
}

static void on_progress(void *ctx, const struct import_progress *p)
{
	int total = p->files_total > 0 ? p->files_total : 1;

	job_progress(ctx, (double)p->files_done / total, "已完成 %d/%d：%s", p->files_done,
		     p->files_total, p->file ? p->file : "");
}

static void on_problem(void *ctx, const char *line)
{
	job_problem(ctx, line);
}

static int run_import(struct job *job, struct db *db, void *arg, char *err, size_t errlen)
{
	struct import_job *ij = arg;

	ij->o.progress = on_progress;
	ij->o.problem = on_problem;
	ij->o.imported = NULL;
	ij->o.ctx = job;
	ij->o.cancel = job_cancel_flag(job);
	return materials_import(db, (const char *const *)ij->paths, ij->npaths, &ij->o, &ij->res, err,
				errlen);
}

struct job *materials_job_start(const char *db_path, const char *const *paths, int npaths,
				const struct import_options *o, char *err, size_t errlen)
{
	struct import_job *ij = calloc(1, sizeof *ij);
	int i;

	if (!ij || !(ij->paths = calloc((size_t)(npaths > 0 ? npaths : 1), sizeof *ij->paths)))
		goto nomem;
	for (i = 0; i < npaths; i++)
		if (!(ij->paths[ij->npaths++] = strdup(paths[i])))
			goto nomem;
	ij->o = *o;
	snprintf(ij->actor, sizeof ij->actor, "%s", o->actor ? o->actor : "");
	ij->o.actor = ij->actor;
	return job_start(db_path, run_import, ij, free_import, err, errlen);
nomem:
	free_import(ij);
	snprintf(err, errlen, "内存不足，无法开始导入");
	return NULL;
}

const struct import_result *materials_job_result(struct job *job)
{
	return &((struct import_job *)job_arg(job))->res;
}
