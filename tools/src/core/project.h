/* project.h - the project file, sitat.json: where a thesis keeps its
 * parts (store, main .tex file, generated LaTeX, output directory, engine,
 * bibliography).  Every command finds it from any subdirectory by
 * searching upward (as libgit2 discovers a repository) and takes its
 * defaults from it; without one, the defaults are the demo's layout.
 *
 * The file (format in docs/project-file.md):
 *   {
 *     "format": "sitat-project/1",
 *     "store": "evidence",             the evidence store
 *     "main": "thesis/thesis.tex",     the main LaTeX file
 *     "generated": "thesis/generated", where sitat writes LaTeX and bib
 *     "output": "build",               where the PDF and LaTeX's files go
 *     "engine": "pdflatex",            pdflatex | xelatex | lualatex
 *     "bib": ["bib"],                  bibliography files or folders
 *     "sty": "thesis/sitat.sty"        the vendored package (optional)
 *   }
 * Every key is optional (the default shown; "generated" and "sty" default
 * to generated/ and sitat.sty in the directory of "main"); paths are
 * relative to the directory of the file, never absolute, never leaving
 * it.  Unknown keys are warnings. */
#ifndef SITAT_PROJECT_H
#define SITAT_PROJECT_H

#include <stddef.h>

#include "core/diag.h"

#define PROJECT_FILE "sitat.json"

/* A project.  Strings are owned by it; project_free releases them.  Every
 * path member is usable from the current directory as it is: root joined
 * with the value from the file ("evidence" when root is ".", "../evidence"
 * from a subdirectory). */
struct project {
	char *file;      /* the project file as found, or NULL: none (defaults) */
	char *root;      /* the directory holding it ("." when none is found) */
	char *store, *main, *texdir, *generated, *output, *sty;
	char *jobname;   /* main's file name without .tex: "thesis" */
	char *engine;    /* "pdflatex", "xelatex" or "lualatex" */
	char **bib;
	size_t nbib;
	char *record;    /* OUTPUT/JOBNAME.sitat: the use record LaTeX writes */
	char *pdf;       /* OUTPUT/JOBNAME.pdf */
	char *key;       /* STORE/private/names.txt: the key of real names */
};

/* Find and read the project file, searching from dir upward (stopping at
 * the file system root).  Without a project file, p holds the defaults and
 * p->file is NULL; a directory above that holds evidence/project.json is
 * the root then (so store commands work from a subdirectory of the demo).
 * Problems in the file are reported to d at file:line:col.  Returns 0, or
 * -1 when the file exists but cannot be used (reported to d). */
int project_load(struct project *p, const char *dir, struct diag *d);
void project_free(struct project *p);

#endif
