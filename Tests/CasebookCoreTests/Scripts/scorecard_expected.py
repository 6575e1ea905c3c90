#!/usr/bin/env python3
"""The scorecard worked out apart from Casebook, for
Tests/CasebookCoreTests/Evaluation/ScorecardTests.swift.

Reads the shipped datasets (indicators.csv.gz, measures.csv, neighbours.csv,
authorities.csv) with Python's own csv and gzip modules and applies the
scorecard's definition as docs/language.md states it: each measure's latest
year with a value for the authority (its own row, or the joint return it is a
member of), the year before, travel by polarity, the mean of the 2025-model
neighbours' own figures, the region's and England's rows, the rank among all
local-authority rows with a figure that year (1 = best, ties share the best
place) and the quartile band A-D (none where LAIT gives no quartiles).

Usage: scorecard_expected.py DATASETS_DIR CODE,CODE… "TOPIC|TOPIC…"
Prints one tab-separated line per authority, topic and measure: code, topic,
then measure, year, value, previous,
travel, neighbours, region, england, rank, of, band. A figure published as a
marker ("-") carries it into travel, rank and band; no row at all is empty;
band is "z" for measures LAIT does not band.
"""

import csv
import gzip
import sys


def number(text):
    try:
        return float(text)
    except ValueError:
        return None


def main(folder, codes, topics):
    dictionary = list(csv.DictReader(open(f"{folder}/measures.csv", newline="", encoding="utf-8")))
    topics = topics.split("|")
    wanted = {m["measure"] for m in dictionary
              if any(t.lower() in (m["topic"].lower(), m["other_topic"].lower()) for t in topics)}
    rows = {}
    with gzip.open(f"{folder}/indicators.csv.gz", "rt", newline="", encoding="utf-8") as f:
        for r in csv.DictReader(f):
            if r["measure"] in wanted and r["year"]:
                rows.setdefault(r["measure"], []).append(r)
    for code in codes.split(","):
        for topic in topics:
            measures = [m for m in dictionary if topic.lower() in (m["topic"].lower(), m["other_topic"].lower())]
            for line in scorecard(folder, int(code), measures, rows):
                print("\t".join([code, topic] + line))


def scorecard(folder, code, measures, rows):
    region = next(a["region"] for a in csv.DictReader(open(f"{folder}/authorities.csv", newline="", encoding="utf-8"))
                  if a["la_code"] == str(code))
    neighbours = {int(n["neighbour_code"]) for n in csv.DictReader(open(f"{folder}/neighbours.csv", newline="", encoding="utf-8"))
                  if n["model"] == "2025" and n["la_code"] == str(code)}

    def mine(r):
        if r["level"] != "Local authority":
            return False
        if r["la_code"]:
            return int(r["la_code"]) == code
        members = [int(x) for x in r["joint_return"].split("/") if x.strip()]
        return code in members

    for m in measures:
        got = rows.get(m["measure"], [])
        own = {int(r["year"]): r for r in got if mine(r)}
        valued = [y for y, r in own.items() if number(r["value"]) is not None]
        year = max(valued) if valued else (max(own) if own else None)
        if year is None:
            yield [m["measure"]] + [""] * 9 + ["z" if m["quartiles"] == "no" else ""]
            continue
        value = own[year]["value"]
        previous = own[year - 1]["value"] if year - 1 in own else ""
        a, b = number(value), number(previous)
        # A missing figure carries its marker as published ("-") into travel,
        # rank and band; no row at all is empty.
        if a is None:
            travel = value
        elif b is None:
            travel = previous
        elif a == b:
            travel = "same"
        elif m["polarity"] == "high is good":
            travel = "better" if a > b else "worse"
        elif m["polarity"] == "low is good":
            travel = "better" if a < b else "worse"
        else:
            travel = "up" if a > b else "down"
        that_year = [r for r in got if int(r["year"]) == year]
        figures = [number(r["value"]) for r in that_year
                   if r["level"] == "Local authority" and number(r["value"]) is not None]
        near = [number(r["value"]) for r in that_year
                if r["level"] == "Local authority" and r["la_code"] and int(r["la_code"]) in neighbours
                and number(r["value"]) is not None]
        reg = next((r["value"] for r in that_year if r["level"] == "Regional" and r["la_name"] == region), "")
        eng = next((r["value"] for r in that_year if r["level"] == "National"), "")
        rank = band = value
        of = str(len(figures)) if figures else ""
        if a is not None and figures:
            low = m["polarity"] == "low is good"
            place = 1 + sum(1 for x in figures if (x < a if low else x > a))
            rank = str(place)
            band = "ABCD"[min(3, (place - 1) * 4 // len(figures))]
        if m["quartiles"] == "no":
            band = "z"
        mean = repr(sum(near) / len(near)) if near else ""
        yield [m["measure"], str(year), value, previous, travel, mean, reg, eng, rank, of, band]


if __name__ == "__main__":
    main(*sys.argv[1:4])
