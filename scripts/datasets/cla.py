"""Children looked after at 31 March, starting and ceasing.

Three sources, one per block of years (never two for the same year):
* 2021-2025: the reporting year 2025 release (latest; revises 2021-2023).
* 2019-2020: the reporting year 2023 release (the 2025 release starts in 2021).
* 2016-2018: LAIT (DfE Local Authority Interactive Tool), items LACnum, LAC,
  LACnum_Start, LACceased - the only source of local-authority figures
  before 2019 among the data sources.
"""

from .common import (Dataset, DFE, EES, SRC, YEAR_CONVENTION_REPORTING, read_csv,
                     fail, years_text)
from . import lait
from .series import Part, assemble, coverage_caveat, filled_caveat

REL25 = "2025 release"
REL23 = "2023 release"
RELLAIT = "DfE's Local Authority Interactive Tool (LAIT)"

LABELS_25 = {"Children looked after on 31 March each year": ("looked_after", "looked_after_rate"),
             "Children starting to be looked after each year": ("children_started", "children_started_rate"),
             "Children ceasing to be looked after each year": ("children_ceased", "children_ceased_rate")}
LABELS_23 = {"Children looked after at 31 March each year": ("looked_after", "looked_after_rate"),
             "Children starting to be looked after each year": ("children_started", "children_started_rate"),
             "Children ceasing to be looked after each year": ("children_ceased", "children_ceased_rate")}
LAIT_ITEMS = {"LACnum": "looked_after", "LAC": "looked_after_rate",
              "LACnum_Start": "children_started", "LACceased": "children_ceased"}
# LAIT's rates of children starting and ceasing begin in 2018.
LAIT_RATES = {"LAC_Start_Rate": "children_started_rate", "LAC_Cease_Rate": "children_ceased_rate"}
GEO_COLS = ("time_period", "time_identifier", "geographic_level", "country_code", "country_name",
            "region_code", "region_name", "old_la_code", "new_la_code", "la_name")


def _pivot_ees(rows, label_col, count_col, labels):
    """One row per area and year, with the three population types as
    columns.  The 2023 release keeps the label in a column oddly named
    `population_count`; read by name."""
    out = {}
    for r in rows:
        lab = r[label_col]
        if lab not in labels:
            fail("unexpected CLA label %r" % lab)
        k = (r["time_period"], r["geographic_level"], r["region_code"], r["old_la_code"])
        row = out.setdefault(k, {c: r[c] for c in GEO_COLS})
        cnt, rate = labels[lab]
        if cnt in row:
            fail("duplicate CLA row %s %s" % (k, lab))
        row[cnt] = r[count_col]
        row[rate] = r["rate_per_10000"]
    return list(out.values())


def build_looked_after(geo, pol, index):
    """Children looked after, 2016-2025 (see module docstring for sources)."""
    ds = Dataset(
        "looked_after", "Children looked after: at 31 March, starting and ceasing",
        DFE, "Children looked after in England including adoptions (reporting years 2025 and 2023 releases); DfE Local Authority Interactive Tool (2016-2018)",
        EES + "; " + SRC["cla25"] + " (2021-2025); " + SRC["cla23"] + " (2019-2020); " + SRC["lait_bds"] + " (2016-2018, LAIT items LACnum, LAC, LACnum_Start, LACceased, and LAC_Start_Rate and LAC_Cease_Rate for 2018)",
        "Reporting year 2025 release (published November 2025) for 2021-2025; reporting year 2023 release for 2019-2020; LAIT (repository HEAD 2026-04-08) for 2016-2018",
        YEAR_CONVENTION_REPORTING)
    ds.sources = ["cla25", "cla23", "lait_bds"]
    rate = " per 10,000 children aged 0-17 (ONS mid-year estimate for the previous calendar year, as used by the release the row comes from)"
    ds.add_column("looked_after", "Children looked after at 31 March", "count", pol("LACnum"), "LACnum")
    ds.add_column("looked_after_rate", "Children looked after at 31 March" + rate, "per 10,000 children", pol("LAC"), "LAC")
    ds.add_column("children_started", "Children who started to be looked after during the year", "count", pol("LACnum_Start"), "LACnum_Start")
    ds.add_column("children_started_rate", "Children who started to be looked after" + rate, "per 10,000 children", pol("LAC_Start_Rate"), "LAC_Start_Rate")
    ds.add_column("children_ceased", "Children who ceased to be looked after during the year", "count", pol("LACceased"), "LACceased")
    ds.add_column("children_ceased_rate", "Children who ceased to be looked after" + rate, "per 10,000 children", pol("LAC_Cease_Rate"), "LAC_Cease_Rate")

    d25 = _pivot_ees(read_csv(index.path("cla25")), "population_type", "children_count", LABELS_25)
    d23 = _pivot_ees(read_csv(index.path("cla23")), "population_count", "number", LABELS_23)
    lait_rows, artefacts = lait.ees_shaped(geo, index, LAIT_ITEMS, {"2016", "2017", "2018"})
    lait_rates, rate_artefacts = lait.ees_shaped(geo, index, LAIT_RATES, {"2018"})
    artefacts += rate_artefacts
    allcols = ["looked_after", "looked_after_rate", "children_started", "children_started_rate",
               "children_ceased", "children_ceased_rate"]
    parts = [Part("cla25", REL25, lambda y: 2021 <= y <= 2025, {c: c for c in allcols}, d25),
             Part("cla23", REL23, lambda y: 2019 <= y <= 2020, {c: c for c in allcols}, d23),
             Part("lait_bds", RELLAIT, lambda y: 2016 <= y <= 2018, {c: c for c in LAIT_ITEMS.values()}, lait_rows),
             Part("lait_bds", RELLAIT, lambda y: y == 2018, {c: c for c in LAIT_RATES.values()}, lait_rates)]
    info = assemble(ds, geo, index, parts)
    ds.info = info
    ds.dropped_placeholders = len(info["dropped"])
    by_src = {}
    for la, y in info["dropped"]:
        by_src.setdefault(REL25 if y >= 2021 else REL23 if y >= 2019 else RELLAIT, []).append((la, y))

    # How the releases compare where they overlap (reported, not merged).
    rev = _compare(geo, d23, d25, range(2021, 2024), ["looked_after", "children_started", "children_ceased"])
    lait_all, _ = lait.ees_shaped(geo, index, LAIT_ITEMS, {str(y) for y in range(2019, 2026)})
    # official figure per year: 2023 release for 2019-2020, 2025 release after
    official = [r for r in d23 if int(r["time_period"]) <= 2020] + d25
    lait_vs = _compare(geo, lait_all, official, range(2019, 2026), ["looked_after", "children_started", "children_ceased"])
    ds.caveats += [
        "Sources by year: 2016-2018 from LAIT (DfE Local Authority Interactive Tool, items LACnum/LAC/LACnum_Start/LACceased, and LAC_Start_Rate/LAC_Cease_Rate from 2018); 2019-2020 from the 2023 release; 2021-2025 from the 2025 release. Each year comes from exactly one source.",
        coverage_caveat(info, [RELLAIT, REL23, REL25]),
        filled_caveat(info, "LAIT's rates for children starting or ceasing to be looked after begin in 2018, and none are computed here."),
        "Later releases revise earlier years: the 2025 release changes %d of the 2021-2023 counts published in the 2023 release (e.g. %s). Rates also move because each release uses its own population vintage." % (len(rev), "; ".join(rev[:3])),
        "National and regional counts are rounded to the nearest 10; local authority counts are not.",
        "Markers as published: x = not available, z = not applicable (the Isles of Scilly are always 'z' in the 2025 release), c = suppressed; LAIT uses '-' for missing or suppressed. Markers are never turned into 0; the zeros shown for the Isles of Scilly in 2016-2020 are published zeros (LAIT 2016-2018, 2023 release 2019-2020), not converted markers.",
        "Bournemouth (837), Poole (836) and Dorset County (835) have counts but 'x' rates for 2019 in the 2023 release (no revised population for those areas).",
        "Inner London and Outer London, published as regional rows beside London, are at level 'Sub-regional' here, so the nine regional rows add up to England (within rounding).",
    ]
    if artefacts:
        ds.caveats.append("%d LAIT values carried binary float artefacts and were rounded to the shortest decimal that reproduces them." % artefacts)
    ds.transformations += [
        "Each release publishes one row per population type (on 31 March / starting / ceasing); pivoted to one row per area and year.",
        "The 2023 release names its label column `population_count` and its count column `number`; the 2025 release uses `population_type` and `children_count`.",
        "LAIT rows mapped to areas by LA Number (970 England, 980-990 regions with LAIT names mapped to EES spelling, e.g. 'London (Inner)' -> 'Inner London').",
        _lait_note(lait_vs),
    ]
    for src, items in sorted(by_src.items()):
        ds.dropped.append("%d placeholder rows from the %s for authorities in years when they did not exist (all values x/z/-): %s." % (
            len(items), src, ", ".join("%d/%d" % it for it in sorted(items))))
    ds.gaps += ["No local-authority looked-after data before 2016 among the sources (LAIT starts in 2016; the EES releases at hand start in 2019).",
                "No rates for children starting/ceasing in 2016-2018."]
    ds.years_covered = years_text(r["year"] for r in ds.rows)
    return ds


def _lait_note(diffs):
    """The LAIT-vs-release cross-check in words: numbers that differ (all
    listed) apart from cells where only the marker differs."""
    numbers = [d for d in diffs if not d.endswith(" -> c") or not d.split(" ")[-3] == "-"]
    markers = [d for d in diffs if d not in numbers]
    text = "Cross-check, not used in the output: LAIT counts vs the official releases for 2019-2025 - "
    if not diffs:
        return text + "identical."
    text += "%d numbers differ (%s)" % (len(numbers), "; ".join(numbers)) if numbers else "no number differs"
    if markers:
        text += "; in %d more cells LAIT shows '-' where the release publishes 'c' (%s)" % (len(markers), "; ".join(markers))
    return text + "."


def _compare(geo, a_rows, b_rows, years, cols):
    """Cell-by-cell comparison of counts between two shaped row sets."""
    def index_rows(rows):
        out = {}
        for r in rows:
            y = int(r["time_period"])
            if y not in years:
                continue
            g = geo.ees_geo(r)
            out[(g["level"], g["ons_code"], g["la_code"], y)] = (g, r)
        return out
    a = index_rows(a_rows)
    b = index_rows(b_rows)
    diffs = []
    for k in sorted(set(a) & set(b), key=lambda k: (k[3], k[0], k[2], k[1])):
        g, ra = a[k]
        _, rb = b[k]
        for c in cols:
            if c in ra and c in rb and ra[c] != rb[c] and not (ra[c] in ("-", "x", "z") and rb[c] in ("-", "x", "z")):
                diffs.append("%s %d %s %s -> %s" % (g["la_name"], k[3], c, ra[c], rb[c]))
    return diffs
