/* cmd_stamp.c - sitat stamp: the data version of this build, for the PDF
 * (stamp.tex), for programs (--json) and for examiners (manifest.json). */
#define _DEFAULT_SOURCE
#include "cmd/cmd.h"
#include "cmd/stampin.h"
#include "core/fls.h"
#include "core/infile.h"
#include "core/walk.h"
#include "latex/writers.h"
#include "prov/pdfstamp.h"
#include "prov/private.h"
#include "prov/repo.h"

#include <cjson/cJSON.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct stamp_opts {
	const char *dir;      /* where to look for the repository */
	const char *out;      /* stamp.tex, or NULL */
	const char *manifest; /* manifest.json, or NULL */
	const char *engine;   /* TeX engine and version, for the manifest */
	const char *fls;      /* LaTeX's recorder file, or NULL: the project's */
	bool json, epoch, quiet, require_clean;
};

const struct opt stamp_options[] = {
	OPT_OUTPUT(struct stamp_opts, out, "write stamp.tex for sitat.sty (- for standard output)"),
	OPT_PATH("manifest", 0, struct stamp_opts, manifest, "FILE",
	           "write the build manifest (JSON)"),
	OPT_STRING("engine", 0, struct stamp_opts, engine, "TEXT",
	           "TeX engine and version, for the manifest"),
	OPT_FLAG("json", 0, struct stamp_opts, json, "print the stamp as JSON"),
	OPT_FLAG("epoch", 0, struct stamp_opts, epoch,
	         "print SOURCE_DATE_EPOCH for this build (commit time)"),
	OPT_PATH("fls", 0, struct stamp_opts, fls, "FILE",
	           "the recorder file of the last LaTeX run (default: OUTPUT/JOBNAME.fls)"),
	OPT_FLAG("require-clean", 0, struct stamp_opts, require_clean,
	         "exit 1 unless everything the build reads is committed"),
	OPT_QUIET(struct stamp_opts, quiet, "do not say whether stamp.tex was written"),
	OPT_REPO(struct stamp_opts, dir),
	OPT_END,
};

static cJSON *stamp_json(const struct stamp *st)
{
	cJSON *o = cJSON_CreateObject();
	char tmp[42];
	cJSON_AddStringToObject(o, "format", "sitat-stamp/1");
	if (st->commit[0])
		cJSON_AddStringToObject(o, "commit", st->commit);
	else
		cJSON_AddNullToObject(o, "commit");
	const char *ev = stamp_area_version(st, 0, tmp);
	if (ev[0])
		cJSON_AddStringToObject(o, "data_version", ev);
	else
		cJSON_AddNullToObject(o, "data_version");
	cJSON_AddBoolToObject(o, "dirty", st->dirty || !st->commit[0]);
	cJSON_AddStringToObject(o, "store_id", st->storeid);
	cJSON *fl = cJSON_AddArrayToObject(o, "differs");
	for (size_t i = 0; i < st->nfiles; i++) {
		cJSON *f = cJSON_CreateObject();
		cJSON_AddStringToObject(f, "path", st->files[i].path);
		cJSON_AddStringToObject(f, "why", st->files[i].why);
		cJSON_AddItemToArray(fl, f);
	}
	cJSON_AddBoolToObject(o, "repository", st->has_repo);
	if (st->describe)
		cJSON_AddStringToObject(o, "describe", st->describe);
	if (st->branch)
		cJSON_AddStringToObject(o, "branch", st->branch);
	cJSON_AddBoolToObject(o, "detached", st->detached);
	cJSON_AddBoolToObject(o, "shallow", st->shallow);
	cJSON_AddBoolToObject(o, "worktree", st->worktree);
	if (st->commit[0])
		cJSON_AddNumberToObject(o, "commit_time", (double)st->commit_time);
	cJSON *areas = cJSON_AddObjectToObject(o, "areas");
	for (int a = 0; a < STAMP_AREAS; a++) {
		const struct stamp_area *ar = &st->area[a];
		cJSON *x = cJSON_AddObjectToObject(areas, stamp_area_names[a]);
		if (ar->tree[0])
			cJSON_AddStringToObject(x, "tree", ar->tree);
		else
			cJSON_AddNullToObject(x, "tree");
		cJSON_AddBoolToObject(x, "dirty", ar->dirty);
		if (ar->dirty)
			cJSON_AddStringToObject(x, "content", ar->content);
		cJSON_AddNumberToObject(x, "modified", (double)ar->modified);
		cJSON_AddNumberToObject(x, "staged", (double)ar->staged);
		cJSON_AddNumberToObject(x, "deleted", (double)ar->deleted);
		cJSON_AddNumberToObject(x, "renamed", (double)ar->renamed);
		cJSON_AddNumberToObject(x, "untracked", (double)ar->untracked);
	}
	return o;
}

/* The git blob id of every regular file directly in dir (not generated/
 * or private/, which are directories anyway), keyed by path. */
static void add_file_ids(cJSON *files, const char *dir)
{
	struct walk_list l;
	if (walk_dir(dir, 0, NULL, &l) < 0)
		return;
	for (size_t i = 0; i < l.n; i++) {
		char id[41];
		if (l.v[i].type == WALK_FILE && file_blob_id(l.v[i].path, id) == 0)
			cJSON_AddStringToObject(files, l.v[i].path, id);
	}
	walk_free(&l);
}

/* "system_inputs": every file LaTeX read (OUTPUT/JOBNAME.fls) outside the
 * project, such as TeX Live's, with its SHA-256 and the version it
 * declares; not counted as dirty, recorded so a rebuild can be compared. */
static void add_system_inputs(cJSON *m, const struct project *p)
{
	char *name = xasprintf("%s.fls", p->jobname);
	char *fls = path_join(p->output, name);
	free(name);
	char root[PATH_MAX];
	struct fls f;
	cJSON *sys = cJSON_AddObjectToObject(m, "system_inputs");
	if (!realpath(p->root, root) || fls_read(&f, fls) < 0) {
		free(fls);
		return;
	}
	size_t rl = strlen(root);
	for (size_t i = 0; i < f.n; i++) {
		const char *in = f.inputs[i];
		if (in[0] != '/' || (!strncmp(in, root, rl) && (in[rl] == '/' || !in[rl])))
			continue;
		char sha[65];
		if (sha256_file(in, sha) < 0)
			continue;
		cJSON *e = cJSON_AddObjectToObject(sys, in);
		cJSON_AddStringToObject(e, "sha256", sha);
		char *v = texfile_version_of(in);
		if (v)
			cJSON_AddStringToObject(e, "version", v);
		free(v);
	}
	fls_free(&f);
	free(fls);
}

static int write_manifest(const struct stamp_opts *o, const struct stamp *st,
                          const struct project *p)
{
	cJSON *m = stamp_json(st);
	char date[32];
	stamp_iso_date(date, stamp_epoch(st));
	cJSON_AddStringToObject(m, "sitat_version", SITAT_VERSION);
	cJSON_AddStringToObject(m, "engine", o->engine ? o->engine : "");
	cJSON_AddNumberToObject(m, "source_date_epoch", (double)stamp_epoch(st));
	cJSON_AddStringToObject(m, "build_date", date);
	cJSON *files = cJSON_AddObjectToObject(m, "inputs");
	char *sources = path_join(p->store, "sources"), *codings = path_join(p->store, "codings");
	const char *dirs[] = {p->store, sources, codings, p->texdir};
	for (size_t i = 0; i < sizeof dirs / sizeof dirs[0]; i++)
		add_file_ids(files, dirs[i]);
	for (size_t i = 0; i < p->nbib; i++)
		add_file_ids(files, p->bib[i]);
	free(sources);
	free(codings);
	/* what LaTeX read in the project at the last run, with its MD5 */
	cJSON *tex = cJSON_AddObjectToObject(m, "tex_inputs");
	for (size_t i = 0; i < st->ntex; i++)
		cJSON_AddStringToObject(tex, st->tex[i].path, st->tex[i].md5);
	add_system_inputs(m, p);
	const char *store = p->store;
	char *txt = cJSON_Print(m);
	struct buf b;
	buf_init(&b);
	buf_puts(&b, txt);
	buf_putc(&b, '\n');
	int r = gen_write("stamp", store, o->manifest, true, &b);
	buf_free(&b);
	free(txt);
	cJSON_Delete(m);
	return r;
}

/* --require-clean: EXIT_OK, or EXIT_PROBLEMS after saying what is not. */
static int require_clean(const struct stamp_opts *o, const struct stamp *st)
{
	struct diag d;
	diag_init(&d, stderr);
	if (!st->has_repo)
		diag_at(&d, D_STAMP_NO_VERSION, o->dir, 0, 0, "not in a git repository (no version)");
	else if (!st->commit[0])
		diag_at(&d, D_STAMP_NO_VERSION, o->dir, 0, 0, "the repository has no commits");
	const char *dirty[STAMP_AREAS];
	size_t ndirty = 0;
	for (int a = 0; a < STAMP_AREAS && st->has_repo && st->commit[0]; a++) {
		const struct stamp_area *ar = &st->area[a];
		if (ar->dirty) {
			diag_at(&d, D_STAMP_DIRTY, o->dir, 0, 0, st->area_path[a],
			        ar->modified, ar->staged, ar->deleted, ar->renamed,
			        ar->untracked);
			dirty[ndirty++] = st->area_path[a];
		}
	}
	/* and the files, by name */
	if (ndirty)
		repo_list_dirty(o->dir, dirty, ndirty, &d);
	/* the generated files are not committed: the build makes them again */
	for (size_t i = 0; i < st->nfiles && st->has_repo && st->commit[0]; i++)
		if (st->files[i].area != STAMP_GENERATED)
			diag_at(&d, D_STAMP_DIFFERS, st->files[i].path, 0, 0, st->files[i].why);
	int status = d.errors ? EXIT_PROBLEMS : EXIT_OK;
	diag_free(&d);
	return status;
}

static void print_summary(const struct stamp *st)
{
	char tmp[42];
	const char *ev = stamp_area_version(st, 0, tmp);
	printf("commit %s\nevidence %s\n%s\n", st->commit[0] ? st->commit : "(none)",
	       ev[0] ? ev : "(none)", !st->has_repo ? "no repository" :
	       st->dirty || !st->commit[0] ? "dirty" : "clean");
}

/* Refuse outputs that may not be written before anything is computed. */
static int check_outputs(const struct stamp_opts *o, const char *store)
{
	int st = EXIT_OK;
	if (o->out)
		st = gen_check_out(store, o->out);
	if (st == EXIT_OK && o->manifest)
		st = gen_check_out(store, o->manifest);
	return st;
}

static int stamp_outputs(const struct stamp_opts *o, const struct stamp *st,
                         const struct project *p)
{
	const char *store = p->store;
	int status = EXIT_OK;
	if (o->json)
		cmd_print_json(stamp_json(st));
	if (o->epoch)
		printf("%lld\n", stamp_epoch(st));
	if (o->out) {
		struct buf b;
		buf_init(&b);
		stamp_tex_write(&b, st);
		status = gen_write("stamp", store, o->out, o->quiet, &b);
		buf_free(&b);
	}
	if (o->manifest && status == EXIT_OK)
		status = write_manifest(o, st, p);
	if (!o->json && !o->epoch && !o->out && !o->manifest && !o->require_clean)
		print_summary(st);
	return status;
}

int cmd_stamp(int argc, char **argv)
{
	struct stamp_opts o = {.dir = "."};
	int status = cmd_parse(&argc, argv, &o);
	if (status != CMD_RUN)
		return status;
	struct project p;
	struct diag pd;
	diag_init(&pd, stderr);
	int pr = project_load(&p, o.dir, &pd);
	diag_free(&pd);
	if (pr < 0) {
		fprintf(stderr, "sitat stamp: the project file cannot be used (run 'sitat check')\n");
		project_free(&p);
		return EXIT_USAGE;
	}
	struct stamp st;
	struct diag d;
	diag_init(&d, stderr);
	/* a key git would commit: nothing is stamped (private.h) */
	if ((status = check_outputs(&o, p.store)) == EXIT_OK &&
	    private_check_ignored(p.store, &d) != 0)
		status = EXIT_PROBLEMS;
	if (status != EXIT_OK) {
		project_free(&p);
		diag_free(&d);
		return status;
	}
	if (stamp_project(&st, &p, o.dir, o.fls, &d) < 0) {
		status = EXIT_IO;
	} else {
		for (size_t i = 0; i < st.noutside; i++)
			diag_at(&d, D_STAMP_OUTSIDE, st.outside[i], 0, 0);
		if (!o.require_clean || (status = require_clean(&o, &st)) == EXIT_OK)
			status = stamp_outputs(&o, &st, &p);
	}
	stamp_free(&st);
	diag_free(&d);
	project_free(&p);
	return status;
}
