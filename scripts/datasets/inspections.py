"""Ofsted inspections of local authority children's services, 2009-2026.

One row per inspection.  Sources, in order of preference:
1. Ofsted, LA inspection outcomes as at 31 March 2025 - ILACS inspection
   history (every ILACS standard/short inspection 2018 to March 2025, with
   ONS codes and inspection dates).
2. Ofsted, Children's social care data in England 2023 - LA inspections
   2009-2023 (table10 current LAs, table11 pre-restructure LAs): SLAC, CPI,
   CPRI, TLAC, SIF and SIF re-inspections (and ILACS to March 2023, which
   are duplicates of 1 and are dropped after checking they agree).  These
   tables have no codes, so they are joined on name with an explicit map.
3. Data to Insight scrape of published ILACS reports (latest inspection per
   LA) - only for inspections not in the official files (i.e. after March
   2025).  Marked source = 'D2I scrape of published reports'.
"""

from .common import (Dataset, SRC, read_csv, fail, parse_dmy, years_text)
from .xlsx import read_sheet

OFFICIAL = "Ofsted official statistics"
SCRAPED = "D2I scrape of published reports"

GRADES = {"Outstanding": "1", "Good": "2", "Requires improvement to be good": "3", "Inadequate": "4"}
SCRAPE_GRADES = {"outstanding": "Outstanding", "good": "Good",
                 "requires improvement": "Requires improvement to be good", "inadequate": "Inadequate"}
SCRAPE_MISSING = {"nan", "None", "", "inspection_pre_dates_judgement"}
SCRAPE_FRAMEWORK = {"standard": "ILACS Standard Inspection", "short": "ILACS Short Inspection"}

# Names in the 2023 Ofsted tables that differ from the DfE spelling.  The
# tables carry no codes; every other name must match the DfE name exactly,
# and any name that matches nothing stops the build.
TABLE10_NAMES = {
    "Bristol": 801,
    "Kingston Upon Hull": 810,
    "Richmond Upon Thames": 318,
    "St Helens": 342,
    "Herefordshire": 884,
    "Durham": 840,
    "Bedford Borough": 822,
    "Dorset": 838,        # table10 = current LAs: the Dorset unitary authority
}
TABLE11_NAMES = {
    "Dorset": 835,        # table11 = pre-restructure LAs: Dorset County Council
}

JUDGEMENT_COLUMNS = [
    ("leadership", "Leadership judgement: ILACS 'impact of leaders on social work practice with children and families'; SIF 'leadership, management and governance'"),
    ("help_and_protection", "Experiences and progress of children who need help and protection (ILACS) / children who need help and protection (SIF)"),
    ("children_in_care", "ILACS: experiences and progress of children in care. Before January 2023 this single judgement covered children in care AND care leavers"),
    ("care_leavers", "Care leavers: ILACS 'experiences and progress of care leavers' (from January 2023); SIF sub-judgement 'experiences and progress of care leavers'"),
    ("looked_after", "Older frameworks: SIF 'children looked after and achieving permanence'; SLAC looked after children overall effectiveness (and the SLAC re-inspection of services for children looked after)"),
    ("adoption", "SIF sub-judgement: adoption performance"),
    ("safeguarding", "SLAC safeguarding overall effectiveness (and the SLAC re-inspection of safeguarding)"),
    ("lscb", "Effectiveness of the Local Safeguarding Children Board, reviewed alongside the first SIF inspection"),
]


def _blank():
    return {c: "" for c, _ in JUDGEMENT_COLUMNS}


def _table_rows(geo, path, names):
    """Map the 2023 table's names to DfE codes: exact DfE name first, then
    the explicit map; fail on anything unmatched."""
    by_name = {}
    for la, a in geo.authorities.items():
        by_name.setdefault(a["la_name"], []).append(la)
    out = []
    used = set()
    for r in read_csv(path):
        name = r["Local authority name"].strip()
        if name in names:
            la = names[name]
            used.add(name)
        elif name in by_name and len(by_name[name]) == 1:
            la = by_name[name][0]
        else:
            fail("Ofsted 2023 table name %r does not match any authority (add it to the name map)" % name)
        out.append((la, r))
    unused = set(names) - used
    if unused:
        fail("name map entries not used: %s" % sorted(unused))
    las = [la for la, _ in out]
    if len(las) != len(set(las)):
        fail("two rows of %s map to the same authority" % path)
    return out


def _events_2023(la, r, table):
    """Explode one wide row of the 2023 table into inspection events."""
    ev = []

    def add(framework, itype, date_col, oe_col=None, **subs):
        date = r.get(date_col, "").strip()
        oe = r.get(oe_col, "").strip() if oe_col else ""
        vals = {k: r[v].strip() for k, v in subs.items()}
        if not date:
            if oe or any(vals.values()):
                fail("judgement without a publication date: %s %s" % (la, framework))
            return
        j = _blank()
        j.update(vals)
        ev.append({"la": la, "framework": framework, "inspection_type": itype, "inspection_date": "",
                   "published": parse_dmy(date), "overall_effectiveness": oe, "judgements": j,
                   "table": table})

    add("SLAC", "Safeguarding and looked after children inspection",
        "Safeguarding & Looked After Children (SLAC) Inspection publication date", None,
        safeguarding="SLAC Safeguarding Overall effectiveness (OE)",
        looked_after="SLAC Looked After Children Overall Effectiveness (OE)")
    add("SLAC re-inspection", "SLAC re-inspection of safeguarding",
        "SLAC re-inspection of Safeguarding publication date", None,
        safeguarding="SLAC re-inspection Safeguarding OE")
    add("SLAC re-inspection", "SLAC re-inspection of services for children looked after",
        "SLAC re-inspection of services for Children Looked After publication date", None,
        looked_after="SLAC re-inspection of services Children Looked After OE")
    add("CPI", "Child protection inspection", "Child Protection Inspections (CPI) publication date",
        "CPI Overall Effectiveness (OE)")
    add("CPRI", "Child protection re-inspection", "Child Protection Re-Inspection (CPRI) publication date",
        "CPRI Overall Effectiveness (OE)")
    add("TLAC", "Targeted looked after children inspection",
        "Targeted Looked After Children (TLAC) inspection publication date", "TLAC Overall Effectiveness (OE)")
    add("SIF", "Single inspection framework (first SIF)",
        "Single Inspection of LA Children's Services (SIF) First SIF publication date", "First SIF Overall Judgement (OE)",
        help_and_protection="First SIF children who need help and protection",
        looked_after="First SIF children looked after and achieving permanence",
        adoption="First SIF CLA Sub: Adoption Performance",
        care_leavers="First SIF CLA Sub: Experiences and progress of care leavers",
        leadership="First SIF leadership, management and governance",
        lscb="LSCB Overall Effectiveness")
    add("SIF re-inspection", "SIF re-inspection",
        "Single Inspection of LA Children's Services (SIF) SIF Re-inspection publication date",
        "SIF Re-inspection Overall Judgement (OE)",
        help_and_protection="SIF Re-inspection children who need help and protection",
        looked_after="SIF Re-inspection children looked after and achieving permanence",
        adoption="SIF Re-inspection CLA Sub: Adoption Performance",
        care_leavers="SIF Re-inspection CLA Sub: Experiences and progress of care leavers",
        leadership="SIF Re-inspection leadership, management and governance")
    # ILACS columns: kept only to check against the 2025 ILACS history.
    for prefix, cin in (("First ILACS framework", "experiences and progress of children in care and care leavers"),
                        ("Second ILACS framework", "experiences and progress of children in care"),
                        ("ILACS framework", "experiences and progress of children in care and care leavers")):
        if prefix + " publication date" not in r:
            continue
        subs = dict(leadership=prefix + " impact of leaders",
                    help_and_protection=prefix + " experiences and progress of children who need help and protection",
                    children_in_care=prefix + " " + cin)
        if prefix + " experiences and progress of care leavers" in r:
            subs["care_leavers"] = prefix + " experiences and progress of care leavers"
        before = len(ev)
        add("ILACS", r.get(prefix + " inspection type", "").strip(), prefix + " publication date",
            prefix + " overall effectiveness", **subs)
        if len(ev) > before:
            ev[-1]["ilacs_from_2023_table"] = True
    return ev


def build_inspections(geo, pol, index):
    """One row per inspection; see module docstring."""
    ds = Dataset(
        "inspections", "Ofsted inspections of local authority children's services",
        "Ofsted (official statistics); Data to Insight (scrape of published Ofsted reports, after March 2025)",
        "Local authority inspection outcomes as at 31 March 2025 (Children's social care data in England 2025); Children's social care data in England 2023 (LA inspections 2009-2023); D2I ofsted-ilacs-scrape-tool",
        "gov.uk Ofsted official statistics (ODS files converted sheet by sheet to CSV); " + "; ".join(SRC[k] for k in ("ilacs_history", "ofsted23_t10", "ofsted23_t11", "scrape")),
        "Ofsted outcomes as at 31 March 2025 (published 25 September 2025); Ofsted 2023 underlying data (published 6 July 2023); D2I scrape refreshed 29 June 2026",
        "year = calendar year in which the inspection report was published")
    ds.sources = ["ilacs_history", "ofsted23_t10", "ofsted23_t11", "scrape", "ilacs_latest", "ilacs_in_year"]
    # Common columns except year first, then year as the publication year.
    ds.column_meta["year"]["description"] = "Calendar year in which the inspection report was published"
    ds.add_column("framework", "Inspection framework: SLAC, SLAC re-inspection, CPI, CPRI, TLAC, SIF, SIF re-inspection, ILACS", "text")
    ds.add_column("inspection_type", "Type as published, e.g. 'ILACS Standard Inspection' / 'ILACS Short Inspection'; for older frameworks the inspection named in the Ofsted table", "text")
    ds.add_column("inspection_date", "First day of the inspection (ISO YYYY-MM-DD); empty where the source has none (all pre-ILACS inspections)", "date")
    ds.add_column("published", "Date the report was published (ISO YYYY-MM-DD)", "date")
    ds.add_column("overall_effectiveness", "Overall effectiveness as published: Outstanding, Good, Requires improvement to be good, Inadequate. Empty for SLAC inspections and SLAC re-inspections, which had separate safeguarding and looked-after judgements and no single overall one", "judgement")
    # Ofsted's scale runs from 1 (best) to 4 (worst): a lower grade is better.
    ds.add_column("overall_grade", "overall_effectiveness as a number: 1 Outstanding, 2 Good, 3 Requires improvement to be good, 4 Inadequate (a lower grade is better); empty if no overall judgement", "grade (1-4)", polarity="low is good")
    for col, desc in JUDGEMENT_COLUMNS:
        ds.add_column(col, desc + ". '-' as published where the judgement did not apply (e.g. no looked after children)", "judgement")
    ds.add_column("source", "'Ofsted official statistics' or 'D2I scrape of published reports' (not official; used only for inspections published after those in the official statistics)", "text")

    events = []
    # 1. ILACS history (official, 2018 - March 2025)
    hist = read_csv(index.path("ilacs_history"))
    hist_names = set()
    for r in hist:
        la = geo.la_by_ons(r["Local authority area code"])
        name = r["Local authority name"]
        if name != geo.authorities[la]["la_name"]:
            hist_names.add("'%s' (%d, DfE '%s')" % (name, la, geo.authorities[la]["la_name"]))
        status = r["Local authority status"]
        if (status == "Current") != (la in geo.current):
            fail("ILACS history status %s for %s" % (status, la))
        j = _blank()
        j.update(leadership=r["The impact of leaders on social work practice with children and families"],
                 help_and_protection=r["The experiences and progress of children who need help and protection"],
                 children_in_care=r["The experiences and progress of children in care"],
                 care_leavers=r["The experiences and progress of care leavers"])
        events.append({"la": la, "framework": "ILACS", "inspection_type": r["Inspection type"],
                       "inspection_date": parse_dmy(r["Inspection date"]), "published": parse_dmy(r["Publication date"]),
                       "overall_effectiveness": r["Overall effectiveness"], "judgements": j, "source": OFFICIAL})
    hist_keys = {(e["la"], e["published"]): e for e in events}

    # 2. 2023 tables (official, 2009-2023)
    t_events = []
    for key, names in (("ofsted23_t10", TABLE10_NAMES), ("ofsted23_t11", TABLE11_NAMES)):
        for la, r in _table_rows(geo, index.path(key), names):
            t_events += _events_2023(la, r, key)
    ilacs_checked = 0
    ilacs_disagree = []
    date_conflicts = []
    type_conflicts = []
    matched_hist = set()
    for e in t_events:
        if e.get("ilacs_from_2023_table"):
            h = hist_keys.get((e["la"], e["published"]))
            if h is None:
                # Same inspection with a different publication date?  Accept
                # only a single candidate with identical type and judgements.
                cands = [x for x in events if x["la"] == e["la"] and x["framework"] == "ILACS"
                         and x["overall_effectiveness"] == e["overall_effectiveness"]
                         and all(x["judgements"][c] == e["judgements"][c] for c in ("leadership", "help_and_protection", "children_in_care"))
                         and (x["la"], x["published"]) not in matched_hist]
                if len(cands) != 1:
                    fail("ILACS in the 2023 table but not in the 2025 history: %s %s" % (e["la"], e["published"]))
                h = cands[0]
                date_conflicts.append("%s (%d): 2023 table %s, 2025 ILACS history %s (inspection began %s)" % (
                    geo.authorities[e["la"]]["la_name"], e["la"], e["published"], h["published"], h["inspection_date"]))
            matched_hist.add((h["la"], h["published"]))
            ilacs_checked += 1
            for c in ("leadership", "help_and_protection", "children_in_care", "care_leavers"):
                if e["judgements"][c] and e["judgements"][c] != h["judgements"][c]:
                    ilacs_disagree.append("%s %s %s" % (e["la"], e["published"], c))
            if e["overall_effectiveness"] != h["overall_effectiveness"]:
                ilacs_disagree.append("%s %s overall" % (e["la"], e["published"]))
            if e["inspection_type"] != h["inspection_type"]:
                type_conflicts.append("%s (%d) published %s: 2023 table '%s', 2025 ILACS history '%s'" % (
                    geo.authorities[e["la"]]["la_name"], e["la"], h["published"], e["inspection_type"], h["inspection_type"]))
            continue
        e["source"] = OFFICIAL
        events.append(e)
    if ilacs_disagree:
        fail("2023 table ILACS judgements disagree with the 2025 history: %s" % ilacs_disagree)

    # 3. D2I scrape: only inspections not in the official files.
    sheet = read_sheet(index.path("scrape"))
    header = sheet[0]
    scrape_used, scrape_dupes, scrape_skipped = [], 0, []
    official_ilacs = {}
    for e in events:
        if e["framework"] == "ILACS":
            official_ilacs.setdefault(e["la"], []).append(e)
    for row in sheet[1:]:
        if not any(row):
            continue
        r = dict(zip(header, row))
        la = int(r["la_code"])
        if la not in geo.authorities:
            fail("scrape LA %s unknown" % la)
        start = parse_dmy(r["inspection_start_date"])
        pub = parse_dmy(r["publication_date"], two_digit_ok=True)
        if any(e["published"] == pub or (e["inspection_date"] and e["inspection_date"] == start)
               for e in official_ilacs.get(la, [])):
            scrape_dupes += 1
            continue
        oe = r["overall_effectiveness_grade"]
        if oe in SCRAPE_MISSING or r["inspection_framework"] not in SCRAPE_FRAMEWORK:
            scrape_skipped.append("%s (%d): framework %r, grade %r, start %s" % (geo.authorities[la]["la_name"], la, r["inspection_framework"], oe, start or "none"))
            continue
        if pub <= max(e["published"] for e in events if e["source"] == OFFICIAL):
            fail("scraped inspection %s (began %s, published %s) falls within the official statistics but is missing from them" % (la, start, pub))

        def grade(v):
            if v in SCRAPE_MISSING:
                return ""
            if v not in SCRAPE_GRADES:
                fail("unknown scraped grade %r" % v)
            return SCRAPE_GRADES[v]
        j = _blank()
        j.update(leadership=grade(r["impact_of_leaders_grade"]), help_and_protection=grade(r["help_and_protection_grade"]),
                 children_in_care=grade(r["in_care_grade"]), care_leavers=grade(r["care_leavers_grade"]))
        e = {"la": la, "framework": "ILACS", "inspection_type": SCRAPE_FRAMEWORK[r["inspection_framework"]],
             "inspection_date": start, "published": pub, "overall_effectiveness": grade(oe), "judgements": j,
             "source": SCRAPED}
        events.append(e)
        scrape_used.append(e)

    # Cross-check: the 'as at 31 March 2025' latest-judgement sheet and the
    # in-year sheet must agree with what we hold.
    latest_checked = 0
    for r in read_csv(index.path("ilacs_latest")):
        la = geo.la_by_ons(r["Local authority area code"])
        pub = parse_dmy(r["Publication date"])
        match = [e for e in events if e["la"] == la and e["framework"] == "ILACS" and e["published"] == pub]
        if len(match) != 1 or match[0]["overall_effectiveness"] != r["Overall effectiveness"]:
            fail("latest-judgement sheet disagrees for %s %s" % (la, pub))
        latest_checked += 1
    in_year_checked = 0
    for r in read_csv(index.path("ilacs_in_year")):
        if r["Inspection/Visit type"] not in ("ILACS Standard Inspection", "ILACS Short Inspection"):
            continue
        la = geo.la_by_ons(r["Local authority area code"])
        pub = parse_dmy(r["Publication date"])
        match = [e for e in events if e["la"] == la and e["framework"] == "ILACS" and e["published"] == pub]
        if len(match) != 1 or match[0]["overall_effectiveness"] != r["Overall effectiveness"]:
            fail("in-year sheet disagrees for %s %s" % (la, pub))
        in_year_checked += 1

    # Rows
    seen = set()
    for e in events:
        key = (e["la"], e["framework"], e["inspection_type"], e["published"])
        if key in seen:
            fail("duplicate inspection %s" % (key,))
        seen.add(key)
        g = geo.local(e["la"])
        oe = e["overall_effectiveness"]
        row = dict(g, year=e["published"][:4], framework=e["framework"], inspection_type=e["inspection_type"],
                   inspection_date=e["inspection_date"], published=e["published"], overall_effectiveness=oe,
                   overall_grade=GRADES.get(oe, ""), source=e["source"], **e["judgements"])
        ds.rows.append(row)
    order = {"SLAC": 0, "SLAC re-inspection": 1, "CPI": 2, "CPRI": 3, "TLAC": 4, "SIF": 5, "SIF re-inspection": 6, "ILACS": 7}
    ds.rows.sort(key=lambda r: (int(r["la_code"]), r["published"], order[r["framework"]], r["inspection_type"]))
    for r in ds.rows:
        for c in ["overall_effectiveness"] + [c for c, _ in JUDGEMENT_COLUMNS]:
            v = r[c]
            if v not in GRADES and v not in ("", "-"):
                fail("unexpected judgement %r in %s" % (v, c))

    fw = {}
    for r in ds.rows:
        fw.setdefault(r["framework"], []).append(int(r["year"]))
    ds.caveats += [
        "One row per inspection, all frameworks since 2009: " + "; ".join("%s %d (%s)" % (k, len(v), years_text(v)) for k, v in sorted(fw.items(), key=lambda kv: order[kv[0]])) + ".",
        "Ofsted's official statistics ('as at 31 March 2025', published 25 September 2025) are the source for every inspection they hold: the last began on %s and was published on %s. %d later ILACS inspections come from the Data to Insight scrape of published reports (source = '%s'), which is not an official statistic: every one was published after %s%s. The scrape holds only the latest inspection per authority, so an authority inspected twice after March 2025 shows only the latest." % (
            max(e["inspection_date"] for e in events if e["source"] == OFFICIAL and e["inspection_date"]),
            max(e["published"] for e in events if e["source"] == OFFICIAL), len(scrape_used), SCRAPED,
            max(e["published"] for e in events if e["source"] == OFFICIAL),
            "".join("; %s (%d) began on %s, before 31 March 2025, but its report came out on %s, after the official tables were drawn up" % (
                geo.authorities[e["la"]]["la_name"], e["la"], e["inspection_date"], e["published"])
                for e in scrape_used if e["inspection_date"] and e["inspection_date"] <= "2025-03-31")),
        "A row's year is the calendar year in which its report was published. The judgement in force on a date is that of the latest graded inspection published on or before it (the `as_at` stage: `inspections | as_at \"2025-03-31\"`); Ofsted's own tables count judgements 'as at 31 March'.",
        "Scraped grades are lower case in the scrape ('requires improvement'); they are written in Ofsted's published spelling ('Requires improvement to be good').",
        "Pre-2018 judgements are as Ofsted's 2023 table records them: it uses the current four-point scale for older frameworks (e.g. SLAC 'Adequate' appears as 'Requires improvement to be good').",
        "SLAC inspections had two separate judgements (safeguarding, looked after children) and no overall judgement: overall_effectiveness and overall_grade are empty for them. A SLAC re-inspection judged one of the two services again, so its one judgement is in safeguarding or looked_after (whichever was re-inspected) and its overall_effectiveness is empty too. SLAC, CPI and CPRI were not on the same scale as SIF/ILACS; compare grades across frameworks with care.",
        "children_in_care: before January 2023 ILACS judged 'children in care and care leavers' together; from January 2023 care leavers have their own judgement (care_leavers).",
        "inspection_date (first day on site) is known only for ILACS; the 2023 table gives publication dates only.",
        "The 2023 Ofsted tables have no LA codes: names were matched to the DfE names, with an explicit map for the names that differ (%s); any unmatched name stops the build. 'Dorset' means the unitary authority (838) in table10 and Dorset County Council (835) in table11." % (
            "; ".join("'%s' -> %s (%d)" % (k, geo.authorities[v]["la_name"], v) for k, v in sorted(TABLE10_NAMES.items()) if k != "Dorset")),
        "Former authorities keep their own inspections: Bournemouth 837, Poole 836, Dorset County 835, Northamptonshire 928, Cumbria 909 (the 2025 ILACS history links Bournemouth, Northamptonshire and Cumbria to successor provider pages, but its ONS codes identify the former authorities).",
        "Focused visits and monitoring visits (in the 2025 in-year sheet) are not graded inspections and are not included.",
    ]
    if type_conflicts:
        ds.caveats.append("Inspection type differs between Ofsted's 2023 table and its 2025 ILACS history for the same inspection; the 2025 value is used: " + "; ".join(type_conflicts) + ".")
    if date_conflicts:
        ds.caveats.append("Publication dates that differ between Ofsted's 2023 table and its 2025 ILACS history for the same inspection (same type and judgements); the 2025 date is used: " + "; ".join(date_conflicts) + ".")
    if scrape_skipped:
        ds.caveats.append("Scrape rows skipped because they carry no inspection framework or grade (not matched to any official inspection either): " + "; ".join(scrape_skipped) + ".")
    ds.transformations += [
        "Dates converted from dd/mm/yyyy (dd/mm/yy for the scrape's publication date, read as 20yy) to ISO YYYY-MM-DD; never sorted as text.",
        "The 2023 table's wide rows (one per authority) exploded into one row per inspection; SLAC re-inspections of safeguarding and of looked after services are separate rows.",
        "ILACS history rows mapped to DfE codes through their ONS codes (former codes included); names written in DfE spelling. Ofsted spellings that differ: " + ", ".join(sorted(hist_names)) + ".",
        "%d ILACS inspections in the 2023 table duplicate the 2025 ILACS history and were dropped after checking that every judgement agrees (differences in type or date are listed in the caveats)." % ilacs_checked,
        "%d scrape rows duplicate an official inspection (same authority and publication or start date) and were dropped in favour of the official row." % scrape_dupes,
        "Cross-checks: the latest judgement of all %d authorities in the 'as at 31 March 2025' sheet and the %d 2024-25 ILACS inspections in the in-year sheet agree with the rows here." % (latest_checked, in_year_checked),
    ]
    ds.dropped += ["%d duplicate ILACS rows of the 2023 table (kept from the 2025 ILACS history)." % ilacs_checked,
                   "%d duplicate scrape rows (kept the official row)." % scrape_dupes]
    if scrape_skipped:
        ds.dropped.append("%d scrape rows with no framework/grade." % len(scrape_skipped))
    ds.gaps += ["Inspections after March 2025 rely on the unofficial scrape and only the latest per authority.",
                "No inspection (on-site) dates before ILACS.",
                "LSCB reviews are only recorded alongside the first SIF."]
    ds.dropped_placeholders = 0
    ds.years_covered = years_text(r["year"] for r in ds.rows)
    return ds
