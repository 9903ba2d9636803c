/* fuzz_leakcheck.c - libFuzzer target: the leak check (audit/leakcheck.c)
 * on any bytes.  The input is a key and a text, split at the first NUL
 * byte; the first byte of the text picks .tex or PDF mode.  An entry of
 * letters and spaces made from the input is added to the key and planted
 * in the text, between spaces.  Oracles:
 *   - lk_key_parse never shows a key entry: its only diagnostics are the
 *     two about a place in the key (invalid UTF-8, an entry too short),
 *     whose messages hold no text of the key;
 *   - the planted entry is found (at least one hit), every hit is one
 *     D_LEAK diagnostic naming the file, and every message is printable. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audit/leakcheck.h"
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t n)
{
	const char *in = (const char *)data;
	const char *nul = memchr(in, '\0', n);
	size_t klen = nul ? (size_t)(nul - in) : n;
	const char *text = nul ? nul + 1 : in + n;
	size_t tlen = nul ? n - klen - 1 : 0;
	bool pdf = tlen > 0 && (text[0] & 1);

	/* the planted entry: 3 to 12 letters (a space inside now and then),
	 * taken from the input's last bytes */
	char entry[16];
	size_t elen = 3 + (n ? data[n - 1] % 10 : 0);
	for (size_t i = 0; i < elen; i++) {
		unsigned char b = n ? data[(n - 1 - i) % n] : (unsigned char)i;
		entry[i] = (char)((b & 0x20 ? 'a' : 'A') + b % 26);
		if (i > 0 && i + 1 < elen && b % 11 == 0 && entry[i - 1] != ' ')
			entry[i] = ' ';
	}
	entry[elen] = '\0';

	char *key = xasprintf("%.*s\n%s\n", (int)klen, in, entry);
	struct diag kd;
	diag_init(&kd, NULL);
	struct lk_key k;
	lk_key_parse(&k, "key.txt", key, strlen(key), &kd);
	fuzz_check_diags(&kd);
	for (size_t i = 0; i < kd.n; i++) {
		const struct diag_rec *r = &kd.recs[i];
		if (r->id != D_KEY_UTF8 && r->id != D_KEY_SHORT)
			fuzz_fail("lk_key_parse reported '%s': %s", diag_table[r->id].name, r->msg);
		fuzz_assert(r->file && !strcmp(r->file, "key.txt") && r->line >= 1);
	}
	diag_free(&kd);

	/* the text with the entry planted between spaces, at a place chosen
	 * by the input */
	size_t at = tlen ? (size_t)data[0] * 131 % (tlen + 1) : 0;
	size_t t_len = at + 1 + elen + 1 + (tlen - at);
	char *t = xmalloc(t_len + 1);
	memcpy(t, text, at);
	t[at] = ' ';
	memcpy(t + at + 1, entry, elen);
	t[at + 1 + elen] = ' ';
	memcpy(t + at + elen + 2, text + at, tlen - at);
	t[t_len] = '\0';
	struct diag d;
	diag_init(&d, NULL);
	size_t hits = lk_scan_text(&k, "gen/quotes.tex", t, t_len, pdf, &d);
	if (hits == 0)
		fuzz_fail("the planted entry \"%s\" was not found (%s mode)", entry,
		          pdf ? "PDF" : "tex");
	fuzz_assert(d.n == hits);
	for (size_t i = 0; i < d.n; i++)
		fuzz_assert(d.recs[i].id == D_LEAK && !strcmp(d.recs[i].file, "gen/quotes.tex"));
	fuzz_check_diags(&d);
	diag_free(&d);

	lk_key_free(&k);
	free(t);
	free(key);
	return 0;
}
