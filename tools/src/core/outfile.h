/* outfile.h - writing generated files: atomically, only when changed,
 * never into the evidence store and never over something that is not a
 * regular file; "-" is standard output. */
#ifndef SITAT_OUTFILE_H
#define SITAT_OUTFILE_H

#include <stdbool.h>
#include <stddef.h>

#include "core/diag.h"

/* Failures of out_check and out_write (the message is in the diag). */
enum {
	OUT_EIO = -1,     /* a system or I/O error */
	OUT_REFUSED = -2, /* the path is not a place for an output */
};

/* May path be written as an output?  Refused (OUT_REFUSED): a path that
 * exists and is not a regular file (a symbolic link, a directory, a FIFO,
 * a device...), and, when store names an existing directory, any path
 * inside it, symbolic links in the existing part resolved ("." and ".."
 * too; a ".." after a missing directory is refused).  Nothing is created
 * or opened.  "-" (standard output) is always allowed.  Returns 0 or < 0
 * with a message in d. */
int out_check(const char *path, const char *store, struct diag *d);

/* out_check, then write data to path: a temporary file
 * ".NAME.sitat-tmp.PID.XXXXXX" in the same directory (leftovers of runs
 * whose process is gone are removed first), fsync, rename; only when the
 * content differs from the file's.  The directory must exist.  "-" writes
 * to standard output.  Returns 1 when written, 0 when unchanged, or < 0
 * with a message in d. */
int out_write(const char *path, const char *store, const char *data,
              size_t len, struct diag *d);

/* The first half of an atomic write, for the store's own files (no
 * out_check: the commands that edit the store call it): data in a new
 * temporary file beside path (named as out_write names it; fsynced when
 * sync, else the caller syncs it before the rename).  Returns its name
 * (the caller renames it over path, or unlinks it, and frees the name),
 * or NULL with a message in d (also when path exists and is not a
 * regular file). */
char *out_stage(const char *path, const char *data, size_t len, bool sync,
                struct diag *d);

/* Remove the temporary files of dead processes in dir (see out_write). */
void out_clean_leftovers(const char *dir);

/* out_write without a store, messages on stderr.  Returns 1, 0 or -1. */
int write_if_changed(const char *path, const char *data, size_t len);

#endif
