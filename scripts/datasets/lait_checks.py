"""Checks of the LAIT datasets (indicators, measures) after they are written,
and of LAIT's agreement with the official datasets.

* indicators.csv.gz is read back and checked like every dataset (format,
  metadata, geography, one row per measure, area and year), and its values
  are compared, independently of the build code, with LAIT's parquet file
  read again here: every England and Reading row, and every joint row.
* measures has one row per measure of indicators.
* Agreement: where an official dataset and LAIT publish the same figure (the
  columns whose LAIT measure is known), they are compared cell by cell.
  Counts must agree exactly wherever both have a figure; rates and
  percentages may differ (LAIT recomputes some with revised populations)
  and every difference is counted and reported in PROVENANCE.md.
"""

import csv
import gzip
import io
import json
import math
import os
import re

from .checks import META_KEYS, POLARITIES, CheckError, check
from .common import NINE_REGIONS, SRC

MARKER = "-"
NUMBER = re.compile(r"^-?\d+(\.\d+)?$")
COUNT_UNITS = {"count", "FTE"}

# Official columns that publish the same figure as a LAIT measure but carry
# no LAIT polarity tag in their dataset (the tag marks polarity only).
SAME_FIGURE = {
    ("section47", "section47_rate"): "Section_47",
    ("section47", "icpc_rate"): "ISCP_Conf",
    ("section47", "icpc_0_10_days"): "10_ICPC",
    ("section47", "icpc_11_15_days"): "15_ICPC",
    ("section47", "icpc_16_20_days"): "20_ICPC",
    ("section47", "icpc_21_plus_days"): "21_ICPC",
    ("protection_plans", "protection_plans"): "CPP_Num",
    ("protection_plans", "protection_plans_rate"): "CPP_rate",
    ("protection_plans", "plans_started"): "CPP_Abuse",
    ("protection_plans", "plans_started_rate"): "CPP_Abuse_Rate",
    ("protection_plans", "plans_ended_rate"): "DeRegCPR",
    ("protection_plans", "subsequent_plans"): "ReRegCPR",
    ("protection_plans", "subsequent_plans_pct"): "PrevRegCPR",
    ("children_in_need", "children_in_need_rate"): "CIN",
    ("referrals", "referrals"): "CPP_Total_NumRef",
    ("referrals", "referrals_rate"): "CPP_Total_Rateper10,000",
}
# Columns tagged with a LAIT measure for its polarity that do not publish
# the same figure.
NOT_SAME_FIGURE = {
    ("protection_plans", "children_ended_rate"):
        "DeRegCPR is plans ended per 10,000 children (plans_ended_rate); this column counts children, not plans",
}
# Counts that differ, by dataset and year, with the reason.  A difference not
# listed stops the build, and so does a listed one that no longer occurs.
KNOWN_COUNT_DIFFERENCES = {
    ("looked_after", "2020"):
        "looked_after takes 2020 from the 2023 release (the 2025 release starts in 2021); LAIT has the figures as revised "
        "in a later release, one child apart for a few authorities",
}


# ---------------------------------------------------------------------------
# Agreement with the official datasets

def _area(r):
    """An area key shared by official rows and indicators rows."""
    jr = r.get("joint_return", "")
    if jr:
        codes = re.findall(r"\d{3}", jr)
        if not codes and r["la_code"]:
            from .geography import JOINT_RETURNS
            codes = [str(c) for p in JOINT_RETURNS for c in p if int(r["la_code"]) in p]
        return ("joint", " / ".join(sorted(codes)))
    if r["level"] == "Local authority":
        return ("la", r["la_code"])
    return (r["level"], r["ons_code"])


def agreement(datasets):
    """[(dataset, column, LAIT measure, unit, findings)] for every pair."""
    by_name = {d.name: d for d in datasets}
    lait = {}
    for r in by_name["indicators"].rows:
        lait[(r["measure"], _area(r), r["year"])] = r["value"]
    pairs = {}
    for d in datasets:
        if d.name in ("indicators", "measures"):
            continue
        for col, short in d.lait_for.items():
            if (d.name, col) not in NOT_SAME_FIGURE:
                pairs[(d.name, col)] = short
    for key, short in SAME_FIGURE.items():
        if key[0] in by_name and key[1] in by_name[key[0]].columns:
            pairs.setdefault(key, short)
    out = []
    for (name, col), short in sorted(pairs.items()):
        d = by_name[name]
        f = {"compared": 0, "equal": 0, "differ": [], "lait_only": [], "official_only": [], "both_missing": 0}
        seen = set()
        for r in d.rows:
            k = (short, _area(r), r["year"])
            if k in seen or k not in lait:
                continue   # a joint return split under two members is one figure
            seen.add(k)
            a, b = r[col], lait[k]
            an, bn = bool(NUMBER.match(a)), b != MARKER
            if an and bn:
                f["compared"] += 1
                if float(a) == float(b):
                    f["equal"] += 1
                else:
                    f["differ"].append((r["la_name"], r["year"], a, b))
            elif an:
                f["official_only"].append((r["la_name"], r["year"], a))
            elif bn:
                f["lait_only"].append((r["la_name"], r["year"], a, b))
            else:
                f["both_missing"] += 1
        out.append((name, col, short, d.column_meta[col]["unit"], f))
    return out


def _years(items):
    ys = sorted({int(i[1]) for i in items})
    return ", ".join(str(y) for y in ys)


def describe(item):
    name, col, short, unit, f = item
    parts = ["%d compared, %d equal" % (f["compared"], f["equal"])]
    if f["differ"]:
        worst = max(f["differ"], key=lambda t: abs(float(t[2]) - float(t[3])))
        parts.append("%d differ (years %s; largest: %s %s %s official, %s LAIT)"
                     % (len(f["differ"]), _years(f["differ"]), worst[0], worst[1], worst[2], worst[3]))
    if f["lait_only"]:
        marks = sorted({t[2] for t in f["lait_only"]})
        parts.append("%d figures only in LAIT (official %s; years %s)" % (len(f["lait_only"]), "/".join(marks), _years(f["lait_only"])))
    if f["official_only"]:
        parts.append("%d figures only in the official release (LAIT '-'; years %s)" % (len(f["official_only"]), _years(f["official_only"])))
    return "| %s.%s | %s | %s | %s |" % (name, col, short, unit, "; ".join(parts))


def check_agreement(items):
    """Counts agree exactly wherever both publish a figure, but for the
    differences listed in KNOWN_COUNT_DIFFERENCES."""
    seen = set()
    for name, col, short, unit, f in items:
        check(f["compared"] > 0, "agreement: %s.%s and LAIT %s share no figure" % (name, col, short))
        if unit in COUNT_UNITS:
            unknown = [d for d in f["differ"] if (name, d[1]) not in KNOWN_COUNT_DIFFERENCES]
            check(not unknown, "agreement: %s.%s (a count) differs from LAIT %s: %s" % (name, col, short, unknown[:5]))
            seen |= {(name, d[1]) for d in f["differ"]}
    stale = set(KNOWN_COUNT_DIFFERENCES) - seen
    check(not stale, "agreement: listed count differences no longer occur: %s" % sorted(stale))


def append_provenance(items, out_dir):
    from .lait_joint import JOINT_MEASURES, JOINT_TOPICS, NOT_JOINT
    path = os.path.join(out_dir, "PROVENANCE.md")
    lines = [
        "## The LAIT datasets\n",
        "- `indicators` is written gzip-compressed (`indicators.csv.gz`: about 54 MB of CSV in a little over 4 MB; "
        "Casebook reads it on first use). The gzip header has no name and no time stamp, so the bytes are the same "
        "on every build with the same zlib. `measures` is one row per measure and has no geography columns.",
        "- Joint returns in LAIT, decided from the data (`scripts/datasets/lait_joint.py`): every measure of the "
        "topic(s) %s is joint for the pairs and years of the joint workforce returns, and its two copies must be "
        "identical. Outside those topics, a measure whose two copies are identical in every year both have a "
        "figure (one of them not 0) stops the build until it is decided here:" % ", ".join(sorted(JOINT_TOPICS)),
    ]
    lines += ["  - %s: joint (%s)." % (m, why) for m, why in sorted(JOINT_MEASURES.items())]
    lines += ["  - %s, %d / %d: not joint (%s)." % (m, a, b, why) for (m, (a, b)), why in sorted(NOT_JOINT.items())]
    lines += [
        "",
        "## LAIT against the official releases\n",
        "Where an official dataset above and LAIT's `indicators` hold the same figure (same measure, area and year), the "
        "build compares them cell by cell. Counts must agree exactly wherever both publish a figure, or the build stops. "
        "Rates and percentages are reported, not required to agree: LAIT recomputes some rates with revised population "
        "estimates, and LAIT carries figures (such as 2025 rates) that the release used here does not publish. A figure "
        "only one side has is listed with the other side's marker.\n",
        "| official column | LAIT measure | unit | findings |",
        "|---|---|---|---|",
    ]
    lines += [describe(i) for i in items]
    lines.append("")
    lines.append("Count differences allowed, with the reason:\n")
    lines += ["- %s %s: %s." % (name, year, why) for (name, year), why in sorted(KNOWN_COUNT_DIFFERENCES.items())]
    lines.append("")
    lines.append("Columns tagged with a LAIT measure (for its polarity) that publish a different figure, not compared:\n")
    lines += ["- %s.%s: %s." % (name, col, why) for (name, col), why in sorted(NOT_SAME_FIGURE.items())]
    lines.append("")
    with open(path, "a", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(lines))


# ---------------------------------------------------------------------------
# Reading back

def _load_gzip_csv(out_dir, name):
    path = os.path.join(out_dir, name + ".csv.gz")
    with open(path, "rb") as f:
        packed = f.read()
    check(packed[:2] == b"\x1f\x8b", "%s is not gzip" % path)
    check(packed[4:8] == b"\0\0\0\0", "%s: the gzip header carries a time stamp (not reproducible)" % path)
    raw = gzip.decompress(packed)
    check(not raw.startswith(b"\xef\xbb\xbf") and b"\r" not in raw and raw.endswith(b"\n"), "%s: BOM, CR or no final newline" % path)
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8"))))
    return rows[0], rows[1:]


def _meta(out_dir, name, header, n_rows):
    with open(os.path.join(out_dir, name + ".json"), encoding="utf-8") as f:
        meta = json.load(f)
    check(list(meta.keys()) == META_KEYS, "%s.json keys" % name)
    check(meta["rows"] == n_rows, "%s: metadata rows %s != %d" % (name, meta["rows"], n_rows))
    check(list(meta["columns"].keys()) == header, "%s: columns in JSON differ from the header" % name)
    for c, m in meta["columns"].items():
        check(set(m) == {"description", "unit", "polarity"} and m["description"] and m["unit"] and m["polarity"] in POLARITIES,
              "%s.%s metadata incomplete" % (name, c))
    return meta


def _read_parquet_independently(sources):
    """LAIT's file read again with pyarrow's column API (not the build's reader)."""
    import pyarrow.parquet as pq
    t = pq.read_table(os.path.join(sources, SRC["lait_bds"]), columns=["Short Desc", "Years", "LA Number", "Values"])
    cols = [t.column(i).to_pylist() for i in range(4)]
    return list(zip(*cols))


def _same_number(text, stored):
    """text is the decimal the stored double stands for (within a few ulps)."""
    x = float(stored)
    return abs(float(text) - x) <= 4 * math.ulp(x)


def run_all(datasets, items, index, out_dir):
    check_agreement(items)
    header, body = _load_gzip_csv(out_dir, "indicators")
    meta = _meta(out_dir, "indicators", header, len(body))
    check(header == ["la_code", "la_name", "ons_code", "region", "level", "year", "period", "measure", "value", "joint_return"],
          "indicators header %s" % header)
    check(all(len(r) == len(header) for r in body), "indicators: ragged rows")
    rows = [dict(zip(header, r)) for r in body]
    with open(os.path.join(out_dir, "authorities.csv"), encoding="utf-8") as f:
        auth = {r["la_code"]: r for r in csv.DictReader(f)}
    keys = set()
    for r in rows:
        v = r["value"]
        check(v == MARKER or (NUMBER.match(v) and not re.search(r"\.\d*0$", v) and v != "-0"),
              "indicators: value %r is neither '-' nor a plain decimal" % v)
        if NUMBER.match(v) and "." in v and len(v.split(".")[1]) > 9:
            check(repr(float(v)) == v, "indicators: long value %r is not the shortest print of its double" % v)
        lvl = r["level"]
        if r["joint_return"]:
            members = r["joint_return"].split(" / ")
            check(lvl == "Local authority" and r["la_code"] == "" and all(m in auth for m in members)
                  and r["la_name"] == " / ".join(auth[m]["la_name"] for m in members)
                  and r["ons_code"] == " / ".join(auth[m]["ons_code"] for m in members)
                  and r["region"] == auth[members[0]]["region"], "indicators: bad joint row %s" % r)
        elif lvl == "Local authority":
            a = auth.get(r["la_code"])
            check(a and r["la_name"] == a["la_name"] and r["ons_code"] == a["ons_code"] and r["region"] == a["region"],
                  "indicators: LA geography differs from authorities: %s" % r)
        elif lvl == "Regional":
            check(r["la_code"] == "" and r["region"] in NINE_REGIONS and r["la_name"] == r["region"]
                  and re.fullmatch(r"E12\d{6}", r["ons_code"]), "indicators: bad regional row %s" % r)
        elif lvl == "Sub-regional":
            check(r["la_code"] == "" and r["region"] == "London" and r["la_name"] in ("Inner London", "Outer London"),
                  "indicators: bad sub-regional row %s" % r)
        else:
            check(lvl == "National" and r["la_name"] == "England" and r["ons_code"] == "E92000001",
                  "indicators: bad national row %s" % r)
        k = (r["measure"], lvl, r["ons_code"], r["la_code"], r["year"])
        check(k not in keys, "indicators: two rows for %s" % (k,))
        keys.add(k)
    # measures: one row per measure of indicators
    with open(os.path.join(out_dir, "measures.csv"), encoding="utf-8") as f:
        measures = list(csv.DictReader(f))
    names = [m["measure"] for m in measures]
    check(len(names) == len(set(names)) == 434, "measures: %d rows, %d distinct (LAIT has 434)" % (len(names), len(set(names))))
    check(set(names) == {r["measure"] for r in rows}, "measures and indicators name different measures")
    counts = {}
    for r in rows:
        counts[r["measure"]] = counts.get(r["measure"], 0) + 1
    for m in measures:
        check(m["topic"] and m["polarity"] in POLARITIES and m["quartiles"] in ("yes", "no"), "measures: %s incomplete" % m["measure"])
        check(int(m["rows"]) == counts[m["measure"]], "measures: %s rows %s != %d" % (m["measure"], m["rows"], counts[m["measure"]]))
    # Independent comparison with the parquet file.
    parquet = _read_parquet_independently(index.dir)
    check(len(parquet) == 641070, "LAIT parquet has %d rows, not 641,070" % len(parquet))
    mine = {}
    for r in rows:
        if r["la_code"] == "870" or r["level"] == "National":
            mine[(r["measure"], r["period"], 870 if r["la_code"] == "870" else 970)] = r["value"]
        if r["joint_return"]:
            for member in r["joint_return"].split(" / "):
                mine[(r["measure"], r["period"], int(member))] = r["value"]
    checked = 0
    for short, label, number, value in parquet:
        k = (short, label, int(number))
        if k not in mine:
            check(not (int(number) in (870, 970) and label != "0"), "indicators: no row for %s" % (k,))
            continue
        got = mine[k]
        check((value == MARKER and got == MARKER) or (value != MARKER and got != MARKER and _same_number(got, value)),
              "indicators %s: %r, LAIT parquet %r" % (k, got, value))
        checked += 1
    check(checked >= 7000, "indicators: only %d values compared with the parquet file" % checked)
    return checked + sum(i[4]["compared"] for i in items)
