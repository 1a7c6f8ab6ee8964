#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# bench/run-bench.sh [N] [BUILD_DIR] — the performance benchmark of DESIGN.md §5.
#
# Generates an N-lead history (default 1 000 000) in a temporary directory,
# then measures, side by side in the same run:
#   1. import: `mqlw-bench import` vs pandas.read_csv (wall time, peak RSS),
#      each in a fresh process, with a memchr pass over the file as the floor;
#   2. what-if step (one weight → rescore → calibration → buckets width:10 →
#      preview), median of 50, with one pass over a float column as reference;
#   3. threshold move alone (mqlw_calibration_preview), median of 10 000;
#   4. project reopen (not implemented yet).
# BUILD_DIR defaults to $MQLW_BUILD_DIR, else ./build. Not a test: run by hand.
set -eu

N=${1:-1000000}
SRC=$(cd "$(dirname "$0")/.." && pwd)
BUILD_DIR=${2:-${MQLW_BUILD_DIR:-$SRC/build}}
BENCH="$BUILD_DIR/bench/mqlw-bench"
CLI="$BUILD_DIR/src/cli/mqlw"
MODEL=${MQLW_BENCH_MODEL:-$SRC/data/samples/seed002-two-paths.json}
PYTHON=/usr/bin/python3

if [ ! -x "$BENCH" ]; then
  echo "run-bench.sh: $BENCH not found; build first: meson setup BUILD_DIR && ninja -C BUILD_DIR" >&2
  exit 2
fi

TMP=$(mktemp -d "${TMPDIR:-/tmp}/mqlw-bench.XXXXXX")
trap 'rm -rf "$TMP"' EXIT INT TERM
CSV="$TMP/leads-$N.csv"

# The value of key $2 in the key=value output file $1.
get () { sed -n "s/^$2=//p" "$1" | head -n 1; }

echo "Generating $N leads (seed 42)…"
if [ -x "$CLI" ]; then
  "$CLI" generate --leads "$N" --seed 42 -o "$CSV"
  GEN_BY="mqlw generate"
else
  "$BENCH" generate "$N" 42 "$CSV" > /dev/null
  GEN_BY="mqlw-bench generate"
fi
BYTES=$(wc -c < "$CSV")

# Warm the page cache so that neither side pays for the disk.
cat "$CSV" > /dev/null

"$BENCH" memchr "$CSV" > "$TMP/memchr.out"
echo "Importing with MQL Workbench…"
"$BENCH" import "$CSV" > "$TMP/ours.out"
echo "Reading with pandas…"
if "$PYTHON" "$SRC/bench/pandas_read.py" "$CSV" > "$TMP/pandas.out" 2> "$TMP/pandas.err"; then
  PANDAS_OK=1
else
  PANDAS_OK=0
  sed 's/^/  pandas: /' "$TMP/pandas.err" >&2
fi
WHATIF_OK=0
if [ -f "$MODEL" ]; then
  echo "What-if and threshold moves with $(basename "$MODEL")…"
  if "$BENCH" whatif "$CSV" "$MODEL" > "$TMP/whatif.out"; then
    WHATIF_OK=1
  fi
else
  echo "run-bench.sh: model $MODEL not found; what-if skipped" >&2
fi

OURS_S=$(get "$TMP/ours.out" import_seconds)
OURS_KIB=$(get "$TMP/ours.out" peak_rss_kib)
OURS_ROWS=$(get "$TMP/ours.out" rows)
MEMCHR_S=$(get "$TMP/memchr.out" memchr_seconds)

verdict () { awk -v r="$1" -v t="$2" 'BEGIN { print (r <= t) ? "PASS" : "FAIL" }'; }

echo
printf 'MQL Workbench benchmark: %s leads, %s rows imported, %.1f MB CSV (%s), %s CPUs\n' \
  "$N" "$OURS_ROWS" "$(awk -v b="$BYTES" 'BEGIN { print b / 1e6 }')" "$GEN_BY" "$(nproc)"
printf '%-34s %-16s %-22s %-8s %-8s %s\n' "Measure" "MQL Workbench" "Peer / reference" "Ratio" "Target" "Verdict"
printf '%-34s %-16s %-22s %-8s %-8s %s\n' "----------------------------------" "----------------" "----------------------" "--------" "--------" "-------"
if [ "$PANDAS_OK" = 1 ]; then
  PD_S=$(get "$TMP/pandas.out" read_seconds)
  PD_KIB=$(get "$TMP/pandas.out" peak_rss_kib)
  PD_BASE=$(get "$TMP/pandas.out" baseline_rss_kib)
  R_T=$(awk -v a="$OURS_S" -v b="$PD_S" 'BEGIN { printf "%.3f", a / b }')
  R_M=$(awk -v a="$OURS_KIB" -v b="$PD_KIB" 'BEGIN { printf "%.3f", a / b }')
  printf '%-34s %-16s %-22s %-8s %-8s %s\n' "1. Import wall time" "$(printf '%.3f s' "$OURS_S")" \
    "$(printf 'pandas %.3f s' "$PD_S")" "$R_T" "<= 0.5" "$(verdict "$R_T" 0.5)"
  printf '%-34s %-16s %-22s %-8s %-8s %s\n' "   Import peak RSS (process)" "$(awk -v k="$OURS_KIB" 'BEGIN { printf "%.0f MiB", k / 1024 }')" \
    "$(awk -v k="$PD_KIB" 'BEGIN { printf "pandas %.0f MiB", k / 1024 }')" "$R_M" "<= 0.5" "$(verdict "$R_M" 0.5)"
  printf '%-34s %-16s %-22s\n' "   (pandas before reading)" "" "$(awk -v k="$PD_BASE" 'BEGIN { printf "%.0f MiB", k / 1024 }')"
else
  printf '%-34s %-16s %-22s\n' "1. Import wall time" "$(printf '%.3f s' "$OURS_S")" "pandas failed"
  printf '%-34s %-16s\n' "   Import peak RSS (process)" "$(awk -v k="$OURS_KIB" 'BEGIN { printf "%.0f MiB", k / 1024 }')"
fi
printf '%-34s %-16s %-22s %-8s\n' "   memchr pass (the floor)" "" "$(printf '%.3f s' "$MEMCHR_S")" \
  "$(awk -v a="$OURS_S" -v b="$MEMCHR_S" 'BEGIN { printf "%.1fx", a / b }')"

if [ "$WHATIF_OK" = 1 ]; then
  W_MS=$(get "$TMP/whatif.out" whatif_ms)
  C_MS=$(get "$TMP/whatif.out" column_pass_ms)
  M_US=$(get "$TMP/whatif.out" threshold_move_us)
  printf '%-34s %-16s %-22s %-8s %-8s %s\n' "2. What-if step (median of 50)" "$(printf '%.3f ms' "$W_MS")" \
    "$(printf 'float pass %.3f ms' "$C_MS")" "$(awk -v a="$W_MS" -v b="$C_MS" 'BEGIN { printf "%.1fx", a / b }')" \
    "<= 5 ms" "$(verdict "$W_MS" 5)"
  printf '%-34s %s\n' "   update / calib / buckets / prev" "$(printf '%.3f / %.3f / %.3f / %.3f ms' \
    "$(get "$TMP/whatif.out" whatif_update_ms)" "$(get "$TMP/whatif.out" whatif_calibration_ms)" \
    "$(get "$TMP/whatif.out" whatif_buckets_ms)" "$(get "$TMP/whatif.out" whatif_preview_ms)")"
  printf '%-34s %-16s %-22s %-8s %-8s %s\n' "3. Threshold move (median of 10k)" "$(printf '%.3f us' "$M_US")" \
    "" "" "<= 20 us" "$(verdict "$M_US" 20)"
else
  printf '%-34s %s\n' "2. What-if step" "n/a (model or scorer unavailable)"
  printf '%-34s %s\n' "3. Threshold move" "n/a (model or scorer unavailable)"
fi
printf '%-34s %s\n' "4. Project reopen" "n/a (projects not implemented)"
