/* Pixel buffers through cairo (PNG in and out, smooth scaling) and libjpeg (JPEG in, decoded at
 * 1/2, 1/4 or 1/8 size straight away when the screen needs no more, which keeps a phone photo's
 * decode small). A JPEG that ends early is refused: libjpeg would otherwise fill the missing
 * part with grey and call it a picture. */
#include "core/formats/raster.h"

#include <cairo.h>
#include <setjmp.h>
#include <stdbool.h>
#include <stdio.h> /* before jpeglib.h, which needs FILE */
#include <jpeglib.h>
#include <jerror.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define RASTER_MAX_SIDE 32767

int raster_new(struct raster *r, int w, int h)
{
	memset(r, 0, sizeof *r);
	if (w <= 0 || h <= 0 || w > RASTER_MAX_SIDE || h > RASTER_MAX_SIDE)
		return -1;
	r->stride = cairo_format_stride_for_width(CAIRO_FORMAT_ARGB32, w);
	if (r->stride <= 0)
		return -1;
	r->px = malloc((size_t)r->stride * (size_t)h);
	if (!r->px)
		return -1;
	memset(r->px, 0xFF, (size_t)r->stride * (size_t)h);
	r->w = w;
	r->h = h;
	return 0;
}

void raster_free(struct raster *r)
{
	free(r->px);
	memset(r, 0, sizeof *r);
}

static cairo_surface_t *surface_of(const struct raster *r, cairo_format_t format)
{
	return cairo_image_surface_create_for_data(r->px, format, r->w, r->h, r->stride);
}

/* Paint src (any cairo surface, sw x sh) scaled to fill out, over white. */
static int paint_scaled(cairo_surface_t *src, int sw, int sh, struct raster *out)
{
	cairo_surface_t *dst = surface_of(out, CAIRO_FORMAT_ARGB32);
	cairo_t *cr = cairo_create(dst);
	int rc;

	cairo_set_source_rgb(cr, 1, 1, 1);
	cairo_paint(cr);
	cairo_scale(cr, (double)out->w / sw, (double)out->h / sh);
	cairo_set_source_surface(cr, src, 0, 0);
	/* GOOD averages over the source pixels when shrinking; the default would alias text. */
	cairo_pattern_set_filter(cairo_get_source(cr), CAIRO_FILTER_GOOD);
	cairo_pattern_set_extend(cairo_get_source(cr), CAIRO_EXTEND_PAD);
	cairo_paint(cr);
	rc = cairo_status(cr) == CAIRO_STATUS_SUCCESS ? 0 : -1;
	cairo_destroy(cr);
	cairo_surface_destroy(dst);
	return rc;
}

static int scaled_height(int w, int h, int width)
{
	long long sh = ((long long)h * width + w / 2) / w;

	return sh < 1 ? 1 : sh > RASTER_MAX_SIDE ? RASTER_MAX_SIDE : (int)sh;
}

int raster_scale(const struct raster *in, int width, struct raster *out)
{
	cairo_surface_t *src;
	int rc;

	if (width <= 0 || in->w <= 0 || raster_new(out, width, scaled_height(in->w, in->h, width)) < 0)
		return -1;
	src = surface_of(in, CAIRO_FORMAT_ARGB32);
	rc = paint_scaled(src, in->w, in->h, out);
	cairo_surface_destroy(src);
	if (rc < 0)
		raster_free(out);
	return rc;
}

static int load_png(const char *path, int max_width, struct raster *out, char *err, size_t errlen)
{
	cairo_surface_t *s = cairo_image_surface_create_from_png(path);
	int w, h, width, rc = -1;

	if (cairo_surface_status(s) != CAIRO_STATUS_SUCCESS) {
		snprintf(err, errlen, "PNG 图片已损坏或不完整，无法打开");
		goto out;
	}
	w = cairo_image_surface_get_width(s);
	h = cairo_image_surface_get_height(s);
	width = max_width > 0 && w > max_width ? max_width : w;
	if (w <= 0 || h <= 0 || raster_new(out, width, scaled_height(w, h, width)) < 0) {
		snprintf(err, errlen, "内存不足，无法打开图片");
		goto out;
	}
	rc = paint_scaled(s, w, h, out);
	if (rc < 0) {
		raster_free(out);
		snprintf(err, errlen, "无法缩放图片");
	}
out:
	cairo_surface_destroy(s);
	return rc;
}

struct jpeg_failure {
	struct jpeg_error_mgr mgr;
	jmp_buf jump;
	int truncated;
};

static void jpeg_fail(j_common_ptr cinfo)
{
	struct jpeg_failure *f = (struct jpeg_failure *)cinfo->err;

	longjmp(f->jump, 1);
}

/* Warnings are quiet; the one that means the file ends early is remembered. */
static void jpeg_message(j_common_ptr cinfo, int level)
{
	struct jpeg_failure *f = (struct jpeg_failure *)cinfo->err;

	if (level < 0 && f->mgr.msg_code == JWRN_JPEG_EOF)
		f->truncated = 1;
}

/* Everything a decode changes after setjmp lives on the heap, so a longjmp finds it as it was
 * left (automatic variables changed after setjmp would be indeterminate). */
struct jpeg_job {
	struct jpeg_decompress_struct cinfo;
	struct jpeg_failure fail;
	struct raster full;
	uint8_t *row;
	FILE *f;
	int cmyk;
};

static int load_jpeg(const char *path, int max_width, struct raster *out, char *err, size_t errlen)
{
	struct jpeg_job *j = calloc(1, sizeof *j);
	volatile int rc = -1;

	if (!j) {
		snprintf(err, errlen, "内存不足，无法打开图片");
		return -1;
	}
	j->f = fopen(path, "rb");
	if (!j->f) {
		snprintf(err, errlen, "无法打开图片文件");
		free(j);
		return -1;
	}
	j->cinfo.err = jpeg_std_error(&j->fail.mgr);
	j->fail.mgr.error_exit = jpeg_fail;
	j->fail.mgr.emit_message = jpeg_message;
	jpeg_create_decompress(&j->cinfo);
	if (setjmp(j->fail.jump)) {
		snprintf(err, errlen, "JPEG 图片已损坏或不完整，无法打开");
		goto out;
	}
	jpeg_stdio_src(&j->cinfo, j->f);
	jpeg_read_header(&j->cinfo, TRUE);
	if (j->cinfo.image_width > IMAGE_MAX_SIDE || j->cinfo.image_height > IMAGE_MAX_SIDE) {
		snprintf(err, errlen, "图片太大（%u×%u 像素）", j->cinfo.image_width,
			 j->cinfo.image_height);
		goto out;
	}
	/* Decode at the smallest of 1/8, 1/4, 1/2, 1 that is still at least as wide as needed. */
	j->cinfo.scale_num = 1;
	j->cinfo.scale_denom = 1;
	while (max_width > 0 && j->cinfo.scale_denom < 8 &&
	       j->cinfo.image_width / (j->cinfo.scale_denom * 2) >= (unsigned)max_width)
		j->cinfo.scale_denom *= 2;
	j->cmyk = j->cinfo.jpeg_color_space == JCS_CMYK || j->cinfo.jpeg_color_space == JCS_YCCK;
	if (j->cmyk)
		j->cinfo.out_color_space = JCS_CMYK;
	else
#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
		j->cinfo.out_color_space = JCS_EXT_BGRA;
#else
		j->cinfo.out_color_space = JCS_EXT_ARGB;
#endif
	jpeg_start_decompress(&j->cinfo);
	if (raster_new(&j->full, (int)j->cinfo.output_width, (int)j->cinfo.output_height) < 0 ||
	    !(j->row = malloc((size_t)j->cinfo.output_width * 4))) {
		snprintf(err, errlen, "内存不足，无法打开图片");
		goto out;
	}
	while (j->cinfo.output_scanline < j->cinfo.output_height) {
		uint8_t *dst = j->full.px + (size_t)j->cinfo.output_scanline * (size_t)j->full.stride;
		JSAMPROW rows[1] = { j->cmyk ? j->row : dst };
		JDIMENSION x;

		if (jpeg_read_scanlines(&j->cinfo, rows, 1) != 1)
			break;
		if (!j->cmyk)
			continue;
		/* Adobe's CMYK JPEGs store inverted inks: colour = ink * black / 255. */
		for (x = 0; x < j->cinfo.output_width; x++) {
			const uint8_t *p = j->row + x * 4;
			uint32_t k = p[3], r = p[0] * k / 255, g = p[1] * k / 255, b = p[2] * k / 255;
			((uint32_t *)dst)[x] = 0xFF000000u | r << 16 | g << 8 | b;
		}
	}
	jpeg_finish_decompress(&j->cinfo);
	if (j->fail.truncated) {
		snprintf(err, errlen, "JPEG 图片不完整（文件被截断了）");
		goto out;
	}
	if (max_width > 0 && j->full.w > max_width) {
		if (raster_scale(&j->full, max_width, out) < 0) {
			snprintf(err, errlen, "内存不足，无法缩放图片");
			goto out;
		}
	} else {
		*out = j->full;
		memset(&j->full, 0, sizeof j->full);
	}
	rc = 0;
out:
	jpeg_destroy_decompress(&j->cinfo);
	free(j->row);
	raster_free(&j->full);
	fclose(j->f);
	free(j);
	return rc;
}

int raster_load_image(const char *path, enum image_type type, int max_width, struct raster *out,
		      char *err, size_t errlen)
{
	memset(out, 0, sizeof *out);
	if (type == IMAGE_PNG)
		return load_png(path, max_width, out, err, errlen);
	if (type == IMAGE_JPEG)
		return load_jpeg(path, max_width, out, err, errlen);
	snprintf(err, errlen, "不是 PNG 或 JPEG 图片");
	return -1;
}

int raster_write_png(const struct raster *r, const char *path, char *err, size_t errlen)
{
	char tmp[1024];
	cairo_surface_t *s;
	cairo_status_t st;

	snprintf(tmp, sizeof tmp, "%s.tmp", path);
	/* Opaque pixels: written as RGB, a quarter smaller than with an alpha channel. */
	s = surface_of(r, CAIRO_FORMAT_RGB24);
	st = cairo_surface_write_to_png(s, tmp);
	cairo_surface_destroy(s);
	if (st != CAIRO_STATUS_SUCCESS) {
		snprintf(err, errlen, "无法写入 %s（%s）；磁盘是否已满？", path, cairo_status_to_string(st));
		unlink(tmp);
		return -1;
	}
	if (rename(tmp, path) < 0) {
		snprintf(err, errlen, "无法保存 %s", path);
		unlink(tmp);
		return -1;
	}
	return 0;
}

int raster_orient(struct raster *r, int o)
{
	struct raster out;
	bool swap = o >= 5 && o <= 8;
	int x, y;

	if (o < 2 || o > 8)
		return 0;
	if (raster_new(&out, swap ? r->h : r->w, swap ? r->w : r->h) < 0)
		return -1;
	/* For each source pixel, where it lands in the upright picture (EXIF 2.3, Orientation). */
	for (y = 0; y < r->h; y++) {
		const uint32_t *src = (const uint32_t *)(const void *)(r->px + (size_t)y * (size_t)r->stride);
		for (x = 0; x < r->w; x++) {
			int dx, dy;
			switch (o) {
			case 2: dx = r->w - 1 - x; dy = y; break;
			case 3: dx = r->w - 1 - x; dy = r->h - 1 - y; break;
			case 4: dx = x; dy = r->h - 1 - y; break;
			case 5: dx = y; dy = x; break;
			case 6: dx = r->h - 1 - y; dy = x; break;
			case 7: dx = r->h - 1 - y; dy = r->w - 1 - x; break;
			default: dx = y; dy = r->w - 1 - x; break; /* 8 */
			}
			((uint32_t *)(void *)(out.px + (size_t)dy * (size_t)out.stride))[dx] = src[x];
		}
	}
	raster_free(r);
	*r = out;
	return 0;
}

struct jpeg_wjob {
	struct jpeg_compress_struct cinfo;
	struct jpeg_failure fail;
	FILE *f;
};

int raster_write_jpeg(const struct raster *r, const char *path, int quality, char *err,
		      size_t errlen)
{
	struct jpeg_wjob *j = calloc(1, sizeof *j);
	volatile int rc = -1;

	if (!j) {
		snprintf(err, errlen, "内存不足，无法保存图片");
		return -1;
	}
	if (!(j->f = fopen(path, "wb"))) {
		snprintf(err, errlen, "无法写入 %s；磁盘是否已满？", path);
		free(j);
		return -1;
	}
	j->cinfo.err = jpeg_std_error(&j->fail.mgr);
	j->fail.mgr.error_exit = jpeg_fail;
	j->fail.mgr.emit_message = jpeg_message;
	jpeg_create_compress(&j->cinfo);
	if (setjmp(j->fail.jump)) {
		snprintf(err, errlen, "无法保存图片（JPEG 编码出错）");
		goto out;
	}
	jpeg_stdio_dest(&j->cinfo, j->f);
	j->cinfo.image_width = (JDIMENSION)r->w;
	j->cinfo.image_height = (JDIMENSION)r->h;
	j->cinfo.input_components = 4;
#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	j->cinfo.in_color_space = JCS_EXT_BGRX;
#else
	j->cinfo.in_color_space = JCS_EXT_XRGB;
#endif
	jpeg_set_defaults(&j->cinfo);
	jpeg_set_quality(&j->cinfo, quality, TRUE);
	/* Nothing but the picture: no JFIF (APP0) or Adobe (APP14) marker either. */
	j->cinfo.write_JFIF_header = FALSE;
	j->cinfo.write_Adobe_marker = FALSE;
	jpeg_start_compress(&j->cinfo, TRUE);
	while (j->cinfo.next_scanline < j->cinfo.image_height) {
		JSAMPROW row[1] = { r->px + (size_t)j->cinfo.next_scanline * (size_t)r->stride };
		jpeg_write_scanlines(&j->cinfo, row, 1);
	}
	jpeg_finish_compress(&j->cinfo);
	rc = 0;
out:
	jpeg_destroy_compress(&j->cinfo);
	if (fflush(j->f) != 0 || fsync(fileno(j->f)) < 0) {
		if (rc == 0)
			snprintf(err, errlen, "无法写入 %s；磁盘是否已满？", path);
		rc = -1;
	}
	fclose(j->f);
	free(j);
	return rc;
}
