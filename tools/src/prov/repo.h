/* repo.h - the data version of a working tree, computed with libgit2 (no
 * git subprocess): HEAD commit, describe, branch, the tree id of each area
 * (evidence/, bib/, thesis/) at HEAD, and per area whether the working
 * tree differs from HEAD, with a content id of its working-tree state. */
#ifndef SITAT_REPO_H
#define SITAT_REPO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/diag.h"

#define STAMP_AREAS 3
extern const char *const stamp_area_names[STAMP_AREAS]; /* evidence bib thesis */

struct stamp_area {
	char tree[41];      /* tree id at HEAD, "" when absent or no commit */
	bool dirty;
	size_t modified, staged, deleted, renamed, untracked;
	char content[41];   /* id of the working-tree state of the area */
};

/* All strings are inline or owned by the stamp; stamp_free releases. */
struct stamp {
	bool has_repo, unborn, detached, shallow, worktree;
	char commit[41];    /* "" when there is no commit */
	char *describe;     /* e.g. v1.0-3-g8e1d2aa, or the short id; may be NULL */
	char *branch;       /* NULL when detached or unborn */
	int64_t commit_time;
	struct stamp_area area[STAMP_AREAS];
	bool dirty;         /* any area dirty */
};

/* Compute the stamp for the repository containing dir (searching upward).
 * No repository is not an error: has_repo is false.  Returns 0, or -1
 * with a message in d (about dir) when libgit2 fails. */
int stamp_compute(struct stamp *st, const char *dir, struct diag *d);
void stamp_free(struct stamp *st);

/* The id printed for area a: its tree at HEAD when clean, else "w" and the
 * content id of the working tree (in tmp); "" when neither exists. */
const char *stamp_area_version(const struct stamp *st, int a, char tmp[42]);
/* SOURCE_DATE_EPOCH for the build: the commit time, or 0 without one. */
long long stamp_epoch(const struct stamp *st);
/* epoch as YYYY-MM-DDTHH:MM:SSZ (UTC). */
void stamp_iso_date(char out[32], long long epoch);

/* The tree id (hex) of the top-level folder area at commit, in the
 * repository containing dir; "" when the commit has no such folder.
 * Returns 0, or -1 with a message in d. */
int tree_at_commit(const char *dir, const char *commit, const char *area,
                   char out[41], struct diag *d);

/* The git blob id (hex) of the file at path, as `git hash-object` gives
 * it.  Returns 0, or -1 when the file cannot be read. */
int file_blob_id(const char *path, char out[41]);

#endif
