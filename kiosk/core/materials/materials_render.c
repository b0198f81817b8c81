/* The sandboxed renderer of the materials import. A PDF or a picture from a stick is opened,
 * rendered and thumbnailed in a child process with a time limit and (outside sanitizer builds) a
 * memory limit: a file that crashes or hangs poppler or an image decoder costs that child, not
 * the kiosk or kioskctl. The child reports on a pipe, one line each: "N pages", "T title",
 * "P page done", "E why it failed"; a child silent for CHILD_QUIET_SECONDS is killed. */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "core/materials/materials_private.h"
#include "core/formats/pdf.h"
#include "core/formats/raster.h"

#define CHILD_QUIET_SECONDS 60 /* a child silent this long (one page) is stuck: killed */
#define CHILD_MEMORY (1536L * 1024 * 1024)

static void say(int fd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void say(int fd, const char *fmt, ...)
{
	char buf[1024];
	va_list ap;
	int n;
	ssize_t w;
	size_t off = 0;

	va_start(ap, fmt);
	n = vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	if ((size_t)n >= sizeof buf)
		n = sizeof buf - 1;
	while (off < (size_t)n && (w = write(fd, buf + off, (size_t)n - off)) > 0)
		off += (size_t)w;
}

/* In the child: save t as dir/thumb.png (and free it); says why not on fd. */
static int save_thumb(int fd, const char *dir, struct raster *t)
{
	char path[1200], err[512];

	snprintf(path, sizeof path, "%s/thumb.png", dir);
	if (raster_write_png(t, path, err, sizeof err) < 0) {
		say(fd, "E 无法保存缩略图，磁盘是否已满？\n");
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
		say(fd, "E %s\n", err);
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
		say(fd, "E %s\n", err);
		return 1;
	}
	say(fd, "N 1\n");
	if (raster_scale(&r, r.w < MATERIALS_THUMB_WIDTH ? r.w : MATERIALS_THUMB_WIDTH, &t) < 0) {
		say(fd, "E 无法保存缩略图，磁盘是否已满？\n");
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
	say(fd, "P 1\n");
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
		say(fd, "E %s\n", err);
		return 1;
	}
	pages = pdf_pages(p);
	say(fd, "N %d\n", pages);
	pdf_title(p, title, sizeof title);
	if (title[0])
		say(fd, "T %s\n", title);
	if (pdf_render(p, 0, MATERIALS_THUMB_WIDTH, &t, err, sizeof err) < 0) {
		say(fd, "E %s\n", err);
		return 1;
	}
	if (save_thumb(fd, dir, &t) < 0)
		return 1;
	if (page_width > 0)
		make_page_dir(dir, page_width);
	for (i = 0; i < pages; i++) {
		if (pdf_render(p, i, page_width > 0 ? page_width : 120, &r, err, sizeof err) < 0) {
			say(fd, "E %s\n", err);
			return 1;
		}
		if (page_width > 0 && save_page(fd, dir, page_width, i + 1, &r) < 0)
			return 1;
		raster_free(&r);
		say(fd, "P %d\n", i + 1);
	}
	pdf_close(p);
	return 0;
}

/* AddressSanitizer reserves terabytes of address space, so a memory limit would kill the child at
 * once. Asked at run time (its entry point is there or not), so a program linked with it finds
 * out even when this file was compiled without it. */
extern void __asan_init(void) __attribute__((weak));

static bool under_asan(void)
{
	return __asan_init != NULL;
}

int materials_render(const char *dir, const char *source, enum material_kind kind,
		     enum image_type image, int page_width, materials_page_fn *on_page, void *ctx,
		     struct materials_rendered *out)
{
	int fds[2], status = 0, rc = -1;
	char buf[2048];
	size_t have = 0;
	bool timed_out = false, eof = false;
	pid_t pid;

	memset(out, 0, sizeof *out);
	if (pipe2(fds, O_CLOEXEC) < 0) {
		snprintf(out->err, sizeof out->err, "系统资源不足，无法处理");
		return -1;
	}
	pid = fork();
	if (pid < 0) {
		close(fds[0]);
		close(fds[1]);
		snprintf(out->err, sizeof out->err, "系统资源不足，无法处理");
		return -1;
	}
	if (pid == 0) {
		int devnull = open("/dev/null", O_WRONLY);
		struct rlimit lim = { CHILD_MEMORY, CHILD_MEMORY };

		if (!under_asan())
			setrlimit(RLIMIT_AS, &lim);
		close(fds[0]);
		/* Decoders complain on stderr about every oddity; staff see our one line instead. */
		if (devnull >= 0)
			dup2(devnull, STDERR_FILENO);
		_exit(kind == MAT_IMAGE ? render_image(fds[1], dir, source, image, page_width)
					 : render_pdf(fds[1], dir, source, page_width));
	}
	close(fds[1]);
	while (!eof) {
		struct pollfd pfd = { fds[0], POLLIN, 0 };
		int r = poll(&pfd, 1, CHILD_QUIET_SECONDS * 1000);
		ssize_t got;
		char *nl;

		if (r == 0) {
			timed_out = true;
			kill(pid, SIGKILL);
			break;
		}
		if (r < 0) {
			if (errno == EINTR)
				continue;
			break;
		}
		got = read(fds[0], buf + have, sizeof buf - 1 - have);
		if (got < 0 && errno == EINTR)
			continue;
		if (got <= 0) {
			eof = true;
			got = 0;
		}
		have += (size_t)got;
		buf[have] = '\0';
		while ((nl = memchr(buf, '\n', have)) != NULL) {
			*nl = '\0';
			if (buf[0] == 'N')
				out->pages = atoi(buf + 2);
			else if (buf[0] == 'T')
				snprintf(out->title, sizeof out->title, "%s", buf + 2);
			else if (buf[0] == 'E')
				snprintf(out->err, sizeof out->err, "%s", buf + 2);
			else if (buf[0] == 'P' && on_page)
				on_page(ctx, atoi(buf + 2), out->pages);
			have -= (size_t)(nl + 1 - buf);
			memmove(buf, nl + 1, have);
		}
		if (have == sizeof buf - 1) /* a line that long is not ours */
			have = 0;
	}
	close(fds[0]);
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	if (timed_out)
		snprintf(out->err, sizeof out->err, "处理时间太长（超过 %d 秒没有进展），可能已损坏；"
			 "请在电脑上重新导出再导入", CHILD_QUIET_SECONDS);
	else if (WIFEXITED(status) && WEXITSTATUS(status) == 0 && !out->err[0])
		rc = 0;
	else if (!out->err[0])
		snprintf(out->err, sizeof out->err, "文件已损坏，打开时出错；请在电脑上重新导出再导入");
	return rc;
}
