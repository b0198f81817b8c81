/* The pinyin keyboard, laid out as staff_guest.c's (the phone and WPS keyboards staff type on):
 * candidates above, letters below. A syllable's letters stay in the pad until a character is
 * picked; the keyboard's own 退格 takes back a letter first, then a character of the text. */
#include "screens/pinyin_pad.h"

#include <stdio.h>
#include <string.h>

#include "core/text/utf8.h"
#include "ui/ui.h"

enum { PAD_LETTER, PAD_CANDIDATE, PAD_PREV, PAD_NEXT, PAD_BACKSPACE_KEY, PAD_PUNCT };

#define PAD_MAX_SHOWN 16

static const char *const punctuation[] = { "，", "。", "、", "；", "：" };

/* The least height of anything tappable the layout check accepts: 1/12 of the short side. */
static int min_h(const struct ui *ui)
{
	return (ui->short_side + 11) / 12;
}

/* The candidates' rows: two on a tall screen when the screen asked for them. */
static int cand_rows(const struct ui *ui, const struct pinyin_pad *p)
{
	return p->two_rows && ui->h > ui->w ? 2 : 1;
}

int pinyin_pad_min_height(const struct ui *ui, const struct pinyin_pad *p)
{
	int gap = ui_gap(ui), kgap = gap / 2 > 2 ? gap / 2 : 2, rows = p->punctuation ? 4 : 3;
	int crows = cand_rows(ui, p);

	return crows * min_h(ui) + (crows - 1) * kgap + gap + rows * min_h(ui) + (rows - 1) * kgap;
}

int pinyin_pad_max_height(const struct ui *ui, const struct pinyin_pad *p)
{
	int gap = ui_gap(ui), kgap = gap / 2 > 2 ? gap / 2 : 2, rows = p->punctuation ? 4 : 3;
	int crows = cand_rows(ui, p), key_h = ui_target(ui) * 3 / 2;

	if (key_h < min_h(ui))
		key_h = min_h(ui);
	return crows * min_h(ui) + (crows - 1) * kgap + gap + rows * key_h + (rows - 1) * kgap;
}

static void letter(struct pinyin_pad *p, char c)
{
	size_t n = strlen(p->typed);

	if (c >= 'A' && c <= 'Z')
		c = (char)(c - 'A' + 'a');
	if (c < 'a' || c > 'z' || n >= IME_MAX_TYPED)
		return;
	p->typed[n] = c;
	p->typed[n + 1] = '\0';
	if (!ime_possible(p->typed))
		p->typed[n] = '\0'; /* no syllable goes on like this: the key does nothing */
	p->cand_page = 0;
}

/* The candidate at index i of the page into out; its syllable is used up. */
static bool pick(struct pinyin_pad *p, int i, enum ime_context ctx, char *out, size_t size)
{
	char cands[PAD_MAX_SHOWN][8];
	struct ime_result r;
	int per = p->per_page > 0 && p->per_page < PAD_MAX_SHOWN ? p->per_page : PAD_MAX_SHOWN;

	ime_candidates(p->typed, ctx, p->cand_page * per, cands, per, &r);
	if (i < 0 || i >= r.n)
		return false;
	snprintf(out, size, "%s", cands[i]);
	memmove(p->typed, p->typed + r.used, strlen(p->typed + r.used) + 1);
	p->cand_page = 0;
	return true;
}

bool pinyin_pad_commit(struct pinyin_pad *p, enum ime_context ctx, char *out, size_t size)
{
	bool picked = p->typed[0] && pick(p, 0, ctx, out, size);

	p->typed[0] = '\0';
	p->cand_page = 0;
	return picked;
}

static enum pinyin_pad_result backspace(struct pinyin_pad *p)
{
	size_t n = strlen(p->typed);

	if (!n)
		return PAD_BACKSPACE;
	p->typed[n - 1] = '\0';
	p->cand_page = 0;
	return PAD_CHANGED;
}

enum pinyin_pad_result pinyin_pad_event(struct pinyin_pad *p, const struct input *in, int base,
					enum ime_context ctx, char *out, size_t size)
{
	if (in->type == IN_TEXT) {
		char c = in->text[0];
		if (c >= '1' && c <= '9' && p->typed[0])
			return pick(p, c - '1', ctx, out, size) ? PAD_TEXT : PAD_CHANGED;
		if (c == ' ' && p->typed[0])
			return pick(p, 0, ctx, out, size) ? PAD_TEXT : PAD_CHANGED;
		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
			letter(p, c);
			return PAD_CHANGED;
		}
		if ((unsigned char)c >= 0x80 && !p->typed[0]) { /* an IME's own text, as it is */
			snprintf(out, size, "%s", in->text);
			return PAD_TEXT;
		}
		return PAD_NOT_MINE;
	}
	if (in->type == IN_KEY)
		return in->key == SDLK_BACKSPACE ? backspace(p) : PAD_NOT_MINE;
	if (in->type != IN_TAP || in->action < base || in->action >= base + PINYIN_PAD_ACTIONS)
		return PAD_NOT_MINE;
	switch (in->action - base) {
	case PAD_LETTER:
		letter(p, (char)in->arg);
		return PAD_CHANGED;
	case PAD_CANDIDATE:
		return pick(p, (int)in->arg, ctx, out, size) ? PAD_TEXT : PAD_CHANGED;
	case PAD_PREV:
		if (p->cand_page > 0)
			p->cand_page--;
		return PAD_CHANGED;
	case PAD_NEXT:
		p->cand_page++;
		return PAD_CHANGED;
	case PAD_BACKSPACE_KEY:
		return backspace(p);
	case PAD_PUNCT:
		if (in->arg < 0 || in->arg >= (int64_t)(sizeof punctuation / sizeof punctuation[0]))
			return PAD_CHANGED;
		snprintf(out, size, "%s", punctuation[in->arg]);
		return PAD_TEXT;
	}
	return PAD_NOT_MINE;
}

void pinyin_pad_draw(struct ui *ui, struct pinyin_pad *p, SDL_Rect r, int base,
		     enum ime_context ctx)
{
	static const char *const letters[3] = { "qwertyuiop", "asdfghjkl", "zxcvbnm" };
	int gap = ui_gap(ui), kgap = gap / 2 > 2 ? gap / 2 : 2, line_h = min_h(ui);
	int key_h, i, j, per_row, per_page, cand_w = line_h, rows = p->punctuation ? 4 : 3;
	int crows = cand_rows(ui, p);
	SDL_Rect cands = rect_cut_top(&r, crows * line_h + (crows - 1) * kgap), typed, next, prev;
	char cands_text[PAD_MAX_SHOWN][8];
	struct ime_result res;

	rect_cut_top(&r, gap);
	key_h = (r.h - (rows - 1) * kgap) / rows;
	if (key_h > ui_target(ui) * 3 / 2)
		key_h = ui_target(ui) * 3 / 2;
	if (key_h < line_h)
		key_h = line_h;

	/* What was typed, the characters, and the page buttons. */
	typed = rect_cut_left(&cands, ui_text_width(ui, p->typed[0] ? p->typed : "a",
						    ui_text_px(ui, TS_LARGE), true) + gap);
	if (p->typed[0]) {
		typed.y += (line_h - ui_line_height(ui, ui_text_px(ui, TS_LARGE))) / 2;
		ui_label_ex(ui, typed, p->typed, TS_LARGE, C_RED, UI_BOLD);
	}
	next = rect_cut_right(&cands, cand_w * 3 / 2);
	rect_cut_right(&cands, kgap);
	prev = rect_cut_right(&cands, cand_w * 3 / 2);
	rect_cut_right(&cands, kgap);
	prev.h = next.h = line_h;
	per_row = (cands.w + kgap) / (cand_w + kgap);
	if (per_row < 1)
		per_row = 1;
	per_page = per_row * crows < PAD_MAX_SHOWN ? per_row * crows : PAD_MAX_SHOWN;
	p->per_page = per_page > 0 ? per_page : 1;
	if (p->typed[0]) {
		ime_candidates(p->typed, ctx, p->cand_page * p->per_page, cands_text, p->per_page, &res);
		for (i = 0; i < res.n; i++) {
			SDL_Rect c = { cands.x + (i % per_row) * (cand_w + kgap),
				       cands.y + (i / per_row) * (line_h + kgap), cand_w, line_h };
			ui_button(ui, c, cands_text[i], NULL, BTN_NORMAL, base + PAD_CANDIDATE, i);
		}
		ui_button(ui, prev, "上页", NULL, BTN_NORMAL, p->cand_page > 0 ? base + PAD_PREV : 0, 0);
		ui_button(ui, next, "下页", NULL, BTN_NORMAL,
			  (p->cand_page + 1) * p->per_page < res.total ? base + PAD_NEXT : 0, 0);
	}

	/* Three rows of letters as on a phone, 退格 after the last; punctuation below. */
	for (j = 0; j < 3; j++) {
		int n = (int)strlen(letters[j]), kw = (r.w - 9 * kgap) / 10;
		SDL_Rect row = rect_cut_top(&r, key_h);
		rect_cut_top(&r, kgap);
		row.x += (row.w - n * kw - (n - 1) * kgap) / 2 - (j == 2 ? kw + kgap : 0);
		for (i = 0; i < n; i++) {
			char k[2] = { letters[j][i], 0 };
			SDL_Rect kr = { row.x + i * (kw + kgap), row.y, kw, key_h };
			ui_button(ui, kr, k, NULL, BTN_NORMAL, base + PAD_LETTER, letters[j][i]);
		}
		if (j == 2) {
			SDL_Rect kr = { row.x + n * (kw + kgap), row.y, kw * 5 / 2, key_h };
			ui_button(ui, kr, "退格", NULL, BTN_NORMAL, base + PAD_BACKSPACE_KEY, 0);
		}
	}
	if (p->punctuation) {
		int n = (int)(sizeof punctuation / sizeof punctuation[0]), kw = (r.w - 9 * kgap) / 10;
		SDL_Rect row = rect_cut_top(&r, key_h);
		row.x += (row.w - n * kw - (n - 1) * kgap) / 2;
		for (i = 0; i < n; i++) {
			SDL_Rect kr = { row.x + i * (kw + kgap), row.y, kw, key_h };
			ui_button(ui, kr, punctuation[i], NULL, BTN_NORMAL, base + PAD_PUNCT, i);
		}
	}
}

bool pinyin_pad_append(char *field, size_t size, int max_chars, const char *text)
{
	if ((max_chars > 0 && utf8_length(field) >= (size_t)max_chars) ||
	    strlen(field) + strlen(text) >= size)
		return false;
	strcat(field, text);
	return true;
}

/* Take back field's last UTF-8 character. */
static void delete_last(char *field)
{
	size_t n = strlen(field);

	while (n > 0 && ((unsigned char)field[n - 1] & 0xC0) == 0x80)
		n--;
	if (n > 0)
		n--;
	field[n] = '\0';
}

bool pinyin_pad_edit(struct app *app, struct pinyin_pad *p, const struct input *in, int base,
		     enum ime_context ctx, char *field, size_t size, int max_chars)
{
	char out[64];

	switch (pinyin_pad_event(p, in, base, ctx, out, sizeof out)) {
	case PAD_TEXT:
		pinyin_pad_append(field, size, max_chars, out);
		break;
	case PAD_BACKSPACE:
		delete_last(field);
		break;
	case PAD_CHANGED:
		break;
	case PAD_NOT_MINE:
	default:
		return false;
	}
	app_dirty(app);
	return true;
}

bool pinyin_pad_pending(const struct pinyin_pad *p, char *msg, size_t size)
{
	if (!p->typed[0])
		return false;
	snprintf(msg, size, "还有拼音“%s”没选字：请点候选的字，或按“退格”删掉", p->typed);
	return true;
}
