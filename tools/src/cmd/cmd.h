/* cmd.h - the subcommands and what they share.  Each cmd_NAME lives in
 * cmd_NAME.c, parses its own options and returns the exit status. */
#ifndef SITAT_CMD_H
#define SITAT_CMD_H

#include <stdbool.h>

#include "core/store.h"
#include "core/util.h"
#include "core/version.h"

/* Exit statuses (documented in sitat.1). */
enum { EXIT_OK = 0, EXIT_PROBLEMS = 1, EXIT_USAGE = 2 };

struct command {
	const char *name;
	int (*run)(int argc, char **argv);
	const char *summary;
	const char *usage; /* options, one per line, for `sitat help CMD` */
};
extern const struct command commands[];
const struct command *command_find(const char *name);
int cmd_usage_error(const char *cmd, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

int cmd_check(int argc, char **argv);
int cmd_quotes(int argc, char **argv);
int cmd_tables(int argc, char **argv);
int cmd_bib(int argc, char **argv);
int cmd_generate(int argc, char **argv);
int cmd_stamp(int argc, char **argv);
int cmd_verify(int argc, char **argv);
int cmd_audit(int argc, char **argv);
int cmd_trace(int argc, char **argv);
int cmd_reproduce(int argc, char **argv);
int cmd_leakcheck(int argc, char **argv);
int cmd_help(int argc, char **argv);

/* Options common to the generators: --store DIR and -o FILE. */
struct gen_opts {
	const char *store;
	const char *out;
	bool quiet;
};
/* Parse argv into o (o->out preset to the default); returns -1 after a
 * usage message. */
int gen_parse(const char *cmd, int argc, char **argv, struct gen_opts *o);
/* Load the store for a generator: diagnostics go to stderr; returns
 * EXIT_OK, or EXIT_PROBLEMS / EXIT_USAGE after saying why nothing is
 * written.  On EXIT_OK the caller owns s (store_free). */
int gen_load(const char *cmd, const struct gen_opts *o, struct store *s);
/* Write the generated file atomically, only if changed; refuses paths
 * inside the store.  Returns an exit status. */
int gen_write(const char *cmd, const struct gen_opts *o, struct buf *b);

/* A generator command from start to end: options, load and check the
 * store, write(b, store), write the file.  Returns the exit status. */
int gen_main(const char *cmd, int argc, char **argv, const char *default_out,
             void (*write)(struct buf *, const struct store *));
#endif
