/* The roster CSV reader. Rosters come from Excel or WPS, so this follows what they write and read
 * rather than the letter of RFC 4180 alone: quoted fields may hold delimiters, doubled quotes and
 * line breaks; a quote in the middle of an unquoted field is an ordinary character; CRLF, LF and a
 * lone CR (old Mac Excel) all end a line; "Unicode 文本" exports are tab-separated, which is why
 * the delimiter is detected. Fields are copied, unquoted, into one buffer owned by the reader, so
 * a record costs no allocation once the buffer has grown to the longest record. Every limit is
 * checked before memory is used, so hostile input gets an error message, never a crash or an
 * allocation larger than the input itself. */
#include "core/formats/csv.h"

#include "core/text/utf8.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum csv_problem { CSV_OK, CSV_UNCLOSED, CSV_AFTER_QUOTE, CSV_TOO_LONG, CSV_TOO_MANY, CSV_NUL,
                   CSV_NOMEM };

struct csv {
	const char *text;
	size_t n, pos;
	size_t line;     /* physical line at pos */
	size_t rec_line; /* line on which the last record returned started */
	char delim;

	/* The record being read: field contents, each NUL-terminated, one after another in buf. */
	char *buf;
	size_t len, cap;
	size_t field_len, field_line;
	int storing; /* cleared by the first problem: the rest of the record is only skipped */
	enum csv_problem problem;
	size_t problem_line, problem_col;
	size_t starts[CSV_MAX_FIELDS];
	char *fields[CSV_MAX_FIELDS + 1];
};

/* Count TABs and commas outside quotes in the first non-empty record. A quote opens a quoted
 * section only where a field can start under either delimiter, which is all we can know before
 * the delimiter is chosen. */
static char csv_detect(const char *t, size_t n, size_t pos)
{
	size_t tabs = 0, commas = 0;
	int quoted = 0, at_start = 1;
	char ch;

	while (pos < n && (t[pos] == '\r' || t[pos] == '\n'))
		pos++;
	for (; pos < n; pos++) {
		ch = t[pos];
		if (quoted) {
			if (ch == '"') {
				if (pos + 1 < n && t[pos + 1] == '"')
					pos++;
				else
					quoted = 0;
			}
			continue;
		}
		if (ch == '\n' || ch == '\r')
			break;
		if (ch == '"' && at_start) {
			quoted = 1;
			at_start = 0;
			continue;
		}
		at_start = ch == ',' || ch == '\t';
		if (ch == ',')
			commas++;
		else if (ch == '\t')
			tabs++;
	}
	return tabs > commas ? '\t' : ',';
}

struct csv *csv_open(const char *text, size_t n)
{
	struct csv *c = calloc(1, sizeof(*c));

	if (c == NULL)
		return NULL;
	c->text = text;
	c->n = text ? n : 0;
	c->line = 1;
	/* encoding_to_utf8 strips the BOM, but text from elsewhere may still carry one. */
	if (c->n >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0)
		c->pos = 3;
	c->delim = csv_detect(c->text, c->n, c->pos);
	return c;
}

void csv_close(struct csv *c)
{
	if (c == NULL)
		return;
	free(c->buf);
	free(c);
}

size_t csv_line(const struct csv *c)
{
	return c->rec_line;
}

char csv_delimiter(const struct csv *c)
{
	return c->delim;
}

/* Remember the first problem of the record; from then on the record is only skipped over. */
static void csv_note(struct csv *c, enum csv_problem p, size_t line, size_t col)
{
	if (c->problem == CSV_OK) {
		c->problem = p;
		c->problem_line = line;
		c->problem_col = col;
	}
	c->storing = 0;
}

/* Make room for one more byte. The buffer never outgrows the record's own text plus one
 * terminator per field, because storing stops at the first limit exceeded. */
static int csv_reserve(struct csv *c, size_t col)
{
	size_t cap;
	char *grown;

	if (c->len < c->cap)
		return 0;
	cap = c->cap ? c->cap * 2 : 256;
	grown = realloc(c->buf, cap);
	if (grown == NULL) {
		csv_note(c, CSV_NOMEM, c->line, col);
		return -1;
	}
	c->buf = grown;
	c->cap = cap;
	return 0;
}

static void csv_put(struct csv *c, char ch, size_t col)
{
	if (ch == '\0') {
		csv_note(c, CSV_NUL, c->line, col);
		return;
	}
	if (!c->storing)
		return;
	if (c->field_len >= CSV_MAX_FIELD_BYTES) {
		csv_note(c, CSV_TOO_LONG, c->field_line, col);
		return;
	}
	if (csv_reserve(c, col) < 0)
		return;
	c->buf[c->len++] = ch;
	c->field_len++;
}

/* Step over a line break at pos (CRLF counts once) and count the line; 0 if there is none. */
static int csv_eol(struct csv *c)
{
	if (c->pos >= c->n)
		return 0;
	if (c->text[c->pos] == '\r') {
		c->pos++;
		if (c->pos < c->n && c->text[c->pos] == '\n')
			c->pos++;
	} else if (c->text[c->pos] == '\n') {
		c->pos++;
	} else {
		return 0;
	}
	c->line++;
	return 1;
}

static int csv_ends_field(const struct csv *c, char ch)
{
	return ch == c->delim || ch == '\n' || ch == '\r';
}

static void csv_explain(const struct csv *c, char *err, size_t errlen)
{
	size_t line = c->problem_line, col = c->problem_col;

	if (err == NULL || errlen == 0)
		return;
	switch (c->problem) {
	case CSV_UNCLOSED:
		snprintf(err, errlen, "第 %zu 行第 %zu 列：引号没有闭合，请补上右引号或删掉多余的引号",
		         line, col);
		break;
	case CSV_AFTER_QUOTE:
		snprintf(err, errlen, "第 %zu 行第 %zu 列：右引号后面还有字符，请删掉多余的引号后重试",
		         line, col);
		break;
	case CSV_TOO_LONG:
		snprintf(err, errlen, "第 %zu 行：字段太长（第 %zu 列超过 %d KB），"
		         "请检查这一格是否粘贴了多余的内容", line, col, CSV_MAX_FIELD_BYTES / 1024);
		break;
	case CSV_TOO_MANY:
		snprintf(err, errlen, "第 %zu 行：列数太多（超过 %d 列），请删掉多余的列后重试",
		         line, CSV_MAX_FIELDS);
		break;
	case CSV_NUL:
		snprintf(err, errlen, "第 %zu 行第 %zu 列：有空字符，"
		         "请在 Excel 中另存为“CSV UTF-8”后重试", line, col);
		break;
	case CSV_NOMEM:
		snprintf(err, errlen, "第 %zu 行：内存不足，无法读取名单，请重启设备后重试", line);
		break;
	case CSV_OK:
		snprintf(err, errlen, "第 %zu 行：无法读取", line);
		break;
	}
	/* A short buffer may cut a Chinese character in half; drop the half rather than show it. */
	err[utf8_invalid_at(err, strlen(err))] = '\0';
}

/* A quoted field ran to the end of the input. Most likely one cell has a stray quote, so carry on
 * at the line after the quote rather than at the end, letting the caller see the other records.
 * This cannot make reading quadratic: every quote run after this one was paired up by the scan
 * that just failed, so any quoted field opened after the resync point closes within its run. */
static int csv_unclosed(struct csv *c, size_t qpos, size_t qline, size_t col, char *err,
                        size_t errlen)
{
	csv_note(c, CSV_UNCLOSED, qline, col);
	csv_explain(c, err, errlen);
	c->pos = qpos;
	c->line = qline;
	while (c->pos < c->n && !csv_eol(c))
		c->pos++;
	return -1;
}

int csv_next(struct csv *c, char ***fields, size_t *count, char *err, size_t errlen)
{
	const char *t = c->text;
	size_t nf = 0, col, qpos, i;
	char ch;

	*fields = NULL;
	*count = 0;
	while (csv_eol(c))
		;
	if (c->pos >= c->n)
		return 0;
	c->rec_line = c->line;
	c->len = 0;
	c->storing = 1;
	c->problem = CSV_OK;
	for (;;) {
		col = nf + 1;
		if (nf == CSV_MAX_FIELDS)
			csv_note(c, CSV_TOO_MANY, c->rec_line, col);
		if (c->storing)
			c->starts[nf] = c->len;
		c->field_len = 0;
		c->field_line = c->line;
		if (c->pos < c->n && t[c->pos] == '"') {
			qpos = c->pos++;
			for (;;) {
				if (c->pos >= c->n)
					return csv_unclosed(c, qpos, c->field_line, col, err, errlen);
				ch = t[c->pos++];
				if (ch == '"') {
					if (c->pos < c->n && t[c->pos] == '"')
						c->pos++;
					else
						break;
				} else if (ch == '\n' ||
				           (ch == '\r' && (c->pos >= c->n || t[c->pos] != '\n'))) {
					c->line++;
				}
				csv_put(c, ch, col);
			}
			if (c->pos < c->n && !csv_ends_field(c, t[c->pos]))
				csv_note(c, CSV_AFTER_QUOTE, c->line, col);
		}
		/* Unquoted text; after a bad closing quote, the rest of the field is skipped this way. */
		while (c->pos < c->n && !csv_ends_field(c, t[c->pos]))
			csv_put(c, t[c->pos++], col);
		if (c->storing && csv_reserve(c, col) == 0)
			c->buf[c->len++] = '\0';
		if (nf < CSV_MAX_FIELDS)
			nf++;
		if (c->pos < c->n && t[c->pos] == c->delim) {
			c->pos++;
			continue;
		}
		csv_eol(c);
		break;
	}
	if (c->problem != CSV_OK) {
		csv_explain(c, err, errlen);
		return -1;
	}
	for (i = 0; i < nf; i++)
		c->fields[i] = c->buf + c->starts[i];
	c->fields[nf] = NULL;
	*fields = c->fields;
	*count = nf;
	return 1;
}
