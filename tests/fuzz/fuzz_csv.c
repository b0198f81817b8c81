/* libFuzzer target for the roster reader: any file bytes through encoding detection and then the
 * CSV reader to the end, as an import does. Beyond crashes and leaks it checks the promises the
 * import relies on, aborting when one breaks: converted text is NUL-free valid UTF-8, records
 * respect the field limits, line numbers only go forward, every error is explained, and every
 * call makes progress (a reader stuck on one record would hang the kiosk). The raw bytes are
 * also fed to the reader directly, to reach the paths encoding_to_utf8 screens off (NUL bytes). */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/formats/csv.h"
#include "core/formats/encoding.h"
#include "core/text/utf8.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void fuzz_csv_read_all(const char *text, size_t n, int text_is_clean)
{
	struct csv *c = csv_open(text, n);
	char **fields;
	size_t count, i, calls = 0, last_line = 0;
	char err[256];
	int rc;

	if (c == NULL)
		abort();
	if (csv_delimiter(c) != ',' && csv_delimiter(c) != '\t')
		abort();
	for (;;) {
		err[0] = '\0';
		rc = csv_next(c, &fields, &count, err, sizeof(err));
		if (rc == 0)
			break;
		/* Every record or error consumes at least one byte of input. */
		if (++calls > n + 1)
			abort();
		if (csv_line(c) < 1 || csv_line(c) < last_line)
			abort();
		last_line = csv_line(c);
		if (rc < 0) {
			if (err[0] == '\0' || utf8_invalid_at(err, strlen(err)) != strlen(err))
				abort();
			continue;
		}
		if (rc != 1 || count < 1 || count > CSV_MAX_FIELDS || fields[count] != NULL)
			abort();
		for (i = 0; i < count; i++) {
			size_t len = strlen(fields[i]);

			if (len > CSV_MAX_FIELD_BYTES)
				abort();
			if (text_is_clean && utf8_invalid_at(fields[i], len) != len)
				abort();
		}
	}
	csv_close(c);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	enum text_encoding enc;
	char err[256] = "";
	size_t len = 0;
	char *text = encoding_to_utf8((const char *)data, size, &enc, &len, err, sizeof(err));

	if (text == NULL) {
		if (err[0] == '\0' || utf8_invalid_at(err, strlen(err)) != strlen(err))
			abort();
	} else {
		if (strlen(text) != len || utf8_invalid_at(text, len) != len)
			abort();
		if (encoding_name(enc)[0] == '\0')
			abort();
		fuzz_csv_read_all(text, len, 1);
		free(text);
	}
	fuzz_csv_read_all((const char *)data, size, 0);
	return 0;
}
