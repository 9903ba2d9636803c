/* infile.h - reading whole files. */
#ifndef SITAT_INFILE_H
#define SITAT_INFILE_H

#include <stddef.h>

/* Read a whole file.  Returns 0 and sets *out (caller frees, NUL-terminated,
 * the NUL not counted in *len), or -1 with errno set. */
int read_file(const char *path, char **out, size_t *len);

#endif
