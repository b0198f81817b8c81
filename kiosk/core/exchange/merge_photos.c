/* Photo files into the office, by hash, once. The merge checks every folder of a batch first
 * (merge.c's check_folder for the CSV files, this for the pictures) and stores the pictures
 * before its transaction: a stored picture is named by its own hash, so one left behind by a
 * merge that then failed is harmless, and the next merge finds it already there. */
#include "core/exchange/merge_photos.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "core/base/safefile.h"
#include "core/exchange/export_photos.h"
#include "core/party/photo.h"
#include "core/formats/csv.h"

#define MAX_PHOTOS_CSV (64 * 1024 * 1024)

/* Copy src to the office's photos folder as <sha>.jpg, unless a sound copy is there. */
static int store_one(const char *src, const char *sha, const char *office_db_path, int *stored,
		     char *err, size_t errlen)
{
	char dest[PATH_MAX], dir[PATH_MAX], name[80], hex[SAFEFILE_HEX], buf[65536], why[256];
	struct safefile sf;
	uint64_t bytes;
	FILE *in;
	size_t got;
	char *slash;

	photo_path(office_db_path, sha, dest, sizeof dest);
	if (safefile_digest(dest, false, hex, &bytes, why, sizeof why) == 0 && strcmp(hex, sha) == 0)
		return 0;
	snprintf(dir, sizeof dir, "%s", dest);
	slash = strrchr(dir, '/');
	*slash = '\0';
	if (mkdir(dir, 0755) < 0 && errno != EEXIST) {
		snprintf(err, errlen, "无法建立照片文件夹 %s", dir);
		return -1;
	}
	snprintf(name, sizeof name, "%s.jpg", sha);
	if (!(in = fopen(src, "rb"))) {
		snprintf(err, errlen, "读不出 %s", src);
		return -1;
	}
	if (safefile_create(&sf, dir, name, true, err, errlen) < 0) {
		fclose(in);
		return -1;
	}
	while ((got = fread(buf, 1, sizeof buf, in)) > 0)
		if (fwrite(buf, 1, got, sf.f) != got)
			break;
	if (ferror(in) || ferror(sf.f)) {
		snprintf(err, errlen, "复制 %s 到 %s 失败", src, dir);
		fclose(in);
		safefile_abort(&sf);
		return -1;
	}
	fclose(in);
	if (safefile_commit(&sf, err, errlen) < 0)
		return -1;
	safefile_free(&sf);
	(*stored)++;
	return 0;
}

int merge_photos_files(const char *folder, json_t *manifest, const char *office_db_path,
		       bool store, int *stored, char *err, size_t errlen)
{
	json_t *files = json_object_get(manifest, "files");
	char path[PATH_MAX], why[512], hex[SAFEFILE_HEX], *data;
	int col_sha = -1, col_deleted = -1, col_file = -1, rc = -1, r;
	struct csv *csv = NULL;
	bool header = true;
	uint64_t bytes;
	char **fields;
	size_t n = 0, count;

	if (!json_object_get(files, EXPORT_PHOTOS_FILE))
		return 0; /* an export from before photos */
	snprintf(path, sizeof path, "%s/%s", folder, EXPORT_PHOTOS_FILE);
	data = safefile_slurp(path, MAX_PHOTOS_CSV, &n);
	if (!data || !(csv = csv_open(data, n))) {
		snprintf(err, errlen, "读不出 %s", path);
		free(data);
		return -1;
	}
	while ((r = csv_next(csv, &fields, &count, why, sizeof why)) != 0) {
		json_t *entry;
		const char *file, *want;
		if (r < 0) {
			snprintf(err, errlen, "%s：%s", path, why);
			goto out;
		}
		if (header) {
			for (size_t i = 0; i < count; i++) {
				if (strcmp(fields[i], "sha256") == 0)
					col_sha = (int)i;
				else if (strcmp(fields[i], "已删除") == 0)
					col_deleted = (int)i;
				else if (strcmp(fields[i], "文件") == 0)
					col_file = (int)i;
			}
			if (col_sha < 0 || col_deleted < 0 || col_file < 0) {
				snprintf(err, errlen, "%s 缺少 sha256、已删除或文件列，不是本程序导出的文件", path);
				goto out;
			}
			header = false;
			continue;
		}
		if ((int)count <= col_file || (int)count <= col_sha || (int)count <= col_deleted) {
			snprintf(err, errlen, "%s 第 %zu 行的列数不对", path, csv_line(csv));
			goto out;
		}
		file = fields[col_file];
		if (!file[0] || strcmp(fields[col_deleted], "是") == 0)
			continue;
		/* A name such as ../../x would reach outside the folder: only 纪实/NAME.jpg. */
		if (strncmp(file, "纪实/", strlen("纪实/")) != 0 || strstr(file, "..") ||
		    strchr(file + strlen("纪实/"), '/') || strlen(fields[col_sha]) != 64 ||
		    strspn(fields[col_sha], "0123456789abcdef") != 64) {
			snprintf(err, errlen, "%s 第 %zu 行的照片文件名或 sha256 不对，整批没有合并", path,
				 csv_line(csv));
			goto out;
		}
		snprintf(path, sizeof path, "%s/%s", folder, file);
		if (store) {
			if (store_one(path, fields[col_sha], office_db_path, stored, err, errlen) < 0)
				goto out;
			snprintf(path, sizeof path, "%s/%s", folder, EXPORT_PHOTOS_FILE);
			continue;
		}
		entry = json_object_get(files, file);
		want = json_string_value(json_object_get(entry, "sha256"));
		if (!want) {
			snprintf(err, errlen, "%s/manifest.json 没有列出 %s，整批没有合并", folder, file);
			goto out;
		}
		if (safefile_digest(path, false, hex, &bytes, why, sizeof why) < 0) {
			snprintf(err, errlen, "%s 缺失或读不出，整批没有合并", path);
			goto out;
		}
		if (strcmp(hex, want) != 0 ||
		    (json_int_t)bytes != json_integer_value(json_object_get(entry, "bytes"))) {
			snprintf(err, errlen, "%s 与导出清单不符（被改动过或不完整），整批没有合并；请从签到机重新导出",
				 path);
			goto out;
		}
		if (strcmp(hex, fields[col_sha]) != 0) {
			snprintf(err, errlen, "%s 的内容与它在 photos.csv 里的 sha256 不符（被换过），整批没有合并；"
				 "请从签到机重新导出", path);
			goto out;
		}
		snprintf(path, sizeof path, "%s/%s", folder, EXPORT_PHOTOS_FILE);
	}
	rc = 0;
out:
	csv_close(csv);
	free(data);
	return rc;
}
