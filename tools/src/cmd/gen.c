/* gen.c - what the commands share: parsing through the dispatch table,
 * loading the store for a generator, writing an output. */
#include "cmd/cmd.h"
#include "core/outfile.h"
#include "latex/writers.h"
#include "prov/repo.h"

#include <cjson/cJSON.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int cmd_parse(int *argc, char **argv, void *o)
{
	const struct command *c = command_find(argv[0]);
	int n = opt_parse(&c->spec, *argc, argv, o);
	if (n == OPT_USAGE)
		return EXIT_USAGE;
	if (n == OPT_HELP)
		return EXIT_OK;
	*argc = n + 1;
	return CMD_RUN;
}

int cmd_project(const char *cmd, struct project *p)
{
	struct diag d;
	diag_init(&d, stderr);
	int r = project_load(p, ".", &d);
	diag_free(&d);
	if (r < 0) {
		fprintf(stderr, "sitat %s: the project file %s cannot be used (run "
		        "'sitat check')\n", cmd, p->file ? p->file : PROJECT_FILE);
		return EXIT_USAGE;
	}
	return EXIT_OK;
}

int gen_load(const char *cmd, const char *store, struct store *s)
{
	struct diag d;
	diag_init(&d, stderr);
	int r = store_load(s, store, &d);
	int status = EXIT_OK;
	if (r < 0) {
		status = STORE_LOAD_FAILED;
	} else if (d.errors) {
		fprintf(stderr, "sitat %s: %zu error%s in the store; nothing written "
		        "(run 'sitat check')\n", cmd, d.errors, d.errors == 1 ? "" : "s");
		status = EXIT_PROBLEMS;
	}
	if (status != EXIT_OK)
		store_free(s);
	diag_free(&d);
	return status;
}

static int out_status(int r)
{
	return r == OUT_REFUSED ? EXIT_USAGE : EXIT_IO;
}

int gen_check_out(const char *store, const char *out)
{
	struct diag d;
	diag_init(&d, stderr);
	int r = out_check(out, store, &d);
	diag_free(&d);
	return r < 0 ? out_status(r) : EXIT_OK;
}

/* Create the directory of out when it is missing (one level: the parent
 * must exist), after out_check said the place is allowed. */
static int make_parent(const char *out, struct diag *d)
{
	const char *slash = strrchr(out, '/');
	if (!slash || slash == out)
		return 0;
	char *dir = xstrndup(out, (size_t)(slash - out));
	struct stat st;
	int r = 0;
	if (stat(dir, &st) < 0 && mkdir(dir, 0755) < 0 && errno != EEXIST) {
		diag_at(d, D_OUT_MKDIR, dir, 0, 0, strerror(errno));
		r = -1;
	}
	free(dir);
	return r;
}

int gen_write(const char *cmd, const char *store, const char *out, bool quiet,
              const struct buf *b)
{
	struct diag d;
	diag_init(&d, stderr);
	int r = out_check(out, store, &d);
	if (r == 0 && strcmp(out, "-") && make_parent(out, &d) < 0)
		r = OUT_EIO;
	if (r == 0)
		r = out_write(out, store, b->data ? b->data : "", b->len, &d);
	diag_free(&d);
	if (r < 0)
		return out_status(r);
	if (!quiet && strcmp(out, "-"))
		fprintf(stderr, "sitat %s: %s %s\n", cmd, out, r ? "written" : "unchanged");
	return EXIT_OK;
}

void gen_store_id(struct buf *b, const char *name, const char *store)
{
	char id[41];
	if (store_content_id(store, id) == 0)
		store_id_write(b, name, id);
}

int gen_main(int argc, char **argv, const char *default_out,
             void (*write)(struct buf *, const struct store *))
{
	struct gen_opts o = {0};
	int st = cmd_parse(&argc, argv, &o);
	if (st != CMD_RUN)
		return st;
	struct project p;
	if ((st = cmd_project(argv[0], &p)) != EXIT_OK)
		goto out;
	char *dflt = path_join(p.generated, default_out);
	const char *store = OR_DEFAULT(o.store, p.store), *outf = OR_DEFAULT(o.out, dflt);
	struct store s;
	if ((st = gen_check_out(store, outf)) != EXIT_OK ||
	    (st = gen_load(argv[0], store, &s)) != EXIT_OK) {
		free(dflt);
		goto out;
	}
	struct buf b;
	buf_init(&b);
	write(&b, &s);
	gen_store_id(&b, default_out, store);
	st = gen_write(argv[0], store, outf, o.quiet, &b);
	buf_free(&b);
	store_free(&s);
	free(dflt);
out:
	project_free(&p);
	return st;
}

void cmd_print_json(struct cJSON *o)
{
	char *txt = cJSON_Print(o);
	puts(txt);
	free(txt);
	cJSON_Delete(o);
}
