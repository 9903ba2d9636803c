/* wrap.h - hard-wrapping a transcript at word boundaries, in place: a
 * space becomes a line feed, nothing else changes, so every byte and code
 * point offset of the text stays what it was (a position map made before
 * wrapping, e.g. by normalize.h or a REFI-QDA import, stays valid). */
#ifndef SITAT_WRAP_H
#define SITAT_WRAP_H

#include <stddef.h>

/* The width sitat wraps interview transcripts to, in code points
 * (evidence/README.md, "Adding sources"). */
#define WRAP_WIDTH 76

/* Wrap the UTF-8 text s (n bytes) in place so that no line is longer than
 * width code points where a space allows it: greedily, each line takes
 * as many words as fit, and the space (U+0020) after the last of them
 * becomes LF.  A word longer than width stays whole on its own line.
 * LF and FORM FEED end a line; TAB and every other code point count as
 * one column.  Returns the number of spaces replaced. */
size_t wrap_text(char *s, size_t n, size_t width);

#endif
