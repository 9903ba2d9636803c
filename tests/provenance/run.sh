#!/bin/sh
# tests/provenance/run.sh - provenance end to end, on fresh clones of HEAD:
#  - two clones in different directories, built at different times under
#    different TZ and locale, give byte-identical PDFs, with each engine
#    (pdfLaTeX, the project's; XeLaTeX and LuaLaTeX through --engine);
#    sitat verify passes on each engine's PDF, its footer and colophon
#    carry the commit, and no build leaves a file outside the ignored
#    build/ and thesis/generated/ (no font cache in the project);
#  - sitat verify passes on a clean build, fails after an untracked file
#    appears in evidence/ and on a PDF from another commit;
#  - make release refuses a dirty tree; sitat reproduce HEAD says identical;
#  - edge cases: no repository, no commits, detached HEAD, shallow clone,
#    linked worktree.
# The git command line is used here only to set up fixtures; sitat itself
# never runs git.  Writes only into a temporary directory.
set -eu
root=$(cd "$(dirname "$0")/../.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
. "$root/tests/lib.sh"
t_begin provenance
export GIT_AUTHOR_NAME=t GIT_AUTHOR_EMAIL=t@example.org \
       GIT_COMMITTER_NAME=t GIT_COMMITTER_EMAIL=t@example.org
# a checkout owned by another user (as on some CI machines) is still ours
# to clone here: git's safe.directory, for this script's git commands only
export GIT_CONFIG_COUNT=1 GIT_CONFIG_KEY_0=safe.directory GIT_CONFIG_VALUE_0='*'
build() { # build DIR TZ LANG: make the PDF, quietly (log: DIR.log); without it, stop
	(cd "$1" && TZ=$2 LC_ALL=$3 make build/thesis.pdf >"$1.log" 2>&1) && return 0
	t_fail "build in $1" "$(tail -20 "$1.log")"
	t_end
	exit 1
}
# fails CMD...: CMD exits non-zero (its output is the caller's business)
fails() { ! "$@"; }
# run_in DIR CMD...: run CMD in DIR, its output thrown away
run_in() { (cd "$1" && shift && "$@" >/dev/null 2>&1); }
# refused FILE TEXT: the command run before ($st) failed, FILE says TEXT
refused() { [ "$st" != 0 ] && grep -q "$2" "$1"; }
# json_is FILE KEY VALUE [KEY VALUE...]: cJSON's output has these values
json_is() {
	f=$1
	shift
	while [ $# -ge 2 ]; do
		[ "$(json_field "$f" "$1")" = "$2" ] || return 1
		shift 2
	done
}
json_field() { # json_field FILE KEY: the value of "KEY": in cJSON's output
	sed -n "s/^[[:space:]]*\"$2\":[[:space:]]*\(.*\),*$/\1/p" "$1" | head -n 1 | tr -d '",'
}

# the second build's locale: Norwegian when the machine has it (sitat
# build sets LC_ALL=C.UTF-8 for LaTeX; this checks that nothing else reads
# the caller's)
nb=$(locale -a 2>/dev/null | grep -i -m1 '^nb_NO\.utf-\?8$' || true)
[ -n "$nb" ] || nb=nb_NO.UTF-8
git clone -q "$root" "$tmp/a"
mkdir -p "$tmp/deep/other/place"
B=$tmp/deep/other/place/b
git clone -q "$root" "$B"
build "$tmp/a" UTC C.UTF-8
sleep 2
build "$B" Pacific/Auckland "$nb"
ha=$(sha256sum "$tmp/a/build/thesis.pdf" | cut -d' ' -f1)
hb=$(sha256sum "$B/build/thesis.pdf" | cut -d' ' -f1)
if [ "$ha" = "$hb" ]; then t_pass "pdflatex: two clones, two TZ, same PDF"
else t_fail "pdflatex: two clones, two TZ, same PDF" "$ha vs $hb"; fi
echo "     (pdflatex: sha256 $ha)"

A=$tmp/a
S=$A/build/sitat
# build_engine DIR TZ LANG ENGINE: the demo with ENGINE into DIR/build/ENGINE
build_engine() {
	(cd "$1" && TZ=$2 LC_ALL=$3 build/sitat build -q --draft --engine "$4" \
		-o "build/$4" >"build/$4.log" 2>&1) && return 0
	t_fail "$4 build in $1" "$(tail -20 "$1/build/$4.log")"
	return 1
}
# producer PDF: the engine part of its /Producer
producer() { pdfinfo "$1" 2>/dev/null | sed -n 's/^Producer: *\([A-Za-z]*\).*/\1/p'; }
# stamped PDF: the footer and the colophon carry HEAD's commit
commit=$(git -C "$A" rev-parse HEAD)
stamped() {
	pdftotext "$1" - >"$tmp/text.txt" 2>/dev/null &&
	grep -q "commit ${commit%"${commit#???????}"}" "$tmp/text.txt" &&
	grep -q "$commit" "$tmp/text.txt"
}
# untouched DIR: git sees nothing new but the ignored build/ and
# thesis/generated/ (a LuaLaTeX font cache would show here)
untouched() {
	[ -z "$(git -C "$1" status --porcelain --ignored |
		grep -v -e '^!! build/$' -e '^!! thesis/generated/$')" ]
}
t_check "pdflatex: verify passes" run_in "$A" "$S" verify build/thesis.pdf
t_check "pdflatex: made by pdfTeX" test "$(producer "$A/build/thesis.pdf")" = pdfTeX
t_check "pdflatex: footer and colophon carry the commit" stamped "$A/build/thesis.pdf"
for e in xelatex lualatex; do
	build_engine "$A" UTC C.UTF-8 "$e" || continue
	sleep 1
	build_engine "$B" Pacific/Auckland "$nb" "$e" || continue
	ha=$(sha256sum "$A/build/$e/thesis.pdf" | cut -d' ' -f1)
	hb=$(sha256sum "$B/build/$e/thesis.pdf" | cut -d' ' -f1)
	if [ "$ha" = "$hb" ]; then t_pass "$e: two clones, two TZ, same PDF"
	else t_fail "$e: two clones, two TZ, same PDF" "$ha vs $hb"; fi
	echo "     ($e: sha256 $ha)"
	t_check "$e: verify passes" run_in "$A" "$S" verify "build/$e/thesis.pdf"
	t_check "$e: footer and colophon carry the commit" stamped "$A/build/$e/thesis.pdf"
done
t_check "xelatex: made by xdvipdfmx" test "$(producer "$A/build/xelatex/thesis.pdf")" = xdvipdfmx
t_check "lualatex: made by LuaTeX" test "$(producer "$A/build/lualatex/thesis.pdf")" = LuaTeX
t_check "three engines: three different PDFs" test "$(sha256sum "$A/build/thesis.pdf" \
	"$A/build/xelatex/thesis.pdf" "$A/build/lualatex/thesis.pdf" | cut -d' ' -f1 | sort -u | wc -l)" = 3
t_check "no build leaves files in the project" untouched "$A"
t_check "no build leaves files in the project (second clone)" untouched "$B"
# an XeLaTeX PDF (another output path than the clone's build/thesis.pdf)
# is rebuilt with XeLaTeX: identical
if (cd "$A" && $S reproduce build/xelatex/thesis.pdf >"$tmp/rx.out" 2>"$tmp/rx.err") &&
	grep -q '^identical: build/xelatex/thesis.pdf' "$tmp/rx.out"; then
	t_pass "reproduce an XeLaTeX PDF: identical"
else
	t_fail "reproduce an XeLaTeX PDF: identical" "$(cat "$tmp/rx.out" "$tmp/rx.err")"
fi
(cd "$A" && $S stamp --json) > "$tmp/stamp.json"
t_check "stamp of a clean clone: dirty false" json_is "$tmp/stamp.json" dirty false
t_check "stamp commit = HEAD" json_is "$tmp/stamp.json" commit "$(git -C "$A" rev-parse HEAD)"
t_check "data_version = tree id of evidence/" \
	json_is "$tmp/stamp.json" data_version "$(git -C "$A" rev-parse HEAD:evidence)"

t_check "verify: clean build passes" run_in "$A" "$S" verify build/thesis.pdf
echo "new" > "$A/evidence/sources/untracked.txt"
st=0; (cd "$A" && $S verify build/thesis.pdf >"$tmp/v.out") || st=$?
t_check "verify: untracked file in evidence/ fails, with the reason" \
	refused "$tmp/v.out" 'evidence/ in the working tree has uncommitted changes'
st=0; (cd "$A" && make release >"$tmp/r.out" 2>&1) || st=$?
t_check "make release refuses a dirty tree" \
	refused "$tmp/r.out" 'refusing: evidence/ has uncommitted changes'
rm "$A/evidence/sources/untracked.txt"

if (cd "$A" && $S reproduce HEAD >"$tmp/rep.out" 2>"$tmp/rep.err") &&
	grep -q '^identical: build/thesis.pdf' "$tmp/rep.out"; then
	t_pass "reproduce HEAD: identical"
else
	t_fail "reproduce HEAD: identical" "$(cat "$tmp/rep.out" "$tmp/rep.err")"
fi

# a PDF from another commit: commit an evidence change, keep the old PDF
cp "$A/build/thesis.pdf" "$tmp/old.pdf"
sed -i 's/"author": "\(.*\)"/"author": "\1 (rev)"/' "$A/evidence/project.json"
git -C "$A" commit -qam "change evidence"
st=0; (cd "$A" && $S verify "$tmp/old.pdf" >"$tmp/v2.out") || st=$?
t_check "verify: PDF from another commit fails" refused "$tmp/v2.out" 'is not the data of the PDF'
if (cd "$A" && make release >"$tmp/r2.out" 2>&1) && [ -s "$A/build/thesis.pdf.sha256" ]; then
	t_pass "make release on a clean tree writes the hash"
else
	t_fail "make release on a clean tree writes the hash" "$(tail "$tmp/r2.out")"
fi
t_check "verify: rebuilt after the commit passes" run_in "$A" "$S" verify build/thesis.pdf

# no repository: the PDF builds and says so; verify and release refuse
mkdir "$tmp/norepo" && git -C "$root" archive HEAD | tar -x -C "$tmp/norepo"
build "$tmp/norepo" UTC C.UTF-8
N=$tmp/norepo
t_check "no repository: PDF says norepo" \
	grep -aq '/SitatStamp (sitat-stamp/1 state=norepo' "$N/build/thesis.pdf"
t_check "no repository: visible 'no version'" \
	sh -c 'pdftotext "$1" - | grep -q "ingen versjon"' - "$N/build/thesis.pdf"
t_check "no repository: verify refuses" fails run_in "$N" build/sitat verify build/thesis.pdf
t_check "no repository: release refuses" fails run_in "$N" make release

# a repository without commits
git -C "$N" init -q
(cd "$N" && build/sitat stamp --json) > "$tmp/s.json"
t_check "no commits: commit null, dirty" json_is "$tmp/s.json" commit null dirty true

# detached HEAD, shallow clone, linked worktree
git -C "$A" checkout -q --detach HEAD~1
(cd "$A" && $S stamp --json) > "$tmp/d.json"
t_check "detached HEAD" \
	json_is "$tmp/d.json" detached true commit "$(git -C "$A" rev-parse HEAD)"
# (the generated files made first: a stamp without them is dirty)
git clone -q --depth 1 "file://$root" "$tmp/shallow"
(cd "$tmp/shallow" && "$S" generate -q && "$S" stamp --json) > "$tmp/sh.json"
t_check "shallow clone" json_is "$tmp/sh.json" shallow true dirty false \
	data_version "$(git -C "$root" rev-parse HEAD:evidence)"
git -C "$A" worktree add -q "$tmp/wt" HEAD
(cd "$tmp/wt" && "$S" generate -q && "$S" stamp --json) > "$tmp/wt.json"
t_check "linked worktree" json_is "$tmp/wt.json" worktree true dirty false
t_end
