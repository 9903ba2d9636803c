/* lock.c - the lock on an output directory (flock on dir/.sitat-lock). */
#define _DEFAULT_SOURCE
#include "core/lock.h"
#include "core/util.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <unistd.h>

/* The process id written in the lock file, or 0. */
static long lock_holder(int fd)
{
	char b[32];
	ssize_t n = pread(fd, b, sizeof b - 1, 0);
	if (n <= 0)
		return 0;
	b[n] = 0;
	return strtol(b, NULL, 10);
}

int dir_lock(struct dir_lock *l, const char *dir, bool wait, long *holder,
             struct diag *d)
{
	char *path = path_join(dir, LOCK_FILE);
	int r = -1;
	*holder = 0;
	l->fd = open(path, O_RDWR | O_CREAT | O_NOFOLLOW, 0644);
	if (l->fd < 0) {
		diag_at(d, D_SYSTEM, path, 0, 0, "cannot open the lock file", strerror(errno));
		goto out;
	}
	if (flock(l->fd, LOCK_EX | LOCK_NB) < 0) {
		if (errno != EWOULDBLOCK) {
			diag_at(d, D_SYSTEM, path, 0, 0, "cannot lock", strerror(errno));
			goto fail;
		}
		*holder = lock_holder(l->fd);
		if (!wait) {
			r = LOCK_BUSY;
			goto fail;
		}
		diag_at(d, D_BUILD_WAITING, path, 0, 0, *holder);
		while (flock(l->fd, LOCK_EX) < 0)
			if (errno != EINTR) {
				diag_at(d, D_SYSTEM, path, 0, 0, "cannot lock", strerror(errno));
				goto fail;
			}
	}
	char pid[32];
	int n = snprintf(pid, sizeof pid, "%ld\n", (long)getpid());
	if (ftruncate(l->fd, 0) < 0 || pwrite(l->fd, pid, (size_t)n, 0) != n) {
		diag_at(d, D_SYSTEM, path, 0, 0, "cannot write the lock file", strerror(errno));
		goto fail;
	}
	r = 0;
	goto out;
fail:
	close(l->fd);
	l->fd = -1;
out:
	free(path);
	return r;
}

void dir_unlock(struct dir_lock *l)
{
	if (l->fd >= 0)
		close(l->fd);
	l->fd = -1;
}
