/* fuzz_escape.c - libFuzzer target: the LaTeX escaper (latex/texout.c) on
 * any bytes, in every context that is typeset.  The oracle reads the TeX
 * it wrote as TeX would:
 *   - braces balance; no character TeX treats specially (% # $ & _ ^ " '
 *     ` LF) outside the escapes the escaper writes; no space after a
 *     control word (TeX would swallow it);
 *   - no ligature of the T1 fonts forms across what it wrote: -- and ---,
 *     en dash + hyphen (an em dash), `` '' ?` !` << >> ,, -- where the en
 *     dash, ‘ and ’ go out as UTF-8 (LaTeX's utf8 input maps them to T1
 *     slots 21, 96 and 39, which take part in the ligatures);
 *   - every en dash, em dash, typographic quote and guillemet of the input
 *     comes out as something that prints exactly that character: as itself
 *     or as its text command, once per input character.
 * The ligatures marked known in ligs[] are open bugs (issue 10): they are
 * not reported unless SITAT_FUZZ_STRICT=1 is set (docs/testing.md). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "latex/texout.h"

/* Glyph classes of the oracle: a character that takes part in a T1
 * ligature is its ASCII form ('E' an en dash, 'M' an em dash); 'x' any
 * other glyph; 0 a break (a group, a space, a penalty, a discretionary). */
struct lig {
	char a, b;
	const char *what;
	bool known; /* an open bug (issue 10): reported only when strict */
};
static const struct lig ligs[] = {
	{'-', '-', "-- (en dash)", false},
	{'E', '-', "en dash + hyphen (em dash)", true},
	{'`', '`', "`` (double quote)", true},
	{'\'', '\'', "'' (double quote)", true},
	{'?', '`', "?` (inverted question mark)", true},
	{'!', '`', "!` (inverted exclamation mark)", true},
	{'<', '<', "<< (guillemet)", false},
	{'>', '>', ">> (guillemet)", false},
	{',', ',', ",, (low double quote)", false},
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
		if (ligs[k].known && !fuzz_strict())
			return;
		fuzz_fail("ligature %s at byte %zu of the output \"%.*s\" (input %zu bytes: \"%.*s\")",
		          ligs[k].what, i, (int)(i < 400 ? i : 400), out, n,
		          (int)(n < 400 ? n : 400), in);
	}
}

FUZZ_ORACLE static void check(const char *in, size_t n, const char *s, size_t len)
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
	const unsigned char *o = (const unsigned char *)s;
	for (size_t i = 0; i < len;) {
		char c = s[i], cls;
		if (c == '\\') {
			size_t j = i + 1;
			while (j < len && ((s[j] >= 'a' && s[j] <= 'z') || (s[j] >= 'A' && s[j] <= 'Z')))
				j++;
			if (j == i + 1) {
				/* a control symbol: \{ \} \$ \& \# \_ \% print a glyph
				 * that forms no ligature, \- is a discretionary */
				if (j >= len || !s[j] || !strchr("{}$&#_%-", s[j]))
					fuzz_fail("bad control symbol at byte %zu: \"%.*s\"", i,
					          (int)(len - i), s + i);
				cls = s[j] == '-' ? 0 : 'x';
				i = j + 1;
			} else {
				const char *w = s + i + 1;
				size_t wn = j - i - 1;
				int k = punct_of_cmd(w, wn);
				if (k >= 0)
					got[k]++;
				if (wn == 8 && !memcmp(w, "textless", 8))
					cls = '<';
				else if (wn == 11 && !memcmp(w, "textgreater", 11))
					cls = '>';
				else if (k >= 0)
					cls = cls_of_cp(punct[k].cp);
				else
					cls = 0;
				if (j < len && s[j] == ' ')
					fuzz_fail("space after \\%.*s is swallowed by TeX", (int)wn, w);
				i = j;
			}
		} else if ((unsigned char)c >= 0x80) {
			uint32_t cp;
			size_t m = fuzz_utf8(o, len, i, &cp);
			if (!m)
				fuzz_fail("invalid UTF-8 in the output at byte %zu", i);
			int k = punct_of_cp(cp);
			if (k >= 0)
				got[k]++;
			cls = cls_of_cp(cp);
			i += m;
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
			if (c == '{' || c == '}' || c == ' ' || c == '~')
				cls = 0;
			else if (strchr("-?!<>,", c))
				cls = c;
			else
				cls = 'x';
			i++;
		}
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

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t n)
{
	static const enum tex_ctx ctx[] = {TEX_TEXT, TEX_BIB, TEX_ID, TEX_KEY, TEX_URL};
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
		} else if (ctx[k] != TEX_KEY) { /* a key is never typeset */
			check(in, n, s, b.len);
		}
		buf_free(&b);
	}
	return 0;
}
