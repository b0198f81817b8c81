/* 签退 from the phone (docs/http.md): only as one tap from the phone that signed its member in
 * (how=device), so it needs no guessing limits of its own. Written in the turn's transaction;
 * the screen is told once it commits. */
#include <stdio.h>
#include <string.h>

#include "core/base/clock.h"
#include "core/party/meetings.h"
#include "core/party/members.h"
#include "core/party/signout.h"
#include "web/page.h"
#include "web/web_priv.h"

void web_signout(struct web *w, struct request *q, struct reply *r, const struct meeting *m,
		 const struct member *who, time_t now)
{
	struct signout so;
	char err[512], hhmm[6];

	if (attendance_signout(w->db, m->id, who->id, now, &so, err, sizeof err) < 0) {
		web_message(w, r, 409, "没有签退成功", err);
		return;
	}
	clock_format_hhmm(so.at, hhmm);
	memset(&q->signin, 0, sizeof q->signin);
	q->signin.meeting_id = m->id;
	q->signin.member_id = who->id;
	snprintf(q->signin.name, sizeof q->signin.name, "%s", who->f[MF_NAME]);
	snprintf(q->signin.hhmm, sizeof q->signin.hhmm, "%s", hhmm);
	q->signin.already = so.already;
	q->signin.signout = true;
	q->signed_in = true; /* wait for the commit, as a sign-in does */
	{
		const char *title = so.already ? "您已签退" : "签退成功";
		const struct page_var vars[] = {
			{ "title", title }, { "name", who->f[MF_NAME] }, { "meeting", m->title }, { "time", hhmm },
		};
		web_page(w, r, 200, title, "signout.html", vars, 4);
	}
}
