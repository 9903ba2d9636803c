/* normalize.h - turn the bytes of a text file as it arrives (UTF-8 with or
 * without a byte order mark, UTF-16LE/BE with one, or a legacy encoding
 * named by the caller and converted with iconv) into a store text: UTF-8
 * without BOM, LF line ends (CRLF and lone CR become LF), Unicode NFC, no
 * control characters but LF, TAB and (when allowed) FORM FEED.  Every
 * normalisation is counted, so the caller can report it, and a position
 * map says where each input code point went.
 *
 * The position map: input code points are those of the decoded input
 * (after the encoding is decoded; the byte order mark that says the
 * encoding is not counted), numbered from 0.  A U+FEFF more at the start
 * of the text (a second BOM) is dropped and maps to 0.  map[i], for i in 0..n_in, is the index of the output
 * code point that input code point i became, or the part of the output
 * it is in:
 *   - a code point copied as it is: its output index;
 *   - the CR of a CRLF: the index of the LF (both map to the same place);
 *   - a sequence NFC changed (a base letter and its combining marks, as
 *     "e" U+0301 -> "é"): every code point of the sequence maps to the
 *     first output code point of its composition;
 *   - map[n_in] = the number of output code points.
 * The map never decreases, so a range [start, end) of the input maps to
 * [map[start], map[end]) of the output (REFI-QDA selections, issue 12).
 * Sequences are split before every code point that can neither be
 * reordered by NFC nor compose with what precedes it (combining class 0,
 * not the second part of a canonical pair), so a change stays local. */
#ifndef SITAT_NORMALIZE_H
#define SITAT_NORMALIZE_H

#include <stdbool.h>
#include <stddef.h>

#include "core/diag.h"

struct norm_opts {
	const char *encoding; /* NULL: by byte order mark, else UTF-8; or an iconv name */
	bool allow_ff;        /* FORM FEED is allowed (a page break of a document) */
	bool want_map;        /* build the position map */
	const char *what;     /* "an interview text": for the control character message */
};

/* The result.  norm_free releases data and map. */
struct norm {
	char *data;           /* UTF-8, NFC, LF; NUL-terminated */
	size_t len;           /* bytes */
	size_t ncp;           /* code points */
	size_t *map;          /* n_in + 1 entries, when want_map; else NULL */
	size_t n_in;          /* input code points */
	/* what was done */
	const char *encoding; /* "UTF-8", "UTF-16LE", "UTF-16BE", or opts.encoding */
	bool bom;             /* a byte order mark was removed */
	size_t crlf, cr;      /* CRLF and lone CR line ends made LF */
	size_t nfc;           /* characters composed (output code points of changed sequences) */
};

/* Normalise in (len bytes) into *n.  Problems (invalid UTF-8 or UTF-16,
 * an encoding iconv cannot convert, a control character) are reported to
 * d at file:line:col of the input (columns in code points; for a legacy
 * encoding, in bytes) and make it return -1 (n is then empty).  Every
 * problem is reported, up to 20 (then a note).  Returns 0 on success. */
int normalize(struct norm *n, const char *in, size_t len,
              const struct norm_opts *o, const char *file, struct diag *d);
void norm_free(struct norm *n);

#endif
