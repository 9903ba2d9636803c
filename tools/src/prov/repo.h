/* repo.h - the data version of a working tree, computed with libgit2 (no
 * git subprocess): HEAD commit, describe, branch, the tree id of each area
 * (the store, the bibliography, the thesis; evidence/, bib/, thesis/ by
 * default) at HEAD, and per area whether the working tree differs from
 * HEAD, with a content id of its working-tree state.
 *
 * git's status is one source; it trusts the index's flags (assume-unchanged,
 * skip-worktree), skips ignored files and leaves out submodules.  So the
 * stamp also compares, by content, every file the build read (the store's
 * files, LaTeX's inputs from its recorder file, the project file, the
 * package, the tool's sources) with the commit's tree, hashing each file
 * itself (prov/inputs.c): a file that differs makes the stamp dirty
 * whatever git's index says.  docs/reproducible.md says what counts. */
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

/* A file the build read that differs from the commit (or a submodule
 * whose state does), and why.  area: the area holding it, or -1. */
struct stamp_file {
	char *path;         /* relative to the working directory */
	const char *why;    /* static text: "modified", "not in the commit", ... */
	int area;
};

/* One file the build read, for stamp_compute_build. */
struct stamp_input {
	const char *path;   /* usable from the current directory */
	bool tex;           /* read by LaTeX: warn when outside every area */
};

/* Where the parts are, and what the build read (paths usable from the
 * current directory; NULL members take the defaults). */
struct stamp_config {
	const char *area[STAMP_AREAS]; /* store, bibliography folder, thesis folder */
	const char *generated, *output; /* made by the build: never inputs */
	const struct stamp_input *inputs;
	size_t ninputs;
	/* when the running sitat lies inside the working tree (built from the
	 * repository, as the demo's build/sitat is), its sources count too:
	 * every file under tools/ and the Makefile at the root */
	bool tool_sources;
};

/* A file LaTeX read, as its recorder file names it (relative to where
 * LaTeX runs), with its MD5: stamp.tex lists them (\sitat@stampfile) so
 * that sitat.sty can tell when one changed after the stamp was made. */
struct stamp_texfile {
	char *path;
	char md5[33];
};

/* All strings are inline or owned by the stamp; stamp_free releases. */
struct stamp {
	bool has_repo, unborn, detached, shallow, worktree;
	char commit[41];    /* "" when there is no commit */
	char *describe;     /* e.g. v1.0-3-g8e1d2aa, or the short id; may be NULL */
	char *branch;       /* NULL when detached or unborn */
	int64_t commit_time;
	struct stamp_area area[STAMP_AREAS];
	char *area_path[STAMP_AREAS]; /* relative to the working directory; "." the root */
	bool dirty;         /* any area dirty, or inputs_dirty, or generated_dirty */
	bool inputs_dirty;  /* an input outside every area differs */
	bool generated_dirty; /* set by the caller: generated files not from this store */
	char storeid[41];   /* set by the caller: store_content_id of the store, or "" */
	struct stamp_file *files; /* what differs by content (not git's status) */
	size_t nfiles, capfiles;
	char **outside;     /* tracked files LaTeX read outside every area */
	size_t noutside, capoutside;
	struct stamp_texfile *tex; /* set by the caller: LaTeX's inputs in the project */
	size_t ntex, captex;
};

/* Compute the stamp for the repository containing dir (searching upward).
 * No repository is not an error: has_repo is false.  Returns 0, or -1
 * with a message in d (about dir) when libgit2 fails. */
int stamp_compute(struct stamp *st, const char *dir, struct diag *d);
/* The same with the areas and inputs of cfg (NULL: stamp_compute).  A
 * file that is outside the repository is not counted; one inside the
 * output or generated directory is skipped. */
int stamp_compute_build(struct stamp *st, const char *dir,
                        const struct stamp_config *cfg, struct diag *d);
/* Add a file to st->files (path copied) and make the stamp dirty: area
 * dirty when area >= 0, generated_dirty for STAMP_GENERATED, else
 * inputs_dirty. */
#define STAMP_GENERATED (-2)
void stamp_add_file(struct stamp *st, const char *path, const char *why, int area);
void stamp_free(struct stamp *st);

/* The id printed for area a: its tree at HEAD when clean, else "w" and the
 * content id of the working tree (in tmp); "" when neither exists. */
const char *stamp_area_version(const struct stamp *st, int a, char tmp[42]);
/* SOURCE_DATE_EPOCH for the build: the commit time, or 0 without one. */
long long stamp_epoch(const struct stamp *st);
/* epoch as YYYY-MM-DDTHH:MM:SSZ (UTC). */
void stamp_iso_date(char out[32], long long epoch);

/* The tree id (hex) of the folder area (a path relative to the working
 * directory, "." the root) at commit, in the repository containing dir;
 * "" when the commit has no such folder.
 * Returns 0, or -1 with a message in d. */
int tree_at_commit(const char *dir, const char *commit, const char *area,
                   char out[41], struct diag *d);

/* The git blob id (hex) of the file at path, as `git hash-object` gives
 * it.  Returns 0, or -1 when the file cannot be read. */
int file_blob_id(const char *path, char out[41]);

/* path relative to the directory dir (both absolute or relative to the
 * current directory), normalised without touching the file system;
 * "." for dir itself, NULL when path is outside dir (caller frees). */
char *path_below(const char *dir, const char *path);

/* The content id of the files of the store at dir that sitat reads
 * (project.json, codebook.json, the files in sources/ and codings/): the git blob hash of
 * the lines "name\0blob-id\n" sorted by name (names relative to dir).  The
 * generated files carry it (\sitat@storeid), the stamp recomputes it.
 * Returns 0, or -1 when dir cannot be listed. */
int store_content_id(const char *dir, char out[41]);

#endif
