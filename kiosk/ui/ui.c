/* The drawing layer. Sizes come from the screen's short side so one layout serves a 10"
 * 1280x800 panel and a 55" portrait 1080x1920 one; colours come from one palette with a dimmed
 * twin for the idle screen. Text goes through the glyph atlas in font.c. */
#include "ui/ui.h"

#include <SDL_image.h>
#include <SDL_ttf.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/text/linebreak.h"
#include "core/base/log.h"
#include "ui/drmfb.h"
#include "ui/font.h"

/* The palette: normal, then dimmed. Text colours keep at least 4.5:1 against the backgrounds
 * they are drawn on, in both. */
static const SDL_Color palette[2][C_COUNT] = {
	{
		[C_BG] = { 0xFB, 0xF7, 0xF2, 0xFF },
		[C_CARD] = { 0xFF, 0xFF, 0xFF, 0xFF },
		[C_BORDER] = { 0xCF, 0xC3, 0xB6, 0xFF },
		[C_TEXT] = { 0x1F, 0x1F, 0x1F, 0xFF },
		[C_MUTED] = { 0x55, 0x4B, 0x42, 0xFF },
		[C_RED] = { 0xB3, 0x18, 0x1E, 0xFF },
		[C_RED_DARK] = { 0x84, 0x0E, 0x12, 0xFF },
		[C_ON_RED] = { 0xFF, 0xFF, 0xFF, 0xFF },
		[C_GREEN] = { 0x17, 0x6B, 0x33, 0xFF },
		[C_ON_GREEN] = { 0xFF, 0xFF, 0xFF, 0xFF },
		[C_AMBER] = { 0xFF, 0xEF, 0xC0, 0xFF },
		[C_ON_AMBER] = { 0x5C, 0x3A, 0x00, 0xFF },
		[C_SELECTED] = { 0xFB, 0xE0, 0xDF, 0xFF },
	},
	{
		[C_BG] = { 0x0C, 0x0C, 0x0C, 0xFF },
		[C_CARD] = { 0x18, 0x18, 0x18, 0xFF },
		[C_BORDER] = { 0x30, 0x30, 0x30, 0xFF },
		[C_TEXT] = { 0x9A, 0x9A, 0x9A, 0xFF },
		[C_MUTED] = { 0x88, 0x88, 0x88, 0xFF },
		[C_RED] = { 0x3C, 0x08, 0x0A, 0xFF },
		[C_RED_DARK] = { 0x2A, 0x05, 0x07, 0xFF },
		[C_ON_RED] = { 0xA8, 0xA8, 0xA8, 0xFF },
		[C_GREEN] = { 0x0A, 0x2E, 0x16, 0xFF },
		[C_ON_GREEN] = { 0xA8, 0xA8, 0xA8, 0xFF },
		[C_AMBER] = { 0x2A, 0x22, 0x0C, 0xFF },
		[C_ON_AMBER] = { 0xB0, 0xA0, 0x80, 0xFF },
		[C_SELECTED] = { 0x2A, 0x14, 0x14, 0xFF },
	},
};

/* Text sizes as divisors of the short side: 1/30 is the floor for anything a member reads. */
static const double text_divisor[TS_COUNT] = {
	[TS_SMALL] = 29.0, [TS_BODY] = 24.0, [TS_LARGE] = 17.0, [TS_TITLE] = 12.5, [TS_HUGE] = 7.0,
};
#define LARGE_FACTOR 1.3

/* The board's own screen, without X: SDL's KMSDRM driver. */
static bool on_kmsdrm(void)
{
	const char *video = SDL_GetCurrentVideoDriver();

	return video && strcasecmp(video, "kmsdrm") == 0;
}

/* SDL's KMSDRM driver (no X, the board's own screen) makes an OpenGL ES 2 context for every
 * window, but SDL_CreateRenderer still tries its desktop OpenGL renderer first; that renderer
 * runs against the ES context, where glClear works and nothing else draws, so the screen stays
 * one flat background colour (seen in a VM on mesa). Asking for the GLES2 renderer there fixes
 * it; the software renderer goes through the same context (SDL uploads its framebuffer as a
 * texture), so it needs the same hint. SDL_RENDER_DRIVER set by hand still wins. */
static void prefer_gles_on_kms(void)
{
	if (on_kmsdrm() && !SDL_GetHint(SDL_HINT_RENDER_DRIVER))
		SDL_SetHint(SDL_HINT_RENDER_DRIVER, "opengles2");
}

/* Which display path the kiosk took, once at start: the first thing to read in the journal
 * when a board's screen stays dark. */
static void log_path(const struct ui *ui)
{
	SDL_RendererInfo info;
	SDL_DisplayMode mode;
	const char *video = SDL_GetCurrentVideoDriver();

	if (video && strcmp(video, "dummy") == 0)
		return; /* tests and replays: nothing to tell */
	if (SDL_GetRendererInfo(ui->renderer, &info) < 0)
		info.name = "?";
	if (SDL_GetCurrentDisplayMode(0, &mode) < 0)
		mode.w = mode.h = mode.refresh_rate = 0;
	log_msg(LOG_INFO, "显示：%s，绘制：%s，屏幕 %dx%d %d Hz", video ? video : "?", info.name,
		mode.w, mode.h, mode.refresh_rate);
}

/* KMSDRM without EGL (see ui/drmfb.c): SDL's video subsystem is started again, which lets go
 * of the display SDL's failed window took, keeping its evdev input; then a dumb buffer. */
static int dumb_screen(struct ui *ui, char *err, size_t errlen)
{
	char mode[64];

	SDL_QuitSubSystem(SDL_INIT_VIDEO);
	if (SDL_InitSubSystem(SDL_INIT_VIDEO) < 0) {
		snprintf(err, errlen, "无法打开显示屏（%s）", SDL_GetError());
		return -1;
	}
	ui->drmfb = drmfb_open(err, errlen);
	if (!ui->drmfb)
		return -1;
	ui->renderer = SDL_CreateSoftwareRenderer(drmfb_surface(ui->drmfb));
	if (!ui->renderer) {
		snprintf(err, errlen, "无法绘制到屏幕：%s", SDL_GetError());
		return -1;
	}
	drmfb_describe(ui->drmfb, mode, sizeof mode);
	log_msg(LOG_INFO, "显示：KMS 哑缓冲（不用 EGL），绘制：software，屏幕 %s", mode);
	return 0;
}

/* KIOSK_DISPLAY=dumb takes the dumb-buffer path at once: for a board whose GL stack opens
 * but draws wrong, and for the whole-system test of this path. */
static bool open_dumb_screen(struct ui *ui, const struct ui_config *cfg)
{
	const char *want = getenv("KIOSK_DISPLAY");
	char err[256];

	if (!want || strcmp(want, "dumb") != 0 || !cfg->fullscreen || !on_kmsdrm())
		return false;
	if (dumb_screen(ui, err, sizeof err) == 0)
		return true;
	log_msg(LOG_WARNING, "KIOSK_DISPLAY=dumb 不可用（%s），改用 EGL", err);
	if (ui->renderer)
		SDL_DestroyRenderer(ui->renderer);
	ui->renderer = NULL;
	drmfb_close(ui->drmfb);
	ui->drmfb = NULL;
	return false;
}

struct ui *ui_open(const struct ui_config *cfg, char *err, size_t errlen)
{
	struct ui *ui = calloc(1, sizeof *ui);
	Uint32 flags = SDL_WINDOW_SHOWN;

	if (!ui) {
		snprintf(err, errlen, "内存不足");
		return NULL;
	}
	ui->pressed = -1;
	if (SDL_Init(SDL_INIT_VIDEO | SDL_INIT_EVENTS | SDL_INIT_TIMER) < 0) {
		snprintf(err, errlen, "无法打开显示屏（%s）；没有显示器时可用 SDL_VIDEODRIVER=dummy 运行",
			 SDL_GetError());
		free(ui);
		return NULL;
	}
	if (TTF_Init() < 0) {
		snprintf(err, errlen, "字体库初始化失败：%s", TTF_GetError());
		goto err;
	}
	IMG_Init(IMG_INIT_PNG | IMG_INIT_JPG);
	if (cfg->fullscreen)
		flags |= SDL_WINDOW_FULLSCREEN_DESKTOP | SDL_WINDOW_BORDERLESS;
	if (!open_dumb_screen(ui, cfg)) {
		ui->window = SDL_CreateWindow("党员活动室签到机", SDL_WINDOWPOS_CENTERED,
					      SDL_WINDOWPOS_CENTERED, cfg->w, cfg->h, flags);
		if (!ui->window && !(on_kmsdrm() && cfg->fullscreen)) {
			snprintf(err, errlen, "无法打开窗口：%s", SDL_GetError());
			goto err;
		}
		if (!ui->window) {
			log_msg(LOG_WARNING, "屏幕不能用 EGL/GBM 显示（%s），改用软件绘制", SDL_GetError());
			if (dumb_screen(ui, err, errlen) < 0)
				goto err;
		}
	}
	if (ui->window) {
		prefer_gles_on_kms();
		if (!cfg->software)
			ui->renderer = SDL_CreateRenderer(ui->window, -1, SDL_RENDERER_ACCELERATED);
		if (!ui->renderer) /* no GPU driver: the software renderer is always there */
			ui->renderer = SDL_CreateRenderer(ui->window, -1, SDL_RENDERER_SOFTWARE);
		if (!ui->renderer) {
			snprintf(err, errlen, "无法绘制到屏幕：%s", SDL_GetError());
			goto err;
		}
		log_path(ui);
		ui->first_present_lost = on_kmsdrm();
	}
	SDL_SetRenderDrawBlendMode(ui->renderer, SDL_BLENDMODE_BLEND);
	if (SDL_GetRendererOutputSize(ui->renderer, &ui->w, &ui->h) < 0 || ui->w <= 0 || ui->h <= 0) {
		ui->w = cfg->w;
		ui->h = cfg->h;
	}
	ui->short_side = ui->w < ui->h ? ui->w : ui->h;
	if (cfg->fullscreen)
		SDL_ShowCursor(SDL_DISABLE);
	ui->font = font_open(ui->renderer, err, errlen);
	if (!ui->font)
		goto err;
	return ui;
err:
	ui_close(ui);
	return NULL;
}

void ui_close(struct ui *ui)
{
	if (!ui)
		return;
	font_close(ui->font);
	if (ui->renderer)
		SDL_DestroyRenderer(ui->renderer);
	if (ui->window)
		SDL_DestroyWindow(ui->window);
	drmfb_close(ui->drmfb);
	IMG_Quit();
	if (TTF_WasInit())
		TTF_Quit();
	SDL_Quit();
	free(ui);
}

SDL_Color ui_color(const struct ui *ui, enum color c)
{
	return palette[ui->dimmed ? 1 : 0][c];
}

static void set_color(struct ui *ui, enum color c)
{
	SDL_Color col = ui_color(ui, c);

	SDL_SetRenderDrawColor(ui->renderer, col.r, col.g, col.b, col.a);
}

void ui_frame_begin(struct ui *ui)
{
	ui->nwidgets = 0;
	ui->parts[0] = '\0';
	ui->parts_cut = false;
	set_color(ui, C_BG);
	SDL_RenderClear(ui->renderer);
}

/* Under KMSDRM the first present sets the display mode with the first buffer, and on mesa's
 * software path (kms_swrast, as in a VM or a board whose GPU driver is missing) that buffer
 * reaches the screen black; every later present, a page flip, shows at once. An SDL program
 * that draws once and waits, as this kiosk does when nothing changes, then shows nothing
 * until its next change (seen in qemu: a single present of a red rectangle stays black; a
 * second present shows). So on KMSDRM the first frame is drawn twice. */
bool ui_frame_end(struct ui *ui)
{
	SDL_RenderPresent(ui->renderer);
	if (ui->drmfb)
		drmfb_present(ui->drmfb);
	ui->frames++;
	return ui->first_present_lost && ui->frames == 1;
}

bool ui_on_screen(const struct ui *ui)
{
	return ui->frames >= (ui->first_present_lost ? 2UL : 1UL);
}

int ui_text_px(const struct ui *ui, enum text_size size)
{
	double px = ui->short_side / text_divisor[size];

	if (ui->large)
		px *= LARGE_FACTOR;
	return (int)lround(px);
}

int ui_target(const struct ui *ui)
{
	return ui->short_side / (ui->large ? 8 : 11);
}

int ui_gap(const struct ui *ui)
{
	int g = ui->short_side / 60;

	return g < 4 ? 4 : g;
}

void ui_fill_rgb(struct ui *ui, SDL_Rect r, SDL_Color c)
{
	SDL_SetRenderDrawColor(ui->renderer, c.r, c.g, c.b, c.a);
	SDL_RenderFillRect(ui->renderer, &r);
}

void ui_fill(struct ui *ui, SDL_Rect r, enum color c)
{
	ui_fill_rgb(ui, r, ui_color(ui, c));
}

/* Horizontal inset of a rounded corner on row y (0 = the outermost row). */
static int corner_inset(int radius, int y)
{
	double dy = radius - y - 0.5;

	return radius - (int)lround(sqrt((double)radius * radius - dy * dy));
}

void ui_fill_round(struct ui *ui, SDL_Rect r, int radius, enum color c)
{
	ui_fill_round_rgb(ui, r, radius, ui_color(ui, c));
}

void ui_fill_round_rgb(struct ui *ui, SDL_Rect r, int radius, SDL_Color c)
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
		int in = corner_inset(radius, y);
		rows[n++] = (SDL_Rect){ r.x + in, r.y + y, r.w - 2 * in, 1 };
		rows[n++] = (SDL_Rect){ r.x + in, r.y + r.h - 1 - y, r.w - 2 * in, 1 };
	}
	rows[n++] = (SDL_Rect){ r.x, r.y + radius, r.w, r.h - 2 * radius };
	SDL_RenderFillRects(ui->renderer, rows, n);
}

void ui_frame_round(struct ui *ui, SDL_Rect r, int radius, int thickness, enum color c)
{
	SDL_Rect inner = rect_inset(r, thickness);

	/* An outline is a filled shape with the card drawn inside it. */
	ui_fill_round(ui, r, radius, c);
	ui_fill_round(ui, inner, radius > thickness ? radius - thickness : 0, C_CARD);
}

/* Copy text into a label field, ending on a whole character and with line breaks as spaces. */
static void copy_label(char *dst, size_t size, const char *text)
{
	char *p;

	snprintf(dst, size, "%s", text ? text : "");
	/* A label cut to fit ends on a whole character, not half of one. */
	if (text && strlen(text) >= size) {
		size_t n = size - 1, start = n;
		unsigned char lead;
		while (start > 0 && ((unsigned char)dst[start - 1] & 0xC0) == 0x80)
			start--;
		lead = start > 0 ? (unsigned char)dst[start - 1] : 0;
		if (lead >= 0xC0 && start - 1 + (lead >= 0xF0 ? 4u : lead >= 0xE0 ? 3u : 2u) > n)
			dst[start - 1] = '\0';
	}
	for (p = dst; *p; p++)
		if (*p == '\n')
			*p = ' ';
}

/* Record a widget whose text was drawn as shown (NULL: as label). */
static void record(struct ui *ui, SDL_Rect r, enum widget_role role, const char *label,
		   const char *shown, bool cut, bool tail, int action, int64_t arg)
{
	struct widget *w;

	ui->parts[0] = '\0';
	ui->parts_cut = false;
	if (ui->nwidgets == UI_MAX_WIDGETS)
		return;
	w = &ui->widgets[ui->nwidgets++];
	w->r = r;
	w->role = role;
	w->action = action;
	w->arg = arg;
	copy_label(w->label, sizeof w->label, label);
	copy_label(w->shown, sizeof w->shown, shown ? shown : label);
	w->cut = cut;
	w->tail_cut = cut && tail;
	w->overlay = false;
}

void ui_widget(struct ui *ui, SDL_Rect r, enum widget_role role, const char *label, int action,
	       int64_t arg)
{
	char shown[UI_LABEL];
	bool cut = ui->parts_cut;

	/* A card drawn from parts shows its parts; say so when one of them was cut. */
	snprintf(shown, sizeof shown, "%s", ui->parts);
	record(ui, r, role, label, cut ? shown : NULL, cut, false, action, arg);
}

struct measure_ctx {
	struct font *font;
	int px;
	bool bold;
};

static int measure(void *ctx, const char *s, size_t n)
{
	struct measure_ctx *m = ctx;

	return font_text_width(m->font, m->px, m->bold, s, n);
}

int ui_text_width(struct ui *ui, const char *text, int px, bool bold)
{
	return font_text_width(ui->font, px, bold, text, strlen(text));
}

int ui_line_height(struct ui *ui, int px)
{
	return font_line_height(ui->font, px);
}

#define MAX_LINES 64

/* Lay text out in r: the lines that fit, with … on the last when cut. Draws when draw is set.
 * Returns the height; *bounds is the area the text covers. */
static int layout_text(struct ui *ui, SDL_Rect r, const char *text, int px, bool bold,
		       SDL_Color color, enum align align, bool draw, SDL_Rect *bounds,
		       char *shown, size_t shown_len, bool *was_cut)
{
	struct measure_ctx m = { ui->font, px, bold };
	struct line_span lines[MAX_LINES];
	int lh = font_line_height(ui->font, px), fit, i, widest = 0, y = r.y, left = r.x + r.w;
	size_t n = linebreak(text, r.w, measure, &m, lines, MAX_LINES);
	bool cut;

	if (n > MAX_LINES)
		n = MAX_LINES;
	fit = lh > 0 ? r.h / lh : (int)n;
	if (fit < 1)
		fit = 1;
	cut = (int)n > fit;
	if (cut)
		n = (size_t)fit;
	if (was_cut)
		*was_cut = cut;
	if (shown)
		snprintf(shown, shown_len, "%s", text);
	for (i = 0; i < (int)n; i++) {
		char buf[1024];
		const char *s = text + lines[i].start;
		size_t len = lines[i].end - lines[i].start;
		int w, x;

		if (cut && i == (int)n - 1) {
			/* Drop characters until the line and "…" fit. */
			size_t keep = len < sizeof buf - 4 ? len : sizeof buf - 4;
			do {
				memcpy(buf, s, keep);
				strcpy(buf + keep, "…");
				w = font_text_width(ui->font, px, bold, buf, strlen(buf));
				if (w <= r.w || keep == 0)
					break;
				do
					keep--;
				while (keep > 0 && ((unsigned char)s[keep] & 0xC0) == 0x80);
			} while (1);
			/* What shows: the text up to where this line was cut, and the "…". */
			if (shown)
				snprintf(shown, shown_len, "%.*s%s", (int)(s - text) + (int)keep, text, "…");
			s = buf;
			len = strlen(buf);
		} else {
			w = lines[i].width;
		}
		x = align == ALIGN_CENTER ? r.x + (r.w - w) / 2 : align == ALIGN_RIGHT ? r.x + r.w - w : r.x;
		if (draw)
			font_draw(ui->font, px, bold, x, y, color, s, len);
		if (w > widest)
			widest = w;
		if (x < left)
			left = x;
		y += lh;
	}
	if (bounds)
		*bounds = (SDL_Rect){ n ? left : r.x, r.y, widest, y - r.y };
	return y - r.y;
}

int ui_text_height(struct ui *ui, const char *text, enum text_size size, bool bold, int width)
{
	SDL_Rect r = { 0, 0, width, ui->h };

	return layout_text(ui, r, text, ui_text_px(ui, size), bold, ui_color(ui, C_TEXT), ALIGN_LEFT,
			   false, NULL, NULL, 0, NULL);
}

int ui_text_rgb(struct ui *ui, SDL_Rect r, const char *text, int px, bool bold, SDL_Color c,
		enum align align)
{
	char shown[UI_LABEL];
	size_t used = strlen(ui->parts);
	bool cut;
	int h = layout_text(ui, r, text, px, bold, c, align, true, NULL, shown, sizeof shown, &cut);

	/* Kept for the widget these parts make up (ui_widget). */
	snprintf(ui->parts + used, sizeof ui->parts - used, "%s%s", used ? " " : "", shown);
	ui->parts_cut |= cut;
	return h;
}

static int label_px(struct ui *ui, SDL_Rect r, const char *text, int px, bool bold, enum color c,
		    enum align align, bool tail)
{
	SDL_Rect bounds;
	char shown[UI_LABEL];
	bool cut;
	int h = layout_text(ui, r, text, px, bold, ui_color(ui, c), align, true, &bounds, shown,
			    sizeof shown, &cut);

	if (text[0])
		record(ui, bounds, ROLE_LABEL, text, shown, cut, tail, 0, 0);
	return h;
}

int ui_label_px(struct ui *ui, SDL_Rect r, const char *text, int px, bool bold, enum color c,
		enum align align)
{
	return label_px(ui, r, text, px, bold, c, align, false);
}

int ui_label_ex(struct ui *ui, SDL_Rect r, const char *text, enum text_size size, enum color c,
		int opt)
{
	enum align align = opt & UI_CENTER ? ALIGN_CENTER : opt & UI_RIGHT ? ALIGN_RIGHT : ALIGN_LEFT;

	return label_px(ui, r, text, ui_text_px(ui, size), (opt & UI_BOLD) != 0, c, align,
			(opt & UI_TAIL) != 0);
}

int ui_label(struct ui *ui, SDL_Rect r, const char *text, enum text_size size, int opt)
{
	return ui_label_ex(ui, r, text, size, opt & UI_MUTED ? C_MUTED : C_TEXT, opt);
}

static const struct {
	enum color bg, pressed_bg, fg, sub;
	bool border;
} button_styles[] = {
	[BTN_PRIMARY] = { C_RED, C_RED_DARK, C_ON_RED, C_ON_RED, false },
	[BTN_NORMAL] = { C_CARD, C_SELECTED, C_TEXT, C_MUTED, true },
	[BTN_SELECTED] = { C_SELECTED, C_SELECTED, C_RED_DARK, C_MUTED, true },
	[BTN_SUCCESS] = { C_GREEN, C_GREEN, C_ON_GREEN, C_ON_GREEN, false },
};

/* The largest text size, from the button's height down to the smallest readable size, at which
 * label fits on one line; 0 when even the smallest does not. Text width grows in proportion to
 * the size, so one measurement at the largest size predicts the rest; sizes are kept to even
 * pixels so the glyph cache sees a handful of sizes, not every one. */
static int fit_px(struct ui *ui, const char *label, int max_px, int width)
{
	int min_px = ui_text_px(ui, TS_SMALL), px, w;

	w = ui_text_width(ui, label, max_px, true);
	if (w <= width)
		return max_px;
	px = (int)((long)max_px * width / (w > 0 ? w : 1)) & ~1;
	for (; px >= min_px; px -= 2)
		if (ui_text_width(ui, label, px, true) <= width)
			return px;
	return 0;
}

void ui_button(struct ui *ui, SDL_Rect r, const char *label, const char *sub,
	       enum button_style style, int action, int64_t arg)
{
	int radius = ui->short_side / 80, pad = ui_gap(ui), px, sub_px = 0, lh, sub_lh = 0, top;
	bool pressed = ui->pressed >= 0 && ui->pressed == ui->nwidgets;
	int max_px = sub && *sub ? r.h * 40 / 100 : r.h * 55 / 100;
	SDL_Rect inner = rect_inset(r, pad);
	char joined[UI_LABEL], joined_shown[UI_LABEL], shown[UI_LABEL], sub_shown[UI_LABEL] = "";
	bool cut = false, sub_cut = false;

	if (max_px > ui_text_px(ui, TS_HUGE))
		max_px = ui_text_px(ui, TS_HUGE);
	max_px &= ~1;
	if (button_styles[style].border) {
		ui_fill_round(ui, r, radius, pressed ? C_RED : C_BORDER);
		ui_fill_round(ui, rect_inset(r, 2), radius, pressed ? C_SELECTED : button_styles[style].bg);
	} else {
		ui_fill_round(ui, r, radius, pressed ? button_styles[style].pressed_bg : button_styles[style].bg);
	}
	px = fit_px(ui, label, max_px, inner.w);
	if (sub && *sub) {
		sub_px = ui_text_px(ui, TS_SMALL);
		sub_lh = font_line_height(ui->font, sub_px);
	}
	if (px) {
		lh = font_line_height(ui->font, px);
		top = r.y + (r.h - lh - sub_lh) / 2;
		layout_text(ui, (SDL_Rect){ inner.x, top, inner.w, lh }, label, px, true,
			    ui_color(ui, button_styles[style].fg), ALIGN_CENTER, true, NULL, shown,
			    sizeof shown, &cut);
	} else {
		/* Too long for one line even small: wrap it. */
		px = ui_text_px(ui, TS_SMALL);
		lh = layout_text(ui, (SDL_Rect){ inner.x, 0, inner.w, inner.h - sub_lh }, label, px,
				 true, ui_color(ui, button_styles[style].fg), ALIGN_CENTER, false, NULL,
				 NULL, 0, NULL);
		top = r.y + (r.h - lh - sub_lh) / 2;
		layout_text(ui, (SDL_Rect){ inner.x, top, inner.w, lh }, label, px, true,
			    ui_color(ui, button_styles[style].fg), ALIGN_CENTER, true, NULL, shown,
			    sizeof shown, &cut);
	}
	if (sub_px)
		layout_text(ui, (SDL_Rect){ inner.x, top + lh, inner.w, sub_lh }, sub, sub_px, false,
			    ui_color(ui, button_styles[style].sub), ALIGN_CENTER, true, NULL, sub_shown,
			    sizeof sub_shown, &sub_cut);
	snprintf(joined, sizeof joined, "%s%s%s", label, sub && *sub ? " " : "", sub && *sub ? sub : "");
	snprintf(joined_shown, sizeof joined_shown, "%s%s%s", shown, sub_px ? " " : "",
		 sub_px ? sub_shown : "");
	record(ui, r, ROLE_BUTTON, joined, joined_shown, cut || sub_cut, false, action, arg);
}

void ui_bar(struct ui *ui, SDL_Rect r, double fraction, enum color c, const char *label)
{
	int radius = r.h / 5, w;

	if (fraction < 0 || fraction != fraction)
		fraction = 0;
	if (fraction > 1)
		fraction = 1;
	w = (int)lround(r.w * fraction);
	ui_fill_round(ui, r, radius, C_SELECTED);
	if (w > 0)
		ui_fill_round(ui, (SDL_Rect){ r.x, r.y, w < radius * 2 ? radius * 2 : w, r.h }, radius, c);
	record(ui, r, ROLE_IMAGE, label, NULL, false, false, 0, 0);
}

void ui_image(struct ui *ui, SDL_Rect r, const char *label)
{
	record(ui, r, ROLE_IMAGE, label, NULL, false, false, 0, 0);
}

const struct widget *ui_hit(const struct ui *ui, int x, int y)
{
	SDL_Point p = { x, y };
	int i;

	for (i = ui->nwidgets - 1; i >= 0; i--)
		if (ui->widgets[i].action && SDL_PointInRect(&p, &ui->widgets[i].r))
			return &ui->widgets[i];
	return NULL;
}

/* Pick among matches: one is the answer; several are one only if just one is tappable. */
static const struct widget *choose(const struct ui *ui, const char *text, bool exact, int *count)
{
	const struct widget *found = NULL, *tappable = NULL;
	int i, taps = 0;

	*count = 0;
	for (i = 0; i < ui->nwidgets; i++) {
		const struct widget *w = &ui->widgets[i];
		bool match = exact ? strcmp(w->label, text) == 0 : strstr(w->label, text) != NULL;
		if (!match)
			continue;
		(*count)++;
		found = w;
		if (w->action) {
			taps++;
			tappable = w;
		}
	}
	if (*count > 1 && taps == 1)
		return tappable;
	return *count == 1 ? found : NULL;
}

const struct widget *ui_find(const struct ui *ui, const char *text, char *err, size_t errlen)
{
	const struct widget *w;
	int count;

	w = choose(ui, text, true, &count);
	if (w)
		return w;
	if (count == 0) {
		w = choose(ui, text, false, &count);
		if (w)
			return w;
	}
	if (count == 0)
		snprintf(err, errlen, "no visible widget shows \"%s\"", text);
	else
		snprintf(err, errlen, "%d widgets show \"%s\"; say which", count, text);
	return NULL;
}

bool ui_has_text(const struct ui *ui, const char *text)
{
	int i;

	for (i = 0; i < ui->nwidgets; i++)
		if (strstr(ui->widgets[i].label, text))
			return true;
	return false;
}

int ui_snapshot(struct ui *ui, const char *path, char *err, size_t errlen)
{
	SDL_Surface *s = SDL_CreateRGBSurfaceWithFormat(0, ui->w, ui->h, 32, SDL_PIXELFORMAT_RGBA32);
	int rc = -1;

	if (!s) {
		snprintf(err, errlen, "cannot make a %dx%d surface: %s", ui->w, ui->h, SDL_GetError());
		return -1;
	}
	if (SDL_RenderReadPixels(ui->renderer, NULL, SDL_PIXELFORMAT_RGBA32, s->pixels, s->pitch) < 0)
		snprintf(err, errlen, "cannot read the frame: %s", SDL_GetError());
	else if (IMG_SavePNG(s, path) < 0)
		snprintf(err, errlen, "cannot write %s: %s", path, IMG_GetError());
	else
		rc = 0;
	SDL_FreeSurface(s);
	return rc;
}

int ui_dump(const struct ui *ui, const char *path, char *err, size_t errlen)
{
	static const char *const roles[] = { "label", "button", "image" };
	FILE *f = fopen(path, "w");
	int i;

	if (!f) {
		snprintf(err, errlen, "cannot write %s", path);
		return -1;
	}
	fprintf(f, "# %dx%d short=%d large=%d target=%d body=%d frames=%lu screen=%s\n", ui->w,
		ui->h, ui->short_side, ui->large, ui_target(ui), ui_text_px(ui, TS_SMALL), ui->frames,
		ui->screen ? ui->screen : "-");
	for (i = 0; i < ui->nwidgets; i++) {
		const struct widget *w = &ui->widgets[i];
		fprintf(f, "%d %d %d %d %s%s%s %s\n", w->r.x, w->r.y, w->r.w, w->r.h, roles[w->role],
			w->tail_cut ? "/tail" : w->cut ? "/cut" : "", w->overlay ? "/over" : "", w->shown);
	}
	if (fclose(f) != 0) {
		snprintf(err, errlen, "cannot write %s", path);
		return -1;
	}
	return 0;
}

SDL_Rect rect_cut_top(SDL_Rect *r, int h)
{
	SDL_Rect out;

	if (h > r->h)
		h = r->h;
	out = (SDL_Rect){ r->x, r->y, r->w, h };
	r->y += h;
	r->h -= h;
	return out;
}

SDL_Rect rect_cut_bottom(SDL_Rect *r, int h)
{
	if (h > r->h)
		h = r->h;
	r->h -= h;
	return (SDL_Rect){ r->x, r->y + r->h, r->w, h };
}

SDL_Rect rect_cut_left(SDL_Rect *r, int w)
{
	SDL_Rect out;

	if (w > r->w)
		w = r->w;
	out = (SDL_Rect){ r->x, r->y, w, r->h };
	r->x += w;
	r->w -= w;
	return out;
}

SDL_Rect rect_cut_right(SDL_Rect *r, int w)
{
	if (w > r->w)
		w = r->w;
	r->w -= w;
	return (SDL_Rect){ r->x + r->w, r->y, w, r->h };
}

SDL_Rect rect_inset(SDL_Rect r, int d)
{
	r.x += d;
	r.y += d;
	r.w -= 2 * d;
	r.h -= 2 * d;
	if (r.w < 0)
		r.w = 0;
	if (r.h < 0)
		r.h = 0;
	return r;
}
