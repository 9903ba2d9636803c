/* test_leakcheck.c - sitat leakcheck: the normalisation (case folding, NFC
 * against NFD, white space, hyphenation in PDF text, the escapes of the
 * sitat escaper), the exact position of each hit (line:col in code points,
 * PDF pages), the key parser (comments, blank lines, trimming, too short,
 * invalid UTF-8), and a round trip of hostile names through the real
 * escaper. */
#include "unit.h"

#include "latex/texout.h"

#include "audit/leakcheck.h"

#define MSG "error: identifying string from the key found"

static void assert_norm(int mode, const char *in, const char *want)
{
	char *got = lk_normalize(in, strlen(in), mode);
	if (strcmp(got, want) != 0)
		fail_msg("mode %d: normalize(\"%s\") = \"%s\", want \"%s\"", mode,
		         in, got, want);
	free(got);
}

/* lk_scan with its output captured; *hits gets the return value. */
static char *scan(const char *key, const char *file, const char *data,
                  int pdf, long *hits)
{
	char *out = NULL;
	size_t n = 0;
	FILE *f = open_memstream(&out, &n);
	assert_non_null(f);
	*hits = lk_scan(key, file, data, strlen(data), pdf, f);
	assert_int_equal(fclose(f), 0);
	return out;
}

static void assert_scan(const char *key, const char *file, const char *data,
                        int pdf, long hits, const char *want)
{
	long got_hits;
	char *got = scan(key, file, data, pdf, &got_hits);
	if (strcmp(got, want) != 0)
		fail_msg("output:\n%s\nwant:\n%s", got, want);
	assert_int_equal(got_hits, hits);
	free(got);
}

/* ---- normalisation ------------------------------------------------------ */

static void test_norm_case(void **state)
{
	(void)state;
	assert_norm(LK_KEY, "Kari NORDMANN", "kari nordmann");
	assert_norm(LK_KEY, "ÆRØY Åsgård", "ærøy åsgård");
	assert_norm(LK_KEY, "Straße", "strasse");        /* full case folding */
	assert_norm(LK_KEY, "ΣΊΣΥΦΟΣ", "σίσυφοσ");
	assert_norm(LK_PDF, "\xEF\xAC\x81nn", "finn"); /* U+FB01 fi ligature */
}

static void test_norm_nfc(void **state)
{
	(void)state;
	/* NFC and NFD input give the same bytes */
	assert_norm(LK_KEY, "\xC3\x85sg\xC3\xA5rd", "\xC3\xA5sg\xC3\xA5rd");
	assert_norm(LK_KEY, "A\xCC\x8Asga\xCC\x8Ard", "\xC3\xA5sg\xC3\xA5rd");
	assert_norm(LK_TEX, "A\xCC\x8Asga\xCC\x8Ard", "\xC3\xA5sg\xC3\xA5rd");
	assert_norm(LK_PDF, "Ve\xCC\x81ronique", "v\xC3\xA9ronique");
	/* two combining marks in either order (canonical reordering) */
	char *a = lk_normalize("a\xCC\xA3\xCC\x81", 5, LK_KEY); /* dot below, acute */
	char *b = lk_normalize("a\xCC\x81\xCC\xA3", 5, LK_KEY);
	assert_string_equal(a, b);
	free(a), free(b);
	/* Hangul jamo compose into a syllable */
	assert_norm(LK_KEY, "\xE1\x84\x92\xE1\x85\xA1\xE1\x86\xAB", "\xED\x95\x9C");
}

static void test_norm_space(void **state)
{
	(void)state;
	assert_norm(LK_KEY, "Kari \t Nordmann", "kari nordmann");
	assert_norm(LK_PDF, "Kari\n\nNordmann", "kari nordmann");
	assert_norm(LK_PDF, "Kari\n\fNordmann", "kari nordmann");
	assert_norm(LK_TEX, "Kari\xC2\xA0\xE2\x80\x83Nordmann", "kari nordmann");
	assert_norm(LK_TEX, "Kari~Nordmann", "kari nordmann");
	assert_norm(LK_TEX, "Kari~\nNordmann", "kari nordmann");
	assert_norm(LK_KEY, "Kari\xE2\x80\xA8Nordmann", "kari nordmann"); /* LS */
	/* a soft hyphen is invisible: dropped everywhere */
	assert_norm(LK_KEY, "Trond\xC2\xADheim", "trondheim");
	assert_norm(LK_TEX, "Trond\xC2\xADheim", "trondheim");
}

static void test_norm_hyphenation(void **state)
{
	(void)state;
	assert_norm(LK_PDF, "Trondheims-\nveien", "trondheimsveien");
	assert_norm(LK_PDF, "Trondheims-\n   veien", "trondheimsveien");
	assert_norm(LK_PDF, "Trondheims-\r\nveien", "trondheimsveien");
	assert_norm(LK_PDF, "Trondheims\xC2\xAD\nveien", "trondheimsveien");
	assert_norm(LK_PDF, "Trondheims\xE2\x80\x90\nveien", "trondheimsveien");
	assert_norm(LK_PDF, "Trondheims-\n\fveien", "trondheimsveien");
	/* pdftotext drops a hyphen ending a line even when it belongs to the
	 * name: in the PDF every hyphen is ignored, in text and key */
	assert_norm(LK_PDF, "Jens-Petter", "jenspetter");
	assert_norm(LK_PDF, "Jens- Petter", "jens petter");
	assert_norm(LK_KEY_PDF, "Jens-Petter", "jenspetter");
	assert_norm(LK_KEY_PDF, "Jens\xE2\x80\x91Petter", "jenspetter");
	/* a line break not after a hyphen is a space */
	assert_norm(LK_PDF, "Jens\nPetter", "jens petter");
	/* .tex source is not PDF text: a hyphen stays, also at a line end */
	assert_norm(LK_TEX, "Jens-\nPetter", "jens- petter");
	assert_norm(LK_KEY, "Jens-Petter", "jens-petter");
}

static void test_norm_escapes(void **state)
{
	(void)state;
	assert_norm(LK_TEX, "Ole\\_Hansen", "ole_hansen");
	assert_norm(LK_TEX, "C:\\textbackslash{}Kari", "c:\\kari");
	assert_norm(LK_TEX, "\\{a\\}\\&\\%\\#\\$", "{a}&%#$");
	assert_norm(LK_TEX, "a-{}-b ,{},c {[}d{]}", "a--b ,,c [d]");
	assert_norm(LK_TEX, "Trond\\-heim", "trondheim");
	assert_norm(LK_TEX, "O\\textquotesingle{}Brien", "o'brien");
	assert_norm(LK_TEX, "\\textquotedbl{}x\\textquotedbl{}", "\"x\"");
	assert_norm(LK_TEX, "\\textless{}\\textgreater{}\\textbar{}", "<>|");
	assert_norm(LK_TEX, "\\textasciitilde{}\\textasciicircum{}\\textasciigrave{}",
	            "~^`");
	assert_norm(LK_TEX, "\\textbraceleft{}x\\textbraceright{}", "{x}");
	assert_norm(LK_TEX, "a\\sitat@par{}b", "a b");
	assert_norm(LK_TEX, "\\sitat@miss{0416}anna", "\xD0\xB6" "anna");
	assert_norm(LK_TEX, "\\sitat@miss{zz}", "\\sitat@misszz");
	/* issue 10: ligature and line breaks, script runs, kernel forms */
	assert_norm(LK_TEX, "Ola\\sitat@br{}Nord%\nmann", "olanordmann");
	assert_norm(LK_TEX, "a-\\sitat@lb{}-b ,{\\kern0pt},c", "a--b ,,c");
	assert_norm(LK_TEX, "\\sitat@run{cyrl}{\\sitat@u{0416}\\sitat@u{0430}}nna",
	            "\xD0\xB6\xD0\xB0nna");
	assert_norm(LK_TEX, "\\sitat@run{arab}{\\sitat@u{0645} \\sitat@ltr{12}}", "\xD9\x85 12");
	assert_norm(LK_TEX, "\\sitat@rtl{\\sitat@run{arab}{\\sitat@u{0645}} \\sitat@ltr{Kari}}", "\xD9\x85 kari");
	assert_norm(LK_TEX, "{[}U+0416{]}\\allowbreak{}x{[}?{]}", "\xD0\xB6x\xEF\xBF\xBD");
	/* escapes are TeX only: the key and PDF text are taken literally */
	assert_norm(LK_KEY, "Ole\\_Hansen", "ole\\_hansen");
	assert_norm(LK_PDF, "a~b", "a~b");
}

/* Every name, printed by the real escaper (text and .bib contexts), is
 * found by a key holding the name itself. */
static void test_escaper_round_trip(void **state)
{
	(void)state;
	static const char *names[] = {
		"O'Brien", "Ole_Hansen", "Berg & Berg AS", "100% Hansen",
		"C:\\Users\\kari", "{Kari}", "[Nordmann]", "Ola--Nordmann",
		"Lund,,Berg", "Kari\xC2\xA0Nordmann", "Trond\xC2\xADheim",
		"\xD0\x96\xD0\xB0\xD0\xBD\xD0\xBD\xD0\xB0 Petrova", "Hash#Tag",
		"$Dollar", "~tilde", "^caret", "<lt>", "|bar|", "\"Kari\"",
		"`grave`", "Kari\nNordmann", "Ærøy \xE2\x80\x93 Åsgård",
	};
	enum tex_ctx ctx[] = {TEX_TEXT, TEX_BIB};
	for (size_t c = 0; c < 2; c++)
		for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
			struct buf b;
			buf_init(&b);
			buf_puts(&b, "ab ");
			size_t from = b.len;
			tex_out(&b, ctx[c], names[i]);
			char *escaped = xstrndup(b.data + from, b.len - from);
			buf_puts(&b, " yz\n");
			char *key = xasprintf("%s\n", names[i]);
			for (char *p = key; *p; p++)
				if (*p == '\n' && p[1])
					*p = ' '; /* a key entry is one line */
			struct buf want;
			buf_init(&want);
			char *shown = NULL;
			/* text_show writes a line end as \n */
			struct buf s;
			buf_init(&s);
			/* a hit starts at the first character, after the opening
			 * of a script run */
			const char *e0 = escaped;
			size_t col = 4;
			if (!strncmp(e0, "\\sitat@run{", 11) ||
			    !strncmp(e0, "{\\csname sitat@run\\endcsname{", 29)) {
				const char *q = strstr(e0, "}{") + 2;
				col += (size_t)(q - e0), e0 = q;
			}
			for (const char *p = e0; *p; p++)
				if (*p == '\n')
					buf_puts(&s, "\\n");
				else
					buf_putc(&s, *p);
			shown = buf_detach(&s, NULL);
			buf_printf(&want, "g.tex:1:%zu: " MSG ": \"%s\"\n", col, shown);
			long hits;
			char *out = scan(key, "g.tex", b.data, 0, &hits);
			if (hits != 1 || strcmp(out, want.data) != 0)
				fail_msg("name %zu (ctx %d) escaped as '%s': %ld hits:\n%s",
				         i, (int)ctx[c], escaped, hits, out);
			free(out), free(shown), free(key), free(escaped);
			buf_free(&want);
			buf_free(&b);
		}
}

/* ---- hit positions ----------------------------------------------------- */

static void test_tex_positions(void **state)
{
	(void)state;
	/* line 3: "  «Blåbær» på Ærøy: " is 20 code points (28 bytes) */
	const char *tex =
		"% generated\n"
		"\\sitatquote{I1-001}{\n"
		"  \xC2\xAB" "Bl\xC3\xA5" "b\xC3\xA6r\xC2\xBB p\xC3\xA5 \xC3\x86r\xC3\xB8y: "
		"Ole\\_Hansen og KARI\n"
		"   nordmann, Kari~Nordmann.}\n";
	assert_scan("Ole_Hansen\nKari Nordmann\n", "q.tex", tex, 0, 3,
	            "q.tex:3:21: " MSG ": \"Ole\\_Hansen\"\n"
	            "q.tex:3:36: " MSG ": \"KARI\\n   nordmann\"\n"
	            "q.tex:4:14: " MSG ": \"Kari~Nordmann\"\n");
	/* a hit of NFD text is reported at its start, shown as it is */
	assert_scan("Åsgård\n", "n.tex", "x A\xCC\x8Asga\xCC\x8Ard y", 0, 1,
	            "n.tex:1:3: " MSG ": \"A\xCC\x8Asga\xCC\x8Ard\"\n");
	/* two entries at the same place: both reported, in key order */
	assert_scan("Kari Nordmann\nKari\n", "k.tex", "Ja, Kari Nordmann.", 0, 2,
	            "k.tex:1:5: " MSG ": \"Kari Nordmann\"\n"
	            "k.tex:1:5: " MSG ": \"Kari\"\n");
	/* found inside a longer word (plain substring search) */
	assert_scan("Nordmann\n", "w.tex", "Nordmannsen", 0, 1,
	            "w.tex:1:1: " MSG ": \"Nordmann\"\n");
	/* clean */
	assert_scan("Kari Nordmann\n", "c.tex", "Kari Hansen, Ola Nordmann", 0, 0, "");
}

static void test_pdf_pages(void **state)
{
	(void)state;
	const char *pdf =
		"Side en\n\f"
		"Samtalen med Kari\nNordmann var lang. I Trondheims-\n  veien\n\f"
		"Jens-\nPetter og \xC3\x85sg\xC3\xA5rd\n\f";
	assert_scan("Kari Nordmann\nTrondheimsveien\nJens-Petter\nfinnes ikke\n",
	            "t.pdf", pdf, 1, 3,
	            "t.pdf: page 2: " MSG ": \"Kari\\nNordmann\"\n"
	            "t.pdf: page 2: " MSG ": \"Trondheims-\\n  veien\"\n"
	            "t.pdf: page 3: " MSG ": \"Jens-\\nPetter\"\n");
	/* pdftotext's own joining; any subset of the hyphens missing */
	assert_scan("Jens-Petter\nAnne-Marie Berg-Hansen\n", "t.pdf",
	            "JensPetter, AnneMarie Berg-\nHansen, Anne-Marie BergHansen", 1, 3,
	            "t.pdf: page 1: " MSG ": \"JensPetter\"\n"
	            "t.pdf: page 1: " MSG ": \"AnneMarie Berg-\\nHansen\"\n"
	            "t.pdf: page 1: " MSG ": \"Anne-Marie BergHansen\"\n");
	/* .tex files are matched with the hyphens */
	assert_scan("Jens-Petter\n", "t.tex", "JensPetter, Jens-{}Petter", 0, 1,
	            "t.tex:1:13: " MSG ": \"Jens-{}Petter\"\n");
	/* a name across a page break */
	assert_scan("Kari Nordmann\n", "t.pdf", "a\fb Kari\n\fNordmann", 1, 1,
	            "t.pdf: page 2: " MSG ": \"Kari\\n\\fNordmann\"\n"); /* the page break shown */
}

/* Random text made of the pieces that matter (escape starts, hyphens,
 * line and page breaks, combining marks, cut UTF-8) never makes the scanner
 * read outside its input (run under ASan by test-sanitize), and a name
 * planted in it is always found. */
static void test_random_text(void **state)
{
	(void)state;
	static const char *pieces[] = {
		"\\", "{", "}", "-", "\n", "\f", " ", "~", "\\-", "\\_", "-{}",
		"\\sitat@u{", "41}", "\\sitat@run{latn}{", "\\sitat@br{}", "%\n", "\\textbackslash{}", "\xC2\xAD", "\xCC\x81",
		"\xE2\x80\x90", "\xC3", "\xFF", "a", "K", "\xC3\x85", "\r",
	};
	srand(4711);
	for (int round = 0; round < 3000; round++) {
		struct buf b;
		buf_init(&b);
		int n = rand() % 40;
		for (int i = 0; i < n; i++)
			buf_puts(&b, pieces[rand() % (int)(sizeof pieces / sizeof *pieces)]);
		buf_puts(&b, " Kari Nordmann ");
		for (int i = 0; i < n; i++)
			buf_puts(&b, pieces[rand() % (int)(sizeof pieces / sizeof *pieces)]);
		for (int pdf = 0; pdf < 2; pdf++) {
			long hits;
			char *out = scan("Kari Nordmann\nKari Nordmann K\nzzz\n", "r",
			                 b.data, pdf, &hits);
			if (hits < 1)
				fail_msg("round %d: planted name not found in '%s'", round,
				         b.data);
			free(out);
		}
		buf_free(&b);
	}
}

/* ---- the key ----------------------------------------------------------- */

static int key_count(const char *key, char **err)
{
	size_t n = 0;
	FILE *f = open_memstream(err, &n);
	assert_non_null(f);
	int r = lk_key_count("names.txt", key, strlen(key), f);
	assert_int_equal(fclose(f), 0);
	return r;
}

static void test_key_parse(void **state)
{
	(void)state;
	char *err;
	assert_int_equal(key_count("# the key\n\n  \t\nKari Nordmann\n"
	                           "  # indented comment\n  Trondheimsveien 12  \n"
	                           "Ole_Hansen", &err), 3);
	assert_string_equal(err, "");
	free(err);
	/* entries the same after normalisation count once */
	assert_int_equal(key_count("Kari Nordmann\nKARI  NORDMANN\n", &err), 1);
	free(err);
	/* a byte order mark is not part of the first entry */
	assert_int_equal(key_count("\xEF\xBB\xBF# key\nKari\n", &err), 1);
	free(err);
	assert_int_equal(key_count("# only comments\n\n", &err), 0);
	free(err);
	assert_int_equal(key_count("", &err), 0);
	free(err);
}

static void test_key_errors(void **state)
{
	(void)state;
	char *err;
	/* every bad line is reported; the entry itself is never printed */
	assert_int_equal(key_count("Kari Nordmann\nOl\n\n  Å \nÅse\n"
	                           "x\xC2\xAD\xC2\xADy\nA-B\n", &err), -1);
	assert_string_equal(err,
		"names.txt:2:1: error: key entry too short to check (fewer than 3 "
		"characters); lengthen or remove it\n"
		"names.txt:4:3: error: key entry too short to check (fewer than 3 "
		"characters); lengthen or remove it\n"
		"names.txt:6:1: error: key entry too short to check (fewer than 3 "
		"characters); lengthen or remove it\n"
		"names.txt:7:1: error: key entry too short to check (fewer than 3 "
		"characters); lengthen or remove it\n");
	free(err);
	assert_int_equal(key_count("Kari\nab\xFF" "cd\n", &err), -1);
	assert_string_equal(err, "names.txt:2:3: error: invalid UTF-8 (byte 0xFF); "
	                         "the key must be UTF-8\n");
	free(err);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_norm_case),
		cmocka_unit_test(test_norm_nfc),
		cmocka_unit_test(test_norm_space),
		cmocka_unit_test(test_norm_hyphenation),
		cmocka_unit_test(test_norm_escapes),
		cmocka_unit_test(test_escaper_round_trip),
		cmocka_unit_test(test_tex_positions),
		cmocka_unit_test(test_pdf_pages),
		cmocka_unit_test(test_random_text),
		cmocka_unit_test(test_key_parse),
		cmocka_unit_test(test_key_errors),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
