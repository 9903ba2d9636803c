/* sty.h - the sitat.sty this sitat was built with (compiled in from
 * thesis/sitat.sty by tools/sty2c.sh), and the check of a thesis's
 * vendored copy against it. */
#ifndef SITAT_STY_H
#define SITAT_STY_H

#include <stddef.h>

#include "core/diag.h"
#include "core/project.h"

extern const unsigned char sitat_sty[];
extern const size_t sitat_sty_len;

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
