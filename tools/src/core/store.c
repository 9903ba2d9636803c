/* store.c - loading the evidence store: entry point, project file, helpers. */
#define _POSIX_C_SOURCE 200809L
#include "core/store.h"
#include "core/json.h"
#include "core/util.h"

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

char *sdup(const char *p)
{
	return p ? xstrdup(p) : NULL;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int list_dir(const char *dir, const char *suffix, char ***out, size_t *n)
{
	DIR *dp = opendir(dir);
	*out = NULL;
	*n = 0;
	if (!dp)
		return -1;
	size_t cap = 0, sl = strlen(suffix);
	struct dirent *e;
	while ((e = readdir(dp))) {
		size_t l = strlen(e->d_name);
		if (e->d_name[0] == '.' || l <= sl ||
		    strcmp(e->d_name + l - sl, suffix) != 0)
			continue;
		char *p = path_join(dir, e->d_name);
		struct stat st;
		bool reg = stat(p, &st) == 0 && S_ISREG(st.st_mode);
		free(p);
		if (!reg)
			continue;
		if (*n == cap) {
			cap = cap ? cap * 2 : 16;
			*out = xrealloc(*out, cap * sizeof **out);
		}
		(*out)[(*n)++] = xstrdup(e->d_name);
	}
	closedir(dp);
	if (*n)
		qsort(*out, *n, sizeof **out, cmp_str);
	return 0;
}

static bool jbool(const cJSON *o, const char *key, bool *out,
                  const char *file, const char *where, struct diag *d)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
	if (!v)
		return false;
	if (!cJSON_IsBool(v)) {
		diag_in(d, D_TYPE, file, where, key, "true or false");
		return false;
	}
	*out = cJSON_IsTrue(v);
	return true;
}

/* The audit settings, with their defaults when absent. */
static void load_audit(struct store *s, const cJSON *a, const char *file,
                       struct diag *d)
{
	struct audit_cfg *c = &s->audit;
	if (!a)
		return;
	const char *w = "audit";
	static const char *const keys[] = {"min_informants", "mixed_sources",
		"max_informant_share", "uncited_codes", "rq_without_claim", NULL};
	jkeys(a, keys, file, w, d);
	if (cJSON_GetObjectItemCaseSensitive(a, "min_informants"))
		juint(a, "min_informants", &c->min_informants, file, w, d);
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(a, "max_informant_share");
	if (v) {
		if (!cJSON_IsNumber(v) || v->valuedouble <= 0 || v->valuedouble > 1)
			diag_in(d, D_TYPE, file, w, "max_informant_share",
			        "a number in (0, 1]");
		else
			c->max_informant_share = v->valuedouble;
	}
	jbool(a, "mixed_sources", &c->mixed_sources, file, w, d);
	jbool(a, "uncited_codes", &c->uncited_codes, file, w, d);
	jbool(a, "rq_without_claim", &c->rq_without_claim, file, w, d);
}

void store_load_project(struct store *s, struct diag *d)
{
	char *file = path_join(s->root, "project.json");
	cJSON *j = json_load(file, d);
	const char *w = "project";
	if (!j)
		goto done;
	if (!cJSON_IsObject(j)) {
		diag_in(d, D_TYPE, file, w, "(top level)", "an object");
		goto done;
	}
	static const char *const keys[] = {"format", "title", "author",
		"language", "research_questions", "audit", NULL};
	jkeys(j, keys, file, w, d);
	const char *fmt = jstr(j, "format", true, file, w, d);
	if (fmt && strcmp(fmt, "sitat-store/1") != 0)
		diag_in(d, D_FORMAT, file, w, fmt, "sitat-store/1");
	s->title = sdup(jstr(j, "title", true, file, w, d));
	s->author = sdup(jstr(j, "author", true, file, w, d));
	s->language = sdup(jstr(j, "language", true, file, w, d));
	if (s->language && !id_chars_ok(s->language, "-"))
		diag_in(d, D_BAD_VALUE, file, w, "language", s->language,
		        "a BCP 47 tag such as nb or en");
	load_audit(s, jobj(j, "audit", false, file, w, d), file, d);
	const cJSON *rqs = jarr(j, "research_questions", true, file, w, d);
	size_t n = (size_t)cJSON_GetArraySize(rqs);
	s->rqs = xcalloc(n, sizeof *s->rqs);
	size_t i = 0;
	const cJSON *e;
	cJSON_ArrayForEach(e, rqs) {
		char *where = xasprintf("research_questions[%zu]", i++);
		if (!cJSON_IsObject(e)) {
			diag_in(d, D_TYPE, file, where, "research_questions[]", "an object");
			free(where);
			continue;
		}
		static const char *const rk[] = {"id", "label", "question", NULL};
		jkeys(e, rk, file, where, d);
		const char *id = jstr(e, "id", true, file, where, d);
		const char *label = jstr(e, "label", true, file, where, d);
		const char *q = jstr(e, "question", true, file, where, d);
		free(where);
		if (!id)
			continue;
		if (!id_chars_ok(id, "") || !(id[0] >= 'a' && id[0] <= 'z') ||
		    strpbrk(id, "ABCDEFGHIJKLMNOPQRSTUVWXYZ")) {
			diag_in(d, D_BAD_ID, file, "research question", "research question",
			        id, "[a-z][a-z0-9]*");
			continue;
		}
		struct rq *r = &s->rqs[s->nrqs];
		r->id = xstrdup(id);
		r->label = sdup(label ? label : id);
		r->question = sdup(q ? q : "");
		size_t old;
		if (!hmap_put(&s->rqmap, r->id, s->nrqs, &old)) {
			diag_in(d, D_DUP_ID, file, "research question", "research question",
			        id, file);
			free(r->id), free(r->label), free(r->question);
			continue;
		}
		s->nrqs++;
	}
done:
	cJSON_Delete(j);
	free(file);
}

int store_load(struct store *s, const char *root, struct diag *d)
{
	memset(s, 0, sizeof *s);
	s->root = xstrdup(root);
	s->audit.min_informants = 2;
	s->audit.mixed_sources = true;
	s->audit.max_informant_share = 0.4;
	s->audit.uncited_codes = true;
	s->audit.rq_without_claim = true;
	hmap_init(&s->rqmap);
	hmap_init(&s->codemap);
	hmap_init(&s->srcmap);
	hmap_init(&s->segmap);
	char *pf = path_join(root, "project.json");
	struct stat st;
	int r = stat(pf, &st);
	if (r < 0) {
		diag_at(d, D_IO, pf, 0, 0,
		        "not an evidence store (no project.json); use --store DIR");
		free(pf);
		return -1;
	}
	free(pf);
	store_load_project(s, d);
	store_load_codebook(s, d);
	store_load_sources(s, d);
	store_load_codings(s, d);
	return 0;
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
		free(c->parent_id), free(c->rqs);
	}
	free(s->codes);
	free(s->code_order);
	for (size_t i = 0; i < s->nsources; i++) {
		struct source *c = &s->sources[i];
		free(c->id), free(c->label), free(c->date), free(c->role);
		free(c->bibkey), free(c->bibtype);
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
		free(g->memo), free(g->codes);
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
