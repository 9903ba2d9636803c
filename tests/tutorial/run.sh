#!/bin/sh
# tests/tutorial/run.sh SITAT - docs/tutorial.md, run as it is written:
# every ```sh block, in order, in one shell (set -e), in an empty
# directory, with sitat installed by `make install PREFIX=...` into a
# temporary prefix (the tutorial's install step, a ```shell block, is the
# one block not run from the text).  Then the PDF is read back: the stamp,
# the tables, the matrix, the audit appendix.  As jq runs its manual, so
# the tutorial cannot drift from the tool.
#
#   KEEP=1 sh tests/tutorial/run.sh build/sitat   keep the directory
set -u
root=$(cd "$(dirname "$0")/../.." && pwd)
SITAT=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
. "$root/tests/lib.sh"
t_begin tutorial
tmp=$(mktemp -d "${TMPDIR:-/tmp}/sitat-tutorial.XXXXXX") || exit 2
if [ "${KEEP:-0}" = 1 ]; then echo "# $tmp"; else trap 'rm -rf "$tmp"' EXIT; fi

# The tutorial needs sitat init and sitat build.
for c in init build; do
	if ! "$SITAT" help "$c" >/dev/null 2>&1; then
		t_skip "docs/tutorial.md" "this sitat has no '$c' command yet"
		t_end
		exit 0
	fi
done

# 1. Install, as the tutorial says, into a temporary prefix.
prefix=$tmp/prefix
build=$(dirname "$SITAT")
if (cd "$root" && make -s install PREFIX="$prefix" BUILD="${build#"$root"/}") \
	>"$tmp/install.log" 2>&1 && [ -x "$prefix/bin/sitat" ]; then
	t_pass "make install PREFIX=..."
	PATH=$prefix/bin:$PATH
else
	t_fail "make install PREFIX=..." "$(tail -5 "$tmp/install.log")"
	mkdir -p "$prefix/bin" && ln -s "$SITAT" "$prefix/bin/sitat"
	PATH=$prefix/bin:$PATH
fi
export PATH HOME="$tmp/home" GIT_AUTHOR_NAME="Kari Nordmann" \
	GIT_AUTHOR_EMAIL=kari@example.org GIT_COMMITTER_NAME="Kari Nordmann" \
	GIT_COMMITTER_EMAIL=kari@example.org
mkdir -p "$HOME" "$tmp/work"

# The ```sh blocks, each announced, into one script.
awk '
	/^```sh$/ { inb = 1; n++; printf "echo \"### block %d (docs/tutorial.md:%d)\"\n", n, NR; next }
	/^```/ && inb { inb = 0; next }
	inb { print }
' "$root/docs/tutorial.md" >"$tmp/tutorial.sh"
nblocks=$(grep -c '^echo "### block' "$tmp/tutorial.sh")
st=0
(cd "$tmp/work" && sh -e "$tmp/tutorial.sh") >"$tmp/out.log" 2>&1 || st=$?
last=$(grep '^### block' "$tmp/out.log" | tail -n 1)
if [ "$st" = 0 ]; then
	t_pass "all $nblocks sh blocks run"
else
	t_fail "all $nblocks sh blocks run" "stopped in $last (exit $st):" "$(tail -15 "$tmp/out.log")"
	t_end
	exit 1
fi

# What the blocks printed, and the PDF read back.
T=$tmp/work/thesis
t_check "verify said VERIFIED" grep -q '^VERIFIED$' "$tmp/out.log"
t_check "the uncommitted edit was not verified" grep -q 'not verified, as it should be' "$tmp/out.log"
t_check "reproduce said identical" grep -q '^identical' "$tmp/out.log"
t_check "release wrote the hash" test -s "$T/build/thesis.pdf.sha256"
t_check "bundle wrote build/thesis.bundle" grep -q '^sitat bundle: wrote build/thesis.bundle' "$tmp/out.log"
t_check "the examiner's reproduce of the bundle said identical" \
	grep -q '^identical: thesis.bundle (commit ' "$tmp/out.log"
t_check "the bundle was rebuilt outside the project" test -f "$tmp/work/examiner/thesis.bundle"
t_check "diff found the recoded segment" grep -q '^  ~ I2-002  recoded' "$tmp/out.log"
t_check "diff named the claim it touches" grep -q '^  workshops  page ' "$tmp/out.log"
t_check "the appendix of changes was committed" test -s "$T/chapters/changes.tex"
t_check "add read the PDF's page labels" grep -q '3 pages (i, 1, 2)' "$tmp/out.log"
t_check "code found a quote across a line break" grep -q 'found ignoring whitespace' "$tmp/out.log"
t_check "the dry run wrote nothing" grep -q 'nothing written' "$tmp/out.log"
t_check "reanchor moved both segments through git" \
	grep -q ' 2 moved, .* 0 pending), 0 ambiguous, 0 lost' "$tmp/out.log"
t_check "the store was clean after reanchor" sh -c "cd '$T' && sitat check"
t_check "D1-001 is cited on page 1 (the PDF's label)" \
	grep -q '{D1-001}{sitat-D1}{pages}{1}{1}' "$T/generated/quotes.tex"
pdftotext -enc UTF-8 "$T/build/thesis.pdf" - 2>/dev/null | tr '\n\f' '  ' | tr -s ' ' >"$tmp/pdf.txt"
for s in 'commit' '· clean' 'Codes, segments and quotes for Purpose' \
	'Codes, segments and quotes for Practice' 'Code × source matrix' \
	'Audit trail' 'Co-creation lets us use what citizens know' \
	'Changes to the evidence since version submitted' \
	'We run workshops with residents before every major decision' \
	'6 coded segments from 3 sources'; do
	if grep -qF -- "$s" "$tmp/pdf.txt"; then t_pass "PDF: $s"
	else t_fail "PDF: $s" "not in the released PDF's text"; fi
done
t_end
