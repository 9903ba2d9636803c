/* diag.c - the diagnostics table and the reporting functions. */
#include "core/diag.h"
#include "core/util.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ERROR DL_ERROR
#define WARNING DL_WARNING
#define NOTE DL_NOTE

const struct diag_def diag_table[D__COUNT] = {
#define DIAG(id, level, name) [id] = {level, name, id##_FMT},
#include "core/diag.def"
#undef DIAG
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
		free(d->recs[i].pos_file);
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

/* Decode one UTF-8 sequence at s (n > 0 bytes left): the code point, or
 * -1 when the bytes are not valid UTF-8; *len is the bytes used. */
static long utf8_next(const unsigned char *s, size_t n, size_t *len)
{
	unsigned c = s[0];
	size_t k = c < 0x80 ? 1 : (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3
	         : (c & 0xF8) == 0xF0 ? 4 : 0;
	*len = 1;
	if (!k || k > n)
		return -1;
	long cp = k == 1 ? (long)c : (long)(c & (0x7F >> k));
	for (size_t i = 1; i < k; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return -1;
		cp = (cp << 6) | (s[i] & 0x3F);
	}
	static const long min[5] = {0, 0, 0x80, 0x800, 0x10000};
	if (cp < min[k] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
		return -1;
	*len = k;
	return cp;
}

static bool unsafe_cp(long c)
{
	return c < 0x20 || (c >= 0x7F && c <= 0x9F) || (c >= 0x202A && c <= 0x202E) ||
	       (c >= 0x2066 && c <= 0x2069) || c == 0x200E || c == 0x200F ||
	       c == 0x061C;
}

/* Every byte that is not printable ASCII: where strcspn stops. */
static const char unsafe_bytes[] =
	"\x01\x02\x03\x04\x05\x06\x07\x08\x09\x0A\x0B\x0C\x0D\x0E\x0F\x10"
	"\x11\x12\x13\x14\x15\x16\x17\x18\x19\x1A\x1B\x1C\x1D\x1E\x1F\x7F"
	"\x80\x81\x82\x83\x84\x85\x86\x87\x88\x89\x8A\x8B\x8C\x8D\x8E\x8F"
	"\x90\x91\x92\x93\x94\x95\x96\x97\x98\x99\x9A\x9B\x9C\x9D\x9E\x9F"
	"\xA0\xA1\xA2\xA3\xA4\xA5\xA6\xA7\xA8\xA9\xAA\xAB\xAC\xAD\xAE\xAF"
	"\xB0\xB1\xB2\xB3\xB4\xB5\xB6\xB7\xB8\xB9\xBA\xBB\xBC\xBD\xBE\xBF"
	"\xC0\xC1\xC2\xC3\xC4\xC5\xC6\xC7\xC8\xC9\xCA\xCB\xCC\xCD\xCE\xCF"
	"\xD0\xD1\xD2\xD3\xD4\xD5\xD6\xD7\xD8\xD9\xDA\xDB\xDC\xDD\xDE\xDF"
	"\xE0\xE1\xE2\xE3\xE4\xE5\xE6\xE7\xE8\xE9\xEA\xEB\xEC\xED\xEE\xEF"
	"\xF0\xF1\xF2\xF3\xF4\xF5\xF6\xF7\xF8\xF9\xFA\xFB\xFC\xFD\xFE\xFF";

char *diag_escape(const char *str, size_t n)
{
	const unsigned char *s = (const unsigned char *)str;
	/* the common case, printable ASCII, in one library call */
	size_t safe = strcspn(str, unsafe_bytes);
	if (safe >= n)
		return xstrndup(str, n);
	struct buf b;
	buf_init(&b);
	buf_reserve(&b, n);
	buf_add(&b, str, safe);
	for (size_t i = safe; i < n;) {
		size_t len;
		long c = utf8_next(s + i, n - i, &len);
		if (c < 0)
			buf_printf(&b, "\\x%02X", s[i]);
		else if (c == '\t')
			buf_puts(&b, "\\t");
		else if (c == '\n')
			buf_puts(&b, "\\n");
		else if (c < 0x20 || c == 0x7F)
			buf_printf(&b, "\\x%02lX", c);
		else if (unsafe_cp(c))
			buf_printf(&b, "\\u{%04lX}", c);
		else
			buf_add(&b, s + i, len);
		i += len;
	}
	return buf_detach(&b, NULL);
}

static char *esc(const char *s)
{
	return diag_escape(s, strlen(s));
}

static struct diag_rec *add_rec(struct diag *d)
{
	ARRAY_GROW(d->recs, d->n, d->cap);
	struct diag_rec *r = &d->recs[d->n++];
	memset(r, 0, sizeof *r);
	r->pos_start = r->pos_end = DIAG_NOPOS;
	return r;
}

void diag_pos(struct diag *d, const char *file, size_t line, size_t col,
              size_t start, size_t end)
{
	if (!d->n)
		return;
	struct diag_rec *r = &d->recs[d->n - 1];
	free(r->pos_file);
	r->pos_file = esc(file);
	r->pos_line = line;
	r->pos_col = col;
	r->pos_start = start;
	r->pos_end = end;
}

/* Count r and print it; r's strings are already safe. */
static void emit(struct diag *d, const struct diag_rec *r)
{
	if (diag_table[r->id].level == DL_ERROR)
		d->errors++;
	else if (diag_table[r->id].level == DL_WARNING)
		d->warnings++;
	if (d->out) {
		char *s = diag_format(r);
		fprintf(d->out, "%s\n", s);
		free(s);
	}
}

static void report(struct diag *d, enum diag_id id, const char *fmt,
                   const char *file, size_t line, size_t col,
                   const char *where, va_list ap)
{
	struct diag_rec *r = add_rec(d);
	r->id = id;
	r->file = esc(file);
	r->line = line;
	r->col = col;
	r->where = where ? esc(where) : NULL;
	va_list aq;
	va_copy(aq, ap);
	int n = vsnprintf(NULL, 0, fmt, aq);
	va_end(aq);
	char *raw = xmalloc(n > 0 ? (size_t)n + 1 : 1);
	raw[0] = '\0';
	if (n > 0)
		vsnprintf(raw, (size_t)n + 1, fmt, ap);
	if (raw[strcspn(raw, unsafe_bytes)]) {
		r->msg = esc(raw);
		free(raw);
	} else {
		r->msg = raw; /* nothing to escape */
	}
	emit(d, r);
}

void diag_at_(struct diag *d, enum diag_id id, const char *fmt,
              const char *file, size_t line, size_t col, ...)
{
	va_list ap;
	va_start(ap, col);
	report(d, id, fmt, file, line, col, NULL, ap);
	va_end(ap);
}

void diag_in_(struct diag *d, enum diag_id id, const char *fmt,
              const char *file, const char *where, ...)
{
	va_list ap;
	va_start(ap, where);
	report(d, id, fmt, file, 0, 0, where, ap);
	va_end(ap);
}

void diag_merge(struct diag *d, struct diag *src)
{
	for (size_t i = 0; i < src->n; i++) {
		struct diag_rec *c = add_rec(d);
		*c = src->recs[i];
		emit(d, c);
	}
	src->n = 0; /* the strings are d's now */
}
