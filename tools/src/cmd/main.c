/* main.c - sitat: the dispatch table; main only dispatches. */
#include "cmd/cmd.h"

#include <stdio.h>
#include <string.h>

const struct command commands[] = {
	{"check", cmd_check, "validate the evidence store and report every problem",
	 "  --store DIR   the evidence store (default: evidence)\n"
	 "  --json        print counts and problems as one JSON object\n"
	 "  -q, --quiet   no summary line\n"},
	{"quotes", cmd_quotes, "write the quotes for sitat.sty (quotes.tex)",
	 "  --store DIR   the evidence store (default: evidence)\n"
	 "  -o FILE       output (default: thesis/generated/quotes.tex)\n"},
	{"tables", cmd_tables, "write one table per research question and the code x source matrix (tables.tex)",
	 "  --store DIR   the evidence store (default: evidence)\n"
	 "  -o FILE       output (default: thesis/generated/tables.tex)\n"},
	{"bib", cmd_bib, "write biblatex entries for interviews and documents (sitat.bib)",
	 "  --store DIR   the evidence store (default: evidence)\n"
	 "  -o FILE       output (default: thesis/generated/sitat.bib)\n"},
	{"generate", cmd_generate, "check the store once and write quotes.tex, tables.tex and sitat.bib",
	 "  --store DIR   the evidence store (default: evidence)\n"
	 "  -d DIR        output directory (default: thesis/generated)\n"
	 "  -q, --quiet   do not list the files written\n"},
	{"audit", cmd_audit, "check every claim of the thesis against its quotes; write audit.tex",
	 "  --store DIR     the evidence store (default: evidence)\n"
	 "  --record FILE   the use record LaTeX wrote (default: build/thesis.sitat)\n"
	 "  --texdir DIR    where the thesis sources are (default: thesis)\n"
	 "  -o FILE         the appendix (default: thesis/generated/audit.tex)\n"
	 "  --no-tex        do not write the appendix\n"
	 "  --json          print counts and problems as one JSON object\n"},
	{"trace", cmd_trace, "show where a quote is used and where it comes from, or a claim's evidence",
	 "  ID              a quote id (I3-012) or a claim id\n"
	 "  --json          print as JSON\n"
	 "  --store DIR, --record FILE, --texdir DIR as for audit\n"},
	{"stamp", cmd_stamp, "stamp the build with the data version (libgit2)",
	 "  -o FILE          write stamp.tex for sitat.sty\n"
	 "  --manifest FILE  write the build manifest (JSON)\n"
	 "  --engine TEXT    TeX engine and version, for the manifest\n"
	 "  --json           print the stamp as JSON\n"
	 "  --epoch          print SOURCE_DATE_EPOCH for this build (commit time)\n"
	 "  --require-clean  exit 1 unless evidence/, bib/ and thesis/ are committed\n"
	 "  -C DIR           look for the repository from DIR (default: .)\n"},
	{"verify", cmd_verify, "check that a PDF comes from a clean, present, matching data version",
	 "  PDF       the PDF to verify (e.g. build/thesis.pdf)\n"
	 "  -C DIR    the repository to compare with (default: .)\n"},
	{"reproduce", cmd_reproduce, "rebuild a commit in a temporary checkout and compare the PDF",
	 "  [COMMIT | PDF]  what to rebuild (default: HEAD); a PDF names its commit\n"
	 "  --keep          keep the temporary directory\n"
	 "  -C DIR          the repository (default: .)\n"},
	{"leakcheck", cmd_leakcheck, "check that no string from the key of real names appears in the generated LaTeX or the PDF",
	 "  --names FILE     the key: one name or identifying string a line (default:\n"
	 "                   evidence/private/names.txt; if absent, nothing to check)\n"
	 "  --generated DIR  every *.tex and *.bib under DIR (default: thesis/generated)\n"
	 "  --pdf FILE       the PDF, read with pdftotext (default: build/thesis.pdf)\n"
	 "  --no-pdf         check the generated files only\n"
	 "  -q, --quiet      no summary line\n"},
	{"help", cmd_help, "show help for sitat or one command", "  [COMMAND]\n"},
	{NULL, NULL, NULL, NULL},
};

const struct command *command_find(const char *name)
{
	for (const struct command *c = commands; c->name; c++)
		if (strcmp(c->name, name) == 0)
			return c;
	return NULL;
}

static void usage(FILE *f)
{
	fprintf(f, "usage: sitat [--version] [--help] COMMAND [ARGS]\n\n"
	           "Commands:\n");
	for (const struct command *c = commands; c->name; c++)
		fprintf(f, "  %-10s %s\n", c->name, c->summary);
	fprintf(f, "\nRun 'sitat help COMMAND' for a command's options; "
	           "'man sitat' for the manual.\n"
	           "Exit status: 0 ok, 1 problems found, 2 usage or I/O error.\n");
}

int cmd_help(int argc, char **argv)
{
	if (argc < 2) {
		usage(stdout);
		return EXIT_OK;
	}
	const struct command *c = command_find(argv[1]);
	if (!c) {
		fprintf(stderr, "sitat: unknown command '%s'\n", argv[1]);
		return EXIT_USAGE;
	}
	printf("usage: sitat %s [OPTIONS]\n%s.\n\nOptions:\n%s", c->name,
	       c->summary, c->usage);
	return EXIT_OK;
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		usage(stderr);
		return EXIT_USAGE;
	}
	if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h"))
		return cmd_help(1, argv);
	if (!strcmp(argv[1], "--version")) {
		printf("sitat %s\n", SITAT_VERSION);
		return EXIT_OK;
	}
	const struct command *c = command_find(argv[1]);
	if (!c) {
		fprintf(stderr, "sitat: unknown command '%s'\n", argv[1]);
		usage(stderr);
		return EXIT_USAGE;
	}
	for (int i = 2; i < argc; i++)
		if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
			char *a[] = {"help", argv[1], NULL};
			return cmd_help(2, a);
		}
	return c->run(argc - 1, argv + 1);
}
