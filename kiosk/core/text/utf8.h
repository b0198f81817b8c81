/* UTF-8 decoding and validation shared by the roster reader, pinyin lookup and text layout. */
#ifndef KIOSK_CORE_UTF8_H
#define KIOSK_CORE_UTF8_H

#include <stddef.h>
#include <stdint.h>

/* Decode one code point at s (n bytes available); returns its length in bytes, or 0 when the
 * bytes there are not well-formed UTF-8 (overlong, surrogate, beyond U+10FFFF, truncated). */
size_t utf8_decode(const char *s, size_t n, uint32_t *cp);

/* Encode cp into out (at least 4 bytes); returns the length, 0 for an invalid code point. */
size_t utf8_encode(uint32_t cp, char *out);

/* Offset of the first malformed byte in s[0..n), or n when all of it is valid UTF-8. */
size_t utf8_invalid_at(const char *s, size_t n);

/* Number of code points in a valid UTF-8 string. */
size_t utf8_length(const char *s);

/* Columns a terminal gives the string: 2 for CJK and other wide characters, 1 otherwise. */
size_t utf8_width(const char *s);

/* Copy s into out (size bytes), turning full-width ASCII (U+FF01-U+FF5E, what a Chinese IME
 * types in its full-width mode) and the ideographic space into their ASCII forms; other text is
 * copied as it is. Truncates at a character boundary; returns out. */
char *utf8_fold_fullwidth(const char *s, char *out, size_t size);

/* Is cp an East Asian wide or full-width character? */
int utf8_is_wide(uint32_t cp);

#endif
