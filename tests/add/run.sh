#!/bin/sh
# tests/add/run.sh SITAT [CASE...] - sitat add (docs/sitat.1, evidence/README.md
# "Adding sources").  Each case adds one file, made here, to a fresh store
# (sitat init's) and compares, byte for byte, with tests/add/expected/:
#   CASE.out   what sitat printed (stdout and stderr) and its exit status
#   CASE.txt   sources/ID.txt written (a case that succeeds)
#   CASE.json  sources/ID.json written
# A case that succeeds must leave a store `sitat check` passes without a
# warning; a refusal (and --dry-run) must leave the store byte for byte as
# it was (a checksum of every file of evidence/).  The inputs: .txt with
# BOM, CRLF, CR, NFD, UTF-16LE/BE, windows-1252; a .docx (python3's
# zipfile); .vtt and .srt; a PDF with roman-numbered front matter
# (pdflatex + hyperref's page labels).  BLESS=1 writes the expected files
# from what comes out (read them before committing).
set -u
SITAT=${1:?usage: run.sh SITAT [CASE...]}
shift
case $SITAT in /*) ;; *) SITAT=$(pwd)/$SITAT ;; esac
root=$(pwd)
exp=$root/tests/add/expected
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
LC_ALL=C.UTF-8
export LC_ALL
. "$root/tests/lib.sh"
t_begin add
T_OUT=$tmp/out
want_cases="$*"

in=$tmp/in
mkdir -p "$in"
(cd "$tmp" && "$SITAT" init -q base --rq 'rq1:Q:Why?') >/dev/null 2>&1 ||
	{ echo "add: sitat init failed"; exit 1; }
rm -rf "$tmp/base/.git"

sum() { t_sums "$1"; }

selected() {
	[ -z "$want_cases" ] && return 0
	for c in $want_cases; do [ "$c" = "$1" ] && return 0; done
	return 1
}

# same NAME KIND FILE: FILE equals expected/NAME.KIND (tests/lib.sh t_same)
same() { t_same "$exp" "$@"; }

# add NAME WANT ID ARGS...: sitat add ARGS in a fresh store ($tmp/w/NAME);
# exit WANT; the output as expected; then, for WANT 0, ID's files as
# expected and check clean; else the store unchanged.
add() {
	name=$1 want=$2 id=$3
	shift 3
	selected "$name" || return 0
	w=$tmp/w/$name
	mkdir -p "$tmp/w"
	cp -r "$tmp/base" "$w"
	before=$(sum "$w")
	st=0
	(cd "$w" && "$SITAT" "$@") >"$T_OUT" 2>&1 || st=$?
	echo "exit $st" >>"$T_OUT"
	sed "s|$in/|IN/|g" "$T_OUT" >"$tmp/out.show"
	why=$(same "$name" out "$tmp/out.show")
	ok=$?
	if [ "$st" != "$want" ]; then
		why="exit $st, expected $want; output:
$(cat "$T_OUT")"
		ok=1
	fi
	if [ "$ok" = 0 ] && [ "$want" = 0 ] && [ -n "$id" ]; then
		why=$(same "$name" txt "$w/evidence/sources/$id.txt" &&
			same "$name" json "$w/evidence/sources/$id.json")
		ok=$?
		if [ "$ok" = 0 ]; then
			(cd "$w" && "$SITAT" check) >"$tmp/check" 2>&1
			c=$?
			if [ "$c" != 0 ] || ! grep -q ': 0 errors, 0 warnings' "$tmp/check"; then
				why="sitat check after add (exit $c):
$(cat "$tmp/check")"
				ok=1
			fi
		fi
	elif [ "$ok" = 0 ]; then
		if ! why=$(t_unchanged "$before" "$w"); then
			ok=1
		fi
	fi
	t_result "$name" "$ok" "$why"
}

# ---- the inputs -------------------------------------------------------------
long='INT: Og så, når du ser tilbake på de første månedene med prosjektet, hva var det som overrasket deg mest av alt?'
# UTF-8 with a BOM, CRLF line ends, NFD (e + U+0301, a + U+030A)
printf '\357\273\277%s\r\nINF: Det var vel at cafe\314\201en i sentrum ble brukt, og at sa\314\212 mange kom.\r\n\r\nINT: Takk.\r\n' \
	"$long" >"$in/bom-crlf-nfd.txt"
printf 'INT: Hei.\rINF: Hallo, og velkommen.\rINT: Takk.\r' >"$in/cr.txt"
python3 - "$in" <<'PY'
import sys
d = sys.argv[1]
t = "INT: Hvordan gikk det?\nINF: Det gikk bra, takk – ærlig talt.\n"
open(d + "/utf16le.txt", "wb").write(b"\xff\xfe" + t.encode("utf-16-le"))
open(d + "/utf16be.txt", "wb").write(b"\xfe\xff" + t.encode("utf-16-be"))
open(d + "/cp1252.txt", "wb").write("INT: Hvor mye?\nINF: Omtrent 20 € – «kanskje» mer.\n".encode("cp1252"))
open(d + "/invalid.txt", "wb").write(b"INT: Hei.\nINF: Dette er \xe6 ikke UTF-8.\n")
open(d + "/control.txt", "wb").write(b"INT: Hei.\nINF: Et \x07 signal og \x1b escape.\n")
open(d + "/formfeed.txt", "wb").write(b"Page one.\n\x0cPage two.\n\x0cPage three.\n")
open(d + "/names.txt", "w").write("Kari Nordmann: Hei, og velkommen.\nOla: Takk.\n"
    "Kari Nordmann: Skal vi begynne?\nNote that: this is not a label.\n")
open(d + "/empty.txt", "w").write("\n \n\t\n")
open(d + "/cp1252.srt", "wb").write("1\r\n00:00:01,000 --> 00:00:02,000\r\nINT: Hva koster det?\r\n\r\n2\r\n00:00:02,500 --> 00:00:04,000\r\nINF: 20 € – «omtrent».\r\n".encode("cp1252"))
open(d + "/timestamps.txt", "w").write("[00:00:01] Intervjuer: Hei, og velkommen.\n[00:00:04] Kari Nordmann: Takk.\n00:01:10 Intervjuer: Og så?\n")
open(d + "/indented.txt", "w").write("INT: Hei.\n   Kari: Hallo.\n\tINT: Og?\n")
PY
sh_docx() { python3 "$root/tests/add/mkdocx.py" "$@"; }
sh_docx "$in/interview.docx" 'Intervjuer: Velkommen. Kan du si litt om deg selv?' \
	'Informant: Ja. Jeg har jobbet i kommu|nen i tjue år[del:, eller tretti], og er leder\tfor et team.' \
	'' 'Intervjuer: Og e~post? Og av^stand?\nNy linje i samme avsnitt.' '\n  Informant: Etter et linjeskift.'
printf 'PK\003\004not really a zip' >"$in/broken.docx"
cat >"$in/interview.vtt" <<'EOF'
WEBVTT Kind: captions

NOTE made by a transcription program

1
00:00:01.000 --> 00:00:04.200
<v Intervjuer>Velkommen, og takk for at du
ville være med.

2
00:00:04.500 --> 00:00:06.000
<v Intervjuer>Kan du først si hvem du er?

00:00:06.500 --> 00:00:09.000 align:start
<v.loud Informant>Ja, jeg er <i>leder</i> for &amp; med et team.

00:01:10.000 --> 00:01:12.000
Og det har jeg vært lenge.

01:00:12.000 --> 01:00:15.000
<v Intervjuer>Takk.
EOF
printf '1\r\n00:00:01,000 --> 00:00:03,000\r\nSpeaker 1: Hei og velkommen.\r\n\r\n2\r\n00:00:03,500 --> 00:00:05,000\r\nSpeaker 2: <i>Takk</i>, {\\an8}hyggelig.\r\n\r\n3\r\n00:00:05,500 --> 00:00:07,000\r\nSpeaker 2: Det er fint.\r\n' >"$in/interview.srt"
printf 'WEBVTT\n\n00:00:01.000 --> 00:00:04.000\n<v kari>hei\n' >"$in/lower-voice.vtt"
printf 'WEBVTT\n\n00:00:01.000 -> 00:00:04.000\nINT: hei\n' >"$in/bad-timing.vtt"
printf 'WEBVTT\n\n00:00:01.000 --> 00:00:04.000\nINT: hei\n\n00:61:01.000 --> 00:62:00.000\nINT: igjen\n' >"$in/bad-time.vtt"
printf 'not webvtt\n' >"$in/not.vtt"

have_pdf=
if command -v pdflatex >/dev/null 2>&1 && command -v pdfinfo >/dev/null 2>&1; then
	cat >"$tmp/roman.tex" <<'EOF'
\documentclass{article}
\usepackage[T1]{fontenc}
\usepackage{hyperref}
\begin{document}
\pagenumbering{roman}
Preface: the front matter of the report.
\newpage
Contents of the report.
\newpage
\pagenumbering{arabic}
Chapter one: the municipality's first budget, its office and staff.
\newpage
Chapter two: what was decided.
\end{document}
EOF
	if (cd "$tmp" && pdflatex -interaction=nonstopmode roman.tex && pdflatex -interaction=nonstopmode roman.tex) >/dev/null 2>&1; then
		cp "$tmp/roman.pdf" "$in/report.pdf"
		have_pdf=yes
	fi
	# OT1 in bitmap (Type 3) fonts: poppler gives the letter ø as U+001C,
	# which is fi in T1; with æ (U+001A) in the text it must stay refused
	printf '%s\n' '\pdfmapfile{}' '\documentclass{article}' '\usepackage{hyperref}' \
		'\begin{document}' '\pagenumbering{roman}' 'Forord.' '\newpage' '\pagenumbering{arabic}' \
		'Innledning.' '' 'S\o knaden om st\o tte, \ae.' '\end{document}' >"$tmp/ot1.tex"
	(cd "$tmp" && pdflatex -interaction=nonstopmode ot1.tex && pdflatex -interaction=nonstopmode ot1.tex) \
		>/dev/null 2>&1 &&
		cp "$tmp/ot1.pdf" "$in/ot1.pdf"
fi

# ---- interviews from text -----------------------------------------------------
add txt-bom-crlf-nfd 0 I1 add interview "$in/bom-crlf-nfd.txt" --attr role=leder --attr sektor=helse --date 2024-05-02
add txt-cr 0 I1 add interview "$in/cr.txt"
# a label with a right-to-left override: stored as given, printed escaped
add txt-label-bidi 0 I1 add interview "$in/cr.txt" --label "$(printf 'Informant \342\200\256en')"
add txt-utf16le 0 I7 add interview "$in/utf16le.txt" --id I7 --label 'Informant sju'
add txt-utf16be 0 I2 add interview "$in/utf16be.txt" --id I2
add txt-cp1252 0 I1 add interview "$in/cp1252.txt" --encoding windows-1252
add txt-width 0 I1 add interview "$in/bom-crlf-nfd.txt" --width 40
add txt-speakers 0 I1 add interview "$in/names.txt" --speaker 'Kari Nordmann=INT' --speaker Ola=INF \
	--speaker 'Note that=-'
add txt-dry-run 0 '' add interview "$in/cr.txt" --dry-run
# the refusals, each with the store unchanged
add txt-invalid-utf8 1 '' add interview "$in/invalid.txt"
add txt-control 1 '' add interview "$in/control.txt"
add txt-formfeed-interview 1 '' add interview "$in/formfeed.txt"
add txt-unknown-encoding 1 '' add interview "$in/cp1252.txt" --encoding no-such-encoding
add txt-speakers-unmapped 1 '' add interview "$in/names.txt"
add txt-speakers-partly 1 '' add interview "$in/names.txt" --speaker 'Kari Nordmann=INT'
add txt-empty 1 '' add interview "$in/empty.txt"
add txt-timestamps 1 '' add interview "$in/timestamps.txt"
add txt-timestamps-mapped 0 I1 add interview "$in/timestamps.txt" --speaker Intervjuer=INT \
	--speaker 'Kari Nordmann=INF'
add txt-indented-label 1 '' add interview "$in/indented.txt"
add txt-indented-mapped 0 I1 add interview "$in/indented.txt" --speaker Kari=INF
add txt-bad-date 1 '' add interview "$in/cr.txt" --date 2024-13-01
add txt-missing-file 3 '' add interview "$in/no-such-file.txt"
add usage-kind 2 '' add survey "$in/cr.txt"
add usage-format 2 '' add interview "$in/cr.txt" --format rtf
add usage-bibkey-interview 2 '' add interview "$in/cr.txt" --bibkey x
add usage-speaker 2 '' add interview "$in/cr.txt" --speaker Kari=Boss
add usage-attr 2 '' add interview "$in/cr.txt" --attr role
add usage-attr-twice 2 '' add interview "$in/cr.txt" --attr role=a --attr role=b
add usage-id 2 '' add interview "$in/cr.txt" --id 7x
add usage-width 2 '' add interview "$in/cr.txt" --width 5
add usage-pdf-interview 2 '' add interview "$in/report.pdf"
# an id in use, a file in the way
if selected exists-id; then
	w=$tmp/w/exists-id
	mkdir -p "$tmp/w"
	cp -r "$tmp/base" "$w"
	(cd "$w" && "$SITAT" add -q interview "$in/cr.txt") >/dev/null 2>&1
	before=$(sum "$w")
	st=0
	(cd "$w" && "$SITAT" add interview "$in/cr.txt" --id I1) >"$T_OUT" 2>&1 || st=$?
	echo "exit $st" >>"$T_OUT"
	why=$(same exists-id out "$T_OUT")
	ok=$?
	[ "$(sum "$w")" = "$before" ] || { ok=1; why="the store changed"; }
	t_result exists-id "$ok" "$why"
	st=0
	(cd "$w" && "$SITAT" add -q interview "$in/cr.txt") >"$T_OUT" 2>&1 || st=$?
	[ "$st" = 0 ] && [ -f "$w/evidence/sources/I2.txt" ]
	t_result "exists-id: the next free id is I2" $? "$(cat "$T_OUT")"
	printf 'stray\n' >"$w/evidence/sources/I3.txt"
	before=$(sum "$w")
	st=0
	(cd "$w" && "$SITAT" add interview "$in/cr.txt" --id I3) >"$T_OUT" 2>&1 || st=$?
	echo "exit $st" >>"$T_OUT"
	why=$(same exists-file out "$T_OUT")
	ok=$?
	[ "$(sum "$w")" = "$before" ] || { ok=1; why="the store changed"; }
	t_result exists-file "$ok" "$why"
	printf '{}\n' >"$w/evidence/codings/I4.json"
	before=$(sum "$w")
	st=0
	(cd "$w" && "$SITAT" add interview "$in/cr.txt" --id I4) >"$T_OUT" 2>&1 || st=$?
	echo "exit $st" >>"$T_OUT"
	why=$(same exists-codings out "$T_OUT")
	ok=$?
	[ "$(sum "$w")" = "$before" ] || { ok=1; why="the store changed"; }
	t_result exists-codings "$ok" "$why"
fi

# ---- .docx, .vtt, .srt ------------------------------------------------------
add docx 0 I1 add interview "$in/interview.docx" --speaker Intervjuer=INT --speaker Informant=INF
add docx-unmapped 1 '' add interview "$in/interview.docx"
add docx-broken 1 '' add interview "$in/broken.docx"
add vtt 0 I1 add interview "$in/interview.vtt" --speaker Intervjuer=INT --speaker Informant=INF
add vtt-no-timestamps 0 I1 add interview "$in/interview.vtt" --speaker Intervjuer=INT \
	--speaker Informant=INF --no-timestamps
add vtt-lower-voice 1 '' add interview "$in/lower-voice.vtt"
add vtt-lower-voice-mapped 0 I1 add interview "$in/lower-voice.vtt" --speaker kari=INF
add vtt-bad-timing 1 '' add interview "$in/bad-timing.vtt"
add vtt-bad-time 1 '' add interview "$in/bad-time.vtt"
add vtt-not 1 '' add interview "$in/not.vtt"
add srt 0 I1 add interview "$in/interview.srt" --speaker 'Speaker 1=INT' --speaker 'Speaker 2=INF'
add srt-cp1252 0 I1 add interview "$in/cp1252.srt" --encoding windows-1252
add srt-as-txt 1 '' add interview "$in/interview.srt" --format txt

# ---- documents ----------------------------------------------------------------
add doc-txt-pages 0 D1 add document "$in/formfeed.txt" --title 'Årsrapport 2023' \
	--author 'Lillehammer kommune' --year 2023 --note 'Fiktiv' --attr type=rapport
printf 'Page one.\n\fPage two.\n\f' >"$in/pdftotext-form.txt"
add doc-trailing-formfeed 0 D1 add document "$in/pdftotext-form.txt"
add doc-bibkey 0 D4 add document "$in/formfeed.txt" --bibkey kommune2023 --id D4 --date 2023
add doc-docx 0 D1 add document "$in/interview.docx"
add usage-doc-speaker 2 '' add document "$in/formfeed.txt" --speaker a=INT
add usage-doc-bibkey-title 2 '' add document "$in/formfeed.txt" --bibkey k --title T
add usage-doc-vtt 2 '' add document "$in/interview.vtt"
if [ -n "$have_pdf" ]; then
	pdfinfo "$in/report.pdf" 2>/dev/null | grep -q '^Pages: *4$'
	t_result "pdf: the fixture has 4 pages (2 roman, 2 arabic)" $?
	add pdf-roman 0 D1 add document "$in/report.pdf" --title 'Rapport' --year 2024
	add pdf-dry-run 0 '' add document "$in/report.pdf" --dry-run
	# pdftotext keeps the T1 ligature codes of the fixture's fonts: refused
	pdftotext "$in/report.pdf" "$in/report.txt"
	add doc-pdftotext-ligatures 1 '' add document "$in/report.txt" --title Rapport
	printf '%%PDF-1.4\nbroken\n' >"$in/broken.pdf"
	add pdf-broken 1 '' add document "$in/broken.pdf"
	if [ -f "$in/ot1.pdf" ]; then
		add pdf-ot1-refused 1 '' add document "$in/ot1.pdf"
	else
		t_skip pdf-ot1-refused "pdflatex could not make bitmap fonts"
	fi
	add usage-pdf-encoding 2 '' add document "$in/report.pdf" --encoding latin1
else
	t_skip pdf-roman "pdflatex or pdfinfo missing"
fi
t_end
