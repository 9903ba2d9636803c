/* texout.c - LaTeX escaping: untrusted UTF-8 text in, safe LaTeX out.
 *
 * The text is decoded into code points first, and each is classified
 * (tex_script_of); then runs are formed (a combining mark joins the run
 * of the character before it, taking a Latin-1 base letter into a latn
 * run; spaces, digits and punctuation between two characters of one right
 * to left script join that run; a paragraph whose first letter is Hebrew
 * or Arabic is \sitat@rtl{...}, its left-to-right parts \sitat@ltr{...}
 * islands), and the text is written one code point at a time, knowing its
 * neighbours.  The table (TEX_TEXT; texout.h has
 * the macros and the kernel forms of the other contexts):
 *   \ { } $ & # ^ _ % ~      backslash-escaped or \text... commands
 *   < > | " ' `              \textless{} ... (no ligatures, no shorthands)
 *   [ ]                      braced, so they never end an optional argument
 *   two ligature-prone chars \sitat@lb{} between them (lig_prone)
 *   LF                       a space; a blank line is \sitat@par{}
 *   TAB                      a space
 *   other C0/C1 controls     \sitat@bad{}
 *   U+00A0, U+00AD, U+200B   ~, \- and \sitat@br{}
 *   Latin-1, Latin Extended-A, typographic quotes/dashes: raw UTF-8
 *   a script the Latin fonts lack   \sitat@run{SCRIPT}{...\sitat@u{HEX}...}
 *   bidi controls, format characters, private use, unassigned
 *                            \sitat@miss{HEX}
 * Invalid UTF-8 never gets here (the store rejects it); if it does, each
 * bad byte is a control character. */
#include "latex/texout.h"
#include "core/store.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <utf8proc.h>

int tex_char_supported(unsigned long c)
{
	if (c >= 0x20 && c < 0x7F)
		return 1;
	if (c >= 0xA1 && c <= 0x17F)
		return c != 0xAD && c != 0x149;
	switch (c) {
	case 0x2013: case 0x2014: case 0x2018: case 0x2019: case 0x201A:
	case 0x201C: case 0x201D: case 0x201E: case 0x2020: case 0x2021:
	case 0x2022: case 0x2026: case 0x2030: case 0x2039: case 0x203A:
	case 0x20AC: case 0x2122:
		return 1;
	}
	return 0;
}

bool tex_is_bidi_control(unsigned long c)
{
	return c == 0x061C || c == 0x200E || c == 0x200F ||
	       (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069);
}

static const struct {
	unsigned long from, to;
	enum tex_script k;
} ranges[] = {
	{0x0100, 0x02FF, TS_LATN}, {0x0370, 0x03FF, TS_GREK},
	{0x0400, 0x052F, TS_CYRL}, {0x0590, 0x05FF, TS_HEBR},
	{0x0600, 0x06FF, TS_ARAB}, {0x0750, 0x077F, TS_ARAB},
	{0x0870, 0x08FF, TS_ARAB}, {0x1100, 0x11FF, TS_CJK},
	{0x1C80, 0x1C8F, TS_CYRL}, {0x1D00, 0x1DBF, TS_LATN},
	{0x1E00, 0x1EFF, TS_LATN}, {0x1F00, 0x1FFF, TS_GREK},
	{0x2000, 0x20CF, TS_LATN}, {0x2100, 0x2BFF, TS_SYMB},
	{0x2C60, 0x2C7F, TS_LATN}, {0x2E00, 0x2E7F, TS_LATN},
	{0x2E80, 0x2FDF, TS_CJK},  {0x2FF0, 0x31FF, TS_CJK},
	{0x3200, 0x4DBF, TS_CJK},  {0x4DC0, 0x4DFF, TS_SYMB},
	{0x4E00, 0x9FFF, TS_CJK},  {0xA640, 0xA69F, TS_CYRL},
	{0xA720, 0xA7FF, TS_LATN}, {0xA960, 0xA97F, TS_CJK},
	{0xAB30, 0xAB6F, TS_LATN}, {0xAC00, 0xD7FF, TS_CJK},
	{0xF900, 0xFAFF, TS_CJK},  {0xFB00, 0xFB06, TS_LATN},
	{0xFB1D, 0xFB4F, TS_HEBR}, {0xFB50, 0xFDFF, TS_ARAB},
	{0xFE10, 0xFE1F, TS_CJK},  {0xFE30, 0xFE4F, TS_CJK},
	{0xFE50, 0xFE6F, TS_LATN}, {0xFE70, 0xFEFF, TS_ARAB},
	{0xFF00, 0xFFEF, TS_CJK},  {0xFFF0, 0xFFFF, TS_SYMB},
	{0x1D400, 0x1D7FF, TS_SYMB}, {0x1F000, 0x1FBFF, TS_SYMB},
	{0x20000, 0x3FFFF, TS_CJK},
};

enum tex_script tex_script_of(unsigned long c)
{
	if (tex_char_supported(c) || c == 0xA0 || c == 0xAD || c == 0x200B ||
	    c < 0x20 || (c >= 0x7F && c < 0xA0) || c == 0xFFFD || c > 0x10FFFF)
		return TS_NONE;
	if (tex_is_bidi_control(c))
		return TS_MISS;
	if (c == 0x200C || c == 0x200D)
		return TS_MARK; /* ZWNJ, ZWJ: part of the cluster before them */
	switch (utf8proc_category((utf8proc_int32_t)c)) {
	case UTF8PROC_CATEGORY_CN: case UTF8PROC_CATEGORY_CO:
	case UTF8PROC_CATEGORY_CS: case UTF8PROC_CATEGORY_CF:
	case UTF8PROC_CATEGORY_ZL: case UTF8PROC_CATEGORY_ZP:
	case UTF8PROC_CATEGORY_CC:
		return TS_MISS;
	case UTF8PROC_CATEGORY_MN: case UTF8PROC_CATEGORY_ME:
	case UTF8PROC_CATEGORY_MC:
		return TS_MARK;
	default:
		break;
	}
	for (size_t k = 0; k < sizeof ranges / sizeof ranges[0]; k++)
		if (c >= ranges[k].from && c <= ranges[k].to)
			return ranges[k].k;
	return TS_MISS;
}

const char *tex_script_name(enum tex_script k)
{
	static const char *const names[TS__COUNT] = {
		[TS_NONE] = "Latin letters", [TS_LATN] = "extended Latin letters",
		[TS_GREK] = "Greek letters", [TS_CYRL] = "Cyrillic letters",
		[TS_HEBR] = "Hebrew letters", [TS_ARAB] = "Arabic letters",
		[TS_CJK] = "Chinese, Japanese or Korean characters",
		[TS_SYMB] = "symbols and emoji", [TS_MARK] = "combining marks",
		[TS_MISS] = "unprintable characters",
	};
	return k < TS__COUNT ? names[k] : "?";
}

/* ---- decoding and classification ------------------------------------- */

enum { F_MARK = 1, F_NEUT = 2, F_LTR = 4, F_RTLBASE = 8, F_ISLAND = 16 };

struct cp {
	int32_t c;      /* the code point; -1 an invalid byte */
	uint32_t off;   /* byte offset in the input */
	uint8_t len;    /* bytes */
	uint8_t sc;     /* enum tex_script of its run (TS_NONE: none) */
	uint8_t flags;
};

static long decode(const char *s, size_t n, size_t *len)
{
	if ((unsigned char)s[0] < 0x80) {
		*len = 1;
		return (unsigned char)s[0];
	}
	utf8proc_int32_t c;
	utf8proc_ssize_t m = utf8proc_iterate((const utf8proc_uint8_t *)s,
	                                      (utf8proc_ssize_t)n, &c);
	if (m < 0) {
		*len = 1;
		return -1; /* invalid byte */
	}
	*len = (size_t)m;
	return c;
}

static bool is_rtl(int sc)
{
	return sc == TS_HEBR || sc == TS_ARAB;
}

static bool is_script(int sc)
{
	return sc >= TS_LATN && sc <= TS_SYMB;
}

/* A character that prints as itself and has no direction of its own: it
 * joins a right-to-left run it stands inside. */
static bool is_neutral(const struct cp *p, size_t i, size_t n)
{
	int32_t c = p[i].c;
	if (c == '\n')
		return !(i > 0 && p[i - 1].c == '\n') && !(i + 1 < n && p[i + 1].c == '\n');
	if (c == ' ' || c == '\t' || c == '\f' || c == 0xA0 || c == 0x200B)
		return true;
	if (c > 0x20 && c < 0x7F)
		return !((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'));
	if (c >= 0xA1 && tex_char_supported((unsigned long)c)) {
		utf8proc_category_t k = utf8proc_category(c);
		return k < UTF8PROC_CATEGORY_LU || k > UTF8PROC_CATEGORY_LO;
	}
	return false;
}

static bool is_space_cp(int32_t c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == 0x200B;
}

/* Characters that take part in a ligature or TeX input convention of the
 * T1 fonts, TECkit's tex-text mapping (XeTeX) or luaotfload's tlig (LuaTeX):
 * -- --- –- `` '' ‘‘ ’’ ,, << >> !` ?` !‘ ?‘ and their kin. */
static bool lig_prone(int32_t c)
{
	switch (c) {
	case '-': case '?': case '!': case ',': case '<': case '>': case '\'':
	case '"': case '`': case 0x2013: case 0x2014: case 0x2018: case 0x2019:
	case 0x201A: case 0x201C: case 0x201D: case 0x201E: case 0x2039:
	case 0x203A: case 0xAB: case 0xBB:
		return true;
	}
	return false;
}

static bool is_alnum(int32_t c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

static bool is_kana(int32_t c)
{
	return (c >= 0x3040 && c <= 0x30FF) || (c >= 0x31F0 && c <= 0x31FF) ||
	       (c >= 0xFF66 && c <= 0xFF9F);
}

/* A strong character of the bidi algorithm (L, R, AL): a letter. */
static bool strong(const struct cp *q)
{
	if (q->c < 0 || (q->flags & F_MARK))
		return false;
	utf8proc_propval_t k = utf8proc_get_property(q->c)->bidi_class;
	return k == UTF8PROC_BIDI_CLASS_L || k == UTF8PROC_BIDI_CLASS_R ||
	       k == UTF8PROC_BIDI_CLASS_AL;
}

/* Left to right inside a right-to-left paragraph: a strong letter that is
 * not Hebrew or Arabic, a European digit. */
static bool ltrish(const struct cp *q)
{
	if (q->c < 0 || is_rtl(q->sc))
		return false;
	utf8proc_propval_t k = utf8proc_get_property(q->c)->bidi_class;
	return (k == UTF8PROC_BIDI_CLASS_L && !(q->flags & F_MARK)) ||
	       k == UTF8PROC_BIDI_CLASS_EN;
}

/* Decode s into p (n code points at most; returns how many) and give each
 * the script of its run. */
static size_t classify(const char *s, size_t n, struct cp *p)
{
	size_t m = 0;
	for (size_t i = 0; i < n;) {
		size_t len;
		long c = decode(s + i, n - i, &len);
		int k = c < 0 ? TS_NONE : (int)tex_script_of((unsigned long)c);
		p[m] = (struct cp){.c = (int32_t)c, .off = (uint32_t)i, .len = (uint8_t)len,
		                   .sc = (uint8_t)k, .flags = k == TS_MARK ? F_MARK : 0};
		if (k == TS_MARK) {
			/* a mark joins the run of the character before it */
			struct cp *q = m ? &p[m - 1] : NULL;
			if (q && is_script(q->sc)) {
				p[m].sc = q->sc;
			} else {
				p[m].sc = TS_LATN;
				if (q && q->sc == TS_NONE && q->c > 0x20 && q->c != 0x7F &&
				    (q->c < 0x80 || tex_char_supported((unsigned long)q->c)))
					q->sc = TS_LATN; /* the base letter goes with it */
			}
		}
		m++;
		i += len;
	}
	/* neutrals between two characters of one right-to-left script */
	size_t last = SIZE_MAX;
	for (size_t i = 0; i < m; i++) {
		if (is_rtl(p[i].sc)) {
			if (last != SIZE_MAX && p[last].sc == p[i].sc)
				for (size_t j = last + 1; j < i; j++)
					p[j].sc = p[i].sc, p[j].flags |= F_NEUT;
			last = i;
		} else if (!(p[i].sc == TS_NONE && is_neutral(p, i, m))) {
			last = SIZE_MAX;
		}
	}
	/* in a right-to-left run: what is set left to right */
	for (size_t i = 0; i < m; i++) {
		int32_t c = p[i].c;
		if (!is_rtl(p[i].sc))
			continue;
		if (((p[i].flags & F_NEUT) && !is_space_cp(c) && c != 0xA0) ||
		    (c >= 0x0660 && c <= 0x0669) || (c >= 0x06F0 && c <= 0x06F9))
			p[i].flags |= F_LTR;
	}
	/* a paragraph (a blank line ends one) whose first strong character is
	 * right to left is right to left as a whole (the Unicode bidi
	 * algorithm, P2-P3); in it, what is left to right (Latin words,
	 * digits, the runs of left-to-right scripts, and what stands between
	 * them) is an island */
	for (size_t ps = 0; ps < m;) {
		size_t pe = ps;
		while (pe < m && !(p[pe].c == '\n' && pe + 1 < m && p[pe + 1].c == '\n'))
			pe++;
		int dir = 0;
		for (size_t k = ps; k < pe && !dir; k++)
			dir = is_rtl(p[k].sc) && strong(&p[k]) ? 2 : strong(&p[k]) ? 1 : 0;
		if (dir == 2) {
			size_t lk = SIZE_MAX; /* the last left-to-right character */
			for (size_t k = ps; k < pe; k++) {
				p[k].flags |= F_RTLBASE;
				if (is_rtl(p[k].sc)) {
					lk = SIZE_MAX;
				} else if (ltrish(&p[k])) {
					for (size_t j = lk == SIZE_MAX ? k : lk + 1; j <= k; j++)
						p[j].flags |= F_ISLAND;
					lk = k;
				}
			}
			/* an island never ends inside a script run */
			for (size_t k = pe; k-- > ps + 1;)
				if ((p[k - 1].flags & F_ISLAND) && is_script(p[k].sc) &&
				    p[k].sc == p[k - 1].sc)
					p[k].flags |= F_ISLAND;
			for (size_t k = ps + 1; k < pe; k++)
				if ((p[k].flags & F_ISLAND) && is_script(p[k].sc) &&
				    p[k].sc == p[k - 1].sc)
					p[k - 1].flags |= F_ISLAND;
		}
		ps = pe;
		while (ps < m && p[ps].c == '\n')
			ps++;
	}
	return m;
}

/* ---- writing --------------------------------------------------------- */

struct out {
	struct buf *b;
	bool kernel; /* the kernel forms (TEX_DOC, TEX_BIB, TEX_ID/TEX_KEY) */
	bool cs;     /* script runs with \\csname sitat@...\\endcsname (TEX_DOC,
	              * TEX_BIB: files read with @ not a letter) */
	bool bib;
	const char *src; /* the input */
	size_t col;  /* bytes since the last newline in b */
};

static void put(struct out *o, const char *s)
{
	size_t n = strlen(s);
	buf_add(o->b, s, n);
	o->col += n;
}

static void put_hex(struct out *o, const char *pre, int32_t c, const char *post)
{
	char tmp[48];
	snprintf(tmp, sizeof tmp, "%s%04lX%s", pre, (unsigned long)c, post);
	put(o, tmp);
}

/* The line is long: end it with %, unless what comes next is a space that
 * the next line would lose (a space after a space is lost anyway). */
static void maybe_break(struct out *o, int32_t next)
{
	if (o->col < TEX_LINE_SOFT)
		return;
	bool sp = next == ' ' || next == '\t' || next == '\n' || next == '\f';
	if (sp && !(o->b->len && o->b->data[o->b->len - 1] == ' '))
		return;
	buf_add(o->b, "%\n", 2);
	o->col = 0;
}

/* In a .bib field, biber decodes \textquotesingle{} and its kin into the
 * characters themselves, which TeX then reads as input conventions (' is
 * a right quote, < an inverted ! in OT1): the command by \csname, which
 * biber leaves alone. */
static const char *bib_cmd(int32_t c)
{
	switch (c) {
	case '\'': return "\\csname textquotesingle\\endcsname{}";
	case '"':  return "\\csname textquotedbl\\endcsname{}";
	case '`':  return "\\csname textasciigrave\\endcsname{}";
	case '<':  return "\\csname textless\\endcsname{}";
	case '>':  return "\\csname textgreater\\endcsname{}";
	case '|':  return "\\csname textbar\\endcsname{}";
	}
	return NULL;
}

static void out_cp(struct out *o, const struct cp *p, size_t i)
{
	int32_t c = p[i].c;
	const char *bc = o->bib ? bib_cmd(c) : NULL;
	if (bc) {
		put(o, bc);
		return;
	}
	switch (c) {
	case '\\': put(o, "\\textbackslash{}"); return;
	case '{':  put(o, o->bib ? "\\textbraceleft{}" : "\\{"); return;
	case '}':  put(o, o->bib ? "\\textbraceright{}" : "\\}"); return;
	case '$':  put(o, "\\$"); return;
	case '&':  put(o, "\\&"); return;
	case '#':  put(o, "\\#"); return;
	case '^':  put(o, "\\textasciicircum{}"); return;
	case '_':  put(o, "\\_"); return;
	case '%':  put(o, "\\%"); return;
	case '~':  put(o, "\\textasciitilde{}"); return;
	case '<':  put(o, "\\textless{}"); return;
	case '>':  put(o, "\\textgreater{}"); return;
	case '|':  put(o, "\\textbar{}"); return;
	case '"':  put(o, "\\textquotedbl{}"); return;
	case '\'': put(o, "\\textquotesingle{}"); return;
	case '`':  put(o, "\\textasciigrave{}"); return;
	case '[':  put(o, "{[}"); return;
	case ']':  put(o, "{]}"); return;
	case '\t': case '\n': case '\f': put(o, " "); return; /* \f: a page break */
	case 0xA0: put(o, "~"); return;
	case 0xAD: put(o, "\\-"); return;
	case 0x200B: put(o, o->kernel ? "\\allowbreak{}" : "\\sitat@br{}"); return;
	}
	if (c < 0x20 || (c >= 0x7F && c < 0xA0) || c == 0xFFFD || c < 0) {
		put(o, o->kernel ? "{[}?{]}" : "\\sitat@bad{}");
		return;
	}
	if (tex_char_supported((unsigned long)c)) {
		buf_add(o->b, o->src + p[i].off, p[i].len);
		o->col += p[i].len;
		return;
	}
	if (o->kernel && !o->cs)
		put_hex(o, "{[}U+", c, "{]}\\allowbreak{}");
	else if (is_script(p[i].sc))
		put_hex(o, o->cs ? "\\csname sitat@u\\endcsname{" : "\\sitat@u{", c, "}");
	else
		put_hex(o, o->cs ? "{\\csname sitat@miss\\endcsname{" : "\\sitat@miss{", c,
		        o->cs ? "}}" : "}");
}

static const char *const run_names[TS__COUNT] = {
	[TS_LATN] = "latn", [TS_GREK] = "grek", [TS_CYRL] = "cyrl",
	[TS_HEBR] = "hebr", [TS_ARAB] = "arab", [TS_CJK] = "hans",
	[TS_SYMB] = "symb",
};

/* Bytes since the last newline of b (TEX_LINE_SOFT when there is none in
 * the last TEX_LINE_SOFT bytes: the text then breaks at once). */
static size_t column(const struct buf *b)
{
	size_t k = 0;
	while (k < b->len && k < TEX_LINE_SOFT && b->data[b->len - 1 - k] != '\n')
		k++;
	return k;
}

/* Open \\sitat@NAME{ (or {\\csname sitat@NAME\\endcsname{: a group, so that
 * biber takes it as one part of a name). */
static void open_mac(struct out *o, const char *name)
{
	put(o, o->cs ? "{\\csname sitat@" : "\\sitat@");
	put(o, name);
	put(o, o->cs ? "\\endcsname{" : "{");
}

static void close_mac(struct out *o)
{
	put(o, o->cs ? "}}" : "}");
}

static void out_text(struct buf *b, const char *s, size_t n, bool kernel, bool bib,
                     bool nobreak, bool cs)
{
	if (n == 0)
		return;
	struct cp *p = xmalloc(n * sizeof *p);
	size_t m = classify(s, n, p);
	struct out o = {.b = b, .kernel = kernel, .bib = bib, .cs = cs, .src = s,
	                .col = column(b)};
	bool scripts = !kernel || cs; /* runs, right-to-left paragraphs */
	size_t runlen = 0, runpos = 0; /* the run of non-space characters */
	int32_t lig = 0;                /* the last ligature-prone character */
	/* what is open, outermost first: a right-to-left paragraph, an island
	 * in it, a script run, a left-to-right part of the run */
	bool base = false, isl = false, ltr = false;
	int run = TS_NONE;
	for (size_t i = 0; i < m; i++) {
		int32_t c = p[i].c;
		int sc = scripts ? p[i].sc : TS_NONE;
		unsigned fl = scripts ? p[i].flags : 0;
		bool space = c == ' ' || c == '\t' || c == '\n' || c == '\f';
		bool par = c == '\n' && i + 1 < m && p[i + 1].c == '\n';
		bool want_base = (fl & F_RTLBASE) && !par, want_isl = (fl & F_ISLAND) && !par;
		bool want_ltr = (fl & F_LTR) && is_rtl(sc);
		/* TeX makes one space of several: so does the escaper, and a
		 * line never needs to end before a space */
		if (space && !par && o.b->len && o.b->data[o.b->len - 1] == ' ' &&
		    want_base == base && want_isl == isl && want_ltr == ltr && sc == run) {
			runlen = 0, lig = 0;
			continue;
		}
		if (!space && !nobreak)
			maybe_break(&o, c);
		/* close what ends here, innermost first */
		bool close_isl = isl && !want_isl, close_base = base && !want_base;
		bool close_run = run != TS_NONE && (run != sc || close_isl || close_base);
		if (ltr && (!want_ltr || close_run)) {
			close_mac(&o);
			ltr = false;
		}
		if (close_run) {
			close_mac(&o);
			run = TS_NONE;
		}
		if (close_isl || (isl && close_base)) {
			close_mac(&o);
			isl = false;
		}
		if (close_base) {
			close_mac(&o);
			base = false;
		}
		if (par) {
			/* a blank line (or several): one paragraph break */
			while (i + 1 < m && p[i + 1].c == '\n')
				i++;
			put(&o, kernel ? " " : "\\sitat@par{}");
			lig = 0, runlen = 0;
			continue;
		}
		/* open what starts here, outermost first */
		if (want_base && !base) {
			open_mac(&o, "rtl");
			base = true;
		}
		if (want_isl && !isl) {
			open_mac(&o, "ltr");
			isl = true;
		}
		/* the length of the run of non-space characters starting here */
		if (is_space_cp(c)) {
			runlen = 0;
		} else if (runlen == 0 || runpos >= runlen) {
			runlen = 0, runpos = 0;
			for (size_t j = i; j < m && !is_space_cp(p[j].c); j++)
				runlen++;
		}
		/* letters and digits of a short run outside any script run:
		 * copied as they are, in one piece */
		if (runlen <= TEX_SLASH_RUN && sc == TS_NONE && run == TS_NONE && is_alnum(c)) {
			size_t j = i + 1;
			while (j < m && is_alnum(p[j].c) &&
			       (!scripts || (p[j].sc == TS_NONE && p[j].flags == p[i].flags)))
				j++;
			size_t from = p[i].off, to = j < m ? p[j].off : n;
			buf_add(o.b, s + from, to - from);
			o.col += to - from;
			lig = 0;
			i = j - 1;
			continue;
		}
		/* a ligature break between two prone characters (a soft hyphen
		 * between them does not count) */
		if (lig_prone(c) && lig)
			put(&o, kernel ? "{\\kern0pt}" : "\\sitat@lb{}");
		if (c != 0xAD)
			lig = lig_prone(c) ? c : 0;
		if (is_script(sc) && run != sc) {
			const char *name = run_names[sc];
			if (sc == TS_CJK)
				for (size_t j = i; j < m && p[j].sc == TS_CJK; j++)
					if (is_kana(p[j].c)) {
						name = "jpan";
						break;
					}
			open_mac(&o, "run");
			put(&o, name);
			put(&o, "}{");
			run = sc;
		}
		if (want_ltr && !ltr) {
			open_mac(&o, "ltr");
			ltr = true;
		}
		out_cp(&o, p, i);
		/* a break in a long run, not before a combining mark; in a run
		 * longer than TEX_SLASH_RUN (a URL, a path) after each slash */
		if (runlen > TEX_SLASH_RUN && !nobreak) {
			runpos++;
			bool br = runlen > TEX_LONG_RUN ? runpos % TEX_BR_EVERY == 0 : c == '/';
			if (br && runpos < runlen && !(i + 1 < m && (p[i + 1].flags & F_MARK)))
				put(&o, kernel ? "\\allowbreak{}" : "\\sitat@br{}");
		}
	}
	for (int k = ltr + (run != TS_NONE) + isl + base; k > 0; k--)
		close_mac(&o);
	free(p);
}

void tex_outn(struct buf *b, enum tex_ctx ctx, const char *s, size_t n)
{
	switch (ctx) {
	case TEX_LIT:
		buf_add(b, s, n);
		return;
	case TEX_ID:
	case TEX_KEY:
		for (size_t i = 0; i < n; i++) {
			char c = s[i];
			/* "--" stays: the package \detokenize's ids (for \csname and
			 * anchors) and prints them in typewriter, which has no
			 * dash ligature under any engine */
			if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
			    (c >= '0' && c <= '9') || c == '.' || c == '-' ||
			    c == ':' || (c == '_' && ctx == TEX_KEY))
				continue;
			out_text(b, s, n, true, false, false, false); /* not an id: treat as text */
			return;
		}
		buf_add(b, s, n);
		return;
	case TEX_TEXT:
		out_text(b, s, n, false, false, false, false);
		return;
	case TEX_VAL:
		out_text(b, s, n, false, false, true, false);
		return;
	case TEX_DOC:
		out_text(b, s, n, true, false, false, true);
		return;
	case TEX_BIB:
		out_text(b, s, n, true, true, false, true);
		return;
	case TEX_URL:
		/* RFC 3986 percent-encoding of every byte a verbatim field
		 * cannot hold; a % already there stays (the URL is encoded) */
		for (size_t i = 0; i < n; i++) {
			unsigned char c = (unsigned char)s[i];
			if (c <= ' ' || c > '~' || c == '{' || c == '}' || c == '\\')
				buf_printf(b, "%%%02X", c);
			else
				buf_putc(b, (char)c);
		}
		return;
	}
}

unsigned tex_pdflatex_placeholders(const char *s, size_t n, size_t *first)
{
	unsigned bits = 0;
	*first = n;
	for (size_t i = 0; i < n;) {
		size_t len;
		long c = decode(s + i, n - i, &len);
		enum tex_script k = c < 0 ? TS_NONE : tex_script_of((unsigned long)c);
		if (k != TS_NONE && k != TS_MISS) {
			if (!bits)
				*first = i;
			bits |= 1u << k;
		}
		i += len;
	}
	return bits;
}

void tex_note_pdflatex(const struct store *s, struct diag *d)
{
	size_t quotes = 0;
	for (size_t i = 0; i < s->nsegs; i++) {
		const struct segment *g = &s->segs[i];
		if (!g->anchored)
			continue;
		size_t first;
		unsigned bits = tex_pdflatex_placeholders(g->exact, strlen(g->exact), &first);
		if (!bits || ++quotes > TEX_PDFLATEX_NOTES)
			continue;
		struct buf names;
		buf_init(&names);
		for (int k = 0; k < TS__COUNT; k++)
			if (bits & (1u << k))
				buf_printf(&names, "%s%s", names.len ? ", " : "",
				           tex_script_name((enum tex_script)k));
		const struct source *src = &s->sources[g->src];
		size_t off = text_cp_to_byte(&src->text, g->start) + first;
		diag_at(d, D_QUOTE_PDFLATEX, src->textfile, text_line_of(&src->text, off),
		        text_col_of(&src->text, off), g->id, names.data);
		buf_free(&names);
	}
	if (quotes > TEX_PDFLATEX_NOTES)
		diag_in(d, D_QUOTE_PDFLATEX_MORE, s->root, "segments",
		        quotes - TEX_PDFLATEX_NOTES, quotes);
}

void tex_num(struct buf *b, size_t n)
{
	char tmp[24];
	size_t k = sizeof tmp;
	do
		tmp[--k] = (char)('0' + n % 10);
	while ((n /= 10) > 0);
	buf_add(b, tmp + k, sizeof tmp - k);
}
