#!/bin/sh
# The shipped datasets must be exactly what the build script makes from the
# published files: rebuild into a temporary folder and compare byte for byte.
# Without ../shared/data-sources (a user's fresh clone) there is nothing to
# rebuild from: say so and skip; CI, which has them, sets
# CASEBOOK_REQUIRE_SOURCES=1 so that a missing folder fails instead.
set -eu
cd "$(dirname "$0")/.."
sources=../shared/data-sources
if [ ! -d "$sources" ]; then
    if [ "${CASEBOOK_REQUIRE_SOURCES:-0}" = 1 ]; then
        echo "datasets: $sources is missing, and CASEBOOK_REQUIRE_SOURCES=1" >&2
        exit 1
    fi
    echo "datasets: skipped the rebuild check ($sources is not here)"
    exit 0
fi
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
python3 scripts/build_datasets.py --sources "$sources" --out "$out" >/dev/null
if ! diff -r -q datasets "$out" >/dev/null; then
    echo "datasets: the shipped files differ from what scripts/build_datasets.py makes:" >&2
    diff -r -q datasets "$out" >&2 || true
    exit 1
fi
echo "datasets: rebuilt from $sources, identical to datasets/ ($(ls datasets | wc -l) files)"
