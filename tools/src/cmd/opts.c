/* opts.c - the option parser and the help, generated from a command's
 * option table (opts.h).  Its own loop rather than getopt_long: no
 * permutation surprises, no messages of its own, no global state. */
#include "cmd/opts.h"
#include "cmd/cmd.h"
#include "core/util.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

static const struct opt help_opt = {"help", 'h', OPT_FLAG, 0, NULL,
                                    "show this help", 0};

int opt_usage_error(const char *cmd, const char *fmt, ...)
{
	va_list ap;
	fprintf(stderr, "sitat %s: ", cmd);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\nTry 'sitat help %s'.\n", cmd);
	return EXIT_USAGE;
}

void opt_list_free(struct opt_list *l)
{
	free(l->v);
	memset(l, 0, sizeof *l);
}

/* ---- parsing ----------------------------------------------------------- */

static const struct opt *find_long(const struct opt *t, const char *name,
                                   size_t n)
{
	for (; t->kind; t++)
		if (t->name && strlen(t->name) == n && !memcmp(t->name, name, n))
			return t;
	return strlen(help_opt.name) == n && !memcmp(help_opt.name, name, n) ?
	       &help_opt : NULL;
}

static const struct opt *find_short(const struct opt *t, char c)
{
	for (; t->kind; t++)
		if (t->letter == c)
			return t;
	return c == help_opt.letter ? &help_opt : NULL;
}

/* "--store" or "-o", as the user would write the option. */
static void opt_label(const struct opt *op, bool as_long, char out[64])
{
	if (op->name && (as_long || !op->letter))
		snprintf(out, 64, "--%s", op->name);
	else
		snprintf(out, 64, "-%c", op->letter);
}

/* Store value into o for op.  Returns 0, OPT_HELP or OPT_USAGE. */
static int set(const struct opt_spec *sp, const struct opt *op, bool as_long,
               const char *value, void *o)
{
	char label[64];
	if (op == &help_opt) {
		opt_help(sp, stdout);
		return OPT_HELP;
	}
	opt_label(op, as_long, label);
	if ((op->flags & OPT_NONEMPTY) && value && !value[0]) {
		opt_usage_error(sp->cmd, "option '%s' needs a non-empty value", label);
		return OPT_USAGE;
	}
	char *dest = (char *)o + op->off;
	if (op->kind == OPT_FLAG) {
		*(bool *)dest = true;
	} else if (op->kind == OPT_STRING) {
		*(const char **)dest = value;
	} else {
		struct opt_list *l = (struct opt_list *)dest;
		ARRAY_PUSH(l->v, l->n, l->cap, value);
	}
	return 0;
}

static int missing_value(const struct opt_spec *sp, const struct opt *op,
                         bool as_long)
{
	char label[64];
	opt_label(op, as_long, label);
	opt_usage_error(sp->cmd, "option '%s' needs a value (%s)", label, op->value);
	return OPT_USAGE;
}

/* argv[*i] is "--name" or "--name=value". */
static int parse_long(const struct opt_spec *sp, int argc, char **argv,
                      int *i, void *o)
{
	const char *a = argv[*i] + 2, *eq = strchr(a, '=');
	size_t n = eq ? (size_t)(eq - a) : strlen(a);
	const struct opt *op = find_long(sp->opts, a, n);
	if (!op) {
		opt_usage_error(sp->cmd, "unknown option '--%.*s'", (int)n, a);
		return OPT_USAGE;
	}
	if (op->kind == OPT_FLAG) {
		if (eq) {
			opt_usage_error(sp->cmd, "option '--%s' takes no value", op->name);
			return OPT_USAGE;
		}
		return set(sp, op, true, NULL, o);
	}
	if (eq)
		return set(sp, op, true, eq + 1, o);
	if (*i + 1 >= argc)
		return missing_value(sp, op, true);
	return set(sp, op, true, argv[++*i], o);
}

/* argv[*i] is "-x...": flags, then at most one option with a value. */
static int parse_short(const struct opt_spec *sp, int argc, char **argv,
                       int *i, void *o)
{
	for (const char *p = argv[*i] + 1; *p; p++) {
		const struct opt *op = find_short(sp->opts, *p);
		if (!op) {
			opt_usage_error(sp->cmd, "unknown option '-%c'", *p);
			return OPT_USAGE;
		}
		int r;
		if (op->kind == OPT_FLAG) {
			if ((r = set(sp, op, false, NULL, o)) < 0)
				return r;
			continue;
		}
		if (p[1])
			return set(sp, op, false, p + 1, o);
		if (*i + 1 >= argc)
			return missing_value(sp, op, false);
		return set(sp, op, false, argv[++*i], o);
	}
	return 0;
}

static void dump(const struct opt_spec *sp, int npos, char **argv,
                 const void *o)
{
	for (const struct opt *op = sp->opts; op->kind; op++) {
		const char *dest = (const char *)o + op->off;
		char name[64];
		opt_label(op, true, name);
		if (op->kind == OPT_FLAG && *(const bool *)dest)
			printf("%s\n", name);
		else if (op->kind == OPT_STRING && *(const char *const *)dest)
			printf("%s=%s\n", name, *(const char *const *)dest);
		else if (op->kind == OPT_LIST)
			for (size_t k = 0; k < ((const struct opt_list *)dest)->n; k++)
				printf("%s=%s\n", name, ((const struct opt_list *)dest)->v[k]);
	}
	for (int k = 1; k <= npos; k++)
		printf("arg=%s\n", argv[k]);
}

static int free_lists(const struct opt_spec *sp, void *o, int r)
{
	for (const struct opt *op = sp->opts; op->kind; op++)
		if (op->kind == OPT_LIST)
			opt_list_free((struct opt_list *)((char *)o + op->off));
	return r;
}

int opt_parse(const struct opt_spec *sp, int argc, char **argv, void *o)
{
	int npos = 0, r = 0;
	bool options = true;
	for (int i = 1; i < argc && r == 0; i++) {
		const char *a = argv[i];
		if (options && !strcmp(a, "--"))
			options = false;
		else if (options && a[0] == '-' && a[1] == '-')
			r = parse_long(sp, argc, argv, &i, o);
		else if (options && a[0] == '-' && a[1])
			r = parse_short(sp, argc, argv, &i, o);
		else
			argv[++npos] = argv[i];
	}
	if (r < 0)
		return free_lists(sp, o, r);
	if (npos > sp->max_args) {
		if (sp->max_args == 0)
			opt_usage_error(sp->cmd, "unexpected argument '%s'", argv[1]);
		else
			opt_usage_error(sp->cmd, "unexpected argument '%s' (expected %s)",
			                argv[sp->max_args + 1], sp->args);
		return free_lists(sp, o, OPT_USAGE);
	}
	if (npos < sp->min_args) {
		if (sp->args_missing)
			opt_usage_error(sp->cmd, "%s", sp->args_missing);
		else
			opt_usage_error(sp->cmd, "missing argument %s", sp->args);
		return free_lists(sp, o, OPT_USAGE);
	}
	const char *env = getenv("SITAT_OPTS_DUMP");
	if (env && !strcmp(env, "1")) {
		dump(sp, npos, argv, o);
		return free_lists(sp, o, OPT_HELP);
	}
	return npos;
}

/* ---- help -------------------------------------------------------------- */

/* "-q, --quiet", "--store DIR", "-o FILE", "-o, --out FILE" */
static void left_column(const struct opt *op, char out[80])
{
	int n = 0;
	if (op->letter && op->name)
		n = snprintf(out, 80, "-%c, --%s", op->letter, op->name);
	else if (op->letter)
		n = snprintf(out, 80, "-%c", op->letter);
	else
		n = snprintf(out, 80, "--%s", op->name);
	if (op->value && n > 0 && n < 80)
		snprintf(out + n, (size_t)(80 - n), " %s", op->value);
}

static void help_line(FILE *f, const struct opt *op, int width)
{
	char col[80];
	left_column(op, col);
	fprintf(f, "  %-*s  %s\n", width, col, op->help);
}

void opt_help(const struct opt_spec *sp, FILE *f)
{
	char first = sp->summary[0];
	if (first >= 'a' && first <= 'z')
		first = (char)(first - 'a' + 'A');
	fprintf(f, "usage: sitat %s [OPTIONS]%s%s\n%c%s.\n", sp->cmd,
	        sp->args ? " " : "", sp->args ? sp->args : "", first, sp->summary + 1);
	if (sp->args_help)
		fprintf(f, "\nArguments:\n%s", sp->args_help);
	char col[80];
	left_column(&help_opt, col);
	size_t width = strlen(col);
	for (const struct opt *op = sp->opts; op->kind; op++) {
		left_column(op, col);
		if (strlen(col) > width)
			width = strlen(col);
	}
	fprintf(f, "\nOptions:\n");
	for (const struct opt *op = sp->opts; op->kind; op++)
		help_line(f, op, (int)width);
	help_line(f, &help_opt, (int)width);
}
