/* fuzz_normalize.c - libFuzzer target: core/normalize.h on any bytes
 * (byte 0 picks the options: a form feed allowed, windows-1252 through
 * iconv), then core/wrap.h and core/speaker.h's rule on what came out.
 * Oracles, apart from normalize.c: accepted output is UTF-8 without BOM,
 * CR and controls but LF, TAB (and FF when allowed), in NFC; for UTF-8
 * input it equals NFC (utf8proc, on the whole text) of the input with
 * every BOM at the start removed and CRLF and CR made LF; the position
 * map has n_in + 1 entries, never decreases, starts at 0 and ends at the
 * output's code point count; the wrap changes only spaces into LF and
 * leaves a line longer than the width only when it has no space; a
 * speaker label ends at a ':' inside the line; speaker_apply reports each
 * unmapped label once and otherwise gives valid text. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/normalize.h"
#include "core/speaker.h"
#include "core/wrap.h"
#include "fuzz.h"

/* The input as the oracle expects the output: BOM off, CRLF/CR -> LF, NFC. */
FUZZ_ORACLE static char *expect_utf8(const char *s, size_t n, size_t *len)
{
	while (n >= 3 && !memcmp(s, "\xEF\xBB\xBF", 3))
		s += 3, n -= 3;
	char *t = xmalloc(n + 1);
	size_t k = 0;
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '\r') {
			t[k++] = '\n';
			if (i + 1 < n && s[i + 1] == '\n')
				i++;
		} else {
			t[k++] = s[i];
		}
	}
	utf8proc_uint8_t *dst = NULL;
	utf8proc_ssize_t r = utf8proc_map((const utf8proc_uint8_t *)t, (utf8proc_ssize_t)k, &dst,
	                                  UTF8PROC_STABLE | UTF8PROC_COMPOSE);
	free(t);
	fuzz_assert(r >= 0);
	*len = (size_t)r;
	return (char *)dst;
}

FUZZ_ORACLE static void check_output(const struct norm *r, bool ff)
{
	const unsigned char *u = (const unsigned char *)r->data;
	size_t ncp = 0;
	for (size_t i = 0; i < r->len;) {
		uint32_t c;
		size_t m = fuzz_utf8(u, r->len, i, &c);
		fuzz_assert(m);
		fuzz_assert(c != '\r' && !(i == 0 && c == 0xFEFF));
		fuzz_assert(!fuzz_is_control(c) || c == '\n' || c == '\t' || (ff && c == '\f'));
		i += m, ncp++;
	}
	fuzz_assert(ncp == r->ncp);
	fuzz_assert(fuzz_is_nfc(r->data, r->len));
	fuzz_assert(r->map[0] == 0 && r->map[r->n_in] == r->ncp);
	for (size_t i = 0; i < r->n_in; i++)
		fuzz_assert(r->map[i] <= r->map[i + 1]);
}

FUZZ_ORACLE static void check_wrap(const char *before, const char *after, size_t n, size_t w)
{
	for (size_t i = 0; i < n; i++)
		fuzz_assert(before[i] == after[i] || (before[i] == ' ' && after[i] == '\n'));
	const unsigned char *u = (const unsigned char *)after;
	size_t col = 0;
	bool space = false;
	for (size_t i = 0; i <= n;) {
		uint32_t c = '\n';
		size_t m = 1;
		if (i < n) {
			m = fuzz_utf8(u, n, i, &c);
			fuzz_assert(m);
		}
		if (c == '\n' || c == '\f') {
			fuzz_assert(col <= w || !space);
			col = 0, space = false;
		} else {
			col++;
			space |= c == ' ';
		}
		i += m;
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	unsigned mode = data[0];
	char *s = fuzz_str(data + 1, size - 1);
	size_t n = size - 1;
	struct norm_opts o = {.allow_ff = mode & 1, .want_map = true, .what = "a text",
	                      .encoding = (mode & 6) == 6 ? "windows-1252" : NULL};
	struct diag d;
	diag_init(&d, NULL);
	struct norm r;
	int st = normalize(&r, s, n, &o, "f.txt", &d);
	fuzz_check_diags(&d);
	if (st == 0) {
		fuzz_assert(d.n == 0);
		check_output(&r, o.allow_ff);
		bool utf8 = !o.encoding && !(n >= 2 && (((unsigned char)s[0] == 0xFF &&
		                                         (unsigned char)s[1] == 0xFE) ||
		                                        ((unsigned char)s[0] == 0xFE &&
		                                         (unsigned char)s[1] == 0xFF)));
		if (utf8) {
			size_t el;
			char *e = expect_utf8(s, n, &el);
			fuzz_assert(el == r.len && !memcmp(e, r.data, el));
			free(e);
		}
		size_t w = 20 + (mode >> 3) % 60;
		char *copy = xstrndup(r.data, r.len);
		wrap_text(r.data, r.len, w);
		check_wrap(copy, r.data, r.len, w);
		free(copy);
		/* the mapping: an unmapped label reported, else text out */
		struct speaker_map m[] = {{"Kari", "INT"}, {"Speaker 1", "INF"}, {"Note", "-"}};
		struct buf out;
		buf_init(&out);
		struct speaker_stats sst;
		struct diag d2;
		diag_init(&d2, NULL);
		size_t bad = speaker_apply(&out, r.data, r.len, m, 3, "f.txt", true, &sst, &d2);
		fuzz_check_diags(&d2);
		fuzz_assert(bad == d2.n && sst.mapped <= sst.turns);
		if (!bad && out.len && !o.allow_ff)
			fuzz_assert(fuzz_valid_text(out.data, out.len, true, true));
		diag_free(&d2);
		buf_free(&out);
		for (size_t i = 0; i < r.len;) {
			const char *e = memchr(r.data + i, '\n', r.len - i);
			size_t end = e ? (size_t)(e - r.data) : r.len;
			size_t k = speaker_label(r.data + i, end - i);
			fuzz_assert(k == 0 || (k < end - i && r.data[i + k] == ':'));
			i = end + 1;
		}
	} else {
		fuzz_assert(d.errors > 0 && r.data == NULL);
	}
	norm_free(&r);
	diag_free(&d);
	free(s);
	return 0;
}
