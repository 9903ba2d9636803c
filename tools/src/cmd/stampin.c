/* stampin.c - the stamp of a project's build: what the build read (the
 * store, the bibliography, LaTeX's recorder file, the project file, the
 * package, the tool) and the check of the generated files. */
#define _DEFAULT_SOURCE
#include "cmd/stampin.h"
#include "cmd/cmd.h"
#include "core/fls.h"
#include "core/infile.h"
#include "core/store.h"
#include "core/walk.h"
#include "latex/writers.h"
#include "prov/pdfstamp.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

struct inputs {
	struct stamp_input *v;
	size_t n, cap;
	char **own; /* the paths made here */
	size_t nown, capown;
	struct stamp_texfile *tex; /* LaTeX's inputs in the project, as named */
	size_t ntex, captex;
};

/* Characters a path may have to be written into stamp.tex as it is. */
static bool tex_safe(const char *s)
{
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
		      (*s >= '0' && *s <= '9') || strchr("./_-+", *s)))
			return false;
	return true;
}

/* A file LaTeX read inside the project (not generated, not output): its
 * name as LaTeX has it and its MD5, for sitat.sty's check. */
static void add_texfile(struct inputs *in, const struct project *p,
                        const char *name, const char *abs)
{
	char *in_root = path_below(p->root, abs), *in_gen = path_below(p->generated, abs),
	     *in_out = path_below(p->output, abs);
	struct stamp_texfile t = {NULL, ""};
	if (in_root && !in_gen && !in_out && tex_safe(name) && md5_file(abs, t.md5) == 0) {
		t.path = xstrdup(name);
		ARRAY_PUSH(in->tex, in->ntex, in->captex, t);
	}
	free(in_root);
	free(in_gen);
	free(in_out);
}

static void add(struct inputs *in, char *path, bool tex)
{
	ARRAY_PUSH(in->own, in->nown, in->capown, path);
	ARRAY_PUSH(in->v, in->n, in->cap, ((struct stamp_input){path, tex}));
}

/* Every file under dir (recursive, hidden too), or dir itself if a file. */
static void add_tree(struct inputs *in, const char *dir, unsigned flags)
{
	struct stat sb;
	if (lstat(dir, &sb) < 0)
		return;
	if (!S_ISDIR(sb.st_mode)) {
		add(in, xstrdup(dir), false);
		return;
	}
	struct walk_list l;
	if (walk_dir(dir, flags, NULL, &l) < 0)
		return;
	for (size_t i = 0; i < l.n; i++)
		if (l.v[i].type != WALK_DIR)
			add(in, xstrdup(l.v[i].path), false);
	walk_free(&l);
}

/* The files sitat reads from the store (as store_load does). */
static void add_store(struct inputs *in, const char *store)
{
	add(in, path_join(store, "project.json"), false);
	add(in, path_join(store, "codebook.json"), false);
	char *s = path_join(store, "sources"), *c = path_join(store, "codings");
	add_tree(in, s, 0);
	add_tree(in, c, 0);
	free(s);
	free(c);
}

/* The files a recorder file lists as read (core/fls.h), made absolute
 * with its PWD line. */
static void add_fls(struct inputs *in, const struct project *p, const char *fls)
{
	struct fls f;
	if (fls_read(&f, fls) < 0)
		return;
	for (size_t i = 0; i < f.n; i++) {
		add(in, fls_absolute(&f, f.inputs[i]), true);
		add_texfile(in, p, f.inputs[i], in->v[in->n - 1].path);
	}
	fls_free(&f);
}

/* No recorder file yet (the first build): for sitat.sty's check, every
 * .tex file under the main file's folder, named from there. */
static void add_texdir(struct inputs *in, const struct project *p)
{
	struct walk_list l;
	if (walk_dir(p->texdir, WALK_RECURSE, ".tex", &l) < 0)
		return;
	for (size_t i = 0; i < l.n; i++)
		if (l.v[i].type == WALK_FILE)
			add_texfile(in, p, l.v[i].name, l.v[i].path);
	walk_free(&l);
}

static const char *const gen_files[] = {"quotes.tex", "tables.tex", "sitat.bib"};
static void (*const gen_writers[])(struct buf *, const struct store *) = {
	quotes_write, tables_write, bib_write};

/* quotes.tex, tables.tex, sitat.bib: what the store makes now?  A file
 * that is not there yet is not counted (a fresh clone before generate). */
static void check_generated(struct stamp *st, const struct project *p)
{
	struct store s;
	struct diag d;
	diag_init(&d, NULL);
	int r = store_load(&s, p->store, &d);
	bool ok = r == 0 && !d.errors;
	diag_free(&d);
	for (size_t k = 0; k < 3; k++) {
		char *path = path_join(p->generated, gen_files[k]), *data = NULL;
		size_t len = 0;
		const char *why = NULL;
		if (read_file(path, &data, &len) < 0) {
			why = NULL; /* not made yet: LaTeX has nothing stale to read */
		} else if (!ok) {
			why = "not checked: the store has errors (run sitat check)";
		} else {
			struct buf b;
			buf_init(&b);
			gen_writers[k](&b, &s);
			if (st->storeid[0])
				store_id_write(&b, gen_files[k], st->storeid);
			if (b.len != len || memcmp(b.data, data, len))
				why = "not what the store makes: edited by hand, or stale (run sitat generate)";
			buf_free(&b);
		}
		if (why)
			stamp_add_file(st, path, why, STAMP_GENERATED);
		free(data);
		free(path);
	}
	store_free(&s); /* as gen_load: also after a failed load */
}

int stamp_project(struct stamp *st, const struct project *p, const char *dir,
                  const char *fls, struct diag *d)
{
	struct inputs in = {0};
	add_store(&in, p->store);
	for (size_t i = 0; i < p->nbib; i++)
		add_tree(&in, p->bib[i], WALK_RECURSE | WALK_HIDDEN);
	if (p->file)
		add(&in, xstrdup(p->file), false);
	if (p->sty)
		add(&in, xstrdup(p->sty), false);
	/* the last run's recorder file: sitat build's (OUTPUT/JOBNAME.fls),
	 * else a plain latexmk's next to the main file */
	char *dflt = xasprintf("%s/%s.fls", p->output, p->jobname);
	char *plain = xasprintf("%s/%s.fls", p->texdir, p->jobname);
	struct stat fs;
	const char *rec = fls ? fls : stat(dflt, &fs) == 0 ? dflt : plain;
	if (stat(rec, &fs) == 0)
		add_fls(&in, p, rec);
	else
		add_texdir(&in, p);
	free(dflt);
	free(plain);
	/* the bibliography area: the one folder the project names, or bib/ */
	struct stat sb;
	const char *bib = p->nbib == 1 && stat(p->bib[0], &sb) == 0 && S_ISDIR(sb.st_mode)
	                  ? p->bib[0] : NULL;
	struct stamp_config cfg = {
		.area = {p->store, bib, p->texdir},
		.generated = p->generated,
		.output = p->output,
		.inputs = in.v,
		.ninputs = in.n,
		.tool_sources = true,
	};
	int r = stamp_compute_build(st, dir, &cfg, d);
	if (r == 0) {
		if (store_content_id(p->store, st->storeid) < 0)
			st->storeid[0] = '\0';
		check_generated(st, p);
		st->tex = in.tex, st->ntex = in.ntex, st->captex = in.captex;
		in.tex = NULL, in.ntex = 0;
	}
	for (size_t i = 0; i < in.ntex; i++)
		free(in.tex[i].path);
	free(in.tex);
	for (size_t i = 0; i < in.nown; i++)
		free(in.own[i]);
	free(in.own);
	free(in.v);
	return r;
}
