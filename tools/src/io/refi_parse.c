/* refi_parse.c - the project XML of a REFI-QDA file into the model of
 * io/refi.h (refi_impl.h).  A libxml2 tree: no network, no DTD, no
 * entities (a document with a DOCTYPE is refused, so no text or
 * attribute can hold an entity to expand).  Elements in the QDA-XML
 * namespaces or in none are read; others are skipped.
 *
 * One walk builds the model; each GUID an element defines goes into one
 * map (duplicates are errors), each reference into a list of pending
 * ones with the slot its index goes to.  Slots live in arrays allocated
 * once at their final size (the children are counted first), so they do
 * not move; the references are resolved after the walk. */
#include "io/refi_impl.h"

#include <errno.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "core/store.h"
#include "core/util.h"

#define NS_PROJECT "urn:QDA-XML:project:1.0"
#define NS_CODEBOOK "urn:QDA-XML:codebook:1.0"
#define CODE_DEPTH 100

enum kind { K_USER, K_CODE, K_VAR, K_CASE, K_SOURCE, K_OTHER, K_SEL, K_NOTE, K_SET };
static const char *const kind_elem[] = {"User", "Code", "Variable", "Case", "TextSource",
	"source that is not text", "PlainTextSelection", "Note", "Set"};

struct def {
	enum kind kind;
	size_t index, line;
};

/* A reference to resolve: the GUID it names, the kind it must be, the
 * slot its index goes to (NULL: only checked), and for messages the
 * element holding it and the attribute ("CodeRef targetGUID"). */
struct pending {
	char guid[37];
	enum kind want;
	size_t *slot;
	const char *elem, *owner, *attr;
	size_t line;
};

struct parse {
	struct refi_ctx *c;
	struct hmap guids;
	struct def *defs;
	size_t ndefs, defs_cap;
	struct pending *refs;
	size_t nrefs, refs_cap;
	char **owned; /* GUIDs of elements the model does not keep */
	size_t nowned, owned_cap;
	size_t codes_cap, users_cap, vars_cap, cases_cap, sources_cap, notes_cap, sets_cap;
};

static bool is(const xmlNode *n, const char *name)
{
	if (n->type != XML_ELEMENT_NODE || strcmp((const char *)n->name, name))
		return false;
	if (!n->ns || !n->ns->href)
		return true;
	const char *h = (const char *)n->ns->href;
	return !strcmp(h, NS_PROJECT) || !strcmp(h, NS_CODEBOOK);
}

static size_t line_of(const xmlNode *n)
{
	long l = xmlGetLineNo(n);
	return l > 0 ? (size_t)l : 0;
}

static size_t count(const xmlNode *n, const char *name)
{
	size_t k = 0;
	for (const xmlNode *e = n->children; e; e = e->next)
		k += is(e, name);
	return k;
}

/* The value of attribute name (no namespace), or NULL.  Without a DTD an
 * attribute's value is one text node (borrowed from the tree). */
static const char *attr(const xmlNode *n, const char *name)
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

/* The text of n: its text and CDATA children (caller frees). */
static char *text_of(const xmlNode *n)
{
	struct buf b;
	buf_init(&b);
	buf_add(&b, "", 0);
	for (const xmlNode *t = n->children; t; t = t->next)
		if ((t->type == XML_TEXT_NODE || t->type == XML_CDATA_SECTION_NODE) && t->content)
			buf_puts(&b, (const char *)t->content);
	return buf_detach(&b, NULL);
}

/* The text of the first child called name, NULL when absent or empty. */
static char *child_text(const xmlNode *n, const char *name)
{
	for (const xmlNode *e = n->children; e; e = e->next)
		if (is(e, name)) {
			char *s = text_of(e);
			if (*s)
				return s;
			free(s);
			return NULL;
		}
	return NULL;
}

static char *opt_dup(const char *s)
{
	return s && *s ? xstrdup(s) : NULL;
}

/* s as a canonical GUID in out (lower case, no braces; blanks around it
 * and {braces} allowed); false when it is not one. */
static bool guid_canon(const char *s, char out[37])
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

/* The element's own guid attribute, canonical (caller frees), or NULL
 * after reporting. */
static char *own_guid(struct parse *x, const xmlNode *n, const char *elem)
{
	const char *g = attr(n, "guid");
	char canon[37];
	if (!g) {
		REFI_ERR(x->c, line_of(n), D_REFI_MISSING, refi_elem(x->c, elem, NULL),
		         "guid attribute");
		return NULL;
	}
	if (!guid_canon(g, canon)) {
		REFI_ERR(x->c, line_of(n), D_REFI_GUID, refi_elem(x->c, elem, NULL), "guid",
		         refi_show(x->c, g));
		return NULL;
	}
	return xstrdup(canon);
}

/* Record that guid (stable: owned by the model or by x) is the GUID of
 * the index-th element of kind k. */
static void define(struct parse *x, const char *guid, enum kind k, size_t index,
                   const char *elem, size_t line)
{
	size_t old;
	if (!hmap_put(&x->guids, guid, x->ndefs, &old)) {
		REFI_ERR(x->c, line, D_REFI_DUP_GUID, refi_elem(x->c, elem, guid),
		         kind_elem[x->defs[old].kind], x->defs[old].line);
		return;
	}
	ARRAY_PUSH(x->defs, x->ndefs, x->defs_cap, ((struct def){k, index, line}));
}

/* A reference to check after the walk: attribute an of n (value v, or
 * the attribute itself when v is NULL) must name an element of kind
 * want; its index goes to *slot (NULL: only checked).  Absent: *slot
 * stays NONE, or an error when required. */
static void refer(struct parse *x, const xmlNode *n, const char *an, enum kind want,
                  size_t *slot, const char *elem, const char *owner, const char *what,
                  bool required)
{
	if (slot)
		*slot = NONE;
	const char *v = attr(n, an);
	if (!v) {
		if (required)
			REFI_ERR(x->c, line_of(n), D_REFI_MISSING, refi_elem(x->c, elem, owner), what);
		return;
	}
	struct pending r = {.want = want, .slot = slot, .elem = elem, .owner = owner,
		.attr = what, .line = line_of(n)};
	if (!guid_canon(v, r.guid)) {
		REFI_ERR(x->c, r.line, D_REFI_GUID, refi_elem(x->c, elem, owner), what,
		         refi_show(x->c, v));
		return;
	}
	ARRAY_PUSH(x->refs, x->nrefs, x->refs_cap, r);
}

static void resolve(struct parse *x)
{
	for (size_t i = 0; i < x->nrefs && !x->c->stopped; i++) {
		struct pending *r = &x->refs[i];
		size_t k;
		if (!hmap_get(&x->guids, r->guid, &k)) {
			REFI_ERR(x->c, r->line, D_REFI_UNKNOWN_GUID, refi_elem(x->c, r->elem, r->owner),
			         r->attr, r->guid, kind_elem[r->want]);
			continue;
		}
		const struct def *f = &x->defs[k];
		if (f->kind == r->want) {
			if (r->slot)
				*r->slot = f->index;
		} else if (!(r->want == K_SOURCE && f->kind == K_OTHER)) {
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

/* Children NoteRef of n into notes[*k..]. */
static void note_refs(struct parse *x, const xmlNode *n, size_t *notes, size_t *k,
                      const char *elem, const char *owner)
{
	for (const xmlNode *e = n->children; e; e = e->next)
		if (is(e, "NoteRef")) {
			refer(x, e, "targetGUID", K_NOTE, notes ? &notes[*k] : NULL, elem, owner,
			      "NoteRef targetGUID", true);
			if (notes)
				(*k)++;
		}
}

static bool hex(char ch)
{
	return (ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'f') || (ch >= 'A' && ch <= 'F');
}

/* ASCII case-insensitive equality. */
static bool same_ci(const char *a, const char *b)
{
	for (; *a && *b; a++, b++) {
		char ca = (*a >= 'A' && *a <= 'Z') ? (char)(*a + 32) : *a;
		char cb = (*b >= 'A' && *b <= 'Z') ? (char)(*b + 32) : *b;
		if (ca != cb)
			return false;
	}
	return *a == *b;
}

static bool color_ok(const char *s, size_t n)
{
	for (size_t i = 1; i < n; i++)
		if (!hex(s[i]))
			return false;
	return s[0] == '#' && (n == 4 || n == 7);
}

static void read_code(struct parse *x, const xmlNode *n, size_t parent, int depth)
{
	struct refi_ctx *c = x->c;
	char *guid = own_guid(x, n, "Code");
	if (!guid)
		return;
	if (depth > CODE_DEPTH) {
		REFI_ERR(c, line_of(n), D_REFI_DEEP, refi_elem(c, "Code", guid), CODE_DEPTH);
		free(guid);
		return;
	}
	struct refi_project *p = c->p;
	size_t me = p->ncodes;
	ARRAY_GROW(p->codes, p->ncodes, x->codes_cap);
	struct refi_code *k = &p->codes[p->ncodes++];
	*k = (struct refi_code){.guid = guid, .parent = parent, .codable = true,
		.line = line_of(n)};
	define(x, guid, K_CODE, me, "Code", k->line);
	const char *name = attr(n, "name");
	if (!name)
		REFI_ERR(c, k->line, D_REFI_MISSING, refi_elem(c, "Code", guid), "name attribute");
	k->name = xstrdup(name ? name : "");
	k->description = child_text(n, "Description");
	const char *cod = attr(n, "isCodable");
	if (cod && (!strcmp(cod, "false") || !strcmp(cod, "0")))
		k->codable = false;
	else if (cod && strcmp(cod, "true") && strcmp(cod, "1"))
		REFI_ERR(c, k->line, D_REFI_VALUE, refi_elem(c, "Code", guid), "isCodable",
		         refi_show(c, cod), "true or false");
	const char *col = attr(n, "color");
	if (col && color_ok(col, strlen(col))) {
		if (strlen(col) == 4)
			k->color = xasprintf("#%c%c%c%c%c%c", col[1], col[1], col[2], col[2], col[3], col[3]);
		else
			k->color = xstrdup(col);
	} else if (col) {
		REFI_ERR(c, k->line, D_REFI_COLOR, refi_elem(c, "Code", guid), refi_show(c, col));
	}
	if (!c->codebook_only)
		note_refs(x, n, NULL, NULL, "Code", guid);
	for (const xmlNode *e = n->children; e && !c->stopped; e = e->next)
		if (is(e, "Code"))
			read_code(x, e, me, depth + 1);
}

static void read_users(struct parse *x, const xmlNode *n)
{
	struct refi_project *p = x->c->p;
	for (const xmlNode *e = n->children; e && !x->c->stopped; e = e->next) {
		if (!is(e, "User"))
			continue;
		char *guid = own_guid(x, e, "User");
		if (!guid)
			continue;
		ARRAY_PUSH(p->users, p->nusers, x->users_cap,
		           ((struct refi_user){guid, opt_dup(attr(e, "name"))}));
		define(x, guid, K_USER, p->nusers - 1, "User", line_of(e));
	}
}

static const char *const var_types[] = {"Text", "Boolean", "Integer", "Float", "Date",
	"DateTime"};

static void read_vars(struct parse *x, const xmlNode *n)
{
	struct refi_ctx *c = x->c;
	struct refi_project *p = c->p;
	for (const xmlNode *e = n->children; e && !c->stopped; e = e->next) {
		if (!is(e, "Variable"))
			continue;
		char *guid = own_guid(x, e, "Variable");
		if (!guid)
			continue;
		struct refi_var v = {.guid = guid, .type = REFI_TEXT};
		const char *name = attr(e, "name"), *t = attr(e, "typeOfVariable");
		if (!name)
			REFI_ERR(c, line_of(e), D_REFI_MISSING, refi_elem(c, "Variable", guid),
			         "name attribute");
		v.name = xstrdup(name ? name : "");
		if (t) {
			size_t i = 0;
			while (i < 6 && !same_ci(t, var_types[i]))
				i++;
			if (i < 6)
				v.type = (enum refi_vartype)i;
			else
				REFI_ERR(c, line_of(e), D_REFI_VALUE, refi_elem(c, "Variable", guid),
				         "typeOfVariable", refi_show(c, t),
				         "Text, Boolean, Integer, Float, Date or DateTime");
		}
		v.description = child_text(e, "Description");
		ARRAY_PUSH(p->vars, p->nvars, x->vars_cap, v);
		define(x, guid, K_VAR, p->nvars - 1, "Variable", line_of(e));
	}
}

/* The VariableValue children of n into a new array (*nv of them). */
static struct refi_value *read_values(struct parse *x, const xmlNode *n, size_t *nv,
                                      const char *elem, const char *owner)
{
	static const char *const vals[] = {"TextValue", "BooleanValue", "IntegerValue",
		"FloatValue", "DateValue", "DateTimeValue", NULL};
	*nv = count(n, "VariableValue");
	struct refi_value *v = *nv ? xcalloc(*nv, sizeof *v) : NULL;
	size_t k = 0;
	for (const xmlNode *e = n->children; e; e = e->next) {
		if (!is(e, "VariableValue"))
			continue;
		struct refi_value *val = &v[k++];
		val->var = NONE;
		const xmlNode *ref = NULL;
		for (const xmlNode *f = e->children; f; f = f->next) {
			if (is(f, "VariableRef") && !ref)
				ref = f;
			for (int i = 0; vals[i]; i++)
				if (is(f, vals[i]) && !val->value)
					val->value = text_of(f);
		}
		if (!val->value)
			val->value = xstrdup("");
		if (ref)
			refer(x, ref, "targetGUID", K_VAR, &val->var, elem, owner,
			      "VariableRef targetGUID", true);
		else
			REFI_ERR(x->c, line_of(e), D_REFI_MISSING, refi_elem(x->c, elem, owner),
			         "VariableRef of a VariableValue");
	}
	return v;
}

static void read_cases(struct parse *x, const xmlNode *n)
{
	struct refi_project *p = x->c->p;
	for (const xmlNode *e = n->children; e && !x->c->stopped; e = e->next) {
		if (!is(e, "Case"))
			continue;
		char *guid = own_guid(x, e, "Case");
		if (!guid)
			continue;
		ARRAY_GROW(p->cases, p->ncases, x->cases_cap);
		struct refi_case *k = &p->cases[p->ncases++];
		*k = (struct refi_case){.guid = guid, .name = opt_dup(attr(e, "name")),
			.description = child_text(e, "Description"), .line = line_of(e)};
		define(x, guid, K_CASE, p->ncases - 1, "Case", k->line);
		k->values = read_values(x, e, &k->nvalues, "Case", guid);
		k->nsources = count(e, "SourceRef");
		k->sources = k->nsources ? xcalloc(k->nsources, sizeof *k->sources) : NULL;
		size_t i = 0;
		for (const xmlNode *f = e->children; f; f = f->next)
			if (is(f, "SourceRef"))
				refer(x, f, "targetGUID", K_SOURCE, &k->sources[i++], "Case", guid,
				      "SourceRef targetGUID", true);
	}
}

/* A position attribute; false after reporting. */
static bool position(struct parse *x, const xmlNode *n, const char *an, const char *guid,
                     long long *out)
{
	const char *v = attr(n, an);
	if (!v) {
		char what[40];
		snprintf(what, sizeof what, "%s attribute", an);
		REFI_ERR(x->c, line_of(n), D_REFI_MISSING, refi_elem(x->c, "PlainTextSelection", guid),
		         what);
		return false;
	}
	const char *s = v;
	while (*s == ' ' || *s == '\t')
		s++;
	if (*s == '+')
		s++;
	char *end;
	errno = 0;
	long long r = (*s >= '0' && *s <= '9') ? strtoll(s, &end, 10) : -1;
	if (r >= 0 && errno == 0)
		while (*end == ' ' || *end == '\t')
			end++;
	if (r < 0 || errno || *end) {
		REFI_ERR(x->c, line_of(n), D_REFI_POSITION, refi_elem(x->c, "PlainTextSelection", guid),
		         an, refi_show(x->c, v));
		return false;
	}
	*out = r;
	return true;
}

static void read_sel(struct parse *x, const xmlNode *n, struct refi_sel *s)
{
	struct refi_ctx *c = x->c;
	s->user = NONE;
	s->line = line_of(n);
	char *guid = own_guid(x, n, "PlainTextSelection");
	if (!guid)
		return;
	s->guid = guid;
	s->name = opt_dup(attr(n, "name"));
	s->description = child_text(n, "Description");
	bool ok = position(x, n, "startPosition", guid, &s->start);
	ok = position(x, n, "endPosition", guid, &s->end) && ok;
	if (ok && s->start > s->end)
		REFI_ERR(c, s->line, D_REFI_RANGE, refi_elem(c, "PlainTextSelection", guid), s->start,
		         s->end);
	refer(x, n, "creatingUser", K_USER, &s->user, "PlainTextSelection", guid,
	      "creatingUser", false);
	s->ncodes = count(n, "Coding");
	s->nnotes = count(n, "NoteRef");
	for (const xmlNode *e = n->children; e; e = e->next)
		if (is(e, "Coding"))
			s->nnotes += count(e, "NoteRef");
	s->codes = s->ncodes ? xmalloc(s->ncodes * sizeof *s->codes) : NULL;
	s->coders = s->ncodes ? xmalloc(s->ncodes * sizeof *s->coders) : NULL;
	s->notes = s->nnotes ? xmalloc(s->nnotes * sizeof *s->notes) : NULL;
	size_t kc = 0, kn = 0;
	note_refs(x, n, s->notes, &kn, "PlainTextSelection", guid);
	for (const xmlNode *e = n->children; e; e = e->next) {
		if (!is(e, "Coding"))
			continue;
		size_t i = kc++;
		s->codes[i] = NONE;
		const xmlNode *ref = NULL;
		for (const xmlNode *f = e->children; f && !ref; f = f->next)
			if (is(f, "CodeRef"))
				ref = f;
		if (ref)
			refer(x, ref, "targetGUID", K_CODE, &s->codes[i], "PlainTextSelection", guid,
			      "CodeRef targetGUID", true);
		else
			REFI_ERR(c, line_of(e), D_REFI_MISSING, refi_elem(c, "PlainTextSelection", guid),
			         "CodeRef of a Coding");
		refer(x, e, "creatingUser", K_USER, &s->coders[i], "Coding of PlainTextSelection",
		      guid, "creatingUser", false);
		note_refs(x, e, s->notes, &kn, "PlainTextSelection", guid);
	}
}

/* The text of a TextSource or Note: plainTextPath, else PlainTextContent.
 * false when it has neither (nothing reported) or after reporting. */
static bool source_text(struct parse *x, const xmlNode *n, const char *elem, const char *guid,
                        char **text, size_t *len, char **entry, bool *absent)
{
	const char *path = attr(n, "plainTextPath");
	*absent = false;
	if (path && *path) {
		*text = refi_path_text(x->c, path, refi_elem(x->c, elem, guid), line_of(n),
		                       REFI_TEXT_MAX, len, entry);
		return *text != NULL;
	}
	for (const xmlNode *e = n->children; e; e = e->next)
		if (is(e, "PlainTextContent")) {
			*text = text_of(e);
			*len = strlen(*text);
			return true;
		}
	*absent = true;
	return false;
}

static void read_source(struct parse *x, const xmlNode *n)
{
	struct refi_ctx *c = x->c;
	struct refi_project *p = c->p;
	char *guid = own_guid(x, n, "TextSource");
	if (!guid)
		return;
	ARRAY_GROW(p->sources, p->nsources, x->sources_cap);
	struct refi_source *s = &p->sources[p->nsources++];
	*s = (struct refi_source){.guid = guid, .name = opt_dup(attr(n, "name")),
		.description = child_text(n, "Description"), .line = line_of(n)};
	define(x, guid, K_SOURCE, p->nsources - 1, "TextSource", s->line);
	refer(x, n, "creatingUser", K_USER, NULL, "TextSource", guid, "creatingUser", false);
	bool absent;
	if (!source_text(x, n, "TextSource", guid, &s->text, &s->text_len, &s->entry, &absent) &&
	    absent)
		REFI_ERR(c, s->line, D_REFI_NO_TEXT, refi_elem(c, "TextSource", guid));
	s->nsels = count(n, "PlainTextSelection");
	s->sels = s->nsels ? xcalloc(s->nsels, sizeof *s->sels) : NULL;
	size_t k = 0;
	for (const xmlNode *e = n->children; e && !c->stopped; e = e->next)
		if (is(e, "PlainTextSelection")) {
			read_sel(x, e, &s->sels[k]);
			if (s->sels[k].guid)
				define(x, s->sels[k].guid, K_SEL, k, "PlainTextSelection", s->sels[k].line);
			k++;
		}
	s->values = read_values(x, n, &s->nvalues, "TextSource", guid);
	s->nnotes = count(n, "NoteRef");
	s->notes = s->nnotes ? xmalloc(s->nnotes * sizeof *s->notes) : NULL;
	size_t kn = 0;
	note_refs(x, n, s->notes, &kn, "TextSource", guid);
}

static void read_sources(struct parse *x, const xmlNode *n)
{
	static const char *const other[] = {"PictureSource", "PDFSource", "AudioSource",
		"VideoSource", NULL};
	for (const xmlNode *e = n->children; e && !x->c->stopped; e = e->next) {
		if (is(e, "TextSource")) {
			read_source(x, e);
			continue;
		}
		for (int i = 0; other[i]; i++)
			if (is(e, other[i])) {
				char *guid = own_guid(x, e, other[i]);
				x->c->p->nother++;
				if (guid) {
					ARRAY_PUSH(x->owned, x->nowned, x->owned_cap, guid);
					define(x, guid, K_OTHER, NONE, other[i], line_of(e));
				}
			}
	}
}

static void read_notes(struct parse *x, const xmlNode *n)
{
	struct refi_project *p = x->c->p;
	for (const xmlNode *e = n->children; e && !x->c->stopped; e = e->next) {
		if (!is(e, "Note"))
			continue;
		char *guid = own_guid(x, e, "Note");
		if (!guid)
			continue;
		ARRAY_GROW(p->notes, p->nnotes, x->notes_cap);
		struct refi_note *k = &p->notes[p->nnotes++];
		*k = (struct refi_note){.guid = guid, .name = opt_dup(attr(e, "name")),
			.line = line_of(e)};
		define(x, guid, K_NOTE, p->nnotes - 1, "Note", k->line);
		refer(x, e, "creatingUser", K_USER, NULL, "Note", guid, "creatingUser", false);
		size_t len = 0;
		char *entry = NULL;
		bool absent;
		if (source_text(x, e, "Note", guid, &k->text, &len, &entry, &absent) &&
		    len >= 3 && !memcmp(k->text, "\xEF\xBB\xBF", 3))
			memmove(k->text, k->text + 3, len - 2);
		free(entry);
		if (!k->text)
			k->text = xstrdup("");
	}
}

static void read_sets(struct parse *x, const xmlNode *n)
{
	struct refi_ctx *c = x->c;
	struct refi_project *p = c->p;
	for (const xmlNode *e = n->children; e && !c->stopped; e = e->next) {
		if (!is(e, "Set"))
			continue;
		char *guid = own_guid(x, e, "Set");
		if (!guid)
			continue;
		ARRAY_GROW(p->sets, p->nsets, x->sets_cap);
		struct refi_set *k = &p->sets[p->nsets++];
		*k = (struct refi_set){.guid = guid, .name = xstrdup(attr(e, "name") ? attr(e, "name") : ""),
			.description = child_text(e, "Description"), .line = line_of(e)};
		define(x, guid, K_SET, p->nsets - 1, "Set", k->line);
		k->ncodes = count(e, "MemberCode");
		k->codes = k->ncodes ? xmalloc(k->ncodes * sizeof *k->codes) : NULL;
		k->nsources = c->codebook_only ? 0 : count(e, "MemberSource");
		k->sources = k->nsources ? xmalloc(k->nsources * sizeof *k->sources) : NULL;
		size_t ic = 0, is_ = 0;
		for (const xmlNode *f = e->children; f; f = f->next) {
			if (is(f, "MemberCode"))
				refer(x, f, "targetGUID", K_CODE, &k->codes[ic++], "Set", guid,
				      "MemberCode targetGUID", true);
			else if (is(f, "MemberSource") && !c->codebook_only)
				refer(x, f, "targetGUID", K_SOURCE, &k->sources[is_++], "Set", guid,
				      "MemberSource targetGUID", true);
			else if (is(f, "MemberNote") && !c->codebook_only)
				refer(x, f, "targetGUID", K_NOTE, NULL, "Set", guid,
				      "MemberNote targetGUID", true);
		}
	}
}

/* The children of the root: a Project, or a CodeBook (.qdc). */
static void read_root(struct parse *x, const xmlNode *root, bool codebook)
{
	struct refi_ctx *c = x->c;
	struct refi_project *p = c->p;
	p->origin = opt_dup(attr(root, "origin"));
	if (!codebook) {
		p->name = opt_dup(attr(root, "name"));
		const char *u = attr(root, "creatingUserGUID");
		char g[37];
		if (u && guid_canon(u, g))
			p->creating_user = xstrdup(g);
		else if (u)
			REFI_ERR(c, line_of(root), D_REFI_GUID, "Project", "creatingUserGUID",
			         refi_show(c, u));
	}
	for (const xmlNode *e = root->children; e && !c->stopped; e = e->next) {
		const xmlNode *codes = NULL;
		if (codebook && is(e, "Codes"))
			codes = e;
		else if (!codebook && is(e, "CodeBook"))
			for (const xmlNode *f = e->children; f && !codes; f = f->next)
				if (is(f, "Codes"))
					codes = f;
		if (codes) {
			for (const xmlNode *f = codes->children; f && !c->stopped; f = f->next)
				if (is(f, "Code"))
					read_code(x, f, NONE, 1);
		} else if (is(e, "Sets")) {
			read_sets(x, e);
		} else if (c->codebook_only) {
			continue;
		} else if (is(e, "Users")) {
			read_users(x, e);
		} else if (is(e, "Variables")) {
			read_vars(x, e);
		} else if (is(e, "Cases")) {
			read_cases(x, e);
		} else if (is(e, "Sources")) {
			read_sources(x, e);
		} else if (is(e, "Notes")) {
			read_notes(x, e);
		} else if (is(e, "NoteRef")) {
			refer(x, e, "targetGUID", K_NOTE, NULL, "Project", NULL, "NoteRef targetGUID", true);
		}
	}
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

int refi_parse(struct refi_ctx *c, const char *xml, size_t n)
{
	if (n > (size_t)INT_MAX) {
		REFI_ERR(c, 0, D_REFI_XML, "the XML is larger than 2 GiB");
		return -1;
	}
	char *first = NULL;
	xmlSetStructuredErrorFunc(&first, keep_first);
	xmlDoc *doc = xmlReadMemory(xml, (int)n, "project.qde", NULL,
	                            XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING |
	                            XML_PARSE_BIG_LINES | XML_PARSE_NOCDATA);
	xmlSetStructuredErrorFunc(NULL, NULL);
	if (!doc) {
		REFI_ERR(c, 0, D_REFI_XML, first ? first : "not XML");
		free(first);
		return -1;
	}
	free(first);
	if (doc->intSubset || doc->extSubset) {
		xmlDtd *dtd = doc->intSubset ? doc->intSubset : doc->extSubset;
		REFI_ERR(c, line_of((xmlNode *)dtd), D_REFI_DTD,
		         refi_show(c, dtd->name ? (const char *)dtd->name : ""));
		xmlFreeDoc(doc);
		return -1;
	}
	xmlNode *root = xmlDocGetRootElement(doc);
	bool codebook = root && is(root, "CodeBook");
	if (!root || (!is(root, "Project") && !(codebook && c->codebook_only))) {
		REFI_ERR(c, root ? line_of(root) : 0, D_REFI_ROOT,
		         root ? refi_show(c, (const char *)root->name) : "(none)",
		         c->codebook_only ? "<CodeBook> (urn:QDA-XML:codebook:1.0) or <Project>"
		                          : "<Project> (urn:QDA-XML:project:1.0)");
		xmlFreeDoc(doc);
		return -1;
	}
	struct parse x = {.c = c};
	hmap_init(&x.guids);
	read_root(&x, root, codebook);
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
