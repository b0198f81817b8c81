/* libFuzzer target for the study materials' Markdown reader: any bytes, in both flavours. Beyond
 * crashes, leaks and hangs it checks what the reader's layout relies on, aborting when one breaks:
 * a refusal is explained in valid UTF-8; every block's text is valid UTF-8 without newlines or
 * NUL, its length is right, its bold spans are in order, inside the text and on character
 * boundaries; no block is empty but a rule; there are no more blocks than the limit. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/formats/markdown.h"
#include "core/text/utf8.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int boundary(const char *s, size_t at)
{
	return ((unsigned char)s[at] & 0xC0) != 0x80;
}

static void check(const struct md_doc *d)
{
	size_t i, k;

	if (d->count > MARKDOWN_MAX_BLOCKS)
		abort();
	for (i = 0; i < d->count; i++) {
		const struct md_block *b = &d->blocks[i];
		size_t prev = 0;

		if (!b->text || strlen(b->text) != b->len || memchr(b->text, '\n', b->len))
			abort();
		if (utf8_invalid_at(b->text, b->len) != b->len)
			abort();
		if (b->len == 0 && b->kind != MD_RULE)
			abort();
		if (b->kind == MD_HEADING && (b->level < 1 || b->level > 6))
			abort();
		if ((b->kind == MD_BULLET || b->kind == MD_NUMBERED) &&
		    (b->level < 0 || b->level > MARKDOWN_MAX_DEPTH))
			abort();
		for (k = 0; k < b->nbold; k++) {
			const struct md_span *s = &b->bold[k];
			if (s->start < prev || s->end <= s->start || s->end > b->len)
				abort();
			if (!boundary(b->text, s->start) || (s->end < b->len && !boundary(b->text, s->end)))
				abort();
			prev = s->end;
		}
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const enum md_flavour flavours[] = { MD_MARKDOWN, MD_PLAIN };
	struct md_doc doc;
	char err[256];
	size_t f;

	for (f = 0; f < 2; f++) {
		err[0] = '\0';
		if (markdown_parse((const char *)data, size, flavours[f], &doc, err, sizeof err) < 0) {
			if (!err[0] || utf8_invalid_at(err, strlen(err)) != strlen(err) || doc.count)
				abort();
			continue;
		}
		check(&doc);
		if (markdown_title(&doc) && !markdown_title(&doc)[0])
			abort();
		markdown_free(&doc);
	}
	return 0;
}
