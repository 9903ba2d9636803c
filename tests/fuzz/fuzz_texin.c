/* fuzz_texin.c - libFuzzer target: the parsers of the TeX inputs of a
 * build.  Byte 0 picks one: 0 the recorder file (core/fls.h), 1 a dpkg
 * .list, 2 dpkg's status, 3 a texlive.tlpdb (prov/texpkg.h texpkg_scan),
 * 4 the tex_inputs JSON of a bundle's manifest (texin_from_json, then
 * texin_diff and texin_print_change; cmd/texin_list.c compiled in, as the
 * cmd layer has no archive), 5 the version a TeX file declares.  Oracles:
 *   - fls: every input non-empty, without a line end, listed once, never
 *     an OUTPUT line's name; the format file one of the inputs, ".fmt";
 *   - texpkg: a package or version found is printable ASCII (a dpkg or
 *     TeX Live database is not trusted to be clean), and only for a path
 *     the data names;
 *   - JSON: accepted means sorted unique paths, 64 hex digits each, no
 *     control characters; to_json gives the same list back; a list has
 *     no differences with itself; every printed change line is valid
 *     UTF-8 without controls but its line end; refused means one message;
 *   - version: NULL or printable ASCII of at most 120 bytes. */
#define _GNU_SOURCE /* memmem, open_memstream */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "core/fls.h"
#include "prov/texpkg.h"
#include "cmd/texin_list.c"
#include "fuzz.h"

FUZZ_ORACLE static bool ascii_printable(const char *s, bool spaces)
{
	for (; *s; s++)
		if ((unsigned char)*s < 0x20 || (unsigned char)*s >= 0x7F || (*s == ' ' && !spaces))
			return false;
	return true;
}

FUZZ_ORACLE static void check_fls(const char *s, size_t n)
{
	struct fls f;
	fls_parse(&f, s, n);
	bool fmt_listed = !f.format;
	for (size_t i = 0; i < f.n; i++) {
		fuzz_assert(f.inputs[i][0] != '\0');
		fuzz_assert(!strchr(f.inputs[i], '\n'));
		for (size_t k = 0; k < i; k++)
			fuzz_assert(strcmp(f.inputs[i], f.inputs[k]));
		if (f.format && !strcmp(f.format, f.inputs[i]))
			fmt_listed = true;
		/* never the name of an OUTPUT line (as written, or with ./) */
		char *o = xasprintf("\nOUTPUT %s\n", f.inputs[i]);
		char *od = xasprintf("\nOUTPUT ./%s\n", f.inputs[i]);
		char *t = xasprintf("\n%.*s\n", (int)n, s);
		if (strlen(t) == n + 2 && !strstr(t, "\r"))
			fuzz_assert(!strstr(t, o) && !strstr(t, od));
		free(t);
		free(o);
		free(od);
	}
	fuzz_assert(fmt_listed);
	if (f.format)
		fuzz_assert(str_ends_with(f.format, ".fmt"));
	fls_free(&f);
}

static const char *const paths[] = {
	"/usr/share/texlive/texmf-dist/tex/latex/biblatex/biblatex.sty",
	"/r/texmf-dist/tex/latex/x/x.sty",
	"/a",
	"/r/texmf-dist/tex/latex/biblatex/biblatex.sty",
};
#define NPATHS (sizeof paths / sizeof paths[0])

FUZZ_ORACLE static void check_texpkg(int kind, const char *s, size_t n)
{
	char *pkg[NPATHS] = {0}, *ver[NPATHS] = {0};
	if (kind == TEXPKG_DPKG_STATUS) /* the packages whose version is asked */
		for (size_t i = 0; i < NPATHS; i++)
			pkg[i] = xstrdup(i % 2 ? "texlive-bibtex-extra" : "p");
	texpkg_scan((enum texpkg_db)kind, kind == TEXPKG_TLPDB ? "/r" : "texlive-bibtex-extra:all",
	            s, n, paths, NPATHS, pkg, ver);
	for (size_t i = 0; i < NPATHS; i++) {
		if (kind == TEXPKG_DPKG_LIST && pkg[i]) {
			fuzz_assert(!strcmp(pkg[i], "texlive-bibtex-extra"));
			fuzz_assert(memmem(s, n, paths[i], strlen(paths[i])));
		}
		if (kind == TEXPKG_TLPDB && pkg[i]) {
			fuzz_assert(!strncmp(paths[i], "/r/", 3));
			fuzz_assert(memmem(s, n, paths[i] + 3, strlen(paths[i] + 3)));
			fuzz_assert(ascii_printable(pkg[i], false));
		}
		if (ver[i])
			fuzz_assert(ascii_printable(ver[i], kind == TEXPKG_TLPDB));
		free(pkg[i]);
		free(ver[i]);
	}
}

FUZZ_ORACLE static void check_json(const char *s, size_t n)
{
	cJSON *j = cJSON_ParseWithLength(s, n);
	if (!j)
		return;
	struct texin_list l;
	struct diag d;
	diag_init(&d, NULL);
	int r = texin_from_json(&l, j, "M.json", &d);
	fuzz_check_diags(&d);
	if (r < 0) {
		fuzz_assert(d.n == 1 && l.n == 0);
	} else {
		fuzz_assert(d.n == 0);
		for (size_t i = 0; i < l.n; i++) {
			fuzz_assert(strlen(l.v[i].sha256) == 64);
			fuzz_assert(l.v[i].name && l.v[i].name[0]);
			if (i)
				fuzz_assert(strcmp(l.v[i - 1].path, l.v[i].path) < 0);
		}
		cJSON *back = texin_to_json(&l);
		struct texin_list l2;
		fuzz_assert(texin_from_json(&l2, back, "B.json", &d) == 0);
		fuzz_assert(l2.n == l.n);
		struct texin_change *c;
		fuzz_assert(texin_diff(&l, &l2, &c) == 0);
		free(c);
		/* against a list of its own: every line printable */
		struct texin_list other = {0};
		struct texin t = {xstrdup("/usr/share/x/biblatex.sty"), xstrdup("biblatex.sty"),
		                  "", xstrdup("2023/01/01 v3.19 x"), NULL, NULL, false};
		memset(t.sha256, 'a', 64);
		ARRAY_PUSH(other.v, other.n, other.cap, t);
		size_t nc = texin_diff(&l, &other, &c);
		char *text = NULL;
		size_t len = 0;
		FILE *f = open_memstream(&text, &len);
		for (size_t i = 0; i < nc; i++) {
			texin_print_change(f, &c[i], "in the bundle");
			cJSON_Delete(texin_change_json(&c[i]));
		}
		fclose(f);
		if (!fuzz_printable(text, len, "\n"))
			fuzz_fail("a change line is not printable: %s", text);
		free(text);
		free(c);
		texin_list_free(&other);
		texin_list_free(&l2);
		cJSON_Delete(back);
		texin_list_free(&l);
	}
	diag_free(&d);
	cJSON_Delete(j);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	int what = data[0] % 6;
	char *s = fuzz_str(data + 1, size - 1);
	size_t n = size - 1;
	switch (what) {
	case 0:
		check_fls(s, n);
		break;
	case 1:
		check_texpkg(TEXPKG_DPKG_LIST, s, n);
		break;
	case 2:
		check_texpkg(TEXPKG_DPKG_STATUS, s, n);
		break;
	case 3:
		check_texpkg(TEXPKG_TLPDB, s, n);
		break;
	case 4:
		check_json(s, n);
		break;
	case 5: {
		char *v = texfile_version(s, n);
		if (v) {
			fuzz_assert(strlen(v) <= 120 && v[0]);
			fuzz_assert(ascii_printable(v, true));
		}
		free(v);
		break;
	}
	}
	free(s);
	return 0;
}
