/* diff_store.c - two versions of the store compared: sources, segments,
 * codes, research questions; and the claims and pages of the thesis that
 * use a changed quote (cmd/diff.h says how entries are matched). */
#include "cmd/diff.h"
#include "prov/treefiles.h"

#include <stdlib.h>
#include <string.h>

static bool str_eq(const char *a, const char *b)
{
	return (!a && !b) || (a && b && !strcmp(a, b));
}

static struct diff_change *add(struct diff *df, enum diff_kind k, enum diff_how h,
                               size_t a, size_t b)
{
	ARRAY_GROW(df->changes, df->n, df->cap);
	struct diff_change *c = &df->changes[df->n++];
	memset(c, 0, sizeof *c);
	c->kind = k, c->how = h, c->a = a, c->b = b;
	df->count[k][h]++;
	return c;
}

const char *diff_kind_name(enum diff_kind k)
{
	static const char *const n[] = {"source", "segment", "code", "rq"};
	return n[k];
}

const char *diff_how_name(enum diff_how h)
{
	static const char *const n[] = {"added", "removed", "changed"};
	return n[h];
}

void diff_flag_words(struct buf *b, const struct diff_change *c)
{
	static const struct { unsigned f; const char *w; } words[] = {
		{DF_TEXT, "text edited"}, {DF_META, "metadata"},
		{DF_RENUMBERED, "renumbered"}, {DF_QUOTE, "changed"}, {DF_MOVED, "moved"},
		{DF_RECODED, "recoded"}, {DF_MEMO, "memo"}, {DF_STALE, "anchor stale"},
		{DF_RENAMED, "renamed"}, {DF_NAME, "name"}, {DF_DESC, "description"},
		{DF_PARENT, "parent"}, {DF_RQ, "research questions"}, {DF_LABEL, "label"},
	};
	bool first = true;
	for (size_t i = 0; i < sizeof words / sizeof *words; i++)
		if (c->flags & words[i].f) {
			buf_puts(b, first ? "" : ", ");
			buf_puts(b, words[i].w);
			first = false;
		}
}

static const char *id_of(const struct store *s, enum diff_kind k, size_t i)
{
	if (i == NONE)
		return NULL;
	switch (k) {
	case DK_SOURCE: return s->sources[i].id;
	case DK_SEGMENT: return s->segs[i].id;
	case DK_CODE: return s->codes[i].id;
	default: return s->rqs[i].id;
	}
}

const char *diff_change_id(const struct diff *df, const struct diff_change *c)
{
	return c->b != NONE ? id_of(df->B, c->kind, c->b) : id_of(df->A, c->kind, c->a);
}

const char *diff_change_old_id(const struct diff *df, const struct diff_change *c)
{
	return id_of(df->A, c->kind, c->a);
}

void diff_locator(struct buf *b, const struct store *s, const struct segment *g)
{
	const struct source *src = &s->sources[g->src];
	if (!g->anchored)
		buf_puts(b, "stale anchor");
	else if (src->kind == SRC_DOCUMENT && g->page_from != NONE) {
		const char *f = src->pages[g->page_from].label, *t = src->pages[g->page_to].label;
		if (g->page_from == g->page_to)
			buf_printf(b, "p. %s", f);
		else
			buf_printf(b, "pp. %s-%s", f, t);
	} else if (g->line_from == g->line_to)
		buf_printf(b, "line %zu", g->line_from);
	else
		buf_printf(b, "lines %zu-%zu", g->line_from, g->line_to);
}

void diff_codes(struct buf *b, const struct store *s, const struct segment *g)
{
	for (size_t k = 0; k < g->ncodes; k++) {
		if (k)
			buf_puts(b, ", ");
		buf_puts(b, s->codes[g->codes[k]].id);
	}
}

/* ---- codes ---- */

static bool parents_match(const struct diff *df, size_t i, size_t j)
{
	size_t pa = df->A->codes[i].parent, pb = df->B->codes[j].parent;
	if (pa == NONE || pb == NONE)
		return pa == pb;
	return df->codemap_ab[pa] == pb;
}

/* A pass of matching unmatched codes: key gives the string compared (NULL:
 * not comparable); a pair matches when its key is unique among the
 * unmatched codes of both sides (and, with parent, the parents agree). */
static void match_codes(struct diff *df, const char *(*key)(const struct code *),
                        bool parent, const char *why, const char **whys)
{
	const struct store *A = df->A, *B = df->B;
	for (size_t i = 0; i < A->ncodes; i++) {
		const char *k = df->codemap_ab[i] == NONE ? key(&A->codes[i]) : NULL;
		if (!k || !*k)
			continue;
		size_t na = 0, nb = 0, j0 = NONE;
		for (size_t i2 = 0; i2 < A->ncodes; i2++)
			na += df->codemap_ab[i2] == NONE && str_eq(key(&A->codes[i2]), k);
		for (size_t j = 0; j < B->ncodes; j++)
			if (df->codemap_ba[j] == NONE && str_eq(key(&B->codes[j]), k))
				nb++, j0 = j;
		if (na == 1 && nb == 1 && (!parent || parents_match(df, i, j0))) {
			df->codemap_ab[i] = j0;
			df->codemap_ba[j0] = i;
			whys[i] = why;
		}
	}
}

static const char *key_guid(const struct code *c) { return c->guid; }
static const char *key_name(const struct code *c) { return c->name; }
static const char *key_desc(const struct code *c) { return c->description; }

static bool rqs_equal(const struct store *A, const struct code *a,
                      const struct store *B, const struct code *b)
{
	if (a->nrqs != b->nrqs)
		return false;
	for (size_t k = 0; k < a->nrqs; k++) {
		bool found = false;
		for (size_t m = 0; m < b->nrqs && !found; m++)
			found = !strcmp(A->rqs[a->rqs[k]].id, B->rqs[b->rqs[m]].id);
		if (!found)
			return false;
	}
	return true;
}

static void diff_codes_(struct diff *df)
{
	const struct store *A = df->A, *B = df->B;
	df->codemap_ab = xmalloc((A->ncodes + 1) * sizeof *df->codemap_ab);
	df->codemap_ba = xmalloc((B->ncodes + 1) * sizeof *df->codemap_ba);
	const char **whys = xcalloc(A->ncodes + 1, sizeof *whys);
	for (size_t j = 0; j < B->ncodes; j++)
		df->codemap_ba[j] = NONE;
	for (size_t i = 0; i < A->ncodes; i++) {
		size_t j;
		df->codemap_ab[i] = hmap_get(&B->codemap, A->codes[i].id, &j) ? j : NONE;
		if (df->codemap_ab[i] != NONE)
			df->codemap_ba[j] = i;
	}
	match_codes(df, key_guid, false, "same guid", whys);
	match_codes(df, key_name, false, "same name", whys);
	/* the description pass may need a parent matched above: run it twice */
	match_codes(df, key_desc, true, "same description and parent", whys);
	match_codes(df, key_desc, true, "same description and parent", whys);
	for (size_t i = 0; i < A->ncodes; i++) {
		size_t j = df->codemap_ab[i];
		if (j == NONE) {
			add(df, DK_CODE, DH_REMOVED, i, NONE);
			continue;
		}
		const struct code *a = &A->codes[i], *b = &B->codes[j];
		unsigned f = 0;
		f |= strcmp(a->id, b->id) ? DF_RENAMED : 0;
		f |= !str_eq(a->name, b->name) ? DF_NAME : 0;
		f |= !str_eq(a->description, b->description) ? DF_DESC : 0;
		f |= !parents_match(df, i, j) ? DF_PARENT : 0;
		f |= !rqs_equal(A, a, B, b) ? DF_RQ : 0;
		if (f) {
			struct diff_change *c = add(df, DK_CODE, DH_CHANGED, i, j);
			c->flags = f;
			c->why = whys[i];
		}
	}
	for (size_t j = 0; j < B->ncodes; j++)
		if (df->codemap_ba[j] == NONE)
			add(df, DK_CODE, DH_ADDED, NONE, j);
	free(whys);
}

/* ---- research questions ---- */

static void diff_rqs(struct diff *df)
{
	const struct store *A = df->A, *B = df->B;
	for (size_t i = 0; i < A->nrqs; i++) {
		size_t j;
		if (!hmap_get(&B->rqmap, A->rqs[i].id, &j))
			add(df, DK_RQ, DH_REMOVED, i, NONE);
		else if (!str_eq(A->rqs[i].label, B->rqs[j].label) ||
		         !str_eq(A->rqs[i].question, B->rqs[j].question))
			add(df, DK_RQ, DH_CHANGED, i, j)->flags = DF_LABEL;
	}
	for (size_t j = 0; j < B->nrqs; j++) {
		size_t i;
		if (!hmap_get(&A->rqmap, B->rqs[j].id, &i))
			add(df, DK_RQ, DH_ADDED, NONE, j);
	}
}

/* ---- sources ---- */

static bool attrs_equal(const struct attr *a, size_t na, const struct attr *b, size_t nb)
{
	if (na != nb)
		return false;
	for (size_t k = 0; k < na; k++) {
		bool found = false;
		for (size_t m = 0; m < nb && !found; m++)
			found = !strcmp(a[k].key, b[m].key) && str_eq(a[k].val, b[m].val);
		if (!found)
			return false;
	}
	return true;
}

static bool pages_equal(const struct source *a, const struct source *b)
{
	if (a->npages != b->npages)
		return false;
	for (size_t k = 0; k < a->npages; k++)
		if (!str_eq(a->pages[k].label, b->pages[k].label))
			return false;
	return true;
}

static char *meta_changes(const struct source *a, const struct source *b)
{
	struct buf m;
	buf_init(&m);
#define FIELD(cond, name) if (cond) buf_printf(&m, "%s%s", m.len ? ", " : "", name)
	FIELD(a->kind != b->kind, "kind");
	FIELD(!str_eq(a->label, b->label), "label");
	FIELD(!str_eq(a->date, b->date), "date");
	FIELD(!attrs_equal(a->attrs, a->nattrs, b->attrs, b->nattrs), "attributes");
	FIELD(!str_eq(a->bibkey, b->bibkey) || !str_eq(a->bibtype, b->bibtype) ||
	      !attrs_equal(a->bib, a->nbib, b->bib, b->nbib), "bib");
	FIELD(!pages_equal(a, b), "pages");
	FIELD(!str_eq(a->guid, b->guid), "guid");
#undef FIELD
	if (!m.len) {
		buf_free(&m);
		return NULL;
	}
	return buf_detach(&m, NULL);
}

static void diff_sources(struct diff *df)
{
	const struct store *A = df->A, *B = df->B;
	for (size_t i = 0; i < A->nsources; i++) {
		const struct source *a = &A->sources[i];
		size_t j;
		if (!hmap_get(&B->srcmap, a->id, &j)) {
			add(df, DK_SOURCE, DH_REMOVED, i, NONE);
			continue;
		}
		const struct source *b = &B->sources[j];
		char *meta = meta_changes(a, b);
		bool text = a->text.len != b->text.len ||
		            (a->text.len && memcmp(a->text.data, b->text.data, a->text.len));
		if (!meta && !text)
			continue;
		struct diff_change *c = add(df, DK_SOURCE, DH_CHANGED, i, j);
		c->meta = meta;
		c->flags = (meta ? DF_META : 0) | (text ? DF_TEXT : 0);
		if (text)
			text_numstat(a->text.data ? a->text.data : "", a->text.len,
			             b->text.data ? b->text.data : "", b->text.len,
			             &c->added, &c->removed);
	}
	for (size_t j = 0; j < B->nsources; j++) {
		size_t i;
		if (!hmap_get(&A->srcmap, B->sources[j].id, &i))
			add(df, DK_SOURCE, DH_ADDED, NONE, j);
	}
}

/* ---- segments ---- */

static bool codes_equal(const struct diff *df, const struct segment *a, const struct segment *b)
{
	if (a->ncodes != b->ncodes)
		return false;
	for (size_t k = 0; k < a->ncodes; k++) {
		size_t mapped = df->codemap_ab[a->codes[k]];
		bool found = false;
		for (size_t m = 0; m < b->ncodes && !found; m++)
			found = b->codes[m] == mapped;
		if (!found)
			return false;
	}
	return true;
}

static void diff_segments(struct diff *df)
{
	const struct store *A = df->A, *B = df->B;
	size_t *ba = xmalloc((B->nsegs + 1) * sizeof *ba), *ab = xmalloc((A->nsegs + 1) * sizeof *ab);
	for (size_t j = 0; j < B->nsegs; j++)
		ba[j] = NONE;
	for (size_t i = 0; i < A->nsegs; i++) {
		size_t j;
		ab[i] = hmap_get(&B->segmap, A->segs[i].id, &j) ? j : NONE;
		if (ab[i] != NONE)
			ba[j] = i;
	}
	/* renumbered: the same guid under another id */
	struct hmap guids;
	hmap_init(&guids);
	for (size_t j = 0; j < B->nsegs; j++)
		if (ba[j] == NONE && B->segs[j].guid)
			hmap_put(&guids, B->segs[j].guid, j, NULL);
	for (size_t i = 0; i < A->nsegs; i++) {
		size_t j;
		if (ab[i] == NONE && A->segs[i].guid && hmap_get(&guids, A->segs[i].guid, &j) &&
		    ba[j] == NONE)
			ab[i] = j, ba[j] = i;
	}
	hmap_free(&guids);
	for (size_t i = 0; i < A->nsegs; i++) {
		const struct segment *a = &A->segs[i];
		if (a->dropped)
			continue;
		if (ab[i] == NONE) {
			add(df, DK_SEGMENT, DH_REMOVED, i, NONE);
			continue;
		}
		const struct segment *b = &B->segs[ab[i]];
		unsigned f = 0;
		f |= strcmp(a->id, b->id) ? DF_RENUMBERED : 0;
		if (!str_eq(a->exact, b->exact))
			f |= DF_QUOTE;
		else if (a->start != b->start || a->end != b->end ||
		         strcmp(A->sources[a->src].id, B->sources[b->src].id))
			f |= DF_MOVED;
		f |= !codes_equal(df, a, b) ? DF_RECODED : 0;
		f |= !str_eq(a->memo, b->memo) ? DF_MEMO : 0;
		f |= a->anchored && !b->anchored ? DF_STALE : 0;
		if (f)
			add(df, DK_SEGMENT, DH_CHANGED, i, ab[i])->flags = f;
	}
	for (size_t j = 0; j < B->nsegs; j++)
		if (ba[j] == NONE && !B->segs[j].dropped)
			add(df, DK_SEGMENT, DH_ADDED, NONE, j);
	free(ab);
	free(ba);
}

/* ---- order ---- */

static const struct diff *sort_df;
static int cmp_change(const void *x, const void *y)
{
	const struct diff_change *a = x, *b = y;
	if (a->kind != b->kind)
		return (int)a->kind - (int)b->kind;
	int c = strcmp(diff_change_id(sort_df, a), diff_change_id(sort_df, b));
	return c ? c : (int)a->how - (int)b->how;
}

/* ---- the thesis: claims and pages ---- */

/* Does the change touch what the thesis prints of the quote?  (A memo is
 * not printed.) */
static bool affects_thesis(const struct diff_change *c)
{
	return c->kind == DK_SEGMENT &&
	       (c->how != DH_CHANGED || (c->flags & ~(unsigned)DF_MEMO));
}

static void add_page(char ***v, size_t *n, const char *page)
{
	for (size_t k = 0; k < *n; k++)
		if (!strcmp((*v)[k], page))
			return;
	*v = xrealloc(*v, (*n + 1) * sizeof **v);
	(*v)[(*n)++] = (char *)page;
}

static struct diff_claim *claim_of(struct diff *df, const char *id)
{
	for (size_t k = 0; k < df->nclaims; k++)
		if (!strcmp(df->claims[k].id, id))
			return &df->claims[k];
	ARRAY_GROW(df->claims, df->nclaims, df->capclaims);
	struct diff_claim *c = &df->claims[df->nclaims++];
	memset(c, 0, sizeof *c);
	c->id = id;
	return c;
}

static void claim_add_change(struct diff_claim *c, size_t ch)
{
	for (size_t k = 0; k < c->n; k++)
		if (c->changes[k] == ch)
			return;
	ARRAY_PUSH(c->changes, c->n, c->cap, ch);
}

/* The uses of one build: ids map to changes through map (id -> change). */
static void scan_record(struct diff *df, const struct record *r, const struct hmap *map,
                        bool side_b)
{
	for (size_t u = 0; u < r->nuses; u++) {
		const struct rec_use *use = &r->uses[u];
		size_t ch;
		if (!hmap_get(map, use->qid, &ch))
			continue;
		if (side_b)
			add_page(&df->pages_b, &df->npages_b, use->page);
		else
			add_page(&df->pages_a, &df->npages_a, use->page);
		if (!use->claim)
			continue;
		struct diff_claim *c = claim_of(df, use->claim);
		claim_add_change(c, ch);
	}
}

static void diff_thesis(struct diff *df)
{
	struct hmap ma, mb;
	hmap_init(&ma);
	hmap_init(&mb);
	for (size_t k = 0; k < df->n; k++) {
		const struct diff_change *c = &df->changes[k];
		if (!affects_thesis(c))
			continue;
		if (c->a != NONE)
			hmap_put(&ma, df->A->segs[c->a].id, k, NULL);
		if (c->b != NONE)
			hmap_put(&mb, df->B->segs[c->b].id, k, NULL);
	}
	if (df->sb.rec)
		scan_record(df, df->sb.rec, &mb, true);
	if (df->sa.rec)
		scan_record(df, df->sa.rec, &ma, false);
	for (size_t k = 0; k < df->nclaims; k++) {
		struct diff_claim *c = &df->claims[k];
		size_t i;
		if (df->sa.rec && hmap_get(&df->sa.rec->claimmap, c->id, &i))
			c->page_a = df->sa.rec->claims[i].page;
		if (df->sb.rec && hmap_get(&df->sb.rec->claimmap, c->id, &i))
			c->page_b = df->sb.rec->claims[i].page;
	}
	hmap_free(&ma);
	hmap_free(&mb);
}

void diff_stores(struct diff *df, const struct store *a, const struct store *b,
                 const struct diff_side *sa, const struct diff_side *sb)
{
	memset(df, 0, sizeof *df);
	df->A = a, df->B = b;
	df->sa = *sa, df->sb = *sb;
	diff_sources(df);
	diff_codes_(df);
	diff_segments(df);
	diff_rqs(df);
	sort_df = df;
	if (df->n > 1)
		qsort(df->changes, df->n, sizeof *df->changes, cmp_change);
	sort_df = NULL;
	diff_thesis(df);
}

void diff_free(struct diff *df)
{
	for (size_t k = 0; k < df->n; k++)
		free(df->changes[k].meta);
	free(df->changes);
	for (size_t k = 0; k < df->nclaims; k++)
		free(df->claims[k].changes);
	free(df->claims);
	free(df->codemap_ab);
	free(df->codemap_ba);
	free(df->pages_a);
	free(df->pages_b);
	memset(df, 0, sizeof *df);
}
