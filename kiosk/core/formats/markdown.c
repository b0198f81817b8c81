/* A small Markdown reader for study materials. Line by line: each line either starts a block
 * (heading, list item, quote, rule, fence) or continues the open one; then the inline markup of
 * each block (bold, escapes, code, links) is taken out in one pass, leaving the plain text the
 * reader breaks into lines and the bold spans it draws heavier.
 *
 * Input comes from USB sticks, so every loop is bounded by the input and every allocation by a
 * limit; malformed markup is never an error, it is shown as the characters written. Lines of
 * Chinese text joined into one paragraph get no space between them (a space would show as a gap
 * in the middle of a sentence); Latin words do. */
#include "core/formats/markdown.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/text/utf8.h"

struct builder {
	struct md_doc *doc;
	size_t cap;
	bool open;           /* a block is being gathered */
	enum md_kind kind;
	int level;
	long number;
	bool literal;        /* no inline markup (plain text, fenced lines) */
	char *raw;           /* the block's lines joined */
	size_t rawlen, rawcap;
	bool nomem, too_many;
};

static bool is_space(char c)
{
	return c == ' ' || c == '\t';
}

/* Skip leading blanks: ASCII spaces and tabs, and the ideographic space U+3000 Chinese texts
 * indent paragraphs with. */
static size_t skip_blanks(const char *s, size_t n)
{
	size_t i = 0;

	for (;;) {
		if (i < n && is_space(s[i]))
			i++;
		else if (i + 3 <= n && memcmp(s + i, "\xE3\x80\x80", 3) == 0)
			i += 3;
		else
			return i;
	}
}

static size_t trim_end(const char *s, size_t n)
{
	while (n > 0 && (is_space(s[n - 1]) || s[n - 1] == '\r'))
		n--;
	while (n >= 3 && memcmp(s + n - 3, "\xE3\x80\x80", 3) == 0)
		n -= 3;
	return n;
}

static bool reserve(struct builder *b, size_t more)
{
	size_t cap;
	char *p;

	if (b->rawlen + more + 1 <= b->rawcap)
		return true;
	cap = b->rawcap ? b->rawcap : 256;
	while (cap < b->rawlen + more + 1)
		cap *= 2;
	p = realloc(b->raw, cap);
	if (!p) {
		b->nomem = true;
		return false;
	}
	b->raw = p;
	b->rawcap = cap;
	return true;
}

/* The last code point of s[0..n) (valid UTF-8), or 0. */
static uint32_t last_cp(const char *s, size_t n)
{
	size_t i = n;
	uint32_t cp = 0;

	if (n == 0)
		return 0;
	do
		i--;
	while (i > 0 && ((unsigned char)s[i] & 0xC0) == 0x80);
	if (utf8_decode(s + i, n - i, &cp) == 0)
		return 0;
	return cp;
}

static uint32_t first_cp(const char *s, size_t n)
{
	uint32_t cp = 0;

	if (n == 0 || utf8_decode(s, n, &cp) == 0)
		return 0;
	return cp;
}

/* Add a line's text to the open block: no space between two wide characters (Chinese), one
 * otherwise. */
static void append(struct builder *b, const char *s, size_t n)
{
	bool space;

	if (n == 0)
		return;
	space = b->rawlen > 0 &&
		!(utf8_is_wide(last_cp(b->raw, b->rawlen)) && utf8_is_wide(first_cp(s, n)));
	if (!reserve(b, n + 1))
		return;
	if (space)
		b->raw[b->rawlen++] = ' ';
	memcpy(b->raw + b->rawlen, s, n);
	b->rawlen += n;
	b->raw[b->rawlen] = '\0';
}

static bool push_span(struct md_span **spans, size_t *n, size_t *cap, size_t start, size_t end)
{
	if (end <= start)
		return true;
	if (*n == *cap) {
		size_t c = *cap ? *cap * 2 : 8;
		struct md_span *p = realloc(*spans, c * sizeof *p);
		if (!p)
			return false;
		*spans = p;
		*cap = c;
	}
	(*spans)[*n].start = start;
	(*spans)[(*n)++].end = end;
	return true;
}

static bool is_ascii_punct(char c)
{
	return (c >= '!' && c <= '/') || (c >= ':' && c <= '@') || (c >= '[' && c <= '`') ||
	       (c >= '{' && c <= '~');
}

/* Where the next `marker` (two bytes) that can close starts at or after i, or n. As in
 * CommonMark, a closer is not preceded by a space ("3**4 and **open" has no bold). */
static size_t find_pair(const char *s, size_t n, size_t i, const char *marker)
{
	for (; i + 1 < n; i++) {
		if (s[i] == '\\') {
			i++;
			continue;
		}
		if (s[i] == '`') { /* nothing closes inside code */
			const char *end = memchr(s + i + 1, '`', n - i - 1);
			if (end)
				i = (size_t)(end - s);
			continue;
		}
		if (s[i] == marker[0] && s[i + 1] == marker[1] && !is_space(s[i - 1]))
			return i;
	}
	return n;
}

static size_t find_char(const char *s, size_t n, size_t i, char c)
{
	for (; i < n; i++)
		if (s[i] == c)
			return i;
	return n;
}

/* Take the inline markup out of raw[0..n) into out (at least n + 1 bytes), recording bold
 * spans. Returns the length written, or (size_t)-1 when memory ran out. */
static size_t render_inline(const char *raw, size_t n, char *out, struct md_span **spans,
			    size_t *nspans)
{
	size_t i = 0, o = 0, cap = 0, bold_start = 0, close = 0;
	const char *marker = NULL; /* the bold marker open now */

	*spans = NULL;
	*nspans = 0;
	while (i < n) {
		char c = raw[i];

		if (c == '\\' && i + 1 < n && is_ascii_punct(raw[i + 1])) {
			out[o++] = raw[i + 1];
			i += 2;
		} else if (marker && i >= close) {
			/* The closer; past it only if an escape swallowed it, then just end the span. */
			if (!push_span(spans, nspans, &cap, bold_start, o))
				return (size_t)-1;
			marker = NULL;
			i += i == close ? 2 : 0;
		} else if (!marker && i + 1 < n && (c == '*' || c == '_') && raw[i + 1] == c) {
			const char *m = c == '*' ? "**" : "__";
			size_t j = i + 2 < n && !is_space(raw[i + 2]) ? find_pair(raw, n, i + 2, m) : n;
			if (j < n && j > i + 2) {
				marker = m;
				close = j;
				bold_start = o;
				i += 2;
			} else {
				out[o++] = raw[i++];
				out[o++] = raw[i++];
			}
		} else if (c == '`') {
			size_t j = find_char(raw, n, i + 1, '`');
			if (j < n && (!marker || j < close)) {
				memcpy(out + o, raw + i + 1, j - i - 1);
				o += j - i - 1;
				i = j + 1;
			} else {
				out[o++] = raw[i++];
			}
		} else if (c == '[' || (c == '!' && i + 1 < n && raw[i + 1] == '[')) {
			/* [text](address) and ![text](picture): the text; an address means nothing on a
			 * kiosk with no browser. */
			size_t open = c == '!' ? i + 1 : i;
			size_t rb = find_char(raw, n, open + 1, ']');
			size_t rp = rb + 1 < n && raw[rb + 1] == '(' ? find_char(raw, n, rb + 2, ')') : n;
			if (rp < n && (!marker || rp < close)) {
				memcpy(out + o, raw + open + 1, rb - open - 1);
				o += rb - open - 1;
				i = rp + 1;
			} else {
				out[o++] = raw[i++];
			}
		} else {
			out[o++] = raw[i++];
		}
	}
	if (marker && !push_span(spans, nspans, &cap, bold_start, o))
		return (size_t)-1;
	out[o] = '\0';
	return o;
}

/* Trim a block's text at both ends, moving the spans with it. */
static void trim_block(struct md_block *blk)
{
	size_t lead = skip_blanks(blk->text, blk->len), end, k, j = 0;

	end = trim_end(blk->text, blk->len);
	if (end < lead)
		end = lead;
	memmove(blk->text, blk->text + lead, end - lead);
	blk->len = end - lead;
	blk->text[blk->len] = '\0';
	for (k = 0; k < blk->nbold; k++) {
		size_t s = blk->bold[k].start, e = blk->bold[k].end;
		s = s < lead ? 0 : s - lead;
		e = e < lead ? 0 : e - lead;
		if (s > blk->len)
			s = blk->len;
		if (e > blk->len)
			e = blk->len;
		if (e > s)
			blk->bold[j++] = (struct md_span){ s, e };
	}
	blk->nbold = j;
}

static void push_block(struct builder *b, enum md_kind kind, int level, long number,
		       const char *raw, size_t n, bool literal)
{
	struct md_doc *doc = b->doc;
	struct md_block *blk;

	if (b->nomem || b->too_many)
		return;
	if (doc->count == MARKDOWN_MAX_BLOCKS) {
		b->too_many = true;
		return;
	}
	if (doc->count == b->cap) {
		size_t cap = b->cap ? b->cap * 2 : 32;
		struct md_block *p = realloc(doc->blocks, cap * sizeof *p);
		if (!p) {
			b->nomem = true;
			return;
		}
		doc->blocks = p;
		b->cap = cap;
	}
	blk = &doc->blocks[doc->count];
	memset(blk, 0, sizeof *blk);
	blk->kind = kind;
	blk->level = level;
	blk->number = number;
	blk->text = malloc(n + 1);
	if (!blk->text) {
		b->nomem = true;
		return;
	}
	if (literal) {
		memcpy(blk->text, raw, n);
		blk->text[n] = '\0';
		blk->len = n;
	} else {
		blk->len = render_inline(raw, n, blk->text, &blk->bold, &blk->nbold);
		if (blk->len == (size_t)-1) {
			free(blk->text);
			b->nomem = true;
			return;
		}
	}
	trim_block(blk);
	/* A block that was only markup ("**" alone) says nothing: leave it out. */
	if (blk->len == 0 && kind != MD_RULE) {
		free(blk->text);
		free(blk->bold);
		return;
	}
	doc->count++;
}

static void finish(struct builder *b)
{
	if (!b->open)
		return;
	push_block(b, b->kind, b->level, b->number, b->raw ? b->raw : "", b->rawlen, b->literal);
	b->open = false;
	b->rawlen = 0;
	if (b->raw)
		b->raw[0] = '\0';
}

static void open_block(struct builder *b, enum md_kind kind, int level, long number,
		       const char *s, size_t n)
{
	finish(b);
	b->open = true;
	b->kind = kind;
	b->level = level;
	b->number = number;
	b->literal = false;
	append(b, s, n);
}

/* A line of three or more of one of - * _ (spaces allowed between): a rule. Returns the
 * character, or 0. */
static char rule_char(const char *s, size_t n)
{
	size_t i, count = 0;
	char c = 0;

	for (i = 0; i < n; i++) {
		if (is_space(s[i]))
			continue;
		if (s[i] != '-' && s[i] != '*' && s[i] != '_')
			return 0;
		if (c && s[i] != c)
			return 0;
		c = s[i];
		count++;
	}
	return count >= 3 ? c : 0;
}

static bool all_char(const char *s, size_t n, char c)
{
	size_t i;

	if (n == 0)
		return false;
	for (i = 0; i < n; i++)
		if (s[i] != c)
			return false;
	return true;
}

/* One line of Markdown (without its line ending). */
static void markdown_line(struct builder *b, const char *line, size_t n, bool *fence)
{
	size_t indent_bytes = 0, col = 0, i;
	const char *s;
	char rc;
	int depth;

	n = trim_end(line, n);
	while (indent_bytes < n && is_space(line[indent_bytes]))
		col += line[indent_bytes++] == '\t' ? 4 : 1;
	s = line + indent_bytes;
	n -= indent_bytes;
	if (*fence) {
		if (n >= 3 && memcmp(s, "```", 3) == 0) {
			*fence = false;
			return;
		}
		/* Inside a fence each line stands alone, as written. */
		finish(b);
		push_block(b, MD_PARAGRAPH, 0, 0, s, n, true);
		return;
	}
	if (skip_blanks(s, n) == n) {
		finish(b);
		return;
	}
	if (n >= 3 && memcmp(s, "```", 3) == 0) {
		finish(b);
		*fence = true;
		return;
	}
	depth = (int)(col / 2);
	if (depth > MARKDOWN_MAX_DEPTH)
		depth = MARKDOWN_MAX_DEPTH;
	if (s[0] == '#') {
		size_t h = 0;
		while (h < n && s[h] == '#')
			h++;
		/* "# 标题", and "#标题" too (people writing Chinese often leave the space out), but
		 * not "#1" or "#hashtag". */
		if (h <= 6 && (h == n || is_space(s[h]) || (unsigned char)s[h] >= 0x80)) {
			size_t end = n;
			finish(b);
			while (end > h && s[end - 1] == '#')
				end--;
			if (end < n && end > h && !is_space(s[end - 1]))
				end = n; /* "# C#" keeps its '#' */
			push_block(b, MD_HEADING, (int)h, 0, s + h, end - h, false);
			return;
		}
	}
	if (b->open && b->kind == MD_PARAGRAPH && col < 4) {
		/* Setext headings: a paragraph underlined with === or ---. */
		if (all_char(s, n, '=')) {
			b->kind = MD_HEADING;
			b->level = 1;
			finish(b);
			return;
		}
		if (all_char(s, n, '-')) {
			b->kind = MD_HEADING;
			b->level = 2;
			finish(b);
			return;
		}
	}
	if ((rc = rule_char(s, n)) != 0) {
		finish(b);
		push_block(b, MD_RULE, 0, 0, "", 0, true);
		return;
	}
	if (n >= 2 && (s[0] == '-' || s[0] == '*' || s[0] == '+') && is_space(s[1])) {
		open_block(b, MD_BULLET, depth, 0, s + 2, n - 2);
		return;
	}
	if (n >= 4 && memcmp(s, "\xE2\x80\xA2", 3) == 0 && is_space(s[3])) { /* "• " */
		open_block(b, MD_BULLET, depth, 0, s + 4, n - 4);
		return;
	}
	for (i = 0; i < n && i < 9 && s[i] >= '0' && s[i] <= '9'; i++)
		;
	if (i > 0 && i + 1 < n && (s[i] == '.' || s[i] == ')') && is_space(s[i + 1])) {
		open_block(b, MD_NUMBERED, depth, strtol(s, NULL, 10), s + i + 2, n - i - 2);
		return;
	}
	if (s[0] == '>') {
		size_t j = 0;
		while (j < n && (s[j] == '>' || is_space(s[j])))
			j++;
		if (b->open && b->kind == MD_QUOTE)
			append(b, s + j, n - j);
		else
			open_block(b, MD_QUOTE, 0, 0, s + j, n - j);
		return;
	}
	if (b->open) {
		append(b, s, n);
		return;
	}
	open_block(b, MD_PARAGRAPH, 0, 0, s, n);
}

static size_t line_of(const char *s, size_t at)
{
	size_t i, line = 1;

	for (i = 0; i < at; i++)
		if (s[i] == '\n')
			line++;
	return line;
}

int markdown_parse(const char *src, size_t n, enum md_flavour flavour, struct md_doc *doc,
		   char *err, size_t errlen)
{
	struct builder b;
	size_t pos = 0, bad;
	const char *nul;
	bool fence = false;

	memset(doc, 0, sizeof *doc);
	if (n > MARKDOWN_MAX_BYTES) {
		snprintf(err, errlen, "文字太长（超过 %d MB），请分成几个文件再导入",
			 MARKDOWN_MAX_BYTES / (1024 * 1024));
		return -1;
	}
	if (n >= 3 && memcmp(src, "\xEF\xBB\xBF", 3) == 0) {
		src += 3;
		n -= 3;
	}
	nul = memchr(src, '\0', n);
	if (nul) {
		snprintf(err, errlen, "第 %zu 行有不是文字的内容，不像文本文件；请用记事本或 WPS 另存为"
			 "“纯文本（UTF-8）”再导入", line_of(src, (size_t)(nul - src)));
		return -1;
	}
	bad = utf8_invalid_at(src, n);
	if (bad < n) {
		snprintf(err, errlen, "第 %zu 行不是 UTF-8 编码的文字（可能是 GBK 编码或文件已损坏）；"
			 "请用记事本打开，另存为时编码选“UTF-8”再导入", line_of(src, bad));
		return -1;
	}
	memset(&b, 0, sizeof b);
	b.doc = doc;
	while (pos < n && !b.nomem && !b.too_many) {
		const char *line = src + pos, *nl = memchr(line, '\n', n - pos);
		size_t len = nl ? (size_t)(nl - line) : n - pos;

		pos += len + (nl ? 1 : 0);
		if (flavour == MD_PLAIN) {
			size_t lead = skip_blanks(line, len), end = trim_end(line, len);
			if (end > lead)
				push_block(&b, MD_PARAGRAPH, 0, 0, line + lead, end - lead, true);
		} else {
			markdown_line(&b, line, len, &fence);
		}
	}
	finish(&b);
	free(b.raw);
	if (b.nomem || b.too_many) {
		markdown_free(doc);
		if (b.nomem)
			snprintf(err, errlen, "内存不足，无法读取这份文字");
		else
			snprintf(err, errlen, "段落太多（超过 %d 段），请分成几个文件再导入",
				 MARKDOWN_MAX_BLOCKS);
		return -1;
	}
	return 0;
}

void markdown_free(struct md_doc *doc)
{
	size_t i;

	for (i = 0; i < doc->count; i++) {
		free(doc->blocks[i].text);
		free(doc->blocks[i].bold);
	}
	free(doc->blocks);
	doc->blocks = NULL;
	doc->count = 0;
}

const char *markdown_title(const struct md_doc *doc)
{
	size_t i;

	for (i = 0; i < doc->count; i++)
		if (doc->blocks[i].kind == MD_HEADING)
			return doc->blocks[i].text;
	return NULL;
}
