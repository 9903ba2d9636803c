/* checkout.h - a commit of a repository checked out elsewhere. */
#ifndef SITAT_CHECKOUT_H
#define SITAT_CHECKOUT_H

#include "core/diag.h"

/* Clone the repository containing dir into dest (a new directory) and
 * check out the commit spec names (any revision: HEAD, an id, a tag),
 * detached; its id (hex) goes to commit.  Returns 0, or -1 with a
 * message in d. */
int checkout_copy(const char *dir, const char *spec, const char *dest,
                  char commit[41], struct diag *d);

#endif
