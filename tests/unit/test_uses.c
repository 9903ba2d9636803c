/* test_uses.c - where the thesis cites ids (cmd/uses.c, compiled in: the
 * cmd layer has no archive): the quote macros with and without optional
 * arguments, spaces and line breaks, \sitattable, claims' research
 * questions, comments and escaped percent signs, places in code points. */
#include "unit.h"

#include "cmd/uses.c"

static char *list(const char *tex)
{
	struct uses u = {0};
	uses_scan_text(&u, "k.tex", tex, strlen(tex));
	struct buf b;
	buf_init(&b);
	buf_puts(&b, "");
	for (size_t i = 0; i < u.n; i++)
		buf_printf(&b, "%s%d %s %s %zu:%zu", i ? "; " : "", (int)u.v[i].kind, u.v[i].macro,
		           u.v[i].id, u.v[i].line, u.v[i].col);
	uses_free(&u);
	return buf_detach(&b, NULL);
}

#define USES(tex, want)                      \
	do {                                     \
		char *got_ = list(tex);              \
		assert_string_equal(got_, (want));   \
		free(got_);                          \
	} while (0)

static void test_macros(void **state)
{
	(void)state;
	USES("\\sitat{I1-001}", "0 \\sitat I1-001 1:1");
	USES("x \\sitatinline[note]{ I1-002 }", "0 \\sitatinline I1-002 1:3");
	USES("\\sitatref\n  [a]\n  {I1-003}", "0 \\sitatref I1-003 1:1");
	USES("\\sitatlink{I1-004}\\sitatsep\\sitatlink{I1-005}",
	     "0 \\sitatlink I1-004 1:1; 0 \\sitatlink I1-005 1:28");
	/* other control words are not uses */
	USES("\\sitatx{I1-001} \\sitatquotelist \\sitatsetup{draft}", "");
	/* an optional argument with a brace group and a bracket inside it */
	USES("\\sitat[{]}]{I1-006}", "0 \\sitat I1-006 1:1");
	/* unclosed: nothing */
	USES("\\sitat{I1-007", "");
}

static void test_rq(void **state)
{
	(void)state;
	USES("\\sitattable[p]{rq2}", "1 \\sitattable rq2 1:1");
	USES("\\begin{sitatclaim}[rq1]{c}\n\\begin {claim} [ rq3 ]{d}\\begin{claim}{e}",
	     "2 \\begin{sitatclaim} rq1 1:1; 2 \\begin{claim} rq3 2:1");
}

static void test_comments(void **state)
{
	(void)state;
	USES("% \\sitat{I1-001}\n\\sitat{I1-002}", "0 \\sitat I1-002 2:1");
	USES("100\\% \\sitat{I1-003} \\\\% \\sitat{I1-004}", "0 \\sitat I1-003 1:7");
	/* a comment inside an argument ends at the line's end */
	USES("\\sitat{I1-%x}\n005}\n% \\sitat{I1-006}", "0 \\sitat I1-005 1:1");
}

static void test_columns(void **state)
{
	(void)state;
	/* columns count code points: "Så «" is 4 */
	USES("S\xc3\xa5 \xc2\xab\\sitat{I1-001}", "0 \\sitat I1-001 1:5");
	USES("a\nbb\n\xc3\xa6\\sitatref{X-001}", "0 \\sitatref X-001 3:2");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_macros),
		cmocka_unit_test(test_rq),
		cmocka_unit_test(test_comments),
		cmocka_unit_test(test_columns),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
