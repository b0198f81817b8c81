/* Printable paper for a meeting, as A4 PDF: the 纪实表 (the record, the attendance with the
 * quorum statement, a blank 签名 column and the 支部书记's signature line) and the blank
 * sign-in sheet staff print before a meeting as a fallback. */
#ifndef KIOSK_CORE_RECORD_PDF_H
#define KIOSK_CORE_RECORD_PDF_H

#include <stddef.h>
#include <stdio.h>

struct db;
struct meeting;
struct meeting_counts;
struct meeting_record;

/* The most photos one 纪实表 shows (the kiosk keeps at most 12 a meeting). */
#define RECORD_PDF_MAX_PHOTOS 32

/* Write the 纪实表 of meeting m (its counts c and record r) to f, with the nphotos pictures at
 * the paths in photos (会议影像, two a row) after the attendance and before the signature
 * lines. 0, or -1 with err (a write error leaves errno set, for safefile_explain). */
int record_pdf_write(struct db *db, const struct meeting *m, const struct meeting_counts *c,
		     const struct meeting_record *r, const char *community,
		     const char *const *photos, int nphotos, FILE *f, char *err, size_t errlen);

/* Write the blank sign-in sheet of meeting m to f: every member expected, with their 编号 (for
 * entering the ticked names afterwards), an empty 签名 column, leave already known, and empty
 * rows for 列席. */
int record_pdf_sheet(struct db *db, const struct meeting *m, const char *community, FILE *f,
		     char *err, size_t errlen);

#endif
