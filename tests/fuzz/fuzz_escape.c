/* fuzz_escape.c - libFuzzer target: the LaTeX escaper on any bytes.  The
 * output must keep braces balanced and never contain a character TeX
 * treats specially outside the escapes the escaper writes. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "latex/texout.h"
#include "core/util.h"

static void check(const char *s, size_t n)
{
	long depth = 0;
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		if (c == '\\') {
			/* a control word, or \{ \} \$ \& \# \_ \% \- */
			if (i + 1 < n && strchr("{}$&#_%-", s[i + 1])) {
				i++;
				continue;
			}
			while (i + 1 < n && ((s[i + 1] >= 'a' && s[i + 1] <= 'z') ||
			                     (s[i + 1] >= 'A' && s[i + 1] <= 'Z')))
				i++;
			continue;
		}
		if (c == '{')
			depth++;
		else if (c == '}' && --depth < 0)
			abort();
		else if (c == '%' || c == '#' || c == '$' || c == '&' || c == '_' ||
		         c == '^' || c == '"' || c == '\'' || c == '`' || c == '\n')
			abort();
		else if (c == '-' && i + 1 < n && s[i + 1] == '-')
			abort();
	}
	if (depth != 0)
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t n)
{
	static const enum tex_ctx ctx[] = {TEX_TEXT, TEX_BIB, TEX_ID, TEX_KEY, TEX_URL};
	for (size_t k = 0; k < sizeof ctx / sizeof ctx[0]; k++) {
		struct buf b;
		buf_init(&b);
		tex_outn(&b, ctx[k], (const char *)data, n);
		if (ctx[k] != TEX_URL && ctx[k] != TEX_KEY) /* never typeset */
			check(b.data ? b.data : "", b.len);
		buf_free(&b);
	}
	return 0;
}
