/* test_hmap.c - the string-keyed hash map: put/get, duplicates keep the old
 * value, growth to 10,000 keys, absent keys. */
#include "unit.h"

#include "core/hmap.h"

static void test_empty_map(void **state)
{
	(void)state;
	struct hmap m;
	hmap_init(&m);
	size_t v = 77;
	assert_false(hmap_get(&m, "x", &v));
	assert_false(hmap_get(&m, "", NULL));
	assert_int_equal(v, 77); /* untouched when absent */
	assert_int_equal(m.n, 0);
	hmap_free(&m);
	hmap_free(&m); /* freeing twice is harmless: free resets */
}

static void test_put_get(void **state)
{
	(void)state;
	struct hmap m;
	hmap_init(&m);
	assert_true(hmap_put(&m, "rq1", 0, NULL));
	assert_true(hmap_put(&m, "rq2", 1, NULL));
	assert_true(hmap_put(&m, "", 2, NULL));
	assert_true(hmap_put(&m, "I3-012", (size_t)-2, NULL));
	assert_int_equal(m.n, 4);
	size_t v = 99;
	assert_true(hmap_get(&m, "rq1", &v));
	assert_int_equal(v, 0);
	assert_true(hmap_get(&m, "rq2", &v));
	assert_int_equal(v, 1);
	assert_true(hmap_get(&m, "", &v));
	assert_int_equal(v, 2);
	assert_true(hmap_get(&m, "I3-012", &v));
	assert_int_equal(v, (size_t)-2);
	assert_true(hmap_get(&m, "rq1", NULL));
	/* keys compare by content, not by pointer */
	char key[8];
	strcpy(key, "rq2");
	assert_true(hmap_get(&m, key, &v));
	assert_int_equal(v, 1);
	/* absent: near misses */
	v = 99;
	assert_false(hmap_get(&m, "rq", &v));
	assert_false(hmap_get(&m, "rq11", &v));
	assert_false(hmap_get(&m, "RQ1", &v));
	assert_false(hmap_get(&m, "rq3", &v));
	assert_int_equal(v, 99);
	hmap_free(&m);
	assert_int_equal(m.n, 0);
	assert_int_equal(m.cap, 0);
	assert_false(hmap_get(&m, "rq1", NULL));
}

static void test_keys_are_borrowed(void **state)
{
	(void)state;
	struct hmap m;
	hmap_init(&m);
	static const char key[] = "kode";
	assert_true(hmap_put(&m, key, 5, NULL));
	bool found = false;
	for (size_t i = 0; i < m.cap; i++)
		found |= m.keys[i] == key;
	assert_true(found); /* the pointer itself, no copy */
	hmap_free(&m);
}

static void test_duplicates_keep_old(void **state)
{
	(void)state;
	struct hmap m;
	hmap_init(&m);
	assert_true(hmap_put(&m, "a", 1, NULL));
	size_t old = 0;
	assert_false(hmap_put(&m, "a", 2, &old));
	assert_int_equal(old, 1);
	char copy[2] = "a";
	old = 0;
	assert_false(hmap_put(&m, copy, 3, &old));
	assert_int_equal(old, 1);
	assert_false(hmap_put(&m, "a", 4, NULL)); /* old may be NULL */
	size_t v = 0;
	assert_true(hmap_get(&m, "a", &v));
	assert_int_equal(v, 1);
	assert_int_equal(m.n, 1);
	hmap_free(&m);
}

#define NKEYS 10000

static void test_growth(void **state)
{
	(void)state;
	static char keys[NKEYS][16];
	struct hmap m;
	hmap_init(&m);
	for (size_t i = 0; i < NKEYS; i++) {
		snprintf(keys[i], sizeof keys[i], "k%05zu", i);
		assert_true(hmap_put(&m, keys[i], i * 3, NULL));
		assert_int_equal(m.n, i + 1);
		/* open addressing: the table never fills (load below 3/4) and
		 * its size stays a power of two (the index is hash & (cap-1)) */
		assert_true(m.n * 4 < m.cap * 3);
		assert_int_equal(m.cap & (m.cap - 1), 0);
	}
	assert_true(m.cap >= 16384);
	for (size_t i = 0; i < NKEYS; i++) {
		size_t v = 0;
		if (!hmap_get(&m, keys[i], &v))
			print_error("lost key %s\n", keys[i]);
		assert_true(hmap_get(&m, keys[i], &v));
		assert_int_equal(v, i * 3);
	}
	/* every key once: duplicates are refused with the first value */
	for (size_t i = 0; i < NKEYS; i += 97) {
		char k[16];
		snprintf(k, sizeof k, "k%05zu", i);
		size_t old = 0;
		assert_false(hmap_put(&m, k, 1, &old));
		assert_int_equal(old, i * 3);
	}
	assert_int_equal(m.n, NKEYS);
	/* absent keys */
	static const char *const absent[] = {"k10000", "k", "", "x", "k0000",
		"k000000", "K00001", "k00001 ", NULL};
	for (const char *const *a = absent; *a; a++)
		assert_false(hmap_get(&m, *a, NULL));
	size_t used = 0;
	for (size_t i = 0; i < m.cap; i++)
		used += m.keys[i] != NULL;
	assert_int_equal(used, NKEYS);
	hmap_free(&m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_empty_map),
		cmocka_unit_test(test_put_get),
		cmocka_unit_test(test_keys_are_borrowed),
		cmocka_unit_test(test_duplicates_keep_old),
		cmocka_unit_test(test_growth),
	};
	return cmocka_run_group_tests_name("hmap", tests, NULL, NULL);
}
