/* cmd_tables.c - sitat tables: a table per research question and the
 * code x source matrix (latex/tables.c). */
#include "cmd/cmd.h"
#include "latex/writers.h"

#define OUT "tables.tex"
const struct opt tables_options[] = GEN_OPTIONS(OUT);

int cmd_tables(int argc, char **argv)
{
	return gen_main(argc, argv, OUT, tables_write);
}
