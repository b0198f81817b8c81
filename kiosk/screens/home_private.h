/* What the home screen's files share (home.c, and home_card.c with the meeting's card). */
#ifndef KIOSK_SCREENS_HOME_PRIVATE_H
#define KIOSK_SCREENS_HOME_PRIVATE_H

#include <time.h>

#include "app.h"
#include "core/party/attendance.h"
#include "core/party/meetings.h"
#include "core/party/milestones.h"
#include "ui/ui.h"

#define MAX_ON 4
#define MAX_NEXT 6
#define CAROUSEL_MS 8000
#define MAX_MILESTONES 12

enum { ACT_SIGN_IN = 1, ACT_STAFF_DOOR, ACT_MATERIALS, ACT_SCHEDULE };

struct home {
	struct meeting on[MAX_ON];
	struct meeting_counts counts[MAX_ON];
	int non;
	struct meeting next[MAX_NEXT];
	int nnext;
	int carousel; /* which item the dimmed screen shows */
	bool dimmed;  /* the carousel has started */
	char url[320];  /* what the sign-in QR encodes now; empty when there is none */
	char wifi[256]; /* the room's Wi-Fi as a QR payload, when staff have set it */
	char ssid[96];
	char notice[1024]; /* a database restored from backup at start: staff must know */
	char problem[256]; /* the last load failed: what members see instead of silence */
	struct milestone milestones[MAX_MILESTONES]; /* 政治生日 this month, with no meeting on */
	int nmilestones;
};

/* Whose meeting it is: its 党小组, its branch, or everyone. */
const char *home_scope(const struct meeting *m);
/* "11月29日 星期日 15:00" or "今天 15:00", "明天 15:00". */
void home_when(struct app *app, time_t t, char *out, size_t size);

/* The height the card of the meeting on now wants at width w (home_card.c). */
int home_card_wanted(struct ui *ui, const struct home *h, int w);
/* The card of the meeting on now, with its 签到 button, in r (home_card.c). */
void home_current_card(struct app *app, SDL_Rect r, const struct meeting *m,
		       const struct meeting_counts *c, int others);

#endif
