/* outfile.c - writing generated files (outfile.h): where an output may
 * go, the temporary file and its leftovers, the atomic replace. */
#define _DEFAULT_SOURCE /* realpath */
#include "core/outfile.h"
#include "core/util.h"
#include "core/walk.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define TMP_MARK ".sitat-tmp."

/* Directory part of path ("." when there is none); caller frees. */
static char *dir_of(const char *path)
{
	const char *slash = strrchr(path, '/');
	if (!slash)
		return xstrdup(".");
	if (slash == path)
		return xstrdup("/");
	return xstrndup(path, (size_t)(slash - path));
}

static const char *base_of(const char *path)
{
	const char *slash = strrchr(path, '/');
	return slash ? slash + 1 : path;
}

static const char *kind_of(mode_t m)
{
	return S_ISLNK(m) ? "a symbolic link" : S_ISDIR(m) ? "a directory"
	       : S_ISFIFO(m) ? "a FIFO" : S_ISCHR(m) ? "a character device"
	       : S_ISBLK(m) ? "a block device" : S_ISSOCK(m) ? "a socket"
	       : "a special file";
}

/* The canonical path of the nearest existing ancestor directory of path
 * (symbolic links resolved); caller frees.  NULL with errno on an error
 * other than a missing directory. */
static char *existing_ancestor(const char *path)
{
	char *dir = dir_of(path);
	for (;;) {
		char *real = realpath(dir, NULL);
		if (real || errno != ENOENT || !strcmp(dir, ".") || !strcmp(dir, "/")) {
			free(dir);
			return real;
		}
		char *up = dir_of(dir);
		free(dir);
		dir = up;
	}
}

static bool below(const char *p, const char *root)
{
	size_t n = strlen(root);
	if (n == 1 && root[0] == '/')
		return true;
	return strncmp(p, root, n) == 0 && (p[n] == '\0' || p[n] == '/');
}

int out_check(const char *path, const char *store, struct diag *d)
{
	if (!strcmp(path, "-"))
		return 0;
	struct stat st;
	if (lstat(path, &st) == 0 && !S_ISREG(st.st_mode)) {
		diag_at(d, D_OUT_NOT_FILE, path, 0, 0, kind_of(st.st_mode));
		return OUT_REFUSED;
	}
	char *root = store ? realpath(store, NULL) : NULL;
	if (!root)
		return 0;
	int r = 0;
	char *anc = existing_ancestor(path);
	if (!anc) {
		diag_at(d, D_OUT_WRITE, path, 0, 0, strerror(errno));
		r = OUT_EIO;
	} else if (below(anc, root)) {
		diag_at(d, D_OUT_IN_STORE, path, 0, 0, store);
		r = OUT_REFUSED;
	}
	free(anc);
	free(root);
	return r;
}

/* The process id in a temporary file name ".NAME.sitat-tmp.PID.XXXXXX",
 * or 0 when name is not one. */
static long tmp_pid(const char *name)
{
	const char *m = name[0] == '.' ? strstr(name, TMP_MARK) : NULL;
	if (!m)
		return 0;
	char *end;
	long pid = strtol(m + strlen(TMP_MARK), &end, 10);
	return pid > 0 && end[0] == '.' && strlen(end) == 7 ? pid : 0;
}

void out_clean_leftovers(const char *dir)
{
	struct walk_list l;
	if (walk_dir(dir, WALK_HIDDEN, NULL, &l) < 0)
		return;
	for (size_t i = 0; i < l.n; i++) {
		long pid = tmp_pid(l.v[i].name);
		if (l.v[i].type == WALK_FILE && pid && (pid_t)pid != getpid() &&
		    kill((pid_t)pid, 0) < 0 && errno == ESRCH)
			unlink(l.v[i].path);
	}
	walk_free(&l);
}

/* Is the regular file at path exactly data?  Never blocks, never follows
 * a symbolic link. */
static bool same_content(const char *path, const char *data, size_t len)
{
	int fd = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0)
		return false;
	struct stat st;
	bool same = fstat(fd, &st) == 0 && S_ISREG(st.st_mode) &&
	            (size_t)st.st_size == len;
	char tmp[65536];
	for (size_t off = 0; same && off < len;) {
		ssize_t r = read(fd, tmp, sizeof tmp < len - off ? sizeof tmp : len - off);
		if (r < 0 && errno == EINTR)
			continue;
		same = r > 0 && memcmp(tmp, data + off, (size_t)r) == 0;
		off += r > 0 ? (size_t)r : 0;
	}
	close(fd);
	return same;
}

static int write_all(int fd, const char *data, size_t len)
{
	for (size_t off = 0; off < len;) {
		ssize_t w = write(fd, data + off, len - off);
		if (w < 0 && errno != EINTR)
			return -1;
		off += w > 0 ? (size_t)w : 0;
	}
	return 0;
}

static int write_stdout(const char *data, size_t len, struct diag *d)
{
	if (write_all(STDOUT_FILENO, data, len) < 0) {
		diag_at(d, D_OUT_WRITE, "-", 0, 0, strerror(errno));
		return OUT_EIO;
	}
	return 1;
}

int out_write(const char *path, const char *store, const char *data,
              size_t len, struct diag *d)
{
	int r = out_check(path, store, d);
	if (r < 0)
		return r;
	if (!strcmp(path, "-"))
		return write_stdout(data, len, d);
	char *dir = dir_of(path);
	out_clean_leftovers(dir);
	free(dir);
	if (same_content(path, data, len))
		return 0;
	char *tmp = xasprintf("%.*s.%s" TMP_MARK "%ld.XXXXXX",
	                      (int)(base_of(path) - path), path, base_of(path),
	                      (long)getpid());
	int fd = mkstemp(tmp);
	if (fd < 0 || write_all(fd, data, len) < 0 || fchmod(fd, 0644) < 0 ||
	    fsync(fd) < 0)
		goto fail;
	int c = close(fd);
	fd = -1;
	if (c < 0 || rename(tmp, path) < 0)
		goto fail;
	free(tmp);
	return 1;
fail:
	diag_at(d, D_OUT_WRITE, path, 0, 0, strerror(errno));
	if (fd >= 0) {
		close(fd);
		unlink(tmp);
	} else if (access(tmp, F_OK) == 0) {
		unlink(tmp);
	}
	free(tmp);
	return OUT_EIO;
}

char *out_stage(const char *path, const char *data, size_t len, bool sync,
                struct diag *d)
{
	struct stat st;
	if (lstat(path, &st) == 0 && !S_ISREG(st.st_mode)) {
		diag_at(d, D_OUT_WRITE, path, 0, 0, "not a regular file");
		return NULL;
	}
	char *tmp = xasprintf("%.*s.%s" TMP_MARK "%ld.XXXXXX",
	                      (int)(base_of(path) - path), path, base_of(path),
	                      (long)getpid());
	int fd = mkstemp(tmp);
	if (fd < 0 || write_all(fd, data, len) < 0 || fchmod(fd, 0644) < 0 ||
	    (sync && fsync(fd) < 0) || close(fd) < 0) {
		diag_at(d, D_OUT_WRITE, path, 0, 0, strerror(errno));
		if (fd >= 0)
			unlink(tmp);
		free(tmp);
		return NULL;
	}
	return tmp;
}

int write_if_changed(const char *path, const char *data, size_t len)
{
	struct diag d;
	diag_init(&d, stderr);
	int r = out_write(path, NULL, data, len, &d);
	diag_free(&d);
	return r < 0 ? -1 : r;
}
