/* The meeting records in an export (docs/export.md): records.csv for the office's merge, a 纪实
 * sheet per recorded meeting in 签到表.xlsx, and 纪实/<会议>_<日期>.pdf for printing. export.c
 * calls these while it builds its folder; the files go through safefile and the manifest as
 * every other file does. */
#ifndef KIOSK_CORE_EXPORT_RECORD_H
#define KIOSK_CORE_EXPORT_RECORD_H

#include <stddef.h>
#include <xlsxwriter.h>

#include "core/exchange/export_photos.h"

struct db;
struct export_photos;
struct meeting;
struct meeting_counts;
struct safefile;

#define EXPORT_RECORD_DIR "纪实"

struct record_formats {
	lxw_format *title, *label, *head, *cell;
};

/* A unique sheet name for title (export.c keeps the names taken). */
typedef void record_sheet_namer(void *ctx, const struct meeting *m, const char *title, char *out,
				size_t size);

/* When meeting m has a record, add its 纪实 sheet to wb, saying how many photos it has and
 * where they are (stem: the meeting's file stem in 纪实/): 1 added, 0 no record, -1 with err. */
int export_record_sheet(struct db *db, lxw_workbook *wb, const struct record_formats *f,
			const struct meeting *m, const struct meeting_counts *c, const char *stem,
			int nphotos, record_sheet_namer *namer, void *ctx, char *err, size_t errlen);

/* How many of the n meetings have a record (for the progress bar); -1 on error. */
int export_record_count(struct db *db, const struct meeting *ms, int n, char *err, size_t errlen);

/* Note a committed file in the manifest (export.c's note_file). */
typedef int record_note_fn(void *ctx, struct safefile *sf, const char *name, int rows);

/* Write records.csv (a row per record of the n meetings; a header alone when none) and the PDF
 * of each into dir/纪实 as <stem>.pdf, with the meeting's photos in ph; each file is committed
 * and noted. *rows gets the records written. */
int export_record_files(struct db *db, const char *dir, const char *community,
			const struct meeting *ms, const struct meeting_counts *cs, int n,
			char (*stems)[EXPORT_STEM], const struct export_photos *ph,
			record_note_fn *note, void *ctx, int *rows, char *err, size_t errlen);

/* Remove dir/纪实 and its files (a failed export's working folder). */
void export_record_cleanup(const char *dir);

#endif
