/* anchorfind.c - finding a quote again: exact with its context, exact
 * alone, then an approximate match (bit-parallel edit distance, Myers
 * 1999 in Hyyro's blocked form) of prefix + exact + suffix. */
#define _GNU_SOURCE /* memmem */
#include "core/anchorfind.h"
#include "core/util.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

const char *af_how_name(enum af_how h)
{
	switch (h) {
	case AF_CONTEXT: return "context";
	case AF_EXACT: return "exact";
	case AF_APPROX: return "approximate";
	case AF_AMBIGUOUS: return "ambiguous";
	default: return "lost";
	}
}

void af_found_free(struct af_found *f)
{
	free(f->cands);
	memset(f, 0, sizeof *f);
}

size_t af_bound(size_t m)
{
	/* a quarter of a short pattern; a tenth (and 16) of a long one */
	size_t b = m <= 64 ? m / 4 : 16 + (m - 64) / 10;
	return b;
}

static size_t count_cp(const char *s, size_t n)
{
	size_t k = 0;
	for (size_t i = 0; i < n; i++)
		k += ((unsigned char)s[i] & 0xC0) != 0x80;
	return k;
}

/* Decode valid UTF-8 (n bytes) into code points; returns how many. */
static size_t decode(const char *s, size_t n, uint32_t *out)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t k = 0;
	for (size_t i = 0; i < n;) {
		uint32_t c = u[i];
		size_t len = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
		if (len > 1)
			c &= 0x3F >> (len - 1);
		for (size_t j = 1; j < len && i + j < n; j++)
			c = (c << 6) | (u[i + j] & 0x3F);
		out[k++] = c;
		i += len;
	}
	return k;
}

static uint32_t *decode_new(const char *s, size_t n, size_t *m)
{
	uint32_t *v = xmalloc((n ? n : 1) * sizeof *v);
	*m = decode(s, n, v);
	return v;
}

bool anchor_at(const struct text *t, size_t start, size_t end, const char *exact)
{
	if (!exact || start >= end || end > t->ncp)
		return false;
	size_t sb = text_cp_to_byte(t, start), eb = text_cp_to_byte(t, end);
	size_t n = strlen(exact);
	return eb - sb == n && memcmp(t->data + sb, exact, n) == 0;
}

/* prefix ends at byte sb and suffix starts at byte eb */
static bool context_bytes(const struct text *t, size_t sb, size_t eb,
                          const char *prefix, const char *suffix)
{
	size_t pn = prefix ? strlen(prefix) : 0, xn = suffix ? strlen(suffix) : 0;
	if (pn && (pn > sb || memcmp(t->data + sb - pn, prefix, pn)))
		return false;
	if (xn && (eb + xn > t->len || memcmp(t->data + eb, suffix, xn)))
		return false;
	return true;
}

bool anchor_context_at(const struct text *t, size_t start, size_t end,
                       const char *prefix, const char *suffix)
{
	if (start > end || end > t->ncp)
		return false;
	return context_bytes(t, text_cp_to_byte(t, start), text_cp_to_byte(t, end),
	                     prefix, suffix);
}

/* How many code points of the context agree with the text around the
 * occurrence at bytes sb..eb: the end of prefix backwards, the start of
 * suffix forwards. */
static size_t context_agreement(const struct text *t, size_t sb, size_t eb,
                                const char *prefix, const char *suffix)
{
	size_t pn = prefix ? strlen(prefix) : 0, xn = suffix ? strlen(suffix) : 0;
	size_t a = 0, b = 0;
	while (a < pn && a < sb && prefix[pn - 1 - a] == t->data[sb - 1 - a])
		a++;
	while (a > 0 && a < pn && ((unsigned char)prefix[pn - a] & 0xC0) == 0x80)
		a--; /* a whole code point */
	while (b < xn && eb + b < t->len && suffix[b] == t->data[eb + b])
		b++;
	while (b > 0 && b < xn && ((unsigned char)suffix[b] & 0xC0) == 0x80)
		b--;
	return count_cp(prefix ? prefix + pn - a : "", a) + count_cp(suffix ? suffix : "", b);
}

static void set_found(const struct text *t, struct af_found *out, enum af_how how,
                      size_t sb, size_t eb)
{
	out->how = how;
	out->start = text_byte_to_cp(t, sb);
	out->end = text_byte_to_cp(t, eb);
}

/* Strategies 2 and 3.  Returns true when they decided (found or
 * ambiguous); false when exact does not occur. */
static bool find_exact(const struct text *t, const char *exact, const char *prefix,
                       const char *suffix, struct af_found *out)
{
	size_t n = strlen(exact);
	size_t *occ = NULL, nocc = 0, cap = 0;
	const char *p = t->data, *end = t->data + t->len;
	while (n && p < end) {
		const char *q = memmem(p, (size_t)(end - p), exact, n);
		if (!q)
			break;
		ARRAY_PUSH(occ, nocc, cap, (size_t)(q - t->data));
		p = q + 1;
	}
	if (!nocc)
		return false;
	size_t full = 0, which = 0;
	for (size_t i = 0; i < nocc; i++)
		if (context_bytes(t, occ[i], occ[i] + n, prefix, suffix))
			full++, which = i;
	bool has_ctx = (prefix && *prefix) || (suffix && *suffix);
	if (full == 1 && has_ctx) {
		set_found(t, out, AF_CONTEXT, occ[which], occ[which] + n);
	} else if (nocc == 1) {
		set_found(t, out, AF_EXACT, occ[0], occ[0] + n);
	} else {
		/* several: the one the context agrees with most, when it agrees
		 * with at least half of it and with more than any other; an
		 * occurrence with the whole context wins only alone */
		size_t ctx = count_cp(prefix ? prefix : "", prefix ? strlen(prefix) : 0) +
		             count_cp(suffix ? suffix : "", suffix ? strlen(suffix) : 0);
		size_t best = 0, second = 0;
		which = 0;
		for (size_t i = 0; i < nocc && !full; i++) {
			size_t a = context_agreement(t, occ[i], occ[i] + n, prefix, suffix);
			if (a > best)
				second = best, best = a, which = i;
			else if (a > second)
				second = a;
		}
		if (!full && ctx && best > second && 2 * best >= ctx) {
			set_found(t, out, AF_CONTEXT, occ[which], occ[which] + n);
		} else {
			out->how = AF_AMBIGUOUS;
			out->cands = xcalloc(nocc, sizeof *out->cands);
			for (size_t i = 0; i < nocc; i++) {
				if (full && !context_bytes(t, occ[i], occ[i] + n, prefix, suffix))
					continue;
				out->cands[out->ncands].start = text_byte_to_cp(t, occ[i]);
				out->cands[out->ncands].end = text_byte_to_cp(t, occ[i] + n);
				out->ncands++;
			}
		}
	}
	free(occ);
	return true;
}

/* ---- approximate: blocked Myers over code points -------------------------- */

#define NONE_POS SIZE_MAX
typedef uint64_t word;
#define WBITS 64

struct myers {
	const uint32_t *alpha; /* the pattern's distinct code points, sorted */
	size_t nalpha;
	word *peq;             /* nalpha * nw: bit i set when pattern[i] is that code point */
	size_t nw, m;
};

static int cmp_u32(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
	return x < y ? -1 : x > y;
}

static long alpha_index(const struct myers *M, uint32_t c)
{
	size_t lo = 0, hi = M->nalpha;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (M->alpha[mid] < c)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < M->nalpha && M->alpha[lo] == c ? (long)lo : -1;
}

static void myers_init(struct myers *M, const uint32_t *pat, size_t m)
{
	uint32_t *a = xmalloc(m * sizeof *a);
	memcpy(a, pat, m * sizeof *a);
	qsort(a, m, sizeof *a, cmp_u32);
	size_t k = 0;
	for (size_t i = 0; i < m; i++)
		if (!k || a[k - 1] != a[i])
			a[k++] = a[i];
	M->alpha = a;
	M->nalpha = k;
	M->m = m;
	M->nw = (m + WBITS - 1) / WBITS;
	M->peq = xcalloc(k * M->nw, sizeof *M->peq);
	for (size_t i = 0; i < m; i++) {
		long x = alpha_index(M, pat[i]);
		M->peq[(size_t)x * M->nw + i / WBITS] |= (word)1 << (i % WBITS);
	}
}

static void myers_free(struct myers *M)
{
	free((void *)M->alpha);
	free(M->peq);
}

/* One column step of one block; hin, the result: -1, 0, +1. */
static int advance(word *P, word *Mv, word eq, int hin)
{
	word pv = *P, mv = *Mv;
	word xv = eq | mv;
	if (hin < 0)
		eq |= 1;
	word xh = (((eq & pv) + pv) ^ pv) | eq;
	word ph = mv | ~(xh | pv);
	word mh = pv & xh;
	int hout = (ph >> (WBITS - 1)) ? 1 : (mh >> (WBITS - 1)) ? -1 : 0;
	ph <<= 1;
	mh <<= 1;
	if (hin < 0)
		mh |= 1;
	else if (hin > 0)
		ph |= 1;
	*P = mh | ~(xv | ph);
	*Mv = ph & xv;
	return hout;
}

/* score[j]: the least edit distance of the pattern and a substring of
 * text ending at code point j (exclusive end j + 1). */
static void myers_scores(const struct myers *M, const uint32_t *text, size_t n,
                         size_t *score)
{
	size_t nw = M->nw;
	word *P = xmalloc(nw * sizeof *P), *Mv = xcalloc(nw, sizeof *Mv);
	for (size_t w = 0; w < nw; w++)
		P[w] = ~(word)0;
	long bottom = (long)(nw * WBITS);
	unsigned last = (unsigned)((M->m - 1) % WBITS);
	word above = last == WBITS - 1 ? 0 : ~(word)0 << (last + 1);
	for (size_t j = 0; j < n; j++) {
		long x = alpha_index(M, text[j]);
		const word *eq = x < 0 ? NULL : M->peq + (size_t)x * nw;
		int h = 0;
		for (size_t w = 0; w < nw; w++)
			h = advance(&P[w], &Mv[w], eq ? eq[w] : 0, h);
		bottom += h;
		/* the padding rows below the pattern's last row */
		long s = bottom - __builtin_popcountll(P[nw - 1] & above) +
		         __builtin_popcountll(Mv[nw - 1] & above);
		score[j] = (size_t)s;
	}
	free(P), free(Mv);
}

/* Align pat (m) to the window w (wn code points) ending at its end, the
 * start free: where pattern positions lo and hi fall in the window
 * (lo: the last text position aligned at row lo, going back; hi: the
 * first).  Returns the distance. */
static size_t align_window(const uint32_t *pat, size_t m, const uint32_t *w,
                           size_t wn, size_t lo, size_t hi, size_t *xlo, size_t *xhi)
{
	size_t cols = wn + 1;
	uint16_t *D = xmalloc((m + 1) * cols * sizeof *D);
#define AT(i, x) D[(i) * cols + (x)]
	for (size_t x = 0; x <= wn; x++)
		AT(0, x) = 0;
	for (size_t i = 1; i <= m; i++) {
		AT(i, 0) = (uint16_t)i;
		for (size_t x = 1; x <= wn; x++) {
			unsigned d = AT(i - 1, x - 1) + (pat[i - 1] != w[x - 1]);
			unsigned u = AT(i - 1, x) + 1u, l = AT(i, x - 1) + 1u;
			AT(i, x) = (uint16_t)(d < u ? (d < l ? d : l) : (u < l ? u : l));
		}
	}
	size_t dist = AT(m, wn);
	size_t i = m, x = wn;
	*xhi = *xlo = NONE_POS;
	while (i > 0) {
		if (i == hi)
			*xhi = x; /* the last one seen: the smallest x on row hi */
		if (i == lo && *xlo == NONE_POS)
			*xlo = x;
		if (x > 0 && AT(i, x) == AT(i - 1, x - 1) + (pat[i - 1] != w[x - 1]))
			i--, x--;
		else if (AT(i, x) == AT(i - 1, x) + 1u)
			i--;
		else
			x--;
	}
	if (lo == 0 && *xlo == NONE_POS)
		*xlo = x;
	if (hi == 0)
		*xhi = x;
#undef AT
	free(D);
	return dist;
}

struct window {
	size_t lo, hi;
};

static int cmp_window(const void *a, const void *b)
{
	const struct window *x = a, *y = b;
	return x->lo < y->lo ? -1 : x->lo > y->lo;
}

/* The scores of every text position that can end a match: split the
 * pattern into k + 1 pieces; a match with at most k edits holds one of
 * them unchanged, so only the stretches around their occurrences are
 * scanned (all of the text when they are too short to be selective or
 * cover most of it).  Positions not scanned score SIZE_MAX. */
static void scan(const struct myers *M, const struct text *t, const char *ps,
                 const uint32_t *pat, size_t m, size_t k, const uint32_t *text,
                 size_t n, size_t *score)
{
	(void)pat;
	for (size_t j = 0; j < n; j++)
		score[j] = SIZE_MAX;
	size_t np = k + 1, plen = m / np;
	struct window *w = NULL;
	size_t nw = 0, cap = 0, covered = 0;
	bool full = plen < 6;
	/* byte offset of each code point of the pattern */
	size_t *pb = xmalloc((m + 1) * sizeof *pb);
	for (size_t i = 0, c = 0; c <= m; i++) {
		if (!ps[i] || ((unsigned char)ps[i] & 0xC0) != 0x80)
			pb[c++] = i;
		if (!ps[i])
			break;
	}
	for (size_t j = 0; j < np && !full; j++) {
		size_t a = j * plen, b = j + 1 == np ? m : a + plen;
		const char *piece = ps + pb[a];
		size_t len = pb[b] - pb[a];
		const char *p = t->data, *end = t->data + t->len;
		while (p < end && !full) {
			const char *q = memmem(p, (size_t)(end - p), piece, len);
			if (!q)
				break;
			size_t c = text_byte_to_cp(t, (size_t)(q - t->data));
			size_t lo = c > a + k ? c - a - k : 0;
			size_t hi = c - a + m + k < n ? c - a + m + k : n;
			ARRAY_PUSH(w, nw, cap, ((struct window){lo, hi}));
			covered += hi - lo;
			full = covered > n;
			p = q + 1;
		}
	}
	free(pb);
	if (full) {
		myers_scores(M, text, n, score);
		free(w);
		return;
	}
	if (nw)
		qsort(w, nw, sizeof *w, cmp_window);
	for (size_t i = 0; i < nw;) {
		size_t lo = w[i].lo, hi = w[i].hi;
		for (i++; i < nw && w[i].lo <= hi; i++)
			if (w[i].hi > hi)
				hi = w[i].hi;
		size_t *sc = xmalloc((hi - lo) * sizeof *sc);
		myers_scores(M, text + lo, hi - lo, sc);
		/* a match ending here starts inside the window (the window
		 * reaches k + m before any piece) */
		for (size_t j = lo; j < hi; j++)
			if (sc[j - lo] < score[j])
				score[j] = sc[j - lo];
		free(sc);
	}
	free(w);
}

static void find_approx(const struct text *t, const char *exact, const char *prefix,
                        const char *suffix, struct af_found *out)
{
	size_t pn = prefix ? strlen(prefix) : 0, en = strlen(exact);
	size_t xn = suffix ? strlen(suffix) : 0;
	size_t total = pn + en + xn;
	if (count_cp(prefix ? prefix : "", pn) + count_cp(exact, en) +
	    count_cp(suffix ? suffix : "", xn) > AF_APPROX_MAX || !t->ncp)
		return;
	char *ps = xmalloc(total + 1);
	memcpy(ps, prefix ? prefix : "", pn);
	memcpy(ps + pn, exact, en);
	memcpy(ps + pn + en, suffix ? suffix : "", xn);
	ps[total] = '\0';
	size_t m, lp = count_cp(ps, pn), le = count_cp(exact, en);
	uint32_t *pat = decode_new(ps, total, &m);
	size_t n;
	uint32_t *text = decode_new(t->data, t->len, &n);
	size_t k = af_bound(m);
	struct myers M;
	myers_init(&M, pat, m);
	size_t *score = xmalloc(n * sizeof *score);
	scan(&M, t, ps, pat, m, k, text, n, score);
	myers_free(&M);
	size_t best = SIZE_MAX;
	for (size_t j = 0; j < n; j++)
		if (score[j] < best)
			best = score[j];
	if (best > k)
		goto out;
	/* the places: ends with the best score, one per stretch of a pattern's
	 * length */
	struct af_cand *c = NULL;
	size_t nc = 0, cap = 0, lastend = 0;
	bool any = false;
	for (size_t j = 0; j < n; j++) {
		if (score[j] != best || (any && j < lastend + m))
			continue;
		size_t e = j + 1, from = e > m + k ? e - m - k : 0;
		size_t xlo, xhi;
		align_window(pat, m, text + from, e - from, lp, lp + le, &xlo, &xhi);
		any = true;
		lastend = j;
		if (xlo == NONE_POS || xhi == NONE_POS || xlo >= xhi)
			continue;
		ARRAY_PUSH(c, nc, cap, ((struct af_cand){from + xlo, from + xhi}));
	}
	if (nc == 1) {
		out->how = AF_APPROX;
		out->start = c[0].start;
		out->end = c[0].end;
		out->dist = best;
		free(c);
	} else if (nc > 1) {
		out->how = AF_AMBIGUOUS;
		out->cands = c;
		out->ncands = nc;
		out->dist = best;
	}
out:
	free(score), free(text), free(pat), free(ps);
}

void anchor_find(const struct text *t, const char *exact, const char *prefix,
                 const char *suffix, struct af_found *out)
{
	memset(out, 0, sizeof *out);
	out->how = AF_LOST;
	if (!exact || !*exact || !t->ok)
		return;
	if (find_exact(t, exact, prefix, suffix, out))
		return;
	find_approx(t, exact, prefix, suffix, out);
}

size_t af_distance(const char *a, size_t an, const char *b, size_t bn, size_t max)
{
	if (an == bn && !memcmp(a, b, an))
		return 0;
	size_t m, n;
	uint32_t *x = decode_new(a, an, &m), *y = decode_new(b, bn, &n);
	size_t r = max + 1;
	if (m > AF_APPROX_MAX || n > AF_APPROX_MAX || (m > n ? m - n : n - m) > max)
		goto out;
	/* two rows, the band |i - j| <= max */
	size_t *prev = xmalloc((n + 1) * sizeof *prev), *cur = xmalloc((n + 1) * sizeof *cur);
	size_t inf = max + 1;
	for (size_t j = 0; j <= n; j++)
		prev[j] = j <= max ? j : inf;
	for (size_t i = 1; i <= m; i++) {
		size_t lo = i > max ? i - max : 0, hi = i + max < n ? i + max : n;
		size_t rowmin = inf;
		for (size_t j = 0; j <= n; j++) {
			if (j < lo || j > hi) {
				cur[j] = inf;
				continue;
			}
			size_t v = j == 0 ? i : prev[j - 1] + (x[i - 1] != y[j - 1]);
			if (j > 0 && cur[j - 1] + 1 < v)
				v = cur[j - 1] + 1;
			if (prev[j] + 1 < v)
				v = prev[j] + 1;
			cur[j] = v > inf ? inf : v;
			if (cur[j] < rowmin)
				rowmin = cur[j];
		}
		size_t *tmp = prev;
		prev = cur, cur = tmp;
		if (rowmin > max)
			break;
	}
	if (prev[n] <= max)
		r = prev[n];
	free(prev), free(cur);
out:
	free(x), free(y);
	return r;
}
