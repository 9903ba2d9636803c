/* record.h - the use record sitat.sty writes while LaTeX runs
 * (build/thesis.sitat): claims and the quotes used, with pages and the
 * place in the thesis source.  One line each:
 *   claim <id> <page> <rq|-> <file>:<line>
 *   endclaim <id> <page> <file>:<line>
 *   use <quote> <page> <display|inline|ref> <claim|-> <file>:<line>
 *   unknown <quote> <page> <display|inline|ref> <claim|-> <file>:<line>
 *   end        (the last line, written when the document ended)
 * The record owns every string; record_free releases them. */
#ifndef SITAT_RECORD_H
#define SITAT_RECORD_H

#include <stdbool.h>
#include <stddef.h>

#include "core/diag.h"
#include "core/hmap.h"

struct rec_use {
	char *qid, *page, *kind;
	char *claim;     /* NULL outside a claim */
	char *file;      /* thesis source, relative to the LaTeX directory */
	size_t line;
	bool unknown;    /* LaTeX did not know the id */
};

struct rec_claim {
	char *id, *page;
	char *rq;        /* NULL when not given */
	char *file;
	size_t line;
};

struct record {
	char *path;
	struct rec_claim *claims;
	size_t nclaims, capclaims;
	struct rec_use *uses;
	size_t nuses, capuses;
	struct hmap claimmap; /* claim id -> index (first definition) */
	bool complete;        /* the last line is "end": LaTeX finished */
};

/* Read path; problems go to d (file names are prefixed with texdir so
 * that diagnostics point at the thesis sources).  Returns 0, or -1 when
 * the file cannot be read (errno). */
int record_load(struct record *r, const char *path, const char *texdir,
                struct diag *d);
/* The same from the record's text (data, NUL-terminated, is modified);
 * path names it in diagnostics. */
void record_parse(struct record *r, const char *path, char *data,
                  const char *texdir, struct diag *d);
void record_free(struct record *r);

#endif
