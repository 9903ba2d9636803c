/* store_impl.h - private to the store loader (store*.c): the steps of
 * store_load and what they share.  Not for other layers or commands. */
#ifndef SITAT_STORE_IMPL_H
#define SITAT_STORE_IMPL_H

#include "core/json.h"
#include "core/store.h"
#include "core/storeio.h"

/* Size limits of the files of a store (evidence/README.md documents them). */
#define STORE_META_LIMIT ((size_t)16 << 20)  /* project, codebook, sources/ID.json */
#define STORE_DATA_LIMIT ((size_t)256 << 20) /* texts and codings files */
/* prefix and suffix hold up to this many code points */
#define STORE_CONTEXT_MAX 32

/* One run of store_load.  The flags say which files loaded, so that
 * checks depending on a file that did not are skipped (with a note). */
struct load {
	struct store *s;
	const struct storeio *io;
	struct diag *d;
	bool project_ok;  /* project.json and its research questions */
	bool codebook_ok; /* codebook.json and its codes */
	char **failed;    /* stems of sources/ID.json files that did not load */
	size_t nfailed, capfailed;
};

void store_load_project(struct load *L);
void store_load_codebook(struct load *L);
void store_load_sources(struct load *L);
void store_load_codings(struct load *L);

/* Read the store file rel (path: its name in messages) within limit.
 * Returns 0 and sets *out (caller frees), or reports why not to d and
 * returns -1; with missing_ok a missing file is not reported (errno
 * ENOENT). */
int store_read(const struct load *L, const char *rel, const char *path,
               size_t limit, char **out, size_t *len, bool missing_ok,
               struct diag *d);
/* store_read + json_parse; doc->root is NULL when it failed. */
int store_read_json(const struct load *L, const char *rel, const char *path,
                    size_t limit, struct jdoc *doc, struct diag *d);
/* The directory rel (path: its name in messages), or -1 after reporting. */
int store_list(const struct load *L, const char *rel, const char *path,
               struct walk_list *out);
/* The ids in the array field key (arr may be NULL) as indices into map,
 * each once (*n of them; caller frees).  A field that is an empty array
 * and an element that is not a string are reported; an id not in map is
 * reported (unknown research question or code, by key) when check. */
size_t *store_refs(const struct jdoc *doc, const cJSON *arr, const char *key,
                   const struct hmap *map, bool check, const char *where,
                   size_t *n);
/* Check segment g's anchor against its source's text (reports to d);
 * with find, say where the text of a mismatched one is now. */
void store_check_anchor(const struct store *s, struct segment *g,
                        const char *file, bool find, struct diag *d);
/* true when stem is the name of a sources/ID.json that did not load */
bool store_source_failed(const struct load *L, const char *stem);
bool source_id_ok(const char *id);
/* Copy a string from JSON (NULL stays NULL). */
char *sdup(const char *p);

#endif
