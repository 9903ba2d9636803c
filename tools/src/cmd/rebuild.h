/* rebuild.h - building a checked-out project again, as `sitat reproduce`
 * and `sitat diff` do: this same program (/proc/self/exe) runs
 * `sitat build --draft` in the checkout, and temporary directories are
 * removed afterwards.  Shared by cmd_reproduce.c, cmd_bundle.c (through
 * bundle_open's checkout) and cmd_diff.c. */
#ifndef SITAT_REBUILD_H
#define SITAT_REBUILD_H

#include "core/diag.h"

/* Run `sitat build --draft` in dir, stdout and stderr to log, with
 * --engine engine when engine is not "" (the engine of the PDF compared
 * with, which may not be the project file's).  A draft build: the PDF is
 * what is compared, whatever the audit says.  Returns its exit status,
 * or -1 when it could not be run. */
int rebuild_run(const char *dir, const char *engine, const char *log);

/* The PDF the project in dir builds (OUTPUT/JOBNAME.pdf, caller frees),
 * or NULL after a message in d. */
char *rebuild_project_pdf(const char *dir, struct diag *d);

/* The output directory of the project in dir (caller frees), or NULL
 * after a message in d. */
char *rebuild_project_output(const char *dir, struct diag *d);

/* A new temporary directory /tmp/sitat-WHAT-XXXXXX (caller frees), or
 * NULL after a message in d. */
char *rebuild_tmpdir(const char *what, struct diag *d);

/* Remove dir and everything under it (links are removed, never
 * followed). */
void rebuild_rm_tree(const char *dir);

#endif
