/* subtitle.c - WebVTT and SRT cues into speaker turns (subtitle.h). */
#include "io/subtitle.h"
#include "core/speaker.h"

#include <stdlib.h>
#include <string.h>

void sub_speakers_free(struct sub_speakers *sp)
{
	for (size_t i = 0; i < sp->n; i++)
		free(sp->v[i]);
	free(sp->v);
	memset(sp, 0, sizeof *sp);
}

/* One line of the input. */
struct line {
	const char *s;
	size_t n, no;
};

/* The turn being built. */
struct turn {
	char *speaker; /* NULL: none yet */
	bool open;
	unsigned long start; /* seconds */
	struct buf text;
};

struct rd {
	const char *file;
	struct diag *d;
	bool vtt, timestamps;
	struct buf *out;
	struct sub_speakers *sp;
	struct turn t;
	size_t turns;
	int bad;
};

static bool has_arrow(const struct line *l)
{
	for (size_t k = 0; k + 3 <= l->n; k++)
		if (!memcmp(l->s + k, "-->", 3))
			return true;
	return false;
}

static bool digit(char c)
{
	return c >= '0' && c <= '9';
}

/* A timestamp at s[*i]: [hh:]mm:ss(.|,)mmm (hours any number of digits).
 * Returns seconds, or -1. */
static long timestamp(const char *s, size_t n, size_t *i)
{
	unsigned long part[3];
	int np = 0;
	size_t k = *i;
	for (;;) {
		size_t st = k;
		unsigned long v = 0;
		while (k < n && digit(s[k]) && k - st < 9)
			v = v * 10 + (unsigned long)(s[k++] - '0');
		if (k == st || np == 3)
			return -1;
		part[np++] = v;
		if (k < n && s[k] == ':') {
			k++;
			continue;
		}
		break;
	}
	if (np < 2 || k >= n || (s[k] != '.' && s[k] != ','))
		return -1;
	k++;
	size_t st = k;
	while (k < n && digit(s[k]))
		k++;
	if (k == st)
		return -1;
	*i = k;
	unsigned long h = np == 3 ? part[0] : 0, m = part[np - 2], sec = part[np - 1];
	if (m > 59 || sec > 59)
		return -1;
	return (long)(h * 3600 + m * 60 + sec);
}

/* The timing line "START --> END [settings]"; returns the start, or -1
 * after reporting. */
static long timing(struct rd *r, const struct line *l)
{
	size_t i = 0;
	while (i < l->n && (l->s[i] == ' ' || l->s[i] == '\t'))
		i++;
	long a = timestamp(l->s, l->n, &i);
	while (i < l->n && (l->s[i] == ' ' || l->s[i] == '\t'))
		i++;
	bool arrow = a >= 0 && i + 3 <= l->n && !memcmp(l->s + i, "-->", 3);
	if (arrow) {
		i += 3;
		while (i < l->n && (l->s[i] == ' ' || l->s[i] == '\t'))
			i++;
	}
	if (!arrow || timestamp(l->s, l->n, &i) < 0) {
		char *why = xasprintf("cannot read the cue timing (expected %s)",
		                      r->vtt ? "hh:mm:ss.mmm --> hh:mm:ss.mmm"
		                             : "hh:mm:ss,mmm --> hh:mm:ss,mmm");
		diag_at(r->d, D_ADD_SUBTITLE, r->file, l->no, 1, why);
		free(why);
		r->bad = 1;
		return -1;
	}
	return a;
}

static void end_turn(struct rd *r)
{
	struct turn *t = &r->t;
	if (t->open && t->text.len) {
		if (r->turns++)
			buf_putc(r->out, '\n');
		if (t->speaker)
			buf_printf(r->out, "%s: ", t->speaker);
		if (r->timestamps)
			buf_printf(r->out, "[%02lu:%02lu:%02lu] ", t->start / 3600, t->start / 60 % 60,
			           t->start % 60);
		buf_add(r->out, t->text.data, t->text.len);
		buf_putc(r->out, '\n');
	}
	t->text.len = 0;
	t->open = false;
}

static void note_speaker(struct rd *r, const char *name)
{
	for (size_t i = 0; i < r->sp->n; i++)
		if (!strcmp(r->sp->v[i], name))
			return;
	ARRAY_PUSH(r->sp->v, r->sp->n, r->sp->cap, xstrdup(name));
}

/* Text of a cue line into b: tags and overrides removed, references
 * decoded; a voice span's name into *voice (caller frees). */
static void cue_text(struct rd *r, const char *s, size_t n, struct buf *b, char **voice)
{
	for (size_t i = 0; i < n;) {
		char c = s[i];
		if (c == '<') {
			const char *e = memchr(s + i, '>', n - i);
			size_t end = e ? (size_t)(e - s) : n;
			if (r->vtt && !*voice && end > i + 1 && s[i + 1] == 'v' &&
			    (i + 2 == end || s[i + 2] == ' ' || s[i + 2] == '.' || s[i + 2] == '\t')) {
				size_t k = i + 2;
				while (k < end && s[k] != ' ' && s[k] != '\t')
					k++; /* the classes */
				while (k < end && (s[k] == ' ' || s[k] == '\t'))
					k++;
				size_t ke = end;
				while (ke > k && (s[ke - 1] == ' ' || s[ke - 1] == '\t'))
					ke--;
				if (ke > k)
					*voice = xstrndup(s + k, ke - k);
			}
			i = e ? end + 1 : n;
			continue;
		}
		if (c == '{' && !r->vtt && i + 1 < n && s[i + 1] == '\\') {
			const char *e = memchr(s + i, '}', n - i);
			if (e) {
				i = (size_t)(e - s) + 1;
				continue;
			}
		}
		if (c == '&' && r->vtt) {
			static const struct {
				const char *name, *text;
			} ref[] = {{"&amp;", "&"}, {"&lt;", "<"}, {"&gt;", ">"}, {"&nbsp;", "\xC2\xA0"},
			           {"&lrm;", ""}, {"&rlm;", ""}, {"&quot;", "\""}, {"&apos;", "'"}};
			bool done = false;
			for (size_t k = 0; k < sizeof ref / sizeof *ref && !done; k++) {
				size_t kl = strlen(ref[k].name);
				if (n - i >= kl && !memcmp(s + i, ref[k].name, kl)) {
					buf_puts(b, ref[k].text);
					i += kl;
					done = true;
				}
			}
			if (!done && i + 2 < n && s[i + 1] == '#') {
				size_t k = i + 2;
				bool hex = s[k] == 'x' || s[k] == 'X';
				unsigned long v = 0;
				k += hex;
				size_t st = k;
				while (k < n && k - st < 7 &&
				       (digit(s[k]) || (hex && strchr("abcdefABCDEF", s[k]) && s[k])))
					v = v * (hex ? 16 : 10) +
					    (unsigned long)(digit(s[k]) ? s[k] - '0' : (s[k] | 0x20) - 'a' + 10),
					k++;
				if (k > st && k < n && s[k] == ';' && v >= 0x20 && v <= 0x10FFFF &&
				    !(v >= 0xD800 && v <= 0xDFFF) && !(v >= 0x7F && v < 0xA0)) {
					char u[4];
					size_t ul;
					if (v < 0x80)
						u[0] = (char)v, ul = 1;
					else if (v < 0x800)
						u[0] = (char)(0xC0 | v >> 6), u[1] = (char)(0x80 | (v & 0x3F)), ul = 2;
					else if (v < 0x10000)
						u[0] = (char)(0xE0 | v >> 12), u[1] = (char)(0x80 | (v >> 6 & 0x3F)),
						u[2] = (char)(0x80 | (v & 0x3F)), ul = 3;
					else
						u[0] = (char)(0xF0 | v >> 18), u[1] = (char)(0x80 | (v >> 12 & 0x3F)),
						u[2] = (char)(0x80 | (v >> 6 & 0x3F)), u[3] = (char)(0x80 | (v & 0x3F)),
						ul = 4;
					buf_add(b, u, ul);
					i = k + 1;
					done = true;
				}
			}
			if (done)
				continue;
		}
		buf_putc(b, c);
		i++;
	}
}

/* Append text (n bytes) to the current turn, one space between pieces;
 * surrounding blanks dropped, inner runs of blanks kept. */
static void add_text(struct turn *t, const char *s, size_t n)
{
	while (n && (*s == ' ' || *s == '\t'))
		s++, n--;
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	if (!n)
		return;
	if (t->text.len)
		buf_putc(&t->text, ' ');
	buf_add(&t->text, s, n);
}

static void speaker_is(struct rd *r, const char *name, long start)
{
	struct turn *t = &r->t;
	bool same = t->open && ((!name && !t->speaker) || (name && t->speaker && !strcmp(name, t->speaker)));
	if (same)
		return;
	end_turn(r);
	free(t->speaker);
	t->speaker = name ? xstrdup(name) : NULL;
	t->start = (unsigned long)start;
	t->open = true;
	if (name)
		note_speaker(r, name);
}

/* One cue: lines[0] is its timing line, the rest its text. */
static void cue(struct rd *r, const struct line *l, size_t nl)
{
	long start = timing(r, &l[0]);
	if (start < 0)
		return;
	struct buf b;
	buf_init(&b);
	for (size_t k = 1; k < nl; k++) {
		char *voice = NULL;
		b.len = 0;
		cue_text(r, l[k].s, l[k].n, &b, &voice);
		if (!b.data)
			buf_add(&b, "", 0);
		const char *s = b.data;
		size_t n = b.len;
		while (n && (*s == ' ' || *s == '\t'))
			s++, n--;
		size_t lab = voice ? 0 : speaker_label(s, n);
		if (lab) {
			voice = xstrndup(s, lab);
			s += lab + 1, n -= lab + 1;
		}
		if (voice)
			speaker_is(r, voice, start);
		else if (!r->t.open)
			speaker_is(r, NULL, start);
		add_text(&r->t, s, n);
		free(voice);
	}
	buf_free(&b);
}

int subtitle_text(const char *s, size_t n, bool vtt, bool timestamps, const char *file,
                  struct buf *out, struct sub_speakers *speakers, struct diag *d)
{
	struct rd r = {.file = file, .d = d, .vtt = vtt, .timestamps = timestamps,
	               .out = out, .sp = speakers};
	buf_init(&r.t.text);
	struct line *lines = NULL;
	size_t nl = 0, cap = 0;
	for (size_t i = 0, no = 1; i < n; no++) {
		const char *e = memchr(s + i, '\n', n - i);
		size_t end = e ? (size_t)(e - s) : n;
		struct line l = {s + i, end - i, no};
		ARRAY_PUSH(lines, nl, cap, l);
		i = e ? end + 1 : n;
	}
	size_t i = 0;
	if (vtt) {
		if (!nl || lines[0].n < 6 || memcmp(lines[0].s, "WEBVTT", 6) ||
		    (lines[0].n > 6 && lines[0].s[6] != ' ' && lines[0].s[6] != '\t')) {
			diag_at(d, D_ADD_SUBTITLE, file, 1, 1,
			        "not a WebVTT file: the first line must be WEBVTT");
			free(lines);
			buf_free(&r.t.text);
			return -1;
		}
		while (i < nl && lines[i].n)
			i++; /* the header block */
	}
	while (i < nl) {
		while (i < nl && !lines[i].n)
			i++;
		size_t b = i;
		while (i < nl && lines[i].n)
			i++;
		if (b == i)
			break;
		/* a block: NOTE, STYLE, REGION, or a cue (an identifier line,
		 * SRT's number, then the timing) */
		if (vtt && ((lines[b].n >= 4 && !memcmp(lines[b].s, "NOTE", 4) &&
		             (lines[b].n == 4 || lines[b].s[4] == ' ' || lines[b].s[4] == '\t')) ||
		            (lines[b].n == 5 && !memcmp(lines[b].s, "STYLE", 5)) ||
		            (lines[b].n == 6 && !memcmp(lines[b].s, "REGION", 6))))
			continue;
		size_t t = b;
		while (t < i && t < b + 2 && !has_arrow(&lines[t]))
			t++;
		if (t == i || t == b + 2) {
			diag_at(d, D_ADD_SUBTITLE, file, lines[b].no, 1,
			        "a block without a cue timing line (START --> END)");
			r.bad = 1;
			continue;
		}
		cue(&r, lines + t, i - t);
	}
	end_turn(&r);
	free(r.t.speaker);
	buf_free(&r.t.text);
	free(lines);
	return r.bad ? -1 : 0;
}
