/* 会议纪实 on the screen: staff fill in a meeting's record as kioskctl meetings record does
 * (core/party/record.c checks it the same way). The parts are buttons down one side, each
 * showing what it holds; the part chosen is edited beside them:
 *   主持人, 记录人   a tap on a name among those who signed in (no typing);
 *   议题, 决议事项   one tap on a common 三会一课/主题党日 phrase, or typed in pinyin and added;
 *   主要内容         typed in pinyin, with the punctuation a sentence needs;
 *   票数             赞成/反对/弃权 with − and +, for a meeting that votes.
 * Nothing is written until 保存纪实; a refused record says why and keeps what was typed. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/party/attendance.h"
#include "core/party/meetings.h"
#include "core/party/record.h"
#include "core/text/utf8.h"
#include "screens/pinyin_pad.h"
#include "screens/screens.h"
#include "screens/staff_mode.h"
#include "ui/ui.h"

enum {
	ACT_FIELD = 1, /* arg: enum field */
	ACT_PERSON,    /* arg: index into people */
	ACT_PEOPLE_PREV,
	ACT_PEOPLE_NEXT,
	ACT_PHRASE,    /* arg: index into the field's phrases */
	ACT_ADD_LINE,
	ACT_REMOVE,    /* arg: index of the topic or decision */
	ACT_VOTE,      /* arg: which * 2 + (1 for +, 0 for −) */
	ACT_NO_VOTES,  /* no counts (yet): the vote was not taken, or not counted here */
	ACT_SAVE,
	ACT_PAD = 100, /* the pinyin pad's actions */
};

enum field { F_HOST, F_RECORDER, F_TOPICS, F_CONTENT, F_DECISIONS, F_VOTES, F_COUNT };

static const char *const field_names[F_COUNT] = { "主持人", "记录人", "议题", "主要内容",
						  "决议事项", "票数" };

/* One tap for what most meetings of 三会一课 and 主题党日 take up, and decide. */
static const char *const topic_phrases[] = {
	"学习习近平新时代中国特色社会主义思想", "传达学习上级会议和文件精神", "学习党章党规",
	"讨论发展党员工作", "研究支部近期工作", "重温入党誓词", "开展批评与自我批评",
	"民主评议党员", "收缴党费", "开展志愿服务",
};
static const char *const decision_phrases[] = {
	"会议一致通过", "同意接收为预备党员", "同意按期转正", "按时足额缴纳党费",
	"会后开展走访慰问", "下次会议通报落实情况",
};

#define MAX_PEOPLE 256
#define NAME_BYTES 64

struct record_screen {
	struct staff_target t;
	struct meeting m;
	struct meeting_counts c;
	struct meeting_record r;
	enum field field;
	char line[RECORD_ITEM]; /* the topic or decision being typed */
	struct pinyin_pad pad;
	char people[MAX_PEOPLE][NAME_BYTES];
	int64_t people_id[MAX_PEOPLE];
	int npeople, people_page, people_per_page;
};

static int collect_person(void *ctx, const struct sheet_row *row)
{
	struct record_screen *s = ctx;

	if ((row->state == SHEET_PRESENT || row->state == SHEET_GUEST) && s->npeople < MAX_PEOPLE) {
		snprintf(s->people[s->npeople], NAME_BYTES, "%s", row->name);
		s->people_id[s->npeople++] = row->member_id;
	}
	return 0;
}

static int staff_record_enter(struct app *app, const void *arg)
{
	struct record_screen *s = calloc(1, sizeof *s);

	if (!s)
		return -1;
	app->state = s;
	s->t = *(const struct staff_target *)arg;
	if (meetings_get(app->db, s->t.meeting_id, &s->m, app->err, sizeof app->err) < 0 ||
	    attendance_counts(app->db, &s->m, &s->c, app->err, sizeof app->err) < 0 ||
	    record_get(app->db, s->m.id, &s->r, app->err, sizeof app->err) < 0 ||
	    attendance_each_sheet_row(app->db, &s->m, collect_person, s, app->err, sizeof app->err) < 0)
		return -1;
	s->field = s->r.host[0] ? F_TOPICS : F_HOST;
	s->people_per_page = 1;
	app_dirty(app);
	return 0;
}

static void staff_record_leave(struct app *app)
{
	free(app->state);
	app->state = NULL;
}

static char (*items(struct record_screen *s, int **n))[RECORD_ITEM]
{
	*n = s->field == F_DECISIONS ? &s->r.ndecisions : &s->r.ntopics;
	return s->field == F_DECISIONS ? s->r.decisions : s->r.topics;
}

static void add_item(struct app *app, struct record_screen *s, const char *text)
{
	int rc = s->field == F_DECISIONS ? record_add_decision(&s->r, text, app->err, sizeof app->err)
					 : record_add_topic(&s->r, text, app->err, sizeof app->err);

	if (rc < 0)
		app_toast(app, app->err);
}

/* Where the chosen part is being typed, and its size. */
static char *typing_field(struct record_screen *s, size_t *size)
{
	*size = s->field == F_CONTENT ? sizeof s->r.content : sizeof s->line;
	return s->field == F_CONTENT ? s->r.content : s->line;
}

static void save(struct app *app, struct record_screen *s)
{
	char text[256];

	if (pinyin_pad_pending(&s->pad, text, sizeof text)) {
		app_toast(app, text);
		return;
	}
	if (s->line[0] && (s->field == F_TOPICS || s->field == F_DECISIONS)) {
		add_item(app, s, s->line);
		s->line[0] = '\0';
	}
	if (record_save(app->db, &s->r, app->staff.name, app_now(app), app->err, sizeof app->err) < 0) {
		app_toast(app, app->err);
		return;
	}
	snprintf(text, sizeof text, "已保存会议纪实%s", record_complete(&s->m, &s->r) ? "" :
		 s->m.vote != VOTE_NONE && !s->r.voted ? "，还缺票数" : "，还缺主要内容或决议事项");
	app_toast(app, text);
}

static void vote(struct record_screen *s, int64_t arg)
{
	int *v[3] = { &s->r.votes_for, &s->r.votes_against, &s->r.votes_abstain };
	int which = (int)(arg / 2);

	if (which < 0 || which > 2)
		return;
	s->r.voted = true;
	if (arg % 2)
		(*v[which])++;
	else if (*v[which] > 0)
		(*v[which])--;
}

static enum ime_context pad_context(const struct record_screen *s)
{
	(void)s;
	return IME_TEXT;
}

static void staff_record_event(struct app *app, const struct input *in)
{
	struct record_screen *s = app->state;
	int *n, i;

	if (s->field == F_TOPICS || s->field == F_CONTENT || s->field == F_DECISIONS) {
		s->pad.punctuation = s->field == F_CONTENT;
		size_t size;
		char *field = typing_field(s, &size);
		if (pinyin_pad_edit(app, &s->pad, in, ACT_PAD, pad_context(s), field, size, 0))
			return;
	}
	if (in->type == IN_KEY && (in->key == SDLK_RETURN || in->key == SDLK_KP_ENTER)) {
		save(app, s);
		app_dirty(app);
		return;
	}
	if (in->type != IN_TAP)
		return;
	switch (in->action) {
	case ACT_FIELD:
		if (in->arg >= 0 && in->arg < F_COUNT && !s->pad.typed[0]) {
			s->field = (enum field)in->arg;
			s->line[0] = '\0';
		} else if (s->pad.typed[0]) {
			app_toast(app, "请先选完拼音的字，或按“退格”删掉");
		}
		break;
	case ACT_PERSON:
		if (in->arg < 0 || in->arg >= s->npeople)
			break;
		if (s->field == F_HOST) {
			snprintf(s->r.host, sizeof s->r.host, "%s", s->people[in->arg]);
			s->r.host_id = s->people_id[in->arg];
			s->field = s->r.recorder[0] ? F_TOPICS : F_RECORDER;
		} else {
			snprintf(s->r.recorder, sizeof s->r.recorder, "%s", s->people[in->arg]);
			s->r.recorder_id = s->people_id[in->arg];
			s->field = F_TOPICS;
		}
		break;
	case ACT_PEOPLE_PREV:
		if (s->people_page > 0)
			s->people_page--;
		break;
	case ACT_PEOPLE_NEXT:
		if ((s->people_page + 1) * s->people_per_page < s->npeople)
			s->people_page++;
		break;
	case ACT_PHRASE:
		if (s->field == F_TOPICS && in->arg >= 0 &&
		    in->arg < (int64_t)(sizeof topic_phrases / sizeof topic_phrases[0]))
			add_item(app, s, topic_phrases[in->arg]);
		else if (s->field == F_DECISIONS && in->arg >= 0 &&
			 in->arg < (int64_t)(sizeof decision_phrases / sizeof decision_phrases[0]))
			add_item(app, s, decision_phrases[in->arg]);
		break;
	case ACT_ADD_LINE:
		if (s->pad.typed[0]) {
			app_toast(app, "请先选完拼音的字，或按“退格”删掉");
			break;
		}
		if (s->line[0]) {
			add_item(app, s, s->line);
			s->line[0] = '\0';
		}
		break;
	case ACT_REMOVE: {
		char (*list)[RECORD_ITEM] = items(s, &n);
		if (in->arg < 0 || in->arg >= *n)
			break;
		for (i = (int)in->arg; i + 1 < *n; i++)
			memcpy(list[i], list[i + 1], RECORD_ITEM);
		(*n)--;
		break;
	}
	case ACT_VOTE:
		vote(s, in->arg);
		break;
	case ACT_NO_VOTES:
		s->r.voted = false;
		s->r.votes_for = s->r.votes_against = s->r.votes_abstain = 0;
		break;
	case ACT_SAVE:
		save(app, s);
		break;
	}
	app_dirty(app);
}

/* ---- drawing ---- */

/* What a part holds, for its button's second line. */
static void field_value(const struct record_screen *s, enum field f, char *out, size_t size)
{
	switch (f) {
	case F_HOST:
		snprintf(out, size, "%s", s->r.host[0] ? s->r.host : "未填");
		break;
	case F_RECORDER:
		snprintf(out, size, "%s", s->r.recorder[0] ? s->r.recorder : "未填");
		break;
	case F_TOPICS:
		if (s->r.ntopics)
			snprintf(out, size, "%d 条：%s", s->r.ntopics, s->r.topics[0]);
		else
			snprintf(out, size, "未填");
		break;
	case F_CONTENT:
		snprintf(out, size, "%s", s->r.content[0] ? s->r.content : "未填");
		break;
	case F_DECISIONS:
		if (s->r.ndecisions)
			snprintf(out, size, "%d 条：%s", s->r.ndecisions, s->r.decisions[0]);
		else
			snprintf(out, size, "未填");
		break;
	default:
		if (s->r.voted)
			snprintf(out, size, "赞成 %d，反对 %d，弃权 %d", s->r.votes_for, s->r.votes_against,
				 s->r.votes_abstain);
		else
			snprintf(out, size, "未填");
		break;
	}
}

static void draw_fields(struct app *app, struct record_screen *s, SDL_Rect r, bool portrait)
{
	struct ui *ui = app->ui;
	int gap = ui_gap(ui), nf = s->m.vote != VOTE_NONE ? F_COUNT : F_VOTES;
	int cols = portrait ? 2 : 1, rows = (nf + cols - 1) / cols + 1;
	int bh = (r.h - gap * (rows - 1)) / rows, bw = (r.w - gap * (cols - 1)) / cols, i;
	char value[RECORD_ITEM + 32];

	if (bh > ui_target(ui) * 2)
		bh = ui_target(ui) * 2;
	for (i = 0; i < nf; i++) {
		SDL_Rect b = { r.x + (i % cols) * (bw + gap), r.y + (i / cols) * (bh + gap), bw, bh };
		field_value(s, (enum field)i, value, sizeof value);
		ui_button(ui, b, field_names[i], value, s->field == (enum field)i ? BTN_SELECTED : BTN_NORMAL,
			  ACT_FIELD, i);
	}
	{
		SDL_Rect b = { r.x, r.y + (rows - 1) * (bh + gap), r.w, bh };
		ui_button(ui, b, "保存纪实", record_complete(&s->m, &s->r) ? "纪实完整" : NULL,
			  BTN_PRIMARY, ACT_SAVE, 0);
	}
}

static void draw_people(struct app *app, struct record_screen *s, SDL_Rect r)
{
	struct ui *ui = app->ui;
	int gap = ui_gap(ui), bh = ui_target(ui) * 3 / 2, bw = ui_target(ui) * 3;
	int cols, rows, per, pages, i, first;
	SDL_Rect pager;
	char hint[128];

	snprintf(hint, sizeof hint, "点选%s（到会的人）：", field_names[s->field]);
	rect_cut_top(&r, ui_label(ui, r, s->npeople ? hint : "还没有人签到。请先签到，再填主持人和记录人。",
				  TS_BODY, UI_MUTED) + gap);
	pager = rect_cut_bottom(&r, ui_target(ui));
	rect_cut_bottom(&r, gap);
	cols = (r.w + gap) / (bw + gap);
	rows = (r.h + gap) / (bh + gap);
	per = (cols > 0 ? cols : 1) * (rows > 0 ? rows : 1);
	s->people_per_page = per;
	pages = (s->npeople + per - 1) / per;
	if (s->people_page >= pages)
		s->people_page = pages > 0 ? pages - 1 : 0;
	first = s->people_page * per;
	bw = (r.w - gap * (cols - 1)) / (cols > 0 ? cols : 1);
	for (i = 0; i < per && first + i < s->npeople; i++) {
		SDL_Rect b = { r.x + (i % cols) * (bw + gap), r.y + (i / cols) * (bh + gap), bw, bh };
		const char *chosen = s->field == F_HOST ? s->r.host : s->r.recorder;
		ui_button(ui, b, s->people[first + i], NULL,
			  strcmp(chosen, s->people[first + i]) == 0 ? BTN_SELECTED : BTN_NORMAL, ACT_PERSON,
			  first + i);
	}
	chrome_pager(app, pager, s->people_page, pages, ACT_PEOPLE_PREV, ACT_PEOPLE_NEXT);
}

/* 议题 or 决议事项: the list so far, one-tap phrases, the line being typed, the keyboard. */
static void draw_items(struct app *app, struct record_screen *s, SDL_Rect r)
{
	struct ui *ui = app->ui;
	int gap = ui_gap(ui), line_h = (ui->short_side + 11) / 12, *n, i, shown, nphrases, x, room;
	const char *const *phrases = s->field == F_TOPICS ? topic_phrases : decision_phrases;
	char (*list)[RECORD_ITEM] = items(s, &n), label[RECORD_ITEM + 32];
	SDL_Rect row, phrase_r;

	nphrases = s->field == F_TOPICS ? (int)(sizeof topic_phrases / sizeof topic_phrases[0])
					: (int)(sizeof decision_phrases / sizeof decision_phrases[0]);
	/* The phrases, the typed line and the keyboard come first; the list shows its last items
	 * in what room is left (the button beside says how many there are). */
	room = r.h - (line_h * 2 + gap / 2 + gap) - (line_h + gap) - pinyin_pad_min_height(ui, &s->pad);
	shown = room / (line_h + gap / 2);
	if (shown > *n)
		shown = *n;
	if (shown > 4)
		shown = 4;
	if (shown < 0)
		shown = 0;
	if (*n == 0 && room >= ui_line_height(ui, ui_text_px(ui, TS_BODY)) * 2) {
		rect_cut_top(&r, ui_label(ui, r, s->field == F_TOPICS ? "还没有议题：点下面的常用议题，或打拼音输入"
								  : "还没有决议事项：点常用的，或打拼音输入",
					  TS_BODY, UI_MUTED) + gap / 2);
	}
	for (i = *n - shown; i < *n; i++) {
		row = rect_cut_top(&r, line_h);
		rect_cut_top(&r, gap / 2);
		ui_button(ui, rect_cut_right(&row, ui_target(ui) * 2), "删除", NULL, BTN_NORMAL, ACT_REMOVE, i);
		rect_cut_right(&row, gap);
		snprintf(label, sizeof label, "%d. %s", i + 1, list[i]);
		row.y += (line_h - ui_line_height(ui, ui_text_px(ui, TS_BODY))) / 2;
		ui_label(ui, row, label, TS_BODY, 0);
	}
	/* One-tap phrases: as many rows of them as two lines allow. */
	phrase_r = rect_cut_top(&r, line_h * 2 + gap / 2);
	rect_cut_top(&r, gap);
	x = 0;
	row = rect_cut_top(&phrase_r, line_h);
	for (i = 0; i < nphrases; i++) {
		int w = ui_text_width(ui, phrases[i], ui_text_px(ui, TS_BODY), false) + gap * 2;
		if (x + w > row.w) {
			if (phrase_r.h < line_h)
				break;
			rect_cut_top(&phrase_r, gap / 2);
			row = rect_cut_top(&phrase_r, line_h);
			x = 0;
			if (w > row.w)
				break;
		}
		ui_button(ui, (SDL_Rect){ row.x + x, row.y, w, line_h }, phrases[i], NULL, BTN_NORMAL,
			  ACT_PHRASE, i);
		x += w + gap / 2;
	}
	/* The line being typed and the button that adds it. */
	row = rect_cut_top(&r, line_h);
	rect_cut_top(&r, gap);
	ui_button(ui, rect_cut_right(&row, ui_target(ui) * 3), s->field == F_TOPICS ? "加入议题" : "加入决议",
		  NULL, s->line[0] ? BTN_PRIMARY : BTN_NORMAL, s->line[0] ? ACT_ADD_LINE : 0, 0);
	rect_cut_right(&row, gap);
	ui_frame_round(ui, row, gap / 2, 2, C_BORDER);
	row = rect_inset(row, gap / 2);
	row.y += (row.h - ui_line_height(ui, ui_text_px(ui, TS_BODY))) / 2;
	ui_label(ui, row, s->line[0] ? s->line : "打拼音输入，选字后点“加入”", TS_BODY,
		 s->line[0] ? 0 : UI_MUTED);
	pinyin_pad_draw(ui, &s->pad, r, ACT_PAD, pad_context(s));
}

static void draw_content(struct app *app, struct record_screen *s, SDL_Rect r)
{
	struct ui *ui = app->ui;
	int gap = ui_gap(ui), line_h = ui_line_height(ui, ui_text_px(ui, TS_BODY));
	SDL_Rect box = rect_cut_top(&r, line_h * 4 + gap);
	const char *text = s->r.content;
	size_t len = strlen(text), max_chars;

	rect_cut_top(&r, gap);
	ui_frame_round(ui, box, gap / 2, 2, C_BORDER);
	box = rect_inset(box, gap / 2);
	/* Show the end of a long text, what is being typed: about four lines' worth of
	 * characters, then a character at a time until it fits. */
	max_chars = (size_t)(box.w / ui_text_px(ui, TS_BODY) + 1) * 4;
	while (len > 0 && (utf8_length(text) > max_chars ||
			   ui_text_height(ui, text, TS_BODY, false, box.w) > box.h)) {
		uint32_t cp;
		size_t step = utf8_decode(text, len, &cp);
		text += step ? step : 1;
		len = strlen(text);
	}
	ui_label(ui, box, s->r.content[0] ? text : "会议讲了什么：打拼音输入", TS_BODY,
		 s->r.content[0] ? 0 : UI_MUTED);
	pinyin_pad_draw(ui, &s->pad, r, ACT_PAD, pad_context(s));
}

static void draw_votes(struct app *app, struct record_screen *s, SDL_Rect r)
{
	static const char *const names[3] = { "赞成", "反对", "弃权" };
	struct ui *ui = app->ui;
	int gap = ui_gap(ui), bh = ui_target(ui) * 3 / 2, v[3] = { s->r.votes_for, s->r.votes_against,
								      s->r.votes_abstain };
	char line[256], num[16];
	int i;

	snprintf(line, sizeof line, "%s：有表决权的党员到会 %d 人（需要至少 %d 人）；三项合计不能多于到会人数",
		 quorum_mode_name(s->m.vote), s->c.quorum.voters_present, s->c.quorum.needed);
	rect_cut_top(&r, ui_label(ui, r, line, TS_BODY, UI_MUTED) + gap);
	for (i = 0; i < 3; i++) {
		SDL_Rect row = rect_cut_top(&r, bh), l;
		rect_cut_top(&r, gap);
		l = rect_cut_left(&row, ui_target(ui) * 3);
		l.y += (bh - ui_line_height(ui, ui_text_px(ui, TS_LARGE))) / 2;
		ui_label(ui, l, names[i], TS_LARGE, UI_BOLD);
		ui_button(ui, rect_cut_left(&row, bh * 3 / 2), "−1", names[i], BTN_NORMAL, ACT_VOTE, i * 2);
		snprintf(num, sizeof num, "%d", v[i]);
		l = rect_cut_left(&row, ui_target(ui) * 2);
		l.y += (bh - ui_line_height(ui, ui_text_px(ui, TS_LARGE))) / 2;
		ui_label(ui, l, s->r.voted ? num : "-", TS_LARGE, UI_BOLD | UI_CENTER);
		ui_button(ui, rect_cut_left(&row, bh * 3 / 2), "+1", names[i], BTN_NORMAL, ACT_VOTE, i * 2 + 1);
	}
	ui_button(ui, rect_cut_top(&r, bh), "不填票数", "没有表决，或暂时不填", s->r.voted ? BTN_NORMAL : BTN_SELECTED,
		  ACT_NO_VOTES, 0);
}

static void staff_record_draw(struct app *app)
{
	struct record_screen *s = app->state;
	struct ui *ui = app->ui;
	bool portrait = ui->h > ui->w;
	char title[MEETING_TEXT + 32];
	SDL_Rect body, side;
	int gap = ui_gap(ui);

	snprintf(title, sizeof title, "会议纪实：%s", s->m.title);
	body = rect_inset(chrome_header(app, title, true, 0), gap * 2);
	if (portrait) {
		side = rect_cut_top(&body, body.h * 30 / 100);
		rect_cut_top(&body, gap * 2);
	} else {
		side = rect_cut_left(&body, body.w * 32 / 100);
		rect_cut_left(&body, gap * 2);
	}
	draw_fields(app, s, side, portrait);
	switch (s->field) {
	case F_HOST:
	case F_RECORDER:
		draw_people(app, s, body);
		break;
	case F_TOPICS:
	case F_DECISIONS:
		draw_items(app, s, body);
		break;
	case F_CONTENT:
		draw_content(app, s, body);
		break;
	default:
		draw_votes(app, s, body);
		break;
	}
}

const struct screen staff_record_screen = {
	.name = "staff_record",
	.enter = staff_record_enter,
	.leave = staff_record_leave,
	.event = staff_record_event,
	.draw = staff_record_draw,
};
