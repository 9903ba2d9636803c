/* text.c - validation and position maps for UTF-8 text files. */
#include "core/text.h"
#include "core/util.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

void text_free(struct text *t)
{
	free(t->data);
	free(t->lines);
	free(t->cpidx);
	memset(t, 0, sizeof *t);
}

/* Invalid bytes and control characters reported per file; the rest are
 * counted in one note. */
#define TEXT_MAX_BAD 20

/* Code points below U+0300 never change under NFC and never compose with
 * a preceding character; neither do the general punctuation characters
 * U+2010..U+2027 nor the euro sign.  A line made only of them is NFC. */
static bool nfc_inert(utf8proc_int32_t c)
{
	return c < 0x300 || (c >= 0x2010 && c <= 0x2027) || c == 0x20AC;
}

/* The end of the run of printable ASCII that starts at s[i], eight bytes
 * at a time: any byte < 0x20 or >= 0x7F sets its top bit in m (a false
 * alarm can only follow a real one, and the byte loop settles it). */
static size_t ascii_run(const unsigned char *s, size_t i, size_t n)
{
#ifdef __SSE2__
	/* sixteen bytes at a time: as signed bytes, everything >= 0x80 is
	 * below 0x20 too, so one compare finds controls and non-ASCII */
	const __m128i lo = _mm_set1_epi8(0x20), del = _mm_set1_epi8(0x7F);
	while (i + 16 <= n) {
		__m128i v = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
		int m = _mm_movemask_epi8(_mm_or_si128(_mm_cmplt_epi8(v, lo),
		                                       _mm_cmpeq_epi8(v, del)));
		if (m)
			return i + (size_t)__builtin_ctz((unsigned)m);
		i += 16;
	}
#endif
	while (i + 8 <= n) {
		uint64_t v;
		memcpy(&v, s + i, 8);
		uint64_t m = ((v - 0x2020202020202020ULL) | v |
		              (v + 0x0101010101010101ULL)) & 0x8080808080808080ULL;
		if (m)
			break;
		i += 8;
	}
	while (i < n && s[i] >= 0x20 && s[i] < 0x7F)
		i++;
	return i;
}

/* Decode one code point at s[i] (n bytes left); returns its length, or
 * -1 for invalid UTF-8.  Two-byte sequences are decoded inline. */
static utf8proc_ssize_t decode_cp(const unsigned char *s, size_t n,
                                  utf8proc_int32_t *c)
{
	if (s[0] < 0x80) {
		*c = s[0];
		return 1;
	}
	if (s[0] >= 0xC2 && s[0] <= 0xDF && n >= 2 && (s[1] & 0xC0) == 0x80) {
		*c = ((s[0] & 0x1F) << 6) | (s[1] & 0x3F);
		return 2;
	}
	return utf8proc_iterate(s, (utf8proc_ssize_t)n, c);
}

static bool line_is_nfc(const char *s, size_t n)
{
	utf8proc_uint8_t *dst = NULL;
	utf8proc_ssize_t r = utf8proc_map((const utf8proc_uint8_t *)s,
	                                  (utf8proc_ssize_t)n, &dst,
	                                  UTF8PROC_STABLE | UTF8PROC_COMPOSE);
	bool same = r >= 0 && (size_t)r == n && memcmp(dst, s, n) == 0;
	free(dst);
	return same;
}

/* Column (code points) of the first difference between s and its NFC. */
static size_t nfc_first_diff(const char *s, size_t n)
{
	utf8proc_uint8_t *dst = NULL;
	utf8proc_ssize_t r = utf8proc_map((const utf8proc_uint8_t *)s,
	                                  (utf8proc_ssize_t)n, &dst,
	                                  UTF8PROC_STABLE | UTF8PROC_COMPOSE);
	size_t col = 1, i = 0;
	if (r >= 0) {
		size_t m = (size_t)r;
		while (i < n && i < m && s[i] == (char)dst[i])
			i++;
		/* back up to the start of the character that differs */
		while (i > 0 && ((unsigned char)s[i] & 0xC0) == 0x80)
			i--;
		for (size_t k = 0; k < i; k++)
			if (((unsigned char)s[k] & 0xC0) != 0x80)
				col++;
	}
	free(dst);
	return col;
}

/* The state of one scan of a text. */
struct scan {
	struct text *t;
	const unsigned char *s;
	size_t len;
	const char *file;
	struct diag *d;
	unsigned flags; /* TEXT_TABS, TEXT_FORMFEED */
	bool index;
	size_t cap;                  /* of t->lines */
	size_t i, cp, line, col, line_start;
	bool line_inert, line_bad;   /* the current line */
	bool reported_cr, reported_nfc;
	size_t bad;                  /* invalid bytes and control characters */
};

/* Record byte offset at as the start of code point sc->cp when it is a
 * checkpoint of the code point index. */
static void checkpoint(struct scan *sc, size_t at)
{
	if (sc->index && sc->cp % TEXT_CP_STEP == 0)
		sc->t->cpidx[sc->t->ncpidx++] = at;
}

/* The fast path: runs of printable ASCII, and two-byte characters from
 * U+00A0 to U+02FF (Latin letters: never control, never changed by NFC). */
static void fast_runs(struct scan *sc)
{
	const unsigned char *s = sc->s;
	for (;;) {
		size_t start = sc->i;
		sc->i = ascii_run(s, sc->i, sc->len);
		if (sc->i > start) {
			size_t run = sc->i - start;
			if (sc->index)
				for (size_t k = (TEXT_CP_STEP - sc->cp % TEXT_CP_STEP) % TEXT_CP_STEP;
				     k < run; k += TEXT_CP_STEP)
					sc->t->cpidx[sc->t->ncpidx++] = start + k;
			sc->cp += run;
			sc->col += run;
		}
		size_t i = sc->i;
		if (i + 1 < sc->len && s[i] >= 0xC2 && s[i] <= 0xCB &&
		    (s[i + 1] & 0xC0) == 0x80 && (s[i] != 0xC2 || s[i + 1] >= 0xA0)) {
			checkpoint(sc, i);
			sc->i += 2, sc->cp++, sc->col++;
			continue;
		}
		return;
	}
}

/* At a LF or the end: the NFC check of the finished line (a line with
 * invalid UTF-8 has been reported already), then the next line. */
static void end_line(struct scan *sc)
{
	const char *data = (const char *)sc->s;
	size_t n = sc->i - sc->line_start;
	if (!sc->line_inert && !sc->line_bad && !sc->reported_nfc &&
	    !line_is_nfc(data + sc->line_start, n)) {
		diag_at(sc->d, D_NFC, sc->file, sc->line,
		        nfc_first_diff(data + sc->line_start, n));
		sc->reported_nfc = true;
	}
	if (sc->i == sc->len)
		return;
	checkpoint(sc, sc->i);
	sc->i++, sc->cp++;
	sc->line++, sc->col = 1, sc->line_start = sc->i;
	sc->line_inert = true, sc->line_bad = false;
	if (sc->index)
		ARRAY_PUSH(sc->t->lines, sc->t->nlines, sc->cap, sc->i);
}

/* A problem byte or character: the first TEXT_MAX_BAD are reported. */
static bool report_bad(struct scan *sc)
{
	return ++sc->bad <= TEXT_MAX_BAD;
}

/* Any other character: decoded, checked, counted. */
static void other_char(struct scan *sc)
{
	utf8proc_int32_t c;
	utf8proc_ssize_t n = decode_cp(sc->s + sc->i, sc->len - sc->i, &c);
	if (n < 0) {
		if (report_bad(sc))
			diag_at(sc->d, D_UTF8, sc->file, sc->line, sc->col,
			        (unsigned)sc->s[sc->i]);
		sc->line_bad = true;
		/* resynchronise at the next byte; keep counting */
		n = 1;
		c = 0xFFFD;
	}
	if (c == '\r') {
		if (!sc->reported_cr)
			diag_at(sc->d, D_CR, sc->file, sc->line, sc->col);
		sc->reported_cr = true;
	} else if (((c < 0x20 && !(c == '\t' && (sc->flags & TEXT_TABS)) &&
	             !(c == '\f' && (sc->flags & TEXT_FORMFEED))) ||
	            (c >= 0x7F && c < 0xA0)) && report_bad(sc)) {
		diag_at(sc->d, D_CONTROL, sc->file, sc->line, sc->col, (unsigned)c);
	}
	if (!nfc_inert(c))
		sc->line_inert = false;
	checkpoint(sc, sc->i);
	sc->i += (size_t)n;
	sc->cp++, sc->col++;
}

/* Validate data (len bytes) and, with index, build t's line and code
 * point maps.  Runs of printable ASCII (most of any text) take a fast
 * path. */
static bool scan(struct text *t, const char *data, size_t len,
                 const char *file, unsigned flags, bool index, struct diag *d)
{
	size_t errors = d->errors;
	struct scan sc = {.t = t, .s = (const unsigned char *)data, .len = len,
	                  .file = file, .d = d, .flags = flags,
	                  .index = index, .line = 1, .col = 1, .line_inert = true};
	if (index) {
		t->cpidx = xmalloc((len / TEXT_CP_STEP + 2) * sizeof *t->cpidx);
		ARRAY_PUSH(t->lines, t->nlines, sc.cap, 0);
	}
	const unsigned char *s = sc.s;
	if (len >= 3 && s[0] == 0xEF && s[1] == 0xBB && s[2] == 0xBF)
		diag_at(d, D_BOM, file, 1, 1);
	for (;;) {
		fast_runs(&sc);
		if (sc.i == sc.len || s[sc.i] == '\n') {
			end_line(&sc);
			if (sc.i == sc.len)
				break;
			continue;
		}
		other_char(&sc);
	}
	if (sc.bad > TEXT_MAX_BAD)
		diag_at(d, D_TEXT_MORE, file, 0, 0, sc.bad - TEXT_MAX_BAD);
	if (index) {
		checkpoint(&sc, len);
		/* a final LF ends the last line; it does not start another */
		if (t->nlines > 1 && t->lines[t->nlines - 1] == len)
			t->nlines--;
	}
	t->ncp = sc.cp;
	t->ok = d->errors == errors;
	return t->ok;
}

bool text_init(struct text *t, char *data, size_t len, const char *file,
               unsigned flags, struct diag *d)
{
	memset(t, 0, sizeof *t);
	t->data = data;
	t->len = len;
	return scan(t, data, len, file, flags, true, d);
}

bool text_validate(const char *data, size_t len, const char *file,
                   unsigned flags, struct diag *d)
{
	struct text t;
	memset(&t, 0, sizeof t);
	return scan(&t, data, len, file, flags, false, d);
}

size_t text_cp_to_byte(const struct text *t, size_t cp)
{
	if (cp >= t->ncp)
		return t->len;
	size_t off = t->cpidx[cp / TEXT_CP_STEP];
	const unsigned char *s = (const unsigned char *)t->data;
	for (size_t k = cp % TEXT_CP_STEP; k > 0; k--) {
		off++;
		while (off < t->len && (s[off] & 0xC0) == 0x80)
			off++;
	}
	return off;
}

/* The index of the last element of the sorted v[0..n-1] that is <= x
 * (0 when there is none; v[0] is 0 in both maps). */
static size_t last_at_or_before(const size_t *v, size_t n, size_t x)
{
	size_t lo = 0, hi = n;
	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;
		if (v[mid] <= x)
			lo = mid;
		else
			hi = mid;
	}
	return lo;
}

size_t text_byte_to_cp(const struct text *t, size_t off)
{
	/* the checkpoint at or before off, then walk */
	size_t lo = last_at_or_before(t->cpidx, t->ncpidx, off);
	size_t cp = lo * TEXT_CP_STEP, b = t->cpidx[lo];
	const unsigned char *s = (const unsigned char *)t->data;
	while (b < off && b < t->len) {
		b++;
		while (b < t->len && (s[b] & 0xC0) == 0x80)
			b++;
		cp++;
	}
	return cp;
}

size_t text_line_of(const struct text *t, size_t off)
{
	return last_at_or_before(t->lines, t->nlines, off) + 1;
}

size_t text_col_of(const struct text *t, size_t off)
{
	size_t start = t->lines[text_line_of(t, off) - 1], col = 1;
	const unsigned char *s = (const unsigned char *)t->data;
	for (size_t b = start; b < off && b < t->len; b++)
		if ((s[b] & 0xC0) != 0x80)
			col++;
	return col;
}

void raw_line_col(const char *s, size_t len, size_t off, size_t *line,
                  size_t *col)
{
	size_t l = 1, c = 1;
	if (off > len)
		off = len;
	for (size_t i = 0; i < off; i++) {
		if (s[i] == '\n')
			l++, c = 1;
		else if (((unsigned char)s[i] & 0xC0) != 0x80)
			c++;
	}
	*line = l;
	*col = c;
}

char *text_show(const char *s, size_t n, size_t max)
{
	struct buf b;
	buf_init(&b);
	const utf8proc_uint8_t *u = (const utf8proc_uint8_t *)s;
	size_t i = 0, k = 0;
	while (i < n) {
		if (k == max) {
			buf_puts(&b, "…");
			break;
		}
		utf8proc_int32_t c;
		utf8proc_ssize_t m = utf8proc_iterate(u + i, (utf8proc_ssize_t)(n - i), &c);
		if (m < 0) {
			buf_puts(&b, "\xEF\xBF\xBD");
			i++;
		} else {
			if (c == '\n')
				buf_puts(&b, "\\n");
			else if (c == '\f') /* a page break of a document */
				buf_puts(&b, "\\f");
			else if (c < 0x20 || (c >= 0x7F && c < 0xA0))
				buf_puts(&b, "\xEF\xBF\xBD");
			else
				buf_add(&b, s + i, (size_t)m);
			i += (size_t)m;
		}
		k++;
	}
	return buf_detach(&b, NULL);
}

int text_check_string(const char *s, unsigned *bad)
{
	const utf8proc_uint8_t *u = (const utf8proc_uint8_t *)s;
	size_t n = strlen(s), i = 0;
	bool inert = true;
	while (i < n) {
		i = ascii_run(u, i, n);
		if (i >= n)
			break;
		utf8proc_int32_t c;
		utf8proc_ssize_t m = decode_cp(u + i, n - i, &c);
		if (m < 0) {
			*bad = u[i];
			return D_UTF8;
		}
		if ((c < 0x20 && c != '\n' && c != '\t' && c != '\f') ||
		    (c >= 0x7F && c < 0xA0)) {
			*bad = (unsigned)c;
			return D_CONTROL;
		}
		if (!nfc_inert(c))
			inert = false;
		i += (size_t)m;
	}
	if (!inert && !line_is_nfc(s, n)) {
		*bad = 0;
		return D_NFC;
	}
	return 0;
}
