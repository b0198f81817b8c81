/* kioskctl's household command: members at one address (normalised) who do not share a 户 yet,
 * suggested for staff to confirm (--confirm gives each group the address as its 户). A single
 * member is put in or out of a household with `members edit ID --household 户`. */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "core/party/household.h"
#include "core/party/members.h"

struct run {
	struct cli *c;
	struct cli_table t;
	bool confirm;
	int groups, failed;
};

static int suggestion(void *ctx, const struct household_suggestion *s)
{
	struct run *r = ctx;
	char names[HOUSEHOLD_MAX * 140] = "", ids[HOUSEHOLD_MAX * 24] = "";
	const char *row[3];
	int i;

	for (i = 0; i < s->n; i++) {
		size_t l = strlen(names), k = strlen(ids);
		snprintf(names + l, sizeof names - l, "%s%s", i ? "、" : "", s->members[i].name);
		snprintf(ids + k, sizeof ids - k, "%s%lld", i ? " " : "", (long long)s->members[i].id);
		if (r->confirm) {
			struct member m;
			if (members_get(r->c->db, s->members[i].id, &m, r->c->err, sizeof r->c->err) < 0) {
				r->failed++;
				continue;
			}
			snprintf(m.f[MF_HOME], MEMBER_TEXT, "%s", s->address);
			if (members_save(r->c->db, &m, r->c->actor, r->c->err, sizeof r->c->err) < 0)
				r->failed++;
		}
	}
	row[0] = s->address;
	row[1] = names;
	row[2] = ids;
	cli_table_add(&r->t, row);
	r->groups++;
	return 0;
}

static int cmd_members_households(struct cli *c, const struct cli_args *a)
{
	static const char *const header[] = { "住址", "党员", "编号" };
	struct run r = { .c = c, .confirm = cli_flag(a, "confirm") };

	cli_table_init(&r.t, 3, header);
	if (household_suggestions(c->db, suggestion, &r, c->err, sizeof c->err) < 0) {
		cli_table_free(&r.t);
		return cli_fail(c);
	}
	cli_table_print(&r.t, cli_flag(a, "csv"));
	if (r.failed)
		return cli_fail(c);
	if (!cli_flag(a, "csv"))
		fprintf(stderr, r.confirm ? "已把 %d 组住址相同的党员设为同户\n" :
			"住址相同、还没设为同户的有 %d 组；核对后用 --confirm 设为同户，或用 members edit 编号 --household 户 逐个设置\n",
			r.groups);
	return 0;
}

const struct cli_command cli_household_commands[] = {
	{ .name = "members", .sub = "households", .options = "confirm csv", .db = CLI_DB_OPEN,
	  .usage = "members households [--confirm] [--csv]",
	  .help = "住址相同的党员，建议设为同户（--confirm 确认）", .exec = cmd_members_households },
	{ 0 },
};
