/* Packing glyph bitmaps into a few textures, shelf by shelf (see atlas.h). A bitmap goes on the
 * lowest shelf it fits that is not much taller than it, else on a new shelf, else on a new page;
 * only when all pages are full is everything forgotten and packing starts over. */
#include "ui/atlas.h"

#include <string.h>

/* A 1024 px page holds about 25 hanzi at 200 px, the largest size the screens use. Four pages
 * are 16 MiB of texture; a full 1080x1920 screen is 2 Mpx, so even a screen of text in which no
 * glyph repeats fits in the atlas with room for packing waste (a screen of 32 px text with
 * 1320 different hanzi fills two pages). */
#define PAGE_SIZE 1024
#define PAD 1

void atlas_init(struct atlas *a, SDL_Renderer *r)
{
	SDL_RendererInfo info;

	memset(a, 0, sizeof *a);
	a->r = r;
	a->page_size = PAGE_SIZE;
	if (r && SDL_GetRendererInfo(r, &info) == 0) {
		if (info.max_texture_width > 0 && info.max_texture_width < a->page_size)
			a->page_size = info.max_texture_width;
		if (info.max_texture_height > 0 && info.max_texture_height < a->page_size)
			a->page_size = info.max_texture_height;
	}
}

static struct atlas_page *page_new(struct atlas *a)
{
	struct atlas_page *p;

	if (a->npages >= ATLAS_MAX_PAGES)
		return NULL;
	p = &a->pages[a->npages];
	memset(p, 0, sizeof *p);
	p->tex = SDL_CreateTexture(a->r, SDL_PIXELFORMAT_ARGB8888, SDL_TEXTUREACCESS_STATIC,
				   a->page_size, a->page_size);
	if (!p->tex)
		return NULL;
	SDL_SetTextureBlendMode(p->tex, SDL_BLENDMODE_BLEND);
	SDL_SetTextureScaleMode(p->tex, SDL_ScaleModeNearest);
	a->npages++;
	return p;
}

/* Find room for a w x h bitmap on a shelf of p (best-fitting shelf height first). */
static bool page_place(struct atlas *a, struct atlas_page *p, int w, int h, int *x, int *y)
{
	struct atlas_shelf *best = NULL;
	int i, sh;

	for (i = 0; i < p->nshelves; i++) {
		struct atlas_shelf *s = &p->shelves[i];

		if (s->h >= h && s->h <= h + h / 4 + 2 && s->x + w <= a->page_size &&
		    (!best || s->h < best->h))
			best = s;
	}
	if (!best) {
		sh = (h + 3) & ~3; /* round up so that near sizes share shelves */
		if (p->nshelves >= ATLAS_MAX_SHELVES || p->bottom + h > a->page_size)
			return false;
		if (p->bottom + sh > a->page_size)
			sh = a->page_size - p->bottom;
		best = &p->shelves[p->nshelves++];
		best->y = p->bottom;
		best->h = sh;
		best->x = 0;
		p->bottom += sh;
	}
	*x = best->x;
	*y = best->y;
	best->x += w;
	return true;
}

int atlas_place(struct atlas *a, int w, int h, int *page, int *x, int *y)
{
	struct atlas_page *p;
	int i, emptied = 0;

	/* Checked first, so that once the atlas is emptied the bitmap surely goes on a page. */
	if (w + PAD > a->page_size || h + PAD > a->page_size)
		return -1;
	for (i = 0; i < a->npages; i++)
		if (page_place(a, &a->pages[i], w + PAD, h + PAD, x, y)) {
			*page = i;
			return 0;
		}
	if (!(p = page_new(a))) {
		if (a->npages == 0)
			return -1;
		atlas_clear(a);
		emptied = 1;
		p = &a->pages[0];
	}
	if (!page_place(a, p, w + PAD, h + PAD, x, y))
		return -1;
	*page = (int)(p - a->pages);
	return emptied;
}

void atlas_upload(struct atlas *a, int page, const SDL_Rect *dst, const void *pixels, int pitch)
{
	SDL_UpdateTexture(a->pages[page].tex, dst, pixels, pitch);
}

void atlas_draw(struct atlas *a, int page, const SDL_Rect *src, const SDL_Rect *dst, SDL_Color c)
{
	struct atlas_page *p = &a->pages[page];

	if (!p->mod_set || p->mod.r != c.r || p->mod.g != c.g || p->mod.b != c.b || p->mod.a != c.a) {
		SDL_SetTextureColorMod(p->tex, c.r, c.g, c.b);
		SDL_SetTextureAlphaMod(p->tex, c.a);
		p->mod = c;
		p->mod_set = true;
	}
	SDL_RenderCopy(a->r, p->tex, src, dst);
}

void atlas_clear(struct atlas *a)
{
	int p;

	for (p = 0; p < a->npages; p++) {
		a->pages[p].nshelves = 0;
		a->pages[p].bottom = 0;
	}
}

void atlas_free(struct atlas *a)
{
	int p;

	for (p = 0; p < a->npages; p++)
		SDL_DestroyTexture(a->pages[p].tex);
	a->npages = 0;
}
