/* dynload.h - a library loaded when it is first needed (dlopen), not
 * linked: what io/pdftext.c (poppler-glib) and io/tarball.c (libarchive)
 * share, so that a run of sitat that reads no PDF and no bundle does not
 * pay for loading them. */
#ifndef SITAT_DYNLOAD_H
#define SITAT_DYNLOAD_H

#include <stdbool.h>
#include <stddef.h>

/* A function of the library: where its address goes, and its name. */
struct dl_fn {
	void **p;
	const char *name;
};

/* Open the first of names (NULL-terminated) that loads, then resolve
 * every function of fn (n of them).  On failure err (errlen bytes) says
 * why: "NEED: dlerror's words" when none loads, "LIB has no NAME" when a
 * function is missing.  Returns true when all were found. */
bool dl_load(const char *const *names, const struct dl_fn *fn, size_t n, const char *need,
             const char *lib, char *err, size_t errlen);

#endif
