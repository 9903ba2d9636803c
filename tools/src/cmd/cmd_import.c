/* cmd_import.c - sitat import (issue 12).  Being written: see /work/plan-issue12.md. */
#include "cmd/cmd.h"

#include <stdio.h>

struct import_opts {
	const char *store;
};

const struct opt import_options[] = {
	OPT_STORE(struct import_opts, store),
	OPT_END,
};

int cmd_import(int argc, char **argv)
{
	struct import_opts o = {0};
	int st = cmd_parse(&argc, argv, &o);
	if (st != CMD_RUN)
		return st;
	fprintf(stderr, "sitat import: not built yet\n");
	return EXIT_USAGE;
}
