/* What export.c and export_workbook.c share: the export under way, and how a file written into
 * its folder is noted in the manifest. Not for use outside kiosk/core/exchange/export*.c. */
#ifndef KIOSK_CORE_EXPORT_PRIVATE_H
#define KIOSK_CORE_EXPORT_PRIVATE_H

#include <jansson.h>
#include <limits.h>
#include <sqlite3.h>

#include "core/base/clock.h"
#include "core/base/safefile.h"
#include "core/base/uuid.h"
#include "core/exchange/export.h"
#include "core/exchange/export_photos.h"
#include "core/party/meetings.h"

struct exporter {
	struct db *db;
	const struct export_options *o;
	struct export_result *res;
	char since[CLOCK_TEXT];
	char now_text[CLOCK_TEXT];
	char community[128];
	char uuid[UUID_LEN];
	char tmpdir[PATH_MAX];
	struct meeting *meetings;
	struct meeting_counts *counts;
	int nmeetings, cap;
	char (*stems)[EXPORT_STEM];  /* each meeting's file stem in 纪实/ */
	struct export_photos photos; /* the photos of the meetings (export_photos.c) */
	json_t *files;
	int done, total;
	char *err;
	size_t errlen;
};

struct out {
	struct safefile sf;
	const char *name;
	int rows;
};

/* Note a committed file in the manifest: its rows, size and SHA-256 (taken as it was written,
 * or read back when another library wrote it); counts it in the progress. */
int export_note_file(struct exporter *x, struct safefile *sf, const char *name, int rows);
/* Column i of a result row as text ("" for NULL). */
const char *export_col(sqlite3_stmt *st, int i);
/* 签到表.xlsx: the summary sheet, then a sheet per meeting (export_workbook.c). */
int export_write_workbook(struct exporter *x);

#endif
