/* The checks the materials import makes before it trusts a file: names a FAT stick can hold and
 * that cannot climb out of the folder given (no "..", nothing FAT forbids, valid UTF-8), the
 * files computers leave on sticks that nobody means to import, and what a file's first bytes say
 * it really is, whatever its name says. Pure functions of their arguments: they touch no file. */
#include <stdbool.h>
#include <stdint.h>
#include <string.h>
#include <strings.h>

#include "core/formats/imageinfo.h"
#include "core/materials/materials_private.h"
#include "core/text/utf8.h"

/* Check one name (a file or folder, not a path); NULL when fine, else why not. */
const char *materials_check_name(const char *name)
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
const char *materials_check_path(const char *rel)
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
		if (n > 0 && (why = materials_check_name(part)) != NULL)
			return why;
		p += n;
		if (*p == '/')
			p++;
	}
	return NULL;
}

/* Files a computer leaves on a stick that nobody means to import. */
bool materials_check_junk(const char *name, bool dir)
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

bool materials_check_dotdot(const char *path)
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
const char *materials_check_looks_like(const uint8_t *h, size_t n)
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

bool materials_check_is_pdf(const uint8_t *h, size_t n)
{
	size_t i;

	/* The header may follow up to 1 KB of junk (the PDF standard allows it). */
	for (i = 0; i + 5 <= n && i < 1024; i++)
		if (memcmp(h + i, "%PDF-", 5) == 0)
			return true;
	return false;
}
