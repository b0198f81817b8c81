/* An .xlsx workbook is a zip of XML parts (ECMA-376): xl/workbook.xml names the sheets,
 * xl/_rels/workbook.xml.rels says which part holds each, xl/sharedStrings.xml holds the text of
 * string cells, xl/styles.xml says which cells are formatted as dates. minizip reads the zip from
 * memory and expat streams each part; nothing here trusts a size or an index it was given. */
#include "core/formats/xlsx.h"

#include <expat.h>
#include <math.h>
#include <stdarg.h>
#include <minizip/unzip.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/text/utf8.h"

#define XLSX_RESAVE "请在 Excel 或 WPS 中打开后重新保存，或另存为“CSV UTF-8”后再导入"
enum { MAX_CELL_TEXT = 64 * 1024, MAX_STYLES = 65536 };

/* How a cell style shows a number: as itself, a full date, or a year and month (入党 1978年7月). */
enum numfmt { FMT_NUMBER, FMT_DATE, FMT_YEAR_MONTH };

struct buf {
	char *p;
	size_t n, cap;
};

struct book {
	unzFile zip;
	XML_Parser parser;
	const char *part; /* the part being parsed, for messages */
	char err[512];
	bool failed;

	/* xl/workbook.xml and its relationships */
	bool date1904;
	char sheet_rid[128];
	char sheet_path[512];

	/* xl/styles.xml */
	struct custom_fmt {
		unsigned id;
		enum numfmt fmt;
	} *custom;
	size_t ncustom, capcustom;
	unsigned char *xf; /* enum numfmt per cell style, in cellXfs order */
	size_t nxf, capxf;
	int in_cellxfs;

	/* xl/sharedStrings.xml */
	char **strings;
	size_t nstrings, capstrings;
	int in_rph; /* phonetic runs (<rPh>) are not part of the text */

	/* text of the element being read (<t>, <v>) */
	struct buf text;
	bool collecting;

	/* the worksheet */
	struct buf out;
	long line;        /* the output line now open (= sheet row) */
	long row;         /* row being read */
	long written;     /* fields written in this row */
	long col;         /* column of the cell being read */
	long last_col;    /* column of the previous cell in this row */
	unsigned style;
	char type[16];
	bool in_inline;
	struct buf value;
};

static void fail(struct book *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void fail(struct book *b, const char *fmt, ...)
{
	va_list ap;

	if (b->failed)
		return;
	b->failed = true;
	va_start(ap, fmt);
	vsnprintf(b->err, sizeof b->err, fmt, ap);
	va_end(ap);
	if (b->parser)
		XML_StopParser(b->parser, XML_FALSE);
}

static int buf_add(struct book *b, struct buf *x, const char *s, size_t n, size_t limit)
{
	if (x->n + n + 1 > limit) {
		fail(b, "%s 里有一段内容太长（超过 %zu 字节），" XLSX_RESAVE, b->part, limit);
		return -1;
	}
	if (x->n + n + 1 > x->cap) {
		size_t cap = x->cap ? x->cap : 256;
		char *p;
		while (cap < x->n + n + 1)
			cap *= 2;
		if (!(p = realloc(x->p, cap))) {
			fail(b, "内存不足，无法读取工作簿");
			return -1;
		}
		x->p = p;
		x->cap = cap;
	}
	memcpy(x->p + x->n, s, n);
	x->n += n;
	x->p[x->n] = '\0';
	return 0;
}

/* ---- the zip, read from memory ---- */

struct mem {
	const char *data;
	size_t n, pos;
};

static voidpf mem_open(voidpf opaque, const void *name, int mode)
{
	(void)name;
	(void)mode;
	((struct mem *)opaque)->pos = 0;
	return opaque;
}

static uLong mem_read(voidpf opaque, voidpf stream, void *buf, uLong size)
{
	struct mem *m = stream;
	size_t left = m->n - m->pos;

	(void)opaque;
	if (size > left)
		size = (uLong)left;
	memcpy(buf, m->data + m->pos, size);
	m->pos += size;
	return size;
}

static uLong mem_write(voidpf opaque, voidpf stream, const void *buf, uLong size)
{
	(void)opaque;
	(void)stream;
	(void)buf;
	(void)size;
	return 0;
}

static ZPOS64_T mem_tell(voidpf opaque, voidpf stream)
{
	(void)opaque;
	return ((struct mem *)stream)->pos;
}

static long mem_seek(voidpf opaque, voidpf stream, ZPOS64_T offset, int origin)
{
	struct mem *m = stream;
	ZPOS64_T base = origin == ZLIB_FILEFUNC_SEEK_SET ? 0
			: origin == ZLIB_FILEFUNC_SEEK_CUR ? m->pos : m->n;

	(void)opaque;
	if (offset > m->n || base + offset > m->n)
		return -1;
	m->pos = (size_t)(base + offset);
	return 0;
}

static int mem_close(voidpf opaque, voidpf stream)
{
	(void)opaque;
	(void)stream;
	return 0;
}

static int mem_error(voidpf opaque, voidpf stream)
{
	(void)opaque;
	(void)stream;
	return 0;
}

/* ---- names ---- */

/* Element and attribute names without their namespace prefix ("x:row" -> "row"). */
static const char *local(const char *name)
{
	const char *c = strrchr(name, ':');
	return c ? c + 1 : name;
}

static const char *attr(const char **atts, const char *name)
{
	for (; atts[0]; atts += 2)
		if (strcmp(local(atts[0]), name) == 0)
			return atts[1];
	return NULL;
}

static void XMLCALL collect(void *ctx, const XML_Char *s, int len)
{
	struct book *b = ctx;

	if (b->collecting && !b->in_rph)
		buf_add(b, &b->text, s, (size_t)len, MAX_CELL_TEXT);
}

static void start_text(struct book *b)
{
	b->collecting = true;
	b->text.n = 0;
	if (b->text.p)
		b->text.p[0] = '\0';
}

/* ---- xl/workbook.xml and xl/_rels/workbook.xml.rels ---- */

static void XMLCALL workbook_start(void *ctx, const XML_Char *name, const XML_Char **atts)
{
	struct book *b = ctx;
	const char *el = local(name), *v;

	if (strcmp(el, "workbookPr") == 0 && (v = attr(atts, "date1904")))
		b->date1904 = strcmp(v, "1") == 0 || strcmp(v, "true") == 0;
	if (strcmp(el, "sheet") == 0 && !b->sheet_rid[0]) {
		const char *state = attr(atts, "state");
		if (state && strcmp(state, "visible") != 0)
			return; /* a hidden sheet is not the roster the clerk sees */
		for (; atts[0]; atts += 2) /* r:id, whatever the prefix */
			if (strchr(atts[0], ':') && strcmp(local(atts[0]), "id") == 0)
				snprintf(b->sheet_rid, sizeof b->sheet_rid, "%s", atts[1]);
	}
}

static void XMLCALL rels_start(void *ctx, const XML_Char *name, const XML_Char **atts)
{
	struct book *b = ctx;
	const char *id, *target;

	if (strcmp(local(name), "Relationship") != 0 || b->sheet_path[0])
		return;
	id = attr(atts, "Id");
	target = attr(atts, "Target");
	if (!id || !target || strcmp(id, b->sheet_rid) != 0)
		return;
	if (target[0] == '/')
		snprintf(b->sheet_path, sizeof b->sheet_path, "%s", target + 1);
	else
		snprintf(b->sheet_path, sizeof b->sheet_path, "xl/%s", target);
}

/* ---- xl/styles.xml ---- */

/* Built-in number formats that show dates, including the ones Chinese Excel adds (27-36, 50-58);
 * the time-only ones are left as numbers. */
static enum numfmt builtin_fmt(unsigned id)
{
	switch (id) {
	case 14: case 15: case 16: case 22:
	case 28: case 29: case 30: case 31:
	case 51: case 53: case 54: case 58:
		return FMT_DATE;
	case 17: case 27: case 36: case 50: case 52: case 57:
		return FMT_YEAR_MONTH;
	default:
		return FMT_NUMBER;
	}
}

/* A custom format is a date when, outside quoted text, [..] and escapes, it has a year or a day
 * or a month without hours or seconds (so "h:mm" stays a time). */
static enum numfmt custom_fmt(const char *code)
{
	bool y = false, m = false, d = false, h = false, s = false;

	for (; *code; code++) {
		char c = *code;
		if (c == '"') {
			while (code[1] && code[1] != '"')
				code++;
			if (code[1])
				code++;
			continue;
		}
		if (c == '[') {
			while (code[1] && code[1] != ']')
				code++;
			continue;
		}
		if (c == '\\' || c == '_' || c == '*') {
			if (code[1])
				code++;
			continue;
		}
		switch (c | 0x20) {
		case 'y': case 'e': y = true; break;
		case 'm': m = true; break;
		case 'd': d = true; break;
		case 'h': h = true; break;
		case 's': s = true; break;
		default: break;
		}
	}
	if (d)
		return FMT_DATE;
	if (y || (m && !h && !s))
		return m ? FMT_YEAR_MONTH : FMT_NUMBER;
	return FMT_NUMBER;
}

static void XMLCALL styles_start(void *ctx, const XML_Char *name, const XML_Char **atts)
{
	struct book *b = ctx;
	const char *el = local(name), *id, *code;

	if (strcmp(el, "numFmt") == 0 && (id = attr(atts, "numFmtId")) && (code = attr(atts, "formatCode"))) {
		if (b->ncustom == b->capcustom) {
			size_t cap = b->capcustom ? b->capcustom * 2 : 16;
			struct custom_fmt *p;
			if (cap > MAX_STYLES || !(p = realloc(b->custom, cap * sizeof *p))) {
				fail(b, "xl/styles.xml 里的格式太多，" XLSX_RESAVE);
				return;
			}
			b->custom = p;
			b->capcustom = cap;
		}
		b->custom[b->ncustom].id = (unsigned)strtoul(id, NULL, 10);
		b->custom[b->ncustom++].fmt = custom_fmt(code);
	} else if (strcmp(el, "cellXfs") == 0) {
		b->in_cellxfs++;
	} else if (strcmp(el, "xf") == 0 && b->in_cellxfs) {
		const char *v = attr(atts, "numFmtId");
		unsigned fid = v ? (unsigned)strtoul(v, NULL, 10) : 0;
		enum numfmt f = builtin_fmt(fid);
		size_t i;
		for (i = 0; i < b->ncustom; i++)
			if (b->custom[i].id == fid)
				f = b->custom[i].fmt;
		if (b->nxf == b->capxf) {
			size_t cap = b->capxf ? b->capxf * 2 : 64;
			unsigned char *p;
			if (cap > MAX_STYLES || !(p = realloc(b->xf, cap))) {
				fail(b, "xl/styles.xml 里的单元格样式太多，" XLSX_RESAVE);
				return;
			}
			b->xf = p;
			b->capxf = cap;
		}
		b->xf[b->nxf++] = (unsigned char)f;
	}
}

static void XMLCALL styles_end(void *ctx, const XML_Char *name)
{
	struct book *b = ctx;

	if (strcmp(local(name), "cellXfs") == 0 && b->in_cellxfs)
		b->in_cellxfs--;
}

static void unescape_x(char *s);

/* ---- xl/sharedStrings.xml ---- */

static void XMLCALL strings_start(void *ctx, const XML_Char *name, const XML_Char **atts)
{
	struct book *b = ctx;
	const char *el = local(name);

	(void)atts;
	if (strcmp(el, "si") == 0) {
		start_text(b);
		b->collecting = false; /* only <t> holds text: not the spaces between runs */
	} else if (strcmp(el, "t") == 0) {
		b->collecting = true;
	} else if (strcmp(el, "rPh") == 0) {
		b->in_rph++;
	}
}

static void XMLCALL strings_end(void *ctx, const XML_Char *name)
{
	struct book *b = ctx;
	const char *el = local(name);
	char *s;

	if (strcmp(el, "rPh") == 0 && b->in_rph) {
		b->in_rph--;
	} else if (strcmp(el, "t") == 0) {
		b->collecting = false;
	} else if (strcmp(el, "si") == 0) {
		b->collecting = false;
		if (b->nstrings == b->capstrings) {
			size_t cap = b->capstrings ? b->capstrings * 2 : 256;
			char **p;
			if (cap > XLSX_MAX_STRINGS || !(p = realloc(b->strings, cap * sizeof *p))) {
				fail(b, "xl/sharedStrings.xml 里的文字太多，" XLSX_RESAVE);
				return;
			}
			b->strings = p;
			b->capstrings = cap;
		}
		if (b->text.p)
			unescape_x(b->text.p);
		if (!(s = strdup(b->text.p ? b->text.p : ""))) {
			fail(b, "内存不足，无法读取工作簿");
			return;
		}
		b->strings[b->nstrings++] = s;
	}
}

/* ---- the worksheet ---- */

/* "BC12" -> column 55, row 12; 0 when the reference is not one. */
static long cell_column(const char *ref, long *row)
{
	long col = 0;

	for (; *ref >= 'A' && *ref <= 'Z'; ref++)
		if ((col = col * 26 + (*ref - 'A' + 1)) > 16384)
			return 0;
	*row = 0;
	for (; *ref >= '0' && *ref <= '9'; ref++)
		if ((*row = *row * 10 + (*ref - '0')) > 1048576)
			return 0;
	return *ref ? 0 : col;
}

/* Days since 1970-01-01 to a civil date (H. Hinnant's algorithm). */
static void civil_from_days(long z, int *y, int *m, int *d)
{
	long era, yoe, doy, mp;
	unsigned doe;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = (unsigned)(z - era * 146097);
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)(yoe + era * 400 + (*m <= 2));
}

/* A number cell as the roster reader should see it. */
static void format_number(const struct book *b, const char *v, char *out, size_t size)
{
	char *end;
	double x = strtod(v, &end);
	enum numfmt f = b->style < b->nxf ? (enum numfmt)b->xf[b->style] : FMT_NUMBER;

	if (end == v || *end || !isfinite(x)) {
		snprintf(out, size, "%s", v);
		return;
	}
	if (f != FMT_NUMBER && x >= 1 && x < 2958466) { /* up to 9999-12-31 */
		long days = (long)floor(x);
		int y, m, d;
		/* 1900 system: serial 1 is 1900-01-01, and Excel counts a 1900-02-29 that never was. */
		if (b->date1904)
			days += 1462;
		if (b->date1904 || days > 60) {
			civil_from_days(days - 25569, &y, &m, &d);
		} else if (days < 60) {
			civil_from_days(days - 25568, &y, &m, &d);
		} else {
			snprintf(out, size, "1900-02-29");
			return;
		}
		if (f == FMT_DATE)
			snprintf(out, size, "%04d-%02d-%02d", y, m, d);
		else
			snprintf(out, size, "%04d-%02d", y, m);
		return;
	}
	if (x == floor(x) && fabs(x) < 1e15)
		snprintf(out, size, "%.0f", x);
	else
		snprintf(out, size, "%.15g", x);
}

/* Excel writes control characters in text as _x000D_; turn them back (and into spaces below). */
static void unescape_x(char *s)
{
	char *r = s, *w = s;

	while (*r) {
		unsigned v;
		int k;
		if (r[0] == '_' && r[1] == 'x' && sscanf(r + 2, "%4x%n", &v, &k) == 1 && k == 4 &&
		    r[6] == '_') {
			size_t len = utf8_encode(v, w);
			if (len) {
				w += len;
				r += 7;
				continue;
			}
		}
		*w++ = *r++;
	}
	*w = '\0';
}

/* Append one field, quoted, at its column. */
static void put_field(struct book *b, long col, const char *v)
{
	static const char newlines[] = "\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n";
	static const char commas[] = ",,,,,,,,,,,,,,,,";
	long gap;
	const char *p;

	if (!*v)
		return;
	if (b->row > XLSX_MAX_ROWS) {
		fail(b, "第 %ld 行有内容，超出了 %d 行的上限；请删去名单下方多余的内容", b->row,
		     XLSX_MAX_ROWS);
		return;
	}
	if (col > XLSX_MAX_COLUMNS) {
		fail(b, "第 %ld 行第 %ld 列有内容，超出了 %d 列的上限；请删去名单右侧多余的内容",
		     b->row, col, XLSX_MAX_COLUMNS);
		return;
	}
	for (gap = b->row - b->line; gap > 0; gap -= 16)
		if (buf_add(b, &b->out, newlines, (size_t)(gap < 16 ? gap : 16), XLSX_MAX_PART_BYTES) < 0)
			return;
	if (b->row > b->line) {
		b->line = b->row;
		b->written = 0;
	}
	for (gap = b->written ? col - b->written : col - 1; gap > 0; gap -= 16)
		if (buf_add(b, &b->out, commas, (size_t)(gap < 16 ? gap : 16), XLSX_MAX_PART_BYTES) < 0)
			return;
	buf_add(b, &b->out, "\"", 1, XLSX_MAX_PART_BYTES);
	for (p = v; *p; p++) {
		const char *piece = *p == '"' ? "\"\"" : (*p == '\n' || *p == '\r' || *p == '\t') ? " " : p;
		size_t len = *p == '"' ? 2 : 1;
		if (buf_add(b, &b->out, piece, len, XLSX_MAX_PART_BYTES) < 0)
			return;
	}
	buf_add(b, &b->out, "\"", 1, XLSX_MAX_PART_BYTES);
	b->written = col;
}

static void XMLCALL sheet_start(void *ctx, const XML_Char *name, const XML_Char **atts)
{
	struct book *b = ctx;
	const char *el = local(name), *v;

	if (strcmp(el, "row") == 0) {
		long r = (v = attr(atts, "r")) ? strtol(v, NULL, 10) : b->row + 1;
		if (r <= b->row || r > 1048576) {
			fail(b, "工作表的行号不对（第 %ld 行之后是“%s”），文件可能已损坏；" XLSX_RESAVE,
			     b->row, v ? v : "");
			return;
		}
		b->row = r;
		b->last_col = 0;
	} else if (strcmp(el, "c") == 0) {
		long r = b->row;
		v = attr(atts, "r");
		b->col = v ? cell_column(v, &r) : b->last_col + 1;
		if (b->col <= b->last_col || r != b->row) {
			fail(b, "第 %ld 行的单元格“%s”位置不对，文件可能已损坏；" XLSX_RESAVE, b->row,
			     v ? v : "");
			return;
		}
		b->last_col = b->col;
		b->style = (v = attr(atts, "s")) ? (unsigned)strtoul(v, NULL, 10) : 0;
		snprintf(b->type, sizeof b->type, "%s", (v = attr(atts, "t")) ? v : "n");
		b->value.n = 0;
		if (b->value.p)
			b->value.p[0] = '\0';
	} else if (strcmp(el, "v") == 0 || (strcmp(el, "t") == 0 && b->in_inline)) {
		start_text(b);
	} else if (strcmp(el, "is") == 0) {
		b->in_inline = true;
	} else if (strcmp(el, "rPh") == 0) {
		b->in_rph++;
	}
}

static void XMLCALL sheet_end(void *ctx, const XML_Char *name)
{
	struct book *b = ctx;
	const char *el = local(name);
	char num[64];

	if (strcmp(el, "v") == 0 || (strcmp(el, "t") == 0 && b->in_inline)) {
		b->collecting = false;
		if (b->text.n)
			buf_add(b, &b->value, b->text.p, b->text.n, MAX_CELL_TEXT);
	} else if (strcmp(el, "is") == 0) {
		b->in_inline = false;
	} else if (strcmp(el, "rPh") == 0 && b->in_rph) {
		b->in_rph--;
	} else if (strcmp(el, "c") == 0) {
		const char *v = b->value.p ? b->value.p : "";
		if (!*v)
			return; /* a formatted cell holding nothing */
		if (strcmp(b->type, "s") == 0) {
			char *end;
			unsigned long i = strtoul(v, &end, 10);
			if (!*v || *end || i >= b->nstrings) {
				fail(b, "第 %ld 行第 %ld 列引用的文字不存在，文件可能已损坏；" XLSX_RESAVE,
				     b->row, b->col);
				return;
			}
			put_field(b, b->col, b->strings[i]);
		} else if (strcmp(b->type, "inlineStr") == 0 || strcmp(b->type, "str") == 0 ||
			   strcmp(b->type, "e") == 0) {
			if (b->value.p)
				unescape_x(b->value.p);
			put_field(b, b->col, v);
		} else if (strcmp(b->type, "b") == 0) {
			put_field(b, b->col, strcmp(v, "1") == 0 ? "TRUE" : *v ? "FALSE" : "");
		} else if (strcmp(b->type, "d") == 0) {
			snprintf(num, sizeof num, "%.10s", v); /* ISO 8601: keep the date */
			put_field(b, b->col, num);
		} else {
			format_number(b, v, num, sizeof num);
			put_field(b, b->col, num);
		}
	}
}

/* ---- parts ---- */

/* Stream one part of the zip through a fresh expat parser with the given handlers. Returns 1 when
 * parsed, 0 when the part is absent, -1 on failure (b->err set). */
static int parse_part(struct book *b, const char *part, XML_StartElementHandler start,
		      XML_EndElementHandler end)
{
	unz_file_info64 info;
	char chunk[65536];
	uint64_t total = 0;
	int n, rc = 1;

	if (unzLocateFile(b->zip, part, 2) != UNZ_OK)
		return 0;
	b->part = part;
	if (unzGetCurrentFileInfo64(b->zip, &info, NULL, 0, NULL, 0, NULL, 0) != UNZ_OK) {
		fail(b, "工作簿已损坏（%s 读不出来），" XLSX_RESAVE, part);
		return -1;
	}
	if (info.flag & 1) {
		fail(b, "工作簿设了密码，无法读取；请在 Excel 中取消密码后重新保存，再导入");
		return -1;
	}
	if (info.uncompressed_size > XLSX_MAX_PART_BYTES) {
		fail(b, "工作簿太大（%s 有 %llu MB），请只保留名单这一张表后重新保存", part,
		     (unsigned long long)(info.uncompressed_size >> 20));
		return -1;
	}
	if (unzOpenCurrentFile(b->zip) != UNZ_OK) {
		fail(b, "工作簿已损坏（%s 打不开），" XLSX_RESAVE, part);
		return -1;
	}
	if (!(b->parser = XML_ParserCreate("UTF-8"))) {
		unzCloseCurrentFile(b->zip);
		fail(b, "内存不足，无法读取工作簿");
		return -1;
	}
	XML_SetUserData(b->parser, b);
	XML_SetElementHandler(b->parser, start, end);
	XML_SetCharacterDataHandler(b->parser, collect);
	while (!b->failed && (n = unzReadCurrentFile(b->zip, chunk, sizeof chunk)) > 0) {
		if ((total += (uint64_t)n) > XLSX_MAX_PART_BYTES) {
			fail(b, "工作簿太大（%s 超过 %d MB），请只保留名单这一张表后重新保存", part,
			     XLSX_MAX_PART_BYTES >> 20);
			break;
		}
		if (XML_Parse(b->parser, chunk, n, 0) == XML_STATUS_ERROR && !b->failed)
			fail(b, "工作簿已损坏（%s 第 %lu 行：%s），" XLSX_RESAVE, part,
			     (unsigned long)XML_GetCurrentLineNumber(b->parser),
			     XML_ErrorString(XML_GetErrorCode(b->parser)));
	}
	if (!b->failed && n < 0)
		fail(b, "工作簿已损坏（%s 解压出错），" XLSX_RESAVE, part);
	if (!b->failed && XML_Parse(b->parser, NULL, 0, 1) == XML_STATUS_ERROR)
		fail(b, "工作簿已损坏（%s 不完整：%s），" XLSX_RESAVE, part,
		     XML_ErrorString(XML_GetErrorCode(b->parser)));
	if (unzCloseCurrentFile(b->zip) == UNZ_CRCERROR && !b->failed)
		fail(b, "工作簿已损坏（%s 校验不符），" XLSX_RESAVE, part);
	XML_ParserFree(b->parser);
	b->parser = NULL;
	if (b->failed)
		rc = -1;
	return rc;
}

int xlsx_is_zip(const char *data, size_t n)
{
	return n >= 4 && memcmp(data, "PK\x03\x04", 4) == 0;
}

char *xlsx_to_csv(const char *data, size_t n, size_t *out_len, char *err, size_t errlen)
{
	struct mem m = { data, n, 0 };
	zlib_filefunc64_def io = { mem_open, mem_read, mem_write, mem_tell, mem_seek,
				   mem_close, mem_error, &m };
	struct book b = { 0 };
	char *out = NULL;
	size_t i;
	int rc;

	if (!xlsx_is_zip(data, n) || !(b.zip = unzOpen2_64("workbook.xlsx", &io))) {
		snprintf(err, errlen, "文件不是完整的 Excel 工作簿（.xlsx），可能已损坏；" XLSX_RESAVE);
		return NULL;
	}
	rc = parse_part(&b, "xl/workbook.xml", workbook_start, NULL);
	if (rc == 0)
		fail(&b, "这个压缩文件不是 Excel 工作簿（里面没有 xl/workbook.xml）；请导入名单的 .xlsx 或 .csv 文件");
	if (rc <= 0)
		goto out;
	if (!b.sheet_rid[0]) {
		fail(&b, "工作簿里没有可见的工作表；请在 Excel 中取消隐藏名单所在的表后重新保存");
		goto out;
	}
	if (parse_part(&b, "xl/_rels/workbook.xml.rels", rels_start, NULL) < 0)
		goto out;
	if (!b.sheet_path[0])
		snprintf(b.sheet_path, sizeof b.sheet_path, "xl/worksheets/sheet1.xml");
	if (parse_part(&b, "xl/styles.xml", styles_start, styles_end) < 0 ||
	    parse_part(&b, "xl/sharedStrings.xml", strings_start, strings_end) < 0)
		goto out;
	b.line = 1;
	rc = parse_part(&b, b.sheet_path, sheet_start, sheet_end);
	if (rc == 0)
		fail(&b, "工作簿已损坏（找不到工作表 %s），" XLSX_RESAVE, b.sheet_path);
	if (rc <= 0)
		goto out;
	if (buf_add(&b, &b.out, "\n", 1, XLSX_MAX_PART_BYTES) == 0) {
		out = b.out.p;
		*out_len = b.out.n;
		b.out.p = NULL;
	}
out:
	if (b.failed)
		snprintf(err, errlen, "%s", b.err);
	unzClose(b.zip);
	for (i = 0; i < b.nstrings; i++)
		free(b.strings[i]);
	free(b.strings);
	free(b.custom);
	free(b.xf);
	free(b.text.p);
	free(b.value.p);
	free(b.out.p);
	return out;
}
