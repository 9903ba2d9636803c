#!/bin/sh
# tests/diff/run.sh SITAT - sitat diff on a throwaway repository.  A small
# project (sitat init, sitat add, sitat code) is committed as v1 and built
# (the build keeps its use record in build/records/COMMIT.sitat); then one
# change of each kind is made and committed as v2:
#   sources:  I3 added, D1 removed, I1's text edited, I2's metadata changed
#   segments: I3-001 added, I2-002 removed, I1-002 recoded, I1-003 moved,
#             I1-001 changed (its text edited and accepted: a claim's quote)
#   codes:    fresh added, renameme renamed to renamed, oldcode removed
#   rq2's question reworded
# and `sitat diff v1 v2` must give the expected text (tests/diff/expected,
# BLESS=1 rewrites them), --json (checked with python3), v2's record built
# in a temporary checkout, the working-tree form (diff v2 with an
# uncommitted recode), the errors (unknown revision, a version without a
# store, usage), and the LaTeX appendix built into a PDF whose text
# (pdftotext) names the changes.  Commits have fixed dates; the commit
# ids, which depend on the vendored package's bytes, are replaced by
# <v1> and <v2> in what is compared.  The git command line sets up the
# fixture; sitat never runs git.
set -u
root=$(cd "$(dirname "$0")/../.." && pwd)
[ $# -ge 1 ] || { echo "usage: sh tests/diff/run.sh SITAT" >&2; exit 2; }
SITAT=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
. "$root/tests/lib.sh"
t_begin diff
EXP=$root/tests/diff/expected
tmp=$(mktemp -d "${TMPDIR:-/tmp}/sitat-diff.XXXXXX") || exit 2
trap '[ -n "${KEEP-}" ] || rm -rf "$tmp"' EXIT
export GIT_AUTHOR_NAME=t GIT_AUTHOR_EMAIL=t@example.org \
       GIT_COMMITTER_NAME=t GIT_COMMITTER_EMAIL=t@example.org \
       GIT_AUTHOR_DATE='2026-01-01T12:00:00Z' GIT_COMMITTER_DATE='2026-01-01T12:00:00Z'
export GIT_CONFIG_COUNT=1 GIT_CONFIG_KEY_0=safe.directory GIT_CONFIG_VALUE_0='*'
export LC_ALL=C.UTF-8
T_OUT=$tmp/out

R=$tmp/repo
mkdir -p "$R"
S() { "$SITAT" "$@"; }

# ---- v1 ----
setup_v1() {
	cd "$R" || return 1
	S init -q --lang en --rq 'rq1:Trust:How is trust built?' \
		--rq 'rq2:Control:How is control kept?' || return 1
	cat >"$tmp/i1.txt" <<'EOF'
INT: How did it start?
INF: We had to learn to ask first, that was new for us.
INT: And then?
INF: Then the trust came slowly, one meeting at a time.
INF: The budget was always the hard part of it.
EOF
	cat >"$tmp/i2.txt" <<'EOF'
INT: What about the leaders?
INF: The leaders gave us room to try and to fail.
INF: Nobody checked every detail any more.
EOF
	printf 'The plan says that control must be kept.\fEvery unit reports each month.\n' >"$tmp/d1.txt"
	cat >"$tmp/i3.txt" <<'EOF'
INT: Anything else?
INF: We started meeting the residents in their own homes.
EOF
	S add interview "$tmp/i1.txt" >/dev/null &&
	S add interview "$tmp/i2.txt" >/dev/null &&
	S add document "$tmp/d1.txt" --title 'The plan' --author 'The municipality' --year 2021 >/dev/null ||
		return 1
	python3 - <<'EOF' || return 1
import json
cb = {"format": "sitat-codebook/1", "codes": [
    {"id": "trust", "name": "Trust", "description": "Trust between staff and leaders", "rq": ["rq1"]},
    {"id": "control", "name": "Control", "description": "Control and steering", "rq": ["rq2"]},
    {"id": "renameme", "name": "Room to act", "description": "Room to act", "rq": ["rq1"]},
    {"id": "oldcode", "name": "Old code", "description": "Not used any more", "rq": ["rq2"]}]}
open("evidence/codebook.json", "w").write(json.dumps(cb, indent=2) + "\n")
EOF
	S code I1 -q --text 'We had to learn to ask first' --codes trust >/dev/null &&
	S code I1 -q --text 'the trust came slowly' --codes trust >/dev/null &&
	S code I1 -q --text 'The budget was always the hard part' --codes control >/dev/null &&
	S code I2 -q --text 'gave us room to try and to fail' --codes renameme >/dev/null &&
	S code I2 -q --text 'Nobody checked every detail' --codes control >/dev/null &&
	S code D1 -q --text 'Every unit reports each month' --codes control >/dev/null || return 1
	cat >>chapters/introduction.tex <<'EOF'

\begin{claim}[rq1]{trust-slow}
Trust came slowly: \sitatinline{I1-001}, and \sitatinline{I1-002}.
\end{claim}

\begin{claim}[rq2]{budget}
The budget \sitatinline{I1-003}, and the plan \sitatinline{D1-001}.
\end{claim}

\begin{claim}[rq1]{room}
Room to act \sitatinline{I2-001}.
\end{claim}
EOF
	git init -q -b main && git add -A && git commit -qm v1 && git tag v1
}
if ! (setup_v1) >"$tmp/setup.out" 2>&1; then
	t_fail setup "setting up v1 failed:" "$(cat "$tmp/setup.out")"
	t_end
	exit 1
fi

# a clean build of v1 keeps its record
t_expect build-v1 0 "$R" "$SITAT" build --draft
v1=$(cd "$R" && git rev-parse v1)
if [ -f "$R/build/records/$v1.sitat" ] && cmp -s "$R/build/records/$v1.sitat" "$R/build/thesis.sitat"; then
	t_pass build-keeps-record
else
	t_fail build-keeps-record "no build/records/$v1.sitat equal to build/thesis.sitat: $(ls "$R/build/records" 2>&1)"
fi

# ---- v2: one change of each kind ----
setup_v2() {
	cd "$R" || return 1
	S add interview "$tmp/i3.txt" >/dev/null &&
	S code I3 -q --text 'meeting the residents' --codes trust >/dev/null || return 1
	rm evidence/sources/D1.json evidence/sources/D1.txt evidence/codings/D1.json
	python3 - <<'EOF' || return 1
import json
def edit(f, old, new):
    s = open(f, encoding="utf-8").read()
    assert s.count(old) == 1, (f, old)
    open(f, "w", encoding="utf-8").write(s.replace(old, new))
# I1: a line inserted before I1-003 (moved), a word in I1-001 (changed)
edit("evidence/sources/I1.txt", "INF: The budget", "INF: And the money.\nINF: The budget")
edit("evidence/sources/I1.txt", "learn to ask first", "learn to act first")
# I2's metadata
m = json.load(open("evidence/sources/I2.json", encoding="utf-8"))
m["date"] = "2022-05-01"
open("evidence/sources/I2.json", "w", encoding="utf-8").write(json.dumps(m, indent=2, ensure_ascii=False) + "\n")
cb = json.load(open("evidence/codebook.json"))
cb["codes"] = [c for c in cb["codes"] if c["id"] != "oldcode"]
cb["codes"].append({"id": "fresh", "name": "Fresh code", "description": "New in v2", "rq": ["rq1"]})
open("evidence/codebook.json", "w").write(json.dumps(cb, indent=2) + "\n")
p = json.load(open("evidence/project.json"))
p["research_questions"][1]["question"] = "How is control kept, and by whom?"
open("evidence/project.json", "w").write(json.dumps(p, indent=2, ensure_ascii=False) + "\n")
edit("chapters/introduction.tex", "and the plan \\sitatinline{D1-001}", "and the money")
EOF
	S reanchor -q --accept I1-001 >/dev/null
	S uncode I2-002 >/dev/null &&
	S recode I1-002 --add control >/dev/null &&
	S codes rename renameme renamed --force >/dev/null &&
	S check -q &&
	git add -A && git commit -qm v2 && git tag v2
}
if ! (setup_v2) >"$tmp/setup.out" 2>&1; then
	t_fail setup-v2 "setting up v2 failed:" "$(cat "$tmp/setup.out")"
	t_end
	exit 1
fi
v2=$(cd "$R" && git rev-parse v2)
# the commit ids (full and short) as <v1> and <v2>
norm() {
	sed -e "s/$v1/<v1>/g; s/$v2/<v2>/g" \
	    -e "s/$(echo "$v1" | cut -c1-12)/<v1>/g; s/$(echo "$v2" | cut -c1-12)/<v2>/g" \
	    -e "s/$(echo "$v1" | cut -c1-7)/<v1>/g; s/$(echo "$v2" | cut -c1-7)/<v2>/g" \
	    -e "s|$tmp|TMP|g" -e 's/^% Generated by sitat [^ ]* (sitat diff)/% Generated by sitat VERSION (sitat diff)/'
}
# golden NAME FILE: FILE (normalised) is expected/NAME
golden() {
	norm <"$2" >"$tmp/golden.$1"
	why=$(t_same "$EXP" "$1" txt "$tmp/golden.$1") && t_pass "golden-$1" || t_fail "golden-$1" "$why"
}

# ---- v1 -> v2: text ----
t_expect text-v1-v2 0 "$R" "$SITAT" diff v1 v2
cp "$T_OUT" "$tmp/text.out"
golden text "$tmp/text.out"
# v1's record is the project's build (a clean build of v1); v2's was built
# in a temporary checkout, and kept
grep -q "v1 (<v1>): build/records/<v1>.sitat (the project's build, a clean build of this commit)" "$tmp/golden.text" &&
	grep -q "v2 (<v2>): build/records/<v2>.sitat (built now in a temporary checkout)" "$tmp/golden.text"
t_result records-named $? "$(cat "$tmp/golden.text")"
[ -f "$R/build/records/$v2.sitat" ]
t_result build-record-kept $? "no build/records/$v2.sitat after diff built v2"

# ---- --json ----
t_expect json 0 "$R" "$SITAT" diff v1 v2 --json --no-build
cp "$T_OUT" "$tmp/json.out"
python3 - "$tmp/json.out" >"$tmp/json.check" 2>&1 <<'EOF'
import json, sys
text = open(sys.argv[1], encoding="utf-8").read()
d = json.loads(text[text.index("{"):])   # stderr (notes) may precede
def find(kind, id_):
    m = [x for x in d[kind] if x["id"] == id_]
    assert len(m) == 1, (kind, id_, d[kind])
    return m[0]
errs = []
def want(cond, what):
    if not cond:
        errs.append(what)
want(d["format"] == "sitat-diff/1", "format")
want(d["from"]["revision"] == "v1" and d["to"]["revision"] == "v2", "revisions")
want(d["from"]["record"] and d["to"]["record"] and
     d["to"]["record"]["from"] == "kept from an earlier clean build of this commit", "both records (v2's kept)")
want(find("sources", "I3")["change"] == "added", "I3 added")
want(find("sources", "D1")["change"] == "removed", "D1 removed")
i1 = find("sources", "I1")
want(i1["change"] == "changed" and "text edited" in i1["what"] and i1["lines_added"] == 2, "I1 text edited")
want("metadata" in find("sources", "I2")["what"] and find("sources", "I2")["metadata"] == "date", "I2 metadata")
want(find("segments", "I3-001")["change"] == "added", "I3-001 added")
want(find("segments", "I2-002")["change"] == "removed", "I2-002 removed")
want(find("segments", "D1-001")["change"] == "removed", "D1-001 removed")
want(find("segments", "I1-002")["what"] == ["recoded"], "I1-002 recoded")
s3 = find("segments", "I1-003")
want(s3["what"] == ["moved"] and s3["old"]["locator"] == "line 5" and s3["new"]["locator"] == "line 6", "I1-003 moved")
s1 = find("segments", "I1-001")
want(s1["what"] == ["changed"] and "act first" in s1["new"]["exact"] and "ask" in s1["old"]["exact"], "I1-001 changed")
r = find("codes", "renamed")
want(r["change"] == "changed" and r["old_id"] == "renameme" and r["matched_by"] == "same name", "renamed")
want(find("codes", "fresh")["change"] == "added", "fresh added")
want(find("codes", "oldcode")["change"] == "removed", "oldcode removed")
want(find("research_questions", "rq2")["change"] == "changed", "rq2 changed")
claims = {c["id"]: c for c in d["claims"]}
want(set(claims) == {"trust-slow", "budget"}, "claims affected: %s" % sorted(claims))
ts = claims.get("trust-slow", {"quotes": []})
want(sorted(q["id"] for q in ts["quotes"]) == ["I1-001", "I1-002"], "trust-slow's quotes")
want(ts.get("page_from") and ts.get("page_to"), "trust-slow's pages")
want(sorted(q["id"] for q in claims.get("budget", {"quotes": []})["quotes"]) == ["D1-001", "I1-003"], "budget's quotes")
want(d["pages"]["from"] and d["pages"]["to"], "pages")
want(d["summary"]["segments"] == {"added": 1, "removed": 2, "changed": 3}, "summary %s" % d["summary"]["segments"])
if errs:
    print("\n".join(errs))
EOF
t_report json-content "$tmp/json.check"

# ---- the working tree: v2 and an uncommitted recode ----
# (generated/audit.tex of v1's build names D1-001, which v2 removed: the
# build of the working tree below reads it first, which sitat.sty takes as
# an appendix out of date, not an unknown quote)
(cd "$R" && S recode I3-001 --add control >/dev/null 2>&1)
t_expect worktree 0 "$R" "$SITAT" diff v2
cp "$T_OUT" "$tmp/wt.out"
golden worktree "$tmp/wt.out"
grep -q "the working tree: build/thesis.sitat (built now with sitat build --draft)" "$tmp/golden.worktree"
t_result worktree-built $? "$(cat "$tmp/golden.worktree")"
# built now, so the second time the project's build is of the working tree
t_expect worktree-again 0 "$R" "$SITAT" diff v2 --no-build
grep -q "the project's build, of the working tree as it is" "$T_OUT"
t_result worktree-record-current $? "$(cat "$T_OUT")"
(cd "$R" && git checkout -q -- evidence)
# the project's build is now of the working tree: v1's record is the one
# its build kept in build/records
t_expect kept 0 "$R" "$SITAT" diff v1 v2 --no-build
grep -q "v1 (<v1>): build/records/<v1>.sitat (kept from an earlier clean build of this commit)" <<EOF
$(norm <"$T_OUT")
EOF
t_result kept-record-used $? "$(cat "$T_OUT")"

# a text edited inside a quote and not reanchored: the anchor is stale
(cd "$R" && sed -i 's/meeting the residents/meeting the neighbours/' evidence/sources/I3.txt)
t_expect stale 0 "$R" "$SITAT" diff v2 --no-build --json
python3 - "$T_OUT" >"$tmp/stale.check" 2>&1 <<'EOF'
import json, sys
text = open(sys.argv[1], encoding="utf-8").read()
d = json.loads(text[text.index("{"):])
seg = [x for x in d["segments"] if x["id"] == "I3-001"]
src = [x for x in d["sources"] if x["id"] == "I3"]
if not (seg and "anchor stale" in seg[0]["what"] and src and "text edited" in src[0]["what"]):
    print("I3-001 not 'anchor stale' or I3 not 'text edited':", d["segments"], d["sources"])
if d["to"]["record"] is not None:
    print("a record for a working tree that was not built:", d["to"]["record"])
EOF
t_report stale-content "$tmp/stale.check"
(cd "$R" && git checkout -q -- evidence)

# ---- errors ----
t_expect unknown-revision 2 "$R" "$SITAT" diff nosuch
norm <"$T_OUT" >"$tmp/err.out"
golden unknown-revision "$tmp/err.out"
t_expect unknown-revision-b 2 "$R" "$SITAT" diff v1 nosuch
grep -q "unknown revision 'nosuch'" "$T_OUT"
t_result unknown-revision-b-named $? "$(cat "$T_OUT")"
t_expect usage-none 2 "$R" "$SITAT" diff
t_expect usage-three 2 "$R" "$SITAT" diff v1 v2 v2
(cd "$R" && git rm -rq evidence && git commit -qm 'no store' && git tag nostore) >/dev/null 2>&1
t_expect no-store 2 "$R" "$SITAT" diff v1 nostore --no-build
grep -q "error: version nostore has no evidence store at evidence" "$T_OUT"
t_result no-store-named $? "$(cat "$T_OUT")"
(cd "$R" && git reset -q --hard v2)
# outside a repository
mkdir -p "$tmp/norepo"
cp -r "$R/evidence" "$R/sitat.json" "$tmp/norepo/"
t_expect no-repository 2 "$tmp/norepo" "$SITAT" diff v1
grep -q "no git repository here" "$T_OUT"
t_result no-repository-named $? "$(cat "$T_OUT")"
# an output inside the store is refused, and nothing is written
t_expect latex-in-store 2 "$R" "$SITAT" diff v1 v2 --no-build --latex evidence/changes.tex
[ ! -e "$R/evidence/changes.tex" ]
t_result latex-in-store-nothing $? "evidence/changes.tex was written"

# ---- the LaTeX appendix, built into a PDF ----
t_expect latex 0 "$R" "$SITAT" diff v1 v2 --no-build -q --latex changes.tex
golden latex "$R/changes.tex"
if command -v pdflatex >/dev/null 2>&1 && command -v pdftotext >/dev/null 2>&1; then
	cat >"$R/appendix.tex" <<'EOF'
\documentclass{article}
\usepackage[T1]{fontenc}
\usepackage{lmodern}
\usepackage[english]{babel}
\usepackage{csquotes}
\usepackage[lang=en]{sitat}
\begin{document}
\input{changes.tex}
\ifnum\catcode64=12 \typeout{CATCODE-RESTORED}\fi
\end{document}
EOF
	(cd "$R" && pdflatex -interaction=nonstopmode -halt-on-error appendix.tex) >"$tmp/latex.log" 2>&1
	t_result appendix-pdf $? "$(tail -30 "$tmp/latex.log")"
	grep -q CATCODE-RESTORED "$R/appendix.log"
	t_result appendix-catcode $? "the appendix did not restore the catcode of @"
	pdftotext -layout "$R/appendix.pdf" "$tmp/appendix.txt" 2>/dev/null
	why=
	for w in 'Changes to the evidence since version v1' 'I3' 'D1' 'added' 'removed' \
	         'text edited' 'metadata changed' 'recoded' 'moved' 'quote text changed' \
	         'act first' 'ask first' 'renamed' 'renameme' 'Fresh code' 'Old code' \
	         'wording changed' 'trust-slow' 'budget' 'Pages that use a changed quote'; do
		grep -qF -- "$w" "$tmp/appendix.txt" || why="$why
missing: $w"
	done
	[ -z "$why" ]
	t_result appendix-text $? "$why
$(cat "$tmp/appendix.txt")"
	# Bokmål: the strings follow the document's language
	sed -e 's/english/norsk/; s/lang=en/lang=nb/' "$R/appendix.tex" >"$R/appendix-nb.tex"
	(cd "$R" && pdflatex -interaction=nonstopmode -halt-on-error appendix-nb.tex) >"$tmp/latex.log" 2>&1
	t_result appendix-nb-pdf $? "$(tail -30 "$tmp/latex.log")"
	pdftotext "$R/appendix-nb.pdf" - 2>/dev/null | grep -q 'Endringer i datamaterialet siden versjon'
	t_result appendix-nb-text $? "no Norwegian title"
	# hostile text from the store is escaped: a label with TeX's specials
	(cd "$R" && python3 - <<'EOF'
import json
m = json.load(open("evidence/sources/I3.json", encoding="utf-8"))
m["label"] = "Inf \\end{document} $x^2$ #1 & 100% ~_{}"
open("evidence/sources/I3.json", "w", encoding="utf-8").write(json.dumps(m, indent=2, ensure_ascii=False) + "\n")
EOF
	)
	t_expect latex-hostile 0 "$R" "$SITAT" diff v1 --no-build -q --latex changes.tex
	(cd "$R" && pdflatex -interaction=nonstopmode -halt-on-error appendix.tex) >"$tmp/latex.log" 2>&1
	t_result appendix-hostile-pdf $? "$(tail -30 "$tmp/latex.log")"
	pdftotext "$R/appendix.pdf" - 2>/dev/null | grep -qF 'Inf \end{document} $x^2$ #1 & 100% ~_{}'
	t_result appendix-hostile-text $? "the label is not printed as it is: $(pdftotext "$R/appendix.pdf" - | grep Inf)"
	(cd "$R" && git checkout -q -- evidence)
else
	t_skip appendix-pdf "no pdflatex or pdftotext"
fi

# no change: the same version twice
t_expect same-version 0 "$R" "$SITAT" diff v2 v2 --no-build
grep -q "No changes to the evidence." "$T_OUT"
t_result same-version-none $? "$(cat "$T_OUT")"

t_end
