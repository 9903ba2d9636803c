/* util.h - allocation wrappers, growable buffers, file I/O. */
#ifndef SITAT_UTIL_H
#define SITAT_UTIL_H

#include <stddef.h>
#include <stdbool.h>
#include <string.h>

/* Allocation wrappers: they print a message and exit(2) when memory runs
 * out, so callers never test for NULL.  The caller frees what they return. */
void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
/* printf into a new string; caller frees. */
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

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

/* true when s is a non-empty string of characters from the set allowed
 * (ASCII letters and digits always, plus any char in extra). */
bool id_chars_ok(const char *s, const char *extra);

#endif
