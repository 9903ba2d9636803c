/* cmd_quotes.c - sitat quotes: write quotes.tex (latex/quotes.c). */
#include "cmd/cmd.h"
#include "latex/writers.h"

#define OUT "quotes.tex"
const struct opt quotes_options[] = GEN_OPTIONS(OUT);

int cmd_quotes(int argc, char **argv)
{
	return gen_main(argc, argv, OUT, quotes_write);
}
