/* test_record.c - record_load: the use record sitat.sty writes, read from
 * a file; the places (file:line) of every kind of line, and what is not a
 * line number (found by tests/fuzz/fuzz_record.c: strtoul took "-1" as
 * 18446744073709551615, and "+5" and " 5" as 5). */
#include "unit.h"

#include "audit/record.h"

struct rfx {
	char *dir, *path;
	struct record r;
	struct diag d;
	int st;
};

static void rfx_load(struct rfx *f, const char *text, const char *texdir)
{
	f->dir = unit_tmpdir();
	unit_write(f->dir, "thesis.sitat", text);
	f->path = path_join(f->dir, "thesis.sitat");
	diag_init(&f->d, NULL);
	f->st = record_load(&f->r, f->path, texdir, &f->d);
}

static void rfx_free(struct rfx *f)
{
	record_free(&f->r);
	diag_free(&f->d);
	unit_rmtree(f->dir);
	free(f->dir);
	free(f->path);
}

static void test_places(void **state)
{
	(void)state;
	struct rfx f;
	rfx_load(&f,
	         "claim c1 3 rq1 kapitler/funn.tex:12\n"
	         "use I1-001 3 display c1 my dir/kap 1.tex:14\n"
	         "unknown I9-001 ii ref - /abs/x.tex:007\n"
	         "endclaim c1 4 kapitler/funn.tex:18\n",
	         "tex");
	assert_int_equal(f.st, 0);
	unit_assert_diags(&f.d, "");
	assert_int_equal(f.r.nclaims, 1);
	assert_string_equal(f.r.claims[0].file, "tex/kapitler/funn.tex");
	assert_int_equal(f.r.claims[0].line, 12);
	assert_int_equal(f.r.nuses, 2);
	assert_string_equal(f.r.uses[0].file, "tex/my dir/kap 1.tex");
	assert_int_equal(f.r.uses[0].line, 14);
	assert_string_equal(f.r.uses[0].claim, "c1");
	assert_false(f.r.uses[0].unknown);
	assert_string_equal(f.r.uses[1].file, "/abs/x.tex"); /* absolute: as is */
	assert_int_equal(f.r.uses[1].line, 7);
	assert_null(f.r.uses[1].claim);
	assert_true(f.r.uses[1].unknown);
	rfx_free(&f);
}

static void test_not_a_line_number(void **state)
{
	(void)state;
	static const char *const bad[] = {"f.tex:-1", "f.tex:+5", "f.tex: 5",
		"f.tex:0", "f.tex:", "f.tex:5x", "f.tex:99999999999999999999",
		"f.tex:4294967296", ":5", NULL};
	for (const char *const *p = bad; *p; p++) {
		struct rfx f;
		char *text = xasprintf("use I1-001 3 display - %s\nclaim c 1 - %s\n"
		                       "endclaim c 1 %s\n", *p, *p, *p);
		rfx_load(&f, text, NULL);
		assert_int_equal(f.st, 0);
		if (f.r.nuses || f.r.nclaims)
			print_error("place '%s' was accepted\n", *p);
		unit_assert_diags(&f.d, "record-syntax record-syntax record-syntax");
		assert_int_equal(f.r.nuses, 0);
		assert_int_equal(f.r.nclaims, 0);
		assert_int_equal(f.d.recs[0].line, 1);
		assert_int_equal(f.d.recs[2].line, 3);
		rfx_free(&f);
		free(text);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_places),
		cmocka_unit_test(test_not_a_line_number),
	};
	return cmocka_run_group_tests_name("record", tests, NULL, NULL);
}
