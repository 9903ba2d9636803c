/* storeedit.c - checking, showing and writing a change of the evidence
 * store (see storeedit.h). */
#define _POSIX_C_SOURCE 200809L
#include "cmd/storeedit.h"

#include <errno.h>
#include <fcntl.h>
#include <git2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cmd/cmd.h"
#include "core/outfile.h"
#include "core/storewrite.h"
#include "core/util.h"

void sedit_init(struct sedit *e, const char *root)
{
	memset(e, 0, sizeof *e);
	e->root = xstrdup(root);
}

void sedit_base(struct sedit *e, const struct store *s)
{
	e->base = s;
}

void sedit_put(struct sedit *e, const char *rel, char *data, size_t len)
{
	for (size_t i = 0; i < e->n; i++)
		if (!strcmp(e->files[i].name, rel)) {
			free((char *)e->files[i].data);
			e->files[i].data = data;
			e->files[i].len = len;
			return;
		}
	ARRAY_PUSH(e->files, e->n, e->cap,
	           ((struct storeio_file){xstrdup(rel), data, len}));
}

void sedit_put_codings(struct sedit *e, const struct store *s, size_t src)
{
	size_t len;
	char *data = store_codings_json(s, src, &len);
	char *rel = xasprintf("codings/%s.json", s->sources[src].id);
	sedit_put(e, rel, data, len);
	free(rel);
}

void sedit_put_source(struct sedit *e, const struct store *s, size_t src)
{
	size_t len;
	char *data = store_source_json(s, src, &len);
	char *rel = xasprintf("sources/%s.json", s->sources[src].id);
	sedit_put(e, rel, data, len);
	free(rel);
}

void sedit_put_codebook(struct sedit *e, const struct store *s)
{
	size_t len;
	char *data = store_codebook_json(s, &len);
	sedit_put(e, "codebook.json", data, len);
}

void sedit_free(struct sedit *e)
{
	for (size_t i = 0; i < e->n; i++)
		free((char *)e->files[i].name), free((char *)e->files[i].data);
	free(e->files);
	free(e->root);
	memset(e, 0, sizeof *e);
}

/* Anchor problems do not block an edit: fixing them is what some edits
 * are for, and the segment is written back as it was read. */
static bool anchor_problem(enum diag_id id)
{
	return id == D_RANGE || id == D_ANCHOR;
}

size_t sedit_blocking_errors(const struct diag *old)
{
	size_t n = 0;
	for (size_t i = 0; i < old->n; i++)
		if (diag_table[old->recs[i].id].level == DL_ERROR &&
		    !anchor_problem(old->recs[i].id))
			n++;
	return n;
}

static bool same_rec(const struct diag_rec *a, const struct diag_rec *b)
{
	return a->id == b->id && a->line == b->line && a->col == b->col &&
	       !strcmp(a->file ? a->file : "", b->file ? b->file : "") &&
	       !strcmp(a->where ? a->where : "", b->where ? b->where : "") &&
	       !strcmp(a->msg ? a->msg : "", b->msg ? b->msg : "");
}

/* The errors of the changed store that the old one did not have, printed
 * to d; returns how many. */
static size_t new_errors(const struct diag *old, const struct diag *now,
                         struct diag *d)
{
	bool *used = xcalloc(old->n + 1, 1);
	size_t n = 0;
	for (size_t i = 0; i < now->n; i++) {
		const struct diag_rec *r = &now->recs[i];
		if (diag_table[r->id].level != DL_ERROR)
			continue;
		bool seen = false;
		for (size_t k = 0; k < old->n && !seen; k++)
			if (!used[k] && same_rec(&old->recs[k], r))
				seen = used[k] = true;
		if (seen)
			continue;
		n++;
		char *s = diag_format(r);
		if (d->out)
			fprintf(d->out, "%s\n", s);
		free(s);
	}
	free(used);
	return n;
}

/* The current content of rel in the store (NULL when there is none). */
static char *current(const struct sedit *e, const char *rel, size_t *len)
{
	struct storeio io = {.root = e->root};
	char *data = NULL;
	if (storeio_read(&io, rel, (size_t)1 << 30, &data, len) != SIO_OK) {
		free(data);
		return NULL;
	}
	return data;
}

static int print_diff(const char *rel, const char *old, size_t oldlen,
                      const char *now, size_t nowlen, const char *root)
{
	git_libgit2_init();
	/* libgit2 writes the a/ and b/ prefixes, and /dev/null for no old file */
	char *a = xasprintf("%s/%s", root, rel);
	char *b = xstrdup(a);
	git_patch *patch = NULL;
	git_buf out = {0};
	int r = git_patch_from_buffers(&patch, old, old ? oldlen : 0, a, now, nowlen,
	                               b, NULL);
	if (r == 0)
		r = git_patch_to_buf(&out, patch);
	if (r == 0)
		fwrite(out.ptr, 1, out.size, stdout);
	git_buf_dispose(&out);
	git_patch_free(patch);
	free(a), free(b);
	git_libgit2_shutdown();
	return r;
}

/* Every directory from the store's root to rel's is a real directory
 * (not a link), created when missing (only below the root).  Each is
 * swept of a killed run's temporaries once: *swept is the last one swept
 * (a store edit writes into a few directories, 1,000 files into one). */
static int make_parents(const char *root, const char *rel, char **swept,
                        struct diag *d)
{
	struct stat st;
	if (lstat(root, &st) < 0 || !S_ISDIR(st.st_mode)) {
		char *m = xasprintf("%s is not a directory", root);
		diag_at(d, D_EDIT_PATH, root, 0, 0, m);
		free(m);
		return -1;
	}
	for (const char *p = strchr(rel, '/'); p; p = strchr(p + 1, '/')) {
		char *part = xstrndup(rel, (size_t)(p - rel));
		char *dir = path_join(root, part);
		int r = lstat(dir, &st);
		if (r < 0 && errno == ENOENT)
			r = mkdir(dir, 0777);
		else if (r == 0 && !S_ISDIR(st.st_mode)) {
			char *m = xasprintf("%s is %s", dir,
			                    S_ISLNK(st.st_mode) ? "a symbolic link" : "not a directory");
			diag_at(d, D_EDIT_PATH, dir, 0, 0, m);
			free(m), free(part), free(dir);
			return -1;
		}
		if (r < 0) {
			diag_at(d, D_EDIT_PATH, dir, 0, 0, strerror(errno));
			free(part), free(dir);
			return -1;
		}
		if (!*swept || strcmp(*swept, dir)) {
			out_clean_leftovers(dir);
			free(*swept);
			*swept = xstrdup(dir);
		}
		free(part), free(dir);
	}
	return 0;
}

#ifdef __linux__
#define ONE_SYNC 1
int syncfs(int fd); /* <unistd.h> declares it only with _GNU_SOURCE */
static int sync_store(const char *root)
{
	int fd = open(root, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	int r = syncfs(fd);
	int e = errno;
	close(fd);
	errno = e;
	return r;
}
#else
#define ONE_SYNC 0
static int sync_store(const char *root)
{
	(void)root;
	return 0;
}
#endif

/* Write the files: every temporary first, then the renames. */
static int write_files(struct sedit *e, bool quiet, struct diag *d)
{
	char **tmp = xcalloc(e->n + 1, sizeof *tmp);
	char *swept = NULL;
	int st = EXIT_OK;
	for (size_t i = 0; i < e->n && st == EXIT_OK; i++) {
		const struct storeio_file *f = &e->files[i];
		char *path = path_join(e->root, f->name);
		if (make_parents(e->root, f->name, &swept, d) < 0)
			st = EXIT_PROBLEMS;
		else if (!(tmp[i] = out_stage(path, f->data, f->len, !ONE_SYNC, d)))
			st = EXIT_IO;
		free(path);
	}
	/* the temporaries reach the disk before any rename: one syncfs for
	 * all of them (a thousand files of a large store), where there is one */
	if (st == EXIT_OK && ONE_SYNC && sync_store(e->root) < 0) {
		diag_at(d, D_OUT_WRITE, e->root, 0, 0, strerror(errno));
		st = EXIT_IO;
	}
	for (size_t i = 0; i < e->n && st == EXIT_OK; i++) {
		char *path = path_join(e->root, e->files[i].name);
		if (rename(tmp[i], path) < 0) {
			diag_at(d, D_OUT_WRITE, path, 0, 0, strerror(errno));
			st = EXIT_IO;
		} else {
			free(tmp[i]);
			tmp[i] = NULL;
			if (!quiet)
				printf("wrote %s\n", path);
		}
		free(path);
	}
	for (size_t i = 0; i < e->n; i++) {
		if (tmp[i])
			unlink(tmp[i]);
		free(tmp[i]);
	}
	free(tmp);
	free(swept);
	return st;
}

int sedit_finish(struct sedit *e, const struct diag *old, bool dry_run,
                 bool quiet, struct diag *d)
{
	int st = EXIT_OK;
	size_t nb = sedit_blocking_errors(old);
	if (nb) {
		diag_at(d, D_EDIT_OLD_ERRORS, e->root, 0, 0, nb, nb == 1 ? "" : "s",
		        nb == 1 ? "it" : "them");
		sedit_free(e);
		return EXIT_PROBLEMS;
	}
	/* only the files that change */
	size_t k = 0;
	for (size_t i = 0; i < e->n; i++) {
		size_t len = 0;
		char *cur = current(e, e->files[i].name, &len);
		bool same = cur && len == e->files[i].len &&
		            !memcmp(cur, e->files[i].data, len);
		free(cur);
		if (same) {
			free((char *)e->files[i].name), free((char *)e->files[i].data);
			continue;
		}
		e->files[k++] = e->files[i];
	}
	e->n = k;
	if (e->n == 0) {
		if (!quiet)
			printf("the store is unchanged\n");
		sedit_free(e);
		return EXIT_OK;
	}
	/* the changed store: its codings files checked against the store as
	 * loaded when nothing else changed, else all of it loaded in memory */
	bool codings_only = e->base != NULL;
	for (size_t i = 0; i < e->n && codings_only; i++)
		codings_only = !strncmp(e->files[i].name, "codings/", 8) &&
		               !strchr(e->files[i].name + 8, '/') &&
		               str_ends_with(e->files[i].name, ".json");
	struct diag d2;
	diag_init(&d2, NULL);
	bool loaded = true;
	if (codings_only) {
		store_check_codings(e->base, e->files, e->n, &d2);
	} else {
		struct storeio io = {.root = e->root, .overlay = e->files, .noverlay = e->n,
		                     .quick_anchors = true};
		struct store s2;
		loaded = store_load_io(&s2, &io, &d2) == 0;
		store_free(&s2);
	}
	if (!loaded) {
		diag_at(d, D_EDIT_PATH, e->root, 0, 0, "not an evidence store");
		st = EXIT_PROBLEMS;
	} else {
		size_t n = new_errors(old, &d2, d);
		if (n) {
			diag_at(d, D_EDIT_NEW_ERRORS, e->root, 0, 0, n, n == 1 ? "" : "s");
			st = EXIT_PROBLEMS;
		}
	}
	diag_free(&d2);
	if (st == EXIT_OK && dry_run) {
		for (size_t i = 0; i < e->n; i++) {
			size_t len = 0;
			char *cur = current(e, e->files[i].name, &len);
			print_diff(e->files[i].name, cur, len, e->files[i].data,
			           e->files[i].len, e->root);
			free(cur);
		}
		printf("dry run: %zu file%s would change; nothing written\n", e->n,
		       e->n == 1 ? "" : "s");
	} else if (st == EXIT_OK) {
		st = write_files(e, quiet, d);
	}
	sedit_free(e);
	return st;
}
