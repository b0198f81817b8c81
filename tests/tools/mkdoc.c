/* mkdoc: the documents the tests and benchmarks import, made on the spot so that no binary file
 * is kept in the repository.
 *
 *   mkdoc pdf PAGES OUT          an A4 test document of PAGES pages (demo_materials_test_pdf)
 *   mkdoc guide OUT              the demo's twelve-page guide
 *   mkdoc poster OUT             the demo's poster, a PNG
 *   mkdoc png W H OUT            a real W x H PNG (small sizes)
 *   mkdoc photo W H HUE OUT      a W x H JPEG with no metadata: a gradient tinted by HUE (0-255),
 *                                its top-left quarter red (so a turn shows), for meeting photos
 *   mkdoc png-header W H OUT     only the header of a W x H PNG: an image bomb's first bytes
 *   mkdoc jpeg-header W H OUT    the same for a JPEG
 *   mkdoc encrypted OUT          a one-page PDF locked with a password nobody knows
 *   mkdoc render PDF WIDTH DIR   every page to DIR/pNNNN.png: the bare cost of rendering, the
 *                                baseline the import benchmark compares against */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/party/demo_materials.h"
#include "core/formats/pdf.h"
#include "core/formats/raster.h"

static uint32_t crc_table[256];

static uint32_t crc32_of(const uint8_t *p, size_t n)
{
	uint32_t c = 0xFFFFFFFFu;
	size_t i;
	int k;

	if (!crc_table[1])
		for (i = 0; i < 256; i++) {
			uint32_t v = (uint32_t)i;
			for (k = 0; k < 8; k++)
				v = v & 1 ? 0xEDB88320u ^ (v >> 1) : v >> 1;
			crc_table[i] = v;
		}
	for (i = 0; i < n; i++)
		c = crc_table[(c ^ p[i]) & 0xFF] ^ (c >> 8);
	return c ^ 0xFFFFFFFFu;
}

static void be32(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)(v >> 24);
	p[1] = (uint8_t)(v >> 16);
	p[2] = (uint8_t)(v >> 8);
	p[3] = (uint8_t)v;
}

static int png_header(uint32_t w, uint32_t h, const char *out)
{
	uint8_t b[8 + 25 + 12] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n' };
	FILE *f = fopen(out, "wb");

	be32(b + 8, 13);
	memcpy(b + 12, "IHDR", 4);
	be32(b + 16, w);
	be32(b + 20, h);
	b[24] = 8; /* depth */
	b[25] = 2; /* RGB */
	be32(b + 29, crc32_of(b + 12, 17));
	be32(b + 33, 0);
	memcpy(b + 37, "IEND", 4);
	be32(b + 41, crc32_of(b + 37, 4));
	if (!f || fwrite(b, 1, sizeof b, f) != sizeof b || fclose(f) != 0)
		return -1;
	return 0;
}

static int jpeg_header(unsigned w, unsigned h, const char *out)
{
	uint8_t b[] = { 0xFF, 0xD8,                                     /* SOI */
			0xFF, 0xE0, 0, 16, 'J', 'F', 'I', 'F', 0, 1, 1, 0, 0, 1, 0, 1, 0, 0,
			0xFF, 0xC0, 0, 11, 8, 0, 0, 0, 0, 1, 1, 0x11, 0, /* SOF0, one component */
			0xFF, 0xD9 };
	FILE *f = fopen(out, "wb");

	b[25] = (uint8_t)(h >> 8);
	b[26] = (uint8_t)h;
	b[27] = (uint8_t)(w >> 8);
	b[28] = (uint8_t)w;
	if (!f || fwrite(b, 1, sizeof b, f) != sizeof b || fclose(f) != 0)
		return -1;
	return 0;
}

/* A PDF with the standard security handler whose /U entry matches no password we would try:
 * readers must ask for one, and the kiosk has nobody to ask. */
static int encrypted(const char *out)
{
	static const char *const objects[] = {
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
		"<< /Filter /Standard /V 1 /R 2 /P -44"
		" /O <8A7C9D2E51F03B6A44C1E97D3F0A5B2C6D8E1F4A7B0C3D6E9F2A5B8C1D4E7F0A>"
		" /U <1F2E3D4C5B6A79880F1E2D3C4B5A69788F9EADBCCBDAE9F8071625344352617F> >>",
	};
	long offsets[4];
	FILE *f = fopen(out, "wb");
	long xref;
	int i;

	if (!f)
		return -1;
	fprintf(f, "%%PDF-1.4\n");
	for (i = 0; i < 4; i++) {
		offsets[i] = ftell(f);
		fprintf(f, "%d 0 obj\n%s\nendobj\n", i + 1, objects[i]);
	}
	xref = ftell(f);
	fprintf(f, "xref\n0 5\n0000000000 65535 f \n");
	for (i = 0; i < 4; i++)
		fprintf(f, "%010ld 00000 n \n", offsets[i]);
	fprintf(f, "trailer\n<< /Size 5 /Root 1 0 R /Encrypt 4 0 R"
		   " /ID [<00112233445566778899AABBCCDDEEFF><00112233445566778899AABBCCDDEEFF>] >>\n"
		   "startxref\n%ld\n%%%%EOF\n", xref);
	return fclose(f) == 0 ? 0 : -1;
}

static int png(int w, int h, const char *out)
{
	struct raster r;
	char err[256];
	int x, y, rc;

	if (raster_new(&r, w, h) < 0)
		return -1;
	for (y = 0; y < h; y++)
		for (x = 0; x < w; x++)
			((uint32_t *)(r.px + (size_t)y * (size_t)r.stride))[x] =
				0xFF000000u | (uint32_t)(x * 255 / w) << 16 | (uint32_t)(y * 255 / h) << 8 | 0x80;
	rc = raster_write_png(&r, out, err, sizeof err);
	raster_free(&r);
	return rc;
}

static int photo(int w, int h, int hue, const char *out)
{
	struct raster r;
	char err[256];
	int x, y, rc;

	if (raster_new(&r, w, h) < 0)
		return -1;
	srand((unsigned)hue);
	for (y = 0; y < h; y++)
		for (x = 0; x < w; x++) {
			/* A little noise outside the red corner, so the file is a photo's size. */
			uint32_t noise = (uint32_t)(rand() % 24);
			((uint32_t *)(r.px + (size_t)y * (size_t)r.stride))[x] =
				x < w / 2 && y < h / 2 ? 0xFFD01010u
						       : 0xFF000000u | (uint32_t)(hue & 0xFF) << 16 |
								 (uint32_t)(y * 200 / h + 20 + noise) << 8 |
								 (uint32_t)(x * 200 / w + 20 + noise);
		}
	rc = raster_write_jpeg(&r, out, 90, err, sizeof err);
	raster_free(&r);
	return rc;
}

static int render(const char *path, int width, const char *dir, char *err, size_t errlen)
{
	struct pdf *p = pdf_open(path, err, errlen);
	char out[1024];
	int i;

	if (!p)
		return -1;
	for (i = 0; i < pdf_pages(p); i++) {
		struct raster r;
		if (pdf_render(p, i, width, &r, err, errlen) < 0)
			return -1;
		snprintf(out, sizeof out, "%s/p%04d.png", dir, i + 1);
		if (raster_write_png(&r, out, err, errlen) < 0)
			return -1;
		raster_free(&r);
	}
	pdf_close(p);
	return 0;
}

int main(int argc, char **argv)
{
	char err[512] = "";
	int rc = -1;

	if (argc == 4 && strcmp(argv[1], "pdf") == 0)
		rc = demo_materials_test_pdf(argv[3], atoi(argv[2]), err, sizeof err);
	else if (argc == 3 && strcmp(argv[1], "guide") == 0)
		rc = demo_materials_guide_pdf(argv[2], err, sizeof err);
	else if (argc == 3 && strcmp(argv[1], "poster") == 0)
		rc = demo_materials_poster_png(argv[2], err, sizeof err);
	else if (argc == 5 && strcmp(argv[1], "png") == 0)
		rc = png(atoi(argv[2]), atoi(argv[3]), argv[4]);
	else if (argc == 6 && strcmp(argv[1], "photo") == 0)
		rc = photo(atoi(argv[2]), atoi(argv[3]), atoi(argv[4]), argv[5]);
	else if (argc == 5 && strcmp(argv[1], "png-header") == 0)
		rc = png_header((uint32_t)atol(argv[2]), (uint32_t)atol(argv[3]), argv[4]);
	else if (argc == 5 && strcmp(argv[1], "jpeg-header") == 0)
		rc = jpeg_header((unsigned)atoi(argv[2]), (unsigned)atoi(argv[3]), argv[4]);
	else if (argc == 3 && strcmp(argv[1], "encrypted") == 0)
		rc = encrypted(argv[2]);
	else if (argc == 5 && strcmp(argv[1], "render") == 0)
		rc = render(argv[2], atoi(argv[3]), argv[4], err, sizeof err);
	else {
		fprintf(stderr, "usage: mkdoc pdf PAGES OUT | guide OUT | poster OUT | png W H OUT |"
				" photo W H HUE OUT | png-header W H OUT | jpeg-header W H OUT | encrypted OUT | render PDF WIDTH DIR\n");
		return 2;
	}
	if (rc < 0) {
		fprintf(stderr, "mkdoc: %s\n", err[0] ? err : "cannot write the file");
		return 1;
	}
	return 0;
}
