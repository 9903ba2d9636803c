#!/bin/sh
# tests/export/run.sh SITAT XSDCHECK - sitat export (issue 12,
# docs/export.md).
#
#   - the demo's export validates against the REFI-QDA schema
#     (../shared/refi-qda/Project.xsd, read where it is; skipped with a
#     message when it is absent), with XSDCHECK (tests/export/xsdcheck.c);
#   - the archive: entries in their order, dated 1980-01-01, deflated,
#     plain-file attributes; two exports byte for byte the same;
#   - GUIDs stable across exports and after unrelated edits; the GUIDs,
#     coders and merged selections a store keeps are exported;
#   - the XML escapes what it must (& < > " and new lines in names,
#     descriptions, memos); a string XML cannot carry is refused;
#   - the codebook (.qdc) is well-formed and holds every code;
#   - refusals (no file, a wrong suffix, an output inside the store or
#     over a directory, a store with errors) exit 2 or 1 and write
#     nothing;
#   - round trip (once sitat import exists): import(export(store)) into an
#     empty project gives back the demo store and the medium bench store
#     byte for byte, and the demo thesis built from the imported store has
#     the same text (pdftotext) as the demo's.  SITAT_EXPORT_NO_BUILD=1
#     skips the thesis builds.
# Run from the repository root; writes only into a temporary directory.
set -u
SITAT=${1:?usage: sh tests/export/run.sh SITAT XSDCHECK}
XSDCHECK=${2:?usage: sh tests/export/run.sh SITAT XSDCHECK}
root=$(pwd)
case $SITAT in /*) ;; *) SITAT=$root/$SITAT ;; esac
case $XSDCHECK in /*) ;; *) XSDCHECK=$root/$XSDCHECK ;; esac
XSD=$root/../shared/refi-qda/Project.xsd
. "$root/tests/lib.sh"
t_begin export
LC_ALL=C
export LC_ALL
tmp=$(mktemp -d "${TMPDIR:-/tmp}/sitat-export.XXXXXX") || exit 2
trap 'rm -rf "$tmp"' EXIT
trap 'exit 2' HUP INT TERM
T_OUT=$tmp/out

# a copy of the demo project (no build output) in $1
demo_copy() {
	mkdir -p "$1"
	cp "$root/sitat.json" "$1/"
	cp -R "$root/evidence" "$root/bib" "$1/"
	cp -R "$root/thesis" "$1/"
	rm -rf "$1/thesis/generated"
}
sums() { (cd "$1" && find . -type f | sort | xargs sha256sum); }
# the GUIDs of a .qdpx's project.qde, one a line, sorted
guids() {
	python3 -c 'import sys, zipfile; sys.stdout.write(zipfile.ZipFile(sys.argv[1]).read("project.qde").decode())' "$1" |
		grep -o 'guid="[0-9a-f-]*"' | sort -u
}
# run a python3 snippet ($1) with the remaining arguments
py() { T_py=$1; shift; python3 -c "$T_py" "$@"; }

# ---- the demo: valid, deterministic, the archive's form ------------------
demo=$tmp/demo
demo_copy "$demo"
t_expect demo-export 0 "$demo" "$SITAT" export "$tmp/demo.qdpx" --codebook "$tmp/demo.qdc"
if [ -f "$XSD" ]; then
	t_expect demo-schema-valid 0 "$tmp" "$XSDCHECK" "$XSD" "$tmp/demo.qdpx"
else
	t_skip demo-schema-valid "no schema at ../shared/refi-qda/Project.xsd"
fi
(cd "$demo" && "$SITAT" export -q "$tmp/demo2.qdpx") >"$T_OUT" 2>&1
t_check demo-deterministic cmp "$tmp/demo.qdpx" "$tmp/demo2.qdpx"
sleep 1
touch "$demo"/evidence/sources/*
(cd "$demo" && "$SITAT" export -q "$tmp/demo3.qdpx") >"$T_OUT" 2>&1
t_check demo-deterministic-mtime cmp "$tmp/demo.qdpx" "$tmp/demo3.qdpx"

py '
import sys, zipfile, json
z = zipfile.ZipFile(sys.argv[1])
names = [i.filename for i in z.infolist()]
bad = []
if names[0] != "project.qde" or names[-1] != "sitat.json":
    bad.append("order: %s ... %s" % (names[0], names[-1]))
srcs = [n for n in names[1:-1]]
if not all(n.startswith("sources/") and n.endswith(".txt") for n in srcs) or len(srcs) != 9:
    bad.append("sources: %r" % srcs)
for i in z.infolist():
    if i.date_time != (1980, 1, 1, 0, 0, 0): bad.append("%s: date %r" % (i.filename, i.date_time))
    if i.compress_type != zipfile.ZIP_DEFLATED: bad.append("%s: method %d" % (i.filename, i.compress_type))
    if i.external_attr >> 16 != 0o100644: bad.append("%s: attributes %o" % (i.filename, i.external_attr >> 16))
    if i.extra: bad.append("%s: extra fields" % i.filename)
side = json.loads(z.read("sitat.json"))
if side["format"] != "sitat-export/1": bad.append("sidecar format")
if side["project"] != open(sys.argv[2], encoding="utf-8").read(): bad.append("sidecar project")
if len(side["sources"]) != 9 or len(side["segments"]) < 1: bad.append("sidecar counts")
ids = [s["id"] for s in side["sources"]]
for s in side["sources"]:
    t = z.read("sources/%s.txt" % s["guid"]).decode("utf-8")
    if t != open(sys.argv[3] + "/" + s["id"] + ".txt", encoding="utf-8", newline="").read():
        bad.append("text of %s differs" % s["id"])
bad and print("\n".join(bad))
' "$tmp/demo.qdpx" "$demo/evidence/project.json" "$demo/evidence/sources" >"$tmp/why" 2>&1
t_report demo-archive-form "$tmp/why"

# the counts: every code, source and segment of the store
py '
import sys, json, glob, re
x = __import__("zipfile").ZipFile(sys.argv[1]).read("project.qde").decode()
ev = sys.argv[2]
codes = len(json.load(open(ev + "/codebook.json"))["codes"])
segs = sum(len(json.load(open(f))["segments"]) for f in glob.glob(ev + "/codings/*.json"))
memos = sum(1 for f in glob.glob(ev + "/codings/*.json") for s in json.load(open(f))["segments"] if s.get("memo"))
got = (x.count("<Code "), x.count("<TextSource "), x.count("<Case "), x.count("<PlainTextSelection "), x.count("<Note "))
want = (codes, 9, 9, segs, memos)
if got != want: print("counts (codes, sources, cases, selections, notes): %r, expected %r" % (got, want))
' "$tmp/demo.qdpx" "$demo/evidence" >"$tmp/why" 2>&1
t_report demo-counts "$tmp/why"

# the codebook: well-formed, every code, the sets
t_expect qdc-well-formed 0 "$tmp" "$XSDCHECK" - "$tmp/demo.qdc"
py '
import sys, json, xml.etree.ElementTree as E
r = E.parse(sys.argv[1]).getroot()
ns = "{urn:QDA-XML:codebook:1.0}"
bad = []
if r.tag != ns + "CodeBook": bad.append("root %s" % r.tag)
n = len(r.findall(".//" + ns + "Code"))
want = len(json.load(open(sys.argv[2]))["codes"])
if n != want: bad.append("%d codes, expected %d" % (n, want))
if len(r.findall(ns + "Sets/" + ns + "Set")) != 4: bad.append("sets")
bad and print("\n".join(bad))
' "$tmp/demo.qdc" "$demo/evidence/codebook.json" >"$tmp/why" 2>&1
t_report qdc-codes "$tmp/why"
(cd "$demo" && "$SITAT" export -q --codebook "$tmp/only.qdc") >"$T_OUT" 2>&1
t_check qdc-only cmp "$tmp/demo.qdc" "$tmp/only.qdc"

# ---- GUIDs -----------------------------------------------------------------
guids "$tmp/demo.qdpx" >"$tmp/g1"
ed=$tmp/edited
demo_copy "$ed"
py '
import sys, json
p = sys.argv[1] + "/evidence/project.json"
j = json.load(open(p, encoding="utf-8"))
j["title"] = "Another title"
open(p, "w", encoding="utf-8").write(json.dumps(j, ensure_ascii=False, indent=2) + "\n")
p = sys.argv[1] + "/evidence/codebook.json"
j = json.load(open(p, encoding="utf-8"))
j["codes"].append({"id": "nykode", "name": "Ny kode", "rq": ["rq1"]})
open(p, "w", encoding="utf-8").write(json.dumps(j, ensure_ascii=False, indent=2) + "\n")
' "$ed"
(cd "$ed" && "$SITAT" export -q "$tmp/ed.qdpx") >"$T_OUT" 2>&1
guids "$tmp/ed.qdpx" >"$tmp/g2"
comm -23 "$tmp/g1" "$tmp/g2" >"$tmp/why"
[ "$(comm -13 "$tmp/g1" "$tmp/g2" | wc -l)" -ge 1 ] || echo "the new code has no new GUID" >>"$tmp/why"
t_report guids-stable-after-edit "$tmp/why"

# a store that keeps GUIDs, a coder and merged selections
kept=$tmp/kept
demo_copy "$kept"
py '
import sys, json
ev = sys.argv[1] + "/evidence/"
def rw(p, f):
    j = json.load(open(ev + p, encoding="utf-8")); f(j)
    open(ev + p, "w", encoding="utf-8").write(json.dumps(j, ensure_ascii=False, indent=2) + "\n")
def code(j): j["codes"][0]["guid"] = "11111111-2222-4333-8444-555555555555"
def src(j): j["guid"] = "21111111-2222-4333-8444-555555555555"
def segs(j):
    s = j["segments"][0]
    s["coder"] = "Kari Nordmann"
    s["guid"] = "31111111-2222-4333-8444-555555555555"
    s["merged"] = ["41111111-2222-4333-8444-555555555555"]
rw("codebook.json", code); rw("sources/I1.json", src); rw("codings/I1.json", segs)
' "$kept"
if (cd "$kept" && "$SITAT" check -q) >"$T_OUT" 2>&1; then
	(cd "$kept" && "$SITAT" export -q "$tmp/kept.qdpx") >"$T_OUT" 2>&1
	py '
import sys, zipfile, json, re
z = zipfile.ZipFile(sys.argv[1])
x = z.read("project.qde").decode()
side = json.loads(z.read("sitat.json"))
bad = []
if "<Code guid=\"11111111-2222-4333-8444-555555555555\"" not in x: bad.append("code guid")
if "<TextSource guid=\"21111111-2222-4333-8444-555555555555\"" not in x: bad.append("source guid")
if "sources/21111111-2222-4333-8444-555555555555.txt" not in z.namelist(): bad.append("source entry")
m = re.search(r"<PlainTextSelection guid=\"31111111-2222-4333-8444-555555555555\"[^>]*creatingUser=\"([0-9a-f-]+)\"", x)
if not m: bad.append("selection guid or creatingUser")
elif "<User guid=\"%s\" name=\"Kari Nordmann\"/>" % m.group(1) not in x: bad.append("user")
seg = [s for s in side["segments"] if s["guid"] == "31111111-2222-4333-8444-555555555555"]
if not seg or seg[0].get("merged") != ["41111111-2222-4333-8444-555555555555"]: bad.append("sidecar merged")
if sum(1 for s in side["segments"] if "merged" in s) != 1: bad.append("merged on other segments")
bad and print("\n".join(bad))
' "$tmp/kept.qdpx" >"$tmp/why" 2>&1
	t_report kept-guid-coder-merged "$tmp/why"
	if [ -f "$XSD" ]; then
		t_expect kept-schema-valid 0 "$tmp" "$XSDCHECK" "$XSD" "$tmp/kept.qdpx"
	fi
else
	t_fail kept-guid-coder-merged "the edited store does not pass sitat check:" "$(cat "$T_OUT")"
fi

# ---- escaping --------------------------------------------------------------
esc=$tmp/esc
demo_copy "$esc"
py '
import sys, json
ev = sys.argv[1] + "/evidence/"
p = ev + "codebook.json"
j = json.load(open(p, encoding="utf-8"))
j["codes"][0]["name"] = "A & B <c> \"d\" \x27e\x27 ]]>"
j["codes"][0]["description"] = "line 1\nline 2\t& <b>"
open(p, "w", encoding="utf-8").write(json.dumps(j, ensure_ascii=False, indent=2) + "\n")
p = ev + "codings/I1.json"
j = json.load(open(p, encoding="utf-8"))
j["segments"][0]["memo"] = "memo & <i>\n\nsecond paragraph \"q\""
open(p, "w", encoding="utf-8").write(json.dumps(j, ensure_ascii=False, indent=2) + "\n")
' "$esc"
(cd "$esc" && "$SITAT" export -q "$tmp/esc.qdpx") >"$T_OUT" 2>&1
py '
import sys, zipfile, xml.etree.ElementTree as E
r = E.fromstring(zipfile.ZipFile(sys.argv[1]).read("project.qde"))
ns = "{urn:QDA-XML:project:1.0}"
c = r.find(".//" + ns + "Code")
bad = []
if c.get("name") != "A & B <c> \"d\" \x27e\x27 ]]>": bad.append("name %r" % c.get("name"))
if c.find(ns + "Description").text != "line 1\nline 2\t& <b>": bad.append("description %r" % c.find(ns + "Description").text)
notes = [n.find(ns + "PlainTextContent").text for n in r.iter(ns + "Note")]
if "memo & <i>\n\nsecond paragraph \"q\"" not in notes: bad.append("memo")
bad and print("\n".join(bad))
' "$tmp/esc.qdpx" >"$tmp/why" 2>&1
t_report xml-escaping "$tmp/why"
if [ -f "$XSD" ]; then
	t_expect xml-escaping-valid 0 "$tmp" "$XSDCHECK" "$XSD" "$tmp/esc.qdpx"
fi

# a memo XML 1.0 cannot carry (U+FFFF is valid UTF-8 and NFC)
bad=$tmp/badchar
demo_copy "$bad"
py '
import sys, json
p = sys.argv[1] + "/evidence/codings/I1.json"
j = json.load(open(p, encoding="utf-8"))
j["segments"][0]["memo"] = "no \uffff here"
open(p, "w", encoding="utf-8").write(json.dumps(j, ensure_ascii=False, indent=2) + "\n")
' "$bad"
if (cd "$bad" && "$SITAT" check -q) >/dev/null 2>&1; then
	t_expect xml-char-refused 1 "$bad" "$SITAT" export "$tmp/badchar.qdpx"
	if ! grep -q "U+FFFF, which XML 1.0 cannot carry" "$T_OUT" || [ -e "$tmp/badchar.qdpx" ]; then
		t_fail xml-char-message "$(cat "$T_OUT")"
	else
		t_pass xml-char-message
	fi
else
	t_skip xml-char-refused "the store refuses U+FFFF itself"
fi

# characters outside the BMP: NVivo counts them twice (a warning; exit 0)
emo=$tmp/emoji
demo_copy "$emo"
sed '1s/^/\xf0\x9f\x98\x80 /' "$emo/evidence/sources/I2.txt" >"$tmp/I2.txt"
cp "$tmp/I2.txt" "$emo/evidence/sources/I2.txt"
(cd "$emo" && "$SITAT" reanchor -q I2) >"$T_OUT" 2>&1
n=$(grep -c '"id"' "$emo/evidence/codings/I2.json")
t_expect non-bmp-warning 0 "$emo" "$SITAT" export -q "$tmp/emoji.qdpx"
grep -q "^evidence/sources/I2.txt:1:1: warning: 1 character outside the Basic Multilingual Plane .*NVivo would misplace the $n segments ending after the first (--utf16 writes positions as NVivo counts them)$" "$T_OUT"
t_result non-bmp-message $? "$(cat "$T_OUT")"
# --utf16: positions as NVivo counts them (one more after the emoji), no warning
t_expect utf16-export 0 "$emo" "$SITAT" export -q --utf16 "$tmp/emoji16.qdpx"
t_report utf16-no-warning "$T_OUT"
py '
import sys, zipfile, re
def pos(f):
    x = zipfile.ZipFile(f).read("project.qde").decode()
    return {m[0]: (int(m[1]), int(m[2])) for m in re.findall(r"name=\"(I2-\d+)\" startPosition=\"(\d+)\" endPosition=\"(\d+)\"", x)}, x
a, _ = pos(sys.argv[1])
b, x = pos(sys.argv[2])
bad = []
if not a or a.keys() != b.keys(): bad.append("selections of I2 differ")
for k in a:
    if b[k] != (a[k][0] + 1, a[k][1] + 1): bad.append("%s: %r -> %r" % (k, a[k], b[k]))
if "origin=\"sitat " not in x or "NVivo" not in x.split("origin=")[1].split("\"")[1]: bad.append("origin")
bad and print("\n".join(bad))
' "$tmp/emoji.qdpx" "$tmp/emoji16.qdpx" >"$tmp/why" 2>&1
t_report utf16-positions "$tmp/why"
if [ -f "$XSD" ]; then
	t_expect utf16-schema-valid 0 "$tmp" "$XSDCHECK" "$XSD" "$tmp/emoji16.qdpx"
fi
t_expect non-bmp-demo-quiet 0 "$demo" "$SITAT" export -q "$tmp/demo4.qdpx"
t_report non-bmp-demo-quiet-output "$T_OUT"

# an empty store (sitat init): a valid project; no codebook (it needs a code)
"$SITAT" init -q "$tmp/empty" >"$T_OUT" 2>&1
t_expect empty-export 0 "$tmp/empty" "$SITAT" export -q "$tmp/empty.qdpx"
if [ -f "$XSD" ]; then
	t_expect empty-schema-valid 0 "$tmp" "$XSDCHECK" "$XSD" "$tmp/empty.qdpx"
fi
t_expect empty-codebook-refused 1 "$tmp/empty" "$SITAT" export "$tmp/empty2.qdpx" --codebook "$tmp/empty.qdc"
if grep -q "error: the store has no codes" "$T_OUT" && ! [ -e "$tmp/empty.qdc" ] && ! [ -e "$tmp/empty2.qdpx" ]; then
	t_pass empty-codebook-nothing
else
	t_fail empty-codebook-nothing "$(cat "$T_OUT")"
fi

# ---- refusals: nothing written ---------------------------------------------
ref=$tmp/ref
demo_copy "$ref"
sums "$ref" >"$tmp/ref.before"
t_expect refuse-no-file 2 "$ref" "$SITAT" export
t_expect refuse-suffix 2 "$ref" "$SITAT" export out.zip
t_expect refuse-codebook-suffix 2 "$ref" "$SITAT" export --codebook out.qdpx
t_expect refuse-in-store 2 "$ref" "$SITAT" export evidence/x.qdpx
t_expect refuse-in-store-codebook 2 "$ref" "$SITAT" export --codebook evidence/sources/x.qdc
mkdir "$ref/dir.qdpx"
t_expect refuse-directory 2 "$ref" "$SITAT" export dir.qdpx
rmdir "$ref/dir.qdpx"
t_expect refuse-extra-argument 2 "$ref" "$SITAT" export a.qdpx b.qdpx
sums "$ref" >"$tmp/ref.after"
t_check refusals-write-nothing cmp -s "$tmp/ref.before" "$tmp/ref.after"

broken=$tmp/broken
demo_copy "$broken"
sed 's/"samskapingskommune"/"no-such-code"/' "$broken/evidence/codings/I1.json" >"$tmp/I1.json"
cp "$tmp/I1.json" "$broken/evidence/codings/I1.json"
t_expect refuse-store-errors 1 "$broken" "$SITAT" export out.qdpx --codebook out.qdc
if grep -q "nothing written" "$T_OUT" && ! [ -e "$broken/out.qdpx" ] && ! [ -e "$broken/out.qdc" ]; then
	t_pass refuse-store-errors-nothing
else
	t_fail refuse-store-errors-nothing "$(cat "$T_OUT")" "$(ls "$broken")"
fi
ls -a "$broken" | grep -q 'sitat-tmp' && t_fail no-temporaries-left "$(ls -a "$broken")" ||
	t_pass no-temporaries-left

# ---- round trip (sitat import) ---------------------------------------------
# The store files (not evidence/README.md nor schema/, which sitat init
# does not make, nor .gitkeep) of two stores compared: differences to $3.
store_diff() {
	for f in project.json codebook.json; do
		cmp -s "$1/$f" "$2/$f" || diff -u "$1/$f" "$2/$f" | head -40
	done
	for d in sources codings; do
		(cd "$1/$d" && ls | grep -v '^\.gitkeep$') >"$tmp/l1"
		(cd "$2/$d" && ls | grep -v '^\.gitkeep$') >"$tmp/l2"
		cmp -s "$tmp/l1" "$tmp/l2" || { echo "$d/ differs:"; diff "$tmp/l1" "$tmp/l2"; }
		while read -r f; do
			[ -f "$2/$d/$f" ] || continue
			cmp -s "$1/$d/$f" "$2/$d/$f" || diff -u "$1/$d/$f" "$2/$d/$f" | head -40
		done <"$tmp/l1"
	done
}

# round_trip NAME QDPX EVIDENCE: import QDPX into an empty project and
# compare its store with EVIDENCE
round_trip() {
	rt=$tmp/rt-$1
	rm -rf "$rt"
	"$SITAT" init -q "$rt" >"$T_OUT" 2>&1
	t_expect "$1-import" 0 "$rt" "$SITAT" import "$2"
	store_diff "$3" "$rt/evidence" >"$tmp/why" 2>&1
	t_report "$1-round-trip" "$tmp/why"
}

if (cd "$tmp" && "$SITAT" import "$tmp/demo.qdpx" 2>&1) | grep -q "not built yet"; then
	t_skip demo-round-trip "sitat import is not built yet"
	t_skip medium-round-trip "sitat import is not built yet"
	t_skip demo-thesis-text "sitat import is not built yet"
else
	round_trip demo "$tmp/demo.qdpx" "$demo/evidence"
	# an emoji: code points (the standard) and UTF-16 (--utf16: origin
	# names NVivo, whose unit the import then reads)
	round_trip emoji "$tmp/emoji.qdpx" "$emo/evidence"
	round_trip emoji-utf16 "$tmp/emoji16.qdpx" "$emo/evidence"

	# the medium bench store (tests/bench/run.sh's parameters)
	if cc -O2 -std=c11 -o "$tmp/gencorpus" "$root/tests/bench/gencorpus.c" 2>"$T_OUT"; then
		mkdir -p "$tmp/medium"
		"$tmp/gencorpus" --out "$tmp/medium/evidence" --sources 100 --codings 10000 \
			--mb 10 --seed 1 >"$T_OUT" 2>&1
		printf '{\n\t"format": "sitat-project/1",\n\t"store": "evidence"\n}\n' >"$tmp/medium/sitat.json"
		t_expect medium-canonical 0 "$tmp/medium" "$SITAT" check -q
		t_expect medium-export 0 "$tmp/medium" "$SITAT" export -q "$tmp/medium.qdpx"
		if [ -f "$XSD" ]; then
			t_expect medium-schema-valid 0 "$tmp" "$XSDCHECK" "$XSD" "$tmp/medium.qdpx"
		fi
		round_trip medium "$tmp/medium.qdpx" "$tmp/medium/evidence"
	else
		t_fail medium-round-trip "cannot build tests/bench/gencorpus.c:" "$(cat "$T_OUT")"
	fi

	# the demo thesis from the imported store: the same text
	if [ "${SITAT_EXPORT_NO_BUILD:-0}" = 1 ]; then
		t_skip demo-thesis-text "SITAT_EXPORT_NO_BUILD=1"
	elif ! command -v pdftotext >/dev/null 2>&1; then
		t_skip demo-thesis-text "no pdftotext"
	else
		a=$tmp/thesis-a b=$tmp/thesis-b
		demo_copy "$a"
		demo_copy "$b"
		rm -rf "$b/evidence"
		mkdir "$b/evidence"
		cp -R "$tmp/rt-demo/evidence/." "$b/evidence/"
		find "$b/evidence" -name .gitkeep -exec rm {} +
		cp -R "$a/evidence/README.md" "$a/evidence/schema" "$b/evidence/"
		ok=1
		# the two builds at once (each engine run is one process)
		(cd "$a" && "$SITAT" build -q) >"$a.log" 2>&1 &
		pa=$!
		(cd "$b" && "$SITAT" build -q) >"$b.log" 2>&1 || ok=0
		wait $pa || ok=0
		for p in "$a" "$b"; do
			if [ $ok = 1 ]; then
				pdftotext "$p/build/thesis.pdf" "$p/thesis.txt"
			fi
		done
		[ $ok = 1 ] || t_fail demo-thesis-text "sitat build failed:" \
			"$(tail -n 20 "$a.log")" "$(tail -n 20 "$b.log")"
		if [ $ok = 1 ]; then
			# the data version (stamp) names the store's content: the same
			# store gives the same; nothing is left out of the comparison
			diff "$a/thesis.txt" "$b/thesis.txt" >"$tmp/why" 2>&1
			t_report demo-thesis-text "$tmp/why"
		fi
	fi
fi

t_end
