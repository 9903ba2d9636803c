/* history.h - where a segment's anchor was last valid, from the store's
 * git history (libgit2, no git subprocess), and its position now.
 *
 * For a source text, the versions are the distinct blobs of its file in
 * the commits reachable from HEAD, newest first (a version equal to the
 * text now is skipped).  A segment's anchor matched a version when the
 * version's code points start..end are exact.  Its position now is start
 * and end mapped through the diff of that version and the text now,
 * computed by libgit2 (git_patch_from_buffers) first by lines, then, in
 * each changed stretch, by tokens (words, runs of white space, marks),
 * one token a line, so the map is word-precise:
 *   - a position in text that did not change moves with it;
 *   - a start inside changed text goes to the start of what replaced it,
 *     an end to its end (the quote then holds the change: it is not its
 *     exact any more);
 *   - text inserted just before a start or just after an end stays out.
 * Blobs, their code point maps and diffs are cached per blob. */
#ifndef SITAT_HISTORY_H
#define SITAT_HISTORY_H

#include <stdbool.h>
#include <stddef.h>

#include "core/diag.h"
#include "core/text.h"

struct history;

/* Open the history of the store at root (the repository holding it,
 * searched upward).  *out is NULL (and 0 returned) when the store is not
 * in a repository or it has no commit.  Returns -1 with a message in d
 * when libgit2 fails.  history_free releases it. */
int history_open(struct history **out, const char *root, struct diag *d);
void history_free(struct history *h);

struct hist_found {
	size_t start, end;   /* code points of the text now */
	char commit[41];     /* the newest commit holding the version that matched */
	bool changed;        /* the mapped range holds edited text */
};

/* Map a segment (start..end, exact) of the source whose text file is
 * textrel (relative to the store root, "sources/I1.txt"; now its text
 * today).  Returns 1 when a version matched (out set), 0 when none did,
 * -1 on a libgit2 error (reported to d). */
int history_map(struct history *h, const char *textrel, const struct text *now,
                size_t start, size_t end, const char *exact,
                struct hist_found *out, struct diag *d);

/* Read and map, in two threads, the newest version of each of the n
 * texts (rels[i] now nows[i]) before history_map asks for them: what
 * history_map would do first, done ahead.  Errors are left to
 * history_map. */
void history_prefetch(struct history *h, const char *const *rels,
                      const struct text *const *nows, size_t n);

/* The file rel (relative to the store root) as HEAD has it (caller
 * frees), or NULL when HEAD does not have it. */
char *history_head_file(struct history *h, const char *rel, size_t *len);

#endif
