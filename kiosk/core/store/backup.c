/* Backups with SQLite's online backup API (db_backup) into dated files; rotation by name,
 * which sorts by time. Restoring copies the file under a temporary name, fsyncs, and renames,
 * so a power cut during a restore leaves either the old state or the restored one. */
#include "core/store/backup.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/store/db.h"
#include "core/base/syserr.h"

#define PREFIX "kiosk-"
#define MAX_BACKUPS 1000

void backup_dir_for(const char *db_path, char *out, size_t size)
{
	const char *slash = strrchr(db_path, '/');

	if (slash)
		snprintf(out, size, "%.*s/backups", (int)(slash - db_path), db_path);
	else
		snprintf(out, size, "backups");
}

static int is_backup(const char *name)
{
	size_t n = strlen(name);

	return strncmp(name, PREFIX, strlen(PREFIX)) == 0 && n > 3 && strcmp(name + n - 3, ".db") == 0;
}

static int by_name_desc(const void *a, const void *b)
{
	return strcmp(*(char *const *)b, *(char *const *)a);
}

/* The backups in dir, newest first; *n of them (caller frees each and the array). */
static char **list_backups(const char *dir, int *n)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	char **names = NULL;

	*n = 0;
	if (!d)
		return NULL;
	names = calloc(MAX_BACKUPS, sizeof *names);
	while (names && (e = readdir(d)) != NULL && *n < MAX_BACKUPS)
		if (is_backup(e->d_name))
			names[(*n)++] = strdup(e->d_name);
	closedir(d);
	if (names)
		qsort(names, (size_t)*n, sizeof *names, by_name_desc);
	return names;
}

static void free_list(char **names, int n)
{
	int i;

	for (i = 0; i < n; i++)
		free(names[i]);
	free(names);
}

int backup_rotate(struct db *db, const char *dir, int keep, time_t now, char *out, size_t outlen,
		  char *err, size_t errlen)
{
	char stamp[32], path[PATH_MAX + 64];
	struct tm tm;
	char **names;
	int n, i;

	if (keep < 1) {
		snprintf(err, errlen, "至少要保留 1 份备份");
		return -1;
	}
	if (mkdir(dir, 0750) < 0 && errno != EEXIST) {
		snprintf(err, errlen, "无法建立备份文件夹 %s：%s", dir, syserr(errno));
		return -1;
	}
	localtime_r(&now, &tm);
	strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", &tm);
	snprintf(out, outlen, "%s/" PREFIX "%s.db", dir, stamp);
	snprintf(path, sizeof path, "%s.part", out);
	unlink(path);
	if (db_backup(db, path, err, errlen) < 0)
		return -1;
	{
		/* Only a copy that passes the check counts as a backup. */
		struct db *copy = db_open(path, 0, err, errlen);
		if (!copy || db_check(copy, err, errlen) < 0) {
			db_close(copy);
			unlink(path);
			return -1;
		}
		db_close(copy);
	}
	if (rename(path, out) < 0) {
		snprintf(err, errlen, "无法保存备份 %s：%s", out, syserr(errno));
		unlink(path);
		return -1;
	}
	names = list_backups(dir, &n);
	for (i = keep; i < n; i++) {
		snprintf(path, sizeof path, "%s/%s", dir, names[i]);
		unlink(path);
	}
	free_list(names, n);
	return 0;
}

/* Does the file open as a kiosk database and pass PRAGMA integrity_check? */
static int healthy(const char *path)
{
	sqlite3 *db = NULL;
	sqlite3_stmt *st = NULL;
	int ok = 0;

	if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK &&
	    sqlite3_prepare_v2(db, "PRAGMA integrity_check", -1, &st, NULL) == SQLITE_OK &&
	    sqlite3_step(st) == SQLITE_ROW) {
		const unsigned char *r = sqlite3_column_text(st, 0);
		ok = r && strcmp((const char *)r, "ok") == 0 && sqlite3_step(st) == SQLITE_DONE;
	}
	sqlite3_finalize(st);
	sqlite3_close(db);
	return ok;
}

static int copy_file(const char *from, const char *to, char *err, size_t errlen)
{
	char buf[65536], tmp[PATH_MAX + 16];
	int in, out, e = 0;
	ssize_t n;

	snprintf(tmp, sizeof tmp, "%s.restoring", to);
	in = open(from, O_RDONLY);
	out = open(tmp, O_WRONLY | O_CREAT | O_TRUNC, 0640);
	if (in < 0 || out < 0)
		e = errno;
	while (!e && (n = read(in, buf, sizeof buf)) != 0) {
		if (n < 0 || write(out, buf, (size_t)n) != n)
			e = errno ? errno : EIO;
	}
	if (!e && fsync(out) != 0)
		e = errno;
	if (in >= 0)
		close(in);
	if (out >= 0)
		close(out);
	if (!e && rename(tmp, to) != 0)
		e = errno;
	if (e) {
		unlink(tmp);
		snprintf(err, errlen, "无法从备份恢复数据库：%s", syserr(e));
		return -1;
	}
	return 0;
}

int backup_restore_if_broken(const char *db_path, const char *dir, time_t now, char *note,
			     size_t notelen, char *err, size_t errlen)
{
	char stamp[32], aside[PATH_MAX + 64], from[PATH_MAX + 8], to[PATH_MAX + 72], path[PATH_MAX];
	static const char *const extra[] = { "-wal", "-shm" };
	struct tm tm;
	struct stat sb;
	char **names;
	int n, i, good = -1;

	note[0] = '\0';
	if (stat(db_path, &sb) != 0 || healthy(db_path))
		return 0;
	names = list_backups(dir, &n);
	for (i = 0; i < n && good < 0; i++) {
		snprintf(path, sizeof path, "%s/%s", dir, names[i]);
		if (healthy(path))
			good = i;
	}
	if (good < 0) {
		snprintf(err, errlen, "数据库 %s 已损坏，而且 %s 里没有可用的备份；请联系技术人员", db_path, dir);
		free_list(names, n);
		return -1;
	}
	localtime_r(&now, &tm);
	strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", &tm);
	snprintf(aside, sizeof aside, "%s.broken-%s", db_path, stamp);
	if (rename(db_path, aside) != 0) {
		snprintf(err, errlen, "数据库已损坏，但无法把它移开：%s", syserr(errno));
		free_list(names, n);
		return -1;
	}
	for (i = 0; i < 2; i++) {
		snprintf(from, sizeof from, "%s%s", db_path, extra[i]);
		snprintf(to, sizeof to, "%s%s", aside, extra[i]);
		rename(from, to);
	}
	snprintf(path, sizeof path, "%s/%s", dir, names[good]);
	if (copy_file(path, db_path, err, errlen) < 0) {
		rename(aside, db_path); /* put things back as they were */
		free_list(names, n);
		return -1;
	}
	/* kiosk-YYYYMMDD-HHMMSS.db: say when the restored copy was made. */
	snprintf(note, notelen, "数据库损坏，已用 %.4s年%.2s月%.2s日 %.2s:%.2s 的备份恢复；之后的签到需要重新补录。损坏的文件保存为 %s",
		 names[good] + 6, names[good] + 10, names[good] + 12, names[good] + 15,
		 names[good] + 17, aside);
	free_list(names, n);
	return 1;
}
