/* test_pdfcompare.c - the page diff of sitat reproduce (cmd/pdfcompare.c,
 * compiled in), on page texts in memory: a changed line among equal ones,
 * lines added and removed, the bound on lines and on a line's length (cut
 * at a character boundary), hostile text (escape sequences, bidi controls,
 * invalid UTF-8) escaped, and the stamp's ids read as the other PDF's. */
#include "unit.h"

#include "cmd/pdfcompare.c"

static char *diff_of(const char *then, const char *now)
{
	return page_diff((struct span){then, strlen(then)}, (struct span){now, strlen(now)});
}

static void test_one_line_changed(void **state)
{
	(void)state;
	char *d = diff_of("a\nb\nc\nd\n", "a\nb\nC\nd\n");
	assert_string_equal(d, "-c\n+C");
	free(d);
	d = diff_of("a\nb\nc\nd\ne\n", "a\nx\nc\nd\ny\n");
	assert_string_equal(d, "-b\n+x\n-e\n+y");
	free(d);
}

static void test_added_removed(void **state)
{
	(void)state;
	char *d = diff_of("a\nb\n", "a\nnew\nb\n");
	assert_string_equal(d, "+new");
	free(d);
	d = diff_of("a\nold\nb\n", "a\nb\n");
	assert_string_equal(d, "-old");
	free(d);
	/* a page only one PDF has */
	d = diff_of("", "only\nhere\n");
	assert_string_equal(d, "+only\n+here");
	free(d);
}

static void test_bounded(void **state)
{
	(void)state;
	struct buf a, b;
	buf_init(&a);
	buf_init(&b);
	for (int i = 0; i < 30; i++) {
		buf_printf(&a, "line %d\n", i);
		buf_printf(&b, "LINE %d\n", i);
	}
	char *d = page_diff((struct span){a.data, a.len}, (struct span){b.data, b.len});
	size_t lines = 1;
	for (const char *p = d; *p; p++)
		lines += *p == '\n';
	assert_int_equal(lines, DIFF_LINES + 1);
	assert_non_null(strstr(d, "\n… 52 more changed lines"));
	free(d);
	/* a long line is cut at a character boundary, "…" after it */
	buf_free(&a);
	buf_init(&a);
	for (int i = 0; i < 100; i++)
		buf_puts(&a, "æ");
	d = diff_of("x\n", a.data);
	assert_string_equal(d + strlen(d) - strlen("…"), "…");
	assert_int_equal(strlen(d), strlen("-x\n+") + DIFF_LINE_BYTES + strlen("…"));
	assert_non_null(strstr(d, "\n+æ"));
	free(d);
	buf_free(&a);
	buf_free(&b);
}

static void test_hostile_text(void **state)
{
	(void)state;
	/* an escape sequence, a carriage return faking a line, a bidi
	 * override, a lone continuation byte: none reaches the terminal */
	char *d = diff_of("ok\n", "\x1b[2J\x1b[31mred\rfake: identical\xe2\x80\xae" "evil\x80\n");
	for (const unsigned char *p = (const unsigned char *)d; *p; p++)
		assert_true(*p >= 0x20 || *p == '\n');
	assert_null(strstr(d, "\x1b"));
	assert_null(strstr(d, "\xe2\x80\xae"));
	assert_non_null(strstr(d, "\\x1B[2J"));
	assert_int_equal(strchr(d, '\n') - d, 3); /* "-ok", then one + line */
	assert_null(strchr(strchr(d, '\n') + 1, '\n'));
	free(d);
}

static void test_ids_read_as_now(void **state)
{
	(void)state;
	struct subst s = {.n = 0};
	subst_add(&s, "62164fa9d7e479784545e0f0803ee2225d31f23c",
	          "e849dea1a8d0406df1e34ed38b7d13e6641ed24c");
	subst_add(&s, "62164fa", "e849dea");
	subst_add(&s, "abc", "def");      /* too short: not an id */
	subst_add(&s, "1234567", "1234567"); /* the same */
	assert_int_equal(s.n, 2);
	const char *t = "commit 62164fa, 62164fa9d7e479784545e0f0803ee2225d31f23c.";
	struct buf b;
	buf_init(&b);
	struct span r = subst_apply(&s, (struct span){t, strlen(t)}, &b);
	assert_int_equal(r.n, strlen("commit e849dea, e849dea1a8d0406df1e34ed38b7d13e6641ed24c."));
	assert_memory_equal(r.p, "commit e849dea, e849dea1a8d0406df1e34ed38b7d13e6641ed24c.", r.n);
	buf_free(&b);
}

static void test_unreadable(void **state)
{
	(void)state;
	struct diag d;
	diag_init(&d, NULL);
	struct pdfcmp c;
	assert_int_equal(pdfcmp_files("tests/unit/no-such.pdf", "tests/unit/unit.h", &c, &d), -1);
	assert_int_equal(d.errors, 1);
	pdfcmp_free(&c);
	/* the same bytes are identical without reading any text */
	assert_int_equal(pdfcmp_files("tests/unit/unit.h", "tests/unit/unit.h", &c, &d), 0);
	assert_int_equal(c.result, PDFCMP_IDENTICAL);
	assert_int_equal(c.pages_then, 0);
	pdfcmp_free(&c);
	/* other bytes that are no PDF: a message, not a crash */
	assert_int_equal(pdfcmp_files("tests/unit/unit.h", "tests/unit/test_pdfcompare.c", &c, &d), -1);
	assert_int_equal(d.errors, 2);
	pdfcmp_free(&c);
	diag_free(&d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_one_line_changed),
		cmocka_unit_test(test_added_removed),
		cmocka_unit_test(test_bounded),
		cmocka_unit_test(test_hostile_text),
		cmocka_unit_test(test_ids_read_as_now),
		cmocka_unit_test(test_unreadable),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
