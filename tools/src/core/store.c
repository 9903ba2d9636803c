/* store.c - loading the evidence store: entry point, reading files,
 * the project file, freeing. */
#include "core/store_impl.h"
#include "core/util.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

char *sdup(const char *p)
{
	return p ? xstrdup(p) : NULL;
}

int store_read(const struct load *L, const char *rel, const char *path,
               size_t limit, char **out, size_t *len, bool missing_ok,
               struct diag *d)
{
	enum storeio_status st = storeio_read(L->io, rel, limit, out, len);
	int err = errno;
	if (st == SIO_OK)
		return 0;
	if (st == SIO_MISSING && missing_ok) {
		errno = ENOENT;
		return -1;
	}
	size_t n = strlen(rel);
	const char *what = !strncmp(rel, "codings/", 8) ? "a codings file"
	                   : n > 5 && !strcmp(rel + n - 5, ".json") ? "a metadata file"
	                   : "a text file";
	if (st == SIO_LINK)
		diag_at(d, D_FS_LINK, path, 0, 0);
	else if (st == SIO_TOO_LARGE)
		diag_at(d, D_FS_LARGE, path, 0, 0, limit >> 20, what);
	else if (st == SIO_MISSING || st == SIO_ERROR)
		diag_at(d, D_IO, path, 0, 0, storeio_what(st, err));
	else
		diag_at(d, D_FS_KIND, path, 0, 0, storeio_what(st, err));
	errno = st == SIO_MISSING ? ENOENT : EIO;
	return -1;
}

int store_read_json(const struct load *L, const char *rel, const char *path,
                    size_t limit, struct jdoc *doc, struct diag *d)
{
	char *data;
	size_t len;
	*doc = (struct jdoc){.file = path, .d = d};
	if (store_read(L, rel, path, limit, &data, &len, false, d) < 0)
		return -1;
	int r = json_parse(doc, path, data, len, d);
	free(data);
	return r;
}

int store_list(const struct load *L, const char *rel, const char *path,
               struct walk_list *out)
{
	if (storeio_list(L->io, rel, out) == 0)
		return 0;
	if (errno == ELOOP)
		diag_at(L->d, D_FS_LINK, path, 0, 0);
	else
		diag_at(L->d, D_IO, path, 0, 0, strerror(errno));
	return -1;
}

size_t *store_refs(const struct jdoc *doc, const cJSON *arr, const char *key,
                   const struct hmap *map, bool check, const char *where,
                   size_t *n)
{
	struct diag *d = doc->d;
	size_t *v = xcalloc((size_t)cJSON_GetArraySize(arr), sizeof *v);
	*n = 0;
	if (arr && cJSON_GetArraySize(arr) == 0)
		diag_in(d, D_EMPTY, doc->file, where, key);
	const cJSON *c;
	cJSON_ArrayForEach(c, arr) {
		size_t k;
		bool dup = false;
		if (!cJSON_IsString(c)) {
			char *elem = xasprintf("%s[]", key);
			diag_in(d, D_TYPE, doc->file, where, elem, "a string");
			free(elem);
		} else if (hmap_get(map, c->valuestring, &k)) {
			for (size_t m = 0; m < *n && !dup; m++)
				dup = v[m] == k;
			if (!dup)
				v[(*n)++] = k;
		} else if (check) {
			char *s = text_show(c->valuestring, strlen(c->valuestring), 40);
			if (!strcmp(key, "rq"))
				diag_in(d, D_UNKNOWN_RQ, doc->file, where, s);
			else
				diag_in(d, D_UNKNOWN_CODE, doc->file, where, s);
			free(s);
		}
	}
	return v;
}

/* ---- project.json ------------------------------------------------------------ */

enum { A_MIN, A_SHARE, A_MIXED, A_UNCITED, A_NOCLAIM, A_N };
static const struct jfield audit_spec[A_N] = {
	[A_MIN] = {"min_informants", JT_UINT, false, NULL},
	[A_SHARE] = {"max_informant_share", JT_FRACTION, false, NULL},
	[A_MIXED] = {"mixed_sources", JT_BOOL, false, NULL},
	[A_UNCITED] = {"uncited_codes", JT_BOOL, false, NULL},
	[A_NOCLAIM] = {"rq_without_claim", JT_BOOL, false, NULL},
};

/* The audit settings, with their defaults when absent. */
static void load_audit(struct store *s, const struct jdoc *doc, cJSON *a)
{
	struct audit_cfg *c = &s->audit;
	if (!a)
		return;
	struct jval f[A_N];
	jread(doc, a, audit_spec, A_N, f, "audit");
	if (f[A_MIN].node)
		c->min_informants = f[A_MIN].u;
	if (f[A_SHARE].node)
		c->max_informant_share = f[A_SHARE].x;
	if (f[A_MIXED].node)
		c->mixed_sources = f[A_MIXED].b;
	if (f[A_UNCITED].node)
		c->uncited_codes = f[A_UNCITED].b;
	if (f[A_NOCLAIM].node)
		c->rq_without_claim = f[A_NOCLAIM].b;
}

static bool rq_id_ok(const char *id)
{
	return id_chars_ok(id, "") && id[0] >= 'a' && id[0] <= 'z' &&
	       !strpbrk(id, "ABCDEFGHIJKLMNOPQRSTUVWXYZ");
}

enum { Q_ID, Q_LABEL, Q_QUESTION, Q_N };
static const struct jfield rq_spec[Q_N] = {
	[Q_ID] = {"id", JT_STR, true, NULL},
	[Q_LABEL] = {"label", JT_STR, true, NULL},
	[Q_QUESTION] = {"question", JT_STR, true, NULL},
};

static void load_rq(struct store *s, const struct jdoc *doc, cJSON *e, size_t i)
{
	struct diag *d = doc->d;
	char *where = xasprintf("research_questions[%zu]", i);
	struct jval f[Q_N];
	if (!cJSON_IsObject(e)) {
		diag_in(d, D_TYPE, doc->file, where, "research_questions[]", "an object");
		free(where);
		return;
	}
	jread(doc, e, rq_spec, Q_N, f, where);
	free(where);
	const char *id = f[Q_ID].s;
	if (!id)
		return;
	if (!rq_id_ok(id)) {
		diag_in(d, D_BAD_ID, doc->file, "research question", "research question",
		        id, "[a-z][a-z0-9]*");
		return;
	}
	struct rq *r = &s->rqs[s->nrqs];
	r->id = xstrdup(id);
	r->label = xstrdup(f[Q_LABEL].s ? f[Q_LABEL].s : id);
	r->question = xstrdup(f[Q_QUESTION].s ? f[Q_QUESTION].s : "");
	if (!hmap_put(&s->rqmap, r->id, s->nrqs, NULL)) {
		diag_in(d, D_DUP_ID, doc->file, "research question", "research question",
		        id, doc->file);
		free(r->id), free(r->label), free(r->question);
		return;
	}
	s->nrqs++;
}

enum { P_FORMAT, P_TITLE, P_AUTHOR, P_LANGUAGE, P_AUDIT, P_RQS, P_N };
static const struct jfield project_spec[P_N] = {
	[P_FORMAT] = {"format", JT_STR, true, "sitat-store/1"},
	[P_TITLE] = {"title", JT_STR, true, NULL},
	[P_AUTHOR] = {"author", JT_STR, true, NULL},
	[P_LANGUAGE] = {"language", JT_STR, true, NULL},
	[P_AUDIT] = {"audit", JT_OBJ, false, NULL},
	[P_RQS] = {"research_questions", JT_ARR, true, NULL},
};

/* Returns -1 when there is no project.json (not a store). */
static int load_project(struct load *L)
{
	struct store *s = L->s;
	struct diag *d = L->d;
	char *file = path_join(s->root, "project.json");
	char *data;
	size_t len;
	struct jdoc doc = {.file = file, .d = d};
	if (store_read(L, "project.json", file, STORE_META_LIMIT, &data, &len,
	               true, d) < 0) {
		if (errno == ENOENT)
			diag_at(d, D_IO, file, 0, 0,
			        "not an evidence store (no project.json); use --store DIR");
		free(file);
		return errno == ENOENT ? -1 : 0;
	}
	int r = json_parse(&doc, file, data, len, d);
	free(data);
	if (r == 0 && !cJSON_IsObject(doc.root)) {
		diag_in(d, D_TYPE, file, "project", "(top level)", "an object");
		r = -1;
	}
	if (r == 0) {
		struct jval f[P_N];
		jread(&doc, doc.root, project_spec, P_N, f, "project");
		s->title = sdup(f[P_TITLE].s);
		s->author = sdup(f[P_AUTHOR].s);
		s->language = sdup(f[P_LANGUAGE].s);
		if (s->language && !id_chars_ok(s->language, "-"))
			diag_in(d, D_BAD_VALUE, file, "project", "language", s->language,
			        "a BCP 47 tag such as nb or en");
		load_audit(s, &doc, f[P_AUDIT].node);
		cJSON *rqs = f[P_RQS].node, *e;
		s->rqs = xcalloc((size_t)cJSON_GetArraySize(rqs), sizeof *s->rqs);
		size_t i = 0;
		cJSON_ArrayForEach(e, rqs)
			load_rq(s, &doc, e, i++);
		L->project_ok = rqs != NULL;
	}
	if (!L->project_ok)
		diag_at(d, D_SKIPPED, file, 0, 0, "the research questions of codes",
		        "this file");
	json_free(&doc);
	free(file);
	return 0;
}

/* The name of GUID owner k (codes, then sources, then segments) and the
 * file and place it is in. */
static char *guid_owner(const struct store *s, size_t k, const char **file)
{
	if (k < s->ncodes) {
		*file = "codebook.json";
		return xasprintf("code %s", s->codes[k].id);
	}
	k -= s->ncodes;
	if (k < s->nsources) {
		*file = s->sources[k].metafile;
		return xasprintf("source %s", s->sources[k].id);
	}
	k -= s->nsources;
	const struct segment *g = &s->segs[k];
	*file = s->sources[g->src].codingsfile ? s->sources[g->src].codingsfile : "codings";
	return xasprintf("segment %s", g->id);
}

static void note_guid(const struct store *s, struct hmap *m, const char *guid, size_t k,
                      struct diag *d)
{
	size_t j;
	if (!guid)
		return;
	if (!hmap_get(m, guid, &j)) {
		hmap_put(m, guid, k, NULL);
		return;
	}
	const char *f1, *f2;
	char *first = guid_owner(s, j, &f1), *here = guid_owner(s, k, &f2);
	diag_in(d, D_DUP_GUID, f2, here, guid, first);
	free(first), free(here);
}

/* Every GUID (of a code, a source, a segment or a selection merged into
 * one) is the GUID of one thing: sitat import matches by them. */
static void check_guids(const struct store *s, struct diag *d)
{
	struct hmap m;
	hmap_init(&m);
	size_t k = 0;
	for (size_t i = 0; i < s->ncodes; i++, k++)
		note_guid(s, &m, s->codes[i].guid, k, d);
	for (size_t i = 0; i < s->nsources; i++, k++)
		note_guid(s, &m, s->sources[i].guid, k, d);
	for (size_t i = 0; i < s->nsegs; i++, k++) {
		note_guid(s, &m, s->segs[i].guid, k, d);
		for (size_t j = 0; j < s->segs[i].nmerged; j++)
			note_guid(s, &m, s->segs[i].merged[j], k, d);
	}
	hmap_free(&m);
}

int store_load_io(struct store *s, const struct storeio *io, struct diag *d)
{
	memset(s, 0, sizeof *s);
	s->root = xstrdup(io->root);
	s->audit.min_informants = 2;
	s->audit.mixed_sources = true;
	s->audit.max_informant_share = 0.4;
	s->audit.uncited_codes = true;
	s->audit.rq_without_claim = true;
	hmap_init(&s->rqmap);
	hmap_init(&s->codemap);
	hmap_init(&s->srcmap);
	hmap_init(&s->segmap);
	struct load L = {.s = s, .io = io, .d = d};
	int r = load_project(&L);
	if (r == 0) {
		store_load_codebook(&L);
		store_load_sources(&L);
		store_load_codings(&L);
		check_guids(s, d);
	}
	for (size_t i = 0; i < L.nfailed; i++)
		free(L.failed[i]);
	free(L.failed);
	return r;
}

int store_load(struct store *s, const char *root, struct diag *d)
{
	struct storeio io = {.root = root};
	return store_load_io(s, &io, d);
}

size_t store_count_kind(const struct store *s, enum source_kind k)
{
	size_t n = 0;
	for (size_t i = 0; i < s->nsources; i++)
		n += s->sources[i].kind == k;
	return n;
}

static void free_attrs(struct attr *a, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(a[i].key), free(a[i].val);
	free(a);
}

void store_free(struct store *s)
{
	for (size_t i = 0; i < s->nrqs; i++)
		free(s->rqs[i].id), free(s->rqs[i].label), free(s->rqs[i].question);
	free(s->rqs);
	for (size_t i = 0; i < s->ncodes; i++) {
		struct code *c = &s->codes[i];
		free(c->id), free(c->name), free(c->description), free(c->color);
		free(c->parent_id), free(c->rqs), free(c->guid);
	}
	free(s->codes);
	free(s->code_order);
	for (size_t i = 0; i < s->nsources; i++) {
		struct source *c = &s->sources[i];
		free(c->id), free(c->label), free(c->date), free(c->role);
		free(c->bibkey), free(c->bibtype), free(c->guid);
		free_attrs(c->attrs, c->nattrs);
		free_attrs(c->bib, c->nbib);
		for (size_t k = 0; k < c->npages; k++)
			free(c->pages[k].label);
		free(c->pages);
		free(c->metafile), free(c->textfile), free(c->codingsfile);
		text_free(&c->text);
	}
	free(s->sources);
	for (size_t i = 0; i < s->nsegs; i++) {
		struct segment *g = &s->segs[i];
		free(g->id), free(g->exact), free(g->prefix), free(g->suffix);
		free(g->memo), free(g->codes), free(g->coder), free(g->guid);
		for (size_t k = 0; k < g->nmerged; k++)
			free(g->merged[k]);
		free(g->merged);
	}
	free(s->segs);
	hmap_free(&s->rqmap);
	hmap_free(&s->codemap);
	hmap_free(&s->srcmap);
	hmap_free(&s->segmap);
	free(s->title), free(s->author), free(s->language);
	free(s->root);
	memset(s, 0, sizeof *s);
}
