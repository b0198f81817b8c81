/* The home screen's card for the meeting on now: its kind, title, time and place, the live
 * 应到/实到/请假, for a meeting that votes whether the quorum is met, and the large 签到 button,
 * in the richest of three densities that fits. */
#include <stdio.h>
#include <string.h>

#include "core/party/quorum.h"
#include "screens/home_private.h"
#include "screens/screens.h"

/* A figure with its caption under it: "35" over "应到". */
static void figure(struct ui *ui, SDL_Rect r, const char *caption, int value, enum color c)
{
	char num[16];
	int px = ui_text_px(ui, TS_TITLE), lh = ui_line_height(ui, px);

	snprintf(num, sizeof num, "%d", value);
	ui_label_px(ui, (SDL_Rect){ r.x, r.y, r.w, lh }, num, px, true, c, ALIGN_CENTER);
	ui_label(ui, (SDL_Rect){ r.x, r.y + lh, r.w, r.h - lh }, caption, TS_BODY,
		 UI_CENTER | UI_MUTED);
}

static int figures_height(struct ui *ui)
{
	return ui_line_height(ui, ui_text_px(ui, TS_TITLE)) + ui_line_height(ui, ui_text_px(ui, TS_BODY));
}

/* The quorum in two sentences, neither of which can look like a contradiction of 实到 ("实到
 * 6" beside "已到 5 人"): what is needed and whether it is there ("表决需正式党员 16 人，还差
 * 11 人"), and who came, with those who cannot vote and why ("已到正式党员 5 人，预备党员 1 人
 * 不能表决"). */
static void quorum_text(const struct meeting_counts *c, char *head, size_t hsize, char *detail,
			size_t dsize)
{
	const struct quorum *q = &c->quorum;
	const char *mode = quorum_mode_name(q->mode);

	if (q->met)
		snprintf(head, hsize, "%s需正式党员 %d 人，可以%s", mode, q->needed, mode);
	else
		snprintf(head, hsize, "%s需正式党员 %d 人，还差 %d 人", mode, q->needed,
			 q->needed - q->voters_present);
	if (c->present_probationary > 0)
		snprintf(detail, dsize, "已到正式党员 %d 人，预备党员 %d 人不能%s", q->voters_present,
			 c->present_probationary, mode);
	else
		snprintf(detail, dsize, "已到正式党员 %d 人", q->voters_present);
}

/* The quorum panel's height at width: both sentences wrapped, nothing cut. */
static int quorum_height(struct ui *ui, int width, const struct meeting_counts *c, bool brief)
{
	char head[256], detail[256];
	int pad = ui_gap(ui), w = width - 4 * pad;

	quorum_text(c, head, sizeof head, detail, sizeof detail);
	return ui_text_height(ui, head, TS_BODY, true, w) +
	       (brief ? 0 : ui_text_height(ui, detail, TS_BODY, false, w)) + pad * 2;
}

/* The quorum panel: green when the meeting may vote, amber when not yet; brief: only the
 * first sentence, which says nothing 实到 could seem to contradict. */
static void quorum_panel(struct ui *ui, SDL_Rect r, const struct meeting_counts *c, bool brief)
{
	char head[256], detail[256];
	int pad = ui_gap(ui);
	const struct quorum *q = &c->quorum;
	enum color fg = q->met ? C_ON_GREEN : C_ON_AMBER;
	SDL_Rect in;

	quorum_text(c, head, sizeof head, detail, sizeof detail);
	r.h = quorum_height(ui, r.w, c, brief);
	ui_fill_round(ui, r, pad, q->met ? C_GREEN : C_AMBER);
	in = rect_inset(r, pad);
	in.x += pad;
	in.w -= 2 * pad;
	rect_cut_top(&in, ui_label_ex(ui, in, head, TS_BODY, fg, UI_BOLD));
	if (!brief)
		ui_label_ex(ui, in, detail, TS_BODY, fg, 0);
}

/* The card for the meeting on now comes in three densities; the richest that fits is drawn
 * (大字 on a 10" screen needs the most compact). */
enum density { ROOMY, COMPACT, TIGHT, DENSITIES };

struct card_plan {
	enum density d;
	enum text_size title_size;
	int title_px;
	bool brief; /* the quorum in one sentence (大字 beside the QR code) */
	int kind_h, title_h, time_h, figures_h, others_h, quorum_h, button_h;
};

static int card_height(const struct card_plan *p, int pad)
{
	return p->kind_h + p->title_h + p->time_h + pad + p->figures_h + p->others_h +
	       (p->quorum_h ? p->quorum_h + pad : 0) + pad + p->button_h;
}

/* "09:05-11:05  活动室" (or, wrapped, every word of it: time and place are never dropped). */
static void time_place(const struct meeting *m, char *out, size_t size)
{
	char start[6], end[6];

	clock_format_hhmm(m->start, start);
	clock_format_hhmm(m->end, end);
	snprintf(out, size, "%s-%s  %s", start, end, m->place);
}

static void others_text(int others, char *out, size_t size)
{
	snprintf(out, size, "另有 %d 场会议同时进行，签到时会按您的支部安排", others);
}

/* The denser plans drop only what is said again elsewhere (the kind line: the title names the
 * meeting) and make the figures and the button smaller; the title, the time and the place
 * keep their size in 大字 as in normal text. */
static void plan_card(struct ui *ui, const struct meeting *m, const struct meeting_counts *c,
		      int others, int width, enum density d, struct card_plan *p)
{
	char text[256];
	int lh_body = ui_line_height(ui, ui_text_px(ui, TS_BODY));

	memset(p, 0, sizeof *p);
	p->d = d;
	p->title_size = TS_TITLE;
	p->title_px = ui_text_px(ui, TS_TITLE);
	p->kind_h = d == ROOMY ? lh_body : 0;
	p->title_h = ui_text_height(ui, m->title, p->title_size, true, width);
	time_place(m, text, sizeof text);
	p->time_h = ui_text_height(ui, text, TS_BODY, false, width);
	p->figures_h = d == ROOMY ? figures_height(ui) : ui_line_height(ui, ui_text_px(ui, TS_LARGE));
	if (others > 0) {
		others_text(others, text, sizeof text);
		p->others_h = ui_text_height(ui, text, TS_SMALL, false, width);
	}
	if (m->vote != VOTE_NONE)
		p->quorum_h = quorum_height(ui, width, c, false);
	p->button_h = d == ROOMY ? ui_target(ui) * 2 : ui_target(ui) * 3 / 2;
}

/* The height the card for the meeting on now would like at width w (its roomiest plan). */
int home_card_wanted(struct ui *ui, const struct home *h, int w)
{
	int pad = ui_gap(ui) * 2;
	struct card_plan p;

	if (h->non == 0)
		return 0;
	plan_card(ui, &h->on[0], &h->counts[0], h->non - 1, w - 2 * pad, ROOMY, &p);
	return card_height(&p, pad) + 2 * pad;
}

/* 应到 35 · 实到 6 · 请假 7 on one line, for the compact densities. */
static void figures_inline(struct ui *ui, SDL_Rect row, const struct meeting *m,
			   const struct meeting_counts *c, enum text_size size)
{
	static const char *const captions[] = { "应到", "实到", "请假" };
	int values[] = { c->expected, c->present, c->on_leave }, i, third = row.w / 3;
	char text[64];

	if (m->kind == MK_VOLUNTEER) {
		snprintf(text, sizeof text, "已到 %d 人", c->present);
		ui_label(ui, row, text, size, UI_BOLD);
		return;
	}
	for (i = 0; i < 3; i++) {
		snprintf(text, sizeof text, "%s %d", captions[i], values[i]);
		ui_label_ex(ui, rect_cut_left(&row, third), text, size, i == 1 ? C_RED : C_TEXT,
			    UI_BOLD | UI_CENTER);
	}
}

/* A size as it is without 大字: the least a text may shrink to in 大字. */
static int normal_px(struct ui *ui, enum text_size size)
{
	bool large = ui->large;
	int px;

	ui->large = false;
	px = ui_text_px(ui, size);
	ui->large = large;
	return px;
}

void home_current_card(struct app *app, SDL_Rect r, const struct meeting *m,
			 const struct meeting_counts *c, int others)
{
	struct ui *ui = app->ui;
	int pad = ui_gap(ui) * 2, third;
	SDL_Rect in = rect_inset(r, pad), row, button;
	struct card_plan p;
	enum density d;
	enum text_size figures_size = TS_LARGE;
	char line[512];

	for (d = ROOMY; d < DENSITIES; d++) {
		plan_card(ui, m, c, others, in.w, d, &p);
		if (card_height(&p, pad) <= in.h || d == TIGHT)
			break;
	}
	/* Too tall for a wide card (大字 on a landscape screen): the 签到 button goes to the right of
	 * the figures and the quorum instead of under them; if need be the title and the figures
	 * come down to their normal size (never below: 大字 makes nothing smaller). */
	if (card_height(&p, pad) > in.h && in.w > in.h * 3 / 2 && in.w - in.w * 76 / 100 - pad >= ui_target(ui) * 5 / 2) {
		struct card_plan left;
		int lw = in.w * 76 / 100, lower, step, title_px = ui_text_px(ui, TS_TITLE), title_h = 0;
		enum text_size fig = TS_LARGE;
		plan_card(ui, m, c, others, lw, TIGHT, &left);
		for (step = 0; step < 3; step++) {
			if (step == 1)
				title_px = normal_px(ui, TS_TITLE);
			if (step == 2)
				fig = TS_BODY;
			left.figures_h = ui_line_height(ui, ui_text_px(ui, fig));
			title_h = ui_line_height(ui, title_px) *
				  (ui_text_width(ui, m->title, title_px, true) > in.w ? 2 : 1);
			lower = left.figures_h + left.others_h + (left.quorum_h ? left.quorum_h + pad : 0);
			if (lower < ui_target(ui) * 3 / 2)
				lower = ui_target(ui) * 3 / 2;
			if (title_h + p.time_h + pad + lower <= in.h)
				break;
		}
		if (step < 3) {
			SDL_Rect button_r;
			ui_frame_round(ui, r, pad, 3, C_RED);
			ui_label_px(ui, rect_cut_top(&in, title_h), m->title, title_px, true, C_TEXT,
				    ALIGN_LEFT);
			time_place(m, line, sizeof line);
			ui_label(ui, rect_cut_top(&in, p.time_h), line, TS_BODY, UI_MUTED);
			rect_cut_top(&in, pad);
			button_r = rect_cut_right(&in, in.w - lw - pad);
			rect_cut_right(&in, pad);
			figures_inline(ui, rect_cut_top(&in, left.figures_h), m, c, fig);
			if (left.quorum_h) {
				rect_cut_top(&in, pad);
				quorum_panel(ui, rect_cut_top(&in, left.quorum_h), c, false);
			}
			if (others > 0) {
				others_text(others, line, sizeof line);
				ui_label(ui, rect_cut_top(&in, left.others_h), line, TS_SMALL, UI_MUTED);
			}
			ui_button(ui, button_r, "签到",
				  ui_text_width(ui, "点这里，找到您的名字", ui_text_px(ui, TS_SMALL), false) <=
						  button_r.w - 4 * ui_gap(ui) ? "点这里，找到您的名字" : "点这里找名字",
				  BTN_PRIMARY, ACT_SIGN_IN, 0);
			return;
		}
	}
	/* Still too tall (大字 beside the QR code): a lower 签到 button, then smaller figures,
	 * rather than parts drawn over each other. */
	if (card_height(&p, pad) > in.h) {
		p.button_h -= card_height(&p, pad) - in.h;
		if (p.button_h < ui_target(ui))
			p.button_h = ui_target(ui);
	}
	if (card_height(&p, pad) > in.h) {
		/* The title no smaller than without 大字. */
		p.title_px = normal_px(ui, TS_TITLE);
		p.title_h = ui_line_height(ui, p.title_px) *
			    (ui_text_width(ui, m->title, p.title_px, true) > in.w ? 2 : 1);
	}
	if (card_height(&p, pad) > in.h) {
		figures_size = TS_BODY;
		p.figures_h = ui_line_height(ui, ui_text_px(ui, TS_BODY));
	}
	if (card_height(&p, pad) > in.h && p.quorum_h) {
		p.brief = true;
		p.quorum_h = quorum_height(ui, in.w, c, true);
	}
	ui_frame_round(ui, r, pad, 3, C_RED);
	if (p.kind_h) {
		snprintf(line, sizeof line, "正在进行 · %s · %s", meeting_kind_name(m->kind), home_scope(m));
		ui_label_ex(ui, rect_cut_top(&in, p.kind_h), line, TS_BODY, C_RED, UI_BOLD);
	}
	ui_label_px(ui, rect_cut_top(&in, p.title_h), m->title, p.title_px, true, C_TEXT, ALIGN_LEFT);
	time_place(m, line, sizeof line);
	ui_label(ui, rect_cut_top(&in, p.time_h), line, TS_BODY, UI_MUTED);
	rect_cut_top(&in, pad);
	/* The 签到 button takes the bottom; figures and the quorum go above it. */
	button = rect_cut_bottom(&in, p.button_h);
	rect_cut_bottom(&in, pad);
	if (others > 0) {
		others_text(others, line, sizeof line);
		ui_label(ui, rect_cut_bottom(&in, p.others_h), line, TS_SMALL, UI_MUTED);
	}
	if (p.quorum_h) {
		quorum_panel(ui, rect_cut_bottom(&in, p.quorum_h), c, p.brief);
		rect_cut_bottom(&in, pad);
	}
	row = rect_cut_top(&in, p.figures_h);
	if (p.d != ROOMY) {
		figures_inline(ui, row, m, c, figures_size);
	} else if (m->kind == MK_VOLUNTEER) {
		figure(ui, row, "已到", c->present, C_TEXT);
	} else {
		third = row.w / 3;
		figure(ui, rect_cut_left(&row, third), "应到", c->expected, C_TEXT);
		figure(ui, rect_cut_left(&row, third), "实到", c->present, C_RED);
		figure(ui, row, "请假", c->on_leave, C_TEXT);
	}
	ui_button(ui, button, "签到", "点这里，找到您的名字", BTN_PRIMARY, ACT_SIGN_IN, 0);
}
