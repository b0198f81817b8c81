/* Roster import: the encodings and shapes Excel and WPS produce, re-imports, and broken files
 * that must change nothing. */
#include <iconv.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "core/exchange/roster.h"
#include "testdb.h"

struct problems {
	int count;
	char all[8192];
};

static void collect(void *ctx, const char *problem)
{
	struct problems *p = ctx;
	size_t used = strlen(p->all);

	p->count++;
	snprintf(p->all + used, sizeof p->all - used, "%s\n", problem);
}

static int import(struct testdb *t, const char *data, size_t n, struct roster_result *res,
		  struct problems *p)
{
	memset(p, 0, sizeof *p);
	return roster_import(t->db, "名单.csv", data, n, "test", false, res, collect, p);
}

static int count_members(struct testdb *t)
{
	sqlite3_stmt *st;
	int n = -1;

	sqlite3_prepare_v2(t->db->sql, "SELECT count(*) FROM members", -1, &st, NULL);
	if (sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return n;
}

static int member_field(void *ctx, const struct member *m)
{
	char *out = ctx;
	size_t used = strlen(out);

	snprintf(out + used, 4096 - used, "%s|%s|%s|%s|%s|%s\n", m->f[MF_NAME], m->f[MF_BIRTH],
		 m->f[MF_PHONE], m->f[MF_STATUS], m->f[MF_BRANCH], m->f[MF_GROUP]);
	return 0;
}

static const char roster[] =
	"姓名,性别,出生日期,联系电话,党籍状态,所属支部,党小组,备注\r\n"
	"张秀兰,女,1948/3/5,138-0000-1111,正式党员,第一党支部,东苑党小组,\"住3号楼，腿脚不便\"\r\n"
	"阿依古丽·买买提,女,1985年7月,13900002222,预备党员,第二党支部,,\"多行\r\n备注\"\r\n"
	"周\xF0\xAC\x80\xA9,男,1979.1.2,,正式,第一党支部,东苑党小组,\r\n"
	"\r\n";

static char *to_gbk(const char *utf8, size_t *n)
{
	iconv_t cd = iconv_open("GB18030", "UTF-8");
	size_t in_left = strlen(utf8), out_left = in_left * 2 + 16;
	char *out = malloc(out_left), *in = (char *)utf8, *o = out;

	assert_true(cd != (iconv_t)-1);
	assert_int_not_equal(iconv(cd, &in, &in_left, &o, &out_left), (size_t)-1);
	iconv_close(cd);
	*n = (size_t)(o - out);
	return out;
}

static void test_utf8_roster_imports_every_field(void **state)
{
	struct testdb *t = testdb_new();
	struct roster_result res;
	struct problems p;
	char list[4096] = "";

	(void)state;
	assert_int_equal(import(t, roster, strlen(roster), &res, &p), 0);
	assert_int_equal(res.added, 3);
	members_each(t->db, true, member_field, list, t->err, sizeof t->err);
	assert_non_null(strstr(list, "张秀兰|1948-03-05|13800001111|正式|第一党支部|东苑党小组"));
	assert_non_null(strstr(list, "阿依古丽·买买提|1985-07|13900002222|预备|第二党支部|\n"));
	assert_non_null(strstr(list, "周\xF0\xAC\x80\xA9|1979-01-02||正式"));
	testdb_free(t);
}

static void test_gbk_roster_from_excel_reads_correct_chinese(void **state)
{
	struct testdb *t = testdb_new();
	struct roster_result res;
	struct problems p;
	char list[4096] = "";
	/* GBK cannot hold the rare name; Excel would have refused it too. */
	const char *plain = "姓名,性别,出生日期,联系电话,党籍状态,所属支部\r\n"
			    "张秀兰,女,1948/3/5,13800001111,正式党员,第一党支部\r\n"
			    "李建华,男,1951-10-1,13800003333,正式,第二党支部\r\n";
	size_t n;
	char *gbk = to_gbk(plain, &n);

	(void)state;
	assert_int_equal(import(t, gbk, n, &res, &p), 0);
	assert_string_equal(res.encoding, "GBK/GB18030");
	members_each(t->db, true, member_field, list, t->err, sizeof t->err);
	assert_non_null(strstr(list, "张秀兰|1948-03-05|13800001111|正式|第一党支部"));
	assert_non_null(strstr(list, "李建华|1951-10-01|13800003333|正式|第二党支部"));
	free(gbk);
	testdb_free(t);
}

static void test_reimport_updates_and_never_duplicates(void **state)
{
	struct testdb *t = testdb_new();
	struct roster_result res;
	struct problems p;
	const char *changed = "联系电话,姓名,所属支部,党小组\r\n"
			      "13800001111,张秀兰,第一党支部,西苑党小组\r\n";
	char list[4096] = "";

	(void)state;
	assert_int_equal(import(t, roster, strlen(roster), &res, &p), 0);
	assert_int_equal(import(t, roster, strlen(roster), &res, &p), 0);
	assert_int_equal(res.added, 0);
	assert_int_equal(res.unchanged, 3);
	assert_int_equal(count_members(t), 3);
	/* Columns in another order, fewer of them: the member moves group, keeps the rest. */
	assert_int_equal(import(t, changed, strlen(changed), &res, &p), 0);
	assert_int_equal(res.updated, 1);
	assert_int_equal(count_members(t), 3);
	members_each(t->db, true, member_field, list, t->err, sizeof t->err);
	assert_non_null(strstr(list, "张秀兰|1948-03-05|13800001111|正式|第一党支部|西苑党小组"));
	testdb_free(t);
}

static void test_broken_roster_changes_nothing_and_says_where(void **state)
{
	struct testdb *t = testdb_new();
	struct roster_result res;
	struct problems p;
	const char *bad = "姓名,出生日期,所属支部,党籍状态\r\n"
			  "新党员,1960-01-01,第一党支部,正式\r\n"
			  "王五,1956-13-01,第一党支部,正式\r\n"
			  ",1956-01-01,第一党支部,正式\r\n"
			  "赵六,1950-01-01,第一党支部,正式,多余\r\n"
			  "钱七,1950-01-01,第一党支部,党员\r\n";

	(void)state;
	assert_int_equal(import(t, roster, strlen(roster), &res, &p), 0);
	assert_int_equal(import(t, bad, strlen(bad), &res, &p), -1);
	assert_int_equal(p.count, 4);
	assert_non_null(strstr(p.all, "名单.csv:第 3 行第 2 列（出生日期）"));
	assert_non_null(strstr(p.all, "第 4 行第 1 列（姓名）：不能为空"));
	assert_non_null(strstr(p.all, "第 5 行有 5 个字段"));
	assert_non_null(strstr(p.all, "第 6 行第 4 列（党籍状态）"));
	assert_int_equal(count_members(t), 3); /* the good first row was not added either */
	testdb_free(t);
}

static void test_invalid_bytes_rejected_with_line(void **state)
{
	struct testdb *t = testdb_new();
	struct roster_result res;
	struct problems p;
	/* Valid UTF-8 header, then bytes that are neither UTF-8 nor GBK. */
	const char bad[] = "姓名,所属支部\r\n张三,第一党支部\r\n\xFF\xFF\xFF,第一党支部\r\n";

	(void)state;
	assert_int_equal(import(t, bad, sizeof bad - 1, &res, &p), -1);
	assert_non_null(strstr(p.all, "第 3 行"));
	assert_int_equal(count_members(t), 0);
	testdb_free(t);
}

static void test_missing_required_column_is_named(void **state)
{
	struct testdb *t = testdb_new();
	struct roster_result res;
	struct problems p;
	const char *bad = "姓名,联系电话\r\n张三,13800001111\r\n";

	(void)state;
	assert_int_equal(import(t, bad, strlen(bad), &res, &p), -1);
	assert_non_null(strstr(p.all, "缺少“所属支部”列"));
	assert_int_equal(import(t, "", 0, &res, &p), -1);
	assert_non_null(strstr(p.all, "文件是空的"));
	testdb_free(t);
}

static void test_title_rows_above_the_header_are_skipped(void **state)
{
	struct testdb *t = testdb_new();
	struct roster_result res;
	struct problems p;
	const char *titled = "幸福里社区党员名单,,,\r\n填表日期：2026年11月,,,\r\n,,,\r\n"
			     "姓名,所属支部,出生日期,联系电话\r\n张三,第一支部,1956-02-30,\r\n";
	const char *titles_only = "幸福里社区党员名单\r\n（名单见附件）\r\n";

	(void)state;
	/* the problem is reported at the file's own line 5, under the header on line 4 */
	assert_int_equal(import(t, titled, strlen(titled), &res, &p), -1);
	if (!strstr(p.all, "第 5 行第 3 列（出生日期）"))
		fail_msg("problems: %s", p.all);
	titled = "幸福里社区党员名单\r\n姓名,所属支部,所属支部\r\n";
	assert_int_equal(import(t, titled, strlen(titled), &res, &p), -1);
	assert_non_null(strstr(p.all, "第 2 行：“所属支部”列出现了两次"));
	assert_int_equal(import(t, titles_only, strlen(titles_only), &res, &p), -1);
	assert_non_null(strstr(p.all, "找不到表头"));
	assert_int_equal(count_members(t), 0);
	testdb_free(t);
}

static void test_same_name_without_phone_needs_an_id(void **state)
{
	struct testdb *t = testdb_new();
	struct roster_result res;
	struct problems p;
	const char *update = "姓名,所属支部,备注\r\n王建国,第一党支部,新备注\r\n";
	char with_id[256];
	int64_t a;

	(void)state;
	a = testdb_member(t, "王建国", "第一党支部", NULL, NULL);
	testdb_member(t, "王建国", "第一党支部", NULL, NULL);
	assert_int_equal(import(t, update, strlen(update), &res, &p), -1);
	assert_non_null(strstr(p.all, "编号"));
	snprintf(with_id, sizeof with_id, "编号,姓名,所属支部,备注\r\n%lld,王建国,第一党支部,新备注\r\n",
		 (long long)a);
	assert_int_equal(import(t, with_id, strlen(with_id), &res, &p), 0);
	assert_int_equal(res.updated, 1);
	assert_int_equal(count_members(t), 2);
	testdb_free(t);
}

static void test_same_person_twice_in_file_is_reported(void **state)
{
	struct testdb *t = testdb_new();
	struct roster_result res;
	struct problems p;
	const char *dup = "姓名,联系电话,所属支部\r\n张三,13800001111,第一党支部\r\n"
			  "张三,13800001111,第二党支部\r\n";
	const char *many = "姓名,联系电话,所属支部\r\n张三,13800001111,一\r\n李四,13800002222,一\r\n"
			   "张三,13800009999,一\r\n李四,13800002222,二\r\n张三,13800001111,二\r\n"
			   "王五,,一\r\n王五,,一\r\n";
	const char *ids = "编号,姓名,所属支部\r\n7,张三,一\r\n8,张三,一\r\n7,张三,二\r\n";
	char *five, *six;

	(void)state;
	assert_int_equal(import(t, dup, strlen(dup), &res, &p), -1);
	assert_non_null(strstr(p.all, "第 3 行：与第 2 行是同一人"));
	/* reported in line order; the same name with another phone, or with none, is not a repeat */
	assert_int_equal(import(t, many, strlen(many), &res, &p), -1);
	five = strstr(p.all, "第 5 行：与第 3 行是同一人（李四）");
	six = strstr(p.all, "第 6 行：与第 2 行是同一人（张三）");
	if (!five || !six || five > six || strstr(p.all, "第 4 行：与") || strstr(p.all, "第 8 行：与"))
		fail_msg("problems: %s", p.all);
	assert_int_equal(import(t, ids, strlen(ids), &res, &p), -1);
	assert_non_null(strstr(p.all, "第 4 行：与第 2 行是同一人"));
	assert_null(strstr(p.all, "第 3 行：与"));
	testdb_free(t);
}

static void test_unknown_columns_are_ignored_and_named(void **state)
{
	struct testdb *t = testdb_new();
	struct roster_result res;
	struct problems p;
	const char *extra = "序号,姓名,身份证号,所属支部\r\n1,张三,110101195601011234,第一党支部\r\n";

	(void)state;
	assert_int_equal(import(t, extra, strlen(extra), &res, &p), 0);
	assert_string_equal(res.ignored_columns, "序号、身份证号");
	testdb_free(t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_utf8_roster_imports_every_field),
		cmocka_unit_test(test_gbk_roster_from_excel_reads_correct_chinese),
		cmocka_unit_test(test_reimport_updates_and_never_duplicates),
		cmocka_unit_test(test_broken_roster_changes_nothing_and_says_where),
		cmocka_unit_test(test_invalid_bytes_rejected_with_line),
		cmocka_unit_test(test_missing_required_column_is_named),
		cmocka_unit_test(test_title_rows_above_the_header_are_skipped),
		cmocka_unit_test(test_same_name_without_phone_needs_an_id),
		cmocka_unit_test(test_same_person_twice_in_file_is_reported),
		cmocka_unit_test(test_unknown_columns_are_ignored_and_named),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
