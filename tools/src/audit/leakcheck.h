/* leakcheck.h - the pseudonym key matched against generated text and PDF
 * text (see leakcheck.c for the normalisation).  A struct lk_key owns its
 * entries; lk_key_free releases them. */
#ifndef SITAT_LEAKCHECK_H
#define SITAT_LEAKCHECK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "core/diag.h"

/* Normalisation modes (also used by the unit tests, as numbers): a key
 * entry, a .tex/.bib file, PDF text, a key entry for the PDF. */
enum { LK_KEY = 0, LK_TEX = 1, LK_PDF = 2, LK_KEY_PDF = 3 };

struct lk_entry {
	char *needle;  /* normalised (LK_KEY), for .tex/.bib files */
	size_t len;
	char *pdf;     /* normalised (LK_KEY_PDF), for the PDF text */
	size_t plen;
};

/* The key's entries; lk_key_free releases them. */
struct lk_key {
	struct lk_entry *v;
	size_t n;
};

/* Parse the key text (file names it in the messages to d; an entry itself
 * is never shown).  Returns 0, or -1 after reporting every bad line; k is
 * filled in both cases and the caller frees it with lk_key_free. */
int lk_key_parse(struct lk_key *k, const char *file, const char *data,
                 size_t len, struct diag *d);
void lk_key_free(struct lk_key *k);
/* Report every hit of the key in one file's text (a .tex/.bib file, or
 * with pdf the pdftotext output, pages separated by \f) to d (D_LEAK, at
 * file:line:col or on "page N"), in order.  Returns the number of hits. */
size_t lk_scan_text(const struct lk_key *k, const char *file, const char *data,
                    size_t len, bool pdf, struct diag *d);

/* For tests/unit/test_leakcheck.c: the messages go to the stream. */
char *lk_normalize(const char *s, size_t n, int mode);
int lk_key_count(const char *file, const char *data, size_t len, FILE *err);
long lk_scan(const char *key, const char *file, const char *data, size_t len,
             int pdf, FILE *out);

#endif
