/* 回访名单.csv in the export folder: one row per member on the follow-up list, with the reason
 * in words, the meetings missed, the 中心户 head to call and the last 已联系. */
#include "core/exchange/export_followup.h"

#include <stdio.h>

#include "core/base/clock.h"
#include "core/formats/csv_write.h"
#include "core/party/stats.h"
#include "core/store/db.h"

static const char *const header[] = {
	"党员编号", "签到机", "姓名", "所属支部", "中心户", "户长", "原因", "连续无故缺席",
	"最近参加", "已联系", "联系情况", "名单时间",
};
#define NCOLS (sizeof header / sizeof header[0])

struct writer {
	FILE *out;
	const char *kiosk_id;
	char now[CLOCK_TEXT];
	int rows;
};

static int row(void *ctx, const struct followup *f)
{
	struct writer *w = ctx;
	char why[640], run[16], contact[512];
	const char *r[NCOLS];

	stats_followup_why(f, why, sizeof why);
	snprintf(run, sizeof run, "%d", f->absences);
	contact[0] = '\0';
	if (f->contacted_at[0])
		snprintf(contact, sizeof contact, "%.16s %s：%s", f->contacted_at, f->contacted_by,
			 f->contact_note);
	r[0] = f->member_uuid;
	r[1] = w->kiosk_id;
	r[2] = f->name;
	r[3] = f->branch;
	r[4] = f->household_id ? f->household : "";
	r[5] = f->head;
	r[6] = why;
	r[7] = run;
	r[8] = f->never ? "" : f->since;
	r[9] = f->contacted ? "是" : "否";
	r[10] = contact;
	r[11] = w->now;
	csv_write_row(w->out, r, NCOLS);
	w->rows++;
	return 0;
}

int export_followup_write(struct db *db, time_t now, FILE *out, int *rows, char *err, size_t errlen)
{
	struct writer w = { .out = out, .kiosk_id = db->kiosk_id };

	clock_format(now, w.now);
	csv_write_bom(out);
	csv_write_row(out, header, NCOLS);
	if (stats_followup(db, now, row, &w, err, errlen) < 0)
		return -1;
	*rows = w.rows;
	return 0;
}
