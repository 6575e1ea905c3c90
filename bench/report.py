#!/usr/bin/env python3
"""The like-for-like comparison from one `make bench` run, as Markdown.

    python3 bench/report.py BENCH_OUT

Reads BENCH_OUT/versions.txt, BENCH_OUT/<size>/json/Qn.json (one hyperfine run
per query, every command in it: bench/fair.sh), probe/*.time (GNU time -v:
peak memory), check.md (the harness's cross-check), and Casebook's own figures
(bench/extra.sh).
"""
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


def medians(path):
    """command name -> median seconds, from one hyperfine export."""
    if not os.path.exists(path):
        return {}
    return {r["command"]: statistics.median(r["times"]) for r in json.load(open(path))["results"]}


def peak_mb(path):
    if not os.path.exists(path):
        return None
    m = re.search(r"Maximum resident set size \(kbytes\): (\d+)", open(path).read())
    return int(m.group(1)) / 1024 if m else None


def fmt(x, digits=3):
    return "n/a" if x is None else f"{x:.{digits}f}"


def ratio(a, b):
    return a / b if a is not None and b else None


def main():
    cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "?")
    v = {}
    if os.path.exists(os.path.join(OUT, "versions.txt")):
        v = dict(l.strip().split("=", 1) for l in open(os.path.join(OUT, "versions.txt")) if "=" in l)
    print(f"Run of {v.get('date', '?')} on {os.cpu_count()} × {cpu}, Linux {platform.release()}; "
          f"load average (1, 5, 15 min) {v.get('load_before', '?')} before, {v.get('load_after', '?')} after.")
    print(f"DuckDB CLI {v.get('duckdb_cli', '?')}, polars {v.get('polars', '?')}, hyperfine {v.get('hyperfine', '?')}.\n")
    st = medians(f"{OUT}/startup/first-result.json")
    if st:
        line = f"Start-up to the first result (`casebook -c 'authorities | take 1'`, hyperfine -N): {fmt(st.get('casebook', 0) * 1000, 1)} ms"
        if "sqlite3" in st:
            line += (f"; `sqlite3 :memory: 'select 1'` {fmt(st['sqlite3'] * 1000, 1)} ms "
                     f"(ratio {fmt(ratio(st.get('casebook'), st['sqlite3']), 1)})")
        print(line + "\n")
    for size in sorted(os.listdir(OUT)):
        d = os.path.join(OUT, size)
        if not os.path.isdir(os.path.join(d, "json")):
            continue
        manifest = open(os.path.join(d, "MANIFEST.txt")).read() if os.path.exists(os.path.join(d, "MANIFEST.txt")) else ""
        rows = re.search(r"measures\.csv rows=(\d+)", manifest)
        print(f"### {size}" + (f" ({int(rows.group(1)):,} rows)" if rows else "") + "\n")
        print("Median wall time in seconds, one hyperfine run per query holding every command. First read: "
              "Casebook with its cache emptied before each run against DuckDB's `read_csv`. Repeated: Casebook "
              "with its cache against DuckDB querying its own database. Peak memory (MB) from one run of each.\n")
        print("| query | what | DuckDB CSV | Casebook cold | cold ÷ DuckDB CSV | DuckDB db | Casebook cache "
              "| cache ÷ DuckDB db | polars parquet | MB: DuckDB CSV / cold / DuckDB db / cache / polars |")
        print("|---|---|---:|---:|---:|---:|---:|---:|---:|---|")
        for q in QUERIES:
            m = medians(f"{d}/json/{q}.json")
            if not m:
                continue
            mb = " / ".join(fmt(peak_mb(f"{d}/probe/{n}__{q}.time"), 0)
                            for n in ("duckdb_csv", "casebook_cold", "duckdb_db", "casebook_warm", "polars_parquet"))
            print(f"| {q} | {WHAT[q]} | {fmt(m.get('duckdb_csv'))} | {fmt(m.get('casebook_cold'))} | "
                  f"**{fmt(ratio(m.get('casebook_cold'), m.get('duckdb_csv')), 2)}** | {fmt(m.get('duckdb_db'))} | "
                  f"{fmt(m.get('casebook_warm'))} | **{fmt(ratio(m.get('casebook_warm'), m.get('duckdb_db')), 2)}** | "
                  f"{fmt(m.get('polars_parquet'))} | {mb} |")
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
