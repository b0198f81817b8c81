/* A template filler just big enough for five small pages. Escaping is the default, so a name
 * holding <script> reaches the phone as text; raw insertion is a separate spelling ({{{ }}})
 * that only the server's own HTML uses. */
#include "web/page.h"

#include <string.h>

#include "web/assets.h"

const char *page_asset(const char *name)
{
	int i;

	for (i = 0; i < phone_assets_count; i++)
		if (strcmp(phone_assets[i].name, name) == 0)
			return phone_assets[i].text;
	return NULL;
}

static bool put(const char *s, size_t n, char *out, size_t *len, size_t size)
{
	if (*len + n + 1 > size)
		return false;
	memcpy(out + *len, s, n);
	*len += n;
	out[*len] = '\0';
	return true;
}

bool page_escape(const char *s, char *out, size_t *len, size_t size)
{
	for (; *s; s++) {
		const char *e;
		switch (*s) {
		case '&': e = "&amp;"; break;
		case '<': e = "&lt;"; break;
		case '>': e = "&gt;"; break;
		case '"': e = "&quot;"; break;
		case '\'': e = "&#39;"; break;
		default:
			if (!put(s, 1, out, len, size))
				return false;
			continue;
		}
		if (!put(e, strlen(e), out, len, size))
			return false;
	}
	return true;
}

static const char *lookup(const struct page_var *vars, int n, const char *name, size_t nlen)
{
	int i;

	for (i = 0; i < n; i++)
		if (strlen(vars[i].name) == nlen && strncmp(vars[i].name, name, nlen) == 0)
			return vars[i].value ? vars[i].value : "";
	return "";
}

int page_render(const char *tmpl, const struct page_var *vars, int n, char *out, size_t size)
{
	const char *p = tmpl;
	size_t len = 0;

	if (size == 0)
		return -1;
	out[0] = '\0';
	while (*p) {
		const char *open = strstr(p, "{{"), *close, *name;
		bool raw, section;
		size_t nlen;

		if (!open)
			return put(p, strlen(p), out, &len, size) ? (int)len : -1;
		if (!put(p, (size_t)(open - p), out, &len, size))
			return -1;
		raw = open[2] == '{';
		section = open[2] == '?';
		name = open + 2 + (raw || section);
		close = strstr(name, raw ? "}}}" : "}}");
		if (!close)
			return -1; /* a broken template: a programming error, caught by the tests */
		nlen = (size_t)(close - name);
		p = close + (raw ? 3 : 2);
		if (section) {
			/* Skip to the matching {{/name}} when the value is empty. */
			char end[64];
			const char *stop;
			if (nlen + 6 > sizeof end)
				return -1;
			memcpy(end, "{{/", 3);
			memcpy(end + 3, name, nlen);
			memcpy(end + 3 + nlen, "}}", 3);
			stop = strstr(p, end);
			if (!stop)
				return -1;
			if (!*lookup(vars, n, name, nlen))
				p = stop + strlen(end);
			continue;
		}
		if (name[0] == '/')
			continue; /* the end of a section that was kept */
		if (raw) {
			const char *v = lookup(vars, n, name, nlen);
			if (!put(v, strlen(v), out, &len, size))
				return -1;
		} else if (!page_escape(lookup(vars, n, name, nlen), out, &len, size)) {
			return -1;
		}
	}
	return (int)len;
}
