/* lock.h - one build at a time in a directory: an advisory lock (flock)
 * on a lock file there, which holds the process id of its owner.  The
 * kernel releases the lock when the owner (and every child that inherited
 * the descriptor, such as a LaTeX run) ends, however it ends. */
#ifndef SITAT_LOCK_H
#define SITAT_LOCK_H

#include <stdbool.h>

#include "core/diag.h"

#define LOCK_FILE ".sitat-lock"

enum { LOCK_BUSY = -2 }; /* dir_lock without wait: another process holds it */

/* A held lock: the open lock file (-1 when not held). */
struct dir_lock {
	int fd;
};

/* Lock dir (it must exist) through dir/.sitat-lock.  When another process
 * holds it: without wait, return LOCK_BUSY with its process id in *holder
 * (0 when unknown); with wait, report D_BUILD_WAITING to d once and block
 * until it is free.  Then write our process id into the file.  Returns 0,
 * LOCK_BUSY, or -1 with a message in d.  The descriptor is inherited by
 * children (on purpose: a LaTeX run left behind by a killed build keeps
 * the directory locked until it ends). */
int dir_lock(struct dir_lock *l, const char *dir, bool wait, long *holder,
             struct diag *d);
/* Release the lock (the file stays). */
void dir_unlock(struct dir_lock *l);

#endif
