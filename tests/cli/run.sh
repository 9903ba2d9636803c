#!/bin/sh
# tests/cli/run.sh SITAT - the command line of every command, and where
# outputs may go.
#  1. every command listed by `sitat --help`: `sitat help CMD`, `CMD --help`
#     and `CMD -h` print the same help; every option in that help is
#     accepted as --opt=value and --opt value (-o value and -ovalue for a
#     short one) with the same result, a missing value is refused with the
#     same message for every command, a value given to a flag too; unknown
#     options, missing and extra arguments are refused the same way; exit 2.
#     What a command parsed is read back with SITAT_OPTS_DUMP=1 (opts.h),
#     which also shows that it accepts no option its help does not list.
#  2. outputs: --manifest and -o into the store (also through a symbolic
#     link, also into a directory that does not exist yet) are refused and
#     nothing is created; -o - writes to standard output; /dev/stdout, a
#     FIFO, a directory and a symbolic link are refused without hanging;
#     leftovers of a generate killed at random moments are removed by the
#     next run, those of a live process are kept.
# Run from the repository root; writes only into a temporary directory.
set -u
SITAT=${1:?usage: sh tests/cli/run.sh SITAT}
case $SITAT in /*) ;; *) SITAT=$(pwd)/$SITAT ;; esac
root=$(pwd)
. "$root/tests/lib.sh"
t_begin cli
tmp=$(mktemp -d "${TMPDIR:-/tmp}/sitat-cli.XXXXXX") || exit 2
trap 'rm -rf "$tmp"' EXIT
cd "$tmp" || exit 2
cp -R "$root/evidence" evidence
mkdir empty

# run NAME ARGS...: sitat ARGS with stdout, stderr and status in $tmp/NAME.*
run() {
	n=$(printf '%s' "$1" | tr -c 'A-Za-z0-9_.-' '_')
	last=$n
	shift
	timeout 20 "$SITAT" "$@" >"$tmp/$n.out" 2>"$tmp/$n.err"
	echo $? >"$tmp/$n.st"
}
st() { cat "$tmp/$1.st"; }
# dump NAME ARGS...: what sitat parsed (SITAT_OPTS_DUMP=1: every option
# that is set, defaults too, then the arguments)
dump() {
	n=$1
	shift
	SITAT_OPTS_DUMP=1 run "$n" "$@"
}
usage_msg() { # usage_msg CMD MESSAGE: the one usage error of every command
	printf "sitat %s: %s\nTry 'sitat help %s'.\n" "$1" "$2" "$1"
}
# expect_usage LABEL CMD MESSAGE: the last run exited 2 with exactly the
# usage error MESSAGE of CMD, and printed nothing on stdout
expect_usage() {
	usage_msg "$2" "$3" >"$tmp/want.err"
	if [ "$(st "$last")" = 2 ] && cmp -s "$tmp/want.err" "$tmp/$last.err" &&
		[ ! -s "$tmp/$last.out" ]; then
		t_pass "$1"
	else
		t_fail "$1" "exit $(st "$last"), want 2; stderr:" "$(cat "$tmp/$last.err")" \
			"want:" "$(cat "$tmp/want.err")"
	fi
}

# ---- 1. every command, every option --------------------------------------
"$SITAT" --help >help.txt 2>&1
t_result "sitat --help: exit 0" $?
grep -q '^  3  ' help.txt
t_result "sitat --help: documents exit status 3" $?
cmds=$(sed -n '/^Commands:/,/^$/s/^  \([a-z][a-z]*\) .*/\1/p' help.txt)
[ "$(echo "$cmds" | wc -w)" -ge 12 ]
t_result "sitat --help lists the commands ($(echo $cmds))" $?

for c in $cmds; do
	"$SITAT" help "$c" >"h-$c" 2>&1
	t_result "$c: sitat help $c exits 0" $?
	"$SITAT" "$c" --help >"h2-$c" 2>&1
	"$SITAT" "$c" -h >"h3-$c" 2>&1
	cmp -s "h-$c" "h2-$c" && cmp -s "h-$c" "h3-$c"
	t_result "$c: help, --help and -h print the same" $?
	# the positional arguments the usage line requires: "x" for each
	req=$(sed -n "1s/^usage: sitat $c \[OPTIONS\] *//p" "h-$c" |
		sed 's/\[[^]]*\]//g')
	pos=
	for a in $req; do pos="$pos x"; done
	# shellcheck disable=SC2086
	{
		dump "$c-plain" "$c" $pos
		[ "$(st "$c-plain")" = 0 ]
		t_result "$c: runs with its required arguments ($req)" $?
		if [ -n "$req" ]; then
			run "$c-noarg" "$c"
			[ "$(st "$c-noarg")" = 2 ] && grep -q "^Try 'sitat help $c'.$" "$tmp/$c-noarg.err"
			t_result "$c: a missing argument is a usage error" $?
		fi
		run "$c-extra" "$c" $pos x y
		case $req in
		'') [ "$c" = help ] && want="unexpected argument 'y' (expected [COMMAND])" ||
			want="unexpected argument 'x'"
			[ "$c" = reproduce ] && want="unexpected argument 'y' (expected [COMMIT | PDF | BUNDLE])"
			[ "$c" = init ] && want="unexpected argument 'y' (expected [DIR])"
			[ "$c" = export ] && want="unexpected argument 'y' (expected [FILE])"
			# any number of sources and segments: an unknown one is refused
			[ "$c" = reanchor ] && want="no source or segment 'x' in the store"
			expect_usage "$c: an extra argument" "$c" "$want" ;;
		*) want="unexpected argument 'x' (expected $req)"
			[ "$c" = codes ] && want="unexpected argument 'y' (expected rename|merge|move CODE [CODE])"
			[ "$c" = diff ] && want="unexpected argument 'y' (expected A [B])"
			expect_usage "$c: an extra argument" "$c" "$want" ;;
		esac
		run "$c-unknown" "$c" $pos --no-such-option
		expect_usage "$c: unknown long option" "$c" "unknown option '--no-such-option'"
		run "$c-unknown-short" "$c" $pos -Z
		expect_usage "$c: unknown short option" "$c" "unknown option '-Z'"
	}
	# the options: "  -q, --quiet  ...", "  --store DIR  ...", "  -C DIR  ..."
	sed -n '/^Options:/,$p' "h-$c" | sed 1d |
		sed -n 's/^  \(-[a-zA-Z]\)\{0,1\}\(, \)\{0,1\}\(--[a-z][a-z-]*\)\{0,1\} \{0,1\}\([A-Z][A-Z]*\)\{0,1\}  .*/\1|\3|\4/p' \
		>"opts-$c"
	all=
	while IFS='|' read -r s l v; do
		[ "$l" = --help ] && continue
		name=${l:-$s}
		if [ -n "$v" ]; then
			# shellcheck disable=SC2086
			{
				if [ -n "$l" ]; then
					dump "$c$l-eq" "$c" $pos "$l=v a l"
					dump "$c$l-sep" "$c" $pos "$l" "v a l"
					grep -qxF -- "$l=v a l" "$c$l-eq.out" && cmp -s "$c$l-eq.out" "$c$l-sep.out"
					t_result "$c $l: $l=$v and $l $v accepted alike" $?
					run "$c$l-missing" "$c" $pos "$l"
					expect_usage "$c $l: a missing value" "$c" "option '$l' needs a value ($v)"
				fi
				if [ -n "$s" ]; then
					dump "$c$s-sep" "$c" $pos "$s" "v a l"
					dump "$c$s-glued" "$c" $pos "${s}v a l"
					grep -qxF -- "${l:-$s}=v a l" "$c$s-sep.out" && cmp -s "$c$s-sep.out" "$c$s-glued.out"
					t_result "$c $s: $s $v and ${s}$v accepted alike" $?
					run "$c$s-missing" "$c" $pos "$s"
					expect_usage "$c $s: a missing value" "$c" "option '$s' needs a value ($v)"
				fi
			}
			all="$all $name=v"
		else
			# shellcheck disable=SC2086
			{
				for f in $l $s; do
					dump "$c$f-flag" "$c" $pos "$f"
					grep -qxF -- "$name" "$c$f-flag.out"
					t_result "$c $f: accepted" $?
				done
				if [ -n "$l" ]; then
					run "$c$l-value" "$c" $pos "$l=x"
					expect_usage "$c $l: a flag takes no value" "$c" "option '$l' takes no value"
				fi
			}
			all="$all $name"
		fi
	done <"opts-$c"
	# everything it parses is in its help: all options at once, read back
	# shellcheck disable=SC2086
	{
		dump "$c-all" "$c" $pos $(for o in $all; do echo "$o"; done)
	}
	grep -v '^arg=' "$c-all.out" | sed 's/=.*//' | sort >"got-$c"
	for o in $all; do echo "${o%%=*}"; done | sort >"want-$c"
	cmp -s "got-$c" "want-$c"
	t_result "$c: parses exactly the options its help lists ($(wc -l <"want-$c"))" $?
done

# the rest of the syntax, the same for every command (opts.c)
dump bundled quotes -qo x.tex
grep -qx -- --output=x.tex bundled.out && grep -qx -- --quiet bundled.out
t_result "flags bundled before a short option with a value: -qo FILE" $?
dump last-wins check --store a --store=b
[ "$(grep -- --store last-wins.out)" = --store=b ]
t_result "an option given twice: the last value counts" $?
dump dashdash trace -- --json
[ "$(grep -e --json -e arg= dashdash.out)" = arg=--json ]
t_result "-- ends the options" $?
dump lone-dash verify -
[ "$(grep arg= lone-dash.out)" = arg=- ]
t_result "a lone - is an argument" $?
dump dash-value check --store -q
[ "$(grep -e --store -e --quiet dash-value.out)" = --store=-q ]
t_result "the word after an option that takes a value is its value" $?
dump repeated leakcheck --generated a --generated=b
[ "$(grep -e --generated repeated.out | tr "\n" " ")" = "--generated=a --generated=b " ]
t_result "a repeatable option keeps every value, in order" $?
run empty-names leakcheck --names=
expect_usage "an empty file name: refused" leakcheck "option '--names' needs a non-empty value"
run empty-store check --store ''
expect_usage "an empty directory name: refused" check "option '--store' needs a non-empty value"
run empty-output quotes -o ''
expect_usage "an empty output: refused" quotes "option '-o' needs a non-empty value"

run bad-command frobnicate
[ "$(st bad-command)" = 2 ] && grep -q "unknown command 'frobnicate'" bad-command.err
t_result "an unknown command: exit 2" $?
run help-unknown help frobnicate
[ "$(st help-unknown)" = 2 ] && grep -q "unknown command 'frobnicate'" help-unknown.err
t_result "help for an unknown command: exit 2" $?
run no-command
[ "$(st no-command)" = 2 ]
t_result "no command: exit 2" $?
# the bugs of issue 8: generate --store=X, audit --store without a value
run gen-store-eq generate --store=evidence -d "$tmp/gen-eq" -q
[ "$(st gen-store-eq)" = 0 ] && [ -f gen-eq/quotes.tex ]
t_result "generate --store=DIR works" $?
run audit-store audit --store
expect_usage "audit --store without a value" audit "option '--store' needs a value (DIR)"
grep -q -- '-q, --quiet' h-quotes && grep -q -- '-q, --quiet' h-tables && grep -q -- '-q, --quiet' h-bib
t_result "-q is in the help of quotes, tables and bib" $?

# ---- 2. outputs ------------------------------------------------------------
snapshot() { (cd evidence && find . -print | LC_ALL=C sort && cat sources/I1.txt) | cksum; }
before=$(snapshot)
same_store() { [ "$(snapshot)" = "$before" ]; }

# refused NAME ARGS...: exit 2, a message naming the store or the file,
# and the store exactly as it was
refused() {
	n=$1
	shift
	run "$n" "$@"
	if [ "$(st "$last")" = 2 ] && grep -q 'error: refusing' "$last.err" && same_store; then
		t_pass "$n"
	else
		t_fail "$n" "exit $(st "$last"), want 2; stderr: $(cat "$last.err")" \
			"store changed: $(cd evidence && find . -newer ../help.txt)"
	fi
}
refused "stamp --manifest on a transcript" stamp --manifest evidence/sources/I1.txt
refused "stamp --manifest into a new directory in the store" stamp --manifest evidence/new/manifest.json
refused "stamp -o into the store" stamp -o evidence/new/stamp.tex
for g in quotes tables bib; do
	refused "$g -o into a new directory in the store" "$g" -o evidence/newdir/x.tex
done
refused "generate -d a new directory in the store" generate -d evidence/newdir
refused "generate -d the store itself" generate -d evidence
refused "audit -o into the store" audit --record empty/none -o evidence/newdir/audit.tex
ln -s evidence link
refused "quotes -o through a link to the store" quotes -o link/newdir/q.tex
refused "quotes -o through a link, relative" quotes -o empty/../link/sources/q.tex
ln -s "$tmp/evidence/sources" empty/src
refused "generate -d through a link into the store" generate -d empty/src/new

run stdout-q quotes -o -
run file-q quotes -q -o "$tmp/q.tex"
[ "$(st stdout-q)" = 0 ] && cmp -s stdout-q.out q.tex && [ ! -s stdout-q.err ]
t_result "quotes -o - writes the file to standard output" $?
run stdout-stamp stamp -o -
[ "$(st stdout-stamp)" = 0 ] && grep -q 'sitat' stdout-stamp.out && [ ! -e ./- ]
t_result "stamp -o - writes to standard output" $?

not_file() { # not_file NAME PATH ARGS...: refused within the timeout
	n=$1 p=$2
	shift 2
	run "$n" "$@" -o "$p"
	if [ "$(st "$last")" = 2 ] && grep -q 'not a regular file' "$last.err"; then
		t_pass "$n"
	else
		t_fail "$n" "exit $(st "$last") (124: it hung), want 2; stderr: $(cat "$last.err")"
	fi
}
not_file "quotes -o /dev/stdout" /dev/stdout quotes
not_file "stamp -o /dev/stdout" /dev/stdout stamp
mkfifo fifo
not_file "quotes -o a FIFO" fifo quotes
not_file "audit -o a FIFO" fifo audit --record empty/none
not_file "tables -o a directory" empty tables
echo keep >target.tex
ln -s target.tex link.tex
not_file "bib -o a symbolic link" link.tex bib
[ "$(cat target.tex)" = keep ] && [ -L link.tex ]
t_result "the link and its target are untouched" $?
run manifest-fifo stamp --manifest fifo
[ "$(st manifest-fifo)" = 2 ]
t_result "stamp --manifest a FIFO: refused" $?

# a generate killed at random moments (SIGKILL): whatever it leaves, the
# next run removes; a leftover of a live process stays
mkdir out
t0=$(date +%s%N)
"$SITAT" generate -q -d out
"$SITAT" generate -q -d out
"$SITAT" generate -q -d out
ms=$((($(date +%s%N) - t0) / 3000000 + 1)) # one run, in milliseconds
seen=0
i=0
while [ $i -lt 60 ]; do
	rm -f out/*.tex out/*.bib # every run writes all three files
	"$SITAT" generate -q -d out >/dev/null 2>&1 &
	pid=$!
	# a moment in the run (it starts a little after the fork)
	sleep "$(awk "BEGIN { srand($i + $$); printf \"%.4f\", rand() * $ms * 1.5 / 1000 }")"
	kill -9 $pid 2>/dev/null
	wait $pid 2>/dev/null
	n=$(ls -A out | grep -c 'sitat-tmp')
	seen=$((seen + n))
	i=$((i + 1))
done
sh -c 'exit 0' &
dead=$!
wait $dead
: >"out/.quotes.tex.sitat-tmp.$dead.AAAAAA"
: >"out/.quotes.tex.sitat-tmp.$$.BBBBBB"
"$SITAT" generate -q -d out
left=$(ls -A out | grep 'sitat-tmp' | grep -v "\.$$\.BBBBBB" | tr '\n' ' ')
[ -z "$left" ]
t_result "killed generate: no temporary file after the next run ($seen seen after 60 kills in a run of ${ms} ms)" $? "left: $left"
[ -e "out/.quotes.tex.sitat-tmp.$$.BBBBBB" ]
t_result "a temporary file of a live process is kept" $?

cd "$root" || exit 2
t_end
