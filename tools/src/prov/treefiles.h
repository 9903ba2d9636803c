/* treefiles.h - a folder of a commit as files in memory (libgit2, never
 * the git program): what `sitat diff` loads a store of another version
 * from (core/storeio.h's struct storeio_file), and the line counts of a
 * text's change (libgit2's diff of two buffers). */
#ifndef SITAT_TREEFILES_H
#define SITAT_TREEFILES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/diag.h"
#include "core/storeio.h"

/* The largest blob read (a store's texts and codings files are limited
 * to 256 MiB, core/store.h's loader says why). */
#define TREEFILES_MAX ((size_t)256 << 20)

/* A revision as resolved: the commit and how it is known. */
struct treerev {
	char commit[41];   /* hex id */
	char tree[41];     /* the folder's tree id at the commit, "" when absent */
	char *describe;    /* git describe --tags --always (owned), or the short id */
	int64_t time;      /* commit time (seconds since 1970) */
};

/* The files of one folder of a commit; names are relative to the folder
 * ("sources/I1.txt"), data owned (NUL-terminated).  files is usable as
 * struct storeio.files.  treefiles_free releases everything. */
struct treefiles {
	struct storeio_file *files;
	size_t n, cap;
	struct treerev rev;
	size_t skipped;    /* links, submodules and blobs over TREEFILES_MAX */
};

/* Resolve spec (a commit id, a tag, a branch, HEAD~2: any git revision)
 * in the repository found from dir, and the tree of folder (a path
 * usable from the current directory, inside that repository's work tree)
 * at it.  Returns 0; -1 when there is no repository (D_GIT_NO_REPO), -2
 * when spec is not a commit (D_DIFF_REV), both reported to d at dir. */
int treerev_resolve(struct treerev *out, const char *dir, const char *spec,
                    const char *folder, struct diag *d);
void treerev_free(struct treerev *r);

/* Read every regular file (blob) under folder at the commit spec names
 * into out, in the repository found from dir; private/ (the key of real
 * names) is never read.  Symbolic links, submodules and blobs larger
 * than TREEFILES_MAX are left out (counted in skipped, each a warning
 * D_DIFF_TREE_SKIP).  Returns 0; -1 or -2 as treerev_resolve; -3 when the
 * commit has no such folder (D_DIFF_NO_STORE); -4 after another libgit2
 * error (D_GIT).  out is to be freed either way. */
int treefiles_read(struct treefiles *out, const char *dir, const char *spec,
                   const char *folder, struct diag *d);
void treefiles_free(struct treefiles *t);

/* The lines added and removed from a to b (libgit2's line diff, as
 * `git diff --numstat` counts them).  Returns 0, or -1 when libgit2
 * fails. */
int text_numstat(const char *a, size_t alen, const char *b, size_t blen,
                 size_t *added, size_t *removed);

/* The work tree root of the repository found from dir (caller frees,
 * with a final '/'), or NULL when there is none. */
char *treefiles_workdir(const char *dir);

#endif
