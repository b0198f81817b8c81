/* The reader's page worker (screens/reader_pages.c): pages of a PDF or a picture made on a
 * background job at the size they are shown, a handful at a time. Only the reader uses it. */
#ifndef KIOSK_SCREENS_READER_PAGES_H
#define KIOSK_SCREENS_READER_PAGES_H

#include <stdbool.h>

#include "core/materials/materials.h"
#include "screens/screens.h"
#include "ui/picture.h"

struct job;

/* A page as shown: the whole page fitted into a box_w x box_h area (level 1), or level times
 * that size (放大). */
struct page_key {
	int page; /* 1-based */
	int level;
	int box_w, box_h;
};

/* Start the worker for m; pages are cached as PNG at cache_width (the width imports render
 * at). NULL when it cannot start. */
struct job *reader_pages_start(struct app *app, const struct material *m, int cache_width);
void reader_pages_stop(struct job *pages);

/* Ask for keys (the first, the page shown, is made first), giving up the slots that hold
 * pages not asked for, and ask for the screen's tick to collect them. */
void reader_pages_want(struct app *app, struct job *pages, const struct page_key *keys, int n);
/* Wait (up to a few seconds) for key, so a turn shows its page, not an empty frame. */
void reader_pages_wait(struct app *app, struct job *pages, const struct page_key *key);
/* Turn what the worker finished into textures (the screen's thread only); true when a page
 * numbered page was among them. */
bool reader_pages_collect(struct app *app, struct job *pages, int page);
/* Are pages still being made? */
bool reader_pages_pending(struct job *pages);

/* The picture for key; else another of the same page to stand in (scaled), *exact false; NULL
 * when there is none yet, *failed when the page could not be made at all. */
const struct picture *reader_pages_get(struct job *pages, const struct page_key *key, bool *exact,
				       bool *failed);

#endif
