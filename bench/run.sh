#!/usr/bin/env bash
# make bench: Casebook beside DuckDB and polars on the shared benchmark
# harness's data and queries (../shared/bench), like for like, with every
# answer cross-checked.
#
#   bench/run.sh [SIZE ...]     SIZE: small | medium | large (default: medium large)
#
# Installs what is missing (hyperfine and GNU time from apt; the DuckDB shell
# and polars from PyPI into a virtualenv), generates the data and DuckDB's
# database and the parquet copy if absent (bench/prepare.sh), times each query
# in one hyperfine run of the five commands (bench/fair.sh: DuckDB on the CSV,
# Casebook cold, DuckDB on its database, Casebook with its cache, polars on
# parquet), then Casebook's start-up, shell timer and load figures
# (bench/extra.sh), and prints the report (bench-out/casebook-vs-duckdb.md).
# Environment: BENCH_HARNESS (default ../shared/bench), BENCH_DATA (default
# bench-data/), BENCH_OUT (bench-out/), BENCH_VENV (the harness's .venv if it
# has one, else bench-out/venv), RUNS (default 10), WARMUP (1), QUERIES,
# CASEBOOK_BIN (default .build/release/casebook), EXTRA=0 to skip bench/extra.sh.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
export BENCH_HARNESS=${BENCH_HARNESS:-$ROOT/../shared/bench}
[ -x "$BENCH_HARNESS/run_peers.sh" ] || { echo "bench: no harness at $BENCH_HARNESS (set BENCH_HARNESS)" >&2; exit 2; }
SUDO=; [ "$(id -u)" = 0 ] || SUDO=sudo
need_apt=()
command -v hyperfine >/dev/null || need_apt+=(hyperfine)
[ -x /usr/bin/time ] || need_apt+=(time)
if [ ${#need_apt[@]} -gt 0 ]; then
  $SUDO apt-get install -y -qq "${need_apt[@]}" >/dev/null 2>&1 || { $SUDO apt-get update -qq && $SUDO apt-get install -y -qq "${need_apt[@]}"; }
fi
export BENCH_DATA=${BENCH_DATA:-$ROOT/bench-data} BENCH_OUT=${BENCH_OUT:-$ROOT/bench-out}
mkdir -p "$BENCH_OUT"
if [ -z "${BENCH_VENV:-}" ]; then
  if [ -x "$BENCH_HARNESS/.venv/bin/python" ]; then BENCH_VENV=$BENCH_HARNESS/.venv; else BENCH_VENV=$BENCH_OUT/venv; fi
fi
[ -x "$BENCH_VENV/bin/python" ] || python3 -m venv "$BENCH_VENV"
export PYTHON=$BENCH_VENV/bin/python
# The versions the harness pins (requirements.txt); polars is optional.
"$PYTHON" -c 'import duckdb_cli' 2>/dev/null || "$PYTHON" -m pip install -q --disable-pip-version-check duckdb-cli==1.5.6
"$PYTHON" -c 'import polars' 2>/dev/null || "$PYTHON" -m pip install -q --disable-pip-version-check polars==2.1.0 \
  || echo "bench: polars could not be installed; its column is left out" >&2
export DUCKDB_BIN=${DUCKDB_BIN:-$("$PYTHON" -c 'import duckdb_cli, os; print(os.path.join(os.path.dirname(duckdb_cli.__file__), "duckdb"))')}
export CASEBOOK_BIN=${CASEBOOK_BIN:-$ROOT/.build/release/casebook}
[ -x "$CASEBOOK_BIN" ] || { echo "bench: build first (make release), or set CASEBOOK_BIN" >&2; exit 2; }
SIZES=${*:-medium large}
{
  echo "date=$(date -u '+%Y-%m-%d %H:%M UTC')"
  echo "load_before=$(cut -d' ' -f1-3 /proc/loadavg)"
  echo "duckdb_cli=$("$DUCKDB_BIN" --version | head -1)"
  echo "polars=$("$PYTHON" -c 'import polars; print(polars.__version__)' 2>/dev/null || echo absent)"
  echo "hyperfine=$(hyperfine --version | awk '{print $2}')"
} > "$BENCH_OUT/versions.txt"
"$ROOT/bench/prepare.sh" $SIZES
"$ROOT/bench/fair.sh" $SIZES
echo "load_after=$(cut -d' ' -f1-3 /proc/loadavg)" >> "$BENCH_OUT/versions.txt"
[ "${EXTRA:-1}" = 0 ] || "$ROOT/bench/extra.sh" $SIZES
python3 "$ROOT/bench/report.py" "$BENCH_OUT" | tee "$BENCH_OUT/casebook-vs-duckdb.md"
