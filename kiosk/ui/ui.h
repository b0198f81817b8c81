/* The drawing layer: the window and renderer, sizes that scale from the screen's short side,
 * the palette, and widgets. Screens draw through these calls only; every labelled thing drawn
 * is recorded as a widget of the frame, which is what taps hit, what replay's tap-text and
 * expect-text search, and what `dump` writes. */
#ifndef KIOSK_UI_UI_H
#define KIOSK_UI_UI_H

#include <SDL.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct font;
struct drmfb;

#define UI_MAX_WIDGETS 512
#define UI_LABEL 192

enum widget_role { ROLE_LABEL, ROLE_BUTTON, ROLE_IMAGE };

struct widget {
	SDL_Rect r;
	enum widget_role role;
	char label[UI_LABEL];
	/* The text as the screen drew it: the label, or its start and "…" where it was cut to fit
	 * (what dumps write; taps still match the whole label). */
	char shown[UI_LABEL];
	bool cut;       /* shown ends in a "…" the screen added */
	bool tail_cut;  /* ...and the cut part is free text that tells no rows apart (UI_TAIL) */
	bool overlay;   /* drawn over the screen for a moment (a toast): may cover other widgets */
	int action;  /* what the screen does on a tap; 0: not tappable */
	int64_t arg;
};

/* Text sizes, as fractions of the screen's short side (never below 1/30 for anything a
 * member reads), and larger again in 大字 mode. */
enum text_size { TS_SMALL, TS_BODY, TS_LARGE, TS_TITLE, TS_HUGE, TS_COUNT };

enum color {
	C_BG,        /* page background */
	C_CARD,      /* panels and plain buttons */
	C_BORDER,
	C_TEXT,
	C_MUTED,     /* secondary text, still >= 4.5:1 on C_BG and C_CARD */
	C_RED,       /* the party red: header, main buttons */
	C_RED_DARK,  /* pressed */
	C_ON_RED,    /* text on red */
	C_GREEN,     /* success */
	C_ON_GREEN,
	C_AMBER,     /* not yet / warning background */
	C_ON_AMBER,
	C_SELECTED,  /* a chosen tab */
	C_COUNT
};

enum button_style { BTN_PRIMARY, BTN_NORMAL, BTN_SELECTED, BTN_SUCCESS };

enum align { ALIGN_LEFT, ALIGN_CENTER, ALIGN_RIGHT };

struct ui {
	SDL_Window *window;
	SDL_Renderer *renderer;
	struct font *font;
	int w, h;       /* output size in pixels */
	int short_side;
	bool large;     /* 大字 */
	bool dimmed;    /* the idle home screen, sparing the panel */
	struct widget widgets[UI_MAX_WIDGETS];
	int nwidgets;
	int pressed;    /* index of the widget under a finger, or -1 */
	unsigned long frames;
	const char *screen;      /* the screen drawn (its name), for dumps */
	/* What ui_text_rgb drew since the last widget was recorded, and whether it cut any: a
	 * widget recorded by hand over those parts shows them. */
	char parts[UI_LABEL];
	bool parts_cut;
	bool first_present_lost; /* KMSDRM: see ui_frame_end */
	struct drmfb *drmfb;     /* KMSDRM without EGL: see ui/drmfb.c */
};

struct ui_config {
	int w, h;         /* window size; ignored when fullscreen */
	bool fullscreen;  /* the production kiosk: the whole display, KMSDRM without X */
	bool software;    /* force the software renderer (tests, snapshots) */
};

/* Open the window, renderer and fonts; NULL with err saying what to do. */
struct ui *ui_open(const struct ui_config *cfg, char *err, size_t errlen);
void ui_close(struct ui *ui);

/* Start a frame: clear to the background, forget last frame's widgets. */
void ui_frame_begin(struct ui *ui);
/* Show the frame; true when the screen needs it drawn once more (see ui.c). */
bool ui_frame_end(struct ui *ui);
/* Whether a whole frame has reached the screen (what READY=1 tells systemd). */
bool ui_on_screen(const struct ui *ui);

/* Sizes. */
int ui_text_px(const struct ui *ui, enum text_size size);
int ui_target(const struct ui *ui);  /* the least height/width of anything tappable */
int ui_gap(const struct ui *ui);     /* the spacing between things */

SDL_Color ui_color(const struct ui *ui, enum color c);

void ui_fill(struct ui *ui, SDL_Rect r, enum color c);
void ui_fill_round(struct ui *ui, SDL_Rect r, int radius, enum color c);
/* The same in any colour (a meeting kind's colour in the schedule). */
void ui_fill_rgb(struct ui *ui, SDL_Rect r, SDL_Color c);
void ui_fill_round_rgb(struct ui *ui, SDL_Rect r, int radius, SDL_Color c);
void ui_frame_round(struct ui *ui, SDL_Rect r, int radius, int thickness, enum color c);

/* Options for labels, or'ed together: bold, centred or right-aligned (else left), and for
 * ui_label the secondary text colour C_MUTED (else C_TEXT). */
enum { UI_BOLD = 1 << 0, UI_CENTER = 1 << 1, UI_RIGHT = 1 << 2, UI_MUTED = 1 << 3, UI_TAIL = 1 << 4 };
/* UI_TAIL: on a staff screen, the end of this text may be cut (a note, a reason): it tells no
 * rows apart. Any other cut text fails the layout check (tests/ui/layout_check.sh). */

/* Draw text in r (wrapped to r's width, cut with … at r's height) and record it as a label, in
 * the text colour (or C_MUTED): the common case. Returns the height used. */
int ui_label(struct ui *ui, SDL_Rect r, const char *text, enum text_size size, int opt);
/* The same in any colour (text on a green panel, a red heading). */
int ui_label_ex(struct ui *ui, SDL_Rect r, const char *text, enum text_size size, enum color c,
		int opt);
/* The same at an exact pixel size, for numbers and banners. */
int ui_label_px(struct ui *ui, SDL_Rect r, const char *text, int px, bool bold, enum color c,
		enum align align);

/* Height text would take wrapped to width (without drawing it). */
int ui_text_height(struct ui *ui, const char *text, enum text_size size, bool bold, int width);

/* Draw text in any colour without recording it: a part of something recorded whole with
 * ui_widget (a card, a page of text). Returns the height used. */
int ui_text_rgb(struct ui *ui, SDL_Rect r, const char *text, int px, bool bold, SDL_Color c,
		enum align align);

/* Record a widget by hand, for things drawn from several parts. */
void ui_widget(struct ui *ui, SDL_Rect r, enum widget_role role, const char *label, int action,
	       int64_t arg);

/* Width and height of one line of text. */
int ui_text_width(struct ui *ui, const char *text, int px, bool bold);
int ui_line_height(struct ui *ui, int px);

/* A button: a rounded panel with its label (and an optional second, smaller line) centred,
 * shrunk to fit; recorded as one widget whose label is the label and the second line joined by
 * a space. A tap on it reaches the screen as action/arg. */
void ui_button(struct ui *ui, SDL_Rect r, const char *label, const char *sub,
	       enum button_style style, int action, int64_t arg);

/* The speaker button (ui/speaker.c): a loudspeaker with waves, or crossed out when muted, and
 * label beside it; recorded as one widget with label. */
void ui_speaker(struct ui *ui, SDL_Rect r, bool muted, const char *label, int action);

/* Draw text as a QR code, as large as fits in r (square, centred), recorded with label.
 * Returns its side in pixels, or -1 when the text is too long for a QR code. */
int ui_qr(struct ui *ui, SDL_Rect r, const char *text, const char *label);

/* A horizontal bar for charts: a track the width of r, filled from the left to fraction (0-1)
 * in colour c, recorded as an image with label ("第一党支部 出勤率 85%") for dumps and tests. */
void ui_bar(struct ui *ui, SDL_Rect r, double fraction, enum color c, const char *label);

/* Record a non-text thing (a QR code, a picture) so dumps and layout checks see it. */
void ui_image(struct ui *ui, SDL_Rect r, const char *label);

/* The tappable widget at (x, y) in the last frame, or NULL. */
const struct widget *ui_hit(const struct ui *ui, int x, int y);

/* The visible widget whose label is exactly text, else the only one containing it; NULL with
 * err saying "none" or "several" (for replay's tap-text). */
const struct widget *ui_find(const struct ui *ui, const char *text, char *err, size_t errlen);

/* Is any visible widget's label containing text? */
bool ui_has_text(const struct ui *ui, const char *text);

/* Write the current frame as PNG, and the widgets as "x y w h role label" lines (the label as
 * drawn; role "label/cut" where the screen cut it, "label/tail" where UI_TAIL allowed that). */
int ui_snapshot(struct ui *ui, const char *path, char *err, size_t errlen);
int ui_dump(const struct ui *ui, const char *path, char *err, size_t errlen);

/* Rectangle cutting, for layouts that adapt to the screen (after "RectCut"). */
SDL_Rect rect_cut_top(SDL_Rect *r, int h);
SDL_Rect rect_cut_bottom(SDL_Rect *r, int h);
SDL_Rect rect_cut_left(SDL_Rect *r, int w);
SDL_Rect rect_cut_right(SDL_Rect *r, int w);
SDL_Rect rect_inset(SDL_Rect r, int d);

#endif
