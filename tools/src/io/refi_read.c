/* refi_read.c - read a REFI-QDA project (.qdpx) or codebook (.qdc) into
 * the model of io/refi.h: the archive with libzip (entries found by
 * name, read with their inflated size counted against the limits), the
 * XML with libxml2 (refi_parse.c).  refi_free releases a model. */
#include "io/refi_impl.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "core/util.h"

bool refi_room(struct refi_ctx *c)
{
	if (c->stopped)
		return false;
	if (c->problems++ < REFI_MAX_PROBLEMS)
		return true;
	diag_at(c->d, D_REFI_MORE, c->where, 0, 0, REFI_MAX_PROBLEMS);
	c->stopped = true;
	return false;
}

const char *refi_show(struct refi_ctx *c, const char *s)
{
	char *out = c->shown[c->nshown++ % 4];
	size_t n = strlen(s);
	if (n <= 60) {
		memcpy(out, s, n + 1);
		return out;
	}
	n = 57;
	while (n && ((unsigned char)s[n] & 0xC0) == 0x80)
		n--;
	memcpy(out, s, n);
	memcpy(out + n, "...", 4);
	return out;
}

const char *refi_elem(struct refi_ctx *c, const char *elem, const char *guid)
{
	if (guid)
		snprintf(c->desc, sizeof c->desc, "%s guid=%s", elem, refi_show(c, guid));
	else
		snprintf(c->desc, sizeof c->desc, "%s", elem);
	return c->desc;
}

static bool prefix_ci(const char *s, const char *pre)
{
	for (; *pre; s++, pre++) {
		char a = (*s >= 'A' && *s <= 'Z') ? (char)(*s + 32) : *s;
		if (a != *pre)
			return false;
	}
	return true;
}

static bool suffix_ci(const char *s, const char *suf)
{
	size_t n = strlen(s), k = strlen(suf);
	return n > k && prefix_ci(s + n - k, suf);
}

/* The key of an entry name: a backslash (a zip made on Windows) becomes
 * '/', and "Sources/" in any case "sources/".  Only to look entries up:
 * nothing is ever extracted. */
static char *entry_key(const char *name)
{
	char *k = xstrdup(name);
	for (char *p = k; *p; p++)
		if (*p == '\\')
			*p = '/';
	if (prefix_ci(k, "sources/"))
		memcpy(k, "sources/", 8);
	return k;
}

/* Read entry i (called name) whole, at most limit bytes, counting what it
 * inflates to against REFI_TOTAL_MAX whatever its header says.  pre and
 * line place the messages ("TextSource guid=...: " and its line, or ""
 * and 0 for the archive).  Caller frees. */
static char *read_entry(struct refi_ctx *c, zip_uint64_t i, const char *name, size_t limit,
                        const char *pre, size_t line, size_t *len)
{
	zip_stat_t st;
	zip_stat_init(&st);
	if (zip_stat_index(c->za, i, 0, &st) < 0) {
		REFI_ERR(c, line, D_REFI_ENTRY, pre, refi_show(c, name), zip_strerror(c->za));
		return NULL;
	}
	bool sized = st.valid & ZIP_STAT_SIZE;
	if (sized && st.size > limit) {
		REFI_ERR(c, line, D_REFI_TOO_LARGE, pre, refi_show(c, name), limit >> 20,
		         "as its header says");
		return NULL;
	}
	zip_file_t *f = zip_fopen_index(c->za, i, 0);
	if (!f) {
		REFI_ERR(c, line, D_REFI_ENTRY, pre, refi_show(c, name), zip_strerror(c->za));
		return NULL;
	}
	/* room for one byte more than the header says: an entry that
	 * inflates past it is caught */
	size_t cap = sized ? (size_t)st.size + 1 : 65536, n = 0;
	char *data = xmalloc(cap + 1);
	const char *why = NULL;
	for (;;) {
		if (n == cap) {
			cap = cap > limit / 2 ? limit + 1 : cap * 2;
			data = xrealloc(data, cap + 1);
		}
		zip_int64_t r = zip_fread(f, data + n, cap - n);
		if (r < 0) {
			REFI_ERR(c, line, D_REFI_ENTRY, pre, refi_show(c, name), zip_file_strerror(f));
			why = "";
			break;
		}
		if (r == 0)
			break;
		n += (size_t)r;
		c->total += (size_t)r;
		if (n > limit) {
			why = "as it inflates";
			break;
		}
		if (c->total > REFI_TOTAL_MAX) {
			why = "all entries together, as they inflate";
			limit = REFI_TOTAL_MAX;
			break;
		}
	}
	zip_fclose(f);
	if (!why && sized && n != st.size) {
		char *m = xasprintf("it inflates to %zu bytes, its header says %llu", n,
		                    (unsigned long long)st.size);
		REFI_ERR(c, line, D_REFI_ENTRY, pre, refi_show(c, name), m);
		free(m);
		why = "";
	}
	if (why) {
		if (*why)
			REFI_ERR(c, line, D_REFI_TOO_LARGE, pre, refi_show(c, name), limit >> 20, why);
		free(data);
		return NULL;
	}
	data[n] = '\0';
	*len = n;
	return data;
}

/* Why path (a plainTextPath without its internal://) cannot name an
 * entry of the archive, or NULL when it can. */
static const char *bad_path(const char *s)
{
	if (!*s)
		return "is empty";
	if (*s == '/')
		return "is an absolute path: it leaves the archive";
	if (strchr(s, '\\'))
		return "has a backslash: sitat reads only paths inside the archive, with '/'";
	if (((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z')) && s[1] == ':')
		return "names a drive: it leaves the archive";
	for (const char *p = s; *p;) {
		const char *e = strchr(p, '/');
		size_t k = e ? (size_t)(e - p) : strlen(p);
		if (k == 2 && p[0] == '.' && p[1] == '.')
			return "goes up with '..': it leaves the archive";
		p += k + (e != NULL);
	}
	return NULL;
}

char *refi_path_text(struct refi_ctx *c, const char *path, const char *elem, size_t line,
                     size_t limit, size_t *len, char **entry)
{
	const char *name = path;
	char pre[240];
	snprintf(pre, sizeof pre, "%s: ", elem);
	if (prefix_ci(name, "internal://")) {
		name += 11;
	} else if (strstr(name, "://")) {
		REFI_ERR(c, line, D_REFI_PATH, elem, "plainTextPath", refi_show(c, path),
		         "is outside the archive: sitat reads only internal:// paths");
		return NULL;
	}
	const char *why = bad_path(name);
	if (why) {
		REFI_ERR(c, line, D_REFI_PATH, elem, "plainTextPath", refi_show(c, path), why);
		return NULL;
	}
	if (!c->za) {
		REFI_ERR(c, line, D_REFI_PATH, elem, "plainTextPath", refi_show(c, path),
		         "names an entry, but a codebook is not an archive");
		return NULL;
	}
	/* sources/NAME in any case, then NAME itself (qc: "sources/x.txt") */
	char *k1 = xasprintf("sources/%s", name), *k2 = entry_key(name);
	size_t i;
	bool found = hmap_get(&c->entries, k1, &i) || hmap_get(&c->entries, k2, &i);
	char *wanted = xasprintf("Sources/%s", name);
	free(k1);
	free(k2);
	if (!found) {
		REFI_ERR(c, line, D_REFI_NO_ENTRY, elem, "plainTextPath", refi_show(c, path),
		         refi_show(c, wanted));
		free(wanted);
		return NULL;
	}
	free(wanted);
	const char *ename = zip_get_name(c->za, i, ZIP_FL_ENC_GUESS);
	char *text = read_entry(c, i, ename ? ename : name, limit, pre, line, len);
	if (text)
		*entry = xstrdup(ename ? ename : name);
	return text;
}

/* Index the entries by key; find the project XML: project.qde, else
 * the one *.qde.  Returns its index, or -1 after reporting. */
static zip_int64_t index_entries(struct refi_ctx *c)
{
	zip_int64_t n = zip_get_num_entries(c->za, 0), xml = -1, nqde = 0, exact = -1;
	struct buf names;
	buf_init(&names);
	for (zip_int64_t i = 0; i < n; i++) {
		const char *name = zip_get_name(c->za, (zip_uint64_t)i, ZIP_FL_ENC_GUESS);
		if (!name)
			continue;
		char *key = entry_key(name);
		/* never extracted, but an archive made to write outside the
		 * folder it is unpacked in is refused */
		const char *why = *key ? bad_path(key) : NULL;
		if (why)
			REFI_ERR(c, 0, D_REFI_ENTRY_NAME, refi_show(c, name), why);
		if (hmap_put(&c->entries, key, (size_t)i, NULL))
			ARRAY_PUSH(c->keys, c->nkeys, c->keys_cap, key);
		else
			free(key);
		if (!strcmp(name, "project.qde") && exact < 0)
			exact = i;
		if (suffix_ci(name, ".qde")) {
			if (nqde++ < 3)
				buf_printf(&names, "%s%s", nqde > 1 ? ", " : "", refi_show(c, name));
			xml = i;
		}
	}
	if (c->problems) {
		buf_free(&names);
		return -1;
	}
	if (exact >= 0 || nqde == 1) {
		buf_free(&names);
		return exact >= 0 ? exact : xml;
	}
	char *why = nqde ? xasprintf("no project.qde, and %lld .qde entries (%s%s): which one is "
	                             "the project is not known", (long long)nqde, names.data,
	                             nqde > 3 ? ", ..." : "")
	                 : xstrdup("no project.qde and no other .qde entry");
	REFI_ERR(c, 0, D_REFI_NO_XML, why);
	free(why);
	buf_free(&names);
	return -1;
}

/* A .qdc: the XML file itself. */
static char *read_xml_file(struct refi_ctx *c, const char *file, size_t *len)
{
	struct stat sb;
	FILE *f = fopen(file, "rb");
	if (!f || fstat(fileno(f), &sb) < 0) {
		REFI_ERR(c, 0, D_REFI_OPEN, strerror(errno));
		if (f)
			fclose(f);
		return NULL;
	}
	if ((size_t)sb.st_size > REFI_XML_MAX) {
		REFI_ERR(c, 0, D_REFI_TOO_LARGE, "", "the codebook", REFI_XML_MAX >> 20,
		         "as the file is");
		fclose(f);
		return NULL;
	}
	size_t cap = (size_t)sb.st_size + 1, n = 0;
	char *data = xmalloc(cap + 1);
	size_t r;
	while ((r = fread(data + n, 1, cap - n, f)) > 0) {
		n += r;
		if (n > REFI_XML_MAX)
			break;
		if (n == cap)
			data = xrealloc(data, (cap *= 2) + 1);
	}
	bool err = ferror(f);
	fclose(f);
	if (err || n > REFI_XML_MAX) {
		if (err)
			REFI_ERR(c, 0, D_REFI_OPEN, "read error");
		else
			REFI_ERR(c, 0, D_REFI_TOO_LARGE, "", "the codebook", REFI_XML_MAX >> 20,
			         "as it is read");
		free(data);
		return NULL;
	}
	data[n] = '\0';
	*len = n;
	return data;
}

/* true when file starts like a zip archive. */
static bool looks_zip(const char *file)
{
	FILE *f = fopen(file, "rb");
	unsigned char m[4] = {0};
	bool zip = f && fread(m, 1, 4, f) == 4 && m[0] == 'P' && m[1] == 'K' && m[2] == 3 &&
	           m[3] == 4;
	if (f)
		fclose(f);
	return zip;
}

static int open_zip(struct refi_ctx *c, const char *file)
{
	int ze = 0;
	c->za = zip_open(file, ZIP_RDONLY | ZIP_CHECKCONS, &ze);
	if (c->za)
		return 0;
	zip_error_t e;
	zip_error_init_with_code(&e, ze);
	if (ze == ZIP_ER_NOZIP || ze == ZIP_ER_INCONS)
		REFI_ERR(c, 0, D_REFI_NOT_ZIP, zip_error_strerror(&e));
	else
		REFI_ERR(c, 0, D_REFI_OPEN, zip_error_strerror(&e));
	zip_error_fini(&e);
	return -1;
}

int refi_read(struct refi_project *p, const char *file, bool codebook_only, struct diag *d)
{
	memset(p, 0, sizeof *p);
	struct refi_ctx c = {.p = p, .d = d, .codebook_only = codebook_only};
	size_t errors = d->errors;
	c.where = xstrdup(file);
	hmap_init(&c.entries);
	p->file = xstrdup(file);
	char *xml = NULL;
	size_t len = 0;
	if (codebook_only && !looks_zip(file)) {
		xml = read_xml_file(&c, file, &len);
	} else if (open_zip(&c, file) == 0) {
		zip_int64_t k = index_entries(&c);
		if (k >= 0) {
			const char *name = zip_get_name(c.za, (zip_uint64_t)k, ZIP_FL_ENC_GUESS);
			p->xml_entry = xstrdup(name ? name : "project.qde");
			xml = read_entry(&c, (zip_uint64_t)k, p->xml_entry, REFI_XML_MAX, "", 0, &len);
		}
		size_t j;
		if (xml && !codebook_only && hmap_get(&c.entries, "sitat.json", &j))
			p->sidecar = read_entry(&c, j, "sitat.json", REFI_SIDECAR_MAX, "", 0,
			                        &p->sidecar_len);
		if (xml) {
			free(c.where);
			c.where = xasprintf("%s:%s", file, p->xml_entry);
		}
	}
	if (xml)
		refi_parse(&c, xml, len);
	free(xml);
	if (c.za)
		zip_discard(c.za);
	hmap_free(&c.entries);
	for (size_t i = 0; i < c.nkeys; i++)
		free(c.keys[i]);
	free(c.keys);
	free(c.where);
	if (d->errors > errors || !xml) {
		refi_free(p);
		return -1;
	}
	return 0;
}

static void free_values(struct refi_value *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i].value);
	free(v);
}

void refi_free(struct refi_project *p)
{
	free(p->file);
	free(p->xml_entry);
	free(p->name);
	free(p->origin);
	free(p->creating_user);
	for (size_t i = 0; i < p->nusers; i++)
		free(p->users[i].guid), free(p->users[i].name);
	free(p->users);
	for (size_t i = 0; i < p->ncodes; i++) {
		struct refi_code *k = &p->codes[i];
		free(k->guid), free(k->name), free(k->description), free(k->color);
	}
	free(p->codes);
	for (size_t i = 0; i < p->nvars; i++)
		free(p->vars[i].guid), free(p->vars[i].name), free(p->vars[i].description);
	free(p->vars);
	for (size_t i = 0; i < p->ncases; i++) {
		struct refi_case *k = &p->cases[i];
		free(k->guid), free(k->name), free(k->description), free(k->sources);
		free_values(k->values, k->nvalues);
	}
	free(p->cases);
	for (size_t i = 0; i < p->nsources; i++) {
		struct refi_source *s = &p->sources[i];
		for (size_t j = 0; j < s->nsels; j++) {
			struct refi_sel *t = &s->sels[j];
			free(t->guid), free(t->name), free(t->description);
			free(t->codes), free(t->coders), free(t->notes);
		}
		free(s->sels);
		free(s->guid), free(s->name), free(s->description), free(s->entry), free(s->text);
		free(s->notes);
		free_values(s->values, s->nvalues);
	}
	free(p->sources);
	for (size_t i = 0; i < p->nnotes; i++)
		free(p->notes[i].guid), free(p->notes[i].name), free(p->notes[i].text);
	free(p->notes);
	for (size_t i = 0; i < p->nsets; i++) {
		struct refi_set *k = &p->sets[i];
		free(k->guid), free(k->name), free(k->description), free(k->codes), free(k->sources);
	}
	free(p->sets);
	free(p->sidecar);
	memset(p, 0, sizeof *p);
}
