/* fuzz_anchorfind.c - libFuzzer target: finding a quote in a changed text
 * (core/anchorfind.c).  Input: EXACT, NUL, PREFIX, NUL, SUFFIX, NUL, TEXT
 * (missing parts are empty); the text must load as a store text
 * (text_init), else the input is skipped.  Oracles:
 *   - AF_CONTEXT and AF_EXACT: the text at start..end is exact
 *     (anchor_at), and exact occurs there, a plain search agrees; AF_EXACT
 *     only when exact occurs once;
 *   - AF_APPROX: start < end <= the text's code points, exact does not
 *     occur in the text, the distance is within af_bound;
 *   - AF_AMBIGUOUS: two or more candidates, in range, in text order;
 *   - AF_LOST: exact does not occur;
 *   - af_distance is symmetric, 0 exactly for equal strings, and never
 *     above max + 1. */
#define _GNU_SOURCE /* memmem */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/anchorfind.h"
#include "core/text.h"
#include "fuzz.h"

FUZZ_ORACLE static size_t occurrences(const char *hay, size_t hn, const char *s)
{
	size_t n = strlen(s), k = 0;
	if (!n)
		return 0;
	for (size_t i = 0; i + n <= hn; i++)
		k += !memcmp(hay + i, s, n);
	return k;
}

FUZZ_ORACLE static size_t cps(const char *s)
{
	size_t n = 0;
	for (; *s; s++)
		n += ((unsigned char)*s & 0xC0) != 0x80;
	return n;
}

/* valid UTF-8 (what a store string is; NFC does not matter here) */
FUZZ_ORACLE static bool valid(const char *s)
{
	return fuzz_valid_text_ff(s, strlen(s), true, true, true);
}

/* the next NUL-terminated part of the input, or "" */
static const char *part(const char **p, const char *end)
{
	if (*p >= end)
		return "";
	const char *s = *p;
	const char *z = memchr(s, '\0', (size_t)(end - s));
	*p = z ? z + 1 : end;
	return s;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *in = fuzz_str(data, size);
	const char *p = in, *end = in + size;
	const char *exact = part(&p, end), *prefix = part(&p, end), *suffix = part(&p, end);
	size_t tn = p < end ? (size_t)(end - p) : 0;
	char *copy = xstrndup(p < end ? p : "", tn);
	struct text t;
	struct diag d;
	diag_init(&d, NULL);
	bool ok = text_init(&t, copy, tn, "t.txt", true, &d);
	diag_free(&d);
	if (ok && strlen(exact) && valid(exact) && valid(prefix) && valid(suffix)) {
		struct af_found f;
		anchor_find(&t, exact, *prefix ? prefix : NULL, *suffix ? suffix : NULL, &f);
		size_t occ = occurrences(t.data, t.len, exact);
		switch (f.how) {
		case AF_CONTEXT:
		case AF_EXACT:
			fuzz_assert(anchor_at(&t, f.start, f.end, exact));
			fuzz_assert(occ >= 1);
			fuzz_assert(f.how != AF_EXACT || occ == 1);
			break;
		case AF_APPROX:
			fuzz_assert(f.start < f.end && f.end <= t.ncp);
			fuzz_assert(occ == 0);
			fuzz_assert(f.dist <= af_bound(cps(prefix) + cps(exact) + cps(suffix)));
			break;
		case AF_AMBIGUOUS:
			fuzz_assert(f.ncands >= 2);
			for (size_t i = 0; i < f.ncands; i++) {
				fuzz_assert(f.cands[i].start < f.cands[i].end && f.cands[i].end <= t.ncp);
				fuzz_assert(i == 0 || f.cands[i - 1].start < f.cands[i].start);
			}
			break;
		case AF_LOST:
			fuzz_assert(occ == 0);
			break;
		}
		af_found_free(&f);
	}
	text_free(&t); /* text_init took copy */
	/* the distance of two parts */
	size_t an = strlen(exact), bn = strlen(prefix);
	if (valid(exact) && valid(prefix)) {
		size_t max = an % 7;
		size_t x = af_distance(exact, an, prefix, bn, max);
		size_t y = af_distance(prefix, bn, exact, an, max);
		fuzz_assert(x == y);
		fuzz_assert(x <= max + 1);
		fuzz_assert((x == 0) == (an == bn && !memcmp(exact, prefix, an)));
	}
	free(in);
	return 0;
}
