/* rebuild.c - see rebuild.h. */
#define _XOPEN_SOURCE 700
#define _DEFAULT_SOURCE
#include "cmd/rebuild.h"
#include "core/project.h"
#include "core/util.h"

#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

static int rm_entry(const char *p, const struct stat *sb, int flag, struct FTW *f)
{
	(void)sb, (void)flag, (void)f;
	return remove(p);
}

void rebuild_rm_tree(const char *dir)
{
	nftw(dir, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
}

int rebuild_run(const char *dir, const char *engine, const char *log)
{
	char exe[4096];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	if (n <= 0)
		return -1;
	exe[n] = 0;
	pid_t pid = fork();
	if (pid < 0)
		return -1;
	if (pid == 0) {
		int fd = open(log, O_WRONLY | O_CREAT | O_TRUNC, 0644);
		if (fd >= 0) {
			dup2(fd, 1);
			dup2(fd, 2);
			close(fd);
		}
		if (chdir(dir) == 0 && engine[0])
			execl(exe, "sitat", "build", "--draft", "--engine", engine, (char *)NULL);
		else if (chdir(dir) == 0)
			execl(exe, "sitat", "build", "--draft", (char *)NULL);
		_exit(127);
	}
	int status;
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return -1;
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

char *rebuild_project_output(const char *dir, struct diag *d)
{
	struct project p;
	if (project_load(&p, dir, d) < 0)
		return NULL;
	char *out = xstrdup(p.output);
	project_free(&p);
	return out;
}

char *rebuild_project_pdf(const char *dir, struct diag *d)
{
	struct project p;
	if (project_load(&p, dir, d) < 0)
		return NULL;
	char *name = xasprintf("%s.pdf", p.jobname);
	char *pdf = path_join(p.output, name);
	free(name);
	project_free(&p);
	return pdf;
}

char *rebuild_tmpdir(const char *what, struct diag *d)
{
	char *tmpl = xasprintf("/tmp/sitat-%s-XXXXXX", what);
	if (!mkdtemp(tmpl)) {
		diag_at(d, D_SYSTEM, "/tmp", 0, 0, "cannot create a temporary directory",
		        strerror(errno));
		free(tmpl);
		return NULL;
	}
	return tmpl;
}
