#!/usr/bin/env bash
# The data each side of the comparison reads, made once per size and not
# timed (as Casebook's cache is filled before its warm runs):
#   BENCH_DATA/<size>/*.csv          the harness's generator (gen_data.py)
#   BENCH_DATA/<size>/bench.duckdb   DuckDB's own database of the three files,
#                                    loaded with the harness's read_csv options
#   BENCH_DATA/<size>/parquet/*.parquet  a parquet copy, written by DuckDB
#
#   bench/prepare.sh SIZE ...
# Environment: BENCH_HARNESS, BENCH_DATA, PYTHON, DUCKDB_BIN (bench/run.sh sets them).
set -euo pipefail
HARNESS=${BENCH_HARNESS:?}
DUCKDB=${DUCKDB_BIN:-duckdb}
for SIZE in "$@"; do
  D=$BENCH_DATA/$SIZE
  [ -f "$D/MANIFEST.txt" ] || "${PYTHON:-python3}" "$HARNESS/gen_data.py" "$D" --rows "$SIZE"
  M="read_csv('$D/measures.csv', header=true, types={'value': 'VARCHAR'})"
  A="read_csv('$D/authorities.csv', header=true)"
  W="read_csv('$D/wide.csv', header=true, types={'overall_absence_rate': 'VARCHAR', 'ks2_expected_pct': 'VARCHAR'})"
  # Made again when the CSV files are newer (the data was generated again).
  if [ ! -f "$D/bench.duckdb" ] || [ "$D/measures.csv" -nt "$D/bench.duckdb" ]; then
    rm -f "$D/bench.duckdb" "$D/bench.duckdb.tmp"
    "$DUCKDB" "$D/bench.duckdb.tmp" -c "CREATE TABLE measures AS SELECT * FROM $M;
      CREATE TABLE authorities AS SELECT * FROM $A; CREATE TABLE wide AS SELECT * FROM $W; CHECKPOINT;"
    mv "$D/bench.duckdb.tmp" "$D/bench.duckdb"
  fi
  if [ ! -f "$D/parquet/wide.parquet" ] || [ "$D/measures.csv" -nt "$D/parquet/wide.parquet" ]; then
    mkdir -p "$D/parquet"
    "$DUCKDB" -c "COPY (SELECT * FROM $M) TO '$D/parquet/measures.parquet' (FORMAT parquet);
      COPY (SELECT * FROM $A) TO '$D/parquet/authorities.parquet' (FORMAT parquet);
      COPY (SELECT * FROM $W) TO '$D/parquet/wide.parquet' (FORMAT parquet);"
  fi
done
