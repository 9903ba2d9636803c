/* build_rc.c - the latexmkrc that `sitat init` writes next to the main
 * file, so that every route to the PDF gets a current stamp: a plain
 * `latexmk` (TeXstudio, VS Code LaTeX Workshop, AUCTeX) first runs
 * `sitat build --prepare`, which writes the generated LaTeX and the stamp
 * and prints SOURCE_DATE_EPOCH, then runs LaTeX in the environment
 * `sitat build` uses.  When sitat cannot be run, the stale stamp.tex is
 * removed, so the PDF shows no data version rather than a wrong one.
 * Inside `sitat build` (SITAT_BUILD set) it does nothing. */
#include "cmd/build_impl.h"

#include <string.h>

/* s in a Perl single-quoted string. */
static void perl_quoted(struct buf *b, const char *s)
{
	buf_putc(b, '\'');
	for (; *s; s++) {
		if (*s == '\\' || *s == '\'')
			buf_putc(b, '\\');
		buf_putc(b, *s);
	}
	buf_putc(b, '\'');
}

void build_latexmkrc(struct buf *b, const char *engine, const char *stamp_tex)
{
	int mode = !strcmp(engine, "xelatex") ? 5 : !strcmp(engine, "lualatex") ? 4 : 1;
	buf_printf(b,
		"# latexmkrc - written by `sitat init`: a plain `latexmk` (as editors run\n"
		"# it) brings the generated LaTeX and the data stamp up to date before\n"
		"# LaTeX runs, in the reproducible environment of `sitat build`.  Without\n"
		"# sitat the stale stamp is removed: the PDF then shows no data version.\n"
		"# Add your own settings below; keep this block.\n"
		"$pdf_mode = %d;\n"
		"unless ($ENV{SITAT_BUILD}) {\n"
		"    my $stamp = ", mode);
	perl_quoted(b, stamp_tex);
	buf_puts(b, ";\n"
		"    my $epoch;\n"
		"    if (open(my $sitat, '-|', 'sitat', 'build', '--prepare', '-q')) {\n"
		"        $epoch = <$sitat>;\n"
		"        close($sitat) or undef $epoch;\n"
		"    }\n"
		"    if (defined $epoch && $epoch =~ /^(\\d+)$/) {\n"
		"        $ENV{SOURCE_DATE_EPOCH} = $1;\n"
		"    } else {\n"
		"        warn \"latexmkrc: `sitat build --prepare` failed: the data stamp is not current\\n\";\n"
		"        unlink $stamp;\n"
		"    }\n"
		"    $ENV{FORCE_SOURCE_DATE} = '1';\n"
		"    $ENV{TZ} = 'UTC';\n"
		"    $ENV{LC_ALL} = 'C.UTF-8';\n"
		"}\n");
}
