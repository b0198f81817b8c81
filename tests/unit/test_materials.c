/* Importing study materials through the core, the import on its own thread, removing and
 * bringing back, what members see on a date, and 学习打卡. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <pthread.h>
#include <stdatomic.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "core/base/clock.h"
#include "core/party/demo_materials.h"
#include "core/formats/imageinfo.h"
#include "core/base/job.h"
#include "core/materials/materials.h"
#include "core/party/study.h"
#include "testdb.h"

struct log {
	int problems, imported, duplicates;
	atomic_int progress_calls;
	char last_problem[1024];
	pthread_t thread;
	bool other_thread;
};

static void on_problem(void *ctx, const char *line)
{
	struct log *l = ctx;

	l->problems++;
	snprintf(l->last_problem, sizeof l->last_problem, "%s", line);
}

static void on_imported(void *ctx, const struct material *m, bool duplicate)
{
	struct log *l = ctx;

	(void)m;
	if (duplicate)
		l->duplicates++;
	else
		l->imported++;
}

static void on_progress(void *ctx, const struct import_progress *p)
{
	struct log *l = ctx;

	(void)p;
	atomic_fetch_add(&l->progress_calls, 1);
	if (!pthread_equal(pthread_self(), l->thread))
		l->other_thread = true;
}

static void options(struct import_options *o, struct log *l, const char *now)
{
	memset(o, 0, sizeof *o);
	memset(l, 0, sizeof *l);
	l->thread = pthread_self();
	o->actor = "test";
	clock_parse(now, &o->now);
	o->page_width = 300;
	o->problem = on_problem;
	o->imported = on_imported;
	o->progress = on_progress;
	o->ctx = l;
}

static void write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");

	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

static int import(struct testdb *t, const char *path, struct import_options *o,
		  struct import_result *res)
{
	const char *paths[1] = { path };

	return materials_import(t->db, paths, 1, o, res, t->err, sizeof t->err);
}

static int count_visible(void *ctx, const struct material *m)
{
	(*(int *)ctx)++;
	(void)m;
	return 0;
}

static void test_same_file_twice_is_kept_once(void **state)
{
	struct testdb *t = testdb_new();
	struct import_options o;
	struct import_result res;
	struct log l;
	char dir[200], path[300];
	int n = 0;

	(void)state;
	snprintf(dir, sizeof dir, "%s/党史", t->dir);
	mkdir(dir, 0755);
	snprintf(path, sizeof path, "%s/故事.md", dir);
	write_file(path, "# 一个故事\n\n正文\n");
	options(&o, &l, "2026-11-27 09:00");
	assert_int_equal(import(t, path, &o, &res), 0);
	assert_int_equal(res.imported, 1);
	assert_int_equal(import(t, dir, &o, &res), 0);
	assert_int_equal(res.imported, 0);
	assert_int_equal(res.duplicates, 1);
	assert_int_equal(l.duplicates, 1);
	assert_int_equal(materials_each(t->db, true, o.now, count_visible, &n, t->err, sizeof t->err), 0);
	assert_int_equal(n, 1);
	testdb_free(t);
}

static void test_title_category_and_pages(void **state)
{
	struct testdb *t = testdb_new();
	struct import_options o;
	struct import_result res;
	struct material m;
	struct log l;
	char dir[200], path[300], page[1200];
	struct stat sb;

	(void)state;
	snprintf(dir, sizeof dir, "%s/03 理论学习", t->dir);
	mkdir(dir, 0755);
	snprintf(path, sizeof path, "%s/guide.pdf", dir);
	assert_int_equal(demo_materials_guide_pdf(path, t->err, sizeof t->err), 0);
	options(&o, &l, "2026-11-27 09:00");
	assert_int_equal(import(t, path, &o, &res), 0);
	assert_int_equal(res.imported, 1);
	assert_int_equal(materials_get(t->db, 1, &m, t->err, sizeof t->err), 0);
	assert_string_equal(m.title, "党员活动室使用指南"); /* from the PDF's metadata */
	assert_int_equal(m.category, CAT_THEORY);           /* from the folder's name */
	assert_int_equal(m.kind, MAT_PDF);
	assert_int_equal(m.pages, 12);
	materials_page_path(t->db, &m, 300, 12, page, sizeof page);
	assert_int_equal(stat(page, &sb), 0);
	materials_thumb_path(t->db, &m, page, sizeof page);
	assert_int_equal(stat(page, &sb), 0);
	assert_true(atomic_load(&l.progress_calls) >= 12);
	testdb_free(t);
}

static void test_bad_file_changes_nothing(void **state)
{
	struct testdb *t = testdb_new();
	struct import_options o;
	struct import_result res;
	struct log l;
	char path[300], root[300];
	int n = 0;

	(void)state;
	snprintf(path, sizeof path, "%s/program.pdf", t->dir);
	write_file(path, "MZ\x90this is a program");
	options(&o, &l, "2026-11-27 09:00");
	assert_int_equal(import(t, path, &o, &res), 0);
	assert_int_equal(res.refused, 1);
	assert_int_equal(l.problems, 1);
	assert_non_null(strstr(l.last_problem, "program.pdf"));
	assert_non_null(strstr(l.last_problem, "Windows 程序"));
	assert_int_equal(materials_each(t->db, true, o.now, count_visible, &n, t->err, sizeof t->err), 0);
	assert_int_equal(n, 0);
	/* and no folder left behind */
	materials_root(t->db, root, sizeof root);
	assert_int_equal(materials_clean(t->db), 0);
	testdb_free(t);
}

static void test_import_job_runs_off_the_calling_thread(void **state)
{
	struct testdb *t = testdb_new();
	struct import_options o;
	struct job_status st;
	struct job *j;
	struct log l;
	char dir[200], path[300], line[1024];
	const char *paths[1];
	int spins = 0;

	(void)state;
	snprintf(dir, sizeof dir, "%s/stick", t->dir);
	mkdir(dir, 0755);
	snprintf(path, sizeof path, "%s/long.pdf", dir);
	assert_int_equal(demo_materials_test_pdf(path, 30, t->err, sizeof t->err), 0);
	snprintf(path, sizeof path, "%s/empty.txt", dir);
	write_file(path, "");
	options(&o, &l, "2026-11-27 09:00");
	paths[0] = dir;
	j = materials_job_start(t->path, paths, 1, &o, t->err, sizeof t->err);
	assert_non_null(j);
	/* The caller stays free while the job works: it can poll as a screen would draw. */
	do {
		job_poll(j, &st);
		spins++;
		usleep(1000);
	} while (!st.finished);
	assert_true(spins > 1);
	assert_int_equal(st.rc, 0);
	assert_int_equal(materials_job_result(j)->imported, 1);
	assert_int_equal(materials_job_result(j)->refused, 1);
	assert_int_equal(st.problems, 1);
	assert_int_equal(job_problem_get(j, 0, line, sizeof line), 0);
	assert_non_null(strstr(line, "empty.txt"));
	assert_int_equal(job_problem_get(j, 1, line, sizeof line), -1);
	/* Every page rendered was reported as progress, "已完成 d/t：file" the last line. */
	assert_true(st.changes >= 30);
	assert_non_null(strstr(st.status, "已完成 2/2"));
	assert_true(st.fraction > 0.99);
	job_free(j);
	testdb_free(t);
}

static void test_removed_material_comes_back_when_imported_again(void **state)
{
	struct testdb *t = testdb_new();
	struct import_options o;
	struct import_result res;
	struct material m;
	struct log l;
	char path[300];
	int n = 0;

	(void)state;
	snprintf(path, sizeof path, "%s/通知.txt", t->dir);
	write_file(path, "开会通知\n明天上午九点\n");
	options(&o, &l, "2026-11-27 09:00");
	assert_int_equal(import(t, path, &o, &res), 0);
	assert_int_equal(materials_remove(t->db, 1, "test", t->err, sizeof t->err), 0);
	assert_int_equal(materials_each(t->db, false, o.now, count_visible, &n, t->err, sizeof t->err), 0);
	assert_int_equal(n, 0);
	assert_int_equal(import(t, path, &o, &res), 0);
	assert_int_equal(res.imported, 1);
	assert_int_equal(materials_get(t->db, 1, &m, t->err, sizeof t->err), 0);
	assert_false(m.removed);
	assert_string_equal(m.title, "通知");
	testdb_free(t);
}

static void test_shown_only_between_its_dates(void **state)
{
	struct material m;
	time_t day;

	(void)state;
	memset(&m, 0, sizeof m);
	snprintf(m.show_from, sizeof m.show_from, "2026-12-01");
	snprintf(m.show_until, sizeof m.show_until, "2026-12-03");
	clock_parse("2026-11-30 23:59", &day);
	assert_false(material_visible(&m, day));
	clock_parse("2026-12-01 00:00", &day);
	assert_true(material_visible(&m, day));
	clock_parse("2026-12-03 23:59", &day);
	assert_true(material_visible(&m, day));
	clock_parse("2026-12-04 00:00", &day);
	assert_false(material_visible(&m, day));
}

struct rows {
	int n;
	int minutes;
	char material[MATERIAL_TEXT];
};

static int row(void *ctx, const struct study_row *r)
{
	struct rows *x = ctx;

	x->n++;
	x->minutes = r->minutes;
	snprintf(x->material, sizeof x->material, "%s", r->material);
	assert_int_equal(strlen(r->uuid), 36);
	assert_string_equal(r->kiosk_id, "test-kiosk");
	return 0;
}

static void test_study_record_once_a_day(void **state)
{
	struct testdb *t = testdb_new();
	struct import_options o;
	struct import_result res;
	struct study_result s;
	struct rows rows = { 0 };
	struct log l;
	char path[300];
	int64_t member = testdb_member(t, "张秀兰", "第一党支部", NULL, NULL);
	time_t now, later;

	(void)state;
	snprintf(path, sizeof path, "%s/学习.md", t->dir);
	write_file(path, "# 学习材料\n");
	options(&o, &l, "2026-11-27 09:00");
	assert_int_equal(import(t, path, &o, &res), 0);
	clock_parse("2026-11-27 10:05", &now);
	assert_int_equal(study_record(t->db, member, 1, 12, METHOD_TOUCH, now, &s, t->err,
				      sizeof t->err), 0);
	assert_false(s.already);
	assert_int_equal(s.minutes, 12);
	later = now + 3600;
	assert_int_equal(study_record(t->db, member, 1, 30, METHOD_TOUCH, later, &s, t->err,
				      sizeof t->err), 0);
	assert_true(s.already);
	assert_int_equal(s.minutes, 12);
	assert_int_equal(s.at, now);
	assert_int_equal(study_record(t->db, member, 1, 0, METHOD_TOUCH, later, &s, t->err,
				      sizeof t->err), -1);
	assert_int_equal(study_each(t->db, now - 86400, now + 86400, row, &rows, t->err,
				    sizeof t->err), 0);
	assert_int_equal(rows.n, 1);
	assert_int_equal(rows.minutes, 12);
	assert_string_equal(rows.material, "学习材料");
	/* The next day is another record. */
	assert_int_equal(study_record(t->db, member, 1, 5, METHOD_TOUCH, now + 86400, &s, t->err,
				      sizeof t->err), 0);
	assert_false(s.already);
	testdb_free(t);
}

/* "点错了" on the 学习打卡 card: the record stays but is no longer listed; the same member
 * studying the same material that day records again, anew. */
static void test_study_undo_is_not_listed_and_can_be_recorded_again(void **state)
{
	struct testdb *t = testdb_new();
	struct import_options o;
	struct import_result res;
	struct study_result s, again;
	struct rows rows = { 0 };
	struct log l;
	char path[300];
	int64_t member = testdb_member(t, "张秀兰", "第一党支部", NULL, NULL);
	time_t now;

	(void)state;
	snprintf(path, sizeof path, "%s/学习.md", t->dir);
	write_file(path, "# 学习材料\n");
	options(&o, &l, "2026-11-27 09:00");
	assert_int_equal(import(t, path, &o, &res), 0);
	clock_parse("2026-11-27 10:05", &now);
	assert_int_equal(study_record(t->db, member, 1, 12, METHOD_TOUCH, now, &s, t->err,
				      sizeof t->err), 0);
	assert_true(s.id > 0);
	assert_int_equal(study_undo(t->db, s.id, now + 5, t->err, sizeof t->err), 0);
	assert_int_equal(study_each(t->db, now - 86400, now + 86400, row, &rows, t->err,
				    sizeof t->err), 0);
	assert_int_equal(rows.n, 0);
	/* Undoing twice changes nothing. */
	assert_int_equal(study_undo(t->db, s.id, now + 6, t->err, sizeof t->err), 0);
	/* The same day again: a new record, not "already". */
	assert_int_equal(study_record(t->db, member, 1, 7, METHOD_TOUCH, now + 60, &again, t->err,
				      sizeof t->err), 0);
	assert_false(again.already);
	assert_int_equal(again.minutes, 7);
	assert_int_equal(again.at, now + 60);
	assert_int_equal(study_each(t->db, now - 86400, now + 86400, row, &rows, t->err,
				    sizeof t->err), 0);
	assert_int_equal(rows.n, 1);
	assert_int_equal(rows.minutes, 7);
	testdb_free(t);
}

static void test_image_headers(void **state)
{
	static const uint8_t png[] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0, 0, 13,
				       'I', 'H', 'D', 'R', 0, 0, 0x4E, 0x20, 0, 0, 0x4E, 0x20, 8, 2, 0, 0, 0 };
	static const uint8_t jpeg[] = { 0xFF, 0xD8, 0xFF, 0xE1, 0, 4, 1, 2, 0xFF, 0xFF, 0xC2, 0, 11, 8,
					0x0B, 0xB8, 0x0F, 0xA0, 3 };
	struct image_info info;
	char err[256];

	(void)state;
	assert_int_equal(imageinfo_probe(png, sizeof png, &info, err, sizeof err), 0);
	assert_int_equal(info.width, 20000);
	assert_int_equal(imageinfo_check_size(&info, err, sizeof err), -1);
	assert_non_null(strstr(err, "20000×20000"));
	assert_int_equal(imageinfo_probe(jpeg, sizeof jpeg, &info, err, sizeof err), 0);
	assert_int_equal(info.type, IMAGE_JPEG);
	assert_int_equal(info.width, 4000);
	assert_int_equal(info.height, 3000);
	assert_int_equal(imageinfo_check_size(&info, err, sizeof err), 0);
	assert_int_equal(imageinfo_probe(jpeg, 9, &info, err, sizeof err), -1);
	assert_non_null(strstr(err, "不完整"));
	assert_int_equal(imageinfo_probe(png, 20, &info, err, sizeof err), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_same_file_twice_is_kept_once),
		cmocka_unit_test(test_title_category_and_pages),
		cmocka_unit_test(test_bad_file_changes_nothing),
		cmocka_unit_test(test_import_job_runs_off_the_calling_thread),
		cmocka_unit_test(test_removed_material_comes_back_when_imported_again),
		cmocka_unit_test(test_shown_only_between_its_dates),
		cmocka_unit_test(test_study_record_once_a_day),
		cmocka_unit_test(test_study_undo_is_not_listed_and_can_be_recorded_again),
		cmocka_unit_test(test_image_headers),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
