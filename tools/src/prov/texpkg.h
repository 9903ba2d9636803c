/* texpkg.h - which package installed a file: Debian's dpkg database
 * (/var/lib/dpkg/info/PACKAGE.list and /var/lib/dpkg/status for the
 * version), or TeX Live's own (tlpkg/texlive.tlpdb above the file's
 * texmf tree, for a TeX Live installed from tug.org).  Read-only, no
 * subprocess (never runs dpkg or tlmgr). */
#ifndef SITAT_TEXPKG_H
#define SITAT_TEXPKG_H

#include <stddef.h>

/* For each of the n absolute paths, the package that owns it and its
 * version (malloc'd, or NULL when no database knows the file; the caller
 * frees each).  The databases are read once per call, with the paths'
 * real names (symbolic links resolved) tried after the paths. */
void texpkg_lookup(const char *const *paths, size_t n, char **package, char **version);

#endif
