/* test_texinputs.c - the TeX inputs of a build (cmd/texinputs.c and
 * cmd/texin_list.c, compiled in: the cmd layer has no archive; the
 * recorder-file parser core/fls.c): the recorder file's lines, declared
 * versions, a build's list from its recorder file and manifest.json,
 * JSON both ways (and what from_json refuses), the differences between
 * two builds and the line that says each. */
#define _DEFAULT_SOURCE /* realpath, setenv, open_memstream */
#include "unit.h"

#include <cjson/cJSON.h>

#include "core/fls.h"
#include "cmd/texin_list.c"
#include "cmd/texinputs.c"

static void test_fls(void **state)
{
	(void)state;
	static const char text[] =
		"PWD /p/thesis\n"
		"INPUT /usr/tl/web2c/texmf.cnf\r\n"
		"INPUT /var/fmt/pdftex/pdflatex.fmt\n"
		"INPUT ./thesis.tex\n"
		"OUTPUT /p/build/thesis.log\n"
		"INPUT thesis.tex\n"
		"INPUT /p/build/thesis.aux\n"
		"OUTPUT /p/build/thesis.aux\n"
		"INPUT \n"
		"junk line\n"
		"PWD /elsewhere\n"
		"INPUT /usr/tl/x.sty";
	struct fls f;
	fls_parse(&f, text, sizeof text - 1);
	assert_string_equal(f.pwd, "/p/thesis");
	assert_string_equal(f.format, "/var/fmt/pdftex/pdflatex.fmt");
	assert_int_equal(f.n, 4);
	assert_string_equal(f.inputs[0], "/usr/tl/web2c/texmf.cnf");
	assert_string_equal(f.inputs[2], "thesis.tex");
	assert_string_equal(f.inputs[3], "/usr/tl/x.sty");
	char *a = fls_absolute(&f, f.inputs[2]);
	assert_string_equal(a, "/p/thesis/thesis.tex");
	free(a);
	fls_free(&f);
	/* nothing at all */
	fls_parse(&f, "", 0);
	assert_null(f.pwd);
	assert_int_equal(f.n, 0);
	fls_free(&f);
}

#define VERSION(text, want)                                      \
	do {                                                         \
		char *v_ = texfile_version((text), strlen(text));        \
		if ((want) == NULL)                                      \
			assert_null(v_);                                     \
		else                                                     \
			assert_string_equal(v_, (want) ? (want) : "");       \
		free(v_);                                                \
	} while (0)

static void test_version(void **state)
{
	(void)state;
	VERSION("\\ProvidesPackage{x}[2023/01/02 v1.2 X]", "2023/01/02 v1.2 X");
	VERSION("\\ProvidesClass{c}\n  [2020/01/01 v3 C]", "2020/01/01 v3 C");
	/* biblatex: the version in macros it defines */
	VERSION("\\def\\abx@date{2022/07/12}\n\\def\\abx@version{3.18b}\n"
	        "\\ProvidesPackage{biblatex}\n[\\abx@date\\space v\\abx@version\\space bibliographies]",
	        "2022/07/12 v3.18b bibliographies");
	/* a comment and the line ends inside the argument */
	VERSION("\\ProvidesFile{f}[%\n    2023-01-16 L3   layer % loader\n  ]", "2023-01-16 L3 layer");
	/* a macro not defined here stays as it is */
	VERSION("\\ProvidesFile{f.bbx}[\\abx@bbxid]", "\\abx@bbxid");
	VERSION("\\ProvidesPackage{x}", NULL);
	VERSION("\\ProvidesPackage{x}[a\x01]", NULL);
	VERSION("\\ProvidesPackage{x}[]", NULL);
	VERSION("no such line", NULL);
}

static void put(struct texin_list *l, const char *path, char hex, const char *version,
                const char *package)
{
	struct texin t = {0};
	t.path = xstrdup(path);
	const char *s = strrchr(path, '/');
	t.name = xstrdup(s ? s + 1 : path);
	memset(t.sha256, hex, 64);
	t.version = version ? xstrdup(version) : NULL;
	t.package = package ? xstrdup(package) : NULL;
	t.package_version = package ? xstrdup("1.0-1") : NULL;
	t.project = path[0] != '/';
	ARRAY_PUSH(l->v, l->n, l->cap, t);
	qsort(l->v, l->n, sizeof *l->v, cmp_texin);
}

/* The changes as "then>now" paths ("-" for none), one per line, and the
 * lines texin_print_change writes. */
static char *changes(const struct texin_list *then, const struct texin_list *now, char **lines)
{
	struct texin_change *c;
	size_t n = texin_diff(then, now, &c);
	struct buf b;
	buf_init(&b);
	buf_puts(&b, "");
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);
	for (size_t i = 0; i < n; i++) {
		buf_printf(&b, "%s>%s\n", c[i].then ? c[i].then->path : "-",
		           c[i].now ? c[i].now->path : "-");
		texin_print_change(f, &c[i], "in the bundle");
	}
	fclose(f);
	free(c);
	*lines = text;
	return buf_detach(&b, NULL);
}

static void test_diff(void **state)
{
	(void)state;
	struct texin_list then = {0}, now = {0};
	put(&then, "thesis/a.tex", 'a', NULL, NULL);
	put(&then, "/tl/2022/tex/b.sty", 'b', "2022/01/01 v3.18 B", "texlive-b");
	put(&then, "/tl/2022/tex/c.sty", 'c', NULL, NULL);
	put(&then, "/tl/2022/tex/d.sty", 'd', NULL, NULL);
	put(&now, "thesis/a.tex", 'a', NULL, NULL);
	put(&now, "/tl/2023/tex/b.sty", 'e', "2023/01/01 v3.19 B", "texlive-b");
	put(&now, "/tl/2023/tex/c.sty", 'c', NULL, NULL); /* moved, same bytes */
	put(&now, "/tl/2023/tex/e.sty", 'f', NULL, NULL);
	char *lines;
	char *got = changes(&then, &now, &lines);
	assert_string_equal(got, "/tl/2022/tex/b.sty>/tl/2023/tex/b.sty\n"
	                         "/tl/2022/tex/d.sty>-\n"
	                         "->/tl/2023/tex/e.sty\n");
	assert_string_equal(lines,
		"b.sty: 3.19 (texlive-b 1.0-1) here, 3.18 (texlive-b 1.0-1) in the bundle; "
		"sha256 bbbbbbbb\xe2\x80\xa6 -> eeeeeeee\xe2\x80\xa6\n"
		"d.sty: read in the bundle (no declared version), not here; sha256 dddddddd\xe2\x80\xa6\n"
		"e.sty: read here (no declared version), not in the bundle; sha256 ffffffff\xe2\x80\xa6\n");
	free(got);
	free(lines);
	texin_list_free(&then);
	texin_list_free(&now);
	/* by path before name: the file of that path is never taken by a name */
	put(&then, "/x/f.sty", '1', NULL, NULL);
	put(&then, "/y/f.sty", '2', NULL, NULL);
	put(&now, "/y/f.sty", '2', "v1.0", NULL);
	put(&now, "/z/f.sty", '3', NULL, NULL);
	got = changes(&then, &now, &lines);
	assert_string_equal(got, "/x/f.sty>/z/f.sty\n");
	free(got);
	free(lines);
	/* the same description: said once; a project file by its path */
	texin_list_free(&then);
	texin_list_free(&now);
	put(&then, "thesis/kap/one.tex", '1', "2020/01/01 v1.0 one", NULL);
	put(&now, "thesis/kap/one.tex", '2', "2020/01/01 v1.0 one", NULL);
	got = changes(&then, &now, &lines);
	assert_string_equal(lines, "thesis/kap/one.tex: 1.0 here and in the bundle; "
	                           "sha256 11111111\xe2\x80\xa6 -> 22222222\xe2\x80\xa6\n");
	free(got);
	free(lines);
	/* nothing differs */
	struct texin_change *c = NULL;
	assert_int_equal(texin_diff(&then, &then, &c), 0);
	free(c);
	texin_list_free(&then);
	texin_list_free(&now);
}

static void test_json(void **state)
{
	(void)state;
	struct texin_list l = {0}, back;
	put(&l, "/tl/b.sty", 'b', "v1 \xc3\xa6", "texlive-b");
	put(&l, "thesis/a.tex", 'a', NULL, NULL);
	cJSON *j = texin_to_json(&l);
	char *s = cJSON_PrintUnformatted(j);
	assert_string_equal(s, "[{\"path\":\"/tl/b.sty\",\"name\":\"b.sty\",\"sha256\":\""
	                       "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb\","
	                       "\"version\":\"v1 \xc3\xa6\",\"package\":\"texlive-b\","
	                       "\"package_version\":\"1.0-1\",\"project\":false},"
	                       "{\"path\":\"thesis/a.tex\",\"name\":\"a.tex\",\"sha256\":\""
	                       "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\","
	                       "\"project\":true}]");
	struct diag d;
	diag_init(&d, NULL);
	assert_int_equal(texin_from_json(&back, j, "M.json", &d), 0);
	assert_int_equal(back.n, 2);
	cJSON *j2 = texin_to_json(&back);
	char *s2 = cJSON_PrintUnformatted(j2);
	assert_string_equal(s, s2);
	free(s2);
	cJSON_Delete(j2);
	texin_list_free(&back);
	/* the change as JSON */
	struct texin_change ch = {&l.v[0], NULL};
	cJSON *cj = texin_change_json(&ch);
	char *cs = cJSON_PrintUnformatted(cj);
	assert_non_null(strstr(cs, "\"name\":\"b.sty\",\"project\":false,\"then\":{\"path\":\"/tl/b.sty\""));
	assert_non_null(strstr(cs, "\"now\":null"));
	free(cs);
	cJSON_Delete(cj);
	free(s);
	cJSON_Delete(j);
	texin_list_free(&l);
	/* what it refuses, each with a message naming the entry */
	static const char *const bad[] = {
		"{}",
		"[1]",
		"[{\"sha256\":\"" "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa" "\"}]",
		"[{\"path\":\"\",\"sha256\":\"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\"}]",
		"[{\"path\":\"x\",\"sha256\":\"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\"}]",
		"[{\"path\":\"x\",\"sha256\":\"aa\"}]",
		"[{\"path\":\"x\\u001b[2J\",\"sha256\":\"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\"}]",
		"[{\"path\":\"x\",\"version\":7,\"sha256\":\"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\"}]",
		"[{\"path\":\"x\",\"project\":\"yes\",\"sha256\":\"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\"}]",
		"[{\"path\":\"x\",\"sha256\":\"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\"},"
		" {\"path\":\"x\",\"sha256\":\"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\"}]",
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		cJSON *b = cJSON_Parse(bad[i]);
		assert_non_null(b);
		struct diag d2;
		diag_init(&d2, NULL);
		if (texin_from_json(&back, b, "M.json", &d2) != -1)
			fail_msg("accepted: %s", bad[i]);
		assert_int_equal(unit_diag_count(&d2, D_TEXIN_JSON), 1);
		assert_int_equal(back.n, 0);
		diag_free(&d2);
		cJSON_Delete(b);
	}
	/* a name and project left out: from the path */
	cJSON *ok = cJSON_Parse("[{\"path\":\"/t/x.sty\",\"sha256\":"
	                        "\"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\"}]");
	assert_int_equal(texin_from_json(&back, ok, "M.json", &d), 0);
	assert_string_equal(back.v[0].name, "x.sty");
	assert_false(back.v[0].project);
	texin_list_free(&back);
	cJSON_Delete(ok);
	diag_free(&d);
}

static void test_from_build(void **state)
{
	(void)state;
	char *tmp = unit_tmpdir();
	char *root = path_join(tmp, "proj"), *sys = path_join(tmp, "tl");
	unit_write(tmp, "proj/thesis/x.sty", "\\ProvidesPackage{x}[2024/01/01 v2.0 X]\n");
	unit_write(tmp, "tl/tex/s.sty", "% s\n");
	unit_write(tmp, "tl/tex/t.sty", "\\ProvidesPackage{t}[2021/01/01 v0.9 T]\n");
	unit_write(tmp, "tl/pdftex/pdflatex.fmt", "fmt");
	char *fls = xasprintf("PWD %s/thesis\n"
	                      "INPUT %s/pdftex/pdflatex.fmt\n"
	                      "INPUT x.sty\n"
	                      "INPUT %s/thesis/x.sty\n"
	                      "INPUT %s/tex/s.sty\n"
	                      "INPUT %s/tex/t.sty\n"
	                      "INPUT %s/tex/gone.sty\n"
	                      "INPUT %s/build/thesis.bbl\n"
	                      "OUTPUT %s/build/thesis.log\n",
	                      root, sys, root, sys, sys, sys, root, root);
	unit_write(tmp, "proj/build/thesis.fls", fls);
	unit_write(tmp, "proj/build/thesis.bbl", "bbl");
	char *man = xasprintf("{\"engine\": \"pdfTeX 3.14 (TeX Live 2022)\", \"system_inputs\": {"
	                      "\"%s/tex/s.sty\": {\"sha256\": \"%s\", \"version\": \"v9 recorded\"}}}",
	                      sys, "5555555555555555555555555555555555555555555555555555555555555555");
	unit_write(tmp, "proj/build/manifest.json", man);
	char *out = path_join(root, "build");
	struct diag d;
	diag_init(&d, NULL);
	struct texin_list l;
	assert_int_equal(texin_from_build(&l, root, out, "thesis", &d), 0);
	assert_int_equal(d.n, 0);
	/* sorted by path: the TeX Live files (absolute) first; no .bbl (in
	 * the output folder), no gone.sty (neither there nor recorded) */
	assert_int_equal(l.n, 4);
	char *fmt = path_join(sys, "pdftex/pdflatex.fmt");
	assert_string_equal(l.v[0].path, fmt);
	assert_string_equal(l.v[1].name, "s.sty");
	assert_string_equal(l.v[1].sha256, "5555555555555555555555555555555555555555555555555555555555555555");
	assert_string_equal(l.v[1].version, "v9 recorded");
	assert_string_equal(l.v[2].version, "2021/01/01 v0.9 T");
	assert_string_equal(l.v[3].path, "thesis/x.sty");
	assert_true(l.v[3].project);
	assert_false(l.v[1].project);
	assert_string_equal(l.v[3].version, "2024/01/01 v2.0 X");
	char sha[65];
	char *x = path_join(root, "thesis/x.sty");
	assert_int_equal(sha256_file(x, sha), 0);
	assert_string_equal(l.v[3].sha256, sha);
	assert_string_equal(l.engine, "pdflatex");
	assert_string_equal(l.engine_version, "pdfTeX 3.14 (TeX Live 2022)");
	assert_string_equal(l.format, fmt);
	/* the packages: a fake dpkg knows t.sty */
	char *dpkg = path_join(tmp, "dpkg");
	char *t = path_join(sys, "tex/t.sty");
	char *list = xasprintf("%s\n%s\n", t, x);
	unit_write(tmp, "dpkg/info/tex-t.list", list);
	unit_write(tmp, "dpkg/status", "Package: tex-t\nStatus: install ok installed\nVersion: 4-1\n");
	setenv("SITAT_DPKG_DIR", dpkg, 1);
	setenv("SITAT_TLPDB", "", 1);
	texin_packages(&l);
	assert_string_equal(l.v[2].package, "tex-t");
	assert_string_equal(l.v[2].package_version, "4-1");
	assert_null(l.v[1].package);
	assert_null(l.v[3].package); /* a project file is never looked up */
	unsetenv("SITAT_DPKG_DIR");
	unsetenv("SITAT_TLPDB");
	texin_list_free(&l);
	/* no recorder file: build first */
	char *flsp = path_join(out, "thesis.fls");
	unlink(flsp);
	assert_int_equal(texin_from_build(&l, root, out, "thesis", &d), -1);
	assert_int_equal(unit_diag_count(&d, D_TEXIN_NO_FLS), 1);
	assert_int_equal(l.n, 0);
	diag_free(&d);
	free(flsp);
	free(list);
	free(t);
	free(dpkg);
	free(x);
	free(fmt);
	free(out);
	free(man);
	free(fls);
	unit_rmtree(tmp);
	free(sys);
	free(root);
	free(tmp);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fls),
		cmocka_unit_test(test_version),
		cmocka_unit_test(test_diff),
		cmocka_unit_test(test_json),
		cmocka_unit_test(test_from_build),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
