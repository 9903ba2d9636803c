/* cmd_init.c - sitat init: make a directory a sitat project.  In an empty
 * directory, a starter thesis that builds at once; with --main FILE, the
 * project parts for an existing thesis (and the preamble lines to add).
 * Every file is planned first: if one is in the way, init names it and
 * writes nothing; a failure half-way removes what it wrote.  --update-sty
 * replaces the vendored sitat.sty with this sitat's (cmd/sty.h). */
#define _DEFAULT_SOURCE /* lstat */
#include "cmd/build_impl.h"
#include "cmd/cmd.h"
#include "cmd/sty.h"
#include "core/infile.h"
#include "core/outfile.h"
#include "core/text.h"
#include "latex/starter.h"

#include <cjson/cJSON.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

struct init_opts {
	const char *title, *author, *lang, *docclass, *engine, *main;
	struct opt_list rq;
	bool update_sty, quiet;
};

const struct opt init_options[] = {
	OPT_STRING("title", 0, struct init_opts, title, "TEXT", "the thesis title (default: Untitled thesis)"),
	OPT_STRING("author", 0, struct init_opts, author, "NAME", "the author (default: Author)"),
	OPT_STRING("lang", 0, struct init_opts, lang, "LANG", "the language: nb, nn or en (default: en)"),
	OPT_STRING("class", 0, struct init_opts, docclass, "CLASS",
	           "the document class: scrreprt, scrbook, book, report or memoir (default: scrreprt)"),
	OPT_LIST("rq", 0, struct init_opts, rq, "ID:LABEL:QUESTION",
	         "a research question (repeatable; ID is [a-z][a-z0-9]*)"),
	OPT_STRING("engine", 0, struct init_opts, engine, "ENGINE",
	           "the TeX engine: pdflatex, xelatex or lualatex (default: pdflatex)"),
	OPT_PATH("main", 0, struct init_opts, main, "FILE",
	         "an existing thesis: its main .tex file (add sitat to it)"),
	OPT_FLAG("update-sty", 0, struct init_opts, update_sty,
	         "replace the project's vendored sitat.sty with this sitat's"),
	OPT_QUIET(struct init_opts, quiet, "do not list what was written"),
	OPT_END,
};

/* ---- the plan: every file and directory, checked before any is made ----- */

struct item {
	char *path;   /* relative to the current directory */
	char *show;   /* relative to the project root, for messages */
	struct buf data;
	bool dir, append;
	off_t old_size; /* append: the size before */
	bool done;
};

struct plan {
	const char *root;
	struct item *v;
	size_t n, cap;
};

static struct item *add(struct plan *pl, const char *rel, bool dir)
{
	struct item it = {0};
	it.path = strcmp(pl->root, ".") ? path_join(pl->root, rel) : xstrdup(rel);
	it.show = xstrdup(rel);
	it.dir = dir;
	buf_init(&it.data);
	ARRAY_PUSH(pl->v, pl->n, pl->cap, it);
	return &pl->v[pl->n - 1];
}

static void plan_free(struct plan *pl)
{
	for (size_t i = 0; i < pl->n; i++) {
		free(pl->v[i].path);
		free(pl->v[i].show);
		buf_free(&pl->v[i].data);
	}
	free(pl->v);
}

/* Say every planned file that is in the way; returns their number.  A
 * directory that exists is fine unless it is the store. */
static size_t in_the_way(const struct plan *pl, const char *store)
{
	size_t n = 0;
	for (size_t i = 0; i < pl->n; i++) {
		const struct item *it = &pl->v[i];
		struct stat st;
		if (it->append || lstat(it->path, &st) < 0)
			continue;
		if (it->dir && S_ISDIR(st.st_mode) && strcmp(it->show, store))
			continue;
		fprintf(stderr, "sitat init: %s is in the way (%s)\n", it->path,
		        S_ISDIR(st.st_mode) ? "a directory exists" : "it exists");
		n++;
	}
	return n;
}

static int make_one(struct item *it)
{
	struct stat st;
	if (it->dir) {
		if (lstat(it->path, &st) == 0 && S_ISDIR(st.st_mode))
			return 0;
		if (mkdir(it->path, 0755) < 0)
			return -1;
		it->done = true;
		return 0;
	}
	int fd;
	if (it->append) {
		fd = open(it->path, O_WRONLY | O_APPEND | O_CREAT, 0644);
		if (fd >= 0 && fstat(fd, &st) == 0)
			it->old_size = st.st_size;
	} else {
		fd = open(it->path, O_WRONLY | O_CREAT | O_EXCL, 0644);
	}
	if (fd < 0)
		return -1;
	it->done = true;
	const char *p = it->data.data ? it->data.data : "";
	size_t left = it->data.len;
	while (left) {
		ssize_t w = write(fd, p, left);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0) {
			close(fd);
			return -1;
		}
		p += w;
		left -= (size_t)w;
	}
	return close(fd);
}

/* Undo what was made, last first. */
static void undo(struct plan *pl)
{
	for (size_t i = pl->n; i-- > 0;) {
		struct item *it = &pl->v[i];
		if (!it->done)
			continue;
		if (it->dir)
			rmdir(it->path);
		else if (it->append && it->old_size > 0)
			(void)truncate(it->path, it->old_size);
		else
			unlink(it->path);
	}
}

static int carry_out(struct plan *pl)
{
	for (size_t i = 0; i < pl->n; i++) {
		if (make_one(&pl->v[i]) < 0) {
			fprintf(stderr, "sitat init: cannot write %s: %s; nothing is left "
			        "written\n", pl->v[i].path, strerror(errno));
			undo(pl);
			return EXIT_IO;
		}
	}
	return EXIT_OK;
}

/* ---- the files ------------------------------------------------------------ */

static void json_str(struct buf *b, const char *s)
{
	cJSON *j = cJSON_CreateString(s);
	char *t = cJSON_PrintUnformatted(j);
	buf_puts(b, t);
	free(t);
	cJSON_Delete(j);
}

struct init_rq {
	char *id, *label, *question;
};

static void store_project(struct buf *b, const struct init_opts *o,
                          const struct init_rq *rqs, size_t n)
{
	buf_puts(b, "{\n  \"format\": \"sitat-store/1\",\n  \"title\": ");
	json_str(b, o->title);
	buf_puts(b, ",\n  \"author\": ");
	json_str(b, o->author);
	buf_printf(b, ",\n  \"language\": \"%s\",\n  \"research_questions\": [", o->lang);
	for (size_t k = 0; k < n; k++) {
		buf_puts(b, k ? ",\n    {\n      \"id\": " : "\n    {\n      \"id\": ");
		json_str(b, rqs[k].id);
		buf_puts(b, ",\n      \"label\": ");
		json_str(b, rqs[k].label);
		buf_puts(b, ",\n      \"question\": ");
		json_str(b, rqs[k].question);
		buf_puts(b, "\n    }");
	}
	buf_puts(b, n ? "\n  ]\n}\n" : "]\n}\n");
}

struct layout {
	char *main, *texdir, *generated, *sty, *rc, *chapter;
	char **bib;
	size_t nbib, capbib;
};

static void layout_free(struct layout *l)
{
	free(l->main), free(l->texdir), free(l->generated), free(l->sty);
	free(l->rc), free(l->chapter);
	for (size_t k = 0; k < l->nbib; k++)
		free(l->bib[k]);
	free(l->bib);
}

/* rel joined under the TeX directory (relative to the root). */
static char *in_tex(const struct layout *l, const char *rel)
{
	return strcmp(l->texdir, ".") ? path_join(l->texdir, rel) : xstrdup(rel);
}

static void project_file(struct buf *b, const struct layout *l, const char *engine)
{
	buf_puts(b, "{\n  \"format\": \"sitat-project/1\",\n  \"store\": \"evidence\",\n  \"main\": ");
	json_str(b, l->main);
	buf_puts(b, ",\n  \"generated\": ");
	json_str(b, l->generated);
	buf_printf(b, ",\n  \"output\": \"build\",\n  \"engine\": \"%s\",\n  \"bib\": [", engine);
	for (size_t k = 0; k < l->nbib; k++) {
		buf_puts(b, k ? ", " : "");
		json_str(b, l->bib[k]);
	}
	buf_puts(b, "],\n  \"sty\": ");
	json_str(b, l->sty);
	buf_puts(b, "\n}\n");
}

/* The .gitignore lines the project needs that f does not have yet. */
static void gitignore(struct buf *b, const char *path, const struct layout *l)
{
	char *old = NULL;
	size_t len = 0;
	if (read_file(path, &old, &len) < 0)
		old = NULL;
	char *gen = xasprintf("/%s/", l->generated);
	const char *lines[] = {"/build/", gen, "/evidence/private/", "*.aux", "*.bbl",
		"*.bcf", "*.blg", "*.fdb_latexmk", "*.fls", "*.log", "*.out",
		"*.run.xml", "*.toc", "*.synctex.gz", "*.sitat", "*.xdv", NULL};
	bool any = false;
	for (const char *const *p = lines; *p; p++) {
		bool have = false;
		for (const char *s = old; s && *s && !have;) {
			size_t k = strcspn(s, "\n");
			have = k == strlen(*p) && !strncmp(s, *p, k);
			s += k + (s[k] == '\n');
		}
		if (have)
			continue;
		if (!any)
			buf_puts(b, len && old[len - 1] != '\n' ? "\n\n" : len ? "\n" : "");
		if (!any)
			buf_puts(b, "# sitat: build output, generated LaTeX, LaTeX's files, "
			            "the key of real names\n");
		any = true;
		buf_printf(b, "%s\n", *p);
	}
	free(gen);
	free(old);
}

/* The .bib files directly in dir (relative to the root: prefix). */
static void find_bibs(struct layout *l, const char *dir, const char *prefix)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	while (d && (e = readdir(d))) {
		if (e->d_name[0] != '.' && str_ends_with(e->d_name, ".bib")) {
			char *p = strcmp(prefix, ".") ? path_join(prefix, e->d_name) : xstrdup(e->d_name);
			ARRAY_PUSH(l->bib, l->nbib, l->capbib, p);
		}
	}
	if (d)
		closedir(d);
	if (l->nbib > 1)
		qsort(l->bib, l->nbib, sizeof *l->bib, cmp_strp);
}

/* ---- options ---------------------------------------------------------------- */

static bool one_of(const char *v, const char *const *set)
{
	for (; *set; set++)
		if (!strcmp(v, *set))
			return true;
	return false;
}

static bool rq_id_ok(const char *s)
{
	if (!(s[0] >= 'a' && s[0] <= 'z'))
		return false;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9')))
			return false;
	return true;
}

/* Check the values; returns EXIT_OK or the usage error's status. */
static int check_opts(struct init_opts *o, struct init_rq *rqs)
{
	static const char *const langs[] = {"nb", "nn", "en", NULL};
	static const char *const classes[] = {"scrreprt", "scrbook", "book", "report", "memoir", NULL};
	static const char *const engines[] = {"pdflatex", "xelatex", "lualatex", NULL};
	o->title = OR_DEFAULT(o->title, "Untitled thesis");
	o->author = OR_DEFAULT(o->author, "Author");
	o->lang = OR_DEFAULT(o->lang, "en");
	o->docclass = OR_DEFAULT(o->docclass, "scrreprt");
	o->engine = OR_DEFAULT(o->engine, "pdflatex");
	if (!one_of(o->lang, langs))
		return opt_usage_error("init", "--lang %s: expected nb, nn or en", o->lang);
	if (!one_of(o->docclass, classes))
		return opt_usage_error("init", "--class %s: expected scrreprt, scrbook, book, report or memoir", o->docclass);
	if (!one_of(o->engine, engines))
		return opt_usage_error("init", "--engine %s: expected pdflatex, xelatex or lualatex", o->engine);
	const char *texts[2] = {o->title, o->author};
	for (int k = 0; k < 2; k++) {
		unsigned bad;
		if (!texts[k][0] || text_check_string(texts[k], &bad))
			return opt_usage_error("init", "--%s: empty, or not NFC UTF-8 text without control characters",
			                       k ? "author" : "title");
	}
	for (size_t k = 0; k < o->rq.n; k++) {
		const char *v = o->rq.v[k], *c1 = strchr(v, ':'), *c2 = c1 ? strchr(c1 + 1, ':') : NULL;
		if (!c2 || c1 == v || c2 == c1 + 1 || !c2[1])
			return opt_usage_error("init", "--rq %s: expected ID:LABEL:QUESTION", v);
		rqs[k].id = xstrndup(v, (size_t)(c1 - v));
		rqs[k].label = xstrndup(c1 + 1, (size_t)(c2 - c1 - 1));
		rqs[k].question = xstrdup(c2 + 1);
		unsigned bad;
		if (!rq_id_ok(rqs[k].id))
			return opt_usage_error("init", "--rq %s: the id must be [a-z][a-z0-9]*", v);
		if (text_check_string(v, &bad))
			return opt_usage_error("init", "--rq %s: not NFC UTF-8 text without control characters", v);
		for (size_t m = 0; m < k; m++)
			if (!strcmp(rqs[m].id, rqs[k].id))
				return opt_usage_error("init", "--rq: the id %s is given twice", rqs[k].id);
	}
	return EXIT_OK;
}

/* ---- the two kinds of init ------------------------------------------------------ */

/* The layout: a new thesis (main NULL) or the existing main file. */
static int make_layout(struct layout *l, const char *root, const char *main)
{
	memset(l, 0, sizeof *l);
	if (!main) {
		l->main = xstrdup("thesis.tex");
		l->texdir = xstrdup(".");
		l->chapter = xstrdup("chapters/introduction");
		ARRAY_PUSH(l->bib, l->nbib, l->capbib, xstrdup("references.bib"));
	} else {
		while (!strncmp(main, "./", 2))
			main += 2;
		char *path = strcmp(root, ".") ? path_join(root, main) : xstrdup(main);
		struct stat st;
		int ok = stat(path, &st) == 0 && S_ISREG(st.st_mode);
		free(path);
		if (main[0] == '/' || !strncmp(main, "../", 3) || strstr(main, "/../"))
			return opt_usage_error("init", "--main %s: a path inside DIR, relative to it", main);
		if (!str_ends_with(main, ".tex") || !ok)
			return opt_usage_error("init", "--main %s: not an existing .tex file in %s", main, root);
		l->main = xstrdup(main);
		const char *slash = strrchr(main, '/');
		l->texdir = slash ? xstrndup(main, (size_t)(slash - main)) : xstrdup(".");
		find_bibs(l, root, ".");
		if (strcmp(l->texdir, ".")) {
			char *td = path_join(root, l->texdir);
			find_bibs(l, td, l->texdir);
			free(td);
		}
	}
	l->generated = in_tex(l, "generated");
	l->sty = in_tex(l, "sitat.sty");
	l->rc = in_tex(l, "latexmkrc");
	return EXIT_OK;
}

static void plan_files(struct plan *pl, const struct init_opts *o,
                       const struct layout *l, const struct init_rq *rqs)
{
	struct starter s = {.title = o->title, .author = o->author, .lang = o->lang,
		.docclass = o->docclass, .engine = o->engine, .generated = "generated",
		.bib = l->nbib ? l->bib[0] : "references.bib", .chapter = l->chapter,
		.rq = o->rq.n ? rqs[0].id : NULL};
	project_file(&add(pl, PROJECT_FILE, false)->data, l, o->engine);
	struct item *gi = add(pl, ".gitignore", false);
	gi->append = true;
	gitignore(&gi->data, gi->path, l);
	add(pl, "evidence", true);
	store_project(&add(pl, "evidence/project.json", false)->data, o, rqs, o->rq.n);
	buf_puts(&add(pl, "evidence/codebook.json", false)->data,
	         "{\n  \"format\": \"sitat-codebook/1\",\n  \"codes\": []\n}\n");
	add(pl, "evidence/sources", true);
	add(pl, "evidence/sources/.gitkeep", false);
	add(pl, "evidence/codings", true);
	add(pl, "evidence/codings/.gitkeep", false);
	if (!o->main) {
		starter_main(&add(pl, l->main, false)->data, &s);
		add(pl, "chapters", true);
		char *ch = xasprintf("%s.tex", l->chapter);
		starter_chapter(&add(pl, ch, false)->data, &s);
		free(ch);
		starter_bib(&add(pl, "references.bib", false)->data, &s);
	}
	for (size_t i = 0; i < sitat_sty_nfiles; i++) {
		char *path = sty_file_path(l->sty, &sitat_sty_files[i]);
		buf_add(&add(pl, path, false)->data, sitat_sty_files[i].data, sitat_sty_files[i].len);
		free(path);
	}
	/* sitat build's latexmkrc (cmd/build_rc.c): the stamp relative to
	 * the main file's directory */
	build_latexmkrc(&add(pl, l->rc, false)->data, o->engine, "generated/stamp.tex");
}

static void report(const struct plan *pl, const struct init_opts *o,
                   const struct layout *l, const struct init_rq *rqs)
{
	for (size_t i = 0; i < pl->n; i++)
		if (!pl->v[i].dir && pl->v[i].data.len && !strstr(pl->v[i].show, ".gitkeep"))
			printf("sitat init: %s %s\n", pl->v[i].append ? "added lines to" : "wrote",
			       pl->v[i].path);
	if (!o->main) {
		printf("\nNext: sitat build (the PDF goes to build/%s.pdf)\n", "thesis");
		return;
	}
	struct starter s = {.lang = o->lang, .generated = "generated",
		.rq = o->rq.n ? rqs[0].id : NULL};
	char *path = strcmp(pl->root, ".") ? path_join(pl->root, l->main) : xstrdup(l->main);
	char *text = NULL;
	size_t len;
	if (read_file(path, &text, &len) == 0) {
		s.has_babel = strstr(text, "{babel}") || strstr(text, "{polyglossia}");
		s.has_csquotes = strstr(text, "{csquotes}") != NULL;
		s.has_biblatex = strstr(text, "{biblatex}") != NULL;
		s.has_hyperref = strstr(text, "{hyperref}") != NULL;
	}
	struct buf b;
	buf_init(&b);
	starter_preamble(&b, &s);
	printf("\nAdd to the preamble of %s, at its end:\n\n%s\n"
	       "Then: sitat build\n", l->main, b.data);
	buf_free(&b);
	free(text);
	free(path);
}

/* --update-sty: the project's vendored sitat.sty becomes this sitat's. */
static int update_sty(const char *root, bool quiet)
{
	struct project p;
	struct diag d;
	diag_init(&d, stderr);
	int r = project_load(&p, root, &d), st = EXIT_OK;
	if (r < 0 || !p.file) {
		if (r == 0)
			fprintf(stderr, "sitat init: no %s here or above: not a sitat project "
			        "(run sitat init)\n", PROJECT_FILE);
		st = EXIT_USAGE;
	} else {
		char *v = sty_version((const char *)sitat_sty, sitat_sty_len);
		for (size_t i = 0; i < sitat_sty_nfiles && st == EXIT_OK; i++) {
			const struct sty_file *f = &sitat_sty_files[i];
			char *path = sty_file_path(p.sty, f);
			if ((r = out_write(path, p.store, (const char *)f->data, f->len, &d)) < 0)
				st = r == OUT_REFUSED ? EXIT_USAGE : EXIT_IO;
			else if (!quiet)
				printf("sitat init: %s %s (sitat.sty %s)\n", path,
				       r ? "updated" : "is up to date", v);
			free(path);
		}
		free(v);
	}
	project_free(&p);
	diag_free(&d);
	return st;
}

int cmd_init(int argc, char **argv)
{
	struct init_opts o = {0};
	int st = cmd_parse(&argc, argv, &o);
	if (st != CMD_RUN)
		return st;
	const char *root = argc > 1 ? argv[1] : ".";
	struct init_rq *rqs = xcalloc(o.rq.n + 1, sizeof *rqs);
	struct layout l = {0};
	struct plan pl = {.root = root};
	if (o.update_sty) {
		st = update_sty(root, o.quiet);
		goto out;
	}
	if ((st = check_opts(&o, rqs)) != EXIT_OK)
		goto out;
	struct stat sb;
	if (!o.main && stat(root, &sb) < 0 && mkdir(root, 0755) < 0) {
		fprintf(stderr, "sitat init: cannot create %s: %s\n", root, strerror(errno));
		st = EXIT_IO;
		goto out;
	}
	if ((st = make_layout(&l, root, o.main)) != EXIT_OK)
		goto out;
	plan_files(&pl, &o, &l, rqs);
	size_t n = in_the_way(&pl, "evidence");
	if (n) {
		fprintf(stderr, "sitat init: nothing written (%zu file%s in the way; move "
		        "%s or choose another directory)\n", n, n == 1 ? "" : "s",
		        n == 1 ? "it" : "them");
		st = EXIT_USAGE;
		goto out;
	}
	if ((st = carry_out(&pl)) == EXIT_OK && !o.quiet)
		report(&pl, &o, &l, rqs);
out:
	for (size_t k = 0; k < o.rq.n; k++)
		free(rqs[k].id), free(rqs[k].label), free(rqs[k].question);
	free(rqs);
	plan_free(&pl);
	layout_free(&l);
	opt_list_free(&o.rq);
	return st;
}
