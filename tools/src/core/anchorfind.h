/* anchorfind.h - where a quote is in a text that changed, without
 * history: the strategies of `sitat reanchor` (and of check's notes) that
 * need only the text now and the anchor (exact, prefix, suffix), after the
 * W3C TextQuoteSelector anchoring that annotation tools use.  Strongest
 * first:
 *
 *   AF_CONTEXT  exact with its whole prefix before it and its whole suffix
 *               after it, once in the text; or, when exact occurs more than
 *               once and no occurrence has the whole context, the one
 *               occurrence whose surroundings agree with at least half of
 *               the context and with more of it than any other;
 *   AF_EXACT    exact alone, once in the text;
 *   AF_APPROX   prefix + exact + suffix found with an edit distance (code
 *               points) of at most a quarter of its length (af_bound),
 *               in one place: a changed quote (the text at start..end is
 *               not exact).  Patterns over AF_APPROX_MAX code points are
 *               not searched approximately.
 *
 * Two or more equally good places are AF_AMBIGUOUS (every candidate is
 * listed); none is AF_LOST.  All positions are code points of the text,
 * end exclusive.  Nothing here allocates what the caller must keep but
 * the candidates (af_found_free). */
#ifndef SITAT_ANCHORFIND_H
#define SITAT_ANCHORFIND_H

#include <stdbool.h>
#include <stddef.h>

#include "core/text.h"

#define AF_APPROX_MAX 2000

enum af_how { AF_LOST, AF_CONTEXT, AF_EXACT, AF_APPROX, AF_AMBIGUOUS };

struct af_cand {
	size_t start, end;
};

struct af_found {
	enum af_how how;
	size_t start, end;      /* AF_CONTEXT, AF_EXACT, AF_APPROX */
	size_t dist;            /* AF_APPROX: edit distance of the whole pattern */
	struct af_cand *cands;  /* AF_AMBIGUOUS: the candidates in text order */
	size_t ncands;
};

/* Find exact (with prefix and suffix, either may be NULL) in t (t->ok).
 * out is overwritten; free it with af_found_free. */
void anchor_find(const struct text *t, const char *exact, const char *prefix,
                 const char *suffix, struct af_found *out);
void af_found_free(struct af_found *f);

/* The text at start..end (code points) is exact. */
bool anchor_at(const struct text *t, size_t start, size_t end, const char *exact);
/* prefix ends where start is and suffix starts where end is (NULL or ""
 * always agrees). */
bool anchor_context_at(const struct text *t, size_t start, size_t end,
                       const char *prefix, const char *suffix);

/* The largest edit distance AF_APPROX accepts for a pattern of m code
 * points. */
size_t af_bound(size_t m);
/* The edit distance (insertions, deletions, substitutions of code points)
 * of a (an bytes) and b (bn bytes), or max + 1 when it is larger than max
 * (or either has more than AF_APPROX_MAX code points and they differ). */
size_t af_distance(const char *a, size_t an, const char *b, size_t bn, size_t max);

/* The name of a strategy in messages and --json ("context", "exact",
 * "approximate", ...). */
const char *af_how_name(enum af_how h);

#endif
