/* The on-screen pinyin keyboard for screens where staff type Chinese (core/text/ime.c): the
 * letters typed, the candidate characters in pages, three rows of letters as on a phone, 退格,
 * and the punctuation a sentence needs. Not a screen: a screen keeps a struct pinyin_pad in its
 * state, draws it where it likes and passes it its taps, keys and text. Its taps come back as
 * actions from base (a screen's own actions stay below base). */
#ifndef KIOSK_SCREENS_PINYIN_PAD_H
#define KIOSK_SCREENS_PINYIN_PAD_H

#include <SDL.h>
#include <stdbool.h>
#include <stddef.h>

#include "app.h"
#include "core/text/ime.h"

#define PINYIN_PAD_ACTIONS 8 /* actions base .. base + 7 */

struct pinyin_pad {
	char typed[IME_MAX_TYPED + 1];
	int cand_page;
	int per_page; /* candidates on a page, from the last draw */
	bool punctuation; /* offer ，。、；：  (long text) */
	bool two_rows;    /* two rows of candidates when the screen is tall */
};

/* What an input did to the pad. */
enum pinyin_pad_result {
	PAD_NOT_MINE,   /* not the pad's: the screen handles it */
	PAD_CHANGED,    /* letters or pages changed: redraw */
	PAD_TEXT,       /* out holds text to add where the screen is typing */
	PAD_BACKSPACE,  /* nothing typed in the pad: the screen deletes a character of its text */
};

/* Handle a tap, key or text input. */
enum pinyin_pad_result pinyin_pad_event(struct pinyin_pad *p, const struct input *in, int base,
					enum ime_context ctx, char *out, size_t size);

/* A letter still waiting for its character is settled with the first candidate (the focus moves
 * on): true with that character in out. */
bool pinyin_pad_commit(struct pinyin_pad *p, enum ime_context ctx, char *out, size_t size);

/* Append text to field (size bytes), unless it would pass max_chars characters (0: no limit)
 * or the buffer: true when it was added. */
bool pinyin_pad_append(char *field, size_t size, int max_chars, const char *text);

/* The common way to type into one field: the pad's letters and pages, a chosen character
 * appended to field (within size and max_chars, 0: no limit), 退格 taking back the field's
 * last character once no letters wait, and app_dirty on any of them. False when the input is
 * not the pad's: the screen handles it. */
bool pinyin_pad_edit(struct app *app, struct pinyin_pad *p, const struct input *in, int base,
		     enum ime_context ctx, char *field, size_t size, int max_chars);

/* Letters still waiting for their character (nothing may be saved yet): true with a sentence
 * in msg saying what to do. */
bool pinyin_pad_pending(const struct pinyin_pad *p, char *msg, size_t size);

/* The least height the pad needs (its keys no smaller than anything else tappable). */
int pinyin_pad_min_height(const struct ui *ui, const struct pinyin_pad *p);

/* The most height the pad takes (its keys stop growing at 1.5 tap targets). */
int pinyin_pad_max_height(const struct ui *ui, const struct pinyin_pad *p);

/* Draw the candidates row and the keyboard in r. */
void pinyin_pad_draw(struct ui *ui, struct pinyin_pad *p, SDL_Rect r, int base,
		     enum ime_context ctx);

#endif
