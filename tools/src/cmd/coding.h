/* coding.h - what the coding commands (code, uncode, recode: cmd_code.c;
 * codes rename|merge|move: cmd_codes.c) share: the store loaded for an
 * edit, code lists with suggestions for unknown codes, and the refusal to
 * remove or change what the thesis uses (cmd/uses.h). */
#ifndef SITAT_CODING_H
#define SITAT_CODING_H

#include <stdbool.h>
#include <stddef.h>

#include "cmd/storeedit.h"
#include "cmd/uses.h"
#include "core/diag.h"
#include "core/project.h"
#include "core/store.h"

/* A store opened for an edit.  Everything is owned by it; coding_close
 * releases it. */
struct coding {
	struct project p;
	struct store s;
	struct diag old; /* the load's diagnostics (silent) */
	struct diag d;   /* what the command reports (stderr) */
	char *codebook;  /* STORE/codebook.json, for messages */
	struct uses uses;
	bool have_p, have_s, scanned;
};

/* Find the project, load the store (store, or the project's).  Returns
 * EXIT_OK, or the exit status after the message (c must be closed
 * either way). */
int coding_open(struct coding *c, const char *cmd, const char *store);
void coding_close(struct coding *c);

/* The index of code id, or NONE after an error at where naming the codes
 * close to it. */
size_t coding_code(struct coding *c, const char *id, const char *where);
/* A comma-separated list of codes ("a,b", spaces around items allowed)
 * as indices into *out (caller frees), *n of them.  Returns EXIT_OK,
 * EXIT_USAGE (an empty item, a code twice; message printed) or
 * EXIT_PROBLEMS (unknown codes, each reported). */
int coding_codes(struct coding *c, const char *cmd, const char *opt, const char *list,
                 size_t **out, size_t *n);

/* The uses of ids (kind k) in the thesis.  With any and !force: an error
 * at file/where, "SUBJECT N times (below): EFFECT; use --force ...", a
 * note at each use, returns EXIT_PROBLEMS; with force, the same as a
 * warning, EXIT_OK.  Returns EXIT_OK when there is none. */
int coding_uses(struct coding *c, enum use_kind k, const char *const *ids, size_t nids,
                const char *subject, const char *effect, bool force, const char *file,
                const char *where);

/* The segment's codes as "a, b" (caller frees). */
char *coding_code_list(const struct store *s, const struct segment *g);

/* sedit_finish with the load's diagnostics. */
int coding_finish(struct coding *c, struct sedit *e, bool dry_run, bool quiet);

#endif
