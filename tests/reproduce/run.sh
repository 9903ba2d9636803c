#!/bin/sh
# tests/reproduce/run.sh SITAT - sitat reproduce (issue 13) on a throwaway
# clone of the demo:
#  - the examiner's side: the demo bundled, the bundle copied to a
#    directory of its own and reproduced there with the repository moved
#    away and HOME elsewhere: identical (exit 0);
#  - reproduce HEAD in the repository: identical (--json);
#  - a changed TeX input: a copy of booktabs.sty with one comment changed,
#    first on TEXINPUTS for the rebuild only: same text (exit 4), naming
#    booktabs.sty with its old and new SHA-256, in the repository (text)
#    and through the bundle (--json);
#  - a changed quote: the source text of a quote changed and committed,
#    the rebuild compared with the PDF of the commit before (--against):
#    different (exit 5), naming the page the quote is on and showing the
#    old and the new words; the pages that differ only in the data version
#    they show are counted, not listed;
#  - what cannot be checked: a file that is neither a PDF nor a bundle
#    (exit 2), a damaged bundle (1), an unknown commit (1), --against
#    with a bundle (2), --against a missing file (3).
# The rebuilds run in parallel where they are independent.  The git
# command line only sets up fixtures.  KEEP=1 keeps the temporary files.
set -u
root=$(cd "$(dirname "$0")/../.." && pwd)
SITAT=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
. "$root/tests/lib.sh"
t_begin reproduce
tmp=$(mktemp -d "${TMPDIR:-/tmp}/sitat-reproducetest.XXXXXX") || exit 2
trap '[ -n "${KEEP-}" ] || rm -rf "$tmp"' EXIT
[ -n "${KEEP-}" ] && echo "# $tmp"
for t in latexmk python3 pdftotext kpsewhich; do
	command -v $t >/dev/null 2>&1 || { t_skip "reproduce" "$t missing"; t_end; exit 0; }
done
export GIT_AUTHOR_NAME=t GIT_AUTHOR_EMAIL=t@example.org \
       GIT_COMMITTER_NAME=t GIT_COMMITTER_EMAIL=t@example.org
export GIT_CONFIG_COUNT=1 GIT_CONFIG_KEY_0=safe.directory GIT_CONFIG_VALUE_0='*'
T_OUT=$tmp/out
S=$SITAT

# has NAME FILE TEXT...: FILE holds every TEXT (fixed strings)
has() {
	T_name=$1 T_f=$2
	shift 2
	T_miss=
	for T_t in "$@"; do grep -qF -- "$T_t" "$T_f" || T_miss="$T_miss [$T_t]"; done
	if [ -z "$T_miss" ]; then t_pass "$T_name"
	else t_fail "$T_name" "not in the output:$T_miss" "$(cat "$T_f")"; fi
}
# exits NAME WANT GOT FILE: the command ended with WANT
exits() {
	if [ "$3" = "$2" ]; then t_pass "$1"
	else t_fail "$1" "exit $3, expected $2; output:" "$(cat "$4")"; fi
}
# json FILE EXPR: the value of a Python expression over the JSON object j
json() { python3 -c 'import json,sys; j=json.load(open(sys.argv[1])); print(eval(sys.argv[2]))' "$1" "$2" 2>/dev/null; }
# json_is NAME FILE EXPR WANT
json_is() {
	T_got=$(json "$2" "$3")
	if [ "$T_got" = "$4" ]; then t_pass "$1"
	else t_fail "$1" "$3 = '$T_got', expected '$4'" "$(head -c 3000 "$2")"; fi
}

# ---- the demo, committed and built --------------------------------------------
D=$tmp/demo
git clone -q "$root" "$D"
if ! (cd "$D" && "$S" build -q >"$tmp/build.log" 2>&1); then
	t_fail "the demo builds" "$(tail -20 "$tmp/build.log")"
	t_end
	exit 1
fi
t_pass "the demo builds"

# ---- the examiner's side: a bundle, reproduced where the repository is not ------
st=0
(cd "$D" && "$S" bundle >"$tmp/bundle.out" 2>&1) || st=$?
exits "bundle the demo" 0 "$st" "$tmp/bundle.out"
E=$tmp/examiner
mkdir -p "$E/home"
cp "$D/build/thesis.bundle" "$E/thesis.bundle" 2>/dev/null
mv "$D" "$D.away"
st=0 start=$(date +%s)
(cd "$E" && HOME=$E/home "$S" reproduce thesis.bundle >"$E/out" 2>"$E/err") || st=$?
echo "     (sitat reproduce thesis.bundle, offline: $(($(date +%s) - start)) s;" \
	"load $(cut -d' ' -f1 /proc/loadavg 2>/dev/null))"
mv "$D.away" "$D"
exits "reproduce BUNDLE, without the repository: exit 0" 0 "$st" "$E/err"
has "reproduce BUNDLE: identical" "$E/out" "identical: thesis.bundle (commit"
t_check "reproduce BUNDLE: nothing kept when identical" \
	sh -c '! grep -q "kept" "$1"' - "$E/err"

# ---- a changed TeX input, a rebuild in the repository: independent runs --------
# booktabs.sty with one comment changed (above its \endinput), found first
old=$(kpsewhich booktabs.sty)
mkdir -p "$tmp/tex"
{ printf '%% a comment that tests/reproduce changed\n'; cat "$old"; } >"$tmp/tex/booktabs.sty"
h_old=$(sha256sum "$old" | cut -c1-8)
h_new=$(sha256sum "$tmp/tex/booktabs.sty" | cut -c1-8)
# reproduce NAME DIR ENV ARGS...: sitat reproduce ARGS in DIR with the
# variables ENV ("A=x B=y", or "-"), in the background; output in
# $tmp/NAME.{out,err,st}
reproduce() {
	T_n=$1 T_d=$2 T_e=$3
	shift 3
	[ "$T_e" = - ] && T_e=
	( T_s=0; (cd "$T_d" && env $T_e "$S" reproduce "$@" >"$tmp/$T_n.out" 2>"$tmp/$T_n.err") ||
	  T_s=$?; echo "$T_s" >"$tmp/$T_n.st" ) &
}
st_of() { cat "$tmp/$1.st" 2>/dev/null || echo none; }
reproduce head "$D" - --json HEAD
reproduce tex "$D" "TEXINPUTS=$tmp/tex:" HEAD
reproduce texb "$E" "HOME=$E/home TEXINPUTS=$tmp/tex:" --json thesis.bundle
wait

exits "reproduce HEAD --json: exit 0" 0 "$(st_of head)" "$tmp/head.err"
json_is "reproduce HEAD --json: identical" "$tmp/head.out" 'j["result"]' identical
json_is "reproduce HEAD --json: the commit" "$tmp/head.out" 'j["commit"]' \
	"$(git -C "$D" rev-parse HEAD)"
json_is "reproduce HEAD --json: the same SHA-256" "$tmp/head.out" \
	'j["pdf"]["sha256"] == j["rebuilt"]["sha256"] == j["pdf"]["sha256"]' True
json_is "reproduce HEAD --json: nothing kept" "$tmp/head.out" 'j["kept"]' None

exits "changed package on TEXINPUTS: exit 4" 4 "$(st_of tex)" "$tmp/tex.out"
has "changed package on TEXINPUTS: same text, naming the file and both hashes" \
	"$tmp/tex.out" "same text: build/thesis.pdf (commit" "booktabs.sty" "$h_old" "$h_new"
has "changed package on TEXINPUTS: says where the rebuilt PDF is" "$tmp/tex.out" \
	"the rebuilt PDF: /"
t_check "changed package on TEXINPUTS: the rebuilt PDF is kept" \
	test -s "$(sed -n 's/^the rebuilt PDF: //p' "$tmp/tex.out")"
t_check "changed package on TEXINPUTS: exactly one input differs" \
	grep -q '^the TeX inputs that differ (1):$' "$tmp/tex.out"
t_check "changed package on TEXINPUTS: the engine not named (the same)" \
	sh -c '! grep -q "^the TeX engine" "$1"' - "$tmp/tex.out"

exits "changed package, through the bundle: exit 4" 4 "$(st_of texb)" "$tmp/texb.err"
json_is "changed package, through the bundle: same text" "$tmp/texb.out" 'j["result"]' "same text"
json_is "changed package, through the bundle: the input named" "$tmp/texb.out" \
	'[c["name"] for c in j["inputs"]]' "['booktabs.sty']"
json_is "changed package, through the bundle: no page differs" "$tmp/texb.out" \
	'(j["pages"], j["pdf"]["pages"] == j["rebuilt"]["pages"] > 0)' "([], True)"
json_is "changed package, through the bundle: the engine's version the same, and known" \
	"$tmp/texb.out" 'j["engine_version"]["then"] == j["engine_version"]["now"] != None' True

# ---- a changed quote: the source text of I1-003, committed --------------------
cp "$D/build/thesis.pdf" "$tmp/submitted.pdf"
if grep -q 'mest, eh, brutale er' "$D/evidence/sources/I1.txt"; then
	# one word for another of the same length: the anchors stay
	sed -i 's/mest, eh, brutale er/mest, eh, tydelig er/' \
		"$D/evidence/sources/I1.txt" "$D/evidence/codings/I1.json"
	git -C "$D" commit -qam "I1: one word of a quote"
	st=0
	(cd "$D" && "$S" reproduce HEAD --against "$tmp/submitted.pdf" \
		>"$tmp/diff.out" 2>"$tmp/diff.err") || st=$?
	exits "changed quote, against the PDF before: exit 5" 5 "$st" "$tmp/diff.err"
	has "changed quote: different, the old and the new words" "$tmp/diff.out" \
		"different: $tmp/submitted.pdf (commit" "-" "brutale er økonomien" \
		"+" "tydelig er økonomien"
	# the first page shown is the one the quote is on (pdftotext, by hand)
	page=$(sed -n 's/^page \([0-9]*\) ([^)]*):$/\1/p' "$tmp/diff.out" | grep -v '^2$' | head -n 1)
	t_check "changed quote: the page named holds the quote" \
		sh -c 'pdftotext -f "$1" -l "$1" "$2" - | grep -q "brutale"' - "${page:-0}" "$tmp/submitted.pdf"
	has "changed quote: the pages that show only the data version are counted" \
		"$tmp/diff.out" "of them differ only in the data version they show"
	t_check "changed quote: the diff is short" \
		test "$(grep -c '^  [-+]' "$tmp/diff.out")" -le 40
else
	t_fail "changed quote" "the demo's I1 no longer has 'mest, eh, brutale er'"
fi

# ---- what cannot be checked (nothing is built) ---------------------------------
printf 'not a thesis\n' >"$tmp/notes.txt"
st=0; (cd "$D" && "$S" reproduce "$tmp/notes.txt" >"$T_OUT" 2>&1) || st=$?
exits "neither a PDF nor a bundle: exit 2" 2 "$st" "$T_OUT"
has "neither a PDF nor a bundle: says so" "$T_OUT" "neither a PDF nor a sitat bundle"
head -c 2000 "$E/thesis.bundle" >"$tmp/cut.bundle"
st=0; (cd "$E" && "$S" reproduce "$tmp/cut.bundle" >"$T_OUT" 2>&1) || st=$?
exits "a damaged bundle: exit 1" 1 "$st" "$T_OUT"
has "a damaged bundle: names it" "$T_OUT" "cut.bundle"
st=0; (cd "$D" && "$S" reproduce 0123456789abcdef0123456789abcdef01234567 >"$T_OUT" 2>&1) || st=$?
exits "an unknown commit: exit 1" 1 "$st" "$T_OUT"
st=0; (cd "$E" && "$S" reproduce --against "$tmp/submitted.pdf" thesis.bundle >"$T_OUT" 2>&1) || st=$?
exits "--against with a bundle: exit 2" 2 "$st" "$T_OUT"
st=0; (cd "$D" && "$S" reproduce --against "$tmp/none.pdf" HEAD >"$T_OUT" 2>&1) || st=$?
exits "--against a missing file: exit 3" 3 "$st" "$T_OUT"
st=0; (cd "$D" && "$S" reproduce --json "$tmp/notes.txt" >"$T_OUT" 2>/dev/null) || st=$?
json_is "--json when nothing could be checked: the problem listed" "$T_OUT" \
	'(j["result"], j["exit"], j["problems"][0]["rule"])' "('could not check', 2, 'reproduce-what')"

# the kept directories of the runs that differed
for f in "$tmp"/tex.err "$tmp"/diff.err "$tmp"/texb.out; do
	k=$(sed -n 's/^sitat reproduce: kept //p' "$f" 2>/dev/null)
	[ -n "$k" ] || k=$(json "$f" 'j["kept"]' 2>/dev/null)
	case $k in /tmp/sitat-*) [ -n "${KEEP-}" ] || rm -rf "$k" ;; esac
done
t_end
