/* The reader: one page of a study material at a time, with big ◀ ▶ buttons (and swipes) to turn
 * pages, the place shown as "3 / 12", and at the end 学习打卡.
 *
 * PDFs and pictures are shown fit to the width of the page area, or twice that (放大) with a
 * drag to move around; a page taller than the area is moved up and down the same way. Pages are
 * prepared by a background job (core/base/job.h), the page worker: the page shown first, then
 * the next and the previous one, so a page turn finds its page ready; the screen collects them on
 * its tick. Pages come from the PNG cache the import filled
 * (SDL2_image), or are rendered from the source (and cached) when the cache lacks them. Only a
 * handful of slots hold pages, however long the document: memory stays flat.
 *
 * Text and Markdown are not magnified but laid out again (ui/rich.c) in the size the member
 * chose, 大字 or not; the place kept is the text at the top of the page, so switching sizes does
 * not lose it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "core/base/job.h"
#include "core/store/db.h"
#include "core/formats/imageinfo.h"
#include "core/formats/markdown.h"
#include "core/materials/materials.h"
#include "core/formats/pdf.h"
#include "core/formats/raster.h"
#include "screens/screens.h"
#include "ui/picture.h"
#include "ui/rich.h"
#include "ui/ui.h"

#define READER_IDLE_MS (5 * 60 * 1000) /* reading a page takes longer than a menu */
#define SLOTS 5 /* pages held at once: shown, next, previous, shown at 2x, one being made */
#define WAIT_SHOWN_MS 3000             /* how long a turn waits for a page not prepared yet */
#define PAGE_POLL_MS 50                /* how often the screen looks for pages made */

enum { ACT_PREV = 1, ACT_NEXT, ACT_ZOOM, ACT_STUDY, ACT_BACK };

enum slot_state { SLOT_FREE, SLOT_WANTED, SLOT_BUSY, SLOT_DONE, SLOT_FAILED };

struct slot {
	int page, zoom;
	enum slot_state state;
	SDL_Surface *surface; /* made by the worker; a texture on the screen's thread */
	struct picture pic;
	unsigned long used;
};

/* What the page worker shares with the screen (under the job's lock). */
struct page_worker {
	struct slot slots[SLOTS];
	int shown;            /* the page the member looks at: prepared first */
	unsigned long clock;
	/* Fixed while the thread runs. */
	char source[1200], cache[1200];
	enum material_kind kind;
	enum image_type image;
	int width, max_side;
	struct pdf *pdf; /* the worker's alone */
};

struct reader {
	struct reader_arg arg;
	struct material m;
	int64_t entered_ms;
	int page, pages; /* 1-based */
	int zoom;        /* 1: fit to width, 2: twice */
	int pan_x, pan_y;
	struct job *worker; /* the page worker; its argument is a struct page_worker */
	/* Text: the parsed blocks, their layout for the current size, the place. */
	struct md_doc doc;
	struct rich rich;
	bool rich_made, rich_large;
	int rich_w, rich_h;
	int top_block;
	size_t top_offset;
};

struct layout {
	SDL_Rect view, prev, next, bar, bar2;
	bool portrait;
};

static bool is_text(const struct material *m)
{
	return material_kind_is_text(m->kind);
}

/* The page area does not depend on 大字, so PDF pages rendered for it fit in both sizes. */
static struct layout layout(struct app *app)
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
		l.prev = rect_cut_left(&body, side);
		rect_cut_left(&body, gap);
		l.next = rect_cut_right(&body, side);
		rect_cut_right(&body, gap);
	}
	l.view = body;
	return l;
}

/* ---- the worker ---- */

/* Make page at zoom as a surface: from the cache when it is there at this width, else rendered
 * from the source (and, at the fit width, put in the cache for next time). */
static SDL_Surface *produce(struct page_worker *pg, int page, int zoom)
{
	char path[1300], dir[1250], err[256];
	struct raster r = { 0 }, small;
	SDL_Surface *s;
	int width = pg->width * zoom;

	snprintf(dir, sizeof dir, "%s/w%d", pg->cache, pg->width);
	snprintf(path, sizeof path, "%s/p%04d.png", dir, page);
	if (zoom == 1) {
		s = picture_surface_load(path);
		if (s && s->w <= pg->width && s->h <= pg->max_side)
			return s;
		SDL_FreeSurface(s);
	}
	if (pg->kind == MAT_PDF) {
		if (!pg->pdf && !(pg->pdf = pdf_open(pg->source, err, sizeof err)))
			return NULL;
		if (pdf_render(pg->pdf, page - 1, width, &r, err, sizeof err) < 0)
			return NULL;
	} else if (raster_load_image(pg->source, pg->image, width, &r, err, sizeof err) < 0) {
		return NULL;
	}
	/* A page longer than the renderer's largest texture is made narrower. */
	if (r.h > pg->max_side || r.w > pg->max_side) {
		int w = (int)((long)r.w * pg->max_side / (r.h > r.w ? r.h : r.w));
		if (raster_scale(&r, w > 0 ? w : 1, &small) == 0) {
			raster_free(&r);
			r = small;
		}
	}
	if (zoom == 1) {
		mkdir(dir, 0755);
		raster_write_png(&r, path, err, sizeof err); /* a cache: failing to fill it is no error */
	}
	s = picture_surface_from_raster(&r);
	raster_free(&r);
	return s;
}

/* The wanted slot to work on: the page shown first, then the nearest. Called locked. */
static struct slot *next_wanted(struct page_worker *pg)
{
	struct slot *best = NULL;
	int i;

	for (i = 0; i < SLOTS; i++) {
		struct slot *s = &pg->slots[i];
		if (s->state != SLOT_WANTED)
			continue;
		if (!best || abs(s->page - pg->shown) < abs(best->page - pg->shown) ||
		    (s->page == pg->shown && s->zoom > best->zoom))
			best = s;
	}
	return best;
}

static int work(struct job *job, struct db *db, void *arg, char *err, size_t errlen)
{
	struct page_worker *pg = arg;

	(void)db;
	(void)err;
	(void)errlen;
	job_lock(job);
	while (!job_cancelled(job)) {
		struct slot *s = next_wanted(pg);
		SDL_Surface *made;
		int page, zoom;

		if (!s) {
			job_wait(job, -1);
			continue;
		}
		s->state = SLOT_BUSY;
		page = s->page;
		zoom = s->zoom;
		job_unlock(job);
		made = produce(pg, page, zoom);
		job_lock(job);
		s->surface = made;
		s->state = made ? SLOT_DONE : SLOT_FAILED;
		job_wake(job);
	}
	job_unlock(job);
	pdf_close(pg->pdf);
	pg->pdf = NULL;
	return 0;
}

/* ---- the screen's side of the pages ---- */

static struct slot *find(struct page_worker *pg, int page, int zoom)
{
	int i;

	for (i = 0; i < SLOTS; i++)
		if (pg->slots[i].state != SLOT_FREE && pg->slots[i].page == page && pg->slots[i].zoom == zoom)
			return &pg->slots[i];
	return NULL;
}

static void empty_slot(struct slot *s)
{
	picture_free(&s->pic);
	SDL_FreeSurface(s->surface);
	s->surface = NULL;
	s->state = SLOT_FREE;
}

/* Turn what the worker finished into textures (the screen's thread only); true when the page
 * shown was among them. */
static bool collect(struct app *app, struct reader *r)
{
	struct page_worker *pg = job_arg(r->worker);
	bool shown = false;
	int i;

	job_lock(r->worker);
	for (i = 0; i < SLOTS; i++) {
		struct slot *s = &pg->slots[i];
		if (s->state == SLOT_DONE && s->surface) {
			picture_from_surface(app->ui, s->surface, &s->pic);
			SDL_FreeSurface(s->surface);
			s->surface = NULL;
			if (!s->pic.tex)
				s->state = SLOT_FAILED;
			shown |= s->page == r->page;
		}
	}
	job_unlock(r->worker);
	return shown;
}

/* Are pages still being made? */
static bool pending(struct reader *r)
{
	struct page_worker *pg = job_arg(r->worker);
	bool any = false;
	int i;

	job_lock(r->worker);
	for (i = 0; i < SLOTS; i++)
		any |= pg->slots[i].state == SLOT_WANTED || pg->slots[i].state == SLOT_BUSY ||
		       (pg->slots[i].state == SLOT_DONE && pg->slots[i].surface);
	job_unlock(r->worker);
	return any;
}

/* Ask for the pages around the one shown, giving up slots that hold pages further away. */
static void want(struct app *app, struct reader *r)
{
	struct page_worker *pg = job_arg(r->worker);
	int want_page[4], want_zoom[4], n = 0, i, k;

	want_page[n] = r->page, want_zoom[n++] = r->zoom;
	if (r->zoom == 2)
		want_page[n] = r->page, want_zoom[n++] = 1;
	if (r->page < r->pages)
		want_page[n] = r->page + 1, want_zoom[n++] = 1;
	if (r->page > 1)
		want_page[n] = r->page - 1, want_zoom[n++] = 1;
	job_lock(r->worker);
	pg->shown = r->page;
	for (k = 0; k < n; k++) {
		struct slot *s = find(pg, want_page[k], want_zoom[k]), *victim = NULL;
		if (s) {
			s->used = ++pg->clock;
			continue;
		}
		for (i = 0; i < SLOTS; i++) {
			struct slot *c = &pg->slots[i];
			bool keep = false;
			int j;
			if (c->state == SLOT_BUSY)
				continue;
			for (j = 0; j < n; j++)
				keep |= c->state != SLOT_FREE && c->page == want_page[j] && c->zoom == want_zoom[j];
			if (keep)
				continue;
			if (c->state == SLOT_FREE) {
				victim = c;
				break;
			}
			if (!victim || c->used < victim->used)
				victim = c;
		}
		if (!victim)
			continue;
		empty_slot(victim);
		victim->page = want_page[k];
		victim->zoom = want_zoom[k];
		victim->state = SLOT_WANTED;
		victim->used = ++pg->clock;
	}
	job_wake(r->worker);
	job_unlock(r->worker);
	app_tick_soon(app, app_now_ms(app) + PAGE_POLL_MS);
}

/* Wait (a little) for the page shown, so a turn shows the page, not an empty frame. */
static void wait_shown(struct app *app, struct reader *r)
{
	struct page_worker *pg = job_arg(r->worker);
	int64_t until = clock_real_ms() + WAIT_SHOWN_MS, left;
	struct slot *s;

	job_lock(r->worker);
	while ((s = find(pg, r->page, r->zoom)) != NULL &&
	       (s->state == SLOT_WANTED || s->state == SLOT_BUSY) &&
	       (left = until - clock_real_ms()) > 0)
		job_wait(r->worker, (int)left);
	job_unlock(r->worker);
	collect(app, r);
}

/* Called by job_free on the screen's thread, once the worker returned. */
static void worker_free(void *arg)
{
	struct page_worker *pg = arg;
	int i;

	for (i = 0; i < SLOTS; i++)
		empty_slot(&pg->slots[i]);
	free(pg);
}

static void worker_stop(struct job *pages)
{
	if (!pages)
		return;
	job_cancel(pages);
	job_free(pages);
}

static struct job *worker_start(struct app *app, const struct material *m, int width)
{
	struct page_worker *pg = calloc(1, sizeof *pg);
	SDL_RendererInfo info;
	uint8_t head[16] = { 0 };
	char err[256];
	FILE *f;

	if (!pg)
		return NULL;
	materials_source_path(app->db, m, pg->source, sizeof pg->source);
	materials_dir(app->db, m, pg->cache, sizeof pg->cache);
	pg->kind = m->kind;
	pg->width = width;
	pg->max_side = 8192;
	if (SDL_GetRendererInfo(app->ui->renderer, &info) == 0 && info.max_texture_height > 0)
		pg->max_side = info.max_texture_height < info.max_texture_width ? info.max_texture_height
										  : info.max_texture_width;
	if ((f = fopen(pg->source, "rb")) != NULL) {
		size_t n = fread(head, 1, sizeof head, f);
		pg->image = imageinfo_type(head, n);
		fclose(f);
	}
	return job_start(NULL, work, pg, worker_free, err, sizeof err);
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
	r->zoom = 1;
	if (is_text(&r->m))
		return load_text(app, r);
	r->pages = r->m.pages > 0 ? r->m.pages : 1;
	l = layout(app);
	/* Tell imports the width this screen shows pages at, so they render for it. */
	if (materials_page_width(app->db) != l.view.w) {
		snprintf(width, sizeof width, "%d", l.view.w);
		db_setting_set(app->db, "materials_page_width", width, app->err, sizeof app->err);
	}
	r->worker = worker_start(app, &r->m, l.view.w);
	if (!r->worker) {
		snprintf(app->err, sizeof app->err, "系统资源不足，无法打开“%s”", r->m.title);
		return -1;
	}
	want(app, r);
	wait_shown(app, r);
	app_trace(app, "page");
	return 0;
}

static void reader_leave(struct app *app)
{
	struct reader *r = app->state;

	if (r) {
		worker_stop(r->worker);
		rich_free(&r->rich);
		markdown_free(&r->doc);
		free(r);
	}
	app->state = NULL;
}

/* The picture of the page shown, or NULL (at 2x, the fit-width one stands in until ready). */
static const struct picture *shown_picture(struct reader *r, bool *stand_in)
{
	struct slot *s;

	*stand_in = false;
	if (!r->worker)
		return NULL;
	s = find(job_arg(r->worker), r->page, r->zoom);
	if (s && s->pic.tex)
		return &s->pic;
	if (r->zoom == 2 && (s = find(job_arg(r->worker), r->page, 1)) != NULL && s->pic.tex) {
		*stand_in = true;
		return &s->pic;
	}
	return NULL;
}

/* The size of the page as shown (display pixels). */
static void content_size(struct reader *r, const struct layout *l, int *w, int *h)
{
	bool stand_in;
	const struct picture *p = shown_picture(r, &stand_in);

	*w = l->view.w * r->zoom;
	*h = p && p->w > 0 ? (int)((long)p->h * *w / p->w) : l->view.h;
}

static void clamp_pan(struct reader *r, const struct layout *l)
{
	int w, h;

	content_size(r, l, &w, &h);
	if (r->pan_x > w - l->view.w)
		r->pan_x = w - l->view.w;
	if (r->pan_y > h - l->view.h)
		r->pan_y = h - l->view.h;
	if (r->pan_x < 0)
		r->pan_x = 0;
	if (r->pan_y < 0)
		r->pan_y = 0;
}

static void turn(struct app *app, struct reader *r, int page)
{
	if (page < 1 || page > r->pages || page == r->page)
		return;
	if (is_text(&r->m)) {
		set_text_page(r, page);
	} else {
		r->page = page;
		r->zoom = 1;
		r->pan_x = r->pan_y = 0;
		want(app, r);
		wait_shown(app, r);
	}
	app_trace(app, "page");
	app_dirty(app);
}

static void zoom(struct app *app, struct reader *r, const struct layout *l)
{
	int cx = r->pan_x + l->view.w / 2, cy = r->pan_y + l->view.h / 2;

	/* Keep what was in the middle in the middle. */
	if (r->zoom == 1) {
		r->zoom = 2;
		r->pan_x = cx * 2 - l->view.w / 2;
		r->pan_y = cy * 2 - l->view.h / 2;
	} else {
		r->zoom = 1;
		r->pan_x = 0;
		r->pan_y = cy / 2 - l->view.h / 2;
	}
	want(app, r);
	wait_shown(app, r);
	clamp_pan(r, l);
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

static void reader_event(struct app *app, const struct input *in)
{
	struct reader *r = app->state;
	struct layout l = layout(app);
	int slop = ui_target(app->ui) / 2;

	if (is_text(&r->m))
		sync_text(app, r, &l);
	else if (r->worker)
		collect(app, r);
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
	case IN_SWIPE:
		if (is_text(&r->m)) {
			/* Text has no page to move around in: any swipe turns. */
			if (abs(in->dx) >= abs(in->dy))
				turn(app, r, r->page + (in->dx < 0 ? 1 : -1));
			else
				turn(app, r, r->page + (in->dy < 0 ? 1 : -1));
		} else if (r->zoom == 1 && abs(in->dx) > abs(in->dy) && abs(in->dx) > slop) {
			turn(app, r, r->page + (in->dx < 0 ? 1 : -1));
		} else {
			/* A drag moves the page with the finger. */
			r->pan_x -= r->zoom == 2 ? in->dx : 0;
			r->pan_y -= in->dy;
			clamp_pan(r, &l);
			app_dirty(app);
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
	case ACT_ZOOM:
		zoom(app, r, &l);
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

static void draw_page(struct app *app, struct reader *r, const struct layout *l)
{
	struct ui *ui = app->ui;
	bool stand_in;
	const struct picture *p = shown_picture(r, &stand_in);
	int w, h, pan_x = r->pan_x, pan_y = r->pan_y;
	double scale;
	SDL_Rect src, dst;
	char label[64];

	ui_fill(ui, l->view, C_BORDER);
	if (!p) {
		struct slot *s = r->worker ? find(job_arg(r->worker), r->page, r->zoom) : NULL;
		ui_label(ui, rect_inset(l->view, ui_gap(ui) * 2),
			 s && s->state == SLOT_FAILED ? "这一页无法显示，请找工作人员重新导入这份资料" : "正在打开……",
			 TS_LARGE, UI_CENTER);
		return;
	}
	content_size(r, l, &w, &h);
	if (pan_x > w - l->view.w)
		pan_x = w - l->view.w;
	if (pan_y > h - l->view.h)
		pan_y = h - l->view.h;
	if (pan_x < 0)
		pan_x = 0;
	if (pan_y < 0)
		pan_y = 0;
	scale = (double)w / p->w;
	dst = (SDL_Rect){ l->view.x, l->view.y, w < l->view.w ? w : l->view.w,
			  h < l->view.h ? h : l->view.h };
	if (h < l->view.h) /* a short page sits in the middle */
		dst.y += (l->view.h - h) / 2;
	src = (SDL_Rect){ (int)(pan_x / scale), (int)(pan_y / scale), (int)(dst.w / scale + 0.5),
			  (int)(dst.h / scale + 0.5) };
	if (src.x + src.w > p->w)
		src.w = p->w - src.x;
	if (src.y + src.h > p->h)
		src.h = p->h - src.y;
	picture_draw(ui, p, src, dst);
	/* Where in a tall page we are: a bar down the right edge. */
	if (h > l->view.h) {
		int track = l->view.h, thumb = track * l->view.h / h, top = track * pan_y / h;
		int bw = ui_gap(ui) / 2 + 2;
		ui_fill(ui, (SDL_Rect){ l->view.x + l->view.w - bw, l->view.y + top, bw, thumb }, C_RED);
	}
	snprintf(label, sizeof label, "第 %d 页%s", r->page, r->zoom == 2 ? "（放大）" : "");
	ui_widget(ui, dst, ROLE_IMAGE, label, 0, 0);
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
	l = layout(app);
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
			int n = text ? 2 : 3, w = (bar2.w - gap * (n - 1)) / n;
			ui_button(ui, rect_cut_left(&bar2, w), "返回列表", NULL, BTN_NORMAL, ACT_BACK, 0);
			rect_cut_left(&bar2, gap);
			if (!text) {
				ui_button(ui, rect_cut_left(&bar2, w), r->zoom == 1 ? "放大" : "还原", NULL,
					  r->zoom == 1 ? BTN_NORMAL : BTN_SELECTED, ACT_ZOOM, 0);
				rect_cut_left(&bar2, gap);
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
			ui_button(ui, rect_cut_right(&bar, w * 4 / 5), r->zoom == 1 ? "放大" : "还原", NULL,
				  r->zoom == 1 ? BTN_NORMAL : BTN_SELECTED, ACT_ZOOM, 0);
			rect_cut_right(&bar, gap);
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
	if (collect(app, r))
		app_dirty(app);
	return pending(r) ? now_ms + PAGE_POLL_MS : 0;
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
