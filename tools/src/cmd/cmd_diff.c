/* cmd_diff.c - sitat diff A [B]: what changed in the evidence between two
 * data versions (commits or tags through libgit2, or A and the working
 * tree), which claims and thesis pages use a changed quote (from the use
 * records of both builds), as text, --json, or a LaTeX appendix. */
#include "cmd/cmd.h"
#include "cmd/diff.h"
#include "cmd/rebuild.h"
#include "cmd/stampin.h"
#include "core/infile.h"
#include "core/outfile.h"
#include "prov/checkout.h"
#include "prov/pdfstamp.h"
#include "prov/repo.h"
#include "prov/treefiles.h"

#include <cjson/cJSON.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

struct diff_opts {
	bool json, quiet, no_build;
	const char *latex, *output, *store, *repo;
};

const struct opt diff_options[] = {
	OPT_FLAG("json", 0, struct diff_opts, json, "print the changes as JSON"),
	OPT_PATH("latex", 0, struct diff_opts, latex, "FILE",
	         "write the LaTeX appendix \"Changes to the evidence since version A\" to FILE"),
	OPT_PATH("output", 'o', struct diff_opts, output, "FILE", "the same as --latex FILE"),
	OPT_FLAG("no-build", 0, struct diff_opts, no_build,
	         "never build a version to get its use record (its claims and pages stay unknown)"),
	OPT_STORE(struct diff_opts, store),
	OPT_QUIET(struct diff_opts, quiet, "with --latex: no text report, only the file"),
	OPT_END,
};

/* One version: its store and its use record. */
struct version {
	const char *spec;       /* NULL: the working tree */
	struct treefiles tf;
	struct store s;
	bool loaded;
	char *label;            /* "v1 (1a2b3c4)" or "the working tree" */
	struct record rec;
	bool has_rec;
	char *rec_file;
	const char *rec_how;
	int build_failed;       /* exit status of a failed build, or 0 */
};

/* ---- loading a version's store ---- */

static int load_version(struct version *v, const struct project *p, const char *store)
{
	struct diag d, quiet;
	diag_init(&d, stderr);
	diag_init(&quiet, NULL);
	int st = EXIT_OK;
	char *root = NULL;
	if (v->spec) {
		int r = treefiles_read(&v->tf, ".", v->spec, store, &d);
		if (r < 0) {
			st = r == -4 ? EXIT_IO : EXIT_USAGE;
			goto out;
		}
		root = xasprintf("%s:%s", v->spec, store);
		struct storeio io = {.root = root, .files = v->tf.files, .nfiles = v->tf.n,
		                     .quick_anchors = true};
		if (store_load_io(&v->s, &io, &quiet) < 0) {
			diag_at(&d, D_DIFF_NO_STORE, ".", 0, 0, v->spec, store);
			st = EXIT_USAGE;
			goto out;
		}
		v->label = xasprintf("%s (%.7s)", v->spec, v->tf.rev.commit);
	} else {
		if (store_load(&v->s, store, &quiet) < 0) {
			diag_at(&d, D_DIFF_NO_STORE, store, 0, 0, "the working tree", store);
			st = EXIT_USAGE;
			goto out;
		}
		v->label = xstrdup("the working tree");
	}
	v->loaded = true;
	if (quiet.errors)
		diag_at(&d, D_DIFF_STORE_ERRORS, v->spec ? root : store, 0, 0, v->label, quiet.errors);
out:
	(void)p;
	free(root);
	diag_free(&quiet);
	diag_free(&d);
	return st;
}

/* ---- the use record of a version ---- */

static bool use_record(struct version *v, const char *file, const char *how,
                       const struct project *p)
{
	struct diag quiet;
	diag_init(&quiet, NULL);
	struct record r;
	memset(&r, 0, sizeof r);
	bool ok = record_load(&r, file, p->texdir, &quiet) == 0 && r.complete;
	diag_free(&quiet);
	if (!ok) {
		record_free(&r);
		return false;
	}
	v->rec = r;
	v->has_rec = true;
	v->rec_file = xstrdup(file);
	v->rec_how = how;
	return true;
}

/* The project's build (OUTPUT/JOBNAME.pdf) is of the working tree: its
 * stamp has the commit and every area's version the working tree has now. */
static bool pdf_of_worktree(const struct project *p, const struct pdf_stamp *ps)
{
	struct stamp st;
	struct diag quiet;
	diag_init(&quiet, NULL);
	bool same = stamp_project(&st, p, ".", NULL, &quiet) == 0 &&
	            !strcmp(st.commit, ps->commit);
	for (int a = 0; same && a < STAMP_AREAS; a++) {
		char tmp[42];
		same = !strcmp(stamp_area_version(&st, a, tmp), ps->area[a]);
	}
	stamp_free(&st);
	diag_free(&quiet);
	return same;
}

/* Save a record of a clean build of commit as OUTPUT/records/COMMIT.sitat
 * (what sitat build keeps too); quietly nothing on failure. */
static void keep_record(const struct project *p, const char *commit, const char *file)
{
	char *data;
	size_t len;
	if (read_file(file, &data, &len) < 0)
		return;
	char *dir = path_join(p->output, "records");
	char *name = xasprintf("%s.sitat", commit), *dst = path_join(dir, name);
	struct diag quiet;
	diag_init(&quiet, NULL);
	if (mkdir(p->output, 0755) == 0 || errno == EEXIST)
		if (mkdir(dir, 0755) == 0 || errno == EEXIST)
			out_write(dst, p->store, data, len, &quiet);
	diag_free(&quiet);
	free(dst), free(name), free(dir), free(data);
}

/* Build commit in a temporary checkout and take its record. */
static void build_commit(struct version *v, const struct project *p, struct diag *d)
{
	char *tmp = rebuild_tmpdir("diff", d);
	if (!tmp)
		return;
	char *src = path_join(tmp, "src"), *log = path_join(tmp, "build.log");
	char commit[41];
	if (!v->spec || checkout_copy(".", v->tf.rev.commit, src, commit, d) < 0)
		goto out;
	if (!p->file) {
		diag_at(d, D_DIFF_NO_RECORD, "sitat diff", 0, 0, v->label, "no project file (sitat.json) to build it with");
		goto out;
	}
	/* the project file's place in the checkout: the same, relative to the
	 * work tree */
	char *wd = treefiles_workdir(".");
	char *prel = wd ? path_below(wd, p->root) : NULL;
	char *proot = prel ? path_join(src, prel) : xstrdup(src);
	free(prel), free(wd);
	fprintf(stderr, "sitat diff: building %s in a temporary checkout for its use record\n", v->label);
	int st = rebuild_run(proot, "", log);
	struct diag quiet;
	diag_init(&quiet, NULL);
	char *outdir = rebuild_project_output(proot, &quiet);
	diag_free(&quiet);
	char *name = xasprintf("%s.sitat", p->jobname);
	char *rec = outdir ? path_join(outdir, name) : NULL;
	if (rec && access(rec, R_OK) == 0 &&
	    use_record(v, rec, "built now in a temporary checkout", p)) {
		keep_record(p, v->tf.rev.commit, rec);
		/* the temporary directory goes: point at the kept copy */
		free(v->rec_file);
		char *rdir = path_join(p->output, "records"), *cn = xasprintf("%s.sitat", v->tf.rev.commit);
		v->rec_file = path_join(rdir, cn);
		free(rdir), free(cn);
	} else {
		/* keep the log: it says why */
		char *kept = xasprintf("%s/diff-build-%.7s.log", p->output, v->tf.rev.commit);
		char *data;
		size_t len;
		if (read_file(log, &data, &len) == 0) {
			struct diag q2;
			diag_init(&q2, NULL);
			if (mkdir(p->output, 0755) == 0 || errno == EEXIST)
				out_write(kept, p->store, data, len, &q2);
			diag_free(&q2);
			free(data);
		}
		v->build_failed = st ? st : 1;
		diag_at(d, D_DIFF_BUILD_FAILED, "sitat diff", 0, 0, v->label, st, kept);
		free(kept);
	}
	free(rec), free(name), free(outdir);
	free(proot);
out:
	rebuild_rm_tree(tmp);
	free(src), free(log), free(tmp);
}

static void find_record(struct version *v, const struct project *p, bool no_build,
                        struct diag *d)
{
	struct pdf_stamp ps;
	bool have_pdf = pdf_stamp_read(p->pdf, &ps) == 0;
	if (v->spec) {
		const char *c = v->tf.rev.commit;
		char *rdir = path_join(p->output, "records"), *cn = xasprintf("%s.sitat", c);
		char *kept = path_join(rdir, cn);
		bool ok = false;
		if (have_pdf && !strcmp(ps.state, "clean") && !strcmp(ps.commit, c)) {
			/* named by its copy in records/: the project's record may be
			 * rewritten by a build of the other side */
			keep_record(p, c, p->record);
			const char *how = "the project's build, a clean build of this commit";
			ok = (access(kept, R_OK) == 0 && use_record(v, kept, how, p)) ||
			     use_record(v, p->record, how, p);
		}
		ok = ok || (access(kept, R_OK) == 0 &&
		            use_record(v, kept, "kept from an earlier clean build of this commit", p));
		free(kept), free(cn), free(rdir);
		if (ok)
			return;
		if (no_build) {
			diag_at(d, D_DIFF_NO_RECORD, "sitat diff", 0, 0, v->label,
			        "no clean build of it was kept, and --no-build");
			return;
		}
		build_commit(v, p, d);
		return;
	}
	if (have_pdf && pdf_of_worktree(p, &ps) &&
	    use_record(v, p->record, "the project's build, of the working tree as it is", p))
		return;
	if (no_build) {
		diag_at(d, D_DIFF_NO_RECORD, "sitat diff", 0, 0, v->label,
		        "the project's build is not of the working tree as it is, and --no-build");
		return;
	}
	fprintf(stderr, "sitat diff: building the working tree (sitat build --draft) for its use record\n");
	char *log = xasprintf("%s/diff-build-worktree.log", p->output);
	mkdir(p->output, 0755);
	int st = rebuild_run(p->root, "", log);
	/* a build that failed may leave the record of an earlier one */
	if (st == 0 && use_record(v, p->record, "built now with sitat build --draft", p)) {
		free(log);
		return;
	}
	v->build_failed = st ? st : 1;
	diag_at(d, D_DIFF_BUILD_FAILED, "sitat diff", 0, 0, v->label, st, log);
	free(log);
}

static void version_free(struct version *v)
{
	if (v->loaded)
		store_free(&v->s);
	if (v->has_rec)
		record_free(&v->rec);
	treefiles_free(&v->tf);
	free(v->label);
	free(v->rec_file);
}

/* ---- text output ---- */

/* A quote for the terminal: white space runs made one space, at most 60
 * code points (then "..."), control characters escaped. */
static char *short_quote(const char *s)
{
	struct buf b;
	buf_init(&b);
	size_t cps = 0;
	bool space = false;
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (*p == ' ' || *p == '\n' || *p == '\t' || *p == '\f' || *p == '\r') {
			space = b.len > 0;
			continue;
		}
		if ((*p & 0xC0) != 0x80) {
			if (cps == 60) {
				buf_puts(&b, "...");
				break;
			}
			if (space)
				buf_putc(&b, ' '), cps++;
			space = false;
			cps++;
		}
		buf_putc(&b, (char)*p);
	}
	char *e = diag_escape(b.data ? b.data : "", b.len);
	buf_free(&b);
	return e;
}

static void print_esc(FILE *f, const char *s)
{
	char *e = diag_escape(s ? s : "", s ? strlen(s) : 0);
	fputs(e, f);
	free(e);
}

static const char mark[] = {'+', '-', '~'};

static void text_source(const struct diff *df, const struct diff_change *c)
{
	const struct store *s = c->b != NONE ? df->B : df->A;
	const struct source *src = &s->sources[c->b != NONE ? c->b : c->a];
	printf("  %c %s  %s \"", mark[c->how], src->id,
	       src->kind == SRC_INTERVIEW ? "interview" : "document");
	print_esc(stdout, src->label);
	printf("\"  %s", diff_how_name(c->how));
	if (c->how == DH_REMOVED)
		printf(" (%zu segment%s)", src->nsegs, src->nsegs == 1 ? "" : "s");
	if (c->how == DH_ADDED)
		printf(" (%zu segment%s)", src->nsegs, src->nsegs == 1 ? "" : "s");
	if (c->flags & DF_TEXT)
		printf(": text edited (+%zu -%zu lines)", c->added, c->removed);
	if (c->flags & DF_META)
		printf("%s metadata (%s)", c->flags & DF_TEXT ? ";" : ":", c->meta);
	putchar('\n');
}

static void text_segment(const struct diff *df, const struct diff_change *c)
{
	struct buf b;
	buf_init(&b);
	const struct segment *ga = c->a != NONE ? &df->A->segs[c->a] : NULL;
	const struct segment *gb = c->b != NONE ? &df->B->segs[c->b] : NULL;
	const struct segment *g = gb ? gb : ga;
	const struct store *s = gb ? df->B : df->A;
	printf("  %c %s  %s", mark[c->how], g->id, c->how == DH_CHANGED ? "" : diff_how_name(c->how));
	if (c->how != DH_CHANGED) {
		diff_codes(&b, s, g);
		printf(" [%s] ", b.data);
		b.len = 0;
		diff_locator(&b, s, g);
		char *q = short_quote(g->exact);
		printf("%s \"%s\"\n", b.data, q);
		free(q);
		buf_free(&b);
		return;
	}
	diff_flag_words(&b, c);
	printf("%s\n", b.data);
	if (c->flags & DF_RENUMBERED)
		printf("      id: %s -> %s (same guid)\n", ga->id, gb->id);
	if (c->flags & DF_QUOTE) {
		char *qa = short_quote(ga->exact), *qb = short_quote(gb->exact);
		printf("      was: \"%s\"\n      now: \"%s\"\n", qa, qb);
		free(qa), free(qb);
	}
	if (c->flags & (DF_MOVED | DF_QUOTE)) {
		b.len = 0;
		diff_locator(&b, df->A, ga);
		printf("      at: %s -> ", b.data);
		b.len = 0;
		diff_locator(&b, df->B, gb);
		printf("%s (start %zu -> %zu)\n", b.data, ga->start, gb->start);
	}
	if (c->flags & DF_RECODED) {
		b.len = 0;
		diff_codes(&b, df->A, ga);
		printf("      codes: %s -> ", b.data);
		b.len = 0;
		diff_codes(&b, df->B, gb);
		printf("%s\n", b.data);
	}
	buf_free(&b);
}

static void text_code(const struct diff *df, const struct diff_change *c)
{
	const struct code *ca = c->a != NONE ? &df->A->codes[c->a] : NULL;
	const struct code *cb = c->b != NONE ? &df->B->codes[c->b] : NULL;
	const struct code *k = cb ? cb : ca;
	printf("  %c %s  \"", mark[c->how], k->id);
	print_esc(stdout, k->name);
	printf("\"  ");
	if (c->how != DH_CHANGED) {
		printf("%s\n", diff_how_name(c->how));
		return;
	}
	struct buf b;
	buf_init(&b);
	diff_flag_words(&b, c);
	printf("%s\n", b.data);
	buf_free(&b);
	if (c->flags & DF_RENAMED)
		printf("      id: %s -> %s (%s)\n", ca->id, cb->id, c->why ? c->why : "same id");
	if (c->flags & DF_NAME) {
		printf("      name: \"");
		print_esc(stdout, ca->name);
		printf("\" -> \"");
		print_esc(stdout, cb->name);
		printf("\"\n");
	}
	if (c->flags & DF_PARENT)
		printf("      parent: %s -> %s\n", ca->parent_id ? ca->parent_id : "(top)",
		       cb->parent_id ? cb->parent_id : "(top)");
	if (c->flags & DF_RQ) {
		printf("      research questions:");
		for (size_t q = 0; q < ca->nrqs; q++)
			printf(" %s", df->A->rqs[ca->rqs[q]].id);
		printf(" ->");
		for (size_t q = 0; q < cb->nrqs; q++)
			printf(" %s", df->B->rqs[cb->rqs[q]].id);
		printf("\n");
	}
}

static void text_rq(const struct diff *df, const struct diff_change *c)
{
	const struct rq *r = c->b != NONE ? &df->B->rqs[c->b] : &df->A->rqs[c->a];
	printf("  %c %s  \"", mark[c->how], r->id);
	print_esc(stdout, r->label);
	printf("\"  %s\n", c->how == DH_CHANGED ? "label or question changed" : diff_how_name(c->how));
}

static const char *const section_title[] = {"Sources", "Segments", "Codes", "Research questions"};

static void text_report(const struct diff *df, const struct version *va, const struct version *vb)
{
	printf("sitat diff: %s -> %s\n", va->label, vb->label);
	if (!df->n)
		printf("\nNo changes to the evidence.\n");
	/* the changes are sorted by kind: a heading where the kind changes */
	for (size_t i = 0; i < df->n; i++) {
		const struct diff_change *c = &df->changes[i];
		if (!i || c->kind != df->changes[i - 1].kind)
			printf("\n%s\n", section_title[c->kind]);
		switch (c->kind) {
		case DK_SOURCE: text_source(df, c); break;
		case DK_SEGMENT: text_segment(df, c); break;
		case DK_CODE: text_code(df, c); break;
		case DK_RQ: text_rq(df, c); break;
		}
	}
	printf("\nClaims affected\n");
	if (!va->has_rec && !vb->has_rec)
		printf("  (not known: no use record of either version)\n");
	else if (!df->nclaims)
		printf("  none\n");
	for (size_t i = 0; i < df->nclaims; i++) {
		const struct diff_claim *cl = &df->claims[i];
		printf("  %s  page %s in %s, page %s in %s:", cl->id, cl->page_a ? cl->page_a : "-",
		       va->spec ? va->spec : "the working tree", cl->page_b ? cl->page_b : "-",
		       vb->spec ? vb->spec : "the working tree");
		for (size_t k = 0; k < cl->n; k++) {
			const struct diff_change *c = &df->changes[cl->changes[k]];
			struct buf b;
			buf_init(&b);
			if (c->how == DH_CHANGED)
				diff_flag_words(&b, c);
			else
				buf_puts(&b, diff_how_name(c->how));
			printf("%s %s (%s)", k ? "," : "", diff_change_id(df, c), b.data);
			buf_free(&b);
		}
		putchar('\n');
	}
	printf("\nPages using a changed quote\n");
	const struct version *vs[2] = {va, vb};
	char **pages[2] = {df->pages_a, df->pages_b};
	size_t np[2] = {df->npages_a, df->npages_b};
	for (int s = 0; s < 2; s++) {
		printf("  %s: ", vs[s]->label);
		if (!vs[s]->has_rec)
			printf("not known (no use record)");
		else if (!np[s])
			printf("none");
		for (size_t k = 0; k < np[s]; k++)
			printf("%s%s", k ? ", " : "", pages[s][k]);
		putchar('\n');
	}
	printf("\nUse records\n");
	for (int s = 0; s < 2; s++) {
		printf("  %s: ", vs[s]->label);
		if (vs[s]->has_rec)
			printf("%s (%s)\n", vs[s]->rec_file, vs[s]->rec_how);
		else
			printf("none\n");
	}
	printf("\nSummary:");
	static const char *const kinds[] = {"sources", "segments", "codes", "research questions"};
	bool any = false;
	for (int k = 0; k < 4; k++) {
		size_t a = df->count[k][DH_ADDED], r = df->count[k][DH_REMOVED], c = df->count[k][DH_CHANGED];
		if (!a && !r && !c)
			continue;
		printf("%s %s %zu added, %zu removed, %zu changed", any ? ";" : "", kinds[k], a, r, c);
		any = true;
	}
	if (!any)
		printf(" no changes");
	printf("; %zu claim%s affected\n", df->nclaims, df->nclaims == 1 ? "" : "s");
}

/* ---- JSON ---- */

static cJSON *json_seg(const struct store *s, const struct segment *g)
{
	cJSON *o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "id", g->id);
	cJSON_AddStringToObject(o, "source", s->sources[g->src].id);
	cJSON_AddNumberToObject(o, "start", (double)g->start);
	cJSON_AddNumberToObject(o, "end", (double)g->end);
	cJSON_AddStringToObject(o, "exact", g->exact);
	cJSON *codes = cJSON_AddArrayToObject(o, "codes");
	for (size_t k = 0; k < g->ncodes; k++)
		cJSON_AddItemToArray(codes, cJSON_CreateString(s->codes[g->codes[k]].id));
	struct buf b;
	buf_init(&b);
	diff_locator(&b, s, g);
	cJSON_AddStringToObject(o, "locator", b.data);
	buf_free(&b);
	return o;
}

static cJSON *json_flags(const struct diff_change *c)
{
	cJSON *a = cJSON_CreateArray();
	struct buf b;
	buf_init(&b);
	diff_flag_words(&b, c);
	for (char *p = b.data ? strtok(b.data, ",") : NULL; p; p = strtok(NULL, ","))
		cJSON_AddItemToArray(a, cJSON_CreateString(p + (*p == ' ')));
	buf_free(&b);
	return a;
}

static cJSON *json_side(const struct version *v)
{
	cJSON *o = cJSON_CreateObject();
	if (v->spec) {
		cJSON_AddStringToObject(o, "revision", v->spec);
		cJSON_AddStringToObject(o, "commit", v->tf.rev.commit);
		cJSON_AddStringToObject(o, "describe", v->tf.rev.describe);
		cJSON_AddStringToObject(o, "store_tree", v->tf.rev.tree);
	} else {
		cJSON_AddNullToObject(o, "revision");
		cJSON_AddStringToObject(o, "worktree", "the working tree");
	}
	if (v->has_rec) {
		cJSON *r = cJSON_AddObjectToObject(o, "record");
		cJSON_AddStringToObject(r, "file", v->rec_file);
		cJSON_AddStringToObject(r, "from", v->rec_how);
	} else {
		cJSON_AddNullToObject(o, "record");
	}
	return o;
}

static cJSON *json_report(const struct diff *df, const struct version *va, const struct version *vb)
{
	cJSON *j = cJSON_CreateObject();
	cJSON_AddStringToObject(j, "format", "sitat-diff/1");
	cJSON_AddItemToObject(j, "from", json_side(va));
	cJSON_AddItemToObject(j, "to", json_side(vb));
	static const char *const keys[] = {"sources", "segments", "codes", "research_questions"};
	cJSON *arr[4];
	for (int k = 0; k < 4; k++)
		arr[k] = cJSON_AddArrayToObject(j, keys[k]);
	for (size_t i = 0; i < df->n; i++) {
		const struct diff_change *c = &df->changes[i];
		cJSON *o = cJSON_CreateObject();
		cJSON_AddStringToObject(o, "id", diff_change_id(df, c));
		cJSON_AddStringToObject(o, "change", diff_how_name(c->how));
		if (c->how == DH_CHANGED)
			cJSON_AddItemToObject(o, "what", json_flags(c));
		switch (c->kind) {
		case DK_SOURCE: {
			const struct source *s = c->b != NONE ? &df->B->sources[c->b] : &df->A->sources[c->a];
			cJSON_AddStringToObject(o, "kind", s->kind == SRC_INTERVIEW ? "interview" : "document");
			cJSON_AddStringToObject(o, "label", s->label);
			if (c->flags & DF_TEXT) {
				cJSON_AddNumberToObject(o, "lines_added", (double)c->added);
				cJSON_AddNumberToObject(o, "lines_removed", (double)c->removed);
			}
			if (c->meta)
				cJSON_AddStringToObject(o, "metadata", c->meta);
			break;
		}
		case DK_SEGMENT:
			if (c->a != NONE)
				cJSON_AddItemToObject(o, "old", json_seg(df->A, &df->A->segs[c->a]));
			if (c->b != NONE)
				cJSON_AddItemToObject(o, "new", json_seg(df->B, &df->B->segs[c->b]));
			break;
		case DK_CODE: {
			if (c->a != NONE)
				cJSON_AddStringToObject(o, "old_id", df->A->codes[c->a].id);
			const struct code *k = c->b != NONE ? &df->B->codes[c->b] : &df->A->codes[c->a];
			cJSON_AddStringToObject(o, "name", k->name);
			if (c->why)
				cJSON_AddStringToObject(o, "matched_by", c->why);
			if (c->a != NONE && c->b != NONE && (c->flags & DF_NAME))
				cJSON_AddStringToObject(o, "old_name", df->A->codes[c->a].name);
			break;
		}
		case DK_RQ: {
			const struct rq *r = c->b != NONE ? &df->B->rqs[c->b] : &df->A->rqs[c->a];
			cJSON_AddStringToObject(o, "label", r->label);
			break;
		}
		}
		cJSON_AddItemToArray(arr[c->kind], o);
	}
	cJSON *claims = cJSON_AddArrayToObject(j, "claims");
	for (size_t i = 0; i < df->nclaims; i++) {
		const struct diff_claim *cl = &df->claims[i];
		cJSON *o = cJSON_CreateObject();
		cJSON_AddStringToObject(o, "id", cl->id);
		if (cl->page_a) cJSON_AddStringToObject(o, "page_from", cl->page_a);
		else cJSON_AddNullToObject(o, "page_from");
		if (cl->page_b) cJSON_AddStringToObject(o, "page_to", cl->page_b);
		else cJSON_AddNullToObject(o, "page_to");
		cJSON *qs = cJSON_AddArrayToObject(o, "quotes");
		for (size_t k = 0; k < cl->n; k++) {
			const struct diff_change *c = &df->changes[cl->changes[k]];
			cJSON *q = cJSON_CreateObject();
			cJSON_AddStringToObject(q, "id", diff_change_id(df, c));
			cJSON_AddStringToObject(q, "change", diff_how_name(c->how));
			if (c->how == DH_CHANGED)
				cJSON_AddItemToObject(q, "what", json_flags(c));
			cJSON_AddItemToArray(qs, q);
		}
		cJSON_AddItemToArray(claims, o);
	}
	cJSON *pages = cJSON_AddObjectToObject(j, "pages");
	const struct version *vs[2] = {va, vb};
	char **pv[2] = {df->pages_a, df->pages_b};
	size_t np[2] = {df->npages_a, df->npages_b};
	static const char *const pk[] = {"from", "to"};
	for (int s = 0; s < 2; s++) {
		if (!vs[s]->has_rec) {
			cJSON_AddNullToObject(pages, pk[s]);
			continue;
		}
		cJSON *a = cJSON_AddArrayToObject(pages, pk[s]);
		for (size_t k = 0; k < np[s]; k++)
			cJSON_AddItemToArray(a, cJSON_CreateString(pv[s][k]));
	}
	cJSON *sum = cJSON_AddObjectToObject(j, "summary");
	for (int k = 0; k < 4; k++) {
		cJSON *o = cJSON_AddObjectToObject(sum, keys[k]);
		for (int h = 0; h < 3; h++)
			cJSON_AddNumberToObject(o, diff_how_name(h), (double)df->count[k][h]);
	}
	cJSON_AddNumberToObject(sum, "claims", (double)df->nclaims);
	return j;
}

/* ---- the command ---- */

int cmd_diff(int argc, char **argv)
{
	struct diff_opts o = {0};
	int status = cmd_parse(&argc, argv, &o);
	if (status != CMD_RUN)
		return status;
	if (o.latex && o.output && strcmp(o.latex, o.output))
		return opt_usage_error("diff", "--latex and -o name two files: give one");
	const char *tex = o.latex ? o.latex : o.output;
	if (o.json && tex && !strcmp(tex, "-"))
		return opt_usage_error("diff", "--json and the LaTeX appendix on standard output exclude each other");
	struct project p;
	if ((status = cmd_project("diff", &p)) != EXIT_OK) {
		project_free(&p);
		return status;
	}
	const char *store = OR_DEFAULT(o.store, p.store);
	if (tex && (status = gen_check_out(store, tex)) != EXIT_OK) {
		project_free(&p);
		return status;
	}
	struct version va, vb;
	memset(&va, 0, sizeof va);
	memset(&vb, 0, sizeof vb);
	va.spec = argv[1];
	vb.spec = argc > 2 ? argv[2] : NULL;
	status = load_version(&va, &p, store);
	if (status == EXIT_OK)
		status = load_version(&vb, &p, store);
	struct diag d;
	diag_init(&d, stderr);
	if (status == EXIT_OK) {
		find_record(&va, &p, o.no_build, &d);
		find_record(&vb, &p, o.no_build, &d);
		struct diff_side sa = {va.spec, va.tf.rev.commit, va.label, va.rec_file, va.rec_how,
		                       va.has_rec ? &va.rec : NULL};
		struct diff_side sb = {vb.spec, vb.spec ? vb.tf.rev.commit : "", vb.label, vb.rec_file,
		                       vb.rec_how, vb.has_rec ? &vb.rec : NULL};
		struct diff df;
		diff_stores(&df, &va.s, &vb.s, &sa, &sb);
		if (o.json)
			cmd_print_json(json_report(&df, &va, &vb));
		else if (!(tex && o.quiet) && !(tex && !strcmp(tex, "-")))
			text_report(&df, &va, &vb);
		if (tex) {
			struct buf b;
			buf_init(&b);
			diff_tex_write(&b, &df);
			status = gen_write("diff", store, tex, o.quiet || o.json, &b);
			buf_free(&b);
		}
		diff_free(&df);
		if (status == EXIT_OK && (va.build_failed || vb.build_failed))
			status = EXIT_PROBLEMS;
	}
	diag_free(&d);
	version_free(&va);
	version_free(&vb);
	project_free(&p);
	return status;
}
