#!/usr/bin/env bash
# Casebook's own figures beside the harness's (bench/run.sh calls this after
# the harness; it needs the data the harness generated):
#   - each query with the column cache emptied before every run (the first
#     load of a file: "cold"), time and peak memory;
#   - each query's peak memory with the cache filled ("warm");
#   - start-up to the first result on shipped data (hyperfine -N);
#   - the shell's own timer on a grouped median over the loaded medium file;
#   - the time and peak memory of loading the file.
#
#   bench/extra.sh [SIZE ...]
#
# Writes BENCH_OUT/<size>/cold/{Qn.json,Qn.time,Qn.warm.time}, BENCH_OUT/startup/
# casebook-first-result.json and BENCH_OUT/<size>/{shell,script}-timer.txt.
# Environment as bench/run.sh: CASEBOOK_BIN, BENCH_DATA, BENCH_OUT, RUNS (default 5).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
HARNESS=${BENCH_HARNESS:-$ROOT/../shared/bench}
export BENCH_DATA=${BENCH_DATA:-$ROOT/bench-data} BENCH_OUT=${BENCH_OUT:-$ROOT/bench-out}
export CASEBOOK_BIN=${CASEBOOK_BIN:-$ROOT/.build/release/casebook}
. "$HARNESS/params.sh"
. "$ROOT/bench/queries.sh"
export CASEBOOK_CACHE=$BENCH_OUT/extra-cache
RUNS=${RUNS:-5}
log() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }

mkdir -p "$BENCH_OUT/startup"
log "start-up to the first result"
hyperfine --style basic -N --warmup 3 --runs 30 --export-json "$BENCH_OUT/startup/casebook-first-result.json" \
  --command-name "casebook first result" "$CASEBOOK_BIN -c 'authorities | take 1'" > /dev/null 2>&1

for SIZE in ${*:-medium large}; do
  D=$BENCH_DATA/$SIZE
  [ -f "$D/MANIFEST.txt" ] || { echo "extra: no data in $D (run bench/run.sh first)" >&2; exit 2; }
  export DATA=$D MEASURES_CSV=$D/measures.csv AUTHORITIES_CSV=$D/authorities.csv WIDE_CSV=$D/wide.csv
  O=$BENCH_OUT/$SIZE/cold
  mkdir -p "$O"
  for Q in Q1 Q2 Q3 Q4 Q5 Q6; do
    v=PROJECT_CMD_$Q
    log "$SIZE $Q casebook: cold and warm"
    rm -rf "$CASEBOOK_CACHE"
    /usr/bin/time -v -o "$O/$Q.time" bash -c "${!v}" > /dev/null 2> "$O/$Q.err"
    /usr/bin/time -v -o "$O/$Q.warm.time" bash -c "${!v}" > /dev/null 2>> "$O/$Q.err"
    hyperfine --style basic --runs "$RUNS" --prepare "rm -rf '$CASEBOOK_CACHE'" \
      --export-json "$O/$Q.json" --command-name "casebook $Q cold" "bash -c '${!v//\'/\'\\\'\'}'" > /dev/null 2> "$O/$Q.json.err"
  done
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
