/* history.c - a segment's last valid anchor from git, mapped through
 * libgit2's diff (lines, then tokens one a line) to the text now. */
#define _DEFAULT_SOURCE /* realpath */
#include "prov/history.h"
#include "core/hmap.h"
#include "core/stripe.h"
#include "core/util.h"
#include "prov/repo.h"
#include "prov/shared.h"

#include <git2.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* old[o .. o+len) is new[n .. n+len) */
struct run {
	size_t o, n, len;
};

struct version {
	git_oid blob;
	size_t commit;          /* the newest commit holding it */
	char *data;             /* loaded when first needed */
	size_t len;
	size_t *cpidx, ncp;     /* byte of every 64th code point */
	struct run *runs;       /* the map to the text now, when mapped */
	size_t nruns, capruns;
	bool loaded, mapped, same;
};

struct hsource {
	char *rel;              /* in the store ("sources/I1.txt") */
	char *path;             /* in the commit's tree */
	const struct text *now;
	struct version *v;
	size_t nv, capv;
	size_t next;            /* the next commit to look at */
};

struct history {
	git_repository *repo;
	char *prefix;           /* the store in the working tree: "" or "dir/" */
	git_oid *commits;
	size_t ncommits, capcommits;
	git_tree **trees;       /* per commit, when looked up */
	/* per commit, the tree of the directory the texts are in (libgit2
	 * does not cache a tree of 2,000 entries: looked up once here) */
	git_tree **dirs;
	char *dirpath;          /* that directory, or NULL before the first */
	struct hsource *src;
	size_t nsrc, capsrc;
	struct hmap srcmap;
};

#define CP_STEP 64

static int commits_from_head(struct history *h)
{
	git_revwalk *w = NULL;
	git_oid oid;
	int error;
	if ((error = git_revwalk_new(&w, h->repo)) < 0)
		return error;
	git_revwalk_sorting(w, GIT_SORT_TOPOLOGICAL | GIT_SORT_TIME);
	if ((error = git_revwalk_push_head(w)) < 0)
		goto out;
	while ((error = git_revwalk_next(&oid, w)) == 0)
		ARRAY_PUSH(h->commits, h->ncommits, h->capcommits, oid);
	if (error == GIT_ITEROVER)
		error = 0;
out:
	git_revwalk_free(w);
	return error;
}

int history_open(struct history **out, const char *root, struct diag *d)
{
	*out = NULL;
	git_libgit2_init();
	git_repository *repo = NULL;
	char *abs = realpath(root, NULL);
	int error = abs ? git_repository_open_ext(&repo, abs, 0, NULL) : GIT_ENOTFOUND;
	if (error == GIT_ENOTFOUND || (error == 0 && (git_repository_is_bare(repo) ||
	                                              git_repository_head_unborn(repo) == 1))) {
		git_error_clear();
		git_repository_free(repo);
		free(abs);
		git_libgit2_shutdown();
		return 0;
	}
	if (error == GIT_EOWNER) {
		diag_at(d, D_GIT_OWNER, root, 0, 0, "DIR");
		goto fail;
	}
	if (error < 0) {
		git_err(d, root, "opening the repository");
		goto fail;
	}
	char *work = realpath(git_repository_workdir(repo), NULL);
	char *rel = work ? path_below(work, abs) : NULL;
	free(work);
	if (!rel) {
		git_repository_free(repo);
		free(abs);
		git_libgit2_shutdown();
		return 0;
	}
	struct history *h = xcalloc(1, sizeof *h);
	h->repo = repo;
	h->prefix = strcmp(rel, ".") ? xasprintf("%s/", rel) : xstrdup("");
	free(rel);
	free(abs);
	hmap_init(&h->srcmap);
	if (commits_from_head(h) < 0) {
		git_err(d, root, "walking the history from HEAD");
		history_free(h);
		return -1;
	}
	h->trees = xcalloc(h->ncommits ? h->ncommits : 1, sizeof *h->trees);
	h->dirs = xcalloc(h->ncommits ? h->ncommits : 1, sizeof *h->dirs);
	*out = h;
	return 0;
fail:
	git_repository_free(repo);
	free(abs);
	git_libgit2_shutdown();
	return -1;
}

void history_free(struct history *h)
{
	if (!h)
		return;
	for (size_t i = 0; i < h->nsrc; i++) {
		struct hsource *s = &h->src[i];
		for (size_t k = 0; k < s->nv; k++) {
			free(s->v[k].data);
			free(s->v[k].cpidx);
			free(s->v[k].runs);
		}
		free(s->v);
		free(s->rel);
		free(s->path);
	}
	free(h->src);
	hmap_free(&h->srcmap);
	for (size_t i = 0; i < h->ncommits; i++) {
		git_tree_free(h->trees[i]);
		git_tree_free(h->dirs[i]);
	}
	free(h->trees);
	free(h->dirs);
	free(h->dirpath);
	free(h->commits);
	free(h->prefix);
	git_repository_free(h->repo);
	free(h);
	git_libgit2_shutdown();
}

static git_tree *tree_of(struct history *h, size_t i)
{
	if (!h->trees[i]) {
		git_commit *c = NULL;
		if (git_commit_lookup(&c, h->repo, &h->commits[i]) == 0)
			git_commit_tree(&h->trees[i], c);
		git_commit_free(c);
		git_error_clear();
	}
	return h->trees[i];
}

/* The id of the blob at path (in the working tree's terms) in commit i;
 * false when there is none. */
static bool blob_at(struct history *h, size_t i, const char *path, git_oid *out)
{
	const char *slash = strrchr(path, '/');
	size_t dn = slash ? (size_t)(slash - path) : 0;
	git_tree_entry *e = NULL;
	const git_tree_entry *c = NULL;
	bool r = false;
	if (!h->dirpath && dn)
		h->dirpath = xstrndup(path, dn);
	if (dn && !strncmp(path, h->dirpath, dn) && !h->dirpath[dn]) {
		/* the usual directory: its tree once per commit */
		if (!h->dirs[i]) {
			git_tree *t = tree_of(h, i);
			if (t && git_tree_entry_bypath(&e, t, h->dirpath) == 0 &&
			    git_tree_entry_type(e) == GIT_OBJECT_TREE)
				git_tree_lookup(&h->dirs[i], h->repo, git_tree_entry_id(e));
			git_tree_entry_free(e);
			e = NULL;
		}
		c = h->dirs[i] ? git_tree_entry_byname(h->dirs[i], slash + 1) : NULL;
		if (c && git_tree_entry_type(c) == GIT_OBJECT_BLOB) {
			*out = *git_tree_entry_id(c);
			r = true;
		}
	} else {
		git_tree *t = tree_of(h, i);
		if (t && git_tree_entry_bypath(&e, t, path) == 0 &&
		    git_tree_entry_type(e) == GIT_OBJECT_BLOB) {
			*out = *git_tree_entry_id(e);
			r = true;
		}
		git_tree_entry_free(e);
	}
	git_error_clear();
	return r;
}

static struct hsource *source_of(struct history *h, const char *rel,
                                 const struct text *now)
{
	size_t k;
	if (hmap_get(&h->srcmap, rel, &k) && h->src[k].now == now)
		return &h->src[k];
	ARRAY_GROW(h->src, h->nsrc, h->capsrc);
	struct hsource *s = &h->src[h->nsrc];
	memset(s, 0, sizeof *s);
	s->rel = xstrdup(rel);
	s->path = xasprintf("%s%s", h->prefix, rel);
	s->now = now;
	/* keys are borrowed: the strings stay where they are when src grows */
	size_t old;
	if (!hmap_put(&h->srcmap, s->rel, h->nsrc, &old)) {
		/* the same file with another text: a second map (rare) */
	}
	return &h->src[h->nsrc++];
}

/* The next version of s, going back from the last commit looked at;
 * false when there is none. */
static bool next_version(struct history *h, struct hsource *s)
{
	for (; s->next < h->ncommits; s->next++) {
		git_oid id;
		if (!blob_at(h, s->next, s->path, &id))
			continue;
		bool seen = false;
		for (size_t k = 0; k < s->nv && !seen; k++)
			seen = git_oid_equal(&id, &s->v[k].blob);
		if (seen)
			continue;
		ARRAY_GROW(s->v, s->nv, s->capv);
		s->v[s->nv] = (struct version){.blob = id, .commit = s->next};
		s->nv++;
		s->next++;
		return true;
	}
	return false;
}

static int load_version_in(git_repository *repo, struct version *v, const struct text *now)
{
	if (v->loaded)
		return v->data ? 0 : -1;
	v->loaded = true;
	git_blob *b = NULL;
	if (git_blob_lookup(&b, repo, &v->blob) < 0) {
		git_error_clear();
		return -1;
	}
	v->len = (size_t)git_blob_rawsize(b);
	v->data = xmalloc(v->len + 1);
	memcpy(v->data, git_blob_rawcontent(b), v->len);
	v->data[v->len] = '\0';
	git_blob_free(b);
	v->same = v->len == now->len && !memcmp(v->data, now->data, v->len);
	if (v->same)
		return 0;
	size_t n = 0, cap = v->len / CP_STEP + 1;
	v->cpidx = xmalloc(cap * sizeof *v->cpidx);
	const unsigned char *u = (const unsigned char *)v->data;
	for (size_t i = 0; i < v->len; i++) {
		if ((u[i] & 0xC0) == 0x80)
			continue;
		if (v->ncp % CP_STEP == 0)
			ARRAY_PUSH(v->cpidx, n, cap, i);
		v->ncp++;
	}
	return 0;
}

static int load_version(struct history *h, struct version *v, const struct text *now)
{
	return load_version_in(h->repo, v, now);
}

/* byte offset of code point cp (cp <= v->ncp) */
static size_t version_byte(const struct version *v, size_t cp)
{
	if (cp >= v->ncp)
		return v->len;
	size_t i = v->cpidx[cp / CP_STEP], k = cp % CP_STEP;
	while (k) {
		i++;
		if (((unsigned char)v->data[i] & 0xC0) != 0x80)
			k--;
	}
	return i;
}

/* ---- the map: diff by lines, then by tokens -------------------------------- */

static void add_run(struct version *v, size_t o, size_t n, size_t len)
{
	if (!len)
		return;
	if (v->nruns) {
		struct run *r = &v->runs[v->nruns - 1];
		if (r->o + r->len == o && r->n + r->len == n) {
			r->len += len;
			return;
		}
	}
	ARRAY_PUSH(v->runs, v->nruns, v->capruns, ((struct run){o, n, len}));
}

/* Split s (n bytes) into units: lines (tokens false) or tokens.  Returns
 * the start offsets (count in *k, plus the end n at [*k]). */
static size_t *split(const char *s, size_t n, bool tokens, size_t *k)
{
	size_t *v = NULL, m = 0, cap = 0;
	const unsigned char *u = (const unsigned char *)s;
	for (size_t i = 0; i < n;) {
		ARRAY_PUSH(v, m, cap, i);
		if (!tokens) {
			const char *nl = memchr(s + i, '\n', n - i);
			i = nl ? (size_t)(nl - s) + 1 : n;
			continue;
		}
		unsigned c = u[i];
		if (c == ' ' || c == '\t' || c == '\n' || c == '\f') {
			while (i < n && (u[i] == ' ' || u[i] == '\t' || u[i] == '\n' || u[i] == '\f'))
				i++;
		} else if (c < 0x80 && !((c | 0x20) >= 'a' && (c | 0x20) <= 'z') &&
		           !(c >= '0' && c <= '9')) {
			i++; /* an ASCII mark */
		} else if (c == 0xC2 || (c == 0xE2 && i + 1 < n && (u[i + 1] == 0x80 || u[i + 1] == 0x81))) {
			/* U+0080..U+00BF (« » ­ ...) and U+2000..U+207F (– … “ ”): a mark */
			i += c == 0xC2 ? 2 : 3;
		} else {
			while (i < n) {
				unsigned d = u[i];
				bool word = (d >= 0x80 && d != 0xC2 && d != 0xE2) ||
				            ((d | 0x20) >= 'a' && (d | 0x20) <= 'z') ||
				            (d >= '0' && d <= '9') ||
				            (d == 0xE2 && i + 1 < n && u[i + 1] != 0x80 && u[i + 1] != 0x81);
				if (!word)
					break;
				i++;
				while (i < n && (u[i] & 0xC0) == 0x80)
					i++;
			}
		}
		if (i > n)
			i = n;
	}
	ARRAY_GROW(v, m, cap);
	v[m] = n;
	*k = m;
	return v;
}

/* The units of s as lines of a buffer (a LF inside a unit becomes 0x01,
 * so each unit is one line). */
static char *as_lines(const char *s, const size_t *off, size_t k, size_t *len)
{
	size_t n = off[k] - off[0];
	char *b = xmalloc(n + k + 1);
	size_t j = 0;
	for (size_t i = 0; i < k; i++) {
		for (size_t p = off[i]; p < off[i + 1]; p++)
			b[j++] = s[p] == '\n' ? '\x01' : s[p];
		b[j++] = '\n';
	}
	b[j] = '\0';
	*len = j;
	return b;
}

/* Diff units a[0..na) and b[0..nb) (offsets into old and new) and add the
 * runs of equal units; with refine, diff each changed stretch again by
 * tokens.  Returns 0 or a libgit2 error. */
static int diff_units(struct version *v, const char *old, const size_t *a, size_t na,
                      const char *now, const size_t *b, size_t nb, bool refine);

static int diff_stretch(struct version *v, const char *old, size_t o0, size_t o1,
                        const char *now, size_t n0, size_t n1, bool tokens)
{
	if (o0 == o1 || n0 == n1)
		return 0; /* all inserted or all deleted: no run */
	size_t na, nb;
	size_t *a = split(old + o0, o1 - o0, tokens, &na);
	size_t *b = split(now + n0, n1 - n0, tokens, &nb);
	for (size_t i = 0; i <= na; i++)
		a[i] += o0;
	for (size_t i = 0; i <= nb; i++)
		b[i] += n0;
	int r = diff_units(v, old, a, na, now, b, nb, !tokens);
	free(a), free(b);
	return r;
}

static int diff_units(struct version *v, const char *old, const size_t *a, size_t na,
                      const char *now, const size_t *b, size_t nb, bool refine)
{
	size_t la, lb;
	char *x = as_lines(old, a, na, &la), *y = as_lines(now, b, nb, &lb);
	git_diff_options opts;
	git_diff_options_init(&opts, GIT_DIFF_OPTIONS_VERSION);
	opts.context_lines = 0;
	opts.interhunk_lines = 0;
	opts.flags = GIT_DIFF_FORCE_TEXT;
	git_patch *p = NULL;
	int error = git_patch_from_buffers(&p, x, la, "a", y, lb, "b", &opts);
	if (error < 0)
		goto out;
	size_t ia = 0, ib = 0; /* units consumed */
	size_t nh = git_patch_num_hunks(p);
	for (size_t k = 0; k <= nh; k++) {
		size_t sa = na, sb = nb, ca = 0, cb = 0; /* the hunk: start and count */
		if (k < nh) {
			const git_diff_hunk *hk;
			size_t nl;
			if ((error = git_patch_get_hunk(&hk, &nl, p, k)) < 0)
				goto out;
			ca = (size_t)hk->old_lines, cb = (size_t)hk->new_lines;
			sa = ca ? (size_t)hk->old_start - 1 : (size_t)hk->old_start;
			sb = cb ? (size_t)hk->new_start - 1 : (size_t)hk->new_start;
		}
		/* the equal units before the hunk */
		if (sa > ia && sb - ib == sa - ia)
			add_run(v, a[ia], b[ib], a[sa] - a[ia]);
		if (k == nh)
			break;
		if (refine &&
		    (error = diff_stretch(v, old, a[sa], a[sa + ca], now, b[sb], b[sb + cb], true)) < 0)
			goto out;
		ia = sa + ca, ib = sb + cb;
	}
out:
	git_patch_free(p);
	free(x), free(y);
	return error;
}

static int map_version(struct version *v, const struct text *now)
{
	if (v->mapped)
		return 0;
	v->mapped = true;
	const char *o = v->data, *n = now->data;
	size_t on = v->len, nn = now->len;
	/* the common start and end, at line starts, outside the diff */
	size_t p = 0;
	while (p < on && p < nn && o[p] == n[p])
		p++;
	while (p > 0 && o[p - 1] != '\n')
		p--;
	size_t s = 0;
	while (s < on - p && s < nn - p && o[on - 1 - s] == n[nn - 1 - s])
		s++;
	while (s > 0 && on - s > p && o[on - s - 1] != '\n')
		s--;
	if (s > 0 && on - s == p && p > 0 && o[p - 1] != '\n')
		s = 0;
	add_run(v, 0, 0, p);
	int r = diff_stretch(v, o, p, on - s, n, p, nn - s, false);
	add_run(v, on - s, nn - s, s);
	return r;
}

/* The run holding old byte q, or the last one before it (NONE: none). */
static size_t run_at(const struct version *v, size_t q, bool strict)
{
	size_t lo = 0, hi = v->nruns; /* first run with o > q (o >= q when strict) */
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (strict ? v->runs[mid].o < q : v->runs[mid].o <= q)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo ? lo - 1 : SIZE_MAX;
}

static size_t map_start(const struct version *v, size_t q)
{
	size_t k = run_at(v, q, false);
	if (k == SIZE_MAX)
		return 0;
	const struct run *r = &v->runs[k];
	if (q < r->o + r->len)
		return r->n + (q - r->o);
	return r->n + r->len; /* inside changed text: where its replacement starts */
}

static size_t map_end(const struct version *v, size_t q, size_t nn)
{
	size_t k = run_at(v, q, true);
	if (k != SIZE_MAX && q <= v->runs[k].o + v->runs[k].len)
		return v->runs[k].n + (q - v->runs[k].o);
	/* inside changed text: where its replacement ends */
	return k + 1 < v->nruns ? v->runs[k + 1].n : k == SIZE_MAX && v->nruns ? v->runs[0].n : nn;
}

/* old bytes ob..oe lie in one run */
static bool unchanged(const struct version *v, size_t ob, size_t oe)
{
	size_t k = run_at(v, ob, false);
	return k != SIZE_MAX && oe <= v->runs[k].o + v->runs[k].len;
}

/* Prefetching: the first version of each source read and mapped in two
 * threads, each with its own repository object (libgit2's rule). */
struct prefetch {
	git_repository *repo[2];
	struct version **v;
	const struct text **now;
};

static void prefetch_job(void *arg, size_t k)
{
	struct prefetch *p = arg;
	if (!p->repo[k % 2] || load_version_in(p->repo[k % 2], p->v[k], p->now[k]) < 0 ||
	    p->v[k]->same)
		return;
	if (map_version(p->v[k], p->now[k]) < 0) {
		/* history_map maps it again and reports the error */
		p->v[k]->mapped = false;
		p->v[k]->nruns = 0;
	}
}

void history_prefetch(struct history *h, const char *const *rels,
                      const struct text *const *nows, size_t n)
{
	struct prefetch p = {{NULL, NULL}, xcalloc(n + 1, sizeof *p.v),
	                     xcalloc(n + 1, sizeof *p.now)};
	size_t m = 0;
	/* the versions are found in this thread (the trees are shared) */
	for (size_t i = 0; i < n; i++) {
		struct hsource *s = source_of(h, rels[i], nows[i]);
		if (!s->nv && !next_version(h, s))
			continue;
		p.v[m] = &s->v[0];
		p.now[m++] = nows[i];
	}
	const char *gd = git_repository_path(h->repo);
	for (int t = 0; t < 2; t++)
		if (git_repository_open_bare(&p.repo[t], gd) < 0)
			git_error_clear();
	stripe_run(m, prefetch_job, &p);
	for (int t = 0; t < 2; t++)
		git_repository_free(p.repo[t]);
	free(p.v), free((void *)p.now);
}

int history_map(struct history *h, const char *textrel, const struct text *now,
                size_t start, size_t end, const char *exact,
                struct hist_found *out, struct diag *d)
{
	struct hsource *s = source_of(h, textrel, now);
	size_t xn = strlen(exact);
	for (size_t k = 0;; k++) {
		if (k == s->nv && !next_version(h, s))
			return 0;
		struct version *v = &s->v[k];
		/* a version equal to the text now (HEAD when the edit is
		 * committed) cannot hold an anchor that does not match now */
		if (load_version(h, v, now) < 0 || v->same || end > v->ncp || start >= end)
			continue;
		size_t ob = version_byte(v, start), oe = version_byte(v, end);
		if (oe - ob != xn || memcmp(v->data + ob, exact, xn))
			continue;
		if (map_version(v, now) < 0) {
			git_err(d, textrel, "comparing the text with an earlier version");
			return -1;
		}
		size_t nb = map_start(v, ob), ne = map_end(v, oe, now->len);
		if (ne < nb)
			ne = nb;
		out->start = text_byte_to_cp(now, nb);
		out->end = text_byte_to_cp(now, ne);
		out->changed = !unchanged(v, ob, oe);
		git_oid_tostr(out->commit, sizeof out->commit, &h->commits[v->commit]);
		return 1;
	}
}

char *history_head_file(struct history *h, const char *rel, size_t *len)
{
	if (!h->ncommits)
		return NULL;
	git_tree *t = tree_of(h, 0);
	git_tree_entry *e = NULL;
	char *path = xasprintf("%s%s", h->prefix, rel), *r = NULL;
	git_blob *b = NULL;
	if (t && git_tree_entry_bypath(&e, t, path) == 0 &&
	    git_tree_entry_type(e) == GIT_OBJECT_BLOB &&
	    git_blob_lookup(&b, h->repo, git_tree_entry_id(e)) == 0) {
		*len = (size_t)git_blob_rawsize(b);
		r = xmalloc(*len + 1);
		memcpy(r, git_blob_rawcontent(b), *len);
		r[*len] = '\0';
	}
	git_error_clear();
	git_blob_free(b);
	git_tree_entry_free(e);
	free(path);
	return r;
}
