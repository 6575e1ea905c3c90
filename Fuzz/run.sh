#!/usr/bin/env bash
# Builds the fuzz targets with libFuzzer and AddressSanitizer and runs each in
# turn, starting from its seed corpus in Fuzz/Corpus/<target>/.
#
#   Fuzz/run.sh            60 seconds per target
#   Fuzz/run.sh 20         20 seconds per target (make test's smoke run)
#   Fuzz/run.sh long       10,000,000 executions per target
#   FUZZ_TARGETS="csv session" Fuzz/run.sh 30     only those targets
#   FUZZ_SANITIZER=none Fuzz/run.sh long   libFuzzer alone, without
#       AddressSanitizer: about 2.5 times as many executions a second, with
#       Swift's own checks (bounds, overflow, exclusivity) still trapping;
#       built apart, in Fuzz/.build-plain/
#
# What the fuzzers add to the corpus stays in Fuzz/.build/corpus/; an input
# that crashes is saved as Fuzz/.build/artifacts/<target>-crash-… and the
# script exits 1 (2 if a target does not build). Each target's log is
# Fuzz/.build/logs/<target>.log; the last lines give executions, time and
# coverage. Reproduce a crash with: Fuzz/.build/release/FuzzCSV FILE (the
# failure message names the binary: Fuzz/.build-plain/… for FUZZ_SANITIZER=none)
set -u
cd "$(dirname "$0")"

mode="${1:-60}"
targets="${FUZZ_TARGETS:-parser csv session evaluator}"
case "$mode" in
    long) limit=(-runs=10000000) ;;
    ''|*[!0-9]*) echo "usage: Fuzz/run.sh [SECONDS|long]" >&2; exit 2 ;;
    *) limit=(-max_total_time="$mode") ;;
esac

product() {
    case "$1" in
        parser) echo FuzzParser ;; csv) echo FuzzCSV ;; session) echo FuzzSession ;; evaluator) echo FuzzEvaluator ;;
        *) echo "unknown fuzz target: $1" >&2; return 1 ;;
    esac
}

# Leaks are not crashes (the runtime keeps caches for the life of the process);
# the Swift backtracer would stand in the way of libFuzzer's crash handler.
# Recording a stack for every allocation and a 256 MB quarantine cost about
# half of each execution; reports still name the faulting access without them.
export ASAN_OPTIONS="detect_leaks=0:allocator_may_return_null=1:malloc_context_size=0:quarantine_size_mb=32:${ASAN_OPTIONS:-}"
export SWIFT_BACKTRACE=enable=no

case "${FUZZ_SANITIZER:-address}" in
    address) sanitize=fuzzer,address; scratch=.build ;;
    none) sanitize=fuzzer; scratch=.build-plain ;;
    *) echo "FUZZ_SANITIZER is address (the default) or none" >&2; exit 2 ;;
esac

mkdir -p .build/corpus .build/artifacts .build/logs
# A path dependency's new source files are only seen when the package is planned again.
touch Package.swift
for t in $targets; do
    p=$(product "$t") || exit 2
    if ! swift build -c release --scratch-path "$scratch" --product "$p" -Xswiftc -sanitize="$sanitize" \
        >".build/logs/build-$p.log" 2>&1; then
        grep -E "error:" ".build/logs/build-$p.log" | head -20 >&2
        echo "fuzz: $p does not build (log: Fuzz/.build/logs/build-$p.log)" >&2
        exit 2
    fi
done

status=0
for t in $targets; do
    p=$(product "$t")
    mkdir -p ".build/corpus/$t"
    log=".build/logs/$t.log"
    max_len=4096
    [ "$t" = csv ] && max_len=8192
    start=$(date +%s)
    nice -n 10 "$scratch/release/$p" "${limit[@]}" -max_len="$max_len" -timeout=20 -rss_limit_mb=2048 \
        -reload=0 -print_final_stats=1 -print_funcs=0 -artifact_prefix=".build/artifacts/$t-" ".build/corpus/$t" "Corpus/$t" >"$log" 2>&1
    rc=$?
    seconds=$(( $(date +%s) - start ))
    runs=$(grep -a "stat::number_of_executed_units" "$log" | awk '{print $2}')
    cov=$(grep -a -o "cov: [0-9]* ft: [0-9]*" "$log" | tail -1)
    corpus=$(ls ".build/corpus/$t" | wc -l)
    if [ "$rc" -eq 0 ]; then
        printf 'fuzz %-9s ok     %s executions in %s s, %s, corpus %s\n' "$t" "${runs:-?}" "$seconds" "${cov:-cov ?}" "$corpus"
    else
        status=1
        printf 'fuzz %-9s FAILED (exit %s) after %s s; log: Fuzz/%s\n' "$t" "$rc" "$seconds" "$log"
        grep -a -E "ERROR|runtime failure|Fatal error|invariant broken|Test unit written|SUMMARY" "$log" | head -8 | sed 's/^/    /'
        echo "    reproduce: Fuzz/$scratch/release/$p FILE (FILE from Fuzz/.build/artifacts/$t-…)"
    fi
done
exit $status
