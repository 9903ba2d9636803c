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

/* No source with that id in the store or in this run, and no file in its place. */
static bool source_id_free(struct imp *m, const char *id)
{
	const struct store *s = &m->c->s;
	size_t k;
	if (hmap_get(&s->srcmap, id, &k))
		return false;
	for (size_t i = 0; i < m->nsrc; i++)
		if (m->src[i].id && !strcmp(m->src[i].id, id))
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

/* ---- selections into segments ---- */

struct group {
	size_t start, end;
	size_t *sels, nsels, cap; /* indices into the source's sels, file order */
	size_t store;             /* the store segment it matched or became, or NONE */
};

static int cmp_group(const void *a, const void *b)
{
	const struct group *x = a, *y = b;
	if (x->start != y->start)
		return x->start < y->start ? -1 : 1;
	if (x->end != y->end)
		return x->end < y->end ? -1 : 1;
	return x->sels[0] < y->sels[0] ? -1 : x->sels[0] > y->sels[0];
}

static void skip(struct imp_src *x, const struct refi_sel *sel, const char *why)
{
	struct imp_skip k = {sel->guid, sel->line, why};
	ARRAY_PUSH(x->skips, x->nskips, x->capskips, k);
}

/* The groups of x: placed, skipped, merged.  Returns the number, or
 * SIZE_MAX after errors. */
static size_t group_sels(struct imp *m, struct imp_src *x, struct group **out)
{
	const struct refi_source *r = &m->p->sources[x->refi];
	struct { size_t start, end, sel; } *v = xcalloc(r->nsels + 1, sizeof *v);
	size_t n = 0;
	bool bad = false;
	x->selections = r->nsels;
	for (size_t i = 0; i < r->nsels; i++) {
		size_t a, b;
		if (imp_place(m, x, &r->sels[i], &a, &b) < 0) {
			bad = true;
			continue;
		}
		if (a == b) {
			x->skipped_empty++;
			skip(x, &r->sels[i], "empty");
		} else if (!r->sels[i].ncodes) {
			x->skipped_uncoded++;
			skip(x, &r->sels[i], "uncoded");
		} else {
			v[n].start = a, v[n].end = b, v[n].sel = i;
			n++;
		}
	}
	if (bad) {
		free(v);
		return SIZE_MAX;
	}
	/* equal ranges: sort by range, then file order */
	struct group *g = xcalloc(n + 1, sizeof *g);
	size_t ng = 0;
	for (size_t i = 0; i < n; i++) {
		g[i].start = v[i].start, g[i].end = v[i].end, g[i].store = NONE;
		ARRAY_PUSH(g[i].sels, g[i].nsels, g[i].cap, v[i].sel);
	}
	qsort(g, n, sizeof *g, cmp_group);
	for (size_t i = 0; i < n; i++) {
		if (ng && g[ng - 1].start == g[i].start && g[ng - 1].end == g[i].end) {
			ARRAY_PUSH(g[ng - 1].sels, g[ng - 1].nsels, g[ng - 1].cap, g[i].sels[0]);
			free(g[i].sels);
			continue;
		}
		g[ng++] = g[i];
	}
	free(v);
	x->ranges = ng;
	*out = g;
	return ng;
}

/* The segment's codes, memo, coder, guid and merged from group gr. */
static void fill(struct imp *m, const struct imp_src *x, const struct group *gr, struct segment *g)
{
	const struct refi_project *p = m->p;
	const struct refi_source *r = &p->sources[x->refi];
	size_t cap = 0;
	struct buf memo;
	buf_init(&memo);
	for (size_t j = 0; j < gr->nsels; j++) {
		const struct refi_sel *sel = &r->sels[gr->sels[j]];
		for (size_t k = 0; k < sel->ncodes; k++) {
			size_t c = m->codemap[sel->codes[k]];
			bool have = false;
			for (size_t q = 0; q < g->ncodes; q++)
				have |= g->codes[q] == c;
			if (!have)
				ARRAY_PUSH(g->codes, g->ncodes, cap, c);
		}
		char *dsc = imp_clean(sel->description, true);
		if (dsc && *dsc)
			buf_printf(&memo, "%s%s", memo.len ? "\n\n" : "", dsc);
		free(dsc);
		for (size_t k = 0; k < sel->nnotes; k++) {
			char *t = imp_clean(p->notes[sel->notes[k]].text, true);
			if (t && *t)
				buf_printf(&memo, "%s%s", memo.len ? "\n\n" : "", t);
			free(t);
		}
	}
	g->memo = memo.len ? buf_detach(&memo, NULL) : NULL;
	buf_free(&memo);
	const struct refi_sel *first = &r->sels[gr->sels[0]];
	const char *coder = first->user != NONE ? p->users[first->user].name : NULL;
	g->coder = coder && *coder ? imp_clean(coder, false) : NULL;
	/* merged: the other selections', then what the sidecar kept */
	size_t k, mc = 0;
	g->merged = NULL;
	g->nmerged = 0;
	for (size_t j = 1; j < gr->nsels; j++) {
		char *v = xstrdup(r->sels[gr->sels[j]].guid);
		ARRAY_PUSH(g->merged, g->nmerged, mc, v);
	}
	if (hmap_get(&m->sc.segmap, first->guid, &k))
		for (size_t j = 0; j < m->sc.segs[k].nmerged; j++) {
			char *v = xstrdup(m->sc.segs[k].merged[j]);
			ARRAY_PUSH(g->merged, g->nmerged, mc, v);
		}
	char d[37];
	refi_guid(d, "segment", g->id);
	g->guid = g->nmerged || strcmp(d, first->guid) ? xstrdup(first->guid) : NULL;
}

static bool same_codes(const struct segment *a, const size_t *codes, size_t n)
{
	if (a->ncodes != n)
		return false;
	for (size_t i = 0; i < n; i++)
		if (a->codes[i] != codes[i])
			return false;
	return true;
}

static void free_seg_parts(struct segment *g)
{
	free(g->exact), free(g->prefix), free(g->suffix), free(g->memo), free(g->codes);
	free(g->coder), free(g->guid);
	for (size_t k = 0; k < g->nmerged; k++)
		free(g->merged[k]);
	free(g->merged);
}

/* The number of id (SRC-NNN) or 0. */
static size_t seg_number(const char *id, const char *sid)
{
	size_t n = strlen(sid);
	if (strncmp(id, sid, n) || id[n] != '-' || strlen(id + n + 1) < 3)
		return 0;
	size_t v = 0;
	for (const char *q = id + n + 1; *q; q++) {
		if (*q < '0' || *q > '9' || v > 100000000)
			return 0;
		v = v * 10 + (size_t)(*q - '0');
	}
	return v;
}

static bool seg_id_free(struct imp *m, const char *id)
{
	size_t k;
	return !hmap_get(&m->c->s.segmap, id, &k) && !hmap_get(&m->given, id, &k);
}

/* The segments of x into the store (its store index set). */
static int segments(struct imp *m, struct imp_src *x)
{
	struct store *s = &m->c->s;
	const struct refi_source *r = &m->p->sources[x->refi];
	struct group *gs = NULL;
	size_t ng = group_sels(m, x, &gs);
	if (ng == SIZE_MAX)
		return -1;
	size_t si = x->store;
	const char *sid = s->sources[si].id;
	int st = 0;
	/* the store's segments of the source, by every GUID they answer to */
	struct hmap byguid;
	hmap_init(&byguid);
	bool *claimed = NULL;
	if (x->existing) {
		claimed = xcalloc(s->nsegs + 1, sizeof *claimed);
		for (size_t k = 0; k < s->nsegs; k++) {
			const struct segment *g = &s->segs[k];
			if (g->src != si || g->dropped)
				continue;
			char d[37];
			hmap_put(&byguid, imp_keep(m, xstrdup(refi_guid_of(d, g->guid, "segment", g->id))), k, NULL);
			for (size_t j = 0; j < g->nmerged; j++)
				hmap_put(&byguid, g->merged[j], k, NULL);
		}
	}
	/* ids: matched ones keep theirs, then the sidecar's, then the next free */
	char **ids = xcalloc(ng + 1, sizeof *ids);
	for (size_t i = 0; i < ng; i++) {
		size_t k;
		for (size_t j = 0; j < gs[i].nsels && x->existing && gs[i].store == NONE; j++)
			if (hmap_get(&byguid, r->sels[gs[i].sels[j]].guid, &k) && !claimed[k]) {
				claimed[k] = true;
				gs[i].store = k;
			}
		if (gs[i].store != NONE)
			continue;
		const char *g0 = r->sels[gs[i].sels[0]].guid;
		if (hmap_get(&m->sc.segmap, g0, &k) && seg_number(m->sc.segs[k].id, sid) &&
		    seg_id_free(m, m->sc.segs[k].id)) {
			ids[i] = xstrdup(m->sc.segs[k].id);
			hmap_put(&m->given, imp_keep(m, xstrdup(ids[i])), 0, NULL);
		}
	}
	size_t next = 0;
	for (size_t k = 0; k < s->nsegs; k++) {
		size_t v = seg_number(s->segs[k].id, sid);
		if (v > next)
			next = v;
	}
	for (size_t i = 0; i < ng; i++)
		if (ids[i] && seg_number(ids[i], sid) > next)
			next = seg_number(ids[i], sid);
	if (!m->c->scanned) {
		m->c->scanned = true;
		uses_scan(&m->c->uses, m->c->p.texdir, m->c->p.generated, m->d);
	}
	for (size_t u = 0; u < m->c->uses.n; u++) {
		const struct use *us = &m->c->uses.v[u];
		size_t v;
		if (us->kind == USE_SEGMENT && (v = seg_number(us->id, sid)) > next)
			next = v;
	}
	for (size_t i = 0; i < ng; i++) {
		if (gs[i].store != NONE || ids[i])
			continue;
		do {
			free(ids[i]);
			ids[i] = xasprintf("%s-%03zu", sid, ++next);
		} while (!seg_id_free(m, ids[i]));
		hmap_put(&m->given, imp_keep(m, xstrdup(ids[i])), 0, NULL);
	}
	/* the segments: updated or added */
	const struct text *t = &s->sources[si].text;
	size_t nold = s->nsegs; /* the segments added below come after */
	for (size_t i = 0; i < ng; i++) {
		struct segment g;
		memset(&g, 0, sizeof g);
		g.src = si, g.start = gs[i].start, g.end = gs[i].end;
		g.page_from = g.page_to = NONE;
		if (g.end > t->ncp) {
			st = -1; /* cannot happen: the text was checked */
			break;
		}
		anchor_make(t, g.start, g.end, &g.exact, &g.prefix, &g.suffix);
		if (gs[i].store == NONE) {
			g.id = ids[i];
			ids[i] = NULL;
			fill(m, x, &gs[i], &g);
			store_add_segment(s, &g);
			x->added++;
			continue;
		}
		struct segment *old = &s->segs[gs[i].store];
		g.id = old->id;
		fill(m, x, &gs[i], &g);
		bool moved = g.start != old->start || g.end != old->end;
		bool changed = strcmp(g.exact, old->exact) != 0;
		bool recoded = !same_codes(old, g.codes, g.ncodes);
		if (changed) {
			/* a quote the thesis cites changes only when asked */
			char *a = text_show(old->exact, strlen(old->exact), 60), *b = text_show(g.exact, strlen(g.exact), 60);
			char *where = xasprintf("segment %s", old->id);
			const char *f = s->sources[si].codingsfile ? s->sources[si].codingsfile : s->sources[si].metafile;
			if (uses_count(&m->c->uses, USE_SEGMENT, old->id) && !m->o->accept) {
				diag_in(m->d, D_IMPORT_QUOTE, f, where, a, b);
				st = -1;
			} else {
				diag_in(m->d, D_IMPORT_QUOTE_NOTE, f, where, a, b);
			}
			free(a), free(b), free(where);
		}
		x->changed += changed;
		x->moved += moved && !changed;
		x->recoded += recoded;
		x->unchanged += !moved && !changed && !recoded;
		g.id = NULL;
		char *id = old->id;
		old->id = NULL;
		free_seg_parts(old);
		g.id = id;
		g.anchored = true;
		*old = g;
	}
	/* the store's segments no selection matched */
	if (x->existing && !st) {
		const char **gone = NULL;
		size_t ngone = 0, cap = 0;
		for (size_t k = 0; k < nold; k++)
			if (s->segs[k].src == si && !s->segs[k].dropped && !claimed[k])
				ARRAY_PUSH(gone, ngone, cap, s->segs[k].id);
		if (ngone) {
			struct buf b;
			buf_init(&b);
			size_t ncited = 0;
			for (size_t j = 0; j < ngone; j++)
				if (uses_count(&m->c->uses, USE_SEGMENT, gone[j]))
					buf_printf(&b, "%s%s", ncited++ ? ", " : "", gone[j]);
			char *subj = xasprintf("the thesis cites segment%s %s, which the file no longer has,",
			                       ncited == 1 ? "" : "s", b.data ? b.data : "");
			buf_free(&b);
			char *where = xasprintf("source %s", sid);
			if (coding_uses(m->c, USE_SEGMENT, gone, ngone, subj,
			                m->o->force ? "removed" : "removing it leaves those citations pointing at nothing",
			                m->o->force, s->sources[si].metafile, where) != EXIT_OK)
				st = -1;
			free(subj), free(where);
			for (size_t k = 0; k < nold && !st; k++)
				for (size_t j = 0; j < ngone; j++)
					if (s->segs[k].id == gone[j])
						s->segs[k].dropped = true;
			x->removed = ngone;
		}
		free(gone);
	}
	for (size_t i = 0; i < ng; i++)
		free(gs[i].sels), free(ids[i]);
	free(gs), free(ids), free(claimed);
	hmap_free(&byguid);
	return st;
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
	m->src = xcalloc(p->nsources + 1, sizeof *m->src);
	int st = 0;
	for (size_t i = 0; i < p->nsources; i++) {
		struct imp_src *x = &m->src[m->nsrc++];
		x->refi = i;
		x->store = NONE;
		size_t k;
		const struct side_source *ss = hmap_get(&m->sc.srcmap, p->sources[i].guid, &k) ? &m->sc.sources[k] : NULL;
		x->from_sidecar = ss != NULL;
		if (hmap_get(&byguid, p->sources[i].guid, &k)) {
			x->existing = true;
			x->store = k;
			x->kind = s->sources[k].kind;
			x->id = xstrdup(s->sources[k].id);
		} else {
			x->kind = kind_of(m, i, ss);
		}
		if (imp_text(m, x) < 0) {
			st = -1;
			continue;
		}
		if (x->existing) {
			const struct text *t = &s->sources[k].text;
			if (!s->sources[k].text_ok || t->len != x->len || memcmp(t->data, x->text, x->len)) {
				char *nm = imp_clean(p->sources[i].name ? p->sources[i].name : "", false);
				diag_at(m->d, D_IMPORT_SOURCE_TEXT, s->sources[k].textfile, 0, 0, x->id, nm);
				free(nm);
				st = -1;
				continue;
			}
		} else {
			x->id = ss && source_id_ok(ss->id) && source_id_free(m, ss->id) ? xstrdup(ss->id)
			                                                                 : next_source_id(m, x->kind);
			x->store = make_source(m, x, ss);
			if (x->store == NONE) {
				st = -1;
				continue;
			}
			char *rel = xasprintf("sources/%s.txt", x->id);
			sedit_put(e, rel, xstrndup(x->text, x->len), x->len);
			free(rel);
			sedit_put_source(e, s, x->store);
		}
		if (segments(m, x) < 0) {
			st = -1;
			continue;
		}
		sedit_put_codings(e, s, x->store);
		m->seg_added += x->added, m->seg_removed += x->removed, m->seg_recoded += x->recoded;
		m->seg_moved += x->moved, m->seg_changed += x->changed, m->seg_unchanged += x->unchanged;
	}
	hmap_free(&byguid);
	return st;
}
