#!/bin/sh
# tests/reanchor/run.sh [--bless] SITAT [CASE...] - sitat reanchor on real
# git histories.  Each case copies a throwaway repository that holds the
# small store of mkstore.py (one transcript, four segments, a passage that
# occurs twice) in one commit, edits the text as a user would (committed
# or not), runs `sitat reanchor` in it and compares its exit status,
# stdout and stderr with tests/reanchor/expected/CASE (byte for byte);
# then, where the run must leave every anchor valid, `sitat check` must
# pass without a warning, and where it must write nothing, the store must
# be byte for byte what it was.  --bless rewrites the expected files.
# Commits have fixed dates, so their ids (in the messages) are stable.
# The git command line sets up the fixtures; sitat never runs git.
set -u
root=$(cd "$(dirname "$0")/../.." && pwd)
bless=0
if [ "${1-}" = --bless ]; then
	bless=1
	shift
fi
[ $# -ge 1 ] || { echo "usage: sh tests/reanchor/run.sh [--bless] SITAT [CASE...]" >&2; exit 2; }
SITAT=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
shift
only=" $* "
. "$root/tests/lib.sh"
t_begin reanchor
EXP=$root/tests/reanchor/expected
tmp=$(mktemp -d "${TMPDIR:-/tmp}/sitat-reanchor.XXXXXX") || exit 2
trap '[ -n "${KEEP-}" ] || rm -rf "$tmp"' EXIT
export GIT_AUTHOR_NAME=t GIT_AUTHOR_EMAIL=t@example.org \
       GIT_COMMITTER_NAME=t GIT_COMMITTER_EMAIL=t@example.org \
       GIT_AUTHOR_DATE='2026-01-01T12:00:00Z' GIT_COMMITTER_DATE='2026-01-01T12:00:00Z'
export GIT_CONFIG_COUNT=1 GIT_CONFIG_KEY_0=safe.directory GIT_CONFIG_VALUE_0='*'
export LC_ALL=C.UTF-8

B=$tmp/base
mkdir -p "$B"
python3 "$root/tests/reanchor/mkstore.py" "$B" || { t_fail setup "mkstore.py failed"; t_end; exit 1; }
(cd "$B" && git init -q -b main && git add -A && git commit -qm base) ||
	{ t_fail setup "git failed"; t_end; exit 1; }

TXT=evidence/sources/I1.txt
COD=evidence/codings/I1.json
# edit FILE OLD NEW: replace OLD, which must occur once, by NEW (\n are line breaks)
edit() {
	python3 - "$@" <<'EOF'
import sys
f, old, new = sys.argv[1], sys.argv[2].replace("\\n", "\n"), sys.argv[3].replace("\\n", "\n")
s = open(f, encoding="utf-8").read()
if s.count(old) != 1:
    sys.exit("edit: %r occurs %d times in %s" % (old, s.count(old), f))
open(f, "w", encoding="utf-8").write(s.replace(old, new))
EOF
}
# seg ID KEY=VALUE...: change a segment of codings/I1.json (numbers stay
# numbers; KEY= removes KEY), written in the canonical form
seg() {
	python3 - "$@" <<'EOF'
import json, sys
f = "evidence/codings/I1.json"
d = json.load(open(f, encoding="utf-8"))
g = [x for x in d["segments"] if x["id"] == sys.argv[1]][0]
for kv in sys.argv[2:]:
    k, v = kv.split("=", 1)
    if v == "":
        g.pop(k, None)
    else:
        g[k] = int(v) if v.isdigit() else v
open(f, "w", encoding="utf-8").write(json.dumps(d, indent=2, ensure_ascii=False) + "\n")
EOF
}
commit() { git add -A && git commit -qm "$1"; }
snapshot() { (cd "$1" && find evidence -type f | LC_ALL=C sort | xargs cksum); }

# case NAME EXPECT SETUP ARGS...: EXPECT is "clean" (check must pass
# after), "same" (the store must not change) or "-"
case_() {
	name=$1 expect=$2 setup=$3
	shift 3
	case $only in "  ") ;; *" $name "*) ;; *) return 0 ;; esac
	R=$tmp/$name
	cp -a "$B" "$R"
	if ! (cd "$R" && eval "$setup") >"$tmp/setup.out" 2>&1; then
		t_fail "$name" "setup failed: $(cat "$tmp/setup.out")"
		return 0
	fi
	before=$(snapshot "$R")
	st=0
	(cd "$R" && "$SITAT" "$cmd" "$@") >"$tmp/out" 2>"$tmp/err" || st=$?
	{
		echo "exit $st"
		echo "--- stdout"
		cat "$tmp/out"
		echo "--- stderr"
		cat "$tmp/err"
	} >"$tmp/got"
	why=
	if [ $bless = 1 ]; then
		mkdir -p "$EXP"
		cmp -s "$tmp/got" "$EXP/$name" || { cp "$tmp/got" "$EXP/$name"; echo "  blessed $name"; }
	elif ! [ -f "$EXP/$name" ]; then
		why="no expected output ($EXP/$name); run with --bless"
	elif ! cmp -s "$EXP/$name" "$tmp/got"; then
		why="output differs (- expected, + actual):
$(diff -u "$EXP/$name" "$tmp/got" | tail -n +3)"
	fi
	case $expect in
	clean)
		cst=0
		(cd "$R" && "$SITAT" check --store evidence) >"$tmp/check" 2>&1 || cst=$?
		[ -n "$why" ] || { [ $cst = 0 ] && grep -q ': 0 errors, 0 warnings$' "$tmp/check"; } ||
			why="sitat check after it (exit $cst): $(cat "$tmp/check")" ;;
	same)
		[ -n "$why" ] || [ "$before" = "$(snapshot "$R")" ] ||
			why="the store changed: $(cd "$R" && git status --short)" ;;
	esac
	if [ -z "$why" ]; then t_pass "$name"; else t_fail "$name" "$why"; fi
}

cmd=reanchor
# nothing to do: every anchor matches
case_ unchanged same ':' --store evidence
# a word changed before the segments, not committed: HEAD has the text the
# anchors were made against
case_ word-before clean 'edit $TXT "fortelle litt" "fortelle oss litt"' --store evidence
# the same, committed: the version before HEAD matched
case_ word-before-committed clean 'edit $TXT "fortelle litt" "fortelle oss litt" && commit edit' \
	--store evidence
# a line inserted at the top, committed
case_ line-inserted clean 'edit $TXT "INT: Kan du" "INT: (Opptaket starter.)\nINT: Kan du" && commit top' \
	--store evidence
# a paragraph deleted before a segment: its prefix is rewritten too
case_ paragraph-deleted clean 'edit $TXT "INT: Hvordan merket du det i hverdagen?\n\n" ""' \
	--store evidence
# text moved: the answer about the leaders before the one about learning
case_ text-moved clean 'edit $TXT "INT: Hva gjorde ledelsen da?\n\nINF: Lederne ga oss rom til å prøve og feile, og det var avgjørende for\nat folk turte å si fra når noe ikke fungerte.\n\n" "" &&
	edit $TXT "INT: Hvordan merket" "INT: Hva gjorde ledelsen da?\n\nINF: Lederne ga oss rom til å prøve og feile, og det var avgjørende for\nat folk turte å si fra når noe ikke fungerte.\n\nINT: Hvordan merket"' \
	--store evidence
# a duplicated passage: the last answer, which holds the second "det som
# var nytt", moved to the top; its prefix and suffix pick the right one
case_ duplicate-context clean 'edit $TXT "INT: Og innbyggerne?\n\nINF: De ble med etter hvert. En sa: det var jo det som var nytt, at\nkommunen lyttet først.\n" "" &&
	edit $TXT "INT: Kan du" "INT: Og innbyggerne?\n\nINF: De ble med etter hvert. En sa: det var jo det som var nytt, at\nkommunen lyttet først.\n\nINT: Kan du"' \
	--store evidence
# an edit inside a quote: shown, pending, the store written only for what
# is not evidence (nothing here)
inside='edit $TXT "og bestemme etterpå" "og så bestemme etterpå"'
case_ inside-pending - "$inside" --store evidence
case_ inside-accept-id clean "$inside" --store evidence --accept I1-002
case_ inside-accept-all clean "$inside && commit fix" --store evidence --accept
# --accept naming another segment leaves the change pending
case_ inside-accept-other - "$inside" --store evidence --accept I1-001
case_ inside-json - "$inside" --store evidence --json
# an edit inside, found without history: the store is not in git any more
case_ inside-no-git - "$inside && rm -rf .git" --store evidence
# a word before and a change inside, with a dry run: a diff, nothing written
case_ dry-run same 'edit $TXT "fortelle litt" "fortelle oss litt" && '"$inside" \
	--store evidence --dry-run
case_ dry-run-json same 'edit $TXT "fortelle litt" "fortelle oss litt"' \
	--store evidence --dry-run --json
# an anchor edited by hand (not committed) that never matched any version
# of the text: HEAD's codings file has the anchor that did
case_ hand-edited clean 'edit $TXT "fortelle litt" "fortelle oss litt" && seg I1-003 start=10 end=49' \
	--store evidence
# a lost segment: its sentence is gone; the others are moved
case_ lost - 'edit $TXT "INF: Lederne ga oss rom til å prøve og feile, og det var avgjørende for\nat folk turte å si fra når noe ikke fungerte." "INF: Det husker jeg ikke." &&
	edit $TXT "fortelle litt" "fortelle oss litt"' --store evidence
# ambiguous: a segment written by hand with a wrong start and no context,
# committed so (no version of the text ever matched it)
case_ ambiguous same 'seg I1-004 start=500 end=516 prefix= suffix= && commit hand' \
	--store evidence
# refusals: the store unchanged
case_ refused-store-errors same 'edit $TXT "fortelle litt" "fortelle oss litt" && edit evidence/codebook.json "\"id\": \"ledelse\"" "\"id\": \"ledelse2\""' \
	--store evidence
case_ refused-unknown same 'edit $TXT "fortelle litt" "fortelle oss litt"' --store evidence I9
case_ refused-segment-without-accept same 'edit $TXT "fortelle litt" "fortelle oss litt"' \
	--store evidence I1-002
# a source named: only its segments
case_ source-named clean 'edit $TXT "fortelle litt" "fortelle oss litt"' --store evidence I1

# what check says before: the note naming what reanchor would do, and
# --json with the positions as numbers
cmd=check
case_ check-notes - 'edit $TXT "fortelle litt" "fortelle oss litt" && '"$inside" --store evidence
case_ check-json - 'edit $TXT "fortelle litt" "fortelle oss litt" && '"$inside" --store evidence --json

t_end
