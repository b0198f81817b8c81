/* The home screen and a touch sign-in when the database fails under the running kiosk: the
 * screen says so in words a member can act on, and a sign-in that cannot be checked is not
 * recorded (least of all as 列席). The real screens on SDL's dummy driver, a real database. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include <SDL.h>

#include "app.h"
#include "core/base/clock.h"
#include "core/party/meetings.h"
#include "screens/screens.h"
#include "ui/ui.h"
#include "testdb.h"

struct fixture {
	struct testdb *t; /* first, for testdb_fixture_teardown */
	struct ui *ui;
	struct app app;
	int64_t meeting, member;
};

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof *f);
	struct ui_config cfg = { .w = 1280, .h = 800, .software = true };
	time_t start;
	char err[512];

	setenv("SDL_VIDEODRIVER", "dummy", 1);
	f->t = testdb_new();
	f->member = testdb_member(f->t, "张三", "第一党支部", "正式", NULL);
	f->meeting = testdb_meeting(f->t, MK_ASSEMBLY, "第一党支部党员大会", "第一党支部",
				    "2026-12-01 09:00", 120, VOTE_NONE);
	clock_parse("2026-12-01 09:10", &start);
	f->ui = ui_open(&cfg, err, sizeof err);
	if (!f->ui) {
		print_error("ui_open: %s\n", err);
		return -1;
	}
	app_init(&f->app, f->t->db, f->ui, (int64_t)start * 1000, false, false);
	app_settle(&f->app);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;

	app_free(&f->app);
	ui_close(f->ui);
	return testdb_fixture_teardown(state);
}

/* Damage the schema under the running kiosk: nobody can say who is expected any more. */
static void break_expected(struct fixture *f)
{
	assert_int_equal(sqlite3_exec(f->t->db->sql, "DROP TABLE exclusions", NULL, NULL, NULL),
			 SQLITE_OK);
}

/* What the web server's sign-ins do: the home screen reads everything again. */
static void refresh(struct fixture *f)
{
	SDL_Event ev;

	memset(&ev, 0, sizeof ev);
	ev.type = SDL_USEREVENT;
	SDL_PushEvent(&ev);
	app_settle(&f->app);
}

static void test_home_says_when_it_cannot_read_the_meeting(void **state)
{
	struct fixture *f = *state;

	assert_true(ui_has_text(f->ui, "第一党支部党员大会"));
	assert_false(ui_has_text(f->ui, "读不到"));
	break_expected(f);
	refresh(f);
	assert_true(ui_has_text(f->ui, "读不到"));
	assert_true(ui_has_text(f->ui, "工作人员"));
}

static void test_sign_in_that_cannot_be_checked_is_not_recorded(void **state)
{
	struct fixture *f = *state;

	break_expected(f);
	chrome_sign_in(&f->app, f->meeting, f->member);
	app_settle(&f->app);
	assert_ptr_equal(f->app.screen, &home_screen); /* no 签到成功, no 列席 */
	assert_non_null(strstr(f->app.toast, "应到名单"));
	assert_true(ui_has_text(f->ui, "请再试一次"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_home_says_when_it_cannot_read_the_meeting, setup, teardown),
		cmocka_unit_test_setup_teardown(test_sign_in_that_cannot_be_checked_is_not_recorded, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
