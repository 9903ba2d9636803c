/* writers.h - the generated LaTeX and bib files, each written into a
 * buffer the caller owns (buf_init before, buf_free after).  The writers
 * read the store, the audit and the stamp; they never fail. */
#ifndef SITAT_LATEX_WRITERS_H
#define SITAT_LATEX_WRITERS_H

#include "audit/audit.h"
#include "audit/record.h"
#include "core/store.h"
#include "core/util.h"
#include "prov/repo.h"

/* quotes.tex: \sitat@defquote for every segment (latex/quotes.c). */
void quotes_write(struct buf *b, const struct store *s);
/* tables.tex: one table per research question and the code x source
 * matrix (latex/tables.c). */
void tables_write(struct buf *b, const struct store *s);
/* sitat.bib: entries for interviews and inline documents (latex/bib.c). */
void bib_write(struct buf *b, const struct store *s);
/* audit.tex: the audit appendix (latex/audit_tex.c). */
void audit_tex_write(struct buf *b, const struct store *s,
                     const struct record *r, const struct audit *a);
/* stamp.tex: the data version for sitat.sty (latex/stamp_tex.c). */
void stamp_tex_write(struct buf *b, const struct stamp *st);
/* The last line of a generated file: the content id of the store it was
 * made from (store_content_id), for the package and the stamp to compare:
 * "\sitat@storeid{quotes.tex}{ID}" in a .tex file, "% sitat-store-id: ID"
 * in a .bib file (file: the output's name, e.g. "quotes.tex"). */
void store_id_write(struct buf *b, const char *file, const char *id);

#endif
