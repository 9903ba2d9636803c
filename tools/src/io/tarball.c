/* tarball.c - the bundle's archive (tarball.h).
 *
 * libarchive is loaded when an archive is written or read (dlopen), as
 * io/pdftext.c loads poppler-glib: linked, it would cost every run of
 * sitat about 4 ms.  The prototypes come from libarchive's headers, so
 * each pointer has the type of the function it holds. */
#define _POSIX_C_SOURCE 200809L
#define _GNU_SOURCE /* uselocale */
#include "io/tarball.h"
#include "core/hmap.h"
#include "io/dynload.h"

#include <archive.h>
#include <archive_entry.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#define MiB ((size_t)1 << 20)
const struct tar_limits tar_bundle_limits = {100000, 512 * MiB, 2048 * MiB};

static struct {
	bool tried, ok;
	char err[240];
	__typeof__(archive_error_string) *error_string;
	__typeof__(archive_write_new) *write_new;
	__typeof__(archive_write_set_format_pax_restricted) *write_set_format_pax_restricted;
	__typeof__(archive_write_add_filter_gzip) *write_add_filter_gzip;
	__typeof__(archive_write_set_filter_option) *write_set_filter_option;
	__typeof__(archive_write_set_bytes_in_last_block) *write_set_bytes_in_last_block;
	__typeof__(archive_write_open2) *write_open2;
	__typeof__(archive_write_header) *write_header;
	__typeof__(archive_write_data) *write_data;
	__typeof__(archive_write_close) *write_close;
	__typeof__(archive_write_free) *write_free;
	__typeof__(archive_read_new) *read_new;
	__typeof__(archive_read_support_filter_gzip) *read_support_filter_gzip;
	__typeof__(archive_read_support_format_tar) *read_support_format_tar;
	__typeof__(archive_read_open_memory) *read_open_memory;
	__typeof__(archive_read_next_header) *read_next_header;
	__typeof__(archive_read_data) *read_data;
	__typeof__(archive_read_free) *read_free;
	__typeof__(archive_entry_new) *entry_new;
	__typeof__(archive_entry_free) *entry_free;
	__typeof__(archive_entry_clear) *entry_clear;
	__typeof__(archive_entry_set_pathname_utf8) *entry_set_pathname_utf8;
	__typeof__(archive_entry_set_size) *entry_set_size;
	__typeof__(archive_entry_set_filetype) *entry_set_filetype;
	__typeof__(archive_entry_set_perm) *entry_set_perm;
	__typeof__(archive_entry_set_mtime) *entry_set_mtime;
	__typeof__(archive_entry_set_uid) *entry_set_uid;
	__typeof__(archive_entry_set_gid) *entry_set_gid;
	__typeof__(archive_entry_pathname) *entry_pathname;
	__typeof__(archive_entry_pathname_utf8) *entry_pathname_utf8;
	__typeof__(archive_entry_filetype) *entry_filetype;
	__typeof__(archive_entry_hardlink) *entry_hardlink;
	__typeof__(archive_entry_size) *entry_size;
	__typeof__(archive_entry_size_is_set) *entry_size_is_set;
	__typeof__(archive_entry_sparse_count) *entry_sparse_count;
	__typeof__(archive_entry_perm) *entry_perm;
} A;

/* Debian 12's soname first, then the development link. */
static const char *const libnames[] = {"libarchive.so.13", "libarchive.so", NULL};

static bool load_archive(void)
{
	if (A.tried)
		return A.ok;
	A.tried = true;
	const struct dl_fn fn[] = {
#define F(m, name) {(void **)&A.m, "archive_" name}
		F(error_string, "error_string"),
		F(write_new, "write_new"),
		F(write_set_format_pax_restricted, "write_set_format_pax_restricted"),
		F(write_add_filter_gzip, "write_add_filter_gzip"),
		F(write_set_filter_option, "write_set_filter_option"),
		F(write_set_bytes_in_last_block, "write_set_bytes_in_last_block"),
		F(write_open2, "write_open2"),
		F(write_header, "write_header"),
		F(write_data, "write_data"),
		F(write_close, "write_close"),
		F(write_free, "write_free"),
		F(read_new, "read_new"),
		F(read_support_filter_gzip, "read_support_filter_gzip"),
		F(read_support_format_tar, "read_support_format_tar"),
		F(read_open_memory, "read_open_memory"),
		F(read_next_header, "read_next_header"),
		F(read_data, "read_data"),
		F(read_free, "read_free"),
		F(entry_new, "entry_new"),
		F(entry_free, "entry_free"),
		F(entry_clear, "entry_clear"),
		F(entry_set_pathname_utf8, "entry_set_pathname_utf8"),
		F(entry_set_size, "entry_set_size"),
		F(entry_set_filetype, "entry_set_filetype"),
		F(entry_set_perm, "entry_set_perm"),
		F(entry_set_mtime, "entry_set_mtime"),
		F(entry_set_uid, "entry_set_uid"),
		F(entry_set_gid, "entry_set_gid"),
		F(entry_pathname, "entry_pathname"),
		F(entry_pathname_utf8, "entry_pathname_utf8"),
		F(entry_filetype, "entry_filetype"),
		F(entry_hardlink, "entry_hardlink"),
		F(entry_size, "entry_size"),
		F(entry_size_is_set, "entry_size_is_set"),
		F(entry_sparse_count, "entry_sparse_count"),
		F(entry_perm, "entry_perm"),
#undef F
	};
	return A.ok = dl_load(libnames, fn, sizeof fn / sizeof fn[0],
	             "a bundle is read and written with libarchive (Debian: apt-get install libarchive13)",
	             "libarchive (3.6 or later needed)", A.err, sizeof A.err);
}

static const char *aerr(struct archive *a)
{
	const char *s = a ? A.error_string(a) : NULL;
	return s ? s : "libarchive failed";
}

/* libarchive converts names between UTF-8 and the locale's character
 * set, and in the C locale (sitat's) a name that is not ASCII cannot be
 * converted (writing one crashes libarchive 3.6).  So while it works, this
 * thread's locale is C.UTF-8 for the character type only; the previous
 * locale is returned for utf8_end. */
static locale_t utf8_begin(locale_t *made)
{
	*made = newlocale(LC_CTYPE_MASK, "C.UTF-8", (locale_t)0);
	return *made ? uselocale(*made) : (locale_t)0;
}

static void utf8_end(locale_t old, locale_t made)
{
	if (made) {
		uselocale(old);
		freelocale(made);
	}
}

/* ---- the list ---------------------------------------------------------- */

void tar_add_own(struct tar_list *l, const char *name, char *data, size_t len, bool exec)
{
	ARRAY_GROW(l->v, l->n, l->cap);
	l->v[l->n++] = (struct tar_entry){xstrdup(name), data, len, exec};
}

void tar_add(struct tar_list *l, const char *name, const char *data, size_t len, bool exec)
{
	char *c = xmalloc(len + 1);
	if (len)
		memcpy(c, data, len);
	c[len] = 0;
	tar_add_own(l, name, c, len, exec);
}

const struct tar_entry *tar_find(const struct tar_list *l, const char *name)
{
	for (size_t i = 0; i < l->n; i++)
		if (!strcmp(l->v[i].name, name))
			return &l->v[i];
	return NULL;
}

static int entry_cmp(const void *a, const void *b)
{
	return strcmp(((const struct tar_entry *)a)->name, ((const struct tar_entry *)b)->name);
}

void tar_sort(struct tar_list *l)
{
	if (l->n > 1)
		qsort(l->v, l->n, sizeof *l->v, entry_cmp);
}

void tar_list_free(struct tar_list *l)
{
	for (size_t i = 0; i < l->n; i++) {
		free(l->v[i].name);
		free(l->v[i].data);
	}
	free(l->v);
	memset(l, 0, sizeof *l);
}

/* ---- writing ----------------------------------------------------------- */

static la_ssize_t write_cb(struct archive *a, void *arg, const void *p, size_t n)
{
	(void)a;
	buf_add(arg, p, n);
	return (la_ssize_t)n;
}

int tar_write(struct tar_list *l, long long mtime, struct buf *out, const char *file,
              struct diag *d)
{
	if (!load_archive()) {
		diag_at(d, D_TAR_LIB, file, 0, 0, A.err);
		return -1;
	}
	tar_sort(l);
	int rc = -1;
	locale_t made, old = utf8_begin(&made);
	struct archive *a = A.write_new();
	struct archive_entry *e = A.entry_new();
	if (!a || !e)
		goto out;
	/* gzip's header: no time stamp (the default is the time of writing),
	 * no name (libarchive writes none) */
	if (A.write_set_format_pax_restricted(a) != ARCHIVE_OK ||
	    A.write_add_filter_gzip(a) != ARCHIVE_OK ||
	    A.write_set_filter_option(a, "gzip", "timestamp", NULL) != ARCHIVE_OK ||
	    A.write_set_filter_option(a, "gzip", "compression-level", "9") != ARCHIVE_OK ||
	    A.write_set_bytes_in_last_block(a, 1) != ARCHIVE_OK ||
	    A.write_open2(a, out, NULL, write_cb, NULL, NULL) != ARCHIVE_OK)
		goto out;
	for (size_t i = 0; i < l->n; i++) {
		const struct tar_entry *t = &l->v[i];
		A.entry_clear(e);
		A.entry_set_pathname_utf8(e, t->name);
		A.entry_set_filetype(e, AE_IFREG);
		A.entry_set_perm(e, t->exec ? 0755 : 0644);
		A.entry_set_size(e, (la_int64_t)t->len);
		A.entry_set_mtime(e, (time_t)mtime, 0);
		A.entry_set_uid(e, 0);
		A.entry_set_gid(e, 0);
		if (A.write_header(a, e) != ARCHIVE_OK)
			goto out;
		size_t off = 0;
		while (off < t->len) {
			la_ssize_t w = A.write_data(a, t->data + off, t->len - off);
			if (w <= 0)
				goto out;
			off += (size_t)w;
		}
	}
	if (A.write_close(a) != ARCHIVE_OK)
		goto out;
	rc = 0;
out:
	if (rc < 0)
		diag_at(d, D_TAR_WRITE, file, 0, 0, aerr(a));
	if (e)
		A.entry_free(e);
	if (a)
		A.write_free(a);
	utf8_end(old, made);
	return rc;
}

/* ---- reading ----------------------------------------------------------- */

/* Why name is not a safe relative name, or NULL. */
static const char *unsafe_name(const char *name)
{
	if (!*name)
		return "empty";
	if (*name == '/')
		return "an absolute path";
	for (const unsigned char *p = (const unsigned char *)name; *p; p++)
		if (*p < 0x20 || *p == 0x7F)
			return "a control character";
		else if (*p == '\\')
			return "a backslash";
	const utf8proc_uint8_t *s = (const utf8proc_uint8_t *)name;
	utf8proc_ssize_t n = (utf8proc_ssize_t)strlen(name);
	while (n > 0) {
		utf8proc_int32_t cp;
		utf8proc_ssize_t k = utf8proc_iterate(s, n, &cp);
		if (k <= 0)
			return "not UTF-8";
		s += k;
		n -= k;
	}
	for (const char *c = name;;) {
		size_t k = strcspn(c, "/");
		if (k == 0)
			return "an empty component (//)";
		if ((k == 1 && c[0] == '.') || (k == 2 && c[0] == '.' && c[1] == '.'))
			return k == 1 ? "a '.' component" : "a '..' component";
		if (!c[k])
			break;
		c += k + 1;
		if (!*c)
			return "ends in '/'";
	}
	return NULL;
}

/* What kind of entry (not a regular file or directory) e is. */
static const char *entry_kind(struct archive_entry *e)
{
	if (A.entry_hardlink(e))
		return "a hard link";
	switch (A.entry_filetype(e)) {
	case AE_IFLNK: return "a symbolic link";
	case AE_IFCHR: return "a character device";
	case AE_IFBLK: return "a block device";
	case AE_IFIFO: return "a FIFO";
	case AE_IFSOCK: return "a socket";
	case AE_IFREG: return A.entry_sparse_count(e) > 0 ? "a sparse file" : NULL;
	case AE_IFDIR: return NULL;
	default: return "an entry of unknown type";
	}
}

/* The names seen so far: files (to l's entries), and every directory,
 * given or implied by a file's name (owned here). */
struct seen {
	struct hmap files, dirs;
	char **owned;
	size_t nowned, capowned;
};

static void seen_dir(struct seen *s, const char *name)
{
	if (hmap_get(&s->dirs, name, NULL))
		return;
	char *c = xstrdup(name);
	ARRAY_PUSH(s->owned, s->nowned, s->capowned, c);
	hmap_put(&s->dirs, c, 0, NULL);
}

/* Why name clashes with a name seen before, or NULL: the same file
 * twice, a file where a directory is (or the reverse). */
static const char *clash(struct seen *s, const char *name, bool dir)
{
	if (hmap_get(&s->files, name, NULL))
		return dir ? "a directory of the name of a file" : NULL;
	if (!dir && hmap_get(&s->dirs, name, NULL))
		return "a file of the name of a directory";
	char *c = xstrdup(name);
	const char *why = NULL;
	for (char *p = strrchr(c, '/'); p && !why; p = strrchr(c, '/')) {
		*p = 0;
		if (hmap_get(&s->files, c, NULL))
			why = "a name inside a file's name";
	}
	free(c);
	return why;
}

/* Read the content of the current entry into *out (limits checked).
 * Returns 0, or -1 after a message. */
static int read_content(struct archive *a, const char *file, const char *name,
                        const struct tar_limits *lim, size_t total, struct buf *out,
                        struct diag *d)
{
	char chunk[65536];
	la_ssize_t got;
	while ((got = A.read_data(a, chunk, sizeof chunk)) > 0) {
		bool one = out->len + (size_t)got > lim->entry_bytes;
		if (one || total + out->len + (size_t)got > lim->total_bytes) {
			diag_in(d, D_TAR_LIMIT, file, name,
			        one ? "the file is too large" : "the files are too large together",
			        (one ? lim->entry_bytes : lim->total_bytes) / MiB, " MiB");
			return -1;
		}
		buf_add(out, chunk, (size_t)got);
	}
	if (got < 0) {
		diag_in(d, D_TAR_READ, file, name, aerr(a));
		return -1;
	}
	return 0;
}

/* Check the header of entry e, named name (directories without their
 * final '/').  Returns 0, or -1 after a message. */
static int check_entry(struct archive_entry *e, const char *file, const char *name, bool dir,
                       struct seen *s, const struct tar_list *l,
                       const struct tar_limits *lim, struct diag *d)
{
	const char *why = unsafe_name(name), *kind = why ? NULL : entry_kind(e);
	const char *other = why || kind ? NULL : clash(s, name, dir);
	if (why)
		diag_in(d, D_TAR_NAME, file, name, why);
	else if (kind)
		diag_in(d, D_TAR_KIND, file, name, kind);
	else if (!dir && hmap_get(&s->files, name, NULL))
		diag_in(d, D_TAR_DUP, file, name);
	else if (other)
		diag_in(d, D_TAR_KIND, file, name, other);
	else if (!dir && l->n >= lim->entries)
		diag_in(d, D_TAR_LIMIT, file, name, "too many files", lim->entries, " files");
	else if (!dir && A.entry_size_is_set(e) &&
	         (A.entry_size(e) < 0 || (unsigned long long)A.entry_size(e) > lim->entry_bytes))
		diag_in(d, D_TAR_LIMIT, file, name, "the file is too large",
		        lim->entry_bytes / MiB, " MiB");
	else
		return 0;
	return -1;
}

int tar_read(struct tar_list *l, const char *data, size_t len, const char *file,
             const struct tar_limits *lim, struct diag *d)
{
	memset(l, 0, sizeof *l);
	if (!load_archive()) {
		diag_at(d, D_TAR_LIB, file, 0, 0, A.err);
		return -1;
	}
	locale_t made, old = utf8_begin(&made);
	struct archive *a = A.read_new();
	if (!a) {
		diag_at(d, D_TAR_READ, file, 0, 0, "libarchive failed");
		utf8_end(old, made);
		return -1;
	}
	struct seen s = {0};
	size_t total = 0;
	int rc = -1;
	char *name = NULL;
	hmap_init(&s.files);
	hmap_init(&s.dirs);
	A.read_support_filter_gzip(a);
	A.read_support_format_tar(a);
	if (A.read_open_memory(a, data, len) != ARCHIVE_OK) {
		diag_at(d, D_TAR_READ, file, 0, 0, aerr(a));
		goto out;
	}
	for (;;) {
		struct archive_entry *e;
		int r = A.read_next_header(a, &e);
		if (r == ARCHIVE_EOF)
			break;
		if (r != ARCHIVE_OK && r != ARCHIVE_WARN) {
			diag_at(d, D_TAR_READ, file, 0, 0, aerr(a));
			goto out;
		}
		const char *raw = A.entry_pathname_utf8(e);
		if (!raw)
			raw = A.entry_pathname(e);
		name = xstrdup(raw ? raw : "");
		bool dir = A.entry_filetype(e) == AE_IFDIR;
		for (size_t k = strlen(name); dir && k > 1 && name[k - 1] == '/';)
			name[--k] = 0;
		if (check_entry(e, file, name, dir, &s, l, lim, d) < 0)
			goto out;
		if (dir) {
			seen_dir(&s, name);
			free(name);
			name = NULL;
			continue;
		}
		struct buf b;
		buf_init(&b);
		if (read_content(a, file, name, lim, total, &b, d) < 0) {
			buf_free(&b);
			goto out;
		}
		total += b.len;
		size_t n;
		char *content = buf_detach(&b, &n);
		tar_add_own(l, name, content, n, (A.entry_perm(e) & 0111) != 0);
		hmap_put(&s.files, l->v[l->n - 1].name, l->n - 1, NULL);
		for (char *p = strrchr(name, '/'); p; p = strrchr(name, '/')) {
			*p = 0;
			seen_dir(&s, name);
		}
		free(name);
		name = NULL;
	}
	rc = 0;
out:
	free(name);
	for (size_t i = 0; i < s.nowned; i++)
		free(s.owned[i]);
	free(s.owned);
	hmap_free(&s.files);
	hmap_free(&s.dirs);
	A.read_free(a);
	utf8_end(old, made);
	if (rc < 0)
		tar_list_free(l);
	return rc;
}
