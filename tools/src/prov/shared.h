/* shared.h - private to prov/: what repo.c and inputs.c share. */
#ifndef SITAT_PROV_SHARED_H
#define SITAT_PROV_SHARED_H

#include <git2.h>

#include "core/diag.h"
#include "prov/repo.h"

/* Report libgit2's last error, about the repository at dir. */
void git_err(struct diag *d, const char *dir, const char *what);
/* The area of path (relative to the working directory), or -1. */
int stamp_area_of(const struct stamp *st, const char *path);
/* Set st->area_path from cfg (or the defaults), relative to the working
 * directory of repo.  Returns 0, or -1 without a working directory. */
int area_paths(struct stamp *st, git_repository *repo, const struct stamp_config *cfg);
/* Compare by content with HEAD: cfg's inputs, the index entries of the
 * areas that git's flags hide (assume-unchanged, skip-worktree), the
 * submodules in the areas.  What differs goes to st->files.  Returns 0,
 * or -1 with a message in d. */
int inputs_check(struct stamp *st, git_repository *repo, const char *dir,
                 const struct stamp_config *cfg, struct diag *d);
/* git describe --tags --always of commit (a tag, v1.0-3-g8e1d2aa, or the
 * short id; caller frees), or NULL when libgit2 fails.  The stamp and
 * treefiles.c describe commits alike. */
char *commit_describe(git_commit *commit);
/* path relative to the working directory wd (repo.h: path_below). */
#define workdir_rel path_below

#endif
