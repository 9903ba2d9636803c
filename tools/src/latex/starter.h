/* starter.h - the LaTeX that `sitat init` writes for a new thesis: the
 * main file, the first chapter, the bibliography, and the preamble lines
 * it prints for an existing thesis.  Title and author are untrusted text
 * (TEX_TEXT); everything else comes from sitat's own choices. */
#ifndef SITAT_STARTER_H
#define SITAT_STARTER_H

#include <stdbool.h>
#include <stddef.h>

#include "core/util.h"

struct starter {
	const char *title, *author;
	const char *lang;      /* nb, nn or en */
	const char *docclass;  /* scrreprt, scrbook, book, report or memoir */
	const char *engine;    /* pdflatex, xelatex or lualatex */
	const char *generated; /* the generated directory, relative to the main file's: "generated" */
	const char *bib;       /* the .bib file, relative to the main file's directory */
	const char *chapter;   /* the chapter for \input, without .tex: "chapters/introduction" */
	const char *rq;        /* the first research question's id, or NULL */
	/* starter_preamble: what the existing preamble already loads */
	bool has_babel, has_csquotes, has_biblatex, has_hyperref;
};

/* The main .tex file of a new thesis. */
void starter_main(struct buf *b, const struct starter *s);
/* Its first chapter, with an example claim. */
void starter_chapter(struct buf *b, const struct starter *s);
/* A .bib with one example entry. */
void starter_bib(struct buf *b, const struct starter *s);
/* The lines an existing thesis adds to its preamble (and its body). */
void starter_preamble(struct buf *b, const struct starter *s);

#endif
