/* store_codings.c - loading coded segments and verifying their anchors. */
#define _GNU_SOURCE /* memmem */
#include "core/store_impl.h"
#include "core/anchorfind.h"
#include "core/stripe.h"
#include "core/util.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

/* "SRC-" followed by three or more digits. */
static bool seg_id_ok(const char *id, const char *src)
{
	size_t n = strlen(src);
	if (strncmp(id, src, n) != 0 || id[n] != '-')
		return false;
	const char *p = id + n + 1;
	size_t k = 0;
	for (; p[k]; k++)
		if (p[k] < '0' || p[k] > '9')
			return false;
	return k >= 3;
}

/* The page holding byte off of a document's text, or NONE (no pages). */
static size_t page_of(const struct source *src, size_t off)
{
	size_t lo = 0, hi = src->npages;
	if (!hi)
		return NONE;
	while (hi - lo > 1) {
		size_t mid = (lo + hi) / 2;
		if (src->pages[mid].start <= off)
			lo = mid;
		else
			hi = mid;
	}
	return lo;
}

static size_t count_cp(const char *s)
{
	size_t n = 0;
	for (; *s; s++)
		n += ((unsigned char)*s & 0xC0) != 0x80;
	return n;
}

/* An anchored segment: its lines and pages, and a warning for a changed
 * context (as many code points of the source shown as the context has). */
static void check_context(const struct source *src, struct segment *g,
                          size_t sb, size_t eb, const char *file,
                          const char *where, struct diag *d)
{
	const struct text *t = &src->text;
	g->anchored = true;
	g->line_from = text_line_of(t, sb);
	g->line_to = text_line_of(t, eb > sb ? eb - 1 : sb);
	g->page_from = page_of(src, sb);
	g->page_to = page_of(src, eb > sb ? eb - 1 : sb);
	bool changed = false;
	size_t pn = g->prefix ? strlen(g->prefix) : 0;
	if (pn && (pn > sb || memcmp(t->data + sb - pn, g->prefix, pn))) {
		size_t pcp = count_cp(g->prefix);
		size_t from = text_cp_to_byte(t, pcp > g->start ? 0 : g->start - pcp);
		char *e = text_show(g->prefix, pn, 40);
		char *h = text_show(t->data + from, sb - from, 40);
		diag_in(d, D_CONTEXT, file, where, "prefix", e, h);
		diag_pos(d, src->textfile, g->line_from, text_col_of(t, sb), g->start, g->end);
		free(e), free(h);
		changed = true;
	}
	size_t xn = g->suffix ? strlen(g->suffix) : 0;
	if (xn && (eb + xn > t->len || memcmp(t->data + eb, g->suffix, xn))) {
		size_t to = text_cp_to_byte(t, g->end + count_cp(g->suffix));
		char *e = text_show(g->suffix, xn, 40);
		char *h = text_show(t->data + eb, to - eb, 40);
		diag_in(d, D_CONTEXT, file, where, "suffix", e, h);
		diag_pos(d, src->textfile, g->line_from, text_col_of(t, sb), g->start, g->end);
		free(e), free(h);
		changed = true;
	}
	if (changed)
		diag_in(d, D_REANCHOR_WOULD, file, where, "update the context");
}

/* What the text of an anchored quote must not hold: more than
 * STORE_QUOTE_MAX bytes, and bidirectional controls (each reported at its
 * place in the source text). */
static void check_quote_text(const struct source *src, const struct segment *g,
                             size_t sb, struct diag *d)
{
	const struct text *t = &src->text;
	size_t n = strlen(g->exact);
	if (n > STORE_QUOTE_MAX)
		diag_at(d, D_QUOTE_TOO_LONG, src->textfile, text_line_of(t, sb),
		        text_col_of(t, sb), g->id, n, STORE_QUOTE_MAX);
	const unsigned char *u = (const unsigned char *)g->exact;
	for (size_t i = 0; i < n; i++) {
		unsigned long c = 0;
		if (u[i] == 0xD8 && i + 1 < n && u[i + 1] == 0x9C)
			c = 0x061C;
		else if (u[i] == 0xE2 && i + 2 < n && u[i + 1] == 0x80 &&
		         (u[i + 2] == 0x8E || u[i + 2] == 0x8F ||
		          (u[i + 2] >= 0xAA && u[i + 2] <= 0xAE)))
			c = 0x2000 + (u[i + 2] - 0x80);
		else if (u[i] == 0xE2 && i + 2 < n && u[i + 1] == 0x81 &&
		         u[i + 2] >= 0xA6 && u[i + 2] <= 0xA9)
			c = 0x2040 + (u[i + 2] - 0x80);
		if (c)
			diag_at(d, D_QUOTE_BIDI, src->textfile, text_line_of(t, sb + i),
			        text_col_of(t, sb + i), g->id, c, c);
	}
}

/* A segment whose anchor does not match: where its text is now (exact
 * with its context, exact alone: core/anchorfind.h), and what `sitat
 * reanchor` would do about it. */
static void find_moved(const struct source *src, const struct segment *g,
                       const char *file, const char *where, struct diag *d)
{
	const struct text *t = &src->text;
	struct af_found f;
	anchor_find(t, g->exact, g->prefix, g->suffix, &f);
	char *what = NULL;
	if (f.how == AF_CONTEXT || f.how == AF_EXACT) {
		size_t sb = text_cp_to_byte(t, f.start);
		size_t line = text_line_of(t, sb), col = text_col_of(t, sb);
		diag_in(d, D_ANCHOR_NOW, file, where, src->textfile, line, col, f.start, f.end);
		diag_pos(d, src->textfile, line, col, f.start, f.end);
		what = xstrdup(f.how == AF_CONTEXT ? "move it there (its prefix and suffix are there)"
		                                   : "move it there (its text occurs once)");
	} else if (f.how == AF_AMBIGUOUS && anchor_at(t, f.cands[0].start, f.cands[0].end, g->exact)) {
		diag_in(d, D_ANCHOR_AMBIG, file, where, f.ncands);
		what = xasprintf("list the %zu places and leave it, unless the git history shows which it is",
		                 f.ncands);
	} else {
		diag_in(d, D_ANCHOR_GONE, file, where);
		if (f.how == AF_APPROX) {
			size_t sb = text_cp_to_byte(t, f.start), eb = text_cp_to_byte(t, f.end);
			size_t line = text_line_of(t, sb), col = text_col_of(t, sb);
			char *h = text_show(t->data + sb, eb - sb, 60);
			what = xasprintf("show the changed quote at %s:%zu:%zu (start %zu, end %zu): \"%s\", "
			                 "and take it only with --accept",
			                 src->textfile, line, col, f.start, f.end, h);
			free(h);
			diag_in(d, D_REANCHOR_WOULD, file, where, what);
			diag_pos(d, src->textfile, line, col, f.start, f.end);
			free(what);
			af_found_free(&f);
			return;
		}
		what = f.how == AF_AMBIGUOUS
		           ? xasprintf("list the %zu places where a changed quote may be, unless the "
		                       "git history shows where it went", f.ncands)
		           : xstrdup("look for it through the git history");
	}
	diag_in(d, D_REANCHOR_WOULD, file, where, what);
	free(what);
	af_found_free(&f);
}

void store_check_anchor(const struct store *s, struct segment *g, const char *file,
                        bool find, struct diag *d)
{
	const struct source *src = &s->sources[g->src];
	const struct text *t = &src->text;
	char where[96];
	snprintf(where, sizeof where, "segment %.80s", g->id);
	g->anchored = false;
	if (!src->text_ok)
		return;
	if (g->start >= g->end || g->end > t->ncp) {
		diag_in(d, D_RANGE, file, where, g->start, g->end, t->ncp);
		diag_pos(d, src->textfile, 0, 0, g->start, g->end);
		if (find)
			find_moved(src, g, file, where, d);
		return;
	}
	size_t sb = text_cp_to_byte(t, g->start);
	size_t eb = text_cp_to_byte(t, g->end);
	size_t n = strlen(g->exact);
	if (eb - sb == n && memcmp(t->data + sb, g->exact, n) == 0) {
		check_context(src, g, sb, eb, file, where, d);
		check_quote_text(src, g, sb, d);
		return;
	}
	char *h = text_show(t->data + sb, eb - sb, 60);
	diag_in(d, D_ANCHOR, file, where, g->start, g->end, h);
	diag_pos(d, src->textfile, text_line_of(t, sb), text_col_of(t, sb), g->start, g->end);
	free(h);
	if (find)
		find_moved(src, g, file, where, d);
}

/* One codings file, loaded on its own (possibly in a worker thread): its
 * segments, its diagnostics and the source it names, merged into the store
 * afterwards in file order.  Workers only read the store. */
struct codings_job {
	const char *name;
	size_t known;          /* the source whose stem the file has, or NONE */
	size_t src;            /* the source it holds codings of, or NONE */
	struct segment *segs;
	size_t nsegs;
	struct hmap ids;       /* segment ids of this file */
	struct diag d;
};

enum { F_ID, F_START, F_END, F_EXACT, F_PREFIX, F_SUFFIX, F_CODES, F_MEMO, F_CODER, F_GUID,
       F_MERGED, F_N };
static const struct jfield segment_spec[F_N] = {
	[F_ID] = {"id", JT_STR, true, NULL},
	[F_START] = {"start", JT_UINT, true, NULL},
	[F_END] = {"end", JT_UINT, true, NULL},
	[F_EXACT] = {"exact", JT_STR, true, NULL},
	[F_PREFIX] = {"prefix", JT_STR, false, NULL},
	[F_SUFFIX] = {"suffix", JT_STR, false, NULL},
	[F_CODES] = {"codes", JT_ARR, true, NULL},
	[F_MEMO] = {"memo", JT_STR, false, NULL},
	[F_CODER] = {"coder", JT_STR, false, NULL},
	[F_GUID] = {"guid", JT_STR, false, NULL},
	[F_MERGED] = {"merged", JT_ARR, false, NULL},
};

/* guid and merged: GUIDs (checked for duplicates across the store later). */
static void load_guids(const struct jdoc *doc, struct jval *f, struct segment *g,
                       const char *where)
{
	struct diag *d = doc->d;
	if (f[F_GUID].s && !guid_ok(f[F_GUID].s)) {
		char *v = text_show(f[F_GUID].s, strlen(f[F_GUID].s), 40);
		diag_in(d, D_BAD_GUID, doc->file, where, "guid", v);
		free(v);
	} else {
		g->guid = jtake(&f[F_GUID]);
	}
	const cJSON *arr = f[F_MERGED].node, *c;
	if (!arr)
		return;
	if (!g->guid && !f[F_GUID].s)
		diag_in(d, D_MERGED_NO_GUID, doc->file, where);
	g->merged = xcalloc((size_t)cJSON_GetArraySize(arr) + 1, sizeof *g->merged);
	cJSON_ArrayForEach(c, arr) {
		if (!cJSON_IsString(c)) {
			diag_in(d, D_TYPE, doc->file, where, "merged[]", "a string");
		} else if (!guid_ok(c->valuestring)) {
			char *v = text_show(c->valuestring, strlen(c->valuestring), 40);
			diag_in(d, D_BAD_GUID, doc->file, where, "merged[]", v);
			free(v);
		} else {
			g->merged[g->nmerged++] = xstrdup(c->valuestring);
		}
	}
}

static void free_seg_strings(struct segment *g)
{
	free(g->id), free(g->exact), free(g->prefix), free(g->suffix);
	free(g->memo), free(g->codes), free(g->coder), free(g->guid);
	for (size_t k = 0; k < g->nmerged; k++)
		free(g->merged[k]);
	free(g->merged);
}

/* prefix and suffix: at most STORE_CONTEXT_MAX code points */
static void check_context_length(const struct jdoc *doc, const struct jval *f,
                                 const char *where)
{
	for (int k = F_PREFIX; k <= F_SUFFIX; k++) {
		size_t n = f[k].s ? count_cp(f[k].s) : 0;
		if (n > STORE_CONTEXT_MAX)
			diag_in(doc->d, D_CONTEXT_LONG, doc->file, where,
			        segment_spec[k].key, n, STORE_CONTEXT_MAX);
	}
}

static void load_segment(const struct load *L, const struct jdoc *doc,
                         struct codings_job *job, cJSON *e, size_t i,
                         size_t *prev_start)
{
	const struct store *s = L->s;
	struct diag *d = &job->d;
	const char *file = doc->file;
	const char *src_id = s->sources[job->src].id;
	const char *id0 = cJSON_IsObject(e)
	                      ? cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(e, "id"))
	                      : NULL;
	bool named = id0 && seg_id_ok(id0, src_id);
	char where[96];
	if (named && strlen(id0) < 80)
		snprintf(where, sizeof where, "segment %s", id0);
	else
		snprintf(where, sizeof where, "segments[%zu]", i);
	if (!cJSON_IsObject(e)) {
		diag_in(d, D_TYPE, file, where, "segments[]", "an object");
		return;
	}
	struct jval f[F_N];
	jread(doc, e, segment_spec, F_N, f, where);
	bool pos = f[F_START].node && f[F_END].node;
	if (!f[F_ID].s)
		return;
	if (!named) {
		char *v = text_show(f[F_ID].s, strlen(f[F_ID].s), 40);
		diag_in(d, D_SEG_ID_PREFIX, file, where, v, src_id);
		free(v);
		return;
	}
	check_context_length(doc, f, where);
	struct segment g = {.src = job->src, .start = f[F_START].u, .end = f[F_END].u,
	                    .page_from = NONE, .page_to = NONE};
	/* unchecked when the codebook did not load: all would be unknown */
	g.codes = store_refs(doc, f[F_CODES].node, "codes", &s->codemap,
	                     L->codebook_ok, where, &g.ncodes);
	/* the strings move from the JSON tree into the store (no copies) */
	g.id = jtake(&f[F_ID]);
	g.exact = jtake(&f[F_EXACT]);
	g.prefix = jtake(&f[F_PREFIX]);
	g.suffix = jtake(&f[F_SUFFIX]);
	g.memo = jtake(&f[F_MEMO]);
	g.coder = jtake(&f[F_CODER]);
	load_guids(doc, f, &g, where);
	if (!hmap_put(&job->ids, g.id, job->nsegs, NULL)) {
		diag_in(d, D_DUP_ID, file, where, "segment", g.id, file);
		free_seg_strings(&g);
		return;
	}
	if (pos && g.start < *prev_start)
		diag_in(d, D_SEG_ORDER, file, where);
	if (pos)
		*prev_start = g.start;
	job->segs[job->nsegs] = g;
	if (pos && g.exact)
		store_check_anchor(s, &job->segs[job->nsegs], file, !L->io->quick_anchors, d);
	job->nsegs++;
}

enum { K_FORMAT, K_SOURCE, K_UNIT, K_SEGMENTS, K_N };
static const struct jfield codings_spec[K_N] = {
	[K_FORMAT] = {"format", JT_STR, true, "sitat-codings/1"},
	[K_SOURCE] = {"source", JT_STR, true, NULL},
	[K_UNIT] = {"unit", JT_STR, true, NULL},
	[K_SEGMENTS] = {"segments", JT_ARR, true, NULL},
};

/* The source a codings file holds segments of, or NONE after reporting
 * why not. */
static size_t codings_source(const struct load *L, const struct jdoc *doc,
                             const struct jval *f, const char *stem,
                             const char *where)
{
	const char *sid = f[K_SOURCE].s, *unit = f[K_UNIT].s;
	struct diag *d = doc->d;
	size_t src = NONE;
	char *v = NULL;
	if (unit && strcmp(unit, "codepoint-nfc") != 0) {
		v = text_show(unit, strlen(unit), 40);
		diag_in(d, D_UNIT, doc->file, where, v);
	} else if (!sid || !f[K_SEGMENTS].node) {
		/* reported by jread */
	} else if (strcmp(sid, stem) != 0) {
		v = text_show(sid, strlen(sid), 40);
		diag_in(d, D_FILE_ID, doc->file, where, v, stem);
	} else if (hmap_get(&L->s->srcmap, sid, &src)) {
		/* found */
	} else if (store_source_failed(L, stem)) {
		v = xasprintf("sources/%s.json", stem);
		diag_in(d, D_SKIPPED, doc->file, where, "its segments", v);
	} else {
		v = text_show(sid, strlen(sid), 40);
		diag_in(d, D_UNKNOWN_SOURCE, doc->file, where, v);
	}
	free(v);
	return src;
}

static void load_codings_file(const struct load *L, const char *dir,
                              struct codings_job *job)
{
	struct diag *d = &job->d;
	char *rel = path_join("codings", job->name);
	char *file = path_join(dir, job->name);
	char *stem = xstrndup(job->name, strlen(job->name) - 5);
	char *where = xasprintf("codings %s", stem);
	struct jdoc doc;
	if (!hmap_get(&L->s->srcmap, stem, &job->known))
		job->known = NONE;
	if (store_read_json(L, rel, file, STORE_DATA_LIMIT, &doc, d) < 0)
		goto out;
	if (!cJSON_IsObject(doc.root)) {
		diag_in(d, D_TYPE, file, where, "(top level)", "an object");
		goto out;
	}
	struct jval f[K_N];
	jread(&doc, doc.root, codings_spec, K_N, f, where);
	job->src = codings_source(L, &doc, f, stem, where);
	if (job->src == NONE)
		goto out;
	cJSON *segs = f[K_SEGMENTS].node, *e;
	job->segs = xcalloc((size_t)cJSON_GetArraySize(segs), sizeof *job->segs);
	size_t i = 0, prev = 0;
	cJSON_ArrayForEach(e, segs)
		load_segment(L, &doc, job, e, i++, &prev);
out:
	json_free(&doc);
	free(where), free(stem), free(file), free(rel);
}

struct codings_jobs {
	const struct load *L;
	const char *dir;
	struct codings_job *v;
};

static void codings_worker(void *arg, size_t k)
{
	struct codings_jobs *w = arg;
	load_codings_file(w->L, w->dir, &w->v[k]);
}

/* Merge the files' results in file order: diagnostics, then segments. */
static void merge_codings(struct load *L, const char *dir,
                          struct codings_job *jobs, size_t n)
{
	struct store *s = L->s;
	size_t total = 0;
	for (size_t k = 0; k < n; k++)
		total += jobs[k].nsegs;
	s->segs = xcalloc(total ? total : 1, sizeof *s->segs);
	for (size_t k = 0; k < n; k++) {
		struct codings_job *job = &jobs[k];
		diag_merge(L->d, &job->d);
		if (job->known != NONE && !s->sources[job->known].codingsfile)
			s->sources[job->known].codingsfile = path_join(dir, job->name);
		for (size_t i = 0; i < job->nsegs; i++) {
			/* ids carry their source, so two files cannot share one */
			hmap_put(&s->segmap, job->segs[i].id, s->nsegs, NULL);
			s->segs[s->nsegs++] = job->segs[i];
			s->sources[job->src].nsegs++;
		}
		free(job->segs);
		hmap_free(&job->ids);
		diag_free(&job->d);
	}
}

void store_load_codings(struct load *L)
{
	struct store *s = L->s;
	char *dir = path_join(s->root, "codings");
	struct walk_list l;
	if (store_list(L, "codings", dir, &l) < 0) {
		free(dir);
		return;
	}
	struct codings_job *jobs = xcalloc(l.n, sizeof *jobs);
	size_t n = 0;
	for (size_t k = 0; k < l.n; k++) {
		if (!str_ends_with(l.v[k].name, ".json"))
			continue;
		struct codings_job *j = &jobs[n++];
		j->name = l.v[k].name;
		j->known = j->src = NONE;
		hmap_init(&j->ids);
		diag_init(&j->d, NULL);
	}
	/* two threads share the files; the store is only read meanwhile */
	struct codings_jobs w = {L, dir, jobs};
	stripe_run(n, codings_worker, &w);
	merge_codings(L, dir, jobs, n);
	free(jobs);
	walk_free(&l);
	free(dir);
	for (size_t i = 0; i < s->nsources; i++)
		if (!s->sources[i].codingsfile)
			diag_in(L->d, D_NO_CODINGS, s->sources[i].metafile,
			        "source", s->sources[i].id);
}

void store_check_codings(const struct store *s, const struct storeio_file *files,
                         size_t n, struct diag *d)
{
	struct storeio io = {.root = s->root, .files = files, .nfiles = n,
	                     .quick_anchors = true};
	/* the store is only read: load_codings_file looks sources, texts and
	 * codes up in it */
	struct load L = {.s = (struct store *)s, .io = &io, .d = d,
	                 .project_ok = true, .codebook_ok = true};
	char *dir = path_join(s->root, "codings");
	struct codings_job *jobs = xcalloc(n + 1, sizeof *jobs);
	for (size_t k = 0; k < n; k++) {
		jobs[k].name = strrchr(files[k].name, '/') + 1;
		jobs[k].known = jobs[k].src = NONE;
		hmap_init(&jobs[k].ids);
		diag_init(&jobs[k].d, NULL);
	}
	struct codings_jobs w = {&L, dir, jobs};
	stripe_run(n, codings_worker, &w);
	for (size_t k = 0; k < n; k++) {
		struct codings_job *job = &jobs[k];
		diag_merge(d, &job->d);
		for (size_t i = 0; i < job->nsegs; i++) {
			free_seg_strings(&job->segs[i]);
		}
		free(job->segs);
		hmap_free(&job->ids);
		diag_free(&job->d);
	}
	free(jobs);
	free(dir);
}
