/* store.h - the evidence store in memory: project, research questions,
 * codebook, sources with their texts, and coded segments.
 *
 * store_load reads and validates everything under a root directory and
 * reports every problem to a diag; the store owns all strings and arrays
 * in it, and store_free releases them.  Indices (size_t) link the parts;
 * NONE marks "no link". */
#ifndef SITAT_STORE_H
#define SITAT_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/diag.h"
#include "core/hmap.h"
#include "core/storeio.h"
#include "core/text.h"

#define NONE SIZE_MAX
/* The longest quote (segment text) sitat takes, in bytes: a longer one is
 * an error (docs/store-text.md). */
#define STORE_QUOTE_MAX (256 * 1024)

struct rq {
	char *id, *label, *question;
};

struct code {
	char *id, *name, *description, *color; /* color may be NULL */
	char *parent_id;                        /* NULL: top level */
	char *guid;                             /* REFI-QDA GUID kept by sitat import, or NULL */
	size_t parent;                          /* index or NONE */
	size_t *rqs, nrqs;                      /* indices into store.rqs */
	int depth;                              /* 0 at top level */
	size_t order;                           /* position in tree order */
	bool dropped;                           /* removed by an edit: not written */
};

struct attr {
	char *key, *val;
};

/* A page of a document.  Pages live in the text: a FORM FEED (U+000C)
 * separates one page from the next, so the page of a position follows
 * every edit of the text; sources/ID.json lists the labels. */
struct page {
	char *label;
	size_t start; /* byte offset of the page's first character in the text */
	size_t line;  /* the line holding that character, 1-based */
};

enum source_kind { SRC_INTERVIEW, SRC_DOCUMENT };

struct source {
	char *id, *label, *date, *role; /* role: attributes.role or NULL */
	char *guid;     /* REFI-QDA GUID kept by sitat import, or NULL */
	enum source_kind kind;
	struct attr *attrs;
	size_t nattrs;
	char *bibkey;   /* external key in bib/, or NULL */
	char *bibtype;  /* inline bib entry type, or NULL */
	struct attr *bib;
	size_t nbib;
	struct page *pages;
	size_t npages;
	char *metafile, *textfile, *codingsfile; /* paths; codingsfile may be NULL */
	struct text text;
	bool text_ok;
	size_t nsegs; /* segments of this source */
};

struct segment {
	char *id;
	size_t src;
	size_t start, end; /* code points, end exclusive */
	char *exact, *prefix, *suffix, *memo; /* prefix/suffix/memo may be NULL */
	char *coder;                   /* who coded it (REFI-QDA user), or NULL */
	char *guid;                    /* REFI-QDA selection GUID, or NULL */
	char **merged;                 /* GUIDs of the selections merged into it */
	size_t nmerged;
	size_t *codes, ncodes;
	bool anchored;                 /* exact matches the source at start..end */
	size_t line_from, line_to;     /* valid when anchored */
	size_t page_from, page_to;     /* page indices (documents), or NONE */
	bool dropped;                  /* removed by an edit: not written */
};

/* Audit settings (project.json "audit"); defaults in store.c. */
struct audit_cfg {
	size_t min_informants;     /* a claim needs this many informants (2) */
	bool mixed_sources;        /* warn on interview-only / document-only claims */
	double max_informant_share; /* warn above this share of cited quotes (0.4) */
	bool uncited_codes;        /* warn on codes of an rq with no cited quote */
	bool rq_without_claim;     /* warn on research questions with no claim */
};

struct store {
	char *root;
	struct audit_cfg audit;
	char *title, *author, *language;
	struct rq *rqs;
	size_t nrqs;
	struct code *codes;
	size_t ncodes;
	size_t *code_order; /* code indices in tree (depth-first) order */
	struct source *sources;
	size_t nsources;
	struct segment *segs;
	size_t nsegs;
	struct hmap rqmap, codemap, srcmap, segmap;
};

/* Load and validate the store under root.  Returns 0 when the store could
 * be read (look at d->errors for problems), -1 when root is not a store
 * (no project.json; reported to d). */
int store_load(struct store *s, const char *root, struct diag *d);
/* The same, reading through io (a directory, or files in memory). */
int store_load_io(struct store *s, const struct storeio *io, struct diag *d);
void store_free(struct store *s);

/* The checks store_load makes of a codings file, for codings files in
 * memory (files: names "codings/ID.json"), against the sources, texts and
 * codebook of s as it was loaded: what a reload of the store would report
 * about them when nothing else changed.  Problems go to d. */
void store_check_codings(const struct store *s, const struct storeio_file *files,
                         size_t n, struct diag *d);

/* Counts for reports. */
size_t store_count_kind(const struct store *s, enum source_kind k);

#endif
