/* record.c - parsing the use record written by sitat.sty. */
#include "audit/record.h"
#include "core/infile.h"
#include "core/text.h"
#include "core/util.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

/* Split line (modified in place) at spaces into at most max fields; the
 * last field takes the rest of the line. */
static size_t split(char *line, char **f, size_t max)
{
	size_t n = 0;
	char *p = line;
	while (*p && n < max) {
		while (*p == ' ')
			p++;
		if (!*p)
			break;
		f[n++] = p;
		if (n == max)
			break;
		while (*p && *p != ' ')
			p++;
		if (*p)
			*p++ = '\0';
	}
	return n;
}

/* "file:line" -> file (owned copy with texdir/ prefix) and line. */
static bool parse_loc(const char *s, const char *texdir, char **file, size_t *line)
{
	const char *colon = strrchr(s, ':');
	if (!colon || colon == s || !colon[1])
		return false;
	char *end;
	unsigned long l = strtoul(colon + 1, &end, 10);
	if (colon[1] < '0' || colon[1] > '9' || *end || l == 0 || l > 0xFFFFFFFFUL)
		return false; /* digits only (strtoul takes "-1", " +5") */
	char *f = xstrndup(s, (size_t)(colon - s));
	*file = texdir && *texdir && f[0] != '/' ? path_join(texdir, f) : xstrdup(f);
	free(f);
	*line = (size_t)l;
	return true;
}

static void bad_line(struct diag *d, const char *path, size_t lineno,
                     const char *line)
{
	char *v = text_show(line, strlen(line), 60);
	diag_at(d, D_REC_SYNTAX, path, lineno, 1, v);
	free(v);
}

/* "claim <id> <page> <rq|-> <file>:<line>" split into f[0..4]. */
static bool parse_claim(struct record *r, char **f, const char *texdir)
{
	struct rec_claim c = {0};
	if (!parse_loc(f[4], texdir, &c.file, &c.line))
		return false;
	c.id = xstrdup(f[1]);
	c.page = xstrdup(f[2]);
	c.rq = strcmp(f[3], "-") ? xstrdup(f[3]) : NULL;
	ARRAY_PUSH(r->claims, r->nclaims, r->capclaims, c);
	return true;
}

/* "use|unknown <quote> <page> <kind> <claim|-> <file>:<line>" in f[0..5]. */
static bool parse_use(struct record *r, char **f, const char *texdir)
{
	struct rec_use u = {0};
	if (strcmp(f[3], "display") && strcmp(f[3], "inline") && strcmp(f[3], "ref"))
		return false;
	if (!parse_loc(f[5], texdir, &u.file, &u.line))
		return false;
	u.qid = xstrdup(f[1]);
	u.page = xstrdup(f[2]);
	u.kind = xstrdup(f[3]);
	u.claim = strcmp(f[4], "-") ? xstrdup(f[4]) : NULL;
	u.unknown = !strcmp(f[0], "unknown");
	ARRAY_PUSH(r->uses, r->nuses, r->capuses, u);
	return true;
}

/* One line (modified in place); false when it is malformed. */
static bool parse_line(struct record *r, char *line, const char *texdir)
{
	/* the place (file:line) is the last field and may hold spaces:
	 * split each kind of line into exactly its number of fields */
	char *f[6];
	size_t want = !strncmp(line, "claim ", 6) ? 5
	              : !strncmp(line, "endclaim ", 9) ? 4 : 6;
	size_t n = split(line, f, want);
	if (n == 5 && !strcmp(f[0], "claim"))
		return parse_claim(r, f, texdir);
	if (n == 4 && !strcmp(f[0], "endclaim")) {
		/* the end of a claim carries nothing the audit needs, but its
		 * place must still be well formed */
		char *file;
		size_t l;
		if (!parse_loc(f[3], texdir, &file, &l))
			return false;
		free(file);
		return true;
	}
	if (n == 6 && (!strcmp(f[0], "use") || !strcmp(f[0], "unknown")))
		return parse_use(r, f, texdir);
	return false;
}

void record_parse(struct record *r, const char *path, char *data,
                  const char *texdir, struct diag *d)
{
	memset(r, 0, sizeof *r);
	hmap_init(&r->claimmap);
	r->path = xstrdup(path);
	size_t lineno = 0;
	char *save = NULL;
	for (char *line = data; line && *line; line = save) {
		char *nl = strchr(line, '\n');
		save = nl ? nl + 1 : NULL;
		if (nl)
			*nl = '\0';
		lineno++;
		if (!*line)
			continue;
		/* the last line LaTeX writes: the record is complete when it
		 * is the last line */
		r->complete = !strcmp(line, "end");
		if (r->complete)
			continue;
		char *copy = xstrdup(line);
		if (!parse_line(r, line, texdir))
			bad_line(d, path, lineno, copy);
		free(copy);
	}
	/* the map is built after the array stops moving */
	for (size_t i = 0; i < r->nclaims; i++)
		hmap_put(&r->claimmap, r->claims[i].id, i, NULL);
}

int record_load(struct record *r, const char *path, const char *texdir,
                struct diag *d)
{
	char *data;
	size_t len;
	if (read_file(path, &data, &len) < 0) {
		int e = errno;
		memset(r, 0, sizeof *r);
		hmap_init(&r->claimmap);
		r->path = xstrdup(path);
		errno = e;
		return -1;
	}
	record_parse(r, path, data, texdir, d);
	free(data);
	return 0;
}

void record_free(struct record *r)
{
	for (size_t i = 0; i < r->nclaims; i++) {
		struct rec_claim *c = &r->claims[i];
		free(c->id), free(c->page), free(c->rq), free(c->file);
	}
	for (size_t i = 0; i < r->nuses; i++) {
		struct rec_use *u = &r->uses[i];
		free(u->qid), free(u->page), free(u->kind), free(u->claim), free(u->file);
	}
	free(r->claims);
	free(r->uses);
	hmap_free(&r->claimmap);
	free(r->path);
	memset(r, 0, sizeof *r);
}
