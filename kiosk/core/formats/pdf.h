/* PDF study materials through poppler-glib and cairo: open (telling an encrypted file from a
 * damaged one), count pages, read the title, render a page into a raster at a given width. */
#ifndef KIOSK_CORE_PDF_H
#define KIOSK_CORE_PDF_H

#include <stddef.h>

#include "core/formats/raster.h"

struct pdf; /* opaque: a PopplerDocument */

/* The most pages the kiosk takes, and the largest page (in points) it renders: a poster-sized
 * page at screen width is fine, a 200-metre one is an attack on memory. */
#define PDF_MAX_PAGES 2000
#define PDF_MAX_PAGE_POINTS 14400.0 /* 5 metres, PDF's own limit */

/* Open a PDF file; NULL with err (Chinese, for staff: encrypted, damaged, not a PDF). */
struct pdf *pdf_open(const char *path, char *err, size_t errlen);
void pdf_close(struct pdf *p);

int pdf_pages(const struct pdf *p);

/* The title from the document's metadata, cleaned of what word processors put there ("Microsoft
 * Word - 通知.docx" becomes "通知"); empty when there is none worth showing. */
void pdf_title(const struct pdf *p, char *out, size_t size);

/* Render page (0-based) width pixels wide on white. 0, or -1 with err. */
int pdf_render(struct pdf *p, int page, int width, struct raster *out, char *err, size_t errlen);

/* Does the file's tail (its last bytes) hold the %%EOF a complete PDF ends with? A PDF cut short
 * on its way to the stick lacks it, and poppler would quietly show what it could rebuild. */
int pdf_tail_complete(const char *tail, size_t n);

#endif
