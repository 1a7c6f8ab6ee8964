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
  zlib1g-dev nettle-dev libxxhash-dev libcairo2-dev libpango1.0-dev libgtk-4-dev libadwaita-1-dev
  desktop-file-utils appstream libglib2.0-bin shared-mime-info
  itstool yelp-tools librsvg2-bin libxml2-utils groff-base
  xvfb xauth dbus dbus-x11 fonts-cantarell
  python3 python3-markdown python3-pandas python3-sklearn python3-scipy python3-statsmodels poppler-utils openssh-client
  postgresql
  clang libclang-rt-14-dev valgrind
  locales
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

# The number formatter's tests also run in German (they skip without it).
generate_locales () {
  locale -a 2>/dev/null | grep -qi '^de_DE\.utf-\?8$' && return
  local sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo sed -i 's/^# *de_DE.UTF-8 UTF-8/de_DE.UTF-8 UTF-8/' /etc/locale.gen
  $sudo locale-gen
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
    generate_locales
    configure_and_build
    log="$build/meson-logs/setup-test.txt"
    set +e
    meson test -C "$build" --print-errorlogs --num-processes 2 2>&1 | tee "$log"
    status=${PIPESTATUS[0]}
    # The core and the CLI once more under AddressSanitizer and UBSan.
    asan="${build}-sanitize"
    asan_log="$asan/meson-logs/setup-test.txt"
    if [ -f "$asan/build.ninja" ]; then
      meson setup --reconfigure "$asan" "$top" >/dev/null
    else
      meson setup "$asan" "$top" -Dgui=disabled -Db_sanitize=address,undefined -Db_lundef=false >/dev/null
    fi
    meson compile -C "$asan" >/dev/null &&
      ASAN_OPTIONS=detect_leaks=0:abort_on_error=1 UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
      meson test -C "$asan" --suite core --suite cli --print-errorlogs --num-processes 2 2>&1 | tee "$asan_log"
    asan_status=${PIPESTATUS[0]}
    [ -f "$asan_log" ] || echo "Fail: 1" > "$asan_log"
    # Every libFuzzer target for a minute, two at a time, at low priority
    # (tests/fuzz/run.sh; the targets are listed in tests/fuzz/targets).
    fuzz_log="$build/meson-logs/setup-fuzz.txt"
    MQLW_FUZZ_BUILD_DIR="${build}-fuzz" "$top/tests/fuzz/run.sh" all 60 2>&1 | tee "$fuzz_log"
    fuzz_status=${PIPESTATUS[0]}
    set -e
    count () { local n; n=$(sed -n "s/^$1:[[:space:]]*\([0-9]*\).*/\1/p" "$2" | tail -n 1); echo "${n:-0}"; }
    ok=$(( $(count Ok "$log") + $(count Ok "$asan_log") ))
    fail=$(( $(count Fail "$log") + $(count Timeout "$log") + $(count Fail "$asan_log") + $(count Timeout "$asan_log") ))
    fuzz_ok=$(grep -c ': no finding$' "$fuzz_log" || true)
    fuzz_fail=$(grep -c ': FINDING' "$fuzz_log" || true)
    [ "$fuzz_status" -eq 0 ] || [ "$fuzz_fail" -gt 0 ] || fuzz_fail=1
    echo "tests: ${ok} passed, ${fail} failed; fuzz targets: ${fuzz_ok} clean, ${fuzz_fail} with a finding"
    [ "$status" -eq 0 ] && [ "$asan_status" -eq 0 ] && [ "$fuzz_status" -eq 0 ]
    ;;
  *)
    echo "usage: tools/setup.sh run|test" >&2
    exit 1
    ;;
esac
