/* cmd_audit.c - sitat audit: every claim of the thesis checked against
 * its quotes and the store; the audit appendix (audit.tex). */
#include "audit/audit.h"
#include "cmd/cmd.h"
#include "latex/writers.h"
#include "core/json.h"
#include "latex/texout.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct audit_opts {
	const char *store, *record, *texdir, *out;
	bool json, quiet, no_tex;
};

static void print_json(const struct store *s, const struct audit *a,
                       const struct diag *d)
{
	cJSON *o = cJSON_CreateObject();
	cJSON_AddNumberToObject(o, "claims", (double)a->nclaims);
	cJSON_AddNumberToObject(o, "quotes_cited", (double)a->quotes_cited);
	cJSON_AddNumberToObject(o, "informants_cited", (double)a->informants_cited);
	cJSON_AddNumberToObject(o, "documents_cited", (double)a->documents_cited);
	cJSON_AddNumberToObject(o, "errors", (double)d->errors);
	cJSON_AddNumberToObject(o, "warnings", (double)d->warnings);
	cJSON *rqs = cJSON_AddArrayToObject(o, "research_questions");
	for (size_t q = 0; q < s->nrqs; q++) {
		cJSON *x = cJSON_CreateObject();
		cJSON_AddStringToObject(x, "id", s->rqs[q].id);
		cJSON_AddNumberToObject(x, "claims", (double)a->rq_claims[q]);
		cJSON_AddNumberToObject(x, "quotes", (double)a->rq_quotes[q]);
		cJSON_AddNumberToObject(x, "informants", (double)a->rq_informants[q]);
		cJSON_AddNumberToObject(x, "documents", (double)a->rq_documents[q]);
		cJSON_AddItemToArray(rqs, x);
	}
	cJSON_AddItemToObject(o, "problems", diag_json(d));
	char *txt = cJSON_Print(o);
	puts(txt);
	free(txt);
	cJSON_Delete(o);
}

int cmd_audit(int argc, char **argv)
{
	struct audit_opts o = {.store = "evidence", .record = "build/thesis.sitat",
	                       .texdir = "thesis", .out = "thesis/generated/audit.tex"};
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		bool more = i + 1 < argc;
		if (!strcmp(a, "--json"))
			o.json = true;
		else if (!strcmp(a, "-q") || !strcmp(a, "--quiet"))
			o.quiet = true;
		else if (!strcmp(a, "--no-tex"))
			o.no_tex = true;
		else if (!strcmp(a, "--store") && more)
			o.store = argv[++i];
		else if (!strcmp(a, "--record") && more)
			o.record = argv[++i];
		else if (!strcmp(a, "--texdir") && more)
			o.texdir = argv[++i];
		else if (!strcmp(a, "-o") && more)
			o.out = argv[++i];
		else
			return cmd_usage_error("audit", "unknown argument '%s'", a);
	}
	struct diag d;
	diag_init(&d, stderr);
	struct store s;
	struct record r;
	struct audit a;
	int status = EXIT_OK;
	memset(&a, 0, sizeof a);
	memset(&r, 0, sizeof r);
	if (store_load(&s, o.store, &d) < 0) {
		status = EXIT_USAGE;
		goto out;
	}
	if (record_load(&r, o.record, o.texdir, &d) < 0) {
		fprintf(stderr, "sitat audit: %s: %s; build the thesis first (make)\n",
		        o.record, strerror(errno));
		status = EXIT_USAGE;
		goto out;
	}
	audit_run(&a, &s, &r, &d);
	if (o.json)
		print_json(&s, &a, &d);
	else if (!o.quiet)
		printf("audit: %zu claim%s, %zu quote%s cited from %zu informant%s and "
		       "%zu document%s: %zu error%s, %zu warning%s\n",
		       a.nclaims, a.nclaims == 1 ? "" : "s",
		       a.quotes_cited, a.quotes_cited == 1 ? "" : "s",
		       a.informants_cited, a.informants_cited == 1 ? "" : "s",
		       a.documents_cited, a.documents_cited == 1 ? "" : "s",
		       d.errors, d.errors == 1 ? "" : "s", d.warnings,
		       d.warnings == 1 ? "" : "s");
	if (!o.no_tex) {
		struct buf b;
		buf_init(&b);
		audit_tex_write(&b, &s, &r, &a);
		struct gen_opts g = {.store = o.store, .out = o.out, .quiet = true};
		status = gen_write("audit", &g, &b);
		buf_free(&b);
	}
	if (status == EXIT_OK && d.errors)
		status = EXIT_PROBLEMS;
out:
	audit_free(&a);
	record_free(&r);
	store_free(&s);
	diag_free(&d);
	return status;
}
