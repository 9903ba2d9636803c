/* dynload.c - see dynload.h. */
#define _POSIX_C_SOURCE 200809L
#include "io/dynload.h"

#include <dlfcn.h>
#include <stdio.h>

bool dl_load(const char *const *names, const struct dl_fn *fn, size_t n, const char *need,
             const char *lib, char *err, size_t errlen)
{
	void *h = NULL;
	for (const char *const *p = names; *p && !h; p++)
		h = dlopen(*p, RTLD_NOW | RTLD_LOCAL);
	if (!h) {
		snprintf(err, errlen, "%s: %s", need, dlerror());
		return false;
	}
	for (size_t i = 0; i < n; i++) {
		*fn[i].p = dlsym(h, fn[i].name);
		if (!*fn[i].p) {
			snprintf(err, errlen, "%s has no %s", lib, fn[i].name);
			return false;
		}
	}
	return true;
}
