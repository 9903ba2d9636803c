#!/bin/sh
# tools/deps.sh - make sure the Debian packages sitat needs are installed
# (installing them when run as root), then write the compiler flags to the
# file given as $1 (build/config.mk).  TeX: pdfLaTeX, XeLaTeX and LuaLaTeX,
# and the fallback fonts (Noto, Noto CJK, Symbola) sitat-text.def uses for
# other scripts under XeLaTeX and LuaLaTeX.
set -eu
out=${1:-build/config.mk}
pkgs="gcc make pkg-config libssl-dev libgit2-dev libcjson-dev libcmocka-dev libutf8proc-dev
libzip-dev libxml2-dev libpoppler-glib-dev libarchive-dev
latexmk biber texlive-latex-base texlive-latex-recommended texlive-latex-extra
texlive-lang-european texlive-bibtex-extra texlive-fonts-recommended lmodern git
poppler-utils time python3
texlive-xetex texlive-luatex fonts-noto-core fonts-noto-cjk fonts-symbola fontconfig"
missing=""
for p in $pkgs; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' ||
		missing="$missing $p"
done
if [ -n "$missing" ]; then
	if [ "$(id -u)" = 0 ]; then
		echo "deps: installing:$missing"
		apt-get update
		DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends $missing
	else
		echo "deps: missing Debian packages. Run as root:" >&2
		echo "  apt-get update && apt-get install -y --no-install-recommends$missing" >&2
		exit 1
	fi
fi
# LuaLaTeX's font database (luaotfload), made once now rather than by the
# first LuaLaTeX runs, which may be several at once (the test suites): in
# TeX's cache (TEXMFCACHE: /var/lib/texmf for root, ~/.texlive*/texmf-var
# otherwise), never in the project.  Cheap when it is current.
if command -v luaotfload-tool >/dev/null 2>&1 &&
	! luaotfload-tool --update >/dev/null 2>&1; then
	echo "deps: warning: luaotfload-tool --update failed (no writable TEXMFCACHE?):" \
		"LuaLaTeX builds need one" >&2
fi
mods="libgit2 libcjson libutf8proc libcrypto libzip libxml-2.0 poppler-glib libarchive"
mkdir -p "$(dirname "$out")"
{
	echo "# written by tools/deps.sh"
	echo "DEP_CFLAGS = $(pkg-config --cflags $mods)"
	echo "DEP_LIBS = $(pkg-config --libs $mods) -lm"
	echo "CORE_LIBS = $(pkg-config --libs libcjson libutf8proc) -lm"
	echo "GIT_LIBS = $(pkg-config --libs libgit2 libcrypto)"
	# Linked: libzip and libxml2.  poppler-glib is loaded (dlopen) when a
	# PDF is read: linked, its fifty libraries would slow every run of
	# sitat.  libarchive too (io/dynload.c), when a bundle is written or read.
	echo "IO_LIBS = $(pkg-config --libs libzip libxml-2.0)"
	echo "CMOCKA_LIBS = $(pkg-config --libs cmocka)"
} > "$out.tmp"
mv "$out.tmp" "$out"
