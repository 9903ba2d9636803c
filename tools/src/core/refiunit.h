/* refiunit.h - what a REFI-QDA position counts, worked out from the text
 * itself, and the conversion of positions into the store's unit.
 *
 * The standard counts Unicode code points from 0; NVivo counts UTF-16
 * code units; ATLAS.ti counts a CRLF line end as one; a byte order mark
 * may or may not be counted.  A reading is one such convention.  Given
 * the raw bytes of a source's plain text (as in the archive: UTF-8 with
 * or without a BOM, CRLF or LF) and its selections' [start, end), every
 * reading that gives the text a different meaning is scored:
 *   - fit: selections whose both ends fall inside the text and on a
 *     character boundary (not inside a surrogate pair, not between the CR
 *     and the LF of a CRLF counted as two, start <= end);
 *   - words: of those, selections whose both ends are on a word
 *     boundary (start: at the text's start or after a character that is
 *     not a letter or digit, or before one that is not; end likewise) --
 *     how people select text.
 * A reading that does not differ from another for this text (no
 * character outside the BMP: UTF-16 = code points; no CRLF; no BOM) is
 * not scored twice: refiunit_readings folds them.
 *
 * Positions become "input code points" as core/normalize.h numbers them
 * (the decoded text, the BOM not counted), which its position map takes
 * to the normalised text. */
#ifndef SITAT_REFIUNIT_H
#define SITAT_REFIUNIT_H

#include <stdbool.h>
#include <stddef.h>

struct refi_unit {
	bool utf16;       /* UTF-16 code units (else code points) */
	bool crlf_one;    /* a CRLF counts as one position (else two) */
	bool bom_counted; /* a BOM at the start counts as one position */
};

/* "codepoint", "utf16", with "+crlf1" and "+bom" when set: the names
 * --unit takes and reports print.  Static storage. */
const char *refiunit_name(const struct refi_unit *u);
/* Parse a name refiunit_name gives; 0, or -1 when it is not one. */
int refiunit_parse(const char *s, struct refi_unit *u);

struct refi_range {
	long long start, end;
};

struct refi_reading {
	struct refi_unit unit;
	size_t fit, words; /* see above */
	char same[128];    /* the readings it stands for, e.g. "codepoint = utf16" */
};

/* Score one reading u of text (n bytes) for r[0..nr): *fit and *words
 * as above.  For a file's decision, sum them over its sources. */
void refiunit_score(const char *text, size_t n, const struct refi_range *r, size_t nr,
                    const struct refi_unit *u, size_t *fit, size_t *words);

/* Score the readings of text (n bytes, UTF-8, possibly with a BOM and
 * CRLF) for the selections r[0..nr): fills out (at most 8) with the
 * distinct readings, best first (most words, then most fit, then the
 * standard's order: codepoint before utf16, crlf as two before one, BOM
 * not counted before counted); returns how many. */
size_t refiunit_readings(const char *text, size_t n, const struct refi_range *r, size_t nr,
                         struct refi_reading *out);

/* The order of refiunit_readings, for qsort of struct refi_reading: most
 * words, then most fit, then the standard's order. */
int refiunit_reading_cmp(const void *a, const void *b);

/* The table of a reading: t[p] for p in 0..*np is the input code point
 * at position p (t[*np] = the number of input code points), or SIZE_MAX
 * when p falls inside a character (between the halves of a surrogate
 * pair, under utf16).  With CRLF counted as two, the position between
 * CR and LF maps to the LF's code point (valid, but not a boundary for
 * the score); counted as one, the position after the CRLF maps past the
 * LF.  A counted BOM is position 0 and maps to 0 like position 1.
 * Caller frees. */
size_t *refiunit_table(const char *text, size_t n, const struct refi_unit *u, size_t *np);

/* The reading a vendor's origin attribute implies: NVivo: utf16;
 * ATLAS.ti: codepoint+crlf1; anything else (MAXQDA, QualCoder, qc,
 * Quirkos, Taguette, none): the standard's codepoint.  Sets *who to a
 * short name of the vendor ("NVivo", or NULL when not known). */
struct refi_unit refiunit_of_origin(const char *origin, const char **who);

/* A readable code id from a code's name: NFD, marks dropped, æ ø å ß
 * and the like spelled in ASCII, lower case, every run of other
 * characters one '-', at most 40 characters cut at a '-', "code" when
 * nothing is left; [a-z0-9][a-z0-9.-]* (evidence/README.md).  Caller
 * frees.  Uniqueness is the caller's (append -2, -3...). */
char *refi_slug(const char *name);

#endif
