#!/bin/sh
# tests/golden/run.sh - the golden (regress) tests of sitat.
#
#   sh tests/golden/run.sh SITAT [CASE...]           run the cases
#   sh tests/golden/run.sh --bless SITAT [CASE...]   rewrite expected files
#
# Run from the repository root (`make test-golden` does): the paths in
# the expected diagnostics are relative to it.  Each directory
# tests/golden/cases/NAME/ is one case; see tests/golden/README.md.
# Cases named in tests/golden/KNOWN-FAILING (one per line) are known bugs:
# when they fail they are reported as XFAIL and do not fail the run.
# Counting and the closing line come from tests/lib.sh.

GOLDEN=tests/golden
CASES=$GOLDEN/cases
KNOWN=$GOLDEN/KNOWN-FAILING
GENS="quotes:quotes.tex tables:tables.tex bib:sitat.bib"

bless=0
if [ "${1-}" = --bless ]; then
	bless=1
	shift
fi
if [ $# -lt 1 ]; then
	echo "usage: sh $GOLDEN/run.sh [--bless] SITAT [CASE...]" >&2
	exit 2
fi
SITAT=$1
shift
if [ ! -d "$CASES" ]; then
	echo "run.sh: no $CASES here; run from the repository root" >&2
	exit 2
fi
if [ ! -x "$SITAT" ]; then
	echo "run.sh: $SITAT is not an executable (build it: make build/sitat)" >&2
	exit 2
fi

TMP=$(mktemp -d "${TMPDIR:-/tmp}/sitat-golden.XXXXXX") || exit 2
trap 'rm -rf "$TMP"' EXIT
trap 'exit 2' HUP INT TERM
. tests/lib.sh
t_begin golden "$KNOWN"

# Silence sanitizer-free shells' locale noise; the tool itself is locale-
# independent, but diff output should be stable.
LC_ALL=C
export LC_ALL

# Problems of the current case are appended to $TMP/why.
note() {
	printf '%s\n' "$*" >>"$TMP/why"
}

# compare EXPECTED ACTUAL LABEL
compare() {
	if [ ! -f "$1" ]; then
		note "$3: $1 is missing"
	elif ! cmp -s "$1" "$2"; then
		note "$3 differs (- expected, + actual):"
		diff -u "$1" "$2" | sed '1,2d' >>"$TMP/why"
	fi
}

# bless_file SOURCE TARGET: copy only when different, and say so.
bless_file() {
	if ! cmp -s "$1" "$2" 2>/dev/null; then
		mkdir -p "$(dirname "$2")"
		cp "$1" "$2"
		echo "  blessed $2"
	fi
}

run_case() {
	dir=$CASES/$1
	ev=$dir/evidence
	: >"$TMP/why"

	"$SITAT" check --store "$ev" >"$TMP/stdout" 2>"$TMP/diag"
	status=$?
	"$SITAT" check --json --store "$ev" >"$TMP/json" 2>/dev/null

	if [ "$bless" = 1 ]; then
		bless_file "$TMP/diag" "$dir/expected.diag"
		echo "$status" >"$TMP/status"
		bless_file "$TMP/status" "$dir/expected.status"
		[ -f "$dir/expected.json" ] && bless_file "$TMP/json" "$dir/expected.json"
	fi

	if [ -f "$dir/expected.status" ]; then
		read -r want <"$dir/expected.status"
	else
		want=missing
		note "expected.status is missing"
	fi
	[ "$status" = "$want" ] ||
		note "check: exit status $status, expected $want"
	compare "$dir/expected.diag" "$TMP/diag" "check: stderr"
	[ -f "$dir/expected.json" ] &&
		compare "$dir/expected.json" "$TMP/json" "check --json: stdout"

	for g in $GENS; do
		cmd=${g%%:*}
		file=${g#*:}
		rm -rf "$TMP/out"
		mkdir "$TMP/out"
		"$SITAT" "$cmd" --store "$ev" -o "$TMP/out/$file" -q \
			>/dev/null 2>"$TMP/gen.err"
		gst=$?
		case $want in
		1 | 2)
			[ "$gst" = "$want" ] ||
				note "$cmd: exit status $gst, expected $want"
			if [ -n "$(ls -A "$TMP/out")" ]; then
				note "$cmd: wrote files although the store has errors:"
				ls -A "$TMP/out" | sed 's/^/    /' >>"$TMP/why"
			fi
			;;
		*)
			if [ "$gst" != 0 ]; then
				note "$cmd: exit status $gst, expected 0; stderr:"
				sed 's/^/    /' "$TMP/gen.err" >>"$TMP/why"
			elif [ ! -f "$TMP/out/$file" ]; then
				note "$cmd: exit status 0 but $file was not written"
			else
				[ "$bless" = 1 ] && [ -f "$dir/expected/$file" ] &&
					bless_file "$TMP/out/$file" "$dir/expected/$file"
				[ -f "$dir/expected/$file" ] &&
					compare "$dir/expected/$file" "$TMP/out/$file" "$cmd: $file"
			fi
			;;
		esac
	done

	# sitat generate: the same files in one pass, or nothing at all
	rm -rf "$TMP/gen"
	mkdir "$TMP/gen"
	"$SITAT" generate --store "$ev" -d "$TMP/gen" -q >/dev/null 2>"$TMP/gen.err"
	gst=$?
	case $want in
	1 | 2)
		[ "$gst" = "$want" ] || note "generate: exit status $gst, expected $want"
		[ -z "$(ls -A "$TMP/gen")" ] || note "generate: wrote files although the store has errors"
		;;
	*)
		[ "$gst" = 0 ] || note "generate: exit status $gst, expected 0"
		for g in $GENS; do
			file=${g#*:}
			[ -f "$dir/expected/$file" ] &&
				compare "$dir/expected/$file" "$TMP/gen/$file" "generate: $file"
		done
		;;
	esac
}

if [ $# -gt 0 ]; then
	names=$*
else
	names=
	for d in "$CASES"/*/; do
		[ -d "$d" ] || continue
		d=${d%/}
		names="$names ${d##*/}"
	done
fi

for name in $names; do
	if [ ! -d "$CASES/$name/evidence" ] && [ ! -f "$CASES/$name/expected.status" ]; then
		t_fail "$name" "no such case"
		continue
	fi
	if [ "$bless" = 1 ] && t_is_known "$name"; then
		# Never bless a known bug's output over the correct expectation.
		t_skip "$name" "in KNOWN-FAILING; its expected files are written by hand"
		continue
	fi
	run_case "$name"
	t_report "$name" "$TMP/why"
done
t_end
