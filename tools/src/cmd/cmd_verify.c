/* cmd_verify.c - sitat verify PDF: does this PDF come from a clean,
 * present version whose data matches this repository?  The report is one
 * stream, standard output: a line per check ("ok: ..." or a diagnostic
 * naming the PDF), then VERIFIED or NOT VERIFIED. */
#include "cmd/cmd.h"
#include "cmd/stampin.h"
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
		        !strcmp(ps->state, "stale") ? "files changed after the stamp was made (stamp not current)" :
		        !strcmp(ps->state, "unknown") ? "an unknown version (LaTeX found no stamp.tex)" :
		        "outside a git repository (no version)");
}

/* The commit of the stamp: present here, and its data the PDF's? */
static void check_commit(const char *pdf, const char *dir, const struct stamp *now,
                         const struct pdf_stamp *ps, struct diag *d)
{
	for (int a = 0; a < STAMP_AREAS; a++) {
		char tree[41];
		if (tree_at_commit(dir, ps->commit, now->area_path[a], tree, d) < 0)
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

/* The working tree: is the data here the data of the PDF?  Everything
 * the build reads is compared by content (cmd/stampin.h). */
static void check_worktree(const char *pdf, const char *dir, const struct stamp *st,
                           const struct pdf_stamp *ps, struct diag *d)
{
	if (!st->has_repo)
		diag_at(d, D_GIT_NO_REPO, dir, 0, 0, " to compare with");
	for (int a = 0; a < STAMP_AREAS && st->has_repo; a++) {
		const struct stamp_area *ar = &st->area[a];
		if (ar->dirty)
			diag_at(d, D_VERIFY_DIRTY, pdf, 0, 0, st->area_path[a],
			        ar->modified, ar->staged, ar->deleted, ar->renamed,
			        ar->untracked);
		else if (strcmp(ar->tree, ps->area[a]))
			diag_at(d, D_VERIFY_DIFFERS, pdf, 0, 0, st->area_path[a],
			        or_absent(ar->tree, "absent"), or_absent(ps->area[a], "absent"));
	}
	/* the data, not the build's own state: generated files that are stale
	 * now say nothing about this PDF (one built from them says dirty) */
	for (size_t i = 0; i < st->nfiles && st->has_repo; i++)
		if (st->files[i].area != STAMP_GENERATED)
			diag_at(d, D_STAMP_DIFFERS, st->files[i].path, 0, 0, st->files[i].why);
	if (!d->errors)
		printf("ok: the working tree holds the same data, clean\n");
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
		struct project p;
		struct stamp now = {0};
		if (project_load(&p, o.dir, &d) < 0 || stamp_project(&now, &p, o.dir, NULL, &d) < 0) {
			status = EXIT_IO;
		} else {
			if (ps.commit[0])
				check_commit(pdf, o.dir, &now, &ps, &d);
			check_worktree(pdf, o.dir, &now, &ps, &d);
		}
		stamp_free(&now);
		project_free(&p);
		printf("%s\n", d.errors ? "NOT VERIFIED" : "VERIFIED");
		status = d.errors ? EXIT_PROBLEMS : EXIT_OK;
	}
	diag_free(&d);
	return status;
}
