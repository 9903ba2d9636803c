/* cmd_add.c - sitat add interview|document FILE: a source into the store.
 * The file is read in its format (.txt, .docx, .vtt, .srt; .pdf for
 * documents: io/), normalised to the store's text rules (core/normalize.h),
 * an interview's speaker labels mapped to INT and INF (core/speaker.h) and
 * its lines hard-wrapped (core/wrap.h); sources/ID.txt and sources/ID.json
 * are written through cmd/storeedit.h (checked in memory first, nothing
 * written on any error, --dry-run shows the diff).  A summary says what
 * was added and every normalisation. */
#define _DEFAULT_SOURCE /* lstat */
#include "cmd/cmd.h"
#include "cmd/storeedit.h"
#include "core/infile.h"
#include "core/normalize.h"
#include "core/segment.h"
#include "core/speaker.h"
#include "core/storewrite.h"
#include "core/wrap.h"
#include "io/docx.h"
#include "io/pdftext.h"
#include "io/subtitle.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

struct add_opts {
	const char *store, *id, *label, *date, *format, *encoding, *width;
	const char *bibkey, *title, *author, *year, *type, *note;
	struct opt_list attr, speaker;
	bool no_timestamps, dry_run, quiet;
};

const struct opt add_options[] = {
	OPT_STORE(struct add_opts, store),
	OPT_STRING("id", 0, struct add_opts, id, "ID",
	           "the source's id (default: the next free I<n> or D<n>)"),
	OPT_STRING("label", 0, struct add_opts, label, "TEXT",
	           "the label printed in the thesis (default: Informant N; a document's title or file name)"),
	OPT_LIST("attr", 0, struct add_opts, attr, "KEY=VALUE",
	         "a case attribute, e.g. role=leader (repeatable)"),
	OPT_STRING("date", 0, struct add_opts, date, "DATE", "the date: YYYY, YYYY-MM or YYYY-MM-DD"),
	OPT_STRING("format", 0, struct add_opts, format, "FORMAT",
	           "the file's format: txt, docx, vtt, srt or pdf (default: by its extension)"),
	OPT_STRING("encoding", 0, struct add_opts, encoding, "NAME",
	           "a text file's encoding when not UTF-8 or UTF-16 with a BOM (iconv's name: windows-1252)"),
	OPT_LIST("speaker", 0, struct add_opts, speaker, "LABEL=INT|INF|-",
	         "interview: map a speaker label of the file to INT or INF (- : not a speaker) (repeatable)"),
	OPT_STRING("width", 0, struct add_opts, width, "N",
	           "interview: wrap lines to N code points (default: 76)"),
	OPT_FLAG("no-timestamps", 0, struct add_opts, no_timestamps,
	         "subtitles (.vtt, .srt): leave out the [hh:mm:ss] of each turn"),
	OPT_STRING("bibkey", 0, struct add_opts, bibkey, "KEY",
	           "document: its entry in the thesis's .bib (instead of --title ...)"),
	OPT_STRING("title", 0, struct add_opts, title, "TEXT",
	           "document: the title of the generated bib entry (default: the file name)"),
	OPT_STRING("author", 0, struct add_opts, author, "TEXT", "document: the author of the bib entry"),
	OPT_STRING("year", 0, struct add_opts, year, "YEAR", "document: the year of the bib entry"),
	OPT_STRING("type", 0, struct add_opts, type, "TYPE",
	           "document: the bib entry's type: report, misc, book, article or online (default: report)"),
	OPT_STRING("note", 0, struct add_opts, note, "TEXT", "document: a note in the bib entry"),
	OPT_DRYRUN(struct add_opts, dry_run),
	OPT_QUIET(struct add_opts, quiet, "print only problems"),
	OPT_END,
};

enum fmt { F_TXT, F_DOCX, F_VTT, F_SRT, F_PDF };
static const char *const fmt_names[] = {"txt", "docx", "vtt", "srt", "pdf", NULL};

static int fmt_of(const char *name)
{
	for (int i = 0; fmt_names[i]; i++)
		if (!strcasecmp(fmt_names[i], name))
			return i;
	return -1;
}

/* The format by the file's extension; plain text when it has none or an
 * unknown one. */
static enum fmt fmt_by_name(const char *path)
{
	const char *base = strrchr(path, '/');
	base = base ? base + 1 : path;
	const char *dot = strrchr(base, '.');
	int f = dot && dot != base ? fmt_of(dot + 1) : -1;
	return f < 0 ? F_TXT : (enum fmt)f;
}

/* The file name without directory and extension. */
static char *stem_of(const char *path)
{
	const char *base = strrchr(path, '/');
	base = base ? base + 1 : path;
	const char *dot = strrchr(base, '.');
	return dot && dot != base ? xstrndup(base, (size_t)(dot - base)) : xstrdup(base);
}

/* What was done, for the summary. */
struct report {
	struct norm n;          /* of the file as it came */
	size_t mapped, turns, wrapped;
	size_t ligatures;       /* T1 ligature codes of a PDF made letters */
	size_t trailing_ff;     /* form feeds at the end, removed */
	size_t nspeakers;
};

struct add {
	const struct add_opts *o;
	enum source_kind kind;
	enum fmt fmt;
	const char *file;
	struct diag d;
	struct report r;
	struct pdf_labels labels;
	struct sub_speakers voices;
	struct speaker_map *map;
	size_t nmap;
	size_t width;
};

/* The records of d at line:col of a PDF's text t (n bytes, a form feed
 * between pages) are put at "page LABEL, line L, column C" of that page. */
static void pdf_places(const struct add *a, const char *t, size_t n, struct diag *d)
{
	for (size_t k = 0; k < d->n; k++) {
		struct diag_rec *r = &d->recs[k];
		if (!r->line || r->where)
			continue;
		size_t line = 1, page = 0, first = 1; /* first: the line the page starts on */
		bool ff_on_line = false;
		for (size_t i = 0; i < n && line < r->line; i++) {
			if (t[i] == '\n') {
				line++;
				ff_on_line = false;
			} else if (t[i] == '\f') {
				page++, first = line, ff_on_line = true;
			}
		}
		/* a form feed at the start of the error's line counts one column */
		size_t col = r->col - (ff_on_line && page && r->col > 1);
		const char *lab = page < a->labels.n ? a->labels.v[page] : "?";
		r->where = xasprintf("page %s (PDF page %zu), line %zu, column %zu", lab, page + 1,
		                     r->line - first + 1, col);
		r->line = r->col = 0;
	}
}

/* Normalise in (n bytes) into out; returns 0 or -1 (reported). */
static int norm(struct add *a, const char *in, size_t n, const char *enc, bool first,
                struct buf *out)
{
	struct norm_opts no = {.encoding = enc, .allow_ff = a->kind == SRC_DOCUMENT,
	                       .what = a->kind == SRC_DOCUMENT ? "a document" : "an interview"};
	struct norm r;
	if (a->fmt == F_PDF) {
		/* a place in a PDF's text is said as its page and its line */
		struct diag d;
		diag_init(&d, NULL);
		int st = normalize(&r, in, n, &no, a->file, &d);
		pdf_places(a, in, n, &d);
		diag_merge(&a->d, &d);
		diag_free(&d);
		if (st < 0)
			return -1;
	} else if (normalize(&r, in, n, &no, a->file, &a->d) < 0) {
		return -1;
	}
	buf_add(out, r.data, r.len);
	if (first) {
		norm_free(&a->r.n);
		a->r.n = r;
	} else {
		a->r.n.nfc += r.nfc;
		norm_free(&r);
	}
	return 0;
}

/* The file's text in the store's form (before speakers and wrapping). */
static int read_text(struct add *a, const char *raw, size_t n, struct buf *out)
{
	struct buf tmp;
	buf_init(&tmp);
	int st = -1;
	switch (a->fmt) {
	case F_TXT:
		st = norm(a, raw, n, a->o->encoding, true, out);
		break;
	case F_DOCX:
		if (docx_text(raw, n, a->file, &tmp, &a->d) == 0)
			st = norm(a, tmp.data ? tmp.data : "", tmp.len, NULL, true, out);
		break;
	case F_VTT:
	case F_SRT:
		if (norm(a, raw, n, a->o->encoding, true, &tmp) == 0) {
			struct buf turns;
			buf_init(&turns);
			if (subtitle_text(tmp.data ? tmp.data : "", tmp.len, a->fmt == F_VTT,
			                  !a->o->no_timestamps, a->file, &turns, &a->voices, &a->d) == 0)
				st = norm(a, turns.data ? turns.data : "", turns.len, NULL, false, out);
			buf_free(&turns);
		}
		break;
	case F_PDF:
		if (pdf_text(raw, n, a->file, &tmp, &a->labels, &a->r.ligatures, &a->d) == 0)
			st = norm(a, tmp.data ? tmp.data : "", tmp.len, NULL, true, out);
		break;
	}
	buf_free(&tmp);
	return st;
}

/* Is there any text but white space? */
static bool has_text(const struct buf *b)
{
	for (size_t i = 0; i < b->len; i++)
		if (!strchr(" \t\n\f", b->data[i]))
			return true;
	return false;
}

/* --speaker LABEL=TO, every one; and the voices of a subtitle file as
 * labels to map.  Returns EXIT_OK or a usage error. */
static int parse_speakers(struct add *a)
{
	const struct opt_list *l = &a->o->speaker;
	a->map = xcalloc(l->n + 1, sizeof *a->map);
	for (size_t i = 0; i < l->n; i++) {
		const char *v = l->v[i], *eq = strrchr(v, '=');
		if (!eq || eq == v || (strcmp(eq + 1, "INT") && strcmp(eq + 1, "INF") && strcmp(eq + 1, "-")))
			return opt_usage_error("add", "--speaker '%s': give LABEL=INT, LABEL=INF or LABEL=-", v);
		char *lab = xstrndup(v, (size_t)(eq - v));
		for (size_t k = 0; k < a->nmap; k++)
			if (!strcmp(a->map[k].label, lab)) {
				free(lab);
				return opt_usage_error("add", "--speaker: label '%.*s' is mapped twice",
				                       (int)(eq - v), v);
			}
		a->map[a->nmap].label = lab;
		a->map[a->nmap++].to = eq + 1;
	}
	return EXIT_OK;
}

/* A voice of a subtitle file must be mapped even when it does not look
 * like a label (the rule of core/speaker.h is for plain text). */
static size_t check_voices(struct add *a)
{
	size_t bad = 0;
	struct buf all;
	buf_init(&all);
	for (size_t i = 0; i < a->voices.n; i++)
		buf_printf(&all, "%s'%s'", i ? ", " : "", a->voices.v[i]);
	for (size_t i = 0; i < a->voices.n; i++) {
		const char *v = a->voices.v[i];
		bool ok = !strcmp(v, "INT") || !strcmp(v, "INF");
		for (size_t k = 0; k < a->nmap && !ok; k++)
			ok = !strcmp(a->map[k].label, v) && strcmp(a->map[k].to, "-");
		if (!ok && !speaker_label(v, strlen(v))) {
			diag_at(&a->d, D_ADD_SPEAKER, a->file, 0, 0, v, all.data ? all.data : "");
			bad++;
		}
	}
	buf_free(&all);
	return bad;
}

/* Speakers and wrapping of an interview; text in t is replaced.  Returns
 * 0, or -1 after reporting unmapped labels. */
static int transcript(struct add *a, struct buf *t)
{
	if (check_voices(a))
		return -1;
	struct buf out;
	buf_init(&out);
	struct speaker_stats st;
	if (speaker_apply(&out, t->data, t->len, a->map, a->nmap, a->file, a->fmt == F_TXT, &st,
	                  &a->d)) {
		buf_free(&out);
		return -1;
	}
	if (!out.data)
		buf_add(&out, "", 0);
	for (size_t i = 0; i < a->voices.n; i++) {
		/* a voice that is no label by the rule: "name: " at a turn's start */
		const char *v = a->voices.v[i];
		if (speaker_label(v, strlen(v)))
			continue;
		const char *to = NULL;
		for (size_t k = 0; k < a->nmap; k++)
			if (!strcmp(a->map[k].label, v))
				to = a->map[k].to;
		struct buf nb;
		buf_init(&nb);
		size_t vl = strlen(v);
		for (size_t p = 0; p < out.len;) {
			const char *e = memchr(out.data + p, '\n', out.len - p);
			size_t end = e ? (size_t)(e - out.data) + 1 : out.len;
			if (to && end - p > vl && !memcmp(out.data + p, v, vl) && out.data[p + vl] == ':') {
				buf_puts(&nb, to);
				buf_add(&nb, out.data + p + vl, end - p - vl);
				st.mapped++, st.turns++;
			} else {
				buf_add(&nb, out.data + p, end - p);
			}
			p = end;
		}
		buf_free(&out);
		out = nb;
	}
	a->r.mapped = st.mapped;
	a->r.turns = st.turns;
	a->r.wrapped = wrap_text(out.data, out.len, a->width);
	buf_free(t);
	*t = out;
	return 0;
}

static void add_attr(struct attr **v, size_t *n, size_t *cap, const char *k, const char *val)
{
	struct attr x = {xstrdup(k), xstrdup(val)};
	ARRAY_PUSH(*v, *n, *cap, x);
}

/* The new source, from the options (check_opts accepted them). */
static void make_source(struct add *a, const char *id, const char *dir, const char *text,
                        size_t len, struct source *src)
{
	const struct add_opts *o = a->o;
	memset(src, 0, sizeof *src);
	src->id = xstrdup(id);
	src->kind = a->kind;
	size_t cap = 0;
	for (size_t i = 0; i < o->attr.n; i++) {
		/* checked by check_opts */
		const char *v = o->attr.v[i], *eq = strchr(v, '=');
		char *k = xstrndup(v, (size_t)(eq - v));
		add_attr(&src->attrs, &src->nattrs, &cap, k, eq + 1);
		if (!strcmp(k, "role"))
			src->role = xstrdup(eq + 1);
		free(k);
	}
	src->date = o->date ? xstrdup(o->date) : NULL;
	char *name = xasprintf("%s.txt", id), *meta = xasprintf("%s.json", id);
	src->textfile = path_join(dir, name);
	src->metafile = path_join(dir, meta);
	free(name), free(meta);
	char *stem = stem_of(a->file);
	if (a->kind == SRC_INTERVIEW) {
		const char *num = id + strcspn(id, "0123456789");
		src->label = o->label ? xstrdup(o->label)
		             : *num   ? xasprintf("Informant %s", num)
		                      : xstrdup(id);
	} else {
		src->label = xstrdup(o->label ? o->label : o->title ? o->title : stem);
		if (o->bibkey) {
			src->bibkey = xstrdup(o->bibkey);
		} else {
			src->bibtype = xstrdup(o->type ? o->type : "report");
			size_t bc = 0;
			add_attr(&src->bib, &src->nbib, &bc, "type", src->bibtype);
			if (o->author)
				add_attr(&src->bib, &src->nbib, &bc, "author", o->author);
			add_attr(&src->bib, &src->nbib, &bc, "title", o->title ? o->title : stem);
			if (o->year)
				add_attr(&src->bib, &src->nbib, &bc, "year", o->year);
			if (o->note)
				add_attr(&src->bib, &src->nbib, &bc, "note", o->note);
		}
		/* one page per form feed and one more */
		size_t np = 1;
		for (size_t i = 0; i < len; i++)
			np += text[i] == '\f';
		src->pages = xcalloc(np, sizeof *src->pages);
		src->npages = np;
		for (size_t i = 0; i < np; i++)
			src->pages[i].label = i < a->labels.n ? xstrdup(a->labels.v[i])
			                                      : xasprintf("%zu", i + 1);
	}
	free(stem);
}

/* Refuse an id in use, or a file in its place. */
static bool id_free(struct add *a, const struct store *s, const char *id)
{
	size_t k;
	bool ok = true;
	if (hmap_get((struct hmap *)&s->srcmap, id, &k)) {
		char *next = store_next_source_id(s, a->kind);
		char *w = xasprintf(" (give another --id; the next free %s id is %s)",
		                    a->kind == SRC_INTERVIEW ? "interview" : "document", next);
		char *what = xasprintf("source %s", id);
		diag_at(&a->d, D_ADD_EXISTS, s->sources[k].metafile, 0, 0, what, w);
		free(what), free(w), free(next);
		return false;
	}
	static const char *const files[] = {"sources/%s.json", "sources/%s.txt", "codings/%s.json"};
	for (int i = 0; i < 3; i++) {
		char *rel = xasprintf(files[i], id);
		char *p = path_join(s->root, rel);
		struct stat st;
		if (lstat(p, &st) == 0) {
			diag_at(&a->d, D_ADD_EXISTS, p, 0, 0, "this file",
			        " (sitat add never replaces a file: give another --id)");
			ok = false;
		}
		free(p), free(rel);
	}
	return ok;
}

static void summary(const struct add *a, const char *id, const struct source *src,
                    const char *text, size_t len)
{
	const struct report *r = &a->r;
	const char *kind = a->kind == SRC_INTERVIEW ? "interview" : "document";
	/* the label, the file's name and the page labels come from the file
	 * or the command line: printed as diagnostics print them (control and
	 * bidirectional characters escaped) */
	char *lab = diag_escape(src->label, strlen(src->label));
	char *fn = diag_escape(a->file, strlen(a->file));
	printf("%s %s %s (%s) from %s (%s)\n", a->o->dry_run ? "would add" : "added", kind, id,
	       lab, fn, fmt_names[a->fmt]);
	free(lab), free(fn);
	if (strcmp(r->n.encoding ? r->n.encoding : "UTF-8", "UTF-8"))
		printf("  decoded %s\n", r->n.encoding);
	if (r->n.bom)
		printf("  removed a byte order mark\n");
	if (r->n.crlf)
		printf("  converted %zu CRLF line end%s to LF\n", r->n.crlf, r->n.crlf == 1 ? "" : "s");
	if (r->n.cr)
		printf("  converted %zu CR line end%s to LF\n", r->n.cr, r->n.cr == 1 ? "" : "s");
	if (r->n.nfc)
		printf("  composed %zu character%s to NFC\n", r->n.nfc, r->n.nfc == 1 ? "" : "s");
	if (r->ligatures)
		printf("  replaced %zu control character%s U+001B-U+001F by ff, fi, fl, ffi, ffl (a pdfTeX font "
		       "without a ToUnicode map): check the text\n", r->ligatures, r->ligatures == 1 ? "" : "s");
	if (r->trailing_ff)
		printf("  removed %s at the end (no page follows)\n",
		       r->trailing_ff == 1 ? "the form feed" : "the form feeds");
	if (r->mapped)
		printf("  mapped %zu speaker label%s to INT/INF\n", r->mapped, r->mapped == 1 ? "" : "s");
	if (r->wrapped)
		printf("  wrapped %zu line%s at %zu code points\n", r->wrapped, r->wrapped == 1 ? "" : "s",
		       a->width);
	size_t lines = 0;
	for (size_t i = 0; i < len; i++)
		lines += text[i] == '\n';
	if (a->kind == SRC_INTERVIEW) {
		printf("  %zu line%s, %zu turn%s\n", lines, lines == 1 ? "" : "s", r->turns,
		       r->turns == 1 ? "" : "s");
	} else {
		printf("  %zu line%s, %zu page%s (", lines, lines == 1 ? "" : "s", src->npages,
		       src->npages == 1 ? "" : "s");
		for (size_t i = 0; i < src->npages && i < 8; i++) {
			char *pl = diag_escape(src->pages[i].label, strlen(src->pages[i].label));
			printf("%s%s", i ? ", " : "", pl);
			free(pl);
		}
		printf("%s)\n", src->npages > 8 ? ", ..." : "");
	}
}

/* A source id: [A-Za-z][A-Za-z0-9]* (evidence/README.md). */
static bool id_ok(const char *id)
{
	return id_chars_ok(id, "") &&
	       ((id[0] >= 'A' && id[0] <= 'Z') || (id[0] >= 'a' && id[0] <= 'z'));
}

/* The options that do not fit the kind or the format. */
static int check_opts(struct add *a)
{
	const struct add_opts *o = a->o;
	bool doc = a->kind == SRC_DOCUMENT;
	if (!doc && (o->bibkey || o->title || o->author || o->year || o->type || o->note))
		return opt_usage_error("add", "--bibkey, --title, --author, --year, --type and --note "
		                              "are for documents");
	if (doc && (o->speaker.n || o->width))
		return opt_usage_error("add", "--speaker and --width are for interviews");
	if (o->bibkey && (o->title || o->author || o->year || o->type || o->note))
		return opt_usage_error("add", "give --bibkey or --title/--author/--year/--type/--note, not both");
	if (a->fmt == F_PDF && !doc)
		return opt_usage_error("add", "a PDF is added as a document (sitat add document FILE)");
	if ((a->fmt == F_VTT || a->fmt == F_SRT) && doc)
		return opt_usage_error("add", "subtitles (.vtt, .srt) are transcripts: add them as an interview");
	if (o->encoding && (a->fmt == F_DOCX || a->fmt == F_PDF))
		return opt_usage_error("add", "--encoding is for text and subtitle files (a %s says its own)",
		                       fmt_names[a->fmt]);
	if (o->no_timestamps && a->fmt != F_VTT && a->fmt != F_SRT)
		return opt_usage_error("add", "--no-timestamps is for subtitle files (.vtt, .srt)");
	if (o->id && !id_ok(o->id))
		return opt_usage_error("add", "--id '%s': a source id is [A-Za-z][A-Za-z0-9]*", o->id);
	for (size_t i = 0; i < o->attr.n; i++) {
		const char *v = o->attr.v[i], *eq = strchr(v, '=');
		if (!eq || eq == v)
			return opt_usage_error("add", "--attr '%s': give KEY=VALUE", v);
		for (size_t j = 0; j < i; j++)
			if (!strncmp(o->attr.v[j], v, (size_t)(eq - v) + 1))
				return opt_usage_error("add", "--attr: key '%.*s' is given twice",
				                       (int)(eq - v), v);
	}
	a->width = WRAP_WIDTH;
	if (o->width) {
		char *end;
		errno = 0;
		unsigned long w = strtoul(o->width, &end, 10);
		if (*o->width < '1' || *o->width > '9' || *end || errno || w < 20 || w > 1000)
			return opt_usage_error("add", "--width '%s': give a number from 20 to 1000", o->width);
		a->width = (size_t)w;
	}
	return parse_speakers(a);
}

int cmd_add(int argc, char **argv)
{
	struct add_opts o = {0};
	int st = cmd_parse(&argc, argv, &o);
	if (st != CMD_RUN)
		return st;
	struct add a = {.o = &o, .file = argv[2]};
	struct project p;
	struct store s;
	struct diag old;
	bool have_p = false, have_s = false;
	char *raw = NULL, *id = NULL, *dir = NULL;
	size_t rawlen = 0;
	struct buf text;
	buf_init(&text);
	diag_init(&a.d, stderr);
	diag_init(&old, NULL);
	if (!strcmp(argv[1], "interview"))
		a.kind = SRC_INTERVIEW;
	else if (!strcmp(argv[1], "document"))
		a.kind = SRC_DOCUMENT;
	else {
		st = opt_usage_error("add", "add what? '%s' (interview or document)", argv[1]);
		goto out;
	}
	if (o.format) {
		int f = fmt_of(o.format);
		if (f < 0) {
			st = opt_usage_error("add", "--format '%s': txt, docx, vtt, srt or pdf", o.format);
			goto out;
		}
		a.fmt = (enum fmt)f;
	} else {
		a.fmt = fmt_by_name(a.file);
	}
	if ((st = check_opts(&a)) != EXIT_OK)
		goto out;
	st = cmd_project("add", &p);
	have_p = true;
	if (st != EXIT_OK)
		goto out;
	const char *root = OR_DEFAULT(o.store, p.store);
	have_s = true;
	if (store_load(&s, root, &old) < 0) {
		for (size_t i = 0; i < old.n; i++) {
			char *m = diag_format(&old.recs[i]);
			fprintf(stderr, "%s\n", m);
			free(m);
		}
		st = STORE_LOAD_FAILED;
		goto out;
	}
	dir = path_join(s.root, "sources");
	id = o.id ? xstrdup(o.id) : store_next_source_id(&s, a.kind);
	if (!id_free(&a, &s, id)) {
		st = EXIT_PROBLEMS;
		goto out;
	}
	if (read_file(a.file, &raw, &rawlen) < 0) {
		diag_at(&a.d, D_IO, a.file, 0, 0, strerror(errno));
		st = EXIT_IO;
		goto out;
	}
	if (read_text(&a, raw, rawlen, &text) < 0) {
		st = EXIT_PROBLEMS;
		goto out;
	}
	if (!has_text(&text)) {
		diag_at(&a.d, D_ADD_NO_TEXT, a.file, 0, 0,
		        a.fmt == F_PDF ? " (a scanned PDF without a text layer?)" : "");
		st = EXIT_PROBLEMS;
		goto out;
	}
	if (a.kind == SRC_INTERVIEW && transcript(&a, &text) < 0) {
		st = EXIT_PROBLEMS;
		goto out;
	}
	/* the text ends with one line end; form feeds at the end (pdftotext
	 * writes one after the last page) begin no page */
	for (char c; text.len && ((c = text.data[text.len - 1]) == '\n' || c == ' ' || c == '\t' ||
	                          c == '\f');) {
		a.r.trailing_ff += c == '\f';
		text.data[--text.len] = '\0';
	}
	buf_putc(&text, '\n');
	struct source src;
	make_source(&a, id, dir, text.data, text.len, &src);
	size_t k = store_add_source(&s, &src);
	struct sedit e;
	sedit_init(&e, s.root);
	char *rel = xasprintf("sources/%s.txt", id);
	size_t tlen;
	char *tdata = buf_detach(&text, &tlen);
	sedit_put(&e, rel, tdata, tlen);
	free(rel);
	sedit_put_source(&e, &s, k);
	sedit_put_codings(&e, &s, k); /* no segments yet: check has nothing to warn about */
	/* the summary needs the text: sedit owns tdata until it finishes */
	char *copy = xstrndup(tdata, tlen);
	st = sedit_finish(&e, &old, o.dry_run, o.quiet, &a.d);
	if (st == EXIT_OK && !o.quiet)
		summary(&a, id, &s.sources[k], copy, tlen);
	free(copy);
out:
	for (size_t i = 0; i < a.nmap; i++)
		free((char *)a.map[i].label);
	free(a.map);
	norm_free(&a.r.n);
	pdf_labels_free(&a.labels);
	sub_speakers_free(&a.voices);
	buf_free(&text);
	free(raw), free(id), free(dir);
	if (have_s)
		store_free(&s);
	if (have_p)
		project_free(&p);
	diag_free(&old);
	diag_free(&a.d);
	opt_list_free(&o.attr);
	opt_list_free(&o.speaker);
	return st;
}
