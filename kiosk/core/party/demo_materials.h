/* The demo's study materials, all written for this project: Markdown and text from
 * assets/demo/materials/ (embedded at build time), a PDF guide to the kiosk and a poster picture
 * drawn here with cairo, so nothing binary is kept in the repository. The PDF writer also makes
 * long test documents for the tests and benchmarks. */
#ifndef KIOSK_CORE_DEMO_MATERIALS_H
#define KIOSK_CORE_DEMO_MATERIALS_H

#include "core/base/embedded.h"

#include <stddef.h>
#include <time.h>

struct db;

/* assets/demo/materials/, embedded by kiosk/tools/embed_demo.sh: name is "CATEGORY/FILE". */
extern const struct embedded_file demo_files[];
extern const int demo_files_count;

/* The twelve-page guide "党员活动室使用指南" (A4, with its title in the metadata). */
int demo_materials_guide_pdf(const char *path, char *err, size_t errlen);

/* A test document of pages A4 pages, each saying which page it is in large type. */
int demo_materials_test_pdf(const char *path, int pages, char *err, size_t errlen);

/* The poster "活动室开放时间" as a PNG. */
int demo_materials_poster_png(const char *path, char *err, size_t errlen);

/* Import all of the above into db as if staff had brought them on a stick over the last weeks
 * before now (one pinned notice, one expired and so hidden). Pages are rendered when shown. */
int demo_materials_import(struct db *db, time_t now, char *err, size_t errlen);

#endif
