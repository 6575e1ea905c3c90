#!/usr/bin/env python3
"""Casebook beside DuckDB from one harness run: medians, the ratio, peak memory.

    python3 bench/report.py BENCH_OUT

Reads BENCH_OUT/<size>/json/{duckdb,casebook}__Qn*.json (hyperfine),
probe/*.time (GNU time -v) and check.md (the harness's cross-check), and the
start-up timings in BENCH_OUT/startup. Prints Markdown.
"""
import glob
import json
import os
import platform
import re
import statistics
import sys

OUT = sys.argv[1]
QUERIES = ["Q1", "Q2", "Q3", "Q4", "Q5", "Q6"]
WHAT = {
    "Q1": "load + count", "Q2": "filter + top 10", "Q3": "group: mean/median/min/max/count",
    "Q4": "join + rate per 10,000", "Q5": "year-on-year change (lag)", "Q6": "wide file: group averages",
}


def median(paths):
    times = []
    for p in paths:
        times += json.load(open(p))["results"][0]["times"]
    return statistics.median(times) if times else None


def peak_mb(path):
    if not os.path.exists(path):
        return None
    m = re.search(r"Maximum resident set size \(kbytes\): (\d+)", open(path).read())
    return int(m.group(1)) / 1024 if m else None


def fmt(x, digits=3):
    return "n/a" if x is None else f"{x:.{digits}f}"


def main():
    cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "?")
    print(f"Machine: {os.cpu_count()} × {cpu}, Linux {platform.release()}\n")
    st = {p: median(glob.glob(f"{OUT}/startup/{p}.json")) for p in ("duckdb", "casebook")}
    print(f"Start-up (no data): casebook {fmt(st['casebook'], 4)} s · duckdb {fmt(st['duckdb'], 4)} s\n")
    for size in sorted(os.listdir(OUT)):
        d = os.path.join(OUT, size)
        if not os.path.isdir(os.path.join(d, "json")):
            continue
        manifest = open(os.path.join(d, "MANIFEST.txt")).read() if os.path.exists(os.path.join(d, "MANIFEST.txt")) else ""
        rows = re.search(r"measures\.csv rows=(\d+)", manifest)
        print(f"### {size}" + (f" ({int(rows.group(1)):,} rows)" if rows else "") + "\n")
        print("| query | what | duckdb median s | casebook median s | casebook / duckdb | duckdb peak MB | casebook peak MB |")
        print("|---|---|---:|---:|---:|---:|---:|")
        for q in QUERIES:
            dm = median(glob.glob(f"{d}/json/duckdb__{q}*.json"))
            cm = median(glob.glob(f"{d}/json/casebook__{q}*.json"))
            ratio = cm / dm if dm and cm else None
            print(f"| {q} | {WHAT[q]} | {fmt(dm)} | {fmt(cm)} | {fmt(ratio, 2)} | "
                  f"{fmt(peak_mb(f'{d}/probe/duckdb__{q}.time'), 0)} | {fmt(peak_mb(f'{d}/probe/casebook__{q}.time'), 0)} |")
        check = os.path.join(d, "check.md")
        if os.path.exists(check):
            print("\nCross-check of answers:\n")
            print(open(check).read().split("\n", 2)[-1].strip())
        print()


main()
