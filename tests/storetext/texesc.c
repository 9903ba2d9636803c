/* texesc.c - the escaper as a filter, for tests/storetext: standard input
 * through tex_outn (TEX_TEXT, or the context named by the argument: text,
 * doc, bib, val) to standard output. */
#include <stdio.h>
#include <string.h>

#include "latex/texout.h"

int main(int argc, char **argv)
{
	enum tex_ctx ctx = TEX_TEXT;
	if (argc > 1 && !strcmp(argv[1], "doc"))
		ctx = TEX_DOC;
	else if (argc > 1 && !strcmp(argv[1], "bib"))
		ctx = TEX_BIB;
	else if (argc > 1 && !strcmp(argv[1], "val"))
		ctx = TEX_VAL;
	struct buf in, out;
	buf_init(&in), buf_init(&out);
	char tmp[65536];
	size_t n;
	while ((n = fread(tmp, 1, sizeof tmp, stdin)) > 0)
		buf_add(&in, tmp, n);
	tex_outn(&out, ctx, in.data ? in.data : "", in.len);
	fwrite(out.data ? out.data : "", 1, out.len, stdout);
	buf_free(&in), buf_free(&out);
	return ferror(stdout) ? 3 : 0;
}
