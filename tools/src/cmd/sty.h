/* sty.h - the LaTeX package this sitat was built with (sitat.sty and its
 * sitat-*.def files, compiled in from thesis/ by tools/sty2c.sh), and the
 * check of a thesis's vendored copy against it. */
#ifndef SITAT_STY_H
#define SITAT_STY_H

#include <stddef.h>

#include "core/diag.h"
#include "core/project.h"

/* One file of the package: its name (no directory) and bytes.  The
 * first is sitat.sty; the others sit beside it. */
struct sty_file {
	const char *name;
	const unsigned char *data;
	size_t len;
};
extern const struct sty_file sitat_sty_files[];
extern const size_t sitat_sty_nfiles;
#define sitat_sty (sitat_sty_files[0].data)
#define sitat_sty_len (sitat_sty_files[0].len)

/* The path of package file f beside the vendored sitat.sty (sty_path,
 * "thesis/sitat.sty" gives "thesis/sitat-text.def"); caller frees. */
char *sty_file_path(const char *sty_path, const struct sty_file *f);

/* The version of a sitat.sty (data, len bytes): the date and version of
 * its \ProvidesPackage line, "2026/11/26 v0.1" (caller frees), or
 * "unknown". */
char *sty_version(const char *data, size_t len);

/* Compare the project's vendored sitat.sty (p->sty) with sitat_sty: a
 * warning in d when it differs (naming both versions and `sitat init
 * --update-sty`); nothing when it is missing or the same.  Returns 1 when
 * it differs, else 0. */
int sty_check_vendored(const struct project *p, struct diag *d);

#endif
