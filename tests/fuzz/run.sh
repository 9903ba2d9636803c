#!/bin/sh
# tests/fuzz/run.sh SECONDS DIR [TARGET...] - run the libFuzzer targets
# built in DIR (make fuzz-build puts them in build/fuzz/) for SECONDS each,
# one after the other.  `make fuzz FUZZTIME=600` builds and calls this.
#
# Each target starts from its committed seeds (tests/fuzz/corpus/TARGET/)
# plus files from the test suites (golden stores, audit records, the
# hostile quotes), copied into DIR/corpus/TARGET/, which keeps what the
# fuzzer finds between runs (the repository never changes).  A crash, leak
# or failed oracle leaves its input as DIR/crashes/TARGET-crash-HASH
# (reproduce: DIR/fuzz_TARGET FILE), the log as DIR/TARGET.log, and fails
# the run.  Prints per target: runs, runs a second, crashes, coverage.
# Not part of `make test`: it needs clang and time.  docs/testing.md.
set -u
[ $# -ge 2 ] || { echo "usage: sh tests/fuzz/run.sh SECONDS DIR [TARGET...]" >&2; exit 2; }
secs=$1 dir=$2
shift 2
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root" || exit 2
. tests/lib.sh
t_begin fuzz
targets=${*:-"text source json escape record leakcheck store find uses"}
# A smaller ASan quarantine and shorter allocation stacks: about a third
# faster here, with use-after-free still caught within the last 64 MB freed.
ASAN_OPTIONS=${ASAN_OPTIONS:-quarantine_size_mb=64:malloc_context_size=8}
export ASAN_OPTIONS
mkdir -p "$dir/crashes"

# put CORPUS PREFIX FILE...: each regular FILE as CORPUS/PREFIX-N, through
# $filter (cat, or a command that cuts or wraps it)
filter=cat
put() {
	c=$1 p=$2 i=0
	shift 2
	for f in "$@"; do
		[ -f "$f" ] || continue
		i=$((i + 1))
		$filter "$f" >"$c/$p-$i"
	done
}
head16k() { head -c 16384 "$1"; }
nul_first() { printf '\000'; cat "$1"; } # fuzz_store.c: byte 0 picks the file

# seed TARGET CORPUS: what the test suites give each target
seed() {
	filter=cat
	case $1 in
	text | json) put "$2" golden tests/golden/cases/*/evidence/*.json \
		tests/golden/cases/*/evidence/*/*.json ;;
	source) filter=head16k put "$2" golden tests/golden/cases/*/evidence/sources/*.txt \
		evidence/sources/*.txt ;;
	escape)
		i=0
		while IFS= read -r line; do
			i=$((i + 1))
			printf '%s' "$line" >"$2/hostile-$i"
		done <tests/e2e/hostile/expected.txt ;;
	record) put "$2" audit tests/audit/cases/*/thesis.sitat \
		tests/audit/e2e/expected-record.sitat ;;
	store) filter=nul_first put "$2" codings tests/golden/cases/*/evidence/codings/*.json ;;
	esac
}

for t in $targets; do
	bin=$dir/fuzz_$t
	if [ ! -x "$bin" ]; then
		t_fail "$t" "$bin is not built (make fuzz-build)"
		continue
	fi
	corpus=$dir/corpus/$t
	mkdir -p "$corpus"
	[ -d "tests/fuzz/corpus/$t" ] && cp tests/fuzz/corpus/"$t"/* "$corpus/" 2>/dev/null
	seed "$t" "$corpus"
	rm -f "$dir/crashes/$t-"*
	log=$dir/$t.log
	echo "fuzz: $t for $secs s ($(ls "$corpus" | wc -l) inputs in $corpus)"
	"$bin" -max_total_time="$secs" -max_len=16384 -timeout=10 \
		-print_final_stats=1 -artifact_prefix="$dir/crashes/$t-" \
		"$corpus" >"$log" 2>&1
	st=$?
	runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
	took=$(sed -n 's/^Done [0-9]* runs in \([0-9]*\) second.*/\1/p' "$log" | tail -n 1)
	cov=$(grep -o 'cov: [0-9]*' "$log" | tail -n 1)
	crashes=$(ls "$dir/crashes/$t-"* 2>/dev/null | wc -l)
	[ -n "$runs" ] || runs=$(sed -n 's/^#\([0-9]*\).*/\1/p' "$log" | tail -n 1)
	if [ -n "$took" ] && [ "$took" -gt 0 ]; then
		echo "fuzz: $t: $runs runs in $took s ($((runs / took))/s), $crashes crashes, $cov"
	else
		echo "fuzz: $t: stopped after ${runs:-0} runs, $crashes crashes, $cov"
	fi
	if [ "$st" = 0 ] && [ "$crashes" = 0 ]; then
		t_pass "$t"
	else
		t_fail "$t" "exit $st; inputs: $(ls "$dir/crashes/$t-"* 2>/dev/null | tr '\n' ' ')" \
			"$(grep -m1 -B2 -A12 'ERROR: \|fuzz check failed\|runtime error' "$log" | head -30)"
	fi
done
t_end
