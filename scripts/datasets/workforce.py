"""Children's social work workforce at 30 September, 2017-2025."""

from .common import (Dataset, DFE, EES, SRC, YEAR_CONVENTION_WORKFORCE, read_csv, fail,
                     geo_sort_key, years_text, PLACEHOLDER_VALUES)
from .geography import JOINT_RETURNS

# (output column, DfE column, description, unit, LAIT measure for polarity)
# Percentages end in _pct (the DfE calls several of them "rates", but in
# Casebook `_rate` is reserved for "per 10,000 children").
COLUMNS = [
    ("social_workers_fte", "inpost_fte", "Children and family social workers in post (employed by the LA), full-time equivalent", "FTE", "Work_Force_NoSW"),
    ("social_workers_headcount", "inpost_headcount", "Children and family social workers in post, headcount", "count", None),
    ("starters_fte", "starters_fte", "Social workers starting in the 12 months to 30 September, FTE", "FTE", "Social_Work_Starters"),
    ("starters_headcount", "starters_headcount", "Social workers starting in the 12 months to 30 September, headcount", "count", None),
    ("leavers_fte", "leavers_fte", "Social workers leaving in the 12 months to 30 September, FTE", "FTE", "Social_Work_Leavers"),
    ("leavers_headcount", "leavers_headcount", "Social workers leaving in the 12 months to 30 September, headcount", "count", None),
    ("turnover_pct", "turnover_rate_fte", "Turnover rate (FTE): leavers in the year as a percentage of social workers in post (DfE turnover_rate_fte)", "percent", "Work_Force_TO_Rate"),
    ("turnover_headcount_pct", "turnover_rate_headcount", "Turnover rate on a headcount basis (DfE turnover_rate_headcount)", "percent", None),
    ("agency_fte", "agency_fte", "Agency (not directly employed) social workers at 30 September, FTE", "FTE", None),
    ("agency_headcount", "agency_headcount", "Agency social workers at 30 September, headcount", "count", None),
    ("agency_pct", "agency_rate_fte", "Agency rate (FTE): agency workers as a percentage of agency plus in-post social workers (DfE agency_rate_fte)", "percent", "Work_Force_Agecy_Rate"),
    ("agency_headcount_pct", "agency_rate_headcount", "Agency rate on a headcount basis (DfE agency_rate_headcount)", "percent", None),
    ("agency_cover_fte", "agency_cover_fte", "Agency social workers covering vacancies, FTE", "FTE", None),
    ("agency_cover_pct", "agency_cover_rate_fte", "Percentage of agency social workers (FTE) who were covering vacancies (DfE agency_cover_rate_fte)", "percent", "Work_Force_AgencyCover"),
    ("vacancies_fte", "vacancy_fte", "Vacant social worker posts at 30 September, FTE", "FTE", None),
    ("vacancy_pct", "vacancy_rate_fte", "Vacancy rate (FTE): vacancies as a percentage of vacancies plus social workers in post (DfE vacancy_rate_fte)", "percent", "Work_Force_Vac_Rate"),
    ("vacancies_agency_cover_pct", "vacancy_agency_cover_rate_fte", "Percentage of vacancies (FTE) covered by agency workers (DfE vacancy_agency_cover_rate_fte)", "percent", "Vacancies_cover"),
    ("case_holders_fte", "case_holders_fte", "Social workers holding cases at 30 September, FTE", "FTE", None),
    ("cases", "cases", "Cases held by social workers at 30 September", "count", "Work_Force_Num_CaseHeld"),
    ("caseload", "caseload_fte", "Average caseload: cases per FTE case-holding social worker (DfE caseload_fte)", "cases per FTE", "Work_Force_AvgNumCase_SW"),
    ("absence_days_fte", "working_days_lost_fte", "Working days lost to sickness absence in the year, FTE basis (DfE working_days_lost_fte)", "days", None),
    ("absence_pct", "absence_rate_fte", "Sickness absence rate: working days lost as a percentage of working days available (DfE absence_rate_fte)", "percent", "Work_Force_SWAbsence"),
]


def build_workforce(geo, pol, index):
    """Workforce indicators (csww_indicators_2017_to_2025.csv, the 2025
    release).  A joint return is one reporting unit and one row (see
    JOINT_RETURNS in geography.py): its figures belong to neither member
    alone, so they are never written under a member's code."""
    ds = Dataset(
        "workforce", "Children's social work workforce",
        DFE, "Children's social work workforce: reporting year 2025",
        EES + "; " + SRC["csww"],
        "Reporting year 2025 release (30 September 2025 snapshot, published on EES February/March 2026), covering 2017-2025",
        YEAR_CONVENTION_WORKFORCE)
    ds.sources = ["csww"]
    for col, src, desc, unit, lait in COLUMNS:
        ds.add_column(col, desc, unit, pol(lait), lait)
    ds.add_column("joint_return", "On the row of a joint return (two authorities that make one workforce return, published as one unit), the DfE's code for it as published, e.g. '314 / 318' (Kingston upon Thames / Richmond upon Thames); la_code is then empty and la_name and ons_code name both members. Empty on every other row.", "code", "neutral")
    rows = read_csv(index.path("csww"))
    joint = {}
    dropped = 0
    for r in rows:
        if r["time_identifier"] != "Reporting year":
            fail("unexpected time_identifier %s" % r["time_identifier"])
        measures = {col: r[src] for col, src, _, _, _ in COLUMNS}
        y = r["time_period"]
        if r["geographic_level"] == "Local authority" and "/" in r["old_la_code"]:
            codes = [int(c.strip()) for c in r["old_la_code"].split("/")]
            onss = [c.strip() for c in r["new_la_code"].split("/")]
            names = [c.strip() for c in r["la_name"].split("/")]
            if len(codes) != 2 or len(onss) != 2 or len(names) != 2:
                fail("unexpected joint row %s" % r["old_la_code"])
            for la, ons, name in zip(codes, onss, names):
                g = geo.local(la)
                if name != g["la_name"] or (ons != g["ons_code"] and ons not in geo.authorities[la]["former_ons_codes"]):
                    fail("joint row member %s does not match the authorities table" % la)
                if not geo.existed(la, "workforce", y):
                    fail("joint row for non-existent LA %s %s" % (la, y))
            key = tuple(sorted(codes))
            if key not in JOINT_RETURNS or int(y) < JOINT_RETURNS[key]["first_year"]:
                fail("joint return %s in %s is not in geography.JOINT_RETURNS" % (r["old_la_code"], y))
            g = geo.joint(codes)
            if g["la_name"] != r["la_name"]:
                fail("joint return %s is published as %r, not %r" % (r["old_la_code"], r["la_name"], g["la_name"]))
            g.update(year=y, **measures)
            ds.rows.append(g)
            joint.setdefault(r["la_name"] + " (" + r["old_la_code"] + ")", set()).add(int(y))
            continue
        g = geo.ees_geo(r)
        if g["level"] == "Local authority" and not geo.existed(int(g["la_code"]), "workforce", y):
            if all(v in PLACEHOLDER_VALUES for v in measures.values()):
                dropped += 1
                continue
            fail("workforce values for non-existent LA %s %s" % (g["la_code"], y))
        g.update(year=y, joint_return="", **measures)
        ds.rows.append(g)
    keys = [(r["level"], r["ons_code"], r["la_code"], r["year"]) for r in ds.rows]
    if len(keys) != len(set(keys)):
        fail("workforce: an authority appears twice in a year")
    # A member of a joint return must have no row of its own in a joint year.
    for (a, b), _ in JOINT_RETURNS.items():
        joint_years = {r["year"] for r in ds.rows if r["joint_return"] == "%d / %d" % (a, b)}
        alone = [r for r in ds.rows if r["la_code"] in (str(a), str(b)) and r["year"] in joint_years]
        if alone:
            fail("workforce: %s has a row of its own in a year of its joint return" % alone[0]["la_name"])
    ds.rows.sort(key=geo_sort_key)
    ds.dropped_placeholders = dropped
    jt = "; ".join("%s: %s" % (k, years_text(v)) for k, v in sorted(joint.items()))
    ds.caveats += [
        "Figures are 30 September snapshots: year 2017 = 30 September 2017. Starters, leavers and absence cover the 12 months to that date.",
        "Joint returns: " + jt + ". Each is one reporting unit and one row, as the DfE publishes it: la_code empty, la_name and ons_code naming both members ('Kingston upon Thames / Richmond upon Thames'), joint_return the published code ('314 / 318'). So every count, average, rank and correlation over authorities counts a joint return once; the members have no figures of their own (LAIT, by contrast, copies the joint figure under both codes). `for \"Kingston upon Thames\"` finds the joint row.",
        "Regional and national rows are pooled figures (e.g. caseload = total cases / total case-holding FTE; turnover = total leavers / total in post), not averages of the authorities.",
        "Markers as published: x = not available, z = not applicable, u = low reliability, low = rounds to zero (e.g. Sunderland's agency rate; LAIT shows it as 0), c = suppressed. Never replaced by 0.",
        "Percentages are named *_pct although the DfE calls several of them 'rates' (turnover_rate_fte, agency_rate_fte, vacancy_rate_fte, absence_rate_fte); in Casebook, _rate means per 10,000 children.",
        "Barnsley and Sheffield carry new ONS codes (E08000038, E08000039) in the 2025 rows of this file; ons_code here is the current code in every year.",
    ]
    ds.transformations += [
        "Columns renamed from the DfE names (given in each column description); values as published.",
        "Joint rows ('940 / 941', '314 / 318') kept as one row each, at level 'Local authority' with la_code empty and the published code in joint_return.",
    ]
    ds.gaps += ["2016 workforce figures exist only in LAIT (Work_Force_* items) and are not included: the release used starts in 2017 and LAIT lacks most of these columns.",
                "Kingston upon Thames and Richmond upon Thames (2017-2025), and North and West Northamptonshire (2021-2025), have no separate figures: only their joint returns are published."]
    ds.joint = joint
    ds.years_covered = years_text(r["year"] for r in ds.rows)
    return ds
