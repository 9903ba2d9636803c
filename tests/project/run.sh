#!/bin/sh
# tests/project/run.sh SITAT - the project file (sitat.json; docs/project-file.md).
#  1. a store command from a subdirectory of a project finds the project
#     file upward and takes its paths (check, generate, quotes, trace);
#     explicit paths stay relative to the current directory.
#  2. without a project file, a directory above holding evidence/project.json
#     is the root (the demo layout); with neither, the defaults.
#  3. another layout: store, main file, generated directory and output
#     named by the project file are every command's defaults.
#  4. a bad project file: every problem at file:line:col (check exits 1);
#     the other commands refuse it (exit 2) and write nothing.
#  5. the demo's sitat.json at the repository root is valid.
# Runs from the repo root; writes only into a temporary directory.
set -u
SITAT=${1:?usage: run.sh SITAT}
case $SITAT in /*) ;; *) SITAT=$(pwd)/$SITAT ;; esac
root=$(pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
LC_ALL=C
export LC_ALL
. "$root/tests/lib.sh"
t_begin project

STORE=$root/tests/golden/cases/valid-small/evidence

# expect NAME WANT DIR ARGS...: sitat ARGS in DIR, output in $tmp/out
T_OUT=$tmp/out
expect() { T_n=$1 T_w=$2 T_d=$3; shift 3; t_expect "$T_n" "$T_w" "$T_d" "$SITAT" "$@"; }

# same NAME FILE: $tmp/out is exactly FILE
same() {
	if diff -u "$2" "$tmp/out" >"$tmp/diff"; then t_pass "$1"; else t_fail "$1" "$(cat "$tmp/diff")"; fi
}

# ---- 1. from a subdirectory ---------------------------------------------
p=$tmp/p1
mkdir -p "$p/thesis/chapters/deep" "$p/build"
cp -R "$STORE" "$p/evidence"
printf '{"format": "sitat-project/1"}\n' >"$p/sitat.json"
expect "subdir: check finds the store" 0 "$p/thesis/chapters/deep" check
grep -q '^\.\./\.\./\.\./evidence: ' "$tmp/out"
t_result "subdir: check names the store from here" $? "$(cat "$tmp/out")"
expect "subdir: generate" 0 "$p/thesis/chapters" generate -q
[ -f "$p/thesis/generated/quotes.tex" ] && [ -f "$p/thesis/generated/sitat.bib" ]
t_result "subdir: generate writes into the project's generated directory" $?
expect "subdir: quotes -o - " 0 "$p/thesis/chapters" quotes -o -
expect "subdir: trace a quote" 0 "$p/thesis/chapters/deep" trace I1-001
expect "subdir: explicit --store is relative to here" 0 "$p/thesis" check --store ../evidence
expect "subdir: explicit --store that is not there" 2 "$p/thesis" check --store evidence
mkdir -p "$p/thesis/out"
expect "subdir: explicit -d is relative to here" 0 "$p/thesis" generate -q -d out
[ -f "$p/thesis/out/tables.tex" ]
t_result "subdir: generate -d out wrote thesis/out" $?

# ---- 2. no project file ---------------------------------------------------
p=$tmp/p2
mkdir -p "$p/a/b"
cp -R "$STORE" "$p/evidence"
expect "no project file: the demo layout found upward" 0 "$p/a/b" check
mkdir -p "$tmp/empty"
expect "no project file, no store: not an evidence store" 2 "$tmp/empty" check
grep -q 'not an evidence store' "$tmp/out"
t_result "no project file, no store: says so" $?

# ---- 3. another layout ----------------------------------------------------
p=$tmp/p3
mkdir -p "$p/data" "$p/chapters" "$p/out"
cp -R "$STORE" "$p/data/ev"
cat >"$p/sitat.json" <<'JSON'
{
  "format": "sitat-project/1",
  "store": "data/ev",
  "main": "main.tex",
  "generated": "gen",
  "output": "out",
  "engine": "lualatex",
  "bib": ["refs.bib"]
}
JSON
expect "layout: check" 0 "$p/chapters" check
grep -q '^\.\./data/ev: ' "$tmp/out"
t_result "layout: check uses the project's store" $? "$(cat "$tmp/out")"
expect "layout: generate" 0 "$p/chapters" generate -q
[ -f "$p/gen/quotes.tex" ] && [ ! -e "$p/thesis" ]
t_result "layout: generate writes gen/" $?
printf 'claim c1 1 - chapters/a.tex:3\nuse I1-001 1 inline c1 chapters/a.tex:4\n' >"$p/out/main.sitat"
expect "layout: trace reads OUTPUT/JOBNAME.sitat" 0 "$p/chapters" trace I1-001
grep -q 'chapters/a.tex' "$tmp/out"
t_result "layout: trace shows the use from the record (texdir = the main file's directory)" $? "$(cat "$tmp/out")"
expect "layout: leakcheck without a key" 0 "$p" leakcheck --no-pdf
grep -q 'data/ev/private/names.txt' "$tmp/out"
t_result "layout: leakcheck's key is STORE/private/names.txt" $? "$(cat "$tmp/out")"

# ---- 4. a bad project file ---------------------------------------------------
p=$tmp/p4
mkdir -p "$p/sub"
cp -R "$STORE" "$p/evidence"
cat >"$p/sitat.json" <<'JSON'
{
  "format": "sitat-project/2",
  "store": "/srv/evidence",
  "main": "thesis.txt",
  "bib": ["refs.bib", "../outside.bib", 3],
  "generated": "a/../../b",
  "engine": "tex",
  "colour": "red"
}
JSON
cat >"$tmp/want" <<'EOF2'
../sitat.json:2:13: error: unknown format 'sitat-project/2' (expected 'sitat-project/1')
../sitat.json:3:12: error: field 'store': '/srv/evidence' is not a path inside the project (an absolute path)
../sitat.json:4:11: error: field 'main' has invalid value 'thesis.txt' (expected a .tex file)
../sitat.json:5:23: error: field 'bib[]': '../outside.bib' is not a path inside the project (it leaves the project's directory)
../sitat.json:5:41: error: field 'bib[]' must be a string (a path)
../sitat.json:6:16: error: field 'generated': 'a/../../b' is not a path inside the project (it leaves the project's directory)
../sitat.json:7:13: error: field 'engine' has invalid value 'tex' (expected pdflatex, xelatex or lualatex)
../sitat.json:8:3: warning: unknown key 'colour' (ignored)
EOF2
expect "bad file: check exits 1" 1 "$p/sub" check -q
same "bad file: every problem at file:line:col" "$tmp/want"
expect "bad file: generate refuses it" 2 "$p/sub" generate
[ ! -e "$p/thesis" ] && [ ! -e "$p/sub/thesis" ]
t_result "bad file: generate wrote nothing" $?
expect "bad file: audit refuses it" 2 "$p/sub" audit
printf '{\n  "store": "evidence",\n  "main" "x.tex"\n}\n' >"$p/sitat.json"
expect "syntax error: check exits 1" 1 "$p/sub" check -q
printf '%s\n' "../sitat.json:3:10: error: JSON syntax error near '\"x.tex\"\\n}\\n'" >"$tmp/want"
same "syntax error: at line:col" "$tmp/want"
printf '{"store": "evidence"}\n{}\n' >"$p/sitat.json"
expect "trailing data: check exits 1" 1 "$p/sub" check -q
printf '{\n  "store": "evidence",\n  "output": "out",\n  "store": "data"\n}\n' >"$p/sitat.json"
expect "duplicate key: check exits 1" 1 "$p/sub" check -q
grep -q "^../sitat.json:4:3: error: duplicate key 'store'" "$tmp/out"
t_result "duplicate key: at the second one" $? "$(cat "$tmp/out")"
printf '[]\n' >"$p/sitat.json"
expect "not an object: check exits 1" 1 "$p/sub" check -q
grep -q "must be an object" "$tmp/out"
t_result "not an object: says so" $?

# ---- 5. the demo ---------------------------------------------------------------
expect "demo: sitat.json is valid" 0 "$root/thesis/kapitler" check -q
[ ! -s "$tmp/out" ]
t_result "demo: no message about the project file" $? "$(cat "$tmp/out")"

t_end
