/* texpkg.c - which package installed a file: dpkg's lists and status,
 * then TeX Live's texlive.tlpdb.  Each database file is read once per
 * lookup and its lines looked up in a hash map of the paths wanted. */
#define _DEFAULT_SOURCE
#include "prov/texpkg.h"
#include "core/hmap.h"
#include "core/infile.h"
#include "core/util.h"
#include "core/walk.h"

#include <limits.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* The next line of data[*at..len) as [*s, *s + *k) (no '\n', no '\r'),
 * or false at the end. */
static bool next_line(const char *data, size_t len, size_t *at, const char **s, size_t *k)
{
	if (*at >= len)
		return false;
	const char *line = data + *at;
	const char *nl = memchr(line, '\n', len - *at);
	size_t n = nl ? (size_t)(nl - line) : len - *at;
	*at += n + 1;
	if (n && line[n - 1] == '\r')
		n--;
	*s = line;
	*k = n;
	return true;
}

/* The paths still to find: a hash map from path to index, and the set
 * of their lengths (most lines of a list are no path's length). */
struct want {
	struct hmap m;
	unsigned char lens[PATH_MAX / 8 + 1];
};

static struct want *want_new(const char *const *paths, size_t n, char *const *package)
{
	struct want *w = xcalloc(1, sizeof *w);
	hmap_init(&w->m);
	for (size_t i = 0; i < n; i++) {
		size_t k = paths[i] ? strlen(paths[i]) : 0;
		if (!package[i] && k && k <= PATH_MAX) {
			hmap_put(&w->m, paths[i], i, NULL);
			w->lens[k / 8] |= (unsigned char)(1u << (k % 8));
		}
	}
	return w;
}

static void want_free(struct want *w)
{
	hmap_free(&w->m);
	free(w);
}

static bool has_prefix(const char *s, size_t k, const char *p)
{
	size_t n = strlen(p);
	return k >= n && !memcmp(s, p, n);
}

/* info/NAME.list's lines: package[i] = NAME (less ":arch") for path i. */
static void scan_list(const struct want *w, const char *name, const char *data, size_t len,
                      char **package)
{
	if (!w->m.n)
		return;
	const char *colon = strchr(name, ':');
	char *pkg = colon ? xstrndup(name, (size_t)(colon - name)) : xstrdup(name);
	const char *s;
	size_t k, at = 0, i;
	char line[PATH_MAX + 1];
	while (next_line(data, len, &at, &s, &k)) {
		if (!k || s[0] != '/' || k > PATH_MAX || !(w->lens[k / 8] & (1u << (k % 8))))
			continue;
		memcpy(line, s, k);
		line[k] = '\0';
		if (hmap_get(&w->m, line, &i) && !package[i])
			package[i] = xstrdup(pkg);
	}
	free(pkg);
}

/* One stanza of dpkg's status: the fields that matter, as copies. */
struct stanza {
	char *package, *version, *status;
};

static void stanza_clear(struct stanza *st)
{
	free(st->package);
	free(st->version);
	free(st->status);
	memset(st, 0, sizeof *st);
}

static void stanza_end(struct stanza *st, char *const *package, size_t n, char **version)
{
	/* "install ok installed", not "deinstall ok config-files" */
	bool installed = st->status && str_ends_with(st->status, " installed");
	if (st->package && st->version && installed)
		for (size_t i = 0; i < n; i++)
			if (package[i] && !version[i] && !strcmp(package[i], st->package))
				version[i] = xstrdup(st->version);
	stanza_clear(st);
}

/* The value of "Field: value" (white space around it trimmed). */
static char *field_value(const char *s, size_t k, size_t skip)
{
	while (skip < k && (s[skip] == ' ' || s[skip] == '\t'))
		skip++;
	while (k > skip && (s[k - 1] == ' ' || s[k - 1] == '\t'))
		k--;
	return xstrndup(s + skip, k - skip);
}

/* A value fit to be shown: printable ASCII, at most 100 bytes. */
static char *word_value(const char *s, size_t k, size_t skip)
{
	char *v = field_value(s, k, skip);
	size_t n = strlen(v);
	bool ok = n && n <= 100;
	for (size_t j = 0; j < n && ok; j++)
		ok = v[j] > 0x20 && v[j] < 0x7F;
	if (!ok) {
		free(v);
		return NULL;
	}
	return v;
}

static void scan_status(const char *data, size_t len, char *const *package, size_t n,
                        char **version)
{
	/* the packages asked for, so a stanza is compared only when wanted */
	struct hmap names;
	hmap_init(&names);
	for (size_t i = 0; i < n; i++)
		if (package[i] && !version[i])
			hmap_put(&names, package[i], i, NULL);
	if (!names.n) {
		hmap_free(&names);
		return;
	}
	struct stanza st = {0};
	const char *s;
	size_t k, at = 0, i;
	while (next_line(data, len, &at, &s, &k)) {
		if (!k) {
			stanza_end(&st, package, n, version);
			continue;
		}
		if (has_prefix(s, k, "Package:") && !st.package) {
			char *p = field_value(s, k, 8);
			if (hmap_get(&names, p, &i))
				st.package = p;
			else
				free(p);
		} else if (has_prefix(s, k, "Version:") && !st.version) {
			st.version = word_value(s, k, 8);
		} else if (has_prefix(s, k, "Status:") && !st.status) {
			st.status = field_value(s, k, 7);
		}
	}
	stanza_end(&st, package, n, version);
	hmap_free(&names);
}

/* One package of a tlpdb being read. */
struct tlpkg {
	char *name, *revision, *catalogue;
	size_t *hits; /* the paths found in its runfiles */
	size_t nhits, caphits;
};

static void tlpkg_end(struct tlpkg *p, char **package, char **version)
{
	for (size_t h = 0; h < p->nhits; h++) {
		size_t i = p->hits[h];
		if (package[i] || !p->name)
			continue;
		package[i] = xstrdup(p->name);
		version[i] = p->revision ? p->catalogue ? xasprintf("%s r%s", p->catalogue, p->revision)
		                                        : xasprintf("r%s", p->revision)
		             : p->catalogue ? xstrdup(p->catalogue) : NULL;
	}
	free(p->name);
	free(p->revision);
	free(p->catalogue);
	free(p->hits);
	memset(p, 0, sizeof *p);
}

static void scan_tlpdb(const char *root, const char *data, size_t len,
                       const char *const *paths, size_t n, char **package, char **version)
{
	/* the paths under root not known yet, relative to root */
	char **rel = xcalloc(n ? n : 1, sizeof *rel);
	size_t rl = strlen(root);
	while (rl > 1 && root[rl - 1] == '/')
		rl--;
	if (rl == 1 && root[0] == '/')
		rl = 0;
	for (size_t i = 0; i < n; i++)
		if (!package[i] && paths[i] && !strncmp(paths[i], root, rl) && paths[i][rl] == '/' &&
		    paths[i][rl + 1])
			rel[i] = xstrdup(paths[i] + rl + 1);
	struct want *w = want_new((const char *const *)rel, n, package);
	if (w->m.n) {
		struct tlpkg p = {0};
		bool runfiles = false;
		char line[PATH_MAX + 1];
		const char *s;
		size_t k, at = 0, i;
		while (next_line(data, len, &at, &s, &k)) {
			if (!k) {
				tlpkg_end(&p, package, version);
				runfiles = false;
			} else if (s[0] == ' ') {
				/* " texmf-dist/tex/latex/x/x.sty" (details=… after a space on docfiles) */
				if (!runfiles)
					continue;
				const char *e = memchr(s + 1, ' ', k - 1);
				size_t m = e ? (size_t)(e - s - 1) : k - 1;
				if (!m || m > PATH_MAX || !(w->lens[m / 8] & (1u << (m % 8))))
					continue;
				memcpy(line, s + 1, m);
				line[m] = '\0';
				if (hmap_get(&w->m, line, &i))
					ARRAY_PUSH(p.hits, p.nhits, p.caphits, i);
			} else {
				runfiles = has_prefix(s, k, "runfiles") && (k == 8 || s[8] == ' ');
				if (has_prefix(s, k, "name ") && !p.name)
					p.name = word_value(s, k, 5);
				else if (has_prefix(s, k, "revision ") && !p.revision)
					p.revision = word_value(s, k, 9);
				else if (has_prefix(s, k, "catalogue-version ") && !p.catalogue)
					p.catalogue = word_value(s, k, 18);
			}
		}
		tlpkg_end(&p, package, version);
	}
	want_free(w);
	for (size_t i = 0; i < n; i++)
		free(rel[i]);
	free(rel);
}

void texpkg_scan(enum texpkg_db kind, const char *name, const char *data, size_t len,
                 const char *const *paths, size_t n, char **package, char **version)
{
	switch (kind) {
	case TEXPKG_DPKG_LIST: {
		struct want *w = want_new(paths, n, package);
		scan_list(w, name, data, len, package);
		want_free(w);
		break;
	}
	case TEXPKG_DPKG_STATUS:
		scan_status(data, len, package, n, version);
		break;
	case TEXPKG_TLPDB:
		scan_tlpdb(name, data, len, paths, n, package, version);
		break;
	}
}

/* ---- the databases on disk ---------------------------------------------- */

static void dpkg_lookup(const char *const *paths, size_t n, char **package, char **version)
{
	const char *env = getenv("SITAT_DPKG_DIR");
	const char *dir = env ? env : "/var/lib/dpkg";
	if (!dir[0])
		return;
	char *info = path_join(dir, "info");
	struct walk_list l;
	struct want *w = want_new(paths, n, package);
	if (walk_dir(info, 0, ".list", &l) == 0) {
		for (size_t i = 0; i < l.n; i++) {
			char *data;
			size_t len;
			if (l.v[i].type != WALK_FILE || read_file(l.v[i].path, &data, &len) < 0)
				continue;
			char *pkg = xstrndup(l.v[i].name, strlen(l.v[i].name) - 5);
			scan_list(w, pkg, data, len, package);
			free(pkg);
			free(data);
		}
		walk_free(&l);
	}
	want_free(w);
	free(info);
	bool found = false;
	for (size_t k = 0; k < n && !found; k++)
		found = package[k] != NULL;
	char *status = path_join(dir, "status"), *data;
	size_t len;
	if (found && read_file(status, &data, &len) == 0) {
		scan_status(data, len, package, n, version);
		free(data);
	}
	free(status);
}

/* The folder whose tlpkg/texlive.tlpdb describes path (the nearest
 * above it), or NULL.  Caller frees. */
static char *tlpdb_root_of(const char *path)
{
	char *dir = xstrdup(path);
	for (int depth = 0; depth < 64; depth++) {
		char *slash = strrchr(dir, '/');
		if (!slash || slash == dir)
			break;
		*slash = '\0';
		char *db = path_join(dir, "tlpkg/texlive.tlpdb");
		struct stat sb;
		bool there = stat(db, &sb) == 0 && S_ISREG(sb.st_mode);
		free(db);
		if (there)
			return dir;
	}
	free(dir);
	return NULL;
}

static void tlpdb_file(const char *db, const char *root, const char *const *paths, size_t n,
                       char **package, char **version)
{
	char *data;
	size_t len;
	if (read_file(db, &data, &len) == 0) {
		scan_tlpdb(root, data, len, paths, n, package, version);
		free(data);
	}
}

static void tlpdb_lookup(const char *const *paths, size_t n, char **package, char **version)
{
	const char *env = getenv("SITAT_TLPDB");
	if (env) {
		if (!env[0])
			return;
		/* ROOT/tlpkg/texlive.tlpdb describes ROOT */
		char *root = xstrdup(env);
		for (int up = 0; up < 2; up++) {
			char *slash = strrchr(root, '/');
			if (slash && slash != root)
				*slash = '\0';
			else
				strcpy(root, slash ? "/" : ".");
		}
		tlpdb_file(env, root, paths, n, package, version);
		free(root);
		return;
	}
	/* each tree once: the roots found so far, tried before a search */
	char **roots = NULL;
	size_t nroots = 0, cap = 0;
	for (size_t i = 0; i < n; i++) {
		if (package[i] || !paths[i])
			continue;
		bool known = false;
		for (size_t r = 0; r < nroots && !known; r++) {
			size_t k = strlen(roots[r]);
			known = !strncmp(paths[i], roots[r], k) && paths[i][k] == '/';
		}
		char *root = known ? NULL : tlpdb_root_of(paths[i]);
		if (root)
			ARRAY_PUSH(roots, nroots, cap, root);
	}
	for (size_t r = 0; r < nroots; r++) {
		char *db = path_join(roots[r], "tlpkg/texlive.tlpdb");
		tlpdb_file(db, roots[r], paths, n, package, version);
		free(db);
		free(roots[r]);
	}
	free(roots);
}

void texpkg_lookup(const char *const *paths, size_t n, char **package, char **version)
{
	/* slot i is path i, slot n + i its real name when that differs: one
	 * pass over each database for both, the path's answer first */
	size_t m = n ? 2 * n : 1;
	const char **keys = xcalloc(m, sizeof *keys);
	char **real = xcalloc(m, sizeof *real);
	char **pkg = xcalloc(m, sizeof *pkg), **ver = xcalloc(m, sizeof *ver);
	for (size_t i = 0; i < n; i++) {
		keys[i] = paths[i];
		char *r = paths[i] ? realpath(paths[i], NULL) : NULL;
		if (r && strcmp(r, paths[i]))
			keys[n + i] = real[i] = r;
		else
			free(r);
	}
	dpkg_lookup(keys, 2 * n, pkg, ver);
	tlpdb_lookup(keys, 2 * n, pkg, ver);
	for (size_t i = 0; i < n; i++) {
		size_t from = pkg[i] ? i : n + i;
		package[i] = pkg[from];
		version[i] = ver[from];
		pkg[from] = ver[from] = NULL;
	}
	for (size_t i = 0; i < 2 * n; i++) {
		free(pkg[i]);
		free(ver[i]);
	}
	for (size_t i = 0; i < n; i++)
		free(real[i]);
	free(real);
	free(keys);
	free(pkg);
	free(ver);
}
