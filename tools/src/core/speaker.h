/* speaker.h - the speaker labels of a transcript: which line starts a
 * turn, and the mapping of the labels a file came with (a name, "Speaker
 * 1", "Interviewer") to the store's INT and INF (evidence/README.md,
 * "Adding sources"), so that no name reaches the store unnoticed.
 *
 * The rule: a line starts with a speaker label when it begins (after any
 * spaces and TABs, which a mapping removes; after a timestamp such as
 * "[00:01:02] " or "01:02 ", which a mapping puts after the label, "INT:
 * [00:01:02] ...", as a subtitle's turn starts) with 1 to 3 words, one
 * space apart, 32 code points at most, followed by ':' and a space, a TAB
 * or the end of the line.  A word is letters, digits and the characters
 * . - ' ’ (U+2019); the first word starts with a capital letter or a
 * letter of a script without case (Chinese, Arabic...), each further word
 * with one of those or a digit ("Kari Nordmann", "Speaker 2", "Dr. Berg",
 * "Q").  "INT" and "INF" are the store's own labels. */
#ifndef SITAT_SPEAKER_H
#define SITAT_SPEAKER_H

#include <stdbool.h>
#include <stddef.h>

#include "core/diag.h"
#include "core/util.h"

/* The length in bytes of the speaker label at the very start of s (n
 * bytes, up to the end of the line or further), the ':' not included; 0
 * when s does not start with one (speaker_apply skips the indentation). */
size_t speaker_label(const char *s, size_t n);

/* The length of the timestamp at the start of s (n bytes) and the spaces
 * after it: [h]h:mm or [h]h:mm:ss, with a fraction (.mmm or ,mmm) or not,
 * bare, in brackets or in parentheses, then at least one space or TAB;
 * 0 when s does not start with one. */
size_t speaker_timestamp(const char *s, size_t n);

/* One mapping: a label as it is in the file, and what it becomes: "INT",
 * "INF", or "-" (not a speaker: the line is kept as it is).  Pointers are
 * borrowed. */
struct speaker_map {
	const char *label, *to;
};

/* What speaker_apply found. */
struct speaker_stats {
	size_t turns;    /* lines with a label (INT, INF or mapped) */
	size_t mapped;   /* of them, labels replaced by INT or INF */
};

/* Copy the text s (n bytes) into out with every mapped label replaced
 * (and the indentation before a label, INT and INF too, removed).
 * A label that is neither INT, INF nor mapped is reported to d, once,
 * at file:line:1 of its first line (with at_lines: the text's lines are
 * the file's; else at file alone), naming every label found; returns the
 * number of such labels (0: out holds the text). */
size_t speaker_apply(struct buf *out, const char *s, size_t n,
                     const struct speaker_map *m, size_t nm, const char *file,
                     bool at_lines, struct speaker_stats *st, struct diag *d);

#endif
