/* private.c - files under STORE/private/ that git would add; the files
 * that make a tree dirty (private.h). */
#define _DEFAULT_SOURCE /* realpath */
#include "prov/private.h"
#include "prov/repo.h"
#include "core/util.h"
#include "core/walk.h"

#include <git2.h>
#include <limits.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

/* The .gitignore line that ignores the private directory rel (relative to
 * the work tree): "/evidence/private/". */
static char *fix_line(const char *rel)
{
	return xasprintf("/%s/", rel);
}

static int report_git(struct diag *d, const char *store, const char *what)
{
	const git_error *e = git_error_last();
	diag_at(d, D_GIT, store, 0, 0, what, e && e->message ? e->message : "unknown error");
	return -1;
}

/* Is rel in the index (committed or staged, ignore rules or not)? */
static bool tracked(git_repository *repo, const char *rel)
{
	git_index *ix;
	if (git_repository_index(&ix, repo) < 0)
		return false;
	bool r = git_index_get_bypath(ix, rel, 0) != NULL;
	git_index_free(ix);
	return r;
}

int private_check_ignored(const char *store, struct diag *d)
{
	char *dir = path_join(store, "private");
	char *absdir = realpath(dir, NULL);
	git_repository *repo = NULL;
	struct walk_list l = {0};
	int n = 0;
	if (!absdir)
		goto out; /* no private/: nothing to guard */
	git_libgit2_init();
	int error = git_repository_open_ext(&repo, absdir, 0, NULL);
	if (error == GIT_ENOTFOUND || (error == 0 && git_repository_is_bare(repo)))
		goto out; /* not in git: nothing can be committed */
	if (error < 0) {
		n = report_git(d, store, "opening the repository");
		goto out;
	}
	char *work = realpath(git_repository_workdir(repo), NULL);
	char *rel_dir = work ? path_below(work, absdir) : NULL;
	if (!rel_dir || walk_dir(dir, WALK_RECURSE | WALK_HIDDEN, NULL, &l) < 0) {
		free(work);
		free(rel_dir);
		goto out;
	}
	char *line = fix_line(rel_dir);
	for (size_t i = 0; i < l.n && n >= 0; i++) {
		if (l.v[i].type == WALK_DIR)
			continue;
		char *rel = path_join(rel_dir, l.v[i].name);
		int ignored = 0;
		if (git_ignore_path_is_ignored(&ignored, repo, rel) < 0)
			n = report_git(d, store, "reading the ignore rules");
		else if (!ignored) {
			diag_at(d, D_KEY_NOT_IGNORED, l.v[i].path, 0, 0, line, ".gitignore");
			n++;
		} else if (tracked(repo, rel)) {
			diag_at(d, D_KEY_TRACKED, l.v[i].path, 0, 0, rel);
			n++;
		}
		free(rel);
	}
	free(line);
	free(rel_dir);
	free(work);
out:
	walk_free(&l);
	git_repository_free(repo);
	free(absdir);
	free(dir);
	return n;
}

/* What the status of one entry is, in words. */
static const char *status_word(unsigned s)
{
	if (s & GIT_STATUS_WT_NEW)
		return "untracked";
	if (s & (GIT_STATUS_WT_DELETED | GIT_STATUS_INDEX_DELETED))
		return "deleted";
	if (s & (GIT_STATUS_WT_RENAMED | GIT_STATUS_INDEX_RENAMED))
		return "renamed";
	if (s & GIT_STATUS_INDEX_NEW)
		return "added to the index, not committed";
	if (s & (GIT_STATUS_INDEX_MODIFIED | GIT_STATUS_INDEX_TYPECHANGE))
		return "staged, not committed";
	if (s & GIT_STATUS_CONFLICTED)
		return "in conflict";
	return "modified";
}

int repo_list_dirty(const char *dir, const char *const *areas, size_t n,
                    struct diag *d)
{
	git_repository *repo = NULL;
	git_status_list *list = NULL;
	int count = 0;
	git_libgit2_init();
	if (git_repository_open_ext(&repo, dir, 0, NULL) < 0)
		return report_git(d, dir, "opening the repository");
	git_status_options so;
	git_status_options_init(&so, GIT_STATUS_OPTIONS_VERSION);
	so.show = GIT_STATUS_SHOW_INDEX_AND_WORKDIR;
	so.flags = GIT_STATUS_OPT_INCLUDE_UNTRACKED | GIT_STATUS_OPT_RECURSE_UNTRACKED_DIRS |
	           GIT_STATUS_OPT_RENAMES_HEAD_TO_INDEX | GIT_STATUS_OPT_EXCLUDE_SUBMODULES;
	char **specs = xcalloc(n + 1, sizeof *specs);
	size_t ns = 0;
	bool all = false;
	for (size_t i = 0; i < n; i++) {
		if (!areas[i][0] || !strcmp(areas[i], ".") || !strcmp(areas[i], "./"))
			all = true;
		else
			specs[ns++] = (char *)areas[i];
	}
	if (!all) {
		so.pathspec.strings = specs;
		so.pathspec.count = ns;
	}
	if (git_status_list_new(&list, repo, &so) < 0) {
		count = report_git(d, dir, "reading the status");
		goto out;
	}
	for (size_t i = 0; i < git_status_list_entrycount(list); i++) {
		const git_status_entry *e = git_status_byindex(list, i);
		if (e->status == GIT_STATUS_CURRENT || (e->status & GIT_STATUS_IGNORED))
			continue;
		const git_diff_delta *dd = e->index_to_workdir ? e->index_to_workdir : e->head_to_index;
		const char *path = dd->new_file.path ? dd->new_file.path : dd->old_file.path;
		diag_at(d, D_DIRTY_FILE, path, 0, 0, status_word(e->status));
		count++;
	}
out:
	git_status_list_free(list);
	git_repository_free(repo);
	free(specs);
	return count;
}
