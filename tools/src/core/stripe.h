/* stripe.h - the one way sitat uses threads: n independent jobs shared by
 * two threads in stripes (one takes the even jobs, the other the odd). */
#ifndef SITAT_STRIPE_H
#define SITAT_STRIPE_H

#include <stddef.h>

/* Call job(arg, k) once for every k in [0, n), in two threads (or in the
 * caller's alone when n < 2 or no thread can be made).  The jobs must not
 * share anything they write; results in order are the caller's to merge
 * afterwards.  Returns when all are done. */
void stripe_run(size_t n, void (*job)(void *arg, size_t k), void *arg);

#endif
