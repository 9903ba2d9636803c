/* texout.h - the only way text reaches generated LaTeX.  Every call names
 * its escape context:
 *   TEX_LIT   trusted markup written by sitat itself, copied as is;
 *   TEX_TEXT  untrusted text from the store, in a file sitat generates
 *             (read by sitat.sty with @ a letter): every character TeX
 *             treats specially is printed literally, and the text-level
 *             macros of thesis/sitat-text.def carry what the fonts of one
 *             engine cannot (the protocol is below; docs/store-text.md);
 *   TEX_VAL   a value that is also read back from the PDF (the stamp: a
 *             commit, git describe): as TEX_TEXT, but never broken (no
 *             \sitat@br{}, no line ends);
 *   TEX_DOC   untrusted text in a file read with @ not a letter (the main
 *             file `sitat init` writes): as TEX_TEXT, but only with LaTeX
 *             kernel commands (see "kernel forms" below);
 *   TEX_ID    an id already validated by the store ([A-Za-z0-9.:-]); any
 *             other character is escaped as TEX_DOC would;
 *   TEX_KEY   a biblatex entry key ([A-Za-z0-9_.:-]), for \cite arguments
 *             and .bib entries only (never typeset); else as TEX_DOC;
 *   TEX_BIB   untrusted text in a .bib field (biblatex reads the .bbl with
 *             @ not a letter): the kernel forms, and braces are
 *             \textbraceleft{} / \textbraceright{}, because biber counts
 *             \{ and \} as braces of the field; ' " ` < > | are
 *             \csname textquotesingle\endcsname{} ..., because biber
 *             decodes \textquotesingle{} into a ' that TeX makes a ’;
 *   TEX_URL   a URL for a verbatim .bib field (biber and \url take it
 *             literally): printable ASCII other than { } \ is copied;
 *             every other byte (space, { } \, the UTF-8 of non-ASCII) is
 *             percent-encoded (%20, %7B, %C3%A5), so nothing is dropped.
 *
 * The text-level protocol (TEX_TEXT; sitat-text.def defines each macro):
 *   \sitat@par{}          a paragraph break (a blank line in the store)
 *   \sitat@bad{}          a control character or invalid byte
 *   \sitat@miss{HEX}      a character no engine prints (unassigned,
 *                         private use, format and bidi controls): the
 *                         placeholder [U+HEX], breakable after it
 *   \sitat@lb{}           between two characters of a ligature or TeX
 *                         input convention (- – — ‘ ’ ‚ “ ” „ ‹ › « » ? !
 *                         , < > ' " `): no ligature forms across it
 *   \sitat@br{}           a line break opportunity without a hyphen: in a
 *                         run of more than TEX_LONG_RUN code points without
 *                         a space, after every TEX_BR_EVERY of them; in a
 *                         run of more than TEX_SLASH_RUN (a URL, a path),
 *                         after each /; and for U+200B (zero width space)
 *   \sitat@run{SCRIPT}{…} a run of text in SCRIPT (latn grek cyrl hebr arab
 *                         hans jpan symb), for the characters the Latin
 *                         fonts lack: in it, \sitat@u{HEX} is one such
 *                         character (XeLaTeX/LuaLaTeX: the character, in
 *                         the script's fallback font, right to left for
 *                         hebr and arab; pdfLaTeX: the placeholder
 *                         [U+HEX], breakable after it); other characters
 *                         in it are escaped as outside
 *   \sitat@ltr{…}         in a hebr or arab run: digits and other
 *                         neutral characters, set left to right; in a
 *                         \sitat@rtl paragraph: an island of Latin words,
 *                         digits and left-to-right scripts
 *   \sitat@rtl{…}         a paragraph (up to a blank line) whose first
 *                         strong letter is Hebrew or Arabic: right to left
 *                         as a whole (its runs change only the font)
 * and the text's lines end with % + newline (never inside a control word
 * or a UTF-8 sequence, never before a space) when they are longer than
 * TEX_LINE_SOFT bytes, so no line of a generated file is longer than
 * TEX_LINE_MAX bytes whatever the store holds.
 *
 * The kernel forms (TEX_DOC, TEX_BIB, and TEX_ID/TEX_KEY out of their
 * character set): a paragraph break is a space, a control character
 * {[}?{]}, a ligature break {\kern0pt}, a break in a long run
 * \allowbreak{}.  TEX_DOC and TEX_BIB write the script macros as
 * {\csname sitat@run\endcsname{S}{...\csname sitat@u\endcsname{HEX}...}}
 * (and sitat@miss, sitat@rtl, sitat@ltr so, each in a group); TEX_ID and
 * TEX_KEY a character beyond the Latin fonts as {[}U+HEX{]}\allowbreak{}. */
#ifndef SITAT_TEXOUT_H
#define SITAT_TEXOUT_H

#include <stdbool.h>
#include <stddef.h>
#include <string.h>

#include "core/util.h"

enum tex_ctx { TEX_LIT, TEX_TEXT, TEX_ID, TEX_KEY, TEX_BIB, TEX_URL, TEX_DOC, TEX_VAL };

#define TEX_LONG_RUN 30    /* code points without a space */
#define TEX_BR_EVERY 4     /* code points between breaks in a long run */
#define TEX_SLASH_RUN 16   /* code points: a longer run breaks after a / */
#define TEX_LINE_SOFT 1000 /* bytes: a line of text is ended after this */
#define TEX_LINE_MAX 4096  /* bytes: the longest line the escaper writes */

void tex_outn(struct buf *b, enum tex_ctx ctx, const char *s, size_t n);
static inline void tex_out(struct buf *b, enum tex_ctx ctx, const char *s)
{
	tex_outn(b, ctx, s, strlen(s));
}
/* An unsigned number (always safe). */
void tex_num(struct buf *b, size_t n);

/* true when the code point is printed as itself (a character the T1 fonts
 * and LaTeX's utf8 input have); the others go into a \sitat@run or become
 * \sitat@miss{HEX}. */
int tex_char_supported(unsigned long c);

/* The script class of a code point the T1 fonts lack, as the escaper
 * uses it: TS_NONE for a character printed as itself (or escaped), TS_MISS
 * for one no engine prints (\sitat@miss), TS_MARK for a combining mark
 * (it joins the run of the character before it). */
enum tex_script {
	TS_NONE, TS_LATN, TS_GREK, TS_CYRL, TS_HEBR, TS_ARAB, TS_CJK, TS_SYMB,
	TS_MARK, TS_MISS, TS__COUNT
};
enum tex_script tex_script_of(unsigned long c);
/* English name of a class, for messages ("Arabic", "combining marks"). */
const char *tex_script_name(enum tex_script k);
/* true for the bidirectional controls U+061C, U+200E, U+200F,
 * U+202A-202E and U+2066-2069 (never written as themselves). */
bool tex_is_bidi_control(unsigned long c);
/* The classes of s (n bytes of valid UTF-8) that pdfLaTeX prints as
 * placeholders (bit 1 << class; TS_MISS is not counted, it is a
 * placeholder under every engine); *first gets the byte offset of the
 * first such character. */
unsigned tex_pdflatex_placeholders(const char *s, size_t n, size_t *first);

/* For an engine that is pdflatex: a note to d for each anchored quote of
 * s with characters pdfLaTeX prints as placeholders (at the first of them,
 * naming the scripts), up to TEX_PDFLATEX_NOTES, then one summary.  sitat
 * check calls it when the project's engine is pdflatex; a build with
 * --engine pdflatex may too. */
#define TEX_PDFLATEX_NOTES 20
struct store;
struct diag;
void tex_note_pdflatex(const struct store *s, struct diag *d);

#endif
