/* pdftext.c - the pages of a PDF and their labels (pdftext.h).
 *
 * poppler-glib is loaded when a PDF is read (dlopen), not linked: with
 * its dependencies (GLib, cairo, poppler, fonts) it is more than fifty
 * libraries, whose loading would cost every run of sitat, not only
 * `sitat add document FILE.pdf`, about 30 ms.  The prototypes come from
 * poppler's headers, so each pointer has the type of the function it
 * holds. */
#define _POSIX_C_SOURCE 200809L
#include "io/pdftext.h"
#include "io/dynload.h"

#include <poppler.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The functions of poppler-glib (and of GLib, which it loads) used here. */
static struct {
	bool tried, ok;
	char err[200];
	__typeof__(g_bytes_new_static) *bytes_new_static;
	__typeof__(g_bytes_unref) *bytes_unref;
	__typeof__(g_error_free) *error_free;
	__typeof__(g_free) *free;
	__typeof__(g_object_unref) *object_unref;
	__typeof__(poppler_document_new_from_bytes) *document_new_from_bytes;
	__typeof__(poppler_document_get_n_pages) *document_get_n_pages;
	__typeof__(poppler_document_get_page) *document_get_page;
	__typeof__(poppler_page_get_label) *page_get_label;
	__typeof__(poppler_page_get_text) *page_get_text;
} P;

/* The library's names: Debian 12's soname first, then the development
 * link. */
static const char *const libnames[] = {"libpoppler-glib.so.8", "libpoppler-glib.so", NULL};

static bool load_poppler(void)
{
	if (P.tried)
		return P.ok;
	P.tried = true;
	const struct dl_fn fn[] = {
		{(void **)&P.bytes_new_static, "g_bytes_new_static"},
		{(void **)&P.bytes_unref, "g_bytes_unref"},
		{(void **)&P.error_free, "g_error_free"},
		{(void **)&P.free, "g_free"},
		{(void **)&P.object_unref, "g_object_unref"},
		{(void **)&P.document_new_from_bytes, "poppler_document_new_from_bytes"},
		{(void **)&P.document_get_n_pages, "poppler_document_get_n_pages"},
		{(void **)&P.document_get_page, "poppler_document_get_page"},
		{(void **)&P.page_get_label, "poppler_page_get_label"},
		{(void **)&P.page_get_text, "poppler_page_get_text"},
	};
	return P.ok = dl_load(libnames, fn, sizeof fn / sizeof fn[0],
	             "reading a PDF needs poppler-glib (Debian: apt-get install libpoppler-glib8)",
	             "poppler-glib", P.err, sizeof P.err);
}

size_t pdf_page_count(const char *data, size_t len)
{
	if (!load_poppler())
		return 0;
	GError *err = NULL;
	GBytes *bytes = P.bytes_new_static(data, len);
	PopplerDocument *doc = P.document_new_from_bytes(bytes, NULL, &err);
	int n = doc ? P.document_get_n_pages(doc) : 0;
	if (err)
		P.error_free(err);
	if (doc)
		P.object_unref(doc);
	P.bytes_unref(bytes);
	return n > 0 ? (size_t)n : 0;
}

void pdf_labels_free(struct pdf_labels *l)
{
	for (size_t i = 0; i < l->n; i++)
		free(l->v[i]);
	free(l->v);
	memset(l, 0, sizeof *l);
}

int pdf_text(const char *data, size_t len, const char *file, struct buf *out,
             struct pdf_labels *labels, size_t *ligatures, struct diag *d)
{
	static const char *const lig[5] = {"ff", "fi", "fl", "ffi", "ffl"};
	*ligatures = 0;
	if (!load_poppler()) {
		diag_at(d, D_ADD_PDF, file, 0, 0, P.err);
		return -1;
	}
	GError *err = NULL;
	GBytes *bytes = P.bytes_new_static(data, len);
	PopplerDocument *doc = P.document_new_from_bytes(bytes, NULL, &err);
	if (!doc) {
		diag_at(d, D_ADD_PDF, file, 0, 0, err && err->message ? err->message : "not a PDF");
		if (err)
			P.error_free(err);
		P.bytes_unref(bytes);
		return -1;
	}
	int n = P.document_get_n_pages(doc);
	if (n <= 0) {
		diag_at(d, D_ADD_PDF, file, 0, 0, "the PDF has no pages");
		P.object_unref(doc);
		P.bytes_unref(bytes);
		return -1;
	}
	labels->v = xcalloc((size_t)n, sizeof *labels->v);
	labels->n = (size_t)n;
	size_t start = out->len, t1 = 0; /* what was there before is not ours */
	bool ot1 = false;
	for (int i = 0; i < n; i++) {
		PopplerPage *pg = P.document_get_page(doc, i);
		if (i)
			buf_putc(out, '\f');
		char *lab = pg ? P.page_get_label(pg) : NULL;
		labels->v[i] = lab && *lab ? xstrdup(lab) : xasprintf("%d", i + 1);
		P.free(lab);
		char *t = pg ? P.page_get_text(pg) : NULL;
		if (t && *t) {
			size_t k = strlen(t);
			for (size_t j = 0; j < k; j++) {
				unsigned char c = (unsigned char)t[j];
				t1 += c >= 0x1B && c <= 0x1F;
				ot1 |= (c >= 0x0B && c <= 0x0F && c != 0x0C) || c == 0x19 || c == 0x1A;
				/* a page break is ours only */
				buf_putc(out, c == '\f' ? '\n' : (char)c);
			}
			if (t[k - 1] != '\n')
				buf_putc(out, '\n');
		}
		P.free(t);
		if (pg)
			P.object_unref(pg);
	}
	if (t1 && !ot1) {
		/* the T1 encoding's ligature slots, made letters */
		struct buf b;
		buf_init(&b);
		for (size_t j = 0; j < out->len; j++) {
			unsigned char c = (unsigned char)out->data[j];
			if (j >= start && c >= 0x1B && c <= 0x1F)
				buf_puts(&b, lig[c - 0x1B]);
			else
				buf_putc(&b, (char)c);
		}
		buf_free(out);
		*out = b;
		*ligatures = t1;
	}
	P.object_unref(doc);
	P.bytes_unref(bytes);
	return 0;
}
