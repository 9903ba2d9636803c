/* cmd_leakcheck.c - sitat leakcheck: no string from the key (the real
 * names, workplaces, streets, relatives ... of the informants, kept outside
 * git in evidence/private/names.txt) may appear in the generated LaTeX or in
 * the text of the PDF.  The matching is in leakcheck.c; this file finds the
 * inputs (the generated files, pdftotext's text of the PDF) and reports. */
#define _DEFAULT_SOURCE /* lstat */
#include "cmd/cmd.h"
#include "core/infile.h"
#include "audit/leakcheck.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#define DEFAULT_KEY "evidence/private/names.txt"

/* ---- input: the generated files and the PDF text ---------------------- */

struct list {
	char **v;
	size_t n, cap;
};

static void list_free(struct list *l)
{
	for (size_t i = 0; i < l->n; i++)
		free(l->v[i]);
	free(l->v);
	memset(l, 0, sizeof *l);
}

static bool generated_name(const char *name)
{
	size_t n = strlen(name);
	return n > 4 && (!strcmp(name + n - 4, ".tex") || !strcmp(name + n - 4, ".bib"));
}

/* Add the *.tex and *.bib files under dir to l (symbolic links to
 * directories are not followed).  Returns 0, or -1 after a message. */
static int list_generated(const char *dir, struct list *l)
{
	DIR *dp = opendir(dir);
	if (!dp) {
		fprintf(stderr, "sitat leakcheck: cannot read %s: %s\n", dir,
		        strerror(errno));
		return -1;
	}
	int r = 0;
	struct dirent *e;
	while (r == 0 && (e = readdir(dp))) {
		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		char *p = path_join(dir, e->d_name);
		struct stat st;
		if (lstat(p, &st) == 0 && S_ISDIR(st.st_mode)) {
			r = list_generated(p, l);
		} else if (generated_name(e->d_name) && stat(p, &st) == 0 &&
		           S_ISREG(st.st_mode)) {
			if (l->n == l->cap) {
				l->cap = l->cap ? 2 * l->cap : 16;
				l->v = xrealloc(l->v, l->cap * sizeof *l->v);
			}
			l->v[l->n++] = p;
			p = NULL;
		}
		free(p);
	}
	closedir(dp);
	return r;
}

static int str_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Run `pdftotext -enc UTF-8 PDF -` (no shell) and collect its output in
 * out (initialised by the caller).  Returns 0, or -1 after a message. */
static int pdf_text(const char *pdf, struct buf *out)
{
	int fd[2] = {-1, -1}, ep[2] = {-1, -1}, status = -1, werr = 0;
	char *arg = pdf[0] == '-' ? xasprintf("./%s", pdf) : xstrdup(pdf);
	pid_t pid = -1;
	if (pipe(fd) < 0 || pipe(ep) < 0 ||
	    fcntl(fd[0], F_SETFD, FD_CLOEXEC) < 0 ||
	    fcntl(ep[0], F_SETFD, FD_CLOEXEC) < 0 ||
	    fcntl(ep[1], F_SETFD, FD_CLOEXEC) < 0 || (pid = fork()) < 0) {
		fprintf(stderr, "sitat leakcheck: cannot run pdftotext: %s\n",
		        strerror(errno));
		goto cleanup;
	}
	if (pid == 0) {
		char *av[] = {"pdftotext", "-enc", "UTF-8", arg, "-", NULL};
		if (dup2(fd[1], STDOUT_FILENO) >= 0) {
			close(fd[1]);
			execvp(av[0], av);
		}
		int e = errno;
		if (write(ep[1], &e, sizeof e) < 0)
			e = 0;
		_exit(127);
	}
	close(fd[1]);
	close(ep[1]);
	fd[1] = ep[1] = -1;
	char tmp[65536];
	for (;;) {
		ssize_t r = read(fd[0], tmp, sizeof tmp);
		if (r > 0)
			buf_add(out, tmp, (size_t)r);
		else if (r == 0 || errno != EINTR)
			break;
	}
	ssize_t r;
	while ((r = read(ep[0], &werr, sizeof werr)) < 0 && errno == EINTR)
		;
	if (r != (ssize_t)sizeof werr)
		werr = 0;
	int ws;
	while (waitpid(pid, &ws, 0) < 0)
		if (errno != EINTR) {
			ws = -1;
			break;
		}
	if (werr)
		fprintf(stderr, "sitat leakcheck: cannot run pdftotext: %s%s; "
		        "use --no-pdf to check the generated files only\n",
		        strerror(werr), werr == ENOENT ? " (install poppler-utils)" : "");
	else if (ws == -1 || !WIFEXITED(ws) || WEXITSTATUS(ws) != 0)
		fprintf(stderr, "sitat leakcheck: pdftotext failed on %s\n", pdf);
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
	const char *names, *generated, *pdf;
	bool names_given, no_pdf, quiet;
};

static int parse_options(int argc, char **argv, struct opts *o)
{
	static const char *const with_arg[] = {"--names", "--generated", "--pdf"};
	const char **dest[] = {&o->names, &o->generated, &o->pdf};
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		bool done = false;
		for (int k = 0; k < 3 && !done; k++) {
			size_t m = strlen(with_arg[k]);
			if (strncmp(a, with_arg[k], m) != 0 || (a[m] && a[m] != '='))
				continue;
			if (a[m] == '=') {
				*dest[k] = a + m + 1;
			} else if (i + 1 < argc) {
				*dest[k] = argv[++i];
			} else {
				cmd_usage_error("leakcheck", "option '%s' needs an argument", a);
				return -1;
			}
			if (!**dest[k]) {
				cmd_usage_error("leakcheck", "option '%s' needs a non-empty argument",
				                with_arg[k]);
				return -1;
			}
			o->names_given |= k == 0;
			done = true;
		}
		if (done)
			continue;
		if (!strcmp(a, "--no-pdf")) {
			o->no_pdf = true;
		} else if (!strcmp(a, "-q") || !strcmp(a, "--quiet")) {
			o->quiet = true;
		} else {
			cmd_usage_error("leakcheck", "unknown argument '%s'", a);
			return -1;
		}
	}
	return 0;
}

int cmd_leakcheck(int argc, char **argv)
{
	struct opts o = {DEFAULT_KEY, "thesis/generated", "build/thesis.pdf",
	                 false, false, false};
	if (parse_options(argc, argv, &o) < 0)
		return EXIT_USAGE;
	int status = EXIT_USAGE;
	char *keytext = NULL;
	size_t keylen, hits = 0;
	struct lk_key k = {0};
	struct list files = {0};
	struct buf pdftext;
	buf_init(&pdftext);

	if (read_file(o.names, &keytext, &keylen) < 0) {
		if (errno == ENOENT && !o.names_given) {
			if (!o.quiet)
				printf("sitat leakcheck: no key (%s); nothing to check\n", o.names);
			status = EXIT_OK;
		} else {
			fprintf(stderr, "sitat leakcheck: cannot read the key %s: %s\n",
			        o.names, strerror(errno));
		}
		goto cleanup;
	}
	if (lk_key_parse(&k, o.names, keytext, keylen, stderr) < 0) {
		fprintf(stderr, "sitat leakcheck: the key %s is not valid; nothing "
		        "checked\n", o.names);
		goto cleanup;
	}
	if (k.n == 0) {
		if (!o.quiet)
			printf("sitat leakcheck: the key %s has no entries; nothing to "
			       "check\n", o.names);
		status = EXIT_OK;
		goto cleanup;
	}
	struct stat st;
	if (!o.no_pdf && stat(o.pdf, &st) < 0) {
		fprintf(stderr, "sitat leakcheck: %s: %s; build it first, or use "
		        "--no-pdf to check the generated files only\n", o.pdf,
		        strerror(errno));
		goto cleanup;
	}
	if (list_generated(o.generated, &files) < 0)
		goto cleanup;
	if (files.n)
		qsort(files.v, files.n, sizeof *files.v, str_cmp);
	if (!o.no_pdf && pdf_text(o.pdf, &pdftext) < 0)
		goto cleanup;

	for (size_t i = 0; i < files.n; i++) {
		char *data;
		size_t len;
		if (read_file(files.v[i], &data, &len) < 0) {
			fprintf(stderr, "sitat leakcheck: cannot read %s: %s\n",
			        files.v[i], strerror(errno));
			goto cleanup;
		}
		hits += lk_scan_text(&k, files.v[i], data, len, false, stderr);
		free(data);
	}
	if (!o.no_pdf)
		hits += lk_scan_text(&k, o.pdf, pdftext.data ? pdftext.data : "", pdftext.len,
		             true, stderr);
	if (!o.quiet)
		printf("sitat leakcheck: %zu key entr%s, %zu generated file%s%s%s: "
		       "%zu hit%s\n", k.n, k.n == 1 ? "y" : "ies", files.n,
		       files.n == 1 ? "" : "s", o.no_pdf ? "" : " and ",
		       o.no_pdf ? "" : o.pdf, hits, hits == 1 ? "" : "s");
	status = hits ? EXIT_PROBLEMS : EXIT_OK;
cleanup:
	buf_free(&pdftext);
	list_free(&files);
	lk_key_free(&k);
	free(keytext);
	return status;
}
