/* gen.c - what the generator commands share: options, loading, writing. */
#define _DEFAULT_SOURCE
#include "cmd/cmd.h"
#include "core/outfile.h"
#include "latex/texout.h"

#include <errno.h>
#include <stdarg.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int cmd_usage_error(const char *cmd, const char *fmt, ...)
{
	va_list ap;
	fprintf(stderr, "sitat %s: ", cmd);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\nTry 'sitat help %s'.\n", cmd);
	return EXIT_USAGE;
}

int gen_parse(const char *cmd, int argc, char **argv, struct gen_opts *o)
{
	o->store = "evidence";
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		if (!strcmp(a, "--store") || !strcmp(a, "-o")) {
			if (i + 1 >= argc) {
				cmd_usage_error(cmd, "option '%s' needs an argument", a);
				return -1;
			}
			if (!strcmp(a, "--store"))
				o->store = argv[++i];
			else
				o->out = argv[++i];
		} else if (!strncmp(a, "--store=", 8)) {
			o->store = a + 8;
		} else if (!strcmp(a, "-q") || !strcmp(a, "--quiet")) {
			o->quiet = true;
		} else {
			cmd_usage_error(cmd, "unknown argument '%s'", a);
			return -1;
		}
	}
	return 0;
}

int gen_load(const char *cmd, const struct gen_opts *o, struct store *s)
{
	struct diag d;
	diag_init(&d, stderr);
	int r = store_load(s, o->store, &d);
	int status = EXIT_OK;
	if (r < 0) {
		status = EXIT_USAGE;
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

/* Directory part of path ("." when there is none); caller frees. */
static char *dir_of(const char *path)
{
	const char *slash = strrchr(path, '/');
	if (!slash)
		return xstrdup(".");
	if (slash == path)
		return xstrdup("/");
	return xstrndup(path, (size_t)(slash - path));
}

static bool inside(const char *dir, const char *root)
{
	char rd[PATH_MAX], rr[PATH_MAX];
	if (!realpath(dir, rd) || !realpath(root, rr))
		return false;
	size_t n = strlen(rr);
	return strncmp(rd, rr, n) == 0 && (rd[n] == '\0' || rd[n] == '/');
}

int gen_write(const char *cmd, const struct gen_opts *o, struct buf *b)
{
	char *dir = dir_of(o->out);
	struct stat st;
	if (stat(dir, &st) < 0 && mkdir(dir, 0755) < 0 && errno != EEXIST) {
		fprintf(stderr, "sitat %s: cannot create %s: %s\n", cmd, dir,
		        strerror(errno));
		free(dir);
		return EXIT_USAGE;
	}
	if (inside(dir, o->store)) {
		fprintf(stderr, "sitat %s: refusing to write %s inside the evidence "
		        "store %s\n", cmd, o->out, o->store);
		free(dir);
		return EXIT_USAGE;
	}
	free(dir);
	int r = write_if_changed(o->out, b->data ? b->data : "", b->len);
	if (r < 0)
		return EXIT_USAGE;
	if (!o->quiet)
		fprintf(stderr, "sitat %s: %s %s\n", cmd, o->out,
		        r ? "written" : "unchanged");
	return EXIT_OK;
}

int gen_main(const char *cmd, int argc, char **argv, const char *default_out,
             void (*write)(struct buf *, const struct store *))
{
	struct gen_opts o = {.out = default_out};
	if (gen_parse(cmd, argc, argv, &o) < 0)
		return EXIT_USAGE;
	struct store s;
	int st = gen_load(cmd, &o, &s);
	if (st != EXIT_OK)
		return st;
	struct buf b;
	buf_init(&b);
	write(&b, &s);
	st = gen_write(cmd, &o, &b);
	buf_free(&b);
	store_free(&s);
	return st;
}
