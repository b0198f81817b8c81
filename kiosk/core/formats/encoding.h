/* Turning the bytes of a roster file, as Chinese Excel or WPS saved it, into UTF-8 text. */
#ifndef KIOSK_CORE_ENCODING_H
#define KIOSK_CORE_ENCODING_H

#include <stddef.h>

enum text_encoding { ENC_UTF8, ENC_UTF8_BOM, ENC_GB18030, ENC_UTF16LE, ENC_UTF16BE };

/* A short name for the encoding, for logs and the import summary shown to staff:
 * "UTF-8", "UTF-8 (BOM)", "GBK/GB18030", "UTF-16LE", "UTF-16BE". */
const char *encoding_name(enum text_encoding e);

/* Detect the encoding of a file's raw bytes and return a malloc'd, NUL-terminated UTF-8 copy
 * without BOM (*out_len its length; found and out_len may be NULL). A BOM decides UTF-8 or
 * UTF-16; otherwise valid UTF-8 (including pure ASCII) is UTF-8, else GB18030 through iconv(3).
 * The result never contains a NUL byte and is always valid UTF-8. Returns NULL when the bytes are
 * valid in no candidate, with err naming the 1-based line of the first bad byte (counted in the
 * original file; when both UTF-8 and GBK fail, the one that got further is believed). */
char *encoding_to_utf8(const char *data, size_t n, enum text_encoding *found, size_t *out_len,
                       char *err, size_t errlen);

#endif
