/* fuzz_refiunit.c - libFuzzer target: core/refiunit.h on any text and
 * selections.  Byte 0: the number of selections (low 3 bits), then
 * three bytes per selection (start = b0 + 256 b1 - 2, end = start + b2 -
 * 8: anywhere in a text of up to 16 KB, negative, reversed, past the end
 * and inside a character all occur), then the text.  Oracles, apart from refiunit.c (their own decoding, fuzz.h): for
 * every reading the table starts at 0, ends at the number of input code
 * points, never decreases, has SIZE_MAX only under utf16 right after the
 * first half of a character outside the BMP, and has as many positions as
 * the text's code points, its counted BOM, its second halves and its
 * CRLF counted two give; the input code points are normalize's (when it
 * takes the text as UTF-8); fit and words equal a plain count over the
 * oracle's positions, words <= fit <= nr; refiunit_readings gives one
 * reading per distinct table, scored as refiunit_score, sorted, each name
 * parsed back; the text as a code name gives an id [a-z0-9][a-z0-9-]*
 * of at most 40 characters; as an origin, a known vendor or none. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/normalize.h"
#include "core/refiunit.h"
#include "fuzz.h"

/* One position of the oracle: a character boundary, and the code points
 * on either side (-1: the text's start or end). */
struct opos {
	bool ok;
	int32_t prev, next;
};

struct otext {
	int32_t *cp;   /* input code points */
	bool *lf_crlf; /* cp[i] is the LF of a CRLF (the next byte after a CR) */
	size_t n, nonbmp, crlf;
	bool bom;
};

FUZZ_ORACLE static void otext_make(struct otext *o, const unsigned char *s, size_t n)
{
	memset(o, 0, sizeof *o);
	o->cp = xmalloc((n + 1) * sizeof *o->cp);
	o->lf_crlf = xcalloc(n + 1, sizeof *o->lf_crlf);
	size_t i = 0;
	if (n >= 3 && s[0] == 0xEF && s[1] == 0xBB && s[2] == 0xBF)
		o->bom = true, i = 3;
	while (i < n) {
		uint32_t c;
		size_t m = fuzz_utf8(s, n, i, &c);
		if (!m) {
			i++;
			continue;
		}
		if (c == '\n' && i > 0 && s[i - 1] == '\r' && o->n && o->cp[o->n - 1] == '\r')
			o->crlf++, o->lf_crlf[o->n] = true;
		o->nonbmp += c >= 0x10000;
		o->cp[o->n++] = (int32_t)c;
		i += m;
	}
}

/* The positions of reading u, np + 1 of them. */
FUZZ_ORACLE static struct opos *opos_make(const struct otext *o, const struct refi_unit *u,
                                          size_t *np)
{
	struct opos *p = xmalloc((2 * o->n + 2) * sizeof *p);
	size_t k = 0;
	int32_t prev = -1;
	if (o->bom && u->bom_counted) {
		p[k++] = (struct opos){true, -1, 0xFEFF};
		prev = 0xFEFF;
	}
	for (size_t i = 0; i < o->n; i++) {
		int32_t c = o->cp[i];
		bool lf_of_crlf = o->lf_crlf[i];
		if (lf_of_crlf && u->crlf_one) {
			prev = c;
			continue;
		}
		p[k++] = (struct opos){!lf_of_crlf, prev, c};
		if (u->utf16 && c >= 0x10000)
			p[k++] = (struct opos){false, c, c};
		prev = c;
	}
	p[k] = (struct opos){true, prev, -1};
	*np = k;
	return p;
}

FUZZ_ORACLE static bool oword(int32_t c)
{
	if (c < 0)
		return false;
	utf8proc_category_t k = utf8proc_category(c);
	return (k >= UTF8PROC_CATEGORY_LU && k <= UTF8PROC_CATEGORY_LO) ||
	       (k >= UTF8PROC_CATEGORY_ND && k <= UTF8PROC_CATEGORY_NO);
}

FUZZ_ORACLE static bool oboundary(const struct opos *p, size_t at, size_t np)
{
	return at == 0 || at == np || !oword(p[at].prev) || !oword(p[at].next);
}

FUZZ_ORACLE static void check_reading(const char *s, size_t n, const struct otext *o,
                                      const struct refi_range *r, size_t nr,
                                      const struct refi_unit *u, size_t *ofit, size_t *owords)
{
	size_t np, onp;
	size_t *t = refiunit_table(s, n, u, &np);
	struct opos *p = opos_make(o, u, &onp);
	fuzz_assert(np == onp);
	fuzz_assert(np == o->n + (o->bom && u->bom_counted) + (u->utf16 ? o->nonbmp : 0) -
	                      (u->crlf_one ? o->crlf : 0));
	fuzz_assert(t[0] == 0 && t[np] == o->n);
	size_t last = 0;
	for (size_t k = 0; k <= np; k++) {
		if (t[k] == SIZE_MAX) {
			fuzz_assert(u->utf16 && k > 0 && k < np && t[k - 1] != SIZE_MAX);
			fuzz_assert(o->cp[t[k - 1]] >= 0x10000);
			continue;
		}
		fuzz_assert(t[k] >= last && t[k] <= o->n);
		last = t[k];
	}
	size_t f = 0, w = 0;
	for (size_t k = 0; k < nr; k++) {
		long long a = r[k].start, b = r[k].end;
		if (a < 0 || a > b || b > (long long)np || !p[a].ok || !p[b].ok)
			continue;
		fuzz_assert(t[a] != SIZE_MAX && t[b] != SIZE_MAX && t[a] <= t[b]);
		f++;
		w += oboundary(p, (size_t)a, np) && oboundary(p, (size_t)b, np);
	}
	size_t fit, words;
	refiunit_score(s, n, r, nr, u, &fit, &words);
	fuzz_assert(fit == f && words == w && words <= fit && fit <= nr);
	*ofit = f, *owords = w;
	free(p);
	free(t);
}

FUZZ_ORACLE static void check_slug(const char *name)
{
	char *s = refi_slug(name);
	size_t n = strlen(s);
	fuzz_assert(n >= 1 && n <= 40);
	fuzz_assert((s[0] >= 'a' && s[0] <= 'z') || (s[0] >= '0' && s[0] <= '9'));
	fuzz_assert(s[n - 1] != '-');
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		fuzz_assert((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
		            (c == '-' && s[i + 1] != '-'));
	}
	char *again = refi_slug(name);
	fuzz_assert(!strcmp(s, again));
	free(again);
	free(s);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	size_t nr = data[0] & 7, at = 1;
	struct refi_range r[8];
	for (size_t k = 0; k < nr; k++) {
		if (at + 3 > size) {
			nr = k;
			break;
		}
		r[k].start = (long long)data[at] + 256 * (long long)data[at + 1] - 2;
		r[k].end = r[k].start + (long long)data[at + 2] - 8;
		at += 3;
	}
	size_t n = size - at;
	char *s = fuzz_str(data + at, n);
	struct otext o;
	otext_make(&o, (const unsigned char *)s, n);

	size_t fit[8], words[8];
	for (unsigned k = 0; k < 8; k++) {
		struct refi_unit u = {.utf16 = k & 4, .crlf_one = k & 2, .bom_counted = k & 1};
		check_reading(s, n, &o, r, nr, &u, &fit[k], &words[k]);
		struct refi_unit back;
		fuzz_assert(refiunit_parse(refiunit_name(&u), &back) == 0);
		fuzz_assert(back.utf16 == u.utf16 && back.crlf_one == u.crlf_one &&
		            back.bom_counted == u.bom_counted);
	}

	/* one reading per distinct table, best first */
	struct refi_reading rd[8];
	size_t m = refiunit_readings(s, n, r, nr, rd);
	size_t want = (size_t)1 << ((o.nonbmp > 0) + (o.crlf > 0) + o.bom);
	fuzz_assert(m == want);
	for (size_t k = 0; k < m; k++) {
		const struct refi_unit *u = &rd[k].unit;
		unsigned i = (unsigned)u->utf16 << 2 | (unsigned)u->crlf_one << 1 | u->bom_counted;
		fuzz_assert(rd[k].fit == fit[i] && rd[k].words == words[i]);
		fuzz_assert((!u->utf16 || o.nonbmp) && (!u->crlf_one || o.crlf) &&
		            (!u->bom_counted || o.bom));
		fuzz_assert(strlen(rd[k].same) < sizeof rd[k].same && rd[k].same[0]);
		if (k)
			fuzz_assert(rd[k - 1].words > rd[k].words ||
			            (rd[k - 1].words == rd[k].words && rd[k - 1].fit >= rd[k].fit));
	}

	/* the numbering is normalize's, when it reads the text as UTF-8 */
	bool utf16 = n >= 2 && (((unsigned char)s[0] == 0xFF && (unsigned char)s[1] == 0xFE) ||
	                        ((unsigned char)s[0] == 0xFE && (unsigned char)s[1] == 0xFF));
	if (!utf16) {
		struct norm_opts no = {.allow_ff = true, .want_map = true, .what = "a text"};
		struct diag d;
		diag_init(&d, NULL);
		struct norm nm;
		if (normalize(&nm, s, n, &no, "f.txt", &d) == 0)
			fuzz_assert(nm.n_in == o.n);
		norm_free(&nm);
		diag_free(&d);
	}

	check_slug(s);
	const char *who;
	struct refi_unit ou = refiunit_of_origin(s, &who);
	fuzz_assert(!ou.bom_counted);
	if (!who)
		fuzz_assert(!ou.utf16 && !ou.crlf_one);
	else
		fuzz_assert(!strcmp(who, "NVivo") ? ou.utf16 && !ou.crlf_one
		            : !strcmp(who, "ATLAS.ti") ? !ou.utf16 && ou.crlf_one
		                                       : !ou.utf16 && !ou.crlf_one);
	free(o.cp);
	free(o.lf_crlf);
	free(s);
	return 0;
}
