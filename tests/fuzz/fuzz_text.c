/* fuzz_text.c - libFuzzer target: the text checks JSON files and JSON
 * strings go through (core/text.c) on any bytes: text_validate with and
 * without TAB, text_check_string, raw_line_col (the JSON error position)
 * and text_show (the excerpt in a message).  Oracles, written apart from
 * text.c: a text is valid exactly when it is UTF-8 without BOM, CR and
 * control characters (TAB only when allowed) and in NFC; positions count
 * lines and code points as a plain loop does; an excerpt is printable. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/text.h"
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t n)
{
	char *s = fuzz_str(data, n);
	bool nfc = fuzz_is_nfc(s, n);
	for (int tabs = 0; tabs < 2; tabs++) {
		struct diag d;
		diag_init(&d, NULL);
		bool ok = text_validate(s, n, "fuzz.json", tabs, &d);
		if (ok != fuzz_valid_text(s, n, tabs, nfc))
			fuzz_fail("text_validate (tabs %d) says %s, the oracle %s", tabs,
			          ok ? "valid" : "invalid", ok ? "invalid" : "valid");
		if (ok != (d.errors == 0))
			fuzz_fail("text_validate returned %d with %zu errors", ok, d.errors);
		fuzz_check_diags(&d);
		for (size_t i = 0; i < d.n; i++)
			if (d.recs[i].line && (d.recs[i].line > n + 1 || d.recs[i].col > n + 1))
				fuzz_fail("position %zu:%zu outside the text", d.recs[i].line,
				          d.recs[i].col);
		diag_free(&d);
	}

	/* a JSON string: up to the first NUL, as cJSON hands it over */
	unsigned bad = 0;
	size_t sn = strlen(s);
	int r = text_check_string(s, &bad);
	bool clean = true;
	const unsigned char *u = (const unsigned char *)s;
	for (size_t i = 0; i < sn && clean;) {
		uint32_t c;
		size_t m = fuzz_utf8(u, sn, i, &c);
		/* LF, TAB and FORM FEED (a quote across a page break) */
		clean = m && !(fuzz_is_control(c) && c != '\n' && c != '\t' && c != '\f');
		i += m ? m : 1;
	}
	clean = clean && (sn == n ? nfc : fuzz_is_nfc(s, sn));
	if ((r == 0) != clean)
		fuzz_fail("text_check_string returned %d, the oracle says %s", r,
		          clean ? "clean" : "not clean");

	/* raw_line_col at 40 offsets or so (each walks from the start),
	 * against a plain count */
	size_t line = 1, col = 1, step = n / 40 + 1;
	for (size_t off = 0; off <= n; off++) {
		if (off % step == 0 || off == n) {
			size_t l, c;
			raw_line_col(s, n, off, &l, &c);
			if (l != line || c != col)
				fuzz_fail("raw_line_col(%zu) = %zu:%zu, want %zu:%zu", off, l, c,
				          line, col);
		}
		if (off < n) {
			if (s[off] == '\n')
				line++, col = 1;
			else if ((u[off] & 0xC0) != 0x80)
				col++;
		}
	}

	/* the excerpt of a message: printable, at most max code points + … */
	for (size_t max = 0; max < 80; max += 13) {
		char *shown = text_show(s, n, max);
		size_t len = strlen(shown), cps = 0;
		if (!fuzz_printable(shown, len, ""))
			fuzz_fail("text_show(max %zu) is not printable", max);
		for (size_t i = 0; i < len; i++)
			cps += (shown[i] & 0xC0) != 0x80;
		/* "\n" and "\f" show as two characters */
		if (cps > 2 * max + 1)
			fuzz_fail("text_show(max %zu) gave %zu code points", max, cps);
		free(shown);
	}
	free(s);
	return 0;
}
