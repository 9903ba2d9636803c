/* refi_parse.c - the elements of a REFI-QDA project XML (or codebook)
 * into the model of io/refi.h: users, the code tree, variables, cases,
 * text sources with their text and selections, notes and sets.  Elements
 * in the QDA-XML namespaces or in none are read; others are skipped.
 * The document, GUIDs and references are refi_xml.c's (refi_impl.h). */
#include "io/refi_impl.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/store.h"
#include "core/util.h"

#define CODE_DEPTH 100

/* The first of e and its next siblings called name whose guid is valid
 * (in *guid, canonical; the others are reported and skipped), or NULL at
 * the end or once the reader has stopped. */
static const xmlNode *each(struct refi_parse *x, const xmlNode *e, const char *name,
                           char **guid)
{
	for (; e && !x->c->stopped; e = e->next)
		if (refi_is(e, name) && (*guid = refi_own_guid(x, e, name)))
			return e;
	return NULL;
}

/* Children NoteRef of n into notes[*k..]. */
static void note_refs(struct refi_parse *x, const xmlNode *n, size_t *notes, size_t *k,
                      const char *elem, const char *owner)
{
	for (const xmlNode *e = n->children; e; e = e->next)
		if (refi_is(e, "NoteRef")) {
			refi_refer(x, e, "targetGUID", RK_NOTE, notes ? &notes[*k] : NULL, elem, owner,
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

static void read_code(struct refi_parse *x, const xmlNode *n, size_t parent, int depth)
{
	struct refi_ctx *c = x->c;
	char *guid = refi_own_guid(x, n, "Code");
	if (!guid)
		return;
	if (depth > CODE_DEPTH) {
		REFI_ERR(c, refi_line(n), D_REFI_DEEP, refi_elem(c, "Code", guid), CODE_DEPTH);
		free(guid);
		return;
	}
	struct refi_project *p = c->p;
	size_t me = p->ncodes;
	ARRAY_GROW(p->codes, p->ncodes, x->codes_cap);
	struct refi_code *k = &p->codes[p->ncodes++];
	*k = (struct refi_code){.guid = guid, .parent = parent, .codable = true,
		.line = refi_line(n)};
	refi_define(x, guid, RK_CODE, me, "Code", k->line);
	const char *name = refi_attr(n, "name");
	if (!name)
		REFI_ERR(c, k->line, D_REFI_MISSING, refi_elem(c, "Code", guid), "name attribute");
	k->name = xstrdup(name ? name : "");
	k->description = refi_child_text(n, "Description");
	const char *cod = refi_attr(n, "isCodable");
	if (cod && (!strcmp(cod, "false") || !strcmp(cod, "0")))
		k->codable = false;
	else if (cod && strcmp(cod, "true") && strcmp(cod, "1"))
		REFI_ERR(c, k->line, D_REFI_VALUE, refi_elem(c, "Code", guid), "isCodable",
		         refi_show(c, cod), "true or false");
	const char *col = refi_attr(n, "color");
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
		if (refi_is(e, "Code"))
			read_code(x, e, me, depth + 1);
}

static void read_users(struct refi_parse *x, const xmlNode *n)
{
	struct refi_project *p = x->c->p;
	char *guid;
	for (const xmlNode *e = each(x, n->children, "User", &guid); e;
	     e = each(x, e->next, "User", &guid)) {
		ARRAY_PUSH(p->users, p->nusers, x->users_cap,
		           ((struct refi_user){guid, refi_opt_dup(refi_attr(e, "name"))}));
		refi_define(x, guid, RK_USER, p->nusers - 1, "User", refi_line(e));
	}
}

static const char *const var_types[] = {"Text", "Boolean", "Integer", "Float", "Date",
	"DateTime"};

static void read_vars(struct refi_parse *x, const xmlNode *n)
{
	struct refi_ctx *c = x->c;
	struct refi_project *p = c->p;
	char *guid;
	for (const xmlNode *e = each(x, n->children, "Variable", &guid); e;
	     e = each(x, e->next, "Variable", &guid)) {
		struct refi_var v = {.guid = guid, .type = REFI_TEXT};
		const char *name = refi_attr(e, "name"), *t = refi_attr(e, "typeOfVariable");
		if (!name)
			REFI_ERR(c, refi_line(e), D_REFI_MISSING, refi_elem(c, "Variable", guid),
			         "name attribute");
		v.name = xstrdup(name ? name : "");
		if (t) {
			size_t i = 0;
			while (i < 6 && !same_ci(t, var_types[i]))
				i++;
			if (i < 6)
				v.type = (enum refi_vartype)i;
			else
				REFI_ERR(c, refi_line(e), D_REFI_VALUE, refi_elem(c, "Variable", guid),
				         "typeOfVariable", refi_show(c, t),
				         "Text, Boolean, Integer, Float, Date or DateTime");
		}
		v.description = refi_child_text(e, "Description");
		ARRAY_PUSH(p->vars, p->nvars, x->vars_cap, v);
		refi_define(x, guid, RK_VAR, p->nvars - 1, "Variable", refi_line(e));
	}
}

/* The VariableValue children of n into a new array (*nv of them). */
static struct refi_value *read_values(struct refi_parse *x, const xmlNode *n, size_t *nv,
                                      const char *elem, const char *owner)
{
	static const char *const vals[] = {"TextValue", "BooleanValue", "IntegerValue",
		"FloatValue", "DateValue", "DateTimeValue", NULL};
	*nv = refi_count(n, "VariableValue");
	struct refi_value *v = *nv ? xcalloc(*nv, sizeof *v) : NULL;
	size_t k = 0;
	for (const xmlNode *e = n->children; e; e = e->next) {
		if (!refi_is(e, "VariableValue"))
			continue;
		struct refi_value *val = &v[k++];
		val->var = NONE;
		const xmlNode *ref = NULL;
		for (const xmlNode *f = e->children; f; f = f->next) {
			if (refi_is(f, "VariableRef") && !ref)
				ref = f;
			for (int i = 0; vals[i]; i++)
				if (refi_is(f, vals[i]) && !val->value)
					val->value = refi_text(f);
		}
		if (!val->value)
			val->value = xstrdup("");
		if (ref)
			refi_refer(x, ref, "targetGUID", RK_VAR, &val->var, elem, owner,
			           "VariableRef targetGUID", true);
		else
			REFI_ERR(x->c, refi_line(e), D_REFI_MISSING, refi_elem(x->c, elem, owner),
			         "VariableRef of a VariableValue");
	}
	return v;
}

static void read_cases(struct refi_parse *x, const xmlNode *n)
{
	struct refi_project *p = x->c->p;
	char *guid;
	for (const xmlNode *e = each(x, n->children, "Case", &guid); e;
	     e = each(x, e->next, "Case", &guid)) {
		ARRAY_GROW(p->cases, p->ncases, x->cases_cap);
		struct refi_case *k = &p->cases[p->ncases++];
		*k = (struct refi_case){.guid = guid, .name = refi_opt_dup(refi_attr(e, "name")),
			.description = refi_child_text(e, "Description"), .line = refi_line(e)};
		refi_define(x, guid, RK_CASE, p->ncases - 1, "Case", k->line);
		k->values = read_values(x, e, &k->nvalues, "Case", guid);
		k->nsources = refi_count(e, "SourceRef");
		k->sources = k->nsources ? xcalloc(k->nsources, sizeof *k->sources) : NULL;
		size_t i = 0;
		for (const xmlNode *f = e->children; f; f = f->next)
			if (refi_is(f, "SourceRef"))
				refi_refer(x, f, "targetGUID", RK_SOURCE, &k->sources[i++], "Case", guid,
				           "SourceRef targetGUID", true);
	}
}

/* A position attribute; false after reporting. */
static bool position(struct refi_parse *x, const xmlNode *n, const char *an, const char *guid,
                     long long *out)
{
	const char *v = refi_attr(n, an);
	if (!v) {
		char what[40];
		snprintf(what, sizeof what, "%s attribute", an);
		REFI_ERR(x->c, refi_line(n), D_REFI_MISSING, refi_elem(x->c, "PlainTextSelection", guid),
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
		REFI_ERR(x->c, refi_line(n), D_REFI_POSITION, refi_elem(x->c, "PlainTextSelection", guid),
		         an, refi_show(x->c, v));
		return false;
	}
	*out = r;
	return true;
}

static void read_sel(struct refi_parse *x, const xmlNode *n, struct refi_sel *s)
{
	struct refi_ctx *c = x->c;
	s->user = NONE;
	s->line = refi_line(n);
	char *guid = refi_own_guid(x, n, "PlainTextSelection");
	if (!guid)
		return;
	s->guid = guid;
	s->name = refi_opt_dup(refi_attr(n, "name"));
	s->description = refi_child_text(n, "Description");
	bool ok = position(x, n, "startPosition", guid, &s->start);
	ok = position(x, n, "endPosition", guid, &s->end) && ok;
	if (ok && s->start > s->end)
		REFI_ERR(c, s->line, D_REFI_RANGE, refi_elem(c, "PlainTextSelection", guid), s->start,
		         s->end);
	refi_refer(x, n, "creatingUser", RK_USER, &s->user, "PlainTextSelection", guid,
	           "creatingUser", false);
	s->ncodes = refi_count(n, "Coding");
	s->nnotes = refi_count(n, "NoteRef");
	for (const xmlNode *e = n->children; e; e = e->next)
		if (refi_is(e, "Coding"))
			s->nnotes += refi_count(e, "NoteRef");
	s->codes = s->ncodes ? xmalloc(s->ncodes * sizeof *s->codes) : NULL;
	s->coders = s->ncodes ? xmalloc(s->ncodes * sizeof *s->coders) : NULL;
	s->notes = s->nnotes ? xmalloc(s->nnotes * sizeof *s->notes) : NULL;
	size_t kc = 0, kn = 0;
	note_refs(x, n, s->notes, &kn, "PlainTextSelection", guid);
	for (const xmlNode *e = n->children; e; e = e->next) {
		if (!refi_is(e, "Coding"))
			continue;
		size_t i = kc++;
		s->codes[i] = NONE;
		const xmlNode *ref = NULL;
		for (const xmlNode *f = e->children; f && !ref; f = f->next)
			if (refi_is(f, "CodeRef"))
				ref = f;
		if (ref)
			refi_refer(x, ref, "targetGUID", RK_CODE, &s->codes[i], "PlainTextSelection", guid,
			           "CodeRef targetGUID", true);
		else
			REFI_ERR(c, refi_line(e), D_REFI_MISSING, refi_elem(c, "PlainTextSelection", guid),
			         "CodeRef of a Coding");
		refi_refer(x, e, "creatingUser", RK_USER, &s->coders[i], "Coding of PlainTextSelection",
		           guid, "creatingUser", false);
		note_refs(x, e, s->notes, &kn, "PlainTextSelection", guid);
	}
}

/* The text of a TextSource or Note: plainTextPath, else PlainTextContent.
 * false when it has neither (nothing reported) or after reporting. */
static bool source_text(struct refi_parse *x, const xmlNode *n, const char *elem, const char *guid,
                        char **text, size_t *len, char **entry, bool *absent)
{
	const char *path = refi_attr(n, "plainTextPath");
	*absent = false;
	if (path && *path) {
		*text = refi_path_text(x->c, path, refi_elem(x->c, elem, guid), refi_line(n),
		                       REFI_TEXT_MAX, len, entry);
		return *text != NULL;
	}
	for (const xmlNode *e = n->children; e; e = e->next)
		if (refi_is(e, "PlainTextContent")) {
			*text = refi_text(e);
			*len = strlen(*text);
			return true;
		}
	*absent = true;
	return false;
}

static void read_source(struct refi_parse *x, const xmlNode *n)
{
	struct refi_ctx *c = x->c;
	struct refi_project *p = c->p;
	char *guid = refi_own_guid(x, n, "TextSource");
	if (!guid)
		return;
	ARRAY_GROW(p->sources, p->nsources, x->sources_cap);
	struct refi_source *s = &p->sources[p->nsources++];
	*s = (struct refi_source){.guid = guid, .name = refi_opt_dup(refi_attr(n, "name")),
		.description = refi_child_text(n, "Description"), .line = refi_line(n)};
	refi_define(x, guid, RK_SOURCE, p->nsources - 1, "TextSource", s->line);
	refi_refer(x, n, "creatingUser", RK_USER, NULL, "TextSource", guid, "creatingUser", false);
	bool absent;
	if (!source_text(x, n, "TextSource", guid, &s->text, &s->text_len, &s->entry, &absent) &&
	    absent)
		REFI_ERR(c, s->line, D_REFI_NO_TEXT, refi_elem(c, "TextSource", guid));
	s->nsels = refi_count(n, "PlainTextSelection");
	s->sels = s->nsels ? xcalloc(s->nsels, sizeof *s->sels) : NULL;
	size_t k = 0;
	for (const xmlNode *e = n->children; e && !c->stopped; e = e->next)
		if (refi_is(e, "PlainTextSelection")) {
			read_sel(x, e, &s->sels[k]);
			const struct refi_sel *t = &s->sels[k];
			if (t->guid)
				refi_define(x, t->guid, RK_SEL, k, "PlainTextSelection", t->line);
			k++;
		}
	s->values = read_values(x, n, &s->nvalues, "TextSource", guid);
	s->nnotes = refi_count(n, "NoteRef");
	s->notes = s->nnotes ? xmalloc(s->nnotes * sizeof *s->notes) : NULL;
	size_t kn = 0;
	note_refs(x, n, s->notes, &kn, "TextSource", guid);
}

static void read_sources(struct refi_parse *x, const xmlNode *n)
{
	static const char *const other[] = {"PictureSource", "PDFSource", "AudioSource",
		"VideoSource", NULL};
	for (const xmlNode *e = n->children; e && !x->c->stopped; e = e->next) {
		if (refi_is(e, "TextSource")) {
			read_source(x, e);
			continue;
		}
		for (int i = 0; other[i]; i++)
			if (refi_is(e, other[i])) {
				char *guid = refi_own_guid(x, e, other[i]);
				x->c->p->nother++;
				if (guid) {
					ARRAY_PUSH(x->owned, x->nowned, x->owned_cap, guid);
					refi_define(x, guid, RK_OTHER, NONE, other[i], refi_line(e));
				}
			}
	}
}

static void read_notes(struct refi_parse *x, const xmlNode *n)
{
	struct refi_project *p = x->c->p;
	char *guid;
	for (const xmlNode *e = each(x, n->children, "Note", &guid); e;
	     e = each(x, e->next, "Note", &guid)) {
		ARRAY_GROW(p->notes, p->nnotes, x->notes_cap);
		struct refi_note *k = &p->notes[p->nnotes++];
		*k = (struct refi_note){.guid = guid, .name = refi_opt_dup(refi_attr(e, "name")),
			.line = refi_line(e)};
		refi_define(x, guid, RK_NOTE, p->nnotes - 1, "Note", k->line);
		refi_refer(x, e, "creatingUser", RK_USER, NULL, "Note", guid, "creatingUser", false);
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

static void read_sets(struct refi_parse *x, const xmlNode *n)
{
	struct refi_ctx *c = x->c;
	struct refi_project *p = c->p;
	char *guid;
	for (const xmlNode *e = each(x, n->children, "Set", &guid); e;
	     e = each(x, e->next, "Set", &guid)) {
		ARRAY_GROW(p->sets, p->nsets, x->sets_cap);
		struct refi_set *k = &p->sets[p->nsets++];
		const char *name = refi_attr(e, "name");
		*k = (struct refi_set){.guid = guid, .name = xstrdup(name ? name : ""),
			.description = refi_child_text(e, "Description"), .line = refi_line(e)};
		refi_define(x, guid, RK_SET, p->nsets - 1, "Set", k->line);
		k->ncodes = refi_count(e, "MemberCode");
		k->codes = k->ncodes ? xmalloc(k->ncodes * sizeof *k->codes) : NULL;
		k->nsources = c->codebook_only ? 0 : refi_count(e, "MemberSource");
		k->sources = k->nsources ? xmalloc(k->nsources * sizeof *k->sources) : NULL;
		size_t ic = 0, is_ = 0;
		for (const xmlNode *f = e->children; f; f = f->next) {
			if (refi_is(f, "MemberCode"))
				refi_refer(x, f, "targetGUID", RK_CODE, &k->codes[ic++], "Set", guid,
				           "MemberCode targetGUID", true);
			else if (refi_is(f, "MemberSource") && !c->codebook_only)
				refi_refer(x, f, "targetGUID", RK_SOURCE, &k->sources[is_++], "Set", guid,
				           "MemberSource targetGUID", true);
			else if (refi_is(f, "MemberNote") && !c->codebook_only)
				refi_refer(x, f, "targetGUID", RK_NOTE, NULL, "Set", guid,
				           "MemberNote targetGUID", true);
		}
	}
}

/* The children of the root: a Project, or a CodeBook (.qdc). */
void refi_walk(struct refi_parse *x, const xmlNode *root, bool codebook)
{
	struct refi_ctx *c = x->c;
	struct refi_project *p = c->p;
	p->origin = refi_opt_dup(refi_attr(root, "origin"));
	if (!codebook) {
		p->name = refi_opt_dup(refi_attr(root, "name"));
		const char *u = refi_attr(root, "creatingUserGUID");
		char g[37];
		if (u && refi_guid_canon(u, g))
			p->creating_user = xstrdup(g);
		else if (u)
			REFI_ERR(c, refi_line(root), D_REFI_GUID, "Project", "creatingUserGUID",
			         refi_show(c, u));
	}
	for (const xmlNode *e = root->children; e && !c->stopped; e = e->next) {
		const xmlNode *codes = NULL;
		if (codebook && refi_is(e, "Codes"))
			codes = e;
		else if (!codebook && refi_is(e, "CodeBook"))
			for (const xmlNode *f = e->children; f && !codes; f = f->next)
				if (refi_is(f, "Codes"))
					codes = f;
		if (codes) {
			for (const xmlNode *f = codes->children; f && !c->stopped; f = f->next)
				if (refi_is(f, "Code"))
					read_code(x, f, NONE, 1);
		} else if (refi_is(e, "Sets")) {
			read_sets(x, e);
		} else if (c->codebook_only) {
			continue;
		} else if (refi_is(e, "Users")) {
			read_users(x, e);
		} else if (refi_is(e, "Variables")) {
			read_vars(x, e);
		} else if (refi_is(e, "Cases")) {
			read_cases(x, e);
		} else if (refi_is(e, "Sources")) {
			read_sources(x, e);
		} else if (refi_is(e, "Notes")) {
			read_notes(x, e);
		} else if (refi_is(e, "NoteRef")) {
			refi_refer(x, e, "targetGUID", RK_NOTE, NULL, "Project", NULL,
			           "NoteRef targetGUID", true);
		}
	}
}
