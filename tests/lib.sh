# tests/lib.sh - what every shell test suite of sitat shares: counting,
# known failures (XFAIL/XPASS) and the closing line.  Source it:
#
#   . tests/lib.sh
#   t_begin golden tests/golden/KNOWN-FAILING   # suite name, known list (optional)
#   t_pass NAME                  # a passed case:  "ok   SUITE NAME"
#   t_fail NAME [WHY...]         # a failed case:  "FAIL SUITE NAME", WHY indented
#   t_result NAME STATUS [WHY]   # pass when STATUS is 0, else fail
#   t_check NAME CMD [ARG...]    # run CMD; pass when it exits 0
#   t_expect NAME WANT DIR CMD [ARG...]
#                                # run CMD in DIR, its output (stdout and
#                                # stderr) into the file $T_OUT; pass when
#                                # it exits WANT, else fail with the output
#   t_report NAME FILE           # pass when FILE is empty (or absent), else
#                                # fail with FILE's lines as the reasons
#   t_skip NAME WHY              # not run here (counted, never a failure)
#   t_is_known NAME              # true when NAME is in the known list
#   t_end                        # "SUITE: N passed, N failed, ..."; returns 1 on failure
#
# A case whose NAME is a line of the known list is a known bug: when it
# fails it counts as XFAIL (not a failure), when it passes as XPASS (a
# failure: remove it from the list).  Lines starting with # are comments.
# Run from the repository root.  POSIX sh; no bashisms.  The functions
# set only variables named T_*, so they never clobber the caller's.

t_begin() {
	T_SUITE=$1
	T_KNOWN=${2-}
	T_PASS=0 T_FAIL=0 T_XFAIL=0 T_XPASS=0 T_SKIP=0
}

t_is_known() {
	[ -n "$T_KNOWN" ] && [ -f "$T_KNOWN" ] &&
		grep -v '^#' "$T_KNOWN" | grep -qxF -- "$1"
}

t_pass() {
	if t_is_known "$1"; then
		echo "XPASS $T_SUITE $1 (fixed? remove it from $T_KNOWN)"
		T_XPASS=$((T_XPASS + 1))
	else
		echo "ok   $T_SUITE $1"
		T_PASS=$((T_PASS + 1))
	fi
}

t_fail() {
	T_name=$1
	shift
	if t_is_known "$T_name"; then
		echo "XFAIL $T_SUITE $T_name"
		T_XFAIL=$((T_XFAIL + 1))
		return 0
	fi
	echo "FAIL $T_SUITE $T_name"
	for T_why in "$@"; do
		printf '%s\n' "$T_why" | sed 's/^/    /'
	done
	T_FAIL=$((T_FAIL + 1))
}

t_result() {
	if [ "$2" = 0 ]; then t_pass "$1"; else t_fail "$1" ${3+"$3"}; fi
}

t_check() {
	T_name=$1
	shift
	if "$@"; then t_pass "$T_name"; else t_fail "$T_name" "command failed: $*"; fi
}

t_expect() {
	T_name=$1 T_want=$2 T_dir=$3
	shift 3
	T_st=0
	(cd "$T_dir" && "$@") >"$T_OUT" 2>&1 || T_st=$?
	if [ "$T_st" = "$T_want" ]; then
		t_pass "$T_name"
	else
		t_fail "$T_name" "$* (in $T_dir): exit $T_st, expected $T_want; output:" "$(cat "$T_OUT")"
	fi
}

t_report() {
	if [ ! -s "$2" ]; then
		t_pass "$1"
	elif t_is_known "$1"; then
		t_fail "$1"
	else
		t_fail "$1" "$(cat "$2")"
	fi
}

t_skip() {
	echo "skip $T_SUITE $1 ($2)"
	T_SKIP=$((T_SKIP + 1))
}

t_end() {
	T_line="$T_SUITE: $T_PASS passed, $T_FAIL failed"
	[ "$T_XFAIL" = 0 ] || T_line="$T_line, $T_XFAIL known failures (XFAIL)"
	[ "$T_XPASS" = 0 ] || T_line="$T_line, $T_XPASS unexpected passes (XPASS)"
	[ "$T_SKIP" = 0 ] || T_line="$T_line, $T_SKIP skipped"
	echo "$T_line"
	[ "$T_FAIL" = 0 ] && [ "$T_XPASS" = 0 ]
}

# t_same DIR NAME KIND FILE: FILE equals DIR/NAME.KIND, the expected
# output of a golden suite (or becomes it with BLESS=1); prints the
# difference and returns 1 when it does not.
t_same() {
	T_dir=$1
	shift
	if [ "${BLESS-}" = 1 ]; then
		cp "$3" "$T_dir/$1.$2"
		return 0
	fi
	if ! [ -f "$T_dir/$1.$2" ]; then
		echo "expected/$1.$2 is missing (BLESS=1 makes it)"
		return 1
	fi
	if ! cmp -s "$T_dir/$1.$2" "$3"; then
		echo "$2 differs (- expected, + actual):"
		diff -u "$T_dir/$1.$2" "$3" | sed 1,2d | head -60
		return 1
	fi
}

# t_sums DIR: a checksum of every file of DIR/evidence, one a line.
t_sums() { (cd "$1" && find evidence -type f | LC_ALL=C sort | xargs sha256sum); }

# t_unchanged BEFORE DIR: DIR/evidence still has the checksums BEFORE
# (t_sums); else prints what changed and returns 1.
t_unchanged() {
	T_after=$(t_sums "$2")
	[ "$1" = "$T_after" ] && return 0
	echo "the store changed:"
	T_b=$(mktemp "${TMPDIR:-/tmp}/sitat-sums.XXXXXX") || return 1
	printf '%s\n' "$1" >"$T_b"
	printf '%s\n' "$T_after" | diff "$T_b" -
	rm -f "$T_b"
	return 1
}
