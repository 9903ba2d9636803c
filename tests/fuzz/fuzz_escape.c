/* fuzz_escape.c - libFuzzer target: the LaTeX escaper (latex/texout.c) on
 * any bytes, in every context that is typeset.  The oracle reads the TeX
 * it wrote as TeX would:
 *   - braces balance; no character TeX treats specially (% # $ & _ ^ " '
 *     ` LF) outside the escapes the escaper writes, except % + newline at
 *     the end of a line, and no line starts with a space (TeX would skip
 *     it) or is longer than TEX_LINE_MAX bytes; no space after a control
 *     word (TeX would swallow it); only the control words of the protocol
 *     (texout.h), \sitat@... ones only in TEX_TEXT; no bidirectional
 *     control character (U+061C, U+200E/F, U+202A-202E, U+2066-2069)
 *     written as itself;
 *   - no ligature of the T1 fonts, TECkit's tex-text mapping or LuaTeX's
 *     node ligatures forms across what it wrote: -- and ---, en dash +
 *     hyphen (an em dash), `` '' ?` !` << >> ,, where the en dash, ‘ and
 *     ’ go out as UTF-8 (LaTeX's utf8 input maps them to T1 slots 21, 96
 *     and 39, which take part in the ligatures).  Only \sitat@lb{} (or
 *     {\kern0pt}), a space or another glyph separates two such characters:
 *     an empty group does not (LuaTeX forms the ligature across it);
 *   - every en dash, em dash, typographic quote and guillemet of the input
 *     comes out as something that prints exactly that character: as itself
 *     or as its text command, once per input character. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "latex/texout.h"

/* Glyph classes of the oracle: a character that takes part in a ligature
 * is its ASCII form ('E' an en dash, 'M' an em dash); 'x' any other glyph;
 * 0 a break (a space, a kern, a penalty); what prints nothing and breaks
 * nothing (a group, a discretionary, a script run's opening) keeps the
 * class before it. */
struct lig {
	char a, b;
	const char *what;
};
static const struct lig ligs[] = {
	{'-', '-', "-- (en dash)"},
	{'E', '-', "en dash + hyphen (em dash)"},
	{'`', '`', "`` (double quote)"},
	{'\'', '\'', "'' (double quote)"},
	{'?', '`', "?` (inverted question mark)"},
	{'!', '`', "!` (inverted exclamation mark)"},
	{'<', '<', "<< (guillemet)"},
	{'>', '>', ">> (guillemet)"},
	{',', ',', ",, (low double quote)"},
};

/* The punctuation that must print as itself, with its text commands. */
static const struct {
	uint32_t cp;
	const char *cmd[3];
} punct[] = {
	{0x2013, {"textendash"}}, {0x2014, {"textemdash"}},
	{0x2018, {"textquoteleft"}}, {0x2019, {"textquoteright"}},
	{0x201A, {"quotesinglbase"}}, {0x201C, {"textquotedblleft"}},
	{0x201D, {"textquotedblright"}}, {0x201E, {"quotedblbase"}},
	{0x2039, {"guilsinglleft"}}, {0x203A, {"guilsinglright"}},
	{0xAB, {"guillemotleft", "guillemetleft"}},
	{0xBB, {"guillemotright", "guillemetright"}},
};
#define NPUNCT (sizeof punct / sizeof punct[0])

FUZZ_ORACLE static int punct_of_cp(uint32_t c)
{
	for (size_t k = 0; k < NPUNCT; k++)
		if (punct[k].cp == c)
			return (int)k;
	return -1;
}

FUZZ_ORACLE static int punct_of_cmd(const char *w, size_t n)
{
	for (size_t k = 0; k < NPUNCT; k++)
		for (size_t j = 0; j < 3 && punct[k].cmd[j]; j++)
			if (strlen(punct[k].cmd[j]) == n && !memcmp(punct[k].cmd[j], w, n))
				return (int)k;
	return -1;
}

FUZZ_ORACLE static char cls_of_cp(uint32_t c)
{
	switch (c) {
	case 0x2013: return 'E';
	case 0x2014: return 'M';
	case 0x2018: return '`';
	case 0x2019: return '\'';
	}
	return 'x';
}

FUZZ_ORACLE static void ligature(char a, char b, const char *in, size_t n, const char *out,
                     size_t i)
{
	for (size_t k = 0; k < sizeof ligs / sizeof ligs[0]; k++) {
		if (ligs[k].a != a || ligs[k].b != b)
			continue;
		fuzz_fail("ligature %s at byte %zu of the output \"%.*s\" (input %zu bytes: \"%.*s\")",
		          ligs[k].what, i, (int)(i < 400 ? i : 400), out, n,
		          (int)(n < 400 ? n : 400), in);
	}
}

/* A control word of the protocol: its name and what it is to the oracle
 * ('x' a glyph, 0 a break, 't' transparent); TEX_TEXT only (sitat) or
 * the kernel forms only (kernel). */
static const struct {
	const char *name;
	char cls;
	bool sitat, kernel;
} words[] = {
	{"textbackslash", 'x', 0, 0}, {"textasciicircum", 'x', 0, 0},
	{"textasciitilde", 'x', 0, 0}, {"textless", '<', 0, 0},
	{"textgreater", '>', 0, 0}, {"textbar", 'x', 0, 0},
	{"textquotedbl", 'x', 0, 0}, {"textquotesingle", 'x', 0, 0},
	{"textasciigrave", 'x', 0, 0}, {"textbraceleft", 'x', 0, 1},
	{"textbraceright", 'x', 0, 1}, {"kern", 0, 0, 1},
	{"allowbreak", 't', 0, 1}, {"sitat@par", 0, 1, 0},
	{"sitat@bad", 'x', 1, 0}, {"sitat@miss", 'x', 1, 0},
	{"sitat@lb", 0, 1, 0}, {"sitat@br", 't', 1, 0},
	{"sitat@run", 't', 1, 0}, {"sitat@u", 'x', 1, 0},
	{"sitat@ltr", 't', 1, 0}, {"sitat@rtl", 't', 1, 0},
};

FUZZ_ORACLE static bool bidi_control(uint32_t c)
{
	return c == 0x061C || c == 0x200E || c == 0x200F ||
	       (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069);
}

FUZZ_ORACLE static void check(const char *in, size_t n, const char *s, size_t len,
                              bool sitat, bool lines)
{
	size_t want[NPUNCT] = {0}, got[NPUNCT] = {0};
	const unsigned char *u = (const unsigned char *)in;
	for (size_t i = 0; i < n;) {
		uint32_t c;
		size_t m = fuzz_utf8(u, n, i, &c);
		if (!m) {
			i++;
			continue;
		}
		int k = punct_of_cp(c);
		if (k >= 0)
			want[k]++;
		i += m;
	}

	long depth = 0;
	char prev = 0;
	size_t line = 0;
	const unsigned char *o = (const unsigned char *)s;
	for (size_t i = 0; i < len;) {
		char c = s[i], cls;
		if (c == '%' && i + 1 < len && s[i + 1] == '\n') {
			/* the end of a line (TeX reads nothing of it) */
			if (i + 2 < len && s[i + 2] == ' ')
				fuzz_fail("a line starts with a space at byte %zu (TeX skips it)", i + 2);
			i += 2;
			line = 0;
			continue;
		}
		if (c == '\\') {
			size_t j = i + 1;
			while (j < len && ((s[j] >= 'a' && s[j] <= 'z') || (s[j] >= 'A' && s[j] <= 'Z') ||
			                   s[j] == '@'))
				j++;
			if (j == i + 1) {
				/* a control symbol: \{ \} \$ \& \# \_ \% print a glyph
				 * that forms no ligature, \- is a discretionary */
				if (j >= len || !s[j] || !strchr("{}$&#_%-", s[j]))
					fuzz_fail("bad control symbol at byte %zu: \"%.*s\"", i,
					          (int)(len - i), s + i);
				cls = s[j] == '-' ? 't' : 'x';
				i = j + 1;
			} else {
				const char *w = s + i + 1;
				size_t wn = j - i - 1;
				bool csn = false;
				if (!sitat && wn == 6 && !memcmp(w, "csname", 6)) {
					/* .bib, main file: \csname NAME\endcsname{ (biber
					 * leaves it; @ need not be a letter there) */
					size_t e = j + 1;
					while (e < len && ((s[e] >= 'a' && s[e] <= 'z') || s[e] == '@'))
						e++;
					if (j >= len || s[j] != ' ' || len - e < 11 ||
					    memcmp(s + e, "\\endcsname{", 11))
						fuzz_fail("\\csname not as \\csname NAME\\endcsname{ at byte %zu", i);
					w = s + j + 1;
					wn = e - j - 1;
					j = e + 10;
					csn = true;
				}
				int k = punct_of_cmd(w, wn);
				if (k >= 0)
					got[k]++;
				size_t q = 0;
				for (; q < sizeof words / sizeof words[0]; q++)
					if (strlen(words[q].name) == wn && !memcmp(words[q].name, w, wn))
						break;
				if (q == sizeof words / sizeof words[0] && k < 0)
					fuzz_fail("unknown control word \\%.*s", (int)wn, w);
				if (q < sizeof words / sizeof words[0] &&
				    ((words[q].sitat && !sitat && !csn) || (words[q].kernel && sitat)))
					fuzz_fail("\\%.*s in the wrong context", (int)wn, w);
				cls = k >= 0 ? cls_of_cp(punct[k].cp) : words[q].cls;
				if (j < len && s[j] == ' ')
					fuzz_fail("space after \\%.*s is swallowed by TeX", (int)wn, w);
				if (wn == 4 && !memcmp(w, "kern", 4)) {
					if (len - j < 4 || memcmp(s + j, "0pt}", 4))
						fuzz_fail("\\kern not as {\\kern0pt} at byte %zu", i);
					j += 3; /* the } closes the group */
				}
				if (wn == 9 && !memcmp(w, "sitat@run", 9)) {
					/* \sitat@run{NAME}{: the name is no text */
					size_t e = j;
					if (e < len && s[e] == '{')
						for (e++; e < len && s[e] >= 'a' && s[e] <= 'z'; e++)
							;
					if (e + 1 >= len || s[e] != '}' || s[e + 1] != '{')
						fuzz_fail("\\sitat@run without {NAME}{ at byte %zu", i);
					j = e + 1;
				}
				if ((wn == 7 && !memcmp(w, "sitat@u", 7)) ||
				    (wn == 10 && !memcmp(w, "sitat@miss", 10))) {
					/* {HEX}: four to six hex digits */
					size_t e = j + 1, h = 0;
					while (e < len && ((s[e] >= '0' && s[e] <= '9') || (s[e] >= 'A' && s[e] <= 'F')))
						e++, h++;
					if (j >= len || s[j] != '{' || h < 4 || h > 6 || e >= len || s[e] != '}')
						fuzz_fail("\\%.*s without {HEX} at byte %zu", (int)wn, w, i);
					j = e + 1;
				}
				line += j - i;
				i = j;
			}
		} else if ((unsigned char)c >= 0x80) {
			uint32_t cp;
			size_t m = fuzz_utf8(o, len, i, &cp);
			if (!m)
				fuzz_fail("invalid UTF-8 in the output at byte %zu", i);
			if (bidi_control(cp))
				fuzz_fail("bidirectional control U+%04X written as itself at byte %zu",
				          (unsigned)cp, i);
			int k = punct_of_cp(cp);
			if (k >= 0)
				got[k]++;
			cls = cls_of_cp(cp);
			i += m;
			line += m;
		} else {
			if (c == '{')
				depth++;
			else if (c == '}' && --depth < 0)
				fuzz_fail("unbalanced } at byte %zu", i);
			else if (c == '%' || c == '#' || c == '$' || c == '&' || c == '_' ||
			         c == '^' || c == '"' || c == '\'' || c == '`' || c == '\n' ||
			         (unsigned char)c < 0x20 || c == 0x7F)
				fuzz_fail("special character 0x%02X at byte %zu of the output",
				          (unsigned char)c, i);
			if (c == '{' || c == '}')
				cls = 't'; /* an empty group does not stop a ligature */
			else if (c == ' ' || c == '~')
				cls = 0;
			else if (strchr("-?!<>,", c))
				cls = c;
			else
				cls = 'x';
			i++;
			line++;
		}
		if (lines && line > TEX_LINE_MAX)
			fuzz_fail("a line longer than %d bytes", TEX_LINE_MAX);
		if (cls == 't')
			continue;
		if (prev && cls)
			ligature(prev, cls, in, n, s, i);
		prev = cls;
	}
	if (depth != 0)
		fuzz_fail("%ld unclosed {", depth);
	for (size_t k = 0; k < NPUNCT; k++)
		if (want[k] != got[k])
			fuzz_fail("U+%04X: %zu in the input, %zu printed", (unsigned)punct[k].cp,
			          want[k], got[k]);
}

/* [A-Za-z0-9.:-]*: what TEX_ID copies as it is */
static bool valid_id(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z') ||
		      (s[i] >= '0' && s[i] <= '9') || s[i] == '.' || s[i] == ':' || s[i] == '-'))
			return false;
	return true;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t n)
{
	static const enum tex_ctx ctx[] = {TEX_TEXT, TEX_BIB, TEX_ID, TEX_KEY, TEX_URL,
	                                   TEX_DOC, TEX_VAL};
	const char *in = (const char *)data;
	for (size_t k = 0; k < sizeof ctx / sizeof ctx[0]; k++) {
		struct buf b;
		buf_init(&b);
		tex_outn(&b, ctx[k], in, n);
		const char *s = b.data ? b.data : "";
		if (ctx[k] == TEX_URL) {
			/* never typeset: printable ASCII without { } \ or space,
			 * and a URL made only of those is copied as it is */
			bool plain = true;
			for (size_t i = 0; i < n && plain; i++)
				plain = in[i] > ' ' && in[i] <= '~' && !strchr("{}\\", in[i]);
			for (size_t i = 0; i < b.len; i++)
				if (s[i] <= ' ' || s[i] > '~' || strchr("{}\\", s[i]))
					fuzz_fail("TEX_URL wrote byte 0x%02X", (unsigned char)s[i]);
			if (plain && (b.len != n || memcmp(s, in, n)))
				fuzz_fail("TEX_URL changed a plain URL");
		} else if (ctx[k] == TEX_ID && valid_id(in, n)) {
			/* a valid id is copied whole ("--" too): the package
			 * detokenizes it and prints it in typewriter, which has
			 * no ligatures (texout.c) */
			if (b.len != n || memcmp(s, in, n))
				fuzz_fail("TEX_ID changed a valid id");
		} else if (ctx[k] != TEX_KEY) { /* a key is never typeset */
			/* TEX_VAL is never broken (a stamp value, short) */
			check(in, n, s, b.len, ctx[k] == TEX_TEXT || ctx[k] == TEX_VAL,
			      ctx[k] != TEX_VAL);
		}
		buf_free(&b);
	}
	return 0;
}
