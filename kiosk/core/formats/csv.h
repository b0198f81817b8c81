/* Reading roster records out of CSV or tab-separated UTF-8 text, as Excel and WPS write it. */
#ifndef KIOSK_CORE_CSV_H
#define KIOSK_CORE_CSV_H

#include <stddef.h>

/* Limits on one record: beyond them csv_next reports an error instead of allocating more. */
enum { CSV_MAX_FIELDS = 1024, CSV_MAX_FIELD_BYTES = 64 * 1024 };

struct csv; /* opaque */

/* Start reading UTF-8 text (not copied; it must outlive the reader). The delimiter is detected
 * from the first record: TAB if it has more TABs than commas outside quotes, else comma. A UTF-8
 * BOM at the start is skipped. Returns NULL only when memory runs out. */
struct csv *csv_open(const char *text, size_t n);

/* Free the reader and the fields it handed out; NULL is ignored. */
void csv_close(struct csv *c);

/* Read the next record. Returns 1 with *fields (NUL-terminated strings owned by the reader, valid
 * until the next call; fields[*count] is NULL) and *count; 0 at end of input; -1 on a malformed
 * record with err naming its line and column, e.g. "第 7 行第 3 列：引号没有闭合，…". Quoting is
 * RFC 4180; a quote inside an unquoted field is literal, as in Excel; fields are not trimmed;
 * empty lines are skipped, but a line of only delimiters is a record of empty fields. After -1
 * the reader carries on at the next record (for an unclosed quote: the line after the quote), so
 * callers can collect several problems. */
int csv_next(struct csv *c, char ***fields, size_t *count, char *err, size_t errlen);

/* 1-based physical line on which the last record returned started (a quoted field may span
 * lines); 0 before the first record. */
size_t csv_line(const struct csv *c);

/* The delimiter in use: ',' or '\t'. */
char csv_delimiter(const struct csv *c);

#endif
