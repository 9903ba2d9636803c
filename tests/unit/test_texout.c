/* test_texout.c - the LaTeX escaper: every special character, the ligature
 * traps, ^^ notation, line ends, control characters, the Unicode ranges
 * the fonts have and lack, invalid UTF-8, the contexts (TEX_TEXT, TEX_ID,
 * TEX_LIT, TEX_KEY, TEX_BIB), and a property test over random byte
 * strings. */
#include "unit.h"

#include <ctype.h>
#include <utf8proc.h>

#include "latex/texout.h"

struct tcase {
	const char *in;
	size_t len; /* 0: strlen(in) */
	const char *out;
};

static char *esc(enum tex_ctx ctx, const char *s, size_t n)
{
	struct buf b;
	buf_init(&b);
	tex_outn(&b, ctx, s, n);
	return buf_detach(&b, NULL);
}

static void run_table(enum tex_ctx ctx, const struct tcase *t, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		size_t len = t[i].len ? t[i].len : strlen(t[i].in);
		char *got = esc(ctx, t[i].in, len);
		if (strcmp(got, t[i].out) != 0)
			print_error("case %zu: input \"%s\"\n", i, t[i].in);
		assert_string_equal(got, t[i].out);
		free(got);
	}
}

#define RUN(ctx, table) run_table(ctx, table, sizeof table / sizeof table[0])

/* ---- the table at the top of texout.c --------------------------------- */

static void test_specials(void **state)
{
	(void)state;
	static const struct tcase t[] = {
		{"\\", 0, "\\textbackslash{}"},
		{"{", 0, "\\{"},
		{"}", 0, "\\}"},
		{"$", 0, "\\$"},
		{"&", 0, "\\&"},
		{"#", 0, "\\#"},
		{"^", 0, "\\textasciicircum{}"},
		{"_", 0, "\\_"},
		{"%", 0, "\\%"},
		{"~", 0, "\\textasciitilde{}"},
		{"<", 0, "\\textless{}"},
		{">", 0, "\\textgreater{}"},
		{"|", 0, "\\textbar{}"},
		{"\"", 0, "\\textquotedbl{}"},
		{"'", 0, "\\textquotesingle{}"},
		{"`", 0, "\\textasciigrave{}"},
		{"[", 0, "{[}"},
		{"]", 0, "{]}"},
		/* in context */
		{"a\\b", 0, "a\\textbackslash{}b"},
		{"\\input{/etc/passwd}", 0,
		 "\\textbackslash{}input\\{/\\sitat@br{}etc/\\sitat@br{}passwd\\}"},
		{"\\end{document}", 0, "\\textbackslash{}end\\{document\\}"},
		{"100% sikkert", 0, "100\\% sikkert"},
		{"$x^2$", 0, "\\$x\\textasciicircum{}2\\$"},
		{"[opt]", 0, "{[}opt{]}"},
		{"a_b & c # d", 0, "a\\_b \\& c \\# d"},
		{"{{", 0, "\\{\\{"},
		{"}}", 0, "\\}\\}"},
		/* nothing else of printable ASCII is touched */
		{"Hello, World! (1+2=3) @*/;:?.", 0, "Hello, World! (1+2=3) @*/;:?."},
		{"", 0, ""},
	};
	RUN(TEX_TEXT, t);
}

static void test_ligatures(void **state)
{
	(void)state;
	static const struct tcase t[] = {
		{"-", 0, "-"},
		{"a-b", 0, "a-b"},
		{"--", 0, "-\\sitat@lb{}-"},
		{"---", 0, "-\\sitat@lb{}-\\sitat@lb{}-"},
		{"----", 0, "-\\sitat@lb{}-\\sitat@lb{}-\\sitat@lb{}-"},
		{"a -- b", 0, "a -\\sitat@lb{}- b"},
		{",", 0, ","},
		{",,", 0, ",\\sitat@lb{},"},
		{",,,", 0, ",\\sitat@lb{},\\sitat@lb{},"},
		{",,lav", 0, ",\\sitat@lb{},lav"},
		{", ,", 0, ", ,"},
		{"``", 0, "\\textasciigrave{}\\sitat@lb{}\\textasciigrave{}"},
		{"''", 0, "\\textquotesingle{}\\sitat@lb{}\\textquotesingle{}"},
		{"!`", 0, "!\\sitat@lb{}\\textasciigrave{}"},
		{"?`", 0, "?\\sitat@lb{}\\textasciigrave{}"},
		{"<<", 0, "\\textless{}\\sitat@lb{}\\textless{}"},
		{">>", 0, "\\textgreater{}\\sitat@lb{}\\textgreater{}"},
		/* the lookahead sees the next code point, not the next byte */
		{"-\n-", 0, "- -"},
		{"-\xc2\xad-", 0, "-\\-\\sitat@lb{}-"},
		{"-\xff-", 0, "-\\sitat@bad{}-"},
		{",\n,", 0, ", ,"},
		{"-\xe2\x80\x93", 0, "-\\sitat@lb{}\xe2\x80\x93"}, /* hyphen, en dash */
	};
	RUN(TEX_TEXT, t);
}

static void test_hat_notation(void **state)
{
	(void)state;
	static const struct tcase t[] = {
		{"^^41", 0, "\\textasciicircum{}\\textasciicircum{}41"},
		{"^^5c", 0, "\\textasciicircum{}\\textasciicircum{}5c"},
		{"^^M", 0, "\\textasciicircum{}\\textasciicircum{}M"},
		{"^^^^0041", 0,
		 "\\textasciicircum{}\\textasciicircum{}\\textasciicircum{}"
		 "\\textasciicircum{}0041"},
	};
	RUN(TEX_TEXT, t);
}

static void test_line_ends(void **state)
{
	(void)state;
	static const struct tcase t[] = {
		{"a\nb", 0, "a b"},
		{"\n", 0, " "},
		{"a\n", 0, "a "},
		{"a\n\nb", 0, "a\\sitat@par{}b"},
		{"a\n\n\nb", 0, "a\\sitat@par{}b"},
		{"a\n\n\n\n\nb", 0, "a\\sitat@par{}b"},
		{"a\n\n", 0, "a\\sitat@par{}"},
		{"\n\na", 0, "\\sitat@par{}a"},
		{"a\n\nb\nc\n\nd", 0, "a\\sitat@par{}b c\\sitat@par{}d"},
		{"a\tb", 0, "a b"},
		{"\t\t", 0, " "}, /* TeX makes one space of them anyway */
		{"a\n \nb", 0, "a b"}, /* a line of a space is not blank */
		{"a  \t b", 0, "a b"},
	};
	RUN(TEX_TEXT, t);
}

static void test_control_chars(void **state)
{
	(void)state;
	static const struct tcase t[] = {
		{"\x01", 0, "\\sitat@bad{}"},
		{"a\x1b[31mb", 0, "a\\sitat@bad{}{[}31mb"},
		{"\r", 0, "\\sitat@bad{}"},
		{"a\r\nb", 0, "a\\sitat@bad{} b"},
		{"\x0c", 0, " "},                   /* FORM FEED: a page break, a space */
		{"a\x0c" "b", 0, "a b"},
		{"a.\n\x0c" "B", 0, "a. B"},       /* the pdftotext form: one space */
		{"\x0b", 0, "\\sitat@bad{}"},
		{"\x1f", 0, "\\sitat@bad{}"},
		{"\x7f", 0, "\\sitat@bad{}"},
		{"\xc2\x80", 0, "\\sitat@bad{}"},  /* U+0080 */
		{"\xc2\x85", 0, "\\sitat@bad{}"},  /* U+0085 NEL */
		{"\xc2\x9f", 0, "\\sitat@bad{}"},  /* U+009F */
		{"\xef\xbf\xbd", 0, "\\sitat@bad{}"}, /* U+FFFD */
		{"a\0b", 3, "a\\sitat@bad{}b"},    /* NUL inside tex_outn */
	};
	RUN(TEX_TEXT, t);
}

static void test_unicode(void **state)
{
	(void)state;
	static const struct tcase t[] = {
		{"a\xc2\xa0" "b", 0, "a~b"},                 /* U+00A0 */
		{"sam\xc2\xad" "skaping", 0, "sam\\-skaping"}, /* U+00AD */
		{"\xc3\xa6\xc3\xb8\xc3\xa5\xc3\x86\xc3\x98\xc3\x85", 0,
		 "\xc3\xa6\xc3\xb8\xc3\xa5\xc3\x86\xc3\x98\xc3\x85"}, /* æøåÆØÅ */
		{"Bl\xc3\xa5" "b\xc3\xa6r", 0, "Bl\xc3\xa5" "b\xc3\xa6r"},
		/* typographic quotes, dashes, ellipsis: raw UTF-8 */
		{"\xe2\x80\x98x\xe2\x80\x99", 0, "\xe2\x80\x98x\xe2\x80\x99"},   /* ‘x’ */
		{"\xe2\x80\x9cx\xe2\x80\x9d", 0, "\xe2\x80\x9cx\xe2\x80\x9d"},   /* “x” */
		{"\xe2\x80\x9ex\xe2\x80\x9c", 0, "\xe2\x80\x9ex\xe2\x80\x9c"},   /* „x“ */
		{"\xc2\xabx\xc2\xbb", 0, "\xc2\xabx\xc2\xbb"},                   /* «x» */
		{"a\xe2\x80\x93" "b\xe2\x80\x94" "c", 0,
		 "a\xe2\x80\x93" "b\xe2\x80\x94" "c"},                        /* – — */
		{"\xe2\x80\xa6", 0, "\xe2\x80\xa6"},                             /* … */
		{"\xe2\x82\xac" "5", 0, "\xe2\x82\xac" "5"},                     /* € */
		{"\xc2\xa7\xc2\xb0\xc2\xbd", 0, "\xc2\xa7\xc2\xb0\xc2\xbd"},     /* §°½ */
		{"\xc5\x93\xc5\xbf", 0, "\xc5\x93\xc5\xbf"},                     /* œ ſ */
		/* what the fonts lack */
		{"\xf0\x9f\x98\x80", 0, "\\sitat@run{symb}{\\sitat@u{1F600}}"},  /* emoji */
		{"\xc5\x89", 0, "\\sitat@run{latn}{\\sitat@u{0149}}"},          /* U+0149 */
		{"\xce\xb1", 0, "\\sitat@run{grek}{\\sitat@u{03B1}}"},          /* alpha */
		{"\xe6\xbc\xa2", 0, "\\sitat@run{hans}{\\sitat@u{6F22}}"},      /* CJK */
		{"\xc6\x80", 0, "\\sitat@run{latn}{\\sitat@u{0180}}"},          /* past Ext-A */
		{"\xe2\x80\x8b", 0, "\\sitat@br{}"},      /* ZWSP */
		{"a\xcc\x8a", 0, "\\sitat@run{latn}{a\\sitat@u{030A}}"},        /* combining ring */
		{"x\xf0\x9f\x98\x80y", 0, "x\\sitat@run{symb}{\\sitat@u{1F600}}y"},
	};
	RUN(TEX_TEXT, t);
}

static void test_invalid_utf8(void **state)
{
	(void)state;
	static const struct tcase t[] = {
		{"\xff", 0, "\\sitat@bad{}"},
		{"a\xff" "b", 0, "a\\sitat@bad{}b"},
		{"\x80", 0, "\\sitat@bad{}"},                  /* lone continuation */
		{"a\xc3", 0, "a\\sitat@bad{}"},                /* truncated at end */
		{"a\xc3(", 0, "a\\sitat@bad{}("},              /* truncated */
		{"\xc0\xaf", 0, "\\sitat@bad{}\\sitat@bad{}"}, /* overlong */
		{"\xed\xa0\x80", 0,
		 "\\sitat@bad{}\\sitat@bad{}\\sitat@bad{}"}, /* surrogate */
		{"\xe2\x82", 0, "\\sitat@bad{}\\sitat@bad{}"},
		{"\xf4\x90\x80\x80", 0,                             /* > U+10FFFF */
		 "\\sitat@bad{}\\sitat@bad{}\\sitat@bad{}\\sitat@bad{}"},
		{"\xff\\", 0, "\\sitat@bad{}\\textbackslash{}"},
	};
	RUN(TEX_TEXT, t);
}

static void test_id_context(void **state)
{
	(void)state;
	static const struct tcase t[] = {
		{"I3-012", 0, "I3-012"},
		{"rq1", 0, "rq1"},
		{"tillitsbasert", 0, "tillitsbasert"},
		{"a.b:c-D9", 0, "a.b:c-D9"},
		{"ABCXYZabcxyz0189", 0, "ABCXYZabcxyz0189"},
		{"", 0, ""},
		/* anything else: escaped as text */
		{"a_b", 0, "a\\_b"},
		{"a b", 0, "a b"},
		{"x{y}", 0, "x\\{y\\}"},
		{"\\relax", 0, "\\textbackslash{}relax"},
		{"a%", 0, "a\\%"},
		{"id#1", 0, "id\\#1"},
		{"bl\xc3\xa5", 0, "bl\xc3\xa5"},
		{"a--b_", 0, "a-{\\kern0pt}-b\\_"},
		{"x\xff", 0, "x{[}?{]}"},
	};
	RUN(TEX_ID, t);
	/* a valid id is copied whole, "--" too: the package detokenizes it
	 * (a \sitat@lb would print as its name, and break \csname) */
	static const struct tcase dash[] = {
		{"a--b", 0, "a--b"},
		{"I3-012", 0, "I3-012"},
	};
	RUN(TEX_ID, dash);
}

static void test_key_context(void **state)
{
	(void)state;
	static const struct tcase t[] = {
		{"doe_2020", 0, "doe_2020"},
		{"Doe:2020-a.b_c", 0, "Doe:2020-a.b_c"},
		{"", 0, ""},
		/* anything else: the whole key escaped as text */
		{"doe 2020", 0, "doe 2020"},
		{"a_b%", 0, "a\\_b\\%"},
		{"x}\\cite{y", 0, "x\\}\\textbackslash{}cite\\{y"},
		{"a,b", 0, "a,b"},
	};
	RUN(TEX_KEY, t);
}

static void test_url_context(void **state)
{
	(void)state;
	static const struct tcase t[] = {
		{"https://example.org/a_b%20c?x=1&y=2#z~w", 0,
		 "https://example.org/a_b%20c?x=1&y=2#z~w"},
		/* what biber cannot take verbatim is percent-encoded, never dropped */
		{"https://example.org/{x}", 0, "https://example.org/%7Bx%7D"},
		{"https://example.org/a\\b", 0, "https://example.org/a%5Cb"},
		{"https://example.org/a b", 0, "https://example.org/a%20b"},
		{"https://example.org/\xc3\xa6", 0, "https://example.org/%C3%A6"},
		{"https://example.org/\n", 0, "https://example.org/%0A"},
	};
	RUN(TEX_URL, t);
}

static void test_bib_context(void **state)
{
	(void)state;
	/* as TEX_TEXT, but braces never as \{ \} (biber counts those) */
	static const struct tcase t[] = {
		{"{", 0, "\\textbraceleft{}"},
		{"}", 0, "\\textbraceright{}"},
		{"Bok om {ting}", 0, "Bok om \\textbraceleft{}ting\\textbraceright{}"},
		{"}{", 0, "\\textbraceright{}\\textbraceleft{}"},
		{"\\", 0, "\\textbackslash{}"},
		{"& % $ # _ ^ ~", 0,
		 "\\& \\% \\$ \\# \\_ \\textasciicircum{} \\textasciitilde{}"},
		{"[x] -- ,,", 0, "{[}x{]} -{\\kern0pt}- ,{\\kern0pt},"},
		/* biber would decode \textquotesingle{} into ', TeX print ’ */
		{"O'B \"x\" `<>|", 0,
		 "O\\csname textquotesingle\\endcsname{}B \\csname textquotedbl\\endcsname{}x"
		 "\\csname textquotedbl\\endcsname{} \\csname textasciigrave\\endcsname{}"
		 "{\\kern0pt}\\csname textless\\endcsname{}{\\kern0pt}"
		 "\\csname textgreater\\endcsname{}\\csname textbar\\endcsname{}"},
		{"a\n\nb\tc", 0, "a b c"},
		{"\xc3\xa6\xc2\xa0\xf0\x9f\x98\x80\xff", 0,
		 "\xc3\xa6~{\\csname sitat@run\\endcsname{symb}{\\csname sitat@u\\endcsname{1F600}}}{[}?{]}"},
	};
	RUN(TEX_BIB, t);
}

static void test_lit_context(void **state)
{
	(void)state;
	static const struct tcase t[] = {
		{"\\sitatdefquote{", 0, "\\sitatdefquote{"},
		{"}{%\n", 0, "}{%\n"},
		{"-- `` '' ,, ~ ^^41 \xff", 0, "-- `` '' ,, ~ ^^41 \xff"},
		{"a\0b", 3, "a\0b"},
	};
	for (size_t i = 0; i < sizeof t / sizeof t[0]; i++) {
		size_t len = t[i].len ? t[i].len : strlen(t[i].in);
		struct buf b;
		buf_init(&b);
		tex_outn(&b, TEX_LIT, t[i].in, len);
		assert_int_equal(b.len, len);
		assert_memory_equal(b.data, t[i].out, len);
		buf_free(&b);
	}
}

static void test_tex_out_appends(void **state)
{
	(void)state;
	struct buf b;
	buf_init(&b);
	tex_out(&b, TEX_LIT, "\\x{");
	tex_out(&b, TEX_TEXT, "a&b");
	tex_out(&b, TEX_LIT, "}{");
	tex_out(&b, TEX_ID, "I1-001");
	tex_out(&b, TEX_LIT, "}{");
	tex_num(&b, 0);
	tex_out(&b, TEX_LIT, "}{");
	tex_num(&b, 1234567);
	tex_out(&b, TEX_LIT, "}");
	/* the lookahead stops at the end of each call */
	tex_out(&b, TEX_TEXT, "-");
	tex_out(&b, TEX_TEXT, "-");
	assert_string_equal(b.data, "\\x{a\\&b}{I1-001}{0}{1234567}--");
	assert_int_equal(b.len, strlen(b.data));
	buf_free(&b);
}

static void test_char_supported(void **state)
{
	(void)state;
	static const struct {
		unsigned long c;
		int ok;
	} t[] = {
		{0x1F, 0}, {0x20, 1}, {0x41, 1}, {0x7E, 1}, {0x7F, 0}, {0x9F, 0},
		{0xA0, 0}, {0xA1, 1}, {0xAD, 0}, {0xE5, 1}, {0x148, 1}, {0x149, 0},
		{0x14A, 1}, {0x17F, 1}, {0x180, 0}, {0x2013, 1}, {0x2014, 1},
		{0x2015, 0}, {0x201A, 1}, {0x201E, 1}, {0x2026, 1}, {0x20AC, 1},
		{0x2122, 1}, {0x1F600, 0}, {0xFFFD, 0},
	};
	for (size_t i = 0; i < sizeof t / sizeof t[0]; i++) {
		if (tex_char_supported(t[i].c) != t[i].ok)
			print_error("U+%04lX\n", t[i].c);
		assert_int_equal(tex_char_supported(t[i].c), t[i].ok);
	}
}


/* ---- issue 10: ligatures, long runs, scripts, bidi, long lines -------- */

static void test_ligature_pairs(void **state)
{
	(void)state;
	/* every pair of the ligature-prone set gets \sitat@lb{} between */
	static const char *const prone[] = {
		"-", "?", "!", ",", "<", ">", "'", "\"", "`", "\xe2\x80\x93",
		"\xe2\x80\x94", "\xe2\x80\x98", "\xe2\x80\x99", "\xe2\x80\x9a",
		"\xe2\x80\x9c", "\xe2\x80\x9d", "\xe2\x80\x9e", "\xe2\x80\xb9",
		"\xe2\x80\xba", "\xc2\xab", "\xc2\xbb",
	};
	size_t np = sizeof prone / sizeof prone[0];
	for (size_t a = 0; a < np; a++)
		for (size_t b = 0; b < np; b++) {
			char in[16];
			snprintf(in, sizeof in, "%s%s", prone[a], prone[b]);
			char *x = esc(TEX_TEXT, prone[a], strlen(prone[a]));
			char *y = esc(TEX_TEXT, prone[b], strlen(prone[b]));
			char want[96];
			snprintf(want, sizeof want, "%s\\sitat@lb{}%s", x, y);
			char *got = esc(TEX_TEXT, in, strlen(in));
			if (strcmp(got, want))
				print_error("pair \"%s\": %s\n", in, got);
			assert_string_equal(got, want);
			free(got);
			snprintf(want, sizeof want, "%s{\\kern0pt}%s", x, y);
			got = esc(TEX_DOC, in, strlen(in));
			assert_string_equal(got, want);
			free(got), free(x), free(y);
		}
	static const struct tcase t[] = {
		/* the reported cases */
		{"1990\xe2\x80\x93-tallet", 0, "1990\xe2\x80\x93\\sitat@lb{}-tallet"},
		{"Hva?\xe2\x80\x98", 0, "Hva?\\sitat@lb{}\xe2\x80\x98"},
		{"\xc2\xab<", 0, "\xc2\xab\\sitat@lb{}\\textless{}"},
		/* not prone: nothing added */
		{"a-b.c:d;e", 0, "a-b.c:d;e"},
		{"-a-", 0, "-a-"},
		{"- -", 0, "- -"},
		{"-\xc2\xa0-", 0, "-~-"},
	};
	RUN(TEX_TEXT, t);
}

static void test_long_runs(void **state)
{
	(void)state;
	char in[2048], want[8192];
	/* TEX_LONG_RUN letters: a word, left alone (TeX hyphenates it) */
	memset(in, 'a', TEX_LONG_RUN);
	in[TEX_LONG_RUN] = '\0';
	char *got = esc(TEX_TEXT, in, strlen(in));
	assert_string_equal(got, in);
	free(got);
	/* one more: a break after every TEX_BR_EVERY, none at the end */
	memset(in, 'a', TEX_LONG_RUN + 1);
	in[TEX_LONG_RUN + 1] = '\0';
	got = esc(TEX_TEXT, in, strlen(in));
	size_t k = 0;
	for (size_t i = 0; i < TEX_LONG_RUN + 1; i++) {
		want[k++] = 'a';
		if ((i + 1) % TEX_BR_EVERY == 0 && i + 1 < TEX_LONG_RUN + 1)
			k += (size_t)sprintf(want + k, "\\sitat@br{}");
	}
	want[k] = '\0';
	assert_string_equal(got, want);
	free(got);
	/* the runs are counted apart; a space ends one */
	static const struct tcase t[] = {
		{"https://example.org/a/very/long/path/x", 0,
		 "http\\sitat@br{}s://\\sitat@br{}exam\\sitat@br{}ple.\\sitat@br{}org/"
		 "\\sitat@br{}a/ve\\sitat@br{}ry/l\\sitat@br{}ong/\\sitat@br{}path"
		 "\\sitat@br{}/x"},
		{"kort ord", 0, "kort ord"},
		/* a run of 17 to 30: after each slash only */
		{"https://example.org/a/b/c og/eller", 0,
		 "https:/\\sitat@br{}/\\sitat@br{}example.org/\\sitat@br{}a/\\sitat@br{}b/"
		 "\\sitat@br{}c og/eller"},
		/* never between a letter and its combining mark */
		{"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
		 "q\xcc\x8a", 0, NULL},
	};
	for (size_t i = 0; i < 3; i++) {
		got = esc(TEX_TEXT, t[i].in, strlen(t[i].in));
		assert_string_equal(got, t[i].out);
		free(got);
	}
	got = esc(TEX_TEXT, t[3].in, strlen(t[3].in));
	assert_null(strstr(got, "q\\sitat@br{}\\sitat@u"));
	assert_non_null(strstr(got, "q\\sitat@u{030A}"));
	free(got);
	/* a value read back from the PDF: never broken */
	got = esc(TEX_VAL, t[0].in, strlen(t[0].in));
	assert_string_equal(got, t[0].in);
	free(got);
	/* kernel forms */
	got = esc(TEX_DOC, t[0].in, strlen(t[0].in));
	assert_non_null(strstr(got, "http\\allowbreak{}s://"));
	free(got);
}

static void test_scripts(void **state)
{
	(void)state;
	static const struct tcase t[] = {
		/* Arabic: the words and the space between them are one run;
		 * digits inside it are set left to right */
		{"x " "\xd9\x85\xd8\xb1 \xd8\xad\xd8\xa8", 0,
		 "x " "\\sitat@run{arab}{\\sitat@u{0645}\\sitat@u{0631} "
		 "\\sitat@u{062D}\\sitat@u{0628}}"},
		{"x " "\xd9\x85 12 \xd8\xad", 0,
		 "x " "\\sitat@run{arab}{\\sitat@u{0645} \\sitat@ltr{12} \\sitat@u{062D}}"},
		{"x " "\xd9\x85 \xd9\xa1\xd9\xa2", 0,
		 "x " "\\sitat@run{arab}{\\sitat@u{0645} \\sitat@ltr{\\sitat@u{0661}"
		 "\\sitat@u{0662}}}"},
		/* digits after the run are not in it */
		{"x " "\xd7\xa9 2024", 0, "x " "\\sitat@run{hebr}{\\sitat@u{05E9}} 2024"},
		{"x " "\xd7\xa9.\xd7\xa9", 0,
		 "x " "\\sitat@run{hebr}{\\sitat@u{05E9}\\sitat@ltr{.}\\sitat@u{05E9}}"},
		/* two right-to-left scripts: two runs */
		{"x " "\xd7\xa9 \xd9\x85", 0,
		 "x " "\\sitat@run{hebr}{\\sitat@u{05E9}} \\sitat@run{arab}{\\sitat@u{0645}}"},
		/* a Latin word between RTL words ends the run */
		{"x " "\xd7\xa9 a \xd7\xa9", 0,
		 "x " "\\sitat@run{hebr}{\\sitat@u{05E9}} a \\sitat@run{hebr}{\\sitat@u{05E9}}"},
		/* CJK: Japanese when the run has kana */
		{"\xe6\xbc\xa2\xe3\x81\xb2", 0,
		 "\\sitat@run{jpan}{\\sitat@u{6F22}\\sitat@u{3072}}"},
		{"\xe6\xbc\xa2\xe5\xad\x97", 0,
		 "\\sitat@run{hans}{\\sitat@u{6F22}\\sitat@u{5B57}}"},
		{"\xd0\x96\xd0\xb0 \xce\xb1", 0,
		 "\\sitat@run{cyrl}{\\sitat@u{0416}\\sitat@u{0430}} "
		 "\\sitat@run{grek}{\\sitat@u{03B1}}"},
		/* combining marks: with their base, in its run */
		{"\xce\xb1\xcc\x81", 0, "\\sitat@run{grek}{\\sitat@u{03B1}\\sitat@u{0301}}"},
		{" \xcc\x81", 0, " \\sitat@run{latn}{\\sitat@u{0301}}"},
		{"\\\xcc\x81", 0, "\\sitat@run{latn}{\\textbackslash{}\\sitat@u{0301}}"},
		/* emoji with ZWJ and a variation selector: one run */
		{"\xf0\x9f\x91\xa9\xe2\x80\x8d\xf0\x9f\x92\xbb\xef\xb8\x8f", 0,
		 "\\sitat@run{symb}{\\sitat@u{1F469}\\sitat@u{200D}\\sitat@u{1F4BB}"
		 "\\sitat@u{FE0F}}"},
		/* no engine prints these: private use, unassigned, format */
		{"\xee\x80\x80", 0, "\\sitat@miss{E000}"},
		{"\xf0\x90\x80\x80", 0, "\\sitat@miss{10000}"}, /* Linear B */
		{"\xe2\x81\xa0", 0, "\\sitat@miss{2060}"},
		{"\xf4\x8f\xbf\xbf", 0, "\\sitat@miss{10FFFF}"},
		/* a blank line ends a run; one line end does not */
		{"x " "\xd7\xa9\n\n\xd7\xa9", 0,
		 "x " "\\sitat@run{hebr}{\\sitat@u{05E9}}\\sitat@par{}\\sitat@rtl{\\sitat@run{hebr}{\\sitat@u{05E9}}}"},
		{"x " "\xd7\xa9\n\xd7\xa9", 0, "x " "\\sitat@run{hebr}{\\sitat@u{05E9} \\sitat@u{05E9}}"},
	};
	RUN(TEX_TEXT, t);
	/* a paragraph whose first letter is Hebrew or Arabic is right to left
	 * as a whole; Latin words, digits and left-to-right scripts in it are
	 * islands */
	static const struct tcase r[] = {
		{"\xd9\x88\xd8\xa7 Google \xd8\xa7\xd8\xab", 0,
		 "\\sitat@rtl{\\sitat@run{arab}{\\sitat@u{0648}\\sitat@u{0627}} \\sitat@ltr{Google} "
		 "\\sitat@run{arab}{\\sitat@u{0627}\\sitat@u{062B}}}"},
		{"\xd7\xa9 2024 \xd7\xa1", 0,
		 "\\sitat@rtl{\\sitat@run{hebr}{\\sitat@u{05E9} \\sitat@ltr{2024} \\sitat@u{05E1}}}"},
		{"\xd9\x85 \xd7\xa9", 0,
		 "\\sitat@rtl{\\sitat@run{arab}{\\sitat@u{0645}} \\sitat@run{hebr}{\\sitat@u{05E9}}}"},
		{"12 \xd9\x85", 0, "\\sitat@rtl{\\sitat@ltr{12} \\sitat@run{arab}{\\sitat@u{0645}}}"},
		{"\xd9\x85 New York", 0,
		 "\\sitat@rtl{\\sitat@run{arab}{\\sitat@u{0645}} \\sitat@ltr{New York}}"},
		{"\xd9\x85 \xce\xb1\xce\xb2.", 0,
		 "\\sitat@rtl{\\sitat@run{arab}{\\sitat@u{0645}} "
		 "\\sitat@ltr{\\sitat@run{grek}{\\sitat@u{03B1}\\sitat@u{03B2}}}.}"},
		/* each paragraph has its own direction */
		{"\xd9\x85\n\nx \xd9\x85", 0,
		 "\\sitat@rtl{\\sitat@run{arab}{\\sitat@u{0645}}}\\sitat@par{}x "
		 "\\sitat@run{arab}{\\sitat@u{0645}}"},
	};
	RUN(TEX_TEXT, r);
	/* the kernel forms: placeholders only */
	static const struct tcase k[] = {
		{"\xd9\x85 12", 0,
		 "{\\csname sitat@rtl\\endcsname{{\\csname sitat@run\\endcsname{arab}{"
		 "\\csname sitat@u\\endcsname{0645}}} {\\csname sitat@ltr\\endcsname{12}}}}"},
		{"x \xe2\x80\xae", 0, "x {\\csname sitat@miss\\endcsname{202E}}"},
		{"a\n\nb", 0, "a b"},
		{"\x01", 0, "{[}?{]}"},
	};
	RUN(TEX_DOC, k);
}

static void test_bidi_controls(void **state)
{
	(void)state;
	static const unsigned long bidi[] = {
		0x061C, 0x200E, 0x200F, 0x202A, 0x202B, 0x202C, 0x202D, 0x202E,
		0x2066, 0x2067, 0x2068, 0x2069,
	};
	for (size_t i = 0; i < sizeof bidi / sizeof bidi[0]; i++) {
		utf8proc_uint8_t u[8];
		utf8proc_ssize_t m = utf8proc_encode_char((utf8proc_int32_t)bidi[i], u);
		char want[32];
		snprintf(want, sizeof want, "a\\sitat@miss{%04lX}b", bidi[i]);
		char in[16] = "a";
		memcpy(in + 1, u, (size_t)m);
		in[1 + m] = 'b';
		in[2 + m] = '\0';
		char *got = esc(TEX_TEXT, in, strlen(in));
		assert_string_equal(got, want);
		free(got);
		assert_true(tex_is_bidi_control(bidi[i]));
		/* not even inside a right-to-left run */
		char in2[32];
		snprintf(in2, sizeof in2, "\xd7\xa9%.*s\xd7\xa9", (int)m, (const char *)u);
		got = esc(TEX_TEXT, in2, strlen(in2));
		assert_null(strstr(got, (const char *)u + 0 == NULL ? "" : "\xe2\x80"));
		free(got);
	}
	assert_false(tex_is_bidi_control(0x200B));
	assert_false(tex_is_bidi_control(0x05D0));
}

static void test_line_length(void **state)
{
	(void)state;
	/* 300 KB of every kind of text: no line longer than TEX_LINE_MAX,
	 * each line ended with % (never before a space, never in a word) */
	static const char *const pieces[] = {
		"a", " ", "  ", "\\", "--", "\xd9\x85", "\xe6\xbc\xa2", "12", "\n",
		"\xf0\x9f\x98\x80", "x\xcc\x81", "\xe2\x80\x93", "~",
	};
	struct buf in;
	buf_init(&in);
	for (size_t k = 0; in.len < 300000; k++)
		buf_puts(&in, pieces[(k * 7 + k / 13) % (sizeof pieces / sizeof pieces[0])]);
	const char *runs[] = {in.data, NULL, NULL};
	char *spaces = xmalloc(100001), *word = xmalloc(100001);
	memset(spaces, ' ', 100000), spaces[100000] = '\0';
	memset(word, 'w', 100000), word[100000] = '\0';
	runs[1] = spaces, runs[2] = word;
	for (size_t r = 0; r < 3; r++) {
		struct buf b;
		buf_init(&b);
		buf_puts(&b, "\\sitat@defquote{x}{");
		tex_out(&b, TEX_TEXT, runs[r]);
		buf_puts(&b, "}\n");
		size_t line = 0, lines = 1;
		for (size_t i = 0; i < b.len; i++) {
			if (b.data[i] == '\n') {
				if (i + 1 < b.len)
					assert_true(b.data[i - 1] == '%' || i + 1 == b.len);
				assert_true(i + 1 >= b.len || b.data[i + 1] != ' ');
				line = 0, lines++;
				continue;
			}
			assert_true(++line <= TEX_LINE_MAX);
		}
		assert_true(r == 1 ? b.len < 64 : lines > 50); /* spaces: one */
		/* what the lines hold is the text without the breaks */
		buf_free(&b);
	}
	/* the breaks add nothing: removing "%\n" gives the unbroken text */
	struct buf a, b;
	buf_init(&a), buf_init(&b);
	tex_out(&a, TEX_TEXT, word);
	for (size_t i = 0; i < a.len; i++)
		if (!(a.data[i] == '%' && i + 1 < a.len && a.data[i + 1] == '\n'))
			buf_putc(&b, a.data[i]);
		else
			i++;
	char *w2 = xmalloc(a.len + 1);
	size_t k = 0;
	for (size_t i = 0; i < b.len; i++) {
		if (!strncmp(b.data + i, "\\sitat@br{}", 11))
			i += 10;
		else
			w2[k++] = b.data[i];
	}
	w2[k] = '\0';
	assert_string_equal(w2, word);
	free(w2), free(spaces), free(word);
	buf_free(&a), buf_free(&b), buf_free(&in);
}

static void test_pdflatex_placeholders(void **state)
{
	(void)state;
	size_t first;
	const char *s = "Hei \xd9\x85 og \xce\xb1 \xf0\x9f\x98\x80 q\xcc\x8a \xee\x80\x80";
	unsigned bits = tex_pdflatex_placeholders(s, strlen(s), &first);
	assert_int_equal(first, 4);
	assert_int_equal(bits, (1u << TS_ARAB) | (1u << TS_GREK) | (1u << TS_SYMB) |
	                       (1u << TS_MARK));
	s = "Bl\xc3\xa5" "b\xc3\xa6r \xe2\x80\x93 \xe2\x80\x9cok\xe2\x80\x9d \xe2\x80\x8b \xe2\x80\xae";
	assert_int_equal(tex_pdflatex_placeholders(s, strlen(s), &first), 0);
	assert_int_equal(first, strlen(s));
	assert_string_equal(tex_script_name(TS_HEBR), "Hebrew letters");
	assert_int_equal(tex_script_of(0x05D0), TS_HEBR);
	assert_int_equal(tex_script_of(0x0627), TS_ARAB);
	assert_int_equal(tex_script_of(0x4E2D), TS_CJK);
	assert_int_equal(tex_script_of(0x0301), TS_MARK);
	assert_int_equal(tex_script_of(0x202E), TS_MISS);
	assert_int_equal(tex_script_of('a'), TS_NONE);
}

/* ---- property test ------------------------------------------------------ */

/* Control words the escaper may write; each takes a braced argument. */
static const char *const known_words[] = {
	"textbackslash", "textasciicircum", "textasciitilde", "textless",
	"textgreater", "textbar", "textquotedbl", "textquotesingle",
	"textasciigrave", NULL,
};
/* In generated files (TEX_TEXT) also sitat-text.def's macros. */
static const char *const sitat_words[] = {
	"sitat@par", "sitat@bad", "sitat@miss", "sitat@lb", "sitat@br",
	"sitat@run", "sitat@u", "sitat@ltr", "sitat@rtl", NULL,
};
/* In .bib fields (TEX_BIB) the kernel forms, and no \{ or \}. */
static const char *const bib_words[] = {"textbraceleft", "textbraceright",
                                        "kern", "allowbreak", NULL};

static bool in_list(const char *const *w, const char *s, size_t n)
{
	for (; *w; w++)
		if (strlen(*w) == n && !strncmp(*w, s, n))
			return true;
	return false;
}

/* A raw character (or escape) of a ligature or TeX input convention. */
static bool prone_at(const char *out, size_t n, size_t i)
{
	static const char *const utf[] = {
		"\xe2\x80\x93", "\xe2\x80\x94", "\xe2\x80\x98", "\xe2\x80\x99",
		"\xe2\x80\x9a", "\xe2\x80\x9c", "\xe2\x80\x9d", "\xe2\x80\x9e",
		"\xe2\x80\xb9", "\xe2\x80\xba", "\xc2\xab", "\xc2\xbb", NULL,
	};
	if (strchr("-?!,", out[i]))
		return true;
	for (const char *const *u = utf; *u; u++)
		if (strlen(*u) <= n - i && !memcmp(out + i, *u, strlen(*u)))
			return true;
	return false;
}

/* Check out, the TEX_TEXT (or TEX_BIB) escape of in, for what must never
 * happen.  Returns NULL when safe, else a static description. */
static const char *check_safe_ctx(const char *in, size_t inlen,
                                  const char *out, size_t n, bool bib)
{
	long depth = 0;
	size_t tildes = 0, nbsp = 0, line = 0;
	bool prone = false; /* the last glyph takes part in a ligature */
	for (size_t i = 0; i + 1 < inlen; i++)
		if ((unsigned char)in[i] == 0xC2 && (unsigned char)in[i + 1] == 0xA0)
			nbsp++;
	for (size_t i = 0; i < n;) {
		unsigned char c = (unsigned char)out[i];
		if (c == '\n') {
			if (i == 0 || out[i - 1] != '%')
				return "a line end not after %";
			if (i + 1 < n && out[i + 1] == ' ')
				return "a space after a line end (TeX skips it)";
			line = 0;
			i++;
			continue;
		}
		if (++line > TEX_LINE_MAX)
			return "a line longer than TEX_LINE_MAX";
		if (c == '%') {
			if (i + 1 >= n || out[i + 1] != '\n')
				return "a % not ending a line";
			i++;
			continue;
		}
		if (c == '\\') {
			if (i + 1 >= n)
				return "backslash at the end";
			unsigned char e = (unsigned char)out[i + 1];
			if (isalpha(e)) {
				size_t j = i + 1;
				while (j < n && (isalpha((unsigned char)out[j]) || out[j] == '@'))
					j++;
				const char *w = out + i + 1;
				size_t wn = j - i - 1;
				bool csn = false;
				if (bib && wn == 6 && !memcmp(w, "csname", 6)) {
					/* \csname NAME\endcsname{: NAME a known word or one
					 * of sitat-text.def's */
					const char *end = strstr(out + j, "\\endcsname{");
					size_t en = end ? (size_t)(end - out - j - 1) : 0;
					if (!end || out[j] != ' ' ||
					    !(in_list(known_words, out + j + 1, en) ||
					      in_list(sitat_words, out + j + 1, en)))
						return "a \\csname that is not \\csname WORD\\endcsname{";
					w = out + j + 1;
					wn = en;
					j = (size_t)(end - out) + 10;
					csn = true;
				}
				bool known = (csn && in_list(sitat_words, w, wn)) ||
				             in_list(known_words, w, wn) ||
				             (!bib && in_list(sitat_words, w, wn)) ||
				             (bib && in_list(bib_words, w, wn));
				if (!known)
					return "unknown control word";
				if (wn == 4 && !memcmp(w, "kern", 4)) {
					if (i == 0 || out[i - 1] != '{' || n - j < 4 ||
					    memcmp(out + j, "0pt}", 4))
						return "\\kern not as {\\kern0pt}";
					prone = false;
					i = j + 3;
					continue;
				}
				if (j >= n || out[j] != '{')
					return "control word not followed by {";
				if (wn == 8 && !memcmp(w, "sitat@lb", 8))
					prone = false;
				else if ((wn == 8 && !memcmp(w, "textless", 8)) ||
				         (wn == 11 && !memcmp(w, "textgreater", 11)) ||
				         (wn == 15 && !memcmp(w, "textquotesingle", 15)) ||
				         (wn == 12 && !memcmp(w, "textquotedbl", 12)) ||
				         (wn == 14 && !memcmp(w, "textasciigrave", 14))) {
					if (prone)
						return "two ligature-prone characters without \\sitat@lb";
					prone = true;
				} else if (wn != 9 || memcmp(w, "sitat@run", 9)) {
					prone = false;
				}
				i = j;
				continue;
			}
			if (!strchr("{}$&#_%-", e) || e == '\0')
				return "unexpected control symbol";
			if (bib && (e == '{' || e == '}'))
				return "\\{ or \\} in a .bib field";
			if (e != '-')
				prone = false;
			i += 2;
			continue;
		}
		if (c == '{') {
			depth++;
		} else if (c == '}') {
			if (--depth < 0)
				return "unbalanced }";
		} else if (c == '~') {
			tildes++;
			prone = false;
		} else if (strchr("#$&_^", c)) {
			return "unescaped # $ & _ or ^";
		} else if (strchr("`'<>|\"", c)) {
			return "raw ` ' < > | or \"";
		} else if (c == '[' || c == ']') {
			if (i == 0 || out[i - 1] != '{' || i + 1 >= n || out[i + 1] != '}')
				return "unbraced [ or ]";
			prone = false;
		} else if (c < 0x20 || c == 0x7F) {
			return "control character in the output";
		} else if (c >= 0x80) {
			utf8proc_int32_t cp;
			utf8proc_ssize_t m = utf8proc_iterate((const utf8proc_uint8_t *)out + i,
			                                      (utf8proc_ssize_t)(n - i), &cp);
			if (m < 0)
				return "invalid UTF-8 in the output";
			if (!tex_char_supported((unsigned long)cp))
				return "raw character the fonts lack";
			bool p = prone_at(out, n, i);
			if (p && prone)
				return "two ligature-prone characters without \\sitat@lb";
			prone = p;
			i += (size_t)m;
			line += (size_t)m - 1;
			continue;
		} else {
			bool p = prone_at(out, n, i);
			if (p && prone)
				return "two ligature-prone characters without \\sitat@lb";
			prone = p;
		}
		i++;
	}
	if (depth != 0)
		return "unbalanced {";
	if (tildes != nbsp)
		return "~ that is not a U+00A0";
	return NULL;
}

static const char *check_safe(const char *in, size_t inlen, const char *out,
                              size_t n)
{
	return check_safe_ctx(in, inlen, out, n, false);
}

static uint64_t rng = 0x5eed5eed12345678ULL;
static uint64_t next_rand(void)
{
	/* xorshift64*: fixed seed, so every run tests the same strings */
	rng ^= rng >> 12;
	rng ^= rng << 25;
	rng ^= rng >> 27;
	return rng * 2685821657736338717ULL;
}

static void test_checker_catches(void **state)
{
	(void)state;
	/* the checker itself must be able to fail */
	static const char *const bad[] = {
		"a--b", "x%", "{", "}", "\\input", "a\\textbackslash b", "`", "'",
		"a_b", "^", "#", "$", "&", "~", ",,", "[", "\"", "<", "\n", "\\",
		"-{}-", "\\textless{}{}\\textless{}", "\xe2\x80\x93-", "?\xe2\x80\x98",
		"\\sitatpar{}", "a%", "%\n x", "\\kern0pt", "\xe2\x80\xae", NULL,
	};
	for (const char *const *p = bad; *p; p++) {
		if (!check_safe("", 0, *p, strlen(*p)))
			print_error("checker accepted \"%s\"\n", *p);
		assert_non_null(check_safe("", 0, *p, strlen(*p)));
	}
	const char *good = "-\\sitat@lb{}-{[}\\%\\textless{}%\nx";
	assert_null(check_safe("", 0, good, strlen(good)));
	assert_null(check_safe("\xc2\xa0", 2, "~", 1));
	assert_non_null(check_safe_ctx("", 0, "\\{", 2, true));
	assert_non_null(check_safe("", 0, "\\textbraceleft{}", 16));
	assert_null(check_safe_ctx("", 0, "\\textbraceleft{}", 16, true));
}

static void test_property_random(void **state)
{
	(void)state;
	/* pieces that tend to make trouble, mixed with arbitrary bytes */
	static const char *const pieces[] = {
		"\\", "{", "}", "$", "&", "#", "^", "^^", "_", "%", "~", "<", ">",
		"|", "\"", "'", "`", "[", "]", "-", "--", ",", ",,", "!", "?", "\n",
		"\n\n", "\t", "\r", "\xc2\xa0", "\xc2\xad", "\xc3\xa5", "\xe2\x80\x93",
		"\xe2\x80\x9c", "\xf0\x9f\x98\x80", "\xc5\x89", "\xcc\x8a", "\x7f",
		"\xc2\x85", "\xef\xbf\xbd", "a", " ", "\\input{x}", "\xc2", "\xe2\x82",
		"\xd9\x85", "\xd7\xa9", "12", "\xe2\x80\xae", "\xe2\x81\xa6", "\xe2\x80\x8b",
		"\xe6\xbc\xa2", "\xe3\x81\xb2", "\xe2\x80\x98", "\xe2\x80\x99", "\xc2\xab",
		"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "\xe2\x80\x8d", "\xd9\xa1",
	};
	size_t npieces = sizeof pieces / sizeof pieces[0];
	char in[512];
	for (int iter = 0; iter < 20000; iter++) {
		size_t len = 0, parts = next_rand() % 40;
		for (size_t k = 0; k < parts; k++) {
			uint64_t r = next_rand();
			if (r % 3 == 0) {
				in[len++] = (char)(r >> 8);
			} else {
				const char *p = pieces[(r >> 8) % npieces];
				memcpy(in + len, p, strlen(p));
				len += strlen(p);
			}
		}
		for (int bib = 0; bib < 2; bib++) {
			struct buf b;
			buf_init(&b);
			tex_outn(&b, bib ? TEX_BIB : TEX_TEXT, in, len);
			const char *why = check_safe_ctx(in, len, b.data ? b.data : "",
			                                 b.len, bib);
			if (why) {
				print_error("iteration %d (%s): %s\ninput:", iter,
				            bib ? "TEX_BIB" : "TEX_TEXT", why);
				for (size_t k = 0; k < len; k++)
					print_error(" %02x", (unsigned char)in[k]);
				print_error("\noutput: %s\n", b.data);
			}
			assert_null(why);
			buf_free(&b);
		}
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_specials),
		cmocka_unit_test(test_ligatures),
		cmocka_unit_test(test_hat_notation),
		cmocka_unit_test(test_line_ends),
		cmocka_unit_test(test_control_chars),
		cmocka_unit_test(test_unicode),
		cmocka_unit_test(test_invalid_utf8),
		cmocka_unit_test(test_id_context),
		cmocka_unit_test(test_key_context),
		cmocka_unit_test(test_bib_context),
		cmocka_unit_test(test_lit_context),
		cmocka_unit_test(test_url_context),
		cmocka_unit_test(test_tex_out_appends),
		cmocka_unit_test(test_char_supported),
		cmocka_unit_test(test_ligature_pairs),
		cmocka_unit_test(test_long_runs),
		cmocka_unit_test(test_scripts),
		cmocka_unit_test(test_bidi_controls),
		cmocka_unit_test(test_line_length),
		cmocka_unit_test(test_pdflatex_placeholders),
		cmocka_unit_test(test_checker_catches),
		cmocka_unit_test(test_property_random),
	};
	return cmocka_run_group_tests_name("texout", tests, NULL, NULL);
}
