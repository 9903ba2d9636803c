/* pdftext.h - the text of a PDF, page by page, with the PDF's own page
 * labels (poppler-glib). */
#ifndef SITAT_PDFTEXT_H
#define SITAT_PDFTEXT_H

#include <stddef.h>

#include "core/diag.h"
#include "core/util.h"

/* The page labels of a PDF; pdf_labels_free releases them. */
struct pdf_labels {
	char **v;
	size_t n;
};
void pdf_labels_free(struct pdf_labels *l);

/* Append the text of the PDF in data (len bytes) to out: the text of each
 * page (poppler_page_get_text, in reading order), ending in a line feed
 * when it has text, and a FORM FEED (U+000C) between pages, as pdftotext
 * writes it but without a form feed after the last page; so the text has
 * one page more than form feeds (a form feed inside a page's text becomes
 * a line feed).  labels gets each page's label
 * (poppler_page_get_label: the PDF's /PageLabels, e.g. i, ii, 1, 2; the
 * page number from 1 when the PDF has none).  The control characters
 * U+001B..U+001F that poppler gives for the ligatures of a pdfTeX font in
 * T1 encoding without a ToUnicode map (a Type 3 bitmap font: ff, fi, fl,
 * ffi, ffl are those slots of the T1 encoding) are replaced by those
 * letters, and *ligatures counts them (the caller reports it: check the
 * text); but not when the text also has U+000B, U+000D..U+000F, U+0019
 * or U+001A, the signs of the OT1 encoding, where U+001B..U+001F are the
 * letters œ ø Æ Œ Ø (then they stay, and are refused as control
 * characters: that PDF's text cannot be trusted).  Returns 0, or -1 with a
 * message in d (an encrypted or damaged PDF, no pages). */
int pdf_text(const char *data, size_t len, const char *file, struct buf *out,
             struct pdf_labels *labels, size_t *ligatures, struct diag *d);

/* The number of pages of the PDF in data (len bytes), without reading
 * their text; 0 when it cannot be read (no poppler-glib, not a PDF). */
size_t pdf_page_count(const char *data, size_t len);

#endif
