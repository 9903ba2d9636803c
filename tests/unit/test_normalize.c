/* test_normalize.c - the text of a file as it arrives made a store text
 * (core/normalize.h): UTF-8 with and without a BOM, UTF-16LE/BE, a legacy
 * encoding by iconv, CRLF and CR, NFC, control characters, every problem
 * at its line and column, and the position map (input code point ->
 * output code point) that issue 12's importer maps selections with; the
 * hard wrap (core/wrap.h) keeps every offset; the speaker label rule
 * (core/speaker.h). */
#include "unit.h"

#include "core/normalize.h"
#include "core/speaker.h"
#include "core/wrap.h"

static const struct norm_opts plain = {.want_map = true, .what = "a text"};

/* Normalise in (n bytes); assert success and the output. */
static void norm_ok(struct norm *r, const char *in, size_t n, const struct norm_opts *o,
                    const char *want)
{
	struct diag d;
	diag_init(&d, NULL);
	assert_int_equal(normalize(r, in, n, o, "f.txt", &d), 0);
	assert_int_equal(d.n, 0);
	assert_string_equal(r->data, want);
	assert_int_equal(r->len, strlen(want));
	diag_free(&d);
}

/* Normalise and expect failure with the first message at line:col. */
static void norm_fails(const char *in, size_t n, const struct norm_opts *o,
                       enum diag_id id, size_t line, size_t col, size_t count)
{
	struct diag d;
	diag_init(&d, NULL);
	struct norm r;
	assert_int_equal(normalize(&r, in, n, o, "f.txt", &d), -1);
	assert_null(r.data);
	assert_int_equal(d.n, count);
	assert_int_equal(d.recs[0].id, id);
	assert_int_equal(d.recs[0].line, line);
	assert_int_equal(d.recs[0].col, col);
	norm_free(&r);
	diag_free(&d);
}

static void test_plain_is_identity(void **state)
{
	(void)state;
	struct norm r;
	const char *t = "INT: Hei.\nINF: Blåbær og «sitat» – 20 €.\n";
	norm_ok(&r, t, strlen(t), &plain, t);
	assert_string_equal(r.encoding, "UTF-8");
	assert_false(r.bom);
	assert_int_equal(r.crlf + r.cr + r.nfc, 0);
	assert_int_equal(r.n_in, r.ncp);
	for (size_t i = 0; i <= r.n_in; i++)
		assert_int_equal(r.map[i], i);
	norm_free(&r);
}

static void test_bom_crlf_cr(void **state)
{
	(void)state;
	struct norm r;
	/* a BOM is not an input code point; CR of CRLF maps to its LF */
	norm_ok(&r, "\xEF\xBB\xBF" "ab\r\ncd\ref", 12, &plain, "ab\ncd\nef");
	assert_true(r.bom);
	assert_int_equal(r.crlf, 1);
	assert_int_equal(r.cr, 1);
	assert_int_equal(r.n_in, 9);
	static const size_t want[] = {0, 1, 2, 2, 3, 4, 5, 6, 7, 8};
	for (size_t i = 0; i <= r.n_in; i++)
		assert_int_equal(r.map[i], want[i]);
	assert_int_equal(r.ncp, 8);
	norm_free(&r);
}

static void test_nfc_and_map(void **state)
{
	(void)state;
	struct norm r;
	/* "cafe" + U+0301 + " og sa" + U+030A: two compositions */
	const char in[] = "cafe\xCC\x81 og sa\xCC\x8A!";
	norm_ok(&r, in, sizeof in - 1, &plain, "caf\xC3\xA9 og s\xC3\xA5!");
	assert_int_equal(r.nfc, 2);
	assert_int_equal(r.n_in, 13);
	assert_int_equal(r.ncp, 11);
	/* c a f e ◌́ ' ' o g ' ' s a ◌̊ ! */
	static const size_t want[] = {0, 1, 2, 3, 3, 4, 5, 6, 7, 8, 9, 9, 10, 11};
	for (size_t i = 0; i <= r.n_in; i++)
		assert_int_equal(r.map[i], want[i]);
	norm_free(&r);
	/* combining marks out of canonical order are reordered: one sequence */
	const char ro[] = "q\xCC\xA3\xCC\x87y"; /* q, dot below, dot above: in order */
	norm_ok(&r, ro, sizeof ro - 1, &plain, "q\xCC\xA3\xCC\x87y");
	assert_int_equal(r.nfc, 0);
	norm_free(&r);
	const char ro2[] = "q\xCC\x87\xCC\xA3y"; /* dot above then below: reordered */
	norm_ok(&r, ro2, sizeof ro2 - 1, &plain, "q\xCC\xA3\xCC\x87y");
	assert_int_equal(r.nfc, 3);
	assert_int_equal(r.map[1], 0);
	assert_int_equal(r.map[3], 3);
	norm_free(&r);
	/* a singleton (ANGSTROM SIGN) and Hangul jamo composing */
	const char hs[] = "\xE2\x84\xAB \xE1\x84\x80\xE1\x85\xA1";
	norm_ok(&r, hs, sizeof hs - 1, &plain, "\xC3\x85 \xEA\xB0\x80");
	assert_int_equal(r.nfc, 2);
	assert_int_equal(r.ncp, 3);
	assert_int_equal(r.map[3], 2);
	assert_int_equal(r.map[4], 3);
	norm_free(&r);
}

static void test_utf16(void **state)
{
	(void)state;
	struct norm r;
	/* "Å\r\n😀" in UTF-16LE and BE with a BOM */
	const char le[] = "\xFF\xFE\xC5\x00\r\x00\n\x00\x3D\xD8\x00\xDE";
	norm_ok(&r, le, sizeof le - 1, &plain, "\xC3\x85\n\xF0\x9F\x98\x80");
	assert_string_equal(r.encoding, "UTF-16LE");
	assert_true(r.bom);
	assert_int_equal(r.crlf, 1);
	assert_int_equal(r.n_in, 4);
	assert_int_equal(r.map[3], 2);
	norm_free(&r);
	const char be[] = "\xFE\xFF\x00\xC5\x00\n";
	norm_ok(&r, be, sizeof be - 1, &plain, "\xC3\x85\n");
	assert_string_equal(r.encoding, "UTF-16BE");
	norm_free(&r);
	/* a lone surrogate on line 2, column 2; an odd byte */
	const char bad[] = "\xFF\xFE" "a\x00\n\x00" "b\x00\x00\xD8" "c\x00";
	norm_fails(bad, sizeof bad - 1, &plain, D_ADD_UTF16, 2, 2, 1);
	norm_fails("\xFF\xFE" "a\x00" "b", 5, &plain, D_ADD_UTF16, 1, 2, 1);
}

static void test_iconv(void **state)
{
	(void)state;
	struct norm r;
	struct norm_opts o = plain;
	o.encoding = "windows-1252";
	norm_ok(&r, "20 \x80 \x96 \xE6\r\n", 10, &o, "20 \xE2\x82\xAC \xE2\x80\x93 \xC3\xA6\n");
	assert_string_equal(r.encoding, "windows-1252");
	assert_int_equal(r.crlf, 1);
	norm_free(&r);
	/* 0x81 is no character of windows-1252: at its byte */
	norm_fails("ab\ncd\x81", 6, &o, D_ADD_ENCODING, 2, 3, 1);
	o.encoding = "no-such-encoding";
	norm_fails("x", 1, &o, D_ADD_ENCODING, 0, 0, 1);
}

static void test_invalid_utf8_and_controls(void **state)
{
	(void)state;
	norm_fails("ab\ncd\xE6 x\n", 9, &plain, D_ADD_UTF8, 2, 3, 1);
	norm_fails("a\xC0\xAF", 3, &plain, D_ADD_UTF8, 1, 2, 2);
	norm_fails("\xED\xA0\x80", 3, &plain, D_ADD_UTF8, 1, 1, 3); /* an encoded surrogate */
	norm_fails("ok\n\tb\x07", 6, &plain, D_ADD_CONTROL, 2, 3, 1);
	norm_fails("a\xC2\x85", 3, &plain, D_ADD_CONTROL, 1, 2, 1); /* NEL, a C1 control */
	norm_fails("p1\fp2", 5, &plain, D_ADD_CONTROL, 1, 3, 1);
	struct norm_opts doc = plain;
	doc.allow_ff = true;
	struct norm r;
	norm_ok(&r, "p1\fp2\tx", 7, &doc, "p1\fp2\tx");
	norm_free(&r);
	/* 25 problems: 20 listed, then one note */
	char many[26];
	memset(many, 0x01, 25);
	many[25] = '\0';
	struct diag d;
	diag_init(&d, NULL);
	assert_int_equal(normalize(&r, many, 25, &plain, "f.txt", &d), -1);
	assert_int_equal(d.n, 21);
	assert_int_equal(d.recs[20].id, D_TEXT_MORE);
	diag_free(&d);
}

static void test_empty(void **state)
{
	(void)state;
	struct norm r;
	norm_ok(&r, "", 0, &plain, "");
	assert_int_equal(r.n_in, 0);
	assert_int_equal(r.map[0], 0);
	norm_free(&r);
	norm_ok(&r, "\xEF\xBB\xBF", 3, &plain, "");
	assert_true(r.bom);
	norm_free(&r);
	struct norm_opts nomap = plain;
	nomap.want_map = false;
	norm_ok(&r, "a\r\n", 3, &nomap, "a\n");
	assert_null(r.map);
	norm_free(&r);
}

static void test_wrap(void **state)
{
	(void)state;
	char s[] = "INT: one two three four five six\nshort\naaaaaaaaaaaaaaa bb";
	char orig[sizeof s];
	memcpy(orig, s, sizeof s);
	size_t n = wrap_text(s, sizeof s - 1, 14);
	assert_string_equal(s, "INT: one two\nthree four\nfive six\nshort\naaaaaaaaaaaaaaa\nbb");
	assert_int_equal(n, 3);
	/* only spaces became line feeds */
	for (size_t i = 0; i < sizeof s; i++)
		assert_true(s[i] == orig[i] || (orig[i] == ' ' && s[i] == '\n'));
	/* columns count code points: "æøå" is three */
	char u[] = "æøå æøå æøå";
	wrap_text(u, sizeof u - 1, 7);
	assert_string_equal(u, "æøå æøå\næøå");
	/* exactly the width fits; a form feed ends a line */
	char x[] = "abc def\fabc def";
	assert_int_equal(wrap_text(x, sizeof x - 1, 7), 0);
	char y[] = "abcd efgh";
	assert_int_equal(wrap_text(y, sizeof y - 1, 4), 1);
	assert_string_equal(y, "abcd\nefgh");
}

static void test_speaker_rule(void **state)
{
	(void)state;
	static const struct {
		const char *line;
		size_t len;
	} cases[] = {
		{"INT: hei", 3}, {"INF:", 3}, {"Kari Nordmann: ja", 13}, {"Speaker 2: ja", 9},
		{"Dr. Berg: ja", 8}, {"Q: what", 1}, {"Øystein: ja", 8}, {"李明: 是", 6},
		{"O'Brien-Smith:\tja", 13}, {"Anne Marie Berg Hansen: ja", 0}, {"kari: ja", 0},
		{"Note that: x", 0}, {"10:30 today", 0}, {"Kari:ja", 0}, {"Kari : ja", 0},
		{": ja", 0}, {"Kari, Ola: ja", 0}, {"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA: x", 0},
		{"Speaker 10: x", 10}, {"[00:01] Kari: x", 0},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		size_t k = speaker_label(cases[i].line, strlen(cases[i].line));
		if (k != cases[i].len)
			fail_msg("'%s': %zu, expected %zu", cases[i].line, k, cases[i].len);
	}
}

static void test_speaker_apply(void **state)
{
	(void)state;
	const char *t = "Kari: Hei.\nOla: Hallo.\nKari: Så?\nINF: Ja.\nNote: x\n";
	struct speaker_map m[] = {{"Kari", "INT"}, {"Ola", "INF"}, {"Note", "-"}};
	struct buf b;
	buf_init(&b);
	struct diag d;
	diag_init(&d, NULL);
	struct speaker_stats st;
	assert_int_equal(speaker_apply(&b, t, strlen(t), m, 3, "f.txt", true, &st, &d), 0);
	assert_string_equal(b.data, "INT: Hei.\nINF: Hallo.\nINT: Så?\nINF: Ja.\nNote: x\n");
	assert_int_equal(st.mapped, 3);
	assert_int_equal(st.turns, 4);
	buf_free(&b);
	/* an indented label is a label; the indentation goes */
	buf_init(&b);
	assert_int_equal(speaker_apply(&b, "  Kari: a\n\tINF: b\n", 18, m, 1, "f.txt", true, &st, &d), 0);
	assert_string_equal(b.data, "INT: a\nINF: b\n");
	buf_free(&b);
	/* after a timestamp: the label first, then the time */
	buf_init(&b);
	const char *tt = "[00:01:02] Kari: a\n01:02.5 INF: b\n(1:02:03)  Kari:\n10:30 today\n";
	assert_int_equal(speaker_apply(&b, tt, strlen(tt), m, 1, "f.txt", true, &st, &d), 0);
	assert_string_equal(b.data, "INT: [00:01:02] a\nINF: 01:02.5 b\nINT: (1:02:03)\n10:30 today\n");
	assert_int_equal(st.mapped, 2);
	buf_free(&b);
	assert_int_equal(speaker_timestamp("[00:01] x", 9), 8);
	assert_int_equal(speaker_timestamp("0:01:02,500\tx", 13), 12);
	assert_int_equal(speaker_timestamp("[00:01]x", 8), 0);
	assert_int_equal(speaker_timestamp("00:1 x", 6), 0);
	assert_int_equal(speaker_timestamp("[00:01) x", 9), 0);
	assert_int_equal(speaker_timestamp("12 x", 4), 0);
	/* Ola unmapped: reported at its first line, with every label */
	buf_init(&b);
	assert_int_equal(speaker_apply(&b, t, strlen(t), m, 1, "f.txt", true, &st, &d), 2);
	assert_int_equal(d.n, 2);
	assert_int_equal(d.recs[0].line, 2);
	assert_non_null(strstr(d.recs[0].msg, "'Ola'"));
	assert_non_null(strstr(d.recs[0].msg, "'Kari' (2 lines, mapped)"));
	assert_non_null(strstr(d.recs[0].msg, "'INF' (1 line, kept)"));
	assert_int_equal(d.recs[1].line, 5);
	buf_free(&b);
	diag_free(&d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_plain_is_identity),
		cmocka_unit_test(test_bom_crlf_cr),
		cmocka_unit_test(test_nfc_and_map),
		cmocka_unit_test(test_utf16),
		cmocka_unit_test(test_iconv),
		cmocka_unit_test(test_invalid_utf8_and_controls),
		cmocka_unit_test(test_empty),
		cmocka_unit_test(test_wrap),
		cmocka_unit_test(test_speaker_rule),
		cmocka_unit_test(test_speaker_apply),
	};
	return cmocka_run_group_tests_name("normalize", tests, NULL, NULL);
}
