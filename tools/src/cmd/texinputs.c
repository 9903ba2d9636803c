/* texinputs.c - the TeX inputs of a build, read from its recorder file
 * (core/fls.h) and its manifest.json, and the packages they came from
 * (prov/texpkg.h).  The list as data: cmd/texin_list.c. */
#ifndef _DEFAULT_SOURCE /* (a unit test compiles this file in, after unit.h) */
#define _DEFAULT_SOURCE
#endif
#include "cmd/texinputs.h"
#include "core/fls.h"
#include "core/infile.h"
#include "core/util.h"
#include "prov/pdfstamp.h"
#include "prov/repo.h"
#include "prov/texpkg.h"

#include <cjson/cJSON.h>
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

static int cmp_path(const void *a, const void *b)
{
	return strcmp(((const struct texin *)a)->path, ((const struct texin *)b)->path);
}

/* outdir/manifest.json's object, or NULL (no manifest yet: hash now). */
static cJSON *read_manifest(const char *outdir)
{
	char *p = path_join(outdir, "manifest.json"), *data;
	size_t len;
	cJSON *m = NULL;
	if (read_file(p, &data, &len) == 0) {
		m = cJSON_ParseWithLength(data, len);
		free(data);
	}
	free(p);
	if (m && !cJSON_IsObject(m)) {
		cJSON_Delete(m);
		m = NULL;
	}
	return m;
}

/* The hash and version manifest.json's system_inputs recorded for abs,
 * else those of the file now.  Returns 0, or -1 when neither is there. */
static int system_file(struct texin *t, const cJSON *sys, const char *abs)
{
	const cJSON *e = sys ? cJSON_GetObjectItemCaseSensitive(sys, abs) : NULL;
	const cJSON *sha = cJSON_GetObjectItemCaseSensitive(e, "sha256");
	const cJSON *ver = cJSON_GetObjectItemCaseSensitive(e, "version");
	if (cJSON_IsString(sha) && sha->valuestring && texin_sha256_ok(sha->valuestring)) {
		memcpy(t->sha256, sha->valuestring, 65);
		if (cJSON_IsString(ver) && ver->valuestring)
			t->version = xstrdup(ver->valuestring);
		return 0;
	}
	if (sha256_file(abs, t->sha256) < 0)
		return -1;
	t->version = texfile_version_of(abs);
	return 0;
}

/* The engine a format file belongs to: /…/pdftex/pdflatex.fmt is pdflatex. */
static char *engine_of(const char *fmt)
{
	const char *b = strrchr(fmt, '/');
	b = b ? b + 1 : fmt;
	size_t n = strlen(b);
	return n > 4 ? xstrndup(b, n - 4) : NULL;
}

int texin_from_build(struct texin_list *l, const char *root, const char *outdir,
                     const char *jobname, struct diag *d)
{
	memset(l, 0, sizeof *l);
	char *name = xasprintf("%s.fls", jobname);
	char *flsp = path_join(outdir, name);
	free(name);
	struct fls f;
	if (fls_read(&f, flsp) < 0) {
		diag_at(d, D_TEXIN_NO_FLS, flsp, 0, 0, strerror(errno));
		free(flsp);
		return -1;
	}
	free(flsp);
	char *rroot = realpath(root, NULL), *rout = realpath(outdir, NULL);
	if (!rroot)
		rroot = xstrdup(root);
	if (!rout)
		rout = xstrdup(outdir);
	cJSON *m = read_manifest(outdir);
	const cJSON *sys = m ? cJSON_GetObjectItemCaseSensitive(m, "system_inputs") : NULL;
	for (size_t i = 0; i < f.n; i++) {
		char *abs = fls_absolute(&f, f.inputs[i]);
		char *in_out = path_below(rout, abs), *rel = path_below(rroot, abs);
		struct texin t = {0};
		int ok = -1;
		if (in_out || (rel && !strcmp(rel, "."))) {
			ok = -1; /* made by the build, or not a file */
		} else if (rel) {
			t.project = true;
			if (sha256_file(abs, t.sha256) == 0) {
				ok = 0;
				t.version = texfile_version_of(abs);
				t.path = rel;
				rel = NULL;
			}
		} else if (system_file(&t, sys, abs) == 0) {
			ok = 0;
			t.path = abs;
			abs = NULL;
		}
		if (ok == 0) {
			const char *s = strrchr(t.path, '/');
			t.name = xstrdup(s ? s + 1 : t.path);
			ARRAY_PUSH(l->v, l->n, l->cap, t);
		} else {
			free(t.version);
		}
		free(in_out);
		free(rel);
		free(abs);
	}
	if (l->n > 1)
		qsort(l->v, l->n, sizeof *l->v, cmp_path);
	/* one file named two ways ("x" and PWD/x): once */
	size_t k = 0;
	for (size_t i = 0; i < l->n; i++) {
		if (k && !strcmp(l->v[k - 1].path, l->v[i].path)) {
			free(l->v[i].path);
			free(l->v[i].name);
			free(l->v[i].version);
			continue;
		}
		l->v[k++] = l->v[i];
	}
	l->n = k;
	if (f.format) {
		l->format = xstrdup(f.format);
		l->engine = engine_of(f.format);
	}
	const cJSON *eng = m ? cJSON_GetObjectItemCaseSensitive(m, "engine") : NULL;
	if (cJSON_IsString(eng) && eng->valuestring && eng->valuestring[0])
		l->engine_version = xstrdup(eng->valuestring);
	cJSON_Delete(m);
	free(rroot);
	free(rout);
	fls_free(&f);
	return 0;
}

void texin_packages(struct texin_list *l)
{
	const char **paths = xcalloc(l->n ? l->n : 1, sizeof *paths);
	size_t *at = xcalloc(l->n ? l->n : 1, sizeof *at), n = 0;
	for (size_t i = 0; i < l->n; i++)
		if (!l->v[i].project && l->v[i].path[0] == '/') {
			at[n] = i;
			paths[n++] = l->v[i].path;
		}
	char **pkg = xcalloc(n ? n : 1, sizeof *pkg), **ver = xcalloc(n ? n : 1, sizeof *ver);
	texpkg_lookup(paths, n, pkg, ver);
	for (size_t i = 0; i < n; i++) {
		struct texin *t = &l->v[at[i]];
		free(t->package);
		free(t->package_version);
		t->package = pkg[i];
		t->package_version = ver[i];
	}
	free(pkg);
	free(ver);
	free(at);
	free(paths);
}
