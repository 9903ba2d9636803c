/* cmd_bundle.c - sitat bundle [-o FILE]: the examiner's bundle
 * (cmd/bundle.h; docs/reproducible.md, "The examiner's bundle").
 *
 * Refused unless the working tree is clean and the project's PDF is a
 * clean build of HEAD.  The tree's files come from the commit's objects
 * (never from the working tree: an ignored or untracked file cannot get
 * in), the pack from libgit2's packbuilder (prov/pack.h), the TeX inputs
 * from the build's recorder file (cmd/texinputs.h); io/tarball.h writes
 * the archive, core/outfile.h writes it atomically. */
#define _POSIX_C_SOURCE 200809L
#include "cmd/bundle.h"
#include "cmd/cmd.h"
#include "core/infile.h"
#include "core/outfile.h"
#include "io/pdftext.h"
#include "io/tarball.h"
#include "prov/pack.h"
#include "prov/pdfstamp.h"
#include "prov/private.h"
#include "prov/repo.h"

#include <cjson/cJSON.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define TOP "sitat-bundle/"

struct bundle_opts {
	const char *out, *dir;
	bool json, quiet;
};

const struct opt bundle_options[] = {
	OPT_PATH("output", 'o', struct bundle_opts, out, "FILE",
	         "write the bundle to FILE (default: the project's output, build/thesis.bundle)"),
	OPT_FLAG("json", 0, struct bundle_opts, json, "say what was written as JSON, on standard output"),
	OPT_QUIET(struct bundle_opts, quiet, "say nothing when it is written"),
	OPT_REPO(struct bundle_opts, dir),
	OPT_END,
};

/* What goes into the archive, and what the manifest says of it. */
struct bundling {
	struct tar_list tar;
	const char *privdir; /* the store's private/, relative to the tree, with '/' */
	size_t private_files;
	const char *root;
	struct diag *d;
};

/* A file of the commit's tree: under tree/ (never the key). */
static int add_tree_file(const struct pack_file *f, void *arg)
{
	struct bundling *b = arg;
	if (b->privdir && !strncmp(f->path, b->privdir, strlen(b->privdir))) {
		char *p = path_join(b->root, f->path);
		diag_at(b->d, D_KEY_TRACKED, p, 0, 0, f->path);
		free(p);
		b->private_files++;
		return 0;
	}
	char *name = xasprintf(TOP "tree/%s", f->path);
	tar_add(&b->tar, name, f->data, f->len, f->exec);
	free(name);
	return 0;
}

/* The describe the build stamped into the PDF (generated/stamp.tex), or
 * NULL; only a plain value ([A-Za-z0-9._/+-]) is taken. */
static char *stamped_describe(const char *generated)
{
	char *p = path_join(generated, "stamp.tex"), *data, *out = NULL;
	size_t len;
	if (read_file(p, &data, &len) == 0) {
		const char *key = "\\sitat@stamp{describe}{";
		char *s = strstr(data, key);
		if (s) {
			s += strlen(key);
			size_t n = strspn(s, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
			                     "0123456789._/+-");
			if (n && s[n] == '}')
				out = xstrndup(s, n);
		}
		free(data);
	}
	free(p);
	return out;
}

static const char *readme_fmt =
	"This is an examiner's bundle (" BUNDLE_FORMAT ") made by sitat %s:\n"
	"the thesis %s.pdf, and everything it was built from.\n"
	"\n"
	"  commit  %s (%s)\n"
	"  PDF     %s.pdf, SHA-256 %s\n"
	"\n"
	"To rebuild the PDF from it, offline, and compare (install sitat first):\n"
	"\n"
	"  sitat reproduce THIS.bundle\n"
	"\n"
	"It says identical (the same bytes), same text (other bytes, the same\n"
	"text on every page: the TeX inputs that differ are named), or different\n"
	"(the pages whose text differs).\n"
	"\n"
	"What is in it:\n"
	"  MANIFEST.json     the commit, the PDF's SHA-256, the TeX engine and\n"
	"                    every file LaTeX read, with its SHA-256 and package\n"
	"  %s.pdf          the PDF, and %s.pdf.sha256 its SHA-256\n"
	"  %s.sitat        the use record of that build (claims, quotes, pages)\n"
	"  git/objects.pack  the commit, its tree and every file of it as git objects\n"
	"  tree/             the commit's files (exactly what is committed)\n"
	"\n"
	"To check it by hand (git and coreutils), in the unpacked sitat-bundle/:\n"
	"\n"
	"  sha256sum -c %s.pdf.sha256\n"
	"  git init -q --bare ../check.git\n"
	"  git --git-dir=../check.git index-pack --stdin <git/objects.pack\n"
	"  git --git-dir=../check.git update-ref HEAD %s\n"
	"  git --git-dir=../check.git --work-tree=tree read-tree HEAD\n"
	"  git --git-dir=../check.git --work-tree=tree status --porcelain --untracked-files=all\n"
	"\n"
	"index-pack computes every object's id from its content (and refuses a\n"
	"pack that needs objects from elsewhere); update-ref fails unless the\n"
	"commit is in it; status compares tree/ with the commit (no output: the\n"
	"same files, modes included).\n";

/* The manifest (cJSON prints it the same way every time). */
static cJSON *manifest(const struct project *p, const struct stamp *st, const char *describe,
                       const struct pack_info *info, const char *pdf_sha, size_t pdf_bytes,
                       size_t pages, const char *pack_sha, bool record,
                       const struct texin_list *tl, const char *engine)
{
	char date[32];
	cJSON *m = cJSON_CreateObject();
	cJSON_AddStringToObject(m, "format", BUNDLE_FORMAT);
	cJSON_AddStringToObject(m, "sitat_version", SITAT_VERSION);
	cJSON_AddStringToObject(m, "commit", info->commit);
	cJSON_AddStringToObject(m, "tree", info->tree);
	cJSON_AddStringToObject(m, "describe", describe ? describe : "");
	cJSON_AddNumberToObject(m, "commit_time", (double)info->time);
	stamp_iso_date(date, info->time);
	cJSON_AddStringToObject(m, "commit_date", date);
	cJSON_AddStringToObject(m, "jobname", p->jobname);
	cJSON_AddStringToObject(m, "engine", engine);
	if (tl->engine_version)
		cJSON_AddStringToObject(m, "engine_version", tl->engine_version);
	else
		cJSON_AddNullToObject(m, "engine_version");
	if (tl->format)
		cJSON_AddStringToObject(m, "format_file", tl->format);
	else
		cJSON_AddNullToObject(m, "format_file");
	char *name = xasprintf("%s.pdf", p->jobname);
	cJSON *o = cJSON_AddObjectToObject(m, "pdf");
	cJSON_AddStringToObject(o, "file", name);
	cJSON_AddStringToObject(o, "sha256", pdf_sha);
	cJSON_AddNumberToObject(o, "bytes", (double)pdf_bytes);
	cJSON_AddNumberToObject(o, "pages", (double)pages);
	free(name);
	o = cJSON_AddObjectToObject(m, "pack");
	cJSON_AddStringToObject(o, "file", "git/objects.pack");
	cJSON_AddStringToObject(o, "sha256", pack_sha);
	cJSON_AddNumberToObject(o, "objects", (double)info->objects);
	cJSON_AddNumberToObject(m, "files", (double)info->files);
	if (record) {
		name = xasprintf("%s.sitat", p->jobname);
		cJSON_AddStringToObject(m, "record", name);
		free(name);
	} else {
		cJSON_AddNullToObject(m, "record");
	}
	o = cJSON_AddObjectToObject(m, "areas");
	for (int a = 0; a < STAMP_AREAS; a++)
		cJSON_AddStringToObject(o, stamp_area_names[a], st->area[a].tree);
	cJSON_AddItemToObject(m, "tex_inputs", texin_to_json(tl));
	return m;
}

/* Refuse what cannot be bundled: no repository or commit, a dirty tree,
 * a key git would commit, a PDF that is not a clean build of HEAD.
 * Returns an exit status. */
static int preconditions(const struct project *p, struct stamp *st, struct pdf_stamp *ps,
                         struct diag *d)
{
	if (stamp_compute(st, p->root, d) < 0)
		return EXIT_PROBLEMS;
	if (!st->has_repo) {
		diag_at(d, D_GIT_NO_REPO, p->root, 0, 0, ": a bundle holds a commit");
		return EXIT_PROBLEMS;
	}
	if (!st->commit[0]) {
		diag_at(d, D_BUNDLE_NO_COMMIT, p->root, 0, 0, ": commit the project first");
		return EXIT_PROBLEMS;
	}
	const char *all[] = {"."};
	int n = repo_list_dirty(p->root, all, 1, d);
	if (n < 0)
		return EXIT_PROBLEMS;
	if (n > 0) {
		diag_at(d, D_BUNDLE_DIRTY, p->root, 0, 0, n, n == 1 ? "" : "s",
		        n == 1 ? "it" : "them");
		return EXIT_PROBLEMS;
	}
	if (private_check_ignored(p->store, d) != 0)
		return EXIT_PROBLEMS;
	int r = pdf_stamp_read(p->pdf, ps);
	if (r == -1) {
		diag_at(d, D_BUNDLE_NO_PDF, p->pdf, 0, 0, strerror(errno));
		return EXIT_PROBLEMS;
	}
	char what[80];
	if (r == -2)
		snprintf(what, sizeof what, "not stamped by sitat");
	else if (strcmp(ps->state, "clean"))
		snprintf(what, sizeof what, "stamped %s", ps->state[0] ? ps->state : "without a state");
	else if (strcmp(ps->commit, st->commit))
		snprintf(what, sizeof what, "a build of commit %.12s", ps->commit);
	else
		return EXIT_OK;
	diag_at(d, D_BUNDLE_STALE_PDF, p->pdf, 0, 0, what, st->commit);
	return EXIT_PROBLEMS;
}

/* Put everything but the tree into b->tar; the manifest in *m. */
static int add_parts(struct bundling *b, const struct project *p, const struct stamp *st,
                     const struct pdf_stamp *ps, const struct pack_info *info,
                     const struct buf *pack, cJSON **m, char pdf_sha[65], struct diag *d)
{
	char *pdf, *rec = NULL, pack_sha[65];
	size_t pdflen, reclen = 0;
	if (read_file(p->pdf, &pdf, &pdflen) < 0) {
		diag_at(d, D_BUNDLE_NO_PDF, p->pdf, 0, 0, strerror(errno));
		return EXIT_IO;
	}
	struct texin_list tl;
	if (texin_from_build(&tl, p->root, p->output, p->jobname, d) < 0) {
		free(pdf);
		return EXIT_PROBLEMS;
	}
	texin_packages(&tl);
	bool record = read_file(p->record, &rec, &reclen) == 0;
	pack_sha256(pdf, pdflen, pdf_sha);
	pack_sha256(pack->data, pack->len, pack_sha);
	char *describe = stamped_describe(p->generated);
	const char *engine = ps->engine[0] ? ps->engine : tl.engine ? tl.engine : p->engine;
	*m = manifest(p, st, describe ? describe : st->describe, info, pdf_sha, pdflen,
	              pdf_page_count(pdf, pdflen), pack_sha, record, &tl, engine);
	free(describe);
	texin_list_free(&tl);

	char *text = cJSON_Print(*m), *name;
	tar_add_own(&b->tar, TOP "MANIFEST.json", xasprintf("%s\n", text), strlen(text) + 1, false);
	free(text);
	const char *j = p->jobname;
	text = xasprintf(readme_fmt, SITAT_VERSION, j, info->commit,
	                 st->describe ? st->describe : "", j, pdf_sha, j, j, j, j,
	                 info->commit);
	tar_add_own(&b->tar, TOP "README.txt", text, strlen(text), false);
	name = xasprintf(TOP "%s.pdf", j);
	tar_add_own(&b->tar, name, pdf, pdflen, false);
	free(name);
	name = xasprintf(TOP "%s.pdf.sha256", j);
	text = xasprintf("%s  %s.pdf\n", pdf_sha, j);
	tar_add_own(&b->tar, name, text, strlen(text), false);
	free(name);
	if (record) {
		name = xasprintf(TOP "%s.sitat", j);
		tar_add_own(&b->tar, name, rec, reclen, false);
		free(name);
	}
	tar_add(&b->tar, TOP "git/objects.pack", pack->data, pack->len, false);
	return EXIT_OK;
}

static void report(const struct bundle_opts *o, const char *out, size_t bytes,
                   const struct pack_info *info, const char *pdf_sha, const char *describe)
{
	if (o->json) {
		cJSON *j = cJSON_CreateObject();
		cJSON_AddStringToObject(j, "bundle", out);
		cJSON_AddStringToObject(j, "format", BUNDLE_FORMAT);
		cJSON_AddNumberToObject(j, "bytes", (double)bytes);
		cJSON_AddStringToObject(j, "commit", info->commit);
		cJSON_AddStringToObject(j, "describe", describe ? describe : "");
		cJSON_AddNumberToObject(j, "files", (double)info->files);
		cJSON_AddNumberToObject(j, "objects", (double)info->objects);
		cJSON_AddStringToObject(j, "pdf_sha256", pdf_sha);
		cmd_print_json(j);
	} else if (!o->quiet) {
		fprintf(strcmp(out, "-") ? stdout : stderr,
		        "sitat bundle: wrote %s (%zu bytes): commit %.12s%s%s%s, %zu files, "
		        "%zu git objects, PDF sha256 %s\n",
		        out, bytes, info->commit, describe ? " (" : "", describe ? describe : "",
		        describe ? ")" : "", info->files, info->objects, pdf_sha);
	}
}

int cmd_bundle(int argc, char **argv)
{
	struct bundle_opts o = {.dir = "."};
	int status = cmd_parse(&argc, argv, &o);
	if (status != CMD_RUN)
		return status;
	struct diag d;
	struct project p;
	struct stamp st = {0};
	struct pdf_stamp ps;
	struct pack_info info;
	struct buf pack, tgz;
	cJSON *m = NULL;
	char pdf_sha[65] = "";
	buf_init(&pack);
	buf_init(&tgz);
	diag_init(&d, stderr);
	struct bundling b = {{0}, NULL, 0, NULL, &d};
	char *out = NULL, *privdir = NULL;
	if (project_load(&p, o.dir, &d) < 0) {
		status = EXIT_USAGE;
		goto done;
	}
	char *dflt = xasprintf("%s.bundle", p.jobname);
	out = o.out ? xstrdup(o.out) : path_join(p.output, dflt);
	free(dflt);
	if ((status = preconditions(&p, &st, &ps, &d)) != EXIT_OK)
		goto done;
	if (out_check(out, p.store, &d) < 0) {
		status = EXIT_USAGE;
		goto done;
	}
	/* the key is never bundled, even when it was committed */
	char *rel = path_below(p.root, p.store);
	if (rel) {
		privdir = strcmp(rel, ".") ? xasprintf("%s/private/", rel) : xstrdup("private/");
		b.privdir = privdir;
	}
	free(rel);
	b.root = p.root;
	if (pack_commit(p.root, st.commit, &pack, &info, add_tree_file, &b, &d) != 0) {
		status = EXIT_PROBLEMS;
		goto done;
	}
	if (b.private_files) {
		status = EXIT_PROBLEMS;
		goto done;
	}
	if ((status = add_parts(&b, &p, &st, &ps, &info, &pack, &m, pdf_sha, &d)) != EXIT_OK)
		goto done;
	if (tar_write(&b.tar, info.time, &tgz, out, &d) < 0) {
		status = EXIT_IO;
		goto done;
	}
	int w = out_write(out, p.store, tgz.data, tgz.len, &d);
	if (w < 0) {
		status = w == OUT_REFUSED ? EXIT_USAGE : EXIT_IO;
		goto done;
	}
	const cJSON *desc = cJSON_GetObjectItemCaseSensitive(m, "describe");
	report(&o, out, tgz.len, &info, pdf_sha,
	       cJSON_IsString(desc) && desc->valuestring[0] ? desc->valuestring : NULL);
done:
	if (status != EXIT_OK && d.errors)
		fprintf(stderr, "sitat bundle: nothing written\n");
	cJSON_Delete(m);
	tar_list_free(&b.tar);
	buf_free(&pack);
	buf_free(&tgz);
	stamp_free(&st);
	project_free(&p);
	free(out);
	free(privdir);
	diag_free(&d);
	return status;
}
