/* Study materials: the catalogue. What kinds and categories there are, which file types the
 * import takes (one table), where a material's files live beside the database, and the rows
 * members browse: listing, removing, pinning, and cleaning up folders no row owns. The import
 * itself is materials_import.c (its checks of names and contents materials_check.c), its thread
 * materials_job.c, the sandboxed renderer materials_render.c. */
#include "core/materials/materials.h"

#include <dirent.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "core/store/db.h"
#include "core/formats/markdown.h"
#include "core/materials/materials_private.h"


static const char *const category_names[CAT_COUNT] = {
	[CAT_RULES] = "党章党规", [CAT_THEORY] = "理论学习", [CAT_NOTICE] = "通知公告",
	[CAT_HISTORY] = "党史",   [CAT_OTHER] = "其他",
};

static const char *const kind_codes[] = {
	[MAT_PDF] = "pdf", [MAT_IMAGE] = "image", [MAT_TEXT] = "text",
	[MAT_MARKDOWN] = "markdown",
};

/* The file types the import takes. Text is parsed (and so bounded by what the parser takes);
 * PDFs and pictures go to the render child. */
static const struct material_type types[] = {
	{ "pdf", MAT_PDF, MATERIALS_MAX_BYTES, false },
	{ "png", MAT_IMAGE, MATERIALS_MAX_BYTES, false },
	{ "jpg", MAT_IMAGE, MATERIALS_MAX_BYTES, false },
	{ "jpeg", MAT_IMAGE, MATERIALS_MAX_BYTES, false },
	{ "txt", MAT_TEXT, MARKDOWN_MAX_BYTES, true },
	{ "md", MAT_MARKDOWN, MARKDOWN_MAX_BYTES, true },
	{ "markdown", MAT_MARKDOWN, MARKDOWN_MAX_BYTES, true },
};

#define NTYPES (sizeof types / sizeof types[0])

const struct material_type *materials_type_of(const char *ext)
{
	size_t i;

	for (i = 0; i < NTYPES; i++)
		if (strcmp(ext, types[i].ext) == 0)
			return &types[i];
	return NULL;
}

bool material_kind_is_text(enum material_kind k)
{
	size_t i;

	for (i = 0; i < NTYPES; i++)
		if (types[i].kind == k)
			return types[i].is_text;
	return false;
}

const char *material_category_name(enum material_category c)
{
	return c >= 0 && c < CAT_COUNT ? category_names[c] : category_names[CAT_OTHER];
}

int material_category_parse(const char *name, enum material_category *c, char *err,
			    size_t errlen)
{
	int i;

	for (i = 0; i < CAT_COUNT; i++)
		if (strcmp(name, category_names[i]) == 0) {
			*c = (enum material_category)i;
			return 0;
		}
	snprintf(err, errlen, "类别“%s”不认识，只能是：党章党规、理论学习、通知公告、党史、其他", name);
	return -1;
}

const char *material_kind_code(enum material_kind k)
{
	return k <= MAT_MARKDOWN ? kind_codes[k] : "text";
}

const char *material_kind_label(enum material_kind k)
{
	return k == MAT_PDF ? "PDF" : k == MAT_IMAGE ? "图片" : "文字";
}

static enum material_kind kind_parse(const char *code)
{
	int k;

	for (k = 0; k <= MAT_MARKDOWN; k++)
		if (strcmp(code, kind_codes[k]) == 0)
			return (enum material_kind)k;
	return MAT_TEXT;
}

/* ---- where files live ---- */

void materials_root(const struct db *db, char *out, size_t size)
{
	snprintf(out, size, "%s.materials", db->path);
}

void materials_dir_of(const struct db *db, const char *sha, char *out, size_t size)
{
	snprintf(out, size, "%s.materials/%s", db->path, sha);
}

void materials_dir(const struct db *db, const struct material *m, char *out, size_t size)
{
	materials_dir_of(db, m->sha256, out, size);
}

const char *materials_source_name(enum material_kind kind, enum image_type image)
{
	switch (kind) {
	case MAT_PDF:
		return "source.pdf";
	case MAT_IMAGE:
		return image == IMAGE_JPEG ? "source.jpg" : "source.png";
	case MAT_MARKDOWN:
		return "source.md";
	default:
		return "source.txt";
	}
}

void materials_source_path(const struct db *db, const struct material *m, char *out, size_t size)
{
	char jpg[1024];
	struct stat sb;

	/* A picture's source keeps its own format; which one is on disk says which. */
	if (m->kind == MAT_IMAGE) {
		snprintf(jpg, sizeof jpg, "%s.materials/%s/source.jpg", db->path, m->sha256);
		if (stat(jpg, &sb) == 0) {
			snprintf(out, size, "%s", jpg);
			return;
		}
	}
	snprintf(out, size, "%s.materials/%s/%s", db->path, m->sha256,
		 materials_source_name(m->kind, IMAGE_PNG));
}

void materials_thumb_path(const struct db *db, const struct material *m, char *out, size_t size)
{
	snprintf(out, size, "%s.materials/%s/thumb.png", db->path, m->sha256);
}

void materials_page_path(const struct db *db, const struct material *m, int width, int page,
			 char *out, size_t size)
{
	snprintf(out, size, "%s.materials/%s/w%d/p%04d.png", db->path, m->sha256, width, page);
}

int materials_page_width(struct db *db)
{
	char text[32];
	long w;

	if (db_setting_get(db, "materials_page_width", text, sizeof text) < 0)
		return MATERIALS_DEFAULT_PAGE_WIDTH;
	w = strtol(text, NULL, 10);
	return w >= 200 && w <= 4000 ? (int)w : MATERIALS_DEFAULT_PAGE_WIDTH;
}

/* ---- files ---- */

static int remove_entry(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
	(void)sb;
	(void)flag;
	(void)ftw;
	remove(path);
	return 0;
}

void materials_remove_tree(const char *path)
{
	nftw(path, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
}

/* ---- rows ---- */

static void material_from_row(sqlite3_stmt *st, struct material *m)
{
	char text[CLOCK_TEXT], code[32];
	enum material_category cat = CAT_OTHER;
	char ignored[8];

	memset(m, 0, sizeof *m);
	m->id = sqlite3_column_int64(st, 0);
	db_column_text(st, 1, m->uuid, sizeof m->uuid);
	db_column_text(st, 2, m->title, sizeof m->title);
	db_column_text(st, 3, text, sizeof text);
	material_category_parse(text, &cat, ignored, sizeof ignored);
	m->category = cat;
	db_column_text(st, 4, code, sizeof code);
	m->kind = kind_parse(code);
	db_column_text(st, 5, m->file_name, sizeof m->file_name);
	db_column_text(st, 6, m->sha256, sizeof m->sha256);
	m->bytes = sqlite3_column_int64(st, 7);
	m->pages = sqlite3_column_int(st, 8);
	db_column_text(st, 9, m->show_from, sizeof m->show_from);
	db_column_text(st, 10, m->show_until, sizeof m->show_until);
	m->pinned = sqlite3_column_int(st, 11) != 0;
	db_column_text(st, 12, text, sizeof text);
	clock_parse(text, &m->imported_at);
	m->removed = sqlite3_column_int(st, 13) != 0;
}

int materials_by_sha(struct db *db, const char *sha, struct material *m)
{
	sqlite3_stmt *st = db_stmt(db, STMT_MATERIAL_BY_SHA);
	int rc;

	db_bind_text(st, ":sha256", sha);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		material_from_row(st, m);
	sqlite3_reset(st);
	return rc == SQLITE_ROW ? 1 : rc == SQLITE_DONE ? 0 : -1;
}

int materials_save(struct db *db, struct material *m, bool revive, const char *actor, char *err,
		   size_t errlen)
{
	sqlite3_stmt *st;
	char detail[1024];
	int rc = -1;

	if (db_begin(db, err, errlen) < 0)
		return -1;
	st = db_stmt(db, revive ? STMT_MATERIAL_REVIVE : STMT_MATERIAL_INSERT);
	if (revive) {
		db_bind_id(st, ":id", m->id);
	} else {
		db_bind_text(st, ":uuid", m->uuid);
		db_bind_text(st, ":kiosk_id", db->kiosk_id);
		db_bind_text(st, ":sha256", m->sha256);
	}
	db_bind_text(st, ":title", m->title);
	db_bind_text(st, ":category", material_category_name(m->category));
	db_bind_text(st, ":kind", material_kind_code(m->kind));
	db_bind_text(st, ":file_name", m->file_name);
	db_bind_int(st, ":bytes", m->bytes);
	db_bind_int(st, ":pages", m->pages);
	db_bind_text(st, ":show_from", m->show_from[0] ? m->show_from : NULL);
	db_bind_text(st, ":show_until", m->show_until[0] ? m->show_until : NULL);
	db_bind_int(st, ":pinned", m->pinned);
	db_bind_time(st, ":imported_at", m->imported_at);
	db_bind_text(st, ":imported_by", actor ? actor : "");
	if (db_exec_stmt(db, st, err, errlen) < 0)
		goto out;
	if (!revive)
		m->id = sqlite3_last_insert_rowid(db->sql);
	snprintf(detail, sizeof detail, "%s（%s，%s）", m->title, material_category_name(m->category),
		 m->file_name);
	if (db_audit(db, actor, "导入学习资料", m->uuid, detail, err, errlen) < 0)
		goto out;
	rc = 0;
out:
	return db_tx_end(db, true, rc, err, errlen);
}

/* ---- the index ---- */

bool material_visible(const struct material *m, time_t now)
{
	char today[DATE_TEXT];

	clock_format_date(now, today);
	return !m->removed && (!m->show_from[0] || strcmp(m->show_from, today) <= 0) &&
	       (!m->show_until[0] || strcmp(m->show_until, today) >= 0);
}

int materials_each(struct db *db, bool all, time_t now, material_fn fn, void *ctx, char *err,
		   size_t errlen)
{
	sqlite3_stmt *st = db_stmt(db, STMT_MATERIAL_LIST);
	struct material m;
	char today[DATE_TEXT];
	int rc;

	clock_format_date(now, today);
	db_bind_int(st, ":all", all);
	db_bind_text(st, ":today", today);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		material_from_row(st, &m);
		if (fn(ctx, &m)) {
			rc = SQLITE_DONE;
			break;
		}
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		db_error(db, "读取学习资料", err, errlen);
		return -1;
	}
	return 0;
}

int materials_get(struct db *db, int64_t id, struct material *m, char *err, size_t errlen)
{
	sqlite3_stmt *st = db_stmt(db, STMT_MATERIAL_GET);
	int rc;

	db_bind_id(st, ":id", id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		material_from_row(st, m);
	sqlite3_reset(st);
	if (rc == SQLITE_ROW)
		return 0;
	if (rc == SQLITE_DONE)
		snprintf(err, errlen, "没有编号为 %lld 的学习资料（kioskctl materials list 可查看）",
			 (long long)id);
	else
		db_error(db, "读取学习资料", err, errlen);
	return -1;
}

int materials_remove(struct db *db, int64_t id, const char *actor, char *err, size_t errlen)
{
	struct material m;
	sqlite3_stmt *st;
	char dir[1200];
	int rc = -1;

	if (materials_get(db, id, &m, err, errlen) < 0)
		return -1;
	if (m.removed) {
		snprintf(err, errlen, "“%s”已经删除过了", m.title);
		return -1;
	}
	if (db_begin(db, err, errlen) < 0)
		return -1;
	st = db_stmt(db, STMT_MATERIAL_REMOVE);
	db_bind_id(st, ":id", id);
	db_bind_time(st, ":now", time(NULL));
	if (db_exec_stmt(db, st, err, errlen) < 0 ||
	    db_audit(db, actor, "删除学习资料", m.uuid, m.title, err, errlen) < 0)
		goto out;
	rc = 0;
out:
	if (db_tx_end(db, true, rc, err, errlen) < 0)
		return -1;
	/* The row is gone from the screen first; then the files (a crash between leaves an
	 * orphan folder, which materials_clean removes). */
	materials_dir(db, &m, dir, sizeof dir);
	materials_remove_tree(dir);
	return 0;
}

int materials_set_pinned(struct db *db, int64_t id, bool pinned, const char *actor, char *err,
			 size_t errlen)
{
	struct material m;
	sqlite3_stmt *st;
	int rc = -1;

	if (materials_get(db, id, &m, err, errlen) < 0)
		return -1;
	if (db_begin(db, err, errlen) < 0)
		return -1;
	st = db_stmt(db, STMT_MATERIAL_PIN);
	db_bind_id(st, ":id", id);
	db_bind_int(st, ":pinned", pinned);
	if (db_exec_stmt(db, st, err, errlen) < 0 ||
	    db_audit(db, actor, pinned ? "置顶学习资料" : "取消置顶学习资料", m.uuid, m.title, err,
		     errlen) < 0)
		goto out;
	rc = 0;
out:
	return db_tx_end(db, true, rc, err, errlen);
}

int materials_clean(struct db *db)
{
	char root[1024], path[2048];
	struct dirent **names = NULL;
	sqlite3_stmt *st;
	struct stat sb;
	int n, i, removed = 0;

	materials_root(db, root, sizeof root);
	n = scandir(root, &names, NULL, alphasort);
	if (n < 0)
		return 0;
	for (i = 0; i < n; i++) {
		bool owned = false;
		const char *name = names[i]->d_name;

		if (strcmp(name, ".") == 0 || strcmp(name, "..") == 0) {
			free(names[i]);
			continue;
		}

		st = db_stmt(db, STMT_MATERIAL_SHAS);
		while (sqlite3_step(st) == SQLITE_ROW)
			if (strcmp((const char *)sqlite3_column_text(st, 0), name) == 0)
				owned = true;
		sqlite3_reset(st);
		snprintf(path, sizeof path, "%s/%s", root, name);
		/* An hour's grace: a folder this young may belong to an import running now. */
		if (!owned && lstat(path, &sb) == 0 && sb.st_mtime < time(NULL) - 3600) {
			materials_remove_tree(path);
			removed++;
		}
		free(names[i]);
	}
	free(names);
	return removed;
}
