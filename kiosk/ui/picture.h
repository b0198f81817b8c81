/* Pictures on the screen: study materials' pages and thumbnails, loaded with SDL2_image from the
 * PNG files the core wrote, or made from the core's pixel buffers. Surfaces may be made on any
 * thread (the reader prepares pages on its own); textures only on the screen's thread. */
#ifndef KIOSK_UI_PICTURE_H
#define KIOSK_UI_PICTURE_H

#include <SDL.h>
#include <stdbool.h>

#include "core/formats/raster.h"
#include "ui/ui.h"

struct picture {
	SDL_Texture *tex;
	int w, h;
};

/* Any thread: a file (PNG or JPEG) as a surface, NULL when it cannot be read. */
SDL_Surface *picture_surface_load(const char *path);
/* Any thread: a copy of a core raster as a surface. */
SDL_Surface *picture_surface_from_raster(const struct raster *r);

/* The screen's thread: a texture of s (s is not freed), smoothed when scaled. 0 or -1. */
int picture_from_surface(struct ui *ui, SDL_Surface *s, struct picture *out);
int picture_load(struct ui *ui, const char *path, struct picture *out);
void picture_free(struct picture *p);

/* Draw the part src of the picture into dst. */
void picture_draw(struct ui *ui, const struct picture *p, SDL_Rect src, SDL_Rect dst);
/* Draw all of it as large as fits in box, centred; returns where it went. */
SDL_Rect picture_fit(struct ui *ui, const struct picture *p, SDL_Rect box);

#endif
