/* starter.c - the starter thesis of `sitat init` (latex/starter.h). */
#include "latex/starter.h"
#include "latex/texout.h"

#include <stdbool.h>
#include <string.h>

static const char *babel_name(const char *lang)
{
	return !strcmp(lang, "nb") ? "norsk" : !strcmp(lang, "nn") ? "nynorsk" : "english";
}

/* The words of the starter in its language. */
struct words {
	const char *chapter, *claim, *bib, *audit;
};

static struct words words_of(const char *lang)
{
	if (!strcmp(lang, "en"))
		return (struct words){"Introduction",
			"This sentence is a claim of the analysis. Cite the quotes that "
			"support it inside the claim, with \\verb|\\sitat{I1-001}| or "
			"\\verb|\\sitatinline{I1-001}|; \\texttt{sitat audit} checks each "
			"claim against its quotes.", "References", "Audit trail"};
	if (!strcmp(lang, "nn"))
		return (struct words){"Innleiing",
			"Denne setninga er ein påstand i analysen. Siter sitata som "
			"støttar han inne i påstanden, med \\verb|\\sitat{I1-001}| eller "
			"\\verb|\\sitatinline{I1-001}|; \\texttt{sitat audit} kontrollerer "
			"kvar påstand mot sitata.", "Litteratur", "Revisjonsspor"};
	return (struct words){"Innledning",
		"Denne setningen er en påstand i analysen. Siter sitatene som "
		"støtter den inne i påstanden, med \\verb|\\sitat{I1-001}| eller "
		"\\verb|\\sitatinline{I1-001}|; \\texttt{sitat audit} kontrollerer "
		"hver påstand mot sitatene.", "Litteratur", "Revisjonsspor"};
}

/* Fonts for every engine, so that sitat build --engine can switch: T1
 * and Latin Modern under pdfLaTeX, fontspec (Unicode fonts) under XeLaTeX
 * and LuaLaTeX.  engine is the project's, named in a comment. */
static void fonts(struct buf *b, const char *engine)
{
	tex_out(b, TEX_LIT, "% fonts for each engine (sitat.json says ");
	tex_out(b, TEX_LIT, engine);
	tex_out(b, TEX_LIT, "; sitat build --engine switches)\n"
	                    "\\usepackage{iftex}\n"
	                    "\\ifPDFTeX\n"
	                    "  \\usepackage[T1]{fontenc}\n"
	                    "  \\usepackage{lmodern}\n"
	                    "\\else\n"
	                    "  \\usepackage{fontspec} % \\setmainfont{...} for another font\n"
	                    "\\fi\n");
}

/* The sitat part of a preamble: bibliography resources, hyperref, sitat. */
static void sitat_lines(struct buf *b, const struct starter *s, bool all)
{
	if (all) {
		tex_out(b, TEX_LIT, "\\usepackage[backend=biber,style=authoryear]{biblatex}\n"
		                    "\\addbibresource{");
		tex_out(b, TEX_LIT, s->bib);
		tex_out(b, TEX_LIT, "}\n");
	}
	tex_out(b, TEX_LIT, "\\addbibresource{");
	tex_out(b, TEX_LIT, s->generated);
	tex_out(b, TEX_LIT, "/sitat.bib}\n");
	if (all)
		tex_out(b, TEX_LIT, "\\usepackage{booktabs}\n"
		                    "\\usepackage[hidelinks]{hyperref}\n");
	tex_out(b, TEX_LIT, "\\usepackage[lang=");
	tex_out(b, TEX_LIT, s->lang);
	if (strcmp(s->generated, "generated")) {
		tex_out(b, TEX_LIT, ",dir=");
		tex_out(b, TEX_LIT, s->generated);
	}
	tex_out(b, TEX_LIT, "]{sitat}\n");
}

void starter_main(struct buf *b, const struct starter *s)
{
	struct words w = words_of(s->lang);
	tex_out(b, TEX_LIT, "% The main file, written by `sitat init'; yours to change.\n"
	                    "% Build it with `sitat build' (or plain latexmk: see latexmkrc).\n"
	                    "\\documentclass[a4paper,11pt]{");
	tex_out(b, TEX_LIT, s->docclass);
	tex_out(b, TEX_LIT, "}\n\n");
	fonts(b, s->engine);
	tex_out(b, TEX_LIT, "\\usepackage[");
	tex_out(b, TEX_LIT, babel_name(s->lang));
	tex_out(b, TEX_LIT, "]{babel}\n\\usepackage{csquotes}\n");
	sitat_lines(b, s, true);
	tex_out(b, TEX_LIT, "\n\\title{");
	tex_out(b, TEX_DOC, s->title); /* read with @ not a letter */
	tex_out(b, TEX_LIT, "}\n\\author{");
	tex_out(b, TEX_DOC, s->author);
	tex_out(b, TEX_LIT, "}\n\n\\begin{document}\n\\maketitle\n\n"
	                    "% The data version this PDF was built from (sitat stamp).\n"
	                    "\\begingroup\\thispagestyle{empty}\\null\\vfill\n"
	                    "\\sitatstampblock\n\\endgroup\n\\clearpage\n\n"
	                    "\\tableofcontents\n\n\\input{");
	tex_out(b, TEX_LIT, s->chapter);
	tex_out(b, TEX_LIT, "}\n\n\\printbibliography[heading=bibintoc,title={");
	tex_out(b, TEX_LIT, w.bib);
	tex_out(b, TEX_LIT, "}]\n\n\\appendix\n\\chapter{");
	tex_out(b, TEX_LIT, w.audit);
	tex_out(b, TEX_LIT, "}\n% Written by `sitat audit' after each LaTeX run.\n"
	                    "\\sitatauditappendix\n\n\\end{document}\n");
}

void starter_chapter(struct buf *b, const struct starter *s)
{
	struct words w = words_of(s->lang);
	tex_out(b, TEX_LIT, "\\chapter{");
	tex_out(b, TEX_LIT, w.chapter);
	tex_out(b, TEX_LIT, "}\n\n"
	                    "% An example claim: its quotes are its evidence.  The id is\n"
	                    "% lower-case letters, digits and '-'; the optional argument names\n"
	                    "% the research question it answers (an id of evidence/project.json).\n"
	                    "% `sitat audit' refuses a claim without quotes, so this one waits,\n"
	                    "% commented out, until the store has coded segments to cite:\n"
	                    "%\\begin{claim}");
	if (s->rq) {
		tex_out(b, TEX_LIT, "[");
		tex_out(b, TEX_ID, s->rq);
		tex_out(b, TEX_LIT, "]");
	}
	tex_out(b, TEX_LIT, "{example}\n% ");
	tex_out(b, TEX_LIT, w.claim);
	tex_out(b, TEX_LIT, "\n%\\end{claim}\n\n"
	                    "% The codes of a research question as a table: \\sitattable{rq1};\n"
	                    "% the code x source matrix: \\sitatmatrix.\n"
	                    "A reference from the bibliography \\parencite{example}.\n");
}

void starter_bib(struct buf *b, const struct starter *s)
{
	(void)s;
	tex_out(b, TEX_LIT, "% The bibliography: your references (sitat writes its own, for the\n"
	                    "% interviews and documents of the store, into the generated directory).\n"
	                    "@book{example,\n"
	                    "  author    = {Yin, Robert K.},\n"
	                    "  title     = {Case Study Research and Applications: Design and Methods},\n"
	                    "  edition   = {6},\n"
	                    "  publisher = {SAGE},\n"
	                    "  location  = {Thousand Oaks, CA},\n"
	                    "  year      = {2018},\n"
	                    "}\n");
}

void starter_preamble(struct buf *b, const struct starter *s)
{
	tex_out(b, TEX_LIT, "% sitat: csquotes and biblatex are needed; sitat after hyperref\n");
	if (!s->has_babel) {
		tex_out(b, TEX_LIT, "\\usepackage[");
		tex_out(b, TEX_LIT, babel_name(s->lang));
		tex_out(b, TEX_LIT, "]{babel}\n");
	}
	if (!s->has_csquotes)
		tex_out(b, TEX_LIT, "\\usepackage{csquotes}\n");
	if (!s->has_biblatex)
		tex_out(b, TEX_LIT, "\\usepackage[backend=biber,style=authoryear]{biblatex}\n");
	sitat_lines(b, s, false);
	if (!s->has_hyperref)
		tex_out(b, TEX_LIT, "% (load hyperref before sitat, if you use it)\n");
	tex_out(b, TEX_LIT, "% and in the document: \\sitatstampblock (the data version),\n"
	                    "% \\sitatauditappendix (the audit trail, in an appendix)\n");
}
