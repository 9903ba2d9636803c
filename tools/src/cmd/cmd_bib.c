/* cmd_bib.c - sitat bib: biblatex entries for interviews and for documents
 * described in the store, so that quotes cite them like any source. */
#include "cmd/cmd.h"
#include "latex/writers.h"

#include <string.h>

int cmd_bib(int argc, char **argv)
{
	return gen_main("bib", argc, argv, "thesis/generated/sitat.bib", bib_write);
}
