/* Study materials (学习资料): importing PDF, pictures and text from a USB stick or a folder, the
 * index members browse, and where each material's files are kept.
 *
 * Files live beside the database in "<db>.materials/<sha256>/": the source as imported
 * (source.pdf, source.png, source.jpg, source.txt, source.md), a thumbnail of the first page
 * (thumb.png) and pages rendered for a screen width W (wW/p0001.png ...). Rendered pages are a
 * cache: any that are missing are made again from the source when a page is shown. */
#ifndef KIOSK_CORE_MATERIALS_H
#define KIOSK_CORE_MATERIALS_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "core/base/clock.h"
#include "core/base/uuid.h"

struct db;
struct job;

enum material_category {
	CAT_RULES,   /* 党章党规 */
	CAT_THEORY,  /* 理论学习 */
	CAT_NOTICE,  /* 通知公告 */
	CAT_HISTORY, /* 党史 */
	CAT_OTHER,   /* 其他 */
	CAT_COUNT
};

enum material_kind { MAT_PDF, MAT_IMAGE, MAT_TEXT, MAT_MARKDOWN };

#define MATERIAL_TEXT 256
#define MATERIAL_TITLE_CHARS 60 /* a title longer than this is cut (with …) */
#define SHA256_HEX 65

struct material {
	int64_t id;
	char uuid[UUID_LEN];
	char title[MATERIAL_TEXT];
	enum material_category category;
	enum material_kind kind;
	char file_name[MATERIAL_TEXT];
	char sha256[SHA256_HEX];
	int64_t bytes;
	int pages;                  /* 0 for text: its pages depend on the screen and text size */
	char show_from[DATE_TEXT];  /* "" when open */
	char show_until[DATE_TEXT];
	bool pinned;
	time_t imported_at;
	bool removed;
};

/* 党章党规, 理论学习, 通知公告, 党史, 其他. */
const char *material_category_name(enum material_category c);
/* The category named; -1 with err listing them. */
int material_category_parse(const char *name, enum material_category *c, char *err,
			    size_t errlen);
/* "pdf", "image", "text", "markdown": as stored. */
const char *material_kind_code(enum material_kind k);
/* "PDF", "图片", "文字": for people. */
const char *material_kind_label(enum material_kind k);
/* Is the kind laid out as text (.txt, .md), rather than shown as pages (PDF, pictures)? */
bool material_kind_is_text(enum material_kind k);

/* The folder holding every material's files: "<db path>.materials". */
void materials_root(const struct db *db, char *out, size_t size);
/* One material's folder, its source, its thumbnail, page (1-based) rendered at width. */
void materials_dir(const struct db *db, const struct material *m, char *out, size_t size);
void materials_source_path(const struct db *db, const struct material *m, char *out, size_t size);
void materials_thumb_path(const struct db *db, const struct material *m, char *out, size_t size);
void materials_page_path(const struct db *db, const struct material *m, int width, int page,
			 char *out, size_t size);

/* The width pages are rendered at when nothing else is known: the reader on a 10" panel. The
 * kiosk records its own in the setting "materials_page_width" when the reader first opens. */
#define MATERIALS_DEFAULT_PAGE_WIDTH 1000
#define MATERIALS_THUMB_WIDTH 400
int materials_page_width(struct db *db);

/* Limits on what an import takes. */
#define MATERIALS_MAX_FILES 2000
#define MATERIALS_MAX_DEPTH 6
#define MATERIALS_MAX_BYTES (200L * 1024 * 1024)

struct import_progress {
	int files_done, files_total; /* files finished (imported, skipped or refused) / found */
	int page, pages;             /* pages of the current file rendered so far / its pages */
	const char *file;            /* the current file, as shown to staff */
};

struct import_options {
	const char *actor;           /* who imports, for the audit log */
	time_t now;
	int page_width;              /* render every page at this width now; 0: only when shown */
	bool has_category;           /* use category for every file, not the folders' names */
	enum material_category category;
	char show_from[DATE_TEXT];   /* "" or "YYYY-MM-DD" */
	char show_until[DATE_TEXT];
	bool pinned;
	/* Called as the import goes (on the thread running it). */
	void (*progress)(void *ctx, const struct import_progress *p);
	/* One line per file refused: which file, why, what to do. */
	void (*problem)(void *ctx, const char *line);
	/* Each file taken in; duplicate when the same file was there already. */
	void (*imported)(void *ctx, const struct material *m, bool duplicate);
	void *ctx;
	/* Set (from any thread) to stop after the file being worked on. */
	atomic_bool *cancel;
};

struct import_result {
	int found;      /* files looked at */
	int imported;
	int duplicates; /* already there (same SHA-256): kept once */
	int refused;
	int skipped;    /* hidden and system files (.DS_Store, Thumbs.db ...), not reported */
};

/* Import files and folders (walked to MATERIALS_MAX_DEPTH, in name order). Each file is taken in
 * whole or not at all, in its own transaction, and a bad one never stops the others: it is
 * reported through problem() and counted as refused. Returns 0 when the import ran (whatever it
 * refused), -1 with err when it could not run at all (no folder for the files, database error). */
int materials_import(struct db *db, const char *const *paths, int npaths,
		     const struct import_options *o, struct import_result *res, char *err,
		     size_t errlen);

/* The same as a background job (core/base/job.h) with its own database connection, for the
 * screen: job_poll gives the files done ("已完成 3/7：文件名") and job_problem_get the lines of
 * the files refused; job_cancel stops it after the file being worked on. o's callbacks and
 * cancel flag are the job's own (those given are not used). NULL with err when it cannot start. */
struct job *materials_job_start(const char *db_path, const char *const *paths, int npaths,
				const struct import_options *o, char *err, size_t errlen);
/* What the import did, once job_poll says finished. */
const struct import_result *materials_job_result(struct job *job);

typedef int (*material_fn)(void *ctx, const struct material *m);

/* Materials members may see on now's date (not removed, within show-from/until), pinned first,
 * then newest first; with all, every material including removed and hidden ones. */
int materials_each(struct db *db, bool all, time_t now, material_fn fn, void *ctx, char *err,
		   size_t errlen);
int materials_get(struct db *db, int64_t id, struct material *m, char *err, size_t errlen);

/* Is m shown to members on now's date? */
bool material_visible(const struct material *m, time_t now);

/* Take a material off the screen and delete its files; its row stays for the study records
 * that name it. */
int materials_remove(struct db *db, int64_t id, const char *actor, char *err, size_t errlen);
int materials_set_pinned(struct db *db, int64_t id, bool pinned, const char *actor, char *err,
			 size_t errlen);

/* Delete folders under the materials root that no material owns and that are over an hour old
 * (left by an import the power cut short, or by a material removed). Returns how many. */
int materials_clean(struct db *db);

#endif
