/* coding.c - what the coding commands share (coding.h). */
#include "cmd/coding.h"
#include "cmd/cmd.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int coding_open(struct coding *c, const char *cmd, const char *store)
{
	memset(c, 0, sizeof *c);
	diag_init(&c->old, NULL);
	diag_init(&c->d, stderr);
	int st = cmd_project(cmd, &c->p);
	c->have_p = true;
	if (st != EXIT_OK)
		return st;
	store = OR_DEFAULT(store, c->p.store);
	c->have_s = true;
	if (store_load(&c->s, store, &c->old) < 0) {
		for (size_t i = 0; i < c->old.n; i++) {
			char *m = diag_format(&c->old.recs[i]);
			fprintf(stderr, "%s\n", m);
			free(m);
		}
		return STORE_LOAD_FAILED;
	}
	c->codebook = path_join(c->s.root, "codebook.json");
	return EXIT_OK;
}

void coding_close(struct coding *c)
{
	if (c->have_s)
		store_free(&c->s);
	if (c->have_p)
		project_free(&c->p);
	uses_free(&c->uses);
	diag_free(&c->old);
	diag_free(&c->d);
	free(c->codebook);
}

static size_t edit_distance(const char *a, const char *b)
{
	size_t n = strlen(b), *row = xcalloc(n + 1, sizeof *row);
	for (size_t j = 0; j <= n; j++)
		row[j] = j;
	for (size_t i = 1; a[i - 1]; i++) {
		size_t diag = row[0];
		row[0] = i;
		for (size_t j = 1; j <= n; j++) {
			size_t up = row[j], best = diag + (a[i - 1] != b[j - 1]);
			if (row[j] + 1 < best)
				best = row[j] + 1;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			row[j] = best;
			diag = up;
		}
	}
	size_t r = row[n];
	free(row);
	return r;
}

size_t coding_code(struct coding *c, const char *id, const char *where)
{
	size_t k;
	if (hmap_get(&c->s.codemap, id, &k) && !c->s.codes[k].dropped)
		return k;
	struct buf b;
	buf_init(&b);
	size_t n = 0, len = strlen(id), lim = len / 3 > 1 ? len / 3 : 1;
	for (size_t i = 0; i < c->s.ncodes && n < 5; i++) {
		const struct code *x = &c->s.codes[c->s.code_order[i]];
		if (x->dropped)
			continue;
		bool close = edit_distance(id, x->id) <= lim ||
		             (len >= 3 && strstr(x->id, id)) ||
		             (strlen(x->id) >= 3 && strstr(id, x->id));
		if (close)
			buf_printf(&b, "%s%s", n++ ? ", " : " (known codes close to it: ", x->id);
	}
	if (n)
		buf_puts(&b, ")");
	else
		buf_printf(&b, " (the codebook has %zu codes; none is close to it)", c->s.ncodes);
	char *v = text_show(id, strlen(id), 40);
	diag_in(&c->d, D_CODE_UNKNOWN, c->codebook, where, v, b.data);
	free(v);
	buf_free(&b);
	return NONE;
}

int coding_codes(struct coding *c, const char *cmd, const char *opt, const char *list,
                 size_t **out, size_t *n)
{
	*out = NULL;
	*n = 0;
	size_t cap = 0;
	int st = EXIT_OK;
	const char *p = list;
	for (;;) {
		const char *q = strchr(p, ',');
		size_t l = q ? (size_t)(q - p) : strlen(p);
		while (l && *p == ' ')
			p++, l--;
		while (l && p[l - 1] == ' ')
			l--;
		if (!l) {
			free(*out);
			*out = NULL;
			*n = 0;
			return opt_usage_error(cmd, "%s: an empty code in '%s' (give codes as a,b)", opt, list);
		}
		char *id = xstrndup(p, l);
		size_t k = coding_code(c, id, opt);
		if (k == NONE) {
			st = EXIT_PROBLEMS;
		} else {
			for (size_t i = 0; i < *n; i++)
				if ((*out)[i] == k) {
					free(id);
					free(*out);
					*out = NULL;
					*n = 0;
					return opt_usage_error(cmd, "%s: code '%s' is listed twice", opt,
					                       c->s.codes[k].id);
				}
			ARRAY_PUSH(*out, *n, cap, k);
		}
		free(id);
		if (!q)
			break;
		p = q + 1;
	}
	if (st != EXIT_OK) {
		free(*out);
		*out = NULL;
		*n = 0;
	}
	return st;
}

int coding_uses(struct coding *c, enum use_kind k, const char *const *ids, size_t nids,
                const char *subject, const char *effect, bool force, const char *file,
                const char *where)
{
	if (!c->scanned) {
		c->scanned = true;
		uses_scan(&c->uses, c->p.texdir, c->p.generated, &c->d);
	}
	size_t n = 0;
	for (size_t j = 0; j < nids; j++)
		n += uses_count(&c->uses, k, ids[j]);
	if (!n)
		return EXIT_OK;
	if (force)
		diag_in(&c->d, D_CITED_FORCED, file, where, subject, n, n == 1 ? "" : "s", effect);
	else
		diag_in(&c->d, D_CITED, file, where, subject, n, n == 1 ? "" : "s", effect);
	for (size_t i = 0; i < c->uses.n; i++) {
		const struct use *u = &c->uses.v[i];
		for (size_t j = 0; j < nids; j++)
			if (u->kind == k && !strcmp(u->id, ids[j]))
				diag_at(&c->d, D_USE_HERE, u->file, u->line, u->col, u->macro, u->id);
	}
	return force ? EXIT_OK : EXIT_PROBLEMS;
}

char *coding_code_list(const struct store *s, const struct segment *g)
{
	struct buf b;
	buf_init(&b);
	buf_puts(&b, "");
	for (size_t k = 0; k < g->ncodes; k++)
		buf_printf(&b, "%s%s", k ? ", " : "", s->codes[g->codes[k]].id);
	return buf_detach(&b, NULL);
}

int coding_finish(struct coding *c, struct sedit *e, bool dry_run, bool quiet)
{
	sedit_base(e, &c->s);
	return sedit_finish(e, &c->old, dry_run, quiet, &c->d);
}
