/* Meeting photos (core/party/photo.c, docs/photos.md): what goes in is decoded in the sandboxed
 * child and kept as a bare JPEG, upright, with no EXIF or GPS; what is refused leaves nothing. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <dirent.h>
#include <sys/stat.h>

#include "testdb.h"
#include "core/formats/raster.h"
#include "core/party/photo.h"

#define NOW 1795000000 /* 2026-11-18, any time will do */

struct fixture {
	struct testdb *t;
	int64_t meeting;
};

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof *f);

	f->t = testdb_new();
	testdb_member(f->t, "甲", "第一党支部", NULL, NULL);
	f->meeting = testdb_meeting(f->t, MK_THEME_DAY, "主题党日", "第一党支部",
				    "2026-12-01 09:00", 120, VOTE_NONE);
	*state = f;
	return 0;
}

/* A w x h JPEG: its top-left quarter red, the rest a blue that varies with shade (so that
 * pictures made with different shades differ). */
static uint8_t *make_jpeg(const char *dir, int w, int h, int shade, size_t *n)
{
	struct raster r;
	char path[256], err[256];
	struct stat sb;
	uint8_t *data;
	FILE *f;
	int x, y;

	assert_int_equal(raster_new(&r, w, h), 0);
	for (y = 0; y < h; y++)
		for (x = 0; x < w; x++)
			((uint32_t *)(void *)(r.px + (size_t)y * (size_t)r.stride))[x] =
				x < w / 2 && y < h / 2 ? 0xFFE00000u : 0xFF000000u | (uint32_t)shade << 8 | 0xE0u;
	snprintf(path, sizeof path, "%s/made.jpg", dir);
	assert_int_equal(raster_write_jpeg(&r, path, 90, err, sizeof err), 0);
	raster_free(&r);
	assert_int_equal(stat(path, &sb), 0);
	data = malloc((size_t)sb.st_size);
	f = fopen(path, "rb");
	assert_non_null(f);
	assert_int_equal(fread(data, 1, (size_t)sb.st_size, f), (size_t)sb.st_size);
	fclose(f);
	unlink(path);
	*n = (size_t)sb.st_size;
	return data;
}

/* An APP1 Exif segment as a phone writes it: Orientation 6 (turn a quarter clockwise to view)
 * and a GPS IFD with GPSLatitudeRef N and GPSLatitude 39/1 54/1 0/1. */
static const uint8_t exif_app1[] = {
	0xFF, 0xE1, 0x00, 0x64, 'E', 'x', 'i', 'f', 0, 0,
	/* TIFF header, big-endian, IFD0 at 8 */
	'M', 'M', 0x00, 0x2A, 0x00, 0x00, 0x00, 0x08,
	/* IFD0: two entries */
	0x00, 0x02,
	0x01, 0x12, 0x00, 0x03, 0x00, 0x00, 0x00, 0x01, 0x00, 0x06, 0x00, 0x00,
	0x88, 0x25, 0x00, 0x04, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x26,
	0x00, 0x00, 0x00, 0x00,
	/* GPS IFD at 38: two entries */
	0x00, 0x02,
	0x00, 0x01, 0x00, 0x02, 0x00, 0x00, 0x00, 0x02, 'N', 0x00, 0x00, 0x00,
	0x00, 0x02, 0x00, 0x05, 0x00, 0x00, 0x00, 0x03, 0x00, 0x00, 0x00, 0x44,
	0x00, 0x00, 0x00, 0x00,
	/* at 68: 39/1 54/1 0/1 */
	0, 0, 0, 39, 0, 0, 0, 1, 0, 0, 0, 54, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1,
};

/* jpeg with exif_app1 put right after its SOI marker. */
static uint8_t *with_exif(const uint8_t *jpeg, size_t n, size_t *out_n)
{
	uint8_t *out = malloc(n + sizeof exif_app1);

	memcpy(out, jpeg, 2);
	memcpy(out + 2, exif_app1, sizeof exif_app1);
	memcpy(out + 2 + sizeof exif_app1, jpeg + 2, n - 2);
	*out_n = n + sizeof exif_app1;
	return out;
}

static int count_files(const char *db_path)
{
	char dir[1024];
	DIR *d;
	struct dirent *e;
	int n = 0;

	photo_dir(db_path, dir, sizeof dir);
	if (!(d = opendir(dir)))
		return 0;
	while ((e = readdir(d)))
		if (e->d_name[0] != '.' || (strcmp(e->d_name, ".") && strcmp(e->d_name, "..")))
			n++;
	closedir(d);
	return n;
}

static uint8_t *read_whole(const char *path, size_t *n)
{
	struct stat sb;
	uint8_t *data;
	FILE *f = fopen(path, "rb");

	assert_non_null(f);
	assert_int_equal(fstat(fileno(f), &sb), 0);
	data = malloc((size_t)sb.st_size);
	assert_int_equal(fread(data, 1, (size_t)sb.st_size, f), (size_t)sb.st_size);
	fclose(f);
	*n = (size_t)sb.st_size;
	return data;
}

static void test_exif_and_gps_gone_orientation_applied(void **state)
{
	struct fixture *f = *state;
	struct photo p, list[PHOTO_MAX_PER_MEETING];
	struct raster r;
	char path[1200], err[512];
	size_t n, m, stored_n, i;
	uint8_t *jpeg = make_jpeg(f->t->dir, 300, 200, 0x20, &n), *tagged = with_exif(jpeg, n, &m);
	uint8_t *stored;
	bool already;

	assert_int_equal(photo_add(f->t->db, f->meeting, tagged, m, "phone", "测试", NOW, &p,
				   &already, err, sizeof err), 0);
	assert_false(already);
	/* Orientation 6: 300x200 as stored in the file is 200x300 upright. */
	assert_int_equal(p.width, 200);
	assert_int_equal(p.height, 300);
	photo_path(f->t->path, p.sha256, path, sizeof path);
	stored = read_whole(path, &stored_n);
	assert_int_equal((int64_t)stored_n, p.bytes);
	/* Markers up to the scan: none is APPn (JFIF, Exif, XMP ...) or a comment. */
	assert_true(stored[0] == 0xFF && stored[1] == 0xD8);
	for (i = 2; i + 4 <= stored_n && stored[i] == 0xFF && stored[i + 1] != 0xDA;
	     i += 2 + ((size_t)stored[i + 2] << 8 | stored[i + 3])) {
		assert_false(stored[i + 1] >= 0xE0 && stored[i + 1] <= 0xEF);
		assert_int_not_equal(stored[i + 1], 0xFE);
	}
	assert_int_equal(stored[i + 1], 0xDA); /* reached the scan through markers alone */
	assert_null(memmem(stored, stored_n, "Exif", 4));
	assert_null(memmem(stored, stored_n, "MM\0*", 4));
	free(stored);
	/* Upright: the red quarter, top-left in the file, is top-right once turned clockwise. */
	assert_int_equal(raster_load_image(path, IMAGE_JPEG, 0, &r, err, sizeof err), 0);
	assert_int_equal(r.w, 200);
	assert_int_equal(r.h, 300);
	{
		uint32_t tr = ((uint32_t *)(void *)(r.px + 20 * (size_t)r.stride))[r.w - 20];
		uint32_t tl = ((uint32_t *)(void *)(r.px + 20 * (size_t)r.stride))[20];
		assert_true(((tr >> 16) & 0xFF) > 0xB0 && (tr & 0xFF) < 0x40); /* red */
		assert_true((tl & 0xFF) > 0xB0 && ((tl >> 16) & 0xFF) < 0x40); /* blue */
	}
	raster_free(&r);
	assert_int_equal(photo_list(f->t->db, f->meeting, list, PHOTO_MAX_PER_MEETING, err,
				    sizeof err), 1);
	assert_string_equal(list[0].sha256, p.sha256);
	assert_string_equal(list[0].source, "phone");
	free(jpeg);
	free(tagged);
}

/* Refused, with a message containing want, leaving no row and no file. */
static void refused(struct fixture *f, const void *data, size_t n, const char *want)
{
	struct photo p, list[PHOTO_MAX_PER_MEETING];
	char err[512] = "";
	bool already;
	int rows = photo_list(f->t->db, f->meeting, list, PHOTO_MAX_PER_MEETING, err, sizeof err);
	int files = count_files(f->t->path);

	assert_int_equal(photo_add(f->t->db, f->meeting, data, n, "phone", "测试", NOW, &p, &already,
				   err, sizeof err), -1);
	if (!strstr(err, want))
		fail_msg("message \"%s\" lacks \"%s\"", err, want);
	assert_int_equal(photo_list(f->t->db, f->meeting, list, PHOTO_MAX_PER_MEETING, err,
				    sizeof err), rows);
	assert_int_equal(count_files(f->t->path), files);
}

static void be32(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)(v >> 24);
	p[1] = (uint8_t)(v >> 16);
	p[2] = (uint8_t)(v >> 8);
	p[3] = (uint8_t)v;
}

static uint32_t crc32_of(const uint8_t *p, size_t n)
{
	uint32_t c = 0xFFFFFFFFu;
	size_t i;
	int k;

	for (i = 0; i < n; i++) {
		c ^= p[i];
		for (k = 0; k < 8; k++)
			c = c & 1 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
	}
	return c ^ 0xFFFFFFFFu;
}

static void test_hostile_files_refused_leaving_nothing(void **state)
{
	struct fixture *f = *state;
	size_t n;
	uint8_t *jpeg = make_jpeg(f->t->dir, 640, 480, 0x40, &n);
	uint8_t bomb[8 + 25 + 12] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n' };
	static const uint8_t heic[] = { 0, 0, 0, 0x18, 'f', 't', 'y', 'p', 'h', 'e', 'i', 'c',
					0, 0, 0, 0, 'm', 'i', 'f', '1', 'h', 'e', 'i', 'c' };
	static const char text[] = "这不是照片，只是改了名字的文字文件。\n";

	refused(f, jpeg, n / 2, "照片");                 /* cut off half way */
	refused(f, text, sizeof text - 1, "JPEG");       /* a text file named .jpg */
	refused(f, heic, sizeof heic, "兼容性最佳");     /* a real HEIC */
	refused(f, "", 0, "没有收到图片");
	/* A PNG whose header promises 30000 x 30000 pixels. */
	be32(bomb + 8, 13);
	memcpy(bomb + 12, "IHDR", 4);
	be32(bomb + 16, 30000);
	be32(bomb + 20, 30000);
	bomb[24] = 8;
	bomb[25] = 2;
	be32(bomb + 29, crc32_of(bomb + 12, 17));
	memcpy(bomb + 37, "IEND", 4);
	be32(bomb + 41, crc32_of(bomb + 37, 4));
	refused(f, bomb, sizeof bomb, "太大");
	assert_int_equal(count_files(f->t->path), 0);
	free(jpeg);
}

static void test_twelve_at_most_and_same_picture_once(void **state)
{
	struct fixture *f = *state;
	struct photo p, first, list[PHOTO_MAX_PER_MEETING + 1];
	char err[512];
	bool already;
	size_t n;
	uint8_t *jpeg;
	int i;

	for (i = 0; i < PHOTO_MAX_PER_MEETING; i++) {
		jpeg = make_jpeg(f->t->dir, 120, 90, 0x10 + i * 0x10, &n);
		assert_int_equal(photo_add(f->t->db, f->meeting, jpeg, n, "usb", "测试", NOW + i, &p,
					   &already, err, sizeof err), 0);
		assert_false(already);
		if (i == 0)
			first = p;
		/* The same picture again: one row, told so. */
		if (i == 3) {
			assert_int_equal(photo_add(f->t->db, f->meeting, jpeg, n, "phone", "测试", NOW,
						   &p, &already, err, sizeof err), 0);
			assert_true(already);
		}
		free(jpeg);
	}
	assert_int_equal(photo_list(f->t->db, f->meeting, list, PHOTO_MAX_PER_MEETING + 1, err,
				    sizeof err), PHOTO_MAX_PER_MEETING);
	assert_int_equal(count_files(f->t->path), PHOTO_MAX_PER_MEETING);
	jpeg = make_jpeg(f->t->dir, 120, 90, 0xF0, &n);
	refused(f, jpeg, n, "最多 12 张");
	/* Deleting one makes room; the deleted one is gone from the list. */
	assert_int_equal(photo_delete(f->t->db, f->meeting, first.id, "测试", NOW, err, sizeof err), 0);
	assert_int_equal(photo_delete(f->t->db, f->meeting, first.id, "测试", NOW, err, sizeof err), -1);
	assert_non_null(strstr(err, "没有编号"));
	assert_int_equal(photo_list(f->t->db, f->meeting, list, PHOTO_MAX_PER_MEETING + 1, err,
				    sizeof err), PHOTO_MAX_PER_MEETING - 1);
	assert_int_equal(photo_add(f->t->db, f->meeting, jpeg, n, "phone", "测试", NOW, &p, &already,
				   err, sizeof err), 0);
	free(jpeg);
}

static void test_photo_path_beside_the_database(void **state)
{
	char out[256];

	(void)state;
	photo_path("/var/lib/kiosk/kiosk.db", "ab12", out, sizeof out);
	assert_string_equal(out, "/var/lib/kiosk/photos/ab12.jpg");
	photo_path("kiosk.db", "ab12", out, sizeof out);
	assert_string_equal(out, "photos/ab12.jpg");
}

static int teardown(void **state)
{
	struct fixture *f = *state;

	testdb_free(f->t);
	free(f);
	return 0;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_exif_and_gps_gone_orientation_applied, setup, teardown),
		cmocka_unit_test_setup_teardown(test_hostile_files_refused_leaving_nothing, setup, teardown),
		cmocka_unit_test_setup_teardown(test_twelve_at_most_and_same_picture_once, setup, teardown),
		cmocka_unit_test(test_photo_path_beside_the_database),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
