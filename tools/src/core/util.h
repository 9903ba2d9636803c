/* util.h - allocation wrappers, growable buffers, file I/O. */
#ifndef SITAT_UTIL_H
#define SITAT_UTIL_H

#include <stddef.h>
#include <stdbool.h>
#include <string.h>

/* Allocation wrappers: they print a message and exit(3) when memory runs
 * out, so callers never test for NULL.  The caller frees what they return. */
void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
/* printf into a new string; caller frees. */
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Growable arrays: ARRAY_GROW(p, n, cap) makes room for element p[n]
 * (p, n and cap are lvalues: the array, its length and its capacity; p
 * starts NULL and 0, 0).  Capacity doubles; overflow exits like xmalloc.
 * ARRAY_PUSH appends v.  The caller frees p. */
void *array_grow_(void *p, size_t *cap, size_t need, size_t size);
#define ARRAY_GROW(p, n, cap) \
	((void)((n) < (cap) ? 0 : ((p) = array_grow_((p), &(cap), (n) + 1, sizeof *(p)), 0)))
#define ARRAY_PUSH(p, n, cap, v) (ARRAY_GROW(p, n, cap), (p)[(n)++] = (v))

/* A growable byte buffer.  data is always NUL-terminated after a write;
 * the buffer owns data; buf_free releases it. */
struct buf {
	char *data;
	size_t len, cap;
};
void buf_init(struct buf *b);
void buf_free(struct buf *b);
/* Make room for n more bytes (and the NUL). */
void buf_reserve(struct buf *b, size_t n);
static inline void buf_add(struct buf *b, const void *p, size_t n)
{
	if (b->len + n + 1 > b->cap)
		buf_reserve(b, n);
	if (n)
		memcpy(b->data + b->len, p, n);
	b->len += n;
	b->data[b->len] = '\0';
}
static inline void buf_puts(struct buf *b, const char *s)
{
	buf_add(b, s, strlen(s));
}
static inline void buf_putc(struct buf *b, char c)
{
	buf_add(b, &c, 1);
}
void buf_printf(struct buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Hand the data over to the caller (who frees it) and reset b. */
char *buf_detach(struct buf *b, size_t *len);

/* Join a directory and a file name; caller frees. */
char *path_join(const char *dir, const char *name);

/* true when s ends in suffix and has something before it. */
bool str_ends_with(const char *s, const char *suffix);

/* strcmp for qsort over an array of char *. */
int cmp_strp(const void *a, const void *b);

/* true when s is a non-empty string of characters from the set allowed
 * (ASCII letters and digits always, plus any char in extra). */
bool id_chars_ok(const char *s, const char *extra);
/* A GUID as the store keeps it: 8-4-4-4-12 lower-case hex digits
 * (REFI-QDA's GUIDType, canonical form). */
bool guid_ok(const char *s);

#endif
