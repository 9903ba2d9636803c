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
fail=0
ok() { echo "ok   e2e $1"; }
bad() { echo "FAIL e2e $1"; fail=1; }

# Squeeze the PDF text to compare it with the store: drop whitespace,
# and write the ellipsis as T1 typesets it (three periods).
squeeze() { sed 's/…/.../g' | tr -d ' \t\n\f\r'; }

# ---- 1. hostile quotes --------------------------------------------------
h=$root/tests/e2e/hostile
mkdir -p "$tmp/h/generated"
cp "$h/thesis.tex" "$root/thesis/sitat.sty" "$tmp/h/"
for g in quotes:quotes.tex tables:tables.tex bib:sitat.bib; do
	"$SITAT" "${g%%:*}" -q --store "$h/evidence" -o "$tmp/h/generated/${g#*:}"
done
rm -f /tmp/pwned
if (cd "$tmp/h" && latexmk -pdf -interaction=nonstopmode -halt-on-error \
	thesis.tex >latexmk.out 2>&1); then
	ok "hostile: compiles"
else
	bad "hostile: compiles (see below)"
	grep -A3 '^!' "$tmp/h/thesis.log" | head -20
fi
[ -e /tmp/pwned ] && bad "hostile: \\write18 ran"
pdftotext -enc UTF-8 "$tmp/h/thesis.pdf" "$tmp/h/thesis.txt" 2>/dev/null || :
all=$(squeeze < "$tmp/h/thesis.txt")
section() { # text between two markers
	printf '%s' "$all" | awk -v a="$1" -v b="$2" '{ i = index($0, a); j = index($0, b);
		if (i && j > i) print substr($0, i, j - i) }'
}
display=$(section BEGIN-DISPLAY END-DISPLAY)
inline=$(section BEGIN-INLINE END-INLINE)
case $all in *END-OF-DOCUMENT*) ok "hostile: document reaches its end" ;;
	*) bad "hostile: document reaches its end" ;; esac
n=0
while IFS= read -r q; do
	n=$((n + 1))
	want=$(printf '%s' "$q" | squeeze)
	case $display in *"$want"*) ;; *) bad "hostile: display quote $n literal: $q" ;; esac
done < "$h/expected.txt"
for k in 1 6 10 14; do
	q=$(sed -n "${k}p" "$h/expected.txt")
	want=$(printf '%s' "$q" | squeeze)
	case $inline in *"$want"*) ;; *) bad "hostile: inline quote $k literal: $q" ;; esac
done
ok "hostile: $n quotes checked"
for want in 'Fiende$1&{2}' 'Er\dette#trygt%~?' 'Trygg--kode_med^^41' \
	'Informant{H}\textbf{x}50%' 'rolle_med#hash&$' 'Tittelmed\input{x}og$og#og~og--'; do
	case $all in *"$want"*) ;; *) bad "hostile: label printed literally: $want" ;; esac
done

# ---- 2. the demo thesis -------------------------------------------------
pdf=$root/build/thesis.pdf
if [ -f "$pdf" ]; then
	pdftotext -enc UTF-8 "$pdf" "$tmp/demo.txt"
	demo=$(squeeze < "$tmp/demo.txt")
	for i in 1 2 3 4 5 6; do
		case $demo in *"Informant$i"*) ;; *) bad "demo: quotes from Informant $i" ;; esac
	done
	for rq in Strategi Ledelse Kompetanse Verktøy; do
		case $demo in *"Koder,segmenterogsitaterfor$rq"*) ;; *) bad "demo: table for $rq" ;; esac
	done
	case $demo in *"Kode×kilde-matrise"*) ;; *) bad "demo: the code × source matrix" ;; esac
	case $demo in *"Data:evidence"*) ;; *) bad "demo: the data version stamp" ;; esac
	used=$(grep -ho '\\sitat\(inline\)\?{[A-Za-z0-9]*-[0-9]*}' "$root"/thesis/*.tex "$root"/thesis/kapitler/*.tex 2>/dev/null |
		sed 's/.*{\(.*\)}/\1/' | sort -u)
	nused=$(printf '%s\n' "$used" | grep -c . || :)
	srcs=$(printf '%s\n' "$used" | sed 's/-.*//' | sort -u | tr '\n' ' ')
	[ "$nused" -ge 30 ] && ok "demo: $nused distinct quotes printed (sources: $srcs)" ||
		bad "demo: at least 30 distinct quotes printed (found $nused)"
	for s in I1 I2 I3 I4 I5 I6; do
		case " $srcs" in *" $s "*) ;; *) bad "demo: a quote from $s" ;; esac
	done
	ndoc=$(printf '%s' "$srcs" | tr ' ' '\n' | grep -c '^D' || :)
	[ "$ndoc" -ge 2 ] && ok "demo: quotes from $ndoc documents" || bad "demo: quotes from 2+ documents"
else
	bad "demo: build/thesis.pdf missing (run make first)"
fi
exit $fail
