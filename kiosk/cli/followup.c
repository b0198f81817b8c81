/* kioskctl's follow-up commands: the 回访名单 (who needs a call, why, and the 中心户 head to
 * call them) and marking a member 已联系 with a note. */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "core/party/stats.h"

static const char *const followup_header[] = {
	"党员编号", "姓名", "所属支部", "联系电话", "中心户", "户长", "户长电话", "原因",
	"最近参加", "已联系", "联系记录",
};

/* One row of the 回访名单 as the columns above; shared with the export's 回访名单.csv. */
static int add_row(void *ctx, const struct followup *f)
{
	struct cli_table *t = ctx;
	char id[24], why[640], contact[512];
	const char *row[11];

	snprintf(id, sizeof id, "%lld", (long long)f->member_id);
	stats_followup_why(f, why, sizeof why);
	contact[0] = '\0';
	if (f->contacted_at[0])
		snprintf(contact, sizeof contact, "%.16s %s：%s", f->contacted_at, f->contacted_by,
			 f->contact_note);
	row[0] = id;
	row[1] = f->name;
	row[2] = f->branch;
	row[3] = f->phone;
	row[4] = f->household_id ? f->household : "未编入";
	row[5] = f->head;
	row[6] = f->head_phone;
	row[7] = why;
	row[8] = f->never ? "从没签到" : f->since;
	row[9] = f->contacted ? "是" : "否";
	row[10] = contact;
	cli_table_add(t, row);
	return 0;
}

static int cmd_followup_list(struct cli *c, const struct cli_args *a)
{
	struct cli_table t;

	cli_table_init(&t, 11, followup_header);
	if (stats_followup(c->db, c->now, add_row, &t, c->err, sizeof c->err) < 0) {
		cli_table_free(&t);
		return cli_fail(c);
	}
	cli_table_print(&t, cli_flag(a, "csv"));
	return 0;
}

static int cmd_followup_contact(struct cli *c, const struct cli_args *a)
{
	const char *note = cli_value_or(a, "note", "");

	if (stats_followup_contact(c->db, a->id[0], note, cli_value_or(a, "by", c->actor), c->now, c->err,
				   sizeof c->err) < 0)
		return cli_fail(c);
	fprintf(stderr, "已记为已联系\n");
	return 0;
}

const struct cli_command cli_followup_commands[] = {
	{ .name = "followup", .sub = "list", .options = "csv", .db = CLI_DB_OPEN,
	  .usage = "followup list [--csv]",
	  .help = "回访名单：三个月没参加或连续三次无故缺席的党员，写明原因和要联系的中心户户长",
	  .exec = cmd_followup_list },
	{ .name = "followup", .sub = "contact", .options = "note= by=", .min_args = 1, .max_args = 1,
	  .args_missing = "请给出一个党员编号", .ids = { "党员" }, .required = "note",
	  .required_missing = "请用 --note 写下联系的情况", .db = CLI_DB_OPEN,
	  .usage = "followup contact 党员编号 --note 情况 [--by 联系人]", .help = "记下已联系（回访）",
	  .exec = cmd_followup_contact },
	{ 0 },
};
