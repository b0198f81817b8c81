/* kioskctl's commands on a meeting's paper trail: the record (会议纪实), the blank sign-in sheet
 * printed before a meeting, and the names ticked on it entered afterwards (纸质补录). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "core/base/safefile.h"
#include "core/exchange/record_pdf.h"
#include "core/party/attendance.h"
#include "core/party/meetings.h"
#include "core/party/record.h"
#include "core/store/db.h"

/* A vote count as typed: a whole number, 0 or more. */
static int parse_count(struct cli *c, const char *s, int *out, const char *what)
{
	char *end;
	long v;

	errno = 0;
	v = s ? strtol(s, &end, 10) : -1;
	if (!s || errno || end == s || *end || v < 0 || v > 100000) {
		snprintf(c->err, sizeof c->err, "%s票数“%s”不对，请写 0 或正整数", what, s ? s : "");
		return -1;
	}
	*out = (int)v;
	return 0;
}

static void print_record(const struct meeting *m, const struct meeting_counts *n,
			 const struct meeting_record *r)
{
	char quorum[300], votes[160];
	int i;

	printf("%s（%s）\n", m->title, meeting_kind_name(m->kind));
	printf("主持人：%s\n记录人：%s\n", r->host, r->recorder);
	for (i = 0; i < r->ntopics; i++)
		printf("议题 %d：%s\n", i + 1, r->topics[i]);
	printf("主要内容：%s\n", r->content);
	for (i = 0; i < r->ndecisions; i++)
		printf("决议事项 %d：%s\n", i + 1, r->decisions[i]);
	record_votes_text(n, r, votes, sizeof votes);
	if (votes[0])
		printf("%s：%s\n", quorum_mode_name(m->vote), votes);
	record_quorum_statement(m, n, quorum, sizeof quorum);
	printf("%s\n", quorum);
	printf("%s\n", record_complete(m, r) ? "纪实完整" : "纪实还不完整");
}

static int cmd_meetings_record(struct cli *c, const struct cli_args *a)
{
	static const char *const fields[] = { "host", "recorder", "topic", "content", "decision",
					      "for", "against", "abstain" };
	struct meeting_record *r;
	struct meeting m;
	struct meeting_counts n;
	const char *const *v;
	int i, k, nv, rc = 1, had;
	bool any = false;

	for (i = 0; i < (int)(sizeof fields / sizeof fields[0]); i++)
		any |= cli_values(a, fields[i], &nv) && nv > 0;
	r = malloc(sizeof *r);
	if (!r) {
		snprintf(c->err, sizeof c->err, "内存不足");
		return cli_fail(c);
	}
	if (meetings_get(c->db, a->id[0], &m, c->err, sizeof c->err) < 0 ||
	    (had = record_get(c->db, a->id[0], r, c->err, sizeof c->err)) < 0)
		goto fail;
	if (!any) {
		if (had == 1) {
			printf("“%s”还没有会议纪实\n", m.title);
			rc = 0;
			goto out;
		}
		if (attendance_counts(c->db, &m, &n, c->err, sizeof c->err) < 0)
			goto fail;
		print_record(&m, &n, r);
		rc = 0;
		goto out;
	}
	/* What is given replaces what was there; the rest is kept. */
	if (cli_value(a, "host")) {
		snprintf(r->host, sizeof r->host, "%s", cli_value(a, "host"));
		r->host_id = 0;
	}
	if (cli_value(a, "recorder")) {
		snprintf(r->recorder, sizeof r->recorder, "%s", cli_value(a, "recorder"));
		r->recorder_id = 0;
	}
	if (cli_value(a, "content"))
		snprintf(r->content, sizeof r->content, "%s", cli_value(a, "content"));
	v = cli_values(a, "topic", &nv);
	if (nv > 0)
		r->ntopics = 0;
	for (k = 0; k < nv; k++)
		if (record_add_topic(r, v[k], c->err, sizeof c->err) < 0)
			goto fail;
	v = cli_values(a, "decision", &nv);
	if (nv > 0)
		r->ndecisions = 0;
	for (k = 0; k < nv; k++)
		if (record_add_decision(r, v[k], c->err, sizeof c->err) < 0)
			goto fail;
	if (cli_value(a, "for") || cli_value(a, "against") || cli_value(a, "abstain")) {
		r->voted = true;
		r->votes_for = r->votes_against = r->votes_abstain = 0;
		if ((cli_value(a, "for") && parse_count(c, cli_value(a, "for"), &r->votes_for, "赞成") < 0) ||
		    (cli_value(a, "against") &&
		     parse_count(c, cli_value(a, "against"), &r->votes_against, "反对") < 0) ||
		    (cli_value(a, "abstain") &&
		     parse_count(c, cli_value(a, "abstain"), &r->votes_abstain, "弃权") < 0))
			goto fail;
	}
	if (record_save(c->db, r, c->actor, c->now, c->err, sizeof c->err) < 0)
		goto fail;
	printf("已保存会议纪实%s\n", record_complete(&m, r) ? "" :
	       m.vote != VOTE_NONE && !r->voted ? "（还缺票数）" : "（还缺主要内容或决议事项）");
	rc = 0;
	goto out;
fail:
	rc = cli_fail(c);
out:
	free(r);
	return rc;
}

static int cmd_meetings_sheet(struct cli *c, const struct cli_args *a)
{
	char dir[4096], community[128], err2[CLI_ERRLEN];
	const char *out = cli_value(a, "out"), *slash, *name;
	struct safefile sf;
	struct meeting m;

	if (meetings_get(c->db, a->id[0], &m, c->err, sizeof c->err) < 0)
		return cli_fail(c);
	if (db_setting_get(c->db, "community_name", community, sizeof community) < 0)
		community[0] = '\0';
	slash = strrchr(out, '/');
	if (slash)
		snprintf(dir, sizeof dir, "%.*s", (int)(slash - out), out);
	else
		snprintf(dir, sizeof dir, ".");
	if (slash == out)
		snprintf(dir, sizeof dir, "/");
	name = slash ? slash + 1 : out;
	if (safefile_create(&sf, dir, name, true, c->err, sizeof c->err) < 0)
		return cli_fail(c);
	if (record_pdf_sheet(c->db, &m, community, sf.f, c->err, sizeof c->err) < 0) {
		if (errno)
			safefile_explain(errno, name, err2, sizeof err2), snprintf(c->err, sizeof c->err, "%s", err2);
		safefile_abort(&sf);
		return cli_fail(c);
	}
	if (safefile_commit(&sf, c->err, sizeof c->err) < 0)
		return cli_fail(c);
	safefile_free(&sf);
	printf("%s\n", out);
	return 0;
}

/* Members by id, as positionals or comma-separated lists in them: 3 5 8 or 3,5,8. */
static int cmd_meetings_paper(struct cli *c, const struct cli_args *a)
{
	int64_t ids[512];
	int n = 0, i, added, already;
	const char *by = cli_value_or(a, "by", c->actor);

	for (i = 1; i < a->npos; i++) {
		char buf[1024], *tok, *save = NULL;
		snprintf(buf, sizeof buf, "%s", a->pos[i]);
		for (tok = strtok_r(buf, ",，", &save); tok; tok = strtok_r(NULL, ",，", &save)) {
			if (n == (int)(sizeof ids / sizeof ids[0]))
				return cli_usage(c, "一次最多补录 %d 人", n);
			if (cli_parse_id(c, tok, &ids[n++], "党员") < 0)
				return cli_fail(c);
		}
	}
	if (n == 0)
		return cli_usage(c, "请给出签到表上打勾的党员编号");
	if (record_paper_checkin(c->db, a->id[0], ids, n, by, c->now, &added, &already, c->err,
				 sizeof c->err) < 0)
		return cli_fail(c);
	printf("已补录 %d 人（纸质补录，录入人 %s）", added, by);
	if (already)
		printf("；%d 人此前已签到，未改动", already);
	printf("\n");
	return 0;
}

const struct cli_command cli_record_commands[] = {
	{ .name = "meetings", .sub = "record",
	  .options = "host= recorder= topic= content= decision= for= against= abstain=",
	  .min_args = 1, .max_args = 1, .args_missing = "请给出一个会议编号", .ids = { "会议" },
	  .db = CLI_DB_OPEN,
	  .usage = "meetings record 会议编号 --host 主持人 --recorder 记录人 --topic 议题… "
		   "[--content 主要内容] [--decision 决议事项…] [--for 赞成 --against 反对 --abstain 弃权]",
	  .help = "填写或查看会议纪实（主持人、记录人、议题、决议、票数）", .exec = cmd_meetings_record },
	{ .name = "meetings", .sub = "sheet", .options = "out=", .min_args = 1, .max_args = 1,
	  .args_missing = "请给出一个会议编号", .ids = { "会议" }, .required = "out",
	  .required_missing = "请用 --out 给出 PDF 文件名", .db = CLI_DB_OPEN,
	  .usage = "meetings sheet 会议编号 --out 签到表.pdf",
	  .help = "打印用的空白签到表（A4 PDF）", .exec = cmd_meetings_sheet },
	{ .name = "meetings", .sub = "paper", .options = "by=", .min_args = 2, .max_args = -1,
	  .args_missing = "请给出会议编号和签到表上打勾的党员编号", .ids = { "会议" },
	  .db = CLI_DB_OPEN,
	  .usage = "meetings paper 会议编号 党员编号… [--by 录入人]",
	  .help = "把纸质签到表上打勾的党员补录为已签到", .exec = cmd_meetings_paper },
	{ 0 },
};
