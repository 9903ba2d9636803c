/* cmd_import.c - sitat import FILE.qdpx|FILE.qdc: a REFI-QDA project
 * (NVivo, ATLAS.ti, MAXQDA, QualCoder, qc, Taguette...) or codebook into
 * the evidence store (issue 12; docs/import.md).  The file is read by
 * io/refi.h, the unit of its positions decided (import_unit.c), its codes,
 * sources and selections mapped into the store in memory (import_map.c,
 * import_src.c, import_text.c, import_side.c; import.h joins them), and
 * every changed file written through cmd/storeedit.h: checked in memory
 * first, nothing written on any error, --dry-run shows the diff.  The
 * report (stdout; --json) says per file the unit and its evidence, per
 * source what was read and what changed. */
#include "cmd/cmd.h"
#include "cmd/import.h"
#include "core/json.h"
#include "core/wrap.h"

#include <cjson/cJSON.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

const struct opt import_options[] = {
	OPT_STORE(struct import_opts, store),
	OPT_STRING("kind", 0, struct import_opts, kind, "KIND",
	           "what the file's sources are: interview or document (default: interview)"),
	OPT_STRING("documents", 0, struct import_opts, documents, "GLOB",
	           "sources whose name matches GLOB are documents"),
	OPT_STRING("interviews", 0, struct import_opts, interviews, "GLOB",
	           "sources whose name matches GLOB are interviews"),
	OPT_STRING("kind-variable", 0, struct import_opts, kind_variable, "NAME",
	           "a case or source variable whose value (interview or document) gives the kind"),
	OPT_LIST("rq", 0, struct import_opts, rq, "CODE=rq1,rq2",
	         "the research questions of a code (id or name) and its sub-codes (repeatable)"),
	OPT_PATH("rq-file", 0, struct import_opts, rq_file, "FILE",
	         "lines CODE=rq1,rq2 (# starts a comment), as --rq"),
	OPT_STRING("unit", 0, struct import_opts, unit, "UNIT",
	           "read positions as UNIT: codepoint or utf16, with +crlf1 and +bom (default: detected)"),
	OPT_LIST("speaker", 0, struct import_opts, speaker, "LABEL=INT|INF|-",
	         "interviews: map a speaker label to INT or INF (- : not a speaker) (repeatable)"),
	OPT_STRING("width", 0, struct import_opts, width, "N",
	           "interviews: wrap lines to N code points (default: 76)"),
	OPT_FLAG("force", 'f', struct import_opts, force,
	         "remove segments the file no longer has even when the thesis cites them"),
	OPT_FLAG("accept", 0, struct import_opts, accept,
	         "take the new text of a segment the thesis cites whose range now covers other text"),
	OPT_FLAG("json", 0, struct import_opts, json, "the report as JSON"),
	OPT_DRYRUN(struct import_opts, dry_run),
	OPT_QUIET(struct import_opts, quiet, "print only problems"),
	OPT_END,
};

static int parse_opts(struct imp *m)
{
	const struct import_opts *o = m->o;
	if (o->kind && strcmp(o->kind, "interview") && strcmp(o->kind, "document"))
		return opt_usage_error("import", "--kind '%s': interview or document", o->kind);
	if (o->unit) {
		if (refiunit_parse(o->unit, &m->unit) < 0)
			return opt_usage_error("import", "--unit '%s': codepoint or utf16, with +crlf1 and/or +bom "
			                                 "(e.g. utf16, codepoint+crlf1)", o->unit);
		m->forced = true;
	}
	m->width = WRAP_WIDTH;
	if (o->width) {
		char *end;
		errno = 0;
		unsigned long w = strtoul(o->width, &end, 10);
		if (*o->width < '1' || *o->width > '9' || *end || errno || w < 20 || w > 1000)
			return opt_usage_error("import", "--width '%s': give a number from 20 to 1000", o->width);
		m->width = (size_t)w;
	}
	m->spk = xcalloc(o->speaker.n + 1, sizeof *m->spk);
	for (size_t i = 0; i < o->speaker.n; i++) {
		const char *v = o->speaker.v[i], *eq = strrchr(v, '=');
		if (!eq || eq == v || (strcmp(eq + 1, "INT") && strcmp(eq + 1, "INF") && strcmp(eq + 1, "-")))
			return opt_usage_error("import", "--speaker '%s': give LABEL=INT, LABEL=INF or LABEL=-", v);
		m->spk[m->nspk].label = imp_keep(m, xstrndup(v, (size_t)(eq - v)));
		m->spk[m->nspk++].to = eq + 1;
	}
	return EXIT_OK;
}

/* ---- the report --------------------------------------------------------------- */

static const char *kind_name(enum source_kind k)
{
	return k == SRC_INTERVIEW ? "interview" : "document";
}

static void counts_text(const char *indent, const struct imp_counts *n)
{
	printf("%ssegments: %zu added, %zu removed, %zu recoded, %zu moved, %zu changed, %zu unchanged\n",
	       indent, n->added, n->removed, n->recoded, n->moved, n->changed, n->unchanged);
}

static void report_text(const struct imp *m)
{
	const struct refi_project *p = m->p;
	const char *w = m->o->dry_run ? "would import" : "imported";
	char *f = diag_escape(p->file, strlen(p->file));
	char *org = p->origin ? diag_escape(p->origin, strlen(p->origin)) : xstrdup("none");
	printf("%s %s (origin: %s)\n", w, f, org);
	free(f), free(org);
	if (!m->codebook_only) {
		printf("  unit: %s (%s)", refiunit_name(&m->unit), m->forced ? "--unit" : "detected");
		if (m->nev == 1) /* the texts cannot tell the readings apart */
			printf(": every reading gives the same positions (no character outside the BMP, "
			       "no CRLF, no BOM): %zu fit, %zu on word boundaries", m->ev[0].fit,
			       m->ev[0].words);
		for (size_t i = 0; i < m->nev && i < 3 && m->nev > 1; i++)
			printf("%s%s: %zu fit, %zu on word boundaries", i ? "; " : ": ", m->ev[i].same,
			       m->ev[i].fit, m->ev[i].words);
		printf("\n");
	}
	if (m->project_written)
		printf("  project.json from the file's sitat.json\n");
	for (size_t i = 0; i < m->nsrc; i++) {
		const struct imp_src *x = &m->src[i];
		const struct refi_source *r = &p->sources[x->refi];
		char *nm = r->name ? diag_escape(r->name, strlen(r->name)) : xstrdup("(no name)");
		printf("  source '%s' -> %s %s%s: %zu selection%s, %zu range%s after merging", nm,
		       kind_name(x->kind), x->id ? x->id : "?", x->existing ? " (in the store)" : "",
		       x->selections, x->selections == 1 ? "" : "s", x->ranges, x->ranges == 1 ? "" : "s");
		free(nm);
		if (x->skipped_empty || x->skipped_uncoded)
			printf(", skipped %zu empty and %zu without a code", x->skipped_empty, x->skipped_uncoded);
		printf("\n");
		counts_text("    ", &x->n);
		struct buf b;
		buf_init(&b);
		if (x->bom)
			buf_printf(&b, ", removed a byte order mark");
		if (x->crlf)
			buf_printf(&b, ", converted %zu CRLF or CR line end%s to LF", x->crlf, x->crlf == 1 ? "" : "s");
		if (x->nfc)
			buf_printf(&b, ", composed %zu character%s to NFC", x->nfc, x->nfc == 1 ? "" : "s");
		if (x->mapped)
			buf_printf(&b, ", mapped %zu speaker label%s to INT/INF", x->mapped, x->mapped == 1 ? "" : "s");
		if (x->wrapped)
			buf_printf(&b, ", wrapped %zu line%s at %zu code points", x->wrapped, x->wrapped == 1 ? "" : "s",
			           m->width);
		if (b.len)
			printf("    text: %s\n", b.data + 2);
		buf_free(&b);
	}
	if (p->nother)
		printf("  %zu source%s not text, not imported\n", p->nother, p->nother == 1 ? "" : "s");
	printf("  codes: %zu added, %zu updated, %zu without a research question\n", m->codes_added,
	       m->codes_updated, m->codes_unmapped);
	if (!m->codebook_only)
		counts_text("  ", &m->seg);
}

static void num(cJSON *o, const char *k, size_t v)
{
	cJSON_AddNumberToObject(o, k, (double)v);
}

static void counts_json(cJSON *o, const struct imp_counts *n)
{
	num(o, "added", n->added);
	num(o, "removed", n->removed);
	num(o, "recoded", n->recoded);
	num(o, "moved", n->moved);
	num(o, "changed", n->changed);
	num(o, "unchanged", n->unchanged);
}

static void report_json(const struct imp *m)
{
	const struct refi_project *p = m->p;
	cJSON *o = cJSON_CreateObject();
	char *f = diag_escape(p->file, strlen(p->file));
	cJSON_AddStringToObject(o, "file", f);
	free(f);
	if (p->origin) {
		char *org = diag_escape(p->origin, strlen(p->origin));
		cJSON_AddStringToObject(o, "origin", org);
		free(org);
	} else {
		cJSON_AddNullToObject(o, "origin");
	}
	if (m->codebook_only)
		cJSON_AddNullToObject(o, "unit");
	else
		cJSON_AddStringToObject(o, "unit", refiunit_name(&m->unit));
	cJSON_AddBoolToObject(o, "forced", m->forced);
	cJSON *ev = cJSON_AddArrayToObject(o, "evidence");
	for (size_t i = 0; i < m->nev; i++) {
		cJSON *x = cJSON_CreateObject();
		cJSON_AddStringToObject(x, "unit", refiunit_name(&m->ev[i].unit));
		cJSON_AddStringToObject(x, "same", m->ev[i].same);
		num(x, "fit", m->ev[i].fit);
		num(x, "words", m->ev[i].words);
		cJSON_AddItemToArray(ev, x);
	}
	cJSON *srcs = cJSON_AddArrayToObject(o, "sources");
	for (size_t i = 0; i < m->nsrc; i++) {
		const struct imp_src *x = &m->src[i];
		const struct refi_source *r = &p->sources[x->refi];
		cJSON *j = cJSON_CreateObject();
		if (r->name) {
			char *nm = diag_escape(r->name, strlen(r->name));
			cJSON_AddStringToObject(j, "name", nm);
			free(nm);
		} else {
			cJSON_AddNullToObject(j, "name");
		}
		cJSON_AddStringToObject(j, "guid", r->guid);
		cJSON_AddStringToObject(j, "id", x->id ? x->id : "");
		cJSON_AddStringToObject(j, "kind", kind_name(x->kind));
		cJSON_AddBoolToObject(j, "existing", x->existing);
		num(j, "selections", x->selections);
		num(j, "ranges", x->ranges);
		num(j, "skipped_empty", x->skipped_empty);
		num(j, "skipped_uncoded", x->skipped_uncoded);
		counts_json(j, &x->n);
		cJSON *sk = cJSON_AddArrayToObject(j, "skipped");
		for (size_t k = 0; k < x->nskips; k++) {
			cJSON *y = cJSON_CreateObject();
			cJSON_AddStringToObject(y, "guid", x->skips[k].guid);
			num(y, "line", x->skips[k].line);
			cJSON_AddStringToObject(y, "reason", x->skips[k].why);
			cJSON_AddItemToArray(sk, y);
		}
		cJSON_AddItemToArray(srcs, j);
	}
	num(o, "other_sources", p->nother);
	cJSON *c = cJSON_AddObjectToObject(o, "codes");
	num(c, "added", m->codes_added);
	num(c, "updated", m->codes_updated);
	num(c, "unmapped", m->codes_unmapped);
	counts_json(cJSON_AddObjectToObject(o, "segments"), &m->seg);
	cJSON_AddBoolToObject(o, "project", m->project_written);
	cJSON_AddBoolToObject(o, "dry_run", m->o->dry_run);
	cJSON_AddItemToObject(o, "problems", diag_json(m->d));
	cmd_print_json(o);
}

/* ---- the flow ----------------------------------------------------------------- */

void imp_free(struct imp *m)
{
	for (size_t i = 0; i < m->nsrc; i++) {
		free(m->src[i].id), free(m->src[i].text), free(m->src[i].pos), free(m->src[i].skips);
	}
	free(m->src);
	for (size_t i = 0; i < m->nrqm; i++)
		free(m->rqm[i].code), free(m->rqm[i].rqs);
	free(m->rqm);
	free(m->spk);
	free(m->codemap);
	side_free(&m->sc);
	hmap_free(&m->given);
	for (size_t i = 0; i < m->nowned; i++)
		free(m->owned[i]);
	free(m->owned);
}

/* sedit_finish; with --json and --dry-run the diff is not shown (standard
 * output holds the JSON report alone). */
static int finish(struct sedit *e, struct coding *c, const struct import_opts *o)
{
	int saved = -1;
	if (o->json && o->dry_run) {
		fflush(stdout);
		int null = open("/dev/null", O_WRONLY);
		saved = null >= 0 ? dup(STDOUT_FILENO) : -1;
		if (saved >= 0)
			dup2(null, STDOUT_FILENO);
		if (null >= 0)
			close(null);
	}
	int st = sedit_finish(e, &c->old, o->dry_run, o->quiet || o->json, &c->d);
	if (saved >= 0) {
		fflush(stdout);
		dup2(saved, STDOUT_FILENO);
		close(saved);
	}
	return st;
}

int cmd_import(int argc, char **argv)
{
	struct import_opts o = {0};
	int st = cmd_parse(&argc, argv, &o);
	if (st != CMD_RUN)
		return st;
	struct imp m = {.o = &o};
	struct coding c;
	struct refi_project p;
	struct sedit e;
	bool have_p = false, have_e = false, have_c = false;
	char *xmlfile = NULL;
	memset(&p, 0, sizeof p);
	hmap_init(&m.given);
	side_read(&m.sc, &p, NULL); /* empty: side_free works on every path */
	if ((st = parse_opts(&m)) != EXIT_OK)
		goto out;
	have_c = true;
	if ((st = coding_open(&c, "import", o.store)) != EXIT_OK)
		goto out;
	m.c = &c;
	m.d = &c.d;
	const char *file = argv[1];
	m.codebook_only = str_ends_with(file, ".qdc") || str_ends_with(file, ".QDC");
	if (sedit_blocking_errors(&c.old)) {
		/* sedit_finish would refuse; say so before reading the file */
		sedit_init(&e, c.s.root);
		st = sedit_finish(&e, &c.old, true, true, &c.d);
		st = EXIT_PROBLEMS;
		goto out;
	}
	FILE *probe = fopen(file, "rb");
	if (!probe) {
		diag_at(&c.d, D_IO, file, 0, 0, strerror(errno));
		st = EXIT_IO;
		goto out;
	}
	fclose(probe);
	have_p = true;
	if (refi_read(&p, file, m.codebook_only, &c.d) < 0) {
		st = EXIT_PROBLEMS;
		goto out;
	}
	m.p = &p;
	xmlfile = p.xml_entry ? xasprintf("%s:%s", p.file, p.xml_entry) : xstrdup(p.file);
	m.xmlfile = xmlfile;
	side_free(&m.sc);
	if (side_read(&m.sc, &p, &c.d) < 0) {
		st = EXIT_PROBLEMS;
		goto out;
	}
	sedit_init(&e, c.s.root);
	have_e = true;
	if (imp_project(&m, &e) < 0) {
		st = EXIT_PROBLEMS;
		goto out;
	}
	if ((st = imp_rq_parse(&m)) != EXIT_OK)
		goto out;
	if (!m.codebook_only && imp_unit(&m) < 0) {
		st = EXIT_PROBLEMS;
		goto out;
	}
	int r = imp_codes(&m, &e);
	if (r == -2) {
		st = EXIT_USAGE;
		goto out;
	}
	if (r < 0) {
		st = EXIT_PROBLEMS;
		goto out;
	}
	/* after an error of the unit too: the selections off their text are named */
	if ((!m.codebook_only && imp_sources(&m, &e) < 0) || c.d.errors) {
		if (m.badsels > 20)
			diag_at(&c.d, D_IMPORT_SEL_MORE, xmlfile, 0, 0, m.badsels - 20);
		st = EXIT_PROBLEMS;
		goto out;
	}
	if (p.nother)
		diag_at(&c.d, D_IMPORT_OTHER, xmlfile, 0, 0, p.nother, p.nother == 1 ? "" : "s",
		        p.nother == 1 ? "is" : "are");
	have_e = false;
	sedit_base(&e, &c.s);
	st = finish(&e, &c, &o);
	if (st == EXIT_OK && o.json)
		report_json(&m);
	else if (st == EXIT_OK && !o.quiet)
		report_text(&m);
out:
	if (have_e)
		sedit_free(&e);
	if (have_p)
		refi_free(&p);
	imp_free(&m);
	free(xmlfile);
	if (have_c)
		coding_close(&c);
	opt_list_free(&o.rq);
	opt_list_free(&o.speaker);
	return st;
}
