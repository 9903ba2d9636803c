#!/bin/sh
# tests/provenance/run.sh - provenance end to end, on fresh clones of HEAD:
#  - two clones in different directories, built at different times under
#    different TZ and locale, give byte-identical PDFs;
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
fail=0
ok() { echo "ok   provenance: $1"; }
bad() { echo "FAIL provenance: $1"; fail=1; }
export GIT_AUTHOR_NAME=t GIT_AUTHOR_EMAIL=t@example.org \
       GIT_COMMITTER_NAME=t GIT_COMMITTER_EMAIL=t@example.org
# a checkout owned by another user (as on some CI machines) is still ours
# to clone here: git's safe.directory, for this script's git commands only
export GIT_CONFIG_COUNT=1 GIT_CONFIG_KEY_0=safe.directory GIT_CONFIG_VALUE_0='*'
build() { # build DIR TZ LANG: make the PDF, quietly
	(cd "$1" && TZ=$2 LC_ALL=$3 make build/thesis.pdf >build.log 2>&1) ||
		{ bad "build in $1 failed"; tail -20 "$1/build.log"; return 1; }
}
json_field() { # json_field FILE KEY: the value of "KEY": in cJSON's output
	sed -n "s/^[[:space:]]*\"$2\":[[:space:]]*\(.*\),*$/\1/p" "$1" | head -n 1 | tr -d '",'
}

git clone -q "$root" "$tmp/a"
mkdir -p "$tmp/deep/other/place"
git clone -q "$root" "$tmp/deep/other/place/b"
build "$tmp/a" UTC C.UTF-8
sleep 2
build "$tmp/deep/other/place/b" Pacific/Auckland nb_NO.UTF-8
ha=$(sha256sum "$tmp/a/build/thesis.pdf" | cut -d' ' -f1)
hb=$(sha256sum "$tmp/deep/other/place/b/build/thesis.pdf" | cut -d' ' -f1)
if [ "$ha" = "$hb" ]; then ok "two clones, two TZ, same PDF ($ha)"
else bad "two clones differ: $ha vs $hb"; fi

A=$tmp/a
S=$A/build/sitat
(cd "$A" && $S stamp --json) > "$tmp/stamp.json"
[ "$(json_field "$tmp/stamp.json" dirty)" = false ] && ok "stamp of a clean clone: dirty false" ||
	bad "stamp of a clean clone is not clean"
[ "$(json_field "$tmp/stamp.json" commit)" = "$(git -C "$A" rev-parse HEAD)" ] &&
	ok "stamp commit = HEAD" || bad "stamp commit is not HEAD"
[ "$(json_field "$tmp/stamp.json" data_version)" = "$(git -C "$A" rev-parse HEAD:evidence)" ] &&
	ok "data_version = tree id of evidence/" || bad "data_version is not the evidence tree"

(cd "$A" && $S verify build/thesis.pdf >/dev/null) && ok "verify: clean build passes" ||
	bad "verify fails on a clean build"
echo "new" > "$A/evidence/sources/untracked.txt"
(cd "$A" && $S verify build/thesis.pdf >"$tmp/v.out") && bad "verify passes with an untracked file in evidence/" ||
	{ grep -q 'evidence/ in the working tree has uncommitted changes' "$tmp/v.out" &&
	  ok "verify: untracked file in evidence/ fails, with the reason"; }
(cd "$A" && make release >"$tmp/r.out" 2>&1) && bad "make release accepted a dirty tree" ||
	{ grep -q 'refusing: evidence/ has uncommitted changes' "$tmp/r.out" &&
	  ok "make release refuses a dirty tree"; }
rm "$A/evidence/sources/untracked.txt"

(cd "$A" && $S reproduce HEAD >"$tmp/rep.out" 2>"$tmp/rep.err") &&
	grep -q '^identical: build/thesis.pdf' "$tmp/rep.out" && ok "reproduce HEAD: identical" ||
	{ bad "reproduce HEAD"; cat "$tmp/rep.out" "$tmp/rep.err"; }

# a PDF from another commit: commit an evidence change, keep the old PDF
cp "$A/build/thesis.pdf" "$tmp/old.pdf"
sed -i 's/"author": "\(.*\)"/"author": "\1 (rev)"/' "$A/evidence/project.json"
git -C "$A" commit -qam "change evidence"
(cd "$A" && $S verify "$tmp/old.pdf" >"$tmp/v2.out") && bad "verify passes a PDF from another commit" ||
	{ grep -q 'is not the data of the PDF' "$tmp/v2.out" && ok "verify: PDF from another commit fails"; }
(cd "$A" && make release >"$tmp/r2.out" 2>&1) && [ -s "$A/build/thesis.pdf.sha256" ] &&
	ok "make release on a clean tree writes the hash" || { bad "make release on a clean tree"; tail "$tmp/r2.out"; }
(cd "$A" && $S verify build/thesis.pdf >/dev/null) && ok "verify: rebuilt after the commit passes" ||
	bad "verify after rebuild"

# no repository: the PDF builds and says so; verify and release refuse
mkdir "$tmp/norepo" && git -C "$root" archive HEAD | tar -x -C "$tmp/norepo"
build "$tmp/norepo" UTC C.UTF-8
N=$tmp/norepo
grep -aq '/SitatStamp (sitat-stamp/1 state=norepo' "$N/build/thesis.pdf" && ok "no repository: PDF says norepo" ||
	bad "no repository: stamp"
pdftotext "$N/build/thesis.pdf" - | grep -q 'ingen versjon' && ok "no repository: visible 'no version'" ||
	bad "no repository: visible stamp"
(cd "$N" && build/sitat verify build/thesis.pdf >/dev/null) && bad "verify passes without a repository" ||
	ok "no repository: verify refuses"
(cd "$N" && make release >/dev/null 2>&1) && bad "release without a repository" || ok "no repository: release refuses"

# a repository without commits
git -C "$N" init -q
(cd "$N" && build/sitat stamp --json) > "$tmp/s.json"
[ "$(json_field "$tmp/s.json" commit)" = null ] && [ "$(json_field "$tmp/s.json" dirty)" = true ] &&
	ok "no commits: commit null, dirty" || bad "no commits: stamp"

# detached HEAD, shallow clone, linked worktree
git -C "$A" checkout -q --detach HEAD~1
(cd "$A" && $S stamp --json) > "$tmp/d.json"
[ "$(json_field "$tmp/d.json" detached)" = true ] && [ "$(json_field "$tmp/d.json" commit)" = "$(git -C "$A" rev-parse HEAD)" ] &&
	ok "detached HEAD" || bad "detached HEAD"
git clone -q --depth 1 "file://$root" "$tmp/shallow"
(cd "$tmp/shallow" && "$S" stamp --json) > "$tmp/sh.json"
[ "$(json_field "$tmp/sh.json" shallow)" = true ] && [ "$(json_field "$tmp/sh.json" dirty)" = false ] &&
	[ "$(json_field "$tmp/sh.json" data_version)" = "$(git -C "$root" rev-parse HEAD:evidence)" ] &&
	ok "shallow clone" || bad "shallow clone"
git -C "$A" worktree add -q "$tmp/wt" HEAD
(cd "$tmp/wt" && "$S" stamp --json) > "$tmp/wt.json"
[ "$(json_field "$tmp/wt.json" worktree)" = true ] && [ "$(json_field "$tmp/wt.json" dirty)" = false ] &&
	ok "linked worktree" || bad "linked worktree"
exit $fail
