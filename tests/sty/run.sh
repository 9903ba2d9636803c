#!/bin/sh
# Test thesis/sitat.sty: compile the test documents in tests/sty/ with
# latexmk (and biber) in a temporary directory and check the PDF text,
# the PDF's info, the .log, the .aux and the .sitat use log.  The four
# class documents (book, scrreprt, memoir, report) run under each engine
# (pdfLaTeX with T1 fonts; XeLaTeX and LuaLaTeX with fontspec, TU, no
# fontenc); then the options, the language files, the interface version
# of the generated files and the stamp.  Prints one line per case and the
# closing line of tests/lib.sh; exits non-zero if any case fails.  Writes
# nothing into the repo.
#
#   tests/sty/run.sh                      run all cases
#   ENGINES="pdflatex" tests/sty/run.sh   the class documents under these
#                                         engines only (default: all three)
#   KEEP=1 tests/sty/run.sh               keep the temporary directory

set -u

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
sty="$root/thesis/sitat.sty"
. "$root/tests/lib.sh"
t_begin sty

for tool in latexmk pdflatex biber pdftotext pdfinfo; do
    if ! command -v "$tool" >/dev/null 2>&1; then
        t_fail setup "$tool not found"
        t_end
        exit 2
    fi
done
if [ ! -f "$sty" ]; then
    t_fail setup "$sty not found"
    t_end
    exit 2
fi
engines=${ENGINES:-pdflatex xelatex lualatex}

tmp=$(mktemp -d "${TMPDIR:-/tmp}/sitat-sty.XXXXXX") || exit 2
if [ "${KEEP:-0}" = 1 ]; then
    echo "# temporary directory: $tmp"
else
    trap 'rm -rf "$tmp"' EXIT INT TERM
fi

case_name=
case_errors=

# err <message>: record a failure of the current case (one line each)
err() {
    case_errors="${case_errors}${case_errors:+
}$1"
}

# finish: count and print the result of the current case
finish() {
    if [ -z "$case_errors" ]; then
        t_pass "$case_name"
    else
        t_fail "$case_name" "$case_errors"
    fi
}

# prepare <case> <document>: fresh directory with the package, the fixture
# and the document; prints the directory
prepare() {
    d="$tmp/$1"
    mkdir -p "$d"
    cp "$sty" "$root"/thesis/sitat-*.def "$d/"
    cp -R "$here/generated" "$d/generated"
    cp "$here/body.tex" "$d/"
    if [ -n "$2" ]; then
        cp "$here/$2" "$d/"
    fi
    echo "$d"
}

# compile <dir> <job> [engine]: latexmk with pdflatex (default), xelatex
# or lualatex; returns its exit status
compile() {
    case ${3:-pdflatex} in
    pdflatex) opt=-pdf ;;
    xelatex) opt=-xelatex ;;
    lualatex) opt=-lualatex ;;
    esac
    (
        cd "$1" &&
        latexmk $opt -interaction=nonstopmode -halt-on-error \
            "$2.tex" >"$2.latexmk.out" 2>&1
    )
}
# firsterr <dir> <job>: the first error of the last run, for messages
firsterr() {
    grep -m1 -A2 '^!' "$1/$2.log" 2>/dev/null | tr '\n' ' '
}
# stampinfo <pdf>: the /SitatStamp of the PDF's info dictionary (pdfinfo
# reads it however the engine wrote the PDF), or nothing
stampinfo() {
    pdfinfo -custom "$1" 2>/dev/null | sed -n 's/^SitatStamp: *//p'
}

# text <dir> <job>: PDF text on one line (whitespace squeezed) -> <job>.txt,
# and a layout-preserving version -> <job>.layout
text() {
    pdftotext -enc UTF-8 "$1/$2.pdf" - 2>/dev/null |
        tr '\n\f' '  ' | tr -s ' ' >"$1/$2.txt"
    pdftotext -enc UTF-8 -layout "$1/$2.pdf" "$1/$2.layout" 2>/dev/null
}

# want <file> <fixed string>...: each string must occur in the file
want() {
    f=$1
    shift
    for s in "$@"; do
        grep -F -q -- "$s" "$f" || err "missing '$s' in $(basename "$f")"
    done
}

# wantre <file> <extended regex>...
wantre() {
    f=$1
    shift
    for s in "$@"; do
        grep -E -q -- "$s" "$f" || err "no match for /$s/ in $(basename "$f")"
    done
}

# check_clean <dir> <job>: no errors, no undefined references or citations,
# no broken or duplicate hyperlink targets in the last run
check_clean() {
    log="$1/$2.log"
    if grep -q '^!' "$log"; then
        err "LaTeX error: $(grep -m1 '^!' "$log")"
    fi
    if grep -Eq 'Reference .* undefined|Citation .* undefined|There were undefined' "$log"; then
        err "undefined references or citations"
    fi
    if grep -Eq 'has been referenced but does not exist|destination with the same identifier' "$log"; then
        err "broken or duplicate hyperlink targets"
    fi
    if grep -q 'Package sitat Warning' "$log"; then
        err "sitat warning: $(grep -m1 'Package sitat Warning' "$log")"
    fi
}

# check_uses <dir> <job>: the .sitat use log and the .aux records
check_uses() {
    use="$1/$2.sitat"
    if [ ! -f "$use" ]; then
        err "no $2.sitat"
        return
    fi
    wantre "$use" \
        '^use I1-003 [0-9]+ display - [^ ]+:[0-9]+$' \
        '^use I2-010 [0-9]+ display - [^ ]+:[0-9]+$' \
        '^use I2-010 [0-9]+ inline - [^ ]+:[0-9]+$' \
        '^use D1-001 [0-9]+ inline - [^ ]+:[0-9]+$' \
        '^use D1-002 [0-9]+ ref - [^ ]+:[0-9]+$' \
        '^use I1-003 [0-9]+ ref - [^ ]+:[0-9]+$'
    n=$(grep -c . "$use")
    [ "$n" -eq 7 ] || err "$2.sitat has $n lines, expected 7 (6 uses and end)"
    [ "$(tail -n 1 "$use")" = end ] || err "$2.sitat does not end with 'end'"
    if sed '$d' "$use" | grep -Ev '^use [A-Za-z0-9._-]+ [^ ]+ (display|inline|ref) [^ ]+ [^ ]+:[0-9]+$' >/dev/null; then
        err "malformed line in $2.sitat"
    fi
    wantre "$1/$2.aux" '^\\sitat@used\{I1-003\}\{[0-9]+\}$' '^\\sitat@haslist$'
    # the data version: in the PDF's info dictionary and in every page foot
    case $(stampinfo "$1/$2.pdf") in
    'sitat-stamp/1 state=clean commit=8e1d2aa0c1d2e3f405162738495a6b7c8d9e0f11 '*) ;;
    *) err "no /SitatStamp in $2.pdf" ;;
    esac
    pages=$(pdfinfo "$1/$2.pdf" 2>/dev/null | sed -n 's/^Pages: *//p')
    feet=$(pdftotext -enc UTF-8 "$1/$2.pdf" - 2>/dev/null | grep -c 'Data: evidence 3f2a91c . commit 8e1d2aa')
    [ "$feet" = "$pages" ] || err "stamp line on $feet of $pages pages of $2.pdf"
}

# Expected text of the Norwegian documents
want_nb() {
    want "$1" \
        'Materialet har 4 kodede segmenter fra 3 kilder' \
        'Vi skrev \input{/etc/passwd} og $x$ & 100' \
        '# _ ^ ~ <b> |' \
        '[anonymisert: arbeidsplass]' \
        '“typografiske” ‘enkle’' \
        'Æ Ø Å æ ø å é' \
        '[U+1F600]' \
        'Det kostet 100 kr ,, selvstendig' '™ ‰ † „sitat“ ‹x›.' \
        'Andre avsnitt etter tom linje.' \
        'vi måtte liksom lære oss å spørre først' \
        'l. 12–14' \
        'l. 7, min utheving' \
        's. 3, forkortet' \
        's. 3–4' \
        'l. 12–14, jf. omtalen' \
        'Lenker: I1-003, D1-002, D1-001.' \
        'I1-003, D1-001, D1-002' 'I2-010, I1-003, I2-010, I1-003' \
        '[U+2603]' \
        'ett / to' \
        'Koder, segmenter og sitater for Strategi' \
        'Koder, segmenter og sitater for Ledelse' \
        'Koder, segmenter og sitater for Kompetanse & verktøy' \
        'Hvordan forstår Lillehammer kommune samskaping' \
        'Kode × kilde-matrise (antall kodede segmenter)' \
        'I1-003 Informant 1, leder; l. 12–14.' \
        'D1-002 Planstrategi 2020–2023; s. 3–4.' \
        'Andre avsnitt etter tom linje.» ('
}
want_nb_layout() {
    wantre "$1" \
        'Kode +Segmenter +Informanter +Kilder +Sitater' \
        'Kode +I1 +I2 +D1'
}

# ---------------------------------------------------------------------
# The four test documents, under each engine
# ---------------------------------------------------------------------

# unicode_doc <src> <dst>: the document for XeLaTeX/LuaLaTeX: fontspec
# (TU, Latin Modern) instead of fontenc, inputenc and the Type 1 fonts
unicode_doc() {
    sed -e '/fontenc/d' -e '/inputenc/d' -e '/{lmodern}/d' \
        -e '/{mathptmx}/d' -e '/{helvet}/d' -e '/{courier}/d' \
        -e 's/^\\documentclass.*$/&\
\\usepackage{fontspec}/' "$1" >"$2"
}

# class_case <document> <engine>: compile tests/sty/<document>.tex and
# check what every document must show, then the document's own strings
class_case() {
    doc=$1
    eng=$2
    case_name="$doc ($eng)"
    case_errors=
    if ! command -v "$eng" >/dev/null 2>&1; then
        t_skip "$case_name" "$eng not found"
        return
    fi
    d=$(prepare "$doc-$eng" "$doc.tex")
    if [ "$eng" != pdflatex ]; then
        unicode_doc "$here/$doc.tex" "$d/$doc.tex"
    fi
    if compile "$d" "$doc" "$eng"; then
        check_clean "$d" "$doc"
        if grep -q 'fontenc' "$d/$doc.tex" && [ "$eng" != pdflatex ]; then
            err "the $eng document loads fontenc"
        fi
        text "$d" "$doc"
        case $doc in
        book)
            want_nb "$d/book.txt"
            want "$d/book.txt" 'Informant 1, leder (2022, l. 12–14)' \
                '«vi måtte liksom lære oss å spørre først» (Informant 2 2022, l. 7)' \
                'Intervju med Informant 1' '(se s. '
            want_nb_layout "$d/book.layout"
            ;;
        scrreprt)
            want_nb "$d/scrreprt.txt"
            want "$d/scrreprt.txt" 'Informant 1, leder [1, l. 12–14]' \
                'Tabell 1.3 (forts.)' 'Intervju med Informant 1'
            want_nb_layout "$d/scrreprt.layout"
            ;;
        memoir)
            want_nb "$d/memoir.txt"
            want "$d/memoir.txt" '— Informant 1 (leder), (2022, l. 12–14)' \
                'Tabell 1.3 (fortsatt)' '(se side ' 'Intervju med Informant 1'
            want_nb_layout "$d/memoir.layout"
            ;;
        report-en)
            want "$d/report-en.txt" \
                'Vi skrev \input{/etc/passwd} og $x$ & 100' \
                'Andre avsnitt etter tom linje.' \
                'Informant 1, leder [1, ll. 12–14]' \
                'Informant 2, medarbeider [2, l. 7, min utheving]' \
                '“vi måtte liksom lære oss å spørre først” [2, l. 7]' \
                '[3, p. 3, forkortet]' \
                '[3, pp. 3–4]' \
                'Codes, segments and quotes for Strategi' \
                'Code × source matrix (number of coded segments)' \
                'I1-003 Informant 1, leder; ll. 12–14.' \
                'D1-002 Planstrategi 2020–2023; pp. 3–4.' \
                '(see p. '
            wantre "$d/report-en.layout" \
                'Code +Segments +Informants +Sources +Quotes' \
                'Code +I1 +I2 +D1'
            ;;
        esac
        check_uses "$d" "$doc"
    else
        err "latexmk ($eng) failed: $(firsterr "$d" "$doc")"
    fi
    finish
}

for eng in $engines; do
    for doc in book scrreprt memoir report-en; do
        class_case "$doc" "$eng"
    done
done

# ---------------------------------------------------------------------
# Unknown ids, missing files, the language
# ---------------------------------------------------------------------

# mini <dir> <job> <package options> <body>: a small document
mini() {
    cat >"$1/$2.tex" <<EOF
\\documentclass{report}
\\usepackage[T1]{fontenc}
\\usepackage{mathptmx}
\\usepackage{courier}
\\usepackage[norsk]{babel}
\\usepackage{csquotes}
\\usepackage[$3]{sitat}
\\begin{document}
$4
\\end{document}
EOF
}

case_name=unknown-quote-final
case_errors=
d=$(prepare unknown-quote-final "")
mini "$d" doc "" 'Tekst \sitat{NOPE-999} slutt.'
if compile "$d" doc; then
    err "compiled although the quote id is unknown"
fi
want "$d/doc.log" "Package sitat Error: Unknown quote id \`NOPE-999'"
finish

case_name=unknown-rq-final
case_errors=
d=$(prepare unknown-rq-final "")
mini "$d" doc "" '\sitattable{rq9}'
if compile "$d" doc; then
    err "compiled although the research question id is unknown"
fi
want "$d/doc.log" "Package sitat Error: Unknown research question id \`rq9'"
finish

case_name=unknown-draft
case_errors=
d=$(prepare unknown-draft "")
mini "$d" doc "draft" 'Tekst \sitat{NOPE-999} og \sitatinline{\undefinedmacro x}
og \sitatlink{nope 2} og \sitatref{I1-003}. \sitattable{rq9}'
if compile "$d" doc; then
    text "$d" doc
    want "$d/doc.txt" '[?? NOPE-999]' '[?? \undefinedmacro x]' '[?? nope 2]' \
        '[?? rq9]' '[I1-003]'
    want "$d/doc.log" "Package sitat Warning: Unknown quote id \`NOPE-999'" \
        "Package sitat Warning: Unknown research question id \`rq9'"
    if grep -q '^!' "$d/doc.log"; then
        err "LaTeX error in draft mode"
    fi
else
    err "latexmk failed in draft mode: $(grep -m1 '^!' "$d/doc.log" 2>/dev/null)"
fi
finish

case_name=missing-files
case_errors=
d=$(prepare missing-files "")
mini "$d" doc "draft,dir=nowhere" 'Tekst \sitat{I1-003} slutt. \sitatmatrix'
if compile "$d" doc; then
    text "$d" doc
    want "$d/doc.log" 'nowhere/quotes.tex not found; run `make`' \
        'nowhere/tables.tex not found; run `make`'
    want "$d/doc.txt" '[?? I1-003]' '[?? matrix]'
    want "$d/doc.log" 'Package sitat Warning: No matrix data'
else
    err "latexmk failed: $(grep -m1 '^!' "$d/doc.log" 2>/dev/null)"
fi
finish

case_name=encoding-warning
case_errors=
d=$(prepare encoding-warning "")
cat >"$d/doc.tex" <<'EOF'
\documentclass{article}
\usepackage{sitat}
\begin{document}
\sitatinline{I2-010} \textquotedbl{}ja\textquotedbl{}
\end{document}
EOF
if compile "$d" doc; then
    want "$d/doc.log" 'Package sitat Warning: The font encoding is OT1'
    if grep -q '^!' "$d/doc.log"; then
        err "LaTeX error with OT1"
    fi
else
    err "latexmk failed: $(grep -m1 '^!' "$d/doc.log" 2>/dev/null)"
fi
finish

case_name=lang-follows-babel
case_errors=
d=$(prepare lang-follows-babel "")
mini "$d" doc "" 'Norsk: \sitatref{D1-002}.
\selectlanguage{english}English: \sitatref{D1-002}; \sitatinline{D1-001}.'
sed -i 's/\[norsk\]{babel}/[english,norsk]{babel}/' "$d/doc.tex"
if compile "$d" doc; then
    text "$d" doc
    want "$d/doc.txt" 'Norsk: [?, s. 3–4].' 'English: [?, pp. 3–4];' \
        'løsninger på felles utfordringer.» [?, p. 3].'
else
    err "latexmk failed: $(grep -m1 '^!' "$d/doc.log" 2>/dev/null)"
fi
finish

# ---------------------------------------------------------------------
# The stamp: missing, not current, a mixed set; the footer's options;
# a document that has a claim environment of its own
# ---------------------------------------------------------------------

# odoc <dir> <package options> <preamble> <body>: a small English document
odoc() {
    cat >"$1/doc.tex" <<EOF
\\documentclass{article}
\\usepackage[T1]{fontenc}
\\usepackage{mathptmx}
\\usepackage{csquotes}
$3
\\usepackage[lang=en,$2]{sitat}
\\begin{document}
$4
\\end{document}
EOF
}
# stampdoc <dir> <package options> <preamble>: odoc with a quote and a claim
stampdoc() {
    odoc "$1" "$2" "$3" 'Text \sitatinline{I2-010}.
\begin{sitatclaim}{c1}A claim.\end{sitatclaim}'
}
# no_clean <dir>: neither the PDF's text nor its stamp says clean
no_clean() {
    if grep -q 'clean' "$1/doc.txt"; then err "the PDF says clean"; fi
    if grep -aq '/SitatStamp (sitat-stamp/1 state=clean' "$1/doc.pdf"; then
        err "/SitatStamp says clean"
    fi
}

case_name=stamp-missing-says-unknown
case_errors=
d=$(prepare stamp-missing "")
rm "$d/generated/stamp.tex"
stampdoc "$d" "" ""
if compile "$d" doc; then
    text "$d" doc
    want "$d/doc.txt" 'Data: UNKNOWN (no stamp.tex: build with sitat build)'
    want "$d/doc.log" 'Package sitat Warning: No data version'
    grep -aq '/SitatStamp (sitat-stamp/1 state=unknown)' "$d/doc.pdf" ||
        err "no /SitatStamp state=unknown"
    no_clean "$d"
else
    err "latexmk failed: $(grep -m1 '^!' "$d/doc.log" 2>/dev/null)"
fi
finish

case_name=stamp-not-current-after-an-edit
case_errors=
d=$(prepare stamp-stale "")
stampdoc "$d" "" '\input{chapter}'
printf '%s\n' '\newcommand\chapterloaded{}' >"$d/chapter.tex"
# the stamp lists the files LaTeX read and their MD5 then (upper case)
printf '\\sitat@stampfile{doc.tex}{%s}\n\\sitat@stampfile{chapter.tex}{%s}\n' \
    "$(md5sum "$d/doc.tex" | cut -d' ' -f1 | tr a-f A-F)" \
    "$(md5sum "$d/chapter.tex" | cut -d' ' -f1 | tr a-f A-F)" >>"$d/generated/stamp.tex"
if compile "$d" doc; then
    text "$d" doc
    want "$d/doc.txt" 'commit 8e1d2aa · clean'
    echo '% edited' >>"$d/chapter.tex"
    if compile "$d" doc; then
        text "$d" doc
        want "$d/doc.txt" 'STAMP NOT CURRENT (files changed after sitat stamp'
        want "$d/doc.log" 'The stamp is not current: chapter.tex has changed'
        grep -aq '/SitatStamp (sitat-stamp/1 state=stale)' "$d/doc.pdf" ||
            err "no /SitatStamp state=stale"
        no_clean "$d"
    else
        err "latexmk failed after the edit: $(grep -m1 '^!' "$d/doc.log" 2>/dev/null)"
    fi
else
    err "latexmk failed: $(grep -m1 '^!' "$d/doc.log" 2>/dev/null)"
fi
finish

# the generated files carry their store's id: a mixed set stops the build
case_name=mixed-generated-set-refused
case_errors=
d=$(prepare mixed "")
stampdoc "$d" "" ""
echo '\sitat@storeid{quotes.tex}{1111111111111111111111111111111111111111}' >>"$d/generated/quotes.tex"
echo '\sitat@storeid{tables.tex}{2222222222222222222222222222222222222222}' >>"$d/generated/tables.tex"
if compile "$d" doc; then
    err "compiled from a mixed set"
fi
want "$d/doc.log" 'Package sitat Error: generated/quotes.tex and generated/tables.tex'
finish

case_name=same-store-id-in-all-three
case_errors=
d=$(prepare same-id "")
stampdoc "$d" "" ""
id=3333333333333333333333333333333333333333
echo "\\sitat@storeid{quotes.tex}{$id}" >>"$d/generated/quotes.tex"
echo "\\sitat@storeid{tables.tex}{$id}" >>"$d/generated/tables.tex"
printf '%% Generated by sitat\n%% sitat-store-id: %s\n' "$id" >"$d/generated/sitat.bib"
echo "\\sitat@stamp{storeid}{$id}" >>"$d/generated/stamp.tex"
if compile "$d" doc; then
    text "$d" doc
    want "$d/doc.txt" 'commit 8e1d2aa · clean'
    # then a sitat.bib from another store version
    printf '%% sitat-store-id: 4444444444444444444444444444444444444444\n' >"$d/generated/sitat.bib"
    if compile "$d" doc; then err "compiled with a sitat.bib from another store"; fi
    want "$d/doc.log" 'Package sitat Error: generated/quotes.tex and generated/sitat.bib'
else
    err "latexmk failed: $(grep -m1 '^!' "$d/doc.log" 2>/dev/null)"
fi
finish

case_name=footer-options
case_errors=
d=$(prepare footer "")
stampdoc "$d" "footer=false" ""
if compile "$d" doc; then
    text "$d" doc
    if grep -q 'Data: evidence' "$d/doc.txt"; then err "footer=false: the stamp is still in the foot"; fi
    grep -aq '/SitatStamp (sitat-stamp/1 state=clean' "$d/doc.pdf" ||
        err "footer=false: no /SitatStamp"
else
    err "latexmk failed: $(grep -m1 '^!' "$d/doc.log" 2>/dev/null)"
fi
stampdoc "$d" "footerpos=top,footeralign=left,footeroffset=10mm" \
    '\AtBeginDocument{\renewcommand\sitatstampfootformat[1]{\textit{[#1]}}}'
if compile "$d" doc; then
    pdftotext -enc UTF-8 -layout "$d/doc.pdf" - | head -n 3 >"$d/top.txt"
    want "$d/top.txt" '[Data: evidence 3f2a91c · commit 8e1d2aa · clean]'
else
    err "latexmk failed (top, left): $(grep -m1 '^!' "$d/doc.log" 2>/dev/null)"
fi
finish

case_name=claim-taken-by-amsthm
case_errors=
d=$(prepare claim-taken "")
stampdoc "$d" "" '\usepackage{amsthm}\newtheorem{claim}{Claim}'
if compile "$d" doc; then
    want "$d/doc.log" "Package sitat Warning: This document defines a \`claim' environment"
    wantre "$d/doc.sitat" '^claim c1 [0-9]+ - [^ ]+:[0-9]+$'
else
    err "latexmk failed: $(grep -m1 '^!' "$d/doc.log" 2>/dev/null)"
fi
stampdoc "$d" "claimalias=false" '\usepackage{amsthm}\newtheorem{claim}{Claim}'
if compile "$d" doc; then
    if grep -q "defines a \`claim'" "$d/doc.log"; then err "claimalias=false still warns"; fi
else
    err "latexmk failed (claimalias=false): $(grep -m1 '^!' "$d/doc.log" 2>/dev/null)"
fi
finish

# ---------------------------------------------------------------------
# The options colophon, trailerid, claim; keys set too late; bad values
# ---------------------------------------------------------------------


case_name=colophon-false
case_errors=
d=$(prepare colophon "")
odoc "$d" "" "" 'Text. \sitatstampblock'
if compile "$d" doc; then
    text "$d" doc
    want "$d/doc.txt" 'Data version' 'Check with: sitat verify thesis.pdf'
else
    err "latexmk failed: $(firsterr "$d" doc)"
fi
odoc "$d" "colophon=false" "" 'Text. \sitatstampblock'
if compile "$d" doc; then
    text "$d" doc
    if grep -q 'Data version\|sitat verify' "$d/doc.txt"; then
        err "colophon=false: \\sitatstampblock still prints the stamp"
    fi
    want "$d/doc.txt" 'Data: evidence 3f2a91c · commit 8e1d2aa · clean'
else
    err "latexmk failed (colophon=false): $(firsterr "$d" doc)"
fi
finish

# trailerid: by default no /ID (it would hash the output path); with
# trailerid=false the engine's own /ID, and /SitatStamp all the same
for eng in pdflatex lualatex; do
    case_name="trailerid-false ($eng)"
    case_errors=
    d=$(prepare "trailerid-$eng" "")
    odoc "$d" "" "" 'Text.'
    if [ "$eng" != pdflatex ]; then
        unicode_doc "$d/doc.tex" "$d/doc.u" && mv "$d/doc.u" "$d/doc.tex"
    fi
    if compile "$d" doc "$eng"; then
        if grep -aq '/ID *\[' "$d/doc.pdf"; then err "an /ID by default"; fi
    else
        err "latexmk failed: $(firsterr "$d" doc)"
    fi
    sed -i 's/\[lang=en,\]{sitat}/[lang=en,trailerid=false]{sitat}/' "$d/doc.tex"
    if compile "$d" doc "$eng"; then
        grep -aq '/ID *\[' "$d/doc.pdf" || err "trailerid=false: no /ID"
        case $(stampinfo "$d/doc.pdf") in
        'sitat-stamp/1 state=clean '*) ;;
        *) err "trailerid=false: no /SitatStamp" ;;
        esac
    else
        err "latexmk failed (trailerid=false): $(firsterr "$d" doc)"
    fi
    finish
done

case_name=claim-false
case_errors=
d=$(prepare claim-false "")
odoc "$d" "claim=false" "" '\begin{claim}{c1}A claim.\end{claim}'
if compile "$d" doc; then
    err "claim=false: \\begin{claim} is still defined"
fi
want "$d/doc.log" 'Environment claim undefined'
# with a claim of the document's own: theirs, no warning; sitatclaim audited
odoc "$d" "claim=false" '\usepackage{amsthm}\newtheorem{claim}{Claim}' \
    '\begin{claim}Theirs.\end{claim}
\begin{sitatclaim}{c2}Ours \sitatinline{I2-010}.\end{sitatclaim}'
if compile "$d" doc; then
    if grep -q "defines a \`claim'" "$d/doc.log"; then err "claim=false still warns"; fi
    text "$d" doc
    want "$d/doc.txt" 'Claim 1. Theirs.'
    wantre "$d/doc.sitat" '^claim c2 [0-9]+ - [^ ]+:[0-9]+$' \
        '^use I2-010 [0-9]+ inline c2 [^ ]+:[0-9]+$'
else
    err "latexmk failed (amsthm): $(firsterr "$d" doc)"
fi
finish

case_name=keys-too-late
case_errors=
d=$(prepare late "")
odoc "$d" "" "" '\sitatsetup{claim=false,trailerid=false,dir=x}
\begin{claim}{c1}Still sitat'"'"'s claim \sitatref{I2-010}.\end{claim}'
if compile "$d" doc; then
    want "$d/doc.log" 'Package sitat Warning: claim=false comes too late' \
        'Package sitat Warning: trailerid=false comes too late' \
        'Package sitat Warning: dir=x comes too late'
    wantre "$d/doc.sitat" '^claim c1 [0-9]+ - [^ ]+:[0-9]+$'
else
    err "latexmk failed: $(firsterr "$d" doc)"
fi
finish

case_name=bad-option-values
case_errors=
d=$(prepare badopt "")
# a boolean: kvoptions warns and keeps the value (final: an unknown id
# is still an error)
odoc "$d" "draft=maybe" "" 'Text \sitatref{NOPE-1}.'
if compile "$d" doc; then err "draft=maybe: compiled with an unknown id"; fi
want "$d/doc.log" "Package sitat Warning: Value \`maybe' is not supported by" \
    "Package sitat Error: Unknown quote id \`NOPE-1'"
odoc "$d" "tables=huge" "" 'Text.'
if compile "$d" doc; then err "compiled with tables=huge"; fi
want "$d/doc.log" 'Package sitat Error: tables=huge: use one of auto,float,long'
finish

# ---------------------------------------------------------------------
# Language files: sitat-nn.def, a language added by a file, an unknown one
# ---------------------------------------------------------------------

# ldoc <dir> <babel> <package options> <preamble>: a document with the
# strings of tables, locators, the quote list and the stamp
ldoc() {
    cat >"$1/doc.tex" <<EOF
\\documentclass{article}
\\usepackage[T1]{fontenc}
\\usepackage{mathptmx}
\\usepackage[$2]{babel}
\\usepackage{csquotes}
\\usepackage[$3]{sitat}
$4
\\begin{document}
Ref: \\sitatref{D1-002}; \\sitatinline{I1-003}.
\\sitattable[h]{rq1}
\\sitatquotelist
\\sitatstampblock
\\end{document}
EOF
}

case_name=lang-nn
case_errors=
d=$(prepare lang-nn "")
ldoc "$d" norsk "lang=nn" ""
if compile "$d" doc; then
    text "$d" doc
    want "$d/doc.txt" 'Ref: [?, s. 3–4]' 'Kodar, segment og sitat for Strategi' \
        'Informantar' 'Kjelder' 'Tala for ein overordna kode omfattar' \
        '(sjå s. 1)' 'Dataversjon' 'Byggjedato (commit-tid)' \
        'Data: evidence 3f2a91c · commit 8e1d2aa · rein'
    want "$d/doc.log" 'File: sitat-nn.def'
else
    err "latexmk failed: $(firsterr "$d" doc)"
fi
# babel's nynorsk gives nn too; \sitatsetstring[nynorsk] beats the file
ldoc "$d" nynorsk "" '\sitatsetstring[nynorsk]{tablecaption}{Kodetabell for}'
if compile "$d" doc; then
    text "$d" doc
    want "$d/doc.txt" 'Kodetabell for Strategi' '(sjå s. 1)' 'Informantar'
else
    err "latexmk failed (babel nynorsk): $(firsterr "$d" doc)"
fi
finish

case_name=lang-by-file
case_errors=
d=$(prepare lang-by-file "")
# a new language is a new file: Swedish (two strings, the rest falls
# back to English), found from babel's swedish
printf '%s\n' '\ProvidesFile{sitat-sv.def}[2026/12/01 test strings]' \
    '\sitat@defstring{tablecaption}{Koder, segment och citat för}' \
    '\sitat@defstring{pages}{s.}' '\endinput' >"$d/sitat-sv.def"
ldoc "$d" swedish "" ""
if compile "$d" doc; then
    text "$d" doc
    want "$d/doc.txt" 'Ref: [?, s. 3–4]' 'Koder, segment och citat för Strategi' \
        '(see p. 1)'
    want "$d/doc.log" 'File: sitat-sv.def'
    if grep -q 'No strings for language' "$d/doc.log"; then err "a warning for sv"; fi
else
    err "latexmk failed: $(firsterr "$d" doc)"
fi
finish

case_name=lang-unknown-english
case_errors=
d=$(prepare lang-unknown "")
ldoc "$d" norsk "lang=xx" ""
if compile "$d" doc; then
    text "$d" doc
    want "$d/doc.txt" 'Ref: [?, pp. 3–4]' 'Codes, segments and quotes for Strategi'
    want "$d/doc.log" "Package sitat Warning: No strings for language \`xx' (no file"
    n=$(grep -c "No strings for language" "$d/doc.log")
    [ "$n" = 1 ] || err "the warning $n times, not once"
else
    err "latexmk failed: $(firsterr "$d" doc)"
fi
finish

# ---------------------------------------------------------------------
# The interface version of the generated files
# ---------------------------------------------------------------------

# run1 <dir>: one pdflatex run that goes on after errors (the PDF shows
# what was read)
run1() {
    (cd "$1" && pdflatex -interaction=nonstopmode doc.tex >/dev/null 2>&1)
}

case_name=interface-mismatch
case_errors=
d=$(prepare iface "")
odoc "$d" "draft" "" 'Text \sitatinline{I2-010}. \sitattable{rq1}'
sed -i 's/^\\csname sitat@interface\\endcsname{2}{quotes.tex}$/\\csname sitat@interface\\endcsname{1}{quotes.tex}/' \
    "$d/generated/quotes.tex"
sed -i 's/^\\csname sitat@interface\\endcsname{2}{tables.tex}$/\\csname sitat@interface\\endcsname{3}{tables.tex}/' \
    "$d/generated/tables.tex"
run1 "$d"
want "$d/doc.log" \
    'Package sitat Error: generated/quotes.tex is from an older sitat' \
    'Regenerate it with sitat >= 0.2 (sitat generate)' \
    'Package sitat Error: generated/tables.tex is from a newer sitat' \
    'Update sitat.sty (sitat init --update-sty)'
case $(firsterr "$d" doc) in
*'generated/quotes.tex is from an older sitat'*) ;;
*) err "the first error is not the interface's: $(firsterr "$d" doc)" ;;
esac
# the files were skipped: the ids are unknown (draft: markers)
pdftotext -enc UTF-8 "$d/doc.pdf" - 2>/dev/null | tr '\n' ' ' >"$d/doc.txt"
want "$d/doc.txt" '[?? I2-010]' '[?? rq1]'
if compile "$d" doc; then err "compiled with interface 1 and 3"; fi
finish

case_name=old-protocol-trapped
case_errors=
d=$(prepare old "")
odoc "$d" "" "" 'Text \sitatinline{I2-010}.'
# quotes.tex and stamp.tex as sitat 0.1 wrote them
for f in quotes stamp; do
    sed -e '/sitat@interface/d' -e 's/\\sitat@\(defquote\|storeinfo\|stamp\)/\\sitat\1/g' \
        "$d/generated/$f.tex" >"$d/generated/$f.old" &&
        mv "$d/generated/$f.old" "$d/generated/$f.tex"
done
grep -q '^\\sitatdefquote{I2-010}' "$d/generated/quotes.tex" || err "setup: no old quotes.tex"
run1 "$d"
want "$d/doc.log" \
    'Package sitat Error: generated/quotes.tex is from an older sitat (before 0.2' \
    'Package sitat Error: generated/stamp.tex is from an older sitat (before 0.2' \
    'Regenerate it with sitat >= 0.2 (sitat generate)'
n=$(grep -c 'is from an older sitat' "$d/doc.log")
[ "$n" = 2 ] || err "$n old-file errors, not one per file (2)"
case $(firsterr "$d" doc) in
*'generated/quotes.tex is from an older sitat'*) ;;
*) err "the first error is not the trap's: $(firsterr "$d" doc)" ;;
esac
finish

# audit.tex is written after the LaTeX run: one from an older sitat must
# not stop the run that makes the record `sitat audit' needs
case_name=old-audit-tex-is-a-warning
case_errors=
d=$(prepare old-audit "")
printf '%s\n' '% Generated by sitat 0.1.0 (sitat audit) from the store and the thesis. Do not edit.' \
    '\sitatdefaudit{1}{1}{1}{0}{%' \
    '\sitatauditrq{rq1}{Strategi}{Hva?}{1}{1}{1}{0}%' '}' >"$d/generated/audit.tex"
odoc "$d" "" "" 'Text. \sitatauditappendix'
if compile "$d" doc; then
    want "$d/doc.log" 'Package sitat Warning: generated/audit.tex is from an older sitat' \
        '(sitat audit writes it again'
    text "$d" doc
    want "$d/doc.txt" 'The audit has not run yet (run make).'
    [ "$(tail -n 1 "$d/doc.sitat")" = end ] || err "doc.sitat does not end with 'end'"
else
    err "latexmk failed: $(firsterr "$d" doc)"
fi
finish

case_name=interface-line-missing-or-misused
case_errors=
d=$(prepare iface-misuse "")
# no interface line at all
printf '%% not from sitat\n\\def\\x{}\n' >"$d/generated/tables.tex"
odoc "$d" "" "" 'Text.'
if compile "$d" doc; then err "compiled with a tables.tex without interface line"; fi
want "$d/doc.log" 'Package sitat Error: generated/tables.tex has no interface line'
# a generated file \input by hand
d=$(prepare iface-input "")
odoc "$d" "" "" 'Text. \input{generated/stamp.tex}'
if compile "$d" doc; then err "compiled with \\input{generated/stamp.tex}"; fi
want "$d/doc.log" 'Package sitat Error: stamp.tex is read by sitat.sty itself'
# a new file read without the package's interface (as sitat 0.1's
# sitat.sty reads it: @ not a letter, no \sitat@interface)
d=$(prepare iface-nopkg "")
printf '%s\n' '\documentclass{article}' '\begin{document}' \
    '\input{generated/quotes.tex}' 'Text.' '\end{document}' >"$d/doc.tex"
run1 "$d"
case $(firsterr "$d" doc) in
*'quotes.tex needs sitat.sty with interface 2'*) ;;
*) err "not the first line's error: $(firsterr "$d" doc)" ;;
esac
want "$d/doc.log" 'update sitat.sty (sitat init --update-sty)'
n=$(grep -c '^!' "$d/doc.log")
[ "$n" = 1 ] || err "$n errors, not 1 (the file is not read past its first line)"
finish

# ---------------------------------------------------------------------
# Without the kernel's hooks (LaTeX before 2020-10): atbegshi, atveryend
# ---------------------------------------------------------------------
case_name=no-kernel-hooks-fallback
case_errors=
d=$(prepare nohooks "")
odoc "$d" "" '\makeatletter\def\sitat@nohooks{}\makeatother' \
    'One \sitatinline{I2-010}.\clearpage Two.\clearpage Three \sitatref{D1-002}.'
if compile "$d" doc; then
    want "$d/doc.log" 'No kernel hooks: the stamp line uses atbegshi'
    pages=$(pdfinfo "$d/doc.pdf" 2>/dev/null | sed -n 's/^Pages: *//p')
    feet=$(pdftotext -enc UTF-8 "$d/doc.pdf" - 2>/dev/null | grep -c 'Data: evidence 3f2a91c . commit 8e1d2aa')
    if [ "$pages" != 3 ] || [ "$feet" != 3 ]; then
        err "stamp line on $feet of $pages pages"
    fi
    [ "$(tail -n 1 "$d/doc.sitat")" = end ] || err "doc.sitat does not end with 'end'"
    wantre "$d/doc.sitat" '^use D1-002 3 ref - [^ ]+:[0-9]+$'
else
    err "latexmk failed: $(firsterr "$d" doc)"
fi
finish

# ---------------------------------------------------------------------
# The TeX inputs: /SitatInputs, the MD5 of "NAME=MD5;" for every file of
# \@filelist at \begin{document}, under each engine; a changed comment in
# a package found first on TEXINPUTS changes it, and nothing else
# ---------------------------------------------------------------------
# inputsinfo <pdf>: the /SitatInputs of the PDF's info dictionary
inputsinfo() {
    pdfinfo -custom "$1" 2>/dev/null | sed -n 's/^SitatInputs: *//p'
}
# filelist <dir>: the names of the \@filelist the document wrote to its
# log (FILELIST=...=END, over lines of 79 characters), one a line
filelist() {
    tr -d '\n' <"$1/doc.log" | sed -n 's/.*FILELIST=\(.*\)=END.*/\1/p' | tr ',' '\n' |
        grep -v '^$'
}
# filelist_md5 <dir>: the digest computed here from that list, each file
# found by kpsewhich: the MD5 of "NAME=MD5;" for each, upper case
filelist_md5() {
    filelist "$1" | (cd "$1" && python3 -c '
import hashlib, subprocess, sys
lines = ""
for n in sys.stdin.read().split():
    p = subprocess.run(["kpsewhich", n], capture_output=True, text=True).stdout.strip()
    h = hashlib.md5(open(p, "rb").read()).hexdigest().upper() if p else ""
    lines += n + "=" + h + ";"
print(hashlib.md5(lines.encode()).hexdigest().upper())')
}
inputs_pre='\makeatletter\AddToHook{begindocument/end}[z]{\typeout{FILELIST=\@filelist=END}}\makeatother'
for eng in $engines; do
    case_name="inputs-digest ($eng)"
    case_errors=
    if ! command -v "$eng" >/dev/null 2>&1; then
        t_skip "$case_name" "$eng not found"
        continue
    fi
    d=$(prepare "inputs-$eng" "")
    odoc "$d" "" "\\usepackage{hyperref}$inputs_pre" 'Text.'
    if [ "$eng" != pdflatex ]; then
        unicode_doc "$d/doc.tex" "$d/doc.u" && mv "$d/doc.u" "$d/doc.tex"
    fi
    if compile "$d" doc "$eng"; then
        got=$(inputsinfo "$d/doc.pdf")
        case $got in
        [0-9A-F][0-9A-F][0-9A-F][0-9A-F][0-9A-F][0-9A-F][0-9A-F][0-9A-F]*)
            [ ${#got} = 32 ] || err "/SitatInputs is not an MD5: $got" ;;
        *) err "no /SitatInputs: '$got'" ;;
        esac
        want=$(filelist_md5 "$d")
        [ "$got" = "$want" ] || err "/SitatInputs $got, the file list's digest $want"
        filelist "$d" | grep -qx 'hyperref.sty' || err "hyperref.sty not in the file list"
        filelist "$d" | grep -qx 'nameref.sty' ||
            err "nameref.sty (loaded at \\begin{document}) not in the file list"
        filelist "$d" | grep -qx 'generated/stamp.tex' ||
            err "generated/stamp.tex (read by sitat at \\begin{document}) not in the file list"
        grep -q '\*File List\*' "$d/doc.log" && err "the log has a file list (\\listfiles was not given)"
        case $(stampinfo "$d/doc.pdf") in
        'sitat-stamp/1 state=clean '*) ;;
        *) err "no /SitatStamp next to /SitatInputs" ;;
        esac
        rm -f "$d/doc.pdf"
        export SOURCE_DATE_EPOCH=1700000000 FORCE_SOURCE_DATE=1
        compile "$d" doc "$eng"
        cp "$d/doc.pdf" "$d/first.pdf"
        rm -f "$d/doc.pdf"
        if compile "$d" doc "$eng"; then
            cmp -s "$d/doc.pdf" "$d/first.pdf" || err "built twice: not the same bytes"
        else
            err "latexmk failed (second build): $(firsterr "$d" doc)"
        fi
        unset SOURCE_DATE_EPOCH FORCE_SOURCE_DATE
    else
        err "latexmk failed: $(firsterr "$d" doc)"
    fi
    finish
done

case_name=inputs-digest-follows-a-package-comment
case_errors=
d=$(prepare inputs-changed "")
odoc "$d" "" "\\usepackage{booktabs}$inputs_pre" 'Text.'
if compile "$d" doc; then
    before=$(inputsinfo "$d/doc.pdf")
    text "$d" doc
    mv "$d/doc.txt" "$d/before.txt"
    mkdir -p "$d/tex"
    cp "$(kpsewhich booktabs.sty)" "$d/tex/booktabs.sty"
    echo '% a changed comment' >>"$d/tex/booktabs.sty"
    rm -f "$d/doc.pdf"
    if (export TEXINPUTS="$d/tex:"; compile "$d" doc); then
        after=$(inputsinfo "$d/doc.pdf")
        text "$d" doc
        [ -n "$before" ] && [ -n "$after" ] || err "no /SitatInputs ('$before', '$after')"
        [ "$before" != "$after" ] || err "/SitatInputs unchanged ($after) after booktabs.sty changed"
        cmp -s "$d/before.txt" "$d/doc.txt" || err "the text changed too"
        grep -q "^INPUT $d/tex/booktabs.sty" "$d/doc.fls" || grep -q "tex/booktabs.sty" "$d/doc.log" ||
            err "the copy of booktabs.sty was not read"
        want=$(export TEXINPUTS="$d/tex:"; filelist_md5 "$d")
        [ "$after" = "$want" ] || err "/SitatInputs $after, the file list's digest $want"
    else
        err "latexmk failed (TEXINPUTS): $(firsterr "$d" doc)"
    fi
else
    err "latexmk failed: $(firsterr "$d" doc)"
fi
finish

case_name=inputs-digest-with-listfiles
case_errors=
d=$(prepare inputs-listfiles "")
odoc "$d" "" "\\listfiles$inputs_pre" 'Text.'
if compile "$d" doc; then
    got=$(inputsinfo "$d/doc.pdf")
    want=$(filelist_md5 "$d")
    [ -n "$got" ] && [ "$got" = "$want" ] || err "/SitatInputs '$got', the file list's digest $want"
    grep -q '\*File List\*' "$d/doc.log" || err "\\listfiles given, and no file list in the log"
else
    err "latexmk failed: $(firsterr "$d" doc)"
fi
finish

case_name=inputs-digest-without-kernel-hooks
case_errors=
d=$(prepare inputs-nohooks "")
odoc "$d" "" '\makeatletter\def\sitat@nohooks{}\makeatother' 'Text.'
if compile "$d" doc; then
    got=$(inputsinfo "$d/doc.pdf")
    [ ${#got} = 32 ] || err "no /SitatInputs without the kernel's hooks: '$got'"
else
    err "latexmk failed: $(firsterr "$d" doc)"
fi
finish

t_end
