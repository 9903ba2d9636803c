/* cmd_bundle.c - placeholder of issue 13 (being written). */
#include "cmd/cmd.h"

#include <stdio.h>

struct bundle_opts {
	bool unused;
};

const struct opt bundle_options[] = {
	OPT_END,
};

int cmd_bundle(int argc, char **argv)
{
	struct bundle_opts o = {0};
	int status = cmd_parse(&argc, argv, &o);
	if (status != CMD_RUN)
		return status;
	fprintf(stderr, "sitat bundle: not built yet\n");
	return EXIT_USAGE;
}
