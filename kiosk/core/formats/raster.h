/* Pictures as plain pixel buffers, for study materials and meeting photos: decoding PNG (cairo)
 * and JPEG (libjpeg) files, scaling, turning upright, and writing PNG or a bare JPEG. Nothing here draws: the screen turns these into textures (kiosk/ui). */
#ifndef KIOSK_CORE_RASTER_H
#define KIOSK_CORE_RASTER_H

#include <stddef.h>
#include <stdint.h>

#include "core/formats/imageinfo.h"

/* 32-bit pixels, 0xAARRGGBB in native byte order (cairo's ARGB32; the screen's ARGB8888 textures take it as is), opaque.
 * stride is in bytes. */
struct raster {
	int w, h, stride;
	uint8_t *px;
};

/* A w x h raster filled with white; 0, or -1 when memory runs out or the size is absurd. */
int raster_new(struct raster *r, int w, int h);
void raster_free(struct raster *r);

/* Decode a PNG or JPEG file (its type and size already checked with imageinfo) and scale it
 * down to at most max_width pixels wide (0: keep its size); transparent parts become white.
 * 0, or -1 with err (Chinese) when the file is damaged or cut off. */
int raster_load_image(const char *path, enum image_type type, int max_width, struct raster *out,
		      char *err, size_t errlen);

/* in scaled to width pixels wide (height in proportion), smoothly. */
int raster_scale(const struct raster *in, int width, struct raster *out);

/* Turn r upright by an EXIF orientation (1-8: 2 mirrored, 3 upside down, 6 turned a quarter
 * clockwise to view, 8 anticlockwise, 5 and 7 those mirrored); r is replaced. Other values leave
 * it as it is. 0, or -1 when memory runs out (r unchanged). */
int raster_orient(struct raster *r, int orientation);

/* Write r as a baseline JPEG at path (quality 1-100) with no marker but the image's own: no
 * JFIF, no EXIF, no comment. 0, or -1 with err. */
int raster_write_jpeg(const struct raster *r, const char *path, int quality, char *err,
		      size_t errlen);

/* Write r as a PNG at path, whole or not at all (a temporary file renamed into place). */
int raster_write_png(const struct raster *r, const char *path, char *err, size_t errlen);

#endif
