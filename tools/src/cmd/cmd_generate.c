/* cmd_generate.c - sitat generate: load and check the store once, then
 * write everything the thesis needs (quotes.tex, tables.tex, sitat.bib).
 * The same output as the three single commands, in one pass: make uses it. */
#include "cmd/cmd.h"
#include "latex/writers.h"

#include <pthread.h>
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

struct job {
	struct buf *b;
	const struct store *s;
};

static void *run_first(void *arg)
{
	struct job *j = arg;
	outputs[0].write(j->b, j->s);
	return NULL;
}

int cmd_generate(int argc, char **argv)
{
	const char *dir = "thesis/generated";
	struct gen_opts o = {.store = "evidence"};
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		if (!strcmp(a, "-d") && i + 1 < argc)
			dir = argv[++i];
		else if (!strcmp(a, "--store") && i + 1 < argc)
			o.store = argv[++i];
		else if (!strcmp(a, "-q") || !strcmp(a, "--quiet"))
			o.quiet = true;
		else
			return cmd_usage_error("generate", "unknown argument '%s'", a);
	}
	struct store s;
	int st = gen_load("generate", &o, &s);
	if (st != EXIT_OK)
		return st;
	/* all outputs are made before any is written; the first (the
	 * quotes, the largest) in a second thread: the writers only read s */
	struct buf b[NOUT];
	for (size_t k = 0; k < NOUT; k++)
		buf_init(&b[k]);
	struct job first = {&b[0], &s};
	pthread_t th;
	bool threaded = pthread_create(&th, NULL, run_first, &first) == 0;
	if (!threaded)
		run_first(&first);
	for (size_t k = 1; k < NOUT; k++)
		outputs[k].write(&b[k], &s);
	if (threaded)
		pthread_join(th, NULL);
	for (size_t k = 0; k < NOUT && st == EXIT_OK; k++) {
		char *path = path_join(dir, outputs[k].name);
		struct gen_opts g = o;
		g.out = path;
		st = gen_write("generate", &g, &b[k]);
		free(path);
	}
	for (size_t k = 0; k < NOUT; k++)
		buf_free(&b[k]);
	store_free(&s);
	return st;
}
