/* Importing study materials so that a bad file can never hurt the kiosk:
 *
 * - names are checked first (valid UTF-8, nothing FAT cannot hold, no "..", no symbolic links
 *   when walking a stick), then the first bytes decide what a file really is, whatever its name
 *   says (an .exe renamed .pdf is refused as a program), then sizes (a 20000x20000 picture is
 *   refused from its header, before anything is decoded);
 * - the file is copied into a temporary folder while it is hashed, and everything after works on
 *   that copy, so a stick pulled half-way or a file changed under us cannot mix two versions;
 * - PDFs and pictures are opened, rendered and thumbnailed in a child process with a time limit
 *   and (outside sanitizer builds) a memory limit: a file that crashes or hangs the decoder
 *   costs that child, not the kiosk;
 * - the finished folder is renamed into place, then the row is committed: a power cut leaves
 *   either nothing or an orphan folder (materials_clean removes it), never a row without files.
 *
 * Each file is reported in one Chinese line saying which file, why, and what to do. */
#include "core/materials.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <sodium.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "core/db.h"
#include "core/imageinfo.h"
#include "core/markdown.h"
#include "core/pdf.h"
#include "core/raster.h"
#include "core/utf8.h"
#include "core/syserr.h"

#define HEAD_BYTES IMAGEINFO_SCAN_BYTES
#define TAIL_BYTES 2048
#define CHILD_QUIET_SECONDS 60 /* a child silent this long (one page) is stuck: killed */
#define CHILD_MEMORY (1536L * 1024 * 1024)

static const char *const category_names[CAT_COUNT] = {
	[CAT_RULES] = "党章党规", [CAT_THEORY] = "理论学习", [CAT_NOTICE] = "通知公告",
	[CAT_HISTORY] = "党史",   [CAT_OTHER] = "其他",
};

static const char *const kind_codes[] = {
	[MAT_PDF] = "pdf", [MAT_IMAGE] = "image", [MAT_TEXT] = "text",
	[MAT_MARKDOWN] = "markdown",
};

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

static void dir_of(const struct db *db, const char *sha, char *out, size_t size)
{
	snprintf(out, size, "%s.materials/%s", db->path, sha);
}

void materials_dir(const struct db *db, const struct material *m, char *out, size_t size)
{
	dir_of(db, m->sha256, out, size);
}

static const char *source_name(enum material_kind kind, enum image_type image)
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
		 source_name(m->kind, IMAGE_PNG));
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

/* ---- small helpers ---- */

static int remove_entry(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
	(void)sb;
	(void)flag;
	(void)ftw;
	remove(path);
	return 0;
}

/* rm -rf, without following links. */
static void remove_tree(const char *path)
{
	nftw(path, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
}

static int fsync_path(const char *path, bool dir)
{
	int fd = open(path, (dir ? O_RDONLY | O_DIRECTORY : O_RDONLY) | O_CLOEXEC), rc;

	if (fd < 0)
		return -1;
	rc = fsync(fd);
	close(fd);
	return rc;
}

static const char *base_name(const char *path)
{
	const char *slash = strrchr(path, '/');

	return slash ? slash + 1 : path;
}

/* The extension of a name, lower-cased, without the dot ("" when none). */
static void extension(const char *name, char *out, size_t size)
{
	const char *dot = strrchr(name, '.');
	size_t i;

	out[0] = '\0';
	if (!dot || dot == name || strlen(dot + 1) >= size)
		return;
	for (i = 0; dot[1 + i]; i++)
		out[i] = (char)(dot[1 + i] >= 'A' && dot[1 + i] <= 'Z' ? dot[1 + i] - 'A' + 'a' : dot[1 + i]);
	out[i] = '\0';
}

/* Cut s to at most max code points, ending with … when cut. */
static void cut_title(char *s, size_t size, size_t max)
{
	size_t i = 0, chars = 0;

	while (s[i] && chars < max) {
		uint32_t cp;
		size_t len = utf8_decode(s + i, strlen(s + i), &cp);
		if (len == 0)
			break;
		i += len;
		chars++;
	}
	if (s[i] && i + 4 <= size) {
		memcpy(s + i, "…", 4);
	} else {
		s[i] = '\0';
	}
}

/* The name without its extension, as a title. */
static void stem_title(const char *name, char *out, size_t size)
{
	const char *dot = strrchr(name, '.');
	size_t n = dot && dot != name ? (size_t)(dot - name) : strlen(name);

	if (n >= size)
		n = size - 1;
	while (n > 0 && ((unsigned char)name[n] & 0xC0) == 0x80)
		n--;
	memcpy(out, name, n);
	out[n] = '\0';
}

/* ---- names: what FAT can hold, and nothing that climbs out of the folder ---- */

/* Check one name (a file or folder, not a path); NULL when fine, else why not. */
static const char *name_problem(const char *name)
{
	size_t n = strlen(name), i;

	if (n == 0)
		return "名字是空的";
	if (strcmp(name, "..") == 0 || strcmp(name, ".") == 0)
		return "路径里有“..”，可能指向 U 盘以外的地方，为安全起见不导入";
	if (utf8_invalid_at(name, n) != n)
		return "文件名里有乱码（不是 UTF-8）；请在电脑上把文件改个名字再导入";
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)name[i];
		if (c < 0x20 || c == 0x7F || strchr("<>:\"\\|?*", c))
			return "文件名里有 U 盘（FAT 格式）不允许的字符（如 \\ : * ? \" < > |）；"
			       "请在电脑上把文件改个名字再导入";
	}
	if (name[n - 1] == ' ' || name[n - 1] == '.')
		return "文件名以空格或点结尾，U 盘（FAT 格式）不允许；请在电脑上把文件改个名字再导入";
	if (n > 255)
		return "文件名太长；请在电脑上把文件改个短一点的名字再导入";
	return NULL;
}

/* Check every part of a relative path. */
static const char *path_problem(const char *rel)
{
	char part[512];
	const char *p = rel;

	while (*p) {
		size_t n = strcspn(p, "/");
		const char *why;
		if (n >= sizeof part)
			return "文件名太长；请在电脑上把文件改个短一点的名字再导入";
		memcpy(part, p, n);
		part[n] = '\0';
		if (n > 0 && (why = name_problem(part)) != NULL)
			return why;
		p += n;
		if (*p == '/')
			p++;
	}
	return NULL;
}

/* Files a computer leaves on a stick that nobody means to import. */
static bool is_junk(const char *name, bool dir)
{
	static const char *const files[] = { "Thumbs.db", "desktop.ini", "ehthumbs.db" };
	static const char *const dirs[] = { "System Volume Information", "$RECYCLE.BIN",
					    "RECYCLER", "__MACOSX", "LOST.DIR" };
	size_t i;

	if (name[0] == '.')
		return true;
	for (i = 0; !dir && i < sizeof files / sizeof files[0]; i++)
		if (strcasecmp(name, files[i]) == 0)
			return true;
	for (i = 0; dir && i < sizeof dirs / sizeof dirs[0]; i++)
		if (strcasecmp(name, dirs[i]) == 0)
			return true;
	return false;
}

/* ---- the import ---- */

struct entry {
	char *path;      /* to open */
	char *rel;       /* as shown to staff: below the folder given, or the file's name */
	bool walked;     /* found in a folder (links are not followed there) */
	enum material_category category;
};

struct importer {
	struct db *db;
	const struct import_options *o;
	struct import_result *res;
	char root[1024];
	struct entry *list;
	int n, cap;
	bool too_many;
	int files_done;
};

static void progress(struct importer *im, const char *file, int page, int pages)
{
	struct import_progress p = { im->files_done, im->n, page, pages, file };

	if (im->o->progress)
		im->o->progress(im->o->ctx, &p);
}

static void refuse(struct importer *im, const char *file, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void refuse(struct importer *im, const char *file, const char *fmt, ...)
{
	char why[768], line[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(why, sizeof why, fmt, ap);
	va_end(ap);
	snprintf(line, sizeof line, "%s：%s", file, why);
	im->res->refused++;
	if (im->o->problem)
		im->o->problem(im->o->ctx, line);
}

/* The category named by the deepest folder on the path whose name contains one ("党史",
 * "03 党史学习" ...); 其他 when none does. */
static enum material_category category_of(const char *path)
{
	char buf[1024], *slash;
	int c;

	snprintf(buf, sizeof buf, "%s", path);
	while ((slash = strrchr(buf, '/')) != NULL) {
		const char *dir;
		*slash = '\0';
		dir = strrchr(buf, '/') ? strrchr(buf, '/') + 1 : buf;
		for (c = 0; c < CAT_OTHER; c++)
			if (strstr(dir, category_names[c]))
				return (enum material_category)c;
	}
	return CAT_OTHER;
}

static void add_entry(struct importer *im, const char *path, const char *rel, bool walked)
{
	struct entry *e;

	if (im->n == MATERIALS_MAX_FILES) {
		im->too_many = true;
		return;
	}
	if (im->n == im->cap) {
		int cap = im->cap ? im->cap * 2 : 32;
		struct entry *l = realloc(im->list, (size_t)cap * sizeof *l);
		if (!l)
			return;
		im->list = l;
		im->cap = cap;
	}
	e = &im->list[im->n];
	e->path = strdup(path);
	e->rel = strdup(rel);
	if (!e->path || !e->rel) {
		free(e->path);
		free(e->rel);
		return;
	}
	e->walked = walked;
	e->category = im->o->has_category ? im->o->category : category_of(path);
	im->n++;
}

static int skip_dots(const struct dirent *d)
{
	return strcmp(d->d_name, ".") != 0 && strcmp(d->d_name, "..") != 0;
}

/* Collect the files under dir (shown as rel), in name order. */
static void walk(struct importer *im, const char *dir, const char *rel, int depth)
{
	struct dirent **names = NULL;
	int n, i;

	n = scandir(dir, &names, skip_dots, alphasort);
	if (n < 0) {
		refuse(im, rel[0] ? rel : dir, "无法打开这个文件夹（%s）", syserr(errno));
		return;
	}
	for (i = 0; i < n; i++) {
		char path[2048], sub[1024];
		const char *name = names[i]->d_name, *why;
		struct stat sb;

		snprintf(path, sizeof path, "%s/%s", dir, name);
		if (rel[0])
			snprintf(sub, sizeof sub, "%s/%s", rel, name);
		else
			snprintf(sub, sizeof sub, "%s", name);
		if (lstat(path, &sb) < 0)
			continue;
		/* A bad name is reported even when it looks hidden ("..\\evil.pdf"). */
		if ((why = name_problem(name)) != NULL) {
			im->res->found++;
			refuse(im, sub, "%s", why);
			continue;
		}
		if (is_junk(name, S_ISDIR(sb.st_mode))) {
			im->res->skipped++;
			continue;
		}
		im->res->found += !S_ISDIR(sb.st_mode);
		if (S_ISLNK(sb.st_mode)) {
			refuse(im, sub, "是快捷方式（符号链接），可能指向 U 盘以外的地方，为安全起见不导入");
		} else if (S_ISDIR(sb.st_mode)) {
			if (depth + 1 > MATERIALS_MAX_DEPTH)
				refuse(im, sub, "文件夹套得太深（超过 %d 层），里面的文件没有导入；"
				       "请把文件放到浅一些的文件夹里", MATERIALS_MAX_DEPTH);
			else
				walk(im, path, sub, depth + 1);
		} else if (S_ISREG(sb.st_mode)) {
			add_entry(im, path, sub, true);
		}
	}
	for (i = 0; i < n; i++)
		free(names[i]);
	free(names);
}

static bool has_dotdot(const char *path)
{
	const char *p = path;

	while ((p = strstr(p, "..")) != NULL) {
		if ((p == path || p[-1] == '/') && (p[2] == '\0' || p[2] == '/'))
			return true;
		p += 2;
	}
	return false;
}

/* What a file's first bytes say it is, for telling staff what they gave us. */
static const char *looks_like(const uint8_t *h, size_t n)
{
	if (n >= 2 && h[0] == 'M' && h[1] == 'Z')
		return "Windows 程序（.exe）";
	if (n >= 4 && memcmp(h, "\x7F" "ELF", 4) == 0)
		return "电脑程序";
	if (n >= 4 && memcmp(h, "PK\x03\x04", 4) == 0)
		return "压缩包或 Word/Excel/WPS 文档（.docx、.xlsx、.zip）";
	if (n >= 8 && memcmp(h, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) == 0)
		return "旧版 Word/Excel/WPS 文档（.doc、.xls、.wps）";
	if (n >= 5 && memcmp(h, "{\\rtf", 5) == 0)
		return "RTF 文档";
	if (n >= 6 && (memcmp(h, "GIF87a", 6) == 0 || memcmp(h, "GIF89a", 6) == 0))
		return "GIF 图片";
	if (n >= 2 && h[0] == 'B' && h[1] == 'M')
		return "BMP 图片";
	if (n >= 12 && memcmp(h, "RIFF", 4) == 0 && memcmp(h + 8, "WEBP", 4) == 0)
		return "WebP 图片";
	if (n >= 4 && (memcmp(h, "Rar!", 4) == 0 || memcmp(h, "7z\xBC\xAF", 4) == 0))
		return "压缩包";
	if (imageinfo_type(h, n) == IMAGE_PNG)
		return "PNG 图片";
	if (imageinfo_type(h, n) == IMAGE_JPEG)
		return "JPEG 图片";
	return NULL;
}

static bool is_pdf(const uint8_t *h, size_t n)
{
	size_t i;

	/* The header may follow up to 1 KB of junk (the PDF standard allows it). */
	for (i = 0; i + 5 <= n && i < 1024; i++)
		if (memcmp(h + i, "%PDF-", 5) == 0)
			return true;
	return false;
}

/* ---- the child that opens PDFs and pictures ---- */

struct child_out {
	int pages;
	char title[MATERIAL_TEXT];
	char err[512];
};

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

/* In the child: write thumb.png and the pages into dir; report on fd. Returns the exit code. */
static int child_render(int fd, const char *dir, const char *source, enum material_kind kind,
			enum image_type image, int page_width)
{
	char path[1200], err[512];
	struct raster r, t;
	int i, pages;

	if (kind == MAT_IMAGE) {
		int want = page_width > MATERIALS_THUMB_WIDTH ? page_width : MATERIALS_THUMB_WIDTH;
		if (raster_load_image(source, image, want, &r, err, sizeof err) < 0) {
			say(fd, "E %s\n", err);
			return 1;
		}
		say(fd, "N 1\n");
		snprintf(path, sizeof path, "%s/thumb.png", dir);
		if (raster_scale(&r, r.w < MATERIALS_THUMB_WIDTH ? r.w : MATERIALS_THUMB_WIDTH, &t) < 0 ||
		    raster_write_png(&t, path, err, sizeof err) < 0) {
			say(fd, "E 无法保存缩略图，磁盘是否已满？\n");
			return 1;
		}
		raster_free(&t);
		if (page_width > 0) {
			snprintf(path, sizeof path, "%s/w%d", dir, page_width);
			mkdir(path, 0755);
			snprintf(path, sizeof path, "%s/w%d/p0001.png", dir, page_width);
			if (raster_write_png(&r, path, err, sizeof err) < 0) {
				say(fd, "E %s\n", err);
				return 1;
			}
		}
		raster_free(&r);
		say(fd, "P 1\n");
		return 0;
	}
	{
		struct pdf *p = pdf_open(source, err, sizeof err);
		char title[MATERIAL_TEXT];

		if (!p) {
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
		snprintf(path, sizeof path, "%s/thumb.png", dir);
		if (raster_write_png(&t, path, err, sizeof err) < 0) {
			say(fd, "E 无法保存缩略图，磁盘是否已满？\n");
			return 1;
		}
		raster_free(&t);
		if (page_width > 0) {
			snprintf(path, sizeof path, "%s/w%d", dir, page_width);
			mkdir(path, 0755);
		}
		/* Every page is opened at import, even when not rendered now: a page that cannot be
		 * drawn is found here, not by a member. */
		for (i = 0; i < pages; i++) {
			if (pdf_render(p, i, page_width > 0 ? page_width : 120, &r, err, sizeof err) < 0) {
				say(fd, "E %s\n", err);
				return 1;
			}
			if (page_width > 0) {
				snprintf(path, sizeof path, "%s/w%d/p%04d.png", dir, page_width, i + 1);
				if (raster_write_png(&r, path, err, sizeof err) < 0) {
					say(fd, "E %s\n", err);
					return 1;
				}
			}
			raster_free(&r);
			say(fd, "P %d\n", i + 1);
		}
		pdf_close(p);
	}
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

/* Run child_render in a child process, passing its progress on; 0, or -1 with out->err. */
static int render_isolated(struct importer *im, const char *rel, const char *dir,
			   const char *source, enum material_kind kind, enum image_type image,
			   struct child_out *out)
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
		_exit(child_render(fds[1], dir, source, kind, image, im->o->page_width));
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
			else if (buf[0] == 'P')
				progress(im, rel, atoi(buf + 2), out->pages);
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

/* ---- one file ---- */

struct copied {
	char sha[SHA256_HEX];
	int64_t bytes;
	uint8_t *head;  /* the first HEAD_BYTES */
	size_t nhead;
	char tail[TAIL_BYTES];
	size_t ntail;
	char *text;     /* the whole file, for text kinds */
};

/* Copy fd to dst while hashing it; 0, or -1 with why. */
static int copy_hashing(int fd, int64_t size, const char *dst, bool keep_text, struct copied *c,
			char *why, size_t whylen)
{
	crypto_hash_sha256_state st;
	unsigned char digest[crypto_hash_sha256_BYTES];
	uint8_t buf[64 * 1024];
	int out = open(dst, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
	int64_t total = 0;
	ssize_t n;

	if (out < 0) {
		snprintf(why, whylen, "无法写入签到机的存储（%s）", syserr(errno));
		return -1;
	}
	if (keep_text && !(c->text = malloc((size_t)size + 1))) {
		snprintf(why, whylen, "内存不足");
		close(out);
		return -1;
	}
	crypto_hash_sha256_init(&st);
	while ((n = read(fd, buf, sizeof buf)) > 0) {
		size_t off = 0;
		if (total + n > size) {
			snprintf(why, whylen, "文件在读取时变了（U 盘是否被拔出了？）；请重新导入");
			close(out);
			return -1;
		}
		crypto_hash_sha256_update(&st, buf, (unsigned long long)n);
		if (c->nhead < HEAD_BYTES) {
			size_t k = (size_t)n < HEAD_BYTES - c->nhead ? (size_t)n : HEAD_BYTES - c->nhead;
			memcpy(c->head + c->nhead, buf, k);
			c->nhead += k;
		}
		if (c->text)
			memcpy(c->text + total, buf, (size_t)n);
		/* The last TAIL_BYTES seen so far. */
		if ((size_t)n >= TAIL_BYTES) {
			memcpy(c->tail, buf + n - TAIL_BYTES, TAIL_BYTES);
			c->ntail = TAIL_BYTES;
		} else {
			size_t keep = c->ntail + (size_t)n > TAIL_BYTES ? TAIL_BYTES - (size_t)n : c->ntail;
			memmove(c->tail, c->tail + c->ntail - keep, keep);
			memcpy(c->tail + keep, buf, (size_t)n);
			c->ntail = keep + (size_t)n;
		}
		while (off < (size_t)n) {
			ssize_t w = write(out, buf + off, (size_t)n - off);
			if (w <= 0) {
				snprintf(why, whylen, "无法写入签到机的存储，磁盘是否已满？");
				close(out);
				return -1;
			}
			off += (size_t)w;
		}
		total += n;
	}
	if (n < 0 || total != size) {
		snprintf(why, whylen, n < 0 ? "读取出错（U 盘是否被拔出了？）；请重新导入"
					    : "文件在读取时变了（U 盘是否被拔出了？）；请重新导入");
		close(out);
		return -1;
	}
	if (fsync(out) < 0 || close(out) < 0) {
		snprintf(why, whylen, "无法写入签到机的存储，磁盘是否已满？");
		return -1;
	}
	if (c->text)
		c->text[total] = '\0';
	crypto_hash_sha256_final(&st, digest);
	sodium_bin2hex(c->sha, sizeof c->sha, digest, sizeof digest);
	c->bytes = total;
	return 0;
}

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

/* The row with this hash; 1 found, 0 not, -1 database error. */
static int by_sha(struct db *db, const char *sha, struct material *m)
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

static int save_row(struct db *db, struct material *m, bool revive, const char *actor,
		    char *err, size_t errlen)
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

static void import_one(struct importer *im, const struct entry *e)
{
	const struct import_options *o = im->o;
	struct copied c = { 0 };
	struct material m, old;
	struct child_out child;
	struct image_info info;
	struct md_doc doc = { 0 };
	struct stat sb;
	char ext[16], why[768], tmp[1200], source[1300], final[1200], err[512];
	const char *name = base_name(e->rel), *problem, *like;
	enum image_type image = IMAGE_NONE;
	int fd = -1, found;

	tmp[0] = '\0';
	progress(im, e->rel, 0, 0);
	if ((problem = path_problem(e->rel)) != NULL) {
		refuse(im, e->rel, "%s", problem);
		return;
	}
	memset(&m, 0, sizeof m);
	extension(name, ext, sizeof ext);
	if (strcmp(ext, "pdf") == 0)
		m.kind = MAT_PDF;
	else if (strcmp(ext, "png") == 0 || strcmp(ext, "jpg") == 0 || strcmp(ext, "jpeg") == 0)
		m.kind = MAT_IMAGE;
	else if (strcmp(ext, "txt") == 0)
		m.kind = MAT_TEXT;
	else if (strcmp(ext, "md") == 0 || strcmp(ext, "markdown") == 0)
		m.kind = MAT_MARKDOWN;
	else {
		if (ext[0])
			refuse(im, e->rel, "不支持 .%s 文件；请在电脑上另存为 PDF 再导入（支持 PDF、PNG、JPEG 图片"
			       "和 .txt、.md 文字）", ext);
		else
			refuse(im, e->rel, "不知道是什么文件（没有扩展名）；支持 PDF、PNG、JPEG 图片和 .txt、.md 文字");
		return;
	}
	fd = open(e->path, O_RDONLY | O_CLOEXEC | (e->walked ? O_NOFOLLOW : 0));
	if (fd < 0 || fstat(fd, &sb) < 0 || !S_ISREG(sb.st_mode)) {
		refuse(im, e->rel, "无法打开（%s）", fd < 0 ? syserr(errno) : "不是普通文件");
		goto out;
	}
	if (sb.st_size == 0) {
		refuse(im, e->rel, "文件是空的（0 字节），可能没有复制完整；请重新复制到 U 盘再导入");
		goto out;
	}
	if (sb.st_size > MATERIALS_MAX_BYTES ||
	    ((m.kind == MAT_TEXT || m.kind == MAT_MARKDOWN) && sb.st_size > MARKDOWN_MAX_BYTES)) {
		refuse(im, e->rel, "文件太大（%.1f MB，最多 %ld MB）；请分成几个文件再导入",
		       sb.st_size / 1048576.0,
		       (m.kind == MAT_PDF || m.kind == MAT_IMAGE ? MATERIALS_MAX_BYTES
									 : MARKDOWN_MAX_BYTES) / 1048576);
		goto out;
	}
	snprintf(tmp, sizeof tmp, "%s/.import-XXXXXX", im->root);
	c.head = malloc(HEAD_BYTES);
	if (!c.head || !mkdtemp(tmp)) {
		refuse(im, e->rel, "无法写入签到机的存储（%s）", syserr(errno));
		tmp[0] = '\0';
		goto out;
	}
	chmod(tmp, 0755); /* mkdtemp's 0700 would hide it from a kiosk running as another user */
	snprintf(source, sizeof source, "%s/source", tmp);
	if (copy_hashing(fd, sb.st_size, source, m.kind == MAT_TEXT || m.kind == MAT_MARKDOWN,
			 &c, why, sizeof why) < 0) {
		refuse(im, e->rel, "%s", why);
		goto out;
	}
	/* What the bytes are decides, not the name. */
	like = looks_like(c.head, c.nhead);
	if (m.kind == MAT_PDF && !is_pdf(c.head, c.nhead)) {
		refuse(im, e->rel, "不是 PDF 文件%s%s%s；请在电脑上另存为 PDF 再导入", like ? "，看起来是" : "",
		       like && (unsigned char)like[0] < 0x80 ? " " : "", like ? like : "");
		goto out;
	}
	if (m.kind == MAT_IMAGE) {
		image = imageinfo_type(c.head, c.nhead);
		if (image == IMAGE_NONE) {
			refuse(im, e->rel, "不是 PNG 或 JPEG 图片%s%s%s；请在电脑上另存为 PNG 或 JPEG 再导入",
			       like ? "，看起来是" : "", like && (unsigned char)like[0] < 0x80 ? " " : "",
			       like ? like : "");
			goto out;
		}
		if (imageinfo_probe(c.head, c.nhead, &info, why, sizeof why) < 0 ||
		    imageinfo_check_size(&info, why, sizeof why) < 0) {
			refuse(im, e->rel, "%s", why);
			goto out;
		}
	}
	if ((m.kind == MAT_TEXT || m.kind == MAT_MARKDOWN) && (is_pdf(c.head, c.nhead) || like)) {
		refuse(im, e->rel, "扩展名是 .%s，内容却是%s；请把扩展名改对再导入", ext,
		       is_pdf(c.head, c.nhead) ? " PDF" : like);
		goto out;
	}
	found = by_sha(im->db, c.sha, &old);
	if (found < 0) {
		refuse(im, e->rel, "读取数据库出错");
		goto out;
	}
	if (found && !old.removed) {
		im->res->duplicates++;
		if (o->imported)
			o->imported(o->ctx, &old, true);
		goto out;
	}
	/* Make what the screen needs, and so find out whether the file is sound. */
	stem_title(name, m.title, sizeof m.title);
	if (m.kind == MAT_TEXT || m.kind == MAT_MARKDOWN) {
		if (markdown_parse(c.text, (size_t)c.bytes, m.kind == MAT_TEXT ? MD_PLAIN : MD_MARKDOWN,
				   &doc, why, sizeof why) < 0) {
			refuse(im, e->rel, "%s", why);
			goto out;
		}
		if (doc.count == 0) {
			refuse(im, e->rel, "文件里没有文字");
			goto out;
		}
		if (markdown_title(&doc))
			snprintf(m.title, sizeof m.title, "%s", markdown_title(&doc));
	} else {
		if (m.kind == MAT_PDF && !pdf_tail_complete(c.tail, c.ntail)) {
			refuse(im, e->rel, "PDF 不完整（文件被截断了，可能没有复制完）；请重新复制到 U 盘再导入");
			goto out;
		}
		snprintf(final, sizeof final, "%s/%s", tmp, source_name(m.kind, image));
		if (rename(source, final) < 0) {
			refuse(im, e->rel, "无法写入签到机的存储");
			goto out;
		}
		snprintf(source, sizeof source, "%s", final);
		if (render_isolated(im, e->rel, tmp, source, m.kind, image, &child) < 0) {
			refuse(im, e->rel, "%s", child.err);
			goto out;
		}
		m.pages = child.pages;
		if (child.title[0] && utf8_invalid_at(child.title, strlen(child.title)) == strlen(child.title))
			snprintf(m.title, sizeof m.title, "%s", child.title);
	}
	if (m.kind == MAT_TEXT || m.kind == MAT_MARKDOWN) {
		snprintf(final, sizeof final, "%s/%s", tmp, source_name(m.kind, image));
		if (rename(source, final) < 0) {
			refuse(im, e->rel, "无法写入签到机的存储");
			goto out;
		}
	}
	if (!m.title[0])
		snprintf(m.title, sizeof m.title, "%s", name);
	cut_title(m.title, sizeof m.title, MATERIAL_TITLE_CHARS);
	snprintf(m.file_name, sizeof m.file_name, "%s", e->rel);
	snprintf(m.sha256, sizeof m.sha256, "%s", c.sha);
	m.bytes = c.bytes;
	m.category = e->category;
	snprintf(m.show_from, sizeof m.show_from, "%s", o->show_from);
	snprintf(m.show_until, sizeof m.show_until, "%s", o->show_until);
	m.pinned = o->pinned;
	m.imported_at = o->now;
	if (found) {
		m.id = old.id;
		snprintf(m.uuid, sizeof m.uuid, "%s", old.uuid);
	} else if (uuid_new(m.uuid) < 0) {
		refuse(im, e->rel, "系统无法生成随机编号");
		goto out;
	}
	/* Files in place (and on disk) before the row that points at them. */
	fsync_path(tmp, true);
	dir_of(im->db, c.sha, final, sizeof final);
	remove_tree(final);
	if (rename(tmp, final) < 0) {
		refuse(im, e->rel, "无法写入签到机的存储（%s）", syserr(errno));
		goto out;
	}
	tmp[0] = '\0';
	fsync_path(im->root, true);
	if (save_row(im->db, &m, found == 1, o->actor, err, sizeof err) < 0) {
		remove_tree(final);
		refuse(im, e->rel, "没有保存（%s）；请稍后重试", err);
		goto out;
	}
	im->res->imported++;
	if (o->imported)
		o->imported(o->ctx, &m, false);
out:
	markdown_free(&doc);
	if (tmp[0])
		remove_tree(tmp);
	if (fd >= 0)
		close(fd);
	free(c.head);
	free(c.text);
}

int materials_import(struct db *db, const char *const *paths, int npaths,
		     const struct import_options *o, struct import_result *res, char *err,
		     size_t errlen)
{
	struct importer im;
	int i;

	memset(res, 0, sizeof *res);
	memset(&im, 0, sizeof im);
	im.db = db;
	im.o = o;
	im.res = res;
	if (sodium_init() < 0) {
		snprintf(err, errlen, "加密库初始化失败，无法导入");
		return -1;
	}
	materials_root(db, im.root, sizeof im.root);
	if (mkdir(im.root, 0755) < 0 && errno != EEXIST) {
		snprintf(err, errlen, "无法创建存放学习资料的文件夹 %s：%s", im.root, syserr(errno));
		return -1;
	}
	for (i = 0; i < npaths; i++) {
		const char *p = paths[i];
		struct stat sb;
		char rel[1024];
		size_t n = strlen(p);

		if (has_dotdot(p)) {
			res->found++;
			refuse(&im, p, "路径里有“..”，可能指向 U 盘以外的地方，为安全起见不导入；"
			       "请直接给出 U 盘上的文件或文件夹");
			continue;
		}
		if (stat(p, &sb) < 0) {
			res->found++;
			refuse(&im, p, "找不到这个文件或文件夹（%s）", syserr(errno));
			continue;
		}
		/* "党史/" and "党史" name the same folder. */
		snprintf(rel, sizeof rel, "%s", p);
		while (n > 1 && rel[n - 1] == '/')
			rel[--n] = '\0';
		if (S_ISDIR(sb.st_mode)) {
			walk(&im, rel, "", 0);
		} else if (is_junk(base_name(rel), false)) {
			res->skipped++;
		} else {
			res->found++;
			add_entry(&im, rel, base_name(rel), false);
		}
	}
	if (im.too_many)
		refuse(&im, paths[0], "文件太多，只导入了前 %d 个；请分几次导入", MATERIALS_MAX_FILES);
	for (i = 0; i < im.n; i++) {
		if (o->cancel && atomic_load(o->cancel))
			break;
		import_one(&im, &im.list[i]);
		im.files_done++;
		progress(&im, im.list[i].rel, 0, 0);
	}
	for (i = 0; i < im.n; i++) {
		free(im.list[i].path);
		free(im.list[i].rel);
	}
	free(im.list);
	return 0;
}

/* ---- the import on its own thread ---- */

#define JOB_MAX_PROBLEMS 1000

struct materials_job {
	pthread_t thread;
	pthread_mutex_t lock;
	char db_path[512];
	char **paths;
	int npaths;
	struct import_options o;      /* with the job's own callbacks */
	struct import_options caller; /* the caller's callbacks */
	atomic_bool cancel;
	struct materials_job_status status;
	char *problems[JOB_MAX_PROBLEMS];
	int nproblems;
};

static void job_progress(void *ctx, const struct import_progress *p)
{
	struct materials_job *j = ctx;

	pthread_mutex_lock(&j->lock);
	j->status.progress = *p;
	snprintf(j->status.file, sizeof j->status.file, "%s", p->file ? p->file : "");
	j->status.progress.file = NULL;
	pthread_mutex_unlock(&j->lock);
	if (j->caller.progress)
		j->caller.progress(j->caller.ctx, p);
}

static void job_problem(void *ctx, const char *line)
{
	struct materials_job *j = ctx;

	pthread_mutex_lock(&j->lock);
	if (j->nproblems < JOB_MAX_PROBLEMS && (j->problems[j->nproblems] = strdup(line)) != NULL)
		j->status.problems = ++j->nproblems;
	pthread_mutex_unlock(&j->lock);
	if (j->caller.problem)
		j->caller.problem(j->caller.ctx, line);
}

static void job_imported(void *ctx, const struct material *m, bool duplicate)
{
	struct materials_job *j = ctx;

	if (j->caller.imported)
		j->caller.imported(j->caller.ctx, m, duplicate);
}

static void *job_run(void *arg)
{
	struct materials_job *j = arg;
	struct import_result res;
	char err[512] = "";
	struct db *db = db_open(j->db_path, 0, err, sizeof err);
	int rc = -1;

	memset(&res, 0, sizeof res);
	if (db) {
		rc = materials_import(db, (const char *const *)j->paths, j->npaths, &j->o, &res, err,
				      sizeof err);
		db_close(db);
	}
	pthread_mutex_lock(&j->lock);
	j->status.rc = rc;
	j->status.result = res;
	snprintf(j->status.err, sizeof j->status.err, "%s", err);
	j->status.finished = true;
	pthread_mutex_unlock(&j->lock);
	/* A last call, so a screen waiting on progress wakes to see the end. */
	if (j->caller.progress) {
		struct import_progress p = { res.found, res.found, 0, 0, "" };
		j->caller.progress(j->caller.ctx, &p);
	}
	return NULL;
}

struct materials_job *materials_job_start(const char *db_path, const char *const *paths,
					  int npaths, const struct import_options *o, char *err,
					  size_t errlen)
{
	struct materials_job *j = calloc(1, sizeof *j);
	int i;

	if (!j || !(j->paths = calloc((size_t)(npaths > 0 ? npaths : 1), sizeof *j->paths)))
		goto nomem;
	for (i = 0; i < npaths; i++)
		if (!(j->paths[j->npaths++] = strdup(paths[i])))
			goto nomem;
	snprintf(j->db_path, sizeof j->db_path, "%s", db_path);
	pthread_mutex_init(&j->lock, NULL);
	j->caller = *o;
	j->o = *o;
	j->o.progress = job_progress;
	j->o.problem = job_problem;
	j->o.imported = job_imported;
	j->o.ctx = j;
	atomic_init(&j->cancel, false);
	j->o.cancel = &j->cancel;
	if (pthread_create(&j->thread, NULL, job_run, j) != 0) {
		snprintf(err, errlen, "无法开始导入（系统资源不足）");
		pthread_mutex_destroy(&j->lock);
		goto fail;
	}
	return j;
nomem:
	snprintf(err, errlen, "内存不足，无法开始导入");
fail:
	if (j) {
		for (i = 0; i < j->npaths; i++)
			free(j->paths[i]);
		free(j->paths);
		free(j);
	}
	return NULL;
}

void materials_job_status(struct materials_job *j, struct materials_job_status *out)
{
	pthread_mutex_lock(&j->lock);
	*out = j->status;
	pthread_mutex_unlock(&j->lock);
}

int materials_job_problem(struct materials_job *j, int i, char *out, size_t size)
{
	int rc = -1;

	pthread_mutex_lock(&j->lock);
	if (i >= 0 && i < j->nproblems) {
		snprintf(out, size, "%s", j->problems[i]);
		rc = 0;
	}
	pthread_mutex_unlock(&j->lock);
	return rc;
}

void materials_job_cancel(struct materials_job *j)
{
	atomic_store(&j->cancel, true);
}

void materials_job_free(struct materials_job *j)
{
	int i;

	if (!j)
		return;
	pthread_join(j->thread, NULL);
	pthread_mutex_destroy(&j->lock);
	for (i = 0; i < j->nproblems; i++)
		free(j->problems[i]);
	for (i = 0; i < j->npaths; i++)
		free(j->paths[i]);
	free(j->paths);
	free(j);
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
	remove_tree(dir);
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
	n = scandir(root, &names, skip_dots, alphasort);
	if (n < 0)
		return 0;
	for (i = 0; i < n; i++) {
		bool owned = false;
		const char *name = names[i]->d_name;

		st = db_stmt(db, STMT_MATERIAL_SHAS);
		while (sqlite3_step(st) == SQLITE_ROW)
			if (strcmp((const char *)sqlite3_column_text(st, 0), name) == 0)
				owned = true;
		sqlite3_reset(st);
		snprintf(path, sizeof path, "%s/%s", root, name);
		/* An hour's grace: a folder this young may belong to an import running now. */
		if (!owned && lstat(path, &sb) == 0 && sb.st_mtime < time(NULL) - 3600) {
			remove_tree(path);
			removed++;
		}
		free(names[i]);
	}
	free(names);
	return removed;
}
