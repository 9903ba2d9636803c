/* cmd_codes.c - sitat codes (placeholder until issue 11's codes lands). */
#include "cmd/cmd.h"

struct codes_opts {
	bool unused;
};
const struct opt codes_options[] = {OPT_END};

int cmd_codes(int argc, char **argv)
{
	struct codes_opts o = {0};
	int st = cmd_parse(&argc, argv, &o);
	if (st != CMD_RUN)
		return st;
	return opt_usage_error("codes", "not built yet");
}
