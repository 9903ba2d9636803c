/* import_text.c - a REFI-QDA source's text made a store text, with every
 * position of the file's unit mapped to the store's code points
 * (import.h).  The chain: the unit's table (core/refiunit.h: position ->
 * input code point), the normaliser's map (core/normalize.h: input code
 * point -> code point of the NFC, LF, BOM-less text), then for an
 * interview the speaker labels mapped (a line's label replaced: the rest
 * of the line keeps its code points, moved by the change in length) and
 * the lines wrapped (core/wrap.h: offsets unchanged). */
#include "cmd/cmd.h"
#include "cmd/import.h"
#include "core/normalize.h"
#include "core/speaker.h"
#include "core/text.h"
#include "core/wrap.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static size_t cps(const char *s, size_t n)
{
	size_t k = 0;
	for (size_t i = 0; i < n; i++)
		k += ((unsigned char)s[i] & 0xC0) != 0x80;
	return k;
}

/* The map from the code points of a (na bytes) to those of b (nb bytes),
 * b being a with speaker labels replaced line by line (the same number of
 * lines): within a line, what follows the change keeps its place from
 * the line's end; a position inside the replaced part (the label, the
 * indentation, a timestamp moved after the label) goes to the line's
 * start, so that a selection of the turn keeps its new label.  NULL when
 * the lines do not pair up. */
static size_t *line_map(const char *a, size_t na, const char *b, size_t nb)
{
	size_t total = cps(a, na), *map = xmalloc((total + 1) * sizeof *map);
	size_t ia = 0, ib = 0, ca = 0, cb = 0; /* byte and code point offsets of the lines */
	while (ia <= na) {
		const char *ea = memchr(a + ia, '\n', na - ia), *eb = ib <= nb ? memchr(b + ib, '\n', nb - ib) : NULL;
		size_t la = ea ? (size_t)(ea - a) - ia : na - ia;
		if (ib > nb || (!ea) != (!eb)) {
			free(map);
			return NULL;
		}
		size_t lb = eb ? (size_t)(eb - b) - ib : nb - ib;
		size_t k = 0; /* common suffix, bytes */
		while (k < la && k < lb && a[ia + la - 1 - k] == b[ib + lb - 1 - k])
			k++;
		while (k && ((unsigned char)a[ia + la - k] & 0xC0) == 0x80)
			k--;
		size_t oc = cps(a + ia, la), nc = cps(b + ib, lb), kc = cps(a + ia + la - k, k);
		for (size_t j = 0; j <= oc; j++) {
			size_t to = j < oc - kc ? 0 : j - (oc - kc) + (nc - kc);
			map[ca + j] = cb + to;
		}
		/* j = oc is the LF (or the end) */
		ca += oc + 1, cb += nc + 1;
		if (!ea)
			break;
		ia += la + 1, ib += lb + 1;
	}
	map[total] = cps(b, nb);
	return map;
}

int imp_text(struct imp *m, struct imp_src *x)
{
	const struct refi_source *r = &m->p->sources[x->refi];
	char *file = xasprintf("%s:%s", m->p->file, r->entry ? r->entry : m->p->xml_entry);
	bool doc = x->kind == SRC_DOCUMENT;
	struct norm_opts no = {.allow_ff = doc, .want_map = true,
	                       .what = doc ? "a document" : "an interview"};
	struct norm nr;
	size_t np = 0, *t = NULL, *lm = NULL;
	int st = -1;
	/* a text that is a store text already (a sitat export's) needs no
	 * normalisation: its map is the identity */
	struct diag quiet;
	diag_init(&quiet, NULL);
	bool clean = text_validate(r->text, r->text_len, file, TEXT_TABS | (doc ? TEXT_FORMFEED : 0), &quiet);
	diag_free(&quiet);
	if (clean) {
		memset(&nr, 0, sizeof nr);
		nr.data = xstrndup(r->text, r->text_len);
		nr.len = r->text_len;
	} else if (normalize(&nr, r->text, r->text_len, &no, file, m->d) < 0) {
		goto out;
	}
	x->bom = nr.bom;
	x->crlf = nr.crlf + nr.cr;
	x->nfc = nr.nfc;
	struct buf b;
	buf_init(&b);
	if (!doc && !x->from_sidecar) {
		struct speaker_stats ss;
		if (speaker_apply(&b, nr.data, nr.len, m->spk, m->nspk, file, true, &ss, m->d)) {
			buf_free(&b);
			norm_free(&nr);
			goto out;
		}
		if (!b.data)
			buf_add(&b, "", 0);
		x->mapped = ss.mapped;
		if (b.len != nr.len || memcmp(b.data, nr.data, nr.len)) {
			lm = line_map(nr.data, nr.len, b.data, b.len);
			if (!lm) {
				diag_at(m->d, D_IMPORT_TEXT, file, 0, 0,
				        "the speaker labels could not be mapped line by line");
				buf_free(&b);
				norm_free(&nr);
				goto out;
			}
		}
		x->wrapped = wrap_text(b.data, b.len, m->width);
	} else {
		buf_add(&b, nr.data, nr.len);
	}
	/* one line end at the end (nothing a selection covers is removed) */
	if (!b.len || b.data[b.len - 1] != '\n')
		buf_putc(&b, '\n');
	t = refiunit_table(r->text, r->text_len, &m->unit, &np);
	for (size_t k = 0; k <= np; k++) {
		if (t[k] == SIZE_MAX)
			continue;
		size_t c = !nr.map ? t[k] : t[k] <= nr.n_in ? nr.map[t[k]] : nr.map[nr.n_in];
		t[k] = lm ? lm[c] : c;
	}
	x->pos = t;
	x->npos = np;
	t = NULL;
	x->text = buf_detach(&b, &x->len);
	norm_free(&nr);
	st = 0;
out:
	free(t);
	free(lm);
	free(file);
	return st;
}

int imp_place(struct imp *m, const struct imp_src *x, const struct refi_sel *sel,
              size_t *start, size_t *end)
{
	const struct refi_source *r = &m->p->sources[x->refi];
	char *why = NULL;
	const char *u = refiunit_name(&m->unit);
	if (sel->start < 0 || sel->end < 0)
		why = xasprintf("a negative position (%lld, %lld)", sel->start, sel->end);
	else if (sel->start > sel->end)
		why = xasprintf("starts after it ends (%lld > %lld)", sel->start, sel->end);
	else if ((unsigned long long)sel->end > x->npos)
		why = xasprintf("ends at %lld, past the end of its source's text (%zu positions as %s)",
		                sel->end, x->npos, u);
	else if (x->pos[sel->start] == SIZE_MAX)
		why = xasprintf("starts at %lld, inside a character as %s", sel->start, u);
	else if (x->pos[sel->end] == SIZE_MAX)
		why = xasprintf("ends at %lld, inside a character as %s", sel->end, u);
	if (why && ++m->badsels > 20) {
		free(why);
		return -1;
	}
	if (why) {
		char *f = xasprintf("%s:%s", m->p->file, m->p->xml_entry);
		char *name = r->name ? imp_clean(r->name, false) : xstrdup("");
		diag_at(m->d, D_IMPORT_SEL, f, sel->line, 0, sel->guid, why, name);
		free(f), free(why), free(name);
		return -1;
	}
	*start = x->pos[sel->start];
	*end = x->pos[sel->end];
	return 0;
}
