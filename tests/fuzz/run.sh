#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# tests/fuzz/run.sh TARGET|all [SECONDS] — runs a libFuzzer target for SECONDS
# (default 60) at low priority, `all` runs every target of tests/fuzz/targets,
# two at a time. The first run configures a build with clang, ASan and UBSan
# in $MQLW_FUZZ_BUILD_DIR (default build-fuzz/). The seeds of tests/fuzz/corpus
# stay as committed: what the fuzzer finds goes into BUILD/fuzz-corpus/TARGET,
# a crashing input into BUILD/fuzz-artifacts/TARGET/ (add it to the seeds and
# to the bad-input tests once fixed). Prints per target: seconds, executions,
# coverage (cov, ft); exits non-zero on a finding.
set -eu

top=$(cd "$(dirname "$0")/../.." && pwd)
build=${MQLW_FUZZ_BUILD_DIR:-$top/build-fuzz}
here="$top/tests/fuzz"
what=${1:-}
seconds=${2:-60}

if [ -z "$what" ]; then
  echo "usage: tests/fuzz/run.sh TARGET|all [SECONDS]" >&2
  exit 1
fi
lines=$(sed -e 's/#.*//' -e '/^[[:space:]]*$/d' "$here/targets")
targets=$(echo "$lines" | awk '{ print $1 }')

if [ ! -f "$build/build.ninja" ]; then
  CC=clang meson setup "$build" "$top" -Dfuzz=true -Dgui=disabled -Dpandas_check=false \
    -Db_sanitize=address,undefined -Db_lundef=false >/dev/null
fi

run_one () {
  name=$1
  corpus="$build/fuzz-corpus/$name"
  artifacts="$build/fuzz-artifacts/$name"
  log="$build/fuzz-$name.log"
  mkdir -p "$corpus" "$artifacts"
  dict=""
  # Per-target libFuzzer flags: the words after the name in targets; a later
  # -max_len overrides the default below.
  options=$(echo "$lines" | awk -v n="$name" '$1 == n { $1 = ""; print }')
  [ -f "$here/$name.dict" ] && dict="-dict=$here/$name.dict"
  status=0
  ASAN_OPTIONS=abort_on_error=1:detect_leaks=1 UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
    nice -n "${MQLW_FUZZ_NICE:-19}" "$build/tests/fuzz/fuzz-$name" $dict \
      -max_total_time="$seconds" -timeout=20 -rss_limit_mb=2048 -max_len=8192 \
      -print_final_stats=1 -artifact_prefix="$artifacts/" $options \
      "$corpus" "$here/corpus/$name" > "$log" 2>&1 || status=$?
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
  cov=$(grep -o 'cov: [0-9]*' "$log" | tail -n 1 | cut -d' ' -f2)
  ft=$(grep -o 'ft: [0-9]*' "$log" | tail -n 1 | cut -d' ' -f2)
  if [ "$status" -eq 0 ]; then
    echo "fuzz $name: ${seconds} s, ${execs:-?} executions, cov ${cov:-?}, ft ${ft:-?}: no finding"
  else
    echo "fuzz $name: FINDING after ${execs:-?} executions (see $log, input in $artifacts/)"
    grep -E 'ERROR|SUMMARY|==[0-9]+==' "$log" | head -n 5 | sed 's/^/  /'
  fi
  return "$status"
}

if [ "$what" = all ]; then
  ninja -C "$build" $(for t in $targets; do printf 'tests/fuzz/fuzz-%s ' "$t"; done) >/dev/null
  status=0
  set -- $targets
  # Two at a time: the machine's cores are shared.
  while [ $# -gt 0 ]; do
    run_one "$1" & first=$!
    second=""
    if [ $# -gt 1 ]; then
      run_one "$2" & second=$!
    fi
    wait "$first" || status=1
    [ -z "$second" ] || wait "$second" || status=1
    shift; [ $# -gt 0 ] && shift
  done
  exit "$status"
fi

case " $(echo $targets) " in
  *" $what "*) ;;
  *) echo "run.sh: no target '$what'; the targets are: $(echo $targets)" >&2; exit 1 ;;
esac
ninja -C "$build" "tests/fuzz/fuzz-$what" >/dev/null
run_one "$what"
