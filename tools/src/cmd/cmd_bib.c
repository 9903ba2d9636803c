/* cmd_bib.c - sitat bib: biblatex entries for interviews and for documents
 * described in the store, so that quotes cite them like any source
 * (latex/bib.c). */
#include "cmd/cmd.h"
#include "latex/writers.h"

#define OUT "sitat.bib"
const struct opt bib_options[] = GEN_OPTIONS(OUT);

int cmd_bib(int argc, char **argv)
{
	return gen_main(argc, argv, OUT, bib_write);
}
