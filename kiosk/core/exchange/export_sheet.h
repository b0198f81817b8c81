/* The blank sign-in sheet of one meeting written to a USB stick from the screen (staff mode →
 * 导出 → 打印空白签到表), as safely as the export: written under a temporary name, synced,
 * renamed, read back from the device; a full stick leaves no file under the final name. */
#ifndef KIOSK_CORE_EXPORT_SHEET_H
#define KIOSK_CORE_EXPORT_SHEET_H

#include <stddef.h>
#include <stdint.h>

struct db;
struct job;

/* Write meeting_id's blank sheet into dir as 签到表_<会议>_<日期>.pdf (_2 … when taken); name
 * gets the file's name. Audited under actor. 0, or -1 with err saying what to do. */
int export_sheet_to(struct db *db, const char *dir, int64_t meeting_id, const char *actor,
		    char *name, size_t size, char *err, size_t errlen);

/* The same as a background job on its own connection to db_path, for the screen to poll. */
struct job *export_sheet_job_start(const char *db_path, const char *dir, int64_t meeting_id,
				   const char *actor, char *err, size_t errlen);
/* The file's name, once job_poll says finished with rc 0. */
const char *export_sheet_job_file(struct job *job);

#endif
