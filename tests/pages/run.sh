#!/bin/sh
# tests/pages/run.sh SITAT - pages that cannot drift (issue 11, section 4).
# A document's pages live in its text: a FORM FEED before the first
# character of each page after the first, one label per page in
# sources/ID.json.  On the small store of tests/pages/mkstore.py (one
# document of three pages, a quote on each) and a one-page thesis, in a
# throwaway git repository per case:
#  - as made: each quote cited on its page, in quotes.tex and in the PDF;
#  - a paragraph inserted on page 1 before the quoted passages: check
#    reports every anchor after it (exit 1), generate and build refuse and
#    leave quotes.tex and the PDF as they were (never a wrong page); after
#    `sitat reanchor` (or the anchors shifted by hand) each quote is cited
#    on its page again, also in the PDF;
#  - a page label edited in sources/D1.json: the quote on that page is cited
#    with the new label;
#  - a form feed moved before a quote's paragraph: that quote is on the next
#    page (its anchor untouched);
#  - a form feed added without a label, and the old line table: check says
#    so (page-count, page-line), generate refuses; the old store migrated as
#    the page-line error says (form feeds in, then `sitat reanchor`).
# The PDF parts need pdflatex, latexmk and pdftotext (skipped without them);
# a build takes a few seconds.  The git command line only sets up fixtures.
# KEEP=1 keeps the temporary directory.
set -u
root=$(cd "$(dirname "$0")/../.." && pwd)
[ $# -ge 1 ] || { echo "usage: sh tests/pages/run.sh SITAT" >&2; exit 2; }
S=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
. "$root/tests/lib.sh"
t_begin pages
tmp=$(mktemp -d "${TMPDIR:-/tmp}/sitat-pages.XXXXXX") || exit 2
trap '[ -n "${KEEP-}" ] || rm -rf "$tmp"' EXIT
T_OUT=$tmp/out
export GIT_AUTHOR_NAME=t GIT_AUTHOR_EMAIL=t@example.org \
       GIT_COMMITTER_NAME=t GIT_COMMITTER_EMAIL=t@example.org \
       GIT_AUTHOR_DATE='2026-01-01T12:00:00Z' GIT_COMMITTER_DATE='2026-01-01T12:00:00Z'
export GIT_CONFIG_COUNT=1 GIT_CONFIG_KEY_0=safe.directory GIT_CONFIG_VALUE_0='*'
export LC_ALL=C.UTF-8

tex=1
for c in pdflatex latexmk pdftotext; do
	command -v $c >/dev/null 2>&1 || tex=0
done

# ---- the project: the store, a thesis that cites the three quotes ----------
B=$tmp/base
python3 "$root/tests/pages/mkstore.py" "$B" || { t_fail setup "mkstore.py failed"; t_end; exit 1; }
mkdir -p "$B/thesis"
cp "$root"/thesis/sitat.sty "$root"/thesis/sitat-*.def "$B/thesis/"
cat >"$B/thesis/thesis.tex" <<'TEX'
\documentclass{article}
\usepackage[T1]{fontenc}
\usepackage[utf8]{inputenc}
\usepackage{csquotes}
\usepackage[lang=en]{sitat}
\begin{document}
\input{chapter}
\end{document}
TEX
cat >"$B/thesis/chapter.tex" <<'TEX'
\section{Findings}
One: \sitat{D1-001}

Two: \sitat{D1-002}

Three: \sitat{D1-003}
TEX
printf '/build/\n/thesis/generated/\n/evidence/private/\n*.aux\n*.log\n*.fls\n*.fdb_latexmk\n*.sitat\n*.xdv\n/thesis/thesis.pdf\n' >"$B/.gitignore"
(cd "$B" && git init -q -b main && git add -A && git commit -qm base) ||
	{ t_fail setup "git failed"; t_end; exit 1; }
# generated and built once; each case copies it
(cd "$B" && "$S" generate -q) >"$tmp/setup.out" 2>&1 || t_fail setup "generate failed: $(cat "$tmp/setup.out")"
if [ $tex = 1 ]; then
	(cd "$B" && "$S" build) >"$tmp/setup.out" 2>&1 || t_fail setup "build failed: $(tail -5 "$tmp/setup.out")"
fi

TXT=evidence/sources/D1.txt
META=evidence/sources/D1.json
COD=evidence/codings/D1.json
# edit FILE OLD NEW: replace OLD, which must occur once, by NEW (\n, \f:
# line and page breaks)
edit() {
	python3 - "$@" <<'EOF'
import sys
un = lambda s: s.replace("\\n", "\n").replace("\\f", "\f")
f, old, new = sys.argv[1], un(sys.argv[2]), un(sys.argv[3])
s = open(f, encoding="utf-8").read()
if s.count(old) != 1:
    sys.exit("edit: %r occurs %d times in %s" % (old, s.count(old), f))
open(f, "w", encoding="utf-8").write(s.replace(old, new))
EOF
}
# shift N: move every anchor by N code points (the quotes all follow the
# edit), as one would by hand
shift_anchors() {
	python3 - "$COD" "$1" <<'EOF'
import json, sys
f, n = sys.argv[1], int(sys.argv[2])
d = json.load(open(f, encoding="utf-8"))
for g in d["segments"]:
    g["start"] += n
    g["end"] += n
open(f, "w", encoding="utf-8").write(json.dumps(d, ensure_ascii=False, indent=2) + "\n")
EOF
}
# qpages ID: FROM-TO, the pages quotes.tex cites ID on
qpages() {
	sed -n "s/^\\\\sitat@defquote{$1}{[^}]*}{pages}{\([^}]*\)}{\([^}]*\)}.*/\1-\2/p" \
		thesis/generated/quotes.tex
}
# want_pages CASE ID=FROM-TO...: what quotes.tex cites, in the case's dir
want_pages() {
	name=$1
	shift
	why=
	for w in "$@"; do
		got=$(qpages "${w%%=*}")
		[ "$got" = "${w#*=}" ] || why="$why${why:+
}${w%%=*}: quotes.tex cites pages '$got', expected '${w#*=}'"
	done
	if [ -z "$why" ]; then t_pass "$name"; else t_fail "$name" "$why"; fi
}
# pdfpages: one line "ID PAGE" per quote, the page the built PDF cites
# after the quote's text (pdftotext)
pdfpages() {
	pdftotext build/thesis.pdf - 2>/dev/null | python3 -c '
import re, sys
sys.path.insert(0, sys.argv[1])
import mkstore
text = " ".join(sys.stdin.read().split())
for sid, exact in mkstore.QUOTES:
    i = text.find(exact)
    m = re.compile(r"p\.\s*([^\]\s]+)\]").search(text, i) if i >= 0 else None
    print(sid, m.group(1) if m else "(not found)")
' "$root/tests/pages"
}
# want_pdf CASE "ID PAGE ...": the PDF cites each quote on that page
want_pdf() {
	got=$(pdfpages | tr '\n' ' ')
	if [ "$got" = "$2 " ]; then t_pass "$1"; else t_fail "$1" "the PDF cites: $got" "expected: $2"; fi
}
ok_check() { # NAME: check exits 0 without a warning
	t_expect "$1" 0 . "$S" check
	grep -q ': 0 errors, 0 warnings$' "$T_OUT" || t_fail "$1: no warning" "$(cat "$T_OUT")"
}
build() { (cd "$R" && "$S" build) >"$tmp/build.out" 2>&1; }
sums() { cksum thesis/generated/*.tex thesis/generated/sitat.bib 2>/dev/null; }
new_case() { # NAME: a fresh copy of the project, generated and built as committed
	R=$tmp/$1
	mkdir -p "$(dirname "$R")"
	cp -a "$B" "$R"
	cd "$R" || exit 2
}

# ---- as made ---------------------------------------------------------------
new_case made
ok_check "made: check"
want_pages "made: each quote on its page" D1-001=1-1 D1-002=2-2 D1-003=3-3
if [ $tex = 1 ]; then
	want_pdf "made: the PDF cites each on its page" "D1-001 1 D1-002 2 D1-003 3"
else
	t_skip "made: the PDF" "pdflatex, latexmk or pdftotext missing"
fi

# ---- a paragraph inserted on page 1, before the quoted passages -------------
PARA='Et nytt avsnitt som forfatteren la til etter at dokumentet var kodet.\n\n'
NPARA=71 # code points in PARA
for how in reanchor reanchor-committed by-hand; do
	n=paragraph/$how
	new_case "$n"
	before=$(sums)
	[ $tex = 0 ] || pdf0=$(cksum <build/thesis.pdf)
	edit $TXT 'kommunen.\n\nDet første' "kommunen.\n\n${PARA}Det første"
	[ $how = reanchor-committed ] && git commit -qam "a paragraph on page 1"
	t_expect "$n: check finds the anchors that moved" 1 . "$S" check
	for id in D1-001 D1-002 D1-003; do
		grep -q "segment $id: error: anchor text does not match" "$T_OUT" ||
			t_fail "$n: check names $id" "$(cat "$T_OUT")"
	done
	t_expect "$n: generate refuses" 1 . "$S" generate
	grep -q 'nothing written' "$T_OUT" || t_fail "$n: generate says nothing written" "$(cat "$T_OUT")"
	t_check "$n: quotes.tex as it was" test "$(sums)" = "$before"
	t_expect "$n: quotes refuses" 1 . "$S" quotes -o "$tmp/q.tex" -q
	t_check "$n: quotes wrote nothing" test ! -e "$tmp/q.tex"
	if [ $tex = 1 ]; then
		st=0
		build || st=$?
		t_check "$n: build refuses" test $st != 0
		t_check "$n: the PDF as it was (never a wrong page)" test "$(cksum <build/thesis.pdf)" = "$pdf0"
	fi
	if [ $how = by-hand ]; then
		shift_anchors $NPARA
	else
		t_expect "$n: sitat reanchor" 0 . "$S" reanchor
		grep -q '3 moved' "$T_OUT" || t_fail "$n: reanchor moves 3" "$(cat "$T_OUT")"
	fi
	ok_check "$n: check after"
	t_expect "$n: generate after" 0 . "$S" generate -q
	want_pages "$n: each quote on its page" D1-001=1-1 D1-002=2-2 D1-003=3-3
	if [ $tex = 1 ]; then
		build || t_fail "$n: build after" "$(tail -5 "$tmp/build.out")"
		want_pdf "$n: the PDF cites each on its page" "D1-001 1 D1-002 2 D1-003 3"
	fi
done

# ---- a page label edited ----------------------------------------------------
n=label
new_case $n
edit $META '"label": "2"' '"label": "ii"'
ok_check "$n: check"
t_expect "$n: generate" 0 . "$S" generate -q
want_pages "$n: the quote on that page cited with the new label" D1-001=1-1 D1-002=ii-ii D1-003=3-3
if [ $tex = 1 ]; then
	build || t_fail "$n: build" "$(tail -5 "$tmp/build.out")"
	want_pdf "$n: the PDF cites the new label" "D1-001 1 D1-002 ii D1-003 3"
fi

# ---- a form feed moved: the page break before the paragraph of D1-002 ------
# (a blank line's LF becomes the form feed, and the old form feed an LF: no
# offset changes, no anchor or context either)
n=formfeed-moved
new_case $n
edit $TXT 'tatt.\n\nDet neste' 'tatt.\n\fDet neste'
edit $TXT 'side to.\n\fTredje' 'side to.\n\nTredje'
ok_check "$n: check"
t_expect "$n: generate" 0 . "$S" generate -q
want_pages "$n: the quote after it is on the next page" D1-001=1-1 D1-002=3-3 D1-003=3-3
if [ $tex = 1 ]; then
	build || t_fail "$n: build" "$(tail -5 "$tmp/build.out")"
	want_pdf "$n: the PDF follows" "D1-001 1 D1-002 3 D1-003 3"
fi

# ---- a form feed added, no label for its page ------------------------------
n=formfeed-added
new_case $n
before=$(sums)
edit $TXT 'tatt.\n\nDet neste' 'tatt.\n\fDet neste'
t_expect "$n: check" 1 . "$S" check
grep -q "sources/D1.json: source D1: error: the text has 4 pages (3 form feeds) but 'pages' lists 3 labels" "$T_OUT" ||
	t_fail "$n: check says page-count" "$(cat "$T_OUT")"
t_expect "$n: generate refuses" 1 . "$S" generate -q
t_check "$n: quotes.tex as it was" test "$(sums)" = "$before"
# with a label for the new page, the pages after it take the next labels
edit $META '{
      "label": "3"
    }' '{
      "label": "3"
    },
    {
      "label": "4"
    }'
ok_check "$n: with its label"
t_expect "$n: generate" 0 . "$S" generate -q
want_pages "$n: the quotes after it on the next pages" D1-001=1-1 D1-002=3-3 D1-003=4-4

# ---- the old line table, and its migration ---------------------------------
n=line-table
new_case $n
before=$(sums)
python3 "$root/tests/pages/mkstore.py" --line-table .
t_expect "$n: check" 1 . "$S" check
grep -q "sources/D1.json: source D1, pages\[0\]: error: pages are no longer given by line" "$T_OUT" ||
	t_fail "$n: check says page-line" "$(cat "$T_OUT")"
t_check "$n: that error alone, not page-count too" test "$(grep -c ': error: ' "$T_OUT")" = 1
t_expect "$n: generate refuses" 1 . "$S" generate -q
t_check "$n: quotes.tex as it was" test "$(sums)" = "$before"
# the old store committed, then migrated as the error says
git commit -qam "the store of sitat 0.2"
python3 "$root/tests/pages/mkstore.py" --migrate .
t_expect "$n: migrated: check finds the anchors after each form feed" 1 . "$S" check
t_check "$n: migrated: two of them" test "$(grep -c ': error: anchor text does not match' "$T_OUT")" = 2
t_expect "$n: migrated: sitat reanchor" 0 . "$S" reanchor
ok_check "$n: migrated: check after reanchor"
t_expect "$n: migrated: generate" 0 . "$S" generate -q
want_pages "$n: migrated: each quote on its page" D1-001=1-1 D1-002=2-2 D1-003=3-3
t_check "$n: migrated: the store mkstore.py makes" \
	sh -c 'for f in sources/D1.txt sources/D1.json codings/D1.json; do cmp -s "$1/evidence/$f" "$2/evidence/$f" || exit 1; done' - "$R" "$B"

cd "$root" || exit 2
t_end
