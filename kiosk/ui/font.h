/* Text for the screens: the system's CJK font found through fontconfig, other installed fonts as
 * fallback for characters it lacks, and a glyph atlas so that redrawing text costs texture copies,
 * not rasterisation. Sizes are in pixels (the font's em size); a line box is font_line_height()
 * tall with its top at the y passed in. */
#ifndef KIOSK_UI_FONT_H
#define KIOSK_UI_FONT_H

#include <stdbool.h>
#include <stddef.h>

#include <SDL.h>

/* Opaque: the fontconfig fallback chain, open TTF_Fonts per (face, pixel size, bold), the atlas. */
struct font;

struct font_stats {
	unsigned long rasterised;    /* glyphs rendered by FreeType */
	unsigned long atlas_hits;    /* glyphs drawn (or found blank) without rasterising */
	unsigned long atlas_pages;   /* atlas textures alive now */
	unsigned long faces_open;    /* TTF_Fonts open now */
	unsigned long atlas_flushes; /* times the atlas was full and started over */
};

/* Open the default CJK family ("Noto Sans CJK SC", lang zh-cn) for drawing with r (which must
 * outlive the font; r may be NULL to only measure). NULL with a message in Chinese when no CJK
 * font is installed or it cannot be opened. */
struct font *font_open(SDL_Renderer *r, char *err, size_t errlen);

/* Free the atlas textures, fonts and fontconfig data; call before destroying the renderer. */
void font_close(struct font *f);

/* Height of one line of text at px: the distance from one line's top to the next one's. */
int font_line_height(struct font *f, int px);

/* Width in pixels of s[0..n) drawn by font_draw: the sum of the glyph advances. */
int font_text_width(struct font *f, int px, bool bold, const char *s, size_t n);

/* Draw s[0..n) as one line; (x, y) is the top-left of its line box. */
void font_draw(struct font *f, int px, bool bold, int x, int y, SDL_Color color, const char *s,
	       size_t n);

/* Draw NUL-terminated s wrapped to width w by linebreak(); return the height used. max_lines 0
 * means no limit; when the text is cut, the last line shown ends with "…". */
int font_draw_wrapped(struct font *f, int px, bool bold, int x, int y, int w, int max_lines,
		      SDL_Color color, const char *s);

/* Height font_draw_wrapped would use for s at width w with no line limit. */
int font_wrapped_height(struct font *f, int px, bool bold, int w, const char *s);

/* How many code points of s no installed font can draw (they are drawn as a box). */
size_t font_missing(struct font *f, const char *s);

/* Counters for tests and logs. */
void font_stats(const struct font *f, struct font_stats *out);

/* Forget the atlas textures; call on SDL_RENDER_TARGETS_RESET and SDL_RENDER_DEVICE_RESET, when the
 * renderer has lost their contents. Glyphs are rasterised again as they are drawn. */
void font_reset_atlas(struct font *f);

#endif
