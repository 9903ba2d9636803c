/* store_codebook.c - loading the codebook; hierarchy, cycles, tree order. */
#include "core/store_impl.h"
#include "core/util.h"

#include <stdlib.h>
#include <string.h>

static bool color_ok(const char *c)
{
	if (strlen(c) != 7 || c[0] != '#')
		return false;
	for (int i = 1; i < 7; i++)
		if (!strchr("0123456789abcdefABCDEF", c[i]))
			return false;
	return true;
}

static bool code_id_ok(const char *id)
{
	if (!id_chars_ok(id, ".-") || !((id[0] >= 'a' && id[0] <= 'z') ||
	                                 (id[0] >= '0' && id[0] <= '9')))
		return false;
	return !strpbrk(id, "ABCDEFGHIJKLMNOPQRSTUVWXYZ");
}

enum { C_ID, C_NAME, C_DESC, C_PARENT, C_RQ, C_COLOR, C_GUID, C_N };
static const struct jfield code_spec[C_N] = {
	[C_ID] = {"id", JT_STR, true, NULL},
	[C_NAME] = {"name", JT_STR, true, NULL},
	[C_DESC] = {"description", JT_STR, false, NULL},
	[C_PARENT] = {"parent", JT_STR, false, NULL},
	[C_RQ] = {"rq", JT_ARR, false, NULL},
	[C_COLOR] = {"color", JT_STR, false, NULL},
	[C_GUID] = {"guid", JT_STR, false, NULL},
};

static void load_code(struct load *L, const struct jdoc *doc, cJSON *e, size_t i)
{
	struct store *s = L->s;
	struct diag *d = doc->d;
	const char *file = doc->file;
	const char *id0 = cJSON_IsObject(e)
	                      ? cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(e, "id"))
	                      : NULL;
	char *where = id0 && code_id_ok(id0) ? xasprintf("code %s", id0)
	                                     : xasprintf("codes[%zu]", i);
	if (!cJSON_IsObject(e)) {
		diag_in(d, D_TYPE, file, where, "codes[]", "an object");
		goto out;
	}
	struct jval f[C_N];
	jread(doc, e, code_spec, C_N, f, where);
	const char *id = f[C_ID].s, *color = f[C_COLOR].s;
	if (!id)
		goto out;
	if (!code_id_ok(id)) {
		diag_in(d, D_BAD_ID, file, where, "code", id, "[a-z0-9][a-z0-9.-]*");
		goto out;
	}
	if (color && !color_ok(color))
		diag_in(d, D_BAD_COLOR, file, where, color);
	struct code *c = &s->codes[s->ncodes];
	memset(c, 0, sizeof *c);
	c->id = xstrdup(id);
	if (!hmap_put(&s->codemap, c->id, s->ncodes, NULL)) {
		diag_in(d, D_DUP_ID, file, where, "code", id, "an earlier entry");
		free(c->id);
		goto out;
	}
	c->name = xstrdup(f[C_NAME].s ? f[C_NAME].s : id);
	c->description = xstrdup(f[C_DESC].s ? f[C_DESC].s : "");
	c->parent_id = sdup(f[C_PARENT].s);
	c->color = color && color_ok(color) ? xstrdup(color) : NULL;
	c->parent = NONE;
	/* unchecked when project.json did not load: all would be unknown */
	if (f[C_RQ].node && cJSON_GetArraySize(f[C_RQ].node) > 0)
		c->rqs = store_refs(doc, f[C_RQ].node, "rq", &s->rqmap, L->project_ok,
		                    where, &c->nrqs);
	else if (!f[C_RQ].node || cJSON_IsArray(f[C_RQ].node))
		diag_in(d, D_CODE_UNMAPPED, file, where, id, id);
	if (f[C_GUID].s && !guid_ok(f[C_GUID].s)) {
		char *v = text_show(f[C_GUID].s, strlen(f[C_GUID].s), 40);
		diag_in(d, D_BAD_GUID, file, where, "guid", v);
		free(v);
	} else {
		c->guid = sdup(f[C_GUID].s);
	}
	s->ncodes++;
out:
	free(where);
}

/* Depth-first order of the code tree, children in codebook order. */
static void order_tree(struct store *s)
{
	size_t n = 0;
	s->code_order = xcalloc(s->ncodes, sizeof *s->code_order);
	/* iterative DFS with an explicit stack of code indices */
	size_t *stack = xcalloc(s->ncodes + 1, sizeof *stack);
	/* children lists: first child / next sibling */
	size_t *first = xmalloc(s->ncodes * sizeof *first);
	size_t *next = xmalloc(s->ncodes * sizeof *next);
	size_t *last = xmalloc(s->ncodes * sizeof *last);
	for (size_t i = 0; i < s->ncodes; i++)
		first[i] = next[i] = last[i] = NONE;
	for (size_t i = 0; i < s->ncodes; i++) {
		size_t p = s->codes[i].parent;
		if (p == NONE)
			continue;
		if (first[p] == NONE)
			first[p] = i;
		else
			next[last[p]] = i;
		last[p] = i;
	}
	for (size_t r = 0; r < s->ncodes; r++) {
		if (s->codes[r].parent != NONE)
			continue;
		size_t sp = 0;
		stack[sp++] = r;
		while (sp) {
			size_t c = stack[--sp];
			s->codes[c].order = n;
			s->code_order[n++] = c;
			/* push children in reverse so they pop in order */
			size_t cnt = 0;
			for (size_t k = first[c]; k != NONE; k = next[k])
				cnt++;
			sp += cnt;
			size_t j = sp;
			for (size_t k = first[c]; k != NONE; k = next[k]) {
				stack[--j] = k;
				s->codes[k].depth = s->codes[c].depth + 1;
			}
		}
	}
	free(stack), free(first), free(next), free(last);
}

/* Each code's parent index, from its parent id. */
static void link_parents(struct store *s, const char *file, struct diag *d)
{
	for (size_t k = 0; k < s->ncodes; k++) {
		struct code *c = &s->codes[k];
		if (!c->parent_id)
			continue;
		size_t p;
		char *where = xasprintf("code %s", c->id);
		if (!hmap_get(&s->codemap, c->parent_id, &p)) {
			char *v = text_show(c->parent_id, strlen(c->parent_id), 40);
			diag_in(d, D_UNKNOWN_PARENT, file, where, v);
			free(v);
		} else {
			c->parent = p;
		}
		free(where);
	}
}

/* Report each cycle of the hierarchy once, then cut it (its codes become
 * top level) so that the tree walk terminates.  A walk up from a code
 * that takes more than ncodes steps loops. */
static void break_cycles(struct store *s, const char *file, struct diag *d)
{
	unsigned char *state = xcalloc(s->ncodes, 1); /* 1 = in a reported cycle */
	for (size_t k = 0; k < s->ncodes; k++) {
		size_t c = k, steps = 0;
		while (c != NONE && steps <= s->ncodes)
			c = s->codes[c].parent, steps++;
		if (c == NONE || state[k])
			continue;
		/* k reaches a cycle; find it: step ncodes times to be inside */
		c = k;
		for (size_t m = 0; m < s->ncodes; m++)
			c = s->codes[c].parent;
		if (state[c])
			continue;
		struct buf b;
		buf_init(&b);
		size_t start = c;
		do {
			buf_puts(&b, s->codes[c].id);
			buf_puts(&b, " -> ");
			state[c] = 1;
			c = s->codes[c].parent;
		} while (c != start);
		buf_puts(&b, s->codes[start].id);
		char *where = xasprintf("code %s", s->codes[start].id);
		diag_in(d, D_CYCLE, file, where, b.data);
		free(where);
		buf_free(&b);
	}
	for (size_t k = 0; k < s->ncodes; k++)
		if (state[k])
			s->codes[k].parent = NONE;
	free(state);
}

enum { B_FORMAT, B_CODES, B_N };
static const struct jfield codebook_spec[B_N] = {
	[B_FORMAT] = {"format", JT_STR, true, "sitat-codebook/1"},
	[B_CODES] = {"codes", JT_ARR, true, NULL},
};

void store_load_codebook(struct load *L)
{
	struct store *s = L->s;
	struct diag *d = L->d;
	char *file = path_join(s->root, "codebook.json");
	struct jdoc doc;
	if (store_read_json(L, "codebook.json", file, STORE_META_LIMIT, &doc, d) < 0)
		goto done;
	if (!cJSON_IsObject(doc.root)) {
		diag_in(d, D_TYPE, file, "codebook", "(top level)", "an object");
		goto done;
	}
	struct jval f[B_N];
	jread(&doc, doc.root, codebook_spec, B_N, f, "codebook");
	cJSON *codes = f[B_CODES].node, *e;
	L->codebook_ok = codes != NULL;
	s->codes = xcalloc((size_t)cJSON_GetArraySize(codes), sizeof *s->codes);
	size_t i = 0;
	cJSON_ArrayForEach(e, codes)
		load_code(L, &doc, e, i++);

	link_parents(s, file, d);
	break_cycles(s, file, d);
	order_tree(s);
done:
	if (!L->codebook_ok)
		diag_at(d, D_SKIPPED, file, 0, 0, "the codes of segments", "this file");
	json_free(&doc);
	free(file);
}
