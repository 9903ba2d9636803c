/* tables.c - tables.tex: a table per research question and the code x
 * source matrix. */
#include "latex/shared.h"

#include <stdlib.h>
#include <string.h>

/* Per code: the segments coded with it (linked from its row), and the
 * counts for the code with its sub-codes: segments, distinct interviews
 * and distinct sources. */
struct code_stats {
	size_t *segs, nsegs;
	size_t total, informants, sources;
};

static struct code_stats *collect(const struct store *s)
{
	struct code_stats *cs = xcalloc(s->ncodes, sizeof *cs);
	size_t *count = xcalloc(s->ncodes, sizeof *count);
	for (size_t i = 0; i < s->nsegs; i++)
		for (size_t k = 0; k < s->segs[i].ncodes; k++)
			count[s->segs[i].codes[k]]++;
	for (size_t c = 0; c < s->ncodes; c++)
		cs[c].segs = xcalloc(count[c], sizeof *cs[c].segs);
	/* per segment, the codes it falls under: its own and their ancestors,
	 * each once (mark[c] == i).  Segments are grouped by source, so a
	 * change of source (last[c]) is a new distinct source. */
	size_t *last = xmalloc(s->ncodes * sizeof *last);
	size_t *mark = xmalloc(s->ncodes * sizeof *mark);
	for (size_t c = 0; c < s->ncodes; c++)
		last[c] = mark[c] = NONE;
	for (size_t i = 0; i < s->nsegs; i++) {
		const struct segment *g = &s->segs[i];
		for (size_t k = 0; k < g->ncodes; k++) {
			size_t c = g->codes[k];
			if (cs[c].nsegs && cs[c].segs[cs[c].nsegs - 1] == i)
				continue; /* the same code twice on one segment */
			cs[c].segs[cs[c].nsegs++] = i;
			for (size_t a = c; a != NONE && mark[a] != i; a = s->codes[a].parent) {
				mark[a] = i;
				cs[a].total++;
				if (last[a] != g->src) {
					last[a] = g->src;
					cs[a].sources++;
					if (s->sources[g->src].kind == SRC_INTERVIEW)
						cs[a].informants++;
				}
			}
		}
	}
	free(mark);
	free(last);
	free(count);
	return cs;
}

static bool code_serves(const struct code *c, size_t rq)
{
	for (size_t k = 0; k < c->nrqs; k++)
		if (c->rqs[k] == rq)
			return true;
	return false;
}

static void write_table(struct buf *b, const struct store *s,
                        const struct code_stats *cs, size_t rq)
{
	const struct rq *r = &s->rqs[rq];
	tex_out(b, TEX_LIT, "\\sitat@deftable{");
	tex_out(b, TEX_ID, r->id);
	tex_out(b, TEX_LIT, "}{");
	tex_out(b, TEX_TEXT, r->label);
	tex_out(b, TEX_LIT, "}{");
	tex_out(b, TEX_TEXT, r->question);
	tex_out(b, TEX_LIT, "}{%\n");
	for (size_t i = 0; i < s->ncodes; i++) {
		size_t c = s->code_order[i];
		const struct code *code = &s->codes[c];
		if (!code_serves(code, rq))
			continue;
		/* depth within this table: ancestors that are in it too */
		int depth = 0;
		for (size_t p = code->parent; p != NONE; p = s->codes[p].parent)
			depth += code_serves(&s->codes[p], rq);
		tex_out(b, TEX_LIT, "\\sitat@row{");
		tex_num(b, (size_t)depth);
		tex_out(b, TEX_LIT, "}{");
		tex_out(b, TEX_ID, code->id);
		tex_out(b, TEX_LIT, "}{");
		tex_out(b, TEX_TEXT, code->name);
		tex_out(b, TEX_LIT, "}{");
		tex_num(b, cs[c].total);
		tex_out(b, TEX_LIT, "}{");
		tex_num(b, cs[c].informants);
		tex_out(b, TEX_LIT, "}{");
		tex_num(b, cs[c].sources);
		/* the links one to a line (a code may have 100,000 segments):
		 * a line ends with % (no space from the line break) */
		tex_out(b, TEX_LIT, "}{%\n");
		for (size_t k = 0; k < cs[c].nsegs; k++) {
			if (k)
				tex_out(b, TEX_LIT, "\\sitatsep%\n");
			tex_out(b, TEX_LIT, "\\sitatlink{");
			tex_out(b, TEX_ID, s->segs[cs[c].segs[k]].id);
			tex_out(b, TEX_LIT, "}");
		}
		tex_out(b, TEX_LIT, "}%\n");
	}
	tex_out(b, TEX_LIT, "}\n");
}

static void write_matrix(struct buf *b, const struct store *s)
{
	/* columns: interviews, then documents, each in store order */
	size_t *col = xcalloc(s->nsources, sizeof *col), ncol = 0;
	for (int pass = 0; pass < 2; pass++)
		for (size_t i = 0; i < s->nsources; i++)
			if (s->sources[i].kind == (pass ? SRC_DOCUMENT : SRC_INTERVIEW))
				col[ncol++] = i;
	size_t *pos = xcalloc(s->nsources, sizeof *pos);
	for (size_t k = 0; k < ncol; k++)
		pos[col[k]] = k;
	size_t *cnt = xcalloc(s->ncodes * (ncol ? ncol : 1), sizeof *cnt), max = 0;
	for (size_t i = 0; i < s->nsegs; i++)
		for (size_t k = 0; k < s->segs[i].ncodes; k++) {
			size_t *c = &cnt[s->segs[i].codes[k] * ncol + pos[s->segs[i].src]];
			if (++*c > max)
				max = *c;
		}
	tex_out(b, TEX_LIT, "\\sitat@defmatrix{");
	tex_num(b, ncol);
	/* header cells, rows and each row's cells one to a line */
	tex_out(b, TEX_LIT, "}{%\n");
	for (size_t k = 0; k < ncol; k++) {
		tex_out(b, TEX_LIT, "\\sitat@mhead{");
		tex_out(b, TEX_ID, s->sources[col[k]].id);
		tex_out(b, TEX_LIT, "}%\n");
	}
	tex_out(b, TEX_LIT, "}{%\n");
	for (size_t i = 0; i < s->ncodes; i++) {
		size_t c = s->code_order[i];
		tex_out(b, TEX_LIT, "\\sitat@mrow{");
		tex_num(b, (size_t)s->codes[c].depth);
		tex_out(b, TEX_LIT, "}{");
		tex_out(b, TEX_TEXT, s->codes[c].name);
		tex_out(b, TEX_LIT, "}{%\n");
		for (size_t k = 0; k < ncol; k++) {
			size_t v = cnt[c * ncol + k];
			tex_out(b, TEX_LIT, "\\sitat@mcell{");
			tex_num(b, v);
			tex_out(b, TEX_LIT, "}{");
			tex_num(b, max ? (v * 100 + max / 2) / max : 0);
			tex_out(b, TEX_LIT, "}%\n");
		}
		tex_out(b, TEX_LIT, "}%\n");
	}
	tex_out(b, TEX_LIT, "}\n");
	free(cnt), free(pos), free(col);
}

void tables_write(struct buf *b, const struct store *s)
{
	struct code_stats *cs = collect(s);
	tex_header(b, "tables", "the evidence store");
	for (size_t r = 0; r < s->nrqs; r++)
		write_table(b, s, cs, r);
	write_matrix(b, s);
	for (size_t c = 0; c < s->ncodes; c++)
		free(cs[c].segs);
	free(cs);
}

