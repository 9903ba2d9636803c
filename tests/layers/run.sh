#!/bin/sh
# tests/layers/run.sh - includes flow one way between the layers of
# tools/src (see tools/README.md): a file may include headers of its own
# layer and of the layers listed for it here, nothing else.
set -u
cd "$(dirname "$0")/../.." || exit 2
allowed() {
	case $1 in
	core) echo "core" ;;
	audit) echo "core audit" ;;
	prov) echo "core prov" ;;
	latex) echo "core audit prov latex" ;;
	io) echo "core io" ;;
	cmd) echo "core audit prov latex io cmd" ;;
	*) echo "" ;;
	esac
}
bad=0 n=0
for f in tools/src/*/*.[ch]; do
	layer=${f#tools/src/}
	layer=${layer%%/*}
	ok=$(allowed "$layer")
	if [ -z "$ok" ]; then
		echo "FAIL $f: $layer is not a known layer (add it to tests/layers/run.sh and tools/README.md)"
		bad=$((bad + 1))
		continue
	fi
	for inc in $(sed -n 's/^#[ \t]*include "\([^"]*\)".*/\1/p' "$f"); do
		n=$((n + 1))
		case $inc in
		*/*) to=${inc%%/*} ;;
		*) to="" ;;
		esac
		case " $ok " in
		*" $to "*) ;;
		*)
			echo "FAIL $f includes \"$inc\": $layer may include only: $ok (as \"layer/file.h\")"
			bad=$((bad + 1))
			;;
		esac
	done
done
for f in tools/src/*.c tools/src/*.h; do
	[ -e "$f" ] && { echo "FAIL $f: every source file belongs to a layer folder"; bad=$((bad + 1)); }
done
echo "layers: $n includes checked, $bad wrong"
[ "$bad" = 0 ]
