/* import_unit.c - which unit a REFI-QDA file's positions count (import.h).
 *
 * One reading per file: every reading that means something different for
 * the file's texts (a reading of UTF-16 where no text has a character
 * outside the BMP is the code points' reading, and so on: folded here
 * over the whole file) is scored by core/refiunit.h, summed over the
 * text sources.  The origin's reading O is taken when it fits every
 * selection and is no worse on word boundaries than the best reading B
 * by more than max(2, N/20) of the N selections; otherwise the import
 * stops and says which reading the text fits (docs/import.md). */
#include "cmd/cmd.h"
#include "cmd/import.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* What the file's texts have that makes readings differ. */
struct traits {
	bool nonbmp, crlf, bom;
};

static void traits_of(const struct refi_project *p, struct traits *t)
{
	memset(t, 0, sizeof *t);
	for (size_t i = 0; i < p->nsources; i++) {
		const unsigned char *s = (const unsigned char *)p->sources[i].text;
		size_t n = p->sources[i].text_len;
		if (!s)
			continue;
		if (n >= 3 && s[0] == 0xEF && s[1] == 0xBB && s[2] == 0xBF)
			t->bom = true;
		for (size_t k = 0; k < n; k++) {
			if (s[k] >= 0xF0)
				t->nonbmp = true;
			else if (s[k] == '\r' && k + 1 < n && s[k + 1] == '\n')
				t->crlf = true;
		}
	}
}

/* The reading u stands for in a file with traits t. */
static struct refi_unit canon(struct refi_unit u, const struct traits *t)
{
	if (!t->nonbmp)
		u.utf16 = false;
	if (!t->crlf)
		u.crlf_one = false;
	if (!t->bom)
		u.bom_counted = false;
	return u;
}

static bool same_unit(const struct refi_unit *a, const struct refi_unit *b)
{
	return a->utf16 == b->utf16 && a->crlf_one == b->crlf_one && a->bom_counted == b->bom_counted;
}

static struct refi_unit unit_of(unsigned k)
{
	struct refi_unit u = {.utf16 = k & 4, .crlf_one = k & 2, .bom_counted = k & 1};
	return u;
}

/* Score reading u over every text source of p. */
static void score(const struct refi_project *p, const struct refi_unit *u, size_t *fit,
                  size_t *words)
{
	*fit = *words = 0;
	struct refi_range *r = NULL;
	size_t cap = 0;
	for (size_t i = 0; i < p->nsources; i++) {
		const struct refi_source *x = &p->sources[i];
		if (!x->nsels || !x->text)
			continue;
		if (x->nsels > cap) {
			cap = x->nsels;
			r = xrealloc(r, cap * sizeof *r);
		}
		for (size_t k = 0; k < x->nsels; k++) {
			r[k].start = x->sels[k].start;
			r[k].end = x->sels[k].end;
		}
		size_t f = 0, w = 0;
		refiunit_score(x->text, x->text_len, r, x->nsels, u, &f, &w);
		*fit += f;
		*words += w;
	}
	free(r);
}

static const struct refi_reading *find_reading(const struct imp *m, const struct refi_unit *u)
{
	for (size_t i = 0; i < m->nev; i++)
		if (same_unit(&m->ev[i].unit, u))
			return &m->ev[i];
	return NULL;
}

/* REFI-QDA's plain texts are UTF-8; the readings count in UTF-8 text (a
 * UTF-16 text would be decoded by the normaliser but scored as bytes:
 * every position would land elsewhere).  Refuse one. */
static int utf16_texts(const struct imp *m)
{
	const struct refi_project *p = m->p;
	int bad = 0;
	for (size_t i = 0; i < p->nsources; i++) {
		const struct refi_source *x = &p->sources[i];
		const unsigned char *s = (const unsigned char *)x->text;
		if (!s || x->text_len < 2 || !((s[0] == 0xFF && s[1] == 0xFE) || (s[0] == 0xFE && s[1] == 0xFF)))
			continue;
		char *file = xasprintf("%s:%s", p->file, x->entry ? x->entry : m->xmlfile);
		diag_at(m->d, D_IMPORT_TEXT, file, 0, 0,
		        "the text is UTF-16 (it starts with a UTF-16 byte order mark), but REFI-QDA's "
		        "plain texts are UTF-8: save it as UTF-8 in the archive; nothing is imported");
		free(file);
		bad = -1;
	}
	return bad;
}

int imp_unit(struct imp *m)
{
	const struct refi_project *p = m->p;
	if (utf16_texts(m) < 0)
		return -1;
	struct traits t;
	traits_of(p, &t);
	size_t n = 0;
	for (size_t i = 0; i < p->nsources; i++)
		n += p->sources[i].nsels;
	/* the distinct readings, each with the names it stands for */
	m->nev = 0;
	for (unsigned k = 0; k < 8; k++) {
		struct refi_unit u = unit_of(k), c = canon(u, &t);
		struct refi_reading *r = (struct refi_reading *)find_reading(m, &c);
		if (!r) {
			r = &m->ev[m->nev++];
			memset(r, 0, sizeof *r);
			r->unit = c;
			snprintf(r->same, sizeof r->same, "%s", refiunit_name(&c));
			score(p, &c, &r->fit, &r->words);
		} else if (!same_unit(&u, &c) && strlen(r->same) + strlen(refiunit_name(&u)) + 4 < sizeof r->same) {
			strcat(r->same, " = ");
			strcat(r->same, refiunit_name(&u));
		}
	}
	qsort(m->ev, m->nev, sizeof m->ev[0], refiunit_reading_cmp);
	m->origin = canon(refiunit_of_origin(p->origin, &m->who), &t);
	const struct refi_reading *o = find_reading(m, &m->origin), *b = &m->ev[0];
	size_t slack = n / 20 > 2 ? n / 20 : 2;
	if (m->forced) {
		/* a forced reading must fit (imp_place names what does not) and
		 * must not be worse on word boundaries than the text's best by
		 * more than the slack: the text of its selections is confirmed */
		m->unit = canon(m->unit, &t);
		const struct refi_reading *f = find_reading(m, &m->unit);
		if (f->fit == n && f->words + slack < b->words) {
			diag_at(m->d, D_IMPORT_FORCED, m->xmlfile, 0, 0, m->o->unit, f->words, n,
			        refiunit_name(&b->unit), b->words, refiunit_name(&b->unit));
			return -1;
		}
		return 0;
	}
	if (!n || (o->fit == n && o->words + slack >= b->words)) {
		m->unit = o->unit;
		return 0;
	}
	/* the best reading that fits every selection */
	const struct refi_reading *f = NULL;
	for (size_t i = 0; i < m->nev && !f; i++)
		if (m->ev[i].fit == n)
			f = &m->ev[i];
	char *org = p->origin ? xasprintf("origin '%s'", p->origin) : xstrdup("the file names no origin and");
	char *says = m->who ? xasprintf("%s says %s", org, m->who) : xasprintf("%s", org);
	if (f) {
		char on[64];
		snprintf(on, sizeof on, "%s", refiunit_name(&o->unit));
		char fn[64];
		snprintf(fn, sizeof fn, "%s", refiunit_name(&f->unit));
		diag_at(m->d, D_IMPORT_UNIT, m->xmlfile, 0, 0, says, on, fn, f->words, n, o->words, on,
		        o->fit, fn);
		free(org), free(says);
		return -1;
	}
	/* nothing fits: the selections outside the text under the reading
	 * that fits most are named by the caller (imp_place) */
	const struct refi_reading *most = &m->ev[0];
	for (size_t i = 1; i < m->nev; i++)
		if (m->ev[i].fit > most->fit)
			most = &m->ev[i];
	diag_at(m->d, D_IMPORT_NO_UNIT, m->xmlfile, 0, 0, refiunit_name(&most->unit), most->fit, n,
	        n - most->fit);
	m->unit = most->unit;
	free(org), free(says);
	return 0;
}
