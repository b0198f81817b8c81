/* Reading the study materials staff write as plain text or Markdown into blocks the reader lays
 * out in large type: headings, paragraphs, bulleted and numbered lists, quotes and rules, with
 * bold spans inside them. Only that subset: staff write notices in WPS or Notepad, not web pages,
 * and anything fancier (tables, HTML) is shown as the text it is. */
#ifndef KIOSK_CORE_MARKDOWN_H
#define KIOSK_CORE_MARKDOWN_H

#include <stddef.h>

/* Limits: beyond them the file is refused rather than laid out slowly on the kiosk. */
#define MARKDOWN_MAX_BYTES (2 * 1024 * 1024)
#define MARKDOWN_MAX_BLOCKS 20000
#define MARKDOWN_MAX_DEPTH 2 /* list nesting shown: 0, 1, 2 */

enum md_kind {
	MD_HEADING,   /* level 1-6 */
	MD_PARAGRAPH,
	MD_BULLET,    /* level: nesting depth */
	MD_NUMBERED,  /* level: nesting depth; number as written */
	MD_QUOTE,
	MD_RULE,      /* a horizontal rule; text is empty */
};

/* Bold text: bytes [start, end) of the block's text. Spans are in order and do not overlap. */
struct md_span {
	size_t start, end;
};

struct md_block {
	enum md_kind kind;
	int level;
	long number;
	char *text; /* NUL-terminated UTF-8 with the markup taken out; never contains '\n' */
	size_t len;
	struct md_span *bold;
	size_t nbold;
};

struct md_doc {
	struct md_block *blocks;
	size_t count;
};

enum md_flavour {
	MD_MARKDOWN, /* .md: the subset above */
	MD_PLAIN,    /* .txt: every non-empty line is a paragraph, nothing is markup */
};

/* Parse src[0..n). A UTF-8 BOM is skipped. Returns 0 with doc filled (free with markdown_free),
 * or -1 with err saying what is wrong in words staff can act on, naming the line: not UTF-8, a
 * NUL byte (not a text file), too large. doc is left empty on error. */
int markdown_parse(const char *src, size_t n, enum md_flavour flavour, struct md_doc *doc,
		   char *err, size_t errlen);

void markdown_free(struct md_doc *doc);

/* The text of the first heading, or NULL when there is none. */
const char *markdown_title(const struct md_doc *doc);

#endif
