/* Demo study materials. The PDF and the poster are drawn with cairo's PDF and image surfaces in
 * the system's CJK font (fontconfig finds Noto Sans CJK), with lines broken by the same Chinese
 * rules the screen uses. Everything here is written for this project. */
#include "core/party/demo_materials.h"

#include <cairo-pdf.h>
#include <cairo.h>
#include <errno.h>
#include <ftw.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/base/clock.h"
#include "core/store/db.h"
#include "core/text/linebreak.h"
#include "core/materials/materials.h"
#include "core/base/syserr.h"

#define FONT "Noto Sans CJK SC"
#define A4_W 595.0
#define A4_H 842.0
#define MARGIN 56.0

struct guide_page {
	const char *heading;
	const char *paragraphs[5];
};

/* The guide members can page through on the kiosk itself. */
static const struct guide_page guide[] = {
	{ "党员活动室使用指南",
	  { "幸福里社区党委 编",
	    "这本小册子介绍活动室里这台签到机的用法：会议签到、学习资料、活动安排和学习打卡。"
	    "每一页讲一件事，字大，慢慢看。",
	    "看不清的时候，点屏幕右上角的“大字”。" } },
	{ "签到机能做什么",
	  { "开会的时候，在签到机上点自己的名字就签好了到，不用再排队在本子上写名字。",
	    "不开会的时候，可以在上面看学习资料、查看近期的活动安排。",
	    "签到机不联网，记录都保存在活动室里，由社区的工作人员定期带回办公室。" } },
	{ "会议签到：三步完成",
	  { "第一步：在首页点红色的“签到”按钮。",
	    "第二步：点您所在的党支部、党小组或者党员中心户。本支部的会议会直接显示本支部的名字。",
	    "第三步：点您自己的名字。屏幕变成绿色，写着“签到成功”，就好了。",
	    "同一个会签过一次就可以了，再点一次只会告诉您“已签到”和第一次签到的时间。" } },
	{ "找不到自己的名字怎么办",
	  { "可以点“手机尾号”，输入您登记的手机号码的最后四位，您的名字会马上出来。",
	    "也可以点“拼音首字母”，按名字每个字拼音的第一个字母，例如 张秀兰 按 Z X L。",
	    "如果还是找不到，请找工作人员，可能是名单还没有登记。" } },
	{ "用手机扫码签到",
	  { "开会时屏幕上会显示一个二维码。用微信等扫一扫，手机上会打开签到页面，按提示确认就签好了。",
	    "二维码每隔一会儿就会变，拍照发给别人是签不了到的。请本人到场签到。" } },
	{ "字太小：点“大字”",
	  { "每个页面的右上角都有一个“大字”按钮。点一下，所有的字都会变大；再点一下，变回原来的大小。",
	    "在大字模式下，学习资料里的文字会重新排版，一行的字少一些，翻的页多一些。" } },
	{ "看学习资料",
	  { "在首页点“学习资料”，可以看到社区发布的各种材料，按类别分成党章党规、理论学习、通知公告、党史等。",
	    "置顶的通知排在最前面，新的材料排在旧的前面。点一份材料就能打开阅读。" } },
	{ "翻页和放大",
	  { "点屏幕两边的大箭头可以翻到上一页、下一页，也可以用手指在屏幕上左右滑动。",
	    "屏幕下方的“3 / 12”表示现在看的是第 3 页，一共 12 页。",
	    "点“放大”可以把这一页放大两倍，用手指拖动看不同的地方，点“还原”回到原来的大小。" } },
	{ "学习打卡",
	  { "读完一份材料，点“学习打卡”，再像签到一样找到自己的名字，点一下就记好了。",
	    "签到机会记下您学习的是哪一份材料、学了多长时间。同一份材料一天记一次。" } },
	{ "查看活动安排",
	  { "在首页点“活动安排”，可以看到这一周和这个月的会议和活动，不同种类的会议用不同的颜色标出来。",
	    "点一个会议，可以看到时间、地点、议题、主持人和应该参加的人。" } },
	{ "请假和应到实到",
	  { "不能参加会议的同志，请提前向支部书记请假。请了假的同志仍然算在“应到”里。",
	    "“实到”是签了到的人数。要表决的会议，屏幕上会显示到会人数够不够。" } },
	{ "遇到问题找谁",
	  { "屏幕没有反应、找不到名字、签错了人，都可以找社区党务工作者。",
	    "签错了名字，可以在签到成功的页面上马上点“点错了”撤销。",
	    "一分钟没有人操作，签到机会自动回到首页。" } },
};

struct text_ctx {
	cairo_t *cr;
};

static int measure(void *ctx, const char *s, size_t n)
{
	struct text_ctx *t = ctx;
	cairo_text_extents_t ext;
	char buf[8];

	if (n >= sizeof buf)
		n = sizeof buf - 1;
	memcpy(buf, s, n);
	buf[n] = '\0';
	cairo_text_extents(t->cr, buf, &ext);
	return (int)(ext.x_advance * 64 + 0.5); /* 1/64 point: enough precision to break on */
}

/* Draw text wrapped to width from (x, y), y the top of the first line; returns the y below. */
static double wrapped(cairo_t *cr, const char *text, double x, double y, double width,
		      double size, bool bold)
{
	struct text_ctx t = { cr };
	struct line_span lines[64];
	size_t n, i;

	cairo_select_font_face(cr, FONT, CAIRO_FONT_SLANT_NORMAL,
			       bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL);
	cairo_set_font_size(cr, size);
	n = linebreak(text, (int)(width * 64), measure, &t, lines, 64);
	if (n > 64)
		n = 64;
	for (i = 0; i < n; i++) {
		char line[1024];
		size_t len = lines[i].end - lines[i].start;
		if (len >= sizeof line)
			len = sizeof line - 1;
		memcpy(line, text + lines[i].start, len);
		line[len] = '\0';
		cairo_move_to(cr, x, y + size * 1.1);
		cairo_show_text(cr, line);
		y += size * 1.6;
	}
	return y;
}

static void footer(cairo_t *cr, int page, int pages)
{
	char text[64];
	cairo_text_extents_t ext;

	snprintf(text, sizeof text, "第 %d 页  共 %d 页", page, pages);
	cairo_select_font_face(cr, FONT, CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
	cairo_set_font_size(cr, 12);
	cairo_text_extents(cr, text, &ext);
	cairo_set_source_rgb(cr, 0.35, 0.3, 0.26);
	cairo_move_to(cr, (A4_W - ext.x_advance) / 2, A4_H - 30);
	cairo_show_text(cr, text);
}

static int finish_pdf(cairo_surface_t *s, cairo_t *cr, const char *path, char *err, size_t errlen)
{
	cairo_status_t st = cairo_status(cr);

	cairo_destroy(cr);
	cairo_surface_finish(s);
	if (st == CAIRO_STATUS_SUCCESS)
		st = cairo_surface_status(s);
	cairo_surface_destroy(s);
	if (st != CAIRO_STATUS_SUCCESS) {
		snprintf(err, errlen, "无法写入 %s（%s）", path, cairo_status_to_string(st));
		return -1;
	}
	return 0;
}

int demo_materials_guide_pdf(const char *path, char *err, size_t errlen)
{
	int pages = (int)(sizeof guide / sizeof guide[0]), p, i;
	cairo_surface_t *s = cairo_pdf_surface_create(path, A4_W, A4_H);
	cairo_t *cr = cairo_create(s);

	cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_TITLE, "党员活动室使用指南");
	cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATOR, "幸福里社区党员活动室签到机");
	for (p = 0; p < pages; p++) {
		double y = p == 0 ? 260 : MARGIN;

		/* A red band across the top, as on the screen. */
		cairo_set_source_rgb(cr, 0.70, 0.094, 0.118);
		cairo_rectangle(cr, 0, 0, A4_W, p == 0 ? 200 : 18);
		cairo_fill(cr);
		cairo_set_source_rgb(cr, 0.12, 0.12, 0.12);
		/* Large print: at a screen's width the body comes out near the kiosk's own text. */
		y = wrapped(cr, guide[p].heading, MARGIN, y, A4_W - 2 * MARGIN, p == 0 ? 44 : 32, true);
		y += 20;
		for (i = 0; i < 5 && guide[p].paragraphs[i]; i++)
			y = wrapped(cr, guide[p].paragraphs[i], MARGIN, y, A4_W - 2 * MARGIN, 22, false) + 16;
		footer(cr, p + 1, pages);
		cairo_show_page(cr);
	}
	return finish_pdf(s, cr, path, err, errlen);
}

int demo_materials_test_pdf(const char *path, int pages, char *err, size_t errlen)
{
	static const char *const body =
		"这是一份用来测试签到机的文档。每一页都写着自己的页码，翻页的时候可以核对有没有翻错、"
		"有没有漏页。文字排得比较满，和真实的学习材料差不多，用来测量导入和翻页要多长时间。";
	cairo_surface_t *s = cairo_pdf_surface_create(path, A4_W, A4_H);
	cairo_t *cr = cairo_create(s);
	char heading[64];
	int p, i;

	cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_TITLE, "测试文档");
	for (p = 0; p < pages; p++) {
		double y = MARGIN;

		cairo_set_source_rgb(cr, 0.12, 0.12, 0.12);
		snprintf(heading, sizeof heading, "测试文档 第 %d 页", p + 1);
		y = wrapped(cr, heading, MARGIN, y, A4_W - 2 * MARGIN, 30, true) + 16;
		for (i = 0; i < 6; i++)
			y = wrapped(cr, body, MARGIN, y, A4_W - 2 * MARGIN, 16, false) + 10;
		footer(cr, p + 1, pages);
		cairo_show_page(cr);
	}
	return finish_pdf(s, cr, path, err, errlen);
}

int demo_materials_poster_png(const char *path, char *err, size_t errlen)
{
	static const char *const rows[][2] = {
		{ "星期一至星期五", "上午 8:30-11:30  下午 2:30-5:00" },
		{ "星期六", "上午 9:00-11:30" },
		{ "星期日", "不开放（有活动时另行通知）" },
		{ "每月15日", "主题党日，全天开放" },
	};
	const int w = 1200, h = 1600;
	cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, w, h);
	cairo_t *cr = cairo_create(s);
	cairo_status_t st;
	double y;
	size_t i;

	cairo_set_source_rgb(cr, 0.985, 0.97, 0.95);
	cairo_paint(cr);
	cairo_set_source_rgb(cr, 0.70, 0.094, 0.118);
	cairo_rectangle(cr, 0, 0, w, 300);
	cairo_fill(cr);
	cairo_set_source_rgb(cr, 1, 1, 1);
	wrapped(cr, "活动室开放时间", 80, 90, w - 160, 110, true);
	y = 380;
	for (i = 0; i < sizeof rows / sizeof rows[0]; i++) {
		cairo_set_source_rgb(cr, 1, 1, 1);
		cairo_rectangle(cr, 60, y - 20, w - 120, 240);
		cairo_fill(cr);
		cairo_set_source_rgb(cr, 0.70, 0.094, 0.118);
		cairo_rectangle(cr, 60, y - 20, 16, 240);
		cairo_fill(cr);
		cairo_set_source_rgb(cr, 0.12, 0.12, 0.12);
		wrapped(cr, rows[i][0], 110, y, w - 220, 64, true);
		cairo_set_source_rgb(cr, 0.33, 0.29, 0.26);
		wrapped(cr, rows[i][1], 110, y + 100, w - 220, 52, false);
		y += 280;
	}
	cairo_set_source_rgb(cr, 0.33, 0.29, 0.26);
	wrapped(cr, "幸福里社区党委", 80, h - 130, w - 160, 48, false);
	cairo_destroy(cr);
	st = cairo_surface_write_to_png(s, path);
	cairo_surface_destroy(s);
	if (st != CAIRO_STATUS_SUCCESS) {
		snprintf(err, errlen, "无法写入 %s（%s）", path, cairo_status_to_string(st));
		return -1;
	}
	return 0;
}

static int write_text(const char *path, const char *text, char *err, size_t errlen)
{
	FILE *f = fopen(path, "w");

	if (!f || fputs(text, f) < 0 || fclose(f) != 0) {
		snprintf(err, errlen, "无法写入 %s：%s", path, syserr(errno));
		return -1;
	}
	return 0;
}

static int remove_entry(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
	(void)sb;
	(void)flag;
	(void)ftw;
	remove(path);
	return 0;
}

struct demo_import {
	char err[1024];
	bool failed;
};

static void problem(void *ctx, const char *line)
{
	struct demo_import *d = ctx;

	if (!d->failed)
		snprintf(d->err, sizeof d->err, "演示资料没有导入：%s", line);
	d->failed = true;
}

/* What each demo file is made to look like: imported days before now, pinned, shown until. */
struct demo_plan {
	const char *name;
	int days_ago;
	bool pinned;
	int until_days; /* from now; 0: no end */
};

static const struct demo_plan plans[] = {
	{ "其他/党员活动室使用指南.pdf", 20, false, 0 },
	{ "党史/幸福里社区党组织的故事.md", 14, false, 0 },
	{ "理论学习/党员中心户是做什么的.md", 9, false, 0 },
	{ "党章党规/三会一课怎样开.md", 5, false, 0 },
	{ "其他/学习打卡怎么用.txt", 3, false, 0 },
	{ "通知公告/活动室开放时间.png", 2, false, 0 },
	{ "通知公告/冬季送温暖活动通知.md", 1, true, 6 },
	{ "通知公告/国庆期间活动室开放安排.md", 58, false, -50 },
};

int demo_materials_import(struct db *db, time_t now, char *err, size_t errlen)
{
	char root[1024], dir[1200], path[1400];
	struct demo_import d = { "", false };
	struct import_result res;
	size_t i;
	int k, rc = -1;

	materials_root(db, root, sizeof root);
	if (mkdir(root, 0755) < 0 && errno != EEXIST) {
		snprintf(err, errlen, "无法创建 %s：%s", root, syserr(errno));
		return -1;
	}
	snprintf(dir, sizeof dir, "%s/.demo-XXXXXX", root);
	if (!mkdtemp(dir)) {
		snprintf(err, errlen, "无法创建临时文件夹：%s", syserr(errno));
		return -1;
	}
	for (k = 0; k < CAT_COUNT; k++) {
		snprintf(path, sizeof path, "%s/%s", dir, material_category_name((enum material_category)k));
		mkdir(path, 0755);
	}
	for (k = 0; k < demo_files_count; k++) {
		snprintf(path, sizeof path, "%s/%s", dir, demo_files[k].name);
		if (write_text(path, demo_files[k].text, err, errlen) < 0)
			goto out;
	}
	snprintf(path, sizeof path, "%s/其他/党员活动室使用指南.pdf", dir);
	if (demo_materials_guide_pdf(path, err, errlen) < 0)
		goto out;
	snprintf(path, sizeof path, "%s/通知公告/活动室开放时间.png", dir);
	if (demo_materials_poster_png(path, err, errlen) < 0)
		goto out;
	for (i = 0; i < sizeof plans / sizeof plans[0]; i++) {
		struct import_options o;
		const char *one[1];

		memset(&o, 0, sizeof o);
		o.actor = "演示数据";
		o.now = now - plans[i].days_ago * 86400L;
		o.pinned = plans[i].pinned;
		if (plans[i].until_days)
			clock_format_date(now + plans[i].until_days * 86400L, o.show_until);
		if (plans[i].until_days < 0)
			clock_format_date(o.now, o.show_from);
		o.problem = problem;
		o.ctx = &d;
		snprintf(path, sizeof path, "%s/%s", dir, plans[i].name);
		one[0] = path;
		if (materials_import(db, one, 1, &o, &res, err, errlen) < 0)
			goto out;
		if (d.failed) {
			snprintf(err, errlen, "%s", d.err);
			goto out;
		}
	}
	rc = 0;
out:
	nftw(dir, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
	return rc;
}
