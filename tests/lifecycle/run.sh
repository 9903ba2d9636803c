#!/bin/sh
# tests/lifecycle/run.sh SITAT - an existing thesis (main.tex at the root,
# chapters/, its own .gitignore and references.bib) made a sitat project
# with `sitat init --main main.tex`, sitat installed by `make install
# PREFIX=<tmp>`, then its whole life: sources and codings (the tutorial's
# files, docs/tutorial.md blocks 2-6), a claim, `sitat build` (stamp,
# tables, matrix, audit appendix read back with pdftotext), a chapter edit
# (not clean; verify refuses), commit (clean; VERIFIED), `--release`
# refusing a dirty tree by name, `reproduce HEAD` identical, and a plain
# `latexmk` (as an editor runs it) after an edit: not clean.
# The git command line only sets up fixtures.
set -u
root=$(cd "$(dirname "$0")/../.." && pwd)
SITAT=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
. "$root/tests/lib.sh"
t_begin lifecycle
tmp=$(mktemp -d "${TMPDIR:-/tmp}/sitat-lifecycle.XXXXXX") || exit 2
if [ "${KEEP:-0}" = 1 ]; then echo "# $tmp"; else trap 'rm -rf "$tmp"' EXIT; fi
for t in latexmk pdftotext; do
	command -v $t >/dev/null 2>&1 || { t_skip "lifecycle" "$t missing"; t_end; exit 0; }
done

prefix=$tmp/prefix
build=$(dirname "$SITAT")
if (cd "$root" && make -s install PREFIX="$prefix" BUILD="${build#"$root"/}") \
	>"$tmp/install.log" 2>&1 && [ -x "$prefix/bin/sitat" ]; then
	t_pass "make install PREFIX=..."
else
	t_fail "make install PREFIX=..." "$(tail -5 "$tmp/install.log")"
	t_end
	exit 1
fi
export PATH=$prefix/bin:$PATH HOME=$tmp/home GIT_AUTHOR_NAME=t \
	GIT_AUTHOR_EMAIL=t@example.org GIT_COMMITTER_NAME=t GIT_COMMITTER_EMAIL=t@example.org
mkdir -p "$HOME"

# run NAME WANT CMD...: in $e, output in $tmp/out; pass on exit WANT
e=$tmp/existing
run() {
	T_name=$1 T_want=$2
	shift 2
	T_st=0
	(cd "$e" && "$@") >"$tmp/out" 2>&1 || T_st=$?
	t_result "$T_name" "$([ "$T_st" = "$T_want" ] && echo 0 || echo 1)" \
		"exit $T_st, wanted $T_want: $(tail -8 "$tmp/out")"
}
# pdf_has NAME TEXT...: every TEXT is in the PDF's text
pdf_has() {
	T_name=$1
	shift
	pdftotext "$e/build/main.pdf" "$tmp/pdf.txt" 2>/dev/null || : >"$tmp/pdf.txt"
	T_miss=
	for T_t in "$@"; do grep -qF -- "$T_t" "$tmp/pdf.txt" || T_miss="$T_miss [$T_t]"; done
	t_result "$T_name" "$([ -z "$T_miss" ] && echo 0 || echo 1)" "not in the PDF:$T_miss"
}

# ---- the existing thesis, committed before sitat -----------------------------
mkdir -p "$e/chapters"
cat >"$e/main.tex" <<'TEX'
\documentclass{scrreprt}
\usepackage[T1]{fontenc}
\usepackage[utf8]{inputenc}
\usepackage[english]{babel}
\usepackage[hidelinks]{hyperref}
%PREAMBLE
\begin{document}
\input{chapters/one}
\appendix
\sitatauditappendix
\printbibliography
\end{document}
TEX
printf '\\chapter{One}\nOur own text, before sitat.\n' >"$e/chapters/one.tex"
printf '@book{a, author={Ann Author}, title={A Title}, year={2020}}\n' >"$e/references.bib"
printf '# our own lines\n*.pdf\n' >"$e/.gitignore"
git -C "$e" init -q && git -C "$e" add -A && git -C "$e" commit -qm "our thesis"
cp "$e/.gitignore" "$tmp/gitignore.before"

run "init --main main.tex" 0 sitat init --main main.tex --lang en \
	--rq "rq1:Purpose:What is co-creation for?" --rq "rq2:Practice:How is it done?"
cp "$tmp/out" "$tmp/init.out"
head -n "$(wc -l <"$tmp/gitignore.before")" "$e/.gitignore" | cmp -s - "$tmp/gitignore.before"
t_result "init keeps the thesis's own .gitignore lines" $? "$(cat "$e/.gitignore")"
printf '\\chapter{One}\nOur own text, before sitat.\n' | cmp -s - "$e/chapters/one.tex"
t_result "init leaves the chapters alone" $?
run "init again: sitat.json is in the way" 2 sitat init --main main.tex
grep -q 'in the way' "$tmp/out"
t_result "init again names the file in the way" $? "$(cat "$tmp/out")"

# the preamble lines init printed, where the thesis wants them
sed -n '/^\\usepackage/p' "$tmp/init.out" >"$tmp/pre"
awk -v f="$tmp/pre" '/^%PREAMBLE/ { while ((getline l < f) > 0) print l;
	print "\\addbibresource{references.bib}"; next } { print }' "$e/main.tex" >"$tmp/main.new"
mv "$tmp/main.new" "$e/main.tex"

# sources, codebook and codings: the tutorial's (blocks 2 to 6)
awk '/^```sh$/ { inb = 1; n++; next } /^```/ && inb { inb = 0; next }
	inb && n >= 2 && n <= 6 { print }' "$root/docs/tutorial.md" >"$tmp/store.sh"
run "the tutorial's sources and codings" 0 sh -e "$tmp/store.sh"
cat >"$e/chapters/one.tex" <<'TEX'
\chapter{One}
Our own text, before sitat.

\begin{claim}[rq1]{knowledge}
Co-creation draws on what citizens know: \sitat{I1-001}
An adviser puts influence first, \sitatinline{I2-001}, and the strategy
promises better services \sitatref{D1-001}.
\end{claim}

\sitattable{rq1}
\sitatmatrix
TEX

# ---- build, commit, verify ------------------------------------------------------
run "sitat build" 0 sitat build
pdf_has "the PDF: quote, table, matrix, appendix, stamp" \
	"what citizens know" "knowledge" "Audit trail" "Data:"
git -C "$e" add -A && git -C "$e" commit -qm "sitat, sources, a claim"
run "build after the commit" 0 sitat build
pdf_has "committed: the foot says clean" "clean"
run "verify a clean build" 0 sitat verify build/main.pdf
grep -q VERIFIED "$tmp/out"
t_result "verify says VERIFIED" $? "$(cat "$tmp/out")"

# ---- an edit -----------------------------------------------------------------------
echo 'A sentence not committed yet.' >>"$e/chapters/one.tex"
run "build after an edit" 0 sitat build
pdf_has "edited: UNCOMMITTED CHANGES in the foot" "UNCOMMITTED CHANGES"
run "verify refuses the edited build" 1 sitat verify build/main.pdf
T_st=0
(cd "$e" && sitat build --release) >"$tmp/out" 2>&1 || T_st=$?
[ "$T_st" != 0 ] && grep -q 'chapters/one.tex' "$tmp/out"
t_result "release refuses the dirty tree, naming chapters/one.tex" $? "exit $T_st: $(tail -5 "$tmp/out")"

# a plain latexmk, as an editor runs it, after an edit: not clean
git -C "$e" commit -qam "one sentence more"
run "build, committed" 0 sitat build
echo 'Another sentence, not committed.' >>"$e/chapters/one.tex"
rm -f "$e/build/main.pdf"
run "plain latexmk (the latexmkrc of init)" 0 latexmk -interaction=nonstopmode main.tex
T_pdf=$(ls "$e"/main.pdf "$e"/build/main.pdf 2>/dev/null | head -n 1)
pdftotext "$T_pdf" "$tmp/plain.txt" 2>/dev/null || : >"$tmp/plain.txt"
grep -q 'UNCOMMITTED CHANGES' "$tmp/plain.txt" && ! grep -qw 'clean' "$tmp/plain.txt"
t_result "plain latexmk after an edit: not clean" $? "$(grep -m2 'Data' "$tmp/plain.txt")"
git -C "$e" checkout -q chapters/one.tex

# ---- release and reproduce ------------------------------------------------------------
run "release on a clean tree" 0 sitat build --release
[ -s "$e/build/main.pdf.sha256" ]
t_result "release writes the hash" $?
python3 -c '
import json, sys
s = json.load(open(sys.argv[1]))["system_inputs"]
v = [x for k, x in s.items() if k.endswith("/csquotes.sty")]
sys.exit(not (v and "version" in v[0] and len(v[0]["sha256"]) == 64))' "$e/build/manifest.json"
t_result "the manifest lists TeX Live's files with their versions (csquotes.sty)" $?
run "reproduce HEAD" 0 sitat reproduce HEAD
grep -q identical "$tmp/out"
t_result "reproduce HEAD: identical" $? "$(tail -5 "$tmp/out")"

t_end
