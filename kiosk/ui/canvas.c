/* Composite drawing on top of the drawing layer: the same rounded corners and text as ui.c, in
 * any colour, and widgets recorded by hand for things drawn from several parts. */
#include "ui/canvas.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "core/linebreak.h"
#include "ui/font.h"

void canvas_fill(struct ui *ui, SDL_Rect r, SDL_Color c)
{
	SDL_SetRenderDrawColor(ui->renderer, c.r, c.g, c.b, c.a);
	SDL_RenderFillRect(ui->renderer, &r);
}

void canvas_fill_round(struct ui *ui, SDL_Rect r, int radius, SDL_Color c)
{
	SDL_Rect rows[2 * 128 + 1];
	int n = 0, y;

	if (radius * 2 > r.h)
		radius = r.h / 2;
	if (radius * 2 > r.w)
		radius = r.w / 2;
	if (radius > 128)
		radius = 128;
	SDL_SetRenderDrawColor(ui->renderer, c.r, c.g, c.b, c.a);
	for (y = 0; y < radius; y++) {
		double dy = radius - y - 0.5;
		int in = radius - (int)lround(sqrt((double)radius * radius - dy * dy));
		rows[n++] = (SDL_Rect){ r.x + in, r.y + y, r.w - 2 * in, 1 };
		rows[n++] = (SDL_Rect){ r.x + in, r.y + r.h - 1 - y, r.w - 2 * in, 1 };
	}
	rows[n++] = (SDL_Rect){ r.x, r.y + radius, r.w, r.h - 2 * radius };
	SDL_RenderFillRects(ui->renderer, rows, n);
}

struct measure {
	struct font *f;
	int px;
	bool bold;
};

static int measure(void *ctx, const char *s, size_t n)
{
	struct measure *m = ctx;

	return font_text_width(m->f, m->px, m->bold, s, n);
}

#define MAX_LINES 32

int canvas_text_height(struct ui *ui, const char *text, int px, bool bold, int width,
		       int max_lines)
{
	struct measure m = { ui->font, px, bold };
	size_t n = linebreak(text, width, measure, &m, NULL, 0);

	if (max_lines > 0 && n > (size_t)max_lines)
		n = (size_t)max_lines;
	return (int)n * font_line_height(ui->font, px);
}

int canvas_text(struct ui *ui, SDL_Rect r, const char *text, int px, bool bold, SDL_Color c,
		enum align align)
{
	struct measure m = { ui->font, px, bold };
	struct line_span lines[MAX_LINES];
	int lh = font_line_height(ui->font, px), fit = lh > 0 ? r.h / lh : 1, i, y = r.y;
	size_t n = linebreak(text, r.w, measure, &m, lines, MAX_LINES);

	if (fit < 1)
		fit = 1;
	if (n > MAX_LINES)
		n = MAX_LINES;
	for (i = 0; i < (int)n && i < fit; i++) {
		char buf[1024];
		const char *s = text + lines[i].start;
		size_t len = lines[i].end - lines[i].start;
		int w = lines[i].width, x;

		if (i == fit - 1 && (int)n > fit) {
			/* The last line that fits, with … for what is left out. */
			size_t keep = len < sizeof buf - 4 ? len : sizeof buf - 4;
			for (;;) {
				memcpy(buf, s, keep);
				strcpy(buf + keep, "…");
				w = font_text_width(ui->font, px, bold, buf, strlen(buf));
				if (w <= r.w || keep == 0)
					break;
				do
					keep--;
				while (keep > 0 && ((unsigned char)s[keep] & 0xC0) == 0x80);
			}
			s = buf;
			len = strlen(buf);
		}
		x = align == ALIGN_CENTER ? r.x + (r.w - w) / 2 : align == ALIGN_RIGHT ? r.x + r.w - w : r.x;
		font_draw(ui->font, px, bold, x, y, c, s, len);
		y += lh;
	}
	return y - r.y;
}

void canvas_widget(struct ui *ui, SDL_Rect r, enum widget_role role, const char *label,
		   int action, int64_t arg)
{
	struct widget *w;
	char *p;

	if (ui->nwidgets == UI_MAX_WIDGETS)
		return;
	w = &ui->widgets[ui->nwidgets++];
	w->r = r;
	w->role = role;
	w->action = action;
	w->arg = arg;
	snprintf(w->label, sizeof w->label, "%s", label ? label : "");
	for (p = w->label; *p; p++)
		if (*p == '\n')
			*p = ' ';
}

void canvas_progress(struct ui *ui, SDL_Rect r, double fraction, const char *label)
{
	int px = ui_text_px(ui, TS_BODY), lh = ui_line_height(ui, px), radius = r.h / 4;
	SDL_Rect done = r;

	if (fraction < 0)
		fraction = 0;
	if (fraction > 1)
		fraction = 1;
	ui_fill_round(ui, r, radius, C_BORDER);
	done.w = (int)(r.w * fraction);
	if (done.w > 0)
		ui_fill_round(ui, done, radius, C_GREEN);
	/* The words sit on the bar in a colour readable over both parts: dark on a light chip. */
	if (label && *label) {
		int w = ui_text_width(ui, label, px, true) + ui_gap(ui) * 2;
		SDL_Rect chip = { r.x + (r.w - w) / 2, r.y + (r.h - lh) / 2, w, lh };
		ui_fill_round(ui, chip, lh / 4, C_CARD);
		ui_label_px(ui, chip, label, px, true, C_TEXT, ALIGN_CENTER);
	}
}
