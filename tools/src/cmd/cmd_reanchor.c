/* cmd_reanchor.c - sitat reanchor: move the anchors of segments whose
 * source text changed.  For each segment whose text at start..end is not
 * its exact, or whose context changed, strongest first: the git history
 * (prov/history.h: the last version of the text the anchor matched,
 * mapped through the diff to the text now), then exact with its prefix
 * and suffix, exact alone, an approximate match (core/anchorfind.h).  A
 * quote whose own text changed is never taken silently: it stays pending
 * until --accept.  Writes through cmd/storeedit.h. */
#include "cmd/cmd.h"
#include "cmd/storeedit.h"
#include "core/anchorfind.h"
#include "core/json.h"
#include "core/segment.h"
#include "core/storewrite.h"
#include "prov/history.h"

#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct reanchor_opts {
	const char *store;
	bool accept, dry_run, json, quiet;
};

const struct opt reanchor_options[] = {
	OPT_STORE(struct reanchor_opts, store),
	OPT_FLAG("accept", 0, struct reanchor_opts, accept,
	         "take the new text of quotes that changed inside (all, or the segment IDs given)"),
	OPT_DRYRUN(struct reanchor_opts, dry_run),
	OPT_FLAG("json", 0, struct reanchor_opts, json,
	         "print every segment's outcome and the counts as one JSON object"),
	OPT_QUIET(struct reanchor_opts, quiet,
	          "print only what is left to do (warnings) and errors; no summary"),
	OPT_END,
};

enum outcome { O_OK, O_MOVED, O_CONTEXT, O_CHANGED, O_AMBIGUOUS, O_LOST, O__N };
static const char *const outcome_name[O__N] = {
	"anchored", "moved", "context", "changed", "ambiguous", "lost"};
enum method { M_NONE, M_HISTORY, M_CONTEXT, M_EXACT, M_APPROX, M_PLACE };
static const char *const method_name[] = {
	NULL, "history", "context", "exact", "approximate", "in place"};

/* What became of one segment. */
struct result {
	size_t seg;
	enum outcome out;
	enum method how;
	char commit[41];
	size_t start, end;        /* the new place */
	bool accepted;
	struct af_found cands;    /* O_AMBIGUOUS */
	char *old_prefix, *old_suffix, *old_exact; /* when rewritten */
};

struct run {
	const struct reanchor_opts *o;
	struct store s;
	struct history *h;
	struct hmap accept;       /* segment ids given with --accept */
	struct hmap taken;        /* the segments accepted */
	bool *chosen;             /* per source: selected */
	bool *dirty;              /* per source: its codings change */
	char **rel;               /* per source: its text in the store, when looked up */
	cJSON **head;             /* per source: HEAD's codings file, when looked up */
	struct result *r;
	size_t nr, capr;
	size_t count[O__N];
	size_t accepted;
	struct diag d;
};

/* the code points of a quote shown in a message */
#define SHOW_MAX 200

static char *text_at(const struct text *t, size_t start, size_t end)
{
	size_t sb = text_cp_to_byte(t, start), eb = text_cp_to_byte(t, end);
	return xstrndup(t->data + sb, eb - sb);
}

static size_t cp_count(const char *s)
{
	size_t n = 0;
	for (; *s; s++)
		n += ((unsigned char)*s & 0xC0) != 0x80;
	return n;
}

/* The new text at start..end is close enough to exact to be the quote
 * edited (not text that took its place). */
static bool similar(const char *exact, const char *now)
{
	size_t m = cp_count(exact), n = cp_count(now);
	size_t b = af_bound(m > n ? m : n);
	return n && af_distance(exact, strlen(exact), now, strlen(now), b) <= b;
}

/* The anchor of g in HEAD's codings file of its source (the exact it
 * returns is the JSON's), or NULL. */
static const char *head_anchor(struct run *R, const struct segment *g, size_t *start,
                               size_t *end)
{
	if (!R->head[g->src]) {
		char *rel = xasprintf("codings/%s.json", R->s.sources[g->src].id);
		size_t len = 0;
		char *data = history_head_file(R->h, rel, &len);
		free(rel);
		R->head[g->src] = data ? cJSON_ParseWithLength(data, len) : NULL;
		if (!R->head[g->src])
			R->head[g->src] = cJSON_CreateNull(); /* looked up: none */
		free(data);
	}
	const cJSON *e;
	cJSON_ArrayForEach(e, cJSON_GetObjectItemCaseSensitive(R->head[g->src], "segments")) {
		const char *id = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(e, "id"));
		if (!id || strcmp(id, g->id))
			continue;
		const cJSON *a = cJSON_GetObjectItemCaseSensitive(e, "start");
		const cJSON *b = cJSON_GetObjectItemCaseSensitive(e, "end");
		const char *x = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(e, "exact"));
		if (!cJSON_IsNumber(a) || !cJSON_IsNumber(b) || !x || a->valuedouble < 0 ||
		    b->valuedouble < 0)
			return NULL;
		*start = (size_t)a->valuedouble, *end = (size_t)b->valuedouble;
		return x;
	}
	return NULL;
}

/* The anchor start..end, exact (g's or HEAD's) through the history:
 * 1 when it decided r (moved, context, or changed inside), 0 when not, -1
 * on a libgit2 error. */
static int try_history(struct run *R, const struct segment *g, size_t start, size_t end,
                       const char *exact, struct result *r)
{
	const struct source *src = &R->s.sources[g->src];
	const struct text *t = &src->text;
	if (!R->rel[g->src]) {
		const char *name = strrchr(src->textfile, '/');
		R->rel[g->src] = xasprintf("sources/%s", name ? name + 1 : src->textfile);
	}
	struct hist_found hf;
	int k = history_map(R->h, R->rel[g->src], t, start, end, exact, &hf, &R->d);
	if (k <= 0 || hf.start >= hf.end)
		return k < 0 ? -1 : 0;
	if (anchor_at(t, hf.start, hf.end, g->exact)) {
		r->out = hf.start == g->start && hf.end == g->end ? O_CONTEXT : O_MOVED;
	} else {
		char *now = text_at(t, hf.start, hf.end);
		bool sim = similar(g->exact, now);
		free(now);
		if (!sim)
			return 0; /* text that took the quote's place: not it */
		r->out = O_CHANGED;
	}
	memcpy(r->commit, hf.commit, sizeof r->commit);
	r->start = hf.start, r->end = hf.end, r->how = M_HISTORY;
	return 1;
}

/* Decide where segment g is now; fills r (start, end, out, how). */
static int locate(struct run *R, const struct segment *g, struct result *r)
{
	const struct source *src = &R->s.sources[g->src];
	const struct text *t = &src->text;
	bool at = anchor_at(t, g->start, g->end, g->exact);
	if (at && anchor_context_at(t, g->start, g->end, g->prefix, g->suffix)) {
		r->out = O_OK;
		return 0;
	}
	if (R->h) {
		int k = try_history(R, g, g->start, g->end, g->exact, r);
		if (k == 0) {
			/* the anchor as HEAD's codings file has it, when the working
			 * tree's differs (edited by hand since) */
			size_t hs, he;
			const char *hx = head_anchor(R, g, &hs, &he);
			if (hx && (hs != g->start || he != g->end || strcmp(hx, g->exact)))
				k = try_history(R, g, hs, he, hx, r);
		}
		if (k != 0)
			return k < 0 ? -1 : 0;
	}
	if (at) { /* only the context changed, and the history does not say it moved */
		r->start = g->start, r->end = g->end, r->how = M_PLACE, r->out = O_CONTEXT;
		return 0;
	}
	struct af_found f;
	anchor_find(t, g->exact, g->prefix, g->suffix, &f);
	r->start = f.start, r->end = f.end;
	switch (f.how) {
	case AF_CONTEXT: r->out = O_MOVED, r->how = M_CONTEXT; break;
	case AF_EXACT: r->out = O_MOVED, r->how = M_EXACT; break;
	case AF_APPROX: r->out = O_CHANGED, r->how = M_APPROX; break;
	case AF_AMBIGUOUS: r->out = O_AMBIGUOUS, r->cands = f; return 0;
	default: r->out = O_LOST; break;
	}
	af_found_free(&f);
	return 0;
}

static char *how_text(const struct result *r)
{
	switch (r->how) {
	case M_HISTORY: return xasprintf("through the git history (the text of commit %.7s)", r->commit);
	case M_CONTEXT: return xstrdup("by its prefix and suffix");
	case M_EXACT: return xstrdup("by its text (found once)");
	case M_APPROX: return xstrdup("by an approximate match of the quote and its context");
	default: return xstrdup("in place");
	}
}

/* Give g its new place (and text, when accepted) and a new context;
 * report the change. */
static void apply(struct run *R, struct segment *g, struct result *r)
{
	const struct source *src = &R->s.sources[g->src];
	const struct text *t = &src->text;
	const char *file = src->codingsfile ? src->codingsfile : src->metafile;
	char where[96];
	snprintf(where, sizeof where, "segment %.80s", g->id);
	size_t sb = text_cp_to_byte(t, r->start), eb = text_cp_to_byte(t, r->end);
	size_t line = text_line_of(t, sb), col = text_col_of(t, sb);
	char *how = how_text(r);
	if (r->out == O_CHANGED) {
		char *a = text_show(g->exact, strlen(g->exact), SHOW_MAX);
		char *b = text_show(t->data + sb, eb - sb, SHOW_MAX);
		if (r->accepted)
			diag_in(&R->d, D_RA_ACCEPTED, file, where, src->textfile, line, col,
			        r->start, r->end, how, a, b);
		else
			diag_in(&R->d, D_RA_CHANGED, file, where, src->textfile, line, col,
			        r->start, r->end, how, a, b, g->id);
		diag_pos(&R->d, src->textfile, line, col, r->start, r->end);
		free(a), free(b);
		if (!r->accepted) {
			free(how);
			return;
		}
	} else if (r->out == O_MOVED && !R->o->quiet) {
		/* quiet: notes are never printed, so not made (100,000 moves) */
		diag_in(&R->d, D_RA_MOVED, file, where, src->textfile, line, col, g->start,
		        r->start, g->end, r->end, how);
		diag_pos(&R->d, src->textfile, line, col, r->start, r->end);
	}
	free(how);
	char *exact, *prefix, *suffix;
	anchor_make(t, r->start, r->end, &exact, &prefix, &suffix);
	const char *names[2] = {"prefix", "suffix"};
	char **old[2] = {&g->prefix, &g->suffix}, *now[2] = {prefix, suffix};
	for (int k = 0; k < 2; k++) {
		const char *a = *old[k] ? *old[k] : "", *b = now[k] ? now[k] : "";
		if (!strcmp(a, b) || R->o->quiet)
			continue;
		char *x = text_show(a, strlen(a), 40), *y = text_show(b, strlen(b), 40);
		diag_in(&R->d, D_RA_CONTEXT, file, where, names[k], x, y);
		free(x), free(y);
	}
	r->old_prefix = g->prefix, r->old_suffix = g->suffix, r->old_exact = g->exact;
	g->prefix = prefix, g->suffix = suffix, g->exact = exact;
	g->start = r->start, g->end = r->end;
	R->dirty[g->src] = true;
}

static void report_other(struct run *R, const struct segment *g, const struct result *r)
{
	const struct source *src = &R->s.sources[g->src];
	const struct text *t = &src->text;
	const char *file = src->codingsfile ? src->codingsfile : src->metafile;
	char where[96];
	snprintf(where, sizeof where, "segment %.80s", g->id);
	if (r->out == O_LOST) {
		diag_in(&R->d, D_RA_LOST, file, where,
		        R->h ? "nor through the git history" : "not in a git repository");
		return;
	}
	diag_in(&R->d, D_RA_AMBIG, file, where, r->cands.ncands);
	for (size_t i = 0; i < r->cands.ncands; i++) {
		const struct af_cand *c = &r->cands.cands[i];
		size_t sb = text_cp_to_byte(t, c->start), eb = text_cp_to_byte(t, c->end);
		size_t line = text_line_of(t, sb), col = text_col_of(t, sb);
		char *x = text_show(t->data + sb, eb - sb, 60);
		diag_in(&R->d, D_RA_CAND, file, where, src->textfile, line, col, c->start, c->end, x);
		diag_pos(&R->d, src->textfile, line, col, c->start, c->end);
		free(x);
	}
}

/* The texts whose segments do not all match, their last versions read
 * ahead in two threads. */
static void prefetch(struct run *R)
{
	size_t ns = R->s.nsources, n = 0;
	bool *want = xcalloc(ns + 1, sizeof *want);
	for (size_t i = 0; i < R->s.nsegs; i++) {
		const struct segment *g = &R->s.segs[i];
		if (!g->anchored && !g->dropped && R->chosen[g->src] && R->s.sources[g->src].text_ok)
			want[g->src] = true;
	}
	const char **rels = xcalloc(ns + 1, sizeof *rels);
	const struct text **nows = xcalloc(ns + 1, sizeof *nows);
	for (size_t k = 0; k < ns; k++) {
		if (!want[k])
			continue;
		const struct source *src = &R->s.sources[k];
		const char *name = strrchr(src->textfile, '/');
		if (!R->rel[k])
			R->rel[k] = xasprintf("sources/%s", name ? name + 1 : src->textfile);
		rels[n] = R->rel[k];
		nows[n++] = &src->text;
	}
	history_prefetch(R->h, rels, nows, n);
	free(rels), free(nows), free(want);
}

static int reanchor_all(struct run *R)
{
	if (R->h)
		prefetch(R);
	for (size_t i = 0; i < R->s.nsegs; i++) {
		struct segment *g = &R->s.segs[i];
		const struct source *src = &R->s.sources[g->src];
		if (g->dropped || !R->chosen[g->src] || !src->text_ok || !g->exact)
			continue;
		struct result r = {.seg = i};
		if (locate(R, g, &r) < 0)
			return -1;
		R->count[r.out]++;
		if (r.out == O_OK)
			continue;
		if (r.out == O_CHANGED)
			r.accepted = R->o->accept && (!R->accept.n || hmap_get(&R->accept, g->id, NULL));
		R->accepted += r.accepted;
		if (r.accepted)
			hmap_put(&R->taken, g->id, i, NULL);
		if (r.out == O_MOVED || r.out == O_CONTEXT || r.out == O_CHANGED)
			apply(R, g, &r);
		else
			report_other(R, g, &r);
		ARRAY_PUSH(R->r, R->nr, R->capr, r);
	}
	/* an id given with --accept that had nothing to accept */
	for (size_t i = 0; i < R->s.nsegs; i++) {
		const struct segment *g = &R->s.segs[i];
		if (!hmap_get(&R->accept, g->id, NULL) || hmap_get(&R->taken, g->id, NULL))
			continue;
		const struct source *src = &R->s.sources[g->src];
		char where[96];
		snprintf(where, sizeof where, "segment %.80s", g->id);
		diag_in(&R->d, D_RA_NOT_PENDING, src->codingsfile ? src->codingsfile : src->metafile,
		        where, g->id);
	}
	return 0;
}

/* The codings files of the sources changed, the store's segments grouped
 * by source in one pass (not one pass a source). */
static void put_codings(struct run *R, struct sedit *e)
{
	size_t ns = R->s.nsources, *at = xcalloc(ns + 1, sizeof *at);
	for (size_t i = 0; i < R->s.nsegs; i++)
		if (R->dirty[R->s.segs[i].src] && !R->s.segs[i].dropped)
			at[R->s.segs[i].src + 1]++;
	for (size_t k = 0; k < ns; k++)
		at[k + 1] += at[k];
	const struct segment **v = xmalloc((at[ns] + 1) * sizeof *v);
	size_t *fill = xmalloc((ns + 1) * sizeof *fill);
	memcpy(fill, at, (ns + 1) * sizeof *fill);
	for (size_t i = 0; i < R->s.nsegs; i++)
		if (R->dirty[R->s.segs[i].src] && !R->s.segs[i].dropped)
			v[fill[R->s.segs[i].src]++] = &R->s.segs[i];
	for (size_t k = 0; k < ns; k++) {
		if (!R->dirty[k])
			continue;
		size_t len;
		char *data = store_codings_json_of(&R->s, k, v + at[k], at[k + 1] - at[k], &len);
		char *rel = xasprintf("codings/%s.json", R->s.sources[k].id);
		sedit_put(e, rel, data, len);
		free(rel);
	}
	free(v), free(fill), free(at);
}

static cJSON *result_json(const struct run *R, const struct result *r)
{
	const struct segment *g = &R->s.segs[r->seg];
	const struct source *src = &R->s.sources[g->src];
	const struct text *t = &src->text;
	cJSON *o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "id", g->id);
	cJSON_AddStringToObject(o, "source", src->id);
	cJSON_AddStringToObject(o, "outcome", outcome_name[r->out]);
	if (r->how != M_NONE)
		cJSON_AddStringToObject(o, "method", method_name[r->how]);
	if (r->how == M_HISTORY)
		cJSON_AddStringToObject(o, "commit", r->commit);
	bool applied = r->out == O_MOVED || r->out == O_CONTEXT || r->accepted;
	if (r->out == O_CHANGED)
		cJSON_AddBoolToObject(o, "accepted", r->accepted);
	if (r->out == O_MOVED || r->out == O_CONTEXT || r->out == O_CHANGED) {
		cJSON *p = cJSON_AddObjectToObject(o, "new");
		size_t sb = text_cp_to_byte(t, r->start);
		cJSON_AddStringToObject(p, "file", src->textfile);
		cJSON_AddNumberToObject(p, "line", (double)text_line_of(t, sb));
		cJSON_AddNumberToObject(p, "col", (double)text_col_of(t, sb));
		cJSON_AddNumberToObject(p, "start", (double)r->start);
		cJSON_AddNumberToObject(p, "end", (double)r->end);
	}
	if (r->out == O_CHANGED) {
		cJSON_AddStringToObject(o, "old_text", applied ? r->old_exact : g->exact);
		char *now = text_at(t, r->start, r->end);
		cJSON_AddStringToObject(o, "new_text", now);
		free(now);
	}
	if (r->out == O_AMBIGUOUS) {
		cJSON *a = cJSON_AddArrayToObject(o, "candidates");
		for (size_t i = 0; i < r->cands.ncands; i++) {
			const struct af_cand *c = &r->cands.cands[i];
			size_t sb = text_cp_to_byte(t, c->start);
			cJSON *p = cJSON_CreateObject();
			cJSON_AddStringToObject(p, "file", src->textfile);
			cJSON_AddNumberToObject(p, "line", (double)text_line_of(t, sb));
			cJSON_AddNumberToObject(p, "col", (double)text_col_of(t, sb));
			cJSON_AddNumberToObject(p, "start", (double)c->start);
			cJSON_AddNumberToObject(p, "end", (double)c->end);
			cJSON_AddItemToArray(a, p);
		}
	}
	return o;
}

static void print_json(const struct run *R, int status)
{
	cJSON *o = cJSON_CreateObject();
	cJSON_AddBoolToObject(o, "dry_run", R->o->dry_run);
	cJSON *c = cJSON_AddObjectToObject(o, "counts");
	for (int k = 0; k < O__N; k++)
		cJSON_AddNumberToObject(c, outcome_name[k], (double)R->count[k]);
	cJSON_AddNumberToObject(c, "accepted", (double)R->accepted);
	cJSON_AddNumberToObject(c, "pending",
	                        (double)(R->count[O_CHANGED] - R->accepted));
	cJSON_AddNumberToObject(o, "status", status);
	cJSON *a = cJSON_AddArrayToObject(o, "segments");
	for (size_t i = 0; i < R->nr; i++)
		cJSON_AddItemToArray(a, result_json(R, &R->r[i]));
	cJSON_AddItemToObject(o, "problems", diag_json(&R->d));
	cmd_print_json(o);
}

/* The arguments: sources to look at, segments to accept.  Returns
 * EXIT_OK or a usage status. */
static int arguments(struct run *R, int argc, char **argv)
{
	bool any = false;
	for (int i = 1; i < argc; i++) {
		size_t k;
		if (hmap_get(&R->s.srcmap, argv[i], &k)) {
			R->chosen[k] = any = true;
		} else if (hmap_get(&R->s.segmap, argv[i], &k)) {
			if (!R->o->accept)
				return opt_usage_error("reanchor", "a segment id (%s) is for --accept: "
				                       "sitat reanchor --accept %s", argv[i], argv[i]);
			hmap_put(&R->accept, R->s.segs[k].id, k, NULL);
		} else {
			return opt_usage_error("reanchor", "no source or segment '%s' in the store",
			                       argv[i]);
		}
	}
	for (size_t k = 0; k < R->s.nsources; k++)
		R->chosen[k] = R->chosen[k] || !any;
	return EXIT_OK;
}

static void summary(const struct run *R)
{
	size_t pending = R->count[O_CHANGED] - R->accepted, n = 0;
	for (int k = 0; k < O__N; k++)
		n += R->count[k];
	printf("reanchor: %zu segment%s: %zu anchored, %zu moved, %zu context updated, "
	       "%zu changed inside (%zu accepted, %zu pending), %zu ambiguous, %zu lost\n",
	       n, n == 1 ? "" : "s", R->count[O_OK], R->count[O_MOVED], R->count[O_CONTEXT],
	       R->count[O_CHANGED], R->accepted, pending, R->count[O_AMBIGUOUS],
	       R->count[O_LOST]);
}

int cmd_reanchor(int argc, char **argv)
{
	struct reanchor_opts o = {0};
	int st = cmd_parse(&argc, argv, &o);
	if (st != CMD_RUN)
		return st;
	struct project p;
	if ((st = cmd_project("reanchor", &p)) != EXIT_OK) {
		project_free(&p);
		return st;
	}
	struct run R = {.o = &o};
	/* quiet: the notes are kept, the rest printed at the end */
	diag_init(&R.d, o.json || o.quiet ? NULL : stderr);
	hmap_init(&R.accept);
	hmap_init(&R.taken);
	o.store = OR_DEFAULT(o.store, p.store);
	struct diag old;
	diag_init(&old, NULL);
	struct storeio io = {.root = o.store, .quick_anchors = true};
	if (store_load_io(&R.s, &io, &old) < 0) {
		diag_merge(&R.d, &old);
		st = STORE_LOAD_FAILED;
		goto out;
	}
	R.chosen = xcalloc(R.s.nsources + 1, sizeof *R.chosen);
	R.dirty = xcalloc(R.s.nsources + 1, sizeof *R.dirty);
	R.rel = xcalloc(R.s.nsources + 1, sizeof *R.rel);
	R.head = xcalloc(R.s.nsources + 1, sizeof *R.head);
	if ((st = arguments(&R, argc, argv)) != EXIT_OK)
		goto out;
	if (sedit_blocking_errors(&old)) {
		/* refused before anything is looked at: storeedit says why */
		struct sedit e;
		sedit_init(&e, R.s.root);
		st = sedit_finish(&e, &old, true, true, &R.d);
		goto out;
	}
	if (history_open(&R.h, o.store, &R.d) < 0 || reanchor_all(&R) < 0) {
		st = EXIT_IO;
		goto out;
	}
	if (o.json && o.dry_run) {
		st = EXIT_OK; /* a JSON dry run shows the outcomes only */
	} else {
		struct sedit e;
		sedit_init(&e, R.s.root);
		sedit_base(&e, &R.s);
		put_codings(&R, &e);
		st = sedit_finish(&e, &old, o.dry_run, o.quiet || o.json, &R.d);
	}
	if (st == EXIT_OK)
		st = R.count[O_CHANGED] > R.accepted || R.count[O_AMBIGUOUS] || R.count[O_LOST]
		         ? EXIT_PROBLEMS : EXIT_OK;
	if (!o.json && !o.quiet)
		summary(&R);
out:
	if (o.json)
		print_json(&R, st);
	else if (o.quiet)
		for (size_t i = 0; i < R.d.n; i++)
			if (diag_table[R.d.recs[i].id].level != DL_NOTE) {
				char *m = diag_format(&R.d.recs[i]);
				fprintf(stderr, "%s\n", m);
				free(m);
			}
	for (size_t i = 0; i < R.nr; i++) {
		af_found_free(&R.r[i].cands);
		free(R.r[i].old_prefix), free(R.r[i].old_suffix), free(R.r[i].old_exact);
	}
	free(R.r);
	for (size_t k = 0; R.rel && k < R.s.nsources; k++) {
		free(R.rel[k]);
		cJSON_Delete(R.head[k]);
	}
	free(R.chosen), free(R.dirty), free(R.rel), free(R.head);
	history_free(R.h);
	hmap_free(&R.accept);
	hmap_free(&R.taken);
	store_free(&R.s);
	diag_free(&old);
	diag_free(&R.d);
	project_free(&p);
	return st;
}
