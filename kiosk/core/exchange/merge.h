/* The office's side: merging export folders from several kiosks into one database, and the
 * quarter's report from it. Records are merged by UUID and the newer version wins, so merging
 * an export twice, or two overlapping exports, counts nothing twice, and a sign-in undone on a
 * kiosk is undone in the office. Photos are kept once by their hash (merge_photos.c). An export whose files do not match its manifest (changed,
 * truncated, missing) is refused whole, and then nothing of the batch is merged. */
#ifndef KIOSK_CORE_MERGE_H
#define KIOSK_CORE_MERGE_H

#include <stddef.h>
#include <time.h>

struct db;

struct merge_result {
	int exports;  /* folders merged */
	int repeated; /* of them, merged before */
	int members, meetings, attendance, leaves, records, photos; /* rows read */
	int photo_files; /* photo files the office did not have yet, now kept */
};

/* Merge export folders into the office database (one transaction for all of them). 0, or -1
 * with err naming the folder and file at fault; the office database is then unchanged. */
int merge_exports(struct db *office, const char *const *folders, int n, time_t now,
		  struct merge_result *res, char *err, size_t errlen);

/* The quarter's report as .xlsx: attendance rates per community and branch, whether each
 * branch held the 三会一课 and 主题党日 its frequencies require, and every meeting. */
int merge_report(struct db *office, int year, int quarter, const char *out_path, char *err,
		 size_t errlen);

#endif
