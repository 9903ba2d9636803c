/* cmd_reanchor.c - sitat reanchor (placeholder until issue 11's reanchor lands). */
#include "cmd/cmd.h"

struct reanchor_opts {
	bool unused;
};
const struct opt reanchor_options[] = {OPT_END};

int cmd_reanchor(int argc, char **argv)
{
	struct reanchor_opts o = {0};
	int st = cmd_parse(&argc, argv, &o);
	if (st != CMD_RUN)
		return st;
	return opt_usage_error("reanchor", "not built yet");
}
