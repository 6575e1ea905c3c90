#!/usr/bin/env bash
# Casebook beside DuckDB and polars, like for like, in one hyperfine run per
# query (the commands interleave nothing, but share the same minutes of a
# machine that may be busy):
#   duckdb_csv     the DuckDB shell reading the CSV (the harness's SQL)
#   casebook_cold  Casebook with its column cache emptied before every run
#   duckdb_db      the DuckDB shell querying its own persisted database
#   casebook_warm  Casebook with its column cache filled
#   polars_parquet polars on a parquet copy (when polars is installed)
# The first read of a CSV is compared with the first read (cold with
# duckdb_csv); a repeated query with a repeated query on stored data (warm
# with duckdb_db). Each tool is started by hyperfine itself, with its query
# in a file (SCRIPTS/Qn.cb, Qn.csv.sql, Qn.db.sql, written first from the
# harness's commands), as a person runs `casebook analysis.cb` or `duckdb -f
# q.sql`: no shell between, whose start-up would be counted on both sides and
# hide the difference (the harness's wrappers cost about 13 ms a run).
# Each command first runs once under /usr/bin/time -v: its answer is
# cross-checked by the harness's check.py and its peak RSS is the memory figure.
#
#   bench/fair.sh SIZE ...
# Writes BENCH_OUT/<size>/{answers,probe,json,scripts}/ and check.md.
# Environment: BENCH_HARNESS, BENCH_DATA, BENCH_OUT, CASEBOOK_BIN, DUCKDB_BIN,
# PYTHON (bench/run.sh sets them), RUNS (default 10), WARMUP (default 1),
# QUERIES (default Q1 … Q6).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
HARNESS=${BENCH_HARNESS:?}
. "$HARNESS/params.sh"
. "$ROOT/bench/queries.sh"
RUNS=${RUNS:-10}
WARMUP=${WARMUP:-1}
log() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
"$PYTHON" -c 'import polars' 2>/dev/null && have_polars=1 || have_polars=0

for SIZE in "$@"; do
  D=$BENCH_DATA/$SIZE
  O=$BENCH_OUT/$SIZE
  rm -rf "$O"; mkdir -p "$O/json" "$O/answers" "$O/probe"
  cp "$D/MANIFEST.txt" "$O/MANIFEST.txt"
  cold=$BENCH_OUT/cache-cold warm=$BENCH_OUT/cache-warm
  rm -rf "$cold" "$warm"
  names=(duckdb_csv casebook_cold duckdb_db casebook_warm)
  S=$O/scripts
  mkdir -p "$S"
  DUCKDB=${DUCKDB_BIN:-duckdb}
  for Q in ${QUERIES:-Q1 Q2 Q3 Q4 Q5 Q6}; do
    # Casebook's statements: the harness's command with a stand-in binary that prints its input.
    CASEBOOK_BIN="$ROOT/bench/peers/statements.sh" bash "$HARNESS/peers/project.sh" "$Q" "$D" > "$S/$Q.cb"
    PRINT_SQL=1 bash "$HARNESS/peers/duckdb.sh" "$Q" "$D" > "$S/$Q.csv.sql"
    PRINT_SQL=1 bash "$ROOT/bench/peers/duckdb_db.sh" "$Q" "$D" "$D/bench.duckdb" > "$S/$Q.db.sql"
  done
  declare -A CMD=(
    [duckdb_csv]="$DUCKDB -csv -f $S/QUERY.csv.sql"
    [casebook_cold]="env CASEBOOK_CACHE=$cold $CASEBOOK_BIN --format csv $S/QUERY.cb"
    [duckdb_db]="$DUCKDB -readonly -csv $D/bench.duckdb -f $S/QUERY.db.sql"
    [casebook_warm]="env CASEBOOK_CACHE=$warm $CASEBOOK_BIN --format csv $S/QUERY.cb"
    [polars_parquet]="$PYTHON $ROOT/bench/peers/polars_parquet.py QUERY $D/parquet"
  )
  declare -A PREP=([casebook_cold]="rm -rf $cold")
  [ "$have_polars" = 1 ] && names+=(polars_parquet)
  for Q in ${QUERIES:-Q1 Q2 Q3 Q4 Q5 Q6}; do
    args=()
    for name in "${names[@]}"; do
      cell=${name}__$Q
      command=${CMD[$name]//QUERY/$Q}
      log "$SIZE $Q $name: probe"
      ${PREP[$name]:-true}
      # The cache filled before the warm probe, so that its memory is the warm figure.
      [ "$name" = casebook_warm ] && { $command > /dev/null 2>&1 || true; }
      if /usr/bin/time -v -o "$O/probe/$cell.time" $command > "$O/answers/$cell.csv" 2> "$O/probe/$cell.err"; then
        echo ok > "$O/probe/$cell.status"
      else
        echo "error rc=$?" > "$O/probe/$cell.status"; log "  failed: $(tail -1 "$O/probe/$cell.err")"; continue
      fi
      args+=(--prepare "${PREP[$name]:-true}" --command-name "$name" "$command")
    done
    log "$SIZE $Q: hyperfine, $RUNS runs of each"
    hyperfine --style basic -N --warmup "$WARMUP" --runs "$RUNS" --export-json "$O/json/$Q.json" "${args[@]}" \
      > "$O/json/$Q.txt" 2> "$O/json/$Q.err"
  done
  log "$SIZE: cross-check"
  "$PYTHON" "$HARNESS/check.py" "$O" > "$O/check.md"
  cat "$O/check.md" >&2
  rm -rf "$cold" "$warm"  # a copy of every file the run read
done
