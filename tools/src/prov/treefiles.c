/* treefiles.c - a folder of a commit as files in memory, with libgit2. */
#define _XOPEN_SOURCE 700
#include "prov/treefiles.h"
#include "prov/repo.h"
#include "prov/shared.h"
#include "core/util.h"

#include <git2.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

char *treefiles_workdir(const char *dir)
{
	git_repository *repo = NULL;
	char *w = NULL;
	git_libgit2_init();
	if (git_repository_open_ext(&repo, dir, 0, NULL) == 0 && git_repository_workdir(repo)) {
		char *r = realpath(git_repository_workdir(repo), NULL);
		w = r ? path_join(r, "") : xstrdup(git_repository_workdir(repo));
		free(r);
	}
	git_error_clear();
	git_repository_free(repo);
	git_libgit2_shutdown();
	return w;
}

/* The folder relative to the work tree ("" for the root), or NULL when it
 * is outside it. */
static char *folder_rel(git_repository *repo, const char *folder)
{
	const char *wd = git_repository_workdir(repo);
	if (!wd)
		return NULL;
	char *r = realpath(wd, NULL);
	char *rel = path_below(r ? r : wd, folder);
	free(r);
	if (rel && !strcmp(rel, ".")) {
		free(rel);
		rel = xstrdup("");
	}
	return rel;
}

static int open_repo(git_repository **repo, const char *dir, struct diag *d)
{
	int error = git_repository_open_ext(repo, dir, 0, NULL);
	if (error == GIT_EOWNER)
		diag_at(d, D_GIT_OWNER, dir, 0, 0, "DIR");
	else if (error < 0)
		diag_at(d, D_GIT_NO_REPO, dir, 0, 0, "");
	git_error_clear();
	return error < 0 ? -1 : 0;
}

/* spec's commit, its describe and time into out; the folder's tree (NULL
 * when absent) into *tree when tree is not NULL. */
static int resolve(git_repository *repo, struct treerev *out, const char *dir,
                   const char *spec, const char *rel, git_tree **tree, struct diag *d)
{
	git_object *obj = NULL;
	git_commit *commit = NULL;
	git_tree *root = NULL;
	git_tree_entry *e = NULL;
	int ret = 0;
	memset(out, 0, sizeof *out);
	if (git_revparse_single(&obj, repo, spec) < 0 ||
	    git_object_peel((git_object **)&commit, obj, GIT_OBJECT_COMMIT) < 0) {
		git_error_clear();
		const char *wd = git_repository_workdir(repo);
		diag_at(d, D_DIFF_REV, wd ? wd : dir, 0, 0, spec);
		ret = -2;
		goto cleanup;
	}
	git_oid_tostr(out->commit, sizeof out->commit, git_commit_id(commit));
	out->time = (int64_t)git_commit_time(commit);
	out->describe = commit_describe(commit);
	if (!out->describe)
		out->describe = xstrndup(out->commit, 7);
	if (git_commit_tree(&root, commit) < 0) {
		git_err(d, dir, "reading the commit's tree");
		ret = -4;
		goto cleanup;
	}
	if (!*rel) {
		git_oid_tostr(out->tree, sizeof out->tree, git_tree_id(root));
		if (tree) {
			*tree = root;
			root = NULL;
		}
	} else if (git_tree_entry_bypath(&e, root, rel) == 0 &&
	           git_tree_entry_type(e) == GIT_OBJECT_TREE) {
		git_oid_tostr(out->tree, sizeof out->tree, git_tree_entry_id(e));
		if (tree && git_tree_lookup(tree, repo, git_tree_entry_id(e)) < 0) {
			git_err(d, dir, "reading a tree");
			ret = -4;
		}
	}
	git_error_clear();
cleanup:
	git_tree_entry_free(e);
	git_tree_free(root);
	git_commit_free(commit);
	git_object_free(obj);
	return ret;
}

int treerev_resolve(struct treerev *out, const char *dir, const char *spec,
                    const char *folder, struct diag *d)
{
	git_repository *repo = NULL;
	memset(out, 0, sizeof *out);
	git_libgit2_init();
	int ret = open_repo(&repo, dir, d);
	if (ret == 0) {
		char *rel = folder_rel(repo, folder);
		ret = resolve(repo, out, dir, spec, rel ? rel : "/", NULL, d);
		free(rel);
	}
	git_repository_free(repo);
	git_libgit2_shutdown();
	return ret;
}

void treerev_free(struct treerev *r)
{
	free(r->describe);
	r->describe = NULL;
}

struct walk_ctx {
	git_repository *repo;
	struct treefiles *out;
	const char *dir;
	struct diag *d;
	int error;
};

static void skip(struct walk_ctx *w, const char *name, const char *why)
{
	char *m = xasprintf("%s (%s)", name, why);
	diag_at(w->d, D_DIFF_TREE_SKIP, w->dir, 0, 0, w->out->rev.describe, m);
	free(m);
	w->out->skipped++;
}

static int walk_cb(const char *root, const git_tree_entry *e, void *payload)
{
	struct walk_ctx *w = payload;
	const char *name = git_tree_entry_name(e);
	git_filemode_t mode = git_tree_entry_filemode(e);
	if (mode == GIT_FILEMODE_TREE)
		/* the key of real names is never read, whatever git holds */
		return !*root && !strcmp(name, "private") ? 1 : 0;
	char *full = xasprintf("%s%s", root, name);
	if (mode == GIT_FILEMODE_LINK) {
		skip(w, full, "a symbolic link");
	} else if (mode == GIT_FILEMODE_COMMIT) {
		skip(w, full, "a submodule");
	} else {
		git_blob *blob = NULL;
		if (git_blob_lookup(&blob, w->repo, git_tree_entry_id(e)) < 0) {
			git_err(w->d, w->dir, "reading a blob");
			w->error = -4;
			free(full);
			return -1;
		}
		git_object_size_t n = git_blob_rawsize(blob);
		if (n > TREEFILES_MAX) {
			skip(w, full, "larger than 256 MiB");
		} else {
			char *data = xmalloc((size_t)n + 1);
			if (n)
				memcpy(data, git_blob_rawcontent(blob), (size_t)n);
			data[n] = '\0';
			struct treefiles *t = w->out;
			ARRAY_GROW(t->files, t->n, t->cap);
			t->files[t->n++] = (struct storeio_file){full, data, (size_t)n};
			full = NULL;
		}
		git_blob_free(blob);
	}
	free(full);
	return 0;
}

int treefiles_read(struct treefiles *out, const char *dir, const char *spec,
                   const char *folder, struct diag *d)
{
	git_repository *repo = NULL;
	git_tree *tree = NULL;
	memset(out, 0, sizeof *out);
	git_libgit2_init();
	int ret = open_repo(&repo, dir, d);
	if (ret < 0)
		goto cleanup;
	char *rel = folder_rel(repo, folder);
	ret = resolve(repo, &out->rev, dir, spec, rel ? rel : "/", &tree, d);
	if (ret == 0 && !tree) {
		const char *wd = git_repository_workdir(repo);
		diag_at(d, D_DIFF_NO_STORE, wd ? wd : dir, 0, 0, out->rev.describe,
		        rel && *rel ? rel : folder);
		ret = -3;
	}
	free(rel);
	if (ret < 0)
		goto cleanup;
	const char *wd = git_repository_workdir(repo);
	struct walk_ctx w = {repo, out, wd ? wd : dir, d, 0};
	if (git_tree_walk(tree, GIT_TREEWALK_PRE, walk_cb, &w) < 0 && !w.error) {
		git_err(d, dir, "walking a tree");
		w.error = -4;
	}
	ret = w.error;
cleanup:
	git_error_clear();
	git_tree_free(tree);
	git_repository_free(repo);
	git_libgit2_shutdown();
	return ret;
}

void treefiles_free(struct treefiles *t)
{
	for (size_t i = 0; i < t->n; i++) {
		free((char *)t->files[i].name);
		free((char *)t->files[i].data);
	}
	free(t->files);
	treerev_free(&t->rev);
	memset(t, 0, sizeof *t);
}

static int count_line(const git_diff_delta *delta, const git_diff_hunk *hunk,
                      const git_diff_line *line, void *payload)
{
	(void)delta, (void)hunk;
	size_t *c = payload;
	if (line->origin == GIT_DIFF_LINE_ADDITION)
		c[0]++;
	else if (line->origin == GIT_DIFF_LINE_DELETION)
		c[1]++;
	return 0;
}

int text_numstat(const char *a, size_t alen, const char *b, size_t blen,
                 size_t *added, size_t *removed)
{
	size_t c[2] = {0, 0};
	git_diff_options o;
	git_libgit2_init();
	git_diff_options_init(&o, GIT_DIFF_OPTIONS_VERSION);
	o.flags |= GIT_DIFF_FORCE_TEXT;
	o.context_lines = 0;
	int r = git_diff_buffers(a, alen, NULL, b, blen, NULL, &o, NULL, NULL, NULL,
	                         count_line, c);
	git_error_clear();
	git_libgit2_shutdown();
	*added = c[0], *removed = c[1];
	return r < 0 ? -1 : 0;
}
