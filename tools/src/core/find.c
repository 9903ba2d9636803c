/* find.c - finding a quote in a text ignoring differences in whitespace
 * (the rules are in find.h). */
#define _GNU_SOURCE /* memmem */
#include "core/find.h"
#include "core/util.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

size_t find_ws_len(const char *p, const char *end)
{
	const unsigned char *u = (const unsigned char *)p;
	size_t n = (size_t)(end - p);
	if (!n)
		return 0;
	if (u[0] == 0x20 || (u[0] >= 0x09 && u[0] <= 0x0D))
		return 1;
	if (u[0] == 0xC2 && n >= 2 && (u[1] == 0x85 || u[1] == 0xA0))
		return 2;
	if (n < 3)
		return 0;
	if (u[0] == 0xE1 && u[1] == 0x9A && u[2] == 0x80)
		return 3;
	if (u[0] == 0xE2 && u[1] == 0x80 &&
	    ((u[2] >= 0x80 && u[2] <= 0x8A) || u[2] == 0xA8 || u[2] == 0xA9 || u[2] == 0xAF))
		return 3;
	if (u[0] == 0xE2 && u[1] == 0x81 && u[2] == 0x9F)
		return 3;
	if (u[0] == 0xE3 && u[1] == 0x80 && u[2] == 0x80)
		return 3;
	return 0;
}

static bool ws_cp(int32_t c)
{
	return c == 0x20 || (c >= 0x09 && c <= 0x0D) || c == 0x85 || c == 0xA0 ||
	       c == 0x1680 || (c >= 0x2000 && c <= 0x200A) || c == 0x2028 ||
	       c == 0x2029 || c == 0x202F || c == 0x205F || c == 0x3000;
}

void find_needle_free(struct find_needle *n)
{
	free(n->s);
	free(n->wb);
	free(n->we);
	memset(n, 0, sizeof *n);
}

int find_needle_init(struct find_needle *n, const char *s, size_t len)
{
	memset(n, 0, sizeof *n);
	utf8proc_uint8_t *nfc = NULL;
	utf8proc_ssize_t r = utf8proc_map((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)len,
	                                  &nfc, UTF8PROC_STABLE | UTF8PROC_COMPOSE);
	if (r < 0) {
		free(nfc);
		return FIND_BAD_UTF8;
	}
	const char *t = (const char *)nfc, *end = t + r;
	n->normalised = (size_t)r != len || memcmp(t, s, len) != 0;
	/* trim */
	const char *a = t, *b = end;
	for (size_t k; a < b && (k = find_ws_len(a, b));)
		a += k;
	while (a < b) {
		/* the last code point: back over continuation bytes */
		const char *q = b - 1;
		while (q > a && ((unsigned char)*q & 0xC0) == 0x80)
			q--;
		if (find_ws_len(q, b) != (size_t)(b - q))
			break;
		b = q;
	}
	if (a == b) {
		free(nfc);
		return FIND_EMPTY;
	}
	n->len = (size_t)(b - a);
	n->s = xstrndup(a, n->len);
	free(nfc);
	size_t cap = 0;
	const char *p = n->s, *e = n->s + n->len;
	while (p < e) {
		size_t k;
		const char *w = p;
		while (p < e && !find_ws_len(p, e))
			p++;
		ARRAY_GROW(n->wb, n->nwords, cap);
		n->we = xrealloc(n->we, cap * sizeof *n->we);
		n->wb[n->nwords] = (size_t)(w - n->s);
		n->we[n->nwords++] = (size_t)(p - n->s);
		while (p < e && (k = find_ws_len(p, e)))
			p += k;
	}
	return 0;
}

/* The end of the match of n at hay[b] (word 0 already compared), or
 * SIZE_MAX when there is none. */
static size_t match_at(const char *hay, size_t hlen, const struct find_needle *n, size_t b)
{
	const char *end = hay + hlen;
	size_t e = b + n->we[0] - n->wb[0];
	for (size_t k = 1; k < n->nwords; k++) {
		size_t ws = 0, l;
		while ((l = find_ws_len(hay + e, end))) {
			e += l;
			ws++;
		}
		size_t wl = n->we[k] - n->wb[k];
		if (!ws || hlen - e < wl || memcmp(hay + e, n->s + n->wb[k], wl))
			return SIZE_MAX;
		e += wl;
	}
	return e;
}

/* true when the text at p (end: its end) starts with a combining mark
 * (general category M): a hit must not start or end there, or it would
 * cut a character from its mark (an Arabic vowel sign, a Vietnamese
 * accent that has no precomposed form). */
static bool mark_at(const char *p, const char *end)
{
	utf8proc_int32_t c;
	if (p >= end || (unsigned char)*p < 0x80)
		return false;
	if (utf8proc_iterate((const utf8proc_uint8_t *)p, end - p, &c) <= 0)
		return false;
	utf8proc_category_t k = utf8proc_category(c);
	return k == UTF8PROC_CATEGORY_MN || k == UTF8PROC_CATEGORY_MC ||
	       k == UTF8PROC_CATEGORY_ME;
}

size_t find_all(const char *hay, size_t hlen, const struct find_needle *n,
                struct find_hit **out)
{
	*out = NULL;
	size_t cnt = 0, cap = 0, pos = 0;
	if (!n->nwords)
		return 0;
	const char *w0 = n->s + n->wb[0];
	size_t l0 = n->we[0] - n->wb[0];
	while (pos < hlen) {
		const char *q = memmem(hay + pos, hlen - pos, w0, l0);
		if (!q)
			break;
		size_t b = (size_t)(q - hay), e = match_at(hay, hlen, n, b);
		if (e != SIZE_MAX && !mark_at(hay + b, hay + hlen) && !mark_at(hay + e, hay + hlen)) {
			struct find_hit h = {b, e, e - b == n->len && !memcmp(hay + b, n->s, n->len)};
			ARRAY_PUSH(*out, cnt, cap, h);
		}
		pos = b + 1;
	}
	return cnt;
}

/* ---- near matches ---------------------------------------------------------- */

static int32_t fold(int32_t c)
{
	switch (c) {
	case 0x22: case 0x27: case 0x60: case 0xAB: case 0xBB: case 0x2039:
	case 0x203A: case 0x2032: case 0x2033:
		return '"';
	case 0x2D: case 0x2212: case 0xFE58: case 0xFE63: case 0xFF0D:
		return '-';
	default:
		break;
	}
	if (c >= 0x2018 && c <= 0x201F)
		return '"';
	if (c >= 0x2010 && c <= 0x2015)
		return '-';
	return utf8proc_tolower(c);
}

/* Decode s (valid UTF-8) into code points and their byte offsets
 * (offs[ncp] = len).  Caller frees both. */
static size_t decode(const char *s, size_t len, int32_t **cps, size_t **offs)
{
	*cps = xmalloc((len + 1) * sizeof **cps);
	*offs = xmalloc((len + 1) * sizeof **offs);
	size_t n = 0, i = 0;
	while (i < len) {
		utf8proc_int32_t c;
		utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
		                                      (utf8proc_ssize_t)(len - i), &c);
		if (k <= 0) {
			c = 0xFFFD;
			k = 1;
		}
		(*cps)[n] = c;
		(*offs)[n++] = i;
		i += (size_t)k;
	}
	(*offs)[n] = len;
	return n;
}

size_t find_near(const char *hay, size_t hlen, const struct find_needle *n,
                 struct find_hit **out)
{
	*out = NULL;
	if (!n->nwords)
		return 0;
	int32_t *h, *nd;
	size_t *ho, *no;
	size_t hn = decode(hay, hlen, &h, &ho), nn = decode(n->s, n->len, &nd, &no);
	for (size_t i = 0; i < hn; i++)
		h[i] = ws_cp(h[i]) ? ' ' : fold(h[i]);
	for (size_t i = 0; i < nn; i++)
		nd[i] = ws_cp(nd[i]) ? ' ' : fold(nd[i]);
	size_t cnt = 0, cap = 0;
	for (size_t i = 0; i < hn; i++) {
		if (h[i] != nd[0])
			continue;
		size_t a = i, b = 0;
		while (b < nn) {
			if (nd[b] == ' ') {
				if (a >= hn || h[a] != ' ')
					break;
				while (a < hn && h[a] == ' ')
					a++;
				while (b < nn && nd[b] == ' ')
					b++;
			} else if (a < hn && h[a] == nd[b]) {
				a++, b++;
			} else {
				break;
			}
		}
		if (b == nn && !mark_at(hay + ho[i], hay + hlen) && !mark_at(hay + ho[a], hay + hlen)) {
			struct find_hit x = {ho[i], ho[a], false};
			ARRAY_PUSH(*out, cnt, cap, x);
		}
	}
	free(h), free(ho), free(nd), free(no);
	return cnt;
}

size_t find_diffs(const char *hay, const struct find_hit *h,
                  const struct find_needle *n, struct find_diff **out)
{
	*out = NULL;
	size_t cnt = 0, cap = 0, e = h->sb;
	const char *end = hay + h->eb;
	for (size_t k = 0; k < n->nwords; k++) {
		size_t word = e;
		e += n->we[k] - n->wb[k];
		if (k + 1 == n->nwords)
			break;
		size_t tb = e, l;
		while ((l = find_ws_len(hay + e, end)))
			e += l;
		size_t nb = n->we[k], ne = n->wb[k + 1];
		if (e - tb != ne - nb || memcmp(hay + tb, n->s + nb, ne - nb)) {
			struct find_diff d = {tb, e, nb, ne, word};
			ARRAY_PUSH(*out, cnt, cap, d);
		}
	}
	return cnt;
}
