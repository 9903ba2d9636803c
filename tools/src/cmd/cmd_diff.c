/* cmd_diff.c - placeholder of issue 13 (being written). */
#include "cmd/cmd.h"

#include <stdio.h>

struct diff_opts {
	bool unused;
};

const struct opt diff_options[] = {
	OPT_END,
};

int cmd_diff(int argc, char **argv)
{
	struct diff_opts o = {0};
	int status = cmd_parse(&argc, argv, &o);
	if (status != CMD_RUN)
		return status;
	fprintf(stderr, "sitat diff: not built yet\n");
	return EXIT_USAGE;
}
