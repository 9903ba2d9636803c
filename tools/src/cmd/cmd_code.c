/* cmd_code.c - sitat code, uncode, recode (placeholder until issue 11's code lands). */
#include "cmd/cmd.h"

struct code_opts {
	bool unused;
};
const struct opt code_options[] = {OPT_END};
const struct opt uncode_options[] = {OPT_END};
const struct opt recode_options[] = {OPT_END};

static int later(const char *name, int argc, char **argv)
{
	struct code_opts o = {0};
	int st = cmd_parse(&argc, argv, &o);
	if (st != CMD_RUN)
		return st;
	return opt_usage_error(name, "not built yet");
}
int cmd_code(int argc, char **argv) { return later("code", argc, argv); }
int cmd_uncode(int argc, char **argv) { return later("uncode", argc, argv); }
int cmd_recode(int argc, char **argv) { return later("recode", argc, argv); }
