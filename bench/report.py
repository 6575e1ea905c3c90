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


def first_median(path):
    return median([path]) if os.path.exists(path) else None


def main():
    cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "?")
    print(f"Machine: {os.cpu_count()} × {cpu}, Linux {platform.release()}\n")
    versions = os.path.join(OUT, "versions.txt")
    if os.path.exists(versions):
        v = dict(l.strip().split("=", 1) for l in open(versions) if "=" in l)
        print(f"DuckDB CLI {v.get('duckdb_cli', '?')}, hyperfine {v.get('hyperfine', '?')}\n")
    st = {p: median(glob.glob(f"{OUT}/startup/{p}.json")) for p in ("duckdb", "casebook")}
    print(f"Start-up (no data, through bash -c): casebook {fmt(st['casebook'], 4)} s · duckdb {fmt(st['duckdb'], 4)} s")
    first = first_median(f"{OUT}/startup/casebook-first-result.json")
    if first is not None:
        print(f"Start-up to the first result (`casebook -c 'authorities | take 1'`, hyperfine -N): {fmt(first * 1000, 1)} ms")
    print()
    for size in sorted(os.listdir(OUT)):
        d = os.path.join(OUT, size)
        if not os.path.isdir(os.path.join(d, "json")):
            continue
        manifest = open(os.path.join(d, "MANIFEST.txt")).read() if os.path.exists(os.path.join(d, "MANIFEST.txt")) else ""
        rows = re.search(r"measures\.csv rows=(\d+)", manifest)
        print(f"### {size}" + (f" ({int(rows.group(1)):,} rows)" if rows else "") + "\n")
        print("Warm: the column cache holds the file (the harness's timed runs, after its probe run and hyperfine's")
        print("warm-up). Cold: the cache emptied before every run (bench/extra.sh). Peak memory: the harness's probe")
        print("run for DuckDB; for Casebook, one run with the cache filled and one with it empty.\n")
        print("| query | what | duckdb s | casebook warm s | warm / duckdb | casebook cold s | cold / duckdb "
              "| duckdb MB | casebook warm MB | casebook cold MB |")
        print("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|")
        for q in QUERIES:
            dm = median(glob.glob(f"{d}/json/duckdb__{q}*.json"))
            cm = median(glob.glob(f"{d}/json/casebook__{q}*.json"))
            cold = first_median(f"{d}/cold/{q}.json")
            ratio = cm / dm if dm and cm else None
            cold_ratio = cold / dm if dm and cold else None
            warm_mb = peak_mb(f"{d}/cold/{q}.warm.time") or peak_mb(f"{d}/probe/casebook__{q}.time")
            print(f"| {q} | {WHAT[q]} | {fmt(dm)} | {fmt(cm)} | {fmt(ratio, 2)} | {fmt(cold)} | {fmt(cold_ratio, 2)} | "
                  f"{fmt(peak_mb(f'{d}/probe/duckdb__{q}.time'), 0)} | {fmt(warm_mb, 0)} | "
                  f"{fmt(peak_mb(f'{d}/cold/{q}.time'), 0)} |")
        for name, where in (("shell-timer.txt", "at the prompt"), ("script-timer.txt", "in a script")):
            timer = os.path.join(d, name)
            if os.path.exists(timer):
                times = [l.split(":", 1)[1].strip() for l in open(timer) if ":" in l]
                print(f"\nShell timer {where}, `m | summarise n = count(), median(value) by region_name, measure` five times "
                      f"after `load`: {', '.join(times)}")
        for state in ("cold", "warm"):
            t = os.path.join(d, f"load.{state}.time")
            if os.path.exists(t):
                text = open(t).read()
                wall = re.search(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (\S+)", text)
                print(f"\nLoad of measures.csv alone, {state}: {wall.group(1) if wall else '?'} wall, "
                      f"{fmt(peak_mb(t), 0)} MB peak", end="")
        print()
        check = os.path.join(d, "check.md")
        if os.path.exists(check):
            print("\nCross-check of answers:\n")
            print(open(check).read().split("\n", 2)[-1].strip())
        print()


main()
