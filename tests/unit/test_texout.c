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
		 "\\textbackslash{}input\\{/etc/passwd\\}"},
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
		{"--", 0, "-{}-"},
		{"---", 0, "-{}-{}-"},
		{"----", 0, "-{}-{}-{}-"},
		{"a -- b", 0, "a -{}- b"},
		{",", 0, ","},
		{",,", 0, ",{},"},
		{",,,", 0, ",{},{},"},
		{",,lav", 0, ",{},lav"},
		{", ,", 0, ", ,"},
		{"``", 0, "\\textasciigrave{}\\textasciigrave{}"},
		{"''", 0, "\\textquotesingle{}\\textquotesingle{}"},
		{"!`", 0, "!\\textasciigrave{}"},
		{"?`", 0, "?\\textasciigrave{}"},
		{"<<", 0, "\\textless{}\\textless{}"},
		{">>", 0, "\\textgreater{}\\textgreater{}"},
		/* the lookahead sees the next code point, not the next byte */
		{"-\n-", 0, "- -"},
		{"-\xc2\xad-", 0, "-\\--"},
		{"-\xff-", 0, "-\\sitatbadchar{}-"},
		{",\n,", 0, ", ,"},
		{"-\xe2\x80\x93", 0, "-\xe2\x80\x93"}, /* hyphen, en dash */
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
		{"a\n\nb", 0, "a\\sitatpar{}b"},
		{"a\n\n\nb", 0, "a\\sitatpar{}b"},
		{"a\n\n\n\n\nb", 0, "a\\sitatpar{}b"},
		{"a\n\n", 0, "a\\sitatpar{}"},
		{"\n\na", 0, "\\sitatpar{}a"},
		{"a\n\nb\nc\n\nd", 0, "a\\sitatpar{}b c\\sitatpar{}d"},
		{"a\tb", 0, "a b"},
		{"\t\t", 0, "  "},
		{"a\n \nb", 0, "a   b"}, /* a line of a space is not blank */
	};
	RUN(TEX_TEXT, t);
}

static void test_control_chars(void **state)
{
	(void)state;
	static const struct tcase t[] = {
		{"\x01", 0, "\\sitatbadchar{}"},
		{"a\x1b[31mb", 0, "a\\sitatbadchar{}{[}31mb"},
		{"\r", 0, "\\sitatbadchar{}"},
		{"a\r\nb", 0, "a\\sitatbadchar{} b"},
		{"\x0c", 0, "\\sitatbadchar{}"},
		{"\x1f", 0, "\\sitatbadchar{}"},
		{"\x7f", 0, "\\sitatbadchar{}"},
		{"\xc2\x80", 0, "\\sitatbadchar{}"},  /* U+0080 */
		{"\xc2\x85", 0, "\\sitatbadchar{}"},  /* U+0085 NEL */
		{"\xc2\x9f", 0, "\\sitatbadchar{}"},  /* U+009F */
		{"\xef\xbf\xbd", 0, "\\sitatbadchar{}"}, /* U+FFFD */
		{"a\0b", 3, "a\\sitatbadchar{}b"},    /* NUL inside tex_outn */
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
		{"\xf0\x9f\x98\x80", 0, "\\sitatmissing{1F600}"},  /* emoji */
		{"\xc5\x89", 0, "\\sitatmissing{0149}"},          /* U+0149 */
		{"\xce\xb1", 0, "\\sitatmissing{03B1}"},          /* alpha */
		{"\xe6\xbc\xa2", 0, "\\sitatmissing{6F22}"},      /* CJK */
		{"\xc6\x80", 0, "\\sitatmissing{0180}"},          /* past Ext-A */
		{"\xe2\x80\x8b", 0, "\\sitatmissing{200B}"},      /* ZWSP */
		{"a\xcc\x8a", 0, "a\\sitatmissing{030A}"},        /* combining ring */
		{"x\xf0\x9f\x98\x80y", 0, "x\\sitatmissing{1F600}y"},
	};
	RUN(TEX_TEXT, t);
}

static void test_invalid_utf8(void **state)
{
	(void)state;
	static const struct tcase t[] = {
		{"\xff", 0, "\\sitatbadchar{}"},
		{"a\xff" "b", 0, "a\\sitatbadchar{}b"},
		{"\x80", 0, "\\sitatbadchar{}"},                  /* lone continuation */
		{"a\xc3", 0, "a\\sitatbadchar{}"},                /* truncated at end */
		{"a\xc3(", 0, "a\\sitatbadchar{}("},              /* truncated */
		{"\xc0\xaf", 0, "\\sitatbadchar{}\\sitatbadchar{}"}, /* overlong */
		{"\xed\xa0\x80", 0,
		 "\\sitatbadchar{}\\sitatbadchar{}\\sitatbadchar{}"}, /* surrogate */
		{"\xe2\x82", 0, "\\sitatbadchar{}\\sitatbadchar{}"},
		{"\xf4\x90\x80\x80", 0,                             /* > U+10FFFF */
		 "\\sitatbadchar{}\\sitatbadchar{}\\sitatbadchar{}\\sitatbadchar{}"},
		{"\xff\\", 0, "\\sitatbadchar{}\\textbackslash{}"},
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
		{"a--b_", 0, "a-{}-b\\_"},
		{"x\xff", 0, "x\\sitatbadchar{}"},
	};
	RUN(TEX_ID, t);
	/* a typeset id never forms a ligature: "--" is escaped as text */
	static const struct tcase dash[] = {
		{"a--b", 0, "a-{}-b"},
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
		{"[x] -- ,,", 0, "{[}x{]} -{}- ,{},"},
		{"a\n\nb\tc", 0, "a\\sitatpar{}b c"},
		{"\xc3\xa6\xc2\xa0\xf0\x9f\x98\x80\xff", 0,
		 "\xc3\xa6~\\sitatmissing{1F600}\\sitatbadchar{}"},
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

/* ---- property test ------------------------------------------------------ */

/* Control words the escaper may write; each takes a braced argument. */
static const char *const known_words[] = {
	"textbackslash", "textasciicircum", "textasciitilde", "textless",
	"textgreater", "textbar", "textquotedbl", "textquotesingle",
	"textasciigrave", "sitatpar", "sitatbadchar", "sitatmissing", NULL,
};

/* In .bib fields (TEX_BIB) also these, and no \{ or \}. */
static const char *const bib_words[] = {"textbraceleft", "textbraceright", NULL};

/* Check out, the TEX_TEXT escape of in, for what must never happen.
 * Returns NULL when safe, else a static description of the problem. */
static const char *check_safe_ctx(const char *in, size_t inlen,
                                  const char *out, size_t n, bool bib)
{
	long depth = 0;
	size_t tildes = 0, nbsp = 0;
	for (size_t i = 0; i + 1 < inlen; i++)
		if ((unsigned char)in[i] == 0xC2 && (unsigned char)in[i + 1] == 0xA0)
			nbsp++;
	for (size_t i = 0; i < n;) {
		unsigned char c = (unsigned char)out[i];
		if (c == '\\') {
			if (i + 1 >= n)
				return "backslash at the end";
			unsigned char e = (unsigned char)out[i + 1];
			if (isalpha(e)) {
				size_t j = i + 1;
				while (j < n && isalpha((unsigned char)out[j]))
					j++;
				bool known = false;
				for (const char *const *w = known_words; *w; w++)
					if (strlen(*w) == j - i - 1 &&
					    !strncmp(*w, out + i + 1, j - i - 1))
						known = true;
				for (const char *const *w = bib_words; bib && *w; w++)
					if (strlen(*w) == j - i - 1 &&
					    !strncmp(*w, out + i + 1, j - i - 1))
						known = true;
				if (!known)
					return "unknown control word";
				if (j >= n || out[j] != '{')
					return "control word not followed by {";
				i = j;
				continue;
			}
			if (!strchr("{}$&#_%-", e) || e == '\0')
				return "unexpected control symbol";
			if (bib && (e == '{' || e == '}'))
				return "\\{ or \\} in a .bib field";
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
		} else if (strchr("%#$&_^", c)) {
			return "unescaped % # $ & _ or ^";
		} else if (c == '-') {
			if (i + 1 < n && out[i + 1] == '-')
				return "two consecutive -";
		} else if (c == ',') {
			if (i + 1 < n && out[i + 1] == ',')
				return "two consecutive ,";
		} else if (strchr("`'<>|\"", c)) {
			return "raw ` ' < > | or \"";
		} else if (c == '[' || c == ']') {
			if (i == 0 || out[i - 1] != '{' || i + 1 >= n || out[i + 1] != '}')
				return "unbraced [ or ]";
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
			i += (size_t)m;
			continue;
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
		"a_b", "^", "#", "$", "&", "~", ",,", "[", "\"", "<", "\n", "\\", NULL,
	};
	for (const char *const *p = bad; *p; p++) {
		if (!check_safe("", 0, *p, strlen(*p)))
			print_error("checker accepted \"%s\"\n", *p);
		assert_non_null(check_safe("", 0, *p, strlen(*p)));
	}
	const char *good = "-{}-{[}\\%\\textless{}";
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
		cmocka_unit_test(test_checker_catches),
		cmocka_unit_test(test_property_random),
	};
	return cmocka_run_group_tests_name("texout", tests, NULL, NULL);
}
