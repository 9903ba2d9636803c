#!/bin/sh
# tests/install/run.sh BUILD - make install and make uninstall.
#  1. make install PREFIX=$tmp: the program, the man page, the docs it
#     points to, the JSON Schemas and sitat.sty in a TDS tree with its ls-R.
#  2. the installed sitat: --version, and `sitat init` in an empty
#     directory vendors the installed sitat.sty.
#  3. kpsewhich finds the installed sitat.sty (TEXMFHOME, TEXINPUTS), and
#     LaTeX loads it from there for a document without a vendored copy.
#  4. make uninstall removes every file install wrote.
#  5. PREFIX=/usr/local (Debian's TEXMFLOCAL): only with
#     SITAT_TEST_SYSTEM_INSTALL=1 (it changes the system): kpsewhich finds
#     sitat.sty with no variable set; uninstalled again after.
# Runs from the repo root; writes only into a temporary directory (and,
# with SITAT_TEST_SYSTEM_INSTALL=1, under /usr/local).
set -u
BUILD=${1:?usage: run.sh BUILD}
root=$(pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
. "$root/tests/lib.sh"
t_begin install

P=$tmp/prefix
# make from a clean environment: no BUILD=... or -j of a calling make
mk() { MAKEFLAGS= MAKELEVEL= make -s -C "$root" BUILD="$BUILD" "$@"; }

# ---- 1. make install --------------------------------------------------------
mk install PREFIX="$P" >"$tmp/install.out" 2>&1
t_result "make install PREFIX=tmp" $? "$(cat "$tmp/install.out")"
missing=
for f in bin/sitat share/man/man1/sitat.1 share/texmf/tex/latex/sitat/sitat.sty share/texmf/ls-R \
	share/sitat/schema/sitat.schema.json share/sitat/schema/codebook.schema.json; do
	[ -f "$P/$f" ] || missing="$missing $f"
done
[ -z "$missing" ]
t_result "install: program, man page, sitat.sty (TDS tree, ls-R), schemas" $? "missing:$missing"
# every file the man page names (docs/*.md, evidence/README.md)
refs=$(grep -o '[a-z]*/[A-Za-z-]*\.md' "$root/docs/sitat.1" | sort -u)
missing=
for r in $refs; do [ -f "$P/share/doc/sitat/$r" ] || missing="$missing $r"; done
[ -n "$refs" ] && [ -z "$missing" ]
t_result "install: the docs the man page points to ($(echo $refs))" $? "missing:$missing"
grep -q 'TEXMFHOME' "$tmp/install.out"
t_result "install: says how TeX finds a prefix it does not search" $? "$(cat "$tmp/install.out")"
if command -v man >/dev/null 2>&1; then
	MANPATH=$P/share/man man -w sitat 2>/dev/null | grep -q "$P"
	t_result "install: man finds the page" $?
fi

# ---- 2. the installed sitat -----------------------------------------------------
"$P/bin/sitat" --version >"$tmp/out" 2>&1
t_result "installed: sitat --version" $?
(cd "$tmp" && "$P/bin/sitat" init -q thesis --lang en --rq 'rq1:One:Why?') >"$tmp/out" 2>&1
t_result "installed: sitat init in an empty directory" $? "$(cat "$tmp/out")"
ok=0
for f in "$P"/share/texmf/tex/latex/sitat/*; do
	cmp -s "$tmp/thesis/${f##*/}" "$f" || ok=1
done
[ -f "$P/share/texmf/tex/latex/sitat/sitat-text.def" ] || ok=1
t_result "installed: init vendors the installed package (sitat.sty, .def files)" $ok
(cd "$tmp/thesis" && "$P/bin/sitat" check -q) >"$tmp/out" 2>&1
t_result "installed: check passes in the new project" $? "$(cat "$tmp/out")"

# ---- 3. TeX finds it -----------------------------------------------------------------
if command -v kpsewhich >/dev/null 2>&1; then
	got=$(TEXMFHOME=$P/share/texmf kpsewhich sitat.sty)
	[ "$got" = "$P/share/texmf/tex/latex/sitat/sitat.sty" ]
	t_result "kpsewhich sitat.sty with TEXMFHOME=PREFIX/share/texmf" $? "got '$got'"
	got=$(TEXINPUTS=$P/share/texmf/tex/latex/sitat//: kpsewhich sitat.sty)
	[ "$got" = "$P/share/texmf/tex/latex/sitat/sitat.sty" ]
	t_result "kpsewhich sitat.sty with TEXINPUTS" $? "got '$got'"
	if command -v pdflatex >/dev/null 2>&1; then
		mkdir -p "$tmp/doc"
		printf '%s\n' '\documentclass{article}' '\usepackage{sitat}' '\begin{document}' \
			'x' '\end{document}' >"$tmp/doc/doc.tex"
		(cd "$tmp/doc" && TEXMFHOME=$P/share/texmf pdflatex -interaction=nonstopmode doc.tex) \
			>/dev/null 2>&1
		grep -q "$P/share/texmf/tex/latex/sitat/sitat.sty" "$tmp/doc/doc.log"
		t_result "LaTeX loads the installed sitat.sty" $?
	fi
else
	t_skip "kpsewhich" "no kpsewhich"
fi

# ---- 4. make uninstall ----------------------------------------------------------------
mk uninstall PREFIX="$P" >"$tmp/uninstall.out" 2>&1
t_result "make uninstall" $? "$(cat "$tmp/uninstall.out")"
left=$(find "$P" -type f ! -name ls-R | sed "s|^$P/||")
[ -z "$left" ]
t_result "uninstall: every installed file removed" $? "left: $left"
if command -v kpsewhich >/dev/null 2>&1; then
	got=$(TEXMFHOME=$P/share/texmf kpsewhich sitat.sty)
	[ "$got" != "$P/share/texmf/tex/latex/sitat/sitat.sty" ]
	t_result "uninstall: kpsewhich no longer finds it there" $? "got '$got'"
fi

# ---- 5. /usr/local ----------------------------------------------------------------------
if [ "${SITAT_TEST_SYSTEM_INSTALL-}" = 1 ]; then
	mk install PREFIX=/usr/local >"$tmp/sys.out" 2>&1
	t_result "system: make install PREFIX=/usr/local" $? "$(cat "$tmp/sys.out")"
	got=$(env -u TEXMFHOME -u TEXINPUTS kpsewhich sitat.sty)
	[ "$got" = /usr/local/share/texmf/tex/latex/sitat/sitat.sty ]
	t_result "system: kpsewhich sitat.sty finds /usr/local's" $? "got '$got'"
	mk uninstall PREFIX=/usr/local >"$tmp/sys.out" 2>&1
	t_result "system: make uninstall PREFIX=/usr/local" $? "$(cat "$tmp/sys.out")"
	got=$(env -u TEXMFHOME -u TEXINPUTS kpsewhich sitat.sty)
	[ "$got" != /usr/local/share/texmf/tex/latex/sitat/sitat.sty ]
	t_result "system: gone after uninstall" $? "got '$got'"
else
	t_skip "system install (PREFIX=/usr/local)" "set SITAT_TEST_SYSTEM_INSTALL=1"
fi

t_end
