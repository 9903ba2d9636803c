/* import_map.c - the project, the research question mapping and the
 * codes of a REFI-QDA file into the store in memory (import.h).
 *
 * Codes: an existing code matched by GUID (its guid, or the one sitat
 * export derives from its id) keeps its id and takes name, description,
 * colour and parent from the file; a new one takes the sidecar's id when
 * valid and free, else refi_slug(name) made unique (-2, -3...).  Its
 * research questions: --rq / --rq-file (for the code, or the nearest
 * ancestor given), else the sidecar's, else the existing code's, else
 * none (the warning code-unmapped, which check repeats). */
#include "cmd/cmd.h"
#include "cmd/import.h"
#include "cmd/refiguid.h"
#include "core/infile.h"

#include <cjson/cJSON.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

const char *imp_keep(struct imp *m, char *s)
{
	ARRAY_PUSH(m->owned, m->nowned, m->capowned, s);
	return s;
}

char *imp_clean(const char *s, bool multiline)
{
	if (!s)
		return NULL;
	utf8proc_uint8_t *r = NULL;
	if (utf8proc_map((const utf8proc_uint8_t *)s, 0, &r,
	                 UTF8PROC_NULLTERM | UTF8PROC_STABLE | UTF8PROC_COMPOSE) < 0) {
		free(r);
		/* not UTF-8: the reader decoded XML, so this does not happen; keep ASCII */
		struct buf b;
		buf_init(&b);
		for (const char *p = s; *p; p++)
			buf_putc(&b, (*p & 0x80) ? '?' : *p);
		return buf_detach(&b, NULL);
	}
	struct buf b;
	buf_init(&b);
	buf_puts(&b, "");
	for (const unsigned char *p = r; *p; p++) {
		unsigned char ch = *p;
		if (ch == '\r') {
			if (p[1] != '\n')
				buf_putc(&b, multiline ? '\n' : ' ');
		} else if (ch == '\n' || ch == '\t') {
			buf_putc(&b, multiline ? (char)ch : ' ');
		} else if (ch < 0x20 || ch == 0x7f) {
			buf_putc(&b, ' ');
		} else if (ch == 0xC2 && p[1] >= 0x80 && p[1] <= 0x9F) {
			buf_putc(&b, ' '); /* a C1 control */
			p++;
		} else {
			buf_putc(&b, (char)ch);
		}
	}
	free(r);
	char *v = buf_detach(&b, NULL);
	if (!multiline) {
		size_t n = strlen(v), a = 0;
		while (n && v[n - 1] == ' ')
			v[--n] = '\0';
		while (v[a] == ' ')
			a++;
		memmove(v, v + a, n - a + 1);
	}
	return v;
}

/* ---- project.json from the sidecar ---------------------------------------- */

static bool store_empty(const struct store *s)
{
	for (size_t i = 0; i < s->ncodes; i++)
		if (!s->codes[i].dropped)
			return false;
	return s->nsources == 0;
}

/* When the store has no sources and no codes and the sidecar has a
 * project: project.json becomes the sidecar's, and its research
 * questions the ones codes are mapped to. */
int imp_project(struct imp *m, struct sedit *e)
{
	struct store *s = &m->c->s;
	if (!m->sc.project || m->codebook_only || !store_empty(s))
		return 0;
	cJSON *r = cJSON_Parse(m->sc.project);
	const cJSON *a = r ? cJSON_GetObjectItemCaseSensitive(r, "research_questions") : NULL;
	if (!cJSON_IsObject(r) || (a && !cJSON_IsArray(a))) {
		char *f = xasprintf("%s:sitat.json", m->p->file);
		diag_at(m->d, D_IMPORT_SIDECAR, f, 0, 0, "project", "must hold project.json's text");
		free(f);
		cJSON_Delete(r);
		return -1;
	}
	for (size_t i = 0; i < s->nrqs; i++)
		free(s->rqs[i].id), free(s->rqs[i].label), free(s->rqs[i].question);
	free(s->rqs);
	s->rqs = NULL;
	s->nrqs = 0;
	hmap_free(&s->rqmap);
	hmap_init(&s->rqmap);
	size_t n = a ? (size_t)cJSON_GetArraySize(a) : 0, k = 0;
	s->rqs = xcalloc(n + 1, sizeof *s->rqs);
	const cJSON *q;
	if (a)
		cJSON_ArrayForEach(q, a)
		{
			const cJSON *id = cJSON_GetObjectItemCaseSensitive(q, "id");
			if (!cJSON_IsString(id))
				continue;
			const cJSON *l = cJSON_GetObjectItemCaseSensitive(q, "label");
			const cJSON *x = cJSON_GetObjectItemCaseSensitive(q, "question");
			s->rqs[k].id = xstrdup(id->valuestring);
			s->rqs[k].label = xstrdup(cJSON_IsString(l) ? l->valuestring : "");
			s->rqs[k].question = xstrdup(cJSON_IsString(x) ? x->valuestring : "");
			hmap_put(&s->rqmap, s->rqs[k].id, k, NULL);
			k++;
		}
	s->nrqs = k;
	cJSON_Delete(r);
	size_t len = strlen(m->sc.project);
	sedit_put(e, "project.json", xstrndup(m->sc.project, len), len);
	m->project_written = true;
	return 0;
}

/* ---- --rq and --rq-file --------------------------------------------------- */

static int add_rq(struct imp *m, const char *spec, const char *where)
{
	const char *eq = strrchr(spec, '=');
	if (!eq || eq == spec || !eq[1])
		return opt_usage_error("import", "%s '%s': give CODE=rq1,rq2", where, spec);
	size_t cl = (size_t)(eq - spec);
	while (cl && (spec[cl - 1] == ' ' || spec[cl - 1] == '\t'))
		cl--;
	if (!cl)
		return opt_usage_error("import", "%s '%s': give CODE=rq1,rq2", where, spec);
	/* a name as typed may be decomposed: compared in NFC */
	char *raw = xstrndup(spec, cl);
	struct rqmap_entry x = {.code = imp_clean(raw, false)};
	free(raw);
	size_t cap = 0;
	const char *p = eq + 1;
	for (;;) {
		const char *c = strchr(p, ',');
		size_t l = c ? (size_t)(c - p) : strlen(p);
		while (l && *p == ' ')
			p++, l--;
		while (l && p[l - 1] == ' ')
			l--;
		char *id = xstrndup(p, l);
		size_t k;
		if (!hmap_get(&m->c->s.rqmap, id, &k)) {
			struct buf b;
			buf_init(&b);
			for (size_t i = 0; i < m->c->s.nrqs; i++)
				buf_printf(&b, "%s%s", i ? ", " : "", m->c->s.rqs[i].id);
			int st = opt_usage_error("import", "%s '%s': no research question '%s' in project.json (%s%s)",
			                         where, spec, id, m->c->s.nrqs ? "it has " : "it has none",
			                         b.data ? b.data : "");
			buf_free(&b);
			free(id), free(x.code), free(x.rqs);
			return st;
		}
		free(id);
		ARRAY_PUSH(x.rqs, x.nrqs, cap, k);
		if (!c)
			break;
		p = c + 1;
	}
	size_t cap2 = m->nrqm;
	ARRAY_PUSH(m->rqm, m->nrqm, cap2, x);
	return EXIT_OK;
}

int imp_rq_parse(struct imp *m)
{
	int st;
	for (size_t i = 0; i < m->o->rq.n; i++)
		if ((st = add_rq(m, m->o->rq.v[i], "--rq")) != EXIT_OK)
			return st;
	if (!m->o->rq_file)
		return EXIT_OK;
	char *data = NULL;
	size_t len = 0;
	if (read_file(m->o->rq_file, &data, &len) < 0) {
		diag_at(m->d, D_IO, m->o->rq_file, 0, 0, strerror(errno));
		return EXIT_IO;
	}
	st = EXIT_OK;
	size_t line = 0;
	for (char *p = data, *nl; p && *p && st == EXIT_OK; p = nl ? nl + 1 : NULL) {
		nl = strchr(p, '\n');
		if (nl)
			*nl = '\0';
		line++;
		size_t l = strlen(p);
		while (l && (p[l - 1] == '\r' || p[l - 1] == ' ' || p[l - 1] == '\t'))
			p[--l] = '\0';
		while (*p == ' ' || *p == '\t')
			p++;
		if (!*p || *p == '#')
			continue;
		char *w = xasprintf("--rq-file %s:%zu:", m->o->rq_file, line);
		st = add_rq(m, p, w);
		free(w);
	}
	free(data);
	return st;
}

/* ---- codes ---------------------------------------------------------------- */

static bool code_id_ok(const char *id)
{
	return id && ((id[0] >= 'a' && id[0] <= 'z') || (id[0] >= '0' && id[0] <= '9')) &&
	       strspn(id, "abcdefghijklmnopqrstuvwxyz0123456789.-") == strlen(id);
}

static bool color_ok(const char *c)
{
	return c && strlen(c) == 7 && c[0] == '#' && strspn(c + 1, "0123456789abcdefABCDEF") == 6;
}

static bool id_taken(struct imp *m, struct hmap *given, const char *id)
{
	size_t k;
	return hmap_get(&m->c->s.codemap, id, &k) || hmap_get(given, id, &k);
}

static bool same_str(const char *a, const char *b)
{
	return (!a || !*a) ? (!b || !*b) : (b && !strcmp(a, b));
}

/* The mapping of --rq for refi code i (its own, else its nearest
 * ancestor's), or NULL. */
static struct rqmap_entry *rq_for(struct imp *m, size_t i)
{
	const struct store *s = &m->c->s;
	for (size_t k = i; k != NONE; k = m->p->codes[k].parent) {
		const struct code *c = &s->codes[m->codemap[k]];
		for (size_t j = 0; j < m->nrqm; j++) {
			struct rqmap_entry *x = &m->rqm[j];
			if (!strcmp(x->code, c->id) || !strcmp(x->code, c->name) ||
			    !strcmp(x->code, m->p->codes[k].name)) {
				if (k == i)
					x->used = true;
				return x;
			}
		}
	}
	return NULL;
}

/* Append a new code for refi code i with id (taken). */
static size_t new_code(struct imp *m, size_t i, char *id)
{
	struct store *s = &m->c->s;
	const struct refi_code *r = &m->p->codes[i];
	s->codes = xrealloc(s->codes, (s->ncodes + 1) * sizeof *s->codes);
	s->code_order = xrealloc(s->code_order, (s->ncodes + 1) * sizeof *s->code_order);
	size_t k = s->ncodes++;
	struct code *c = &s->codes[k];
	memset(c, 0, sizeof *c);
	c->id = id;
	c->parent = NONE;
	c->order = k;
	s->code_order[k] = k;
	char g[37];
	refi_guid(g, "code", id);
	if (strcmp(g, r->guid))
		c->guid = xstrdup(r->guid);
	hmap_put(&s->codemap, c->id, k, NULL);
	m->codes_added++;
	return k;
}

int imp_codes(struct imp *m, struct sedit *e)
{
	struct store *s = &m->c->s;
	const struct refi_project *p = m->p;
	struct hmap byguid, given;
	hmap_init(&byguid);
	hmap_init(&given);
	for (size_t k = 0; k < s->ncodes; k++) {
		if (s->codes[k].dropped)
			continue;
		char g[37];
		hmap_put(&byguid, imp_keep(m, xstrdup(refi_guid_of(g, s->codes[k].guid, "code", s->codes[k].id))),
		         k, NULL);
	}
	m->codemap = xcalloc(p->ncodes + 1, sizeof *m->codemap);
	char **ids = xcalloc(p->ncodes + 1, sizeof *ids);
	bool *isnew = xcalloc(p->ncodes + 1, sizeof *isnew);
	for (size_t i = 0; i < p->ncodes; i++) {
		size_t k;
		if (hmap_get(&byguid, p->codes[i].guid, &k)) {
			m->codemap[i] = k;
			continue;
		}
		isnew[i] = true;
		m->codemap[i] = NONE;
		/* the sidecar's id first, so that no slug takes it */
		if (hmap_get(&m->sc.codemap, p->codes[i].guid, &k) && code_id_ok(m->sc.codes[k].id) &&
		    !id_taken(m, &given, m->sc.codes[k].id)) {
			ids[i] = xstrdup(m->sc.codes[k].id);
			hmap_put(&given, ids[i], i, NULL);
		}
	}
	for (size_t i = 0; i < p->ncodes; i++) {
		if (!isnew[i] || ids[i])
			continue;
		char *base = refi_slug(p->codes[i].name ? p->codes[i].name : "");
		char *id = xstrdup(base);
		for (unsigned n = 2; id_taken(m, &given, id); n++) {
			free(id);
			id = xasprintf("%s-%u", base, n);
		}
		free(base);
		ids[i] = id;
		hmap_put(&given, ids[i], i, NULL);
	}
	/* new codes in the sidecar's order, then in the file's */
	for (size_t j = 0; j < m->sc.ncodes; j++) {
		size_t i;
		for (i = 0; i < p->ncodes; i++)
			if (m->sc.codes[j].guid && !strcmp(p->codes[i].guid, m->sc.codes[j].guid))
				break;
		if (i < p->ncodes && isnew[i] && m->codemap[i] == NONE) {
			m->codemap[i] = new_code(m, i, ids[i]);
			ids[i] = NULL;
		}
	}
	for (size_t i = 0; i < p->ncodes; i++)
		if (isnew[i] && m->codemap[i] == NONE) {
			m->codemap[i] = new_code(m, i, ids[i]);
			ids[i] = NULL;
		}
	/* names, descriptions, colours, parents, research questions */
	for (size_t i = 0; i < p->ncodes; i++) {
		const struct refi_code *r = &p->codes[i];
		struct code *c = &s->codes[m->codemap[i]];
		char *name = imp_clean(r->name, false), *desc = imp_clean(r->description, true);
		if (!name || !*name) {
			free(name);
			name = xstrdup(c->id);
		}
		const char *color = color_ok(r->color) ? r->color : NULL;
		size_t parent = r->parent == NONE ? NONE : m->codemap[r->parent];
		bool changed = !same_str(c->name, name) || !same_str(c->description, desc) ||
		               !same_str(c->color, color) || c->parent != parent;
		free(c->name), free(c->description), free(c->color), free(c->parent_id);
		c->name = name;
		c->description = desc;
		c->color = color ? xstrdup(color) : NULL;
		c->parent = parent;
		c->parent_id = NULL;
		size_t k;
		const struct rqmap_entry *q = rq_for(m, i);
		size_t *rqs = NULL, nrqs = 0;
		bool set = false;
		if (q) {
			rqs = xmalloc((q->nrqs + 1) * sizeof *rqs);
			memcpy(rqs, q->rqs, q->nrqs * sizeof *rqs);
			nrqs = q->nrqs;
			set = true;
		} else if (hmap_get(&m->sc.codemap, r->guid, &k) && m->sc.codes[k].nrq) {
			const struct side_code *x = &m->sc.codes[k];
			rqs = xmalloc((x->nrq + 1) * sizeof *rqs);
			for (size_t j = 0; j < x->nrq; j++) {
				size_t q2;
				if (hmap_get(&s->rqmap, x->rq[j], &q2))
					rqs[nrqs++] = q2;
			}
			set = true;
		}
		if (set) {
			changed |= nrqs != c->nrqs || (nrqs && memcmp(rqs, c->rqs, nrqs * sizeof *rqs));
			free(c->rqs);
			c->rqs = rqs;
			c->nrqs = nrqs;
		}
		if (!c->nrqs)
			m->codes_unmapped++;
		if (!isnew[i] && changed)
			m->codes_updated++;
	}
	int st = 0;
	for (size_t j = 0; j < m->nrqm; j++) {
		bool found = m->rqm[j].used;
		for (size_t i = 0; i < p->ncodes && !found; i++)
			found = !strcmp(m->rqm[j].code, s->codes[m->codemap[i]].id) ||
			        !strcmp(m->rqm[j].code, s->codes[m->codemap[i]].name) ||
			        (p->codes[i].name && !strcmp(m->rqm[j].code, p->codes[i].name));
		if (!found) {
			opt_usage_error("import", "--rq '%s': the file has no code with that id or name",
			                m->rqm[j].code);
			st = -2;
		}
	}
	if (m->codes_unmapped && !st) {
		struct buf b;
		buf_init(&b);
		size_t shown = 0;
		for (size_t i = 0; i < p->ncodes && shown < 5; i++)
			if (!s->codes[m->codemap[i]].nrqs)
				buf_printf(&b, "%s%s", shown++ ? ", " : "", s->codes[m->codemap[i]].id);
		if (m->codes_unmapped > shown)
			buf_printf(&b, ", ... (%zu more)", m->codes_unmapped - shown);
		diag_at(m->d, D_IMPORT_UNMAPPED, m->xmlfile, 0, 0, m->codes_unmapped,
		        m->codes_unmapped == 1 ? "" : "s", m->codes_unmapped == 1 ? "s" : "", b.data);
		buf_free(&b);
	}
	for (size_t i = 0; i < p->ncodes; i++)
		free(ids[i]);
	free(ids), free(isnew);
	hmap_free(&byguid);
	hmap_free(&given);
	if (p->ncodes)
		sedit_put_codebook(e, s);
	return st;
}
