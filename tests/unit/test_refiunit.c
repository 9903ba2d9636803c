/* test_refiunit.c - the readings of a REFI-QDA position (core/refiunit.h):
 * names, the table of every reading on a text with a BOM, CRLF and an
 * emoji (and through core/normalize.h's map to the store text), scores on
 * small texts whose right reading is known (NVivo's UTF-16 with emoji,
 * ATLAS.ti's CRLF as one, a BOM counted), folding of readings a text does
 * not tell apart, the vendors, code id slugs, edge cases (a text that is
 * only a BOM, a lone CR, a CRLF or an emoji at the end, a cut sequence,
 * a long text, positions at the very end and past it); and, when
 * ../shared/qdpx is there, the scores of the real NVivo exports. */
#include "unit.h"

#include "core/normalize.h"
#include "core/refiunit.h"

#define BOM "\xEF\xBB\xBF"
#define GRIN "\xF0\x9F\x98\x80" /* U+1F600, two UTF-16 code units */
#define X SIZE_MAX

static struct refi_unit unit(const char *name)
{
	struct refi_unit u;
	if (refiunit_parse(name, &u) < 0)
		fail_msg("not a unit name: %s", name);
	return u;
}

static void test_names(void **state)
{
	(void)state;
	static const char *const names[] = {
		"codepoint", "codepoint+bom", "codepoint+crlf1", "codepoint+crlf1+bom",
		"utf16", "utf16+bom", "utf16+crlf1", "utf16+crlf1+bom",
	};
	for (size_t k = 0; k < 8; k++) {
		struct refi_unit u = unit(names[k]);
		assert_int_equal(u.utf16, k >= 4);
		assert_int_equal(u.crlf_one, (k & 2) != 0);
		assert_int_equal(u.bom_counted, (k & 1) != 0);
		assert_string_equal(refiunit_name(&u), names[k]);
	}
	struct refi_unit u = {0};
	assert_int_equal(refiunit_parse("utf-16", &u), -1);
	assert_int_equal(refiunit_parse("codepoint+bom+crlf1", &u), -1);
	assert_int_equal(refiunit_parse("UTF16", &u), -1);
	assert_int_equal(refiunit_parse("", &u), -1);
	assert_int_equal(refiunit_parse(NULL, &u), -1);
}

/* The table of text under the reading name is want[0..n]. */
static void table_is(const char *text, size_t len, const char *name, const size_t *want,
                     size_t n)
{
	struct refi_unit u = unit(name);
	size_t np;
	size_t *t = refiunit_table(text, len, &u, &np);
	if (np != n)
		fail_msg("%s: %zu positions, want %zu", name, np, n);
	for (size_t p = 0; p <= n; p++)
		if (t[p] != want[p])
			fail_msg("%s: t[%zu] = %zu, want %zu", name, p, t[p], want[p]);
	free(t);
}

#define TABLE_IS(text, name, ...)                                                   \
	do {                                                                            \
		static const size_t w_[] = {__VA_ARGS__};                                   \
		table_is(text, sizeof text - 1, name, w_, sizeof w_ / sizeof *w_ - 1);      \
	} while (0)

/* BOM a 😀 b CR LF c: input code points a0 😀1 b2 CR3 LF4 c5, 6 in all */
static const char mixed[] = BOM "a" GRIN "b\r\nc";

static void test_tables(void **state)
{
	(void)state;
	TABLE_IS(mixed, "codepoint", 0, 1, 2, 3, 4, 5, 6);
	TABLE_IS(mixed, "utf16", 0, 1, X, 2, 3, 4, 5, 6);
	TABLE_IS(mixed, "codepoint+crlf1", 0, 1, 2, 3, 5, 6);
	TABLE_IS(mixed, "utf16+crlf1", 0, 1, X, 2, 3, 5, 6);
	TABLE_IS(mixed, "codepoint+bom", 0, 0, 1, 2, 3, 4, 5, 6);
	TABLE_IS(mixed, "utf16+bom", 0, 0, 1, X, 2, 3, 4, 5, 6);
	TABLE_IS(mixed, "codepoint+crlf1+bom", 0, 0, 1, 2, 3, 5, 6);
	TABLE_IS(mixed, "utf16+crlf1+bom", 0, 0, 1, X, 2, 3, 5, 6);
	/* without a BOM, +bom changes nothing */
	TABLE_IS("ab", "codepoint+bom", 0, 1, 2);
	TABLE_IS("ab", "utf16+crlf1+bom", 0, 1, 2);
	TABLE_IS("", "utf16", 0);
}

static void test_edge_tables(void **state)
{
	(void)state;
	/* a text that is only a BOM: no code point */
	TABLE_IS(BOM, "codepoint", 0);
	TABLE_IS(BOM, "utf16+bom", 0, 0);
	/* a BOM and a second U+FEFF: the second is a code point */
	TABLE_IS(BOM BOM "a", "codepoint", 0, 1, 2);
	TABLE_IS(BOM BOM "a", "codepoint+bom", 0, 0, 1, 2);
	/* a lone CR is one position under every reading; CR CR LF: the
	 * first CR is lone */
	TABLE_IS("a\rb", "codepoint+crlf1", 0, 1, 2, 3);
	TABLE_IS("a\rb", "utf16", 0, 1, 2, 3);
	TABLE_IS("\r\r\n", "codepoint", 0, 1, 2, 3);
	TABLE_IS("\r\r\n", "codepoint+crlf1", 0, 1, 3);
	/* CR LF at the very end; an LF CR is no CRLF */
	TABLE_IS("a\r\n", "utf16+crlf1", 0, 1, 3);
	TABLE_IS("\n\r", "codepoint+crlf1", 0, 1, 2);
	/* emoji at the start and at the very end */
	TABLE_IS(GRIN, "utf16", 0, X, 1);
	TABLE_IS(GRIN GRIN, "utf16", 0, X, 1, X, 2);
	TABLE_IS("a" GRIN, "codepoint", 0, 1, 2);
	/* a BOM counted before an emoji */
	TABLE_IS(BOM GRIN, "utf16+bom", 0, 0, X, 1);
	/* invalid bytes are no position and no code point (normalize.c
	 * skips them too, and rejects the text); so is an encoded surrogate */
	TABLE_IS("a\xFF" "b", "codepoint", 0, 1, 2);
	TABLE_IS("a\xED\xA0\x80" "b", "utf16", 0, 1, 2);
	/* a cut sequence at the end */
	TABLE_IS("ab\xF0\x9F", "utf16", 0, 1, 2);
	/* two-, three-byte characters: one position each */
	TABLE_IS("\xC3\xA5\xE2\x82\xAC", "utf16", 0, 1, 2);
}

/* The table followed by normalize's map lands on the store text. */
static void test_table_through_normalize(void **state)
{
	(void)state;
	static const struct norm_opts o = {.want_map = true, .what = "a text"};
	struct diag d;
	diag_init(&d, NULL);
	struct norm r;
	assert_int_equal(normalize(&r, mixed, sizeof mixed - 1, &o, "t.txt", &d), 0);
	assert_string_equal(r.data, "a" GRIN "b\nc");
	assert_int_equal(r.n_in, 6);
	struct {
		const char *unit;
		long long start, end;
	} sel[] = {
		{"utf16", 3, 6},            /* b CR LF */
		{"codepoint", 2, 5},        /* the same */
		{"codepoint+crlf1", 2, 4},  /* the same */
		{"utf16+crlf1+bom", 4, 6},  /* the same */
		{"utf16+bom", 2, 4},        /* the emoji */
	};
	const char *want[] = {"b\n", "b\n", "b\n", "b\n", GRIN};
	for (size_t k = 0; k < sizeof sel / sizeof *sel; k++) {
		struct refi_unit u = unit(sel[k].unit);
		size_t np;
		size_t *t = refiunit_table(mixed, sizeof mixed - 1, &u, &np);
		size_t a = t[sel[k].start], b = t[sel[k].end];
		assert_true(a != X && b != X && a <= r.n_in && b <= r.n_in);
		size_t oa = r.map[a], ob = r.map[b];
		/* output code points to bytes */
		size_t ba = 0, bb = 0, cp = 0;
		for (size_t i = 0; i <= r.len; i++) {
			if (i < r.len && ((unsigned char)r.data[i] & 0xC0) == 0x80)
				continue;
			if (cp == oa)
				ba = i;
			if (cp == ob)
				bb = i;
			cp++;
		}
		char *got = xstrndup(r.data + ba, bb - ba);
		assert_string_equal(got, want[k]);
		free(got);
		free(t);
	}
	norm_free(&r);
	diag_free(&d);
}

/* fit and words of text under name for r. */
static void score_is(const char *text, size_t len, const char *name, const struct refi_range *r,
                     size_t nr, size_t fit, size_t words)
{
	struct refi_unit u = unit(name);
	size_t f = 99, w = 99;
	refiunit_score(text, len, r, nr, &u, &f, &w);
	if (f != fit || w != words)
		fail_msg("%s: fit %zu words %zu, want %zu %zu", name, f, w, fit, words);
}

#define NR(a) (sizeof a / sizeof *a)

/* refiunit_readings gives n readings, the best named best (standing for
 * same), the next named next (NULL: not checked). */
static void readings_are(const char *t, size_t len, const struct refi_range *r, size_t nr,
                         size_t n, const char *best, const char *same, const char *next)
{
	struct refi_reading out[8];
	assert_int_equal(refiunit_readings(t, len, r, nr, out), n);
	assert_string_equal(refiunit_name(&out[0].unit), best);
	assert_string_equal(out[0].same, same);
	if (next)
		assert_string_equal(refiunit_name(&out[1].unit), next);
}

static void test_score_utf16_emoji(void **state)
{
	(void)state;
	/* NVivo: UTF-16 code units; "hello" [4,9) "world" [10,15) "foo"
	 * [19,22) "bar" [23,26) "baz" [29,32) */
	static const char t[] = GRIN GRIN "hello world " GRIN " foo bar " GRIN "baz\n";
	static const struct refi_range r[] = {{4, 9}, {10, 15}, {19, 22}, {23, 26}, {29, 32}};
	score_is(t, sizeof t - 1, "utf16", r, NR(r), 5, 5);
	score_is(t, sizeof t - 1, "codepoint", r, NR(r), 4, 0);
	readings_are(t, sizeof t - 1, r, NR(r), 2, "utf16", "utf16 (no CRLF, no BOM)", "codepoint");
	/* inside a surrogate pair: no fit under utf16 */
	static const struct refi_range in[] = {{1, 4}, {0, 1}, {0, 2}};
	score_is(t, sizeof t - 1, "utf16", in, NR(in), 1, 1);
	score_is(t, sizeof t - 1, "codepoint", in, NR(in), 3, 2);
}

static void test_score_crlf_one(void **state)
{
	(void)state;
	/* ATLAS.ti: a CRLF counts one; "three" [8,13) "four" [14,18) "five"
	 * [19,23) "six" [24,27) */
	static const char t[] = "one two\r\nthree four\r\nfive six\r\n";
	static const struct refi_range r[] = {{8, 13}, {14, 18}, {19, 23}, {24, 27}};
	score_is(t, sizeof t - 1, "codepoint+crlf1", r, NR(r), 4, 4);
	score_is(t, sizeof t - 1, "codepoint", r, NR(r), 3, 0);
	readings_are(t, sizeof t - 1, r, NR(r), 2, "codepoint+crlf1",
	             "codepoint+crlf1 = utf16+crlf1 (no BOM)", "codepoint");
	/* between CR and LF: a boundary only when the CRLF counts one */
	static const struct refi_range mid[] = {{8, 8}, {7, 8}};
	score_is(t, sizeof t - 1, "codepoint", mid, NR(mid), 0, 0);
	score_is(t, sizeof t - 1, "codepoint+crlf1", mid, NR(mid), 2, 2);
}

static void test_score_bom_counted(void **state)
{
	(void)state;
	/* the BOM counted: "beta" [7,11) "gamma" [12,17) */
	static const char t[] = BOM "alpha beta gamma";
	static const struct refi_range r[] = {{7, 11}, {12, 17}};
	score_is(t, sizeof t - 1, "codepoint+bom", r, NR(r), 2, 2);
	score_is(t, sizeof t - 1, "codepoint", r, NR(r), 1, 0);
	readings_are(t, sizeof t - 1, r, NR(r), 2, "codepoint+bom",
	             "codepoint+bom = utf16+bom (no CRLF)", "codepoint");
	/* the whole text: [0,17) counted, [0,16) not; position 1 (after the
	 * BOM) is a word boundary */
	static const struct refi_range all[] = {{0, 17}, {1, 6}};
	score_is(t, sizeof t - 1, "codepoint+bom", all, NR(all), 2, 2);
}

static void test_score_bounds(void **state)
{
	(void)state;
	static const char t[] = "ab cd";
	static const struct refi_range r[] = {
		{0, 5}, {5, 5}, {3, 5}, /* fit, on words: the very end is a boundary */
		{4, 5},                  /* fit, starts inside a word */
		{5, 6}, {-1, 2}, {3, 2}, {0, 1LL << 40}, {-5, -6}, /* do not fit */
	};
	score_is(t, sizeof t - 1, "codepoint", r, NR(r), 4, 3);
	/* punctuation and spaces are not letters: a selection "ab " or " cd"
	 * is on word boundaries, "b c" is not */
	static const struct refi_range p[] = {{0, 3}, {2, 5}, {1, 4}};
	score_is(t, sizeof t - 1, "codepoint", p, NR(p), 3, 2);
	/* Unicode letters and digits: "ő" and "٣" are inside words */
	static const char h[] = "sz\xC5\x91r \xD9\xA3\xD9\xA3";
	static const struct refi_range q[] = {{0, 4}, {2, 4}, {5, 7}, {5, 6}};
	score_is(h, sizeof h - 1, "codepoint", q, NR(q), 4, 2);
	/* an empty text: only [0,0) */
	static const struct refi_range z[] = {{0, 0}, {0, 1}};
	score_is("", 0, "utf16", z, NR(z), 1, 1);
	score_is(BOM, 3, "codepoint", z, NR(z), 1, 1);
	score_is(BOM, 3, "codepoint+bom", z, NR(z), 2, 2);
	/* no selections */
	score_is(t, sizeof t - 1, "codepoint", NULL, 0, 0, 0);
}

static void test_score_line_ends(void **state)
{
	(void)state;
	/* a CR without an LF is one position under every reading, and not
	 * a letter: "a" [0,1) "b" [2,3) "c" CR [4,6) CR [1,2) */
	static const char t[] = "a\rb c\r";
	static const struct refi_range r[] = {{0, 1}, {2, 3}, {4, 6}, {1, 2}};
	for (unsigned k = 0; k < 8; k++) {
		struct refi_unit u = {.utf16 = k & 4, .crlf_one = k & 2, .bom_counted = k & 1};
		score_is(t, sizeof t - 1, refiunit_name(&u), r, NR(r), 4, 4);
	}
	readings_are(t, sizeof t - 1, r, NR(r), 1, "codepoint",
	             "codepoint = utf16 (no CRLF, no BOM)", NULL);
	/* a CRLF at the very end: the text ends at 2 counted as one, at 3
	 * as two (2 is then between CR and LF) */
	static const struct refi_range e[] = {{0, 2}, {2, 2}, {0, 3}};
	score_is("x\r\n", 3, "codepoint+crlf1", e, NR(e), 2, 2);
	score_is("x\r\n", 3, "codepoint", e, NR(e), 1, 1);
	/* CR CR LF: the first CR is alone */
	static const struct refi_range c[] = {{0, 1}, {1, 2}, {2, 3}};
	score_is("\r\r\n", 3, "codepoint", c, NR(c), 1, 1);
	score_is("\r\r\n", 3, "codepoint+crlf1", c, NR(c), 2, 2);
	/* a cut 4-byte sequence at the end is no character: "ab" ends the
	 * text under every reading */
	static const struct refi_range z[] = {{0, 2}, {0, 3}};
	score_is("ab\xF0\x9F\x98", 5, "utf16", z, NR(z), 1, 1);
	readings_are("ab\xF0\x9F\x98", 5, z, NR(z), 1, "codepoint",
	             "codepoint = utf16 (no CRLF, no BOM)", NULL);
}

static void test_score_end_emoji(void **state)
{
	(void)state;
	/* an emoji at the very end: the text ends at 6 under utf16, at 5
	 * under code points; 5 is inside the emoji under utf16 */
	static const char t[] = "ab c" GRIN;
	static const struct refi_range r[] = {{3, 6}, {4, 6}};
	score_is(t, sizeof t - 1, "utf16", r, NR(r), 2, 2);
	score_is(t, sizeof t - 1, "codepoint", r, NR(r), 0, 0);
	static const struct refi_range s[] = {{3, 5}};
	score_is(t, sizeof t - 1, "utf16", s, NR(s), 0, 0);
	score_is(t, sizeof t - 1, "codepoint", s, NR(s), 1, 1);
	static const struct refi_range u[] = {{3, 4}};
	score_is(t, sizeof t - 1, "utf16", u, NR(u), 1, 1);
	score_is(t, sizeof t - 1, "codepoint", u, NR(u), 1, 1);
}

/* A long text (past the survey's checkpoints and buckets): 200 lines of
 * "linje 😀 blåbær og ost" CRLF after a BOM; "blåbær" of line k is
 * [24k + 9, 24k + 15) in UTF-16 code units, the store text's code points
 * [22k + 8, 22k + 14). */
static void test_long_text(void **state)
{
	(void)state;
	struct buf b;
	buf_init(&b);
	buf_puts(&b, BOM);
	for (int k = 0; k < 200; k++)
		buf_puts(&b, "linje " GRIN " bl\xC3\xA5" "b\xC3\xA6r og ost\r\n");
	struct refi_range r[200];
	for (int k = 0; k < 200; k++)
		r[k] = (struct refi_range){24LL * k + 9, 24LL * k + 15};
	score_is(b.data, b.len, "utf16", r, 200, 200, 200);
	struct refi_reading out[8];
	assert_int_equal(refiunit_readings(b.data, b.len, r, 200, out), 8);
	assert_string_equal(refiunit_name(&out[0].unit), "utf16");
	assert_int_equal(out[0].words, 200);
	for (size_t k = 1; k < 8; k++)
		assert_true(out[k].words < 200);
	static const struct norm_opts o = {.want_map = true, .what = "a text"};
	struct diag d;
	diag_init(&d, NULL);
	struct norm nm;
	assert_int_equal(normalize(&nm, b.data, b.len, &o, "t.txt", &d), 0);
	struct refi_unit u = unit("utf16");
	size_t np;
	size_t *t = refiunit_table(b.data, b.len, &u, &np);
	assert_int_equal(np, 24 * 200);
	for (int k = 0; k < 200; k++) {
		assert_int_equal(nm.map[t[r[k].start]], 22 * k + 8);
		assert_int_equal(nm.map[t[r[k].end]], 22 * k + 14);
	}
	free(t);
	norm_free(&nm);
	diag_free(&d);
	buf_free(&b);
}

static void test_folding(void **state)
{
	(void)state;
	struct refi_reading out[8];
	static const struct refi_range r[] = {{0, 2}};
	/* plain ASCII: one reading for all eight */
	size_t n = refiunit_readings("ab cd", 5, r, 1, out);
	assert_int_equal(n, 1);
	assert_string_equal(refiunit_name(&out[0].unit), "codepoint");
	assert_string_equal(out[0].same, "codepoint = utf16 (no CRLF, no BOM)");
	assert_int_equal(out[0].fit, 1);
	assert_int_equal(out[0].words, 1);
	/* everything differs: eight readings, ties in the standard's order */
	n = refiunit_readings(mixed, sizeof mixed - 1, NULL, 0, out);
	assert_int_equal(n, 8);
	static const char *const order[] = {
		"codepoint", "codepoint+bom", "codepoint+crlf1", "codepoint+crlf1+bom",
		"utf16", "utf16+bom", "utf16+crlf1", "utf16+crlf1+bom",
	};
	for (size_t k = 0; k < 8; k++) {
		assert_string_equal(refiunit_name(&out[k].unit), order[k]);
		assert_string_equal(out[k].same, order[k]);
	}
	/* CRLF and an emoji, no BOM: four */
	static const char t[] = "a" GRIN "\r\nb";
	n = refiunit_readings(t, sizeof t - 1, r, 1, out);
	assert_int_equal(n, 4);
	assert_string_equal(out[0].same, "codepoint (no BOM)");
	/* a BOM only: two readings */
	n = refiunit_readings(BOM, 3, NULL, 0, out);
	assert_int_equal(n, 2);
	assert_string_equal(out[0].same, "codepoint = utf16 (no CRLF)");
	assert_string_equal(out[1].same, "codepoint+bom = utf16+bom (no CRLF)");
	/* an invalid 4-byte sequence is no character outside the BMP */
	n = refiunit_readings("a\xF0\x9F\x98", 4, NULL, 0, out);
	assert_int_equal(n, 1);
	/* more fit beats the standard's order */
	static const struct refi_range e[] = {{3, 5}};
	n = refiunit_readings(GRIN "abc", 7, e, 1, out);
	assert_int_equal(n, 2);
	assert_true(out[0].unit.utf16);
	assert_int_equal(out[0].fit, 1);
	assert_int_equal(out[0].words, 0);
	assert_int_equal(out[1].fit, 0);
}

static void test_origin(void **state)
{
	(void)state;
	const char *who = "x";
	struct refi_unit u = refiunit_of_origin("NVivo for Windows 12.6", &who);
	assert_string_equal(refiunit_name(&u), "utf16");
	assert_string_equal(who, "NVivo");
	u = refiunit_of_origin("QSR nvivo 14", &who);
	assert_string_equal(refiunit_name(&u), "utf16");
	u = refiunit_of_origin("ATLAS.ti Mac 23.2", &who);
	assert_string_equal(refiunit_name(&u), "codepoint+crlf1");
	assert_string_equal(who, "ATLAS.ti");
	u = refiunit_of_origin("MAXQDA 2022", &who);
	assert_string_equal(refiunit_name(&u), "codepoint");
	assert_string_equal(who, "MAXQDA");
	u = refiunit_of_origin("QualCoder 3.5", &who);
	assert_string_equal(who, "QualCoder");
	u = refiunit_of_origin("qc", &who);
	assert_string_equal(who, "qc");
	u = refiunit_of_origin("qcamap", &who);
	assert_null(who);
	u = refiunit_of_origin("Quirkos 2.5", &who);
	assert_string_equal(who, "Quirkos");
	u = refiunit_of_origin("sitat 0.4.0", &who);
	assert_string_equal(refiunit_name(&u), "codepoint");
	assert_null(who);
	u = refiunit_of_origin(NULL, &who);
	assert_string_equal(refiunit_name(&u), "codepoint");
	assert_null(who);
	u = refiunit_of_origin("", &who);
	assert_null(who);
}

static void slug_is(const char *name, const char *want)
{
	char *s = refi_slug(name);
	if (strcmp(s, want))
		fail_msg("slug of '%s': '%s', want '%s'", name ? name : "(null)", s, want);
	assert_true((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9'));
	for (const char *p = s; *p; p++)
		assert_true((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '-');
	free(s);
}

static void test_slug(void **state)
{
	(void)state;
	/* Norwegian, Danish, German, Icelandic, Polish, French */
	slug_is("Tillitsbasert styring", "tillitsbasert-styring");
	slug_is("Blåbær og Øl", "blabaer-og-ol");
	slug_is("Æøå ÆØÅ", "aeoa-aeoa");
	slug_is("Straße", "strasse");
	slug_is("Þórður Đuro Łódź œuvre", "thordur-duro-lodz-oeuvre");
	/* Hungarian (double acute) */
	slug_is("Szkepticizmus – oltás", "szkepticizmus-oltas");
	slug_is("Bizalmatlanság (őszinte, ÜGY)", "bizalmatlansag-oszinte-ugy");
	/* emoji-only, empty, punctuation only, NULL */
	slug_is("\xF0\x9F\x98\x80\xF0\x9F\x98\x82", "code");
	slug_is("", "code");
	slug_is(" -- !!", "code");
	slug_is(NULL, "code");
	/* digits first, runs of anything else one '-', no '-' at the ends */
	slug_is("1.2 Trust", "1-2-trust");
	slug_is("  --Why?--  ", "why");
	slug_is("A\tB\nC", "a-b-c");
	slug_is("\xEF\xBC\xA1\xEF\xBC\xA2 \xC2\xB2", "ab-2"); /* full width, superscript */
	slug_is("Стратегия x", "x");
	/* cut at 40, at a '-' */
	slug_is("aaaaaaaaa bbbbbbbbb ccccccccc ddddddddd eeeee",
	        "aaaaaaaaa-bbbbbbbbb-ccccccccc-ddddddddd");
	slug_is("aaaaaaaaa bbbbbbbbb ccccccccc dddddddddd eeeee",
	        "aaaaaaaaa-bbbbbbbbb-ccccccccc-dddddddddd");
	slug_is("aaaaaaaaa bbbbbbbbb ccccccccc ddddddddddd eeeee",
	        "aaaaaaaaa-bbbbbbbbb-ccccccccc");
	/* one long word: cut at 40 */
	char *s = refi_slug("abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyz");
	assert_string_equal(s, "abcdefghijklmnopqrstuvwxyzabcdefghijklmn");
	free(s);
	/* invalid UTF-8 */
	slug_is("ab\xFF", "code");
}

/* ---- the real NVivo exports in ../shared/qdpx ----------------------- */

#define QDPX_DIR "../shared/qdpx"

/* The value of attribute name in the tag [tag, end), or -1. */
static long long attr_num(const char *tag, const char *end, const char *name)
{
	size_t m = strlen(name);
	for (const char *p = tag; p + m + 2 < end; p++)
		if (!memcmp(p, name, m) && p[m] == '=' && p[m + 1] == '"' && p[-1] == ' ')
			return strtoll(p + m + 2, NULL, 10);
	return -1;
}

static char *attr_str(const char *tag, const char *end, const char *name)
{
	size_t m = strlen(name);
	for (const char *p = tag; p + m + 2 < end; p++)
		if (!memcmp(p, name, m) && p[m] == '=' && p[m + 1] == '"' && p[-1] == ' ') {
			const char *v = p + m + 2, *q = strchr(v, '"');
			return q && q < end ? xstrndup(v, (size_t)(q - v)) : NULL;
		}
	return NULL;
}

struct nvivo_want {
	const char *file;
	size_t selections, utf16_words, codepoint_words;
};

/* Sum the scores of every reading over the file's text sources (a
 * measurement: the project XML is cut by a plain scan here, the
 * importer reads it with libxml2). */
static void nvivo_measure(const char *tmp, const struct nvivo_want *w)
{
	char *qdpx = xasprintf("%s/%s", QDPX_DIR, w->file);
	char *dir = xasprintf("%s/%s.d", tmp, w->file);
	char *cmd = xasprintf("mkdir -p '%s' && unzip -q -o '%s' -d '%s'", dir, qdpx, dir);
	assert_int_equal(system(cmd), 0);
	char *qde = path_join(dir, "project.qde"), *xml;
	size_t len;
	assert_int_equal(read_file(qde, &xml, &len), 0);
	size_t fit[8] = {0}, words[8] = {0}, nsel = 0;
	const char *p = xml;
	while ((p = strstr(p, "<TextSource "))) {
		const char *tag_end = strchr(p, '>');
		const char *next = strstr(p + 1, "<TextSource ");
		const char *close = strstr(p, "</TextSource>");
		const char *end = tag_end[-1] == '/' ? tag_end : close && (!next || close < next) ? close : next;
		char *path = attr_str(p, tag_end, "plainTextPath");
		assert_non_null(path);
		const char *name = strncmp(path, "internal://", 11) ? path : path + 11;
		char *txt = xasprintf("%s/Sources/%s", dir, name), *text;
		size_t tn;
		if (read_file(txt, &text, &tn) < 0) {
			free(txt);
			txt = xasprintf("%s/sources/%s", dir, name);
			assert_int_equal(read_file(txt, &text, &tn), 0);
		}
		struct refi_range *r = NULL;
		size_t nr = 0, cap = 0;
		for (const char *q = p; (q = strstr(q, "<PlainTextSelection ")) && q < end; q++) {
			const char *qe = strchr(q, '>');
			struct refi_range x = {attr_num(q, qe, "startPosition"),
			                       attr_num(q, qe, "endPosition")};
			ARRAY_PUSH(r, nr, cap, x);
		}
		for (unsigned k = 0; k < 8; k++) {
			struct refi_unit u = {k & 4, k & 2, k & 1};
			size_t f, wd;
			refiunit_score(text, tn, r, nr, &u, &f, &wd);
			fit[k] += f, words[k] += wd;
		}
		if (nr) {
			struct refi_reading rd[8];
			assert_true(refiunit_readings(text, tn, r, nr, rd) >= 2);
			assert_string_equal(refiunit_name(&rd[0].unit), "utf16");
		}
		nsel += nr;
		free(r);
		free(text);
		free(txt);
		free(path);
		p = tag_end;
	}
	printf("  %s: %zu selections; fit/words:", w->file, nsel);
	for (unsigned k = 0; k < 8; k++) {
		struct refi_unit u = {k & 4, k & 2, k & 1};
		printf(" %s %zu/%zu", refiunit_name(&u), fit[k], words[k]);
	}
	printf("\n");
	assert_int_equal(nsel, w->selections);
	assert_int_equal(fit[4], nsel);
	assert_int_equal(words[4], w->utf16_words);
	assert_int_equal(words[0], w->codepoint_words);
	/* every other reading is worse (the utf16 ones that the text does
	 * not tell apart from utf16 are as good) */
	for (unsigned k = 0; k < 8; k++)
		assert_true(k < 4 ? words[k] < words[4] : words[k] <= words[4]);
	free(xml);
	free(qde);
	free(cmd);
	free(dir);
	free(qdpx);
}

static void test_nvivo_exports(void **state)
{
	(void)state;
	struct stat st;
	if (stat(QDPX_DIR, &st) < 0 || system("unzip -v >/dev/null 2>&1") != 0) {
		printf("  skipped: no " QDPX_DIR " (the real NVivo exports) or no unzip\n");
		skip();
	}
	/* the README there: positions in UTF-16 code units.  It counts 49
	 * of oltas0517's selections on words read as code points: three of
	 * them start or end between a CR and its LF under that reading, no
	 * character boundary here (one of them otherwise on words) */
	static const struct nvivo_want want[] = {
		{"nvivo12-oltas0517.qdpx", 303, 300, 48},
		{"nvivo12-oltas0611.qdpx", 97, 97, 60},
		{"nvivomac12-oltas17june.qdpx", 297, 294, 58},
	};
	char *tmp = unit_tmpdir();
	for (size_t k = 0; k < sizeof want / sizeof *want; k++)
		nvivo_measure(tmp, &want[k]);
	unit_rmtree(tmp);
	free(tmp);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_names),
		cmocka_unit_test(test_tables),
		cmocka_unit_test(test_edge_tables),
		cmocka_unit_test(test_table_through_normalize),
		cmocka_unit_test(test_score_utf16_emoji),
		cmocka_unit_test(test_score_crlf_one),
		cmocka_unit_test(test_score_bom_counted),
		cmocka_unit_test(test_score_bounds),
		cmocka_unit_test(test_score_line_ends),
		cmocka_unit_test(test_score_end_emoji),
		cmocka_unit_test(test_long_text),
		cmocka_unit_test(test_folding),
		cmocka_unit_test(test_origin),
		cmocka_unit_test(test_slug),
		cmocka_unit_test(test_nvivo_exports),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
