/* One way to run work in the background (as Redis has bio.c): a function on a thread of its own,
 * with a SQLite connection of its own opened from the database's path (connections are never
 * shared between threads). What the function reports (a fraction done, a short Chinese status
 * line, problem lines) and how it ended (rc and a message) are kept under the job's lock; the
 * owner polls them, so nothing here wakes an event loop. A cancel flag is set by the owner and
 * checked by the function at points where stopping is safe.
 *
 * The exports (core/exchange/export_job.c), the materials import (core/materials/materials_job.c)
 * and the reader's page worker (screens/reader.c) run this way. */
#ifndef KIOSK_CORE_JOB_H
#define KIOSK_CORE_JOB_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>

struct db;
struct job;

#define JOB_STATUS 160       /* bytes of the status line */
#define JOB_MAX_PROBLEMS 1000

/* The work: 0 when done, -1 with err (a sentence a person can act on). db is the job's own
 * connection, or NULL when the job was started without a database path. */
typedef int (*job_fn)(struct job *job, struct db *db, void *arg, char *err, size_t errlen);

struct job_status {
	double fraction;           /* 0..1, as the function last said */
	char status[JOB_STATUS];   /* "已完成 3/7：签到表.xlsx"; "" before the first word */
	int problems;              /* lines job_problem_get can give */
	bool finished;             /* the function returned (set once, never cleared) */
	int rc;                    /* its return, once finished */
	char err[512];             /* its message, when rc < 0 */
	unsigned long changes;     /* grows with every report: a poller redraws when it moved */
};

/* Run fn(job, db, arg) on a new thread; db_path NULL for a job that needs no database. arg
 * belongs to the job from here on when free_arg is given (called by job_free, on the owner's
 * thread, after the function returned). NULL with err when no thread could be started (then
 * free_arg has already been called). */
struct job *job_start(const char *db_path, job_fn fn, void *arg, void (*free_arg)(void *arg),
		      char *err, size_t errlen);

/* ---- the function's side ---- */

/* Say how far the work is: fraction 0..1 and a status line (printf format, may be NULL). */
void job_progress(struct job *job, double fraction, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* Add a problem line (a file refused, and why); kept up to JOB_MAX_PROBLEMS. */
void job_problem(struct job *job, const char *line);
/* Has the owner asked the work to stop? */
bool job_cancelled(struct job *job);
/* The flag itself, for code that takes one (materials_import's o->cancel). */
atomic_bool *job_cancel_flag(struct job *job);

/* ---- the owner's side ---- */

void job_poll(struct job *job, struct job_status *out);
/* Problem line i (0-based) into out; -1 when there is no such line. */
int job_problem_get(struct job *job, int i, char *out, size_t size);
/* Ask the work to stop (it stops where it next checks); wakes a function asleep in job_wait. */
void job_cancel(struct job *job);
/* The argument given to job_start (read results here once job_poll says finished). */
void *job_arg(struct job *job);
/* Wait for the function to return, then free the job and its argument. NULL is allowed. */
void job_free(struct job *job);

/* ---- state shared beyond progress (the reader's pages) ---- */

/* The job's lock, for state in arg that both sides touch. */
void job_lock(struct job *job);
void job_unlock(struct job *job);
/* Called locked: sleep until job_wake, a report, the end or job_cancel, at most timeout_ms
 * (< 0: no limit). 0 when woken, -1 when the time ran out. Wake-ups may be spurious: loop on
 * what you wait for. */
int job_wait(struct job *job, int timeout_ms);
/* Called locked, after changing shared state: wake whoever waits in job_wait (either side). */
void job_wake(struct job *job);

#endif
