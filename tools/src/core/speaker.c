/* speaker.c - speaker labels of transcripts (speaker.h). */
#include "core/speaker.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#define LABEL_MAX_CP 32
#define LABEL_MAX_WORDS 3

enum { K_OTHER, K_CAP, K_LETTER, K_DIGIT, K_PUNCT };

static int kind(utf8proc_int32_t c)
{
	if (c == '.' || c == '-' || c == '\'' || c == 0x2019)
		return K_PUNCT;
	switch (utf8proc_category(c)) {
	case UTF8PROC_CATEGORY_LU:
	case UTF8PROC_CATEGORY_LT:
	case UTF8PROC_CATEGORY_LO:
		return K_CAP;
	case UTF8PROC_CATEGORY_LL:
	case UTF8PROC_CATEGORY_LM:
	case UTF8PROC_CATEGORY_MN: /* a combining mark in a name */
	case UTF8PROC_CATEGORY_MC:
		return K_LETTER;
	case UTF8PROC_CATEGORY_ND:
		return K_DIGIT;
	default:
		return K_OTHER;
	}
}

size_t speaker_label(const char *s, size_t n)
{
	const utf8proc_uint8_t *u = (const utf8proc_uint8_t *)s;
	size_t i = 0, ncp = 0, words = 0;
	bool word_start = true;
	while (i < n) {
		utf8proc_int32_t c;
		utf8proc_ssize_t k = utf8proc_iterate(u + i, (utf8proc_ssize_t)(n - i), &c);
		if (k < 0)
			return 0;
		if (c == ':') {
			if (word_start || words == 0)
				return 0; /* nothing, or a trailing space, before it */
			size_t j = i + 1;
			if (j < n && s[j] != ' ' && s[j] != '\t' && s[j] != '\n' && s[j] != '\f' &&
			    s[j] != '\r')
				return 0;
			return i;
		}
		if (++ncp > LABEL_MAX_CP)
			return 0;
		int kd = kind(c);
		if (c == ' ') {
			if (word_start)
				return 0;
			word_start = true;
		} else if (word_start) {
			if (kd != K_CAP && !(kd == K_DIGIT && words > 0))
				return 0;
			if (++words > LABEL_MAX_WORDS)
				return 0;
			word_start = false;
		} else if (kd == K_OTHER) {
			return 0;
		}
		i += (size_t)k;
	}
	return 0;
}

struct found {
	char *label;
	size_t line, turns;
	bool bad, own;
};

static const char *map_of(const struct speaker_map *m, size_t nm, const char *l, size_t n)
{
	for (size_t k = 0; k < nm; k++)
		if (strlen(m[k].label) == n && !memcmp(m[k].label, l, n))
			return m[k].to;
	return NULL;
}

size_t speaker_timestamp(const char *s, size_t n)
{
	size_t i = 0;
	char close = 0;
	if (i < n && (s[i] == '[' || s[i] == '('))
		close = s[i++] == '[' ? ']' : ')';
	int groups = 0;
	for (;;) {
		size_t st = i;
		while (i < n && i - st < 2 && s[i] >= '0' && s[i] <= '9')
			i++;
		if (i == st || (groups > 0 && i - st != 2))
			return 0;
		groups++;
		if (groups < 3 && i < n && s[i] == ':') {
			i++;
			continue;
		}
		break;
	}
	if (groups < 2)
		return 0;
	if (i < n && (s[i] == '.' || s[i] == ',')) {
		size_t st = ++i;
		while (i < n && s[i] >= '0' && s[i] <= '9')
			i++;
		if (i == st)
			return 0;
	}
	if (close) {
		if (i >= n || s[i] != close)
			return 0;
		i++;
	}
	size_t tok = i;
	while (i < n && (s[i] == ' ' || s[i] == '\t'))
		i++;
	return i > tok ? i : 0;
}

size_t speaker_apply(struct buf *out, const char *s, size_t n,
                     const struct speaker_map *m, size_t nm, const char *file,
                     bool at_lines, struct speaker_stats *st, struct diag *d)
{
	struct found *f = NULL;
	size_t nf = 0, capf = 0, nbad = 0, line = 1;
	memset(st, 0, sizeof *st);
	for (size_t i = 0; i < n; line++) {
		const char *e = memchr(s + i, '\n', n - i);
		size_t end = e ? (size_t)(e - s) + 1 : n;
		/* a label may be indented: the indentation goes with the mapping */
		size_t ind = 0;
		while (i + ind < end && (s[i + ind] == ' ' || s[i + ind] == '\t'))
			ind++;
		/* and it may follow a timestamp: "[00:01:02] Kari: ..." */
		size_t ts = speaker_timestamp(s + i + ind, end - i - ind);
		size_t k = speaker_label(s + i + ind + ts, end - i - ind - ts);
		if (!k && ts)
			k = speaker_label(s + i + ind, end - i - ind), ts = 0;
		const char *to = NULL;
		const char *stamp = s + i + ind;
		const char *l = stamp + ts;
		bool own = false;
		if (k) {
			own = k == 3 && (!memcmp(l, "INT", 3) || !memcmp(l, "INF", 3));
			to = own ? NULL : map_of(m, nm, l, k);
			size_t j;
			for (j = 0; j < nf; j++)
				if (strlen(f[j].label) == k && !memcmp(f[j].label, l, k))
					break;
			if (j == nf) {
				struct found x = {xstrndup(l, k), line, 0, !own && !to, own};
				ARRAY_PUSH(f, nf, capf, x);
				nbad += x.bad;
			}
			f[j].turns++;
			if (own || (to && strcmp(to, "-")))
				st->turns++;
		}
		if (own || (to && strcmp(to, "-"))) {
			/* the label at the start of the line, without indentation */
			buf_add(out, own ? l : to, own ? 3 : strlen(to));
			if (ts) {
				/* the label first, as a turn starts: "INT: [00:01:02] ..." */
				size_t tl = ts;
				while (stamp[tl - 1] == ' ' || stamp[tl - 1] == '\t')
					tl--;
				buf_puts(out, ": ");
				buf_add(out, stamp, tl);
				const char *r = l + k + 1;
				size_t rn = end - (size_t)(r - s);
				if (rn && *r != ' ' && *r != '\t' && *r != '\n')
					buf_putc(out, ' ');
				buf_add(out, r, rn);
			} else {
				buf_add(out, l + k, end - i - ind - k);
			}
			st->mapped += !own;
		} else {
			buf_add(out, s + i, end - i);
		}
		i = end;
	}
	if (nbad) {
		struct buf all;
		buf_init(&all);
		for (size_t j = 0; j < nf; j++)
			buf_printf(&all, "%s'%s' (%zu line%s%s)", j ? ", " : "", f[j].label, f[j].turns,
			           f[j].turns == 1 ? "" : "s",
			           f[j].own ? ", kept" : f[j].bad ? "" : ", mapped");
		/* every unmapped label at its first line; the list once, with the first */
		bool first = true;
		for (size_t j = 0; j < nf; j++) {
			if (!f[j].bad)
				continue;
			if (first)
				diag_at(d, D_ADD_SPEAKER, file, at_lines ? f[j].line : 0, at_lines ? 1 : 0,
				        f[j].label, all.data);
			else
				diag_at(d, D_ADD_SPEAKER_MORE, file, at_lines ? f[j].line : 0,
				        at_lines ? 1 : 0, f[j].label);
			first = false;
		}
		buf_free(&all);
	}
	for (size_t j = 0; j < nf; j++)
		free(f[j].label);
	free(f);
	return nbad;
}
