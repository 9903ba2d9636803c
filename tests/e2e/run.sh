#!/bin/sh
# tests/e2e/run.sh SITAT - end-to-end tests with the real TeX engine.
#  1. hostile: a thesis printing every quote of tests/e2e/hostile/evidence
#     (TeX specials, ligature traps, ^^ notation, \input, \end{document},
#     unbalanced braces, %, characters the font lacks).  The PDF text
#     (pdftotext) must show every quote literally, in the display quotes,
#     inline and in the quote list, and the document must reach its end.
#  2. demo: build/thesis.pdf (built by make) shows quotes from all sources,
#     a table per research question and the matrix.
# Runs from the repo root; writes only into a temporary directory.
set -eu
SITAT=${1:?usage: run.sh SITAT}
case $SITAT in /*) ;; *) SITAT=$(pwd)/$SITAT ;; esac
root=$(pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
. "$root/tests/lib.sh"
t_begin e2e
# Problems of the current check are appended to $tmp/why (t_report).
note() { printf '%s\n' "$*" >>"$tmp/why"; }
report() { t_report "$1" "$tmp/why"; : >"$tmp/why"; }
: >"$tmp/why"

# Squeeze the PDF text to compare it with the store: drop whitespace,
# and write the ellipsis as T1 typesets it (three periods).
squeeze() { sed 's/…/.../g' | tr -d ' \t\n\f\r'; }

# ---- 1. hostile quotes --------------------------------------------------
h=$root/tests/e2e/hostile
mkdir -p "$tmp/h/generated"
cp "$h/thesis.tex" "$root"/thesis/sitat.sty "$root"/thesis/sitat-*.def "$tmp/h/"
for g in quotes:quotes.tex tables:tables.tex bib:sitat.bib; do
	"$SITAT" "${g%%:*}" -q --store "$h/evidence" -o "$tmp/h/generated/${g#*:}"
done
rm -f /tmp/pwned
if (cd "$tmp/h" && latexmk -pdf -interaction=nonstopmode -halt-on-error \
	thesis.tex >latexmk.out 2>&1); then
	t_pass "hostile: compiles"
else
	t_fail "hostile: compiles" "$(grep -A3 '^!' "$tmp/h/thesis.log" | head -20)"
fi
if [ -e /tmp/pwned ]; then t_fail "hostile: no \\write18" "/tmp/pwned exists"
else t_pass "hostile: no \\write18"; fi
pdftotext -enc UTF-8 "$tmp/h/thesis.pdf" "$tmp/h/thesis.txt" 2>/dev/null || :
all=$(squeeze < "$tmp/h/thesis.txt")
section() { # text between two markers
	printf '%s' "$all" | awk -v a="$1" -v b="$2" '{ i = index($0, a); j = index($0, b);
		if (i && j > i) print substr($0, i, j - i) }'
}
display=$(section BEGIN-DISPLAY END-DISPLAY)
inline=$(section BEGIN-INLINE END-INLINE)
case $all in *END-OF-DOCUMENT*) ;; *) note "END-OF-DOCUMENT is not in the PDF text" ;; esac
report "hostile: document reaches its end"
n=0
while IFS= read -r q; do
	n=$((n + 1))
	want=$(printf '%s' "$q" | squeeze)
	case $display in *"$want"*) ;; *) note "display quote $n: $q" ;; esac
done < "$h/expected.txt"
[ "$n" -gt 0 ] || note "no quotes in $h/expected.txt"
report "hostile: display quotes literal"
for k in 1 6 10 14; do
	q=$(sed -n "${k}p" "$h/expected.txt")
	want=$(printf '%s' "$q" | squeeze)
	case $inline in *"$want"*) ;; *) note "inline quote $k: $q" ;; esac
done
report "hostile: inline quotes literal"
for want in 'Fiende$1&{2}' 'Er\dette#trygt%~?' 'Trygg--kode_med^^41' \
	'Informant{H}\textbf{x}50%' 'rolle_med#hash&$' 'Tittelmed\input{x}og$og#og~og--'; do
	case $all in *"$want"*) ;; *) note "not printed literally: $want" ;; esac
done
report "hostile: labels printed literally"

# ---- 2. the demo thesis -------------------------------------------------
pdf=$root/build/thesis.pdf
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
	t_fail "demo" "build/thesis.pdf missing (run make first)"
fi
t_end
