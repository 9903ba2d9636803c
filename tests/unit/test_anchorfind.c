/* test_anchorfind.c - finding a quote in a changed text without history:
 * exact with its context among duplicates, exact alone, a partial context,
 * ambiguity, an approximate match of a changed quote (its new bounds),
 * lost, non-ASCII positions in code points, the bounded edit distance. */
#include "unit.h"

#include "core/anchorfind.h"
#include "core/text.h"

static struct text mk(const char *s)
{
	struct text t;
	struct diag d;
	diag_init(&d, stderr);
	assert_true(text_init(&t, xstrdup(s), strlen(s), "t.txt", true, &d));
	diag_free(&d);
	return t;
}

/* the text at a found place */
static char *at(const struct text *t, size_t start, size_t end)
{
	size_t sb = text_cp_to_byte(t, start), eb = text_cp_to_byte(t, end);
	return xstrndup(t->data + sb, eb - sb);
}

static void test_context_picks_duplicate(void **state)
{
	(void)state;
	struct text t = mk("Vi sa: det var nytt. Hun sa: det var nytt. Slutt.\n");
	struct af_found f;
	anchor_find(&t, "det var nytt", "Hun sa: ", ". Slutt", &f);
	assert_int_equal(f.how, AF_CONTEXT);
	assert_int_equal(f.start, 29);
	assert_int_equal(f.end, 41);
	af_found_free(&f);
	/* the other one */
	anchor_find(&t, "det var nytt", "Vi sa: ", ". Hun", &f);
	assert_int_equal(f.how, AF_CONTEXT);
	assert_int_equal(f.start, 7);
	af_found_free(&f);
	text_free(&t);
}

static void test_exact_unique(void **state)
{
	(void)state;
	struct text t = mk("Først en linje.\nså «lære oss å spørre» og mer.\n");
	struct af_found f;
	/* context changed entirely: exact alone, once */
	anchor_find(&t, "lære oss å spørre", "helt annen kontekst", "noe annet", &f);
	assert_int_equal(f.how, AF_EXACT);
	char *s = at(&t, f.start, f.end);
	assert_string_equal(s, "lære oss å spørre");
	free(s);
	assert_int_equal(f.start, 20); /* code points, not bytes */
	assert_true(anchor_at(&t, f.start, f.end, "lære oss å spørre"));
	assert_false(anchor_at(&t, f.start + 1, f.end + 1, "lære oss å spørre"));
	assert_true(anchor_context_at(&t, f.start, f.end, "så «", "» og"));
	assert_false(anchor_context_at(&t, f.start, f.end, "så »", NULL));
	assert_true(anchor_context_at(&t, f.start, f.end, NULL, ""));
	af_found_free(&f);
	text_free(&t);
}

static void test_partial_context_and_ambiguous(void **state)
{
	(void)state;
	struct text t = mk("A sa ja takk. B sa ja takk. C sa ja takk.\n");
	struct af_found f;
	/* no occurrence has the whole context; "B sa " agrees with most */
	anchor_find(&t, "ja takk", "x B sa ", ". C", &f);
	assert_int_equal(f.how, AF_CONTEXT);
	assert_int_equal(f.start, 19);
	af_found_free(&f);
	/* no context: three candidates, never a guess */
	anchor_find(&t, "ja takk", NULL, NULL, &f);
	assert_int_equal(f.how, AF_AMBIGUOUS);
	assert_int_equal(f.ncands, 3);
	assert_int_equal(f.cands[0].start, 5);
	assert_int_equal(f.cands[1].start, 19);
	assert_int_equal(f.cands[2].start, 33);
	assert_int_equal(f.cands[2].end, 40);
	af_found_free(&f);
	/* two with the whole context: ambiguous between those two only */
	anchor_find(&t, "ja takk", "sa ", ". ", &f);
	assert_int_equal(f.how, AF_AMBIGUOUS);
	assert_int_equal(f.ncands, 2);
	af_found_free(&f);
	text_free(&t);
}

static void test_approx_changed_inside(void **state)
{
	(void)state;
	struct text t = mk("INT: Hvordan var det?\n"
	                   "INF: vi måtte liksom lære oss å spørre først, og det var nytt.\n"
	                   "INT: Takk.\n");
	struct af_found f;
	/* a word of the quote was fixed: "spøre" -> "spørre" */
	anchor_find(&t, "vi måtte liksom lære oss å spøre først", "INF: ",
	            ", og det var nytt.", &f);
	assert_int_equal(f.how, AF_APPROX);
	assert_int_equal(f.dist, 1);
	char *s = at(&t, f.start, f.end);
	assert_string_equal(s, "vi måtte liksom lære oss å spørre først");
	free(s);
	af_found_free(&f);
	/* an inserted word inside, without any context */
	anchor_find(&t, "lære oss spørre først", NULL, NULL, &f);
	assert_int_equal(f.how, AF_APPROX);
	s = at(&t, f.start, f.end);
	assert_string_equal(s, "lære oss å spørre først");
	free(s);
	af_found_free(&f);
	text_free(&t);
}

static void test_lost(void **state)
{
	(void)state;
	struct text t = mk("Noe helt annet står her nå.\n");
	struct af_found f;
	anchor_find(&t, "vi måtte liksom lære oss å spørre først", "INF: ", ", og", &f);
	assert_int_equal(f.how, AF_LOST);
	assert_null(f.cands);
	af_found_free(&f);
	anchor_find(&t, "", NULL, NULL, &f);
	assert_int_equal(f.how, AF_LOST);
	af_found_free(&f);
	text_free(&t);
}

static void test_approx_long_pattern(void **state)
{
	(void)state;
	/* a quote longer than one machine word (64 code points), changed in
	 * its middle, in a longer text with other lines */
	struct buf b;
	buf_init(&b);
	for (int i = 0; i < 40; i++)
		buf_printf(&b, "Linje %d med litt tekst som ikke betyr noe.\n", i);
	const char *q = "Dette er et langt sitat som går over mer enn sekstifire tegn, "
	                "slik at den blokkvise algoritmen brukes, og det endres i midten.";
	const char *qn = "Dette er et langt sitat som går over mer enn sekstifire tegn, "
	                 "slik at den blokkvise metoden brukes, og det endres i midten.";
	buf_puts(&b, qn);
	buf_puts(&b, "\nSlutt.\n");
	struct text t = mk(b.data);
	buf_free(&b);
	struct af_found f;
	anchor_find(&t, q, "noe.\n", "\nSlutt.", &f);
	assert_int_equal(f.how, AF_APPROX);
	char *s = at(&t, f.start, f.end);
	assert_string_equal(s, qn);
	free(s);
	af_found_free(&f);
	text_free(&t);
}

static void test_approx_ambiguous(void **state)
{
	(void)state;
	struct text t = mk("han sa jaa takk. hun sa jaa takk.\n");
	struct af_found f;
	anchor_find(&t, "ja takk", NULL, NULL, &f);
	assert_int_equal(f.how, AF_AMBIGUOUS);
	assert_int_equal(f.ncands, 2);
	af_found_free(&f);
	text_free(&t);
}

static void test_distance(void **state)
{
	(void)state;
	const char *a = "spørre", *b = "spøre";
	assert_int_equal(af_distance(a, strlen(a), b, strlen(b), 5), 1);
	assert_int_equal(af_distance(a, strlen(a), a, strlen(a), 0), 0);
	assert_int_equal(af_distance("abc", 3, "xyz", 3, 2), 3); /* over max: max + 1 */
	assert_int_equal(af_distance("abc", 3, "xyz", 3, 3), 3);
	assert_int_equal(af_distance("", 0, "æøå", strlen("æøå"), 5), 3);
	assert_int_equal(af_distance("kitten", 6, "sitting", 7, 10), 3);
	assert_int_equal(af_bound(40), 10);
	assert_string_equal(af_how_name(AF_APPROX), "approximate");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_context_picks_duplicate),
		cmocka_unit_test(test_exact_unique),
		cmocka_unit_test(test_partial_context_and_ambiguous),
		cmocka_unit_test(test_approx_changed_inside),
		cmocka_unit_test(test_lost),
		cmocka_unit_test(test_approx_long_pattern),
		cmocka_unit_test(test_approx_ambiguous),
		cmocka_unit_test(test_distance),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
