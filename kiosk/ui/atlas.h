/* The glyph atlas: a few large textures, each packed in shelves (rows of bitmaps of about the
 * same height), so that text drawn before is drawn again by copying rectangles, with the text
 * colour as colour modulation. Bounded: when every page is full, the atlas is emptied and
 * filled again. The font (font.c) decides what goes in; this file only finds room. */
#ifndef KIOSK_UI_ATLAS_H
#define KIOSK_UI_ATLAS_H

#include <stdbool.h>

#include <SDL.h>

#define ATLAS_MAX_PAGES 4
#define ATLAS_MAX_SHELVES 256

struct atlas_shelf {
	int y, h, x;
};

struct atlas_page {
	SDL_Texture *tex;
	struct atlas_shelf shelves[ATLAS_MAX_SHELVES];
	int nshelves, bottom;
	SDL_Color mod; /* the colour modulation set on tex, to skip setting it again */
	bool mod_set;
};

struct atlas {
	SDL_Renderer *r;
	struct atlas_page pages[ATLAS_MAX_PAGES];
	int npages, page_size;
};

/* An empty atlas for r, its pages no larger than r's textures may be. */
void atlas_init(struct atlas *a, SDL_Renderer *r);
/* Room for a w x h bitmap: 0 with its page and place; 1 the same, but the atlas had to be
 * emptied first, so every earlier place is forgotten; -1 when it is larger than a page (or
 * there is no texture to be had), and nothing changed. */
int atlas_place(struct atlas *a, int w, int h, int *page, int *x, int *y);
/* Copy pixels (ARGB8888, pitch bytes a row) into a placed rectangle. */
void atlas_upload(struct atlas *a, int page, const SDL_Rect *dst, const void *pixels, int pitch);
/* Draw a placed rectangle at dst in colour c. */
void atlas_draw(struct atlas *a, int page, const SDL_Rect *src, const SDL_Rect *dst, SDL_Color c);
/* Forget every place; the textures stay for reuse. */
void atlas_clear(struct atlas *a);
/* Destroy the textures (when the renderer lost them, or at the end); the atlas is empty. */
void atlas_free(struct atlas *a);

#endif
