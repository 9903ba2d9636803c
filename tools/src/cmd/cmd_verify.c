/* cmd_verify.c - sitat verify PDF: does this PDF come from a clean,
 * present version whose data matches this repository? */
#include "cmd/cmd.h"
#include "prov/pdfstamp.h"
#include "prov/repo.h"

#include <errno.h>
#include <git2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int cmd_verify(int argc, char **argv)
{
	const char *pdf = NULL, *dir = ".";
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "-C") && i + 1 < argc)
			dir = argv[++i];
		else if (argv[i][0] == '-')
			return cmd_usage_error("verify", "unknown option '%s'", argv[i]);
		else if (!pdf)
			pdf = argv[i];
		else
			return cmd_usage_error("verify", "one PDF only");
	}
	if (!pdf)
		return cmd_usage_error("verify", "which PDF? (e.g. build/thesis.pdf)");
	struct pdf_stamp ps;
	int r = pdf_stamp_read(pdf, &ps);
	if (r == -1) {
		fprintf(stderr, "sitat verify: %s: %s\n", pdf, strerror(errno));
		return EXIT_USAGE;
	}
	if (r == -2) {
		printf("%s: no sitat stamp in this PDF\n", pdf);
		return EXIT_PROBLEMS;
	}
	printf("%s: stamp: state %s, commit %s, evidence %s\n", pdf, ps.state,
	       ps.commit[0] ? ps.commit : "(none)", ps.area[0][0] ? ps.area[0] : "(none)");
	int problems = 0;
	if (strcmp(ps.state, "clean") != 0) {
		printf("FAIL: the PDF was built from %s\n",
		       !strcmp(ps.state, "dirty") ? "uncommitted changes (dirty tree)" :
		       !strcmp(ps.state, "nocommit") ? "a repository without commits" :
		       "outside a git repository (no version)");
		problems++;
	}
	if (ps.commit[0]) {
		for (int a = 0; a < STAMP_AREAS; a++) {
			char tree[41], *err = NULL;
			if (tree_at_commit(dir, ps.commit, stamp_area_names[a], tree, &err) < 0) {
				printf("FAIL: %s\n", err);
				free(err);
				problems++;
				break;
			}
			if (!strcmp(ps.state, "clean") && strcmp(tree, ps.area[a])) {
				printf("FAIL: %s/ at commit %.12s is %s, the PDF says %s\n",
				       stamp_area_names[a], ps.commit, tree[0] ? tree : "(absent)",
				       ps.area[a][0] ? ps.area[a] : "(absent)");
				problems++;
			}
		}
		if (!problems)
			printf("ok: commit %.12s is present and its data matches the stamp\n",
			       ps.commit);
	}
	/* the working tree: is the data here the data of the PDF? */
	struct stamp st;
	char *err = NULL;
	if (stamp_compute(&st, dir, &err) < 0) {
		printf("FAIL: %s\n", err);
		free(err);
		problems++;
	} else if (!st.has_repo) {
		printf("FAIL: no git repository here to compare with\n");
		problems++;
	} else {
		for (int a = 0; a < STAMP_AREAS; a++) {
			const struct stamp_area *ar = &st.area[a];
			if (ar->dirty) {
				printf("FAIL: %s/ in the working tree has uncommitted changes "
				       "(%zu modified, %zu staged, %zu deleted, %zu renamed, "
				       "%zu untracked)\n", stamp_area_names[a], ar->modified,
				       ar->staged, ar->deleted, ar->renamed, ar->untracked);
				problems++;
			} else if (strcmp(ar->tree, ps.area[a])) {
				printf("FAIL: %s/ in the working tree (%s) is not the data of "
				       "the PDF (%s)\n", stamp_area_names[a],
				       ar->tree[0] ? ar->tree : "absent",
				       ps.area[a][0] ? ps.area[a] : "absent");
				problems++;
			}
		}
		if (!problems)
			printf("ok: the working tree holds the same data, clean\n");
	}
	stamp_free(&st);
	printf("%s\n", problems ? "NOT VERIFIED" : "VERIFIED");
	return problems ? EXIT_PROBLEMS : EXIT_OK;
}
