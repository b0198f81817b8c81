/* Finding USB sticks and the files on them. Called every two seconds while staff mode is open,
 * so it reads only the mount table (a file in memory) unless told to accept plain folders. */
#include "core/exchange/usb.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

/* Undo the mount table's octal escapes ("\040" for a space) in place. */
static void unescape(char *s)
{
	char *out = s;

	for (; *s; s++) {
		if (s[0] == '\\' && s[1] >= '0' && s[1] <= '3' && s[2] >= '0' && s[2] <= '7' &&
		    s[3] >= '0' && s[3] <= '7') {
			*out++ = (char)((s[1] - '0') * 64 + (s[2] - '0') * 8 + (s[3] - '0'));
			s += 3;
		} else {
			*out++ = *s;
		}
	}
	*out = '\0';
}

static int by_path(const void *a, const void *b)
{
	return strcmp(((const struct usb_stick *)a)->path, ((const struct usb_stick *)b)->path);
}

static void add(struct usb_stick *out, int *n, int max, const char *path)
{
	const char *slash = strrchr(path, '/');
	int i;

	for (i = 0; i < *n && i < max; i++)
		if (strcmp(out[i].path, path) == 0)
			return;
	if (*n < max) {
		snprintf(out[*n].path, sizeof out[*n].path, "%s", path);
		snprintf(out[*n].label, sizeof out[*n].label, "%s", slash ? slash + 1 : path);
	}
	(*n)++;
}

int usb_find(const char *mounts, const char *root, bool accept_folders, struct usb_stick *out,
	     int max)
{
	char line[2048], prefix[USB_PATH];
	size_t plen;
	FILE *f;
	int n = 0;

	snprintf(prefix, sizeof prefix, "%s", root);
	plen = strlen(prefix);
	while (plen > 1 && prefix[plen - 1] == '/')
		prefix[--plen] = '\0';
	f = fopen(mounts, "r");
	while (f && fgets(line, sizeof line, f)) {
		char *dev = strtok(line, " "), *dir = strtok(NULL, " ");
		if (!dev || !dir)
			continue;
		unescape(dir);
		if (strncmp(dir, prefix, plen) == 0 && dir[plen] == '/' && dir[plen + 1])
			add(out, &n, max, dir);
	}
	if (f)
		fclose(f);
	if (accept_folders) {
		DIR *d = opendir(prefix);
		struct dirent *e;
		while (d && (e = readdir(d))) {
			char path[USB_PATH + 256];
			struct stat sb;
			if (e->d_name[0] == '.')
				continue;
			snprintf(path, sizeof path, "%s/%s", prefix, e->d_name);
			if (stat(path, &sb) == 0 && S_ISDIR(sb.st_mode) && strlen(path) < USB_PATH)
				add(out, &n, max, path);
		}
		if (d)
			closedir(d);
	}
	qsort(out, (size_t)(n < max ? n : max), sizeof *out, by_path);
	return n;
}

bool usb_same(const struct usb_stick *a, int na, const struct usb_stick *b, int nb)
{
	int i;

	if (na != nb)
		return false;
	for (i = 0; i < na && i < USB_MAX; i++)
		if (strcmp(a[i].path, b[i].path) != 0)
			return false;
	return true;
}

static int by_name(const void *a, const void *b)
{
	return strcmp(a, b);
}

/* Does name end with one of the '|'-separated suffixes (any case)? */
static bool has_suffix(const char *name, const char *exts)
{
	size_t len = strlen(name);

	while (*exts) {
		size_t elen = strcspn(exts, "|");
		if (len > elen && strncasecmp(name + len - elen, exts, elen) == 0)
			return true;
		exts += elen + (exts[elen] == '|');
	}
	return false;
}

int usb_files(const char *dir, const char *exts, char (*names)[256], int max)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	int n = 0;

	if (!d)
		return -1;
	while ((e = readdir(d))) {
		char path[USB_PATH + 256];
		struct stat sb;
		/* "~$名单.xlsx" is the lock Excel leaves beside a workbook it has open */
		if (e->d_name[0] == '.' || strncmp(e->d_name, "~$", 2) == 0 ||
		    strlen(e->d_name) >= 256 || !has_suffix(e->d_name, exts))
			continue;
		snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
		if (stat(path, &sb) < 0 || !S_ISREG(sb.st_mode))
			continue;
		if (n < max)
			snprintf(names[n], 256, "%s", e->d_name);
		n++;
	}
	closedir(d);
	qsort(names, (size_t)(n < max ? n : max), sizeof *names, by_name);
	return n;
}
