/* Meeting photos (会议影像, issue 17; docs/photos.md): pictures from the staff member's phone or
 * from a stick, decoded in a sandboxed child, turned upright by their EXIF orientation, scaled to
 * at most PHOTO_LONG_SIDE and written again as a bare JPEG (no EXIF, no GPS, no marker at all),
 * kept once by the hash of that file as <directory of the database>/photos/<sha256>.jpg. At most
 * PHOTO_MAX_PER_MEETING live photos a meeting; the same picture twice is one row; a deletion
 * keeps the row (deleted_at) so it reaches the office. */
#ifndef KIOSK_CORE_PHOTO_H
#define KIOSK_CORE_PHOTO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "core/base/clock.h"
#include "core/base/uuid.h"

struct db;

#define PHOTO_MAX_PER_MEETING 12
#define PHOTO_MAX_BYTES (20L * 1024 * 1024) /* one picture; phones send 2-12 MB */
#define PHOTO_LONG_SIDE 2048                /* the stored picture's longer side at most */
#define PHOTO_QUALITY 85
#define PHOTO_SHA_HEX 65

struct photo {
	int64_t id, meeting_id;
	char uuid[UUID_LEN];
	char sha256[PHOTO_SHA_HEX];
	int width, height;
	int64_t bytes;
	char source[8]; /* "phone" or "usb" */
	char added_by[128];
	char added_at[CLOCK_TEXT];
};

/* Where a photo's file is: <directory of db_path>/photos/<sha256>.jpg. */
void photo_path(const char *db_path, const char *sha256, char *out, size_t size);
/* The folder of them: <directory of db_path>/photos. */
void photo_dir(const char *db_path, char *out, size_t size);

/* Add the picture in data[0..n) to the meeting (source "phone" or "usb", actor the staff member).
 * 0 with *out filled (and *already set when the meeting had this picture: nothing new was
 * written), or -1 with err saying what to do (Chinese): not a picture, a HEIC file, too large,
 * damaged, the meeting full. On -1 neither a row nor a file is left. */
int photo_add(struct db *db, int64_t meeting_id, const void *data, size_t n, const char *source,
	      const char *actor, time_t now, struct photo *out, bool *already, char *err,
	      size_t errlen);
/* The same for a file (its size checked before it is read). */
int photo_add_file(struct db *db, int64_t meeting_id, const char *path, const char *source,
		   const char *actor, time_t now, struct photo *out, bool *already, char *err,
		   size_t errlen);

/* What became of one file of a folder: err NULL when it was added (already: it was there). */
typedef void photo_report_fn(void *ctx, const char *name, const char *err, bool already);

/* The pictures (.jpg, .jpeg, .png, any case) in dir/照片, or in dir itself when it has no such
 * folder (a stick), in name order, each added as by photo_add_file with source "usb" and reported
 * to report (may be NULL). Returns how many were newly added, or -1 with err when the folder
 * cannot be read. */
int photo_add_folder(struct db *db, int64_t meeting_id, const char *dir, const char *actor,
		     time_t now, photo_report_fn *report, void *ctx, char *err, size_t errlen);

/* The meeting's live photos, oldest first, at most max into out: their number, or -1 with err. */
int photo_list(struct db *db, int64_t meeting_id, struct photo *out, int max, char *err,
	       size_t errlen);

/* Delete photo id of the meeting (its row kept, marked deleted). -1 with err when there is no
 * such live photo. */
int photo_delete(struct db *db, int64_t meeting_id, int64_t id, const char *actor, time_t now,
		 char *err, size_t errlen);

#endif
