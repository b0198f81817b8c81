/* The office merge and report. Every folder of a batch is checked against its manifest
 * (SHA-256, size and row count of each file) before anything is written; then all rows go in
 * one transaction as upserts keyed by UUID where the newer updated_at wins. */
#include "core/exchange/merge.h"

#include <jansson.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <xlsxwriter.h>

#include "core/base/clock.h"
#include "core/formats/csv.h"
#include "core/store/db.h"
#include "core/formats/encoding.h"
#include "core/exchange/export.h"
#include "core/exchange/merge_photos.h"
#include "core/base/safefile.h"
#include "core/base/uuid.h"

#define MAX_EXPORT_FILE (256 * 1024 * 1024)

/* How a CSV column fills a statement parameter. */
struct column {
	const char *header;
	const char *param;
};

struct table {
	const char *file;
	enum stmt_id stmt;
	const struct column *cols;
	int *count; /* in merge_result */
	bool optional; /* absent from exports older than it (records.csv) */
};

static const struct column member_cols[] = {
	{ "党员编号", ":uuid" },     { "签到机", ":kiosk_id" },   { "社区", ":community" },
	{ "姓名", ":name" },         { "性别", ":gender" },       { "出生日期", ":birth_date" },
	{ "党籍状态", ":status" },   { "党员类别", ":category" }, { "居住情况", ":residence" },
	{ "所属支部", ":branch" },   { "党小组", ":party_group" }, { "中心户", ":household" },
	{ "在册", ":active" },       { "更新时间", ":updated_at" }, { NULL, NULL },
};

static const struct column meeting_cols[] = {
	{ "会议编号", ":uuid" },      { "签到机", ":kiosk_id" },  { "社区", ":community" },
	{ "类型", ":kind" },          { "标题", ":title" },       { "支部", ":branch" },
	{ "党小组", ":party_group" }, { "开始", ":start_at" },    { "结束", ":end_at" },
	{ "地点", ":place" },         { "主持人", ":host" },      { "记录人", ":recorder" },
	{ "议题", ":topic" },         { "表决", ":vote" },        { "应到", ":expected" },
	{ "实到", ":present" },       { "实到正式", ":present_full" },
	{ "实到预备", ":present_probationary" },                  { "请假", ":on_leave" },
	{ "缺席", ":absent" },        { "列席", ":guests" },      { "状态", ":cancelled" },
	{ "更新时间", ":updated_at" }, { NULL, NULL },
};

static const struct column attendance_cols[] = {
	{ "记录编号", ":uuid" },        { "签到机", ":kiosk_id" },  { "会议编号", ":meeting_uuid" },
	{ "党员编号", ":member_uuid" }, { "姓名", ":name" },        { "单位", ":unit" },
	{ "身份", ":role" },            { "方式", ":method" },      { "签到时间", ":checked_at" },
	{ "撤销时间", ":undone_at" },   { "更新时间", ":updated_at" }, { NULL, NULL },
};

static const struct column leave_cols[] = {
	{ "记录编号", ":uuid" }, { "签到机", ":kiosk_id" }, { "会议编号", ":meeting_uuid" },
	{ "党员编号", ":member_uuid" }, { "原因", ":reason" }, { "更新时间", ":updated_at" },
	{ NULL, NULL },
};

static const struct column record_cols[] = {
	{ "记录编号", ":uuid" },      { "签到机", ":kiosk_id" },   { "会议编号", ":meeting_uuid" },
	{ "主持人", ":host" },        { "记录人", ":recorder" },   { "议题", ":topics" },
	{ "主要内容", ":content" },   { "决议事项", ":decisions" }, { "赞成", ":votes_for" },
	{ "反对", ":votes_against" }, { "弃权", ":votes_abstain" }, { "完整", ":complete" },
	{ "更新时间", ":updated_at" }, { NULL, NULL },
};

static const struct column photo_cols[] = {
	{ "记录编号", ":uuid" },   { "签到机", ":kiosk_id" }, { "会议编号", ":meeting_uuid" },
	{ "sha256", ":sha256" },   { "宽", ":width" },        { "高", ":height" },
	{ "已删除", ":deleted" },  { "更新时间", ":updated_at" }, { NULL, NULL },
};

struct folder {
	const char *path;
	json_t *manifest;
	char uuid[64], kiosk_id[64], community[256], exported_at[CLOCK_TEXT];
};

/* Check one folder's manifest and files; on failure err names the file. */
static int check_folder(struct folder *f, const struct table *tables, int ntables, char *err,
			size_t errlen)
{
	char path[PATH_MAX], hex[SAFEFILE_HEX];
	json_error_t jerr;
	json_t *files;
	uint64_t bytes;
	int i;

	snprintf(path, sizeof path, "%s/manifest.json", f->path);
	f->manifest = json_load_file(path, 0, &jerr);
	if (!f->manifest) {
		snprintf(err, errlen, "%s 不是完整的导出文件夹（manifest.json 缺失或损坏：%s），整批没有合并",
			 f->path, jerr.text);
		return -1;
	}
	files = json_object_get(f->manifest, "files");
	if (json_integer_value(json_object_get(f->manifest, "format")) != EXPORT_FORMAT ||
	    !json_is_object(files) || !json_string_value(json_object_get(f->manifest, "export_uuid")) ||
	    !json_string_value(json_object_get(f->manifest, "kiosk_id")) ||
	    !json_string_value(json_object_get(f->manifest, "exported_at"))) {
		snprintf(err, errlen, "%s/manifest.json 的格式不对，整批没有合并", f->path);
		return -1;
	}
	snprintf(f->uuid, sizeof f->uuid, "%s", json_string_value(json_object_get(f->manifest, "export_uuid")));
	snprintf(f->kiosk_id, sizeof f->kiosk_id, "%s", json_string_value(json_object_get(f->manifest, "kiosk_id")));
	snprintf(f->exported_at, sizeof f->exported_at, "%s",
		 json_string_value(json_object_get(f->manifest, "exported_at")));
	snprintf(f->community, sizeof f->community, "%s",
		 json_string_value(json_object_get(f->manifest, "community")) ?
		 json_string_value(json_object_get(f->manifest, "community")) : "");
	for (i = 0; i < ntables; i++) {
		json_t *entry = json_object_get(files, tables[i].file);
		const char *want = json_string_value(json_object_get(entry, "sha256"));
		snprintf(path, sizeof path, "%s/%s", f->path, tables[i].file);
		if (!entry && tables[i].optional)
			continue;
		if (!want) {
			snprintf(err, errlen, "%s/manifest.json 没有列出 %s，整批没有合并", f->path, tables[i].file);
			return -1;
		}
		if (safefile_digest(path, false, hex, &bytes, err, errlen) < 0) {
			snprintf(err, errlen, "%s 缺失或读不出，整批没有合并", path);
			return -1;
		}
		if (strcmp(hex, want) != 0 ||
		    (json_int_t)bytes != json_integer_value(json_object_get(entry, "bytes"))) {
			snprintf(err, errlen, "%s 与导出清单不符（被改动过或不完整），整批没有合并；请从签到机重新导出",
				 path);
			return -1;
		}
	}
	return 0;
}

/* Transform values where the CSV says it for people and the table wants a number. */
static const char *value_for(const char *param, const char *v)
{
	if (strcmp(param, ":active") == 0)
		return strcmp(v, "否") == 0 ? "0" : "1";
	if (strcmp(param, ":cancelled") == 0)
		return strcmp(v, "已取消") == 0 ? "1" : "0";
	if (strcmp(param, ":complete") == 0 || strcmp(param, ":deleted") == 0)
		return strcmp(v, "是") == 0 ? "1" : "0";
	return v;
}

/* Upsert every row of one file. */
static int merge_file(struct db *db, const struct folder *f, const struct table *t, char *err,
		      size_t errlen)
{
	char path[PATH_MAX], *data, *text, **fields, why[512];
	int map[32], ncols = 0, i, rows = 0, rc;
	size_t n = 0, len, count;
	enum text_encoding enc;
	struct csv *csv = NULL;
	bool header = true;
	sqlite3_stmt *st;

	snprintf(path, sizeof path, "%s/%s", f->path, t->file);
	if (t->optional && !json_object_get(json_object_get(f->manifest, "files"), t->file))
		return 0;
	data = safefile_slurp(path, MAX_EXPORT_FILE, &n);
	if (!data) {
		snprintf(err, errlen, "读不出 %s", path);
		return -1;
	}
	text = encoding_to_utf8(data, n, &enc, &len, why, sizeof why);
	free(data);
	if (!text || !(csv = csv_open(text, len))) {
		snprintf(err, errlen, "%s：%s", path, text ? "内存不足" : why);
		free(text);
		return -1;
	}
	while ((rc = csv_next(csv, &fields, &count, why, sizeof why)) != 0) {
		if (rc < 0) {
			snprintf(err, errlen, "%s：%s", path, why);
			goto fail;
		}
		if (header) {
			for (ncols = 0; t->cols[ncols].header; ncols++) {
				map[ncols] = -1;
				for (i = 0; i < (int)count; i++)
					if (strcmp(fields[i], t->cols[ncols].header) == 0)
						map[ncols] = i;
				if (map[ncols] < 0) {
					snprintf(err, errlen, "%s 缺少“%s”列，不是本程序导出的文件", path,
						 t->cols[ncols].header);
					goto fail;
				}
			}
			header = false;
			continue;
		}
		st = db_stmt(db, t->stmt);
		for (i = 0; i < ncols; i++) {
			const char *v = map[i] < (int)count ? fields[map[i]] : "";
			db_bind_text(st, t->cols[i].param, value_for(t->cols[i].param, v));
		}
		if (strlen(map[0] < (int)count ? fields[map[0]] : "") != UUID_LEN - 1) {
			snprintf(err, errlen, "%s 第 %zu 行的编号不对", path, csv_line(csv));
			goto fail;
		}
		if (t->stmt == STMT_OFFICE_MEMBER_UPSERT || t->stmt == STMT_OFFICE_MEETING_UPSERT)
			db_bind_text(st, ":community", f->community);
		if (db_exec_stmt(db, st, err, errlen) < 0)
			goto fail;
		rows++;
	}
	if (rows != json_integer_value(json_object_get(json_object_get(json_object_get(f->manifest, "files"),
								    t->file), "rows"))) {
		snprintf(err, errlen, "%s 的行数与导出清单不符，整批没有合并", path);
		goto fail;
	}
	*t->count += rows;
	csv_close(csv);
	free(text);
	return 0;
fail:
	csv_close(csv);
	free(text);
	return -1;
}

int merge_exports(struct db *office, const char *const *folders, int n, time_t now,
		  struct merge_result *res, char *err, size_t errlen)
{
	/* Members and meetings first, so a report read mid-way never sees a sign-in without them. */
	const struct table tables[] = {
		{ "members.csv", STMT_OFFICE_MEMBER_UPSERT, member_cols, &res->members },
		{ "meetings.csv", STMT_OFFICE_MEETING_UPSERT, meeting_cols, &res->meetings },
		{ "attendance.csv", STMT_OFFICE_ATTENDANCE_UPSERT, attendance_cols, &res->attendance },
		{ "leaves.csv", STMT_OFFICE_LEAVE_UPSERT, leave_cols, &res->leaves },
		{ "records.csv", STMT_OFFICE_RECORD_UPSERT, record_cols, &res->records, true },
		{ "photos.csv", STMT_OFFICE_PHOTO_UPSERT, photo_cols, &res->photos, true },
	};
	int ntables = (int)(sizeof tables / sizeof tables[0]), i, j, rc = -1;
	struct folder *f = calloc((size_t)n, sizeof *f);
	sqlite3_stmt *st;

	memset(res, 0, sizeof *res);
	if (!f) {
		snprintf(err, errlen, "内存不足");
		return -1;
	}
	for (i = 0; i < n; i++) {
		f[i].path = folders[i];
		if (check_folder(&f[i], tables, ntables, err, errlen) < 0 ||
		    merge_photos_files(f[i].path, f[i].manifest, office->path, false, NULL, err,
				       errlen) < 0)
			goto out;
	}
	/* Every folder is sound: the pictures first, kept once by their hash. */
	for (i = 0; i < n; i++)
		if (merge_photos_files(f[i].path, f[i].manifest, office->path, true,
				       &res->photo_files, err, errlen) < 0)
			goto out;
	if (db_begin(office, err, errlen) < 0)
		goto out;
	for (i = 0; i < n; i++) {
		st = db_stmt(office, STMT_OFFICE_EXPORT_SEEN);
		db_bind_text(st, ":uuid", f[i].uuid);
		if (sqlite3_step(st) == SQLITE_ROW)
			res->repeated++;
		sqlite3_reset(st);
		for (j = 0; j < ntables; j++)
			if (merge_file(office, &f[i], &tables[j], err, errlen) < 0)
				goto rollback;
		st = db_stmt(office, STMT_OFFICE_EXPORT_INSERT);
		db_bind_text(st, ":uuid", f[i].uuid);
		db_bind_text(st, ":kiosk_id", f[i].kiosk_id);
		db_bind_text(st, ":community", f[i].community);
		db_bind_text(st, ":exported_at", f[i].exported_at);
		db_bind_time(st, ":now", now);
		db_bind_text(st, ":folder", f[i].path);
		if (db_exec_stmt(office, st, err, errlen) < 0)
			goto rollback;
		res->exports++;
	}
	if (db_audit(office, "kioskctl", "合并导出", "", "", err, errlen) < 0 ||
	    db_commit(office, err, errlen) < 0)
		goto rollback;
	rc = 0;
	goto out;
rollback:
	db_rollback(office);
out:
	for (i = 0; i < n; i++)
		json_decref(f[i].manifest);
	free(f);
	return rc;
}

/* ---- the quarter's report ---- */

struct required {
	const char *kind;
	int per_quarter;
	bool per_group; /* 党小组会: each group */
};

/* The frequencies of docs/rules.md, per quarter. */
static const struct required required[] = {
	{ "支部党员大会", 1, false }, { "支委会", 3, false }, { "党小组会", 3, true },
	{ "党课", 1, false },         { "主题党日", 3, false },
};

/* Offices print the report: A4, each sheet one page wide (as many tall as it takes), its
 * header row on every page; the wide sheets across the page. */
static void report_print(lxw_worksheet *ws, bool landscape, int header_row)
{
	worksheet_set_paper(ws, 9);
	if (landscape)
		worksheet_set_landscape(ws);
	worksheet_fit_to_pages(ws, 1, 0);
	worksheet_repeat_rows(ws, (lxw_row_t)header_row, (lxw_row_t)header_row);
	worksheet_set_margins(ws, 0.5, 0.5, 0.6, 0.6);
}

/* Write a report query's rows under a header made from its column names. */
static int sheet_rows(struct db *db, sqlite3_stmt *st, lxw_worksheet *ws, lxw_format *cell,
		      lxw_format *pct, int first_row, char *err, size_t errlen)
{
	int row = first_row, rc, i;

	for (i = 0; i < sqlite3_column_count(st); i++)
		worksheet_write_string(ws, (lxw_row_t)(first_row - 1), (lxw_col_t)i,
				       sqlite3_column_name(st, i), NULL);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		for (i = 0; i < sqlite3_column_count(st); i++) {
			const char *name = sqlite3_column_name(st, i);
			if (sqlite3_column_type(st, i) == SQLITE_INTEGER)
				worksheet_write_number(ws, (lxw_row_t)row, (lxw_col_t)i,
						       (double)sqlite3_column_int64(st, i), cell);
			else if (sqlite3_column_type(st, i) == SQLITE_FLOAT)
				worksheet_write_number(ws, (lxw_row_t)row, (lxw_col_t)i,
						       sqlite3_column_double(st, i),
						       strcmp(name, "出勤率") == 0 ? pct : cell);
			else
				worksheet_write_string(ws, (lxw_row_t)row, (lxw_col_t)i,
						       (const char *)sqlite3_column_text(st, i), cell);
		}
		row++;
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		db_error(db, "统计", err, errlen);
		return -1;
	}
	return row;
}

/* Held against required per branch: a community-wide meeting counts for each branch. */
static int compliance_sheet(struct db *db, lxw_worksheet *ws, lxw_format *cell, const char *from,
			    const char *to, char *err, size_t errlen)
{
	sqlite3_stmt *branches = db_stmt(db, STMT_REPORT_BRANCHES), *held;
	int row = 3, k, rc, ncols = (int)(sizeof required / sizeof required[0]);

	worksheet_write_string(ws, 2, 0, "社区", NULL);
	worksheet_write_string(ws, 2, 1, "支部", NULL);
	for (k = 0; k < ncols; k++)
		worksheet_write_string(ws, 2, (lxw_col_t)(2 + k), required[k].kind, NULL);
	worksheet_write_string(ws, 2, (lxw_col_t)(2 + ncols), "是否达标", NULL);
	worksheet_write_string(ws, 2, (lxw_col_t)(3 + ncols), "纪实完整 / 已开", NULL);
	worksheet_write_string(ws, 2, (lxw_col_t)(4 + ncols), "有影像 / 已开", NULL);
	while ((rc = sqlite3_step(branches)) == SQLITE_ROW) {
		char community[256], branch[256], text[32], photos[32];
		int groups = sqlite3_column_int(branches, 2);
		bool ok = true;

		db_column_text(branches, 0, community, sizeof community);
		db_column_text(branches, 1, branch, sizeof branch);
		worksheet_write_string(ws, (lxw_row_t)row, 0, community, cell);
		worksheet_write_string(ws, (lxw_row_t)row, 1, branch, cell);
		for (k = 0; k < ncols; k++) {
			int need = required[k].per_quarter * (required[k].per_group && groups > 1 ? groups : 1);
			int n = 0;
			held = db_stmt(db, STMT_REPORT_HELD);
			db_bind_text(held, ":from", from);
			db_bind_text(held, ":to", to);
			db_bind_text(held, ":community", community);
			db_bind_text(held, ":branch", branch);
			db_bind_text(held, ":kind", required[k].kind);
			if (sqlite3_step(held) == SQLITE_ROW)
				n = sqlite3_column_int(held, 0);
			sqlite3_reset(held);
			snprintf(text, sizeof text, "%d / %d", n, need);
			worksheet_write_string(ws, (lxw_row_t)row, (lxw_col_t)(2 + k), text, cell);
			ok &= n >= need;
		}
		worksheet_write_string(ws, (lxw_row_t)row, (lxw_col_t)(2 + ncols), ok ? "达标" : "未达标", cell);
		snprintf(text, sizeof text, "-");
		held = db_stmt(db, STMT_REPORT_RECORDED);
		db_bind_text(held, ":from", from);
		db_bind_text(held, ":to", to);
		db_bind_text(held, ":community", community);
		db_bind_text(held, ":branch", branch);
		snprintf(photos, sizeof photos, "-");
		if (sqlite3_step(held) == SQLITE_ROW) {
			snprintf(text, sizeof text, "%d / %d", sqlite3_column_int(held, 1),
				 sqlite3_column_int(held, 0));
			snprintf(photos, sizeof photos, "%d / %d", sqlite3_column_int(held, 2),
				 sqlite3_column_int(held, 0));
		}
		sqlite3_reset(held);
		worksheet_write_string(ws, (lxw_row_t)row, (lxw_col_t)(3 + ncols), text, cell);
		worksheet_write_string(ws, (lxw_row_t)row, (lxw_col_t)(4 + ncols), photos, cell);
		row++;
	}
	sqlite3_reset(branches);
	if (rc != SQLITE_DONE) {
		db_error(db, "统计", err, errlen);
		return -1;
	}
	return 0;
}

int merge_report(struct db *office, int year, int quarter, const char *out_path, char *err,
		 size_t errlen)
{
	char from[CLOCK_TEXT], to[CLOCK_TEXT], title[128];
	lxw_workbook *wb;
	lxw_worksheet *ws;
	lxw_format *bold, *cell, *pct;
	sqlite3_stmt *st;
	int rc = -1;

	if (quarter < 1 || quarter > 4 || year < 2000 || year > 2100) {
		snprintf(err, errlen, "季度写成 2026Q4 这样");
		return -1;
	}
	snprintf(from, sizeof from, "%04d-%02d-01 00:00:00", year, (quarter - 1) * 3 + 1);
	if (quarter == 4)
		snprintf(to, sizeof to, "%04d-01-01 00:00:00", year + 1);
	else
		snprintf(to, sizeof to, "%04d-%02d-01 00:00:00", year, quarter * 3 + 1);
	wb = workbook_new(out_path);
	if (!wb) {
		snprintf(err, errlen, "无法创建 %s", out_path);
		return -1;
	}
	bold = workbook_add_format(wb);
	format_set_bold(bold);
	format_set_font_size(bold, 14);
	cell = workbook_add_format(wb);
	format_set_border(cell, LXW_BORDER_THIN);
	pct = workbook_add_format(wb);
	format_set_border(pct, LXW_BORDER_THIN);
	format_set_num_format(pct, "0.0%");

	ws = workbook_add_worksheet(wb, "出勤率");
	snprintf(title, sizeof title, "%d 年第 %d 季度 各支部出勤率", year, quarter);
	worksheet_write_string(ws, 0, 0, title, bold);
	worksheet_set_column(ws, 0, 1, 18, NULL);
	worksheet_set_column(ws, 2, 5, 11, NULL);
	report_print(ws, false, 2);
	st = db_stmt(office, STMT_REPORT_RATES);
	db_bind_text(st, ":from", from);
	db_bind_text(st, ":to", to);
	if (sheet_rows(office, st, ws, cell, pct, 3, err, errlen) < 0)
		goto out;

	ws = workbook_add_worksheet(wb, "三会一课");
	snprintf(title, sizeof title, "%d 年第 %d 季度 三会一课和主题党日（已开 / 应开）", year, quarter);
	worksheet_write_string(ws, 0, 0, title, bold);
	worksheet_set_column(ws, 0, 1, 18, NULL);
	worksheet_set_column(ws, 2, 8, 13, NULL);
	worksheet_set_column(ws, 9, 10, 15, NULL);
	report_print(ws, true, 2);
	if (compliance_sheet(office, ws, cell, from, to, err, errlen) < 0)
		goto out;

	ws = workbook_add_worksheet(wb, "会议明细");
	worksheet_set_column(ws, 0, 3, 18, NULL);
	worksheet_set_column(ws, 4, 4, 30, NULL);
	report_print(ws, true, 0);
	st = db_stmt(office, STMT_REPORT_MEETINGS);
	db_bind_text(st, ":from", from);
	db_bind_text(st, ":to", to);
	if (sheet_rows(office, st, ws, cell, pct, 1, err, errlen) < 0)
		goto out;
	rc = 0;
out:
	if (workbook_close(wb) != LXW_NO_ERROR && rc == 0) {
		snprintf(err, errlen, "写 %s 失败", out_path);
		rc = -1;
	}
	return rc;
}
