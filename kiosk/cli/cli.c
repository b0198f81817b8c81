/* What kioskctl's commands share: parsing a command line against a command's entry, the error
 * and usage lines, ids, times and dates as staff type them, and printing rows as an aligned
 * table for people or as CSV for scripts. */
#include "cli/cli.h"

#include <assert.h>
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "core/formats/csv_write.h"
#include "core/party/members.h"
#include "core/text/utf8.h"

/* ---- parsing: "--name value", "--name=value", flags; the rest positional ---- */

static void add_option(struct cli_args *a, const char *name, size_t len, bool takes_value)
{
	struct cli_option *o;

	assert(a->nopts < CLI_MAX_OPTIONS && len < sizeof o->name);
	o = &a->opt[a->nopts++];
	memcpy(o->name, name, len);
	o->name[len] = '\0';
	o->takes_value = takes_value;
}

/* The options an entry names: its template, then the member fields when it asks for them. */
static void options_of(const struct cli_command *cmd, struct cli_args *a)
{
	const char *p = cmd->options ? cmd->options : "";
	int f;

	while (*p) {
		size_t n = strcspn(p, " ");
		if (n > 0)
			add_option(a, p, p[n - 1] == '=' ? n - 1 : n, p[n - 1] == '=');
		p += n;
		p += strspn(p, " ");
	}
	for (f = 0; cmd->member_options && f < MF_COUNT; f++)
		add_option(a, member_fields[f].option, strlen(member_fields[f].option), true);
}

static struct cli_option *find(const struct cli_args *a, const char *name, size_t len)
{
	int i;

	for (i = 0; i < a->nopts; i++)
		if (strlen(a->opt[i].name) == len && strncmp(a->opt[i].name, name, len) == 0)
			return (struct cli_option *)&a->opt[i];
	return NULL;
}

/* Are the options in the space-separated list all given? */
static bool all_given(const struct cli_args *a, const char *list)
{
	const char *p = list;

	while (*p) {
		size_t n = strcspn(p, " ");
		const struct cli_option *o = find(a, p, n);
		assert(o); /* the entry requires an option it does not have */
		if (n > 0 && !o->given)
			return false;
		p += n;
		p += strspn(p, " ");
	}
	return true;
}

int cli_parse(const struct cli_command *cmd, int argc, char **argv, struct cli_args *a)
{
	int i, max = cmd->max_args < 0 ? CLI_MAX_POSITIONAL : cmd->max_args;

	memset(a, 0, sizeof *a);
	options_of(cmd, a);
	for (i = 0; i < argc; i++) {
		const char *arg = argv[i], *eq;
		struct cli_option *o;
		size_t len;

		if (strncmp(arg, "--", 2) != 0 || arg[2] == '\0') {
			if (a->npos == CLI_MAX_POSITIONAL)
				return cli_usage_of(cmd, "参数太多：%s", arg);
			a->pos[a->npos++] = arg;
			continue;
		}
		arg += 2;
		eq = strchr(arg, '=');
		len = eq ? (size_t)(eq - arg) : strlen(arg);
		o = find(a, arg, len);
		if (!o)
			return cli_usage_of(cmd, "不认识的选项 --%s", arg);
		if (!o->takes_value) {
			if (eq)
				return cli_usage_of(cmd, "选项 --%s 不带值", o->name);
		} else if (eq) {
			o->value = eq + 1;
		} else if (i + 1 < argc) {
			o->value = argv[++i];
		} else {
			return cli_usage_of(cmd, "选项 --%s 需要一个值", o->name);
		}
		if (o->takes_value) {
			if (o->nvalues == CLI_MAX_VALUES)
				return cli_usage_of(cmd, "选项 --%s 最多给 %d 次", o->name, CLI_MAX_VALUES);
			o->values[o->nvalues++] = o->value;
		}
		o->given = true;
	}
	if (a->npos < cmd->min_args || a->npos > max) {
		if (cmd->args_missing)
			return cli_usage_of(cmd, "%s", cmd->args_missing);
		return cli_usage_of(cmd, "多余的参数 %s", a->pos[max]);
	}
	if (cmd->required && !all_given(a, cmd->required))
		return cli_usage_of(cmd, "%s", cmd->required_missing);
	return 0;
}

const char *cli_value(const struct cli_args *a, const char *name)
{
	const struct cli_option *o = find(a, name, strlen(name));

	assert(o && o->takes_value); /* asked for an option the entry does not declare */
	return o->given ? o->value : NULL;
}

const char *cli_value_or(const struct cli_args *a, const char *name, const char *def)
{
	const char *v = cli_value(a, name);

	return v ? v : def;
}

const char *const *cli_values(const struct cli_args *a, const char *name, int *n)
{
	const struct cli_option *o = find(a, name, strlen(name));

	assert(o && o->takes_value);
	*n = o->nvalues;
	return o->values;
}

bool cli_flag(const struct cli_args *a, const char *name)
{
	const struct cli_option *o = find(a, name, strlen(name));

	assert(o && !o->takes_value);
	return o->given;
}

/* ---- errors ---- */

int cli_fail(struct cli *c)
{
	fprintf(stderr, "kioskctl: %s\n", c->err);
	return 1;
}

static int usage_va(const struct cli_command *cmd, const char *fmt, va_list ap)
	__attribute__((format(printf, 2, 0)));

static int usage_va(const struct cli_command *cmd, const char *fmt, va_list ap)
{
	fprintf(stderr, "kioskctl: ");
	vfprintf(stderr, fmt, ap);
	fprintf(stderr, "\n用法：kioskctl %s\n", cmd->usage);
	return 2;
}

int cli_usage_of(const struct cli_command *cmd, const char *fmt, ...)
{
	va_list ap;
	int rc;

	va_start(ap, fmt);
	rc = usage_va(cmd, fmt, ap);
	va_end(ap);
	return rc;
}

int cli_usage(struct cli *c, const char *fmt, ...)
{
	va_list ap;
	int rc;

	va_start(ap, fmt);
	rc = usage_va(c->cmd, fmt, ap);
	va_end(ap);
	return rc;
}

/* ---- what staff type ---- */

int cli_parse_id(struct cli *c, const char *s, int64_t *id, const char *what)
{
	char *end;
	long long v;

	errno = 0;
	v = s ? strtoll(s, &end, 10) : 0;
	if (!s || errno || *end || v <= 0) {
		snprintf(c->err, sizeof c->err, "%s编号“%s”不对，应是一个正整数（用 list 命令可查看编号）",
			 what, s ? s : "");
		return -1;
	}
	*id = v;
	return 0;
}

int cli_parse_time(struct cli *c, const char *s, time_t *t, const char *what)
{
	if (!s || clock_parse(s, t) < 0) {
		snprintf(c->err, sizeof c->err, "%s“%s”格式不对，请写成 2026-11-27 09:30", what,
			 s ? s : "");
		return -1;
	}
	return 0;
}

int cli_parse_date(struct cli *c, const char *s, char out[DATE_TEXT], const char *what)
{
	char why[256];

	out[0] = '\0';
	if (!s)
		return 0;
	if (clock_normalise_date(s, out, why, sizeof why) < 0 || strlen(out) != 10) {
		snprintf(c->err, sizeof c->err, "%s“%s”不对，请写成 2026-12-31", what, s);
		return -1;
	}
	return 0;
}

int cli_read_line(FILE *f, char *out, size_t size)
{
	size_t n;

	if (!fgets(out, (int)size, f))
		return -1;
	n = strlen(out);
	while (n && (out[n - 1] == '\n' || out[n - 1] == '\r'))
		out[--n] = '\0';
	return 0;
}

/* ---- tables for people ---- */

void cli_table_init(struct cli_table *t, int cols, const char *const *header)
{
	assert(cols <= CLI_TABLE_MAX_COLS);
	memset(t, 0, sizeof *t);
	t->cols = cols;
	memcpy(t->header, header, (size_t)cols * sizeof *header);
}

void cli_table_add(struct cli_table *t, const char *const *row)
{
	int i;

	if (t->rows == t->cap) {
		size_t cap = t->cap ? t->cap * 2 : 64;
		char **cells = realloc(t->cells, cap * (size_t)t->cols * sizeof *cells);
		if (!cells)
			return;
		t->cells = cells;
		t->cap = cap;
	}
	for (i = 0; i < t->cols; i++)
		t->cells[t->rows * (size_t)t->cols + (size_t)i] = strdup(row[i] ? row[i] : "");
	t->rows++;
}

void cli_table_free(struct cli_table *t)
{
	size_t i;

	for (i = 0; i < t->rows * (size_t)t->cols; i++)
		free(t->cells[i]);
	free(t->cells);
	t->cells = NULL;
	t->rows = t->cap = 0;
}

void cli_pad(FILE *out, size_t width, size_t want)
{
	for (; width < want; width++)
		fputc(' ', out);
}

/* One line of cells, each padded to its column's width but the last. */
static void print_line(const char *const *cells, int cols, const size_t *width)
{
	int i;

	for (i = 0; i < cols; i++) {
		fputs(cells[i], stdout);
		if (i + 1 < cols)
			cli_pad(stdout, utf8_width(cells[i]), width[i] + 2);
	}
	putchar('\n');
}

void cli_table_print(struct cli_table *t, bool csv)
{
	size_t width[CLI_TABLE_MAX_COLS] = { 0 }, r;
	int i;

	if (csv) {
		csv_write_bom(stdout);
		csv_write_row(stdout, t->header, (size_t)t->cols);
		for (r = 0; r < t->rows; r++)
			csv_write_row(stdout, (const char *const *)&t->cells[r * (size_t)t->cols],
				      (size_t)t->cols);
	} else {
		for (i = 0; i < t->cols; i++)
			width[i] = utf8_width(t->header[i]);
		for (r = 0; r < t->rows; r++)
			for (i = 0; i < t->cols; i++) {
				size_t w = utf8_width(t->cells[r * (size_t)t->cols + (size_t)i]);
				if (w > width[i])
					width[i] = w;
			}
		print_line(t->header, t->cols, width);
		for (r = 0; r < t->rows; r++)
			print_line((const char *const *)&t->cells[r * (size_t)t->cols], t->cols, width);
	}
	cli_table_free(t);
}
