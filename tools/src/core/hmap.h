/* hmap.h - a string-keyed hash map (open addressing, FNV-1a) from ids to
 * indices.  Keys are borrowed: they must outlive the map. */
#ifndef SITAT_HMAP_H
#define SITAT_HMAP_H

#include <stddef.h>
#include <stdbool.h>

struct hmap {
	const char **keys;
	size_t *vals;
	size_t n, cap;
};

void hmap_init(struct hmap *m);
void hmap_free(struct hmap *m);
/* Insert key -> val.  When key is present already, keeps the old value,
 * stores it in *old (if old is not NULL) and returns false. */
bool hmap_put(struct hmap *m, const char *key, size_t val, size_t *old);
/* Look key up; returns false when absent. */
bool hmap_get(const struct hmap *m, const char *key, size_t *val);

#endif
