/* kioskctl's commands: what each command's table entry says about it, the context and parsed
 * arguments the dispatcher (kiosk/kioskctl.c) hands it, and the helpers commands share (errors,
 * times, tables for people and CSV for scripts).
 *
 * As with tmux's cmd_entry, a command is described, not coded: its options, its positional
 * arguments (and which of them are ids), the options it cannot do without, whether it needs
 * the database, its usage line. The dispatcher parses against that, prints the usage on bad
 * input, parses the ids, opens the database, and only then calls exec, which does the work. */
#ifndef KIOSK_CLI_CLI_H
#define KIOSK_CLI_CLI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <time.h>

#include "core/base/clock.h"

struct db;

#define CLI_ERRLEN 1024
#define CLI_MAX_POSITIONAL 16
#define CLI_MAX_IDS 2
#define CLI_MAX_OPTIONS 32
#define CLI_MAX_VALUES 8 /* an option given more than once (--topic A --topic B) */

struct cli_command;

/* What every command runs with. */
struct cli {
	const char *db_path;
	struct db *db;                 /* open when the entry asks for it; closed by the dispatcher */
	const char *actor;             /* for the audit log */
	time_t now;
	const struct cli_command *cmd; /* the command running, for its usage line */
	char err[CLI_ERRLEN];
};

struct cli_option {
	char name[24];      /* without "--" */
	bool takes_value;
	bool given;
	const char *value;  /* for an option taking a value, when given: the last one */
	const char *values[CLI_MAX_VALUES]; /* every value given, in order */
	int nvalues;
};

/* A command line parsed against a command's entry. */
struct cli_args {
	const char *pos[CLI_MAX_POSITIONAL];
	int npos;
	int64_t id[CLI_MAX_IDS];       /* pos[i] as an id, for the entry's ids[i] */
	struct cli_option opt[CLI_MAX_OPTIONS];
	int nopts;
};

enum cli_db {
	CLI_DB_NONE,   /* the command opens what it needs itself, or nothing */
	CLI_DB_OPEN,   /* the database must exist */
	CLI_DB_CREATE, /* created when missing */
};

struct cli_command {
	const char *name, *sub;        /* "members", "list"; sub NULL for a one-word command */
	const char *options;           /* "to= new progress": a trailing '=' takes a value */
	bool member_options;           /* also every member field's option (--name, --phone, ...) */
	int min_args, max_args;        /* positional arguments */
	const char *args_missing;      /* said when their number is wrong ("请给出一个党员编号") */
	const char *ids[CLI_MAX_IDS];  /* positional i is the id of a 党员, 会议, 学习资料 ... */
	const char *required;          /* options that must be given, space-separated */
	const char *required_missing;  /* said when one is not */
	enum cli_db db;
	const char *usage;             /* after "用法：kioskctl " */
	const char *help;              /* one line for `kioskctl help` */
	/* Do the work: 0, or an exit status (cli_fail, cli_usage). */
	int (*exec)(struct cli *c, const struct cli_args *a);
};

/* Each subject's commands, ended by an entry without a name. */
extern const struct cli_command cli_database_commands[];
extern const struct cli_command cli_members_commands[];
extern const struct cli_command cli_meetings_commands[];
extern const struct cli_command cli_materials_commands[];
extern const struct cli_command cli_export_commands[];
extern const struct cli_command cli_staff_commands[];
extern const struct cli_command cli_record_commands[];
extern const struct cli_command cli_photos_commands[];
extern const struct cli_command cli_followup_commands[];
extern const struct cli_command cli_signout_commands[];
extern const struct cli_command cli_household_commands[];
extern const struct cli_command cli_sound_commands[];

/* Parse argv against cmd's entry into a (ids not yet parsed); 0, or 2 after a usage error. */
int cli_parse(const struct cli_command *cmd, int argc, char **argv, struct cli_args *a);
/* An option's value, or NULL (def) when it was not given. */
const char *cli_value(const struct cli_args *a, const char *name);
const char *cli_value_or(const struct cli_args *a, const char *name, const char *def);
/* Every value an option was given, in order; *n says how many (0 when not given). */
const char *const *cli_values(const struct cli_args *a, const char *name, int *n);
/* Was a flag given? */
bool cli_flag(const struct cli_args *a, const char *name);

/* Print "kioskctl: <c->err>" and return 1. */
int cli_fail(struct cli *c);
/* Print the problem and the running command's usage line; return 2. */
int cli_usage(struct cli *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
int cli_usage_of(const struct cli_command *cmd, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* "会议编号“x”不对…" into c->err unless s is a positive integer; 0 or -1. */
int cli_parse_id(struct cli *c, const char *s, int64_t *id, const char *what);
/* A local time "2026-11-27 09:30"; what names it in the error. */
int cli_parse_time(struct cli *c, const char *s, time_t *t, const char *what);
/* An optional date "2026-12-31" into out ("" when s is NULL). */
int cli_parse_date(struct cli *c, const char *s, char out[DATE_TEXT], const char *what);
/* One line of f, without its newline; -1 at end of input. */
int cli_read_line(FILE *f, char *out, size_t size);

/* Rows gathered for printing: aligned columns for people (CJK two columns wide), or CSV. */
#define CLI_TABLE_MAX_COLS 24

struct cli_table {
	int cols;
	const char *header[CLI_TABLE_MAX_COLS];
	char **cells; /* rows * cols strings */
	size_t rows, cap;
};

void cli_table_init(struct cli_table *t, int cols, const char *const *header);
void cli_table_add(struct cli_table *t, const char *const *row);
/* Print as a table, or as CSV with a BOM and a header row; then free. */
void cli_table_print(struct cli_table *t, bool csv);
void cli_table_free(struct cli_table *t);
/* Spaces from column width to want. */
void cli_pad(FILE *out, size_t width, size_t want);

#endif
