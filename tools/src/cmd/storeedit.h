/* storeedit.h - the one way commands change the evidence store.
 *
 * A command loads the store, changes it in memory, puts the files it
 * changed (canonical JSON from core/storewrite.h, texts as they are) into
 * a struct sedit, and calls sedit_finish, which:
 *   - refuses when the store had errors other than anchor mismatches
 *     before the change (a file that did not load must not be rewritten
 *     from what was understood of it);
 *   - loads the changed store in memory (the files put over the
 *     directory's) and refuses when it has an error the old one did not;
 *   - with dry_run, prints a unified diff of every changed file and
 *     writes nothing;
 *   - else writes every changed file atomically: all temporary files
 *     first (beside their targets), then the renames; nothing is written
 *     when any step before the renames fails.
 * Files whose content is unchanged are left alone.  The sedit owns what
 * is put into it; sedit_finish frees it. */
#ifndef SITAT_STOREEDIT_H
#define SITAT_STOREEDIT_H

#include <stdbool.h>
#include <stddef.h>

#include "core/diag.h"
#include "core/store.h"
#include "core/storeio.h"

struct sedit {
	char *root;                 /* the store's directory */
	const struct store *base;   /* the store as loaded, or NULL (sedit_base) */
	struct storeio_file *files; /* name and data owned (cast away const) */
	size_t n, cap;
};

void sedit_init(struct sedit *e, const char *root);
/* The store the change was made from, as loaded (borrowed; its sources,
 * texts and codebook must be as they were read).  When only codings
 * files change, sedit_finish checks them against it instead of loading
 * the whole store again: the same checks, for a fraction of the time. */
void sedit_base(struct sedit *e, const struct store *s);
/* Put file rel ("codings/I1.json") with data (len bytes; the sedit takes
 * it).  A second put of rel replaces the first. */
void sedit_put(struct sedit *e, const char *rel, char *data, size_t len);
/* The canonical JSON of a part of store s. */
void sedit_put_codings(struct sedit *e, const struct store *s, size_t src);
void sedit_put_source(struct sedit *e, const struct store *s, size_t src);
void sedit_put_codebook(struct sedit *e, const struct store *s);

/* Release a sedit that will not be finished (sedit_finish frees its own);
 * a freed or zeroed sedit may be freed again. */
void sedit_free(struct sedit *e);

/* The errors of diag old (the store's load) that are not anchor
 * problems; a store with any cannot be edited. */
size_t sedit_blocking_errors(const struct diag *old);

/* Check, show or write the change (see above).  old is the diag of the
 * store's load (its records are compared with the new load's).  Messages
 * go to d; with quiet only problems are printed.  Returns EXIT_OK,
 * EXIT_PROBLEMS (refused, nothing written) or EXIT_IO.  Frees e. */
int sedit_finish(struct sedit *e, const struct diag *old, bool dry_run,
                 bool quiet, struct diag *d);

#endif
