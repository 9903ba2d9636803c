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

char *diag_escape(const char *str, size_t n)
{
	const unsigned char *s = (const unsigned char *)str;
	struct buf b;
	buf_init(&b);
	buf_reserve(&b, n);
	for (size_t i = 0; i < n;) {
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
	if (d->n == d->cap) {
		d->cap = d->cap ? d->cap * 2 : 16;
		d->recs = xrealloc(d->recs, d->cap * sizeof *d->recs);
	}
	return &d->recs[d->n++];
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
	r->msg = esc(raw);
	free(raw);
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

void diag_merge(struct diag *d, const struct diag *src)
{
	for (size_t i = 0; i < src->n; i++) {
		const struct diag_rec *r = &src->recs[i];
		struct diag_rec *c = add_rec(d);
		c->id = r->id;
		c->file = xstrdup(r->file);
		c->line = r->line;
		c->col = r->col;
		c->where = r->where ? xstrdup(r->where) : NULL;
		c->msg = xstrdup(r->msg);
		emit(d, c);
	}
}
