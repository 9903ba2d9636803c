#!/bin/sh
# tests/code/run.sh - golden tests of the coding commands: sitat code,
# uncode, recode and codes rename|merge|move (tests/code/README.md).
#
#   sh tests/code/run.sh SITAT [CASE...]          run the cases
#   sh tests/code/run.sh --bless SITAT [CASE...]  rewrite the expected files
#
# Each case tests/code/cases/NAME/ has
#   cmd       the arguments of one sitat command, a shell line (quotes and
#             $(printf ...) work); it runs in a copy of tests/code/store/
#             (a project: sitat.json, evidence/, thesis/)
#   status    its exit status
#   stdout    its standard output, stderr its standard error
#   diff      for a case that writes: diff -ru of the store before and
#             after (the paths a/ and b/)
# and the runner checks, besides the outputs:
#   - a failing case (status not 0) and a --dry-run case leave the store
#     unchanged byte for byte (a checksum of every file of evidence/ and
#     thesis/ before and after);
#   - a case that writes leaves a store that `sitat check` passes (exit 0).
# Run from the repository root; writes only into a temporary directory.
set -u
bless=0
if [ "${1-}" = --bless ]; then
	bless=1
	shift
fi
SITAT=${1:?usage: sh tests/code/run.sh [--bless] SITAT [CASE...]}
shift
case $SITAT in /*) ;; *) SITAT=$(pwd)/$SITAT ;; esac
root=$(pwd)
CASES=$root/tests/code/cases
STORE=$root/tests/code/store
. "$root/tests/lib.sh"
t_begin code
LC_ALL=C
export LC_ALL
tmp=$(mktemp -d "${TMPDIR:-/tmp}/sitat-code.XXXXXX") || exit 2
trap 'rm -rf "$tmp"' EXIT
trap 'exit 2' HUP INT TERM

sums() { (cd "$1" && find evidence thesis -type f | sort | xargs sha256sum); }

# compare EXPECTED ACTUAL LABEL: a difference goes to $tmp/why
compare() {
	if [ "$bless" = 1 ]; then
		cmp -s "$2" "$1" 2>/dev/null || { cp "$2" "$1"; echo "  blessed $1"; }
		return
	fi
	if [ ! -f "$1" ]; then
		echo "$3: $1 is missing" >>"$tmp/why"
	elif ! cmp -s "$1" "$2"; then
		echo "$3 differs (- expected, + actual):" >>"$tmp/why"
		diff -u "$1" "$2" | sed '1,2d' >>"$tmp/why"
	fi
}

if [ $# -eq 0 ]; then
	set -- $(cd "$CASES" && ls)
fi
for name in "$@"; do
	dir=$CASES/$name
	w=$tmp/$name
	rm -rf "$w"
	mkdir -p "$w/a" "$w/b"
	cp -R "$STORE/." "$w/a/"
	cp -R "$STORE/." "$w/b/"
	: >"$tmp/why"
	sums "$w/b" >"$w/before"
	args=$(cat "$dir/cmd")
	(cd "$w/b" && eval "set -- $args" && exec "$SITAT" "$@") >"$w/stdout" 2>"$w/stderr"
	echo $? >"$w/status"
	sums "$w/b" >"$w/after"
	compare "$dir/status" "$w/status" "exit status"
	compare "$dir/stdout" "$w/stdout" "stdout"
	compare "$dir/stderr" "$w/stderr" "stderr"
	st=$(cat "$w/status")
	case " $args " in *" --dry-run "* | *" -n "*) dry=1 ;; *) dry=0 ;; esac
	if [ "$st" != 0 ] || [ "$dry" = 1 ]; then
		cmp -s "$w/before" "$w/after" ||
			echo "the store changed although the command failed or was a dry run" >>"$tmp/why"
		[ -f "$dir/diff" ] && echo "a diff is expected of a case that writes nothing" >>"$tmp/why"
	else
		(cd "$w" && diff -ru a b) | sed -e '/^--- /s/	.*//' -e '/^+++ /s/	.*//' >"$w/diff"
		compare "$dir/diff" "$w/diff" "the store's change"
		(cd "$w/b" && "$SITAT" check -q) >"$w/check" 2>&1 ||
			{ echo "sitat check fails after the change:" && cat "$w/check"; } >>"$tmp/why"
	fi
	[ "$bless" = 1 ] && continue
	t_report "$name" "$tmp/why"
done
[ "$bless" = 1 ] && exit 0
t_end
