#!/bin/sh
# tests/layers/run.sh - includes flow one way between the layers of
# tools/src (see tools/README.md): a file may include headers of its own
# layer and of the layers listed for it here, nothing else.  One case per
# layer folder, and one that every source file is in a layer folder.
set -u
cd "$(dirname "$0")/../.." || exit 2
. tests/lib.sh
t_begin layers
tmp=$(mktemp -d "${TMPDIR:-/tmp}/sitat-layers.XXXXXX") || exit 2
trap 'rm -rf "$tmp"' EXIT
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
for d in tools/src/*/; do
	layer=${d%/}
	layer=${layer##*/}
	ok=$(allowed "$layer")
	: >"$tmp/why"
	n=0
	if [ -z "$ok" ]; then
		echo "$layer is not a known layer (add it to tests/layers/run.sh and tools/README.md)" >"$tmp/why"
	else
		for f in "$d"*.[ch]; do
			[ -e "$f" ] || continue
			for inc in $(sed -n 's/^#[ \t]*include "\([^"]*\)".*/\1/p' "$f"); do
				n=$((n + 1))
				case $inc in
				*/*) to=${inc%%/*} ;;
				*) to="" ;;
				esac
				case " $ok " in
				*" $to "*) ;;
				*) echo "$f includes \"$inc\": $layer may include only: $ok (as \"layer/file.h\")" >>"$tmp/why" ;;
				esac
			done
		done
	fi
	t_report "$layer: includes go one way" "$tmp/why"
done
: >"$tmp/why"
for f in tools/src/*.c tools/src/*.h; do
	[ -e "$f" ] && echo "$f: every source file belongs to a layer folder" >>"$tmp/why"
done
t_report "every source file in a layer folder" "$tmp/why"
t_end
