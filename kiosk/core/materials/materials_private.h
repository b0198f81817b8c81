/* What the files of the study materials share among themselves and nobody else: the table of
 * file types, where a material's files go, the row by hash and its saving (materials.c), and the
 * sandboxed renderer (materials_render.c) the import (materials_import.c) runs each PDF and
 * picture through. Screens and kioskctl include materials.h only. */
#ifndef KIOSK_CORE_MATERIALS_PRIVATE_H
#define KIOSK_CORE_MATERIALS_PRIVATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/formats/imageinfo.h"
#include "core/materials/materials.h"

/* A file type the import takes, by its extension. */
struct material_type {
	const char *ext;     /* lower case, without the dot */
	enum material_kind kind;
	long max_bytes;      /* larger files are refused before they are copied */
	bool is_text;        /* parsed as text here; otherwise opened by the render child */
};

/* The type a lower-case extension names, or NULL when the import does not take it. */
const struct material_type *materials_type_of(const char *ext);

/* The import's checks (materials_check.c). A file or folder name a FAT stick can hold and that
 * does not climb out: NULL when fine, else why not, for staff. */
const char *materials_check_name(const char *name);
/* The same for every part of a relative path. */
const char *materials_check_path(const char *rel);
/* Hidden and system files (.DS_Store, Thumbs.db, System Volume Information ...). */
bool materials_check_junk(const char *name, bool dir);
/* Does a path given on the command line have a ".." part? */
bool materials_check_dotdot(const char *path);
/* What a file's first bytes say it is ("Windows 程序（.exe）", "PNG 图片" ...), or NULL. */
const char *materials_check_looks_like(const uint8_t *head, size_t n);
/* Do the first bytes start a PDF (after up to 1 KB of junk, as the standard allows)? */
bool materials_check_is_pdf(const uint8_t *head, size_t n);

/* The source's name inside a material's folder: source.pdf, source.png, source.jpg, ... */
const char *materials_source_name(enum material_kind kind, enum image_type image);
/* The folder of the material whose file has this SHA-256. */
void materials_dir_of(const struct db *db, const char *sha, char *out, size_t size);
/* rm -rf, without following links. */
void materials_remove_tree(const char *path);

/* The row with this hash; 1 found, 0 not, -1 database error. */
int materials_by_sha(struct db *db, const char *sha, struct material *m);
/* Insert m (or, with revive, bring back the removed row m->id) and audit it, in one
 * transaction. */
int materials_save(struct db *db, struct material *m, bool revive, const char *actor, char *err,
		   size_t errlen);

/* What the render child found out about a file. */
struct materials_rendered {
	int pages;
	char title[MATERIAL_TEXT]; /* a PDF's own title, when it has one */
	char err[512];             /* why it failed, for staff */
};

/* Called in the parent as the child finishes each page. */
typedef void materials_page_fn(void *ctx, int page, int pages);

/* Open source (a PDF or a picture) in a child process with a time limit and a memory limit,
 * writing thumb.png and, when page_width > 0, every page at that width into dir. 0, or -1 with
 * out->err. */
int materials_render(const char *dir, const char *source, enum material_kind kind,
		     enum image_type image, int page_width, materials_page_fn *on_page, void *ctx,
		     struct materials_rendered *out);

#endif
