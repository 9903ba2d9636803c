/* bundle_read.c - bundle_open and bundle_close (cmd/bundle.h): the
 * examiner's bundle unpacked into a temporary directory, every id in it
 * checked before anything is built.
 *
 *   TMP/src/          the project, checked out from the bundle's git
 *                     objects (a repository, HEAD detached at the commit)
 *   TMP/JOBNAME.pdf   the bundled PDF (and TMP/JOBNAME.sitat, its use record)
 *
 * The archive is read into memory (io/tarball.h refuses unsafe names,
 * links and oversized entries); nothing is written from it but the PDF,
 * the record (under names made here) and the objects of the pack, which
 * git's indexer verifies. */
#define _POSIX_C_SOURCE 200809L
#include "cmd/bundle.h"
#include "cmd/rebuild.h"
#include "core/util.h"
#include "io/tarball.h"
#include "prov/pack.h"
#include "prov/pdfstamp.h"

#include <cjson/cJSON.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define TOP "sitat-bundle/"
#define MANIFEST TOP "MANIFEST.json"
#define BUNDLE_MAX_BYTES ((off_t)2048 << 20) /* the bundle file itself */

/* A hex id of n digits. */
static bool hex_id(const char *s, size_t n)
{
	return s && strlen(s) == n && strspn(s, "0123456789abcdef") == n;
}

/* A job name safe as a file name here: [A-Za-z0-9._-], not starting
 * with a dot. */
static bool safe_job(const char *s)
{
	size_t n = s ? strlen(s) : 0;
	return n && n < 200 && s[0] != '.' &&
	       strspn(s, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._-") == n;
}

static const char *mstr(const cJSON *o, const char *key)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
	return cJSON_IsString(v) ? v->valuestring : NULL;
}

static double mnum(const cJSON *o, const char *key)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
	return cJSON_IsNumber(v) ? v->valuedouble : -1;
}

static int bad_manifest(struct diag *d, const char *file, const char *what)
{
	diag_in(d, D_BUNDLE_MANIFEST, file, MANIFEST, what);
	return -1;
}

/* The entry TOP name, or NULL after a message. */
static const struct tar_entry *need(const struct tar_list *l, const char *file,
                                    const char *name, struct diag *d)
{
	char *full = xasprintf(TOP "%s", name);
	const struct tar_entry *e = tar_find(l, full);
	if (!e)
		diag_at(d, D_BUNDLE_ENTRY_MISSING, file, 0, 0, full);
	free(full);
	return e;
}

/* Write data to the new file path (never over anything). */
static int write_new(const char *path, const char *data, size_t len, struct diag *d)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW, 0644);
	if (fd < 0) {
		diag_at(d, D_SYSTEM, path, 0, 0, "cannot create", strerror(errno));
		return -1;
	}
	size_t off = 0;
	while (off < len) {
		ssize_t w = write(fd, data + off, len - off);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0) {
			diag_at(d, D_SYSTEM, path, 0, 0, "cannot write", strerror(errno));
			close(fd);
			return -1;
		}
		off += (size_t)w;
	}
	if (close(fd) < 0) {
		diag_at(d, D_SYSTEM, path, 0, 0, "cannot write", strerror(errno));
		return -1;
	}
	return 0;
}

/* Read the bundle file into memory (a regular file, bounded). */
static int read_bundle(const char *path, char **data, size_t *len, struct diag *d)
{
	int fd = open(path, O_RDONLY | O_NONBLOCK);
	struct stat sb;
	if (fd < 0 || fstat(fd, &sb) < 0) {
		diag_at(d, D_IO, path, 0, 0, strerror(errno));
		if (fd >= 0)
			close(fd);
		return -1;
	}
	if (!S_ISREG(sb.st_mode) || sb.st_size > BUNDLE_MAX_BYTES) {
		diag_at(d, D_TAR_READ, path, 0, 0, S_ISREG(sb.st_mode) ? "larger than 2 GiB"
		                                                      : "not a regular file");
		close(fd);
		return -1;
	}
	*data = xmalloc((size_t)sb.st_size + 1);
	size_t off = 0;
	while (off < (size_t)sb.st_size) {
		ssize_t r = read(fd, *data + off, (size_t)sb.st_size - off);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			break;
		off += (size_t)r;
	}
	close(fd);
	*len = off;
	return 0;
}

/* The manifest: parsed, its format and ids of the right form, its TeX
 * inputs into b->inputs. */
static int read_manifest(struct bundle *b, const struct tar_list *l, struct diag *d)
{
	const char *file = b->path;
	const struct tar_entry *e = need(l, file, "MANIFEST.json", d);
	if (!e)
		return -1;
	cJSON *m = cJSON_ParseWithLength(e->data, e->len);
	if (!cJSON_IsObject(m)) {
		cJSON_Delete(m);
		return bad_manifest(d, file, "not a JSON object");
	}
	b->manifest = m;
	const char *fmt = mstr(m, "format"), *commit = mstr(m, "commit");
	const char *job = mstr(m, "jobname");
	const cJSON *pdf = cJSON_GetObjectItemCaseSensitive(m, "pdf");
	if (!fmt || strcmp(fmt, BUNDLE_FORMAT)) {
		char *w = xasprintf("format '%s', not " BUNDLE_FORMAT, fmt ? fmt : "(none)");
		bad_manifest(d, file, w);
		free(w);
		return -1;
	}
	if (!hex_id(commit, 40))
		return bad_manifest(d, file, "'commit' is not a commit id (40 hex digits)");
	if (!safe_job(job))
		return bad_manifest(d, file, "'jobname' is not a plain file name");
	if (!cJSON_IsObject(pdf) || !hex_id(mstr(pdf, "sha256"), 64))
		return bad_manifest(d, file, "'pdf' has no 'sha256' (64 hex digits)");
	const cJSON *pack = cJSON_GetObjectItemCaseSensitive(m, "pack");
	if (!cJSON_IsObject(pack) || !hex_id(mstr(pack, "sha256"), 64) || mnum(pack, "objects") < 0)
		return bad_manifest(d, file, "'pack' has no 'sha256' or 'objects'");
	memcpy(b->commit, commit, 41);
	memcpy(b->pdf_sha256, mstr(pdf, "sha256"), 65);
	const char *engine = mstr(m, "engine"), *version = mstr(m, "sitat_version");
	b->engine = xstrdup(engine ? engine : "");
	b->sitat_version = xstrdup(version ? version : "");
	const cJSON *in = cJSON_GetObjectItemCaseSensitive(m, "tex_inputs");
	if (!cJSON_IsArray(in))
		return bad_manifest(d, file, "'tex_inputs' is not an array");
	char *where = xasprintf("%s: " MANIFEST, file);
	int r = texin_from_json(&b->inputs, in, where, d);
	free(where);
	return r;
}

/* Every entry is a part of the format. */
static int check_names(const struct bundle *b, const struct tar_list *l, struct diag *d)
{
	const char *job = mstr(b->manifest, "jobname");
	char *pdf = xasprintf(TOP "%s.pdf", job), *sha = xasprintf(TOP "%s.pdf.sha256", job);
	char *rec = xasprintf(TOP "%s.sitat", job);
	const char *fixed[] = {MANIFEST, TOP "README.txt", TOP "git/objects.pack", pdf, sha, rec};
	int rc = 0;
	for (size_t i = 0; i < l->n && !rc; i++) {
		const char *n = l->v[i].name;
		bool ok = !strncmp(n, TOP "tree/", strlen(TOP "tree/"));
		for (size_t k = 0; k < sizeof fixed / sizeof *fixed && !ok; k++)
			ok = !strcmp(n, fixed[k]);
		if (!ok) {
			diag_in(d, D_BUNDLE_STRAY, b->path, n, BUNDLE_FORMAT);
			rc = -1;
		}
	}
	free(pdf);
	free(sha);
	free(rec);
	return rc;
}

/* The PDF: its SHA-256 as the manifest and the .sha256 file say, its
 * stamp naming the commit; written to TMP/JOBNAME.pdf. */
static int check_pdf(struct bundle *b, const struct tar_list *l, struct diag *d)
{
	const char *job = mstr(b->manifest, "jobname");
	char *name = xasprintf("%s.pdf", job), *shaname = xasprintf("%s.pdf.sha256", job);
	char *full = xasprintf(TOP "%s", name), sha[65];
	const struct tar_entry *e = need(l, b->path, name, d), *s = need(l, b->path, shaname, d);
	int rc = -1;
	if (!e || !s)
		goto out;
	pack_sha256(e->data, e->len, sha);
	if (strcmp(sha, b->pdf_sha256)) {
		diag_in(d, D_BUNDLE_SHA, b->path, full, sha, b->pdf_sha256);
		goto out;
	}
	char *line = xasprintf("%s  %s\n", sha, name);
	bool same = s->len == strlen(line) && !memcmp(s->data, line, s->len);
	free(line);
	if (!same) {
		char *w = xasprintf(TOP "%s", shaname);
		diag_in(d, D_BUNDLE_SHA, b->path, w, "(its line)", b->pdf_sha256);
		free(w);
		goto out;
	}
	b->pdf = path_join(b->tmp, name);
	if (write_new(b->pdf, e->data, e->len, d) < 0)
		goto out;
	struct pdf_stamp ps;
	if (pdf_stamp_read(b->pdf, &ps) < 0 || strcmp(ps.commit, b->commit)) {
		char *w = xasprintf("the PDF's stamp names commit %s, the manifest %s",
		                    ps.commit[0] ? ps.commit : "(none)", b->commit);
		diag_in(d, D_BUNDLE_MANIFEST, b->path, full, w);
		free(w);
		goto out;
	}
	rc = 0;
out:
	free(name);
	free(shaname);
	free(full);
	return rc;
}

/* The pack: its SHA-256, indexed (every id recomputed) into TMP/src,
 * its commit and tree as the manifest says; then the files of tree/
 * against the commit's tree. */
static int check_git(struct bundle *b, const struct tar_list *l, struct diag *d)
{
	const cJSON *pk = cJSON_GetObjectItemCaseSensitive(b->manifest, "pack");
	const char *entry = TOP "git/objects.pack";
	const struct tar_entry *e = need(l, b->path, "git/objects.pack", d);
	char sha[65];
	if (!e)
		return -1;
	pack_sha256(e->data, e->len, sha);
	if (strcmp(sha, mstr(pk, "sha256"))) {
		diag_in(d, D_BUNDLE_SHA, b->path, entry, sha, mstr(pk, "sha256"));
		return -1;
	}
	struct pack_info info;
	b->src = path_join(b->tmp, "src");
	if (pack_unpack(b->src, e->data, e->len, b->commit, &info, b->path, entry, d) < 0)
		return -1;
	const char *tree = mstr(b->manifest, "tree");
	if (tree && strcmp(tree, info.tree)) {
		char *w = xasprintf("'tree' is %s, but commit %.12s has tree %s", tree, b->commit,
		                    info.tree);
		bad_manifest(d, b->path, w);
		free(w);
		return -1;
	}
	if ((double)info.objects != mnum(pk, "objects")) {
		char *w = xasprintf("the pack has %zu objects, the manifest says %.0f", info.objects,
		                    mnum(pk, "objects"));
		diag_in(d, D_BUNDLE_PACK, b->path, entry, w);
		free(w);
		return -1;
	}
	struct pack_file *files = xcalloc(l->n + 1, sizeof *files);
	size_t n = 0, pre = strlen(TOP "tree/");
	for (size_t i = 0; i < l->n; i++)
		if (!strncmp(l->v[i].name, TOP "tree/", pre))
			files[n++] = (struct pack_file){l->v[i].name + pre, l->v[i].data, l->v[i].len,
			                                l->v[i].exec};
	int bad = pack_check_files(b->src, b->commit, files, n, b->path, TOP "tree/", d);
	free(files);
	if (bad != 0)
		return -1;
	return 0;
}

void bundle_close(struct bundle *b, bool keep)
{
	if (b->tmp && !keep)
		rebuild_rm_tree(b->tmp);
	free(b->path);
	free(b->tmp);
	free(b->src);
	free(b->pdf);
	free(b->record);
	free(b->engine);
	free(b->sitat_version);
	texin_list_free(&b->inputs);
	cJSON_Delete(b->manifest);
	memset(b, 0, sizeof *b);
}

int bundle_open(struct bundle *b, const char *path, struct diag *d)
{
	memset(b, 0, sizeof *b);
	b->path = xstrdup(path);
	struct tar_list l = {0};
	char *data = NULL;
	size_t len = 0;
	int rc = -1;
	if (read_bundle(path, &data, &len, d) < 0 ||
	    tar_read(&l, data, len, path, &tar_bundle_limits, d) < 0)
		goto out;
	free(data);
	data = NULL;
	if (read_manifest(b, &l, d) < 0 || check_names(b, &l, d) < 0 ||
	    !(b->tmp = rebuild_tmpdir("bundle", d)) || check_pdf(b, &l, d) < 0 ||
	    check_git(b, &l, d) < 0)
		goto out;
	const char *job = mstr(b->manifest, "jobname");
	char *rname = xasprintf("%s.sitat", job), *rfull = xasprintf(TOP "%s", rname);
	const struct tar_entry *rec = tar_find(&l, rfull);
	free(rfull);
	if (rec) {
		b->record = path_join(b->tmp, rname);
		if (write_new(b->record, rec->data, rec->len, d) < 0) {
			free(rname);
			goto out;
		}
	}
	free(rname);
	/* the student's repository described the commit by its tags, which
	 * the bundle does not hold: the same words here */
	const char *desc = mstr(b->manifest, "describe");
	if (desc && *desc)
		pack_tag(b->src, b->commit, desc);
	if (pack_checkout(b->src, b->commit, d) < 0)
		goto out;
	rc = 0;
out:
	free(data);
	tar_list_free(&l);
	if (rc < 0)
		bundle_close(b, false);
	return rc;
}
