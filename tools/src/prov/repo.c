/* repo.c - computing the data version with libgit2. */
#define _DEFAULT_SOURCE
#include "prov/repo.h"
#include "core/diag.h"
#include "core/util.h"
#include "prov/shared.h"

#include <git2.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

const char *const stamp_area_names[STAMP_AREAS] = {"evidence", "bib", "thesis"};

void stamp_free(struct stamp *st)
{
	free(st->describe);
	free(st->branch);
	for (int a = 0; a < STAMP_AREAS; a++)
		free(st->area_path[a]);
	for (size_t i = 0; i < st->nfiles; i++)
		free(st->files[i].path);
	free(st->files);
	for (size_t i = 0; i < st->noutside; i++)
		free(st->outside[i]);
	free(st->outside);
	for (size_t i = 0; i < st->ntex; i++)
		free(st->tex[i].path);
	free(st->tex);
	memset(st, 0, sizeof *st);
}

void stamp_add_file(struct stamp *st, const char *path, const char *why, int area)
{
	for (size_t i = 0; i < st->nfiles; i++)
		if (!strcmp(st->files[i].path, path))
			return;
	ARRAY_GROW(st->files, st->nfiles, st->capfiles);
	st->files[st->nfiles++] = (struct stamp_file){xstrdup(path), why, area};
	if (area >= 0 && area < STAMP_AREAS)
		st->area[area].dirty = true;
	else if (area == STAMP_GENERATED)
		st->generated_dirty = true;
	else
		st->inputs_dirty = true;
	st->dirty = true;
}

/* The area of path (relative to the working directory), or -1.  An area
 * "." is the whole working tree; the store and the bibliography are
 * looked at before the thesis, which may hold them. */
int stamp_area_of(const struct stamp *st, const char *path)
{
	for (int a = 0; a < STAMP_AREAS; a++) {
		const char *ap = st->area_path[a];
		size_t n = strlen(ap);
		if (!strcmp(ap, ".") || (!strncmp(path, ap, n) && path[n] == '/'))
			return a;
	}
	return -1;
}
#define area_of(path) stamp_area_of(st, (path))

/* The id of the tree at path ("." the root) in tree, or "". */
static void tree_id_at(git_tree *tree, const char *path, char out[41])
{
	git_tree_entry *e = NULL;
	out[0] = '\0';
	if (!strcmp(path, ".")) {
		git_oid_tostr(out, 41, git_tree_id(tree));
		return;
	}
	if (git_tree_entry_bypath(&e, tree, path) == 0 &&
	    git_tree_entry_type(e) == GIT_OBJECT_TREE)
		git_oid_tostr(out, 41, git_tree_entry_id(e));
	git_tree_entry_free(e);
	git_error_clear();
}

/* Report libgit2's last error, about the repository at dir. */
void git_err(struct diag *d, const char *dir, const char *what)
{
	const git_error *e = git_error_last();
	diag_at(d, D_GIT, dir, 0, 0, what, e && e->message ? e->message : "libgit2 error");
}

char *commit_describe(git_commit *commit)
{
	git_describe_result *desc = NULL;
	git_buf buf = {0};
	char *out = NULL;
	git_describe_options dopts;
	git_describe_options_init(&dopts, GIT_DESCRIBE_OPTIONS_VERSION);
	dopts.describe_strategy = GIT_DESCRIBE_TAGS;
	dopts.show_commit_oid_as_fallback = 1;
	git_describe_format_options fopts;
	git_describe_format_options_init(&fopts, GIT_DESCRIBE_FORMAT_OPTIONS_VERSION);
	if (git_describe_commit(&desc, (git_object *)commit, &dopts) == 0 &&
	    git_describe_format(&buf, desc, &fopts) == 0)
		out = xstrdup(buf.ptr);
	git_error_clear();
	git_buf_dispose(&buf);
	git_describe_result_free(desc);
	return out;
}

/* HEAD: commit id, time, describe, branch, tree id of each area. */
static int read_head(struct stamp *st, git_repository *repo, const char *dir,
                     struct diag *d)
{
	git_reference *head = NULL;
	git_commit *commit = NULL;
	git_tree *tree = NULL;
	int error;

	if (git_repository_head_unborn(repo) == 1) {
		st->unborn = true;
		return 0;
	}
	if ((error = git_repository_head(&head, repo)) < 0) {
		git_err(d, dir, "reading HEAD");
		goto cleanup;
	}
	st->detached = git_repository_head_detached(repo) == 1;
	if (!st->detached && git_reference_is_branch(head)) {
		const char *name = NULL;
		if (git_branch_name(&name, head) == 0 && name)
			st->branch = xstrdup(name);
	}
	if ((error = git_reference_peel((git_object **)&commit, head, GIT_OBJECT_COMMIT)) < 0) {
		git_err(d, dir, "peeling HEAD to a commit");
		goto cleanup;
	}
	git_oid_tostr(st->commit, sizeof st->commit, git_commit_id(commit));
	st->commit_time = (int64_t)git_commit_time(commit);
	if ((error = git_commit_tree(&tree, commit)) < 0) {
		git_err(d, dir, "reading the commit's tree");
		goto cleanup;
	}
	for (int a = 0; a < STAMP_AREAS; a++)
		tree_id_at(tree, st->area_path[a], st->area[a].tree);
	st->describe = commit_describe(commit);
	error = 0;
cleanup:
	git_tree_free(tree);
	git_commit_free(commit);
	git_reference_free(head);
	return error;
}

/* One line per file of the area's working-tree state, "path\0id\n",
 * sorted by path; its hash is the area's content id. */
struct entry {
	char *path;
	char id[41];
};

static int cmp_entry(const void *a, const void *b)
{
	return strcmp(((const struct entry *)a)->path, ((const struct entry *)b)->path);
}

static void add_entry(struct entry **v, size_t *n, size_t *cap, const char *path,
                      const char *workdir)
{
	char *full = path_join(workdir, path);
	git_oid oid;
	char id[41] = "missing";
	if (git_odb_hashfile(&oid, full, GIT_OBJECT_BLOB) == 0)
		git_oid_tostr(id, sizeof id, &oid);
	git_error_clear();
	free(full);
	ARRAY_GROW(*v, *n, *cap);
	(*v)[*n].path = xstrdup(path);
	memcpy((*v)[*n].id, id, sizeof id);
	(*n)++;
}

static void content_ids(struct stamp *st, git_repository *repo,
                        git_status_list *list)
{
	const char *workdir = git_repository_workdir(repo);
	git_index *index = NULL;
	if (!workdir || git_repository_index(&index, repo) < 0) {
		git_error_clear();
		return;
	}
	struct entry *v[STAMP_AREAS] = {0};
	size_t n[STAMP_AREAS] = {0}, cap[STAMP_AREAS] = {0};
	size_t count = git_index_entrycount(index);
	for (size_t i = 0; i < count; i++) {
		const git_index_entry *e = git_index_get_byindex(index, i);
		int a = area_of(e->path);
		if (a >= 0 && st->area[a].dirty)
			add_entry(&v[a], &n[a], &cap[a], e->path, workdir);
	}
	size_t ns = git_status_list_entrycount(list);
	for (size_t i = 0; i < ns; i++) {
		const git_status_entry *s = git_status_byindex(list, i);
		if (!(s->status & (GIT_STATUS_WT_NEW | GIT_STATUS_WT_RENAMED)) ||
		    !s->index_to_workdir)
			continue;
		const char *p = s->index_to_workdir->new_file.path;
		int a = area_of(p);
		if (a >= 0 && st->area[a].dirty)
			add_entry(&v[a], &n[a], &cap[a], p, workdir);
	}
	/* what differs by content though git's status says nothing */
	for (size_t i = 0; i < st->nfiles; i++) {
		int a = st->files[i].area;
		if (a >= 0 && a < STAMP_AREAS)
			add_entry(&v[a], &n[a], &cap[a], st->files[i].path, workdir);
	}
	for (int a = 0; a < STAMP_AREAS; a++) {
		if (!st->area[a].dirty)
			continue;
		qsort(v[a], n[a], sizeof *v[a], cmp_entry);
		struct buf b;
		buf_init(&b);
		for (size_t i = 0; i < n[a]; i++) {
			/* a file git reports and the content check found too: once */
			if (i > 0 && !strcmp(v[a][i].path, v[a][i - 1].path))
				continue;
			buf_add(&b, v[a][i].path, strlen(v[a][i].path) + 1);
			buf_puts(&b, v[a][i].id);
			buf_putc(&b, '\n');
		}
		for (size_t i = 0; i < n[a]; i++)
			free(v[a][i].path);
		free(v[a]);
		git_oid oid;
		if (git_odb_hash(&oid, b.data ? b.data : "", b.len, GIT_OBJECT_BLOB) == 0)
			git_oid_tostr(st->area[a].content, sizeof st->area[a].content, &oid);
		buf_free(&b);
	}
	git_index_free(index);
}

static int read_status(struct stamp *st, git_repository *repo, const char *dir,
                       const struct stamp_config *cfg, struct diag *d)
{
	git_status_list *list = NULL;
	git_status_options opts;
	git_status_options_init(&opts, GIT_STATUS_OPTIONS_VERSION);
	opts.show = GIT_STATUS_SHOW_INDEX_AND_WORKDIR;
	opts.flags = GIT_STATUS_OPT_INCLUDE_UNTRACKED |
	             GIT_STATUS_OPT_RECURSE_UNTRACKED_DIRS |
	             GIT_STATUS_OPT_RENAMES_HEAD_TO_INDEX |
	             GIT_STATUS_OPT_RENAMES_INDEX_TO_WORKDIR |
	             GIT_STATUS_OPT_EXCLUDE_SUBMODULES;
	char *paths[STAMP_AREAS];
	for (int a = 0; a < STAMP_AREAS; a++)
		paths[a] = !strcmp(st->area_path[a], ".") ? xstrdup("*") :
		           xstrdup(st->area_path[a]);
	opts.pathspec.strings = paths;
	opts.pathspec.count = STAMP_AREAS;
	int error = git_status_list_new(&list, repo, &opts);
	for (int a = 0; a < STAMP_AREAS; a++)
		free(paths[a]);
	if (error < 0) {
		git_err(d, dir, "reading the status");
		return error;
	}
	size_t n = git_status_list_entrycount(list);
	for (size_t i = 0; i < n; i++) {
		const git_status_entry *s = git_status_byindex(list, i);
		unsigned f = s->status;
		if (f == GIT_STATUS_CURRENT || (f & GIT_STATUS_IGNORED))
			continue;
		/* every path the entry touches, in the index and in the working
		 * tree: a rename counts in the areas of both its paths */
		const git_diff_delta *ds[2] = {s->head_to_index, s->index_to_workdir};
		bool seen[STAMP_AREAS] = {false};
		for (int k = 0; k < 4; k++) {
			const git_diff_delta *dd = ds[k / 2];
			if (!dd)
				continue;
			int x = area_of(k % 2 ? dd->old_file.path : dd->new_file.path);
			if (x < 0 || seen[x])
				continue;
			seen[x] = true;
			struct stamp_area *ar = &st->area[x];
			if (f & (GIT_STATUS_INDEX_NEW | GIT_STATUS_INDEX_MODIFIED |
			         GIT_STATUS_INDEX_DELETED | GIT_STATUS_INDEX_TYPECHANGE))
				ar->staged++;
			if (f & (GIT_STATUS_WT_MODIFIED | GIT_STATUS_WT_TYPECHANGE))
				ar->modified++;
			if (f & (GIT_STATUS_WT_DELETED))
				ar->deleted++;
			if (f & (GIT_STATUS_INDEX_RENAMED | GIT_STATUS_WT_RENAMED))
				ar->renamed++;
			if (f & GIT_STATUS_WT_NEW)
				ar->untracked++;
			ar->dirty = true;
			st->dirty = true;
		}
	}
	int r = inputs_check(st, repo, dir, cfg, d);
	content_ids(st, repo, list);
	git_status_list_free(list);
	return r;
}

int stamp_compute(struct stamp *st, const char *dir, struct diag *d)
{
	return stamp_compute_build(st, dir, NULL, d);
}

int stamp_compute_build(struct stamp *st, const char *dir,
                        const struct stamp_config *cfg, struct diag *d)
{
	git_repository *repo = NULL;
	int error;
	memset(st, 0, sizeof *st);
	git_libgit2_init();
	error = git_repository_open_ext(&repo, dir, 0, NULL);
	if (error == GIT_ENOTFOUND) {
		git_error_clear();
		error = 0;
		goto cleanup;
	}
	if (error == GIT_EOWNER) {
		diag_at(d, D_GIT_OWNER, dir, 0, 0, "DIR");
		goto cleanup;
	}
	if (error < 0) {
		git_err(d, dir, "opening the repository");
		goto cleanup;
	}
	st->has_repo = true;
	if ((error = area_paths(st, repo, cfg)) < 0) {
		git_err(d, dir, "finding the working directory");
		goto cleanup;
	}
	st->shallow = git_repository_is_shallow(repo) == 1;
	st->worktree = git_repository_is_worktree(repo) == 1;
	if ((error = read_head(st, repo, dir, d)) < 0)
		goto cleanup;
	if (git_repository_is_bare(repo))
		goto cleanup;
	error = read_status(st, repo, dir, cfg, d);
cleanup:
	for (int a = 0; a < STAMP_AREAS; a++)
		if (!st->area_path[a])
			st->area_path[a] = xstrdup(stamp_area_names[a]);
	git_repository_free(repo);
	git_libgit2_shutdown();
	return error < 0 ? -1 : 0;
}

/* The id printed for an area: its tree at HEAD when clean, else "w" and
 * the content id of the working tree; "" when neither exists. */
const char *stamp_area_version(const struct stamp *st, int a, char tmp[42])
{
	if (!st->area[a].dirty)
		return st->area[a].tree;
	snprintf(tmp, 42, "w%.40s", st->area[a].content);
	return tmp;
}

/* SOURCE_DATE_EPOCH for the build: the commit time, or 0 without one. */
long long stamp_epoch(const struct stamp *st)
{
	return st->commit[0] ? (long long)st->commit_time : 0;
}

void stamp_iso_date(char out[32], long long epoch)
{
	time_t t = (time_t)epoch;
	struct tm tm;
	gmtime_r(&t, &tm);
	strftime(out, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

/* The tree id of area at commit (hex), or "" when absent. */
int tree_at_commit(const char *dir, const char *commit, const char *area,
                   char out[41], struct diag *d)
{
	git_repository *repo = NULL;
	git_commit *c = NULL;
	git_tree *tree = NULL;
	git_oid oid;
	int error;
	out[0] = '\0';
	git_libgit2_init();
	if ((error = git_repository_open_ext(&repo, dir, 0, NULL)) < 0) {
		diag_at(d, D_GIT_NO_REPO, dir, 0, 0, "");
		goto cleanup;
	}
	if ((error = git_oid_fromstr(&oid, commit)) < 0 ||
	    (error = git_commit_lookup(&c, repo, &oid)) < 0) {
		diag_at(d, D_GIT_NO_COMMIT, dir, 0, 0, commit);
		goto cleanup;
	}
	if ((error = git_commit_tree(&tree, c)) < 0) {
		git_err(d, dir, "reading the commit's tree");
		goto cleanup;
	}
	tree_id_at(tree, area, out);
cleanup:
	git_error_clear();
	git_tree_free(tree);
	git_commit_free(c);
	git_repository_free(repo);
	git_libgit2_shutdown();
	return error < 0 ? -1 : 0;
}

int file_blob_id(const char *path, char out[41])
{
	git_oid oid;
	git_libgit2_init();
	int r = git_odb_hashfile(&oid, path, GIT_OBJECT_BLOB);
	if (r == 0)
		git_oid_tostr(out, 41, &oid);
	git_error_clear();
	git_libgit2_shutdown();
	return r < 0 ? -1 : 0;
}
