/* main.c - sitat: the dispatch table; main only dispatches.  Each entry
 * joins a command's function and option table (in cmd_NAME.c) with its
 * summary and positional arguments; parsing and help come from it. */
#include "cmd/cmd.h"

#include <stdio.h>
#include <string.h>

#define CMD(name, summary) cmd_##name, {#name, summary, name##_options, NULL, NULL, 0, 0, NULL}
#define CMD_ARGS(name, summary, args, args_help, min, max, missing) \
	cmd_##name, {#name, summary, name##_options, args, args_help, min, max, missing}

const struct command commands[] = {
	{CMD_ARGS(init, "make a directory a sitat project: a starter thesis, or sitat for an existing one (--main)",
	          "[DIR]", "  DIR   the project's directory (default: .; created when missing)\n",
	          0, 1, NULL)},
	{CMD(check, "validate the evidence store and report every problem")},
	{CMD_ARGS(add, "add a source: an interview or a document from .txt, .docx, .vtt, .srt or .pdf",
	          "interview|document FILE", "  interview|document   the kind of source\n"
	          "  FILE                 the file to add (.txt, .docx, .vtt, .srt; .pdf for documents)\n",
	          2, 2, "what to add? (sitat add interview FILE, or sitat add document FILE)")},
	{CMD_ARGS(code, "code a segment of a source: find its text, compute the anchor, write it",
	          "SOURCE", "  SOURCE   the source to code (I3, D1)\n", 1, 1,
	          "which source? (e.g. sitat code I3 --text '...' --codes a,b)")},
	{CMD_ARGS(uncode, "remove a coded segment", "ID", "  ID   the segment (I3-012)\n", 1, 1,
	          "which segment? (e.g. I3-012)")},
	{CMD_ARGS(recode, "change the codes of a segment", "ID", "  ID   the segment (I3-012)\n", 1, 1,
	          "which segment? (e.g. I3-012)")},
	{CMD_ARGS(codes, "change the codebook: rename, merge or move codes (every coding follows)",
	          "rename|merge|move CODE [CODE]",
	          "  rename OLD NEW    give a code a new id\n"
	          "  merge FROM INTO   give FROM's codings to INTO and remove FROM\n"
	          "  move CODE         give CODE a new parent (--parent P or --top)\n",
	          2, 3, "what to do? (codes rename OLD NEW, codes merge FROM INTO, codes move CODE)")},
	{CMD_ARGS(reanchor, "move the anchors of segments whose source text changed (through git history)",
	          "[SOURCE... | ID...]", "  SOURCE   only these sources (default: all)\n"
	          "  ID       with --accept: accept only these segments' changed quotes\n", 0, 100000, NULL)},
	{CMD_ARGS(import, "import a REFI-QDA project (.qdpx) or codebook (.qdc) from NVivo, ATLAS.ti, MAXQDA, QualCoder",
	          "FILE", "  FILE   the .qdpx project or .qdc codebook to import\n", 1, 1,
	          "which file? (e.g. sitat import project.qdpx --rq code=rq1)")},
	{CMD_ARGS(export, "export the store as a REFI-QDA project (.qdpx) or codebook (--codebook FILE.qdc)",
	          "[FILE]", "  FILE   the .qdpx to write\n", 0, 1, NULL)},
	{CMD(generate, "check the store once and write quotes.tex, tables.tex and sitat.bib")},
	{CMD(quotes, "write the quotes for sitat.sty (quotes.tex)")},
	{CMD(tables, "write one table per research question and the code x source matrix (tables.tex)")},
	{CMD(bib, "write biblatex entries for interviews and documents (sitat.bib)")},
	{CMD(audit, "check every claim of the thesis against its quotes; write audit.tex")},
	{CMD_ARGS(trace, "show where a quote is used and where it comes from, or a claim's evidence",
	          "ID", "  ID   a quote id (I3-012) or a claim id\n", 1, 1,
	          "which id? (a quote such as I3-012, or a claim)")},
	{CMD(build, "build the PDF: generate, stamp, LaTeX, audit, leakcheck (incremental, locked)")},
	{CMD(stamp, "stamp the build with the data version (libgit2)")},
	{CMD_ARGS(verify, "check that a PDF comes from a clean, present, matching data version",
	          "PDF", "  PDF   the PDF to verify (e.g. build/thesis.pdf)\n", 1, 1,
	          "which PDF? (e.g. build/thesis.pdf)")},
	{CMD_ARGS(reproduce, "rebuild a commit or an examiner's bundle offline and compare: identical, same text or different, and why",
	          "[COMMIT | PDF | BUNDLE]", "  COMMIT | PDF | BUNDLE   what to rebuild (default: HEAD); a PDF names its commit;\n"
	          "                          a bundle (sitat bundle) is unpacked and checked first\n",
	          0, 1, NULL)},
	{CMD(bundle, "write the examiner's bundle: the commit, the git objects that prove it, the PDF, every TeX input")},
	{CMD_ARGS(diff, "what changed in the evidence between two data versions, and which claims and pages it touches",
	          "A [B]", "  A   the earlier version (a commit, a tag)\n"
	          "  B   the later version (default: the working tree)\n", 1, 2,
	          "which versions? (e.g. sitat diff v1.0 HEAD, or sitat diff v1.0 for the working tree)")},
	{CMD(leakcheck, "check that no string from the key of real names appears in the generated LaTeX or the PDF")},
	{CMD_ARGS(help, "show help for sitat or one command", "[COMMAND]",
	          "  COMMAND   the command to describe\n", 0, 1, NULL)},
	{NULL, {NULL, NULL, NULL, NULL, NULL, 0, 0, NULL}},
};

const struct opt help_options[] = {OPT_END};

const struct command *command_find(const char *name)
{
	for (const struct command *c = commands; c->run; c++)
		if (strcmp(c->spec.cmd, name) == 0)
			return c;
	return NULL;
}

static void usage(FILE *f)
{
	fprintf(f, "usage: sitat [--version] [--help] COMMAND [OPTIONS] [ARGS]\n\n"
	           "Commands:\n");
	for (const struct command *c = commands; c->run; c++)
		fprintf(f, "  %-10s %s\n", c->spec.cmd, c->spec.summary);
	fprintf(f, "\nRun 'sitat help COMMAND' (or 'sitat COMMAND --help') for a "
	           "command's options;\n'man sitat' for the manual.\n\n"
	           "Exit status:\n"
	           "  0  ok\n"
	           "  1  problems found (a generator wrote nothing; reproduce could not check)\n"
	           "  2  usage: bad options or arguments, not an evidence store, "
	           "an output refused\n"
	           "  3  a file could not be read or written, or another system error\n"
	           "  4  reproduce: the rebuild has the same text, other bytes\n"
	           "  5  reproduce: the rebuild's text differs\n");
}

static int unknown_command(const char *name)
{
	fprintf(stderr, "sitat: unknown %s '%s'\nTry 'sitat --help'.\n",
	        name[0] == '-' ? "option" : "command", name);
	return EXIT_USAGE;
}

int cmd_help(int argc, char **argv)
{
	struct {
		bool unused;
	} o;
	int st = cmd_parse(&argc, argv, &o);
	if (st != CMD_RUN)
		return st;
	if (argc < 2) {
		usage(stdout);
		return EXIT_OK;
	}
	const struct command *c = command_find(argv[1]);
	if (!c)
		return unknown_command(argv[1]);
	opt_help(&c->spec, stdout);
	return EXIT_OK;
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		usage(stderr);
		return EXIT_USAGE;
	}
	if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")) {
		usage(stdout);
		return EXIT_OK;
	}
	if (!strcmp(argv[1], "--version")) {
		printf("sitat %s\n", SITAT_VERSION);
		return EXIT_OK;
	}
	const struct command *c = command_find(argv[1]);
	if (!c)
		return unknown_command(argv[1]);
	return c->run(argc - 1, argv + 1);
}
