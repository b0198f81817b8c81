/* Writing CSV that Excel and WPS open correctly: UTF-8 with a BOM (without it Chinese Excel
 * reads the file as GBK and shows mojibake), CRLF, fields quoted when they need it. */
#ifndef KIOSK_CORE_CSV_WRITE_H
#define KIOSK_CORE_CSV_WRITE_H

#include <stddef.h>
#include <stdio.h>

/* Write the UTF-8 byte order mark that tells Excel the encoding. */
void csv_write_bom(FILE *out);

/* Write one record of n fields and the CRLF after it. */
void csv_write_row(FILE *out, const char *const *fields, size_t n);

#endif
