/* import_side.c - the sidecar sitat.json of a .qdpx that sitat export
 * wrote (import.h; its form: docs/export.md).  Untrusted like the rest of
 * the file: every member is checked for its type, and an invalid sidecar
 * is an error at FILE.qdpx:sitat.json naming the member; nothing is
 * imported then. */
#include "cmd/cmd.h"
#include "cmd/import.h"
#include "core/json.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct sctx {
	struct diag *d;
	const char *file;
	int bad;
};

static void bad(struct sctx *c, const char *what, const char *need)
{
	if (c->bad++ < 20)
		diag_at(c->d, D_IMPORT_SIDECAR, c->file, 0, 0, what, need);
}

/* The string member key of o (NULL when absent; required: an error). */
static char *str(struct sctx *c, const cJSON *o, const char *key, bool required, const char *where)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
	if (!v) {
		if (required) {
			char *w = xasprintf("%s.%s", where, key);
			bad(c, w, "is missing");
			free(w);
		}
		return NULL;
	}
	if (!cJSON_IsString(v) || !v->valuestring[0]) {
		char *w = xasprintf("%s.%s", where, key);
		bad(c, w, "must be a non-empty string");
		free(w);
		return NULL;
	}
	return xstrdup(v->valuestring);
}

static char **strs(struct sctx *c, const cJSON *o, const char *key, size_t *n, bool *present,
                   const char *where)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
	*n = 0;
	if (present)
		*present = v != NULL;
	if (!v)
		return NULL;
	char *w = xasprintf("%s.%s", where, key);
	if (!cJSON_IsArray(v)) {
		bad(c, w, "must be an array of strings");
		free(w);
		return NULL;
	}
	size_t k = (size_t)cJSON_GetArraySize(v);
	char **r = xcalloc(k + 1, sizeof *r);
	const cJSON *e;
	cJSON_ArrayForEach(e, v)
	{
		if (!cJSON_IsString(e) || !e->valuestring[0]) {
			bad(c, w, "must be an array of strings");
			break;
		}
		r[(*n)++] = xstrdup(e->valuestring);
	}
	free(w);
	return r;
}

static void put_guid(struct sctx *c, struct hmap *h, const char *guid, size_t i, const char *where)
{
	if (!guid)
		return;
	if (!guid_ok(guid)) {
		bad(c, where, "has a guid that is not a canonical GUID");
		return;
	}
	if (!hmap_put(h, guid, i, NULL))
		bad(c, where, "repeats a guid");
}

static void read_codes(struct sctx *c, struct sidecar *sc, const cJSON *a)
{
	sc->codes = xcalloc((size_t)cJSON_GetArraySize(a) + 1, sizeof *sc->codes);
	const cJSON *e;
	cJSON_ArrayForEach(e, a)
	{
		char *w = xasprintf("codes[%zu]", sc->ncodes);
		struct side_code *x = &sc->codes[sc->ncodes];
		if (!cJSON_IsObject(e)) {
			bad(c, w, "must be an object");
		} else {
			x->guid = str(c, e, "guid", true, w);
			x->id = str(c, e, "id", true, w);
			x->rq = strs(c, e, "rq", &x->nrq, NULL, w);
			put_guid(c, &sc->codemap, x->guid, sc->ncodes, w);
		}
		sc->ncodes++;
		free(w);
	}
}

static void read_sources(struct sctx *c, struct sidecar *sc, const cJSON *a)
{
	sc->sources = xcalloc((size_t)cJSON_GetArraySize(a) + 1, sizeof *sc->sources);
	const cJSON *e;
	cJSON_ArrayForEach(e, a)
	{
		char *w = xasprintf("sources[%zu]", sc->nsources);
		struct side_source *x = &sc->sources[sc->nsources++];
		if (!cJSON_IsObject(e)) {
			bad(c, w, "must be an object");
			free(w);
			continue;
		}
		x->guid = str(c, e, "guid", true, w);
		x->id = str(c, e, "id", true, w);
		x->label = str(c, e, "label", true, w);
		x->date = str(c, e, "date", false, w);
		x->bibkey = str(c, e, "bibkey", false, w);
		char *kind = str(c, e, "kind", true, w);
		if (kind && !strcmp(kind, "document"))
			x->kind = SRC_DOCUMENT;
		else if (kind && strcmp(kind, "interview"))
			bad(c, w, "has a kind that is neither interview nor document");
		free(kind);
		const cJSON *bib = cJSON_GetObjectItemCaseSensitive(e, "bib");
		if (bib && !cJSON_IsObject(bib)) {
			bad(c, w, "has a bib that is not an object");
		} else if (bib) {
			x->bib = xcalloc((size_t)cJSON_GetArraySize(bib) + 1, sizeof *x->bib);
			const cJSON *f;
			cJSON_ArrayForEach(f, bib)
			{
				if (!cJSON_IsString(f) || !f->string) {
					bad(c, w, "has a bib member that is not a string");
					break;
				}
				x->bib[x->nbib].key = xstrdup(f->string);
				x->bib[x->nbib++].val = xstrdup(f->valuestring);
				if (!strcmp(f->string, "type") && !x->bibtype)
					x->bibtype = xstrdup(f->valuestring);
			}
			if (!x->bibtype)
				bad(c, w, "has a bib without a type");
		}
		x->pages = strs(c, e, "pages", &x->npages, &x->has_pages, w);
		put_guid(c, &sc->srcmap, x->guid, sc->nsources - 1, w);
		free(w);
	}
}

static void read_segs(struct sctx *c, struct sidecar *sc, const cJSON *a)
{
	sc->segs = xcalloc((size_t)cJSON_GetArraySize(a) + 1, sizeof *sc->segs);
	const cJSON *e;
	cJSON_ArrayForEach(e, a)
	{
		char *w = xasprintf("segments[%zu]", sc->nsegs);
		struct side_seg *x = &sc->segs[sc->nsegs];
		if (!cJSON_IsObject(e)) {
			bad(c, w, "must be an object");
		} else {
			x->guid = str(c, e, "guid", true, w);
			x->id = str(c, e, "id", true, w);
			x->merged = strs(c, e, "merged", &x->nmerged, NULL, w);
			for (size_t k = 0; k < x->nmerged; k++)
				if (!guid_ok(x->merged[k]))
					bad(c, w, "has a merged entry that is not a canonical GUID");
			put_guid(c, &sc->segmap, x->guid, sc->nsegs, w);
		}
		sc->nsegs++;
		free(w);
	}
}

int side_read(struct sidecar *sc, const struct refi_project *p, struct diag *d)
{
	memset(sc, 0, sizeof *sc);
	hmap_init(&sc->codemap);
	hmap_init(&sc->srcmap);
	hmap_init(&sc->segmap);
	if (!p->sidecar)
		return 0;
	char *file = xasprintf("%s:sitat.json", p->file);
	struct sctx c = {.d = d, .file = file};
	struct jdoc doc;
	if (json_parse(&doc, file, p->sidecar, p->sidecar_len, d) < 0) {
		free(file);
		return -1;
	}
	const cJSON *r = doc.root;
	if (!cJSON_IsObject(r)) {
		bad(&c, "the sidecar", "must be an object");
	} else {
		const cJSON *f = cJSON_GetObjectItemCaseSensitive(r, "format");
		if (!cJSON_IsString(f) || strcmp(f->valuestring, "sitat-export/1"))
			bad(&c, "format", "must be \"sitat-export/1\"");
		sc->project = str(&c, r, "project", false, "the sidecar");
		static const char *const keys[] = {"codes", "sources", "segments"};
		for (int k = 0; k < 3; k++) {
			const cJSON *a = cJSON_GetObjectItemCaseSensitive(r, keys[k]);
			if (a && !cJSON_IsArray(a)) {
				bad(&c, keys[k], "must be an array");
				continue;
			}
			if (!a)
				continue;
			if (k == 0)
				read_codes(&c, sc, a);
			else if (k == 1)
				read_sources(&c, sc, a);
			else
				read_segs(&c, sc, a);
		}
	}
	json_free(&doc);
	free(file);
	sc->present = true;
	return c.bad ? -1 : 0;
}

static void free_strs(char **v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

void side_free(struct sidecar *sc)
{
	free(sc->project);
	for (size_t i = 0; i < sc->ncodes; i++) {
		free(sc->codes[i].guid), free(sc->codes[i].id);
		free_strs(sc->codes[i].rq, sc->codes[i].nrq);
	}
	for (size_t i = 0; i < sc->nsources; i++) {
		struct side_source *x = &sc->sources[i];
		free(x->guid), free(x->id), free(x->label), free(x->date), free(x->bibkey), free(x->bibtype);
		for (size_t k = 0; k < x->nbib; k++)
			free(x->bib[k].key), free(x->bib[k].val);
		free(x->bib);
		free_strs(x->pages, x->npages);
	}
	for (size_t i = 0; i < sc->nsegs; i++) {
		free(sc->segs[i].guid), free(sc->segs[i].id);
		free_strs(sc->segs[i].merged, sc->segs[i].nmerged);
	}
	free(sc->codes), free(sc->sources), free(sc->segs);
	hmap_free(&sc->codemap);
	hmap_free(&sc->srcmap);
	hmap_free(&sc->segmap);
	memset(sc, 0, sizeof *sc);
}
