/* pdfcompare.h - how two builds of the same thesis differ: the bytes
 * (SHA-256), else the text of every page (poppler, io/pdftext.h) and the
 * page count.  `sitat reproduce` (a commit, a PDF or a bundle) reports
 * the result with the TeX inputs that differ (cmd/texinputs.h).
 * Owner: struct pdfcmp owns its pages; pdfcmp_free releases them. */
#ifndef SITAT_PDFCOMPARE_H
#define SITAT_PDFCOMPARE_H

#include <stdbool.h>
#include <stddef.h>

#include "core/diag.h"

enum pdfcmp_result {
	PDFCMP_IDENTICAL, /* the same bytes */
	PDFCMP_SAME_TEXT, /* other bytes; every page's text and the page count equal */
	PDFCMP_DIFFERENT, /* a page's text, or the page count, differs */
};

/* A page whose text differs (or that only one PDF has). */
struct pdfcmp_page {
	size_t index;              /* from 1 */
	char *label_then, *label_now; /* the page labels (NULL: no such page), escaped */
	char *diff;                /* a short diff of the page's text: at most a few
	                            * lines "-…" and "+…", each cut to a bounded
	                            * length, control characters escaped (diag_escape),
	                            * then "… N more changed lines" */
	bool ids_only;             /* other_version, and the page differs only in them */
};

struct pdfcmp {
	enum pdfcmp_result result;
	char sha_then[65], sha_now[65];
	size_t pages_then, pages_now; /* 0 when identical (the text is not read) */
	struct pdfcmp_page *pages;
	size_t npages;
	bool other_version;        /* the stamps name other ids (commit, evidence, ...):
	                            * then's are read as now's in the diffs of pages */
	size_t nids_only;          /* the pages that differ only in those ids */
};

/* Compare then (the PDF examined) and now (the rebuild): SHA-256; when
 * they differ, the text of every page.  The result is PDFCMP_DIFFERENT
 * whenever a page's text differs, even only in the stamp's ids.  Returns
 * 0, or -1 after a message in d when either cannot be read. */
int pdfcmp_files(const char *then, const char *now, struct pdfcmp *out, struct diag *d);
void pdfcmp_free(struct pdfcmp *c);

#endif
