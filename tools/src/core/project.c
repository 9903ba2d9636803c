/* project.c - the project file, sitat.json: found by searching upward,
 * read with cJSON (core/json.h), every problem at file:line:col. */
#define _DEFAULT_SOURCE /* realpath */
#include "core/project.h"
#include "core/infile.h"
#include "core/json.h"
#include "core/text.h"
#include "core/util.h"

#include <errno.h>
#include <limits.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* ---- where a key is in the raw text ------------------------------------- */

static size_t skip_ws(const char *s, size_t n, size_t i)
{
	while (i < n && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r'))
		i++;
	return i;
}

/* i is on a '"': the offset after the closing quote. */
static size_t skip_string(const char *s, size_t n, size_t i)
{
	for (i++; i < n && s[i] != '"'; i++)
		if (s[i] == '\\')
			i++;
	return i < n ? i + 1 : n;
}

/* i is on a value: the offset after it. */
static size_t skip_value(const char *s, size_t n, size_t i)
{
	if (i < n && s[i] == '"')
		return skip_string(s, n, i);
	int depth = 0;
	for (; i < n; i++) {
		char c = s[i];
		if (c == '"') {
			i = skip_string(s, n, i) - 1;
		} else if (c == '{' || c == '[') {
			depth++;
		} else if (c == '}' || c == ']') {
			if (depth-- == 0)
				return i;
			if (depth == 0)
				return i + 1;
		} else if (depth == 0 && (c == ',' || c == ' ' || c == '\n' || c == '\t' || c == '\r')) {
			return i;
		}
	}
	return n;
}

/* The offset of the value of the first top-level member named key or,
 * when elem is not SIZE_MAX, of element elem of that array value (with
 * elem KEY_ITSELF, of the key's last occurrence); n when not found (the positions of
 * messages about the file). */
#define KEY_ITSELF (SIZE_MAX - 1)
static size_t key_offset(const char *s, size_t n, const char *key, size_t elem)
{
	size_t i = skip_ws(s, n, 0), klen = strlen(key), last = n;
	if (i >= n || s[i] != '{')
		return n;
	i++;
	while (i < n) {
		i = skip_ws(s, n, i);
		if (i >= n || s[i] != '"')
			return last;
		size_t k0 = i + 1, k1 = skip_string(s, n, i);
		i = skip_ws(s, n, k1);
		if (i >= n || s[i] != ':')
			return last;
		i = skip_ws(s, n, i + 1);
		if (k1 - 1 - k0 == klen && !memcmp(s + k0, key, klen)) {
			if (elem == KEY_ITSELF)
				last = k0 - 1;
			else if (elem == SIZE_MAX || i >= n || s[i] != '[')
				return i;
			if (elem != KEY_ITSELF) {
				size_t j = skip_ws(s, n, i + 1);
				for (size_t e = 0; j < n && e < elem; e++) {
					j = skip_ws(s, n, skip_value(s, n, j));
					if (j < n && s[j] == ',')
						j = skip_ws(s, n, j + 1);
				}
				return j;
			}
		}
		i = skip_ws(s, n, skip_value(s, n, i));
		if (i < n && s[i] == ',')
			i++;
	}
	return last;
}

/* ---- reading the file -------------------------------------------------- */

struct pread {
	const char *file, *data;
	size_t len;
	struct diag *d;
};

static void at(const struct pread *r, const char *key, size_t elem,
               size_t *line, size_t *col)
{
	size_t off = key ? key_offset(r->data, r->len, key, elem) : 0;
	raw_line_col(r->data, r->len, off, line, col);
}

#define REPORT(r, key, elem, id, ...) do { \
	size_t l_, c_; \
	at((r), (key), (elem), &l_, &c_); \
	diag_at((r)->d, id, (r)->file, l_, c_, __VA_ARGS__); \
} while (0)

/* A path from the file: relative, never leaving the project's directory.
 * Returns the value or NULL after a report. */
static const char *check_path(const struct pread *r, const char *key,
                              size_t elem, const cJSON *v)
{
	const char *name = elem == SIZE_MAX ? key : "bib[]";
	if (!cJSON_IsString(v)) {
		REPORT(r, key, elem, D_TYPE, name, "a string (a path)");
		return NULL;
	}
	const char *s = v->valuestring;
	if (!s[0]) {
		REPORT(r, key, elem, D_EMPTY, name);
		return NULL;
	}
	const char *why = NULL;
	if (s[0] == '/')
		why = "an absolute path";
	else if (strchr(s, '\\'))
		why = "a backslash (use /)";
	int depth = 0;
	for (const char *p = s; !why && *p;) {
		size_t k = strcspn(p, "/");
		if (k == 2 && !strncmp(p, "..", 2))
			depth--;
		else if (k && !(k == 1 && p[0] == '.'))
			depth++;
		if (depth < 0)
			why = "it leaves the project's directory";
		p += k + (p[k] == '/');
	}
	if (why) {
		char *show = text_show(s, strlen(s), 60);
		REPORT(r, key, elem, D_PROJECT_PATH, name, show, why);
		free(show);
		return NULL;
	}
	return s;
}

enum { K_FORMAT, K_STORE, K_MAIN, K_GENERATED, K_OUTPUT, K_ENGINE, K_BIB, K_STY, K_N };
static const char *const keys[K_N] = {"format", "store", "main", "generated",
                                      "output", "engine", "bib", "sty"};

struct pvals {
	const char *v[K_N];
	const char **bib;
	size_t nbib;
	bool has_bib;
};

static void read_bib(const struct pread *r, const cJSON *b, struct pvals *out)
{
	if (!cJSON_IsArray(b)) {
		REPORT(r, "bib", SIZE_MAX, D_TYPE, "bib", "an array of paths");
		return;
	}
	out->has_bib = true;
	out->bib = xcalloc((size_t)cJSON_GetArraySize(b) + 1, sizeof *out->bib);
	size_t e = 0;
	const cJSON *c;
	cJSON_ArrayForEach(c, b) {
		const char *s = check_path(r, "bib", e++, c);
		if (s)
			out->bib[out->nbib++] = s;
	}
}

static void read_member(const struct pread *r, const cJSON *c, int k,
                        struct pvals *out)
{
	if (k == K_BIB) {
		read_bib(r, c, out);
	} else if (k == K_FORMAT || k == K_ENGINE) {
		if (!cJSON_IsString(c)) {
			REPORT(r, keys[k], SIZE_MAX, D_TYPE, keys[k], "a string");
			return;
		}
		const char *s = c->valuestring;
		if (k == K_FORMAT && strcmp(s, "sitat-project/1"))
			REPORT(r, keys[k], SIZE_MAX, D_FORMAT, s, "sitat-project/1");
		else if (k == K_ENGINE && strcmp(s, "pdflatex") &&
		         strcmp(s, "xelatex") && strcmp(s, "lualatex"))
			REPORT(r, keys[k], SIZE_MAX, D_BAD_VALUE, "engine", s,
			       "pdflatex, xelatex or lualatex");
		else
			out->v[k] = s;
	} else if ((out->v[k] = check_path(r, keys[k], SIZE_MAX, c)) &&
	           k == K_MAIN && !str_ends_with(out->v[k], ".tex")) {
		REPORT(r, keys[k], SIZE_MAX, D_BAD_VALUE, "main", out->v[k],
		       "a .tex file");
		out->v[k] = NULL;
	}
}

/* Check the members of the parsed file; out points into the tree. */
static void read_members(const struct pread *r, const cJSON *root, struct pvals *out)
{
	if (!cJSON_IsObject(root)) {
		REPORT(r, NULL, SIZE_MAX, D_TYPE, "(top level)", "an object");
		return;
	}
	for (const cJSON *c = root->child; c; c = c->next) {
		int k = 0;
		while (k < K_N && strcmp(keys[k], c->string))
			k++;
		bool dup = false;
		for (const cJSON *p = root->child; p != c && !dup; p = p->next)
			dup = !strcmp(p->string, c->string);
		char *show = text_show(c->string, strlen(c->string), 40);
		if (dup)
			REPORT(r, c->string, KEY_ITSELF, D_DUP_KEY, show);
		else if (k == K_N)
			REPORT(r, c->string, KEY_ITSELF, D_UNKNOWN_KEY, show);
		else
			read_member(r, c, k, out);
		free(show);
	}
}

/* ---- finding it ---------------------------------------------------------- */

static bool is_file(const char *dir, const char *name)
{
	char *p = path_join(dir, name);
	struct stat st;
	bool r = stat(p, &st) == 0 && S_ISREG(st.st_mode);
	free(p);
	return r;
}

/* dir followed by levels "..": "." and 2 give "../.." */
static char *up(const char *dir, size_t levels)
{
	struct buf b;
	buf_init(&b);
	if (strcmp(dir, ".") || levels == 0)
		buf_puts(&b, dir);
	for (size_t k = 0; k < levels; k++)
		buf_puts(&b, b.len ? "/.." : "..");
	return buf_detach(&b, NULL);
}

/* The number of levels above dir that hold sitat.json (*found) or, if
 * none does, evidence/project.json (the demo layout); 0 when neither. */
static size_t find_root(const char *dir, bool *found)
{
	char *abs = realpath(dir, NULL);
	size_t levels = 0, fallback = SIZE_MAX;
	*found = false;
	for (char *cur = abs; cur;) {
		if (is_file(cur, PROJECT_FILE)) {
			*found = true;
			break;
		}
		if (fallback == SIZE_MAX && is_file(cur, "evidence/project.json"))
			fallback = levels;
		char *slash = strrchr(cur, '/');
		if (!slash || !cur[1])
			break;
		if (slash == cur)
			slash[1] = '\0';
		else
			*slash = '\0';
		levels++;
	}
	free(abs);
	if (!*found)
		levels = fallback == SIZE_MAX ? 0 : fallback;
	return levels;
}

/* ---- the project --------------------------------------------------------- */

static char *under(const char *root, const char *rel)
{
	if (!strcmp(root, "."))
		return xstrdup(rel);
	if (!strcmp(rel, "."))
		return xstrdup(root);
	return path_join(root, rel);
}

static char *dir_of(const char *path)
{
	const char *slash = strrchr(path, '/');
	return slash ? xstrndup(path, (size_t)(slash - path)) : xstrdup(".");
}

/* Fill p from the values (NULL: the default). */
static void fill(struct project *p, const struct pvals *v)
{
	const char *main_rel = v->v[K_MAIN] ? v->v[K_MAIN] : "thesis/thesis.tex";
	char *texdir_rel = dir_of(main_rel);
	char *gen_rel = v->v[K_GENERATED] ? xstrdup(v->v[K_GENERATED])
	                                  : under(texdir_rel, "generated");
	char *sty_rel = v->v[K_STY] ? xstrdup(v->v[K_STY]) : under(texdir_rel, "sitat.sty");
	const char *base = strrchr(main_rel, '/');
	base = base ? base + 1 : main_rel;
	p->jobname = xstrndup(base, strlen(base) - 4);
	p->store = under(p->root, v->v[K_STORE] ? v->v[K_STORE] : "evidence");
	p->main = under(p->root, main_rel);
	p->texdir = under(p->root, texdir_rel);
	p->generated = under(p->root, gen_rel);
	p->output = under(p->root, v->v[K_OUTPUT] ? v->v[K_OUTPUT] : "build");
	p->sty = under(p->root, sty_rel);
	p->engine = xstrdup(v->v[K_ENGINE] ? v->v[K_ENGINE] : "pdflatex");
	if (v->has_bib) {
		p->nbib = v->nbib;
		p->bib = xcalloc(v->nbib + 1, sizeof *p->bib);
		for (size_t k = 0; k < v->nbib; k++)
			p->bib[k] = under(p->root, v->bib[k]);
	} else {
		p->nbib = 1;
		p->bib = xcalloc(2, sizeof *p->bib);
		p->bib[0] = under(p->root, "bib");
	}
	char *rec = xasprintf("%s.sitat", p->jobname), *pdf = xasprintf("%s.pdf", p->jobname);
	p->record = path_join(p->output, rec);
	p->pdf = path_join(p->output, pdf);
	p->key = path_join(p->store, "private/names.txt");
	free(rec), free(pdf);
	free(texdir_rel), free(gen_rel), free(sty_rel);
}

/* Read and check the file p->file into v; returns the tree (caller
 * deletes) or NULL; errors are counted in d. */
static cJSON *read_project(const char *file, struct pvals *v, struct diag *d)
{
	char *data;
	size_t len;
	if (read_file(file, &data, &len) < 0) {
		diag_at(d, D_IO, file, 0, 0, strerror(errno));
		return NULL;
	}
	struct jdoc doc;
	cJSON *root = NULL;
	if (json_parse(&doc, file, data, len, d) == 0) {
		struct pread r = {file, data, len, d};
		root = doc.root;
		read_members(&r, root, v);
	}
	free(data);
	return root;
}

int project_load(struct project *p, const char *dir, struct diag *d)
{
	memset(p, 0, sizeof *p);
	bool found;
	size_t levels = find_root(dir, &found);
	p->root = up(dir, levels);
	struct pvals v = {0};
	cJSON *tree = NULL;
	size_t errors = d->errors;
	if (found) {
		p->file = under(p->root, PROJECT_FILE);
		tree = read_project(p->file, &v, d);
	}
	int r = d->errors > errors ? -1 : 0;
	if (r < 0) {
		free(v.bib);
		memset(&v, 0, sizeof v); /* the defaults, for what is printed */
	}
	fill(p, &v);
	free(v.bib);
	cJSON_Delete(tree);
	return r;
}

void project_free(struct project *p)
{
	free(p->file), free(p->root), free(p->store), free(p->main);
	free(p->texdir), free(p->generated), free(p->output), free(p->sty);
	free(p->jobname), free(p->engine), free(p->record), free(p->pdf);
	free(p->key);
	for (size_t k = 0; k < p->nbib; k++)
		free(p->bib[k]);
	free(p->bib);
	memset(p, 0, sizeof *p);
}
