/* diff_tex.c - the LaTeX appendix of sitat diff: "Changes to the evidence
 * since version A", for a revised thesis to \input (after
 * \usepackage{sitat}).  Every write names its escape context
 * (latex/texout.h): sitat's markup TEX_LIT, ids TEX_ID, everything from
 * the stores, the records and the command line TEX_TEXT.  The file sets
 * @ to a letter itself and restores its catcode at the end.  Its strings
 * come in English, Bokmål and Nynorsk and follow the document's language
 * as sitat.sty's own do (\sitatsetstring{diff<key>}{...} overrides one);
 * the look can be changed by defining \sitatdiffheading,
 * \sitatdiffsubheading and \sitatdiffentry before the \input. */
#include "cmd/diff.h"
#include "core/version.h"
#include "latex/texout.h"

#include <string.h>

/* key, English, Bokmål, Nynorsk (trusted: TEX_LIT) */
static const char *const strings[][4] = {
	{"title", "Changes to the evidence since version", "Endringer i datamaterialet siden versjon",
	 "Endringar i datamaterialet sidan versjon"},
	{"from", "Earlier version", "Tidligere versjon", "Tidlegare versjon"},
	{"to", "This version", "Denne versjonen", "Denne versjonen"},
	{"commit", "commit", "commit", "commit"},
	{"worktree", "the working tree (not committed)", "arbeidskopien (ikke committet)",
	 "arbeidskopien (ikkje committa)"},
	{"sources", "Sources", "Kilder", "Kjelder"},
	{"segments", "Quotes (coded segments)", "Sitater (kodede segmenter)", "Sitat (koda segment)"},
	{"codes", "Codes", "Koder", "Kodar"},
	{"rqs", "Research questions", "Forskningsspørsmål", "Forskingsspørsmål"},
	{"claims", "Claims that use a changed quote", "Påstander som bruker et endret sitat",
	 "Påstandar som brukar eit endra sitat"},
	{"pages", "Pages that use a changed quote", "Sider som bruker et endret sitat",
	 "Sider som brukar eit endra sitat"},
	{"added", "added", "lagt til", "lagt til"},
	{"removed", "removed", "fjernet", "fjerna"},
	{"changed", "changed", "endret", "endra"},
	{"text", "text edited", "teksten endret", "teksten endra"},
	{"meta", "metadata changed", "metadata endret", "metadata endra"},
	{"quote", "quote text changed", "sitatteksten endret", "sitatteksten endra"},
	{"moved", "moved", "flyttet", "flytta"},
	{"recoded", "recoded", "omkodet", "omkoda"},
	{"renumbered", "new id", "ny id", "ny id"},
	{"memo", "memo changed", "notatet endret", "notatet endra"},
	{"stale", "the anchor no longer matches its source", "ankeret stemmer ikke lenger med kilden",
	 "ankeret stemmer ikkje lenger med kjelda"},
	{"renamed", "renamed", "omdøpt", "omdøypt"},
	{"name", "name changed", "navnet endret", "namnet endra"},
	{"desc", "description changed", "beskrivelsen endret", "skildringa endra"},
	{"parent", "moved in the hierarchy", "flyttet i hierarkiet", "flytta i hierarkiet"},
	{"rq", "research questions changed", "forskningsspørsmålene endret",
	 "forskingsspørsmåla endra"},
	{"label", "wording changed", "ordlyden endret", "ordlyden endra"},
	{"was", "was", "var", "var"},
	{"now", "now", "nå", "no"},
	{"lines", "lines", "linjer", "linjer"},
	{"segs", "segments", "segmenter", "segment"},
	{"in", "in", "i", "i"},
	{"none", "No changes to the evidence.", "Ingen endringer i datamaterialet.",
	 "Ingen endringar i datamaterialet."},
	{"noclaims", "No claim uses a changed quote.", "Ingen påstand bruker et endret sitat.",
	 "Ingen påstand brukar eit endra sitat."},
	{"norecord", "not known (no use record of this version)",
	 "ukjent (ingen bruksregistrering for denne versjonen)",
	 "ukjend (inga bruksregistrering for denne versjonen)"},
	{"nopages", "none", "ingen", "ingen"},
};

static void lit(struct buf *b, const char *s) { tex_out(b, TEX_LIT, s); }
static void str(struct buf *b, const char *key)
{
	lit(b, "\\sitat@diff@str{");
	lit(b, key);
	lit(b, "}");
}
static void arg(struct buf *b, enum tex_ctx ctx, const char *s)
{
	lit(b, "{");
	tex_out(b, ctx, s ? s : "");
	lit(b, "}");
}

static void preamble(struct buf *b)
{
	lit(b, "\\expandafter\\ifx\\csname sitat@curlang\\endcsname\\relax"
	    "\\PackageError{sitat}{The appendix of sitat diff needs sitat.sty:"
	    "\\MessageBreak \\string\\usepackage{sitat} before \\string\\input}{}"
	    "\\expandafter\\endinput\\fi\n");
	/* @ a letter until the end, then what it was */
	lit(b, "\\expandafter\\edef\\csname sitat@diff@at\\endcsname"
	    "{\\catcode64=\\the\\catcode64\\relax}\\catcode64=11\\relax\n");
	lit(b, "\\def\\sitat@diff@def#1#2#3#4{\\@namedef{sitat@diff@s@en@#1}{#2}%\n"
	    "  \\@namedef{sitat@diff@s@nb@#1}{#3}\\@namedef{sitat@diff@s@nn@#1}{#4}}\n");
	for (size_t i = 0; i < sizeof strings / sizeof *strings; i++) {
		lit(b, "\\sitat@diff@def");
		for (int k = 0; k < 4; k++)
			arg(b, TEX_LIT, strings[i][k]);
		lit(b, "\n");
	}
	/* \sitatsetstring for this language > for all > this file's string
	 * in the language > English */
	lit(b, "\\def\\sitat@diff@str#1{\\sitat@curlang\n"
	    "  \\ifcsname sitat@user@\\sitat@lang@cur @diff#1\\endcsname\n"
	    "    \\csname sitat@user@\\sitat@lang@cur @diff#1\\endcsname\n"
	    "  \\else\\ifcsname sitat@user@diff#1\\endcsname\n"
	    "    \\csname sitat@user@diff#1\\endcsname\n"
	    "  \\else\\ifcsname sitat@diff@s@\\sitat@lang@cur @#1\\endcsname\n"
	    "    \\csname sitat@diff@s@\\sitat@lang@cur @#1\\endcsname\n"
	    "  \\else\\csname sitat@diff@s@en@#1\\endcsname\\fi\\fi\\fi}\n");
	lit(b, "\\providecommand\\sitatdiffheading[1]{\\section*{#1}}\n"
	    "\\providecommand\\sitatdiffsubheading[1]{\\subsection*{#1}}\n"
	    "% \\sitatdiffentry{<mark>}{<id>}{<what>}: one change\n"
	    "\\providecommand\\sitatdiffentry[3]{\\item[#1]\\textbf{#2}: #3}\n");
}

static const char *const marks[] = {"+", "\\textendash", "\\textasteriskcentered"};

static void version(struct buf *b, const struct diff_side *s)
{
	if (!s->spec) {
		str(b, "worktree");
		return;
	}
	lit(b, "\\texttt{");
	tex_out(b, TEX_TEXT, s->spec);
	lit(b, "}");
	if (s->commit && s->commit[0] && strcmp(s->spec, s->commit)) {
		lit(b, " (");
		str(b, "commit");
		lit(b, " \\texttt{");
		tex_outn(b, TEX_ID, s->commit, strlen(s->commit) < 12 ? strlen(s->commit) : 12);
		lit(b, "})");
	}
}

static void flags(struct buf *b, const struct diff_change *c)
{
	static const struct { unsigned f; const char *k; } words[] = {
		{DF_TEXT, "text"}, {DF_META, "meta"}, {DF_RENUMBERED, "renumbered"},
		{DF_QUOTE, "quote"}, {DF_MOVED, "moved"}, {DF_RECODED, "recoded"},
		{DF_MEMO, "memo"}, {DF_STALE, "stale"}, {DF_RENAMED, "renamed"}, {DF_NAME, "name"},
		{DF_DESC, "desc"}, {DF_PARENT, "parent"}, {DF_RQ, "rq"}, {DF_LABEL, "label"},
	};
	bool first = true;
	for (size_t i = 0; i < sizeof words / sizeof *words; i++)
		if (c->flags & words[i].f) {
			if (!first)
				lit(b, ", ");
			str(b, words[i].k);
			first = false;
		}
}

static void how(struct buf *b, const struct diff_change *c)
{
	if (c->how == DH_CHANGED)
		flags(b, c);
	else
		str(b, c->how == DH_ADDED ? "added" : "removed");
}

static void quote(struct buf *b, const char *exact)
{
	lit(b, "\\enquote{");
	tex_out(b, TEX_TEXT, exact);
	lit(b, "}");
}

static void locator(struct buf *b, const struct store *s, const struct segment *g)
{
	const struct source *src = &s->sources[g->src];
	if (!g->anchored) {
		lit(b, "\\sitat@str{stale}");
	} else if (src->kind == SRC_DOCUMENT && g->page_from != NONE) {
		lit(b, g->page_from == g->page_to ? "\\sitat@str{page}~" : "\\sitat@str{pages}~");
		tex_out(b, TEX_TEXT, src->pages[g->page_from].label);
		if (g->page_from != g->page_to) {
			lit(b, "--");
			tex_out(b, TEX_TEXT, src->pages[g->page_to].label);
		}
	} else {
		lit(b, g->line_from == g->line_to ? "\\sitat@str{line}~" : "\\sitat@str{lines}~");
		tex_num(b, g->line_from);
		if (g->line_from != g->line_to) {
			lit(b, "--");
			tex_num(b, g->line_to);
		}
	}
}

static void codes(struct buf *b, const struct store *s, const struct segment *g)
{
	for (size_t k = 0; k < g->ncodes; k++) {
		if (k)
			lit(b, ", ");
		tex_out(b, TEX_TEXT, s->codes[g->codes[k]].name);
	}
}

static void entry_begin(struct buf *b, const struct diff_change *c, const char *id)
{
	lit(b, "\\sitatdiffentry{");
	lit(b, marks[c->how]);
	lit(b, "}");
	arg(b, TEX_ID, id);
	lit(b, "{");
}

static void source_entry(struct buf *b, const struct diff *df, const struct diff_change *c)
{
	const struct store *s = c->b != NONE ? df->B : df->A;
	const struct source *src = &s->sources[c->b != NONE ? c->b : c->a];
	entry_begin(b, c, src->id);
	tex_out(b, TEX_TEXT, src->label);
	lit(b, " (");
	how(b, c);
	if (c->flags & DF_TEXT) {
		lit(b, ": +");
		tex_num(b, c->added);
		lit(b, "/\\textminus");
		tex_num(b, c->removed);
		lit(b, " ");
		str(b, "lines");
	}
	if (c->how != DH_CHANGED) {
		lit(b, ", ");
		tex_num(b, src->nsegs);
		lit(b, " ");
		str(b, "segs");
	}
	lit(b, ")}\n");
}

static void segment_entry(struct buf *b, const struct diff *df, const struct diff_change *c)
{
	const struct segment *ga = c->a != NONE ? &df->A->segs[c->a] : NULL;
	const struct segment *gb = c->b != NONE ? &df->B->segs[c->b] : NULL;
	const struct segment *g = gb ? gb : ga;
	const struct store *s = gb ? df->B : df->A;
	entry_begin(b, c, g->id);
	how(b, c);
	if (c->how != DH_CHANGED) {
		lit(b, " (");
		tex_out(b, TEX_TEXT, s->sources[g->src].label);
		lit(b, ", ");
		locator(b, s, g);
		lit(b, "; ");
		codes(b, s, g);
		lit(b, "): ");
		quote(b, g->exact);
		lit(b, "}\n");
		return;
	}
	if (c->flags & DF_RENUMBERED) {
		lit(b, " (");
		tex_out(b, TEX_ID, ga->id);
		lit(b, " \\textrightarrow{} ");
		tex_out(b, TEX_ID, gb->id);
		lit(b, ")");
	}
	lit(b, ". ");
	if (c->flags & (DF_QUOTE | DF_MOVED)) {
		locator(b, df->A, ga);
		lit(b, " \\textrightarrow{} ");
		locator(b, df->B, gb);
		lit(b, ". ");
	}
	if (c->flags & DF_RECODED) {
		codes(b, df->A, ga);
		lit(b, " \\textrightarrow{} ");
		codes(b, df->B, gb);
		lit(b, ". ");
	}
	if (c->flags & DF_QUOTE) {
		lit(b, "\\par ");
		str(b, "was");
		lit(b, ": ");
		quote(b, ga->exact);
		lit(b, "\\par ");
		str(b, "now");
		lit(b, ": ");
		quote(b, gb->exact);
	} else {
		lit(b, "\\par ");
		quote(b, g->exact);
	}
	lit(b, "}\n");
}

static void code_entry(struct buf *b, const struct diff *df, const struct diff_change *c)
{
	const struct code *ca = c->a != NONE ? &df->A->codes[c->a] : NULL;
	const struct code *cb = c->b != NONE ? &df->B->codes[c->b] : NULL;
	const struct code *k = cb ? cb : ca;
	entry_begin(b, c, k->id);
	tex_out(b, TEX_TEXT, k->name);
	lit(b, " (");
	how(b, c);
	if (c->flags & DF_RENAMED) {
		lit(b, ": ");
		tex_out(b, TEX_ID, ca->id);
		lit(b, " \\textrightarrow{} ");
		tex_out(b, TEX_ID, cb->id);
	}
	if (c->flags & DF_NAME) {
		lit(b, "; ");
		tex_out(b, TEX_TEXT, ca->name);
		lit(b, " \\textrightarrow{} ");
		tex_out(b, TEX_TEXT, cb->name);
	}
	lit(b, ")}\n");
}

static void rq_entry(struct buf *b, const struct diff *df, const struct diff_change *c)
{
	const struct rq *r = c->b != NONE ? &df->B->rqs[c->b] : &df->A->rqs[c->a];
	entry_begin(b, c, r->id);
	tex_out(b, TEX_TEXT, r->label);
	lit(b, " (");
	how(b, c);
	lit(b, ")}\n");
}

static void pages(struct buf *b, const struct diff_side *s, char **v, size_t n)
{
	lit(b, "\\item[] ");
	version(b, s);
	lit(b, ": ");
	if (!s->rec) {
		str(b, "norecord");
	} else if (!n) {
		str(b, "nopages");
	} else {
		lit(b, n == 1 ? "\\sitat@str{page}~" : "\\sitat@str{pages}~");
		for (size_t k = 0; k < n; k++) {
			if (k)
				lit(b, ", ");
			tex_out(b, TEX_TEXT, v[k]);
		}
	}
	lit(b, "\n");
}

static void claims(struct buf *b, const struct diff *df)
{
	lit(b, "\\sitatdiffsubheading{");
	str(b, "claims");
	lit(b, "}\n");
	if (!df->nclaims) {
		lit(b, "\\noindent ");
		str(b, df->sa.rec || df->sb.rec ? "noclaims" : "norecord");
		lit(b, "\\par\n");
		return;
	}
	lit(b, "\\begin{itemize}\n");
	for (size_t i = 0; i < df->nclaims; i++) {
		const struct diff_claim *cl = &df->claims[i];
		lit(b, "\\item \\textbf{");
		tex_out(b, TEX_ID, cl->id);
		lit(b, "} (");
		const char *pg[2] = {cl->page_a, cl->page_b};
		const struct diff_side *sd[2] = {&df->sa, &df->sb};
		bool any = false;
		for (int s = 0; s < 2; s++) {
			if (!pg[s])
				continue;
			if (any)
				lit(b, "; ");
			lit(b, "\\sitat@str{page}~");
			tex_out(b, TEX_TEXT, pg[s]);
			lit(b, " ");
			str(b, "in");
			lit(b, " ");
			if (sd[s]->spec) {
				lit(b, "\\texttt{");
				tex_out(b, TEX_TEXT, sd[s]->spec);
				lit(b, "}");
			} else {
				str(b, "worktree");
			}
			any = true;
		}
		lit(b, "): ");
		for (size_t k = 0; k < cl->n; k++) {
			const struct diff_change *c = &df->changes[cl->changes[k]];
			if (k)
				lit(b, "; ");
			tex_out(b, TEX_ID, diff_change_id(df, c));
			lit(b, " (");
			how(b, c);
			lit(b, ")");
		}
		lit(b, "\n");
	}
	lit(b, "\\end{itemize}\n");
}

void diff_tex_write(struct buf *b, const struct diff *df)
{
	lit(b, "% Generated by sitat " SITAT_VERSION " (sitat diff). Do not edit: run sitat diff again.\n");
	preamble(b);
	lit(b, "\\sitatdiffheading{");
	str(b, "title");
	lit(b, " ");
	if (df->sa.spec) {
		lit(b, "\\texttt{");
		tex_out(b, TEX_TEXT, df->sa.spec);
		lit(b, "}");
	}
	lit(b, "}\n\\begin{itemize}\n\\item[] ");
	str(b, "from");
	lit(b, ": ");
	version(b, &df->sa);
	lit(b, "\n\\item[] ");
	str(b, "to");
	lit(b, ": ");
	version(b, &df->sb);
	lit(b, "\n\\end{itemize}\n");
	static const char *const keys[] = {"sources", "segments", "codes", "rqs"};
	if (!df->n) {
		lit(b, "\\noindent ");
		str(b, "none");
		lit(b, "\\par\n");
	}
	/* the changes are sorted by kind: one list of each */
	for (size_t i = 0; i < df->n; i++) {
		const struct diff_change *c = &df->changes[i];
		if (!i || c->kind != df->changes[i - 1].kind) {
			if (i)
				lit(b, "\\end{itemize}\n");
			lit(b, "\\sitatdiffsubheading{");
			str(b, keys[c->kind]);
			lit(b, "}\n\\begin{itemize}\n");
		}
		switch (c->kind) {
		case DK_SOURCE: source_entry(b, df, c); break;
		case DK_SEGMENT: segment_entry(b, df, c); break;
		case DK_CODE: code_entry(b, df, c); break;
		case DK_RQ: rq_entry(b, df, c); break;
		}
	}
	if (df->n)
		lit(b, "\\end{itemize}\n");
	claims(b, df);
	lit(b, "\\sitatdiffsubheading{");
	str(b, "pages");
	lit(b, "}\n\\begin{itemize}\n");
	pages(b, &df->sa, df->pages_a, df->npages_a);
	pages(b, &df->sb, df->pages_b, df->npages_b);
	lit(b, "\\end{itemize}\n");
	lit(b, "\\csname sitat@diff@at\\endcsname\n");
}
