/* texpkg.h - which package installed a file: Debian's dpkg database
 * (/var/lib/dpkg/info/PACKAGE.list and /var/lib/dpkg/status for the
 * version), or TeX Live's own (tlpkg/texlive.tlpdb above the file's
 * texmf tree, for a TeX Live installed from tug.org).  Read-only, no
 * subprocess (never runs dpkg or tlmgr).
 *
 * The databases' places, for tests (docs/reproducible.md):
 *   SITAT_DPKG_DIR  dpkg's directory (default /var/lib/dpkg; its
 *                   info/PACKAGE.list files and status); empty: no dpkg database
 *   SITAT_TLPDB     the one texlive.tlpdb to use, describing the tree of
 *                   the folder above its tlpkg/ (default: the first
 *                   DIR/tlpkg/texlive.tlpdb in a folder above each file);
 *                   empty: no TeX Live database */
#ifndef SITAT_TEXPKG_H
#define SITAT_TEXPKG_H

#include <stddef.h>

/* For each of the n absolute paths, the package that owns it and its
 * version (malloc'd, or NULL when no database knows the file; the caller
 * frees each).  The databases are read once per call, with the paths'
 * real names (symbolic links resolved) tried after the paths. */
void texpkg_lookup(const char *const *paths, size_t n, char **package, char **version);

/* One database's parser on its text in memory (for the unit tests and
 * the fuzzer; texpkg_lookup reads the files and calls these):
 *   TEXPKG_DPKG_LIST    data is info/NAME.list: package[i] = NAME (less
 *                       an ":arch") for each path listed whose package[i]
 *                       is NULL
 *   TEXPKG_DPKG_STATUS  data is dpkg's status: version[i] = the installed
 *                       Version of package[i] for each i with a package
 *                       and no version (name unused)
 *   TEXPKG_TLPDB        data is a texlive.tlpdb describing the tree at
 *                       the folder name: package[i] = the name of the
 *                       package whose runfiles hold path i, version[i] =
 *                       "CATALOGUE-VERSION rREVISION" or "rREVISION", for
 *                       each path under name whose package[i] is NULL
 * data need not be NUL-terminated. */
enum texpkg_db { TEXPKG_DPKG_LIST, TEXPKG_DPKG_STATUS, TEXPKG_TLPDB };
void texpkg_scan(enum texpkg_db kind, const char *name, const char *data, size_t len,
                 const char *const *paths, size_t n, char **package, char **version);

#endif
