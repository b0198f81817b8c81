/* The text sent to the speech synthesiser: polyphonic surnames, rare characters and ·-joined
 * names read right, and one sentence per outcome. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "core/text/speech.h"

static void said(const char *name, const char *want)
{
	char out[256];

	speech_name(name, out, sizeof out);
	assert_string_equal(out, want);
}

static void test_polyphonic_surnames_get_their_surname_reading(void **state)
{
	(void)state;
	said("曾小明", "zeng1 小明");
	said("单雪梅", "shan4 雪梅");
	said("仇建国", "qiu2 建国");
	said("查文", "zha1 文");
	said("区志强", "ou1 志强");
	said("解红", "xie4 红");
}

static void test_compound_surname_wins_over_its_first_character(void **state)
{
	(void)state;
	said("尉迟恭明", "yu4 chi2 恭明");
	said("单于平", "chan2 yu2 平");
}

static void test_the_surname_reading_applies_only_at_the_start(void **state)
{
	(void)state;
	said("王曾", "王曾");     /* a given name keeps the dictionary's reading */
	said("江鹏", "江鹏");
	said("曾", "曾");         /* a lone character is not taken for a surname */
}

static void test_rare_characters_are_read_by_their_pinyin(void **state)
{
	(void)state;
	/* U+2C317 (kMandarin hé) and U+2CC56 (dí): espeak-ng would spell out their code numbers. */
	said("王\xf0\xac\x8c\x97", "王 he2");
	said("李\xf0\xac\xb1\x96明", "李 di2 明");
	/* Characters with no reading anywhere are left out rather than spelled out. */
	said("张\xf3\xa0\x80\x81三", "张三");
}

static void test_dot_joined_names_pause_at_the_dot(void **state)
{
	(void)state;
	said("阿依古丽·买买提", "阿依古丽 买买提");
	said("阿依古丽•买买提", "阿依古丽 买买提");
	said("阿依古丽・买买提", "阿依古丽 买买提");
	said("阿依古丽．买买提", "阿依古丽 买买提");
}

static void test_markup_and_broken_bytes_never_reach_the_synthesiser(void **state)
{
	(void)state;
	said("张<b>三", "张b三");
	said("李\xff四", "李四");
	said("[[zeng1]]", "zeng1");
	said("", "");
	said(NULL, "");
}

static void test_tone_marks_become_numbers(void **state)
{
	char out[16];

	(void)state;
	assert_int_equal(speech_numbered("zēng", out, sizeof out), 0);
	assert_string_equal(out, "zeng1");
	assert_int_equal(speech_numbered("lǚ", out, sizeof out), 0);
	assert_string_equal(out, "lv3");
	assert_int_equal(speech_numbered("nǚ", out, sizeof out), 0);
	assert_string_equal(out, "nv3");
	assert_int_equal(speech_numbered("ma", out, sizeof out), 0);
	assert_string_equal(out, "ma5");
	assert_int_equal(speech_numbered("ń", out, sizeof out), 0);
	assert_string_equal(out, "n2");
	assert_int_equal(speech_numbered("zēng", out, 4), -1);
	assert_int_equal(speech_numbered("a?", out, sizeof out), -1);
}

static void test_each_outcome_has_its_sentence(void **state)
{
	char out[256];

	(void)state;
	speech_sentence(SPEECH_SIGNED_IN, "曾小明", 1, out, sizeof out);
	assert_string_equal(out, "zeng1 小明，签到成功");
	speech_sentence(SPEECH_ALREADY, "曾小明", 1, out, sizeof out);
	assert_string_equal(out, "您已经签过到了，不用再签");
	speech_sentence(SPEECH_LEAVE, "曾小明", 1, out, sizeof out);
	assert_string_equal(out, "请假已登记");
	speech_sentence(SPEECH_PHONE, "江鹏", 1, out, sizeof out);
	assert_string_equal(out, "江鹏，扫码签到成功");
	speech_sentence(SPEECH_REFUSED, "江鹏", 1, out, sizeof out);
	assert_string_equal(out, "");
}

static void test_a_burst_of_phones_is_one_summary(void **state)
{
	char out[256];

	(void)state;
	speech_sentence(SPEECH_PHONE, "江鹏", 10, out, sizeof out);
	assert_string_equal(out, "10位党员扫码签到成功");
	assert_null(strstr(out, "江鹏"));
}

static void test_a_small_buffer_is_cut_not_overrun(void **state)
{
	char out[8];

	(void)state;
	memset(out, 'x', sizeof out);
	speech_name("阿依古丽·买买提", out, sizeof out);
	assert_true(strlen(out) < sizeof out);
	speech_sentence(SPEECH_SIGNED_IN, "阿依古丽·买买提", 1, out, sizeof out);
	assert_true(strlen(out) < sizeof out);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_polyphonic_surnames_get_their_surname_reading),
		cmocka_unit_test(test_compound_surname_wins_over_its_first_character),
		cmocka_unit_test(test_the_surname_reading_applies_only_at_the_start),
		cmocka_unit_test(test_rare_characters_are_read_by_their_pinyin),
		cmocka_unit_test(test_dot_joined_names_pause_at_the_dot),
		cmocka_unit_test(test_markup_and_broken_bytes_never_reach_the_synthesiser),
		cmocka_unit_test(test_tone_marks_become_numbers),
		cmocka_unit_test(test_each_outcome_has_its_sentence),
		cmocka_unit_test(test_a_burst_of_phones_is_one_summary),
		cmocka_unit_test(test_a_small_buffer_is_cut_not_overrun),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
