/* uses.c - where the thesis cites segment and research question ids
 * (uses.h). */
#include "cmd/uses.h"
#include "core/infile.h"
#include "core/util.h"
#include "core/walk.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

struct scan {
	const char *s, *end, *p;
	size_t line;
	const char *bol; /* start of the current line */
};

static bool letter(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static void advance(struct scan *sc, const char *to)
{
	for (; sc->p < to; sc->p++)
		if (*sc->p == '\n') {
			sc->line++;
			sc->bol = sc->p + 1;
		}
}

/* Skip spaces and one line break (TeX's rule after a control word and
 * between arguments, simplified: any whitespace, no comments). */
static void skip_space(struct scan *sc)
{
	const char *q = sc->p;
	while (q < sc->end && (*q == ' ' || *q == '\t' || *q == '\n'))
		q++;
	advance(sc, q);
}

/* A balanced group from sc->p (which is at open); its content with
 * whitespace removed, or NULL when it does not close. */
static char *group(struct scan *sc, char open, char close)
{
	(void)open; /* sc->p is at it */
	const char *q = sc->p + 1;
	int depth = 0;
	struct buf b;
	buf_init(&b);
	buf_puts(&b, "");
	for (; q < sc->end; q++) {
		char c = *q;
		if (c == '\\' && q + 1 < sc->end) {
			/* an escaped character (a control space loses its space) */
			buf_putc(&b, c);
			q++;
			if (*q != ' ' && *q != '\t' && *q != '\n')
				buf_putc(&b, *q);
			continue;
		}
		if (c == '%') { /* a comment, to the end of the line */
			const char *nl = memchr(q, '\n', (size_t)(sc->end - q));
			if (!nl)
				break;
			q = nl;
			continue;
		}
		if (c == '{')
			depth++;
		else if (c == '}' && depth)
			depth--;
		else if (c == close && !depth)
			break;
		else if (c == '}' && close != '}')
			break; /* an optional argument cannot close its group */
		if (c != ' ' && c != '\t' && c != '\n')
			buf_putc(&b, c);
	}
	if (q >= sc->end || *q != close) {
		buf_free(&b);
		return NULL;
	}
	advance(sc, q + 1);
	return buf_detach(&b, NULL);
}

static void add(struct uses *u, enum use_kind k, char *id, const char *macro,
                const char *file, size_t line, size_t col)
{
	struct use x = {k, id, xstrdup(macro), xstrdup(file), line, col};
	ARRAY_PUSH(u->v, u->n, u->cap, x);
}

static size_t col_of(const char *bol, const char *at)
{
	/* a character and its continuation bytes count one (a stray
	 * continuation byte too) */
	size_t c = 1;
	for (const char *q = bol; q < at; c++) {
		q++;
		while (q < at && ((unsigned char)*q & 0xC0) == 0x80)
			q++;
	}
	return c;
}

/* After a citing control word: [optional] {id}. */
static void cite(struct scan *sc, struct uses *u, enum use_kind k, const char *macro,
                 const char *file, size_t line, size_t col)
{
	skip_space(sc);
	if (sc->p < sc->end && *sc->p == '[') {
		char *opt = group(sc, '[', ']');
		if (!opt)
			return;
		free(opt);
		skip_space(sc);
	}
	if (sc->p >= sc->end || *sc->p != '{')
		return;
	char *id = group(sc, '{', '}');
	if (id)
		add(u, k, id, macro, file, line, col);
}

/* After \begin: {sitatclaim}[rq] or {claim}[rq]. */
static void begin(struct scan *sc, struct uses *u, const char *file, size_t line,
                  size_t col)
{
	skip_space(sc);
	if (sc->p >= sc->end || *sc->p != '{')
		return;
	char *env = group(sc, '{', '}');
	if (!env)
		return;
	if (!strcmp(env, "sitatclaim") || !strcmp(env, "claim")) {
		skip_space(sc);
		if (sc->p < sc->end && *sc->p == '[') {
			char *rq = group(sc, '[', ']');
			char *m = xasprintf("\\begin{%s}", env);
			if (rq)
				add(u, USE_CLAIM, rq, m, file, line, col);
			free(m);
		}
	}
	free(env);
}

void uses_scan_text(struct uses *u, const char *file, const char *data, size_t len)
{
	struct scan sc = {data, data + len, data, 1, data};
	while (sc.p < sc.end) {
		char c = *sc.p;
		if (c == '%') {
			const char *q = memchr(sc.p, '\n', (size_t)(sc.end - sc.p));
			advance(&sc, q ? q : sc.end);
			continue;
		}
		if (c != '\\') {
			advance(&sc, sc.p + 1);
			continue;
		}
		const char *at = sc.p, *q = sc.p + 1;
		while (q < sc.end && letter(*q))
			q++;
		size_t n = (size_t)(q - at - 1);
		if (!n) {
			advance(&sc, q < sc.end ? q + 1 : q); /* a control symbol: \% \\ */
			continue;
		}
		size_t line = sc.line, col = col_of(sc.bol, at);
		char word[16] = "";
		if (n < sizeof word)
			memcpy(word, at + 1, n), word[n] = '\0';
		advance(&sc, q);
		if (!strcmp(word, "sitat") || !strcmp(word, "sitatinline") ||
		    !strcmp(word, "sitatref") || !strcmp(word, "sitatlink")) {
			char m[20];
			snprintf(m, sizeof m, "\\%s", word);
			cite(&sc, u, USE_SEGMENT, m, file, line, col);
		} else if (!strcmp(word, "sitattable")) {
			cite(&sc, u, USE_TABLE, "\\sitattable", file, line, col);
		} else if (!strcmp(word, "begin")) {
			begin(&sc, u, file, line, col);
		}
	}
}

/* Is path in dir?  Both relative to the same directory; a leading "./"
 * does not count (walk_dir(".") lists "./generated/tables.tex" when the
 * generated folder is "generated"). */
static bool under(const char *path, const char *dir)
{
	while (path[0] == '.' && path[1] == '/')
		path += 2;
	while (dir[0] == '.' && dir[1] == '/')
		dir += 2;
	size_t k = strlen(dir);
	while (k && dir[k - 1] == '/')
		k--;
	return k && !strncmp(path, dir, k) && (path[k] == '/' || !path[k]);
}

int uses_scan(struct uses *u, const char *texdir, const char *skip, struct diag *d)
{
	struct walk_list l;
	if (walk_dir(texdir, WALK_RECURSE, ".tex", &l) < 0) {
		diag_at(d, D_IO, texdir, 0, 0, strerror(errno));
		return -1;
	}
	int r = 0;
	for (size_t i = 0; i < l.n; i++) {
		const struct walk_entry *e = &l.v[i];
		if (e->type != WALK_FILE || (skip && under(e->path, skip)))
			continue;
		char *data;
		size_t len;
		if (read_file(e->path, &data, &len) < 0) {
			diag_at(d, D_IO, e->path, 0, 0, strerror(errno));
			r = -1;
			continue;
		}
		uses_scan_text(u, e->path, data, len);
		free(data);
	}
	walk_free(&l);
	return r;
}

size_t uses_count(const struct uses *u, enum use_kind k, const char *id)
{
	size_t n = 0;
	for (size_t i = 0; i < u->n; i++)
		n += u->v[i].kind == k && !strcmp(u->v[i].id, id);
	return n;
}

void uses_free(struct uses *u)
{
	for (size_t i = 0; i < u->n; i++) {
		free(u->v[i].id);
		free(u->v[i].macro);
		free(u->v[i].file);
	}
	free(u->v);
	memset(u, 0, sizeof *u);
}
