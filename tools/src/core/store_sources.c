/* store_sources.c - loading source metadata, texts and page maps. */
#include "core/store_impl.h"
#include "core/stripe.h"
#include "core/util.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

static bool date_ok(const char *s)
{
	size_t n = strlen(s);
	if (n != 4 && n != 7 && n != 10)
		return false;
	for (size_t i = 0; i < n; i++) {
		bool dash = i == 4 || i == 7;
		if (dash ? s[i] != '-' : !(s[i] >= '0' && s[i] <= '9'))
			return false;
	}
	int y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
	int m = n >= 7 ? (s[5] - '0') * 10 + (s[6] - '0') : 1;
	int dd = n == 10 ? (s[8] - '0') * 10 + (s[9] - '0') : 1;
	static const int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	if (m < 1 || m > 12)
		return false;
	return dd >= 1 && dd <= days[m - 1] + (m == 2 && leap);
}

bool source_id_ok(const char *id)
{
	return id_chars_ok(id, "") &&
	       ((id[0] >= 'A' && id[0] <= 'Z') || (id[0] >= 'a' && id[0] <= 'z'));
}

/* Read an object of string values; duplicate keys keep the first value
 * and are reported when report_dups (else the caller's jread did). */
static struct attr *load_strmap(const struct jdoc *doc, const cJSON *o,
                                size_t *n, const char *what, bool report_dups,
                                const char *where)
{
	struct attr *a = xcalloc((size_t)cJSON_GetArraySize(o), sizeof *a);
	char *w = xasprintf("%s, %s", where, what);
	*n = 0;
	for (const cJSON *c = o ? o->child : NULL; c; c = c->next) {
		bool dup = false;
		for (size_t k = 0; k < *n && !dup; k++)
			dup = strcmp(a[k].key, c->string) == 0;
		if (dup) {
			char *k = text_show(c->string, strlen(c->string), 40);
			if (report_dups)
				diag_in(doc->d, D_DUP_KEY, doc->file, w, k);
			free(k);
			continue;
		}
		const char *v = jstr_node(doc, c, c->string, w);
		if (!v)
			continue;
		a[*n].key = xstrdup(c->string);
		a[*n].val = xstrdup(v);
		(*n)++;
	}
	free(w);
	return a;
}

enum { G_LABEL, G_LINE, G_N };
static const struct jfield page_spec[G_N] = {
	[G_LABEL] = {"label", JT_STR, true, NULL},
	[G_LINE] = {"line", JT_ANY, false, NULL}, /* the old form: refused */
};

static void load_pages(struct source *src, const struct jdoc *doc,
                       cJSON *pages, const char *where)
{
	src->pages = xcalloc((size_t)cJSON_GetArraySize(pages), sizeof *src->pages);
	cJSON *p;
	size_t i = 0;
	bool lines = false;
	cJSON_ArrayForEach(p, pages) {
		char *w = xasprintf("%s, pages[%zu]", where, i++);
		struct jval f[G_N];
		if (!cJSON_IsObject(p)) {
			diag_in(doc->d, D_TYPE, doc->file, w, "pages[]", "an object");
		} else {
			jread(doc, p, page_spec, G_N, f, w);
			if (f[G_LINE].node && !lines)
				diag_in(doc->d, D_PAGE_LINE, doc->file, w);
			lines |= f[G_LINE].node != NULL;
			if (f[G_LABEL].s) {
				src->pages[src->npages].label = xstrdup(f[G_LABEL].s);
				src->npages++;
			}
		}
		free(w);
	}
	if (lines) { /* an old line table: page-line says it all, not page-count too */
		for (size_t k = 0; k < src->npages; k++)
			free(src->pages[k].label);
		src->npages = 0;
	}
}

/* A document's pages are the parts of its text between form feeds: one
 * label each.  Sets each page's start; a count that does not match is an
 * error, and then no page is cited (page_from stays NONE). */
static void check_pages(struct source *src, struct diag *d)
{
	if (src->kind != SRC_DOCUMENT || !src->text_ok || !src->npages)
		return;
	const struct text *t = &src->text;
	size_t n = 1;
	for (const char *p = t->data; (p = memchr(p, '\f', t->len - (size_t)(p - t->data)));
	     p++)
		n++;
	if (n != src->npages) {
		char *where = xasprintf("source %s", src->id);
		diag_in(d, D_PAGE_COUNT, src->metafile, where, n, n == 1 ? "" : "s", n - 1,
		        n - 1 == 1 ? "" : "s", src->npages, src->npages == 1 ? "" : "s");
		free(where);
		for (size_t i = 0; i < src->npages; i++)
			free(src->pages[i].label);
		src->npages = 0;
		return;
	}
	size_t k = 0;
	src->pages[k].start = 0;
	src->pages[k++].line = 1;
	for (size_t b = 0; b < t->len; b++)
		if (t->data[b] == '\f') {
			src->pages[k].start = b + 1;
			src->pages[k++].line = text_line_of(t, b + 1 < t->len ? b + 1 : b);
		}
}


enum { S_FORMAT, S_ID, S_KIND, S_LABEL, S_ATTRS, S_DATE, S_TEXT, S_BIBKEY,
       S_BIB, S_PAGES, S_GUID, S_N };
static const struct jfield source_spec[S_N] = {
	[S_FORMAT] = {"format", JT_STR, true, "sitat-source/1"},
	[S_ID] = {"id", JT_STR, true, NULL},
	[S_KIND] = {"kind", JT_STR, true, NULL},
	[S_LABEL] = {"label", JT_STR, true, NULL},
	[S_ATTRS] = {"attributes", JT_OBJ, false, NULL},
	[S_DATE] = {"date", JT_STR, false, NULL},
	[S_TEXT] = {"text", JT_STR, true, NULL},
	[S_BIBKEY] = {"bibkey", JT_STR, false, NULL},
	[S_BIB] = {"bib", JT_OBJ, false, NULL},
	[S_PAGES] = {"pages", JT_ARR, false, NULL},
	[S_GUID] = {"guid", JT_STR, false, NULL},
};

/* The keys of an inline bib entry: type is checked here, the others as
 * strings by load_strmap. */
enum { BT_TYPE, BT_N = 18 };
static const struct jfield bib_spec[BT_N] = {
	[BT_TYPE] = {"type", JT_STR, true, NULL},
	{"author", JT_ANY, false, NULL}, {"title", JT_ANY, false, NULL},
	{"year", JT_ANY, false, NULL}, {"date", JT_ANY, false, NULL},
	{"institution", JT_ANY, false, NULL}, {"publisher", JT_ANY, false, NULL},
	{"location", JT_ANY, false, NULL}, {"url", JT_ANY, false, NULL},
	{"note", JT_ANY, false, NULL}, {"number", JT_ANY, false, NULL},
	{"organization", JT_ANY, false, NULL}, {"editor", JT_ANY, false, NULL},
	{"journaltitle", JT_ANY, false, NULL}, {"pages", JT_ANY, false, NULL},
	{"volume", JT_ANY, false, NULL}, {"edition", JT_ANY, false, NULL},
	{"urldate", JT_ANY, false, NULL},
};

static void load_bib(struct source *src, const struct jdoc *doc, cJSON *bib,
                     const char *where)
{
	char *w = xasprintf("%s, bib", where);
	struct jval f[BT_N];
	jread(doc, bib, bib_spec, BT_N, f, w);
	const char *type = f[BT_TYPE].s;
	static const char *const types[] = {"report", "misc", "book", "article",
		"online", NULL};
	bool tok = false;
	for (const char *const *t = types; type && *t; t++)
		tok |= strcmp(*t, type) == 0;
	if (type && !tok) {
		char *v = text_show(type, strlen(type), 40);
		diag_in(doc->d, D_BAD_VALUE, doc->file, w, "type", v,
		        "report, misc, book, article or online");
		free(v);
	}
	src->bibtype = xstrdup(tok ? type : "misc");
	src->bib = load_strmap(doc, bib, &src->nbib, "bib", false, where);
	free(w);
}

/* Report value (of field key) shortened, as D_BAD_VALUE. */
static void bad_value(const struct jdoc *doc, const char *where, const char *key,
                      const char *value, const char *expected)
{
	char *v = text_show(value, strlen(value), 40);
	diag_in(doc->d, D_BAD_VALUE, doc->file, where, key, v, expected);
	free(v);
}

/* The checks that reject a source: its id, its kind, its text's name.
 * Returns false after reporting. */
static bool source_ok(const struct jdoc *doc, const struct jval *f,
                      const char *stem, const char *where, enum source_kind *k)
{
	struct diag *d = doc->d;
	const char *id = f[S_ID].s, *kind = f[S_KIND].s, *text = f[S_TEXT].s;
	if (!id || !kind || !text)
		return false;
	if (!source_id_ok(id)) {
		diag_in(d, D_BAD_ID, doc->file, where, "source", id, "[A-Za-z][A-Za-z0-9]*");
		return false;
	}
	if (strcmp(id, stem) != 0) {
		char *v = text_show(id, strlen(id), 40);
		diag_in(d, D_FILE_ID, doc->file, where, v, stem);
		free(v);
		return false;
	}
	if (strcmp(kind, "interview") && strcmp(kind, "document")) {
		bad_value(doc, where, "kind", kind, "interview or document");
		return false;
	}
	*k = strcmp(kind, "interview") ? SRC_DOCUMENT : SRC_INTERVIEW;
	if (f[S_DATE].s && !date_ok(f[S_DATE].s)) {
		char *v = text_show(f[S_DATE].s, strlen(f[S_DATE].s), 40);
		diag_in(d, D_BAD_DATE, doc->file, where, v);
		free(v);
	}
	if (strchr(text, '/') || text[0] == '.' || !id_chars_ok(text, "._-")) {
		bad_value(doc, where, "text", text,
		          "a file name in sources/ (letters, digits, . _ -)");
		return false;
	}
	if (str_ends_with(text, ".json")) {
		char *v = text_show(text, strlen(text), 40);
		diag_in(d, D_TEXT_JSON, doc->file, where, v, id);
		free(v);
		return false;
	}
	return true;
}

/* The parts of an accepted source apart from its text. */
static void fill_source(struct source *src, const struct jdoc *doc,
                        const struct jval *f, enum source_kind k,
                        const char *dir, const char *where)
{
	struct diag *d = doc->d;
	const char *id = f[S_ID].s, *bibkey = f[S_BIBKEY].s;
	cJSON *pages = f[S_PAGES].node;
	memset(src, 0, sizeof *src);
	src->id = xstrdup(id);
	src->kind = k;
	src->label = xstrdup(f[S_LABEL].s ? f[S_LABEL].s : id);
	src->date = sdup(f[S_DATE].s);
	if (f[S_GUID].s && !guid_ok(f[S_GUID].s)) {
		char *v = text_show(f[S_GUID].s, strlen(f[S_GUID].s), 40);
		diag_in(d, D_BAD_GUID, doc->file, where, "guid", v);
		free(v);
	} else {
		src->guid = sdup(f[S_GUID].s);
	}
	src->metafile = xstrdup(doc->file);
	src->textfile = path_join(dir, f[S_TEXT].s);
	src->attrs = load_strmap(doc, f[S_ATTRS].node, &src->nattrs, "attributes",
	                         true, where);
	for (size_t i = 0; i < src->nattrs; i++)
		if (strcmp(src->attrs[i].key, "role") == 0)
			src->role = xstrdup(src->attrs[i].val);
	if (k == SRC_DOCUMENT) {
		if ((bibkey == NULL) == (f[S_BIB].node == NULL))
			diag_in(d, D_DOC_BIB, doc->file, where);
		if (!pages || cJSON_GetArraySize(pages) == 0)
			diag_in(d, D_DOC_PAGES, doc->file, where);
	}
	if (bibkey && !id_chars_ok(bibkey, "_-:."))
		bad_value(doc, where, "bibkey", bibkey,
		          "a biblatex key (letters, digits, _ - : .)");
	else
		src->bibkey = sdup(bibkey);
	if (f[S_BIB].node)
		load_bib(src, doc, f[S_BIB].node, where);
	if (pages)
		load_pages(src, doc, pages, where);
	if (k == SRC_INTERVIEW && pages && cJSON_GetArraySize(pages) > 0)
		diag_in(d, D_UNKNOWN_KEY, doc->file, where,
		        "pages (interviews are cited by line)");
}

/* sources/NAME (NAME ends in .json); a source that is not accepted is
 * remembered in L->failed.  Its text is read later, by load_texts. */
static void load_source(struct load *L, const char *dir, const char *name)
{
	struct store *s = L->s;
	char *rel = path_join("sources", name);
	char *file = path_join(dir, name);
	char *stem = xstrndup(name, strlen(name) - 5);
	char *where = source_id_ok(stem) ? xasprintf("source %s", stem)
	                                 : xstrdup("source");
	struct jdoc doc;
	bool ok = false;
	if (store_read_json(L, rel, file, STORE_META_LIMIT, &doc, L->d) < 0)
		goto out;
	if (!cJSON_IsObject(doc.root)) {
		diag_in(L->d, D_TYPE, file, where, "(top level)", "an object");
		goto out;
	}
	struct jval f[S_N];
	enum source_kind k;
	jread(&doc, doc.root, source_spec, S_N, f, where);
	if (!source_ok(&doc, f, stem, where, &k))
		goto out;
	struct source *src = &s->sources[s->nsources];
	fill_source(src, &doc, f, k, dir, where);
	/* ids equal file stems, which are unique */
	hmap_put(&s->srcmap, src->id, s->nsources, NULL);
	s->nsources++;
	ok = true;
out:
	if (!ok)
		ARRAY_PUSH(L->failed, L->nfailed, L->capfailed, xstrdup(stem));
	json_free(&doc);
	free(where), free(stem), free(file), free(rel);
}

bool store_source_failed(const struct load *L, const char *stem)
{
	for (size_t i = 0; i < L->nfailed; i++)
		if (!strcmp(L->failed[i], stem))
			return true;
	return false;
}

/* Reading and checking the texts: the bulk of a large store.  Two
 * threads share the sources; each source's diagnostics are kept apart and
 * reported in source order afterwards, so the output does not depend on
 * the timing. */
struct text_job {
	struct diag d;
	bool read;    /* the file was read */
	bool missing; /* there is no such file */
};

struct text_jobs {
	const struct load *L;
	struct text_job *v;
};

static void load_text(void *arg, size_t k)
{
	struct text_jobs *t = arg;
	struct text_job *j = &t->v[k];
	struct source *src = &t->L->s->sources[k];
	const char *name = strrchr(src->textfile, '/') + 1;
	char *rel = path_join("sources", name), *data;
	size_t len;
	diag_init(&j->d, NULL);
	if (store_read(t->L, rel, src->textfile, STORE_DATA_LIMIT, &data, &len,
	               true, &j->d) == 0) {
		j->read = true;
		unsigned fl = TEXT_TABS | (src->kind == SRC_DOCUMENT ? TEXT_FORMFEED : 0);
		src->text_ok = text_init(&src->text, data, len, src->textfile, fl,
		                         &j->d) && len > 0;
	} else {
		j->missing = errno == ENOENT;
		src->text.lines = xcalloc(1, sizeof(size_t));
		src->text.nlines = 1;
	}
	free(rel);
}

static void load_texts(struct load *L)
{
	struct store *s = L->s;
	struct diag *d = L->d;
	struct text_jobs t = {L, xcalloc(s->nsources, sizeof *t.v)};
	stripe_run(s->nsources, load_text, &t);
	for (size_t k = 0; k < s->nsources; k++) {
		struct text_job *j = &t.v[k];
		struct source *src = &s->sources[k];
		diag_merge(d, &j->d);
		diag_free(&j->d);
		if (j->missing) {
			char *where = xasprintf("source %s", src->id);
			const char *name = strrchr(src->textfile, '/') + 1;
			char *v = text_show(name, strlen(name), 40);
			diag_in(d, D_NO_TEXT, src->metafile, where, v, strerror(ENOENT));
			free(v);
			free(where);
		} else if (j->read && src->text.len == 0) {
			diag_at(d, D_EMPTY_FILE, src->textfile, 0, 0);
		}
		check_pages(src, d);
	}
	free(t.v);
}

/* A file in sources/ that is neither metadata nor a source's text (the
 * text of a source that did not load is not one: it has an error). */
static void report_strays(const struct load *L, const struct walk_list *l)
{
	const struct store *s = L->s;
	for (size_t i = 0; i < l->n; i++) {
		const struct walk_entry *e = &l->v[i];
		bool used = e->type == WALK_DIR || str_ends_with(e->name, ".json");
		for (size_t k = 0; k < s->nsources && !used; k++)
			used = strcmp(s->sources[k].textfile, e->path) == 0;
		if (!used) {
			char *stem = xstrndup(e->name, strcspn(e->name, "."));
			used = store_source_failed(L, stem);
			free(stem);
		}
		if (!used)
			diag_at(L->d, D_STRAY_FILE, e->path, 0, 0);
	}
}

void store_load_sources(struct load *L)
{
	struct store *s = L->s;
	char *dir = path_join(s->root, "sources");
	struct walk_list l;
	if (store_list(L, "sources", dir, &l) < 0) {
		free(dir);
		return;
	}
	size_t n = 0;
	for (size_t i = 0; i < l.n; i++)
		n += str_ends_with(l.v[i].name, ".json");
	s->sources = xcalloc(n, sizeof *s->sources);
	for (size_t i = 0; i < l.n; i++)
		if (str_ends_with(l.v[i].name, ".json"))
			load_source(L, dir, l.v[i].name);
	load_texts(L);
	report_strays(L, &l);
	walk_free(&l);
	free(dir);
}
