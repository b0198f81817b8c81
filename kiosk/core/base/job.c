/* Background jobs (job.h): one thread per job, one lock and one condition per job. The
 * condition is broadcast on every change either side makes, so a single job_wait serves the
 * owner waiting for a result and the function waiting for more work. */
#include "core/base/job.h"

#include <errno.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/store/db.h"

struct job {
	pthread_t thread;
	pthread_mutex_t lock;
	pthread_cond_t changed;
	char *db_path;
	job_fn fn;
	void *arg;
	void (*free_arg)(void *arg);
	atomic_bool cancel;
	/* Under lock. */
	struct job_status st;
	char **problems;
	int nproblems, cap;
};

static void changed_locked(struct job *job)
{
	job->st.changes++;
	pthread_cond_broadcast(&job->changed);
}

static void *job_main(void *p)
{
	struct job *job = p;
	char err[512] = "";
	struct db *db = NULL;
	int rc = -1;

	if (!job->db_path || (db = db_open(job->db_path, 0, err, sizeof err)) != NULL)
		rc = job->fn(job, db, job->arg, err, sizeof err);
	db_close(db);
	pthread_mutex_lock(&job->lock);
	job->st.finished = true;
	job->st.rc = rc;
	snprintf(job->st.err, sizeof job->st.err, "%s",
		 rc == 0 ? "" : err[0] ? err : "后台工作没有完成，原因不明，请再试一次");
	changed_locked(job);
	pthread_mutex_unlock(&job->lock);
	return NULL;
}

struct job *job_start(const char *db_path, job_fn fn, void *arg, void (*free_arg)(void *arg),
		      char *err, size_t errlen)
{
	struct job *job = calloc(1, sizeof *job);
	pthread_condattr_t ca;

	if (!job || (db_path && !(job->db_path = strdup(db_path)))) {
		snprintf(err, errlen, "内存不足，无法开始");
		goto fail;
	}
	job->fn = fn;
	job->arg = arg;
	job->free_arg = free_arg;
	atomic_init(&job->cancel, false);
	pthread_mutex_init(&job->lock, NULL);
	pthread_condattr_init(&ca);
	pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
	pthread_cond_init(&job->changed, &ca);
	pthread_condattr_destroy(&ca);
	if (pthread_create(&job->thread, NULL, job_main, job) != 0) {
		snprintf(err, errlen, "系统忙（无法开线程），请稍后再试");
		pthread_mutex_destroy(&job->lock);
		pthread_cond_destroy(&job->changed);
		goto fail;
	}
	return job;
fail:
	if (free_arg)
		free_arg(arg);
	if (job)
		free(job->db_path);
	free(job);
	return NULL;
}

void job_progress(struct job *job, double fraction, const char *fmt, ...)
{
	va_list ap;

	pthread_mutex_lock(&job->lock);
	job->st.fraction = fraction < 0 ? 0 : fraction > 1 ? 1 : fraction;
	if (fmt) {
		va_start(ap, fmt);
		vsnprintf(job->st.status, sizeof job->st.status, fmt, ap);
		va_end(ap);
	}
	changed_locked(job);
	pthread_mutex_unlock(&job->lock);
}

void job_problem(struct job *job, const char *line)
{
	pthread_mutex_lock(&job->lock);
	if (job->nproblems == job->cap && job->cap < JOB_MAX_PROBLEMS) {
		int cap = job->cap ? job->cap * 2 : 16;
		char **more = realloc(job->problems, (size_t)cap * sizeof *more);
		if (more) {
			job->problems = more;
			job->cap = cap < JOB_MAX_PROBLEMS ? cap : JOB_MAX_PROBLEMS;
		}
	}
	if (job->nproblems < job->cap && (job->problems[job->nproblems] = strdup(line)) != NULL)
		job->st.problems = ++job->nproblems;
	changed_locked(job);
	pthread_mutex_unlock(&job->lock);
}

bool job_cancelled(struct job *job)
{
	return atomic_load(&job->cancel);
}

atomic_bool *job_cancel_flag(struct job *job)
{
	return &job->cancel;
}

void job_poll(struct job *job, struct job_status *out)
{
	pthread_mutex_lock(&job->lock);
	*out = job->st;
	pthread_mutex_unlock(&job->lock);
}

int job_problem_get(struct job *job, int i, char *out, size_t size)
{
	int rc = -1;

	pthread_mutex_lock(&job->lock);
	if (i >= 0 && i < job->nproblems) {
		snprintf(out, size, "%s", job->problems[i]);
		rc = 0;
	}
	pthread_mutex_unlock(&job->lock);
	return rc;
}

void job_cancel(struct job *job)
{
	atomic_store(&job->cancel, true);
	/* Under the lock, so a function between its check and its job_wait cannot miss it. */
	pthread_mutex_lock(&job->lock);
	pthread_cond_broadcast(&job->changed);
	pthread_mutex_unlock(&job->lock);
}

void *job_arg(struct job *job)
{
	return job->arg;
}

void job_free(struct job *job)
{
	int i;

	if (!job)
		return;
	pthread_join(job->thread, NULL);
	pthread_mutex_destroy(&job->lock);
	pthread_cond_destroy(&job->changed);
	for (i = 0; i < job->nproblems; i++)
		free(job->problems[i]);
	free(job->problems);
	if (job->free_arg)
		job->free_arg(job->arg);
	free(job->db_path);
	free(job);
}

void job_lock(struct job *job)
{
	pthread_mutex_lock(&job->lock);
}

void job_unlock(struct job *job)
{
	pthread_mutex_unlock(&job->lock);
}

int job_wait(struct job *job, int timeout_ms)
{
	struct timespec until;

	if (timeout_ms < 0)
		return pthread_cond_wait(&job->changed, &job->lock) == 0 ? 0 : -1;
	clock_gettime(CLOCK_MONOTONIC, &until);
	until.tv_sec += timeout_ms / 1000;
	until.tv_nsec += (long)(timeout_ms % 1000) * 1000000L;
	if (until.tv_nsec >= 1000000000L) {
		until.tv_sec++;
		until.tv_nsec -= 1000000000L;
	}
	return pthread_cond_timedwait(&job->changed, &job->lock, &until) == ETIMEDOUT ? -1 : 0;
}

void job_wake(struct job *job)
{
	pthread_cond_broadcast(&job->changed);
}
