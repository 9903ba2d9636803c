/* store_sources.c - loading source metadata, texts and page maps. */
#include "core/store.h"
#include "core/infile.h"
#include "core/json.h"
#include "core/util.h"

#include <errno.h>
#include <pthread.h>
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

bool source_id_ok(const char *id);
bool source_id_ok(const char *id)
{
	return id_chars_ok(id, "") &&
	       ((id[0] >= 'A' && id[0] <= 'Z') || (id[0] >= 'a' && id[0] <= 'z'));
}

/* Read an object of string values; duplicate keys keep the first value
 * and are reported when report_dups (else the caller's jkeys did). */
static struct attr *load_strmap(const cJSON *o, size_t *n, const char *what,
                                bool report_dups, const char *file,
                                const char *where, struct diag *d)
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
				diag_in(d, D_DUP_KEY, file, w, k);
			free(k);
			continue;
		}
		/* the value: a string (jstr reports other types and bad text) */
		const char *v = NULL;
		if (!cJSON_IsString(c))
			diag_in(d, D_TYPE, file, w, c->string, "a string");
		else
			v = jstr(o, c->string, false, file, w, d);
		if (!v)
			continue;
		a[*n].key = xstrdup(c->string);
		a[*n].val = xstrdup(v);
		(*n)++;
	}
	free(w);
	return a;
}

static void load_pages(struct source *src, const cJSON *pages,
                       const char *file, const char *where, struct diag *d)
{
	src->pages = xcalloc((size_t)cJSON_GetArraySize(pages), sizeof *src->pages);
	const cJSON *p;
	size_t i = 0;
	cJSON_ArrayForEach(p, pages) {
		char *w = xasprintf("%s, pages[%zu]", where, i++);
		size_t line;
		const char *label = cJSON_IsObject(p) ? jstr(p, "label", true, file, w, d) : NULL;
		if (!cJSON_IsObject(p))
			diag_in(d, D_TYPE, file, w, "pages[]", "an object");
		else if (juint(p, "line", &line, file, w, d) && label) {
			static const char *const keys[] = {"label", "line", NULL};
			jkeys(p, keys, file, w, d);
			src->pages[src->npages].label = xstrdup(label);
			src->pages[src->npages].line = line;
			src->npages++;
		}
		free(w);
	}
}

/* Once the text is loaded: pages ascending, first on line 1, in range. */
static void check_pages(struct source *src, struct diag *d)
{
	char *where = xasprintf("source %s", src->id);
	for (size_t i = 0; i < src->npages; i++) {
		struct page *p = &src->pages[i];
		char *lab = text_show(p->label, strlen(p->label), 20);
		if (p->line < 1 || (src->text_ok && p->line > src->text.nlines) ||
		    (i == 0 && p->line != 1))
			diag_in(d, D_PAGE_RANGE, src->metafile, where, lab, p->line,
			        src->text.nlines);
		else if (i > 0 && p->line <= src->pages[i - 1].line)
			diag_in(d, D_PAGE_ORDER, src->metafile, where, lab, p->line,
			        src->pages[i - 1].line);
		free(lab);
	}
	free(where);
}

static void load_source(struct store *s, const char *dir, const char *name,
                        struct diag *d)
{
	char *file = path_join(dir, name);
	cJSON *j = json_load(file, d);
	char *stem = xstrndup(name, strlen(name) - 5);
	char *where = source_id_ok(stem) ? xasprintf("source %s", stem)
	                                 : xstrdup("source");
	if (!j)
		goto out;
	if (!cJSON_IsObject(j)) {
		diag_in(d, D_TYPE, file, where, "(top level)", "an object");
		goto out;
	}
	static const char *const keys[] = {"format", "id", "kind", "label",
		"attributes", "date", "text", "bibkey", "bib", "pages", NULL};
	jkeys(j, keys, file, where, d);
	const char *fmt = jstr(j, "format", true, file, where, d);
	if (fmt && strcmp(fmt, "sitat-source/1") != 0)
		diag_in(d, D_FORMAT, file, where, fmt, "sitat-source/1");
	const char *id = jstr(j, "id", true, file, where, d);
	const char *kind = jstr(j, "kind", true, file, where, d);
	const char *label = jstr(j, "label", true, file, where, d);
	const cJSON *attrs = jobj(j, "attributes", false, file, where, d);
	const char *date = jstr(j, "date", false, file, where, d);
	const char *textname = jstr(j, "text", true, file, where, d);
	const char *bibkey = jstr(j, "bibkey", false, file, where, d);
	const cJSON *bib = jobj(j, "bib", false, file, where, d);
	const cJSON *pages = jarr(j, "pages", false, file, where, d);
	if (!id || !kind || !textname)
		goto out;
	if (!source_id_ok(id)) {
		diag_in(d, D_BAD_ID, file, where, "source", id, "[A-Za-z][A-Za-z0-9]*");
		goto out;
	}
	if (strcmp(id, stem) != 0) {
		char *v = text_show(id, strlen(id), 40);
		diag_in(d, D_FILE_ID, file, where, v, stem);
		free(v);
		goto out;
	}
	enum source_kind k;
	if (strcmp(kind, "interview") == 0)
		k = SRC_INTERVIEW;
	else if (strcmp(kind, "document") == 0)
		k = SRC_DOCUMENT;
	else {
		char *v = text_show(kind, strlen(kind), 40);
		diag_in(d, D_BAD_VALUE, file, where, "kind", v, "interview or document");
		free(v);
		goto out;
	}
	if (date && !date_ok(date)) {
		char *v = text_show(date, strlen(date), 40);
		diag_in(d, D_BAD_DATE, file, where, v);
		free(v);
	}
	if (strchr(textname, '/') || textname[0] == '.' ||
	    !id_chars_ok(textname, "._-")) {
		char *v = text_show(textname, strlen(textname), 40);
		diag_in(d, D_BAD_VALUE, file, where, "text", v,
		        "a file name in sources/ (letters, digits, . _ -)");
		free(v);
		goto out;
	}
	struct source *src = &s->sources[s->nsources];
	memset(src, 0, sizeof *src);
	src->id = xstrdup(id);
	src->kind = k;
	src->label = xstrdup(label ? label : id);
	src->date = sdup(date);
	src->metafile = xstrdup(file);
	src->textfile = path_join(dir, textname);
	src->attrs = load_strmap(attrs, &src->nattrs, "attributes", true, file, where, d);
	for (size_t i = 0; i < src->nattrs; i++)
		if (strcmp(src->attrs[i].key, "role") == 0)
			src->role = xstrdup(src->attrs[i].val);
	if (k == SRC_DOCUMENT) {
		if ((bibkey == NULL) == (bib == NULL))
			diag_in(d, D_DOC_BIB, file, where);
		if (!pages || cJSON_GetArraySize(pages) == 0)
			diag_in(d, D_DOC_PAGES, file, where);
	}
	if (bibkey && !id_chars_ok(bibkey, "_-:.")) {
		char *v = text_show(bibkey, strlen(bibkey), 40);
		diag_in(d, D_BAD_VALUE, file, where, "bibkey", v,
		        "a biblatex key (letters, digits, _ - : .)");
		free(v);
	} else {
		src->bibkey = sdup(bibkey);
	}
	if (bib) {
		char *w = xasprintf("%s, bib", where);
		static const char *const bk[] = {"type", "author", "title", "year",
			"date", "institution", "publisher", "location", "url", "note",
			"number", "organization", "editor", "journaltitle", "pages",
			"volume", "edition", "urldate", NULL};
		jkeys(bib, bk, file, w, d);
		const char *type = jstr(bib, "type", true, file, w, d);
		static const char *const types[] = {"report", "misc", "book",
			"article", "online", NULL};
		bool tok = false;
		for (const char *const *t = types; type && *t; t++)
			tok |= strcmp(*t, type) == 0;
		if (type && !tok) {
			char *v = text_show(type, strlen(type), 40);
			diag_in(d, D_BAD_VALUE, file, w, "type", v,
			        "report, misc, book, article or online");
			free(v);
		}
		src->bibtype = xstrdup(tok ? type : "misc");
		src->bib = load_strmap(bib, &src->nbib, "bib", false, file, where, d);
		free(w);
	}
	if (pages)
		load_pages(src, pages, file, where, d);
	if (k == SRC_INTERVIEW && pages && cJSON_GetArraySize(pages) > 0)
		diag_in(d, D_UNKNOWN_KEY, file, where, "pages (interviews are cited by line)");

	/* the text is read later, by load_texts, possibly in parallel */
	size_t old;
	if (!hmap_put(&s->srcmap, src->id, s->nsources, &old)) {
		/* cannot happen: ids equal file stems, which are unique */
		diag_in(d, D_DUP_ID, file, where, "source", id, s->sources[old].metafile);
	}
	s->nsources++;
out:
	cJSON_Delete(j);
	free(where);
	free(stem);
	free(file);
}

/* Reading and checking the texts: the bulk of a large store.  Two
 * threads share the sources; each source's diagnostics are kept apart and
 * reported in source order afterwards, so the output does not depend on
 * the timing. */
struct text_job {
	struct source *src;
	struct diag d;
	int err;   /* errno of a failed read, or 0 */
	bool empty;
};

struct text_worker {
	struct text_job *jobs;
	size_t n, first, step;
};

static void *text_worker(void *arg)
{
	struct text_worker *w = arg;
	for (size_t k = w->first; k < w->n; k += w->step) {
		struct text_job *j = &w->jobs[k];
		char *data;
		size_t len;
		diag_init(&j->d, NULL);
		if (read_file(j->src->textfile, &data, &len) < 0) {
			j->err = errno ? errno : EIO;
			continue;
		}
		j->src->text_ok = text_init(&j->src->text, data, len,
		                            j->src->textfile, true, &j->d);
		j->empty = len == 0;
	}
	return NULL;
}

static void load_texts(struct store *s, struct diag *d)
{
	struct text_job *jobs = xcalloc(s->nsources, sizeof *jobs);
	for (size_t k = 0; k < s->nsources; k++)
		jobs[k].src = &s->sources[k];
	struct text_worker w[2] = {{jobs, s->nsources, 0, 2}, {jobs, s->nsources, 1, 2}};
	pthread_t th;
	bool threaded = s->nsources > 1 && pthread_create(&th, NULL, text_worker, &w[1]) == 0;
	if (!threaded)
		w[0].step = 1;
	text_worker(&w[0]);
	if (threaded)
		pthread_join(th, NULL);
	for (size_t k = 0; k < s->nsources; k++) {
		struct text_job *j = &jobs[k];
		struct source *src = j->src;
		diag_merge(d, &j->d);
		diag_free(&j->d);
		if (j->err) {
			char *where = xasprintf("source %s", src->id);
			const char *name = strrchr(src->textfile, '/');
			char *v = text_show(name ? name + 1 : src->textfile,
			                    strlen(name ? name + 1 : src->textfile), 40);
			diag_in(d, D_NO_TEXT, src->metafile, where, v, strerror(j->err));
			free(v);
			free(where);
			src->text.lines = xcalloc(1, sizeof(size_t));
			src->text.nlines = 1;
		} else if (j->empty) {
			diag_at(d, D_EMPTY_FILE, src->textfile, 0, 0);
			src->text_ok = false;
		}
		check_pages(src, d);
	}
	free(jobs);
}

void store_load_sources(struct store *s, struct diag *d)
{
	char *dir = path_join(s->root, "sources");
	char **names;
	size_t n;
	if (list_dir(dir, ".json", &names, &n) < 0) {
		diag_at(d, D_IO, dir, 0, 0, strerror(errno));
		free(dir);
		return;
	}
	s->sources = xcalloc(n, sizeof *s->sources);
	for (size_t i = 0; i < n; i++)
		load_source(s, dir, names[i], d);
	load_texts(s, d);
	/* stray text files: in sources/ but no source's text */
	char **txt;
	size_t nt;
	if (list_dir(dir, "", &txt, &nt) == 0) {
		for (size_t i = 0; i < nt; i++) {
			size_t l = strlen(txt[i]);
			bool used = l > 5 && strcmp(txt[i] + l - 5, ".json") == 0;
			char *p = path_join(dir, txt[i]);
			for (size_t k = 0; k < s->nsources && !used; k++)
				used = strcmp(s->sources[k].textfile, p) == 0;
			if (!used)
				diag_at(d, D_STRAY_FILE, p, 0, 0);
			free(p);
			free(txt[i]);
		}
		free(txt);
	}
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	free(names);
	free(dir);
}
