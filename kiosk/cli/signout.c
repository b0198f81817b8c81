/* kioskctl's 签退 commands: whether a meeting asks for 签退, and signing a member out (staff,
 * for someone who left without tapping). Lateness is a setting: settings set late.主题党日 10. */
#include <stdio.h>

#include "cli/cli.h"
#include "core/base/clock.h"
#include "core/party/signout.h"

static int cmd_meetings_signout(struct cli *c, const struct cli_args *a)
{
	bool on = !cli_flag(a, "off");

	if (meetings_set_signout(c->db, a->id[0], on, c->actor, c->now, c->err, sizeof c->err) < 0)
		return cli_fail(c);
	printf("%s\n", on ? "这次会议要签退" : "这次会议不用签退");
	return 0;
}

static int cmd_signout(struct cli *c, const struct cli_args *a)
{
	struct signout s;
	char hhmm[6];

	if (attendance_signout(c->db, a->id[0], a->id[1], c->now, &s, c->err, sizeof c->err) < 0)
		return cli_fail(c);
	clock_format_hhmm(s.at, hhmm);
	printf("%s %s%s\n", s.already ? "已签退" : "签退成功", hhmm, s.early ? "（早退）" : "");
	return 0;
}

const struct cli_command cli_signout_commands[] = {
	{ .name = "meetings", .sub = "signout", .options = "off", .min_args = 1, .max_args = 1,
	  .args_missing = "请给出一个会议编号", .ids = { "会议" }, .db = CLI_DB_OPEN,
	  .usage = "meetings signout 会议编号 [--off]", .help = "这次会议要签退（--off：不用签退）",
	  .exec = cmd_meetings_signout },
	{ .name = "signout", .min_args = 2, .max_args = 2, .args_missing = "请给出会议编号和党员编号",
	  .ids = { "会议", "党员" }, .db = CLI_DB_OPEN, .usage = "signout 会议编号 党员编号",
	  .help = "代为签退（结束前签退记为早退）", .exec = cmd_signout },
	{ 0 },
};
