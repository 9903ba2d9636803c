/* cmd_tables.c - sitat tables: a table per research question and the
 * code x source matrix. */
#include "cmd/cmd.h"
#include "latex/writers.h"

#include <stdlib.h>
#include <string.h>

int cmd_tables(int argc, char **argv)
{
	return gen_main("tables", argc, argv, "thesis/generated/tables.tex", tables_write);
}
