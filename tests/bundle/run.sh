#!/bin/sh
# tests/bundle/run.sh SITAT - sitat bundle and bundle_open (issue 13), on a
# committed copy of the demo (store, bib, thesis) in a throwaway git
# repository, with an ignored file and the key of real names planted, each
# holding a marker string:
#  - the bundle holds exactly the commit's files, never the ignored file
#    nor the key (the markers searched in the decompressed tar), and its
#    entries, owners, modes and gzip header are as docs/reproducible.md
#    says; bundling twice gives the same bytes; git itself (index-pack,
#    read-tree, status) checks the pack against tree/ by hand;
#  - refused: a dirty tree (naming the file), no PDF, a PDF of another
#    commit, an output inside the store; -o, -C and --json;
#  - the examiner's side: unpacked elsewhere, `sitat reproduce BUNDLE` says
#    identical (the describe of a tagged commit, v1.0-1-gCOMMIT, too, though
#    the bundle holds no tags); tampered bundles (a file of tree/, the PDF, the pack, names
#    that leave the directory, links, a FIFO, duplicates, stray entries)
#    are refused before anything is built, naming the bundle and the entry.
# One LaTeX build of the demo, and one rebuild from the bundle.  The git
# command line only sets up fixtures and checks by hand.
set -u
root=$(cd "$(dirname "$0")/../.." && pwd)
SITAT=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
. "$root/tests/lib.sh"
t_begin bundle
tmp=$(mktemp -d "${TMPDIR:-/tmp}/sitat-bundletest.XXXXXX") || exit 2
trap '[ -n "${KEEP-}" ] || rm -rf "$tmp"' EXIT
[ -n "${KEEP-}" ] && echo "# $tmp"
for t in latexmk python3 gzip tar; do
	command -v $t >/dev/null 2>&1 || { t_skip "bundle" "$t missing"; t_end; exit 0; }
done
export GIT_AUTHOR_NAME=t GIT_AUTHOR_EMAIL=t@example.org \
       GIT_COMMITTER_NAME=t GIT_COMMITTER_EMAIL=t@example.org
export GIT_CONFIG_COUNT=1 GIT_CONFIG_KEY_0=safe.directory GIT_CONFIG_VALUE_0='*'
T_OUT=$tmp/out
# has NAME TEXT: the last output ($T_OUT) holds TEXT
has() {
	if grep -qF -- "$2" "$T_OUT"; then t_pass "$1"
	else t_fail "$1" "no '$2' in:" "$(cat "$T_OUT")"; fi
}

# ---- the project --------------------------------------------------------------
P=$tmp/p
mkdir -p "$P/thesis" "$P/notes"
cp -R "$root/evidence" "$root/bib" "$root/sitat.json" "$root/.gitignore" "$P/"
rm -rf "$P/evidence/private"
cp -R "$root/thesis/thesis.tex" "$root/thesis/sitat.sty" "$root"/thesis/sitat-*.def \
	"$root/thesis/kapitler" "$P/thesis/"
git -C "$P" init -q -b main && git -C "$P" add -A && git -C "$P" commit -qm demo
# a tag one commit back: the PDF says v1.0-1-gCOMMIT, which the rebuild
# from the bundle (no tags in it) must say too
git -C "$P" tag v1.0
# a committed file with a name that is not ASCII, and an executable one
printf 'Notat om intervjuene.\n' >"$P/notes/møtenotat.txt"
printf '#!/bin/sh\necho hello\n' >"$P/notes/tool.sh"
chmod 755 "$P/notes/tool.sh"
printf '/notes/ignored-draft.txt\n' >>"$P/.gitignore"
git -C "$P" add -A && git -C "$P" commit -qm notes
# planted: an ignored file and the key, each with a marker
IGN=SITATIGNOREDMARKER7f3a91
KEY=Zyxwvutsrqponmlk
printf 'draft that must stay home: %s\n' "$IGN" >"$P/notes/ignored-draft.txt"
mkdir -p "$P/evidence/private"
printf '%s Markerperson\n' "$KEY" >"$P/evidence/private/names.txt"
commit=$(git -C "$P" rev-parse HEAD)

t_expect "no PDF: refused" 1 "$P" "$SITAT" bundle
has "no PDF: says to build it" "build it first (make, or sitat build)"
t_check "no PDF: nothing written" test ! -e "$P/build/thesis.bundle"

if (cd "$P" && "$SITAT" build -q) >"$tmp/build.log" 2>&1; then
	t_pass "the demo builds"
else
	t_fail "the demo builds" "$(tail -20 "$tmp/build.log")"
	t_end
	exit 1
fi

# ---- bundle ---------------------------------------------------------------------
t_expect "bundle: exit 0" 0 "$P" "$SITAT" bundle
has "bundle: says what it wrote" "sitat bundle: wrote build/thesis.bundle ("
[ -s "$P/build/thesis.bundle" ] || { t_end; exit 1; }
has "bundle: names the commit" "commit $(echo "$commit" | cut -c1-12)"
B=$P/build/thesis.bundle
gzip -dc "$B" >"$tmp/bundle.tar"
tar tf "$tmp/bundle.tar" >"$tmp/names"
# the markers are nowhere in the archive, nor their files' names
if grep -aq -e "$IGN" -e "$KEY" "$tmp/bundle.tar"; then
	t_fail "the ignored file and the key are not in the archive" "$(grep -ac -e "$IGN" -e "$KEY" "$tmp/bundle.tar") hits"
else
	t_pass "the ignored file and the key are not in the archive"
fi
if grep -q -e ignored-draft -e private/ "$tmp/names"; then
	t_fail "no entry for the ignored file or the key" "$(grep -e ignored-draft -e private/ "$tmp/names")"
else
	t_pass "no entry for the ignored file or the key"
fi
# tree/ is exactly the commit's files
git -C "$P" -c core.quotePath=false ls-files | sed 's|^|sitat-bundle/tree/|' | LC_ALL=C sort >"$tmp/want.tree"
grep '^sitat-bundle/tree/' "$tmp/names" | LC_ALL=C sort >"$tmp/got.tree"
t_check "tree/ holds exactly the committed files" cmp -s "$tmp/want.tree" "$tmp/got.tree"
t_check "a committed non-ASCII name is in tree/" grep -qx 'sitat-bundle/tree/notes/møtenotat.txt' "$tmp/names"
for e in MANIFEST.json README.txt thesis.pdf thesis.pdf.sha256 thesis.sitat git/objects.pack; do
	grep -qx "sitat-bundle/$e" "$tmp/names" || echo "no sitat-bundle/$e"
done >"$tmp/missing"
t_report "the parts of the bundle are there" "$tmp/missing"
t_check "entries sorted, MANIFEST.json first" sh -c \
	"LC_ALL=C sort -c '$tmp/names' && head -1 '$tmp/names' | grep -qx sitat-bundle/MANIFEST.json"
tar tvf "$tmp/bundle.tar" --numeric-owner >"$tmp/long"
t_check "every entry owned by 0/0" sh -c "! grep -v ' 0/0 ' '$tmp/long'"
t_check "modes 0644, 0755 for the executable" sh -c \
	"grep -q '^-rwxr-xr-x .*sitat-bundle/tree/notes/tool.sh\$' '$tmp/long' &&
	 ! grep -v -e '^-rw-r--r-- ' -e '^-rwxr-xr-x ' '$tmp/long'"
t_check "gzip header: no time stamp, no name" sh -c \
	"[ \"\$(od -A n -t x1 -N 8 '$B' | tr -d ' \n')\" = 1f8b080000000000 ]"
mkdir -p "$tmp/x" && tar xf "$tmp/bundle.tar" -C "$tmp/x"
X=$tmp/x/sitat-bundle
t_check "the PDF is the project's" cmp -s "$X/thesis.pdf" "$P/build/thesis.pdf"
t_check "sha256sum -c thesis.pdf.sha256" sh -c "cd '$X' && sha256sum -c --quiet thesis.pdf.sha256"
python3 - "$X/MANIFEST.json" "$commit" >"$tmp/man.err" 2>&1 <<'PY'
import json, sys
m = json.load(open(sys.argv[1]))
want = {"format": "sitat-bundle/1", "commit": sys.argv[2], "jobname": "thesis",
        "engine": "pdflatex", "record": "thesis.sitat",
        "describe": "v1.0-1-g" + sys.argv[2][:7]}
for k, v in want.items():
    if m.get(k) != v:
        print(k, "is", m.get(k), "not", v)
for k in ("sitat_version", "tree", "describe", "commit_time", "pdf", "pack", "areas"):
    if k not in m:
        print("no", k)
ins = m.get("tex_inputs", [])
if not any(t["name"] == "sitat.sty" and t["project"] for t in ins):
    print("tex_inputs has no sitat.sty of the project")
if not any(t["path"].endswith("/article.cls") or t["path"].endswith(".cls") for t in ins):
    print("tex_inputs has no class file")
if any(t["project"] and t["path"].startswith("/") for t in ins):
    print("a project file with an absolute path")
PY
t_report "the manifest: format, commit, engine, record, every TeX input" "$tmp/man.err"
# by hand, as README.txt says: git computes every id, tree/ is the commit
G=$tmp/check.git
if git init -q --bare "$G" && git --git-dir="$G" index-pack --stdin <"$X/git/objects.pack" >/dev/null 2>&1 &&
	git --git-dir="$G" update-ref HEAD "$commit" &&
	git --git-dir="$G" --work-tree="$X/tree" read-tree HEAD &&
	[ -z "$(git --git-dir="$G" --work-tree="$X/tree" status --porcelain --untracked-files=all)" ]; then
	t_pass "by hand: git index-pack, read-tree, status: tree/ is the commit"
else
	t_fail "by hand: git index-pack, read-tree, status: tree/ is the commit" \
		"$(git --git-dir="$G" --work-tree="$X/tree" status --porcelain 2>&1 | head)"
fi
# README.txt's own commands, run as it gives them
sed -n 's/^  \(sha256sum\|git\) /\1 /p' "$X/README.txt" >"$tmp/readme.sh"
rm -rf "$tmp/x/check.git"
if [ "$(wc -l <"$tmp/readme.sh")" -ge 5 ] && grep -q 'sitat reproduce' "$X/README.txt" &&
	(cd "$X" && sh -e "$tmp/readme.sh") >"$tmp/readme.out" 2>&1 &&
	! grep -v -e '^pack' -e ': OK$' "$tmp/readme.out"; then
	t_pass "README.txt: the check by hand, as written, passes"
else
	t_fail "README.txt: the check by hand, as written, passes" "$(cat "$tmp/readme.sh" "$tmp/readme.out")"
fi

cp "$B" "$tmp/first.bundle"
sleep 1
t_expect "bundle again: exit 0" 0 "$P" "$SITAT" bundle -q
t_check "bundling twice gives the same bytes" cmp -s "$B" "$tmp/first.bundle"
mkdir -p "$tmp/else"
t_expect "-C DIR -o FILE: exit 0" 0 "$tmp/else" "$SITAT" bundle -C "$P" -o "$tmp/else/t.bundle"
t_check "-C DIR -o FILE: the same bytes" cmp -s "$tmp/else/t.bundle" "$tmp/first.bundle"
t_expect "--json: exit 0" 0 "$P" "$SITAT" bundle --json -o "$tmp/j.bundle"
python3 -c 'import json,sys; j=json.load(open(sys.argv[1])); sys.exit(0 if j["commit"]==sys.argv[2] and j["bytes"]>0 and j["objects"]>0 and j["files"]>0 else 1)' \
	"$T_OUT" "$commit"
t_result "--json: commit, bytes, objects, files" $?
t_expect "an output inside the store: refused" 2 "$P" "$SITAT" bundle -o evidence/x.bundle
t_check "an output inside the store: nothing written" test ! -e "$P/evidence/x.bundle"
size=$(wc -c <"$B" | tr -d ' ')
echo "     (the demo's bundle: $size bytes)"

# ---- refusals -----------------------------------------------------------------
printf '\n%% an edit\n' >>"$P/thesis/thesis.tex"
t_expect "a modified file: refused" 1 "$P" "$SITAT" bundle -o "$tmp/dirty.bundle"
has "a modified file: named" "thesis/thesis.tex"
has "a modified file: says why" "the working tree is not clean"
git -C "$P" checkout -q -- thesis/thesis.tex
printf 'new\n' >"$P/notes/untracked.txt"
t_expect "an untracked file: refused" 1 "$P" "$SITAT" bundle -o "$tmp/dirty.bundle"
has "an untracked file: named" "notes/untracked.txt"
rm -f "$P/notes/untracked.txt"
t_check "refused: nothing written" test ! -e "$tmp/dirty.bundle"
git -C "$P" commit -q --allow-empty -m later
t_expect "a PDF of another commit: refused" 1 "$P" "$SITAT" bundle -o "$tmp/stale.bundle"
has "a PDF of another commit: says so" "not a clean build of HEAD"
has "a PDF of another commit: says to build" "build it again (make, or sitat build)"
git -C "$P" reset -q --hard HEAD~1
# the key committed by mistake (git add -f): refused, whatever the PDF
git -C "$P" add -f evidence/private/names.txt && git -C "$P" commit -qm key
t_expect "a committed key: refused" 1 "$P" "$SITAT" bundle -o "$tmp/key.bundle"
has "a committed key: says git rm --cached" "git rm --cached evidence/private/names.txt"
t_check "a committed key: nothing written" test ! -e "$tmp/key.bundle"
git -C "$P" reset -q --hard HEAD~1
mkdir -p "$P/evidence/private"
printf '%s Markerperson\n' "$KEY" >"$P/evidence/private/names.txt"

# ---- the examiner's side ------------------------------------------------------
E=$tmp/examiner
mkdir -p "$E"
cp "$tmp/first.bundle" "$E/thesis.bundle"
# t_refused HOW ENTRY: the bundle tampered HOW is refused before a build,
# naming the bundle and ENTRY
t_refused() {
	python3 "$root/tests/bundle/tamper.py" "$E/thesis.bundle" "$E/$1.bundle" "$1" ||
		{ t_fail "tampered ($1)" "tamper.py failed"; return; }
	T_st=0
	(cd "$E" && "$SITAT" reproduce "$1.bundle") >"$T_OUT" 2>&1 || T_st=$?
	if [ "$T_st" = 1 ] && grep -qF "$1.bundle: $2" "$T_OUT" && ! grep -q "building" "$T_OUT"; then
		t_pass "tampered ($1): refused, naming the entry"
	else
		t_fail "tampered ($1): refused, naming the entry" "exit $T_st (want 1), want '$1.bundle: $2'; output:" "$(cat "$T_OUT")"
	fi
}
t_refused tree "sitat-bundle/tree/"
t_refused pdf "sitat-bundle/thesis.pdf: error: SHA-256"
t_refused pack-sha "sitat-bundle/git/objects.pack: error: SHA-256"
t_refused pack "sitat-bundle/git/objects.pack: error: the git objects do not check"
t_refused extra "sitat-bundle/tree/extra.txt: error: not in the commit's tree"
t_refused missing "sitat-bundle/tree/.gitignore: error: missing"
t_refused dotdot "sitat-bundle/../x: error: unsafe entry name"
t_refused absolute "/tmp/sitat-bundle-test-absolute: error: unsafe entry name"
t_refused symlink "sitat-bundle/tree/link: error: a symbolic link"
t_refused hardlink "sitat-bundle/tree/hard: error: a hard link"
t_refused fifo "sitat-bundle/tree/fifo: error: a FIFO"
t_refused dup "sitat-bundle/README.txt: error: the entry occurs twice"
t_refused stray "sitat-bundle/other.txt: error: an entry that is no part"
t_refused manifest "sitat-bundle/thesis.pdf: error: the manifest: the PDF's stamp names commit"
t_check "nothing written outside the temporary directory" sh -c \
	"[ ! -e '$E/x' ] && [ ! -e '$tmp/x/x' ] && [ ! -e /tmp/sitat-bundle-test-absolute ]"
printf '\037\213\010\000 then not gzip at all' >"$E/junk.bundle"
t_expect "not an archive: refused" 1 "$E" "$SITAT" reproduce junk.bundle
has "not an archive: says so" "junk.bundle: error: not a readable sitat bundle"

# the real thing: offline, elsewhere, no repository around
if [ "${SITAT_BUNDLE_NO_REBUILD-}" = 1 ]; then
	t_skip "reproduce BUNDLE: identical" "SITAT_BUNDLE_NO_REBUILD=1"
else
	start=$(date +%s)
	t_expect "reproduce BUNDLE: exit 0" 0 "$E" "$SITAT" reproduce thesis.bundle
	has "reproduce BUNDLE: identical" "identical"
	echo "     (reproduce from the bundle: $(($(date +%s) - start)) s)"
fi
t_end
