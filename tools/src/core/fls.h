/* fls.h - LaTeX's recorder file (JOBNAME.fls, written with -recorder):
 * its PWD line, the files it read (INPUT lines that are not also OUTPUT
 * lines, each once, in the order first read) and the format file; and
 * the version a TeX file declares.  Pure: no file system but read_file.
 * Owner: the struct owns every string; fls_free releases them. */
#ifndef SITAT_FLS_H
#define SITAT_FLS_H

#include <stddef.h>

struct fls {
	char *pwd;      /* the PWD line, or NULL */
	char **inputs;  /* as the file names them ("./x" written "x") */
	size_t n, cap;
	char *format;   /* the first INPUT line ending in ".fmt", or NULL */
};

/* Parse the n bytes at data (need not be NUL-terminated); never fails
 * (a line that is not PWD, INPUT or OUTPUT is ignored). */
void fls_parse(struct fls *f, const char *data, size_t n);
/* fls_parse of the file at path.  Returns 0, or -1 (errno) with f empty. */
int fls_read(struct fls *f, const char *path);
/* in made absolute with the PWD line (a copy of in when it is absolute
 * or there is no PWD line).  Caller frees. */
char *fls_absolute(const struct fls *f, const char *in);
void fls_free(struct fls *f);

/* The version a TeX file declares: the optional argument of its first
 * \ProvidesPackage, \ProvidesClass or \ProvidesFile (at most 120 bytes,
 * printable ASCII), or NULL.  texfile_version_of reads the file at path.
 * Caller frees. */
char *texfile_version(const char *data, size_t n);
char *texfile_version_of(const char *path);

#endif
