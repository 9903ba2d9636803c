/* unit.h - what every sitat unit test shares: the includes cmocka needs,
 * temporary store directories written from string literals, a recursive
 * cleanup, directory snapshots (to prove that nothing was written), and
 * helpers to look at the diagnostics a struct diag collected.
 *
 * Include this header first in every tests/unit/test_*.c: it sets the
 * feature macros the POSIX calls below need. */
#ifndef SITAT_UNIT_H
#define SITAT_UNIT_H

#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L
#endif

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <dirent.h>
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/diag.h"
#include "core/infile.h"
#include "core/outfile.h"
#include "core/util.h"

/* One file of a test store: path relative to the store root, content. */
struct unit_file {
	const char *path;
	const char *content; /* NULL in an override list: leave the file out */
};

/* Write n bytes to dir/rel, creating the directories on the way. */
static inline void unit_write_bytes(const char *dir, const char *rel,
                                    const char *data, size_t n)
{
	char *path = path_join(dir, rel);
	for (char *p = path + strlen(dir) + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(path, 0755) < 0 && errno != EEXIST)
			fail_msg("mkdir %s: %s", path, strerror(errno));
		*p = '/';
	}
	FILE *f = fopen(path, "wb");
	if (!f)
		fail_msg("cannot create %s: %s", path, strerror(errno));
	assert_int_equal(fwrite(data, 1, n, f), n);
	assert_int_equal(fclose(f), 0);
	free(path);
}

/* Write content (a string) to dir/rel. */
static inline void unit_write(const char *dir, const char *rel,
                              const char *content)
{
	unit_write_bytes(dir, rel, content, strlen(content));
}

/* A new empty temporary directory (caller frees the name and removes the
 * directory with unit_rmtree). */
static inline char *unit_tmpdir(void)
{
	const char *base = getenv("TMPDIR");
	char *tmpl = xasprintf("%s/sitat-unit-XXXXXX",
	                       base && *base ? base : "/tmp");
	if (!mkdtemp(tmpl))
		fail_msg("mkdtemp %s: %s", tmpl, strerror(errno));
	return tmpl;
}

static inline bool unit_listed(const struct unit_file *list, const char *path)
{
	for (; list && list->path; list++)
		if (strcmp(list->path, path) == 0)
			return true;
	return false;
}

/* A temporary store: every file of base, except those that over names
 * (which are written with over's content, or left out when that content
 * is NULL), plus the other files of over.  Both lists end with {NULL}.
 * The directories sources/ and codings/ always exist. */
static inline char *unit_store(const struct unit_file *base,
                               const struct unit_file *over)
{
	char *dir = unit_tmpdir();
	char *s = path_join(dir, "sources"), *c = path_join(dir, "codings");
	assert_int_equal(mkdir(s, 0755), 0);
	assert_int_equal(mkdir(c, 0755), 0);
	free(s), free(c);
	for (const struct unit_file *f = base; f && f->path; f++)
		if (!unit_listed(over, f->path))
			unit_write(dir, f->path, f->content);
	for (const struct unit_file *f = over; f && f->path; f++)
		if (f->content)
			unit_write(dir, f->path, f->content);
	return dir;
}

/* rm -r path (no symlinks are followed). */
static inline void unit_rmtree(const char *path)
{
	struct stat st;
	if (lstat(path, &st) < 0)
		return;
	if (S_ISDIR(st.st_mode)) {
		DIR *dp = opendir(path);
		if (dp) {
			struct dirent *e;
			while ((e = readdir(dp))) {
				if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
					continue;
				char *p = path_join(path, e->d_name);
				unit_rmtree(p);
				free(p);
			}
			closedir(dp);
		}
		rmdir(path);
	} else {
		unlink(path);
	}
}

static inline int unit_cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static inline void unit_snap_rec(struct buf *b, const char *root,
                                 const char *rel)
{
	char *path = *rel ? path_join(root, rel) : xstrdup(root);
	struct stat st;
	assert_int_equal(lstat(path, &st), 0);
	buf_printf(b, "%s mode=%o size=%lld mtime=%lld.%09ld\n", *rel ? rel : ".",
	           (unsigned)st.st_mode, (long long)st.st_size,
	           (long long)st.st_mtim.tv_sec, (long)st.st_mtim.tv_nsec);
	if (S_ISREG(st.st_mode)) {
		char *data;
		size_t len;
		assert_int_equal(read_file(path, &data, &len), 0);
		buf_add(b, data, len);
		buf_puts(b, "\n--\n");
		free(data);
	} else if (S_ISDIR(st.st_mode)) {
		DIR *dp = opendir(path);
		assert_non_null(dp);
		char **names = NULL;
		size_t n = 0, cap = 0;
		struct dirent *e;
		while ((e = readdir(dp))) {
			if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
				continue;
			if (n == cap) {
				cap = cap ? 2 * cap : 16;
				names = xrealloc(names, cap * sizeof *names);
			}
			names[n++] = xstrdup(e->d_name);
		}
		closedir(dp);
		if (n)
			qsort(names, n, sizeof *names, unit_cmp_str);
		for (size_t i = 0; i < n; i++) {
			char *r = *rel ? xasprintf("%s/%s", rel, names[i])
			               : xstrdup(names[i]);
			unit_snap_rec(b, root, r);
			free(r);
			free(names[i]);
		}
		free(names);
	}
	free(path);
}

/* Everything about a directory tree that a write would change: names,
 * modes, sizes, mtimes and contents (caller frees). */
static inline char *unit_snapshot(const char *root)
{
	struct buf b;
	buf_init(&b);
	unit_snap_rec(&b, root, "");
	return buf_detach(&b, NULL);
}

/* The names in a directory, sorted and joined by '\n' (caller frees). */
static inline char *unit_ls(const char *dir)
{
	DIR *dp = opendir(dir);
	assert_non_null(dp);
	char **names = NULL;
	size_t n = 0, cap = 0;
	struct dirent *e;
	while ((e = readdir(dp))) {
		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		if (n == cap) {
			cap = cap ? 2 * cap : 16;
			names = xrealloc(names, cap * sizeof *names);
		}
		names[n++] = xstrdup(e->d_name);
	}
	closedir(dp);
	if (n)
		qsort(names, n, sizeof *names, unit_cmp_str);
	struct buf b;
	buf_init(&b);
	for (size_t i = 0; i < n; i++) {
		buf_puts(&b, names[i]);
		buf_putc(&b, '\n');
		free(names[i]);
	}
	free(names);
	return buf_detach(&b, NULL);
}

/* ---- diagnostics ------------------------------------------------------ */

/* How many records of d have this id. */
static inline size_t unit_diag_count(const struct diag *d, enum diag_id id)
{
	size_t n = 0;
	for (size_t i = 0; i < d->n; i++)
		n += d->recs[i].id == id;
	return n;
}

/* The k-th record (from 0) with this id; fails the test when absent. */
static inline const struct diag_rec *unit_diag_nth(const struct diag *d,
                                                   enum diag_id id, size_t k)
{
	size_t seen = 0;
	for (size_t i = 0; i < d->n; i++)
		if (d->recs[i].id == id && seen++ == k)
			return &d->recs[i];
	fail_msg("no diagnostic '%s' (#%zu)", diag_table[id].name, k);
	return NULL;
}

/* The rule names of all records, space separated (caller frees): handy to
 * compare the whole sequence at once, and readable when it fails. */
static inline char *unit_diag_names(const struct diag *d)
{
	struct buf b;
	buf_init(&b);
	for (size_t i = 0; i < d->n; i++) {
		if (i)
			buf_putc(&b, ' ');
		buf_puts(&b, diag_table[d->recs[i].id].name);
	}
	return buf_detach(&b, NULL);
}

/* Assert that the records of d have exactly these rule names in order,
 * e.g. "anchor-mismatch anchor-found" ("" for none). */
#define unit_assert_diags(d, expected)                  \
	do {                                                \
		char *unit_names_ = unit_diag_names(d);         \
		assert_string_equal(unit_names_, (expected));   \
		free(unit_names_);                              \
	} while (0)

/* true when s ends with suffix. */
static inline bool unit_ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);
	return n >= m && strcmp(s + n - m, suffix) == 0;
}

#endif
