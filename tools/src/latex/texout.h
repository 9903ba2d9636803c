/* texout.h - the only way text reaches generated LaTeX.  Every call names
 * its escape context:
 *   TEX_LIT   trusted markup written by sitat itself, copied as is;
 *   TEX_TEXT  untrusted text from the store: every character TeX treats
 *             specially is printed literally (see texout.c for the table);
 *   TEX_ID    an id already validated by the store ([A-Za-z0-9.:-]); any
 *             other character is escaped as TEX_TEXT would;
 *   TEX_KEY   a biblatex entry key ([A-Za-z0-9_.:-]), for \cite arguments
 *             and .bib entries only (never typeset); else as TEX_TEXT;
 *   TEX_BIB   untrusted text in a .bib field: as TEX_TEXT, but braces are
 *             \textbraceleft{} / \textbraceright{}, because biber counts
 *             \{ and \} as braces of the field;
 *   TEX_URL   a URL for a verbatim .bib field (biber and \url take it
 *             literally): printable ASCII other than { } \ is copied;
 *             every other byte (space, { } \, the UTF-8 of non-ASCII) is
 *             percent-encoded (%20, %7B, %C3%A5), so nothing is dropped. */
#ifndef SITAT_TEXOUT_H
#define SITAT_TEXOUT_H

#include <stddef.h>
#include <string.h>

#include "core/util.h"

enum tex_ctx { TEX_LIT, TEX_TEXT, TEX_ID, TEX_KEY, TEX_BIB, TEX_URL };

void tex_outn(struct buf *b, enum tex_ctx ctx, const char *s, size_t n);
static inline void tex_out(struct buf *b, enum tex_ctx ctx, const char *s)
{
	tex_outn(b, ctx, s, strlen(s));
}
/* An unsigned number (always safe). */
void tex_num(struct buf *b, size_t n);

/* true when the code point is printed as itself (a character the T1 fonts
 * and LaTeX's utf8 input have); others become \sitatmissing{HEX}. */
int tex_char_supported(unsigned long c);

#endif
