/* test_texpkg.c - which package installed a file (prov/texpkg.c): a fake
 * dpkg directory (SITAT_DPKG_DIR: info/NAME.list, status) and a fake TeX Live
 * tree with its tlpkg/texlive.tlpdb (found above the file, or named by
 * SITAT_TLPDB); a symbolic link known by its target; the parsers on text
 * in memory (texpkg_scan), with the lines they must not take. */
#define _DEFAULT_SOURCE /* symlink, setenv */
#include "unit.h"

#include "prov/texpkg.h"

static char *tmp;

static int setup(void **state)
{
	(void)state;
	tmp = unit_tmpdir();
	unsetenv("SITAT_DPKG_DIR");
	unsetenv("SITAT_TLPDB");
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	unit_rmtree(tmp);
	free(tmp);
	unsetenv("SITAT_DPKG_DIR");
	unsetenv("SITAT_TLPDB");
	return 0;
}

static const char status_text[] =
	"Package: texlive-bibtex-extra\n"
	"Status: deinstall ok config-files\n"
	"Version: 2019.1-1\n"
	"\n"
	"Package: texlive-bibtex-extra\n"
	"Status: install ok installed\n"
	"Priority: optional\n"
	"Version: 2022.20230122-4\n"
	"Description: extra BibTeX\n"
	" Version: 9 (a continuation line, not the field)\n"
	"\n"
	"Package: libfoo\n"
	"Status: install ok installed\n"
	"Architecture: amd64\n"
	"Version: 1.2-3\n";

/* The results as one string: "path=package@version;" for each. */
static char *lookup(const char *const *paths, size_t n)
{
	char *pkg[8], *ver[8];
	assert_true(n <= 8);
	texpkg_lookup(paths, n, pkg, ver);
	struct buf b;
	buf_init(&b);
	buf_puts(&b, "");
	for (size_t i = 0; i < n; i++) {
		buf_printf(&b, "%s@%s;", pkg[i] ? pkg[i] : "-", ver[i] ? ver[i] : "-");
		free(pkg[i]);
		free(ver[i]);
	}
	return buf_detach(&b, NULL);
}

static void test_dpkg(void **state)
{
	(void)state;
	char *dpkg = path_join(tmp, "dpkg");
	char *sty = xasprintf("%s/usr/share/texlive/texmf-dist/tex/latex/biblatex/biblatex.sty", tmp);
	char *lib = xasprintf("%s/usr/lib/libfoo.so.1", tmp);
	char *list = xasprintf("/.\n%s/usr\n%s\n%s/usr/share/doc/x\n", tmp, sty, tmp);
	unit_write(tmp, "dpkg/info/texlive-bibtex-extra.list", list);
	char *list2 = xasprintf("%s\r\n", lib); /* a CR is no part of the name */
	unit_write(tmp, "dpkg/info/libfoo:amd64.list", list2);
	unit_write(tmp, "dpkg/info/libfoo:amd64.md5sums", sty); /* not a .list */
	unit_write(tmp, "dpkg/status", status_text);
	setenv("SITAT_DPKG_DIR", dpkg, 1);
	setenv("SITAT_TLPDB", "", 1);
	const char *paths[] = {sty, lib, "/nowhere/else.sty", tmp};
	char *got = lookup(paths, 4);
	assert_string_equal(got, "texlive-bibtex-extra@2022.20230122-4;libfoo@1.2-3;-@-;-@-;");
	free(got);
	/* no status file: the package, no version */
	char *st = path_join(dpkg, "status");
	unlink(st);
	got = lookup(paths, 2);
	assert_string_equal(got, "texlive-bibtex-extra@-;libfoo@-;");
	free(got);
	/* SITAT_DPKG_DIR empty: no dpkg database at all */
	setenv("SITAT_DPKG_DIR", "", 1);
	got = lookup(paths, 1);
	assert_string_equal(got, "-@-;");
	free(got);
	free(st);
	free(list);
	free(list2);
	free(lib);
	free(sty);
	free(dpkg);
}

static const char tlpdb_text[] =
	"name 00texlive.installation\n"
	"category TLCore\n"
	"depend opt_location:/usr/local/texlive/2023\n"
	"\n"
	"name biblatex\n"
	"category Package\n"
	"revision 66711\n"
	"catalogue-version 3.19\n"
	"docfiles size=100\n"
	" texmf-dist/doc/latex/biblatex/README details=\"Readme\"\n"
	" texmf-dist/tex/latex/csquotes/csquotes.sty\n"
	"runfiles size=200\n"
	" texmf-dist/tex/latex/biblatex/biblatex.sty\n"
	" texmf-dist/tex/latex/biblatex/blx-dm.def\n"
	"\n"
	"name csquotes\n"
	"revision 64389\n"
	"runfiles size=30\n"
	" texmf-dist/tex/latex/csquotes/csquotes.sty\n";

static void test_tlpdb(void **state)
{
	(void)state;
	char *root = path_join(tmp, "texlive/2023");
	unit_write(tmp, "texlive/2023/tlpkg/texlive.tlpdb", tlpdb_text);
	unit_write(tmp, "texlive/2023/texmf-dist/tex/latex/biblatex/biblatex.sty", "%");
	unit_write(tmp, "texlive/2023/texmf-dist/tex/latex/csquotes/csquotes.sty", "%");
	char *bib = path_join(root, "texmf-dist/tex/latex/biblatex/biblatex.sty");
	char *csq = path_join(root, "texmf-dist/tex/latex/csquotes/csquotes.sty");
	char *doc = path_join(root, "texmf-dist/doc/latex/biblatex/README");
	char *tl = path_join(root, "tlpkg/texlive.tlpdb");
	setenv("SITAT_DPKG_DIR", "", 1);
	/* found above the file */
	const char *paths[] = {bib, csq, doc, "/usr/share/x.sty"};
	char *got = lookup(paths, 4);
	assert_string_equal(got, "biblatex@3.19 r66711;csquotes@r64389;-@-;-@-;");
	free(got);
	/* named by SITAT_TLPDB (the files need not exist) */
	setenv("SITAT_TLPDB", tl, 1);
	const char *other[] = {"/none/texmf-dist/tex/latex/biblatex/biblatex.sty", bib};
	got = lookup(other, 2);
	assert_string_equal(got, "-@-;biblatex@3.19 r66711;");
	free(got);
	setenv("SITAT_TLPDB", "", 1);
	got = lookup(paths, 1);
	assert_string_equal(got, "-@-;");
	free(got);
	free(tl);
	free(doc);
	free(csq);
	free(bib);
	free(root);
}

/* A link is known by its target when no database knows the link; dpkg
 * answers before TeX Live. */
static void test_links_and_order(void **state)
{
	(void)state;
	char *root = path_join(tmp, "tl");
	unit_write(tmp, "tl/tlpkg/texlive.tlpdb", tlpdb_text);
	unit_write(tmp, "tl/texmf-dist/tex/latex/biblatex/biblatex.sty", "%");
	unit_write(tmp, "tl/texmf-dist/tex/latex/biblatex/blx-dm.def", "%");
	char *bib = path_join(root, "texmf-dist/tex/latex/biblatex/biblatex.sty");
	char *dm = path_join(root, "texmf-dist/tex/latex/biblatex/blx-dm.def");
	char *link = path_join(tmp, "link.sty");
	assert_int_equal(symlink(bib, link), 0);
	char *dpkg = path_join(tmp, "dpkg2");
	char *list = xasprintf("%s\n", dm);
	unit_write(tmp, "dpkg2/info/texlive-bibtex-extra.list", list);
	unit_write(tmp, "dpkg2/status", status_text);
	setenv("SITAT_DPKG_DIR", dpkg, 1);
	const char *paths[] = {link, dm};
	char *got = lookup(paths, 2);
	assert_string_equal(got, "biblatex@3.19 r66711;texlive-bibtex-extra@2022.20230122-4;");
	free(got);
	free(list);
	free(dpkg);
	free(link);
	free(dm);
	free(bib);
	free(root);
}

static void test_scan(void **state)
{
	(void)state;
	const char *paths[] = {"/a/b.sty", "/a/c.sty", "/r/texmf-dist/x.sty", NULL};
	char *pkg[4] = {0}, *ver[4] = {0};
	/* not a path, another length, a prefix of one: not taken */
	static const char list[] = "/a\n/a/b.styx\n /a/c.sty\n/a/b.sty";
	texpkg_scan(TEXPKG_DPKG_LIST, "p:i386", list, strlen(list), paths, 4, pkg, ver);
	assert_string_equal(pkg[0], "p");
	assert_null(pkg[1]);
	/* the first list that has it wins */
	texpkg_scan(TEXPKG_DPKG_LIST, "q", "/a/b.sty\n/a/c.sty\n", 18, paths, 4, pkg, ver);
	assert_string_equal(pkg[0], "p");
	assert_string_equal(pkg[1], "q");
	static const char status[] = "Package: p\nStatus: install ok installed\nVersion:  1.0 \n\n"
	                             "Package: q\nVersion: 2\n"; /* no Status: not installed */
	texpkg_scan(TEXPKG_DPKG_STATUS, NULL, status, strlen(status), paths, 4, pkg, ver);
	assert_string_equal(ver[0], "1.0");
	assert_null(ver[1]);
	/* the tlpdb's root: a path must be below it; values with controls refused */
	static const char tl[] = "name bad\x01name\nrevision 1\nrunfiles\n x.sty\n\n"
	                         "name good\nrevision 7\nrunfiles size=1\n texmf-dist/x.sty\n";
	texpkg_scan(TEXPKG_TLPDB, "/r", tl, strlen(tl), paths, 4, pkg, ver);
	assert_string_equal(pkg[2], "good");
	assert_string_equal(ver[2], "r7");
	/* data without a final line end, or empty */
	texpkg_scan(TEXPKG_TLPDB, "/r", "", 0, paths, 4, pkg, ver);
	texpkg_scan(TEXPKG_DPKG_STATUS, NULL, "Package: p", 10, paths, 4, pkg, ver);
	for (int i = 0; i < 4; i++) {
		free(pkg[i]);
		free(ver[i]);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_dpkg, setup, teardown),
		cmocka_unit_test_setup_teardown(test_tlpdb, setup, teardown),
		cmocka_unit_test_setup_teardown(test_links_and_order, setup, teardown),
		cmocka_unit_test(test_scan),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
