/* The export to the office. Files are built inside a hidden temporary folder on the stick,
 * each committed safely (safefile.c); the manifest is written last; everything is read back
 * from the device and checked against the manifest; only then is the folder renamed to its
 * final name and the export recorded in the database. CSV for the office's merge carries
 * UUIDs and the kiosk id; the .xlsx is laid out for people, as a paper 签到表 is. */
#include "core/exchange/export.h"
#include "core/exchange/export_private.h"
#include "core/exchange/export_followup.h"

#include <assert.h>
#include <errno.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/party/attendance.h"
#include "core/base/clock.h"
#include "core/formats/csv_write.h"
#include "core/store/db.h"
#include "core/party/meetings.h"
#include "core/base/safefile.h"
#include "core/base/uuid.h"
#include "core/exchange/export_record.h"

#define EXPORT_FILES 9 /* seven CSV (回访名单.csv, records.csv, photos.csv among them), the workbook, the manifest; then a PDF per record and the photos */

static void progress(struct exporter *x, const char *file)
{
	x->done++;
	if (x->o->progress)
		x->o->progress(x->o->ctx, file, x->done, x->total);
}

/* Note a committed file in the manifest: its rows, size and SHA-256 (taken as it was written,
 * or read back when another library wrote it). */
int export_note_file(struct exporter *x, struct safefile *sf, const char *name, int rows)
{
	char path[PATH_MAX], hex[SAFEFILE_HEX];
	uint64_t bytes;
	json_t *f;

	snprintf(path, sizeof path, "%s/%s", x->tmpdir, name);
	if (safefile_written_digest(sf, hex, &bytes) < 0 &&
	    safefile_digest(path, false, hex, &bytes, x->err, x->errlen) < 0)
		return -1;
	safefile_free(sf);
	f = json_pack("{s:i, s:I, s:s}", "rows", rows, "bytes", (json_int_t)bytes, "sha256", hex);
	if (!f || json_object_set_new(x->files, name, f) < 0) {
		snprintf(x->err, x->errlen, "内存不足，无法写导出清单");
		return -1;
	}
	progress(x, name);
	return 0;
}

static int out_begin(struct exporter *x, struct out *o, const char *name,
		     const char *const *header, size_t n)
{
	o->name = name;
	o->rows = 0;
	if (safefile_create(&o->sf, x->tmpdir, name, true, x->err, x->errlen) < 0)
		return -1;
	csv_write_bom(o->sf.f);
	csv_write_row(o->sf.f, header, n);
	return 0;
}

static void out_row(struct out *o, const char *const *fields, size_t n)
{
	csv_write_row(o->sf.f, fields, n);
	o->rows++;
}

static int out_end(struct exporter *x, struct out *o)
{
	if (safefile_commit(&o->sf, x->err, x->errlen) < 0)
		return -1;
	return export_note_file(x, &o->sf, o->name, o->rows);
}

#define N(a) (sizeof(a) / sizeof((a)[0]))

const char *export_col(sqlite3_stmt *st, int i)
{
	const unsigned char *s = sqlite3_column_text(st, i);

	return s ? (const char *)s : "";
}

/* Map one result row to the file's columns (strings valid until the next step). */
typedef void fill_fn(const struct exporter *x, sqlite3_stmt *st, const char **row);

/* One CSV file of query results: its name and header, and the queries (bound to :since) whose
 * rows fill it, in order. */
struct csv_table {
	const char *name;
	const char *const *header;
	size_t ncols;
	const char *what; /* for errors: "读取签到记录" */
	struct {
		enum stmt_id stmt;
		fill_fn *fill;
	} query[2];
	int nquery;
};

enum { CSV_MAX_COLS = 24 };

/* Write table t: every row of every query, then commit the file; *rows gets the count. */
static int write_table(struct exporter *x, const struct csv_table *t, int *rows)
{
	const char *row[CSV_MAX_COLS];
	struct out o;
	int i, rc = SQLITE_DONE;

	assert(t->ncols <= CSV_MAX_COLS);
	if (out_begin(x, &o, t->name, t->header, t->ncols) < 0)
		return -1;
	for (i = 0; i < t->nquery && rc == SQLITE_DONE; i++) {
		sqlite3_stmt *st = db_stmt(x->db, t->query[i].stmt);
		db_bind_text(st, ":since", x->since);
		while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
			t->query[i].fill(x, st, row);
			out_row(&o, row, t->ncols);
		}
		sqlite3_reset(st);
	}
	if (rc != SQLITE_DONE) {
		db_error(x->db, t->what, x->err, x->errlen);
		safefile_abort(&o.sf);
		return -1;
	}
	*rows = o.rows;
	return out_end(x, &o);
}

static const char *const attendance_header[] = {
	"记录编号", "签到机", "会议编号", "会议", "会议开始", "党员编号", "姓名", "所属支部", "党籍状态",
	"党员类别", "身份", "单位", "签到时间", "方式", "状态", "撤销时间", "更新时间", "迟到", "签退时间",
	"早退",
};

static void fill_attendance(const struct exporter *x, sqlite3_stmt *st, const char **row)
{
	(void)x;
	row[0] = export_col(st, 0);
	row[1] = export_col(st, 1);
	row[2] = export_col(st, 2);
	row[3] = export_col(st, 3);
	row[4] = export_col(st, 4);
	row[5] = export_col(st, 5);
	row[6] = export_col(st, 6);
	row[7] = export_col(st, 7);
	row[8] = export_col(st, 8);
	row[9] = export_col(st, 9);
	row[10] = export_col(st, 10);
	row[11] = "";
	row[12] = export_col(st, 11);
	row[13] = attendance_method_label(export_col(st, 12));
	row[14] = *export_col(st, 13) ? "已撤销" : "有效";
	row[15] = export_col(st, 13);
	row[16] = export_col(st, 14);
	row[17] = sqlite3_column_int(st, 15) ? "迟到" : "";
	row[18] = export_col(st, 16);
	row[19] = sqlite3_column_int(st, 17) ? "早退" : "";
}

static void fill_guest(const struct exporter *x, sqlite3_stmt *st, const char **row)
{
	(void)x;
	row[0] = export_col(st, 0);
	row[1] = export_col(st, 1);
	row[2] = export_col(st, 2);
	row[3] = export_col(st, 3);
	row[4] = export_col(st, 4);
	row[5] = "";
	row[6] = export_col(st, 5);
	row[7] = row[8] = row[9] = "";
	row[10] = "来宾";
	row[11] = export_col(st, 6);
	row[12] = export_col(st, 7);
	row[13] = "代签";
	row[14] = *export_col(st, 8) ? "已撤销" : "有效";
	row[15] = export_col(st, 8);
	row[16] = export_col(st, 9);
	row[17] = row[18] = row[19] = "";
}

static const struct csv_table attendance_table = {
	"attendance.csv", attendance_header, N(attendance_header), "读取签到记录",
	{ { STMT_EXPORT_ATTENDANCE, fill_attendance }, { STMT_EXPORT_GUESTS, fill_guest } }, 2,
};

static const char *const leaves_header[] = {
	"记录编号", "签到机", "会议编号", "会议", "党员编号", "姓名", "原因", "记录人", "更新时间",
};

static void fill_leave(const struct exporter *x, sqlite3_stmt *st, const char **row)
{
	(void)x;
	int i;

	for (i = 0; i < 9; i++)
		row[i] = export_col(st, i);
}

static const struct csv_table leaves_table = {
	"leaves.csv", leaves_header, N(leaves_header), "读取请假记录",
	{ { STMT_EXPORT_LEAVES, fill_leave } }, 1,
};

static const char *const members_header[] = {
	"党员编号", "签到机", "社区", "姓名", "性别", "出生日期", "党籍状态", "党员类别", "居住情况",
	"所属支部", "党小组", "中心户", "在册", "更新时间",
};

static void fill_member(const struct exporter *x, sqlite3_stmt *st, const char **row)
{
	int i;

	row[0] = export_col(st, 0);
	row[1] = export_col(st, 1);
	row[2] = x->community;
	for (i = 2; i <= 10; i++)
		row[i + 1] = export_col(st, i);
	row[12] = sqlite3_column_int(st, 11) ? "是" : "否";
	row[13] = export_col(st, 12);
}

static const struct csv_table members_table = {
	"members.csv", members_header, N(members_header), "读取党员名单",
	{ { STMT_EXPORT_MEMBERS, fill_member } }, 1,
};

static const char *const meetings_header[] = {
	"会议编号", "签到机", "社区", "类型", "标题", "支部", "党小组", "开始", "结束", "地点", "主持人",
	"记录人", "议题", "表决", "应到", "实到", "实到正式", "实到预备", "请假", "缺席", "列席", "状态",
	"更新时间",
};

static int write_meetings(struct exporter *x)
{
	struct out o;
	const char *row[N(meetings_header)];
	char start[CLOCK_TEXT], end[CLOCK_TEXT], num[8][16];
	int i, k;

	if (out_begin(x, &o, "meetings.csv", meetings_header, N(meetings_header)) < 0)
		return -1;
	for (i = 0; i < x->nmeetings; i++) {
		const struct meeting *m = &x->meetings[i];
		const struct meeting_counts *c = &x->counts[i];
		int values[] = { c->expected, c->present, c->present_full, c->present_probationary,
				 c->on_leave, c->absent, c->guests };

		clock_format(m->start, start);
		clock_format(m->end, end);
		for (k = 0; k < 7; k++)
			snprintf(num[k], sizeof num[k], "%d", values[k]);
		row[0] = m->uuid;
		row[1] = x->db->kiosk_id;
		row[2] = x->community;
		row[3] = meeting_kind_name(m->kind);
		row[4] = m->title;
		row[5] = m->branch;
		row[6] = m->group;
		row[7] = start;
		row[8] = end;
		row[9] = m->place;
		row[10] = m->host;
		row[11] = m->recorder;
		row[12] = m->topic;
		row[13] = quorum_mode_name(m->vote);
		for (k = 0; k < 7; k++)
			row[14 + k] = num[k];
		row[21] = m->cancelled ? "已取消" : "正常";
		/* The counts are a snapshot taken now: a later export's snapshot is newer. */
		row[22] = x->now_text;
		out_row(&o, row, N(meetings_header));
	}
	x->res->meetings = o.rows;
	return out_end(x, &o);
}

/* The meetings this export covers, with their counts now. */
static int collect_meetings(struct exporter *x)
{
	sqlite3_stmt *st = db_stmt(x->db, STMT_EXPORT_MEETINGS);
	int rc;

	db_bind_text(st, ":since", x->since);
	db_bind_text(st, ":now", x->now_text);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		int64_t id = sqlite3_column_int64(st, 0);
		if (x->nmeetings == x->cap) {
			int cap = x->cap ? x->cap * 2 : 64;
			struct meeting *m = realloc(x->meetings, (size_t)cap * sizeof *m);
			struct meeting_counts *c = realloc(x->counts, (size_t)cap * sizeof *c);
			if (m)
				x->meetings = m;
			if (c)
				x->counts = c;
			if (!m || !c) {
				sqlite3_reset(st);
				snprintf(x->err, x->errlen, "内存不足，无法导出");
				return -1;
			}
			x->cap = cap;
		}
		x->meetings[x->nmeetings++].id = id;
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		db_error(x->db, "读取会议", x->err, x->errlen);
		return -1;
	}
	for (rc = 0; rc < x->nmeetings; rc++)
		if (meetings_get(x->db, x->meetings[rc].id, &x->meetings[rc], x->err, x->errlen) < 0 ||
		    attendance_counts(x->db, &x->meetings[rc], &x->counts[rc], x->err, x->errlen) < 0)
			return -1;
	return 0;
}

static int note_record_file(void *ctx, struct safefile *sf, const char *name, int rows)
{
	return export_note_file(ctx, sf, name, rows);
}

/* records.csv and a PDF per recorded meeting (export_record.c). */
static int write_records(struct exporter *x)
{
	return export_record_files(x->db, x->tmpdir, x->community, x->meetings, x->counts,
				   x->nmeetings, x->stems, &x->photos, note_record_file, x,
				   &x->res->records, x->err, x->errlen);
}

/* The meetings' file stems and their photos, before anything is written (export_photos.c). */
static int collect_photos(struct exporter *x)
{
	x->stems = calloc((size_t)x->nmeetings + 1, sizeof *x->stems);
	if (!x->stems) {
		snprintf(x->err, x->errlen, "内存不足，无法导出");
		return -1;
	}
	export_stems(x->meetings, x->nmeetings, x->stems);
	if (export_photos_collect(x->db, x->meetings, x->nmeetings, x->stems, &x->photos, x->err,
				  x->errlen) < 0)
		return -1;
	x->res->photos = x->photos.carried;
	x->res->photos_missing = x->photos.missing;
	return 0;
}

/* 回访名单.csv: who needs a call and why, as of the export (export_followup.c). */
static int write_followup(struct exporter *x)
{
	struct out o = { .name = EXPORT_FOLLOWUP_FILE };

	if (safefile_create(&o.sf, x->tmpdir, o.name, true, x->err, x->errlen) < 0)
		return -1;
	if (export_followup_write(x->db, x->o->now, o.sf.f, &o.rows, x->err, x->errlen) < 0) {
		safefile_abort(&o.sf);
		return -1;
	}
	return out_end(x, &o);
}

/* ---- manifest, verification, the whole export ---- */

static int write_manifest(struct exporter *x)
{
	struct safefile sf;
	json_t *m;
	char *text;
	int rc = -1;

	m = json_pack("{s:i, s:s, s:s, s:s, s:s, s:s, s:s, s:O}", "format", EXPORT_FORMAT,
		      "export_uuid", x->uuid, "kiosk_id", x->db->kiosk_id, "community", x->community,
		      "exported_at", x->now_text, "mode", x->o->only_new ? "new" : "all", "since",
		      x->since, "files", x->files);
	text = m ? json_dumps(m, JSON_INDENT(2) | JSON_SORT_KEYS) : NULL;
	json_decref(m);
	if (!text) {
		snprintf(x->err, x->errlen, "内存不足，无法写导出清单");
		return -1;
	}
	if (safefile_create(&sf, x->tmpdir, "manifest.json", true, x->err, x->errlen) == 0) {
		fputs(text, sf.f);
		fputc('\n', sf.f);
		rc = safefile_commit(&sf, x->err, x->errlen);
		safefile_free(&sf);
	}
	free(text);
	if (rc == 0)
		progress(x, "manifest.json");
	return rc;
}

/* Read every file back from the stick and compare with what the manifest says. */
static int verify(struct exporter *x)
{
	const char *name;
	json_t *f;

	json_object_foreach(x->files, name, f) {
		char path[PATH_MAX], hex[SAFEFILE_HEX];
		uint64_t bytes;
		snprintf(path, sizeof path, "%s/%s", x->tmpdir, name);
		if (safefile_digest(path, true, hex, &bytes, x->err, x->errlen) < 0)
			return -1;
		if (strcmp(hex, json_string_value(json_object_get(f, "sha256"))) != 0 ||
		    (json_int_t)bytes != json_integer_value(json_object_get(f, "bytes"))) {
			snprintf(x->err, x->errlen, "从 U 盘读回的 %s 与写入的不一致，U 盘可能有坏块；请换一个 U 盘再导出", name);
			return -1;
		}
	}
	return 0;
}

/* "幸福里社区_签到记录_20261127-0920", made FAT-safe and not yet on the stick. */
static int final_name(struct exporter *x, const char *dir, char *out, size_t size)
{
	char base[256], safe[200], stamp[32];
	struct tm tm;
	struct stat sb;
	int n;

	localtime_r(&x->o->now, &tm);
	strftime(stamp, sizeof stamp, "%Y%m%d-%H%M", &tm);
	snprintf(base, sizeof base, "%s_签到记录_%s%s", x->community, stamp, x->o->only_new ? "_新增" : "");
	safefile_fat_name(base, safe, sizeof safe);
	for (n = 1; n < 100; n++) {
		if (n == 1)
			snprintf(out, size, "%s/%s", dir, safe);
		else
			snprintf(out, size, "%s/%s_%d", dir, safe, n);
		if (stat(out, &sb) != 0)
			return 0;
	}
	snprintf(x->err, x->errlen, "U 盘上同名的导出文件夹太多，请先整理 U 盘");
	return -1;
}

static int record(struct exporter *x)
{
	sqlite3_stmt *st;
	char detail[PATH_MAX + 64];
	int rows = x->res->attendance + x->res->meetings + x->res->leaves + x->res->members;

	if (db_begin(x->db, x->err, x->errlen) < 0)
		return -1;
	st = db_stmt(x->db, STMT_EXPORT_INSERT);
	db_bind_text(st, ":uuid", x->uuid);
	db_bind_text(st, ":kiosk_id", x->db->kiosk_id);
	db_bind_text(st, ":now", x->now_text);
	db_bind_text(st, ":since", x->since);
	db_bind_text(st, ":folder", x->res->folder);
	db_bind_int(st, ":rows", rows);
	snprintf(detail, sizeof detail, "%s（%d 条）", x->res->folder, rows);
	if (db_exec_stmt(x->db, st, x->err, x->errlen) < 0 ||
	    db_audit(x->db, x->o->actor, "导出", x->uuid, detail, x->err, x->errlen) < 0) {
		db_rollback(x->db);
		return -1;
	}
	return db_commit(x->db, x->err, x->errlen);
}

int export_to(struct db *db, const char *dir, const struct export_options *o,
	      struct export_result *res, char *err, size_t errlen)
{
	struct exporter x = { .db = db, .o = o, .res = res, .err = err, .errlen = errlen };
	sqlite3_stmt *st;
	char final[PATH_MAX];
	int rc = -1;

	memset(res, 0, sizeof *res);
	clock_format(o->now, x.now_text);
	if (db_setting_get(db, "community_name", x.community, sizeof x.community) < 0)
		snprintf(x.community, sizeof x.community, "社区");
	if (o->only_new) {
		st = db_stmt(db, STMT_EXPORT_LAST);
		if (sqlite3_step(st) == SQLITE_ROW)
			db_column_text(st, 0, x.since, sizeof x.since);
		sqlite3_reset(st);
	}
	if (uuid_new(x.uuid) < 0) {
		snprintf(err, errlen, "系统无法生成随机编号");
		return -1;
	}
	if (collect_meetings(&x) < 0 || collect_photos(&x) < 0 ||
	    final_name(&x, dir, final, sizeof final) < 0 ||
	    (x.total = export_record_count(db, x.meetings, x.nmeetings, err, errlen)) < 0)
		goto out;
	x.total += EXPORT_FILES + x.photos.carried;
	snprintf(x.tmpdir, sizeof x.tmpdir, "%s/.导出中-%.8s", dir, x.uuid);
	if (mkdir(x.tmpdir, 0755) < 0) {
		safefile_explain(errno, "导出", err, errlen);
		x.tmpdir[0] = '\0';
		goto out;
	}
	x.files = json_object();
	if (!x.files || write_table(&x, &attendance_table, &x.res->attendance) < 0 ||
	    write_meetings(&x) < 0 || write_table(&x, &leaves_table, &x.res->leaves) < 0 ||
	    write_table(&x, &members_table, &x.res->members) < 0 || export_write_workbook(&x) < 0 ||
	    write_records(&x) < 0 ||
	    export_photos_write(&x.photos, x.meetings, x.tmpdir, note_record_file, &x, err, errlen) < 0 ||
	    write_followup(&x) < 0 || write_manifest(&x) < 0 ||
	    safefile_sync_dir(x.tmpdir, err, errlen) < 0 || verify(&x) < 0)
		goto out;
	if (rename(x.tmpdir, final) < 0) {
		safefile_explain(errno, "导出文件夹", err, errlen);
		goto out;
	}
	x.tmpdir[0] = '\0';
	snprintf(res->folder, sizeof res->folder, "%s", final);
	if (safefile_sync_dir(dir, err, errlen) < 0)
		goto out;
	/* On the stick and checked. If recording it fails, the next "new" export repeats some
	 * rows, which the office's merge counts once. */
	record(&x);
	err[0] = '\0';
	rc = 0;
out:
	if (x.tmpdir[0]) {
		export_record_cleanup(x.tmpdir);
		safefile_remove_dir(x.tmpdir);
	}
	if (rc < 0 && res->folder[0]) {
		export_record_cleanup(res->folder);
		safefile_remove_dir(res->folder);
		res->folder[0] = '\0';
	}
	json_decref(x.files);
	export_photos_free(&x.photos);
	free(x.stems);
	free(x.meetings);
	free(x.counts);
	return rc;
}
