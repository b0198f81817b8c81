/* The on-screen pinyin input method staff type a guest's name with. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "core/text/ime.h"

/* Is c among the first n candidates for typed? */
static bool among(const char *typed, enum ime_context ctx, const char *c, int n)
{
	char out[64][8];
	struct ime_result r;
	int i;

	ime_candidates(typed, ctx, 0, out, n < 64 ? n : 64, &r);
	for (i = 0; i < r.n; i++)
		if (strcmp(out[i], c) == 0)
			return true;
	return false;
}

static void test_surname_first_for_a_name(void **state)
{
	char out[4][8];
	struct ime_result r;

	(void)state;
	ime_candidates("wang", IME_NAME_FIRST, 0, out, 4, &r);
	assert_int_equal(r.used, 4);
	assert_true(r.n == 4 && r.total > 10);
	assert_string_equal(out[0], "王");
	ime_candidates("wang", IME_TEXT, 0, out, 4, &r);
	assert_string_equal(out[0], "往"); /* the commonest wang in running text */
	assert_true(among("zhang", IME_NAME_FIRST, "张", 1));
	assert_true(among("chen", IME_NAME_FIRST, "陈", 1));
}

static void test_common_name_characters_are_on_the_first_page(void **state)
{
	(void)state;
	assert_true(among("xiu", IME_TEXT, "秀", 8));
	/* In a given name, name characters first: 华 before 话 and 花. */
	assert_true(among("hua", IME_NAME_REST, "华", 1));
	assert_true(among("zhen", IME_NAME_REST, "振", 2));
	assert_false(among("hua", IME_TEXT, "华", 4));
	assert_true(among("ying", IME_TEXT, "英", 8));
	assert_true(among("jian", IME_TEXT, "建", 8));
	assert_true(among("guo", IME_TEXT, "国", 8));
	assert_true(among("lv", IME_NAME_FIRST, "吕", 2));
	assert_true(among("lv", IME_TEXT, "绿", 8));
	assert_true(among("nv", IME_TEXT, "女", 4));
	/* Polyphonic surnames by their surname reading. */
	assert_true(among("shan", IME_NAME_FIRST, "单", 30));
	assert_true(among("zeng", IME_NAME_FIRST, "曾", 1));
}

/* Characters no corpus counted come in order of how common they are (GB2312 level 1, then
 * level 2, then the rest), not by code point: 旒 and 熘 are not on the first page of "liu",
 * and a common character without a count comes before a rare one. */
static void test_rare_characters_come_after_common_ones(void **state)
{
	char out[64][8];
	struct ime_result r;
	int i, at_rare = -1, at_common = -1;

	(void)state;
	assert_false(among("liu", IME_TEXT, "旒", 12));
	assert_false(among("liu", IME_TEXT, "熘", 12));
	assert_true(among("liu", IME_TEXT, "刘", 8));
	assert_true(among("liu", IME_TEXT, "柳", 16));
	ime_candidates("liu", IME_TEXT, 0, out, 64, &r);
	for (i = 0; i < r.n; i++) {
		if (strcmp(out[i], "旒") == 0)
			at_rare = i;
		if (strcmp(out[i], "琉") == 0) /* GB2312 level 1 */
			at_common = i;
	}
	assert_true(at_common >= 0);
	assert_true(at_rare < 0 || at_common < at_rare);
	/* In a name too: a rare character never before the common ones after the surname list. */
	assert_false(among("liu", IME_NAME_REST, "旒", 12));
}

static void test_longest_syllable_decides_and_prefixes_offer_all(void **state)
{
	char out[16][8];
	struct ime_result r;

	(void)state;
	ime_candidates("wangxiu", IME_NAME_FIRST, 0, out, 16, &r);
	assert_int_equal(r.used, 4);
	assert_string_equal(out[0], "王");
	ime_candidates("zh", IME_TEXT, 0, out, 16, &r);
	assert_int_equal(r.used, 2);
	assert_true(r.total > 100);
	assert_true(among("zh", IME_TEXT, "中", 16));
	/* Paging: skip moves on, and no character appears twice. */
	ime_candidates("zh", IME_TEXT, 16, out, 16, &r);
	assert_int_equal(r.n, 16);
	ime_candidates("", IME_TEXT, 0, out, 16, &r);
	assert_int_equal(r.n, 0);
}

static void test_impossible_letters_are_refused(void **state)
{
	(void)state;
	assert_true(ime_possible("zho"));
	assert_true(ime_possible("wangx"));
	assert_true(ime_possible("xian"));
	assert_false(ime_possible("zv"));
	assert_false(ime_possible("v"));
	assert_true(ime_possible("wangq"));
	assert_false(ime_possible("wangv"));
	assert_true(ime_possible(""));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_surname_first_for_a_name),
		cmocka_unit_test(test_common_name_characters_are_on_the_first_page),
		cmocka_unit_test(test_rare_characters_come_after_common_ones),
		cmocka_unit_test(test_longest_syllable_decides_and_prefixes_offer_all),
		cmocka_unit_test(test_impossible_letters_are_refused),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
