/* cmd_build.c - sitat build: the whole pipeline with the project file's
 * paths, under a lock on the output directory: generate -> stamp -> LaTeX
 * (latexmk, reproducible environment) -> audit -> LaTeX again only when
 * the appendix changed -> leakcheck when a key exists.  The sitat steps
 * run in this process; LaTeX is spawned (no shell, no git).  With nothing
 * changed since the last complete build no TeX runs (build_state.c). */
#define _DEFAULT_SOURCE
#include "cmd/build_impl.h"
#include "cmd/cmd.h"
#include "cmd/sty.h"
#include "core/infile.h"
#include "core/lock.h"
#include "core/outfile.h"
#include "core/store.h"
#include "latex/texout.h"
#include "prov/checkout.h"
#include "prov/pdfstamp.h"

#include <cjson/cJSON.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

struct build_opts {
	const char *engine, *output;
	bool draft, release, json, no_wait, prepare, print_rc, quiet;
};

const struct opt build_options[] = {
	OPT_FLAG("draft", 0, struct build_opts, draft, "audit errors are warnings"),
	OPT_FLAG("release", 0, struct build_opts, release,
	         "refuse a dirty tree, strict audit; write PDF.sha256 and manifest.json"),
	OPT_STRING("engine", 0, struct build_opts, engine, "ENGINE",
	           "pdflatex, xelatex or lualatex (default: the project file's)"),
	OPT_PATH("output", 'o', struct build_opts, output, "DIR",
	         "the output directory (default: the project file's, build)"),
	OPT_FLAG("json", 0, struct build_opts, json, "print {\"pdf\": ..., \"dirty\": ...}"),
	OPT_FLAG("no-wait", 0, struct build_opts, no_wait,
	         "when another build holds the output directory, say who and stop"),
	OPT_FLAG("prepare", 0, struct build_opts, prepare,
	         "only generate and stamp, then print SOURCE_DATE_EPOCH (for latexmkrc)"),
	OPT_FLAG("print-latexmkrc", 0, struct build_opts, print_rc,
	         "print the latexmkrc that makes a plain latexmk run sitat first"),
	OPT_QUIET(struct build_opts, quiet, "say nothing but the PDF's path"),
	OPT_END,
};

/* Run a sitat command in this process: fn with the NULL-terminated
 * arguments (argv[0] is the command's name).  Returns its exit status. */
static int step(int (*fn)(int, char **), const char *name, ...)
{
	char *argv[24];
	int argc = 0;
	va_list ap;
	va_start(ap, name);
	argv[argc++] = xstrdup(name);
	for (const char *a; argc < 23 && (a = va_arg(ap, const char *));)
		argv[argc++] = xstrdup(a);
	va_end(ap);
	argv[argc] = NULL;
	char *own[24];
	memcpy(own, argv, sizeof own);
	int st = fn(argc, argv);
	fflush(stdout);
	for (int i = 0; i < argc; i++)
		free(own[i]);
	return st;
}

/* Everything one build needs. */
struct build {
	struct build_opts o;
	struct project p;
	struct build_files f;
	const char *engine, *outdir;
	char *stamp_tex, *audit_tex, *key;
	struct diag d;
	int latex_runs;
	size_t audit_errors;
};

/* Identity of a file, to see whether a step rewrote it. */
static void file_id(const char *path, struct stat *st)
{
	if (stat(path, st) < 0)
		memset(st, 0, sizeof *st);
}
static bool same_file(const struct stat *a, const struct stat *b)
{
	return a->st_ino == b->st_ino && a->st_size == b->st_size &&
	       a->st_mtim.tv_sec == b->st_mtim.tv_sec &&
	       a->st_mtim.tv_nsec == b->st_mtim.tv_nsec;
}

/* generate: the generated LaTeX, up to date. */
static int generate(struct build *b)
{
	return step(cmd_generate, "generate", "-q", "--store", b->p.store,
	            "--dir", b->p.generated, (char *)NULL);
}

/* stamp: stamp.tex, up to date; *changed when it was rewritten.  The
 * stamp reads LaTeX's recorder file fls (what the last run read; NULL:
 * the stamp's default, the output directory's or a plain latexmk's). */
static int stamp(struct build *b, const char *fls, bool *changed)
{
	struct stat before, after;
	file_id(b->stamp_tex, &before);
	int st = fls ? step(cmd_stamp, "stamp", "-q", "-o", b->stamp_tex, "--fls", fls,
	                    "-C", b->p.root, (char *)NULL)
	             : step(cmd_stamp, "stamp", "-q", "-o", b->stamp_tex,
	                    "-C", b->p.root, (char *)NULL);
	file_id(b->stamp_tex, &after);
	*changed = !same_file(&before, &after);
	return st;
}

/* generate and stamp (what --prepare does). */
static int prepare(struct build *b, const char *fls)
{
	bool changed;
	int st = generate(b);
	return st == EXIT_OK ? stamp(b, fls, &changed) : st;
}

/* With pdfLaTeX (the project's engine or --engine), the quotes it prints
 * with placeholders, as sitat check notes them: said before the first
 * LaTeX run only (the store's own diagnostics came from generate). */
static void note_placeholders(struct build *b)
{
	if (strcmp(b->engine, "pdflatex") || b->latex_runs || b->o.quiet)
		return;
	struct diag quiet;
	struct store s;
	diag_init(&quiet, NULL);
	if (store_load(&s, b->p.store, &quiet) == 0)
		tex_note_pdflatex(&s, &b->d);
	store_free(&s);
	diag_free(&quiet);
}

/* latexmk once; on failure the log's errors.  Returns an exit status. */
static int latex(struct build *b)
{
	note_placeholders(b);
	/* LaTeX's files are being written: a run killed from here on leaves
	 * the marker, and the next build starts them afresh (build_repair);
	 * a build that stops before LaTeX (a store with errors) leaves none */
	int fd = open(b->f.running, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	if (fd >= 0)
		close(fd);
	if (!b->o.quiet)
		fprintf(stderr, "sitat build: %s %s (latexmk)\n", b->engine, b->p.main);
	int r = latex_run(&b->p, b->engine, b->outdir, head_commit_time(b->p.root),
	                  b->f.log, &b->d);
	b->latex_runs++;
	if (r == 0)
		return EXIT_OK;
	if (r < 0)
		return EXIT_IO;
	latex_report_errors(b->p.texdir, b->f.latexlog, &b->d);
	diag_at(&b->d, D_BUILD_LATEX, b->p.main, 0, 0, r, b->f.log);
	return EXIT_PROBLEMS;
}



/* The audit of the use record; *changed when the appendix was rewritten.
 * Returns EXIT_OK (audit errors only counted) or another exit status. */
static int audit(struct build *b, bool *changed)
{
	struct stat before, after;
	file_id(b->audit_tex, &before);
	int st = step(cmd_audit, "audit", "-q", "--store", b->p.store, "--record",
	              b->f.record, "--texdir", b->p.texdir, "-o", b->audit_tex,
	              (char *)NULL);
	file_id(b->audit_tex, &after);
	*changed = !same_file(&before, &after);
	b->audit_errors = st == EXIT_PROBLEMS;
	return st == EXIT_PROBLEMS ? EXIT_OK : st;
}

/* After LaTeX: the manifest, the leak check, a release's hash. */
static int finish(struct build *b)
{
	int st = EXIT_OK;
	if (b->latex_runs || b->o.release) {
		char *engine = latex_engine_version(b->engine);
		st = step(cmd_stamp, "stamp", "-q", "--manifest", b->f.manifest,
		          "--engine", engine ? engine : b->engine, "--fls", b->f.fls,
		          "-C", b->p.root, (char *)NULL);
		free(engine);
	}
	struct stat sb;
	if (st == EXIT_OK && b->latex_runs && stat(b->key, &sb) == 0)
		st = step(cmd_leakcheck, "leakcheck", "-q", "--names", b->key,
		          "--generated", b->p.generated, "--pdf", b->f.pdf, (char *)NULL);
	if (st == EXIT_OK && b->o.release) {
		char h[65];
		if (sha256_file(b->f.pdf, h) < 0) {
			diag_at(&b->d, D_IO, b->f.pdf, 0, 0, strerror(errno));
			return EXIT_IO;
		}
		const char *base = strrchr(b->f.pdf, '/') ? strrchr(b->f.pdf, '/') + 1 : b->f.pdf;
		char *line = xasprintf("%s  %s\n", h, base);
		st = write_if_changed(b->f.sha256, line, strlen(line)) < 0 ? EXIT_IO : EXIT_OK;
		free(line);
	}
	return st;
}

/* LaTeX, audit, the stamp again (with what this LaTeX run read), LaTeX
 * again when the appendix or the stamp changed. */
static int typeset(struct build *b)
{
	bool audit_changed = false, stamp_changed = false;
	int st = latex(b);
	if (st == EXIT_OK)
		st = audit(b, &audit_changed);
	if (st == EXIT_OK)
		st = stamp(b, b->f.fls, &stamp_changed);
	if (st == EXIT_OK && (audit_changed || stamp_changed))
		st = latex(b);
	return st;
}

/* A clean build keeps its use record as OUTPUT/records/COMMIT.sitat, so
 * that `sitat diff` finds the claims and pages of that commit later
 * without building it again (docs/diff.md).  Quietly nothing when the
 * PDF is not a clean build, the record is incomplete or cannot be
 * written: the build itself is done. */
static void keep_record(const struct build *b)
{
	struct pdf_stamp ps;
	char *data;
	size_t len;
	if (pdf_stamp_read(b->f.pdf, &ps) != 0 || strcmp(ps.state, "clean") || !ps.commit[0] ||
	    read_file(b->f.record, &data, &len) < 0)
		return;
	size_t n = len;
	while (n && data[n - 1] == '\n')
		n--;
	bool complete = n >= 3 && !memcmp(data + n - 3, "end", 3) && (n == 3 || data[n - 4] == '\n');
	char *dir = path_join(b->outdir, "records");
	char *name = xasprintf("%s.sitat", ps.commit), *dst = path_join(dir, name);
	struct diag quiet;
	diag_init(&quiet, NULL);
	if (complete && (mkdir(dir, 0755) == 0 || errno == EEXIST))
		out_write(dst, b->p.store, data, len, &quiet);
	diag_free(&quiet);
	free(dst), free(name), free(dir), free(data);
}

/* The pipeline, under the lock. */
static int run(struct build *b)
{
	int st = EXIT_OK;
	if (build_repair(&b->f, &b->p, b->outdir))
		diag_at(&b->d, D_BUILD_REPAIR, b->outdir, 0, 0, b->p.jobname);
	/* a release refuses a dirty tree (the generated files made first: a
	 * stale one would count); a no-op build runs only the stamp, since the
	 * state covers everything generate reads and writes */
	bool changed;
	if (b->o.release && (st = generate(b)) == EXIT_OK)
		st = step(cmd_stamp, "stamp", "--require-clean", "--fls", b->f.fls,
		          "-C", b->p.root, (char *)NULL);
	if (st == EXIT_OK)
		st = stamp(b, b->f.fls, &changed);
	if (st != EXIT_OK)
		return st;
	if (build_state_current(&b->f, b->engine, &b->audit_errors)) {
		if (b->audit_errors && (st = audit(b, &changed)) == EXIT_OK && changed)
			st = typeset(b);
	} else if ((st = generate(b)) == EXIT_OK &&
	           (st = stamp(b, b->f.fls, &changed)) == EXIT_OK) {
		st = typeset(b);
	}
	if (st == EXIT_OK)
		st = finish(b);
	if (st == EXIT_OK) {
		build_state_write(&b->f, &b->p, b->engine, b->audit_errors);
		unlink(b->f.running);
		keep_record(b);
	}
	if (st == EXIT_OK && b->audit_errors) {
		if (b->o.draft)
			diag_at(&b->d, D_BUILD_AUDIT_DRAFT, b->f.record, 0, 0);
		else
			st = EXIT_PROBLEMS;
	}
	return st;
}

/* "dirty" of the stamp LaTeX read: anything but state clean. */
static bool stamp_dirty(const char *stamp_tex)
{
	char *text;
	size_t len;
	if (read_file(stamp_tex, &text, &len) < 0)
		return true;
	bool clean = strstr(text, "\\sitat@stamp{state}{clean}") != NULL;
	free(text);
	return !clean;
}

static void report(struct build *b)
{
	if (!b->o.json) {
		puts(b->f.pdf);
		return;
	}
	cJSON *j = cJSON_CreateObject();
	cJSON_AddStringToObject(j, "pdf", b->f.pdf);
	cJSON_AddBoolToObject(j, "dirty", stamp_dirty(b->stamp_tex));
	cJSON_AddNumberToObject(j, "latex_runs", b->latex_runs);
	char *txt = cJSON_PrintUnformatted(j);
	puts(txt);
	free(txt);
	cJSON_Delete(j);
}

/* --print-latexmkrc: the file, for the project's main file. */
static void print_latexmkrc(const struct build *b)
{
	char *gen = rel_path(b->p.texdir, b->p.generated);
	char *stamp = path_join(gen ? gen : "generated", "stamp.tex");
	struct buf rc;
	buf_init(&rc);
	build_latexmkrc(&rc, b->engine, stamp);
	fwrite(rc.data, 1, rc.len, stdout);
	buf_free(&rc);
	free(stamp);
	free(gen);
}

/* Options and project; the output directory made and locked. */
static int setup(struct build *b, struct dir_lock *lk)
{
	if (b->o.draft && b->o.release)
		return opt_usage_error("build", "--draft and --release exclude each other");
	if (project_load(&b->p, ".", &b->d) < 0)
		return EXIT_PROBLEMS;
	if (b->p.file)
		sty_check_vendored(&b->p, &b->d); /* a warning: init --update-sty */
	b->engine = b->o.engine ? b->o.engine : b->p.engine;
	if (b->o.engine && !latex_engine_flag(b->o.engine))
		return opt_usage_error("build", "--engine %s: unknown TeX engine "
		                       "(expected pdflatex, xelatex or lualatex)", b->o.engine);
	if (!latex_engine_flag(b->engine)) {
		diag_at(&b->d, D_BUILD_ENGINE, b->p.file ? b->p.file : "sitat build", 0, 0, b->engine);
		return EXIT_USAGE;
	}
	b->outdir = b->o.output ? b->o.output : b->p.output;
	b->stamp_tex = path_join(b->p.generated, "stamp.tex");
	b->audit_tex = path_join(b->p.generated, "audit.tex");
	char *priv = path_join(b->p.store, "private");
	b->key = path_join(priv, "names.txt");
	free(priv);
	build_files_init(&b->f, &b->p, b->outdir);
	if (b->o.prepare || b->o.print_rc)
		return CMD_RUN;
	if (mkdir(b->outdir, 0755) < 0 && errno != EEXIST) {
		diag_at(&b->d, D_SYSTEM, b->outdir, 0, 0, "cannot create", strerror(errno));
		return EXIT_IO;
	}
	long holder;
	int r = dir_lock(lk, b->outdir, !b->o.no_wait, &holder, &b->d);
	if (r == LOCK_BUSY)
		diag_at(&b->d, D_BUILD_LOCKED, b->outdir, 0, 0, holder);
	return r == 0 ? CMD_RUN : r == LOCK_BUSY ? EXIT_PROBLEMS : EXIT_IO;
}

int cmd_build(int argc, char **argv)
{
	struct build b;
	memset(&b, 0, sizeof b);
	int st = cmd_parse(&argc, argv, &b.o);
	if (st != CMD_RUN)
		return st;
	diag_init(&b.d, stderr);
	struct dir_lock lk = {-1};
	st = setup(&b, &lk);
	if (st == CMD_RUN && b.o.print_rc) {
		print_latexmkrc(&b);
		st = EXIT_OK;
	} else if (st == CMD_RUN && b.o.prepare) {
		st = prepare(&b, NULL);
		if (st == EXIT_OK)
			printf("%lld\n", head_commit_time(b.p.root));
	} else if (st == CMD_RUN) {
		st = run(&b);
		if (st == EXIT_OK || (st == EXIT_PROBLEMS && b.audit_errors &&
		                      access(b.f.pdf, F_OK) == 0))
			report(&b);
	}
	dir_unlock(&lk);
	if (b.f.state)
		build_files_free(&b.f);
	free(b.stamp_tex), free(b.audit_tex), free(b.key);
	project_free(&b.p);
	diag_free(&b.d);
	return st;
}
