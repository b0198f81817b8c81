/* kioskctl's commands on meetings and who came: adding one, listing them with 应到 and 实到,
 * planning a quarter's 三会一课, recording leave, signing a member in for them, and the 签到表. */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "core/party/attendance.h"
#include "core/store/db.h"
#include "core/party/leave.h"
#include "core/party/meetings.h"
#include "core/party/planner.h"

/* An option's text, or "" when not given. */
static const char *text(const struct cli_args *a, const char *name)
{
	return cli_value_or(a, name, "");
}

static int cmd_meetings_add(struct cli *c, const struct cli_args *a)
{
	bool vote = cli_flag(a, "vote"), election = cli_flag(a, "election");
	struct meeting m;

	if (vote && election)
		return cli_usage(c, "--vote 和 --election 只能选一个");
	meeting_init(&m);
	if (meeting_kind_parse(cli_value(a, "kind"), &m.kind, c->err, sizeof c->err) < 0 ||
	    cli_parse_time(c, cli_value(a, "start"), &m.start, "开始时间") < 0 ||
	    cli_parse_time(c, cli_value(a, "end"), &m.end, "结束时间") < 0)
		return cli_fail(c);
	snprintf(m.title, sizeof m.title, "%s", text(a, "title"));
	snprintf(m.branch, sizeof m.branch, "%s", text(a, "branch"));
	snprintf(m.group, sizeof m.group, "%s", text(a, "group"));
	snprintf(m.place, sizeof m.place, "%s", text(a, "place"));
	snprintf(m.host, sizeof m.host, "%s", text(a, "host"));
	snprintf(m.recorder, sizeof m.recorder, "%s", text(a, "recorder"));
	snprintf(m.topic, sizeof m.topic, "%s", text(a, "topic"));
	m.vote = election ? VOTE_ELECTION : vote ? VOTE_MAJORITY : VOTE_NONE;
	m.signout = cli_flag(a, "signout");
	if (meetings_add(c->db, &m, c->actor, c->err, sizeof c->err) < 0)
		return cli_fail(c);
	printf("%lld\n", (long long)m.id);
	return 0;
}

struct meeting_list {
	struct cli *c;
	struct cli_table t;
	int failed;
};

static int list_meeting(void *ctx, const struct meeting *m)
{
	struct meeting_list *l = ctx;
	struct meeting_counts counts;
	char id[32], start[CLOCK_TEXT], end[CLOCK_TEXT], expected[16], present[16];
	const char *row[9];

	if (attendance_counts(l->c->db, m, &counts, l->c->err, sizeof l->c->err) < 0) {
		l->failed = 1;
		return 1;
	}
	snprintf(id, sizeof id, "%lld", (long long)m->id);
	clock_format_minutes(m->start, start);
	clock_format_minutes(m->end, end);
	if (m->kind == MK_VOLUNTEER)
		snprintf(expected, sizeof expected, "-");
	else
		snprintf(expected, sizeof expected, "%d", counts.expected);
	snprintf(present, sizeof present, "%d", counts.present);
	row[0] = id;
	row[1] = meeting_kind_name(m->kind);
	row[2] = m->title;
	row[3] = m->branch[0] ? m->branch : "全体党员";
	row[4] = start;
	row[5] = end;
	row[6] = m->place;
	row[7] = expected;
	row[8] = present;
	cli_table_add(&l->t, row);
	return 0;
}

static int cmd_meetings_list(struct cli *c, const struct cli_args *a)
{
	static const char *const header[] = { "编号", "类型", "标题", "支部", "开始",
					      "结束", "地点", "应到", "实到" };
	const char *from_s = cli_value(a, "from"), *to_s = cli_value(a, "to");
	bool csv = cli_flag(a, "csv"), today = cli_flag(a, "today");
	struct meeting_list l = { .c = c };
	time_t from = 86400, to = (time_t)4102444800LL; /* 1970-01-02 .. 2100-01-01 */

	if ((from_s && cli_parse_time(c, from_s, &from, "开始时间") < 0) ||
	    (to_s && cli_parse_time(c, to_s, &to, "结束时间") < 0))
		return cli_fail(c);
	if (today) {
		struct tm tm;
		localtime_r(&c->now, &tm);
		tm.tm_hour = tm.tm_min = tm.tm_sec = 0;
		tm.tm_isdst = -1;
		from = mktime(&tm);
		to = from + 86400;
	}
	cli_table_init(&l.t, 9, header);
	if (meetings_each_between(c->db, from, to, list_meeting, &l, c->err, sizeof c->err) < 0 ||
	    l.failed) {
		cli_table_free(&l.t);
		return cli_fail(c);
	}
	if (!csv && l.t.rows == 0) {
		printf("%s没有会议\n", today ? "今天" : "这段时间");
		cli_table_free(&l.t);
		return 0;
	}
	cli_table_print(&l.t, csv);
	return 0;
}

static void planned(void *ctx, const struct meeting *m, bool created)
{
	struct cli_table *t = ctx;
	char start[CLOCK_TEXT];
	const char *row[6];

	clock_format_minutes(m->start, start);
	row[0] = created ? "新建" : "已有，未重复";
	row[1] = start;
	row[2] = meeting_kind_name(m->kind);
	row[3] = m->title;
	row[4] = m->group[0] ? m->group : m->branch[0] ? m->branch : "全体党员";
	row[5] = m->place;
	cli_table_add(t, row);
}

static int cmd_meetings_plan(struct cli *c, const struct cli_args *a)
{
	static const char *const header[] = { "", "开始", "类型", "标题", "参加", "地点" };
	bool dry_run = cli_flag(a, "dry-run");
	struct cli_table t;
	struct plan_result res;
	int year, quarter;

	if (planner_parse_quarter(cli_value(a, "quarter"), &year, &quarter, c->err, sizeof c->err) < 0)
		return cli_fail(c);
	cli_table_init(&t, 6, header);
	if (planner_plan_quarter(c->db, year, quarter, dry_run, c->actor, planned, &t, &res, c->err,
				 sizeof c->err) < 0) {
		cli_table_free(&t);
		return cli_fail(c);
	}
	/* Printed only now: a plan that failed half-way was rolled back and printed nothing. */
	cli_table_print(&t, false);
	printf("%d年第%d季度：%s %d 场会议；%d 场已经有了，没有重复%s\n", year, quarter,
	       dry_run ? "将新建" : "新建", res.created, res.existing, dry_run ? "（试运行，没有写入）" : "");
	return 0;
}

/* The meeting and member may be given as options or, in that order, as positionals. */
static int cmd_leave_add(struct cli *c, const struct cli_args *a)
{
	const char *meeting = cli_value(a, "meeting"), *member = cli_value(a, "member"),
		   *reason = cli_value(a, "reason");
	int64_t meeting_id, member_id;

	if (!meeting && a->npos > 0)
		meeting = a->pos[0];
	if (!member && a->npos > 1)
		member = a->pos[1];
	if (!meeting || !member || !reason)
		return cli_usage(c, "请给出会议编号、党员编号和请假原因");
	if (cli_parse_id(c, meeting, &meeting_id, "会议") < 0 ||
	    cli_parse_id(c, member, &member_id, "党员") < 0 ||
	    leave_add(c->db, meeting_id, member_id, reason, c->actor, c->now, c->err, sizeof c->err) < 0)
		return cli_fail(c);
	printf("已记录请假\n");
	return 0;
}

static int cmd_checkin(struct cli *c, const struct cli_args *a)
{
	static const struct {
		const char *name;
		enum checkin_method method;
	} methods[] = { { "staff", METHOD_STAFF }, { "touch", METHOD_TOUCH }, { "qr", METHOD_QR } };
	const char *method_s = cli_value_or(a, "method", "staff");
	struct checkin in;
	char hhmm[6];
	size_t i;

	for (i = 0; i < sizeof methods / sizeof methods[0]; i++)
		if (strcmp(method_s, methods[i].name) == 0)
			break;
	if (i == sizeof methods / sizeof methods[0])
		return cli_usage(c, "签到方式“%s”只能是 staff、touch 或 qr", method_s);
	if (attendance_checkin(c->db, a->id[0], a->id[1], methods[i].method, c->now, &in, c->err,
			       sizeof c->err) < 0)
		return cli_fail(c);
	clock_format_hhmm(in.at, hhmm);
	printf("%s %s%s\n", in.already ? "已签到" : "签到成功", hhmm, in.guest ? "（列席）" : "");
	return 0;
}

static int sheet_row(void *ctx, const struct sheet_row *r)
{
	struct cli_table *t = ctx;
	const char *row[9];
	char hhmm[6] = "", left[6] = "";

	if (r->checked_at[0])
		snprintf(hhmm, sizeof hhmm, "%.5s", r->checked_at + 11);
	if (r->left_at[0])
		snprintf(left, sizeof left, "%.5s", r->left_at + 11);
	row[0] = r->name;
	row[1] = r->branch;
	row[2] = r->status;
	row[3] = attendance_state_name(r->state);
	row[4] = hhmm;
	row[5] = attendance_method_label(r->method);
	row[6] = r->reason;
	row[7] = r->late && r->early ? "迟到、早退" : r->late ? "迟到" : r->early ? "早退" : "";
	row[8] = left;
	cli_table_add(t, row);
	return 0;
}

static int cmd_attendance(struct cli *c, const struct cli_args *a)
{
	static const char *const header[] = { "姓名", "所属支部", "党籍状态", "状态", "签到时间", "方式", "原因",
					      "迟到早退", "签退时间" };
	bool csv = cli_flag(a, "csv");
	struct meeting m;
	struct meeting_counts n;
	struct cli_table t;
	char start[CLOCK_TEXT], end[6];

	if (meetings_get(c->db, a->id[0], &m, c->err, sizeof c->err) < 0 ||
	    attendance_counts(c->db, &m, &n, c->err, sizeof c->err) < 0)
		return cli_fail(c);
	cli_table_init(&t, 9, header);
	if (attendance_each_sheet_row(c->db, &m, sheet_row, &t, c->err, sizeof c->err) < 0) {
		cli_table_free(&t);
		return cli_fail(c);
	}
	if (!csv) {
		clock_format_minutes(m.start, start);
		clock_format_hhmm(m.end, end);
		printf("%s（%s）\n%s-%s  %s  %s\n\n", m.title, meeting_kind_name(m.kind), start, end,
		       m.place, m.branch[0] ? m.branch : "全体党员");
	}
	cli_table_print(&t, csv);
	if (!csv) {
		printf("\n应到 %d 人，实到 %d 人（正式 %d，预备 %d），请假 %d 人，缺席 %d 人，列席 %d 人\n",
		       n.expected, n.present, n.present_full, n.present_probationary, n.on_leave,
		       n.absent, n.guests);
		if (m.vote != VOTE_NONE)
			printf("%s：有表决权的党员应到 %d 人，实到 %d 人，需要至少 %d 人，%s\n",
			       quorum_mode_name(m.vote), n.quorum.voters_expected,
			       n.quorum.voters_present, n.quorum.needed,
			       n.quorum.met ? "已达到人数" : "未达到人数");
	}
	return 0;
}

const struct cli_command cli_meetings_commands[] = {
	{ .name = "meetings", .sub = "add",
	  .options = "kind= title= start= end= branch= group= place= vote election host= recorder= topic= signout",
	  .required = "kind title start end", .required_missing = "--kind、--title、--start 和 --end 都要给出",
	  .db = CLI_DB_OPEN,
	  .usage = "meetings add --kind 类型 --title 标题 --start \"2026-12-01 09:00\" --end \"2026-12-01 11:00\""
		   " [--branch 支部] [--group 党小组] [--place 地点] [--vote | --election] [--host 主持人]"
		   " [--recorder 记录人] [--topic 议题] [--signout]",
	  .help = "新增会议，输出编号", .exec = cmd_meetings_add },
	{ .name = "meetings", .sub = "list", .options = "from= to= today csv", .db = CLI_DB_OPEN,
	  .usage = "meetings list [--from 时间] [--to 时间] [--today] [--csv]", .help = "会议列表",
	  .exec = cmd_meetings_list },
	{ .name = "meetings", .sub = "plan", .options = "quarter= dry-run", .required = "quarter",
	  .required_missing = "请用 --quarter 指定季度，如 2027Q1", .db = CLI_DB_OPEN,
	  .usage = "meetings plan --quarter 2027Q1 [--dry-run]",
	  .help = "按三会一课的频次安排一个季度的会议（--quarter 2027Q1）", .exec = cmd_meetings_plan },
	{ .name = "leave", .sub = "add", .options = "meeting= member= reason=", .max_args = 2,
	  .args_missing = "请给出会议编号、党员编号和请假原因", .db = CLI_DB_OPEN,
	  .usage = "leave add --meeting 会议编号 --member 党员编号 --reason 原因", .help = "记录请假",
	  .exec = cmd_leave_add },
	{ .name = "checkin", .options = "method=", .min_args = 2, .max_args = 2,
	  .args_missing = "请给出会议编号和党员编号", .ids = { "会议", "党员" }, .db = CLI_DB_OPEN,
	  .usage = "checkin 会议编号 党员编号 [--method staff|touch|qr]", .help = "代为签到",
	  .exec = cmd_checkin },
	{ .name = "attendance", .options = "csv", .min_args = 1, .max_args = 1,
	  .args_missing = "请给出一个会议编号", .ids = { "会议" }, .db = CLI_DB_OPEN,
	  .usage = "attendance 会议编号 [--csv]", .help = "会议签到表", .exec = cmd_attendance },
	{ 0 },
};
