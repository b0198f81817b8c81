/* The background-job facility (core/base/job.c): what the function reports reaches the poller,
 * a cancel is honoured, an error message is carried, finished is set once, the job has its own
 * database connection, and everything it holds is freed (run under ASan). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <unistd.h>

#include "core/base/job.h"
#include "testdb.h"

/* What a test's function and its owner share, under the job's lock. */
struct shared {
	bool go;      /* the owner lets the function finish */
	int frees;    /* free_arg calls */
	bool had_db;
	char kiosk_id[64];
};

static void count_free(void *arg)
{
	((struct shared *)arg)->frees++;
}

static void wait_go(struct job *job, struct shared *sh)
{
	job_lock(job);
	while (!sh->go)
		job_wait(job, -1);
	job_unlock(job);
}

static void let_go(struct job *job, struct shared *sh)
{
	job_lock(job);
	sh->go = true;
	job_wake(job);
	job_unlock(job);
}

static void poll_until_finished(struct job *job, struct job_status *st)
{
	int guard;

	for (guard = 0; guard < 5000; guard++) {
		job_poll(job, st);
		if (st->finished)
			return;
		usleep(1000);
	}
	fail_msg("the job did not finish in 5 s");
}

static int halfway_then_wait(struct job *job, struct db *db, void *arg, char *err, size_t errlen)
{
	(void)db, (void)err, (void)errlen;
	job_progress(job, 0.5, "已完成 %d/%d：%s", 1, 2, "签到表.xlsx");
	job_problem(job, "坏文件.pdf：打不开");
	wait_go(job, arg);
	job_progress(job, 1.0, NULL);
	return 0;
}

static void test_progress_reaches_the_poller(void **state)
{
	struct shared sh = { 0 };
	struct job_status st;
	char err[256], line[64];
	struct job *job = job_start(NULL, halfway_then_wait, &sh, count_free, err, sizeof err);
	int guard;

	(void)state;
	assert_non_null(job);
	for (guard = 0; guard < 5000; guard++) {
		job_poll(job, &st);
		if (st.problems == 1)
			break;
		usleep(1000);
	}
	/* Seen while the function still runs: halfway, its line, its problem. */
	assert_false(st.finished);
	assert_true(st.fraction > 0.49 && st.fraction < 0.51);
	assert_string_equal(st.status, "已完成 1/2：签到表.xlsx");
	assert_int_equal(job_problem_get(job, 0, line, sizeof line), 0);
	assert_string_equal(line, "坏文件.pdf：打不开");
	assert_int_equal(job_problem_get(job, 1, line, sizeof line), -1);
	let_go(job, &sh);
	poll_until_finished(job, &st);
	assert_int_equal(st.rc, 0);
	assert_string_equal(st.err, "");
	assert_true(st.fraction > 0.99);
	assert_string_equal(st.status, "已完成 1/2：签到表.xlsx"); /* NULL keeps the line */
	assert_int_equal(sh.frees, 0);
	job_free(job);
	assert_int_equal(sh.frees, 1);
}

static int until_cancelled(struct job *job, struct db *db, void *arg, char *err, size_t errlen)
{
	(void)db, (void)arg;
	job_lock(job);
	while (!job_cancelled(job))
		job_wait(job, -1);
	job_unlock(job);
	snprintf(err, errlen, "已取消");
	return -1;
}

static void test_cancel_is_honoured(void **state)
{
	struct job_status st;
	char err[256];
	struct job *job = job_start(NULL, until_cancelled, NULL, NULL, err, sizeof err);

	(void)state;
	assert_non_null(job);
	usleep(20000);
	job_poll(job, &st);
	assert_false(st.finished); /* it waits for the cancel, asleep */
	job_cancel(job);
	poll_until_finished(job, &st);
	assert_int_equal(st.rc, -1);
	assert_string_equal(st.err, "已取消");
	job_free(job);
}

static int fails(struct job *job, struct db *db, void *arg, char *err, size_t errlen)
{
	(void)job, (void)db;
	if (arg)
		snprintf(err, errlen, "%s", (const char *)arg);
	return -1;
}

static void test_an_error_message_is_carried(void **state)
{
	struct job_status st;
	char err[256];
	struct job *job = job_start(NULL, fails, (void *)"U 盘被拔出了，请重新插好再试", NULL, err,
				    sizeof err);

	(void)state;
	assert_non_null(job);
	poll_until_finished(job, &st);
	assert_int_equal(st.rc, -1);
	assert_string_equal(st.err, "U 盘被拔出了，请重新插好再试");
	job_free(job);
	/* A function that fails without a word still leaves one a person can read. */
	job = job_start(NULL, fails, NULL, NULL, err, sizeof err);
	poll_until_finished(job, &st);
	assert_int_equal(st.rc, -1);
	assert_true(strlen(st.err) > 0);
	job_free(job);
}

static int quick(struct job *job, struct db *db, void *arg, char *err, size_t errlen)
{
	(void)db, (void)arg, (void)err, (void)errlen;
	job_progress(job, 1, "好了");
	return 0;
}

static void test_finished_is_set_once(void **state)
{
	struct job_status st, again;
	char err[256];
	struct job *job = job_start(NULL, quick, NULL, NULL, err, sizeof err);
	int i;

	(void)state;
	poll_until_finished(job, &st);
	/* One report and the end: two changes, and nothing moves afterwards. */
	assert_int_equal(st.changes, 2);
	for (i = 0; i < 20; i++) {
		usleep(500);
		job_poll(job, &again);
		assert_true(again.finished);
		assert_int_equal(again.rc, 0);
		assert_int_equal(again.changes, st.changes);
	}
	job_free(job);
}

static int reads_the_database(struct job *job, struct db *db, void *arg, char *err, size_t errlen)
{
	struct shared *sh = arg;

	(void)job, (void)err, (void)errlen;
	sh->had_db = db != NULL;
	return db ? db_setting_get(db, "kiosk_id", sh->kiosk_id, sizeof sh->kiosk_id) : -1;
}

static void test_the_job_has_its_own_connection(void **state)
{
	struct testdb *t = testdb_new();
	struct shared sh = { 0 };
	struct job_status st;
	char err[256], bad[200];
	struct job *job = job_start(t->path, reads_the_database, &sh, NULL, err, sizeof err);

	(void)state;
	assert_non_null(job);
	poll_until_finished(job, &st);
	assert_int_equal(st.rc, 0);
	assert_true(sh.had_db);
	assert_string_equal(sh.kiosk_id, "test-kiosk");
	job_free(job);
	/* A database that cannot be opened: the function never runs, the reason is carried. */
	memset(&sh, 0, sizeof sh);
	snprintf(bad, sizeof bad, "%s/no/such/folder/x.db", t->dir);
	job = job_start(bad, reads_the_database, &sh, count_free, err, sizeof err);
	poll_until_finished(job, &st);
	assert_int_equal(st.rc, -1);
	assert_false(sh.had_db);
	assert_true(strlen(st.err) > 0);
	job_free(job);
	assert_int_equal(sh.frees, 1);
	testdb_free(t);
}

static int many_problems(struct job *job, struct db *db, void *arg, char *err, size_t errlen)
{
	char line[32];
	int i;

	(void)db, (void)arg, (void)err, (void)errlen;
	for (i = 0; i < JOB_MAX_PROBLEMS + 50; i++) {
		snprintf(line, sizeof line, "问题 %d", i);
		job_problem(job, line);
	}
	return 0;
}

static void test_problems_are_kept_up_to_the_limit(void **state)
{
	struct job_status st;
	char err[256], line[32];
	struct job *job = job_start(NULL, many_problems, NULL, NULL, err, sizeof err);

	(void)state;
	poll_until_finished(job, &st);
	assert_int_equal(st.problems, JOB_MAX_PROBLEMS);
	assert_int_equal(job_problem_get(job, JOB_MAX_PROBLEMS - 1, line, sizeof line), 0);
	assert_string_equal(line, "问题 999");
	assert_int_equal(job_problem_get(job, JOB_MAX_PROBLEMS, line, sizeof line), -1);
	job_free(job);
}

static void test_timed_wait_runs_out(void **state)
{
	struct shared sh = { 0 };
	char err[256];
	struct job *job = job_start(NULL, halfway_then_wait, &sh, NULL, err, sizeof err);
	struct job_status st;
	int64_t t0;

	(void)state;
	do { /* its reports are in; then nobody wakes us */
		usleep(1000);
		job_poll(job, &st);
	} while (st.problems < 1);
	job_lock(job);
	t0 = clock_real_ms();
	assert_int_equal(job_wait(job, 30), -1);
	assert_true(clock_real_ms() - t0 >= 25);
	job_unlock(job);
	let_go(job, &sh);
	job_free(job);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_progress_reaches_the_poller),
		cmocka_unit_test(test_cancel_is_honoured),
		cmocka_unit_test(test_an_error_message_is_carried),
		cmocka_unit_test(test_finished_is_set_once),
		cmocka_unit_test(test_the_job_has_its_own_connection),
		cmocka_unit_test(test_problems_are_kept_up_to_the_limit),
		cmocka_unit_test(test_timed_wait_runs_out),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
