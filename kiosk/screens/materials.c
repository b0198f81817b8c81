/* 学习资料: the study materials staff posted, as cards with a picture of the first page, the title
 * and the date, pinned ones first and then the newest; tabs by category (only those that have
 * something), pages of cards turned with buttons or a swipe. A card opens the reader. Materials
 * whose show-until date has passed are not shown. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/store/db.h"
#include "core/materials/materials.h"
#include "screens/screens.h"
#include "ui/font.h"
#include "ui/picture.h"
#include "ui/ui.h"

#define MAX_ITEMS 300
#define TAB_ALL (-1)

enum { ACT_TAB = 1, ACT_OPEN, ACT_PREV, ACT_NEXT };

struct item {
	struct material m;
	struct picture thumb; /* empty for text */
};

struct shelf {
	struct item *items;
	int n;
	int tabs[CAT_COUNT + 1]; /* TAB_ALL, then the categories that have materials */
	int ntabs;
	int tab;                 /* index into tabs */
	int page;
	struct chrome_grid grid; /* the cards as last drawn, for turning pages */
};

/* The card's geometry, shared by drawing and paging. */
struct layout {
	SDL_Rect tabs;
	int tab_cols; /* the category tabs, in one row or, when narrow, two */
	struct chrome_grid cards;
};

static int collect(void *ctx, const struct material *m)
{
	struct shelf *s = ctx;

	if (s->n == MAX_ITEMS)
		return 1;
	s->items[s->n++].m = *m;
	return 0;
}

/* A thumbnail as small as its card needs: a page of materials costs kilobytes, not megabytes. */
static void load_thumb(struct app *app, struct item *it)
{
	char path[1200];
	SDL_Surface *s, *small;
	int h = app->ui->short_side / 4, w;

	if (material_kind_is_text(it->m.kind))
		return;
	materials_thumb_path(app->db, &it->m, path, sizeof path);
	s = picture_surface_load(path);
	if (!s)
		return;
	w = s->w * h / (s->h > 0 ? s->h : 1);
	if (h < s->h && w > 0) {
		SDL_Surface *rgb = SDL_ConvertSurfaceFormat(s, SDL_PIXELFORMAT_ARGB8888, 0);
		small = SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_ARGB8888);
		if (rgb && small && SDL_SoftStretchLinear(rgb, NULL, small, NULL) == 0)
			picture_from_surface(app->ui, small, &it->thumb);
		SDL_FreeSurface(rgb);
		SDL_FreeSurface(small);
	}
	if (!it->thumb.tex)
		picture_from_surface(app->ui, s, &it->thumb);
	SDL_FreeSurface(s);
}

static int materials_enter(struct app *app, const void *arg)
{
	const struct materials_arg *back = arg;
	struct shelf *s = calloc(1, sizeof *s);
	bool has[CAT_COUNT] = { false };
	int i;

	if (!s || !(s->items = calloc(MAX_ITEMS, sizeof *s->items))) {
		free(s);
		return -1;
	}
	app->state = s;
	if (materials_each(app->db, false, app_now(app), collect, s, app->err, sizeof app->err) < 0) {
		snprintf(app->err, sizeof app->err, "读取学习资料失败，请找工作人员");
		return -1;
	}
	for (i = 0; i < s->n; i++) {
		has[s->items[i].m.category] = true;
		load_thumb(app, &s->items[i]);
	}
	s->tabs[s->ntabs++] = TAB_ALL;
	for (i = 0; i < CAT_COUNT; i++)
		if (has[i])
			s->tabs[s->ntabs++] = i;
	if (back && back->tab >= 0 && back->tab < s->ntabs) {
		s->tab = back->tab;
		s->page = back->page;
	}
	return 0;
}

static void materials_leave(struct app *app)
{
	struct shelf *s = app->state;
	int i;

	if (s) {
		for (i = 0; s->items && i < s->n; i++)
			picture_free(&s->items[i].thumb);
		free(s->items);
		free(s);
	}
	app->state = NULL;
}

static bool in_tab(const struct shelf *s, const struct item *it)
{
	return s->tabs[s->tab] == TAB_ALL || s->tabs[s->tab] == (int)it->m.category;
}

static int count_in_tab(const struct shelf *s)
{
	int i, n = 0;

	for (i = 0; i < s->n; i++)
		n += in_tab(s, &s->items[i]);
	return n;
}

/* A card's least height: a thumbnail and two lines of title over the date. */
static int card_base_height(struct ui *ui)
{
	int pad = ui_gap(ui);
	int text = 2 * ui_line_height(ui, ui_text_px(ui, TS_BODY)) +
		   ui_line_height(ui, ui_text_px(ui, TS_SMALL)) + pad;

	return text + 2 * pad > ui_target(ui) * 2 ? text + 2 * pad : ui_target(ui) * 2;
}

/* The thumbnail's width and the text's beside it, in a card w wide. */
static int card_text_width(struct ui *ui, int w)
{
	int pad = ui_gap(ui), thumb = (card_base_height(ui) - 2 * pad) * 3 / 4;

	return w - 2 * pad - thumb - pad * 3 / 2;
}

static void meta_line(const struct material *m, char *out, size_t size);

/* As tall as the longest title in the tab needs, wrapped whole (a title is never cut), over its
 * date: every card the same height, so the rows stay even. */
static int card_height(struct ui *ui, const struct shelf *s, int card_w)
{
	int pad = ui_gap(ui), h = card_base_height(ui), text_w = card_text_width(ui, card_w), i;
	char meta[128];

	for (i = 0; i < s->n && text_w > 0; i++) {
		const struct material *m = &s->items[i].m;
		int need;
		if (s->tabs[s->tab] != TAB_ALL && s->tabs[s->tab] != (int)m->category)
			continue;
		meta_line(m, meta, sizeof meta);
		need = ui_text_height(ui, m->title, TS_BODY, true, text_w) + pad / 2 +
		       ui_text_height(ui, meta, TS_SMALL, false, text_w) + 2 * pad;
		if (need > h)
			h = need;
	}
	return h;
}

static struct layout layout(struct app *app, int count)
{
	struct shelf *s = app->state;
	struct ui *ui = app->ui;
	int gap = ui_gap(ui), min_w = ui->short_side * (ui->large ? 62 : 46) / 100;
	SDL_Rect body = rect_inset(chrome_body(app), gap * 2);
	/* A tab must hold a four-character category (理论学习) at body size. */
	int tab_w = ui_text_width(ui, "理论学习", ui_text_px(ui, TS_BODY), true) + gap * 3;
	struct layout l;
	struct chrome_grid g;

	l.tab_cols = (body.w + gap) / (tab_w + gap);
	if (l.tab_cols >= s->ntabs || l.tab_cols < 1)
		l.tab_cols = s->ntabs;
	else
		l.tab_cols = (s->ntabs + 1) / 2;
	l.tabs = rect_cut_top(&body, l.tab_cols < s->ntabs ? ui_target(ui) * 2 + gap : ui_target(ui));
	rect_cut_top(&body, gap);
	/* The columns first (they do not depend on the height), then the height the titles need. */
	g = chrome_grid(app, body, count, min_w, card_base_height(ui));
	l.cards = chrome_grid(app, body, count, min_w,
			      card_height(ui, s, (body.w - gap * (g.cols - 1)) / g.cols));
	return l;
}

static void materials_event(struct app *app, const struct input *in)
{
	struct shelf *s = app->state;

	chrome_turn(&s->page, s->grid.pages, 0); /* 大字 made the pages fewer */
	if (in->type == IN_SWIPE && abs(in->dx) > abs(in->dy)) {
		struct input tap = { .type = IN_TAP, .action = in->dx < 0 ? ACT_NEXT : ACT_PREV };
		materials_event(app, &tap);
		return;
	}
	if (in->type != IN_TAP)
		return;
	switch (in->action) {
	case ACT_TAB:
		if (in->arg >= 0 && in->arg < s->ntabs) {
			s->tab = (int)in->arg;
			s->page = 0;
		}
		break;
	case ACT_PREV:
	case ACT_NEXT:
		chrome_turn(&s->page, s->grid.pages, in->action == ACT_NEXT ? 1 : -1);
		break;
	case ACT_OPEN:
		if (in->arg >= 0 && in->arg < s->n) {
			struct reader_arg r = { s->items[in->arg].m.id, { s->tab, s->page } };
			app_go(app, &reader_screen, &r);
			return;
		}
		break;
	}
	app_dirty(app);
}

/* "11月20日 · 共12页": how long a document is, in words (its first page is beside it). */
static void meta_line(const struct material *m, char *out, size_t size)
{
	struct tm tm;

	localtime_r(&m->imported_at, &tm);
	if (m->kind == MAT_PDF)
		snprintf(out, size, "%d月%d日 · 共%d页", tm.tm_mon + 1, tm.tm_mday, m->pages);
	else
		snprintf(out, size, "%d月%d日 · %s", tm.tm_mon + 1, tm.tm_mday, material_kind_label(m->kind));
}

static void draw_card(struct app *app, SDL_Rect r, const struct item *it, int index)
{
	struct ui *ui = app->ui;
	int pad = ui_gap(ui), radius = ui->short_side / 80;
	int title_px = ui_text_px(ui, TS_BODY), small_px = ui_text_px(ui, TS_SMALL);
	bool pressed = ui->pressed >= 0 && ui->pressed == ui->nwidgets;
	SDL_Rect in = rect_inset(r, pad), thumb, text;
	char meta[128], label[UI_LABEL];
	int lh_small = ui_line_height(ui, small_px);

	ui_fill_round(ui, r, radius, pressed ? C_RED : it->m.pinned ? C_RED : C_BORDER);
	ui_fill_round(ui, rect_inset(r, it->m.pinned ? 3 : 2), radius, pressed ? C_SELECTED : C_CARD);
	thumb = rect_cut_left(&in, card_text_width(ui, r.w) > 0 ? in.w - card_text_width(ui, r.w) - pad * 3 / 2
							      : in.w / 3);
	thumb.h = (card_base_height(ui) - 2 * pad);
	rect_cut_left(&in, pad * 3 / 2);
	ui_fill(ui, thumb, C_BORDER);
	if (it->thumb.tex) {
		ui_fill(ui, rect_inset(thumb, 1), C_CARD);
		picture_fit(ui, &it->thumb, rect_inset(thumb, 1));
	} else {
		/* Text has no first page to show until it is laid out: a sheet with 文 on it. */
		int px = thumb.w * 55 / 100;
		ui_fill(ui, rect_inset(thumb, 1), C_BG);
		ui_text_rgb(ui, (SDL_Rect){ thumb.x, thumb.y + (thumb.h - ui_line_height(ui, px)) / 2,
					    thumb.w, ui_line_height(ui, px) },
			    "文", px, true, ui_color(ui, C_RED), ALIGN_CENTER);
	}
	text = in;
	meta_line(&it->m, meta, sizeof meta);
	/* The whole title, on as many lines as it takes (the card is as tall as the longest). */
	ui_text_rgb(ui, text, it->m.title, title_px, true, ui_color(ui, C_TEXT), ALIGN_LEFT);
	{
		int mh = ui_text_height(ui, meta, TS_SMALL, false, text.w);
		ui_text_rgb(ui, (SDL_Rect){ text.x, text.y + text.h - mh, text.w, mh }, meta, small_px,
			    false, ui_color(ui, C_MUTED), ALIGN_LEFT);
	}
	if (it->m.pinned) {
		/* 置顶 across the foot of the thumbnail, leaving the text its width. */
		SDL_Rect badge = { thumb.x, thumb.y + thumb.h - lh_small, thumb.w, lh_small };
		ui_fill(ui, badge, C_RED);
		ui_text_rgb(ui, badge, "置顶", small_px, true, ui_color(ui, C_ON_RED), ALIGN_CENTER);
	}
	snprintf(label, sizeof label, "%s%s %s", it->m.pinned ? "置顶 " : "", it->m.title, meta);
	ui_widget(ui, r, ROLE_BUTTON, label, ACT_OPEN, index);
}

static void materials_draw(struct app *app)
{
	struct shelf *s = app->state;
	struct ui *ui = app->ui;
	int count = count_in_tab(s), gap = ui_gap(ui), i, shown = 0, skip, per, page, pages;
	struct layout l;
	SDL_Rect tabs;

	chrome_header(app, "学习资料", true, 0);
	l = layout(app, count);
	s->grid = l.cards;
	tabs = l.tabs;
	for (i = 0; i < s->ntabs; i++) {
		int col = i % l.tab_cols, row = i / l.tab_cols;
		int w = (tabs.w - gap * (l.tab_cols - 1)) / l.tab_cols;
		SDL_Rect t = { tabs.x + col * (w + gap), tabs.y + row * (ui_target(ui) + gap), w,
			       ui_target(ui) };
		const char *name = s->tabs[i] == TAB_ALL ? "全部" :
				   material_category_name((enum material_category)s->tabs[i]);
		ui_button(ui, t, name, NULL, i == s->tab ? BTN_SELECTED : BTN_NORMAL, ACT_TAB, i);
	}
	if (count == 0) {
		ui_label(ui, l.cards.cells,
			 s->n == 0 ? "还没有学习资料。工作人员可以在管理模式里从 U 盘导入。"
						 : "这一类还没有学习资料",
			 TS_LARGE, UI_MUTED);
		return;
	}
	per = l.cards.per_page;
	pages = l.cards.pages;
	page = s->page < pages ? s->page : pages - 1;
	skip = page * per;
	for (i = 0; i < s->n && shown < per; i++) {
		SDL_Rect r;

		if (!in_tab(s, &s->items[i]) || skip-- > 0)
			continue;
		r = chrome_grid_cell(&l.cards, shown);
		draw_card(app, r, &s->items[i], i);
		shown++;
	}
	chrome_pager(app, l.cards.bar, page, pages, ACT_PREV, ACT_NEXT);
}

const struct screen materials_screen = {
	.name = "materials",
	.enter = materials_enter,
	.leave = materials_leave,
	.event = materials_event,
	.draw = materials_draw,
};
