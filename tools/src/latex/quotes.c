/* quotes.c - quotes.tex: one \\sitat@defquote per coded segment, its
 * text on a line of its own. */
#include "latex/shared.h"

void quotes_write(struct buf *b, const struct store *s)
{
	tex_header(b, "quotes", "the evidence store");
	tex_out(b, TEX_LIT, "\\sitat@storeinfo");
	tex_numarg(b, s->nsegs);
	tex_numarg(b, s->nsources);
	tex_out(b, TEX_LIT, "\n");
	for (size_t i = 0; i < s->nsegs; i++) {
		const struct segment *g = &s->segs[i];
		const struct source *src = &s->sources[g->src];
		tex_out(b, TEX_LIT, "\\sitat@defquote{");
		tex_out(b, TEX_ID, g->id);
		tex_out(b, TEX_LIT, "}{");
		tex_cite_key(b, src);
		tex_out(b, TEX_LIT, "}");
		tex_locator(b, s, g);
		tex_arg(b, TEX_TEXT, src->label);
		tex_arg(b, TEX_TEXT, src->kind == SRC_INTERVIEW ? src->role : NULL);
		/* the text starts a line: its length is the escaper's (which
		 * breaks long text), not added to the fields before it */
		tex_out(b, TEX_LIT, "%\n");
		tex_arg(b, TEX_TEXT, g->exact);
		tex_out(b, TEX_LIT, "\n");
	}
}

