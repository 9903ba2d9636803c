/* audit_tex.c - audit.tex: the audit appendix, claim -> quote -> source. */
#include "latex/shared.h"

static void tex_quote_row(struct buf *b, const struct store *s,
                          const struct record *r, size_t g, size_t use)
{
	const struct segment *seg = &s->segs[g];
	const struct source *src = &s->sources[seg->src];
	tex_out(b, TEX_LIT, "\\sitat@audit@quote");
	tex_arg(b, TEX_ID, seg->id);
	tex_arg(b, TEX_TEXT, src->label);
	tex_arg(b, TEX_TEXT, src->kind == SRC_INTERVIEW && src->role ? src->role : "");
	tex_arg(b, TEX_ID, src->id);
	tex_locator(b, s, seg);
	/* the codes one to a line ("name, %" then the next: the space before
	 * the % is kept, the line break is not a space) */
	tex_out(b, TEX_LIT, "{%\n");
	for (size_t k = 0; k < seg->ncodes; k++) {
		if (k)
			tex_out(b, TEX_LIT, ", %\n");
		tex_out(b, TEX_TEXT, s->codes[seg->codes[k]].name);
	}
	tex_out(b, TEX_LIT, "}");
	tex_arg(b, TEX_TEXT, r->uses[use].page);
	tex_out(b, TEX_LIT, "%\n");
}

static void tex_claims_of(struct buf *b, const struct store *s,
                          const struct record *r, const struct audit *a,
                          size_t rq)
{
	static const char *const status[] = {"ok", "warning", "error"};
	for (size_t i = 0; i < a->nclaims; i++) {
		const struct audit_claim *ac = &a->claims[i];
		if (ac->rq != rq)
			continue;
		const struct rec_claim *c = &r->claims[ac->rec];
		tex_out(b, TEX_LIT, "\\sitat@audit@claim");
		tex_arg(b, TEX_ID, c->id);
		tex_arg(b, TEX_TEXT, c->page);
		tex_numarg(b, ac->nsegs);
		tex_numarg(b, ac->informants);
		tex_numarg(b, ac->documents);
		tex_arg(b, TEX_LIT, status[ac->level]);
		tex_out(b, TEX_LIT, "%\n");
		for (size_t k = 0; k < ac->nsegs; k++)
			tex_quote_row(b, s, r, ac->segs[k], ac->use[k]);
	}
}

void audit_tex_write(struct buf *b, const struct store *s,
                     const struct record *r, const struct audit *a)
{
	tex_header(b, "audit", "the store and the thesis");
	tex_out(b, TEX_LIT, "\\sitat@defaudit");
	tex_numarg(b, a->nclaims);
	tex_numarg(b, a->quotes_cited);
	tex_numarg(b, a->informants_cited);
	tex_numarg(b, a->documents_cited);
	tex_out(b, TEX_LIT, "{%\n");
	for (size_t q = 0; q < s->nrqs; q++) {
		tex_out(b, TEX_LIT, "\\sitat@audit@rq");
		tex_arg(b, TEX_ID, s->rqs[q].id);
		tex_arg(b, TEX_TEXT, s->rqs[q].label);
		tex_arg(b, TEX_TEXT, s->rqs[q].question);
		tex_numarg(b, a->rq_claims[q]);
		tex_numarg(b, a->rq_quotes[q]);
		tex_numarg(b, a->rq_informants[q]);
		tex_numarg(b, a->rq_documents[q]);
		tex_out(b, TEX_LIT, "%\n");
		tex_claims_of(b, s, r, a, q);
	}
	bool loose = false;
	for (size_t i = 0; i < a->nclaims; i++)
		loose |= a->claims[i].rq == NONE;
	if (loose) {
		tex_out(b, TEX_LIT, "\\sitat@audit@norq%\n");
		tex_claims_of(b, s, r, a, NONE);
	}
	tex_out(b, TEX_LIT, "}\n");
}

