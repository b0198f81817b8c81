/* Households (同户): who is in one, whom the card offers, and addresses suggested as one. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "core/party/attendance.h"
#include "core/party/household.h"
#include "testdb.h"

static int64_t member(struct testdb *t, const char *name, const char *home, const char *address)
{
	struct member m;

	member_init(&m);
	snprintf(m.f[MF_NAME], MEMBER_TEXT, "%s", name);
	snprintf(m.f[MF_BRANCH], MEMBER_TEXT, "第一党支部");
	snprintf(m.f[MF_HOME], MEMBER_TEXT, "%s", home);
	snprintf(m.f[MF_ADDRESS], MEMBER_TEXT, "%s", address);
	assert_int_equal(members_save(t->db, &m, "test", t->err, sizeof t->err), 0);
	return m.id;
}

static void test_address_key(void **state)
{
	char a[256], b[256];

	(void)state;
	household_address_key("幸福里 3号楼2单元 101室", a, sizeof a);
	household_address_key("幸福里3栋２单元１０１", b, sizeof b);
	assert_string_equal(a, "幸福里3栋2门101");
	assert_string_equal(a, b);
	household_address_key("幸福里3幢2门102（东）", b, sizeof b);
	assert_string_equal(b, "幸福里3栋2门102东");
	household_address_key("", b, sizeof b);
	assert_string_equal(b, "");
}

static void test_household_and_offer(void **state)
{
	struct testdb *t = testdb_new();
	struct home_member o[4];
	struct checkin c;
	int64_t zhang, li, wang, zhao, mt;
	bool same;

	(void)state;
	zhang = member(t, "张三", "张李家", "");
	li = member(t, "李四", "张李家", "");
	wang = member(t, "王五", "", "");
	zhao = member(t, "赵六", "", "");
	mt = testdb_meeting(t, MK_THEME_DAY, "主题党日", "", "2026-11-27 09:00", 120, VOTE_NONE);
	assert_int_equal(household_others(t->db, zhang, o, 4, t->err, sizeof t->err), 1);
	assert_string_equal(o[0].name, "李四");
	/* No 户: no household, even between two members without one. */
	assert_int_equal(household_others(t->db, wang, o, 4, t->err, sizeof t->err), 0);
	assert_int_equal(household_same(t->db, wang, zhao, &same, t->err, sizeof t->err), 0);
	assert_false(same);
	assert_int_equal(household_same(t->db, zhang, li, &same, t->err, sizeof t->err), 0);
	assert_true(same);
	assert_int_equal(household_same(t->db, zhang, wang, &same, t->err, sizeof t->err), 0);
	assert_false(same);
	/* Offered until signed in. */
	assert_int_equal(household_to_offer(t->db, mt, zhang, o, 4, t->err, sizeof t->err), 1);
	assert_int_equal(attendance_checkin(t->db, mt, li, METHOD_TOUCH_HOUSEHOLD, 1795741200, &c, t->err,
					    sizeof t->err), 0);
	assert_int_equal(household_to_offer(t->db, mt, zhang, o, 4, t->err, sizeof t->err), 0);
	testdb_free(t);
}

static int keep(void *ctx, const struct household_suggestion *s)
{
	struct household_suggestion *out = ctx;
	int i = 0;

	while (out[i].n)
		i++;
	out[i] = *s;
	return 0;
}

static void test_same_address_suggested_until_shared(void **state)
{
	struct testdb *t = testdb_new();
	struct household_suggestion s[4];

	(void)state;
	member(t, "张三", "", "幸福里 3号楼2单元 101室");
	member(t, "李四", "", "幸福里3栋２单元１０１");
	member(t, "王五", "", "幸福里3栋2单元102");
	member(t, "赵六", "赵家", "和平路 8 号");
	member(t, "钱七", "赵家", "和平路8号");
	memset(s, 0, sizeof s);
	assert_int_equal(household_suggestions(t->db, keep, s, t->err, sizeof t->err), 0);
	/* 赵六 and 钱七 already share a 户: nothing to suggest there. */
	assert_int_equal(s[0].n, 2);
	assert_string_equal(s[0].members[0].name, "张三");
	assert_string_equal(s[0].members[1].name, "李四");
	assert_int_equal(s[1].n, 0);
	testdb_free(t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_address_key),
		cmocka_unit_test(test_household_and_offer),
		cmocka_unit_test(test_same_address_suggested_until_shared),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
