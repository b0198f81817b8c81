/* Safe writing for removable media. A stick can be full, write-protected, or pulled out at
 * any moment; the promise is that anything under a final name is complete, and that staff are
 * told in plain words what happened and what to do. */
#include "core/base/safefile.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/text/utf8.h"
#include "core/base/syserr.h"

void safefile_explain(int errnum, const char *what, char *err, size_t errlen)
{
	switch (errnum) {
	case ENOSPC:
	case EDQUOT:
	case EFBIG:
		snprintf(err, errlen, "U 盘空间不够，%s没有写完。请删掉 U 盘上不需要的文件，或换一个 U 盘，再导出一次", what);
		break;
	case EROFS:
		snprintf(err, errlen, "U 盘是只读的（可能打开了写保护开关），%s没有写入。请拨开写保护或换一个 U 盘", what);
		break;
	case EACCES:
	case EPERM:
		snprintf(err, errlen, "没有权限写这个 U 盘，%s没有写入。请换一个 U 盘，或请管理员检查", what);
		break;
	case EIO:
	case ENODEV:
	case ENXIO:
	case ENOTCONN:
	case ENOENT:
	case ESTALE:
		snprintf(err, errlen, "U 盘被拔出或读写出错，%s没有完成。请重新插好 U 盘，再导出一次", what);
		break;
	default:
		snprintf(err, errlen, "写 U 盘出错（%s），%s没有完成", syserr(errnum), what);
		break;
	}
}

/* The stream's writes go to the file and through SHA-256 on the way (fopencookie). */
struct safefile_hash {
	int fd;
	crypto_hash_sha256_state st;
	uint64_t bytes;
	bool done;
	char hex[SAFEFILE_HEX];
};

static ssize_t hash_write(void *cookie, const char *buf, size_t n)
{
	struct safefile_hash *h = cookie;
	size_t done = 0;

	while (done < n) {
		ssize_t w = write(h->fd, buf + done, n - done);
		if (w < 0) {
			if (errno == EINTR)
				continue;
			/* 0, not -1 (fopencookie(3)): glibc takes -1 as a count and corrupts the
			 * stream's buffer, so the next large fwrite crashes. errno tells
			 * safefile_commit what happened; the stream's error flag is set. */
			return 0;
		}
		done += (size_t)w;
	}
	crypto_hash_sha256_update(&h->st, (const unsigned char *)buf, n);
	h->bytes += n;
	return (ssize_t)n;
}

static int hash_close(void *cookie)
{
	struct safefile_hash *h = cookie;

	/* The descriptor stays open for fsync; safefile_commit closes it. */
	(void)h;
	return 0;
}

int safefile_create(struct safefile *sf, const char *dir, const char *name, bool open_stream,
		    char *err, size_t errlen)
{
	cookie_io_functions_t io = { .write = hash_write, .close = hash_close };

	memset(sf, 0, sizeof *sf);
	snprintf(sf->tmp, sizeof sf->tmp, "%s/.%s.part", dir, name);
	snprintf(sf->final, sizeof sf->final, "%s/%s", dir, name);
	unlink(sf->tmp);
	if (!open_stream)
		return 0;
	sf->hash = calloc(1, sizeof *sf->hash);
	if (!sf->hash) {
		snprintf(err, errlen, "内存不足");
		return -1;
	}
	sf->hash->fd = open(sf->tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
	if (sf->hash->fd < 0) {
		safefile_explain(errno, name, err, errlen);
		free(sf->hash);
		sf->hash = NULL;
		return -1;
	}
	crypto_hash_sha256_init(&sf->hash->st);
	sf->f = fopencookie(sf->hash, "w", io);
	if (!sf->f) {
		close(sf->hash->fd);
		unlink(sf->tmp);
		free(sf->hash);
		sf->hash = NULL;
		snprintf(err, errlen, "内存不足");
		return -1;
	}
	setvbuf(sf->f, NULL, _IOFBF, 1 << 16);
	return 0;
}

int safefile_written_digest(struct safefile *sf, char hex[SAFEFILE_HEX], uint64_t *bytes)
{
	if (!sf->hash || !sf->hash->done)
		return -1;
	memcpy(hex, sf->hash->hex, SAFEFILE_HEX);
	*bytes = sf->hash->bytes;
	return 0;
}

int safefile_commit(struct safefile *sf, char *err, size_t errlen)
{
	const char *name = strrchr(sf->final, '/') ? strrchr(sf->final, '/') + 1 : sf->final;
	int fd = -1, e = 0;

	if (sf->f) {
		errno = 0;
		if (fflush(sf->f) != 0 || ferror(sf->f))
			e = errno ? errno : EIO;
		if (!e && fsync(sf->hash->fd) != 0)
			e = errno;
		if (fclose(sf->f) != 0 && !e)
			e = errno ? errno : EIO;
		sf->f = NULL;
		if (close(sf->hash->fd) != 0 && !e)
			e = errno;
		sf->hash->fd = -1;
		if (!e) {
			unsigned char out[crypto_hash_sha256_BYTES];
			crypto_hash_sha256_final(&sf->hash->st, out);
			sodium_bin2hex(sf->hash->hex, SAFEFILE_HEX, out, sizeof out);
			sf->hash->done = true;
		}
	} else {
		fd = open(sf->tmp, O_RDONLY);
		if (fd < 0 || fsync(fd) != 0)
			e = errno;
		if (fd >= 0)
			close(fd);
	}
	if (!e && rename(sf->tmp, sf->final) != 0)
		e = errno;
	if (e) {
		unlink(sf->tmp);
		safefile_free(sf);
		safefile_explain(e, name, err, errlen);
		return -1;
	}
	return 0;
}

void safefile_abort(struct safefile *sf)
{
	if (sf->f)
		fclose(sf->f);
	sf->f = NULL;
	if (sf->hash && sf->hash->fd >= 0)
		close(sf->hash->fd);
	free(sf->hash);
	sf->hash = NULL;
	if (sf->tmp[0])
		unlink(sf->tmp);
}

/* Done with a committed file: free what the stream needed. */
void safefile_free(struct safefile *sf)
{
	free(sf->hash);
	sf->hash = NULL;
}

/* The folder's own fsync, then syncfs on its whole file system. On a FAT32 stick booted in a
 * VM (Linux 6.1's vfat, mounted with flush) an export whose files and folders had each been
 * fsync'ed was still in the page cache when it said 可以安全拔出: the stick, pulled then,
 * held a folder entry and none of its files (tests/system). syncfs writes every dirty block
 * of that file system, the FAT and the folders included, before the stick is called safe. */
int safefile_sync_dir(const char *dir, char *err, size_t errlen)
{
	int fd = open(dir, O_RDONLY | O_DIRECTORY);
	int e = 0;

	if (fd < 0 || fsync(fd) != 0 || syncfs(fd) != 0)
		e = errno;
	if (fd >= 0)
		close(fd);
	/* Some FUSE file systems cannot fsync a folder; the files themselves were fsync'ed. */
	if (e && e != EINVAL && e != ENOSYS && e != EBADF) {
		safefile_explain(e, "导出文件夹", err, errlen);
		return -1;
	}
	return 0;
}

int safefile_digest(const char *path, bool from_device, char hex[SAFEFILE_HEX], uint64_t *bytes,
		    char *err, size_t errlen)
{
	crypto_hash_sha256_state st;
	unsigned char buf[65536], out[crypto_hash_sha256_BYTES];
	int fd = open(path, O_RDONLY);
	ssize_t n;
	const char *name = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;

	if (fd < 0) {
		safefile_explain(errno, name, err, errlen);
		return -1;
	}
	if (from_device)
		posix_fadvise(fd, 0, 0, POSIX_FADV_DONTNEED);
	crypto_hash_sha256_init(&st);
	*bytes = 0;
	while ((n = read(fd, buf, sizeof buf)) > 0) {
		crypto_hash_sha256_update(&st, buf, (unsigned long long)n);
		*bytes += (uint64_t)n;
	}
	if (n < 0) {
		int e = errno;
		close(fd);
		safefile_explain(e, name, err, errlen);
		return -1;
	}
	close(fd);
	crypto_hash_sha256_final(&st, out);
	sodium_bin2hex(hex, SAFEFILE_HEX, out, sizeof out);
	return 0;
}

void safefile_fat_name(const char *in, char *out, size_t max_bytes)
{
	size_t i = 0, j = 0, n = strlen(in), len;
	uint32_t cp;

	while (i < n) {
		len = utf8_decode(in + i, n - i, &cp);
		if (!len) {
			i++;
			continue;
		}
		if (j + len >= max_bytes)
			break;
		if (cp < 0x20 || cp == 0x7F || (cp < 0x80 && strchr("\\/:*?\"<>|", (int)cp) != NULL)) {
			out[j++] = '_';
		} else {
			memcpy(out + j, in + i, len);
			j += len;
		}
		i += len;
	}
	while (j > 0 && (out[j - 1] == '.' || out[j - 1] == ' '))
		j--;
	out[j] = '\0';
	if (j == 0 && max_bytes > 1)
		snprintf(out, max_bytes, "_");
}

void safefile_remove_dir(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	char path[PATH_MAX];

	if (d) {
		while ((e = readdir(d)) != NULL) {
			if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
				continue;
			snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
			unlink(path);
		}
		closedir(d);
	}
	rmdir(dir);
}

char *safefile_slurp(const char *path, long max, size_t *n)
{
	FILE *f = fopen(path, "rb");
	char *data = NULL;
	long size;

	if (!f)
		return NULL;
	if (fseek(f, 0, SEEK_END) == 0 && (size = ftell(f)) >= 0 && size <= max &&
	    fseek(f, 0, SEEK_SET) == 0 && (data = malloc((size_t)size + 1)) != NULL) {
		*n = fread(data, 1, (size_t)size, f);
		data[*n] = '\0';
		if ((long)*n != size) {
			free(data);
			data = NULL;
		}
	}
	fclose(f);
	return data;
}
