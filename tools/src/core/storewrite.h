/* storewrite.h - the store's JSON files in their canonical form
 * (evidence/README.md): two-space indentation, one member per line, keys
 * in the documented order, strings as UTF-8 with only '"', '\\' and
 * control characters escaped, a final newline.  Written from the store in
 * memory, so a file loaded and written again is byte for byte the same
 * when it was canonical.  Every function returns a new string (caller
 * frees) and sets *len. */
#ifndef SITAT_STOREWRITE_H
#define SITAT_STOREWRITE_H

#include <stdbool.h>
#include <stddef.h>

#include "core/store.h"
#include "core/util.h"

/* codebook.json: the codes in store order, dropped ones left out; a
 * parent is written by its code's (current) id. */
char *store_codebook_json(const struct store *s, size_t *len);
/* sources/ID.json of source src. */
char *store_source_json(const struct store *s, size_t src, size_t *len);
/* codings/ID.json of source src: its segments that are not dropped,
 * sorted by start, end and id; codes by their (current) ids. */
char *store_codings_json(const struct store *s, size_t src, size_t *len);
/* The same from the list v of the n segments of src to write (sorted
 * here, in place), for a caller that writes many sources and has grouped
 * the store's segments by source once. */
char *store_codings_json_of(const struct store *s, size_t src,
                            const struct segment **v, size_t n, size_t *len);

/* s as a JSON string, quotes included, escaped as above. */
void json_put_string(struct buf *b, const char *s);

/* The writer of that form, for other canonical JSON (sitat export's
 * sitat.json): jw_init, then members; a key is NULL inside an array;
 * jw_done adds the final newline and returns the text (caller frees). */
struct jw {
	struct buf b;
	int depth;
	bool first; /* no member written yet at this depth */
};
void jw_init(struct jw *w);
void jw_open(struct jw *w, const char *key, char c);  /* c: '{' or '[' */
void jw_close(struct jw *w, char c);                  /* '}' or ']' */
void jw_str(struct jw *w, const char *key, const char *v);
void jw_uint(struct jw *w, const char *key, size_t v);
char *jw_done(struct jw *w, size_t *len);
/* A source's inline "bib" object (o->bibtype set), as in sources/ID.json. */
void store_put_bib(struct jw *w, const struct source *o);

#endif
