/* Finding a member by the pinyin initials of their name, against the table built from Unihan. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "core/text/pinyin.h"

#define BIT(c) (1u << ((c) - 'A'))

static void test_common_name_matches_its_initials(void **state)
{
	(void)state;
	assert_true(pinyin_match("张秀兰", "Z"));
	assert_true(pinyin_match("张秀兰", "ZX"));
	assert_true(pinyin_match("张秀兰", "ZXL"));
	assert_true(pinyin_match("王建国", "WJG"));
	assert_true(pinyin_match("李明", "LM"));
	assert_true(pinyin_match("刘德华", "LDH"));
}

static void test_lower_case_initials_match(void **state)
{
	(void)state;
	assert_true(pinyin_match("张秀兰", "zxl"));
	assert_true(pinyin_match("张秀兰", "zXl"));
}

static void test_initials_that_do_not_fit_the_name_do_not_match(void **state)
{
	(void)state;
	assert_false(pinyin_match("张秀兰", "ZXLL"));   /* longer than the name */
	assert_false(pinyin_match("张秀兰", "XL"));     /* not a prefix */
	assert_false(pinyin_match("张秀兰", "LXZ"));
	assert_false(pinyin_match("张秀兰", "W"));
	assert_false(pinyin_match("", "Z"));
}

static void test_non_letters_in_initials_never_match(void **state)
{
	(void)state;
	assert_false(pinyin_match("张秀兰", "Z1"));
	assert_false(pinyin_match("张秀兰", "Z "));
	assert_false(pinyin_match("张三2", "ZS2"));
}

static void test_empty_initials_match_every_name(void **state)
{
	(void)state;
	assert_true(pinyin_match("张秀兰", ""));
	assert_true(pinyin_match("", ""));
	assert_true(pinyin_match("\xff\xfe", ""));
	assert_true(pinyin_match("张秀兰", NULL));
}

static void test_polyphonic_surname_matches_either_initial(void **state)
{
	static const struct {
		const char *name;
		const char *letters;
	} cases[] = {
		{ "单", "DS" }, { "曾", "ZC" }, { "解", "JX" }, { "仇", "CQ" }, { "区", "QO" },
		{ "查", "CZ" }, { "朴", "P" },  { "乐", "LY" }, { "长", "CZ" }, { "重", "ZC" },
		{ "沈", "S" },  { "覃", "QT" }, { "尉", "YW" }, { "盖", "G" },  { "翟", "ZD" },
	};
	char typed[2] = "";
	size_t i, j;

	(void)state;
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		for (j = 0; cases[i].letters[j] != '\0'; j++) {
			typed[0] = cases[i].letters[j];
			if (!pinyin_match(cases[i].name, typed))
				fail_msg("%s should match %s", cases[i].name, typed);
		}
	}
	assert_true(pinyin_match("单田芳", "STF"));
	assert_true(pinyin_match("单田芳", "DTF"));
	assert_true(pinyin_match("曾国藩", "ZGF"));
	assert_false(pinyin_match("朴", "B"));
}

static void test_surname_reading_missing_from_unihan_comes_from_overrides(void **state)
{
	(void)state;
	assert_true(pinyin_match("谌龙", "SL"));
	assert_true(pinyin_match("谌龙", "CL"));
}

static void test_displayed_initial_is_the_first_mandarin_reading(void **state)
{
	char out[16];

	(void)state;
	pinyin_initials("王单", out, sizeof out);   /* 单 not first: its first reading, dān */
	assert_string_equal(out, "WD");
	pinyin_initials("沈", out, sizeof out);   /* kMandarin "shěn chén" */
	assert_string_equal(out, "S");
	pinyin_initials("长", out, sizeof out);   /* kMandarin "zhǎng" */
	assert_string_equal(out, "Z");
}

/* A name's first character is filed under its surname reading: 仇桂兰 under Q (Qiú), not C
 * (chóu), as she says her name; and each such letter also finds her on the letter keypad. */
static void test_a_surname_is_filed_under_its_surname_reading(void **state)
{
	static const char *const names[][2] = {
		{ "仇桂兰", "QGL" }, { "单田芳", "STF" }, { "区志明", "OZM" }, { "查良", "ZL" },
		{ "朴英", "PY" },   { "翟强", "ZQ" },   { "解放", "XF" },   { "覃明", "QM" },
		{ "缪华", "MH" },   { "种田", "CT" },   { "秘书", "BS" },   { "召南", "SN" },
	};
	char out[16];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof names / sizeof names[0]; i++) {
		pinyin_initials(names[i][0], out, sizeof out);
		assert_string_equal(out, names[i][1]);
		assert_true(pinyin_match(names[i][0], names[i][1]));
	}
}

static void test_name_initials_are_written(void **state)
{
	char out[16];

	(void)state;
	pinyin_initials("张秀兰", out, sizeof out);
	assert_string_equal(out, "ZXL");
	pinyin_initials("", out, sizeof out);
	assert_string_equal(out, "");
}

static void test_initials_are_cut_to_the_buffer(void **state)
{
	char out[3] = "xx";
	char one[1] = { 'x' };
	char none[1] = { 'x' };

	(void)state;
	pinyin_initials("张秀兰", out, sizeof out);
	assert_string_equal(out, "ZX");
	pinyin_initials("张秀兰", one, sizeof one);
	assert_int_equal(one[0], '\0');
	pinyin_initials("张秀兰", none, 0);
	assert_int_equal(none[0], 'x');
}

static void test_character_outside_the_bmp_has_initials(void **state)
{
	char out[8];

	(void)state;
	assert_int_equal(pinyin_initials_mask(0x20000), BIT('H'));   /* 𠀀 hē, Extension B */
	assert_int_equal(pinyin_initials_mask(0x30EDD), BIT('B'));   /* 𰻝 biáng, Extension G */
	assert_true(pinyin_match("王𠀀", "WH"));
	assert_true(pinyin_match("𰻝𰻝", "bb"));
	pinyin_initials("王𰻝", out, sizeof out);
	assert_string_equal(out, "WB");
}

static void test_middle_dot_name_matches_without_the_dot(void **state)
{
	static const char *const names[] = {
		"阿依古丽·买买提", "阿依古丽•买买提", "阿依古丽・买买提", "阿依古丽.买买提",
		"阿依古丽 买买提", "阿依古丽-买买提", "阿依古丽\xef\xbc\x8e买买提", /* fullwidth stop */
	};
	char out[16];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof names / sizeof names[0]; i++) {
		if (!pinyin_match(names[i], "AYGLMMT"))
			fail_msg("%s should match AYGLMMT", names[i]);
		pinyin_initials(names[i], out, sizeof out);
		assert_string_equal(out, "AYGLMMT");
	}
	assert_true(pinyin_match("阿依古丽·买买提", "aygl"));
	assert_false(pinyin_match("阿依古丽·买买提", "AYGLMMTX"));
}

static void test_latin_word_contributes_its_first_letter(void **state)
{
	char out[8];

	(void)state;
	assert_true(pinyin_match("Tom 李", "TL"));
	assert_true(pinyin_match("Tom李", "TL"));
	assert_false(pinyin_match("Tom", "TO"));
	assert_true(pinyin_match("Mary-Ann", "MA"));
	assert_true(pinyin_match("José 王", "JW"));
	assert_true(pinyin_match("\xef\xbc\xb4\xef\xbd\x8f\xef\xbd\x8d李", "TL"));   /* Ｔｏｍ李 */
	pinyin_initials("tom 李", out, sizeof out);
	assert_string_equal(out, "TL");
}

static void test_letters_map_to_themselves_and_digits_to_nothing(void **state)
{
	(void)state;
	assert_int_equal(pinyin_initials_mask('A'), BIT('A'));
	assert_int_equal(pinyin_initials_mask('a'), BIT('A'));
	assert_int_equal(pinyin_initials_mask('z'), BIT('Z'));
	assert_int_equal(pinyin_initials_mask('5'), 0);
	assert_int_equal(pinyin_initials_mask(' '), 0);
	assert_int_equal(pinyin_initials_mask(0x263A), 0);     /* ☺ */
	assert_int_equal(pinyin_initials_mask(0x110000), 0);   /* not a code point */
	assert_int_equal(pinyin_initials_mask(0xFFFFFFFFu), 0);
}

static void test_interjection_readings_map_to_base_letters(void **state)
{
	(void)state;
	assert_true(pinyin_initials_mask(0x55EF) & BIT('N'));   /* 嗯 ń ň ǹ */
	assert_true(pinyin_initials_mask(0x5463) & BIT('M'));   /* 呣 ḿ m̀ */
	assert_true(pinyin_initials_mask(0x6B38) & BIT('E'));   /* 欸 ế ê̄ */
	assert_true(pinyin_initials_mask(0x6B38) & BIT('A'));   /* 欸 āi */
	assert_int_equal(pinyin_initials_mask(0x6B38) & ~(BIT('A') | BIT('E') | BIT('X')), 0);
}

static void test_han_character_without_reading_matches_nothing(void **state)
{
	char out[8];

	(void)state;
	assert_int_equal(pinyin_initials_mask(0x3402), 0);   /* 㐂: Unihan gives no Mandarin */
	assert_true(pinyin_match("王㐂", "W"));
	assert_false(pinyin_match("王㐂", "WX"));
	pinyin_initials("王㐂明", out, sizeof out);
	assert_string_equal(out, "W?M");
}

static void test_invalid_utf8_is_a_non_matching_character(void **state)
{
	char out[8];

	(void)state;
	assert_true(pinyin_match("张\xff兰", "Z"));
	assert_false(pinyin_match("张\xff兰", "ZL"));
	assert_false(pinyin_match("张\xff兰", "ZX"));
	assert_false(pinyin_match("\xe5\xbc", "Z"));          /* 张 cut short */
	assert_false(pinyin_match("\xc0\xaf", "A"));          /* overlong '/' */
	assert_false(pinyin_match("\xed\xa0\x80", "A"));      /* surrogate */
	assert_true(pinyin_match("张\xe5", "Z"));
	pinyin_initials("张\xff兰", out, sizeof out);
	assert_string_equal(out, "Z?L");
	pinyin_initials("\xe5\xbc", out, sizeof out);
	assert_string_equal(out, "??");
	pinyin_initials("\xf0\x9f", out, sizeof out);
	assert_string_equal(out, "??");
}

static void test_generated_table_is_sorted_and_in_range(void **state)
{
	size_t i;
	uint32_t cls_mask = (1u << PINYIN_CLASS_BITS) - 1;

	(void)state;
	assert_true(pinyin_table_len > 20000);
	assert_true(pinyin_classes_len <= (1u << PINYIN_CLASS_BITS));
	for (i = 0; i < pinyin_table_len; i++) {
		assert_true((pinyin_table[i] & cls_mask) < pinyin_classes_len);
		if (i > 0)
			assert_true(pinyin_table[i - 1] >> PINYIN_CLASS_BITS <
			            pinyin_table[i] >> PINYIN_CLASS_BITS);
	}
	for (i = 0; i < pinyin_classes_len; i++) {
		uint32_t primary = pinyin_classes[i] >> PINYIN_PRIMARY_SHIFT;

		/* Every character has a displayed initial, and it is one of the ones it matches. */
		assert_true(primary >= 1 && primary <= 26);
		assert_true(pinyin_classes[i] & (1u << (primary - 1)));
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_common_name_matches_its_initials),
		cmocka_unit_test(test_lower_case_initials_match),
		cmocka_unit_test(test_initials_that_do_not_fit_the_name_do_not_match),
		cmocka_unit_test(test_non_letters_in_initials_never_match),
		cmocka_unit_test(test_empty_initials_match_every_name),
		cmocka_unit_test(test_polyphonic_surname_matches_either_initial),
		cmocka_unit_test(test_surname_reading_missing_from_unihan_comes_from_overrides),
		cmocka_unit_test(test_displayed_initial_is_the_first_mandarin_reading),
		cmocka_unit_test(test_name_initials_are_written),
		cmocka_unit_test(test_a_surname_is_filed_under_its_surname_reading),
		cmocka_unit_test(test_initials_are_cut_to_the_buffer),
		cmocka_unit_test(test_character_outside_the_bmp_has_initials),
		cmocka_unit_test(test_middle_dot_name_matches_without_the_dot),
		cmocka_unit_test(test_latin_word_contributes_its_first_letter),
		cmocka_unit_test(test_letters_map_to_themselves_and_digits_to_nothing),
		cmocka_unit_test(test_interjection_readings_map_to_base_letters),
		cmocka_unit_test(test_han_character_without_reading_matches_nothing),
		cmocka_unit_test(test_invalid_utf8_is_a_non_matching_character),
		cmocka_unit_test(test_generated_table_is_sorted_and_in_range),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
