/* test_find.c - finding a quote ignoring whitespace (core/find.h): the
 * needle's NFC form and words, runs of whitespace of every kind, line and
 * page breaks, every occurrence (overlapping too), near matches (case,
 * quotation marks, dashes) and the differences reported. */
#include "unit.h"

#include "core/find.h"

/* The hits of needle in hay as "sb-eb[=]" joined by spaces ("=": same). */
static char *hits(const char *hay, const char *needle, bool near)
{
	struct find_needle n;
	assert_int_equal(find_needle_init(&n, needle, strlen(needle)), 0);
	struct find_hit *h;
	size_t k = near ? find_near(hay, strlen(hay), &n, &h)
	                : find_all(hay, strlen(hay), &n, &h);
	struct buf b;
	buf_init(&b);
	buf_puts(&b, "");
	for (size_t i = 0; i < k; i++)
		buf_printf(&b, "%s%zu-%zu%s", i ? " " : "", h[i].sb, h[i].eb,
		           h[i].same ? "=" : "");
	free(h);
	find_needle_free(&n);
	return buf_detach(&b, NULL);
}

#define HITS(hay, needle, want)                        \
	do {                                               \
		char *got_ = hits((hay), (needle), false);     \
		assert_string_equal(got_, (want));             \
		free(got_);                                    \
	} while (0)
#define NEAR(hay, needle, want)                        \
	do {                                               \
		char *got_ = hits((hay), (needle), true);      \
		assert_string_equal(got_, (want));             \
		free(got_);                                    \
	} while (0)

static void test_needle(void **state)
{
	(void)state;
	struct find_needle n;
	/* leading and trailing whitespace goes, inner runs split words */
	assert_int_equal(find_needle_init(&n, " \t vi  m\xc3\xa5tte\n l\xc3\xa6re \n", 22), 0);
	assert_string_equal(n.s, "vi  m\xc3\xa5tte\n l\xc3\xa6re");
	assert_int_equal(n.nwords, 3);
	assert_int_equal(n.wb[1], 4);
	assert_int_equal(n.we[1], 10);
	assert_false(n.normalised);
	find_needle_free(&n);
	/* NFD becomes NFC: a + combining ring above = å */
	assert_int_equal(find_needle_init(&n, "ma\xcc\x8atte", 7), 0);
	assert_string_equal(n.s, "m\xc3\xa5tte");
	assert_true(n.normalised);
	find_needle_free(&n);
	/* a trailing NBSP and an ideographic space are whitespace too */
	assert_int_equal(find_needle_init(&n, "x\xc2\xa0\xe3\x80\x80", 6), 0);
	assert_string_equal(n.s, "x");
	find_needle_free(&n);
	assert_int_equal(find_needle_init(&n, " \n\t\xc2\xa0", 5), FIND_EMPTY);
	assert_null(n.s);
	find_needle_free(&n);
	assert_int_equal(find_needle_init(&n, "", 0), FIND_EMPTY);
	assert_int_equal(find_needle_init(&n, "a\xff", 2), FIND_BAD_UTF8);
	find_needle_free(&n);
}

static void test_exact(void **state)
{
	(void)state;
	HITS("vi m\xc3\xa5tte l\xc3\xa6re", "m\xc3\xa5tte", "3-9=");
	HITS("abc", "abcd", "");
	HITS("abc", "b", "1-2=");
	/* overlapping occurrences all count */
	HITS("aaaa", "aa", "0-2= 1-3= 2-4=");
	HITS("a b a b a", "a b a", "0-5= 4-9=");
	/* substrings of words match (as an exact search does) */
	HITS("samskaping", "skap", "3-7=");
}

static void test_whitespace(void **state)
{
	(void)state;
	/* the pasted one-line quote in a hard-wrapped text */
	HITS("INF: vi m\xc3\xa5tte\nliksom l\xc3\xa6re", "m\xc3\xa5tte liksom", "8-21");
	/* a run matches a run, of any length and kind */
	HITS("a \n\t b", "a b", "0-6");
	HITS("a b", "a \n  b", "0-3");
	HITS("a\fb", "a b", "0-3");                     /* a page break */
	HITS("a\xc2\xa0" "b", "a b", "0-4");            /* NBSP */
	HITS("a\xe2\x80\xaf" "b", "a b", "0-5");        /* narrow NBSP */
	HITS("a b", "a\xe2\x80\x83" "b", "0-3");        /* em space in the needle */
	/* whitespace in the needle needs whitespace in the text */
	HITS("ab", "a b", "");
	/* and none in the needle none in the text */
	HITS("a b", "ab", "");
	/* leading and trailing whitespace of the needle is not matched */
	HITS("x a b y", "  a b\n", "2-5=");
	/* a zero-width space is not whitespace */
	HITS("a\xe2\x80\x8b" "b", "a b", "");
}

static void test_unicode(void **state)
{
	(void)state;
	/* an NFD needle finds the NFC text */
	HITS("p\xc3\xa5 deg", "pa\xcc\x8a deg", "0-7=");
	/* a hit does not cut a letter from its combining mark: Arabic ba
	 * with fatha (U+0628 U+064E), q with a dot below (no precomposed form) */
	HITS("\xd8\xa8\xd9\x8e\xd8\xa8", "\xd8\xa8", "4-6=");
	HITS("q\xcc\xa3 q", "q", "4-5=");
	HITS("q\xcc\xa3 q", "q\xcc\xa3", "0-3=");
	/* invalid bytes in the text do not stop the search */
	HITS("\xff a \xfe b a\nb", "a b", "8-11");
}

static void test_near(void **state)
{
	(void)state;
	/* case */
	NEAR("Vi m\xc3\x85tte", "vi m\xc3\xa5tte", "0-9");
	/* typographic quotes and dashes against plain ones */
	NEAR("han sa \xe2\x80\x9cja\xe2\x80\x9d \xe2\x80\x93 og gikk",
	     "sa \"ja\" - og", "4-22");
	NEAR("it\xe2\x80\x99s", "it's", "0-6");
	/* whitespace as in find_all */
	NEAR("A\n  b", "a b", "0-5");
	NEAR("ab", "a b", "");
}

static void test_diffs(void **state)
{
	(void)state;
	const char *hay = "vi m\xc3\xa5tte\nliksom  l\xc3\xa6re oss";
	struct find_needle n;
	assert_int_equal(find_needle_init(&n, "vi m\xc3\xa5tte liksom l\xc3\xa6re oss", 26), 0);
	struct find_hit *h;
	assert_int_equal(find_all(hay, strlen(hay), &n, &h), 1);
	assert_false(h[0].same);
	struct find_diff *d;
	assert_int_equal(find_diffs(hay, &h[0], &n, &d), 2);
	assert_int_equal(d[0].tb, 9);   /* the LF after "måtte" */
	assert_int_equal(d[0].te, 10);
	assert_int_equal(d[0].word, 3); /* "måtte" starts at byte 3 */
	assert_int_equal(d[1].tb, 16);  /* two spaces after "liksom" */
	assert_int_equal(d[1].te, 18);
	assert_int_equal(d[1].word, 10);
	free(d);
	free(h);
	find_needle_free(&n);
}

static void test_large(void **state)
{
	(void)state;
	/* 1 MB of text, the quote near the end, wrapped */
	struct buf b;
	buf_init(&b);
	while (b.len < 1000000)
		buf_puts(&b, "INF: dette er en linje i et langt intervju\n");
	buf_puts(&b, "INF: vi m\xc3\xa5tte liksom\nl\xc3\xa6re oss\n");
	struct find_needle n;
	const char *q = "m\xc3\xa5tte liksom l\xc3\xa6re";
	assert_int_equal(find_needle_init(&n, q, strlen(q)), 0);
	struct find_hit *h;
	assert_int_equal(find_all(b.data, b.len, &n, &h), 1);
	assert_int_equal(b.len - h[0].sb, 24);
	free(h);
	find_needle_free(&n);
	buf_free(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_needle),
		cmocka_unit_test(test_exact),
		cmocka_unit_test(test_whitespace),
		cmocka_unit_test(test_unicode),
		cmocka_unit_test(test_near),
		cmocka_unit_test(test_diffs),
		cmocka_unit_test(test_large),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
