/* PNG: the IHDR chunk that must follow the signature. JPEG: walk the marker segments to the
 * first start-of-frame (SOFn), skipping APPn/EXIF and the like by their lengths. Every read is
 * checked against n, and the walk advances by at least two bytes a step, so hostile headers end
 * in an error, never a crash or a loop (tests/fuzz/fuzz_imageinfo.c). */
#include "core/formats/imageinfo.h"

#include <stdio.h>
#include <string.h>

static const uint8_t PNG_SIGNATURE[8] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n' };

static uint32_t be32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static uint32_t be16(const uint8_t *p)
{
	return (uint32_t)p[0] << 8 | p[1];
}

enum image_type imageinfo_type(const uint8_t *data, size_t n)
{
	if (n >= sizeof PNG_SIGNATURE && memcmp(data, PNG_SIGNATURE, sizeof PNG_SIGNATURE) == 0)
		return IMAGE_PNG;
	if (n >= 3 && data[0] == 0xFF && data[1] == 0xD8 && data[2] == 0xFF)
		return IMAGE_JPEG;
	return IMAGE_NONE;
}

static int probe_png(const uint8_t *d, size_t n, struct image_info *out, char *err, size_t errlen)
{
	/* signature, length (13), "IHDR", width, height, depth, colour, ... */
	if (n < 8 + 8 + 13) {
		snprintf(err, errlen, "PNG 图片不完整（文件太短）");
		return -1;
	}
	if (be32(d + 8) != 13 || memcmp(d + 12, "IHDR", 4) != 0) {
		snprintf(err, errlen, "PNG 图片已损坏（缺少图片头）");
		return -1;
	}
	out->width = be32(d + 16);
	out->height = be32(d + 20);
	if (out->width == 0 || out->height == 0 || out->width > 0x7FFFFFFF ||
	    out->height > 0x7FFFFFFF) {
		snprintf(err, errlen, "PNG 图片已损坏（尺寸不对）");
		return -1;
	}
	return 0;
}

/* Start-of-frame markers carry the size; C4 (DHT), C8 (JPG) and CC (DAC) share the range. */
static int is_sof(uint8_t m)
{
	return m >= 0xC0 && m <= 0xCF && m != 0xC4 && m != 0xC8 && m != 0xCC;
}

static int probe_jpeg(const uint8_t *d, size_t n, struct image_info *out, char *err,
		      size_t errlen)
{
	size_t i = 2;

	while (i < n) {
		uint8_t m;
		uint32_t len;

		if (d[i] != 0xFF) {
			snprintf(err, errlen, "JPEG 图片已损坏（图片头不对）");
			return -1;
		}
		while (i < n && d[i] == 0xFF) /* fill bytes */
			i++;
		if (i >= n)
			break;
		m = d[i++];
		if (m == 0xD8 || m == 0x01 || (m >= 0xD0 && m <= 0xD7))
			continue; /* markers without a length */
		if (m == 0xD9 || m == 0xDA) {
			snprintf(err, errlen, "JPEG 图片已损坏（找不到图片尺寸）");
			return -1;
		}
		if (i + 2 > n)
			break;
		len = be16(d + i);
		if (len < 2) {
			snprintf(err, errlen, "JPEG 图片已损坏（图片头不对）");
			return -1;
		}
		if (is_sof(m)) {
			if (i + 7 > n || len < 7)
				break;
			out->height = be16(d + i + 3);
			out->width = be16(d + i + 5);
			if (out->width == 0 || out->height == 0) {
				snprintf(err, errlen, "JPEG 图片的尺寸写在图片后面，这种图片不支持；"
					 "请用画图软件另存一次再导入");
				return -1;
			}
			return 0;
		}
		i += len;
	}
	snprintf(err, errlen, "JPEG 图片不完整（文件被截断了）");
	return -1;
}

int imageinfo_probe(const uint8_t *data, size_t n, struct image_info *out, char *err,
		    size_t errlen)
{
	memset(out, 0, sizeof *out);
	out->type = imageinfo_type(data, n);
	switch (out->type) {
	case IMAGE_PNG:
		return probe_png(data, n, out, err, errlen);
	case IMAGE_JPEG:
		return probe_jpeg(data, n, out, err, errlen);
	default:
		snprintf(err, errlen, "不是 PNG 或 JPEG 图片");
		return -1;
	}
}

int imageinfo_check_size(const struct image_info *info, char *err, size_t errlen)
{
	if (info->width > IMAGE_MAX_SIDE || info->height > IMAGE_MAX_SIDE ||
	    (uint64_t)info->width * info->height > (uint64_t)IMAGE_MAX_PIXELS) {
		snprintf(err, errlen, "图片太大（%u×%u 像素），请在电脑上缩小到 %d×%d 像素以内再导入",
			 info->width, info->height, IMAGE_MAX_SIDE / 2, IMAGE_MAX_SIDE / 2);
		return -1;
	}
	return 0;
}
