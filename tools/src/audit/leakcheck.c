/* leakcheck.c - matching the pseudonym key (the real names,
 * workplaces, streets, relatives ... of the informants, kept outside git in
 * evidence/private/names.txt) may appear in the generated LaTeX or in the
 * text of the PDF.  Nothing from the key is ever written anywhere but in a
 * report of a hit, which shows the text as it appears in the output.
 *
 * Both sides are normalised the same way, then searched with memmem:
 *   - NFC and case folding (utf8proc), one grapheme cluster at a time, so
 *     that every normalised byte keeps the span of original bytes it came
 *     from and a hit reports the original file:line:col;
 *   - any run of white space becomes one space; soft hyphens are dropped;
 *   - .tex/.bib files: the escapes the sitat escaper writes are decoded
 *     (\_ -> _, \textquotesingle{} -> ', ~ -> space, \- dropped, ...;
 *     \sitat@u{HEX}, \sitat@miss{HEX} and {[}U+HEX{]} -> the character;
 *     \sitat@lb{}, \sitat@br{}, {\kern0pt}, \allowbreak{}, %+newline,
 *     \sitat@run{S}{, \sitat@ltr{, \sitat@rtl{ and plain braces dropped), so a name
 *     split by a ligature or line break, or set in a script run, is found;
 *   - PDF text (pdftotext): a hyphen (-, U+00AD, U+2010, U+2011) ending a
 *     line is removed with the line break, joining the word.  pdftotext
 *     itself joins a word broken at a line end and drops the hyphen, even
 *     one that belongs to the name ("Jens-\nPetter" comes out "JensPetter"),
 *     so in the PDF every hyphen is ignored, in the text and in the key.
 * The search is a plain substring search: "Ann" is found in "Annual". */
#define _GNU_SOURCE /* memmem */
#include "audit/leakcheck.h"
#include "core/diag.h"
#include "core/text.h"
#include "core/util.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#define MIN_ENTRY 3   /* code points */
#define SHOW_MAX 200  /* code points of a hit shown */


/* ---- units: one input character, escape or hyphenation at a time ------- */

#define U_WS   (-1) /* white space */
#define U_DROP (-2) /* nothing: a soft hyphen, \-, a hyphen in the PDF */

struct unit {
	int32_t c;          /* a code point, U_WS or U_DROP */
	size_t start, end;  /* the original bytes */
};

static const struct {
	const char *tex;
	int32_t c;
} tex_escapes[] = {
	{"\\textbackslash{}", '\\'}, {"\\textasciitilde{}", '~'},
	{"\\textasciicircum{}", '^'}, {"\\textless{}", '<'},
	{"\\textgreater{}", '>'}, {"\\textbar{}", '|'},
	{"\\textquotedbl{}", '"'}, {"\\textquotesingle{}", '\''},
	{"\\textasciigrave{}", '`'}, {"\\textbraceleft{}", '{'},
	{"\\textbraceright{}", '}'}, {"\\sitat@par{}", U_WS},
	{"\\sitat@bad{}", 0xFFFD}, {"\\{", '{'}, {"\\}", '}'}, {"\\_", '_'},
	{"\\&", '&'}, {"\\%", '%'}, {"\\#", '#'}, {"\\$", '$'}, {"\\-", U_DROP},
	{"\\sitat@lb{}", U_DROP}, {"\\sitat@br{}", U_DROP},
	{"{\\kern0pt}", U_DROP}, {"\\allowbreak{}", U_DROP}, {"%\n", U_DROP},
	{"\\sitat@ltr{", U_DROP}, {"\\sitat@rtl{", U_DROP}, {"{[}?{]}", 0xFFFD},
	{"{\\csname sitat@ltr\\endcsname{", U_DROP},
	{"{\\csname sitat@rtl\\endcsname{", U_DROP},
	{"\\csname textquotesingle\\endcsname{}", '\''},
	{"\\csname textquotedbl\\endcsname{}", '"'},
	{"\\csname textasciigrave\\endcsname{}", '`'},
	{"\\csname textless\\endcsname{}", '<'},
	{"\\csname textgreater\\endcsname{}", '>'},
	{"\\csname textbar\\endcsname{}", '|'},
	{"-{}", '-'}, {",{}", ','}, {"{[}", '['}, {"{]}", ']'}, {"~", U_WS},
};

/* Unicode white space: C0 TAB..CR, NEL and the separators Zs, Zl, Zp. */
static bool is_space(int32_t c)
{
	if (c == ' ' || (c >= '\t' && c <= '\r') || c == 0x85)
		return true;
	if (c < 0xA0)
		return false;
	utf8proc_category_t k = utf8proc_category(c);
	return k == UTF8PROC_CATEGORY_ZS || k == UTF8PROC_CATEGORY_ZL ||
	       k == UTF8PROC_CATEGORY_ZP;
}

/* The code point at s[i]; an invalid byte is U+FFFD.  Returns its length. */
static size_t decode_at(const char *s, size_t n, size_t i, int32_t *c)
{
	const utf8proc_uint8_t *u = (const utf8proc_uint8_t *)s;
	if (u[i] < 0x80) {
		*c = u[i];
		return 1;
	}
	utf8proc_int32_t cp;
	utf8proc_ssize_t m = utf8proc_iterate(u + i, (utf8proc_ssize_t)(n - i), &cp);
	*c = m < 0 ? 0xFFFD : cp;
	return m < 0 ? 1 : (size_t)m;
}

/* pre HEX post at s[i] (\sitat@u{HEX}, \sitat@miss{HEX}, {[}U+HEX{]}):
 * the code point, or -1. */
static int32_t tex_hex(const char *s, size_t n, size_t i, const char *pre,
                       const char *post, size_t *end)
{
	size_t pn = strlen(pre), qn = strlen(post);
	size_t j = i + pn;
	if (j > n || memcmp(s + i, pre, pn) != 0)
		return -1;
	int32_t c = 0;
	size_t k = 0;
	for (; j < n && k < 6; j++, k++) {
		char h = s[j];
		int v = h >= '0' && h <= '9' ? h - '0' : h >= 'A' && h <= 'F' ?
		        h - 'A' + 10 : h >= 'a' && h <= 'f' ? h - 'a' + 10 : -1;
		if (v < 0)
			break;
		c = c * 16 + v;
	}
	if (k == 0 || j + qn > n || memcmp(s + j, post, qn) != 0 ||
	    !utf8proc_codepoint_valid(c))
		return -1;
	*end = j + qn;
	return c;
}

/* \sitat@run{NAME}{ at s[i]: its length, or 0. */
static size_t tex_run_open(const char *s, size_t n, size_t i)
{
	static const char pre[] = "\\sitat@run{", cpre[] = "{\\csname sitat@run\\endcsname{";
	size_t j = i + sizeof pre - 1;
	if (i + sizeof cpre - 1 <= n && !memcmp(s + i, cpre, sizeof cpre - 1))
		j = i + sizeof cpre - 1;
	else if (j > n || memcmp(s + i, pre, sizeof pre - 1) != 0)
		return 0;
	while (j < n && s[j] >= 'a' && s[j] <= 'z')
		j++;
	if (j + 2 > n || s[j] != '}' || s[j + 1] != '{')
		return 0;
	return j + 2 - i;
}

static int32_t tex_missing(const char *s, size_t n, size_t i, size_t *end)
{
	int32_t c = tex_hex(s, n, i, "\\sitat@u{", "}", end);
	if (c < 0)
		c = tex_hex(s, n, i, "\\sitat@miss{", "}", end);
	if (c < 0)
		c = tex_hex(s, n, i, "{[}U+", "{]}\\allowbreak{}", end);
	/* the same in .bib fields and the main file (@ not a letter) */
	if (c < 0)
		c = tex_hex(s, n, i, "\\csname sitat@u\\endcsname{", "}", end);
	if (c < 0)
		c = tex_hex(s, n, i, "{\\csname sitat@miss\\endcsname{", "}}", end);
	return c;
}

/* Read the unit at s[i] into u; returns the offset after it. */
static size_t next_unit(const char *s, size_t n, size_t i, int mode,
                        struct unit *u)
{
	int32_t c;
	size_t len = decode_at(s, n, i, &c);
	u->start = i;
	if (mode == LK_TEX && c > 0 && c < 0x80 && strchr("\\-,{}~%", c)) {
		int32_t mc = c == '\\' || c == '{' ? tex_missing(s, n, i, &u->end) : -1;
		if (mc >= 0) {
			u->c = mc;
			return u->end;
		}
		size_t rn = c == '\\' || c == '{' ? tex_run_open(s, n, i) : 0;
		if (rn) {
			u->c = U_DROP;
			return u->end = i + rn;
		}
		for (size_t k = 0; k < sizeof tex_escapes / sizeof *tex_escapes; k++) {
			size_t m = strlen(tex_escapes[k].tex);
			if (m <= n - i && memcmp(s + i, tex_escapes[k].tex, m) == 0) {
				u->c = tex_escapes[k].c;
				return u->end = i + m;
			}
		}
		if (c == '{' || c == '}') {
			/* a group of TeX's: prints nothing */
			u->c = U_DROP;
			return u->end = i + 1;
		}
	}
	if ((mode == LK_PDF || mode == LK_KEY_PDF) &&
	    (c == '-' || c == 0xAD || c == 0x2010 || c == 0x2011)) {
		size_t j = i + len;
		if (j < n && s[j] == '\r')
			j++;
		if (mode == LK_PDF && j < n && s[j] == '\n') {
			/* a hyphenation: drop the line break and the indent too */
			for (j++; j < n && (s[j] == ' ' || s[j] == '\t' || s[j] == '\f'); j++)
				;
		} else {
			j = i + len;
		}
		u->c = U_DROP;
		return u->end = j;
	}
	u->c = c == 0xAD ? U_DROP : is_space(c) ? U_WS : c;
	return u->end = i + len;
}

/* ---- normalisation ----------------------------------------------------- */

/* Normalised text; start[k] and end[k] are the original bytes of the
 * grapheme cluster normalised byte k came from.  norm_free releases all. */
struct norm {
	char *s;
	size_t len, cap;
	size_t *start, *end;
};

static void norm_free(struct norm *nm)
{
	free(nm->s);
	free(nm->start);
	free(nm->end);
	memset(nm, 0, sizeof *nm);
}

static void norm_put(struct norm *nm, const void *p, size_t n, size_t start,
                     size_t end)
{
	if (nm->len + n + 1 > nm->cap) {
		size_t cap = nm->cap ? 2 * nm->cap : 256;
		while (cap < nm->len + n + 1)
			cap *= 2;
		nm->s = xrealloc(nm->s, cap);
		nm->start = xrealloc(nm->start, cap * sizeof *nm->start);
		nm->end = xrealloc(nm->end, cap * sizeof *nm->end);
		nm->cap = cap;
	}
	for (size_t k = 0; k < n; k++, nm->len++) {
		nm->s[nm->len] = ((const char *)p)[k];
		nm->start[nm->len] = start;
		nm->end[nm->len] = end;
	}
	nm->s[nm->len] = '\0';
}

/* One grapheme cluster being collected. */
struct cluster {
	int32_t *c;
	size_t n, cap;
	size_t start, end;
	struct buf tmp;
};

/* Write the cluster NFC + case folded into nm and empty it. */
static void cluster_flush(struct norm *nm, struct cluster *g)
{
	if (!g->n)
		return;
	if (g->n == 1 && g->c[0] < 0x80) {
		char b = (char)g->c[0];
		if (b >= 'A' && b <= 'Z')
			b = (char)(b - 'A' + 'a');
		norm_put(nm, &b, 1, g->start, g->end);
		g->n = 0;
		return;
	}
	g->tmp.len = 0;
	for (size_t k = 0; k < g->n; k++) {
		utf8proc_uint8_t enc[4];
		buf_add(&g->tmp, enc, (size_t)utf8proc_encode_char(g->c[k], enc));
	}
	utf8proc_uint8_t *dst = NULL;
	utf8proc_ssize_t r = utf8proc_map((const utf8proc_uint8_t *)g->tmp.data,
	                                  (utf8proc_ssize_t)g->tmp.len, &dst,
	                                  UTF8PROC_STABLE | UTF8PROC_COMPOSE |
	                                  UTF8PROC_CASEFOLD);
	if (r >= 0)
		norm_put(nm, dst, (size_t)r, g->start, g->end);
	else
		norm_put(nm, g->tmp.data, g->tmp.len, g->start, g->end);
	free(dst);
	g->n = 0;
}

/* Normalise s (n bytes) into nm (zeroed by the caller; norm_free). */
static void normalize(struct norm *nm, const char *s, size_t n, int mode)
{
	struct cluster g = {0};
	buf_init(&g.tmp);
	utf8proc_int32_t prev = 0, state = 0;
	bool ws = false;
	size_t ws_start = 0, ws_end = 0;
	for (size_t i = 0; i < n;) {
		struct unit u;
		i = next_unit(s, n, i, mode, &u);
		if (u.c == U_DROP)
			continue;
		if (u.c == U_WS) {
			cluster_flush(nm, &g);
			if (!ws)
				ws_start = u.start;
			ws = true;
			ws_end = u.end;
			continue;
		}
		if (ws) {
			norm_put(nm, " ", 1, ws_start, ws_end);
			ws = false;
		}
		/* a composition never spans a grapheme cluster boundary, and
		 * nothing below U+0300 composes with what precedes it */
		if (g.n && (u.c < 0x300 || utf8proc_grapheme_break_stateful(prev, u.c, &state)))
			cluster_flush(nm, &g);
		if (!g.n) {
			g.start = u.start;
			state = 0;
		}
		ARRAY_PUSH(g.c, g.n, g.cap, u.c);
		g.end = u.end;
		prev = u.c;
	}
	cluster_flush(nm, &g);
	if (ws)
		norm_put(nm, " ", 1, ws_start, ws_end);
	if (!nm->s)
		norm_put(nm, "", 0, 0, 0);
	free(g.c);
	buf_free(&g.tmp);
}

char *lk_normalize(const char *s, size_t n, int mode)
{
	struct norm nm = {0};
	normalize(&nm, s, n, mode);
	char *r = xstrndup(nm.s, nm.len);
	norm_free(&nm);
	return r;
}

/* ---- the key ----------------------------------------------------------- */

void lk_key_free(struct lk_key *k)
{
	for (size_t i = 0; i < k->n; i++) {
		free(k->v[i].needle);
		free(k->v[i].pdf);
	}
	free(k->v);
	memset(k, 0, sizeof *k);
}

static size_t count_cps(const char *s, size_t n)
{
	size_t k = 0;
	for (size_t i = 0; i < n; i++)
		k += ((unsigned char)s[i] & 0xC0) != 0x80;
	return k;
}

/* Add the entry data[a..b) (at line:col) to k, unless it is there. */
static int add_entry(struct lk_key *k, size_t *cap, const char *file,
                     const char *data, size_t a, size_t b, size_t line,
                     size_t col, struct diag *d)
{
	struct lk_entry e;
	e.needle = lk_normalize(data + a, b - a, LK_KEY);
	e.len = strlen(e.needle);
	e.pdf = lk_normalize(data + a, b - a, LK_KEY_PDF);
	e.plen = strlen(e.pdf);
	int r = 0;
	bool dup = false;
	if (count_cps(data + a, b - a) < MIN_ENTRY ||
	    count_cps(e.needle, e.len) < MIN_ENTRY ||
	    count_cps(e.pdf, e.plen) < MIN_ENTRY) {
		diag_at(d, D_KEY_SHORT, file, line, col, MIN_ENTRY);
		r = -1;
	}
	for (size_t q = 0; q < k->n && !dup && r == 0; q++)
		dup = k->v[q].len == e.len &&
		      memcmp(k->v[q].needle, e.needle, e.len) == 0;
	if (r < 0 || dup) {
		free(e.needle);
		free(e.pdf);
	} else {
		ARRAY_PUSH(k->v, k->n, *cap, e);
	}
	return r;
}

int lk_key_parse(struct lk_key *k, const char *file, const char *data,
                 size_t len, struct diag *d)
{
	memset(k, 0, sizeof *k);
	size_t i = 0, line = 1, cap = 0;
	int status = 0;
	if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0)
		i = 3;
	while (i < len) {
		size_t eol = i;
		while (eol < len && data[eol] != '\n')
			eol++;
		/* trim, checking the UTF-8 on the way */
		size_t a = eol, b = i, col = 1, acol = 0;
		bool bad = false;
		for (size_t j = i; j < eol; col++) {
			int32_t c;
			utf8proc_int32_t cp;
			utf8proc_ssize_t m = utf8proc_iterate(
				(const utf8proc_uint8_t *)data + j,
				(utf8proc_ssize_t)(eol - j), &cp);
			if (m < 0) {
				diag_at(d, D_KEY_UTF8, file, line, col, (unsigned char)data[j]);
				bad = true;
				break;
			}
			c = cp;
			if (!is_space(c)) {
				if (a == eol)
					a = j, acol = col;
				b = j + (size_t)m;
			}
			j += (size_t)m;
		}
		if (bad) {
			status = -1;
		} else if (a < b && data[a] != '#' &&
		           add_entry(k, &cap, file, data, a, b, line, acol, d) < 0) {
			status = -1;
		}
		i = eol + 1;
		line++;
	}
	return status;
}

int lk_key_count(const char *file, const char *data, size_t len, FILE *err)
{
	struct lk_key k;
	struct diag d;
	diag_init(&d, err);
	int r = lk_key_parse(&k, file, data, len, &d);
	int n = r < 0 ? -1 : (int)k.n;
	lk_key_free(&k);
	diag_free(&d);
	return n;
}

/* ---- search and report ------------------------------------------------- */

struct hit {
	size_t start, end;  /* original bytes */
	size_t entry;
};

struct hits {
	struct hit *v;
	size_t n, cap;
};

static void search(const struct lk_key *k, const struct norm *h, bool pdf,
                   struct hits *out)
{
	for (size_t e = 0; e < k->n; e++) {
		const char *needle = pdf ? k->v[e].pdf : k->v[e].needle;
		size_t len = pdf ? k->v[e].plen : k->v[e].len, pos = 0;
		const char *p;
		while (pos + len <= h->len &&
		       (p = memmem(h->s + pos, h->len - pos, needle, len))) {
			size_t off = (size_t)(p - h->s);
			ARRAY_PUSH(out->v, out->n, out->cap,
			           ((struct hit){h->start[off], h->end[off + len - 1], e}));
			pos = off + len;
		}
	}
}

static int hit_cmp(const void *pa, const void *pb)
{
	const struct hit *a = pa, *b = pb;
	if (a->start != b->start)
		return a->start < b->start ? -1 : 1;
	return a->entry < b->entry ? -1 : a->entry > b->entry;
}

size_t lk_scan_text(const struct lk_key *k, const char *file, const char *data,
                    size_t len, bool pdf, struct diag *d)
{
	struct norm h = {0};
	struct hits hs = {0};
	normalize(&h, data, len, pdf ? LK_PDF : LK_TEX);
	search(k, &h, pdf, &hs);
	norm_free(&h);
	if (hs.n)
		qsort(hs.v, hs.n, sizeof *hs.v, hit_cmp);
	size_t page = 1, pos = 0;
	for (size_t i = 0; i < hs.n; i++) {
		const struct hit *t = &hs.v[i];
		char *shown = text_show(data + t->start, t->end - t->start, SHOW_MAX);
		if (pdf) {
			for (; pos < t->start; pos++)
				page += data[pos] == '\f';
			char *where = xasprintf("page %zu", page);
			diag_in(d, D_LEAK, file, where, shown);
			free(where);
		} else {
			size_t line, col;
			raw_line_col(data, len, t->start, &line, &col);
			diag_at(d, D_LEAK, file, line, col, shown);
		}
		free(shown);
	}
	free(hs.v);
	return hs.n;
}

long lk_scan(const char *key, const char *file, const char *data, size_t len,
             int pdf, FILE *out)
{
	struct lk_key k;
	struct diag d;
	diag_init(&d, out);
	long n = -1;
	if (lk_key_parse(&k, "key", key, strlen(key), &d) == 0)
		n = (long)lk_scan_text(&k, file, data, len, pdf, &d);
	lk_key_free(&k);
	diag_free(&d);
	return n;
}

