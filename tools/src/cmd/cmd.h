/* cmd.h - the subcommands and what they share.  Each cmd_NAME lives in
 * cmd_NAME.c with its options struct and option table (NAME_options);
 * main.c's dispatch table joins them with the summary and the positional
 * arguments.  Only the commands turn results into exit statuses. */
#ifndef SITAT_CMD_H
#define SITAT_CMD_H

#include <stdbool.h>

#include "cmd/opts.h"
#include "core/diag.h"
#include "core/project.h"
#include "core/store.h"
#include "core/util.h"
#include "core/version.h"

/* Exit statuses (documented in sitat.1 and in `sitat --help`). */
enum {
	EXIT_OK = 0,       /* no problems */
	EXIT_PROBLEMS = 1, /* problems found (and a generator wrote nothing) */
	EXIT_USAGE = 2,    /* bad command line, not an evidence store, refused output */
	EXIT_IO = 3,       /* a file could not be read or written; a system error */
};

struct command {
	int (*run)(int argc, char **argv);
	struct opt_spec spec;
};
extern const struct command commands[];
const struct command *command_find(const char *name);

/* Parse the options of the command argv[0] (from the dispatch table) into
 * o, preset with the defaults.  Returns CMD_RUN with *argc set to 1 + the
 * number of positional arguments (in argv[1..]), or the exit status the
 * command must return (after a usage message, or after the help). */
enum { CMD_RUN = -1 };
int cmd_parse(int *argc, char **argv, void *o);

/* Options several commands share, with the same words everywhere. */
#define OPT_STORE(T, m) \
	OPT_PATH("store", 0, T, m, "DIR", "the evidence store (default: the project's, evidence)")
#define OPT_QUIET(T, m, help) OPT_FLAG("quiet", 'q', T, m, help)
#define OPT_RECORD(T, m) OPT_PATH("record", 0, T, m, "FILE", \
	"the use record LaTeX wrote (default: the project's, build/thesis.sitat)")
#define OPT_TEXDIR(T, m) OPT_STRING("texdir", 0, T, m, "DIR", \
	"where the thesis sources are (default: the project's, thesis; empty: as the record says)")
#define OPT_DRYRUN(T, m) OPT_FLAG("dry-run", 'n', T, m, \
	"show what would change in the store (a diff), write nothing")
#define OPT_REPO(T, m) \
	OPT_PATH(NULL, 'C', T, m, "DIR", "the repository: look for it from DIR (default: .)")

extern const struct opt init_options[], check_options[], quotes_options[], tables_options[],
	bib_options[], generate_options[], stamp_options[], verify_options[],
	audit_options[], trace_options[], reproduce_options[],
	leakcheck_options[], build_options[], help_options[], add_options[], code_options[],
	uncode_options[], recode_options[], codes_options[], reanchor_options[],
	import_options[], export_options[], bundle_options[], diff_options[];

int cmd_init(int argc, char **argv);
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
int cmd_build(int argc, char **argv);
int cmd_help(int argc, char **argv);
int cmd_add(int argc, char **argv);
int cmd_code(int argc, char **argv);
int cmd_uncode(int argc, char **argv);
int cmd_recode(int argc, char **argv);
int cmd_codes(int argc, char **argv);
int cmd_reanchor(int argc, char **argv);
int cmd_import(int argc, char **argv);
int cmd_export(int argc, char **argv);
int cmd_bundle(int argc, char **argv);
int cmd_diff(int argc, char **argv);

/* The project file (core/project.h), found from the current directory
 * upward; problems are printed on stderr.  Returns EXIT_OK (p filled; the
 * caller frees it with project_free), or EXIT_USAGE when the file cannot
 * be used (p holds the defaults then, and must be freed too).  A
 * command's options are preset to NULL and take p's paths when not
 * given: explicit paths stay relative to the current directory. */
int cmd_project(const char *cmd, struct project *p);
#define OR_DEFAULT(v, def) ((v) ? (v) : (def))

/* Print the JSON object o on standard output (formatted, one final
 * newline) and delete it. */
struct cJSON;
void cmd_print_json(struct cJSON *o);

/* The exit status for a failed store_load: the directory is not an
 * evidence store (EXIT_USAGE). */
#define STORE_LOAD_FAILED EXIT_USAGE

/* The options of the generators quotes, tables and bib. */
struct gen_opts {
	const char *store;
	const char *out;
	bool quiet;
};
/* Load the store for a generator: diagnostics go to stderr; returns
 * EXIT_OK, or EXIT_PROBLEMS / EXIT_USAGE after saying why nothing is
 * written.  On EXIT_OK the caller owns s (store_free). */
int gen_load(const char *cmd, const char *store, struct store *s);
/* Write b to out (atomically, only if changed; "-" is standard output),
 * refusing outputs inside the store and outputs that are not regular
 * files; with !quiet, say whether it was written.  Returns an exit status. */
int gen_write(const char *cmd, const char *store, const char *out, bool quiet,
              const struct buf *b);
/* Check before anything is made that out may be written (gen_write's
 * rules); returns EXIT_OK or an exit status after the message. */
int gen_check_out(const char *store, const char *out);

/* The option table of a generator writing default_out. */
#define OPT_OUTPUT(T, m, help) OPT_PATH("output", 'o', T, m, "FILE", help)
#define GEN_OPTIONS(default_out) { \
	OPT_STORE(struct gen_opts, store), \
	OPT_OUTPUT(struct gen_opts, out, "the output, - for standard output (default: " default_out \
	           " in the project's generated directory)"), \
	OPT_QUIET(struct gen_opts, quiet, "do not say whether the file was written"), \
	OPT_END}

/* Append to b, the generated file name (e.g. "quotes.tex"), the content
 * id of the store it was made from (latex/writers.h: store_id_write). */
void gen_store_id(struct buf *b, const char *name, const char *store);

/* A generator command from start to end: options, load and check the
 * store, write(b, store), write the file (default_out: its name in the
 * project's generated directory).  Returns the exit status. */
int gen_main(int argc, char **argv, const char *default_out,
             void (*write)(struct buf *, const struct store *));
#endif
