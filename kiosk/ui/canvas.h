/* Drawing that the standard widgets do not cover, for composite things such as a study
 * material's card or a meeting in the schedule: fills in any colour, text that is drawn but is
 * not a widget of its own (the card as a whole is one button), recording that one widget, and a
 * progress bar. Pictures are in picture.h. */
#ifndef KIOSK_UI_CANVAS_H
#define KIOSK_UI_CANVAS_H

#include <SDL.h>
#include <stdbool.h>
#include <stdint.h>

#include "ui/ui.h"

void canvas_fill(struct ui *ui, SDL_Rect r, SDL_Color c);
void canvas_fill_round(struct ui *ui, SDL_Rect r, int radius, SDL_Color c);

/* Draw text wrapped to r.w, at most the lines r.h holds (the last cut with …), without recording
 * a widget. Returns the height used. */
int canvas_text(struct ui *ui, SDL_Rect r, const char *text, int px, bool bold, SDL_Color c,
		enum align align);

/* Height text takes at px wrapped to width, with at most max_lines lines (0: no limit). */
int canvas_text_height(struct ui *ui, const char *text, int px, bool bold, int width,
		       int max_lines);

/* Record r as a widget (what taps hit, what replays find and dumps list) without drawing. */
void canvas_widget(struct ui *ui, SDL_Rect r, enum widget_role role, const char *label,
		   int action, int64_t arg);

/* A progress bar filled to fraction (0..1) with label centred on it, recorded as a label. */
void canvas_progress(struct ui *ui, SDL_Rect r, double fraction, const char *label);

#endif
