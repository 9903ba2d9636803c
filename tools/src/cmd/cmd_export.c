/* cmd_export.c - sitat export (issue 12).  Being written: see /work/plan-issue12.md. */
#include "cmd/cmd.h"

#include <stdio.h>

struct export_opts {
	const char *store;
};

const struct opt export_options[] = {
	OPT_STORE(struct export_opts, store),
	OPT_END,
};

int cmd_export(int argc, char **argv)
{
	struct export_opts o = {0};
	int st = cmd_parse(&argc, argv, &o);
	if (st != CMD_RUN)
		return st;
	fprintf(stderr, "sitat export: not built yet\n");
	return EXIT_USAGE;
}
