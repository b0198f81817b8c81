/* Text wrapped into lines: linebreak() (core) decides where lines may break, measuring with
 * font_text_width, and the lines are drawn with font_draw; a text cut short by a line limit
 * ends its last line with "…". Only the font's public calls are used here. */
#include <stdlib.h>
#include <string.h>

#include "core/text/linebreak.h"
#include "ui/font.h"

#define WRAP_LOCAL_LINES 64 /* lines laid out without allocating */

struct measure_ctx {
	struct font *f;
	int px; /* clamped by font_text_width, as by every font call */
	bool bold;
};

static int measure_cb(void *ctx, const char *s, size_t n)
{
	struct measure_ctx *m = ctx;

	return font_text_width(m->f, m->px, m->bold, s, n);
}

static bool trailing_space(const char *s, size_t start, size_t *end)
{
	if (*end > start && s[*end - 1] == ' ') {
		(*end)--;
		return true;
	}
	if (*end >= start + 3 && memcmp(s + *end - 3, "\xE3\x80\x80", 3) == 0) { /* U+3000 */
		*end -= 3;
		return true;
	}
	return false;
}

/* Draw the last line that fits, shortened until it and "…" fit in w. */
static void draw_cut_line(struct font *f, int px, bool bold, int x, int y, int w, SDL_Color color,
			  const char *s, size_t start, size_t end)
{
	static const char ellipsis[] = "…";
	int ew = font_text_width(f, px, bold, ellipsis, sizeof ellipsis - 1);
	int lw = font_text_width(f, px, bold, s + start, end - start);

	while (end > start && lw + ew > w) {
		size_t e = end;

		do
			e--;
		while (e > start && ((unsigned char)s[e] & 0xC0) == 0x80);
		lw -= font_text_width(f, px, bold, s + e, end - e);
		end = e;
	}
	while (trailing_space(s, start, &end))
		lw = font_text_width(f, px, bold, s + start, end - start);
	font_draw(f, px, bold, x, y, color, s + start, end - start);
	font_draw(f, px, bold, x + lw, y, color, ellipsis, sizeof ellipsis - 1);
}

int font_draw_wrapped(struct font *f, int px, bool bold, int x, int y, int w, int max_lines,
		      SDL_Color color, const char *s)
{
	struct line_span local[WRAP_LOCAL_LINES], *spans = local;
	struct measure_ctx m = { f, px, bold };
	size_t n, shown, cap = WRAP_LOCAL_LINES, i;
	int lh;

	if (!f || !s)
		return 0;
	lh = font_line_height(f, px);
	n = linebreak(s, w, measure_cb, &m, spans, cap);
	shown = max_lines > 0 && (size_t)max_lines < n ? (size_t)max_lines : n;
	if (shown > cap) {
		struct line_span *more = malloc(shown * sizeof *more);

		if (more) {
			spans = more;
			linebreak(s, w, measure_cb, &m, spans, shown);
		} else {
			shown = cap; /* out of memory: show what fits in the local array */
		}
	}
	for (i = 0; i < shown; i++) {
		int ly = y + (int)i * lh;

		if (i + 1 == shown && shown < n)
			draw_cut_line(f, px, bold, x, ly, w, color, s, spans[i].start, spans[i].end);
		else
			font_draw(f, px, bold, x, ly, color, s + spans[i].start,
				  spans[i].end - spans[i].start);
	}
	if (spans != local)
		free(spans);
	return (int)shown * lh;
}

int font_wrapped_height(struct font *f, int px, bool bold, int w, const char *s)
{
	struct measure_ctx m = { f, px, bold };

	if (!f || !s)
		return 0;
	return (int)linebreak(s, w, measure_cb, &m, NULL, 0) * font_line_height(f, px);
}
