/* test_tarball.c - the bundle's archive (io/tarball.h): written and read
 * back (sorted, modes, the same bytes twice, no time in gzip's header);
 * plain ustar archives made here byte by byte, one per refusal of the
 * reader (names that leave the directory or are not UTF-8, links,
 * devices, FIFOs, duplicates, a file where a directory is, the limits),
 * with the message and the entry each names; garbage and a cut archive. */
#include "unit.h"

#include "io/tarball.h"

/* ---- a ustar writer, by hand -------------------------------------------- */

/* v in w - 1 octal digits (and a NUL) at f. */
static void octal(char *f, size_t w, unsigned long v)
{
	f[w - 1] = 0;
	for (size_t i = w - 1; i-- > 0; v >>= 3)
		f[i] = (char)('0' + (v & 7));
}

/* Append one header (type: '0' file, '1' hard link, '2' symlink, '3'
 * char device, '5' directory, '6' FIFO) and the data. */
static void ustar(struct buf *b, const char *name, char type, const char *data,
                  const char *link)
{
	char h[512] = {0};
	size_t len = data ? strlen(data) : 0;
	memcpy(h, name, strlen(name) < 100 ? strlen(name) : 99);
	octal(h + 100, 8, type == '5' ? 0755 : 0644);
	octal(h + 108, 8, 0);
	octal(h + 116, 8, 0);
	octal(h + 124, 12, len);
	octal(h + 136, 12, 1700000000);
	h[156] = type;
	if (link)
		memcpy(h + 157, link, strlen(link));
	memcpy(h + 257, "ustar", 6);
	memcpy(h + 263, "00", 2);
	memset(h + 148, ' ', 8);
	unsigned sum = 0;
	for (size_t i = 0; i < 512; i++)
		sum += (unsigned char)h[i];
	octal(h + 148, 7, sum);
	h[155] = ' ';
	buf_add(b, h, 512);
	if (len) {
		char pad[512] = {0};
		buf_add(b, data, len);
		buf_add(b, pad, (512 - len % 512) % 512);
	}
}

static void ustar_end(struct buf *b)
{
	char z[1024] = {0};
	buf_add(b, z, sizeof z);
}

/* Read b with lim; returns tar_read's result, the list in l. */
static int read_buf(const struct buf *b, const struct tar_limits *lim, struct tar_list *l,
                    struct diag *d)
{
	diag_init(d, NULL);
	return tar_read(l, b->data, b->len, "t.bundle", lim ? lim : &tar_bundle_limits, d);
}

/* An archive of one entry besides a good file is refused with id, whose
 * place is where. */
static void refused(const char *name, char type, const char *link, enum diag_id id,
                    const char *where)
{
	struct buf b;
	struct tar_list l;
	struct diag d;
	buf_init(&b);
	ustar(&b, "sitat-bundle/README.txt", '0', "fine\n", NULL);
	ustar(&b, name, type, type == '0' ? "x\n" : NULL, link);
	ustar_end(&b);
	int rc = read_buf(&b, NULL, &l, &d);
	if (rc != -1 || d.n != 1 || d.recs[0].id != id)
		print_error("entry '%s': %d, %s\n", name, rc, d.n ? d.recs[0].msg : "no message");
	assert_int_equal(rc, -1);
	assert_int_equal(l.n, 0);
	assert_int_equal(d.errors, 1);
	const struct diag_rec *r = unit_diag_nth(&d, id, 0);
	assert_string_equal(r->file, "t.bundle");
	assert_non_null(r->where);
	assert_string_equal(r->where, where);
	diag_free(&d);
	buf_free(&b);
}

/* ---- the tests ------------------------------------------------------------ */

static void test_round_trip(void **state)
{
	(void)state;
	struct tar_list w = {0}, r;
	struct buf a, b;
	struct diag d;
	buf_init(&a);
	buf_init(&b);
	diag_init(&d, NULL);
	tar_add(&w, "sitat-bundle/tree/z.txt", "zed\n", 4, false);
	tar_add(&w, "sitat-bundle/tree/tool.sh", "#!/bin/sh\n", 10, true);
	tar_add(&w, "sitat-bundle/MANIFEST.json", "{}\n", 3, false);
	tar_add(&w, "sitat-bundle/tree/møte/å.txt", "", 0, false);
	char big[300];
	memset(big, 'n', sizeof big - 1);
	big[sizeof big - 1] = 0;
	char *longname = xasprintf("sitat-bundle/tree/%s", big); /* a pax header */
	tar_add(&w, longname, "long\n", 5, false);
	assert_int_equal(tar_write(&w, 1700000000, &a, "t.bundle", &d), 0);
	assert_int_equal(tar_write(&w, 1700000000, &b, "t.bundle", &d), 0);
	assert_int_equal(a.len, b.len);
	assert_memory_equal(a.data, b.data, a.len);
	/* gzip, no time stamp */
	assert_true(a.len > 10);
	assert_int_equal((unsigned char)a.data[0], 0x1f);
	assert_int_equal((unsigned char)a.data[1], 0x8b);
	for (int i = 4; i < 8; i++)
		assert_int_equal(a.data[i], 0);
	assert_int_equal(read_buf(&a, NULL, &r, &d), 0);
	assert_int_equal(d.n, 0);
	assert_int_equal(r.n, 5);
	assert_string_equal(r.v[0].name, "sitat-bundle/MANIFEST.json");
	assert_string_equal(r.v[1].name, "sitat-bundle/tree/møte/å.txt");
	assert_int_equal(r.v[1].len, 0);
	assert_string_equal(r.v[2].name, longname);
	assert_string_equal(r.v[3].name, "sitat-bundle/tree/tool.sh");
	assert_true(r.v[3].exec);
	assert_false(r.v[4].exec);
	assert_string_equal(r.v[4].data, "zed\n");
	assert_non_null(tar_find(&r, "sitat-bundle/tree/tool.sh"));
	assert_null(tar_find(&r, "sitat-bundle/tree/none"));
	/* another time: other bytes */
	struct buf c;
	buf_init(&c);
	assert_int_equal(tar_write(&w, 1700000001, &c, "t.bundle", &d), 0);
	assert_false(c.len == a.len && !memcmp(c.data, a.data, a.len));
	tar_list_free(&r);
	tar_list_free(&w);
	free(longname);
	buf_free(&a);
	buf_free(&b);
	buf_free(&c);
	diag_free(&d);
}

static void test_plain_ustar(void **state)
{
	(void)state;
	struct buf b;
	struct tar_list l;
	struct diag d;
	buf_init(&b);
	ustar(&b, "sitat-bundle/", '5', NULL, NULL);
	ustar(&b, "sitat-bundle/tree/", '5', NULL, NULL);
	ustar(&b, "sitat-bundle/tree/a.txt", '0', "a\n", NULL);
	ustar_end(&b);
	assert_int_equal(read_buf(&b, NULL, &l, &d), 0);
	assert_int_equal(l.n, 1); /* directories are skipped */
	assert_string_equal(l.v[0].data, "a\n");
	tar_list_free(&l);
	diag_free(&d);
	buf_free(&b);
}

static void test_names_refused(void **state)
{
	(void)state;
	refused("sitat-bundle/../x", '0', NULL, D_TAR_NAME, "sitat-bundle/../x");
	refused("../x", '0', NULL, D_TAR_NAME, "../x");
	refused("/etc/x", '0', NULL, D_TAR_NAME, "/etc/x");
	refused("a//b", '0', NULL, D_TAR_NAME, "a//b");
	refused("./a", '0', NULL, D_TAR_NAME, "./a");
	refused("a/./b", '0', NULL, D_TAR_NAME, "a/./b");
	refused("a\\b", '0', NULL, D_TAR_NAME, "a\\b");
	refused("a\x01" "b", '0', NULL, D_TAR_NAME, "a\\x01b");
	refused("bad\xff", '0', NULL, D_TAR_NAME, "bad\\xFF");
	refused("over\xc0\xaf", '0', NULL, D_TAR_NAME, "over\\xC0\\xAF");
}

static void test_kinds_refused(void **state)
{
	(void)state;
	refused("sitat-bundle/tree/link", '2', "/etc/passwd", D_TAR_KIND, "sitat-bundle/tree/link");
	refused("sitat-bundle/tree/hard", '1', "sitat-bundle/README.txt", D_TAR_KIND,
	        "sitat-bundle/tree/hard");
	refused("sitat-bundle/tree/dev", '3', NULL, D_TAR_KIND, "sitat-bundle/tree/dev");
	refused("sitat-bundle/tree/blk", '4', NULL, D_TAR_KIND, "sitat-bundle/tree/blk");
	refused("sitat-bundle/tree/fifo", '6', NULL, D_TAR_KIND, "sitat-bundle/tree/fifo");
	/* the same name twice, a file and a directory of one name */
	refused("sitat-bundle/README.txt", '0', NULL, D_TAR_DUP, "sitat-bundle/README.txt");
	refused("sitat-bundle/README.txt/x", '0', NULL, D_TAR_KIND, "sitat-bundle/README.txt/x");
	refused("sitat-bundle/README.txt", '5', NULL, D_TAR_KIND, "sitat-bundle/README.txt");
	refused("sitat-bundle", '0', NULL, D_TAR_KIND, "sitat-bundle");
}

static void test_limits(void **state)
{
	(void)state;
	struct buf b;
	struct tar_list l;
	struct diag d;
	buf_init(&b);
	ustar(&b, "a", '0', "12345", NULL);
	ustar(&b, "b", '0', "12345", NULL);
	ustar(&b, "c", '0', "12345", NULL);
	ustar_end(&b);
	struct tar_limits few = {2, 100, 100}, small = {10, 4, 100}, total = {10, 100, 12};
	assert_int_equal(read_buf(&b, &few, &l, &d), -1);
	assert_string_equal(unit_diag_nth(&d, D_TAR_LIMIT, 0)->where, "c");
	diag_free(&d);
	assert_int_equal(read_buf(&b, &small, &l, &d), -1);
	assert_string_equal(unit_diag_nth(&d, D_TAR_LIMIT, 0)->where, "a");
	diag_free(&d);
	assert_int_equal(read_buf(&b, &total, &l, &d), -1);
	assert_string_equal(unit_diag_nth(&d, D_TAR_LIMIT, 0)->where, "c");
	diag_free(&d);
	struct tar_limits ok = {3, 5, 15};
	assert_int_equal(read_buf(&b, &ok, &l, &d), 0);
	assert_int_equal(l.n, 3);
	tar_list_free(&l);
	diag_free(&d);
	buf_free(&b);
}

static void test_garbage(void **state)
{
	(void)state;
	struct buf b;
	struct tar_list l;
	struct diag d;
	buf_init(&b);
	buf_puts(&b, "this is not an archive at all, not even close to one, no");
	for (int i = 0; i < 20; i++)
		buf_puts(&b, "..........................................................");
	assert_int_equal(read_buf(&b, NULL, &l, &d), -1);
	unit_assert_diags(&d, "bundle-archive");
	diag_free(&d);
	/* a gzip archive cut short */
	struct tar_list w = {0};
	struct buf a;
	buf_init(&a);
	char *big = xmalloc(200000);
	for (size_t i = 0; i < 200000; i++)
		big[i] = (char)('a' + (i * 7919 % 26));
	tar_add_own(&w, "x", big, 200000, false);
	diag_init(&d, NULL);
	assert_int_equal(tar_write(&w, 0, &a, "t.bundle", &d), 0);
	diag_free(&d);
	a.len /= 2;
	assert_int_equal(read_buf(&a, NULL, &l, &d), -1);
	assert_int_equal(l.n, 0);
	assert_true(d.errors >= 1);
	diag_free(&d);
	tar_list_free(&w);
	buf_free(&a);
	buf_free(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_round_trip),
		cmocka_unit_test(test_plain_ustar),
		cmocka_unit_test(test_names_refused),
		cmocka_unit_test(test_kinds_refused),
		cmocka_unit_test(test_limits),
		cmocka_unit_test(test_garbage),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
