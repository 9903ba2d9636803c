#!/bin/sh
# tests/stamp/run.sh SITAT - the stamp covers what the PDF was built from.
# Each case starts from a committed copy of the demo (store, bib, thesis,
# sitat.sty, a recorder file build/thesis.fls naming what LaTeX read) in a
# throwaway git repository, makes one change that git's status does not
# show, and checks that `sitat stamp` says dirty, names the file, and that
# `sitat verify` refuses a PDF stamped clean before the change.  The git
# command line sets up the fixtures; sitat itself never runs git.
set -u
root=$(cd "$(dirname "$0")/../.." && pwd)
SITAT=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
. "$root/tests/lib.sh"
t_begin stamp
tmp=$(mktemp -d "${TMPDIR:-/tmp}/sitat-stamp.XXXXXX") || exit 2
trap '[ -n "${KEEP-}" ] || rm -rf "$tmp"' EXIT
export GIT_AUTHOR_NAME=t GIT_AUTHOR_EMAIL=t@example.org \
       GIT_COMMITTER_NAME=t GIT_COMMITTER_EMAIL=t@example.org
export GIT_CONFIG_COUNT=2 GIT_CONFIG_KEY_0=safe.directory GIT_CONFIG_VALUE_0='*' \
       GIT_CONFIG_KEY_1=protocol.file.allow GIT_CONFIG_VALUE_1=always
g() { git -C "$R" "$@" >/dev/null 2>&1; }

# The base repository: the demo's parts, a template submodule, a tool
# source, a recorder file as latexmk -recorder writes it.
B=$tmp/base
mkdir -p "$B/build" "$tmp/sub"
git -C "$tmp/sub" init -q -b main
echo '% a template' > "$tmp/sub/mal.sty"
git -C "$tmp/sub" add mal.sty && git -C "$tmp/sub" commit -qm template
cp -R "$root/evidence" "$root/bib" "$B/"
rm -rf "$B/evidence/private"
mkdir -p "$B/thesis" "$B/tools/src"
cp -R "$root/thesis/thesis.tex" "$root/thesis/sitat.sty" "$root"/thesis/sitat-*.def "$root/thesis/kapitler" "$B/thesis/"
echo 'int main(void) { return 0; }' > "$B/tools/src/x.c"
echo 'all:' > "$B/Makefile"
echo '% read by LaTeX, outside the areas' > "$B/preamble.tex"
printf '/build/\n/thesis/generated/\n/evidence/private/\n' > "$B/.gitignore"
R=$B
g init -q -b main
g submodule add "$tmp/sub" thesis/mal
g add -A
g commit -qm base
(cd "$B" && "$SITAT" generate -q) || { t_fail setup "sitat generate failed"; t_end; exit 1; }
{
	echo "PWD $B/thesis"
	echo "INPUT /usr/share/texlive/texmf-dist/tex/latex/base/report.cls"
	echo "INPUT thesis.tex"
	echo "INPUT sitat.sty"
	echo "INPUT mal/mal.sty"
	echo "INPUT ../preamble.tex"
	for f in "$B"/thesis/kapitler/*.tex; do echo "INPUT kapitler/${f##*/}"; done
	echo "INPUT generated/quotes.tex"
	echo "INPUT ../build/thesis.aux"
	echo "OUTPUT ../build/thesis.aux"
} > "$B/build/thesis.fls"

# stamp_json DIR [SITAT]: the stamp as JSON -> $tmp/s.json, stderr -> $tmp/s.err
stamp_json() { (cd "$1" && "${2:-$SITAT}" stamp --json) >"$tmp/s.json" 2>"$tmp/s.err"; }
# is_dirty: the last stamp says dirty
is_dirty() { grep -q '"dirty":[[:space:]]*true' "$tmp/s.json"; }
# names FILE: --require-clean refuses, naming FILE
names() {
	st=0
	(cd "$R" && "$SC" stamp --require-clean) >"$tmp/r.out" 2>&1 || st=$?
	[ "$st" = 1 ] && grep -q "^$1: error: " "$tmp/r.out"
}
# fake_pdf DIR: a file carrying the stamp's machine line, as the PDF does
fake_pdf() {
	(cd "$1" && "$SC" stamp -o - 2>/dev/null) |
		sed -n 's/^\\sitat@stamp{machine}{\(.*\)}$/\/SitatStamp (\1)/p' > "$1/build/fake.pdf"
}
verifies() { (cd "$R" && "$SC" verify build/fake.pdf) >"$tmp/v.out" 2>&1; }

R=$B
SC=$SITAT
stamp_json "$B"
if is_dirty; then t_fail "base: clean" "$(cat "$tmp/s.json" "$tmp/s.err")"; else t_pass "base: clean"; fi
t_check "base: the tracked file read outside the areas is a warning" \
	grep -q '^preamble.tex: warning: LaTeX reads this tracked file' "$tmp/s.err"
fake_pdf "$B"
if verifies; then t_pass "base: verify passes"; else t_fail "base: verify passes" "$(cat "$tmp/v.out")"; fi

# case NAME FILE: copy the base to $R, run the change (the rest of the
# arguments), then expect dirty, FILE named, verify refused
case_() {
	name=$1 file=$2
	shift 2
	R=$tmp/$(echo "$name" | tr -c 'a-z0-9\n' '-')
	cp -a "$B" "$R"
	# the copy's recorder file names the copy
	sed -i "s|^PWD $B/|PWD $R/|" "$R/build/thesis.fls"
	(cd "$R" && eval "$*") >/dev/null 2>&1
	SC=$SITAT
	[ -x "$R/build/sitat" ] && SC=$R/build/sitat
	why=
	stamp_json "$R" "$SC"
	is_dirty || why="stamp says clean: $(cat "$tmp/s.json")"
	if [ "$file" = thesis/generated/quotes.tex ]; then
		# not committed: the build makes it again, --require-clean does not
		# name it; the stamp of a build from it says dirty (generated)
		grep -q '"path":[[:space:]]*"thesis/generated/quotes.tex"' "$tmp/s.json" ||
			why="the stamp does not name $file: $(cat "$tmp/s.json")"
	else
		[ -n "$why" ] || names "$file" || why="--require-clean does not name $file: $(cat "$tmp/r.out")"
		# the PDF built before the change
		[ -n "$why" ] || ! verifies || why="verify passed (old PDF): $(cat "$tmp/v.out")"
	fi
	# the PDF built after the change, as make or sitat build would
	fake_pdf "$R"
	[ -n "$why" ] || ! verifies || why="verify passed (new PDF): $(cat "$tmp/v.out")"
	[ -n "$why" ] || grep -q 'the PDF was built from uncommitted changes' "$tmp/v.out" ||
		why="verify does not say the new PDF is dirty: $(cat "$tmp/v.out")"
	if [ -z "$why" ]; then t_pass "$name"; else t_fail "$name" "$why"; fi
	SC=$SITAT
}

case_ "new source ignored through .git/info/exclude" evidence/sources/I9.txt \
	'echo evidence/sources/I9.txt >> .git/info/exclude; echo "Ny kilde." > evidence/sources/I9.txt'
case_ "self-ignoring .gitignore inside evidence/" evidence/sources/I9.txt \
	'echo "*" > evidence/.gitignore; echo "Ny kilde." > evidence/sources/I9.txt'
src=$(cd "$B/evidence/sources" && ls | head -n 1)
case_ "a store file marked assume-unchanged" "evidence/sources/$src" \
	"git update-index --assume-unchanged evidence/sources/$src; echo endret >> evidence/sources/$src"
case_ "a chapter marked skip-worktree" thesis/kapitler/01-innledning.tex \
	'git update-index --skip-worktree thesis/kapitler/01-innledning.tex; echo "% endret" >> thesis/kapitler/01-innledning.tex'
case_ "a change inside a submodule" thesis/mal \
	'echo "% endret" >> thesis/mal/mal.sty'
case_ "a submodule commit not recorded in the gitlink" thesis/mal \
	'echo "% endret" >> thesis/mal/mal.sty; git -C thesis/mal commit -qam endret'
# the tool counts when the sitat that runs lies in the repository
case_ "a modified tool source (sitat built from the repository)" tools/src/x.c \
	'cp "$SITAT" build/sitat; echo "/* endret */" >> tools/src/x.c'
case_ "a hand-edited generated/quotes.tex (a forged quote)" thesis/generated/quotes.tex \
	'sed -i "0,/^{/s/^{/{FORFALSKET /" thesis/generated/quotes.tex'

# the tool case again, by hand: the copied sitat is found in the repository
R=$tmp/tool2
cp -a "$B" "$R"
cp "$SITAT" "$R/build/sitat"
echo "/* endret */" >> "$R/tools/src/x.c"
stamp_json "$R" "$R/build/sitat"
t_check "tool source: dirty with the repository's sitat" is_dirty
stamp_json "$R"
if is_dirty; then t_fail "tool source: an installed sitat does not count it" "$(cat "$tmp/s.json")"
else t_pass "tool source: an installed sitat does not count it"; fi

# what must stay clean: the key (ignored, never read by the stamp), a
# file in TeX Live (outside the repository), LaTeX's own .aux
R=$tmp/clean
cp -a "$B" "$R"
mkdir -p "$R/evidence/private" && echo "Kari" > "$R/evidence/private/names.txt"
echo "x" > "$R/build/thesis.aux"
stamp_json "$R"
if is_dirty; then t_fail "key, TeX Live, .aux: still clean" "$(cat "$tmp/s.json")"
else t_pass "key, TeX Live, .aux: still clean"; fi

# what sitat.sty checks for "stamp not current": the files of the last
# LaTeX run with their MD5, or without a recorder file (a first build)
# every .tex file of the thesis folder
t_check "stamp.tex lists LaTeX's inputs with their MD5" sh -c '
	cd "$1" && "$2" stamp -o - 2>/dev/null | grep -Eq "^.sitat@stampfile.kapitler/01-innledning.tex..[0-9A-F]{32}.$"' - "$B" "$SITAT"
R=$tmp/nofls
cp -a "$B" "$R"
rm "$R/build/thesis.fls"
t_check "no recorder file yet: stamp.tex lists the thesis folder's .tex files" sh -c '
	cd "$1" && "$2" stamp -o - 2>/dev/null | grep -Eq "^.sitat@stampfile.thesis.tex..[0-9A-F]{32}.$"' - "$R" "$SITAT"

# the generated files carry the store's content id, the same in all three
R=$B
id=$(sed -n 's/.*"store_id":[[:space:]]*"\([0-9a-f]*\)".*/\1/p' "$tmp/s.json")
t_check "generated files carry the store id" sh -c '
	grep -q "^\\\\sitat@storeid{quotes.tex}{$1}\$" "$2/quotes.tex" &&
	grep -q "^\\\\sitat@storeid{tables.tex}{$1}\$" "$2/tables.tex" &&
	grep -q "^% sitat-store-id: $1\$" "$2/sitat.bib"' - "$id" "$B/thesis/generated"
t_end
