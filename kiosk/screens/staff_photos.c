/* 会议照片 of one meeting, in staff mode (issue 17, docs/photos.md): a QR code for the staff
 * phone's upload page (web_photos.c; the address works for this meeting only while staff mode
 * is open), the photos as thumbnails (up to 12) with a delete that asks first, and 从U盘添加
 * for the pictures in a stick's 照片 folder. An upload landing refreshes the screen (a user
 * event) and counts as staff activity, so staff mode does not close under someone uploading. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/base/job.h"
#include "core/exchange/usb.h"
#include "core/party/meetings.h"
#include "core/party/photo.h"
#include "core/store/db.h"
#include "screens/screens.h"
#include "screens/staff_mode.h"
#include "ui/picture.h"
#include "ui/ui.h"
#include "web/web.h"

enum { ACT_PHOTO = 1, ACT_DELETE, ACT_CANCEL, ACT_USB };

#define JOB_POLL_MS 200

struct photos {
	struct staff_target t;
	struct meeting m;
	struct photo list[PHOTO_MAX_PER_MEETING];
	struct picture thumbs[PHOTO_MAX_PER_MEETING];
	int n;
	int selected; /* the photo asked about (删除这张照片？), or -1 */
	char url[400];
	char report[600]; /* what the last 从U盘添加 did */
	struct job *job;
	unsigned long job_changes;
};

/* A thumbnail small enough for its cell: a stored photo is up to 2048 px. */
static void load_thumb(struct app *app, const struct photo *p, struct picture *out)
{
	char path[1200];
	SDL_Surface *s, *small, *rgb;
	int h = app->ui->short_side / 4, w;

	memset(out, 0, sizeof *out);
	photo_path(app->db->path, p->sha256, path, sizeof path);
	if (!(s = picture_surface_load(path)))
		return;
	w = s->w * h / (s->h > 0 ? s->h : 1);
	if (h < s->h && w > 0) {
		rgb = SDL_ConvertSurfaceFormat(s, SDL_PIXELFORMAT_ARGB8888, 0);
		small = SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_ARGB8888);
		if (rgb && small && SDL_SoftStretchLinear(rgb, NULL, small, NULL) == 0)
			picture_from_surface(app->ui, small, out);
		SDL_FreeSurface(rgb);
		SDL_FreeSurface(small);
	}
	if (!out->tex)
		picture_from_surface(app->ui, s, out);
	SDL_FreeSurface(s);
}

static void free_thumbs(struct photos *s)
{
	int i;

	for (i = 0; i < PHOTO_MAX_PER_MEETING; i++)
		picture_free(&s->thumbs[i]);
}

/* The photos as they are now; thumbnails loaded again only when the list changed. True when it
 * did. */
static bool load(struct app *app, struct photos *s)
{
	struct photo now[PHOTO_MAX_PER_MEETING];
	int i, n = photo_list(app->db, s->t.meeting_id, now, PHOTO_MAX_PER_MEETING, app->err,
			      sizeof app->err);

	if (n < 0) {
		app_toast_warn(app, app->err);
		return false;
	}
	if (n == s->n && memcmp(now, s->list, (size_t)n * sizeof *now) == 0)
		return false;
	free_thumbs(s);
	memcpy(s->list, now, (size_t)n * sizeof *now);
	s->n = n;
	for (i = 0; i < n; i++)
		load_thumb(app, &s->list[i], &s->thumbs[i]);
	if (s->selected >= n)
		s->selected = -1;
	app_dirty(app);
	return true;
}

static int staff_photos_enter(struct app *app, const void *arg)
{
	struct photos *s = calloc(1, sizeof *s);

	if (!s)
		return -1;
	app->state = s;
	s->t = *(const struct staff_target *)arg;
	s->selected = -1;
	s->n = -1; /* so that the first load loads */
	if (meetings_get(app->db, s->t.meeting_id, &s->m, app->err, sizeof app->err) < 0)
		return -1;
	/* This meeting's upload address; any other meeting's stops working. */
	web_photos_grant(app->web, s->m.id, app->staff.name, s->url, sizeof s->url);
	if (!load(app, s) && s->n < 0)
		s->n = 0;
	return 0;
}

static void staff_photos_leave(struct app *app)
{
	struct photos *s = app->state;

	if (s) {
		job_free(s->job); /* waits for a 从U盘添加 under way */
		free_thumbs(s);
	}
	free(s);
	app->state = NULL;
}

/* ---- 从U盘添加 ---- */

struct usb_arg {
	int64_t meeting_id;
	char dir[USB_PATH];
	char actor[128];
	time_t now;
	struct job *job;
	int done, refused;
};

static void usb_report(void *ctx, const char *name, const char *err, bool already)
{
	struct usb_arg *a = ctx;
	char line[700];

	(void)already;
	a->done++;
	if (err) {
		a->refused++;
		snprintf(line, sizeof line, "%s：%s", name, err);
		job_problem(a->job, line);
	}
	job_progress(a->job, 0, "已处理 %d 张", a->done);
}

static int usb_work(struct job *job, struct db *db, void *arg, char *err, size_t errlen)
{
	struct usb_arg *a = arg;
	int added;

	a->job = job;
	added = photo_add_folder(db, a->meeting_id, a->dir, a->actor, a->now, usb_report, a, err,
				 errlen);
	if (added < 0)
		return -1;
	job_progress(job, 1, "%d", added);
	return 0;
}

static void start_usb(struct app *app, struct photos *s)
{
	struct usb_stick sticks[USB_MAX];
	struct usb_arg *a;
	char err[512];
	int n = 0;

	if (s->job)
		return;
	staff_mode_usb_scan(app, sticks, &n);
	if (n == 0) {
		app_toast_warn(app, "没有找到U盘：请插上U盘，等几秒再点“从U盘添加”");
		return;
	}
	if (!(a = calloc(1, sizeof *a)))
		return;
	a->meeting_id = s->m.id;
	snprintf(a->dir, sizeof a->dir, "%s", sticks[0].path);
	snprintf(a->actor, sizeof a->actor, "%s", app->staff.name);
	a->now = app_now(app);
	s->job = job_start(app->db->path, usb_work, a, free, err, sizeof err);
	if (!s->job) {
		app_toast_warn(app, err);
		return;
	}
	snprintf(s->report, sizeof s->report, "正在从U盘添加照片……");
	app_dirty(app);
	app_tick_soon(app, app_now_ms(app) + JOB_POLL_MS);
}

/* The job's end: how many were added, and why any were refused (the first two reasons). */
static void usb_finished(struct app *app, struct photos *s, const struct job_status *st)
{
	struct usb_arg *a = job_arg(s->job);
	char line[700];
	size_t len;
	int i;

	if (st->rc < 0) {
		snprintf(s->report, sizeof s->report, "%s", st->err);
	} else if (a->done == 0) {
		snprintf(s->report, sizeof s->report, "U盘的“照片”文件夹（或U盘根目录）里没有 JPEG 或 PNG 照片");
	} else {
		len = (size_t)snprintf(s->report, sizeof s->report, "从U盘添加了 %s 张照片", st->status);
		if (a->refused)
			len += (size_t)snprintf(s->report + len, sizeof s->report - len, "，%d 张没有添加",
						a->refused);
		for (i = 0; i < 2 && len < sizeof s->report &&
			    job_problem_get(s->job, i, line, sizeof line) == 0; i++)
			len += (size_t)snprintf(s->report + len, sizeof s->report - len, "%s%s",
						i ? "；" : "：", line);
	}
	job_free(s->job);
	s->job = NULL;
	load(app, s);
	app_dirty(app);
}

static int64_t staff_photos_tick(struct app *app, int64_t now_ms)
{
	struct photos *s = app->state;
	struct job_status st;

	if (!s->job)
		return 0;
	job_poll(s->job, &st);
	if (app->mode)
		app->mode->touched(app, now_ms); /* working for staff: not idle */
	if (st.finished) {
		usb_finished(app, s, &st);
		return 0;
	}
	if (st.changes != s->job_changes) {
		s->job_changes = st.changes;
		snprintf(s->report, sizeof s->report, "正在从U盘添加照片……%s", st.status);
		app_dirty(app);
	}
	return now_ms + JOB_POLL_MS;
}

/* ---- events ---- */

static void staff_photos_event(struct app *app, const struct input *in)
{
	struct photos *s = app->state;
	char text[160];

	if (in->type == IN_REFRESH) {
		/* a phone's upload: someone is at work, so staff mode stays open */
		if (load(app, s) && app->mode)
			app->mode->touched(app, app_now_ms(app));
		return;
	}
	if (in->type != IN_TAP)
		return;
	switch (in->action) {
	case ACT_PHOTO:
		s->selected = in->arg >= 0 && in->arg < s->n ? (int)in->arg : -1;
		app_dirty(app);
		break;
	case ACT_CANCEL:
		s->selected = -1;
		app_dirty(app);
		break;
	case ACT_DELETE:
		if (s->selected < 0)
			break;
		if (photo_delete(app->db, s->m.id, s->list[s->selected].id, app->staff.name,
				 app_now(app), app->err, sizeof app->err) < 0) {
			app_toast_warn(app, app->err);
		} else {
			snprintf(text, sizeof text, "已删除第 %d 张照片", s->selected + 1);
			app_toast(app, text);
		}
		s->selected = -1;
		load(app, s);
		app_dirty(app);
		break;
	case ACT_USB:
		start_usb(app, s);
		break;
	}
}

/* ---- drawing ---- */

/* The QR for the staff phone, its address, and 从U盘添加, in r. */
static void draw_side(struct app *app, struct photos *s, SDL_Rect r)
{
	struct ui *ui = app->ui;
	int gap = ui_gap(ui), bh = ui_target(ui) * 3 / 2;
	static const char hint[] = "手机连上本室 Wi-Fi 再扫；退出管理模式后失效";
	int url_h = ui_text_height(ui, s->url, TS_SMALL, false, r.w), side;
	int hint_h = ui_text_height(ui, hint, TS_SMALL, false, r.w);

	ui_button(ui, rect_cut_bottom(&r, bh), s->job ? "正在从U盘添加……" : "从U盘添加",
		  "U盘里“照片”文件夹中的照片", BTN_NORMAL, ACT_USB, 0);
	rect_cut_bottom(&r, gap);
	if (!s->url[0]) {
		ui_label(ui, r, "手机上传没有开启（签到机的网页服务已关闭）；可以从U盘添加", TS_BODY,
			 UI_MUTED);
		return;
	}
	rect_cut_top(&r, ui_label(ui, r, "用手机扫码上传照片", TS_BODY, UI_BOLD | UI_CENTER) + gap / 2);
	side = r.h - url_h - hint_h - gap;
	if (side > r.w)
		side = r.w;
	if (side < ui->short_side / 5)
		side = ui->short_side / 5;
	ui_qr(ui, rect_cut_top(&r, side), s->url, "上传照片二维码");
	rect_cut_top(&r, gap / 2);
	rect_cut_top(&r, ui_label(ui, r, s->url, TS_SMALL, UI_CENTER | UI_MUTED) + gap / 2);
	ui_label(ui, r, hint, TS_SMALL, UI_CENTER | UI_MUTED);
}

/* The photos in a grid of 4 x 3 (3 x 4 on a tall screen); the chosen one framed. */
static void draw_grid(struct app *app, struct photos *s, SDL_Rect r)
{
	struct ui *ui = app->ui;
	int gap = ui_gap(ui), cols = r.w > r.h ? 4 : 3, rows = PHOTO_MAX_PER_MEETING / cols, i;
	int cw = (r.w - gap * (cols - 1)) / cols, ch = (r.h - gap * (rows - 1)) / rows;
	char label[64];

	for (i = 0; i < s->n; i++) {
		SDL_Rect cell = { r.x + (i % cols) * (cw + gap), r.y + (i / cols) * (ch + gap), cw, ch };
		snprintf(label, sizeof label, "照片 %d", i + 1);
		/* the chosen one framed in red (an outline is the card inside a filled shape) */
		if (i == s->selected)
			ui_frame_round(ui, cell, gap / 2, gap / 2 + 2, C_RED);
		else
			ui_fill_round(ui, cell, gap / 2, C_CARD);
		if (s->thumbs[i].tex)
			picture_fit(ui, &s->thumbs[i], rect_inset(cell, gap / 2 + 2));
		ui_widget(ui, cell, ROLE_BUTTON, label, ACT_PHOTO, i);
	}
}

static void staff_photos_draw(struct app *app)
{
	struct photos *s = app->state;
	struct ui *ui = app->ui;
	int gap = ui_gap(ui), bh = ui_target(ui) * 3 / 2;
	char title[MEETING_TEXT + 32], line[160];
	SDL_Rect body, side, bar;

	snprintf(title, sizeof title, "会议照片：%s", s->m.title);
	body = rect_inset(chrome_header(app, title, true, 0), gap * 2);
	if (ui->h > ui->w) {
		side = rect_cut_top(&body, body.h * 42 / 100);
		rect_cut_top(&body, gap * 2);
	} else {
		side = rect_cut_right(&body, body.w * 34 / 100);
		rect_cut_right(&body, gap * 3);
	}
	draw_side(app, s, side);
	/* Over the grid: how many, or what the last 从U盘添加 did; under it, the delete bar. */
	snprintf(line, sizeof line, "已有 %d 张照片，最多 %d 张%s", s->n, PHOTO_MAX_PER_MEETING,
		 s->n ? "；点一张可以删除" : "");
	rect_cut_top(&body, ui_label(ui, body, line, TS_BODY, UI_BOLD) + gap / 2);
	if (s->report[0])
		rect_cut_top(&body, ui_label(ui, body, s->report, TS_SMALL, UI_TAIL) + gap / 2);
	if (s->selected >= 0) {
		/* the question over its two answers, under the grid */
		bar = rect_cut_bottom(&body, bh);
		snprintf(line, sizeof line, "删除第 %d 张照片？", s->selected + 1);
		ui_button(ui, rect_cut_right(&bar, (bar.w - gap) / 2), "取消", "留着这张", BTN_NORMAL,
			  ACT_CANCEL, 0);
		rect_cut_right(&bar, gap);
		ui_button(ui, bar, "删除", "从这次会议中删去", BTN_PRIMARY, ACT_DELETE, 0);
		rect_cut_bottom(&body, gap / 2);
		ui_label(ui, rect_cut_bottom(&body, ui_line_height(ui, ui_text_px(ui, TS_LARGE))), line,
			 TS_LARGE, UI_BOLD);
		rect_cut_bottom(&body, gap);
	}
	if (s->n == 0)
		ui_label(ui, body, "还没有照片。用手机扫二维码上传，或从U盘添加。", TS_LARGE, UI_MUTED);
	else
		draw_grid(app, s, body);
}

const struct screen staff_photos_screen = {
	.name = "staff_photos",
	.enter = staff_photos_enter,
	.leave = staff_photos_leave,
	.event = staff_photos_event,
	.tick = staff_photos_tick,
	.draw = staff_photos_draw,
};
