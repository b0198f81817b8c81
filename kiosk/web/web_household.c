/* The household on the phone (docs/http.md): a remembered phone offers, beside its own member,
 * the others of that member's household (同户) not signed in yet, one button each, posting
 * how=device and for=ID. Nobody outside the household is ever offered or accepted. */
#include <stdio.h>
#include <string.h>

#include "core/party/household.h"
#include "core/party/meetings.h"
#include "web/page.h"
#include "web/web_priv.h"

void web_household_buttons(struct web *w, const struct meeting *m, int64_t tied, const char *stamp,
			   const char *opened, char *out, size_t size)
{
	struct home_member others[HOUSEHOLD_MAX];
	char err[256], id[24];
	size_t len = 0;
	int n, i;

	out[0] = '\0';
	if (!tied)
		return;
	n = household_to_offer(w->db, m->id, tied, others, HOUSEHOLD_MAX, err, sizeof err);
	for (i = 0; i < n; i++) {
		snprintf(id, sizeof id, "%lld", (long long)others[i].id);
		if (len + 600 > size)
			break;
		len += (size_t)snprintf(out + len, size - len,
					"<form method=\"post\">\n<input type=\"hidden\" name=\"stamp\" value=\"");
		page_escape(stamp, out, &len, size);
		len += (size_t)snprintf(out + len, size - len,
					"\">\n<input type=\"hidden\" name=\"opened\" value=\"");
		page_escape(opened, out, &len, size);
		len += (size_t)snprintf(out + len, size - len,
					"\">\n<input type=\"hidden\" name=\"how\" value=\"device\">\n"
					"<input type=\"hidden\" name=\"for\" value=\"%s\">\n"
					"<button type=\"submit\" class=\"choice household\">同户的 ", id);
		page_escape(others[i].name, out, &len, size);
		len += (size_t)snprintf(out + len, size - len, "，点击签到</button>\n</form>\n");
	}
}
