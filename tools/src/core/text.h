/* text.h - UTF-8 text files: validation (UTF-8, BOM, CR, control
 * characters, NFC) and position maps (code point <-> byte, line:col). */
#ifndef SITAT_TEXT_H
#define SITAT_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/diag.h"

/* A loaded text.  The text owns data, lines and cpidx; text_free releases
 * them.  Positions: bytes from 0; code points from 0; lines and columns
 * from 1 (columns count code points). */
struct text {
	char *data;
	size_t len;     /* bytes */
	size_t ncp;     /* code points (valid when ok) */
	size_t *lines;  /* byte offset of the start of each line */
	size_t nlines;
	size_t *cpidx;  /* byte offset of code point k*TEXT_CP_STEP */
	size_t ncpidx;
	bool ok;        /* valid UTF-8, no BOM/CR/control chars, NFC */
};
#define TEXT_CP_STEP 64

/* What text_init and text_validate accept besides LF: TAB, and FORM FEED
 * (the page break of a document's text). */
enum { TEXT_TABS = 1u, TEXT_FORMFEED = 2u };

/* Take ownership of data (len bytes, NUL-terminated), validate it and
 * build the maps.  Problems are reported to d against file.  flags:
 * TEXT_TABS, TEXT_FORMFEED.  Returns t->ok. */
bool text_init(struct text *t, char *data, size_t len, const char *file,
               unsigned flags, struct diag *d);
void text_free(struct text *t);
/* The same checks without keeping anything (for JSON files). */
bool text_validate(const char *data, size_t len, const char *file,
                   unsigned flags, struct diag *d);

/* Byte offset of code point cp (cp <= ncp).  Requires t->ok. */
size_t text_cp_to_byte(const struct text *t, size_t cp);
/* Line (1-based) containing byte offset off. */
size_t text_line_of(const struct text *t, size_t off);
/* 1-based column, in code points, of byte offset off. */
size_t text_col_of(const struct text *t, size_t off);
/* Code point index of byte offset off (off at a code point boundary). */
size_t text_byte_to_cp(const struct text *t, size_t off);

/* Line and column (1-based, code points) of byte offset off in a raw
 * buffer that may not be valid; used for JSON error positions. */
void raw_line_col(const char *s, size_t len, size_t off, size_t *line,
                  size_t *col);

/* A printable excerpt of s (up to max code points; control characters
 * and invalid bytes become U+FFFD; "…" marks a cut).  Caller frees. */
char *text_show(const char *s, size_t n, size_t max);



/* Check a string from JSON: returns 0 when it is clean, else sets *bad to
 * the offending code point and returns D_CONTROL (a control character
 * other than LF/TAB) or D_NFC (not NFC). */
int text_check_string(const char *s, unsigned *bad);
#endif
