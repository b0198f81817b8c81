/* Encoding detection: every way Excel and WPS save a roster must come out as the same UTF-8, and
 * every file that is not clean text must be refused with the line staff should look at. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <iconv.h>
#include <stdlib.h>
#include <string.h>

#include "core/formats/encoding.h"

/* Names that break naive code: GBK two-byte characters, a middle dot (U+00B7) as in Uyghur names,
 * and 𠮷 (U+20BB7), outside the BMP: four bytes in UTF-8 and GB18030, a surrogate pair in UTF-16. */
#define ROSTER_UTF8 "姓名,手机号\r\n张秀兰,13800000001\r\n阿依古丽·买买提,13800000002\r\n𠮷田,13800000003\r\n"

/* Convert UTF-8 into another charset with iconv, as Excel would have saved it; prefix optional. */
static char *convert(const char *utf8, const char *charset, const char *prefix, size_t prefix_len,
                     size_t *n)
{
	size_t len = strlen(utf8), cap = len * 4 + prefix_len + 8, inleft = len, outleft;
	char *out = malloc(cap), *in = (char *)utf8, *o;
	iconv_t cd = iconv_open(charset, "UTF-8");

	assert_non_null(out);
	assert_true(cd != (iconv_t)-1);
	memcpy(out, prefix, prefix_len);
	o = out + prefix_len;
	outleft = cap - prefix_len;
	assert_true(iconv(cd, &in, &inleft, &o, &outleft) != (size_t)-1);
	iconv_close(cd);
	*n = (size_t)(o - out);
	return out;
}

/* Decode data, expecting success with the given encoding and text. */
static void decodes_to(const char *data, size_t n, enum text_encoding want_enc, const char *want)
{
	enum text_encoding enc = (enum text_encoding)-1;
	char err[256] = "";
	size_t len = 12345;
	char *text = encoding_to_utf8(data, n, &enc, &len, err, sizeof(err));

	if (text == NULL)
		fail_msg("refused: %s", err);
	assert_int_equal(enc, want_enc);
	assert_int_equal(len, strlen(want));
	assert_string_equal(text, want);
	free(text);
}

/* Decode data, expecting refusal with an error that contains want. */
static void refused_with(const char *data, size_t n, const char *want)
{
	char err[256] = "";
	size_t len;
	enum text_encoding enc;
	char *text = encoding_to_utf8(data, n, &enc, &len, err, sizeof(err));

	if (text != NULL)
		fail_msg("accepted as %s: %s", encoding_name(enc), text);
	if (strstr(err, want) == NULL)
		fail_msg("error [%s] does not contain [%s]", err, want);
}

static void test_ascii_is_taken_as_utf8(void **state)
{
	(void)state;
	decodes_to("name,phone\n", 11, ENC_UTF8, "name,phone\n");
}

static void test_utf8_without_bom_is_kept_byte_for_byte(void **state)
{
	(void)state;
	decodes_to(ROSTER_UTF8, strlen(ROSTER_UTF8), ENC_UTF8, ROSTER_UTF8);
}

static void test_utf8_bom_from_excel_csv_utf8_is_stripped(void **state)
{
	const char *data = "\xEF\xBB\xBF" ROSTER_UTF8;

	(void)state;
	decodes_to(data, strlen(data), ENC_UTF8_BOM, ROSTER_UTF8);
}

static void test_gbk_from_chinese_excel_becomes_utf8(void **state)
{
	/* 𠮷 is not in GBK, so this roster leaves it out; GB18030's four-byte form has its own test. */
	const char *roster = "姓名,手机号\r\n张秀兰,13800000001\r\n阿依古丽·买买提,13800000002\r\n";
	size_t n;
	char *gbk = convert(roster, "GBK", "", 0, &n);

	(void)state;
	decodes_to(gbk, n, ENC_GB18030, roster);
	free(gbk);
}

static void test_gbk_bytes_as_excel_writes_them_become_utf8(void **state)
{
	/* 张秀兰 in GBK, typed out so the test does not only check iconv against itself. */
	const char gbk[] = "\xD5\xC5\xD0\xE3\xC0\xBC,1\n";

	(void)state;
	decodes_to(gbk, sizeof(gbk) - 1, ENC_GB18030, "张秀兰,1\n");
}

static void test_gb18030_four_byte_character_becomes_utf8(void **state)
{
	/* 𠮷 is 95 34 B2 35 in GB18030; 田 is CC EF. */
	const char gb[] = "\x95\x34\xB2\x35\xCC\xEF,1\n";
	size_t n;
	char *via_iconv = convert(ROSTER_UTF8, "GB18030", "", 0, &n);

	(void)state;
	decodes_to(gb, sizeof(gb) - 1, ENC_GB18030, "𠮷田,1\n");
	decodes_to(via_iconv, n, ENC_GB18030, ROSTER_UTF8);
	free(via_iconv);
}

static void test_gb18030_bom_is_stripped(void **state)
{
	const char gb[] = "\x84\x31\x95\x33\xD5\xC5,1\n";

	(void)state;
	decodes_to(gb, sizeof(gb) - 1, ENC_GB18030, "张,1\n");
}

static void test_utf16le_unicode_text_becomes_utf8(void **state)
{
	const char *tsv = "姓名\t手机号\r\n张秀兰\t13800000001\r\n𠮷田\t\"有\"\"引号\"\r\n";
	size_t n;
	char *data = convert(tsv, "UTF-16LE", "\xFF\xFE", 2, &n);

	(void)state;
	decodes_to(data, n, ENC_UTF16LE, tsv);
	free(data);
}

static void test_utf16be_with_bom_becomes_utf8(void **state)
{
	size_t n;
	char *data = convert(ROSTER_UTF8, "UTF-16BE", "\xFE\xFF", 2, &n);

	(void)state;
	decodes_to(data, n, ENC_UTF16BE, ROSTER_UTF8);
	free(data);
}

static void test_utf16_surrogate_pair_bytes_become_one_character(void **state)
{
	/* BOM, then U+20BB7 as D842 DFB7, then "\n". */
	const char le[] = "\xFF\xFE\x42\xD8\xB7\xDF\x0A\x00";

	(void)state;
	decodes_to(le, sizeof(le) - 1, ENC_UTF16LE, "𠮷\n");
}

static void test_utf16_unpaired_surrogate_names_its_line(void **state)
{
	/* "a\r\nb\r\n" then a lone high surrogate before "c". */
	const char le[] = "\xFF\xFE" "a\0\r\0\n\0" "b\0\r\0\n\0" "\x42\xD8" "c\0";

	(void)state;
	refused_with(le, sizeof(le) - 1, "第 3 行");
	refused_with(le, sizeof(le) - 1, "CSV UTF-8");
}

static void test_utf16_with_odd_length_is_refused(void **state)
{
	const char le[] = "\xFF\xFE" "a\0b";

	(void)state;
	refused_with(le, sizeof(le) - 1, "缺了一个字节");
}

static void test_invalid_bytes_name_their_line_whatever_the_line_ends(void **state)
{
	(void)state;
	/* 0xFF is neither UTF-8 nor GBK. */
	refused_with("a\nb\n\xFF\n", 6, "第 3 行有无法识别的字节（文件既不是 UTF-8 也不是 GBK），"
	             "请在 Excel 中另存为“CSV UTF-8”后重试");
	refused_with("a\r\nb\r\nc\xFF\r\n", 10, "第 3 行");
	refused_with("a\rb\rc\xFF\r", 7, "第 3 行");
	refused_with("\xFF", 1, "第 1 行");
	refused_with("a\n\n\n\n\xFF", 6, "第 5 行");
}

static void test_gbk_file_with_one_bad_byte_names_the_gbk_line(void **state)
{
	/* UTF-8 fails on line 1 (GBK bytes), GBK only on line 4: the GBK reading is believed. */
	const char data[] = "\xD5\xC5\xD0\xE3\xC0\xBC\n1\n2\n\xD5\xC5\x80\xFF\n";

	(void)state;
	refused_with(data, sizeof(data) - 1, "第 4 行");
}

static void test_utf8_file_with_one_bad_byte_names_the_utf8_line(void **state)
{
	/* GBK fails early (the UTF-8 of 张秀兰 is not GBK followed by a comma), UTF-8 only on line 3. */
	const char data[] = "张秀兰,1\n阿依古丽,2\n\xE5\xBC,3\n";

	(void)state;
	refused_with(data, sizeof(data) - 1, "第 3 行");
}

static void test_gbk_cut_in_the_middle_of_a_character_names_the_last_line(void **state)
{
	const char data[] = "\xD5\xC5\n\xD0\xE3\n\xC0";

	(void)state;
	refused_with(data, sizeof(data) - 1, "第 3 行");
}

static void test_nul_byte_is_refused_with_its_line(void **state)
{
	const char utf8[] = "张秀兰\nb\nc\0d\n";
	const char gbk[] = "\xD5\xC5\n\xD0\xE3\n\0\n";

	(void)state;
	refused_with(utf8, sizeof(utf8) - 1, "第 3 行有空字节");
	refused_with(gbk, sizeof(gbk) - 1, "第 3 行有空字节");
	refused_with("\xEF\xBB\xBF" "a\n\0", 6, "第 2 行");
	refused_with("\xFF\xFE" "a\0\n\0\0\0", 8, "第 2 行");
}

static void test_utf8_bom_with_bad_bytes_is_refused(void **state)
{
	const char data[] = "\xEF\xBB\xBF" "a\n\xD5\xC5\n";

	(void)state;
	refused_with(data, sizeof(data) - 1, "第 2 行");
	refused_with(data, sizeof(data) - 1, "标明是 UTF-8");
}

static void test_excel_workbooks_are_refused_with_advice(void **state)
{
	const char xlsx[] = "PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00\xFF";
	const char xls[] = "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\x00\x00";

	(void)state;
	refused_with(xlsx, sizeof(xlsx) - 1, "这是 Excel 工作簿（.xlsx），不是 CSV 文件");
	refused_with(xls, sizeof(xls) - 1, "（.xls、.et）或设了密码的工作簿");
}

static void test_empty_input_is_empty_utf8(void **state)
{
	(void)state;
	decodes_to(NULL, 0, ENC_UTF8, "");
	decodes_to("", 0, ENC_UTF8, "");
	decodes_to("\xEF\xBB\xBF", 3, ENC_UTF8_BOM, "");
	decodes_to("\xFF\xFE", 2, ENC_UTF16LE, "");
}

static void test_many_names_survive_gb18030_round_trip(void **state)
{
	static const char *const names[] = { "张秀兰", "阿依古丽·买买提", "𠮷田", "欧阳娜娜", "李强",
	                                     "王芳", "刘洋", "陈静", "扎西顿珠", "玛依拉" };
	char text[8192] = "";
	size_t i, n;
	char *gb;

	(void)state;
	for (i = 0; i < 200; i++) {
		strcat(text, names[i % 10]);
		strcat(text, i % 3 ? ",\n" : "\t\r\n");
	}
	gb = convert(text, "GB18030", "", 0, &n);
	decodes_to(gb, n, ENC_GB18030, text);
	free(gb);
}

static void test_short_error_buffer_is_cut_on_a_character_boundary(void **state)
{
	char err[8];
	char *text;

	(void)state;
	/* "第 1 行…": 第 is 3 bytes, so 7 usable bytes end inside 行. */
	text = encoding_to_utf8("\xFF", 1, NULL, NULL, err, sizeof(err));
	assert_null(text);
	assert_string_equal(err, "第 1 ");
	assert_null(encoding_to_utf8("\xFF", 1, NULL, NULL, NULL, 0));
}

static void test_encoding_names_are_what_staff_see(void **state)
{
	(void)state;
	assert_string_equal(encoding_name(ENC_UTF8), "UTF-8");
	assert_string_equal(encoding_name(ENC_UTF8_BOM), "UTF-8 (BOM)");
	assert_string_equal(encoding_name(ENC_GB18030), "GBK/GB18030");
	assert_string_equal(encoding_name(ENC_UTF16LE), "UTF-16LE");
	assert_string_equal(encoding_name(ENC_UTF16BE), "UTF-16BE");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ascii_is_taken_as_utf8),
		cmocka_unit_test(test_utf8_without_bom_is_kept_byte_for_byte),
		cmocka_unit_test(test_utf8_bom_from_excel_csv_utf8_is_stripped),
		cmocka_unit_test(test_gbk_from_chinese_excel_becomes_utf8),
		cmocka_unit_test(test_gbk_bytes_as_excel_writes_them_become_utf8),
		cmocka_unit_test(test_gb18030_four_byte_character_becomes_utf8),
		cmocka_unit_test(test_gb18030_bom_is_stripped),
		cmocka_unit_test(test_utf16le_unicode_text_becomes_utf8),
		cmocka_unit_test(test_utf16be_with_bom_becomes_utf8),
		cmocka_unit_test(test_utf16_surrogate_pair_bytes_become_one_character),
		cmocka_unit_test(test_utf16_unpaired_surrogate_names_its_line),
		cmocka_unit_test(test_utf16_with_odd_length_is_refused),
		cmocka_unit_test(test_invalid_bytes_name_their_line_whatever_the_line_ends),
		cmocka_unit_test(test_gbk_file_with_one_bad_byte_names_the_gbk_line),
		cmocka_unit_test(test_utf8_file_with_one_bad_byte_names_the_utf8_line),
		cmocka_unit_test(test_gbk_cut_in_the_middle_of_a_character_names_the_last_line),
		cmocka_unit_test(test_nul_byte_is_refused_with_its_line),
		cmocka_unit_test(test_utf8_bom_with_bad_bytes_is_refused),
		cmocka_unit_test(test_excel_workbooks_are_refused_with_advice),
		cmocka_unit_test(test_empty_input_is_empty_utf8),
		cmocka_unit_test(test_many_names_survive_gb18030_round_trip),
		cmocka_unit_test(test_short_error_buffer_is_cut_on_a_character_boundary),
		cmocka_unit_test(test_encoding_names_are_what_staff_see),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
