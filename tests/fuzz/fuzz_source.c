/* fuzz_source.c - libFuzzer target: a source text (sources/ID.txt) as the
 * store loader reads it: text_init with TAB allowed, as an interview's text
 * and as a document's (FORM FEED allowed too: its page breaks), then the
 * position maps the anchors and locators use (code point <-> byte, line,
 * column).  Oracles, written apart from text.c: the text is accepted
 * exactly when it is UTF-8 without BOM, CR and control characters other
 * than LF and TAB (and FORM FEED in a document), and in NFC; then the
 * number of code points and lines and every map agree with a plain walk
 * over the bytes (a final LF starts no line; a form feed ends none). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/text.h"
#include "fuzz.h"

/* Step over the code point at s[i]: its line and column after it. */
FUZZ_ORACLE static void step(const unsigned char *u, size_t n, size_t *i,
                             size_t *line, size_t *col)
{
	uint32_t c;
	size_t m = fuzz_utf8(u, n, *i, &c);
	fuzz_assert(m > 0);
	if (c == '\n')
		++*line, *col = 1;
	else
		++*col;
	*i += m;
}

FUZZ_ORACLE static void check_maps(const struct text *t)
{
	const char *s = t->data;
	const unsigned char *u = (const unsigned char *)s;
	size_t n = t->len;
	/* lines: every LF ends one, a final LF starts none, at least one */
	size_t lfs = 0;
	for (size_t i = 0; i < n; i++)
		lfs += s[i] == '\n';
	size_t want_lines = lfs + (n > 0 && s[n - 1] != '\n');
	if (want_lines == 0)
		want_lines = 1;
	if (t->nlines != want_lines)
		fuzz_fail("%zu lines, want %zu", t->nlines, want_lines);
	if (t->lines[0] != 0)
		fuzz_fail("line 1 starts at byte %zu", t->lines[0]);
	for (size_t k = 1; k < t->nlines; k++)
		if (t->lines[k] <= t->lines[k - 1] || t->lines[k] > n || s[t->lines[k] - 1] != '\n')
			fuzz_fail("line %zu starts at byte %zu", k + 1, t->lines[k]);

	/* every code point of a short text, and of a long one those around
	 * the checkpoints of the map (every TEXT_CP_STEP) and a sample: its
	 * byte, back, its line and column */
	size_t cp = 0, line = 1, col = 1;
	for (size_t i = 0; i <= n; cp++) {
		size_t r = cp % TEXT_CP_STEP;
		if (t->ncp > 1024 && i < n && r > 1 && r < TEXT_CP_STEP - 1 && cp % 11) {
			step(u, n, &i, &line, &col);
			continue;
		}
		size_t b = text_cp_to_byte(t, cp);
		if (b != i)
			fuzz_fail("code point %zu at byte %zu, want %zu", cp, b, i);
		if (text_byte_to_cp(t, i) != cp)
			fuzz_fail("byte %zu is code point %zu, want %zu", i,
			          text_byte_to_cp(t, i), cp);
		/* the end of a text ending in LF belongs to the last line */
		bool past_last = i == n && n > 0 && s[n - 1] == '\n';
		size_t wl = past_last ? t->nlines : line;
		if (text_line_of(t, i) != wl)
			fuzz_fail("byte %zu on line %zu, want %zu", i, text_line_of(t, i), wl);
		/* (a column costs a walk from the line start: the first ones,
		 * the last one, and a sample of the rest of short lines) */
		bool sample = col < 3 || i == n || s[i] == '\n' || (cp % 29 == 0 && col < 300);
		if (!past_last && sample && text_col_of(t, i) != col)
			fuzz_fail("byte %zu in column %zu, want %zu", i, text_col_of(t, i), col);
		if (i == n)
			break;
		step(u, n, &i, &line, &col);
	}
	if (t->ncp != cp)
		fuzz_fail("%zu code points, want %zu", t->ncp, cp);
	if (text_cp_to_byte(t, t->ncp + 5) != n)
		fuzz_fail("a code point past the end is not at the end");
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t n)
{
	for (int doc = 0; doc < 2; doc++) {
		struct diag d;
		diag_init(&d, NULL);
		struct text t;
		/* the loader hands over the file's bytes, NUL-terminated */
		unsigned fl = TEXT_TABS | (doc ? TEXT_FORMFEED : 0);
		bool ok = text_init(&t, fuzz_str(data, n), n, "sources/I1.txt", fl, &d);
		if (ok != fuzz_valid_text_ff(t.data, n, true, doc, fuzz_is_nfc(t.data, n)))
			fuzz_fail("text_init (document %d) says %s, the oracle %s", doc,
			          ok ? "valid" : "invalid", ok ? "invalid" : "valid");
		if (ok != t.ok || ok != (d.errors == 0))
			fuzz_fail("text_init returned %d, t.ok %d, %zu errors", ok, t.ok, d.errors);
		fuzz_check_diags(&d);
		if (ok)
			check_maps(&t);
		text_free(&t);
		diag_free(&d);
	}
	return 0;
}
