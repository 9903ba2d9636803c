/* outfile.h - writing generated files. */
#ifndef SITAT_OUTFILE_H
#define SITAT_OUTFILE_H

#include <stddef.h>

/* Write data to path atomically (temp file in the same directory, fsync,
 * rename) and only when the content differs from what is there.
 * Returns 1 when written, 0 when unchanged, -1 on error (message printed). */
int write_if_changed(const char *path, const char *data, size_t len);

#endif
