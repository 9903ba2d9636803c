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
#include <sys/stat.h>

struct audit_opts {
	const char *store, *record, *texdir, *out, *pdf;
	bool json, quiet, no_tex;
};

const struct opt audit_options[] = {
	OPT_STORE(struct audit_opts, store),
	OPT_RECORD(struct audit_opts, record),
	OPT_TEXDIR(struct audit_opts, texdir),
	OPT_OUTPUT(struct audit_opts, out,
	           "the appendix, - for standard output (default: audit.tex in the project's generated directory)"),
	OPT_PATH("pdf", 0, struct audit_opts, pdf, "FILE",
	         "the PDF the record must not be older than (default: the project's, "
	         "or the record's JOB.pdf)"),
	OPT_FLAG("no-tex", 0, struct audit_opts, no_tex, "do not write the appendix"),
	OPT_FLAG("json", 0, struct audit_opts, json,
	         "print counts and problems as one JSON object"),
	OPT_QUIET(struct audit_opts, quiet, "no summary line"),
	OPT_END,
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
	cmd_print_json(o);
}

/* Is the use record one LaTeX finished (its "end" line) and not older
 * than the PDF?  The PDF is pdf when given (by --pdf or the project),
 * else the record's sibling JOB.pdf.  LaTeX closes the record a moment
 * before it finishes the PDF: a record up to RECORD_SLACK seconds older
 * is the same run's.  false after the error. */
#define RECORD_SLACK 10
static bool record_complete(const struct record *r, const char *record,
                            const char *pdf, bool pdf_given, struct diag *d)
{
	char *sibling = NULL;
	if (!pdf_given && str_ends_with(record, ".sitat")) {
		sibling = xstrndup(record, strlen(record) - 6);
		char *tmp = xasprintf("%s.pdf", sibling);
		free(sibling);
		sibling = tmp;
		pdf = sibling;
	} else if (!pdf_given) {
		pdf = NULL;
	}
	struct stat rs, ps;
	bool ok = true;
	if (!r->complete && r->nclaims == 0 && r->nuses == 0) {
		diag_at(d, D_RECORD_INCOMPLETE, record, 0, 0, "it is empty");
		ok = false;
	} else if (!r->complete) {
		diag_at(d, D_RECORD_INCOMPLETE, record, 0, 0,
		        "it stops before its last line, 'end'");
		ok = false;
	} else if (pdf && stat(record, &rs) == 0 && stat(pdf, &ps) == 0 &&
	           rs.st_mtime + RECORD_SLACK < ps.st_mtime) {
		char *why = xasprintf("it is older than the PDF %s", pdf);
		diag_at(d, D_RECORD_INCOMPLETE, record, 0, 0, why);
		free(why);
		ok = false;
	}
	free(sibling);
	return ok;
}

static void print_incomplete(const struct diag *d)
{
	cJSON *o = cJSON_CreateObject();
	cJSON_AddBoolToObject(o, "complete", false);
	cJSON_AddNumberToObject(o, "errors", (double)d->errors);
	cJSON_AddNumberToObject(o, "warnings", (double)d->warnings);
	cJSON_AddItemToObject(o, "problems", diag_json(d));
	cmd_print_json(o);
}

int cmd_audit(int argc, char **argv)
{
	struct audit_opts o = {0};
	int status = cmd_parse(&argc, argv, &o);
	if (status != CMD_RUN)
		return status;
	struct project p;
	char *dflt_out = NULL;
	if ((status = cmd_project("audit", &p)) != EXIT_OK)
		goto early;
	dflt_out = path_join(p.generated, "audit.tex");
	o.store = OR_DEFAULT(o.store, p.store);
	bool given_record = o.record != NULL;
	o.record = OR_DEFAULT(o.record, p.record);
	o.texdir = OR_DEFAULT(o.texdir, strcmp(p.texdir, ".") ? p.texdir : "");
	o.out = OR_DEFAULT(o.out, dflt_out);
	if (!o.no_tex && (status = gen_check_out(o.store, o.out)) != EXIT_OK)
		goto early;
	struct diag d;
	diag_init(&d, stderr);
	struct store s;
	struct record r;
	struct audit a;
	status = EXIT_OK;
	memset(&a, 0, sizeof a);
	memset(&r, 0, sizeof r);
	if (store_load(&s, o.store, &d) < 0) {
		status = STORE_LOAD_FAILED;
		goto out;
	}
	if (record_load(&r, o.record, o.texdir, &d) < 0) {
		diag_at(&d, D_RECORD_MISSING, o.record, 0, 0, strerror(errno));
		status = EXIT_IO;
		goto out;
	}
	if (!record_complete(&r, o.record, o.pdf ? o.pdf : p.pdf, o.pdf || !given_record, &d)) {
		if (o.json)
			print_incomplete(&d);
		status = EXIT_PROBLEMS; /* the appendix is left as it was */
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
		status = gen_write("audit", o.store, o.out, true, &b);
		buf_free(&b);
	}
	if (status == EXIT_OK && d.errors)
		status = EXIT_PROBLEMS;
out:
	audit_free(&a);
	record_free(&r);
	store_free(&s);
	diag_free(&d);
early:
	free(dflt_out);
	project_free(&p);
	return status;
}
