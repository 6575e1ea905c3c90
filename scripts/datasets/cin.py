"""Children in need family: children_in_need, referrals, assessments,
section47, protection_plans.

Release policy (one release per series, the latest that has it):
* Rates per 10,000 exist only in the 2024 release (d2i-ern-cin-2024), so
  2013-2024 come from that release for every column that has a rate, and
  counts and rates in a row always come from the same release.
* Reporting year 2025 exists only in the 2025 release, which publishes counts
  but no rates.  We add the 2025 counts; the 2025 rates come from the DfE's
  LAIT (which publishes them: the 2025 count over the mid-2024 population)
  wherever LAIT has the same measure, checked against the official count and
  the population; other 2025 rate cells are 'x'.  We never compute a rate
  ourselves.
* Columns only the 2025 release has (subsequent plans, plan durations) come
  from it for every year.
The differences between the two releases on overlapping years are computed
and listed in the caveats.
"""

from decimal import Decimal, ROUND_HALF_UP

from .common import Dataset, DFE, EES, SRC, YEAR_CONVENTION_REPORTING, years_text, read_csv, fail
from .series import Part, assemble, coverage_caveat, filled_caveat, release_differences
from . import lait

REL24 = "2024 release"
REL25 = "2025 release"
RELLAIT = "DfE's Local Authority Interactive Tool (LAIT)"
PUB24 = "Characteristics of children in need: 2024"
PUB25 = "Characteristics of children in need: 2025"
ALL24 = lambda y: y <= 2024
ONLY25 = lambda y: y == 2025
ANY = lambda y: True

RATE_DESC = " per 10,000 children aged 0-17 (ONS mid-year estimate for the previous calendar year, as used in the 2024 release)"
ROUNDING = "National and regional counts are rounded to the nearest 10; local authority counts are not, so local authorities do not sum exactly to the published totals."
U_MARKER = "Markers are kept as published: c = suppressed (small numbers), x = not available, z = not applicable, u = low reliability (such council figures are still included in the England total), k = rounds to zero where used. Empty cells stay empty."
LONDON = "Inner London (E13000001) and Outer London (E13000002), which the release publishes as regional rows beside London (E12000007), are at level 'Sub-regional' here, so the nine regional rows add up to England (within the rounding of national and regional counts to the nearest 10)."
FORMER_RATES = "Bournemouth (837), Poole (836) and Dorset County (835) rates are 'x' in the 2024 release: the revised ONS population series has no figures for those pre-2019 areas."


def _common_caveats(info, rate_cols=True):
    out = [ROUNDING, U_MARKER, LONDON]
    if rate_cols:
        out.append(FORMER_RATES)
    if info["all_marker"]:
        names = {}
        for name, la, y in info["all_marker"]:
            names.setdefault((name, la), []).append(y)
        txt = "; ".join("%s (%d) %s" % (n, la, years_text(ys)) for (n, la), ys in sorted(names.items(), key=lambda kv: kv[0][1]))
        extra = " Hackney's 2021 and 2022 data were not submitted after the 2020 cyber attack." if any(la == 204 for _, la in names) else ""
        out.append("Rows where every published value is a marker (no figures): " + txt + "." + extra)
    return out


def _dataset(name, title, publication, sources, release, pol, columns):
    ds = Dataset(name, title, DFE, publication,
                 EES + " (Characteristics of children in need); " + "; ".join(SRC[s] for s in sources),
                 release, YEAR_CONVENTION_REPORTING)
    ds.sources = sources
    for col, desc, unit, lait in columns:
        ds.add_column(col, desc, unit, pol(lait), lait)
    return ds


def _finish(ds, info, revisions, release_order=(REL24, REL25, RELLAIT), rate_cols=True, why_filled=None):
    ds.caveats.extend(_common_caveats(info, rate_cols))
    ds.caveats.append(coverage_caveat(info, list(release_order)))
    fc = filled_caveat(info, why_filled or "the 2025 release publishes counts only, LAIT has no 2025 figure for these rates, and rates are not computed here.")
    if fc:
        ds.caveats.append(fc)
    if revisions:
        ds.caveats.append("The 2025 release revises %d cell(s) of earlier years; this dataset keeps the 2024 release values for 2013-2024: %s." % (len(revisions), "; ".join(revisions)))
    ds.dropped_placeholders = len(info["dropped"])
    ds.years_covered = years_text(r["year"] for r in ds.rows)
    ds.info = info


def _lait_2025(ds, geo, index, rates, counts):
    """The 2025 rates LAIT publishes, as a series Part.

    rates: {output rate column: LAIT short code}; counts: {output rate
    column: (LAIT count code or None, official 2025 file, its count column)}.
    Each LAIT rate is checked two ways before it is used: LAIT's count must
    equal the official 2025 count, and the rate must be that count over the
    mid-2024 population (the DfE's rule: rates for year Y use the mid-(Y-1)
    estimate), per 10,000, to one decimal place.  Returns the Part and the
    caveat text describing the checks."""
    items = {code: col for col, code in rates.items()}
    for col, (count_code, _, _) in counts.items():
        if count_code:
            items[count_code] = "lait_count:" + col
    rows, artefacts = lait.ees_shaped(geo, index, items, {"2025"})
    official = {}   # area -> {official file: row}
    for key in sorted({k for _, k, _ in counts.values()}):
        for r in read_csv(index.path(key)):
            if r["time_period"] == "2025":
                official.setdefault(_area(geo, r), {})[key] = r
    population = {}
    for r in read_csv(index.path("population")):
        if r["time_period"] == "2024":
            population[_area(geo, r)] = r["population_estimate"]
    kept = []
    count_differences, rate_differences = [], []
    rate_checked = 0
    for r in rows:
        area = _area(geo, r)
        name = r["la_name"] or r["region_name"] or "England"
        if area not in official:
            # An area LAIT carries with no 2025 figures (a former authority).
            if any(r[c] not in ("-", "x", "") for c in rates):
                fail("LAIT has 2025 rates for %s, which the 2025 release does not publish" % (area,))
            continue
        for col, (count_code, official_key, official_col) in counts.items():
            lait_count = r.pop("lait_count:" + col, None)
            published = official[area][official_key][official_col]
            if count_code and lait_count != published and not (lait_count == "-" and published in ("c", "x", "z")):
                count_differences.append("%s %s: LAIT %s, release %s" % (name, official_col, lait_count, published))
            pop = population.get(area)
            rate = r[col]
            if rate in ("-", "x", "c", "") or not pop or not pop.isdigit() or not published.isdigit():
                continue
            expected = (Decimal(published) * 10000 / Decimal(pop)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
            rate_checked += 1
            if abs(Decimal(rate) - expected) > Decimal("0.1"):
                rate_differences.append("%s %s: LAIT %s, count over mid-2024 population %s" % (name, col, rate, expected))
        kept.append(r)
    if set(_area(geo, r) for r in kept) != set(official):
        fail("%s: LAIT lacks 2025 areas %s" % (ds.name, sorted(set(official) - set(_area(geo, r) for r in kept))[:5]))
    if count_differences:
        fail("%s: LAIT's 2025 counts differ from the 2025 release in %d cells: %s" % (ds.name, len(count_differences), "; ".join(count_differences[:5])))
    if rate_differences:
        fail("%s: %d LAIT 2025 rates are not the count over the mid-2024 population: %s" % (ds.name, len(rate_differences), "; ".join(rate_differences[:5])))
    ds.sources.append("lait_bds")
    part = Part("lait_bds", RELLAIT, lambda y: y == 2025, {c: c for c in rates}, kept)
    caveat = ("2025 rates (%s) are taken from the DfE's Local Authority Interactive Tool (LAIT, items %s), because the 2025 release publishes counts only. "
              "Before use, each was checked: LAIT's 2025 count equals the release's, and %d of the rates were recomputed as the 2025 count over the mid-2024 ONS estimate (population dataset) per 10,000 and agree to 0.1; "
              "the rates for earlier years come from the 2024 release, which used an earlier population vintage." % (
                  ", ".join(sorted(rates)), ", ".join(rates[c] for c in sorted(rates)), rate_checked))
    if artefacts:
        caveat += " %d LAIT values carried binary float artefacts and were written as the shortest decimal that reproduces them." % artefacts
    return part, caveat


def _area(geo, r):
    g = geo.ees_geo(r)
    return (g["level"], g["ons_code"] if g["level"] != "Local authority" else "", g["la_code"])


def build_children_in_need(geo, pol, index):
    """Children in need at 31 March and during the year (b1 table)."""
    cols = [
        ("children_in_need", "Children in need at 31 March (open episodes of need at 31 March, the DfE headline count; DfE column At31_episodes)", "count", None),
        ("children_in_need_rate", "Children in need at 31 March" + RATE_DESC + " (At31_episodes_rate)", "per 10,000 children", "CIN"),
        ("episodes_any_point", "Episodes of need open at any point in the year (Anypoint_episodes)", "count", None),
        ("episodes_any_point_rate", "Episodes of need open at any point in the year" + RATE_DESC, "per 10,000 children", None),
        ("children_any_point", "Children in need at any point in the year (Anypoint_child)", "count", None),
        ("children_any_point_rate", "Children in need at any point in the year" + RATE_DESC, "per 10,000 children", None),
        ("episodes_started", "Episodes of need starting in the year (Started_episodes)", "count", None),
        ("episodes_started_rate", "Episodes of need starting in the year" + RATE_DESC, "per 10,000 children", None),
        ("children_started", "Children starting an episode of need in the year (Started_child)", "count", None),
        ("children_started_rate", "Children starting an episode of need in the year" + RATE_DESC, "per 10,000 children", None),
        ("episodes_ended", "Episodes of need ending in the year (Ended_episodes)", "count", None),
        ("episodes_ended_rate", "Episodes of need ending in the year" + RATE_DESC, "per 10,000 children", None),
        ("children_ended", "Children whose episode of need ended in the year (Ended_child)", "count", None),
        ("children_ended_rate", "Children whose episode of need ended in the year" + RATE_DESC, "per 10,000 children", None),
        ("awaiting_assessment", "Children in need at 31 March recorded as awaiting assessment (Awaiting_assessment)", "count", None),
        ("awaiting_assessment_rate", "Children awaiting assessment at 31 March" + RATE_DESC, "per 10,000 children", None),
    ]
    ds = _dataset("children_in_need", "Children in need", PUB24 + " (2013-2024, with rates); " + PUB25 + " (2025 counts)",
                  ["cin24_b1", "cin25_b1"],
                  "Reporting year 2024 release (published autumn 2024) for 2013-2024; reporting year 2025 release (published October 2025) for 2025 counts",
                  pol, cols)
    m24 = {"children_in_need": "At31_episodes", "children_in_need_rate": "At31_episodes_rate",
           "episodes_any_point": "Anypoint_episodes", "episodes_any_point_rate": "Anypoint_episodes_rate",
           "children_any_point": "Anypoint_child", "children_any_point_rate": "Anypoint_child_rate",
           "episodes_started": "Started_episodes", "episodes_started_rate": "Started_episodes_rate",
           "children_started": "Started_child", "children_started_rate": "Started_child_rate",
           "episodes_ended": "Ended_episodes", "episodes_ended_rate": "Ended_episodes_rate",
           "children_ended": "Ended_child", "children_ended_rate": "Ended_child_rate",
           "awaiting_assessment": "Awaiting_assessment", "awaiting_assessment_rate": "Awaiting_assessment_rate"}
    m25 = {"children_in_need": "At31_episodes", "episodes_any_point": "Anypoint_episodes",
           "children_any_point": "Anypoint_child", "episodes_started": "Started_episodes",
           "children_started": "Started_child", "episodes_ended": "Ended_episodes",
           "children_ended": "Ended_child", "awaiting_assessment": "awaiting_assessment"}
    lait25, lait_caveat = _lait_2025(ds, geo, index, {"children_in_need_rate": "CIN"},
                                     {"children_in_need_rate": (None, "cin25_b1", "At31_episodes")})
    info = assemble(ds, geo, index, [Part("cin24_b1", REL24, ALL24, m24), Part("cin25_b1", REL25, ONLY25, m25), lait25])
    rev = release_differences(geo, index, "cin24_b1", "cin25_b1", {m24[k]: v for k, v in m25.items()}, set(range(2013, 2025)))
    _finish(ds, info, rev)
    ds.caveats.append(lait_caveat)
    ds.transformations += ["Columns renamed from the DfE names (given in each column description).",
                           "2013-2024 rows from the 2024 release; 2025 rows from the 2025 release (counts) and LAIT (the children in need rate)."]
    ds.gaps.append("2025: only the children in need rate is published (by LAIT); the other 2025 rates are 'x'.")
    return ds


def build_referrals(geo, pol, index):
    """Referrals and re-referrals (c1 table)."""
    cols = [
        ("referrals", "Referrals received in the year (Referrals)", "count", "CPP_Total_NumRef"),
        ("referrals_rate", "Referrals" + RATE_DESC + " (Referrals_rate)", "per 10,000 children", "CPP_Total_Rateper10,000"),
        ("rereferrals", "Referrals within 12 months of a previous referral (Re_referrals)", "count", None),
        ("rereferrals_pct", "Re-referrals within 12 months as a percentage of referrals (Re_referrals_percent)", "percent", "ReReferral"),
        ("nfa", "Referrals resulting in no further action (No_Further_Action)", "count", None),
        ("nfa_pct", "Referrals resulting in no further action as a percentage of referrals (No_Further_Action_percent)", "percent", "CIN_Refferals_NFA"),
        ("not_in_need", "Referrals assessed where the child was found not to be in need (Not_in_Need)", "count", None),
        ("not_in_need_pct", "Referrals assessed as not in need as a percentage of referrals (Not_in_Need_percent)", "percent", "Referrals_AssessedNotNeed"),
        ("children_referred", "Children referred in the year (Referrals_child)", "count", None),
        ("children_referred_rate", "Children referred" + RATE_DESC + " (Referrals_child_rate)", "per 10,000 children", None),
        ("children_rereferred", "Children re-referred within 12 months of a previous referral (Re_referrals_child)", "count", None),
        ("children_rereferred_pct", "Children re-referred within 12 months as a percentage of children referred (Re_referrals_child_percent)", "percent", None),
    ]
    ds = _dataset("referrals", "Referrals and re-referrals to children's social care", PUB24 + " (2013-2024, with rates); " + PUB25 + " (2025 counts and percentages)",
                  ["cin24_c1", "cin25_c1"],
                  "Reporting year 2024 release (published autumn 2024) for 2013-2024; reporting year 2025 release (published October 2025) for 2025",
                  pol, cols)
    m24 = {"referrals": "Referrals", "referrals_rate": "Referrals_rate", "rereferrals": "Re_referrals",
           "rereferrals_pct": "Re_referrals_percent", "nfa": "No_Further_Action", "nfa_pct": "No_Further_Action_percent",
           "not_in_need": "Not_in_Need", "not_in_need_pct": "Not_in_Need_percent", "children_referred": "Referrals_child",
           "children_referred_rate": "Referrals_child_rate", "children_rereferred": "Re_referrals_child",
           "children_rereferred_pct": "Re_referrals_child_percent"}
    m25 = {"referrals": "referral_count", "rereferrals": "rereferral_count", "rereferrals_pct": "rereferral_percent",
           "nfa": "no_further_action_count", "nfa_pct": "no_further_action_percent", "not_in_need": "not_in_need_count",
           "not_in_need_pct": "not_in_need_percent", "children_referred": "referral_child_count",
           "children_rereferred": "rereferral_child_count", "children_rereferred_pct": "rereferral_child_percent"}
    lait25, lait_caveat = _lait_2025(ds, geo, index, {"referrals_rate": "CPP_Total_Rateper10,000"},
                                     {"referrals_rate": ("CPP_Total_NumRef", "cin25_c1", "referral_count")})
    info = assemble(ds, geo, index, [Part("cin24_c1", REL24, ALL24, m24), Part("cin25_c1", REL25, ONLY25, m25), lait25])
    rev = release_differences(geo, index, "cin24_c1", "cin25_c1", {m24[k]: v for k, v in m25.items()}, set(range(2013, 2025)))
    _finish(ds, info, rev)
    ds.caveats.append(lait_caveat)
    ds.transformations += ["Columns renamed (the 2024 and 2025 releases name them differently, e.g. Referrals vs referral_count).",
                           "2013-2024 rows from the 2024 release; 2025 rows from the 2025 release (counts and percentages) and LAIT (the referral rate)."]
    ds.gaps.append("2025: no rate of children referred (children_referred_rate): neither the 2025 release nor LAIT publishes one.")
    return ds


def build_assessments(geo, pol, index):
    """Completed assessments and their duration (c2 table, 2024 release
    only: no 2025 assessment file is among the sources)."""
    bands = [("same_day", "Same_day", "on the same day"), ("1_10_days", "1-10_days", "in 1-10 working days"),
             ("11_20_days", "11-20_days", "in 11-20 working days"), ("21_30_days", "21-30_days", "in 21-30 working days"),
             ("31_40_days", "31-40_days", "in 31-40 working days"), ("41_45_days", "41-45_days", "in 41-45 working days"),
             ("46_50_days", "46-50_days", "in 46-50 working days"), ("51_60_days", "51-60_days", "in 51-60 working days"),
             ("61_plus_days", "61+_days", "in 61 or more working days")]
    cols = [("assessments", "Assessments completed in the year (Assessments_completed)", "count", None),
            ("assessments_rate", "Assessments completed" + RATE_DESC + " (Assessments_completed_rate)", "per 10,000 children", None)]
    for suffix, src, text in bands:
        cols.append(("duration_" + suffix, "Completed assessments that took %s (%s)" % (text, src), "count", None))
    cols += [("duration_p25_days", "25th percentile of assessment duration (25th_Percentile_days)", "working days", None),
             ("duration_median_days", "Median assessment duration (Median_days)", "working days", None),
             ("duration_p75_days", "75th percentile of assessment duration (75th_Percentile_days)", "working days", None)]
    ds = _dataset("assessments", "Children's social care assessments completed and their duration", PUB24,
                  ["cin24_c2"], "Reporting year 2024, published autumn 2024", pol, cols)
    m = {"assessments": "Assessments_completed", "assessments_rate": "Assessments_completed_rate"}
    for suffix, src, _ in bands:
        m["duration_" + suffix] = src
    m.update({"duration_p25_days": "25th_Percentile_days", "duration_median_days": "Median_days",
              "duration_p75_days": "75th_Percentile_days"})
    info = assemble(ds, geo, index, [Part("cin24_c2", REL24, ANY, m)])
    _finish(ds, info, [], release_order=(REL24,))
    # The release's national headline table marks some national figures as
    # unreliable where the c2 table prints a number: the marker is the
    # release's word on that figure, so it is what ships (the number is kept
    # in the caveat); a difference in numbers would stop the build.
    nat = {r["year"]: r for r in ds.rows if r["level"] == "National"}
    for h in read_csv(index.path("cin24_headline")):
        y = h["time_period"]
        if y not in nat or h["completed_assessments"] == nat[y]["assessments"]:
            continue
        if h["completed_assessments"] not in ("u", "x", "c"):
            fail("assessments: England %s is %s in c2 and %s in the headline table" % (y, nat[y]["assessments"], h["completed_assessments"]))
        ds.caveats.append("England %s: the national headline table of the same release marks completed assessments '%s' (%s), where the c2 table prints %s; the marker is shipped, as the release's judgement of that figure, and assessments_rate (%s) is kept as c2 publishes it." % (
            y, h["completed_assessments"], {"u": "low reliability", "x": "not available", "c": "suppressed"}[h["completed_assessments"]],
            nat[y]["assessments"], nat[y]["assessments_rate"]))
        nat[y]["assessments"] = h["completed_assessments"]
    ds.sources.append("cin24_headline")
    ds.caveats.append("Durations are in working days as published by the DfE; percentiles are of assessments completed in the year.")
    ds.transformations.append("Columns renamed from the DfE names (given in each column description); values as published.")
    ds.gaps.append("No 2013 (the series starts in 2014) and no 2025 (no 2025 assessment file among the sources).")
    return ds


def build_section47(geo, pol, index):
    """Section 47 enquiries and initial child protection conferences (c4)."""
    cols = [
        ("section47", "Section 47 enquiries started in the year (Section47)", "count", None),
        ("section47_rate", "Section 47 enquiries" + RATE_DESC + " (Section47_rate)", "per 10,000 children", "Section_47"),
        ("section47_children", "Children subject to a section 47 enquiry in the year (Section47_child)", "count", None),
        ("section47_children_rate", "Children subject to a section 47 enquiry" + RATE_DESC + " (Section47_child_rate)", "per 10,000 children", None),
        ("icpc", "Initial child protection conferences (ICPCs) in the year (ICPC)", "count", None),
        ("icpc_rate", "ICPCs" + RATE_DESC + " (ICPC_rate)", "per 10,000 children", "ISCP_Conf"),
        ("icpc_children", "Children subject to an ICPC in the year (ICPC_child)", "count", None),
        ("icpc_children_rate", "Children subject to an ICPC" + RATE_DESC + " (ICPC_child_rate)", "per 10,000 children", None),
        ("icpc_0_10_days", "ICPCs held 0-10 working days after the strategy discussion (Duration_0-10_days)", "count", "10_ICPC"),
        ("icpc_11_15_days", "ICPCs held 11-15 working days after the strategy discussion (Duration_11-15_days)", "count", "15_ICPC"),
        ("icpc_16_20_days", "ICPCs held 16-20 working days after the strategy discussion (Duration_16-20_days)", "count", "20_ICPC"),
        ("icpc_21_plus_days", "ICPCs held 21 or more working days after the strategy discussion (Duration_21+_days)", "count", "21_ICPC"),
        ("icpc_p25_days", "25th percentile of working days from strategy discussion to ICPC (Duration_25th_Percentile)", "working days", None),
        ("icpc_median_days", "Median working days from strategy discussion to ICPC (Duration_median)", "working days", None),
        ("icpc_p75_days", "75th percentile of working days from strategy discussion to ICPC (Duration_75th_Percentile)", "working days", None),
    ]
    ds = _dataset("section47", "Section 47 enquiries and initial child protection conferences",
                  PUB24 + " (2013-2024, with rates); " + PUB25 + " (2025 counts and durations)",
                  ["cin24_c4", "cin25_c4"],
                  "Reporting year 2024 release (published autumn 2024) for 2013-2024; reporting year 2025 release for 2025",
                  pol, cols)
    m24 = {"section47": "Section47", "section47_rate": "Section47_rate", "section47_children": "Section47_child",
           "section47_children_rate": "Section47_child_rate", "icpc": "ICPC", "icpc_rate": "ICPC_rate",
           "icpc_children": "ICPC_child", "icpc_children_rate": "ICPC_child_rate",
           "icpc_0_10_days": "Duration_0-10_days", "icpc_11_15_days": "Duration_11-15_days",
           "icpc_16_20_days": "Duration_16-20_days", "icpc_21_plus_days": "Duration_21+_days",
           "icpc_p25_days": "Duration_25th_Percentile", "icpc_median_days": "Duration_median",
           "icpc_p75_days": "Duration_75th_Percentile"}
    m25 = {k: v for k, v in m24.items() if not k.endswith("_rate")}
    lait25, lait_caveat = _lait_2025(ds, geo, index, {"section47_rate": "Section_47", "icpc_rate": "ISCP_Conf"},
                                     {"section47_rate": (None, "cin25_c4", "Section47"), "icpc_rate": (None, "cin25_c4", "ICPC")})
    info = assemble(ds, geo, index, [Part("cin24_c4", REL24, ALL24, m24), Part("cin25_c4", REL25, ONLY25, m25), lait25])
    rev = release_differences(geo, index, "cin24_c4", "cin25_c4", {v: v for v in m25.values()}, set(range(2013, 2025)))
    _finish(ds, info, rev)
    ds.caveats.append(lait_caveat)
    ds.caveats.append("The 2025 c4 file is taken from the DfE dashboard repository's development branches (commit 158bdad, not on its main branch); it agrees with the 2024 release on every 2013-2024 cell.")
    ds.transformations.append("Columns renamed from the DfE names (given in each column description).")
    ds.gaps.append("2025: the rates of children subject to enquiries and conferences are 'x' (neither the 2025 release nor LAIT publishes them).")
    return ds


def build_protection_plans(geo, pol, index):
    """Child protection plans: d1 (2024 release, with rates) plus d3
    (second or subsequent plans) and d5 (length of plans at 31 March) from
    the 2025 release, which is the only release among the sources that has
    them."""
    bands = [("3m_or_less", "3_months_or_less", "3 months or less"),
             ("3m_to_6m", "more_than_3_months_6_months", "more than 3 months and up to 6 months"),
             ("6m_to_1y", "more_than_6_months_less_than_1_year", "more than 6 months and less than 1 year"),
             ("1y_to_2y", "1_year_less_than_2_years", "1 year and less than 2 years"),
             ("2y_or_more", "2_years_or_more", "2 years or more")]
    cols = [
        ("protection_plans", "Children on a child protection plan at 31 March (CPP_At31)", "count", "CPP_Num"),
        ("protection_plans_rate", "Children on a child protection plan at 31 March" + RATE_DESC + " (CPP_At31_rate)", "per 10,000 children", "CPP_rate"),
        ("plans_started", "Child protection plans starting in the year (CPP_start)", "count", "CPP_Abuse"),
        ("plans_started_rate", "Child protection plans starting" + RATE_DESC + " (CPP_start_rate)", "per 10,000 children", "CPP_Abuse_Rate"),
        ("children_started", "Children who became the subject of a plan in the year (CPP_child_start)", "count", None),
        ("children_started_rate", "Children who became the subject of a plan" + RATE_DESC + " (CPP_child_start_rate)", "per 10,000 children", None),
        ("plans_ended", "Child protection plans ending in the year (CPP_end)", "count", None),
        ("plans_ended_rate", "Child protection plans ending" + RATE_DESC + " (CPP_end_rate)", "per 10,000 children", "DeRegCPR"),
        ("children_ended", "Children who ceased to be the subject of a plan in the year (CPP_child_end)", "count", None),
        ("children_ended_rate", "Children who ceased to be the subject of a plan" + RATE_DESC + " (CPP_child_end_rate)", "per 10,000 children", None),
        ("plans_any_point", "Child protection plans open at any point in the year (CPP_anypoint)", "count", None),
        ("plans_any_point_rate", "Child protection plans open at any point" + RATE_DESC + " (CPP_anypoint_rate)", "per 10,000 children", None),
        ("children_any_point", "Children on a plan at any point in the year (CPP_child_anypoint)", "count", None),
        ("children_any_point_rate", "Children on a plan at any point" + RATE_DESC + " (CPP_child_anypoint_rate)", "per 10,000 children", None),
        ("subsequent_plans", "Plans starting in the year that were a second or subsequent plan for the child (d3 CPP_subsequent)", "count", "ReRegCPR"),
        ("subsequent_plans_pct", "Second or subsequent plans as a percentage of plans starting in the year (d3 CPP_subsequent_percent)", "percent", "PrevRegCPR"),
    ]
    for suffix, src, text in bands:
        cols.append(("lasting_" + suffix, "Children on a plan at 31 March whose plan had lasted %s (d5 %s)" % (text, src), "count", None))
        cols.append(("lasting_" + suffix + "_pct", "Percentage of children on a plan at 31 March whose plan had lasted %s (d5 %s_percent)" % (text, src), "percent",
                     "CPPlans2yrsActive" if suffix == "2y_or_more" else None))
    ds = _dataset("protection_plans", "Child protection plans",
                  PUB24 + " (d1, 2013-2024, with rates); " + PUB25 + " (d3 subsequent plans, d5 plan length, and 2025 counts)",
                  ["cin24_d1", "cin25_d3", "cin25_d5"],
                  "Reporting year 2024 release (published autumn 2024) and reporting year 2025 release (published October 2025); see caveats for which columns/years come from which",
                  pol, cols)
    m24 = {"protection_plans": "CPP_At31", "protection_plans_rate": "CPP_At31_rate",
           "plans_started": "CPP_start", "plans_started_rate": "CPP_start_rate",
           "children_started": "CPP_child_start", "children_started_rate": "CPP_child_start_rate",
           "plans_ended": "CPP_end", "plans_ended_rate": "CPP_end_rate",
           "children_ended": "CPP_child_end", "children_ended_rate": "CPP_child_end_rate",
           "plans_any_point": "CPP_anypoint", "plans_any_point_rate": "CPP_anypoint_rate",
           "children_any_point": "CPP_child_anypoint", "children_any_point_rate": "CPP_child_anypoint_rate"}
    md3 = {"subsequent_plans": "CPP_subsequent", "subsequent_plans_pct": "CPP_subsequent_percent"}
    md5 = {}
    for suffix, src, _ in bands:
        md5["lasting_" + suffix] = src
        md5["lasting_" + suffix + "_pct"] = src + "_percent"
    parts = [Part("cin24_d1", REL24, ALL24, m24),
             Part("cin25_d5", REL25, ONLY25, {"protection_plans": "CPP_At31"}),
             Part("cin25_d3", REL25, ONLY25, {"plans_started": "CPP_start"}),
             Part("cin25_d3", REL25, ANY, md3),
             Part("cin25_d5", REL25, ANY, md5)]
    lait25, lait_caveat = _lait_2025(ds, geo, index, {"protection_plans_rate": "CPP_rate", "plans_started_rate": "CPP_Abuse_Rate"},
                                     {"protection_plans_rate": ("CPP_Num", "cin25_d5", "CPP_At31"),
                                      "plans_started_rate": ("CPP_Abuse", "cin25_d3", "CPP_start")})
    parts.append(lait25)
    info = assemble(ds, geo, index, parts)
    rev_d3 = release_differences(geo, index, "cin24_d1", "cin25_d3", {"CPP_start": "CPP_start"}, set(range(2013, 2025)))
    rev_d5 = release_differences(geo, index, "cin24_d1", "cin25_d5", {"CPP_At31": "CPP_At31"}, set(range(2013, 2025)))
    _finish(ds, info, rev_d3, why_filled="the 2025 release publishes no rates, LAIT has no 2025 figure for these, and the release's d1 table (plans ended, at any point) is not among the sources; nothing is computed here.")
    ds.caveats.append(lait_caveat)
    if rev_d5:
        ds.caveats.append("The d5 (plan length) table has its own total of children on plans at 31 March, which differs from protection_plans in %d cell(s): %s. The lasting_*_pct columns are percentages of the d5 total; protection_plans 2013-2024 is the d1 figure and 2025 is the d5 total (the only 2025 figure)." % (len(rev_d5), "; ".join(rev_d5)))
    ds.caveats.append("d5 plan-length counts are heavily suppressed ('c') at local authority level.")
    ds.transformations += ["Columns renamed from the DfE names (given in each column description).",
                           "protection_plans 2025 = d5 CPP_At31; plans_started 2025 = d3 CPP_start (d3 agrees with d1 on every 2013-2024 value)."]
    ds.gaps.append("2025: no plans ended / at any point counts and rates (the 2025 d1 table is not among the sources); only the plan and plan-start rates (from LAIT) are published.")
    return ds
