#!/bin/sh
# tests/guards/run.sh SITAT - the guards of issue 9 section 8.
#  1. a key under the store's private/ that git does not ignore: an error
#     from check, stamp (nothing stamped) and leakcheck, naming the file and
#     the .gitignore line; none once the line is there; a key in git's
#     index is an error too; a store in a subdirectory gets its own line;
#     outside a repository nothing is reported.
#  2. sitat audit on a use record that is empty, truncated (no `end`) or
#     older than the PDF: exit 1, "the use record is incomplete: did LaTeX
#     finish?", the appendix left as it was; a complete, current one passes.
#  3. stamp --require-clean names the files that block it.
# Runs from the repo root; writes only into a temporary directory.  Uses
# the git program to set up repositories (sitat itself never runs it).
set -u
SITAT=${1:?usage: run.sh SITAT}
case $SITAT in /*) ;; *) SITAT=$(pwd)/$SITAT ;; esac
root=$(pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
LC_ALL=C
export LC_ALL
. "$root/tests/lib.sh"
t_begin guards

export GIT_AUTHOR_NAME=t GIT_AUTHOR_EMAIL=t@example.org GIT_COMMITTER_NAME=t \
	GIT_COMMITTER_EMAIL=t@example.org GIT_CONFIG_NOSYSTEM=1 HOME=$tmp

# expect NAME WANT DIR ARGS...: sitat ARGS in DIR, output in $tmp/out
T_OUT=$tmp/out
expect() { T_n=$1 T_w=$2 T_d=$3; shift 3; t_expect "$T_n" "$T_w" "$T_d" "$SITAT" "$@"; }
# has NAME TEXT: $tmp/out contains TEXT (fixed string)
has() {
	grep -qF -- "$2" "$tmp/out"
	t_result "$1" $? "$(cat "$tmp/out")"
}

if ! command -v git >/dev/null 2>&1; then
	t_skip "all" "no git"
	t_end
	exit $?
fi

# ---- 1. the key of real names ------------------------------------------------
p=$tmp/key
"$SITAT" init -q "$p" >/dev/null
(cd "$p" && git init -q . && git add -A && git commit -qm start)
(cd "$p" && "$SITAT" generate -q)
mkdir -p "$p/evidence/private"
printf 'Kari Nordmann\n' >"$p/evidence/private/names.txt"
expect "key ignored: check passes" 0 "$p" check -q
grep -v '^/evidence/private/$' "$p/.gitignore" >"$tmp/gi" && cp "$tmp/gi" "$p/.gitignore"
msg="evidence/private/names.txt: error: git does not ignore this file of the store's private/ directory: the next 'git add -A' commits the real names; add the line '/evidence/private/' to the repository's .gitignore"
expect "key not ignored: check exits 1" 1 "$p" check -q
has "key not ignored: check names the file and the line" "$msg"
rm -f "$p/generated/stamp.tex"
expect "key not ignored: stamp exits 1" 1 "$p" stamp -q -o generated/stamp.tex
has "key not ignored: stamp names the file and the line" "$msg"
[ ! -e "$p/generated/stamp.tex" ]
t_result "key not ignored: nothing stamped" $?
expect "key not ignored: leakcheck exits 1" 1 "$p" leakcheck -q --no-pdf
has "key not ignored: leakcheck names the file and the line" "$msg"
expect "key not ignored: from a subdirectory" 1 "$p/chapters" check -q
has "key not ignored: from a subdirectory, the path from there" "../evidence/private/names.txt: error: git does not ignore"
mkdir -p "$p/evidence/private/old"
printf 'x\n' >"$p/evidence/private/old/key.txt"
expect "key not ignored: every file under private/" 1 "$p" check -q
has "key not ignored: a file in a subdirectory of private/" "evidence/private/old/key.txt: error: git does not ignore"
printf '/evidence/private/\n' >>"$p/.gitignore"
expect "key ignored again: check passes" 0 "$p" check -q
expect "key ignored again: stamp passes" 0 "$p" stamp -q -o generated/stamp.tex
(cd "$p" && git add -f evidence/private/names.txt)
expect "key in the index: check exits 1" 1 "$p" check -q
has "key in the index: says git rm --cached" "git rm --cached evidence/private/names.txt"
(cd "$p" && git rm -q --cached evidence/private/names.txt)

q=$tmp/sub
"$SITAT" init -q "$q" >/dev/null
mkdir -p "$q/data"
mv "$q/evidence" "$q/data/ev"
sed 's|"store": "evidence"|"store": "data/ev"|' "$q/sitat.json" >"$tmp/sj" && cp "$tmp/sj" "$q/sitat.json"
(cd "$q" && git init -q .)
mkdir -p "$q/data/ev/private"
printf 'Ola\n' >"$q/data/ev/private/names.txt"
expect "store in a subdirectory: check exits 1" 1 "$q" check -q
has "store in a subdirectory: its own .gitignore line" "add the line '/data/ev/private/'"

n=$tmp/nogit
"$SITAT" init -q "$n" >/dev/null
mkdir -p "$n/evidence/private"
printf 'Ola\n' >"$n/evidence/private/names.txt"
expect "no repository: nothing to guard" 0 "$n" check -q

# ---- 2. the use record ---------------------------------------------------------
a=$tmp/rec
mkdir -p "$a"
cp -R "$root/tests/audit/cases/clean/evidence" "$a/evidence"
cp "$root/tests/audit/cases/clean/thesis.sitat" "$a/good.sitat"
printf '%% an earlier appendix\n' >"$a/audit.tex"
run_audit() { # NAME WANT RECORD: audit with the clean case's store
	expect "$1" "$2" "$a" audit --store evidence --record "$3" --texdir "" -o audit.tex -q
}
unchanged() {
	[ "$(cat "$a/audit.tex")" = "% an earlier appendix" ]
	t_result "$1: the appendix is left as it was" $?
}
: >"$a/empty.sitat"
run_audit "record empty: exit 1" 1 empty.sitat
has "record empty: did LaTeX finish?" "empty.sitat: error: the use record is incomplete: did LaTeX finish? (it is empty)"
unchanged "record empty"
sed '$d' "$a/good.sitat" | sed '$d' >"$a/cut.sitat"
run_audit "record truncated: exit 1" 1 cut.sitat
has "record truncated: did LaTeX finish?" "cut.sitat: error: the use record is incomplete: did LaTeX finish? (it stops before its last line, 'end')"
unchanged "record truncated"
printf 'end\nuse I1-001 3 inline - x.tex:1\n' >>"$a/cut.sitat"
run_audit "record with lines after end: exit 1" 1 cut.sitat
cp "$a/good.sitat" "$a/old.sitat"
touch -d '2000-01-01 00:00:00' "$a/old.sitat"
: >"$a/old.pdf"
run_audit "record older than the PDF: exit 1" 1 old.sitat
has "record older than the PDF: did LaTeX finish?" "old.sitat: error: the use record is incomplete: did LaTeX finish? (it is older than the PDF old.pdf)"
unchanged "record older than the PDF"
cp "$a/old.sitat" "$a/other.sitat"
touch -d '2000-01-01 00:00:00' "$a/other.sitat"
expect "record older than --pdf: exit 1" 1 "$a" audit --store evidence --record other.sitat \
	--texdir "" --pdf old.pdf --no-tex -q
touch -d '1999-01-01 00:00:00' "$a/old.pdf"
expect "record older than --pdf: passes when the PDF is older" 0 "$a" audit --store evidence \
	--record other.sitat --texdir "" --pdf old.pdf --no-tex -q
touch "$a/old.pdf" "$a/old.sitat"
run_audit "record as new as the PDF: passes" 0 old.sitat
[ "$(cat "$a/audit.tex")" != "% an earlier appendix" ]
t_result "record as new as the PDF: the appendix is written" $?
# the project's defaults: OUTPUT/JOBNAME.sitat against OUTPUT/JOBNAME.pdf
d=$tmp/proj
"$SITAT" init -q "$d" >/dev/null
mkdir -p "$d/build"
printf 'claim example 1 - chapters/introduction.tex:6\nend\n' >"$d/build/thesis.sitat"
touch -d '2000-01-01 00:00:00' "$d/build/thesis.sitat"
: >"$d/build/thesis.pdf"
expect "project: a stale build/thesis.sitat: exit 1" 1 "$d/chapters" audit -q
has "project: names the project's PDF" "older than the PDF ../build/thesis.pdf"

# ---- 3. --require-clean names the files ---------------------------------------------
c=$tmp/clean
"$SITAT" init -q "$c" >/dev/null
(cd "$c" && git init -q . && git add -A && git commit -qm start)
expect "require-clean: a clean tree passes" 0 "$c" stamp --require-clean
printf 'new\n' >"$c/chapters/new.tex"
printf '%% edit\n' >>"$c/chapters/introduction.tex"
expect "require-clean: a dirty tree exits 1" 1 "$c" stamp --require-clean
has "require-clean: names the untracked file" "chapters/new.tex: error: untracked: not committed"
has "require-clean: names the modified file" "chapters/introduction.tex: error: modified: not committed"
(cd "$c" && git add chapters/new.tex)
expect "require-clean: a staged file exits 1" 1 "$c" stamp --require-clean
has "require-clean: names the staged file" "chapters/new.tex: error: added to the index, not committed"

t_end
