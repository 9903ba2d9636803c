#!/bin/sh
# tests/build/run.sh SITAT - `sitat build` on a small thesis (the demo's
# store, a one-page document) in a fresh repository:
#  - a first build makes the PDF, a second runs no TeX (and is fast);
#  - a chapter edit rebuilds and the footer says the build is not clean;
#  - LaTeX errors come as file:line: message, exit 1; the next build works;
#  - --release refuses a dirty tree, writes the hash and the manifest;
#  - --engine xelatex|lualatex builds once with that engine (the stamp
#    reads back), the project's engine after; an unknown one is a usage
#    error; LuaLaTeX without a writable TEXMFCACHE;
#  - the lock: --no-wait names the holder; two builds at once both end well;
#  - a build killed at any moment (SIGKILL): the next build succeeds;
#  - the latexmkrc: a plain latexmk after an edit gives a PDF that is not
#    "clean", with and without sitat; plain pdflatex without it neither;
#    with each engine's latexmkrc a plain latexmk gives sitat build's PDF.
# The git command line only sets up fixtures.  Writes only into a
# temporary directory.
set -eu
root=$(cd "$(dirname "$0")/../.." && pwd)
S=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
tmp=$(mktemp -d)
trap '[ -n "${KEEP-}" ] || rm -rf "$tmp"' EXIT
. "$root/tests/lib.sh"
t_begin build "$root/tests/build/KNOWN-FAILING"
export GIT_AUTHOR_NAME=t GIT_AUTHOR_EMAIL=t@example.org \
       GIT_COMMITTER_NAME=t GIT_COMMITTER_EMAIL=t@example.org
export GIT_CONFIG_COUNT=1 GIT_CONFIG_KEY_0=safe.directory GIT_CONFIG_VALUE_0='*'

# the project: the demo layout (no project file), a small document
P=$tmp/p
mkdir -p "$P/thesis"
cp -r "$root/evidence" "$P/evidence"
rm -rf "$P/evidence/private"
cp "$root"/thesis/sitat.sty "$root"/thesis/sitat-*.def "$P/thesis/"
cat >"$P/thesis/thesis.tex" <<'TEX'
\documentclass{article}
\usepackage[T1]{fontenc}
\usepackage[utf8]{inputenc}
\usepackage{csquotes}
\usepackage[lang=en]{sitat}
\begin{document}
\input{chapter}
\end{document}
TEX
cat >"$P/thesis/chapter.tex" <<'TEX'
\section{Findings}
\begin{claim}[rq1]{economy}
The economy came first. \sitat{I6-001}
\end{claim}
TEX
printf '/build/\n/thesis/generated/\n/evidence/private/\n*.aux\n*.log\n*.fls\n*.fdb_latexmk\n*.sitat\n*.xdv\n/thesis/thesis.pdf\n' >"$P/.gitignore"
git -C "$P" init -q
git -C "$P" add -A
git -C "$P" commit -qm "a small thesis"

# build [ARGS...]: sitat build --json in $P; output in $tmp/out, $tmp/err
build() {
	st=0
	(cd "$P" && "$S" build --json "$@" >"$tmp/out" 2>"$tmp/err") || st=$?
}
json() { sed -n "s/.*\"$1\": *\([^,}]*\).*/\1/p" "$tmp/out" | tr -d '"'; }
ok_build() { # NAME: the last build exited 0 and the PDF is whole
	if [ "$st" = 0 ] && pdfinfo "$P/build/thesis.pdf" >/dev/null 2>&1; then
		t_pass "$1"
	else
		t_fail "$1" "exit $st" "$(cat "$tmp/out" "$tmp/err" | tail -15)"
	fi
}
edit() { printf '%% edit %s\n' "$1" >>"$P/thesis/chapter.tex"; }

build --draft
ok_build "first build makes the PDF"
t_check "first build: the path of the PDF, not dirty" \
	test "$(json pdf)/$(json dirty)" = "build/thesis.pdf/false"
t_check "first build ran LaTeX" test "$(json latex_runs)" -ge 1
build --draft
t_check "second build runs no TeX" test "$st/$(json latex_runs)" = 0/0
# (the no-op build's time is measured by make bench, not here: a timed
# test fails on a loaded machine)
t_check "the PDF says clean" sh -c 'pdftotext "$1" - | grep -q "clean"' - "$P/build/thesis.pdf"

edit 1
build --draft
t_check "chapter edit: LaTeX runs again, dirty" \
	test "$st/$(json latex_runs)/$(json dirty)" = "0/1/true"
t_check "chapter edit: the footer says so" \
	sh -c 'pdftotext "$1" - | grep -q "UNCOMMITTED CHANGES"' - "$P/build/thesis.pdf"

# --release
build --release
t_check "release refuses a dirty tree" sh -c '[ "$1" = 1 ] && grep -q "refusing: thesis/" "$2"' - "$st" "$tmp/err"
t_check "release names the file that blocks it" grep -q "chapter.tex" "$tmp/err"
git -C "$P" commit -qam "edit"
build --release
ok_build "release on a clean tree"
t_check "release writes the hash" sh -c 'cd "$1/build" && sha256sum -c thesis.pdf.sha256 >/dev/null' - "$P"
t_check "release writes the manifest" test -s "$P/build/manifest.json"

# --engine: one build with another engine, then the project's again
producer() { pdfinfo "$P/build/thesis.pdf" 2>/dev/null | sed -n 's/^Producer: *\([A-Za-z]*\).*/\1/p'; }
verified() { (cd "$P" && "$S" verify build/thesis.pdf >/dev/null 2>&1); }
for e in xelatex:xdvipdfmx lualatex:LuaTeX pdflatex:pdfTeX; do
	engine=${e%:*}
	if [ "$engine" = pdflatex ]; then build --draft; else build --draft --engine "$engine"; fi
	ok_build "--engine $engine: the PDF"
	t_check "--engine $engine: LaTeX ran" test "$(json latex_runs)" -ge 1
	t_check "--engine $engine: made by ${e#*:}" test "$(producer)" = "${e#*:}"
	t_check "--engine $engine: the stamp reads back, clean" verified
	t_check "--engine $engine: the footer says clean" \
		sh -c 'pdftotext "$1" - | grep -q "clean"' - "$P/build/thesis.pdf"
done
build --draft --engine lualatex
build --draft --engine lualatex
t_check "--engine lualatex twice: the second runs no TeX" test "$st/$(json latex_runs)" = 0/0
h0=$(sha256sum "$P/build/thesis.pdf")
build --draft --engine luatex
t_check "--engine luatex: a usage error naming the option" \
	sh -c '[ "$1" = 2 ] && grep -q "^sitat build: --engine luatex: unknown TeX engine" "$2"' - "$st" "$tmp/err"
t_check "--engine luatex: the PDF is left alone" test "$(sha256sum "$P/build/thesis.pdf")" = "$h0"
build --draft --engine=
t_check "--engine with no value: a usage error" test "$st" = 2
# no writable directory in TeX's cache path (TEXMFCACHE; a HOME that cannot
# be written): LuaLaTeX would stop, so its font cache goes to the output
# directory, which git ignores
edit cache
export TEXMFCACHE=/dev/null/cache
build --draft --engine lualatex
unset TEXMFCACHE
ok_build "no writable TEXMFCACHE: LuaLaTeX builds"
t_check "no writable TEXMFCACHE: the font cache is in build/texmf-cache" \
	test -d "$P/build/texmf-cache/luatex-cache"
git -C "$P" checkout -q thesis/chapter.tex

# LaTeX errors: file:line: message, exit 1; fixed, the next build works
cp "$P/thesis/chapter.tex" "$tmp/chapter.tex"
printf 'Broken \\undefinedmacro here.\n' >>"$P/thesis/chapter.tex"
build --draft
t_check "LaTeX error: exit 1" test "$st" = 1
t_check "LaTeX error: file:line: message" \
	grep -q "^thesis/chapter.tex:[0-9]*: error: Undefined control sequence" "$tmp/err"
cp "$tmp/chapter.tex" "$P/thesis/chapter.tex"
build --draft
ok_build "after a LaTeX error is fixed, the next build works"

# the lock
edit 2
(cd "$P" && "$S" build -q --draft >/dev/null 2>&1) &
bg=$!
i=0
while [ ! -s "$P/build/.sitat-lock" ] || ! grep -qx "$bg" "$P/build/.sitat-lock"; do
	i=$((i + 1)); [ $i -lt 100 ] || break; sleep 0.05
done
build --draft --no-wait
t_check "--no-wait: says which process builds" \
	sh -c '[ "$1" = 1 ] && grep -q "process $2 is building" "$3"' - "$st" "$bg" "$tmp/err"
wait $bg || true
edit 3
(cd "$P" && "$S" build -q --draft >"$tmp/c1" 2>&1) & c1=$!
(cd "$P" && "$S" build -q --draft >"$tmp/c2" 2>&1) & c2=$!
s1=0; wait $c1 || s1=$?
s2=0; wait $c2 || s2=$?
t_check "two builds at once: both end well" test "$s1/$s2" = 0/0
build --draft
ok_build "two builds at once: the next build succeeds"
t_check "two builds at once: the next runs no TeX" test "$(json latex_runs)" = 0

# killed (SIGKILL, the whole process group) at any moment, then rebuilt
for delay in 0.01 0.05 0.2 0.6 1.2 2 3; do
	edit "kill $delay"
	setsid sh -c 'cd "$1" && exec "$2" build -q --draft >/dev/null 2>&1' - "$P" "$S" &
	pg=$!
	sleep "$delay"
	kill -KILL -- "-$pg" 2>/dev/null || true
	wait $pg 2>/dev/null || true
	build --draft
	ok_build "killed after ${delay}s: the next build succeeds"
done

# a build that stops before LaTeX (the store has an error) leaves LaTeX's
# files alone: the next build is not a repair (LaTeX runs once, for the
# stamp, which the stopped build brought up to date)
build --draft
cp "$P/evidence/sources/I1.txt" "$tmp/I1.txt"
printf 'Et nytt første avsnitt.\n\n' | cat - "$tmp/I1.txt" >"$P/evidence/sources/I1.txt"
build --draft
t_check "a store error stops the build before LaTeX (exit 1)" test "$st" = 1
cp "$tmp/I1.txt" "$P/evidence/sources/I1.txt"
build --draft
ok_build "a store error, then fixed: the next build succeeds"
t_check "a store error, then fixed: not a repair" sh -c '! grep -q "did not finish" "$1"' - "$tmp/err"

# sitat killed while its LaTeX runs on: the next build waits for that
# LaTeX (it holds the lock), then starts LaTeX afresh
edit orphan
(cd "$P" && exec "$S" build -q --draft >/dev/null 2>&1) &
pid=$!
i=0
while ! pgrep -P "$pid" latexmk >/dev/null && [ $i -lt 200 ]; do i=$((i + 1)); sleep 0.02; done
kill -KILL "$pid" 2>/dev/null || true
wait "$pid" 2>/dev/null || true
build --draft
ok_build "killed with LaTeX left running: the next build waits and succeeds"
t_check "killed with LaTeX left running: LaTeX ran again" test "$(json latex_runs)" -ge 1

# every route to the PDF: a plain latexmk with the latexmkrc, with and
# without sitat on the PATH; plain pdflatex without the latexmkrc
(cd "$P" && "$S" build --print-latexmkrc) >"$P/thesis/latexmkrc"
git -C "$P" add thesis/latexmkrc && git -C "$P" commit -qam "latexmkrc"
mkdir "$tmp/bin" && ln -s "$S" "$tmp/bin/sitat"
plain() { # PATH, then the command: run in thesis/, PDF to $tmp/plain.txt
	p=$1; shift
	rm -f "$P/thesis/thesis.pdf"
	(cd "$P/thesis" && PATH=$p "$@" >"$tmp/plain.log" 2>&1) || true
	pdftotext "$P/thesis/thesis.pdf" "$tmp/plain.txt" 2>/dev/null || : >"$tmp/plain.txt"
}
(cd "$P" && "$S" build -q --draft >/dev/null 2>&1)
edit 4
plain "$tmp/bin:$PATH" latexmk -interaction=nonstopmode
t_check "latexmkrc: plain latexmk after an edit: not clean" \
	grep -q "UNCOMMITTED CHANGES" "$tmp/plain.txt"
git -C "$P" checkout -q thesis/chapter.tex
(cd "$P" && "$S" build -q --draft >/dev/null 2>&1)
edit 5
nositat=$(dirname "$(command -v latexmk)"):/usr/bin:/bin
plain "$nositat" latexmk -interaction=nonstopmode
t_check "latexmkrc without sitat: a PDF, not clean" \
	sh -c 'test -s "$1" && ! grep -q "clean" "$1"' - "$tmp/plain.txt"
git -C "$P" checkout -q thesis/chapter.tex
# the same environment: with the latexmkrc for each engine, a plain
# latexmk (as an editor runs it) makes the very PDF sitat build makes
for e in xelatex lualatex pdflatex; do
	(cd "$P" && "$S" build --engine "$e" --print-latexmkrc) >"$P/thesis/latexmkrc"
	git -C "$P" commit -qm "latexmkrc for $e" thesis/latexmkrc
	(cd "$P" && "$S" build -q --draft --engine "$e" >/dev/null 2>&1)
	plain "$tmp/bin:$PATH" latexmk -interaction=nonstopmode
	t_check "latexmkrc, $e: a plain latexmk gives sitat build's PDF" test \
		"$(sha256sum <"$P/thesis/thesis.pdf")" = "$(sha256sum <"$P/build/thesis.pdf")"
done
git -C "$P" rm -q thesis/latexmkrc && git -C "$P" commit -qm "no latexmkrc"
(cd "$P" && "$S" build -q --draft >/dev/null 2>&1)
edit 6
plain "$PATH" pdflatex -interaction=nonstopmode thesis.tex
t_check "plain pdflatex without latexmkrc after an edit: not clean" \
	sh -c 'test -s "$1" && ! grep -q "clean" "$1"' - "$tmp/plain.txt"
git -C "$P" checkout -q thesis/chapter.tex
# the stamp's check of what LaTeX reads (\pdf@filemdfivesum) under XeTeX
# and LuaTeX: a plain run says clean when nothing changed, not after an edit
for e in xelatex lualatex; do
	(cd "$P" && "$S" build -q --draft >/dev/null 2>&1)
	plain "$PATH" "$e" -interaction=nonstopmode thesis.tex
	t_check "plain $e, nothing changed: clean" grep -q "clean" "$tmp/plain.txt"
	edit "$e"
	plain "$PATH" "$e" -interaction=nonstopmode thesis.tex
	t_check "plain $e after an edit: not clean" \
		sh -c 'test -s "$1" && ! grep -q "clean" "$1"' - "$tmp/plain.txt"
	git -C "$P" checkout -q thesis/chapter.tex
done

# a project file elsewhere: main file, output directory; from a subdirectory
Q=$tmp/q
mkdir -p "$Q/text/parts"
cp -r "$P/evidence" "$Q/data"
cp "$P"/thesis/sitat.sty "$P"/thesis/sitat-*.def "$Q/text/"
sed 's/\\input{chapter}/\\input{parts\/chapter}/' "$P/thesis/thesis.tex" >"$Q/text/main.tex"
cp "$P/thesis/chapter.tex" "$Q/text/parts/"
printf '{"format": "sitat-project/1", "store": "data", "main": "text/main.tex", "output": "out"}\n' >"$Q/sitat.json"
printf '/out/\n/text/generated/\n/data/private/\n' >"$Q/.gitignore"
git -C "$Q" init -q && git -C "$Q" add -A && git -C "$Q" commit -qm "a project"
st=0
(cd "$Q/text/parts" && "$S" build --json --draft >"$tmp/out" 2>"$tmp/err") || st=$?
t_check "project file, from a subdirectory: the PDF in its output directory" \
	test "$st/$(json pdf)/$(test -s "$Q/out/main.pdf" && echo made)" = "0/../../out/main.pdf/made"
st=0
(cd "$Q" && "$S" reproduce HEAD >"$tmp/out" 2>"$tmp/err") || st=$?
t_check "project file: reproduce HEAD builds with sitat build, identical" \
	sh -c '[ "$1" = 0 ] && grep -q "^identical: out/main.pdf" "$2"' - "$st" "$tmp/out"
# pdfLaTeX's placeholders: the project says xelatex; --engine pdflatex
# notes the quotes pdfLaTeX prints as [U+HEX], as sitat check does
R=$tmp/r
mkdir -p "$R/thesis"
cp -r "$root/tests/golden/cases/quote-pdflatex-placeholders/evidence" "$R/evidence"
cp "$P"/thesis/sitat.sty "$P"/thesis/sitat-*.def "$R/thesis/"
printf '\\documentclass{article}\n\\usepackage{sitat}\n\\begin{document}\nx\n\\end{document}\n' >"$R/thesis/thesis.tex"
printf '{"format": "sitat-project/1", "engine": "xelatex"}\n' >"$R/sitat.json"
st=0
(cd "$R" && "$S" build --draft --engine pdflatex >"$tmp/out" 2>"$tmp/err") || st=$?
t_check "--engine pdflatex: notes the quotes it prints with placeholders" \
	sh -c '[ "$1" = 0 ] && grep -q "I3.txt:3:18: note: segment I3-001: pdfLaTeX prints its Greek letters" "$2"' - "$st" "$tmp/err"
st=0
(cd "$R" && "$S" build --draft >"$tmp/out" 2>"$tmp/err") || st=$?
t_check "the project's xelatex: no placeholder note" \
	sh -c '[ "$1" = 0 ] && ! grep -q "pdfLaTeX prints" "$2"' - "$st" "$tmp/err"
t_end
