/* Fonts, fallback and the glyph atlas.
 *
 * fontconfig sorts the installed fonts for "Noto Sans CJK SC" in Chinese; the first that covers
 * everyday hanzi is the primary face and the rest form the fallback chain, so a rare character
 * in a member's name comes from whichever installed font has it instead of showing a box. Faces
 * are opened lazily with SDL_ttf, one TTF_Font per (face, pixel size, weight), the least recently
 * used closed when too many are open.
 *
 * Glyphs are rasterised once, white, into the atlas (atlas.c: a few large textures packed in
 * shelves), and drawn by copying with the text colour as colour modulation, so a screen that was
 * drawn before is redrawn with no FreeType work at all. The atlas is bounded: when it is full it
 * is emptied and refilled. Wrapping text into lines is font_wrap.c.
 * A glyph is laid out by its advance only (no kerning: Chinese has none, and widths measured for
 * line breaking must be exactly what is drawn). */
#include "ui/font.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <SDL_ttf.h>
#include <fontconfig/fontconfig.h>

#include "core/text/utf8.h"
#include "ui/atlas.h"

#define DEFAULT_PATTERN "Noto Sans CJK SC:lang=zh-cn"

#define MIN_PX 4
#define MAX_PX 512
#define MAX_OPEN_TTF 32
#define TABLE_INIT 1024
#define TABLE_MAX (1u << 16) /* entries; the table is emptied (with the atlas) beyond half */

/* Glyph flags. */
#define G_IN_ATLAS 0x01 /* rasterised: ax, ay, w, h, bx, by are valid (or G_BLANK) */
#define G_BLANK 0x02    /* nothing to draw (a space) */
#define G_TOO_BIG 0x04  /* larger than a page: rasterised each time it is drawn */

/* Characters of 党员活动室: a face that has them can write the kiosk's own words. */
static const uint32_t CJK_PROBE[] = { 0x515A, 0x5458, 0x6D3B, 0x52A8, 0x5BA4 };

/* Face variants opened as TTF_Fonts. */
enum variant { V_REGULAR, V_BOLD_FILE, V_SYNTH_BOLD };

struct face {
	char *file, *family;
	int index;
	FcCharSet *charset;
	bool dead;          /* SDL_ttf could not open it: skipped from then on */
	bool bold_resolved; /* bold_file looked up (it may still be NULL) */
	char *bold_file;
	int bold_index;
};

struct ttf_slot {
	TTF_Font *ttf;
	int face, px;
	enum variant variant;
	unsigned long used;
};

/* One entry per (code point, pixel size, bold). The face is not part of the key because the
 * chain is fixed when the font opens, so the code point alone decides it. */
struct glyph {
	uint32_t cp;
	uint16_t px;
	uint8_t bold, used;
	uint8_t face, variant, flags, page;
	int16_t advance, bx, by; /* bitmap offset from the pen position on the baseline */
	uint16_t ax, ay, w, h;   /* rectangle in the atlas page */
};

struct font {
	SDL_Renderer *r;
	FcConfig *fc;
	struct face *faces;
	size_t nfaces;
	struct ttf_slot slots[MAX_OPEN_TTF];
	unsigned long clock;
	struct glyph *table;
	size_t cap, count;
	struct atlas atlas;
	unsigned long rasterised, atlas_hits, atlas_flushes;
};

#if defined(__GNUC__)
__attribute__((format(printf, 3, 4)))
#endif
static void set_err(char *err, size_t errlen, const char *fmt, ...)
{
	va_list ap;

	if (!err || errlen == 0)
		return;
	va_start(ap, fmt);
	vsnprintf(err, errlen, fmt, ap);
	va_end(ap);
	/* A cut message must not end inside a Chinese character. */
	err[utf8_invalid_at(err, strlen(err))] = '\0';
}

static int clamp_px(int px)
{
	return px < MIN_PX ? MIN_PX : px > MAX_PX ? MAX_PX : px;
}

/* Code points that take no room and are never drawn: controls, joiners, variation selectors. */
static bool invisible(uint32_t c)
{
	return c < 0x20 || (c >= 0x7F && c < 0xA0) || (c >= 0x200B && c <= 0x200F) ||
	       (c >= 0x2028 && c <= 0x202E) || (c >= 0x2060 && c <= 0x2064) || c == 0xFEFF ||
	       (c >= 0xFE00 && c <= 0xFE0F) || (c >= 0xE0100 && c <= 0xE01EF);
}

/* Decode one code point; a byte that is not UTF-8 is drawn as U+FFFD. Returns its length. */
static size_t next_cp(const char *s, size_t n, uint32_t *c)
{
	size_t len = utf8_decode(s, n, c);

	if (len == 0) {
		*c = 0xFFFD;
		len = 1;
	}
	return len;
}

/* ---- faces ---- */

static bool face_has(const struct face *fc, uint32_t c)
{
	return !fc->dead && FcCharSetHasChar(fc->charset, c);
}

/* The first face of the chain that has c, or -1. */
static int face_for(const struct font *f, uint32_t c)
{
	size_t i;

	for (i = 0; i < f->nfaces; i++)
		if (face_has(&f->faces[i], c))
			return (int)i;
	return -1;
}

static void face_free(struct face *fc)
{
	free(fc->file);
	free(fc->family);
	free(fc->bold_file);
	if (fc->charset)
		FcCharSetDestroy(fc->charset);
}

static char *dup_str(const FcChar8 *s)
{
	return s ? strdup((const char *)s) : NULL;
}

/* Find the bold file of a face's family through fontconfig, once. A family without a real bold
 * (fontconfig answers with some other font, or the same weight) gets SDL_ttf's synthetic bold. */
static void face_resolve_bold(struct font *f, struct face *fc)
{
	FcPattern *pat, *match = NULL;
	FcResult res;
	FcChar8 *family = NULL, *file = NULL;
	int weight = 0, index = 0;

	fc->bold_resolved = true;
	if (!fc->family)
		return;
	pat = FcPatternCreate();
	if (!pat)
		return;
	FcPatternAddString(pat, FC_FAMILY, (const FcChar8 *)fc->family);
	FcPatternAddInteger(pat, FC_WEIGHT, FC_WEIGHT_BOLD);
	FcPatternAddInteger(pat, FC_SLANT, FC_SLANT_ROMAN);
	FcConfigSubstitute(f->fc, pat, FcMatchPattern);
	FcDefaultSubstitute(pat);
	match = FcFontMatch(f->fc, pat, &res);
	if (match && FcPatternGetString(match, FC_FAMILY, 0, &family) == FcResultMatch &&
	    FcPatternGetString(match, FC_FILE, 0, &file) == FcResultMatch &&
	    FcPatternGetInteger(match, FC_WEIGHT, 0, &weight) == FcResultMatch &&
	    strcmp((const char *)family, fc->family) == 0 && weight >= FC_WEIGHT_DEMIBOLD) {
		if (FcPatternGetInteger(match, FC_INDEX, 0, &index) != FcResultMatch)
			index = 0;
		fc->bold_file = dup_str(file);
		fc->bold_index = index;
	}
	if (match)
		FcPatternDestroy(match);
	FcPatternDestroy(pat);
}

/* The open TTF_Font for a face at px in a variant, opening it (and closing the least recently
 * used one) when needed. NULL when the file cannot be opened; a regular face that fails is dead. */
static TTF_Font *font_ttf(struct font *f, int face, int px, enum variant v)
{
	struct face *fc = &f->faces[face];
	struct ttf_slot *slot = NULL;
	TTF_Font *ttf;
	int i;

	for (i = 0; i < MAX_OPEN_TTF; i++) {
		struct ttf_slot *s = &f->slots[i];

		if (s->ttf && s->face == face && s->px == px && s->variant == v) {
			s->used = ++f->clock;
			return s->ttf;
		}
		if (!slot || !s->ttf || (slot->ttf && s->used < slot->used))
			slot = s;
	}
	if (v == V_BOLD_FILE)
		ttf = fc->bold_file ? TTF_OpenFontIndex(fc->bold_file, px, fc->bold_index) : NULL;
	else
		ttf = TTF_OpenFontIndex(fc->file, px, fc->index);
	if (!ttf) {
		if (v == V_BOLD_FILE) {
			free(fc->bold_file); /* use synthetic bold from now on */
			fc->bold_file = NULL;
		} else {
			fc->dead = true;
		}
		return NULL;
	}
	if (v == V_SYNTH_BOLD)
		TTF_SetFontStyle(ttf, TTF_STYLE_BOLD);
	if (slot->ttf)
		TTF_CloseFont(slot->ttf);
	slot->ttf = ttf;
	slot->face = face;
	slot->px = px;
	slot->variant = v;
	slot->used = ++f->clock;
	return ttf;
}

/* Choose the face and variant that draw c; fills *face, *variant and returns the TTF_Font, or
 * NULL when not even the primary face opens. Code points no face has come from the primary face,
 * whose missing-glyph box then shows. */
static TTF_Font *font_pick(struct font *f, uint32_t c, int px, bool bold, int *face,
			   enum variant *variant)
{
	TTF_Font *ttf = NULL;
	int i;

	for (;;) {
		i = face_for(f, c);
		if (i < 0)
			i = 0;
		if (f->faces[i].dead)
			return NULL;
		if (bold) {
			struct face *fc = &f->faces[i];

			if (!fc->bold_resolved)
				face_resolve_bold(f, fc);
			if (fc->bold_file) {
				ttf = font_ttf(f, i, px, V_BOLD_FILE);
				if (ttf && (TTF_GlyphIsProvided32(ttf, c) || face_for(f, c) < 0)) {
					*variant = V_BOLD_FILE;
					break;
				}
			}
			*variant = V_SYNTH_BOLD;
		} else {
			*variant = V_REGULAR;
		}
		ttf = font_ttf(f, i, px, *variant);
		if (ttf)
			break;
		/* This face could not be opened and is now dead: try the next one. */
	}
	*face = i;
	return ttf;
}

/* ---- glyph table ---- */

static size_t glyph_hash(uint32_t c, int px, bool bold, size_t cap)
{
	uint32_t h = c * 0x9E3779B1u ^ ((uint32_t)px * 0x85EBCA77u) ^ (bold ? 0xC2B2AE35u : 0);

	h ^= h >> 15;
	h *= 0x2C1B3C6Du;
	h ^= h >> 13;
	return h & (cap - 1);
}

static struct glyph *table_slot(struct glyph *table, size_t cap, uint32_t c, int px, bool bold)
{
	size_t i = glyph_hash(c, px, bold, cap);

	while (table[i].used && !(table[i].cp == c && table[i].px == px && table[i].bold == bold))
		i = (i + 1) & (cap - 1);
	return &table[i];
}

/* The atlas was emptied: no glyph is in it any more (each is rasterised again when drawn). */
static void glyphs_out_of_atlas(struct font *f)
{
	size_t i;

	for (i = 0; i < f->cap; i++)
		f->table[i].flags &= (uint8_t)~(G_IN_ATLAS | G_BLANK | G_TOO_BIG);
}

/* Make room for one more entry: double the table, or past TABLE_MAX start it (and the atlas,
 * whose rectangles it indexes) over. */
static int table_reserve(struct font *f)
{
	struct glyph *bigger;
	size_t i, cap = f->cap * 2;

	if ((f->count + 1) * 2 <= f->cap)
		return 0;
	if (cap > TABLE_MAX) {
		memset(f->table, 0, f->cap * sizeof *f->table);
		f->count = 0;
		atlas_clear(&f->atlas);
		f->atlas_flushes++;
		return 0;
	}
	bigger = calloc(cap, sizeof *bigger);
	if (!bigger)
		return -1;
	for (i = 0; i < f->cap; i++)
		if (f->table[i].used)
			*table_slot(bigger, cap, f->table[i].cp, f->table[i].px,
				    f->table[i].bold) = f->table[i];
	free(f->table);
	f->table = bigger;
	f->cap = cap;
	return 0;
}

/* The glyph entry for c at px, with its face and advance; NULL if it cannot be had. The pointer
 * is valid until the next call (the table may grow). */
static struct glyph *font_glyph(struct font *f, uint32_t c, int px, bool bold)
{
	struct glyph *g = table_slot(f->table, f->cap, c, px, bold);
	enum variant v;
	TTF_Font *ttf;
	int face, advance = 0;

	if (g->used)
		return g;
	ttf = font_pick(f, c, px, bold, &face, &v);
	if (!ttf || TTF_GlyphMetrics32(ttf, c, NULL, NULL, NULL, NULL, &advance) < 0)
		return NULL;
	if (table_reserve(f) < 0)
		return NULL;
	g = table_slot(f->table, f->cap, c, px, bold);
	memset(g, 0, sizeof *g);
	g->cp = c;
	g->px = (uint16_t)px;
	g->bold = bold;
	g->used = 1;
	g->face = (uint8_t)face;
	g->variant = (uint8_t)v;
	g->advance = (int16_t)advance;
	f->count++;
	return g;
}

/* ---- rasterising ---- */

/* Rasterise g and put it in the atlas. A glyph larger than a page is returned in *big (white,
 * cropped to *crop) for the caller to draw once and free. */
static void glyph_rasterise(struct font *f, struct glyph *g, SDL_Surface **big, SDL_Rect *crop)
{
	static const SDL_Color white = { 255, 255, 255, 255 };
	TTF_Font *ttf = font_ttf(f, g->face, g->px, (enum variant)g->variant);
	SDL_Surface *s = NULL, *conv;
	int minx = 0, maxy = 0, ox, base, x, y, x0, y0, x1, y1, page, ax, ay, placed;
	const uint32_t *row;

	*big = NULL;
	/* Blank unless ink shows below; flags are set last because placing the glyph may empty
	 * the atlas, which clears them in every entry. */
	g->flags = G_IN_ATLAS | G_BLANK;
	if (!ttf)
		return;
	s = TTF_RenderGlyph32_Blended(ttf, g->cp, white);
	f->rasterised++;
	if (!s)
		return; /* a space: SDL_ttf refuses a zero-width surface */
	if (s->format->format != SDL_PIXELFORMAT_ARGB8888) {
		conv = SDL_ConvertSurfaceFormat(s, SDL_PIXELFORMAT_ARGB8888, 0);
		SDL_FreeSurface(s);
		if (!(s = conv))
			return;
	}
	/* SDL_ttf puts the pen at x = max(0, -minx) and the baseline at y = max(ascent, maxy) of the
	 * surface it renders one glyph into; crop that surface to the pixels with ink. */
	TTF_GlyphMetrics32(ttf, g->cp, &minx, NULL, NULL, &maxy, NULL);
	ox = minx < 0 ? -minx : 0;
	base = TTF_FontAscent(ttf) > maxy ? TTF_FontAscent(ttf) : maxy;
	x0 = s->w;
	y0 = s->h;
	x1 = y1 = -1;
	SDL_LockSurface(s);
	for (y = 0; y < s->h; y++) {
		row = (const uint32_t *)((const uint8_t *)s->pixels + (size_t)y * (size_t)s->pitch);
		for (x = 0; x < s->w; x++)
			if (row[x] >> 24) {
				if (x < x0)
					x0 = x;
				if (x > x1)
					x1 = x;
				if (y < y0)
					y0 = y;
				y1 = y;
			}
	}
	if (x1 < 0) {
		SDL_UnlockSurface(s);
		SDL_FreeSurface(s);
		return;
	}
	g->bx = (int16_t)(x0 - ox);
	g->by = (int16_t)(y0 - base);
	g->w = (uint16_t)(x1 - x0 + 1);
	g->h = (uint16_t)(y1 - y0 + 1);
	crop->x = x0;
	crop->y = y0;
	crop->w = g->w;
	crop->h = g->h;
	placed = atlas_place(&f->atlas, g->w, g->h, &page, &ax, &ay);
	if (placed < 0) {
		g->flags = G_IN_ATLAS | G_TOO_BIG;
		SDL_UnlockSurface(s);
		*big = s;
		return;
	}
	if (placed == 1) {
		glyphs_out_of_atlas(f);
		f->atlas_flushes++;
	}
	{
		SDL_Rect dst = { ax, ay, g->w, g->h };
		const uint8_t *px = (const uint8_t *)s->pixels + (size_t)y0 * (size_t)s->pitch +
				    (size_t)x0 * 4;

		atlas_upload(&f->atlas, page, &dst, px, s->pitch);
	}
	g->flags = G_IN_ATLAS;
	g->page = (uint8_t)page;
	g->ax = (uint16_t)ax;
	g->ay = (uint16_t)ay;
	SDL_UnlockSurface(s);
	SDL_FreeSurface(s);
}

/* Draw a glyph larger than an atlas page straight from its surface. */
static void draw_big(struct font *f, SDL_Surface *s, const SDL_Rect *crop, SDL_Rect *dst,
		     SDL_Color c)
{
	SDL_Texture *t = SDL_CreateTextureFromSurface(f->r, s);

	if (t) {
		SDL_SetTextureBlendMode(t, SDL_BLENDMODE_BLEND);
		SDL_SetTextureColorMod(t, c.r, c.g, c.b);
		SDL_SetTextureAlphaMod(t, c.a);
		SDL_RenderCopy(f->r, t, crop, dst);
		SDL_DestroyTexture(t);
	}
	SDL_FreeSurface(s);
}

/* ---- public ---- */

struct font *font_open(SDL_Renderer *r, char *err, size_t errlen)
{
	struct font *f = calloc(1, sizeof *f);
	FcPattern *pat = NULL;
	FcFontSet *set = NULL;
	FcResult res;
	int i, primary = -1;
	size_t k;

	if (!f) {
		set_err(err, errlen, "内存不足，无法加载字体。请重新启动本机。");
		return NULL;
	}
	f->r = r;
	if (TTF_Init() < 0) {
		set_err(err, errlen, "字体库初始化失败（%s）。请重新启动本机；仍不行请联系管理员。",
			TTF_GetError());
		free(f);
		return NULL;
	}
	f->fc = FcInitLoadConfigAndFonts();
	pat = FcNameParse((const FcChar8 *)DEFAULT_PATTERN);
	if (!f->fc || !pat) {
		set_err(err, errlen, "无法读取系统字体配置（fontconfig）。请让管理员检查 fontconfig 是否安装完好。");
		goto err;
	}
	FcConfigSubstitute(f->fc, pat, FcMatchPattern);
	FcDefaultSubstitute(pat);
	/* Trimmed: a font stays in the chain only if it adds characters the ones before lack. */
	set = FcFontSort(f->fc, pat, FcTrue, NULL, &res);
	if (!set || set->nfont == 0)
		goto no_cjk;
	f->faces = calloc((size_t)set->nfont, sizeof *f->faces);
	if (!f->faces)
		goto oom;
	for (i = 0; i < set->nfont; i++) {
		FcPattern *p = set->fonts[i];
		struct face *fc = &f->faces[f->nfaces];
		FcChar8 *file = NULL, *family = NULL;
		FcCharSet *cs = NULL;
		FcBool scalable = FcFalse, color = FcFalse;

		/* SDL_ttf draws outlines in one colour: bitmap and colour fonts are left out. */
		if (FcPatternGetString(p, FC_FILE, 0, &file) != FcResultMatch ||
		    FcPatternGetCharSet(p, FC_CHARSET, 0, &cs) != FcResultMatch ||
		    FcPatternGetBool(p, FC_SCALABLE, 0, &scalable) != FcResultMatch || !scalable)
			continue;
		if (FcPatternGetBool(p, FC_COLOR, 0, &color) == FcResultMatch && color)
			continue;
		if (FcPatternGetInteger(p, FC_INDEX, 0, &fc->index) != FcResultMatch)
			fc->index = 0;
		FcPatternGetString(p, FC_FAMILY, 0, &family);
		fc->file = dup_str(file);
		fc->family = dup_str(family);
		fc->charset = FcCharSetCopy(cs);
		f->nfaces++;
		if (!fc->file)
			goto oom;
		if (primary < 0) {
			for (k = 0; k < sizeof CJK_PROBE / sizeof CJK_PROBE[0]; k++)
				if (!FcCharSetHasChar(cs, CJK_PROBE[k]))
					break;
			if (k == sizeof CJK_PROBE / sizeof CJK_PROBE[0])
				primary = (int)f->nfaces - 1;
		}
	}
	FcFontSetDestroy(set);
	set = NULL;
	FcPatternDestroy(pat);
	pat = NULL;
	if (primary < 0)
		goto no_cjk;
	if (primary > 0) {
		/* The Chinese face leads; the ones fontconfig ranked above it follow. */
		struct face tmp = f->faces[primary];

		memmove(&f->faces[1], &f->faces[0], (size_t)primary * sizeof *f->faces);
		f->faces[0] = tmp;
	}
	while (f->nfaces > 255) /* glyph entries store the face in a byte */
		face_free(&f->faces[--f->nfaces]);
	if (!font_ttf(f, 0, 32, V_REGULAR)) {
		set_err(err, errlen, "中文字体文件 %s 无法打开（%s）。请让管理员重新安装 fonts-noto-cjk 软件包。",
			f->faces[0].file, TTF_GetError());
		goto err;
	}
	atlas_init(&f->atlas, r);
	f->cap = TABLE_INIT;
	f->table = calloc(f->cap, sizeof *f->table);
	if (!f->table)
		goto oom;
	return f;

no_cjk:
	set_err(err, errlen, "找不到中文字体，屏幕上的字无法显示。请让管理员安装 fonts-noto-cjk 软件包"
		"（sudo apt install fonts-noto-cjk）后重新启动本机。");
	goto err;
oom:
	set_err(err, errlen, "内存不足，无法加载字体。请重新启动本机。");
err:
	if (set)
		FcFontSetDestroy(set);
	if (pat)
		FcPatternDestroy(pat);
	font_close(f);
	return NULL;
}

void font_close(struct font *f)
{
	size_t i;

	if (!f)
		return;
	atlas_free(&f->atlas);
	for (i = 0; i < MAX_OPEN_TTF; i++)
		if (f->slots[i].ttf)
			TTF_CloseFont(f->slots[i].ttf);
	for (i = 0; i < f->nfaces; i++)
		face_free(&f->faces[i]);
	free(f->faces);
	free(f->table);
	if (f->fc)
		FcConfigDestroy(f->fc);
	TTF_Quit();
	free(f);
}

int font_line_height(struct font *f, int px)
{
	TTF_Font *ttf;

	px = clamp_px(px);
	ttf = f ? font_ttf(f, 0, px, V_REGULAR) : NULL;
	return ttf ? TTF_FontLineSkip(ttf) : px * 3 / 2;
}

int font_text_width(struct font *f, int px, bool bold, const char *s, size_t n)
{
	struct glyph *g;
	size_t i = 0;
	uint32_t c;
	int w = 0;

	if (!f || !s)
		return 0;
	px = clamp_px(px);
	while (i < n) {
		i += next_cp(s + i, n - i, &c);
		if (!invisible(c) && (g = font_glyph(f, c, px, bold)))
			w += g->advance;
	}
	return w;
}

void font_draw(struct font *f, int px, bool bold, int x, int y, SDL_Color color, const char *s,
	       size_t n)
{
	TTF_Font *primary;
	struct glyph *g;
	size_t i = 0;
	uint32_t c;
	int baseline;

	if (!f || !f->r || !s)
		return;
	px = clamp_px(px);
	primary = font_ttf(f, 0, px, V_REGULAR);
	if (!primary)
		return;
	/* Every face sits on the primary face's baseline. */
	baseline = y + TTF_FontAscent(primary);
	while (i < n) {
		SDL_Surface *big = NULL;
		SDL_Rect crop, dst;

		i += next_cp(s + i, n - i, &c);
		if (invisible(c) || !(g = font_glyph(f, c, px, bold)))
			continue;
		if ((g->flags & G_IN_ATLAS) && !(g->flags & G_TOO_BIG))
			f->atlas_hits++;
		else
			glyph_rasterise(f, g, &big, &crop);
		if (!(g->flags & G_BLANK)) {
			dst.x = x + g->bx;
			dst.y = baseline + g->by;
			dst.w = g->w;
			dst.h = g->h;
			if (big) {
				draw_big(f, big, &crop, &dst, color);
			} else if ((g->flags & G_IN_ATLAS) && !(g->flags & G_TOO_BIG)) {
				SDL_Rect src = { g->ax, g->ay, g->w, g->h };

				atlas_draw(&f->atlas, g->page, &src, &dst, color);
			}
		}
		x += g->advance;
	}
}

size_t font_missing(struct font *f, const char *s)
{
	size_t i = 0, n, missing = 0;
	uint32_t c;

	if (!f || !s)
		return 0;
	n = strlen(s);
	while (i < n) {
		i += next_cp(s + i, n - i, &c);
		if (!invisible(c) && face_for(f, c) < 0)
			missing++;
	}
	return missing;
}

void font_stats(const struct font *f, struct font_stats *out)
{
	size_t i;

	memset(out, 0, sizeof *out);
	if (!f)
		return;
	out->rasterised = f->rasterised;
	out->atlas_hits = f->atlas_hits;
	out->atlas_pages = (unsigned long)f->atlas.npages;
	out->atlas_flushes = f->atlas_flushes;
	for (i = 0; i < MAX_OPEN_TTF; i++)
		if (f->slots[i].ttf)
			out->faces_open++;
}

void font_reset_atlas(struct font *f)
{
	if (!f)
		return;
	atlas_free(&f->atlas);
	glyphs_out_of_atlas(f);
}
