/* cmd_reproduce.c - sitat reproduce [COMMIT | PDF | BUNDLE]: build the
 * thesis again and say how the rebuild compares with the PDF examined.
 * A commit or a PDF (which names its commit) is checked out with libgit2
 * into a temporary directory (the working tree is never touched); a
 * bundle (cmd/bundle.h) is unpacked and every id in it checked.  The
 * checkout is built with `sitat build` (this same program, cmd/rebuild.h)
 * and compared (cmd/pdfcompare.h): identical, same text or different,
 * with the TeX inputs that differ (cmd/texinputs.h) and the engine. */
#define _XOPEN_SOURCE 700
#define _DEFAULT_SOURCE
#include "cmd/bundle.h"
#include "cmd/cmd.h"
#include "cmd/pdfcompare.h"
#include "cmd/rebuild.h"
#include "cmd/texinputs.h"
#include "core/json.h"
#include "core/project.h"
#include "prov/checkout.h"
#include "prov/pdfstamp.h"

#include <cjson/cJSON.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* The exit statuses of reproduce beyond cmd.h's: 0 identical, 1 could
 * not check. */
enum { EXIT_SAME_TEXT = 4, EXIT_DIFFERENT = 5 };

/* At most this many differing pages and inputs are shown (--json lists
 * all). */
enum { SHOW_PAGES = 10, SHOW_INPUTS = 20 };

struct reproduce_opts {
	const char *dir, *against;
	bool keep, json;
};

const struct opt reproduce_options[] = {
	OPT_FLAG("keep", 0, struct reproduce_opts, keep,
	         "keep the temporary directory (it is always kept when the PDFs differ)"),
	OPT_PATH("against", 0, struct reproduce_opts, against, "PDF",
	         "compare the rebuild with this PDF (e.g. the one submitted, when COMMIT is a revision)"),
	OPT_FLAG("json", 0, struct reproduce_opts, json,
	         "print the result as one JSON object (result, pages, inputs, ...)"),
	OPT_REPO(struct reproduce_opts, dir),
	OPT_END,
};

enum what { W_COMMIT, W_PDF, W_BUNDLE };
static const char *const what_name[] = {"commit", "pdf", "bundle"};

struct run {
	struct reproduce_opts o;
	struct diag d;
	enum what what;
	const char *arg;
	char spec[64], engine[16], commit[41];
	char *tmp, *src, *log, *here, *built;
	const char *then_pdf;  /* the PDF examined, or NULL: none to compare with */
	const char *where;     /* what "then" is, in the words of a change */
	struct bundle b;
	bool bundle_open;
	struct texin_list then_in, now_in;
	const struct texin_list *then; /* the inputs of then_pdf, or NULL: not known */
	const char *then_engine;       /* the engine's version then, or NULL */
	bool have_now;
	struct texin_change *changes;
	size_t nchanges;
	struct pdfcmp c;
	bool compared, keep;
	const char *result;
};

/* What arg is: a PDF (its stamp names the commit and the engine), a
 * bundle, or else a revision.  Returns EXIT_OK or an exit status after a
 * message. */
static int what_to_build(struct run *r)
{
	struct stat sb;
	const char *arg = r->arg;
	if (stat(arg, &sb) < 0 || !S_ISREG(sb.st_mode)) {
		r->what = W_COMMIT;
		snprintf(r->spec, sizeof r->spec, "%s", arg);
		return EXIT_OK;
	}
	unsigned char head[5] = {0};
	FILE *f = fopen(arg, "rb");
	if (!f) {
		diag_at(&r->d, D_IO, arg, 0, 0, strerror(errno));
		return EXIT_IO;
	}
	size_t n = fread(head, 1, sizeof head, f);
	fclose(f);
	if (n >= 2 && head[0] == 0x1f && head[1] == 0x8b) {
		r->what = W_BUNDLE;
		return EXIT_OK;
	}
	if (n < 5 || memcmp(head, "%PDF-", 5)) {
		diag_at(&r->d, D_REPRODUCE_WHAT, arg, 0, 0);
		return EXIT_USAGE;
	}
	struct pdf_stamp ps;
	if (pdf_stamp_read(arg, &ps) < 0 || !ps.commit[0]) {
		diag_at(&r->d, D_REPRODUCE_NO_COMMIT, arg, 0, 0);
		return EXIT_PROBLEMS;
	}
	if (strcmp(ps.state, "clean"))
		diag_at(&r->d, D_REPRODUCE_NOT_CLEAN, arg, 0, 0, ps.state, ps.commit);
	r->what = W_PDF;
	r->then_pdf = arg;
	snprintf(r->spec, sizeof r->spec, "%s", ps.commit);
	memcpy(r->engine, ps.engine, sizeof ps.engine);
	return EXIT_OK;
}

/* true when a and b are the same file. */
static bool same_file(const char *a, const char *b)
{
	struct stat sa, sb;
	return stat(a, &sa) == 0 && stat(b, &sb) == 0 && sa.st_dev == sb.st_dev &&
	       sa.st_ino == sb.st_ino;
}

/* The inputs of the project's own build of then_pdf, when then_pdf is
 * that build's PDF (OUTPUT/JOBNAME.pdf, its recorder file beside it);
 * else a note that they are not known. */
static void inputs_of_project_build(struct run *r)
{
	struct project p;
	struct diag q;
	diag_init(&q, NULL);
	if (project_load(&p, r->o.dir, &q) < 0) {
		project_free(&p);
		diag_free(&q);
		return;
	}
	char *slash = strrchr(r->then_pdf, '/');
	char *outdir = slash ? xstrndup(r->then_pdf, (size_t)(slash - r->then_pdf)) : xstrdup(".");
	char *name = xasprintf("%s.pdf", p.jobname);
	char *own = path_join(outdir, name);
	if (!same_file(own, r->then_pdf)) {
		diag_at(&r->d, D_REPRODUCE_INPUTS_UNKNOWN, r->then_pdf, 0, 0,
		        "it is not the PDF of a build in this project");
	} else if (texin_from_build(&r->then_in, p.root, outdir, p.jobname, &q) == 0) {
		texin_packages(&r->then_in);
		r->then = &r->then_in;
	} else {
		diag_at(&r->d, D_REPRODUCE_INPUTS_UNKNOWN, r->then_pdf, 0, 0,
		        q.n ? q.recs[0].msg : "no recorder file");
	}
	free(own);
	free(name);
	free(outdir);
	project_free(&p);
	diag_free(&q);
}

/* Set up the checkout to build (r->src) and what it is compared with.
 * Returns EXIT_OK or an exit status after a message. */
static int prepare(struct run *r)
{
	if (r->what == W_BUNDLE && r->o.against)
		return opt_usage_error("reproduce", "--against: not with a bundle (the bundle's "
		                       "PDF is the one compared with)");
	if (r->o.against) {
		struct stat sb;
		if (stat(r->o.against, &sb) < 0) {
			diag_at(&r->d, D_IO, r->o.against, 0, 0, strerror(errno));
			return EXIT_IO;
		}
		r->then_pdf = r->o.against;
	}
	if (r->what == W_BUNDLE) {
		if (bundle_open(&r->b, r->arg, &r->d) < 0)
			return EXIT_PROBLEMS;
		r->bundle_open = true;
		r->tmp = xstrdup(r->b.tmp);
		r->src = xstrdup(r->b.src);
		memcpy(r->commit, r->b.commit, sizeof r->commit);
		snprintf(r->engine, sizeof r->engine, "%s", r->b.engine ? r->b.engine : "");
		r->then_pdf = r->b.pdf;
		if (r->b.inputs.n) /* else a bundle that lists none: not known */
			r->then = &r->b.inputs;
		/* the manifest has it beside its list */
		const cJSON *ev = cJSON_GetObjectItemCaseSensitive(r->b.manifest, "engine_version");
		r->then_engine = cJSON_IsString(ev) ? ev->valuestring : r->b.inputs.engine_version;
		r->where = "in the bundle";
		r->log = path_join(r->tmp, "build.log");
		return EXIT_OK;
	}
	if (!(r->tmp = rebuild_tmpdir("reproduce", &r->d)))
		return EXIT_IO;
	r->src = path_join(r->tmp, "src");
	r->log = path_join(r->tmp, "build.log");
	r->where = "in the build compared with";
	if (checkout_copy(r->o.dir, r->spec, r->src, r->commit, &r->d) < 0)
		return EXIT_PROBLEMS;
	if (!r->then_pdf && (r->here = rebuild_project_pdf(r->o.dir, &r->d))) {
		/* compare with the project's PDF if it was built from this commit */
		struct pdf_stamp ps;
		if (pdf_stamp_read(r->here, &ps) == 0 && !strcmp(ps.commit, r->commit) &&
		    !strcmp(ps.state, "clean")) {
			r->then_pdf = r->here;
			memcpy(r->engine, ps.engine, sizeof ps.engine);
		}
	}
	return EXIT_OK;
}

/* The inputs of the rebuild, and how they differ from then's. */
static void explain(struct run *r)
{
	struct project p;
	struct diag q;
	diag_init(&q, NULL);
	if (project_load(&p, r->src, &q) == 0 &&
	    texin_from_build(&r->now_in, p.root, p.output, p.jobname, &q) == 0) {
		texin_packages(&r->now_in);
		r->have_now = true;
	} else {
		diag_at(&r->d, D_REPRODUCE_INPUTS_UNKNOWN, r->src, 0, 0,
		        q.n ? q.recs[0].msg : "the rebuild's project cannot be read");
	}
	project_free(&p);
	diag_free(&q);
	if (r->then && r->have_now)
		r->nchanges = texin_diff(r->then, &r->now_in, &r->changes);
	if (r->then && !r->then_engine)
		r->then_engine = r->then->engine_version;
}

static int result_status(const struct run *r)
{
	switch (r->c.result) {
	case PDFCMP_IDENTICAL:
		return EXIT_OK;
	case PDFCMP_SAME_TEXT:
		return EXIT_SAME_TEXT;
	default:
		return EXIT_DIFFERENT;
	}
}

/* "page 3 (2)", or "page 3 (2 in the PDF, 3 rebuilt)" when the labels
 * differ, or "page 13 (only rebuilt)". */
static void print_page_head(const struct pdfcmp_page *p)
{
	if (!p->label_now)
		printf("page %zu (%s): only in the PDF examined\n", p->index, p->label_then);
	else if (!p->label_then)
		printf("page %zu (%s): only in the rebuild\n", p->index, p->label_now);
	else if (strcmp(p->label_then, p->label_now))
		printf("page %zu (%s in the PDF examined, %s rebuilt):\n", p->index,
		       p->label_then, p->label_now);
	else
		printf("page %zu (%s):\n", p->index, p->label_then);
}

static void print_text(const struct run *r)
{
	const struct pdfcmp *c = &r->c;
	const char *name = r->what == W_BUNDLE ? r->arg : r->then_pdf;
	if (c->result == PDFCMP_IDENTICAL) {
		printf("identical: %s (commit %.12s) sha256 %s\n", name, r->commit, c->sha_now);
		return;
	}
	if (c->result == PDFCMP_SAME_TEXT)
		printf("same text: %s (commit %.12s): the rebuild has the same text on all %zu "
		       "pages, but other bytes\n", name, r->commit, c->pages_now);
	else if (c->pages_then != c->pages_now)
		printf("different: %s (commit %.12s): %zu pages, the rebuild has %zu; "
		       "%zu page%s differ%s\n", name, r->commit, c->pages_then, c->pages_now,
		       c->npages, c->npages == 1 ? "" : "s", c->npages == 1 ? "s" : "");
	else
		printf("different: %s (commit %.12s): the text of %zu of %zu pages differs\n",
		       name, r->commit, c->npages, c->pages_now);
	printf("  sha256 %s (the PDF examined)\n  sha256 %s (the rebuild)\n", c->sha_then,
	       c->sha_now);
	if (c->nids_only) {
		struct pdf_stamp ps;
		if (pdf_stamp_read(r->then_pdf, &ps) < 0)
			ps.commit[0] = 0;
		printf("%zu of them differ only in the data version they show (the PDF examined "
		       "is of commit %.12s, the rebuild of %.12s)%s\n", c->nids_only,
		       ps.commit[0] ? ps.commit : "(none)", r->commit,
		       c->nids_only == c->npages ? "; no other page differs" : "");
	}
	size_t shown = 0, rest = 0;
	for (size_t i = 0; i < c->npages; i++) {
		if (c->pages[i].ids_only)
			continue;
		if (shown++ >= SHOW_PAGES) {
			rest++;
			continue;
		}
		print_page_head(&c->pages[i]);
		const char *s = c->pages[i].diff;
		while (*s) {
			size_t n = strcspn(s, "\n");
			printf("  %.*s\n", (int)n, s);
			s += n + (s[n] == '\n');
		}
	}
	if (rest)
		printf("... and %zu more pages (--json lists them all)\n", rest);
	if (!r->then || !r->have_now)
		printf("the TeX inputs: not compared (those of %s are not known)\n",
		       r->then ? "the rebuild" : "the PDF examined");
	else if (!r->nchanges)
		printf("the TeX inputs: the same files, with the same SHA-256, as %s\n", r->where);
	else {
		printf("the TeX inputs that differ (%zu):\n", r->nchanges);
		for (size_t i = 0; i < r->nchanges && i < SHOW_INPUTS; i++) {
			fputs("  ", stdout);
			texin_print_change(stdout, &r->changes[i], r->where);
		}
		if (r->nchanges > SHOW_INPUTS)
			printf("  ... and %zu more (--json lists them all)\n",
			       r->nchanges - SHOW_INPUTS);
	}
	if (r->then_engine && r->have_now && r->now_in.engine_version &&
	    strcmp(r->then_engine, r->now_in.engine_version)) {
		char *a = diag_escape(r->now_in.engine_version, strlen(r->now_in.engine_version));
		char *b = diag_escape(r->then_engine, strlen(r->then_engine));
		printf("the TeX engine: %s here, %s %s\n", a, b, r->where);
		free(a);
		free(b);
	}
	if (r->bundle_open && r->b.sitat_version && strcmp(r->b.sitat_version, SITAT_VERSION)) {
		char *v = diag_escape(r->b.sitat_version, strlen(r->b.sitat_version));
		printf("sitat: %s here, %s made the bundle\n", SITAT_VERSION, v);
		free(v);
	}
	printf("the rebuilt PDF: %s\n", r->built);
}

static cJSON *str_or_null(const char *s)
{
	return s ? cJSON_CreateString(s) : cJSON_CreateNull();
}

static cJSON *page_json(const struct pdfcmp_page *p)
{
	cJSON *o = cJSON_CreateObject();
	cJSON_AddNumberToObject(o, "index", (double)p->index);
	cJSON_AddItemToObject(o, "label_then", str_or_null(p->label_then));
	cJSON_AddItemToObject(o, "label_now", str_or_null(p->label_now));
	cJSON_AddBoolToObject(o, "ids_only", p->ids_only);
	cJSON *lines = cJSON_AddArrayToObject(o, "diff");
	const char *s = p->diff;
	while (*s) {
		size_t n = strcspn(s, "\n");
		char *l = xstrndup(s, n);
		cJSON_AddItemToArray(lines, cJSON_CreateString(l));
		free(l);
		s += n + (s[n] == '\n');
	}
	return o;
}

static void print_json(const struct run *r, int status)
{
	cJSON *o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "result", r->result);
	cJSON_AddNumberToObject(o, "exit", status);
	cJSON_AddStringToObject(o, "what", what_name[r->what]);
	cJSON_AddItemToObject(o, "file", str_or_null(r->what == W_COMMIT ? NULL : r->arg));
	cJSON_AddItemToObject(o, "commit", str_or_null(r->commit[0] ? r->commit : NULL));
	if (r->compared) {
		const struct pdfcmp *c = &r->c;
		cJSON *pdf = cJSON_AddObjectToObject(o, "pdf");
		cJSON_AddStringToObject(pdf, "file", r->then_pdf);
		cJSON_AddStringToObject(pdf, "sha256", c->sha_then);
		if (c->result != PDFCMP_IDENTICAL)
			cJSON_AddNumberToObject(pdf, "pages", (double)c->pages_then);
		cJSON *now = cJSON_AddObjectToObject(o, "rebuilt");
		cJSON_AddItemToObject(now, "file", str_or_null(r->keep ? r->built : NULL));
		cJSON_AddStringToObject(now, "sha256", c->sha_now);
		if (c->result != PDFCMP_IDENTICAL)
			cJSON_AddNumberToObject(now, "pages", (double)c->pages_now);
		cJSON *pages = cJSON_AddArrayToObject(o, "pages");
		for (size_t i = 0; i < c->npages; i++)
			cJSON_AddItemToArray(pages, page_json(&c->pages[i]));
		if (c->result != PDFCMP_IDENTICAL && r->then && r->have_now) {
			cJSON *in = cJSON_AddArrayToObject(o, "inputs");
			for (size_t i = 0; i < r->nchanges; i++)
				cJSON_AddItemToArray(in, texin_change_json(&r->changes[i]));
			cJSON *e = cJSON_AddObjectToObject(o, "engine_version");
			cJSON_AddItemToObject(e, "then", str_or_null(r->then_engine));
			cJSON_AddItemToObject(e, "now", str_or_null(r->now_in.engine_version));
		} else if (c->result != PDFCMP_IDENTICAL) {
			cJSON_AddNullToObject(o, "inputs");
		}
	} else if (r->built) {
		cJSON *now = cJSON_AddObjectToObject(o, "rebuilt");
		cJSON_AddNullToObject(now, "file");
		char h[65];
		cJSON_AddItemToObject(now, "sha256",
		                      str_or_null(sha256_file(r->built, h) == 0 ? h : NULL));
	}
	if (r->bundle_open)
		cJSON_AddItemToObject(o, "bundle_sitat_version", str_or_null(r->b.sitat_version));
	cJSON_AddItemToObject(o, "kept", str_or_null(r->keep ? r->tmp : NULL));
	cJSON_AddItemToObject(o, "log", str_or_null(r->keep ? r->log : NULL));
	cJSON_AddItemToObject(o, "problems", diag_json(&r->d));
	cmd_print_json(o);
}

/* Build the checkout and compare.  Returns the exit status. */
static int rebuild_and_compare(struct run *r)
{
	if (!r->o.json)
		fprintf(stderr, "sitat reproduce: building %.12s in %s (log: %s)\n", r->commit,
		        r->src, r->log);
	int m = rebuild_run(r->src, r->engine, r->log);
	if (m == 0 && !(r->built = rebuild_project_pdf(r->src, &r->d)))
		m = -1;
	if (m != 0) {
		diag_at(&r->d, D_REPRODUCE_BUILD, r->src, 0, 0, m, r->log);
		r->keep = true;
		return EXIT_PROBLEMS;
	}
	if (!r->then_pdf) {
		char h[65];
		if (sha256_file(r->built, h) < 0) {
			diag_at(&r->d, D_IO, r->built, 0, 0, strerror(errno));
			return EXIT_IO;
		}
		r->result = "built";
		if (!r->o.json)
			printf("built %.12s: sha256 %s (no PDF of this commit to compare with: "
			       "name one, or build it first)\n", r->commit, h);
		return EXIT_OK;
	}
	if (pdfcmp_files(r->then_pdf, r->built, &r->c, &r->d) < 0)
		return EXIT_PROBLEMS;
	r->compared = true;
	static const char *const words[] = {"identical", "same text", "different"};
	r->result = words[r->c.result];
	if (r->c.result != PDFCMP_IDENTICAL) {
		r->keep = true; /* the rebuilt PDF stays, to be looked at */
		if (r->what != W_BUNDLE)
			inputs_of_project_build(r);
		explain(r);
	}
	if (!r->o.json)
		print_text(r);
	return result_status(r);
}

int cmd_reproduce(int argc, char **argv)
{
	struct run r = {.o = {.dir = "."}, .result = "could not check"};
	int status = cmd_parse(&argc, argv, &r.o);
	if (status != CMD_RUN)
		return status;
	diag_init(&r.d, r.o.json ? NULL : stderr);
	r.arg = argc > 1 ? argv[1] : "HEAD";
	r.keep = r.o.keep;
	if ((status = what_to_build(&r)) == EXIT_OK && (status = prepare(&r)) == EXIT_OK)
		status = rebuild_and_compare(&r);
	if (r.o.json)
		print_json(&r, status);
	else if (r.keep && r.tmp)
		fprintf(stderr, "sitat reproduce: kept %s\n", r.tmp);
	if (r.bundle_open)
		bundle_close(&r.b, r.keep);
	else if (r.tmp && !r.keep)
		rebuild_rm_tree(r.tmp);
	pdfcmp_free(&r.c);
	free(r.changes);
	texin_list_free(&r.then_in);
	texin_list_free(&r.now_in);
	free(r.tmp);
	free(r.src);
	free(r.log);
	free(r.here);
	free(r.built);
	diag_free(&r.d);
	return status;
}

