/* build_latex.c - LaTeX for `sitat build`: latexmk run with posix_spawn
 * (no shell) in the reproducible environment, and the errors of its log
 * shown as file:line: message. */
#define _GNU_SOURCE
#include "cmd/build_impl.h"
#include "core/infile.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

const char *latex_engine_flag(const char *engine)
{
	if (!strcmp(engine, "pdflatex"))
		return "-pdf";
	if (!strcmp(engine, "xelatex"))
		return "-xelatex";
	if (!strcmp(engine, "lualatex"))
		return "-lualatex";
	return NULL;
}

char *rel_path(const char *from, const char *to)
{
	char a[PATH_MAX], b[PATH_MAX];
	if (!realpath(from, a) || !realpath(to, b))
		return NULL;
	size_t i = 0, common = 0;
	while (a[i] && a[i] == b[i]) {
		if (a[i] == '/')
			common = i;
		i++;
	}
	if (!a[i] && (!b[i] || b[i] == '/'))
		common = i; /* from is to or above it */
	else if (!b[i] && a[i] == '/')
		common = i; /* to is above from */
	struct buf r;
	buf_init(&r);
	for (const char *s = a + common; *s; s++)
		if (*s == '/')
			buf_puts(&r, r.len ? "/.." : "..");
	const char *rest = b + common + (b[common] == '/');
	if (*rest)
		buf_printf(&r, "%s%s", r.len ? "/" : "", rest);
	if (!r.len)
		buf_puts(&r, ".");
	return buf_detach(&r, NULL);
}

/* The environment of LaTeX: ours without the variables we set, then them;
 * TEXMFCACHE=cache when cache is not NULL. */
static char **latex_env(long long epoch, const char *cache)
{
	static const char *const set[] = {"SOURCE_DATE_EPOCH=", "FORCE_SOURCE_DATE=",
		"TZ=", "LC_ALL=", "SITAT_BUILD=", "TEXMFCACHE=", NULL};
	size_t n = 0;
	while (environ[n])
		n++;
	char **env = xcalloc(n + 7, sizeof *env);
	size_t k = 0;
	for (size_t i = 0; i < n; i++) {
		bool ours = false;
		for (const char *const *s = set; *s && !ours; s++)
			ours = !strncmp(environ[i], *s, strlen(*s)) &&
			       (cache || strcmp(*s, "TEXMFCACHE="));
		if (!ours)
			env[k++] = xstrdup(environ[i]);
	}
	env[k++] = xasprintf("SOURCE_DATE_EPOCH=%lld", epoch);
	env[k++] = xstrdup("FORCE_SOURCE_DATE=1");
	env[k++] = xstrdup("TZ=UTC");
	env[k++] = xstrdup("LC_ALL=C.UTF-8");
	env[k++] = xstrdup("SITAT_BUILD=1");
	if (cache)
		env[k++] = xasprintf("TEXMFCACHE=%s", cache);
	return env;
}

static void free_strv(char **v)
{
	for (size_t i = 0; v && v[i]; i++)
		free(v[i]);
	free(v);
}

/* Wait for pid; its exit status, 128 + N after signal N, or -1. */
static int wait_child(pid_t pid)
{
	int ws;
	while (waitpid(pid, &ws, 0) < 0)
		if (errno != EINTR)
			return -1;
	return WIFEXITED(ws) ? WEXITSTATUS(ws) : 128 + WTERMSIG(ws);
}

/* The first line of what argv prints on its standard output (caller
 * frees), or NULL. */
static char *first_line_of(char *const argv[])
{
	int fd[2];
	if (pipe(fd) < 0)
		return NULL;
	posix_spawn_file_actions_t fa;
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
	posix_spawn_file_actions_adddup2(&fa, fd[1], 1);
	posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", O_WRONLY, 0);
	posix_spawn_file_actions_addclose(&fa, fd[0]);
	posix_spawn_file_actions_addclose(&fa, fd[1]);
	pid_t pid;
	int e = posix_spawnp(&pid, argv[0], &fa, NULL, argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	close(fd[1]);
	struct buf b;
	buf_init(&b);
	if (!e) {
		char tmp[4096];
		ssize_t r;
		while ((r = read(fd[0], tmp, sizeof tmp)) > 0 || (r < 0 && errno == EINTR))
			if (r > 0)
				buf_add(&b, tmp, (size_t)r);
		wait_child(pid);
	}
	close(fd[0]);
	char *s = buf_detach(&b, NULL);
	if (e || !s || !s[0]) {
		free(s);
		return NULL;
	}
	s[strcspn(s, "\n")] = 0;
	return s;
}

/* Could luaotfload write its cache in dir: dir is writable, or its
 * nearest existing parent is (luaotfload makes the directories)?  A
 * relative dir (it would be the main file's directory) is not. */
static bool cache_dir_usable(const char *dir)
{
	if (dir[0] != '/')
		return false;
	char *d = xstrdup(dir);
	bool ok;
	for (;;) {
		struct stat sb;
		if (stat(d, &sb) == 0) {
			ok = S_ISDIR(sb.st_mode) && access(d, W_OK | X_OK) == 0;
			break;
		}
		char *slash = strrchr(d, '/');
		if (slash == d) {
			ok = access("/", W_OK | X_OK) == 0;
			break;
		}
		*slash = 0;
	}
	free(d);
	return ok;
}

char *latex_cache_dir(const char *engine, const char *outdir)
{
	if (strcmp(engine, "lualatex"))
		return NULL;
	char *argv[] = {"kpsewhich", "-var-value", "TEXMFCACHE", NULL};
	char *v = first_line_of(argv);
	bool usable = false;
	char *save = NULL;
	for (char *dir = v ? strtok_r(v, ":;", &save) : NULL; dir && !usable;
	     dir = strtok_r(NULL, ":;", &save))
		usable = cache_dir_usable(dir);
	free(v);
	if (usable)
		return NULL;
	char abs[PATH_MAX];
	if (!realpath(outdir, abs))
		return NULL;
	return path_join(abs, "texmf-cache");
}

int latex_run(const struct project *p, const char *engine, const char *outdir,
              long long epoch, const char *log, struct diag *d)
{
	char *rel = rel_path(p->texdir, outdir);
	if (!rel) {
		diag_at(d, D_SYSTEM, outdir, 0, 0, "cannot resolve", strerror(errno));
		return -1;
	}
	const char *main = strrchr(p->main, '/') ? strrchr(p->main, '/') + 1 : p->main;
	char *od = xasprintf("-outdir=%s", rel);
	char *argv[] = {"latexmk", (char *)latex_engine_flag(engine),
		"-interaction=nonstopmode", "-halt-on-error", "-file-line-error",
		od, (char *)main, NULL};
	char *cache = latex_cache_dir(engine, outdir);
	char **env = latex_env(epoch, cache);
	free(cache);
	posix_spawn_file_actions_t fa;
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
	posix_spawn_file_actions_addopen(&fa, 1, log, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	posix_spawn_file_actions_adddup2(&fa, 1, 2);
	posix_spawn_file_actions_addchdir_np(&fa, p->texdir);
	pid_t pid;
	int e = posix_spawnp(&pid, argv[0], &fa, NULL, argv, env);
	posix_spawn_file_actions_destroy(&fa);
	int status = -1;
	if (e)
		diag_at(d, D_BUILD_SPAWN, p->texdir, 0, 0, "latexmk", strerror(e),
		        e == ENOENT ? " (install latexmk and TeX Live)" : "");
	else
		status = wait_child(pid);
	free_strv(env);
	free(od);
	free(rel);
	return status;
}

char *latex_engine_version(const char *engine)
{
	char *argv[] = {(char *)engine, "--version", NULL};
	return first_line_of(argv);
}

/* Does line start with FILE:LINE: (as -file-line-error writes)?  Sets the
 * file's length and the line number and where the message starts. */
static bool file_line(const char *line, size_t *flen, size_t *lno, const char **msg)
{
	if (line[0] == ' ' || line[0] == '(' || !line[0])
		return false;
	for (const char *c = strchr(line, ':'); c; c = strchr(c + 1, ':')) {
		const char *q = c + 1;
		size_t n = 0;
		while (*q >= '0' && *q <= '9')
			n = n * 10 + (size_t)(*q++ - '0');
		if (q > c + 1 && q[0] == ':' && q[1] == ' ') {
			*flen = (size_t)(c - line);
			*lno = n;
			*msg = q + 2;
			return *flen > 0;
		}
	}
	return false;
}

size_t latex_report_errors(const char *texdir, const char *logfile, struct diag *d)
{
	char *text;
	size_t len, found = 0;
	if (read_file(logfile, &text, &len) < 0)
		return 0;
	char *save = NULL;
	for (char *line = strtok_r(text, "\n", &save); line && found < 10;
	     line = strtok_r(NULL, "\n", &save)) {
		size_t flen, lno;
		const char *msg;
		if (!file_line(line, &flen, &lno, &msg))
			continue;
		char *file = xstrndup(line, flen);
		char *shown = file[0] == '/' ? xstrdup(file) :
			path_join(texdir, file + (strncmp(file, "./", 2) ? 0 : 2));
		diag_at(d, D_LATEX_ERROR, shown, lno, 0, msg);
		free(shown);
		free(file);
		found++;
	}
	free(text);
	return found;
}
