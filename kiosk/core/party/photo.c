/* Meeting photos (photo.h, docs/photos.md). A picture arrives as bytes (a phone's upload, a file
 * on a stick); what the kiosk keeps is never those bytes but a JPEG written afresh from decoded
 * pixels, so nothing the phone put in the file (GPS, the owner's name, a thumbnail of the
 * uncropped picture) survives. The decoding is done in a sandboxed child (core/base/sandbox.c),
 * like the materials import's, so a hostile file costs that child. */
#include "core/party/photo.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <libexif/exif-data.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <strings.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/base/sandbox.h"
#include "core/base/syserr.h"
#include "core/formats/imageinfo.h"
#include "core/formats/raster.h"
#include "core/party/meetings.h"
#include "core/store/db.h"

#define CHILD_QUIET_SECONDS 30
#define CHILD_MEMORY (1536L * 1024 * 1024) /* as the materials import: the child inherits the kiosk's mappings */

void photo_dir(const char *db_path, char *out, size_t size)
{
	const char *slash = strrchr(db_path, '/');

	if (!slash)
		snprintf(out, size, "photos");
	else if (slash == db_path)
		snprintf(out, size, "/photos");
	else
		snprintf(out, size, "%.*s/photos", (int)(slash - db_path), db_path);
}

void photo_path(const char *db_path, const char *sha256, char *out, size_t size)
{
	char dir[1024];

	photo_dir(db_path, dir, sizeof dir);
	snprintf(out, size, "%s/%s.jpg", dir, sha256);
}

/* An ISO base media file (ftyp box) whose brand says HEIF: a phone's HEIC photo. */
static bool is_heic(const uint8_t *d, size_t n)
{
	static const char *const brands[] = { "heic", "heix", "hevc", "hevx", "heim", "heis",
					      "hevm", "hevs", "mif1", "msf1", "avif" };
	size_t i;

	if (n < 12 || memcmp(d + 4, "ftyp", 4) != 0)
		return false;
	for (i = 0; i < sizeof brands / sizeof *brands; i++)
		if (memcmp(d + 8, brands[i], 4) == 0)
			return true;
	return false;
}

/* ---- the child ---- */

struct decode {
	const char *src, *dst;
	enum image_type type;
	uint32_t w, h;
	/* in the parent: what the child said */
	int out_w, out_h;
	char err[512];
};

/* The EXIF orientation (1-8) of a JPEG file, 1 when it has none. */
static int exif_orientation(const char *path)
{
	ExifData *ed = exif_data_new_from_file(path);
	ExifEntry *e;
	int o = 1;

	if (!ed)
		return 1;
	e = exif_content_get_entry(ed->ifd[EXIF_IFD_0], EXIF_TAG_ORIENTATION);
	if (e && e->format == EXIF_FORMAT_SHORT && e->components >= 1 && e->size >= 2)
		o = exif_get_short(e->data, exif_data_get_byte_order(ed));
	exif_data_unref(ed);
	return o >= 1 && o <= 8 ? o : 1;
}

static int decode_child(void *arg, int fd)
{
	struct decode *d = arg;
	struct raster r;
	char err[512];
	int width = (int)d->w, o = d->type == IMAGE_JPEG ? exif_orientation(d->src) : 1;

	/* The width to decode at so that the longer side is at most PHOTO_LONG_SIDE. */
	if (d->w >= d->h && d->w > PHOTO_LONG_SIDE)
		width = PHOTO_LONG_SIDE;
	else if (d->h > d->w && d->h > PHOTO_LONG_SIDE)
		width = (int)((uint64_t)d->w * PHOTO_LONG_SIDE / d->h);
	if (width < 1)
		width = 1;
	if (raster_load_image(d->src, d->type, width, &r, err, sizeof err) < 0) {
		sandbox_say(fd, "E %s\n", err);
		return 1;
	}
	if (raster_orient(&r, o) < 0) {
		sandbox_say(fd, "E 内存不足，无法处理图片\n");
		return 1;
	}
	if (raster_write_jpeg(&r, d->dst, PHOTO_QUALITY, err, sizeof err) < 0) {
		sandbox_say(fd, "E %s\n", err);
		return 1;
	}
	sandbox_say(fd, "S %d %d\n", r.w, r.h);
	raster_free(&r);
	return 0;
}

static void decode_line(void *ctx, char *line)
{
	struct decode *d = ctx;

	if (line[0] == 'E' && line[1] == ' ')
		snprintf(d->err, sizeof d->err, "%s", line + 2);
	else if (line[0] == 'S' && sscanf(line + 1, "%d %d", &d->out_w, &d->out_h) != 2)
		d->out_w = d->out_h = 0;
}

/* ---- the parent ---- */

static int write_all(int fd, const void *data, size_t n)
{
	const uint8_t *p = data;

	while (n > 0) {
		ssize_t w = write(fd, p, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return -1;
		p += w;
		n -= (size_t)w;
	}
	return 0;
}

/* SHA-256 of the file at path, and its size. */
static int hash_file(const char *path, char hex[PHOTO_SHA_HEX], int64_t *bytes)
{
	crypto_hash_sha256_state st;
	unsigned char digest[crypto_hash_sha256_BYTES];
	uint8_t buf[64 * 1024];
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	ssize_t n;

	if (fd < 0)
		return -1;
	*bytes = 0;
	crypto_hash_sha256_init(&st);
	while ((n = read(fd, buf, sizeof buf)) > 0) {
		crypto_hash_sha256_update(&st, buf, (unsigned long long)n);
		*bytes += n;
	}
	close(fd);
	if (n < 0)
		return -1;
	crypto_hash_sha256_final(&st, digest);
	sodium_bin2hex(hex, PHOTO_SHA_HEX, digest, sizeof digest);
	return 0;
}

static int live_count(struct db *db, int64_t meeting_id)
{
	sqlite3_stmt *st = db_stmt(db, STMT_PHOTO_COUNT);

	db_bind_id(st, ":meeting_id", meeting_id);
	return sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int(st, 0) : -1;
}

static void full_message(char *err, size_t errlen)
{
	snprintf(err, errlen, "这次会议已有 %d 张照片，最多 %d 张；请先删去不要的照片再添加",
		 PHOTO_MAX_PER_MEETING, PHOTO_MAX_PER_MEETING);
}

/* What the bytes are, before anything decodes them: 0 with *info, or -1 with err. */
static int sniff(const uint8_t *data, size_t n, struct image_info *info, char *err, size_t errlen)
{
	char why[256];

	if (n == 0) {
		snprintf(err, errlen, "没有收到图片（文件是空的）；请重新选择照片");
		return -1;
	}
	if (n > (size_t)PHOTO_MAX_BYTES) {
		snprintf(err, errlen, "照片太大（%.1f MB），每张最多 %ld MB；请在手机上选小一点的尺寸",
			 (double)n / (1024 * 1024), PHOTO_MAX_BYTES / (1024 * 1024));
		return -1;
	}
	if (is_heic(data, n)) {
		snprintf(err, errlen, "这是 HEIC 格式的照片，签到机打不开；请在手机“设置 → 相机 → 格式”"
			 "中选“兼容性最佳”（JPEG），或用微信发送原图后再上传");
		return -1;
	}
	if (imageinfo_type(data, n) == IMAGE_NONE) {
		snprintf(err, errlen, "不是照片：只收 JPEG（.jpg）或 PNG 图片");
		return -1;
	}
	if (imageinfo_probe(data, n < IMAGEINFO_SCAN_BYTES ? n : IMAGEINFO_SCAN_BYTES, info, why,
			    sizeof why) < 0) {
		snprintf(err, errlen, "照片已损坏，无法打开（%s）；请重新拍摄或选择别的照片", why);
		return -1;
	}
	if (imageinfo_check_size(info, why, sizeof why) < 0) {
		snprintf(err, errlen, "%s", why);
		return -1;
	}
	return 0;
}

/* Decode data in the child into a fresh JPEG under dir; its temporary name into tmp_out. */
static int decode_to(const char *dir, const void *data, size_t n, const struct image_info *info,
		     char *tmp_out, size_t outsize, struct decode *d, char *err, size_t errlen)
{
	static const struct sandbox_limits lim = { CHILD_MEMORY, CHILD_QUIET_SECONDS };
	char tmp_in[1100];
	enum sandbox_end end;
	int fd;

	snprintf(tmp_in, sizeof tmp_in, "%s/.in.XXXXXX", dir);
	snprintf(tmp_out, outsize, "%s/.out.XXXXXX", dir);
	if ((fd = mkstemp(tmp_in)) < 0) {
		snprintf(err, errlen, "无法写入签到机的存储（%s）", syserr(errno));
		return -1;
	}
	if (write_all(fd, data, n) < 0 || close(fd) < 0) {
		snprintf(err, errlen, "无法写入签到机的存储，磁盘是否已满？");
		unlink(tmp_in);
		return -1;
	}
	if ((fd = mkstemp(tmp_out)) < 0) {
		snprintf(err, errlen, "无法写入签到机的存储（%s）", syserr(errno));
		unlink(tmp_in);
		return -1;
	}
	close(fd);
	memset(d, 0, sizeof *d);
	d->src = tmp_in;
	d->dst = tmp_out;
	d->type = info->type;
	d->w = info->width;
	d->h = info->height;
	end = sandbox_run(&lim, decode_child, d, decode_line, d);
	unlink(tmp_in);
	if (end == SANDBOX_EXITED_OK && !d->err[0] && d->out_w > 0 && d->out_h > 0)
		return 0;
	if (end == SANDBOX_NO_CHILD)
		snprintf(err, errlen, "系统资源不足，无法处理照片；请稍后再试");
	else if (end == SANDBOX_TIMED_OUT)
		snprintf(err, errlen, "处理照片的时间太长（超过 %d 秒），可能已损坏；请选择别的照片",
			 CHILD_QUIET_SECONDS);
	else if (d->err[0])
		snprintf(err, errlen, "%s；请重新拍摄或选择别的照片", d->err);
	else
		snprintf(err, errlen, "照片已损坏，打开时出错；请重新拍摄或选择别的照片");
	unlink(tmp_out);
	return -1;
}

/* The row for the picture with hash sha: insert it, or bring a deleted one back, or find it. */
static int save_row(struct db *db, int64_t meeting_id, const char *sha, const struct decode *d,
		    int64_t bytes, const char *source, const char *actor, time_t now,
		    bool *already, char *err, size_t errlen)
{
	sqlite3_stmt *st;
	char uuid[UUID_LEN], detail[256];
	bool own;
	int64_t id = 0;
	int deleted = 0, rc = -1;

	if (db_tx_begin(db, &own, err, errlen) < 0)
		return -1;
	st = db_stmt(db, STMT_PHOTO_BY_SHA);
	db_bind_id(st, ":meeting_id", meeting_id);
	db_bind_text(st, ":sha256", sha);
	if (sqlite3_step(st) == SQLITE_ROW) {
		id = sqlite3_column_int64(st, 0);
		deleted = sqlite3_column_int(st, 1);
	}
	if (id && !deleted) {
		*already = true;
		rc = 0;
		goto out;
	}
	if (live_count(db, meeting_id) >= PHOTO_MAX_PER_MEETING) {
		full_message(err, errlen);
		goto out;
	}
	if (id) {
		st = db_stmt(db, STMT_PHOTO_REVIVE);
		db_bind_id(st, ":id", id);
		db_bind_text(st, ":source", source);
		db_bind_text(st, ":added_by", actor);
		db_bind_time(st, ":now", now);
		if (db_exec_stmt(db, st, err, errlen) < 0)
			goto out;
	} else {
		bool inner;
		if (!(st = db_insert_begin(db, STMT_PHOTO_INSERT, uuid, &inner, err, errlen)))
			goto out;
		db_bind_id(st, ":meeting_id", meeting_id);
		db_bind_text(st, ":sha256", sha);
		db_bind_int(st, ":width", d->out_w);
		db_bind_int(st, ":height", d->out_h);
		db_bind_int(st, ":bytes", bytes);
		db_bind_text(st, ":source", source);
		db_bind_text(st, ":added_by", actor);
		db_bind_time(st, ":now", now);
		if (db_exec_stmt(db, st, err, errlen) < 0)
			goto out;
	}
	snprintf(detail, sizeof detail, "会议 %lld，照片 %.12s（%s）", (long long)meeting_id, sha,
		 strcmp(source, "usb") == 0 ? "U盘" : "手机");
	if (db_audit(db, actor, "添加会议照片", sha, detail, err, errlen) < 0)
		goto out;
	rc = 0;
out:
	return db_tx_end(db, own, rc, err, errlen);
}

static int photo_get(struct db *db, int64_t meeting_id, const char *sha, struct photo *out)
{
	struct photo list[PHOTO_MAX_PER_MEETING];
	char err[256];
	int i, n = photo_list(db, meeting_id, list, PHOTO_MAX_PER_MEETING, err, sizeof err);

	for (i = 0; i < n; i++)
		if (strcmp(list[i].sha256, sha) == 0) {
			*out = list[i];
			return 0;
		}
	return -1;
}

int photo_add(struct db *db, int64_t meeting_id, const void *data, size_t n, const char *source,
	      const char *actor, time_t now, struct photo *out, bool *already, char *err,
	      size_t errlen)
{
	struct meeting m;
	struct image_info info;
	struct decode d;
	char dir[1024], tmp_out[1100], final[1200], sha[PHOTO_SHA_HEX];
	int64_t bytes;
	bool existed;

	memset(out, 0, sizeof *out);
	*already = false;
	if (meetings_get(db, meeting_id, &m, err, errlen) < 0)
		return -1;
	if (sniff(data, n, &info, err, errlen) < 0)
		return -1;
	if (live_count(db, meeting_id) >= PHOTO_MAX_PER_MEETING) {
		full_message(err, errlen);
		return -1;
	}
	photo_dir(db->path, dir, sizeof dir);
	if (mkdir(dir, 0755) < 0 && errno != EEXIST) {
		snprintf(err, errlen, "无法建立照片文件夹 %s（%s）", dir, syserr(errno));
		return -1;
	}
	if (decode_to(dir, data, n, &info, tmp_out, sizeof tmp_out, &d, err, errlen) < 0)
		return -1;
	if (hash_file(tmp_out, sha, &bytes) < 0 || bytes <= 0) {
		snprintf(err, errlen, "无法读回刚保存的照片；磁盘是否已满？");
		unlink(tmp_out);
		return -1;
	}
	photo_path(db->path, sha, final, sizeof final);
	existed = access(final, F_OK) == 0;
	if (existed)
		unlink(tmp_out);
	else if (rename(tmp_out, final) < 0) {
		snprintf(err, errlen, "无法保存照片（%s）", syserr(errno));
		unlink(tmp_out);
		return -1;
	}
	if (save_row(db, meeting_id, sha, &d, bytes, source, actor, now, already, err, errlen) < 0) {
		if (!existed)
			unlink(final);
		return -1;
	}
	if (photo_get(db, meeting_id, sha, out) < 0) {
		snprintf(err, errlen, "照片已保存，但读不回它的记录");
		return -1;
	}
	return 0;
}

int photo_add_file(struct db *db, int64_t meeting_id, const char *path, const char *source,
		   const char *actor, time_t now, struct photo *out, bool *already, char *err,
		   size_t errlen)
{
	struct stat sb;
	uint8_t *data;
	size_t got = 0;
	ssize_t r;
	int fd = open(path, O_RDONLY | O_CLOEXEC), rc;

	if (fd < 0 || fstat(fd, &sb) < 0) {
		snprintf(err, errlen, "无法打开 %s（%s）", path, syserr(errno));
		if (fd >= 0)
			close(fd);
		return -1;
	}
	if (!S_ISREG(sb.st_mode) || sb.st_size > PHOTO_MAX_BYTES) {
		if (S_ISREG(sb.st_mode))
			snprintf(err, errlen, "照片太大（%.1f MB），每张最多 %ld MB",
				 (double)sb.st_size / (1024 * 1024), PHOTO_MAX_BYTES / (1024 * 1024));
		else
			snprintf(err, errlen, "%s 不是文件", path);
		close(fd);
		return -1;
	}
	if (!(data = malloc((size_t)sb.st_size + 1))) {
		snprintf(err, errlen, "内存不足，无法读取照片");
		close(fd);
		return -1;
	}
	while (got < (size_t)sb.st_size &&
	       ((r = read(fd, data + got, (size_t)sb.st_size - got)) > 0 || (r < 0 && errno == EINTR)))
		if (r > 0)
			got += (size_t)r;
	close(fd);
	if (got != (size_t)sb.st_size) {
		snprintf(err, errlen, "读取 %s 出错（U 盘是否被拔出了？）", path);
		free(data);
		return -1;
	}
	rc = photo_add(db, meeting_id, data, got, source, actor, now, out, already, err, errlen);
	free(data);
	return rc;
}

static int picture_name(const struct dirent *e)
{
	const char *dot = strrchr(e->d_name, '.');

	return e->d_name[0] != '.' && dot &&
	       (strcasecmp(dot, ".jpg") == 0 || strcasecmp(dot, ".jpeg") == 0 ||
		strcasecmp(dot, ".png") == 0);
}

int photo_add_folder(struct db *db, int64_t meeting_id, const char *dir, const char *actor,
		     time_t now, photo_report_fn *report, void *ctx, char *err, size_t errlen)
{
	struct dirent **names;
	struct stat sb;
	char folder[1200], path[1600], why[512];
	int i, n, added = 0;

	snprintf(folder, sizeof folder, "%s/照片", dir);
	if (stat(folder, &sb) < 0 || !S_ISDIR(sb.st_mode))
		snprintf(folder, sizeof folder, "%s", dir);
	n = scandir(folder, &names, picture_name, alphasort);
	if (n < 0) {
		snprintf(err, errlen, "无法读取 %s（%s）", folder, syserr(errno));
		return -1;
	}
	for (i = 0; i < n; i++) {
		struct photo p;
		bool already;
		snprintf(path, sizeof path, "%s/%s", folder, names[i]->d_name);
		if (photo_add_file(db, meeting_id, path, "usb", actor, now, &p, &already, why,
				   sizeof why) < 0) {
			if (report)
				report(ctx, names[i]->d_name, why, false);
		} else {
			added += !already;
			if (report)
				report(ctx, names[i]->d_name, NULL, already);
		}
		free(names[i]);
	}
	free(names);
	return added;
}

int photo_list(struct db *db, int64_t meeting_id, struct photo *out, int max, char *err,
	       size_t errlen)
{
	sqlite3_stmt *st = db_stmt(db, STMT_PHOTO_LIST);
	int n = 0, rc;

	db_bind_id(st, ":meeting_id", meeting_id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct photo *p;
		if (n >= max)
			continue;
		p = &out[n++];
		memset(p, 0, sizeof *p);
		p->id = sqlite3_column_int64(st, 0);
		db_column_text(st, 1, p->uuid, sizeof p->uuid);
		p->meeting_id = sqlite3_column_int64(st, 2);
		db_column_text(st, 3, p->sha256, sizeof p->sha256);
		p->width = sqlite3_column_int(st, 4);
		p->height = sqlite3_column_int(st, 5);
		p->bytes = sqlite3_column_int64(st, 6);
		db_column_text(st, 7, p->source, sizeof p->source);
		db_column_text(st, 8, p->added_by, sizeof p->added_by);
		db_column_text(st, 9, p->added_at, sizeof p->added_at);
	}
	if (rc != SQLITE_DONE) {
		db_error(db, "读取会议照片", err, errlen);
		return -1;
	}
	return n;
}

int photo_delete(struct db *db, int64_t meeting_id, int64_t id, const char *actor, time_t now,
		 char *err, size_t errlen)
{
	sqlite3_stmt *st;
	char detail[128];
	bool own;
	int rc = -1;

	if (db_tx_begin(db, &own, err, errlen) < 0)
		return -1;
	st = db_stmt(db, STMT_PHOTO_DELETE);
	db_bind_id(st, ":id", id);
	db_bind_id(st, ":meeting_id", meeting_id);
	db_bind_time(st, ":now", now);
	if (db_exec_stmt(db, st, err, errlen) < 0)
		goto out;
	if (sqlite3_changes(db->sql) != 1) {
		snprintf(err, errlen, "会议 %lld 没有编号为 %lld 的照片（可能已经删除了）",
			 (long long)meeting_id, (long long)id);
		goto out;
	}
	snprintf(detail, sizeof detail, "会议 %lld，照片 %lld", (long long)meeting_id, (long long)id);
	rc = db_audit(db, actor, "删除会议照片", "", detail, err, errlen);
out:
	return db_tx_end(db, own, rc, err, errlen);
}
