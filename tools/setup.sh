#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# One-stop set-up on Debian 12: install what MQL Workbench needs from Debian's
# packages, build it, then either open the workbench on the bundled sample
# history (`run`) or run the whole test suite (`test`).
set -euo pipefail

mode="${1:-run}"
top="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${MQLW_BUILD_DIR:-$top/build}"

packages=(
  gcc meson ninja-build pkg-config gettext
  libglib2.0-dev libcsv-dev libgsl-dev libjson-glib-dev libsqlite3-dev
  libcairo2-dev libpango1.0-dev libgtk-4-dev libadwaita-1-dev
  desktop-file-utils appstream libglib2.0-bin shared-mime-info
  itstool yelp-tools librsvg2-bin libxml2-utils groff-base
  xvfb xauth dbus dbus-x11 fonts-cantarell
  python3 python3-pandas poppler-utils
)

install_packages () {
  local missing=()
  for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  if [ ${#missing[@]} -eq 0 ]; then
    echo "setup: all ${#packages[@]} Debian packages are installed"
    return
  fi
  local sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  echo "setup: installing ${missing[*]}"
  $sudo apt-get update -q
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends "${missing[@]}"
}

configure_and_build () {
  if [ -f "$build/build.ninja" ]; then
    meson setup --reconfigure "$build" "$top" >/dev/null
  else
    meson setup "$build" "$top"
  fi
  meson compile -C "$build"
}

sample="$top/data/samples/leads-5000.csv"
model="$top/data/samples/seed002-two-paths.json"

case "$mode" in
  run)
    install_packages
    configure_and_build
    app="$build/src/app/mql-workbench"
    if [ -x "$app" ] && { [ -n "${DISPLAY:-}" ] || [ -n "${WAYLAND_DISPLAY:-}" ]; }; then
      # Uninstalled: point GSettings at the schema the build compiled.
      export GSETTINGS_SCHEMA_DIR="$build/data${GSETTINGS_SCHEMA_DIR:+:$GSETTINGS_SCHEMA_DIR}"
      exec "$app" --sample
    fi
    echo "setup: no display to open the window on; here is the same calibration from the command line:"
    exec "$build/src/cli/mqlw" calibrate "$sample" --model "$model" --buckets edges:0,31,51,71
    ;;
  test)
    install_packages
    configure_and_build
    log="$build/meson-logs/setup-test.txt"
    set +e
    meson test -C "$build" --print-errorlogs --num-processes 2 2>&1 | tee "$log"
    status=${PIPESTATUS[0]}
    set -e
    ok=$(sed -n 's/^Ok:[[:space:]]*\([0-9]*\).*/\1/p' "$log" | tail -n 1)
    fail=$(sed -n 's/^Fail:[[:space:]]*\([0-9]*\).*/\1/p' "$log" | tail -n 1)
    timeout=$(sed -n 's/^Timeout:[[:space:]]*\([0-9]*\).*/\1/p' "$log" | tail -n 1)
    echo "tests: ${ok:-0} passed, $(( ${fail:-0} + ${timeout:-0} )) failed"
    exit "$status"
    ;;
  *)
    echo "usage: tools/setup.sh run|test" >&2
    exit 1
    ;;
esac
