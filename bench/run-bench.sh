#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# bench/run-bench.sh [--rounds R] [--format text|json|json-full] [--no-duckdb] [--no-sql] [N] [BUILD_DIR]
# The performance benchmark of DESIGN.md §5 side by side with DuckDB and pandas;
# see bench/README.md. Not a test: run by hand on an otherwise idle machine.
exec /usr/bin/python3 "$(dirname "$0")/bench.py" "$@"
