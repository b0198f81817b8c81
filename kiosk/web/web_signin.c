/* The phone's pages and the sign-in itself (issue 4, docs/http.md): what GET and POST /s/TOKEN
 * and /healthz answer. The server around it (web.c) hands each request here on its own
 * thread, with this thread's SQLite connection; answers that write wait there for the
 * turn's transaction to commit.
 *
 * Answers:
 *   200  the page (the form, the branch question, one tap, success, already signed in,
 *        a wrong name or digits, no phone on record)
 *   400  bad percent-encoding or invalid UTF-8 in the address or the form; a form without
 *        its stamp
 *   403  a token or page stamp that is malformed or not this kiosk's for any meeting of the
 *        last hours ("forged"); a phone tied to one member trying to sign in another outside
 *        its household (同户, web_household.c); a POST
 *        whose Origin names another site
 *   404  an unknown path           405  a method other than GET/HEAD (and POST for /s/)
 *   409  a sign-in the database refused (cancelled meeting, member no longer on the roster)
 *   410  a token or page this kiosk made that is no longer valid ("expired")
 *   413  a body over 4 KiB         415  a body that is not a form
 *   429  five wrong tries from one address or at one member within ten minutes; or the
 *        wrong tries of all phones together used up this minute's budget (web/guesses.h):
 *        the page then says to sign in on the screen
 *   503  the database did not answer (busy for more than its 5 s timeout)
 *
 * A page (its stamp) may be sent again and again within its two minutes: after a typo, or a
 * double tap. Each sending is checked in full, and signing a member in twice writes nothing
 * (attendance is UNIQUE per meeting and member; the second answer is 您已于 09:03 签到, and no
 * device row is added for it). Stamps are not "spent" by a sign-in: they have one-second
 * resolution, so every phone that opens the page in the same second shares one, and spending
 * it would turn the rest of a crowd away (a 300-phone burst showed it). What stops one phone
 * signing in others is the device cookie (one phone, one member) and the guessing limits;
 * someone who knows another member's name and digits could sign them in from a browser
 * without cookies, as anyone can by tapping that member's name on the touch screen.
 */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/party/attendance.h"
#include "core/party/household.h"
#include "core/base/clock.h"
#include "core/store/db.h"
#include "web/devices.h"
#include "web/form.h"
#include "core/party/members.h"
#include "web/phone.h"
#include "web/page.h"
#include "web/web_priv.h"

const struct web_text web_txt = {
	.expired = "二维码已过期，请扫描屏幕上的最新二维码",
	.expired_text = "二维码每隔半分钟更换一次。请在签到机前重新扫码。",
	.bad_request = "请求无法识别",
	.bad_request_text = "请重新扫描签到机屏幕上的二维码。",
	.not_found = "没有这个页面",
	.not_found_text = "请扫描签到机屏幕上的二维码签到。",
	.method = "不支持这种请求方式",
	.too_big = "提交的内容太长",
	.not_form = "请使用签到页面上的表单提交",
	.busy = "签到机正忙",
	.busy_text = "请稍等几秒再试，或在签到机屏幕上签到。",
	.too_many = "尝试次数太多",
	.too_many_text = "姓名或手机尾号错了 5 次，请 10 分钟后再试，或在签到机屏幕上签到。",
	.spent = "现在无法用手机签到",
	.spent_text = "请到签到机屏幕上签到：点“签到”，找到自己的名字。手机签到过一两分钟再试。",
	.other_site = "请从签到页面提交",
	.other_site_text = "这次提交来自别的网站，没有签到。请扫描签到机屏幕上的二维码签到。",
	.need_name = "请填写您的姓名。",
	.need_tail = "请填写手机号码的最后 4 位数字。",
	.wrong = "姓名或手机尾号不对，请核对后再试。",
	.no_phone = "您没有登记手机号",
	.no_phone_text = "请在签到机屏幕上点“签到”，找到自己的名字签到。",
	.ambiguous = "无法确认您的身份",
	.ambiguous_text = "请在签到机屏幕上点“签到”，找到自己的名字签到。",
	.one_phone = "这部手机不能为其他党员签到",
	.one_phone_before = "这部手机已经用于",
	.one_phone_after = "签到。每位党员请用自己的手机扫码，或在签到机屏幕上签到。",
	.refused = "没有签到成功",
	.device_gone = "请填写姓名和手机尾号签到。",
	.guest = "您不在本次会议的应到名单中，已记为列席。",
	.title = "扫码签到",
	.title_done = "签到成功",
};

/* ---- pages ---- */

/* Put a fragment of assets/phone/ inside the page frame. */
static void render(struct web *w, struct reply *r, unsigned status, const char *title,
		   const char *fragment, const struct page_var *vars, int n)
{
	char body[PAGE_MAX];
	const struct page_var frame[] = {
		{ "title", title },
		{ "community", w->community },
		{ "css", page_asset("style.css") },
		{ "body", body },
		{ "section", r->section ? r->section : "扫码签到" },
	};

	r->status = status;
	if (page_render(page_asset(fragment), vars, n, body, sizeof body) < 0 ||
	    (r->len = page_render(page_asset("page.html"), frame, 5, r->html, sizeof r->html)) < 0) {
		/* Only a name so long it cannot fit gets here; say something rather than nothing. */
		r->status = 500;
		r->len = snprintf(r->html, sizeof r->html, "<!DOCTYPE html><meta charset=\"utf-8\">"
				  "<p>页面生成失败，请在签到机屏幕上签到。</p>\n");
	}
}

void web_page(struct web *w, struct reply *r, unsigned status, const char *title,
	      const char *fragment, const struct page_var *vars, int n)
{
	render(w, r, status, title, fragment, vars, n);
}

void web_message(struct web *w, struct reply *r, unsigned status, const char *title,
		    const char *text)
{
	const struct page_var vars[] = { { "title", title }, { "text", text } };

	render(w, r, status, title, "message.html", vars, 2);
}

static void form_page(struct web *w, struct reply *r, const struct meeting *m, const char *stamp,
		      int64_t opened, const char *name, const char *error)
{
	char op[24];
	const struct page_var vars[] = {
		{ "meeting", m->title }, { "stamp", stamp }, { "opened", op },
		{ "name", name },        { "error", error },
	};

	snprintf(op, sizeof op, "%lld", (long long)opened);
	render(w, r, 200, web_txt.title, "form.html", vars, 5);
}

/* ---- helpers ---- */

/* The member this phone's device cookie belongs to, or 0. *had_cookie says one was sent. */
static int64_t device_member(struct web *w, struct MHD_Connection *c, bool *had_cookie)
{
	const char *h = MHD_lookup_connection_value(c, MHD_HEADER_KIND, MHD_HTTP_HEADER_COOKIE);
	char cookie[DEVICE_COOKIE_LEN + 8];
	int64_t id;
	struct member m;
	char err[256];

	*had_cookie = false;
	if (!h || form_cookie(h, COOKIE_NAME, cookie, sizeof cookie) < 0)
		return 0;
	*had_cookie = true;
	if (devices_member(w->db, cookie, &id) < 0 || members_get(w->db, id, &m, err, sizeof err) < 0 ||
	    !m.active)
		return 0;
	return id;
}

static void fresh_stamp(struct web *w, const struct meeting *m, time_t now, char stamp[TOKEN_LEN],
			int64_t *opened)
{
	*opened = (int64_t)now;
	token_form_stamp(w->key, m->uuid, *opened, stamp);
}

/* Digits only, at most 18 of them. */
static bool parse_int(const char *s, int64_t *out)
{
	int64_t v = 0;
	int n = 0;

	if (!s || !*s)
		return false;
	for (; *s; s++, n++) {
		if (*s < '0' || *s > '9' || n >= 18)
			return false;
		v = v * 10 + (*s - '0');
	}
	*out = v;
	return true;
}

/* The four digits as typed, spaces dropped; false unless exactly four ASCII digits. */
static bool parse_tail(const char *in, char out[5])
{
	int n = 0;

	for (; in && *in; in++) {
		if (*in == ' ')
			continue;
		if (*in < '0' || *in > '9' || n == 4)
			return false;
		out[n++] = *in;
	}
	out[n] = '\0';
	return n == 4;
}

/* ---- handlers ---- */

void web_healthz(struct web *w, struct reply *r)
{
	struct meeting on[1];
	char err[256];

	if (meetings_current(w->db, clock_now(w->clock), on, 1, err, sizeof err) < 0) {
		r->status = 503;
		r->len = snprintf(r->html, sizeof r->html, "database: %s\n", err);
		return;
	}
	r->status = 200;
	r->len = snprintf(r->html, sizeof r->html, "ok\n");
}

/* Whether a token's or a page's meeting lookup (RC, verdict V) may go on; if not, the phone has
 * been answered: 503 when the database did not answer, 410 expired, 403 forged. */
static bool meeting_usable(struct web *w, struct reply *r, int rc, enum phone_verdict v,
			   const char *err)
{
	if (rc < 0) {
		web_log(w, WEB_LOG_DB, LOG_WARNING, "%s", err);
		web_message(w, r, 503, web_txt.busy, web_txt.busy_text);
		return false;
	}
	if (v != PHONE_OK) {
		web_message(w, r, v == PHONE_EXPIRED ? 410 : 403, web_txt.expired,
			    web_txt.expired_text);
		return false;
	}
	return true;
}

/* GET /s/TOKEN: the form, or one tap for a phone that signed its member in before. */
void web_sign_in_page(struct web *w, struct MHD_Connection *c, const char *token,
		      struct reply *r)
{
	time_t now = clock_now(w->clock);
	enum phone_verdict v;
	struct meeting m;
	struct member who;
	char stamp[TOKEN_LEN], op[24], err[512];
	int64_t opened, member_id;
	bool had_cookie;

	int rc = phone_token_meeting(w->db, w->key, token, now, &m, &v, err, sizeof err);
	if (!meeting_usable(w, r, rc, v, err))
		return;
	fresh_stamp(w, &m, now, stamp, &opened);
	member_id = device_member(w, c, &had_cookie);
	if (member_id && members_get(w->db, member_id, &who, err, sizeof err) == 0) {
		char home[PAGE_MAX / 2];
		const struct page_var vars[] = {
			{ "meeting", m.title }, { "stamp", stamp }, { "opened", op },
			{ "name", who.f[MF_NAME] }, { "signout", m.signout ? "1" : NULL },
			{ "household", home },
		};
		snprintf(op, sizeof op, "%lld", (long long)opened);
		web_household_buttons(w, &m, member_id, stamp, op, home, sizeof home);
		render(w, r, 200, web_txt.title, "tap.html", vars, 6);
		return;
	}
	if (had_cookie) /* a cookie this kiosk no longer knows: let the phone forget it */
		snprintf(r->cookie, sizeof r->cookie, COOKIE_NAME "=; Max-Age=0; Path=/; HttpOnly; "
			 "SameSite=Strict");
	form_page(w, r, &m, stamp, opened, NULL, NULL);
}

/* The second step when two members share a name and the digits: one button per branch. */
static int branch_button(void *ctx, const struct unit *u)
{
	char *out = ctx, id[24];
	size_t len = strlen(out);

	snprintf(id, sizeof id, "%lld", (long long)u->id);
	if (len + strlen(u->name) * 6 + 96 > PAGE_MAX / 2)
		return 1;
	strcat(out, "<button type=\"submit\" class=\"choice\" name=\"branch\" value=\"");
	strcat(out, id);
	strcat(out, "\">");
	len = strlen(out);
	page_escape(u->name, out, &len, PAGE_MAX / 2);
	strcat(out, "</button>\n");
	return 0;
}

static void branch_page(struct web *w, struct reply *r, const struct meeting *m,
			const char *stamp, const char *opened, const char *name, const char *tail)
{
	char buttons[PAGE_MAX / 2] = "", err[256];
	const struct page_var vars[] = {
		{ "meeting", m->title }, { "stamp", stamp }, { "opened", opened },
		{ "name", name },        { "tail", tail },   { "branches", buttons },
	};

	if (members_each_unit(w->db, SCOPE_BRANCH, branch_button, buttons, err, sizeof err) < 0) {
		web_message(w, r, 503, web_txt.busy, web_txt.busy_text);
		return;
	}
	render(w, r, 200, web_txt.title, "branch.html", vars, 6);
}

/* Count a wrong try (guesses.h): true when it was answered here already (429, or 503 when the
 * database failed), false when the caller says what was wrong. */
static bool count_wrong(struct web *w, struct reply *r, const char *addr, const char *name_key)
{
	enum guess_verdict v;
	char err[512];

	if (guesses_wrong(&w->guesses, w->db, addr, name_key, clock_now_ms(w->clock), &v, err,
			  sizeof err) < 0) {
		web_log(w, WEB_LOG_DB, LOG_WARNING, "%s", err);
		web_message(w, r, 503, web_txt.busy, web_txt.busy_text);
		return true;
	}
	if (v == GUESS_OK)
		return false;
	web_log(w, WEB_LOG_GUESSES, LOG_WARNING, "姓名或手机尾号错误次数已达上限（来自 %s）", addr);
	web_message(w, r, 429, web_txt.too_many, web_txt.too_many_text);
	return true;
}

/* A wrong try, counted (count) or a slip that reveals nothing (no name, not four digits): show
 * the form again, with a fresh stamp when the QR token is still valid (the member is still in
 * front of the kiosk). */
static void wrong_try(struct web *w, struct reply *r, const char *addr, const char *name_key,
		      const char *token, const struct meeting *m, const char *stamp,
		      int64_t opened, const char *name, const char *error, bool count)
{
	time_t now = clock_now(w->clock);
	char fresh[TOKEN_LEN];

	if (count && count_wrong(w, r, addr, name_key))
		return;
	if (token_valid(w->key, m->uuid, token, now)) {
		fresh_stamp(w, m, now, fresh, &opened);
		stamp = fresh;
	}
	form_page(w, r, m, stamp, opened, name, error);
}

static bool is_form(struct MHD_Connection *c)
{
	const char *ct = MHD_lookup_connection_value(c, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_TYPE);
	const char *want = "application/x-www-form-urlencoded";

	return ct && strncasecmp(ct, want, strlen(want)) == 0 &&
	       (ct[strlen(want)] == '\0' || ct[strlen(want)] == ';' || ct[strlen(want)] == ' ');
}

/* POST /s/TOKEN: identify the member and sign them in. */
void web_sign_in_post(struct web *w, struct MHD_Connection *c, const char *token,
		      struct request *q, struct reply *r)
{
	struct form f;
	struct meeting m;
	struct member who;
	struct phone_match match;
	struct checkin ci;
	struct web_signin s;
	enum phone_verdict v;
	const char *stamp, *name, *how, *act;
	char addr[64], name_key[MEMBER_TEXT] = "", tail[5] = "", err[512], hhmm[6], line[512];
	int64_t opened, member_id, tied, branch_id = 0;
	time_t now = clock_now(w->clock);
	bool had_cookie, guessing, household = false;

	if (!is_form(c)) {
		web_message(w, r, 415, web_txt.not_form, web_txt.bad_request_text);
		return;
	}
	if (form_parse(q->body, q->len, &f) < 0) {
		web_message(w, r, 400, web_txt.bad_request, web_txt.bad_request_text);
		return;
	}
	stamp = form_get(&f, "stamp");
	if (!stamp || !parse_int(form_get(&f, "opened"), &opened)) {
		web_message(w, r, 400, web_txt.bad_request, web_txt.bad_request_text);
		return;
	}
	int rc = phone_stamp_meeting(w->db, w->key, token, opened, stamp, now, &m, &v, err, sizeof err);
	if (!meeting_usable(w, r, rc, v, err))
		return;
	web_client_address(c, addr, sizeof addr);
	name = form_get(&f, "name");
	how = form_get(&f, "how");
	act = form_get(&f, "act");
	if ((act && (strcmp(act, "signout") != 0 || !how || strcmp(how, "device") != 0)) ||
	    (form_get(&f, "for") && (!how || strcmp(how, "device") != 0 || act))) {
		web_message(w, r, 400, web_txt.bad_request, web_txt.bad_request_text); /* 签退 is one tap */
		return;
	}
	if (name && phone_name_key(name, name_key, sizeof name_key) < 0)
		snprintf(name_key, sizeof name_key, "%s", name);
	guessing = !how || strcmp(how, "device") != 0;
	/* Name and digits are a guess until they match; one tap with a device cookie is not. */
	if (guessing) {
		switch (guesses_check(&w->guesses, addr, clock_now_ms(w->clock))) {
		case GUESS_OK:
			break;
		case GUESS_BLOCKED:
			web_message(w, r, 429, web_txt.too_many, web_txt.too_many_text);
			return;
		case GUESS_SPENT:
			web_log(w, WEB_LOG_GUESSES, LOG_WARNING,
				"这一分钟手机上输错姓名或尾号已达 %d 次，暂停手机签到，请在屏幕上签到",
				GUESSES_PER_MINUTE);
			web_message(w, r, 429, web_txt.spent, web_txt.spent_text);
			return;
		}
	}
	tied = device_member(w, c, &had_cookie);
	if (how && strcmp(how, "device") == 0) {
		if (!tied) {
			wrong_try(w, r, addr, "", token, &m, stamp, opened, NULL, web_txt.device_gone, false);
			return;
		}
		member_id = tied;
		/* Another member of this phone's household (同户); anyone else is refused below. */
		if (form_get(&f, "for")) {
			if (!parse_int(form_get(&f, "for"), &member_id)) {
				web_message(w, r, 400, web_txt.bad_request, web_txt.bad_request_text);
				return;
			}
			if (household_same(w->db, tied, member_id, &household, err, sizeof err) < 0) {
				web_log(w, WEB_LOG_DB, LOG_WARNING, "%s", err);
				web_message(w, r, 503, web_txt.busy, web_txt.busy_text);
				return;
			}
		}
	} else {
		if (!name || !name_key[0]) {
			wrong_try(w, r, addr, "", token, &m, stamp, opened, name, web_txt.need_name, false);
			return;
		}
		if (!parse_tail(form_get(&f, "tail"), tail)) {
			wrong_try(w, r, addr, "", token, &m, stamp, opened, name, web_txt.need_tail, false);
			return;
		}
		if (form_get(&f, "branch") && !parse_int(form_get(&f, "branch"), &branch_id)) {
			web_message(w, r, 400, web_txt.bad_request, web_txt.bad_request_text);
			return;
		}
		if (phone_identify(w->db, name, tail, branch_id, &match, err, sizeof err) < 0) {
			web_log(w, WEB_LOG_DB, LOG_WARNING, "%s", err);
			web_message(w, r, 503, web_txt.busy, web_txt.busy_text);
			return;
		}
		switch (match.who) {
		case PHONE_NOBODY:
			wrong_try(w, r, addr, name_key, token, &m, stamp, opened, name, web_txt.wrong, true);
			return;
		case PHONE_NO_PHONE:
			/* Counted like a wrong try: it says a name is on the roster. */
			if (count_wrong(w, r, addr, name_key))
				return;
			web_message(w, r, 200, web_txt.no_phone, web_txt.no_phone_text);
			return;
		case PHONE_SEVERAL:
			if (branch_id)
				web_message(w, r, 200, web_txt.ambiguous, web_txt.ambiguous_text);
			else
				branch_page(w, r, &m, stamp, form_get(&f, "opened"), name, tail);
			return;
		case PHONE_FOUND:
			break;
		}
		member_id = match.member_id;
		/* Right at last, but after five wrong tries at this member: refused all the same,
		 * or the sixth try would tell a guesser it was right. */
		if (guesses_member_blocked(&w->guesses, member_id, clock_now_ms(w->clock))) {
			web_message(w, r, 429, web_txt.too_many, web_txt.too_many_text);
			return;
		}
	}
	if (members_get(w->db, member_id, &who, err, sizeof err) < 0) {
		web_message(w, r, 503, web_txt.busy, web_txt.busy_text);
		return;
	}
	/* One phone, one member: a phone that signed someone in never signs in anyone else. */
	if (tied && tied != member_id && !household) {
		struct member owner;
		if (members_get(w->db, tied, &owner, err, sizeof err) < 0)
			owner.f[MF_NAME][0] = '\0';
		snprintf(line, sizeof line, "%s%s%s", web_txt.one_phone_before, owner.f[MF_NAME],
			 web_txt.one_phone_after);
		web_message(w, r, 403, web_txt.one_phone, line);
		return;
	}
	/* Into the transaction of this turn of the loop (see the top of the file). */
	if (!w->in_tx) {
		if (db_begin(w->db, err, sizeof err) < 0) {
			web_log(w, WEB_LOG_DB, LOG_WARNING, "%s", err);
			web_message(w, r, 503, web_txt.busy, web_txt.busy_text);
			return;
		}
		w->in_tx = true;
	}
	if (act) {
		web_signout(w, q, r, &m, &who, now);
		return;
	}
	if (attendance_checkin(w->db, m.id, member_id, household ? METHOD_QR_HOUSEHOLD : METHOD_QR, now, &ci,
			       err, sizeof err) < 0) {
		web_message(w, r, 409, web_txt.refused, err);
		return;
	}
	/* A device row only for a new sign-in: a replayed form ("already") adds nothing. */
	if (!tied && !ci.already) {
		char cookie[DEVICE_COOKIE_LEN];
		if (devices_add(w->db, member_id, now, cookie, err, sizeof err) == 0)
			snprintf(r->cookie, sizeof r->cookie,
				 COOKIE_NAME "=%s; Max-Age=%d; Path=/; HttpOnly; SameSite=Strict",
				 cookie, COOKIE_MAX_AGE);
		else
			web_log(w, WEB_LOG_DB, LOG_WARNING, "%s", err); /* signed in all the same; only the one tap is lost */
	}
	clock_format_hhmm(ci.at, hhmm);
	memset(&s, 0, sizeof s);
	s.meeting_id = m.id;
	s.member_id = member_id;
	snprintf(s.name, sizeof s.name, "%s", who.f[MF_NAME]);
	snprintf(s.hhmm, sizeof s.hhmm, "%s", hhmm);
	s.already = ci.already;
	q->signin = s; /* told to the screen once committed */
	q->signed_in = true;
	{
		char home[PAGE_MAX / 2];
		const struct page_var vars[] = {
			{ "name", who.f[MF_NAME] },
			{ "meeting", m.title },
			{ "time", hhmm },
			{ "guest", ci.guest ? web_txt.guest : NULL },
			{ "stamp", stamp },
			{ "opened", form_get(&f, "opened") },
			{ "signout", m.signout && tied && !household ? "1" : NULL },
			{ "household", home },
		};
		/* The rest of the household, one more tap each (the cookie is this phone's now). */
		web_household_buttons(w, &m, tied ? tied : r->cookie[0] ? member_id : 0, stamp,
				      form_get(&f, "opened"), home, sizeof home);
		render(w, r, 200, web_txt.title_done, ci.already ? "already.html" : "done.html", vars, 8);
	}
}
