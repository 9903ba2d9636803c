/* cmd_check.c - sitat check: validate the project file and the store,
 * report every problem. */
#include "cmd/cmd.h"
#include "cmd/sty.h"
#include "prov/private.h"
#include "core/json.h"
#include "latex/texout.h"

#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void print_json(const struct store *s, const struct diag *d)
{
	cJSON *o = cJSON_CreateObject();
	cJSON_AddNumberToObject(o, "sources", (double)s->nsources);
	cJSON_AddNumberToObject(o, "interviews", (double)store_count_kind(s, SRC_INTERVIEW));
	cJSON_AddNumberToObject(o, "documents", (double)store_count_kind(s, SRC_DOCUMENT));
	cJSON_AddNumberToObject(o, "research_questions", (double)s->nrqs);
	cJSON_AddNumberToObject(o, "codes", (double)s->ncodes);
	cJSON_AddNumberToObject(o, "segments", (double)s->nsegs);
	cJSON_AddNumberToObject(o, "errors", (double)d->errors);
	cJSON_AddNumberToObject(o, "warnings", (double)d->warnings);
	cJSON_AddItemToObject(o, "problems", diag_json(d));
	cmd_print_json(o);
}

struct check_opts {
	const char *store;
	bool json, quiet;
};

const struct opt check_options[] = {
	OPT_STORE(struct check_opts, store),
	OPT_FLAG("json", 0, struct check_opts, json,
	         "print counts and problems as one JSON object"),
	OPT_QUIET(struct check_opts, quiet, "no summary line"),
	OPT_END,
};

#define PL(n) (n), (n) == 1 ? "" : "s"
/* "evidence: 9 sources (6 interviews, 3 documents), ...: 0 errors, ..." */
static void print_summary(const char *store, const struct store *s,
                          const struct diag *d)
{
	size_t ni = store_count_kind(s, SRC_INTERVIEW);
	size_t nd = store_count_kind(s, SRC_DOCUMENT);
	printf("%s: %zu source%s (%zu interview%s, %zu document%s), %zu code%s, "
	       "%zu segment%s: %zu error%s, %zu warning%s\n", store, PL(s->nsources),
	       PL(ni), PL(nd), PL(s->ncodes), PL(s->nsegs), PL(d->errors),
	       PL(d->warnings));
}

int cmd_check(int argc, char **argv)
{
	struct check_opts o = {0};
	int st = cmd_parse(&argc, argv, &o);
	if (st != CMD_RUN)
		return st;
	struct diag d;
	diag_init(&d, stderr);
	struct project p;
	/* the project file's problems count as the store's */
	if (project_load(&p, ".", &d) == 0 && p.file)
		sty_check_vendored(&p, &d);
	o.store = OR_DEFAULT(o.store, p.store);
	struct store s;
	int r = store_load(&s, o.store, &d);
	if (r == 0)
		private_check_ignored(o.store, &d);
	if (r == 0 && !strcmp(OR_DEFAULT(p.engine, "pdflatex"), "pdflatex"))
		tex_note_pdflatex(&s, &d);
	if (o.json)
		print_json(&s, &d);
	else if (!o.quiet && r == 0)
		print_summary(o.store, &s, &d);
	int status = r < 0 ? STORE_LOAD_FAILED : d.errors ? EXIT_PROBLEMS : EXIT_OK;
	store_free(&s);
	project_free(&p);
	diag_free(&d);
	return status;
}
