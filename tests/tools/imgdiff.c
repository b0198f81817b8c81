/* imgdiff: how much of two same-sized pictures differs, for comparing the VM's screen (a QMP
 * screendump) with the replay driver's snapshot of the same database at the same moment.
 *
 *   imgdiff A.png B.png [TOLERANCE]
 *
 * Prints the percentage of pixels whose red, green or blue differ by more than TOLERANCE
 * (default 48, enough to forgive anti-aliasing and hinting differences between renderers),
 * and exits 0; exits 2 when a file cannot be read or the sizes differ. */
#include <SDL.h>
#include <SDL_image.h>
#include <stdio.h>
#include <stdlib.h>

static SDL_Surface *load(const char *path)
{
	SDL_Surface *raw = IMG_Load(path), *rgba;

	if (!raw) {
		fprintf(stderr, "imgdiff: %s: %s\n", path, IMG_GetError());
		return NULL;
	}
	rgba = SDL_ConvertSurfaceFormat(raw, SDL_PIXELFORMAT_RGBA32, 0);
	SDL_FreeSurface(raw);
	return rgba;
}

int main(int argc, char **argv)
{
	SDL_Surface *a, *b;
	long differ = 0;
	int tol = argc > 3 ? atoi(argv[3]) : 48, x, y, rc = 2;

	if (argc < 3) {
		fprintf(stderr, "usage: imgdiff A.png B.png [TOLERANCE]\n");
		return 2;
	}
	a = load(argv[1]);
	b = load(argv[2]);
	if (!a || !b)
		goto out;
	if (a->w != b->w || a->h != b->h) {
		fprintf(stderr, "imgdiff: sizes differ: %dx%d and %dx%d\n", a->w, a->h, b->w, b->h);
		goto out;
	}
	for (y = 0; y < a->h; y++) {
		const Uint8 *pa = (const Uint8 *)a->pixels + y * a->pitch;
		const Uint8 *pb = (const Uint8 *)b->pixels + y * b->pitch;
		for (x = 0; x < a->w; x++, pa += 4, pb += 4) {
			if (abs(pa[0] - pb[0]) > tol || abs(pa[1] - pb[1]) > tol ||
			    abs(pa[2] - pb[2]) > tol)
				differ++;
		}
	}
	printf("%.2f\n", 100.0 * (double)differ / ((double)a->w * a->h));
	rc = 0;
out:
	SDL_FreeSurface(a);
	SDL_FreeSurface(b);
	return rc;
}
