/* fuzz_uses.c - libFuzzer target: the scan of thesis sources for cited
 * ids (cmd/uses.c, uses_scan_text; compiled into the target, as the cmd
 * layer has no archive).  Oracles, for every use found:
 *   - its line and column are a place in the input, and the input there
 *     is a backslash and the macro's name (\begin for a claim);
 *   - the line before that column holds no unescaped %: nothing in a
 *     comment is a use;
 *   - the id holds no space, TAB or line break (sitat.sty removes them). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd/uses.c"
#include "fuzz.h"

FUZZ_ORACLE static void check_use(const char *s, size_t n, const struct use *u)
{
	/* the start of line u->line */
	size_t b = 0, line = 1;
	while (line < u->line) {
		const char *q = memchr(s + b, '\n', n - b);
		if (!q)
			fuzz_fail("use of %s at line %zu: the input has %zu lines", u->id, u->line, line);
		b = (size_t)(q - s) + 1;
		line++;
	}
	/* column u->col, in code points (lead bytes) */
	size_t i = b, col = 1;
	while (col < u->col && i < n && s[i] != '\n') {
		i++;
		while (i < n && ((unsigned char)s[i] & 0xC0) == 0x80)
			i++;
		col++;
	}
	if (col != u->col || i >= n || s[i] != '\\')
		fuzz_fail("use of %s at %zu:%zu: no backslash there", u->id, u->line, u->col);
	const char *m = !strncmp(u->macro, "\\begin", 6) ? "\\begin" : u->macro;
	size_t ml = strlen(m);
	if (n - i < ml || memcmp(s + i, m, ml))
		fuzz_fail("use of %s at %zu:%zu: not %s there", u->id, u->line, u->col, m);
	for (size_t k = b; k < i; k++) {
		if (s[k] == '\\') {
			k++;
			continue;
		}
		if (s[k] == '%')
			fuzz_fail("use of %s at %zu:%zu is in a comment", u->id, u->line, u->col);
	}
	fuzz_assert(!strpbrk(u->id, " \t\n"));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = fuzz_str(data, size);
	struct uses u = {0};
	uses_scan_text(&u, "t.tex", s, size);
	for (size_t i = 0; i < u.n; i++) {
		fuzz_assert(!strcmp(u.v[i].file, "t.tex"));
		check_use(s, size, &u.v[i]);
	}
	uses_free(&u);
	free(s);
	return 0;
}
