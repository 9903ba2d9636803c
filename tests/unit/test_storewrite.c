/* test_storewrite.c - the canonical JSON writers: every JSON file of the
 * demo store (evidence/, which is canonical) written again from the store
 * in memory is byte for byte the file; edits in memory (a renamed code, a
 * dropped segment, a new segment with its anchor) come out where they
 * belong; the next free ids. */
#include "unit.h"

#include "core/segment.h"
#include "core/store.h"
#include "core/storewrite.h"
#include "core/util.h"

static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	assert_non_null(f);
	struct buf b;
	buf_init(&b);
	char tmp[65536];
	size_t r;
	while ((r = fread(tmp, 1, sizeof tmp, f)) > 0)
		buf_add(&b, tmp, r);
	fclose(f);
	return buf_detach(&b, len);
}

static void same_as_file(const char *path, char *data, size_t len)
{
	size_t n;
	char *want = slurp(path, &n);
	if (n != len || memcmp(want, data, n))
		fail_msg("%s: written form differs:\n%s", path, data);
	free(want), free(data);
}

static void load_demo(struct store *s)
{
	struct diag d;
	diag_init(&d, stderr);
	assert_int_equal(store_load(s, "evidence", &d), 0);
	assert_int_equal(d.errors, 0);
	diag_free(&d);
}

static void test_demo_round_trip(void **state)
{
	(void)state;
	struct store s;
	load_demo(&s);
	size_t len;
	char *data = store_codebook_json(&s, &len);
	same_as_file("evidence/codebook.json", data, len);
	for (size_t i = 0; i < s.nsources; i++) {
		char *p = xasprintf("evidence/sources/%s.json", s.sources[i].id);
		data = store_source_json(&s, i, &len);
		same_as_file(p, data, len);
		free(p);
		p = xasprintf("evidence/codings/%s.json", s.sources[i].id);
		data = store_codings_json(&s, i, &len);
		same_as_file(p, data, len);
		free(p);
	}
	store_free(&s);
}

static void test_edits_in_memory(void **state)
{
	(void)state;
	struct store s;
	load_demo(&s);
	size_t src, k, g0;
	assert_true(hmap_get(&s.srcmap, "I1", &src));
	assert_true(hmap_get(&s.codemap, "strategi", &k));
	assert_true(hmap_get(&s.segmap, "I1-001", &g0));
	/* a renamed code is written everywhere by its new id */
	free(s.codes[k].id);
	s.codes[k].id = xstrdup("forstaelse");
	size_t len;
	char *cb = store_codebook_json(&s, &len);
	assert_non_null(strstr(cb, "\"id\": \"forstaelse\""));
	assert_non_null(strstr(cb, "\"parent\": \"forstaelse\""));
	assert_null(strstr(cb, "\"strategi\""));
	free(cb);
	/* a dropped segment is left out; a new one gets the next id */
	s.segs[g0].dropped = true;
	char *id = store_next_segment_id(&s, src);
	struct segment g = {.src = src, .start = 0, .end = 4, .page_from = NONE,
	                    .page_to = NONE};
	g.id = id;
	anchor_make(&s.sources[src].text, 0, 4, &g.exact, &g.prefix, &g.suffix);
	assert_null(g.prefix);
	assert_int_equal(strlen(g.suffix) > 0, 1);
	g.codes = xcalloc(1, sizeof *g.codes);
	g.codes[0] = k;
	g.ncodes = 1;
	store_add_segment(&s, &g);
	char *c = store_codings_json(&s, src, &len);
	assert_null(strstr(c, "\"I1-001\""));
	char *want = xasprintf("\"id\": \"%s\",\n      \"start\": 0,\n      \"end\": 4,", id);
	assert_non_null(strstr(c, want));
	/* the new segment comes first: it starts at 0 */
	assert_true(strstr(c, want) < strstr(c, "\"I1-002\""));
	free(want), free(c);
	store_free(&s);
}

static void test_next_ids(void **state)
{
	(void)state;
	struct store s;
	load_demo(&s);
	char *i = store_next_source_id(&s, SRC_INTERVIEW);
	char *d = store_next_source_id(&s, SRC_DOCUMENT);
	assert_string_equal(i, "I7");
	assert_string_equal(d, "D4");
	free(i), free(d);
	size_t src;
	assert_true(hmap_get(&s.srcmap, "D3", &src));
	char *g = store_next_segment_id(&s, src);
	size_t max = 0;
	for (size_t k = 0; k < s.nsegs; k++)
		if (s.segs[k].src == src)
			max = (size_t)atoi(strrchr(s.segs[k].id, '-') + 1) > max
			          ? (size_t)atoi(strrchr(s.segs[k].id, '-') + 1) : max;
	char *want = xasprintf("D3-%03zu", max + 1);
	assert_string_equal(g, want);
	free(g), free(want);
	store_free(&s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_demo_round_trip),
		cmocka_unit_test(test_edits_in_memory),
		cmocka_unit_test(test_next_ids),
	};
	return cmocka_run_group_tests_name("storewrite", tests, NULL, NULL);
}
