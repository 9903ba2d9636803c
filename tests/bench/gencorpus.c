/* gencorpus.c - write a synthetic, valid sitat evidence store for benchmarks.
 *
 *   gencorpus --out DIR --sources N --codings M --mb T [--seed S]
 *
 * DIR must not exist or be empty.  The store has N sources (about a
 * quarter documents, the rest interviews), M coded segments in all, and
 * about T megabytes (10^6 bytes) on disk, texts and JSON together.  The
 * output depends on the arguments only (own PRNG, splitmix64): the same
 * seed gives the same bytes on every machine.
 *
 * The shape follows evidence/README.md: Norwegian-like text (words built
 * from syllables and common words, with æ ø å, « », – and …), hard-wrapped
 * lines of 70-78 code points, interviews made of INT:/INF: turns,
 * documents with sections, a page every ~40 lines (a FORM FEED before
 * the first character of each page after the first, as pdftotext writes
 * it; sources/ID.json lists one label per page) and an inline "bib"
 * object; 4-6 research questions; a three-level codebook of 30-60 codes;
 * quotes from a few words to about a page (log-normal lengths), sorted by
 * start, anchored by code point (NFC; only precomposed letters are used)
 * with 32 code points of context.  JSON is written with two-space
 * indentation, one key per line.
 *
 * Only libc: cc -O2 -std=c11 -o build/gencorpus tests/bench/gencorpus.c */
#define _POSIX_C_SOURCE 200809L

#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* ---- PRNG: splitmix64 ---------------------------------------------------- */

static uint64_t rng_state;

static uint64_t rnd(void)
{
	uint64_t z = (rng_state += 0x9E3779B97F4A7C15ULL);
	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
	return z ^ (z >> 31);
}

/* uniform in [0, n) */
static size_t rn(size_t n)
{
	return n ? (size_t)(rnd() % n) : 0;
}

/* uniform in [lo, hi] */
static size_t rr(size_t lo, size_t hi)
{
	return lo + rn(hi - lo + 1);
}

/* uniform in [0, 1) */
static double ru(void)
{
	return (double)(rnd() >> 11) * (1.0 / 9007199254740992.0);
}

static int chance(double p)
{
	return ru() < p;
}

/* Zipf-like pick in [0, n): small indices are frequent. */
static size_t zipf(size_t n)
{
	double u = ru();
	return (size_t)((double)n * u * u * u);
}

/* exp(x) without libm: range reduction by ln 2, then a Taylor series. */
static double my_exp(double x)
{
	const double ln2 = 0.69314718055994530942;
	int k = (int)(x / ln2 + (x < 0 ? -0.5 : 0.5));
	double r = x - k * ln2, term = 1, sum = 1;
	for (int i = 1; i < 16; i++) {
		term *= r / i;
		sum += term;
	}
	for (; k > 0; k--)
		sum *= 2;
	for (; k < 0; k++)
		sum /= 2;
	return sum;
}

/* standard normal, approximately (Irwin-Hall, 12 uniforms) */
static double normal(void)
{
	double s = 0;
	for (int i = 0; i < 12; i++)
		s += ru();
	return s - 6;
}

/* ---- growable byte buffer ----------------------------------------------- */

struct sbuf {
	char *p;
	size_t n, cap;
};

static void *xrealloc(void *p, size_t n)
{
	void *q = realloc(p, n ? n : 1);
	if (!q) {
		fprintf(stderr, "gencorpus: out of memory\n");
		exit(2);
	}
	return q;
}

static void sb_grow(struct sbuf *b, size_t add)
{
	if (b->n + add + 1 > b->cap) {
		size_t c = b->cap ? b->cap : 256;
		while (b->n + add + 1 > c)
			c *= 2;
		b->p = xrealloc(b->p, c);
		b->cap = c;
	}
}

static void sb_add(struct sbuf *b, const char *s, size_t n)
{
	sb_grow(b, n);
	memcpy(b->p + b->n, s, n);
	b->n += n;
	b->p[b->n] = 0;
}

static void sb_puts(struct sbuf *b, const char *s)
{
	sb_add(b, s, strlen(s));
}

static void sb_putc(struct sbuf *b, char c)
{
	sb_grow(b, 1);
	b->p[b->n++] = c;
	b->p[b->n] = 0;
}

static void sb_printf(struct sbuf *b, const char *fmt, ...)
{
	va_list ap;
	char tmp[256];
	va_start(ap, fmt);
	int n = vsnprintf(tmp, sizeof tmp, fmt, ap);
	va_end(ap);
	if (n < 0 || (size_t)n >= sizeof tmp) {
		fprintf(stderr, "gencorpus: internal error (format)\n");
		exit(2);
	}
	sb_add(b, tmp, (size_t)n);
}

static size_t cp_count(const char *s, size_t n)
{
	size_t k = 0;
	for (size_t i = 0; i < n; i++)
		k += ((unsigned char)s[i] & 0xC0) != 0x80;
	return k;
}

/* Upper-case the letter at s (ASCII, or a two-byte Latin-1 letter such as
 * æ ø å é); s must hold a whole character. */
static void capitalize(char *s)
{
	unsigned char *u = (unsigned char *)s;
	if (u[0] >= 'a' && u[0] <= 'z')
		u[0] = (unsigned char)(u[0] - 32);
	else if (u[0] == 0xC3 && u[1] >= 0xA0 && u[1] <= 0xBE && u[1] != 0xB7)
		u[1] = (unsigned char)(u[1] - 0x20);
}

/* ---- words ---------------------------------------------------------------- */

static const char *const common[] = {
	"og", "det", "er", "i", "på", "at", "som", "en", "til", "vi", "jeg",
	"har", "de", "for", "med", "ikke", "så", "jo", "men", "den", "var",
	"om", "av", "et", "kan", "skal", "vil", "må", "få", "blir", "der",
	"noe", "litt", "mer", "nå", "også", "når", "hvis", "eller", "hva",
	"hvordan", "fordi", "selv", "sammen", "mange", "alle", "andre", "både",
	"ganske", "egentlig", "liksom", "altså", "kanskje", "gjennom", "etter",
	"før", "under", "mellom", "hele", "første", "siste", "vår", "våre",
	"deres", "sånn", "sånt", "ja", "nei", "godt", "bedre", "større",
	"øvrig", "særlig", "idé",
};
#define NCOMMON (sizeof common / sizeof *common)

static const char *const content[] = {
	"kommunen", "innbyggerne", "samskaping", "tjenestene", "ledelsen",
	"medarbeiderne", "arbeidet", "prosjektet", "frivillige", "økonomien",
	"løsninger", "møtene", "tilbudet", "ansvaret", "erfaringen",
	"kompetanse", "tilliten", "budsjettet", "omstillingen", "nærmiljøet",
	"pårørende", "hjemmetjenesten", "bydelen", "skolen", "barnehagen",
	"velferd", "helse", "frivilligheten", "lag", "foreninger",
	"nettverket", "arenaer", "verktøy", "dialog", "medvirkning",
	"innovasjon", "ressurser", "eldrebølgen", "prioriteringer", "målene",
	"styringen", "rapportering", "kulturen", "rollen", "lederne",
	"politikerne", "kommunestyret", "forventninger", "spørsmålet",
	"utfordringen", "muligheter", "fellesskapet", "tjenesteutvikling",
	"brukerne", "kartlegging", "oppfølging", "samarbeidet", "involvering",
	"åpenhet", "læring", "endringene", "hverdagen", "bærekraft",
};
#define NCONTENT (sizeof content / sizeof *content)

static const char *const onset[] = {
	"b", "d", "f", "g", "h", "j", "k", "l", "m", "n", "p", "r", "s", "t",
	"v", "sk", "st", "sp", "br", "fr", "gr", "kr", "pr", "tr", "bl", "fl",
	"kl", "pl", "sl", "sn", "sv", "kj", "skj", "",
};
static const char *const vowel[] = {
	"a", "e", "i", "o", "u", "y", "æ", "ø", "å", "ei", "øy", "au", "a",
	"e", "e", "o", "i",
};
static const char *const coda[] = {
	"n", "r", "s", "t", "l", "m", "k", "g", "nd", "ng", "kk", "tt", "ll",
	"nn", "st", "rt", "", "", "",
};
static const char *const suffixes[] = {
	"ing", "else", "het", "skap", "en", "ene", "et", "er", "lig", "isk",
	"ende", "te", "",
};
#define N(a) (sizeof a / sizeof *a)

/* A synthetic word of 1-4 syllables; ascii: no æ ø å (for ids). */
static void syn_word(struct sbuf *b, int ascii)
{
	size_t ns = 1 + zipf(4);
	for (size_t i = 0; i < ns; i++) {
		const char *o = onset[rn(N(onset))];
		/* no triple consonants across syllables (ll + l) */
		if (!(i && b->n && o[0] && b->p[b->n - 1] == o[0]))
			sb_puts(b, o);
		const char *v = vowel[rn(N(vowel))];
		if (ascii && (unsigned char)v[0] >= 0x80)
			v = "a";
		sb_puts(b, v);
		if (chance(0.6))
			sb_puts(b, coda[rn(N(coda))]);
	}
	if (chance(0.3))
		sb_puts(b, suffixes[rn(N(suffixes))]);
}

/* One word of running text. */
static void word(struct sbuf *b)
{
	double u = ru();
	if (u < 0.5)
		sb_puts(b, common[zipf(NCOMMON)]);
	else if (u < 0.75)
		sb_puts(b, content[rn(NCONTENT)]);
	else
		syn_word(b, 0);
}

/* A capitalized phrase of n words (names, titles). */
static void phrase(struct sbuf *b, size_t n)
{
	size_t at = b->n;
	for (size_t i = 0; i < n; i++) {
		if (i)
			sb_putc(b, ' ');
		if (i == 0 || chance(0.3))
			syn_word(b, 0);
		else
			word(b);
	}
	capitalize(b->p + at);
}

/* A plain sentence into b (for descriptions, memos, questions). */
static void sentence_plain(struct sbuf *b, size_t lo, size_t hi, char end)
{
	size_t n = rr(lo, hi), at = b->n;
	for (size_t i = 0; i < n; i++) {
		if (i)
			sb_putc(b, ' ');
		word(b);
		if (i + 1 < n && i > 1 && chance(0.08))
			sb_putc(b, ',');
	}
	capitalize(b->p + at);
	sb_putc(b, end);
}

/* ---- JSON output ------------------------------------------------------------ */

static FILE *xopen(const char *path)
{
	FILE *f = fopen(path, "wb");
	if (!f) {
		fprintf(stderr, "gencorpus: %s: %s\n", path, strerror(errno));
		exit(2);
	}
	setvbuf(f, NULL, _IOFBF, 1 << 20);
	return f;
}

static uint64_t bytes_written;

static void xclose(FILE *f, const char *path)
{
	long pos = ftell(f);
	if (pos > 0)
		bytes_written += (uint64_t)pos;
	if (ferror(f) | fclose(f)) {
		fprintf(stderr, "gencorpus: %s: write error\n", path);
		exit(2);
	}
}

/* A JSON string literal: " \ and control characters escaped. */
static void jstr(FILE *f, const char *s, size_t n)
{
	static const char hex[] = "0123456789abcdef";
	putc('"', f);
	size_t run = 0;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c >= 0x20 && c != '"' && c != '\\') {
			run++;
			continue;
		}
		fwrite(s + i - run, 1, run, f);
		run = 0;
		switch (c) {
		case '"': fputs("\\\"", f); break;
		case '\\': fputs("\\\\", f); break;
		case '\n': fputs("\\n", f); break;
		case '\t': fputs("\\t", f); break;
		case '\f': fputs("\\f", f); break;
		default:
			fputs("\\u00", f);
			putc(hex[c >> 4], f);
			putc(hex[c & 15], f);
		}
	}
	fwrite(s + n - run, 1, run, f);
	putc('"', f);
}

/* "key": "value" on one line at the given indent; comma when more follow. */
static void jkv(FILE *f, int ind, const char *key, const char *v, int more)
{
	fprintf(f, "%*s\"%s\": ", ind, "", key);
	jstr(f, v, strlen(v));
	fputs(more ? ",\n" : "\n", f);
}

/* ---- the store -------------------------------------------------------------- */

struct code {
	char id[64];
	char *name, *desc;
	int parent; /* -1: top */
	int depth;
	unsigned rqmask;
	int color;
};

static int nrq;
static struct code *codes;
static int ncodes;
static int *code_pick; /* codes in a random order, for Zipf picks */

static int popcount(unsigned m)
{
	int n = 0;
	for (; m; m &= m - 1)
		n++;
	return n;
}

static char *sb_take(struct sbuf *b)
{
	char *p = b->p ? b->p : calloc(1, 1);
	memset(b, 0, sizeof *b);
	return p;
}

static void write_project(const char *dir)
{
	char path[4096];
	snprintf(path, sizeof path, "%s/project.json", dir);
	FILE *f = xopen(path);
	struct sbuf t = {0};
	fputs("{\n", f);
	jkv(f, 2, "format", "sitat-store/1", 1);
	sb_puts(&t, "Syntetisk korpus: ");
	phrase(&t, rr(3, 6));
	jkv(f, 2, "title", t.p, 1);
	t.n = 0;
	jkv(f, 2, "author", "Benchmarkkandidat", 1);
	jkv(f, 2, "language", "nb", 1);
	fputs("  \"research_questions\": [\n", f);
	nrq = (int)rr(4, 6);
	for (int i = 0; i < nrq; i++) {
		char id[16];
		snprintf(id, sizeof id, "rq%d", i + 1);
		fputs("    {\n", f);
		jkv(f, 6, "id", id, 1);
		t.n = 0;
		phrase(&t, rr(1, 2));
		jkv(f, 6, "label", t.p, 1);
		t.n = 0;
		static const char *const q[] = {"Hvordan", "Hvilke", "Hva", "Hvorfor",
			"På hvilken måte"};
		sb_puts(&t, q[rn(N(q))]);
		sb_putc(&t, ' ');
		size_t at = t.n;
		sentence_plain(&t, 8, 16, '?');
		/* the sentence capitalized its first word; undo that */
		unsigned char *u = (unsigned char *)t.p + at;
		if (u[0] >= 'A' && u[0] <= 'Z')
			u[0] = (unsigned char)(u[0] + 32);
		else if (u[0] == 0xC3 && u[1] >= 0x80 && u[1] <= 0x9E && u[1] != 0x97)
			u[1] = (unsigned char)(u[1] + 0x20);
		jkv(f, 6, "question", t.p, 0);
		fputs(i + 1 < nrq ? "    },\n" : "    }\n", f);
	}
	fputs("  ],\n  \"audit\": {}\n}\n", f);
	free(t.p);
	xclose(f, path);
}

static void code_id(struct code *c, int k)
{
	struct sbuf t = {0};
	for (;;) {
		t.n = 0;
		syn_word(&t, 1);
		if (chance(0.4)) {
			sb_putc(&t, '-');
			syn_word(&t, 1);
		}
		if (t.n >= 4 && t.n < 60)
			break;
	}
	snprintf(c->id, sizeof c->id, "%s", t.p);
	/* unique: append -2, -3, ... */
	for (int n = 2;; n++) {
		int dup = 0;
		for (int i = 0; i < k && !dup; i++)
			dup = strcmp(codes[i].id, c->id) == 0;
		if (!dup)
			break;
		snprintf(c->id, sizeof c->id, "%.50s-%d", t.p, n);
	}
	free(t.p);
}

/* Children of p in creation order are written after p (depth first). */
static void write_code_tree(FILE *f, int p, int *first)
{
	for (int k = 0; k < ncodes; k++) {
		struct code *c = &codes[k];
		if (c->parent != p)
			continue;
		fputs(*first ? "    {\n" : ",\n    {\n", f);
		*first = 0;
		jkv(f, 6, "id", c->id, 1);
		jkv(f, 6, "name", c->name, 1);
		jkv(f, 6, "description", c->desc, 1);
		if (c->parent >= 0)
			jkv(f, 6, "parent", codes[c->parent].id, 1);
		fputs("      \"rq\": [\n", f);
		int left = popcount(c->rqmask);
		for (int r = 0; r < nrq; r++)
			if (c->rqmask & (1u << r))
				fprintf(f, "        \"rq%d\"%s\n", r + 1, --left ? "," : "");
		if (c->color >= 0) {
			fputs("      ],\n", f);
			char col[8];
			snprintf(col, sizeof col, "#%06x", (unsigned)c->color);
			jkv(f, 6, "color", col, 0);
		} else {
			fputs("      ]\n", f);
		}
		fputs("    }", f);
		write_code_tree(f, k, first);
	}
}

static void write_codebook(const char *dir)
{
	ncodes = (int)rr(30, 60);
	codes = calloc((size_t)ncodes, sizeof *codes);
	int ntop = (int)rr((size_t)nrq, (size_t)nrq + 3);
	struct sbuf t = {0};
	for (int k = 0; k < ncodes; k++) {
		struct code *c = &codes[k];
		c->color = -1;
		if (k < ntop) {
			c->parent = -1;
			c->depth = 0;
			c->rqmask = 1u << (k % nrq);
			if (chance(0.4))
				c->rqmask |= 1u << rn((size_t)nrq);
			c->color = (int)(rnd() & 0xFFFFFF);
		} else {
			/* a parent of depth 0 or 1; the first few second-level
			 * codes make sure there is a third level */
			int p;
			do
				p = (int)rn((size_t)k);
			while (codes[p].depth > 1 || (k == ntop + 3 && codes[p].depth != 1));
			c->parent = p;
			c->depth = codes[p].depth + 1;
			c->rqmask = codes[p].rqmask;
			if (popcount(c->rqmask) > 1 && chance(0.5)) {
				/* keep one of the parent's questions */
				unsigned m;
				do
					m = 1u << rn((size_t)nrq);
				while (!(m & c->rqmask));
				c->rqmask = m;
			}
			if (chance(0.1))
				c->rqmask |= 1u << rn((size_t)nrq);
		}
		code_id(c, k);
		t.n = 0;
		phrase(&t, rr(1, 4));
		c->name = sb_take(&t);
		sentence_plain(&t, 6, 18, '.');
		c->desc = sb_take(&t);
	}
	free(t.p);
	code_pick = malloc((size_t)ncodes * sizeof *code_pick);
	for (int k = 0; k < ncodes; k++)
		code_pick[k] = k;
	for (int k = ncodes - 1; k > 0; k--) {
		int j = (int)rn((size_t)k + 1), x = code_pick[k];
		code_pick[k] = code_pick[j];
		code_pick[j] = x;
	}

	char path[4096];
	snprintf(path, sizeof path, "%s/codebook.json", dir);
	FILE *f = xopen(path);
	fputs("{\n", f);
	jkv(f, 2, "format", "sitat-codebook/1", 1);
	fputs("  \"codes\": [\n", f);
	int first = 1;
	write_code_tree(f, -1, &first);
	fputs("\n  ]\n}\n", f);
	xclose(f, path);
}

/* ---- texts -------------------------------------------------------------------- */

/* A token of the text: its byte and code point span; quotable tokens may
 * start a quote (running text of informants and documents). */
struct tok {
	size_t b, be, c, ce;
	int quotable;
};

struct page {
	size_t line;
};

struct text {
	struct sbuf s;
	size_t cp;       /* code points so far */
	size_t line;     /* current line, from 1 */
	size_t linelen;  /* code points on the current line */
	size_t width;    /* wrap width of the current paragraph */
	struct tok *toks;
	size_t ntoks, captoks;
	int document;
	size_t *pages, npages, cappages, pagelen; /* first line of each page */
	int ff;          /* a page is full: a form feed before the next token */
};

static void t_newline(struct text *t)
{
	sb_putc(&t->s, '\n');
	t->cp++;
	t->line++;
	t->linelen = 0;
	if (t->document && !t->ff && t->line - t->pages[t->npages - 1] >= t->pagelen)
		t->ff = 1;
}

/* The form feed that starts a page, before its first token (so a text
 * never ends in an empty page). */
static void t_page(struct text *t)
{
	t->ff = 0;
	sb_putc(&t->s, '\f');
	t->cp++;
	if (t->npages == t->cappages) {
		t->cappages *= 2;
		t->pages = xrealloc(t->pages, t->cappages * sizeof *t->pages);
	}
	t->pages[t->npages++] = t->line;
	t->pagelen = rr(36, 46);
}

/* Append a token (no spaces or newlines in it), wrapping the line. */
static void t_tok(struct text *t, const char *s, size_t n, int quotable)
{
	size_t ncp = cp_count(s, n);
	if (t->linelen > 0) {
		if (t->linelen + 1 + ncp > t->width) {
			t_newline(t);
		} else {
			sb_putc(&t->s, ' ');
			t->cp++;
			t->linelen++;
		}
	}
	if (t->ff)
		t_page(t);
	if (t->ntoks == t->captoks) {
		t->captoks = t->captoks ? t->captoks * 2 : 4096;
		t->toks = xrealloc(t->toks, t->captoks * sizeof *t->toks);
	}
	struct tok *k = &t->toks[t->ntoks++];
	k->b = t->s.n;
	k->c = t->cp;
	sb_add(&t->s, s, n);
	t->cp += ncp;
	t->linelen += ncp;
	k->be = t->s.n;
	k->ce = t->cp;
	k->quotable = quotable;
}

/* End the paragraph: end the line, then a blank line. */
static void t_par(struct text *t)
{
	if (t->linelen > 0)
		t_newline(t);
	t_newline(t);
	t->width = rr(70, 78);
}

/* A line on its own (headings). */
static void t_line(struct text *t, const char *s)
{
	if (t->linelen > 0)
		t_newline(t);
	size_t save = t->width;
	t->width = 1000;
	const char *p = s;
	while (*p) {
		const char *q = strchr(p, ' ');
		size_t n = q ? (size_t)(q - p) : strlen(p);
		t_tok(t, p, n, 0);
		p += n;
		while (*p == ' ')
			p++;
	}
	t->width = save;
	t_newline(t);
}

/* One sentence of running text as tokens. */
static void t_sentence(struct text *t, int interview, int quotable)
{
	static struct sbuf w;
	size_t n = 4 + zipf(20) + rn(6);
	int inq = 0, qleft = 0;
	for (size_t i = 0; i < n; i++) {
		w.n = 0;
		if (!inq && i + 3 < n && chance(0.012)) {
			sb_puts(&w, "«");
			inq = 1;
			qleft = (int)rr(1, 4);
		} else if (!inq && i > 0 && i + 3 < n && chance(0.003)) {
			sb_putc(&w, '"');
			inq = 2;
			qleft = (int)rr(1, 3);
		}
		size_t at = w.n;
		if (interview && i > 0 && chance(0.03)) {
			sb_puts(&w, "eh");
		} else if (interview && i > 0 && chance(0.004)) {
			static const char *const red[] = {"[anonymisert: arbeidsplass]",
				"[anonymisert: navn]", "[anonymisert: sted]"};
			/* a redaction: several tokens; emit the first words here */
			const char *r = red[rn(N(red))];
			t_tok(t, r, 13, quotable); /* "[anonymisert:" */
			sb_puts(&w, r + 14);
		} else if (!interview && chance(0.01)) {
			sb_printf(&w, "%zu", rr(2, 98));
			t_tok(t, w.p, w.n, quotable);
			w.n = 0;
			at = 0;
			sb_puts(&w, chance(0.5) ? "%" : "prosent");
		} else if (!interview && chance(0.002)) {
			t_tok(t, "§", 2, quotable);
			sb_printf(&w, "%zu", rr(1, 40));
		} else {
			word(&w);
		}
		if (i == 0)
			capitalize(w.p + at);
		if (inq && --qleft == 0) {
			sb_puts(&w, inq == 1 ? "»" : "\"");
			inq = 0;
		}
		if (i + 1 == n) {
			if (inq)
				sb_puts(&w, inq == 1 ? "»" : "\""), inq = 0;
			double u = ru();
			sb_puts(&w, u < 0.85 ? "." : u < 0.92 ? "?" : u < 0.96 ? "…" : "!");
		} else if (i > 0 && chance(0.07)) {
			sb_putc(&w, ',');
		}
		t_tok(t, w.p, w.n, quotable && i == 0 ? 2 : quotable);
		if (i + 2 < n && i > 0 && chance(interview ? 0.02 : 0.008))
			t_tok(t, "–", 3, quotable);
	}
}

static void t_init(struct text *t, int document)
{
	memset(t, 0, sizeof *t);
	t->line = 1;
	t->width = rr(70, 78);
	t->document = document;
	if (document) {
		t->cappages = 16;
		t->pages = xrealloc(NULL, t->cappages * sizeof *t->pages);
		t->pages[t->npages++] = 1;
		t->pagelen = rr(36, 46);
	}
}

static const char *const roles[] = {"politiker", "leder", "mellomleder",
	"medarbeider", "innbygger", "frivillig", "tillitsvalgt", "rådgiver"};
static const char *const sectors[] = {"Helse og velferd", "Oppvekst",
	"Kultur og fritid", "Plan og teknikk", "Politisk ledelse",
	"Sentraladministrasjonen", "Frivillig sektor", "Næring og samfunn"};

static void gen_interview(struct text *t, size_t target, size_t num,
                          const char *role)
{
	char head[128];
	snprintf(head, sizeof head, "Intervju %zu – %s", num, role);
	t_line(t, head);
	t_line(t, "Transkribert og anonymisert. Syntetisk benchmarkmateriale.");
	t_newline(t);
	while (t->s.n < target) {
		t_tok(t, "INT:", 4, 0);
		for (size_t k = rr(1, 2); k > 0; k--)
			t_sentence(t, 1, 0);
		t_par(t);
		t_tok(t, "INF:", 4, 0);
		for (size_t k = 1 + zipf(12); k > 0; k--)
			t_sentence(t, 1, 1);
		t_par(t);
	}
}

static void gen_document(struct text *t, size_t target, const char *title)
{
	static struct sbuf h;
	h.n = 0;
	phrase(&h, rr(1, 3));
	sb_puts(&h, " kommune");
	t_line(t, h.p);
	t_newline(t);
	t_line(t, title);
	t_newline(t);
	t_line(t, "Syntetisk dokument laget for sitats ytelsestester.");
	t_newline(t);
	size_t sec = 0, sub = 0;
	while (t->s.n < target) {
		h.n = 0;
		if (sec == 0 || chance(0.25)) {
			sb_printf(&h, "%zu ", ++sec);
			sub = 0;
		} else {
			sb_printf(&h, "%zu.%zu ", sec, ++sub);
		}
		phrase(&h, rr(1, 4));
		t_line(t, h.p);
		t_newline(t);
		for (size_t p = rr(1, 4); p > 0 && t->s.n < target; p--) {
			for (size_t k = rr(2, 8); k > 0; k--)
				t_sentence(t, 0, 1);
			t_par(t);
		}
	}
}

/* ---- codings ------------------------------------------------------------------ */

struct seg {
	size_t tok, len; /* start token, target length in code points */
};

/* by start, then length: the order sitat writes a codings file in (start,
 * end, id: core/storewrite.h), since ids are given in this order and a
 * longer quote from the same token never ends earlier */
static int cmp_seg(const void *a, const void *b)
{
	const struct seg *x = a, *y = b;
	if (x->tok != y->tok)
		return x->tok < y->tok ? -1 : 1;
	return x->len < y->len ? -1 : x->len > y->len;
}

/* quote length in code points: log-normal, median 140, clamped 15..3200 */
static size_t quote_len(void)
{
	double l = 140 * my_exp(1.0 * normal());
	return l < 15 ? 15 : l > 3200 ? 3200 : (size_t)l;
}

static void write_codings(const char *path, const char *sid, struct text *t,
                          size_t nseg)
{
	FILE *f = xopen(path);
	fputs("{\n", f);
	jkv(f, 2, "format", "sitat-codings/1", 1);
	jkv(f, 2, "source", sid, 1);
	jkv(f, 2, "unit", "codepoint-nfc", 1);
	if (!nseg) {
		fputs("  \"segments\": []\n}\n", f);
		xclose(f, path);
		return;
	}
	fputs("  \"segments\": [\n", f);
	/* quotable tokens, and those that start a sentence: most quotes
	 * start at a sentence, some in the middle of one */
	size_t *q = malloc(2 * t->ntoks * sizeof *q), nq = 0, ns = 0;
	size_t *qs = q + t->ntoks;
	for (size_t i = 0; i < t->ntoks; i++) {
		if (t->toks[i].quotable)
			q[nq++] = i;
		if (t->toks[i].quotable == 2)
			qs[ns++] = i;
	}
	if (!nq)
		for (size_t i = 0; i < t->ntoks; i++)
			q[nq++] = i;
	struct seg *sg = malloc(nseg * sizeof *sg);
	for (size_t i = 0; i < nseg; i++) {
		sg[i].tok = ns && chance(0.6) ? qs[rn(ns)] : q[rn(nq)];
		sg[i].len = quote_len();
	}
	qsort(sg, nseg, sizeof *sg, cmp_seg);
	int width = 3;
	for (size_t n = nseg; n >= 1000; n /= 10)
		width++;
	static struct sbuf memo;
	const char *s = t->s.p;
	size_t len = t->s.n;
	for (size_t i = 0; i < nseg; i++) {
		const struct tok *a = &t->toks[sg[i].tok];
		size_t e = sg[i].tok;
		while (e + 1 < t->ntoks && t->toks[e].ce - a->c < sg[i].len)
			e++;
		const struct tok *z = &t->toks[e];
		size_t sb = a->b, eb = z->be;
		size_t pb = sb, xb = eb;
		for (int k = 0; k < 32 && pb > 0; k++) {
			pb--;
			while (pb > 0 && ((unsigned char)s[pb] & 0xC0) == 0x80)
				pb--;
		}
		for (int k = 0; k < 32 && xb < len; k++) {
			xb++;
			while (xb < len && ((unsigned char)s[xb] & 0xC0) == 0x80)
				xb++;
		}
		fputs("    {\n", f);
		fprintf(f, "      \"id\": \"%s-%0*zu\",\n", sid, width, i + 1);
		fprintf(f, "      \"start\": %zu,\n      \"end\": %zu,\n", a->c, z->ce);
		fputs("      \"exact\": ", f);
		jstr(f, s + sb, eb - sb);
		if (pb < sb) {
			fputs(",\n      \"prefix\": ", f);
			jstr(f, s + pb, sb - pb);
		}
		if (xb > eb) {
			fputs(",\n      \"suffix\": ", f);
			jstr(f, s + eb, xb - eb);
		}
		fputs(",\n      \"codes\": [\n", f);
		int picked[3], np = 0, want = chance(0.55) ? 1 : chance(0.78) ? 2 : 3;
		if (want > ncodes)
			want = ncodes;
		while (np < want) {
			int c = code_pick[zipf((size_t)ncodes)], dup = 0;
			for (int k = 0; k < np; k++)
				dup |= picked[k] == c;
			if (!dup)
				picked[np++] = c;
		}
		for (int k = 0; k < np; k++)
			fprintf(f, "        \"%s\"%s\n", codes[picked[k]].id,
			        k + 1 < np ? "," : "");
		if (chance(0.2)) {
			fputs("      ],\n", f);
			memo.n = 0;
			sentence_plain(&memo, 5, 20, '.');
			jkv(f, 6, "memo", memo.p, 0);
		} else {
			fputs("      ]\n", f);
		}
		fputs(i + 1 < nseg ? "    },\n" : "    }\n", f);
	}
	fputs("  ]\n}\n", f);
	free(sg);
	free(q);
	xclose(f, path);
}

/* ---- sources ------------------------------------------------------------------ */

static void write_source_json(const char *path, const char *sid, int doc,
                              size_t num, const char *role, const char *title,
                              const struct text *t)
{
	FILE *f = xopen(path);
	char buf[64];
	fputs("{\n", f);
	jkv(f, 2, "format", "sitat-source/1", 1);
	jkv(f, 2, "id", sid, 1);
	jkv(f, 2, "kind", doc ? "document" : "interview", 1);
	if (doc) {
		jkv(f, 2, "label", title, 1);
	} else {
		snprintf(buf, sizeof buf, "Informant %zu", num);
		jkv(f, 2, "label", buf, 1);
	}
	fputs("  \"attributes\": {\n", f);
	if (doc) {
		static const char *const types[] = {"styringsdokument", "rapport",
			"plan", "saksframlegg", "evaluering", "notat"};
		jkv(f, 4, "type", types[rn(N(types))], 1);
		jkv(f, 4, "utgiver", "Syntetisk kommune", 0);
	} else {
		jkv(f, 4, "role", role, 1);
		jkv(f, 4, "sektor", sectors[rn(N(sectors))], 0);
	}
	fputs("  },\n", f);
	size_t year = rr(2018, 2023), month = rr(1, 12), day = rr(1, 28);
	if (doc && chance(0.5))
		snprintf(buf, sizeof buf, "%zu", year);
	else if (doc)
		snprintf(buf, sizeof buf, "%zu-%02zu", year, month);
	else
		snprintf(buf, sizeof buf, "%zu-%02zu-%02zu", year, month, day);
	jkv(f, 2, "date", buf, 1);
	snprintf(buf, sizeof buf, "%s.txt", sid);
	jkv(f, 2, "text", buf, !!doc);
	if (doc) {
		fputs("  \"bib\": {\n", f);
		jkv(f, 4, "type", chance(0.8) ? "report" : "misc", 1);
		if (chance(0.8)) {
			jkv(f, 4, "author", "Syntetisk kommune", 1);
		} else {
			static struct sbuf a;
			a.n = 0;
			phrase(&a, 1);
			sb_puts(&a, ", ");
			phrase(&a, 1);
			jkv(f, 4, "author", a.p, 1);
		}
		jkv(f, 4, "title", title, 1);
		snprintf(buf, sizeof buf, "%zu", year);
		jkv(f, 4, "year", buf, 1);
		jkv(f, 4, "note", "Syntetisk benchmarkdokument", 0);
		fputs("  },\n  \"pages\": [\n", f);
		/* one label per page: the text has npages - 1 form feeds */
		for (size_t i = 0; i < t->npages; i++)
			fprintf(f, "    {\n      \"label\": \"%zu\"\n    }%s\n", i + 1,
			        i + 1 < t->npages ? "," : "");
		fputs("  ]\n", f);
	}
	fputs("}\n", f);
	xclose(f, path);
}

static void write_file(const char *path, const char *data, size_t n)
{
	FILE *f = xopen(path);
	fwrite(data, 1, n, f);
	xclose(f, path);
}

static void usage(void)
{
	fputs("usage: gencorpus --out DIR --sources N --codings M --mb T [--seed S]\n"
	      "Write a synthetic valid sitat evidence store of N sources, M coded\n"
	      "segments and about T megabytes into DIR (new or empty).\n", stderr);
	exit(2);
}

static int empty_or_missing(const char *dir)
{
	DIR *d = opendir(dir);
	if (!d)
		return errno == ENOENT;
	struct dirent *e;
	int empty = 1;
	while ((e = readdir(d)))
		if (strcmp(e->d_name, ".") && strcmp(e->d_name, ".."))
			empty = 0;
	closedir(d);
	return empty;
}

static void xmkdir(const char *p)
{
	if (mkdir(p, 0755) < 0 && errno != EEXIST) {
		fprintf(stderr, "gencorpus: cannot create %s: %s\n", p, strerror(errno));
		exit(2);
	}
}

static unsigned long long num_arg(const char *opt, const char *v)
{
	char *end;
	errno = 0;
	unsigned long long n = strtoull(v, &end, 10);
	if (errno || end == v || *end || v[0] == '-') {
		fprintf(stderr, "gencorpus: %s needs a non-negative integer, not '%s'\n",
		        opt, v);
		exit(2);
	}
	return n;
}

int main(int argc, char **argv)
{
	const char *out = NULL;
	size_t nsrc = 0, ncod = 0;
	double mb = 0;
	unsigned long long seed = 1;
	int have_src = 0, have_cod = 0;
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		if (!strcmp(a, "-h") || !strcmp(a, "--help"))
			usage();
		if (i + 1 >= argc)
			usage();
		const char *v = argv[++i];
		if (!strcmp(a, "--out"))
			out = v;
		else if (!strcmp(a, "--sources"))
			nsrc = (size_t)num_arg(a, v), have_src = 1;
		else if (!strcmp(a, "--codings"))
			ncod = (size_t)num_arg(a, v), have_cod = 1;
		else if (!strcmp(a, "--mb")) {
			char *end;
			mb = strtod(v, &end);
			if (end == v || *end || !(mb > 0)) {
				fprintf(stderr, "gencorpus: --mb needs a positive number\n");
				exit(2);
			}
		} else if (!strcmp(a, "--seed"))
			seed = num_arg(a, v);
		else
			usage();
	}
	if (!out || !have_src || !have_cod || mb <= 0 || nsrc < 1)
		usage();
	if (!empty_or_missing(out)) {
		fprintf(stderr, "gencorpus: %s exists and is not empty\n", out);
		exit(2);
	}
	rng_state = seed;
	size_t plen = strlen(out) + 64;
	char *sdir = malloc(plen), *cdir = malloc(plen), *path = malloc(plen);
	snprintf(sdir, plen, "%s/sources", out);
	snprintf(cdir, plen, "%s/codings", out);
	xmkdir(out);
	xmkdir(sdir);
	xmkdir(cdir);
	write_project(out);
	write_codebook(out);

	/* sources: a quarter documents (at least one when N > 1) */
	size_t ndoc = nsrc / 4, nint = nsrc - ndoc;
	if (nsrc > 1 && ndoc == 0)
		ndoc = 1, nint = nsrc - 1;
	int iw = 3, dw = 3;
	for (size_t n = nint; n >= 1000; n /= 10)
		iw++;
	for (size_t n = ndoc; n >= 1000; n /= 10)
		dw++;
	/* weights: texts and codings are shared out in proportion */
	double *w = malloc(nsrc * sizeof *w), wsum = 0;
	for (size_t i = 0; i < nsrc; i++)
		wsum += (w[i] = 0.4 + 1.2 * ru());
	size_t *nseg = malloc(nsrc * sizeof *nseg);
	double cum = 0;
	size_t given = 0;
	for (size_t i = 0; i < nsrc; i++) {
		cum += w[i];
		size_t upto = i + 1 == nsrc ? ncod : (size_t)((double)ncod * cum / wsum + 0.5);
		nseg[i] = upto - given;
		given = upto;
	}

	double target = mb * 1e6;
	double est_seg = 520; /* bytes of JSON per segment; adapted as we go */
	uint64_t seg_bytes = 0, segs_done = 0;
	double wleft = wsum;
	size_t segs_left = ncod;
	struct sbuf title = {0};
	for (size_t i = 0; i < nsrc; i++) {
		int doc = i >= nint;
		size_t num = doc ? i - nint + 1 : i + 1;
		char sid[32];
		snprintf(sid, sizeof sid, "%c%0*zu", doc ? 'D' : 'I', doc ? dw : iw, num);
		/* the text budget of this source: what is left after the
		 * codings still to come, in proportion to the weight */
		double left = target - (double)bytes_written - est_seg * (double)segs_left
		              - 900.0 * (double)(nsrc - i);
		double tb = left * w[i] / wleft;
		size_t tmin = 3000 + 4 * nseg[i];
		size_t tbytes = tb < (double)tmin ? tmin : (size_t)tb;
		const char *role = roles[rn(N(roles))];
		title.n = 0;
		phrase(&title, rr(2, 6));

		struct text t;
		t_init(&t, doc);
		if (doc)
			gen_document(&t, tbytes, title.p);
		else
			gen_interview(&t, tbytes, num, role);
		/* the text ends with exactly one LF */
		while (t.s.n > 1 && t.s.p[t.s.n - 1] == '\n' && t.s.p[t.s.n - 2] == '\n') {
			t.s.n--;
			t.cp--;
			t.line--;
		}

		snprintf(path, plen, "%s/%s.txt", sdir, sid);
		write_file(path, t.s.p, t.s.n);
		snprintf(path, plen, "%s/%s.json", sdir, sid);
		write_source_json(path, sid, doc, num, role, title.p, &t);
		uint64_t before = bytes_written;
		snprintf(path, plen, "%s/%s.json", cdir, sid);
		write_codings(path, sid, &t, nseg[i]);
		if (nseg[i]) {
			seg_bytes += bytes_written - before;
			segs_done += nseg[i];
			est_seg = (double)seg_bytes / (double)segs_done;
		}
		segs_left -= nseg[i];
		wleft -= w[i];
		free(t.s.p);
		free(t.toks);
		free(t.pages);
	}
	fprintf(stderr, "gencorpus: %s: %zu sources (%zu interviews, %zu documents), "
	        "%d research questions, %d codes, %zu segments, %.1f MB\n",
	        out, nsrc, nint, ndoc, nrq, ncodes, ncod, (double)bytes_written / 1e6);
	if ((double)bytes_written > target * 1.1)
		fprintf(stderr, "gencorpus: note: %zu sources and %zu segments need more "
		        "than %.1f MB (at least 3000 bytes of text per source)\n",
		        nsrc, ncod, mb);
	free(title.p);
	free(w);
	free(nseg);
	free(sdir), free(cdir), free(path);
	for (int k = 0; k < ncodes; k++)
		free(codes[k].name), free(codes[k].desc);
	free(codes);
	free(code_pick);
	return 0;
}
