/* Study texts (Markdown and plain text) laid out in large type and cut into pages that fill the
 * reader's page area: headings, paragraphs, lists and quotes, bold where the writer asked, lines
 * broken by the Chinese rules in core/text/linebreak.h. Laid out again whenever the size changes
 * (大字), so the text reflows instead of being magnified. */
#ifndef KIOSK_UI_RICH_H
#define KIOSK_UI_RICH_H

#include <SDL.h>
#include <stdbool.h>
#include <stddef.h>

#include "core/formats/markdown.h"
#include "ui/ui.h"

struct rich_line {
	int block;
	size_t start, end; /* bytes of the block's text */
	int x, y, w;       /* relative to the page's top left */
	int px;
	bool first;        /* the block's first line (a list item's marker goes before it) */
};

struct rich_page {
	int first, count; /* lines */
};

struct rich {
	const struct md_doc *doc; /* not owned; must outlive the layout */
	struct rich_line *lines;
	int nlines, cap;
	struct rich_page *pages;
	int npages, pcap;
	int width, height;
};

/* Lay doc out in pages of width x height at the ui's current text sizes. 0, or -1 when memory
 * runs out (out is then empty but safe to draw and free). */
int rich_layout(struct ui *ui, const struct md_doc *doc, int width, int height, struct rich *out);

/* Draw page (0-based) with its top left at area's; each line is recorded as a label. */
void rich_draw(struct ui *ui, const struct rich *r, int page, SDL_Rect area);

/* The page showing byte offset of block (to keep the reader's place when the layout changes). */
int rich_page_of(const struct rich *r, int block, size_t offset);

void rich_free(struct rich *r);

#endif
