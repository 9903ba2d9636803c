/* refi_impl.h - what the two halves of the REFI-QDA reader share:
 * refi_read.c (the archive: entries, limits, paths, the flow) and
 * refi_parse.c (the project XML into the model of io/refi.h).  Nothing
 * else includes it.  The context is the reader's; it owns what it holds
 * (freed by refi_read.c), the model is the caller's. */
#ifndef SITAT_REFI_IMPL_H
#define SITAT_REFI_IMPL_H

#include <stdbool.h>
#include <stddef.h>
#include <zip.h>

#include "core/diag.h"
#include "core/hmap.h"
#include "io/refi.h"

/* The reader stops after this many problems. */
#define REFI_MAX_PROBLEMS 20
/* sitat.json, the sidecar of a sitat export. */
#define REFI_SIDECAR_MAX ((size_t)64 << 20)

struct refi_ctx {
	struct refi_project *p;
	struct diag *d;
	bool codebook_only;
	zip_t *za;        /* NULL for a .qdc read as XML */
	char *where;      /* "FILE.qdpx:ENTRY" (or the .qdc's name): messages about the XML */
	size_t problems;  /* reported so far (errors and warnings) */
	bool stopped;     /* REFI_MAX_PROBLEMS reached: report nothing more */
	size_t total;     /* bytes inflated so far, all entries */
	/* the archive's entries by name, "Sources/" in any case as "sources/" */
	struct hmap entries;
	char **keys;
	size_t nkeys, keys_cap;
	char desc[200];   /* refi_elem's buffer */
	char shown[4][72]; /* refi_show's buffers, used in turn */
	int nshown;
};

/* true when one more problem may be reported (and counts it); after
 * REFI_MAX_PROBLEMS, reports that more were found, once, and stops. */
bool refi_room(struct refi_ctx *c);
#define REFI_ERR(c, line, id, ...)                                           \
	do {                                                                     \
		if (refi_room(c))                                                    \
			diag_at((c)->d, id, (c)->where, (size_t)(line), 0, __VA_ARGS__); \
	} while (0)

/* "ELEMENT guid=GUID" (or just ELEMENT when guid is NULL), in c's buffer:
 * valid until the next call. */
const char *refi_elem(struct refi_ctx *c, const char *elem, const char *guid);
/* s cut to 60 bytes (on a UTF-8 boundary, "..." added) in one of c's
 * four buffers, used in turn. */
const char *refi_show(struct refi_ctx *c, const char *s);

/* The text a plainTextPath names, read from the archive (limit bytes at
 * most); elem and line for messages.  Returns the bytes (caller frees,
 * NUL-terminated) and sets *len and *entry (the entry's name, caller
 * frees), or NULL after reporting. */
char *refi_path_text(struct refi_ctx *c, const char *path, const char *elem, size_t line,
                     size_t limit, size_t *len, char **entry);

/* Parse the project XML (or a .qdc) into c->p: 0, or -1 after reporting. */
int refi_parse(struct refi_ctx *c, const char *xml, size_t n);

#endif
