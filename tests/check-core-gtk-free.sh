#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The core never includes GTK, GDK or libadwaita: the CLI and the tests link it headless.
core="$1/src/core"
if grep -rnE '#include[[:space:]]*[<"](gtk/|gdk/|adwaita|libadwaita)' "$core"; then
  echo "src/core includes GTK/GDK/Adwaita headers (above)" >&2
  exit 1
fi
if grep -rnE "dependency\('(gtk4|libadwaita-1)'" "$core/meson.build"; then
  echo "src/core/meson.build depends on GTK or libadwaita" >&2
  exit 1
fi
echo "src/core is GTK-free"
