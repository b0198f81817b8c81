/* Reading rosters out of .xlsx workbooks: workbooks written by a real writer (libxlsxwriter, as
 * Excel lays them out: shared strings, date styles, Chinese date formats, hidden sheets), parts
 * written by hand for what other programs do (inline strings, prefixes, _x000D_), and damaged or
 * hostile archives, which must be refused with a sentence, never read half. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <minizip/zip.h>
#include <xlsxwriter.h>

#include "core/exchange/roster.h"
#include "core/formats/xlsx.h"
#include "testdb.h"

static char *slurp(const char *path, size_t *n)
{
	FILE *f = fopen(path, "rb");
	char *data;
	long len;

	assert_non_null(f);
	fseek(f, 0, SEEK_END);
	len = ftell(f);
	rewind(f);
	data = malloc((size_t)len + 1);
	assert_int_equal(fread(data, 1, (size_t)len, f), (size_t)len);
	fclose(f);
	*n = (size_t)len;
	return data;
}

/* The CSV text xlsx_to_csv makes of the workbook at path (asserts it succeeds). */
static char *csv_of(const char *path)
{
	size_t n, len;
	char *data = slurp(path, &n), err[512] = "", *csv;

	csv = xlsx_to_csv(data, n, &len, err, sizeof err);
	if (!csv)
		fail_msg("xlsx_to_csv refused %s: %s", path, err);
	assert_int_equal(strlen(csv), len);
	free(data);
	return csv;
}

/* The message xlsx_to_csv refuses data with (asserts it refuses). */
static void refused(const char *data, size_t n, const char *says)
{
	char err[512] = "";
	size_t len;
	char *csv = xlsx_to_csv(data, n, &len, err, sizeof err);

	if (csv)
		fail_msg("accepted, made: %s", csv);
	if (!strstr(err, says))
		fail_msg("message \"%s\" does not say \"%s\"", err, says);
}

static const char *tmp_path(const char *name)
{
	static char path[256];
	snprintf(path, sizeof path, "/tmp/kiosk-xlsx-%d-%s", (int)getpid(), name);
	return path;
}

/* A roster as an office keeps it: a title row merged across, the header on row 2, dates as date
 * cells in Chinese formats, phones as numbers, an address with a line break, a formula. */
static void write_office_roster(const char *path, bool constant_memory)
{
	lxw_workbook_options opt = { .constant_memory = constant_memory ? LXW_TRUE : LXW_FALSE };
	lxw_workbook *wb = workbook_new_opt(path, &opt);
	lxw_worksheet *cover = workbook_add_worksheet(wb, "说明");
	lxw_worksheet *ws = workbook_add_worksheet(wb, "党员名单");
	lxw_format *ymd = workbook_add_format(wb), *ym = workbook_add_format(wb);
	lxw_format *builtin = workbook_add_format(wb);
	lxw_datetime born = { 1956, 3, 5, 0, 0, 0 }, joined = { 1978, 7, 1, 0, 0, 0 };
	lxw_datetime born2 = { 1990, 12, 31, 0, 0, 0 };
	static const char *const header[] = { "序号", "姓名", "性别", "出生日期", "联系电话",
					      "家庭住址", "所属支部", "入党时间", "备注" };
	int c;

	format_set_num_format(ymd, "yyyy\"年\"m\"月\"d\"日\"");
	format_set_num_format(ym, "yyyy年m月");
	format_set_num_format_index(builtin, 14);
	worksheet_write_string(cover, 0, 0, "这张表是说明，名单在下一张", NULL);
	worksheet_hide(cover);
	worksheet_activate(ws);
	worksheet_write_string(ws, 0, 0, "幸福里社区党员名单（2026年）", NULL);
	for (c = 0; c < 9; c++)
		worksheet_write_string(ws, 1, (lxw_col_t)c, header[c], NULL);
	worksheet_write_number(ws, 2, 0, 1, NULL);
	worksheet_write_string(ws, 2, 1, "王建国", NULL);
	worksheet_write_string(ws, 2, 2, "男", NULL);
	worksheet_write_datetime(ws, 2, 3, &born, ymd);
	worksheet_write_number(ws, 2, 4, 13812345678.0, NULL);
	worksheet_write_string(ws, 2, 5, "幸福小区3栋\n2单元\"东\"", NULL);
	worksheet_write_string(ws, 2, 6, "第一支部", NULL);
	worksheet_write_datetime(ws, 2, 7, &joined, ym);
	worksheet_write_number(ws, 3, 0, 2, NULL);
	worksheet_write_string(ws, 3, 1, "阿依古丽·买买提", NULL);
	worksheet_write_datetime(ws, 3, 3, &born2, builtin);
	worksheet_write_string(ws, 3, 4, "139 0000 2222", NULL);
	worksheet_write_string(ws, 3, 6, "第二支部", NULL);
	worksheet_write_formula_str(ws, 3, 8, "=\"备\"&\"注\"", NULL, "备注");
	/* row 5 left empty; row 6 holds a name alone, far down column B */
	worksheet_write_string(ws, 5, 1, "𠮷雅", NULL);
	worksheet_write_string(ws, 5, 6, "第一支部", NULL);
	assert_int_equal(workbook_close(wb), LXW_NO_ERROR);
}

static void test_office_workbook_becomes_csv_row_for_row(void **state)
{
	const char *path = tmp_path("office.xlsx");
	char *csv;
	int mode;

	(void)state;
	for (mode = 0; mode < 2; mode++) { /* shared strings, then inline strings */
		write_office_roster(path, mode == 1);
		csv = csv_of(path);
		assert_string_equal(csv,
			"\"幸福里社区党员名单（2026年）\"\n"
			"\"序号\",\"姓名\",\"性别\",\"出生日期\",\"联系电话\",\"家庭住址\",\"所属支部\",\"入党时间\",\"备注\"\n"
			"\"1\",\"王建国\",\"男\",\"1956-03-05\",\"13812345678\",\"幸福小区3栋 2单元\"\"东\"\"\",\"第一支部\",\"1978-07\"\n"
			"\"2\",\"阿依古丽·买买提\",,\"1990-12-31\",\"139 0000 2222\",,\"第二支部\",,\"备注\"\n"
			"\n"
			",\"𠮷雅\",,,,,\"第一支部\"\n");
		free(csv);
	}
	unlink(path);
}

/* Write a zip holding the given parts (name, content pairs, NULL-terminated). */
static void write_zip(const char *path, const char *const *parts)
{
	zipFile z = zipOpen(path, APPEND_STATUS_CREATE);

	assert_non_null(z);
	for (; parts[0]; parts += 2) {
		assert_int_equal(zipOpenNewFileInZip(z, parts[0], NULL, NULL, 0, NULL, 0, NULL,
						     Z_DEFLATED, Z_DEFAULT_COMPRESSION), ZIP_OK);
		assert_int_equal(zipWriteInFileInZip(z, parts[1], (unsigned)strlen(parts[1])), ZIP_OK);
		zipCloseFileInZip(z);
	}
	assert_int_equal(zipClose(z, NULL), ZIP_OK);
}

/* Zip the parts and check that the reader refuses the result, saying what. */
static void refused_zip(const char *path, const char *const *parts, const char *says)
{
	size_t n;
	char *data;

	write_zip(path, parts);
	data = slurp(path, &n);
	refused(data, n, says);
	free(data);
}

#define WORKBOOK_1SHEET                                                                            \
	"xl/workbook.xml",                                                                         \
		"<workbook xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">" \
		"<sheets><sheet name=\"名单\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>",  \
		"xl/_rels/workbook.xml.rels",                                                      \
		"<Relationships><Relationship Id=\"rId1\" Target=\"/xl/worksheets/名单.xml\"/></Relationships>"

static void test_hand_written_parts_other_programs_make(void **state)
{
	const char *path = tmp_path("hand.xlsx");
	/* prefixed elements, inline strings with runs, a cell without r, _x000D_, a 1904 workbook */
	static const char *const parts[] = {
		"xl/workbook.xml",
		"<x:workbook xmlns:x=\"s\" xmlns:rel=\"r\"><x:workbookPr date1904=\"true\"/>"
		"<x:sheets><x:sheet name=\"名单\" sheetId=\"1\" rel:id=\"rId7\"/></x:sheets></x:workbook>",
		"xl/_rels/workbook.xml.rels",
		"<Relationships><Relationship Id=\"rId7\" Target=\"worksheets/s.xml\"/></Relationships>",
		"xl/styles.xml",
		"<x:styleSheet xmlns:x=\"s\"><x:numFmts><x:numFmt numFmtId=\"200\" formatCode=\"[$-804]yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;\"/>"
		"<x:numFmt numFmtId=\"201\" formatCode=\"h:mm\"/></x:numFmts>"
		"<x:cellStyleXfs><x:xf numFmtId=\"200\"/></x:cellStyleXfs>"
		"<x:cellXfs><x:xf numFmtId=\"0\"/><x:xf numFmtId=\"200\"/><x:xf numFmtId=\"201\"/></x:cellXfs></x:styleSheet>",
		"xl/sharedStrings.xml",
		"<sst>\n  <si>\n    <r>\n      <rPr><b/></rPr>\n      <t>李</t>\n    </r>\n"
		"    <r><t xml:space=\"preserve\"> 四</t></r>\n    <rPh sb=\"0\" eb=\"1\"><t>リ</t></rPh>\n  </si>\n</sst>",
		"xl/worksheets/s.xml",
		"<x:worksheet xmlns:x=\"s\"><x:sheetData>"
		"<x:row r=\"1\"><x:c t=\"inlineStr\"><x:is><x:t>姓名</x:t></x:is></x:c>"
		"<x:c t=\"inlineStr\"><x:is><x:r><x:t>所属</x:t></x:r><x:r><x:t>支部</x:t></x:r></x:is></x:c>"
		"<x:c t=\"inlineStr\"><x:is><x:t>出生日期</x:t></x:is></x:c><x:c r=\"D1\" t=\"inlineStr\"><x:is><x:t>到场</x:t></x:is></x:c></x:row>"
		"<x:row><x:c r=\"A2\" t=\"inlineStr\"><x:is><x:t>张_x000D_三</x:t></x:is></x:c>"
		"<x:c r=\"B2\" t=\"str\"><x:f>1</x:f><x:v>一支部</x:v></x:c>"
		"<x:c r=\"C2\" s=\"1\"><x:v>19492.5</x:v></x:c><x:c r=\"D2\" s=\"2\"><x:v>0.5</x:v></x:c>"
		"<x:c r=\"E2\" s=\"1\"/><x:c r=\"XFD2\" s=\"1\"/></x:row>"
		"<x:row r=\"3\"><x:c r=\"A3\" t=\"b\"><x:v>1</x:v></x:c><x:c r=\"B3\" t=\"e\"><x:v>#N/A</x:v></x:c>"
		"<x:c r=\"C3\"><x:v>1.5E3</x:v></x:c><x:c r=\"D3\" t=\"s\"/><x:c r=\"E3\" t=\"s\">\n  <x:v>0</x:v>\n</x:c></x:row>"
		"</x:sheetData></x:worksheet>",
		NULL
	};
	char *csv;

	(void)state;
	write_zip(path, parts);
	csv = csv_of(path);
	/* 19492 days after 1904-01-01 is 1957-05-14; an empty styled cell at XFD writes nothing */
	assert_string_equal(csv, "\"姓名\",\"所属支部\",\"出生日期\",\"到场\"\n"
				 "\"张 三\",\"一支部\",\"1957-05-14\",\"0.5\"\n"
				 "\"TRUE\",\"#N/A\",\"1500\",,\"李 四\"\n");
	free(csv);
	unlink(path);
}

static void test_damaged_and_hostile_workbooks_are_refused(void **state)
{
	const char *path = tmp_path("bad.xlsx");
	static const char *const no_workbook[] = { "word/document.xml", "<w/>", NULL };
	static const char *const hidden_only[] = {
		"xl/workbook.xml", "<workbook><sheets><sheet name=\"a\" state=\"hidden\" r:id=\"rId1\"/></sheets></workbook>",
		NULL };
	static const char *const bad_string[] = {
		WORKBOOK_1SHEET, "xl/worksheets/名单.xml",
		"<worksheet><sheetData><row r=\"1\"><c r=\"A1\" t=\"s\"><v>5</v></c></row></sheetData></worksheet>",
		NULL };
	static const char *const far_row[] = {
		WORKBOOK_1SHEET, "xl/worksheets/名单.xml",
		"<worksheet><sheetData><row r=\"900000\"><c r=\"A900000\"><v>1</v></c></row></sheetData></worksheet>",
		NULL };
	static const char *const far_column[] = {
		WORKBOOK_1SHEET, "xl/worksheets/名单.xml",
		"<worksheet><sheetData><row r=\"1\"><c r=\"ZZ1\"><v>1</v></c></row></sheetData></worksheet>",
		NULL };
	static const char *const rows_backwards[] = {
		WORKBOOK_1SHEET, "xl/worksheets/名单.xml",
		"<worksheet><sheetData><row r=\"5\"/><row r=\"2\"/></sheetData></worksheet>", NULL };
	static const char *const broken_xml[] = {
		WORKBOOK_1SHEET, "xl/worksheets/名单.xml", "<worksheet><sheetData><row r=\"1\">", NULL };
	static const char *const laughs[] = {
		WORKBOOK_1SHEET, "xl/worksheets/名单.xml",
		"<?xml version=\"1.0\"?><!DOCTYPE w [<!ENTITY a \"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\">"
		"<!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">"
		"<!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">"
		"<!ENTITY d \"&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;\">"
		"<!ENTITY e \"&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;\">"
		"<!ENTITY f \"&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;\">]>"
		"<worksheet><sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>&f;</t></is></c></row></sheetData></worksheet>",
		NULL };
	size_t n, cut, len;
	char *data, *full;

	(void)state;
	refused("PK\x03\x04", 4, "不是完整的 Excel 工作簿");
	refused("name,branch\n", 12, "不是完整的 Excel 工作簿");
	refused_zip(path, no_workbook, "不是 Excel 工作簿");
	refused_zip(path, hidden_only, "没有可见的工作表");
	refused_zip(path, bad_string, "第 1 行第 1 列引用的文字不存在");
	refused_zip(path, far_row, "第 900000 行有内容");
	refused_zip(path, far_column, "第 702 列有内容");
	refused_zip(path, rows_backwards, "行号不对");
	refused_zip(path, broken_xml, "不完整");
	/* "billion laughs": stopped long before memory runs out */
	refused_zip(path, laughs, "重新保存");
	/* A real workbook cut short, as a stick pulled out while copying leaves it: refused, never
	 * read in part. (Cut inside the zip's last record, after every part and its checksum, the
	 * whole roster is still there and reading it is right: the result must then be all of it.) */
	write_office_roster(path, false);
	data = slurp(path, &n);
	full = csv_of(path);
	for (cut = 1; cut < n; cut += cut < n - 64 ? 97 : 1) {
		char err[512] = "", *csv = xlsx_to_csv(data, cut, &len, err, sizeof err);
		if (csv ? strcmp(csv, full) != 0 : !err[0])
			fail_msg("cut at %zu of %zu: %s", cut, n, csv ? csv : "refused without a word");
		if (!csv && cut < n - 22)
			assert_non_null(strstr(err, "Excel"));
		free(csv);
	}
	free(full);
	free(data);
	unlink(path);
}

static void ignore_problem(void *ctx, const char *problem)
{
	char *all = ctx;
	size_t used = strlen(all);
	snprintf(all + used, 4096 - used, "%s\n", problem);
}

/* A workbook with 姓名, 所属支部 and one more column (header at col) whose cell in row holds
 * value: the import refuses it and names the cell as says. */
static void bad_cell_is_named(struct testdb *t, const char *path, int row, int col,
			      const char *header, const char *value, const char *says)
{
	lxw_workbook *wb = workbook_new(path);
	lxw_worksheet *ws = workbook_add_worksheet(wb, NULL);
	struct roster_result res;
	char problems[4096] = "", *data;
	size_t n;

	worksheet_write_string(ws, 0, 0, "姓名", NULL);
	worksheet_write_string(ws, 0, 1, "所属支部", NULL);
	worksheet_write_string(ws, 0, (lxw_col_t)col, header, NULL);
	worksheet_write_string(ws, (lxw_row_t)row, 0, "李四", NULL);
	worksheet_write_string(ws, (lxw_row_t)row, 1, "第一支部", NULL);
	worksheet_write_string(ws, (lxw_row_t)row, (lxw_col_t)col, value, NULL);
	assert_int_equal(workbook_close(wb), LXW_NO_ERROR);
	data = slurp(path, &n);
	assert_int_equal(roster_import(t->db, "名单.xlsx", data, n, "test", false, &res,
				       ignore_problem, problems), -1);
	free(data);
	if (!strstr(problems, says))
		fail_msg("problems: %s", problems);
}

static void test_roster_import_reads_workbooks(void **state)
{
	struct testdb *t = testdb_new();
	const char *path = tmp_path("import.xlsx");
	struct roster_result res;
	char problems[4096] = "";
	struct member m;
	size_t n;
	char *data;

	(void)state;
	/* the title row above the header is skipped; dates and phones arrive as typed */
	write_office_roster(path, false);
	data = slurp(path, &n);
	if (roster_import(t->db, "名单.xlsx", data, n, "test", false, &res, ignore_problem,
			  problems) != 0)
		fail_msg("refused: %s", problems);
	assert_int_equal(res.added, 3);
	assert_string_equal(res.encoding, "Excel 工作簿");
	assert_int_equal(members_get(t->db, 1, &m, t->err, sizeof t->err), 0);
	assert_string_equal(m.f[MF_NAME], "王建国");
	assert_string_equal(m.f[MF_BIRTH], "1956-03-05");
	assert_string_equal(m.f[MF_PHONE], "13812345678");
	assert_string_equal(m.f[MF_JOINED], "1978-07");
	assert_string_equal(m.f[MF_ADDRESS], "幸福小区3栋 2单元\"东\"");
	/* the same workbook again changes nothing */
	assert_int_equal(roster_import(t->db, "名单.xlsx", data, n, "test", false, &res,
				       ignore_problem, problems), 0);
	assert_int_equal(res.unchanged, 3);
	free(data);
	/* a bad cell is reported at the row and column Excel shows, past Z too */
	bad_cell_is_named(t, path, 3, 3, "出生日期", "1956-02-30", "名单.xlsx:第 4 行 D 列（出生日期）");
	bad_cell_is_named(t, path, 1, 27, "联系电话", "12", "名单.xlsx:第 2 行 AB 列（联系电话）");
	testdb_free(t);
	unlink(path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_office_workbook_becomes_csv_row_for_row),
		cmocka_unit_test(test_hand_written_parts_other_programs_make),
		cmocka_unit_test(test_damaged_and_hostile_workbooks_are_refused),
		cmocka_unit_test(test_roster_import_reads_workbooks),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
