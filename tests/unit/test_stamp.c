/* test_stamp.c - the provenance stamp: stamp_compute (repo.c) on throwaway
 * repositories built with libgit2 (clean, every dirty kind in every area,
 * ignored files, no commits, detached HEAD, shallow, linked worktree, no
 * repository, a broken HEAD), the stamp.tex renderer (cmd_stamp.c), and
 * reading the stamp back from a PDF plus SHA-256 (pdfstamp.c).
 *
 * Self-contained on purpose (no unit.h).  Never runs the git command line;
 * every repository lives in a mkdtemp directory under /tmp and is removed
 * with nftw in the teardown, also when a test fails. */
#define _XOPEN_SOURCE 700
#define _DEFAULT_SOURCE

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <errno.h>
#include <ftw.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <git2.h>

#include "prov/pdfstamp.h"
#include "unit.h"
#include "prov/repo.h"
#include "core/util.h"

/* Defined in cmd_stamp.c, which has no header for it. */
void stamp_tex_write(struct buf *b, const struct stamp *st);

/* ---- helpers ------------------------------------------------------------ */

#define TMP_PREFIX "/tmp/sitat-stamp-"
#define T0 1700000000 /* 2023-11-14T22:13:20Z: the first commit's time */

/* A libgit2 call that must succeed; says why when it does not. */
#define GITOK(call)                                                        \
	do {                                                                   \
		int gitok_rc_ = (call);                                            \
		if (gitok_rc_ < 0) {                                               \
			const git_error *gitok_e_ = git_error_last();                  \
			fail_msg("%s: %d %s", #call, gitok_rc_,                        \
			         gitok_e_ && gitok_e_->message ? gitok_e_->message : ""); \
		}                                                                  \
	} while (0)

static char *config_dir; /* empty: libgit2 sees no global/system config */

static char *tmp_new(void)
{
	char *t = xstrdup(TMP_PREFIX "XXXXXX");
	if (!mkdtemp(t))
		fail_msg("mkdtemp: %s", strerror(errno));
	return t;
}

static int rm_cb(const char *path, const struct stat *sb, int flag,
                 struct FTW *ftw)
{
	(void)sb, (void)flag, (void)ftw;
	if (remove(path) < 0)
		fprintf(stderr, "test_stamp: cannot remove %s: %s\n", path,
		        strerror(errno));
	return 0;
}

/* rm -r, only ever below one of our own temp directories. */
static void rmtree(const char *path)
{
	if (!path || strncmp(path, TMP_PREFIX, strlen(TMP_PREFIX)) != 0)
		return;
	nftw(path, rm_cb, 16, FTW_DEPTH | FTW_PHYS);
}

/* Write dir/rel (creating directories) with the given bytes. */
static void write_bytes(const char *dir, const char *rel, const char *data,
                        size_t n)
{
	unit_write_bytes(dir, rel, data, n);
}

static void write_abs(const char *path, const char *content)
{
	FILE *f = fopen(path, "wb");
	if (!f)
		fail_msg("cannot create %s: %s", path, strerror(errno));
	size_t n = strlen(content);
	assert_int_equal(fwrite(content, 1, n, f), n);
	assert_int_equal(fclose(f), 0);
}

static void write_file(const char *dir, const char *rel, const char *content)
{
	write_bytes(dir, rel, content, strlen(content));
}

static void unlink_file(const char *dir, const char *rel)
{
	char *p = path_join(dir, rel);
	assert_int_equal(unlink(p), 0);
	free(p);
}

static void rename_file(const char *dir, const char *from, const char *to)
{
	char *a = path_join(dir, from), *b = path_join(dir, to);
	assert_int_equal(rename(a, b), 0);
	free(a), free(b);
}

static bool is_hex40(const char *s)
{
	if (strlen(s) != 40)
		return false;
	for (const char *p = s; *p; p++)
		if (!((*p >= '0' && *p <= '9') || (*p >= 'a' && *p <= 'f')))
			return false;
	return true;
}

static void oid_str(char out[41], const git_oid *oid)
{
	git_oid_tostr(out, 41, oid);
}

/* The stamp for dir; stamp_compute must succeed. */
static void stamp_at(const char *dir, struct stamp *st)
{
	struct diag d;
	diag_init(&d, NULL);
	int r = stamp_compute(st, dir, &d);
	if (r != 0)
		fail_msg("stamp_compute(%s) = %d: %s", dir, r, d.n ? d.recs[0].msg : "(no message)");
	assert_int_equal(d.n, 0);
	diag_free(&d);
}

struct tmpd {
	char *dir;
};

static int tmpd_setup(void **state)
{
	struct tmpd *t = xcalloc(1, sizeof *t);
	t->dir = tmp_new();
	*state = t;
	return 0;
}

static int tmpd_teardown(void **state)
{
	struct tmpd *t = *state;
	rmtree(t->dir);
	free(t->dir);
	free(t);
	return 0;
}

/* ---- the fixture repository --------------------------------------------- */

/* Two tracked files in each area: the main file (index 0) and one in a
 * subdirectory (index 1). */
static const char *const area_file[STAMP_AREAS][2] = {
	{"evidence/a.txt", "evidence/sub/c.txt"},
	{"bib/b.bib", "bib/sub/c.bib"},
	{"thesis/t.tex", "thesis/sub/c.tex"},
};
static const char *const area_ext[STAMP_AREAS] = {"txt", "bib", "tex"};

struct fx {
	char *base;            /* temp dir: removed in the teardown */
	char *dir;             /* base/repo: the working tree */
	git_repository *repo;
	git_oid head;          /* the last commit made */
	int ncommits;
};

static char *content_of(const char *path, int variant)
{
	return xasprintf("The file %s, variant %d.\nA second line so that the\n"
	                 "rename detection has something to compare.\nThird line.\n",
	                 path, variant);
}

static void fx_stage(struct fx *f, const char *rel)
{
	git_index *idx;
	GITOK(git_repository_index(&idx, f->repo));
	GITOK(git_index_add_bypath(idx, rel));
	GITOK(git_index_write(idx));
	git_index_free(idx);
}

static void fx_unstage(struct fx *f, const char *rel)
{
	git_index *idx;
	GITOK(git_repository_index(&idx, f->repo));
	GITOK(git_index_remove_bypath(idx, rel));
	GITOK(git_index_write(idx));
	git_index_free(idx);
}

/* Commit the index on HEAD (with a fixed author and time). */
static void fx_commit(struct fx *f, const char *msg)
{
	git_index *idx;
	git_oid tree_id;
	git_tree *tree;
	git_signature *sig;
	git_commit *parent = NULL;
	GITOK(git_repository_index(&idx, f->repo));
	GITOK(git_index_write_tree(&tree_id, idx));
	GITOK(git_index_write(idx));
	GITOK(git_tree_lookup(&tree, f->repo, &tree_id));
	GITOK(git_signature_new(&sig, "Sitat Test", "test@example.org",
	                        (git_time_t)T0 + 60 * f->ncommits, 0));
	if (f->ncommits > 0)
		GITOK(git_commit_lookup(&parent, f->repo, &f->head));
	GITOK(git_commit_create_v(&f->head, f->repo, "HEAD", sig, sig, NULL, msg,
	                          tree, parent ? 1 : 0, parent));
	f->ncommits++;
	git_commit_free(parent);
	git_signature_free(sig);
	git_tree_free(tree);
	git_index_free(idx);
}

/* A new repository (initial branch "main") with the six area files, a
 * README and a .gitignore; committed unless commit is false. */
static void fx_make(struct fx *f, bool commit)
{
	memset(f, 0, sizeof *f);
	f->base = tmp_new();
	f->dir = path_join(f->base, "repo");
	git_repository_init_options o;
	GITOK(git_repository_init_options_init(&o, GIT_REPOSITORY_INIT_OPTIONS_VERSION));
	o.flags = GIT_REPOSITORY_INIT_MKPATH;
	o.initial_head = "main";
	GITOK(git_repository_init_ext(&f->repo, f->dir, &o));
	write_file(f->dir, ".gitignore", "ignored.txt\nthesis/generated/\n");
	write_file(f->dir, "README", "A test repository.\n");
	fx_stage(f, ".gitignore");
	fx_stage(f, "README");
	for (int a = 0; a < STAMP_AREAS; a++)
		for (int k = 0; k < 2; k++) {
			char *c = content_of(area_file[a][k], 0);
			write_file(f->dir, area_file[a][k], c);
			free(c);
			fx_stage(f, area_file[a][k]);
		}
	if (commit)
		fx_commit(f, "Initial commit\n");
}

static void fx_free(struct fx *f)
{
	git_repository_free(f->repo);
	rmtree(f->base);
	free(f->base);
	free(f->dir);
	memset(f, 0, sizeof *f);
}

/* The tree id of area/ in the given commit ("" when there is none). */
static void commit_area_tree(struct fx *f, const git_oid *commit_id,
                             const char *area, char out[41])
{
	git_commit *c;
	git_tree *t;
	out[0] = '\0';
	GITOK(git_commit_lookup(&c, f->repo, commit_id));
	GITOK(git_commit_tree(&t, c));
	const git_tree_entry *e = git_tree_entry_byname(t, area);
	if (e && git_tree_entry_type(e) == GIT_OBJECT_TREE)
		oid_str(out, git_tree_entry_id(e));
	git_tree_free(t);
	git_commit_free(c);
}

/* The stamp of a committed, unchanged fixture at commit id. */
static void assert_clean_at(struct fx *f, const struct stamp *st,
                            const git_oid *id)
{
	char want[41];
	oid_str(want, id);
	assert_true(st->has_repo);
	assert_false(st->unborn);
	assert_false(st->shallow);
	assert_string_equal(st->commit, want);
	assert_false(st->dirty);
	for (int a = 0; a < STAMP_AREAS; a++) {
		char tree[41];
		commit_area_tree(f, id, stamp_area_names[a], tree);
		assert_true(is_hex40(tree));
		assert_string_equal(st->area[a].tree, tree);
		assert_false(st->area[a].dirty);
		assert_int_equal(st->area[a].modified, 0);
		assert_int_equal(st->area[a].staged, 0);
		assert_int_equal(st->area[a].deleted, 0);
		assert_int_equal(st->area[a].renamed, 0);
		assert_int_equal(st->area[a].untracked, 0);
		assert_string_equal(st->area[a].content, "");
	}
}

static int fx_setup(void **state)
{
	struct fx *f = xcalloc(1, sizeof *f);
	*state = f;
	return 0;
}

static int fx_teardown(void **state)
{
	struct fx *f = *state;
	fx_free(f);
	free(f);
	return 0;
}

/* ---- clean repository, describe, branch --------------------------------- */

static void test_clean(void **state)
{
	struct fx *f = *state;
	fx_make(f, true);
	/* ignored files lying around do not matter */
	write_file(f->dir, "evidence/ignored.txt", "ignored\n");
	write_file(f->dir, "thesis/generated/x.tex", "generated\n");

	struct stamp st;
	stamp_at(f->dir, &st);
	assert_clean_at(f, &st, &f->head);
	assert_false(st.detached);
	assert_false(st.worktree);
	assert_non_null(st.branch);
	assert_string_equal(st.branch, "main");
	assert_int_equal(st.commit_time, T0);
	/* no tags: describe falls back to the abbreviated commit id */
	assert_non_null(st.describe);
	assert_int_equal(strlen(st.describe), 7);
	assert_memory_equal(st.describe, st.commit, 7);
	/* the three area trees are different trees */
	assert_string_not_equal(st.area[0].tree, st.area[1].tree);
	assert_string_not_equal(st.area[1].tree, st.area[2].tree);

	/* computed from a subdirectory: the repository is found upward */
	struct stamp sub;
	char *subdir = path_join(f->dir, "evidence/sub");
	stamp_at(subdir, &sub);
	assert_clean_at(f, &sub, &f->head);
	assert_string_equal(sub.branch, "main");
	free(subdir);

	stamp_free(&sub);
	stamp_free(&st);
	/* stamp_free leaves an all-zero stamp */
	assert_null(st.describe);
	assert_null(st.branch);
	assert_false(st.has_repo);
	assert_string_equal(st.commit, "");
}

static void test_describe_lightweight_tag(void **state)
{
	struct fx *f = *state;
	fx_make(f, true);
	git_object *target;
	git_oid tag_id;
	GITOK(git_object_lookup(&target, f->repo, &f->head, GIT_OBJECT_COMMIT));
	GITOK(git_tag_create_lightweight(&tag_id, f->repo, "v1.0", target, 0));
	git_object_free(target);

	struct stamp st;
	stamp_at(f->dir, &st);
	assert_string_equal(st.describe, "v1.0");
	assert_clean_at(f, &st, &f->head);
	stamp_free(&st);

	/* one commit later: tag-distance-g<short id> */
	write_file(f->dir, "README", "A test repository, second version.\n");
	fx_stage(f, "README");
	fx_commit(f, "Second commit\n");
	stamp_at(f->dir, &st);
	char want[64], id[41];
	oid_str(id, &f->head);
	snprintf(want, sizeof want, "v1.0-1-g%.7s", id);
	assert_string_equal(st.describe, want);
	assert_clean_at(f, &st, &f->head);
	assert_int_equal(st.commit_time, T0 + 60);
	stamp_free(&st);
}

static void test_describe_annotated_tag(void **state)
{
	struct fx *f = *state;
	fx_make(f, true);
	git_object *target;
	git_signature *sig;
	git_oid tag_id;
	GITOK(git_object_lookup(&target, f->repo, &f->head, GIT_OBJECT_COMMIT));
	GITOK(git_signature_new(&sig, "Sitat Test", "test@example.org", T0 + 30, 0));
	GITOK(git_tag_create(&tag_id, f->repo, "release-2", target, sig,
	                     "Release 2\n", 0));
	git_signature_free(sig);
	git_object_free(target);

	struct stamp st;
	stamp_at(f->dir, &st);
	assert_string_equal(st.describe, "release-2");
	/* the annotated tag changes nothing else */
	assert_clean_at(f, &st, &f->head);
	assert_string_equal(st.branch, "main");
	stamp_free(&st);
}

/* ---- dirty kinds, in every area ------------------------------------------ */

enum kind { K_MODIFIED, K_STAGED, K_UNTRACKED, K_DELETED, K_RENAMED, K_NKINDS };
static const char *const kind_name[K_NKINDS] = {
	"modified", "staged", "untracked", "deleted", "renamed"};

/* Make the working tree of a fresh fixture dirty in area a, of this kind;
 * variant 0 and 1 are two different states of the same kind. */
static void make_dirty(struct fx *f, int a, enum kind k, int variant)
{
	const char *main_file = area_file[a][0];
	char *c, *p;
	switch (k) {
	case K_MODIFIED:
	case K_STAGED:
		c = xasprintf("Changed content of %s, variant %d, longer than before "
		              "so the size differs.\nmore\nmore\nmore\n",
		              main_file, variant);
		write_file(f->dir, main_file, c);
		free(c);
		if (k == K_STAGED)
			fx_stage(f, main_file);
		return;
	case K_UNTRACKED:
		p = xasprintf("%s/new%d.%s", stamp_area_names[a], variant, area_ext[a]);
		write_file(f->dir, p, "a new file\n");
		free(p);
		return;
	case K_DELETED:
		unlink_file(f->dir, area_file[a][variant]);
		return;
	case K_RENAMED:
		/* a staged rename (what git mv does) */
		p = xasprintf("%s/moved%d.%s", stamp_area_names[a], variant, area_ext[a]);
		rename_file(f->dir, main_file, p);
		fx_unstage(f, main_file);
		fx_stage(f, p);
		free(p);
		return;
	case K_NKINDS:
		break;
	}
	fail_msg("bad kind");
}

static size_t counter(const struct stamp_area *ar, enum kind k)
{
	switch (k) {
	case K_MODIFIED: return ar->modified;
	case K_STAGED: return ar->staged;
	case K_UNTRACKED: return ar->untracked;
	case K_DELETED: return ar->deleted;
	case K_RENAMED: return ar->renamed;
	case K_NKINDS: break;
	}
	return (size_t)-1;
}

static void check_kind(struct fx *f, enum kind k)
{
	for (int a = 0; a < STAMP_AREAS; a++) {
		print_message("  %s in %s/\n", kind_name[k], stamp_area_names[a]);
		char first[41], again[41], other[41], fresh[41];

		/* state 0 */
		fx_make(f, true);
		make_dirty(f, a, k, 0);
		struct stamp st, st2;
		stamp_at(f->dir, &st);
		char id[41];
		oid_str(id, &f->head);
		assert_true(st.has_repo);
		assert_string_equal(st.commit, id);
		assert_string_equal(st.branch, "main");
		assert_true(st.dirty);
		for (int b = 0; b < STAMP_AREAS; b++) {
			const struct stamp_area *ar = &st.area[b];
			char tree[41];
			commit_area_tree(f, &f->head, stamp_area_names[b], tree);
			assert_string_equal(ar->tree, tree); /* HEAD's tree, dirty or not */
			if (b != a) {
				assert_false(ar->dirty);
				assert_string_equal(ar->content, "");
				for (int j = 0; j < K_NKINDS; j++)
					assert_int_equal(counter(ar, (enum kind)j), 0);
				continue;
			}
			assert_true(ar->dirty);
			for (int j = 0; j < K_NKINDS; j++)
				assert_int_equal(counter(ar, (enum kind)j), j == (int)k ? 1 : 0);
			assert_true(is_hex40(ar->content));
			assert_string_not_equal(ar->content, ar->tree);
		}
		memcpy(first, st.area[a].content, sizeof first);

		/* the same state computed twice: the same content id */
		stamp_at(f->dir, &st2);
		memcpy(again, st2.area[a].content, sizeof again);
		assert_string_equal(again, first);
		stamp_free(&st2);
		stamp_free(&st);
		fx_free(f);

		/* the same state in another repository (other path, same
		 * commits): the same content id, it depends on content only */
		fx_make(f, true);
		make_dirty(f, a, k, 0);
		stamp_at(f->dir, &st);
		memcpy(fresh, st.area[a].content, sizeof fresh);
		assert_string_equal(fresh, first);
		stamp_free(&st);
		fx_free(f);

		/* another state of the same kind: another content id */
		fx_make(f, true);
		make_dirty(f, a, k, 1);
		stamp_at(f->dir, &st);
		assert_true(st.area[a].dirty);
		assert_int_equal(counter(&st.area[a], k), 1);
		memcpy(other, st.area[a].content, sizeof other);
		assert_true(is_hex40(other));
		assert_string_not_equal(other, first);
		stamp_free(&st);
		fx_free(f);
	}
}

static void test_dirty_modified(void **state) { check_kind(*state, K_MODIFIED); }
static void test_dirty_staged(void **state) { check_kind(*state, K_STAGED); }
static void test_dirty_untracked(void **state) { check_kind(*state, K_UNTRACKED); }
static void test_dirty_deleted(void **state) { check_kind(*state, K_DELETED); }
static void test_dirty_renamed(void **state) { check_kind(*state, K_RENAMED); }

/* Dirty content ids describe the working tree: back to the committed
 * content is clean again; two areas dirty at once are both reported. */
static void test_dirty_back_to_clean_and_two_areas(void **state)
{
	struct fx *f = *state;
	fx_make(f, true);
	struct stamp st;
	write_file(f->dir, area_file[0][0], "something else entirely\n");
	write_file(f->dir, "thesis/extra.tex", "new\n");
	stamp_at(f->dir, &st);
	assert_true(st.dirty);
	assert_true(st.area[0].dirty);
	assert_int_equal(st.area[0].modified, 1);
	assert_false(st.area[1].dirty);
	assert_true(st.area[2].dirty);
	assert_int_equal(st.area[2].untracked, 1);
	assert_true(is_hex40(st.area[0].content));
	assert_true(is_hex40(st.area[2].content));
	assert_string_not_equal(st.area[0].content, st.area[2].content);
	stamp_free(&st);

	/* restore both: clean again */
	char *c = content_of(area_file[0][0], 0);
	write_file(f->dir, area_file[0][0], c);
	free(c);
	unlink_file(f->dir, "thesis/extra.tex");
	stamp_at(f->dir, &st);
	assert_clean_at(f, &st, &f->head);
	stamp_free(&st);
}

/* A rename from one area into another makes both areas dirty. */
static void test_dirty_rename_across_areas(void **state)
{
	struct fx *f = *state;
	fx_make(f, true);
	rename_file(f->dir, "evidence/a.txt", "bib/a.txt");
	fx_unstage(f, "evidence/a.txt");
	fx_stage(f, "bib/a.txt");
	struct stamp st;
	stamp_at(f->dir, &st);
	assert_true(st.dirty);
	assert_true(st.area[0].dirty);
	assert_true(st.area[1].dirty);
	assert_false(st.area[2].dirty);
	assert_int_equal(st.area[0].renamed, 1);
	assert_int_equal(st.area[1].renamed, 1);
	assert_int_equal(st.area[2].renamed, 0);
	assert_true(is_hex40(st.area[0].content));
	assert_true(is_hex40(st.area[1].content));
	assert_string_not_equal(st.area[0].content, st.area[1].content);
	stamp_free(&st);
}

/* A staged rename from evidence/ into bib/ whose new file is then edited
 * in the working tree: evidence/ lost a file against HEAD, so it must stay
 * dirty. */
static void test_dirty_rename_across_areas_then_edit(void **state)
{
	struct fx *f = *state;
	fx_make(f, true);
	rename_file(f->dir, "evidence/a.txt", "bib/a.txt");
	fx_unstage(f, "evidence/a.txt");
	fx_stage(f, "bib/a.txt");
	write_file(f->dir, "bib/a.txt", "edited after the rename, quite different\n");
	struct stamp st;
	stamp_at(f->dir, &st);
	assert_true(st.dirty);
	assert_true(st.area[1].dirty);
	assert_false(st.area[2].dirty);
	/* Regression (fixed): read_status (repo.c) takes the paths of a status entry
	 * from index_to_workdir whenever that delta exists, so for an entry
	 * that is INDEX_RENAMED (evidence/a.txt -> bib/a.txt) and also
	 * WT_MODIFIED both paths are bib/a.txt and the old area, evidence/,
	 * is never marked: evidence/ is reported clean although its working
	 * tree and index lack a.txt (its tree at HEAD has it). */
	assert_true(st.area[0].dirty);
	assert_true(is_hex40(st.area[0].content));
	stamp_free(&st);
}

/* A rename in the working tree only (the old file moved, nothing staged):
 * the content id has to depend on the moved file's content. */
static void test_dirty_unstaged_rename_content(void **state)
{
	struct fx *f = *state;
	char c1[41], c2[41];
	struct stamp st;
	for (int v = 0; v < 2; v++) {
		fx_make(f, true);
		rename_file(f->dir, "evidence/a.txt", "evidence/moved.txt");
		if (v == 1) {
			/* still similar enough to be a rename, other bytes */
			char *c = content_of("evidence/a.txt", 0);
			c[strlen(c) - 2] = '!';
			write_file(f->dir, "evidence/moved.txt", c);
			free(c);
		}
		stamp_at(f->dir, &st);
		assert_true(st.dirty);
		assert_true(st.area[0].dirty);
		assert_false(st.area[1].dirty);
		assert_false(st.area[2].dirty);
		/* libgit2 pairs the deletion and the new file: one rename (it
		 * also flags WT_MODIFIED when it did not hash the new file, so
		 * modified is left alone here) */
		assert_int_equal(st.area[0].renamed, 1);
		assert_int_equal(st.area[0].deleted, 0);
		assert_int_equal(st.area[0].untracked, 0);
		assert_int_equal(st.area[0].staged, 0);
		assert_true(is_hex40(st.area[0].content));
		memcpy(v ? c2 : c1, st.area[0].content, 41);
		stamp_free(&st);
		fx_free(f);
	}
	/* and plain deletion of a.txt is yet another state */
	char c3[41];
	fx_make(f, true);
	unlink_file(f->dir, "evidence/a.txt");
	stamp_at(f->dir, &st);
	assert_true(st.area[0].dirty);
	assert_int_equal(st.area[0].deleted, 1);
	memcpy(c3, st.area[0].content, 41);
	stamp_free(&st);
	/* Regression (fixed): content_ids (repo.c) adds the untracked files of an area
	 * only when their status has GIT_STATUS_WT_NEW; with
	 * GIT_STATUS_OPT_RENAMES_INDEX_TO_WORKDIR libgit2 pairs the deleted
	 * evidence/a.txt with the untracked evidence/moved.txt into one
	 * WT_RENAMED entry, so moved.txt never enters the content id: moving a
	 * file, moving and editing it, and deleting it all give the same
	 * content id. */
	assert_string_not_equal(c1, c2);
	assert_string_not_equal(c1, c3);
	assert_string_not_equal(c2, c3);
}

/* ---- ignored files, paths outside the areas ------------------------------ */

static void test_ignored_not_dirty(void **state)
{
	struct fx *f = *state;
	fx_make(f, true);
	write_file(f->dir, "evidence/ignored.txt", "ignored\n");
	write_file(f->dir, "evidence/sub/ignored.txt", "ignored too\n");
	write_file(f->dir, "bib/ignored.txt", "ignored\n");
	write_file(f->dir, "thesis/generated/x.tex", "generated\n");
	write_file(f->dir, "thesis/generated/deeper/y.tex", "generated\n");
	struct stamp st;
	stamp_at(f->dir, &st);
	assert_clean_at(f, &st, &f->head);
	stamp_free(&st);

	/* the same ignored file next to a real untracked one: only that counts */
	write_file(f->dir, "thesis/notes.tex", "not ignored\n");
	stamp_at(f->dir, &st);
	assert_true(st.dirty);
	assert_true(st.area[2].dirty);
	assert_int_equal(st.area[2].untracked, 1);
	assert_false(st.area[0].dirty);
	assert_false(st.area[1].dirty);
	char with_ignored[41];
	memcpy(with_ignored, st.area[2].content, 41);
	stamp_free(&st);
	/* the ignored files are not part of the content id either */
	unlink_file(f->dir, "thesis/generated/x.tex");
	stamp_at(f->dir, &st);
	assert_string_equal(st.area[2].content, with_ignored);
	stamp_free(&st);
}

/* A tracked file that matches an ignore pattern still counts when edited. */
static void test_tracked_ignored_file_counts(void **state)
{
	struct fx *f = *state;
	fx_make(f, false);
	write_file(f->dir, "thesis/generated/keep.tex", "kept\n");
	fx_stage(f, "thesis/generated/keep.tex");
	fx_commit(f, "Initial commit with a forced file\n");
	struct stamp st;
	stamp_at(f->dir, &st);
	assert_clean_at(f, &st, &f->head);
	stamp_free(&st);
	write_file(f->dir, "thesis/generated/keep.tex", "kept, and then edited\n");
	stamp_at(f->dir, &st);
	assert_true(st.dirty);
	assert_true(st.area[2].dirty);
	assert_int_equal(st.area[2].modified, 1);
	assert_int_equal(st.area[2].untracked, 0);
	assert_false(st.area[0].dirty);
	assert_false(st.area[1].dirty);
	stamp_free(&st);
}

/* Changes outside evidence/ bib/ thesis/ do not make the stamp dirty,
 * including names that merely begin like an area. */
static void test_outside_areas_not_dirty(void **state)
{
	struct fx *f = *state;
	fx_make(f, true);
	write_file(f->dir, "README", "changed readme\n");
	write_file(f->dir, "notes.txt", "untracked at the top\n");
	write_file(f->dir, "bibliography/x.bib", "not bib/\n");
	write_file(f->dir, "evidence.txt", "not evidence/\n");
	write_file(f->dir, "thesis2/t.tex", "not thesis/\n");
	write_file(f->dir, "docs/new.md", "docs\n");
	struct stamp st;
	stamp_at(f->dir, &st);
	assert_clean_at(f, &st, &f->head);
	stamp_free(&st);
}

/* An area that does not exist at HEAD has no tree id; a plain file that
 * carries an area's name is not that area. */
static void test_absent_area(void **state)
{
	struct fx *f = *state;
	fx_make(f, true);
	git_oid first = f->head;
	for (int k = 0; k < 2; k++) {
		unlink_file(f->dir, area_file[1][k]);
		fx_unstage(f, area_file[1][k]);
	}
	fx_commit(f, "No bibliography\n");
	char *sub = path_join(f->dir, "bib/sub"), *top = path_join(f->dir, "bib");
	assert_int_equal(rmdir(sub), 0);
	assert_int_equal(rmdir(top), 0);
	free(sub), free(top);
	struct stamp st;
	stamp_at(f->dir, &st);
	assert_false(st.dirty);
	assert_string_equal(st.area[1].tree, "");
	assert_false(st.area[1].dirty);
	char ev[41];
	commit_area_tree(f, &first, "evidence", ev);
	assert_string_equal(st.area[0].tree, ev); /* unchanged by the commit */
	stamp_free(&st);

	write_file(f->dir, "bib", "a file named like the area\n");
	stamp_at(f->dir, &st);
	assert_false(st.dirty);
	assert_false(st.area[1].dirty);
	assert_int_equal(st.area[1].untracked, 0);
	assert_string_equal(st.area[1].content, "");
	stamp_free(&st);
}

/* The content id is what repo.c documents: the git blob hash of the lines
 * "path\0blob-id\n" (blob-id "missing" for a deleted file) of every file of
 * the area in the index or untracked, sorted by path.  Recomputed here
 * from the working tree, independently of repo.c. */
static void test_content_id_formula(void **state)
{
	struct fx *f = *state;
	fx_make(f, true);
	write_file(f->dir, "evidence/a.txt", "modified evidence\n");
	write_file(f->dir, "evidence/new.txt", "untracked evidence\n");
	write_file(f->dir, "evidence/b/deep.txt", "untracked, in a new directory\n");
	write_file(f->dir, "evidence/ignored.txt", "ignored, not in the id\n");
	unlink_file(f->dir, "evidence/sub/c.txt");
	/* sorted by path (strcmp) */
	static const char *const paths[] = {"evidence/a.txt", "evidence/b/deep.txt",
		"evidence/new.txt", "evidence/sub/c.txt"};
	struct buf b;
	buf_init(&b);
	for (size_t i = 0; i < sizeof paths / sizeof paths[0]; i++) {
		char *full = path_join(f->dir, paths[i]), id[41] = "missing";
		git_oid oid;
		if (access(full, F_OK) == 0) {
			GITOK(git_odb_hashfile(&oid, full, GIT_OBJECT_BLOB));
			oid_str(id, &oid);
		}
		free(full);
		buf_add(&b, paths[i], strlen(paths[i]) + 1);
		buf_puts(&b, id);
		buf_putc(&b, '\n');
	}
	git_oid want_oid;
	GITOK(git_odb_hash(&want_oid, b.data, b.len, GIT_OBJECT_BLOB));
	buf_free(&b);
	char want[41];
	oid_str(want, &want_oid);

	struct stamp st;
	stamp_at(f->dir, &st);
	assert_true(st.area[0].dirty);
	assert_int_equal(st.area[0].modified, 1);
	assert_int_equal(st.area[0].untracked, 2);
	assert_int_equal(st.area[0].deleted, 1);
	assert_string_equal(st.area[0].content, want);
	stamp_free(&st);
}

/* ---- no commits, detached, shallow, worktree, no repository ------------- */

static void test_unborn(void **state)
{
	struct fx *f = *state;
	fx_make(f, false);
	/* nothing staged: every area file is untracked */
	git_index *idx;
	GITOK(git_repository_index(&idx, f->repo));
	GITOK(git_index_clear(idx));
	GITOK(git_index_write(idx));
	git_index_free(idx);
	write_file(f->dir, "evidence/ignored.txt", "ignored\n");

	struct stamp st;
	stamp_at(f->dir, &st);
	assert_true(st.has_repo);
	assert_true(st.unborn);
	assert_false(st.detached);
	assert_string_equal(st.commit, "");
	assert_null(st.branch);
	assert_null(st.describe);
	assert_int_equal(st.commit_time, 0);
	assert_true(st.dirty);
	for (int a = 0; a < STAMP_AREAS; a++) {
		assert_string_equal(st.area[a].tree, "");
		assert_true(st.area[a].dirty);
		assert_int_equal(st.area[a].untracked, 2);
		assert_int_equal(st.area[a].modified, 0);
		assert_int_equal(st.area[a].staged, 0);
		assert_int_equal(st.area[a].deleted, 0);
		assert_int_equal(st.area[a].renamed, 0);
		assert_true(is_hex40(st.area[a].content));
	}
	char untracked_ev[41];
	memcpy(untracked_ev, st.area[0].content, 41);
	stamp_free(&st);

	/* staged files in an unborn repository count as staged */
	fx_stage(f, area_file[0][0]);
	fx_stage(f, area_file[0][1]);
	stamp_at(f->dir, &st);
	assert_true(st.unborn);
	assert_true(st.area[0].dirty);
	assert_int_equal(st.area[0].staged, 2);
	assert_int_equal(st.area[0].untracked, 0);
	/* the same files, now staged: the same working-tree content */
	assert_string_equal(st.area[0].content, untracked_ev);
	assert_int_equal(st.area[1].untracked, 2);
	stamp_free(&st);
}

static void test_unborn_empty(void **state)
{
	const char *base = ((struct tmpd *)*state)->dir;
	git_repository *repo;
	GITOK(git_repository_init(&repo, base, 0));
	struct stamp st;
	stamp_at(base, &st);
	assert_true(st.has_repo);
	assert_true(st.unborn);
	assert_string_equal(st.commit, "");
	assert_false(st.dirty);
	for (int a = 0; a < STAMP_AREAS; a++) {
		assert_false(st.area[a].dirty);
		assert_string_equal(st.area[a].tree, "");
		assert_string_equal(st.area[a].content, "");
	}
	stamp_free(&st);
	git_repository_free(repo);
}

static void test_detached(void **state)
{
	struct fx *f = *state;
	fx_make(f, true);
	git_oid first = f->head;
	write_file(f->dir, area_file[0][0], "second version of the evidence\n");
	fx_stage(f, area_file[0][0]);
	fx_commit(f, "Second commit\n");
	/* the area trees differ between the two commits (evidence only) */
	char t1[41], t2[41];
	commit_area_tree(f, &first, "evidence", t1);
	commit_area_tree(f, &f->head, "evidence", t2);
	assert_string_not_equal(t1, t2);

	/* detach at the first commit, and put its content back in the tree */
	GITOK(git_repository_set_head_detached(f->repo, &first));
	git_checkout_options co;
	GITOK(git_checkout_options_init(&co, GIT_CHECKOUT_OPTIONS_VERSION));
	co.checkout_strategy = GIT_CHECKOUT_FORCE;
	GITOK(git_checkout_head(f->repo, &co));

	struct stamp st;
	stamp_at(f->dir, &st);
	assert_true(st.detached);
	assert_null(st.branch);
	assert_clean_at(f, &st, &first);
	assert_int_equal(st.commit_time, T0);
	assert_string_equal(st.area[0].tree, t1);
	assert_non_null(st.describe);
	assert_memory_equal(st.describe, st.commit, 7);
	stamp_free(&st);
}

static void test_shallow(void **state)
{
	struct fx *f = *state;
	fx_make(f, true);
	char id[41], *line, *path;
	oid_str(id, &f->head);
	line = xasprintf("%s\n", id);
	path = path_join(git_repository_path(f->repo), "shallow");
	write_abs(path, line);
	struct stamp st;
	stamp_at(f->dir, &st);
	assert_true(st.shallow);
	assert_string_equal(st.commit, id);
	assert_false(st.dirty);
	assert_string_equal(st.branch, "main");
	stamp_free(&st);
	free(line);
	free(path);
}

static void test_worktree(void **state)
{
	struct fx *f = *state;
	fx_make(f, true);
	char *wtdir = path_join(f->base, "wt");
	git_worktree *wt;
	GITOK(git_worktree_add(&wt, f->repo, "wt1", wtdir, NULL));
	git_worktree_free(wt);

	struct stamp main_st, st;
	stamp_at(f->dir, &main_st);
	assert_false(main_st.worktree);
	stamp_at(wtdir, &st);
	assert_true(st.has_repo);
	assert_true(st.worktree);
	assert_false(st.detached);
	assert_string_equal(st.branch, "wt1");
	/* HEAD of the worktree is the same commit: same commit and trees */
	assert_clean_at(f, &st, &f->head);
	for (int a = 0; a < STAMP_AREAS; a++)
		assert_string_equal(st.area[a].tree, main_st.area[a].tree);
	stamp_free(&st);

	/* a change in the worktree is the worktree's, not the main tree's */
	write_file(wtdir, "bib/new.bib", "@misc{x}\n");
	stamp_at(wtdir, &st);
	assert_true(st.worktree);
	assert_true(st.dirty);
	assert_true(st.area[1].dirty);
	assert_int_equal(st.area[1].untracked, 1);
	assert_false(st.area[0].dirty);
	assert_false(st.area[2].dirty);
	stamp_free(&st);
	stamp_free(&main_st);
	stamp_at(f->dir, &main_st);
	assert_clean_at(f, &main_st, &f->head);
	stamp_free(&main_st);
	free(wtdir);
}

static void test_no_repository(void **state)
{
	const char *base = ((struct tmpd *)*state)->dir;
	/* precondition: nothing above the temp dir is a repository */
	git_buf found = {0};
	int r = git_repository_discover(&found, base, 0, NULL);
	git_buf_dispose(&found);
	git_error_clear();
	if (r != GIT_ENOTFOUND) {
		fail_msg("a repository contains " TMP_PREFIX "...; cannot test");
	}
	write_file(base, "evidence/a.txt", "no repository here\n");
	struct stamp st;
	memset(&st, 0x5a, sizeof st); /* stamp_compute must reset everything */
	struct diag d;
	diag_init(&d, NULL);
	assert_int_equal(stamp_compute(&st, base, &d), 0);
	assert_int_equal(d.n, 0);
	diag_free(&d);
	assert_false(st.has_repo);
	assert_false(st.unborn);
	assert_false(st.detached);
	assert_false(st.shallow);
	assert_false(st.worktree);
	assert_false(st.dirty);
	assert_string_equal(st.commit, "");
	assert_null(st.describe);
	assert_null(st.branch);
	assert_int_equal(st.commit_time, 0);
	for (int a = 0; a < STAMP_AREAS; a++) {
		assert_string_equal(st.area[a].tree, "");
		assert_false(st.area[a].dirty);
		assert_int_equal(st.area[a].untracked, 0);
		assert_string_equal(st.area[a].content, "");
	}
	stamp_free(&st);
}

/* A HEAD that cannot be read is an error with a message, not a crash. */
static void test_broken_head(void **state)
{
	struct fx *f = *state;
	fx_make(f, true);
	char *head = path_join(git_repository_path(f->repo), "HEAD");
	write_abs(head, "this is not a reference\n");
	free(head);
	struct stamp st;
	struct diag d;
	diag_init(&d, NULL);
	assert_int_equal(stamp_compute(&st, f->dir, &d), -1);
	assert_int_equal(d.n, 1);
	assert_int_equal(d.recs[0].id, D_GIT);
	assert_true(strncmp(d.recs[0].msg, "reading HEAD: ", 14) == 0);
	assert_true(strlen(d.recs[0].msg) > 14);
	diag_free(&d);
	stamp_free(&st);
}

/* ---- the stamp.tex renderer ---------------------------------------------- */

#define C_ID "8e1d2aa0c5b4f3e2d1c0b9a8f7e6d5c4b3a29180"
#define EV_T "4b825dc642cb6eb9a060e54bf8d69288fbee4904"
#define BIB_T "d670460b4b4aece5915caf5c68d12f560a9fe3e4"
#define TH_T "9daeafb9864cf43055ae93beb0afd6c7d144bfa4"
#define W1 "0f0e0d0c0b0a09080706050403020100ffeeddcc"
#define W2 "aa55aa55aa55aa55aa55aa55aa55aa55aa55aa55"
#define HEADER "% Generated by sitat 0.5.0 (sitat stamp). Do not edit.\n" \
	"\\expandafter\\ifx\\csname sitat@interface\\endcsname\\relax" \
	"\\PackageError{sitat}{stamp.tex needs sitat.sty with interface 2:" \
	"\\MessageBreak update sitat.sty (sitat init --update-sty)}{}" \
	"\\expandafter\\endinput\\fi\n" \
	"\\csname sitat@interface\\endcsname{2}{stamp.tex}\n"

static char *render(const struct stamp *st)
{
	struct buf b;
	buf_init(&b);
	stamp_tex_write(&b, st);
	return buf_detach(&b, NULL);
}

static void fill_clean(struct stamp *st)
{
	memset(st, 0, sizeof *st);
	st->has_repo = true;
	strcpy(st->commit, C_ID);
	st->describe = (char *)"v1.0-3-g8e1d2aa";
	st->branch = (char *)"main";
	st->commit_time = T0;
	strcpy(st->area[0].tree, EV_T);
	strcpy(st->area[1].tree, BIB_T);
	strcpy(st->area[2].tree, TH_T);
}

static void test_tex_clean(void **state)
{
	(void)state;
	struct stamp st;
	fill_clean(&st);
	char *got = render(&st);
	assert_string_equal(got,
		HEADER
		"\\sitat@stamp{state}{clean}\n"
		"\\sitat@stamp{commit}{" C_ID "}\n"
		"\\sitat@stamp{short}{8e1d2aa}\n"
		"\\sitat@stamp{describe}{v1.0-3-g8e1d2aa}\n"
		"\\sitat@stamp{evidence}{" EV_T "}\n"
		"\\sitat@stamp{evidenceshort}{4b825dc}\n"
		"\\sitat@stamp{bib}{" BIB_T "}\n"
		"\\sitat@stamp{bibshort}{d670460}\n"
		"\\sitat@stamp{thesis}{" TH_T "}\n"
		"\\sitat@stamp{thesisshort}{9daeafb}\n"
		"\\sitat@stamp{dirtyareas}{}\n"
		"\\sitat@stamp{date}{2023-11-14T22:13:20Z}\n"
		"\\sitat@stamp{version}{0.5.0}\n"
		"\\sitat@stamp{machine}{sitat-stamp/1 state=clean commit=" C_ID
		" evidence=" EV_T " bib=" BIB_T " thesis=" TH_T "}\n");
	free(got);
}

static void test_tex_dirty(void **state)
{
	(void)state;
	struct stamp st;
	fill_clean(&st);
	st.dirty = true;
	st.area[1].dirty = true;
	st.area[1].modified = 1;
	strcpy(st.area[1].content, W1);
	char *got = render(&st);
	assert_string_equal(got,
		HEADER
		"\\sitat@stamp{state}{dirty}\n"
		"\\sitat@stamp{commit}{" C_ID "}\n"
		"\\sitat@stamp{short}{8e1d2aa}\n"
		"\\sitat@stamp{describe}{v1.0-3-g8e1d2aa}\n"
		"\\sitat@stamp{evidence}{" EV_T "}\n"
		"\\sitat@stamp{evidenceshort}{4b825dc}\n"
		"\\sitat@stamp{bib}{w" W1 "}\n"
		"\\sitat@stamp{bibshort}{w0f0e0d0}\n"
		"\\sitat@stamp{thesis}{" TH_T "}\n"
		"\\sitat@stamp{thesisshort}{9daeafb}\n"
		"\\sitat@stamp{dirtyareas}{bib}\n"
		"\\sitat@stamp{date}{2023-11-14T22:13:20Z}\n"
		"\\sitat@stamp{version}{0.5.0}\n"
		"\\sitat@stamp{machine}{sitat-stamp/1 state=dirty commit=" C_ID
		" evidence=" EV_T " bib=w" W1 " thesis=" TH_T "}\n");
	free(got);

	/* two dirty areas: listed in area order, comma separated */
	st.area[1].dirty = false;
	st.area[0].dirty = true;
	strcpy(st.area[0].content, W1);
	st.area[2].dirty = true;
	strcpy(st.area[2].content, W2);
	got = render(&st);
	assert_non_null(strstr(got, "\\sitat@stamp{dirtyareas}{evidence,thesis}\n"));
	assert_non_null(strstr(got, "\\sitat@stamp{evidence}{w" W1 "}\n"
	                            "\\sitat@stamp{evidenceshort}{w0f0e0d0}\n"
	                            "\\sitat@stamp{bib}{" BIB_T "}\n"
	                            "\\sitat@stamp{bibshort}{d670460}\n"
	                            "\\sitat@stamp{thesis}{w" W2 "}\n"
	                            "\\sitat@stamp{thesisshort}{waa55aa5}\n"));
	assert_non_null(strstr(got, "\\sitat@stamp{machine}{sitat-stamp/1 state=dirty "
	                            "commit=" C_ID " evidence=w" W1 " bib=" BIB_T
	                            " thesis=w" W2 "}\n"));
	free(got);
}

static void test_tex_norepo(void **state)
{
	(void)state;
	struct stamp st;
	memset(&st, 0, sizeof st);
	char *got = render(&st);
	assert_string_equal(got,
		HEADER
		"\\sitat@stamp{state}{norepo}\n"
		"\\sitat@stamp{commit}{}\n"
		"\\sitat@stamp{short}{}\n"
		"\\sitat@stamp{describe}{}\n"
		"\\sitat@stamp{evidence}{}\n"
		"\\sitat@stamp{evidenceshort}{}\n"
		"\\sitat@stamp{bib}{}\n"
		"\\sitat@stamp{bibshort}{}\n"
		"\\sitat@stamp{thesis}{}\n"
		"\\sitat@stamp{thesisshort}{}\n"
		"\\sitat@stamp{dirtyareas}{}\n"
		"\\sitat@stamp{date}{1970-01-01T00:00:00Z}\n"
		"\\sitat@stamp{version}{0.5.0}\n"
		"\\sitat@stamp{machine}{sitat-stamp/1 state=norepo commit=- "
		"evidence=- bib=- thesis=-}\n");
	free(got);
}

static void test_tex_nocommit(void **state)
{
	(void)state;
	struct stamp st;
	memset(&st, 0, sizeof st);
	st.has_repo = true;
	st.unborn = true;
	st.dirty = true;
	st.area[0].dirty = true;
	st.area[0].untracked = 2;
	strcpy(st.area[0].content, W2);
	char *got = render(&st);
	assert_string_equal(got,
		HEADER
		"\\sitat@stamp{state}{nocommit}\n"
		"\\sitat@stamp{commit}{}\n"
		"\\sitat@stamp{short}{}\n"
		"\\sitat@stamp{describe}{}\n"
		"\\sitat@stamp{evidence}{w" W2 "}\n"
		"\\sitat@stamp{evidenceshort}{waa55aa5}\n"
		"\\sitat@stamp{bib}{}\n"
		"\\sitat@stamp{bibshort}{}\n"
		"\\sitat@stamp{thesis}{}\n"
		"\\sitat@stamp{thesisshort}{}\n"
		"\\sitat@stamp{dirtyareas}{evidence}\n"
		"\\sitat@stamp{date}{1970-01-01T00:00:00Z}\n"
		"\\sitat@stamp{version}{0.5.0}\n"
		"\\sitat@stamp{machine}{sitat-stamp/1 state=nocommit commit=- "
		"evidence=w" W2 " bib=- thesis=-}\n");
	free(got);

	/* a repository without commits is never clean, even with a clean
	 * (empty) working tree */
	st.dirty = false;
	st.area[0].dirty = false;
	st.area[0].content[0] = '\0';
	got = render(&st);
	assert_non_null(strstr(got, "\\sitat@stamp{state}{nocommit}\n"));
	assert_non_null(strstr(got, "{sitat-stamp/1 state=nocommit commit=- "
	                            "evidence=- bib=- thesis=-}\n"));
	free(got);
}

/* Tag names may hold characters TeX treats specially: describe is text. */
static void test_tex_describe_escaped(void **state)
{
	(void)state;
	struct stamp st;
	fill_clean(&st);
	st.describe = (char *)"v1_0#x%y&z$w{a}--b";
	char *got = render(&st);
	assert_non_null(strstr(got, "\n\\sitat@stamp{describe}"
	                            "{v1\\_0\\#x\\%y\\&z\\$w\\{a\\}-\\sitat@lb{}-b}\n"));
	free(got);
}

/* ---- the stamp in a PDF, SHA-256 ----------------------------------------- */

/* A "PDF": junk (with NUL bytes), the stamp text, more junk. */
static char *write_pdf(const char *dir, const char *name, const char *stamp)
{
	static const char head[] = "%PDF-1.5\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<\0\x01\x02"
	                           "/Producer (pdfTeX-1.40.25)\n";
	static const char tail[] = "\n/Creator (LaTeX)>>\nendobj\n\0\xff\xfe"
	                           "xref\n%%EOF\n";
	struct buf b;
	buf_init(&b);
	buf_add(&b, head, sizeof head - 1);
	buf_puts(&b, stamp);
	buf_add(&b, tail, sizeof tail - 1);
	write_bytes(dir, name, b.data, b.len);
	buf_free(&b);
	return path_join(dir, name);
}

static void test_pdf_clean(void **state)
{
	struct tmpd *t = *state;
	char *p = write_pdf(t->dir, "clean.pdf",
		"/SitatStamp (sitat-stamp/1 state=clean commit=" C_ID " evidence="
		EV_T " bib=" BIB_T " thesis=" TH_T ")");
	struct pdf_stamp ps;
	assert_int_equal(pdf_stamp_read(p, &ps), 0);
	assert_string_equal(ps.state, "clean");
	assert_string_equal(ps.commit, C_ID);
	assert_string_equal(ps.area[0], EV_T);
	assert_string_equal(ps.area[1], BIB_T);
	assert_string_equal(ps.area[2], TH_T);
	free(p);
}

static void test_pdf_dirty_and_absent(void **state)
{
	struct tmpd *t = *state;
	char *p = write_pdf(t->dir, "dirty.pdf",
		"/SitatStamp (sitat-stamp/1 state=dirty commit=" C_ID " evidence=w"
		W1 " bib=- thesis=" TH_T ")");
	struct pdf_stamp ps;
	assert_int_equal(pdf_stamp_read(p, &ps), 0);
	assert_string_equal(ps.state, "dirty");
	assert_string_equal(ps.commit, C_ID);
	assert_string_equal(ps.area[0], "w" W1);
	assert_string_equal(ps.area[1], "");
	assert_string_equal(ps.area[2], TH_T);
	free(p);

	p = write_pdf(t->dir, "norepo.pdf",
		"/SitatStamp (sitat-stamp/1 state=norepo commit=- evidence=- bib=- "
		"thesis=-)");
	assert_int_equal(pdf_stamp_read(p, &ps), 0);
	assert_string_equal(ps.state, "norepo");
	assert_string_equal(ps.commit, "");
	assert_string_equal(ps.area[0], "");
	assert_string_equal(ps.area[1], "");
	assert_string_equal(ps.area[2], "");
	free(p);
}

/* What the renderer writes is what the reader reads back. */
static void test_pdf_roundtrip_renderer(void **state)
{
	struct tmpd *t = *state;
	struct stamp st;
	fill_clean(&st);
	st.dirty = true;
	st.area[2].dirty = true;
	strcpy(st.area[2].content, W2);
	char *tex = render(&st);
	const char *m = strstr(tex, "\\sitat@stamp{machine}{");
	assert_non_null(m);
	m += strlen("\\sitat@stamp{machine}{");
	char *value = xstrndup(m, strcspn(m, "}"));
	char *in_pdf = xasprintf("/SitatStamp (%s)", value);
	char *p = write_pdf(t->dir, "round.pdf", in_pdf);
	struct pdf_stamp ps;
	assert_int_equal(pdf_stamp_read(p, &ps), 0);
	assert_string_equal(ps.state, "dirty");
	assert_string_equal(ps.commit, C_ID);
	assert_string_equal(ps.area[0], EV_T);
	assert_string_equal(ps.area[1], BIB_T);
	assert_string_equal(ps.area[2], "w" W2);
	free(p);
	free(in_pdf);
	free(value);
	free(tex);
}

/* Each engine's form of the info dictionary: xdvipdfmx writes no space
 * after the key; the engine comes from /Producer. */
static void test_pdf_engines(void **state)
{
	struct tmpd *t = *state;
	static const struct { const char *info, *engine; } cases[] = {
		{"/Producer (pdfTeX-1.40.24)\n/SitatStamp (sitat-stamp/1 state=clean commit="
		 C_ID ")", "pdflatex"},
		{"/SitatStamp (sitat-stamp/1 state=clean commit=" C_ID ") /Producer "
		 "(LuaTeX-1.15.0)", "lualatex"},
		{"<</Producer(xdvipdfmx \\(20211117\\))/SitatStamp(sitat-stamp/1 "
		 "state=clean commit=" C_ID ")>>", "xelatex"},
		{"/SitatStamp\r\n(sitat-stamp/1 state=clean commit=" C_ID ")", ""},
		{"/Producer (Ghostscript)/SitatStamp (sitat-stamp/1 state=clean commit="
		 C_ID ")", ""},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char *pdf = xasprintf("%%PDF-1.5\n1 0 obj\n%s\nendobj\n%%%%EOF\n",
		                      cases[i].info);
		write_file(t->dir, "engine.pdf", pdf);
		free(pdf);
		char *p = path_join(t->dir, "engine.pdf");
		struct pdf_stamp ps;
		assert_int_equal(pdf_stamp_read(p, &ps), 0);
		assert_string_equal(ps.state, "clean");
		assert_string_equal(ps.commit, C_ID);
		assert_string_equal(ps.engine, cases[i].engine);
		free(p);
	}
	/* another string under the key first: the stamp after it still counts */
	write_file(t->dir, "two.pdf", "%PDF-1.5\n/SitatStamp (x) /SitatStamp"
		"(sitat-stamp/1 state=dirty commit=" C_ID ")\n%%EOF\n");
	char *p = path_join(t->dir, "two.pdf");
	struct pdf_stamp ps;
	assert_int_equal(pdf_stamp_read(p, &ps), 0);
	assert_string_equal(ps.state, "dirty");
	free(p);
}

static void test_pdf_no_stamp(void **state)
{
	struct tmpd *t = *state;
	struct pdf_stamp ps;
	char *p = write_pdf(t->dir, "plain.pdf", "/Title (A thesis)");
	memset(&ps, 0x5a, sizeof ps);
	assert_int_equal(pdf_stamp_read(p, &ps), -2);
	assert_string_equal(ps.state, "");
	assert_string_equal(ps.commit, "");
	free(p);

	/* the key without a state field is no stamp either */
	p = write_pdf(t->dir, "nostate.pdf",
		"/SitatStamp (sitat-stamp/1 commit=" C_ID ")");
	assert_int_equal(pdf_stamp_read(p, &ps), -2);
	free(p);

	/* an unterminated string (no ')' anywhere after it) is no stamp */
	write_file(t->dir, "open.pdf", "%PDF-1.5\n/SitatStamp (sitat-stamp/1 "
	           "state=clean commit=" C_ID "\n%%EOF\n");
	p = path_join(t->dir, "open.pdf");
	assert_int_equal(pdf_stamp_read(p, &ps), -2);
	free(p);

	/* an empty file */
	write_file(t->dir, "empty.pdf", "");
	p = path_join(t->dir, "empty.pdf");
	assert_int_equal(pdf_stamp_read(p, &ps), -2);
	free(p);
}

static void test_pdf_missing_file(void **state)
{
	struct tmpd *t = *state;
	char *p = path_join(t->dir, "does-not-exist.pdf");
	struct pdf_stamp ps;
	errno = 0;
	assert_int_equal(pdf_stamp_read(p, &ps), -1);
	assert_int_equal(errno, ENOENT);
	free(p);
}

static void test_pdf_hostile_values(void **state)
{
	struct tmpd *t = *state;
	struct pdf_stamp ps;
	char *p = write_pdf(t->dir, "hostile.pdf",
		"/SitatStamp (sitat-stamp/1 state=clean commit=8E1D2AA0C5B4F3E2D1C0"
		"B9A8F7E6D5C4B3A29180 evidence=\\\\input{/etc/passwd} bib=ab$cd "
		"thesis=" TH_T ")");
	assert_int_equal(pdf_stamp_read(p, &ps), 0);
	assert_string_equal(ps.state, "clean");
	assert_string_equal(ps.commit, "");
	assert_string_equal(ps.area[0], "");
	assert_string_equal(ps.area[1], "");
	assert_string_equal(ps.area[2], TH_T);
	free(p);

	/* a hostile state leaves no state: that is no stamp */
	p = write_pdf(t->dir, "hostile2.pdf",
		"/SitatStamp (sitat-stamp/1 state=Clean&more commit=" C_ID ")");
	assert_int_equal(pdf_stamp_read(p, &ps), -2);
	assert_string_equal(ps.state, "");
	free(p);

	/* a key that only ends like a field name is not that field */
	p = write_pdf(t->dir, "hostile3.pdf",
		"/SitatStamp (sitat-stamp/1 state=dirty xcommit=" W1 " commit=" C_ID
		" notbib=" W2 ")");
	assert_int_equal(pdf_stamp_read(p, &ps), 0);
	assert_string_equal(ps.state, "dirty");
	assert_string_equal(ps.commit, C_ID);
	assert_string_equal(ps.area[1], "");
	free(p);
}

static void test_sha256(void **state)
{
	struct tmpd *t = *state;
	char out[65], *p;

	write_file(t->dir, "abc", "abc");
	p = path_join(t->dir, "abc");
	memset(out, 'X', sizeof out);
	assert_int_equal(sha256_file(p, out), 0);
	assert_string_equal(out, "ba7816bf8f01cfea414140de5dae2223"
	                         "b00361a396177a9cb410ff61f20015ad");
	free(p);

	write_file(t->dir, "empty", "");
	p = path_join(t->dir, "empty");
	assert_int_equal(sha256_file(p, out), 0);
	assert_string_equal(out, "e3b0c44298fc1c149afbf4c8996fb924"
	                         "27ae41e4649b934ca495991b7852b855");
	free(p);

	/* one million 'a' (more than one read buffer) */
	char *big = xmalloc(1000000);
	memset(big, 'a', 1000000);
	write_bytes(t->dir, "million", big, 1000000);
	free(big);
	p = path_join(t->dir, "million");
	assert_int_equal(sha256_file(p, out), 0);
	assert_string_equal(out, "cdc76e5c9914fb9281a1c7e284d73e67"
	                         "f1809a48a497200e046d39ccc7112cd0");
	free(p);

	p = path_join(t->dir, "missing");
	errno = 0;
	assert_int_equal(sha256_file(p, out), -1);
	assert_int_equal(errno, ENOENT);
	free(p);
}

/* ---- main ------------------------------------------------------------- */

static int group_setup(void **state)
{
	(void)state;
	git_libgit2_init(); /* held for the whole run: the options below stay */
	config_dir = tmp_new();
	/* no global, XDG or system configuration (init.defaultBranch,
	 * core.excludesFile, ...) from the machine running the tests */
	git_libgit2_opts(GIT_OPT_SET_SEARCH_PATH, GIT_CONFIG_LEVEL_GLOBAL, config_dir);
	git_libgit2_opts(GIT_OPT_SET_SEARCH_PATH, GIT_CONFIG_LEVEL_XDG, config_dir);
	git_libgit2_opts(GIT_OPT_SET_SEARCH_PATH, GIT_CONFIG_LEVEL_SYSTEM, config_dir);
	git_libgit2_opts(GIT_OPT_SET_SEARCH_PATH, GIT_CONFIG_LEVEL_PROGRAMDATA, config_dir);
	return 0;
}

static int group_teardown(void **state)
{
	(void)state;
	rmtree(config_dir);
	free(config_dir);
	git_libgit2_shutdown();
	return 0;
}

#define FX(t) cmocka_unit_test_setup_teardown(t, fx_setup, fx_teardown)
#define TD(t) cmocka_unit_test_setup_teardown(t, tmpd_setup, tmpd_teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		FX(test_clean),
		FX(test_describe_lightweight_tag),
		FX(test_describe_annotated_tag),
		FX(test_dirty_modified),
		FX(test_dirty_staged),
		FX(test_dirty_untracked),
		FX(test_dirty_deleted),
		FX(test_dirty_renamed),
		FX(test_dirty_back_to_clean_and_two_areas),
		FX(test_dirty_rename_across_areas),
		FX(test_dirty_rename_across_areas_then_edit),
		FX(test_dirty_unstaged_rename_content),
		FX(test_ignored_not_dirty),
		FX(test_tracked_ignored_file_counts),
		FX(test_outside_areas_not_dirty),
		FX(test_absent_area),
		FX(test_content_id_formula),
		FX(test_unborn),
		TD(test_unborn_empty),
		FX(test_detached),
		FX(test_shallow),
		FX(test_worktree),
		TD(test_no_repository),
		FX(test_broken_head),
		cmocka_unit_test(test_tex_clean),
		cmocka_unit_test(test_tex_dirty),
		cmocka_unit_test(test_tex_norepo),
		cmocka_unit_test(test_tex_nocommit),
		cmocka_unit_test(test_tex_describe_escaped),
		TD(test_pdf_clean),
		TD(test_pdf_dirty_and_absent),
		TD(test_pdf_roundtrip_renderer),
		TD(test_pdf_engines),
		TD(test_pdf_no_stamp),
		TD(test_pdf_missing_file),
		TD(test_pdf_hostile_values),
		TD(test_sha256),
	};
	return cmocka_run_group_tests_name("stamp", tests, group_setup, group_teardown);
}
