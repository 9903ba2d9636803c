/* segment.h - making and adding store entries in memory: the anchor of a
 * new segment, the next free ids, appending a segment or a source.  The
 * commands that write the store (cmd/storeedit.h) serialise the result
 * with core/storewrite.h. */
#ifndef SITAT_SEGMENT_H
#define SITAT_SEGMENT_H

#include <stddef.h>

#include "core/store.h"
#include "core/text.h"

/* The code points of context a segment keeps on each side. */
#define ANCHOR_CONTEXT 32

/* The anchor of code points start..end (end exclusive, end <= t->ncp,
 * t->ok) of text t: *exact the text between them, *prefix and *suffix up
 * to ANCHOR_CONTEXT code points before and after (NULL when there are
 * none).  The caller owns the three strings. */
void anchor_make(const struct text *t, size_t start, size_t end, char **exact,
                 char **prefix, char **suffix);

/* The next free segment id of source src: SOURCE-NNN with NNN one more
 * than the largest number in use (dropped segments count: an id is never
 * given twice), at least three digits.  Caller frees. */
char *store_next_segment_id(const struct store *s, size_t src);
/* The next free source id of a kind: I<n+1> for interviews, D<n+1> for
 * documents, n the largest number after that letter among all source ids.
 * Caller frees. */
char *store_next_source_id(const struct store *s, enum source_kind k);

/* Append *g (the store takes its strings and codes; g->src must be set)
 * to the store: the segment map and the source's count are updated.
 * Returns its index.  Pointers into s->segs are invalid afterwards. */
size_t store_add_segment(struct store *s, struct segment *g);
/* Append *src (the store takes everything in it).  Returns its index.
 * Pointers into s->sources are invalid afterwards. */
size_t store_add_source(struct store *s, struct source *src);

#endif
