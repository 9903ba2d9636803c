/* opts.h - the one option parser of sitat.  Each command declares its
 * options in a table (struct opt[]); parsing, the error messages, and
 * `sitat help CMD` are all generated from it, so every command behaves the
 * same:
 *
 *   --name=value, --name value, -o value, -ovalue, -qo value (flags
 *   bundled before a short option that takes a value), -- ends the
 *   options, a lone - is an argument; -h and --help show the help.
 *
 * Destinations are offsets into the command's own options struct, checked
 * against the kind at compile time (OPT_OFF_ fails to compile when the
 * member has the wrong type). */
#ifndef SITAT_OPTS_H
#define SITAT_OPTS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

enum opt_kind {
	OPT_FLAG = 1, /* bool: set to true */
	OPT_STRING,   /* const char *: the value (the last one given wins) */
	OPT_LIST,     /* struct opt_list: every value, in order (repeatable) */
};

/* The values of a repeatable option.  v points into argv; the parser
 * allocates the array: opt_list_free releases it. */
struct opt_list {
	const char **v;
	size_t n, cap;
};
void opt_list_free(struct opt_list *l);

enum { OPT_NONEMPTY = 1 }; /* flags: an empty value is a usage error */

struct opt {
	const char *name;   /* long name without "--", or NULL */
	char letter;        /* short name, or 0 */
	enum opt_kind kind;
	size_t off;         /* of the destination in the options struct */
	const char *value;  /* the value's name in the help ("DIR"); NULL for a flag */
	const char *help;   /* one line */
	unsigned flags;
};

/* The table's entries: T is the options struct, m its member.  A PATH is
 * a STRING that names a file or directory: an empty value is refused. */
#define OPT_OFF_(T, m, type) _Generic(((T *)0)->m, type: offsetof(T, m))
#define OPT_FLAG(l, s, T, m, help) \
	{l, s, OPT_FLAG, OPT_OFF_(T, m, bool), NULL, help, 0}
#define OPT_STRING(l, s, T, m, value, help) \
	{l, s, OPT_STRING, OPT_OFF_(T, m, const char *), value, help, 0}
#define OPT_PATH(l, s, T, m, value, help) \
	{l, s, OPT_STRING, OPT_OFF_(T, m, const char *), value, help, OPT_NONEMPTY}
#define OPT_LIST(l, s, T, m, value, help) \
	{l, s, OPT_LIST, OPT_OFF_(T, m, struct opt_list), value, help, 0}
#define OPT_PATHS(l, s, T, m, value, help) \
	{l, s, OPT_LIST, OPT_OFF_(T, m, struct opt_list), value, help, OPT_NONEMPTY}
#define OPT_END {NULL, 0, 0, 0, NULL, NULL, 0}

/* What a command's arguments look like, for parsing and for its help. */
struct opt_spec {
	const char *cmd;          /* "check" */
	const char *summary;      /* one line, no final period */
	const struct opt *opts;   /* ends with OPT_END */
	const char *args;         /* positional synopsis ("PDF", "[COMMIT | PDF]"), or NULL */
	const char *args_help;    /* lines "  PDF   the PDF to verify\n", or NULL */
	int min_args, max_args;   /* how many positional arguments */
	const char *args_missing; /* the message when there are too few, or NULL */
};

/* Results of opt_parse besides the number of arguments. */
enum { OPT_USAGE = -1, OPT_HELP = -2 };

/* Parse argv[1..argc-1] (argv[0] is the command name) into o, whose
 * members are preset to their defaults.  The positional arguments are
 * moved, in order, to argv[1..n]; returns n (the caller frees the lists
 * with opt_list_free).  OPT_USAGE after a usage message on stderr
 * (opt_usage_error), OPT_HELP after the help on stdout; the lists are
 * freed then. */
int opt_parse(const struct opt_spec *sp, int argc, char **argv, void *o);
/* The help text of a command (usage line, summary, arguments, options). */
void opt_help(const struct opt_spec *sp, FILE *f);
/* The one usage error of every command: "sitat CMD: MESSAGE" and a hint
 * to the help, on stderr.  Returns EXIT_USAGE (2). */
int opt_usage_error(const char *cmd, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* For tests/cli/run.sh: when the environment has SITAT_OPTS_DUMP=1,
 * opt_parse prints what it parsed (one "--name=value" line per option set,
 * "arg=value" per argument) on stdout and returns OPT_HELP, so the
 * command does nothing. */

#endif
