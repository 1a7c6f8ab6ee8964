#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# bench/setup-duckdb.sh — the benchmark's own optional set-up: installs
# @duckdb/node-api from the npm registry into a cache folder outside the source
# tree (nothing is committed, the build never needs it) and prints that folder.
# Exits 1 with a note when node/npm or the registry is unavailable.
set -eu
dir="${MQLW_BENCH_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/mqlw-bench}/duckdb"
if [ -d "$dir/node_modules/@duckdb/node-api" ]; then echo "$dir"; exit 0; fi
command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1 ||
  { echo "setup-duckdb: node and npm are needed for the DuckDB peer" >&2; exit 1; }
mkdir -p "$dir"
[ -f "$dir/package.json" ] || echo '{"private": true, "type": "module"}' > "$dir/package.json"
if ! (cd "$dir" && npm install --no-audit --no-fund --silent @duckdb/node-api >&2); then
  echo "setup-duckdb: npm could not install @duckdb/node-api" >&2; exit 1
fi
echo "$dir"
