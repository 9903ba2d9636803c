/* cmd_stamp.c - sitat stamp: the data version of this build, for the PDF
 * (stamp.tex), for programs (--json) and for examiners (manifest.json). */
#define _DEFAULT_SOURCE
#include "cmd/cmd.h"
#include "core/outfile.h"
#include "latex/writers.h"
#include "prov/repo.h"
#include "latex/texout.h"

#include <cjson/cJSON.h>
#include <git2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

struct stamp_opts {
	const char *dir;      /* where to look for the repository */
	const char *out;      /* stamp.tex, or NULL */
	const char *manifest; /* manifest.json, or NULL */
	const char *engine;   /* TeX engine and version, for the manifest */
	bool json, epoch, quiet, require_clean;
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


static void add_file_ids(cJSON *files, const char *dir)
{
	char **names;
	size_t n;
	if (list_dir(dir, "", &names, &n) < 0)
		return;
	for (size_t i = 0; i < n; i++) {
		char *p = path_join(dir, names[i]);
		git_oid oid;
		char id[41];
		if (strcmp(names[i], "generated") && strcmp(names[i], "private") &&
		    git_odb_hashfile(&oid, p, GIT_OBJECT_BLOB) == 0) {
			git_oid_tostr(id, sizeof id, &oid);
			cJSON_AddStringToObject(files, p, id);
		}
		git_error_clear();
		free(p);
		free(names[i]);
	}
	free(names);
}

static int write_manifest(const struct stamp_opts *o, const struct stamp *st)
{
	cJSON *m = stamp_json(st);
	char date[32];
	stamp_iso_date(date, stamp_epoch(st));
	cJSON_AddStringToObject(m, "sitat_version", SITAT_VERSION);
	cJSON_AddStringToObject(m, "engine", o->engine ? o->engine : "");
	cJSON_AddNumberToObject(m, "source_date_epoch", (double)stamp_epoch(st));
	cJSON_AddStringToObject(m, "build_date", date);
	cJSON *files = cJSON_AddObjectToObject(m, "inputs");
	git_libgit2_init();
	static const char *const dirs[] = {"evidence", "evidence/sources",
		"evidence/codings", "bib", "thesis", "thesis/kapitler", NULL};
	for (const char *const *d = dirs; *d; d++)
		add_file_ids(files, *d);
	git_libgit2_shutdown();
	char *txt = cJSON_Print(m);
	struct buf b;
	buf_init(&b);
	buf_puts(&b, txt);
	buf_putc(&b, '\n');
	int r = write_if_changed(o->manifest, b.data, b.len);
	buf_free(&b);
	free(txt);
	cJSON_Delete(m);
	return r < 0 ? EXIT_USAGE : EXIT_OK;
}

int cmd_stamp(int argc, char **argv)
{
	struct stamp_opts o = {.dir = "."};
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		bool more = i + 1 < argc;
		if (!strcmp(a, "--json"))
			o.json = true;
		else if (!strcmp(a, "--require-clean"))
			o.require_clean = true;
		else if (!strcmp(a, "--epoch"))
			o.epoch = true;
		else if (!strcmp(a, "-q") || !strcmp(a, "--quiet"))
			o.quiet = true;
		else if (!strcmp(a, "-o") && more)
			o.out = argv[++i];
		else if (!strcmp(a, "--manifest") && more)
			o.manifest = argv[++i];
		else if (!strcmp(a, "--engine") && more)
			o.engine = argv[++i];
		else if (!strcmp(a, "-C") && more)
			o.dir = argv[++i];
		else
			return cmd_usage_error("stamp", "unknown argument '%s'", a);
	}
	struct stamp st;
	char *err = NULL;
	if (stamp_compute(&st, o.dir, &err) < 0) {
		fprintf(stderr, "sitat stamp: %s\n", err);
		free(err);
		stamp_free(&st);
		return EXIT_USAGE;
	}
	int status = EXIT_OK;
	if (o.require_clean) {
		const char *why = !st.has_repo ? "not in a git repository (no version)"
		                  : !st.commit[0] ? "the repository has no commits" : NULL;
		if (why) {
			fprintf(stderr, "sitat stamp: refusing: %s\n", why);
			stamp_free(&st);
			return EXIT_PROBLEMS;
		}
		for (int a = 0; a < STAMP_AREAS; a++) {
			const struct stamp_area *ar = &st.area[a];
			if (ar->dirty) {
				fprintf(stderr, "sitat stamp: refusing: %s/ has uncommitted changes "
				        "(%zu modified, %zu staged, %zu deleted, %zu renamed, "
				        "%zu untracked)\n", stamp_area_names[a], ar->modified,
				        ar->staged, ar->deleted, ar->renamed, ar->untracked);
				status = EXIT_PROBLEMS;
			}
		}
		if (status != EXIT_OK) {
			stamp_free(&st);
			return status;
		}
	}
	if (o.json) {
		cJSON *j = stamp_json(&st);
		char *txt = cJSON_Print(j);
		puts(txt);
		free(txt);
		cJSON_Delete(j);
	}
	if (o.epoch)
		printf("%lld\n", stamp_epoch(&st));
	if (o.out) {
		struct buf b;
		buf_init(&b);
		stamp_tex_write(&b, &st);
		struct gen_opts g = {.store = "evidence", .out = o.out, .quiet = o.quiet};
		status = gen_write("stamp", &g, &b);
		buf_free(&b);
	}
	if (o.manifest && status == EXIT_OK)
		status = write_manifest(&o, &st);
	if (!o.json && !o.epoch && !o.out && !o.manifest && !o.require_clean) {
		char tmp[42];
		const char *ev = stamp_area_version(&st, 0, tmp);
		printf("commit %s\nevidence %s\n%s\n", st.commit[0] ? st.commit : "(none)",
		       ev[0] ? ev : "(none)", !st.has_repo ? "no repository" :
		       st.dirty || !st.commit[0] ? "dirty" : "clean");
	}
	stamp_free(&st);
	return status;
}
