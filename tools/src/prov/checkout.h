/* checkout.h - a commit of a repository checked out elsewhere, and the
 * time of HEAD (the build date of a reproducible build). */
#ifndef SITAT_CHECKOUT_H
#define SITAT_CHECKOUT_H

#include "core/diag.h"

/* Clone the repository containing dir into dest (a new directory) and
 * check out the commit spec names (any revision: HEAD, an id, a tag),
 * detached; its id (hex) goes to commit.  Returns 0, or -1 with a
 * message in d. */
int checkout_copy(const char *dir, const char *spec, const char *dest,
                  char commit[41], struct diag *d);

/* SOURCE_DATE_EPOCH for a build in dir: the time of the HEAD commit of
 * the repository containing it, 0 without a repository or a commit (as
 * stamp_epoch says, without computing the whole stamp). */
long long head_commit_time(const char *dir);

#endif
