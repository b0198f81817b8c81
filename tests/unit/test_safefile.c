/* Names every FAT stick and Windows accept, and files that are whole or absent. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/base/safefile.h"

static void name(const char *in, const char *want)
{
	char out[64];

	safefile_fat_name(in, out, sizeof out);
	assert_string_equal(out, want);
}

static void test_fat_names_replace_what_fat_refuses(void **state)
{
	(void)state;
	name("幸福里社区_签到记录_20261127-0920", "幸福里社区_签到记录_20261127-0920");
	name("A:B/C\\D*E?F\"G<H>I|J", "A_B_C_D_E_F_G_H_I_J");
	name("控制\x01字符\t", "控制_字符_");
	name("结尾的点...", "结尾的点");
	name("结尾空格  ", "结尾空格");
	name("", "_");
	name("...", "_");
	/* A CJK character whose low byte is ':' (U+4E3A 为) is not a colon. */
	name("为人民服务", "为人民服务");
}

static void test_fat_names_cut_on_a_whole_character(void **state)
{
	char out[10];

	(void)state;
	safefile_fat_name("幸福里社区", out, sizeof out); /* 3 bytes each: 3 fit in 9 */
	assert_string_equal(out, "幸福里");
}

static void test_commit_renames_only_a_whole_file(void **state)
{
	char dir[] = "/tmp/kiosk-safefile.XXXXXX", path[256], err[256], hex[SAFEFILE_HEX];
	struct safefile sf;
	struct stat sb;
	uint64_t bytes;

	(void)state;
	assert_non_null(mkdtemp(dir));
	assert_int_equal(safefile_create(&sf, dir, "表.csv", true, err, sizeof err), 0);
	fputs("姓名\r\n", sf.f);
	snprintf(path, sizeof path, "%s/表.csv", dir);
	assert_int_not_equal(stat(path, &sb), 0); /* not under its final name yet */
	assert_int_equal(safefile_commit(&sf, err, sizeof err), 0);
	assert_int_equal(stat(path, &sb), 0);
	assert_int_not_equal(stat(sf.tmp, &sb), 0);
	assert_int_equal(safefile_digest(path, true, hex, &bytes, err, sizeof err), 0);
	assert_int_equal(bytes, strlen("姓名\r\n"));
	{
		/* What was hashed on the way out is what the device gives back. */
		char written[SAFEFILE_HEX];
		uint64_t wbytes;
		assert_int_equal(safefile_written_digest(&sf, written, &wbytes), 0);
		assert_string_equal(written, hex);
		assert_int_equal(wbytes, bytes);
		safefile_free(&sf);
	}
	/* An abandoned file leaves nothing behind. */
	assert_int_equal(safefile_create(&sf, dir, "半截.csv", true, err, sizeof err), 0);
	fputs("x", sf.f);
	safefile_abort(&sf);
	snprintf(path, sizeof path, "%s/半截.csv", dir);
	assert_int_not_equal(stat(path, &sb), 0);
	assert_int_not_equal(stat(sf.tmp, &sb), 0);
	safefile_remove_dir(dir);
	assert_int_not_equal(stat(dir, &sb), 0);
}

static void test_errors_are_explained_for_staff(void **state)
{
	char err[256];

	(void)state;
	safefile_explain(28 /* ENOSPC */, "签到表.xlsx", err, sizeof err);
	assert_non_null(strstr(err, "U 盘空间不够"));
	assert_non_null(strstr(err, "签到表.xlsx"));
	safefile_explain(30 /* EROFS */, "导出", err, sizeof err);
	assert_non_null(strstr(err, "只读"));
	safefile_explain(5 /* EIO */, "导出", err, sizeof err);
	assert_non_null(strstr(err, "拔出"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fat_names_replace_what_fat_refuses),
		cmocka_unit_test(test_fat_names_cut_on_a_whole_character),
		cmocka_unit_test(test_commit_renames_only_a_whole_file),
		cmocka_unit_test(test_errors_are_explained_for_staff),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
