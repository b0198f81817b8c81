/* libFuzzer target for the workbook reader (core/formats/xlsx.c). The zip layer is minizip's, so most
 * inputs are turned into XML parts first and zipped here: the input is split at 0x1E bytes into
 * xl/styles.xml, xl/sharedStrings.xml and the worksheet, behind a fixed workbook.xml. Inputs
 * starting "PK" go to the reader as they are, to reach the archive checks too. Beyond crashes and
 * leaks it checks what the roster import relies on: a refusal always says why (in valid UTF-8),
 * and accepted text is valid UTF-8, NUL-free, as long as it says, and ends with a line break. */
#include <minizip/zip.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/text/utf8.h"
#include "core/formats/xlsx.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check(const char *data, size_t n)
{
	char err[512] = "";
	size_t len = 0;
	char *csv = xlsx_to_csv(data, n, &len, err, sizeof err);

	if (!csv) {
		if (!err[0] || utf8_invalid_at(err, strlen(err)) != strlen(err))
			abort();
		return;
	}
	if (strlen(csv) != len || len == 0 || csv[len - 1] != '\n' ||
	    utf8_invalid_at(csv, len) != len)
		abort();
	free(csv);
}

static char path[64];

static void add(zipFile z, const char *name, const char *s, size_t n)
{
	if (zipOpenNewFileInZip(z, name, NULL, NULL, 0, NULL, 0, NULL, 0, 0) != ZIP_OK)
		abort();
	if (n && zipWriteInFileInZip(z, s, (unsigned)n) != ZIP_OK)
		abort();
	zipCloseFileInZip(z);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char workbook[] = "<workbook><sheets><sheet name=\"a\" r:id=\"rId1\"/></sheets></workbook>";
	static const char rels[] = "<Relationships><Relationship Id=\"rId1\" Target=\"worksheets/sheet1.xml\"/></Relationships>";
	static const char *const names[] = { "xl/styles.xml", "xl/sharedStrings.xml",
					     "xl/worksheets/sheet1.xml" };
	const char *p = (const char *)data, *end = p + size;
	zipFile z;
	FILE *f;
	char *zipped;
	long len;
	int i;

	if (size >= 2 && data[0] == 'P' && data[1] == 'K') {
		check(p, size);
		return 0;
	}
	if (!path[0])
		snprintf(path, sizeof path, "/tmp/fuzz-xlsx-%d.zip", (int)getpid());
	if (!(z = zipOpen(path, APPEND_STATUS_CREATE)))
		abort();
	add(z, "xl/workbook.xml", workbook, sizeof workbook - 1);
	add(z, "xl/_rels/workbook.xml.rels", rels, sizeof rels - 1);
	for (i = 0; i < 3; i++) {
		const char *sep = memchr(p, 0x1E, (size_t)(end - p));
		const char *stop = i < 2 && sep ? sep : end;
		add(z, names[i], p, (size_t)(stop - p));
		p = stop < end ? stop + 1 : end;
	}
	if (zipClose(z, NULL) != ZIP_OK || !(f = fopen(path, "rb")))
		abort();
	fseek(f, 0, SEEK_END);
	len = ftell(f);
	rewind(f);
	zipped = malloc((size_t)len);
	if (!zipped || fread(zipped, 1, (size_t)len, f) != (size_t)len)
		abort();
	fclose(f);
	check(zipped, (size_t)len);
	free(zipped);
	return 0;
}
