#!/bin/sh
# tests/fuzz/run.sh [SECONDS] - build the libFuzzer targets with clang
# (ASan + UBSan) and run each for SECONDS (default 60), seeded from the
# golden cases.  Not part of `make test` (it needs clang and time); run it
# with `make fuzz` or `make fuzz FUZZTIME=600`.  A crash leaves its input in
# build/fuzz/ and makes the script exit 1.
set -eu
secs=${1:-60}
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
command -v clang >/dev/null || { echo "fuzz: clang is needed (apt-get install clang)" >&2; exit 2; }
out=build/fuzz
mkdir -p "$out"
srcs=$(ls tools/src/*/*.c | grep -v '^tools/src/cmd/')
flags="-g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined -pthread -Itools/src $(pkg-config --cflags libgit2 libcjson libutf8proc)"
libs="$(pkg-config --libs libgit2 libcjson libutf8proc libcrypto) -lm"
fail=0
for t in text escape store; do
	echo "fuzz: building fuzz_$t"
	# shellcheck disable=SC2086
	clang $flags -o "$out/fuzz_$t" "tests/fuzz/fuzz_$t.c" $srcs $libs
	corpus=$out/corpus_$t
	mkdir -p "$corpus"
	case $t in
	text) find tests/golden/cases -name '*.txt' -size -64k -exec cp {} "$corpus/" \; 2>/dev/null || : ;;
	escape) cp tests/e2e/hostile/expected.txt "$corpus/" ;;
	store) i=0; for f in tests/golden/cases/*/evidence/codings/*.json; do
		i=$((i + 1)); { printf '\000'; cat "$f"; } > "$corpus/c$i"; done ;;
	esac
	echo "fuzz: running fuzz_$t for $secs s"
	if ! (cd "$out" && "./fuzz_$t" -max_total_time="$secs" -max_len=65536 \
		-print_final_stats=1 "corpus_$t" >"fuzz_$t.log" 2>&1); then
		echo "fuzz: fuzz_$t FAILED (see $out/fuzz_$t.log and $out/crash-*)"
		tail -30 "$out/fuzz_$t.log"
		fail=1
	else
		grep -E 'stat::number_of_executed_units|cov:' "$out/fuzz_$t.log" | tail -2
	fi
done
rm -rf /tmp/sitat-fuzz-*
exit $fail
