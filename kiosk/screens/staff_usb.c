/* 导出 and 导入 on a USB stick. The stick is looked for every two seconds while this screen is
 * up (staff mode only). The export runs as a background job (core/base/job.h) with its own
 * database connection (export_to() in core/exchange/export.c writes, syncs and reads back every
 * file before the folder gets its final name); the screen polls the job on its tick, so it stays
 * responsive. 导入 takes a roster saved as CSV from
 * the stick's top folder (checked first: staff see what would change, or every problem, before
 * anything is written), or the study materials in the stick's 学习资料 folder. 打印空白签到表
 * writes one meeting's blank sign-in sheet (the paper fallback) to the stick: today's and the
 * coming meetings first, then the last month's, newest first; a job as the export is. */
#include <SDL.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "core/base/job.h"
#include "core/store/db.h"
#include "core/exchange/export.h"
#include "core/exchange/export_sheet.h"
#include "core/materials/materials.h"
#include "core/exchange/roster.h"
#include "core/base/syserr.h"
#include "screens/screens.h"
#include "screens/staff_mode.h"
#include "ui/ui.h"

#define MAX_PROBLEMS 40
#define MAX_ROSTER_BYTES (16 * 1024 * 1024)
#define MATERIALS_FOLDER "学习资料"
#define JOB_POLL_MS 100 /* how often a running export or import is looked at */
#define MAX_PICKS 80
#define DAY_SECONDS (24 * 3600)

enum {
	ACT_STICK = 1,   /* arg: index */
	ACT_EXPORT_ALL,
	ACT_EXPORT_NEW,
	ACT_FILE,        /* arg: index into files */
	ACT_CONFIRM,     /* apply the roster checked */
	ACT_MATERIALS,
	ACT_AGAIN,       /* back to the choices */
	ACT_SHEET,       /* 打印空白签到表: choose the meeting */
	ACT_PICK,        /* arg: index into picks */
	ACT_PREV,
	ACT_NEXT,
};

enum phase { IDLE, EXPORTING, EXPORTED, CHECKED, IMPORTED, MATERIALS_RUNNING, MATERIALS_DONE, FAILED,
	     PICK, SHEET_RUNNING, SHEET_DONE };

struct usb_screen {
	enum staff_usb_mode mode;
	struct usb_stick sticks[USB_MAX];
	int nsticks, stick;
	char files[USB_MAX_FILES][256];
	int nfiles;
	enum phase phase;
	struct job *job;       /* the export or the materials import under way */
	unsigned long job_seen; /* its changes when last drawn */
	int64_t next_scan_ms;
	char chosen[256];      /* the roster file checked */
	char summary[512];
	char problems[MAX_PROBLEMS][512];
	int nproblems, more_problems;
	char message[512];
	struct meeting *picks; /* the meetings a blank sheet may be for */
	int npicks, page;
	struct chrome_grid grid; /* the last frame's, for turning pages */
};

static void list_files(struct usb_screen *u)
{
	u->nfiles = 0;
	if (u->nsticks > 0) {
		u->nfiles = usb_files(u->sticks[u->stick].path, ".csv|.xlsx", u->files, USB_MAX_FILES);
		if (u->nfiles < 0)
			u->nfiles = 0;
		if (u->nfiles > USB_MAX_FILES)
			u->nfiles = USB_MAX_FILES;
	}
}

static void scan(struct app *app, struct usb_screen *u)
{
	char keep[USB_PATH];
	int i;

	snprintf(keep, sizeof keep, "%s", u->nsticks ? u->sticks[u->stick].path : "");
	if (!staff_mode_usb_scan(app, u->sticks, &u->nsticks))
		return;
	u->stick = 0;
	for (i = 0; i < u->nsticks; i++)
		if (strcmp(u->sticks[i].path, keep) == 0)
			u->stick = i;
	/* A stick pulled out: what was shown of it no longer holds (unless a job is running). */
	if (!keep[0] || u->nsticks == 0 || strcmp(u->sticks[u->stick].path, keep) != 0) {
		if (u->phase != EXPORTING && u->phase != MATERIALS_RUNNING && u->phase != EXPORTED &&
		    u->phase != FAILED && u->phase != SHEET_RUNNING && u->phase != SHEET_DONE)
			u->phase = IDLE;
	}
	list_files(u);
	app_dirty(app);
}

static int staff_usb_enter(struct app *app, const void *arg)
{
	struct usb_screen *u = calloc(1, sizeof *u);

	if (!u)
		return -1;
	app->state = u;
	u->mode = arg ? *(const enum staff_usb_mode *)arg : USB_EXPORT;
	staff_mode_usb_scan(app, u->sticks, &u->nsticks);
	list_files(u);
	return 0;
}

static void staff_usb_leave(struct app *app)
{
	struct usb_screen *u = app->state;

	if (u) {
		/* An export or import under way finishes first: nothing half-written is left. */
		job_free(u->job);
		free(u->picks);
		free(u);
	}
	app->state = NULL;
}

static void poll_job(struct app *app, struct usb_screen *u);

/* Look for sticks every STAFF_USB_POLL_MS; while a job runs, look at it more often. */
static int64_t staff_usb_tick(struct app *app, int64_t now_ms)
{
	struct usb_screen *u = app->state;

	if (now_ms >= u->next_scan_ms) {
		scan(app, u);
		u->next_scan_ms = now_ms + STAFF_USB_POLL_MS;
	}
	poll_job(app, u);
	return u->job && now_ms + JOB_POLL_MS < u->next_scan_ms ? now_ms + JOB_POLL_MS : u->next_scan_ms;
}

/* A job started: its first poll is due soon. */
static void started(struct app *app, struct usb_screen *u, enum phase phase, const char *what,
		    const char *err)
{
	if (!u->job) {
		u->phase = FAILED;
		snprintf(u->message, sizeof u->message, "%s：%s", what, err);
		return;
	}
	u->phase = phase;
	app_tick_soon(app, app_now_ms(app) + JOB_POLL_MS);
}

static void start_export(struct app *app, struct usb_screen *u, bool only_new)
{
	struct export_options o = { .only_new = only_new, .now = app_now(app), .actor = app->staff.name };
	char err[512];

	if (u->nsticks == 0 || u->job)
		return;
	u->job = export_job_start(app->db->path, u->sticks[u->stick].path, &o, err, sizeof err);
	started(app, u, EXPORTING, "无法开始导出", err);
}

static void export_finished(struct usb_screen *u, const struct job_status *st)
{
	const struct export_result *res = export_job_result(u->job);
	const char *slash = strrchr(res->folder, '/');

	if (st->rc < 0) {
		u->phase = FAILED;
		snprintf(u->message, sizeof u->message, "导出没有完成：%s", st->err);
		return;
	}
	u->phase = EXPORTED;
	snprintf(u->message, sizeof u->message, "导出完成，可以安全拔出 U 盘");
	snprintf(u->summary, sizeof u->summary, "文件夹：%s\n会议 %d 场，签到 %d 条，请假 %d 条，党员 %d 人，照片 %d 张%s",
		 slash ? slash + 1 : res->folder, res->meetings, res->attendance, res->leaves, res->members,
		 res->photos, res->photos_missing ? "\n有照片的文件在签到机上已损坏，没有导出" : "");
}

/* ---- 打印空白签到表 ---- */

struct picks {
	struct meeting *m;
	int n;
	time_t before; /* only meetings starting before this (the past ones) */
};

static int gather_pick(void *ctx, const struct meeting *m)
{
	struct picks *p = ctx;

	if (p->n < MAX_PICKS && !m->cancelled && (!p->before || m->start < p->before))
		p->m[p->n++] = *m;
	return 0;
}

/* Today's meetings and those of the coming month by time, then the last month's newest first. */
static void load_picks(struct app *app, struct usb_screen *u)
{
	time_t now = app_now(app), today;
	struct tm tm;
	struct picks p;
	int i, j, upcoming;

	if (!u->picks && !(u->picks = calloc(MAX_PICKS, sizeof *u->picks))) {
		u->npicks = 0;
		return;
	}
	localtime_r(&now, &tm);
	tm.tm_hour = tm.tm_min = tm.tm_sec = 0;
	tm.tm_isdst = -1;
	today = mktime(&tm);
	p = (struct picks){ u->picks, 0, 0 };
	meetings_each_between(app->db, today, today + 32 * DAY_SECONDS, gather_pick, &p, app->err,
			      sizeof app->err);
	upcoming = p.n;
	p.before = today;
	meetings_each_between(app->db, today - 31 * DAY_SECONDS, today, gather_pick, &p, app->err,
			      sizeof app->err);
	for (i = upcoming, j = p.n - 1; i < j; i++, j--) {
		struct meeting t = u->picks[i];
		u->picks[i] = u->picks[j];
		u->picks[j] = t;
	}
	u->npicks = p.n;
	u->page = 0;
}

static void start_sheet(struct app *app, struct usb_screen *u, int i)
{
	char err[512];

	if (u->nsticks == 0 || u->job || i < 0 || i >= u->npicks)
		return;
	snprintf(u->chosen, sizeof u->chosen, "%s", u->picks[i].title);
	u->job = export_sheet_job_start(app->db->path, u->sticks[u->stick].path, u->picks[i].id,
					app->staff.name, err, sizeof err);
	started(app, u, SHEET_RUNNING, "无法写签到表", err);
}

static void sheet_finished(struct usb_screen *u, const struct job_status *st)
{
	if (st->rc < 0) {
		u->phase = FAILED;
		snprintf(u->message, sizeof u->message, "签到表没有写好：%s", st->err);
		return;
	}
	u->phase = SHEET_DONE;
	snprintf(u->message, sizeof u->message, "签到表已写到 U 盘，可以安全拔出 U 盘");
	snprintf(u->summary, sizeof u->summary, "文件：%s\n在电脑上打开，用 A4 纸打印。会后把打勾的人在“会议签到”里补录。",
		 export_sheet_job_file(u->job));
}

static void add_problem(void *ctx, const char *problem)
{
	struct usb_screen *u = ctx;

	if (u->nproblems < MAX_PROBLEMS)
		snprintf(u->problems[u->nproblems++], sizeof u->problems[0], "%s", problem);
	else
		u->more_problems++;
}

/* Read a roster file from the stick; NULL with u->message saying why. */
static char *read_roster(struct usb_screen *u, const char *path, size_t *n)
{
	FILE *f = fopen(path, "rb");
	struct stat sb;
	char *data = NULL;

	if (!f || fstat(fileno(f), &sb) < 0) {
		snprintf(u->message, sizeof u->message, "读不了这个文件（%s），请检查 U 盘后再试", syserr(errno));
		goto out;
	}
	if (sb.st_size > MAX_ROSTER_BYTES) {
		snprintf(u->message, sizeof u->message, "这个文件太大（超过 16 MB），不像党员名单，请检查");
		goto out;
	}
	data = malloc((size_t)sb.st_size + 1);
	if (!data || fread(data, 1, (size_t)sb.st_size, f) != (size_t)sb.st_size) {
		snprintf(u->message, sizeof u->message, "读文件时出错，U 盘可能被拔出了，请重新插好再试");
		free(data);
		data = NULL;
		goto out;
	}
	*n = (size_t)sb.st_size;
out:
	if (f)
		fclose(f);
	return data;
}

/* Check (dry_run) or apply the roster u->chosen. */
static void import_roster(struct app *app, struct usb_screen *u, bool dry_run)
{
	struct roster_result res;
	char path[USB_PATH + 300];
	size_t n = 0;
	char *data;

	snprintf(path, sizeof path, "%s/%s", u->sticks[u->stick].path, u->chosen);
	u->nproblems = u->more_problems = 0;
	u->summary[0] = '\0';
	data = read_roster(u, path, &n);
	if (!data) {
		u->phase = FAILED;
		return;
	}
	if (roster_import(app->db, u->chosen, data, n, app->staff.name, dry_run, &res, add_problem, u) < 0) {
		u->phase = FAILED;
		snprintf(u->message, sizeof u->message, "“%s”有 %d 处问题，没有导入，数据库没有任何改动。"
			 "请在电脑上改正后再导入：", u->chosen, u->nproblems + u->more_problems);
	} else {
		u->phase = dry_run ? CHECKED : IMPORTED;
		snprintf(u->message, sizeof u->message, dry_run ? "“%s”检查通过，确认后才会导入：" : "“%s”已导入：",
			 u->chosen);
		snprintf(u->summary, sizeof u->summary, "共 %d 行：新增 %d 人，更新 %d 人，不变 %d 人%s%s", res.rows,
			 res.added, res.updated, res.unchanged, res.ignored_columns[0] ? "\n不认识的列已忽略：" : "",
			 res.ignored_columns);
	}
	free(data);
}

static void start_materials(struct app *app, struct usb_screen *u)
{
	struct import_options o = { .actor = app->staff.name, .now = app_now(app) };
	char path[USB_PATH + 64], err[512];
	const char *paths[1] = { path };
	struct stat sb;

	snprintf(path, sizeof path, "%s/%s", u->sticks[u->stick].path, MATERIALS_FOLDER);
	if (stat(path, &sb) < 0 || !S_ISDIR(sb.st_mode)) {
		u->phase = FAILED;
		snprintf(u->message, sizeof u->message, "U 盘上没有“%s”文件夹。请在电脑上在 U 盘里建一个叫“%s”的文件夹，"
			 "把 PDF、图片、文字文件放进去，再插回来导入", MATERIALS_FOLDER, MATERIALS_FOLDER);
		return;
	}
	u->job = materials_job_start(app->db->path, paths, 1, &o, err, sizeof err);
	started(app, u, MATERIALS_RUNNING, "无法开始导入学习资料", err);
}

static void materials_finished(struct usb_screen *u, const struct job_status *st)
{
	const struct import_result *res = materials_job_result(u->job);
	int i;

	u->nproblems = u->more_problems = 0;
	for (i = 0; i < st->problems; i++) {
		char line[512];
		if (job_problem_get(u->job, i, line, sizeof line) == 0)
			add_problem(u, line);
	}
	if (st->rc < 0) {
		u->phase = FAILED;
		snprintf(u->message, sizeof u->message, "学习资料没有导入：%s", st->err);
	} else {
		u->phase = MATERIALS_DONE;
		snprintf(u->message, sizeof u->message, "学习资料导入完成：新导入 %d 个，原来就有 %d 个，未导入 %d 个",
			 res->imported, res->duplicates, res->refused);
	}
}

/* The job's news: redraw when it moved on, and once it finished, say how it ended. */
static void poll_job(struct app *app, struct usb_screen *u)
{
	struct job_status st;

	if (!u->job)
		return;
	job_poll(u->job, &st);
	if (st.changes != u->job_seen)
		app_dirty(app);
	u->job_seen = st.changes;
	if (!st.finished)
		return;
	if (u->phase == EXPORTING)
		export_finished(u, &st);
	else if (u->phase == SHEET_RUNNING)
		sheet_finished(u, &st);
	else
		materials_finished(u, &st);
	job_free(u->job);
	u->job = NULL;
	app_dirty(app);
}

static void staff_usb_event(struct app *app, const struct input *in)
{
	struct usb_screen *u = app->state;
	bool busy = u->phase == EXPORTING || u->phase == MATERIALS_RUNNING || u->phase == SHEET_RUNNING;

	if (in->type == IN_SWIPE && u->phase == PICK && abs(in->dx) > abs(in->dy)) {
		chrome_turn(&u->page, u->grid.pages, in->dx < 0 ? 1 : -1);
		app_dirty(app);
		return;
	}
	if (in->type != IN_TAP || busy)
		return;
	switch (in->action) {
	case ACT_STICK:
		if (in->arg >= 0 && in->arg < u->nsticks) {
			u->stick = (int)in->arg;
			u->phase = IDLE;
			list_files(u);
		}
		break;
	case ACT_EXPORT_ALL:
	case ACT_EXPORT_NEW:
		start_export(app, u, in->action == ACT_EXPORT_NEW);
		break;
	case ACT_FILE:
		if (in->arg >= 0 && in->arg < u->nfiles) {
			snprintf(u->chosen, sizeof u->chosen, "%s", u->files[in->arg]);
			import_roster(app, u, true);
		}
		break;
	case ACT_CONFIRM:
		if (u->phase == CHECKED)
			import_roster(app, u, false);
		break;
	case ACT_MATERIALS:
		start_materials(app, u);
		break;
	case ACT_AGAIN:
		u->phase = IDLE;
		list_files(u);
		break;
	case ACT_SHEET:
		load_picks(app, u);
		u->phase = PICK;
		break;
	case ACT_PICK:
		if (u->phase == PICK)
			start_sheet(app, u, (int)in->arg);
		break;
	case ACT_PREV:
	case ACT_NEXT:
		chrome_turn(&u->page, u->grid.pages, in->action == ACT_NEXT ? 1 : -1);
		break;
	}
	app_dirty(app);
}

/* A message panel: green for done, amber for a problem; returns the height used. */
static int panel(struct ui *ui, SDL_Rect r, const char *head, const char *body, bool ok)
{
	int gap = ui_gap(ui) * 2, h;
	SDL_Rect in = rect_inset(r, gap);

	h = ui_text_height(ui, head, TS_LARGE, true, in.w) + (body[0] ? ui_text_height(ui, body, TS_BODY, false, in.w) : 0);
	r.h = h + gap * 2;
	ui_fill_round(ui, r, gap / 2, ok ? C_GREEN : C_AMBER);
	in = rect_inset(r, gap);
	rect_cut_top(&in, ui_label_ex(ui, in, head, TS_LARGE, ok ? C_ON_GREEN : C_ON_AMBER,
				      UI_BOLD));
	if (body[0])
		ui_label_ex(ui, in, body, TS_BODY, ok ? C_ON_GREEN : C_ON_AMBER, 0);
	return r.h;
}

static void draw_problems(struct ui *ui, struct usb_screen *u, SDL_Rect r)
{
	int i, lh = ui_line_height(ui, ui_text_px(ui, TS_SMALL));
	char more[96];

	for (i = 0; i < u->nproblems; i++) {
		int h = ui_text_height(ui, u->problems[i], TS_SMALL, false, r.w);
		if (h + lh > r.h) {
			snprintf(more, sizeof more, "还有 %d 处问题没列出，请在电脑上用 kioskctl members import 查看全部",
				 u->nproblems - i + u->more_problems);
			ui_label(ui, r, more, TS_SMALL, UI_BOLD);
			return;
		}
		rect_cut_top(&r, ui_label(ui, r, u->problems[i], TS_SMALL, 0));
	}
}

static void draw_choices(struct app *app, struct usb_screen *u, SDL_Rect body)
{
	struct ui *ui = app->ui;
	int gap = ui_gap(ui) * 2, bh = ui_target(ui) * 2, i, cols = ui->h > ui->w ? 1 : 2, w;
	SDL_Rect row;

	if (u->mode == USB_EXPORT) {
		SDL_Rect all, fresh;
		row = rect_cut_top(&body, cols == 1 ? bh * 2 + gap : bh);
		if (cols == 1) {
			all = rect_cut_top(&row, bh);
			rect_cut_top(&row, gap);
		} else {
			all = rect_cut_left(&row, (row.w - gap) / 2);
			rect_cut_left(&row, gap);
		}
		fresh = row;
		ui_button(ui, all, "全部导出", "所有会议的签到记录", BTN_PRIMARY, ACT_EXPORT_ALL, 0);
		ui_button(ui, fresh, "只导出新记录", "上次导出以后新增和改动的", BTN_NORMAL, ACT_EXPORT_NEW, 0);
		rect_cut_top(&body, gap);
		rect_cut_top(&body, ui_label(ui, body,
					     "导出的文件夹里有“签到表.xlsx”，可以用 WPS 或 Excel 打开，交给街道；"
					     "“纪实”文件夹里有会议纪实和照片，可以直接打印。",
					     TS_BODY, UI_MUTED) + gap);
		ui_button(ui, rect_cut_top(&body, bh), "打印空白签到表", "会前打印，纸质签到备用", BTN_NORMAL,
			  ACT_SHEET, 0);
		return;
	}
	rect_cut_top(&body, ui_label(ui, body,
				     "导入党员名单：请点 U 盘上的名单文件（Excel/WPS 表格或 CSV）",
				     TS_BODY, UI_BOLD) + gap / 2);
	if (u->nfiles == 0)
		rect_cut_top(&body, ui_label(ui, body,
					     "U 盘最外层没有找到名单文件（.xlsx 或 .csv）。", TS_BODY,
					     UI_MUTED) + gap / 2);
	w = (body.w - gap * (cols - 1)) / cols;
	for (i = 0; i < u->nfiles && body.h >= ui_target(ui) * 3; i += cols) {
		int k;
		row = rect_cut_top(&body, ui_target(ui));
		rect_cut_top(&body, gap / 2);
		for (k = 0; k < cols && i + k < u->nfiles; k++) {
			ui_button(ui, rect_cut_left(&row, w), u->files[i + k], NULL, BTN_NORMAL, ACT_FILE, i + k);
			rect_cut_left(&row, gap);
		}
	}
	rect_cut_top(&body, gap);
	rect_cut_top(&body, ui_label(ui, body,
				     "导入学习资料：U 盘里“学习资料”文件夹中的 PDF、图片和文字文件",
				     TS_BODY, UI_BOLD) + gap / 2);
	ui_button(ui, rect_cut_top(&body, ui_target(ui) * 3 / 2), "导入学习资料", NULL, BTN_NORMAL, ACT_MATERIALS, 0);
}

/* The meetings a blank sheet may be for, as large rows, paged; 取消 back to the choices. */
static void draw_picks(struct app *app, struct usb_screen *u, SDL_Rect body)
{
	struct ui *ui = app->ui;
	int gap = ui_gap(ui) * 2, i, first;
	char sub[256], when[64];

	SDL_Rect hint = rect_cut_top(&body, ui_target(ui));

	/* 取消 beside the hint, so the rows keep the height below. */
	ui_button(ui, rect_cut_right(&hint, ui_target(ui) * 5 / 2), "取消", NULL, BTN_NORMAL, ACT_AGAIN, 0);
	rect_cut_right(&hint, gap);
	ui_label(ui, hint, "打印空白签到表：请点要打印的会议", TS_BODY, UI_BOLD);
	rect_cut_top(&body, gap / 2);
	if (u->npicks == 0) {
		ui_label(ui, body, "今后一个月和过去一个月都没有会议。", TS_LARGE, 0);
		return;
	}
	u->grid = chrome_grid(app, body, u->npicks, body.w, ui_target(ui) * 3 / 2);
	chrome_turn(&u->page, u->grid.pages, 0);
	first = u->page * u->grid.per_page;
	for (i = 0; i < u->grid.per_page && first + i < u->npicks; i++) {
		const struct meeting *m = &u->picks[first + i];
		staff_mode_when(m, when, sizeof when);
		snprintf(sub, sizeof sub, "%s · %s · %s", when,
			 m->group[0] ? m->group : m->branch[0] ? m->branch : "全体党员",
			 staff_mode_state(m, app_now(app)));
		ui_button(ui, chrome_grid_cell(&u->grid, i), m->title, sub, BTN_NORMAL, ACT_PICK, first + i);
	}
	chrome_pager(app, u->grid.bar, u->page, u->grid.pages, ACT_PREV, ACT_NEXT);
}

static void staff_usb_draw(struct app *app)
{
	struct usb_screen *u = app->state;
	struct ui *ui = app->ui;
	SDL_Rect body = rect_inset(chrome_header(app, u->mode == USB_EXPORT ? "导出到 U 盘" : "从 U 盘导入", true, 0),
				   ui_gap(ui) * 2);
	int gap = ui_gap(ui) * 2, i;
	char line[512];

	if (u->nsticks == 0 && u->phase != EXPORTED && u->phase != FAILED) {
		rect_cut_top(&body, ui_label(ui, body, "请把 U 盘插到签到机上", TS_TITLE,
					     UI_BOLD) + gap);
		ui_label(ui, body,
			 "插好后稍等几秒，这里会自动显示。U 盘没有反应的，请换一个插口或换一个 U 盘。",
			 TS_LARGE, UI_MUTED);
		return;
	}
	if (u->nsticks > 1 && (u->phase == IDLE || u->phase == PICK)) {
		SDL_Rect row = rect_cut_top(&body, ui_target(ui));
		int w = (row.w - gap * (u->nsticks - 1)) / u->nsticks;
		rect_cut_top(&body, gap);
		for (i = 0; i < u->nsticks; i++) {
			ui_button(ui, rect_cut_left(&row, w), u->sticks[i].label, NULL,
				  i == u->stick ? BTN_SELECTED : BTN_NORMAL, ACT_STICK, i);
			rect_cut_left(&row, gap);
		}
	} else if (u->nsticks > 0) {
		snprintf(line, sizeof line, "U 盘：%s", u->sticks[u->stick].label);
		rect_cut_top(&body, ui_label(ui, body, line, TS_LARGE, UI_BOLD) + gap / 2);
	}
	switch (u->phase) {
	case IDLE:
		draw_choices(app, u, body);
		break;
	case PICK:
		draw_picks(app, u, body);
		break;
	case EXPORTING:
	case SHEET_RUNNING:
	case MATERIALS_RUNNING: {
		struct job_status st = { 0 };
		if (u->job)
			job_poll(u->job, &st);
		rect_cut_top(&body, ui_label(ui, body,
					     u->phase == EXPORTING ? "正在导出，请不要拔出 U 盘……" :
					     u->phase == SHEET_RUNNING ? "正在写签到表，请不要拔出 U 盘……" :
					     "正在导入学习资料，请不要拔出 U 盘……",
					     TS_TITLE, UI_BOLD) + gap);
		snprintf(line, sizeof line, "进度 %d%%", (int)(st.fraction * 100 + 0.5));
		ui_bar(ui, rect_cut_top(&body, ui_target(ui) / 2), st.fraction, C_GREEN, line);
		rect_cut_top(&body, gap);
		snprintf(line, sizeof line, "%s", st.status[0] ? st.status : "正在准备……");
		ui_label(ui, body, line, TS_BODY, UI_MUTED);
		break;
	}
	case EXPORTED:
	case SHEET_DONE:
	case IMPORTED:
	case MATERIALS_DONE:
	case CHECKED:
	case FAILED: {
		bool ok = u->phase != FAILED;
		rect_cut_top(&body, panel(ui, body, u->message, u->phase == FAILED ? "" : u->summary, ok) + gap);
		{
			SDL_Rect buttons = rect_cut_bottom(&body, ui_target(ui) * 3 / 2);
			rect_cut_bottom(&body, gap);
			if (u->phase == CHECKED) {
				SDL_Rect left = rect_cut_left(&buttons, (buttons.w - gap) / 2);
				rect_cut_left(&buttons, gap);
				ui_button(ui, left, "确认导入", NULL, BTN_PRIMARY, ACT_CONFIRM, 0);
				ui_button(ui, buttons, "先不导入", NULL, BTN_NORMAL, ACT_AGAIN, 0);
			} else {
				ui_button(ui, buttons, u->phase == FAILED ? "重新选择" : "完成", NULL,
					  u->phase == FAILED ? BTN_PRIMARY : BTN_NORMAL, ACT_AGAIN, 0);
			}
		}
		if (u->nproblems && (u->phase == FAILED || u->phase == MATERIALS_DONE))
			draw_problems(ui, u, body);
		break;
	}
	}
}

const struct screen staff_usb_screen = {
	.name = "staff_usb",
	.enter = staff_usb_enter,
	.leave = staff_usb_leave,
	.event = staff_usb_event,
	.tick = staff_usb_tick,
	.draw = staff_usb_draw,
};
