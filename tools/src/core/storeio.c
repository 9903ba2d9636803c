/* storeio.c - reading the files of a store: from disk (regular files
 * only, opened without following links or blocking) or from memory. */
#define _POSIX_C_SOURCE 200809L
#include "core/storeio.h"
#include "core/util.h"

#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#ifndef O_NOFOLLOW
#error "O_NOFOLLOW is needed: the store must not be read through symbolic links"
#endif

static enum storeio_status kind_of(mode_t m)
{
	return S_ISREG(m) ? SIO_OK : S_ISDIR(m) ? SIO_DIR : S_ISLNK(m) ? SIO_LINK
	       : S_ISFIFO(m) ? SIO_FIFO : S_ISSOCK(m) ? SIO_SOCKET : SIO_DEVICE;
}

/* Every directory between the store's root and path's last component is
 * a real directory (O_NOFOLLOW only looks at the last one). */
static enum storeio_status parents_ok(const char *root, const char *rel)
{
	for (const char *p = strchr(rel, '/'); p; p = strchr(p + 1, '/')) {
		char *part = xstrndup(rel, (size_t)(p - rel));
		char *dir = path_join(root, part);
		struct stat st;
		int r = lstat(dir, &st);
		free(part), free(dir);
		if (r < 0)
			return errno == ENOENT ? SIO_MISSING : SIO_ERROR;
		if (!S_ISDIR(st.st_mode))
			return S_ISLNK(st.st_mode) ? SIO_LINK : SIO_MISSING;
	}
	return SIO_OK;
}

static enum storeio_status read_fd(int fd, size_t limit, char **out, size_t *len)
{
	struct stat st;
	if (fstat(fd, &st) < 0)
		return SIO_ERROR;
	enum storeio_status k = kind_of(st.st_mode);
	if (k != SIO_OK)
		return k;
	if (st.st_size < 0 || (unsigned long long)st.st_size > limit)
		return SIO_TOO_LARGE;
	/* room for the size fstat gave and a probe byte that finds the end
	 * (a file that grows while read is read up to limit + 1 bytes) */
	size_t cap = (size_t)st.st_size + 2, n = 0;
	char *p = xmalloc(cap);
	for (;;) {
		if (n + 1 == cap) {
			if (n > limit)
				break;
			cap = cap * 2 < limit + 2 ? cap * 2 : limit + 2;
			p = xrealloc(p, cap);
		}
		ssize_t r = read(fd, p + n, cap - 1 - n);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			int e = errno;
			free(p);
			errno = e;
			return SIO_ERROR;
		}
		if (r == 0)
			break;
		n += (size_t)r;
	}
	if (n > limit) {
		free(p);
		return SIO_TOO_LARGE;
	}
	p[n] = '\0';
	*out = p;
	*len = n;
	return SIO_OK;
}

static enum storeio_status disk_read(const char *root, const char *rel,
                                     size_t limit, char **out, size_t *len)
{
	enum storeio_status st = parents_ok(root, rel);
	if (st != SIO_OK)
		return st;
	char *path = path_join(root, rel);
	int fd = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
	free(path);
	if (fd < 0)
		return errno == ENOENT ? SIO_MISSING
		       : errno == ELOOP || errno == EMLINK ? SIO_LINK : SIO_ERROR;
	st = read_fd(fd, limit, out, len);
	int e = errno;
	close(fd);
	errno = e;
	return st;
}

static bool in_dir(const char *name, const char *dir, size_t n)
{
	return !strncmp(name, dir, n) && name[n] == '/';
}

static enum storeio_status mem_read(const struct storeio_file *files, size_t nfiles,
                                    const char *rel, size_t limit, char **out,
                                    size_t *len)
{
	size_t n = strlen(rel);
	for (size_t i = 0; i < nfiles; i++) {
		const struct storeio_file *f = &files[i];
		if (in_dir(f->name, rel, n))
			return SIO_DIR;
		if (strcmp(f->name, rel))
			continue;
		if (f->len > limit)
			return SIO_TOO_LARGE;
		*out = xstrndup(f->data, f->len);
		*len = f->len;
		return SIO_OK;
	}
	return SIO_MISSING;
}

enum storeio_status storeio_read(const struct storeio *io, const char *rel,
                                 size_t limit, char **out, size_t *len)
{
	*out = NULL;
	*len = 0;
	if (io->files)
		return mem_read(io->files, io->nfiles, rel, limit, out, len);
	for (size_t i = 0; i < io->noverlay; i++)
		if (!strcmp(io->overlay[i].name, rel))
			return mem_read(io->overlay, io->noverlay, rel, limit, out, len);
	return disk_read(io->root, rel, limit, out, len);
}

const char *storeio_what(enum storeio_status st, int err)
{
	switch (st) {
	case SIO_OK: return "a file";
	case SIO_MISSING: return strerror(ENOENT);
	case SIO_LINK: return "a symbolic link";
	case SIO_DIR: return "a directory";
	case SIO_FIFO: return "a FIFO (named pipe)";
	case SIO_SOCKET: return "a socket";
	case SIO_DEVICE: return "a device";
	case SIO_TOO_LARGE: return "too large";
	case SIO_ERROR: break;
	}
	return strerror(err);
}

static int mem_list(const struct storeio *io, const char *rel,
                    struct walk_list *out)
{
	size_t n = strlen(rel);
	bool any = false;
	for (size_t i = 0; i < io->nfiles; i++) {
		const char *name = io->files[i].name;
		if (!in_dir(name, rel, n))
			continue;
		any = true;
		const char *base = name + n + 1, *slash = strchr(base, '/');
		char *e = slash ? xstrndup(base, (size_t)(slash - base)) : xstrdup(base);
		bool dup = false;
		for (size_t k = 0; k < out->n && !dup; k++)
			dup = !strcmp(out->v[k].name, e);
		if (dup || e[0] == '.') {
			free(e);
			continue;
		}
		char *r = slash ? xstrndup(name, (size_t)(slash - name)) : xstrdup(name);
		ARRAY_PUSH(out->v, out->n, out->cap, ((struct walk_entry){
			e, path_join(io->root, r), slash ? WALK_DIR : WALK_FILE}));
		free(r);
	}
	if (!any) {
		errno = ENOENT;
		return -1;
	}
	walk_sort(out);
	return 0;
}

int storeio_list(const struct storeio *io, const char *rel,
                 struct walk_list *out)
{
	memset(out, 0, sizeof *out);
	if (io->files)
		return mem_list(io, rel, out);
	char *dir = path_join(io->root, rel);
	struct stat st;
	int r = lstat(dir, &st);
	if (r == 0 && !S_ISDIR(st.st_mode)) {
		errno = S_ISLNK(st.st_mode) ? ELOOP : ENOTDIR;
		r = -1;
	}
	if (r == 0)
		r = walk_dir(dir, 0, NULL, out);
	free(dir);
	/* the overlay's files of rel that the directory does not have */
	size_t n = strlen(rel), added = 0;
	for (size_t i = 0; i < io->noverlay && (r == 0 || errno == ENOENT); i++) {
		const char *name = io->overlay[i].name;
		if (!in_dir(name, rel, n) || strchr(name + n + 1, '/'))
			continue;
		bool dup = false;
		for (size_t k = 0; k < out->n && !dup; k++)
			dup = !strcmp(out->v[k].name, name + n + 1);
		if (!dup)
			ARRAY_PUSH(out->v, out->n, out->cap, ((struct walk_entry){
				xstrdup(name + n + 1), path_join(io->root, name), WALK_FILE}));
		added++;
	}
	if (added) {
		r = 0;
		walk_sort(out);
	}
	return r;
}
