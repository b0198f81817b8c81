/* libFuzzer target for what a phone sends the sign-in server: the form body, the Cookie header
 * and the request target, parsed by kiosk/web/form.c. The input is split at its first NUL
 * byte: before it, a body for form_parse (any bytes, NULs included after the split point are
 * fed to the body as well); after it, a Cookie header and a request target. Beyond crashes,
 * leaks and reads past the end, it checks the promises the server relies on, aborting when
 * one breaks: every field parsed is NUL-terminated within its array, valid UTF-8 and free of
 * control characters; a cookie value found is printable ASCII that fits; and a target
 * accepted decodes cleanly. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "web/form.h"
#include "core/text/utf8.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void clean_text(const char *s, size_t max)
{
	size_t n = strnlen(s, max), i;

	if (n == max || utf8_invalid_at(s, n) != n)
		abort();
	for (i = 0; i < n; i++)
		if (((unsigned char)s[i] < 0x20 && s[i] != '\t') || s[i] == 0x7F)
			abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const uint8_t *nul = memchr(data, 0, size);
	size_t body_len = nul ? (size_t)(nul - data) : size;
	struct form f;
	char cookie[64], decoded[FORM_VALUE_MAX], *rest;
	int i;

	/* The body: the bytes before the first NUL, then all of it (a body may hold NULs). */
	if (form_parse((const char *)data, body_len, &f) == 0) {
		if (f.n < 0 || f.n > FORM_MAX_FIELDS)
			abort();
		for (i = 0; i < f.n; i++) {
			clean_text(f.f[i].name, sizeof f.f[i].name);
			clean_text(f.f[i].value, sizeof f.f[i].value);
			if (form_get(&f, f.f[i].name) == NULL)
				abort();
		}
	}
	if (form_parse((const char *)data, size, &f) == 0 && nul)
		abort(); /* a NUL byte in a body is never valid */
	if (form_decode((const char *)data, body_len, true, decoded, sizeof decoded) == 0)
		clean_text(decoded, sizeof decoded);

	/* After the NUL: a header and a target, as C strings (MHD gives us no NULs in either). */
	if (!nul)
		return 0;
	rest = malloc(size - body_len);
	if (!rest)
		return 0;
	memcpy(rest, nul + 1, size - body_len - 1);
	rest[size - body_len - 1] = '\0';
	if (form_cookie(rest, "kd", cookie, sizeof cookie) == 0) {
		size_t n = strnlen(cookie, sizeof cookie);
		if (n == sizeof cookie)
			abort();
		for (i = 0; i < (int)n; i++)
			if ((unsigned char)cookie[i] <= 0x20 || (unsigned char)cookie[i] >= 0x7F)
				abort();
	}
	if (form_target_ok(rest)) {
		char buf[FORM_TARGET_MAX];
		if (form_decode(rest, strlen(rest), false, buf, sizeof buf) != 0)
			abort();
		clean_text(buf, sizeof buf);
	}
	free(rest);
	return 0;
}
