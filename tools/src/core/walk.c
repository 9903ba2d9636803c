/* walk.c - the directory walker (opendir/readdir + lstat, sorted). */
#define _POSIX_C_SOURCE 200809L
#include "core/walk.h"
#include "core/util.h"

#include <dirent.h>
#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static enum walk_type type_of(const char *path)
{
	struct stat st;
	if (lstat(path, &st) < 0)
		return WALK_OTHER;
	return S_ISREG(st.st_mode) ? WALK_FILE : S_ISDIR(st.st_mode) ? WALK_DIR
	       : S_ISLNK(st.st_mode) ? WALK_LINK : WALK_OTHER;
}

static int walk(const char *dir, const char *rel, unsigned flags,
                const char *suffix, struct walk_list *out)
{
	DIR *dp = opendir(dir);
	if (!dp)
		return -1;
	int r = 0;
	struct dirent *e;
	while (r == 0 && (e = readdir(dp))) {
		const char *nm = e->d_name;
		if (!strcmp(nm, ".") || !strcmp(nm, "..") ||
		    (nm[0] == '.' && !(flags & WALK_HIDDEN)))
			continue;
		char *path = path_join(dir, nm);
		char *name = rel ? path_join(rel, nm) : xstrdup(nm);
		enum walk_type t = type_of(path);
		if (t == WALK_DIR && (flags & WALK_RECURSE)) {
			r = walk(path, name, flags, suffix, out);
			free(path), free(name);
			continue;
		}
		if (suffix && !str_ends_with(nm, suffix)) {
			free(path), free(name);
			continue;
		}
		ARRAY_GROW(out->v, out->n, out->cap);
		out->v[out->n++] = (struct walk_entry){name, path, t};
	}
	int saved = errno;
	closedir(dp);
	errno = saved;
	return r;
}

int walk_dir(const char *dir, unsigned flags, const char *suffix,
             struct walk_list *out)
{
	memset(out, 0, sizeof *out);
	if (walk(dir, NULL, flags, suffix, out) < 0) {
		int saved = errno;
		walk_free(out);
		errno = saved;
		return -1;
	}
	walk_sort(out);
	return 0;
}

void walk_sort(struct walk_list *l)
{
	if (l->n)
		/* name is an entry's first member: cmp_strp compares names */
		qsort(l->v, l->n, sizeof *l->v, cmp_strp);
}

void walk_free(struct walk_list *l)
{
	for (size_t i = 0; i < l->n; i++)
		free(l->v[i].name), free(l->v[i].path);
	free(l->v);
	memset(l, 0, sizeof *l);
}
