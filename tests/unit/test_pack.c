/* test_pack.c - the bundle's git objects (prov/pack.h), on repositories
 * made here with libgit2: a commit packed (the same bytes twice, every
 * regular file handed out once, with its mode), unpacked into a new
 * repository and checked against its files (a changed content, a changed
 * mode, a file missing, a file more: one mismatch each); a symbolic link
 * or a submodule in the tree refused when packing and, in a pack made
 * here, when unpacking; a damaged pack and a commit not in the pack
 * refused; the describe tag. */
#include "unit.h"

#include <git2.h>

#include "prov/pack.h"

static char *tmp;

static int setup(void **state)
{
	(void)state;
	tmp = unit_tmpdir();
	git_libgit2_init();
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	git_libgit2_shutdown();
	unit_rmtree(tmp);
	free(tmp);
	return 0;
}

/* One entry of a tree made by make_repo: a path of at most one directory
 * level ("a.txt", "d/b.txt"). */
struct ent {
	const char *path, *data;
	git_filemode_t mode;
};

static void add_blob(git_repository *r, git_treebuilder *tb, const char *name,
                     const char *data, git_filemode_t mode)
{
	git_oid id;
	if (mode == GIT_FILEMODE_COMMIT)
		git_oid_fromstr(&id, "1111111111111111111111111111111111111111");
	else
		assert_int_equal(git_blob_create_from_buffer(&id, r, data, strlen(data)), 0);
	assert_int_equal(git_treebuilder_insert(NULL, tb, name, &id, mode), 0);
}

/* A repository at dir with one commit of these entries; its id in out. */
static void make_repo(const char *dir, const struct ent *e, size_t n, char out[41])
{
	git_repository *r;
	git_treebuilder *top, *sub;
	git_oid tree, subtree, commit;
	git_signature *sig;
	assert_int_equal(git_repository_init(&r, dir, 0), 0);
	assert_int_equal(git_treebuilder_new(&top, r, NULL), 0);
	assert_int_equal(git_treebuilder_new(&sub, r, NULL), 0);
	bool has_sub = false;
	for (size_t i = 0; i < n; i++) {
		const char *slash = strchr(e[i].path, '/');
		if (slash) {
			add_blob(r, sub, slash + 1, e[i].data, e[i].mode);
			has_sub = true;
		} else {
			add_blob(r, top, e[i].path, e[i].data, e[i].mode);
		}
	}
	if (has_sub) {
		assert_int_equal(git_treebuilder_write(&subtree, sub), 0);
		assert_int_equal(git_treebuilder_insert(NULL, top, "d", &subtree, GIT_FILEMODE_TREE), 0);
	}
	assert_int_equal(git_treebuilder_write(&tree, top), 0);
	git_tree *t;
	assert_int_equal(git_tree_lookup(&t, r, &tree), 0);
	assert_int_equal(git_signature_new(&sig, "t", "t@example.org", 1700000000, 0), 0);
	assert_int_equal(git_commit_create_v(&commit, r, "HEAD", sig, sig, NULL, "c\n", t, 0), 0);
	git_oid_tostr(out, 41, &commit);
	git_signature_free(sig);
	git_tree_free(t);
	git_treebuilder_free(sub);
	git_treebuilder_free(top);
	git_repository_free(r);
}

/* The files pack_commit hands out, copied. */
struct got {
	struct pack_file v[16];
	size_t n;
};

static int collect(const struct pack_file *f, void *arg)
{
	struct got *g = arg;
	assert_true(g->n < 16);
	g->v[g->n++] = (struct pack_file){xstrdup(f->path), xstrndup(f->data, f->len), f->len,
	                                  f->exec};
	return 0;
}

static void got_free(struct got *g)
{
	for (size_t i = 0; i < g->n; i++) {
		free((char *)g->v[i].path);
		free((char *)g->v[i].data);
	}
	g->n = 0;
}

static const struct ent files[] = {
	{"a.txt", "alpha\n", GIT_FILEMODE_BLOB},
	{"run.sh", "#!/bin/sh\n", GIT_FILEMODE_BLOB_EXECUTABLE},
	{"d/b.txt", "beta\n", GIT_FILEMODE_BLOB},
	{"d/c.txt", "alpha\n", GIT_FILEMODE_BLOB}, /* the same blob as a.txt */
};

static void test_round_trip(void **state)
{
	(void)state;
	char *src = path_join(tmp, "src"), *dst = path_join(tmp, "dst"), commit[41];
	make_repo(src, files, 4, commit);
	struct buf p1, p2;
	struct pack_info i1, i2, iu;
	struct got g = {0}, g2 = {0};
	struct diag d;
	buf_init(&p1);
	buf_init(&p2);
	diag_init(&d, NULL);
	assert_int_equal(pack_commit(src, commit, &p1, &i1, collect, &g, &d), 0);
	assert_int_equal(pack_commit(src, commit, &p2, &i2, collect, &g2, &d), 0);
	assert_int_equal(d.n, 0);
	assert_int_equal(p1.len, p2.len);
	assert_memory_equal(p1.data, p2.data, p1.len);
	assert_string_equal(i1.commit, commit);
	assert_int_equal(i1.files, 4);
	assert_int_equal(i1.objects, 6); /* commit, two trees, three blobs */
	assert_int_equal(i1.time, 1700000000);
	assert_int_equal(g.n, 4);
	assert_string_equal(g.v[0].path, "a.txt");
	assert_string_equal(g.v[1].path, "d/b.txt");
	assert_string_equal(g.v[3].path, "run.sh");
	assert_true(g.v[3].exec);
	assert_false(g.v[0].exec);

	assert_int_equal(pack_unpack(dst, p1.data, p1.len, commit, &iu, "t.bundle", "pack", &d), 0);
	assert_int_equal(d.n, 0);
	assert_string_equal(iu.commit, commit);
	assert_string_equal(iu.tree, i1.tree);
	assert_int_equal(iu.objects, 6);
	assert_int_equal(iu.files, 4);
	assert_int_equal(pack_check_files(dst, commit, g.v, g.n, "t.bundle", "tree/", &d), 0);
	assert_int_equal(d.n, 0);

	/* one mismatch each: content, mode, missing, more */
	struct pack_file v[5];
	memcpy(v, g.v, sizeof g.v[0] * 4);
	v[1].data = "BETA\n";
	assert_int_equal(pack_check_files(dst, commit, v, 4, "t.bundle", "tree/", &d), 1);
	assert_string_equal(unit_diag_nth(&d, D_BUNDLE_TREE, 0)->where, "tree/d/b.txt");
	diag_free(&d);
	memcpy(v, g.v, sizeof g.v[0] * 4);
	v[3].exec = false;
	assert_int_equal(pack_check_files(dst, commit, v, 4, "t.bundle", "tree/", &d), 1);
	assert_string_equal(unit_diag_nth(&d, D_BUNDLE_TREE, 0)->where, "tree/run.sh");
	diag_free(&d);
	assert_int_equal(pack_check_files(dst, commit, g.v + 1, 3, "t.bundle", "tree/", &d), 1);
	assert_string_equal(unit_diag_nth(&d, D_BUNDLE_TREE, 0)->where, "tree/a.txt");
	diag_free(&d);
	memcpy(v, g.v, sizeof g.v[0] * 4);
	v[4] = (struct pack_file){"d/extra.txt", "x", 1, false};
	assert_int_equal(pack_check_files(dst, commit, v, 5, "t.bundle", "tree/", &d), 1);
	assert_string_equal(unit_diag_nth(&d, D_BUNDLE_TREE, 0)->where, "tree/d/extra.txt");
	diag_free(&d);

	/* checked out, and described by a tag */
	diag_init(&d, NULL);
	assert_int_equal(pack_tag(dst, commit, "v1.0-3-gabcdef0"), 0);
	assert_int_equal(pack_tag(dst, commit, "no..good"), -1);
	assert_int_equal(pack_checkout(dst, commit, &d), 0);
	char *f = path_join(dst, "d/b.txt"), *data;
	size_t len;
	assert_int_equal(read_file(f, &data, &len), 0);
	assert_string_equal(data, "beta\n");
	free(data);
	free(f);
	git_repository *r;
	git_object *o;
	git_describe_result *res;
	git_buf b = {0};
	git_describe_options dopts;
	git_describe_options_init(&dopts, GIT_DESCRIBE_OPTIONS_VERSION);
	dopts.describe_strategy = GIT_DESCRIBE_TAGS;
	git_describe_format_options fopts;
	git_describe_format_options_init(&fopts, GIT_DESCRIBE_FORMAT_OPTIONS_VERSION);
	assert_int_equal(git_repository_open(&r, dst), 0);
	assert_int_equal(git_revparse_single(&o, r, "HEAD"), 0);
	assert_int_equal(git_describe_commit(&res, o, &dopts), 0);
	assert_int_equal(git_describe_format(&b, res, &fopts), 0);
	assert_string_equal(b.ptr, "v1.0-3-gabcdef0");
	git_buf_dispose(&b);
	git_describe_result_free(res);
	git_object_free(o);
	git_repository_free(r);

	got_free(&g);
	got_free(&g2);
	buf_free(&p1);
	buf_free(&p2);
	diag_free(&d);
	free(src);
	free(dst);
}

static void test_refused(void **state)
{
	(void)state;
	char *src = path_join(tmp, "links"), commit[41], good[41];
	struct ent e[] = {{"a.txt", "alpha\n", GIT_FILEMODE_BLOB},
	                  {"link", "/etc/passwd", GIT_FILEMODE_LINK}};
	make_repo(src, e, 2, commit);
	struct buf p;
	struct pack_info info;
	struct diag d;
	buf_init(&p);
	diag_init(&d, NULL);
	assert_int_equal(pack_commit(src, commit, &p, &info, NULL, NULL, &d), -1);
	assert_true(strstr(unit_diag_nth(&d, D_BUNDLE_TREE_ENTRY, 0)->msg, "link: a symbolic link"));
	diag_free(&d);

	/* the same tree packed by hand: refused when unpacked */
	git_repository *r;
	git_packbuilder *pb;
	git_oid oid;
	git_buf raw = {0};
	assert_int_equal(git_repository_open(&r, src), 0);
	assert_int_equal(git_packbuilder_new(&pb, r), 0);
	git_oid_fromstr(&oid, commit);
	assert_int_equal(git_packbuilder_insert_commit(pb, &oid), 0);
	assert_int_equal(git_packbuilder_write_buf(&raw, pb), 0);
	char *dst = path_join(tmp, "links-dst");
	diag_init(&d, NULL);
	assert_int_equal(pack_unpack(dst, raw.ptr, raw.size, commit, &info, "t.bundle", "pack", &d), -1);
	assert_true(strstr(unit_diag_nth(&d, D_BUNDLE_PACK, 0)->msg, "link in the commit's tree: a symbolic link"));
	assert_string_equal(d.recs[0].where, "pack");
	diag_free(&d);
	git_buf_dispose(&raw);
	git_packbuilder_free(pb);
	git_repository_free(r);
	free(dst);

	/* a submodule */
	git_libgit2_opts(GIT_OPT_ENABLE_STRICT_OBJECT_CREATION, 0);
	char *sm = path_join(tmp, "submodule");
	struct ent s[] = {{"a.txt", "alpha\n", GIT_FILEMODE_BLOB}, {"sub", "", GIT_FILEMODE_COMMIT}};
	make_repo(sm, s, 2, commit);
	git_libgit2_opts(GIT_OPT_ENABLE_STRICT_OBJECT_CREATION, 1);
	diag_init(&d, NULL);
	assert_int_equal(pack_commit(sm, commit, &p, &info, NULL, NULL, &d), -1);
	assert_true(strstr(unit_diag_nth(&d, D_BUNDLE_TREE_ENTRY, 0)->msg, "sub: a submodule"));
	diag_free(&d);
	free(sm);

	/* a damaged pack; a commit that is not in the pack */
	char *ok = path_join(tmp, "ok");
	make_repo(ok, files, 4, good);
	buf_free(&p);
	buf_init(&p);
	diag_init(&d, NULL);
	assert_int_equal(pack_commit(ok, good, &p, &info, NULL, NULL, &d), 0);
	p.data[p.len / 2] ^= 0x20;
	char *bad = path_join(tmp, "damaged");
	assert_int_equal(pack_unpack(bad, p.data, p.len, good, &info, "t.bundle", "pack", &d), -1);
	assert_int_equal(unit_diag_count(&d, D_BUNDLE_PACK), 1);
	diag_free(&d);
	p.data[p.len / 2] ^= 0x20;
	char *other = path_join(tmp, "other");
	diag_init(&d, NULL);
	assert_int_equal(pack_unpack(other, p.data, p.len, commit, &info, "t.bundle", "pack", &d), -1);
	assert_true(strstr(unit_diag_nth(&d, D_BUNDLE_PACK, 0)->msg, "is not in the pack"));
	diag_free(&d);
	char *none = path_join(tmp, "none");
	diag_init(&d, NULL);
	assert_int_equal(pack_unpack(none, p.data, p.len, "xyz", &info, "t.bundle", "pack", &d), -1);
	assert_int_equal(unit_diag_count(&d, D_BUNDLE_MANIFEST), 1);
	diag_free(&d);
	/* the SHA-256 of nothing */
	char sha[65];
	pack_sha256("", 0, sha);
	assert_string_equal(sha, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
	free(none);
	free(other);
	free(bad);
	free(ok);
	buf_free(&p);
	free(src);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_round_trip),
		cmocka_unit_test(test_refused),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
