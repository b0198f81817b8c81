/* CSV output for scripts and for re-import: values are written exactly as stored (no ="..."
 * wrappers or apostrophes), so what kioskctl writes, kioskctl and other programs read back
 * unchanged. Files meant to be opened by people in Excel are the .xlsx exports. */
#include "core/formats/csv_write.h"

#include <string.h>

void csv_write_bom(FILE *out)
{
	fputs("\xEF\xBB\xBF", out);
}

static void write_field(FILE *out, const char *s)
{
	const char *p;

	if (!s)
		s = "";
	if (strpbrk(s, ",\"\r\n") == NULL) {
		fputs(s, out);
		return;
	}
	fputc('"', out);
	for (p = s; *p; p++) {
		if (*p == '"')
			fputc('"', out);
		fputc(*p, out);
	}
	fputc('"', out);
}

void csv_write_row(FILE *out, const char *const *fields, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (i)
			fputc(',', out);
		write_field(out, fields[i]);
	}
	fputs("\r\n", out);
}
