/* texin_list.c - the TeX inputs of a build as data (cmd/texinputs.h):
 * JSON both ways, the differences between two builds and their words.
 * No file system: a unit test and a fuzzer link this file alone. */
#include "cmd/texinputs.h"
#include "core/hmap.h"
#include "core/text.h"
#include "core/util.h"

#include <cjson/cJSON.h>
#include <stdlib.h>
#include <string.h>

void texin_list_free(struct texin_list *l)
{
	for (size_t i = 0; i < l->n; i++) {
		struct texin *t = &l->v[i];
		free(t->path);
		free(t->name);
		free(t->version);
		free(t->package);
		free(t->package_version);
	}
	free(l->v);
	free(l->engine);
	free(l->engine_version);
	free(l->format);
	memset(l, 0, sizeof *l);
}

static void add_opt(cJSON *o, const char *key, const char *v)
{
	if (v)
		cJSON_AddStringToObject(o, key, v);
}

static cJSON *entry_json(const struct texin *t)
{
	cJSON *o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "path", t->path);
	cJSON_AddStringToObject(o, "name", t->name);
	cJSON_AddStringToObject(o, "sha256", t->sha256);
	add_opt(o, "version", t->version);
	add_opt(o, "package", t->package);
	add_opt(o, "package_version", t->package_version);
	cJSON_AddBoolToObject(o, "project", t->project);
	return o;
}

cJSON *texin_to_json(const struct texin_list *l)
{
	cJSON *a = cJSON_CreateArray();
	for (size_t i = 0; i < l->n; i++)
		cJSON_AddItemToArray(a, entry_json(&l->v[i]));
	return a;
}

/* A string the list may hold: not empty (when path), at most 4096
 * bytes, no control character. */
static const char *bad_string(const char *s, bool path)
{
	size_t n = strlen(s);
	if (path && !n)
		return "is empty";
	if (n > 4096)
		return "is longer than 4096 bytes";
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)s[i] < 0x20 || s[i] == 0x7F)
			return "holds a control character";
	return NULL;
}

bool texin_sha256_ok(const char *s)
{
	size_t i = 0;
	for (; s[i]; i++)
		if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f')))
			return false;
	return i == 64;
}

/* The optional string field key of o into *out: 0, or -1 with *why. */
static int opt_string(const cJSON *o, const char *key, char **out, const char **why)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
	*out = NULL;
	if (!v || cJSON_IsNull(v))
		return 0;
	if (!cJSON_IsString(v) || !v->valuestring) {
		*why = key;
		return -1;
	}
	if (bad_string(v->valuestring, false)) {
		*why = key;
		return -1;
	}
	*out = xstrdup(v->valuestring);
	return 0;
}

static int cmp_texin(const void *a, const void *b)
{
	return strcmp(((const struct texin *)a)->path, ((const struct texin *)b)->path);
}

/* The last component of path. */
static const char *base_name(const char *path)
{
	const char *s = strrchr(path, '/');
	return s ? s + 1 : path;
}

int texin_from_json(struct texin_list *l, const cJSON *arr, const char *file,
                    struct diag *d)
{
	memset(l, 0, sizeof *l);
	if (!cJSON_IsArray(arr)) {
		diag_at(d, D_TEXIN_JSON, file, 0, 0, (size_t)0, "tex_inputs is not an array");
		return -1;
	}
	size_t i = 0;
	const cJSON *e;
	cJSON_ArrayForEach(e, arr) {
		i++;
		const cJSON *path = cJSON_GetObjectItemCaseSensitive(e, "path");
		const cJSON *sha = cJSON_GetObjectItemCaseSensitive(e, "sha256");
		const cJSON *proj = cJSON_GetObjectItemCaseSensitive(e, "project");
		const char *why = NULL, *field = NULL;
		if (!cJSON_IsObject(e))
			why = "is not an object";
		else if (!cJSON_IsString(path) || !path->valuestring)
			why = "has no path (a string)";
		else if ((why = bad_string(path->valuestring, true)))
			field = "path";
		else if (!base_name(path->valuestring)[0])
			why = "has a path that ends in '/' (a folder, not a file)";
		else if (!cJSON_IsString(sha) || !sha->valuestring || !texin_sha256_ok(sha->valuestring))
			why = "has no sha256 (64 lower-case hexadecimal digits)";
		else if (proj && !cJSON_IsBool(proj))
			why = "has a project that is not true or false";
		struct texin t = {0};
		const char *bad = NULL;
		if (!why && (opt_string(e, "name", &t.name, &bad) < 0 ||
		             opt_string(e, "version", &t.version, &bad) < 0 ||
		             opt_string(e, "package", &t.package, &bad) < 0 ||
		             opt_string(e, "package_version", &t.package_version, &bad) < 0)) {
			why = "has a field that is not a string without control characters";
			field = bad;
		}
		if (why) {
			char *msg = field ? xasprintf("%s %s", field, why) : xstrdup(why);
			diag_at(d, D_TEXIN_JSON, file, 0, 0, i, msg);
			free(msg);
			free(t.name);
			free(t.version);
			free(t.package);
			free(t.package_version);
			texin_list_free(l);
			return -1;
		}
		t.path = xstrdup(path->valuestring);
		if (!t.name || !t.name[0]) {
			free(t.name);
			t.name = xstrdup(base_name(t.path));
		}
		memcpy(t.sha256, sha->valuestring, 65);
		t.project = proj ? cJSON_IsTrue(proj) : t.path[0] != '/';
		ARRAY_PUSH(l->v, l->n, l->cap, t);
	}
	if (l->n > 1)
		qsort(l->v, l->n, sizeof *l->v, cmp_texin);
	for (size_t k = 1; k < l->n; k++)
		if (!strcmp(l->v[k - 1].path, l->v[k].path)) {
			char *s = text_show(l->v[k].path, strlen(l->v[k].path), 200);
			char *msg = xasprintf("path %s is listed twice", s);
			diag_at(d, D_TEXIN_JSON, file, 0, 0, k + 1, msg);
			free(msg);
			free(s);
			texin_list_free(l);
			return -1;
		}
	return 0;
}

/* ---- differences -------------------------------------------------------- */

size_t texin_diff(const struct texin_list *then, const struct texin_list *now,
                  struct texin_change **out)
{
	struct texin_change *v = NULL;
	size_t n = 0, cap = 0;
	bool *used = xcalloc(now->n ? now->n : 1, sizeof *used);
	struct hmap bypath, byname;
	hmap_init(&bypath);
	hmap_init(&byname);
	/* the files of one name chained in path order: next[k], tail[head] */
	size_t m = now->n ? now->n : 1;
	size_t *next = xcalloc(m, sizeof *next), *tail = xcalloc(m, sizeof *tail);
	for (size_t k = 0; k < now->n; k++) {
		size_t head;
		next[k] = SIZE_MAX;
		hmap_put(&bypath, now->v[k].path, k, NULL);
		if (hmap_put(&byname, now->v[k].name, k, &head)) {
			tail[k] = k;
		} else {
			next[tail[head]] = k;
			tail[head] = k;
		}
	}
	size_t *match = xcalloc(then->n ? then->n : 1, sizeof *match);
	/* by path first, for all, so a name never takes another's file */
	for (size_t i = 0; i < then->n; i++) {
		size_t k;
		match[i] = SIZE_MAX;
		if (hmap_get(&bypath, then->v[i].path, &k) && !used[k]) {
			used[k] = true;
			match[i] = k;
		}
	}
	/* each chain's cursor (tail[head] from here on) starts at its head */
	for (size_t k = 0; k < now->n; k++) {
		size_t head;
		if (hmap_get(&byname, now->v[k].name, &head) && head == k)
			tail[k] = k;
	}
	/* then by name: the first file of that name not taken, in path order */
	for (size_t i = 0; i < then->n; i++) {
		size_t k;
		if (match[i] != SIZE_MAX || !hmap_get(&byname, then->v[i].name, &k))
			continue;
		/* the taken stay taken: the cursor moves past them once */
		size_t head = k;
		k = tail[head];
		while (k != SIZE_MAX && used[k])
			k = next[k];
		tail[head] = k;
		if (k != SIZE_MAX) {
			used[k] = true;
			match[i] = k;
		}
	}
	for (size_t i = 0; i < then->n; i++) {
		const struct texin *a = &then->v[i];
		const struct texin *b = match[i] == SIZE_MAX ? NULL : &now->v[match[i]];
		if (b && !strcmp(a->sha256, b->sha256))
			continue;
		ARRAY_PUSH(v, n, cap, ((struct texin_change){a, b}));
	}
	for (size_t k = 0; k < now->n; k++)
		if (!used[k])
			ARRAY_PUSH(v, n, cap, ((struct texin_change){NULL, &now->v[k]}));
	hmap_free(&bypath);
	hmap_free(&byname);
	free(next);
	free(tail);
	free(match);
	free(used);
	*out = v;
	return n;
}

/* A word that is a version number: v3.19, 3.84, 1.0a (a digit, a dot,
 * no slash: not a date). */
static bool number_word(const char *w, size_t k, bool *v)
{
	*v = k > 1 && (w[0] == 'v' || w[0] == 'V') && w[1] >= '0' && w[1] <= '9';
	size_t i = *v;
	if (i >= k || w[i] < '0' || w[i] > '9' || !memchr(w, '.', k) || memchr(w, '/', k))
		return false;
	return true;
}

/* The number of a declared version: "2023/03/05 v3.19 biblatex" and
 * "2022/12/26 3.19 biblatex" are 3.19, else its first word (a date).
 * Printable; caller frees. */
static char *short_version(const char *v)
{
	const char *s = v, *first = NULL;
	size_t fn = 0;
	while (*s) {
		while (*s == ' ')
			s++;
		const char *w = s;
		while (*s && *s != ' ')
			s++;
		size_t k = (size_t)(s - w);
		if (!k)
			break;
		if (!first)
			first = w, fn = k;
		bool lead;
		if (number_word(w, k, &lead))
			return text_show(w + lead, k - lead, 40);
	}
	return first ? text_show(first, fn, 40) : NULL;
}

/* "3.19 (texlive-bibtex-extra 2023.1-1)", "3.19", "(biblatex r66711)", or
 * "no declared version". */
static char *describe(const struct texin *t)
{
	char *v = t->version ? short_version(t->version) : NULL;
	char *p = t->package ? text_show(t->package, strlen(t->package), 80) : NULL;
	char *pv = t->package_version ? text_show(t->package_version,
	                                          strlen(t->package_version), 60) : NULL;
	char *pkg = p ? (pv ? xasprintf("(%s %s)", p, pv) : xasprintf("(%s)", p)) : NULL;
	char *s = v && pkg ? xasprintf("%s %s", v, pkg) : v ? xstrdup(v) : pkg ? xstrdup(pkg)
	          : xstrdup("no declared version");
	free(v);
	free(p);
	free(pv);
	free(pkg);
	return s;
}

static void short_hash(char out[16], const struct texin *t)
{
	snprintf(out, 16, "%.8s\xe2\x80\xa6", t->sha256);
}

void texin_print_change(FILE *f, const struct texin_change *c, const char *where)
{
	const struct texin *any = c->now ? c->now : c->then;
	/* a project file by its path, TeX Live's by the name TeX looks for */
	const char *label = any->project ? any->path : any->name;
	char *name = text_show(label, strlen(label), 200);
	char *w = text_show(where, strlen(where), 80);
	char ha[16], hb[16];
	if (c->then && c->now) {
		char *a = describe(c->now), *b = describe(c->then);
		short_hash(ha, c->then);
		short_hash(hb, c->now);
		if (!strcmp(a, b))
			fprintf(f, "%s: %s here and %s; sha256 %s -> %s\n", name, a, w, ha, hb);
		else
			fprintf(f, "%s: %s here, %s %s; sha256 %s -> %s\n", name, a, b, w, ha, hb);
		free(a);
		free(b);
	} else if (c->then) {
		char *b = describe(c->then);
		short_hash(ha, c->then);
		fprintf(f, "%s: read %s (%s), not here; sha256 %s\n", name, w, b, ha);
		free(b);
	} else {
		char *a = describe(c->now);
		short_hash(hb, c->now);
		fprintf(f, "%s: read here (%s), not %s; sha256 %s\n", name, a, w, hb);
		free(a);
	}
	free(name);
	free(w);
}

static cJSON *side_json(const struct texin *t)
{
	if (!t)
		return cJSON_CreateNull();
	cJSON *o = entry_json(t);
	cJSON_DeleteItemFromObjectCaseSensitive(o, "name");
	cJSON_DeleteItemFromObjectCaseSensitive(o, "project");
	return o;
}

cJSON *texin_change_json(const struct texin_change *c)
{
	const struct texin *any = c->now ? c->now : c->then;
	cJSON *o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "name", any->name);
	cJSON_AddBoolToObject(o, "project", any->project);
	cJSON_AddItemToObject(o, "then", side_json(c->then));
	cJSON_AddItemToObject(o, "now", side_json(c->now));
	return o;
}
