/* unit.h - what every sitat unit test shares: the includes cmocka needs,
 * temporary store directories (a copy of a fixture directory under
 * tests/unit/fixtures/, changed by a list of edits), a recursive cleanup,
 * directory snapshots (to prove that nothing was written), and helpers to
 * look at the diagnostics a struct diag collected.  The tests run from the
 * repository root (the Makefile does that).
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

/* One file of a test store, or one change to it: path relative to the
 * store root; content.  In an override list, content NULL leaves the file
 * out; with replace set, content replaces that text of the file (which
 * must occur in it exactly once), so a test says only what it changes. */
struct unit_file {
	const char *path;
	const char *content;
	const char *replace;
};

/* Lists of whole files are written {path, content}: replace stays NULL. */
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"

/* In an override list: in path, replace old by new. */
#define UNIT_EDIT(path, old, new) {(path), (new), (old)}

#define UNIT_FIXTURES "tests/unit/fixtures"

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

/* Copy the tree from (files and directories) into to, which exists. */
static inline void unit_copy_tree(const char *from, const char *to)
{
	DIR *dp = opendir(from);
	if (!dp)
		fail_msg("cannot open %s: %s (run from the repository root)", from,
		         strerror(errno));
	struct dirent *e;
	while ((e = readdir(dp))) {
		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		char *src = path_join(from, e->d_name), *dst = path_join(to, e->d_name);
		struct stat st;
		assert_int_equal(lstat(src, &st), 0);
		if (S_ISDIR(st.st_mode)) {
			if (mkdir(dst, 0755) < 0 && errno != EEXIST)
				fail_msg("mkdir %s: %s", dst, strerror(errno));
			unit_copy_tree(src, dst);
		} else {
			char *data;
			size_t len;
			assert_int_equal(read_file(src, &data, &len), 0);
			unit_write_bytes(to, e->d_name, data, len);
			free(data);
		}
		free(src), free(dst);
	}
	closedir(dp);
}

/* Apply one edit: in dir/f->path, replace f->replace by f->content. */
static inline void unit_apply_edit(const char *dir, const struct unit_file *f)
{
	char *path = path_join(dir, f->path), *data;
	size_t len;
	if (read_file(path, &data, &len) < 0)
		fail_msg("edit of %s: the file is not there", f->path);
	const char *at = strstr(data, f->replace);
	if (!at || !*f->replace || strstr(at + 1, f->replace))
		fail_msg("edit of %s: '%s' must occur exactly once", f->path, f->replace);
	size_t pre = (size_t)(at - data), old = strlen(f->replace);
	struct buf b;
	buf_init(&b);
	buf_add(&b, data, pre);
	buf_puts(&b, f->content);
	buf_add(&b, at + old, len - pre - old);
	unit_write_bytes(dir, f->path, b.data, b.len);
	buf_free(&b);
	free(data);
	free(path);
}

/* A temporary store: a copy of tests/unit/fixtures/NAME/, then the
 * entries of over in order (a whole file, a file left out, or an edit;
 * the list ends with {NULL}).  Caller frees the name and removes the
 * directory with unit_rmtree. */
static inline char *unit_fixture(const char *name, const struct unit_file *over)
{
	char *dir = unit_tmpdir();
	char *from = path_join(UNIT_FIXTURES, name);
	unit_copy_tree(from, dir);
	free(from);
	for (const struct unit_file *f = over; f && f->path; f++) {
		if (f->replace) {
			unit_apply_edit(dir, f);
		} else if (f->content) {
			unit_write(dir, f->path, f->content);
		} else {
			char *p = path_join(dir, f->path);
			unlink(p);
			free(p);
		}
	}
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
