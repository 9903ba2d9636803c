#!/bin/sh
# tests/init/run.sh SITAT - sitat init (docs/sitat.1, docs/project-file.md).
#  1. an empty directory: the starter (project file, store skeleton with the
#     research questions of --rq, main file, chapter with an example claim, .bib,
#     .gitignore, latexmkrc, the vendored sitat.sty) passes check and
#     builds to a PDF (generate, stamp, latexmk) in several classes, languages
#     and engines; a hostile title comes back literally from the PDF;
#     `sitat build` right after init exits 0 with the PDF.
#  2. an existing thesis (--main main.tex, chapters/): the project parts are
#     added, .gitignore lines appended, the preamble lines printed; with them
#     the thesis builds.
#  3. a file in the way: init names it, exits 2 and writes nothing.
#  4. bad options: exit 2, nothing written.
#  5. --update-sty, and check's warning when the vendored copy differs.
# Runs from the repo root; writes only into a temporary directory.
set -u
SITAT=${1:?usage: run.sh SITAT}
case $SITAT in /*) ;; *) SITAT=$(pwd)/$SITAT ;; esac
root=$(pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
LC_ALL=C.UTF-8
export LC_ALL
. "$root/tests/lib.sh"
t_begin init

# expect NAME WANT DIR ARGS...: sitat ARGS in DIR, output in $tmp/out
T_OUT=$tmp/out
expect() { T_n=$1 T_w=$2 T_d=$3; shift 3; t_expect "$T_n" "$T_w" "$T_d" "$SITAT" "$@"; }

have_tex=yes
command -v latexmk >/dev/null 2>&1 && command -v pdftotext >/dev/null 2>&1 || have_tex=

# pdf NAME DIR: generate, stamp and latexmk in DIR (as sitat build would;
# SITAT_BUILD keeps the latexmkrc from running sitat again): DIR/build/JOB.pdf
pdf() {
	name=$1 dir=$2
	if [ -z "$have_tex" ]; then
		t_skip "$name" "latexmk or pdftotext missing"
		return 1
	fi
	main=$(sed -n 's/^  "main": "\(.*\)",$/\1/p' "$dir/sitat.json")
	engine=$(sed -n 's/^  "engine": "\(.*\)",$/\1/p' "$dir/sitat.json")
	case $engine in xelatex) mode=-xelatex ;; lualatex) mode=-lualatex ;; *) mode=-pdf ;; esac
	texdir=$(dirname "$main")
	out=$(cd "$dir/$texdir" && pwd)
	rel=$(echo "$texdir" | sed 's|[^/.][^/]*|..|g; s|^\.$||')
	(cd "$dir" && "$SITAT" generate -q && "$SITAT" stamp -q -o "$texdir/generated/stamp.tex" &&
		cd "$texdir" && SITAT_BUILD=1 latexmk $mode -interaction=nonstopmode -halt-on-error \
			-outdir="${rel:+$rel/}build" "$(basename "$main")") >"$tmp/latex.out" 2>&1
	st=$?
	job=$(basename "$main" .tex)
	if [ "$st" = 0 ] && [ -f "$dir/build/$job.pdf" ]; then
		t_pass "$name"
		return 0
	fi
	t_fail "$name" "latexmk exit $st:" "$(grep -A3 '^!' "$dir/build/$job.log" 2>/dev/null | head -20)" \
		"$(tail -5 "$tmp/latex.out")"
	return 1
}

# ---- 1. an empty directory ------------------------------------------------
p=$tmp/new
expect "new: init" 0 "$tmp" init new --lang en --class scrreprt \
	--title 'Care & cure: 100% \textbf{local}' --author 'Kari Nordmann' \
	--rq 'rq1:Strategy:How is co-creation understood?' --rq 'rq2:Leadership:Who leads: and how?'
missing=
for f in sitat.json .gitignore latexmkrc sitat.sty thesis.tex chapters/introduction.tex \
	references.bib evidence/project.json evidence/codebook.json evidence/sources evidence/codings; do
	[ -e "$p/$f" ] || missing="$missing $f"
done
[ -z "$missing" ]
t_result "new: every file of the starter" $? "missing:$missing"
ok=0
for f in "$root"/thesis/sitat.sty "$root"/thesis/sitat-*.def; do
	cmp -s "$p/${f##*/}" "$f" || ok=1
done
t_result "new: the vendored package (sitat.sty, its .def files) is this sitat's" $ok
grep -q '"question": "Who leads: and how?"' "$p/evidence/project.json" &&
	grep -q '"id": "rq2"' "$p/evidence/project.json"
t_result "new: the research questions of --rq" $? "$(cat "$p/evidence/project.json")"
grep -qx '/evidence/private/' "$p/.gitignore" && grep -qx '/build/' "$p/.gitignore" &&
	grep -qx '/generated/' "$p/.gitignore" && grep -qx '\*.aux' "$p/.gitignore"
t_result "new: .gitignore: build output, generated, aux files, private/" $?
grep -q 'sitat' "$p/latexmkrc"
t_result "new: latexmkrc runs sitat" $?
expect "new: check passes" 0 "$p" check
if pdf "new: builds to a PDF (scrreprt, en, pdflatex)" "$p"; then
	pdftotext -enc UTF-8 "$p/build/thesis.pdf" - >"$tmp/text" 2>/dev/null
	grep -qF 'Care & cure: 100% \textbf{local}' "$tmp/text"
	t_result "new: the title comes back literally" $? "$(head -5 "$tmp/text")"
	grep -q 'Audit trail' "$tmp/text" && grep -q 'Introduction' "$tmp/text"
	t_result "new: the chapter and the audit appendix are in the PDF" $?
fi
expect "new: the audit of the starter passes (the example claim waits, commented out)" 0 "$p" audit -q
grep -q '^%\\begin{claim}\[rq1\]{example}' "$p/chapters/introduction.tex"
t_result "new: the chapter has the example claim" $?
if [ -n "$have_tex" ]; then
	f=$tmp/first
	expect "first build: sitat init" 0 "$tmp" init -q first
	expect "first build: sitat build right after init" 0 "$f" build
	[ -f "$f/build/thesis.pdf" ] && grep -q 'build/thesis.pdf' "$tmp/out"
	t_result "first build: the PDF, its path printed" $? "$(cat "$tmp/out")"
fi

for v in "memoir nb pdflatex" "book nn lualatex" "scrbook en xelatex" "report nb pdflatex"; do
	set -- $v
	d=$tmp/$1-$2-$3
	expect "new $1/$2/$3: init" 0 "$tmp" init "$d" --class "$1" --lang "$2" --engine "$3" --rq 'rq1:Q:Why?'
	grep -q "\"engine\": \"$3\"" "$d/sitat.json"
	t_result "new $1/$2/$3: the engine is in the project file" $?
	if [ "$3" != pdflatex ] && ! command -v "$3" >/dev/null 2>&1; then
		t_skip "new $1/$2/$3: builds" "$3 missing"
		continue
	fi
	pdf "new $1/$2/$3: builds to a PDF" "$d"
done

# ---- 2. an existing thesis --------------------------------------------------
e=$tmp/existing
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
\end{document}
TEX
printf '\\chapter{One}\nText.\n' >"$e/chapters/one.tex"
printf '@book{a, author={A}, title={T}, year={2020}}\n' >"$e/references.bib"
printf '*.pdf\n/build/\n' >"$e/.gitignore"
cp "$e/main.tex" "$tmp/main.before"
expect "existing: init --main" 0 "$e" init --main main.tex --lang en
cmp -s "$e/main.tex" "$tmp/main.before" && cmp -s "$e/chapters/one.tex" /dev/stdin <<'EOF2'
\chapter{One}
Text.
EOF2
t_result "existing: the thesis's files are untouched" $?
grep -q '"main": "main.tex"' "$e/sitat.json" && grep -q '"bib": \["references.bib"\]' "$e/sitat.json"
t_result "existing: the project file names main.tex and references.bib" $? "$(cat "$e/sitat.json")"
[ "$(grep -cx '/build/' "$e/.gitignore")" = 1 ] && grep -qx '\*.pdf' "$e/.gitignore" &&
	grep -qx '/evidence/private/' "$e/.gitignore"
t_result "existing: .gitignore: lines added once, its own kept" $? "$(cat "$e/.gitignore")"
[ -f "$e/sitat.sty" ] && [ -f "$e/latexmkrc" ] && [ -f "$e/evidence/project.json" ]
t_result "existing: sitat.sty, latexmkrc and the store" $?
grep -q '\\usepackage\[lang=en\]{sitat}' "$tmp/out" && grep -q 'biblatex' "$tmp/out" &&
	! grep -q '{babel}' "$tmp/out"
t_result "existing: prints the preamble lines it lacks" $? "$(cat "$tmp/out")"
sed -n '/^\\usepackage/p' "$tmp/out" >"$tmp/pre"
awk -v f="$tmp/pre" '/^%PREAMBLE/ { while ((getline l < f) > 0) print l; print "\\addbibresource{references.bib}"; next } { print }' \
	"$tmp/main.before" >"$e/main.tex"
pdf "existing: builds with the printed lines" "$e"

# ---- 3. a file in the way -----------------------------------------------------
w=$tmp/inway
mkdir -p "$w"
printf '\\documentclass{report}\\begin{document}x\\end{document}\n' >"$w/main.tex"
printf '# mine\n' >"$w/latexmkrc"
(cd "$w" && find . | sort) >"$tmp/before"
expect "in the way: exit 2" 2 "$w" init --main main.tex
grep -q 'latexmkrc is in the way' "$tmp/out"
t_result "in the way: names the file" $? "$(cat "$tmp/out")"
(cd "$w" && find . | sort) >"$tmp/after"
cmp -s "$tmp/before" "$tmp/after" && [ "$(cat "$w/latexmkrc")" = "# mine" ]
t_result "in the way: nothing written" $? "$(diff "$tmp/before" "$tmp/after")"
expect "in the way: a second init in a project" 2 "$tmp" init new
grep -q 'sitat.json is in the way' "$tmp/out"
t_result "in the way: the project file of a project" $?

# ---- 4. bad options ---------------------------------------------------------------
mkdir -p "$tmp/bad"
for a in "--lang de" "--class article" "--engine tex" "--rq rq1" "--rq RQ1:L:Q" "--rq rq1::Q" \
	"--main missing.tex" "--main ../x.tex"; do
	# shellcheck disable=SC2086
	expect "bad option $a: exit 2" 2 "$tmp/bad" init $a
done
[ -z "$(ls -A "$tmp/bad")" ]
t_result "bad options: nothing written" $?
expect "help" 0 "$tmp" init --help
grep -q -- '--update-sty' "$tmp/out"
t_result "help lists --update-sty" $?

# ---- 5. the vendored sitat.sty ------------------------------------------------------
expect "sty: check without a warning" 0 "$p" check
grep -q 'warning:' "$tmp/out" && t_fail "sty: no warning when the same" "$(cat "$tmp/out")" ||
	t_pass "sty: no warning when the same"
printf '%% changed\n' >>"$p/sitat.sty"
expect "sty: check with a changed copy" 0 "$p/chapters" check
grep -q "sitat.sty: warning: the vendored sitat.sty .*--update-sty" "$tmp/out"
t_result "sty: check warns and says how to update" $? "$(cat "$tmp/out")"
expect "sty: init --update-sty" 0 "$p/chapters" init --update-sty
rm "$p/sitat-text.def"
expect "sty: check with a .def file missing" 0 "$p" check
grep -q "sitat.sty: warning: the vendored sitat.sty .*missing.*--update-sty" "$tmp/out"
t_result "sty: check warns about a missing .def file" $? "$(cat "$tmp/out")"
expect "sty: init --update-sty writes it again" 0 "$p/chapters" init --update-sty
cmp -s "$p/sitat-text.def" "$root/thesis/sitat-text.def"
t_result "sty: the .def file is back" $?
cmp -s "$p/sitat.sty" "$root/thesis/sitat.sty"
t_result "sty: the vendored copy is this sitat's again" $?
expect "sty: init --update-sty outside a project" 2 "$tmp/bad" init --update-sty

t_end
