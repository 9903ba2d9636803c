/* cmd_export.c - sitat export: the store as a REFI-QDA project (.qdpx) or
 * codebook (.qdc), for NVivo, ATLAS.ti, MAXQDA, QualCoder (docs/export.md).
 *
 * The store is loaded and refused when it has errors (as the generators
 * do); then the model of io/refi.h is built from it (borrowing the
 * store's strings and texts; GUIDs and the few strings made here are
 * owned by struct model) together with the sidecar sitat.json (what
 * REFI-QDA has no place for), and io/refi_write.c writes it.  Every GUID
 * is the entry's own (kept by sitat import) or refi_guid(kind, id). */
#include "cmd/cmd.h"
#include "cmd/refiguid.h"
#include "core/infile.h"
#include "core/storewrite.h"
#include "io/refi.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct export_opts {
	const char *store, *codebook;
	bool utf16, quiet;
};

const struct opt export_options[] = {
	OPT_STORE(struct export_opts, store),
	OPT_PATH("codebook", 0, struct export_opts, codebook, "FILE.qdc",
	         "also (or only) write the codebook as a REFI-QDA codebook"),
	OPT_FLAG("utf16", 0, struct export_opts, utf16,
	         "positions in UTF-16 code units, as NVivo counts them (the standard: code points)"),
	OPT_QUIET(struct export_opts, quiet, "do not say what was written"),
	OPT_END,
};

/* The model and what it owns besides the store's strings. */
struct model {
	struct refi_project p;
	char (*guids)[37]; /* every GUID made here */
	size_t nguids, capguids;
	size_t *idx;       /* index pool: notes of selections, sources of cases */
	const char **seg_guid; /* the GUID of each segment of the store */
	struct refi_sel *sels; /* every selection, grouped by source */
	char **owned;      /* strings made here */
	size_t nowned, capowned;
};

static char *new_guid(struct model *m, const char *own, const char *kind, const char *id)
{
	if (own)
		return (char *)own;
	if (m->nguids == m->capguids) /* pre-sized: never grows (pointers are kept) */
		abort();
	char *g = m->guids[m->nguids++];
	refi_guid(g, kind, id);
	return g;
}

static char *own(struct model *m, char *s)
{
	ARRAY_PUSH(m->owned, m->nowned, m->capowned, s);
	return s;
}

static const char *nonempty(const char *s)
{
	return s && *s ? s : NULL;
}

/* Users: the coders, in order of first appearance; user_of[i] the user
 * of segment i or NONE. */
static void add_users(struct model *m, const struct store *s, size_t *user_of)
{
	struct hmap h;
	hmap_init(&h);
	size_t cap = 0;
	for (size_t i = 0; i < s->nsegs; i++) {
		const char *c = s->segs[i].coder;
		user_of[i] = NONE;
		if (!c)
			continue;
		size_t u;
		if (!hmap_get(&h, c, &u)) {
			u = m->p.nusers;
			hmap_put(&h, c, u, NULL);
			ARRAY_GROW(m->p.users, m->p.nusers, cap);
			m->p.users[m->p.nusers++] = (struct refi_user){new_guid(m, NULL, "user", c),
			                                               (char *)c};
		}
		user_of[i] = u;
	}
	hmap_free(&h);
}

static void add_codes(struct model *m, const struct store *s)
{
	m->p.ncodes = s->ncodes;
	m->p.codes = xcalloc(s->ncodes + 1, sizeof *m->p.codes);
	for (size_t i = 0; i < s->ncodes; i++) {
		const struct code *c = &s->codes[i];
		m->p.codes[i] = (struct refi_code){
			.guid = new_guid(m, c->guid, "code", c->id), .name = c->name,
			.description = (char *)nonempty(c->description), .color = c->color,
			.codable = true, .parent = c->parent, .line = 0};
	}
}

/* Variables (one per attribute key, in order of first appearance, all
 * Text) and a Case per source, with its attributes. */
static void add_cases(struct model *m, const struct store *s, size_t *case_src)
{
	struct hmap h;
	hmap_init(&h);
	size_t capv = 0;
	m->p.cases = xcalloc(s->nsources + 1, sizeof *m->p.cases);
	for (size_t i = 0; i < s->nsources; i++) {
		const struct source *o = &s->sources[i];
		struct refi_case *c = &m->p.cases[m->p.ncases++];
		c->guid = new_guid(m, NULL, "case", o->id);
		c->name = o->label;
		c->values = xcalloc(o->nattrs + 1, sizeof *c->values);
		for (size_t k = 0; k < o->nattrs; k++) {
			size_t v;
			if (!hmap_get(&h, o->attrs[k].key, &v)) {
				v = m->p.nvars;
				hmap_put(&h, o->attrs[k].key, v, NULL);
				ARRAY_GROW(m->p.vars, m->p.nvars, capv);
				m->p.vars[m->p.nvars++] = (struct refi_var){
					new_guid(m, NULL, "variable", o->attrs[k].key), o->attrs[k].key,
					REFI_TEXT, NULL};
			}
			c->values[c->nvalues++] = (struct refi_value){v, o->attrs[k].val};
		}
		case_src[i] = i;
		c->sources = &case_src[i];
		c->nsources = 1;
	}
	hmap_free(&h);
}

/* Sources with their selections (grouped by source, store order within
 * one), and a Note per memo. */
static void add_sources(struct model *m, const struct store *s, const size_t *user_of)
{
	m->p.nsources = s->nsources;
	m->p.sources = xcalloc(s->nsources + 1, sizeof *m->p.sources);
	size_t *at = xcalloc(s->nsources + 1, sizeof *at);
	for (size_t i = 0; i < s->nsegs; i++)
		at[s->segs[i].src]++;
	struct refi_sel *sels = m->sels = xcalloc(s->nsegs + 1, sizeof *sels);
	for (size_t i = 0, o = 0; i < s->nsources; i++) {
		const struct source *src = &s->sources[i];
		m->p.sources[i] = (struct refi_source){
			.guid = new_guid(m, src->guid, "source", src->id), .name = src->label,
			.text = src->text.data, .text_len = src->text.len, .sels = sels + o};
		size_t n = at[i];
		at[i] = o;
		o += n;
	}
	m->p.notes = xcalloc(s->nsegs + 1, sizeof *m->p.notes);
	for (size_t i = 0; i < s->nsegs; i++) {
		const struct segment *g = &s->segs[i];
		struct refi_source *src = &m->p.sources[g->src];
		struct refi_sel *sel = &sels[at[g->src]++];
		src->nsels++;
		m->seg_guid[i] = new_guid(m, g->guid, "segment", g->id);
		*sel = (struct refi_sel){
			.guid = (char *)m->seg_guid[i], .name = g->id,
			.start = (long long)g->start, .end = (long long)g->end, .user = user_of[i],
			.codes = g->codes, .ncodes = g->ncodes};
		if (nonempty(g->memo)) {
			size_t k = m->p.nnotes++;
			m->p.notes[k] = (struct refi_note){new_guid(m, NULL, "note", g->id), g->id,
			                                   g->memo, 0};
			m->idx[i] = k;
			sel->notes = &m->idx[i];
			sel->nnotes = 1;
		}
	}
	free(at);
}

/* A Set per research question, its codes as members. */
static void add_sets(struct model *m, const struct store *s)
{
	m->p.nsets = s->nrqs;
	m->p.sets = xcalloc(s->nrqs + 1, sizeof *m->p.sets);
	for (size_t r = 0; r < s->nrqs; r++) {
		struct refi_set *st = &m->p.sets[r];
		st->guid = new_guid(m, NULL, "set", s->rqs[r].id);
		st->name = own(m, xasprintf("%s: %s", s->rqs[r].id, s->rqs[r].label));
		st->description = (char *)nonempty(s->rqs[r].question);
		for (size_t i = 0; i < s->ncodes; i++)
			for (size_t k = 0; k < s->codes[i].nrqs; k++)
				if (s->codes[i].rqs[k] == r) {
					st->codes = xrealloc(st->codes, (st->ncodes + 1) * sizeof *st->codes);
					st->codes[st->ncodes++] = i;
				}
	}
}

/* ---- the sidecar (docs/export.md): canonical JSON, two spaces -------- */

static void side_source(struct jw *j, const struct model *m, const struct store *s, size_t i)
{
	const struct source *o = &s->sources[i];
	jw_open(j, NULL, '{');
	jw_str(j, "guid", m->p.sources[i].guid);
	jw_str(j, "id", o->id);
	jw_str(j, "kind", o->kind == SRC_INTERVIEW ? "interview" : "document");
	jw_str(j, "label", o->label);
	if (o->date)
		jw_str(j, "date", o->date);
	if (o->bibkey)
		jw_str(j, "bibkey", o->bibkey);
	if (o->bibtype)
		store_put_bib(j, o);
	if (o->npages) {
		jw_open(j, "pages", '[');
		for (size_t k = 0; k < o->npages; k++)
			jw_str(j, NULL, o->pages[k].label);
		jw_close(j, ']');
	}
	jw_close(j, '}');
}

static void make_sidecar(struct model *m, const struct store *s, const char *project_json)
{
	struct jw j;
	jw_init(&j);
	jw_open(&j, NULL, '{');
	jw_str(&j, "format", "sitat-export/1");
	jw_str(&j, "sitat", SITAT_VERSION);
	jw_str(&j, "project", project_json);
	jw_open(&j, "codes", '[');
	for (size_t i = 0; i < s->ncodes; i++) {
		const struct code *c = &s->codes[i];
		jw_open(&j, NULL, '{');
		jw_str(&j, "guid", m->p.codes[i].guid);
		jw_str(&j, "id", c->id);
		if (c->nrqs) {
			jw_open(&j, "rq", '[');
			for (size_t k = 0; k < c->nrqs; k++)
				jw_str(&j, NULL, s->rqs[c->rqs[k]].id);
			jw_close(&j, ']');
		}
		jw_close(&j, '}');
	}
	jw_close(&j, ']');
	jw_open(&j, "sources", '[');
	for (size_t i = 0; i < s->nsources; i++)
		side_source(&j, m, s, i);
	jw_close(&j, ']');
	jw_open(&j, "segments", '[');
	for (size_t i = 0; i < s->nsegs; i++) {
		const struct segment *sg = &s->segs[i];
		jw_open(&j, NULL, '{');
		jw_str(&j, "guid", m->seg_guid[i]);
		jw_str(&j, "id", sg->id);
		if (sg->nmerged) {
			jw_open(&j, "merged", '[');
			for (size_t k = 0; k < sg->nmerged; k++)
				jw_str(&j, NULL, sg->merged[k]);
			jw_close(&j, ']');
		}
		jw_close(&j, '}');
	}
	jw_close(&j, ']');
	jw_close(&j, '}');
	m->p.sidecar = jw_done(&j, &m->p.sidecar_len);
}

static void model_build(struct model *m, const struct store *s, const char *project_json,
                        bool utf16)
{
	memset(m, 0, sizeof *m);
	size_t nattrs = 0;
	for (size_t i = 0; i < s->nsources; i++)
		nattrs += s->sources[i].nattrs;
	/* at most: codes, sources, cases, segments, users, notes, vars, sets */
	m->capguids = s->ncodes + 2 * s->nsources + 3 * s->nsegs + nattrs + s->nrqs + 1;
	m->guids = xmalloc(m->capguids * sizeof *m->guids);
	m->idx = xcalloc(s->nsegs + s->nsources + 1, sizeof *m->idx);
	m->seg_guid = xcalloc(s->nsegs + 1, sizeof *m->seg_guid);
	size_t *user_of = xcalloc(s->nsegs + 1, sizeof *user_of);
	/* sitat import reads the unit from origin: "NVivo" means UTF-16 */
	m->p.origin = own(m, xstrdup(utf16 ? "sitat " SITAT_VERSION " (positions in UTF-16 code units, "
	                                     "as NVivo counts them)" : "sitat " SITAT_VERSION));
	m->p.name = s->title;
	add_users(m, s, user_of);
	add_codes(m, s);
	add_cases(m, s, m->idx + s->nsegs);
	add_sources(m, s, user_of);
	add_sets(m, s);
	free(user_of);
	make_sidecar(m, s, project_json);
}

static void model_free(struct model *m)
{
	free(m->p.users);
	free(m->p.codes);
	free(m->p.vars);
	for (size_t i = 0; i < m->p.ncases; i++)
		free(m->p.cases[i].values);
	free(m->p.cases);
	free(m->sels);
	free(m->p.sources);
	free(m->p.notes);
	for (size_t i = 0; i < m->p.nsets; i++)
		free(m->p.sets[i].codes);
	free(m->p.sets);
	for (size_t i = 0; i < m->nowned; i++)
		free(m->owned[i]);
	free(m->owned);
	free(m->guids);
	free(m->idx);
	free(m->seg_guid);
	free(m->p.sidecar);
}

/* ---- the command ------------------------------------------------------ */

static bool ends_with_ci(const char *s, const char *suffix)
{
	size_t n = strlen(s), k = strlen(suffix);
	if (n <= k)
		return false;
	for (size_t i = 0; i < k; i++) {
		char c = s[n - k + i];
		if ((c >= 'A' && c <= 'Z' ? c + 32 : c) != suffix[i])
			return false;
	}
	return true;
}

static int check_name(const char *file, const char *suffix, const char *what)
{
	if (ends_with_ci(file, suffix))
		return EXIT_OK;
	char *e = diag_escape(file, strlen(file));
	int st = opt_usage_error("export", "%s '%s' must end in %s", what, e, suffix);
	free(e);
	return st;
}

/* The code point indices of the characters of t outside the BMP (four
 * UTF-8 bytes; two UTF-16 code units), in order (caller frees); returns
 * how many. */
static size_t non_bmp(const struct text *t, size_t **out)
{
	size_t n = 0, cap = 0, cp = 0;
	*out = NULL;
	for (size_t b = 0; b < t->len; b++) {
		unsigned char c = (unsigned char)t->data[b];
		if (c >= 0xf0)
			ARRAY_PUSH(*out, n, cap, cp);
		cp += (c & 0xc0) != 0x80;
	}
	return n;
}

/* How many of the n sorted values v are below x. */
static size_t below(const size_t *v, size_t n, size_t x)
{
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (v[mid] < x)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* NVivo reads positions as UTF-16 code units (docs/export.md).  With
 * utf16, the selections' positions are made UTF-16 code units; without,
 * say which sources have characters NVivo counts twice. */
static void non_bmp_sources(struct model *m, const struct store *s, bool utf16)
{
	struct diag d;
	diag_init(&d, stderr);
	for (size_t i = 0; i < s->nsources; i++) {
		const struct source *o = &s->sources[i];
		size_t *v, n = non_bmp(&o->text, &v);
		if (!n)
			continue;
		struct refi_source *rs = &m->p.sources[i];
		for (size_t k = 0; k < rs->nsels && utf16; k++) {
			struct refi_sel *sel = &rs->sels[k];
			sel->start += (long long)below(v, n, (size_t)sel->start);
			sel->end += (long long)below(v, n, (size_t)sel->end);
		}
		size_t after = 0;
		for (size_t k = 0; k < rs->nsels && !utf16; k++)
			after += (size_t)rs->sels[k].end > v[0];
		if (!utf16) {
			size_t first = text_cp_to_byte(&o->text, v[0]);
			char *what = after ? xasprintf("NVivo would misplace the %zu segment%s ending after "
			                               "the first (--utf16 writes positions as NVivo counts them)",
			                               after, after == 1 ? "" : "s")
			                   : xstrdup("no segment ends after the first, so NVivo places every one right");
			diag_at(&d, D_EXPORT_NONBMP, o->textfile, text_line_of(&o->text, first),
			        text_col_of(&o->text, first), n, n == 1 ? "" : "s", what);
			free(what);
		}
		free(v);
	}
	diag_free(&d);
}

static int write_one(const struct model *m, const char *file, bool codebook,
                     const struct store *s, bool quiet)
{
	struct diag d;
	diag_init(&d, stderr);
	int r = refi_write(&m->p, file, codebook, &d);
	int st = EXIT_IO;
	for (size_t i = 0; i < d.n; i++) {
		enum diag_id id = d.recs[i].id;
		if (id == D_EXPORT_XML_CHAR || id == D_EXPORT_SIZE || id == D_EXPORT_CODE_TREE)
			st = EXIT_PROBLEMS; /* the store holds what the format cannot */
		else if (id == D_OUT_IN_STORE || id == D_OUT_NOT_FILE)
			st = EXIT_USAGE;
	}
	diag_free(&d);
	if (r < 0)
		return st;
	if (!quiet) {
		char *e = diag_escape(file, strlen(file));
		if (codebook)
			fprintf(stderr, "sitat export: %s written: %zu code%s, %zu research question%s\n",
			        e, s->ncodes, s->ncodes == 1 ? "" : "s", s->nrqs, s->nrqs == 1 ? "" : "s");
		else
			fprintf(stderr, "sitat export: %s written: %zu source%s, %zu code%s, %zu segment%s\n",
			        e, s->nsources, s->nsources == 1 ? "" : "s", s->ncodes,
			        s->ncodes == 1 ? "" : "s", s->nsegs, s->nsegs == 1 ? "" : "s");
		free(e);
	}
	return EXIT_OK;
}

int cmd_export(int argc, char **argv)
{
	struct export_opts o = {0};
	int st = cmd_parse(&argc, argv, &o);
	if (st != CMD_RUN)
		return st;
	const char *file = argc > 1 ? argv[1] : NULL;
	if (!file && !o.codebook)
		return opt_usage_error("export", "which file? (e.g. sitat export project.qdpx, "
		                       "or sitat export --codebook codes.qdc)");
	if ((file && (st = check_name(file, ".qdpx", "the project file")) != EXIT_OK) ||
	    (o.codebook && (st = check_name(o.codebook, ".qdc", "--codebook")) != EXIT_OK))
		return st;
	struct project p;
	if ((st = cmd_project("export", &p)) != EXIT_OK) {
		project_free(&p);
		return st;
	}
	const char *store = OR_DEFAULT(o.store, p.store);
	struct store s;
	char *pj = NULL;
	size_t pjlen = 0;
	if ((file && (st = gen_check_out(store, file)) != EXIT_OK) ||
	    (o.codebook && (st = gen_check_out(store, o.codebook)) != EXIT_OK) ||
	    (st = gen_load("export", store, &s)) != EXIT_OK) {
		project_free(&p);
		return st;
	}
	char *pjpath = path_join(store, "project.json");
	if (o.codebook && !s.ncodes) {
		struct diag d;
		diag_init(&d, stderr);
		diag_at(&d, D_EXPORT_NO_CODES, o.codebook, 0, 0);
		diag_free(&d);
		st = EXIT_PROBLEMS;
	} else if (read_file(pjpath, &pj, &pjlen) < 0) {
		fprintf(stderr, "sitat export: cannot read %s; nothing written\n", pjpath);
		st = EXIT_IO;
	} else {
		struct model m;
		model_build(&m, &s, pj, o.utf16);
		if (file)
			non_bmp_sources(&m, &s, o.utf16);
		if (file)
			st = write_one(&m, file, false, &s, o.quiet);
		if (st == EXIT_OK && o.codebook)
			st = write_one(&m, o.codebook, true, &s, o.quiet);
		model_free(&m);
	}
	free(pjpath);
	free(pj);
	store_free(&s);
	project_free(&p);
	return st;
}
