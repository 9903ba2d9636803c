/* sty.c - the compiled-in sitat.sty: its version, and the check of a
 * thesis's vendored copy against it (check and build warn). */
#include "cmd/sty.h"
#include "core/infile.h"
#include "core/util.h"

#include <stdlib.h>
#include <string.h>

char *sty_version(const char *data, size_t len)
{
	static const char key[] = "\\ProvidesPackage{sitat}[";
	const char *p = data, *end = data + len;
	while (p < end) {
		const char *q = memchr(p, key[0], (size_t)(end - p));
		if (!q || (size_t)(end - q) < sizeof key - 1)
			break;
		if (!memcmp(q, key, sizeof key - 1)) {
			const char *v = q + sizeof key - 1, *e = v;
			int words = 0;
			/* the date and the version: the first two words */
			while (e < end && *e != ']' && *e != '\n') {
				if (*e == ' ' && ++words == 2)
					break;
				e++;
			}
			if (e > v)
				return xstrndup(v, (size_t)(e - v));
			break;
		}
		p = q + 1;
	}
	return xstrdup("unknown");
}

char *sty_file_path(const char *sty_path, const struct sty_file *f)
{
	const char *slash = strrchr(sty_path, '/');
	if (!slash)
		return xstrdup(f->name);
	return xasprintf("%.*s/%s", (int)(slash - sty_path), sty_path, f->name);
}

int sty_check_vendored(const struct project *p, struct diag *d)
{
	char *data;
	size_t len;
	if (!p->sty || read_file(p->sty, &data, &len) < 0)
		return 0;
	int differs = len != sitat_sty_len || memcmp(data, sitat_sty, len);
	const char *other = "";
	for (size_t i = 1; i < sitat_sty_nfiles && !differs; i++) {
		char *path = sty_file_path(p->sty, &sitat_sty_files[i]), *def;
		size_t n;
		if (read_file(path, &def, &n) < 0) {
			differs = 1, other = ", a file of the package is missing";
		} else {
			if (n != sitat_sty_files[i].len || memcmp(def, sitat_sty_files[i].data, n))
				differs = 1, other = ", a .def file of the package differs";
			free(def);
		}
		free(path);
	}
	if (differs) {
		char *have = sty_version(data, len);
		char *want = sty_version((const char *)sitat_sty, sitat_sty_len);
		diag_at(d, D_STY_DIFFERS, p->sty, 0, 0, have, want,
		        *other ? other : strcmp(have, want) ? "" : ", the same version with other content");
		free(have);
		free(want);
	}
	free(data);
	return differs;
}
