/* import.h - what the parts of sitat import share (issue 12).
 *
 *   cmd_import.c   options, the flow, the report (text and --json);
 *   import_unit.c  the unit decision: every reading of the positions
 *                  scored over the file's text sources (core/refiunit.h);
 *   import_text.c  a source's text made a store text, and the position
 *                  map from the file's unit to the store's code points;
 *   import_side.c  the sidecar sitat.json (what sitat export wrote);
 *   import_map.c   the project, the --rq mapping, the codes;
 *   import_src.c   the sources (kind, id, metadata, text);
 *   import_seg.c   their selections into segments: duplicates merged,
 *                  re-import matched by GUID.
 *
 * One struct imp holds everything of a run; it owns what it allocates
 * (imp_free), and borrows the refi_project, the store and the options. */
#ifndef SITAT_IMPORT_H
#define SITAT_IMPORT_H

#include <stdbool.h>
#include <stddef.h>

#include "cmd/coding.h"
#include "cmd/opts.h"
#include "core/diag.h"
#include "core/hmap.h"
#include "core/refiunit.h"
#include "core/speaker.h"
#include "core/store.h"
#include "io/refi.h"

struct import_opts {
	const char *store, *kind, *documents, *interviews, *kind_variable, *rq_file, *unit, *width;
	struct opt_list rq, speaker;
	bool force, accept, json, dry_run, quiet;
};

/* ---- the sidecar (import_side.c) ---- */

struct side_code {
	char *guid, *id;
	char **rq;
	size_t nrq;
};
struct side_source {
	char *guid, *id, *label, *date, *bibkey, *bibtype;
	enum source_kind kind;
	struct attr *bib;
	size_t nbib;
	char **pages;
	size_t npages;
	bool has_pages;
};
struct side_seg {
	char *guid, *id;
	char **merged;
	size_t nmerged;
};
struct sidecar {
	bool present;
	char *project; /* project.json's text, or NULL */
	struct side_code *codes;
	size_t ncodes;
	struct side_source *sources;
	size_t nsources;
	struct side_seg *segs;
	size_t nsegs;
	struct hmap codemap, srcmap, segmap; /* by guid */
};

/* Read p->sidecar (when there is one) into sc; 0, or -1 after errors at
 * "FILE:sitat.json". */
int side_read(struct sidecar *sc, const struct refi_project *p, struct diag *d);
void side_free(struct sidecar *sc);

/* ---- a rq mapping of --rq / --rq-file ---- */

struct rqmap_entry {
	char *code;    /* derived id or name, as given */
	size_t *rqs;   /* indices into the store's rqs */
	size_t nrqs;
	bool used;
};

/* ---- per source of the file ---- */

/* What became of the segments of a source, or of a file. */
struct imp_counts {
	size_t added, removed, recoded, moved, changed, unchanged;
};

struct imp_skip {
	const char *guid; /* borrowed from the project */
	size_t line;
	const char *why;  /* "empty" or "uncoded" */
};

struct imp_src {
	size_t refi;          /* index into p->sources */
	size_t store;         /* index into s->sources once placed, or NONE */
	bool existing;        /* matched by GUID */
	bool from_sidecar;    /* sitat export wrote it: its text as it is */
	enum source_kind kind;
	char *id;
	char *text;           /* the store text (owned until handed over) */
	size_t len;
	size_t *pos;          /* position in the file's unit -> store code point, or SIZE_MAX */
	size_t npos;          /* entries - 1 */
	/* counts for the report */
	size_t selections, ranges, skipped_empty, skipped_uncoded;
	struct imp_counts n;
	size_t first_new, end_new; /* the store segments it added: [first_new, end_new) */
	struct imp_skip *skips;
	size_t nskips, capskips;
	/* what normalisation did */
	bool bom;
	size_t crlf, nfc, mapped, wrapped;
};

struct imp {
	const struct import_opts *o;
	struct refi_project *p;
	struct coding *c;       /* the store, the project, the uses, the diag */
	struct diag *d;
	const char *xmlfile;    /* "FILE.qdpx:project.qde" for messages */
	bool codebook_only;
	size_t width;
	struct speaker_map *spk;
	size_t nspk;
	struct rqmap_entry *rqm;
	size_t nrqm;
	struct sidecar sc;
	/* the unit */
	struct refi_unit unit;
	const char *who;        /* origin's vendor, or NULL */
	struct refi_unit origin;
	struct refi_reading ev[8]; /* the readings scored, best first */
	size_t nev;
	bool forced;
	/* codes: refi code index -> store code index */
	size_t *codemap;
	size_t codes_added, codes_updated, codes_unmapped;
	bool project_written;
	/* sources */
	struct imp_src *src;
	size_t nsrc;
	/* segments of the whole run */
	struct imp_counts seg;
	/* ids given in this run */
	struct hmap given;      /* segment ids */
	size_t badsels;         /* selections refused (the first 20 reported) */
	char **owned;           /* strings the maps borrow */
	size_t nowned, capowned;
};

/* A string kept until imp_free (the maps borrow keys). */
const char *imp_keep(struct imp *m, char *s);
/* A name or description from the file made store text: NFC, CRLF as LF,
 * control characters (LF and TAB too, unless multiline) as spaces, trimmed.
 * NULL stays NULL; caller frees. */
char *imp_clean(const char *s, bool multiline);

/* import_unit.c: decide m->unit (with --unit: that one).  Returns 0, or
 * -1 after the errors (nothing can be imported). */
int imp_unit(struct imp *m);

/* import_text.c: the store text of source x and its position map under
 * m->unit.  Returns 0, or -1 after reporting. */
int imp_text(struct imp *m, struct imp_src *x);
/* The store code points of selection sel of x, checked; 0, or -1 after
 * the error at the selection. */
int imp_place(struct imp *m, const struct imp_src *x, const struct refi_sel *sel,
              size_t *start, size_t *end);

/* import_map.c: project.json from the sidecar into an empty store (0 or
 * -1); --rq and --rq-file (an exit status); the codes (0, -1 after
 * errors, -2 after a usage error); import_src.c: the sources and their
 * segments (0 or -1). */
struct sedit;
int imp_project(struct imp *m, struct sedit *e);
int imp_rq_parse(struct imp *m);
int imp_codes(struct imp *m, struct sedit *e);
int imp_sources(struct imp *m, struct sedit *e);
/* import_seg.c: the selections of x into segments of store source
 * x->store, whose segments before are s->segs[old[0..nold)].  0 or -1. */
int imp_segments(struct imp *m, struct imp_src *x, const size_t *old, size_t nold);

void imp_free(struct imp *m);

#endif
