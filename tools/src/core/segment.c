/* segment.c - anchors of new segments, next free ids, appending entries
 * to a store in memory (see segment.h). */
#include "core/segment.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/util.h"

void anchor_make(const struct text *t, size_t start, size_t end, char **exact,
                 char **prefix, char **suffix)
{
	size_t pb = text_cp_to_byte(t, start > ANCHOR_CONTEXT ? start - ANCHOR_CONTEXT : 0);
	size_t sb = text_cp_to_byte(t, start);
	size_t eb = text_cp_to_byte(t, end);
	size_t xe = text_cp_to_byte(t, end + ANCHOR_CONTEXT < t->ncp ? end + ANCHOR_CONTEXT
	                                                            : t->ncp);
	*exact = xstrndup(t->data + sb, eb - sb);
	*prefix = sb > pb ? xstrndup(t->data + pb, sb - pb) : NULL;
	*suffix = xe > eb ? xstrndup(t->data + eb, xe - eb) : NULL;
}

/* The number after prefix p (n bytes) in id, or -1 when id is not p and
 * digits only. */
static long id_number(const char *id, const char *p, size_t n)
{
	if (strncmp(id, p, n) != 0 || !id[n])
		return -1;
	long v = 0;
	for (const char *q = id + n; *q; q++) {
		if (*q < '0' || *q > '9' || v > 100000000L)
			return -1;
		v = v * 10 + (*q - '0');
	}
	return v;
}

char *store_next_segment_id(const struct store *s, size_t src)
{
	const char *sid = s->sources[src].id;
	char *p = xasprintf("%s-", sid);
	size_t n = strlen(p);
	long max = 0;
	for (size_t i = 0; i < s->nsegs; i++) {
		long v = id_number(s->segs[i].id, p, n);
		if (v > max)
			max = v;
	}
	free(p);
	return xasprintf("%s-%03ld", sid, max + 1);
}

char *store_next_source_id(const struct store *s, enum source_kind k)
{
	const char *p = k == SRC_INTERVIEW ? "I" : "D";
	long max = 0;
	for (size_t i = 0; i < s->nsources; i++) {
		long v = id_number(s->sources[i].id, p, 1);
		if (v > max)
			max = v;
	}
	return xasprintf("%s%ld", p, max + 1);
}

size_t store_add_segment(struct store *s, struct segment *g)
{
	s->segs = xrealloc(s->segs, (s->nsegs + 1) * sizeof *s->segs);
	size_t i = s->nsegs++;
	s->segs[i] = *g;
	memset(g, 0, sizeof *g);
	hmap_put(&s->segmap, s->segs[i].id, i, NULL);
	s->sources[s->segs[i].src].nsegs++;
	return i;
}

size_t store_add_source(struct store *s, struct source *src)
{
	s->sources = xrealloc(s->sources, (s->nsources + 1) * sizeof *s->sources);
	size_t i = s->nsources++;
	s->sources[i] = *src;
	memset(src, 0, sizeof *src);
	hmap_put(&s->srcmap, s->sources[i].id, i, NULL);
	return i;
}
