/* store_codings.c - loading coded segments and verifying their anchors. */
#define _GNU_SOURCE /* memmem */
#include "core/store.h"
#include "core/json.h"
#include "core/util.h"

#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

bool source_id_ok(const char *id);

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

static size_t page_of_line(const struct source *src, size_t line)
{
	size_t lo = 0, hi = src->npages;
	if (!hi)
		return NONE;
	while (hi - lo > 1) {
		size_t mid = (lo + hi) / 2;
		if (src->pages[mid].line <= line)
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

static size_t count_occurrences(const struct text *t, const char *s,
                                size_t n, size_t *first)
{
	size_t count = 0;
	const char *p = t->data, *end = t->data + t->len;
	while (n && p < end) {
		const char *q = memmem(p, (size_t)(end - p), s, n);
		if (!q)
			break;
		if (!count)
			*first = (size_t)(q - t->data);
		count++;
		p = q + 1;
	}
	return count;
}

void store_check_anchor(const struct store *s, struct segment *g, const char *file,
                        struct diag *d)
{
	struct source *src = &s->sources[g->src];
	const struct text *t = &src->text;
	char where[96];
	snprintf(where, sizeof where, "segment %.80s", g->id);
	g->anchored = false;
	if (!src->text_ok)
		goto out;
	if (g->start >= g->end || g->end > t->ncp) {
		diag_in(d, D_RANGE, file, where, g->start, g->end, t->ncp);
	} else {
		size_t sb = text_cp_to_byte(t, g->start);
		size_t eb = text_cp_to_byte(t, g->end);
		size_t n = strlen(g->exact);
		if (eb - sb == n && memcmp(t->data + sb, g->exact, n) == 0) {
			g->anchored = true;
			g->line_from = text_line_of(t, sb);
			g->line_to = text_line_of(t, eb > sb ? eb - 1 : sb);
			g->page_from = page_of_line(src, g->line_from);
			g->page_to = page_of_line(src, g->line_to);
			/* context */
			size_t pn = g->prefix ? strlen(g->prefix) : 0;
			if (pn && (pn > sb || memcmp(t->data + sb - pn, g->prefix, pn))) {
				/* show as many code points of the source as the prefix has */
				size_t pcp = count_cp(g->prefix);
				size_t from = text_cp_to_byte(t, pcp > g->start ? 0 : g->start - pcp);
				char *e = text_show(g->prefix, pn, 40);
				char *h = text_show(t->data + from, sb - from, 40);
				diag_in(d, D_CONTEXT, file, where, "prefix", e, h);
				free(e), free(h);
			}
			size_t xn = g->suffix ? strlen(g->suffix) : 0;
			if (xn && (eb + xn > t->len || memcmp(t->data + eb, g->suffix, xn))) {
				size_t to = text_cp_to_byte(t, g->end + count_cp(g->suffix));
				char *e = text_show(g->suffix, xn, 40);
				char *h = text_show(t->data + eb, to - eb, 40);
				diag_in(d, D_CONTEXT, file, where, "suffix", e, h);
				free(e), free(h);
			}
			goto out;
		}
		char *h = text_show(t->data + sb, eb - sb, 60);
		diag_in(d, D_ANCHOR, file, where, g->start, g->end, h);
		free(h);
	}
	size_t first = 0, n = strlen(g->exact);
	size_t c = count_occurrences(t, g->exact, n, &first);
	if (c == 1) {
		size_t st = text_byte_to_cp(t, first);
		size_t en = text_byte_to_cp(t, first + n);
		diag_in(d, D_ANCHOR_NOW, file, where, src->textfile,
		        text_line_of(t, first), text_col_of(t, first), st, en);
	} else if (c > 1) {
		diag_in(d, D_ANCHOR_AMBIG, file, where, c);
	} else {
		diag_in(d, D_ANCHOR_GONE, file, where);
	}
out:
	return;
}

/* One codings file, loaded on its own (possibly in a worker thread): its
 * segments, its diagnostics and the source it names, merged into the store
 * afterwards in file order.  Workers only read the store. */
struct codings_job {
	char *name;
	size_t known;          /* the source whose stem the file has, or NONE */
	size_t src;            /* the source it holds codings of, or NONE */
	struct segment *segs;
	size_t nsegs, cap;
	struct hmap ids;       /* segment ids of this file */
	struct diag d;
};

static void load_segment(const struct store *s, struct codings_job *job,
                         const cJSON *e, const char *file, size_t i,
                         size_t *prev_start)
{
	struct diag *d = &job->d;
	size_t src = job->src;
	const char *id0 = cJSON_IsObject(e)
	                      ? cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(e, "id"))
	                      : NULL;
	bool named = id0 && seg_id_ok(id0, s->sources[src].id);
	char where[96];
	if (named && strlen(id0) < 80)
		snprintf(where, sizeof where, "segment %s", id0);
	else
		snprintf(where, sizeof where, "segments[%zu]", i);
	if (!cJSON_IsObject(e)) {
		diag_in(d, D_TYPE, file, where, "segments[]", "an object");
		goto out;
	}
	enum { F_ID, F_START, F_END, F_EXACT, F_PREFIX, F_SUFFIX, F_CODES, F_MEMO, F_N };
	static const char *const keys[] = {"id", "start", "end", "exact",
		"prefix", "suffix", "codes", "memo", NULL};
	const cJSON *f[F_N];
	jfields(e, keys, f, file, where, d);
	const char *id = jstr_m(f[F_ID], "id", true, file, where, d);
	size_t start = 0, end = 0;
	bool pos = juint_m(f[F_START], "start", &start, file, where, d);
	pos &= juint_m(f[F_END], "end", &end, file, where, d);
	const char *exact = jstr_m(f[F_EXACT], "exact", true, file, where, d);
	const char *prefix = jstr_m(f[F_PREFIX], "prefix", false, file, where, d);
	const char *suffix = jstr_m(f[F_SUFFIX], "suffix", false, file, where, d);
	const char *memo = jstr_m(f[F_MEMO], "memo", false, file, where, d);
	const cJSON *codes = jarr_m(f[F_CODES], "codes", true, file, where, d);
	if (!id)
		goto out;
	if (!named) {
		char *v = text_show(id, strlen(id), 40);
		diag_in(d, D_SEG_ID_PREFIX, file, where, v, s->sources[src].id);
		free(v);
		goto out;
	}
	struct segment g;
	memset(&g, 0, sizeof g);
	g.src = src;
	g.start = start;
	g.end = end;
	g.page_from = g.page_to = NONE;
	g.codes = xcalloc((size_t)cJSON_GetArraySize(codes), sizeof *g.codes);
	if (codes && cJSON_GetArraySize(codes) == 0)
		diag_in(d, D_EMPTY, file, where, "codes");
	const cJSON *c;
	cJSON_ArrayForEach(c, codes) {
		size_t k;
		if (!cJSON_IsString(c)) {
			diag_in(d, D_TYPE, file, where, "codes[]", "a string");
		} else if (!hmap_get(&s->codemap, c->valuestring, &k)) {
			char *v = text_show(c->valuestring, strlen(c->valuestring), 40);
			diag_in(d, D_UNKNOWN_CODE, file, where, v);
			free(v);
		} else {
			bool dup = false;
			for (size_t m = 0; m < g.ncodes && !dup; m++)
				dup = g.codes[m] == k;
			if (!dup)
				g.codes[g.ncodes++] = k;
		}
	}
	/* the strings move from the JSON tree into the store (no copies) */
	g.id = jsteal_m((cJSON *)f[F_ID]);
	g.exact = exact ? jsteal_m((cJSON *)f[F_EXACT]) : NULL;
	g.prefix = prefix ? jsteal_m((cJSON *)f[F_PREFIX]) : NULL;
	g.suffix = suffix ? jsteal_m((cJSON *)f[F_SUFFIX]) : NULL;
	g.memo = memo ? jsteal_m((cJSON *)f[F_MEMO]) : NULL;
	size_t old;
	if (!hmap_put(&job->ids, g.id, job->nsegs, &old)) {
		diag_in(d, D_DUP_ID, file, where, "segment", id, file);
		free(g.id), free(g.exact), free(g.prefix), free(g.suffix);
		free(g.memo), free(g.codes);
		goto out;
	}
	if (pos && start < *prev_start)
		diag_in(d, D_SEG_ORDER, file, where);
	if (pos)
		*prev_start = start;
	job->segs[job->nsegs] = g;
	if (pos && exact)
		store_check_anchor(s, &job->segs[job->nsegs], file, d);
	job->nsegs++;
out:
	return;
}

static void load_codings_file(const struct store *s, const char *dir,
                              struct codings_job *job)
{
	struct diag *d = &job->d;
	const char *name = job->name;
	char *file = path_join(dir, name);
	char *stem = xstrndup(name, strlen(name) - 5);
	cJSON *j = json_load(file, d);
	char *where = xasprintf("codings %s", stem);
	if (!hmap_get(&s->srcmap, stem, &job->known))
		job->known = NONE;
	if (!j)
		goto out;
	if (!cJSON_IsObject(j)) {
		diag_in(d, D_TYPE, file, where, "(top level)", "an object");
		goto out;
	}
	static const char *const keys[] = {"format", "source", "unit", "segments", NULL};
	jkeys(j, keys, file, where, d);
	const char *fmt = jstr(j, "format", true, file, where, d);
	if (fmt && strcmp(fmt, "sitat-codings/1") != 0)
		diag_in(d, D_FORMAT, file, where, fmt, "sitat-codings/1");
	const char *sid = jstr(j, "source", true, file, where, d);
	const char *unit = jstr(j, "unit", true, file, where, d);
	const cJSON *segs = jarr(j, "segments", true, file, where, d);
	if (unit && strcmp(unit, "codepoint-nfc") != 0) {
		char *v = text_show(unit, strlen(unit), 40);
		diag_in(d, D_UNIT, file, where, v);
		free(v);
		goto out;
	}
	if (!sid || !segs)
		goto out;
	size_t src;
	if (strcmp(sid, stem) != 0) {
		char *v = text_show(sid, strlen(sid), 40);
		diag_in(d, D_FILE_ID, file, where, v, stem);
		free(v);
		goto out;
	}
	if (!hmap_get(&s->srcmap, sid, &src)) {
		char *v = text_show(sid, strlen(sid), 40);
		diag_in(d, D_UNKNOWN_SOURCE, file, where, v);
		free(v);
		goto out;
	}
	job->src = src;
	job->cap = (size_t)cJSON_GetArraySize(segs);
	job->segs = xcalloc(job->cap, sizeof *job->segs);
	size_t i = 0, prev = 0;
	const cJSON *e;
	cJSON_ArrayForEach(e, segs)
		load_segment(s, job, e, file, i++, &prev);
out:
	cJSON_Delete(j);
	free(where);
	free(stem);
	free(file);
}

struct codings_worker {
	const struct store *s;
	const char *dir;
	struct codings_job *jobs;
	size_t n, first, step;
};

static void *codings_worker(void *arg)
{
	struct codings_worker *w = arg;
	for (size_t k = w->first; k < w->n; k += w->step)
		load_codings_file(w->s, w->dir, &w->jobs[k]);
	return NULL;
}

void store_load_codings(struct store *s, struct diag *d)
{
	char *dir = path_join(s->root, "codings");
	char **names;
	size_t n;
	if (list_dir(dir, ".json", &names, &n) < 0) {
		diag_at(d, D_IO, dir, 0, 0, strerror(errno));
		free(dir);
		return;
	}
	struct codings_job *jobs = xcalloc(n, sizeof *jobs);
	size_t total = 0;
	for (size_t k = 0; k < n; k++) {
		jobs[k].name = names[k];
		jobs[k].known = jobs[k].src = NONE;
		hmap_init(&jobs[k].ids);
		diag_init(&jobs[k].d, NULL);
	}
	/* two threads share the files; the store is only read meanwhile */
	struct codings_worker w[2] = {{s, dir, jobs, n, 0, 2}, {s, dir, jobs, n, 1, 2}};
	pthread_t th;
	bool threaded = n > 1 && pthread_create(&th, NULL, codings_worker, &w[1]) == 0;
	if (!threaded)
		w[0].step = 1;
	codings_worker(&w[0]);
	if (threaded)
		pthread_join(th, NULL);
	/* merge in file order: diagnostics, then segments */
	for (size_t k = 0; k < n; k++)
		total += jobs[k].nsegs;
	s->segs = xcalloc(total ? total : 1, sizeof *s->segs);
	for (size_t k = 0; k < n; k++) {
		struct codings_job *job = &jobs[k];
		diag_merge(d, &job->d);
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
		free(job->name);
	}
	free(jobs);
	free(names);
	free(dir);
	for (size_t i = 0; i < s->nsources; i++)
		if (!s->sources[i].codingsfile)
			diag_in(d, D_NO_CODINGS, s->sources[i].metafile,
			        "source", s->sources[i].id);
}
