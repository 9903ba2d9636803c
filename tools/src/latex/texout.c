/* texout.c - LaTeX escaping: untrusted UTF-8 text in, safe LaTeX out.
 *
 * The text is decoded one code point at a time with one code point of
 * lookahead (as cmark's latex.c does).  The table:
 *   \ { } $ & # ^ _ % ~      backslash-escaped or \text... commands
 *   < > | " ' `              \textless{} ... (no ligatures, no shorthands)
 *   [ ]                      braced, so they never end an optional argument
 *   - followed by -          -{} (no en/em-dash ligature)
 *   , followed by ,          ,{} (T1 has a ,, ligature)
 *   LF                       a space; a blank line is \sitatpar{}
 *   TAB                      a space
 *   other C0/C1 controls     \sitatbadchar{}
 *   U+00A0, U+00AD           ~ and \-
 *   Latin-1, Latin Extended-A, typographic quotes/dashes: raw UTF-8
 *   anything else            \sitatmissing{HEX} (the fonts lack it)
 * Invalid UTF-8 never gets here (the store rejects it); if it does, each
 * bad byte becomes \sitatbadchar{}. */
#include "latex/texout.h"

#include <stdbool.h>
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

static void out_cp(struct buf *b, long c, long next, bool bib)
{
	char tmp[32];
	switch (c) {
	case '\\': buf_puts(b, "\\textbackslash{}"); return;
	case '{':  buf_puts(b, bib ? "\\textbraceleft{}" : "\\{"); return;
	case '}':  buf_puts(b, bib ? "\\textbraceright{}" : "\\}"); return;
	case '$':  buf_puts(b, "\\$"); return;
	case '&':  buf_puts(b, "\\&"); return;
	case '#':  buf_puts(b, "\\#"); return;
	case '^':  buf_puts(b, "\\textasciicircum{}"); return;
	case '_':  buf_puts(b, "\\_"); return;
	case '%':  buf_puts(b, "\\%"); return;
	case '~':  buf_puts(b, "\\textasciitilde{}"); return;
	case '<':  buf_puts(b, "\\textless{}"); return;
	case '>':  buf_puts(b, "\\textgreater{}"); return;
	case '|':  buf_puts(b, "\\textbar{}"); return;
	case '"':  buf_puts(b, "\\textquotedbl{}"); return;
	case '\'': buf_puts(b, "\\textquotesingle{}"); return;
	case '`':  buf_puts(b, "\\textasciigrave{}"); return;
	case '[':  buf_puts(b, "{[}"); return;
	case ']':  buf_puts(b, "{]}"); return;
	case '-':  buf_puts(b, next == '-' ? "-{}" : "-"); return;
	case ',':  buf_puts(b, next == ',' ? ",{}" : ","); return;
	case '\t': buf_putc(b, ' '); return;
	case 0xA0: buf_putc(b, '~'); return;
	case 0xAD: buf_puts(b, "\\-"); return;
	}
	if (c < 0x20 || (c >= 0x7F && c < 0xA0) || c == 0xFFFD || c < 0) {
		buf_puts(b, "\\sitatbadchar{}");
		return;
	}
	if (!tex_char_supported((unsigned long)c)) {
		snprintf(tmp, sizeof tmp, "\\sitatmissing{%04lX}", (unsigned long)c);
		buf_puts(b, tmp);
		return;
	}
	utf8proc_uint8_t enc[4];
	utf8proc_ssize_t n = utf8proc_encode_char((utf8proc_int32_t)c, enc);
	buf_add(b, enc, (size_t)n);
}

static long decode(const char *s, size_t n, size_t *len)
{
	if (n == 0) {
		*len = 0;
		return -2; /* end */
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

/* Printable ASCII that TeX prints as itself, copied in runs: every byte
 * from 0x20 to 0x7E except \\ { } $ & # ^ _ % ~ < > | " ' ` [ ] - , */
static const bool plain[128] = {
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	1, 1, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 0, 0, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 1, 0, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0,
	0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0,
};

static void out_text(struct buf *b, const char *s, size_t n, bool bib)
{
	size_t i = 0;
	while (i < n) {
		size_t j = i;
		while (j < n && (unsigned char)s[j] < 0x80 && plain[(unsigned char)s[j]])
			j++;
		if (j > i) {
			buf_add(b, s + i, j - i);
			i = j;
			continue;
		}
		size_t len, nlen;
		long c = decode(s + i, n - i, &len);
		long next = decode(s + i + len, n - i - len, &nlen);
		if (c == '\n') {
			i += len;
			if (next == '\n') {
				/* a blank line (or several): one paragraph break */
				buf_puts(b, "\\sitatpar{}");
				while (i < n && s[i] == '\n')
					i++;
			} else {
				buf_putc(b, ' ');
			}
			continue;
		}
		if (c > 0xAD && tex_char_supported((unsigned long)c))
			buf_add(b, s + i, len); /* a letter the fonts have: as it is */
		else
			out_cp(b, c, next, bib);
		i += len;
	}
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
			bool dashes = c == '-' && i + 1 < n && s[i + 1] == '-' &&
			              ctx == TEX_ID; /* a typeset id: no en dash */
			if (!dashes && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
			                (c >= '0' && c <= '9') || c == '.' || c == '-' ||
			                c == ':' || (c == '_' && ctx == TEX_KEY)))
				continue;
			out_text(b, s, n, false); /* not an id: treat as text */
			return;
		}
		buf_add(b, s, n);
		return;
	case TEX_TEXT:
		out_text(b, s, n, false);
		return;
	case TEX_BIB:
		out_text(b, s, n, true);
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

void tex_num(struct buf *b, size_t n)
{
	char tmp[24];
	size_t k = sizeof tmp;
	do
		tmp[--k] = (char)('0' + n % 10);
	while ((n /= 10) > 0);
	buf_add(b, tmp + k, sizeof tmp - k);
}
