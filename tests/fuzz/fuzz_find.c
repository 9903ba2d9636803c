/* fuzz_find.c - libFuzzer target: the whitespace-insensitive search
 * (core/find.c).  Input: NEEDLE, a NUL byte, TEXT (no NUL: the needle is
 * the whole input, searched in itself).  Oracles:
 *   - the prepared needle does not start or end with whitespace, its
 *     words are non-empty and hold none;
 *   - find_all's hits are those of a plain search written here (every
 *     start, words compared byte for byte, each gap one or more
 *     whitespace characters of the text, no combining mark at either
 *     end), in the same order;
 *   - a hit is "same" exactly when the text there is the needle, and
 *     find_diffs reports a difference exactly when it is not;
 *   - on a valid UTF-8 text every hit is also a near hit (find_near). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/find.h"
#include "fuzz.h"

/* The White_Space characters, by their UTF-8 bytes (apart from find.c). */
static const char *const ws[] = {
	"\t", "\n", "\v", "\f", "\r", " ", "\xc2\x85", "\xc2\xa0", "\xe1\x9a\x80",
	"\xe2\x80\x80", "\xe2\x80\x81", "\xe2\x80\x82", "\xe2\x80\x83", "\xe2\x80\x84",
	"\xe2\x80\x85", "\xe2\x80\x86", "\xe2\x80\x87", "\xe2\x80\x88", "\xe2\x80\x89",
	"\xe2\x80\x8a", "\xe2\x80\xa8", "\xe2\x80\xa9", "\xe2\x80\xaf", "\xe2\x81\x9f",
	"\xe3\x80\x80",
};

FUZZ_ORACLE static size_t ref_ws(const char *p, size_t n)
{
	for (size_t k = 0; k < sizeof ws / sizeof *ws; k++) {
		size_t l = strlen(ws[k]);
		if (l <= n && !memcmp(p, ws[k], l))
			return l;
	}
	return 0;
}

/* A combining mark (category M) starts at p, by utf8proc's categories. */
FUZZ_ORACLE static bool ref_mark(const char *p, size_t n)
{
	uint32_t c;
	if (!n || !fuzz_utf8((const unsigned char *)p, n, 0, &c))
		return false;
	utf8proc_category_t k = utf8proc_category((utf8proc_int32_t)c);
	return k == UTF8PROC_CATEGORY_MN || k == UTF8PROC_CATEGORY_MC ||
	       k == UTF8PROC_CATEGORY_ME;
}

/* The end of a match of n at hay[i], or SIZE_MAX. */
FUZZ_ORACLE static size_t ref_match(const char *hay, size_t hn, size_t i,
                                    const struct find_needle *n)
{
	size_t j = i;
	for (size_t k = 0; k < n->nwords; k++) {
		if (k) {
			size_t gap = 0, l;
			while (j < hn && (l = ref_ws(hay + j, hn - j)))
				j += l, gap++;
			if (!gap)
				return SIZE_MAX;
		}
		size_t wl = n->we[k] - n->wb[k];
		if (hn - j < wl || memcmp(hay + j, n->s + n->wb[k], wl))
			return SIZE_MAX;
		j += wl;
	}
	return j;
}

FUZZ_ORACLE static void check_needle(const struct find_needle *n)
{
	fuzz_assert(n->nwords >= 1 && n->len == strlen(n->s));
	fuzz_assert(!ref_ws(n->s, n->len));
	for (size_t k = 0; k < n->nwords; k++) {
		fuzz_assert(n->wb[k] < n->we[k] && n->we[k] <= n->len);
		fuzz_assert(k == 0 || n->wb[k] > n->we[k - 1]);
		for (size_t i = n->wb[k]; i < n->we[k]; i++)
			fuzz_assert(!ref_ws(n->s + i, n->we[k] - i));
	}
	fuzz_assert(n->we[n->nwords - 1] == n->len);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *in = (const char *)data;
	const char *z = memchr(in, '\0', size);
	size_t nl = z ? (size_t)(z - in) : size;
	const char *hay = z ? z + 1 : in;
	size_t hn = z ? size - nl - 1 : size;
	struct find_needle n;
	if (find_needle_init(&n, in, nl) < 0) {
		fuzz_assert(n.s == NULL && n.nwords == 0);
		find_needle_free(&n);
		return 0;
	}
	check_needle(&n);
	struct find_hit *h;
	size_t k = find_all(hay, hn, &n, &h), m = 0;
	for (size_t i = 0; i < hn; i++) {
		size_t e = ref_match(hay, hn, i, &n);
		if (e == SIZE_MAX || ref_mark(hay + i, hn - i) || ref_mark(hay + e, hn - e))
			continue;
		if (m >= k || h[m].sb != i || h[m].eb != e)
			fuzz_fail("the plain search finds %zu..%zu as hit %zu; find_all does not", i, e, m);
		bool same = e - i == n.len && !memcmp(hay + i, n.s, n.len);
		fuzz_assert(h[m].same == same);
		struct find_diff *d;
		size_t nd = find_diffs(hay, &h[m], &n, &d);
		fuzz_assert((nd == 0) == same);
		for (size_t j = 0; j < nd; j++)
			fuzz_assert(d[j].word < d[j].tb && d[j].tb < d[j].te && d[j].te <= e);
		free(d);
		m++;
	}
	if (m != k)
		fuzz_fail("find_all gives %zu hits, the plain search %zu", k, m);
	if (fuzz_printable(hay, hn, "\t\n\f") || hn == 0) {
		struct find_hit *nh;
		size_t nk = find_near(hay, hn, &n, &nh), j = 0;
		for (size_t i = 0; i < k; i++) {
			while (j < nk && nh[j].sb < h[i].sb)
				j++;
			if (j >= nk || nh[j].sb != h[i].sb || nh[j].eb != h[i].eb)
				fuzz_fail("hit %zu..%zu is not a near hit", h[i].sb, h[i].eb);
		}
		free(nh);
	}
	free(h);
	find_needle_free(&n);
	return 0;
}
