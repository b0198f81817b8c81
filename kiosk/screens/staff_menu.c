/* Staff mode's menu: one large button per task, who is in, what is on now, and whether a USB
 * stick is plugged in (looked for every two seconds while staff mode is open; outside it a
 * stick does nothing). Staff mode closes by itself after two minutes untouched. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/party/meetings.h"
#include "screens/screens.h"
#include "screens/staff_mode.h"
#include "ui/ui.h"

enum {
	ACT_TASK = 1, /* arg: enum staff_task */
	ACT_STATS,
	ACT_FOLLOWUP,
	ACT_EXPORT,
	ACT_IMPORT,
	ACT_SOUND,
	ACT_EXIT,
};

struct menu {
	struct meeting on[4];
	int non;
	struct usb_stick sticks[USB_MAX];
	int nsticks;
};

static int staff_menu_enter(struct app *app, const void *arg)
{
	struct menu *m = calloc(1, sizeof *m);

	(void)arg;
	if (!m)
		return -1;
	app->state = m;
	if (!app->staff.open) {
		snprintf(app->err, sizeof app->err, "请先输入工作人员密码");
		return -1;
	}
	m->non = meetings_current(app->db, app_now(app), m->on, 4, app->err, sizeof app->err);
	if (m->non < 0)
		m->non = 0;
	staff_mode_usb_scan(app, m->sticks, &m->nsticks);
	return 0;
}

static int64_t staff_menu_tick(struct app *app, int64_t now_ms)
{
	struct menu *m = app->state;

	if (staff_mode_usb_scan(app, m->sticks, &m->nsticks))
		app_dirty(app);
	return now_ms + STAFF_USB_POLL_MS;
}

static void staff_menu_event(struct app *app, const struct input *in)
{
	enum staff_usb_mode mode;

	if (in->type == IN_REFRESH) {
		struct menu *m = app->state;
		m->non = meetings_current(app->db, app_now(app), m->on, 4, app->err, sizeof app->err);
		if (m->non < 0)
			m->non = 0;
		app_dirty(app);
		return;
	}
	if (in->type != IN_TAP)
		return;
	switch (in->action) {
	case ACT_TASK:
		staff_mode_task(app, (enum staff_task)in->arg);
		break;
	case ACT_STATS:
		app_go(app, &staff_stats_screen, NULL);
		break;
	case ACT_FOLLOWUP:
		app_go(app, &staff_followup_screen, NULL);
		break;
	case ACT_EXPORT:
	case ACT_IMPORT:
		mode = in->action == ACT_EXPORT ? USB_EXPORT : USB_IMPORT;
		app_go(app, &staff_usb_screen, &mode);
		break;
	case ACT_SOUND:
		app_go(app, &staff_sound_screen, NULL);
		break;
	case ACT_EXIT:
		staff_mode_close(app, "点了退出管理");
		app_go(app, &home_screen, NULL);
		app_toast(app, "已退出管理模式");
		break;
	}
}

static void staff_menu_draw(struct app *app)
{
	static const struct {
		const char *label, *sub;
		int action;
		int64_t arg;
	} items[] = {
		{ "会议签到", "提前开始、提前结束", ACT_TASK, TASK_MEETINGS },
		{ "代签到", "替党员签到", ACT_TASK, TASK_SIGN_IN },
		{ "撤销签到", "点错名字的撤销", ACT_TASK, TASK_UNDO },
		{ "请假登记", "选会议和原因", ACT_TASK, TASK_LEAVE },
		{ "来宾登记", "列席党员、来宾", ACT_TASK, TASK_GUEST },
		{ "签到表", "谁到了谁请假", ACT_TASK, TASK_SHEET },
		{ "统计", "出勤率、三会一课", ACT_STATS, 0 },
		{ "回访名单", "久未参加的党员", ACT_FOLLOWUP, 0 },
		{ "导出", "签到记录到U盘", ACT_EXPORT, 0 },
		{ "导入", "名单、学习资料", ACT_IMPORT, 0 },
		{ "声音", "音量、静音、免打扰", ACT_SOUND, 0 },
		{ "退出管理", "回到首页", ACT_EXIT, 0 },
	};
	struct menu *m = app->state;
	struct ui *ui = app->ui;
	SDL_Rect body = rect_inset(chrome_header(app, "工作人员管理", false, 0), ui_gap(ui) * 2), grid;
	int gap = ui_gap(ui) * 2, n = (int)(sizeof items / sizeof items[0]), cols, rows, i, w, h;
	char line[512];

	snprintf(line, sizeof line, "%s，您好。2 分钟不操作会自动退出管理模式。", app->staff.name);
	rect_cut_top(&body, ui_label(ui, body, line, TS_BODY, UI_BOLD));
	if (m->non > 0)
		snprintf(line, sizeof line, "正在签到：%s%s", m->on[0].title,
			 m->non > 1 ? "（还有其他会议同时签到）" : "");
	else
		snprintf(line, sizeof line, "现在没有会议在签到");
	rect_cut_top(&body, ui_label(ui, body, line, TS_BODY, UI_MUTED));
	if (m->nsticks > 0)
		snprintf(line, sizeof line, "已插入 U 盘：%s", m->sticks[0].label);
	else
		snprintf(line, sizeof line, "没有插 U 盘（导出、导入时再插）");
	rect_cut_top(&body, ui_label_ex(ui, body, line, TS_BODY, m->nsticks > 0 ? C_GREEN : C_MUTED,
					m->nsticks > 0 ? UI_BOLD : 0) + gap);
	cols = ui->h > ui->w ? 2 : 4;
	rows = (n + cols - 1) / cols;
	grid = body;
	w = (grid.w - gap * (cols - 1)) / cols;
	h = (grid.h - gap * (rows - 1)) / rows;
	if (h > ui_target(ui) * 3)
		h = ui_target(ui) * 3;
	for (i = 0; i < n; i++) {
		SDL_Rect r = { grid.x + (i % cols) * (w + gap), grid.y + (i / cols) * (h + gap), w, h };
		enum button_style style = items[i].action == ACT_EXIT ? BTN_PRIMARY : BTN_NORMAL;
		/* Less room (大字, a small panel): the label alone. */
		bool sub = h >= ui_target(ui) * 3 / 2 && !ui->large;
		ui_button(ui, r, items[i].label, sub ? items[i].sub : NULL, style, items[i].action, items[i].arg);
	}
}

const struct screen staff_menu_screen = {
	.name = "staff_menu",
	.enter = staff_menu_enter,
	.leave = chrome_free_state,
	.event = staff_menu_event,
	.tick = staff_menu_tick,
	.draw = staff_menu_draw,
};
