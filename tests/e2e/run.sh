#!/bin/sh
# tests/e2e/run.sh SITAT - end-to-end tests with the real TeX engines.
#  1. hostile: a thesis printing every quote of tests/e2e/hostile/evidence
#     (TeX specials, ligature traps, ^^ notation, \input, \end{document},
#     unbalanced braces, %, characters the font lacks) and the cases of
#     issue 10 (tests/e2e/cases.py: dashes next to hyphens, quote marks next
#     to ? ! , < > and each other, a bidi override, combining marks, Arabic,
#     Hebrew, Chinese, Japanese, Cyrillic, Greek, emoji, a 1,000-letter word,
#     40 placeholders in a row, no-break and zero-width spaces, a URL),
#     built with each engine of $E2E_ENGINES (default: pdflatex xelatex
#     lualatex, all at once).  For each: the PDF text (pdftotext) shows
#     every quote as that engine must print it (cases.py says how), in the
#     display quotes and inline, the document reaches its end, no word is
#     beyond the text block (pdfbox.py on pdftotext -bbox), and the log has
#     no Overfull \hbox and no Missing character.
#  2. big: `sitat check' takes a quote of $E2E_QUOTE_LIMIT bytes and
#     refuses one byte more and a 1 MB quote, naming the file and the
#     segment; the one it takes typesets (across pages) with each engine
#     and comes back whole (hostile/big.tex); no generated file has a line
#     over 4096 bytes (those quotes, a code with 100,000 segments).
#  3. demo: thesis.pdf next to SITAT (built by make) shows quotes from all sources,
#     a table per research question and the matrix.
# Runs from the repo root; writes only into a temporary directory
# (KEEP=1 keeps it and prints its name).
set -eu
SITAT=${1:?usage: run.sh SITAT}
case $SITAT in /*) ;; *) SITAT=$(pwd)/$SITAT ;; esac
root=$(pwd)
engines=${E2E_ENGINES:-pdflatex xelatex lualatex}
# sitat check's limit of one quote in bytes (docs/store-text.md)
limit=${E2E_QUOTE_LIMIT:-262144}
tmp=$(mktemp -d)
trap '[ -n "${KEEP-}" ] && echo "kept $tmp" || rm -rf "$tmp"' EXIT
. "$root/tests/lib.sh"
t_begin e2e "$root/tests/e2e/KNOWN-FAILING"
# Problems of the current check are appended to $tmp/why (t_report).
note() { printf '%s\n' "$*" >>"$tmp/why"; }
report() { t_report "$1" "$tmp/why"; : >"$tmp/why"; }
: >"$tmp/why"
h=$root/tests/e2e/hostile
py() { python3 "$root/tests/e2e/$@"; }

# Squeeze the PDF text to compare it with the store: NFKC (the ellipsis
# as three periods, as T1 typesets it; LuaLaTeX's PDF gives 漢 back as
# the compatibility ideograph U+FA47), no white space.
squeeze() {
	python3 -c 'import sys, unicodedata
s = unicodedata.normalize("NFKC", sys.stdin.read())
sys.stdout.write("".join(c for c in s if not c.isspace()))'
}

# run_engine ENGINE NAME: one run on NAME.tex in the current directory,
# its output appended to engine.out
run_engine() {
	"$1" -interaction=nonstopmode -halt-on-error "$2.tex" >>engine.out 2>&1 </dev/null
}

# why_failed STATUS LOG OUT: why an engine run failed, for t_fail
why_failed() {
	if grep -aq 'Segmentation fault' "$3" || [ "$1" = 139 ]; then
		echo "the engine crashed (Segmentation fault, status $1); its log ends:"
		tail -c 400 "$2" 2>/dev/null
		echo
	elif grep -aq '^!' "$2" 2>/dev/null; then
		grep -a -A3 '^!' "$2" | head -20
	else
		echo "status $1; the engine's output ends:"
		tail -4 "$3"
	fi
}

# log_checks ENGINE LOG NAME STATUS: no Overfull \hbox, no Missing
# character (and the run finished: a partial log proves nothing)
log_checks() {
	[ "$4" = 0 ] || note "the run failed (status $4): its log is not complete"
	if grep -aq '^Overfull \\hbox' "$2"; then
		note "$(grep -ac '^Overfull \\hbox' "$2") of them; the first ones:"
		note "$(grep -a -A2 '^Overfull \\hbox' "$2" | head -30)"
	fi
	report "$1 $3: no Overfull \\hbox in the log"
	[ "$4" = 0 ] || note "the run failed (status $4): its log is not complete"
	if grep -aq '^Missing character' "$2"; then
		note "$(grep -a '^Missing character' "$2" | sort | uniq -c | head -30)"
	fi
	report "$1 $3: no Missing character in the log"
}

# pdf_text DIR NAME: DIR/NAME.txt (the lines of the text block only: no
# page numbers, no footer), DIR/NAME.bbox (every word with its box) and
# DIR/NAME.words (the words of the text block's lines, pdfbox.py)
pdf_text() {
	crop=$(py pdfbox.py --crop "$1/$2.log" 2>/dev/null) || crop=
	# shellcheck disable=SC2086 # crop is a list of options
	pdftotext -enc UTF-8 $crop "$1/$2.pdf" "$1/$2.txt" 2>/dev/null || : >"$1/$2.txt"
	pdftotext -enc UTF-8 -bbox "$1/$2.pdf" "$1/$2.bbox" 2>/dev/null || : >"$1/$2.bbox"
	py pdfbox.py --words "$1/$2.log" "$1/$2.bbox" >"$1/$2.words" 2>/dev/null || : >"$1/$2.words"
}

# longlines DIR: no line of DIR/*.tex over 4096 bytes
longlines() {
	set -- "$1"/*.tex
	[ -e "$1" ] || set --
	py cases.py longlines 4096 "$@" >>"$tmp/why" || :
}

# ---- 1. the hostile store, and the cases of issue 10 --------------------
cp -R "$h/evidence" "$tmp/store"
py cases.py store "$tmp/store"
mkdir -p "$tmp/gen"
for g in quotes:quotes.tex tables:tables.tex bib:sitat.bib; do
	"$SITAT" "${g%%:*}" -q --store "$tmp/store" -o "$tmp/gen/${g#*:}"
done
py cases.py tex "$tmp/gen/cases.tex"

# sitat check: the bidi controls, named with the quote and file:line:col
st=0
"$SITAT" check --store "$tmp/store" >"$tmp/check.out" 2>&1 || st=$?
where=$(py cases.py where bidi-override)
[ "$st" = 0 ] || note "sitat check exits $st (warnings only expected): $(cat "$tmp/check.out")"
if grep -q "$where:" "$tmp/check.out"; then
	grep "$where:" "$tmp/check.out" | grep -q 'H2-008' ||
		note "the message at $where does not name the quote H2-008: $(grep "$where:" "$tmp/check.out")"
else
	note "no message at $where (U+202E in H2-008); sitat check says: $(cat "$tmp/check.out")"
fi
report "hostile: check warns of the bidi controls at file:line:col"
# and notes the quotes pdfLaTeX prints with placeholders, at file:line:col
py cases.py notes "$tmp/check.out" >>"$tmp/why" || :
report "hostile: check notes the quotes pdfLaTeX prints with placeholders"

# ---- 2. big quotes: $limit bytes (typeset below), one more, 1 MB --------
for n in "$limit" $((limit + 1)) 1048576; do
	b=$tmp/big$n
	py cases.py big "$b" "$n"
	mkdir -p "$b.gen"
	st=0
	"$SITAT" check --store "$b" >"$b.check" 2>&1 || st=$?
	if [ "$n" -le "$limit" ]; then
		[ "$st" = 0 ] || note "sitat check exits $st: $(head -c 2000 "$b.check")"
		report "big: check takes a quote of $n bytes (the limit)"
	else
		[ "$st" = 1 ] || note "sitat check exits $st, want 1: $(head -c 2000 "$b.check")"
		# the place: the quote's start in the source or the segment in
		# the codings file, as file:line:col, and the segment's id
		grep -E 'B1\.(txt|json):[0-9]+:[0-9]+:' "$b.check" | grep -q 'B1-001' ||
			note "no message naming the segment B1-001 at file:line:col: $(head -c 2000 "$b.check")"
		report "big: check refuses a quote of $n bytes, naming the file and the segment"
	fi
	for g in quotes:quotes.tex tables:tables.tex; do
		"$SITAT" "${g%%:*}" -q --store "$b" -o "$b.gen/${g#*:}" >/dev/null 2>&1 || :
	done
	longlines "$b.gen"
	report "big: no generated line over 4096 bytes ($n-byte quote)"
done
py cases.py many "$tmp/many" 100000
mkdir -p "$tmp/many.gen"
for g in quotes:quotes.tex tables:tables.tex; do
	"$SITAT" "${g%%:*}" -q --store "$tmp/many" -o "$tmp/many.gen/${g#*:}" >"$tmp/many.out" 2>&1 ||
		note "sitat ${g%%:*} on a code with 100,000 segments fails: $(head -c 1000 "$tmp/many.out")"
done
longlines "$tmp/many.gen"
report "many: no generated line over 4096 bytes (a code with 100,000 segments)"

# ---- the engines: one directory each, all at once -----------------------
# the hostile thesis (engine, biber, engine), then the big quote (one run)
rm -f /tmp/pwned
for e in $engines; do
	d=$tmp/$e
	mkdir -p "$d/h/generated" "$d/big/generated"
	cp "$h/thesis.tex" "$tmp/gen/cases.tex" "$root"/thesis/sitat.sty "$root"/thesis/sitat-*.def "$d/h/"
	cp "$tmp"/gen/quotes.tex "$tmp"/gen/tables.tex "$tmp"/gen/sitat.bib "$d/h/generated/"
	cp "$h/big.tex" "$root"/thesis/sitat.sty "$root"/thesis/sitat-*.def "$d/big/"
	cp "$tmp/big$limit".gen/*.tex "$d/big/generated/" 2>/dev/null || :
	(
		start=$(date +%s)
		st=0
		# engine, biber, engine: the text is complete after the second
		# run (latexmk would run the engine twice more, for page numbers)
		# (and sitat audit, for the appendix, between them)
		(cd "$d/h" && { run_engine "$e" thesis && biber thesis >>engine.out 2>&1 &&
			{ "$SITAT" audit -q --store "$tmp/store" --record thesis.sitat --texdir . \
				-o generated/audit.tex >audit.out 2>&1; echo $? >audit.status; } &&
			run_engine "$e" thesis; }) || st=$?
		echo "$st" >"$d/h/status"
		echo $(($(date +%s) - start)) >"$d/h/seconds"
		start=$(date +%s)
		st=0
		(cd "$d/big" && run_engine "$e" big) || st=$?
		echo "$st" >"$d/big/status"
		echo $(($(date +%s) - start)) >"$d/big/seconds"
	) &
done
wait

for e in $engines; do
	d=$tmp/$e
	if [ "$(cat "$d/h/status")" = 0 ]; then
		t_pass "$e hostile: compiles ($(cat "$d/h/seconds")s)"
	else
		t_fail "$e hostile: compiles" \
			"$(why_failed "$(cat "$d/h/status")" "$d/h/thesis.log" "$d/h/engine.out")"
	fi
	pdf_text "$d/h" thesis
	all=$(squeeze < "$d/h/thesis.txt")
	section() { # text between two markers
		printf '%s' "$all" | awk -v a="$1" -v b="$2" '{ i = index($0, a); j = index($0, b);
			if (i && j > i) print substr($0, i, j - i) }'
	}
	display=$(section BEGIN-DISPLAY END-DISPLAY)
	inline=$(section BEGIN-INLINE END-INLINE)
	case $all in *END-OF-DOCUMENT*) ;; *) note "END-OF-DOCUMENT is not in the PDF text" ;; esac
	report "$e hostile: document reaches its end"
	py cases.py expect "$e" <"$h/expected.txt" >"$d/expected.txt"
	n=0
	while IFS= read -r q; do
		n=$((n + 1))
		want=$(printf '%s' "$q" | squeeze)
		case $display in *"$want"*) ;; *) note "display quote $n: $q" ;; esac
	done < "$d/expected.txt"
	[ "$n" -gt 0 ] || note "no quotes in $h/expected.txt"
	report "$e hostile: display quotes literal"
	for k in 1 6 10 14; do
		q=$(sed -n "${k}p" "$d/expected.txt")
		want=$(printf '%s' "$q" | squeeze)
		case $inline in *"$want"*) ;; *) note "inline quote $k: $q" ;; esac
	done
	report "$e hostile: inline quotes literal"
	for want in 'Fiende$1&{2}' 'Er\dette#trygt%~?' 'Trygg--kode_med^^41' \
		'Informant{H}\textbf{x}50%' 'rolle_med#hash&$' 'Tittelmed\input{x}og$og#og~og--'; do
		case $all in *"$want"*) ;; *) note "not printed literally: $want" ;; esac
	done
	report "$e hostile: labels printed literally"
	[ "$(cat "$d/h/audit.status" 2>/dev/null)" = 0 ] ||
		note "sitat audit: status $(cat "$d/h/audit.status" 2>/dev/null): $(cat "$d/h/audit.out" 2>/dev/null)"
	case $all in
	*"Revisjonsspor:påstander,sitaterogkilder"*"langt-krav"*) ;;
	*) note "no audit appendix listing the claim langt-krav in the PDF text" ;;
	esac
	report "$e hostile: the audit appendix"
	py cases.py labels "$e" "$d/h/thesis.txt" "$d/h/thesis.words" >>"$tmp/why" || :
	report "$e hostile: labels in other scripts"
	# the cases of issue 10: "ok NAME", or "FAIL NAME" and its reasons on
	# the lines after it, each after a TAB
	py cases.py text "$e" "$d/h/thesis.txt" "$d/h/thesis.words" >"$d/cases.out"
	tab=$(printf '\t') name=
	while IFS= read -r line || [ -n "$line" ]; do
		case $line in
		"$tab"*) printf '%s\n' "${line#"$tab"}" >>"$tmp/why"; continue ;;
		esac
		[ -z "$name" ] || report "$e case $name"
		case $line in
		"ok "*) name=; t_pass "$e case ${line#ok }" ;;
		"FAIL "*) name=${line#FAIL } ;;
		*) name=; note "cases.py: $line"; report "$e cases" ;;
		esac
	done <"$d/cases.out"
	[ -z "$name" ] || report "$e case $name"
	[ -s "$d/cases.out" ] || { note "cases.py text printed nothing"; report "$e cases"; }
	[ -s "$d/h/thesis.bbox" ] || note "no PDF to check"
	py pdfbox.py "$d/h/thesis.log" "$d/h/thesis.bbox" >>"$tmp/why" 2>&1 || :
	report "$e hostile: no word beyond the text block"
	log_checks "$e" "$d/h/thesis.log" hostile "$(cat "$d/h/status")"

	if [ "$(cat "$d/big/status")" = 0 ]; then
		t_pass "$e big: a quote of $limit bytes compiles ($(cat "$d/big/seconds")s)"
	else
		t_fail "$e big: a quote of $limit bytes compiles" \
			"$(why_failed "$(cat "$d/big/status")" "$d/big/big.log" "$d/big/engine.out")"
	fi
	pdf_text "$d/big" big
	case $(squeeze < "$d/big/big.txt") in *END-OF-BIG*) ;; *) note "END-OF-BIG is not in the PDF text" ;; esac
	py cases.py bigtext "$tmp/big$limit" "$d/big/big.words" >>"$tmp/why" 2>&1 || :
	report "$e big: the quote of $limit bytes comes back whole"
	[ -s "$d/big/big.bbox" ] || note "no PDF to check"
	py pdfbox.py "$d/big/big.log" "$d/big/big.bbox" >>"$tmp/why" 2>&1 || :
	report "$e big: no word beyond the text block"
	log_checks "$e" "$d/big/big.log" big "$(cat "$d/big/status")"
done
if [ -e /tmp/pwned ]; then t_fail "hostile: no \\write18" "/tmp/pwned exists"
else t_pass "hostile: no \\write18"; fi

# ---- 3. the demo thesis -------------------------------------------------
# the demo of the build directory SITAT is in (make BUILD=... builds both)
pdf=$(dirname "$SITAT")/thesis.pdf
if [ -f "$pdf" ]; then
	pdftotext -enc UTF-8 "$pdf" "$tmp/demo.txt"
	demo=$(squeeze < "$tmp/demo.txt")
	for i in 1 2 3 4 5 6; do
		case $demo in *"Informant$i"*) ;; *) note "no quotes from Informant $i" ;; esac
	done
	report "demo: quotes from every informant"
	for rq in Strategi Ledelse Kompetanse Verktøy; do
		case $demo in *"Koder,segmenterogsitaterfor$rq"*) ;; *) note "no table for $rq" ;; esac
	done
	report "demo: a table per research question"
	case $demo in *"Kode×kilde-matrise"*) ;; *) note "no code × source matrix" ;; esac
	report "demo: the code × source matrix"
	case $demo in *"Data:evidence"*) ;; *) note "no 'Data: evidence' stamp" ;; esac
	report "demo: the data version stamp"
	used=$(grep -ho '\\sitat\(inline\)\?{[A-Za-z0-9]*-[0-9]*}' "$root"/thesis/*.tex "$root"/thesis/kapitler/*.tex 2>/dev/null |
		sed 's/.*{\(.*\)}/\1/' | sort -u)
	nused=$(printf '%s\n' "$used" | grep -c . || :)
	srcs=$(printf '%s\n' "$used" | sed 's/-.*//' | sort -u | tr '\n' ' ')
	[ "$nused" -ge 30 ] || note "at least 30 distinct quotes printed (found $nused; sources: $srcs)"
	report "demo: 30+ distinct quotes printed"
	for s in I1 I2 I3 I4 I5 I6; do
		case " $srcs" in *" $s "*) ;; *) note "no quote from $s" ;; esac
	done
	report "demo: a quote from every interview"
	ndoc=$(printf '%s' "$srcs" | tr ' ' '\n' | grep -c '^D' || :)
	[ "$ndoc" -ge 2 ] || note "quotes from $ndoc documents, want 2 or more"
	report "demo: quotes from 2+ documents"
else
	t_fail "demo" "$pdf missing (run make first)"
fi
t_end
