/* storewrite.c - the store's JSON files in their canonical form, written
 * from the store in memory (see storewrite.h). */
#include "core/storewrite.h"

#include <stdlib.h>
#include <string.h>

#include "core/util.h"

void json_put_string(struct buf *b, const char *s)
{
	buf_putc(b, '"');
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		switch (*p) {
		case '"': buf_puts(b, "\\\""); break;
		case '\\': buf_puts(b, "\\\\"); break;
		case '\n': buf_puts(b, "\\n"); break;
		case '\t': buf_puts(b, "\\t"); break;
		case '\r': buf_puts(b, "\\r"); break;
		case '\b': buf_puts(b, "\\b"); break;
		case '\f': buf_puts(b, "\\f"); break;
		default:
			if (*p < 0x20)
				buf_printf(b, "\\u%04x", *p);
			else
				buf_putc(b, (char)*p);
		}
	}
	buf_putc(b, '"');
}

static void jw_indent(struct jw *w)
{
	for (int i = 0; i < w->depth; i++)
		buf_puts(&w->b, "  ");
}

/* Start a member (key may be NULL inside an array). */
static void jw_member(struct jw *w, const char *key)
{
	if (!w->first)
		buf_putc(&w->b, ',');
	buf_putc(&w->b, '\n');
	w->first = false;
	jw_indent(w);
	if (key) {
		json_put_string(&w->b, key);
		buf_puts(&w->b, ": ");
	}
}

void jw_open(struct jw *w, const char *key, char c)
{
	if (w->depth > 0 || key)
		jw_member(w, key);
	buf_putc(&w->b, c);
	w->depth++;
	w->first = true;
}

void jw_close(struct jw *w, char c)
{
	w->depth--;
	if (!w->first) {
		buf_putc(&w->b, '\n');
		jw_indent(w);
	}
	buf_putc(&w->b, c);
	w->first = false;
}

void jw_str(struct jw *w, const char *key, const char *v)
{
	jw_member(w, key);
	json_put_string(&w->b, v);
}

void jw_uint(struct jw *w, const char *key, size_t v)
{
	jw_member(w, key);
	buf_printf(&w->b, "%zu", v);
}

char *jw_done(struct jw *w, size_t *len)
{
	buf_putc(&w->b, '\n');
	return buf_detach(&w->b, len);
}

void jw_init(struct jw *w)
{
	buf_init(&w->b);
	w->depth = 0;
	w->first = true;
}

char *store_codebook_json(const struct store *s, size_t *len)
{
	struct jw w;
	jw_init(&w);
	jw_open(&w, NULL, '{');
	jw_str(&w, "format", "sitat-codebook/1");
	jw_open(&w, "codes", '[');
	for (size_t i = 0; i < s->ncodes; i++) {
		const struct code *c = &s->codes[i];
		if (c->dropped)
			continue;
		jw_open(&w, NULL, '{');
		jw_str(&w, "id", c->id);
		jw_str(&w, "name", c->name);
		if (c->description && *c->description) /* absent and empty are the same */
			jw_str(&w, "description", c->description);
		if (c->parent != NONE)
			jw_str(&w, "parent", s->codes[c->parent].id);
		else if (c->parent_id)
			jw_str(&w, "parent", c->parent_id);
		if (c->nrqs) {
			jw_open(&w, "rq", '[');
			for (size_t k = 0; k < c->nrqs; k++)
				jw_str(&w, NULL, s->rqs[c->rqs[k]].id);
			jw_close(&w, ']');
		}
		if (c->color)
			jw_str(&w, "color", c->color);
		if (c->guid)
			jw_str(&w, "guid", c->guid);
		jw_close(&w, '}');
	}
	jw_close(&w, ']');
	jw_close(&w, '}');
	return jw_done(&w, len);
}

static const char *base_name(const char *path)
{
	const char *p = strrchr(path, '/');
	return p ? p + 1 : path;
}

void store_put_bib(struct jw *w, const struct source *o)
{
	jw_open(w, "bib", '{');
	bool typed = false;
	for (size_t k = 0; k < o->nbib; k++)
		typed |= strcmp(o->bib[k].key, "type") == 0;
	if (!typed)
		jw_str(w, "type", o->bibtype);
	for (size_t k = 0; k < o->nbib; k++)
		jw_str(w, o->bib[k].key, o->bib[k].val);
	jw_close(w, '}');
}

char *store_source_json(const struct store *s, size_t src, size_t *len)
{
	const struct source *o = &s->sources[src];
	struct jw w;
	jw_init(&w);
	jw_open(&w, NULL, '{');
	jw_str(&w, "format", "sitat-source/1");
	jw_str(&w, "id", o->id);
	jw_str(&w, "kind", o->kind == SRC_INTERVIEW ? "interview" : "document");
	jw_str(&w, "label", o->label);
	if (o->nattrs) {
		jw_open(&w, "attributes", '{');
		for (size_t k = 0; k < o->nattrs; k++)
			jw_str(&w, o->attrs[k].key, o->attrs[k].val);
		jw_close(&w, '}');
	}
	if (o->date)
		jw_str(&w, "date", o->date);
	jw_str(&w, "text", base_name(o->textfile));
	if (o->bibkey)
		jw_str(&w, "bibkey", o->bibkey);
	if (o->bibtype)
		store_put_bib(&w, o);
	if (o->npages) {
		jw_open(&w, "pages", '[');
		for (size_t k = 0; k < o->npages; k++) {
			jw_open(&w, NULL, '{');
			jw_str(&w, "label", o->pages[k].label);
			jw_close(&w, '}');
		}
		jw_close(&w, ']');
	}
	if (o->guid)
		jw_str(&w, "guid", o->guid);
	jw_close(&w, '}');
	return jw_done(&w, len);
}

/* Segments in file order: by start, then end, then id. */
static int cmp_seg(const void *a, const void *b)
{
	const struct segment *x = *(const struct segment *const *)a;
	const struct segment *y = *(const struct segment *const *)b;
	if (x->start != y->start)
		return x->start < y->start ? -1 : 1;
	if (x->end != y->end)
		return x->end < y->end ? -1 : 1;
	return strcmp(x->id, y->id);
}

char *store_codings_json(const struct store *s, size_t src, size_t *len)
{
	/* as many pointers as the source has segments (not one per segment
	 * of the store: 1,000 files of a 100,000-segment store) */
	size_t n = 0, cap = s->sources[src].nsegs;
	const struct segment **v = xmalloc((cap + 1) * sizeof *v);
	for (size_t i = 0; i < s->nsegs; i++)
		if (s->segs[i].src == src && !s->segs[i].dropped) {
			if (n == cap)
				v = xrealloc(v, (cap = 2 * cap + 1) * sizeof *v + sizeof *v);
			v[n++] = &s->segs[i];
		}
	char *r = store_codings_json_of(s, src, v, n, len);
	free(v);
	return r;
}

char *store_codings_json_of(const struct store *s, size_t src,
                            const struct segment **v, size_t n, size_t *len)
{
	qsort(v, n, sizeof *v, cmp_seg);
	struct jw w;
	jw_init(&w);
	jw_open(&w, NULL, '{');
	jw_str(&w, "format", "sitat-codings/1");
	jw_str(&w, "source", s->sources[src].id);
	jw_str(&w, "unit", "codepoint-nfc");
	jw_open(&w, "segments", '[');
	for (size_t i = 0; i < n; i++) {
		const struct segment *g = v[i];
		jw_open(&w, NULL, '{');
		jw_str(&w, "id", g->id);
		jw_uint(&w, "start", g->start);
		jw_uint(&w, "end", g->end);
		jw_str(&w, "exact", g->exact);
		if (g->prefix)
			jw_str(&w, "prefix", g->prefix);
		if (g->suffix)
			jw_str(&w, "suffix", g->suffix);
		jw_open(&w, "codes", '[');
		for (size_t k = 0; k < g->ncodes; k++)
			jw_str(&w, NULL, s->codes[g->codes[k]].id);
		jw_close(&w, ']');
		if (g->memo)
			jw_str(&w, "memo", g->memo);
		if (g->coder)
			jw_str(&w, "coder", g->coder);
		if (g->guid)
			jw_str(&w, "guid", g->guid);
		if (g->nmerged) {
			jw_open(&w, "merged", '[');
			for (size_t k = 0; k < g->nmerged; k++)
				jw_str(&w, NULL, g->merged[k]);
			jw_close(&w, ']');
		}
		jw_close(&w, '}');
	}
	jw_close(&w, ']');
	jw_close(&w, '}');
	return jw_done(&w, len);
}
