/* The reader's page worker: a background job (core/base/job.h) that makes pages as the reader
 * shows them, the page shown first, then the next and the previous one, so a page turn finds
 * its page ready; the screen collects them on its tick. Only a handful of slots hold pages,
 * however long the document: memory stays flat.
 *
 * Every page starts from its picture at the cache width (the width imports render at, kept as
 * PNG beside the material, rendered from the source and cached when missing). The whole page
 * fitted into the reader's area is that picture scaled down smoothly (cairo), so a page turn
 * costs a PNG read; a page shown larger (放大) is rendered again from the source at its size, so
 * enlarged text stays sharp. */
#include "screens/reader_pages.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "core/base/clock.h"
#include "core/base/job.h"
#include "core/formats/imageinfo.h"
#include "core/formats/pdf.h"
#include "core/formats/raster.h"

#define SLOTS 6            /* shown, shown whole (a stand-in), next, previous, spare, one being made */
#define WAIT_SHOWN_MS 3000 /* how long a turn waits for a page not prepared yet */
#define PAGE_POLL_MS 50    /* how often the screen looks for pages made */

enum slot_state { SLOT_FREE, SLOT_WANTED, SLOT_BUSY, SLOT_DONE, SLOT_FAILED };

struct slot {
	struct page_key key;
	enum slot_state state;
	SDL_Surface *surface; /* made by the worker; a texture on the screen's thread */
	struct picture pic;
	unsigned long used;
};

/* What the page worker shares with the screen (under the job's lock). */
struct page_worker {
	struct slot slots[SLOTS];
	int shown; /* the page the member looks at: prepared first */
	unsigned long clock;
	/* Fixed while the thread runs. */
	char source[1200], cache[1200];
	enum material_kind kind;
	enum image_type image;
	int width, max_side;
	struct pdf *pdf; /* the worker's alone */
};

static bool same_key(const struct page_key *a, const struct page_key *b)
{
	return a->page == b->page && a->level == b->level && a->box_w == b->box_w &&
	       a->box_h == b->box_h;
}

/* ---- the worker ---- */

/* The page from the source, width pixels wide (a picture: at most its own width). */
static int render(struct page_worker *pg, int page, int width, struct raster *r)
{
	char err[256];

	if (pg->kind == MAT_PDF) {
		if (!pg->pdf && !(pg->pdf = pdf_open(pg->source, err, sizeof err)))
			return -1;
		return pdf_render(pg->pdf, page - 1, width, r, err, sizeof err);
	}
	return raster_load_image(pg->source, pg->image, width, r, err, sizeof err);
}

/* Scale r down to fit max_side each way (the renderer's largest texture). */
static void fit_texture(struct page_worker *pg, struct raster *r)
{
	struct raster small;
	int w;

	if (r->h <= pg->max_side && r->w <= pg->max_side)
		return;
	w = (int)((long)r->w * pg->max_side / (r->h > r->w ? r->h : r->w));
	if (raster_scale(r, w > 0 ? w : 1, &small) == 0) {
		raster_free(r);
		*r = small;
	}
}

/* The page at the cache width: from the cache, else rendered and put in it. */
static int base(struct page_worker *pg, int page, struct raster *r)
{
	char path[1300], dir[1250], err[256];

	snprintf(dir, sizeof dir, "%s/w%d", pg->cache, pg->width);
	snprintf(path, sizeof path, "%s/p%04d.png", dir, page);
	if (raster_load_image(path, IMAGE_PNG, 0, r, err, sizeof err) == 0) {
		if (r->w <= pg->width && r->h <= pg->max_side)
			return 0;
		raster_free(r);
	}
	if (render(pg, page, pg->width, r) < 0)
		return -1;
	fit_texture(pg, r);
	mkdir(dir, 0755);
	raster_write_png(r, path, err, sizeof err); /* a cache: failing to fill it is no error */
	return 0;
}

/* Make the page for key as a surface: fitted whole into the box, times its level. */
static SDL_Surface *produce(struct page_worker *pg, const struct page_key *k)
{
	struct raster r, made;
	SDL_Surface *s;
	long fit, target;

	if (base(pg, k->page, &r) < 0)
		return NULL;
	fit = k->box_w;
	if ((long)k->box_h * r.w / r.h < fit)
		fit = (long)k->box_h * r.w / r.h;
	target = fit * k->level;
	if (target * r.h / r.w > pg->max_side)
		target = (long)pg->max_side * r.w / r.h;
	if (target > pg->max_side)
		target = pg->max_side;
	if (target < 1)
		target = 1;
	if (target < r.w - 1) {
		if (raster_scale(&r, (int)target, &made) == 0) {
			raster_free(&r);
			r = made;
		}
	} else if (target > r.w + 1 && render(pg, k->page, (int)target, &made) == 0) {
		raster_free(&r);
		r = made;
		fit_texture(pg, &r);
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
		if (!best || abs(s->key.page - pg->shown) < abs(best->key.page - pg->shown) ||
		    (s->key.page == best->key.page && s->used < best->used))
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
		struct page_key key;
		SDL_Surface *made;

		if (!s) {
			job_wait(job, -1);
			continue;
		}
		s->state = SLOT_BUSY;
		key = s->key;
		job_unlock(job);
		made = produce(pg, &key);
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

/* ---- the screen's side ---- */

static struct slot *find(struct page_worker *pg, const struct page_key *k)
{
	int i;

	for (i = 0; i < SLOTS; i++)
		if (pg->slots[i].state != SLOT_FREE && same_key(&pg->slots[i].key, k))
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

bool reader_pages_collect(struct app *app, struct job *pages, int page)
{
	struct page_worker *pg = job_arg(pages);
	bool shown = false;
	int i;

	job_lock(pages);
	for (i = 0; i < SLOTS; i++) {
		struct slot *s = &pg->slots[i];
		if (s->state == SLOT_DONE && s->surface) {
			picture_from_surface(app->ui, s->surface, &s->pic);
			SDL_FreeSurface(s->surface);
			s->surface = NULL;
			if (!s->pic.tex)
				s->state = SLOT_FAILED;
			shown |= s->key.page == page;
		}
	}
	job_unlock(pages);
	return shown;
}

bool reader_pages_pending(struct job *pages)
{
	struct page_worker *pg = job_arg(pages);
	bool any = false;
	int i;

	job_lock(pages);
	for (i = 0; i < SLOTS; i++)
		any |= pg->slots[i].state == SLOT_WANTED || pg->slots[i].state == SLOT_BUSY ||
		       (pg->slots[i].state == SLOT_DONE && pg->slots[i].surface);
	job_unlock(pages);
	return any;
}

void reader_pages_want(struct app *app, struct job *pages, const struct page_key *keys, int n)
{
	struct page_worker *pg = job_arg(pages);
	int i, k;

	job_lock(pages);
	pg->shown = keys[0].page;
	for (k = 0; k < n; k++) {
		struct slot *s = find(pg, &keys[k]), *victim = NULL;
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
				keep |= c->state != SLOT_FREE && same_key(&c->key, &keys[j]);
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
		victim->key = keys[k];
		victim->state = SLOT_WANTED;
		victim->used = ++pg->clock;
	}
	job_wake(pages);
	job_unlock(pages);
	app_tick_soon(app, app_now_ms(app) + PAGE_POLL_MS);
}

void reader_pages_wait(struct app *app, struct job *pages, const struct page_key *key)
{
	struct page_worker *pg = job_arg(pages);
	int64_t until = clock_real_ms() + WAIT_SHOWN_MS, left;
	struct slot *s;

	job_lock(pages);
	while ((s = find(pg, key)) != NULL && (s->state == SLOT_WANTED || s->state == SLOT_BUSY) &&
	       (left = until - clock_real_ms()) > 0)
		job_wait(pages, (int)left);
	job_unlock(pages);
	reader_pages_collect(app, pages, key->page);
}

const struct picture *reader_pages_get(struct job *pages, const struct page_key *key, bool *exact,
				       bool *failed)
{
	struct page_worker *pg = job_arg(pages);
	const struct slot *s = find(pg, key), *other = NULL;
	int i;

	*exact = false;
	*failed = s && s->state == SLOT_FAILED;
	if (s && s->pic.tex) {
		*exact = true;
		return &s->pic;
	}
	/* Another size of the same page stands in, the one closest in size. */
	for (i = 0; i < SLOTS; i++) {
		const struct slot *c = &pg->slots[i];
		if (c->pic.tex && c->key.page == key->page &&
		    (!other || abs(c->key.level - key->level) < abs(other->key.level - key->level)))
			other = c;
	}
	if (other)
		*failed = false;
	return other ? &other->pic : NULL;
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

void reader_pages_stop(struct job *pages)
{
	if (!pages)
		return;
	job_cancel(pages);
	job_free(pages);
}

struct job *reader_pages_start(struct app *app, const struct material *m, int cache_width)
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
	pg->width = cache_width;
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
