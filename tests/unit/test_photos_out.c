/* Meeting photos on their way out: where a photo's file is, the file names on the stick, the
 * export carrying a photo (and leaving out one whose file is gone), and the office keeping a
 * picture once however often it is merged. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h> /* before jpeglib.h, which needs FILE */
#include <string.h>
#include <cmocka.h>
#include <jpeglib.h>
#include <sys/stat.h>

#include "core/base/safefile.h"
#include "core/exchange/export.h"
#include "core/exchange/export_photos.h"
#include "core/party/photo.h"
#include "core/exchange/merge.h"
#include "testdb.h"

static void test_photo_path_is_beside_the_database(void **state)
{
	char out[256];

	(void)state;
	photo_path("/var/lib/kiosk/kiosk.db", "ab12", out, sizeof out);
	assert_string_equal(out, "/var/lib/kiosk/photos/ab12.jpg");
	photo_path("c.db", "ab12", out, sizeof out);
	assert_string_equal(out, "photos/ab12.jpg");
}

static void test_two_meetings_of_one_title_and_day_get_two_stems(void **state)
{
	struct meeting ms[3];
	char stems[3][EXPORT_STEM];

	(void)state;
	memset(ms, 0, sizeof ms);
	snprintf(ms[0].title, sizeof ms[0].title, "主题党日");
	snprintf(ms[1].title, sizeof ms[1].title, "主题党日");
	snprintf(ms[2].title, sizeof ms[2].title, "学习/讨论?");
	clock_parse("2026-11-27 09:00", &ms[0].start);
	clock_parse("2026-11-27 14:00", &ms[1].start);
	clock_parse("2026-11-27 15:00", &ms[2].start);
	export_stems(ms, 3, stems);
	assert_string_equal(stems[0], "主题党日_2026-11-27");
	assert_string_equal(stems[1], "主题党日_2026-11-27_2");
	assert_string_equal(stems[2], "学习_讨论__2026-11-27");
}

/* A small real JPEG at path. */
static void write_jpeg(const char *path, int shade)
{
	struct jpeg_compress_struct c;
	struct jpeg_error_mgr e;
	unsigned char row[64 * 3];
	FILE *f = fopen(path, "wb");
	int x;

	assert_non_null(f);
	c.err = jpeg_std_error(&e);
	jpeg_create_compress(&c);
	jpeg_stdio_dest(&c, f);
	c.image_width = 64;
	c.image_height = 48;
	c.input_components = 3;
	c.in_color_space = JCS_RGB;
	jpeg_set_defaults(&c);
	jpeg_start_compress(&c, TRUE);
	while (c.next_scanline < c.image_height) {
		JSAMPROW rows[1] = { row };
		for (x = 0; x < 64 * 3; x++)
			row[x] = (unsigned char)(x * shade + (int)c.next_scanline);
		jpeg_write_scanlines(&c, rows, 1);
	}
	jpeg_finish_compress(&c);
	jpeg_destroy_compress(&c);
	fclose(f);
}

/* A photo stored as the way in stores it; returns nothing, fills sha. The row is inserted with
 * plain SQL: the statements that add photos belong to the way in, not to this side. */
static void add_photo(struct testdb *t, int64_t meeting, int shade, char sha[SAFEFILE_HEX])
{
	char tmp[256], final[256], sql[1024], err[256];
	uint64_t bytes;

	snprintf(tmp, sizeof tmp, "%s/photos", t->dir);
	mkdir(tmp, 0755);
	snprintf(tmp, sizeof tmp, "%s/photos/new.jpg", t->dir);
	write_jpeg(tmp, shade);
	assert_int_equal(safefile_digest(tmp, false, sha, &bytes, err, sizeof err), 0);
	photo_path(t->path, sha, final, sizeof final);
	assert_int_equal(rename(tmp, final), 0);
	snprintf(sql, sizeof sql,
		 "INSERT INTO meeting_photos (uuid, kiosk_id, meeting_id, sha256, width, height, bytes,"
		 " source, added_at, updated_at) VALUES ('00000000-0000-4000-8000-00000000000%d',"
		 " 'test-kiosk', %lld, '%s', 64, 48, %llu, 'usb', '2026-11-27 10:0%d:00',"
		 " '2026-11-27 10:0%d:00')",
		 shade, (long long)meeting, sha, (unsigned long long)bytes, shade, shade);
	assert_int_equal(sqlite3_exec(t->db->sql, sql, NULL, NULL, NULL), SQLITE_OK);
}

static void test_export_carries_a_photo_and_the_office_keeps_it_once(void **state)
{
	struct testdb *t = testdb_new(), *office = testdb_new();
	struct export_options o = { 0 };
	struct export_result res;
	struct merge_result mr;
	char out[256], sha1[SAFEFILE_HEX], sha2[SAFEFILE_HEX], path[PATH_MAX + 64], kept[256];
	char hex[SAFEFILE_HEX];
	const char *folders[1];
	uint64_t bytes;
	int64_t m;

	(void)state;
	m = testdb_meeting(t, MK_THEME_DAY, "主题党日", "", "2026-11-27 09:00", 120, VOTE_NONE);
	add_photo(t, m, 1, sha1);
	add_photo(t, m, 2, sha2);
	photo_path(t->path, sha2, path, sizeof path);
	unlink(path); /* gone from the kiosk's card */
	snprintf(out, sizeof out, "%s/out", t->dir);
	mkdir(out, 0755);
	clock_parse("2026-11-27 12:00", &o.now);
	assert_int_equal(export_to(t->db, out, &o, &res, t->err, sizeof t->err), 0);
	assert_int_equal(res.photos, 1);
	assert_int_equal(res.photos_missing, 1);
	snprintf(path, sizeof path, "%s/纪实/主题党日_2026-11-27_照片1.jpg", res.folder);
	assert_int_equal(safefile_digest(path, false, hex, &bytes, t->err, sizeof t->err), 0);
	assert_string_equal(hex, sha1);

	folders[0] = res.folder;
	assert_int_equal(merge_exports(office->db, folders, 1, o.now, &mr, office->err, sizeof office->err), 0);
	assert_int_equal(mr.photos, 1);
	assert_int_equal(mr.photo_files, 1);
	assert_int_equal(merge_exports(office->db, folders, 1, o.now, &mr, office->err, sizeof office->err), 0);
	assert_int_equal(mr.photo_files, 0);
	photo_path(office->path, sha1, kept, sizeof kept);
	assert_int_equal(safefile_digest(kept, false, hex, &bytes, t->err, sizeof t->err), 0);
	assert_string_equal(hex, sha1);
	testdb_free(office);
	testdb_free(t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_photo_path_is_beside_the_database),
		cmocka_unit_test(test_two_meetings_of_one_title_and_day_get_two_stems),
		cmocka_unit_test(test_export_carries_a_photo_and_the_office_keeps_it_once),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
