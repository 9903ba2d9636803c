/* cmd_reproduce.c - sitat reproduce [COMMIT | PDF]: check the commit out
 * with libgit2 into a temporary directory (the working tree is never
 * touched), build it there with `sitat build` (this same program), and
 * compare the SHA-256 of the PDF. */
#define _XOPEN_SOURCE 700
#define _DEFAULT_SOURCE
#include "cmd/cmd.h"
#include "core/project.h"
#include "prov/checkout.h"
#include "prov/pdfstamp.h"
#include "cmd/rebuild.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

struct reproduce_opts {
	const char *dir;
	bool keep;
};

const struct opt reproduce_options[] = {
	OPT_FLAG("keep", 0, struct reproduce_opts, keep, "keep the temporary directory"),
	OPT_REPO(struct reproduce_opts, dir),
	OPT_END,
};

/* Compare the rebuilt PDF (built) with pdf (or print its hash when pdf is
 * NULL).  Returns an exit status; *keep set when the rebuilt PDF must
 * stay. */
static int compare(const char *tmp, const char *built, const char *commit,
                   const char *pdf, bool *keep, struct diag *d)
{
	char h1[65], h2[65];
	int status = EXIT_OK;
	if (sha256_file(built, h1) < 0) {
		diag_at(d, D_IO, built, 0, 0, strerror(errno));
		status = EXIT_PROBLEMS;
	} else if (!pdf) {
		printf("built %.12s: sha256 %s\n", commit, h1);
	} else if (sha256_file(pdf, h2) < 0) {
		diag_at(d, D_IO, pdf, 0, 0, strerror(errno));
		status = EXIT_IO;
	} else if (!strcmp(h1, h2)) {
		printf("identical: %s (commit %.12s) sha256 %s\n", pdf, commit, h1);
	} else {
		printf("differs: %s has sha256 %s, the rebuild of %.12s has %s\n",
		       pdf, h2, commit, h1);
		char *kept = path_join(tmp, "thesis.pdf");
		rename(built, kept);
		printf("the rebuilt PDF is kept at %s\n", kept);
		free(kept);
		*keep = true;
		status = EXIT_PROBLEMS;
	}
	return status;
}

/* What to rebuild: a PDF names its commit (and its engine, set in
 * engine); anything else is a revision.  *pdf is set for a PDF.  Returns
 * 0, or -1 after a message. */
static int what_to_build(const char *arg, char spec[64], char engine[16],
                         const char **pdf, struct diag *d)
{
	struct stat sb;
	struct pdf_stamp ps;
	*pdf = NULL;
	if (stat(arg, &sb) < 0 || !S_ISREG(sb.st_mode)) {
		snprintf(spec, 64, "%s", arg);
		return 0;
	}
	if (pdf_stamp_read(arg, &ps) < 0 || !ps.commit[0]) {
		diag_at(d, D_REPRODUCE_NO_COMMIT, arg, 0, 0);
		return -1;
	}
	*pdf = arg;
	snprintf(spec, 64, "%s", ps.commit);
	memcpy(engine, ps.engine, sizeof ps.engine);
	return 0;
}

int cmd_reproduce(int argc, char **argv)
{
	struct reproduce_opts o = {.dir = "."};
	int status = cmd_parse(&argc, argv, &o);
	if (status != CMD_RUN)
		return status;
	const char *pdf;
	char spec[64], engine[16] = "";
	struct diag d;
	diag_init(&d, stderr);
	if (what_to_build(argc > 1 ? argv[1] : "HEAD", spec, engine, &pdf, &d) < 0) {
		diag_free(&d);
		return EXIT_PROBLEMS;
	}
	char *tmp = rebuild_tmpdir("reproduce", &d);
	if (!tmp) {
		diag_free(&d);
		return EXIT_IO;
	}
	char *src = path_join(tmp, "src"), *log = path_join(tmp, "build.log");
	char *here = NULL, *built = NULL;
	char commit[41] = "";
	bool keep = o.keep;
	if (checkout_copy(o.dir, spec, src, commit, &d) < 0) {
		status = EXIT_PROBLEMS;
		goto out;
	}
	if (!pdf && (here = rebuild_project_pdf(o.dir, &d))) {
		/* compare with the project's PDF if it was built from this commit */
		struct pdf_stamp ps;
		if (pdf_stamp_read(here, &ps) == 0 && !strcmp(ps.commit, commit) &&
		    !strcmp(ps.state, "clean")) {
			pdf = here;
			memcpy(engine, ps.engine, sizeof ps.engine);
		}
	}
	fprintf(stderr, "sitat reproduce: building %.12s in %s (log: %s)\n", commit,
	        src, log);
	int m = rebuild_run(src, engine, log);
	if (m == 0 && !(built = rebuild_project_pdf(src, &d)))
		m = -1;
	if (m != 0) {
		diag_at(&d, D_REPRODUCE_BUILD, src, 0, 0, m, log);
		keep = true;
		status = EXIT_PROBLEMS;
		goto out;
	}
	status = compare(tmp, built, commit, pdf, &keep, &d);
out:
	if (!keep)
		rebuild_rm_tree(tmp);
	else if (status != EXIT_OK)
		fprintf(stderr, "sitat reproduce: kept %s\n", tmp);
	free(src);
	free(log);
	free(here);
	free(built);
	free(tmp);
	diag_free(&d);
	return status;
}
