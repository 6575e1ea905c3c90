#!/usr/bin/env bash
# make bench: Casebook beside the DuckDB shell on the shared benchmark harness
# (../shared/bench), in one run, with the answers cross-checked.
#
#   bench/run.sh [SIZE ...]     SIZE: small | medium | large (default: medium large)
#
# Generates the data if it is missing, installs the DuckDB shell (pip
# duckdb-cli), hyperfine and GNU time where they are missing, times Casebook's
# release build and DuckDB with hyperfine, and prints a table of medians, the
# ratio Casebook / DuckDB and peak memory (bench-out/casebook-vs-duckdb.md).
# Environment: BENCH_HARNESS (default ../shared/bench), BENCH_DATA, BENCH_OUT,
# RUNS, WARMUP, ROUNDS (passed to the harness), CASEBOOK_BIN (default
# .build/release/casebook), EXTRA=0 to skip bench/extra.sh.
#
# Casebook keeps a binary cache of each CSV file it reads (CASEBOOK_CACHE, a
# fresh folder per run here): the harness's probe run and hyperfine's warm-up
# fill it, and the timed runs use it, as a user repeating a query on an
# unchanged file would. bench/extra.sh then times each query with the cache
# emptied before every run (the first load of a file), and Casebook's start-up,
# shell timer and load figures.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
HARNESS=${BENCH_HARNESS:-$ROOT/../shared/bench}
[ -x "$HARNESS/run_peers.sh" ] || { echo "bench: no harness at $HARNESS (set BENCH_HARNESS)" >&2; exit 2; }
SUDO=; [ "$(id -u)" = 0 ] || SUDO=sudo
need_apt=()
command -v hyperfine >/dev/null || need_apt+=(hyperfine)
[ -x /usr/bin/time ] || need_apt+=(time)
if [ ${#need_apt[@]} -gt 0 ]; then
  $SUDO apt-get install -y -qq "${need_apt[@]}" >/dev/null 2>&1 || { $SUDO apt-get update -qq && $SUDO apt-get install -y -qq "${need_apt[@]}"; }
fi
python3 -c 'import duckdb_cli' 2>/dev/null || python3 -m pip install -q --disable-pip-version-check duckdb-cli
export PYTHON=${PYTHON:-$(python3 -c 'import sys; print(sys.executable)')}
export BENCH_DATA=${BENCH_DATA:-$ROOT/bench-data} BENCH_OUT=${BENCH_OUT:-$ROOT/bench-out}
export CASEBOOK_BIN=${CASEBOOK_BIN:-$ROOT/.build/release/casebook}
[ -x "$CASEBOOK_BIN" ] || { echo "bench: build first (swift build -c release), or set CASEBOOK_BIN" >&2; exit 2; }
export PROJECT_NAME=casebook PEERS="duckdb project"
export RESULTS=$BENCH_OUT/RESULTS.md
. "$ROOT/bench/queries.sh"
# The binary column cache is part of Casebook; give it a folder of its own
# so that a run starts from the same state every time.
export CASEBOOK_CACHE=${CASEBOOK_CACHE:-$BENCH_OUT/cache}
rm -rf "$CASEBOOK_CACHE"
"$HARNESS/run_peers.sh" ${*:-medium large}
[ "${EXTRA:-1}" = 0 ] || "$ROOT/bench/extra.sh" ${*:-medium large}
python3 "$ROOT/bench/report.py" "$BENCH_OUT" | tee "$BENCH_OUT/casebook-vs-duckdb.md"
rm -rf "$CASEBOOK_CACHE"  # a copy of every file the run read
