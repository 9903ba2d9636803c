/* diff.h - what `sitat diff` finds between two versions of the evidence
 * store (cmd/diff_store.c), and the LaTeX appendix that reports it
 * (cmd/diff_tex.c).  Shared by cmd_diff.c, diff_store.c and diff_tex.c;
 * docs/diff.md says what counts as each change.
 *
 * A version's store is loaded in memory (prov/treefiles.h, or the working
 * tree's directory); the two stores are matched:
 *   - sources by id;
 *   - segments by id, then by guid (a segment whose id changed but whose
 *     REFI-QDA guid is the same is the same segment, renumbered);
 *   - codes by id; then an unmatched code of A and one of B are one code
 *     renamed when they have the same guid; else when exactly one code of
 *     each side has the same name (and no other unmatched one does); else
 *     when exactly one of each has the same non-empty description and the
 *     same parent (after matching).
 *   - research questions by id.
 * Every string in a change is borrowed from the stores. */
#ifndef SITAT_CMD_DIFF_H
#define SITAT_CMD_DIFF_H

#include <stdbool.h>
#include <stddef.h>

#include "audit/record.h"
#include "core/store.h"
#include "core/util.h"

enum diff_kind { DK_SOURCE, DK_SEGMENT, DK_CODE, DK_RQ };
enum diff_how { DH_ADDED, DH_REMOVED, DH_CHANGED };

/* What changed of an entry present in both versions (bits). */
enum {
	/* sources */
	DF_TEXT = 1u << 0,      /* the text */
	DF_META = 1u << 1,      /* sources/ID.json (fields: meta) */
	/* segments */
	DF_QUOTE = 1u << 2,     /* exact: the quote's own text ("changed") */
	DF_MOVED = 1u << 3,     /* start/end, the quote equal ("moved") */
	DF_RECODED = 1u << 4,   /* its codes (renamed codes counted as equal) */
	DF_MEMO = 1u << 5,      /* its memo */
	DF_RENUMBERED = 1u << 6, /* its id (matched by guid) */
	DF_STALE = 1u << 13,    /* its anchor matched its source in A, not in B */
	/* codes */
	DF_RENAMED = 1u << 7,   /* its id */
	DF_NAME = 1u << 8,      /* its name */
	DF_DESC = 1u << 9,      /* its description */
	DF_PARENT = 1u << 10,   /* its parent */
	DF_RQ = 1u << 11,       /* its research questions */
	/* research questions */
	DF_LABEL = 1u << 12,    /* label or question */
};

/* One change.  a, b: the indices in store A and B (NONE when absent). */
struct diff_change {
	enum diff_kind kind;
	enum diff_how how;
	size_t a, b;
	unsigned flags;
	char *meta;          /* sources: the fields of ID.json that changed ("label, date"), owned */
	size_t added, removed; /* sources with DF_TEXT: lines */
	const char *why;     /* codes renamed: "same guid", "same name", "same description and parent" */
};

/* A quote the thesis uses, changed in the evidence: the segment's change
 * and where each build uses it. */
struct diff_use {
	const char *qid;     /* id in A (or B when added) */
	size_t change;       /* index into diff.changes, or NONE (unchanged) */
};

/* A claim of A's or B's build that uses a changed quote. */
struct diff_claim {
	const char *id;
	const char *page_a, *page_b; /* NULL: not in that build */
	size_t *changes, n, cap;   /* indices into diff.changes (segments), distinct */
};

/* A side of the comparison, for the output. */
struct diff_side {
	const char *spec;     /* as given ("v1"), or NULL: the working tree */
	const char *commit;   /* "" for the working tree */
	const char *describe; /* "v1", or "the working tree" */
	const char *record;   /* the use record's file, or NULL */
	const char *record_how; /* where it came from (one phrase) */
	const struct record *rec; /* NULL when none */
};

struct diff {
	const struct store *A, *B;
	struct diff_side sa, sb;
	struct diff_change *changes;
	size_t n, cap;
	size_t *codemap_ab;   /* code index of A -> B, or NONE */
	size_t *codemap_ba;
	struct diff_claim *claims; /* sorted by id */
	size_t nclaims, capclaims;
	char **pages_a, **pages_b; /* thesis pages using a changed quote (distinct, in order of use) */
	size_t npages_a, npages_b;
	size_t count[4][3];   /* [kind][how] */
};

/* Compare the stores a and b into df (the records in sa/sb, may be NULL,
 * give the claims and pages).  df borrows the stores and records;
 * diff_free releases what it owns. */
void diff_stores(struct diff *df, const struct store *a, const struct store *b,
                 const struct diff_side *sa, const struct diff_side *sb);
void diff_free(struct diff *df);

/* Names and descriptions for the output. */
const char *diff_kind_name(enum diff_kind k);   /* "source", "segment", ... */
const char *diff_how_name(enum diff_how h);     /* "added", "removed", "changed" */
/* The words of a change's flags, ", " between them ("recoded, moved"),
 * appended to b; English, for the text and JSON output. */
void diff_flag_words(struct buf *b, const struct diff_change *c);
/* The id of the entry of a change (B's when present, else A's). */
const char *diff_change_id(const struct diff *df, const struct diff_change *c);
/* The A id (NULL when absent). */
const char *diff_change_old_id(const struct diff *df, const struct diff_change *c);
/* The locator of segment g of s ("lines 12-14", "p. 3", "stale"), into b. */
void diff_locator(struct buf *b, const struct store *s, const struct segment *g);
/* The codes of a segment ("a, b"), into b. */
void diff_codes(struct buf *b, const struct store *s, const struct segment *g);
/* The total number of changes. */
static inline size_t diff_total(const struct diff *df) { return df->n; }

/* The appendix (docs/diff.md, "The appendix"). */
void diff_tex_write(struct buf *b, const struct diff *df);

#endif
