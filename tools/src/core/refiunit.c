/* refiunit.c - the readings of a REFI-QDA position (code points or UTF-16
 * code units, CRLF as one or two, a BOM counted or not), their scores on a
 * text, the table from a reading's positions to input code points, the
 * reading a vendor implies, and code ids from code names (refiunit.h).
 *
 * The text is decoded as core/normalize.c decodes UTF-8 (the same input
 * code point numbering): the BOM at the start is not a code point; a
 * byte that does not start a valid sequence (or starts an encoded
 * surrogate) is skipped and numbered neither as a code point nor as a
 * position -- normalize rejects such a text, so no import gets that far. */
#include "core/refiunit.h"
#include "core/util.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

/* ---- names ------------------------------------------------------------ */

/* Indexed by unit_index: the standard's order. */
static const char *const unit_names[8] = {
	"codepoint",   "codepoint+bom",   "codepoint+crlf1",   "codepoint+crlf1+bom",
	"utf16",       "utf16+bom",       "utf16+crlf1",       "utf16+crlf1+bom",
};

static unsigned unit_index(const struct refi_unit *u)
{
	return (unsigned)u->utf16 << 2 | (unsigned)u->crlf_one << 1 | (unsigned)u->bom_counted;
}

static struct refi_unit unit_at(unsigned k)
{
	return (struct refi_unit){.utf16 = k & 4, .crlf_one = k & 2, .bom_counted = k & 1};
}

const char *refiunit_name(const struct refi_unit *u)
{
	return unit_names[unit_index(u)];
}

int refiunit_parse(const char *s, struct refi_unit *u)
{
	for (unsigned k = 0; k < 8; k++)
		if (s && !strcmp(s, unit_names[k])) {
			*u = unit_at(k);
			return 0;
		}
	return -1;
}

/* A letter or a digit (Unicode categories L* and N*). */
static inline bool is_word(int32_t c)
{
	if (c < 0x80)
		return (unsigned)((c | 0x20) - 'a') < 26u || (unsigned)(c - '0') < 10u;
	utf8proc_category_t k = utf8proc_category(c);
	return (k >= UTF8PROC_CATEGORY_LU && k <= UTF8PROC_CATEGORY_LO) ||
	       (k >= UTF8PROC_CATEGORY_ND && k <= UTF8PROC_CATEGORY_NO);
}

/* ---- the survey of a text ---------------------------------------------- */

/* One pass over the text finds what a reading changes: the characters
 * outside the BMP and the CRLFs, by input code point (events), and the
 * byte where every CK-th code point starts, from which any code point is
 * found by decoding at most CK of them.  Everything else takes one
 * position under every reading, so a position maps to its code point by
 * a search among the events near it (place: a bucket of positions gives
 * where to look): O(text) once, then about O(1) per selection end and
 * reading. */
#define CK 64
#define BUCKET 256

struct survey {
	const unsigned char *s;
	size_t n;
	bool bom;
	size_t ncp;                /* input code points */
	size_t *ev, nev, cap_ev;   /* code point << 1, | 1 for the CR of a CRLF */
	size_t nonbmp, crlf;
	size_t *ck, nck, cap_ck;   /* ck[j]: the byte of code point j * CK */
};

/* The length of the valid UTF-8 sequence at s[i] (RFC 3629, as
 * utf8proc_iterate takes it: no overlong form, no surrogate, nothing
 * above U+10FFFF) and its code point, or 0. */
static inline size_t utf8_at(const unsigned char *s, size_t n, size_t i, int32_t *cp)
{
	unsigned c = s[i];
	if (c < 0x80) {
		*cp = (int32_t)c;
		return 1;
	}
	if (c < 0xC2 || c > 0xF4)
		return 0;
	if (c < 0xE0) {
		if (i + 1 >= n || (s[i + 1] & 0xC0) != 0x80)
			return 0;
		*cp = (int32_t)((c & 0x1F) << 6 | (s[i + 1] & 0x3Fu));
		return 2;
	}
	if (c < 0xF0) {
		if (i + 2 >= n || (s[i + 1] & 0xC0) != 0x80 || (s[i + 2] & 0xC0) != 0x80)
			return 0;
		int32_t v = (int32_t)((c & 0x0F) << 12 | (s[i + 1] & 0x3Fu) << 6 | (s[i + 2] & 0x3Fu));
		if (v < 0x800 || (v >= 0xD800 && v <= 0xDFFF))
			return 0;
		*cp = v;
		return 3;
	}
	if (i + 3 >= n || (s[i + 1] & 0xC0) != 0x80 || (s[i + 2] & 0xC0) != 0x80 ||
	    (s[i + 3] & 0xC0) != 0x80)
		return 0;
	int32_t v = (int32_t)((c & 0x07) << 18 | (s[i + 1] & 0x3Fu) << 12 | (s[i + 2] & 0x3Fu) << 6 |
	                      (s[i + 3] & 0x3Fu));
	if (v < 0x10000 || v > 0x10FFFF)
		return 0;
	*cp = v;
	return 4;
}

/* No byte of w is >= 0x80 or a CR. */
static inline bool plain8(uint64_t w)
{
	const uint64_t ones = 0x0101010101010101u, high = 0x8080808080808080u;
	uint64_t cr = w ^ (ones * '\r');
	return !(w & high) && !((cr - ones) & ~cr & high);
}

static void survey_make(struct survey *v, const char *text, size_t n, bool checkpoints)
{
	memset(v, 0, sizeof *v);
	const unsigned char *s = (const unsigned char *)text;
	v->s = s;
	v->n = n;
	v->bom = n >= 3 && !memcmp(s, "\xEF\xBB\xBF", 3);
	size_t i = v->bom ? 3 : 0, cp = 0;
	while (i < n) {
		if (i + 8 <= n) {
			uint64_t w;
			memcpy(&w, s + i, 8);
			if (plain8(w)) {
				/* eight code points of a byte each */
				size_t j = (cp + CK - 1) / CK;
				if (checkpoints && j * CK <= cp + 7) {
					ARRAY_GROW(v->ck, j, v->cap_ck);
					v->ck[j] = i + (j * CK - cp);
					v->nck = j + 1;
				}
				i += 8, cp += 8;
				continue;
			}
		}
		int32_t c;
		size_t k = utf8_at(s, n, i, &c);
		if (!k) {
			i++; /* no code point (normalize.c skips it too) */
			continue;
		}
		bool crlf = c == '\r' && i + 1 < n && s[i + 1] == '\n';
		if (checkpoints && (cp % CK == 0 || (crlf && (cp + 1) % CK == 0))) {
			size_t j = (cp + CK - 1) / CK;
			ARRAY_GROW(v->ck, j, v->cap_ck);
			v->ck[j] = i + (j * CK - cp);
			v->nck = j + 1;
		}
		if (crlf) {
			ARRAY_PUSH(v->ev, v->nev, v->cap_ev, cp << 1 | 1);
			v->crlf++;
			i += 2, cp += 2;
			continue;
		}
		if (k == 4) {
			ARRAY_PUSH(v->ev, v->nev, v->cap_ev, cp << 1);
			v->nonbmp++;
		}
		i += k, cp++;
	}
	v->ncp = cp;
}

static void survey_free(struct survey *v)
{
	free(v->ev);
	free(v->ck);
}

/* Which parts of a reading change the table of this text: bit 4 a
 * character outside the BMP, bit 2 a CRLF, bit 1 a BOM (unit_index's
 * bits). */
static unsigned survey_differs(const struct survey *v)
{
	return (v->nonbmp ? 4u : 0u) | (v->crlf ? 2u : 0u) | (v->bom ? 1u : 0u);
}

/* Code point c (< ncp) and the one after it (-1 at the end). */
static void survey_cps(const struct survey *v, size_t c, int32_t *at, int32_t *after)
{
	size_t i = v->ck[c / CK], k = c / CK * CK;
	int32_t x = -1;
	*at = *after = -1;
	for (bool got = false; i < v->n;) {
		size_t m = utf8_at(v->s, v->n, i, &x);
		if (!m) {
			i++;
			continue;
		}
		i += m;
		if (got) {
			*after = x;
			return;
		}
		if (k++ == c) {
			*at = x;
			got = true;
		}
	}
}

/* ---- a reading on a surveyed text -------------------------------------- */

/* The position of every event's code point under u, and the count. */
struct placed {
	size_t *pe;
	size_t np;
	size_t bom; /* 1 when a BOM is counted */
	size_t *bk; /* bk[b]: the events before position b * BUCKET */
};

static void place(struct placed *pl, const struct survey *v, const struct refi_unit *u)
{
	pl->bom = v->bom && u->bom_counted;
	pl->pe = xmalloc((v->nev + 1) * sizeof *pl->pe);
	size_t shift = pl->bom, less = 0; /* positions added and taken */
	for (size_t k = 0; k < v->nev; k++) {
		size_t c = v->ev[k] >> 1;
		pl->pe[k] = c + shift - less;
		if (v->ev[k] & 1)
			less += u->crlf_one;
		else
			shift += u->utf16;
	}
	pl->np = v->ncp + shift - less;
	size_t nb = pl->np / BUCKET + 2;
	pl->bk = xmalloc(nb * sizeof *pl->bk);
	for (size_t b = 0, k = 0; b < nb; b++) {
		while (k < v->nev && pl->pe[k] < b * BUCKET)
			k++;
		pl->bk[b] = k;
	}
}

static void placed_free(struct placed *pl)
{
	free(pl->pe);
	free(pl->bk);
}

/* Where position p (<= np) is: the input code point that starts there
 * (ncp at the end; 0 for a counted BOM's position), or SIZE_MAX inside a
 * character (a surrogate pair; *lf: between a CR and its LF, which
 * maps to the LF). */
static size_t locate(const struct placed *pl, const struct survey *v, const struct refi_unit *u,
                     size_t p, bool *lf)
{
	*lf = false;
	if (p < pl->bom)
		return 0;
	/* the last event at or before p: the one before p's bucket or one
	 * in it */
	size_t lo = pl->bk[p / BUCKET], hi = pl->bk[p / BUCKET + 1];
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (pl->pe[mid] <= p)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo == 0)
		return p - pl->bom;
	size_t e = v->ev[lo - 1], c = e >> 1, d = p - pl->pe[lo - 1];
	if (e & 1) { /* a CRLF at c */
		if (u->crlf_one)
			return d ? c + d + 1 : c;
		if (d == 1)
			*lf = true;
		return c + d;
	}
	if (!u->utf16)
		return c + d;
	return d == 0 ? c : d == 1 ? SIZE_MAX : c + d - 1;
}

/* Is position p (a character boundary at code point c) a word boundary? */
static bool word_edge(const struct placed *pl, const struct survey *v, size_t p, size_t c)
{
	if (p == 0 || p == pl->np)
		return true;
	if (c == 0)
		return true; /* after a counted BOM */
	int32_t prev, next;
	survey_cps(v, c - 1, &prev, &next);
	return !is_word(prev) || next < 0 || !is_word(next);
}

static void score_placed(const struct placed *pl, const struct survey *v,
                         const struct refi_unit *u, const struct refi_range *r, size_t nr,
                         size_t *fit, size_t *words)
{
	size_t f = 0, w = 0;
	for (size_t k = 0; k < nr; k++) {
		long long a = r[k].start, b = r[k].end;
		if (a < 0 || a > b || (unsigned long long)b > pl->np)
			continue;
		bool lfa, lfb;
		size_t ca = locate(pl, v, u, (size_t)a, &lfa), cb = locate(pl, v, u, (size_t)b, &lfb);
		if (ca == SIZE_MAX || cb == SIZE_MAX || lfa || lfb)
			continue;
		f++;
		w += word_edge(pl, v, (size_t)a, ca) && word_edge(pl, v, (size_t)b, cb);
	}
	*fit = f;
	*words = w;
}

/* ---- the table -------------------------------------------------------- */

size_t *refiunit_table(const char *text, size_t n, const struct refi_unit *u, size_t *np)
{
	struct survey v;
	survey_make(&v, text, n, false);
	struct placed pl;
	place(&pl, &v, u);
	size_t *t = xmalloc((pl.np + 1) * sizeof *t);
	size_t p = 0, c = 0;
	if (pl.bom)
		t[p++] = 0;
	for (size_t k = 0; k < v.nev; k++) {
		size_t at = v.ev[k] >> 1;
		while (c < at)
			t[p++] = c++;
		t[p++] = c++;
		if (v.ev[k] & 1) { /* the LF of a CRLF */
			if (!u->crlf_one)
				t[p++] = c;
			c++;
		} else if (u->utf16) {
			t[p++] = SIZE_MAX;
		}
	}
	while (c < v.ncp)
		t[p++] = c++;
	t[p] = c;
	*np = p;
	placed_free(&pl);
	survey_free(&v);
	return t;
}

/* ---- scores and readings ---------------------------------------------- */

void refiunit_score(const char *text, size_t n, const struct refi_range *r, size_t nr,
                    const struct refi_unit *u, size_t *fit, size_t *words)
{
	struct survey v;
	survey_make(&v, text, n, true);
	struct placed pl;
	place(&pl, &v, u);
	score_placed(&pl, &v, u, r, nr, fit, words);
	placed_free(&pl);
	survey_free(&v);
}

/* What a reading stands for: its name, " = " the name under the other
 * unit when the text has no character outside the BMP, and "(no CRLF)",
 * "(no BOM)" for the parts the text gives no meaning (rep's name leaves
 * them out): "codepoint = utf16 (no CRLF, no BOM)" at most 40 bytes. */
static void same_text(char *out, size_t size, unsigned rep, unsigned fold)
{
	const char *crlf = fold & 2 ? "no CRLF" : "", *bom = fold & 1 ? "no BOM" : "";
	snprintf(out, size, "%s%s%s%s%s%s%s%s", unit_names[rep], fold & 4 ? " = " : "",
	         fold & 4 ? unit_names[rep | 4] : "", fold & 3 ? " (" : "", crlf,
	         (fold & 3) == 3 ? ", " : "", bom, fold & 3 ? ")" : "");
}

int refiunit_reading_cmp(const void *a, const void *b)
{
	const struct refi_reading *x = a, *y = b;
	if (x->words != y->words)
		return x->words > y->words ? -1 : 1;
	if (x->fit != y->fit)
		return x->fit > y->fit ? -1 : 1;
	unsigned i = unit_index(&x->unit), j = unit_index(&y->unit);
	return (i > j) - (i < j);
}

size_t refiunit_readings(const char *text, size_t n, const struct refi_range *r, size_t nr,
                         struct refi_reading *out)
{
	struct survey v;
	survey_make(&v, text, n, true);
	unsigned fold = ~survey_differs(&v) & 7;
	size_t k = 0;
	for (unsigned i = 0; i < 8; i++) {
		if (i & fold)
			continue; /* stands for a reading with these bits clear */
		struct refi_reading *o = &out[k++];
		memset(o, 0, sizeof *o);
		o->unit = unit_at(i);
		struct placed pl;
		place(&pl, &v, &o->unit);
		score_placed(&pl, &v, &o->unit, r, nr, &o->fit, &o->words);
		placed_free(&pl);
		same_text(o->same, sizeof o->same, i, fold);
	}
	survey_free(&v);
	qsort(out, k, sizeof *out, refiunit_reading_cmp);
	return k;
}

/* ---- vendors ---------------------------------------------------------- */

/* Does s contain w (ASCII, case-insensitively)? */
static bool has_word(const char *s, const char *w)
{
	size_t m = strlen(w);
	for (; *s; s++) {
		size_t k = 0;
		while (k < m && s[k] && (s[k] | 0x20) == (w[k] | 0x20))
			k++;
		if (k == m)
			return true;
	}
	return false;
}

struct refi_unit refiunit_of_origin(const char *origin, const char **who)
{
	static const struct {
		const char *match, *who;
	} vendors[] = {
		{"nvivo", "NVivo"},         {"atlas.ti", "ATLAS.ti"}, {"atlasti", "ATLAS.ti"},
		{"maxqda", "MAXQDA"},       {"qualcoder", "QualCoder"}, {"quirkos", "Quirkos"},
		{"taguette", "Taguette"},   {"qualitative-coding", "qc"},
	};
	struct refi_unit u = {0};
	*who = NULL;
	if (!origin)
		return u;
	for (size_t k = 0; k < sizeof vendors / sizeof *vendors; k++)
		if (has_word(origin, vendors[k].match)) {
			*who = vendors[k].who;
			break;
		}
	/* qc writes its short name: "qc" alone or before a version */
	if (!*who && (origin[0] | 0x20) == 'q' && (origin[1] | 0x20) == 'c' &&
	    (!origin[2] || origin[2] == ' ' || origin[2] == '/'))
		*who = "qc";
	if (*who && !strcmp(*who, "NVivo"))
		u.utf16 = true;
	else if (*who && !strcmp(*who, "ATLAS.ti"))
		u.crlf_one = true;
	return u;
}

/* ---- slugs ------------------------------------------------------------ */

/* Letters NFKD does not take apart, spelled in ASCII (lower case). */
static const char *spell(int32_t c)
{
	switch (c) {
	case 0x00D8: case 0x00F8: return "o";  /* Ø ø */
	case 0x00C6: case 0x00E6: return "ae"; /* Æ æ */
	case 0x00C5: case 0x00E5: return "a";  /* Å å (NFKD takes it apart too) */
	case 0x00DF: case 0x1E9E: return "ss"; /* ß ẞ */
	case 0x0110: case 0x0111: return "d";  /* Đ đ */
	case 0x00D0: case 0x00F0: return "d";  /* Ð ð */
	case 0x0141: case 0x0142: return "l";  /* Ł ł */
	case 0x00DE: case 0x00FE: return "th"; /* Þ þ */
	case 0x0152: case 0x0153: return "oe"; /* Œ œ */
	case 0x0131: return "i";               /* ı */
	default: return NULL;
	}
}

#define SLUG_MAX 40

char *refi_slug(const char *name)
{
	utf8proc_uint8_t *d = NULL;
	utf8proc_ssize_t r = utf8proc_map((const utf8proc_uint8_t *)(name ? name : ""), 0, &d,
	                                  UTF8PROC_NULLTERM | UTF8PROC_STABLE | UTF8PROC_DECOMPOSE |
	                                  UTF8PROC_COMPAT | UTF8PROC_STRIPMARK);
	struct buf b;
	buf_init(&b);
	bool sep = false; /* a '-' is due before the next letter */
	for (utf8proc_ssize_t i = 0; r > 0 && i < r;) {
		utf8proc_int32_t c;
		utf8proc_ssize_t k = utf8proc_iterate(d + i, r - i, &c);
		if (k <= 0)
			break;
		i += k;
		const char *sp = spell(c);
		char one[2] = {0};
		if (!sp && c < 0x80 && is_word(c)) {
			one[0] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
			sp = one;
		}
		if (!sp) {
			sep = b.len > 0;
			continue;
		}
		if (sep)
			buf_putc(&b, '-');
		sep = false;
		buf_puts(&b, sp);
	}
	free(d);
	if (b.len > SLUG_MAX) {
		size_t cut = SLUG_MAX;
		while (cut > 0 && b.data[cut] != '-')
			cut--;
		b.len = cut ? cut : SLUG_MAX;
		b.data[b.len] = '\0';
	}
	if (!b.len)
		buf_puts(&b, "code");
	return buf_detach(&b, NULL);
}
