/* cmd_verify.c - sitat verify PDF: does this PDF come from a clean,
 * present version whose data matches this repository?  The report is one
 * stream, standard output: a line per check ("ok: ..." or a diagnostic
 * naming the PDF), then VERIFIED or NOT VERIFIED. */
#include "cmd/cmd.h"
#include "prov/pdfstamp.h"
#include "prov/repo.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

struct verify_opts {
	const char *dir;
};

const struct opt verify_options[] = {
	OPT_REPO(struct verify_opts, dir),
	OPT_END,
};

static const char *or_absent(const char *id, const char *absent)
{
	return id[0] ? id : absent;
}

/* The build itself: was the tree clean? */
static void check_state(const char *pdf, const struct pdf_stamp *ps,
                        struct diag *d)
{
	if (strcmp(ps->state, "clean") != 0)
		diag_at(d, D_VERIFY_BUILD, pdf, 0, 0,
		        !strcmp(ps->state, "dirty") ? "uncommitted changes (dirty tree)" :
		        !strcmp(ps->state, "nocommit") ? "a repository without commits" :
		        "outside a git repository (no version)");
}

/* The commit of the stamp: present here, and its data the PDF's? */
static void check_commit(const char *pdf, const char *dir,
                         const struct pdf_stamp *ps, struct diag *d)
{
	for (int a = 0; a < STAMP_AREAS; a++) {
		char tree[41];
		if (tree_at_commit(dir, ps->commit, stamp_area_names[a], tree, d) < 0)
			return;
		if (!strcmp(ps->state, "clean") && strcmp(tree, ps->area[a]))
			diag_at(d, D_VERIFY_COMMIT_AREA, pdf, 0, 0, stamp_area_names[a],
			        ps->commit, or_absent(tree, "(absent)"),
			        or_absent(ps->area[a], "(absent)"));
	}
	if (!d->errors)
		printf("ok: commit %.12s is present and its data matches the stamp\n",
		       ps->commit);
}

/* The working tree: is the data here the data of the PDF? */
static void check_worktree(const char *pdf, const char *dir,
                           const struct pdf_stamp *ps, struct diag *d)
{
	struct stamp st;
	if (stamp_compute(&st, dir, d) < 0) {
		stamp_free(&st);
		return;
	}
	if (!st.has_repo)
		diag_at(d, D_GIT_NO_REPO, dir, 0, 0, " to compare with");
	for (int a = 0; a < STAMP_AREAS && st.has_repo; a++) {
		const struct stamp_area *ar = &st.area[a];
		if (ar->dirty)
			diag_at(d, D_VERIFY_DIRTY, pdf, 0, 0, stamp_area_names[a],
			        ar->modified, ar->staged, ar->deleted, ar->renamed,
			        ar->untracked);
		else if (strcmp(ar->tree, ps->area[a]))
			diag_at(d, D_VERIFY_DIFFERS, pdf, 0, 0, stamp_area_names[a],
			        or_absent(ar->tree, "absent"), or_absent(ps->area[a], "absent"));
	}
	if (!d->errors)
		printf("ok: the working tree holds the same data, clean\n");
	stamp_free(&st);
}

int cmd_verify(int argc, char **argv)
{
	struct verify_opts o = {.dir = "."};
	int status = cmd_parse(&argc, argv, &o);
	if (status != CMD_RUN)
		return status;
	const char *pdf = argv[1];
	struct pdf_stamp ps;
	int r = pdf_stamp_read(pdf, &ps);
	struct diag d; /* a file that cannot be read is no report: stderr */
	diag_init(&d, r == -1 ? stderr : stdout);
	if (r == -1) {
		diag_at(&d, D_IO, pdf, 0, 0, strerror(errno));
		status = EXIT_IO;
	} else if (r == -2) {
		diag_at(&d, D_VERIFY_NO_STAMP, pdf, 0, 0);
		status = EXIT_PROBLEMS;
	} else {
		printf("%s: stamp: state %s, commit %s, evidence %s\n", pdf, ps.state,
		       or_absent(ps.commit, "(none)"), or_absent(ps.area[0], "(none)"));
		check_state(pdf, &ps, &d);
		if (ps.commit[0])
			check_commit(pdf, o.dir, &ps, &d);
		check_worktree(pdf, o.dir, &ps, &d);
		printf("%s\n", d.errors ? "NOT VERIFIED" : "VERIFIED");
		status = d.errors ? EXIT_PROBLEMS : EXIT_OK;
	}
	diag_free(&d);
	return status;
}
