/* cmd_quotes.c - sitat quotes: write quotes.tex (latex/quotes.c). */
#include "cmd/cmd.h"
#include "latex/writers.h"

#include <stdio.h>
#include <string.h>

int cmd_quotes(int argc, char **argv)
{
	return gen_main("quotes", argc, argv, "thesis/generated/quotes.tex", quotes_write);
}
