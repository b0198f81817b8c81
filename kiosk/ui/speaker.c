/* The speaker button: a loudspeaker drawn from rectangles (the CJK font has no such glyph, and
 * a picture file could go missing), with sound waves when the kiosk may sound and a cross when
 * it is muted, and a word beside it for anyone who does not read icons. */
#include "ui/ui.h"

static void fill(struct ui *ui, int x, int y, int w, int h, enum color c)
{
	ui_fill(ui, (SDL_Rect){ x, y, w > 0 ? w : 1, h > 0 ? h : 1 }, c);
}

void ui_speaker(struct ui *ui, SDL_Rect r, bool muted, const char *label, int action)
{
	int radius = ui->short_side / 80, s = r.h * 55 / 100, x, y, i, t;
	bool pressed = ui->pressed >= 0 && ui->pressed == ui->nwidgets;
	enum color fg = muted ? C_ON_AMBER : C_TEXT;
	int px = ui_text_px(ui, TS_BODY);
	SDL_Rect text;

	ui_fill_round(ui, r, radius, pressed ? C_RED : C_BORDER);
	ui_fill_round(ui, rect_inset(r, 2), radius, pressed ? C_SELECTED : muted ? C_AMBER : C_CARD);
	x = r.x + ui_gap(ui);
	y = r.y + (r.h - s) / 2;
	t = s / 14 > 1 ? s / 14 : 2;
	/* The box and the cone, widening column by column. */
	fill(ui, x, y + s * 35 / 100, s / 5, s * 30 / 100, fg);
	for (i = 0; i < s / 4; i++) {
		int h = s * 30 / 100 + (s * 50 / 100) * i / (s / 4);
		fill(ui, x + s / 5 + i, y + (s - h) / 2, 1, h, fg);
	}
	if (muted) {
		/* A cross: two diagonals of small squares. */
		for (i = 0; i <= s * 35 / 100; i++) {
			fill(ui, x + s * 58 / 100 + i, y + s * 32 / 100 + i, t, t, fg);
			fill(ui, x + s * 58 / 100 + i, y + s * 67 / 100 - i, t, t, fg);
		}
	} else {
		/* Three waves, taller further out. */
		for (i = 0; i < 3; i++) {
			int h = s * (30 + 20 * i) / 100;
			fill(ui, x + s * (60 + 15 * i) / 100, y + (s - h) / 2, t, h, fg);
		}
	}
	text = (SDL_Rect){ x + s + ui_gap(ui) / 2, r.y, r.x + r.w - (x + s + ui_gap(ui) / 2), r.h };
	while (px > ui_text_px(ui, TS_SMALL) && ui_text_width(ui, label, px, true) > text.w)
		px -= 2;
	text.y += (text.h - ui_line_height(ui, px)) / 2;
	ui_text_rgb(ui, text, label, px, true, ui_color(ui, fg), ALIGN_LEFT);
	ui_widget(ui, r, ROLE_BUTTON, label, action, 0);
}
