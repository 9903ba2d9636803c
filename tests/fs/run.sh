#!/bin/sh
# tests/fs/run.sh SITAT - the store on an untrusted file system: what git
# (or a copy) can put into a store and the loader must refuse, each named
# in a clear message, within a second, never read through: symbolic links
# (to a file outside the store, to /dev/zero, /dev/urandom), FIFOs, a
# directory where a file should be, files over the size limit, and a file
# name with ESC, a newline and byte 0xFF (printed escaped; check --json
# stays valid UTF-8).  These cannot live in git, so each case is made here
# from a copy of the golden store valid-small.  Run from the repository
# root (make test-fs).
. tests/lib.sh
SITAT=${1:?usage: sh tests/fs/run.sh SITAT}
BASE=tests/golden/cases/valid-small/evidence
TMP=$(mktemp -d "${TMPDIR:-/tmp}/sitat-fs.XXXXXX") || exit 2
trap 'rm -rf "$TMP"' EXIT
trap 'exit 2' HUP INT TERM
t_begin fs

# fresh NAME: a copy of the store in $TMP/NAME/evidence, as $S
fresh() {
	S=$TMP/$1/evidence
	mkdir -p "$TMP/$1"
	cp -r "$BASE" "$S"
}

# sitat_run NAME ARGS...: run sitat (at most 5 s) on $S; status in $rc,
# stdout in $TMP/NAME.out, stderr in $TMP/NAME.err, seconds in $secs
sitat_run() {
	n=$1
	shift
	t0=$(date +%s)
	timeout 5 "$SITAT" "$@" >"$TMP/$n.out" 2>"$TMP/$n.err"
	rc=$?
	secs=$(($(date +%s) - t0))
}

# expect NAME STATUS PATTERN: the last run exited STATUS, within a second
# (timeout gives 124), and its stderr has a line matching PATTERN (grep -E)
expect() {
	why=
	[ "$rc" = "$2" ] || why="exit status $rc, expected $2"
	[ "$secs" -le 1 ] || why="$why; took $secs s"
	grep -Eq -- "$3" "$TMP/$1.err" || why="$why; no line matching: $3"
	if [ -z "$why" ]; then t_pass "$1"; else t_fail "$1" "$why" "$(cat "$TMP/$1.err")"; fi
}

# secret_absent NAME: no output of check, check --json, the generators
# (into $TMP/NAME.gen) holds a line of /etc/passwd ("root:")
secret_absent() {
	sitat_run "$1-json" check --json --store "$S"
	sitat_run "$1-gen" generate -q --store "$S" -d "$TMP/$1.gen"
	if grep -rq 'root:' "$TMP/$1.err" "$TMP/$1.out" "$TMP/$1-json.out" \
		"$TMP/$1-json.err" "$TMP/$1-gen.err" "$TMP/$1-gen.out" "$TMP/$1.gen" 2>/dev/null; then
		t_fail "$1-not-leaked" "the content of /etc/passwd appears in an output"
	else
		t_pass "$1-not-leaked"
	fi
}

# 1. a text that is a symbolic link out of the store, with one segment that
# matches the linked file (it would be quoted) or one that does not (the
# file's text would be shown in the error)
for how in match mismatch; do
	fresh "link-text-$how"
	rm "$S/sources/I1.txt"
	ln -s /etc/passwd "$S/sources/I1.txt"
	python3 - "$S/codings/I1.json" "$how" <<'PY'
import json, sys
p, how = sys.argv[1], sys.argv[2]
d = json.load(open(p))
seg = {"id": "I1-001", "start": 0, "end": 5, "exact": "root:", "codes": ["samskaping"]}
if how == "mismatch":
    seg.update(end=20, exact="something else")
d["segments"] = [seg]
open(p, "w").write(json.dumps(d, ensure_ascii=False, indent=2) + "\n")
PY
	sitat_run "link-text-$how" check --store "$S"
	expect "link-text-$how" 1 "sources/I1\.txt: error: symbolic link"
	secret_absent "link-text-$how"
done

# 2. a codings file that is a symbolic link to a copy outside the store
fresh link-codings-out
mv "$S/codings/I1.json" "$TMP/I1-outside.json"
ln -s "$TMP/I1-outside.json" "$S/codings/I1.json"
sitat_run link-codings-out check --store "$S"
expect link-codings-out 1 "codings/I1\.json: error: symbolic link"

# 3. a link inside the store is refused too (the rule: regular files only)
fresh link-inside
mv "$S/sources/I1.txt" "$S/sources/I1.orig"
ln -s I1.orig "$S/sources/I1.txt"
sitat_run link-inside check --store "$S"
expect link-inside 1 "sources/I1\.txt: error: symbolic link"

# 4. sources/ itself a link to a directory elsewhere
fresh link-dir
mv "$S/sources" "$TMP/sources-outside"
ln -s "$TMP/sources-outside" "$S/sources"
sitat_run link-dir check --store "$S"
expect link-dir 1 "evidence/sources: error: symbolic link"

# 5. FIFOs as a text and as project.json: an error at once, no hang
fresh fifo-text
rm "$S/sources/I1.txt"
mkfifo "$S/sources/I1.txt"
sitat_run fifo-text check --store "$S"
expect fifo-text 1 "sources/I1\.txt: error: a FIFO \(named pipe\), not a regular file"
fresh fifo-project
rm "$S/project.json"
mkfifo "$S/project.json"
sitat_run fifo-project check --store "$S"
expect fifo-project 1 "project\.json: error: a FIFO \(named pipe\), not a regular file"

# 6. links to devices: refused as links, never read (no endless read, no OOM)
for dev in zero urandom; do
	fresh "dev-$dev"
	rm "$S/sources/I1.txt" "$S/codings/I2.json"
	ln -s "/dev/$dev" "$S/sources/I1.txt"
	ln -s "/dev/$dev" "$S/codings/I2.json"
	sitat_run "dev-$dev" check --store "$S"
	expect "dev-$dev" 1 "codings/I2\.json: error: symbolic link"
done

# 7. a directory where a codings file should be: an error, exit 1
fresh dir-codings
rm "$S/codings/I1.json"
mkdir "$S/codings/I1.json"
sitat_run dir-codings check --store "$S"
expect dir-codings 1 "codings/I1\.json: error: a directory, not a regular file"

# 8. a stray file named with ESC, a newline and byte 0xFF: printed escaped;
# check --json is valid UTF-8 JSON
fresh name-escaped
name=$(printf 'x\033]0;owned\007\nevidence: 0 errors, 0 warnings\377.txt')
printf 'stray\n' >"$S/sources/$name"
sitat_run name-escaped check --store "$S"
if grep -q "$(printf '\033')" "$TMP/name-escaped.err" ||
	grep -q '^evidence: 0 errors' "$TMP/name-escaped.err" ||
	! grep -q 'x\\x1B\]0;owned\\x07\\nevidence: 0 errors, 0 warnings\\xFF\.txt: warning: file is not referenced' "$TMP/name-escaped.err"; then
	t_fail name-escaped "the name is not printed escaped" "$(cat -v "$TMP/name-escaped.err")"
else
	t_pass name-escaped
fi
sitat_run name-escaped-json check --json --store "$S"
if python3 -c 'import json,sys; json.load(open(sys.argv[1], encoding="utf-8"))' \
	"$TMP/name-escaped-json.out" 2>"$TMP/name-escaped-json.why"; then
	t_pass name-escaped-json
else
	t_fail name-escaped-json "check --json is not valid UTF-8 JSON" "$(cat "$TMP/name-escaped-json.why")"
fi

# 9. files over the size limits (sparse: nothing is written or read)
fresh too-large
truncate -s 300M "$S/sources/I1.txt"
truncate -s 17M "$S/sources/I2.json"
sitat_run too-large check --store "$S"
expect too-large 1 "sources/I1\.txt: error: file is larger than 256 MiB, the limit for a text file"
cp "$TMP/too-large.err" "$TMP/too-large-meta.err"
expect too-large-meta 1 "sources/I2\.json: error: file is larger than 16 MiB, the limit for a metadata file"

t_end
