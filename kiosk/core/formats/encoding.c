/* Encoding detection for roster files. Staff bring whatever Chinese Excel or WPS wrote: "CSV UTF-8"
 * (UTF-8 with BOM), plain "CSV (逗号分隔)" (GBK, which GB18030 contains), "Unicode 文本" (UTF-16LE
 * with BOM), or a file another program made (UTF-8 without BOM). The kiosk works in UTF-8 only, so
 * everything is converted once here, and anything that is not clean text is refused with the line
 * to look at rather than imported as mojibake. UTF-16 is decoded by hand so that the line of a
 * bad code unit can be named; GB18030 goes through glibc's iconv(3), whose tables we do not want
 * to duplicate. */
#include "core/formats/encoding.h"

#include "core/text/utf8.h"

#include <errno.h>
#include <iconv.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Every message ends by telling staff to re-save as "CSV UTF-8": it is one menu item away in
 * both Excel and WPS and always reads cleanly. */
#define ENCODING_RESAVE "请在 Excel 中另存为“CSV UTF-8”后重试"

const char *encoding_name(enum text_encoding e)
{
	switch (e) {
	case ENC_UTF8: return "UTF-8";
	case ENC_UTF8_BOM: return "UTF-8 (BOM)";
	case ENC_GB18030: return "GBK/GB18030";
	case ENC_UTF16LE: return "UTF-16LE";
	case ENC_UTF16BE: return "UTF-16BE";
	}
	return "未知编码";
}

static void encoding_err(char *err, size_t errlen, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void encoding_err(char *err, size_t errlen, const char *fmt, ...)
{
	va_list ap;

	if (err == NULL || errlen == 0)
		return;
	va_start(ap, fmt);
	vsnprintf(err, errlen, fmt, ap);
	va_end(ap);
	/* A short buffer may cut a Chinese character in half; drop the half rather than show it. */
	err[utf8_invalid_at(err, strlen(err))] = '\0';
}

/* The 1-based line holding byte off of s (n bytes): LF, CRLF and a lone CR each end a line, so
 * the number matches what Notepad or Excel shows whichever line ends the file uses. GBK trail
 * bytes never fall in the ASCII control range, so counting raw bytes is right for it too. */
static size_t encoding_line_at(const unsigned char *s, size_t n, size_t off)
{
	size_t line = 1, i;

	for (i = 0; i < off && i < n; i++)
		if (s[i] == '\n' || (s[i] == '\r' && (i + 1 >= n || s[i + 1] != '\n')))
			line++;
	return line;
}

static unsigned encoding_unit(const unsigned char *s, size_t i, int big_endian)
{
	return big_endian ? (unsigned)s[2 * i] << 8 | s[2 * i + 1]
	                  : (unsigned)s[2 * i + 1] << 8 | s[2 * i];
}

/* Line counting for UTF-16 text, in code units, with the same rules as encoding_line_at. */
static size_t encoding_line_at16(const unsigned char *s, size_t units, size_t at, int big_endian)
{
	size_t line = 1, i;
	unsigned u;

	for (i = 0; i < at && i < units; i++) {
		u = encoding_unit(s, i, big_endian);
		if (u == '\n' ||
		    (u == '\r' && (i + 1 >= units || encoding_unit(s, i + 1, big_endian) != '\n')))
			line++;
	}
	return line;
}

/* Decode UTF-16 (s after the BOM, n bytes) by hand: unpaired surrogates and U+0000 are refused with
 * their line, which iconv would not tell us. */
static char *encoding_from_utf16(const unsigned char *s, size_t n, int big_endian, size_t *out_len,
                                 char *err, size_t errlen)
{
	size_t units = n / 2, i, len = 0;
	unsigned u, lo;
	uint32_t cp;
	char *out;

	if (n % 2 != 0) {
		encoding_err(err, errlen, "文件末尾缺了一个字节（UTF-16 文件不完整），" ENCODING_RESAVE);
		return NULL;
	}
	/* One unit becomes at most 3 bytes of UTF-8; a surrogate pair (2 units) becomes 4. */
	out = malloc(units * 3 + 1);
	if (out == NULL) {
		encoding_err(err, errlen, "内存不足，无法读取文件，请重启设备后重试");
		return NULL;
	}
	for (i = 0; i < units; i++) {
		u = encoding_unit(s, i, big_endian);
		if (u >= 0xD800 && u <= 0xDBFF && i + 1 < units &&
		    (lo = encoding_unit(s, i + 1, big_endian)) >= 0xDC00 && lo <= 0xDFFF) {
			cp = 0x10000 + ((uint32_t)(u - 0xD800) << 10) + (lo - 0xDC00);
			i++;
		} else if ((u >= 0xD800 && u <= 0xDFFF) || u == 0) {
			encoding_err(err, errlen, "第 %zu 行有无法识别的字符（UTF-16 文件已损坏），"
			             ENCODING_RESAVE, encoding_line_at16(s, units, i, big_endian));
			free(out);
			return NULL;
		} else {
			cp = u;
		}
		len += utf8_encode(cp, out + len);
	}
	out[len] = '\0';
	*out_len = len;
	return out;
}

/* Convert n bytes of GB18030 (no NUL among them) with iconv. Returns 0 with the text, -1 with
 * *bad the offset of the first byte GB18030 rejects, or -2 with err filled when the system cannot
 * convert at all. */
static int encoding_from_gb18030(const char *data, size_t n, char **text, size_t *out_len,
                                 size_t *bad, char *err, size_t errlen)
{
	iconv_t cd;
	char *in = (char *)data; /* iconv's prototype lacks const; it does not write the input */
	char *out, *o, *grown;
	size_t inleft = n, cap, outleft, used;
	int rc = -1;

	cd = iconv_open("UTF-8", "GB18030");
	if (cd == (iconv_t)-1) {
		encoding_err(err, errlen, "系统缺少 GBK 编码支持，无法读取这个文件，" ENCODING_RESAVE);
		return -2;
	}
	/* A GB18030 character of 1, 2 or 4 bytes becomes 1, at most 3, or 4 bytes of UTF-8. */
	cap = n + n / 2 + 4;
	out = malloc(cap);
	if (out == NULL)
		goto oom;
	o = out;
	outleft = cap - 1;
	for (;;) {
		if (iconv(cd, &in, &inleft, &o, &outleft) != (size_t)-1 &&
		    iconv(cd, NULL, NULL, &o, &outleft) != (size_t)-1)
			break;
		if (errno == E2BIG && cap < SIZE_MAX / 4) {
			/* Not expected given the bound above; grow rather than trust that. */
			used = (size_t)(o - out);
			grown = realloc(out, cap * 2);
			if (grown == NULL)
				goto oom;
			out = grown;
			cap *= 2;
			o = out + used;
			outleft = cap - 1 - used;
			continue;
		}
		/* EILSEQ (a byte GB18030 does not allow here) or EINVAL (cut off mid-character). */
		*bad = (size_t)(in - data);
		free(out);
		goto done;
	}
	*o = '\0';
	used = (size_t)(o - out);
	/* glibc should only ever produce clean UTF-8; checked so the promise in encoding.h holds. */
	if (utf8_invalid_at(out, used) != used || memchr(out, '\0', used) != NULL) {
		*bad = 0;
		free(out);
		goto done;
	}
	*text = out;
	*out_len = used;
	rc = 0;
done:
	iconv_close(cd);
	return rc;
oom:
	free(out);
	iconv_close(cd);
	encoding_err(err, errlen, "内存不足，无法读取文件，请重启设备后重试");
	return -2;
}

static char *encoding_copy(const char *s, size_t n, size_t *out_len, char *err, size_t errlen)
{
	char *out = malloc(n + 1);

	if (out == NULL) {
		encoding_err(err, errlen, "内存不足，无法读取文件，请重启设备后重试");
		return NULL;
	}
	if (n > 0)
		memcpy(out, s, n);
	out[n] = '\0';
	*out_len = n;
	return out;
}

/* Neither UTF-8 nor GBK: say why as concretely as we can. Workbooks are the common mistake
 * (staff pick the .xlsx instead of the exported CSV), so they get their own sentence. */
static void encoding_refuse(const unsigned char *s, size_t n, size_t bad, char *err, size_t errlen)
{
	if (n >= 4 && memcmp(s, "PK\x03\x04", 4) == 0)
		encoding_err(err, errlen, "这是 Excel 工作簿（.xlsx），不是 CSV 文件，" ENCODING_RESAVE);
	else if (n >= 8 && memcmp(s, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) == 0)
		encoding_err(err, errlen, "这是旧版 Excel/WPS 表格（.xls、.et）或设了密码的工作簿，读不了；"
		             "请在 Excel 或 WPS 中取消密码，另存为 .xlsx 后重试");
	else if (bad < n && s[bad] == '\0')
		encoding_err(err, errlen, "第 %zu 行有空字节（这不像是文本文件），" ENCODING_RESAVE,
		             encoding_line_at(s, n, bad));
	else
		encoding_err(err, errlen, "第 %zu 行有无法识别的字节（文件既不是 UTF-8 也不是 GBK），"
		             ENCODING_RESAVE, encoding_line_at(s, n, bad));
}

char *encoding_to_utf8(const char *data, size_t n, enum text_encoding *found, size_t *out_len,
                       char *err, size_t errlen)
{
	const unsigned char *s = (const unsigned char *)data;
	enum text_encoding enc = ENC_UTF8;
	size_t len = 0, limit, u8bad, gbbad = 0;
	const char *nul;
	char *out = NULL;
	int rc;

	if (n == 0) {
		out = encoding_copy("", 0, &len, err, errlen);
		goto done;
	}
	/* Keeps every size computation below (at most 3 bytes out per 2 in, plus slack) in range. */
	if (n > SIZE_MAX / 4) {
		encoding_err(err, errlen, "文件太大，无法读取，请确认选的是名单 CSV 文件");
		return NULL;
	}
	if (n >= 3 && s[0] == 0xEF && s[1] == 0xBB && s[2] == 0xBF) {
		enc = ENC_UTF8_BOM;
		nul = memchr(data + 3, '\0', n - 3);
		u8bad = 3 + utf8_invalid_at(data + 3, nul ? (size_t)(nul - data) - 3 : n - 3);
		if (nul == NULL && u8bad == n) {
			out = encoding_copy(data + 3, n - 3, &len, err, errlen);
		} else {
			/* The BOM says UTF-8, so GBK is not tried: the file is damaged, not misread. */
			encoding_err(err, errlen, "第 %zu 行有无法识别的字节（文件开头标明是 UTF-8，但内容不是），"
			             ENCODING_RESAVE, encoding_line_at(s, n, u8bad));
		}
		goto done;
	}
	if (n >= 2 && ((s[0] == 0xFF && s[1] == 0xFE) || (s[0] == 0xFE && s[1] == 0xFF))) {
		enc = s[0] == 0xFE ? ENC_UTF16BE : ENC_UTF16LE;
		out = encoding_from_utf16(s + 2, n - 2, enc == ENC_UTF16BE, &len, err, errlen);
		goto done;
	}

	/* A NUL is text in neither encoding; both candidates are only tried on the bytes before it. */
	nul = memchr(data, '\0', n);
	limit = nul ? (size_t)(nul - data) : n;
	u8bad = utf8_invalid_at(data, limit);
	if (u8bad == n) {
		out = encoding_copy(data, n, &len, err, errlen);
		goto done;
	}
	enc = ENC_GB18030;
	rc = encoding_from_gb18030(data, limit, &out, &len, &gbbad, err, errlen);
	if (rc == -2)
		return NULL;
	if (rc == 0 && limit == n) {
		/* GB18030 has a BOM of its own (84 31 95 33), which iconv turns into a UTF-8 one. */
		if (len >= 3 && memcmp(out, "\xEF\xBB\xBF", 3) == 0) {
			len -= 3;
			memmove(out, out + 3, len + 1);
		}
		goto done;
	}
	if (rc == 0) {
		free(out);
		out = NULL;
		gbbad = limit;
	}
	/* The candidate that read further is most likely what the file was meant to be: a GBK file
	 * with one stray byte fails UTF-8 on its first Chinese character, and the other way round. */
	encoding_refuse(s, n, u8bad > gbbad ? u8bad : gbbad, err, errlen);
	return NULL;

done:
	if (out == NULL)
		return NULL;
	if (found)
		*found = enc;
	if (out_len)
		*out_len = len;
	return out;
}
