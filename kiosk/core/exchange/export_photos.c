/* Meeting photos on the stick. The kiosk keeps each picture once, named by its SHA-256, beside
 * the database; the export copies the live ones of each exported meeting under names a
 * secretary can print from (纪实/十一月党员大会_2026-11-27_照片1.jpg), and lists every photo of
 * those meetings in photos.csv with its hash, so the office can check each file and keep it
 * once by that hash. Each file is hashed before it is copied: a picture damaged on the kiosk's
 * card is left out (and counted) rather than carried under a hash it no longer has, which the
 * office would refuse with the whole batch. */
#include "core/exchange/export_photos.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "core/base/safefile.h"
#include "core/exchange/export_record.h"
#include "core/formats/csv_write.h"
#include "core/party/photo.h"
#include "core/party/meetings.h"
#include "core/store/db.h"

void export_stems(const struct meeting *ms, int n, char (*stems)[EXPORT_STEM])
{
	char base[400], date[DATE_TEXT];
	int i, j, same;

	for (i = 0; i < n; i++) {
		clock_format_date(ms[i].start, date);
		snprintf(base, sizeof base, "%s_%s", ms[i].title, date);
		safefile_fat_name(base, stems[i], 180);
		for (j = 0, same = 1; j < i; j++) {
			char other[EXPORT_STEM];
			clock_format_date(ms[j].start, date);
			snprintf(base, sizeof base, "%s_%s", ms[j].title, date);
			safefile_fat_name(base, other, 180);
			same += strcmp(other, stems[i]) == 0;
		}
		if (same > 1) {
			size_t len = strlen(stems[i]);
			snprintf(stems[i] + len, EXPORT_STEM - len, "_%d", same);
		}
	}
}

static struct export_photo *add(struct export_photos *ph)
{
	if (ph->n == ph->cap) {
		int cap = ph->cap ? ph->cap * 2 : 32;
		struct export_photo *p = realloc(ph->p, (size_t)cap * sizeof *p);
		if (!p)
			return NULL;
		ph->p = p;
		ph->cap = cap;
	}
	memset(&ph->p[ph->n], 0, sizeof ph->p[0]);
	return &ph->p[ph->n++];
}

int export_photos_collect(struct db *db, const struct meeting *ms, int n,
			  char (*stems)[EXPORT_STEM], struct export_photos *out, char *err,
			  size_t errlen)
{
	sqlite3_stmt *st;
	int i, rc = SQLITE_DONE;

	memset(out, 0, sizeof *out);
	for (i = 0; i < n && rc == SQLITE_DONE; i++) {
		int live = 0;
		st = db_stmt(db, STMT_EXPORT_PHOTOS);
		db_bind_int(st, ":meeting_id", ms[i].id);
		while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
			struct export_photo *p = add(out);
			char hex[SAFEFILE_HEX], why[256];
			uint64_t bytes;
			if (!p) {
				sqlite3_reset(st);
				snprintf(err, errlen, "内存不足，无法导出");
				return -1;
			}
			p->meeting = i;
			db_column_text(st, 0, p->uuid, sizeof p->uuid);
			db_column_text(st, 1, p->kiosk_id, sizeof p->kiosk_id);
			db_column_text(st, 2, p->sha256, sizeof p->sha256);
			p->width = sqlite3_column_int(st, 3);
			p->height = sqlite3_column_int(st, 4);
			p->deleted = sqlite3_column_int(st, 5) != 0;
			db_column_text(st, 6, p->updated_at, sizeof p->updated_at);
			if (p->deleted)
				continue;
			photo_path(db->path, p->sha256, p->src, sizeof p->src);
			if (safefile_digest(p->src, false, hex, &bytes, why, sizeof why) < 0 ||
			    strcmp(hex, p->sha256) != 0) {
				out->missing++;
				out->n--; /* not listed: the office learns of it when it can have it */
				continue;
			}
			snprintf(p->file, sizeof p->file, "%s/%s_照片%d.jpg", EXPORT_RECORD_DIR, stems[i], ++live);
			out->carried++;
		}
		sqlite3_reset(st);
	}
	if (rc != SQLITE_DONE) {
		db_error(db, "读取会议照片", err, errlen);
		return -1;
	}
	return 0;
}

int export_photos_of(const struct export_photos *ph, int meeting, const char **paths, int max)
{
	int i, n = 0;

	for (i = 0; i < ph->n && n < max; i++)
		if (ph->p[i].meeting == meeting && ph->p[i].file[0]) {
			if (paths)
				paths[n] = ph->p[i].src;
			n++;
		}
	return n;
}

/* Copy one photo to dir/<p->file>, whole or not at all. */
static int copy_photo(const struct export_photo *p, const char *dir, photo_note_fn *note, void *ctx,
		      char *err, size_t errlen)
{
	char sub[PATH_MAX], buf[65536];
	const char *name = strchr(p->file, '/') + 1;
	struct safefile sf;
	FILE *in = fopen(p->src, "rb");
	size_t got;

	if (!in) {
		snprintf(err, errlen, "读不出照片 %s", p->src);
		return -1;
	}
	snprintf(sub, sizeof sub, "%s/%s", dir, EXPORT_RECORD_DIR);
	if (safefile_create(&sf, sub, name, true, err, errlen) < 0) {
		fclose(in);
		return -1;
	}
	errno = 0;
	while ((got = fread(buf, 1, sizeof buf, in)) > 0)
		if (fwrite(buf, 1, got, sf.f) != got)
			break;
	if (ferror(in) || ferror(sf.f)) {
		if (ferror(sf.f))
			safefile_explain(errno ? errno : EIO, p->file, err, errlen);
		else
			snprintf(err, errlen, "读不出照片 %s", p->src);
		fclose(in);
		safefile_abort(&sf);
		return -1;
	}
	fclose(in);
	if (safefile_commit(&sf, err, errlen) < 0) {
		char why[512];
		snprintf(why, sizeof why, "%s（%s）", err, p->file);
		snprintf(err, errlen, "%s", why);
		return -1;
	}
	return note(ctx, &sf, p->file, 1);
}

static const char *const photos_header[] = {
	"记录编号", "签到机", "会议编号", "会议", "sha256", "宽", "高", "已删除", "更新时间", "文件",
};

#define NCOLS (sizeof photos_header / sizeof photos_header[0])

int export_photos_write(const struct export_photos *ph, const struct meeting *ms, const char *dir,
			photo_note_fn *note, void *ctx, char *err, size_t errlen)
{
	char sub[PATH_MAX], w[16], h[16];
	struct safefile sf;
	struct stat sb;
	int i;

	if (ph->carried > 0) {
		snprintf(sub, sizeof sub, "%s/%s", dir, EXPORT_RECORD_DIR);
		if (stat(sub, &sb) < 0 && mkdir(sub, 0755) < 0) {
			safefile_explain(errno, EXPORT_RECORD_DIR, err, errlen);
			return -1;
		}
		for (i = 0; i < ph->n; i++)
			if (ph->p[i].file[0] && copy_photo(&ph->p[i], dir, note, ctx, err, errlen) < 0)
				return -1;
		if (safefile_sync_dir(sub, err, errlen) < 0)
			return -1;
	}
	if (safefile_create(&sf, dir, EXPORT_PHOTOS_FILE, true, err, errlen) < 0)
		return -1;
	csv_write_bom(sf.f);
	csv_write_row(sf.f, photos_header, NCOLS);
	for (i = 0; i < ph->n; i++) {
		const struct export_photo *p = &ph->p[i];
		const char *row[NCOLS];
		snprintf(w, sizeof w, "%d", p->width);
		snprintf(h, sizeof h, "%d", p->height);
		row[0] = p->uuid;
		row[1] = p->kiosk_id;
		row[2] = ms[p->meeting].uuid;
		row[3] = ms[p->meeting].title;
		row[4] = p->sha256;
		row[5] = w;
		row[6] = h;
		row[7] = p->deleted ? "是" : "否";
		row[8] = p->updated_at;
		row[9] = p->file;
		csv_write_row(sf.f, row, NCOLS);
	}
	if (safefile_commit(&sf, err, errlen) < 0)
		return -1;
	return note(ctx, &sf, EXPORT_PHOTOS_FILE, ph->n);
}

void export_photos_free(struct export_photos *ph)
{
	free(ph->p);
	memset(ph, 0, sizeof *ph);
}
