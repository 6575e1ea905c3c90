#!/usr/bin/env bash
# DuckDB querying its own persisted database, the counterpart of Casebook with
# its column cache.   usage: duckdb_db.sh Q1..Q6 DATADIR DBFILE
# The SQL is the harness's (peers/duckdb.sh, PRINT_SQL=1) with each
# read_csv(…) replaced by the table that bench/prepare.sh loaded with the same
# options; the database is opened read-only so that no run changes it.
set -euo pipefail
HARNESS=${BENCH_HARNESS:?}
Q=$1; D=$2; DB=$3
SQL=$(PRINT_SQL=1 bash "$HARNESS/peers/duckdb.sh" "$Q" "$D")
SQL=${SQL//"read_csv('$D/measures.csv', header=true, types={'value': 'VARCHAR'})"/measures}
SQL=${SQL//"read_csv('$D/authorities.csv', header=true)"/authorities}
SQL=${SQL//"read_csv('$D/wide.csv', header=true, types={'overall_absence_rate': 'VARCHAR', 'ks2_expected_pct': 'VARCHAR'})"/wide}
# Q1 loads the file into a table and counts it; the table is already there.
[ "$Q" = Q1 ] && SQL="SELECT count(*) AS n FROM measures;"
case $SQL in *read_csv*) echo "duckdb_db: the harness's SQL for $Q changed; update the table names here" >&2; exit 2 ;; esac
# PRINT_SQL=1 prints the SQL instead (bench/fair.sh runs DuckDB on it directly).
if [ -n "${PRINT_SQL:-}" ]; then printf '%s\n' "$SQL"; exit 0; fi
exec "${DUCKDB_BIN:-duckdb}" -readonly -csv "$DB" -c "$SQL"
