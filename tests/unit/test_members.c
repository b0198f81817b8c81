/* Member fields as offices write them, and the demo community's shape. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "core/base/clock.h"
#include "core/party/demo.h"
#include "testdb.h"

static void norm_ok(enum member_field f, const char *in, const char *want)
{
	char out[MEMBER_TEXT], err[256];

	if (member_field_normalise(f, in, out, sizeof out, err, sizeof err) < 0)
		fail_msg("%s: [%s] refused: %s", member_fields[f].header, in, err);
	assert_string_equal(out, want);
}

static void norm_bad(enum member_field f, const char *in, const char *says)
{
	char out[MEMBER_TEXT], err[256];

	assert_int_equal(member_field_normalise(f, in, out, sizeof out, err, sizeof err), -1);
	assert_non_null(strstr(err, says));
}

static void test_dates_as_offices_write_them(void **state)
{
	(void)state;
	norm_ok(MF_BIRTH, "1956-03-05", "1956-03-05");
	norm_ok(MF_BIRTH, "1956/3/5", "1956-03-05");
	norm_ok(MF_BIRTH, "1956.3.5", "1956-03-05");
	norm_ok(MF_BIRTH, "1956年3月5日", "1956-03-05");
	norm_ok(MF_BIRTH, "19560305", "1956-03-05");
	norm_ok(MF_BIRTH, "1956/3/5 0:00", "1956-03-05");
	norm_ok(MF_JOINED, "1975.07", "1975-07");
	norm_ok(MF_JOINED, "1975年7月", "1975-07");
	norm_ok(MF_BIRTH, " 1956-03-05\u3000", "1956-03-05");
	norm_ok(MF_BIRTH, "", "");
	/* typed with a Chinese IME in full-width mode */
	norm_ok(MF_BIRTH, "１９５６－０３－０５", "1956-03-05");
	norm_ok(MF_JOINED, "１９７５．７", "1975-07");
	norm_bad(MF_BIRTH, "56-3-5", "不是有效日期");
	norm_bad(MF_BIRTH, "1956-02-30", "不是有效日期");
	norm_bad(MF_BIRTH, "1956-13-01", "不是有效日期");
	norm_bad(MF_BIRTH, "三月五日", "不是有效日期");
	norm_ok(MF_BIRTH, "2000-02-29", "2000-02-29");
	norm_bad(MF_BIRTH, "1900-02-29", "不是有效日期");
}

static void test_choices_accept_common_spellings(void **state)
{
	(void)state;
	norm_ok(MF_STATUS, "正式党员", "正式");
	norm_ok(MF_STATUS, "预备党员", "预备");
	norm_ok(MF_STATUS, "", "正式");
	norm_bad(MF_STATUS, "党员", "正式 或 预备");
	norm_ok(MF_CATEGORY, "退休", "离退休");
	norm_ok(MF_CATEGORY, "下岗", "下岗失业");
	norm_ok(MF_CATEGORY, "流动党员", "流动");
	norm_ok(MF_RESIDENCE, "否", "辖区外");
	norm_ok(MF_GENDER, "女性", "女");
}

static void test_phone_numbers_keep_digits_only(void **state)
{
	(void)state;
	norm_ok(MF_PHONE, "138-1234-5678", "13812345678");
	norm_ok(MF_PHONE, "+86 138 1234 5678", "13812345678");
	norm_ok(MF_PHONE, "１３８１２３４５６７８", "13812345678");
	norm_ok(MF_PHONE, "0571-88886666", "057188886666");
	norm_bad(MF_PHONE, "1.38123E+10", "科学计数法");
	norm_bad(MF_PHONE, "13812345670/0571-88886666", "不止一个号码");
	norm_bad(MF_PHONE, "13812345670、13912345678", "不止一个号码");
	norm_bad(MF_PHONE, "1381234567x", "不是电话号码");
	norm_bad(MF_PHONE, "138", "位数不对");
	norm_bad(MF_PHONE, "无", "不是电话号码");
}

static void test_names_keep_middle_dot_and_rare_characters(void **state)
{
	(void)state;
	norm_ok(MF_NAME, "阿依古丽·买买提", "阿依古丽·买买提");
	norm_ok(MF_NAME, "阿依古丽•买买提", "阿依古丽·买买提");
	norm_ok(MF_NAME, "阿依古丽・买买提", "阿依古丽·买买提");
	norm_ok(MF_NAME, "周\xF0\xAC\x80\xA9", "周\xF0\xAC\x80\xA9");
	norm_bad(MF_NAME, "", "不能为空");
	norm_bad(MF_NAME, "张\n三", "换行");
	norm_bad(MF_NAME, "张\xFF", "无法识别");
}

static void test_headers_found_by_name_and_alias(void **state)
{
	(void)state;
	assert_int_equal(member_field_by_header("姓名"), MF_NAME);
	assert_int_equal(member_field_by_header(" 姓 名 "), MF_NAME);
	assert_int_equal(member_field_by_header("*姓名"), MF_NAME);
	assert_int_equal(member_field_by_header("手机号码"), MF_PHONE);
	assert_int_equal(member_field_by_header("联系电话（手机）"), MF_PHONE);
	assert_int_equal(member_field_by_header("党支部"), MF_BRANCH);
	assert_int_equal(member_field_by_header("身份证号"), -1);
}

static void test_two_members_may_share_a_name(void **state)
{
	struct testdb *t = testdb_new();
	int64_t a, b;

	(void)state;
	a = testdb_member(t, "王建国", "第一党支部", NULL, NULL);
	b = testdb_member(t, "王建国", "第三党支部", NULL, NULL);
	assert_true(a != b);
	testdb_free(t);
}

static void test_required_fields(void **state)
{
	struct testdb *t = testdb_new();
	struct member m;

	(void)state;
	member_init(&m);
	snprintf(m.f[MF_NAME], MEMBER_TEXT, "张三");
	assert_int_equal(members_save(t->db, &m, "test", t->err, sizeof t->err), -1);
	assert_non_null(strstr(t->err, "所属支部"));
	assert_int_equal(m.id, 0);
	testdb_free(t);
}

struct shape {
	int members, retired, outside, under50, fifties, over60, unknown, probationary;
	int year;
};

static int count_member(void *ctx, const struct member *m)
{
	struct shape *s = ctx;
	int age;

	s->members++;
	s->retired += strcmp(m->f[MF_CATEGORY], "离退休") == 0;
	s->outside += strcmp(m->f[MF_RESIDENCE], "辖区外") == 0;
	s->probationary += strcmp(m->f[MF_STATUS], "预备") == 0;
	if (!m->f[MF_BIRTH][0]) {
		s->unknown++;
		return 0;
	}
	/* Age on 2026-11-27, the demo's day. */
	age = 2026 - clock_date_year(m->f[MF_BIRTH]) - (strcmp(m->f[MF_BIRTH] + 5, "11-27") > 0);
	if (age < 50)
		s->under50++;
	else if (age < 60)
		s->fifties++;
	else
		s->over60++;
	return 0;
}

static int count_household(void *ctx, const struct unit *u)
{
	int *bad = ctx;

	if (u->members < 7 || u->members > 10 || !u->parent[0])
		(*bad)++;
	return 0;
}

static void test_demo_has_the_seed_communitys_shape(void **state)
{
	struct testdb *t = testdb_new();
	struct shape s = { 0 };
	time_t now;
	int bad_households = 0;

	(void)state;
	clock_parse("2026-11-27 09:20", &now);
	assert_int_equal(demo_populate(t->db, now, t->err, sizeof t->err), 0);
	assert_int_equal(members_each(t->db, false, count_member, &s, t->err, sizeof t->err), 0);
	assert_int_equal(s.members, 137);
	assert_int_equal(s.retired, 85);
	assert_int_equal(s.outside, 54);
	assert_int_equal(s.under50, 28);
	assert_int_equal(s.fifties, 20);
	assert_int_equal(s.over60, 87);
	assert_int_equal(s.unknown, 2);
	assert_in_range(s.probationary, 2, 8);
	assert_int_equal(members_each_unit(t->db, SCOPE_HOUSEHOLD, count_household, &bad_households,
					   t->err, sizeof t->err), 0);
	assert_int_equal(bad_households, 0);
	testdb_free(t);
}

static int no_real_names(void *ctx, const struct member *m)
{
	(void)ctx;
	if (demo_name_forbidden(m->f[MF_NAME]) || demo_name_forbidden(m->f[MF_HOUSEHOLD]))
		fail_msg("demo uses a real person's name: %s", m->f[MF_NAME]);
	return 0;
}

static void test_demo_never_uses_real_names(void **state)
{
	struct testdb *t = testdb_new();
	time_t now;

	(void)state;
	/* The guard itself recognises a real name, also inside a household's name. */
	assert_true(demo_name_forbidden("\xE5\x8D\xA2\xE5\xAD\xA6\xE8\x89\xAF中心户"));
	assert_false(demo_name_forbidden("王建国"));
	clock_parse("2026-11-27 09:20", &now);
	assert_int_equal(demo_populate(t->db, now, t->err, sizeof t->err), 0);
	assert_int_equal(members_each(t->db, true, no_real_names, NULL, t->err, sizeof t->err), 0);
	testdb_free(t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_dates_as_offices_write_them),
		cmocka_unit_test(test_choices_accept_common_spellings),
		cmocka_unit_test(test_phone_numbers_keep_digits_only),
		cmocka_unit_test(test_names_keep_middle_dot_and_rare_characters),
		cmocka_unit_test(test_headers_found_by_name_and_alias),
		cmocka_unit_test(test_two_members_may_share_a_name),
		cmocka_unit_test(test_required_fields),
		cmocka_unit_test(test_demo_has_the_seed_communitys_shape),
		cmocka_unit_test(test_demo_never_uses_real_names),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
