/* cmd_trace.c - sitat trace ID: for a quote, where it is used in the
 * thesis and where it comes from; for a claim, its quotes, informants and
 * sources. */
#include "audit/audit.h"
#include "cmd/cmd.h"

#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* "lines 12-14" / "page 3" of a segment; caller frees. */
static char *locator(const struct store *s, const struct segment *g)
{
	const struct source *src = &s->sources[g->src];
	if (!g->anchored)
		return xstrdup("anchor does not match the source");
	if (src->kind == SRC_DOCUMENT && g->page_from != NONE) {
		if (g->page_from == g->page_to)
			return xasprintf("page %s", src->pages[g->page_from].label);
		return xasprintf("pages %s-%s", src->pages[g->page_from].label,
		                 src->pages[g->page_to].label);
	}
	if (g->line_from == g->line_to)
		return xasprintf("line %zu", g->line_from);
	return xasprintf("lines %zu-%zu", g->line_from, g->line_to);
}

static cJSON *seg_json(const struct store *s, const struct segment *g)
{
	const struct source *src = &s->sources[g->src];
	cJSON *o = cJSON_CreateObject();
	char *loc = locator(s, g);
	cJSON_AddStringToObject(o, "id", g->id);
	cJSON_AddStringToObject(o, "source", src->id);
	cJSON_AddStringToObject(o, "kind", src->kind == SRC_INTERVIEW ? "interview" : "document");
	cJSON_AddStringToObject(o, "label", src->label);
	if (src->role)
		cJSON_AddStringToObject(o, "role", src->role);
	cJSON_AddStringToObject(o, "locator", loc);
	cJSON_AddBoolToObject(o, "anchored", g->anchored);
	cJSON *codes = cJSON_AddArrayToObject(o, "codes");
	for (size_t k = 0; k < g->ncodes; k++)
		cJSON_AddItemToArray(codes, cJSON_CreateString(s->codes[g->codes[k]].id));
	cJSON_AddStringToObject(o, "text", g->exact);
	if (g->memo)
		cJSON_AddStringToObject(o, "memo", g->memo);
	free(loc);
	return o;
}

static cJSON *use_json(const struct rec_use *u)
{
	cJSON *o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "page", u->page);
	cJSON_AddStringToObject(o, "kind", u->kind);
	if (u->claim)
		cJSON_AddStringToObject(o, "claim", u->claim);
	else
		cJSON_AddNullToObject(o, "claim");
	char *at = xasprintf("%s:%zu", u->file, u->line);
	cJSON_AddStringToObject(o, "at", at);
	free(at);
	return o;
}

static void print_seg(const struct store *s, const struct segment *g)
{
	const struct source *src = &s->sources[g->src];
	char *loc = locator(s, g);
	printf("%s  %s%s%s%s, source %s, %s\n", g->id, src->label,
	       src->role ? " (" : "", src->role ? src->role : "", src->role ? ")" : "",
	       src->id, loc);
	printf("  codes:");
	for (size_t k = 0; k < g->ncodes; k++)
		printf("%s %s (%s)", k ? "," : "", s->codes[g->codes[k]].name,
		       s->codes[g->codes[k]].id);
	printf("\n");
	free(loc);
}

static int trace_quote(const struct store *s, const struct record *r,
                       size_t gi, bool json)
{
	const struct segment *g = &s->segs[gi];
	if (json) {
		cJSON *o = cJSON_CreateObject();
		cJSON_AddStringToObject(o, "type", "quote");
		cJSON_AddItemToObject(o, "quote", seg_json(s, g));
		cJSON *uses = cJSON_AddArrayToObject(o, "used");
		for (size_t i = 0; i < r->nuses; i++)
			if (!strcmp(r->uses[i].qid, g->id))
				cJSON_AddItemToArray(uses, use_json(&r->uses[i]));
		cmd_print_json(o);
		return EXIT_OK;
	}
	print_seg(s, g);
	/* the quote on one line: its line and page breaks as spaces */
	printf("  text: \"");
	for (const char *p = g->exact; *p; p++)
		putchar(*p == '\n' || *p == '\f' ? ' ' : *p);
	printf("\"\n");
	if (g->memo)
		printf("  memo: %s\n", g->memo);
	size_t n = 0;
	for (size_t i = 0; i < r->nuses; i++) {
		const struct rec_use *u = &r->uses[i];
		if (strcmp(u->qid, g->id))
			continue;
		if (!n++)
			printf("  used in the thesis:\n");
		printf("    page %s, %s, %s%s%s (%s:%zu)\n", u->page, u->kind,
		       u->claim ? "claim " : "outside any claim", u->claim ? u->claim : "",
		       "", u->file, u->line);
	}
	if (!n)
		printf("  not used in the thesis\n");
	return EXIT_OK;
}

/* A claim as JSON: its quotes, informants and sources (or, when the audit
 * skipped it, the uses the record shows). */
static void claim_json(const struct store *s, const struct record *r,
                       const struct audit_claim *ac, const struct rec_claim *c)
{
	cJSON *o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "type", "claim");
	cJSON_AddStringToObject(o, "id", c->id);
	if (c->rq)
		cJSON_AddStringToObject(o, "rq", c->rq);
	cJSON_AddStringToObject(o, "page", c->page);
	char *at = xasprintf("%s:%zu", c->file, c->line);
	cJSON_AddStringToObject(o, "at", at);
	free(at);
	cJSON *qs = cJSON_AddArrayToObject(o, "quotes");
	cJSON *inf = cJSON_AddArrayToObject(o, "informants");
	cJSON *srcs = cJSON_AddArrayToObject(o, "sources");
	if (!ac) {
		cJSON *raw = cJSON_AddArrayToObject(o, "uses");
		for (size_t i = 0; i < r->nuses; i++)
			if (r->uses[i].claim && !strcmp(r->uses[i].claim, c->id)) {
				cJSON *u = use_json(&r->uses[i]);
				cJSON_AddStringToObject(u, "quote", r->uses[i].qid);
				cJSON_AddItemToArray(raw, u);
			}
		cJSON_AddBoolToObject(o, "audited", false);
	}
	for (size_t k = 0; ac && k < ac->nsegs; k++) {
		const struct segment *g = &s->segs[ac->segs[k]];
		cJSON *q = seg_json(s, g);
		cJSON_AddItemToObject(q, "use", use_json(&r->uses[ac->use[k]]));
		cJSON_AddItemToArray(qs, q);
		bool seen = false;
		for (size_t m = 0; m < k && !seen; m++)
			seen = s->segs[ac->segs[m]].src == g->src;
		if (!seen) {
			cJSON_AddItemToArray(srcs, cJSON_CreateString(s->sources[g->src].id));
			if (s->sources[g->src].kind == SRC_INTERVIEW)
				cJSON_AddItemToArray(inf, cJSON_CreateString(s->sources[g->src].id));
		}
	}
	cmd_print_json(o);
}

static int trace_claim(const struct store *s, const struct record *r,
                       const struct audit *a, size_t ci, bool json)
{
	const struct audit_claim *ac = NULL;
	for (size_t i = 0; i < a->nclaims; i++)
		if (a->claims[i].rec == ci)
			ac = &a->claims[i];
	const struct rec_claim *c = &r->claims[ci];
	if (json) {
		claim_json(s, r, ac, c);
		return EXIT_OK;
	}
	printf("claim %s%s%s, page %s (%s:%zu)\n", c->id, c->rq ? ", " : "",
	       c->rq ? c->rq : "", c->page, c->file, c->line);
	if (!ac) {
		/* the audit skipped this claim (a bad or duplicate id): show
		 * what the record says it cites */
		printf("  not audited (invalid or duplicate claim id); the record "
		       "shows:\n");
		for (size_t i = 0; i < r->nuses; i++)
			if (r->uses[i].claim && !strcmp(r->uses[i].claim, c->id))
				printf("    %-8s page %s, %s (%s:%zu)\n", r->uses[i].qid,
				       r->uses[i].page, r->uses[i].kind, r->uses[i].file,
				       r->uses[i].line);
		return EXIT_OK;
	}
	if (!ac->nsegs) {
		printf("  no supporting quote\n");
		return EXIT_OK;
	}
	printf("  %zu quote%s from %zu informant%s and %zu document%s:\n", ac->nsegs,
	       ac->nsegs == 1 ? "" : "s", ac->informants, ac->informants == 1 ? "" : "s",
	       ac->documents, ac->documents == 1 ? "" : "s");
	for (size_t k = 0; k < ac->nsegs; k++) {
		const struct segment *g = &s->segs[ac->segs[k]];
		const struct source *src = &s->sources[g->src];
		char *loc = locator(s, g);
		printf("    %-8s %s%s%s%s, %s; page %s, %s\n", g->id, src->label,
		       src->role ? " (" : "", src->role ? src->role : "",
		       src->role ? ")" : "", loc, r->uses[ac->use[k]].page,
		       r->uses[ac->use[k]].kind);
		free(loc);
	}
	return EXIT_OK;
}

struct trace_opts {
	const char *store, *record, *texdir;
	bool json;
};

const struct opt trace_options[] = {
	OPT_STORE(struct trace_opts, store),
	OPT_RECORD(struct trace_opts, record),
	OPT_TEXDIR(struct trace_opts, texdir),
	OPT_FLAG("json", 0, struct trace_opts, json, "print as JSON"),
	OPT_END,
};

/* Print the messages of a load that failed (the sink was silent). */
static void print_diags(const struct diag *d)
{
	for (size_t i = 0; i < d->n; i++) {
		char *m = diag_format(&d->recs[i]);
		fprintf(stderr, "%s\n", m);
		free(m);
	}
}

int cmd_trace(int argc, char **argv)
{
	struct trace_opts o = {0};
	int status = cmd_parse(&argc, argv, &o);
	if (status != CMD_RUN)
		return status;
	struct project p;
	if ((status = cmd_project("trace", &p)) != EXIT_OK) {
		project_free(&p);
		return status;
	}
	o.store = OR_DEFAULT(o.store, p.store);
	o.record = OR_DEFAULT(o.record, p.record);
	o.texdir = OR_DEFAULT(o.texdir, strcmp(p.texdir, ".") ? p.texdir : "");
	const char *store = o.store, *record = o.record, *id = argv[1];
	bool json = o.json;
	struct diag d;
	diag_init(&d, NULL);
	struct store s;
	struct record r;
	struct audit a;
	memset(&a, 0, sizeof a);
	status = EXIT_OK;
	if (store_load(&s, store, &d) < 0) {
		print_diags(&d);
		store_free(&s);
		diag_free(&d);
		project_free(&p);
		return STORE_LOAD_FAILED;
	}
	struct diag note;
	diag_init(&note, stderr);
	if (record_load(&r, record, o.texdir, &d) < 0 && !json)
		diag_at(&note, D_TRACE_NO_RECORD, record, 0, 0);
	size_t k;
	if (hmap_get(&s.segmap, id, &k)) {
		status = trace_quote(&s, &r, k, json);
	} else if (hmap_get(&r.claimmap, id, &k)) {
		audit_run(&a, &s, &r, &d);
		status = trace_claim(&s, &r, &a, k, json);
	} else {
		diag_at(&note, D_TRACE_UNKNOWN, store, 0, 0, id, record);
		status = EXIT_PROBLEMS;
	}
	audit_free(&a);
	record_free(&r);
	store_free(&s);
	diag_free(&note);
	diag_free(&d);
	project_free(&p);
	return status;
}
