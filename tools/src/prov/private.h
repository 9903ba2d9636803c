/* private.h - guards before anything is stamped: every file under the
 * store's private/ directory (the key of real names) must be ignored by
 * git, or the next `git add -A` commits the real names; and the files
 * that keep a tree from being clean, by name.  libgit2 only, never the
 * git program. */
#ifndef SITAT_PRIVATE_H
#define SITAT_PRIVATE_H

#include "core/diag.h"

/* Report (D_KEY_NOT_IGNORED, an error, at the file) each file under
 * store/private/ that git does not ignore, naming the .gitignore line
 * that fixes it, and (D_KEY_TRACKED) each that is in git's index.  Nothing when the store is in no git repository or has
 * no private/.  Returns the number of such files, or -1 after a libgit2
 * error (reported as D_GIT). */
int private_check_ignored(const char *store, struct diag *d);

/* What blocks --require-clean: every file under the n paths areas
 * (relative to the work tree; "." is all of it) of the repository found
 * from dir that differs from HEAD, is staged, or is untracked and not
 * ignored, reported as D_DIRTY_FILE at its path in the work tree with
 * what it is (modified, staged, deleted, renamed, untracked, ...).
 * Returns their number, or -1 after a libgit2 error (reported). */
int repo_list_dirty(const char *dir, const char *const *areas, size_t n,
                    struct diag *d);

#endif
