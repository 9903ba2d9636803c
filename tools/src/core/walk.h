/* walk.h - listing a directory: the one directory walker of sitat.
 * Symbolic links are never followed; each entry says what it is, so the
 * caller decides what to accept. */
#ifndef SITAT_WALK_H
#define SITAT_WALK_H

#include <stddef.h>

enum walk_type { WALK_FILE, WALK_DIR, WALK_LINK, WALK_OTHER };

struct walk_entry {
	char *name;          /* path relative to the listed directory (first: walk_sort sorts with cmp_strp) */
	char *path;          /* dir/name */
	enum walk_type type; /* from lstat: a link is WALK_LINK, never its target */
};

/* The entries, sorted by name; walk_free releases them and the array. */
struct walk_list {
	struct walk_entry *v;
	size_t n, cap;
};

enum {
	WALK_RECURSE = 1, /* descend into subdirectories (not through links) */
	WALK_HIDDEN = 2,  /* include names starting with '.' */
};

/* List dir.  With suffix (may be NULL), only names ending in it (and, with
 * WALK_RECURSE, the directories walked into, which are not listed).
 * Returns 0, or -1 with errno set when dir (or a subdirectory) cannot be
 * read; out is then empty. */
int walk_dir(const char *dir, unsigned flags, const char *suffix,
             struct walk_list *out);
void walk_free(struct walk_list *l);
/* Sort l by name (walk_dir does; for lists built by hand). */
void walk_sort(struct walk_list *l);

#endif
