/* outfile.c - writing generated files atomically, only when changed. */
#define _POSIX_C_SOURCE 200809L
#include "core/util.h"
#include "core/infile.h"
#include "core/outfile.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static bool same_content(const char *path, const char *data, size_t len)
{
	char *old;
	size_t oldlen;
	if (read_file(path, &old, &oldlen) < 0)
		return false;
	bool same = oldlen == len && memcmp(old, data, len) == 0;
	free(old);
	return same;
}

int write_if_changed(const char *path, const char *data, size_t len)
{
	if (same_content(path, data, len))
		return 0;
	char *tmp = xasprintf("%s.tmp.XXXXXX", path);
	int fd = mkstemp(tmp);
	if (fd < 0) {
		fprintf(stderr, "sitat: %s: cannot create temporary file: %s\n",
		        path, strerror(errno));
		free(tmp);
		return -1;
	}
	size_t off = 0;
	while (off < len) {
		ssize_t w = write(fd, data + off, len - off);
		if (w < 0) {
			if (errno == EINTR)
				continue;
			goto fail;
		}
		off += (size_t)w;
	}
	if (fchmod(fd, 0644) < 0 || fsync(fd) < 0)
		goto fail;
	if (close(fd) < 0) {
		fd = -1;
		goto fail;
	}
	fd = -1;
	if (rename(tmp, path) < 0)
		goto fail;
	free(tmp);
	return 1;
fail:
	fprintf(stderr, "sitat: %s: cannot write: %s\n", path, strerror(errno));
	if (fd >= 0)
		close(fd);
	unlink(tmp);
	free(tmp);
	return -1;
}
