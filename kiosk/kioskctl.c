/* kioskctl: the staff's and the office's tasks without the screen (docs/architecture.md).
 *
 * Every command takes --db PATH (else $KIOSK_DB, else the installed default). Output for people
 * is an aligned table in Chinese; --csv gives UTF-8 CSV with a header row for scripts. `add`
 * commands print the new id alone. Errors are one line on stderr naming what is wrong and what
 * to do; the exit status is 0 on success, 1 on bad input or a failed check, 2 on bad usage.
 *
 * This file is the dispatcher: it finds the command's entry in the subjects' tables
 * (kiosk/cli/), parses the command line against it, checks the positional arguments and
 * parses the ids among them, opens the database when the entry asks, and calls the command. */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "core/store/db.h"

/* Every command, subject by subject, in the order `kioskctl help` lists them. */
static const struct cli_command *const tables[] = {
	cli_database_commands, cli_members_commands, cli_meetings_commands, cli_record_commands,
	cli_photos_commands,
	cli_materials_commands, cli_export_commands, cli_staff_commands, cli_sound_commands,
	cli_followup_commands, cli_signout_commands, cli_household_commands,
};

#define NTABLES (sizeof tables / sizeof tables[0])

static void help(FILE *out)
{
	const struct cli_command *cmd;
	size_t t;

	fprintf(out, "用法：kioskctl [--db 数据库] 命令 [参数]\n\n");
	for (t = 0; t < NTABLES; t++)
		for (cmd = tables[t]; cmd->name; cmd++) {
			char name[64];
			snprintf(name, sizeof name, "%s%s%s", cmd->name, cmd->sub ? " " : "",
				 cmd->sub ? cmd->sub : "");
			fprintf(out, "  %s", name);
			cli_pad(out, strlen(name), 22);
			fprintf(out, "%s\n", cmd->help);
		}
	fprintf(out, "\n数据库：--db 路径，或环境变量 KIOSK_DB，默认 %s\n", DB_DEFAULT_PATH);
	fprintf(out, "时间一律写成本地时间 \"2026-11-27 09:30\"\n");
}

/* The entry for the words on the command line; *used says how many words it took. */
static const struct cli_command *lookup(int n, char **words, int *used)
{
	const struct cli_command *cmd;
	size_t t;

	for (t = 0; t < NTABLES; t++)
		for (cmd = tables[t]; cmd->name; cmd++) {
			if (strcmp(cmd->name, words[0]) != 0)
				continue;
			if (!cmd->sub) {
				*used = 1;
				return cmd;
			}
			if (n > 1 && strcmp(cmd->sub, words[1]) == 0) {
				*used = 2;
				return cmd;
			}
		}
	return NULL;
}

/* For a subject given without a known second word ("settings", "members foo"): the usage of
 * each of its commands. False when name is no subject at all. */
static bool usages_of(const char *name)
{
	const struct cli_command *cmd;
	bool any = false;
	size_t t;

	for (t = 0; t < NTABLES; t++)
		for (cmd = tables[t]; cmd->name; cmd++)
			if (cmd->sub && strcmp(cmd->name, name) == 0) {
				fprintf(stderr, "%skioskctl %s\n", any ? "      " : "用法：", cmd->usage);
				any = true;
			}
	return any;
}

/* Parse, check, open, run: everything a command would otherwise repeat. */
static int run(struct cli *c, const struct cli_command *cmd, int argc, char **argv)
{
	struct cli_args a;
	int rc, i;

	c->cmd = cmd;
	if ((rc = cli_parse(cmd, argc, argv, &a)) != 0)
		return rc;
	for (i = 0; i < CLI_MAX_IDS && cmd->ids[i]; i++)
		if (cli_parse_id(c, a.pos[i], &a.id[i], cmd->ids[i]) < 0)
			return cli_fail(c);
	if (cmd->db != CLI_DB_NONE) {
		c->db = db_open(c->db_path, cmd->db == CLI_DB_CREATE ? DB_CREATE : 0, c->err,
				sizeof c->err);
		if (!c->db)
			return cli_fail(c);
	}
	return cmd->exec(c, &a);
}

int main(int argc, char **argv)
{
	struct cli c = { 0 };
	const struct cli_command *cmd;
	char *args[256];
	const char *now_s = NULL;
	int n = 0, i, used, rc;

	c.db_path = getenv("KIOSK_DB") ? getenv("KIOSK_DB") : DB_DEFAULT_PATH;
	c.actor = getenv("KIOSK_ACTOR") ? getenv("KIOSK_ACTOR") : "kioskctl";
	c.now = time(NULL);
	/* Options every command takes may stand anywhere. */
	for (i = 1; i < argc && n < (int)(sizeof args / sizeof args[0]); i++) {
		const char **target = NULL;
		const char *a = argv[i];
		if (strcmp(a, "--db") == 0 || strncmp(a, "--db=", 5) == 0)
			target = &c.db_path;
		else if (strcmp(a, "--now") == 0 || strncmp(a, "--now=", 6) == 0)
			target = &now_s;
		else if (strcmp(a, "--actor") == 0 || strncmp(a, "--actor=", 8) == 0)
			target = &c.actor;
		if (!target) {
			args[n++] = argv[i];
		} else if (strchr(a, '=')) {
			*target = strchr(a, '=') + 1;
		} else if (i + 1 < argc) {
			*target = argv[++i];
		} else {
			fprintf(stderr, "kioskctl: 选项 %s 需要一个值\n", a);
			return 2;
		}
	}
	if (n == 0 || strcmp(args[0], "help") == 0 || strcmp(args[0], "--help") == 0 ||
	    strcmp(args[0], "-h") == 0) {
		help(n == 0 ? stderr : stdout);
		return n == 0 ? 2 : 0;
	}
	if (now_s && clock_parse(now_s, &c.now) < 0) {
		fprintf(stderr, "kioskctl: --now“%s”格式不对，请写成 2026-11-27 09:30\n", now_s);
		return 2;
	}
	cmd = lookup(n, args, &used);
	if (!cmd) {
		fprintf(stderr, "kioskctl: 不认识的命令“%s%s%s”\n\n", args[0], n > 1 ? " " : "",
			n > 1 ? args[1] : "");
		if (!usages_of(args[0]))
			help(stderr);
		return 2;
	}
	rc = run(&c, cmd, n - used, args + used);
	db_close(c.db);
	return rc;
}
