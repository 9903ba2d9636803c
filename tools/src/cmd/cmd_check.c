/* cmd_check.c - sitat check: validate the store, report every problem. */
#include "cmd/cmd.h"
#include "core/json.h"

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
	char *txt = cJSON_Print(o);
	puts(txt);
	free(txt);
	cJSON_Delete(o);
}

int cmd_check(int argc, char **argv)
{
	const char *store = "evidence";
	bool json = false, quiet = false;
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--json"))
			json = true;
		else if (!strcmp(argv[i], "-q") || !strcmp(argv[i], "--quiet"))
			quiet = true;
		else if (!strcmp(argv[i], "--store") && i + 1 < argc)
			store = argv[++i];
		else if (!strncmp(argv[i], "--store=", 8))
			store = argv[i] + 8;
		else
			return cmd_usage_error("check", "unknown argument '%s'", argv[i]);
	}
	struct diag d;
	diag_init(&d, stderr);
	struct store s;
	int r = store_load(&s, store, &d);
	if (json)
		print_json(&s, &d);
	else if (!quiet && r == 0)
		printf("%s: %zu sources (%zu interviews, %zu documents), %zu codes, "
		       "%zu segments: %zu error%s, %zu warning%s\n", store,
		       s.nsources, store_count_kind(&s, SRC_INTERVIEW),
		       store_count_kind(&s, SRC_DOCUMENT), s.ncodes, s.nsegs,
		       d.errors, d.errors == 1 ? "" : "s", d.warnings,
		       d.warnings == 1 ? "" : "s");
	int status = r < 0 ? EXIT_USAGE : d.errors ? EXIT_PROBLEMS : EXIT_OK;
	store_free(&s);
	diag_free(&d);
	return status;
}
