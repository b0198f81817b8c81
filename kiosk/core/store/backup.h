/* Daily backups kept in a folder (newest N), and putting a good one back when the database
 * fails its integrity check at start, so a corrupted SD card costs a day at most, not the
 * community's records. */
#ifndef KIOSK_CORE_BACKUP_H
#define KIOSK_CORE_BACKUP_H

#include <limits.h>
#include <stddef.h>
#include <time.h>

struct db;

/* Back up db into dir as kiosk-YYYYMMDD-HHMMSS.db (checked), then delete all but the newest
 * keep backups there. The new file's path goes to out. */
int backup_rotate(struct db *db, const char *dir, int keep, time_t now, char *out, size_t outlen,
		  char *err, size_t errlen);

/* The folder backups are kept in for a database: "<its folder>/backups". */
void backup_dir_for(const char *db_path, char *out, size_t size);

/* At start: if the database at db_path fails its integrity check, move it (and its -wal,
 * -shm) aside as db_path.broken-YYYYMMDD-HHMMSS and copy the newest backup that passes the
 * check into its place. Returns 0 when the database was fine (or absent), 1 when a backup was
 * restored (note says which, in words for staff), -1 when it is broken and no good backup
 * exists (err says so; the broken file is left where it was). */
int backup_restore_if_broken(const char *db_path, const char *dir, time_t now, char *note,
			     size_t notelen, char *err, size_t errlen);

#endif
