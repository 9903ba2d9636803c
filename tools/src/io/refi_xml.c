/* refi_xml.c - the project XML of a REFI-QDA file as a libxml2 tree (no
 * network, no DTD, no entities: a document with a DOCTYPE is refused, so
 * no text or attribute can hold an entity to expand), its GUIDs and its
 * references (refi_impl.h).  refi_parse.c walks the elements.
 *
 * Each GUID an element defines goes into one map (duplicates are
 * errors), each reference into a list of pending ones with the slot its
 * index goes to.  Slots live in arrays allocated once at their final
 * size (the children are counted first), so they do not move; the
 * references are resolved after the walk. */
#include "io/refi_impl.h"

#include <libxml/SAX2.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/store.h"
#include "core/util.h"

static const char *const kind_elem[] = {"User", "Code", "Variable", "Case", "TextSource",
	"source that is not text", "PlainTextSelection", "Note", "Set"};

char *refi_text(const xmlNode *n)
{
	struct buf b;
	buf_init(&b);
	buf_add(&b, "", 0);
	for (const xmlNode *t = n->children; t; t = t->next)
		if ((t->type == XML_TEXT_NODE || t->type == XML_CDATA_SECTION_NODE) && t->content)
			buf_puts(&b, (const char *)t->content);
	return buf_detach(&b, NULL);
}

char *refi_child_text(const xmlNode *n, const char *name)
{
	for (const xmlNode *e = n->children; e; e = e->next)
		if (refi_is(e, name)) {
			char *s = refi_text(e);
			if (*s)
				return s;
			free(s);
			return NULL;
		}
	return NULL;
}

bool refi_guid_canon(const char *s, char out[37])
{
	size_t n = strlen(s);
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\n' || s[n - 1] == '\r'))
		n--;
	while (n && (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r'))
		s++, n--;
	if (n == 38 && s[0] == '{' && s[37] == '}')
		s++, n -= 2;
	if (n != 36)
		return false;
	for (size_t i = 0; i < 36; i++)
		out[i] = (char)((s[i] >= 'A' && s[i] <= 'F') ? s[i] - 'A' + 'a' : s[i]);
	out[36] = '\0';
	return guid_ok(out);
}

char *refi_own_guid(struct refi_parse *x, const xmlNode *n, const char *elem)
{
	const char *g = refi_attr(n, "guid");
	char canon[37];
	if (!g) {
		REFI_ERR(x->c, refi_line(n), D_REFI_MISSING, refi_elem(x->c, elem, NULL),
		         "guid attribute");
		return NULL;
	}
	if (!refi_guid_canon(g, canon)) {
		REFI_ERR(x->c, refi_line(n), D_REFI_GUID, refi_elem(x->c, elem, NULL), "guid",
		         refi_show(x->c, g));
		return NULL;
	}
	return xstrdup(canon);
}

void refi_define(struct refi_parse *x, const char *guid, enum refi_kind k, size_t index,
                 const char *elem, size_t line)
{
	size_t old;
	if (!hmap_put(&x->guids, guid, x->ndefs, &old)) {
		REFI_ERR(x->c, line, D_REFI_DUP_GUID, refi_elem(x->c, elem, guid),
		         kind_elem[x->defs[old].kind], x->defs[old].line);
		return;
	}
	ARRAY_PUSH(x->defs, x->ndefs, x->defs_cap, ((struct refi_def){k, index, line}));
}

void refi_refer(struct refi_parse *x, const xmlNode *n, const char *an, enum refi_kind want,
                size_t *slot, const char *elem, const char *owner, const char *what,
                bool required)
{
	if (slot)
		*slot = NONE;
	const char *v = refi_attr(n, an);
	if (!v) {
		if (required)
			REFI_ERR(x->c, refi_line(n), D_REFI_MISSING, refi_elem(x->c, elem, owner), what);
		return;
	}
	struct refi_pending r = {.want = want, .slot = slot, .elem = elem, .owner = owner,
		.attr = what, .line = refi_line(n)};
	if (!refi_guid_canon(v, r.guid)) {
		REFI_ERR(x->c, r.line, D_REFI_GUID, refi_elem(x->c, elem, owner), what,
		         refi_show(x->c, v));
		return;
	}
	ARRAY_PUSH(x->refs, x->nrefs, x->refs_cap, r);
}

/* Every pending reference to its slot, or reported. */
static void resolve(struct refi_parse *x)
{
	for (size_t i = 0; i < x->nrefs && !x->c->stopped; i++) {
		struct refi_pending *r = &x->refs[i];
		size_t k;
		if (!hmap_get(&x->guids, r->guid, &k)) {
			REFI_ERR(x->c, r->line, D_REFI_UNKNOWN_GUID, refi_elem(x->c, r->elem, r->owner),
			         r->attr, r->guid, kind_elem[r->want]);
			continue;
		}
		const struct refi_def *f = &x->defs[k];
		if (f->kind == r->want) {
			if (r->slot)
				*r->slot = f->index;
		} else if (!(r->want == RK_SOURCE && f->kind == RK_OTHER)) {
			REFI_ERR(x->c, r->line, D_REFI_REF_KIND, refi_elem(x->c, r->elem, r->owner),
			         r->attr, r->guid, kind_elem[f->kind], kind_elem[r->want]);
		} /* a source that is not text: left NONE, dropped below */
	}
}

/* Remove the NONE entries of a[0..*n). */
static void compact(size_t *a, size_t *n)
{
	size_t k = 0;
	for (size_t i = 0; i < *n; i++)
		if (a[i] != NONE)
			a[k++] = a[i];
	*n = k;
}

/* libxml2's messages are not printed: the first one is kept for ours. */
static void keep_first(void *ctx, xmlErrorPtr e)
{
	char **first = ctx;
	if (!*first && e && e->message) {
		*first = xasprintf("line %d: %s", e->line, e->message);
		size_t k = strlen(*first);
		while (k && ((*first)[k - 1] == '\n' || (*first)[k - 1] == ' '))
			(*first)[--k] = '\0';
	}
}

/* libxml2 keeps an element's line in 16 bits (past 65535 it guesses
 * from the text after it): each element gets its exact line in psvi,
 * which nothing else uses without a schema (refi_line reads it). */
static void start_element(void *ctx, const xmlChar *localname, const xmlChar *prefix,
                          const xmlChar *uri, int nb_namespaces, const xmlChar **namespaces,
                          int nb_attributes, int nb_defaulted, const xmlChar **attributes)
{
	xmlParserCtxt *px = ctx;
	xmlSAX2StartElementNs(ctx, localname, prefix, uri, nb_namespaces, namespaces, nb_attributes,
	                      nb_defaulted, attributes);
	if (px->node && px->input)
		px->node->psvi = (void *)(intptr_t)px->input->line;
}

/* A DOCTYPE: its line, for the message that refuses it. */
static void internal_subset(void *ctx, const xmlChar *name, const xmlChar *external_id,
                            const xmlChar *system_id)
{
	xmlParserCtxt *px = ctx;
	*(size_t *)px->_private = px->input && px->input->line > 0 ? (size_t)px->input->line : 0;
	xmlSAX2InternalSubset(ctx, name, external_id, system_id);
}

int refi_parse(struct refi_ctx *c, const char *xml, size_t n)
{
	if (n > (size_t)INT_MAX) {
		REFI_ERR(c, 0, D_REFI_XML, "the XML is larger than 2 GiB");
		return -1;
	}
	char *first = NULL;
	size_t dtd_line = 0;
	xmlSetStructuredErrorFunc(&first, keep_first);
	xmlDoc *doc = NULL;
	xmlParserCtxt *px = xmlCreateMemoryParserCtxt(xml, (int)n);
	if (px) {
		xmlCtxtUseOptions(px, XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING |
		                  XML_PARSE_BIG_LINES | XML_PARSE_NOCDATA);
		px->sax->startElementNs = start_element;
		px->sax->internalSubset = internal_subset;
		px->_private = &dtd_line;
		xmlParseDocument(px);
		doc = px->myDoc;
		if (doc && !px->wellFormed) {
			xmlFreeDoc(doc);
			doc = NULL;
		}
		xmlFreeParserCtxt(px);
	}
	xmlSetStructuredErrorFunc(NULL, NULL);
	if (!doc) {
		REFI_ERR(c, 0, D_REFI_XML, first ? first : n ? "not XML" : "the file is empty");
		free(first);
		return -1;
	}
	free(first);
	if (doc->intSubset || doc->extSubset) {
		xmlDtd *dtd = doc->intSubset ? doc->intSubset : doc->extSubset;
		REFI_ERR(c, dtd_line, D_REFI_DTD, refi_show(c, dtd->name ? (const char *)dtd->name : ""));
		xmlFreeDoc(doc);
		return -1;
	}
	xmlNode *root = xmlDocGetRootElement(doc);
	bool codebook = root && refi_is(root, "CodeBook");
	if (!root || (!refi_is(root, "Project") && !(codebook && c->codebook_only))) {
		char name[160] = "(none)";
		if (root && root->ns && root->ns->href)
			snprintf(name, sizeof name, "%s xmlns=\"%s\"", refi_show(c, (const char *)root->name),
			         refi_show(c, (const char *)root->ns->href));
		else if (root)
			snprintf(name, sizeof name, "%s", refi_show(c, (const char *)root->name));
		REFI_ERR(c, root ? refi_line(root) : 0, D_REFI_ROOT, name,
		         c->codebook_only ? "<CodeBook> (urn:QDA-XML:codebook:1.0) or <Project>"
		                          : "<Project> (urn:QDA-XML:project:1.0)");
		xmlFreeDoc(doc);
		return -1;
	}
	struct refi_parse x = {.c = c};
	hmap_init(&x.guids);
	refi_walk(&x, root, codebook);
	resolve(&x);
	struct refi_project *p = c->p;
	for (size_t i = 0; i < p->ncases; i++)
		compact(p->cases[i].sources, &p->cases[i].nsources);
	for (size_t i = 0; i < p->nsets; i++)
		compact(p->sets[i].sources, &p->sets[i].nsources);
	hmap_free(&x.guids);
	free(x.defs);
	free(x.refs);
	for (size_t i = 0; i < x.nowned; i++)
		free(x.owned[i]);
	free(x.owned);
	xmlFreeDoc(doc);
	return 0;
}
