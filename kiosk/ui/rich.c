/* One pass over the blocks: each is broken into lines at its own size and indent (bold spans
 * measured bold), and lines are dealt onto pages; a heading never ends a page alone. Drawing
 * splits each line into runs of plain and bold text. */
#include "ui/rich.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/text/linebreak.h"
#include "ui/font.h"

struct style {
	int px;
	bool bold;
	int indent;
	int before; /* space above the block */
	enum color color;
};

static struct style style_of(struct ui *ui, const struct md_block *b)
{
	int body = ui_text_px(ui, TS_LARGE), lh = ui_line_height(ui, body);
	struct style s = { body, false, 0, lh / 3, C_TEXT };

	switch (b->kind) {
	case MD_HEADING:
		s.px = b->level == 1 ? ui_text_px(ui, TS_TITLE) : body * (b->level == 2 ? 115 : 100) / 100;
		s.bold = true;
		s.before = lh * 2 / 3;
		s.color = b->level == 1 ? C_RED : C_TEXT;
		break;
	case MD_BULLET:
	case MD_NUMBERED:
		s.indent = body * 3 / 2 * (b->level + 1);
		s.before = lh / 6;
		break;
	case MD_QUOTE:
		s.indent = body;
		s.color = C_MUTED;
		break;
	case MD_RULE:
		s.before = lh / 2;
		break;
	default:
		break;
	}
	return s;
}

struct measure {
	struct font *f;
	int px;
	bool bold;
	const struct md_block *b;
};

static bool bold_at(const struct md_block *b, size_t at)
{
	size_t i;

	for (i = 0; i < b->nbold; i++)
		if (at >= b->bold[i].start && at < b->bold[i].end)
			return true;
	return false;
}

static int measure(void *ctx, const char *s, size_t n)
{
	struct measure *m = ctx;

	return font_text_width(m->f, m->px, m->bold || bold_at(m->b, (size_t)(s - m->b->text)), s, n);
}

static int add_line(struct rich *r, const struct rich_line *l)
{
	if (r->nlines == r->cap) {
		int cap = r->cap ? r->cap * 2 : 256;
		struct rich_line *p = realloc(r->lines, (size_t)cap * sizeof *p);
		if (!p)
			return -1;
		r->lines = p;
		r->cap = cap;
	}
	r->lines[r->nlines++] = *l;
	return 0;
}

static int new_page(struct rich *r)
{
	if (r->npages == r->pcap) {
		int cap = r->pcap ? r->pcap * 2 : 16;
		struct rich_page *p = realloc(r->pages, (size_t)cap * sizeof *p);
		if (!p)
			return -1;
		r->pages = p;
		r->pcap = cap;
	}
	r->pages[r->npages++] = (struct rich_page){ r->nlines, 0 };
	return 0;
}

int rich_layout(struct ui *ui, const struct md_doc *doc, int width, int height, struct rich *out)
{
	struct line_span *spans = NULL;
	size_t cap = 0;
	int y = 0, bi;

	memset(out, 0, sizeof *out);
	out->doc = doc;
	out->width = width;
	out->height = height;
	if (new_page(out) < 0)
		goto nomem;
	for (bi = 0; bi < (int)doc->count; bi++) {
		const struct md_block *b = &doc->blocks[bi];
		struct style s = style_of(ui, b);
		struct measure m = { ui->font, s.px, s.bold, b };
		int lh = ui_line_height(ui, s.px), w = width - s.indent;
		size_t n, i;

		if (w < s.px * 2)
			w = s.px * 2;
		if (out->pages[out->npages - 1].count > 0)
			y += s.before;
		if (b->kind == MD_RULE) {
			struct rich_line l = { bi, 0, 0, 0, y, width, s.px, true };
			if (y + lh / 2 > height)
				continue; /* a rule at a page's end says nothing */
			if (add_line(out, &l) < 0)
				goto nomem;
			out->pages[out->npages - 1].count++;
			y += lh / 2;
			continue;
		}
		n = linebreak(b->text, w, measure, &m, NULL, 0);
		if (n > cap) {
			struct line_span *p = realloc(spans, n * sizeof *p);
			if (!p)
				goto nomem;
			spans = p;
			cap = n;
		}
		linebreak(b->text, w, measure, &m, spans, n);
		/* A heading goes to the next page unless its first line and a line of what follows
		 * fit under it. */
		if (b->kind == MD_HEADING && out->pages[out->npages - 1].count > 0 &&
		    y + lh + ui_line_height(ui, ui_text_px(ui, TS_LARGE)) * 2 > height) {
			if (new_page(out) < 0)
				goto nomem;
			y = 0;
		}
		for (i = 0; i < n; i++) {
			struct rich_line l = { bi, spans[i].start, spans[i].end, s.indent, y, spans[i].width,
					       s.px, i == 0 };
			if (y + lh > height && out->pages[out->npages - 1].count > 0) {
				if (new_page(out) < 0)
					goto nomem;
				y = 0;
				l.y = 0;
			}
			if (add_line(out, &l) < 0)
				goto nomem;
			out->pages[out->npages - 1].count++;
			y += lh;
		}
	}
	free(spans);
	/* A last page left empty by a page break before nothing. */
	if (out->npages > 1 && out->pages[out->npages - 1].count == 0)
		out->npages--;
	return 0;
nomem:
	free(spans);
	rich_free(out);
	return -1;
}

/* Draw bytes [start, end) of b at (x, y) in runs of plain and bold; returns the x after. */
static int draw_runs(struct ui *ui, const struct md_block *b, size_t start, size_t end, int x,
		     int y, int px, bool bold, SDL_Color c)
{
	size_t i = start;

	while (i < end) {
		bool on = bold || bold_at(b, i);
		size_t j = i + 1;

		while (j < end && (bold || bold_at(b, j)) == on)
			j++;
		/* Never split a character: spans start and end on character boundaries. */
		font_draw(ui->font, px, on, x, y, c, b->text + i, j - i);
		x += font_text_width(ui->font, px, on, b->text + i, j - i);
		i = j;
	}
	return x;
}

void rich_draw(struct ui *ui, const struct rich *r, int page, SDL_Rect area)
{
	int i;

	if (page < 0 || page >= r->npages)
		return;
	for (i = r->pages[page].first; i < r->pages[page].first + r->pages[page].count; i++) {
		const struct rich_line *l = &r->lines[i];
		const struct md_block *b = &r->doc->blocks[l->block];
		struct style s = style_of(ui, b);
		SDL_Color c = ui_color(ui, s.color);
		int lh = ui_line_height(ui, l->px), x = area.x + l->x, y = area.y + l->y;
		char label[UI_LABEL];
		size_t len;

		if (b->kind == MD_RULE) {
			ui_fill(ui, (SDL_Rect){ area.x, y + lh / 4, r->width, 2 }, C_BORDER);
			continue;
		}
		if (b->kind == MD_QUOTE)
			ui_fill(ui, (SDL_Rect){ area.x + l->px / 4, y, l->px / 8 + 2, lh }, C_BORDER);
		if (l->first && (b->kind == MD_BULLET || b->kind == MD_NUMBERED)) {
			char marker[24];
			int mw;
			if (b->kind == MD_BULLET)
				snprintf(marker, sizeof marker, "%s", b->level == 0 ? "•" : "◦");
			else
				snprintf(marker, sizeof marker, "%ld.", b->number);
			mw = font_text_width(ui->font, l->px, true, marker, strlen(marker));
			font_draw(ui->font, l->px, true, x - mw - l->px / 3, y, c, marker, strlen(marker));
		}
		draw_runs(ui, b, l->start, l->end, x, y, l->px, s.bold, c);
		/* Each line is a label: replays read the text, the layout check measures it. */
		len = l->end - l->start < sizeof label - 1 ? l->end - l->start : sizeof label - 1;
		while (len > 0 && len < l->end - l->start &&
		       ((unsigned char)b->text[l->start + len] & 0xC0) == 0x80)
			len--;
		memcpy(label, b->text + l->start, len);
		label[len] = '\0';
		ui_widget(ui, (SDL_Rect){ x, y, l->w, lh }, ROLE_LABEL, label, 0, 0);
	}
}

int rich_page_of(const struct rich *r, int block, size_t offset)
{
	int p, i;

	for (p = r->npages - 1; p > 0; p--) {
		i = r->pages[p].first;
		if (i < r->nlines && (r->lines[i].block < block ||
				      (r->lines[i].block == block && r->lines[i].start <= offset)))
			return p;
	}
	return 0;
}

void rich_free(struct rich *r)
{
	free(r->lines);
	free(r->pages);
	memset(r, 0, sizeof *r);
}
