/* pdftext.c - the pages of a PDF and their labels (pdftext.h). */
#include "io/pdftext.h"

#include <poppler.h>
#include <stdlib.h>
#include <string.h>

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
	GError *err = NULL;
	GBytes *bytes = g_bytes_new_static(data, len);
	PopplerDocument *doc = poppler_document_new_from_bytes(bytes, NULL, &err);
	if (!doc) {
		diag_at(d, D_ADD_PDF, file, 0, 0, err && err->message ? err->message : "not a PDF");
		if (err)
			g_error_free(err);
		g_bytes_unref(bytes);
		return -1;
	}
	int n = poppler_document_get_n_pages(doc);
	if (n <= 0) {
		diag_at(d, D_ADD_PDF, file, 0, 0, "the PDF has no pages");
		g_object_unref(doc);
		g_bytes_unref(bytes);
		return -1;
	}
	labels->v = xcalloc((size_t)n, sizeof *labels->v);
	labels->n = (size_t)n;
	for (int i = 0; i < n; i++) {
		PopplerPage *pg = poppler_document_get_page(doc, i);
		if (i)
			buf_putc(out, '\f');
		char *lab = pg ? poppler_page_get_label(pg) : NULL;
		labels->v[i] = lab && *lab ? xstrdup(lab) : xasprintf("%d", i + 1);
		g_free(lab);
		char *t = pg ? poppler_page_get_text(pg) : NULL;
		if (t && *t) {
			size_t k = strlen(t);
			for (size_t j = 0; j < k; j++) {
				if (t[j] == '\f') {
					buf_putc(out, '\n'); /* a page break is ours only */
				} else if (t[j] >= 0x1B && t[j] <= 0x1F) {
					buf_puts(out, lig[t[j] - 0x1B]);
					++*ligatures;
				} else {
					buf_putc(out, t[j]);
				}
			}
			if (t[k - 1] != '\n')
				buf_putc(out, '\n');
		}
		g_free(t);
		if (pg)
			g_object_unref(pg);
	}
	g_object_unref(doc);
	g_bytes_unref(bytes);
	return 0;
}
