/* texinputs.h - every file LaTeX read for a build, from its recorder file
 * (OUTPUT/JOBNAME.fls) and the build's manifest.json: path, SHA-256, the
 * version the file declares (\ProvidesPackage and the like), and the
 * package it came from (prov/texpkg.h: Debian's dpkg database, or TeX
 * Live's texlive.tlpdb).  The examiner's bundle lists them (cmd/bundle.h),
 * and `sitat reproduce` names the ones that differ between two builds.
 * Owner: the list owns every string; texin_list_free releases them. */
#ifndef SITAT_TEXINPUTS_H
#define SITAT_TEXINPUTS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "core/diag.h"

struct cJSON;

struct texin {
	char *path;            /* relative to the project root for a file in the
	                        * project, else absolute (TeX Live's files) */
	char *name;            /* the last component: what TeX looks for */
	char sha256[65];
	char *version;         /* as declared (\ProvidesPackage ...), or NULL */
	char *package;         /* texlive-bibtex-extra (Debian), biblatex (TeX Live), or NULL */
	char *package_version; /* 2022.20230122-4, or NULL */
	bool project;          /* inside the project (committed or generated) */
};

struct texin_list {
	struct texin *v;       /* sorted by path */
	size_t n, cap;
	char *engine;          /* pdflatex, xelatex, lualatex; or NULL */
	char *engine_version;  /* first line of `ENGINE --version`, or NULL */
	char *format;          /* the format file (.fmt) LaTeX ran with, or NULL */
};

/* The inputs of the last build of the project at root whose output
 * directory is outdir (as given, usable from here) and whose job is
 * jobname: every INPUT line of outdir/JOBNAME.fls that is not an OUTPUT
 * of the same run and not in outdir, hashed now for files in the project,
 * and taken from outdir/manifest.json (the hash and version recorded when
 * the stamp was made) for the others when it has them.  Returns 0, or -1
 * after a message in d (no recorder file: build first). */
int texin_from_build(struct texin_list *l, const char *root, const char *outdir,
                     const char *jobname, struct diag *d);
/* Fill package and package_version for every file outside the project. */
void texin_packages(struct texin_list *l);
/* The list as a JSON array of objects {path, name, sha256, version?,
 * package?, package_version?, project}; and back (file names the JSON in
 * messages; -1 after a message in d when an entry is malformed). */
struct cJSON *texin_to_json(const struct texin_list *l);
int texin_from_json(struct texin_list *l, const struct cJSON *arr, const char *file,
                    struct diag *d);
void texin_list_free(struct texin_list *l);
/* s is a SHA-256 as the list holds it: 64 lower-case hex digits. */
bool texin_sha256_ok(const char *s);

/* One difference between the inputs of two builds: then (in the bundle,
 * or the build compared with) and now (the rebuild).  A file is matched
 * by its path, else by its name; then NULL: read only now; now NULL: read
 * only then. */
struct texin_change {
	const struct texin *then, *now;
};
/* The differences (caller frees *out; the entries point into the lists),
 * in the order of then's paths, then the files read only now.  Returns
 * their number. */
size_t texin_diff(const struct texin_list *then, const struct texin_list *now,
                  struct texin_change **out);
/* One line for a change, e.g.
 *   biblatex.sty: 3.19 here (texlive-bibtex-extra 2023.1-1), 3.18 in the bundle (texlive-bibtex-extra 2022.2-4); sha256 0d6f7ace… -> 9a1c03e2…
 * where says what then is ("in the bundle", "in the build compared with"). */
void texin_print_change(FILE *f, const struct texin_change *c, const char *where);
struct cJSON *texin_change_json(const struct texin_change *c);

#endif
