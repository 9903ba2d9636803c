/* hmap.c - open-addressing hash map from borrowed strings to indices. */
#include "core/hmap.h"
#include "core/util.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static uint64_t hash(const char *s)
{
	uint64_t h = 1469598103934665603ULL;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ULL;
	return h;
}

void hmap_init(struct hmap *m)
{
	memset(m, 0, sizeof *m);
}

void hmap_free(struct hmap *m)
{
	free(m->keys);
	free(m->vals);
	hmap_init(m);
}

static void grow(struct hmap *m)
{
	struct hmap g;
	g.cap = m->cap ? m->cap * 2 : 16;
	g.n = 0;
	g.keys = xcalloc(g.cap, sizeof *g.keys);
	g.vals = xcalloc(g.cap, sizeof *g.vals);
	for (size_t i = 0; i < m->cap; i++)
		if (m->keys[i])
			hmap_put(&g, m->keys[i], m->vals[i], NULL);
	hmap_free(m);
	*m = g;
}

bool hmap_put(struct hmap *m, const char *key, size_t val, size_t *old)
{
	if ((m->n + 1) * 4 >= m->cap * 3)
		grow(m);
	size_t i = (size_t)hash(key) & (m->cap - 1);
	while (m->keys[i]) {
		if (strcmp(m->keys[i], key) == 0) {
			if (old)
				*old = m->vals[i];
			return false;
		}
		i = (i + 1) & (m->cap - 1);
	}
	m->keys[i] = key;
	m->vals[i] = val;
	m->n++;
	return true;
}

bool hmap_get(const struct hmap *m, const char *key, size_t *val)
{
	if (!m->cap)
		return false;
	size_t i = (size_t)hash(key) & (m->cap - 1);
	while (m->keys[i]) {
		if (strcmp(m->keys[i], key) == 0) {
			if (val)
				*val = m->vals[i];
			return true;
		}
		i = (i + 1) & (m->cap - 1);
	}
	return false;
}
