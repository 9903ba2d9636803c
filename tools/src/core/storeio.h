/* storeio.h - where the store loader reads its files from: a directory on
 * disk, in which only regular files count (a symbolic link, FIFO, device
 * or socket is refused, never opened or followed), or a set of files in
 * memory (the fuzzer, tests, importers that build a store). */
#ifndef SITAT_STOREIO_H
#define SITAT_STOREIO_H

#include <stdbool.h>
#include <stddef.h>

#include "core/walk.h"

/* One file of an in-memory store; name is relative ("sources/I1.txt"). */
struct storeio_file {
	const char *name;
	const char *data;
	size_t len;
};

/* root names the store in messages (files are root/name) and, without
 * files, is the directory read.  overlay (only with a directory): files
 * in memory that replace the directory's files of the same name or add to
 * them (a changed store checked before it is written).  Everything is
 * borrowed. */
struct storeio {
	const char *root;
	const struct storeio_file *files; /* NULL: the directory root */
	size_t nfiles;
	const struct storeio_file *overlay;
	size_t noverlay;
	/* a segment whose anchor does not match is reported without the
	 * search for where its text is now (sitat reanchor searches itself) */
	bool quick_anchors;
};

/* Why a read failed. */
enum storeio_status {
	SIO_OK,
	SIO_MISSING,   /* no such file */
	SIO_LINK,      /* a symbolic link */
	SIO_DIR,       /* a directory */
	SIO_FIFO,      /* a FIFO (named pipe) */
	SIO_SOCKET,
	SIO_DEVICE,    /* a character or block device */
	SIO_TOO_LARGE, /* more than the limit */
	SIO_ERROR,     /* another system error (errno) */
};

/* Read the file rel (at most limit bytes) into *out (caller frees;
 * NUL-terminated, the NUL not counted in *len).  Never blocks on a FIFO
 * and never reads past limit. */
enum storeio_status storeio_read(const struct storeio *io, const char *rel,
                                 size_t limit, char **out, size_t *len);
/* What a failed read was: "a FIFO", "a directory", ...  (st from
 * storeio_read, err the errno it left). */
const char *storeio_what(enum storeio_status st, int err);
/* The entries of directory rel, as walk_dir lists them (sorted, no hidden
 * names, links not followed).  -1 with errno set when rel is missing, not
 * a directory or a symbolic link (ELOOP). */
int storeio_list(const struct storeio *io, const char *rel,
                 struct walk_list *out);

#endif
