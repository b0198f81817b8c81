/* Importing study materials so that a bad file can never hurt the kiosk:
 *
 * - names are checked first (valid UTF-8, nothing FAT cannot hold, no "..", no symbolic links
 *   when walking a stick), then the first bytes decide what a file really is, whatever its name
 *   says (an .exe renamed .pdf is refused as a program), then sizes (a 20000x20000 picture is
 *   refused from its header, before anything is decoded);
 * - the file is copied into a temporary folder while it is hashed, and everything after works on
 *   that copy, so a stick pulled half-way or a file changed under us cannot mix two versions;
 * - PDFs and pictures are opened, rendered and thumbnailed in a child process with a time limit
 *   and (outside sanitizer builds) a memory limit (materials_render.c): a file that crashes or
 *   hangs the decoder costs that child, not the kiosk;
 * - the finished folder is renamed into place, then the row is committed: a power cut leaves
 *   either nothing or an orphan folder (materials_clean removes it), never a row without files.
 *
 * Each file is reported in one Chinese line saying which file, why, and what to do. A file goes
 * through the steps of import_one in order; each step either passes it on or stops it, having
 * said why (or counted it, for a duplicate). */
#include "core/materials/materials.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <sodium.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/store/db.h"
#include "core/formats/markdown.h"
#include "core/materials/materials_private.h"
#include "core/formats/pdf.h"
#include "core/base/syserr.h"
#include "core/text/utf8.h"

#define HEAD_BYTES IMAGEINFO_SCAN_BYTES
#define TAIL_BYTES 2048

/* ---- small helpers ---- */

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
			if (strstr(dir, material_category_name((enum material_category)c)))
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
		if ((why = materials_check_name(name)) != NULL) {
			im->res->found++;
			refuse(im, sub, "%s", why);
			continue;
		}
		if (materials_check_junk(name, S_ISDIR(sb.st_mode))) {
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

/* One file on its way in: what each step found out, for the next. */
struct incoming {
	struct importer *im;
	const struct entry *e;
	const char *name;                 /* the file's own name, without its folders */
	const struct material_type *type;
	char ext[16];
	int fd;
	int64_t size;
	char tmp[1200];                   /* the working folder; "" when there is none */
	char source[1300];                /* the copy in it */
	struct copied c;
	enum image_type image;
	int found;                        /* 1: a removed material had the same file */
	struct material old, m;
};

/* A name the stick may hold, and an extension we take. */
static int check_name(struct incoming *in)
{
	const char *rel = in->e->rel, *problem;

	if ((problem = materials_check_path(rel)) != NULL) {
		refuse(in->im, rel, "%s", problem);
		return -1;
	}
	extension(in->name, in->ext, sizeof in->ext);
	in->type = materials_type_of(in->ext);
	if (!in->type) {
		if (in->ext[0])
			refuse(in->im, rel, "不支持 .%s 文件；请在电脑上另存为 PDF 再导入（支持 PDF、PNG、JPEG 图片"
			       "和 .txt、.md 文字）", in->ext);
		else
			refuse(in->im, rel, "不知道是什么文件（没有扩展名）；支持 PDF、PNG、JPEG 图片和 .txt、.md 文字");
		return -1;
	}
	in->m.kind = in->type->kind;
	return 0;
}

/* Open the file (not through a link, when found in a folder) and check its size before
 * copying anything. */
static int open_file(struct incoming *in)
{
	const struct entry *e = in->e;
	struct stat sb;

	in->fd = open(e->path, O_RDONLY | O_CLOEXEC | (e->walked ? O_NOFOLLOW : 0));
	if (in->fd < 0 || fstat(in->fd, &sb) < 0 || !S_ISREG(sb.st_mode)) {
		refuse(in->im, e->rel, "无法打开（%s）", in->fd < 0 ? syserr(errno) : "不是普通文件");
		return -1;
	}
	if (sb.st_size == 0) {
		refuse(in->im, e->rel, "文件是空的（0 字节），可能没有复制完整；请重新复制到 U 盘再导入");
		return -1;
	}
	if (sb.st_size > in->type->max_bytes) {
		refuse(in->im, e->rel, "文件太大（%.1f MB，最多 %ld MB）；请分成几个文件再导入",
		       sb.st_size / 1048576.0, in->type->max_bytes / 1048576);
		return -1;
	}
	in->size = sb.st_size;
	return 0;
}

/* Copy the file into a working folder of its own while hashing it; everything after works on
 * the copy. */
static int take_copy(struct incoming *in)
{
	char why[768];

	snprintf(in->tmp, sizeof in->tmp, "%s/.import-XXXXXX", in->im->root);
	in->c.head = malloc(HEAD_BYTES);
	if (!in->c.head || !mkdtemp(in->tmp)) {
		refuse(in->im, in->e->rel, "无法写入签到机的存储（%s）", syserr(errno));
		in->tmp[0] = '\0';
		return -1;
	}
	chmod(in->tmp, 0755); /* mkdtemp's 0700 would hide it from a kiosk running as another user */
	snprintf(in->source, sizeof in->source, "%s/source", in->tmp);
	if (copy_hashing(in->fd, in->size, in->source, in->type->is_text, &in->c, why,
			 sizeof why) < 0) {
		refuse(in->im, in->e->rel, "%s", why);
		return -1;
	}
	return 0;
}

/* "，看起来是 Windows 程序（.exe）", or "" when the bytes say nothing we know. */
static void seems(const char *like, char *out, size_t size)
{
	if (like)
		snprintf(out, size, "，看起来是%s%s", (unsigned char)like[0] < 0x80 ? " " : "", like);
	else
		out[0] = '\0';
}

/* What the bytes are decides, not the name. */
static int check_content(struct incoming *in)
{
	const struct copied *c = &in->c;
	const char *rel = in->e->rel, *like = materials_check_looks_like(c->head, c->nhead);
	struct image_info info;
	char why[768], seen[160];

	seems(like, seen, sizeof seen);
	if (in->m.kind == MAT_PDF && !materials_check_is_pdf(c->head, c->nhead)) {
		refuse(in->im, rel, "不是 PDF 文件%s；请在电脑上另存为 PDF 再导入", seen);
		return -1;
	}
	if (in->m.kind == MAT_IMAGE) {
		in->image = imageinfo_type(c->head, c->nhead);
		if (in->image == IMAGE_NONE) {
			refuse(in->im, rel, "不是 PNG 或 JPEG 图片%s；请在电脑上另存为 PNG 或 JPEG 再导入", seen);
			return -1;
		}
		if (imageinfo_probe(c->head, c->nhead, &info, why, sizeof why) < 0 ||
		    imageinfo_check_size(&info, why, sizeof why) < 0) {
			refuse(in->im, rel, "%s", why);
			return -1;
		}
	}
	if (in->type->is_text && (materials_check_is_pdf(c->head, c->nhead) || like)) {
		refuse(in->im, rel, "扩展名是 .%s，内容却是%s；请把扩展名改对再导入", in->ext,
		       materials_check_is_pdf(c->head, c->nhead) ? " PDF" : like);
		return -1;
	}
	return 0;
}

/* The same file (by SHA-256) on show already is counted once and goes no further; one that was
 * removed comes back under its old row. */
static int check_known(struct incoming *in)
{
	const struct import_options *o = in->im->o;

	in->found = materials_by_sha(in->im->db, in->c.sha, &in->old);
	if (in->found < 0) {
		refuse(in->im, in->e->rel, "读取数据库出错");
		return -1;
	}
	if (in->found && !in->old.removed) {
		in->im->res->duplicates++;
		if (o->imported)
			o->imported(o->ctx, &in->old, true);
		return -1;
	}
	return 0;
}

/* Give the copy its proper name (source.pdf, ...) in the working folder. */
static int place_source(struct incoming *in)
{
	char final[1300];

	snprintf(final, sizeof final, "%s/%s", in->tmp, materials_source_name(in->m.kind, in->image));
	if (rename(in->source, final) < 0) {
		refuse(in->im, in->e->rel, "无法写入签到机的存储");
		return -1;
	}
	snprintf(in->source, sizeof in->source, "%s", final);
	return 0;
}

/* Text is parsed now, so a file the reader could not show is refused here; a first heading
 * becomes its title. */
static int prepare_text(struct incoming *in)
{
	struct md_doc doc = { 0 };
	char why[768];
	int rc = -1;

	if (markdown_parse(in->c.text, (size_t)in->c.bytes,
			   in->m.kind == MAT_TEXT ? MD_PLAIN : MD_MARKDOWN, &doc, why, sizeof why) < 0) {
		refuse(in->im, in->e->rel, "%s", why);
	} else if (doc.count == 0) {
		refuse(in->im, in->e->rel, "文件里没有文字");
	} else {
		if (markdown_title(&doc))
			snprintf(in->m.title, sizeof in->m.title, "%s", markdown_title(&doc));
		rc = place_source(in);
	}
	markdown_free(&doc);
	return rc;
}

static void page_done(void *ctx, int page, int pages)
{
	struct incoming *in = ctx;

	progress(in->im, in->e->rel, page, pages);
}

/* PDFs and pictures are rendered in the child now, so a file that cannot be shown is refused
 * here; a PDF's own title is taken when it has one. */
static int prepare_rendered(struct incoming *in)
{
	struct materials_rendered r;

	if (in->m.kind == MAT_PDF && !pdf_tail_complete(in->c.tail, in->c.ntail)) {
		refuse(in->im, in->e->rel, "PDF 不完整（文件被截断了，可能没有复制完）；请重新复制到 U 盘再导入");
		return -1;
	}
	if (place_source(in) < 0)
		return -1;
	if (materials_render(in->tmp, in->source, in->m.kind, in->image, in->im->o->page_width,
			     page_done, in, &r) < 0) {
		refuse(in->im, in->e->rel, "%s", r.err);
		return -1;
	}
	in->m.pages = r.pages;
	if (r.title[0] && utf8_invalid_at(r.title, strlen(r.title)) == strlen(r.title))
		snprintf(in->m.title, sizeof in->m.title, "%s", r.title);
	return 0;
}

/* The rest of the row: the title cut to size, where the file came from, the import's options. */
static int fill_row(struct incoming *in)
{
	const struct import_options *o = in->im->o;
	struct material *m = &in->m;

	if (!m->title[0])
		snprintf(m->title, sizeof m->title, "%s", in->name);
	cut_title(m->title, sizeof m->title, MATERIAL_TITLE_CHARS);
	snprintf(m->file_name, sizeof m->file_name, "%s", in->e->rel);
	snprintf(m->sha256, sizeof m->sha256, "%s", in->c.sha);
	m->bytes = in->c.bytes;
	m->category = in->e->category;
	snprintf(m->show_from, sizeof m->show_from, "%s", o->show_from);
	snprintf(m->show_until, sizeof m->show_until, "%s", o->show_until);
	m->pinned = o->pinned;
	m->imported_at = o->now;
	if (in->found) {
		m->id = in->old.id;
		snprintf(m->uuid, sizeof m->uuid, "%s", in->old.uuid);
	} else if (uuid_new(m->uuid) < 0) {
		refuse(in->im, in->e->rel, "系统无法生成随机编号");
		return -1;
	}
	return 0;
}

/* Files in place (and on disk) before the row that points at them. */
static int commit(struct incoming *in)
{
	struct importer *im = in->im;
	char final[1200], err[512];

	fsync_path(in->tmp, true);
	materials_dir_of(im->db, in->c.sha, final, sizeof final);
	materials_remove_tree(final);
	if (rename(in->tmp, final) < 0) {
		refuse(im, in->e->rel, "无法写入签到机的存储（%s）", syserr(errno));
		return -1;
	}
	in->tmp[0] = '\0';
	fsync_path(im->root, true);
	if (materials_save(im->db, &in->m, in->found == 1, im->o->actor, err, sizeof err) < 0) {
		materials_remove_tree(final);
		refuse(im, in->e->rel, "没有保存（%s）；请稍后重试", err);
		return -1;
	}
	im->res->imported++;
	if (im->o->imported)
		im->o->imported(im->o->ctx, &in->m, false);
	return 0;
}

static void import_one(struct importer *im, const struct entry *e)
{
	struct incoming in = { .im = im, .e = e, .name = base_name(e->rel), .fd = -1,
			       .image = IMAGE_NONE };

	progress(im, e->rel, 0, 0);
	if (check_name(&in) == 0 && open_file(&in) == 0 && take_copy(&in) == 0 &&
	    check_content(&in) == 0 && check_known(&in) == 0) {
		stem_title(in.name, in.m.title, sizeof in.m.title);
		if ((in.type->is_text ? prepare_text(&in) : prepare_rendered(&in)) == 0 &&
		    fill_row(&in) == 0)
			commit(&in);
	}
	if (in.tmp[0])
		materials_remove_tree(in.tmp);
	if (in.fd >= 0)
		close(in.fd);
	free(in.c.head);
	free(in.c.text);
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

		if (materials_check_dotdot(p)) {
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
		} else if (materials_check_junk(base_name(rel), false)) {
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
