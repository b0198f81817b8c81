/* A blank sign-in sheet onto a stick. The PDF is record_pdf_sheet()'s (the same paper
 * `kioskctl meetings sheet` prints); what this adds is the stick: the name a secretary finds
 * at the stick's top, safefile's temporary name and rename, and the read-back that proves the
 * stick holds what was written before staff are told they may pull it out. */
#include "core/exchange/export_sheet.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/base/clock.h"
#include "core/base/job.h"
#include "core/base/safefile.h"
#include "core/exchange/record_pdf.h"
#include "core/party/meetings.h"
#include "core/store/db.h"

/* 签到表_<title>_<date>.pdf, FAT-safe, not yet on the stick. */
static void sheet_name(const char *dir, const struct meeting *m, char *out, size_t size)
{
	char base[400], safe[200], date[DATE_TEXT], path[PATH_MAX];
	struct stat sb;
	int n;

	clock_format_date(m->start, date);
	snprintf(base, sizeof base, "签到表_%s_%s", m->title, date);
	safefile_fat_name(base, safe, 180);
	for (n = 1; n < 100; n++) {
		if (n == 1)
			snprintf(out, size, "%s.pdf", safe);
		else
			snprintf(out, size, "%s_%d.pdf", safe, n);
		snprintf(path, sizeof path, "%s/%s", dir, out);
		if (stat(path, &sb) != 0)
			return;
	}
}

int export_sheet_to(struct db *db, const char *dir, int64_t meeting_id, const char *actor,
		    char *name, size_t size, char *err, size_t errlen)
{
	char community[128] = "", written[SAFEFILE_HEX], back[SAFEFILE_HEX];
	uint64_t bytes, back_bytes;
	struct safefile sf;
	struct meeting m;

	err[0] = '\0';
	if (meetings_get(db, meeting_id, &m, err, errlen) < 0)
		return -1;
	db_setting_get(db, "community_name", community, sizeof community);
	sheet_name(dir, &m, name, size);
	if (safefile_create(&sf, dir, name, true, err, errlen) < 0)
		return -1;
	errno = 0;
	if (record_pdf_sheet(db, &m, community, sf.f, err, errlen) < 0) {
		if (errno)
			safefile_explain(errno, name, err, errlen);
		safefile_abort(&sf);
		return -1;
	}
	if (safefile_commit(&sf, err, errlen) < 0)
		return -1;
	written[0] = back[0] = '\0';
	if (safefile_written_digest(&sf, written, &bytes) < 0 ||
	    safefile_sync_dir(dir, err, errlen) < 0 ||
	    safefile_digest(sf.final, true, back, &back_bytes, err, errlen) < 0 ||
	    strcmp(written, back) != 0 || bytes != back_bytes) {
		if (!err[0])
			snprintf(err, errlen, "从 U 盘读回的 %s 与写入的不一致，U 盘可能有坏块；请换一个 U 盘再试", name);
		unlink(sf.final);
		safefile_free(&sf);
		return -1;
	}
	safefile_free(&sf);
	db_audit(db, actor ? actor : "", "打印空白签到表", m.uuid, name, err, errlen);
	err[0] = '\0';
	return 0;
}

struct sheet_job {
	char dir[PATH_MAX], actor[128], file[256];
	int64_t meeting_id;
};

static int run_sheet(struct job *job, struct db *db, void *arg, char *err, size_t errlen)
{
	struct sheet_job *sj = arg;

	job_progress(job, 0.2, "正在生成签到表");
	return export_sheet_to(db, sj->dir, sj->meeting_id, sj->actor, sj->file, sizeof sj->file,
			       err, errlen);
}

struct job *export_sheet_job_start(const char *db_path, const char *dir, int64_t meeting_id,
				   const char *actor, char *err, size_t errlen)
{
	struct sheet_job *sj = calloc(1, sizeof *sj);

	if (!sj) {
		snprintf(err, errlen, "内存不足，无法开始");
		return NULL;
	}
	snprintf(sj->dir, sizeof sj->dir, "%s", dir);
	snprintf(sj->actor, sizeof sj->actor, "%s", actor ? actor : "");
	sj->meeting_id = meeting_id;
	return job_start(db_path, run_sheet, sj, free, err, errlen);
}

const char *export_sheet_job_file(struct job *job)
{
	return ((struct sheet_job *)job_arg(job))->file;
}
