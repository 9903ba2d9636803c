/* pdfcompare.c - see pdfcompare.h.  The text of a page is untrusted (it
 * is whatever the PDF says): a diff line is cut to a bounded length and
 * escaped (core/diag.h: diag_escape) before anyone prints it. */
#define _POSIX_C_SOURCE 200809L
#include "cmd/pdfcompare.h"
#include "core/infile.h"
#include "core/util.h"
#include "io/pdftext.h"
#include "prov/pdfstamp.h"

#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* A page's diff shows at most this many lines of - and +, each at most
 * this many bytes of the page's text. */
enum { DIFF_LINES = 8, DIFF_LINE_BYTES = 120 };
/* Above this many cells (lines then x lines now of a page's changed
 * middle), the middle is shown as removed and added without matching. */
#define LCS_CELLS ((size_t)1 << 20)

struct span {
	const char *p;
	size_t n;
};

/* The pages of a PDF's text (form feeds between them). */
struct pages {
	struct buf text;
	struct pdf_labels labels;
	struct span *v;
	size_t n;
};

static void pages_free(struct pages *pg)
{
	buf_free(&pg->text);
	pdf_labels_free(&pg->labels);
	free(pg->v);
}

static int pages_read(const char *file, struct pages *pg, struct diag *d)
{
	memset(pg, 0, sizeof *pg);
	buf_init(&pg->text);
	char *data;
	size_t len, lig;
	if (read_file(file, &data, &len) < 0) {
		diag_at(d, D_IO, file, 0, 0, strerror(errno));
		return -1;
	}
	int r = pdf_text(data, len, file, &pg->text, &pg->labels, &lig, d);
	free(data);
	if (r < 0)
		return -1;
	size_t cap = 0;
	const char *s = pg->text.data, *end = s + pg->text.len;
	for (;;) {
		const char *ff = memchr(s, '\f', (size_t)(end - s));
		const char *e = ff ? ff : end;
		ARRAY_PUSH(pg->v, pg->n, cap, ((struct span){s, (size_t)(e - s)}));
		if (!ff)
			break;
		s = ff + 1;
	}
	return 0;
}

/* The lines of a page's text (without their line feeds). */
static size_t split_lines(struct span t, struct span **out)
{
	size_t n = 0, cap = 0;
	struct span *v = NULL;
	const char *s = t.p, *end = t.p + t.n;
	while (s < end) {
		const char *nl = memchr(s, '\n', (size_t)(end - s));
		const char *e = nl ? nl : end;
		ARRAY_PUSH(v, n, cap, ((struct span){s, (size_t)(e - s)}));
		s = nl ? nl + 1 : end;
	}
	*out = v;
	return n;
}

static bool span_eq(struct span a, struct span b)
{
	return a.n == b.n && (!a.n || !memcmp(a.p, b.p, a.n));
}

/* Append one diff line: sign, then the line cut to DIFF_LINE_BYTES (at a
 * character boundary, "…" after a cut) and escaped. */
static void put_line(struct buf *b, char sign, struct span l)
{
	size_t n = l.n;
	bool cut = n > DIFF_LINE_BYTES;
	if (cut) {
		n = DIFF_LINE_BYTES;
		while (n && ((unsigned char)l.p[n] & 0xC0) == 0x80)
			n--;
	}
	char *e = diag_escape(l.p, n);
	if (b->len)
		buf_putc(b, '\n');
	buf_putc(b, sign);
	buf_puts(b, e);
	if (cut)
		buf_puts(b, "…");
	free(e);
}

struct difflines {
	struct buf out;
	size_t shown, more;
};

static void emit(struct difflines *dl, char sign, struct span l)
{
	if (dl->shown < DIFF_LINES) {
		put_line(&dl->out, sign, l);
		dl->shown++;
	} else {
		dl->more++;
	}
}

/* The diff of the middles a[0..n) and b[0..m) (their first and last
 * lines differ): a longest common subsequence when small enough. */
static void diff_middle(struct difflines *dl, const struct span *a, size_t n,
                        const struct span *b, size_t m)
{
	if (!n || !m || (n + 1) * (m + 1) > LCS_CELLS) {
		for (size_t i = 0; i < n; i++)
			emit(dl, '-', a[i]);
		for (size_t j = 0; j < m; j++)
			emit(dl, '+', b[j]);
		return;
	}
	/* L[i][j]: the LCS length of a[i..n) and b[j..m) */
	size_t w = m + 1;
	uint32_t *L = xcalloc((n + 1) * w, sizeof *L);
	for (size_t i = n; i-- > 0;)
		for (size_t j = m; j-- > 0;)
			L[i * w + j] = span_eq(a[i], b[j]) ? L[(i + 1) * w + j + 1] + 1
			               : L[(i + 1) * w + j] >= L[i * w + j + 1] ? L[(i + 1) * w + j]
			                                                          : L[i * w + j + 1];
	size_t i = 0, j = 0;
	while (i < n || j < m) {
		if (i < n && j < m && span_eq(a[i], b[j])) {
			i++, j++;
		} else if (j == m || (i < n && L[(i + 1) * w + j] >= L[i * w + j + 1])) {
			emit(dl, '-', a[i++]);
		} else {
			emit(dl, '+', b[j++]);
		}
	}
	free(L);
}

/* The short diff of two pages' texts (either may be empty: a page only
 * one PDF has).  Caller frees. */
static char *page_diff(struct span then, struct span now)
{
	struct span *a, *b;
	size_t n = split_lines(then, &a), m = split_lines(now, &b);
	size_t pre = 0, suf = 0;
	while (pre < n && pre < m && span_eq(a[pre], b[pre]))
		pre++;
	while (suf < n - pre && suf < m - pre && span_eq(a[n - 1 - suf], b[m - 1 - suf]))
		suf++;
	struct difflines dl = {.shown = 0};
	buf_init(&dl.out);
	diff_middle(&dl, a + pre, n - pre - suf, b + pre, m - pre - suf);
	if (dl.more)
		buf_printf(&dl.out, "\n… %zu more changed line%s", dl.more, dl.more == 1 ? "" : "s");
	free(a);
	free(b);
	return buf_detach(&dl.out, NULL);
}

/* The stamps' ids, then's and now's (full, and the 12 and 7 digits a
 * page shows), when the PDFs are of other data versions; longest first. */
struct subst {
	char from[16][42], to[16][42];
	size_t n;
};

static void subst_add(struct subst *s, const char *from, const char *to)
{
	size_t n = strlen(from);
	if (n < 7 || strlen(to) != n || !strcmp(from, to) || s->n >= 16)
		return;
	snprintf(s->from[s->n], sizeof s->from[0], "%s", from);
	snprintf(s->to[s->n], sizeof s->to[0], "%s", to);
	s->n++;
}

static void subst_ids(struct subst *s, const char *then, const char *now)
{
	struct pdf_stamp a, b;
	s->n = 0;
	if (pdf_stamp_read(then, &a) < 0 || pdf_stamp_read(now, &b) < 0)
		return;
	const char *ta[4] = {a.commit, a.area[0], a.area[1], a.area[2]};
	const char *tb[4] = {b.commit, b.area[0], b.area[1], b.area[2]};
	static const size_t cut[3] = {0, 12, 7};
	for (size_t k = 0; k < 3; k++)
		for (size_t i = 0; i < 4; i++) {
			char x[42], y[42];
			size_t n = cut[k] ? cut[k] : sizeof x - 1;
			snprintf(x, sizeof x, "%.*s", (int)n, ta[i]);
			snprintf(y, sizeof y, "%.*s", (int)n, tb[i]);
			if (strlen(x) == n || !cut[k])
				subst_add(s, x, y);
		}
}

/* then's text with then's ids written as now's (into b). */
static struct span subst_apply(const struct subst *s, struct span t, struct buf *b)
{
	b->len = 0;
	buf_reserve(b, t.n);
	for (size_t i = 0; i < t.n;) {
		size_t k = 0;
		for (; k < s->n; k++) {
			size_t n = strlen(s->from[k]);
			if (n <= t.n - i && !memcmp(t.p + i, s->from[k], n))
				break;
		}
		if (k < s->n) {
			buf_puts(b, s->to[k]);
			i += strlen(s->from[k]);
		} else {
			buf_putc(b, t.p[i++]);
		}
	}
	return (struct span){b->data, b->len};
}

static char *label_of(const struct pages *pg, size_t i)
{
	if (i >= pg->n)
		return NULL;
	const char *l = i < pg->labels.n ? pg->labels.v[i] : "";
	return diag_escape(l, strlen(l));
}

int pdfcmp_files(const char *then, const char *now, struct pdfcmp *out, struct diag *d)
{
	memset(out, 0, sizeof *out);
	if (sha256_file(then, out->sha_then) < 0) {
		diag_at(d, D_IO, then, 0, 0, strerror(errno));
		return -1;
	}
	if (sha256_file(now, out->sha_now) < 0) {
		diag_at(d, D_IO, now, 0, 0, strerror(errno));
		return -1;
	}
	if (!strcmp(out->sha_then, out->sha_now)) {
		out->result = PDFCMP_IDENTICAL;
		return 0;
	}
	struct pages a, b;
	if (pages_read(then, &a, d) < 0) {
		pages_free(&a);
		return -1;
	}
	if (pages_read(now, &b, d) < 0) {
		pages_free(&a);
		pages_free(&b);
		return -1;
	}
	out->pages_then = a.n;
	out->pages_now = b.n;
	struct subst ids;
	subst_ids(&ids, then, now);
	out->other_version = ids.n > 0;
	struct buf tmp;
	buf_init(&tmp);
	size_t cap = 0, most = a.n > b.n ? a.n : b.n;
	static const struct span none = {"", 0};
	for (size_t i = 0; i < most; i++) {
		struct span pa = i < a.n ? a.v[i] : none, pb = i < b.n ? b.v[i] : none;
		if (i < a.n && i < b.n && span_eq(pa, pb))
			continue;
		struct span qa = ids.n ? subst_apply(&ids, pa, &tmp) : pa;
		bool only = i < a.n && i < b.n && span_eq(qa, pb);
		struct pdfcmp_page p = {
			.index = i + 1,
			.label_then = label_of(&a, i),
			.label_now = label_of(&b, i),
			.diff = page_diff(only ? pa : qa, pb),
			.ids_only = only,
		};
		out->nids_only += only;
		ARRAY_PUSH(out->pages, out->npages, cap, p);
	}
	buf_free(&tmp);
	out->result = out->npages ? PDFCMP_DIFFERENT : PDFCMP_SAME_TEXT;
	pages_free(&a);
	pages_free(&b);
	return 0;
}

void pdfcmp_free(struct pdfcmp *c)
{
	for (size_t i = 0; i < c->npages; i++) {
		free(c->pages[i].label_then);
		free(c->pages[i].label_now);
		free(c->pages[i].diff);
	}
	free(c->pages);
	memset(c, 0, sizeof *c);
}
