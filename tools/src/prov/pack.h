/* pack.h - the git objects of the examiner's bundle (cmd/bundle.h): a
 * pack of one commit, its tree and every tree and blob under it, written
 * with libgit2's packbuilder; and on the examiner's side, that pack
 * indexed by git's indexer (which recomputes every object's id from its
 * content) into a new repository, checked against the bundle's files,
 * and checked out.  libgit2 only, never the git program; no network.
 * Owner: the caller owns every buffer it passes and gets. */
#ifndef SITAT_PACK_H
#define SITAT_PACK_H

#include <stdbool.h>
#include <stddef.h>

#include "core/diag.h"
#include "core/util.h"

/* What a commit is, for the manifest. */
struct pack_info {
	char commit[41], tree[41];
	long long time;     /* the committer's time (seconds since 1970) */
	size_t objects;     /* in the pack */
	size_t files;       /* regular files in the tree */
};

/* One regular file of a commit's tree. */
struct pack_file {
	const char *path;   /* relative to the tree's root, '/'-separated */
	const char *data;
	size_t len;
	bool exec;          /* mode 100755 (else 100644) */
};
/* Called for each file of the tree (data only valid during the call);
 * a non-zero return stops the walk and is returned. */
typedef int (*pack_file_cb)(const struct pack_file *f, void *arg);

/* In the repository found from dir: append to out a pack of commit (hex)
 * with its tree and every tree and blob under it (one thread, so the same
 * commit gives the same bytes), fill info, and call cb for every regular
 * file of the tree, in the tree's order.  A symbolic link or a submodule
 * in the tree is refused (D_BUNDLE_TREE_ENTRY at dir): the bundle holds
 * regular files only.  Returns 0, or -1 after a message in d (or cb's
 * non-zero value). */
int pack_commit(const char *dir, const char *commit, struct buf *out, struct pack_info *info,
                pack_file_cb cb, void *arg, struct diag *d);

/* The SHA-256 of data (len bytes) as 64 hex digits. */
void pack_sha256(const void *data, size_t len, char out[65]);

/* The examiner's side.  Make dir (which must not exist, or be empty) a
 * new git repository holding the objects of the pack (data, len): git's
 * indexer verifies the pack's checksum and computes every object's id
 * from its content (a thin pack, which needs objects from elsewhere, is
 * refused).  commit must be a commit of the pack whose tree holds only
 * trees and regular files; HEAD is set detached at it, and info filled.
 * Nothing is checked out.  Messages are at file (the bundle), entry
 * naming the pack.  Returns 0, or -1 after a message in d. */
int pack_unpack(const char *dir, const char *data, size_t len, const char *commit,
                struct pack_info *info, const char *file, const char *entry,
                struct diag *d);

/* Check that files (n of them) are exactly the regular files of the
 * commit's tree in the repository at dir: the same paths, each with the
 * content (blob id) and mode of the tree's entry.  Messages at file, the
 * place being prefix joined with the path.  Returns the number of
 * mismatches (0: all equal), or -1 after a libgit2 error. */
int pack_check_files(const char *dir, const char *commit, const struct pack_file *files,
                     size_t n, const char *file, const char *prefix, struct diag *d);

/* Tag commit with a lightweight tag name in the repository at dir, so
 * that `git describe` (the stamp) says name, as it did in the student's
 * repository, whose tags the bundle does not hold.  Returns 0, or -1
 * when name is no valid tag name (nothing is done). */
int pack_tag(const char *dir, const char *commit, const char *name);

/* Check the commit out into the work tree of the repository at dir
 * (forced: every file of the tree written).  Returns 0, or -1 after a
 * message in d. */
int pack_checkout(const char *dir, const char *commit, struct diag *d);

#endif
