/* refi_impl.h - what the two halves of the REFI-QDA reader share:
 * refi_read.c (the archive: entries, limits, paths, the flow),
 * refi_xml.c (the XML document, GUIDs, references) and refi_parse.c (the
 * elements into the model of io/refi.h).  Nothing
 * else includes it.  The context is the reader's; it owns what it holds
 * (freed by refi_read.c), the model is the caller's. */
#ifndef SITAT_REFI_IMPL_H
#define SITAT_REFI_IMPL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <libxml/tree.h>
#include <string.h>
#include <zip.h>

#include "core/diag.h"
#include "core/hmap.h"
#include "core/util.h"
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

/* Parse the project XML (or a .qdc) into c->p: 0, or -1 after reporting
 * (refi_xml.c). */
int refi_parse(struct refi_ctx *c, const char *xml, size_t n);

/* ---- the XML: refi_xml.c (the document, GUIDs, references) and
 * refi_parse.c (the elements) ---------------------------------------- */

#define REFI_NS_PROJECT "urn:QDA-XML:project:1.0"
#define REFI_NS_CODEBOOK "urn:QDA-XML:codebook:1.0"

/* What a GUID names. */
enum refi_kind { RK_USER, RK_CODE, RK_VAR, RK_CASE, RK_SOURCE, RK_OTHER, RK_SEL, RK_NOTE, RK_SET };

struct refi_def {
	enum refi_kind kind;
	size_t index, line;
};

/* A reference to resolve: the GUID it names, the kind it must be, the
 * slot its index goes to (NULL: only checked), and for messages the
 * element holding it and the attribute ("CodeRef targetGUID"). */
struct refi_pending {
	char guid[37];
	enum refi_kind want;
	size_t *slot;
	const char *elem, *owner, *attr;
	size_t line;
};

/* One parse: every GUID defined (guids: GUID -> defs index), the
 * references pending, and the capacities of the model's arrays. */
struct refi_parse {
	struct refi_ctx *c;
	struct hmap guids;
	struct refi_def *defs;
	size_t ndefs, defs_cap;
	struct refi_pending *refs;
	size_t nrefs, refs_cap;
	char **owned; /* GUIDs of elements the model does not keep */
	size_t nowned, owned_cap;
	size_t codes_cap, users_cap, vars_cap, cases_cap, sources_cap, notes_cap, sets_cap;
};

static inline bool refi_is(const xmlNode *n, const char *name)
{
	if (n->type != XML_ELEMENT_NODE || strcmp((const char *)n->name, name))
		return false;
	if (!n->ns || !n->ns->href)
		return true;
	const char *h = (const char *)n->ns->href;
	return !strcmp(h, REFI_NS_PROJECT) || !strcmp(h, REFI_NS_CODEBOOK);
}

static inline size_t refi_line(const xmlNode *n)
{
	if (n->type == XML_ELEMENT_NODE && n->psvi) /* refi_xml.c: the exact line */
		return (size_t)(intptr_t)n->psvi;
	long l = xmlGetLineNo(n);
	return l > 0 ? (size_t)l : 0;
}

static inline size_t refi_count(const xmlNode *n, const char *name)
{
	size_t k = 0;
	for (const xmlNode *e = n->children; e; e = e->next)
		k += refi_is(e, name);
	return k;
}

/* The value of attribute name (no namespace), or NULL.  Without a DTD an
 * attribute's value is one text node (borrowed from the tree). */
static inline const char *refi_attr(const xmlNode *n, const char *name)
{
	for (const xmlAttr *a = n->properties; a; a = a->next) {
		if (a->ns || strcmp((const char *)a->name, name))
			continue;
		const xmlNode *t = a->children;
		if (!t)
			return "";
		return t->type == XML_TEXT_NODE && t->content ? (const char *)t->content : "";
	}
	return NULL;
}

static inline char *refi_opt_dup(const char *s)
{
	return s && *s ? xstrdup(s) : NULL;
}

/* The text of n: its text and CDATA children (caller frees). */
char *refi_text(const xmlNode *n);
/* The text of n's first child called name; NULL when absent or empty. */
char *refi_child_text(const xmlNode *n, const char *name);
/* s as a canonical GUID in out (lower case, no braces; blanks around it
 * and {braces} allowed); false when it is not one. */
bool refi_guid_canon(const char *s, char out[37]);
/* n's own guid attribute, canonical (caller frees), or NULL after
 * reporting (elem names n in the message). */
char *refi_own_guid(struct refi_parse *x, const xmlNode *n, const char *elem);
/* guid (stable: owned by the model or by x) is the GUID of the index-th
 * element of kind k; a GUID defined twice is reported. */
void refi_define(struct refi_parse *x, const char *guid, enum refi_kind k, size_t index,
                 const char *elem, size_t line);
/* Attribute an of n must name an element of kind want, checked after the
 * walk; its index goes to *slot (NULL: only checked), which stays NONE
 * when the attribute is absent (an error when required).  elem, owner
 * and what name it in messages ("PlainTextSelection", its GUID,
 * "CodeRef targetGUID"). */
void refi_refer(struct refi_parse *x, const xmlNode *n, const char *an, enum refi_kind want,
                size_t *slot, const char *elem, const char *owner, const char *what,
                bool required);
/* The children of the root element (a Project, or a CodeBook) into the
 * model (refi_parse.c). */
void refi_walk(struct refi_parse *x, const xmlNode *root, bool codebook);

#endif
