/* cmd_add.c - sitat add (placeholder until issue 11's add lands). */
#include "cmd/cmd.h"

struct add_opts {
	bool unused;
};
const struct opt add_options[] = {OPT_END};

int cmd_add(int argc, char **argv)
{
	struct add_opts o = {0};
	int st = cmd_parse(&argc, argv, &o);
	if (st != CMD_RUN)
		return st;
	return opt_usage_error("add", "not built yet");
}
