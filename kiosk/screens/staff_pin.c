/* The way into staff mode: a big keypad for the PIN (shown only as dots). With more than one
 * staff member, the person first taps their own name, so the PIN is checked against one hash
 * (Argon2id takes a noticeable moment on a small board) and the audit log knows who came in.
 * Five wrong PINs lock entry for five minutes, then ten, twenty ...; the lock is in the
 * database and follows the kiosk's clock, and the screen says until when. */
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/store/db.h"
#include "core/party/staff.h"
#include "screens/screens.h"
#include "screens/staff_mode.h"
#include "ui/ui.h"

#define MAX_STAFF 8

enum { ACT_DIGIT = 1, ACT_BACK, ACT_OK, ACT_WHO };

struct pin {
	struct staff_member staff[MAX_STAFF];
	int nstaff;
	int who; /* index into staff, or -1 before a name is tapped */
	char digits[STAFF_PIN_MAX + 1];
	struct staff_lock lock;
	char message[256];
	bool warn; /* the message is a warning (amber), not a hint */
};

static bool locked(struct app *app, const struct pin *p)
{
	return staff_lock_active(&p->lock, app_now(app));
}

static void lock_message(struct app *app, struct pin *p)
{
	char hhmm[6];
	long left = (long)(p->lock.until - app_now(app));

	clock_format_hhmm(p->lock.until, hhmm);
	snprintf(p->message, sizeof p->message, "密码错误次数太多，已暂时锁定。请在 %s 以后再试（还要等 %ld 分钟）。"
		 "忘记密码请联系负责签到机的同志重新设置。", hhmm, (left + 59) / 60);
	p->warn = true;
}

static int staff_pin_enter(struct app *app, const void *arg)
{
	struct pin *p = calloc(1, sizeof *p);

	(void)arg;
	if (!p)
		return -1;
	app->state = p;
	p->nstaff = staff_list(app->db, p->staff, MAX_STAFF, app->err, sizeof app->err);
	if (p->nstaff < 0)
		return -1;
	if (p->nstaff > MAX_STAFF)
		p->nstaff = MAX_STAFF;
	p->who = p->nstaff == 1 ? 0 : -1;
	staff_lock_load(app->db, &p->lock);
	if (p->nstaff == 0)
		snprintf(p->message, sizeof p->message, "还没有设置工作人员密码。请负责签到机的同志在电脑上运行："
			 "kioskctl staff add 姓名");
	else if (locked(app, p))
		lock_message(app, p);
	else if (p->who < 0)
		snprintf(p->message, sizeof p->message, "请先点您的名字，再输入密码");
	else
		snprintf(p->message, sizeof p->message, "请输入 %d-%d 位数字密码，再按“确定”", STAFF_PIN_MIN,
			 STAFF_PIN_MAX);
	return 0;
}

static void staff_pin_leave(struct app *app)
{
	struct pin *p = app->state;

	if (p) {
		sodium_memzero(p->digits, sizeof p->digits);
		free(p);
	}
	app->state = NULL;
}

/* Wake when the lock ends, and each minute before it to count down. */
static int64_t staff_pin_tick(struct app *app, int64_t now_ms)
{
	struct pin *p = app->state;
	int64_t until = (int64_t)p->lock.until * 1000, minute = (now_ms / 60000 + 1) * 60000;

	if (!p->lock.until)
		return 0;
	if (now_ms >= until) {
		p->lock.until = 0;
		snprintf(p->message, sizeof p->message, "可以再试了。请输入密码，再按“确定”");
		p->warn = false;
		app_dirty(app);
		return 0;
	}
	lock_message(app, p);
	app_dirty(app);
	return until < minute ? until : minute;
}

static void submit(struct app *app, struct pin *p)
{
	char name[STAFF_NAME];
	enum staff_verdict v;

	if (p->who < 0) {
		snprintf(p->message, sizeof p->message, "请先点您的名字，再输入密码");
		p->warn = true;
		return;
	}
	if (strlen(p->digits) < STAFF_PIN_MIN) {
		snprintf(p->message, sizeof p->message, "密码是 %d-%d 位数字，请输完再按“确定”", STAFF_PIN_MIN,
			 STAFF_PIN_MAX);
		p->warn = true;
		return;
	}
	v = staff_login(app->db, p->staff[p->who].id, p->digits, app_now(app), &p->lock, name,
			app->err, sizeof app->err);
	sodium_memzero(p->digits, sizeof p->digits);
	switch (v) {
	case STAFF_OK: {
		char notice[1024] = "";
		staff_mode_open(app, p->staff[p->who].id, name);
		/* The home screen's notice of a database restored from backup has reached staff:
		 * show it once more here, then take it off the members' screen. */
		if (db_setting_get(app->db, "restore_note", notice, sizeof notice) == 0 && notice[0] &&
		    db_setting_set(app->db, "restore_note", "", app->err, sizeof app->err) == 0)
			db_audit(app->db, name, "已知晓数据库恢复", "", notice, app->err, sizeof app->err);
		app_go(app, &staff_menu_screen, NULL);
		if (notice[0])
			app_toast(app, notice);
		return;
	}
	case STAFF_LOCKED:
		lock_message(app, p);
		break;
	case STAFF_WRONG:
		if (locked(app, p))
			lock_message(app, p);
		else
			snprintf(p->message, sizeof p->message, "密码不对，请再输一次（还可以试 %d 次）",
				 staff_lock_tries_left(&p->lock));
		p->warn = true;
		break;
	case STAFF_ERROR:
		snprintf(p->message, sizeof p->message, "%s", app->err);
		p->warn = true;
		break;
	}
	if (p->lock.until)
		app->screen_tick_ms = staff_pin_tick(app, app_now_ms(app));
}

static void staff_pin_event(struct app *app, const struct input *in)
{
	struct pin *p = app->state;
	size_t len = strlen(p->digits);
	int action = in->action;
	int64_t arg = in->arg;

	if (in->type == IN_TEXT) { /* a keyboard, or the replay's `type` */
		if (in->text[0] < '0' || in->text[0] > '9')
			return;
		action = ACT_DIGIT;
		arg = in->text[0];
	} else if (in->type == IN_KEY) {
		if (in->key == SDLK_BACKSPACE)
			action = ACT_BACK;
		else if (in->key == SDLK_RETURN || in->key == SDLK_KP_ENTER)
			action = ACT_OK;
		else
			return;
	} else if (in->type != IN_TAP) {
		return;
	}
	if (p->nstaff == 0 || (locked(app, p) && action != ACT_WHO))
		return;
	switch (action) {
	case ACT_DIGIT:
		if (len < STAFF_PIN_MAX) {
			p->digits[len] = (char)arg;
			p->digits[len + 1] = '\0';
		}
		break;
	case ACT_BACK:
		if (len)
			p->digits[len - 1] = '\0';
		break;
	case ACT_OK:
		submit(app, p);
		break;
	case ACT_WHO:
		if (arg >= 0 && arg < p->nstaff) {
			p->who = (int)arg;
			sodium_memzero(p->digits, sizeof p->digits);
			snprintf(p->message, sizeof p->message, "%s，请输入密码，再按“确定”", p->staff[arg].name);
			p->warn = false;
		}
		break;
	}
	app_dirty(app);
}

static void draw_keys(struct app *app, struct pin *p, SDL_Rect keys)
{
	struct ui *ui = app->ui;
	static const char *const labels[12] = { "1", "2", "3", "4", "5", "6", "7", "8", "9", "退格", "0", "确定" };
	int gap = ui_gap(ui), i, kw = (keys.w - 2 * gap) / 3, kh = (keys.h - 3 * gap) / 4;
	bool off = locked(app, p) || p->nstaff == 0;

	if (kh > ui_target(ui) * 2)
		kh = ui_target(ui) * 2;
	if (off) {
		/* No keys to press while locked (or with no staff set up): the message says why. */
		ui_fill_round(ui, keys, gap, C_SELECTED);
		keys.y += (keys.h - ui_line_height(ui, ui_text_px(ui, TS_TITLE))) / 2;
		ui_label(ui, keys, p->nstaff ? "暂时不能输入" : "还不能使用", TS_TITLE,
			 UI_BOLD | UI_CENTER | UI_MUTED);
		return;
	}
	for (i = 0; i < 12; i++) {
		SDL_Rect r = { keys.x + (i % 3) * (kw + gap), keys.y + (i / 3) * (kh + gap), kw, kh };
		int action = i == 9 ? ACT_BACK : i == 11 ? ACT_OK : ACT_DIGIT;
		ui_button(ui, r, labels[i], NULL, i == 11 ? BTN_PRIMARY : BTN_NORMAL, action, labels[i][0]);
	}
}

static void staff_pin_draw(struct app *app)
{
	struct pin *p = app->state;
	struct ui *ui = app->ui;
	SDL_Rect body = rect_inset(chrome_header(app, "工作人员登录", true, 0), ui_gap(ui) * 2), info, keys;
	int gap = ui_gap(ui) * 2, i, px = ui_text_px(ui, TS_TITLE);
	char dots[64] = "";
	size_t len = strlen(p->digits);

	if (ui->h > ui->w) {
		/* The keys take what the words above them leave, never less than 40%: a long
		 * message (locked until when, whom to ask) shows whole. */
		int need = ui_text_height(ui, "请输入管理密码", TS_LARGE, true, body.w) + gap / 2 +
			   (p->nstaff > 1 ? ui_target(ui) : ui_line_height(ui, ui_text_px(ui, TS_BODY))) + gap +
			   ui_line_height(ui, px) + gap * 3 + gap * 2 +
			   (p->message[0] ? ui_text_height(ui, p->message, TS_BODY, true, body.w - gap * 2) : 0);
		int kh = body.h * 55 / 100;
		if (body.h - kh - gap < need)
			kh = body.h - need - gap;
		if (kh < body.h * 40 / 100)
			kh = body.h * 40 / 100;
		keys = rect_cut_bottom(&body, kh);
		rect_cut_bottom(&body, gap);
	} else {
		keys = rect_cut_right(&body, body.w * 45 / 100);
		rect_cut_right(&body, gap * 2);
	}
	info = body;
	rect_cut_top(&info, ui_label(ui, info, "请输入管理密码", TS_LARGE, UI_BOLD) + gap / 2);
	if (p->nstaff > 1) {
		SDL_Rect row = rect_cut_top(&info, ui_target(ui));
		int w = (row.w - gap * (p->nstaff - 1)) / p->nstaff;
		rect_cut_top(&info, gap);
		for (i = 0; i < p->nstaff; i++) {
			ui_button(ui, rect_cut_left(&row, w), p->staff[i].name, NULL,
				  i == p->who ? BTN_SELECTED : BTN_NORMAL, ACT_WHO, i);
			rect_cut_left(&row, gap);
		}
	} else if (p->nstaff == 1) {
		char line[160];
		snprintf(line, sizeof line, "工作人员：%s", p->staff[0].name);
		rect_cut_top(&info, ui_label(ui, info, line, TS_BODY, UI_MUTED) + gap / 2);
	}
	/* The PIN as dots, one per digit typed; the line is there even when empty. */
	for (i = 0; i < (int)len; i++)
		strcat(dots, i ? " ●" : "●");
	{
		SDL_Rect box = rect_cut_top(&info, ui_line_height(ui, px) + gap * 2);
		ui_frame_round(ui, box, gap / 2, 2, C_BORDER);
		box = rect_inset(box, gap);
		ui_label_px(ui, box, len ? dots : "密码", px, true, len ? C_TEXT : C_MUTED, ALIGN_CENTER);
		rect_cut_top(&info, gap);
	}
	if (p->message[0]) {
		int h = ui_text_height(ui, p->message, TS_BODY, true, info.w - gap * 2) + gap * 2;
		SDL_Rect panel = rect_cut_top(&info, h);
		if (p->warn)
			ui_fill_round(ui, panel, gap / 2, C_AMBER);
		ui_label_ex(ui, rect_inset(panel, gap), p->message, TS_BODY,
			    p->warn ? C_ON_AMBER : C_TEXT, UI_BOLD);
	}
	draw_keys(app, p, keys);
}

const struct screen staff_pin_screen = {
	.name = "staff_pin",
	.enter = staff_pin_enter,
	.leave = staff_pin_leave,
	.event = staff_pin_event,
	.tick = staff_pin_tick,
	.draw = staff_pin_draw,
};
