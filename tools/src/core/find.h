/* find.h - finding a quote in a source text ignoring differences in
 * whitespace: a quote pasted from a PDF viewer or a word processor (one
 * line, spaces) is found in a hard-wrapped transcript (line breaks).
 *
 * The rules (evidence/README.md, "Coding from the command line"):
 *   - the needle is normalised to NFC first (utf8proc), as the texts are;
 *   - whitespace is a character of Unicode's White_Space property: SPACE,
 *     TAB, LF, VT, FF, CR, NEL, NO-BREAK SPACE, the spaces U+1680,
 *     U+2000..U+200A, U+2028, U+2029, U+202F, U+205F, U+3000;
 *   - leading and trailing whitespace of the needle is ignored;
 *   - a run of whitespace inside the needle matches a run of one or more
 *     whitespace characters in the text (any of them: a space in the
 *     needle matches a line break, a form feed or a NBSP in the text);
 *   - everything else must be equal, byte for byte (after NFC);
 *   - a match neither starts nor ends next to a combining mark of the
 *     text (general category M): it would cut a letter from its mark;
 *   - every occurrence counts, overlapping ones too, in text order.
 * Positions are byte offsets into the text (find_all, find_near); the
 * caller turns them into code points with core/text.h. */
#ifndef SITAT_FIND_H
#define SITAT_FIND_H

#include <stdbool.h>
#include <stddef.h>

/* A prepared needle: its NFC form without leading and trailing
 * whitespace, split into words (maximal runs of non-whitespace).  Owned by
 * the struct; find_needle_free releases it. */
struct find_needle {
	char *s;          /* NFC, trimmed, NUL-terminated */
	size_t len;       /* bytes of s */
	size_t *wb, *we;  /* byte range of word k in s: [wb[k], we[k]) */
	size_t nwords;
	bool normalised;  /* NFC changed the needle (it was not NFC) */
};

enum { FIND_BAD_UTF8 = -1, FIND_EMPTY = -2 };

/* Prepare s (len bytes, need not be NUL-terminated).  Returns 0, or
 * FIND_BAD_UTF8 (s is not valid UTF-8) or FIND_EMPTY (s is only
 * whitespace); n is empty then (find_needle_free is still safe). */
int find_needle_init(struct find_needle *n, const char *s, size_t len);
void find_needle_free(struct find_needle *n);

/* One occurrence: bytes [sb, eb) of the text. */
struct find_hit {
	size_t sb, eb;
	bool same; /* the text there is the needle byte for byte */
};

/* Every occurrence of n in hay (hlen bytes, need not be valid UTF-8) by
 * the rules above, in text order.  *out (caller frees) gets the hits;
 * returns their number (*out NULL when 0). */
size_t find_all(const char *hay, size_t hlen, const struct find_needle *n,
                struct find_hit **out);

/* Near matches, for "not found": the occurrences when case, quotation
 * marks (' " ` « » ‹ › and U+2018..U+201F, U+2032, U+2033 are all one)
 * and dashes (- U+2010..U+2015 U+2212 U+FE58 U+FE63 U+FF0D are all one)
 * are ignored too, each code point compared by its simple lower case.
 * hay must be valid UTF-8 (a source text).  As find_all. */
size_t find_near(const char *hay, size_t hlen, const struct find_needle *n,
                 struct find_hit **out);

/* Where a hit differs from the needle: one entry per gap between words
 * whose whitespace is not the needle's.  tb..te: the text's run; nb..ne:
 * the needle's (in n->s); word: the byte offset in the text where the
 * word before the gap starts. */
struct find_diff {
	size_t tb, te, nb, ne, word;
};
/* The differences of hit h (a find_all hit of n in hay); *out (caller
 * frees) gets them, returns their number. */
size_t find_diffs(const char *hay, const struct find_hit *h,
                  const struct find_needle *n, struct find_diff **out);

/* The length of the whitespace character at p (end: one past the last
 * byte), or 0 when p does not start one. */
size_t find_ws_len(const char *p, const char *end);

#endif
