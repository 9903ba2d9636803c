/* cmd_reproduce.c - sitat reproduce [COMMIT | PDF]: check the commit out
 * with libgit2 into a temporary directory (the working tree is never
 * touched), build it there, and compare the SHA-256 of the PDF. */
#define _XOPEN_SOURCE 700
#define _DEFAULT_SOURCE
#include "cmd/cmd.h"
#include "prov/pdfstamp.h"

#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <git2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

static int rm_entry(const char *p, const struct stat *sb, int flag, struct FTW *f)
{
	(void)sb, (void)flag, (void)f;
	return remove(p);
}

static void rm_tree(const char *dir)
{
	nftw(dir, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
}

/* Clone the repository at dir into dest and check out commit (detached). */
static int checkout_copy(const char *dir, const char *spec, const char *dest,
                         char commit[41], char **err)
{
	git_repository *repo = NULL, *copy = NULL;
	git_object *obj = NULL, *cobj = NULL;
	int error;
	git_libgit2_init();
	if ((error = git_repository_open_ext(&repo, dir, 0, NULL)) < 0) {
		*err = xstrdup("no git repository here");
		goto cleanup;
	}
	if ((error = git_revparse_single(&obj, repo, spec)) < 0 ||
	    (error = git_object_peel(&cobj, obj, GIT_OBJECT_COMMIT)) < 0) {
		*err = xasprintf("'%s' is not a commit of this repository", spec);
		goto cleanup;
	}
	git_oid_tostr(commit, 41, git_object_id(cobj));
	git_clone_options copts;
	git_clone_options_init(&copts, GIT_CLONE_OPTIONS_VERSION);
	copts.checkout_opts.checkout_strategy = GIT_CHECKOUT_NONE;
	if ((error = git_clone(&copy, git_repository_path(repo), dest, &copts)) < 0) {
		const git_error *e = git_error_last();
		*err = xasprintf("cloning into %s: %s", dest, e ? e->message : "failed");
		goto cleanup;
	}
	git_object *target = NULL;
	if ((error = git_object_lookup(&target, copy, git_object_id(cobj), GIT_OBJECT_COMMIT)) < 0) {
		*err = xasprintf("commit %s is not reachable from any branch or tag", commit);
		goto cleanup;
	}
	git_checkout_options chk;
	git_checkout_options_init(&chk, GIT_CHECKOUT_OPTIONS_VERSION);
	chk.checkout_strategy = GIT_CHECKOUT_FORCE;
	if ((error = git_checkout_tree(copy, target, &chk)) == 0)
		error = git_repository_set_head_detached(copy, git_object_id(target));
	if (error < 0) {
		const git_error *e = git_error_last();
		*err = xasprintf("checking out %s: %s", commit, e ? e->message : "failed");
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

/* Run make in dir with output to log; returns make's exit status. */
static int run_make(const char *dir, const char *log)
{
	pid_t pid = fork();
	if (pid < 0)
		return -1;
	if (pid == 0) {
		int fd = open(log, O_WRONLY | O_CREAT | O_TRUNC, 0644);
		if (fd >= 0) {
			dup2(fd, 1);
			dup2(fd, 2);
			close(fd);
		}
		execlp("make", "make", "-C", dir, "build/thesis.pdf", (char *)NULL);
		_exit(127);
	}
	int status;
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return -1;
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

int cmd_reproduce(int argc, char **argv)
{
	const char *arg = "HEAD", *dir = ".";
	bool keep = false;
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--keep"))
			keep = true;
		else if (!strcmp(argv[i], "-C") && i + 1 < argc)
			dir = argv[++i];
		else if (argv[i][0] == '-')
			return cmd_usage_error("reproduce", "unknown option '%s'", argv[i]);
		else
			arg = argv[i];
	}
	/* what to compare with: the given PDF, or build/thesis.pdf if it was
	 * built from the same commit */
	const char *pdf = NULL;
	char spec[64];
	struct stat sb;
	struct pdf_stamp ps;
	if (stat(arg, &sb) == 0 && S_ISREG(sb.st_mode)) {
		pdf = arg;
		if (pdf_stamp_read(pdf, &ps) < 0 || !ps.commit[0]) {
			fprintf(stderr, "sitat reproduce: %s has no commit in its stamp; "
			        "nothing to reproduce\n", pdf);
			return EXIT_PROBLEMS;
		}
		snprintf(spec, sizeof spec, "%s", ps.commit);
	} else {
		snprintf(spec, sizeof spec, "%s", arg);
	}
	char tmpl[] = "/tmp/sitat-reproduce-XXXXXX";
	char *tmp = mkdtemp(tmpl);
	if (!tmp) {
		fprintf(stderr, "sitat reproduce: cannot create a temporary directory: %s\n",
		        strerror(errno));
		return EXIT_USAGE;
	}
	char *src = path_join(tmp, "src"), *log = path_join(tmp, "build.log");
	char commit[41] = "", *err = NULL;
	int status = EXIT_OK;
	if (checkout_copy(dir, spec, src, commit, &err) < 0) {
		fprintf(stderr, "sitat reproduce: %s\n", err);
		free(err);
		status = EXIT_PROBLEMS;
		goto out;
	}
	if (!pdf) {
		char *here = path_join(dir, "build/thesis.pdf");
		if (pdf_stamp_read(here, &ps) == 0 && !strcmp(ps.commit, commit) &&
		    !strcmp(ps.state, "clean"))
			pdf = "build/thesis.pdf";
		free(here);
	}
	fprintf(stderr, "sitat reproduce: building %.12s in %s (log: %s)\n", commit,
	        src, log);
	int m = run_make(src, log);
	if (m != 0) {
		fprintf(stderr, "sitat reproduce: the build failed (make exit %d); see %s\n",
		        m, log);
		keep = true;
		status = EXIT_PROBLEMS;
		goto out;
	}
	char *built = path_join(src, "build/thesis.pdf");
	char h1[65], h2[65];
	if (sha256_file(built, h1) < 0) {
		fprintf(stderr, "sitat reproduce: %s: %s\n", built, strerror(errno));
		status = EXIT_PROBLEMS;
	} else if (!pdf) {
		printf("built %.12s: sha256 %s\n", commit, h1);
	} else if (sha256_file(pdf, h2) < 0) {
		fprintf(stderr, "sitat reproduce: %s: %s\n", pdf, strerror(errno));
		status = EXIT_USAGE;
	} else if (!strcmp(h1, h2)) {
		printf("identical: %s (commit %.12s) sha256 %s\n", pdf, commit, h1);
	} else {
		printf("differs: %s has sha256 %s, the rebuild of %.12s has %s\n",
		       pdf, h2, commit, h1);
		char *kept = path_join(tmp, "thesis.pdf");
		rename(built, kept);
		printf("the rebuilt PDF is kept at %s\n", kept);
		free(kept);
		keep = true;
		status = EXIT_PROBLEMS;
	}
	free(built);
out:
	if (!keep)
		rm_tree(tmp);
	else if (status != EXIT_OK)
		fprintf(stderr, "sitat reproduce: kept %s\n", tmp);
	free(src);
	free(log);
	return status;
}
