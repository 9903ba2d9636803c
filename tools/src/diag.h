/* diag.h - diagnostics: one table of every message sitat can report. */
#ifndef SITAT_DIAG_H
#define SITAT_DIAG_H

#include <stddef.h>
#include <stdio.h>

enum diag_level { DL_NOTE, DL_WARNING, DL_ERROR };

/* Every diagnostic has an id; its level, stable name and printf format are
 * in diag_table (diag.c), in this order. */
enum diag_id {
	/* text and JSON syntax */
	D_IO, D_JSON_SYNTAX, D_BOM, D_UTF8, D_CR, D_CONTROL, D_NFC, D_EMPTY_FILE,
	/* structure */
	D_MISSING, D_TYPE, D_FORMAT, D_BAD_ID, D_DUP_ID, D_DUP_KEY, D_EMPTY,
	D_BAD_VALUE, D_BAD_DATE, D_BAD_COLOR,
	/* references */
	D_UNKNOWN_RQ, D_UNKNOWN_CODE, D_UNKNOWN_PARENT, D_CYCLE,
	D_UNKNOWN_SOURCE, D_FILE_ID, D_SEG_ID_PREFIX, D_NO_TEXT,
	D_DOC_PAGES, D_DOC_BIB, D_PAGE_ORDER, D_PAGE_RANGE,
	/* anchors */
	D_UNIT, D_RANGE, D_ANCHOR, D_ANCHOR_NOW, D_ANCHOR_AMBIG, D_ANCHOR_GONE,
	D_CONTEXT,
	/* warnings */
	D_UNKNOWN_KEY, D_SEG_ORDER, D_STRAY_FILE, D_NO_CODINGS,
	/* the claim audit (sitat audit) */
	D_REC_SYNTAX, D_CLAIM_ID, D_CLAIM_DUP, D_CLAIM_RQ, D_CLAIM_EMPTY,
	D_QUOTE_UNKNOWN, D_QUOTE_STALE, D_TRIANGULATION, D_ONE_KIND, D_SHARE,
	D_CODE_UNCITED, D_RQ_NO_CLAIM,
	D__COUNT
};

struct diag_def {
	enum diag_level level;
	const char *name; /* stable slug, used in --json output */
	const char *fmt;  /* printf format of the message */
};
extern const struct diag_def diag_table[D__COUNT];

/* One reported problem.  All strings are owned by the diag. */
struct diag_rec {
	enum diag_id id;
	char *file;
	size_t line, col; /* 0 when no position applies */
	char *where;      /* e.g. "segment I3-012"; NULL when line applies */
	char *msg;
};

/* A diagnostics sink.  Messages are printed to out as they come (unless
 * out is NULL) and kept in recs for --json.  diag_free releases all. */
struct diag {
	FILE *out;
	size_t errors, warnings;
	struct diag_rec *recs;
	size_t n, cap;
};

void diag_init(struct diag *d, FILE *out);
void diag_free(struct diag *d);
/* Report at file:line:col (line 0: the whole file). */
void diag_at(struct diag *d, enum diag_id id, const char *file, size_t line,
             size_t col, ...);
/* Report at file and a named place such as "segment I3-012". */
void diag_in(struct diag *d, enum diag_id id, const char *file,
             const char *where, ...);
/* Append (and print to d->out) every record of src, in order. */
void diag_merge(struct diag *d, const struct diag *src);
const char *diag_level_name(enum diag_level l);
/* Format one record as it is printed (caller frees). */
char *diag_format(const struct diag_rec *r);

#endif
