/* cmd_leakcheck.c - sitat leakcheck: no string from the key (the real
 * names, workplaces, streets, relatives ... of the informants, kept outside
 * git in STORE/private/names.txt) may appear in the generated LaTeX or in
 * the text of the PDF.  The matching is in leakcheck.c; this file finds the
 * inputs (the generated files, pdftotext's text of the PDF) and reports. */
#define _DEFAULT_SOURCE /* lstat */
#include "cmd/cmd.h"
#include "core/infile.h"
#include "audit/leakcheck.h"
#include "core/walk.h"
#include "prov/private.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>


/* ---- input: the generated files and the PDF text ---------------------- */

/* Add the *.tex and *.bib files under dir to l, sorted (hidden ones too;
 * links to directories are not followed, links to regular files are
 * read).  Returns 0, or -1 after a message. */
static int list_generated(const char *dir, struct walk_list *l, struct diag *d)
{
	struct walk_list all;
	if (walk_dir(dir, WALK_RECURSE | WALK_HIDDEN, NULL, &all) < 0) {
		diag_at(d, D_IO, dir, 0, 0, strerror(errno));
		return -1;
	}
	for (size_t i = 0; i < all.n; i++) {
		struct walk_entry *e = &all.v[i];
		size_t n = strlen(e->name);
		struct stat st;
		bool wanted = n > 4 && (!strcmp(e->name + n - 4, ".tex") ||
		                        !strcmp(e->name + n - 4, ".bib")) &&
		              (e->type == WALK_FILE || (e->type == WALK_LINK &&
		               stat(e->path, &st) == 0 && S_ISREG(st.st_mode)));
		if (wanted) {
			ARRAY_PUSH(l->v, l->n, l->cap, *e);
		} else {
			free(e->name);
			free(e->path);
		}
	}
	free(all.v);
	return 0;
}

/* In the child: pdftotext with its output on fd (the write end of the
 * pipe); if it cannot be run, its errno goes to ep. */
_Noreturn static void exec_pdftotext(char *arg, int fd, int ep)
{
	char *av[] = {"pdftotext", "-enc", "UTF-8", arg, "-", NULL};
	if (dup2(fd, STDOUT_FILENO) >= 0) {
		close(fd);
		execvp(av[0], av);
	}
	int e = errno;
	if (write(ep, &e, sizeof e) < 0)
		e = 0;
	_exit(127);
}

/* In the parent: read the text from fd into out, the child's exec errno
 * from ep (0 when it ran), and wait for it.  Returns its wait status, or
 * -1 when waiting fails. */
static int collect(pid_t pid, int fd, int ep, struct buf *out, int *werr)
{
	char tmp[65536];
	ssize_t r;
	while ((r = read(fd, tmp, sizeof tmp)) > 0 || (r < 0 && errno == EINTR))
		if (r > 0)
			buf_add(out, tmp, (size_t)r);
	while ((r = read(ep, werr, sizeof *werr)) < 0 && errno == EINTR)
		;
	if (r != (ssize_t)sizeof *werr)
		*werr = 0;
	int ws;
	while (waitpid(pid, &ws, 0) < 0)
		if (errno != EINTR)
			return -1;
	return ws;
}

/* Run `pdftotext -enc UTF-8 PDF -` (no shell) and collect its output in
 * out (initialised by the caller).  Returns 0, or -1 after a message. */
static int pdf_text(const char *pdf, struct buf *out, struct diag *d)
{
	int fd[2] = {-1, -1}, ep[2] = {-1, -1}, status = -1, werr = 0;
	char *arg = pdf[0] == '-' ? xasprintf("./%s", pdf) : xstrdup(pdf);
	pid_t pid = -1;
	if (pipe(fd) < 0 || pipe(ep) < 0 ||
	    fcntl(fd[0], F_SETFD, FD_CLOEXEC) < 0 ||
	    fcntl(ep[0], F_SETFD, FD_CLOEXEC) < 0 ||
	    fcntl(ep[1], F_SETFD, FD_CLOEXEC) < 0 || (pid = fork()) < 0) {
		diag_at(d, D_PDFTOTEXT, pdf, 0, 0, strerror(errno), "");
		goto cleanup;
	}
	if (pid == 0)
		exec_pdftotext(arg, fd[1], ep[1]);
	close(fd[1]);
	close(ep[1]);
	fd[1] = ep[1] = -1;
	int ws = collect(pid, fd[0], ep[0], out, &werr);
	if (werr)
		diag_at(d, D_PDFTOTEXT, pdf, 0, 0, strerror(werr),
		        werr == ENOENT ? " (install poppler-utils)" : "");
	else if (ws == -1 || !WIFEXITED(ws) || WEXITSTATUS(ws) != 0)
		diag_at(d, D_PDFTOTEXT_FAILED, pdf, 0, 0);
	else
		status = 0;
cleanup:
	for (int k = 0; k < 2; k++) {
		if (fd[k] >= 0)
			close(fd[k]);
		if (ep[k] >= 0)
			close(ep[k]);
	}
	free(arg);
	return status;
}

/* ---- the command ------------------------------------------------------- */

struct opts {
	const char *names, *pdf;
	struct opt_list generated;
	bool no_pdf, quiet;
};

const struct opt leakcheck_options[] = {
	OPT_PATH("names", 0, struct opts, names, "FILE",
	              "the key: one name or identifying string a line (default: "
	              "private/names.txt in the store; if absent, nothing to check)"),
	OPT_PATHS("generated", 0, struct opts, generated, "DIR",
	            "every *.tex and *.bib under DIR; repeatable (default: the project's, thesis/generated)"),
	OPT_PATH("pdf", 0, struct opts, pdf, "FILE",
	              "the PDF, read with pdftotext (default: the project's, build/thesis.pdf)"),
	OPT_FLAG("no-pdf", 0, struct opts, no_pdf, "check the generated files only"),
	OPT_QUIET(struct opts, quiet, "no summary line"),
	OPT_END,
};

/* Read and parse the key.  Returns EXIT_OK with k filled (k->n may be 0),
 * or the exit status after a message; *done when there is nothing to do. */
static int load_key(const char *names, bool given, bool quiet,
                    struct lk_key *k, bool *done, struct diag *d)
{
	char *text;
	size_t len;
	*done = false;
	memset(k, 0, sizeof *k);
	if (read_file(names, &text, &len) < 0) {
		if (errno == ENOENT && !given) {
			if (!quiet)
				printf("sitat leakcheck: no key (%s); nothing to check\n", names);
			*done = true;
			return EXIT_OK;
		}
		diag_at(d, D_IO, names, 0, 0, strerror(errno));
		return EXIT_IO;
	}
	int r = lk_key_parse(k, names, text, len, d);
	free(text);
	if (r < 0) {
		diag_at(d, D_KEY_INVALID, names, 0, 0);
		return EXIT_PROBLEMS;
	}
	if (k->n == 0) {
		if (!quiet)
			printf("sitat leakcheck: the key %s has no entries; nothing to "
			       "check\n", names);
		*done = true;
	}
	return EXIT_OK;
}

/* Scan every generated file and the PDF text; *hits counts.  Returns an
 * exit status (EXIT_OK when everything could be read). */
static int scan_all(const struct opts *o, const struct lk_key *k,
                    const struct walk_list *files, const struct buf *pdftext,
                    size_t *hits, struct diag *d)
{
	for (size_t i = 0; i < files->n; i++) {
		char *data;
		size_t len;
		if (read_file(files->v[i].path, &data, &len) < 0) {
			diag_at(d, D_IO, files->v[i].path, 0, 0, strerror(errno));
			return EXIT_IO;
		}
		*hits += lk_scan_text(k, files->v[i].path, data, len, false, d);
		free(data);
	}
	if (!o->no_pdf)
		*hits += lk_scan_text(k, o->pdf, pdftext->data ? pdftext->data : "",
		                      pdftext->len, true, d);
	return EXIT_OK;
}

int cmd_leakcheck(int argc, char **argv)
{
	struct opts o = {0};
	int status = cmd_parse(&argc, argv, &o);
	if (status != CMD_RUN)
		return status;
	struct project p;
	if ((status = cmd_project("leakcheck", &p)) != EXIT_OK) {
		project_free(&p);
		opt_list_free(&o.generated);
		return status;
	}
	o.pdf = OR_DEFAULT(o.pdf, p.pdf);
	struct diag d;
	diag_init(&d, stderr);
	size_t hits = 0;
	bool done;
	struct lk_key k;
	struct walk_list files = {0};
	struct buf pdftext;
	buf_init(&pdftext);
	/* a key git would commit is an error whatever the scan finds */
	int unignored = private_check_ignored(p.store, &d);
	status = load_key(o.names ? o.names : p.key, o.names != NULL, o.quiet,
	                  &k, &done, &d);
	if (status != EXIT_OK || done)
		goto cleanup;
	struct stat st;
	if (!o.no_pdf && stat(o.pdf, &st) < 0) {
		diag_at(&d, D_PDF_MISSING, o.pdf, 0, 0, strerror(errno));
		status = EXIT_IO;
		goto cleanup;
	}
	const char *const default_dirs[] = {p.generated};
	const char *const *dirs = o.generated.n ? o.generated.v : default_dirs;
	size_t ndirs = o.generated.n ? o.generated.n : 1;
	for (size_t i = 0; i < ndirs && status == EXIT_OK; i++)
		if (list_generated(dirs[i], &files, &d) < 0)
			status = EXIT_IO;
	if (status != EXIT_OK ||
	    (!o.no_pdf && pdf_text(o.pdf, &pdftext, &d) < 0)) {
		status = EXIT_IO;
		goto cleanup;
	}
	if ((status = scan_all(&o, &k, &files, &pdftext, &hits, &d)) != EXIT_OK)
		goto cleanup;
	if (!o.quiet)
		printf("sitat leakcheck: %zu key entr%s, %zu generated file%s%s%s: "
		       "%zu hit%s\n", k.n, k.n == 1 ? "y" : "ies", files.n,
		       files.n == 1 ? "" : "s", o.no_pdf ? "" : " and ",
		       o.no_pdf ? "" : o.pdf, hits, hits == 1 ? "" : "s");
	status = hits ? EXIT_PROBLEMS : EXIT_OK;
cleanup:
	if (unignored != 0 && status == EXIT_OK)
		status = EXIT_PROBLEMS;
	buf_free(&pdftext);
	walk_free(&files);
	opt_list_free(&o.generated);
	lk_key_free(&k);
	diag_free(&d);
	project_free(&p);
	return status;
}
