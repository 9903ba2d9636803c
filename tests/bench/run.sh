#!/bin/sh
# shellcheck disable=SC2034,SC2154 # results are set and read through eval
# tests/bench/run.sh [--smoke] - sitat's benchmarks (issue 5, "Scale").
#
# Run from the repository root (make bench, make bench-smoke).  For each
# size - the demo store (evidence/), "medium" (100 sources, 10,000
# codings, 10 MB) and "large" (1,000 sources, 100,000 codings, 100 MB) -
# the synthetic store is generated into build/bench/SIZE/evidence (kept
# while the parameters and tests/bench/gencorpus.c are unchanged), and
# each sitat step runs against it: check, quotes, tables, bib (outputs in
# build/bench/SIZE/out/), stamp (in this repository) and audit (when
# `sitat help audit` knows it).  Also measured: the floor (read every store
# file, parse the JSON: build/bench/floor), sitat stamp against git in a
# repository with 10,000 files under evidence/ (build/bench/repo10k), and a
# no-op make after a full build of the demo, and a full `sitat build` of the
# demo with each engine (pdflatex, xelatex, lualatex; one run each).
# REFI-QDA (issue 12): sitat export of the large store to a .qdpx, sitat
# import of it into an empty store, and their floor (unzip the file and
# parse its XML with libxml2: build/bench/qdpxfloor).
# --smoke: the demo size only, no engine builds.
#
# Wall time is the best of 3 batches (GNU time %e, 10 ms resolution); a
# batch runs the step 1 to 10 times (10 for the fast rows: demo, floor,
# stamp) and the time is divided by the count.  Peak RSS (GNU time %M) is
# the largest of the batches.
# Every generator run writes a new output file (nothing "unchanged").
# Benchmarks are not tests: exit 0 unless a step fails.
set -eu

smoke=0
case ${1:-} in
--smoke) smoke=1 ;;
"") ;;
*) echo "usage: sh tests/bench/run.sh [--smoke]" >&2; exit 2 ;;
esac

root=$(pwd)
SITAT=$root/build/sitat
GEN=$root/build/gencorpus
FLOOR=$root/build/bench/floor
QFLOOR=$root/build/bench/qdpxfloor
B=$root/build/bench
TIME=/usr/bin/time

if ! [ -x "$TIME" ] || ! "$TIME" -f '%e %M' -o /dev/null true 2>/dev/null; then
	echo "bench: GNU time (/usr/bin/time) is missing; install it with" >&2
	echo "    apt-get install time" >&2
	exit 1
fi
[ -f tests/bench/run.sh ] || { echo "bench: run from the repository root" >&2; exit 2; }
[ -x "$SITAT" ] || { echo "bench: $SITAT missing (make build/sitat)" >&2; exit 2; }
mkdir -p "$B"
newer() { [ -n "$(find "$1" -newer "$2" 2>/dev/null)" ]; }
if ! [ -x "$GEN" ] || newer tests/bench/gencorpus.c "$GEN"; then
	cc -O2 -std=c11 -o "$GEN" tests/bench/gencorpus.c
fi
if ! [ -x "$FLOOR" ] || newer tests/bench/floor.c "$FLOOR"; then
	# shellcheck disable=SC2046
	cc -O2 -o "$FLOOR" tests/bench/floor.c $(pkg-config --cflags --libs libcjson)
fi

if ! [ -x "$QFLOOR" ] || newer tests/bench/qdpxfloor.c "$QFLOOR"; then
	# shellcheck disable=SC2046
	cc -O2 -o "$QFLOOR" tests/bench/qdpxfloor.c $(pkg-config --cflags --libs libzip libxml-2.0)
fi

log=$B/log
: > "$log"
tmp=$B/time.out
failed=0

# measure KEY REPEAT SCRIPT: run SCRIPT (sh, $i is the run number within
# a batch) REPEAT times per batch, 3 batches; sets KEY_wall (seconds per
# run, best batch) and KEY_rss (KB, largest).
measure() {
	key=$1 rep=$2 script=$3
	best='' rss=0
	for _ in 1 2 3; do
		[ -n "${pre:-}" ] && eval "$pre"
		if ! "$TIME" -f '%e %M' -o "$tmp" sh -c "
			i=0
			while [ \$i -lt $rep ]; do $script || exit 1; i=\$((i + 1)); done
		" >>"$log" 2>&1; then
			echo "bench: FAILED: $key: $script (see $log)" >&2
			tail -n 20 "$log" >&2
			failed=1
			eval "${key}_wall=fail ${key}_rss=0"
			return 0
		fi
		# shellcheck disable=SC2046
		set -- $(tail -n 1 "$tmp")
		best=$(awk -v b="$best" -v e="$1" -v r="$rep" \
			'BEGIN { t = e / r; if (b == "" || t < b + 0) print t; else print b }')
		[ "$2" -gt "$rss" ] && rss=$2
	done
	eval "${key}_wall=$best ${key}_rss=$rss"
}

# bytes of the files sitat reads in a store
store_bytes() {
	{ cat "$1/project.json" "$1/codebook.json"; find "$1/sources" "$1/codings" \
		-type f -exec cat {} +; } | wc -c | tr -d ' '
}

get() { eval "printf '%s' \"\${$1:-}\""; }

# ---- the stores -------------------------------------------------------------
gen_store() { # gen_store SIZE SOURCES CODINGS MB
	dir=$B/$1
	params="sources=$2 codings=$3 mb=$4 seed=1 gen=$(cksum < tests/bench/gencorpus.c)"
	if [ -f "$dir/params" ] && [ "$(cat "$dir/params")" = "$params" ] &&
	   [ -f "$dir/evidence/project.json" ]; then
		echo "bench: $1: store up to date ($dir/evidence)"
		return 0
	fi
	rm -rf "$dir"
	mkdir -p "$dir"
	echo "bench: $1: generating $2 sources, $3 codings, $4 MB"
	"$GEN" --out "$dir/evidence" --sources "$2" --codings "$3" --mb "$4" --seed 1
	echo "$params" > "$dir/params"
}

if [ $smoke = 1 ]; then
	sizes="demo"
else
	sizes="demo medium large"
	gen_store medium 100 10000 10
	gen_store large 1000 100000 100
fi

has_audit=0
"$SITAT" help audit >/dev/null 2>&1 && has_audit=1

# a full build of the demo first: audit reads its use record
# (build/thesis.sitat), and the no-op make below needs it
echo "bench: make (full build of the demo)"
made=1
if ! make >>"$log" 2>&1; then
	echo "bench: FAILED: make (see $log)" >&2
	tail -n 20 "$log" >&2
	failed=1 made=0
fi

# ---- the demo with each engine (not with --smoke) ---------------------------------
# sitat build --draft --engine E from an empty output directory: the whole
# pipeline (generate, stamp, latexmk with biber and its reruns, audit,
# LaTeX again), one run each (a run takes tens of seconds)
engines=""
[ $smoke = 0 ] && engines="pdflatex xelatex lualatex"
for e in $engines; do
	out=$B/engine-$e
	rm -rf "$out"
	echo "bench: sitat build --engine $e (full build of the demo into $out)"
	if "$TIME" -f '%e %M' -o "$tmp" "$SITAT" build -q --draft --engine "$e" -o "$out" \
		>>"$log" 2>&1; then
		# shellcheck disable=SC2046
		set -- $(tail -n 1 "$tmp")
		eval "engine_${e}_wall=\$1 engine_${e}_rss=\$2"
	else
		echo "bench: FAILED: sitat build --engine $e (see $log)" >&2
		tail -n 20 "$log" >&2
		failed=1
		eval "engine_${e}_wall=fail engine_${e}_rss=0"
	fi
done

# ---- sitat steps per size -----------------------------------------------------
for size in $sizes; do
	# runs per batch: enough for GNU time's 10 ms resolution
	case $size in
	demo) store=$root/evidence rep=10 frep=10 ;;
	medium) store=$B/$size/evidence rep=5 frep=10 ;;
	*) store=$B/$size/evidence rep=1 frep=3 ;;
	esac
	out=$B/$size/out
	mkdir -p "$out"
	eval "${size}_mb=$(store_bytes "$store" | awk '{ printf "%.1f", $1 / 1e6 }')"
	eval "${size}_files=$(( $(find "$store/sources" "$store/codings" -type f | wc -l) + 2 ))"
	echo "bench: $size: $store"
	measure "${size}_check" "$rep" "'$SITAT' check -q --store '$store'"
	for g in quotes tables bib; do
		pre="rm -f '$out'/$g.*.tex"
		measure "${size}_$g" "$rep" "'$SITAT' $g -q --store '$store' -o \"$out/$g.\$i.tex\""
	done
	# what make runs: one process checks the store and writes all three
	pre="rm -rf '$out/gen'"
	measure "${size}_generate" "$rep" "'$SITAT' generate -q --store '$store' -d '$out/gen'"
	pre=
	measure "${size}_floor" "$frep" "'$FLOOR' '$store' >/dev/null"
	if [ $has_audit = 1 ]; then
		# exit 1 (problems found) is an answer: the demo thesis cites
		# quote ids that a synthetic store lacks
		measure "${size}_audit" "$rep" "'$SITAT' audit -q --no-tex --store '$store' >/dev/null 2>&1; [ \$? -le 1 ]"
	fi
	# the generators together (quotes+tables+bib), and against the floor
	qw=$(get "${size}_quotes_wall") tw=$(get "${size}_tables_wall")
	bw=$(get "${size}_bib_wall") fw=$(get "${size}_floor_wall")
	case "$qw $tw $bw $fw" in
	*fail*) gw=fail ratio=fail ;;
	*)	gw=$(awk -v a="$qw" -v b="$tw" -v c="$bw" 'BEGIN { print a + b + c }')
		ratio=$(awk -v g="$gw" -v f="$fw" 'BEGIN { if (f > 0) printf "%.1f", g / f; else print "-" }') ;;
	esac
	grss=$(get "${size}_quotes_rss")
	for g in tables bib; do
		r=$(get "${size}_${g}_rss")
		[ "$r" -gt "$grss" ] && grss=$r
	done
	eval "${size}_gen_wall=$gw ${size}_gen_rss=$grss ${size}_ratio=$ratio"
	gw1=$(get "${size}_generate_wall")
	case "$gw1 $fw" in
	*fail*) r1=fail ;;
	*) r1=$(awk -v g="$gw1" -v f="$fw" 'BEGIN { if (f > 0) printf "%.1f", g / f; else print "-" }') ;;
	esac
	eval "${size}_gratio=$r1"
done

# stamp in this repository (independent of the store size)
echo "bench: stamp (this repository)"
measure stamp 10 "'$SITAT' stamp --json >/dev/null"

# ---- stamp against git: 10,000 files under evidence/ ----------------------------
repo=$B/repo10k
if ! [ -f "$repo/.bench-ok" ] || ! [ "$(cat "$repo/.bench-ok")" = "$(cksum < tests/bench/gencorpus.c)" ]; then
	echo "bench: creating $repo (10,000 files under evidence/)"
	rm -rf "$repo"
	mkdir -p "$repo"
	# 3,332 sources: 9,996 files, project.json, codebook.json, the README
	# and one schema: 10,000 files
	"$GEN" --out "$repo/evidence" --sources 3332 --codings 33320 --mb 30 --seed 2
	mkdir -p "$repo/evidence/schema"
	cp evidence/README.md "$repo/evidence/"
	cp evidence/schema/source.schema.json "$repo/evidence/schema/"
	cp -R bib "$repo/bib"
	mkdir -p "$repo/thesis"
	cp thesis/*.tex thesis/sitat.sty thesis/sitat-*.def "$repo/thesis/"
	[ -d thesis/kapitler ] && cp -R thesis/kapitler "$repo/thesis/"
	(
		cd "$repo"
		git init -q
		git add -A
		GIT_AUTHOR_NAME=bench GIT_AUTHOR_EMAIL=bench@example.org \
		GIT_COMMITTER_NAME=bench GIT_COMMITTER_EMAIL=bench@example.org \
			git commit -q -m "bench: 10,000 files under evidence/"
	)
	cksum < tests/bench/gencorpus.c > "$repo/.bench-ok"
fi
repo_files=$(cd "$repo" && git ls-files evidence | wc -l | tr -d ' ')
# warm up: the first status refreshes the index (racily clean entries)
(cd "$repo" && git status --porcelain >/dev/null && "$SITAT" stamp --json >/dev/null)
echo "bench: stamp vs git in $repo ($repo_files files under evidence/)"
measure git10k 10 "cd '$repo' && git status --porcelain >/dev/null; git rev-parse HEAD >/dev/null"
measure stamp10k 10 "cd '$repo' && '$SITAT' stamp --json >/dev/null"

# ---- no-op make -------------------------------------------------------------------
echo "bench: no-op make"
if [ $made = 1 ] && make >>"$log" 2>&1; then
	measure make 5 "make >/dev/null 2>&1"
else
	make_wall=fail make_rss=0
fi

# ---- sitat code on a 1 MB source (issue 11) -----------------------------------------
# a one-source store: a hard-wrapped 1 MB transcript that ends with ten
# passages "... sa nummer N" + line break + "og det var nytt"; run i codes
# passage i from the quote pasted as one line (found across the line
# break), writing the codings file each time (the file is reset per batch)
cs=$B/code1mb
if ! [ -f "$cs/evidence/sources/I1.txt" ]; then
	echo "bench: creating $cs (a 1 MB transcript)"
	rm -rf "$cs"
	mkdir -p "$cs/evidence/sources" "$cs/evidence/codings"
	printf '{\n  "format": "sitat-store/1",\n  "title": "Bench",\n  "author": "Bench",\n  "language": "nb",\n  "research_questions": [\n    {\n      "id": "rq1",\n      "label": "Bench",\n      "question": "Hvor raskt?"\n    }\n  ],\n  "audit": {}\n}\n' >"$cs/evidence/project.json"
	printf '{\n  "format": "sitat-codebook/1",\n  "codes": [\n    {\n      "id": "kode",\n      "name": "Kode",\n      "description": "Bench.",\n      "rq": [\n        "rq1"\n      ]\n    }\n  ]\n}\n' >"$cs/evidence/codebook.json"
	printf '{\n  "format": "sitat-source/1",\n  "id": "I1",\n  "kind": "interview",\n  "label": "Informant 1",\n  "date": "2022",\n  "text": "I1.txt"\n}\n' >"$cs/evidence/sources/I1.json"
	printf '{\n  "format": "sitat-codings/1",\n  "source": "I1",\n  "unit": "codepoint-nfc",\n  "segments": []\n}\n' >"$cs/I1.json.orig"
	awk 'BEGIN {
		for (n = 1; bytes < 1000000; n++) {
			l = sprintf("INF: dette er linje %d i et langt intervju om samskaping og ledelse.", n)
			print l; bytes += length(l) + 1
		}
		for (k = 0; k < 10; k++) {
			print "INF: vi måtte liksom lære oss å spørre først, sa nummer " k
			print "og det var nytt."
		}
	}' >"$cs/evidence/sources/I1.txt"
fi
cs_bytes=$(wc -c <"$cs/evidence/sources/I1.txt" | tr -d ' ')
echo "bench: sitat code on a $cs_bytes-byte source ($cs)"
pre="cp '$cs/I1.json.orig' '$cs/evidence/codings/I1.json'"
measure code1mb 10 "'$SITAT' code -q --store '$cs/evidence' I1 --codes kode --text \"spørre først, sa nummer \$i og det var nytt\" >/dev/null 2>&1"
pre=

# ---- sitat add document on a 300-page PDF (issue 11) ---------------------------------
# pdflatex makes a 300-page report once (10 pages of roman front matter,
# then 290 arabic, about 2,400 characters a page; hyperref's page labels);
# run i adds it to a store without sources as D<i+1> (text per page and the
# labels through poppler, normalised, checked in memory, written; the store
# is reset per batch), against pdftotext on the same file
ap=$B/add300
if ! [ -f "$ap/report.pdf" ] || ! [ -f "$ap/evidence/project.json" ]; then
	echo "bench: creating $ap (a 300-page PDF, pdflatex)"
	rm -rf "$ap"
	mkdir -p "$ap/evidence/sources" "$ap/evidence/codings"
	printf '{\n  "format": "sitat-store/1",\n  "title": "Bench",\n  "author": "Bench",\n  "language": "nb",\n  "research_questions": [\n    {\n      "id": "rq1",\n      "label": "Bench",\n      "question": "Hvor raskt?"\n    }\n  ],\n  "audit": {}\n}\n' >"$ap/evidence/project.json"
	printf '{\n  "format": "sitat-codebook/1",\n  "codes": [\n    {\n      "id": "kode",\n      "name": "Kode",\n      "description": "Bench.",\n      "rq": [\n        "rq1"\n      ]\n    }\n  ]\n}\n' >"$ap/evidence/codebook.json"
	awk 'BEGIN {
		print "\\documentclass{article}\\usepackage[T1]{fontenc}\\usepackage{lmodern}\\usepackage{hyperref}"
		print "\\begin{document}\\pagenumbering{roman}"
		for (p = 1; p <= 300; p++) {
			if (p == 11) print "\\pagenumbering{arabic}"
			for (k = 0; k < 3; k++)
				printf "Side %d, avsnitt %d: kommunen har over flere år arbeidet med samskaping, " \
				       "tillitsbasert ledelse og nye måter å møte innbyggerne på. Rapporten " \
				       "beskriver hva som ble gjort, hva det kostet, og hva de ansatte og " \
				       "innbyggerne selv sier om det i etterkant av prosjektperioden. " \
				       "Tiltakene ble evaluert fortløpende og justert underveis.\n\n", p, k
			print "\\newpage"
		}
		print "\\end{document}"
	}' >"$ap/report.tex"
	(cd "$ap" && pdflatex -interaction=batchmode report.tex && pdflatex -interaction=batchmode report.tex) >>"$log" 2>&1 ||
		{ echo "bench: FAILED: pdflatex $ap/report.tex (see $log)" >&2; failed=1; }
fi
if [ -f "$ap/report.pdf" ]; then
	ap_pages=$(pdfinfo "$ap/report.pdf" 2>/dev/null | sed -n 's/^Pages: *//p')
	echo "bench: sitat add document on a $ap_pages-page PDF ($ap)"
	pre="rm -f '$ap'/evidence/sources/D* '$ap'/evidence/codings/D*"
	measure add300 3 "'$SITAT' add -q --store '$ap/evidence' document '$ap/report.pdf' --id D\$((i + 1)) --title Rapport >/dev/null"
	pre=
	measure pdftotext300 3 "pdftotext '$ap/report.pdf' '$ap/pdftotext.txt'"
else
	add300_wall=fail pdftotext300_wall=fail
fi

# ---- sitat reanchor on the large store (issue 11) ------------------------------------
# the large store committed in a git repository, then one line inserted at
# the top of every one of its 1,000 texts (not committed): reanchor moves
# every anchor through the history and writes the 1,000 codings files (the
# codings are reset from the commit per batch); then sitat check on the
# result must say 0 errors, 0 warnings (every anchor moved correctly)
ra=$B/reanchor
ra_ok=fail
if [ $smoke = 0 ]; then
	if ! [ -f "$ra/.bench-ok" ] || ! [ "$(cat "$ra/.bench-ok")" = "$(cat "$B/large/params")" ]; then
		echo "bench: creating $ra (the large store in git, a line at the top of each text)"
		rm -rf "$ra"
		mkdir -p "$ra"
		cp -R "$B/large/evidence" "$ra/evidence"
		(
			cd "$ra"
			git init -q
			git add -A
			GIT_AUTHOR_NAME=bench GIT_AUTHOR_EMAIL=bench@example.org \
			GIT_COMMITTER_NAME=bench GIT_COMMITTER_EMAIL=bench@example.org \
				git commit -q -m "bench: the large store"
			for f in evidence/sources/*.txt; do
				{ echo "INT: (En linje lagt til øverst.)"; cat "$f"; } >"$f.new" && mv "$f.new" "$f"
			done
		) >>"$log" 2>&1
		cat "$B/large/params" > "$ra/.bench-ok"
	fi
	echo "bench: sitat reanchor on $ra (1,000 texts, one line inserted at the top of each)"
	pre="git -C '$ra' checkout -q -- evidence/codings"
	measure reanchor 1 "'$SITAT' reanchor -q --store '$ra/evidence' >/dev/null 2>>'$log'"
	pre=
	if "$SITAT" check --store "$ra/evidence" 2>>"$log" | grep -q ': 0 errors, 0 warnings$'; then
		ra_ok=1
	else
		ra_ok=0
	fi
fi

# ---- REFI-QDA: sitat export and sitat import of the large store (issue 12) ----------
# sitat export writes the large store (the demo's with --smoke) as a
# .qdpx; sitat import reads that file into an empty store (a project of
# sitat init's, no sources and no codes, copied afresh for every run
# before its batch, so that the import writes project.json from the
# sidecar too); the floor: unzip every entry of the file into memory
# and parse its XML with libxml2 (build/bench/qdpxfloor).  After the
# last run the imported store must equal the exported one, file by file
# (the round trip of issue 12).
rf=$B/refi
rm -rf "$rf"
mkdir -p "$rf"
if [ $smoke = 1 ]; then
	rs=$root/evidence rfrep=5
else
	rs=$B/large/evidence rfrep=1
fi
refi_ok=fail
if "$SITAT" init -q "$rf/empty" >>"$log" 2>&1; then
	rm -rf "$rf/empty/.git"
	echo "bench: sitat export and import of $rs ($rf)"
	pre="rm -f '$rf'/out.*.qdpx"
	measure refi_export "$rfrep" "'$SITAT' export -q --store '$rs' '$rf/out.'\$i'.qdpx'"
	pre=
	if [ -f "$rf/out.0.qdpx" ]; then
		mv "$rf/out.0.qdpx" "$rf/store.qdpx"
		rm -f "$rf"/out.*.qdpx
		refi_bytes=$(wc -c <"$rf/store.qdpx" | tr -d ' ')
		# each run imports into a fresh copy of the empty project, made
		# before its batch (not timed), never where a store was just
		# deleted (ext4 then scans for the inodes it may not reuse yet)
		n=0
		pre="n=\$((n + 1)); k=0; while [ \$k -lt $rfrep ]; do cp -R '$rf/empty' '$rf/imp.'\$n.\$k; k=\$((k + 1)); done; echo \$n >'$rf/batch'"
		measure refi_import "$rfrep" "'$SITAT' import -q --store '$rf/imp.'\$(cat '$rf/batch').\$i/evidence '$rf/store.qdpx' >/dev/null 2>>'$log'"
		pre=
		mv "$rf/imp.$n.0" "$rf/imp"
		rm -rf "$rf"/imp.*
		measure refi_floor 3 "'$QFLOOR' '$rf/store.qdpx' >/dev/null"
		refi_ok=0 refi_ndiff=
		if [ "${refi_import_wall:-fail}" != fail ]; then
			diff -r -x README.md -x schema -x .gitkeep "$rs" "$rf/imp/evidence" >"$rf/roundtrip.diff" 2>&1 &&
				refi_ok=1
			refi_ndiff=$(grep -c '^diff ' "$rf/roundtrip.diff" || true)
		fi
	else
		refi_import_wall=fail refi_floor_wall=fail
	fi
else
	echo "bench: FAILED: sitat init $rf/empty (see $log)" >&2
	failed=1 refi_export_wall=fail refi_import_wall=fail refi_floor_wall=fail
fi

# ---- the table --------------------------------------------------------------------
cell() { # cell KEY: "wall s  rss MB"
	eval "w=\${${1}_wall:-} r=\${${1}_rss:-0}"
	if [ -z "$w" ]; then printf '%-21s' "-"
	elif [ "$w" = fail ]; then printf '%-21s' "FAILED"
	else awk -v w="$w" -v r="$r" 'BEGIN { printf "%8.3f s %7.1f MB ", w, r * 1024 / 1e6 }'
	fi
}
lm() { # lm STEP: large/medium wall
	eval "a=\${large_${1}_wall:-} b=\${medium_${1}_wall:-}"
	case "$a$b" in *fail*) printf '  -' ; return ;; esac
	if [ -n "$a" ] && [ -n "$b" ]; then
		awk -v a="$a" -v b="$b" \
			'BEGIN { if (b > 0) printf "%6.1fx", a / b; else printf "     -" }'
	fi
}

echo
echo "sitat benchmark - $(nproc) CPU, $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)"
echo "wall: best of 3 (seconds per run); RSS: peak resident set; MB = 10^6 bytes"
printf '%-18s' "step"
for size in $sizes; do printf '| %-21s' "$size"; done
[ $smoke = 0 ] && printf '| %s' "large/medium"
echo
printf '%-18s' "corpus"
for size in $sizes; do
	eval "printf '| %-21s' \"\${${size}_mb} MB, \${${size}_files} files\""
done
[ $smoke = 0 ] && awk -v a="$large_mb" -v b="$medium_mb" 'BEGIN { printf "| %6.1fx", a / b }'
echo
steps="check quotes tables bib gen generate floor"
[ $has_audit = 1 ] && steps="$steps audit"
for step in $steps; do
	case $step in gen) label="quotes+tables+bib" ;; generate) label="generate (all 3)" ;; *) label=$step ;; esac
	printf '%-18s' "$label"
	for size in $sizes; do printf '| '; cell "${size}_$step"; done
	[ $smoke = 0 ] && { printf '| '; lm "$step"; }
	echo
done
printf '%-18s' "gen / floor"
for size in $sizes; do eval "printf '| %-21s' \"\${${size}_ratio}x\""; done
echo
printf '%-18s' "generate / floor"
for size in $sizes; do eval "printf '| %-21s' \"\${${size}_gratio}x\""; done
echo
[ $has_audit = 0 ] && echo "audit             | skipped (sitat has no audit command)"
echo
printf '%-30s' "stamp (this repository)"; cell stamp; echo
printf '%-30s' "git status + rev-parse (10k)"; cell git10k; echo
printf '%-30s' "sitat stamp --json (10k)"; cell stamp10k; echo
if [ "${git10k_wall}" != fail ] && [ "${stamp10k_wall}" != fail ]; then
	awk -v s="$stamp10k_wall" -v g="$git10k_wall" \
		'BEGIN { printf "%-30s%8.2fx git\n", "stamp / git", (g > 0 ? s / g : 0) }'
fi
printf '%-30s' "no-op make"; cell make; echo
printf '%-30s' "add document, 300-page PDF"; cell add300; echo
printf '%-30s' "pdftotext, the same PDF"; cell pdftotext300; echo
printf '%-30s' "code, 1 MB source"; cell code1mb; echo
[ $smoke = 0 ] && { printf '%-30s' "reanchor, large, line at top"; cell reanchor; echo; }
rfname=large
[ $smoke = 1 ] && rfname=demo
printf '%-30s' "export qdpx, $rfname"; cell refi_export; echo
printf '%-30s' "import qdpx, $rfname"; cell refi_import; echo
printf '%-30s' "unzip + parse XML (floor)"; cell refi_floor; echo
for e in $engines; do
	printf '%-30s' "demo build, $e"; cell "engine_$e"; echo
done

# ---- the targets of issue 5 ------------------------------------------------------
verdict() { # verdict OK TEXT (OK: 1 met, 0 missed, - not applicable)
	case $1 in 1) echo "  met     $2" ;; -) echo "  (n/a)   $2" ;; *) echo "  MISSED  $2" ;; esac
}
if [ $smoke = 0 ] && [ "$large_gen_wall" != fail ]; then
	echo
	echo "targets (issue 5), at the large size:"
	lg=$(get large_generate_wall)
	ok=$(awk -v g="$lg" 'BEGIN { print (g <= 1.5) }')
	verdict "$ok" "all generated LaTeX (sitat generate) <= 1.5 s: $lg s"
	ok=$(awk -v r="$large_gratio" 'BEGIN { print (r <= 3) }')
	verdict "$ok" "all generated LaTeX (sitat generate) <= 3x floor: ${large_gratio}x"
	m=0
	for k in check quotes tables bib generate; do
		r=$(get "large_${k}_rss")
		[ "$r" -gt "$m" ] && m=$r
	done
	x=$(awk -v m="$m" -v c="$large_mb" 'BEGIN { printf "%.2f", m * 1024 / (c * 1e6) }')
	ok=$(awk -v x="$x" 'BEGIN { print (x <= 3) }')
	verdict "$ok" "peak RSS <= 3x corpus: $(awk -v m="$m" 'BEGIN { printf "%.1f", m * 1024 / 1e6 }') MB for $large_mb MB (${x}x)"
	if [ "$git10k_wall" != fail ] && [ "$stamp10k_wall" != fail ]; then
		ok=$(awk -v s="$stamp10k_wall" -v g="$git10k_wall" 'BEGIN { print (s <= g) }')
		verdict "$ok" "stamp no slower than git: $stamp10k_wall s vs $git10k_wall s"
	fi
	if [ "$make_wall" != fail ]; then
		ok=$(awk -v w="$make_wall" 'BEGIN { print (w <= 0.2) }')
		verdict "$ok" "no-op make <= 0.2 s: $make_wall s"
	fi
	# linear: each step's large/medium time within 0.67..1.5 of the size ratio
	worst=$(for k in check quotes tables bib generate; do
		a=$(get "large_${k}_wall") b=$(get "medium_${k}_wall")
		awk -v a="$a" -v b="$b" -v sa="$large_mb" -v sb="$medium_mb" \
			'BEGIN { if (b > 0) printf "%.2f\n", (a / b) / (sa / sb) }'
	done | sort -n | awk 'NR == 1 { lo = $1 } { hi = $1 } END { print lo, hi }')
	ok=$(echo "$worst" | awk '{ print ($1 >= 0.67 && $2 <= 1.5) }')
	verdict "$ok" "linear: (time ratio)/(size ratio), large vs medium, per step: $(echo "$worst" | tr ' ' '-')"
fi

if [ "${code1mb_wall:-fail}" != fail ]; then
	echo
	echo "targets (issue 11):"
	ok=$(awk -v w="$code1mb_wall" 'BEGIN { print (w <= 0.05) }')
	verdict "$ok" "sitat code on a 1 MB source <= 50 ms: $(awk -v w="$code1mb_wall" 'BEGIN { printf "%.0f", w * 1000 }') ms"
fi

if [ $smoke = 0 ] && [ "${reanchor_wall:-fail}" != fail ]; then
	echo
	echo "targets (issue 11, sitat reanchor):"
	ok=$(awk -v w="$reanchor_wall" -v c="$ra_ok" 'BEGIN { print (w <= 2 && c == 1) }')
	verdict "$ok" "sitat reanchor, large store, a line inserted at the top of all 1,000 texts <= 2 s, and check clean after it: $reanchor_wall s, check $( [ "$ra_ok" = 1 ] && echo clean || echo "NOT clean")"
fi

if [ "${refi_floor_wall:-fail}" != fail ]; then
	echo
	echo "targets (issue 12, REFI-QDA, the $rfname store as a ${refi_bytes:-?}-byte .qdpx):"
	for k in export import; do
		w=$(get "refi_${k}_wall")
		if [ "$w" = fail ]; then
			verdict 0 "sitat $k: FAILED"
			continue
		fi
		r=$(awk -v a="$w" -v f="$refi_floor_wall" 'BEGIN { printf "%.2f", (f > 0 ? a / f : 0) }')
		ok=$(awk -v w="$w" -v r="$r" 'BEGIN { print (w <= 3 && r <= 3) }')
		# the targets are the large store's (a demo run is mostly start-up)
		[ $smoke = 1 ] && ok=-
		verdict "$ok" "sitat $k <= 3 s and <= 3x the floor (unzip + parse XML, $(awk -v f="$refi_floor_wall" 'BEGIN { printf "%.3f", f }') s): $w s (${r}x)"
	done
	verdict "$refi_ok" "import(export(store)) = store, file by file: $( [ "$refi_ok" = 1 ] && echo identical || echo "${refi_ndiff:-?} files differ ($rf/roundtrip.diff)")"
fi

if [ "${add300_wall:-fail}" != fail ] && [ "${pdftotext300_wall:-fail}" != fail ]; then
	echo
	echo "targets (issue 11, sitat add):"
	r=$(awk -v a="$add300_wall" -v p="$pdftotext300_wall" 'BEGIN { printf "%.2f", (p > 0 ? a / p : 0) }')
	ok=$(awk -v r="$r" 'BEGIN { print (r <= 2) }')
	verdict "$ok" "sitat add document on a ${ap_pages:-300}-page PDF <= 2x pdftotext: $add300_wall s vs $pdftotext300_wall s (${r}x)"
fi

if [ $failed = 1 ]; then
	echo "bench: some steps FAILED (see $log)" >&2
	exit 1
fi
exit 0
