"""The official breakdowns not shipped elsewhere: children in need by primary
need (b3), referrals by source (c5), child protection plans by category of
abuse (d4), assessments within 45 working days (from c2's duration bands),
and looked-after children by number of social workers in the year.

Values are copied as published, markers included.  The one computed table
is the 45-day one: its count is a sum of published bands and its
percentage that count over the completed assessments (ASSESSMENT_BANDS).
"""

from decimal import Decimal, ROUND_HALF_UP

from .common import DFE, EES, SRC, YEAR_CONVENTION_REPORTING, Dataset, fail, read_csv, years_text
from .series import Part, assemble, coverage_caveat

REL24 = "2024 release"
PUB24 = "Characteristics of children in need: 2024"
RELEASE24 = "Reporting year 2024 release (published autumn 2024)"

ROUNDING = ("National and regional counts are rounded to the nearest 10; local authority counts are not, so authorities "
            "do not sum exactly to the published totals.")
MARKERS = ("Markers as published: c = suppressed (small numbers), x = not available, z = not applicable, u = low "
           "reliability (such council figures are still in the England total). Never replaced by 0.")
LONDON = ("Inner London (E13000001) and Outer London (E13000002) rows have level 'Sub-regional'; London (E12000007) is "
          "the regional row, so the nine regional rows add up to England.")


def _dataset(name, title, publication, source_keys, release, pol, columns, year_convention=YEAR_CONVENTION_REPORTING):
    ds = Dataset(name, title, DFE, publication, EES + "; " + "; ".join(SRC[k] for k in source_keys), release, year_convention)
    ds.sources = list(source_keys)
    for col, desc, unit, lait in columns:
        ds.add_column(col, desc, unit, pol(lait), lait)
    return ds


def _finish(ds, info, transformations):
    ds.caveats += [ROUNDING, MARKERS, LONDON, coverage_caveat(info, [REL24])]
    if info["all_marker"]:
        ds.caveats.append("Authority rows with no figure (every value a marker): " + "; ".join(
            "%s (%d) %d" % t for t in sorted(info["all_marker"], key=lambda t: (t[1], t[2]))) + ".")
    ds.transformations += transformations
    ds.dropped_placeholders = len(info["dropped"])
    ds.years_covered = years_text(r["year"] for r in ds.rows)
    ds.info = info
    return ds


# --------------------------------------------------------------------------

PRIMARY_NEEDS = [
    ("need_abuse_or_neglect", "N1_Abuse_or_neglect", "abuse or neglect (N1)"),
    ("need_child_disability_or_illness", "N2_Childs_disability_or_illness", "the child's disability or illness (N2)"),
    ("need_parent_disability_or_illness", "N3_Parents_disability_or_illness", "parental disability or illness (N3)"),
    ("need_family_in_acute_stress", "N4_Family_in_acute_stress", "family in acute stress (N4)"),
    ("need_family_dysfunction", "N5_Family_dysfunction", "family dysfunction (N5)"),
    ("need_socially_unacceptable_behaviour", "N6_Socially_unacceptable_behaviour", "socially unacceptable behaviour (N6)"),
    ("need_low_income", "N7_Low_income", "low income (N7)"),
    ("need_absent_parenting", "N8_Absent_parenting", "absent parenting (N8)"),
    ("need_cases_other_than_cin", "N9_Cases_other_than_CIN", "cases other than children in need (N9)"),
    ("need_not_stated", "N0_Not_stated", "not stated (N0)"),
]


def build_cin_primary_need(geo, pol, index):
    cols = [("need_all", "Children in need at 31 March, every primary need (At31_episodes)", "count", None)]
    cols += [(c, "Children in need at 31 March whose primary need at assessment was %s (%s)" % (t, s), "count", None)
             for c, s, t in PRIMARY_NEEDS]
    ds = _dataset("cin_primary_need", "Children in need at 31 March by primary need at assessment", PUB24 + " (table b3)",
                  ["cin24_b3"], RELEASE24, pol, cols)
    m = {"need_all": "At31_episodes"}
    m.update({c: s for c, s, _ in PRIMARY_NEEDS})
    info = assemble(ds, geo, index, [Part("cin24_b3", REL24, lambda y: True, m)])
    ds.caveats.append("need_all is the children in need at 31 March of the same release (children_in_need.children_in_need for 2013-2024).")
    return _finish(ds, info, ["Columns renamed from the DfE names (given in each description); values as published."])


REFERRAL_SOURCES = [
    ("from_individual", "Individual", "an individual"), ("from_schools", "Schools", "schools"),
    ("from_education_services", "Education_Services", "education services"),
    ("from_health_services", "Health_Services", "health services"), ("from_housing", "Housing", "housing"),
    ("from_la_services", "LA_Services", "local authority services"), ("from_police", "Police", "the police"),
    ("from_other_legal_agency", "Other_legal_agency", "another legal agency"), ("from_other", "Other", "other sources"),
    ("from_anonymous", "Anonymous", "anonymous referrers"), ("from_unknown", "Unknown", "an unknown source"),
]
# LAIT publishes three sources' shares (percentages), not these counts.
LAIT_SHARES = {"from_schools": "RefBySource_Schl_%", "from_health_services": "RefBySource_HealthServ_%",
               "from_police": "RefBySource_Police_%"}


def build_sources_of_referral(geo, pol, index):
    cols = [("referrals_all_sources", "Referrals in the year, every source (Referrals; the same figure as referrals.referrals)", "count", None)]
    for c, s, t in REFERRAL_SOURCES:
        extra = "; LAIT publishes this source's share of referrals as %s (indicators)" % LAIT_SHARES[c] if c in LAIT_SHARES else ""
        cols.append((c, "Referrals in the year from %s (%s)%s" % (t, s, extra), "count", None))
    ds = _dataset("sources_of_referral", "Referrals to children's social care by source of referral", PUB24 + " (table c5)",
                  ["cin24_c5"], RELEASE24, pol, cols)
    m = {"referrals_all_sources": "Referrals"}
    m.update({c: s for c, s, _ in REFERRAL_SOURCES})
    info = assemble(ds, geo, index, [Part("cin24_c5", REL24, lambda y: True, m)])
    ds.gaps.append("No 2013 (the table starts in 2014) and no 2025 (no 2025 c5 file among the sources).")
    # Named so that no other dataset name starts like `referrals` (Tab completes `refe` to it).
    return _finish(ds, info, ["Columns renamed from the DfE names (given in each description); values as published."])


ABUSE = [("neglect", "Neglect", "neglect"), ("physical", "Physical", "physical abuse"),
         ("sexual", "Sexual", "sexual abuse"), ("emotional", "Emotional", "emotional abuse"),
         ("multiple", "Multiple", "multiple categories")]


def build_plans_by_category(geo, pol, index):
    cols = [("plans_at_31_march", "Children on a child protection plan at 31 March (CPP_At31; the same figure as protection_plans.protection_plans)", "count", None)]
    for when, label in (("initial", "Initial"), ("latest", "Latest")):
        for c, s, t in ABUSE:
            cols.append(("%s_%s" % (when, c), "Children on a plan at 31 March whose %s category of abuse was %s (%s_%s)" % (when, t, s, label), "count", None))
    ds = _dataset("plans_by_category", "Child protection plans at 31 March by initial and latest category of abuse",
                  PUB24 + " (table d4)", ["cin24_d4"], RELEASE24, pol, cols)
    m = {"plans_at_31_march": "CPP_At31"}
    for when, label in (("initial", "Initial"), ("latest", "Latest")):
        m.update({"%s_%s" % (when, c): "%s_%s" % (s, label) for c, s, _ in ABUSE})
    info = assemble(ds, geo, index, [Part("cin24_d4", REL24, lambda y: True, m)])
    ds.caveats.append("initial = the category recorded when the plan began; latest = the category at 31 March (it may have changed during the plan).")
    return _finish(ds, info, ["Columns renamed from the DfE names (given in each description); values as published."])


# --------------------------------------------------------------------------
# Assessments within 45 working days: the statutory timescale ("Working
# Together"); c2 publishes durations in bands whose upper ends fall on 45.
ASSESSMENT_BANDS = ["Same_day", "1-10_days", "11-20_days", "21-30_days", "31-40_days", "41-45_days"]
LATE_BANDS = ["46-50_days", "51-60_days", "61+_days"]


def _sum(row, cols):
    """Sum of published counts; a marker when any is missing (the same marker
    when all agree, else x: not computable from what is published)."""
    vals = [row[c] for c in cols]
    if all(v.isdigit() for v in vals):
        return str(sum(int(v) for v in vals))
    marks = {v for v in vals if not v.isdigit()}
    return marks.pop() if len(marks) == 1 and all(not v.isdigit() for v in vals) else "x"


def _percent(part, whole):
    if not (part.isdigit() and whole.isdigit()):
        return whole if not whole.isdigit() else (part if part in ("c", "u", "z") else "x")
    if int(whole) == 0:
        return "z"
    return str((Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


def build_assessments_45_days(geo, pol, index):
    cols = [
        ("assessments_completed", "Assessments completed in the year (Assessments_completed; the same figure as assessments.assessments)", "count", None),
        ("within_45_days", "Assessments completed within 45 working days: the sum of c2's bands " + ", ".join(ASSESSMENT_BANDS), "count", None),
        ("within_45_days_pct", "Assessments completed within 45 working days as a percentage of assessments completed, to one decimal place (LAIT: Continue_Assess_Comp)", "percent", "Continue_Assess_Comp"),
        ("over_45_days", "Assessments that took more than 45 working days: the sum of c2's bands " + ", ".join(LATE_BANDS), "count", None),
    ]
    ds = _dataset("assessments_45_days", "Children's social care assessments completed within 45 working days",
                  PUB24 + " (table c2, duration bands summed)", ["cin24_c2"], RELEASE24, pol, cols)
    shaped = []
    for r in read_csv(index.path("cin24_c2")):
        s = dict(r)
        s["_within"] = _sum(r, ASSESSMENT_BANDS)
        s["_over"] = _sum(r, LATE_BANDS)
        s["_pct"] = _percent(s["_within"], r["Assessments_completed"])
        shaped.append(s)
    m = {"assessments_completed": "Assessments_completed", "within_45_days": "_within",
         "within_45_days_pct": "_pct", "over_45_days": "_over"}
    info = assemble(ds, geo, index, [Part("cin24_c2", REL24, lambda y: True, m, data=shaped)])
    ds.caveats += [
        "Computed here, not published in this table: within_45_days = Same_day + 1-10 + 11-20 + 21-30 + 31-40 + 41-45 working days; "
        "over_45_days = 46-50 + 51-60 + 61+; within_45_days_pct = within_45_days / assessments_completed x 100, rounded half up to one "
        "decimal. A sum is a marker when any band is one (the band's marker where all agree, else x: not computable from what is "
        "published); the percentage is z where no assessment was completed.",
        "National and regional bands are each rounded to the nearest 10, so their sums can differ from the unrounded count by a "
        "few tens and the percentage by a few tenths.",
        "Durations are in working days, as published.",
        "Where the release suppresses a band (c), the count and percentage cannot be made from this table and are x; the "
        "DfE's own percentage, made before suppression, is in LAIT (indicators, measure Continue_Assess_Comp) for such "
        "authorities, e.g. the City of London.",
    ]
    ds.gaps.append("No 2013 (c2 starts in 2014) and no 2025 (no 2025 assessment file among the sources). LAIT's Continue_Assess_Comp "
                   "(indicators) has the published percentage, 2016-2025.")
    return _finish(ds, info, ["Counts and percentage computed from c2's duration bands (caveats)."])


def build_cla_social_workers(geo, pol, index):
    cols = [
        ("cla_at_31_march", "Children looked after at 31 March (Total children in this table)", "count", None),
        ("three_plus_social_workers", "Of those, children who had 3 or more social workers during the year to 31 March", "count", None),
        ("three_plus_social_workers_pct", "Children who had 3 or more social workers during the year, as a percentage of those looked after at 31 March, as published (LAIT: Stability_SocialWorker)", "percent", "Stability_SocialWorker"),
    ]
    ds = _dataset("cla_social_workers", "Children looked after at 31 March by number of social workers during the year",
                  "Stability measures for children looked after in England: 2024", ["cla_swcount"],
                  "Reporting year 2024 (stability measures release)", pol, cols)
    by_key = {}
    for r in read_csv(index.path("cla_swcount")):
        k = tuple(r[c] for c in ("time_period", "geographic_level", "region_code", "old_la_code"))
        row = by_key.setdefault(k, dict(r))
        if r["sw_stability"] == "Total children":
            row["_total"] = r["number"]
            if r["percentage"] not in ("100", r["number"]) and r["number"] != "0":
                fail("cla_swcount: a Total children row with percentage %s" % r["percentage"])
        elif r["sw_stability"] == "3 or more social workers during the year":
            row["_three"], row["_three_pct"] = r["number"], r["percentage"]
        else:
            fail("cla_swcount: unknown sw_stability %r" % r["sw_stability"])
    shaped = list(by_key.values())
    m = {"cla_at_31_march": "_total", "three_plus_social_workers": "_three", "three_plus_social_workers_pct": "_three_pct"}
    info = assemble(ds, geo, index, [Part("cla_swcount", "2024 stability release", lambda y: True, m, data=shaped)])
    ds.caveats += [
        "One year only (2024): the only year of this table among the sources.",
        "The social workers counted are those allocated at any time from 1 April to 31 March, including while the child was not "
        "looked after; a return to an earlier social worker does not count again.",
        ROUNDING, MARKERS, LONDON,
    ]
    ds.transformations.append("The table's two rows per area (Total children; 3 or more social workers) made into one row with three columns.")
    ds.dropped_placeholders = len(info["dropped"])
    ds.years_covered = years_text(r["year"] for r in ds.rows)
    ds.info = info
    return ds
