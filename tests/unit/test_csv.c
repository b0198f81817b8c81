/* The roster CSV reader: what Excel and WPS write must read back field for field with the right
 * line numbers, and broken or hostile text must give a message naming the line, never a crash. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/formats/csv.h"
#include "core/formats/encoding.h"

/* Read the next record and check that it started on line and holds exactly want (NULL-ended). */
static void next_is(struct csv *c, size_t line, const char *const *want)
{
	char **fields;
	size_t count, i, n = 0;
	char err[256] = "";
	int rc = csv_next(c, &fields, &count, err, sizeof(err));

	if (rc != 1)
		fail_msg("csv_next returned %d (%s), expected a record on line %zu", rc, err, line);
	while (want[n])
		n++;
	assert_int_equal(count, n);
	for (i = 0; i < n; i++)
		assert_string_equal(fields[i], want[i]);
	assert_null(fields[count]);
	assert_int_equal(csv_line(c), line);
}

/* Read the next record, expecting -1 with an error containing want. */
static void next_fails(struct csv *c, const char *want)
{
	char **fields;
	size_t count;
	char err[256] = "";
	int rc = csv_next(c, &fields, &count, err, sizeof(err));

	if (rc != -1)
		fail_msg("csv_next returned %d, expected an error containing [%s]", rc, want);
	if (strstr(err, want) == NULL)
		fail_msg("error [%s] does not contain [%s]", err, want);
}

static void at_end(struct csv *c)
{
	char **fields;
	size_t count;
	char err[256] = "";

	assert_int_equal(csv_next(c, &fields, &count, err, sizeof(err)), 0);
	assert_int_equal(count, 0);
	/* End of input stays the end. */
	assert_int_equal(csv_next(c, &fields, &count, err, sizeof(err)), 0);
}

static struct csv *open_str(const char *s)
{
	struct csv *c = csv_open(s, strlen(s));

	assert_non_null(c);
	return c;
}

#define R(...) ((const char *const[]){ __VA_ARGS__, NULL })

static void test_comma_record_is_split_into_fields(void **state)
{
	struct csv *c = open_str("姓名,手机号,支部\n张秀兰,13800000001,第一支部\n");

	(void)state;
	assert_int_equal(csv_delimiter(c), ',');
	assert_int_equal(csv_line(c), 0);
	next_is(c, 1, R("姓名", "手机号", "支部"));
	next_is(c, 2, R("张秀兰", "13800000001", "第一支部"));
	at_end(c);
	csv_close(c);
}

static void test_crlf_lf_and_lone_cr_end_lines_alike(void **state)
{
	static const char *const inputs[] = {
		"a,b\r\n张秀兰,1\r\n\r\n阿依古丽·买买提,2\r\n",
		"a,b\n张秀兰,1\n\n阿依古丽·买买提,2\n",
		"a,b\r张秀兰,1\r\r阿依古丽·买买提,2\r",
		"a,b\r\n张秀兰,1\n\r阿依古丽·买买提,2",
	};
	size_t i;
	struct csv *c;

	(void)state;
	for (i = 0; i < sizeof(inputs) / sizeof(inputs[0]); i++) {
		c = open_str(inputs[i]);
		next_is(c, 1, R("a", "b"));
		next_is(c, 2, R("张秀兰", "1"));
		next_is(c, 4, R("阿依古丽·买买提", "2"));
		at_end(c);
		csv_close(c);
	}
}

static void test_last_line_without_newline_is_read(void **state)
{
	struct csv *c = open_str("a,b\n𠮷田,3");

	(void)state;
	next_is(c, 1, R("a", "b"));
	next_is(c, 2, R("𠮷田", "3"));
	at_end(c);
	csv_close(c);
}

static void test_trailing_empty_lines_are_skipped(void **state)
{
	struct csv *c = open_str("a,b\r\n1,2\r\n\r\n\r\n\n\r");

	(void)state;
	next_is(c, 1, R("a", "b"));
	next_is(c, 2, R("1", "2"));
	at_end(c);
	csv_close(c);
}

static void test_blank_lines_are_skipped_but_counted(void **state)
{
	struct csv *c = open_str("\n\na,b\n\n\n1,2\n");

	(void)state;
	next_is(c, 3, R("a", "b"));
	next_is(c, 6, R("1", "2"));
	at_end(c);
	csv_close(c);
}

static void test_line_of_only_delimiters_is_a_record_of_empty_fields(void **state)
{
	struct csv *c = open_str("a,b,c\n,,\n");

	(void)state;
	next_is(c, 1, R("a", "b", "c"));
	next_is(c, 2, R("", "", ""));
	at_end(c);
	csv_close(c);
}

static void test_trailing_delimiter_gives_empty_last_field(void **state)
{
	struct csv *c = open_str("a,b,\n1,,");

	(void)state;
	next_is(c, 1, R("a", "b", ""));
	next_is(c, 2, R("1", "", ""));
	at_end(c);
	csv_close(c);
}

static void test_quoted_field_keeps_delimiter(void **state)
{
	struct csv *c = open_str("\"张秀兰,副书记\",\"1\"\n");

	(void)state;
	next_is(c, 1, R("张秀兰,副书记", "1"));
	at_end(c);
	csv_close(c);
}

static void test_doubled_quote_in_quoted_field_becomes_one(void **state)
{
	struct csv *c = open_str("\"他说\"\"到\"\"\",\"\"\"\"\n");

	(void)state;
	next_is(c, 1, R("他说\"到\"", "\""));
	at_end(c);
	csv_close(c);
}

static void test_quoted_field_keeps_line_break(void **state)
{
	/* Alt+Enter in an Excel cell: the break is kept as written, and lines after it count on. */
	struct csv *c = open_str("姓名,地址\r\n张秀兰,\"幸福路1号\r\n2单元\"\r\n阿依古丽,\"a\nb\rc\"\r\n李强,3\r\n");

	(void)state;
	next_is(c, 1, R("姓名", "地址"));
	next_is(c, 2, R("张秀兰", "幸福路1号\r\n2单元"));
	next_is(c, 4, R("阿依古丽", "a\nb\rc"));
	next_is(c, 7, R("李强", "3"));
	at_end(c);
	csv_close(c);
}

static void test_empty_quoted_field_is_a_record(void **state)
{
	struct csv *c = open_str("a\n\"\"\n");

	(void)state;
	next_is(c, 1, R("a"));
	next_is(c, 2, R(""));
	at_end(c);
	csv_close(c);
}

static void test_quote_inside_unquoted_field_is_literal(void **state)
{
	struct csv *c = open_str("张\"秀\"兰,5\"\n");

	(void)state;
	next_is(c, 1, R("张\"秀\"兰", "5\""));
	at_end(c);
	csv_close(c);
}

static void test_fields_are_not_trimmed(void **state)
{
	struct csv *c = open_str(" 张秀兰 , 1\t,\" 2 \"\n");

	(void)state;
	next_is(c, 1, R(" 张秀兰 ", " 1\t", " 2 "));
	at_end(c);
	csv_close(c);
}

static void test_tab_delimiter_is_detected_from_first_record(void **state)
{
	struct csv *c = open_str("姓名\t手机号\t备注\r\n张秀兰\t138,0000\t\"a\tb\"\r\n");

	(void)state;
	assert_int_equal(csv_delimiter(c), '\t');
	next_is(c, 1, R("姓名", "手机号", "备注"));
	next_is(c, 2, R("张秀兰", "138,0000", "a\tb"));
	at_end(c);
	csv_close(c);
}

static void test_comma_stays_delimiter_unless_tabs_outnumber_it(void **state)
{
	struct csv *c = open_str("a\tb,c\td,e\n");

	(void)state;
	assert_int_equal(csv_delimiter(c), ',');
	csv_close(c);
	c = open_str("\n\nab\n");
	assert_int_equal(csv_delimiter(c), ',');
	csv_close(c);
	c = open_str("\r\n\"x,y,z\"\ta\tb,c\n");
	assert_int_equal(csv_delimiter(c), '\t');
	csv_close(c);
}

static void test_delimiters_inside_quotes_do_not_decide(void **state)
{
	struct csv *c = open_str("\"a\tb\tc\",d\n");

	(void)state;
	assert_int_equal(csv_delimiter(c), ',');
	next_is(c, 1, R("a\tb\tc", "d"));
	csv_close(c);
	/* A quoted header may span lines; the TABs after it still count. */
	c = open_str("\"多,行\n标题\"\tb\tc\n");
	assert_int_equal(csv_delimiter(c), '\t');
	next_is(c, 1, R("多,行\n标题", "b", "c"));
	csv_close(c);
}

static void test_unterminated_quote_names_line_and_column_and_reading_goes_on(void **state)
{
	struct csv *c = open_str("姓名,手机号,备注\n张秀兰,138,\"没有闭合\n李强,139,ok\n王芳,137,\n");

	(void)state;
	next_is(c, 1, R("姓名", "手机号", "备注"));
	next_fails(c, "第 2 行第 3 列：引号没有闭合");
	assert_int_equal(csv_line(c), 2);
	next_is(c, 3, R("李强", "139", "ok"));
	next_is(c, 4, R("王芳", "137", ""));
	at_end(c);
	csv_close(c);
}

static void test_unterminated_quote_on_last_line_ends_input(void **state)
{
	struct csv *c = open_str("a,b\n\n1,\"2");

	(void)state;
	next_is(c, 1, R("a", "b"));
	next_fails(c, "第 3 行第 2 列：引号没有闭合");
	at_end(c);
	csv_close(c);
}

static void test_unterminated_quote_names_the_line_of_the_quote(void **state)
{
	/* The record starts on line 1; its second quoted field opens on line 2 and never closes. */
	struct csv *c = open_str("\"a\nb\",\"c\nd,e\nf,g\n");

	(void)state;
	next_fails(c, "第 2 行第 2 列：引号没有闭合");
	next_is(c, 3, R("d", "e"));
	next_is(c, 4, R("f", "g"));
	at_end(c);
	csv_close(c);
}

static void test_text_after_closing_quote_is_an_error_and_reading_goes_on(void **state)
{
	struct csv *c = open_str("a,b\n1,\"张秀兰\"同志,x\n2,ok\n");

	(void)state;
	next_is(c, 1, R("a", "b"));
	next_fails(c, "第 2 行第 2 列：右引号后面还有字符");
	assert_int_equal(csv_line(c), 2);
	next_is(c, 3, R("2", "ok"));
	at_end(c);
	csv_close(c);
}

static void test_several_problems_can_be_collected(void **state)
{
	struct csv *c = open_str("a,b\n\"x\"y,1\nok,2\n\"p\"q,3\n\"r\n");
	char **fields;
	size_t count, records = 0, problems = 0;
	char err[256];
	int rc;

	(void)state;
	while ((rc = csv_next(c, &fields, &count, err, sizeof(err))) != 0) {
		if (rc == 1)
			records++;
		else
			problems++;
	}
	assert_int_equal(records, 2);
	assert_int_equal(problems, 3);
	csv_close(c);
}

/* A record of n fields "1".."n" with the given delimiter. */
static char *wide_record(size_t n, char delim)
{
	char *s = malloc(n * 6 + 2), *p = s;
	size_t i;

	assert_non_null(s);
	for (i = 0; i < n; i++)
		p += sprintf(p, "%zu%c", i + 1, i + 1 < n ? delim : '\n');
	*p = '\0';
	return s;
}

static void test_1024_fields_are_accepted(void **state)
{
	char *s = wide_record(CSV_MAX_FIELDS, '\t');
	struct csv *c = open_str(s);
	char **fields;
	size_t count;
	char err[256] = "";

	(void)state;
	assert_int_equal(csv_next(c, &fields, &count, err, sizeof(err)), 1);
	assert_int_equal(count, CSV_MAX_FIELDS);
	assert_string_equal(fields[0], "1");
	assert_string_equal(fields[1023], "1024");
	at_end(c);
	csv_close(c);
	free(s);
}

static void test_too_many_fields_is_an_error_and_next_record_reads(void **state)
{
	char *wide = wide_record(CSV_MAX_FIELDS + 1, ',');
	size_t len = strlen(wide);
	char *s = malloc(len + 32);
	struct csv *c;

	(void)state;
	assert_non_null(s);
	snprintf(s, len + 32, "a,b\n%s张秀兰,1\n", wide);
	c = open_str(s);
	next_is(c, 1, R("a", "b"));
	next_fails(c, "第 2 行：列数太多");
	next_is(c, 3, R("张秀兰", "1"));
	at_end(c);
	csv_close(c);
	free(s);
	free(wide);
}

static void test_64k_field_is_accepted_and_one_byte_more_is_refused(void **state)
{
	size_t max = CSV_MAX_FIELD_BYTES;
	char *s = malloc(2 * max + 64), *p = s;
	struct csv *c;
	char **fields;
	size_t count;
	char err[256] = "";

	(void)state;
	assert_non_null(s);
	/* Line 1: a field of exactly the limit; line 2: quoted, one byte over; line 3: fine. */
	memset(p, 'x', max);
	p += max;
	p += sprintf(p, ",a\n1,\"");
	memset(p, 'y', max + 1);
	p += max + 1;
	p += sprintf(p, "\"\nok,2\n");
	c = csv_open(s, (size_t)(p - s));
	assert_non_null(c);
	assert_int_equal(csv_next(c, &fields, &count, err, sizeof(err)), 1);
	assert_int_equal(count, 2);
	assert_int_equal(strlen(fields[0]), max);
	next_fails(c, "第 2 行：字段太长");
	next_is(c, 3, R("ok", "2"));
	at_end(c);
	csv_close(c);
	free(s);
}

static void test_empty_input_has_no_records(void **state)
{
	struct csv *c = csv_open("", 0);

	(void)state;
	assert_non_null(c);
	assert_int_equal(csv_delimiter(c), ',');
	at_end(c);
	csv_close(c);
	c = csv_open(NULL, 0);
	at_end(c);
	csv_close(c);
	csv_close(NULL);
}

static void test_only_blank_lines_have_no_records(void **state)
{
	struct csv *c = open_str("\r\n\n\r\r\n");

	(void)state;
	at_end(c);
	csv_close(c);
}

static void test_nul_in_text_is_refused(void **state)
{
	struct csv *c = csv_open("a,b\nc,d\0e\nf,g\n", 14);

	(void)state;
	next_is(c, 1, R("a", "b"));
	next_fails(c, "第 2 行第 2 列：有空字符");
	next_is(c, 3, R("f", "g"));
	csv_close(c);
}

static void test_utf8_bom_at_start_is_skipped(void **state)
{
	struct csv *c = open_str("\xEF\xBB\xBF\"姓名\"\t手机号\n");

	(void)state;
	assert_int_equal(csv_delimiter(c), '\t');
	next_is(c, 1, R("姓名", "手机号"));
	csv_close(c);
}

static void test_hostile_quote_patterns_are_read_in_one_pass(void **state)
{
	/* Lines that open quotes others close, stray quotes, quote runs: about 1 MB each. A reader
	 * that rescanned to the end of the input after every error would take minutes here. */
	static const char *const patterns[][2] = {
		{ "a,\"b\n", "\"x\"\"\n" }, { "x,\"\n", "\"\n" }, { "\"\"\"\n", "\"\n" },
		{ "\",\"\n", "\"\"\n" }, { "\"\t\"\"\n", "x\"\n" },
	};
	size_t lines = 200000, i, k, len, records;
	char *s, *p;
	struct csv *c;
	char **fields;
	size_t count;
	char err[256];

	(void)state;
	s = malloc(lines * 8);
	assert_non_null(s);
	for (k = 0; k < sizeof(patterns) / sizeof(patterns[0]); k++) {
		p = s;
		for (i = 0; i < lines; i++) {
			len = strlen(patterns[k][i % 2]);
			memcpy(p, patterns[k][i % 2], len);
			p += len;
		}
		c = csv_open(s, (size_t)(p - s));
		records = 0;
		while (csv_next(c, &fields, &count, err, sizeof(err)) != 0)
			records++;
		assert_true(records > 0 && records <= lines);
		csv_close(c);
	}
	free(s);
}

/* The whole path as the import will use it: raw file bytes through encoding, then the reader. */
static char *as_saved(const char *utf8, const char *charset, const char *bom, size_t bom_len,
                      size_t *n)
{
	size_t len = strlen(utf8), cap = len * 4 + bom_len, inleft = len, outleft = cap - bom_len;
	char *out = malloc(cap), *in = (char *)utf8, *o;
	iconv_t cd = iconv_open(charset, "UTF-8");

	assert_non_null(out);
	assert_true(cd != (iconv_t)-1);
	memcpy(out, bom, bom_len);
	o = out + bom_len;
	assert_true(iconv(cd, &in, &inleft, &o, &outleft) != (size_t)-1);
	iconv_close(cd);
	*n = (size_t)(o - out);
	return out;
}

static void reads_roster(const char *raw, size_t n, enum text_encoding want_enc, char want_delim)
{
	enum text_encoding enc;
	char err[256] = "";
	size_t len;
	char *text = encoding_to_utf8(raw, n, &enc, &len, err, sizeof(err));
	struct csv *c;

	if (text == NULL)
		fail_msg("refused: %s", err);
	assert_int_equal(enc, want_enc);
	c = csv_open(text, len);
	assert_int_equal(csv_delimiter(c), want_delim);
	next_is(c, 1, R("姓名", "手机号", "备注"));
	next_is(c, 2, R("张秀兰", "13800000001", "副书记, 兼组织委员"));
	next_is(c, 3, R("阿依古丽·买买提", "13800000002", "说\"好\"\n新党员"));
	next_is(c, 5, R("李强", "13800000003", ""));
	at_end(c);
	csv_close(c);
	free(text);
}

static void test_excel_unicode_text_roster_reads_end_to_end(void **state)
{
	const char *tsv = "姓名\t手机号\t备注\r\n张秀兰\t13800000001\t副书记, 兼组织委员\r\n"
	                  "阿依古丽·买买提\t13800000002\t\"说\"\"好\"\"\n新党员\"\r\n"
	                  "李强\t13800000003\t\r\n";
	size_t n;
	char *raw = as_saved(tsv, "UTF-16LE", "\xFF\xFE", 2, &n);

	(void)state;
	reads_roster(raw, n, ENC_UTF16LE, '\t');
	free(raw);
}

static void test_gbk_and_utf8_bom_rosters_read_end_to_end(void **state)
{
	const char *csv = "姓名,手机号,备注\r\n张秀兰,13800000001,\"副书记, 兼组织委员\"\r\n"
	                  "阿依古丽·买买提,13800000002,\"说\"\"好\"\"\n新党员\"\r\n"
	                  "李强,13800000003,\r\n";
	size_t n;
	char *raw = as_saved(csv, "GBK", "", 0, &n);

	(void)state;
	reads_roster(raw, n, ENC_GB18030, ',');
	free(raw);
	raw = as_saved(csv, "UTF-8", "\xEF\xBB\xBF", 3, &n);
	reads_roster(raw, n, ENC_UTF8_BOM, ',');
	free(raw);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_comma_record_is_split_into_fields),
		cmocka_unit_test(test_crlf_lf_and_lone_cr_end_lines_alike),
		cmocka_unit_test(test_last_line_without_newline_is_read),
		cmocka_unit_test(test_trailing_empty_lines_are_skipped),
		cmocka_unit_test(test_blank_lines_are_skipped_but_counted),
		cmocka_unit_test(test_line_of_only_delimiters_is_a_record_of_empty_fields),
		cmocka_unit_test(test_trailing_delimiter_gives_empty_last_field),
		cmocka_unit_test(test_quoted_field_keeps_delimiter),
		cmocka_unit_test(test_doubled_quote_in_quoted_field_becomes_one),
		cmocka_unit_test(test_quoted_field_keeps_line_break),
		cmocka_unit_test(test_empty_quoted_field_is_a_record),
		cmocka_unit_test(test_quote_inside_unquoted_field_is_literal),
		cmocka_unit_test(test_fields_are_not_trimmed),
		cmocka_unit_test(test_tab_delimiter_is_detected_from_first_record),
		cmocka_unit_test(test_comma_stays_delimiter_unless_tabs_outnumber_it),
		cmocka_unit_test(test_delimiters_inside_quotes_do_not_decide),
		cmocka_unit_test(test_unterminated_quote_names_line_and_column_and_reading_goes_on),
		cmocka_unit_test(test_unterminated_quote_on_last_line_ends_input),
		cmocka_unit_test(test_unterminated_quote_names_the_line_of_the_quote),
		cmocka_unit_test(test_text_after_closing_quote_is_an_error_and_reading_goes_on),
		cmocka_unit_test(test_several_problems_can_be_collected),
		cmocka_unit_test(test_1024_fields_are_accepted),
		cmocka_unit_test(test_too_many_fields_is_an_error_and_next_record_reads),
		cmocka_unit_test(test_64k_field_is_accepted_and_one_byte_more_is_refused),
		cmocka_unit_test(test_empty_input_has_no_records),
		cmocka_unit_test(test_only_blank_lines_have_no_records),
		cmocka_unit_test(test_nul_in_text_is_refused),
		cmocka_unit_test(test_utf8_bom_at_start_is_skipped),
		cmocka_unit_test(test_hostile_quote_patterns_are_read_in_one_pass),
		cmocka_unit_test(test_excel_unicode_text_roster_reads_end_to_end),
		cmocka_unit_test(test_gbk_and_utf8_bom_rosters_read_end_to_end),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
