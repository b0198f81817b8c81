/* The text layer against the fonts really installed (fonts-noto-cjk, fonts-dejavu), drawn by SDL's
 * software renderer on the dummy video driver and checked by reading the pixels back: white text
 * on black, so "ink" is any pixel with a bright red channel.
 *
 * test_sample_page_is_written leaves $TMPDIR/font_sample.png (or /tmp/font_sample.png) for a
 * person to look at: sizes, bold, fallback, a box for a character no font has, wrapped text. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <SDL.h>
#include <SDL_image.h>

#include "core/text/linebreak.h"
#include "ui/font.h"

#define SCREEN_W 1080
#define SCREEN_H 1920

static const SDL_Color WHITE = { 255, 255, 255, 255 };

/* A page of the kind the study-materials reader shows. */
static const char PARAGRAPH[] =
	"中国共产党党员是中国工人阶级的有共产主义觉悟的先锋战士。党员必须全心全意为人民服务，"
	"不惜牺牲个人的一切，为实现共产主义奋斗终身。本次支部主题党日活动定于2026年3月5日"
	"（星期四）上午09:30在社区党员活动室举行，请阿依古丽·买买提、张秀兰等同志准时参加；"
	"不能参加的同志请提前向支部书记请假，联系电话13812345678。";

struct fixture {
	SDL_Window *win;
	SDL_Renderer *r;
	struct font *f;
	uint32_t *pixels;
};

struct box {
	int x0, y0, x1, y1; /* inclusive; x1 < 0 when there is no ink */
	long ink;
};

static int setup(void **state)
{
	struct fixture *fx = calloc(1, sizeof *fx);
	char err[256] = "";

	if (!fx)
		return -1;
	setenv("SDL_VIDEODRIVER", "dummy", 1);
	SDL_SetHint(SDL_HINT_VIDEODRIVER, "dummy");
	SDL_SetHint(SDL_HINT_RENDER_DRIVER, "software");
	if (SDL_Init(SDL_INIT_VIDEO) < 0) {
		print_error("SDL_Init: %s\n", SDL_GetError());
		free(fx);
		return -1;
	}
	fx->win = SDL_CreateWindow("uitest_font", 0, 0, SCREEN_W, SCREEN_H, SDL_WINDOW_HIDDEN);
	fx->r = fx->win ? SDL_CreateRenderer(fx->win, -1, SDL_RENDERER_SOFTWARE) : NULL;
	fx->f = fx->r ? font_open(fx->r, err, sizeof err) : NULL;
	fx->pixels = malloc((size_t)SCREEN_W * SCREEN_H * 4);
	*state = fx;
	if (!fx->f || !fx->pixels) {
		print_error("setup: %s %s\n", SDL_GetError(), err);
		return -1;
	}
	return 0;
}

static int teardown(void **state)
{
	struct fixture *fx = *state;

	font_close(fx->f);
	if (fx->r)
		SDL_DestroyRenderer(fx->r);
	if (fx->win)
		SDL_DestroyWindow(fx->win);
	free(fx->pixels);
	free(fx);
	SDL_Quit();
	return 0;
}

static void clear(struct fixture *fx)
{
	SDL_SetRenderDrawColor(fx->r, 0, 0, 0, 255);
	SDL_RenderClear(fx->r);
}

/* Read the screen back and find the ink inside area (the whole screen when NULL). */
static struct box ink(struct fixture *fx, const SDL_Rect *area)
{
	SDL_Rect all = { 0, 0, SCREEN_W, SCREEN_H };
	struct box b = { SCREEN_W, SCREEN_H, -1, -1, 0 };
	int x, y;

	if (!area)
		area = &all;
	assert_int_equal(SDL_RenderReadPixels(fx->r, NULL, SDL_PIXELFORMAT_ARGB8888, fx->pixels,
					      SCREEN_W * 4), 0);
	for (y = area->y; y < area->y + area->h; y++)
		for (x = area->x; x < area->x + area->w; x++)
			if (((fx->pixels[(size_t)y * SCREEN_W + (size_t)x] >> 16) & 0xFF) > 127) {
				b.ink++;
				if (x < b.x0)
					b.x0 = x;
				if (x > b.x1)
					b.x1 = x;
				if (y < b.y0)
					b.y0 = y;
				if (y > b.y1)
					b.y1 = y;
			}
	return b;
}

static struct box draw_alone(struct fixture *fx, int px, bool bold, int x, int y, const char *s)
{
	clear(fx);
	font_draw(fx->f, px, bold, x, y, WHITE, s, strlen(s));
	return ink(fx, NULL);
}

static int width(struct fixture *fx, int px, bool bold, const char *s)
{
	return font_text_width(fx->f, px, bold, s, strlen(s));
}

static void test_open_finds_the_cjk_font(void **state)
{
	struct fixture *fx = *state;
	int lh = font_line_height(fx->f, 40);

	assert_int_equal(font_missing(fx->f, "党员活动室签到，请点击您的名字。2026年"), 0);
	/* Noto Sans CJK: ascent 1.16 em + descent 0.29 em. */
	assert_in_range(lh, 52, 64);
	assert_true(font_line_height(fx->f, 200) > 4 * lh);
}

static void test_measuring_works_without_a_renderer(void **state)
{
	struct fixture *fx = *state;
	char err[256];
	struct font *m = font_open(NULL, err, sizeof err);

	assert_non_null(m);
	assert_int_equal(font_text_width(m, 40, false, "党员", 6), width(fx, 40, false, "党员"));
	font_draw(m, 40, false, 0, 0, WHITE, "党员", 6); /* nothing to draw on: no crash */
	font_close(m);
}

static void remove_tree(const char *dir)
{
	char path[512];
	struct dirent *e;
	DIR *d = opendir(dir);

	if (d) {
		while ((e = readdir(d))) {
			struct stat st;

			if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
				continue;
			snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
			if (stat(path, &st) == 0 && S_ISDIR(st.st_mode))
				remove_tree(path);
			else
				unlink(path);
		}
		closedir(d);
	}
	rmdir(dir);
}

static void test_missing_cjk_font_explains_what_to_install(void **state)
{
	const char *tmp = getenv("TMPDIR");
	char dir[256], conf[300];
	char err[512] = "";
	struct font *f;
	FILE *fp;

	(void)state;
	snprintf(dir, sizeof dir, "%s/fontconf.XXXXXX", tmp && *tmp ? tmp : "/tmp");
	assert_non_null(mkdtemp(dir));
	snprintf(conf, sizeof conf, "%s/fonts.conf", dir);
	fp = fopen(conf, "w");
	assert_non_null(fp);
	/* A system with only DejaVu: Latin, Greek, Cyrillic... and no hanzi. */
	fprintf(fp, "<?xml version=\"1.0\"?>\n<!DOCTYPE fontconfig SYSTEM \"fonts.dtd\">\n"
		    "<fontconfig><dir>/usr/share/fonts/truetype/dejavu</dir>"
		    "<cachedir>%s/cache</cachedir></fontconfig>\n", dir);
	fclose(fp);
	setenv("FONTCONFIG_FILE", conf, 1);
	f = font_open(NULL, err, sizeof err);
	assert_null(f);
	assert_non_null(strstr(err, "fonts-noto-cjk"));
	assert_non_null(strstr(err, "安装"));
	/* A short buffer gets a shorter sentence, never half a character. */
	f = font_open(NULL, err, 11);
	assert_null(f);
	assert_int_equal(strlen(err), 9); /* three whole hanzi, not three and a third */
	unsetenv("FONTCONFIG_FILE");
	remove_tree(dir);
}

static void test_width_is_the_sum_of_the_advances(void **state)
{
	struct fixture *fx = *state;

	/* A hanzi is one em wide in Noto Sans CJK. */
	assert_int_equal(width(fx, 40, false, "党"), 40);
	assert_int_equal(width(fx, 40, false, "党员活动室"), 200);
	assert_int_equal(width(fx, 37, true, "a党1"),
			 width(fx, 37, true, "a") + width(fx, 37, true, "党") +
				 width(fx, 37, true, "1"));
	/* Controls take no room; a stray byte is one replacement character. */
	assert_int_equal(width(fx, 40, false, "党\001员\n"), 80);
	assert_int_equal(width(fx, 40, false, "党\xff"), 40 + width(fx, 40, false, "\xEF\xBF\xBD"));
}

static void test_drawn_text_stays_inside_its_measured_box(void **state)
{
	static const char *const samples[] = {
		"中国共产党员活动室", "Hello, 2026年3月5日", "阿依古丽·买买提", "（通知）",
	};
	struct fixture *fx = *state;
	size_t i;

	for (i = 0; i < sizeof samples / sizeof samples[0]; i++) {
		int px = 48, x = 100, y = 300, w = width(fx, px, false, samples[i]);
		int lh = font_line_height(fx->f, px);
		struct box b = draw_alone(fx, px, false, x, y, samples[i]);

		assert_true(b.x1 >= 0);
		/* (a fullwidth opening bracket has its ink in the right half of its em) */
		assert_in_range(b.x0, x - 2, x + px - 1);
		assert_in_range(b.x1, x + w - px + 1, x + w + 1);
		assert_in_range(b.y0, y, y + lh - 1);
		assert_in_range(b.y1, y, y + lh - 1);
	}
}

static void test_glyphs_from_different_fonts_share_a_baseline(void **state)
{
	struct fixture *fx = *state;
	int px = 120, y = 400;
	struct box h = draw_alone(fx, px, false, 100, y, "H");     /* Noto Sans CJK */
	/* ם (Hebrew final mem) is flat on the baseline and only DejaVu Sans has it. */
	struct box mem = draw_alone(fx, px, false, 100, y, "ם");
	struct box hb = draw_alone(fx, px, true, 100, y, "H");     /* Noto Sans CJK Bold */
	struct box memb = draw_alone(fx, px, true, 100, y, "ם");   /* DejaVu Sans Bold */
	struct box han = draw_alone(fx, px, false, 100, y, "工");  /* a hanzi sits on it too */

	assert_true(h.y1 > y && mem.y1 > y && han.y1 > y);
	assert_int_equal(mem.y1, h.y1);
	assert_int_equal(hb.y1, h.y1);
	assert_int_equal(memb.y1, h.y1);
	/* The ideographic em box reaches 0.12 em below the Latin baseline. */
	assert_in_range(han.y1, h.y1, h.y1 + px / 6);
}

static void test_redraw_does_not_rasterise_again(void **state)
{
	struct fixture *fx = *state;
	struct font_stats first, second;
	Uint64 t0, t1, t2, freq = SDL_GetPerformanceFrequency();
	int y, drawn = 0;
	struct box b1, b2;

	/* A full screen of Chinese at 40 px: about 26 characters by 33 lines. */
	clear(fx);
	t0 = SDL_GetPerformanceCounter();
	for (y = 0; y + 100 < SCREEN_H; y += drawn)
		drawn = font_draw_wrapped(fx->f, 40, false, 20, y, SCREEN_W - 40, 0, WHITE, PARAGRAPH);
	SDL_RenderFlush(fx->r);
	t1 = SDL_GetPerformanceCounter();
	font_stats(fx->f, &first);
	b1 = ink(fx, NULL);

	clear(fx);
	t1 = SDL_GetPerformanceCounter();
	for (y = 0; y + 100 < SCREEN_H; y += drawn)
		drawn = font_draw_wrapped(fx->f, 40, false, 20, y, SCREEN_W - 40, 0, WHITE, PARAGRAPH);
	SDL_RenderFlush(fx->r);
	t2 = SDL_GetPerformanceCounter();
	font_stats(fx->f, &second);
	b2 = ink(fx, NULL);

	assert_true(first.rasterised > 100);
	assert_int_equal(second.rasterised, first.rasterised);
	assert_true(second.atlas_hits - first.atlas_hits > 500);
	assert_int_equal(b1.ink, b2.ink);
	print_message("full screen of 40 px Chinese: first draw %.1f ms (%lu glyphs rasterised), "
		      "redraw %.1f ms (%lu from the atlas)\n",
		      (double)(t1 - t0) * 1000.0 / (double)freq, first.rasterised,
		      (double)(t2 - t1) * 1000.0 / (double)freq,
		      second.atlas_hits - first.atlas_hits);
}

static void test_rare_character_drawn_from_fallback_font(void **state)
{
	struct fixture *fx = *state;
	struct font_stats before, after;
	struct box b;

	/* 𠮷 (U+20BB7, outside the BMP) is in Noto Sans CJK itself; Ա is in no CJK font. */
	assert_int_equal(font_missing(fx->f, "𠮷田"), 0);
	assert_int_equal(font_missing(fx->f, "Արամ"), 0);
	b = draw_alone(fx, 80, false, 100, 100, "𠮷");
	assert_true(b.ink > 500);

	draw_alone(fx, 80, false, 100, 100, "党");
	font_stats(fx->f, &before);
	b = draw_alone(fx, 80, false, 100, 100, "Ա");
	font_stats(fx->f, &after);
	assert_int_equal(after.faces_open, before.faces_open + 1); /* DejaVu Sans opened */
	assert_true(b.ink > 300);
	assert_true(width(fx, 80, false, "Ա") > 20);
}

static void test_character_no_font_has_is_counted_and_shown_as_a_box(void **state)
{
	struct fixture *fx = *state;
	struct box b;

	/* U+2A6A5 (Extension B, four 龍) is in no installed font. */
	assert_int_equal(font_missing(fx->f, "张\xF0\xAA\x9A\xA5"), 1);
	assert_true(width(fx, 80, false, "\xF0\xAA\x9A\xA5") > 20);
	b = draw_alone(fx, 80, false, 100, 100, "\xF0\xAA\x9A\xA5");
	assert_true(b.ink > 100);
}

static void test_bold_is_heavier_and_as_wide(void **state)
{
	struct fixture *fx = *state;
	struct box reg = draw_alone(fx, 64, false, 100, 100, "党员活动");
	struct box bold = draw_alone(fx, 64, true, 100, 100, "党员活动");

	assert_true(bold.ink > reg.ink + reg.ink / 5);
	assert_int_equal(width(fx, 64, true, "党员活动"), 256);
}

static void test_200px_glyph_fits_an_atlas_page(void **state)
{
	struct fixture *fx = *state;
	struct font_stats st;
	struct box b = draw_alone(fx, 200, true, 100, 100, "囍");

	font_stats(fx->f, &st);
	assert_int_equal(st.rasterised, 1);
	assert_int_equal(st.atlas_pages, 1);
	assert_true(b.y1 - b.y0 > 150);
	assert_true(b.x1 - b.x0 > 150);
	draw_alone(fx, 200, true, 100, 100, "囍");
	font_stats(fx->f, &st);
	assert_int_equal(st.rasterised, 1);
	assert_int_equal(st.atlas_hits, 1);
}

static void test_glyph_wider_than_an_atlas_page_is_drawn_directly(void **state)
{
	struct fixture *fx = *state;
	struct font_stats a, b;
	struct box ink1, ink2;

	/* ⸻ (U+2E3B, three-em dash; 2.46 em in Noto) at 512 px is 1260 px wide: more than a page. */
	ink1 = draw_alone(fx, 512, false, 0, 100, "⸻");
	font_stats(fx->f, &a);
	assert_true(ink1.x1 - ink1.x0 > 1000);
	ink2 = draw_alone(fx, 512, false, 0, 100, "⸻");
	font_stats(fx->f, &b);
	assert_memory_equal(&ink1, &ink2, sizeof ink1);
	assert_int_equal(b.rasterised, a.rasterised + 1); /* not kept: it would not fit */
	assert_int_equal(b.atlas_pages, 0);
}

static void test_full_atlas_starts_over_and_still_draws_right(void **state)
{
	struct fixture *fx = *state;
	struct font_stats st;
	struct box first, again;
	char s[8];
	int i;

	first = draw_alone(fx, 200, false, 100, 100, "党");
	/* 400 different hanzi at 200 px: more than four pages hold. */
	for (i = 0; i < 400; i++) {
		uint32_t c = 0x4E00 + (uint32_t)i * 37;

		s[0] = (char)(0xE0 | (c >> 12));
		s[1] = (char)(0x80 | ((c >> 6) & 0x3F));
		s[2] = (char)(0x80 | (c & 0x3F));
		font_draw(fx->f, 200, false, 0, 0, WHITE, s, 3);
	}
	font_stats(fx->f, &st);
	assert_true(st.atlas_flushes >= 1);
	assert_true(st.atlas_pages <= 4);
	again = draw_alone(fx, 200, false, 100, 100, "党");
	assert_memory_equal(&first, &again, sizeof first);
}

static void test_reset_atlas_rasterises_again(void **state)
{
	struct fixture *fx = *state;
	struct font_stats a, b;
	struct box before, after;

	before = draw_alone(fx, 40, false, 10, 10, "请在屏幕上点击您的名字");
	font_stats(fx->f, &a);
	font_reset_atlas(fx->f);
	font_stats(fx->f, &b);
	assert_int_equal(b.atlas_pages, 0);
	after = draw_alone(fx, 40, false, 10, 10, "请在屏幕上点击您的名字");
	font_stats(fx->f, &b);
	assert_int_equal(b.rasterised, 2 * a.rasterised);
	assert_memory_equal(&before, &after, sizeof before);
}

static void test_wrapped_text_keeps_to_its_width_and_line_limit(void **state)
{
	struct fixture *fx = *state;
	int px = 40, lh = font_line_height(fx->f, px), x = 60, y = 200, w = 500, h, all;
	SDL_Rect below = { 0, 0, SCREEN_W, 0 };
	struct box b;

	all = font_wrapped_height(fx->f, px, false, w, PARAGRAPH);
	assert_true(all > 5 * lh);
	assert_int_equal(all % lh, 0);

	clear(fx);
	assert_int_equal(font_draw_wrapped(fx->f, px, false, x, y, w, 0, WHITE, PARAGRAPH), all);
	b = ink(fx, NULL);
	/* Closing punctuation may hang past the edge by one mark. */
	assert_in_range(b.x0, x, x + px / 2);
	assert_in_range(b.x1, x + w - 2 * px, x + w + px);
	assert_in_range(b.y1, y + all - lh, y + all);

	clear(fx);
	h = font_draw_wrapped(fx->f, px, false, x, y, w, 3, WHITE, PARAGRAPH);
	assert_int_equal(h, 3 * lh);
	b = ink(fx, NULL);
	assert_true(b.x1 <= x + w);
	assert_true(b.y1 < y + 3 * lh);
	below.y = y + 3 * lh;
	below.h = SCREEN_H - below.y;
	assert_int_equal(ink(fx, &below).ink, 0);
	/* The cut line ends with an ellipsis: three dots low on the line, right of the text. */
	{
		SDL_Rect tail = { x + w - 3 * px, y + 2 * lh, 3 * px, lh };
		struct box t = ink(fx, &tail);

		assert_true(t.x1 >= 0);
	}
	assert_int_equal(font_draw_wrapped(fx->f, px, false, x, y, w, 3, WHITE, ""), 0);
}

/* Not a check: a page for a person to look at. */
static void test_sample_page_is_written(void **state)
{
	static const SDL_Color RED = { 0xC8, 0x10, 0x2E, 255 }, GOLD = { 0xFF, 0xD7, 0x00, 255 };
	static const SDL_Color INK = { 0x20, 0x20, 0x20, 255 };
	struct fixture *fx = *state;
	const char *tmp = getenv("TMPDIR");
	char path[512];
	SDL_Surface *shot;
	SDL_Rect guide;
	int y = 20, sizes[] = { 20, 28, 40, 64, 96 }, i, w;

	SDL_SetRenderDrawColor(fx->r, 0xFF, 0xFA, 0xF0, 255);
	SDL_RenderClear(fx->r);
	for (i = 0; i < 5; i++) {
		char label[128];
		int lh = font_line_height(fx->f, sizes[i]);

		snprintf(label, sizeof label, "%d px 党员活动室 Ag 𠮷 Ա ✈", sizes[i]);
		/* a line on the baseline: the hanzi sit slightly below it, Latin on it */
		guide.x = 20;
		guide.y = y;
		guide.w = font_text_width(fx->f, sizes[i], false, label, strlen(label));
		guide.h = lh;
		SDL_SetRenderDrawColor(fx->r, 0xDD, 0xDD, 0xFF, 255);
		SDL_RenderDrawRect(fx->r, &guide);
		font_draw(fx->f, sizes[i], false, 20, y, INK, label, strlen(label));
		y += lh;
	}
	font_draw(fx->f, 64, true, 20, y, RED, "粗体：签到成功！", strlen("粗体：签到成功！"));
	y += font_line_height(fx->f, 64);
	font_draw(fx->f, 48, false, 20, y, INK, "无字可用：[\xF0\xAA\x9A\xA5] 罕用字：[𠮷]",
		  strlen("无字可用：[\xF0\xAA\x9A\xA5] 罕用字：[𠮷]"));
	y += font_line_height(fx->f, 48);
	w = 520;
	guide.x = 20;
	guide.y = y;
	guide.w = w;
	guide.h = font_wrapped_height(fx->f, 36, false, w, PARAGRAPH);
	SDL_SetRenderDrawColor(fx->r, 0xDD, 0xDD, 0xFF, 255);
	SDL_RenderDrawRect(fx->r, &guide);
	font_draw_wrapped(fx->f, 36, false, 20, y, w, 0, INK, PARAGRAPH);
	guide.x = 560;
	guide.w = 500;
	guide.h = 4 * font_line_height(fx->f, 28);
	SDL_RenderDrawRect(fx->r, &guide);
	font_draw_wrapped(fx->f, 28, true, 560, y, 500, 4, RED, PARAGRAPH);
	y += font_wrapped_height(fx->f, 36, false, w, PARAGRAPH) + 10;
	SDL_SetRenderDrawColor(fx->r, 0xC8, 0x10, 0x2E, 255);
	guide.x = 0;
	guide.y = y;
	guide.w = SCREEN_W;
	guide.h = font_line_height(fx->f, 200) * 2;
	SDL_RenderFillRect(fx->r, &guide);
	font_draw_wrapped(fx->f, 200, true, 40, y, SCREEN_W - 80, 2, GOLD,
			  "不忘初心，牢记使命！永远跟党走");

	shot = SDL_CreateRGBSurfaceWithFormat(0, SCREEN_W, SCREEN_H, 32, SDL_PIXELFORMAT_ARGB8888);
	assert_non_null(shot);
	assert_int_equal(SDL_RenderReadPixels(fx->r, NULL, SDL_PIXELFORMAT_ARGB8888, shot->pixels,
					      shot->pitch), 0);
	snprintf(path, sizeof path, "%s/font_sample.png", tmp && *tmp ? tmp : "/tmp");
	assert_int_equal(IMG_SavePNG(shot, path), 0);
	SDL_FreeSurface(shot);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_open_finds_the_cjk_font, setup, teardown),
		cmocka_unit_test_setup_teardown(test_measuring_works_without_a_renderer, setup,
						teardown),
		cmocka_unit_test(test_missing_cjk_font_explains_what_to_install),
		cmocka_unit_test_setup_teardown(test_width_is_the_sum_of_the_advances, setup, teardown),
		cmocka_unit_test_setup_teardown(test_drawn_text_stays_inside_its_measured_box, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_glyphs_from_different_fonts_share_a_baseline,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_redraw_does_not_rasterise_again, setup, teardown),
		cmocka_unit_test_setup_teardown(test_rare_character_drawn_from_fallback_font, setup,
						teardown),
		cmocka_unit_test_setup_teardown(
			test_character_no_font_has_is_counted_and_shown_as_a_box, setup, teardown),
		cmocka_unit_test_setup_teardown(test_bold_is_heavier_and_as_wide, setup, teardown),
		cmocka_unit_test_setup_teardown(test_200px_glyph_fits_an_atlas_page, setup, teardown),
		cmocka_unit_test_setup_teardown(test_glyph_wider_than_an_atlas_page_is_drawn_directly,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_full_atlas_starts_over_and_still_draws_right,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_reset_atlas_rasterises_again, setup, teardown),
		cmocka_unit_test_setup_teardown(test_wrapped_text_keeps_to_its_width_and_line_limit,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_sample_page_is_written, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
