#!/bin/sh
# tests/import/run.sh SITAT [CASE...] - sitat import (docs/import.md).
#
# Each case imports one REFI-QDA file, made here from a description in
# tests/import/fixtures/ by mkqdpx.py (python3's zipfile), into a fresh
# store (sitat init's) and compares, byte for byte, with
# tests/import/expected/:
#   CASE.out    what sitat printed (stdout and stderr) and its exit status
#   CASE.store  every file of evidence/ after a successful import
#   CASE.check  what sitat check said, for the cases that leave warnings
# A case that succeeds must leave a store in which every selection of the
# fixture is on the text the fixture meant (meant.py: the segment with its
# GUID, its text cut from the store's text, the meant text, the meant
# codes) and which `sitat check` passes without a warning (or with the
# warnings of CASE.check).  A refusal and --dry-run must leave evidence/
# byte for byte as it was (a checksum of every file).
#
# Then the real NVivo exports in ../shared/qdpx (read there, never copied;
# skipped when absent): each imported into a fresh store, with the counts
# of the README there, the unit utf16, and every selection on the text
# NVivo's positions give (realmeant.py, UTF-16 read independently of
# sitat), and sitat check clean.
#
# BLESS=1 writes the expected files from what comes out (read them before
# committing: each selection's text must be the one the fixture meant).
set -u
SITAT=${1:?usage: run.sh SITAT [CASE...]}
shift
case $SITAT in /*) ;; *) SITAT=$(pwd)/$SITAT ;; esac
root=$(pwd)
here=$root/tests/import
exp=$here/expected
fix=$here/fixtures
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
LC_ALL=C.UTF-8
export LC_ALL
. "$root/tests/lib.sh"
t_begin import
T_OUT=$tmp/out
want_cases="$*"
mkdir -p "$exp"

in=$tmp/in
mkdir -p "$in"
(cd "$tmp" && "$SITAT" init -q base --rq 'rq1:Tillit:Hva skaper tillit?' \
	--rq 'rq2:Samskaping:Hvordan samskapes tjenestene?') >/dev/null 2>&1 ||
	{ echo "import: sitat init failed"; exit 1; }
rm -rf "$tmp/base/.git"

sum() { t_sums "$1"; }

# every file of a store, one after the other
dump() {
	(cd "$1/evidence" && find . -type f | LC_ALL=C sort | while read -r f; do
		printf '=== %s\n' "${f#./}"
		cat "$f"
	done)
}

selected() {
	[ -z "$want_cases" ] && return 0
	for c in $want_cases; do [ "$c" = "$1" ] && return 0; done
	return 1
}

# same NAME KIND FILE: FILE equals expected/NAME.KIND (tests/lib.sh t_same)
same() { t_same "$exp" "$@"; }

# ---- the fixtures ---------------------------------------------------------------
for f in "$fix"/*.json; do
	n=$(basename "$f" .json)
	case $n in
	codebook|qdc-project) python3 "$here/mkqdpx.py" "$f" "$in/$n.qdc" ;;
	*) python3 "$here/mkqdpx.py" "$f" "$in/$n.qdpx" "$in/$n.meant" ;;
	esac || { echo "import: mkqdpx.py $f failed"; exit 1; }
done
printf 'PK\003\004 this is not a zip archive\n' >"$in/not-a-zip.qdpx"
: >"$in/empty-file.qdpx"

show() { sed -e "s|$in/|IN/|g" -e "s|$tmp/|TMP/|g" "$1"; }

# run_in DIR ARGS...: sitat ARGS in DIR; output and "exit N" into $T_OUT; sets st
run_in() {
	d=$1
	shift
	st=0
	(cd "$d" && "$SITAT" "$@") >"$tmp/raw" 2>&1 || st=$?
	echo "exit $st" >>"$tmp/raw"
	show "$tmp/raw" >"$T_OUT"
}

# after_ok NAME DIR MEANT: the store as expected, the selections on their
# text, check clean (or as NAME.check); prints why not, returns 1
after_ok() {
	dump "$2" >"$tmp/store"
	same "$1" store "$tmp/store" || return 1
	if [ -n "$3" ] && ! python3 "$here/meant.py" "$2/evidence" "$3" >"$tmp/meant" 2>&1; then
		echo "a selection is not on the text the fixture meant:"
		cat "$tmp/meant"
		return 1
	fi
	c=0
	(cd "$2" && "$SITAT" check) >"$tmp/check" 2>&1 || c=$?
	echo "exit $c" >>"$tmp/check"
	if [ -f "$exp/$1.check" ] || [ "${check_golden-}" = 1 ]; then
		show "$tmp/check" >"$tmp/check.show"
		same "$1" check "$tmp/check.show" || return 1
	elif [ "$c" != 0 ] || ! grep -q ': 0 errors, 0 warnings' "$tmp/check"; then
		echo "sitat check after the import (exit $c):"
		cat "$tmp/check"
		return 1
	fi
	return 0
}

# imp NAME WANT FIXTURE ARGS...: sitat import IN/FIXTURE ARGS in a fresh
# store ($tmp/w/NAME: a copy of sitat init's, or of $imp_from); exit WANT; the output as expected; then, for WANT
# 0 (without --dry-run), the store as expected and on the meant text;
# else the store unchanged.
imp() {
	name=$1 want=$2 fx=$3
	shift 3
	selected "$name" || return 0
	w=$tmp/w/$name
	mkdir -p "$tmp/w"
	rm -rf "$w"
	cp -r "${imp_from:-$tmp/base}" "$w"
	before=$(sum "$w")
	file=$in/$fx
	run_in "$w" import "$file" "$@"
	why=$(same "$name" out "$T_OUT")
	ok=$?
	if [ "$st" != "$want" ]; then
		why="exit $st, expected $want; output:
$(cat "$T_OUT")"
		ok=1
	fi
	dry=0
	for a in "$@"; do [ "$a" = --dry-run ] && dry=1; done
	if [ "$ok" = 0 ] && [ "$want" = 0 ] && [ "$dry" = 0 ]; then
		m=
		case $fx in *.qdpx) m=$in/${fx%.qdpx}.meant ;; esac
		why=$(after_ok "$name" "$w" "$m")
		ok=$?
	elif [ "$ok" = 0 ]; then
		if ! why=$(t_unchanged "$before" "$w"); then
			ok=1
		fi
	fi
	t_result "$name" "$ok" "$why"
}

# ---- one case per vendor convention ------------------------------------------------
# NVivo for Windows: UTF-8 with a BOM, CRLF, emoji; UTF-16 code units, CRLF
# as two, the BOM not counted; one selection per (range, code): merged;
# notes and descriptions -> memo; users -> coder; a case's variables ->
# attributes; codes with colours (#rgb), a hierarchy, --rq by name
imp nvivo 0 nvivo.qdpx --rq Holdninger=rq1 --rq 'Samskåping 😀=rq2'
# an interview's label is "Informant N", never the REFI name (nor a
# case's): the names in the file reach no file of the store
if selected nvivo; then
	! grep -rl -e 'Kari Nordmann' -e 'Intervju med' "$tmp/w/nvivo/evidence" >"$T_OUT" 2>&1
	t_result "nvivo: no source or case name in the store" $? "$(cat "$T_OUT")"
fi
imp nvivo-json 0 nvivo.qdpx --json --rq Holdninger=rq1 --rq 'Samskåping 😀=rq2'
imp nvivo-quiet 0 nvivo.qdpx -q --rq Holdninger=rq1 --rq 'Samskåping 😀=rq2'
# GUIDs in braces and upper case, elements without the namespace
imp braces 0 braces.qdpx --rq Holdninger=rq1 --rq 'Samskåping 😀=rq2'
# NVivo for Mac: sources/ and .root, stored entries, LF; as documents (a
# form feed: two pages)
imp nvivo-mac 0 nvivo-mac.qdpx --kind document --rq 'Positiv 👍=rq1' --rq Negativ=rq1
# ATLAS.ti: a CRLF counts one; the XML named after the project
imp atlas 0 atlas.qdpx --rq Ledelse=rq1 --rq Innbyggere=rq2
# MAXQDA: selections without a Coding (skipped), an unnamed Case
imp maxqda 0 maxqda.qdpx --rq Tema=rq1
# QualCoder: code points (emoji), NFD text, no LF at the end
imp qualcoder 0 qualcoder.qdpx --rq Nærhet=rq1 --rq Avstand=rq1
# qc: plainTextPath without internal://
imp qc 0 qc.qdpx --rq coping=rq1 --rq support=rq2
# Quirkos: unnamed Cases (one of them empty)
imp quirkos 0 quirkos.qdpx --rq Time=rq1
# Taguette-like: the text in PlainTextContent (with & and <)
imp content 0 content.qdpx --rq 'tag one=rq1'
# zero-length selections: skipped and reported
imp empty-sel 0 empty-sel.qdpx --rq Kode=rq1
# with --json: each skipped selection listed
imp empty-sel-json 0 empty-sel.qdpx --json --rq Kode=rq1
imp maxqda-json 0 maxqda.qdpx --json --rq Tema=rq1
# variables of every type, two cases and the source's own values
imp attrs 0 attrs.qdpx --rq Kode=rq1
# interviews with names as speaker labels: refused unmapped; mapped, the
# selections move with the text (and --width)
imp speakers-unmapped 1 speakers.qdpx --rq Kode=rq1
imp speakers 0 speakers.qdpx --rq Kode=rq1 --speaker Intervjuer=INT --speaker 'Kari Nordmann=INF' --width 40
# selections that start or end inside a replaced label
imp speakers-inside 0 speakers-inside.qdpx --rq Kode=rq1 --speaker Intervjuer=INT --speaker 'Kari Nordmann=INF'

# ---- codes and research questions ----------------------------------------------------
# no mapping: code-unmapped, which check repeats
check_golden=1
imp rq-unmapped 0 nvivo.qdpx
printf '# codes to research questions\nholdninger=rq1\n\nSkepsis=rq2\nsamskaping=rq1,rq2\n' >"$in/rq.txt"
imp rq-file 0 nvivo.qdpx --rq-file "$in/rq.txt"
imp rq-partly 0 nvivo.qdpx --rq Skepsis=rq1
check_golden=
imp rq-unknown 2 nvivo.qdpx --rq Holdninger=rq9
imp rq-no-code 2 nvivo.qdpx --rq Nosuchcode=rq1
imp codebook 0 codebook.qdc --rq Organisering=rq1 --rq Økonomi=rq2
# a .qdc holding a Project: its codes only
imp qdc-project 0 qdc-project.qdc --rq Holdninger=rq1 --rq 'Samskåping 😀=rq2'
# code ids from names: unique, marks dropped, emoji-only, digits first, cut
imp slugs 0 slugs.qdpx --rq Ledelse=rq1 --rq 😀=rq1 --rq '😀 🙂=rq1' --rq '123 Tall først=rq1' \
	--rq 'Økonomi og styring i en kommune med svært mange innbyggere=rq2' --rq Fagutvikling/kompetanse=rq2
# into a store that has sources and codes: the next source id, the
# existing codes first, a new code of an existing name made unique,
# project.json kept
if selected into-existing; then
	w=$tmp/w/into-existing-base
	mkdir -p "$tmp/w"
	rm -rf "$w"
	cp -r "$tmp/base" "$w"
	(cd "$w" && "$SITAT" import -q "$in/content.qdpx" --rq 'tag one=rq1') >"$T_OUT" 2>&1
	t_result "into-existing: the first file" $? "$(cat "$T_OUT")"
fi
imp_from=$tmp/w/into-existing-base
[ -d "$imp_from" ] && imp into-existing 0 second.qdpx --rq 'Ny kode=rq2' --rq 'tag one=rq1'
imp_from=

# ---- the kind of each source -----------------------------------------------------------
imp kind-document 0 kinds.qdpx --kind document --rq Kode=rq1
imp kind-documents-glob 0 kinds.qdpx --documents 'R*' --rq Kode=rq1
imp kind-interviews-glob 0 kinds.qdpx --kind document --interviews 'Intervju *' --rq Kode=rq1
imp kind-variable 0 kinds.qdpx --kind-variable type --rq Kode=rq1
imp kind-usage 2 kinds.qdpx --kind survey

# ---- the unit --------------------------------------------------------------------------
# origin says NVivo (utf16), the positions are code points: stop
imp unit-disagree 1 disagree.qdpx --rq Kode=rq1
imp unit-forced 0 disagree.qdpx --unit codepoint --rq Kode=rq1
# a selection that starts between the halves of a surrogate pair under
# the origin's utf16: stop; forced, it is refused (naming it)
imp split-pair 1 split-pair.qdpx --rq Kode=rq1
imp split-pair-forced 1 split-pair.qdpx --unit utf16 --rq Kode=rq1
# a forced unit worse on word boundaries than the text's best: refused
imp unit-forced-wrong 1 nvivo.qdpx --unit codepoint+crlf1 --rq Holdninger=rq1 --rq 'Samskåping 😀=rq2'
imp unit-usage 2 disagree.qdpx --unit bytes
# no reading fits every selection
imp outside 1 outside.qdpx --rq Kode=rq1

# ---- --dry-run -------------------------------------------------------------------------
imp dry-run 0 nvivo.qdpx --dry-run --rq Holdninger=rq1 --rq 'Samskåping 😀=rq2'

# ---- broken files: the message, and nothing written ------------------------------------------
imp not-a-zip 1 not-a-zip.qdpx
imp empty-file 1 empty-file.qdpx
imp missing-file 3 no-such-file.qdpx
imp no-xml 1 no-xml.qdpx
imp two-qde 1 two-qde.qdpx
imp malformed 1 malformed.qdpx
imp start-after-end 1 start-after-end.qdpx
imp negative 1 negative.qdpx
imp unknown-guid 1 unknown-guid.qdpx
imp dup-guid 1 dup-guid.qdpx
imp path-dotdot 1 path-dotdot.qdpx
imp path-absolute 1 path-absolute.qdpx
imp path-scheme 1 path-scheme.qdpx
imp entry-slip 1 entry-slip.qdpx
imp no-text 1 no-text.qdpx
imp utf16-text 1 utf16-text.qdpx
imp bomb 1 bomb.qdpx
imp bomb-lie 1 bomb-lie.qdpx
imp sidecar-bad 1 sidecar-bad.qdpx
imp sidecar-types 1 sidecar-types.qdpx

# ---- re-import --------------------------------------------------------------------------
# v1, then a later export: a selection added (r1s0), one recoded (r1s1),
# one moved (r1s4: the same word, another occurrence), one unchanged
# (r1s2), one removed (r1s3, cited by the thesis: refused; --force
# removes it); Intervju 2 is not in the later file and stays.  No segment
# is renumbered.  Then one whose range grew (r1s2: another text): taken
# with a note, or refused without --accept when the thesis cites it.
# reimp CASE TITLE DIR WANT MEANT FILE ARGS...: sitat import IN/FILE ARGS
# in DIR; exit WANT, the output as expected/CASE.out; for WANT 0 the store
# as expected/CASE.store, on MEANT's text ("": not checked) and check
# clean; MEANT "=" (and WANT not 0): the store byte for byte unchanged
reimp() {
	c=$1 title=$2 d=$3 want=$4 m=$5 f=$6
	shift 6
	before=$(sum "$d")
	run_in "$d" import "$in/$f" "$@"
	why=$(same "$c" out "$T_OUT")
	ok=$?
	[ "$st" = "$want" ] || { ok=1; why="exit $st, expected $want: $(cat "$T_OUT")"; }
	if [ "$ok" = 0 ] && [ "$m" != "=" ]; then
		why=$(after_ok "$c" "$d" "$m")
		ok=$?
	elif [ "$ok" = 0 ] && [ "$(sum "$d")" != "$before" ]; then
		ok=1 why="the store changed"
	fi
	t_result "reimport: $title" "$ok" "$why"
}

# ids DIR: "GUID ID" for every GUID of the store's segments (guid, merged)
ids() {
	python3 -c '
import json, os, sys
ev = sys.argv[1]
for f in sorted(os.listdir(ev + "/codings")):
    if not f.endswith(".json"): continue
    for s in json.load(open(ev + "/codings/" + f))["segments"]:
        for g in [s.get("guid")] + s.get("merged", []):
            if g: print(g, s["id"])
' "$1/evidence" | LC_ALL=C sort
}

# cite DIR MACRO TEXT: cite, in DIR's thesis, the segment v1 gave the
# selection meant as TEXT
cite() {
	g=$(python3 -c 'import json,sys; print([m["guid"] for m in json.load(open(sys.argv[1])) if m["text"] == sys.argv[2]][0])' \
		"$in/reimport-v1.meant" "$3")
	printf '\nAs one informant put it, \\%s{%s}.\n' "$2" "$(sed -n "s/^$g //p" "$tmp/ids1")" \
		>>"$1/chapters/introduction.tex"
}

if selected reimport; then
	w=$tmp/w/reimport
	mkdir -p "$tmp/w"
	rm -rf "$w"
	cp -r "$tmp/base" "$w"
	reimp reimport-v1 v1 "$w" 0 "$in/reimport-v1.meant" reimport-v1.qdpx --rq Alfa=rq1 --rq Beta=rq1 --rq Gamma=rq2
	ids "$w" >"$tmp/ids1"
	cite "$w" sitat "Det tredje svaret er kort."
	reimp reimport-cited "removing a cited segment is refused" "$w" 1 = reimport-v2.qdpx --rq Delta=rq2
	reimp reimport-dry-run "--dry-run with --force: reported, nothing written" "$w" 0 = \
		reimport-v2.qdpx --rq Delta=rq2 --force --dry-run
	# the later export with r1s3 kept: added, recoded, moved, unchanged
	cp -r "$w" "$w-keep"
	reimp reimport-keep "added, recoded, moved" "$w-keep" 0 "$in/reimport-v2-keep.meant" \
		reimport-v2-keep.qdpx --rq Delta=rq2
	ids "$w-keep" >"$tmp/ids2"
	# every GUID of v1 keeps its segment id (those of Intervju 2, not in
	# the later file, too)
	r=$(join "$tmp/ids1" "$tmp/ids2" | awk '$2 != $3 { print "renumbered: " $0 }')
	missing=$(join -v 1 "$tmp/ids1" "$tmp/ids2")
	[ -z "$r" ] && [ -z "$missing" ]
	t_result "reimport: no segment renumbered" $? "$r
$missing"
	reimp reimport-again "the same file again changes nothing" "$w-keep" 0 = \
		reimport-v2-keep.qdpx --rq Delta=rq2
	reimp reimport-force "--force removes the cited segment" "$w" 0 "$in/reimport-v2.meant" \
		reimport-v2.qdpx --rq Delta=rq2 --force
	# r1s2's range grew (its text changed): taken, with a note, when the
	# thesis does not cite it; refused when it does, unless --accept
	cp -r "$w-keep" "$w-changed"
	reimp reimport-changed "a changed text, not cited, is taken" "$w-changed" 0 \
		"$in/reimport-v2-changed.meant" reimport-v2-changed.qdpx --rq Delta=rq2
	cite "$w-keep" sitatinline "handler om penger"
	cp -r "$w-keep" "$w-accept"
	reimp reimport-changed-cited "a changed text, cited, is refused without --accept" "$w-keep" 1 = \
		reimport-v2-changed.qdpx --rq Delta=rq2
	reimp reimport-accept "--accept takes the new text of a cited segment" "$w-accept" 0 \
		"$in/reimport-v2-changed.meant" reimport-v2-changed.qdpx --rq Delta=rq2 --accept
	# a later export whose source text changed: refused, nothing written
	reimp reimport-text "a changed source text is refused" "$w-keep" 1 = reimport-text.qdpx
fi

# ---- the real NVivo exports (../shared/qdpx) --------------------------------------------
shared=$root/../shared/qdpx
if ! [ -d "$shared" ]; then
	t_skip shared "$shared is absent (the three real NVivo exports: see issue 12)"
elif selected shared; then
	for f in "$shared"/*.qdpx; do
		b=$(basename "$f")
		case $b in
		nvivo12-oltas0517.qdpx) nsel=303 ;;
		nvivo12-oltas0611.qdpx) nsel=97 ;;
		nvivomac12-oltas17june.qdpx) nsel=297 ;;
		*) nsel= ;;
		esac
		w=$tmp/shared/$b
		mkdir -p "$tmp/shared"
		(cd "$tmp/shared" && "$SITAT" init -q "$b" --rq 'rq1:Q:Why?') >/dev/null 2>&1
		st=0
		(cd "$w" && "$SITAT" import "$f" --kind document --json) \
			>"$tmp/rep.json" 2>"$tmp/rep.err" || st=$?
		if [ "$st" != 0 ]; then
			t_fail "shared $b" "sitat import exit $st:" "$(cat "$tmp/rep.err")"
			continue
		fi
		(cd "$w" && "$SITAT" check --json) >"$tmp/check.json" 2>"$tmp/check.err"
		python3 "$here/realmeant.py" "$f" "$tmp/real.meant"
		python3 - "$b" "$tmp/rep.json" "$tmp/check.json" "$nsel" <<'PY' >"$tmp/line" 2>&1
import json, sys
b, rep, chk, nsel = sys.argv[1], json.load(open(sys.argv[2])), json.load(open(sys.argv[3])), sys.argv[4]
sel = sum(s["selections"] for s in rep["sources"])
ranges = sum(s["ranges"] for s in rep["sources"])
# a segment fails check when an error names it (its codings file, "where")
errs = [p for p in chk["problems"] if p["level"] == "error"]
bad = {(p["file"], p.get("where")) for p in errs}
ok_segs = chk["segments"] - len(bad)
print("%s: %d selections read, %d ranges after merging, unit %s, %d segments imported, %d pass sitat check (%d errors, %d warnings)"
      % (b, sel, ranges, rep["unit"], chk["segments"], ok_segs, chk["errors"], chk["warnings"]))
fails = []
if nsel and sel != int(nsel): fails.append("selections: %d, the README says %s" % (sel, nsel))
if rep["unit"] != "utf16": fails.append("unit %s, not utf16" % rep["unit"])
if chk["segments"] != ranges: fails.append("%d segments for %d ranges" % (chk["segments"], ranges))
if chk["errors"] != 0: fails.append("check: %d errors" % chk["errors"])
for f in fails: print("  " + f)
sys.exit(1 if fails else 0)
PY
		ok=$?
		cat "$tmp/line" | head -1 | sed 's/^/     /'
		if [ "$ok" = 0 ] && ! python3 "$here/meant.py" "$w/evidence" "$tmp/real.meant" >"$tmp/meant" 2>&1; then
			ok=1
			echo "a selection is not on the text NVivo's positions give:" >>"$tmp/line"
			head -20 "$tmp/meant" >>"$tmp/line"
		fi
		t_result "shared $b" "$ok" "$(cat "$tmp/line")"
	done
fi
t_end
