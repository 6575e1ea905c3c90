#!/usr/bin/env bash
# Casebook's own figures beside the comparison (bench/run.sh calls this after
# bench/fair.sh; it needs the data generated):
#   - start-up to the first result on shipped data (hyperfine -N), beside
#     `sqlite3 :memory: "select 1"` when sqlite3 is installed;
#   - the shell's own timer on a grouped median over the loaded medium file;
#   - the time and peak memory of loading the file.
#
#   bench/extra.sh [SIZE ...]
#
# Writes BENCH_OUT/startup/first-result.json and
# BENCH_OUT/<size>/{shell,script}-timer.txt, load.{cold,warm}.time.
# Environment as bench/run.sh: CASEBOOK_BIN, BENCH_DATA, BENCH_OUT.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
HARNESS=${BENCH_HARNESS:-$ROOT/../shared/bench}
export BENCH_DATA=${BENCH_DATA:-$ROOT/bench-data} BENCH_OUT=${BENCH_OUT:-$ROOT/bench-out}
export CASEBOOK_BIN=${CASEBOOK_BIN:-$ROOT/.build/release/casebook}
. "$HARNESS/params.sh"
. "$ROOT/bench/queries.sh"
export CASEBOOK_CACHE=$BENCH_OUT/extra-cache
log() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }

mkdir -p "$BENCH_OUT/startup"
log "start-up to the first result"
startup=(--command-name casebook "$CASEBOOK_BIN -c 'authorities | take 1'")
command -v sqlite3 >/dev/null && startup+=(--command-name sqlite3 "sqlite3 :memory: 'select 1'")
hyperfine --style basic -N --warmup 3 --runs 30 --export-json "$BENCH_OUT/startup/first-result.json" \
  "${startup[@]}" > /dev/null 2>&1

for SIZE in ${*:-medium large}; do
  D=$BENCH_DATA/$SIZE
  [ -f "$D/MANIFEST.txt" ] || { echo "extra: no data in $D (run bench/run.sh first)" >&2; exit 2; }
  export DATA=$D MEASURES_CSV=$D/measures.csv AUTHORITIES_CSV=$D/authorities.csv WIDE_CSV=$D/wide.csv
  # The shell's timer (`set timer on`) on a grouped median of the loaded file,
  # five times: at the prompt (a pseudo-terminal, a pause before each line as
  # a person types; the shell reads a loaded file's columns in the background),
  # and in a script (each statement reads the columns it uses when it runs).
  log "$SIZE: the shell's timer"
  QUERY="m | summarise n = count(), median(value) by region_name, measure | take 1"
  STATE=$BENCH_OUT/shell-state
  mkdir -p "$STATE"
  {
    sleep 1; echo "load \"$MEASURES_CSV\" as m"; sleep 2; echo "set timer on"; sleep 0.5
    for i in 1 2 3 4 5; do echo "$QUERY"; sleep 1; done
    echo "quit"
  } | XDG_STATE_HOME=$STATE script -qfec "$CASEBOOK_BIN --no-history" /dev/null 2>&1 | tr -d '\r' \
    | grep -a -o "Run time: [0-9.]* m\?s" | tail -n 5 > "$BENCH_OUT/$SIZE/shell-timer.txt" || true
  rm -rf "$STATE"
  {
    echo "load \"$MEASURES_CSV\" as m"
    echo "set timer on"
    for i in 1 2 3 4 5; do echo "$QUERY"; done
  } | "$CASEBOOK_BIN" 2>&1 | grep "Run time" | tail -n 5 > "$BENCH_OUT/$SIZE/script-timer.txt" || true
  # Loading the file alone, cold (parse and write the cache) and warm.
  rm -rf "$CASEBOOK_CACHE"
  for state in cold warm; do
    /usr/bin/time -v -o "$BENCH_OUT/$SIZE/load.$state.time" \
      "$CASEBOOK_BIN" -c "load \"$MEASURES_CSV\" as m" > /dev/null 2>&1
  done
  rm -rf "$CASEBOOK_CACHE"
done
