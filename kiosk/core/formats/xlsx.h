/* Reading a roster straight from an Excel or WPS workbook (.xlsx): the first visible worksheet
 * becomes CSV text that the roster reader takes like any CSV file. Offices keep their 党员名单 as
 * workbooks; asking a clerk to "save as CSV" first is one step too many, and a workbook keeps
 * what CSV loses (phone numbers Excel shows as 1.38123E+10 are whole numbers inside). */
#ifndef KIOSK_CORE_XLSX_H
#define KIOSK_CORE_XLSX_H

#include <stddef.h>

/* Limits that keep a hostile workbook (a zip bomb, a cell at row 1,000,000) from eating the
 * board's memory; a real roster is far below them. */
enum {
	XLSX_MAX_PART_BYTES = 64 * 1024 * 1024, /* any one XML part, uncompressed */
	XLSX_MAX_ROWS = 100000,                 /* the last row number holding anything */
	XLSX_MAX_COLUMNS = 256,                 /* IV: the last column holding anything */
	XLSX_MAX_STRINGS = 1000000,             /* entries in the shared-string table */
};

/* Do the bytes look like a zip archive (every .xlsx is one)? */
int xlsx_is_zip(const char *data, size_t n);

/* Turn the first visible worksheet of the workbook in data[0..n) into malloc'd UTF-8 CSV text
 * (*out_len its length): line N of the text is row N of the sheet, field C is column C, so the
 * roster reader's "第 N 行第 C 列" points at the same cell Excel shows. Every field is quoted;
 * line breaks inside a cell become spaces. Cells formatted as dates become 1956-03-05; whole
 * numbers are written without exponent or ".0". Returns NULL with a sentence in err when the
 * file is not a workbook, is damaged or encrypted, or exceeds the limits above. */
char *xlsx_to_csv(const char *data, size_t n, size_t *out_len, char *err, size_t errlen);

#endif
