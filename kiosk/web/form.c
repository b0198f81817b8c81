/* Strict parsing of what phones send. Anything odd is refused rather than repaired: a sign-in
 * form from our own page never holds a bad escape or invalid UTF-8, so such a request is a
 * broken client or a probe, and a plain 400 is the right answer to both. */
#include "web/form.h"

#include <string.h>

#include "core/text/utf8.h"

static int hex(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

int form_decode(const char *in, size_t len, bool plus_is_space, char *out, size_t size)
{
	size_t i, n = 0;

	if (size == 0)
		return -1;
	for (i = 0; i < len; i++) {
		int c = (unsigned char)in[i];
		if (c == '%') {
			int hi, lo;
			if (i + 2 >= len)
				return -1;
			hi = hex(in[i + 1]);
			lo = hex(in[i + 2]);
			if (hi < 0 || lo < 0)
				return -1;
			c = hi * 16 + lo;
			i += 2;
		} else if (c == '+' && plus_is_space) {
			c = ' ';
		}
		if ((c < 0x20 && c != '\t') || c == 0x7F)
			return -1;
		if (n + 1 >= size)
			return -1;
		out[n++] = (char)c;
	}
	out[n] = '\0';
	return utf8_invalid_at(out, n) == n ? 0 : -1;
}

bool form_target_ok(const char *target)
{
	char buf[FORM_TARGET_MAX];
	size_t len = strlen(target);

	return len < sizeof buf && form_decode(target, len, false, buf, sizeof buf) == 0;
}

int form_parse(const char *body, size_t len, struct form *out)
{
	size_t at = 0;

	memset(out, 0, sizeof *out);
	while (at < len) {
		const char *pair = body + at, *eq, *amp = memchr(pair, '&', len - at);
		size_t plen = amp ? (size_t)(amp - pair) : len - at, nlen;
		struct form_field *f;

		at += plen + 1;
		if (plen == 0)
			continue; /* "a=1&&b=2" and a trailing '&' */
		if (out->n == FORM_MAX_FIELDS)
			return -1;
		f = &out->f[out->n];
		eq = memchr(pair, '=', plen);
		nlen = eq ? (size_t)(eq - pair) : plen;
		if (form_decode(pair, nlen, true, f->name, sizeof f->name) < 0)
			return -1;
		if (eq) {
			if (form_decode(eq + 1, plen - nlen - 1, true, f->value, sizeof f->value) < 0)
				return -1;
		}
		out->n++;
	}
	return 0;
}

const char *form_get(const struct form *f, const char *name)
{
	int i;

	for (i = 0; i < f->n; i++)
		if (strcmp(f->f[i].name, name) == 0)
			return f->f[i].value;
	return NULL;
}

int form_cookie(const char *header, const char *name, char *out, size_t size)
{
	size_t nlen = strlen(name);
	const char *p = header;

	if (size == 0 || nlen == 0)
		return -1;
	while (*p) {
		const char *start, *end;
		size_t vlen, i;

		while (*p == ' ' || *p == '\t' || *p == ';')
			p++;
		start = p;
		while (*p && *p != ';')
			p++;
		end = p;
		/* start..end is one "name=value" pair. */
		if ((size_t)(end - start) <= nlen || strncmp(start, name, nlen) != 0 ||
		    start[nlen] != '=')
			continue;
		start += nlen + 1;
		while (end > start && (end[-1] == ' ' || end[-1] == '\t'))
			end--;
		if (end - start >= 2 && start[0] == '"' && end[-1] == '"') {
			start++;
			end--;
		}
		vlen = (size_t)(end - start);
		if (vlen + 1 > size)
			return -1;
		for (i = 0; i < vlen; i++) {
			unsigned char c = (unsigned char)start[i];
			if (c <= 0x20 || c >= 0x7F || c == '"' || c == ',' || c == '\\')
				return -1;
		}
		memcpy(out, start, vlen);
		out[vlen] = '\0';
		return 0;
	}
	return -1;
}
