/* build_impl.h - private to cmd/: the parts of `sitat build` (cmd_build.c)
 * that are not the pipeline itself: running LaTeX (build_latex.c), the
 * record of the last complete build that makes a no-op build cheap
 * (build_state.c), and the latexmkrc that `sitat init` writes
 * (build_rc.c). */
#ifndef SITAT_BUILD_IMPL_H
#define SITAT_BUILD_IMPL_H

#include <stdbool.h>
#include <stddef.h>

#include "core/diag.h"
#include "core/project.h"
#include "core/util.h"

/* ---- build_latex.c ---- */

/* latexmk's option for engine ("-pdf", "-xelatex", "-lualatex"), or NULL
 * for an engine sitat does not know. */
const char *latex_engine_flag(const char *engine);
/* Run latexmk on p's main file in its directory, with LaTeX's files in
 * outdir, in the reproducible environment (SOURCE_DATE_EPOCH=epoch,
 * FORCE_SOURCE_DATE=1, TZ=UTC, LC_ALL=C.UTF-8, SITAT_BUILD=1 so that the
 * project's latexmkrc does not run sitat again); its output goes to log.
 * No shell.  Returns latexmk's exit status (128 + N for signal N), or -1
 * after a message in d when it could not be run. */
int latex_run(const struct project *p, const char *engine, const char *outdir,
              long long epoch, const char *log, struct diag *d);
/* Report the errors of the LaTeX log logfile (written with
 * -file-line-error) as file:line: message to d, file names as seen from
 * here (texdir joined); at most 10.  Returns how many were reported. */
size_t latex_report_errors(const char *texdir, const char *logfile, struct diag *d);
/* Where LuaLaTeX's font cache (luaotfload) goes when no directory of TeX's
 * TEXMFCACHE (kpsewhich -var-value TEXMFCACHE) is writable, which would
 * stop LuaLaTeX ("no writeable cache path"): outdir/texmf-cache, absolute
 * (caller frees).  NULL when one is writable, for the other engines, or
 * when outdir cannot be resolved.  latex_run sets TEXMFCACHE to it. */
char *latex_cache_dir(const char *engine, const char *outdir);
/* The first line of `engine --version` (caller frees), or NULL. */
char *latex_engine_version(const char *engine);
/* The path of to as seen from the directory from (both exist), such as
 * "../build"; caller frees.  NULL when either cannot be resolved. */
char *rel_path(const char *from, const char *to);

/* ---- build_state.c ---- */

/* The state of one output directory. */
struct build_files {
	char *state;   /* outdir/.sitat-build.state: what the last complete build read */
	char *running; /* outdir/.sitat-build.running: a build started, not finished */
	char *fdb;     /* outdir/JOB.fdb_latexmk, latexmk's record of LaTeX's inputs */
	char *fls;     /* outdir/JOB.fls, LaTeX's recorder file (for the stamp) */
	char *pdf, *record, *log, *latexlog, *sha256, *manifest;
};
/* Fill f for project p and outdir (caller frees with build_files_free). */
void build_files_init(struct build_files *f, const struct project *p, const char *outdir);
void build_files_free(struct build_files *f);
/* Does the state file describe the files as they are now: every input
 * LaTeX and biber read (from latexmk's database), the store, the project
 * file, the generated files, the PDF and the sitat program, all unchanged
 * (size, time, inode), and the same engine?  Sets *audit_errors to the errors of the last
 * audit.  Returns true when nothing changed. */
bool build_state_current(const struct build_files *f, const char *engine,
                         size_t *audit_errors);
/* Write the state file after a complete build (atomically).  Returns 0,
 * or -1 (the next build then runs LaTeX again). */
int build_state_write(const struct build_files *f, const struct project *p,
                      const char *engine, size_t audit_errors);
/* A build did not finish (f->running exists): remove LaTeX's files for
 * the main file, the PDF and the state, so that the next LaTeX run starts
 * from nothing.  Returns true when there was something to repair. */
bool build_repair(const struct build_files *f, const struct project *p,
                  const char *outdir);

/* ---- build_rc.c ---- */

/* The latexmkrc `sitat init` writes next to the main file: a plain
 * `latexmk` (as editors run it) runs `sitat build --prepare` (generate
 * and stamp) before LaTeX, in the reproducible environment, and removes
 * a stamp.tex it could not make current (at stamp_tex, relative to the
 * main file's directory), so the PDF never says clean from a stale
 * stamp.  engine chooses $pdf_mode. */
void build_latexmkrc(struct buf *b, const char *engine, const char *stamp_tex);

#endif
