/* test_diff.c - the comparison of two stores (cmd/diff_store.c, compiled
 * in: the cmd layer has no archive), on stores in memory: the rules that
 * pair renamed codes (guid, the only same name, the only same description
 * and parent; an ambiguous name is no rename), a segment renumbered under
 * its guid, a memo that affects no claim, recoding through a renamed code,
 * and the claims and pages from two use records. */
#include "unit.h"

#include "audit/record.h"
#include "core/store.h"
#include "cmd/diff_store.c"
#include "cmd/diff_tex.c"

static const char PROJECT[] =
	"{\n  \"format\": \"sitat-store/1\",\n  \"title\": \"T\",\n  \"author\": \"A\",\n"
	"  \"language\": \"en\",\n  \"research_questions\": [\n"
	"    { \"id\": \"rq1\", \"label\": \"One\", \"question\": \"Why?\" }\n  ]\n}\n";
static const char I1_JSON[] =
	"{\n  \"format\": \"sitat-source/1\",\n  \"id\": \"I1\",\n  \"kind\": \"interview\",\n"
	"  \"label\": \"Informant 1\",\n  \"text\": \"I1.txt\"\n}\n";
static const char I1_TXT[] = "INF: alpha beta gamma delta\n";

/* A code: id, name, description, parent (NULL: top), guid (NULL). */
struct tcode { const char *id, *name, *desc, *parent, *guid; };

static char *codebook(const struct tcode *c, size_t n)
{
	struct buf b;
	buf_init(&b);
	buf_puts(&b, "{\n  \"format\": \"sitat-codebook/1\",\n  \"codes\": [\n");
	for (size_t i = 0; i < n; i++) {
		buf_printf(&b, "    {\n      \"id\": \"%s\",\n      \"name\": \"%s\",\n"
		           "      \"description\": \"%s\",\n", c[i].id, c[i].name, c[i].desc);
		if (c[i].parent)
			buf_printf(&b, "      \"parent\": \"%s\",\n", c[i].parent);
		buf_puts(&b, "      \"rq\": [\"rq1\"]");
		if (c[i].guid)
			buf_printf(&b, ",\n      \"guid\": \"%s\"", c[i].guid);
		buf_printf(&b, "\n    }%s\n", i + 1 < n ? "," : "");
	}
	buf_puts(&b, "  ]\n}\n");
	return buf_detach(&b, NULL);
}

/* codings/I1.json with segments "id start end exact codes memo guid" (codes
 * comma separated; memo and guid may be "-"). */
static char *codings(const char *const *segs, size_t n)
{
	struct buf b;
	buf_init(&b);
	buf_puts(&b, "{\n  \"format\": \"sitat-codings/1\",\n  \"source\": \"I1\",\n"
	         "  \"unit\": \"codepoint-nfc\",\n  \"segments\": [\n");
	for (size_t i = 0; i < n; i++) {
		char id[32], exact[64], codes[128], memo[64], guid[64];
		unsigned start, end;
		assert_int_equal(sscanf(segs[i], "%31s %u %u %63s %127s %63s %63s", id, &start, &end,
		                        exact, codes, memo, guid), 7);
		buf_printf(&b, "    {\n      \"id\": \"%s\",\n      \"start\": %u,\n      \"end\": %u,\n"
		           "      \"exact\": \"%s\",\n      \"codes\": [", id, start, end, exact);
		char *save = NULL;
		int k = 0;
		for (char *c = strtok_r(codes, ",", &save); c; c = strtok_r(NULL, ",", &save))
			buf_printf(&b, "%s\"%s\"", k++ ? ", " : "", c);
		buf_puts(&b, "]");
		if (strcmp(memo, "-"))
			buf_printf(&b, ",\n      \"memo\": \"%s\"", memo);
		if (strcmp(guid, "-"))
			buf_printf(&b, ",\n      \"guid\": \"%s\"", guid);
		buf_printf(&b, "\n    }%s\n", i + 1 < n ? "," : "");
	}
	buf_puts(&b, "  ]\n}\n");
	return buf_detach(&b, NULL);
}

struct tstore {
	struct store s;
	char *cb, *cod;
};

static void load(struct tstore *t, const struct tcode *c, size_t nc,
                 const char *const *segs, size_t ns)
{
	t->cb = codebook(c, nc);
	t->cod = codings(segs, ns);
	struct storeio_file files[] = {
		{"project.json", PROJECT, strlen(PROJECT)},
		{"codebook.json", t->cb, strlen(t->cb)},
		{"sources/I1.json", I1_JSON, strlen(I1_JSON)},
		{"sources/I1.txt", I1_TXT, strlen(I1_TXT)},
		{"codings/I1.json", t->cod, strlen(t->cod)},
	};
	struct storeio io = {.root = "mem", .files = files, .nfiles = 5};
	struct diag d;
	diag_init(&d, NULL);
	assert_int_equal(store_load_io(&t->s, &io, &d), 0);
	for (size_t i = 0; i < d.n; i++)
		if (diag_table[d.recs[i].id].level == DL_ERROR)
			fail_msg("store error: %s", d.recs[i].msg);
	diag_free(&d);
}

static void unload(struct tstore *t)
{
	store_free(&t->s);
	free(t->cb);
	free(t->cod);
}

/* The changes as "kind how id[:flags][<old]" lines, "; " between. */
static char *describe(const struct diff *df)
{
	struct buf b;
	buf_init(&b);
	buf_puts(&b, "");
	for (size_t i = 0; i < df->n; i++) {
		const struct diff_change *c = &df->changes[i];
		buf_printf(&b, "%s%s %s %s", i ? "; " : "", diff_kind_name(c->kind),
		           diff_how_name(c->how), diff_change_id(df, c));
		if (c->how == DH_CHANGED) {
			buf_puts(&b, ":");
			diff_flag_words(&b, c);
		}
		const char *old = diff_change_old_id(df, c);
		if (old && strcmp(old, diff_change_id(df, c)))
			buf_printf(&b, "<%s", old);
		if (c->why)
			buf_printf(&b, " (%s)", c->why);
	}
	return buf_detach(&b, NULL);
}

static char *run(const struct tcode *ca, size_t nca, const char *const *sa, size_t nsa,
                 const struct tcode *cb, size_t ncb, const char *const *sb, size_t nsb)
{
	struct tstore a, b;
	load(&a, ca, nca, sa, nsa);
	load(&b, cb, ncb, sb, nsb);
	struct diff_side side = {0};
	struct diff df;
	diff_stores(&df, &a.s, &b.s, &side, &side);
	char *got = describe(&df);
	diff_free(&df);
	unload(&a);
	unload(&b);
	return got;
}

#define N(a) (sizeof(a) / sizeof *(a))
#define G1 "0b0e2f1a-0000-4000-8000-000000000001"
#define G2 "0b0e2f1a-0000-4000-8000-000000000002"

static void test_rename_rules(void **state)
{
	(void)state;
	const char *const segs[] = {"I1-001 5 10 alpha a - -"};
	/* by guid: name and description changed too */
	const struct tcode a1[] = {{"a", "A", "first", NULL, NULL}, {"old", "Old", "x", NULL, G1}};
	const struct tcode b1[] = {{"a", "A", "first", NULL, NULL}, {"new", "New", "y", NULL, G1}};
	char *got = run(a1, 2, segs, 1, b1, 2, segs, 1);
	assert_string_equal(got, "code changed new:renamed, name, description<old (same guid)");
	free(got);
	/* by the only same name */
	const struct tcode a2[] = {{"a", "A", "first", NULL, NULL}, {"old", "Same", "x", NULL, NULL}};
	const struct tcode b2[] = {{"a", "A", "first", NULL, NULL}, {"new", "Same", "x", NULL, NULL}};
	got = run(a2, 2, segs, 1, b2, 2, segs, 1);
	assert_string_equal(got, "code changed new:renamed<old (same name)");
	free(got);
	/* by description and parent, the name changed */
	const struct tcode a3[] = {{"a", "A", "first", NULL, NULL}, {"old", "Old", "desc", "a", NULL}};
	const struct tcode b3[] = {{"a", "A", "first", NULL, NULL}, {"new", "New", "desc", "a", NULL}};
	got = run(a3, 2, segs, 1, b3, 2, segs, 1);
	assert_string_equal(got, "code changed new:renamed, name<old (same description and parent)");
	free(got);
	/* the same description under another parent: no rename */
	const struct tcode b4[] = {{"a", "A", "first", NULL, NULL}, {"new", "New", "desc", NULL, NULL}};
	got = run(a3, 2, segs, 1, b4, 2, segs, 1);
	assert_string_equal(got, "code added new; code removed old");
	free(got);
	/* two new codes of the same name: ambiguous, no rename */
	const struct tcode b5[] = {{"a", "A", "first", NULL, NULL}, {"n1", "Same", "p", NULL, NULL},
	                           {"n2", "Same", "q", NULL, NULL}};
	got = run(a2, 2, segs, 1, b5, 3, segs, 1);
	assert_string_equal(got, "code added n1; code added n2; code removed old");
	free(got);
}

static void test_segments(void **state)
{
	(void)state;
	const struct tcode ca[] = {{"a", "A", "first", NULL, NULL}, {"old", "Same", "x", NULL, NULL}};
	const struct tcode cb[] = {{"a", "A", "first", NULL, NULL}, {"new", "Same", "x", NULL, NULL}};
	const char *const sa[] = {
		"I1-001 5 10 alpha old - -",          /* its code renamed: not recoded */
		"I1-002 11 15 beta a - " G2,          /* renumbered to I1-009 (guid) */
		"I1-003 16 21 gamma a note -",        /* memo only */
		"I1-004 22 27 delta a - -",           /* recoded */
	};
	const char *const sb[] = {
		"I1-001 5 10 alpha new - -",
		"I1-009 11 15 beta a - " G2,
		"I1-003 16 21 gamma a other -",
		"I1-004 22 27 delta a,new - -",
	};
	char *got = run(ca, 2, sa, N(sa), cb, 2, sb, N(sb));
	assert_string_equal(got, "segment changed I1-003:memo; segment changed I1-004:recoded; "
	                    "segment changed I1-009:renumbered<I1-002; "
	                    "code changed new:renamed<old (same name)");
	free(got);
}

static void test_claims(void **state)
{
	(void)state;
	const struct tcode c[] = {{"a", "A", "first", NULL, NULL}};
	const char *const sa[] = {"I1-001 5 10 alpha a - -", "I1-002 11 15 beta a memo -",
	                          "I1-003 16 21 gamma a - -"};
	const char *const sb[] = {"I1-002 11 15 beta a other -", "I1-003 16 21 gamma a - -",
	                          "I1-004 22 27 delta a - -"};
	struct tstore a, b;
	load(&a, c, 1, sa, N(sa));
	load(&b, c, 1, sb, N(sb));
	char ra[] = "claim k1 3 rq1 t.tex:1\nuse I1-001 3 inline k1 t.tex:2\n"
	            "use I1-002 3 inline k1 t.tex:2\nendclaim k1 3 t.tex:3\n"
	            "claim k2 5 rq1 t.tex:5\nuse I1-003 5 inline k2 t.tex:6\nendclaim k2 5 t.tex:7\nend\n";
	char rb[] = "claim k1 4 rq1 t.tex:1\nuse I1-002 4 inline k1 t.tex:2\n"
	            "use I1-004 4 display - t.tex:3\nendclaim k1 4 t.tex:3\n"
	            "claim k2 6 rq1 t.tex:5\nuse I1-003 6 inline k2 t.tex:6\nendclaim k2 6 t.tex:7\nend\n";
	struct record rec_a, rec_b;
	memset(&rec_a, 0, sizeof rec_a);
	memset(&rec_b, 0, sizeof rec_b);
	struct diag d;
	diag_init(&d, NULL);
	record_parse(&rec_a, "a.sitat", ra, "", &d);
	record_parse(&rec_b, "b.sitat", rb, "", &d);
	diag_free(&d);
	struct diff_side sa_ = {.spec = "v1", .rec = &rec_a}, sb_ = {.spec = "v2", .rec = &rec_b};
	struct diff df;
	diff_stores(&df, &a.s, &b.s, &sa_, &sb_);
	/* k1: I1-001 removed (A's build); I1-002's memo is no change of the
	 * thesis; k2 uses nothing changed; I1-004 is added and used outside
	 * any claim, on page 4 of B */
	assert_int_equal(df.nclaims, 1);
	assert_string_equal(df.claims[0].id, "k1");
	assert_string_equal(df.claims[0].page_a, "3");
	assert_string_equal(df.claims[0].page_b, "4");
	assert_int_equal(df.claims[0].n, 1);
	assert_string_equal(diff_change_id(&df, &df.changes[df.claims[0].changes[0]]), "I1-001");
	assert_int_equal(df.npages_a, 1);
	assert_string_equal(df.pages_a[0], "3");
	assert_int_equal(df.npages_b, 1);
	assert_string_equal(df.pages_b[0], "4");
	diff_free(&df);
	record_free(&rec_a);
	record_free(&rec_b);
	unload(&a);
	unload(&b);
}

static void test_latex_escapes(void **state)
{
	(void)state;
	/* a hostile code name reaches the appendix escaped (diff_tex.c) */
	const struct tcode ca[] = {{"a", "A", "first", NULL, NULL}};
	const struct tcode cb[] = {{"a", "A", "first", NULL, NULL},
	                           {"b", "\\\\end{document}%", "x", NULL, NULL}};
	const char *const s[] = {"I1-001 5 10 alpha a - -"};
	struct tstore a, b;
	load(&a, ca, 1, s, 1);
	load(&b, cb, 2, s, 1);
	struct diff_side side = {.spec = "v1^{}"};
	struct diff df;
	diff_stores(&df, &a.s, &b.s, &side, &side);
	struct buf out;
	buf_init(&out);
	diff_tex_write(&out, &df);
	assert_non_null(strstr(out.data, "{b}{\\textbackslash{}end\\{document\\}\\%"));
	assert_null(strstr(out.data, "{\\end{document}"));
	assert_non_null(strstr(out.data, "\\texttt{v1\\textasciicircum{}\\{\\}}"));
	buf_free(&out);
	diff_free(&df);
	unload(&a);
	unload(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rename_rules),
		cmocka_unit_test(test_segments),
		cmocka_unit_test(test_claims),
		cmocka_unit_test(test_latex_escapes),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
