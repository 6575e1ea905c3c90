"""Post-build verification.

Re-reads the written CSV/JSON files (not the in-memory rows) and checks:
* format: UTF-8 without BOM, LF line ends, header = metadata columns;
* metadata: exact keys, rows = data rows, every column documented;
* geography: every la_code exists in authorities, LA and regional rows have
  one of the nine regions, LA ons_code = the authority's current code,
  exactly 153 current authorities, no duplicate keys;
* no float artefacts (more than 4 decimals) anywhere;
* fixed published figures for Reading (870);
* an independent cross-check against the raw source files: every dataset's
  England rows for a sample of years and all of Reading's rows, re-read from
  the sources with the plain csv module and a mapping written separately
  from the build code.
"""

import csv
import json
import os
import re

from .common import SRC, NINE_REGIONS


class CheckError(Exception):
    pass


def check(cond, msg):
    if not cond:
        raise CheckError(msg)


META_KEYS = ["name", "title", "publisher", "publication", "source", "release", "licence",
             "year_convention", "rows", "caveats", "columns"]
POLARITIES = {"high is good", "low is good", "neutral"}
ARTEFACT = re.compile(r"\d\.\d{5,}")
MARKER_CELLS = {"c", "x", "z", "u", "low", "k", "..", "-", ""}


def load_output(out_dir, name):
    path = os.path.join(out_dir, name + ".csv")
    with open(path, "rb") as f:
        raw = f.read()
    check(not raw.startswith(b"\xef\xbb\xbf"), "%s has a BOM" % path)
    check(b"\r" not in raw, "%s has CR characters" % path)
    check(raw.endswith(b"\n"), "%s does not end with a newline" % path)
    text = raw.decode("utf-8")
    rows = list(csv.reader(text.splitlines()))
    header, body = rows[0], rows[1:]
    with open(os.path.join(out_dir, name + ".json"), encoding="utf-8") as f:
        meta = json.load(f)
    return header, [dict(zip(header, r)) for r in body], meta, body


def _raw_csv(sources, key):
    """Independent raw reader: plain csv, BOM stripped by hand."""
    with open(os.path.join(sources, SRC[key]), encoding="utf-8", newline="") as f:
        text = f.read()
    if text.startswith("\ufeff"):
        text = text[1:]
    rows = list(csv.reader(text.splitlines()))
    return [dict(zip(rows[0], r)) for r in rows[1:] if r]


def _find(rows, year, level, la=None, **extra):
    out = []
    for r in rows:
        if r["time_period"] != str(year) or r["geographic_level"] != level:
            continue
        if la is not None and r["old_la_code"] != str(la):
            continue
        if all(r.get(k) == v for k, v in extra.items()):
            out.append(r)
    return out


# ---------------------------------------------------------------------------
# Independent source mappings: output column -> source column, by year range.
# ---------------------------------------------------------------------------

def _rates_x(cols):
    return {c: None for c in cols}


B1_24 = {"children_in_need": "At31_episodes", "children_in_need_rate": "At31_episodes_rate",
         "episodes_any_point": "Anypoint_episodes", "episodes_any_point_rate": "Anypoint_episodes_rate",
         "children_any_point": "Anypoint_child", "children_any_point_rate": "Anypoint_child_rate",
         "episodes_started": "Started_episodes", "episodes_started_rate": "Started_episodes_rate",
         "children_started": "Started_child", "children_started_rate": "Started_child_rate",
         "episodes_ended": "Ended_episodes", "episodes_ended_rate": "Ended_episodes_rate",
         "children_ended": "Ended_child", "children_ended_rate": "Ended_child_rate",
         "awaiting_assessment": "Awaiting_assessment", "awaiting_assessment_rate": "Awaiting_assessment_rate"}
B1_25 = {k: (v if not k.endswith("_rate") else None) for k, v in B1_24.items()}
B1_25["awaiting_assessment"] = "awaiting_assessment"
B1_25["children_in_need_rate"] = "lait:CIN"
C1_24 = {"referrals": "Referrals", "referrals_rate": "Referrals_rate", "rereferrals": "Re_referrals",
         "rereferrals_pct": "Re_referrals_percent", "nfa": "No_Further_Action", "nfa_pct": "No_Further_Action_percent",
         "not_in_need": "Not_in_Need", "not_in_need_pct": "Not_in_Need_percent",
         "children_referred": "Referrals_child", "children_referred_rate": "Referrals_child_rate",
         "children_rereferred": "Re_referrals_child", "children_rereferred_pct": "Re_referrals_child_percent"}
C1_25 = {"referrals": "referral_count", "referrals_rate": "lait:CPP_Total_Rateper10,000", "rereferrals": "rereferral_count",
         "rereferrals_pct": "rereferral_percent", "nfa": "no_further_action_count",
         "nfa_pct": "no_further_action_percent", "not_in_need": "not_in_need_count",
         "not_in_need_pct": "not_in_need_percent", "children_referred": "referral_child_count",
         "children_referred_rate": None, "children_rereferred": "rereferral_child_count",
         "children_rereferred_pct": "rereferral_child_percent"}
C2 = {"assessments": "Assessments_completed", "assessments_rate": "Assessments_completed_rate",
      "duration_same_day": "Same_day", "duration_1_10_days": "1-10_days", "duration_11_20_days": "11-20_days",
      "duration_21_30_days": "21-30_days", "duration_31_40_days": "31-40_days", "duration_41_45_days": "41-45_days",
      "duration_46_50_days": "46-50_days", "duration_51_60_days": "51-60_days", "duration_61_plus_days": "61+_days",
      "duration_p25_days": "25th_Percentile_days", "duration_median_days": "Median_days",
      "duration_p75_days": "75th_Percentile_days"}
C4_24 = {"section47": "Section47", "section47_rate": "Section47_rate", "section47_children": "Section47_child",
         "section47_children_rate": "Section47_child_rate", "icpc": "ICPC", "icpc_rate": "ICPC_rate",
         "icpc_children": "ICPC_child", "icpc_children_rate": "ICPC_child_rate",
         "icpc_0_10_days": "Duration_0-10_days", "icpc_11_15_days": "Duration_11-15_days",
         "icpc_16_20_days": "Duration_16-20_days", "icpc_21_plus_days": "Duration_21+_days",
         "icpc_p25_days": "Duration_25th_Percentile", "icpc_median_days": "Duration_median",
         "icpc_p75_days": "Duration_75th_Percentile"}
C4_25 = {k: (None if k.endswith("_rate") else v) for k, v in C4_24.items()}
C4_25.update(section47_rate="lait:Section_47", icpc_rate="lait:ISCP_Conf")
D1 = {"protection_plans": "CPP_At31", "protection_plans_rate": "CPP_At31_rate", "plans_started": "CPP_start",
      "plans_started_rate": "CPP_start_rate", "children_started": "CPP_child_start",
      "children_started_rate": "CPP_child_start_rate", "plans_ended": "CPP_end", "plans_ended_rate": "CPP_end_rate",
      "children_ended": "CPP_child_end", "children_ended_rate": "CPP_child_end_rate",
      "plans_any_point": "CPP_anypoint", "plans_any_point_rate": "CPP_anypoint_rate",
      "children_any_point": "CPP_child_anypoint", "children_any_point_rate": "CPP_child_anypoint_rate"}
D3 = {"subsequent_plans": "CPP_subsequent", "subsequent_plans_pct": "CPP_subsequent_percent"}
D5 = {"lasting_3m_or_less": "3_months_or_less", "lasting_3m_or_less_pct": "3_months_or_less_percent",
      "lasting_3m_to_6m": "more_than_3_months_6_months", "lasting_3m_to_6m_pct": "more_than_3_months_6_months_percent",
      "lasting_6m_to_1y": "more_than_6_months_less_than_1_year",
      "lasting_6m_to_1y_pct": "more_than_6_months_less_than_1_year_percent",
      "lasting_1y_to_2y": "1_year_less_than_2_years", "lasting_1y_to_2y_pct": "1_year_less_than_2_years_percent",
      "lasting_2y_or_more": "2_years_or_more", "lasting_2y_or_more_pct": "2_years_or_more_percent"}
CSWW = {"social_workers_fte": "inpost_fte", "social_workers_headcount": "inpost_headcount",
        "starters_fte": "starters_fte", "starters_headcount": "starters_headcount", "leavers_fte": "leavers_fte",
        "leavers_headcount": "leavers_headcount", "turnover_pct": "turnover_rate_fte",
        "turnover_headcount_pct": "turnover_rate_headcount", "agency_fte": "agency_fte",
        "agency_headcount": "agency_headcount", "agency_pct": "agency_rate_fte",
        "agency_headcount_pct": "agency_rate_headcount", "agency_cover_fte": "agency_cover_fte",
        "agency_cover_pct": "agency_cover_rate_fte", "vacancies_fte": "vacancy_fte", "vacancy_pct": "vacancy_rate_fte",
        "vacancies_agency_cover_pct": "vacancy_agency_cover_rate_fte", "case_holders_fte": "case_holders_fte",
        "cases": "cases", "caseload": "caseload_fte", "absence_days_fte": "working_days_lost_fte",
        "absence_pct": "absence_rate_fte"}


def _ees_plan(name):
    """[(year predicate, source key, mapping)] per dataset."""
    return {
        "children_in_need": [(lambda y: y <= 2024, "cin24_b1", B1_24), (lambda y: y == 2025, "cin25_b1", B1_25)],
        "referrals": [(lambda y: y <= 2024, "cin24_c1", C1_24), (lambda y: y == 2025, "cin25_c1", C1_25)],
        "assessments": [(lambda y: True, "cin24_c2", C2)],
        "section47": [(lambda y: y <= 2024, "cin24_c4", C4_24), (lambda y: y == 2025, "cin25_c4", C4_25)],
        "protection_plans": [(lambda y: y <= 2024, "cin24_d1", D1),
                             (lambda y: y == 2025, "cin25_d5", dict({k: None for k in D1 if k != "plans_started"}, protection_plans="CPP_At31",
                                                                    protection_plans_rate="lait:CPP_rate", plans_started_rate="lait:CPP_Abuse_Rate")),
                             (lambda y: y == 2025, "cin25_d3", {"plans_started": "CPP_start"}),
                             (lambda y: True, "cin25_d3", D3), (lambda y: True, "cin25_d5", D5)],
        "workforce": [(lambda y: True, "csww", CSWW)],
        "population": [(lambda y: True, "population", {"children_0_17": "population_estimate"})],
    }[name]


# National figures where the release's headline table carries a marker.
HEADLINE_MARKERS = {("assessments", "National", 2014, "assessments"): "completed_assessments"}


def _raw_headline(sources, year):
    return [r for r in _raw_csv(sources, "cin24_headline") if r["time_period"] == str(year)][0]


# LAIT's region names, written here apart from the build's own mapping.
LAIT_NAMES = {"Yorkshire and The Humber": "Yorkshire and the Humber", "Inner London": "London (Inner)",
              "Outer London": "London (Outer)"}
_LAIT = {}


def _lait_value(sources, item, row, year):
    """The value LAIT publishes for an output row, read straight from the
    parquet file (pyarrow) and printed as the shortest decimal."""
    if not _LAIT:
        import pyarrow.parquet as pq
        t = pq.read_table(os.path.join(sources, SRC["lait_bds"]))
        cols = {c: t.column(c).to_pylist() for c in ("Short Desc", "Years", "LA Number", "LA and Regions", "Values")}
        for i in range(t.num_rows):
            key = (cols["Short Desc"][i], cols["Years"][i])
            _LAIT[key + (int(cols["LA Number"][i]),)] = cols["Values"][i]
            _LAIT[key + (cols["LA and Regions"][i],)] = cols["Values"][i]
    if row["level"] == "National":
        where = 970
    elif row["level"] == "Local authority":
        where = int(row["la_code"])
    else:
        where = LAIT_NAMES.get(row["la_name"], row["la_name"])
    v = _LAIT.get((item, str(year), where))
    check(v is not None, "LAIT has no %s %s for %s" % (item, year, row["la_name"]))
    if re.fullmatch(r"-?\d+\.\d{5,}", v):
        v = repr(float(v))
    return v[:-2] if v.endswith(".0") else v


def _verify_ees(sources, name, out_rows, targets):
    """targets: output rows to verify.  Each is located in the raw file by
    year + level + DfE number (or region code) and compared column by column;
    columns mapped to None must hold 'x'."""
    cache = {}
    checked = 0
    for row in targets:
        y = int(row["year"])
        for pred, key, mapping in _ees_plan(name):
            if not pred(y):
                continue
            if key not in cache:
                cache[key] = _raw_csv(sources, key)
            raw = cache[key]
            if row["level"] == "National":
                found = _find(raw, y, "National")
            elif row["level"] in ("Regional", "Sub-regional"):
                # EES publishes Inner and Outer London as regional rows.
                found = _find(raw, y, "Regional", region_code=row["ons_code"])
            else:
                found = [r for r in _find(raw, y, "Local authority")
                         if row["la_code"] in [c.strip() for c in r["old_la_code"].split("/")]]
            check(len(found) == 1, "%s: %d raw rows for %s %s in %s" % (name, len(found), row["la_name"], y, key))
            src = found[0]
            for col, scol in mapping.items():
                if (name, row["level"], y, col) in HEADLINE_MARKERS:
                    # The national headline table's marker wins over c2's number.
                    want = _raw_headline(sources, y)[HEADLINE_MARKERS[(name, row["level"], y, col)]]
                    check(want in ("u", "x", "c"), "headline %s %s is not a marker" % (y, col))
                elif scol is not None and scol.startswith("lait:"):
                    want = _lait_value(sources, scol[5:], row, y)
                else:
                    want = "x" if scol is None else src[scol]
                check(row[col] == want, "%s %s %s %s: output %r, source %s %r" % (
                    name, row["la_name"], y, col, row[col], key, want))
                checked += 1
    return checked


def _verify_looked_after(sources, rows):
    cla25 = _raw_csv(sources, "cla25")
    cla23 = _raw_csv(sources, "cla23")
    lait = _raw_csv(sources, "lait_csc")
    checked = 0
    for row in rows:
        y = int(row["year"])
        if y <= 2018:
            num = 970 if row["level"] == "National" else int(row["la_code"])
            for col, item in (("looked_after", "LACnum"), ("looked_after_rate", "LAC"),
                              ("children_started", "LACnum_Start"), ("children_ceased", "LACceased")):
                hits = [r for r in lait if r["Short Desc"] == item and r["Years"] == str(y) and int(r["LA Number"]) == num]
                check(len(hits) == 1, "looked_after: LAIT %s %s %s" % (item, y, num))
                v = hits[0]["Values"]
                if re.fullmatch(r"-?\d+\.\d{5,}", v):
                    v = repr(float(v)).rstrip("0").rstrip(".")
                check(row[col] == v, "looked_after %s %s %s: %r vs LAIT %r" % (row["la_name"], y, col, row[col], v))
                checked += 1
            for col, item in (("children_started_rate", "LAC_Start_Rate"), ("children_ceased_rate", "LAC_Cease_Rate")):
                # LAIT's rates of children starting and ceasing begin in 2018.
                want = _lait_value(sources, item, row, y) if y == 2018 else "x"
                check(row[col] == want, "looked_after %s %s %s: %r vs %r" % (row["la_name"], y, col, row[col], want))
                checked += 1
            continue
        raw, label_col, count_col, on31 = (cla23, "population_count", "number", "Children looked after at 31 March each year") \
            if y <= 2020 else (cla25, "population_type", "children_count", "Children looked after on 31 March each year")
        for col_n, col_r, label in (("looked_after", "looked_after_rate", on31),
                                    ("children_started", "children_started_rate", "Children starting to be looked after each year"),
                                    ("children_ceased", "children_ceased_rate", "Children ceasing to be looked after each year")):
            if row["level"] == "National":
                hits = _find(raw, y, "National", **{label_col: label})
            else:
                hits = _find(raw, y, "Local authority", la=row["la_code"], **{label_col: label})
            check(len(hits) == 1, "looked_after raw rows %s %s %s" % (row["la_name"], y, label))
            check(row[col_n] == hits[0][count_col] and row[col_r] == hits[0]["rate_per_10000"],
                  "looked_after %s %s %s differs from source" % (row["la_name"], y, label))
            checked += 2
    return checked


def _verify_inspections(sources, rows):
    hist = _raw_csv(sources, "ilacs_history")
    t10 = _raw_csv(sources, "ofsted23_t10")
    reading10 = [r for r in t10 if r["Local authority name"] == "Reading"]
    check(len(reading10) == 1, "Reading not once in table10")
    r10 = reading10[0]

    def dmy(iso):
        y, m, d = iso.split("-")
        return "%s/%s/%s" % (d, m, y)
    date_cols = {"SLAC": "Safeguarding & Looked After Children (SLAC) Inspection publication date",
                 "CPI": "Child Protection Inspections (CPI) publication date",
                 "SIF": "Single Inspection of LA Children's Services (SIF) First SIF publication date"}
    oe_cols = {"CPI": "CPI Overall Effectiveness (OE)", "SIF": "First SIF Overall Judgement (OE)"}
    checked = 0
    for row in rows:
        if row["framework"] == "ILACS" and row["source"] == "Ofsted official statistics":
            hits = [h for h in hist if h["Local authority area code"] == row["ons_code"] and h["Publication date"] == dmy(row["published"])]
            check(len(hits) == 1, "inspections: Reading ILACS %s not in history" % row["published"])
            h = hits[0]
            check(row["overall_effectiveness"] == h["Overall effectiveness"]
                  and row["inspection_date"] == "-".join(reversed(h["Inspection date"].split("/")))
                  and row["inspection_type"] == h["Inspection type"]
                  and row["children_in_care"] == h["The experiences and progress of children in care"],
                  "inspections: Reading ILACS %s differs from history" % row["published"])
            checked += 1
        elif row["framework"] in date_cols:
            check(r10[date_cols[row["framework"]]] == dmy(row["published"]), "inspections: Reading %s date" % row["framework"])
            if row["framework"] in oe_cols:
                check(r10[oe_cols[row["framework"]]] == row["overall_effectiveness"], "inspections: Reading %s OE" % row["framework"])
            checked += 1
        elif row["source"] == "Ofsted official statistics":
            raise CheckError("inspections: unexpected Reading row %s" % row["framework"])
    return checked


# ---------------------------------------------------------------------------

def run_all(datasets, index, out_dir):
    sources = index.dir
    outputs = {}
    for ds in datasets:
        header, rows, meta, body = load_output(out_dir, ds.name)
        check(list(meta.keys()) == META_KEYS, "%s.json keys %s" % (ds.name, list(meta.keys())))
        check(meta["rows"] == len(rows), "%s: metadata rows %s != %d" % (ds.name, meta["rows"], len(rows)))
        check(list(meta["columns"].keys()) == header, "%s: columns in JSON differ from CSV header" % ds.name)
        for c, m in meta["columns"].items():
            check(set(m.keys()) == {"description", "unit", "polarity"} and m["description"] and m["unit"],
                  "%s.%s metadata incomplete" % (ds.name, c))
            check(m["polarity"] in POLARITIES, "%s.%s polarity %r" % (ds.name, c, m["polarity"]))
        check(all(len(r) == len(header) for r in body), "%s: ragged rows" % ds.name)
        for r in body:
            for v in r:
                check(not ARTEFACT.search(v), "%s: float artefact / more than 4 decimals in %r" % (ds.name, v))
        outputs[ds.name] = (header, rows, meta)

    # authorities
    _, auth, _ = outputs["authorities"]
    codes = {r["la_code"]: r for r in auth}
    check(len(codes) == len(auth), "duplicate la_code in authorities")
    check(sum(r["status"] == "current" for r in auth) == 153, "not exactly 153 current authorities")
    check(sum(r["status"] == "former" for r in auth) == 5, "not exactly 5 former authorities")
    rd = codes.get("870")
    check(rd and rd["la_name"] == "Reading" and rd["ons_code"] == "E06000038" and rd["region"] == "South East"
          and rd["type"] == "Unitary authority" and rd["status"] == "current", "Reading authority row wrong: %s" % rd)
    check(codes["872"]["la_name"] == "Wokingham", "872 should be Wokingham")
    for r in auth:
        check(r["region"] in NINE_REGIONS, "authority %s region %r" % (r["la_code"], r["region"]))
        check((r["region"] == "London") == (r["inner_outer"] in ("Inner London", "Outer London")), "inner_outer for %s" % r["la_code"])
        check(re.fullmatch(r"E0[689]\d{6}|E10\d{6}", r["ons_code"]), "authority ONS code %s" % r["ons_code"])

    # every dataset: codes, regions, levels, uniqueness
    for name, (header, rows, meta) in outputs.items():
        if name == "authorities":
            continue
        for r in rows:
            for col in ("la_code", "neighbour_code"):
                if col in r and r[col] != "":
                    check(r[col] in codes, "%s: %s %s not in authorities" % (name, col, r[col]))
            if "level" in r:
                lvl = r["level"]
                check(lvl in ("National", "Regional", "Sub-regional", "Local authority"), "%s: level %r" % (name, lvl))
                if lvl == "Local authority" and r.get("joint_return"):
                    # One row for a joint return: both members named, no single code.
                    members = [codes[c.strip()] for c in r["joint_return"].split("/")]
                    check(r["la_code"] == "" and len(members) == 2
                          and r["la_name"] == " / ".join(m["la_name"] for m in members)
                          and r["ons_code"] == " / ".join(m["ons_code"] for m in members)
                          and r["region"] == members[0]["region"] == members[1]["region"],
                          "%s: joint return row %s" % (name, r))
                elif lvl == "Local authority":
                    a = codes[r["la_code"]]
                    check(r["region"] in NINE_REGIONS, "%s: LA region %r" % (name, r["region"]))
                    check(r["ons_code"] == a["ons_code"] and r["la_name"] == a["la_name"] and r["region"] == a["region"],
                          "%s: LA %s geography differs from authorities" % (name, r["la_code"]))
                elif lvl == "Regional":
                    check(r["la_code"] == "" and r["region"] in NINE_REGIONS and re.fullmatch(r"E12\d{6}", r["ons_code"])
                          and r["la_name"] == r["region"], "%s: bad regional row %s" % (name, r))
                elif lvl == "Sub-regional":
                    check(r["la_code"] == "" and r["region"] == "London" and re.fullmatch(r"E13\d{6}", r["ons_code"])
                          and r["la_name"] in ("Inner London", "Outer London"), "%s: bad sub-regional row %s" % (name, r))
                else:
                    check(r["la_code"] == "" and r["la_name"] == "England" and r["ons_code"] == "E92000001"
                          and r["region"] == "", "%s: bad national row" % name)
        if "year" in header and name != "inspections":
            keys = [(r["level"], r["ons_code"], r["la_code"], r["year"]) for r in rows]
            check(len(keys) == len(set(keys)), "%s: duplicate area-year rows" % name)

    # Fixed published figures for Reading
    def one(name, year, **kw):
        rows = [r for r in outputs[name][1] if r.get("la_code") == "870" and r.get("year") == str(year)]
        check(len(rows) == 1, "%s: Reading %s rows = %d" % (name, year, len(rows)))
        for k, v in kw.items():
            check(rows[0][k] == v, "%s Reading %s %s = %r, expected %r" % (name, year, k, rows[0][k], v))
    one("children_in_need", 2016, children_in_need="1869", children_in_need_rate="509.8")
    one("children_in_need", 2015, children_in_need="1394")
    one("referrals", 2015, referrals="1673", referrals_rate="465.1")
    one("referrals", 2016, referrals="3078", referrals_rate="839.6")
    one("section47", 2015, section47="579")
    one("section47", 2016, section47="977")
    one("assessments", 2015, assessments="1197")
    one("assessments", 2016, assessments="2171")
    one("protection_plans", 2016, protection_plans="252", protection_plans_rate="68.7")
    one("protection_plans", 2015, protection_plans="204")
    one("looked_after", 2016, looked_after="220", looked_after_rate="60")
    one("looked_after", 2017, looked_after="263", looked_after_rate="72")
    one("population", 2015, children_0_17="36659")
    one("population", 2014, children_0_17="35970")
    insp = [r for r in outputs["inspections"][1] if r["la_code"] == "870"]
    def has(framework, published, oe):
        check(any(r["framework"] == framework and r["published"] == published and r["overall_effectiveness"] == oe
                  for r in insp), "inspections: Reading %s %s %s missing" % (framework, published, oe))
    has("SIF", "2016-08-05", "Inadequate")
    has("ILACS", "2019-10-28", "Requires improvement to be good")
    has("ILACS", "2024-07-12", "Requires improvement to be good")
    sif = [r for r in insp if r["framework"] == "SIF"][0]
    check(sif["help_and_protection"] == "Inadequate" and sif["looked_after"] == "Inadequate" and sif["leadership"] == "Inadequate"
          and sif["overall_grade"] == "4" and sif["year"] == "2016", "Reading SIF sub-judgements")
    # Joint returns: one row each, never a member's own row in those years,
    # and every figure as the raw file's "314 / 318" row publishes it.
    wf = outputs["workforce"][1]
    check({r["joint_return"] for r in wf} == {"", "314 / 318", "940 / 941"}, "workforce joint_return values")
    check(not [r for r in wf if r["la_code"] in ("314", "318", "940", "941")], "a member of a joint return has its own row")
    raw_joint = {(r["old_la_code"], r["time_period"]): r for r in _raw_csv(sources, "csww") if "/" in r["old_la_code"]}
    out_joint = {(r["joint_return"], r["year"]): r for r in wf if r["joint_return"]}
    check(set(raw_joint) == set(out_joint), "joint return rows differ from the raw file's: %s" % sorted(set(raw_joint) ^ set(out_joint))[:4])
    for k, src in raw_joint.items():
        for col, scol in CSWW.items():
            check(out_joint[k][col] == src[scol], "workforce joint %s %s %s" % (k, col, src[scol]))

    # Independent cross-check against the raw sources.
    n = 0
    for name in ("children_in_need", "referrals", "assessments", "section47", "protection_plans", "workforce", "population"):
        rows = outputs[name][1]
        years = sorted({int(r["year"]) for r in rows})
        sample = {years[0], years[-1], 2016 if 2016 in years else years[1]}
        targets = [r for r in rows if r["level"] == "National" and int(r["year"]) in sample]
        targets += [r for r in rows if r["level"] in ("Regional", "Sub-regional") and int(r["year"]) == years[-1]]
        targets += [r for r in rows if r["la_code"] == "870"]
        check(any(r["level"] == "National" for r in targets), "%s: no England rows checked" % name)
        n += _verify_ees(sources, name, rows, targets)
    la_rows = outputs["looked_after"][1]
    n += _verify_looked_after(sources, [r for r in la_rows if r["la_code"] == "870" or
                                        (r["level"] == "National" and r["year"] in ("2016", "2020", "2025"))])
    n += _verify_inspections(sources, insp)
    # Neighbours: Reading's rows against the raw wide CSVs.
    sn25 = [r for r in _raw_csv(sources, "sn2025") if r["old_la_code"] == "870"][0]
    nb = [r for r in outputs["neighbours"][1] if r["la_code"] == "870" and r["model"] == "2025"]
    check(len(nb) == 10, "Reading should have 10 neighbours in 2025")
    for r in nb:
        p = r["position"]
        check(r["neighbour_code"] == sn25["SN_%s" % p] and r["closeness"] == sn25["SN_%sP" % p].strip(), "Reading 2025 SN %s" % p)
        n += 1
    with open(os.path.join(sources, SRC["sn2021"]), encoding="utf-8-sig", newline="") as f:
        raw21 = [r for r in csv.reader(f) if r and r[0] == "870"]
    check(len(raw21) == 1, "Reading once in 2021 SN file")
    nb21 = [r for r in outputs["neighbours"][1] if r["la_code"] == "870" and r["model"] == "2021"]
    for r in nb21:
        p = int(r["position"])
        check(r["neighbour_code"] == raw21[0][3 + 2 * p] and r["closeness"] == raw21[0][4 + 2 * p].strip(), "Reading 2021 SN %s" % p)
        n += 1
    # England headline figures (a separate national-only file of the 2024 release).
    head = _raw_csv(sources, "cin24_headline")
    for h in head:
        y = h["time_period"]
        def nat(name):
            return [r for r in outputs[name][1] if r["level"] == "National" and r["year"] == y][0]
        check(nat("children_in_need")["children_in_need"] == h["children_in_need"], "headline CIN %s" % y)
        check(nat("children_in_need")["children_in_need_rate"] == h["children_in_need_per_10000_children"], "headline CIN rate %s" % y)
        check(nat("protection_plans")["protection_plans"] == h["child_protection_plans"], "headline CPP %s" % y)
        check(nat("protection_plans")["protection_plans_rate"] == h["child_protection_plans_per_10000_children"], "headline CPP rate %s" % y)
        check(nat("referrals")["referrals"] == h["referrals"], "headline referrals %s" % y)
        if int(y) >= 2014:
            a = nat("assessments")["assessments"]
            if h["completed_assessments"] in ("u", "x"):
                # published as a marker in the headline table: the build must say so
                check(any(("England %s" % y) in c for c in outputs["assessments"][2]["caveats"]),
                      "assessments: headline marker for %s not in caveats" % y)
            else:
                check(a == h["completed_assessments"], "headline assessments %s" % y)
        n += 6
    return n
