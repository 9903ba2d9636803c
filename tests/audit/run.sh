#!/bin/sh
# tests/audit/run.sh - the tests of `sitat audit` and `sitat trace`.
#
#   sh tests/audit/run.sh SITAT            all cases, all traces, the e2e test
#   sh tests/audit/run.sh SITAT NAME...    only these: a case (clean),
#                                          a trace (trace/quote) or e2e
#
# Run from the repository root: the expected diagnostics name the store and
# the record by the paths given on the command line
# (tests/audit/cases/NAME/...).  Everything the tools write goes into a
# temporary directory.  See tests/audit/README.md for the layout.
#
# Names listed in tests/audit/KNOWN-FAILING (cases, trace/NAME, e2e/CHECK;
# lines starting with # are comments) are known bugs: when they fail they
# are reported as XFAIL and do not fail the run; when they pass, XPASS.
# Counting and the closing line come from tests/lib.sh.

AUD=tests/audit
CASES=$AUD/cases
TRACES=$AUD/trace
E2E=$AUD/e2e
KNOWN=$AUD/KNOWN-FAILING

if [ $# -lt 1 ]; then
	echo "usage: sh $AUD/run.sh SITAT [NAME...]" >&2
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
case $SITAT in /*) ;; *) SITAT=$(pwd)/$SITAT ;; esac
ROOT=$(pwd)

TMP=$(mktemp -d "${TMPDIR:-/tmp}/sitat-audit.XXXXXX") || exit 2
trap 'rm -rf "$TMP"' EXIT
trap 'exit 2' HUP INT TERM

# strerror() texts and diff output must not depend on the caller's locale
LC_ALL=C
export LC_ALL

. tests/lib.sh
t_begin audit "$KNOWN"

# Problems of the current test are appended to $TMP/why.
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

# report NAME: count and print the result of the test whose problems are
# in $TMP/why (none: it passed).
report() {
	t_report "$1" "$TMP/why"
	: >"$TMP/why"
}

# ---------------------------------------------------------------------
# sitat audit: cases/NAME
# ---------------------------------------------------------------------
run_audit_case() {
	dir=$CASES/$1
	: >"$TMP/why"
	set -- --store "$dir/evidence" --record "$dir/thesis.sitat"
	if [ -f "$dir/texdir" ]; then
		td=
		IFS= read -r td <"$dir/texdir"
		set -- "$@" --texdir "$td"
	fi
	if [ -f "$dir/expected.status" ]; then
		read -r want <"$dir/expected.status"
	else
		want=missing
		note "expected.status is missing"
	fi

	# 1. the plain run: status, stderr, stdout, the appendix
	rm -rf "$TMP/out"
	mkdir "$TMP/out"
	# expected.unchanged: the appendix of an earlier run must be left as it was
	[ -f "$dir/expected.unchanged" ] && printf '%% an earlier appendix\n' >"$TMP/out/audit.tex"
	"$SITAT" audit "$@" -o "$TMP/out/audit.tex" >"$TMP/stdout" 2>"$TMP/diag"
	st=$?
	[ "$st" = "$want" ] || note "audit: exit status $st, expected $want"
	compare "$dir/expected.diag" "$TMP/diag" "audit: stderr"
	[ -f "$dir/expected.out" ] &&
		compare "$dir/expected.out" "$TMP/stdout" "audit: stdout"
	if [ -f "$dir/expected.unchanged" ]; then
		[ "$(cat "$TMP/out/audit.tex")" = "% an earlier appendix" ] ||
			note "audit: changed the appendix of an earlier run"
	elif [ "$want" = 2 ] || [ "$want" = 3 ]; then
		if [ -n "$(ls -A "$TMP/out")" ]; then
			note "audit: wrote files although it could not run:"
			# shellcheck disable=SC2012
			ls -A "$TMP/out" | sed 's/^/    /' >>"$TMP/why"
		fi
	elif [ ! -f "$TMP/out/audit.tex" ]; then
		note "audit: audit.tex was not written"
	elif [ -f "$dir/expected/audit.tex" ]; then
		compare "$dir/expected/audit.tex" "$TMP/out/audit.tex" "audit: audit.tex"
	fi

	# 2. --json --no-tex: same status and stderr, the JSON, nothing written
	"$SITAT" audit "$@" --json --no-tex -o "$TMP/out2/audit.tex" \
		>"$TMP/json" 2>"$TMP/diag2"
	st=$?
	[ "$st" = "$want" ] || note "audit --json: exit status $st, expected $want"
	cmp -s "$TMP/diag" "$TMP/diag2" ||
		note "audit --json: stderr differs from the plain run"
	[ -e "$TMP/out2" ] && note "audit --no-tex: wrote $TMP/out2"
	rm -rf "$TMP/out2"
	[ -f "$dir/expected.json" ] &&
		compare "$dir/expected.json" "$TMP/json" "audit --json: stdout"

	# 3. -q: no summary line
	"$SITAT" audit "$@" -q --no-tex >"$TMP/stdout" 2>/dev/null
	st=$?
	[ "$st" = "$want" ] || note "audit -q: exit status $st, expected $want"
	[ -s "$TMP/stdout" ] && note "audit -q: printed on stdout: $(head -n 1 "$TMP/stdout")"
}

# ---------------------------------------------------------------------
# sitat trace: trace/NAME (uses the store and record of cases/CASE)
# ---------------------------------------------------------------------
run_trace_case() {
	dir=$TRACES/$1
	: >"$TMP/why"
	c=
	args=
	[ -f "$dir/case" ] && read -r c <"$dir/case"
	[ -f "$dir/args" ] && read -r args <"$dir/args"
	if [ -z "$c" ] || [ ! -d "$CASES/$c" ]; then
		note "trace: $dir/case does not name a case"
		return
	fi
	cdir=$CASES/$c
	set -- trace --store "$cdir/evidence" --record "$cdir/thesis.sitat"
	if [ -f "$cdir/texdir" ]; then
		td=
		IFS= read -r td <"$cdir/texdir"
		set -- "$@" --texdir "$td"
	fi
	if [ -f "$dir/expected.status" ]; then
		read -r want <"$dir/expected.status"
	else
		want=missing
		note "expected.status is missing"
	fi
	# $args is split into words on purpose (an id and options)
	# shellcheck disable=SC2086
	"$SITAT" "$@" $args >"$TMP/stdout" 2>"$TMP/diag"
	st=$?
	[ "$st" = "$want" ] || note "trace $args: exit status $st, expected $want"
	compare "$dir/expected.out" "$TMP/stdout" "trace $args: stdout"
	if [ -f "$dir/expected.diag" ]; then
		compare "$dir/expected.diag" "$TMP/diag" "trace $args: stderr"
	elif [ -s "$TMP/diag" ]; then
		note "trace $args: unexpected stderr:"
		sed 's/^/    /' "$TMP/diag" >>"$TMP/why"
	fi
}

# ---------------------------------------------------------------------
# e2e: the real engine (see tests/audit/e2e/doc.tex and draft.tex)
# ---------------------------------------------------------------------
# Squeeze PDF text to compare it with the store: drop whitespace, write the
# ellipsis as T1 typesets it.
squeeze() { sed 's/…/.../g' | tr -d ' \t\n\f\r'; }

# the text of page N (or N to the end with N-) of PDF, squeezed
page_text() {
	case $2 in
	*-) pdftotext -enc UTF-8 -f "${2%-}" "$1" - 2>/dev/null | squeeze ;;
	*) pdftotext -enc UTF-8 -f "$2" -l "$2" "$1" - 2>/dev/null | squeeze ;;
	esac
}

# latexmk in DIR on FILE; output to DIR/latexmk.out
build() {
	(cd "$1" && latexmk -pdf -interaction=nonstopmode -halt-on-error \
		"$2" >latexmk.out 2>&1)
}

# The appendix of a PDF (pages FROM to the end) as lines
#   claim ID PAGE
#   quote CLAIM QID PAGE
# read from the text "Påstand ID, s. N" and "QID: ...; brukt s. N".
appendix_rows() {
	page_text "$1" "$2-" | awk '
	{
		s = $0
		gsub(/Påstand/, "\nPåstand", s)
		gsub(/[A-Z][0-9]*-[0-9][0-9][0-9]+:/, "\n&", s)
		gsub(/brukts\.[0-9]+/, "&\n", s)
		n = split(s, line, "\n")
		for (i = 1; i <= n; i++) {
			l = line[i]
			if (l ~ /^Påstand[a-z0-9-]+,s\.[0-9]+/) {
				sub(/^Påstand/, "", l)
				k = index(l, ",s.")
				claim = substr(l, 1, k - 1)
				p = substr(l, k + 3)
				match(p, /^[0-9]+/)
				print "claim " claim " " substr(p, 1, RLENGTH)
			} else if (l ~ /^[A-Z][0-9]*-[0-9][0-9][0-9]+:.*brukts\.[0-9]+$/) {
				q = substr(l, 1, index(l, ":") - 1)
				p = l
				sub(/.*brukts\./, "", p)
				print "quote " claim " " q " " p
			}
		}
	}'
}

# e2e_check NAME: report the e2e check NAME (problems in $TMP/why)
e2e_check() {
	report "e2e/$1"
}

run_e2e() {
	: >"$TMP/why"
	for t in latexmk pdflatex biber pdftotext; do
		command -v "$t" >/dev/null 2>&1 || note "e2e needs $t (not found)"
	done
	if [ -s "$TMP/why" ]; then
		e2e_check tools
		return
	fi
	ev=$ROOT/$E2E/evidence
	w=$TMP/e2e
	mkdir -p "$w/doc/generated" "$w/doc/kapitler"
	cp "$ROOT"/thesis/sitat.sty "$ROOT"/thesis/sitat-*.def "$E2E/doc.tex" "$E2E/draft.tex" "$w/doc/"
	cp "$E2E/kapitler/"*.tex "$w/doc/kapitler/"
	for g in quotes:quotes.tex tables:tables.tex bib:sitat.bib; do
		"$SITAT" "${g%%:*}" -q --store "$ev" -o "$w/doc/generated/${g#*:}" ||
			note "sitat ${g%%:*} failed"
	done
	# the English variant and the draft get their own directories
	cp -R "$w/doc" "$w/en"
	cp -R "$w/doc" "$w/draft"
	sed 's/\[norsk\]{babel}/[english]{babel}/' "$E2E/doc.tex" >"$w/en/doc.tex"

	# 1. build; the record sitat.sty wrote
	if ! build "$w/doc" doc.tex; then
		note "latexmk doc.tex failed:"
		grep -A3 '^!' "$w/doc/doc.log" 2>/dev/null | head -20 >>"$TMP/why"
		e2e_check build
		return
	fi
	e2e_check build
	compare "$E2E/expected-record.sitat" "$w/doc/doc.sitat" "doc.sitat"
	e2e_check record

	# 2. the audit: a clean document, no problems
	"$SITAT" audit --store "$ev" --record "$w/doc/doc.sitat" --texdir "$w/doc" \
		-o "$w/doc/generated/audit.tex" >"$TMP/stdout" 2>"$TMP/diag"
	st=$?
	[ "$st" = 0 ] || note "sitat audit: exit status $st, expected 0"
	if [ -s "$TMP/diag" ]; then
		note "sitat audit: unexpected stderr:"
		sed 's/^/    /' "$TMP/diag" >>"$TMP/why"
	fi
	[ -f "$w/doc/generated/audit.tex" ] || note "sitat audit wrote no audit.tex"
	e2e_check audit

	# 3. latexmk again must pick up the new audit.tex
	build "$w/doc" doc.tex || note "second latexmk failed"
	case $(page_text "$w/doc/doc.pdf" 5-) in
	*Revisjonsspor:påstander,sitaterogkilder*) ;;
	*)
		note "after the audit, latexmk did not rerun: the appendix still says"
		note "  \"$(pdftotext -f 5 -l 5 "$w/doc/doc.pdf" - 2>/dev/null | head -n 1)\""
		;;
	esac
	e2e_check rerun-after-audit
	# (go on with a forced rerun, so that the other checks can run)
	case $(page_text "$w/doc/doc.pdf" 5-) in
	*Revisjonsspor*) ;;
	*) (cd "$w/doc" && latexmk -g -pdf -interaction=nonstopmode \
		-halt-on-error doc.tex >latexmk.out 2>&1) ;;
	esac

	# 4. the appendix lists every claim and quote with the pages by hand ...
	appendix_rows "$w/doc/doc.pdf" 5 >"$TMP/rows"
	compare "$E2E/expected-appendix.txt" "$TMP/rows" "appendix (PDF page 5-)"
	e2e_check appendix
	# ... and those pages are where the claims start and the quotes stand
	while read -r kind claim rest; do
		case $kind in
		claim)
			case $(page_text "$w/doc/doc.pdf" "$rest") in
			*"CLAIMSTART-$claim"*) ;;
			*) note "claim $claim: not on page $rest, where the appendix puts it" ;;
			esac
			;;
		quote)
			qid=${rest% *}
			p=${rest#* }
			text=$(grep "^$qid|" "$E2E/quotes.txt" | sed 's/^[^|]*|//' | squeeze)
			[ -n "$text" ] || note "no text for $qid in $E2E/quotes.txt"
			case $(page_text "$w/doc/doc.pdf" "$p") in
			*"$text"*) ;;
			*) note "quote $qid (claim $claim): its text is not on page $p, where the appendix puts it" ;;
			esac
			;;
		esac
	done <"$TMP/rows"
	[ -s "$TMP/rows" ] || note "no appendix rows to check"
	e2e_check pages

	# 5. English: the appendix uses the package's English strings
	cp "$w/doc/generated/audit.tex" "$w/en/generated/audit.tex"
	if build "$w/en" doc.tex; then
		en=$(page_text "$w/en/doc.pdf" 5-)
		case $en in
		*Audittrail:claims,quotesandsources*) ;;
		*) note "English appendix: no title" ;;
		esac
		for want in Claimstrategi-felles,p.1 Claimtillit-ledelse,p.2 \
			Claimressurser-knappe,p.3; do
			case $en in *"$want"*) ;; *) note "English appendix: no '$want'" ;; esac
		done
		e2e_check english-claim-page
		for want in 'I1-001:Informant1,leder,ll.6–7(I1)' \
			'D1-002:StyringsdokumentforBalanse24,pp.1–2(D1)' \
			'I1-003:Informant1,leder,l.11(I1)' \
			'D1-001:StyringsdokumentforBalanse24,p.1(D1)'; do
			case $en in *"$want"*) ;; *) note "English appendix: no '$want'" ;; esac
		done
		e2e_check english-ranges
	else
		note "latexmk (English) failed"
		e2e_check english-claim-page
	fi

	# 6. draft mode: an unknown id in a claim
	if build "$w/draft" draft.tex; then
		grep -q "Unknown quote id .I2-01'" "$w/draft/draft.log" ||
			note "draft: no warning about I2-01 in the log"
		case $(page_text "$w/draft/draft.pdf" 2) in
		*'[??I2-01]'*) ;;
		*) note "draft: no marker [?? I2-01] on page 2" ;;
		esac
	else
		note "latexmk draft.tex failed (draft mode must only warn):"
		grep -A3 '^!' "$w/draft/draft.log" 2>/dev/null | head -20 >>"$TMP/why"
	fi
	e2e_check draft-build
	"$SITAT" audit --store "$ev" --record "$w/draft/draft.sitat" \
		--texdir "$w/draft" -o "$w/draft/generated/audit.tex" \
		>/dev/null 2>"$TMP/diag"
	st=$?
	[ "$st" = 1 ] || note "draft: sitat audit exit status $st, expected 1"
	printf '%s\n' "$w/draft/kapitler/draftdel.tex:5: error: claim 'tillit-ledelse' cites unknown quote id 'I2-01'" \
		>"$TMP/want"
	compare "$TMP/want" "$TMP/diag" "draft: sitat audit stderr"
	# the place named is really where the id is
	sed -n 5p "$w/draft/kapitler/draftdel.tex" | grep -q 'sitatinline{I2-01}' ||
		note "draft: kapitler/draftdel.tex line 5 does not cite I2-01"
	e2e_check draft-audit
}

# ---------------------------------------------------------------------
if [ $# -gt 0 ]; then
	names=$*
else
	names=
	for d in "$CASES"/*/; do
		d=${d%/}
		names="$names ${d##*/}"
	done
	for d in "$TRACES"/*/; do
		d=${d%/}
		names="$names trace/${d##*/}"
	done
	names="$names e2e"
fi

for name in $names; do
	case $name in
	e2e)
		run_e2e
		;;
	trace/*)
		if [ -d "$TRACES/${name#trace/}" ]; then
			run_trace_case "${name#trace/}"
		else
			: >"$TMP/why"
			note "no such trace case"
		fi
		report "$name"
		;;
	*)
		if [ -d "$CASES/$name" ]; then
			run_audit_case "$name"
		else
			: >"$TMP/why"
			note "no such case"
		fi
		report "$name"
		;;
	esac
done

t_end
