/* pinyin_pad_edit, the one call staff_record and staff_guest type through: a character is
 * appended within the field's size and character limit, 退格 takes back a whole UTF-8
 * character (letters waiting in the pad first), every change asks for a redraw, and what is
 * not the pad's is left to the screen. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "app.h"
#include "screens/pinyin_pad.h"

#define BASE 100

static bool type(struct app *app, struct pinyin_pad *p, char *field, size_t size, int max,
		 const char *text)
{
	struct input in = { .type = IN_TEXT };

	snprintf(in.text, sizeof in.text, "%s", text);
	return pinyin_pad_edit(app, p, &in, BASE, IME_TEXT, field, size, max);
}

static bool backspace(struct app *app, struct pinyin_pad *p, char *field, size_t size)
{
	struct input in = { .type = IN_KEY, .key = SDLK_BACKSPACE };

	return pinyin_pad_edit(app, p, &in, BASE, IME_TEXT, field, size, 0);
}

static void test_edit_appends_up_to_the_character_limit(void **state)
{
	struct app app;
	struct pinyin_pad p;
	char field[64] = "";

	(void)state;
	memset(&app, 0, sizeof app);
	memset(&p, 0, sizeof p);
	assert_true(type(&app, &p, field, sizeof field, 2, "王"));
	assert_true(app.dirty);
	assert_true(type(&app, &p, field, sizeof field, 2, "建"));
	assert_true(type(&app, &p, field, sizeof field, 2, "国"));
	assert_string_equal(field, "王建");
}

static void test_edit_never_overflows_the_field(void **state)
{
	struct app app;
	struct pinyin_pad p;
	char field[5] = "";

	(void)state;
	memset(&app, 0, sizeof app);
	memset(&p, 0, sizeof p);
	type(&app, &p, field, sizeof field, 0, "王");
	type(&app, &p, field, sizeof field, 0, "建");
	assert_string_equal(field, "王");
}

static void test_backspace_takes_back_a_whole_character(void **state)
{
	struct app app;
	struct pinyin_pad p;
	char field[64] = "张𬀩";

	(void)state;
	memset(&app, 0, sizeof app);
	memset(&p, 0, sizeof p);
	assert_true(backspace(&app, &p, field, sizeof field));
	assert_true(app.dirty);
	assert_string_equal(field, "张");
	backspace(&app, &p, field, sizeof field);
	backspace(&app, &p, field, sizeof field);
	assert_string_equal(field, "");
}

static void test_backspace_takes_back_a_waiting_letter_first(void **state)
{
	struct app app;
	struct pinyin_pad p;
	char field[64] = "王";

	(void)state;
	memset(&app, 0, sizeof app);
	memset(&p, 0, sizeof p);
	assert_true(type(&app, &p, field, sizeof field, 0, "w"));
	assert_string_equal(p.typed, "w");
	assert_true(backspace(&app, &p, field, sizeof field));
	assert_string_equal(p.typed, "");
	assert_string_equal(field, "王");
}

static void test_other_input_is_left_to_the_screen(void **state)
{
	struct app app;
	struct pinyin_pad p;
	struct input tap = { .type = IN_TAP, .action = 1 };
	char field[64] = "王";

	(void)state;
	memset(&app, 0, sizeof app);
	memset(&p, 0, sizeof p);
	assert_false(pinyin_pad_edit(&app, &p, &tap, BASE, IME_TEXT, field, sizeof field, 0));
	assert_false(app.dirty);
	assert_string_equal(field, "王");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_edit_appends_up_to_the_character_limit),
		cmocka_unit_test(test_edit_never_overflows_the_field),
		cmocka_unit_test(test_backspace_takes_back_a_whole_character),
		cmocka_unit_test(test_backspace_takes_back_a_waiting_letter_first),
		cmocka_unit_test(test_other_input_is_left_to_the_screen),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
