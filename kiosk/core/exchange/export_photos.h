/* Meeting photos in the export (docs/export.md): each live photo of an exported meeting copied
 * to 纪实/<会议>_<日期>_照片N.jpg beside the meeting's 纪实 PDF, and photos.csv, a row per photo
 * of those meetings (deleted ones too, so a deletion reaches the office) for the office's merge.
 * A photo whose file on the kiosk is missing or no longer matches its hash is left out and
 * counted, so one damaged picture never stops the attendance from leaving. */
#ifndef KIOSK_CORE_EXPORT_PHOTOS_H
#define KIOSK_CORE_EXPORT_PHOTOS_H

#include <limits.h>
#include <stdbool.h>
#include <stddef.h>

#include "core/base/clock.h"
#include "core/base/uuid.h"

struct db;
struct meeting;
struct safefile;

#define EXPORT_PHOTOS_FILE "photos.csv"
#define EXPORT_STEM 200 /* bytes of a meeting's file stem on the stick */

struct export_photo {
	char uuid[UUID_LEN], kiosk_id[64], sha256[65], updated_at[CLOCK_TEXT];
	int meeting; /* index into the export's meetings */
	int width, height;
	bool deleted;
	char src[PATH_MAX]; /* the kiosk's file */
	char file[320];     /* "纪实/<stem>_照片N.jpg" when carried, else "" */
};

struct export_photos {
	struct export_photo *p;
	int n, cap;
	int carried, missing; /* live photos copied; live photos left out (file gone or damaged) */
};

/* A file stem per meeting ("<title>_<YYYY-MM-DD>", FAT-safe, "_2" … when two meetings of the
 * export share one), for its PDF and its photos. */
void export_stems(const struct meeting *ms, int n, char (*stems)[EXPORT_STEM]);

/* Read the photos of the n meetings and check each live one's file against its hash; names the
 * carried ones after stems. 0, or -1 with err on a database error. */
int export_photos_collect(struct db *db, const struct meeting *ms, int n,
			  char (*stems)[EXPORT_STEM], struct export_photos *out, char *err,
			  size_t errlen);

/* The kiosk files of meeting i's carried photos (at most max), in order; returns how many
 * (paths NULL: only counts them). */
int export_photos_of(const struct export_photos *ph, int meeting, const char **paths, int max);

/* Note a committed file in the manifest (export.c's note_file). */
typedef int photo_note_fn(void *ctx, struct safefile *sf, const char *name, int rows);

/* Copy the carried photos into dir/纪实 and write dir/photos.csv; each file committed and
 * noted. 0, or -1 with err (a full stick says so, naming the file). */
int export_photos_write(const struct export_photos *ph, const struct meeting *ms, const char *dir,
			photo_note_fn *note, void *ctx, char *err, size_t errlen);

void export_photos_free(struct export_photos *ph);

#endif
