/* Every pair of text and background colours the screens use has a contrast of at least 4.5:1
 * (WCAG AA), in the normal palette and in the dimmed one, for elderly eyes. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>

#include "ui/ui.h"

static double channel(uint8_t v)
{
	double c = v / 255.0;

	return c <= 0.03928 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4);
}

static double luminance(SDL_Color c)
{
	return 0.2126 * channel(c.r) + 0.7152 * channel(c.g) + 0.0722 * channel(c.b);
}

static double contrast(SDL_Color a, SDL_Color b)
{
	double la = luminance(a), lb = luminance(b);

	return la > lb ? (la + 0.05) / (lb + 0.05) : (lb + 0.05) / (la + 0.05);
}

/* Text colours over the backgrounds they are drawn on (ui.c's buttons, labels, panels). */
struct pair {
	enum color text, bg;
	const char *where;
};

static const struct pair pairs[] = {
	{ C_TEXT, C_BG, "body text" },          { C_TEXT, C_CARD, "text on cards and buttons" },
	{ C_MUTED, C_BG, "secondary text" },    { C_MUTED, C_CARD, "a button's second line" },
	{ C_RED, C_CARD, "red headings on cards" }, { C_RED, C_BG, "red headings" },
	{ C_ON_RED, C_RED, "the header and 签到" }, { C_ON_RED, C_RED_DARK, "a pressed red button" },
	{ C_ON_GREEN, C_GREEN, "签到成功" },    { C_ON_AMBER, C_AMBER, "已签到 and the quorum" },
	{ C_RED_DARK, C_SELECTED, "a chosen tab" }, { C_TEXT, C_SELECTED, "a pressed button" },
	{ C_MUTED, C_SELECTED, "a chosen button's second line" },
};

/* What the dimmed home screen draws: the time, the schedule, the hint to touch. */
static const struct pair dimmed_pairs[] = {
	{ C_TEXT, C_BG, "the time and the activity" }, { C_MUTED, C_BG, "the date and the hint" },
};

static void check(bool dimmed)
{
	struct ui ui = { .dimmed = dimmed };
	const struct pair *p = dimmed ? dimmed_pairs : pairs;
	size_t i, n = dimmed ? sizeof dimmed_pairs / sizeof dimmed_pairs[0] : sizeof pairs / sizeof pairs[0];

	for (i = 0; i < n; i++) {
		double c = contrast(ui_color(&ui, p[i].text), ui_color(&ui, p[i].bg));
		if (c < 4.5)
			fail_msg("%s%s: contrast %.2f:1 < 4.5:1", dimmed ? "dimmed " : "", p[i].where, c);
	}
}

static void test_text_contrast_at_least_4_5_to_1(void **state)
{
	(void)state;
	check(false);
}

static void test_dimmed_text_contrast_at_least_4_5_to_1(void **state)
{
	(void)state;
	check(true);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_text_contrast_at_least_4_5_to_1),
		cmocka_unit_test(test_dimmed_text_contrast_at_least_4_5_to_1),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
