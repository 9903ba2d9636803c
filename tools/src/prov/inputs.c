/* inputs.c - what the build read, compared by content with the commit:
 * each file is hashed here (git_repository_hashfile, with git's filters)
 * and compared with the blob in HEAD's tree (git_tree_entry_bypath), so
 * neither ignore rules nor the index's flags nor submodules can hide a
 * change.  Also the store's content id. */
#define _DEFAULT_SOURCE
#include "prov/shared.h"
#include "core/util.h"
#include "core/walk.h"

#include <limits.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* The working directory of repo, resolved, ending in '/' (caller frees). */
static char *real_workdir(git_repository *repo)
{
	const char *wd = git_repository_workdir(repo);
	if (!wd)
		return NULL;
	char *r = realpath(wd, NULL);
	if (!r)
		return xstrdup(wd);
	char *w = path_join(r, "");
	free(r);
	return w;
}

/* Lexically normalised absolute path: no "", "." or ".." components. */
static char *normalise(const char *abs)
{
	char *copy = xstrdup(abs), *save = NULL;
	struct buf b;
	buf_init(&b);
	size_t *starts = NULL, n = 0, cap = 0;
	for (char *c = strtok_r(copy, "/", &save); c; c = strtok_r(NULL, "/", &save)) {
		if (!strcmp(c, "."))
			continue;
		if (!strcmp(c, "..")) {
			if (n)
				b.len = starts[--n];
			continue;
		}
		ARRAY_PUSH(starts, n, cap, b.len);
		buf_putc(&b, '/');
		buf_puts(&b, c);
	}
	if (!b.len)
		buf_putc(&b, '/');
	buf_putc(&b, '\0');
	free(starts);
	free(copy);
	return buf_detach(&b, NULL);
}

/* path made absolute (from the current directory) and normalised. */
static char *absolute(const char *path)
{
	if (path[0] == '/')
		return normalise(path);
	char cwd[PATH_MAX];
	if (!getcwd(cwd, sizeof cwd))
		return NULL;
	char *j = path_join(cwd, path), *abs = normalise(j);
	free(j);
	return abs;
}

char *path_below(const char *wd, const char *path)
{
	char *abs = absolute(path), *w = absolute(wd);
	if (!abs || !w) {
		free(abs);
		free(w);
		return NULL;
	}
	size_t n = strlen(w);
	char *rel = NULL;
	if (!strcmp(abs, w))
		rel = xstrdup(".");
	else if (!strncmp(abs, w, n) && (abs[n] == '/' || n == 1))
		rel = xstrdup(abs + n + (n > 1));
	free(w);
	free(abs);
	return rel;
}

int area_paths(struct stamp *st, git_repository *repo, const struct stamp_config *cfg)
{
	char *wd = real_workdir(repo);
	for (int a = 0; a < STAMP_AREAS; a++) {
		const char *p = cfg && cfg->area[a] ? cfg->area[a] : NULL;
		char *rel = p && wd ? workdir_rel(wd, p) : xstrdup(stamp_area_names[a]);
		/* an area outside the repository holds nothing of it */
		st->area_path[a] = rel ? rel : xstrdup("/");
	}
	free(wd);
	return 0;
}

/* The blob id of the working-tree file full (at rel), as git would store
 * it: a link's target, or the content through git's filters. */
static int hash_worktree(git_repository *repo, const char *full, const char *rel,
                         const struct stat *sb, git_oid *out)
{
	if (S_ISLNK(sb->st_mode)) {
		char target[PATH_MAX];
		ssize_t k = readlink(full, target, sizeof target);
		if (k < 0)
			return -1;
		return git_odb_hash(out, target, (size_t)k, GIT_OBJECT_BLOB);
	}
	return git_repository_hashfile(out, repo, full, GIT_OBJECT_BLOB, rel);
}

static const char *differs(git_repository *repo, git_tree *tree, const char *wd,
                           const char *rel, int depth);

/* rel is not in tree: inside a submodule of tree, or not committed. */
static const char *in_submodule(git_tree *tree,
                                const char *wd, const char *rel, int depth)
{
	const char *why = "not in the commit";
	for (const char *s = strchr(rel, '/'); s; s = strchr(s + 1, '/')) {
		char *prefix = xstrndup(rel, (size_t)(s - rel));
		git_tree_entry *e = NULL;
		int found = git_tree_entry_bypath(&e, tree, prefix) == 0;
		git_object_t t = found ? git_tree_entry_type(e) : GIT_OBJECT_INVALID;
		if (t == GIT_OBJECT_COMMIT) {
			git_repository *sub = NULL;
			git_commit *c = NULL;
			git_tree *subtree = NULL;
			git_oid head;
			char *subdir = path_join(wd, prefix);
			if (depth > 8 || git_repository_open(&sub, subdir) < 0 ||
			    git_reference_name_to_id(&head, sub, "HEAD") < 0)
				why = "in a submodule that is not checked out";
			else if (!git_oid_equal(&head, git_tree_entry_id(e)))
				why = "in a submodule whose commit is not the one the commit records";
			else if (git_commit_lookup(&c, sub, &head) < 0 ||
			         git_commit_tree(&subtree, c) < 0)
				why = "in a submodule that cannot be read";
			else {
				char *swd = real_workdir(sub);
				why = swd ? differs(sub, subtree, swd, s + 1, depth + 1) : "in a bare submodule";
				if (why)
					why = "modified inside a submodule";
				free(swd);
			}
			git_tree_free(subtree);
			git_commit_free(c);
			git_repository_free(sub);
			free(subdir);
		}
		git_tree_entry_free(e);
		free(prefix);
		if (t != GIT_OBJECT_TREE)
			break;
	}
	git_error_clear();
	return why;
}

/* Why the working-tree file at rel differs from tree, or NULL when it is
 * the same (or is in neither). */
static const char *differs(git_repository *repo, git_tree *tree, const char *wd,
                           const char *rel, int depth)
{
	char *full = path_join(wd, rel);
	struct stat sb;
	bool present = lstat(full, &sb) == 0;
	git_tree_entry *e = NULL;
	const char *why = NULL;
	if (git_tree_entry_bypath(&e, tree, rel) == 0) {
		git_object_t t = git_tree_entry_type(e);
		git_oid oid;
		if (t == GIT_OBJECT_BLOB) {
			if (!present)
				why = "deleted";
			else if (S_ISDIR(sb.st_mode))
				why = "a directory, a file in the commit";
			else if (hash_worktree(repo, full, rel, &sb, &oid) < 0 ||
			         !git_oid_equal(&oid, git_tree_entry_id(e)))
				why = "modified";
		}
	} else if (present && !S_ISDIR(sb.st_mode)) {
		why = in_submodule(tree, wd, rel, depth);
	}
	git_tree_entry_free(e);
	git_error_clear();
	free(full);
	return why;
}

/* Is rel under dir (both relative to the working directory)? */
static bool under(const char *rel, const char *dir)
{
	if (!dir || !strcmp(dir, "/"))
		return false;
	size_t n = strlen(dir);
	return !strcmp(dir, ".") || (!strncmp(rel, dir, n) && (rel[n] == '/' || !rel[n]));
}

static bool tracked(git_tree *tree, const char *rel)
{
	git_tree_entry *e = NULL;
	bool t = git_tree_entry_bypath(&e, tree, rel) == 0;
	git_tree_entry_free(e);
	git_error_clear();
	return t;
}

static void check_inputs(struct stamp *st, git_repository *repo, git_tree *tree,
                         const char *wd, const struct stamp_config *cfg)
{
	char *gen = cfg->generated ? workdir_rel(wd, cfg->generated) : NULL;
	char *out = cfg->output ? workdir_rel(wd, cfg->output) : NULL;
	for (size_t i = 0; i < cfg->ninputs; i++) {
		const struct stamp_input *in = &cfg->inputs[i];
		char *rel = workdir_rel(wd, in->path);
		/* outside the repository (TeX Live), or made by the build */
		if (!rel || !strcmp(rel, ".") || under(rel, gen) || under(rel, out) ||
		    !strncmp(rel, ".git/", 5)) {
			free(rel);
			continue;
		}
		int a = stamp_area_of(st, rel);
		const char *why = differs(repo, tree, wd, rel, 0);
		if (why) {
			stamp_add_file(st, rel, why, a);
		} else if (in->tex && a < 0 && tracked(tree, rel)) {
			bool seen = false;
			for (size_t k = 0; k < st->noutside && !seen; k++)
				seen = !strcmp(st->outside[k], rel);
			if (!seen) {
				ARRAY_PUSH(st->outside, st->noutside, st->capoutside, rel);
				rel = NULL;
			}
		}
		free(rel);
	}
	free(gen);
	free(out);
}

/* Index entries in the areas whose working-tree state git does not look
 * at (assume-unchanged, skip-worktree). */
static void check_flagged(struct stamp *st, git_repository *repo, git_tree *tree,
                          const char *wd)
{
	git_index *index = NULL;
	if (git_repository_index(&index, repo) < 0) {
		git_error_clear();
		return;
	}
	size_t count = git_index_entrycount(index);
	for (size_t i = 0; i < count; i++) {
		const git_index_entry *e = git_index_get_byindex(index, i);
		bool valid = e->flags & GIT_INDEX_ENTRY_VALID;
		bool skip = e->flags_extended & GIT_INDEX_ENTRY_SKIP_WORKTREE;
		int a = stamp_area_of(st, e->path);
		if ((!valid && !skip) || a < 0)
			continue;
		if (differs(repo, tree, wd, e->path, 0))
			stamp_add_file(st, e->path, valid ? "modified (marked assume-unchanged)"
			               : "modified (marked skip-worktree)", a);
	}
	git_index_free(index);
}

struct subs {
	char **v;
	size_t n, cap;
};

static int sub_cb(git_submodule *sm, const char *name, void *payload)
{
	(void)sm;
	struct subs *s = payload;
	ARRAY_PUSH(s->v, s->n, s->cap, xstrdup(name));
	return 0;
}

/* Submodules in the areas: at the commit the gitlink records, and with a
 * working tree that is that commit's (git's status leaves them out). */
static void check_submodules(struct stamp *st, git_repository *repo)
{
	struct subs s = {0};
	if (git_submodule_foreach(repo, sub_cb, &s) < 0)
		git_error_clear();
	for (size_t i = 0; i < s.n; i++) {
		git_submodule *sm = NULL;
		unsigned flags = 0;
		if (git_submodule_lookup(&sm, repo, s.v[i]) == 0) {
			const char *path = git_submodule_path(sm);
			int a = stamp_area_of(st, path);
			if (a >= 0 && git_submodule_status(&flags, repo, s.v[i],
			                                   GIT_SUBMODULE_IGNORE_NONE) == 0) {
				if (flags & (GIT_SUBMODULE_STATUS_WD_MODIFIED |
				             GIT_SUBMODULE_STATUS_INDEX_MODIFIED))
					stamp_add_file(st, path, "a submodule whose commit is not the one the commit records", a);
				else if (flags & (GIT_SUBMODULE_STATUS_WD_INDEX_MODIFIED |
				                  GIT_SUBMODULE_STATUS_WD_WD_MODIFIED |
				                  GIT_SUBMODULE_STATUS_WD_UNTRACKED |
				                  GIT_SUBMODULE_STATUS_WD_DELETED))
					stamp_add_file(st, path, "a submodule with changes in its working tree", a);
			}
		}
		git_submodule_free(sm);
		git_error_clear();
		free(s.v[i]);
	}
	free(s.v);
}

static int cmp_path(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

struct tree_walk {
	const char *wd, *prefix;
	struct stamp *st;
};

/* Every blob of HEAD under tools/ must still be there. */
static int deleted_cb(const char *root, const git_tree_entry *e, void *payload)
{
	struct tree_walk *w = payload;
	if (git_tree_entry_type(e) != GIT_OBJECT_BLOB)
		return 0;
	char *rel = xasprintf("%s/%s%s", w->prefix, root, git_tree_entry_name(e));
	char *full = path_join(w->wd, rel);
	struct stat sb;
	if (lstat(full, &sb) < 0)
		stamp_add_file(w->st, rel, "deleted", -1);
	free(full);
	free(rel);
	return 0;
}

/* The tool's sources, when the running program is inside the working
 * tree: tools/ and the Makefile, compared file by file. */
static void check_tool(struct stamp *st, git_repository *repo, git_tree *tree,
                       const char *wd)
{
	char *exe = realpath("/proc/self/exe", NULL);
	char *rel = exe ? workdir_rel(wd, exe) : NULL;
	free(exe);
	if (!rel)
		return;
	free(rel);
	char *tools = path_join(wd, "tools");
	struct walk_list l;
	if (walk_dir(tools, WALK_RECURSE | WALK_HIDDEN, NULL, &l) == 0) {
		char **paths = xcalloc(l.n ? l.n : 1, sizeof *paths);
		size_t n = 0;
		for (size_t i = 0; i < l.n; i++)
			if (l.v[i].type != WALK_DIR)
				paths[n++] = path_join("tools", l.v[i].name);
		qsort(paths, n, sizeof *paths, cmp_path);
		for (size_t i = 0; i < n; i++) {
			const char *why = differs(repo, tree, wd, paths[i], 0);
			if (why)
				stamp_add_file(st, paths[i], why, -1);
			free(paths[i]);
		}
		free(paths);
		walk_free(&l);
	}
	free(tools);
	git_tree_entry *e = NULL;
	if (git_tree_entry_bypath(&e, tree, "tools") == 0 &&
	    git_tree_entry_type(e) == GIT_OBJECT_TREE) {
		git_tree *t = NULL;
		if (git_tree_lookup(&t, repo, git_tree_entry_id(e)) == 0) {
			struct tree_walk w = {wd, "tools", st};
			git_tree_walk(t, GIT_TREEWALK_PRE, deleted_cb, &w);
		}
		git_tree_free(t);
	}
	git_tree_entry_free(e);
	git_error_clear();
	const char *why = differs(repo, tree, wd, "Makefile", 0);
	if (why)
		stamp_add_file(st, "Makefile", why, -1);
}

int inputs_check(struct stamp *st, git_repository *repo, const char *dir,
                 const struct stamp_config *cfg, struct diag *d)
{
	git_reference *head = NULL;
	git_commit *commit = NULL;
	git_tree *tree = NULL;
	char *wd = real_workdir(repo);
	int error = 0;
	if (!st->commit[0] || !wd)
		goto cleanup;
	if ((error = git_repository_head(&head, repo)) < 0 ||
	    (error = git_reference_peel((git_object **)&commit, head, GIT_OBJECT_COMMIT)) < 0 ||
	    (error = git_commit_tree(&tree, commit)) < 0) {
		git_err(d, dir, "reading the commit's tree");
		goto cleanup;
	}
	check_submodules(st, repo);
	check_flagged(st, repo, tree, wd);
	if (cfg)
		check_inputs(st, repo, tree, wd, cfg);
	if (cfg && cfg->tool_sources)
		check_tool(st, repo, tree, wd);
cleanup:
	git_tree_free(tree);
	git_commit_free(commit);
	git_reference_free(head);
	free(wd);
	return error < 0 ? -1 : 0;
}

/* ---- the store's content id ------------------------------------------- */

static void add_line(char ***v, size_t *n, size_t *cap, const char *name,
                     const char *path)
{
	git_oid oid;
	char id[41] = "missing";
	struct stat sb;
	if (lstat(path, &sb) == 0 && !S_ISREG(sb.st_mode))
		snprintf(id, sizeof id, "not-a-file");
	else if (git_odb_hashfile(&oid, path, GIT_OBJECT_BLOB) == 0)
		git_oid_tostr(id, sizeof id, &oid);
	git_error_clear();
	size_t k = strlen(name);
	char *line = xmalloc(k + 1 + strlen(id) + 2);
	memcpy(line, name, k + 1);
	memcpy(line + k + 1, id, strlen(id));
	line[k + 1 + strlen(id)] = '\n';
	line[k + 2 + strlen(id)] = '\0';
	ARRAY_PUSH(*v, *n, *cap, line);
}

int store_content_id(const char *dir, char out[41])
{
	char **v = NULL;
	size_t n = 0, cap = 0;
	int r = 0;
	out[0] = '\0';
	git_libgit2_init();
	static const char *const files[] = {"project.json", "codebook.json"};
	for (size_t i = 0; i < 2; i++) {
		char *p = path_join(dir, files[i]);
		if (access(p, F_OK) == 0)
			add_line(&v, &n, &cap, files[i], p);
		free(p);
	}
	static const char *const dirs[] = {"sources", "codings"};
	for (size_t i = 0; i < 2 && r == 0; i++) {
		char *p = path_join(dir, dirs[i]);
		struct walk_list l;
		if (walk_dir(p, 0, NULL, &l) == 0) {
			for (size_t k = 0; k < l.n; k++) {
				char *name = path_join(dirs[i], l.v[k].name);
				add_line(&v, &n, &cap, name, l.v[k].path);
				free(name);
			}
			walk_free(&l);
		} else if (access(p, F_OK) == 0) {
			r = -1;
		}
		free(p);
	}
	/* names are unique and have no NUL: sorting the lines sorts the names */
	qsort(v, n, sizeof *v, cmp_strp);
	struct buf b;
	buf_init(&b);
	for (size_t i = 0; i < n; i++) {
		size_t k = strlen(v[i]);
		buf_add(&b, v[i], k + 1 + strlen(v[i] + k + 1));
		free(v[i]);
	}
	free(v);
	git_oid oid;
	if (r == 0 && git_odb_hash(&oid, b.data ? b.data : "", b.len, GIT_OBJECT_BLOB) == 0)
		git_oid_tostr(out, 41, &oid);
	else
		r = -1;
	buf_free(&b);
	git_error_clear();
	git_libgit2_shutdown();
	return r;
}
