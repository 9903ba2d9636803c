/* pack.c - the bundle's git objects (pack.h). */
#define _POSIX_C_SOURCE 200809L
#include "prov/pack.h"
#include "core/hmap.h"
#include "prov/shared.h"

#include <git2.h>
#include <openssl/evp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The inflated size of every blob of a bundle's tree together, at most
 * (what the checkout writes to disk). */
#define PACK_TREE_BYTES ((size_t)4 << 30)

static void git_msg(struct diag *d, const char *file, const char *entry, const char *what)
{
	const git_error *e = git_error_last();
	char *m = xasprintf("%s: %s", what, e && e->message ? e->message : "libgit2 error");
	diag_in(d, D_BUNDLE_PACK, file, entry, m);
	free(m);
}

void pack_sha256(const void *data, size_t len, char out[65])
{
	unsigned char md[32];
	unsigned int n = 0;
	EVP_Digest(data, len, md, &n, EVP_sha256(), NULL);
	for (unsigned i = 0; i < 32; i++)
		snprintf(out + 2 * i, 3, "%02x", md[i]);
}

/* ---- writing ----------------------------------------------------------- */

static int pack_add(void *p, size_t n, void *arg)
{
	buf_add(arg, p, n);
	return 0;
}

struct walk_w {
	git_repository *repo;
	const char *dir;
	pack_file_cb cb;
	void *arg;
	size_t files;
	int status;
	struct diag *d;
};

static int walk_write(const char *root, const git_tree_entry *e, void *arg)
{
	struct walk_w *w = arg;
	git_filemode_t m = git_tree_entry_filemode(e);
	if (m == GIT_FILEMODE_TREE)
		return 0;
	char *path = xasprintf("%s%s", root, git_tree_entry_name(e));
	if (m != GIT_FILEMODE_BLOB && m != GIT_FILEMODE_BLOB_EXECUTABLE) {
		char *what = xasprintf("%s: %s", path, m == GIT_FILEMODE_LINK ? "a symbolic link"
		                                       : m == GIT_FILEMODE_COMMIT ? "a submodule"
		                                       : "an entry of unknown mode");
		diag_at(w->d, D_BUNDLE_TREE_ENTRY, w->dir, 0, 0, what);
		free(what);
		free(path);
		w->status = -1;
		return -1;
	}
	git_blob *blob = NULL;
	if (git_blob_lookup(&blob, w->repo, git_tree_entry_id(e)) < 0) {
		git_err(w->d, w->dir, path);
		free(path);
		w->status = -1;
		return -1;
	}
	struct pack_file f = {path, git_blob_rawcontent(blob), (size_t)git_blob_rawsize(blob),
	                      m == GIT_FILEMODE_BLOB_EXECUTABLE};
	int r = w->cb ? w->cb(&f, w->arg) : 0;
	git_blob_free(blob);
	free(path);
	w->files++;
	if (r) {
		w->status = r;
		return -1;
	}
	return 0;
}

int pack_commit(const char *dir, const char *commit, struct buf *out, struct pack_info *info,
                pack_file_cb cb, void *arg, struct diag *d)
{
	git_repository *repo = NULL;
	git_commit *c = NULL;
	git_tree *tree = NULL;
	git_packbuilder *pb = NULL;
	git_oid oid;
	int rc = -1;
	memset(info, 0, sizeof *info);
	git_libgit2_init();
	if (git_repository_open_ext(&repo, dir, 0, NULL) < 0) {
		diag_at(d, D_GIT_NO_REPO, dir, 0, 0, "");
		goto out;
	}
	if (git_oid_fromstr(&oid, commit) < 0 || git_commit_lookup(&c, repo, &oid) < 0) {
		diag_at(d, D_GIT_NO_COMMIT, dir, 0, 0, commit);
		goto out;
	}
	if (git_commit_tree(&tree, c) < 0) {
		git_err(d, dir, "reading the commit's tree");
		goto out;
	}
	git_oid_tostr(info->commit, sizeof info->commit, &oid);
	git_oid_tostr(info->tree, sizeof info->tree, git_tree_id(tree));
	info->time = (long long)git_commit_time(c);
	struct walk_w w = {repo, dir, cb, arg, 0, 0, d};
	if (git_tree_walk(tree, GIT_TREEWALK_PRE, walk_write, &w) < 0) {
		if (!w.status)
			git_err(d, dir, "reading the commit's tree");
		rc = w.status ? w.status : -1;
		goto out;
	}
	info->files = w.files;
	if (git_packbuilder_new(&pb, repo) < 0 || (git_packbuilder_set_threads(pb, 1), 0) ||
	    git_packbuilder_insert_commit(pb, &oid) < 0 ||
	    git_packbuilder_foreach(pb, pack_add, out) < 0) {
		git_err(d, dir, "packing the commit's objects");
		goto out;
	}
	info->objects = git_packbuilder_object_count(pb);
	rc = 0;
out:
	git_packbuilder_free(pb);
	git_tree_free(tree);
	git_commit_free(c);
	git_repository_free(repo);
	git_libgit2_shutdown();
	return rc;
}

/* ---- reading ----------------------------------------------------------- */

struct walk_r {
	git_odb *odb;
	size_t files, bytes;
	const char *file, *entry;
	struct diag *d;
};

/* Every entry of the tree: a tree or a regular file whose object is in
 * the pack, with the size of all blobs bounded. */
static int walk_read(const char *root, const git_tree_entry *e, void *arg)
{
	struct walk_r *w = arg;
	git_filemode_t m = git_tree_entry_filemode(e);
	git_object_t want = m == GIT_FILEMODE_TREE ? GIT_OBJECT_TREE : GIT_OBJECT_BLOB;
	const char *bad = m == GIT_FILEMODE_LINK ? "a symbolic link"
	                  : m == GIT_FILEMODE_COMMIT ? "a submodule"
	                  : m != GIT_FILEMODE_TREE && m != GIT_FILEMODE_BLOB &&
	                    m != GIT_FILEMODE_BLOB_EXECUTABLE ? "an entry of unknown mode" : NULL;
	size_t size = 0;
	git_object_t type = GIT_OBJECT_INVALID;
	if (!bad && (git_odb_read_header(&size, &type, w->odb, git_tree_entry_id(e)) < 0 ||
	             type != want))
		bad = type == GIT_OBJECT_INVALID ? "its object is not in the pack"
		                                 : "its object is of another type";
	if (!bad && want == GIT_OBJECT_BLOB && (w->bytes += size) > PACK_TREE_BYTES)
		bad = "the files of the tree are larger than 4 GiB together";
	if (bad) {
		char *m2 = xasprintf("%s%s in the commit's tree: %s", root, git_tree_entry_name(e), bad);
		diag_in(w->d, D_BUNDLE_PACK, w->file, w->entry, m2);
		free(m2);
		return -1;
	}
	w->files += want == GIT_OBJECT_BLOB;
	return 0;
}

/* Index the pack into the repository repo. */
static int index_pack(git_repository *repo, const char *data, size_t len, size_t *objects,
                      const char *file, const char *entry, struct diag *d)
{
	git_indexer *idx = NULL;
	git_indexer_options opts;
	git_indexer_progress stats = {0};
	git_indexer_options_init(&opts, GIT_INDEXER_OPTIONS_VERSION);
	char *packdir = xasprintf("%sobjects/pack", git_repository_path(repo));
	int rc = -1;
	if (git_indexer_new(&idx, packdir, 0, NULL, &opts) < 0) {
		git_msg(d, file, entry, "indexing");
		goto out;
	}
	/* in pieces, as it would come from a file */
	for (size_t off = 0; off < len;) {
		size_t n = len - off < 65536 ? len - off : 65536;
		if (git_indexer_append(idx, data + off, n, &stats) < 0) {
			git_msg(d, file, entry, "indexing");
			goto out;
		}
		off += n;
	}
	if (git_indexer_commit(idx, &stats) < 0) {
		git_msg(d, file, entry, "indexing");
		goto out;
	}
	*objects = stats.indexed_objects;
	rc = 0;
out:
	git_indexer_free(idx);
	free(packdir);
	return rc;
}

int pack_unpack(const char *dir, const char *data, size_t len, const char *commit,
                struct pack_info *info, const char *file, const char *entry,
                struct diag *d)
{
	git_repository *repo = NULL;
	git_odb *odb = NULL;
	git_commit *c = NULL;
	git_tree *tree = NULL;
	git_oid oid;
	int rc = -1;
	memset(info, 0, sizeof *info);
	git_libgit2_init();
	if (git_oid_fromstr(&oid, commit) < 0 || strlen(commit) != 40) {
		char *m = xasprintf("'%s' is not a commit id", commit);
		diag_in(d, D_BUNDLE_MANIFEST, file, "sitat-bundle/MANIFEST.json", m);
		free(m);
		goto out;
	}
	if (git_repository_init(&repo, dir, 0) < 0) {
		git_msg(d, file, entry, "making a repository");
		goto out;
	}
	if (index_pack(repo, data, len, &info->objects, file, entry, d) < 0)
		goto out;
	/* the odb was opened before the pack was there */
	git_repository_free(repo);
	repo = NULL;
	if (git_repository_open(&repo, dir) < 0 || git_repository_odb(&odb, repo) < 0) {
		git_msg(d, file, entry, "opening the repository");
		goto out;
	}
	if (git_commit_lookup(&c, repo, &oid) < 0) {
		char *m = xasprintf("commit %s is not in the pack", commit);
		diag_in(d, D_BUNDLE_PACK, file, entry, m);
		free(m);
		goto out;
	}
	if (git_commit_tree(&tree, c) < 0) {
		char *m = xasprintf("the tree of commit %.12s is not in the pack", commit);
		diag_in(d, D_BUNDLE_PACK, file, entry, m);
		free(m);
		goto out;
	}
	struct walk_r w = {odb, 0, 0, file, entry, d};
	if (git_tree_walk(tree, GIT_TREEWALK_PRE, walk_read, &w) < 0) {
		if (!d->errors)
			git_msg(d, file, entry, "reading the commit's tree");
		goto out;
	}
	git_oid_tostr(info->commit, sizeof info->commit, &oid);
	git_oid_tostr(info->tree, sizeof info->tree, git_tree_id(tree));
	info->time = (long long)git_commit_time(c);
	info->files = w.files;
	if (git_repository_set_head_detached(repo, &oid) < 0) {
		git_msg(d, file, entry, "setting HEAD");
		goto out;
	}
	rc = 0;
out:
	git_tree_free(tree);
	git_commit_free(c);
	git_odb_free(odb);
	git_repository_free(repo);
	git_libgit2_shutdown();
	return rc;
}

struct walk_c {
	const struct pack_file *files;
	struct hmap h;
	bool *seen;
	size_t bad;
	const char *file, *prefix;
	struct diag *d;
};

static void mismatch(struct walk_c *w, const char *path, const char *fmt, const char *a,
                     const char *b)
{
	char *where = xasprintf("%s%s", w->prefix, path);
	char *m = xasprintf(fmt, a, b);
	diag_in(w->d, D_BUNDLE_TREE, w->file, where, m);
	free(m);
	free(where);
	w->bad++;
}

static int walk_check(const char *root, const git_tree_entry *e, void *arg)
{
	struct walk_c *w = arg;
	git_filemode_t m = git_tree_entry_filemode(e);
	if (m == GIT_FILEMODE_TREE)
		return 0;
	char *path = xasprintf("%s%s", root, git_tree_entry_name(e));
	char want[41], got[41];
	git_oid_tostr(want, sizeof want, git_tree_entry_id(e));
	size_t i;
	if (!hmap_get(&w->h, path, &i)) {
		mismatch(w, path, "missing: the commit's tree has this file (blob %s)%s", want, "");
	} else {
		const struct pack_file *f = &w->files[i];
		git_oid oid;
		w->seen[i] = true;
		git_odb_hash(&oid, f->data, f->len, GIT_OBJECT_BLOB);
		git_oid_tostr(got, sizeof got, &oid);
		if (strcmp(got, want))
			mismatch(w, path, "the file differs from the commit's: its blob id is %s, the tree says %s",
			         got, want);
		else if (f->exec != (m == GIT_FILEMODE_BLOB_EXECUTABLE))
			mismatch(w, path, "mode %s, the tree says %s", f->exec ? "0755" : "0644",
			         f->exec ? "100644" : "100755");
	}
	free(path);
	return 0;
}

int pack_check_files(const char *dir, const char *commit, const struct pack_file *files,
                     size_t n, const char *file, const char *prefix, struct diag *d)
{
	git_repository *repo = NULL;
	git_commit *c = NULL;
	git_tree *tree = NULL;
	git_oid oid;
	int rc = -1;
	struct walk_c w = {files, {0}, xcalloc(n + 1, sizeof(bool)), 0, file, prefix, d};
	hmap_init(&w.h);
	for (size_t i = 0; i < n; i++)
		hmap_put(&w.h, files[i].path, i, NULL);
	git_libgit2_init();
	if (git_repository_open(&repo, dir) < 0 || git_oid_fromstr(&oid, commit) < 0 ||
	    git_commit_lookup(&c, repo, &oid) < 0 || git_commit_tree(&tree, c) < 0 ||
	    git_tree_walk(tree, GIT_TREEWALK_PRE, walk_check, &w) < 0) {
		git_msg(d, file, "sitat-bundle/git/objects.pack", "reading the commit's tree");
		goto out;
	}
	for (size_t i = 0; i < n; i++)
		if (!w.seen[i])
			mismatch(&w, files[i].path, "not in the commit's tree%s%s", "", "");
	rc = (int)(w.bad > 1000000 ? 1000000 : w.bad);
out:
	free(w.seen);
	hmap_free(&w.h);
	git_tree_free(tree);
	git_commit_free(c);
	git_repository_free(repo);
	git_libgit2_shutdown();
	return rc;
}

int pack_checkout(const char *dir, const char *commit, struct diag *d)
{
	git_repository *repo = NULL;
	git_object *obj = NULL;
	git_oid oid;
	int rc = -1;
	git_libgit2_init();
	git_checkout_options chk;
	git_checkout_options_init(&chk, GIT_CHECKOUT_OPTIONS_VERSION);
	chk.checkout_strategy = GIT_CHECKOUT_FORCE;
	if (git_repository_open(&repo, dir) < 0 || git_oid_fromstr(&oid, commit) < 0 ||
	    git_object_lookup(&obj, repo, &oid, GIT_OBJECT_COMMIT) < 0 ||
	    git_checkout_tree(repo, obj, &chk) < 0) {
		git_err(d, dir, "checking out");
		goto out;
	}
	rc = 0;
out:
	git_object_free(obj);
	git_repository_free(repo);
	git_libgit2_shutdown();
	return rc;
}

int pack_tag(const char *dir, const char *commit, const char *name)
{
	git_repository *repo = NULL;
	git_reference *ref = NULL;
	git_oid oid;
	int valid = 0, rc = -1;
	char *full = xasprintf("refs/tags/%s", name);
	git_libgit2_init();
	if (git_reference_name_is_valid(&valid, full) == 0 && valid &&
	    git_repository_open(&repo, dir) == 0 && git_oid_fromstr(&oid, commit) == 0 &&
	    git_reference_create(&ref, repo, full, &oid, 0, "sitat bundle: describe") == 0)
		rc = 0;
	git_error_clear();
	git_reference_free(ref);
	git_repository_free(repo);
	git_libgit2_shutdown();
	free(full);
	return rc;
}
