/* Line breaking for Chinese text with Latin words and numbers mixed in.
 *
 * The caller injects the text measurement (as rxi/microui does), so the rules are tested without a
 * font and the same code serves every size the screens use. */
#ifndef KIOSK_CORE_LINEBREAK_H
#define KIOSK_CORE_LINEBREAK_H

#include <stddef.h>

/* One line: byte offsets [start, end) into the text and its measured width in pixels. Spaces at a
 * soft break belong to neither line; end never includes trailing spaces. */
struct line_span {
	size_t start, end;
	int width;
};

/* Width in pixels of s[0..n); linebreak calls it on one code point at a time (n bytes of it). */
typedef int (*text_measure_fn)(void *ctx, const char *s, size_t n);

/* Break the NUL-terminated UTF-8 text into lines at most max_width wide and return how many lines
 * it takes. That count may exceed max_lines; only the first max_lines spans are written, so
 * lines == NULL with max_lines == 0 just counts. A line may be wider than max_width only when a
 * closing punctuation mark has to hang at its end, or one character alone is wider. The last
 * line never holds one Han character alone when the line before can give it a second. */
size_t linebreak(const char *text, int max_width, text_measure_fn measure, void *ctx,
		 struct line_span *lines, size_t max_lines);

#endif
