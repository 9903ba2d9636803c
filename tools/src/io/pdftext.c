/* pdftext.c - the pages of a PDF and their labels (pdftext.h). */
#include "io/pdftext.h"

#include <poppler.h>
#include <stdbool.h>
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
	size_t start = out->len, t1 = 0; /* what was there before is not ours */
	bool ot1 = false;
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
				unsigned char c = (unsigned char)t[j];
				t1 += c >= 0x1B && c <= 0x1F;
				ot1 |= (c >= 0x0B && c <= 0x0F && c != 0x0C) || c == 0x19 || c == 0x1A;
				/* a page break is ours only */
				buf_putc(out, c == '\f' ? '\n' : (char)c);
			}
			if (t[k - 1] != '\n')
				buf_putc(out, '\n');
		}
		g_free(t);
		if (pg)
			g_object_unref(pg);
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
	g_object_unref(doc);
	g_bytes_unref(bytes);
	return 0;
}
