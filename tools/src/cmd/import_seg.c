/* import_seg.c - the selections of one REFI-QDA source into segments
 * (import.h): placed (import_text.c), zero-length and uncoded ones
 * skipped, equal ranges merged into one segment (codes in order of first
 * appearance, the first selection's GUID, the others' in merged; a
 * selection the sidecar lists as a segment of its own stays one, so that
 * two segments of a store with one range come back as two), and matched
 * to the store's segments of the source by GUID: matched ones keep their
 * ids, new ones take the sidecar's id or the next free one past every id
 * the thesis cites, and the store's segments no selection matches are
 * removed (refused when the thesis cites one, unless --force). */
#include "cmd/cmd.h"
#include "cmd/import.h"
#include "cmd/refiguid.h"
#include "core/segment.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
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
	/* in a run of one range: a selection the sidecar lists is a segment
	 * of its own, the others join the run's first */
	size_t run = 0;
	for (size_t i = 0; i < n; i++) {
		const char *guid = r->sels[g[i].sels[0]].guid;
		size_t k;
		bool own = hmap_get(&m->sc.segmap, guid, &k);
		if (ng && g[run].start == g[i].start && g[run].end == g[i].end && !own) {
			ARRAY_PUSH(g[run].sels, g[run].nsels, g[run].cap, g[i].sels[0]);
			free(g[i].sels);
			continue;
		}
		if (!ng || g[run].start != g[i].start || g[run].end != g[i].end)
			run = ng;
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
	/* the coder: who made the first Coding (NVivo: the selection's
	 * creatingUser is who made the range, often someone else), else who
	 * made the selection */
	const struct refi_sel *first = &r->sels[gr->sels[0]];
	size_t who = first->coders && first->ncodes && first->coders[0] != NONE ? first->coders[0]
	                                                                         : first->user;
	const char *coder = who != NONE ? p->users[who].name : NULL;
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
			const char *v = m->sc.segs[k].merged[j];
			bool have = !strcmp(v, first->guid);
			for (size_t q = 0; q < g->nmerged && !have; q++)
				have = !strcmp(g->merged[q], v);
			if (!have) {
				char *c = xstrdup(v);
				ARRAY_PUSH(g->merged, g->nmerged, mc, c);
			}
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

/* Remove the store segments gone[0..ngone) of source si (refused when
 * the thesis cites one, unless --force).  Returns 0 or -1. */
static int remove_gone(struct imp *m, size_t si, char **gone, size_t ngone, const size_t *old,
                       size_t nold)
{
	struct store *s = &m->c->s;
	struct buf b;
	buf_init(&b);
	size_t ncited = 0;
	for (size_t j = 0; j < ngone; j++)
		if (uses_count(&m->c->uses, USE_SEGMENT, gone[j]))
			buf_printf(&b, "%s%s", ncited++ ? ", " : "", gone[j]);
	char *subj = xasprintf("the thesis cites segment%s %s, which the file no longer has,",
	                       ncited == 1 ? "" : "s", b.data ? b.data : "");
	buf_free(&b);
	char *where = xasprintf("source %s", s->sources[si].id);
	int st = coding_uses(m->c, USE_SEGMENT, (const char *const *)gone, ngone, subj,
	                     m->o->force ? "removed" : "removing it leaves those citations pointing at nothing",
	                     m->o->force, s->sources[si].metafile, where) == EXIT_OK ? 0 : -1;
	free(subj), free(where);
	if (!st)
		for (size_t k = 0; k < nold; k++)
			for (size_t j = 0; j < ngone; j++)
				if (s->segs[old[k]].id == gone[j])
					s->segs[old[k]].dropped = true;
	return st;
}

int imp_segments(struct imp *m, struct imp_src *x, const size_t *old, size_t nold)
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
	bool *claimed = xcalloc(nold + 1, sizeof *claimed);
	for (size_t k = 0; k < nold; k++) {
		const struct segment *g = &s->segs[old[k]];
		if (g->dropped)
			continue;
		char d[37];
		hmap_put(&byguid, imp_keep(m, xstrdup(refi_guid_of(d, g->guid, "segment", g->id))), k, NULL);
		for (size_t j = 0; j < g->nmerged; j++)
			hmap_put(&byguid, g->merged[j], k, NULL);
	}
	/* ids: matched ones keep theirs, then the sidecar's, then the next free */
	char **ids = xcalloc(ng + 1, sizeof *ids);
	for (size_t i = 0; i < ng; i++) {
		size_t k;
		for (size_t j = 0; j < gs[i].nsels && gs[i].store == NONE; j++)
			if (hmap_get(&byguid, r->sels[gs[i].sels[j]].guid, &k) && !claimed[k]) {
				claimed[k] = true;
				gs[i].store = old[k];
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
	size_t next = 0, v;
	for (size_t k = 0; k < nold; k++)
		if ((v = seg_number(s->segs[old[k]].id, sid)) > next)
			next = v;
	for (size_t i = 0; i < ng; i++)
		if (ids[i] && (v = seg_number(ids[i], sid)) > next)
			next = v;
	if (!m->c->scanned) {
		m->c->scanned = true;
		uses_scan(&m->c->uses, m->c->p.texdir, m->c->p.generated, m->d);
	}
	for (size_t u = 0; u < m->c->uses.n; u++) {
		const struct use *us = &m->c->uses.v[u];
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
	x->first_new = s->nsegs;
	for (size_t i = 0; i < ng && !st; i++) {
		struct segment g;
		memset(&g, 0, sizeof g);
		g.src = si, g.start = gs[i].start, g.end = gs[i].end;
		g.page_from = g.page_to = NONE;
		anchor_make(t, g.start, g.end, &g.exact, &g.prefix, &g.suffix);
		if (gs[i].store == NONE) {
			g.id = ids[i];
			ids[i] = NULL;
			fill(m, x, &gs[i], &g);
			store_add_segment(s, &g);
			x->n.added++;
			continue;
		}
		struct segment *o = &s->segs[gs[i].store];
		g.id = o->id;
		fill(m, x, &gs[i], &g);
		bool moved = g.start != o->start || g.end != o->end;
		bool changed = strcmp(g.exact, o->exact) != 0;
		bool recoded = !same_codes(o, g.codes, g.ncodes);
		if (changed) {
			/* a quote the thesis cites changes only when asked */
			char *a = text_show(o->exact, strlen(o->exact), 60), *b = text_show(g.exact, strlen(g.exact), 60);
			char *where = xasprintf("segment %s", o->id);
			const char *f = s->sources[si].codingsfile ? s->sources[si].codingsfile : s->sources[si].metafile;
			if (uses_count(&m->c->uses, USE_SEGMENT, o->id) && !m->o->accept) {
				diag_in(m->d, D_IMPORT_QUOTE, f, where, a, b);
				st = -1;
			} else {
				diag_in(m->d, D_IMPORT_QUOTE_NOTE, f, where, a, b);
			}
			free(a), free(b), free(where);
		}
		x->n.changed += changed;
		x->n.moved += moved && !changed;
		x->n.recoded += recoded;
		x->n.unchanged += !moved && !changed && !recoded;
		char *id = o->id;
		o->id = NULL;
		free_seg_parts(o);
		g.id = id;
		g.anchored = true;
		*o = g;
	}
	x->end_new = s->nsegs;
	/* the store's segments no selection matched */
	char **gone = NULL;
	size_t ngone = 0, cap = 0;
	for (size_t k = 0; k < nold && !st; k++)
		if (!s->segs[old[k]].dropped && !claimed[k])
			ARRAY_PUSH(gone, ngone, cap, s->segs[old[k]].id);
	if (ngone && remove_gone(m, si, gone, ngone, old, nold) < 0)
		st = -1;
	x->n.removed = st ? 0 : ngone;
	free(gone);
	for (size_t i = 0; i < ng; i++)
		free(gs[i].sels), free(ids[i]);
	free(gs), free(ids), free(claimed);
	hmap_free(&byguid);
	return st;
}
