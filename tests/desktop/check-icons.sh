#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The application icons: well-formed SVG, the full-colour one on GNOME's
# 128×128 canvas, the symbolic one 16×16 in the single symbolic colour with
# filled paths only (strokes vanish when GTK recolours), and both render.
# Usage: check-icons.sh SOURCE_ROOT APP_BASE_ID
set -eu
root="$1"; id="$2"
full="$root/data/icons/hicolor/scalable/apps/$id.svg"
sym="$root/data/icons/hicolor/symbolic/apps/$id-symbolic.svg"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
status=0
fail () { echo "FAIL: $*"; status=1; }

for f in "$full" "$sym"; do
  xmllint --noout "$f" || fail "$f is not well-formed XML"
done
grep -q 'viewBox="0 0 128 128"' "$full" || fail "$full is not on a 128×128 canvas"
grep -q 'viewBox="0 0 16 16"' "$sym" || fail "$sym is not 16×16"
grep -q '<text' "$full" "$sym" && fail "icons must not contain text"
colours=$(grep -o '#[0-9a-fA-F]\{6\}' "$sym" | sort -u | tr '\n' ' ')
[ "$colours" = "#2e3436 " ] || fail "$sym uses colours other than #2e3436: $colours"
grep -q 'stroke' "$sym" && fail "$sym uses strokes; symbolic icons are filled paths"

for size in 16 32 64 128; do
  rsvg-convert -w $size -h $size "$full" -o "$tmp/full-$size.png" || fail "$full does not render at $size px"
done
rsvg-convert -w 16 -h 16 "$sym" -o "$tmp/sym-16.png" || fail "$sym does not render"
# A rendered icon is a PNG of the requested size (bytes 16–23 of the IHDR chunk).
for size in 16 128; do
  dims=$(od -An -tu1 -j16 -N8 "$tmp/full-$size.png" | tr -s ' ')
  [ "$dims" = " 0 0 0 $size 0 0 0 $size" ] || fail "full-colour icon rendered as $dims, not $size×$size"
done
[ $status -eq 0 ] && echo "ok: $id icons"
exit $status
