/* build_state.c - what the last complete `sitat build` read, so that a
 * build with nothing changed runs no TeX: a state file in the output
 * directory lists every file LaTeX and biber read (latexmk's database,
 * JOB.fdb_latexmk), every file and folder of the store, the generated
 * files, the project file, the PDF and the sitat program, each with its
 * size, time and inode. */
#define _DEFAULT_SOURCE
#include "cmd/build_impl.h"
#include "core/infile.h"
#include "core/outfile.h"
#include "core/walk.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define STATE_FORMAT "sitat-build/1"

void build_files_init(struct build_files *f, const struct project *p, const char *outdir)
{
	const char *j = p->jobname;
	f->state = path_join(outdir, ".sitat-build.state");
	f->running = path_join(outdir, ".sitat-build.running");
	char *n = xasprintf("%s.fdb_latexmk", j);
	f->fdb = path_join(outdir, n);
	free(n);
#define JOBFILE(m, ext) n = xasprintf("%s" ext, j), f->m = path_join(outdir, n), free(n)
	JOBFILE(fls, ".fls");
	JOBFILE(pdf, ".pdf");
	JOBFILE(record, ".sitat");
	JOBFILE(log, ".build.log");
	JOBFILE(latexlog, ".log");
	JOBFILE(sha256, ".pdf.sha256");
#undef JOBFILE
	f->manifest = path_join(outdir, "manifest.json");
}

void build_files_free(struct build_files *f)
{
	free(f->state), free(f->running), free(f->fdb), free(f->fls), free(f->pdf);
	free(f->record), free(f->log), free(f->latexlog), free(f->sha256);
	free(f->manifest);
}

/* One line of the state: "size mtime.ns inode path", or "- path" when
 * path does not exist. */
static void stat_line(struct buf *b, const char *path)
{
	struct stat st;
	if (strchr(path, '\n'))
		return;
	if (stat(path, &st) < 0)
		buf_printf(b, "- %s\n", path);
	else
		buf_printf(b, "%lld %lld.%09ld %llu %s\n", (long long)st.st_size,
		           (long long)st.st_mtim.tv_sec, st.st_mtim.tv_nsec,
		           (unsigned long long)st.st_ino, path);
}

/* Every file latexmk's database lists (sources and results of each rule),
 * paths as seen from here.  Returns 0, or -1 when it cannot be read. */
static int fdb_files(const char *fdb, const char *texdir, struct buf *b)
{
	char *text;
	size_t len;
	if (read_file(fdb, &text, &len) < 0)
		return -1;
	int r = strncmp(text, "# Fdb version ", 14) ? -1 : 0;
	char *save = NULL;
	for (char *line = strtok_r(text, "\n", &save); line && r == 0;
	     line = strtok_r(NULL, "\n", &save)) {
		if (strncmp(line, "  \"", 3))
			continue;
		char *end = strchr(line + 3, '"');
		if (!end)
			continue;
		*end = 0;
		const char *p = line + 3;
		if (p[0] == '/') {
			stat_line(b, p);
		} else {
			char *q = path_join(texdir, strncmp(p, "./", 2) ? p : p + 2);
			stat_line(b, q);
			free(q);
		}
	}
	free(text);
	return r;
}

/* The state as it is now (header and lines), in b.  Returns 0, or -1
 * when latexmk's database is missing or unknown. */
static int state_now(const struct build_files *f, const struct project *p,
                     const char *engine, size_t audit_errors, struct buf *b)
{
	char exe[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	exe[n > 0 ? n : 0] = 0;
	buf_printf(b, "%s engine=%s audit-errors=%zu\n", STATE_FORMAT, engine, audit_errors);
	stat_line(b, exe[0] ? exe : "/proc/self/exe");
	stat_line(b, f->pdf);
	if (p->file)
		stat_line(b, p->file);
	/* what generate reads (the store) and writes (the generated folder):
	 * with both unchanged, a no-op build need not run it */
	const char *dirs[] = {p->store, p->generated};
	for (int k = 0; k < 2; k++) {
		struct walk_list l;
		stat_line(b, dirs[k]);
		if (walk_dir(dirs[k], (k ? 0 : WALK_RECURSE) | WALK_HIDDEN, NULL, &l) == 0) {
			for (size_t i = 0; i < l.n; i++)
				stat_line(b, l.v[i].path);
			walk_free(&l);
		}
	}
	return fdb_files(f->fdb, p->texdir, b);
}

bool build_state_current(const struct build_files *f, const char *engine,
                         size_t *audit_errors)
{
	char *text;
	size_t len;
	*audit_errors = 0;
	if (read_file(f->state, &text, &len) < 0)
		return false;
	char *save = NULL, *line = strtok_r(text, "\n", &save);
	char head[64];
	int hl = snprintf(head, sizeof head, "%s engine=", STATE_FORMAT);
	bool same = line && !strncmp(line, head, (size_t)hl) &&
	            !strncmp(line + hl, engine, strlen(engine)) &&
	            !strncmp(line + hl + strlen(engine), " audit-errors=", 14);
	if (same)
		*audit_errors = strtoul(line + hl + strlen(engine) + 14, NULL, 10);
	struct buf b;
	buf_init(&b);
	while (same && (line = strtok_r(NULL, "\n", &save))) {
		const char *path = line;
		for (int k = 0; k < (line[0] == '-' ? 1 : 3) && path; k++)
			path = strchr(path, ' ') ? strchr(path, ' ') + 1 : NULL;
		if (!path)
			break;
		b.len = 0;
		stat_line(&b, path);
		same = b.len == strlen(line) + 1 && !memcmp(b.data, line, b.len - 1);
	}
	buf_free(&b);
	free(text);
	return same;
}

int build_state_write(const struct build_files *f, const struct project *p,
                      const char *engine, size_t audit_errors)
{
	struct buf b;
	buf_init(&b);
	int r = state_now(f, p, engine, audit_errors, &b);
	if (r == 0)
		r = write_if_changed(f->state, b.data, b.len) < 0 ? -1 : 0;
	else
		unlink(f->state);
	buf_free(&b);
	return r;
}

bool build_repair(const struct build_files *f, const struct project *p,
                  const char *outdir)
{
	struct stat st;
	if (stat(f->running, &st) < 0)
		return false;
	static const char *const ext[] = {".aux", ".fdb_latexmk", ".fls", ".bcf",
		".bbl", ".blg", ".run.xml", ".toc", ".out", ".lof", ".lot", ".sitat",
		".xdv", ".pdf", ".log", NULL};
	for (const char *const *e = ext; *e; e++) {
		char *n = xasprintf("%s%s", p->jobname, *e);
		char *path = path_join(outdir, n);
		unlink(path);
		free(path);
		free(n);
	}
	unlink(f->state);
	unlink(f->running);
	return true;
}
