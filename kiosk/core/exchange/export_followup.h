/* The export's 回访名单.csv: the follow-up list as of the export, for the office to see which
 * members need a call and why (docs/export.md). No phone numbers, as in members.csv. */
#ifndef KIOSK_CORE_EXPORT_FOLLOWUP_H
#define KIOSK_CORE_EXPORT_FOLLOWUP_H

#include <stddef.h>
#include <stdio.h>
#include <time.h>

struct db;

#define EXPORT_FOLLOWUP_FILE "回访名单.csv"

/* Write the whole file (BOM, header, a row per member on the list at now) to out; *rows gets
 * the count. 0, or -1 with err. */
int export_followup_write(struct db *db, time_t now, FILE *out, int *rows, char *err, size_t errlen);

#endif
