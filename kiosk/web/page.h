/* The phone pages: templates from assets/phone/ (built into the program) filled with values,
 * every value HTML-escaped unless the template asks for it raw. */
#ifndef KIOSK_WEB_PAGE_H
#define KIOSK_WEB_PAGE_H

#include <stdbool.h>
#include <stddef.h>

struct page_var {
	const char *name;
	const char *value; /* NULL counts as empty */
};

/* A file of assets/phone/ by name ("form.html"), or NULL. */
const char *page_asset(const char *name);

/* Fill tmpl into out: {{name}} becomes the value HTML-escaped, {{{name}}} the value as it is
 * (only for HTML the server built itself), and {{?name}}...{{/name}} is kept only when the
 * value is not empty. Unknown names are empty. The length, or -1 when out is too small. */
int page_render(const char *tmpl, const struct page_var *vars, int n, char *out, size_t size);

/* Append s HTML-escaped (& < > " ') to out, which holds *len bytes of size; false when it does
 * not fit (out is then cut at a character boundary of the escaped text). */
bool page_escape(const char *s, char *out, size_t *len, size_t size);

#endif
