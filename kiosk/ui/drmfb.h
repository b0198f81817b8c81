/* The screen without EGL: a KMS dumb buffer that SDL's software renderer draws into. */
#ifndef KIOSK_UI_DRMFB_H
#define KIOSK_UI_DRMFB_H

#include <SDL.h>
#include <stddef.h>

struct drmfb;

/* Take the first connected display at its preferred mode; NULL with a reason in ERR. */
struct drmfb *drmfb_open(char *err, size_t errlen);
/* The surface to draw into (SDL_CreateSoftwareRenderer), the display's size. */
SDL_Surface *drmfb_surface(struct drmfb *fb);
/* Copy the surface to the screen. */
void drmfb_present(struct drmfb *fb);
/* "1280x800 75 Hz", for the journal. */
void drmfb_describe(const struct drmfb *fb, char *out, size_t outlen);
/* Give the display back and free everything; NULL is fine. */
void drmfb_close(struct drmfb *fb);

#endif
