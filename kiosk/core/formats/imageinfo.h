/* What kind of picture a file is and how large, read from its first bytes without decoding it,
 * so a 20000x20000 image on a USB stick is refused before anything allocates its pixels. */
#ifndef KIOSK_CORE_IMAGEINFO_H
#define KIOSK_CORE_IMAGEINFO_H

#include <stddef.h>
#include <stdint.h>

/* The largest picture the kiosk decodes: a side, and the pixel count (32 M pixels is 128 MB
 * decoded, as much as a 1 GB board can spare for a moment). Phone photos fit. */
#define IMAGE_MAX_SIDE 8192
#define IMAGE_MAX_PIXELS (32L * 1024 * 1024)

/* How much of the file's start to pass: a JPEG's size comes after its EXIF data, which a phone
 * may make as large as 64 KB per segment and several segments. */
#define IMAGEINFO_SCAN_BYTES (1024 * 1024)

enum image_type { IMAGE_NONE, IMAGE_PNG, IMAGE_JPEG };

struct image_info {
	enum image_type type;
	uint32_t width, height;
};

/* The type from the signature alone: IMAGE_NONE unless data starts like a PNG or a JPEG. */
enum image_type imageinfo_type(const uint8_t *data, size_t n);

/* Read type and size from data[0..n), the file's first bytes. 0, or -1 with err (Chinese, for
 * staff) when it is not a PNG/JPEG or its header is cut off or nonsense. */
int imageinfo_probe(const uint8_t *data, size_t n, struct image_info *out, char *err,
		    size_t errlen);

/* 0 when the kiosk may decode an image this large, else -1 with err saying the size and what
 * to do. */
int imageinfo_check_size(const struct image_info *info, char *err, size_t errlen);

#endif
