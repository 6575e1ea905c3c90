#!/bin/sh
# The shipped datasets come out of the build script: rebuild them from
# ../shared/data-sources into a temporary folder and compare byte for byte with
# datasets/. Without ../shared (a clone on its own) there is nothing to rebuild
# from: say so and pass. Takes about 40 seconds on a two-core machine.
set -eu
cd "$(dirname "$0")/.."
sources=../shared/data-sources
if [ ! -d "$sources" ]; then
    echo "datasets: skipped the rebuild-and-compare check: $sources is absent"
    exit 0
fi
out=$(mktemp -d "${TMPDIR:-/tmp}/casebook-datasets-XXXXXX")
trap 'rm -rf "$out"' EXIT
start=$(date +%s)
if ! python3 scripts/build_datasets.py --sources "$sources" --out "$out/datasets" >"$out/build.log" 2>&1; then
    cat "$out/build.log" >&2
    echo "datasets: the build failed" >&2
    exit 1
fi
if ! diff -r datasets "$out/datasets" >"$out/diff.txt" 2>&1; then
    head -40 "$out/diff.txt" >&2
    echo "datasets: datasets/ differs from what scripts/build_datasets.py makes; rebuild with 'make datasets'" >&2
    exit 1
fi
echo "datasets: rebuilt from $sources and identical byte for byte ($(ls datasets | wc -l) files, $(( $(date +%s) - start )) s)"
