/* fls.c - LaTeX's recorder file and the version a TeX file declares. */
#include "core/fls.h"
#include "core/hmap.h"
#include "core/infile.h"
#include "core/util.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

/* "./x" is "x" (pdfTeX names some files both ways). */
static const char *skip_dot(const char *s)
{
	while (s[0] == '.' && s[1] == '/')
		s += 2;
	return s;
}

void fls_parse(struct fls *f, const char *data, size_t n)
{
	memset(f, 0, sizeof *f);
	char **ins = NULL, **outs = NULL;
	size_t nin = 0, capin = 0, nout = 0, capout = 0;
	for (size_t at = 0; at < n;) {
		const char *line = data + at;
		const char *nl = memchr(line, '\n', n - at);
		size_t k = nl ? (size_t)(nl - line) : n - at;
		at += k + 1;
		if (k && line[k - 1] == '\r')
			k--;
		/* a NUL inside a line ends it (TeX writes none) */
		const char *z = memchr(line, '\0', k);
		if (z)
			k = (size_t)(z - line);
		if (k > 4 && !memcmp(line, "PWD ", 4) && !f->pwd) {
			f->pwd = xstrndup(line + 4, k - 4);
		} else if (k > 6 && !memcmp(line, "INPUT ", 6)) {
			char *s = xstrndup(line + 6, k - 6);
			const char *p = skip_dot(s);
			if (*p) {
				char *c = xstrdup(p);
				ARRAY_PUSH(ins, nin, capin, c);
			}
			free(s);
		} else if (k > 7 && !memcmp(line, "OUTPUT ", 7)) {
			char *s = xstrndup(line + 7, k - 7);
			char *c = xstrdup(skip_dot(s));
			free(s);
			ARRAY_PUSH(outs, nout, capout, c);
		}
	}
	struct hmap seen;
	hmap_init(&seen);
	for (size_t i = 0; i < nout; i++)
		hmap_put(&seen, outs[i], i, NULL);
	for (size_t i = 0; i < nin; i++) {
		/* written by the same run (the .aux and the like), or seen */
		if (!hmap_put(&seen, ins[i], i, NULL)) {
			free(ins[i]);
			continue;
		}
		if (!f->format && str_ends_with(ins[i], ".fmt"))
			f->format = xstrdup(ins[i]);
		ARRAY_PUSH(f->inputs, f->n, f->cap, ins[i]);
	}
	hmap_free(&seen);
	for (size_t i = 0; i < nout; i++)
		free(outs[i]);
	free(outs);
	free(ins);
}

int fls_read(struct fls *f, const char *path)
{
	char *data;
	size_t len;
	memset(f, 0, sizeof *f);
	if (read_file(path, &data, &len) < 0)
		return -1;
	fls_parse(f, data, len);
	free(data);
	return 0;
}

char *fls_absolute(const struct fls *f, const char *in)
{
	return in[0] == '/' || !f->pwd ? xstrdup(in) : path_join(f->pwd, in);
}

void fls_free(struct fls *f)
{
	for (size_t i = 0; i < f->n; i++)
		free(f->inputs[i]);
	free(f->inputs);
	free(f->pwd);
	free(f->format);
	memset(f, 0, sizeof *f);
}

/* memmem for the C library that lacks it (C11 has none). */
static const char *find(const char *s, size_t n, const char *key)
{
	size_t k = strlen(key);
	for (size_t i = 0; i + k <= n; i++)
		if (s[i] == key[0] && !memcmp(s + i, key, k))
			return s + i;
	return NULL;
}

static bool letter(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '@';
}

/* The body of \def\NAME{BODY} or \newcommand{\NAME}{BODY} (also
 * \newcommand\NAME{BODY}) in data: printable, no backslash, at most 60
 * bytes; or NULL. */
static const char *macro_body(const char *data, size_t n, const char *name, size_t k,
                              size_t *len)
{
	static const char *const forms[] = {"\\def\\%.*s{", "\\newcommand{\\%.*s}{",
		"\\newcommand\\%.*s{"};
	for (size_t f = 0; f < 3; f++) {
		char *key = xasprintf(forms[f], (int)k, name);
		const char *at = find(data, n, key);
		size_t kl = strlen(key);
		free(key);
		if (!at)
			continue;
		const char *b = at + kl, *end = data + n, *e = b;
		while (e < end && e - b <= 60 && *e != '}' && *e >= 0x20 && *e < 0x7F && *e != '\\')
			e++;
		if (e < end && *e == '}') {
			*len = (size_t)(e - b);
			return b;
		}
	}
	return NULL;
}

/* v with its macros expanded once from data: "\abx@date\space v\abx@version"
 * is "2022/07/12 v3.18b" when biblatex.sty \def's them; \space is a space,
 * a comment is dropped, a run of spaces and line ends is one space. */
static char *expand(const char *v, size_t k, const char *data, size_t n)
{
	struct buf b;
	buf_init(&b);
	for (size_t i = 0; i < k;) {
		if (v[i] == '%') { /* a comment: to the line end, and the next line's indent */
			while (i < k && v[i] != '\n')
				i++;
			while (i < k && (v[i] == '\n' || v[i] == ' '))
				i++;
			continue;
		}
		if (v[i] == '\n' || v[i] == ' ') { /* a run of spaces is one */
			if (b.len && b.data[b.len - 1] != ' ')
				buf_putc(&b, ' ');
			i++;
			continue;
		}
		if (v[i] != '\\') {
			buf_putc(&b, v[i++]);
			continue;
		}
		size_t j = i + 1;
		while (j < k && letter(v[j]))
			j++;
		if (j == i + 1) { /* a control symbol: \% as it is, "\ " a space */
			if (i + 1 < k && (v[i + 1] == ' ' || v[i + 1] == '\n')) {
				if (b.len && b.data[b.len - 1] != ' ')
					buf_putc(&b, ' ');
			} else {
				buf_add(&b, v + i, i + 2 <= k ? 2 : 1);
			}
			i += 2;
			continue;
		}
		size_t bl;
		const char *body = macro_body(data, n, v + i + 1, j - i - 1, &bl);
		if (j - i - 1 == 5 && !memcmp(v + i + 1, "space", 5)) {
			if (b.len && b.data[b.len - 1] != ' ')
				buf_putc(&b, ' ');
		}
		else if (body)
			buf_add(&b, body, bl);
		else
			buf_add(&b, v + i, j - i);
		/* a control word eats the spaces (and a line end) after it */
		for (i = j; i < k && (v[i] == ' ' || v[i] == '\n'); i++)
			;
	}
	while (b.len && b.data[b.len - 1] == ' ')
		b.len--;
	buf_putc(&b, '\0');
	return buf_detach(&b, NULL);
}

char *texfile_version(const char *data, size_t n)
{
	static const char *const keys[] = {"\\ProvidesPackage", "\\ProvidesClass",
		"\\ProvidesFile"};
	const char *end = data + n;
	for (size_t k = 0; k < 3; k++) {
		const char *at = find(data, n, keys[k]);
		const char *open = at ? memchr(at, '[', (size_t)(end - at)) : NULL;
		const char *close = open ? memchr(open, ']', (size_t)(end - open)) : NULL;
		/* \ProvidesPackage{name}[version]: the '[' close to the name */
		if (!close || open - at > 200 || close - open > 121)
			continue;
		bool ok = true;
		for (const char *c = open + 1; c < close && ok; c++)
			ok = (*c >= 0x20 && *c < 0x7F) || *c == '\n';
		if (!ok)
			continue;
		/* the argument may run over lines: one space for each line end */
		char *v = expand(open + 1, (size_t)(close - open - 1), data, n);
		if (!v[0] || strlen(v) > 120) {
			free(v);
			continue;
		}
		return v;
	}
	return NULL;
}

char *texfile_version_of(const char *path)
{
	char *data;
	size_t len;
	if (read_file(path, &data, &len) < 0)
		return NULL;
	char *v = texfile_version(data, len);
	free(data);
	return v;
}
