/* tarball.h - the examiner's bundle as an archive (cmd/bundle.h): a
 * gzip-compressed pax tar, written so that the same entries give the same
 * bytes, and read back into memory with limits, refusing every entry that
 * could land outside the directory it is unpacked to.  libarchive is
 * loaded when a bundle is written or read (dlopen), not linked.
 * Owner: struct tar_list owns every name and content; tar_list_free
 * releases them. */
#ifndef SITAT_TARBALL_H
#define SITAT_TARBALL_H

#include <stdbool.h>
#include <stddef.h>

#include "core/diag.h"
#include "core/util.h"

/* One regular file of an archive. */
struct tar_entry {
	char *name;  /* relative, '/'-separated, UTF-8 */
	char *data;  /* NUL-terminated (the NUL not counted in len) */
	size_t len;
	bool exec;   /* mode 0755 (else 0644) */
};

struct tar_list {
	struct tar_entry *v;
	size_t n, cap;
};

/* What tar_read accepts at most: entries, bytes of one entry, bytes of
 * all entries together (uncompressed). */
struct tar_limits {
	size_t entries, entry_bytes, total_bytes;
};
/* The bundle's limits: 100000 entries, 512 MiB a file, 2 GiB in all. */
extern const struct tar_limits tar_bundle_limits;

/* Append an entry: name and data are copied. */
void tar_add(struct tar_list *l, const char *name, const char *data, size_t len, bool exec);
/* Append an entry that takes data (malloc'd, NUL-terminated after len
 * bytes): the list frees it. */
void tar_add_own(struct tar_list *l, const char *name, char *data, size_t len, bool exec);
/* The entry named name, or NULL. */
const struct tar_entry *tar_find(const struct tar_list *l, const char *name);
/* Sort the entries by name (bytewise). */
void tar_sort(struct tar_list *l);
void tar_list_free(struct tar_list *l);

/* Append to out the archive of l's entries in the order of their names
 * (bytewise): pax (ustar headers, pax extended headers only where ustar
 * cannot hold a name), every entry with mtime, uid and gid 0, no user or
 * group name, mode 0644 or 0755; gzip (level 9) with no time stamp and no
 * file name in its header.  l is sorted.  file names the output in
 * messages.  Returns 0, or -1 after a message in d. */
int tar_write(struct tar_list *l, long long mtime, struct buf *out, const char *file,
              struct diag *d);

/* Read the archive data (len bytes; gzip-compressed or not, tar of any
 * of its variants) into l: every regular file, in the archive's order;
 * directory entries are skipped.  Refused, each with a message at file
 * whose place is the entry: a name that is absolute, empty, has an empty,
 * "." or ".." component, a backslash, a control character or is not
 * UTF-8; a symbolic or hard link, a device, a FIFO, a socket, a sparse
 * file; a name that occurs twice (as a file, or as a file and a
 * directory); more than lim allows.  Returns 0, or -1 after the message
 * (l is then empty). */
int tar_read(struct tar_list *l, const char *data, size_t len, const char *file,
             const struct tar_limits *lim, struct diag *d);

#endif
