/* cmd_codes.c - sitat codes rename|merge|move: the codebook changed and
 * every coding with it (segments refer to codes by index in memory, so
 * the writers of core/storewrite.h put the new ids everywhere).  Changing
 * a code that a table of the thesis shows (\sitattable of one of its
 * research questions) is refused unless --force (cmd/uses.h). */
#include "cmd/cmd.h"
#include "cmd/coding.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct codes_opts {
	const char *store, *parent;
	bool top, force, dry_run, quiet;
};

const struct opt codes_options[] = {
	OPT_STORE(struct codes_opts, store),
	OPT_STRING("parent", 'p', struct codes_opts, parent, "CODE", "move: the new parent"),
	OPT_FLAG("top", 0, struct codes_opts, top, "move: to the top level (no parent)"),
	OPT_FLAG("force", 'f', struct codes_opts, force,
	         "change it even when a table of the thesis shows it"),
	OPT_DRYRUN(struct codes_opts, dry_run),
	OPT_QUIET(struct codes_opts, quiet, "print only problems"),
	OPT_END,
};

/* true when code a is b or one of b's descendants */
static bool within(const struct store *s, size_t a, size_t b)
{
	for (size_t k = a, n = 0; k != NONE && n <= s->ncodes; k = s->codes[k].parent, n++)
		if (k == b)
			return true;
	return false;
}

/* The tables that show code k or one of its descendants: refuse unless
 * forced.  what: "code 'x'"; action: "sitat codes merge". */
static int table_uses(struct coding *c, size_t k, const char *action, bool force)
{
	const struct store *s = &c->s;
	const char **ids = xcalloc(s->nrqs + 1, sizeof *ids);
	size_t n = 0;
	for (size_t r = 0; r < s->nrqs; r++) {
		bool shown = false;
		for (size_t i = 0; i < s->ncodes && !shown; i++) {
			if (s->codes[i].dropped || !within(s, i, k))
				continue;
			for (size_t j = 0; j < s->codes[i].nrqs; j++)
				shown |= s->codes[i].rqs[j] == r;
		}
		if (shown)
			ids[n++] = s->rqs[r].id;
	}
	char *subj = xasprintf("the thesis shows code '%s' in \\sitattable", s->codes[k].id);
	char *eff = force ? xasprintf("%s changes them", action)
	                  : xasprintf("%s would change what they show", action);
	char *where = xasprintf("code %s", s->codes[k].id);
	int st = coding_uses(c, USE_TABLE, ids, n, subj, eff, force, c->codebook, where);
	free(subj), free(eff), free(where), free(ids);
	return st;
}

/* Every source with a segment coded k (or any code when k is NONE). */
static void put_codings_with(struct sedit *e, const struct store *s, const bool *touched)
{
	for (size_t i = 0; i < s->nsources; i++)
		if (touched[i])
			sedit_put_codings(e, s, i);
}

static int rename_code(struct coding *c, const struct codes_opts *o, const char *old,
                       const char *new)
{
	struct store *s = &c->s;
	size_t k = coding_code(c, old, "rename");
	if (k == NONE)
		return EXIT_PROBLEMS;
	size_t x;
	if (hmap_get(&s->codemap, new, &x)) {
		diag_in(&c->d, D_CODE_EXISTS, c->codebook, "rename", new);
		return EXIT_PROBLEMS;
	}
	bool ok = (new[0] >= 'a' && new[0] <= 'z') || (new[0] >= '0' && new[0] <= '9');
	for (const char *p = new; *p; p++)
		ok &= (*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '.' || *p == '-';
	if (!ok) {
		char *v = text_show(new, strlen(new), 40);
		diag_in(&c->d, D_CODE_BAD_NEW, c->codebook, "rename", v);
		free(v);
		return EXIT_PROBLEMS;
	}
	int st = table_uses(c, k, "sitat codes rename", o->force);
	if (st != EXIT_OK)
		return st;
	/* the code map borrows the old id: keep it until the store goes */
	char *was = s->codes[k].id;
	s->codes[k].id = xstrdup(new);
	bool *touched = xcalloc(s->nsources + 1, sizeof *touched);
	for (size_t i = 0; i < s->nsegs; i++)
		for (size_t j = 0; j < s->segs[i].ncodes; j++)
			if (s->segs[i].codes[j] == k)
				touched[s->segs[i].src] = true;
	for (size_t i = 0; i < s->ncodes; i++)
		if (s->codes[i].parent == k) {
			free(s->codes[i].parent_id);
			s->codes[i].parent_id = xstrdup(new);
		}
	struct sedit e;
	sedit_init(&e, s->root);
	sedit_put_codebook(&e, s);
	put_codings_with(&e, s, touched);
	free(touched);
	st = coding_finish(c, &e, o->dry_run, o->quiet);
	/* store_free frees the new id; the old one is ours */
	hmap_free(&s->codemap);
	hmap_init(&s->codemap);
	free(was);
	return st;
}

static int merge_codes(struct coding *c, const struct codes_opts *o, const char *from,
                       const char *into)
{
	struct store *s = &c->s;
	size_t f = coding_code(c, from, "merge"), t = coding_code(c, into, "merge");
	if (f == NONE || t == NONE)
		return EXIT_PROBLEMS;
	if (f == t) {
		diag_in(&c->d, D_CODE_SAME, c->codebook, "merge", from, into);
		return EXIT_PROBLEMS;
	}
	if (within(s, t, f)) {
		diag_in(&c->d, D_CODE_MOVE_CYCLE, c->codebook, "merge", into, "a descendant of", from);
		return EXIT_PROBLEMS;
	}
	int st = table_uses(c, f, "sitat codes merge", o->force);
	if (st != EXIT_OK)
		return st;
	bool *touched = xcalloc(s->nsources + 1, sizeof *touched);
	for (size_t i = 0; i < s->nsegs; i++) {
		struct segment *g = &s->segs[i];
		bool has_f = false, has_t = false;
		for (size_t j = 0; j < g->ncodes; j++)
			has_f |= g->codes[j] == f, has_t |= g->codes[j] == t;
		if (!has_f)
			continue;
		touched[g->src] = true;
		size_t n = 0;
		for (size_t j = 0; j < g->ncodes; j++) {
			if (g->codes[j] == f && has_t)
				continue; /* INTO is there already */
			g->codes[n++] = g->codes[j] == f ? t : g->codes[j];
		}
		g->ncodes = n;
	}
	for (size_t i = 0; i < s->ncodes; i++)
		if (s->codes[i].parent == f) {
			s->codes[i].parent = t;
			free(s->codes[i].parent_id);
			s->codes[i].parent_id = xstrdup(s->codes[t].id);
		}
	s->codes[f].dropped = true;
	struct sedit e;
	sedit_init(&e, s->root);
	sedit_put_codebook(&e, s);
	put_codings_with(&e, s, touched);
	free(touched);
	return coding_finish(c, &e, o->dry_run, o->quiet);
}

static int move_code(struct coding *c, const struct codes_opts *o, const char *code)
{
	struct store *s = &c->s;
	if (!o->parent == !o->top)
		return opt_usage_error("codes", "move: give --parent CODE or --top");
	size_t k = coding_code(c, code, "move"), p = NONE;
	if (k == NONE || (o->parent && (p = coding_code(c, o->parent, "--parent")) == NONE))
		return EXIT_PROBLEMS;
	if (p != NONE && within(s, p, k)) {
		diag_in(&c->d, D_CODE_MOVE_CYCLE, c->codebook, "move", o->parent,
		        p == k ? "the same code as" : "a descendant of", code);
		return EXIT_PROBLEMS;
	}
	int st = table_uses(c, k, "sitat codes move", o->force);
	if (st != EXIT_OK)
		return st;
	s->codes[k].parent = p;
	free(s->codes[k].parent_id);
	s->codes[k].parent_id = p == NONE ? NULL : xstrdup(s->codes[p].id);
	struct sedit e;
	sedit_init(&e, s->root);
	sedit_put_codebook(&e, s);
	return coding_finish(c, &e, o->dry_run, o->quiet);
}

int cmd_codes(int argc, char **argv)
{
	struct codes_opts o = {0};
	int st = cmd_parse(&argc, argv, &o);
	if (st != CMD_RUN)
		return st;
	const char *sub = argv[1];
	int want = !strcmp(sub, "move") ? 3 : 4;
	if (strcmp(sub, "rename") && strcmp(sub, "merge") && strcmp(sub, "move"))
		return opt_usage_error("codes", "unknown subcommand '%s' (rename, merge or move)", sub);
	if (argc != want)
		return opt_usage_error("codes", "%s needs %s", sub,
		                       want == 3 ? "CODE (codes move CODE --parent P | --top)"
		                       : !strcmp(sub, "rename") ? "OLD NEW" : "FROM INTO");
	if ((o.parent || o.top) && strcmp(sub, "move"))
		return opt_usage_error("codes", "--parent and --top go with move");
	struct coding c;
	if ((st = coding_open(&c, "codes", o.store)) == EXIT_OK) {
		if (!strcmp(sub, "rename"))
			st = rename_code(&c, &o, argv[2], argv[3]);
		else if (!strcmp(sub, "merge"))
			st = merge_codes(&c, &o, argv[2], argv[3]);
		else
			st = move_code(&c, &o, argv[2]);
	}
	coding_close(&c);
	return st;
}
