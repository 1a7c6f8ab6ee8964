#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# "meson install" puts everything in its place: install the build into a
# temporary DESTDIR and check each expected file, then that the installed
# desktop file names an installed binary and icon.
# Usage: check-install.sh BUILD_ROOT PREFIX BINDIR DATADIR MANDIR LOCALEDIR APP_ID WITH_GUI WITH_CLI
set -eu
build="$1"; prefix="$2"; bindir="$3"; datadir="$4"; mandir="$5"; localedir="$6"; id="$7"
with_gui="$8"; with_cli="$9"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

meson install -C "$build" --destdir "$tmp" --no-rebuild --quiet >"$tmp.log" 2>&1 || {
  echo "FAIL: meson install"; cat "$tmp.log"; rm -f "$tmp.log"; exit 1; }
rm -f "$tmp.log"

# Relative option values are below the prefix; absolute ones stand alone.
under () { case "$1" in /*) echo "$tmp$1" ;; *) echo "$tmp$prefix/$1" ;; esac; }
bin=$(under "$bindir"); share=$(under "$datadir"); man=$(under "$mandir"); locale=$(under "$localedir")

status=0
expect () {
  if [ -s "$1" ]; then echo "ok: ${1#$tmp}"; else echo "FAIL: ${1#$tmp} was not installed"; status=1; fi
}
[ "$with_gui" = true ] && expect "$bin/mql-workbench"
[ "$with_cli" = true ] && expect "$bin/mqlw"
expect "$share/applications/$id.desktop"
expect "$share/metainfo/$id.metainfo.xml"
expect "$share/icons/hicolor/scalable/apps/$id.svg"
expect "$share/icons/hicolor/symbolic/apps/$id-symbolic.svg"
expect "$share/glib-2.0/schemas/$id.gschema.xml"
expect "$share/mime/packages/$id.xml"
expect "$share/help/C/mql-workbench/index.page"
expect "$share/help/C/mql-workbench/figures/workbench.png"
expect "$man/man1/mqlw.1"
expect "$share/mql-workbench/samples/leads-5000.csv"
expect "$share/mql-workbench/samples/seed002-two-paths.json"
for lang in de es; do
  expect "$locale/$lang/LC_MESSAGES/mql-workbench.mo"
done

# The installed desktop file is translated and points at what was installed.
desktop="$share/applications/$id.desktop"
if [ -f "$desktop" ]; then
  grep -q '^Comment\[de\]=' "$desktop" || { echo "FAIL: no German comment in the desktop file"; status=1; }
  icon=$(sed -n 's/^Icon=//p' "$desktop")
  [ "$icon" = "$id" ] || { echo "FAIL: desktop file icon '$icon' is not $id"; status=1; }
  exe=$(sed -n 's/^Exec=\([^ ]*\).*/\1/p' "$desktop")
  if [ "$with_gui" = true ] && [ ! -x "$bin/$exe" ]; then
    echo "FAIL: desktop file runs '$exe', which is not in $bindir"; status=1
  fi
fi
# The installed schema compiles strictly on its own.
glib-compile-schemas --strict --dry-run "$share/glib-2.0/schemas" || { echo "FAIL: installed schema"; status=1; }
exit $status
