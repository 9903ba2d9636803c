/* cmd_code.c - sitat code (a new segment: its text found in the source,
 * the anchor computed), sitat uncode (a segment removed) and sitat recode
 * (a segment's codes changed).  Every write goes through cmd/storeedit.h. */
#include "cmd/cmd.h"
#include "cmd/coding.h"
#include "core/find.h"
#include "core/segment.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

struct code_opts {
	const char *store, *text, *lines, *at, *codes, *memo, *occurrence, *after;
	bool dry_run, quiet;
};

const struct opt code_options[] = {
	OPT_STORE(struct code_opts, store),
	OPT_STRING("text", 't', struct code_opts, text, "TEXT",
	           "the text to code, as pasted: found ignoring whitespace and line breaks"),
	OPT_STRING("lines", 0, struct code_opts, lines, "A-B", "whole lines A to B (or one line A)"),
	OPT_STRING("at", 0, struct code_opts, at, "L:C-L:C",
	           "from line:column to line:column, both characters included"),
	OPT_STRING("codes", 'c', struct code_opts, codes, "A,B", "the codes of the segment"),
	OPT_STRING("memo", 'm', struct code_opts, memo, "TEXT", "a memo"),
	OPT_STRING("occurrence", 0, struct code_opts, occurrence, "N",
	           "the Nth occurrence of the text (from 1), when it occurs more than once"),
	OPT_STRING("after", 0, struct code_opts, after, "TEXT",
	           "the occurrence of the text that follows this text"),
	OPT_DRYRUN(struct code_opts, dry_run),
	OPT_QUIET(struct code_opts, quiet, "print only the new segment's id (and problems)"),
	OPT_END,
};

/* ---- showing places ---------------------------------------------------------- */

/* Bytes a..b of t with runs of whitespace as one space, made printable. */
static void put_flat(struct buf *b, const struct text *t, size_t a, size_t e)
{
	const char *p = t->data + a, *end = t->data + e;
	struct buf r;
	buf_init(&r);
	buf_puts(&r, "");
	while (p < end) {
		size_t k = find_ws_len(p, end);
		if (k) {
			while ((k = find_ws_len(p, end)))
				p += k;
			buf_putc(&r, ' ');
		} else {
			buf_putc(&r, *p++);
		}
	}
	char *v = text_show(r.data, r.len, 200);
	buf_puts(b, v);
	free(v);
	buf_free(&r);
}

/* "…before →match← after…" around bytes sb..eb of t. */
static char *excerpt(const struct text *t, size_t sb, size_t eb)
{
	size_t s0 = text_byte_to_cp(t, sb), e0 = text_byte_to_cp(t, eb);
	size_t a = text_cp_to_byte(t, s0 > 24 ? s0 - 24 : 0);
	size_t z = text_cp_to_byte(t, e0 + 24 < t->ncp ? e0 + 24 : t->ncp);
	struct buf b;
	buf_init(&b);
	buf_puts(&b, a ? "\xe2\x80\xa6" : "");
	put_flat(&b, t, a, sb);
	buf_puts(&b, "\xe2\x86\x92"); /* → */
	if (e0 - s0 > 60) {
		put_flat(&b, t, sb, text_cp_to_byte(t, s0 + 28));
		buf_puts(&b, " \xe2\x80\xa6 ");
		put_flat(&b, t, text_cp_to_byte(t, e0 - 28), eb);
	} else {
		put_flat(&b, t, sb, eb);
	}
	buf_puts(&b, "\xe2\x86\x90"); /* ← */
	put_flat(&b, t, eb, z);
	if (z < t->len)
		buf_puts(&b, "\xe2\x80\xa6");
	return buf_detach(&b, NULL);
}

static void note_hit(struct diag *d, const struct source *src, enum diag_id id, size_t k,
                     const struct find_hit *h)
{
	const struct text *t = &src->text;
	char *x = excerpt(t, h->sb, h->eb);
	size_t line = text_line_of(t, h->sb), col = text_col_of(t, h->sb);
	if (id == D_CODE_OCCURRENCE)
		diag_at(d, D_CODE_OCCURRENCE, src->textfile, line, col, k, x);
	else
		diag_at(d, D_CODE_NEAR, src->textfile, line, col,
		        "case, quotation marks and dashes are ignored", x);
	free(x);
}

/* What a run of whitespace is, in words. */
static char *describe_run(const char *p, const char *end)
{
	size_t lf = 0, ff = 0, sp = 0, tab = 0, nb = 0, other = 0, k;
	for (; p < end; p += k) {
		k = find_ws_len(p, end);
		if (!k)
			break;
		if (*p == '\n')
			lf++;
		else if (*p == '\f')
			ff++;
		else if (*p == ' ')
			sp++;
		else if (*p == '\t')
			tab++;
		else if (k == 2 && (unsigned char)p[1] == 0xA0)
			nb++;
		else
			other++;
	}
	if (ff)
		return xstrdup("a page break");
	if (lf)
		return lf == 1 ? xstrdup("a line break") : xasprintf("%zu line breaks", lf);
	if (sp && !tab && !nb && !other)
		return sp == 1 ? xstrdup("a space") : xasprintf("%zu spaces", sp);
	if (tab && !sp && !nb && !other)
		return tab == 1 ? xstrdup("a TAB") : xasprintf("%zu TABs", tab);
	if (nb == 1 && !sp && !tab && !other)
		return xstrdup("a no-break space");
	return xstrdup("other whitespace");
}

static void note_whitespace(struct diag *d, const struct source *src,
                            const struct find_hit *h, const struct find_needle *n)
{
	const struct text *t = &src->text;
	struct find_diff *v;
	size_t k = find_diffs(t->data, h, n, &v);
	struct buf b;
	buf_init(&b);
	for (size_t i = 0; i < k && i < 3; i++) {
		char *w = text_show(t->data + v[i].word, v[i].tb - v[i].word, 30);
		size_t line = text_line_of(t, v[i].tb);
		char *rt = describe_run(t->data + v[i].tb, t->data + v[i].te);
		char *rn = describe_run(n->s + v[i].nb, n->s + v[i].ne);
		if (i)
			buf_puts(&b, "; ");
		if (!strcmp(rt, "a line break") && strcmp(rn, rt) && !strstr(rn, "line"))
			buf_printf(&b, "the source breaks the line after \"%s\" (line %zu)", w, line);
		else
			buf_printf(&b, "after \"%s\" (line %zu) the source has %s, the text given %s",
			           w, line, rt, rn);
		free(w), free(rt), free(rn);
	}
	if (k > 3)
		buf_printf(&b, "; and %zu more", k - 3);
	diag_at(d, D_CODE_WS, src->textfile, text_line_of(t, h->sb), text_col_of(t, h->sb),
	        b.data);
	buf_free(&b);
	free(v);
}

/* ---- where the segment is ------------------------------------------------------ */

/* A positive number from s (all of it); 0 when it is not one. */
static size_t number(const char *s, const char **end)
{
	size_t v = 0;
	const char *p = s;
	while (*p >= '0' && *p <= '9' && v < 100000000)
		v = v * 10 + (size_t)(*p++ - '0');
	if (p == s || (*p >= '0' && *p <= '9'))
		return 0;
	*end = p;
	return v;
}

/* The bytes of the text as --text finds it, or a status. */
static int by_text(struct coding *c, const struct source *src, const struct code_opts *o,
                   size_t *sb, size_t *eb)
{
	const struct text *t = &src->text;
	struct find_needle n;
	int r = find_needle_init(&n, o->text, strlen(o->text));
	if (r == FIND_BAD_UTF8)
		return opt_usage_error("code", "--text: not valid UTF-8");
	if (r == FIND_EMPTY)
		return opt_usage_error("code", "--text: the text is empty");
	if (n.normalised)
		diag_in(&c->d, D_CODE_NFC, src->textfile, "--text");
	struct find_hit *h = NULL, *nh = NULL, *ah = NULL;
	size_t k = find_all(t->data, t->len, &n, &h), pick = NONE;
	int st = EXIT_PROBLEMS;
	char *shown = text_show(n.s, n.len, 60);
	size_t occ = 0;
	if (o->occurrence) {
		const char *e;
		occ = number(o->occurrence, &e);
		if (!occ || *e) {
			st = opt_usage_error("code", "--occurrence: '%s' is not a number from 1", o->occurrence);
			goto out;
		}
	}
	if (!k) {
		diag_in(&c->d, D_CODE_NOT_FOUND, src->textfile, "--text", shown);
		size_t m = find_near(t->data, t->len, &n, &nh);
		for (size_t i = 0; i < m && i < 5; i++)
			note_hit(&c->d, src, D_CODE_NEAR, i + 1, &nh[i]);
		goto out;
	}
	if (occ) {
		if (occ > k) {
			diag_in(&c->d, D_CODE_OCC_RANGE, src->textfile, "--occurrence", occ, k,
			        k == 1 ? "" : "s");
			goto out;
		}
		pick = occ - 1;
	} else if (o->after) {
		struct find_needle a;
		r = find_needle_init(&a, o->after, strlen(o->after));
		if (r < 0) {
			st = opt_usage_error("code", "--after: %s",
			                     r == FIND_EMPTY ? "the text is empty" : "not valid UTF-8");
			find_needle_free(&a);
			goto out;
		}
		size_t na = find_all(t->data, t->len, &a, &ah), nc = 0;
		if (!na) {
			char *v = text_show(a.s, a.len, 60);
			diag_in(&c->d, D_CODE_AFTER_NONE, src->textfile, "--after", v);
			free(v);
		}
		/* the first occurrence after each occurrence of the --after text */
		size_t *cand = xcalloc(na + 1, sizeof *cand);
		for (size_t i = 0; i < na; i++) {
			size_t j = 0;
			while (j < k && h[j].sb < ah[i].eb)
				j++;
			if (j < k && (!nc || cand[nc - 1] != j))
				cand[nc++] = j;
		}
		if (na && !nc) {
			diag_in(&c->d, D_CODE_AFTER_NOTHING, src->textfile, "--after");
		} else if (nc > 1) {
			diag_in(&c->d, D_CODE_AFTER_AMBIG, src->textfile, "--after", na);
			for (size_t i = 0; i < nc; i++)
				note_hit(&c->d, src, D_CODE_OCCURRENCE, cand[i] + 1, &h[cand[i]]);
		} else if (nc == 1) {
			pick = cand[0];
		}
		free(cand);
		find_needle_free(&a);
		if (pick == NONE)
			goto out;
	} else if (k > 1) {
		diag_in(&c->d, D_CODE_AMBIG, src->textfile, "--text", k, k);
		for (size_t i = 0; i < k; i++)
			note_hit(&c->d, src, D_CODE_OCCURRENCE, i + 1, &h[i]);
		goto out;
	} else {
		pick = 0;
	}
	if (!h[pick].same)
		note_whitespace(&c->d, src, &h[pick], &n);
	*sb = h[pick].sb;
	*eb = h[pick].eb;
	st = EXIT_OK;
out:
	free(shown);
	free(h), free(nh), free(ah);
	find_needle_free(&n);
	return st;
}

/* The end of line L (1-based) of t, without its LF. */
static size_t line_end(const struct text *t, size_t l)
{
	size_t e = l < t->nlines ? t->lines[l] : t->len;
	if (e > t->lines[l - 1] && t->data[e - 1] == '\n')
		e--;
	return e;
}

static int by_lines(struct coding *c, const struct source *src, const char *spec,
                    size_t *sb, size_t *eb)
{
	const struct text *t = &src->text;
	const char *e;
	size_t a = number(spec, &e), b = a;
	if (a && *e == '-')
		b = number(e + 1, &e);
	if (!a || !b || *e)
		return opt_usage_error("code", "--lines: '%s' is not A-B or A (line numbers from 1)", spec);
	char *m = NULL;
	if (b < a)
		m = xasprintf("--lines %zu-%zu: the last line is before the first", a, b);
	else if (b > t->nlines)
		m = xasprintf("--lines %zu-%zu: the source has %zu lines", a, b, t->nlines);
	if (!m) {
		*sb = t->lines[a - 1];
		*eb = line_end(t, b);
		if (*eb <= *sb)
			m = xasprintf("--lines %zu-%zu: no text there (empty lines)", a, b);
	}
	if (m) {
		diag_in(&c->d, D_CODE_POS, src->textfile, "--lines", m);
		free(m);
		return EXIT_PROBLEMS;
	}
	return EXIT_OK;
}

/* The byte of line l, column col (code points from 1) of t, or SIZE_MAX
 * when the line has fewer characters. */
static size_t at_byte(const struct text *t, size_t l, size_t col)
{
	size_t b = t->lines[l - 1], e = line_end(t, l);
	for (size_t k = 1; k < col && b < e; k++) {
		b++;
		while (b < e && ((unsigned char)t->data[b] & 0xC0) == 0x80)
			b++;
	}
	return b < e ? b : SIZE_MAX;
}

static int by_at(struct coding *c, const struct source *src, const char *spec, size_t *sb,
                 size_t *eb)
{
	const struct text *t = &src->text;
	const char *e;
	size_t l1 = number(spec, &e), c1 = 0, l2 = 0, c2 = 0;
	if (l1 && *e == ':')
		c1 = number(e + 1, &e);
	if (c1 && *e == '-') {
		size_t x = number(e + 1, &e);
		if (x && *e == ':') {
			l2 = x;
			c2 = number(e + 1, &e);
		} else {
			l2 = l1;
			c2 = x;
		}
	}
	if (!l1 || !c1 || !l2 || !c2 || *e)
		return opt_usage_error("code", "--at: '%s' is not L:C-L:C or L:C-C (lines and columns from 1)", spec);
	char *m = NULL;
	size_t a = SIZE_MAX, z = SIZE_MAX;
	if (l1 > t->nlines || l2 > t->nlines)
		m = xasprintf("--at %s: the source has %zu lines", spec, t->nlines);
	else if ((a = at_byte(t, l1, c1)) == SIZE_MAX)
		m = xasprintf("--at %s: line %zu has fewer than %zu characters", spec, l1, c1);
	else if ((z = at_byte(t, l2, c2)) == SIZE_MAX)
		m = xasprintf("--at %s: line %zu has fewer than %zu characters", spec, l2, c2);
	else if (z < a)
		m = xasprintf("--at %s: the end is before the start", spec);
	if (m) {
		diag_in(&c->d, D_CODE_POS, src->textfile, "--at", m);
		free(m);
		return EXIT_PROBLEMS;
	}
	/* the last character is included */
	z++;
	while (z < t->len && ((unsigned char)t->data[z] & 0xC0) == 0x80)
		z++;
	*sb = a;
	*eb = z;
	return EXIT_OK;
}

static char *nfc(const char *s)
{
	utf8proc_uint8_t *r = NULL;
	if (utf8proc_map((const utf8proc_uint8_t *)s, 0, &r,
	                 UTF8PROC_NULLTERM | UTF8PROC_STABLE | UTF8PROC_COMPOSE) < 0) {
		free(r);
		return NULL;
	}
	return (char *)r;
}

/* The next free segment id of source si: past the store's ids and past
 * every id of the source the thesis cites (a citation of a segment that
 * was removed must not come to point at a new quote).  Caller frees. */
static char *next_id(struct coding *c, size_t si)
{
	char *id = store_next_segment_id(&c->s, si);
	const char *sid = c->s.sources[si].id;
	size_t n = strlen(sid), next = strtoul(id + n + 1, NULL, 10);
	if (!c->scanned) {
		c->scanned = true;
		uses_scan(&c->uses, c->p.texdir, c->p.generated, &c->d);
	}
	for (size_t i = 0; i < c->uses.n; i++) {
		const struct use *u = &c->uses.v[i];
		const char *e;
		size_t v;
		if (u->kind == USE_SEGMENT && !strncmp(u->id, sid, n) && u->id[n] == '-' &&
		    strlen(u->id + n + 1) >= 3 && (v = number(u->id + n + 1, &e)) && !*e && v >= next)
			next = v + 1;
	}
	free(id);
	return xasprintf("%s-%03zu", sid, next);
}

int cmd_code(int argc, char **argv)
{
	struct code_opts o = {0};
	int st = cmd_parse(&argc, argv, &o);
	if (st != CMD_RUN)
		return st;
	int ways = !!o.text + !!o.lines + !!o.at;
	if (ways != 1)
		return opt_usage_error("code", ways ? "give one of --text, --lines and --at"
		                                    : "where is the segment? (--text TEXT, --lines A-B or --at L:C-L:C)");
	if (!o.codes)
		return opt_usage_error("code", "which codes? (--codes a,b)");
	if ((o.occurrence || o.after) && !o.text)
		return opt_usage_error("code", "--occurrence and --after go with --text");
	if (o.occurrence && o.after)
		return opt_usage_error("code", "give --occurrence or --after, not both");
	struct coding c;
	char *memo = NULL;
	size_t *codes = NULL, ncodes = 0;
	if ((st = coding_open(&c, "code", o.store)) != EXIT_OK)
		goto out;
	if (o.memo && !(memo = nfc(o.memo))) {
		st = opt_usage_error("code", "--memo: not valid UTF-8");
		goto out;
	}
	size_t si;
	if (!hmap_get(&c.s.srcmap, argv[1], &si)) {
		struct buf b;
		buf_init(&b);
		for (size_t i = 0; i < c.s.nsources; i++)
			buf_printf(&b, "%s%s", i ? ", " : " (sources: ", c.s.sources[i].id);
		buf_puts(&b, c.s.nsources ? ")" : "");
		char *v = text_show(argv[1], strlen(argv[1]), 40);
		diag_at(&c.d, D_CODE_NO_SOURCE, c.s.root, 0, 0, v, b.data);
		free(v);
		buf_free(&b);
		st = EXIT_PROBLEMS;
		goto out;
	}
	const struct source *src = &c.s.sources[si];
	if ((st = coding_codes(&c, "code", "--codes", o.codes, &codes, &ncodes)) != EXIT_OK)
		goto out;
	if (!src->text_ok) {
		diag_in(&c.d, D_CODE_POS, src->textfile, "text",
		        "the text has errors (see 'sitat check'): nothing can be coded in it");
		st = EXIT_PROBLEMS;
		goto out;
	}
	size_t sb = 0, eb = 0;
	st = o.text ? by_text(&c, src, &o, &sb, &eb)
	     : o.lines ? by_lines(&c, src, o.lines, &sb, &eb)
	               : by_at(&c, src, o.at, &sb, &eb);
	if (st != EXIT_OK)
		goto out;
	size_t start = text_byte_to_cp(&src->text, sb), end = text_byte_to_cp(&src->text, eb);
	for (size_t i = 0; i < c.s.nsegs; i++) {
		const struct segment *g = &c.s.segs[i];
		if (g->src == si && !g->dropped && g->start == start && g->end == end) {
			char *l = coding_code_list(&c.s, g);
			diag_in(&c.d, D_CODE_DUPLICATE, src->codingsfile ? src->codingsfile : src->metafile,
			        o.text ? "--text" : o.lines ? "--lines" : "--at", g->id, l, g->id);
			free(l);
			st = EXIT_PROBLEMS;
			goto out;
		}
	}
	struct segment g = {.src = si, .start = start, .end = end, .memo = memo,
	                    .codes = codes, .ncodes = ncodes, .page_from = NONE, .page_to = NONE};
	anchor_make(&src->text, start, end, &g.exact, &g.prefix, &g.suffix);
	g.id = next_id(&c, si);
	char *id = xstrdup(g.id);
	memo = NULL;
	codes = NULL;
	store_add_segment(&c.s, &g);
	struct sedit e;
	sedit_init(&e, c.s.root);
	sedit_put_codings(&e, &c.s, si);
	st = coding_finish(&c, &e, o.dry_run, o.quiet);
	if (st == EXIT_OK)
		printf(o.dry_run ? "%s (not written)\n" : "%s\n", id);
	free(id);
out:
	free(memo);
	free(codes);
	coding_close(&c);
	return st;
}

/* ---- uncode, recode -------------------------------------------------------------- */

struct uncode_opts {
	const char *store;
	bool force, dry_run, quiet;
};

const struct opt uncode_options[] = {
	OPT_STORE(struct uncode_opts, store),
	OPT_FLAG("force", 'f', struct uncode_opts, force,
	         "remove it even when the thesis cites it (the citations then print as unknown)"),
	OPT_DRYRUN(struct uncode_opts, dry_run),
	OPT_QUIET(struct uncode_opts, quiet, "print only problems"),
	OPT_END,
};

/* The segment id, or NONE after the message. */
static size_t find_segment(struct coding *c, const char *id)
{
	size_t k;
	if (hmap_get(&c->s.segmap, id, &k) && !c->s.segs[k].dropped)
		return k;
	char *v = text_show(id, strlen(id), 40);
	diag_at(&c->d, D_SEG_UNKNOWN, c->s.root, 0, 0, v);
	free(v);
	return NONE;
}

static const char *seg_file(const struct store *s, const struct segment *g)
{
	const struct source *src = &s->sources[g->src];
	return src->codingsfile ? src->codingsfile : src->metafile;
}

int cmd_uncode(int argc, char **argv)
{
	struct uncode_opts o = {0};
	int st = cmd_parse(&argc, argv, &o);
	if (st != CMD_RUN)
		return st;
	struct coding c;
	if ((st = coding_open(&c, "uncode", o.store)) != EXIT_OK)
		goto out;
	size_t k = find_segment(&c, argv[1]);
	if (k == NONE) {
		st = EXIT_PROBLEMS;
		goto out;
	}
	struct segment *g = &c.s.segs[k];
	char *subj = xasprintf("the thesis cites segment %s", g->id);
	char *where = xasprintf("segment %s", g->id);
	const char *ids[] = {g->id};
	st = coding_uses(&c, USE_SEGMENT, ids, 1, subj,
	                 o.force ? "removed" : "removing it leaves those citations pointing at nothing",
	                 o.force, seg_file(&c.s, g), where);
	free(subj), free(where);
	if (st != EXIT_OK)
		goto out;
	g->dropped = true;
	struct sedit e;
	sedit_init(&e, c.s.root);
	sedit_put_codings(&e, &c.s, g->src);
	st = coding_finish(&c, &e, o.dry_run, o.quiet);
out:
	coding_close(&c);
	return st;
}

struct recode_opts {
	const char *store, *codes, *add, *remove;
	bool dry_run, quiet;
};

const struct opt recode_options[] = {
	OPT_STORE(struct recode_opts, store),
	OPT_STRING("codes", 'c', struct recode_opts, codes, "A,B", "the segment's new codes (all of them)"),
	OPT_STRING("add", 'a', struct recode_opts, add, "A,B", "codes to add"),
	OPT_STRING("remove", 'r', struct recode_opts, remove, "A,B", "codes to remove"),
	OPT_DRYRUN(struct recode_opts, dry_run),
	OPT_QUIET(struct recode_opts, quiet, "print only problems"),
	OPT_END,
};

int cmd_recode(int argc, char **argv)
{
	struct recode_opts o = {0};
	int st = cmd_parse(&argc, argv, &o);
	if (st != CMD_RUN)
		return st;
	if (!o.codes && !o.add && !o.remove)
		return opt_usage_error("recode", "which codes? (--codes a,b, or --add and --remove)");
	if (o.codes && (o.add || o.remove))
		return opt_usage_error("recode", "give --codes, or --add and --remove, not both");
	struct coding c;
	size_t *set = NULL, nset = 0, *add = NULL, nadd = 0, *rm = NULL, nrm = 0;
	if ((st = coding_open(&c, "recode", o.store)) != EXIT_OK)
		goto out;
	size_t k = find_segment(&c, argv[1]);
	if (k == NONE) {
		st = EXIT_PROBLEMS;
		goto out;
	}
	if ((o.codes && (st = coding_codes(&c, "recode", "--codes", o.codes, &set, &nset))) ||
	    (o.add && (st = coding_codes(&c, "recode", "--add", o.add, &add, &nadd))) ||
	    (o.remove && (st = coding_codes(&c, "recode", "--remove", o.remove, &rm, &nrm))))
		goto out;
	struct segment *g = &c.s.segs[k];
	if (!o.codes) {
		/* the old codes, less --remove, then --add (each once) */
		size_t cap = 0;
		for (size_t i = 0; i < nrm; i++) {
			bool has = false;
			for (size_t j = 0; j < g->ncodes; j++)
				has |= g->codes[j] == rm[i];
			if (!has) {
				char *m = xasprintf("segment %s has no code '%s'", g->id,
				                    c.s.codes[rm[i]].id);
				diag_in(&c.d, D_CODE_POS, seg_file(&c.s, g), "--remove", m);
				free(m);
				st = EXIT_PROBLEMS;
			}
		}
		if (st != EXIT_OK)
			goto out;
		for (size_t j = 0; j < g->ncodes + nadd; j++) {
			size_t x = j < g->ncodes ? g->codes[j] : add[j - g->ncodes];
			bool skip = false;
			for (size_t i = 0; i < nrm; i++)
				skip |= rm[i] == x;
			for (size_t i = 0; i < nset; i++)
				skip |= set[i] == x;
			if (!skip)
				ARRAY_PUSH(set, nset, cap, x);
		}
	}
	if (!nset) {
		diag_in(&c.d, D_RECODE_EMPTY, seg_file(&c.s, g), "--remove", g->id, g->id);
		st = EXIT_PROBLEMS;
		goto out;
	}
	free(g->codes);
	g->codes = set;
	g->ncodes = nset;
	set = NULL;
	struct sedit e;
	sedit_init(&e, c.s.root);
	sedit_put_codings(&e, &c.s, g->src);
	st = coding_finish(&c, &e, o.dry_run, o.quiet);
out:
	free(set), free(add), free(rm);
	coding_close(&c);
	return st;
}
