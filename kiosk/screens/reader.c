/* The reader: one page of a study material at a time, with big ◀ ▶ buttons (and swipes) to turn
 * pages, the place shown as "3 / 12", and at the end 学习打卡.
 *
 * A PDF page or a picture is first shown whole (整页), however tall, so the member sees what the
 * page is; 放大 and 缩小 (big buttons), or two taps on the page, enlarge it in steps. An enlarged
 * page moves with the finger while the finger moves, and a line under the page says in words
 * where more of it is (下面还有 ▼ ...) and how to see it. Pages are made at the size shown by the
 * page worker (reader_pages.c) in the background.
 *
 * Text and Markdown are not magnified but laid out again (ui/rich.c) in the size the member
 * chose, 大字 or not; the place kept is the text at the top of the page, so switching sizes does
 * not lose it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/base/job.h"
#include "core/store/db.h"
#include "core/formats/markdown.h"
#include "core/materials/materials.h"
#include "screens/reader_pages.h"
#include "screens/screens.h"
#include "ui/picture.h"
#include "ui/rich.h"
#include "ui/ui.h"

#define READER_IDLE_MS (5 * 60 * 1000) /* reading a page takes longer than a menu */
#define MAX_LEVEL 4                    /* 放大 steps: the whole page times 2, 3, 4 ... */
#define MAX_WIDTH_PCT 220              /* ... while no wider than 2.2 areas (memory) */
#define DOUBLE_TAP_MS 500

enum { ACT_PREV = 1, ACT_NEXT, ACT_ZOOM_IN, ACT_ZOOM_OUT, ACT_STUDY, ACT_BACK, ACT_PAGE };

struct reader {
	struct reader_arg arg;
	struct material m;
	int64_t entered_ms;
	int page, pages; /* 1-based */
	int level;       /* 1: the whole page; 2 and up: 放大 */
	int pan_x, pan_y; /* an enlarged page: the top left of the part shown */
	/* A finger on the page: the pan when it started; a whole page slides sideways with it. */
	bool dragging;
	int drag_x, drag_y, slide;
	int64_t last_tap_ms; /* the page tapped once: a second tap soon after enlarges */
	struct job *worker; /* the page worker (reader_pages.c) */
	int box_w, box_h;   /* the area pages were asked for */
	/* Text: the parsed blocks, their layout for the current size, the place. */
	struct md_doc doc;
	struct rich rich;
	bool rich_made, rich_large;
	int rich_w, rich_h;
	int top_block;
	size_t top_offset;
};

struct layout {
	SDL_Rect view, cue, prev, next, bar, bar2;
	bool portrait;
};

static bool is_text(const struct material *m)
{
	return material_kind_is_text(m->kind);
}

/* The page area, and under it (for pages that can be enlarged) the line that says what to do. */
static struct layout layout(struct app *app, bool text)
{
	struct ui *ui = app->ui;
	int gap = ui_gap(ui), bar_h = ui_target(ui) * 6 / 5, side = ui->short_side * 18 / 100;
	SDL_Rect body = rect_inset(chrome_body(app), gap * 2);
	struct layout l;

	memset(&l, 0, sizeof l);
	l.portrait = ui->h > ui->w;
	if (l.portrait) {
		l.bar2 = rect_cut_bottom(&body, bar_h);
		rect_cut_bottom(&body, gap);
		l.bar = rect_cut_bottom(&body, bar_h);
		rect_cut_bottom(&body, gap * 2);
	} else {
		l.bar = rect_cut_bottom(&body, bar_h);
		rect_cut_bottom(&body, gap * 2);
	}
	if (!text) {
		/* Two lines in portrait, where a line is shorter and height is plenty. */
		l.cue = rect_cut_bottom(&body, ui_line_height(ui, ui_text_px(ui, TS_BODY)) *
						       (l.portrait ? 2 : 1));
		rect_cut_bottom(&body, gap);
	}
	if (!l.portrait) {
		l.prev = rect_cut_left(&body, side);
		rect_cut_left(&body, gap);
		l.next = rect_cut_right(&body, side);
		rect_cut_right(&body, gap);
	}
	l.view = body;
	return l;
}

/* ---- pages ---- */

static struct page_key key_of(const struct reader *r, int page, int level)
{
	return (struct page_key){ page, level, r->box_w, r->box_h };
}

/* Ask for the page shown at its size, the whole page to stand in while it comes, and the next
 * and the previous page whole (a turn shows a page whole). */
static void want(struct app *app, struct reader *r)
{
	struct page_key keys[4];
	int n = 0;

	keys[n++] = key_of(r, r->page, r->level);
	if (r->level > 1)
		keys[n++] = key_of(r, r->page, 1);
	if (r->page < r->pages)
		keys[n++] = key_of(r, r->page + 1, 1);
	if (r->page > 1)
		keys[n++] = key_of(r, r->page - 1, 1);
	reader_pages_want(app, r->worker, keys, n);
}

static void wait_shown(struct app *app, struct reader *r)
{
	struct page_key k = key_of(r, r->page, r->level);

	reader_pages_wait(app, r->worker, &k);
}

/* Pages are asked for the area they are shown in: when it changed (大字), ask again. */
static void sync_box(struct app *app, struct reader *r, const struct layout *l)
{
	if (!r->worker)
		return;
	reader_pages_collect(app, r->worker, r->page);
	if (r->box_w == l->view.w && r->box_h == l->view.h)
		return;
	r->box_w = l->view.w;
	r->box_h = l->view.h;
	want(app, r);
}

/* The picture of the page shown (or of the same page at another size), NULL before any. */
static const struct picture *shown_picture(const struct reader *r, bool *failed)
{
	struct page_key k = key_of(r, r->page, r->level);
	bool exact;

	*failed = false;
	return r->worker ? reader_pages_get(r->worker, &k, &exact, failed) : NULL;
}

/* The width of the whole page fitted into the area, from the page's proportions. */
static int fit_width(const struct picture *p, const struct layout *l)
{
	long w = l->view.w;

	if ((long)l->view.h * p->w / p->h < w)
		w = (long)l->view.h * p->w / p->h;
	return w > 0 ? (int)w : 1;
}

/* The size of the page as shown at level (display pixels); false before the page is there. */
static bool page_size(const struct reader *r, const struct layout *l, int level, int *w, int *h)
{
	bool failed;
	const struct picture *p = shown_picture(r, &failed);

	if (!p || p->w <= 0 || p->h <= 0)
		return false;
	*w = fit_width(p, l) * level;
	*h = (int)((long)*w * p->h / p->w);
	return true;
}

/* The largest level: up to MAX_LEVEL while the page stays within MAX_WIDTH_PCT of the area. */
static int max_level(const struct reader *r, const struct layout *l)
{
	int w, h, level;

	if (!page_size(r, l, 1, &w, &h))
		return 2;
	for (level = 2; level < MAX_LEVEL; level++)
		if ((long)w * (level + 1) * 100 > (long)l->view.w * MAX_WIDTH_PCT)
			break;
	return level;
}

/* The level two taps go to: the page about as wide as the area, where its text reads. */
static int reading_level(const struct reader *r, const struct layout *l)
{
	int w, h, level, top = max_level(r, l);

	if (!page_size(r, l, 1, &w, &h))
		return 2;
	for (level = 2; level < top; level++)
		if ((long)w * level * 10 >= (long)l->view.w * 9)
			break;
	return level;
}

static void clamp_pan(struct reader *r, const struct layout *l)
{
	int w, h;

	if (!page_size(r, l, r->level, &w, &h))
		w = l->view.w, h = l->view.h;
	if (r->pan_x > w - l->view.w)
		r->pan_x = w - l->view.w;
	if (r->pan_y > h - l->view.h)
		r->pan_y = h - l->view.h;
	if (r->pan_x < 0)
		r->pan_x = 0;
	if (r->pan_y < 0)
		r->pan_y = 0;
}

/* Where the page's top left is on the screen, and its size. */
static SDL_Rect page_rect(const struct reader *r, const struct layout *l, int w, int h)
{
	SDL_Rect d = { l->view.x - r->pan_x, l->view.y - r->pan_y, w, h };

	if (w <= l->view.w)
		d.x = l->view.x + (l->view.w - w) / 2 + r->slide;
	if (h <= l->view.h)
		d.y = l->view.y + (l->view.h - h) / 2;
	return d;
}

/* Change the level, keeping the point (x, y) of the screen where it was on the page. */
static void set_level(struct app *app, struct reader *r, const struct layout *l, int level, int x,
		      int y)
{
	int w, h, w2, h2;
	SDL_Rect d;
	double fx = 0.5, fy = 0.5;

	if (level < 1 || level == r->level)
		return;
	if (page_size(r, l, r->level, &w, &h)) {
		d = page_rect(r, l, w, h);
		fx = (double)(x - d.x) / w;
		fy = (double)(y - d.y) / h;
	}
	r->level = level;
	r->slide = 0;
	if (page_size(r, l, level, &w2, &h2)) {
		r->pan_x = (int)(fx * w2) - (x - l->view.x);
		r->pan_y = (int)(fy * h2) - (y - l->view.y);
	}
	want(app, r);
	wait_shown(app, r);
	clamp_pan(r, l);
	app_trace(app, "page");
	app_dirty(app);
}

/* 放大 / 缩小 by a button: from the whole page, its top (where reading starts), else about the
 * middle of what is shown. */
static void zoom_step(struct app *app, struct reader *r, const struct layout *l, int delta)
{
	int level = r->level + delta;

	if (level < 1 || level > max_level(r, l))
		return;
	set_level(app, r, l, level, l->view.x + l->view.w / 2,
		  r->level == 1 ? l->view.y : l->view.y + l->view.h / 2);
}

/* ---- text ---- */

static int load_text(struct app *app, struct reader *r)
{
	char path[1200], err[512];
	FILE *f;
	char *data;
	size_t n;

	materials_source_path(app->db, &r->m, path, sizeof path);
	f = fopen(path, "rb");
	if (!f) {
		snprintf(app->err, sizeof app->err, "找不到“%s”的文件，请找工作人员重新导入", r->m.title);
		return -1;
	}
	data = malloc(MARKDOWN_MAX_BYTES + 1);
	n = data ? fread(data, 1, MARKDOWN_MAX_BYTES + 1, f) : 0;
	fclose(f);
	if (!data || markdown_parse(data, n, r->m.kind == MAT_TEXT ? MD_PLAIN : MD_MARKDOWN, &r->doc,
				    err, sizeof err) < 0) {
		snprintf(app->err, sizeof app->err, "“%s”无法打开，请找工作人员", r->m.title);
		free(data);
		return -1;
	}
	free(data);
	return 0;
}

/* Lay the text out again when the size or the area changed; the place is the text at the top. */
static void sync_text(struct app *app, struct reader *r, const struct layout *l)
{
	struct ui *ui = app->ui;

	if (r->rich_made && r->rich_large == ui->large && r->rich_w == l->view.w &&
	    r->rich_h == l->view.h)
		return;
	rich_free(&r->rich);
	r->rich_made = rich_layout(ui, &r->doc, l->view.w, l->view.h, &r->rich) == 0;
	r->rich_large = ui->large;
	r->rich_w = l->view.w;
	r->rich_h = l->view.h;
	r->pages = r->rich.npages > 0 ? r->rich.npages : 1;
	r->page = rich_page_of(&r->rich, r->top_block, r->top_offset) + 1;
}

static void set_text_page(struct reader *r, int page)
{
	const struct rich_line *first;

	r->page = page;
	if (page < 1 || page > r->rich.npages || r->rich.pages[page - 1].count == 0)
		return;
	first = &r->rich.lines[r->rich.pages[page - 1].first];
	r->top_block = first->block;
	r->top_offset = first->start;
}

/* ---- the screen ---- */

static int reader_enter(struct app *app, const void *arg)
{
	struct reader *r = calloc(1, sizeof *r);
	struct layout l;
	char width[16];

	if (!r)
		return -1;
	app->state = r;
	r->arg = *(const struct reader_arg *)arg;
	if (materials_get(app->db, r->arg.material_id, &r->m, app->err, sizeof app->err) < 0)
		return -1;
	if (r->m.removed) {
		snprintf(app->err, sizeof app->err, "“%s”已经删除了", r->m.title);
		return -1;
	}
	r->entered_ms = app_now_ms(app);
	r->page = 1;
	r->level = 1;
	r->last_tap_ms = -DOUBLE_TAP_MS;
	if (is_text(&r->m))
		return load_text(app, r);
	r->pages = r->m.pages > 0 ? r->m.pages : 1;
	l = layout(app, false);
	/* Tell imports the width this screen caches pages at, so they render for it. */
	if (materials_page_width(app->db) != l.view.w) {
		snprintf(width, sizeof width, "%d", l.view.w);
		db_setting_set(app->db, "materials_page_width", width, app->err, sizeof app->err);
	}
	r->worker = reader_pages_start(app, &r->m, l.view.w);
	if (!r->worker) {
		snprintf(app->err, sizeof app->err, "系统资源不足，无法打开“%s”", r->m.title);
		return -1;
	}
	r->box_w = l.view.w;
	r->box_h = l.view.h;
	want(app, r);
	wait_shown(app, r);
	app_trace(app, "page");
	return 0;
}

static void reader_leave(struct app *app)
{
	struct reader *r = app->state;

	if (r) {
		reader_pages_stop(r->worker);
		rich_free(&r->rich);
		markdown_free(&r->doc);
		free(r);
	}
	app->state = NULL;
}

static void turn(struct app *app, struct reader *r, int page)
{
	if (page < 1 || page > r->pages || page == r->page)
		return;
	if (is_text(&r->m)) {
		set_text_page(r, page);
	} else {
		r->page = page;
		r->level = 1;
		r->pan_x = r->pan_y = r->slide = 0;
		want(app, r);
		wait_shown(app, r);
	}
	app_trace(app, "page");
	app_dirty(app);
}

static void study(struct app *app, struct reader *r)
{
	struct checkin_arg f;
	int64_t minutes = (app_now_ms(app) - r->entered_ms + 59999) / 60000;

	if (minutes < 1)
		minutes = 1;
	if (minutes > 600)
		minutes = 600;
	memset(&f, 0, sizeof f);
	snprintf(f.title, sizeof f.title, "学习打卡：%s", r->m.title);
	f.chosen = studied_record;
	f.data[0] = r->m.id;
	f.data[1] = minutes;
	app_go(app, &checkin_screen, &f);
}

/* A finger on a page: an enlarged page follows it; a whole page slides sideways with it, and
 * turns when it lifts far enough to the side. */
static void page_drag(struct app *app, struct reader *r, const struct layout *l,
		      const struct input *in, bool lifted)
{
	int slop = ui_target(app->ui) / 2;

	if (r->level == 1) {
		r->slide = lifted ? 0 : abs(in->dx) > abs(in->dy) ? in->dx : 0;
		if (lifted && abs(in->dx) > abs(in->dy) && abs(in->dx) > slop)
			turn(app, r, r->page + (in->dx < 0 ? 1 : -1));
	} else {
		if (!r->dragging) {
			r->drag_x = r->pan_x;
			r->drag_y = r->pan_y;
		}
		r->pan_x = r->drag_x - in->dx;
		r->pan_y = r->drag_y - in->dy;
		clamp_pan(r, l);
	}
	r->dragging = !lifted;
	app_dirty(app);
}

/* A tap on the page: two in a row enlarge it there to where text reads, or show it whole. */
static void page_tap(struct app *app, struct reader *r, const struct layout *l)
{
	int64_t now = app_now_ms(app);

	if (now - r->last_tap_ms > DOUBLE_TAP_MS) {
		r->last_tap_ms = now;
		return;
	}
	r->last_tap_ms = -DOUBLE_TAP_MS;
	set_level(app, r, l, r->level == 1 ? reading_level(r, l) : 1, app->down_x, app->down_y);
}

static void reader_event(struct app *app, const struct input *in)
{
	struct reader *r = app->state;
	bool text = is_text(&r->m);
	struct layout l = layout(app, text);

	if (text)
		sync_text(app, r, &l);
	else
		sync_box(app, r, &l);
	switch (in->type) {
	case IN_REFRESH:
		clamp_pan(r, &l);
		app_dirty(app);
		return;
	case IN_KEY:
		if (in->key == SDLK_RIGHT || in->key == SDLK_PAGEDOWN)
			turn(app, r, r->page + 1);
		else if (in->key == SDLK_LEFT || in->key == SDLK_PAGEUP)
			turn(app, r, r->page - 1);
		return;
	case IN_DRAG:
		if (!text)
			page_drag(app, r, &l, in, false);
		return;
	case IN_SWIPE:
		if (!text) {
			page_drag(app, r, &l, in, true);
		} else if (abs(in->dx) >= abs(in->dy)) {
			/* Text has no page to move around in: any swipe turns. */
			turn(app, r, r->page + (in->dx < 0 ? 1 : -1));
		} else {
			turn(app, r, r->page + (in->dy < 0 ? 1 : -1));
		}
		return;
	case IN_TAP:
		break;
	default:
		return;
	}
	switch (in->action) {
	case ACT_PREV:
		turn(app, r, r->page - 1);
		break;
	case ACT_NEXT:
		turn(app, r, r->page + 1);
		break;
	case ACT_ZOOM_IN:
	case ACT_ZOOM_OUT:
		zoom_step(app, r, &l, in->action == ACT_ZOOM_IN ? 1 : -1);
		break;
	case ACT_PAGE:
		page_tap(app, r, &l);
		break;
	case ACT_STUDY:
		study(app, r);
		break;
	case ACT_BACK: {
		/* A copy: leaving frees r before the list is entered. */
		struct materials_arg back = r->arg.back;
		app_go(app, &materials_screen, &back);
		break;
	}
	}
}

/* What the line under the page says: how large it is, where more of it is, what to do. */
static void cue_text(const struct reader *r, const struct layout *l, int w, int h, char *out,
		     size_t size)
{
	bool up = h > l->view.h && r->pan_y > 0, down = h > l->view.h && r->pan_y < h - l->view.h;
	bool left = w > l->view.w && r->pan_x > 0, right = w > l->view.w && r->pan_x < w - l->view.w;
	char where[96] = "";

	if (r->level == 1) {
		snprintf(out, size, "这是整页。看不清请点“放大”，或在页面上连点两下");
		return;
	}
	snprintf(where, sizeof where, "%s%s%s%s", up ? "上面▲ " : "", down ? "下面▼ " : "",
		 left ? "左边◀ " : "", right ? "右边▶ " : "");
	if (!where[0])
		snprintf(out, size, "放大 %d 倍，整页都在这里", r->level);
	else if (up + down + left + right > 1)
		snprintf(out, size, "放大 %d 倍 · %s还有，手指按住页面拖动", r->level, where);
	else
		snprintf(out, size, "放大 %d 倍 · %s还有，手指按住页面往%s", r->level, where,
			 down ? "上推" : up ? "下拉" : right ? "左推" : "右推");
}

static void draw_page(struct app *app, struct reader *r, const struct layout *l)
{
	struct ui *ui = app->ui;
	bool failed;
	const struct picture *p = shown_picture(r, &failed);
	int w, h, bw = ui_gap(ui) / 2; /* within the gap around the page */
	SDL_Rect d, vis, src;
	double scale;
	char label[64], cue[160];

	ui_fill(ui, l->view, C_BORDER);
	if (!p || !page_size(r, l, r->level, &w, &h)) {
		ui_label(ui, rect_inset(l->view, ui_gap(ui) * 2),
			 failed ? "这一页无法显示，请找工作人员重新导入这份资料" : "正在打开……",
			 TS_LARGE, UI_CENTER);
		return;
	}
	d = page_rect(r, l, w, h);
	if (!SDL_IntersectRect(&d, &l->view, &vis))
		return;
	scale = (double)p->w / w;
	src = (SDL_Rect){ (int)((vis.x - d.x) * scale), (int)((vis.y - d.y) * scale),
			  (int)(vis.w * scale + 0.5), (int)(vis.h * scale + 0.5) };
	if (src.x + src.w > p->w)
		src.w = p->w - src.x;
	if (src.y + src.h > p->h)
		src.h = p->h - src.y;
	picture_draw(ui, p, src, vis);
	/* Where in an enlarged page we are: bars in the margins just right of and below the page,
	 * never over its text (drawn over it, the bottom bar read as a line struck through). */
	if (h > l->view.h)
		ui_fill(ui, (SDL_Rect){ l->view.x + l->view.w + 1, l->view.y + l->view.h * r->pan_y / h,
					bw, l->view.h * l->view.h / h },
			C_RED);
	if (w > l->view.w)
		ui_fill(ui, (SDL_Rect){ l->view.x + l->view.w * r->pan_x / w, l->view.y + l->view.h + 1,
					l->view.w * l->view.w / w, bw },
			C_RED);
	if (r->level == 1)
		snprintf(label, sizeof label, "第 %d 页（整页）", r->page);
	else
		snprintf(label, sizeof label, "第 %d 页（%d 倍）", r->page, r->level);
	ui_widget(ui, vis, ROLE_IMAGE, label, ACT_PAGE, 0);
	cue_text(r, l, w, h, cue, sizeof cue);
	ui_label(ui, l->cue, cue, TS_BODY, UI_BOLD | UI_CENTER);
}

/* 放大 and 缩小, each saying in words when it can go no further. */
static void zoom_buttons(struct app *app, struct reader *r, const struct layout *l, SDL_Rect out,
			 SDL_Rect in)
{
	struct ui *ui = app->ui;
	bool most = r->level >= max_level(r, l), least = r->level <= 1;

	ui_button(ui, out, "缩小", least ? "已是整页" : NULL, BTN_NORMAL, least ? 0 : ACT_ZOOM_OUT, 0);
	ui_button(ui, in, "放大", most ? "已经最大" : NULL, least ? BTN_PRIMARY : BTN_NORMAL,
		  most ? 0 : ACT_ZOOM_IN, 0);
}

static void reader_draw(struct app *app)
{
	struct reader *r = app->state;
	struct ui *ui = app->ui;
	struct layout l;
	int gap = ui_gap(ui);
	char place[32];
	bool text = is_text(&r->m), first, last;
	SDL_Rect bar, bar2;

	chrome_header(app, r->m.title, true, 0);
	l = layout(app, text);
	if (text)
		sync_text(app, r, &l);
	first = r->page <= 1;
	last = r->page >= r->pages;
	if (text) {
		ui_fill(ui, l.view, C_BG);
		rich_draw(ui, &r->rich, r->page - 1, l.view);
	} else {
		draw_page(app, r, &l);
	}
	snprintf(place, sizeof place, "%d / %d", r->page, r->pages);
	bar = l.bar;
	bar2 = l.bar2;
	if (l.portrait) {
		int third = (bar.w - 2 * gap) / 3;
		ui_button(ui, rect_cut_left(&bar, third), "◀ 上一页", NULL, BTN_NORMAL, first ? 0 : ACT_PREV, 0);
		rect_cut_left(&bar, gap);
		ui_button(ui, rect_cut_right(&bar, third), "下一页 ▶", NULL, last ? BTN_NORMAL : BTN_PRIMARY,
			  last ? 0 : ACT_NEXT, 0);
		rect_cut_right(&bar, gap);
		bar.y += (bar.h - ui_line_height(ui, ui_text_px(ui, TS_TITLE))) / 2;
		ui_label(ui, bar, place, TS_TITLE, UI_BOLD | UI_CENTER);
		{
			int n = text ? 2 : 4, w = (bar2.w - gap * (n - 1)) / n;
			ui_button(ui, rect_cut_left(&bar2, w), "返回列表", NULL, BTN_NORMAL, ACT_BACK, 0);
			rect_cut_left(&bar2, gap);
			if (!text) {
				SDL_Rect out = rect_cut_left(&bar2, w), in;
				rect_cut_left(&bar2, gap);
				in = rect_cut_left(&bar2, w);
				rect_cut_left(&bar2, gap);
				zoom_buttons(app, r, &l, out, in);
			}
			ui_button(ui, bar2, "学习打卡", NULL, last ? BTN_PRIMARY : BTN_NORMAL, ACT_STUDY, 0);
		}
	} else {
		int w = ui_target(ui) * 5 / 2;
		ui_button(ui, l.prev, "◀", "上一页", BTN_NORMAL, first ? 0 : ACT_PREV, 0);
		ui_button(ui, l.next, "▶", "下一页", last ? BTN_NORMAL : BTN_PRIMARY, last ? 0 : ACT_NEXT, 0);
		ui_button(ui, rect_cut_left(&bar, w), "返回列表", NULL, BTN_NORMAL, ACT_BACK, 0);
		rect_cut_left(&bar, gap);
		ui_button(ui, rect_cut_right(&bar, w), "学习打卡", NULL, last ? BTN_PRIMARY : BTN_NORMAL,
			  ACT_STUDY, 0);
		rect_cut_right(&bar, gap);
		if (!text) {
			SDL_Rect in = rect_cut_right(&bar, w * 4 / 5), out;
			rect_cut_right(&bar, gap);
			out = rect_cut_right(&bar, w * 4 / 5);
			rect_cut_right(&bar, gap);
			zoom_buttons(app, r, &l, out, in);
		}
		bar.y += (bar.h - ui_line_height(ui, ui_text_px(ui, TS_TITLE))) / 2;
		ui_label(ui, bar, place, TS_TITLE, UI_BOLD | UI_CENTER);
	}
}

/* Pages the worker made become textures here; a redraw only when the page shown came. */
static int64_t reader_tick(struct app *app, int64_t now_ms)
{
	struct reader *r = app->state;

	if (!r->worker)
		return 0;
	if (reader_pages_collect(app, r->worker, r->page))
		app_dirty(app);
	return reader_pages_pending(r->worker) ? now_ms + 50 : 0;
}

const struct screen reader_screen = {
	.name = "reader",
	.enter = reader_enter,
	.leave = reader_leave,
	.event = reader_event,
	.draw = reader_draw,
	.tick = reader_tick,
	.idle_home_ms = READER_IDLE_MS,
};
