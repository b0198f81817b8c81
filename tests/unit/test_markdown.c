/* The Markdown subset study materials are written in: blocks, bold spans, and what is refused. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "core/formats/markdown.h"

static struct md_doc parse(const char *src, enum md_flavour fl)
{
	struct md_doc doc;
	char err[256] = "";

	assert_int_equal(markdown_parse(src, strlen(src), fl, &doc, err, sizeof err), 0);
	return doc;
}

static void test_headings_and_paragraphs(void **state)
{
	struct md_doc d = parse("# 三会一课\n\n第一行\n第二行\n\n## 二、支委会 ##\n#标题不空格\n#1 不是标题\n",
				MD_MARKDOWN);

	(void)state;
	assert_int_equal(d.count, 5);
	assert_int_equal(d.blocks[0].kind, MD_HEADING);
	assert_int_equal(d.blocks[0].level, 1);
	assert_string_equal(d.blocks[0].text, "三会一课");
	/* Chinese lines join without a space. */
	assert_int_equal(d.blocks[1].kind, MD_PARAGRAPH);
	assert_string_equal(d.blocks[1].text, "第一行第二行");
	assert_int_equal(d.blocks[2].level, 2);
	assert_string_equal(d.blocks[2].text, "二、支委会");
	assert_int_equal(d.blocks[3].kind, MD_HEADING);
	assert_string_equal(d.blocks[3].text, "标题不空格");
	assert_int_equal(d.blocks[4].kind, MD_PARAGRAPH);
	assert_string_equal(d.blocks[4].text, "#1 不是标题");
	assert_string_equal(markdown_title(&d), "三会一课");
	markdown_free(&d);
}

static void test_latin_lines_join_with_a_space(void **state)
{
	struct md_doc d = parse("Party members\nmeet monthly\n", MD_MARKDOWN);

	(void)state;
	assert_int_equal(d.count, 1);
	assert_string_equal(d.blocks[0].text, "Party members meet monthly");
	markdown_free(&d);
}

static void test_lists_keep_numbers_and_depth(void **state)
{
	struct md_doc d = parse("- 甲\n  - 乙\n      - 丙\n3. 第三\n10) 第十\n继续第十\n• 圆点\n", MD_MARKDOWN);

	(void)state;
	assert_int_equal(d.count, 6);
	assert_int_equal(d.blocks[0].kind, MD_BULLET);
	assert_int_equal(d.blocks[0].level, 0);
	assert_int_equal(d.blocks[1].level, 1);
	assert_int_equal(d.blocks[2].level, 2); /* deeper is shown at the deepest level */
	assert_int_equal(d.blocks[3].kind, MD_NUMBERED);
	assert_int_equal(d.blocks[3].number, 3);
	assert_int_equal(d.blocks[4].number, 10);
	assert_string_equal(d.blocks[4].text, "第十继续第十");
	assert_int_equal(d.blocks[5].kind, MD_BULLET);
	markdown_free(&d);
}

static void test_bold_spans_point_at_the_plain_text(void **state)
{
	struct md_doc d = parse("每个季度**至少开一次**，__必须__到\n", MD_MARKDOWN);
	const struct md_block *b;

	(void)state;
	b = &d.blocks[0];
	assert_string_equal(b->text, "每个季度至少开一次，必须到");
	assert_int_equal(b->nbold, 2);
	assert_int_equal(b->bold[0].start, strlen("每个季度"));
	assert_int_equal(b->bold[0].end, strlen("每个季度至少开一次"));
	assert_int_equal(b->bold[1].start, strlen("每个季度至少开一次，"));
	assert_int_equal(b->bold[1].end, strlen("每个季度至少开一次，必须"));
	markdown_free(&d);
}

static void test_unclosed_markup_is_shown_as_written(void **state)
{
	struct md_doc d = parse("3**4 and **open\n\\*\\*not bold\\*\\* [链接](http://x) `a**b`\n", MD_MARKDOWN);

	(void)state;
	assert_int_equal(d.count, 1);
	assert_string_equal(d.blocks[0].text, "3**4 and **open **not bold** 链接 a**b");
	assert_int_equal(d.blocks[0].nbold, 0);
	markdown_free(&d);
}

static void test_rules_quotes_setext_and_fences(void **state)
{
	struct md_doc d = parse("标题\n===\n> 引用\n> 两行\n\n---\n```\n原样 **不加粗**\n```\n小标题\n---\n",
				MD_MARKDOWN);

	(void)state;
	assert_int_equal(d.count, 5);
	assert_int_equal(d.blocks[0].kind, MD_HEADING);
	assert_int_equal(d.blocks[0].level, 1);
	assert_int_equal(d.blocks[1].kind, MD_QUOTE);
	assert_string_equal(d.blocks[1].text, "引用两行");
	assert_int_equal(d.blocks[2].kind, MD_RULE);
	assert_string_equal(d.blocks[3].text, "原样 **不加粗**");
	assert_int_equal(d.blocks[4].kind, MD_HEADING);
	assert_int_equal(d.blocks[4].level, 2);
	markdown_free(&d);
}

static void test_plain_text_is_one_paragraph_per_line(void **state)
{
	struct md_doc d = parse("\xEF\xBB\xBF标题\r\n\r\n\xE3\x80\x80\xE3\x80\x80正文 **不是粗体**\r\n# 不是标题\n", MD_PLAIN);

	(void)state;
	assert_int_equal(d.count, 3);
	assert_string_equal(d.blocks[0].text, "标题");
	assert_string_equal(d.blocks[1].text, "正文 **不是粗体**"); /* indent taken off */
	assert_string_equal(d.blocks[2].text, "# 不是标题");
	assert_null(markdown_title(&d));
	markdown_free(&d);
}

static void test_invalid_utf8_names_the_line(void **state)
{
	struct md_doc d;
	char err[256] = "";
	const char src[] = "第一行\n第二行\n\xB5\xDA\xC8\xFD\xD0\xD0\n";

	(void)state;
	assert_int_equal(markdown_parse(src, strlen(src), MD_MARKDOWN, &d, err, sizeof err), -1);
	assert_non_null(strstr(err, "第 3 行"));
	assert_non_null(strstr(err, "UTF-8"));
	assert_int_equal(d.count, 0);
}

static void test_nul_byte_is_not_text(void **state)
{
	struct md_doc d;
	char err[256] = "";
	const char src[] = "文字\n\0二进制";

	(void)state;
	assert_int_equal(markdown_parse(src, sizeof src - 1, MD_PLAIN, &d, err, sizeof err), -1);
	assert_non_null(strstr(err, "第 2 行"));
}

static void test_too_many_blocks_is_refused(void **state)
{
	size_t n = (MARKDOWN_MAX_BLOCKS + 10) * 4, i;
	char *src = malloc(n + 1), err[256] = "";
	struct md_doc d;

	(void)state;
	for (i = 0; i + 4 <= n; i += 4)
		memcpy(src + i, "a\n\n\n", 4);
	src[n] = '\0';
	assert_int_equal(markdown_parse(src, n, MD_MARKDOWN, &d, err, sizeof err), -1);
	assert_non_null(strstr(err, "段落太多"));
	free(src);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_headings_and_paragraphs),
		cmocka_unit_test(test_latin_lines_join_with_a_space),
		cmocka_unit_test(test_lists_keep_numbers_and_depth),
		cmocka_unit_test(test_bold_spans_point_at_the_plain_text),
		cmocka_unit_test(test_unclosed_markup_is_shown_as_written),
		cmocka_unit_test(test_rules_quotes_setext_and_fences),
		cmocka_unit_test(test_plain_text_is_one_paragraph_per_line),
		cmocka_unit_test(test_invalid_utf8_names_the_line),
		cmocka_unit_test(test_nul_byte_is_not_text),
		cmocka_unit_test(test_too_many_blocks_is_refused),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
