/* What a phone sends the sign-in server, parsed without trusting a byte of it: the request
 * target's percent-encoding, an application/x-www-form-urlencoded body and the Cookie header.
 * Pure functions with fixed-size outputs, so the fuzzer (tests/fuzz/fuzz_form.c) can drive them
 * and the server never allocates on a hostile input. */
#ifndef KIOSK_CORE_FORM_H
#define KIOSK_CORE_FORM_H

#include <stdbool.h>
#include <stddef.h>

#define FORM_MAX_FIELDS 16
#define FORM_NAME_MAX 32   /* a field's name, with its NUL */
#define FORM_VALUE_MAX 256 /* a field's decoded value, with its NUL */
#define FORM_TARGET_MAX 2048 /* a request target longer than this is refused */

struct form_field {
	char name[FORM_NAME_MAX];
	char value[FORM_VALUE_MAX];
};

struct form {
	int n;
	struct form_field f[FORM_MAX_FIELDS];
};

/* Percent-decode in[0..len) into out (size bytes, NUL-terminated), '+' as a space when
 * plus_is_space. -1 when a '%' is not followed by two hex digits, the result holds a NUL or a
 * control character other than tab, is not valid UTF-8, or does not fit. */
int form_decode(const char *in, size_t len, bool plus_is_space, char *out, size_t size);

/* Is the raw request target (path and query as the client sent them) well-formed: shorter than
 * FORM_TARGET_MAX, every '%' followed by two hex digits, and the decoded text valid UTF-8
 * without NUL or control bytes? */
bool form_target_ok(const char *target);

/* Parse an application/x-www-form-urlencoded body. Fields beyond FORM_MAX_FIELDS, and names or
 * values too long for their arrays, make the whole body malformed, as does any bad encoding:
 * 0, or -1 (the server answers 400). A field without '=' has an empty value. */
int form_parse(const char *body, size_t len, struct form *out);

/* The value of the first field called name, or NULL. */
const char *form_get(const struct form *f, const char *name);

/* Find cookie name in a Cookie header ("a=1; kd=xyz") and copy its value (quotes removed) into
 * out. 0 when found and it fits, -1 otherwise (absent, too long, or not printable ASCII). */
int form_cookie(const char *header, const char *name, char *out, size_t size);

#endif
