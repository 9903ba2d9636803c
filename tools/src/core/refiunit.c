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

/* ---- decoding --------------------------------------------------------- */

/* A pass over the text: the BOM is skipped by cur_init. */
struct cur {
	const unsigned char *s;
	size_t n, i;
	bool bom;
};

static void cur_init(struct cur *c, const char *text, size_t n)
{
	c->s = (const unsigned char *)text;
	c->n = n;
	c->bom = n >= 3 && !memcmp(text, "\xEF\xBB\xBF", 3);
	c->i = c->bom ? 3 : 0;
}

/* The next code point into *cp, skipping invalid bytes as normalize.c
 * does; false at the end. */
static inline bool cur_next(struct cur *c, int32_t *cp)
{
	while (c->i < c->n) {
		unsigned char b = c->s[c->i];
		if (b < 0x80) {
			*cp = b;
			c->i++;
			return true;
		}
		utf8proc_int32_t v;
		utf8proc_ssize_t k = utf8proc_iterate(c->s + c->i, (utf8proc_ssize_t)(c->n - c->i), &v);
		if (k < 0 || (v >= 0xD800 && v <= 0xDFFF)) {
			c->i++;
			continue;
		}
		c->i += (size_t)k;
		*cp = v;
		return true;
	}
	return false;
}

/* Is the code point just read a CR that an LF follows (the LF not yet
 * read)? */
static inline bool cur_crlf(const struct cur *c, int32_t cp)
{
	return cp == '\r' && c->i < c->n && c->s[c->i] == '\n';
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

/* ---- the table -------------------------------------------------------- */

size_t *refiunit_table(const char *text, size_t n, const struct refi_unit *u, size_t *np)
{
	/* a position takes at least one byte (a counted BOM three, a
	 * character outside the BMP four for two positions): n + 1 entries
	 * are enough */
	size_t *t = xmalloc((n + 1) * sizeof *t);
	struct cur c;
	cur_init(&c, text, n);
	size_t p = 0, in = 0;
	if (c.bom && u->bom_counted)
		t[p++] = 0;
	int32_t cp;
	while (cur_next(&c, &cp)) {
		t[p++] = in++;
		if (cur_crlf(&c, cp)) {
			c.i++; /* the LF */
			if (!u->crlf_one)
				t[p++] = in;
			in++;
		} else if (u->utf16 && cp >= 0x10000) {
			t[p++] = SIZE_MAX;
		}
	}
	t[p] = in;
	*np = p;
	if (p < n) {
		size_t *s = realloc(t, (p + 1) * sizeof *t);
		if (s)
			t = s;
	}
	return t;
}

/* ---- scores ----------------------------------------------------------- */

/* Two bits per position: a boundary of a character (fit), and of a word. */
struct marks {
	uint64_t *fit, *word;
	size_t np;
};

static inline void mark(uint64_t *b, size_t p)
{
	b[p >> 6] |= (uint64_t)1 << (p & 63);
}

static inline bool marked(const uint64_t *b, size_t p)
{
	return b[p >> 6] >> (p & 63) & 1;
}

/* A position is a word boundary when it is the text's start or end, or a
 * character on either side of it is not a letter or digit: it is not
 * inside a word. */
static void marks_make(struct marks *m, const char *text, size_t n, const struct refi_unit *u)
{
	size_t words = n / 64 + 1;
	m->fit = xcalloc(words, sizeof *m->fit);
	m->word = xcalloc(words, sizeof *m->word);
	struct cur c;
	cur_init(&c, text, n);
	size_t p = 0;
	bool prev = false; /* the character before p is a letter or digit */
	if (c.bom && u->bom_counted) {
		mark(m->fit, 0);
		mark(m->word, 0);
		p = 1; /* after the BOM, which is not a letter */
	}
	int32_t cp;
	while (cur_next(&c, &cp)) {
		bool w = is_word(cp);
		mark(m->fit, p);
		if (p == 0 || !prev || !w)
			mark(m->word, p);
		p++;
		if (cur_crlf(&c, cp)) {
			c.i++;
			p += !u->crlf_one; /* between CR and LF: no boundary */
			w = false;
		} else if (u->utf16 && cp >= 0x10000) {
			p++; /* between the surrogates: no boundary */
		}
		prev = w;
	}
	mark(m->fit, p);
	mark(m->word, p);
	m->np = p;
}

static void marks_free(struct marks *m)
{
	free(m->fit);
	free(m->word);
}

static void marks_score(const struct marks *m, const struct refi_range *r, size_t nr,
                        size_t *fit, size_t *words)
{
	size_t f = 0, w = 0;
	long long np = (long long)m->np;
	for (size_t k = 0; k < nr; k++) {
		long long s = r[k].start, e = r[k].end;
		if (s < 0 || s > e || e > np)
			continue;
		size_t a = (size_t)s, b = (size_t)e;
		if (!marked(m->fit, a) || !marked(m->fit, b))
			continue;
		f++;
		w += marked(m->word, a) && marked(m->word, b);
	}
	*fit = f;
	*words = w;
}

void refiunit_score(const char *text, size_t n, const struct refi_range *r, size_t nr,
                    const struct refi_unit *u, size_t *fit, size_t *words)
{
	struct marks m;
	marks_make(&m, text, n, u);
	marks_score(&m, r, nr, fit, words);
	marks_free(&m);
}

/* ---- readings --------------------------------------------------------- */

/* Which parts of a reading change the table of this text: bit 4 a
 * character outside the BMP, bit 2 a CRLF, bit 1 a BOM (unit_index's
 * bits). */
static unsigned text_differs(const char *text, size_t n)
{
	const unsigned char *s = (const unsigned char *)text;
	unsigned d = 0;
	if (n >= 3 && !memcmp(s, "\xEF\xBB\xBF", 3))
		d |= 1;
	for (const unsigned char *p = s; (p = memchr(p, '\r', n - (size_t)(p - s))); p++)
		if ((size_t)(p + 1 - s) < n && p[1] == '\n') {
			d |= 2;
			break;
		}
	/* a byte F0..F4 is always read as the start of a sequence (it is
	 * never a continuation byte): the text has a character outside the
	 * BMP when one of them starts a valid one */
	for (size_t i = 0; i < n; i++) {
		if (s[i] < 0xF0 || s[i] > 0xF4)
			continue;
		utf8proc_int32_t v;
		if (utf8proc_iterate(s + i, (utf8proc_ssize_t)(n - i), &v) == 4) {
			d |= 4;
			break;
		}
	}
	return d;
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

static int reading_cmp(const void *a, const void *b)
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
	unsigned fold = ~text_differs(text, n) & 7;
	size_t k = 0;
	for (unsigned i = 0; i < 8; i++) {
		if (i & fold)
			continue; /* stands for a reading with these bits clear */
		struct refi_reading *o = &out[k++];
		memset(o, 0, sizeof *o);
		o->unit = unit_at(i);
		refiunit_score(text, n, r, nr, &o->unit, &o->fit, &o->words);
		same_text(o->same, sizeof o->same, i, fold);
	}
	qsort(out, k, sizeof *out, reading_cmp);
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
