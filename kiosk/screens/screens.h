/* The screens, one per file, and the pieces of chrome they share (chrome.c). */
#ifndef KIOSK_SCREENS_SCREENS_H
#define KIOSK_SCREENS_SCREENS_H

#include <SDL.h>
#include <stdbool.h>
#include <stdint.h>

#include "app.h"
#include "core/party/attendance.h"
#include "ui/ui.h"

extern const struct screen home_screen;
extern const struct screen checkin_screen;
extern const struct screen result_screen;
extern const struct screen which_screen;     /* 您参加哪一场？ (two meetings at once) */
extern const struct screen materials_screen; /* 学习资料: the list */
extern const struct screen reader_screen;    /* one material, a page at a time */
extern const struct screen schedule_screen;  /* 活动安排: this week, this month, a meeting */
extern const struct screen studied_screen;   /* 学习打卡 done */

/* What the finder is for: signing in to the meeting on now (arg NULL), or anything else that
 * needs a member to find their own name (学习打卡): then the title over it and what to do with
 * the member found. */
struct checkin_arg {
	char title[256];
	/* Called with the member found; the finder is still the current screen. data is a copy
	 * of the caller's (screens' states do not outlive them, so it is carried by value). */
	void (*chosen)(struct app *app, int64_t member_id, const int64_t data[2]);
	int64_t data[2];
};

/* Where the materials list was (category tab, page), so the reader can go back to it. */
struct materials_arg {
	int tab;
	int page;
};

/* What the reader opens, and the list to go back to. */
struct reader_arg {
	int64_t material_id;
	struct materials_arg back;
};

/* 学习打卡: the finder's chosen() for a study; data = { material id, minutes }. Records the study
 * and shows studied_screen. */
void studied_record(struct app *app, int64_t member_id, const int64_t data[2]);

/* What the result screen shows: a sign-in just made or found. */
struct result_arg {
	int64_t meeting_id;
	int64_t member_id;
	struct checkin checkin;
};

/* What the which screen asks about: a member, and the meeting they are expected at (0: none). */
struct which_arg {
	int64_t member_id;
	int64_t expected;
};

/* The red bar at the top of every screen: title (the community's name on the home screen),
 * date and time, 大字, and 返回首页 when back is set. Returns the area left below it. */
SDL_Rect chrome_header(struct app *app, const char *title, bool back, int title_action);

/* Does the header have room for the date beside this title? (Else a screen shows it.) */
bool chrome_header_shows_date(struct app *app, const char *title, bool back);

/* The area below the header, as chrome_header will leave it (for layouts events must know). */
SDL_Rect chrome_body(const struct app *app);

/* The body of a staff list: below the header, inset, under a hint line (drawn by the screen). */
SDL_Rect chrome_list_body(const struct app *app);

/* "11月27日 星期五" for t. */
void chrome_date(time_t t, char *out, size_t size);

/* One line of a verdict panel, with its size when there is room and when there is not. */
struct verdict_line {
	const char *text;
	bool bold;
	enum text_size roomy, tight;
};

/* The big panel that says something was done (green) or had been done before (amber), its
 * lines centred and as large as the panel allows. */
void chrome_verdict(struct app *app, SDL_Rect panel, bool already, const struct verdict_line *lines,
		    int n);

/* The page bar in bar: 上一页, 第 x 页，共 y 页, 下一页 (nothing when one page). */
void chrome_pager(struct app *app, SDL_Rect bar, int page, int pages, int act_prev, int act_next);

/* The paged grid (materials' cards, staff lists): count items in cells at least min_w wide and
 * cell_h high, ui_gap apart, in area; when they do not all fit, the page bar is cut off the
 * bottom first. A screen keeps the last frame's grid in its state (as microui keeps last
 * frame's sizes), so an event turns pages without laying the screen out again. */
struct chrome_grid {
	SDL_Rect cells, bar; /* where the items go; the page bar (h 0: everything fits) */
	int cols, rows, cell_h, gap;
	int per_page, pages; /* pages: at least one */
};
struct chrome_grid chrome_grid(const struct app *app, SDL_Rect area, int count, int min_w, int cell_h);
/* Where the i-th item shown on a page goes (0 <= i < per_page). */
SDL_Rect chrome_grid_cell(const struct chrome_grid *g, int i);
/* The same two steps for a screen that pages on its own: how many cells of at least min_w x h
 * fit in r (at least one each way), and where the i-th of cols a row goes, ui_gap apart. */
void chrome_fit_cells(const struct ui *ui, SDL_Rect r, int min_w, int h, int *cols, int *rows);
SDL_Rect chrome_cell(const struct ui *ui, SDL_Rect r, int cols, int h, int i);

/* How many pages count items take at per_page a page (at least one). */
int chrome_pages(int count, int per_page);
/* Turn *page by delta within pages (as last drawn; 0 before the first frame means no limit
 * known, so it stays), and bring back a page left past the end (大字 made the pages fewer).
 * True when *page changed. */
bool chrome_turn(int *page, int pages, int delta);

/* The largest text size from `from` down to TS_SMALL at which text fits one line of width
 * (TS_SMALL when none does): for a line that must not be cut on a narrow screen. */
enum text_size chrome_fit_size(struct ui *ui, const char *text, enum text_size from, bool bold,
			       int width);

/* Free the screen's state: the leave of every screen that holds nothing else. */
void chrome_free_state(struct app *app);

/* Sign a member in to a meeting and show the result (the flow every finder ends in). */
void chrome_sign_in(struct app *app, int64_t meeting_id, int64_t member_id);

/* The speaker button, cut from the right of row: sound on, muted for half an hour (a tap
 * undoes it), muted by staff or in quiet hours. */
void chrome_speaker(struct app *app, SDL_Rect *row);

#endif
