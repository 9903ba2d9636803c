/* stampin.h - the stamp of a project's build, for sitat stamp and sitat
 * verify: the areas from the project file, every file the build read, and
 * whether the generated files are what this store makes. */
#ifndef SITAT_CMD_STAMPIN_H
#define SITAT_CMD_STAMPIN_H

#include "core/diag.h"
#include "core/project.h"
#include "prov/repo.h"

/* Compute the stamp of the repository found from dir for project p: the
 * areas are p's store, bibliography folder and thesis folder; the inputs
 * are the store's files, the bibliography, the project file, the package
 * (p->sty), the files LaTeX read according to fls (the recorder file;
 * NULL: OUTPUT/JOBNAME.fls, else TEXDIR/JOBNAME.fls as a plain latexmk
 * leaves it; without one, every .tex file under the main file's folder
 * is listed for sitat.sty's check), and the tool's sources
 * when sitat runs from inside the repository.  Then quotes.tex, tables.tex
 * and sitat.bib in p->generated are compared with what the store makes
 * now; one that differs (hand-edited, stale) makes the stamp
 * dirty (generated_dirty).  st->storeid is the store's content id.
 * Returns 0, or -1 with a message in d (st is to be freed either way). */
int stamp_project(struct stamp *st, const struct project *p, const char *dir,
                  const char *fls, struct diag *d);

#endif
