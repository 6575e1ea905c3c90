#!/usr/bin/env python3
"""A sample of LAIT's figures, read straight from its parquet file, for the
test that checks the shipped `indicators` dataset against it
(Tests/CasebookCoreTests/Catalog/IndicatorsTests.swift).

Written apart from the dataset build on purpose: it shares no code with
scripts/, reads the file with pyarrow's column API, and prints LAIT's values
as they are stored, so the test compares what Casebook ships with the source
itself.

Usage: lait_sample.py BDS_PARQUET DICTIONARY_CSV
Prints tab-separated lines: kind, measure, LAIT area number, period label, value.
kind is "area" (one area's own figure) or "joint" (one copy of a joint
workforce return: Kingston upon Thames 314 / Richmond upon Thames 318 from
2017, North 940 / West 941 Northamptonshire from 2021).
"""

import csv
import sys

import pyarrow.parquet as pq

# Areas that existed in every period LAIT covers (no reorganisation), spread
# over England, regions, the London sub-regions and authorities of every
# kind, including the City of London, whose figures are mostly suppressed.
AREAS = [970, 870, 986, 987, 988, 980, 990, 330, 201, 893, 936, 394, 850]
WORKFORCE_TOPIC = "Children's Services Workforce"


def main(parquet_path, dictionary_path):
    table = pq.read_table(parquet_path)
    cols = {name: table.column(name).to_pylist() for name in ("Short Desc", "Years", "LA Number", "Values")}
    rows = {}
    for m, label, number, value in zip(cols["Short Desc"], cols["Years"], cols["LA Number"], cols["Values"]):
        if label == "0":
            continue   # not a period
        rows.setdefault(m, {})[(int(number), label)] = value
    with open(dictionary_path, encoding="utf-8", newline="") as f:
        topic = {}
        for r in csv.DictReader(f):
            topic.setdefault(r["Measure_short"], r["Topic"])
    out = []
    for i, m in enumerate(sorted(rows)):
        labels = sorted({label for (_, label) in rows[m]})
        for k in range(2):   # two figures per measure, at different areas and periods
            area = AREAS[(2 * i + k) % len(AREAS)]
            label = labels[(7 * i + 3 * k) % len(labels)]
            if (area, label) in rows[m]:
                out.append(("area", m, area, label, rows[m][(area, label)]))
    for m in sorted(rows):
        if topic[m] != WORKFORCE_TOPIC:
            continue
        for (a, b), first in (((314, 318), 2017), ((940, 941), 2021)):
            for (number, label), value in sorted(rows[m].items()):
                if number in (a, b) and label.isdigit() and int(label) >= first:
                    out.append(("joint", m, number, label, value))
    for line in out:
        print("\t".join(str(x) for x in line))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
