/* Roster import. Two passes: the first reads and checks every row without touching the
 * database, so a broken file is reported whole (every bad cell, not just the first); the second
 * matches each row to a member (by 编号, else 姓名 + 联系电话, else 姓名 + 所属支部) and writes them
 * all in one transaction. Re-importing the same file therefore changes nothing. */
#include "core/exchange/roster.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/formats/csv.h"
#include "core/store/db.h"
#include "core/formats/encoding.h"
#include "core/party/members.h"
#include "core/formats/xlsx.h"

#define MAX_ROWS 20000
#define MAX_TITLE_ROWS 5 /* title lines skipped above the header */

struct row {
	size_t line;
	int64_t id; /* from an 编号 column; 0 when absent or empty */
	struct member m;
};

struct import {
	const char *label;
	roster_problem_fn problem;
	void *ctx;
	int problems;
	int column_of[MF_COUNT]; /* the CSV column holding each field, or -1 */
	int id_column;           /* 编号, or -1 */
	size_t columns;          /* fields in the header */
	bool letters;            /* a workbook: name columns A, B, ... as Excel shows them */
	struct row *rows;
	size_t count, cap;
};

static void report(struct import *im, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void report(struct import *im, const char *fmt, ...)
{
	char line[1024];
	int n;
	va_list ap;

	im->problems++;
	if (im->problems > ROSTER_MAX_PROBLEMS)
		return;
	n = snprintf(line, sizeof line, "%s:", im->label);
	va_start(ap, fmt);
	vsnprintf(line + n, sizeof line - (size_t)n, fmt, ap);
	va_end(ap);
	im->problem(im->ctx, line);
}

static bool is_id_header(const char *h)
{
	return strcmp(h, "编号") == 0 || strcmp(h, "ID") == 0 || strcmp(h, "id") == 0 ||
	       strcmp(h, "党员编号") == 0;
}

/* Map header names to fields; note unknown columns; report duplicates and missing ones. */
static void read_header(struct import *im, size_t line, char **fields, size_t count,
			struct roster_result *res)
{
	size_t i, used = 0;
	int f;

	for (f = 0; f < MF_COUNT; f++)
		im->column_of[f] = -1;
	im->id_column = -1;
	im->columns = count;
	for (i = 0; i < count; i++) {
		const char *h = fields[i];
		while (*h == ' ')
			h++;
		if (!*h)
			continue;
		if (is_id_header(h)) {
			im->id_column = (int)i;
			continue;
		}
		f = member_field_by_header(h);
		if (f < 0) {
			if (used < sizeof res->ignored_columns - 1)
				used += (size_t)snprintf(res->ignored_columns + used,
							 sizeof res->ignored_columns - used, "%s%s",
							 used ? "、" : "", h);
			continue;
		}
		if (im->column_of[f] >= 0) {
			report(im, "第 %zu 行：“%s”列出现了两次（第 %d 列和第 %zu 列），请删去一列",
			       line, member_fields[f].header, im->column_of[f] + 1, i + 1);
			continue;
		}
		im->column_of[f] = (int)i;
	}
	for (f = 0; f < MF_COUNT; f++)
		if (member_fields[f].required && im->column_of[f] < 0)
			report(im, "第 %zu 行：缺少“%s”列。第一行应是表头，如：姓名,性别,出生日期,联系电话,所属支部",
			       line, member_fields[f].header);
}

static int parse_id(const char *s, int64_t *id)
{
	char *end;
	long long v;

	while (*s == ' ')
		s++;
	if (!*s) {
		*id = 0;
		return 0;
	}
	v = strtoll(s, &end, 10);
	while (*end == ' ')
		end++;
	if (*end || v <= 0)
		return -1;
	*id = v;
	return 0;
}

static bool all_empty(char **fields, size_t count)
{
	size_t i;

	for (i = 0; i < count; i++)
		if (strspn(fields[i], " \t") != strlen(fields[i]))
			return false;
	return true;
}

/* A title above the header ("幸福里社区党员名单（2026年）", a date, a unit's name), as offices put
 * on printed rosters: one or two cells and not one of them a column we know. */
static bool is_title(char **fields, size_t count)
{
	size_t i, filled = 0;

	for (i = 0; i < count; i++) {
		const char *h = fields[i] + strspn(fields[i], " ");
		if (!*h)
			continue;
		if (is_id_header(h) || member_field_by_header(h) >= 0)
			return false;
		filled++;
	}
	return filled <= 2;
}

/* Column c (0-based) as the person fixing the file sees it: "第 4 列" in a CSV file, " D 列"
 * in a workbook, to follow "第 N 行". */
static const char *column_name(const struct import *im, int c, char buf[24])
{
	char letters[8];
	int n = 0, i;

	if (!im->letters) {
		snprintf(buf, 24, "第 %d 列", c + 1);
		return buf;
	}
	for (c += 1; c > 0 && n < (int)sizeof letters; c = (c - 1) / 26)
		letters[n++] = (char)('A' + (c - 1) % 26);
	buf[0] = ' ';
	for (i = 0; i < n; i++)
		buf[1 + i] = letters[n - 1 - i];
	snprintf(buf + 1 + n, (size_t)(24 - 1 - n), " 列");
	return buf;
}

/* Check one record and keep it. */
static void read_row(struct import *im, size_t line, char **fields, size_t count)
{
	struct row *r;
	char why[512], col[24];
	bool bad = false;
	size_t i;
	int f;

	if (count > im->columns) {
		for (i = im->columns; i < count; i++)
			if (strspn(fields[i], " \t") != strlen(fields[i]))
				break;
		if (i < count) {
			report(im, "第 %zu 行有 %zu 个字段，比表头多 %zu 个（可能是某个单元格里有逗号但没加引号）",
			       line, count, count - im->columns);
			return;
		}
	}
	if (im->count == im->cap) {
		size_t cap = im->cap ? im->cap * 2 : 64;
		struct row *rows;
		if (im->count >= MAX_ROWS) {
			report(im, "第 %zu 行：名单超过 %d 行，请分成几个文件导入", line, MAX_ROWS);
			return;
		}
		rows = realloc(im->rows, cap * sizeof *rows);
		if (!rows) {
			report(im, "第 %zu 行：内存不足", line);
			return;
		}
		im->rows = rows;
		im->cap = cap;
	}
	r = &im->rows[im->count];
	memset(r, 0, sizeof *r);
	member_init(&r->m);
	r->line = line;
	if (im->id_column >= 0 && (size_t)im->id_column < count &&
	    parse_id(fields[im->id_column], &r->id) < 0) {
		report(im, "第 %zu 行%s（编号）：“%.40s”不是编号；新党员请把编号留空", line,
		       column_name(im, im->id_column, col), fields[im->id_column]);
		return;
	}
	/* Every bad cell of the row is reported, so one round of corrections fixes the file. */
	for (f = 0; f < MF_COUNT; f++) {
		int c = im->column_of[f];
		const char *value = c >= 0 && (size_t)c < count ? fields[c] : "";
		if (c < 0)
			continue;
		if (member_field_normalise((enum member_field)f, value, r->m.f[f], MEMBER_TEXT, why,
					   sizeof why) < 0) {
			report(im, "第 %zu 行%s（%s）：%s", line, column_name(im, c, col),
			       member_fields[f].header, why);
			bad = true;
		}
	}
	if (!bad)
		im->count++;
}

/* Rows that name the same person: the same 编号, or, without one, the same name and phone. A row
 * with neither (no 编号, no phone) names nobody in particular. */
static int identity_cmp(const void *pa, const void *pb, void *ctx)
{
	const struct import *im = ctx;
	const struct row *a = &im->rows[*(const size_t *)pa], *b = &im->rows[*(const size_t *)pb];
	int c;

	if ((a->id != 0) != (b->id != 0))
		return a->id ? -1 : 1;
	if (a->id && a->id != b->id)
		return a->id < b->id ? -1 : 1;
	if (!a->id && ((c = strcmp(a->m.f[MF_NAME], b->m.f[MF_NAME])) != 0 ||
		       (c = strcmp(a->m.f[MF_PHONE], b->m.f[MF_PHONE])) != 0))
		return c;
	return a->line < b->line ? -1 : a->line > b->line;
}

/* Pairs of row indexes (the repeat, the first), by the repeat; rows are kept in file order. */
static int by_repeat(const void *pa, const void *pb)
{
	const size_t *a = pa, *b = pb;
	return a[0] < b[0] ? -1 : a[0] > b[0];
}

/* The same person twice in one file is a mistake worth pointing at. Sorted, not compared pair by
 * pair, so that a street's roster of 20,000 is checked in moments; reported in line order. */
static void find_duplicates(struct import *im)
{
	size_t *order, *pairs, npairs = 0, i, first = 0;

	if (im->count < 2)
		return;
	order = malloc(im->count * sizeof *order);
	pairs = malloc(im->count * 2 * sizeof *pairs);
	if (!order || !pairs) {
		report(im, "内存不足，无法检查名单里的重复行");
		goto out;
	}
	for (i = 0; i < im->count; i++)
		order[i] = i;
	qsort_r(order, im->count, sizeof *order, identity_cmp, im);
	for (i = 1; i < im->count; i++) {
		const struct row *f = &im->rows[order[first]], *r = &im->rows[order[i]];
		bool same = f->id ? f->id == r->id
				  : !r->id && r->m.f[MF_PHONE][0] &&
				    strcmp(f->m.f[MF_NAME], r->m.f[MF_NAME]) == 0 &&
				    strcmp(f->m.f[MF_PHONE], r->m.f[MF_PHONE]) == 0;
		if (!same) {
			first = i;
			continue;
		}
		pairs[2 * npairs] = order[i];
		pairs[2 * npairs + 1] = order[first];
		npairs++;
	}
	qsort(pairs, npairs, 2 * sizeof *pairs, by_repeat);
	for (i = 0; i < npairs; i++) {
		const struct row *r = &im->rows[pairs[2 * i]];
		report(im, "第 %zu 行：与第 %zu 行是同一人（%s），请删去一行", r->line,
		       im->rows[pairs[2 * i + 1]].line, r->m.f[MF_NAME]);
	}
out:
	free(order);
	free(pairs);
}

/* Find the member a row describes: 0 with *id (0 when new), or -1 after reporting. */
static int match(struct db *db, struct import *im, const struct row *r, int64_t *id)
{
	sqlite3_stmt *st;
	struct member existing;
	char err[256];
	int64_t branch_id, found = 0;
	int candidates = 0;

	*id = 0;
	if (r->id) {
		if (members_get(db, r->id, &existing, err, sizeof err) < 0) {
			report(im, "第 %zu 行：编号 %lld 不存在；新党员请把编号留空", r->line,
			       (long long)r->id);
			return -1;
		}
		*id = r->id;
		return 0;
	}
	if (r->m.f[MF_PHONE][0]) {
		st = db_stmt(db, STMT_MEMBER_FIND_NAME_PHONE);
		db_bind_text(st, ":name", r->m.f[MF_NAME]);
		db_bind_text(st, ":phone", r->m.f[MF_PHONE]);
		if (sqlite3_step(st) == SQLITE_ROW)
			*id = sqlite3_column_int64(st, 0);
		sqlite3_reset(st);
		if (*id)
			return 0;
	}
	/* No phone match: the same name in the same branch, recorded without a phone (an office
	 * adding phones to an old roster) or with the same birth date, is the same person. */
	if (members_branch_id(db, r->m.f[MF_BRANCH], false, &branch_id, err, sizeof err) < 0)
		return 0; /* a new branch: a new member */
	st = db_stmt(db, STMT_MEMBER_FIND_NAME_BRANCH);
	db_bind_text(st, ":name", r->m.f[MF_NAME]);
	db_bind_id(st, ":branch_id", branch_id);
	while (sqlite3_step(st) == SQLITE_ROW) {
		char phone[64], birth[16];
		db_column_text(st, 1, phone, sizeof phone);
		db_column_text(st, 2, birth, sizeof birth);
		bool same_birth = birth[0] && strcmp(birth, r->m.f[MF_BIRTH]) == 0;
		if (phone[0] && r->m.f[MF_PHONE][0]) {
			/* Both have phones and they differ: another person, unless the birth date
			 * says it is the same one with a new number. */
			if (!same_birth)
				continue;
		} else if (birth[0] && r->m.f[MF_BIRTH][0] && !same_birth) {
			continue;
		}
		found = sqlite3_column_int64(st, 0);
		candidates++;
	}
	sqlite3_reset(st);
	if (candidates > 1) {
		report(im, "第 %zu 行：%s 有 %d 个同名党员，分不清是哪一位；请在文件中加“编号”列"
		       "（kioskctl members list --csv 可导出带编号的名单）", r->line, r->m.f[MF_NAME],
		       candidates);
		return -1;
	}
	*id = found;
	return 0;
}

/* Fields the file does not have keep what the database has. */
static void merge_missing_columns(const struct import *im, struct member *m,
				  const struct member *existing)
{
	int f;

	for (f = 0; f < MF_COUNT; f++)
		if (im->column_of[f] < 0)
			memcpy(m->f[f], existing->f[f], MEMBER_TEXT);
}

static bool same_member(const struct member *a, const struct member *b)
{
	int f;

	for (f = 0; f < MF_COUNT; f++)
		if (strcmp(a->f[f], b->f[f]) != 0)
			return false;
	return true;
}

static int apply(struct db *db, struct import *im, const char *actor, struct roster_result *res)
{
	char err[512];
	size_t i;

	for (i = 0; i < im->count; i++) {
		struct row *r = &im->rows[i];
		struct member existing;
		int64_t id;

		if (match(db, im, r, &id) < 0)
			continue;
		r->m.id = id;
		if (id) {
			if (members_get(db, id, &existing, err, sizeof err) < 0) {
				report(im, "第 %zu 行：%s", r->line, err);
				continue;
			}
			merge_missing_columns(im, &r->m, &existing);
			if (same_member(&r->m, &existing)) {
				res->unchanged++;
				continue;
			}
		}
		if (members_save(db, &r->m, actor, err, sizeof err) < 0) {
			report(im, "第 %zu 行：%s", r->line, err);
			continue;
		}
		if (id)
			res->updated++;
		else
			res->added++;
	}
	return im->problems ? -1 : 0;
}

int roster_import(struct db *db, const char *label, const char *data, size_t n,
		  const char *actor, bool dry_run, struct roster_result *res,
		  roster_problem_fn problem, void *ctx)
{
	struct import im = { .label = label, .problem = problem, .ctx = ctx };
	enum text_encoding enc;
	struct csv *csv = NULL;
	char *text, **fields, err[512], detail[256];
	size_t len, count;
	bool header_seen = false;
	int rc, titles = 0;

	memset(res, 0, sizeof *res);
	if (xlsx_is_zip(data, n)) {
		im.letters = true;
		text = xlsx_to_csv(data, n, &len, err, sizeof err);
		snprintf(res->encoding, sizeof res->encoding, "Excel 工作簿");
	} else {
		text = encoding_to_utf8(data, n, &enc, &len, err, sizeof err);
		if (text)
			snprintf(res->encoding, sizeof res->encoding, "%s", encoding_name(enc));
	}
	if (!text) {
		report(&im, "%s", err);
		return -1;
	}
	csv = csv_open(text, len);
	if (!csv) {
		report(&im, "内存不足，无法读取文件");
		goto out;
	}
	while ((rc = csv_next(csv, &fields, &count, err, sizeof err)) != 0) {
		if (rc < 0) {
			report(&im, "%s", err);
			continue;
		}
		if (all_empty(fields, count))
			continue;
		if (!header_seen) {
			if (titles < MAX_TITLE_ROWS && is_title(fields, count)) {
				titles++;
				continue;
			}
			read_header(&im, csv_line(csv), fields, count, res);
			header_seen = true;
			if (im.problems)
				break;
			continue;
		}
		read_row(&im, csv_line(csv), fields, count);
	}
	if (!header_seen && titles)
		report(&im, "找不到表头：前 %d 行都不是“姓名、所属支部……”这样的表头，请在名单上方加一行表头",
		       titles);
	else if (!header_seen)
		report(&im, "文件是空的；第一行应是表头，如：姓名,性别,出生日期,联系电话,所属支部");
	find_duplicates(&im);
	res->rows = (int)im.count;
	if (im.problems)
		goto out;
	if (db_begin(db, err, sizeof err) < 0) {
		report(&im, "%s", err);
		goto out;
	}
	if (apply(db, &im, actor, res) == 0) {
		snprintf(detail, sizeof detail, "%s：新增 %d，更新 %d，未变 %d", label, res->added,
			 res->updated, res->unchanged);
		if (db_audit(db, actor, "导入名单", "", detail, err, sizeof err) < 0)
			report(&im, "%s", err);
	}
	if (im.problems || dry_run)
		db_rollback(db);
	else if (db_commit(db, err, sizeof err) < 0)
		report(&im, "%s", err);
out:
	if (im.problems > ROSTER_MAX_PROBLEMS) {
		char more[128];
		snprintf(more, sizeof more, "%s:还有 %d 个问题没有列出", label,
			 im.problems - ROSTER_MAX_PROBLEMS);
		problem(ctx, more);
	}
	csv_close(csv);
	free(im.rows);
	free(text);
	return im.problems ? -1 : 0;
}
