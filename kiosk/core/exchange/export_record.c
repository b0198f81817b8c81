/* Meeting records in the export. Only meetings that have a record get a 纪实 sheet and a PDF:
 * a meeting nobody recorded has nothing to print beyond its 签到表, and an export of a year of
 * meetings stays quick. records.csv is always written (a header alone when there are no
 * records), so every export the office receives has the same files. */
#include "core/exchange/export_record.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "core/base/clock.h"
#include "core/base/safefile.h"
#include "core/exchange/export_photos.h"
#include "core/exchange/record_pdf.h"
#include "core/formats/csv_write.h"
#include "core/party/attendance.h"
#include "core/party/meetings.h"
#include "core/party/record.h"
#include "core/store/db.h"

int export_record_count(struct db *db, const struct meeting *ms, int n, char *err, size_t errlen)
{
	struct meeting_record *r = malloc(sizeof *r);
	int i, count = 0, rc = 0;

	if (!r) {
		snprintf(err, errlen, "内存不足，无法导出");
		return -1;
	}
	for (i = 0; i < n && rc >= 0; i++) {
		rc = record_get(db, ms[i].id, r, err, errlen);
		count += rc == 0;
	}
	free(r);
	return rc < 0 ? -1 : count;
}

static void write_pair(lxw_worksheet *ws, int row, const struct record_formats *f, const char *l1,
		       const char *v1, const char *l2, const char *v2)
{
	worksheet_write_string(ws, (lxw_row_t)row, 0, l1, f->label);
	worksheet_merge_range(ws, (lxw_row_t)row, 1, (lxw_row_t)row, 2, v1, f->cell);
	worksheet_write_string(ws, (lxw_row_t)row, 3, l2, f->label);
	worksheet_merge_range(ws, (lxw_row_t)row, 4, (lxw_row_t)row, 5, v2, f->cell);
}

/* A label and a long value across the rest of the row, tall enough for its lines. */
static void write_long(lxw_worksheet *ws, int row, const struct record_formats *f,
		       const char *label, const char *value)
{
	size_t len = strlen(value);
	/* about 40 Chinese characters (120 bytes) to a line across columns B-F */
	double lines = (double)(len / 120 + 1);

	worksheet_write_string(ws, (lxw_row_t)row, 0, label, f->label);
	worksheet_merge_range(ws, (lxw_row_t)row, 1, (lxw_row_t)row, 5, value[0] ? value : "无", f->cell);
	worksheet_set_row(ws, (lxw_row_t)row, 16 * (lines < 1 ? 1 : lines), f->cell);
}

static void numbered(char items[][RECORD_ITEM], int n, char *out, size_t size)
{
	size_t len = 0;
	int i;

	out[0] = '\0';
	for (i = 0; i < n && len < size; i++)
		len += (size_t)snprintf(out + len, size - len, "%s%d. %s", i ? "\n" : "", i + 1, items[i]);
}

int export_record_sheet(struct db *db, lxw_workbook *wb, const struct record_formats *f,
			const struct meeting *m, const struct meeting_counts *c, const char *stem,
			int nphotos, record_sheet_namer *namer, void *ctx, char *err, size_t errlen)
{
	char name[64], title[600], when[64], start[CLOCK_TEXT], end[6], text[300];
	char *items = NULL;
	struct meeting_record *r = malloc(sizeof *r);
	lxw_worksheet *ws;
	int rc = -1, row;

	items = malloc(RECORD_MAX_ITEMS * (RECORD_ITEM + 8));
	if (!r || !items) {
		snprintf(err, errlen, "内存不足，无法导出");
		goto out;
	}
	rc = record_get(db, m->id, r, err, errlen);
	if (rc != 0) {
		rc = rc > 0 ? 0 : -1;
		goto out;
	}
	rc = -1;
	snprintf(title, sizeof title, "纪实 %s", m->title);
	namer(ctx, m, title, name, sizeof name);
	ws = workbook_add_worksheet(wb, name);
	if (!ws) {
		snprintf(err, errlen, "无法在签到表.xlsx 中加入“%s”", name);
		goto out;
	}
	/* Offices print these: A4 portrait, one page wide. */
	worksheet_set_paper(ws, 9);
	worksheet_fit_to_pages(ws, 1, 0);
	worksheet_set_margins(ws, 0.5, 0.5, 0.6, 0.6);
	worksheet_set_column(ws, 0, 0, 14, NULL);
	worksheet_set_column(ws, 1, 5, 15, NULL);
	snprintf(title, sizeof title, "%s 会议纪实", m->title);
	worksheet_merge_range(ws, 0, 0, 0, 5, title, f->title);
	clock_format_minutes(m->start, start);
	clock_format_hhmm(m->end, end);
	snprintf(when, sizeof when, "%s-%s", start, end);
	write_pair(ws, 1, f, "会议类型", meeting_kind_name(m->kind), "所属", m->branch[0] ? m->branch : "全体党员");
	write_pair(ws, 2, f, "时间", when, "地点", m->place);
	write_pair(ws, 3, f, "主持人", r->host, "记录人", r->recorder);
	numbered(r->topics, r->ntopics, items, RECORD_MAX_ITEMS * (RECORD_ITEM + 8));
	write_long(ws, 4, f, "议题", items);
	record_quorum_statement(m, c, text, sizeof text);
	write_long(ws, 5, f, "出席情况", text);
	write_long(ws, 6, f, "主要内容", r->content);
	numbered(r->decisions, r->ndecisions, items, RECORD_MAX_ITEMS * (RECORD_ITEM + 8));
	write_long(ws, 7, f, "决议事项", items);
	row = 8;
	if (m->vote != VOTE_NONE) {
		record_votes_text(c, r, text, sizeof text);
		write_long(ws, row++, f, quorum_mode_name(m->vote), text[0] ? text : "未填写票数");
	}
	/* 影像: how many photos, and where they are on the stick. */
	if (nphotos > 0)
		snprintf(text, sizeof text, "%d 张，见 %s/%s_照片1.jpg%s", nphotos, EXPORT_RECORD_DIR, stem,
			 nphotos > 1 ? " 等" : "");
	else
		snprintf(text, sizeof text, "无");
	write_long(ws, row++, f, "会议影像", text);
	write_pair(ws, row + 1, f, "支部书记签名", "", "日期", "");
	write_pair(ws, row + 2, f, "记录人签名", "", "日期", "");
	rc = 1;
out:
	free(items);
	free(r);
	return rc;
}

static const char *const records_header[] = {
	"记录编号", "签到机", "会议编号", "会议", "主持人", "记录人", "议题", "主要内容", "决议事项",
	"赞成", "反对", "弃权", "完整", "更新时间",
};

#define NCOLS (sizeof records_header / sizeof records_header[0])

static int write_pdf(struct db *db, const char *sub, const char *community, const struct meeting *m,
		     const struct meeting_counts *c, const struct meeting_record *r,
		     const char *stem, const char *const *photos, int nphotos,
		     record_note_fn *note, void *ctx, char *err, size_t errlen)
{
	char name[EXPORT_STEM + 8], listed[EXPORT_STEM + 32];
	struct safefile sf;

	snprintf(name, sizeof name, "%s.pdf", stem);
	if (safefile_create(&sf, sub, name, true, err, errlen) < 0)
		return -1;
	errno = 0;
	if (record_pdf_write(db, m, c, r, community, photos, nphotos, sf.f, err, errlen) < 0) {
		if (errno)
			safefile_explain(errno, name, err, errlen);
		safefile_abort(&sf);
		return -1;
	}
	if (safefile_commit(&sf, err, errlen) < 0)
		return -1;
	/* The manifest names it by its path inside the export folder. */
	snprintf(listed, sizeof listed, "%s/%s", EXPORT_RECORD_DIR, name);
	return note(ctx, &sf, listed, 1);
}

int export_record_files(struct db *db, const char *dir, const char *community,
			const struct meeting *ms, const struct meeting_counts *cs, int n,
			char (*stems)[EXPORT_STEM], const struct export_photos *ph,
			record_note_fn *note, void *ctx, int *rows, char *err, size_t errlen)
{
	const char *photos[RECORD_PDF_MAX_PHOTOS];
	struct meeting_record *r = malloc(sizeof *r);
	char *topics = malloc(RECORD_MAX_ITEMS * RECORD_ITEM), *decisions = malloc(RECORD_MAX_ITEMS * RECORD_ITEM);
	char sub[PATH_MAX], num[3][16];
	struct safefile sf;
	int i, k, rc = -1, pdfs = 0;

	*rows = 0;
	if (!r || !topics || !decisions) {
		snprintf(err, errlen, "内存不足，无法导出");
		goto out;
	}
	if (safefile_create(&sf, dir, "records.csv", true, err, errlen) < 0)
		goto out;
	csv_write_bom(sf.f);
	csv_write_row(sf.f, records_header, NCOLS);
	for (i = 0; i < n; i++) {
		const char *row[NCOLS];
		int got = record_get(db, ms[i].id, r, err, errlen);
		if (got < 0) {
			safefile_abort(&sf);
			goto out;
		}
		if (got > 0)
			continue;
		record_join(r->topics, r->ntopics, "\n", topics, RECORD_MAX_ITEMS * RECORD_ITEM);
		record_join(r->decisions, r->ndecisions, "\n", decisions, RECORD_MAX_ITEMS * RECORD_ITEM);
		snprintf(num[0], sizeof num[0], "%d", r->votes_for);
		snprintf(num[1], sizeof num[1], "%d", r->votes_against);
		snprintf(num[2], sizeof num[2], "%d", r->votes_abstain);
		row[0] = r->uuid;
		row[1] = db->kiosk_id;
		row[2] = ms[i].uuid;
		row[3] = ms[i].title;
		row[4] = r->host;
		row[5] = r->recorder;
		row[6] = topics;
		row[7] = r->content;
		row[8] = decisions;
		for (k = 0; k < 3; k++)
			row[9 + k] = r->voted ? num[k] : "";
		row[12] = record_complete(&ms[i], r) ? "是" : "否";
		row[13] = r->updated_at;
		csv_write_row(sf.f, row, NCOLS);
		(*rows)++;
	}
	if (safefile_commit(&sf, err, errlen) < 0 || note(ctx, &sf, "records.csv", *rows) < 0)
		goto out;
	for (i = 0; i < n; i++) {
		int got = record_get(db, ms[i].id, r, err, errlen);
		if (got < 0)
			goto out;
		if (got > 0)
			continue;
		if (pdfs++ == 0) {
			snprintf(sub, sizeof sub, "%s/%s", dir, EXPORT_RECORD_DIR);
			if (mkdir(sub, 0755) < 0) {
				safefile_explain(errno, EXPORT_RECORD_DIR, err, errlen);
				goto out;
			}
		}
		if (write_pdf(db, sub, community, &ms[i], &cs[i], r, stems[i], photos,
			      export_photos_of(ph, i, photos, RECORD_PDF_MAX_PHOTOS), note, ctx, err,
			      errlen) < 0)
			goto out;
	}
	if (pdfs > 0 && safefile_sync_dir(sub, err, errlen) < 0)
		goto out;
	rc = 0;
out:
	free(r);
	free(topics);
	free(decisions);
	return rc;
}

void export_record_cleanup(const char *dir)
{
	char sub[PATH_MAX];

	snprintf(sub, sizeof sub, "%s/%s", dir, EXPORT_RECORD_DIR);
	safefile_remove_dir(sub);
}
