/* A4 paper for a meeting, drawn with cairo's PDF surface and its own text API (fontconfig finds
 * Noto Sans CJK from fonts-noto-cjk; cairo embeds the subset of glyphs used, with a ToUnicode
 * map, so pdftotext and a search in a PDF reader find the words). Lines are broken by the
 * kiosk's own linebreak.c, measured by cairo, so Chinese wraps where it may and Latin words
 * stay whole. Tables grow row by row and continue on a new page, their header repeated.
 * Everything is in points: A4 is 595 x 842. */
#include "core/exchange/record_pdf.h"

#include <cairo-pdf.h>
#include <cairo.h>
#include <errno.h>
#include <setjmp.h>
#include <stdbool.h>
#include <stdio.h> /* before jpeglib.h, which needs FILE */
#include <jpeglib.h>
#include <stdlib.h>
#include <string.h>

#include "core/base/clock.h"
#include "core/formats/imageinfo.h"
#include "core/formats/raster.h"
#include "core/party/attendance.h"
#include "core/party/meetings.h"
#include "core/party/record.h"
#include "core/text/linebreak.h"

#define PAGE_W 595.28
#define PAGE_H 841.89
#define MARGIN 48.0
#define BODY_W (PAGE_W - 2 * MARGIN)
#define FONT "Noto Sans CJK SC"
#define SIZE 10.5      /* 五号字, what a printed 纪实表 uses */
#define LINE 16.0      /* line height at SIZE */
#define PAD 4.0
#define MAX_LINES 400

struct pdf {
	cairo_surface_t *s;
	cairo_t *cr;
	double y;
	int page;
	const char *footer; /* the meeting, at the foot of every page */
	FILE *f;
	int write_errno;    /* why the first failed write failed (a full stick: ENOSPC) */
	/* the table being drawn, to repeat its header on a new page */
	const double *cols;
	const char *const *heads;
	int ncols;
};

static cairo_status_t write_stream(void *closure, const unsigned char *data, unsigned int len)
{
	struct pdf *p = closure;

	if (fwrite(data, 1, len, p->f) == len)
		return CAIRO_STATUS_SUCCESS;
	if (!p->write_errno)
		p->write_errno = errno ? errno : EIO;
	return CAIRO_STATUS_WRITE_ERROR;
}

static void font(struct pdf *p, double size, bool bold)
{
	cairo_select_font_face(p->cr, FONT, CAIRO_FONT_SLANT_NORMAL,
			       bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL);
	cairo_set_font_size(p->cr, size);
}

static double width_of(struct pdf *p, const char *s)
{
	cairo_text_extents_t e;

	cairo_text_extents(p->cr, s, &e);
	return e.x_advance;
}

static int measure(void *ctx, const char *s, size_t n)
{
	struct pdf *p = ctx;
	char cp[8];

	if (n >= sizeof cp)
		n = sizeof cp - 1;
	memcpy(cp, s, n);
	cp[n] = '\0';
	/* linebreak works in whole pixels: measure in hundredths of a point. */
	return (int)(width_of(p, cp) * 100 + 0.5);
}

/* Text at x, with its baseline placed for a line whose top is y. */
static void text_at(struct pdf *p, double x, double y, const char *s)
{
	cairo_move_to(p->cr, x, y + LINE * 0.75);
	cairo_show_text(p->cr, s);
}

static void text_centered(struct pdf *p, double y, const char *s)
{
	text_at(p, (PAGE_W - width_of(p, s)) / 2, y, s);
}

static void page_foot(struct pdf *p)
{
	char foot[320];

	font(p, 8, false);
	snprintf(foot, sizeof foot, "%s    第 %d 页", p->footer, p->page);
	text_centered(p, PAGE_H - MARGIN + 10, foot);
	font(p, SIZE, false);
}

static void new_page(struct pdf *p)
{
	page_foot(p);
	cairo_show_page(p->cr);
	p->page++;
	p->y = MARGIN;
}

/* Break s into lines no wider than w; returns how many (at most max). */
static size_t wrap(struct pdf *p, const char *s, double w, struct line_span *lines, size_t max)
{
	size_t n = linebreak(s, (int)(w * 100), measure, p, lines, max);

	return n < max ? n : max;
}

static void line_text(struct pdf *p, double x, double y, const char *s, const struct line_span *l)
{
	char buf[1024];
	size_t n = l->end - l->start;

	if (n >= sizeof buf)
		n = sizeof buf - 1;
	memcpy(buf, s + l->start, n);
	buf[n] = '\0';
	text_at(p, x, y, buf);
}

static void box(struct pdf *p, double x, double y, double w, double h)
{
	cairo_rectangle(p->cr, x, y, w, h);
	cairo_stroke(p->cr);
}

/* A row of the form: a label cell, then one value cell across the rest of the width, wrapped;
 * a value longer than the page goes on over the next page. */
static void labelled_row(struct pdf *p, const char *label, const char *value)
{
	struct line_span lines[MAX_LINES];
	const double lw = 78, vx = MARGIN + lw, vw = BODY_W - lw;
	size_t n, done = 0;

	n = wrap(p, value[0] ? value : " ", vw - 2 * PAD, lines, MAX_LINES);
	if (n == 0)
		n = 1, lines[0].start = lines[0].end = 0;
	while (done < n) {
		double room = PAGE_H - MARGIN - 20 - p->y - 2 * PAD;
		size_t fit = (size_t)(room / LINE), i;
		double h;
		if (fit == 0 || (fit < n - done && fit < 3 && p->y > MARGIN + 1)) {
			new_page(p);
			continue;
		}
		if (fit > n - done)
			fit = n - done;
		h = (double)fit * LINE + 2 * PAD;
		box(p, MARGIN, p->y, lw, h);
		box(p, vx, p->y, vw, h);
		font(p, SIZE, true);
		text_at(p, MARGIN + PAD, p->y + PAD, label);
		font(p, SIZE, false);
		for (i = 0; i < fit; i++)
			line_text(p, vx + PAD, p->y + PAD + (double)i * LINE, value, &lines[done + i]);
		p->y += h;
		done += fit;
	}
}

/* Two label/value pairs side by side, each value on one line (cut if it must be). */
static void pair_row(struct pdf *p, const char *l1, const char *v1, const char *l2, const char *v2)
{
	const double lw = 78, half = BODY_W / 2, vw = half - lw, h = LINE + 2 * PAD;
	const char *cells[4] = { l1, v1, l2, v2 };
	double x[4] = { MARGIN, MARGIN + lw, MARGIN + half, MARGIN + half + lw };
	double w[4] = { lw, vw, lw, vw };
	struct line_span line;
	int i;

	if (p->y + h > PAGE_H - MARGIN - 20)
		new_page(p);
	for (i = 0; i < 4; i++) {
		box(p, x[i], p->y, w[i], h);
		font(p, SIZE, i % 2 == 0);
		if (wrap(p, cells[i][0] ? cells[i] : " ", w[i] - 2 * PAD, &line, 1) == 1)
			line_text(p, x[i] + PAD, p->y + PAD, cells[i], &line);
	}
	font(p, SIZE, false);
	p->y += h;
}

static void table_head(struct pdf *p)
{
	double x = MARGIN, h = LINE + 2 * PAD;
	int i;

	font(p, SIZE, true);
	cairo_set_source_rgb(p->cr, 0.95, 0.86, 0.86);
	cairo_rectangle(p->cr, MARGIN, p->y, BODY_W, h);
	cairo_fill(p->cr);
	cairo_set_source_rgb(p->cr, 0, 0, 0);
	for (i = 0; i < p->ncols; i++) {
		box(p, x, p->y, p->cols[i], h);
		text_at(p, x + (p->cols[i] - width_of(p, p->heads[i])) / 2, p->y + PAD, p->heads[i]);
		x += p->cols[i];
	}
	font(p, SIZE, false);
	p->y += h;
}

static void table_begin(struct pdf *p, const double *cols, const char *const *heads, int n)
{
	p->cols = cols;
	p->heads = heads;
	p->ncols = n;
	if (p->y + 3 * (LINE + 2 * PAD) > PAGE_H - MARGIN - 20)
		new_page(p);
	table_head(p);
}

/* One table row of height h (at least a line); each cell on one line, cut to its width. */
static void table_row(struct pdf *p, const char *const *cells, double h)
{
	double x = MARGIN;
	struct line_span line;
	int i;

	if (p->y + h > PAGE_H - MARGIN - 20) {
		new_page(p);
		table_head(p);
	}
	for (i = 0; i < p->ncols; i++) {
		box(p, x, p->y, p->cols[i], h);
		if (cells[i][0] && wrap(p, cells[i], p->cols[i] - 2 * PAD, &line, 1) == 1)
			line_text(p, x + PAD, p->y + (h - LINE) / 2, cells[i], &line);
		x += p->cols[i];
	}
	p->y += h;
}

static void heading(struct pdf *p, const char *s)
{
	if (p->y + 3 * LINE > PAGE_H - MARGIN - 20)
		new_page(p);
	p->y += 8;
	font(p, 12, true);
	text_at(p, MARGIN, p->y, s);
	font(p, SIZE, false);
	p->y += LINE + 6;
}

static int pdf_open(struct pdf *p, FILE *f, const char *footer)
{
	memset(p, 0, sizeof *p);
	p->f = f;
	p->s = cairo_pdf_surface_create_for_stream(write_stream, p, PAGE_W, PAGE_H);
	p->cr = cairo_create(p->s);
	p->y = MARGIN;
	p->page = 1;
	p->footer = footer;
	cairo_set_line_width(p->cr, 0.6);
	cairo_set_source_rgb(p->cr, 0, 0, 0);
	font(p, SIZE, false);
	return cairo_status(p->cr) == CAIRO_STATUS_SUCCESS ? 0 : -1;
}

/* Finish the document; 0, or -1 with err (errno kept from a failed write). */
static int pdf_close(struct pdf *p, const char *what, char *err, size_t errlen)
{
	cairo_status_t st;

	page_foot(p);
	cairo_show_page(p->cr);
	cairo_destroy(p->cr);
	cairo_surface_finish(p->s);
	st = cairo_surface_status(p->s);
	cairo_surface_destroy(p->s);
	if (st == CAIRO_STATUS_SUCCESS && !p->write_errno)
		return 0;
	if (st == CAIRO_STATUS_WRITE_ERROR || p->write_errno) {
		errno = p->write_errno ? p->write_errno : EIO;
		snprintf(err, errlen, "写 %s 失败；U 盘可能已满或被拔出", what);
	} else {
		snprintf(err, errlen, "无法生成 %s（%s）", what, cairo_status_to_string(st));
	}
	return -1;
}

/* Give up a document after a database error: err keeps that error, errno says no write failed. */
static void pdf_abandon(struct pdf *p)
{
	char scratch[128];

	pdf_close(p, "", scratch, sizeof scratch);
	errno = 0;
}

static void meeting_when(const struct meeting *m, char *out, size_t size)
{
	char start[CLOCK_TEXT], end[6];

	clock_format_minutes(m->start, start);
	clock_format_hhmm(m->end, end);
	snprintf(out, size, "%s-%s", start, end);
}

/* The top of a page-one: "<社区><支部><what>" large, the meeting's title under it, then the row
 * of its kind and who it is for; when gets the meeting's time for the caller's next row. */
static void document_head(struct pdf *p, const char *community, const struct meeting *m,
			  const char *what, char *when, size_t when_size)
{
	char title[400];

	font(p, 18, true);
	snprintf(title, sizeof title, "%s%s%s", community, m->branch, what);
	text_centered(p, p->y, title);
	p->y += 30;
	font(p, 13, false);
	text_centered(p, p->y, m->title);
	p->y += 28;
	font(p, SIZE, false);
	meeting_when(m, when, when_size);
	pair_row(p, "会议类型", meeting_kind_name(m->kind), "所属", m->branch[0] ? m->branch : "全体党员");
}


/* ---- the 纪实表 ---- */

struct people {
	char leave[4096], absent[4096];
	size_t nl, na;
	struct pdf *p;
	int n;
	bool draw;
};

static int collect_person(void *ctx, const struct sheet_row *r)
{
	struct people *pp = ctx;

	if (r->state == SHEET_LEAVE && pp->nl < sizeof pp->leave)
		pp->nl += (size_t)snprintf(pp->leave + pp->nl, sizeof pp->leave - pp->nl, "%s%s（%s）",
					   pp->nl ? "、" : "", r->name, r->reason);
	else if (r->state == SHEET_ABSENT && pp->na < sizeof pp->absent)
		pp->na += (size_t)snprintf(pp->absent + pp->na, sizeof pp->absent - pp->na, "%s%s",
					   pp->na ? "、" : "", r->name);
	return 0;
}

static int draw_person(void *ctx, const struct sheet_row *r)
{
	struct people *pp = ctx;
	char no[16], hhmm[8] = "", why[300] = "";
	const char *cells[7];

	snprintf(no, sizeof no, "%d", ++pp->n);
	if (r->checked_at[0])
		snprintf(hhmm, sizeof hhmm, "%.5s", r->checked_at + 11);
	if (r->state == SHEET_LEAVE)
		snprintf(why, sizeof why, "请假：%s", r->reason);
	else if (r->state == SHEET_ABSENT)
		snprintf(why, sizeof why, "缺席");
	else if (r->state == SHEET_GUEST)
		snprintf(why, sizeof why, "列席（%s）", r->branch);
	cells[0] = no;
	cells[1] = r->name;
	cells[2] = r->status;
	cells[3] = hhmm;
	cells[4] = attendance_method_label(r->method);
	cells[5] = why;
	cells[6] = ""; /* 签名: left for the member's hand */
	table_row(pp->p, cells, LINE + 2 * PAD + 4);
	return 0;
}

static void signatures(struct pdf *p, const char *const *who, int n)
{
	int i;

	if (p->y + (double)n * 34 + 20 > PAGE_H - MARGIN - 20)
		new_page(p);
	p->y += 18;
	for (i = 0; i < n; i++) {
		char line[160];
		snprintf(line, sizeof line, "%s（签名）：", who[i]);
		text_at(p, MARGIN, p->y, line);
		cairo_move_to(p->cr, MARGIN + width_of(p, line), p->y + LINE);
		cairo_line_to(p->cr, MARGIN + width_of(p, line) + 150, p->y + LINE);
		cairo_stroke(p->cr);
		text_at(p, MARGIN + 300, p->y, "日期：");
		cairo_move_to(p->cr, MARGIN + 300 + width_of(p, "日期："), p->y + LINE);
		cairo_line_to(p->cr, MARGIN + 300 + width_of(p, "日期：") + 110, p->y + LINE);
		cairo_stroke(p->cr);
		p->y += 34;
	}
}

/* ---- the meeting's photos (会议影像) ---- */

#define PHOTO_GAP 12.0
#define PHOTO_W ((BODY_W - PHOTO_GAP) / 2) /* two a row */
#define PHOTO_H 200.0
#define PHOTO_DPI 200.0 /* enough for a print; a phone photo decoded at this size is small */

struct jpeg_fail {
	struct jpeg_error_mgr mgr;
	jmp_buf jump;
};

static void jpeg_fail_exit(j_common_ptr c)
{
	longjmp(((struct jpeg_fail *)c->err)->jump, 1);
}

/* r as a JPEG in memory, for cairo to embed as it is (DCTDecode): a tenth of the size of the
 * same pixels deflated. NULL when libjpeg fails; then cairo deflates the pixels. */
static unsigned char *jpeg_of(const struct raster *r, unsigned long *n)
{
	struct jpeg_compress_struct c;
	struct jpeg_fail fail;
	unsigned char *volatile out = NULL, *row = malloc((size_t)r->w * 3);
	unsigned long size = 0;
	int x;

	if (!row)
		return NULL;
	c.err = jpeg_std_error(&fail.mgr);
	fail.mgr.error_exit = jpeg_fail_exit;
	if (setjmp(fail.jump)) {
		jpeg_destroy_compress(&c);
		free(row);
		free(out);
		return NULL;
	}
	jpeg_create_compress(&c);
	jpeg_mem_dest(&c, (unsigned char **)&out, &size);
	c.image_width = (JDIMENSION)r->w;
	c.image_height = (JDIMENSION)r->h;
	c.input_components = 3;
	c.in_color_space = JCS_RGB;
	jpeg_set_defaults(&c);
	jpeg_set_quality(&c, 85, TRUE);
	jpeg_start_compress(&c, TRUE);
	while (c.next_scanline < c.image_height) {
		const uint32_t *px = (const uint32_t *)(r->px + (size_t)c.next_scanline * (size_t)r->stride);
		JSAMPROW rows[1] = { row };
		for (x = 0; x < r->w; x++) {
			row[3 * x] = (unsigned char)(px[x] >> 16);
			row[3 * x + 1] = (unsigned char)(px[x] >> 8);
			row[3 * x + 2] = (unsigned char)px[x];
		}
		jpeg_write_scanlines(&c, rows, 1);
	}
	jpeg_finish_compress(&c);
	jpeg_destroy_compress(&c);
	free(row);
	*n = size;
	return out;
}

/* The picture at path decoded at the size it is printed (w x h points, fitted), as a surface
 * carrying its JPEG; *dw, *dh get the fitted size. NULL when the file is not a picture. */
static cairo_surface_t *photo_surface(const char *path, double w, double h, double *dw, double *dh)
{
	uint8_t *head = malloc(IMAGEINFO_SCAN_BYTES);
	struct image_info info;
	struct raster r;
	cairo_surface_t *s;
	unsigned char *jpeg;
	unsigned long n = 0;
	char why[256];
	double scale;
	size_t got;
	int y, px;
	FILE *f = fopen(path, "rb");

	if (!f || !head) {
		if (f)
			fclose(f);
		free(head);
		return NULL;
	}
	got = fread(head, 1, IMAGEINFO_SCAN_BYTES, f);
	fclose(f);
	if (imageinfo_probe(head, got, &info, why, sizeof why) < 0 ||
	    imageinfo_check_size(&info, why, sizeof why) < 0) {
		free(head);
		return NULL;
	}
	free(head);
	scale = w / info.width < h / info.height ? w / info.width : h / info.height;
	*dw = info.width * scale;
	*dh = info.height * scale;
	px = (int)(*dw * PHOTO_DPI / 72 + 0.5);
	if (px > (int)info.width)
		px = (int)info.width;
	if (raster_load_image(path, info.type, px < 1 ? 1 : px, &r, why, sizeof why) < 0)
		return NULL;
	s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, r.w, r.h);
	if (cairo_surface_status(s) != CAIRO_STATUS_SUCCESS) {
		raster_free(&r);
		cairo_surface_destroy(s);
		return NULL;
	}
	cairo_surface_flush(s);
	for (y = 0; y < r.h; y++)
		memcpy(cairo_image_surface_get_data(s) + (size_t)y * (size_t)cairo_image_surface_get_stride(s),
		       r.px + (size_t)y * (size_t)r.stride, (size_t)r.w * 4);
	cairo_surface_mark_dirty(s);
	jpeg = jpeg_of(&r, &n);
	if (jpeg && cairo_surface_set_mime_data(s, CAIRO_MIME_TYPE_JPEG, jpeg, n, free, jpeg) !=
			    CAIRO_STATUS_SUCCESS)
		free(jpeg);
	raster_free(&r);
	return s;
}

/* The photos two a row, each fitted in its frame and numbered under it, a row never split
 * across pages. */
static void photos_section(struct pdf *p, const char *const *photos, int n)
{
	const double row_h = PHOTO_H + LINE + 10;
	char text[64];
	int i, k;

	if (n <= 0)
		return;
	if (p->y + 3 * LINE + row_h > PAGE_H - MARGIN - 20)
		new_page(p);
	snprintf(text, sizeof text, "会议影像（共 %d 张）", n);
	heading(p, text);
	for (i = 0; i < n; i += 2) {
		if (p->y + row_h > PAGE_H - MARGIN - 20)
			new_page(p);
		for (k = 0; k < 2 && i + k < n; k++) {
			double x = MARGIN + k * (PHOTO_W + PHOTO_GAP), dw = 0, dh = 0;
			cairo_surface_t *s = photo_surface(photos[i + k], PHOTO_W - 2, PHOTO_H - 2, &dw, &dh);
			box(p, x, p->y, PHOTO_W, PHOTO_H);
			if (s) {
				cairo_save(p->cr);
				cairo_translate(p->cr, x + (PHOTO_W - dw) / 2, p->y + (PHOTO_H - dh) / 2);
				cairo_scale(p->cr, dw / cairo_image_surface_get_width(s),
					    dh / cairo_image_surface_get_height(s));
				cairo_set_source_surface(p->cr, s, 0, 0);
				cairo_paint(p->cr);
				cairo_restore(p->cr);
				cairo_surface_destroy(s);
				snprintf(text, sizeof text, "照片 %d", i + k + 1);
			} else {
				snprintf(text, sizeof text, "照片 %d（文件损坏，无法显示）", i + k + 1);
			}
			text_at(p, x + (PHOTO_W - width_of(p, text)) / 2, p->y + PHOTO_H + 2, text);
		}
		p->y += row_h;
	}
}

int record_pdf_write(struct db *db, const struct meeting *m, const struct meeting_counts *c,
		     const struct meeting_record *r, const char *community,
		     const char *const *photos, int nphotos, FILE *f, char *err, size_t errlen)
{
	static const double cols[] = { 32, 80, 52, 56, 60, 125, 94 };
	static const char *const heads[] = { "序号", "姓名", "党籍状态", "签到时间", "方式",
					     "请假/缺席原因", "签名" };
	struct people pp;
	char items[RECORD_MAX_ITEMS * (RECORD_ITEM + 8)];
	char when[64], quorum[300], footer[320], votes[160];
	const char *who[] = { "支部书记", "记录人" };
	struct pdf p;
	size_t len;
	int i;

	memset(&pp, 0, sizeof pp);
	if (attendance_each_sheet_row(db, m, collect_person, &pp, err, errlen) < 0)
		return -1;
	snprintf(footer, sizeof footer, "%s 会议纪实", m->title);
	if (pdf_open(&p, f, footer) < 0) {
		snprintf(err, errlen, "无法生成会议纪实 PDF");
		return -1;
	}
	document_head(&p, community, m, "会议纪实", when, sizeof when);
	pair_row(&p, "时间", when, "地点", m->place);
	pair_row(&p, "主持人", r->host, "记录人", r->recorder);
	for (i = 0, len = 0, items[0] = '\0'; i < r->ntopics && len < sizeof items; i++)
		len += (size_t)snprintf(items + len, sizeof items - len, "%s%d. %s", i ? "  " : "",
					i + 1, r->topics[i]);
	labelled_row(&p, "议题", items);
	record_quorum_statement(m, c, quorum, sizeof quorum);
	labelled_row(&p, "出席情况", quorum);
	labelled_row(&p, "请假人员", pp.nl ? pp.leave : "无");
	labelled_row(&p, "缺席人员", pp.na ? pp.absent : "无");
	labelled_row(&p, "主要内容", r->content);
	for (i = 0, len = 0, items[0] = '\0'; i < r->ndecisions && len < sizeof items; i++)
		len += (size_t)snprintf(items + len, sizeof items - len, "%s%d. %s", i ? "  " : "",
					i + 1, r->decisions[i]);
	labelled_row(&p, "决议事项", r->ndecisions ? items : "无");
	if (m->vote != VOTE_NONE) {
		record_votes_text(c, r, votes, sizeof votes);
		labelled_row(&p, quorum_mode_name(m->vote), votes[0] ? votes : "未填写票数");
	}
	heading(&p, "签到情况");
	table_begin(&p, cols, heads, 7);
	pp.p = &p;
	if (attendance_each_sheet_row(db, m, draw_person, &pp, err, errlen) < 0) {
		pdf_abandon(&p);
		return -1;
	}
	photos_section(&p, photos, nphotos);
	signatures(&p, who, 2);
	return pdf_close(&p, "会议纪实 PDF", err, errlen);
}

/* ---- the blank sign-in sheet ---- */

static int sheet_person(void *ctx, const struct sheet_row *r)
{
	struct people *pp = ctx;
	char no[16], id[24], note[300] = "";
	const char *cells[6];

	if (r->state == SHEET_GUEST)
		return 0; /* on paper, 列席 write themselves in below */
	snprintf(no, sizeof no, "%d", ++pp->n);
	snprintf(id, sizeof id, "%lld", (long long)r->member_id);
	if (r->state == SHEET_LEAVE)
		snprintf(note, sizeof note, "已请假：%s", r->reason);
	else if (strcmp(r->status, "预备") == 0)
		snprintf(note, sizeof note, "预备党员");
	cells[0] = no;
	cells[1] = id;
	cells[2] = r->name;
	cells[3] = r->branch;
	cells[4] = ""; /* 签名 */
	cells[5] = note;
	table_row(pp->p, cells, 26);
	return 0;
}

int record_pdf_sheet(struct db *db, const struct meeting *m, const char *community, FILE *f,
		     char *err, size_t errlen)
{
	static const double cols[] = { 32, 44, 80, 100, 130, 113 };
	static const char *const heads[] = { "序号", "编号", "姓名", "所属支部", "签名", "备注" };
	struct people pp;
	const char *blank[6] = { "", "", "", "", "", "" };
	const char *who[] = { "记录人" };
	char when[64], footer[320], expected[64];
	struct meeting_counts c;
	struct pdf p;
	int i;

	memset(&pp, 0, sizeof pp);
	if (attendance_counts(db, m, &c, err, errlen) < 0)
		return -1;
	snprintf(footer, sizeof footer, "%s 签到表", m->title);
	if (pdf_open(&p, f, footer) < 0) {
		snprintf(err, errlen, "无法生成签到表 PDF");
		return -1;
	}
	pp.p = &p;
	document_head(&p, community, m, "签到表", when, sizeof when);
	snprintf(expected, sizeof expected, "%d 人", c.expected);
	pair_row(&p, "时间", when, "地点", m->place);
	pair_row(&p, "应到", expected, "实到", "");
	heading(&p, "请到会党员在本人姓名后签名");
	table_begin(&p, cols, heads, 6);
	if (attendance_each_sheet_row(db, m, sheet_person, &pp, err, errlen) < 0) {
		pdf_abandon(&p);
		return -1;
	}
	heading(&p, "列席人员（姓名、单位）");
	table_begin(&p, cols, heads, 6);
	for (i = 0; i < 6; i++)
		table_row(&p, blank, 26);
	signatures(&p, who, 1);
	return pdf_close(&p, "签到表 PDF", err, errlen);
}
