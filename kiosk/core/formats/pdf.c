/* poppler-glib renders onto a cairo image surface wrapped around our raster. GLib's errors are
 * turned into sentences staff can act on; the document handle is used by one thread at a time
 * (poppler documents are not safe to share). */
#include "core/formats/pdf.h"

#include <cairo.h>
#include <glib.h>
#include <poppler.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "core/text/utf8.h"

struct pdf {
	PopplerDocument *doc;
	int pages;
};

struct pdf *pdf_open(const char *path, char *err, size_t errlen)
{
	GError *gerr = NULL;
	gchar *abs = g_canonicalize_filename(path, NULL); /* file URIs must be absolute */
	gchar *uri = g_filename_to_uri(abs, NULL, NULL);
	struct pdf *p = g_new0(struct pdf, 1);

	if (uri)
		p->doc = poppler_document_new_from_file(uri, NULL, &gerr);
	g_free(uri);
	g_free(abs);
	if (!p->doc) {
		if (gerr && gerr->domain == POPPLER_ERROR && gerr->code == POPPLER_ERROR_ENCRYPTED)
			snprintf(err, errlen, "PDF 有密码保护，无法打开；请在电脑上去掉密码（或打印成新的 "
				 "PDF）再导入");
		else
			snprintf(err, errlen, "PDF 已损坏，无法打开；请在电脑上重新导出 PDF 再导入");
		g_clear_error(&gerr);
		g_free(p);
		return NULL;
	}
	p->pages = poppler_document_get_n_pages(p->doc);
	if (p->pages <= 0) {
		snprintf(err, errlen, "PDF 里没有页面");
		pdf_close(p);
		return NULL;
	}
	if (p->pages > PDF_MAX_PAGES) {
		snprintf(err, errlen, "PDF 有 %d 页，太长了（最多 %d 页）；请分成几个文件再导入", p->pages,
			 PDF_MAX_PAGES);
		pdf_close(p);
		return NULL;
	}
	return p;
}

void pdf_close(struct pdf *p)
{
	if (!p)
		return;
	if (p->doc)
		g_object_unref(p->doc);
	g_free(p);
}

int pdf_pages(const struct pdf *p)
{
	return p->pages;
}

static bool starts_with(const char *s, const char *prefix)
{
	return strncmp(s, prefix, strlen(prefix)) == 0;
}

static bool ends_with_ci(const char *s, size_t n, const char *suffix)
{
	size_t k = strlen(suffix);

	return n >= k && g_ascii_strncasecmp(s + n - k, suffix, k) == 0;
}

void pdf_title(const struct pdf *p, char *out, size_t size)
{
	static const char *const prefixes[] = { "Microsoft Word - ", "Microsoft PowerPoint - ",
						"Microsoft Excel - " };
	static const char *const suffixes[] = { ".docx", ".doc", ".wps", ".pptx", ".ppt", ".xlsx",
						".xls", ".pdf", ".txt" };
	gchar *t = poppler_document_get_title(p->doc);
	const char *s = t ? t : "";
	size_t i, n;

	out[0] = '\0';
	for (i = 0; i < G_N_ELEMENTS(prefixes); i++)
		if (starts_with(s, prefixes[i]))
			s += strlen(prefixes[i]);
	while (*s == ' ')
		s++;
	n = strlen(s);
	for (i = 0; i < G_N_ELEMENTS(suffixes); i++)
		if (ends_with_ci(s, n, suffixes[i]))
			n -= strlen(suffixes[i]);
	while (n > 0 && s[n - 1] == ' ')
		n--;
	/* Titles word processors make up say nothing about the document. */
	if (n == 0 || utf8_invalid_at(s, n) != n || (n == 8 && g_ascii_strncasecmp(s, "untitled", 8) == 0) ||
	    (n == strlen("无标题") && strncmp(s, "无标题", n) == 0) || memchr(s, '\n', n)) {
		g_free(t);
		return;
	}
	if (n >= size)
		n = size - 1;
	while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80) /* cut on a character boundary */
		n--;
	memcpy(out, s, n);
	out[n] = '\0';
	g_free(t);
}

int pdf_render(struct pdf *p, int page, int width, struct raster *out, char *err, size_t errlen)
{
	PopplerPage *pg;
	cairo_surface_t *s;
	cairo_t *cr;
	double pw = 0, ph = 0, scale;
	int h, rc = 0;

	memset(out, 0, sizeof *out);
	if (page < 0 || page >= p->pages || width <= 0) {
		snprintf(err, errlen, "没有第 %d 页", page + 1);
		return -1;
	}
	pg = poppler_document_get_page(p->doc, page);
	if (!pg) {
		snprintf(err, errlen, "第 %d 页已损坏", page + 1);
		return -1;
	}
	poppler_page_get_size(pg, &pw, &ph);
	if (!(pw >= 1 && ph >= 1 && pw <= PDF_MAX_PAGE_POINTS && ph <= PDF_MAX_PAGE_POINTS)) {
		snprintf(err, errlen, "第 %d 页的尺寸不对，无法显示", page + 1);
		g_object_unref(pg);
		return -1;
	}
	scale = width / pw;
	h = (int)(ph * scale + 0.5);
	if (h < 1)
		h = 1;
	if (raster_new(out, width, h) < 0) {
		snprintf(err, errlen, "内存不足，无法显示第 %d 页", page + 1);
		g_object_unref(pg);
		return -1;
	}
	s = cairo_image_surface_create_for_data(out->px, CAIRO_FORMAT_ARGB32, out->w, out->h,
						out->stride);
	cr = cairo_create(s);
	cairo_scale(cr, scale, scale);
	poppler_page_render(pg, cr);
	if (cairo_status(cr) != CAIRO_STATUS_SUCCESS) {
		snprintf(err, errlen, "第 %d 页无法显示", page + 1);
		rc = -1;
	}
	cairo_destroy(cr);
	cairo_surface_destroy(s);
	g_object_unref(pg);
	if (rc < 0)
		raster_free(out);
	return rc;
}

int pdf_tail_complete(const char *tail, size_t n)
{
	size_t i;

	for (i = 0; i + 5 <= n; i++)
		if (memcmp(tail + i, "%%EOF", 5) == 0)
			return 1;
	return 0;
}
