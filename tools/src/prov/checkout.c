/* checkout.c - a commit checked out into a fresh directory with libgit2
 * (sitat reproduce): the working tree it came from is never touched. */
#include "prov/checkout.h"
#include "core/util.h"

#include <git2.h>
#include <stdlib.h>

/* Clone the repository at dir into dest and check out commit (detached). */
int checkout_copy(const char *dir, const char *spec, const char *dest,
                  char commit[41], struct diag *d)
{
	git_repository *repo = NULL, *copy = NULL;
	git_object *obj = NULL, *cobj = NULL;
	int error;
	git_libgit2_init();
	if ((error = git_repository_open_ext(&repo, dir, 0, NULL)) < 0) {
		diag_at(d, D_GIT_NO_REPO, dir, 0, 0, "");
		goto cleanup;
	}
	if ((error = git_revparse_single(&obj, repo, spec)) < 0 ||
	    (error = git_object_peel(&cobj, obj, GIT_OBJECT_COMMIT)) < 0) {
		char *q = xasprintf("'%s'", spec);
		diag_at(d, D_GIT_NO_COMMIT, dir, 0, 0, q);
		free(q);
		goto cleanup;
	}
	git_oid_tostr(commit, 41, git_object_id(cobj));
	git_clone_options copts;
	git_clone_options_init(&copts, GIT_CLONE_OPTIONS_VERSION);
	copts.checkout_opts.checkout_strategy = GIT_CHECKOUT_NONE;
	if ((error = git_clone(&copy, git_repository_path(repo), dest, &copts)) < 0) {
		const git_error *e = git_error_last();
		diag_at(d, D_GIT, dest, 0, 0, "cloning", e ? e->message : "failed");
		goto cleanup;
	}
	git_object *target = NULL;
	if ((error = git_object_lookup(&target, copy, git_object_id(cobj), GIT_OBJECT_COMMIT)) < 0) {
		diag_at(d, D_GIT_UNREACHABLE, dir, 0, 0, commit);
		goto cleanup;
	}
	git_checkout_options chk;
	git_checkout_options_init(&chk, GIT_CHECKOUT_OPTIONS_VERSION);
	chk.checkout_strategy = GIT_CHECKOUT_FORCE;
	if ((error = git_checkout_tree(copy, target, &chk)) == 0)
		error = git_repository_set_head_detached(copy, git_object_id(target));
	if (error < 0) {
		const git_error *e = git_error_last();
		diag_at(d, D_GIT, dest, 0, 0, "checking out", e ? e->message : "failed");
	}
	git_object_free(target);
cleanup:
	git_object_free(cobj);
	git_object_free(obj);
	git_repository_free(copy);
	git_repository_free(repo);
	git_libgit2_shutdown();
	return error < 0 ? -1 : 0;
}

long long head_commit_time(const char *dir)
{
	git_repository *repo = NULL;
	git_object *obj = NULL;
	long long t = 0;
	git_libgit2_init();
	if (git_repository_open_ext(&repo, dir, 0, NULL) == 0 &&
	    git_revparse_single(&obj, repo, "HEAD^{commit}") == 0)
		t = (long long)git_commit_time((git_commit *)obj);
	git_object_free(obj);
	git_repository_free(repo);
	git_libgit2_shutdown();
	return t;
}
