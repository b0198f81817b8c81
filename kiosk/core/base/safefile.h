/* Writing files to a USB stick so that a file under its final name is always whole: written
 * under a temporary name, flushed, fsync'ed, renamed; the folder fsync'ed; and read back from
 * the device (not the page cache) to check it. Also the sentences staff see when a stick is
 * full, write-protected or pulled out. */
#ifndef KIOSK_CORE_SAFEFILE_H
#define KIOSK_CORE_SAFEFILE_H

#include <limits.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#define SAFEFILE_HEX 65 /* a SHA-256 in hex and the NUL */

struct safefile_hash;

struct safefile {
	FILE *f;              /* NULL when another library writes the temporary file itself */
	char tmp[PATH_MAX];   /* DIR/.NAME.part */
	char final[PATH_MAX]; /* DIR/NAME */
	struct safefile_hash *hash; /* SHA-256 of what went through f, as it was written */
};

/* Start DIR/NAME as DIR/.NAME.part, opened for writing when open_stream is set. */
int safefile_create(struct safefile *sf, const char *dir, const char *name, bool open_stream,
		    char *err, size_t errlen);
/* Flush and fsync the temporary file and rename it to its final name. On failure the
 * temporary file is removed and err says why in words staff understand. */
int safefile_commit(struct safefile *sf, char *err, size_t errlen);
/* Give up: close and remove the temporary file. */
void safefile_abort(struct safefile *sf);

/* After a commit: the SHA-256 and size of what was written through the stream (computed as it
 * was written, so the file need not be read again for the manifest). -1 when the file was
 * written by someone else (no stream); then use safefile_digest. */
int safefile_written_digest(struct safefile *sf, char hex[SAFEFILE_HEX], uint64_t *bytes);

/* Free what a committed file's stream needed (after taking its digest). */
void safefile_free(struct safefile *sf);

/* fsync a folder, so the renames in it are on the device, and sync its whole file system
 * (a FAT stick keeps its FAT and folders dirty otherwise; see safefile.c). */
int safefile_sync_dir(const char *dir, char *err, size_t errlen);

/* SHA-256 and size of a file; with from_device, the page cache is dropped first so what is
 * read is what the stick holds. */
int safefile_digest(const char *path, bool from_device, char hex[SAFEFILE_HEX], uint64_t *bytes,
		    char *err, size_t errlen);

/* What went wrong with the stick, for an errno: "U 盘空间不够…" and so on. */
void safefile_explain(int errnum, const char *what, char *err, size_t errlen);

/* A file or folder name every FAT/exFAT stick and Windows accept: \ / : * ? " < > | and
 * control characters become '_', trailing dots and spaces go, at most max_bytes of UTF-8. */
void safefile_fat_name(const char *in, char *out, size_t max_bytes);

/* Remove a folder and the files directly in it (our own temporary export folders). */
void safefile_remove_dir(const char *dir);

/* The whole of a file no larger than max bytes, NUL-terminated (*n bytes before the NUL), in
 * memory the caller frees; NULL when it cannot be opened, is larger, or reads short. */
char *safefile_slurp(const char *path, long max, size_t *n);

#endif
