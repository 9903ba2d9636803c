/* cmd_generate.c - sitat generate: load and check the store once, then
 * write everything the thesis needs (quotes.tex, tables.tex, sitat.bib).
 * The same output as the three single commands, in one pass: make uses it. */
#include "cmd/cmd.h"
#include "core/stripe.h"
#include "latex/writers.h"
#include "prov/repo.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const struct {
	const char *name;
	void (*write)(struct buf *, const struct store *);
} outputs[] = {
	{"quotes.tex", quotes_write},
	{"tables.tex", tables_write},
	{"sitat.bib", bib_write},
};
#define NOUT (sizeof outputs / sizeof outputs[0])

struct jobs {
	struct buf *b;
	const struct store *s;
	const char *id; /* the store's content id, or "" */
};

/* Make output k into b[k] (the writers only read the store), ending with
 * the store's content id. */
static void make_output(void *arg, size_t k)
{
	struct jobs *j = arg;
	outputs[k].write(&j->b[k], j->s);
	if (j->id[0])
		store_id_write(&j->b[k], outputs[k].name, j->id);
}

struct generate_opts {
	const char *store, *dir;
	bool quiet;
};

const struct opt generate_options[] = {
	OPT_STORE(struct generate_opts, store),
	OPT_PATH("dir", 'd', struct generate_opts, dir, "DIR",
	           "the output directory (default: the project's, thesis/generated)"),
	OPT_QUIET(struct generate_opts, quiet, "do not list the files written"),
	OPT_END,
};

int cmd_generate(int argc, char **argv)
{
	struct generate_opts o = {0};
	int st = cmd_parse(&argc, argv, &o);
	if (st != CMD_RUN)
		return st;
	struct project p;
	if ((st = cmd_project("generate", &p)) != EXIT_OK) {
		project_free(&p);
		return st;
	}
	st = CMD_RUN;
	o.store = OR_DEFAULT(o.store, p.store);
	const char *dir = OR_DEFAULT(o.dir, p.generated);
	for (size_t k = 0; k < NOUT && st == CMD_RUN; k++) {
		char *path = path_join(dir, outputs[k].name);
		int c = gen_check_out(o.store, path);
		st = c == EXIT_OK ? CMD_RUN : c;
		free(path);
	}
	struct store s;
	if (st != CMD_RUN || (st = gen_load("generate", o.store, &s)) != EXIT_OK) {
		project_free(&p);
		return st;
	}
	/* all outputs are made, by two threads, before any is written */
	struct buf b[NOUT];
	for (size_t k = 0; k < NOUT; k++)
		buf_init(&b[k]);
	char id[41];
	if (store_content_id(o.store, id) < 0)
		id[0] = '\0';
	struct jobs j = {b, &s, id};
	stripe_run(NOUT, make_output, &j);
	for (size_t k = 0; k < NOUT && st == EXIT_OK; k++) {
		char *path = path_join(dir, outputs[k].name);
		st = gen_write("generate", o.store, path, o.quiet, &b[k]);
		free(path);
	}
	for (size_t k = 0; k < NOUT; k++)
		buf_free(&b[k]);
	store_free(&s);
	project_free(&p);
	return st;
}
