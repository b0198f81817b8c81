/* Staff mode's screens, one per file (staff_pin.c, staff_menu.c, staff_meetings.c, staff_leave.c,
 * staff_undo.c, staff_guest.c, staff_sheet.c, staff_stats.c, staff_followup.c, staff_usb.c), and
 * what they share (staff_mode.c): leaving staff mode, starting a task on a meeting, paging,
 * and watching for USB sticks while staff mode is open. */
#ifndef KIOSK_SCREENS_STAFF_MODE_H
#define KIOSK_SCREENS_STAFF_MODE_H

#include <SDL.h>
#include <stdbool.h>
#include <stdint.h>

#include "app.h"
#include "core/party/meetings.h"
#include "core/exchange/usb.h"

extern const struct screen staff_pin_screen;
extern const struct screen staff_menu_screen;
extern const struct screen staff_meetings_screen;
extern const struct screen staff_leave_screen;
extern const struct screen staff_undo_screen;
extern const struct screen staff_guest_screen;
extern const struct screen staff_sheet_screen;
extern const struct screen staff_stats_screen;
extern const struct screen staff_followup_screen;
extern const struct screen staff_usb_screen;
extern const struct screen staff_record_screen; /* 会议纪实 (staff_record.c) */
extern const struct screen staff_sound_screen;  /* 声音设置 */
extern const struct screen staff_photos_screen; /* 会议照片 (staff_photos.c) */

/* What staff do on a meeting; each starts by choosing the meeting. */
enum staff_task {
	TASK_MEETINGS, /* 会议签到: open early, close, choose the meeting check-in is for */
	TASK_LEAVE,    /* 请假登记 */
	TASK_SIGN_IN,  /* 代签到 */
	TASK_UNDO,     /* 撤销签到 */
	TASK_GUEST,    /* 来宾登记 */
	TASK_SHEET,    /* 签到表 */
};

/* The argument of the screens that work on one meeting (and one member). */
struct staff_target {
	enum staff_task task;
	int64_t meeting_id;
	int64_t member_id;
};

/* What staff_usb_screen is opened for. */
enum staff_usb_mode { USB_EXPORT, USB_IMPORT };

/* Open staff mode for the staff member who gave the PIN: the loop's hooks (struct app_mode) go
 * with it, so the way back leads to the staff menu and two minutes untouched close it. */
void staff_mode_open(struct app *app, int64_t staff_id, const char *name);
/* Close staff mode (audited with why); the caller decides where to go. */
void staff_mode_close(struct app *app, const char *why);

/* Start a task: the list of meetings it may be for, or straight on when only one fits. */
void staff_mode_task(struct app *app, enum staff_task task);
/* Go on with a task once its meeting is chosen. */
void staff_mode_task_meeting(struct app *app, enum staff_task task, int64_t meeting_id);

/* The finder, for staff to pick a visiting member of this community (列席) at a meeting. */
void staff_mode_find_visitor(struct app *app, int64_t meeting_id);

/* The finder, for staff to enter the names ticked on a paper sign-in sheet (纸质补录). */
void staff_mode_paper(struct app *app, int64_t meeting_id);

/* The meetings a task may be for, in the order to show them; returns how many (<= max). */
int staff_mode_meetings(struct app *app, enum staff_task task, struct meeting *out, int max);

/* "11月27日 09:05-11:05". */
void staff_mode_when(const struct meeting *m, char *out, size_t size);
/* 进行中, 未开始, 已结束 (已结束签到 when staff closed it). */
const char *staff_mode_state(const struct meeting *m, time_t now);

/* Look for USB sticks under the setting usb_root; true when what is plugged in changed. */
bool staff_mode_usb_scan(struct app *app, struct usb_stick *sticks, int *n);
#define STAFF_USB_POLL_MS 2000

#endif
