/* Line breaking without a font: every code point below U+0080 is 5 px wide, every other one
 * 10 px, so a line of max_width 40 holds four Chinese characters. Lines are shown joined by '|'. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/text/linebreak.h"
#include "core/text/utf8.h"

#define MAX_SPANS 64

struct counter {
	size_t calls;
};

static int measure(void *ctx, const char *s, size_t n)
{
	struct counter *c = ctx;
	uint32_t cp;

	if (c)
		c->calls++;
	if (utf8_decode(s, n, &cp) != n)
		return 10; /* a stray byte: measured as one replacement character */
	return cp < 0x80 ? 5 : 10;
}

/* Break text at max_width and return the lines joined by '|' (in a static buffer). */
static const char *wrap(const char *text, int max_width)
{
	static char out[1024];
	struct line_span spans[MAX_SPANS];
	size_t n, i, o = 0;

	n = linebreak(text, max_width, measure, NULL, spans, MAX_SPANS);
	assert_true(n <= MAX_SPANS);
	for (i = 0; i < n; i++) {
		size_t len = spans[i].end - spans[i].start;

		assert_true(spans[i].start <= spans[i].end);
		assert_true(o + len + 2 < sizeof out);
		if (i > 0)
			out[o++] = '|';
		memcpy(out + o, text + spans[i].start, len);
		o += len;
	}
	out[o] = '\0';
	return out;
}

static void test_cjk_breaks_between_any_two_characters(void **state)
{
	(void)state;
	assert_string_equal(wrap("一二三四五六七八九十", 30), "一二三|四五六|七八|九十");
	assert_string_equal(wrap("一二三四", 40), "一二三四");
}

static void test_line_never_starts_with_closing_punctuation(void **state)
{
	static const char *const marks[] = {
		"，", "。", "、", "；", "：", "？", "！", "）", "」", "』", "》", "〉", "】", "”",
		"’", "…", ",", ".", ";", ":", "?", "!", ")", "]", "}",
	};
	char text[64];
	size_t i;

	(void)state;
	/* The natural break falls just before the mark: the character before it comes down. */
	assert_string_equal(wrap("一二三，四五", 30), "一二|三，四|五");
	assert_string_equal(wrap("我们来了。你好", 40), "我们来|了。你好");
	for (i = 0; i < sizeof marks / sizeof marks[0]; i++) {
		struct line_span spans[8];
		size_t n, j;

		snprintf(text, sizeof text, "一二三%s四五六七八", marks[i]);
		n = linebreak(text, 30, measure, NULL, spans, 8);
		assert_true(n > 1 && n <= 8);
		for (j = 1; j < n; j++) {
			assert_memory_not_equal(text + spans[j].start, marks[i], strlen(marks[i]));
			assert_true(spans[j].width <= 30);
		}
	}
}

static void test_line_never_ends_with_opening_punctuation(void **state)
{
	static const char *const marks[] = { "（", "「", "『", "《", "〈", "【", "“", "‘", "(", "[", "{" };
	char text[64];
	size_t i;

	(void)state;
	assert_string_equal(wrap("一二（三四", 30), "一二|（三四");
	assert_string_equal(wrap("请看《党章》第一章", 30), "请看|《党|章》第|一章");
	for (i = 0; i < sizeof marks / sizeof marks[0]; i++) {
		struct line_span spans[8];
		size_t n, j, mlen = strlen(marks[i]);

		snprintf(text, sizeof text, "一二%s三四五六", marks[i]);
		n = linebreak(text, 30, measure, NULL, spans, 8);
		assert_true(n > 1 && n <= 8);
		for (j = 0; j + 1 < n; j++) {
			assert_true(spans[j].end - spans[j].start >= mlen);
			assert_memory_not_equal(text + spans[j].end - mlen, marks[i], mlen);
		}
	}
}

static void test_numbers_and_times_stay_whole(void **state)
{
	(void)state;
	/* 开会(20) + 13812345678(55) does not fit in 60: the number moves down whole; with 请 it
	 * would be 65 wide, so only there, as a last resort, is the pair split. */
	assert_string_equal(wrap("开会13812345678请到", 60), "开会|13812345678|请到");
	assert_string_equal(wrap("时间09:30开始", 40), "时间|09:30开|始");
	/* A number keeps the character after it: never "2026" at one line's end, "年" at the next. */
	assert_string_equal(wrap("会议定于2026年3月5日", 50), "会议定于|2026年3月|5日");
	assert_string_equal(wrap("出席率50％", 40), "出席率|50％");
}

static void test_latin_words_break_at_spaces(void **state)
{
	(void)state;
	assert_string_equal(wrap("hello world foo", 60), "hello world|foo");
	assert_string_equal(wrap("hello world foo", 40), "hello|world|foo");
	/* Latin inside Chinese may break at the boundary with the Chinese. */
	assert_string_equal(wrap("请打开PDF文件", 40), "请打开|PDF文件");
	/* A comma stays with the word before it. */
	assert_string_equal(wrap("yes, we can", 20), "yes,|we|can");
}

static void test_spaces_at_a_break_do_not_start_the_next_line(void **state)
{
	struct line_span spans[4];
	const char *text = "aaaa     bbbb";
	size_t n;

	(void)state;
	n = linebreak(text, 30, measure, NULL, spans, 4);
	assert_int_equal(n, 2);
	assert_int_equal(spans[0].start, 0);
	assert_int_equal(spans[0].end, 4);
	assert_int_equal(spans[0].width, 20);
	assert_int_equal(spans[1].start, 9);
	assert_int_equal(spans[1].width, 20);
	/* The ideographic space too; but an indent at the start of a paragraph is kept. */
	assert_string_equal(wrap("一二三　四五", 30), "一二三|四五");
	assert_string_equal(wrap("　　一二三\n　　四五", 100), "　　一二三|　　四五");
}

static void test_long_word_is_broken_by_characters(void **state)
{
	(void)state;
	assert_string_equal(wrap("abcdefghij", 20), "abcd|efgh|ij");
	assert_string_equal(wrap("一https://example.org/a", 40), "一|https://|example.|org/a");
	/* Even inside a long word, punctuation keeps off the wrong end of a line. */
	assert_string_equal(wrap("abc,defgh", 15), "ab|c,d|efg|h");
	assert_string_equal(wrap("abc(defgh", 15), "abc|(de|fgh");
}

static void test_newline_forces_a_break(void **state)
{
	(void)state;
	assert_string_equal(wrap("一\n二", 100), "一|二");
	assert_string_equal(wrap("一\n\n二", 100), "一||二");
	assert_string_equal(wrap("一\r\n二", 100), "一|二");
	/* A final newline ends the last line rather than starting an empty one. */
	assert_int_equal(linebreak("一\n", 100, measure, NULL, NULL, 0), 1);
	assert_int_equal(linebreak("", 100, measure, NULL, NULL, 0), 0);
	/* Spaces before a newline are not part of the line. */
	assert_string_equal(wrap("ab  \ncd", 100), "ab|cd");
}

/* One character alone on the last line ("东苑党员中心户家" over "中") takes the last character of
 * the line before with it; not when that line would keep fewer than two, nor across a
 * newline, nor for a number or a Latin word. */
static void test_last_line_is_never_one_character_alone(void **state)
{
	(void)state;
	assert_string_equal(wrap("东苑党员中心户家中", 80), "东苑党员中心户|家中");
	assert_string_equal(wrap("屏幕暗了，点一下就亮", 90), "屏幕暗了，点一下|就亮");
	assert_string_equal(wrap("就亮。", 20), "就|亮。");
	assert_string_equal(wrap("一二三", 20), "一二|三");
	assert_string_equal(wrap("一二三\n四", 30), "一二三|四");
	assert_string_equal(wrap("一二三 12", 30), "一二三|12");
	assert_string_equal(wrap("党员 1 人", 40), "党员|1 人");
	assert_string_equal(wrap("一二（三", 30), "一二|（三");
}

static void test_middle_dot_in_a_name_does_not_start_a_line(void **state)
{
	(void)state;
	assert_string_equal(wrap("阿依古丽·买买提", 40), "阿依古|丽·买|买提");
	assert_string_equal(wrap("阿依古丽·买买提", 50), "阿依古丽·|买买提");
}

static void test_punctuation_hangs_when_nothing_can_move_down(void **state)
{
	struct line_span spans[4];
	size_t n;

	(void)state;
	/* One character per line: 一 cannot be pulled down without leaving an empty line. */
	n = linebreak("一。二", 10, measure, NULL, spans, 4);
	assert_int_equal(n, 2);
	assert_int_equal(spans[0].end, strlen("一。"));
	assert_int_equal(spans[0].width, 20);
	assert_string_equal(wrap("好。」对", 10), "好。」|对");
}

static void test_dashes_and_ellipses_are_not_split(void **state)
{
	(void)state;
	assert_string_equal(wrap("一二三——四", 40), "一二三|——四");
	assert_string_equal(wrap("一二三……四", 40), "一二|三……四");
}

static void test_count_is_returned_beyond_max_lines(void **state)
{
	struct line_span spans[3];

	(void)state;
	memset(spans, 0x5A, sizeof spans);
	assert_int_equal(linebreak("一二三四五六七八九十", 20, measure, NULL, spans, 2), 5);
	assert_int_equal(spans[1].start, strlen("一二"));
	assert_int_equal(spans[2].start, (size_t)0x5A5A5A5A5A5A5A5AULL); /* untouched */
	assert_int_equal(linebreak("一二三四五六七八九十", 20, measure, NULL, NULL, 0), 5);
}

static void test_each_character_is_measured_once(void **state)
{
	struct counter c = { 0 };
	const char *text = "中国共产党章程 第一章 党员 abc defg 2026年，（注）。";

	(void)state;
	linebreak(text, 30, measure, &c, NULL, 0);
	assert_int_equal(c.calls, utf8_length(text));
}

static void test_invalid_utf8_is_kept_byte_by_byte(void **state)
{
	struct line_span spans[8];
	const char text[] = "一\xff\xfe二\xe4\xb8";
	size_t n;

	(void)state;
	n = linebreak(text, 20, measure, NULL, spans, 8);
	assert_int_equal(n, 4); /* 一|\xff\xfe|二|\xe4\xb8 */
	assert_int_equal(spans[3].end, sizeof text - 1);
}

/* Random text from an alphabet of everything the rules care about: whatever the width, the lines
 * cover the text in order, drop nothing but break spaces, and keep every rule they can keep. */
static void test_rules_hold_for_random_text(void **state)
{
	static const char *const alphabet[] = {
		"党", "员", "会", "议", "，", "。", "（", "）", "《", "》", "“", "”", "·", "…",
		"a", "b", "1", "2", " ", " ", "\n", ":", ",", "(", "　",
	};
	const size_t na = sizeof alphabet / sizeof alphabet[0];
	unsigned long seed = 12345;
	int round;

	(void)state;
	for (round = 0; round < 3000; round++) {
		char text[256];
		struct line_span spans[MAX_SPANS];
		size_t len = 0, n, i, k, chars = (size_t)(round % 40) + 1;
		int width = 10 + (round % 7) * 10;
		uint32_t first, last;

		for (k = 0; k < chars; k++) {
			const char *piece;

			seed = seed * 1103515245UL + 12345UL;
			piece = alphabet[(seed >> 16) % na];
			memcpy(text + len, piece, strlen(piece));
			len += strlen(piece);
		}
		text[len] = '\0';
		n = linebreak(text, width, measure, NULL, spans, MAX_SPANS);
		assert_true(n <= MAX_SPANS);
		for (i = 0; i < n; i++) {
			size_t gap_from = i == 0 ? 0 : spans[i - 1].end;
			int w = 0;

			/* Between lines only spaces and newlines are dropped. */
			for (k = gap_from; k < spans[i].start; k++)
				assert_true(text[k] == ' ' || text[k] == '\n' ||
					    (text[k] & 0x80)); /* U+3000 */
			for (k = spans[i].start; k < spans[i].end;) {
				uint32_t cp;
				size_t l = utf8_decode(text + k, spans[i].end - k, &cp);

				assert_true(l > 0);
				assert_true(cp != '\n');
				w += measure(NULL, text + k, l);
				k += l;
			}
			assert_int_equal(w, spans[i].width);
			if (spans[i].start == spans[i].end)
				continue;
			utf8_decode(text + spans[i].start, 4, &first);
			/* A soft-wrapped line never starts with a space or closing punctuation
			 * (unless it hangs on a line of its own, at least one char wide). */
			if (i > 0 && text[spans[i].start - 1] != '\n' && spans[i - 1].end != 0) {
				assert_true(first != ' ');
				if (strchr(",)", (int)first) || first == 0xFF0C || first == 0x3002 ||
				    first == 0xFF09 || first == 0x300B || first == 0x201D ||
				    first == 0xB7 || first == 0x2026) {
					print_message("text '%s' width %d line %zu\n", text, width, i);
					fail();
				}
			}
			/* Lines are no wider than asked unless closing punctuation hangs at the end,
			 * or the line is one character, or two when an opening mark was pulled
			 * down onto a line too narrow for both. */
			if (spans[i].width > width) {
				size_t cps = 0;

				/* (an indent kept at a paragraph start does not count) */
				for (k = spans[i].start; k < spans[i].end; k++)
					cps += (text[k] & 0xC0) != 0x80 && text[k] != ' ' &&
					       strncmp(text + k, "　", 3) != 0;
				k = spans[i].end;
				do
					k--;
				while ((text[k] & 0xC0) == 0x80);
				utf8_decode(text + k, spans[i].end - k, &last);
				if (!(strchr(",):", (int)last) || last == 0xFF0C || last == 0x3002 ||
				      last == 0xFF09 || last == 0x300B || last == 0x201D || last == 0xB7 ||
				      last == 0x2026 || cps <= 2)) {
					print_message("text '%s' width %d line %zu: '%.*s'\n", text, width,
						      i, (int)(spans[i].end - spans[i].start),
						      text + spans[i].start);
					fail();
				}
			}
		}
		assert_true(n == 0 || spans[n - 1].end <= len);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cjk_breaks_between_any_two_characters),
		cmocka_unit_test(test_line_never_starts_with_closing_punctuation),
		cmocka_unit_test(test_line_never_ends_with_opening_punctuation),
		cmocka_unit_test(test_numbers_and_times_stay_whole),
		cmocka_unit_test(test_latin_words_break_at_spaces),
		cmocka_unit_test(test_spaces_at_a_break_do_not_start_the_next_line),
		cmocka_unit_test(test_long_word_is_broken_by_characters),
		cmocka_unit_test(test_newline_forces_a_break),
		cmocka_unit_test(test_middle_dot_in_a_name_does_not_start_a_line),
		cmocka_unit_test(test_last_line_is_never_one_character_alone),
		cmocka_unit_test(test_punctuation_hangs_when_nothing_can_move_down),
		cmocka_unit_test(test_dashes_and_ellipses_are_not_split),
		cmocka_unit_test(test_count_is_returned_beyond_max_lines),
		cmocka_unit_test(test_each_character_is_measured_once),
		cmocka_unit_test(test_invalid_utf8_is_kept_byte_by_byte),
		cmocka_unit_test(test_rules_hold_for_random_text),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
