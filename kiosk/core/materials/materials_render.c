/* The sandboxed renderer of the materials import. A PDF or a picture from a stick is opened,
 * rendered and thumbnailed in a child process with a time limit and (outside sanitizer builds) a
 * memory limit (core/base/sandbox.c): a file that crashes or hangs poppler or an image decoder
 * costs that child, not the kiosk or kioskctl. The child reports on a pipe, one line each: "N pages", "T title",
 * "P page done", "E why it failed"; a child silent for CHILD_QUIET_SECONDS is killed. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "core/materials/materials_private.h"
#include "core/base/sandbox.h"
#include "core/formats/pdf.h"
#include "core/formats/raster.h"

#define CHILD_QUIET_SECONDS 60 /* a child silent this long (one page) is stuck: killed */
#define CHILD_MEMORY (1536L * 1024 * 1024)

/* In the child: save t as dir/thumb.png (and free it); says why not on fd. */
static int save_thumb(int fd, const char *dir, struct raster *t)
{
	char path[1200], err[512];

	snprintf(path, sizeof path, "%s/thumb.png", dir);
	if (raster_write_png(t, path, err, sizeof err) < 0) {
		sandbox_say(fd, "E 无法保存缩略图，磁盘是否已满？\n");
		return -1;
	}
	raster_free(t);
	return 0;
}

/* In the child: the folder for pages at width, dir/wWIDTH. */
static void make_page_dir(const char *dir, int width)
{
	char path[1200];

	snprintf(path, sizeof path, "%s/w%d", dir, width);
	mkdir(path, 0755);
}

/* In the child: save page (1-based) as dir/wWIDTH/pNNNN.png; says why not on fd. */
static int save_page(int fd, const char *dir, int width, int page, const struct raster *r)
{
	char path[1200], err[512];

	snprintf(path, sizeof path, "%s/w%d/p%04d.png", dir, width, page);
	if (raster_write_png(r, path, err, sizeof err) < 0) {
		sandbox_say(fd, "E %s\n", err);
		return -1;
	}
	return 0;
}

/* In the child: a picture's thumbnail and its one page. Returns the exit code. */
static int render_image(int fd, const char *dir, const char *source, enum image_type image,
			int page_width)
{
	int want = page_width > MATERIALS_THUMB_WIDTH ? page_width : MATERIALS_THUMB_WIDTH;
	struct raster r, t;
	char err[512];

	if (raster_load_image(source, image, want, &r, err, sizeof err) < 0) {
		sandbox_say(fd, "E %s\n", err);
		return 1;
	}
	sandbox_say(fd, "N 1\n");
	if (raster_scale(&r, r.w < MATERIALS_THUMB_WIDTH ? r.w : MATERIALS_THUMB_WIDTH, &t) < 0) {
		sandbox_say(fd, "E 无法保存缩略图，磁盘是否已满？\n");
		return 1;
	}
	if (save_thumb(fd, dir, &t) < 0)
		return 1;
	if (page_width > 0) {
		make_page_dir(dir, page_width);
		if (save_page(fd, dir, page_width, 1, &r) < 0)
			return 1;
	}
	raster_free(&r);
	sandbox_say(fd, "P 1\n");
	return 0;
}

/* In the child: a PDF's title, thumbnail and pages. Every page is opened at import, even when
 * not rendered now: a page that cannot be drawn is found here, not by a member. Returns the
 * exit code. */
static int render_pdf(int fd, const char *dir, const char *source, int page_width)
{
	struct pdf *p;
	struct raster r, t;
	char title[MATERIAL_TEXT], err[512];
	int i, pages;

	if (!(p = pdf_open(source, err, sizeof err))) {
		sandbox_say(fd, "E %s\n", err);
		return 1;
	}
	pages = pdf_pages(p);
	sandbox_say(fd, "N %d\n", pages);
	pdf_title(p, title, sizeof title);
	if (title[0])
		sandbox_say(fd, "T %s\n", title);
	if (pdf_render(p, 0, MATERIALS_THUMB_WIDTH, &t, err, sizeof err) < 0) {
		sandbox_say(fd, "E %s\n", err);
		return 1;
	}
	if (save_thumb(fd, dir, &t) < 0)
		return 1;
	if (page_width > 0)
		make_page_dir(dir, page_width);
	for (i = 0; i < pages; i++) {
		if (pdf_render(p, i, page_width > 0 ? page_width : 120, &r, err, sizeof err) < 0) {
			sandbox_say(fd, "E %s\n", err);
			return 1;
		}
		if (page_width > 0 && save_page(fd, dir, page_width, i + 1, &r) < 0)
			return 1;
		raster_free(&r);
		sandbox_say(fd, "P %d\n", i + 1);
	}
	pdf_close(p);
	return 0;
}

struct render_job {
	const char *dir, *source;
	enum material_kind kind;
	enum image_type image;
	int page_width;
	materials_page_fn *on_page;
	void *ctx;
	struct materials_rendered *out;
};

/* In the child. */
static int render_child(void *arg, int fd)
{
	struct render_job *j = arg;

	return j->kind == MAT_IMAGE ? render_image(fd, j->dir, j->source, j->image, j->page_width)
				    : render_pdf(fd, j->dir, j->source, j->page_width);
}

/* In the parent: one line from the child. */
static void render_line(void *ctx, char *line)
{
	struct render_job *j = ctx;

	if (line[0] == 'N')
		j->out->pages = atoi(line + 2);
	else if (line[0] == 'T')
		snprintf(j->out->title, sizeof j->out->title, "%s", line + 2);
	else if (line[0] == 'E')
		snprintf(j->out->err, sizeof j->out->err, "%s", line + 2);
	else if (line[0] == 'P' && j->on_page)
		j->on_page(j->ctx, atoi(line + 2), j->out->pages);
}

int materials_render(const char *dir, const char *source, enum material_kind kind,
		     enum image_type image, int page_width, materials_page_fn *on_page, void *ctx,
		     struct materials_rendered *out)
{
	static const struct sandbox_limits lim = { CHILD_MEMORY, CHILD_QUIET_SECONDS };
	struct render_job j = { dir, source, kind, image, page_width, on_page, ctx, out };
	enum sandbox_end end;

	memset(out, 0, sizeof *out);
	end = sandbox_run(&lim, render_child, &j, render_line, &j);
	if (end == SANDBOX_NO_CHILD)
		snprintf(out->err, sizeof out->err, "系统资源不足，无法处理");
	else if (end == SANDBOX_TIMED_OUT)
		snprintf(out->err, sizeof out->err, "处理时间太长（超过 %d 秒没有进展），可能已损坏；"
			 "请在电脑上重新导出再导入", CHILD_QUIET_SECONDS);
	else if (end == SANDBOX_EXITED_OK && !out->err[0])
		return 0;
	else if (!out->err[0])
		snprintf(out->err, sizeof out->err, "文件已损坏，打开时出错；请在电脑上重新导出再导入");
	return -1;
}
