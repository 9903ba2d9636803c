/* bib.c - sitat.bib: biblatex entries for interviews and for documents
 * described in the store, so that quotes cite them like any source. */
#include "latex/shared.h"

#include <string.h>

static bool lang_is_norwegian(const char *l)
{
	return l && (!strncmp(l, "nb", 2) || !strncmp(l, "nn", 2) ||
	             !strncmp(l, "no", 2));
}

/* A name list: personal names ("Last, First", several joined by " and ")
 * go to biber as they are; anything else is a corporate name, braced so
 * biber does not split it. */
static void name_field(struct buf *b, const char *v)
{
	bool personal = strchr(v, ',') || strstr(v, " and ");
	tex_out(b, TEX_LIT, personal ? "{" : "{{");
	tex_out(b, TEX_BIB, v);
	tex_out(b, TEX_LIT, personal ? "}" : "}}");
}

static void field(struct buf *b, const char *key, const char *v)
{
	tex_out(b, TEX_LIT, "  ");
	tex_out(b, TEX_ID, key);
	tex_out(b, TEX_LIT, " = ");
	if (!strcmp(key, "author") || !strcmp(key, "editor"))
		name_field(b, v);
	else if (!strcmp(key, "url")) {
		/* verbatim for biber; what it cannot take is percent-encoded */
		tex_out(b, TEX_LIT, "{");
		tex_out(b, TEX_URL, v);
		tex_out(b, TEX_LIT, "}");
	} else {
		tex_out(b, TEX_LIT, "{");
		tex_out(b, TEX_BIB, v);
		tex_out(b, TEX_LIT, "}");
	}
	tex_out(b, TEX_LIT, ",\n");
}

void bib_write(struct buf *b, const struct store *s)
{
	bool nb = lang_is_norwegian(s->language);
	/* Nynorsk differs from Bokmål in one word here */
	bool nn = nb && !strncmp(s->language, "nn", 2);
	gen_comment(b, "bib", "the evidence store");
	for (size_t i = 0; i < s->nsources; i++) {
		const struct source *src = &s->sources[i];
		if (src->kind == SRC_INTERVIEW) {
			tex_out(b, TEX_LIT, "\n@misc{sitat-");
			tex_out(b, TEX_ID, src->id);
			tex_out(b, TEX_LIT, ",\n");
			field(b, "author", src->label);
			struct buf t;
			buf_init(&t);
			buf_puts(&t, nb ? "Intervju" : "Interview");
			if (src->role)
				buf_printf(&t, " (%s)", src->role);
			field(b, "title", t.data);
			buf_free(&t);
			if (src->date)
				field(b, "date", src->date);
			field(b, "type", nn ? "Forskingsintervju" : nb ? "Forskningsintervju"
			                 : "Research interview");
			field(b, "note", nb ? "Transkripsjon i datamaterialet, sitert etter linje"
			                    : "Transcript in the evidence store, cited by line");
			field(b, "keywords", "sitat,interview");
			tex_out(b, TEX_LIT, "}\n");
		} else if (!src->bibkey && src->bibtype) {
			tex_out(b, TEX_LIT, "\n@");
			tex_out(b, TEX_ID, src->bibtype);
			tex_out(b, TEX_LIT, "{sitat-");
			tex_out(b, TEX_ID, src->id);
			tex_out(b, TEX_LIT, ",\n");
			bool has_title = false, has_date = false;
			for (size_t k = 0; k < src->nbib; k++) {
				const struct attr *a = &src->bib[k];
				if (!strcmp(a->key, "type"))
					continue;
				has_title |= !strcmp(a->key, "title");
				has_date |= !strcmp(a->key, "year") || !strcmp(a->key, "date");
				field(b, a->key, a->val);
			}
			if (!has_title)
				field(b, "title", src->label);
			if (!has_date && src->date)
				field(b, "date", src->date);
			field(b, "keywords", "sitat,document");
			tex_out(b, TEX_LIT, "}\n");
		}
	}
}

