/* The materials import on a thread of its own, with its own database connection, so the screen
 * can draw a progress bar and stay responsive: progress and the problem lines are kept under a
 * lock for the screen to poll, and the caller's callbacks are called as well (to wake it). */
#include "core/materials/materials.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/store/db.h"

#define JOB_MAX_PROBLEMS 1000

struct materials_job {
	pthread_t thread;
	pthread_mutex_t lock;
	char db_path[512];
	char **paths;
	int npaths;
	struct import_options o;      /* with the job's own callbacks */
	struct import_options caller; /* the caller's callbacks */
	atomic_bool cancel;
	struct materials_job_status status;
	char *problems[JOB_MAX_PROBLEMS];
	int nproblems;
};

static void job_progress(void *ctx, const struct import_progress *p)
{
	struct materials_job *j = ctx;

	pthread_mutex_lock(&j->lock);
	j->status.progress = *p;
	snprintf(j->status.file, sizeof j->status.file, "%s", p->file ? p->file : "");
	j->status.progress.file = NULL;
	pthread_mutex_unlock(&j->lock);
	if (j->caller.progress)
		j->caller.progress(j->caller.ctx, p);
}

static void job_problem(void *ctx, const char *line)
{
	struct materials_job *j = ctx;

	pthread_mutex_lock(&j->lock);
	if (j->nproblems < JOB_MAX_PROBLEMS && (j->problems[j->nproblems] = strdup(line)) != NULL)
		j->status.problems = ++j->nproblems;
	pthread_mutex_unlock(&j->lock);
	if (j->caller.problem)
		j->caller.problem(j->caller.ctx, line);
}

static void job_imported(void *ctx, const struct material *m, bool duplicate)
{
	struct materials_job *j = ctx;

	if (j->caller.imported)
		j->caller.imported(j->caller.ctx, m, duplicate);
}

static void *job_run(void *arg)
{
	struct materials_job *j = arg;
	struct import_result res;
	char err[512] = "";
	struct db *db = db_open(j->db_path, 0, err, sizeof err);
	int rc = -1;

	memset(&res, 0, sizeof res);
	if (db) {
		rc = materials_import(db, (const char *const *)j->paths, j->npaths, &j->o, &res, err,
				      sizeof err);
		db_close(db);
	}
	pthread_mutex_lock(&j->lock);
	j->status.rc = rc;
	j->status.result = res;
	snprintf(j->status.err, sizeof j->status.err, "%s", err);
	j->status.finished = true;
	pthread_mutex_unlock(&j->lock);
	/* A last call, so a screen waiting on progress wakes to see the end. */
	if (j->caller.progress) {
		struct import_progress p = { res.found, res.found, 0, 0, "" };
		j->caller.progress(j->caller.ctx, &p);
	}
	return NULL;
}

struct materials_job *materials_job_start(const char *db_path, const char *const *paths,
					  int npaths, const struct import_options *o, char *err,
					  size_t errlen)
{
	struct materials_job *j = calloc(1, sizeof *j);
	int i;

	if (!j || !(j->paths = calloc((size_t)(npaths > 0 ? npaths : 1), sizeof *j->paths)))
		goto nomem;
	for (i = 0; i < npaths; i++)
		if (!(j->paths[j->npaths++] = strdup(paths[i])))
			goto nomem;
	snprintf(j->db_path, sizeof j->db_path, "%s", db_path);
	pthread_mutex_init(&j->lock, NULL);
	j->caller = *o;
	j->o = *o;
	j->o.progress = job_progress;
	j->o.problem = job_problem;
	j->o.imported = job_imported;
	j->o.ctx = j;
	atomic_init(&j->cancel, false);
	j->o.cancel = &j->cancel;
	if (pthread_create(&j->thread, NULL, job_run, j) != 0) {
		snprintf(err, errlen, "无法开始导入（系统资源不足）");
		pthread_mutex_destroy(&j->lock);
		goto fail;
	}
	return j;
nomem:
	snprintf(err, errlen, "内存不足，无法开始导入");
fail:
	if (j) {
		for (i = 0; i < j->npaths; i++)
			free(j->paths[i]);
		free(j->paths);
		free(j);
	}
	return NULL;
}

void materials_job_status(struct materials_job *j, struct materials_job_status *out)
{
	pthread_mutex_lock(&j->lock);
	*out = j->status;
	pthread_mutex_unlock(&j->lock);
}

int materials_job_problem(struct materials_job *j, int i, char *out, size_t size)
{
	int rc = -1;

	pthread_mutex_lock(&j->lock);
	if (i >= 0 && i < j->nproblems) {
		snprintf(out, size, "%s", j->problems[i]);
		rc = 0;
	}
	pthread_mutex_unlock(&j->lock);
	return rc;
}

void materials_job_cancel(struct materials_job *j)
{
	atomic_store(&j->cancel, true);
}

void materials_job_free(struct materials_job *j)
{
	int i;

	if (!j)
		return;
	pthread_join(j->thread, NULL);
	pthread_mutex_destroy(&j->lock);
	for (i = 0; i < j->nproblems; i++)
		free(j->problems[i]);
	for (i = 0; i < j->npaths; i++)
		free(j->paths[i]);
	free(j->paths);
	free(j);
}
