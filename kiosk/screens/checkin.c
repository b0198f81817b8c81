/* The finder: how a member finds their own name to sign in. For a branch's meeting the
 * branch's names are shown at once (签到, then the name: two taps); otherwise the member picks
 * their 支部, 党小组 or 党员中心户, then their name (three taps). Other ways: the last four digits
 * of their phone on a big keypad (matches appear with the fourth digit), or the initials of
 * their name's pinyin (张秀兰: ZXL). Names are sorted by pinyin so the eye can find them; two
 * members with the same name are told apart by branch and year of birth. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/store/db.h"
#include "core/party/meetings.h"
#include "core/party/members.h"
#include "core/text/pinyin.h"
#include "screens/screens.h"
#include "ui/ui.h"

enum mode { MODE_UNITS, MODE_NAMES, MODE_PHONE, MODE_PINYIN };

enum action {
	ACT_RAIL = 1,   /* arg: enum rail_item */
	ACT_UNIT,       /* arg: index into units */
	ACT_PERSON,     /* arg: member id */
	ACT_PREV,
	ACT_NEXT,
	ACT_KEY,        /* arg: the character */
	ACT_BACKSPACE,
	ACT_CLEAR,
};

enum rail_item {
	RAIL_OWN_BRANCH, RAIL_BRANCHES, RAIL_GROUPS, RAIL_HOUSEHOLDS, RAIL_PHONE, RAIL_PINYIN,
	RAIL_BY_NAME, /* back from a keypad to the names */
};
#define MAX_RAIL 6

static const char *const rail_labels[] = {
	[RAIL_OWN_BRANCH] = "", /* the meeting's branch by name */
	[RAIL_BRANCHES] = "按支部找",
	[RAIL_GROUPS] = "按党小组找",
	[RAIL_HOUSEHOLDS] = "按中心户找",
	[RAIL_PHONE] = "手机尾号",
	[RAIL_PINYIN] = "拼音首字母",
	[RAIL_BY_NAME] = "按名字找",
};

#define MAX_UNITS 128
#define MAX_ON 8
#define PHONE_DIGITS 4
#define MAX_LETTERS 12

struct person {
	int64_t id;
	char name[MEMBER_TEXT];
	char sub[MEMBER_TEXT]; /* what tells two same names apart; empty when not needed */
	char branch[MEMBER_TEXT];
	int birth_year;
	char initials[32];
};

struct finder {
	struct checkin_arg purpose; /* chosen NULL: signing in */
	char title[512];
	struct meeting on[MAX_ON];
	int non;
	int64_t own_branch_id; /* the branch of the meeting on now, 0 for a community meeting */
	char own_branch[MEMBER_TEXT];
	enum mode mode;
	enum rail_item rail;
	struct unit units[MAX_UNITS];
	int nunits;
	char unit_name[MEMBER_TEXT];
	struct person *people; /* the names shown, or the keypad's matches */
	int npeople, cap;
	struct person *everyone; /* for pinyin: every active member, loaded once */
	int neveryone, cap_everyone;
	int page;
	int pages; /* as last drawn, for turning pages */
	char digits[PHONE_DIGITS + 1];
	char letters[MAX_LETTERS + 1];
};

struct collect {
	struct person **list;
	int *n, *cap;
	bool failed;
};

static int collect_person(void *ctx, const struct member *m)
{
	struct collect *c = ctx;
	struct person *p;

	if (*c->n == *c->cap) {
		int cap = *c->cap ? *c->cap * 2 : 64;
		struct person *list = realloc(*c->list, (size_t)cap * sizeof *list);
		if (!list) {
			c->failed = true;
			return 1;
		}
		*c->list = list;
		*c->cap = cap;
	}
	p = &(*c->list)[(*c->n)++];
	memset(p, 0, sizeof *p);
	p->id = m->id;
	snprintf(p->name, sizeof p->name, "%s", m->f[MF_NAME]);
	snprintf(p->branch, sizeof p->branch, "%s", m->f[MF_BRANCH]);
	p->birth_year = clock_date_year(m->f[MF_BIRTH]);
	pinyin_initials(p->name, p->initials, sizeof p->initials);
	return 0;
}

static int by_pinyin(const void *a, const void *b)
{
	const struct person *x = a, *y = b;
	int c = strcmp(x->initials, y->initials);

	return c ? c : strcmp(x->name, y->name);
}

/* Sort, and give same-named members what tells them apart. */
static void prepare(struct person *list, int n, bool always_branch)
{
	int i, j;

	qsort(list, (size_t)n, sizeof *list, by_pinyin);
	for (i = 0; i < n; i++) {
		bool twin = false, other_branch = false;
		for (j = 0; j < n; j++)
			if (j != i && strcmp(list[i].name, list[j].name) == 0) {
				twin = true;
				other_branch |= strcmp(list[i].branch, list[j].branch) != 0;
			}
		list[i].sub[0] = '\0';
		if (twin && list[i].birth_year && (other_branch || always_branch))
			snprintf(list[i].sub, sizeof list[i].sub, "%s·%d年生", list[i].branch, list[i].birth_year);
		else if (twin && list[i].birth_year)
			snprintf(list[i].sub, sizeof list[i].sub, "%d年生", list[i].birth_year);
		else if (twin || always_branch)
			snprintf(list[i].sub, sizeof list[i].sub, "%s", list[i].branch);
	}
}

/* Signing in: a member expected at none of the meetings on now would sit in as a guest; say so
 * on their button ("列席", "第二党支部（列席）" among phone matches), before the tap, not only on
 * the result card. */
static void mark_guests(struct app *app)
{
	struct finder *f = app->state;
	int i, k;

	if (f->purpose.chosen)
		return;
	for (i = 0; i < f->npeople; i++) {
		struct person *p = &f->people[i];
		bool expected = false;
		size_t len;
		for (k = 0; k < f->non && !expected; k++)
			if (attendance_is_expected(app->db, f->on[k].id, p->id, &expected, app->err,
						   sizeof app->err) < 0)
				expected = true; /* cannot say: no mark rather than a wrong one */
		if (expected)
			continue;
		len = strlen(p->sub);
		snprintf(p->sub + len, sizeof p->sub - len, len ? "（列席）" : "列席");
	}
}

static int collect_unit(void *ctx, const struct unit *u)
{
	struct finder *f = ctx;

	if (f->nunits == MAX_UNITS || u->members == 0)
		return f->nunits == MAX_UNITS;
	f->units[f->nunits++] = *u;
	return 0;
}

static void show_names(struct app *app, enum member_scope scope, int64_t id, const char *name)
{
	struct finder *f = app->state;
	struct collect c = { &f->people, &f->npeople, &f->cap, false };

	f->npeople = 0;
	f->page = 0;
	f->mode = MODE_NAMES;
	snprintf(f->unit_name, sizeof f->unit_name, "%s", name);
	if (members_each_in(app->db, scope, id, collect_person, &c, app->err, sizeof app->err) < 0 ||
	    c.failed)
		app_toast(app, "读取名单失败，请找工作人员");
	prepare(f->people, f->npeople, false);
	mark_guests(app);
	app_dirty(app);
}

static void show_units(struct app *app, enum rail_item item)
{
	struct finder *f = app->state;
	static const enum member_scope scopes[] = {
		[RAIL_BRANCHES] = SCOPE_BRANCH, [RAIL_GROUPS] = SCOPE_GROUP, [RAIL_HOUSEHOLDS] = SCOPE_HOUSEHOLD,
	};

	f->mode = MODE_UNITS;
	f->rail = item;
	f->nunits = 0;
	f->page = 0;
	if (members_each_unit(app->db, scopes[item], collect_unit, f, app->err, sizeof app->err) < 0)
		app_toast(app, "读取支部名单失败，请找工作人员");
	app_dirty(app);
}

/* Find the matches for what has been typed so far. */
static void search(struct app *app)
{
	struct finder *f = app->state;
	struct collect c = { &f->people, &f->npeople, &f->cap, false };
	int i;

	f->npeople = 0;
	f->page = 0;
	if (f->mode == MODE_PHONE && strlen(f->digits) == PHONE_DIGITS) {
		if (members_each_by_phone_tail(app->db, f->digits, collect_person, &c, app->err,
					       sizeof app->err) < 0)
			app_toast(app, "查找失败，请找工作人员");
		prepare(f->people, f->npeople, true);
	} else if (f->mode == MODE_PINYIN && f->letters[0]) {
		for (i = 0; i < f->neveryone; i++)
			if (pinyin_match(f->everyone[i].name, f->letters)) {
				/* Matches are copied from the list loaded at enter. */
				if (f->npeople == f->cap) {
					int cap = f->cap ? f->cap * 2 : 64;
					struct person *list = realloc(f->people, (size_t)cap * sizeof *list);
					if (!list)
						break;
					f->people = list;
					f->cap = cap;
				}
				f->people[f->npeople++] = f->everyone[i];
			}
		prepare(f->people, f->npeople, false);
	}
	mark_guests(app);
	app_dirty(app);
}

static void choose_rail(struct app *app, enum rail_item item)
{
	struct finder *f = app->state;

	f->rail = item;
	f->page = 0;
	switch (item) {
	case RAIL_OWN_BRANCH:
		show_names(app, SCOPE_BRANCH, f->own_branch_id, f->own_branch);
		break;
	case RAIL_BRANCHES:
	case RAIL_GROUPS:
	case RAIL_HOUSEHOLDS:
		show_units(app, item);
		break;
	case RAIL_PHONE:
		f->mode = MODE_PHONE;
		f->digits[0] = '\0';
		f->npeople = 0;
		break;
	case RAIL_PINYIN:
		f->mode = MODE_PINYIN;
		f->letters[0] = '\0';
		f->npeople = 0;
		break;
	case RAIL_BY_NAME:
		choose_rail(app, f->own_branch_id ? RAIL_OWN_BRANCH : RAIL_BRANCHES);
		return;
	}
	app_dirty(app);
}

static int checkin_enter(struct app *app, const void *arg)
{
	struct finder *f = calloc(1, sizeof *f);
	struct collect c;

	if (!f)
		return -1;
	app->state = f;
	if (arg)
		f->purpose = *(const struct checkin_arg *)arg;
	f->non = meetings_current(app->db, app_now(app), f->on, MAX_ON, app->err, sizeof app->err);
	if (f->non < 0)
		f->non = 0;
	if (f->non == 0 && !f->purpose.chosen) {
		snprintf(app->err, sizeof app->err, "现在没有会议，不用签到");
		return -1;
	}
	if (f->non > MAX_ON)
		f->non = MAX_ON;
	if (f->purpose.chosen)
		snprintf(f->title, sizeof f->title, "%s", f->purpose.title);
	else
		snprintf(f->title, sizeof f->title, "签到：%s", f->on[0].title);
	c = (struct collect){ &f->everyone, &f->neveryone, &f->cap_everyone, false };
	if (members_each(app->db, false, collect_person, &c, app->err, sizeof app->err) < 0 || c.failed) {
		snprintf(app->err, sizeof app->err, "读取党员名单失败，请找工作人员");
		return -1;
	}
	/* A branch's meeting opens on that branch's names. */
	if (!f->purpose.chosen && f->on[0].branch_id) {
		f->own_branch_id = f->on[0].branch_id;
		snprintf(f->own_branch, sizeof f->own_branch, "%s", f->on[0].branch);
		choose_rail(app, RAIL_OWN_BRANCH);
	} else {
		choose_rail(app, RAIL_BRANCHES);
	}
	return 0;
}

static void checkin_leave(struct app *app)
{
	struct finder *f = app->state;

	if (f) {
		free(f->people);
		free(f->everyone);
		free(f);
	}
	app->state = NULL;
}

/* The layout, shared by drawing and by paging, so both agree on what a page holds. */
struct layout {
	SDL_Rect rail, content;
	int rail_cols, rail_rows;
};

/* The ways to search down the side: all of them beside the names; beside a keypad only the
 * way back to the names and the two keypads, so the keys and matches have the room. */
static int rail_items(const struct finder *f, enum rail_item *items)
{
	int n = 0, i;

	if (f->mode == MODE_PHONE || f->mode == MODE_PINYIN) {
		items[n++] = RAIL_BY_NAME;
		items[n++] = RAIL_PHONE;
		items[n++] = RAIL_PINYIN;
		return n;
	}
	for (i = f->own_branch_id ? RAIL_OWN_BRANCH : RAIL_BRANCHES; i <= RAIL_PINYIN; i++)
		items[n++] = (enum rail_item)i;
	return n;
}

static struct layout layout(const struct app *app)
{
	const struct finder *f = app->state;
	const struct ui *ui = app->ui;
	struct layout l;
	SDL_Rect body = rect_inset(chrome_body(app), ui_gap(ui) * 2);
	enum rail_item items[MAX_RAIL];
	int gap = ui_gap(ui), n = rail_items(f, items);

	if (ui->h > ui->w) {
		/* Portrait: the ways to search go across the top, in rows of three. */
		l.rail_cols = 3;
		l.rail_rows = (n + 2) / 3;
		l.rail = rect_cut_top(&body, l.rail_rows * (ui_target(ui) + gap));
		rect_cut_top(&body, gap);
	} else {
		/* Landscape: down the left side, in two columns when 大字 makes them too tall. */
		int fit = (body.h + gap) / (ui_target(ui) + gap);
		l.rail_cols = fit >= n ? 1 : 2;
		l.rail_rows = (n + l.rail_cols - 1) / l.rail_cols;
		l.rail = rect_cut_left(&body, ui->short_side * 27 / 100 * l.rail_cols);
		rect_cut_left(&body, gap * 2);
	}
	l.content = body;
	return l;
}

/* The smallest width of a name's button: a four-character name at body size, with padding;
 * wider when a second line (支部·出生年) goes under the name. */
static int cell_width(const struct ui *ui, const struct finder *f, bool two_lines)
{
	int w = ui->short_side * (ui->large ? 25 : 19) / 100, i, widest = 0;

	if (!two_lines)
		return w;
	w = ui->short_side * (ui->large ? 38 : 30) / 100;
	/* The second line tells two 王建国 apart: never cut it ("第一党支部·1942年生"). */
	for (i = 0; f->mode != MODE_UNITS && i < f->npeople; i++) {
		int tw = ui_text_width((struct ui *)ui, f->people[i].sub, ui_text_px(ui, TS_SMALL), false);
		if (tw > widest)
			widest = tw;
	}
	widest += 2 * ui_gap(ui) + 4;
	return widest > w ? widest : w;
}

/* A button with a second line (branch, year of birth) needs room for both. */
static int cell_height(const struct ui *ui, bool two_lines)
{
	return two_lines ? ui_target(ui) * 3 / 2 : ui_target(ui);
}

/* Where the names (or units) go, and how many fit on a page: all of them when they fit without
 * the page buttons, else as many as fit beside them. */
static SDL_Rect list_area(const struct app *app, SDL_Rect content, int count, bool two_lines,
			  int *per_page, int *cols, int *cell_h)
{
	const struct ui *ui = app->ui;
	int title_h = ui_line_height((struct ui *)ui, ui_text_px(ui, TS_LARGE)) + ui_gap(ui);
	int rows;

	rect_cut_top(&content, title_h);
	*cell_h = cell_height(ui, two_lines);
	chrome_fit_cells(ui, content, cell_width(ui, app->state, two_lines), *cell_h, cols, &rows);
	*per_page = *cols * rows;
	if (count > *per_page) {
		rect_cut_bottom(&content, ui_target(ui) + ui_gap(ui));
		chrome_fit_cells(ui, content, cell_width(ui, app->state, two_lines), *cell_h, cols, &rows);
		*per_page = *cols * rows;
	}
	return content;
}

/* Does any shown person need a second line? */
static bool any_sub(const struct finder *f)
{
	int i;

	if (f->mode == MODE_UNITS)
		return true;
	for (i = 0; i < f->npeople; i++)
		if (f->people[i].sub[0])
			return true;
	return false;
}

static void checkin_event(struct app *app, const struct input *in)
{
	struct finder *f = app->state;
	size_t len;

	if (in->type == IN_TEXT || in->type == IN_KEY) {
		char ch = in->type == IN_TEXT ? in->text[0] : 0;
		if (in->type == IN_KEY && in->key == SDLK_BACKSPACE)
			ch = '\b';
		else if (in->type == IN_KEY)
			return;
		/* A physical keyboard or the replay's `type`: digits mean the phone, letters pinyin. */
		if (ch >= '0' && ch <= '9' && f->mode != MODE_PHONE)
			choose_rail(app, RAIL_PHONE);
		if (((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z')) && f->mode != MODE_PINYIN)
			choose_rail(app, RAIL_PINYIN);
		struct input tap = { .type = IN_TAP, .action = ch == '\b' ? ACT_BACKSPACE : ACT_KEY, .arg = ch };
		if (ch)
			checkin_event(app, &tap);
		return;
	}
	if (in->type == IN_SWIPE) {
		/* A swipe turns the page, as on a phone. */
		struct input tap = { .type = IN_TAP, .action = in->dx < 0 ? ACT_NEXT : ACT_PREV };
		if (abs(in->dx) > abs(in->dy))
			checkin_event(app, &tap);
		return;
	}
	if (in->type != IN_TAP)
		return;
	switch (in->action) {
	case ACT_RAIL:
		choose_rail(app, (enum rail_item)in->arg);
		break;
	case ACT_UNIT:
		if (in->arg >= 0 && in->arg < f->nunits) {
			static const enum member_scope scopes[] = {
				[RAIL_BRANCHES] = SCOPE_BRANCH, [RAIL_GROUPS] = SCOPE_GROUP,
				[RAIL_HOUSEHOLDS] = SCOPE_HOUSEHOLD,
			};
			show_names(app, scopes[f->rail], f->units[in->arg].id, f->units[in->arg].name);
		}
		break;
	case ACT_PERSON:
		if (f->purpose.chosen) {
			/* A local copy: chosen() usually leaves this screen, which frees f. */
			struct checkin_arg purpose = f->purpose;
			purpose.chosen(app, in->arg, purpose.data);
		} else
			chrome_sign_in(app, f->on[0].id, in->arg);
		break;
	case ACT_PREV:
	case ACT_NEXT:
		chrome_turn(&f->page, f->pages, in->action == ACT_NEXT ? 1 : -1);
		app_dirty(app);
		break;
	case ACT_KEY:
		if (f->mode == MODE_PHONE && in->arg >= '0' && in->arg <= '9' &&
		    (len = strlen(f->digits)) < PHONE_DIGITS) {
			f->digits[len] = (char)in->arg;
			f->digits[len + 1] = '\0';
			search(app);
		} else if (f->mode == MODE_PINYIN && (len = strlen(f->letters)) < MAX_LETTERS) {
			char c = (char)in->arg;
			if (c >= 'a' && c <= 'z')
				c = (char)(c - 'a' + 'A');
			if (c >= 'A' && c <= 'Z') {
				f->letters[len] = c;
				f->letters[len + 1] = '\0';
				search(app);
			}
		}
		break;
	case ACT_BACKSPACE: {
		char *s = f->mode == MODE_PHONE ? f->digits : f->letters;
		if ((len = strlen(s)) > 0)
			s[len - 1] = '\0';
		search(app);
		break;
	}
	case ACT_CLEAR:
		f->digits[0] = f->letters[0] = '\0';
		search(app);
		break;
	}
}

static void draw_rail(struct app *app, const struct layout *l)
{
	struct finder *f = app->state;
	struct ui *ui = app->ui;
	enum rail_item items[MAX_RAIL];
	int i, n = rail_items(f, items), h = ui_target(ui);

	for (i = 0; i < n; i++) {
		SDL_Rect r = chrome_cell(ui, l->rail, l->rail_cols, h, i);
		const char *label = items[i] == RAIL_OWN_BRANCH ? f->own_branch : rail_labels[items[i]];
		ui_button(ui, r, label, NULL, f->rail == items[i] ? BTN_SELECTED : BTN_NORMAL, ACT_RAIL,
			  items[i]);
	}
}

static void draw_title(struct app *app, SDL_Rect *content, const char *text)
{
	struct ui *ui = app->ui;
	int h = ui_line_height(ui, ui_text_px(ui, TS_LARGE)) + ui_gap(ui);

	ui_label(ui, rect_cut_top(content, h), text, TS_LARGE, UI_BOLD);
}

/* A long list is findable by the pinyin letter of the surname: the first name under each
 * letter carries the letter on a red tab at its top left corner, in the gap above the name
 * (a heading that costs no place in the grid). */
#define LETTER_TABS_FROM 13

static void letter_tab(struct ui *ui, SDL_Rect button, char letter)
{
	int px = ui_text_px(ui, TS_SMALL), lh = ui_line_height(ui, px);
	char text[2] = { letter, '\0' };
	SDL_Rect tab = { button.x - ui_gap(ui) / 2, button.y - lh / 2,
			 ui_text_width(ui, text, px, true) + ui_gap(ui) * 2, lh };

	ui_fill_round(ui, tab, ui_gap(ui) / 2, C_RED);
	ui_label_px(ui, tab, text, px, true, C_ON_RED, ALIGN_CENTER);
	ui->widgets[ui->nwidgets - 1].overlay = true; /* drawn over the button's corner */
}

/* A page of people as buttons; returns nothing, taps come back as ACT_PERSON. */
static void draw_people(struct app *app, SDL_Rect area, int cols, int cell_h, int first, int count)
{
	struct finder *f = app->state;
	bool tabs = f->mode == MODE_NAMES && f->npeople >= LETTER_TABS_FROM;
	int i;

	for (i = 0; i < count && first + i < f->npeople; i++) {
		const struct person *p = &f->people[first + i];
		SDL_Rect r = chrome_cell(app->ui, area, cols, cell_h, i);
		ui_button(app->ui, r, p->name, p->sub, BTN_NORMAL, ACT_PERSON, p->id);
		if (tabs && (i == 0 || p->initials[0] != f->people[first + i - 1].initials[0]))
			letter_tab(app->ui, r, p->initials[0]);
	}
}

static void draw_list(struct app *app, SDL_Rect content)
{
	struct finder *f = app->state;
	struct ui *ui = app->ui;
	int per_page, cols, cell_h, i, count = f->mode == MODE_UNITS ? f->nunits : f->npeople;
	SDL_Rect area = list_area(app, content, count, any_sub(f), &per_page, &cols, &cell_h);
	char title[512];
	static const char *const unit_titles[] = {
		[RAIL_BRANCHES] = "请点您所在的党支部", [RAIL_GROUPS] = "请点您所在的党小组",
		[RAIL_HOUSEHOLDS] = "请点您所在的党员中心户",
	};

	int page;

	f->pages = chrome_pages(count, per_page);
	page = f->page < f->pages ? f->page : f->pages - 1;

	if (f->mode == MODE_UNITS) {
		draw_title(app, &content, unit_titles[f->rail]);
		for (i = 0; i < per_page && page * per_page + i < f->nunits; i++) {
			const struct unit *u = &f->units[page * per_page + i];
			char sub[MEMBER_TEXT + 32];
			if (f->rail == RAIL_GROUPS)
				snprintf(sub, sizeof sub, "%s", u->parent);
			else
				snprintf(sub, sizeof sub, "%d 人", u->members);
			ui_button(ui, chrome_cell(ui, area, cols, cell_h, i), u->name, sub, BTN_NORMAL, ACT_UNIT,
				  page * per_page + i);
		}
	} else {
		snprintf(title, sizeof title, "%s：请点您的名字", f->unit_name);
		draw_title(app, &content, title);
		draw_people(app, area, cols, cell_h, page * per_page, per_page);
	}
	chrome_pager(app, rect_cut_bottom(&content, ui_target(app->ui)), page, f->pages, ACT_PREV,
		     ACT_NEXT);
}

/* The phone and pinyin keypads: the keys left of what was typed and the matches (landscape), or
 * right under them (portrait), full size either way; matches that do not fit are paged. */
static void draw_keypad(struct app *app, SDL_Rect content)
{
	struct finder *f = app->state;
	struct ui *ui = app->ui;
	bool phone = f->mode == MODE_PHONE, portrait = ui->h > ui->w;
	static const char phone_keys[] = "123456789";
	int gap = ui_gap(ui), cols = phone ? 3 : 7, rows = 4, key_h = ui_target(ui);
	int n = phone ? 12 : 28, i, per_page, rcols, rrows, cell_h = cell_height(ui, phone || any_sub(f));
	int typed_px, npages, page, pager_h = ui_target(ui) + gap;
	SDL_Rect keys = { 0 }, side, shown;
	char typed[64], hint[256];

	if (!phone && ui_text_width(ui, "清除", ui_text_px(ui, TS_SMALL), true) + 2 * gap >
			      (content.w - gap * 6) / 7) {
		/* 大字 on a narrow screen: six keys a row, so 清除 is never cut. */
		cols = 6;
		rows = 5;
	}
	if (phone) {
		size_t len = strlen(f->digits), j;
		snprintf(typed, sizeof typed, "手机尾号：");
		for (j = 0; j < PHONE_DIGITS; j++) {
			char d[4] = { j < len ? f->digits[j] : '_', ' ', 0 };
			strcat(typed, d);
		}
	} else {
		snprintf(typed, sizeof typed, "拼音首字母：%s", f->letters[0] ? f->letters : "_");
	}
	if (phone && !portrait) {
		keys = rect_cut_left(&content, content.w * 42 / 100);
		rect_cut_left(&content, gap * 3);
		/* Tall keys: the keypad fills its side of the screen. */
		key_h = (keys.h - gap * (rows - 1)) / rows;
		if (key_h > ui_target(ui) * 2)
			key_h = ui_target(ui) * 2;
	} else if (portrait) {
		/* Portrait: the keys go right under the matches (two rows of them and the page
		 * bar), as tall as in landscape when there is room. */
		int across = (content.w + gap) / (cell_width(ui, f, phone || any_sub(f)) + gap);
		int head = ui_line_height(ui, ui_text_px(ui, TS_TITLE)) + gap +
			   ui_line_height(ui, ui_text_px(ui, TS_BODY)) * 2 + gap + gap * 2;
		/* 大字 with matches to show: a one-line hint (below), so the keys keep their size
		 * with a page bar under the matches. */
		if (ui->large && f->npeople > 0)
			head -= ui_line_height(ui, ui_text_px(ui, TS_BODY)) + gap;
		int above = head + 2 * (cell_h + gap) + (f->npeople > 2 * across ? pager_h : 0);
		/* Keys at least one and a half targets tall: one row of matches a page if need be. */
		if ((content.h - above) / rows - gap < ui_target(ui) * 3 / 2)
			above = head + cell_h + gap + (f->npeople > across ? pager_h : 0);
		key_h = phone ? ui_target(ui) * 2 : ui_target(ui) * 3 / 2;
		if ((content.h - above) / rows - gap < key_h)
			key_h = (content.h - above) / rows - gap;
		keys = rect_cut_bottom(&content, content.h - above);
		keys.y += gap * 2;
	} else {
		keys = rect_cut_bottom(&content, rows * (key_h + gap));
		rect_cut_bottom(&content, gap * 2);
	}
	for (i = 0; i < n; i++) {
		SDL_Rect r = chrome_cell(ui, keys, cols, key_h, i);
		char label[8];
		if (phone) {
			if (i < 9)
				snprintf(label, sizeof label, "%c", phone_keys[i]);
			else if (i == 10)
				snprintf(label, sizeof label, "0");
			if (i == 9)
				ui_button(ui, r, "清除", NULL, BTN_NORMAL, ACT_CLEAR, 0);
			else if (i == 11) /* on one line, or 删 alone (大字 on a short screen) */
				ui_button(ui, r, ui_text_width(ui, "删一个", ui_text_px(ui, TS_SMALL), true) <=
						 r.w - 2 * gap ? "删一个" : "删", NULL, BTN_NORMAL,
					  ACT_BACKSPACE, 0);
			else
				ui_button(ui, r, label, NULL, BTN_NORMAL, ACT_KEY, label[0]);
		} else if (i < 26) {
			snprintf(label, sizeof label, "%c", 'A' + i);
			ui_button(ui, r, label, NULL, BTN_NORMAL, ACT_KEY, 'A' + i);
		} else {
			/* 大字 on a short screen leaves a letter's key too narrow for 删一个. */
			bool fits = ui_text_width(ui, "删一个", ui_text_px(ui, TS_SMALL), true) <=
				    r.w - 2 * gap;
			ui_button(ui, r, i == 26 ? (fits ? "删一个" : "删") : "清除", NULL, BTN_NORMAL,
				  i == 26 ? ACT_BACKSPACE : ACT_CLEAR, 0);
		}
	}
	side = content;
	hint[0] = '\0';
	if (phone && strlen(f->digits) < PHONE_DIGITS)
		snprintf(hint, sizeof hint, "请输入您手机号码的最后 4 位。没有登记手机的，请按支部找名字。");
	else if (phone && f->npeople == 0)
		snprintf(hint, sizeof hint, "没有找到手机尾号是 %s 的党员。请按“清除”重新输入，或按支部找名字。",
			 f->digits);
	else if (!phone && !f->letters[0])
		snprintf(hint, sizeof hint, "请按名字每个字拼音的第一个字母，例如 张秀兰 按 Z X L");
	else if (!phone && f->npeople == 0)
		snprintf(hint, sizeof hint, "没有找到，请按“删一个”改一改");
	else if (f->npeople > 1)
		snprintf(hint, sizeof hint, phone || (ui->large && portrait) ? "找到 %d 位，请点您的名字" :
			 "找到 %d 位，请点您的名字，或再按一个字母", f->npeople);
	else
		snprintf(hint, sizeof hint, "请点您的名字");
	/* What was typed, as large as fits on one line; on a short screen in 大字, beside one row
	 * of matches, without the hint once something was typed. */
	typed_px = ui_text_px(ui, TS_TITLE);
	if (ui_text_width(ui, typed, typed_px, true) > side.w)
		typed_px = ui_text_px(ui, TS_LARGE);
	if (side.h >= ui_line_height(ui, typed_px) + ui_text_height(ui, hint, TS_BODY, false, side.w) +
			     gap * 2 + cell_h) {
		rect_cut_top(&side, ui_label_px(ui, side, typed, typed_px, true, C_TEXT, ALIGN_LEFT) + gap);
		rect_cut_top(&side, ui_label(ui, side, hint, TS_BODY, UI_MUTED) + gap);
	} else {
		/* Only what was typed ("WJG", "6 6 8 8"): the rail beside says which keypad it is,
		 * and the matches keep the room (both 王建国 side by side). */
		int px = ui_text_px(ui, TS_LARGE);
		char *colon = strstr(typed, "：");
		SDL_Rect left;
		if (colon)
			memmove(typed, colon + strlen("："), strlen(colon + strlen("：")) + 1);
		left = rect_cut_left(&side, ui_text_width(ui, typed, px, true) + gap);
		left.y += (cell_h - ui_line_height(ui, px)) / 2;
		ui_label_px(ui, left, typed, px, true, C_TEXT, ALIGN_LEFT);
		/* The hint where there are no matches to show: what to type, or that nothing was
		 * found and what to do then. */
		if (f->npeople == 0)
			rect_cut_top(&side, ui_label(ui, side, hint, TS_BODY, UI_MUTED) + gap);
	}
	/* As many matches as fit; the rest on further pages. */
	shown = side;
	rcols = (shown.w + gap) / (cell_width(ui, f, phone || any_sub(f)) + gap);
	rrows = (shown.h + gap) / (cell_h + gap);
	if (rcols < 1)
		rcols = 1;
	if (rrows < 1)
		rrows = 1;
	if (f->npeople > rcols * rrows) {
		SDL_Rect bar = rect_cut_bottom(&shown, pager_h);
		rrows = (shown.h + gap) / (cell_h + gap);
		if (rrows < 1)
			rrows = 1;
		per_page = rcols * rrows;
		npages = chrome_pages(f->npeople, per_page);
		page = f->page < npages ? f->page : npages - 1;
		bar.h -= gap;
		chrome_pager(app, bar, page, npages, ACT_PREV, ACT_NEXT);
	} else {
		per_page = rcols * rrows;
		page = 0;
		npages = 1;
	}
	f->pages = npages; /* the matches beside the keypad, as last drawn */
	draw_people(app, shown, rcols, cell_h, page * per_page, per_page);
}

static void checkin_draw(struct app *app)
{
	struct finder *f = app->state;
	struct layout l;

	chrome_header(app, f->title, true, 0);
	l = layout(app);
	draw_rail(app, &l);
	if (f->mode == MODE_UNITS || f->mode == MODE_NAMES)
		draw_list(app, l.content);
	else
		draw_keypad(app, l.content);
}

const struct screen checkin_screen = {
	.name = "checkin",
	.enter = checkin_enter,
	.leave = checkin_leave,
	.event = checkin_event,
	.draw = checkin_draw,
};
