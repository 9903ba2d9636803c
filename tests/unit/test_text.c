/* test_text.c - text validation (UTF-8, BOM, CR, control characters, NFC,
 * TAB) with the exact line:col of each report, the position maps, and the
 * excerpt and string checks. */
#include "unit.h"

#include "core/text.h"

#define FILE_NAME "t.txt"

/* text_init on a copy of s (len bytes) with a silent diag. */
static bool init(struct text *t, struct diag *d, const char *s, size_t len,
                 bool tabs)
{
	diag_init(d, NULL);
	return text_init(t, xstrndup(s, len), len, FILE_NAME, tabs, d);
}

static bool init_s(struct text *t, struct diag *d, const char *s, bool tabs)
{
	return init(t, d, s, strlen(s), tabs);
}

static void assert_rec(const struct diag_rec *r, enum diag_id id, size_t line,
                       size_t col, const char *msg)
{
	assert_string_equal(diag_table[r->id].name, diag_table[id].name);
	assert_string_equal(r->file, FILE_NAME);
	assert_null(r->where);
	assert_int_equal(r->line, line);
	assert_int_equal(r->col, col);
	if (msg)
		assert_string_equal(r->msg, msg);
}

/* ---- validation ---------------------------------------------------------- */

static void test_valid(void **state)
{
	(void)state;
	struct text t;
	struct diag d;
	/* "Hei på deg\n" is 11 code points in 12 bytes */
	const char *s = "Hei p\xc3\xa5 deg\nlinje to\n";
	assert_true(init_s(&t, &d, s, false));
	assert_true(t.ok);
	assert_int_equal(d.n, 0);
	assert_int_equal(d.errors, 0);
	assert_int_equal(t.len, 21);
	assert_int_equal(t.ncp, 20);
	assert_int_equal(t.nlines, 2); /* the final LF starts no line */
	assert_int_equal(t.lines[0], 0);
	assert_int_equal(t.lines[1], 12);
	assert_memory_equal(t.data, s, 21);
	text_free(&t);
	assert_null(t.data);
	diag_free(&d);
}

static void test_empty(void **state)
{
	(void)state;
	struct text t;
	struct diag d;
	assert_true(init(&t, &d, "", 0, false));
	assert_int_equal(d.n, 0);
	assert_int_equal(t.ncp, 0);
	assert_int_equal(t.nlines, 1);
	assert_int_equal(text_cp_to_byte(&t, 0), 0);
	assert_int_equal(text_byte_to_cp(&t, 0), 0);
	assert_int_equal(text_line_of(&t, 0), 1);
	assert_int_equal(text_col_of(&t, 0), 1);
	text_free(&t);
	diag_free(&d);
}

static void test_bom(void **state)
{
	(void)state;
	struct text t;
	struct diag d;
	assert_false(init_s(&t, &d, "\xef\xbb\xbf" "abc\n", false));
	assert_false(t.ok);
	unit_assert_diags(&d, "bom");
	assert_rec(&d.recs[0], D_BOM, 1, 1,
	           "byte order mark at start of file (save as UTF-8 without BOM)");
	assert_int_equal(d.errors, 1);
	text_free(&t);
	diag_free(&d);

	/* U+FEFF later in the file is not a BOM */
	assert_true(init_s(&t, &d, "a\xef\xbb\xbf", false));
	assert_int_equal(d.n, 0);
	text_free(&t);
	diag_free(&d);
}

static void test_cr(void **state)
{
	(void)state;
	struct text t;
	struct diag d;
	/* reported once, at the first CR */
	assert_false(init_s(&t, &d, "ok\nab\r\ncd\r\n\r\n", false));
	unit_assert_diags(&d, "crlf");
	assert_rec(&d.recs[0], D_CR, 2, 3,
	           "carriage return (CR) in line end; use LF line ends");
	text_free(&t);
	diag_free(&d);

	/* also with tabs allowed, and a lone CR */
	assert_false(init_s(&t, &d, "\xc3\xa6\xc3\xb8\r", true));
	unit_assert_diags(&d, "crlf");
	assert_rec(&d.recs[0], D_CR, 1, 3, NULL);
	text_free(&t);
	diag_free(&d);
}

/* The D_UTF8 records of d must be exactly these (line, col, byte). */
struct badbyte {
	size_t line, col;
	unsigned byte;
};

static void check_utf8(const char *s, size_t len, const struct badbyte *want,
                       size_t nwant)
{
	struct text t;
	struct diag d;
	assert_false(init(&t, &d, s, len, false));
	assert_false(t.ok);
	assert_int_equal(unit_diag_count(&d, D_UTF8), nwant);
	for (size_t k = 0; k < nwant; k++) {
		const struct diag_rec *r = unit_diag_nth(&d, D_UTF8, k);
		char *msg = xasprintf("invalid UTF-8 byte sequence (byte 0x%02X)",
		                      want[k].byte);
		assert_rec(r, D_UTF8, want[k].line, want[k].col, msg);
		free(msg);
	}
	/* nothing but UTF-8: no NFC report on a line that is not UTF-8 */
	assert_int_equal(unit_diag_count(&d, D_UTF8), d.n);
	text_free(&t);
	diag_free(&d);
}

#define CHECK_UTF8(s, ...)                                                  \
	do {                                                                    \
		static const struct badbyte w_[] = {__VA_ARGS__};                   \
		check_utf8(s, sizeof s - 1, w_, sizeof w_ / sizeof w_[0]);          \
	} while (0)

static void test_utf8_overlong(void **state)
{
	(void)state;
	/* each bad byte is one report, and one column */
	CHECK_UTF8("ab\xc0\xaf" "c", {1, 3, 0xC0}, {1, 4, 0xAF});
	CHECK_UTF8("\xc1\x81", {1, 1, 0xC1}, {1, 2, 0x81});
	CHECK_UTF8("x\xe0\x80\xaf", {1, 2, 0xE0}, {1, 3, 0x80}, {1, 4, 0xAF});
	CHECK_UTF8("\xf0\x80\x80\xaf", {1, 1, 0xF0}, {1, 2, 0x80}, {1, 3, 0x80},
	           {1, 4, 0xAF});
}

static void test_utf8_truncated(void **state)
{
	(void)state;
	CHECK_UTF8("abc\xe2\x82", {1, 4, 0xE2}, {1, 5, 0x82});
	CHECK_UTF8("a\xc3 b", {1, 2, 0xC3});
	CHECK_UTF8("a\xc3\nb\xf0\x9f\x98", {1, 2, 0xC3}, {2, 2, 0xF0}, {2, 3, 0x9F},
	           {2, 4, 0x98});
	CHECK_UTF8("\xe2\x82\xac\xe2\x82", {1, 2, 0xE2}, {1, 3, 0x82});
}

static void test_utf8_continuation(void **state)
{
	(void)state;
	CHECK_UTF8("x\x80y", {1, 2, 0x80});
	CHECK_UTF8("\xbf", {1, 1, 0xBF});
	CHECK_UTF8("\xc3\xa5\xa5", {1, 2, 0xA5});
	CHECK_UTF8("ok\n\xc3\xa6\xc3\xb8\x80\x80", {2, 3, 0x80}, {2, 4, 0x80});
}

static void test_utf8_surrogate_and_others(void **state)
{
	(void)state;
	CHECK_UTF8("x\xed\xa0\x80y", {1, 2, 0xED}, {1, 3, 0xA0}, {1, 4, 0x80});
	CHECK_UTF8("\xed\xbf\xbf", {1, 1, 0xED}, {1, 2, 0xBF}, {1, 3, 0xBF});
	CHECK_UTF8("\xf4\x90\x80\x80", {1, 1, 0xF4}, {1, 2, 0x90}, {1, 3, 0x80},
	           {1, 4, 0x80});
	CHECK_UTF8("\xff\xfe", {1, 1, 0xFF}, {1, 2, 0xFE});
}

static void test_utf8_keeps_counting(void **state)
{
	(void)state;
	struct text t;
	struct diag d;
	/* a bad byte counts as a column; later problems are still found */
	assert_false(init_s(&t, &d, "\xff\xfe\x01\nz\x02", false));
	assert_int_equal(unit_diag_count(&d, D_UTF8), 2);
	const struct diag_rec *r = unit_diag_nth(&d, D_CONTROL, 0);
	assert_rec(r, D_CONTROL, 1, 3, "control character U+0001 not allowed");
	r = unit_diag_nth(&d, D_CONTROL, 1);
	assert_rec(r, D_CONTROL, 2, 2, "control character U+0002 not allowed");
	text_free(&t);
	diag_free(&d);
}

static void test_utf8_no_nfc_report(void **state)
{
	(void)state;
	/* Regression: a bad byte is taken as U+FFFD, which is not "NFC inert";
	 * the NFC check of such a line used to fail on the invalid UTF-8 and
	 * add a misleading "not-nfc" at column 1. */
	struct text t;
	struct diag d;
	assert_false(init_s(&t, &d, "ab\xc0" "c", false));
	unit_assert_diags(&d, "utf8");
	assert_int_equal(d.errors, 1);
	text_free(&t);
	diag_free(&d);
	/* the next line is still checked */
	assert_false(init_s(&t, &d, "\xff\nxa\xcc\x8a\n", false));
	unit_assert_diags(&d, "utf8 not-nfc");
	assert_rec(&d.recs[1], D_NFC, 2, 2, NULL);
	text_free(&t);
	diag_free(&d);
}

static void test_control(void **state)
{
	(void)state;
	struct text t;
	struct diag d;
	assert_false(init_s(&t, &d, "ab\x01" "c", false));
	unit_assert_diags(&d, "control-char");
	assert_rec(&d.recs[0], D_CONTROL, 1, 3,
	           "control character U+0001 not allowed");
	text_free(&t);
	diag_free(&d);

	/* every one is reported, C0, DEL and C1, columns in code points */
	assert_false(init_s(&t, &d, "\xc3\xa6\n\xc3\xb8\xc3\xa5\x1b\x7f" "a\xc2\x85", false));
	unit_assert_diags(&d, "control-char control-char control-char");
	assert_rec(&d.recs[0], D_CONTROL, 2, 3, "control character U+001B not allowed");
	assert_rec(&d.recs[1], D_CONTROL, 2, 4, "control character U+007F not allowed");
	assert_rec(&d.recs[2], D_CONTROL, 2, 6, "control character U+0085 not allowed");
	assert_int_equal(d.errors, 3);
	text_free(&t);
	diag_free(&d);

	/* a NUL byte inside the data */
	assert_false(init(&t, &d, "a\0b", 3, true));
	unit_assert_diags(&d, "control-char");
	assert_rec(&d.recs[0], D_CONTROL, 1, 2, "control character U+0000 not allowed");
	text_free(&t);
	diag_free(&d);

	/* U+00A0 and U+00AD are not control characters */
	assert_true(init_s(&t, &d, "a\xc2\xa0" "b\xc2\xad", false));
	assert_int_equal(d.n, 0);
	text_free(&t);
	diag_free(&d);
}

static void test_tabs(void **state)
{
	(void)state;
	struct text t;
	struct diag d;
	assert_true(init_s(&t, &d, "a\tb\n\t\n", true));
	assert_int_equal(d.n, 0);
	assert_int_equal(t.ncp, 6);
	text_free(&t);
	diag_free(&d);

	assert_false(init_s(&t, &d, "a\tb\n\xc3\xa5\t\n", false));
	unit_assert_diags(&d, "control-char control-char");
	assert_rec(&d.recs[0], D_CONTROL, 1, 2, "control character U+0009 not allowed");
	assert_rec(&d.recs[1], D_CONTROL, 2, 2, "control character U+0009 not allowed");
	text_free(&t);
	diag_free(&d);
}

/* FORM FEED separates the pages of a document's text (TEXT_FORMFEED); it
 * ends no line.  Anywhere else it is a control character. */
static void test_formfeed(void **state)
{
	(void)state;
	struct text t;
	struct diag d;
	const char *s = "a\n\fb\fc\n";
	diag_init(&d, NULL);
	assert_true(text_init(&t, xstrdup(s), strlen(s), FILE_NAME, TEXT_TABS | TEXT_FORMFEED, &d));
	assert_int_equal(d.n, 0);
	assert_int_equal(t.ncp, 7);
	assert_int_equal(t.nlines, 2);
	assert_int_equal(text_line_of(&t, 4), 2); /* the c after the second form feed */
	text_free(&t);
	diag_free(&d);

	assert_false(init_s(&t, &d, s, true));
	unit_assert_diags(&d, "control-char control-char");
	assert_rec(&d.recs[0], D_CONTROL, 2, 1, "control character U+000C not allowed");
	assert_rec(&d.recs[1], D_CONTROL, 2, 3, "control character U+000C not allowed");
	text_free(&t);
	diag_free(&d);

	diag_init(&d, NULL);
	assert_false(text_validate("{\f}", 3, FILE_NAME, TEXT_TABS, &d));
	unit_assert_diags(&d, "control-char");
	diag_free(&d);
}

static void test_nfc_at_line_start(void **state)
{
	(void)state;
	struct text t;
	struct diag d;
	/* decomposed å (a + U+030A) as the first character of line 2 */
	assert_false(init_s(&t, &d, "ok\na\xcc\x8a" "pen\n", false));
	unit_assert_diags(&d, "not-nfc");
	assert_rec(&d.recs[0], D_NFC, 2, 1,
	           "text is not in Unicode NFC form (normalise the file to NFC)");
	text_free(&t);
	diag_free(&d);
}

static void test_nfc_once_per_file(void **state)
{
	(void)state;
	struct text t;
	struct diag d;
	assert_false(init_s(&t, &d, "a\xcc\x8a\na\xcc\x8a\n", false));
	unit_assert_diags(&d, "not-nfc");
	assert_int_equal(d.recs[0].line, 1);
	text_free(&t);
	diag_free(&d);
}

static void test_nfc_clean(void **state)
{
	(void)state;
	struct text t;
	struct diag d;
	/* precomposed å; q + ring has no precomposed form, so it is NFC */
	assert_true(init_s(&t, &d, "Bl\xc3\xa5" "b\xc3\xa6r q\xcc\x8a \xe2\x80\x93 "
	                   "\xe2\x82\xac \xf0\x9f\x98\x80\n", false));
	assert_int_equal(d.n, 0);
	text_free(&t);
	diag_free(&d);
}

static void test_nfc_column(void **state)
{
	(void)state;
	/* Regression: the column is that of the first character that differs
	 * from the NFC form (it used to be one character too far left). */
	struct text t;
	struct diag d;
	assert_false(init_s(&t, &d, "Bla\xcc\x8a" "b\xc3\xa6r\n", false));
	unit_assert_diags(&d, "not-nfc");
	assert_rec(&d.recs[0], D_NFC, 1, 3, NULL);
	text_free(&t);
	diag_free(&d);

	assert_false(init_s(&t, &d, "ok\nxy\xe2\x84\xab\n", false));
	unit_assert_diags(&d, "not-nfc");
	assert_rec(&d.recs[0], D_NFC, 2, 3, NULL);
	text_free(&t);
	diag_free(&d);

	/* after multibyte characters: columns are code points */
	assert_false(init_s(&t, &d, "\xc3\xa6\xc3\xb8o\xcc\x88k\n", false));
	unit_assert_diags(&d, "not-nfc");
	assert_rec(&d.recs[0], D_NFC, 1, 3, NULL);
	text_free(&t);
	diag_free(&d);
}

static void test_line_count(void **state)
{
	(void)state;
	static const struct {
		const char *s;
		size_t nlines;
	} t[] = {
		{"", 1}, {"a", 1}, {"a\n", 1}, {"\n", 1}, {"a\nb", 2}, {"a\nb\n", 2},
		{"a\n\n", 2}, {"\n\n", 2}, {"a\n\nb\n", 3},
	};
	for (size_t i = 0; i < sizeof t / sizeof t[0]; i++) {
		struct text x;
		struct diag d;
		assert_true(init_s(&x, &d, t[i].s, false));
		if (x.nlines != t[i].nlines)
			print_error("case %zu\n", i);
		assert_int_equal(x.nlines, t[i].nlines);
		text_free(&x);
		diag_free(&d);
	}
}

static void test_problems_together(void **state)
{
	(void)state;
	struct text t;
	struct diag d;
	assert_false(init_s(&t, &d, "\xef\xbb\xbfx\r\n\x01\n", false));
	unit_assert_diags(&d, "bom crlf control-char");
	assert_rec(&d.recs[0], D_BOM, 1, 1, NULL);
	assert_rec(&d.recs[1], D_CR, 1, 3, NULL);
	assert_rec(&d.recs[2], D_CONTROL, 2, 1, NULL);
	assert_int_equal(d.errors, 3);
	text_free(&t);
	diag_free(&d);
}

/* ---- position maps -------------------------------------------------------- */

/* A text of ncp code points over several lines, mixing 1-, 2-, 3- and
 * 4-byte characters (caller frees). */
static char *make_text(size_t ncp)
{
	static const char *const chars[] = {
		"a", "\xc3\xa5", "b", "\xe2\x82\xac", " ", "\xf0\x9f\x98\x80", "c",
		"\xc3\x98", "\xe2\x80\x93", "d",
	};
	struct buf b;
	buf_init(&b);
	for (size_t k = 0; k < ncp; k++) {
		if (k % 37 == 36)
			buf_putc(&b, '\n');
		else
			buf_puts(&b, chars[(k * 7 + k / 10) % 10]);
	}
	return buf_detach(&b, NULL);
}

static void check_maps(size_t ncp)
{
	char *s = make_text(ncp);
	size_t len = strlen(s);
	struct text t;
	struct diag d;
	assert_true(init(&t, &d, s, len, false));
	assert_int_equal(t.ncp, ncp);
	if (ncp >= 10)
		assert_true(len > ncp + ncp / 2); /* really multibyte */
	/* checkpoints every TEXT_CP_STEP code points, plus the end when ncp
	 * is a multiple of the step */
	assert_int_equal(t.ncpidx, ncp / TEXT_CP_STEP + 1);

	/* the reference, by walking the bytes here */
	size_t cp = 0, line = 1, col = 1, b = 0;
	while (1) {
		if (text_cp_to_byte(&t, cp) != b)
			print_error("ncp %zu: cp %zu\n", ncp, cp);
		assert_int_equal(text_cp_to_byte(&t, cp), b);
		assert_int_equal(text_byte_to_cp(&t, b), cp);
		assert_int_equal(text_line_of(&t, b), line);
		assert_int_equal(text_col_of(&t, b), col);
		size_t l, c;
		raw_line_col(s, len, b, &l, &c);
		assert_int_equal(l, line);
		assert_int_equal(c, col);
		if (b == len)
			break;
		if (s[b] == '\n')
			line++, col = 1;
		else
			col++;
		b++;
		while (b < len && ((unsigned char)s[b] & 0xC0) == 0x80)
			b++;
		cp++;
	}
	assert_int_equal(cp, ncp);
	assert_int_equal(t.nlines, line);
	/* past the end */
	assert_int_equal(text_cp_to_byte(&t, ncp + 5), len);
	text_free(&t);
	diag_free(&d);
	free(s);
}

static void test_maps_round_trip(void **state)
{
	(void)state;
	check_maps(250);                     /* > 200, several blocks */
	check_maps(4 * TEXT_CP_STEP);        /* ends on a checkpoint */
	check_maps(TEXT_CP_STEP - 1);
	check_maps(TEXT_CP_STEP + 1);
	check_maps(1);
}

static void test_line_col(void **state)
{
	(void)state;
	struct text t;
	struct diag d;
	/* "æøå\n\nx€y\n": bytes 0-5 æøå, 6 LF, 7 LF, 8 x, 9-11 €, 12 y, 13 LF */
	assert_true(init_s(&t, &d, "\xc3\xa6\xc3\xb8\xc3\xa5\n\nx\xe2\x82\xacy\n", false));
	assert_int_equal(t.nlines, 3);
	assert_int_equal(text_line_of(&t, 0), 1);
	assert_int_equal(text_col_of(&t, 0), 1);
	assert_int_equal(text_col_of(&t, 4), 3);
	assert_int_equal(text_line_of(&t, 6), 1); /* the LF ends line 1 */
	assert_int_equal(text_col_of(&t, 6), 4);
	assert_int_equal(text_line_of(&t, 7), 2);
	assert_int_equal(text_col_of(&t, 7), 1);
	assert_int_equal(text_line_of(&t, 8), 3);
	assert_int_equal(text_col_of(&t, 9), 2);
	assert_int_equal(text_col_of(&t, 12), 3);
	assert_int_equal(text_line_of(&t, 13), 3);
	assert_int_equal(text_line_of(&t, 14), 3); /* the end: still line 3 */
	assert_int_equal(text_byte_to_cp(&t, 12), 7);
	assert_int_equal(text_cp_to_byte(&t, 7), 12);
	assert_int_equal(text_cp_to_byte(&t, 3), 6);
	text_free(&t);
	diag_free(&d);
}

static void test_raw_line_col(void **state)
{
	(void)state;
	size_t l, c;
	const char *s = "ab\n\xc3\xa7" "d\n";
	raw_line_col(s, strlen(s), 0, &l, &c);
	assert_int_equal(l, 1), assert_int_equal(c, 1);
	raw_line_col(s, strlen(s), 2, &l, &c);
	assert_int_equal(l, 1), assert_int_equal(c, 3);
	raw_line_col(s, strlen(s), 3, &l, &c);
	assert_int_equal(l, 2), assert_int_equal(c, 1);
	raw_line_col(s, strlen(s), 5, &l, &c); /* the d after ç */
	assert_int_equal(l, 2), assert_int_equal(c, 2);
	raw_line_col(s, strlen(s), 7, &l, &c);
	assert_int_equal(l, 3), assert_int_equal(c, 1);
	raw_line_col(s, strlen(s), 1000, &l, &c); /* clamped to the end */
	assert_int_equal(l, 3), assert_int_equal(c, 1);
	raw_line_col("", 0, 0, &l, &c);
	assert_int_equal(l, 1), assert_int_equal(c, 1);
}

/* ---- text_show and text_check_string ---------------------------------------- */

static void show_is(const char *s, size_t n, size_t max, const char *want)
{
	char *got = text_show(s, n, max);
	assert_string_equal(got, want);
	free(got);
}

static void test_show(void **state)
{
	(void)state;
	show_is("abc", 3, 10, "abc");
	show_is("abc", 3, 3, "abc");
	show_is("abcdef", 6, 3, "abc\xe2\x80\xa6");
	show_is("abcdef", 2, 10, "ab");
	show_is("abc", 3, 0, "\xe2\x80\xa6");
	show_is("", 0, 0, "");
	show_is("", 0, 5, "");
	/* code points, not bytes */
	show_is("\xc3\xa6\xc3\xb8\xc3\xa5\xc3\xa6", 8, 2, "\xc3\xa6\xc3\xb8\xe2\x80\xa6");
	show_is("\xf0\x9f\x98\x80x", 5, 1, "\xf0\x9f\x98\x80\xe2\x80\xa6");
	/* LF shown as \n, and it counts as one */
	show_is("a\nb", 3, 10, "a\\nb");
	show_is("\n\n\n", 3, 2, "\\n\\n\xe2\x80\xa6");
	/* a form feed (a page break) is shown as \\f, like LF */
	show_is("a.\n\fB", 5, 10, "a.\\n\\fB");
	/* control characters and invalid bytes become U+FFFD */
	show_is("a\tb\x01\x7f", 5, 10,
	        "a\xef\xbf\xbd" "b\xef\xbf\xbd\xef\xbf\xbd");
	show_is("\r\xc2\x85", 3, 10, "\xef\xbf\xbd\xef\xbf\xbd");
	show_is("a\xff" "b", 3, 10, "a\xef\xbf\xbd" "b");
	show_is("\xe2\x82", 2, 10, "\xef\xbf\xbd\xef\xbf\xbd");
	show_is("\xff\xff\xff", 3, 2, "\xef\xbf\xbd\xef\xbf\xbd\xe2\x80\xa6");
	/* others untouched */
	show_is("\xc2\xa0{}\\%", 6, 10, "\xc2\xa0{}\\%");
}

static void check_string_is(const char *s, int want, unsigned want_bad)
{
	unsigned bad = 0xDEAD;
	int r = text_check_string(s, &bad);
	assert_int_equal(r, want);
	if (want)
		assert_int_equal(bad, want_bad);
}

static void test_check_string(void **state)
{
	(void)state;
	check_string_is("", 0, 0);
	check_string_is("Hei p\xc3\xa5 deg", 0, 0);
	check_string_is("a\tb\nc", 0, 0);
	check_string_is("\xf0\x9f\x98\x80 q\xcc\x8a", 0, 0);
	check_string_is("a\rb", D_CONTROL, 0x0D);
	check_string_is("\x01", D_CONTROL, 0x01);
	check_string_is("x\x7f", D_CONTROL, 0x7F);
	check_string_is("\xc2\x9f", D_CONTROL, 0x9F);
	check_string_is("a\xcc\x8a", D_NFC, 0);
	check_string_is("\xe2\x84\xab", D_NFC, 0);
	check_string_is("a\xff" "b", D_UTF8, 0xFF);
	check_string_is("\xed\xa0\x80", D_UTF8, 0xED);
	/* the first problem wins */
	check_string_is("\x02\xff", D_CONTROL, 0x02);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_valid),
		cmocka_unit_test(test_empty),
		cmocka_unit_test(test_bom),
		cmocka_unit_test(test_cr),
		cmocka_unit_test(test_utf8_overlong),
		cmocka_unit_test(test_utf8_truncated),
		cmocka_unit_test(test_utf8_continuation),
		cmocka_unit_test(test_utf8_surrogate_and_others),
		cmocka_unit_test(test_utf8_keeps_counting),
		cmocka_unit_test(test_utf8_no_nfc_report),
		cmocka_unit_test(test_control),
		cmocka_unit_test(test_tabs),
		cmocka_unit_test(test_formfeed),
		cmocka_unit_test(test_nfc_at_line_start),
		cmocka_unit_test(test_nfc_once_per_file),
		cmocka_unit_test(test_nfc_clean),
		cmocka_unit_test(test_nfc_column),
		cmocka_unit_test(test_problems_together),
		cmocka_unit_test(test_line_count),
		cmocka_unit_test(test_maps_round_trip),
		cmocka_unit_test(test_line_col),
		cmocka_unit_test(test_raw_line_col),
		cmocka_unit_test(test_show),
		cmocka_unit_test(test_check_string),
	};
	return cmocka_run_group_tests_name("text", tests, NULL, NULL);
}
