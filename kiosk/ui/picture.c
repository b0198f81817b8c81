/* Pictures through SDL2_image and SDL textures, scaled linearly (nearest-neighbour scaling makes
 * the text on a page ragged). */
#include "ui/picture.h"

#include <SDL_image.h>
#include <string.h>

SDL_Surface *picture_surface_load(const char *path)
{
	return IMG_Load(path);
}

SDL_Surface *picture_surface_from_raster(const struct raster *r)
{
	SDL_Surface *s = SDL_CreateRGBSurfaceWithFormat(0, r->w, r->h, 32, SDL_PIXELFORMAT_ARGB8888);
	int y;

	if (!s)
		return NULL;
	for (y = 0; y < r->h; y++)
		memcpy((Uint8 *)s->pixels + (size_t)y * (size_t)s->pitch,
		       r->px + (size_t)y * (size_t)r->stride, (size_t)r->w * 4);
	return s;
}

int picture_from_surface(struct ui *ui, SDL_Surface *s, struct picture *out)
{
	memset(out, 0, sizeof *out);
	if (!s)
		return -1;
	out->tex = SDL_CreateTextureFromSurface(ui->renderer, s);
	if (!out->tex)
		return -1;
	SDL_SetTextureScaleMode(out->tex, SDL_ScaleModeLinear);
	out->w = s->w;
	out->h = s->h;
	return 0;
}

int picture_load(struct ui *ui, const char *path, struct picture *out)
{
	SDL_Surface *s = picture_surface_load(path);
	int rc = picture_from_surface(ui, s, out);

	SDL_FreeSurface(s);
	return rc;
}

void picture_free(struct picture *p)
{
	if (p->tex)
		SDL_DestroyTexture(p->tex);
	memset(p, 0, sizeof *p);
}

void picture_draw(struct ui *ui, const struct picture *p, SDL_Rect src, SDL_Rect dst)
{
	if (p->tex && src.w > 0 && src.h > 0 && dst.w > 0 && dst.h > 0)
		SDL_RenderCopy(ui->renderer, p->tex, &src, &dst);
}

SDL_Rect picture_fit(struct ui *ui, const struct picture *p, SDL_Rect box)
{
	SDL_Rect dst = box;

	if (!p->tex || p->w <= 0 || p->h <= 0)
		return (SDL_Rect){ box.x, box.y, 0, 0 };
	if ((long)p->w * box.h > (long)p->h * box.w) {
		dst.h = (int)((long)p->h * box.w / p->w);
		dst.y += (box.h - dst.h) / 2;
	} else {
		dst.w = (int)((long)p->w * box.h / p->h);
		dst.x += (box.w - dst.w) / 2;
	}
	picture_draw(ui, p, (SDL_Rect){ 0, 0, p->w, p->h }, dst);
	return dst;
}
