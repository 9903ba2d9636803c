/* diag.c - the diagnostics table and the reporting functions. */
#include "diag.h"
#include "util.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#define E DL_ERROR
#define W DL_WARNING
#define N DL_NOTE

const struct diag_def diag_table[D__COUNT] = {
	[D_IO]             = {E, "io", "cannot read: %s"},
	[D_JSON_SYNTAX]    = {E, "json-syntax", "JSON syntax error near %s"},
	[D_BOM]            = {E, "bom", "byte order mark at start of file (save as UTF-8 without BOM)"},
	[D_UTF8]           = {E, "utf8", "invalid UTF-8 byte sequence (byte 0x%02X)"},
	[D_CR]             = {E, "crlf", "carriage return (CR) in line end; use LF line ends"},
	[D_CONTROL]        = {E, "control-char", "control character U+%04X not allowed"},
	[D_NFC]            = {E, "not-nfc", "text is not in Unicode NFC form (normalise the file to NFC)"},
	[D_EMPTY_FILE]     = {E, "empty-file", "file is empty"},
	[D_MISSING]        = {E, "missing-field", "missing required field '%s'"},
	[D_TYPE]           = {E, "wrong-type", "field '%s' must be %s"},
	[D_FORMAT]         = {E, "format", "unknown format '%s' (expected '%s')"},
	[D_BAD_ID]         = {E, "bad-id", "invalid %s id '%s' (allowed: %s)"},
	[D_DUP_ID]         = {E, "duplicate-id", "duplicate %s id '%s' (first defined in %s)"},
	[D_DUP_KEY]        = {E, "duplicate-key", "duplicate key '%s'"},
	[D_EMPTY]          = {E, "empty-value", "field '%s' must not be empty"},
	[D_BAD_VALUE]      = {E, "bad-value", "field '%s' has invalid value '%s' (expected %s)"},
	[D_BAD_DATE]       = {E, "bad-date", "invalid date '%s' (expected YYYY, YYYY-MM or YYYY-MM-DD)"},
	[D_BAD_COLOR]      = {E, "bad-color", "invalid colour '%s' (expected #rrggbb)"},
	[D_UNKNOWN_RQ]     = {E, "unknown-rq", "unknown research question '%s'"},
	[D_UNKNOWN_CODE]   = {E, "unknown-code", "unknown code '%s'"},
	[D_UNKNOWN_PARENT] = {E, "unknown-parent", "parent '%s' is not a code"},
	[D_CYCLE]          = {E, "code-cycle", "cycle in the code hierarchy: %s"},
	[D_UNKNOWN_SOURCE] = {E, "unknown-source", "codings for unknown source '%s'"},
	[D_FILE_ID]        = {E, "file-id-mismatch", "id '%s' does not match the file name (expected '%s')"},
	[D_SEG_ID_PREFIX]  = {E, "segment-id-prefix", "segment id '%s' must be '%s-' followed by 3 or more digits"},
	[D_NO_TEXT]        = {E, "missing-text", "text file '%s' cannot be read: %s"},
	[D_DOC_PAGES]      = {E, "missing-pages", "document has no 'pages' (page boundaries are needed to cite it)"},
	[D_DOC_BIB]        = {E, "missing-bib", "document needs 'bibkey' or 'bib' (and not both)"},
	[D_PAGE_ORDER]     = {E, "page-order", "page '%s' starts at line %zu, not after the previous page (line %zu)"},
	[D_PAGE_RANGE]     = {E, "page-range", "page '%s' starts at line %zu, but the text has %zu lines (and the first page must start at line 1)"},
	[D_UNIT]           = {E, "unit", "unknown anchor unit '%s' (expected 'codepoint-nfc')"},
	[D_RANGE]          = {E, "anchor-range", "positions %zu..%zu out of range (source has %zu code points; start < end required)"},
	[D_ANCHOR]         = {E, "anchor-mismatch", "anchor text does not match the source at %zu..%zu: source has \"%s\""},
	[D_ANCHOR_NOW]     = {N, "anchor-found", "the quoted text is now at %s:%zu:%zu (start %zu, end %zu)"},
	[D_ANCHOR_AMBIG]   = {N, "anchor-ambiguous", "the quoted text occurs %zu times in the source; re-anchor by hand"},
	[D_ANCHOR_GONE]    = {N, "anchor-gone", "the quoted text no longer occurs in the source"},
	[D_CONTEXT]        = {W, "context-changed", "%s context changed: expected \"%s\", source has \"%s\""},
	[D_UNKNOWN_KEY]    = {W, "unknown-key", "unknown key '%s' (ignored)"},
	[D_SEG_ORDER]      = {W, "segment-order", "segment is not sorted by start position"},
	[D_STRAY_FILE]     = {W, "stray-file", "file is not referenced by any source or coding"},
	[D_NO_CODINGS]     = {W, "no-codings", "source '%s' has no codings file"},
	[D_REC_SYNTAX]     = {E, "record-syntax", "malformed record line: %s"},
	[D_CLAIM_ID]       = {E, "claim-id", "invalid claim id '%s' (allowed: [a-z0-9-], starting with a letter or digit)"},
	[D_CLAIM_DUP]      = {E, "claim-duplicate", "duplicate claim id '%s' (first at %s)"},
	[D_CLAIM_RQ]       = {E, "claim-rq", "claim '%s': unknown research question '%s'"},
	[D_CLAIM_EMPTY]    = {E, "claim-unsupported", "claim '%s' has no supporting quote"},
	[D_QUOTE_UNKNOWN]  = {E, "quote-unknown", "%s cites unknown quote id '%s'"},
	[D_QUOTE_STALE]    = {E, "quote-stale", "%s cites quote %s, whose anchor no longer matches its source (%s)"},
	[D_TRIANGULATION]  = {W, "triangulation", "claim '%s' rests on %zu informant%s (%s); at least %zu wanted"},
	[D_ONE_KIND]       = {W, "one-kind", "claim '%s' is supported by %s only"},
	[D_SHARE]          = {W, "informant-share", "informant %s gives %zu of %zu cited quotes (%.0f%%, above %.0f%%)"},
	[D_CODE_UNCITED]   = {W, "code-uncited", "research question %s: no cited quote is coded '%s' (%s)"},
	[D_RQ_NO_CLAIM]    = {W, "rq-without-claim", "research question %s (%s) has no claim"},
};

void diag_init(struct diag *d, FILE *out)
{
	memset(d, 0, sizeof *d);
	d->out = out;
}

void diag_free(struct diag *d)
{
	for (size_t i = 0; i < d->n; i++) {
		free(d->recs[i].file);
		free(d->recs[i].where);
		free(d->recs[i].msg);
	}
	free(d->recs);
	memset(d, 0, sizeof *d);
}

const char *diag_level_name(enum diag_level l)
{
	return l == DL_ERROR ? "error" : l == DL_WARNING ? "warning" : "note";
}

char *diag_format(const struct diag_rec *r)
{
	const char *lv = diag_level_name(diag_table[r->id].level);
	if (r->where)
		return xasprintf("%s: %s: %s: %s", r->file, r->where, lv, r->msg);
	if (r->line && r->col)
		return xasprintf("%s:%zu:%zu: %s: %s", r->file, r->line, r->col,
		                 lv, r->msg);
	if (r->line)
		return xasprintf("%s:%zu: %s: %s", r->file, r->line, lv, r->msg);
	return xasprintf("%s: %s: %s", r->file, lv, r->msg);
}

static void report(struct diag *d, enum diag_id id, const char *file,
                   size_t line, size_t col, const char *where, va_list ap)
{
	if (d->n == d->cap) {
		d->cap = d->cap ? d->cap * 2 : 16;
		d->recs = xrealloc(d->recs, d->cap * sizeof *d->recs);
	}
	struct diag_rec *r = &d->recs[d->n++];
	r->id = id;
	r->file = xstrdup(file);
	r->line = line;
	r->col = col;
	r->where = where ? xstrdup(where) : NULL;
	struct buf b;
	buf_init(&b);
	va_list aq;
	va_copy(aq, ap);
	int n = vsnprintf(NULL, 0, diag_table[id].fmt, aq);
	va_end(aq);
	char *m = xmalloc(n > 0 ? (size_t)n + 1 : 1);
	vsnprintf(m, n > 0 ? (size_t)n + 1 : 1, diag_table[id].fmt, ap);
	if (n <= 0)
		m[0] = '\0';
	r->msg = m;
	buf_free(&b);
	if (diag_table[id].level == DL_ERROR)
		d->errors++;
	else if (diag_table[id].level == DL_WARNING)
		d->warnings++;
	if (d->out) {
		char *s = diag_format(r);
		fprintf(d->out, "%s\n", s);
		free(s);
	}
}

void diag_at(struct diag *d, enum diag_id id, const char *file, size_t line,
             size_t col, ...)
{
	va_list ap;
	va_start(ap, col);
	report(d, id, file, line, col, NULL, ap);
	va_end(ap);
}

void diag_in(struct diag *d, enum diag_id id, const char *file,
             const char *where, ...)
{
	va_list ap;
	va_start(ap, where);
	report(d, id, file, 0, 0, where, ap);
	va_end(ap);
}

void diag_merge(struct diag *d, const struct diag *src)
{
	for (size_t i = 0; i < src->n; i++) {
		const struct diag_rec *r = &src->recs[i];
		if (d->n == d->cap) {
			d->cap = d->cap ? d->cap * 2 : 16;
			d->recs = xrealloc(d->recs, d->cap * sizeof *d->recs);
		}
		struct diag_rec *c = &d->recs[d->n++];
		c->id = r->id;
		c->file = xstrdup(r->file);
		c->line = r->line;
		c->col = r->col;
		c->where = r->where ? xstrdup(r->where) : NULL;
		c->msg = xstrdup(r->msg);
		if (diag_table[r->id].level == DL_ERROR)
			d->errors++;
		else if (diag_table[r->id].level == DL_WARNING)
			d->warnings++;
		if (d->out) {
			char *line = diag_format(c);
			fprintf(d->out, "%s\n", line);
			free(line);
		}
	}
}
