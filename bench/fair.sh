#!/usr/bin/env bash
# Casebook beside DuckDB and polars, like for like, in one hyperfine run per
# query (the commands interleave nothing, but share the same minutes of a
# machine that may be busy):
#   duckdb_csv     the DuckDB shell reading the CSV (the harness's peers/duckdb.sh)
#   casebook_cold  Casebook with its column cache emptied before every run
#   duckdb_db      the DuckDB shell querying its own persisted database
#   casebook_warm  Casebook with its column cache filled
#   polars_parquet polars on a parquet copy (when polars is installed)
# The first read of a CSV is compared with the first read (cold with
# duckdb_csv); a repeated query with a repeated query on stored data (warm
# with duckdb_db). Each command first runs once under /usr/bin/time -v: its
# answer is cross-checked by the harness's check.py and its peak RSS is the
# memory figure.
#
#   bench/fair.sh SIZE ...
# Writes BENCH_OUT/<size>/{answers,probe,json}/ and check.md.
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
  declare -A CMD=(
    [duckdb_csv]="bash $HARNESS/peers/duckdb.sh"
    [casebook_cold]="env CASEBOOK_CACHE=$cold bash $HARNESS/peers/project.sh"
    [duckdb_db]="bash $ROOT/bench/peers/duckdb_db.sh"
    [casebook_warm]="env CASEBOOK_CACHE=$warm bash $HARNESS/peers/project.sh"
    [polars_parquet]="$PYTHON $ROOT/bench/peers/polars_parquet.py"
  )
  declare -A ARGS=([duckdb_csv]="$D" [casebook_cold]="$D" [duckdb_db]="$D $D/bench.duckdb"
    [casebook_warm]="$D" [polars_parquet]="$D/parquet")
  declare -A PREP=([casebook_cold]="rm -rf $cold")
  [ "$have_polars" = 1 ] && names+=(polars_parquet)
  for Q in ${QUERIES:-Q1 Q2 Q3 Q4 Q5 Q6}; do
    args=()
    for name in "${names[@]}"; do
      cell=${name}__$Q
      command="${CMD[$name]} $Q ${ARGS[$name]}"
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
