/* import_src.c - the text sources of a REFI-QDA file and their
 * selections into the store in memory (import.h).
 *
 * A source matched by GUID keeps its id and its text (a different text is
 * refused: sitat import never changes a source's text); a new one gets
 * the sidecar's id when free, else the next free one of its kind.
 * Selections are placed (import_text.c), zero-length and uncoded ones
 * skipped, equal ranges merged into one segment (codes in order of first
 * appearance, the first selection's GUID, the others' in merged), and the
 * segments matched to the store's by GUID: matched ones keep their ids,
 * new ones take the next free id past every id the thesis cites, and the
 * store's segments of the source that no selection matches are removed
 * (refused when the thesis cites one, unless --force). */
#define _DEFAULT_SOURCE /* lstat */
#include "cmd/cmd.h"
#include "cmd/import.h"
#include "cmd/refiguid.h"
#include "core/segment.h"
#include "core/storewrite.h"

#include <fnmatch.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

/* ---- the kind, the id, the metadata ---- */

/* The value of variable name for source i (cases naming it, then the
 * source itself; the last wins), or NULL. */
static const char *var_value(const struct refi_project *p, size_t i, const char *name)
{
	const char *v = NULL;
	for (size_t c = 0; c < p->ncases; c++)
		for (size_t k = 0; k < p->cases[c].nsources; k++)
			if (p->cases[c].sources[k] == i)
				for (size_t j = 0; j < p->cases[c].nvalues; j++)
					if (!strcmp(p->vars[p->cases[c].values[j].var].name, name))
						v = p->cases[c].values[j].value;
	const struct refi_source *r = &p->sources[i];
	for (size_t j = 0; j < r->nvalues; j++)
		if (!strcmp(p->vars[r->values[j].var].name, name))
			v = r->values[j].value;
	return v;
}

static enum source_kind kind_of(const struct imp *m, size_t i, const struct side_source *ss)
{
	const struct import_opts *o = m->o;
	const char *name = m->p->sources[i].name ? m->p->sources[i].name : "";
	if (ss)
		return ss->kind;
	if (o->kind_variable) {
		const char *v = var_value(m->p, i, o->kind_variable);
		if (v && !strcasecmp(v, "interview"))
			return SRC_INTERVIEW;
		if (v && !strcasecmp(v, "document"))
			return SRC_DOCUMENT;
	}
	if (o->documents && !fnmatch(o->documents, name, 0))
		return SRC_DOCUMENT;
	if (o->interviews && !fnmatch(o->interviews, name, 0))
		return SRC_INTERVIEW;
	return o->kind && !strcmp(o->kind, "document") ? SRC_DOCUMENT : SRC_INTERVIEW;
}

static void set_attr(struct source *src, size_t *cap, const char *k, const char *v)
{
	for (size_t i = 0; i < src->nattrs; i++)
		if (!strcmp(src->attrs[i].key, k)) {
			free(src->attrs[i].val);
			src->attrs[i].val = xstrdup(v);
			return;
		}
	struct attr a = {xstrdup(k), xstrdup(v)};
	ARRAY_PUSH(src->attrs, src->nattrs, *cap, a);
}

static bool source_id_ok(const char *id)
{
	return id && ((id[0] >= 'A' && id[0] <= 'Z') || (id[0] >= 'a' && id[0] <= 'z')) &&
	       id_chars_ok(id, "");
}

/* No source with that id in the store (the sources of this run are in it:
 * store_add_source), and no file in its place. */
static bool source_id_free(struct imp *m, const char *id)
{
	const struct store *s = &m->c->s;
	size_t k;
	if (hmap_get(&s->srcmap, id, &k))
		return false;
	static const char *const files[] = {"sources/%s.json", "sources/%s.txt", "codings/%s.json"};
	for (int i = 0; i < 3; i++) {
		char *rel = xasprintf(files[i], id), *path = path_join(s->root, rel);
		struct stat st;
		bool there = lstat(path, &st) == 0;
		free(rel), free(path);
		if (there)
			return false;
	}
	return true;
}

static char *next_source_id(struct imp *m, enum source_kind k)
{
	char *id = store_next_source_id(&m->c->s, k);
	long n = strtol(id + 1, NULL, 10);
	while (!source_id_free(m, id)) {
		free(id);
		id = xasprintf("%c%ld", k == SRC_INTERVIEW ? 'I' : 'D', ++n);
	}
	return id;
}

/* The new store source for x (text handed over).  Returns its index, or
 * NONE after reporting a text the store would not take. */
static size_t make_source(struct imp *m, struct imp_src *x, const struct side_source *ss)
{
	const struct refi_project *p = m->p;
	const struct refi_source *r = &p->sources[x->refi];
	struct store *s = &m->c->s;
	struct source src;
	memset(&src, 0, sizeof src);
	src.id = xstrdup(x->id);
	src.kind = x->kind;
	char *dir = path_join(s->root, "sources"), *tn = xasprintf("%s.txt", x->id),
	     *mn = xasprintf("%s.json", x->id);
	src.textfile = path_join(dir, tn);
	src.metafile = path_join(dir, mn);
	free(dir), free(tn), free(mn);
	char g[37];
	refi_guid(g, "source", x->id);
	if (strcmp(g, r->guid))
		src.guid = xstrdup(r->guid);
	size_t cap = 0;
	for (size_t c = 0; c < p->ncases; c++)
		for (size_t k = 0; k < p->cases[c].nsources; k++)
			if (p->cases[c].sources[k] == x->refi)
				for (size_t j = 0; j < p->cases[c].nvalues; j++) {
					char *key = imp_clean(p->vars[p->cases[c].values[j].var].name, false);
					char *val = imp_clean(p->cases[c].values[j].value, false);
					if (key && *key)
						set_attr(&src, &cap, key, val ? val : "");
					free(key), free(val);
				}
	for (size_t j = 0; j < r->nvalues; j++) {
		char *key = imp_clean(p->vars[r->values[j].var].name, false);
		char *val = imp_clean(r->values[j].value, false);
		if (key && *key)
			set_attr(&src, &cap, key, val ? val : "");
		free(key), free(val);
	}
	for (size_t i = 0; i < src.nattrs; i++)
		if (!strcmp(src.attrs[i].key, "role"))
			src.role = xstrdup(src.attrs[i].val);
	char *name = imp_clean(r->name, false);
	if (name && !*name) {
		free(name);
		name = NULL;
	}
	if (ss) {
		src.label = xstrdup(ss->label);
		src.date = ss->date ? xstrdup(ss->date) : NULL;
		src.bibkey = ss->bibkey ? xstrdup(ss->bibkey) : NULL;
		if (ss->bibtype) {
			src.bibtype = xstrdup(ss->bibtype);
			src.bib = xcalloc(ss->nbib + 1, sizeof *src.bib);
			for (size_t k = 0; k < ss->nbib; k++) {
				src.bib[k].key = xstrdup(ss->bib[k].key);
				src.bib[k].val = xstrdup(ss->bib[k].val);
			}
			src.nbib = ss->nbib;
		}
	} else if (x->kind == SRC_INTERVIEW) {
		src.label = xasprintf("Informant %s", x->id + strcspn(x->id, "0123456789"));
	} else {
		src.label = xstrdup(name ? name : x->id);
		src.bibtype = xstrdup("report");
		src.bib = xcalloc(3, sizeof *src.bib);
		src.bib[0].key = xstrdup("type"), src.bib[0].val = xstrdup("report");
		src.bib[1].key = xstrdup("title"), src.bib[1].val = xstrdup(src.label);
		src.nbib = 2;
	}
	if (x->kind == SRC_DOCUMENT) {
		size_t np = 1;
		for (size_t i = 0; i < x->len; i++)
			np += x->text[i] == '\f';
		if (ss && ss->has_pages)
			np = ss->npages;
		src.pages = xcalloc(np + 1, sizeof *src.pages);
		src.npages = np;
		for (size_t i = 0; i < np; i++)
			src.pages[i].label = ss && ss->has_pages ? xstrdup(ss->pages[i]) : xasprintf("%zu", i + 1);
	}
	free(name);
	char *data = xstrndup(x->text, x->len);
	if (!text_init(&src.text, data, x->len, src.textfile,
	               TEXT_TABS | (x->kind == SRC_DOCUMENT ? TEXT_FORMFEED : 0), m->d)) {
		src.text_ok = false;
		/* store_add_source takes it all the same; the caller stops */
		store_add_source(s, &src);
		return NONE;
	}
	src.text_ok = true;
	return store_add_source(s, &src);
}

/* codings/ID.json of every source imported: its segments grouped once
 * (not the whole store searched for each of 1,000 sources). */
static void put_codings(struct imp *m, struct sedit *e, size_t **bysrc, const size_t *nbysrc,
                        size_t nsrc0)
{
	struct store *s = &m->c->s;
	for (size_t i = 0; i < m->nsrc; i++) {
		const struct imp_src *x = &m->src[i];
		if (x->store == NONE)
			continue;
		size_t nold = x->store < nsrc0 ? nbysrc[x->store] : 0, n = 0;
		const struct segment **v = xmalloc((nold + x->end_new - x->first_new + 1) * sizeof *v);
		for (size_t k = 0; k < nold; k++)
			if (!s->segs[bysrc[x->store][k]].dropped)
				v[n++] = &s->segs[bysrc[x->store][k]];
		for (size_t k = x->first_new; k < x->end_new; k++)
			v[n++] = &s->segs[k];
		size_t len;
		char *data = store_codings_json_of(s, x->store, v, n, &len);
		char *rel = xasprintf("codings/%s.json", s->sources[x->store].id);
		sedit_put(e, rel, data, len);
		free(rel);
		free(v);
	}
}

int imp_sources(struct imp *m, struct sedit *e)
{
	const struct refi_project *p = m->p;
	struct store *s = &m->c->s;
	struct hmap byguid;
	hmap_init(&byguid);
	for (size_t k = 0; k < s->nsources; k++) {
		char d[37];
		hmap_put(&byguid, imp_keep(m, xstrdup(refi_guid_of(d, s->sources[k].guid, "source", s->sources[k].id))),
		         k, NULL);
	}
	/* the store's segments by source, once */
	size_t nsrc0 = s->nsources, **bysrc = xcalloc(nsrc0 + 1, sizeof *bysrc);
	size_t *nbysrc = xcalloc(nsrc0 + 1, sizeof *nbysrc), *capsrc = xcalloc(nsrc0 + 1, sizeof *capsrc);
	for (size_t k = 0; k < s->nsegs; k++)
		if (s->segs[k].src < nsrc0)
			ARRAY_PUSH(bysrc[s->segs[k].src], nbysrc[s->segs[k].src], capsrc[s->segs[k].src], k);
	m->src = xcalloc(p->nsources + 1, sizeof *m->src);
	int st = 0;
	for (size_t i = 0; i < p->nsources; i++) {
		if (m->d->errors >= 20) {
			/* as the reader: up to 20 problems, then stop */
			diag_at(m->d, D_IMPORT_STOPPED, m->xmlfile, 0, 0, p->nsources - i,
			        p->nsources - i == 1 ? "" : "s");
			st = -1;
			break;
		}
		struct imp_src *x = &m->src[m->nsrc++];
		x->refi = i;
		x->store = NONE;
		size_t k;
		const struct side_source *ss = hmap_get(&m->sc.srcmap, p->sources[i].guid, &k) ? &m->sc.sources[k] : NULL;
		x->from_sidecar = ss != NULL;
		bool existing = hmap_get(&byguid, p->sources[i].guid, &k);
		if (existing) {
			x->existing = true;
			x->kind = s->sources[k].kind;
			x->id = xstrdup(s->sources[k].id);
		} else {
			x->kind = kind_of(m, i, ss);
		}
		if (imp_text(m, x) < 0) {
			st = -1;
			continue;
		}
		if (existing) {
			const struct text *t = &s->sources[k].text;
			if (!s->sources[k].text_ok || t->len != x->len || memcmp(t->data, x->text, x->len)) {
				char *nm = imp_clean(p->sources[i].name ? p->sources[i].name : "", false);
				diag_at(m->d, D_IMPORT_SOURCE_TEXT, s->sources[k].textfile, 0, 0, x->id, nm);
				free(nm);
				st = -1;
				continue;
			}
			x->store = k;
		} else {
			x->id = ss && source_id_ok(ss->id) && source_id_free(m, ss->id) ? xstrdup(ss->id)
			                                                                 : next_source_id(m, x->kind);
			k = make_source(m, x, ss);
			if (k == NONE) {
				st = -1;
				continue;
			}
			char *rel = xasprintf("sources/%s.txt", x->id);
			sedit_put(e, rel, xstrndup(x->text, x->len), x->len);
			free(rel);
			sedit_put_source(e, s, k);
		}
		/* x->store is set only for a source whose segments are done */
		x->store = k;
		size_t nold = k < nsrc0 ? nbysrc[k] : 0;
		int r = imp_segments(m, x, nold ? bysrc[k] : NULL, nold);
		free(x->pos), free(x->text);
		x->pos = NULL, x->text = NULL;
		if (r < 0) {
			x->store = NONE;
			st = -1;
			continue;
		}
		m->seg.added += x->n.added, m->seg.removed += x->n.removed, m->seg.recoded += x->n.recoded;
		m->seg.moved += x->n.moved, m->seg.changed += x->n.changed, m->seg.unchanged += x->n.unchanged;
	}
	if (!st)
		put_codings(m, e, bysrc, nbysrc, nsrc0);
	for (size_t k = 0; k < nsrc0; k++)
		free(bysrc[k]);
	free(bysrc), free(nbysrc), free(capsrc);
	hmap_free(&byguid);
	return st;
}
